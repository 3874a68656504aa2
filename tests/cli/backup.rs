//! backup PATH: a consistent copy while another process writes.

use crate::support::Env;

#[test]
fn backup_while_another_process_writes() {
    let env = Env::activated();
    let mut writers: Vec<_> = (0..3)
        .map(|i| {
            env.cmd(&[
                "settings",
                "set",
                "default_url",
                &format!("https://nf{i}.example.net/"),
            ])
            .spawn()
            .unwrap()
        })
        .collect();
    let dest = env.path("copy.db");
    env.ok(&["backup", dest.to_str().unwrap()]);
    for w in &mut writers {
        assert!(w.wait().unwrap().success());
    }
    let conn = rusqlite::Connection::open(&dest).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let n: i64 = conn
        .query_row("SELECT count(*) FROM settings", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 6);
    assert_eq!(crate::support::mode(&dest), 0o600);
}

#[test]
fn backup_refuses_to_overwrite_without_yes() {
    let env = Env::activated();
    let dest = env.write("exists.db", "precious");
    let err = env.fails(&["backup", dest.to_str().unwrap()], 73);
    assert!(err.contains("--yes"), "{err}");
    assert_eq!(std::fs::read_to_string(&dest).unwrap(), "precious");
    env.ok(&["--yes", "backup", dest.to_str().unwrap()]);
}

#[test]
fn backup_into_a_missing_directory_fails_with_73() {
    let env = Env::activated();
    let dest = env.path("no/such/dir/copy.db");
    env.fails(&["backup", dest.to_str().unwrap()], 73);
}

/// `backup -` writes the copy to stdout, for a pipe; the key reminder goes to
/// stderr, and no file named `-` appears.
#[test]
fn backup_to_stdout_is_a_whole_database() {
    let env = Env::activated();
    env.ok(&["access", "add", "--service", "4", "--username", "piped"]);
    let out = env.run(&["backup", "-"]);
    assert!(out.status.success());
    assert!(out.stdout.starts_with(b"SQLite format 3\0"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the key is not in the backup"));
    assert!(!env.path("-").exists());
    let copy = env.path("copy.db");
    std::fs::write(&copy, &out.stdout).unwrap();
    let conn = rusqlite::Connection::open(&copy).unwrap();
    let user: String = conn
        .query_row(
            "SELECT username FROM access WHERE service_id = 4",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(user, "piped");
    let quiet = env.run(&["backup", "-", "--quiet"]);
    assert_eq!(String::from_utf8_lossy(&quiet.stderr), "");
}
