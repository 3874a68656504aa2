//! The committed completions, run in the real shells: bash, zsh and fish each
//! complete commands, subcommands and flags at every depth.

use std::path::Path;
use std::process::Command;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/completions");

fn shell(name: &str) -> Command {
    let found = Command::new(name)
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .status();
    assert!(
        found.is_ok_and(|s| s.success()),
        "{name} is not installed: run the tests with scripts/test.sh, which installs it"
    );
    Command::new(name)
}

fn lines(out: std::process::Output) -> Vec<String> {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut v: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.split('\t').next().unwrap_or("").trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    v.sort();
    v.dedup();
    v
}

/// What `shell` offers after `words` (the last one being completed).
fn complete(shell_name: &str, words: &[&str]) -> Vec<String> {
    let line = words.join(" ");
    let out = match shell_name {
        "bash" => shell("bash")
            .arg("-c")
            .arg(
                r#"source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1));
                   COMP_LINE="$*"; COMP_POINT=${#COMP_LINE};
                   _netflow__manager netflow-manager "${COMP_WORDS[-1]}" "${COMP_WORDS[-2]}";
                   printf '%s\n' "${COMPREPLY[@]}""#,
            )
            .arg("bash")
            .arg(Path::new(DIR).join("netflow-manager.bash"))
            .args(words)
            .output(),
        "zsh" => shell("timeout")
            .args(["20", "zsh", "-f"])
            .arg(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/support/zcomplete.zsh"
            ))
            .arg(DIR)
            .arg(&line)
            .output(),
        _ => shell("fish")
            .arg("--no-config")
            .arg("-c")
            .arg(format!(
                "source {}/netflow-manager.fish; complete -C '{line}'",
                DIR
            ))
            .output(),
    };
    lines(out.unwrap())
}

#[test]
fn every_shell_completes_at_every_depth() {
    for sh in ["bash", "zsh", "fish"] {
        let top = complete(sh, &["netflow-manager", "acc"]);
        assert!(top.contains(&"access".to_owned()), "{sh}: {top:?}");
        let sub = complete(sh, &["netflow-manager", "access", ""]);
        for want in ["add", "edit", "export", "import", "list", "show"] {
            assert!(sub.contains(&want.to_owned()), "{sh}: {want} in {sub:?}");
        }
        assert!(!sub.contains(&"activate".to_owned()), "{sh}: {sub:?}");
        let flags = complete(sh, &["netflow-manager", "access", "add", "--se"]);
        assert_eq!(flags, ["--service"], "{sh}");
        let deeper = complete(sh, &["netflow-manager", "whmcs", "sync", "--dr"]);
        assert_eq!(deeper, ["--dry-run"], "{sh}");
    }
}
