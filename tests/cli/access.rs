//! access add/edit/list/show/enable/disable/remove/export: SPEC 2.1 and 4.

use crate::support::Env;

const PW: &str = "Tr0ub4dor&3-secret";

fn with_records() -> Env {
    let env = Env::activated();
    env.ok_with_stdin(
        &[
            "access",
            "add",
            "--service",
            "1042",
            "--client",
            "7",
            "--username",
            "alice",
            "--password-stdin",
            "--group",
            "core",
            "--ip",
            "2001:DB8:0::1",
            "--notes",
            "vip",
        ],
        &format!("{PW}\n"),
    );
    env.ok(&[
        "access",
        "add",
        "--service",
        "1043",
        "--client",
        "7",
        "--username",
        "alice",
    ]);
    env.ok(&[
        "access",
        "add",
        "--service",
        "2000",
        "--client",
        "8",
        "--username",
        "bob",
        "--url",
        "https://nf2.example.net/",
        "--disabled",
    ]);
    env
}

#[test]
fn add_stores_normalised_fields_and_an_encrypted_password() {
    let env = with_records();
    let rec = env.json(&["access", "show", "1042", "--format", "json"]);
    assert_eq!(rec["service_id"], 1042);
    assert_eq!(rec["client_id"], 7);
    assert_eq!(rec["username"], "alice");
    assert_eq!(rec["ip_address"], "2001:db8::1");
    assert_eq!(rec["url"], "");
    assert_eq!(rec["effective_url"], "https://netflow.myownserver.net/");
    assert_eq!(rec["group"], "core");
    assert_eq!(rec["notes"], "vip");
    assert_eq!(rec["enabled"], true);
    assert!(rec.get("password").is_none());
    assert!(rec["created_at"].as_str().unwrap().ends_with('Z'));
    let blob: Vec<u8> = env.sql("SELECT password FROM access WHERE service_id = 1042");
    assert!(!String::from_utf8_lossy(&blob).contains(PW));
    assert!(blob.len() > PW.len());
}

#[test]
fn a_second_record_for_a_service_is_refused() {
    let env = with_records();
    let err = env.fails(
        &["access", "add", "--service", "1042", "--username", "x"],
        65,
    );
    assert!(err.contains("access edit 1042"), "{err}");
}

#[test]
fn invalid_fields_exit_65_and_write_nothing() {
    let env = Env::activated();
    for args in [
        vec!["--service", "0", "--username", "u"],
        vec!["--service", "x", "--username", "u"],
        vec!["--service", "5", "--username", ""],
        vec!["--service", "5", "--username", &"u".repeat(65)],
        vec![
            "--service",
            "5",
            "--username",
            "u",
            "--url",
            "ftp://x.example/",
        ],
        vec!["--service", "5", "--username", "u", "--ip", "10.0.0.300"],
        vec![
            "--service",
            "5",
            "--username",
            "u",
            "--ip",
            "10.0.0.9-10.0.0.1",
        ],
        vec!["--service", "5", "--username", "u", "--client=-1"],
    ] {
        let mut full = vec!["access", "add"];
        full.extend(args);
        env.fails(&full, 65);
    }
    assert_eq!(env.sql::<i64>("SELECT count(*) FROM access"), 0);
}

#[test]
fn without_a_terminal_a_missing_username_is_a_usage_error_and_no_password_is_set() {
    let env = Env::activated();
    env.fails(&["access", "add", "--service", "5"], 2);
    env.ok(&["access", "add", "--service", "5", "--username", "u"]);
    let rec = env.json(&["access", "show", "5", "--format", "json"]);
    assert_eq!(rec["has_password"], false);
}

#[test]
fn empty_password_on_stdin_is_refused() {
    let env = Env::activated();
    env.fails_with_stdin(
        &[
            "access",
            "add",
            "--service",
            "5",
            "--username",
            "u",
            "--password-stdin",
        ],
        "\n",
        65,
    );
}

#[test]
fn password_is_never_printed_unless_revealed_and_reveal_is_audited() {
    let env = with_records();
    for args in [
        vec!["access", "list"],
        vec!["access", "list", "--format", "json"],
        vec!["access", "list", "--format", "csv"],
        vec!["access", "show", "1042"],
        vec!["access", "show", "1042", "--format", "json"],
        vec!["access", "export"],
        vec!["access", "export", "--format", "json"],
        vec!["audit", "list"],
        vec!["status"],
    ] {
        let out = env.ok(&args);
        assert!(!out.contains(PW), "{args:?} printed the password");
    }
    let shown = env.json(&[
        "access",
        "show",
        "1042",
        "--reveal-password",
        "--format",
        "json",
    ]);
    assert_eq!(shown["password"], PW);
    let audit = env.json(&["audit", "list", "--format", "json"]);
    assert_eq!(audit[0]["action"], "access.reveal_password");
    assert!(!serde_json::to_string(&audit).unwrap().contains(PW));
}

#[test]
fn generated_password_is_printed_once_and_stored() {
    let env = Env::activated();
    let out = env.ok(&[
        "-q",
        "access",
        "add",
        "--service",
        "9",
        "--username",
        "g",
        "--generate-password",
    ]);
    let pw = out.trim();
    assert_eq!(pw.len(), 20);
    let shown = env.json(&[
        "access",
        "show",
        "9",
        "--reveal-password",
        "--format",
        "json",
    ]);
    assert_eq!(shown["password"], pw);
}

