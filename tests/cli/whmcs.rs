//! whmcs apply and whmcs sync (SPEC 5.9) against a loopback WHMCS API.

use crate::support::Env;
use crate::whmcs_server::{self, Behaviour, WhmcsServer, service};

fn add(env: &Env, id: i64, client: Option<i64>) {
    let id = id.to_string();
    let mut args = vec!["access", "add", "--service", &id, "--username", "u"];
    let client = client.map(|c| c.to_string());
    if let Some(c) = &client {
        args.extend(["--client", c]);
    }
    env.ok(&args);
}

/// (enabled, disabled_by) of a record, read from the store file.
fn state(env: &Env, id: i64) -> (i64, Option<String>) {
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.query_row(
        "SELECT enabled, disabled_by FROM access WHERE service_id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
}

fn whmcs(id: &str) -> (i64, Option<String>) {
    match id {
        "enabled" => (1, None),
        by => (0, Some(by.to_owned())),
    }
}

#[test]
fn apply_follows_the_rule_and_never_undoes_an_admin() {
    let env = Env::activated();
    add(&env, 1, Some(10));
    add(&env, 2, Some(10));
    env.ok(&["access", "disable", "2"]);
    assert_eq!(state(&env, 2), whmcs("admin"));

    let out = env.ok(&["whmcs", "apply", "1", "--status", "Suspended"]);
    assert!(out.contains("enabled -> disabled by whmcs"), "{out}");
    assert_eq!(state(&env, 1), whmcs("whmcs"));
    env.ok(&["whmcs", "apply", "1", "--status", "terminated"]);
    assert_eq!(state(&env, 1), whmcs("whmcs"));
    env.ok(&["whmcs", "apply", "1", "--status", "Pending"]);
    assert_eq!(state(&env, 1), whmcs("whmcs"));
    let json = env.json(&[
        "whmcs", "apply", "1", "--status", "Active", "--format", "json",
    ]);
    assert_eq!(
        json,
        serde_json::json!({"service_id": 1, "status": "Active", "record": true, "changed": true,
                           "enabled": true, "disabled_by": null})
    );
    assert_eq!(state(&env, 1), whmcs("enabled"));

    for status in ["Active", "Suspended", "Fraud"] {
        env.ok(&["whmcs", "apply", "2", "--status", status]);
        assert_eq!(state(&env, 2), whmcs("admin"), "{status}");
    }
    env.ok(&["access", "enable", "2"]);
    assert_eq!(state(&env, 2), whmcs("enabled"));

    let audit = env.json(&["audit", "list", "--format", "json", "--action", "whmcs"]);
    let details: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["detail"].as_str().unwrap())
        .collect();
    assert!(
        details.contains(&"enabled -> disabled by whmcs (WHMCS status Suspended)"),
        "{details:?}"
    );
    assert!(details.contains(&"disabled by whmcs -> enabled (WHMCS status Active)"));
}

#[test]
fn apply_to_a_service_without_a_record_is_fine() {
    let env = Env::activated();
    let out = env.ok(&["whmcs", "apply", "77", "--status", "Suspended"]);
    assert!(out.contains("no access record"), "{out}");
    let json = env.json(&[
        "whmcs", "apply", "77", "--status", "Active", "--format", "json",
    ]);
    assert_eq!(json["record"], false);
    assert_eq!(json["changed"], false);
    env.fails(&["whmcs", "apply", "77", "--status", "Closed"], 2);
    env.fails(&["whmcs", "apply", "x", "--status", "Active"], 65);
}

fn configured(server: &WhmcsServer, extra: &str) -> Env {
    let mut env = Env::activated();
    let config = env.write(
        "config.toml",
        &format!(
            "[whmcs]\nurl = \"{}/\"\nidentifier = \"{}\"\nsecret = \"{}\"\npage_size = 2\n{extra}",
            server.url,
            whmcs_server::IDENTIFIER,
            whmcs_server::SECRET
        ),
    );
    env.set("NETFLOW_MANAGER_CONFIG", config.to_str().unwrap());
    env
}

