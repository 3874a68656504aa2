//! The files in examples/ work as their comments say: the demo runs, the config
//! parses, the templates render the NetFlow block, and the commands that cron,
//! systemd and the WHMCS hook run are commands the tool accepts.

use std::path::{Path, PathBuf};
use std::process::Command;

use clap::Parser;
use netflow_manager::cli::Cli;
use netflow_manager::template::{self, DEFAULT_BLOCK, Options, Syntax};
use serde_json::{Map, Value, json};

use crate::support::{BIN, Env, expect_ok};

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

fn read(name: &str) -> String {
    std::fs::read_to_string(example(name)).unwrap_or_else(|e| panic!("examples/{name}: {e}"))
}

/// The command line a file runs, as argv after the binary's path.
fn command_after_binary<'a>(line: &'a str, file: &str) -> Vec<&'a str> {
    let at = line
        .find("netflow-manager ")
        .unwrap_or_else(|| panic!("examples/{file}: no netflow-manager command in {line:?}"));
    line[at..].split_whitespace().collect()
}

fn assert_accepted(argv: &[&str], file: &str) {
    if let Err(e) = Cli::try_parse_from(argv) {
        panic!("examples/{file} runs {argv:?}, which the tool refuses: {e}");
    }
}

#[test]
fn the_demo_runs_on_a_scratch_store() {
    let env = Env::new();
    let mut cmd = Command::new("bash");
    env.prepare(&mut cmd);
    let out = cmd.arg(example("demo.sh")).arg(BIN).output().unwrap();
    let stdout = expect_ok(&["examples/demo.sh"], out);
    assert!(stdout.contains("acme-noc"), "{stdout}");
    assert!(
        !env.db().exists(),
        "the demo keeps to its own scratch store"
    );
}

#[test]
fn the_sample_config_parses() {
    if let Err(e) = netflow_manager::config::parse(&read("config.toml")) {
        panic!("examples/config.toml: {e}");
    }
}

fn fields(enabled: bool) -> Map<String, Value> {
    let Value::Object(map) = json!({
        "client_name": "Ada Lovelace",
        "service_domain": "vps42.example.net",
        "whmcs_url": "https://billing.example.net/",
        "signature": "The Example Hosting team",
        "netflow_enabled": enabled,
        "netflow_url": "https://netflow.example.net/",
        "netflow_username": "acme-noc",
        "netflow_password": "Correct-Horse-1042",
        "netflow_group": "ACME core",
        "netflow_ip_address": "203.0.113.0/28",
    }) else {
        unreachable!()
    };
    map
}

fn render(name: &str, syntax: Syntax, enabled: bool) -> String {
    template::render(&read(name), syntax, &fields(enabled), &Options::default())
        .unwrap_or_else(|e| panic!("examples/{name}: {e}"))
}

/// welcome.tpl carries the SPEC 5.6 block exactly as users paste it, and the
/// Handlebars version renders the same e-mail.
#[test]
fn the_welcome_templates_render_the_netflow_block() {
    assert!(
        read("welcome.tpl").contains(DEFAULT_BLOCK),
        "examples/welcome.tpl must hold the NetFlow block verbatim"
    );
    let block = template::render(
        DEFAULT_BLOCK,
        Syntax::Smarty,
        &fields(true),
        &Options::default(),
    )
    .unwrap();
    let smarty = render("welcome.tpl", Syntax::Smarty, true);
    assert!(smarty.contains(&block), "{smarty}");
    assert!(smarty.starts_with("Dear Ada Lovelace,\n"), "{smarty}");
    assert!(smarty.contains("\n\nNetFlow Analyzer Access\n"), "{smarty}");
    assert_eq!(render("welcome.hbs", Syntax::Handlebars, true), smarty);

    let without = render("welcome.tpl", Syntax::Smarty, false);
    assert!(!without.contains("NetFlow"), "{without}");
    assert!(!without.contains("Correct-Horse"), "{without}");
    assert_eq!(render("welcome.hbs", Syntax::Handlebars, false), without);
}

