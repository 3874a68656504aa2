//! settings list/get/set/unset and their validation.

use crate::support::Env;

#[test]
fn defaults_are_seeded() {
    let env = Env::activated();
    let list = env.json(&["settings", "list", "--format", "json"]);
    let get = |k: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|r| r["key"] == k)
            .unwrap()["value"]
            .clone()
    };
    assert_eq!(get("default_url"), "https://netflow.myownserver.net/");
    assert_eq!(get("client_area_enabled"), "true");
    assert_eq!(get("client_area_show_password"), "false");
    assert_eq!(get("email_merge_enabled"), "true");
    assert_eq!(get("licence_key"), "");
}

#[test]
fn values_are_validated() {
    let env = Env::activated();
    let err = env.fails(
        &["settings", "set", "default_url", "ftp://nf.example.net/"],
        65,
    );
    assert!(err.contains("http(s)"), "{err}");
    env.fails(&["settings", "set", "default_url", "nf.example.net"], 65);
    let err = env.fails(&["settings", "set", "client_area_enabled", "perhaps"], 65);
    assert!(err.contains("true or false"), "{err}");
    let err = env.fails(&["settings", "set", "colour", "blue"], 2);
    assert!(
        err.contains("default_url") && err.contains("email_merge_enabled"),
        "{err}"
    );
    env.fails(&["settings", "get", "colour"], 2);
}

#[test]
fn booleans_are_stored_canonically_and_unset_restores_default() {
    let env = Env::activated();
    for (given, stored) in [
        ("YES", "true"),
        ("0", "false"),
        ("No", "false"),
        ("1", "true"),
    ] {
        env.ok(&["settings", "set", "client_area_show_password", given]);
        assert_eq!(
            env.ok(&["settings", "get", "client_area_show_password"])
                .trim(),
            stored
        );
    }
    env.ok(&["settings", "unset", "client_area_show_password"]);
    assert_eq!(
        env.ok(&["settings", "get", "client_area_show_password"])
            .trim(),
        "false"
    );
}

#[test]
fn licence_key_from_stdin_is_masked_and_clears_the_cache() {
    let env = Env::activated();
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute(
        "INSERT INTO state (key, value) VALUES ('licence_local_key', 'cached')",
        [],
    )
    .unwrap();
    drop(conn);
    let out = env.ok_with_stdin(&["settings", "set", "licence_key"], "NFM-SECRET-KEY-0042\n");
    assert!(!out.contains("NFM-SECRET-KEY-0042"), "{out}");
    assert_eq!(
        env.sql::<i64>("SELECT count(*) FROM state WHERE key = 'licence_local_key'"),
        0
    );
    let list = env.ok(&["settings", "list"]);
    assert!(!list.contains("NFM-SECRET"), "{list}");
    assert!(list.contains("********0042"), "{list}");
    let audit = env.ok(&["audit", "list"]);
    assert!(!audit.contains("NFM-SECRET"), "{audit}");
    assert_eq!(
        env.ok(&["settings", "get", "licence_key", "--reveal"])
            .trim(),
        "NFM-SECRET-KEY-0042"
    );
}

#[test]
fn every_change_is_audited_with_the_acting_user() {
    let env = Env::activated();
    env.ok(&["settings", "set", "default_url", "https://nf.example.net"]);
    let audit = env.json(&["audit", "list", "--format", "json", "--action", "settings"]);
    let entry = &audit[0];
    assert_eq!(entry["action"], "settings.set");
    assert_eq!(entry["subject"], "default_url");
    assert_eq!(
        entry["detail"],
        "https://netflow.myownserver.net/ -> https://nf.example.net/"
    );
    let me = nix::unistd::User::from_uid(nix::unistd::Uid::current())
        .unwrap()
        .unwrap()
        .name;
    assert_eq!(entry["actor"], me.as_str());
}

#[test]
fn set_without_a_value_and_nothing_on_stdin_is_a_usage_error() {
    let env = Env::activated();
    let err = env.fails(&["settings", "set", "default_url"], 2);
    assert!(err.contains("stdin"), "{err}");
}

#[test]
fn set_help_lists_every_key_and_a_typo_gets_a_suggestion() {
    let env = Env::activated();
    let help = env.ok(&["settings", "set", "--help"]);
    for key in [
        "licence_key",
        "default_url",
        "client_area_enabled",
        "client_area_show_password",
        "email_merge_enabled",
        "addon_hidden",
    ] {
        assert!(help.contains(&format!("- {key}:")), "{key} in {help}");
    }
    let err = env.fails(&["settings", "get", "licence_ky"], 2);
    assert!(err.contains("'licence_key'"), "{err}");
}
