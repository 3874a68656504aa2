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

/// A store with one record that has a password, a subscription and a template.
fn busy_store() -> Env {
    let env = Env::activated();
    env.ok_with_stdin(
        &[
            "access",
            "add",
            "--service",
            "1",
            "--client",
            "2",
            "--username",
            "u1",
            "--password-stdin",
        ],
        "pw-1\n",
    );
    env.ok(&[
        "subscription",
        "set",
        "--tier",
        "mid",
        "--fee",
        "100",
        "--currency",
        "EUR",
        "--customers",
        "1500",
    ]);
    env.write(
        "welcome.tpl",
        "Hello\n{if $netflow_enabled}\nUser: {$netflow_username}\n{/if}\n",
    );
    env.write("more.csv", "service_id,username\n5,u5\n");
    env
}

/// Every command, asked for JSON and for CSV, either prints exactly that
/// (one JSON value; CSV rows of one width) or refuses with exit 2 naming the
/// formats it can print — never exit 0 with something else.
#[test]
fn every_command_prints_the_format_asked_for_or_refuses_it() {
    let commands: Vec<Vec<String>> = [
        "activate",
        "status",
        "settings list",
        "settings get default_url",
        "settings set client_area_enabled true",
        "settings unset client_area_enabled",
        "roles list",
        "access list",
        "access show 1",
        "access exists 1",
        "access export",
        "access add --service 3 --username u3",
        "access add --service 1 --username x --if-not-exists",
        "access edit 1 --notes n",
        "access disable 1",
        "access enable 1",
        "access remove 1 --yes",
        "access import @more.csv",
        "licence status",
        "trial status",
        "trial start",
        "trial cancel",
        "addon status",
        "addon activate",
        "addon renewal off",
        "addon cancel",
        "subscription show",
        "subscription set --tier large --fee 200 --currency EUR --customers 2500",
        "billing preview",
        "email render --service 1",
        "email render --service 1 --template @welcome.tpl",
        "email fields --service 1",
        "email lint @welcome.tpl",
        "client-area 1",
        "doctor",
        "doctor --report",
        "audit list",
        "key rotate",
        "backup @copy.db",
        "store copy --to @moved.db",
        "whmcs apply 1 --status Suspended",
        "deactivate",
        "completions bash",
    ]
    .iter()
    .map(|c| c.split(' ').map(str::to_owned).collect())
    .collect();
    for format in ["json", "csv"] {
        for words in &commands {
            let env = busy_store();
            let mut args: Vec<String> = words
                .iter()
                .map(|w| match w.strip_prefix('@') {
                    Some(name) => env.path(name).display().to_string(),
                    None => w.clone(),
                })
                .collect();
            args.extend(["--format".to_owned(), format.to_owned()]);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = env.run(&args);
            let stdout = String::from_utf8_lossy(&out.stdout);
            let stderr = String::from_utf8_lossy(&out.stderr);
            let code = out.status.code();
            if code == Some(2) {
                assert!(
                    stderr.contains(" prints ") && stderr.contains(&format!("not {format}")),
                    "{args:?}: {stderr}"
                );
                continue;
            }
            // Any other exit: what reached stdout is the format asked for.
            assert!(
                code == Some(0) || stdout.is_empty() || code == Some(1),
                "{args:?}: {code:?} {stdout}"
            );
            if stdout.is_empty() {
                assert!(
                    code != Some(0) || words[..2] == ["access", "exists"],
                    "{args:?} printed nothing"
                );
            } else if format == "json" {
                let parsed: Result<serde_json::Value, _> = serde_json::from_str(&stdout);
                assert!(parsed.is_ok(), "{args:?} printed no JSON:\n{stdout}");
            } else {
                let mut reader = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .from_reader(stdout.as_bytes());
                let widths: Vec<usize> = reader
                    .records()
                    .map(|r| {
                        r.unwrap_or_else(|e| panic!("{args:?}: {e}\n{stdout}"))
                            .len()
                    })
                    .collect();
                assert!(
                    !widths.is_empty() && widths.iter().all(|w| *w == widths[0]),
                    "{args:?} printed no CSV:\n{stdout}"
                );
            }
        }
    }
}

