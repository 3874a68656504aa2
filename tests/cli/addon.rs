//! The NetFlow add-on through the real binary: the trial, activation, cancellation and
//! renewal walked along the calendar with NETFLOW_MANAGER_NOW, subscription changes,
//! billing previews, refusals and exit codes.

use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::Value;

use crate::support::{Env, expect_code, expect_ok};

/// Day `n` of the test calendar: 2026-11-23 10:00 UTC plus `n` days, as RFC 3339.
fn day(n: i64) -> String {
    stamp(Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap() + Duration::days(n))
}

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Runs at `now`, asserts exit 0, returns stdout.
fn ok(env: &Env, now: &str, args: &[&str]) -> String {
    expect_ok(args, run(env, now, args))
}

/// Runs at `now`, asserts the exit code (and a one-line error above 1), returns stderr.
fn fails(env: &Env, now: &str, args: &[&str], code: i32) -> String {
    expect_code(args, run(env, now, args), code)
}

fn json(env: &Env, now: &str, args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    let out = ok(env, now, &args);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {out}"))
}

fn run(env: &Env, now: &str, args: &[&str]) -> std::process::Output {
    env.cmd(args)
        .env("NETFLOW_MANAGER_NOW", now)
        .output()
        .unwrap()
}

/// The exit code of `addon status --check` at `now`.
fn check(env: &Env, now: &str) -> i32 {
    run(env, now, &["addon", "status", "--check"])
        .status
        .code()
        .unwrap()
}

/// An activated store with a Mid-tier subscription billed on the 1st, set at `now`.
fn account(fee: &str, now: &str) -> Env {
    let env = Env::activated();
    ok(
        &env,
        now,
        &[
            "subscription",
            "set",
            "--tier",
            "mid",
            "--fee",
            fee,
            "--currency",
            "EUR",
            "--customers",
            "1500",
            "--period-start",
            "2026-01-01",
        ],
    );
    env
}

fn events(env: &Env) -> i64 {
    env.sql("SELECT count(*) FROM addon_event")
}

