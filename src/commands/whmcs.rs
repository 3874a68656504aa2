//! `whmcs apply` and `whmcs sync`: the WHMCS service lifecycle applied to the
//! records, one service from a hook or every service from the WHMCS API. The
//! decisions are `whmcs::rules` and `whmcs::sync`; this runs them on the store.

use std::time::Duration;

use crate::store::db::Conn;
use serde::Serialize;

use super::Ctx;
use crate::cli::{Format, WhmcsCmd};
use crate::config;
use crate::error::{Exit, fail, silent};
use crate::http::{self, Remote};
use crate::records::service_arg;
use crate::store::access::{self as table, Filter};
use crate::whmcs::api::{self, Credentials};
use crate::whmcs::rules::{self, Status};
use crate::whmcs::sync::{self, Mismatch, Plan, Record};

/// Largest page read: 250 services of GetClientsProducts are some 300 KiB.
const MAX_PAGE_BYTES: u64 = 16 * 1024 * 1024;

pub fn run(ctx: &Ctx, cmd: WhmcsCmd) -> anyhow::Result<()> {
    match cmd {
        WhmcsCmd::Apply { service, status } => apply(ctx, &service, &status),
        WhmcsCmd::Sync { dry_run, check } => sync(ctx, dry_run, check),
    }
}

#[derive(Serialize)]
struct Applied {
    service_id: i64,
    status: &'static str,
    /// Whether the service has a record.
    record: bool,
    changed: bool,
    /// The record's state afterwards (null without a record).
    enabled: Option<bool>,
    disabled_by: Option<&'static str>,
}

fn apply(ctx: &Ctx, service: &str, status: &str) -> anyhow::Result<()> {
    let id = service_arg(service)?;
    let status = Status::parse(status)
        .ok_or_else(|| fail(Exit::Usage, format!("unknown WHMCS status {status}")))?;
    let mut store = ctx.open_for_change()?;
    let result = store.write(|tx| {
        let Some(mut row) = table::get(tx, id)? else {
            return Ok(None);
        };
        let from = row.state();
        let Some(to) = rules::apply(from, status) else {
            return Ok(Some((from, None)));
        };
        row.set_state(to);
        row.updated_at = ctx.clock.unix();
        table::update(tx, &row)?;
        ctx.audit(
            tx,
            "whmcs.apply",
            &format!("service {id}"),
            &format!("{from} -> {to} (WHMCS status {})", status.as_str()),
        )?;
        Ok(Some((from, Some(to))))
    })?;
    let after = result.map(|(from, to)| to.unwrap_or(from));
    let report = Applied {
        service_id: id,
        status: status.as_str(),
        record: result.is_some(),
        changed: matches!(result, Some((_, Some(_)))),
        enabled: after.map(|s| s.enabled),
        disabled_by: after.and_then(|s| s.disabled_by).map(|b| b.as_str()),
    };
    if ctx.out.format_or(Format::Table) == Format::Json {
        return ctx.out.json(&report);
    }
    ctx.out.say(&match result {
        None => format!("service {id} has no access record; nothing to do"),
        Some((from, None)) => format!(
            "service {id}: {from}; WHMCS status {} changes nothing",
            status.as_str()
        ),
        Some((from, Some(to))) => format!(
            "service {id}: {from} -> {to} (WHMCS status {})",
            status.as_str()
        ),
    })
}

#[derive(Serialize)]
struct Synced<'a> {
    enabled: Vec<i64>,
    disabled: Vec<i64>,
    client_filled: Vec<i64>,
    orphans: &'a [i64],
    missing: &'a [i64],
    client_mismatch: &'a [Mismatch],
    unchanged: u64,
    dry_run: bool,
}

