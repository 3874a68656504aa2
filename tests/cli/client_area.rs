//! client-area and doctor: what the customer sees, when it must not show, and
//! the troubleshooting checks with their fixes.

use std::os::unix::fs::PermissionsExt;

use crate::licensing_server::{Licence, LicensingServer};
use crate::support::{Env, expect_code};

const SECRET: &str = "vendor-secret-42";
const LICENCE_KEY: &str = "NFM-CLIENT-AREA-0001";
pub const PW: &str = "Pa55'\"<word>";

/// An activated store, an Active licence checked against a loopback server, and
/// one enabled record (service 42, client 7) with hostile-looking values.
pub struct Site {
    pub env: Env,
    _server: LicensingServer,
}

pub fn site() -> Site {
    let server = LicensingServer::start(
        SECRET,
        vec![Licence::active(
            LICENCE_KEY,
            &["billing.example.net"],
            &["203.0.113.10"],
            &["/srv/whmcs"],
        )],
    );
    let mut env = Env::activated();
    let config = env.write(
        "config.toml",
        &format!(
            "[licensing]\nserver = \"{}\"\nsecret = \"{SECRET}\"\ntimeout_secs = 2\n\n[installation]\ndomain = \"billing.example.net\"\nip = \"203.0.113.10\"\ndirectory = \"/srv/whmcs\"\n",
            server.url()
        ),
    );
    env.set("NETFLOW_MANAGER_CONFIG", config.to_str().unwrap());
    env.ok_with_stdin(
        &["settings", "set", "licence_key"],
        &format!("{LICENCE_KEY}\n"),
    );
    env.ok(&["licence", "check"]);
    env.ok_with_stdin(
        &[
            "access",
            "add",
            "--service",
            "42",
            "--client",
            "7",
            "--username",
            "<script>alert(1)</script>",
            "--password-stdin",
            "--group",
            "\"><img src=x onerror=alert(1)>",
            "--notes",
            "<b>internal</b>",
        ],
        &format!("{PW}\n"),
    );
    Site {
        env,
        _server: server,
    }
}

#[test]
fn the_section_shows_with_a_safe_link_and_escaped_values() {
    let s = site();
    let html = s.env.ok(&["client-area", "42", "--html"]);
    insta::assert_snapshot!("client_area_html", html);
    assert!(html.contains(
        "<a href=\"https://netflow.myownserver.net/\" target=\"_blank\" rel=\"noopener noreferrer\">View NetFlow Stats</a>"
    ));
    assert!(!html.contains("<script>") && !html.contains("<img") && !html.contains("internal"));
    assert!(!html.contains("Pa55"), "the password is hidden by default");
    let text = s.env.ok(&["client-area", "42"]);
    insta::assert_snapshot!("client_area_text", text);
    s.env
        .ok(&["settings", "set", "client_area_show_password", "yes"]);
    let html = s.env.ok(&["client-area", "42", "--html"]);
    assert!(html.contains("Pa55&#039;&quot;&lt;word&gt;"), "{html}");
}

#[test]
fn nothing_shows_and_explain_says_why() {
    let s = site();
    let empty = |args: &[&str], why: &str| {
        let out = s.env.run(args);
        assert_eq!(out.status.code(), Some(0));
        assert!(
            out.stdout.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(why), "{args:?}: {err}");
    };
    empty(
        &["client-area", "7", "--explain"],
        "no access record for service 7",
    );
    s.env.ok(&["access", "disable", "42"]);
    empty(&["client-area", "42", "--explain"], "disabled");
    s.env.ok(&["access", "enable", "42"]);
    s.env.ok(&["settings", "set", "client_area_enabled", "off"]);
    empty(
        &["client-area", "42", "--html", "--explain"],
        "client_area_enabled is off",
    );
    s.env.ok(&["settings", "set", "client_area_enabled", "on"]);
    s.env.ok(&["deactivate"]);
    empty(&["client-area", "42", "--explain"], "deactivated");
    s.env.ok(&["activate"]);
    // Without --explain, nothing at all on either stream.
    s.env.ok(&["access", "disable", "42"]);
    let out = s.env.run(&["client-area", "42"]);
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
}

#[test]
fn an_inactive_licence_hides_the_section() {
    let env = Env::activated();
    env.ok(&["access", "add", "--service", "42", "--username", "u"]);
    let out = env.run(&["client-area", "42", "--explain"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("licence is not active"));
}

#[test]
fn doctor_passes_on_a_healthy_site() {
    let s = site();
    let template = s.env.write(
        "welcome.tpl",
        "Hello\n{if $netflow_enabled}\nURL: {$netflow_url}\nUser: {$netflow_username}\n{/if}\n",
    );
    let out = s.env.ok(&[
        "doctor",
        "--service",
        "42",
        "--template",
        template.to_str().unwrap(),
    ]);
    assert!(!out.contains("FAIL"), "{out}");
    let checks = s
        .env
        .json(&["doctor", "--service", "42", "--format", "json"]);
    let names: Vec<&str> = checks
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["check"].as_str().unwrap())
        .collect();
    for n in [
        "store",
        "module",
        "key",
        "licence key",
        "licence",
        "licence domain",
        "licence IP",
        "licence directory",
        "licensing server",
        "service 42",
        "client area",
        "e-mail merge",
        "shared usernames",
        "integrity",
    ] {
        assert!(names.contains(&n), "{n} missing from {names:?}");
    }
}

