//! activate, deactivate, status; the store and key file rules; config; exits.

use std::os::unix::fs::PermissionsExt;

use crate::support::{Env, mode};

#[test]
fn activate_creates_store_and_private_key_then_changes_nothing() {
    let env = Env::new();
    let first = env.ok(&["activate"]);
    assert!(first.contains("created store"), "{first}");
    assert!(first.contains("created key file"), "{first}");
    assert!(first.contains("module activated"), "{first}");
    assert_eq!(mode(&env.key()), 0o600);
    assert_eq!(std::fs::read(env.key()).unwrap().len(), 32);
    assert_eq!(env.sql::<String>("PRAGMA journal_mode"), "wal");
    assert_eq!(env.sql::<i64>("PRAGMA user_version"), 3);
    let key = std::fs::read(env.key()).unwrap();
    let audit_rows: i64 = env.sql("SELECT count(*) FROM audit");

    let second = env.ok(&["activate"]);
    assert!(second.starts_with("nothing to do"), "{second}");
    assert_eq!(std::fs::read(env.key()).unwrap(), key);
    assert_eq!(env.sql::<i64>("SELECT count(*) FROM audit"), audit_rows);
}

#[test]
fn activate_at_the_default_xdg_path() {
    let env = Env::new();
    let out = env
        .cmd(&["activate"])
        .env_remove("NETFLOW_MANAGER_DB")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(env.path("data-home/netflow-manager/netflow.db").exists());
    assert_eq!(
        mode(&env.path("data-home/netflow-manager/netflow.key")),
        0o600
    );
}

#[test]
fn store_path_from_the_config_file() {
    let env = Env::new();
    let db = env.path("elsewhere.db");
    let cfg = env.write(
        "config.toml",
        &format!("[store]\npath = {:?}\n", db.display().to_string()),
    );
    let out = env
        .cmd(&["--config", cfg.to_str().unwrap(), "activate"])
        .env_remove("NETFLOW_MANAGER_DB")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(db.exists());
    assert!(env.path("elsewhere.key").exists());
}

#[test]
fn deactivate_keeps_everything_and_activate_restores_it() {
    let env = Env::activated();
    env.ok(&["settings", "set", "default_url", "https://nf.example.net/"]);
    env.ok(&["deactivate"]);
    assert_eq!(env.sql::<i64>("SELECT count(*) FROM settings"), 6);
    let status = env.json(&["status", "--format", "json"]);
    assert_eq!(status["module"], "deactivated");
    let err = env.fails(
        &["settings", "set", "default_url", "https://x.example/"],
        78,
    );
    assert!(err.contains("module is deactivated; run"), "{err}");
    env.ok(&["activate"]);
    assert_eq!(
        env.ok(&["settings", "get", "default_url"]).trim(),
        "https://nf.example.net/"
    );
    assert_eq!(
        env.json(&["status", "--format", "json"])["module"],
        "active"
    );
}

#[test]
fn a_store_from_a_newer_version_is_refused() {
    let env = Env::activated();
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let err = env.fails(&["status"], 78);
    assert!(err.contains("newer netflow-manager"), "{err}");
    let err = env.fails(&["activate"], 78);
    assert!(err.contains("newer netflow-manager"), "{err}");
}

#[test]
fn commands_before_activate_say_to_activate() {
    let env = Env::new();
    let err = env.fails(&["status"], 78);
    assert!(err.contains("netflow-manager activate"), "{err}");
    assert!(!env.db().exists(), "reading must not create the store");
}

#[test]
fn key_file_readable_by_group_or_others_is_refused() {
    let env = Env::activated();
    for m in [0o644, 0o640, 0o604] {
        std::fs::set_permissions(env.key(), std::fs::Permissions::from_mode(m)).unwrap();
        let err = env.fails(&["activate"], 77);
        assert!(err.contains("chmod 600"), "{err}");
    }
}

#[test]
fn a_wrong_key_is_reported_as_a_wrong_key() {
    let env = Env::activated();
    std::fs::write(env.key(), [7u8; 32]).unwrap();
    let err = env.fails(&["activate"], 78);
    assert!(err.contains("wrong key"), "{err}");
}