fn sync(ctx: &Ctx, dry_run: bool, check: bool) -> anyhow::Result<()> {
    let cfg = &ctx.config.whmcs;
    let missing = |key: &str| {
        fail(
            Exit::Config,
            format!("[whmcs] {key} is not set in the config; see examples/config.toml"),
        )
    };
    let url = cfg.url.as_deref().ok_or_else(|| missing("url"))?;
    let identifier = cfg
        .identifier
        .as_deref()
        .ok_or_else(|| missing("identifier"))?;
    let secret = config::secret(cfg.secret.as_deref(), cfg.secret_file.as_deref(), "secret")?
        .ok_or_else(|| missing("secret (or secret_file)"))?;
    let endpoint = format!("{}/includes/api.php", url.trim_end_matches('/'));
    let mut store = if dry_run {
        ctx.open()?
    } else {
        ctx.open_for_change()?
    };
    let remote = Remote {
        name: "WHMCS",
        timeout: Duration::from_secs(cfg.timeout_secs),
        max_bytes: MAX_PAGE_BYTES,
    };
    let services = api::fetch_all(
        &Credentials {
            identifier,
            secret: &secret,
            access_key: cfg.access_key.as_deref(),
            page_size: cfg.page_size,
        },
        |form| {
            http::post_form(&remote, &endpoint, form).map(|r| (r.status, r.body))
        },
    )
    .map_err(|f| match f {
        api::Failure::Unreachable(why) => fail(Exit::Unavailable, why),
        api::Failure::Refused(why) => fail(
            Exit::Config,
            format!(
                "WHMCS refused the API call: {why} (check [whmcs] identifier, secret, access_key and the API's allowed IPs)"
            ),
        ),
    })?;
    let run = |tx: &Conn| -> anyhow::Result<Plan> {
        let mut records = Vec::new();
        table::each(tx, &Filter::default(), |row| {
            records.push(Record {
                service_id: row.service_id,
                client_id: row.client_id,
                state: row.state(),
            });
            Ok(())
        })?;
        let plan = sync::plan(&services, &cfg.product_ids, records);
        let now = ctx.clock.unix();
        for c in &plan.changes {
            let mut row = super::access::require(tx, c.service_id)?;
            row.set_state(c.to);
            row.updated_at = now;
            table::update(tx, &row)?;
            ctx.audit(
                tx,
                "whmcs.sync",
                &format!("service {}", c.service_id),
                &format!(
                    "{} -> {} (WHMCS status {})",
                    c.from,
                    c.to,
                    c.status.as_str()
                ),
            )?;
        }
        for &(id, client) in &plan.client_filled {
            let mut row = super::access::require(tx, id)?;
            row.client_id = Some(client);
            row.updated_at = now;
            table::update(tx, &row)?;
            ctx.audit(
                tx,
                "whmcs.sync",
                &format!("service {id}"),
                &format!("client_id: none -> {client} (from WHMCS)"),
            )?;
        }
        Ok(plan)
    };
    let plan = if dry_run {
        store.rehearse(|tx| run(tx))?
    } else {
        store.write(|tx| run(tx))?
    };
    let ids = |enabled: bool| -> Vec<i64> {
        plan.changes
            .iter()
            .filter(|c| c.to.enabled == enabled)
            .map(|c| c.service_id)
            .collect()
    };
    let report = Synced {
        enabled: ids(true),
        disabled: ids(false),
        client_filled: plan.client_filled.iter().map(|&(id, _)| id).collect(),
        orphans: &plan.orphans,
        missing: &plan.missing,
        client_mismatch: &plan.client_mismatch,
        unchanged: plan.unchanged,
        dry_run,
    };
    if ctx.out.format_or(Format::Table) == Format::Json {
        ctx.out.json(&report)?;
    } else {
        print_report(ctx, &report, services.len())?;
    }
    if check && !plan.is_empty() {
        return Err(silent(Exit::No));
    }
    Ok(())
}

/// The report for people. With `--quiet`, only the lines that have something
/// in them, so a cron job mails only when there is something to say.
fn print_report(ctx: &Ctx, r: &Synced<'_>, services: usize) -> anyhow::Result<()> {
    let verb = if r.dry_run { "would be " } else { "" };
    ctx.out.say(&format!(
        "read {services} services from WHMCS{}",
        if r.dry_run {
            " (dry run: nothing changed)"
        } else {
            ""
        }
    ))?;
    let ids = |ids: &[i64]| ids.iter().map(i64::to_string).collect::<Vec<_>>();
    let mismatches = r
        .client_mismatch
        .iter()
        .map(|m| format!("{} (store {}, WHMCS {})", m.service_id, m.store, m.whmcs))
        .collect();
    for (label, items) in [
        (format!("{verb}enabled"), ids(&r.enabled)),
        (format!("{verb}disabled"), ids(&r.disabled)),
        (format!("client ID {verb}filled"), ids(&r.client_filled)),
        (
            "orphans (WHMCS does not know the service)".to_owned(),
            ids(r.orphans),
        ),
        (
            "missing (active or suspended, no record)".to_owned(),
            ids(r.missing),
        ),
        ("client mismatch".to_owned(), mismatches),
    ] {
        if items.is_empty() && ctx.out.quiet {
            continue;
        }
        let list = if items.is_empty() {
            "none".to_owned()
        } else {
            items.join(", ")
        };
        ctx.out.line(&format!("{label}: {list}"))?;
    }
    ctx.out.say(&format!("unchanged: {}", r.unchanged))
}
