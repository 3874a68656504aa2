//! The licence check end to end over real HTTP: `client::post_form` and `check::check`
//! against the loopback licensing server in `support/`, directly and through a proxy.

#[path = "support/connect_proxy.rs"]
mod connect_proxy;
#[path = "support/licensing_server.rs"]
mod licensing_server;

use std::net::TcpListener;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use connect_proxy::ConnectProxy;
use licensing_server::{Behaviour, Licence, LicensingServer};
use netflow_manager::licensing::check::{
    CheckRequest, CheckResult, RemoteOutcome, Settings, Source, check,
};
use netflow_manager::licensing::client::post_form;
use netflow_manager::licensing::local_key;
use netflow_manager::licensing::protocol::{Installation, new_check_token, verify_url};

const SECRET: &str = "vendor-secret-42";
const KEY: &str = "NFM-0001";
const TIMEOUT: Duration = Duration::from_secs(10);

fn installation() -> Installation {
    Installation {
        domain: "billing.example.net".into(),
        ip: "203.0.113.10".into(),
        directory: "/var/www/whmcs/modules/addons/netflow_manager".into(),
    }
}

fn licence() -> Licence {
    Licence::active(
        KEY,
        &["billing.example.net", "www.billing.example.net"],
        &["203.0.113.10"],
        &["/var/www/whmcs/modules/addons/netflow_manager"],
    )
}

fn server() -> LicensingServer {
    LicensingServer::start(SECRET, vec![licence()])
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("a valid date")
}

/// One check as the CLI makes it: a fresh token, the real HTTP client.
struct Check<'a> {
    server_url: &'a str,
    licence_key: &'a str,
    installation: Installation,
    local_key: Option<&'a str>,
    today: NaiveDate,
    force: bool,
    timeout: Duration,
}

impl<'a> Check<'a> {
    fn new(server: &'a LicensingServer) -> Self {
        Self {
            server_url: server.url(),
            licence_key: KEY,
            installation: installation(),
            local_key: None,
            today: today(),
            force: false,
            timeout: TIMEOUT,
        }
    }

    fn run(&self) -> CheckResult {
        let settings = Settings {
            secret: SECRET.to_owned(),
            ..Settings::default()
        };
        let token = new_check_token(1_795_334_400, [0x5a; 16]);
        let request = CheckRequest {
            licence_key: self.licence_key,
            installation: &self.installation,
            settings: &settings,
            today: self.today,
            local_key: self.local_key,
            force: self.force,
            check_token: &token,
        };
        check(&request, |form| {
            post_form(&verify_url(self.server_url), form, self.timeout)
        })
    }
}

#[test]
fn an_active_licence_is_cached_and_then_answered_locally() {
    let server = server();
    let first = Check::new(&server).run();
    assert_eq!(first.status, "Active");
    assert_eq!(first.source, Source::Server);
    assert_eq!(
        first.results.get("productname"),
        Some("NetFlow Manager for WHMCS")
    );
    assert!(first.domain.matches && first.ip.matches && first.directory.matches);
    assert_eq!(server.requests(), 1);

    let form = server.last_form().expect("the server saw a form");
    let names: Vec<&str> = form.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["licensekey", "domain", "ip", "dir", "check_token"]);
    assert_eq!(form[3].1, "/var/www/whmcs/modules/addons/netflow_manager");

    let new_key = first
        .new_local_key
        .expect("an Active answer gives a local key");
    let decoded = local_key::decode(&new_key, SECRET).expect("the new key decodes");
    assert_eq!(decoded.checkdate, "20261122");

    let second = Check {
        local_key: Some(&new_key),
        today: today() + chrono::Days::new(14),
        ..Check::new(&server)
    }
    .run();
    assert_eq!(second.status, "Active");
    assert_eq!(second.source, Source::Cache);
    assert_eq!(server.requests(), 1, "a fresh local key answers alone");

    let forced = Check {
        local_key: Some(&new_key),
        force: true,
        ..Check::new(&server)
    }
    .run();
    assert_eq!(forced.source, Source::Server);
    assert_eq!(server.requests(), 2);
}

#[test]
fn the_server_refuses_another_domain_ip_or_directory() {
    let server = server();
    let cases = [
        (
            Installation {
                domain: "shop.example.org".into(),
                ..installation()
            },
            "Domain Invalid",
        ),
        (
            Installation {
                ip: "198.51.100.7".into(),
                ..installation()
            },
            "IP Address Invalid",
        ),
        (
            Installation {
                directory: "/srv/whmcs".into(),
                ..installation()
            },
            "Directory Invalid",
        ),
    ];
    for (installation, message) in cases {
        let result = Check {
            installation,
            ..Check::new(&server)
        }
        .run();
        assert_eq!(result.status, "Invalid");
        assert_eq!(result.message.as_deref(), Some(message));
        assert_eq!(result.source, Source::Server);
        assert!(
            !result.signed,
            "a real server does not sign Invalid answers"
        );
        assert!(result.clear_cache);
        assert_eq!(result.new_local_key, None);
    }
}