#[test]
fn fields_pick_and_order_columns_in_every_format() {
    let env = busy_store();
    let json = env.json(&[
        "access",
        "list",
        "--fields",
        "username,service_id",
        "--format",
        "json",
    ]);
    assert_eq!(
        json,
        serde_json::json!([{"username": "u1", "service_id": 1}])
    );
    assert_eq!(
        env.ok(&[
            "access",
            "list",
            "--fields",
            "username,service_id",
            "--format",
            "csv"
        ]),
        "username,service_id\nu1,1\n"
    );
    let table = env.ok(&["access", "list", "--fields", "service_id,enabled"]);
    assert!(table.starts_with("SERVICE ID  ENABLED\n1 "), "{table}");
    let show = env.json(&[
        "access",
        "show",
        "1",
        "--fields",
        "client_id",
        "--format",
        "json",
    ]);
    assert_eq!(show, serde_json::json!({"client_id": 2}));
    assert_eq!(
        env.ok(&[
            "access",
            "export",
            "--include-passwords",
            "--fields",
            "service_id,password"
        ]),
        "service_id,password\n1,pw-1\n"
    );
    let err = env.fails(&["access", "list", "--fields", "username,colour"], 2);
    assert!(
        err.contains("\"colour\"") && err.contains("valid fields: service_id"),
        "{err}"
    );
}

#[test]
fn exists_and_if_not_exists_make_scripts_idempotent() {
    let env = busy_store();
    let out = env.run(&["access", "exists", "1"]);
    assert_eq!(
        (out.status.code(), out.stdout.len(), out.stderr.len()),
        (Some(0), 0, 0)
    );
    let out = env.run(&["access", "exists", "9"]);
    assert_eq!(
        (out.status.code(), out.stdout.len(), out.stderr.len()),
        (Some(1), 0, 0)
    );
    env.fails(
        &["access", "add", "--service", "1", "--username", "other"],
        65,
    );
    let same = env.json(&[
        "access",
        "add",
        "--service",
        "1",
        "--username",
        "other",
        "--if-not-exists",
        "--format",
        "json",
    ]);
    assert_eq!(same["username"], "u1", "nothing changed");
    let added = env.json(&[
        "access",
        "add",
        "--service",
        "7",
        "--username",
        "g",
        "--generate-password",
        "--format",
        "json",
    ]);
    assert_eq!(added["service_id"], 7);
    assert!(added["password"].as_str().unwrap().len() >= 16, "{added}");
}

#[test]
fn bulk_changes_take_many_ids_or_stdin_all_or_nothing() {
    let env = busy_store();
    for id in ["2", "3"] {
        env.ok(&["access", "add", "--service", id, "--username", "u"]);
    }
    let all = env.json(&["access", "disable", "1", "2", "3", "--format", "json"]);
    assert_eq!(all.as_array().unwrap().len(), 3);
    assert!(
        all.as_array()
            .unwrap()
            .iter()
            .all(|r| r["disabled_by"] == "admin")
    );
    let one = env.json(&["access", "enable", "2", "--format", "json"]);
    assert_eq!(
        (one["service_id"].clone(), one["enabled"].clone()),
        (2.into(), true.into())
    );

    // A missing ID changes nothing (66), unless --if-exists skips it.
    let err = env.fails(&["access", "enable", "1", "404", "3"], 66);
    assert!(
        err.contains("404") && err.contains("nothing was changed"),
        "{err}"
    );
    assert_eq!(
        env.json(&["access", "show", "1", "--format", "json"])["enabled"],
        false
    );
    env.ok(&["access", "enable", "1", "404", "3", "--if-exists"]);
    assert_eq!(
        env.json(&["access", "show", "3", "--format", "json"])["enabled"],
        true
    );

    // IDs on stdin, one per line.
    env.ok_with_stdin(&["access", "remove", "-", "--yes"], "1\n\n3\n");
    env.fails(&["access", "show", "1"], 66);
    env.fails(&["access", "show", "3"], 66);
    env.ok(&["access", "show", "2"]);
    env.fails_with_stdin(&["access", "remove", "-", "--yes"], "2\nx\n", 65);
    env.ok(&["access", "show", "2"]);
}