/// Five services over three pages, numbers or strings: every finding once.
fn sync_everything(ids_as_strings: bool) {
    let server = WhmcsServer::start(vec![
        service(1, 10, 5, "Suspended"),
        service(2, 10, 5, "Active"),
        service(3, 11, 5, "Active"),
        service(4, 12, 5, "Active"),
        service(5, 13, 5, "Active"),
        service(6, 14, 9, "Suspended"),
    ]);
    server.state.lock().unwrap().ids_as_strings = ids_as_strings;
    let env = configured(&server, "product_ids = [5]\n");
    add(&env, 1, Some(10));
    add(&env, 2, Some(10));
    env.ok(&["whmcs", "apply", "2", "--status", "Suspended"]);
    add(&env, 3, None);
    add(&env, 4, Some(99));
    add(&env, 8, Some(1));

    let dry = env.json(&["whmcs", "sync", "--dry-run", "--format", "json"]);
    let expected = serde_json::json!({
        "enabled": [2], "disabled": [1], "client_filled": [3], "orphans": [8],
        "missing": [5], "client_mismatch": [{"service_id": 4, "store": 99, "whmcs": 12}],
        "unchanged": 2, "dry_run": true,
    });
    assert_eq!(dry, expected);
    assert_eq!(
        state(&env, 1),
        whmcs("enabled"),
        "a dry run changes nothing"
    );
    let out = env.run(&["whmcs", "sync", "--dry-run", "--check"]);
    assert_eq!(out.status.code(), Some(1));

    let done = env.json(&["whmcs", "sync", "--format", "json"]);
    let mut applied = expected.clone();
    applied["dry_run"] = false.into();
    assert_eq!(done, applied);
    assert_eq!(state(&env, 1), whmcs("whmcs"));
    assert_eq!(state(&env, 2), whmcs("enabled"));
    assert_eq!(
        env.json(&["access", "show", "3", "--format", "json"])["client_id"],
        11
    );

    // Every page was read with the credential, in order.
    let starts: Vec<String> = server
        .requests()
        .iter()
        .rev()
        .take(3)
        .map(|f| f.iter().find(|(k, _)| k == "limitstart").unwrap().1.clone())
        .collect();
    assert_eq!(starts, ["4", "2", "0"]);

    // With --quiet, only the lines with something in them.
    let quiet = env.ok(&["whmcs", "sync", "--quiet"]);
    assert_eq!(
        quiet,
        "orphans (WHMCS does not know the service): 8\n\
         missing (active or suspended, no record): 5\n\
         client mismatch: 4 (store 99, WHMCS 12)\n"
    );

    // Applied, the store is in step: only the reports remain.
    let again = env.json(&["whmcs", "sync", "--format", "json"]);
    assert_eq!(again["enabled"], serde_json::json!([]));
    assert_eq!(again["disabled"], serde_json::json!([]));
    assert_eq!(again["unchanged"], 5);
    let server = WhmcsServer::start(vec![service(1, 10, 5, "Suspended")]);
    let env = configured(&server, "");
    add(&env, 1, Some(10));
    env.ok(&["whmcs", "sync"]);
    assert_eq!(env.ok(&["whmcs", "sync", "--quiet"]), "", "nothing to say");
}

#[test]
fn sync_applies_the_rule_and_reports_with_numeric_ids() {
    sync_everything(false);
}

#[test]
fn sync_applies_the_rule_and_reports_with_string_ids() {
    sync_everything(true);
}

#[test]
fn a_refusal_is_78_with_its_message_and_no_second_request() {
    for (code, message) in [
        (403, "Authentication Failed"),
        (200, "Invalid IP 192.0.2.5"),
    ] {
        let server = WhmcsServer::start(vec![service(1, 10, 5, "Suspended")]);
        server.set(Behaviour::Error(code, message.to_owned()));
        let env = configured(&server, "");
        add(&env, 1, Some(10));
        let err = env.fails(&["whmcs", "sync"], 78);
        assert!(err.contains(message), "{err}");
        assert_eq!(server.requests().len(), 1, "no retry after a refusal");
        assert_eq!(state(&env, 1), whmcs("enabled"));
    }
}

