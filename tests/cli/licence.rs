//! licence check/status through the binary, against the loopback licensing server:
//! the cache and grace rules, every server answer (signed or not) and failure, the exit
//! codes, the JSON contract, and that no secret ever reaches the output.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Output;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::licensing_server::{Behaviour, Licence, LicensingServer};
use crate::support::Env;

const SECRET: &str = "vendor-secret-42";
const KEY: &str = "NFM-0001";
const OTHER_KEY: &str = "NFM-0002";
const DOMAIN: &str = "billing.example.net";
const IP: &str = "203.0.113.10";
const DIRECTORY: &str = "/var/www/whmcs/modules/addons/netflow_manager";
/// The day of the first check; a local key made then answers alone through 2026-12-06
/// (15 days) and stands in for a silent server through 2026-12-11 (5 more).
const NOW: &str = "2026-11-22T08:00:00Z";
const JSON_KEYS: [&str; 11] = [
    "checked_at",
    "directory",
    "domain",
    "ip",
    "message",
    "next_due_date",
    "product_name",
    "registered_name",
    "signed",
    "source",
    "status",
];

fn licence(key: &str) -> Licence {
    Licence::active(
        key,
        &[DOMAIN, "www.billing.example.net"],
        &[IP],
        &[DIRECTORY],
    )
}

fn server_with(licences: Vec<Licence>) -> LicensingServer {
    LicensingServer::start(SECRET, licences)
}

fn server() -> LicensingServer {
    server_with(vec![licence(KEY)])
}

/// The URL of a loopback port nothing listens on.
fn dead_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{address}")
}

/// This installation as the config names it.
struct Identity {
    domain: &'static str,
    ip: &'static str,
    directory: &'static str,
}

const LICENSED: Identity = Identity {
    domain: DOMAIN,
    ip: IP,
    directory: DIRECTORY,
};

/// An activated store with the licence key set, a config pointing at a server, and the
/// clock at `NOW`. Every run is checked for leaked secrets.
struct Licensing {
    env: Env,
    config: PathBuf,
}

impl Licensing {
    fn new(server_url: &str) -> Licensing {
        Licensing::with_key(server_url, KEY)
    }

    fn with_key(server_url: &str, key: &str) -> Licensing {
        let mut env = Env::activated();
        env.set("NETFLOW_MANAGER_NOW", NOW);
        env.ok_with_stdin(&["settings", "set", "licence_key"], &format!("{key}\n"));
        let licensing = Licensing {
            config: env.path("licensing.toml"),
            env,
        };
        licensing.configure(server_url);
        licensing
    }

    fn configure(&self, server_url: &str) {
        self.configure_with(server_url, 5, &LICENSED);
    }

    fn configure_with(&self, server_url: &str, timeout_secs: u64, identity: &Identity) {
        self.env.write(
            "licensing.toml",
            &format!(
                "[licensing]\nserver = \"{server_url}\"\nsecret = \"{SECRET}\"\ntimeout_secs = {timeout_secs}\n\n\
                 [installation]\ndomain = \"{}\"\nip = \"{}\"\ndirectory = \"{}\"\n",
                identity.domain, identity.ip, identity.directory
            ),
        );
    }

    /// Moves the clock.
    fn at(&mut self, now: &str) {
        self.env.set("NETFLOW_MANAGER_NOW", now);
    }

    /// Runs with the config; fails the test if a secret shows in stdout or stderr.
    fn run(&self, args: &[&str]) -> Output {
        let mut all = vec!["--config", self.config.to_str().unwrap()];
        all.extend_from_slice(args);
        let output = self.env.run(&all);
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let mut secrets = vec![SECRET.to_owned(), KEY.to_owned(), OTHER_KEY.to_owned()];
        secrets.extend(self.local_key());
        for secret in secrets {
            assert!(
                !stdout.contains(&secret) && !stderr.contains(&secret),
                "{args:?} printed a secret: {stdout}{stderr}"
            );
        }
        assert!(!stderr.contains("panicked"), "{stderr}");
        output
    }

