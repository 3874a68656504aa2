//! access import/export: SPEC 5.2, all or nothing, every bad row reported.

use proptest::prelude::*;

use crate::support::{Env, expect_rejected};

const HEADER: &str = "service_id,client_id,username,password,url,group,ip_address,notes,enabled\n";

fn import_file(env: &Env, name: &str, text: &str, extra: &[&str]) -> std::process::Output {
    let path = env.write(name, text);
    let mut args = vec!["access", "import", path.to_str().unwrap()];
    args.extend(extra);
    env.run(&args)
}

#[test]
fn csv_import_inserts_and_summarises() {
    let env = Env::activated();
    let text = format!(
        "{HEADER}1,10,alice,pw-one,,core,10.0.0.1,,yes\n2,,bob,,https://nf.example.net,,2001:DB8::5,\"multi\nline\",0\n"
    );
    let out = import_file(&env, "in.csv", &text, &[]);
    let stdout = crate::support::expect_ok(&[], out);
    assert!(
        stdout.contains("2 inserted, 0 updated, 0 skipped"),
        "{stdout}"
    );
    let recs = env.json(&["access", "list", "--format", "json"]);
    assert_eq!(recs[1]["ip_address"], "2001:db8::5");
    assert_eq!(recs[1]["enabled"], false);
    assert_eq!(recs[1]["notes"], "multi\nline");
    assert_eq!(recs[1]["client_id"], serde_json::Value::Null);
    let shown = env.json(&[
        "access",
        "show",
        "1",
        "--reveal-password",
        "--format",
        "json",
    ]);
    assert_eq!(shown["password"], "pw-one");
}

