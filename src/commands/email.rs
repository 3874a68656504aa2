//! `email render|fields|lint`: the welcome-e-mail merge fields of SPEC 5.6 and
//! templates rendered with them. A disabled or missing record is the normal
//! case for a WHMCS hook: the block is left out and the command succeeds.

use std::path::Path;

use crate::store::db::Conn;
use serde_json::{Map, Value};

use super::Ctx;
use crate::cli::{EmailCmd, Format, SyntaxArg};
use crate::error::{Exit, fail};
use crate::records::service_arg;
use crate::settings as defs;
use crate::store::{access as table, state};
use crate::template::{self, Options, Syntax, Zone};

/// The merge fields a template may use.
pub const FIELDS: &[&str] = &[
    "netflow_enabled",
    "netflow_url",
    "netflow_username",
    "netflow_password",
    "netflow_group",
    "netflow_ip_address",
];

pub fn run(ctx: &Ctx, cmd: EmailCmd) -> anyhow::Result<()> {
    match cmd {
        EmailCmd::Fields { service } => {
            let id = service_arg(&service)?;
            let store = ctx.open()?;
            let fields = merge_fields(ctx, store.conn(), id)?;
            print_fields(ctx, &fields)
        }
        EmailCmd::Render {
            service,
            template,
            syntax,
            strict,
            html,
            vars: extra,
        } => {
            let id = service_arg(&service)?;
            let (source, syntax, name) = match &template {
                Some(path) => (
                    read(path)?,
                    syntax_of(syntax, path),
                    path.display().to_string(),
                ),
                None => (
                    template::DEFAULT_BLOCK.to_owned(),
                    Syntax::Smarty,
                    "the NetFlow block".to_owned(),
                ),
            };
            let store = ctx.open()?;
            let mut vars = extra_vars(&extra)?;
            vars.extend(merge_fields(ctx, store.conn(), id)?);
            let opts = Options {
                strict,
                html,
                zone: zone_from_env(),
            };
            let text = template::render(&source, syntax, &vars, &opts)
                .map_err(|e| fail(Exit::DataErr, format!("{name}:{e}")))?;
            ctx.out.write(&text)
        }
        EmailCmd::Lint { template, syntax } => lint(ctx, &template, syntax),
    }
}

/// The merge fields for a service: `netflow_enabled` only when the record exists,
/// is enabled, e-mail merging is on and the module is active; every other field
/// is empty unless enabled, and the password only when one is stored.
/// The merge fields: one JSON object (what the hook reads), name/value pairs
/// for people, or one CSV row under a header of the names.
fn print_fields(ctx: &Ctx, fields: &Map<String, Value>) -> anyhow::Result<()> {
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    match ctx.out.format_or(Format::Json) {
        Format::Json => ctx.out.json(fields),
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(fields.keys())?;
            w.write_record(fields.values().map(text))?;
            ctx.out.write(&String::from_utf8(w.into_inner()?)?)
        }
        Format::Table => {
            let pairs: Vec<(&str, String)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), crate::escape::escaped(&text(v)).into_owned()))
                .collect();
            ctx.out.pairs(&pairs)
        }
    }
}

pub fn merge_fields(ctx: &Ctx, conn: &Conn, service_id: i64) -> anyhow::Result<Map<String, Value>> {
    let mut fields: Map<String, Value> = FIELDS
        .iter()
        .map(|f| (f.to_string(), Value::String(String::new())))
        .collect();
    fields.insert("netflow_enabled".to_owned(), Value::Bool(false));
    let on = state::module_active(conn)? && super::settings::flag(conn, defs::EMAIL_MERGE_ENABLED)?;
    let Some(row) = table::get(conn, service_id)?.filter(|r| r.enabled && on) else {
        return Ok(fields);
    };
    let password = match &row.password {
        Some(blob) => ctx.cipher(conn)?.open(service_id, blob)?,
        None => String::new(),
    };
    let url = if row.url.is_empty() {
        super::access::default_url(conn)?
    } else {
        row.url
    };
    for (k, v) in [
        ("netflow_url", url),
        ("netflow_username", row.username),
        ("netflow_password", password),
        ("netflow_group", row.group),
        ("netflow_ip_address", row.ip_address),
    ] {
        fields.insert(k.to_owned(), Value::String(v));
    }
    fields.insert("netflow_enabled".to_owned(), Value::Bool(true));
    Ok(fields)
}

