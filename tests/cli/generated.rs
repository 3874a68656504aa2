//! The committed completions/ and man/ are what the binary generates now
//! (SPEC 6): regenerate them with scripts/generate.sh when this fails.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::CommandFactory;

use crate::support::Env;

const REGENERATE: &str = "regenerate them with: scripts/generate.sh";

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn files_in(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}; {REGENERATE}", dir.display()))
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect()
}

#[test]
fn committed_completions_are_current() {
    let env = Env::new();
    for (shell, file) in [
        ("bash", "netflow-manager.bash"),
        ("zsh", "_netflow-manager"),
        ("fish", "netflow-manager.fish"),
    ] {
        let fresh = env.ok(&["completions", shell]);
        let committed = std::fs::read_to_string(repo("completions").join(file))
            .unwrap_or_else(|e| panic!("completions/{file}: {e}; {REGENERATE}"));
        assert!(
            fresh == committed,
            "completions/{file} is stale; {REGENERATE}"
        );
    }
}

#[test]
fn committed_man_pages_are_current() {
    let env = Env::new();
    let dir = env.path("man");
    env.ok(&["man", dir.to_str().unwrap()]);
    let fresh = files_in(&dir);
    let committed = files_in(&repo("man"));
    let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(&committed),
        names(&fresh),
        "man/ has other pages than the binary generates; {REGENERATE}"
    );
    for (name, text) in &fresh {
        assert!(
            committed[name] == *text,
            "man/{name} is stale; {REGENERATE}"
        );
    }
}

/// One page per command group, each with the sections an operator looks for.
#[test]
fn every_command_group_has_a_page_with_exit_status_files_and_environment() {
    let cli = netflow_manager::cli::Cli::command();
    let mut expected = vec!["netflow-manager.1".to_owned()];
    expected.extend(
        cli.get_subcommands()
            .filter(|c| !c.is_hide_set())
            .map(|c| format!("netflow-manager-{}.1", c.get_name())),
    );
    let pages = files_in(&repo("man"));
    for name in &expected {
        let text = String::from_utf8(pages.get(name).cloned().unwrap_or_default()).unwrap();
        for section in [".SH \"EXIT STATUS\"", ".SH FILES", ".SH ENVIRONMENT"] {
            assert!(text.contains(section), "man/{name} lacks {section}");
        }
        for var in [
            "NETFLOW_MANAGER_DB",
            "NETFLOW_MANAGER_CONFIG",
            "NETFLOW_MANAGER_KEY",
            "NETFLOW_MANAGER_NOW",
            "NO_COLOR",
        ] {
            assert!(text.contains(var), "man/{name} does not mention {var}");
        }
        for code in [
            "0", "1", "2", "65", "66", "69", "70", "73", "75", "77", "78",
        ] {
            assert!(
                text.contains(&format!(".TP\n\\fB{code}\\fR\n")),
                "man/{name} does not explain exit code {code}"
            );
        }
    }
    assert_eq!(pages.len(), expected.len(), "one page per command group");
    let access = String::from_utf8(pages["netflow-manager-access.1"].clone()).unwrap();
    assert!(
        access.contains(".SS \"netflow-manager access import\"")
            && access.contains("\\-\\-on\\-conflict"),
        "a group page documents each subcommand's options"
    );
}