#[test]
fn every_bad_row_is_reported_and_nothing_is_written() {
    let env = Env::activated();
    env.ok(&["access", "add", "--service", "50", "--username", "existing"]);
    let text = format!(
        "{HEADER}1,,ok,,,,,,\nx,,,,,,,,\n3,,u,,ftp://x.example/,,,,\n4,,u,,,,999.1.1.1,,maybe\n1,,dup,,,,,,\n50,,conflict,,,,,,\n6,,ok,,,,,,\n"
    );
    let out = import_file(&env, "bad.csv", &text, &[]);
    let err = expect_rejected(out);
    for expected in [
        "line 3, column service_id:",
        "line 3, column username:",
        "line 4, column url:",
        "line 5, column ip_address:",
        "line 5, column enabled:",
        "line 6, column service_id: duplicate service_id 1",
        "line 7, column service_id: service 50 already has an access record",
        "5 bad rows; nothing was imported",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert_eq!(env.sql::<i64>("SELECT count(*) FROM access"), 1);
}

#[test]
fn unknown_columns_are_errors() {
    let env = Env::activated();
    let out = import_file(
        &env,
        "cols.csv",
        "service_id,username,colour\n1,a,red\n",
        &[],
    );
    let err = expect_rejected(out);
    assert!(
        err.contains("line 1, column colour: unknown column"),
        "{err}"
    );
    assert_eq!(env.sql::<i64>("SELECT count(*) FROM access"), 0);
}

#[test]
fn a_file_that_is_not_its_format_is_one_error_line() {
    let env = Env::activated();
    let path = env.path("latin1.csv");
    std::fs::write(&path, b"service_id,username\n1,J\xfcrgen\n").unwrap();
    let err = env.fails(&["access", "import", path.to_str().unwrap()], 65);
    assert!(err.contains("UTF-8"), "{err}");
    let path = env.write("broken.json", "[{\"service_id\": 1, ");
    let err = env.fails(&["access", "import", path.to_str().unwrap()], 65);
    assert!(err.contains("JSON"), "{err}");
}

#[test]
fn missing_file_exits_66() {
    let env = Env::activated();
    env.fails(
        &["access", "import", env.path("nope.csv").to_str().unwrap()],
        66,
    );
}

#[test]
fn on_conflict_skip_and_update() {
    let env = Env::activated();
    env.ok_with_stdin(
        &[
            "access",
            "add",
            "--service",
            "1",
            "--username",
            "old",
            "--password-stdin",
            "--group",
            "g1",
        ],
        "keep-me\n",
    );
    let text = "service_id,username,group\n1,new,g2\n2,two,\n";
    let out = import_file(&env, "a.csv", text, &["--on-conflict", "skip"]);
    assert!(crate::support::expect_ok(&[], out).contains("1 inserted, 0 updated, 1 skipped"));
    assert_eq!(
        env.json(&["access", "show", "1", "--format", "json"])["username"],
        "old"
    );
    let text = "service_id,username,group\n1,new,g2\n";
    let out = import_file(&env, "b.csv", text, &["--on-conflict", "update"]);
    assert!(crate::support::expect_ok(&[], out).contains("0 inserted, 1 updated"));
    let rec = env.json(&[
        "access",
        "show",
        "1",
        "--reveal-password",
        "--format",
        "json",
    ]);
    assert_eq!(rec["username"], "new");
    assert_eq!(rec["group"], "g2");
    assert_eq!(
        rec["password"], "keep-me",
        "a column not in the file is kept"
    );
    let text = "service_id,username\n1,a\n1,b\n";
    let out = import_file(&env, "c.csv", text, &["--on-conflict", "update"]);
    let err = expect_rejected(out);
    assert!(err.contains("duplicate service_id 1"), "{err}");
}

#[test]
fn a_second_row_for_an_existing_service_is_a_duplicate_in_every_mode() {
    let env = Env::activated();
    env.ok(&["access", "add", "--service", "1", "--username", "old"]);
    let text = "service_id,username\n1,a\n2,b\n1,c\n";
    for extra in [
        &["--on-conflict", "skip"][..],
        &["--on-conflict", "update"],
        &["--on-conflict", "update", "--dry-run"],
    ] {
        let err = expect_rejected(import_file(&env, "dup.csv", text, extra));
        assert!(
            err.contains("line 4, column service_id: duplicate service_id 1"),
            "{extra:?}: {err}"
        );
        assert!(err.contains(": 1 bad row;"), "{extra:?}: {err}");
    }
    assert_eq!(
        env.json(&["access", "show", "1", "--format", "json"])["username"],
        "old"
    );
    assert_eq!(env.sql::<i64>("SELECT count(*) FROM access"), 1);
}

#[test]
fn dry_run_validates_and_writes_nothing() {
    let env = Env::activated();
    let out = import_file(
        &env,
        "d.csv",
        "service_id,username\n1,a\n2,b\n",
        &["--dry-run"],
    );
    let stdout = crate::support::expect_ok(&[], out);
    assert!(
        stdout.contains("dry run") && stdout.contains("2 inserted"),
        "{stdout}"
    );
    assert_eq!(env.sql::<i64>("SELECT count(*) FROM access"), 0);
    let out = import_file(&env, "e.csv", "service_id,username\n1,\n", &["--dry-run"]);
    expect_rejected(out);
}

#[test]
fn json_array_and_json_lines() {
    let env = Env::activated();
    let array = r#"[
  {"service_id": 1, "username": "a", "enabled": "no", "client_id": 4},
  {"service_id": "2", "username": "b", "password": "pw", "ip_address": "10.1.0.0/16"}
]"#;
    crate::support::expect_ok(&[], import_file(&env, "a.json", array, &[]));
    let lines = "{\"service_id\": 3, \"username\": \"c\", \"enabled\": true}\n\n{\"service_id\": 4, \"username\": \"d\"}\n";
    crate::support::expect_ok(&[], import_file(&env, "b.ndjson", lines, &[]));
    let recs = env.json(&["access", "list", "--format", "json"]);
    assert_eq!(recs.as_array().unwrap().len(), 4);
    assert_eq!(recs[0]["enabled"], false);
    assert_eq!(recs[0]["client_id"], 4);
    let bad =
        "[{\"service_id\": 9, \"username\": \"x\", \"colour\": \"red\"}, {\"service_id\": 10}]";
    let err = expect_rejected(import_file(&env, "c.json", bad, &[]));
    assert!(
        err.contains("record 1 (line 1), column colour: unknown field"),
        "{err}"
    );
    assert!(
        err.contains("record 2 (line 1), column username: is required"),
        "{err}"
    );
}