#[test]
fn a_failure_on_a_later_page_changes_nothing() {
    let services = (1..=5).map(|i| service(i, 10, 5, "Suspended")).collect();
    let server = WhmcsServer::start(services);
    server.set(Behaviour::FailFrom(4));
    let env = configured(&server, "");
    for i in 1..=5 {
        add(&env, i, Some(10));
    }
    let err = env.fails(&["whmcs", "sync"], 69);
    assert!(err.contains("HTTP 500"), "{err}");
    for i in 1..=5 {
        assert_eq!(state(&env, i), whmcs("enabled"), "service {i}");
    }
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn not_json_or_nobody_there_is_69() {
    let server = WhmcsServer::start(vec![]);
    server.set(Behaviour::Html);
    let env = configured(&server, "");
    env.fails(&["whmcs", "sync"], 69);

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut env = Env::activated();
    let config = env.write(
        "config.toml",
        &format!(
            "[whmcs]\nurl = \"http://127.0.0.1:{port}\"\nidentifier = \"i\"\nsecret = \"s\"\n"
        ),
    );
    env.set("NETFLOW_MANAGER_CONFIG", config.to_str().unwrap());
    let err = env.fails(&["whmcs", "sync"], 69);
    assert!(err.contains("cannot reach WHMCS"), "{err}");
}

#[test]
fn no_services_and_a_missing_config() {
    let server = WhmcsServer::start(vec![]);
    let env = configured(&server, "");
    add(&env, 1, Some(10));
    let json = env.json(&["whmcs", "sync", "--format", "json"]);
    assert_eq!(json["orphans"], serde_json::json!([1]));
    let env = Env::activated();
    let err = env.fails(&["whmcs", "sync"], 78);
    assert!(err.contains("[whmcs] url"), "{err}");
}

#[test]
fn secrets_reach_no_output_audit_or_store() {
    let server = WhmcsServer::start(vec![service(1, 10, 5, "Suspended")]);
    server.state.lock().unwrap().access_key = Some("access-key-42".to_owned());
    let mut env = configured(&server, "");
    let secret_file = env.write("whmcs.secret", &format!("{}\n", whmcs_server::SECRET));
    let config = env.write(
        "config2.toml",
        &format!(
            "[whmcs]\nurl = \"{}\"\nidentifier = \"{}\"\nsecret_file = \"{}\"\naccess_key = \"access-key-42\"\n",
            server.url,
            whmcs_server::IDENTIFIER,
            secret_file.display()
        ),
    );
    env.set("NETFLOW_MANAGER_CONFIG", config.to_str().unwrap());
    add(&env, 1, Some(10));
    let mut seen = String::new();
    for args in [
        &["whmcs", "sync"][..],
        &["whmcs", "sync", "--format", "json"],
        &["audit", "list", "--format", "json"],
        &["access", "export"],
    ] {
        let out = env.run(args);
        assert!(out.status.success(), "{args:?}");
        seen.push_str(&String::from_utf8_lossy(&out.stdout));
        seen.push_str(&String::from_utf8_lossy(&out.stderr));
    }
    seen.push_str(&String::from_utf8_lossy(&std::fs::read(env.db()).unwrap()));
    for secret in [
        whmcs_server::SECRET,
        whmcs_server::SERVICE_PASSWORD,
        "access-key-42",
    ] {
        assert!(!seen.contains(secret), "{secret} leaked");
    }
    assert_eq!(state(&env, 1), whmcs("whmcs"));
    let form = &server.requests()[0];
    assert!(form.contains(&("accesskey".to_owned(), "access-key-42".to_owned())));
    assert!(form.contains(&("secret".to_owned(), whmcs_server::SECRET.to_owned())));
}

#[test]
fn records_disabled_before_the_upgrade_were_an_admins_doing() {
    let env = Env::activated();
    add(&env, 1, None);
    add(&env, 2, None);
    env.ok(&["access", "disable", "2"]);
    // Back to schema version 1, as an older version left it.
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute_batch(
        "DROP TABLE nfa_group; ALTER TABLE access DROP COLUMN disabled_by; PRAGMA user_version = 1;",
    )
    .unwrap();
    drop(conn);
    env.fails(&["access", "list"], 78);
    let out = env.ok(&["activate"]);
    assert!(
        out.contains("migrated store from schema version 1"),
        "{out}"
    );
    assert_eq!(state(&env, 1), whmcs("enabled"));
    assert_eq!(state(&env, 2), whmcs("admin"));
}

/// `disabled_by` is a record field in every output and in import/export.
#[test]
fn disabled_by_travels_through_every_output_and_an_export() {
    let env = Env::activated();
    add(&env, 1, Some(10));
    add(&env, 2, Some(10));
    add(&env, 3, Some(10));
    env.ok(&["whmcs", "apply", "1", "--status", "Suspended"]);
    env.ok(&["access", "disable", "2"]);
    let show = env.json(&["access", "show", "1", "--format", "json"]);
    assert_eq!(show["disabled_by"], "whmcs");
    let list = env.json(&["access", "list", "--format", "json"]);
    let by: Vec<&serde_json::Value> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["disabled_by"])
        .collect();
    assert_eq!(
        by,
        [
            &serde_json::json!("whmcs"),
            &serde_json::json!("admin"),
            &serde_json::Value::Null
        ]
    );
    let table = env.ok(&["access", "list"]);
    assert!(
        table.contains("no (whmcs)") && table.contains("no (admin)"),
        "{table}"
    );
    let csv = env.ok(&["access", "export"]);
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .contains(",enabled,disabled_by,"),
        "{csv}"
    );

    // Into an empty store: the same states come back.
    let other = Env::activated();
    let file = other.write("export.csv", &csv);
    other.ok(&["access", "import", file.to_str().unwrap()]);
    assert_eq!(other.ok(&["access", "export"]), csv);

    // Absent on import, a disabled row is an admin's; an enabled row has none.
    let file = other.write("more.csv", "service_id,username,enabled\n10,a,false\n");
    other.ok(&["access", "import", file.to_str().unwrap()]);
    assert_eq!(state(&other, 10), whmcs("admin"));
    let bad = other.write(
        "bad.csv",
        "service_id,username,enabled,disabled_by\n11,a,true,whmcs\n12,b,false,nobody\n",
    );
    let out = other.run(&["access", "import", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(65));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("line 2, column disabled_by: must be empty for an enabled record"),
        "{err}"
    );
    assert!(
        err.contains("line 3, column disabled_by: must be admin, whmcs or empty"),
        "{err}"
    );
}
