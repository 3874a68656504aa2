//! Nothing hostile reaches a terminal or a page (SPEC 5.8): stored text is shown
//! escaped in every human view and exact in JSON and CSV; names refuse bidi and
//! zero-width characters; URLs refuse what could leave an HTML attribute.

use crate::support::{Env, expect_rejected};

/// Clears the screen, retitles the window, and forges a `password:` line.
const NOTES: &str =
    "vip\u{1b}[2J\u{1b}]0;pwned\u{7}\r\npassword: hunter2\u{202e}\u{200b}\t\u{85}\u{7f}";

/// No byte a terminal acts on: C0 controls but the line ends, DEL, C1 controls,
/// bidi controls and zero-width characters.
fn assert_inert(what: &str, text: &str) {
    for c in text.chars() {
        assert!(
            c == '\n'
                || !(c.is_control()
                    || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')),
            "{what}: raw {c:?} in {text:?}"
        );
    }
}

fn legacy_record(env: &Env, id: i64, username: &str, group: &str, url: &str) {
    // Written before the rules existed: the store may hold anything.
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute(
        "INSERT INTO access (service_id, client_id, username, password, url, grp, ip_address, notes, enabled, created_at, updated_at)
         VALUES (?1, 7, ?2, NULL, ?3, ?4, '', ?5, 1, 0, 0)",
        rusqlite::params![id, username, url, group, NOTES],
    )
    .unwrap();
}

#[test]
fn show_prints_notes_escaped_and_json_csv_keep_them_exact() {
    let env = Env::activated();
    env.ok(&[
        "access",
        "add",
        "--service",
        "1",
        "--username",
        "alice",
        "--notes",
        NOTES,
    ]);
    let shown = env.ok(&["access", "show", "1"]);
    assert_inert("access show", &shown);
    assert!(
        shown.contains(
            "vip\\x1b[2J\\x1b]0;pwned\\x07\\r\\npassword: hunter2\\u{202e}\\u{200b}\\t\\u{85}\\x7f"
        ),
        "{shown}"
    );
    assert_eq!(shown.lines().count(), 11, "one line per field: {shown}");
    assert!(
        !shown.lines().any(|l| l.starts_with("password:")),
        "a forged line: {shown}"
    );
    let json = env.json(&["access", "show", "1", "--format", "json"]);
    assert_eq!(json["notes"], NOTES);
    let csv = env.ok(&["access", "export"]);
    assert!(
        csv.contains("\u{1b}[2J\u{1b}]0;pwned\u{7}\r\npassword"),
        "{csv:?}"
    );
    let listed = env.json(&["access", "list", "--format", "json"]);
    assert_eq!(listed[0]["notes"], NOTES);
}

#[test]
fn tables_and_messages_show_stored_text_escaped() {
    let env = Env::activated();
    legacy_record(
        &env,
        5,
        "evil\u{202e}gpj.exe",
        "core\u{1b}[31m\u{200b}",
        "https://nf.example.net/\u{1b}]0;x\u{7}",
    );
    let table = env.ok(&["access", "list"]);
    assert_inert("access list", &table);
    assert!(table.contains("evil\\u{202e}gpj.exe"), "{table}");
    assert!(table.contains("core\\x1b[31m\\u{200b}"), "{table}");
    let shown = env.ok(&["access", "show", "5"]);
    assert_inert("access show", &shown);
    assert_eq!(shown.lines().count(), 11, "{shown}");
    env.ok(&["access", "remove", "5", "--yes"]);
    let audit = env.ok(&["audit", "list"]);
    assert_inert("audit list", &audit);
    assert!(audit.contains("evil\\u{202e}gpj.exe"), "{audit}");
    let doctor = env.run(&["doctor", "--report"]);
    assert_inert("doctor --report", &String::from_utf8_lossy(&doctor.stdout));
}

#[test]
fn an_error_line_shows_the_bad_value_escaped() {
    let env = Env::activated();
    let err = env.fails(
        &[
            "access",
            "add",
            "--service",
            "1",
            "--username",
            "u",
            "--ip",
            "\u{1b}]0;pwned\u{7}",
        ],
        65,
    );
    assert_inert("stderr", &err);
    assert!(err.contains("\\x1b]0;pwned\\x07"), "{err}");
    let err = env.fails(&["access", "x\u{202e}y\rpassword: hunter2"], 2);
    assert_inert("usage error", &err);
    assert!(err.contains("x\\u{202e}y\\rpassword"), "{err}");
}

#[test]
fn names_refuse_bidi_and_zero_width_characters_from_every_source() {
    let env = Env::activated();
    env.ok(&["access", "add", "--service", "9", "--username", "plain"]);
    for bad in [
        "ad\u{200b}min",
        "evil\u{202e}gpj",
        "x\u{2066}y",
        "\u{feff}bom",
    ] {
        for flag in ["--username", "--group"] {
            let mut add = vec!["access", "add", "--service", "1", flag, bad];
            if flag != "--username" {
                add.extend(["--username", "u"]);
            }
            let err = env.fails(&add, 65);
            assert!(err.contains("bidi-control or zero-width"), "{err}");
            assert_inert("stderr", &err);
            env.fails(&["access", "edit", "9", flag, bad], 65);
        }
        let csv = env.write(
            "in.csv",
            &format!("service_id,username,group\n1,{bad},g\n2,u,{bad}\n"),
        );
        let err = expect_rejected(env.run(&["access", "import", csv.to_str().unwrap()]));
        assert!(
            err.contains("line 2, column username: must not contain bidi-control"),
            "{err}"
        );
        assert!(
            err.contains("line 3, column group: must not contain bidi-control"),
            "{err}"
        );
        let array = env.write(
            "in.json",
            &serde_json::json!([{"service_id": 1, "username": bad}]).to_string(),
        );
        let err = expect_rejected(env.run(&["access", "import", array.to_str().unwrap()]));
        assert!(err.contains("column username: must not contain"), "{err}");
        let lines = env.write(
            "in.jsonl",
            &format!(
                "{}\n",
                serde_json::json!({"service_id": 1, "username": "u", "group": bad})
            ),
        );
        let err = expect_rejected(env.run(&["access", "import", lines.to_str().unwrap()]));
        assert!(
            err.contains("line 1, column group: must not contain"),
            "{err}"
        );
    }
    assert_eq!(env.sql::<i64>("SELECT count(*) FROM access"), 1);
    assert_eq!(
        env.sql::<String>("SELECT username || grp FROM access"),
        "plain"
    );
}

#[test]
fn urls_with_characters_rfc_3986_does_not_allow_are_refused() {
    let env = Env::activated();
    env.ok(&["access", "add", "--service", "9", "--username", "plain"]);
    for bad in [
        "http://a\"onmouseover=alert(1)//",
        "https://nf.example.net/\"><script>alert(1)</script>",
        "https://nf.example.net/a b",
        "https://nf.example.net/a\\b",
        "https://nf.example.net/^`{|}",
        "http://a%22onmouseover=alert(1)%22/",
        "https://nf.example.net/\u{1b}[2J",
    ] {
        let err = env.fails(
            &[
                "access",
                "add",
                "--service",
                "1",
                "--username",
                "u",
                "--url",
                bad,
            ],
            65,
        );
        assert!(err.contains("--url"), "{err}");
        assert_inert("stderr", &err);
        env.fails(&["access", "edit", "9", "--url", bad], 65);
        let err = env.fails(&["settings", "set", "default_url", bad], 65);
        assert!(err.contains("default_url"), "{err}");
        env.fails_with_stdin(&["settings", "set", "default_url"], &format!("{bad}\n"), 65);
        let csv = env.write(
            "in.csv",
            &format!(
                "service_id,username,url\n1,u,\"{}\"\n",
                bad.replace('"', "\"\"")
            ),
        );
        let err = expect_rejected(env.run(&["access", "import", csv.to_str().unwrap()]));
        assert!(err.contains("line 2, column url:"), "{err}");
        let json = env.write(
            "in.json",
            &serde_json::json!([{"service_id": 1, "username": "u", "url": bad}]).to_string(),
        );
        expect_rejected(env.run(&["access", "import", json.to_str().unwrap()]));
    }
    assert_eq!(
        env.ok(&["settings", "get", "default_url"]).trim(),
        "https://netflow.myownserver.net/"
    );
    assert_eq!(env.sql::<i64>("SELECT count(*) FROM access"), 1);
    assert_eq!(env.sql::<String>("SELECT url FROM access"), "");
    // What is accepted reaches the merge fields percent-encoded, never raw.
    env.ok(&[
        "access",
        "edit",
        "9",
        "--url",
        "https://nf.example.net/a%22b?x=%3Cy%3E",
    ]);
    let fields = env.json(&["email", "fields", "--service", "9"]);
    let url = fields["netflow_url"].as_str().unwrap();
    assert_eq!(url, "https://nf.example.net/a%22b?x=%3Cy%3E");
}