#[test]
fn stdin_with_input_format() {
    let env = Env::activated();
    let out = env.run_with_stdin(
        &["access", "import", "-", "--input-format", "json"],
        "{\"service_id\": 1, \"username\": \"a\"}\n",
    );
    crate::support::expect_ok(&[], out);
    let out = env.run_with_stdin(&["access", "import", "-"], "service_id,username\n2,b\n");
    crate::support::expect_ok(&[], out);
    assert_eq!(env.sql::<i64>("SELECT count(*) FROM access"), 2);
}

#[test]
fn export_with_passwords_is_audited_and_json_export_is_an_array() {
    let env = Env::activated();
    env.ok_with_stdin(
        &[
            "access",
            "add",
            "--service",
            "1",
            "--username",
            "a",
            "--password-stdin",
        ],
        "s3cret\n",
    );
    let plain = env.ok(&["access", "export"]);
    assert!(
        plain.starts_with("service_id,client_id,username,url,"),
        "{plain}"
    );
    assert!(!plain.contains("s3cret"));
    let with = env.json(&[
        "access",
        "export",
        "--include-passwords",
        "--format",
        "json",
    ]);
    assert_eq!(with[0]["password"], "s3cret");
    let mut keys: Vec<&str> = with[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "client_id",
            "created_at",
            "disabled_by",
            "effective_url",
            "enabled",
            "group",
            "ip_address",
            "notes",
            "password",
            "service_id",
            "updated_at",
            "url",
            "username"
        ]
    );
    assert_eq!(with[0]["effective_url"], "https://netflow.myownserver.net/");
    let without = env.json(&["access", "export", "--format", "json"]);
    assert!(without[0].get("password").is_none());
    let audit = env.json(&["audit", "list", "--format", "json"]);
    assert_eq!(audit[0]["action"], "access.export");
}

/// A store of `n` records with passwords, imported in one go.
fn with_passwords(n: u32) -> Env {
    let env = Env::activated();
    let mut text = String::from("service_id,username,password\n");
    for i in 1..=n {
        text.push_str(&format!("{i},user{i},pw-{i}\n"));
    }
    crate::support::expect_ok(&[], import_file(&env, "pw.csv", &text, &[]));
    env
}

fn export_audits(env: &Env) -> i64 {
    env.sql("SELECT count(*) FROM audit WHERE action = 'access.export'")
}

#[test]
fn an_export_with_a_damaged_password_prints_and_audits_nothing() {
    let env = with_passwords(600);
    // The last record's ciphertext altered: hundreds of rows would come first.
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let mut blob: Vec<u8> = conn
        .query_row(
            "SELECT password FROM access WHERE service_id = 600",
            [],
            |r| r.get(0),
        )
        .unwrap();
    *blob.last_mut().unwrap() ^= 1;
    conn.execute(
        "UPDATE access SET password = ?1 WHERE service_id = 600",
        [blob],
    )
    .unwrap();
    drop(conn);
    for format in ["csv", "json"] {
        let args = [
            "access",
            "export",
            "--include-passwords",
            "--format",
            format,
        ];
        let out = env.run(&args);
        assert!(
            out.stdout.is_empty(),
            "{format}: printed {} bytes",
            out.stdout.len()
        );
        let err = crate::support::expect_code(&args, out, 65);
        assert!(err.contains("service 600"), "{err}");
        assert!(err.contains("nothing was exported"), "{err}");
    }
    assert_eq!(export_audits(&env), 0);
    // Without passwords nothing is decrypted: the export works.
    let plain = env.ok(&["access", "export"]);
    assert_eq!(plain.lines().count(), 601);
}

