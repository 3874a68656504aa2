//! The scripting contract (SPEC 2.2) as scripts meet it: closed pipes, formats.

use std::io::Read;
use std::process::Stdio;

use crate::support::Env;

fn store_with_records(n: usize) -> Env {
    let env = Env::activated();
    let mut csv = String::from("service_id,client_id,username,password,notes\n");
    for i in 1..=n {
        csv.push_str(&format!(
            "{i},{},user{i},pw{i},some notes for {i}\n",
            i % 50 + 1
        ));
    }
    let path = env.write("seed.csv", &csv);
    env.ok(&["access", "import", path.to_str().unwrap()]);
    env
}

/// `… | head -c 1`: the reader goes away after one byte. The command ends
/// quietly with exit 0 in every format.
#[test]
fn a_closed_pipe_is_a_quiet_success_in_every_format() {
    let env = store_with_records(3_000);
    for args in [
        &["access", "list"][..],
        &["access", "export"],
        &["access", "export", "--include-passwords"],
        &["audit", "list"],
    ] {
        for format in ["table", "json", "csv"] {
            let mut all = args.to_vec();
            all.extend(["--format", format]);
            let mut child = env
                .cmd(&all)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let mut stdout = child.stdout.take().unwrap();
            let mut byte = [0u8; 1];
            stdout.read_exact(&mut byte).unwrap();
            drop(stdout);
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(0), "{all:?}: {stderr}");
            assert_eq!(stderr, "", "{all:?}");
        }
    }
}

/// Every fix is said once, and a missing record is not sent to `access add`
/// by a command that removes or changes one.
#[test]
fn hints_say_the_fix_once_and_fit_the_command() {
    let env = Env::new();
    let out = env.run(&["doctor"]);
    let text = String::from_utf8_lossy(&out.stdout);
    let store = text.lines().find(|l| l.contains("store:")).unwrap();
    assert_eq!(
        store.matches("netflow-manager activate").count(),
        1,
        "{store}"
    );
    let env = Env::activated();
    for args in [
        &["access", "remove", "404", "--yes"][..],
        &["access", "disable", "404"],
        &["access", "show", "404"],
    ] {
        let err = env.fails(args, 66);
        assert!(!err.contains("access add"), "{args:?}: {err}");
        assert!(err.contains("service 404"), "{err}");
    }
}
