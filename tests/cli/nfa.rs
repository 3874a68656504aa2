//! nfa push and nfa status (SPEC 5.10) against a loopback NetFlow Analyzer.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::nfa_server::{self, Behaviour, NfaServer, by_hand};
use crate::support::Env;

/// A record for `service` in `group` with address `ip`.
fn add(env: &Env, service: i64, group: &str, ip: &str) {
    let id = service.to_string();
    env.ok(&[
        "access",
        "add",
        "--service",
        &id,
        "--username",
        "u",
        "--group",
        group,
        "--ip",
        ip,
    ]);
}

fn configured(server_url: &str, extra: &str) -> Env {
    let mut env = Env::activated();
    let config = env.write(
        "config.toml",
        &format!(
            "[netflow_analyzer]\nurl = \"{server_url}/\"\napi_key = \"{}\"\n{extra}",
            nfa_server::API_KEY
        ),
    );
    env.set("NETFLOW_MANAGER_CONFIG", config.to_str().unwrap());
    env
}

fn owned(env: &Env) -> Vec<String> {
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let mut stmt = conn
        .prepare("SELECT name FROM nfa_group ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn push_sends_addresses_networks_and_ranges_as_documented() {
    let server = NfaServer::start(vec![]);
    let env = configured(&server.url, "");
    add(&env, 1, "acme", "192.168.1.1");
    add(&env, 2, "acme", "100.1.1.1/17");
    add(&env, 3, "acme", "200.0.0.1-200.0.0.250");
    add(&env, 4, "acme", "192.168.1.1");
    add(&env, 5, "beta", "198.51.100.7");
    env.ok(&["access", "disable", "5"]);
    add(&env, 6, "", "198.51.100.8");
    env.ok(&[
        "access",
        "add",
        "--service",
        "7",
        "--username",
        "u",
        "--group",
        "gamma",
    ]);

    let json = env.json(&["nfa", "push", "--format", "json"]);
    assert_eq!(
        json,
        json!({"added": ["acme"], "modified": [], "deleted": [], "unchanged": [], "dry_run": false})
    );
    let writes = server.writes();
    assert_eq!(writes.len(), 1, "{writes:?}");
    let add = &writes[0];
    assert_eq!(add.path, nfa_server::ADD);
    assert_eq!(add.param("apiKey"), Some(nfa_server::API_KEY));
    assert_eq!(add.param("GroupName"), Some("acme"));
    assert_eq!(add.param("DevList"), Some("-1"));
    // The records store 100.1.1.1/17 as its network, 100.1.0.0/17.
    assert_eq!(
        add.param("IPData"),
        Some("192.168.1.1-100.1.0.0,255.255.128.0,-200.0.0.1,200.0.0.250,255.255.255.0")
    );
    assert_eq!(add.param("IPType"), Some("ipaddress,ipnetwork,iprange"));
    assert_eq!(add.param("status"), Some("include,include,include"));
    assert_eq!(
        server.group("acme").unwrap().criteria,
        vec![
            strings(&["IPAddress", "Include", "192.168.1.1"]),
            strings(&["IPNetwork", "Include", "100.1.0.0", "255.255.128.0"]),
            strings(&[
                "IPRange",
                "Include",
                "200.0.0.1 to 200.0.0.250",
                "255.255.255.0"
            ]),
        ]
    );
    assert_eq!(owned(&env), ["acme"]);
    let audit = env.json(&["audit", "list", "--format", "json", "--action", "nfa.push"]);
    assert_eq!(audit[0]["subject"], "IP group \"acme\"");
    assert_eq!(
        audit[0]["detail"],
        "added with ipaddress 192.168.1.1, ipnetwork 100.1.0.0,255.255.128.0, iprange 200.0.0.1,200.0.0.250,255.255.255.0"
    );
}

/// Push twice: the second sends nothing but the listing; change a record: the
/// group is modified by the ID the listing gave.
fn idempotent_then_modified(ids_as_strings: bool) {
    let server = NfaServer::start(vec![]);
    server.state.lock().unwrap().ids_as_strings = ids_as_strings;
    let env = configured(&server.url, "");
    add(&env, 1, "acme", "192.0.2.7");
    add(&env, 2, "beta", "198.51.100.0/24");
    env.ok(&["nfa", "push"]);
    assert_eq!(server.writes().len(), 2);

    let before = server.requests().len();
    let again = env.json(&["nfa", "push", "--format", "json"]);
    assert_eq!(
        again,
        json!({"added": [], "modified": [], "deleted": [], "unchanged": ["acme", "beta"], "dry_run": false})
    );
    let sent = &server.requests()[before..];
    assert_eq!(sent.len(), 1, "only the listing: {sent:?}");
    assert_eq!(
        (sent[0].method.as_str(), sent[0].path.as_str()),
        ("GET", nfa_server::LIST)
    );
    env.ok(&["nfa", "status"]);

    env.ok(&["access", "edit", "1", "--ip", "192.0.2.0/28"]);
    let status = env.run(&["nfa", "status", "--format", "json"]);
    assert_eq!(
        status.status.code(),
        Some(1),
        "status says push would modify"
    );
    let planned: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(
        planned,
        json!({"added": [], "modified": ["acme"], "deleted": [], "unchanged": ["beta"], "dry_run": true})
    );
    assert_eq!(
        env.json(&["nfa", "push", "--dry-run", "--format", "json"]),
        planned
    );
    let before = server.writes().len();
    let done = env.json(&["nfa", "push", "--format", "json"]);
    assert_eq!(done["modified"], json!(["acme"]));
    let modify = &server.writes()[before];
    assert_eq!(modify.path, nfa_server::MODIFY);
    let id = server.group("acme").unwrap().id.to_string();
    assert_eq!(modify.param("ipGrpID"), Some(id.as_str()));
    assert_eq!(modify.param("GroupName"), Some("acme"));
    assert_eq!(modify.param("IPData"), Some("192.0.2.0,255.255.255.240,"));
    assert_eq!(modify.param("IPType"), Some("ipnetwork"));
    assert_eq!(
        server.group("acme").unwrap().criteria,
        vec![strings(&[
            "IPNetwork",
            "Include",
            "192.0.2.0",
            "255.255.255.240"
        ])]
    );
    let audit = env.json(&["audit", "list", "--format", "json", "--action", "nfa.push"]);
    assert_eq!(
        audit[0]["detail"],
        format!("modified (ID {id}): ipaddress 192.0.2.7 -> ipnetwork 192.0.2.0,255.255.255.240")
    );
    env.ok(&["nfa", "status"]);
}

#[test]
fn a_second_push_sends_nothing_and_a_change_is_a_modification_numeric_ids() {
    idempotent_then_modified(false);
}

#[test]
fn a_second_push_sends_nothing_and_a_change_is_a_modification_string_ids() {
    idempotent_then_modified(true);
}

#[test]
fn a_group_made_by_hand_is_brought_to_the_records_and_never_deleted() {
    let server = NfaServer::start(vec![
        by_hand(
            2_500_001,
            "acme",
            &[
                &["IPAddress", "Include", "192.0.2.99"],
                &["IPAddress", "Exclude", "192.0.2.7"],
            ],
        ),
        by_hand(
            2_500_002,
            "someone-elses",
            &[&["IPAddress", "Include", "10.9.9.9"]],
        ),
    ]);
    let env = configured(&server.url, "");
    add(&env, 1, "acme", "192.0.2.7");
    let json = env.json(&["nfa", "push", "--prune", "--format", "json"]);
    assert_eq!(
        json,
        json!({"added": [], "modified": ["acme"], "deleted": [], "unchanged": [], "dry_run": false})
    );
    let acme = server.group("acme").unwrap();
    assert_eq!(acme.id, 2_500_001);
    assert_eq!(
        acme.criteria,
        vec![strings(&["IPAddress", "Include", "192.0.2.7"])]
    );
    // What the operator set by hand stays.
    assert_eq!(
        (
            acme.desc.as_str(),
            acme.speed.as_str(),
            acme.devices.as_str()
        ),
        ("made by hand", "1000000", "5000018,5000014")
    );
    assert!(
        owned(&env).is_empty(),
        "modifying a group does not make it ours"
    );

    // No record names it any more: still never deleted, nor the other one.
    env.ok(&["access", "disable", "1"]);
    let json = env.json(&["nfa", "push", "--prune", "--format", "json"]);
    assert_eq!(json["deleted"], json!([]));
    assert!(server.writes().iter().all(|w| w.path != nfa_server::DELETE));
    assert_eq!(server.groups().len(), 2);
}

#[test]
fn prune_deletes_only_the_groups_this_tool_created() {
    let server = NfaServer::start(vec![by_hand(
        2_500_001,
        "by-hand",
        &[&["IPAddress", "Include", "10.9.9.9"]],
    )]);
    let env = configured(&server.url, "");
    add(&env, 1, "acme", "192.0.2.7");
    add(&env, 2, "beta", "192.0.2.8");
    env.ok(&["nfa", "push"]);
    assert_eq!(owned(&env), ["acme", "beta"]);

    env.ok(&["access", "disable", "2"]);
    let kept = env.ok(&["nfa", "push"]);
    assert!(
        kept.contains("created by netflow-manager, no enabled record names them (push --prune deletes them): beta"),
        "{kept}"
    );
    assert!(server.group("beta").is_some());
    let status = env.run(&["nfa", "status", "--prune", "--format", "json"]);
    assert_eq!(
        status.status.code(),
        Some(0),
        "deleting alone is not a difference status reports"
    );
    let before = server.writes().len();
    let dry = env.json(&["nfa", "push", "--prune", "--dry-run", "--format", "json"]);
    assert_eq!(
        dry,
        json!({"added": [], "modified": [], "deleted": ["beta"], "unchanged": ["acme"], "dry_run": true})
    );
    assert_eq!(server.writes().len(), before, "a dry run sends nothing");
    let pruned = env.json(&["nfa", "push", "--prune", "--format", "json"]);
    assert_eq!(pruned["deleted"], json!(["beta"]));
    let delete = server.writes().pop().unwrap();
    assert_eq!(delete.path, nfa_server::DELETE);
    assert_eq!(delete.param("GroupName"), Some("beta"));
    assert!(server.group("beta").is_none());
    assert!(server.group("by-hand").is_some());
    assert_eq!(owned(&env), ["acme"]);
    let audit = env.json(&["audit", "list", "--format", "json", "--action", "nfa.push"]);
    assert!(
        audit[0]["detail"]
            .as_str()
            .unwrap()
            .starts_with("deleted (ID "),
        "{audit}"
    );

    // A group of ours deleted by hand is simply forgotten once no record wants it.
    env.ok(&["nfa", "push"]);
    server
        .state
        .lock()
        .unwrap()
        .groups
        .retain(|g| g.name != "acme");
    env.ok(&["access", "disable", "1"]);
    env.ok(&["nfa", "push"]);
    assert!(owned(&env).is_empty());
}

#[test]
fn an_ipv6_record_is_65_named_with_nothing_sent() {
    let server = NfaServer::start(vec![]);
    let env = configured(&server.url, "");
    add(&env, 1, "acme", "192.0.2.7");
    add(&env, 9, "acme", "2001:db8::1");
    add(&env, 10, "", "2001:db8::2");
    add(&env, 11, "beta", "2001:db8::/48");
    env.ok(&["access", "disable", "11"]);
    for args in [&["nfa", "push"][..], &["nfa", "status"]] {
        let err = env.fails(args, 65);
        assert!(err.contains("service 9"), "{err}");
        assert!(err.contains("2001:db8::1"), "{err}");
        assert!(err.contains("IPv6"), "{err}");
        assert!(
            !err.contains("service 10") && !err.contains("service 11"),
            "{err}"
        );
    }
    assert!(server.requests().is_empty());
    env.ok(&["access", "disable", "9"]);
    env.ok(&["nfa", "push"]);
}

#[test]
fn a_rejected_key_is_78_after_one_request() {
    for (status, body) in [(200, true), (401, false), (403, true)] {
        let server = NfaServer::start(vec![]);
        server.set(Behaviour::WrongKey { status, body });
        let env = configured(&server.url, "");
        add(&env, 1, "acme", "192.0.2.7");
        let err = env.fails(&["nfa", "push"], 78);
        assert!(err.contains("refused the API key"), "{err}");
        assert!(!err.contains(nfa_server::API_KEY), "{err}");
        assert_eq!(server.requests().len(), 1, "no further request");
        assert!(owned(&env).is_empty());
    }
}

#[test]
fn a_failing_call_stops_the_push_and_what_was_done_is_kept() {
    let server = NfaServer::start(vec![]);
    let env = configured(&server.url, "");
    add(&env, 1, "acme", "192.0.2.7");
    add(&env, 2, "beta", "192.0.2.8");
    add(&env, 3, "gamma", "192.0.2.9");
    // 1: the listing, 2: add acme, 3: add beta fails.
    server.set(Behaviour::FailFrom(3));
    let err = env.fails(&["nfa", "push"], 69);
    assert!(err.contains("HTTP 500"), "{err}");
    assert!(err.contains("done before it: added acme"), "{err}");
    assert_eq!(server.requests().len(), 3, "nothing after the failure");
    assert_eq!(
        owned(&env),
        ["acme"],
        "the group it did create is remembered"
    );
    let audit = env.json(&["audit", "list", "--format", "json", "--action", "nfa.push"]);
    assert_eq!(audit.as_array().unwrap().len(), 1);

    server.set(Behaviour::Normal);
    let json = env.json(&["nfa", "push", "--format", "json"]);
    assert_eq!(json["added"], json!(["beta", "gamma"]));
    assert_eq!(json["unchanged"], json!(["acme"]));
}

#[test]
fn a_refused_change_is_78_naming_the_group() {
    let server = NfaServer::start(vec![]);
    server.set(Behaviour::RefuseWrites);
    let env = configured(&server.url, "");
    add(&env, 1, "acme", "192.0.2.7");
    add(&env, 2, "beta", "192.0.2.8");
    let err = env.fails(&["nfa", "push"], 78);
    assert!(err.contains("refused to change IP group \"acme\""), "{err}");
    assert!(err.contains("not authorized"), "{err}");
    assert_eq!(server.requests().len(), 2, "the listing and one add");
    assert!(owned(&env).is_empty());
}

#[test]
fn html_a_closed_port_and_a_silent_server_are_69() {
    let server = NfaServer::start(vec![]);
    server.set(Behaviour::Html);
    let env = configured(&server.url, "");
    add(&env, 1, "acme", "192.0.2.7");
    let err = env.fails(&["nfa", "push"], 69);
    assert!(err.contains("not JSON"), "{err}");

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let env = configured(&format!("http://127.0.0.1:{port}"), "");
    add(&env, 1, "acme", "192.0.2.7");
    let err = env.fails(&["nfa", "push"], 69);
    assert!(err.contains("cannot reach NetFlow Analyzer"), "{err}");
    assert!(!err.contains(nfa_server::API_KEY), "{err}");

    let server = NfaServer::start(vec![]);
    server.set(Behaviour::Hang);
    let env = configured(&server.url, "timeout_secs = 1\n");
    add(&env, 1, "acme", "192.0.2.7");
    let started = Instant::now();
    let err = env.fails(&["nfa", "push"], 69);
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(
        err.contains("no answer from NetFlow Analyzer within 1s"),
        "{err}"
    );
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn missing_or_bad_config_is_78() {
    let env = Env::activated();
    let err = env.fails(&["nfa", "push"], 78);
    assert!(err.contains("[netflow_analyzer] url"), "{err}");
    let mut env = Env::activated();
    for (config, expected) in [
        (
            "[netflow_analyzer]\nurl = \"http://127.0.0.1:9\"\n",
            "api_key",
        ),
        (
            "[netflow_analyzer]\nurl = \"nfa.example.net\"\napi_key = \"k\"\n",
            "not an http(s) URL",
        ),
        (
            "[netflow_analyzer]\nurl = \"http://127.0.0.1:9\"\napi_key = \"k\"\ntimeout_secs = 0\n",
            "timeout_secs",
        ),
        (
            "[netflow_analyzer]\nurl = \"http://127.0.0.1:9\"\napi_key = \"k\"\napi_key_file = \"/nonexistent\"\n",
            "api_key and api_key_file are both set",
        ),
    ] {
        let file = env.write("nfa.toml", config);
        env.set("NETFLOW_MANAGER_CONFIG", file.to_str().unwrap());
        let err = env.fails(&["nfa", "status"], 78);
        assert!(err.contains(expected), "{err}");
    }
    env.fails(&["nfa", "push", "--format", "csv"], 2);
}

#[test]
fn the_api_key_reaches_no_argv_output_audit_or_store() {
    let server = NfaServer::start(vec![]);
    let mut env = Env::activated();
    let key_file = env.write("nfa.key", &format!("{}\n", nfa_server::API_KEY));
    let config = env.write(
        "config.toml",
        &format!(
            "[netflow_analyzer]\nurl = \"{}\"\napi_key_file = \"{}\"\n",
            server.url,
            key_file.display()
        ),
    );
    env.set("NETFLOW_MANAGER_CONFIG", config.to_str().unwrap());
    add(&env, 1, "acme", "192.0.2.7");
    add(&env, 2, "beta", "192.0.2.8");
    let mut seen = String::new();
    let mut run = |env: &Env, args: &[&str]| {
        let out = env.run(args);
        seen.push_str(&String::from_utf8_lossy(&out.stdout));
        seen.push_str(&String::from_utf8_lossy(&out.stderr));
    };
    run(&env, &["nfa", "push"]);
    env.ok(&["access", "edit", "1", "--ip", "192.0.2.70"]);
    env.ok(&["access", "disable", "2"]);
    run(&env, &["nfa", "status"]);
    run(&env, &["nfa", "push", "--prune", "--format", "json"]);
    run(&env, &["audit", "list", "--format", "json"]);
    run(&env, &["doctor"]);
    run(&env, &["doctor", "--report"]);
    server.set(Behaviour::WrongKey {
        status: 200,
        body: true,
    });
    run(&env, &["nfa", "push"]);
    run(&env, &["doctor", "--format", "json"]);
    seen.push_str(&String::from_utf8_lossy(&std::fs::read(env.db()).unwrap()));
    assert!(seen.contains("NetFlow Analyzer"), "{seen}");
    assert!(
        !seen.contains(nfa_server::API_KEY),
        "the API key leaked: {seen}"
    );
    let audit = env.json(&["audit", "list", "--format", "json", "--action", "nfa.push"]);
    assert_eq!(
        audit.as_array().unwrap().len(),
        4,
        "two added, one modified, one deleted: {audit}"
    );
}

#[test]
fn doctor_checks_netflow_analyzer_only_when_configured() {
    let env = Env::activated();
    let checks = env.run(&["doctor", "--format", "json"]);
    let checks: serde_json::Value = serde_json::from_slice(&checks.stdout).unwrap();
    assert!(
        checks
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["check"] != "NetFlow Analyzer"),
        "{checks}"
    );

    let server = NfaServer::start(vec![by_hand(1, "a", &[]), by_hand(2, "b", &[])]);
    let env = configured(&server.url, "");
    let nfa = |env: &Env| -> serde_json::Value {
        let out = env.run(&["doctor", "--format", "json"]);
        let checks: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        checks
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["check"] == "NetFlow Analyzer")
            .cloned()
            .unwrap_or_else(|| panic!("no NetFlow Analyzer check: {checks}"))
    };
    let ok = nfa(&env);
    assert_eq!(ok["ok"], true, "{ok}");
    assert!(
        ok["detail"].as_str().unwrap().contains("2 IP groups"),
        "{ok}"
    );
    server.set(Behaviour::WrongKey {
        status: 200,
        body: true,
    });
    let refused = nfa(&env);
    assert_eq!(refused["ok"], false);
    assert!(
        refused["detail"]
            .as_str()
            .unwrap()
            .contains("refused the API key"),
        "{refused}"
    );
    assert!(
        refused["fix"].as_str().unwrap().contains("api_key"),
        "{refused}"
    );
    drop(server);
    let gone = nfa(&env);
    assert_eq!(gone["ok"], false);
    assert!(gone["fix"].as_str().unwrap().contains("network"), "{gone}");
}

#[test]
fn a_store_of_the_previous_version_is_migrated_before_the_first_push() {
    let server = NfaServer::start(vec![]);
    let env = configured(&server.url, "");
    add(&env, 1, "acme", "192.0.2.7");
    // Back to schema version 2, as the previous version left it.
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute_batch("DROP TABLE nfa_group; PRAGMA user_version = 2;")
        .unwrap();
    drop(conn);
    env.fails(&["nfa", "push"], 78);
    assert!(server.requests().is_empty());
    let out = env.ok(&["activate"]);
    assert!(
        out.contains("migrated store from schema version 2 to 3"),
        "{out}"
    );
    env.ok(&["nfa", "push"]);
    assert_eq!(owned(&env), ["acme"]);
}