#[test]
fn an_export_with_the_wrong_key_prints_and_audits_nothing() {
    let mut env = with_passwords(3);
    use base64::Engine;
    let other = base64::engine::general_purpose::STANDARD.encode([7u8; 32]);
    env.set("NETFLOW_MANAGER_KEY", &other);
    let args = ["access", "export", "--include-passwords"];
    let out = env.run(&args);
    assert!(out.stdout.is_empty());
    let err = crate::support::expect_code(&args, out, 78);
    assert!(
        err.contains("wrong key") && err.contains("service 1"),
        "{err}"
    );
    assert_eq!(export_audits(&env), 0);
}

#[test]
fn a_whole_export_is_audited_once() {
    let env = with_passwords(600);
    let out = env.ok(&["access", "export", "--include-passwords"]);
    assert_eq!(out.lines().count(), 601);
    assert!(out.lines().last().unwrap().contains(",pw-600,"), "{out}");
    assert_eq!(export_audits(&env), 1);
}

/// A record as generated for the round trip.
#[derive(Debug, Clone)]
struct Gen {
    client: Option<u32>,
    username: String,
    password: Option<String>,
    url: Option<String>,
    group: String,
    ip: Option<String>,
    notes: String,
    enabled: bool,
}

fn record() -> impl Strategy<Value = Gen> {
    (
        proptest::option::of(1u32..100_000),
        "[a-zA-Z0-9._@-]{1,20}",
        proptest::option::of("[ -~äöü€]{1,30}"),
        proptest::option::of("[a-z]{1,10}"),
        "[ -~]{0,20}",
        proptest::option::of((0u8..=255, 0u8..=255, 0u8..=32)),
        "[ -~\n\"',]{0,40}",
        any::<bool>(),
    )
        .prop_map(
            |(client, username, password, host, group, ip, notes, enabled)| Gen {
                client,
                username,
                password,
                url: host.map(|h| format!("https://{h}.example.net/")),
                group: group.trim().to_owned(),
                ip: ip.map(|(a, b, p)| format!("10.{a}.{b}.0/{}", p.max(24))),
                notes,
                enabled,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    /// Export → import into an empty store reproduces every record.
    #[test]
    fn export_then_import_reproduces_every_record(recs in proptest::collection::vec(record(), 1..12), json in any::<bool>()) {
        let a = Env::activated();
        let mut rows = Vec::new();
        for (i, r) in recs.iter().enumerate() {
            rows.push(serde_json::json!({
                "service_id": i + 1,
                "client_id": r.client,
                "username": r.username,
                "password": r.password,
                "url": r.url.clone().unwrap_or_default(),
                "group": r.group,
                "ip_address": r.ip.clone().unwrap_or_default(),
                "notes": r.notes,
                "enabled": r.enabled,
            }));
        }
        let src = a.write("src.json", &serde_json::to_string(&rows).unwrap());
        a.ok(&["access", "import", src.to_str().unwrap()]);
        let format = if json { "json" } else { "csv" };
        let exported = a.ok(&["access", "export", "--include-passwords", "--format", format]);

        let b = Env::activated();
        let file = b.write(&format!("dump.{format}"), &exported);
        b.ok(&["access", "import", file.to_str().unwrap()]);
        let again = b.ok(&["access", "export", "--include-passwords", "--format", format]);
        prop_assert_eq!(&exported, &again);
        let list_a = a.ok(&["access", "list", "--format", "json"]);
        let list_b = b.ok(&["access", "list", "--format", "json"]);
        prop_assert_eq!(list_a, list_b);
    }
}