#[test]
fn unknown_expired_and_suspended_licences_are_reported() {
    let server = LicensingServer::start(
        SECRET,
        vec![
            licence(),
            Licence {
                key: "NFM-EXPIRED".into(),
                ..licence().with_status("Expired")
            },
            Licence {
                key: "NFM-SUSPENDED".into(),
                ..licence().with_status("Suspended")
            },
        ],
    );
    for (key, status, signed) in [
        ("NFM-UNKNOWN", "Invalid", false),
        ("NFM-EXPIRED", "Expired", true),
        ("NFM-SUSPENDED", "Suspended", true),
    ] {
        let result = Check {
            licence_key: key,
            ..Check::new(&server)
        }
        .run();
        assert_eq!(result.status, status, "licence {key}");
        assert_eq!(result.message, None);
        assert_eq!(result.source, Source::Server);
        assert_eq!(result.signed, signed, "licence {key}");
        assert!(result.clear_cache && !result.unreachable);
        assert_eq!(result.new_local_key, None);
    }
}

#[test]
fn a_signed_invalid_answer_counts_too() {
    let server = server();
    server.set_behaviour(Behaviour::SignsInvalid);
    let result = Check {
        licence_key: "NFM-UNKNOWN",
        ..Check::new(&server)
    }
    .run();
    assert_eq!(result.status, "Invalid");
    assert!(result.signed && result.clear_cache);
}

#[test]
fn an_unsigned_invalid_answer_ends_the_grace_of_a_cached_key() {
    let server = server();
    let key = cached_key(&server);
    // Day 16: past local_key_days, so the server is asked; it no longer knows the key.
    let revoked = Check {
        licence_key: "NFM-REVOKED",
        local_key: Some(&key),
        today: today() + chrono::Days::new(16),
        ..Check::new(&server)
    }
    .run();
    assert_eq!(revoked.status, "Invalid");
    assert_eq!(revoked.source, Source::Server);
    assert!(!revoked.signed);
    assert!(revoked.clear_cache, "the caller must drop the local key");

    // Day 17, the server down, the key dropped as told: no grace, never Active.
    let down = Check {
        server_url: &dead_url(),
        local_key: None,
        today: today() + chrono::Days::new(17),
        ..Check::new(&server)
    }
    .run();
    assert_remote_check_failed(&down);
}

#[test]
fn a_reply_signed_with_another_secret_is_invalid() {
    let server = server();
    server.set_behaviour(Behaviour::WrongMd5);
    let result = Check::new(&server).run();
    assert_eq!(result.status, "Invalid");
    assert_eq!(
        result.message.as_deref(),
        Some("MD5 Checksum Verification Failed")
    );
    assert_eq!(result.new_local_key, None);
    assert!(!result.signed && !result.clear_cache && !result.unreachable);

    let wrongly_signed_invalid = Check {
        licence_key: "NFM-UNKNOWN",
        ..Check::new(&server)
    }
    .run();
    assert_eq!(
        wrongly_signed_invalid.message.as_deref(),
        Some("MD5 Checksum Verification Failed")
    );
    assert!(!wrongly_signed_invalid.clear_cache, "it changes nothing");
}

#[test]
fn an_active_answer_without_md5hash_is_refused() {
    let server = server();
    let key = cached_key(&server);
    server.set_behaviour(Behaviour::Unsigned);
    let result = Check {
        local_key: Some(&key),
        force: true,
        ..Check::new(&server)
    }
    .run();
    assert_eq!(result.status, "Invalid");
    assert_eq!(
        result.message.as_deref(),
        Some("MD5 Checksum Verification Failed")
    );
    assert_eq!(result.source, Source::Server);
    assert_eq!(result.results.get("registeredname"), None);
    assert_eq!(result.new_local_key, None);
    assert!(!result.signed && !result.clear_cache && !result.unreachable);
}

/// A local key of an Active answer from the server, checked on `today()`.
fn cached_key(server: &LicensingServer) -> String {
    Check::new(server)
        .run()
        .new_local_key
        .expect("an Active answer gives a local key")
}

#[test]
fn http_500_counts_as_unreachable_and_grace_applies() {
    let server = server();
    let key = cached_key(&server);
    server.set_behaviour(Behaviour::Http500);

    let in_grace = Check {
        local_key: Some(&key),
        today: today() + chrono::Days::new(19),
        ..Check::new(&server)
    }
    .run();
    assert_eq!(in_grace.status, "Active");
    assert_eq!(in_grace.source, Source::Grace);
    assert_eq!(
        in_grace.remote_error.as_deref(),
        Some("the licensing server answered HTTP 500 Internal Server Error")
    );

    let past_grace = Check {
        local_key: Some(&key),
        today: today() + chrono::Days::new(20),
        ..Check::new(&server)
    }
    .run();
    assert_remote_check_failed(&past_grace);
    assert_eq!(server.requests(), 3);
}

#[test]
fn a_junk_page_counts_as_unreachable() {
    let server = server();
    server.set_behaviour(Behaviour::Junk);
    let result = Check::new(&server).run();
    assert_remote_check_failed(&result);
    assert!(
        result
            .remote_error
            .as_deref()
            .is_some_and(|reason| reason.contains("no status"))
    );
}