/// Runs doctor expecting exit 1 and returns the line of the failing check.
fn failing(env: &Env, args: &[&str], check: &str) -> String {
    let mut all = vec!["doctor"];
    all.extend_from_slice(args);
    let out = env.run(&all);
    let stdout = String::from_utf8(out.stdout.clone()).unwrap();
    expect_code(&all, out, 1);
    stdout
        .lines()
        .find(|l| l.starts_with("FAIL") && l.contains(&format!(" {check}:")))
        .unwrap_or_else(|| panic!("no failing {check:?} in:\n{stdout}"))
        .to_owned()
}

#[test]
fn every_check_fails_on_purpose_with_its_fix() {
    let s = site();
    let env = &s.env;
    env.ok(&["access", "add", "--service", "43", "--username", "nopw"]);
    env.ok(&[
        "access",
        "add",
        "--service",
        "44",
        "--username",
        "off",
        "--disabled",
    ]);
    assert!(
        failing(env, &["--service", "99"], "service 99")
            .contains("fix: netflow-manager access add --service 99")
    );
    assert!(
        failing(env, &["--service", "44"], "service 44 enabled")
            .contains("fix: netflow-manager access enable 44")
    );
    assert!(failing(env, &["--service", "43"], "service 43 password").contains("--password-stdin"));
    let bad = env.write("bad.tpl", "{if $netflow_enabled}\n{foreach}\n");
    assert!(
        failing(
            env,
            &["--template", bad.to_str().unwrap()],
            &format!("template {}", bad.display())
        )
        .contains("does not parse: 2:1")
    );
    let bare = env.write("bare.tpl", "Hello {$client_name}\n");
    assert!(
        failing(
            env,
            &["--template", bare.to_str().unwrap()],
            &format!("template {}", bare.display())
        )
        .contains("does not use netflow_enabled")
    );
    env.ok(&["settings", "set", "client_area_enabled", "off"]);
    assert!(
        failing(env, &[], "client area")
            .contains("fix: netflow-manager settings set client_area_enabled on")
    );
    env.ok(&["settings", "set", "client_area_enabled", "on"]);
    env.ok(&["settings", "set", "email_merge_enabled", "off"]);
    assert!(
        failing(env, &[], "e-mail merge")
            .contains("fix: netflow-manager settings set email_merge_enabled on")
    );
    env.ok(&["settings", "set", "email_merge_enabled", "on"]);
    env.ok(&["deactivate"]);
    assert!(failing(env, &[], "module").contains("fix: netflow-manager activate"));
    env.ok(&["activate"]);
    std::fs::set_permissions(env.key(), std::fs::Permissions::from_mode(0o644)).unwrap();
    assert!(failing(env, &[], "key").contains("chmod 600"));
    std::fs::set_permissions(env.key(), std::fs::Permissions::from_mode(0o600)).unwrap();
    env.ok_with_stdin(&["settings", "set", "licence_key"], "\n");
    assert!(
        failing(env, &[], "licence key").contains("fix: netflow-manager settings set licence_key")
    );
    assert!(failing(env, &[], "licence").contains("fix: netflow-manager licence check"));
    // The identity no longer matches what the licence lists.
    env.ok_with_stdin(
        &["settings", "set", "licence_key"],
        &format!("{LICENCE_KEY}\n"),
    );
    env.ok(&["licence", "check"]);
    let cfg = std::fs::read_to_string(env.path("config.toml")).unwrap();
    env.write(
        "config.toml",
        &cfg.replace(
            "domain = \"billing.example.net\"",
            "domain = \"other.example.net\"",
        ),
    );
    assert!(failing(env, &[], "licence domain").contains("other.example.net"));
}

#[test]
fn doctor_without_a_store_or_server() {
    let env = Env::new();
    assert!(failing(&env, &[], "store").contains("fix: netflow-manager activate"));
    let env = Env::activated();
    assert!(failing(&env, &[], "licensing server").contains("[licensing] server"));
    let cfg = env.write(
        "dead.toml",
        "[licensing]\nserver = \"http://127.0.0.1:9/\"\ntimeout_secs = 1\n",
    );
    assert!(
        failing(
            &env,
            &["--config", cfg.to_str().unwrap()],
            "licensing server"
        )
        .contains("cannot reach 127.0.0.1:9")
    );
}

#[test]
fn the_support_report_carries_no_secret() {
    let s = site();
    let key_bytes = std::fs::read(s.env.key()).unwrap();
    let report = s.env.ok(&["doctor", "--report", "--service", "42"]);
    for needle in [
        "service: 42",
        "client: 7",
        "username: <script>alert(1)</script>",
        "versions: netflow-manager",
        "failing checks:",
    ] {
        assert!(report.contains(needle), "{needle} missing:\n{report}");
    }
    let hex: String = key_bytes.iter().map(|b| format!("{b:02x}")).collect();
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(&key_bytes);
    for secret in [PW, LICENCE_KEY, SECRET, hex.as_str(), b64.as_str()] {
        assert!(
            !report.contains(secret),
            "the report leaks {secret:?}:\n{report}"
        );
    }
}