/// The kinds of the recorded events, in time order.
fn kinds(env: &Env) -> Vec<String> {
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let mut stmt = conn
        .prepare("SELECT kind FROM addon_event ORDER BY at, id")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// The add-on line of the previewed invoice: (description, amount).
fn addon_line(preview: &Value) -> Option<(String, String)> {
    preview["lines"].as_array().unwrap().get(1).map(|line| {
        (
            line["description"].as_str().unwrap().to_owned(),
            line["amount"].as_str().unwrap().to_owned(),
        )
    })
}

const ADDON_LINE: &str = "NetFlow add-on (50% of subscription)";

#[test]
fn a_trial_runs_fifteen_days_then_pauses_and_keeps_history_thirty_more() {
    let env = account("99.00", &day(0));
    let out = ok(&env, &day(0), &["trial", "start"]);
    assert!(out.contains("trial started"), "{out}");

    for n in [0, 14] {
        assert_eq!(check(&env, &day(n)), 0, "collection allowed on day {n}");
    }
    let trial = json(&env, &day(14), &["trial", "status"]);
    assert_eq!(trial["phase"], "trial");
    assert_eq!(trial["collection_allowed"], true);
    assert_eq!(trial["trial_ends"], day(15));
    assert_eq!(trial["history_until"], Value::Null);
    assert_eq!(trial["next_charge"], Value::Null);
    let preview = json(&env, &day(5), &["billing", "preview"]);
    assert_eq!(
        addon_line(&preview),
        Some(("NetFlow add-on (trial, no charge)".into(), "0.00".into()))
    );
    assert_eq!(preview["total"], "99.00");

    for n in [15, 16, 45, 46] {
        assert_eq!(check(&env, &day(n)), 1, "collection paused on day {n}");
    }
    for (n, retained) in [(15, true), (16, true), (45, false), (46, false)] {
        let status = json(&env, &day(n), &["addon", "status"]);
        assert_eq!(status["phase"], "trial_expired", "day {n}");
        assert_eq!(status["collection_allowed"], false);
        assert_eq!(status["trial_ends"], day(15));
        assert_eq!(status["history_until"], day(45));
        assert_eq!(status["history_retained"], retained, "day {n}");
    }
    // Reading never records what the clock decided.
    assert_eq!(kinds(&env), ["subscription_changed", "trial_started"]);
    let status = json(&env, &day(16), &["trial", "status"]);
    let told: Vec<&str> = status["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["description"].as_str().unwrap())
        .collect();
    assert_eq!(
        told,
        [
            "subscription set: Mid-tier, 99.00 EUR, 1,500 customers",
            "trial started",
            "trial expired"
        ]
    );
    assert_eq!(status["events"][2]["at"], day(15));
    assert!(
        status["events"][2]["billing_effect"]
            .as_str()
            .unwrap()
            .contains("history kept until 2027-01-07 10:00 UTC")
    );
    let out = run(&env, &day(16), &["addon", "status", "--check"]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "trial expired 2026-12-08 10:00 UTC (collection paused; history kept until 2027-01-07 \
         10:00 UTC)\n"
    );
}

#[test]
fn activating_during_the_trial_charges_the_next_invoice() {
    let env = account("99.00", &day(0));
    ok(&env, &day(0), &["trial", "start"]);
    // Day 10 is 2026-12-03: the December invoice is past, the add-on goes on January's.
    let out = ok(&env, &day(10), &["addon", "activate"]);
    assert!(
        out.contains("49.50 EUR on the invoice of 2027-01-01"),
        "{out}"
    );
    let preview = json(&env, &day(10), &["billing", "preview"]);
    assert_eq!(preview["invoice_date"], "2027-01-01");
    assert_eq!(
        addon_line(&preview),
        Some((ADDON_LINE.into(), "49.50".into()))
    );
    assert_eq!(preview["total"], "148.50");
    for n in [10, 15, 16, 46] {
        assert_eq!(check(&env, &day(n)), 0, "still collecting on day {n}");
    }
    let status = json(&env, &day(16), &["addon", "status"]);
    assert_eq!(status["phase"], "active");
    assert_eq!(status["renewal"], true);
    assert_eq!(status["trial_ends"], Value::Null);
    assert_eq!(
        status["next_charge"],
        serde_json::json!({"amount": "49.50", "currency": "EUR", "invoice_date": "2027-01-01"})
    );
}

#[test]
fn activating_after_the_trial_resumes_collection_and_records_the_expiry() {
    let env = account("99.00", &day(0));
    ok(&env, &day(0), &["trial", "start"]);
    assert_eq!(check(&env, &day(19)), 1);
    let out = ok(&env, &day(20), &["addon", "activate"]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("trial expired — "), "{out}");
    assert!(lines[1].starts_with("add-on activated — "), "{out}");
    assert_eq!(check(&env, &day(20)), 0);
    assert_eq!(
        kinds(&env),
        [
            "subscription_changed",
            "trial_started",
            "trial_expired",
            "activated"
        ]
    );
    assert_eq!(
        env.sql::<String>("SELECT at FROM addon_event WHERE kind = 'trial_expired'"),
        day(15)
    );
    assert_eq!(
        env.sql::<i64>("SELECT count(*) FROM audit WHERE action = 'addon.trial_expired'"),
        1
    );
    let detail: String = env.sql("SELECT detail FROM audit WHERE action = 'addon.activate'");
    assert_eq!(
        detail,
        "49.50 EUR on the invoice of 2027-01-01 and every invoice after"
    );
    let preview = json(&env, &day(20), &["billing", "preview"]);
    assert_eq!(preview["invoice_date"], "2027-01-01");
    assert_eq!(
        addon_line(&preview),
        Some((ADDON_LINE.into(), "49.50".into()))
    );
}

#[test]
fn a_cancel_mid_period_collects_until_the_boundary_charges_that_invoice_then_nothing() {
    let env = account("99.00", "2026-11-02T09:00:00Z");
    ok(&env, "2026-11-02T09:00:00Z", &["addon", "activate"]);
    let out = ok(&env, "2026-11-20T09:00:00Z", &["addon", "cancel"]);
    assert!(
        out.contains(
            "collection until 2026-12-01; last charge 49.50 EUR on the invoice of 2026-12-01; \
             nothing after"
        ),
        "{out}"
    );
    // Cancelling again is the same request: said, exit 0, nothing recorded.
    let recorded = events(&env);
    let again = ok(&env, "2026-11-21T09:00:00Z", &["addon", "cancel"]);
    assert!(
        again.contains("already set to end at 2026-12-01"),
        "{again}"
    );
    assert_eq!(events(&env), recorded);

    let last = "2026-11-30T23:59:59Z";
    assert_eq!(check(&env, last), 0);
    let status = json(&env, last, &["addon", "status"]);
    assert_eq!(status["renewal"], false);
    assert_eq!(status["paid_until"], "2026-12-01T00:00:00Z");
    let preview = json(&env, last, &["billing", "preview"]);
    assert_eq!(preview["invoice_date"], "2026-12-01");
    assert_eq!(
        addon_line(&preview),
        Some((ADDON_LINE.into(), "49.50".into()))
    );

    let boundary = "2026-12-01T00:00:00Z";
    assert_eq!(check(&env, boundary), 1);
    let after = json(&env, boundary, &["billing", "preview"]);
    assert_eq!(after["invoice_date"], "2027-01-01");
    assert_eq!(addon_line(&after), None);
    assert_eq!(after["total"], "99.00");
    let status = json(&env, boundary, &["addon", "status"]);
    assert_eq!(status["phase"], "ended");
    assert_eq!(status["next_charge"], Value::Null);
    assert_eq!(status["history_until"], "2026-12-31T00:00:00Z");
}

#[test]
fn renewal_off_ends_with_the_paid_period_and_on_keeps_the_add_on() {
    let env = account("99.00", "2026-11-02T09:00:00Z");
    ok(&env, "2026-11-02T09:00:00Z", &["addon", "activate"]);
    let out = ok(&env, "2026-11-10T09:00:00Z", &["addon", "renewal", "off"]);
    assert!(
        out.starts_with("renewal disabled — collection until 2026-12-01"),
        "{out}"
    );
    let again = ok(&env, "2026-11-10T10:00:00Z", &["addon", "renewal", "off"]);
    assert!(
        again.contains("already set to end at 2026-12-01"),
        "{again}"
    );
    let ending = json(&env, "2026-11-11T09:00:00Z", &["addon", "status"]);
    assert_eq!(ending["renewal"], false);
    assert_eq!(ending["paid_until"], "2026-12-01T00:00:00Z");

    let out = ok(&env, "2026-11-12T09:00:00Z", &["addon", "renewal", "on"]);
    assert!(out.starts_with("renewal enabled — "), "{out}");
    let recorded = events(&env);
    let again = ok(&env, "2026-11-12T10:00:00Z", &["addon", "renewal", "on"]);
    assert_eq!(
        again.trim(),
        "renewal is already on; the add-on renews with every invoice"
    );
    assert_eq!(events(&env), recorded);
    let renewing = json(&env, "2026-12-05T09:00:00Z", &["addon", "status"]);
    assert_eq!(renewing["renewal"], true);
    assert_eq!(renewing["paid_until"], Value::Null);
    assert_eq!(check(&env, "2026-12-05T09:00:00Z"), 0);
    // Activating an add-on that is already active says so and changes nothing.
    let again = ok(&env, "2026-12-05T10:00:00Z", &["addon", "activate"]);
    assert!(again.contains("already active since"), "{again}");
    assert_eq!(events(&env), recorded);
}

#[test]
fn a_tier_upgrade_mid_period_reprices_the_next_invoice() {
    let env = account("99.00", "2026-11-02T09:00:00Z");
    ok(&env, "2026-11-02T09:00:00Z", &["addon", "activate"]);
    let before = json(&env, "2026-11-14T09:00:00Z", &["billing", "preview"]);
    assert_eq!(addon_line(&before).unwrap().1, "49.50");

    let now = "2026-11-15T09:00:00Z";
    let out = ok(
        &env,
        now,
        &[
            "subscription",
            "set",
            "--tier",
            "large",
            "--fee",
            "200",
            "--currency",
            "eur",
            "--customers",
            "2500",
        ],
    );
    assert!(
        out.contains(
            "tier upgraded Mid-tier → Large-tier — add-on price 49.50 → 100.00 EUR from the next \
             invoice"
        ),
        "{out}"
    );
    let preview = json(&env, now, &["billing", "preview"]);
    assert_eq!(preview["invoice_date"], "2026-12-01");
    assert_eq!(
        preview["lines"][0]["description"],
        "Subscription (Large-tier), 2026-11-01 – 2026-12-01"
    );
    assert_eq!(preview["lines"][0]["amount"], "200.00");
    assert_eq!(
        addon_line(&preview),
        Some((ADDON_LINE.into(), "100.00".into()))
    );
    assert_eq!(preview["total"], "300.00");

    let status = json(&env, now, &["addon", "status"]);
    let upgrade = status["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        upgrade["description"],
        "tier upgraded Mid-tier → Large-tier"
    );
    assert_eq!(upgrade["at"], now);
    assert_eq!(
        env.sql::<i64>("SELECT count(*) FROM audit WHERE action = 'addon.subscription_change'"),
        2
    );
    // The period start was kept.
    let shown = json(&env, now, &["subscription", "show"]);
    assert_eq!(shown["period_start"], "2026-01-01");
    assert_eq!(shown["addon_price"], "100.00");
    assert_eq!(shown["next_invoice"], "2026-12-01");
}

#[test]
fn a_second_trial_is_refused() {
    let env = account("99.00", &day(0));
    ok(&env, &day(0), &["trial", "start"]);
    let recorded = events(&env);
    for n in [1, 20] {
        let err = fails(&env, &day(n), &["trial", "start"], 78);
        assert!(err.contains("available once per account"), "{err}");
        assert!(err.contains("netflow-manager addon activate"), "{err}");
    }
    assert_eq!(events(&env), recorded, "a refusal records nothing");
}

#[test]
fn starter_accounts_are_refused_and_told_which_tiers_qualify() {
    let env = Env::activated();
    ok(
        &env,
        &day(0),
        &[
            "subscription",
            "set",
            "--tier",
            "starter",
            "--fee",
            "19",
            "--currency",
            "EUR",
            "--customers",
            "40",
        ],
    );
    for args in [&["trial", "start"][..], &["addon", "activate"]] {
        let err = fails(&env, &day(1), args, 78);
        assert!(
            err.contains("available to Mid-tier and Large-tier subscriptions only"),
            "{err}"
        );
        assert!(err.contains("this account is Starter"), "{err}");
    }
    assert_eq!(kinds(&env), ["subscription_changed"]);
}

#[test]
fn without_a_subscription_the_commands_say_how_to_set_one() {
    let env = Env::activated();
    for args in [
        &["trial", "start"][..],
        &["addon", "activate"],
        &["billing", "preview"],
        &["subscription", "show"],
    ] {
        let err = fails(&env, &day(0), args, 78);
        assert!(
            err.contains("set one with: netflow-manager subscription set --tier mid --fee"),
            "{args:?}: {err}"
        );
    }
    assert_eq!(check(&env, &day(0)), 1);
    assert_eq!(json(&env, &day(0), &["status"])["addon"], "not started");
    let status = json(&env, &day(0), &["addon", "status"]);
    assert_eq!(status["phase"], "not_started");
    assert_eq!(status["events"], serde_json::json!([]));
}

#[test]
fn a_hidden_add_on_points_to_the_super_admin_or_support() {
    let env = account("99.00", &day(0));
    ok(&env, &day(0), &["trial", "start"]);
    env.ok(&["settings", "set", "addon_hidden", "true"]);
    for args in [
        &["trial", "start"][..],
        &["trial", "status"],
        &["trial", "cancel"],
        &["addon", "activate"],
        &["addon", "cancel"],
        &["addon", "renewal", "on"],
        &["addon", "status"],
        &["addon", "status", "--check"],
        &["subscription", "show"],
        &[
            "subscription",
            "set",
            "--tier",
            "mid",
            "--fee",
            "1",
            "--currency",
            "EUR",
            "--customers",
            "1",
        ],
        &["billing", "preview"],
    ] {
        let err = fails(&env, &day(1), args, 77);
        assert_eq!(
            err.trim_end(),
            "netflow-manager: the NetFlow add-on is not available for this account; contact \
             your super_admin or support",
            "{args:?}"
        );
    }
    let status = json(&env, &day(1), &["status"]);
    assert!(
        status["addon"].as_str().unwrap().starts_with("hidden"),
        "{status}"
    );
}

#[test]
fn while_deactivated_changes_refuse_and_the_check_still_answers() {
    let env = account("99.00", &day(0));
    ok(&env, &day(0), &["addon", "activate"]);
    env.ok(&["deactivate"]);
    let recorded = events(&env);
    for args in [
        &["trial", "start"][..],
        &["trial", "cancel"],
        &["addon", "activate"],
        &["addon", "cancel"],
        &["addon", "renewal", "off"],
        &[
            "subscription",
            "set",
            "--tier",
            "large",
            "--fee",
            "200",
            "--currency",
            "EUR",
            "--customers",
            "3000",
        ],
    ] {
        let err = fails(&env, &day(1), args, 78);
        assert!(err.contains("module is deactivated"), "{args:?}: {err}");
    }
    assert_eq!(events(&env), recorded);
    assert_eq!(check(&env, &day(1)), 0);
    assert_eq!(json(&env, &day(1), &["addon", "status"])["phase"], "active");
    assert_eq!(
        json(&env, &day(1), &["billing", "preview"])["total"],
        "148.50"
    );
    assert_eq!(
        json(&env, &day(1), &["subscription", "show"])["tier"],
        "mid"
    );
}

#[test]
fn the_check_writes_nothing_and_quiet_silences_it() {
    let env = account("99.00", &day(0));
    ok(&env, &day(0), &["trial", "start"]);
    let audit: i64 = env.sql("SELECT count(*) FROM audit");
    let out = run(&env, &day(40), &["addon", "status", "--check", "--quiet"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    assert_eq!(
        ok(&env, &day(3), &["addon", "status", "--check"]).trim(),
        "trial, 12 days left (collection on)"
    );
    assert_eq!(kinds(&env), ["subscription_changed", "trial_started"]);
    assert_eq!(env.sql::<i64>("SELECT count(*) FROM audit"), audit);
}

#[test]
fn billing_preview_json_has_exactly_the_documented_keys() {
    let env = account("99.00", &day(0));
    ok(&env, &day(0), &["addon", "activate"]);
    let preview = json(&env, &day(0), &["billing", "preview"]);
    let keys = |value: &Value| {
        let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        keys
    };
    assert_eq!(
        keys(&preview),
        ["currency", "invoice_date", "lines", "total"]
    );
    for line in preview["lines"].as_array().unwrap() {
        assert_eq!(keys(line), ["amount", "description"]);
    }
    assert_eq!(
        preview,
        serde_json::json!({
            "invoice_date": "2026-12-01",
            "currency": "EUR",
            "lines": [
                {
                    "description": "Subscription (Mid-tier), 2026-11-01 – 2026-12-01",
                    "amount": "99.00"
                },
                { "description": ADDON_LINE, "amount": "49.50" }
            ],
            "total": "148.50"
        })
    );
}

#[test]
fn half_a_cent_rounds_up_on_the_preview() {
    let env = account("99.99", &day(0));
    ok(&env, &day(0), &["addon", "activate"]);
    let preview = json(&env, &day(0), &["billing", "preview"]);
    assert_eq!(
        addon_line(&preview),
        Some((ADDON_LINE.into(), "50.00".into()))
    );
    assert_eq!(preview["total"], "149.99");
    let table = ok(&env, &day(0), &["billing", "preview"]);
    assert!(
        table.starts_with("Invoice of 2026-12-01 in EUR\n"),
        "{table}"
    );
    let row = table.lines().find(|l| l.contains(ADDON_LINE)).unwrap();
    assert!(row.trim_end().ends_with("50.00"), "{table}");
    let total = table
        .lines()
        .find(|l| l.trim_start().starts_with("Total"))
        .unwrap();
    assert!(total.trim_end().ends_with("149.99"), "{table}");
}

/// Amounts carry the currency's own minor units (ISO 4217): none for JPY,
/// three for BHD.
#[test]
fn amounts_use_the_currencys_minor_units() {
    for (currency, fee, half, total) in [
        ("JPY", "1000", "500", "1500"),
        ("BHD", "1.001", "0.501", "1.502"),
        ("EUR", "49.5", "24.75", "74.25"),
    ] {
        let env = Env::activated();
        ok(
            &env,
            &day(0),
            &[
                "subscription",
                "set",
                "--tier",
                "mid",
                "--fee",
                fee,
                "--currency",
                currency,
                "--customers",
                "1500",
                "--period-start",
                "2026-01-01",
            ],
        );
        ok(&env, &day(0), &["addon", "activate"]);
        let preview = json(&env, &day(0), &["billing", "preview"]);
        assert_eq!(preview["currency"], currency);
        assert_eq!(addon_line(&preview).unwrap().1, half, "{currency}");
        assert_eq!(preview["total"], total, "{currency}");
    }
}

#[test]
fn subscription_set_validates_its_flags_and_warns_about_scale() {
    let env = Env::activated();
    let set = |fee: &str, currency: &str, start: &str| {
        vec![
            "subscription".to_owned(),
            "set".into(),
            "--tier".into(),
            "mid".into(),
            "--fee".into(),
            fee.into(),
            "--currency".into(),
            currency.into(),
            "--customers".into(),
            "2001".into(),
            "--period-start".into(),
            start.into(),
        ]
    };
    for (args, flag) in [
        (set("12,50", "EUR", "2026-01-01"), "--fee"),
        (set("1e3", "EUR", "2026-01-01"), "--fee"),
        (set("1.005", "EUR", "2026-01-01"), "--fee"),
        (set("12.50", "EURO", "2026-01-01"), "--currency"),
        (set("12.50", "XYZ", "2026-01-01"), "--currency"),
        (set("1000.5", "JPY", "2026-01-01"), "--fee"),
        (set("12.50", "EUR", "2026-13-01"), "--period-start"),
        (set("12.50", "EUR", "1 Jan 2026"), "--period-start"),
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let err = fails(&env, &day(0), &args, 65);
        assert!(err.contains(flag), "{args:?}: {err}");
    }
    assert_eq!(env.sql::<i64>("SELECT count(*) FROM subscription"), 0);

    // Without --period-start the first subscription starts today.
    let args = set("12.50", "EUR", "x");
    let args: Vec<&str> = args[..10].iter().map(String::as_str).collect();
    let out = run(&env, &day(0), &args);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    assert_eq!(
        stderr.trim_end(),
        "warning: Mid-tier covers up to 2,000 customers and this account has 2,001; consider \
         upgrading to Large-tier (netflow-manager subscription set --tier large …)"
    );
    let shown = json(&env, &day(0), &["subscription", "show"]);
    assert_eq!(shown["period_start"], "2026-11-23");
    assert_eq!(shown["next_invoice"], "2026-12-23");
    // The same terms again change nothing.
    let again = ok(&env, &day(1), &args);
    assert!(again.starts_with("subscription unchanged"), "{again}");
    assert_eq!(env.sql::<i64>("SELECT count(*) FROM addon_event"), 1);
    // A change is told in one line.
    let changed = ok(
        &env,
        &day(1),
        &set("13", "EUR", "2026-01-01")
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    assert_eq!(changed.lines().count(), 1, "one line: {changed}");
}

#[test]
fn status_sums_the_add_on_up_in_one_line() {
    let env = account("99.00", &day(0));
    let summary = |now: &str| json(&env, now, &["status"])["addon"].clone();
    assert_eq!(summary(&day(0)), "not started");
    ok(&env, &day(0), &["trial", "start"]);
    assert_eq!(summary(&day(4)), "trial, 11 days left (collection on)");
    ok(&env, &day(5), &["addon", "activate"]);
    assert_eq!(
        summary(&day(5)),
        "active, renews; next charge 49.50 EUR on 2026-12-01"
    );
    ok(&env, &day(6), &["addon", "cancel"]);
    assert_eq!(
        summary(&day(6)),
        "active until 2026-12-01, not renewing; last charge 49.50 EUR on 2026-12-01"
    );
    assert_eq!(
        summary(&day(10)),
        "ended 2026-12-01 (collection stopped; history kept until 2026-12-31)"
    );
    let table = ok(&env, &day(10), &["status"]);
    assert!(
        table.contains("add-on           ended 2026-12-01"),
        "{table}"
    );
}
