//! `nfa push` and `nfa status`: NetFlow Analyzer's IP groups brought to the
//! records. The decisions are `nfa::plan` and the protocol `nfa::api`; this reads
//! the records, talks to NetFlow Analyzer over the shared HTTP edge, remembers
//! the groups the tool created and audits every change as it is made.

use std::time::Duration;

use serde::Serialize;

use super::Ctx;
use crate::cli::{Format, NfaCmd};
use crate::config;
use crate::error::{Exit, fail, silent};
use crate::http::{self, Remote};
use crate::nfa::api::{self, Answer, Failure, Group, Transport};
use crate::nfa::criteria::{Criterion, Listed};
use crate::nfa::plan::{self, Change, Plan, Wanted};
use crate::output::counted;
use crate::store::access::{self as table, Filter};
use crate::store::nfa_groups;

/// The largest `listIPGroup` answer read.
const MAX_ANSWER_BYTES: u64 = 16 * 1024 * 1024;
/// The records an error names, at most; the rest are counted.
const MAX_NAMED: usize = 10;

pub fn run(ctx: &Ctx, cmd: NfaCmd) -> anyhow::Result<()> {
    let (dry_run, prune, status) = match cmd {
        NfaCmd::Push { dry_run, prune } => (dry_run, prune, false),
        NfaCmd::Status { prune } => (true, prune, true),
    };
    if ctx.out.format_or(Format::Table) == Format::Csv {
        return Err(fail(
            Exit::Usage,
            "nfa prints --format table or json, not csv",
        ));
    }
    let nfa = Nfa::configured(ctx)?;
    let mut store = if dry_run {
        ctx.open()?
    } else {
        ctx.open_for_change()?
    };
    let mut wanted = Wanted::default();
    table::each(
        store.conn(),
        &Filter {
            enabled: Some(true),
            ..Filter::default()
        },
        |row| {
            wanted.add(row.service_id, &row.group, &row.ip_address);
            Ok(())
        },
    )?;
    let desired = wanted.finish().map_err(|refused| {
        let mut named: Vec<String> = refused
            .iter()
            .take(MAX_NAMED)
            .map(|r| format!("service {} (group {:?}): {}", r.service_id, r.group, r.reason))
            .collect();
        if refused.len() > MAX_NAMED {
            named.push(format!("and {} more", refused.len() - MAX_NAMED));
        }
        fail(
            Exit::DataErr,
            format!(
                "NetFlow Analyzer cannot hold {}; nothing was sent (change the address, or clear the group: netflow-manager access edit SERVICE --group \"\")",
                named.join("; ")
            ),
        )
    })?;
    let created = nfa_groups::list(store.conn())?;
    let mut http = nfa.transport();
    let listed = api::list(&nfa.key, &mut http).map_err(|f| nfa.failure(f, None, &[]))?;
    let plan = plan::plan(&desired, &listed, &created, prune);

    if !dry_run {
        let mut done = Vec::new();
        for change in &plan.changes {
            let sent = match change {
                Change::Add { name, to } => api::add(&nfa.key, name, to, &mut http),
                Change::Modify { group, to } => api::modify(&nfa.key, group, to, &mut http),
                Change::Delete { group } => api::delete(&nfa.key, &group.name, &mut http),
            };
            if let Err(f) = sent {
                return Err(nfa.failure(f, Some(change), &done));
            }
            // Recorded at once: NetFlow Analyzer has changed, whatever comes next.
            let (what, detail) = describe(change);
            store.write(|tx| {
                match change {
                    Change::Add { name, .. } => nfa_groups::remember(tx, name, &ctx.clock.stamp())?,
                    Change::Delete { group } => nfa_groups::forget(tx, &group.name)?,
                    Change::Modify { .. } => {}
                }
                ctx.audit(
                    tx,
                    "nfa.push",
                    &format!("IP group {:?}", change.name()),
                    &format!("{what} {detail}"),
                )
            })?;
            done.push(format!("{what} {}", change.name()));
        }
        if !plan.gone.is_empty() {
            store.write(|tx| {
                for name in &plan.gone {
                    nfa_groups::forget(tx, name)?;
                }
                Ok(())
            })?;
        }
    }
    report(ctx, &plan, listed.len(), dry_run)?;
    if status && plan.adds_or_modifies() {
        return Err(silent(Exit::No));
    }
    Ok(())
}

/// What a change does, and to which criteria, for the audit log.
fn describe(change: &Change) -> (&'static str, String) {
    let list = |items: Vec<String>| {
        if items.is_empty() {
            "no criteria".to_owned()
        } else {
            items.join(", ")
        }
    };
    let wanted = |to: &[Criterion]| list(to.iter().map(Criterion::to_string).collect());
    let had = |from: &[Listed]| list(from.iter().map(Listed::to_string).collect());
    match change {
        Change::Add { to, .. } => ("added", format!("with {}", wanted(to))),
        Change::Modify { group, to } => (
            "modified",
            format!(
                "(ID {}): {} -> {}",
                group.id,
                had(&group.criteria),
                wanted(to)
            ),
        ),
        Change::Delete { group } => (
            "deleted",
            format!(
                "(ID {}; created by netflow-manager, no enabled record names it): {}",
                group.id,
                had(&group.criteria)
            ),
        ),
    }
}

#[derive(Serialize)]
struct Pushed<'a> {
    added: Vec<&'a str>,
    modified: Vec<&'a str>,
    deleted: Vec<&'a str>,
    unchanged: &'a [String],
    dry_run: bool,
}