/// The zone `TZ` names (a file of the system's tz database), UTC when it is unset or
/// empty, as WHMCS's mail is rendered.
fn zone_from_env() -> Zone {
    let Some(tz) = std::env::var_os("TZ").filter(|tz| !tz.is_empty()) else {
        return Zone::Utc;
    };
    let tz = tz.to_string_lossy();
    let name = tz.strip_prefix(':').unwrap_or(&tz);
    if name.starts_with('/') || name.split('/').any(|part| part == ".." || part.is_empty()) {
        return Zone::unknown(name, "not a zone name");
    }
    match std::fs::read(Path::new(ZONEINFO).join(name)) {
        Ok(tzif) => Zone::named(name, &tzif),
        Err(e) => Zone::unknown(name, &format!("{ZONEINFO}/{name}: {e}")),
    }
}

/// Where the system's tz database is.
const ZONEINFO: &str = "/usr/share/zoneinfo";

/// `--var NAME=VALUE` pairs as template variables; a `netflow_*` name is refused
/// (those come from the record only).
fn extra_vars(pairs: &[String]) -> anyhow::Result<Map<String, Value>> {
    let mut vars = Map::new();
    for pair in pairs {
        let (name, value) = pair
            .split_once('=')
            .ok_or_else(|| fail(Exit::Usage, format!("--var {pair:?} is not NAME=VALUE")))?;
        let valid = name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid || name.starts_with("netflow_") {
            return Err(fail(
                Exit::Usage,
                format!("--var {name:?}: give a variable name that is not a netflow_* merge field"),
            ));
        }
        vars.insert(name.to_owned(), Value::String(value.to_owned()));
    }
    Ok(vars)
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).map_err(|e| {
        let code = match e.kind() {
            std::io::ErrorKind::NotFound => Exit::NoInput,
            std::io::ErrorKind::PermissionDenied => Exit::NoPerm,
            _ => Exit::DataErr,
        };
        fail(
            code,
            format!("cannot read template {}: {e}", path.display()),
        )
    })
}

fn syntax_of(arg: Option<SyntaxArg>, path: &Path) -> Syntax {
    match arg {
        Some(SyntaxArg::Smarty) => Syntax::Smarty,
        Some(SyntaxArg::Handlebars) => Syntax::Handlebars,
        None => Syntax::from_path(path),
    }
}

/// Syntax errors and unknown `netflow_*` fields, each as FILE:line:column; exit 65
/// when there is any.
fn lint(ctx: &Ctx, path: &Path, syntax: Option<SyntaxArg>) -> anyhow::Result<()> {
    let source = read(path)?;
    let name = path.display();
    let lint = template::lint(&source, syntax_of(syntax, path))
        .map_err(|e| fail(Exit::DataErr, format!("{name}:{e}")))?;
    let unknown: Vec<_> = lint
        .variables
        .iter()
        .filter(|v| v.name.starts_with("netflow_") && !FIELDS.contains(&v.name.as_str()))
        .collect();
    for v in &unknown {
        eprintln!(
            "{name}:{}:{}: unknown merge field {} (known: {})",
            v.line,
            v.column,
            v.name,
            FIELDS.join(", ")
        );
    }
    if !unknown.is_empty() {
        return Err(fail(
            Exit::DataErr,
            format!("{name}: {} unknown merge field(s)", unknown.len()),
        ));
    }
    let mut used: Vec<&str> = lint
        .variables
        .iter()
        .map(|v| v.name.as_str())
        .filter(|n| n.starts_with("netflow_"))
        .collect();
    used.sort_unstable();
    used.dedup();
    ctx.out.say(&format!(
        "{name}: ok{}",
        if used.is_empty() {
            " (uses no NetFlow merge field)".to_owned()
        } else {
            format!(" (uses {})", used.join(", "))
        }
    ))
}