#[test]
fn cron_and_systemd_run_the_licence_check_and_the_whmcs_sync() {
    let cron = read("crontab");
    let jobs: Vec<&str> = cron
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#') && !l.contains('='))
        .collect();
    assert_eq!(jobs.len(), 2, "examples/crontab: two jobs");
    for (job, command) in jobs.iter().zip([
        ["licence", "check", "--quiet"],
        ["whmcs", "sync", "--quiet"],
    ]) {
        assert_eq!(job.split_whitespace().nth(4), Some("*"), "daily");
        let argv = command_after_binary(job, "crontab");
        assert_eq!(argv[1..], command);
        assert_accepted(&argv, "crontab");
    }
    for (unit, command) in [
        ("netflow-manager-licence", ["licence", "check", "--quiet"]),
        ("netflow-manager-whmcs-sync", ["whmcs", "sync", "--quiet"]),
    ] {
        let service = read(&format!("{unit}.service"));
        let exec = service
            .lines()
            .find_map(|l| l.strip_prefix("ExecStart="))
            .expect("ExecStart=");
        let argv = command_after_binary(exec, unit);
        assert_eq!(argv[1..], command);
        assert_accepted(&argv, unit);
        assert!(read(&format!("{unit}.timer")).contains("OnCalendar="));
    }
}

/// The hook file shells out to commands the tool has, with an argument list
/// (no shell), and passes nothing but the service ID.
#[test]
fn the_whmcs_hooks_call_the_tool_safely() {
    let php = read("hooks.php");
    for hook in ["'EmailPreSend'", "'ClientAreaProductDetailsOutput'"] {
        assert!(php.contains(&format!("add_hook({hook}")), "no {hook} hook");
    }
    for call in [
        "['email', 'fields', '--service', (string) $serviceId]",
        "['client-area', (string) $serviceId, '--html']",
    ] {
        assert!(php.contains(call), "examples/hooks.php does not run {call}");
    }
    assert_accepted(
        &["netflow-manager", "email", "fields", "--service", "1042"],
        "hooks.php",
    );
    assert_accepted(
        &["netflow-manager", "client-area", "1042", "--html"],
        "hooks.php",
    );
    assert!(php.contains("proc_open(\n        array_merge([NETFLOW_MANAGER_BIN], $args)"));
    for shell in ["shell_exec", "exec(", "system(", "passthru", "popen(", "`"] {
        assert!(
            !php.replace("proc_open(", "").contains(shell),
            "examples/hooks.php must not go through a shell ({shell})"
        );
    }
}

/// examples/hooks.php run under php-cli with WHMCS's functions stubbed
/// (tests/whmcs/run_hooks.php), pointed at the built binary and a real store: its
/// hooks return what `email fields` and `client-area --html` print.
#[test]
fn the_whmcs_hooks_return_what_the_tool_prints() {
    // Service 42 has a record and the licence is Active, so the fragment shows.
    let site = crate::client_area::site();
    let env = &site.env;
    let harness = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/whmcs/run_hooks.php");
    let mut cmd = Command::new("php");
    env.prepare(&mut cmd);
    let out = cmd
        .arg(&harness)
        .arg(example("hooks.php"))
        .arg(BIN)
        .arg(env.db())
        .output()
        .unwrap_or_else(|e| panic!("php-cli is needed (scripts/test.sh installs it): {e}"));
    let stdout = expect_ok(&["php", "run_hooks.php"], out);
    let got: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));

    // The merge fields, as the tool prints them (the record is Terminated by now,
    // so compare with what it printed before: the password is the stored one).
    assert_eq!(got["email"]["netflow_enabled"], true);
    assert_eq!(got["email"]["netflow_password"], crate::client_area::PW);
    assert_eq!(
        got["email"]["netflow_username"],
        "<script>alert(1)</script>"
    );
    let none = env.json(&["email", "fields", "--service", "7"]);
    assert_eq!(got["email_no_record"], none);
    assert_eq!(got["email_no_record"]["netflow_enabled"], false);
    assert_eq!(got["email_other_template"], json!([]));

    // The fragment of an Active service is the tool's; a suspended one shows nothing.
    let html = got["client_area"].as_str().unwrap();
    assert!(html.contains("Network Usage"), "{html}");
    assert!(!html.contains("<script>"), "{html}");
    assert_eq!(got["client_area_suspended"], "");
    assert_eq!(got["client_area_no_record"], "");

    // Suspend hides the block, unsuspend brings it back, terminate hides it for good.
    assert_eq!(got["email_after_suspend"]["netflow_enabled"], false);
    assert_eq!(got["email_after_unsuspend"]["netflow_enabled"], true);
    let shown = env.json(&["access", "show", "42", "--format", "json"]);
    assert_eq!(shown["enabled"], false);
    let disabled_by: String = env.sql("SELECT disabled_by FROM access WHERE service_id = 42");
    assert_eq!(disabled_by, "whmcs");
    assert_eq!(env.ok(&["client-area", "42", "--html"]), "");
    let audit = env.json(&["audit", "list", "--format", "json", "--action", "whmcs"]);
    assert_eq!(audit.as_array().unwrap().len(), 3, "{audit}");
    // A service without a record (7) is fine: nothing logged as a failure.
    assert_eq!(got["log"], json!([]));
}