fn report(ctx: &Ctx, plan: &Plan, listed: usize, dry_run: bool) -> anyhow::Result<()> {
    let r = Pushed {
        added: plan.names(|c| matches!(c, Change::Add { .. })),
        modified: plan.names(|c| matches!(c, Change::Modify { .. })),
        deleted: plan.names(|c| matches!(c, Change::Delete { .. })),
        unchanged: &plan.unchanged,
        dry_run,
    };
    if ctx.out.format_or(Format::Table) == Format::Json {
        return ctx.out.json(&r);
    }
    ctx.out.say(&format!(
        "NetFlow Analyzer lists {}{}",
        counted(listed as u64, "IP group", "IP groups"),
        if dry_run {
            " (dry run: nothing sent)"
        } else {
            ""
        }
    ))?;
    let verb = if dry_run { "would be " } else { "" };
    let stale: Vec<&str> = plan.stale.iter().map(String::as_str).collect();
    // With --quiet, only the lines that have something in them (for cron).
    for (label, names) in [
        (format!("{verb}added"), &r.added),
        (format!("{verb}modified"), &r.modified),
        (format!("{verb}deleted"), &r.deleted),
        (
            "created by netflow-manager, no enabled record names them (push --prune deletes them)"
                .to_owned(),
            &stale,
        ),
    ] {
        if names.is_empty() && (ctx.out.quiet || label.starts_with("created")) {
            continue;
        }
        ctx.out
            .line(&format!("{label}: {}", names_or_none(names)))?;
    }
    let unchanged: Vec<&str> = r.unchanged.iter().map(String::as_str).collect();
    ctx.out
        .say(&format!("unchanged: {}", names_or_none(&unchanged)))
}

fn names_or_none(names: &[&str]) -> String {
    if names.is_empty() {
        "none".to_owned()
    } else {
        names.join(", ")
    }
}

/// NetFlow Analyzer as `[netflow_analyzer]` names it.
pub struct Nfa {
    url: String,
    key: String,
    timeout: Duration,
}

impl Nfa {
    /// The address, API key and timeout of `[netflow_analyzer]`, or exit 78
    /// saying what is missing.
    pub fn configured(ctx: &Ctx) -> anyhow::Result<Nfa> {
        let cfg = &ctx.config.netflow_analyzer;
        let missing = |what: &str| {
            fail(
                Exit::Config,
                format!(
                    "[netflow_analyzer] {what} is not set in the config; see examples/config.toml"
                ),
            )
        };
        let url = cfg
            .url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .ok_or_else(|| missing("url"))?;
        match url::Url::parse(url) {
            Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => {}
            _ => {
                return Err(fail(
                    Exit::Config,
                    format!(
                        "[netflow_analyzer] url {url:?} is not an http(s) URL such as http://nfa.example.net:8080"
                    ),
                ));
            }
        }
        let key = config::secret(
            cfg.api_key.as_deref(),
            cfg.api_key_file.as_deref(),
            "api_key",
        )?
        .filter(|k| !k.trim().is_empty())
        .ok_or_else(|| missing("api_key (or api_key_file)"))?;
        if cfg.timeout_secs == 0 {
            return Err(fail(
                Exit::Config,
                "[netflow_analyzer] timeout_secs must be at least 1",
            ));
        }
        Ok(Nfa {
            url: url.trim_end_matches('/').to_owned(),
            key,
            timeout: Duration::from_secs(cfg.timeout_secs),
        })
    }

    fn transport(&self) -> Http<'_> {
        Http {
            remote: Remote {
                name: "NetFlow Analyzer",
                timeout: self.timeout,
                max_bytes: MAX_ANSWER_BYTES,
            },
            base: &self.url,
        }
    }

    /// Every IP group NetFlow Analyzer lists (what `doctor` asks).
    pub fn list(&self) -> anyhow::Result<Vec<Group>> {
        api::list(&self.key, &mut self.transport()).map_err(|f| self.failure(f, None, &[]))
    }

    /// A failed call as its exit code and one line, the API key never in it;
    /// `done` says what had been changed before.
    fn failure(&self, f: Failure, change: Option<&Change>, done: &[String]) -> anyhow::Error {
        let done = if done.is_empty() {
            String::new()
        } else {
            format!(" (done before it: {})", done.join(", "))
        };
        let (exit, message) = match (f, change) {
            (Failure::Unreachable(why), _) => (
                Exit::Unavailable,
                format!("{why}; nothing further was sent{done}"),
            ),
            (Failure::Refused(why), None) => (
                Exit::Config,
                format!(
                    "NetFlow Analyzer refused the API key ({why}); set [netflow_analyzer] api_key or api_key_file to the REST API key NetFlow Analyzer shows"
                ),
            ),
            (Failure::Refused(why), Some(change)) => (
                Exit::Config,
                format!(
                    "NetFlow Analyzer refused to change IP group {:?} ({why}); nothing further was sent{done}",
                    change.name()
                ),
            ),
        };
        fail(exit, self.redact(&message))
    }

    /// `text` without the API key, in case a transport error quoted a URL.
    fn redact(&self, text: &str) -> String {
        let encoded: String = url::form_urlencoded::byte_serialize(self.key.as_bytes()).collect();
        text.replace(&self.key, "[API key]")
            .replace(&encoded, "[API key]")
    }
}

/// The IP Group API over the shared HTTP edge.
struct Http<'a> {
    remote: Remote<'a>,
    base: &'a str,
}

impl Transport for Http<'_> {
    fn get(&mut self, path: &str, query: &[(&str, &str)]) -> Answer {
        http::get(&self.remote, &format!("{}{path}", self.base), query).map(|r| (r.status, r.body))
    }

    fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Answer {
        http::post_form(&self.remote, &format!("{}{path}", self.base), form)
            .map(|r| (r.status, r.body))
    }
}