#[test]
fn list_filters() {
    let env = with_records();
    let ids = |args: &[&str]| -> Vec<i64> {
        let mut full = vec!["access", "list", "--format", "json"];
        full.extend(args);
        env.json(&full)
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["service_id"].as_i64().unwrap())
            .collect()
    };
    assert_eq!(ids(&[]), [1042, 1043, 2000]);
    assert_eq!(ids(&["--client", "7"]), [1042, 1043]);
    assert_eq!(ids(&["--enabled"]), [1042, 1043]);
    assert_eq!(ids(&["--disabled"]), [2000]);
    assert_eq!(ids(&["--username", "bob"]), [2000]);
    assert_eq!(ids(&["--search", "NF2.example"]), [2000]);
    assert_eq!(ids(&["--search", "2001:db8"]), [1042]);
    assert_eq!(ids(&["--search", "%"]), Vec::<i64>::new());
    let csv = env.ok(&["access", "list", "--format", "csv"]);
    assert!(
        csv.starts_with(
            "service_id,client_id,username,url,effective_url,group,ip_address,notes,enabled"
        ),
        "{csv}"
    );
}

#[test]
fn edit_changes_fields_and_passwords() {
    let env = with_records();
    env.ok(&[
        "access",
        "edit",
        "1043",
        "--username",
        "carol",
        "--ip",
        "192.0.2.7/24",
    ]);
    env.ok_with_stdin(&["access", "edit", "1043", "--password-stdin"], "newpass\n");
    let rec = env.json(&[
        "access",
        "show",
        "1043",
        "--reveal-password",
        "--format",
        "json",
    ]);
    assert_eq!(rec["username"], "carol");
    assert_eq!(rec["ip_address"], "192.0.2.0/24");
    assert_eq!(rec["password"], "newpass");
    env.ok(&["access", "edit", "1043", "--clear-password", "--disabled"]);
    let rec = env.json(&["access", "show", "1043", "--format", "json"]);
    assert_eq!(rec["has_password"], false);
    assert_eq!(rec["enabled"], false);
    env.ok(&["access", "edit", "1043", "--enabled"]);
    assert_eq!(
        env.json(&["access", "show", "1043", "--format", "json"])["enabled"],
        true
    );
    let err = env.fails(&["access", "edit", "1043"], 2);
    assert!(err.contains("nothing to change"), "{err}");
    env.fails(&["access", "edit", "999", "--username", "x"], 66);
}

#[test]
fn enable_disable_and_remove() {
    let env = with_records();
    env.ok(&["access", "disable", "1042"]);
    assert_eq!(
        env.json(&["access", "show", "1042", "--format", "json"])["enabled"],
        false
    );
    env.ok(&["access", "enable", "1042"]);
    assert_eq!(
        env.json(&["access", "show", "1042", "--format", "json"])["enabled"],
        true
    );
    let err = env.fails(&["access", "remove", "1042"], 2);
    assert!(err.contains("--yes"), "{err}");
    env.ok(&["--yes", "access", "remove", "1042"]);
    env.fails(&["access", "show", "1042"], 66);
    env.fails(&["--yes", "access", "remove", "1042"], 66);
    env.fails(&["access", "enable", "1042"], 66);
}

#[test]
fn the_same_username_may_serve_several_services() {
    let env = with_records();
    let alice = env.json(&["access", "list", "--username", "alice", "--format", "json"]);
    assert_eq!(alice.as_array().unwrap().len(), 2);
}

#[test]
fn changes_are_refused_while_deactivated_but_reading_works() {
    let env = with_records();
    env.ok(&["deactivate"]);
    for args in [
        vec!["access", "add", "--service", "5", "--username", "u"],
        vec!["access", "edit", "1042", "--username", "x"],
        vec!["access", "disable", "1042"],
        vec!["--yes", "access", "remove", "1042"],
    ] {
        let err = env.fails(&args, 78);
        assert!(
            err.contains("module is deactivated; run activate")
                || err.contains("module is deactivated"),
            "{err}"
        );
    }
    env.ok(&["access", "list"]);
    env.ok(&["access", "export"]);
    assert_eq!(env.sql::<i64>("SELECT count(*) FROM access"), 3);
}

#[test]
fn concurrent_adds_wait_for_each_other() {
    let env = Env::activated();
    let children: Vec<_> = (1..=8)
        .map(|i| {
            env.cmd(&[
                "access",
                "add",
                "--service",
                &i.to_string(),
                "--username",
                &format!("u{i}"),
            ])
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(env.sql::<i64>("SELECT count(*) FROM access"), 8);
}

#[test]
fn a_ciphertext_moved_to_another_row_does_not_decrypt() {
    let env = with_records();
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute(
        "UPDATE access SET password = (SELECT password FROM access WHERE service_id = 1042) WHERE service_id = 1043",
        [],
    )
    .unwrap();
    drop(conn);
    let err = env.fails(&["access", "show", "1043", "--reveal-password"], 65);
    assert!(!err.contains(PW));
}