#[test]
fn a_slow_server_times_out() {
    let server = server();
    server.set_behaviour(Behaviour::Slow(Duration::from_millis(1500)));
    let started = Instant::now();
    let result = Check {
        timeout: Duration::from_millis(200),
        ..Check::new(&server)
    }
    .run();
    assert!(started.elapsed() < Duration::from_millis(1500));
    assert_remote_check_failed(&result);
    assert_eq!(
        result.remote_error.as_deref(),
        Some("no answer from the licensing server within 200ms")
    );
}

#[test]
fn a_stopped_server_cannot_be_reached() {
    let url = dead_url();
    let outcome = post_form(&verify_url(&url), &[("licensekey", KEY)], TIMEOUT);
    let RemoteOutcome::Unreachable(reason) = outcome else {
        panic!("a closed port answered: {outcome:?}");
    };
    assert!(
        reason.starts_with("cannot reach the licensing server:") && !reason.contains('\n'),
        "{reason}"
    );
}

#[test]
fn a_wrong_server_path_is_not_an_answer() {
    let server = server();
    let outcome = post_form(server.url(), &[("licensekey", KEY)], TIMEOUT);
    assert_eq!(
        outcome,
        RemoteOutcome::Unreachable("the licensing server answered HTTP 404 Not Found".into())
    );
}

fn assert_remote_check_failed(result: &CheckResult) {
    assert_eq!(result.status, "Invalid");
    assert_eq!(result.message.as_deref(), Some("Remote Check Failed"));
    assert!(result.unreachable);
    assert_eq!(result.new_local_key, None);
}

/// The URL of a loopback port nothing listens on.
fn dead_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    let address = listener.local_addr().expect("a local address");
    drop(listener);
    format!("http://{address}")
}

const PROXY_VARIABLES: [&str; 6] = [
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "ALL_PROXY",
    "all_proxy",
];

/// The variable that tells a child test which proxy or server to use.
const CHILD_TARGET: &str = "LICENSING_TEST_TARGET";

/// Runs the ignored test `name` in a child process with every proxy variable set to
/// `proxy` and `target` in `CHILD_TARGET`, so this process's environment never changes.
fn run_child_test(name: &str, proxy: &str, target: &str) {
    let mut child = Command::new(std::env::current_exe().expect("the test binary's path"));
    child.args(["--exact", name, "--ignored", "--test-threads=1"]);
    for variable in PROXY_VARIABLES {
        child.env(variable, proxy);
    }
    child
        .env(CHILD_TARGET, target)
        .env_remove("NO_PROXY")
        .env_remove("no_proxy")
        .env_remove("REQUEST_METHOD");
    let output = child.output().expect("run the test binary");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("1 passed"),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The child's `CHILD_TARGET`, after checking the proxy variables are set.
fn child_target() -> String {
    assert!(
        PROXY_VARIABLES
            .iter()
            .all(|variable| std::env::var_os(variable).is_some()),
        "meant to run from run_child_test with proxy variables set"
    );
    std::env::var(CHILD_TARGET).expect("meant to run from run_child_test")
}

#[test]
fn a_loopback_server_is_reached_directly_whatever_the_proxy_variables_say() {
    run_child_test(
        "reaches_a_loopback_server_with_proxy_variables_set",
        &dead_url(),
        "",
    );
}

#[test]
#[ignore = "run by a_loopback_server_is_reached_directly_whatever_the_proxy_variables_say"]
fn reaches_a_loopback_server_with_proxy_variables_set() {
    child_target();
    let server = server();
    let result = Check::new(&server).run();
    assert_eq!(result.source, Source::Server);
    assert_eq!(result.status, "Active");
    assert_eq!(server.requests(), 1);
}

/// A licensing server known by a name that only the proxy can reach.
const REMOTE_SERVER: &str = "http://licensing.example.invalid";

#[test]
fn a_remote_server_is_reached_through_the_proxy() {
    let server = server();
    let address = server
        .url()
        .trim_start_matches("http://")
        .parse()
        .expect("the server's socket address");
    let proxy = ConnectProxy::start(address);
    run_child_test(
        "reaches_a_remote_server_through_the_proxy",
        proxy.url(),
        REMOTE_SERVER,
    );
    assert_eq!(
        proxy.requests(),
        ["CONNECT licensing.example.invalid:80 HTTP/1.1"]
    );
    assert_eq!(server.requests(), 1);
}

#[test]
#[ignore = "run by a_remote_server_is_reached_through_the_proxy"]
fn reaches_a_remote_server_through_the_proxy() {
    let server_url = child_target();
    let result = Check {
        server_url: &server_url,
        licence_key: KEY,
        installation: installation(),
        local_key: None,
        today: today(),
        force: false,
        timeout: TIMEOUT,
    }
    .run();
    assert_eq!(result.remote_error, None);
    assert_eq!(result.source, Source::Server);
    assert_eq!(result.status, "Active");
}