#[test]
fn key_from_the_environment() {
    let mut env = Env::new();
    env.set(
        "NETFLOW_MANAGER_KEY",
        "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
    );
    let out = env.ok(&["activate"]);
    assert!(out.contains("NETFLOW_MANAGER_KEY"), "{out}");
    assert!(!env.key().exists());
    env.set("NETFLOW_MANAGER_KEY", "bm90IGEga2V5");
    env.fails(&["activate"], 78);
}

#[test]
fn unknown_config_key_names_key_and_file() {
    let env = Env::new();
    let cfg = env.write("bad.toml", "[licensing]\nsecert = \"x\"\n");
    let err = env.fails(&["--config", cfg.to_str().unwrap(), "activate"], 78);
    assert!(err.contains("secert") && err.contains("bad.toml"), "{err}");
    assert!(!env.db().exists(), "a failed command writes nothing");
    let err = env.fails(
        &[
            "--config",
            env.path("missing.toml").to_str().unwrap(),
            "status",
        ],
        78,
    );
    assert!(err.contains("does not exist"), "{err}");
}

#[test]
fn bad_clock_override_is_a_config_error() {
    let mut env = Env::activated();
    env.set("NETFLOW_MANAGER_NOW", "tomorrow");
    env.fails(&["status"], 78);
}

#[test]
fn clock_override_dates_the_audit_log() {
    let mut env = Env::new();
    env.set("NETFLOW_MANAGER_NOW", "2027-02-03T04:05:06Z");
    env.ok(&["activate"]);
    let audit = env.json(&["audit", "list", "--format", "json"]);
    assert_eq!(audit[0]["at"], "2027-02-03T04:05:06Z");
}

#[test]
fn usage_errors_exit_2() {
    let env = Env::activated();
    env.fails(&["frobnicate"], 2);
    env.fails(&["status", "--format", "xml"], 2);
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let env = Env::activated();
    let mut child = env
        .cmd(&["audit", "list", "--limit", "1000"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.code() == Some(0),
        "{:?} {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn status_shows_the_overview() {
    let env = Env::activated();
    let s = env.json(&["status", "--format", "json"]);
    assert_eq!(s["module"], "active");
    assert_eq!(s["schema_version"], 3);
    assert_eq!(s["records"]["enabled"], 0);
    assert_eq!(s["store"], env.db().display().to_string());
    assert!(s["key_fingerprint"].as_str().unwrap().len() == 19);
    let table = env.ok(&["status"]);
    assert!(table.contains("key fingerprint"), "{table}");
}

#[test]
fn a_store_busy_past_the_timeout_exits_75_and_writes_nothing() {
    let env = Env::activated();
    let cfg = env.write("fast.toml", "[store]\nbusy_timeout_ms = 200\n");
    let holder = rusqlite::Connection::open(env.db()).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let err = env.fails(
        &[
            "--config",
            cfg.to_str().unwrap(),
            "settings",
            "set",
            "default_url",
            "https://x.example/",
        ],
        75,
    );
    assert!(err.contains("busy"), "{err}");
    holder.execute_batch("ROLLBACK").unwrap();
    assert_eq!(
        env.ok(&["settings", "get", "default_url"]).trim(),
        "https://netflow.myownserver.net/"
    );
}

#[test]
fn a_missing_key_is_never_replaced_while_passwords_need_it() {
    let env = Env::activated();
    env.ok_with_stdin(
        &[
            "access",
            "add",
            "--service",
            "1",
            "--username",
            "u",
            "--password-stdin",
        ],
        "pw\n",
    );
    std::fs::remove_file(env.key()).unwrap();
    let err = env.fails(&["activate"], 78);
    assert!(err.contains("restore the key file"), "{err}");
    assert!(!env.key().exists(), "no new key was made");
    let err = env.fails(&["access", "show", "1", "--reveal-password"], 78);
    assert!(err.contains("missing"), "{err}");
}

#[test]
fn a_key_file_of_the_wrong_size_is_refused() {
    let env = Env::activated();
    std::fs::write(env.key(), b"short").unwrap();
    let err = env.fails(&["activate"], 78);
    assert!(err.contains("not a 32-byte key"), "{err}");
}

#[test]
fn a_store_that_is_not_sqlite_is_bad_data() {
    let env = Env::new();
    std::fs::write(env.db(), vec![b'x'; 4096]).unwrap();
    let err = env.fails(&["status"], 65);
    assert!(err.contains("netflow.db"), "{err}");
}