    /// Runs, asserts the exit code, returns stdout and stderr.
    fn expect(&self, args: &[&str], code: i32) -> (String, String) {
        let output = self.run(args);
        let stdout = String::from_utf8(output.stdout).unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(
            output.status.code(),
            Some(code),
            "{args:?}: stdout {stdout} stderr {stderr}"
        );
        if code != 0 {
            assert_eq!(stderr.lines().count(), 1, "{args:?}: one line: {stderr}");
            assert!(stderr.starts_with("netflow-manager: licence "), "{stderr}");
        }
        (stdout, stderr)
    }

    /// `licence <command> --format json` expecting `code`: the JSON and stderr.
    fn json(&self, command: &str, extra: &[&str], code: i32) -> (Value, String) {
        let mut args = vec!["licence", command, "--format", "json"];
        args.extend_from_slice(extra);
        let (stdout, stderr) = self.expect(&args, code);
        let value: Value = serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {stdout}"));
        let mut keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(keys, JSON_KEYS, "{value}");
        (value, stderr)
    }

    fn check(&self, code: i32) -> Value {
        self.json("check", &[], code).0
    }

    fn local_key(&self) -> Option<String> {
        self.state("licence_local_key")
    }

    fn state(&self, key: &str) -> Option<String> {
        let conn = rusqlite::Connection::open(self.env.db()).unwrap();
        conn.query_row("SELECT value FROM state WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .ok()
    }

    fn audited(&self) -> Vec<String> {
        let conn = rusqlite::Connection::open(self.env.db()).unwrap();
        let mut statement = conn
            .prepare("SELECT detail FROM audit WHERE action = 'licence.check' ORDER BY id")
            .unwrap();
        statement
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }
}

fn identity(installation: &str, licensed: &[&str], matches: bool) -> Value {
    json!({ "installation": installation, "licensed": licensed, "matches": matches })
}

#[test]
fn an_active_licence_is_cached_then_answered_locally_until_forced() {
    let server = server();
    let mut licensing = Licensing::new(server.url());
    let first = licensing.check(0);
    assert_eq!(
        first,
        json!({
            "status": "Active",
            "source": "server",
            "message": null,
            "signed": true,
            "registered_name": "Jane Operator",
            "product_name": "NetFlow Manager for WHMCS",
            "next_due_date": "2027-01-15",
            "checked_at": NOW,
            "domain": identity(DOMAIN, &[DOMAIN, "www.billing.example.net"], true),
            "ip": identity(IP, &[IP], true),
            "directory": identity(DIRECTORY, &[DIRECTORY], true),
        })
    );
    assert_eq!(server.requests(), 1);
    let form = server.last_form().unwrap();
    let field = |name: &str| {
        form.iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
            .unwrap()
    };
    assert_eq!(field("licensekey"), KEY);
    assert_eq!(field("domain"), DOMAIN);
    assert_eq!(field("ip"), IP);
    assert_eq!(field("dir"), DIRECTORY);
    let token = field("check_token");
    assert!(
        token.starts_with("1795334400") && token.len() == 42,
        "{token}"
    );
    assert!(licensing.local_key().is_some());

    licensing.at("2026-12-06T23:00:00Z");
    let cached = licensing.check(0);
    assert_eq!(cached["source"], "cache");
    assert_eq!(cached["status"], "Active");
    assert_eq!(cached["signed"], true);
    assert_eq!(cached["checked_at"], NOW);
    assert_eq!(server.requests(), 1, "a fresh local key answers alone");

    let forced = licensing.json("check", &["--force"], 0).0;
    assert_eq!(forced["source"], "server");
    assert_eq!(forced["checked_at"], "2026-12-06T23:00:00Z");
    assert_eq!(server.requests(), 2);

    licensing.at("2026-12-07T00:00:00Z");
    let (value, _) = licensing.json("check", &[], 0);
    assert_eq!(value["source"], "cache", "the forced check renewed the key");
    assert_eq!(
        licensing.audited(),
        ["not checked -> Active"],
        "only a change of status is audited"
    );
}

#[test]
fn people_read_where_the_answer_came_from_and_each_identity() {
    let server = server();
    let licensing = Licensing::new(server.url());
    let (out, stderr) = licensing.expect(&["license", "check"], 0);
    assert_eq!(stderr, "");
    for expected in [
        "status           Active",
        "source           server",
        "signed           yes",
        "registered name  Jane Operator",
        "product          NetFlow Manager for WHMCS",
        "next due date    2027-01-15",
        "checked at       2026-11-22T08:00:00Z",
        "ip               203.0.113.10 ✓ (licensed: 203.0.113.10)",
    ] {
        assert!(out.contains(expected), "{expected:?} in {out}");
    }
    assert!(!out.contains("MISMATCH"), "{out}");
    let (status, _) = licensing.expect(&["status"], 0);
    assert!(
        status.contains("Active (cache, checked 2026-11-22, next due 2027-01-15)"),
        "{status}"
    );
}

#[test]
fn an_unknown_key_is_an_unsigned_invalid_without_a_message() {
    let server = server_with(Vec::new());
    let licensing = Licensing::new(server.url());
    let (value, stderr) = licensing.json("check", &[], 1);
    assert_eq!(value["status"], "Invalid");
    assert_eq!(value["source"], "server");
    assert_eq!(value["message"], Value::Null);
    assert_eq!(value["signed"], false);
    assert_eq!(value["registered_name"], Value::Null);
    assert_eq!(value["checked_at"], NOW);
    assert_eq!(stderr, "netflow-manager: licence Invalid\n");
    assert_eq!(licensing.local_key(), None);
    assert_eq!(licensing.audited(), ["not checked -> Invalid"]);

    let (cached, stderr) = licensing.json("status", &[], 1);
    assert_eq!(cached["status"], "Invalid");
    assert_eq!(cached["source"], "cache");
    assert_eq!(cached["message"], Value::Null);
    assert_eq!(cached["signed"], false);
    assert_eq!(cached["checked_at"], NOW);
    assert_eq!(
        stderr,
        "netflow-manager: licence Invalid; run: netflow-manager licence check\n"
    );
}

#[test]
fn expired_and_suspended_licences_empty_the_cache() {
    for status in ["Expired", "Suspended"] {
        let active = server();
        let licensing = Licensing::new(active.url());
        licensing.check(0);
        assert!(licensing.local_key().is_some());

        let changed = server_with(vec![licence(KEY).with_status(status)]);
        licensing.configure(changed.url());
        let (value, stderr) = licensing.json("check", &["--force"], 1);
        assert_eq!(value["status"], status);
        assert_eq!(value["signed"], true, "{status} answers are signed");
        assert_eq!(value["registered_name"], "Jane Operator");
        assert_eq!(stderr, format!("netflow-manager: licence {status}\n"));
        assert_eq!(licensing.local_key(), None, "{status} empties the cache");
        assert_eq!(
            licensing.audited(),
            [
                "not checked -> Active".to_owned(),
                format!("Active -> {status}")
            ]
        );

        let (cached, _) = licensing.json("status", &[], 1);
        assert_eq!(cached["status"], status);
        assert_eq!(cached["source"], "cache");
        assert_eq!(cached["signed"], true);
        let (overview, _) = licensing.expect(&["status"], 0);
        assert!(
            overview.contains(&format!("licence          {status}\n")),
            "{overview}"
        );
    }
}

#[test]
fn another_domain_ip_or_directory_is_an_unsigned_invalid_with_its_message() {
    let server = server();
    let cases = [
        (
            Identity {
                domain: "shop.example.org",
                ..LICENSED
            },
            "Domain Invalid",
            "domain",
            "shop.example.org",
        ),
        (
            Identity {
                ip: "198.51.100.7",
                ..LICENSED
            },
            "IP Address Invalid",
            "ip",
            "198.51.100.7",
        ),
        (
            Identity {
                directory: "/srv/whmcs",
                ..LICENSED
            },
            "Directory Invalid",
            "directory",
            "/srv/whmcs",
        ),
    ];
    for (identity_, message, field, value) in cases {
        let licensing = Licensing::new(server.url());
        licensing.configure_with(server.url(), 5, &identity_);
        let (answer, stderr) = licensing.json("check", &[], 1);
        assert_eq!(answer["status"], "Invalid");
        assert_eq!(answer["message"], message);
        assert_eq!(answer["signed"], false);
        assert_eq!(answer[field], identity(value, &[], false));
        assert_eq!(
            stderr,
            format!("netflow-manager: licence Invalid: {message}\n")
        );
        assert_eq!(licensing.local_key(), None);

        let (cached, _) = licensing.json("status", &[], 1);
        assert_eq!(cached["status"], "Invalid");
        assert_eq!(cached["message"], message);
        assert_eq!(cached["signed"], false);
    }
}

#[test]
fn an_unsigned_invalid_ends_the_grace_until_the_next_active_answer() {
    let server = server();
    let mut licensing = Licensing::new(server.url());
    licensing.check(0);
    assert!(licensing.local_key().is_some());

    // Day 16: the local key is past local_key_days, the server no longer knows the key.
    let revoked = server_with(Vec::new());
    licensing.configure(revoked.url());
    licensing.at("2026-12-08T08:00:00Z");
    let invalid = licensing.check(1);
    assert_eq!(invalid["status"], "Invalid");
    assert_eq!(invalid["source"], "server");
    assert_eq!(invalid["signed"], false);
    assert_eq!(
        licensing.local_key(),
        None,
        "the Invalid answer drops the key"
    );

    // Days 17 to 20 were grace for the old key: now the server down is no answer.
    licensing.configure(&dead_url());
    for now in ["2026-12-09T08:00:00Z", "2026-12-11T23:00:00Z"] {
        licensing.at(now);
        for extra in [&[][..], &["--force"][..]] {
            let (failed, stderr) = licensing.json("check", extra, 69);
            assert_eq!(failed["status"], "Invalid", "{now} {extra:?}");
            assert_eq!(failed["message"], "Remote Check Failed");
            assert_eq!(failed["source"], "server");
            assert_eq!(failed["signed"], false);
            assert!(
                stderr.starts_with("netflow-manager: licence Remote Check Failed: "),
                "{stderr}"
            );
        }
        let (cached, _) = licensing.json("status", &[], 1);
        assert_eq!(cached["status"], "Invalid");
        assert_eq!(cached["checked_at"], "2026-12-08T08:00:00Z");
    }
    assert_eq!(
        licensing.audited(),
        ["not checked -> Active", "Active -> Invalid"]
    );

    // The next Active answer brings back the local key, and with it the grace.
    licensing.configure(server.url());
    assert_eq!(licensing.check(0)["source"], "server");
    licensing.configure(&dead_url());
    licensing.at("2026-12-28T08:00:00Z");
    assert_eq!(licensing.check(0)["source"], "grace");
}

#[test]
fn a_moved_installation_is_marked_against_the_cached_lists() {
    let server = server();
    let licensing = Licensing::new(server.url());
    licensing.check(0);
    let moved = Identity {
        directory: "/srv/whmcs",
        ..LICENSED
    };
    licensing.configure_with(server.url(), 5, &moved);

    let (cached, stderr) = licensing.json("status", &[], 1);
    assert_eq!(cached["status"], "Invalid");
    assert_eq!(cached["domain"]["matches"], true);
    assert_eq!(cached["ip"]["matches"], true);
    assert_eq!(
        cached["directory"],
        identity("/srv/whmcs", &[DIRECTORY], false)
    );
    assert!(
        stderr.contains("run: netflow-manager licence check"),
        "{stderr}"
    );
    let (people, _) = licensing.expect(&["licence", "status"], 1);
    assert!(
        people.contains(&format!(
            "directory        /srv/whmcs ✗ MISMATCH (licensed: {DIRECTORY})"
        )),
        "{people}"
    );
    assert_eq!(server.requests(), 1, "status never asks the server");

    let asked = licensing.check(1);
    assert_eq!(asked["message"], "Directory Invalid");
    assert_eq!(
        server.requests(),
        2,
        "the local key does not list this directory"
    );
}

#[test]
fn a_reply_with_a_wrong_md5hash_is_never_trusted() {
    let server = server();
    server.set_behaviour(Behaviour::WrongMd5);
    let licensing = Licensing::new(server.url());
    let (value, stderr) = licensing.json("check", &[], 1);
    assert_eq!(value["status"], "Invalid");
    assert_eq!(value["message"], "MD5 Checksum Verification Failed");
    assert_eq!(value["signed"], false);
    assert_eq!(value["registered_name"], Value::Null);
    assert_eq!(value["checked_at"], Value::Null);
    assert_eq!(
        stderr,
        "netflow-manager: licence Invalid: MD5 Checksum Verification Failed\n"
    );
    assert_eq!(licensing.local_key(), None);
    assert_eq!(licensing.state("licence_last_answer"), None);
    assert!(licensing.audited().is_empty());
}

#[test]
fn a_wrongly_signed_invalid_or_an_unsigned_active_changes_nothing() {
    let server = server();
    let licensing = Licensing::new(server.url());
    licensing.check(0);
    let key = licensing.local_key();
    let last_answer = licensing.state("licence_last_answer");

    let forged_invalid = server_with(Vec::new());
    forged_invalid.set_behaviour(Behaviour::WrongMd5);
    server.set_behaviour(Behaviour::Unsigned);
    for url in [forged_invalid.url(), server.url()] {
        licensing.configure(url);
        let (value, stderr) = licensing.json("check", &["--force"], 1);
        assert_eq!(value["status"], "Invalid", "{url}");
        assert_eq!(value["message"], "MD5 Checksum Verification Failed");
        assert_eq!(value["signed"], false);
        assert_eq!(value["registered_name"], Value::Null);
        assert_eq!(value["checked_at"], NOW, "the last answer that counted");
        assert_eq!(
            stderr,
            "netflow-manager: licence Invalid: MD5 Checksum Verification Failed\n"
        );
        assert_eq!(licensing.local_key(), key, "the local key stays");
        assert_eq!(licensing.state("licence_last_answer"), last_answer);
    }
    assert_eq!(forged_invalid.requests(), 1);
    assert_eq!(server.requests(), 2);
    let (cached, _) = licensing.json("status", &[], 0);
    assert_eq!(cached["status"], "Active");
    assert_eq!(cached["signed"], true);
    assert_eq!(licensing.audited(), ["not checked -> Active"]);
}

#[test]
fn a_silent_server_is_covered_by_the_cache_then_grace_then_fails() {
    let server = server();
    let mut licensing = Licensing::new(server.url());
    licensing.check(0);
    let key = licensing.local_key();
    licensing.configure(&dead_url());

    licensing.at("2026-11-23T08:00:00Z");
    assert_eq!(licensing.check(0)["source"], "cache");

    licensing.at("2026-12-08T08:00:00Z");
    let grace = licensing.check(0);
    assert_eq!(grace["source"], "grace");
    assert_eq!(grace["status"], "Active");
    assert_eq!(grace["checked_at"], NOW);
    let (people, _) = licensing.expect(&["licence", "check"], 0);
    assert!(
        people.contains("grace (the local key stands in; the server did not answer: cannot reach the licensing server"),
        "{people}"
    );

    licensing.at("2026-12-12T08:00:00Z");
    let (failed, stderr) = licensing.json("check", &[], 69);
    assert_eq!(failed["status"], "Invalid");
    assert_eq!(failed["message"], "Remote Check Failed");
    assert_eq!(failed["source"], "server");
    assert!(
        stderr.starts_with(
            "netflow-manager: licence Remote Check Failed: cannot reach the licensing server"
        ),
        "{stderr}"
    );
    assert_eq!(licensing.local_key(), key, "a failed check writes nothing");
}

#[test]
fn a_slow_server_is_given_up_after_timeout_secs() {
    let server = server();
    server.set_behaviour(Behaviour::Slow(Duration::from_secs(4)));
    let licensing = Licensing::new(server.url());
    licensing.configure_with(server.url(), 1, &LICENSED);
    let started = Instant::now();
    let (_, stderr) = licensing.json("check", &[], 69);
    assert!(started.elapsed() < Duration::from_secs(4));
    assert!(
        stderr.contains("no answer from the licensing server within 1s"),
        "{stderr}"
    );
}

#[test]
fn an_http_error_or_a_junk_page_is_no_answer() {
    for (behaviour, reason) in [
        (Behaviour::Http500, "HTTP 500"),
        (Behaviour::Junk, "reply has no status"),
    ] {
        let server = server();
        server.set_behaviour(behaviour);
        let licensing = Licensing::new(server.url());
        let (value, stderr) = licensing.json("check", &[], 69);
        assert_eq!(value["message"], "Remote Check Failed");
        assert!(stderr.contains(reason), "{stderr}");
        assert_eq!(server.requests(), 1);
    }
}

#[test]
fn proxy_variables_do_not_come_between_it_and_a_loopback_server() {
    let server = server();
    let mut licensing = Licensing::new(server.url());
    let dead = dead_url();
    for variable in [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
    ] {
        licensing.env.set(variable, &dead);
    }
    licensing.env.set("NO_PROXY", "");
    let value = licensing.check(0);
    assert_eq!(value["source"], "server");
    assert_eq!(server.requests(), 1);
}

#[test]
fn a_new_licence_key_empties_the_cache() {
    let server = server_with(vec![licence(KEY), licence(OTHER_KEY)]);
    let licensing = Licensing::new(server.url());
    licensing.check(0);
    let out = licensing.env.ok_with_stdin(
        &["settings", "set", "licence_key"],
        &format!("{OTHER_KEY}\n"),
    );
    assert!(out.contains("licence cache cleared"), "{out}");
    assert_eq!(licensing.local_key(), None);
    let (status, _) = licensing.expect(&["status"], 0);
    assert!(status.contains("not checked yet"), "{status}");

    let value = licensing.check(0);
    assert_eq!(value["source"], "server");
    assert_eq!(server.requests(), 2);
    let form = server.last_form().unwrap();
    assert!(form.contains(&("licensekey".to_owned(), OTHER_KEY.to_owned())));
}

#[test]
fn status_answers_from_the_cache_alone() {
    let server = server();
    let mut licensing = Licensing::new(server.url());
    let (before, stderr) = licensing.json("status", &[], 1);
    assert_eq!(before["status"], "Unchecked");
    assert_eq!(before["source"], "cache");
    assert_eq!(before["message"], "no licence check has been made yet");
    assert_eq!(before["signed"], false);
    assert_eq!(before["checked_at"], Value::Null);
    assert_eq!(
        stderr,
        "netflow-manager: licence Unchecked: no licence check has been made yet; run: netflow-manager licence check\n"
    );
    let (people, _) = licensing.expect(&["licence", "status"], 1);
    assert!(people.contains("status           Unchecked\n"), "{people}");

    licensing.check(0);
    drop(server);
    licensing.at("2026-12-06T08:00:00Z");
    let (cached, stderr) = licensing.json("status", &[], 0);
    assert_eq!(cached["status"], "Active");
    assert_eq!(cached["source"], "cache");
    assert_eq!(cached["signed"], true);
    assert_eq!(cached["checked_at"], NOW);
    assert_eq!(stderr, "");

    licensing.at("2026-12-07T08:00:00Z");
    let (stale, _) = licensing.json("status", &[], 1);
    assert_eq!(
        stale["message"],
        "the local key from 20261122 is older than 15 days"
    );
    assert_eq!(stale["signed"], false, "the refusal is this tool's own");
    assert_eq!(stale["registered_name"], "Jane Operator");
}

#[test]
fn quiet_says_nothing_when_active_and_one_line_otherwise() {
    let server = server();
    let licensing = Licensing::new(server.url());
    assert_eq!(
        licensing.expect(&["--quiet", "licence", "check"], 0),
        (String::new(), String::new())
    );
    assert_eq!(
        licensing.expect(&["-q", "licence", "status"], 0),
        (String::new(), String::new())
    );

    let refused = Licensing::with_key(server.url(), OTHER_KEY);
    let (stdout, stderr) = refused.expect(&["--quiet", "licence", "check"], 1);
    assert_eq!(stdout, "");
    assert_eq!(stderr, "netflow-manager: licence Invalid\n");

    refused.configure(&dead_url());
    let (stdout, _) = refused.expect(&["--quiet", "licence", "check", "--force"], 69);
    assert_eq!(stdout, "");
}

#[test]
fn missing_wiring_is_a_configuration_error() {
    let server = server();
    let licensing = Licensing::with_key(server.url(), "");
    let err = licensing.env.fails(
        &[
            "--config",
            licensing.config.to_str().unwrap(),
            "licence",
            "check",
        ],
        78,
    );
    assert!(
        err.contains("no licence key; set it with: netflow-manager settings set licence_key"),
        "{err}"
    );

    let licensing = Licensing::new(server.url());
    for (config, expected) in [
        ("[licensing]\nsecret = \"x\"\n", "set [licensing] server in"),
        (
            "[licensing]\nserver = \"licensing.example.com\"\n",
            "is not an http(s) URL",
        ),
        (
            "[licensing]\nserver = \"https://licensing.example.com\"\ntimeout_secs = 0\n",
            "timeout_secs",
        ),
    ] {
        licensing.env.write("licensing.toml", config);
        let err = licensing.env.fails(
            &[
                "--config",
                licensing.config.to_str().unwrap(),
                "licence",
                "check",
            ],
            78,
        );
        assert!(err.contains(expected), "{err}");
        assert!(err.contains("licensing.toml"), "{err}");
    }
    assert_eq!(server.requests(), 0);
}

#[test]
fn the_installation_defaults_to_the_host_name_and_the_stores_directory() {
    let server = server();
    let licensing = Licensing::new(server.url());
    licensing.env.write(
        "licensing.toml",
        &format!(
            "[licensing]\nserver = \"{}\"\nsecret = \"{SECRET}\"\n\n[installation]\nip = \"{IP}\"\n",
            server.url()
        ),
    );
    let (value, _) = licensing.json("check", &[], 1);
    let host = nix::unistd::gethostname().unwrap();
    assert_eq!(value["domain"]["installation"], host.to_str().unwrap());
    assert_eq!(value["ip"]["installation"], IP);
    assert_eq!(
        value["directory"]["installation"],
        licensing.env.dir.path().to_str().unwrap()
    );
}

#[test]
fn a_deactivated_module_still_checks_its_licence() {
    let server = server();
    let licensing = Licensing::new(server.url());
    licensing.env.ok(&["deactivate"]);
    assert_eq!(licensing.check(0)["status"], "Active");
    assert_eq!(licensing.json("status", &[], 0).0["source"], "cache");
}

/// Text the server sent reaches a terminal escaped, never raw.
#[test]
fn what_the_server_sends_is_shown_escaped() {
    let hostile = "evil\u{1b}]0;pwned\u{7}\u{1b}[2J.example";
    let server = server_with(vec![Licence::active(
        KEY,
        &[DOMAIN, hostile],
        &[IP],
        &[DIRECTORY],
    )]);
    let licensing = Licensing::new(server.url());
    let (out, _) = licensing.expect(&["licence", "check"], 0);
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(
        out.contains("evil\\x1b]0;pwned\\x07\\x1b[2J.example"),
        "{out}"
    );
    let (json, _) = licensing.expect(&["licence", "status", "--format", "json"], 0);
    let json: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        json["domain"]["licensed"][1], hostile,
        "JSON keeps it exact"
    );
}
