//! `doctor`: the troubleshooting guide of SPEC 5.7 run as checks, each pass or
//! fail with the fix on the same line; `--report` prints what support asks for,
//! with every secret left out.

use std::net::{TcpStream, ToSocketAddrs};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;

use crate::store::db::Conn;
use serde::Serialize;

use super::Ctx;
use crate::cli::{DoctorArgs, Format};
use crate::error::{Exit, silent};
use crate::escape::escaped;
use crate::records::service_arg;
use crate::settings as defs;
use crate::store::{self, Store, access as table, state};
use crate::template::{self, Syntax};

/// One check's outcome.
#[derive(Debug, Serialize)]
pub struct Check {
    pub check: String,
    pub ok: bool,
    pub detail: String,
    /// What to do when it failed.
    pub fix: Option<String>,
}

fn pass(check: &str, detail: impl Into<String>) -> Check {
    Check {
        check: check.to_owned(),
        ok: true,
        detail: detail.into(),
        fix: None,
    }
}

fn failed(check: &str, detail: impl Into<String>, fix: impl Into<String>) -> Check {
    Check {
        check: check.to_owned(),
        ok: false,
        detail: without_hint(detail.into()),
        fix: Some(fix.into()),
    }
}

/// An error message borrowed from a command ends with its own "run: …" hint;
/// the check's fix says what to do, once.
fn without_hint(detail: String) -> String {
    for marker in [
        "; create it with: ",
        "; upgrade it with: ",
        " (run: ",
        "; run: ",
    ] {
        if let Some(at) = detail.find(marker)
            && detail[at..].contains("netflow-manager ")
        {
            return detail[..at].to_owned();
        }
    }
    detail
}

pub fn run(ctx: &Ctx, args: &DoctorArgs) -> anyhow::Result<()> {
    let service = args.service.as_deref().map(service_arg).transpose()?;
    let mut checks = Vec::new();
    let store = match ctx.open() {
        Ok(store) => {
            checks.push(pass(
                "store",
                format!(
                    "{} at schema version {}",
                    store.location(),
                    store.version()?
                ),
            ));
            Some(store)
        }
        Err(e) => {
            checks.push(failed(
                "store",
                format!("{e:#}"),
                "netflow-manager activate",
            ));
            None
        }
    };
    if let Some(store) = &store {
        store_checks(ctx, store, service, &mut checks)?;
    }
    checks.push(server_check(ctx));
    if let Some(check) = nfa_check(ctx) {
        checks.push(check);
    }
    if let Some(path) = &args.template {
        checks.push(template_check(path));
    }

    if args.report {
        print_report(ctx, store.as_ref(), service, &checks)?;
    } else if ctx.out.format_or(Format::Table) == Format::Json {
        ctx.out.json(&checks)?;
    } else {
        let mut text = String::new();
        for c in &checks {
            let mark = if c.ok {
                ctx.out.green("ok  ")
            } else {
                ctx.out.red("FAIL")
            };
            text.push_str(&format!("{mark} {}: {}", c.check, escaped(&c.detail)));
            if let Some(fix) = &c.fix {
                text.push_str(&format!(" — fix: {}", escaped(fix)));
            }
            text.push('\n');
        }
        ctx.out.write(&text)?;
    }
    if checks.iter().any(|c| !c.ok) {
        return Err(silent(Exit::No));
    }
    Ok(())
}

fn store_checks(
    ctx: &Ctx,
    store: &Store,
    service: Option<i64>,
    checks: &mut Vec<Check>,
) -> anyhow::Result<()> {
    let conn = store.conn();
    checks.push(if state::module_active(conn)? {
        pass("module", "active")
    } else {
        failed("module", "deactivated", "netflow-manager activate")
    });
    checks.push(match ctx.key(conn) {
        Ok(key) => pass(
            "key",
            format!(
                "{} matches the store (fingerprint {})",
                ctx.key_source(),
                key.fingerprint()
            ),
        ),
        Err(e) => failed(
            "key",
            format!("{e:#}"),
            "see the message: restore the right key file, or chmod 600 it",
        ),
    });
    if let Some(path) = store.location().file() {
        checks.push(store_mode_check(path));
    }
    let licence_key = super::settings::current(conn, defs::def(defs::LICENCE_KEY)?)?;
    checks.push(if licence_key.is_empty() {
        failed(
            "licence key",
            "not set",
            "netflow-manager settings set licence_key",
        )
    } else {
        pass("licence key", "set")
    });
    let licence = super::licence::cached(ctx, conn)?;
    checks.push(if licence.is_active() {
        pass("licence", licence.summary())
    } else {
        failed(
            "licence",
            licence.summary(),
            "netflow-manager licence check --force",
        )
    });
    let r = &licence.result;
    if !r.results.as_pairs().is_empty() {
        for (name, m) in [
            ("domain", &r.domain),
            ("IP", &r.ip),
            ("directory", &r.directory),
        ] {
            let detail = format!(
                "this installation: {}; licensed: {}",
                m.installation,
                if m.licensed.is_empty() {
                    "(none)".to_owned()
                } else {
                    m.licensed.join(", ")
                }
            );
            checks.push(if m.matches {
                pass(&format!("licence {name}"), detail)
            } else {
                failed(
                    &format!("licence {name}"),
                    detail,
                    format!(
                        "set [installation] {} in the config, or have the vendor reissue the licence",
                        name.to_lowercase()
                    ),
                )
            });
        }
    }
    if let Some(id) = service {
        service_checks(conn, id, checks)?;
    }
    for (key, what, check) in [
        (
            defs::CLIENT_AREA_ENABLED,
            "client-area display",
            "client area",
        ),
        (
            defs::EMAIL_MERGE_ENABLED,
            "e-mail merge fields",
            "e-mail merge",
        ),
    ] {
        checks.push(if super::settings::flag(conn, key)? {
            pass(check, format!("{what} on"))
        } else {
            failed(
                check,
                format!("{what} off"),
                format!("netflow-manager settings set {key} on"),
            )
        });
    }
    let shared = table::shared_usernames(conn)?;
    checks.push(pass(
        "shared usernames",
        if shared.is_empty() {
            "every username serves one service".to_owned()
        } else {
            let listed: Vec<String> = shared
                .iter()
                .take(10)
                .map(|(u, ids)| {
                    let mut shown: Vec<String> = ids.iter().take(10).map(i64::to_string).collect();
                    if ids.len() > 10 {
                        shown.push(format!("{} more", ids.len() - 10));
                    }
                    format!("{u} ({})", shown.join(", "))
                })
                .collect();
            format!(
                "fine, but note: {}{}",
                listed.join("; "),
                if shared.len() > 10 { "; …" } else { "" }
            )
        },
    ));
    let integrity: String = match conn.sqlite() {
        Some(c) => c.query_row("PRAGMA quick_check", [], |r| r.get(0))?,
        // The server checks its own tables; reading every table is the check here.
        None => store::copy::readable(conn).map_or_else(|e| format!("{e:#}"), |()| "ok".to_owned()),
    };
    checks.push(if integrity == "ok" {
        pass("integrity", "ok")
    } else {
        failed(
            "integrity",
            integrity,
            "restore the store from a backup (netflow-manager backup makes them)",
        )
    });
    Ok(())
}

/// The store holds the licence key and the encrypted passwords: no file of it
/// may be readable by others.
fn store_mode_check(path: &Path) -> Check {
    let open: Vec<String> = crate::store::files_of(path)
        .iter()
        .filter_map(|f| Some((f, std::fs::metadata(f).ok()?.permissions().mode() & 0o777)))
        .filter(|(_, mode)| mode & 0o007 != 0)
        .map(|(f, mode)| format!("{} (mode {mode:04o})", f.display()))
        .collect();
    if open.is_empty() {
        pass("store modes", "not readable by others")
    } else {
        failed(
            "store modes",
            format!("readable by others: {}", open.join(", ")),
            format!("chmod o-rwx {}*", path.display()),
        )
    }
}

fn service_checks(conn: &Conn, id: i64, checks: &mut Vec<Check>) -> anyhow::Result<()> {
    let Some(row) = table::get(conn, id)? else {
        checks.push(failed(
            &format!("service {id}"),
            "no access record",
            format!("netflow-manager access add --service {id} --username U"),
        ));
        return Ok(());
    };
    checks.push(pass(
        &format!("service {id}"),
        format!("record for username {}", row.username),
    ));
    checks.push(if row.enabled {
        pass(&format!("service {id} enabled"), "yes")
    } else {
        failed(
            &format!("service {id} enabled"),
            "the record is disabled",
            format!("netflow-manager access enable {id}"),
        )
    });
    let emails = super::settings::flag(conn, defs::EMAIL_MERGE_ENABLED)?;
    checks.push(match (row.password.is_some(), emails) {
        (true, _) => pass(&format!("service {id} password"), "stored"),
        (false, false) => pass(
            &format!("service {id} password"),
            "none (e-mails do not need one)",
        ),
        (false, true) => failed(
            &format!("service {id} password"),
            "none stored, so welcome e-mails show an empty password",
            format!("netflow-manager access edit {id} --password-stdin"),
        ),
    });
    Ok(())
}

/// Whether the licensing server answers a TCP connection within the timeout.
fn server_check(ctx: &Ctx) -> Check {
    let Some(server) = &ctx.config.licensing.server else {
        return failed(
            "licensing server",
            "licensing.server is not set",
            "set [licensing] server in the config file",
        );
    };
    let url = match url::Url::parse(server) {
        Ok(u) => u,
        Err(e) => {
            return failed(
                "licensing server",
                format!("{server} is not a URL ({e})"),
                "fix [licensing] server in the config file",
            );
        }
    };
    let (Some(host), Some(port)) = (url.host_str(), url.port_or_known_default()) else {
        return failed(
            "licensing server",
            format!("{server} has no host"),
            "fix [licensing] server in the config file",
        );
    };
    let timeout = Duration::from_secs(ctx.config.licensing.timeout_secs.max(1));
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let reached = (host, port)
        .to_socket_addrs()
        .map_err(|e| e.to_string())
        .and_then(|mut addrs| {
            addrs
                .next()
                .ok_or_else(|| "no address".to_owned())
                .and_then(|a| TcpStream::connect_timeout(&a, timeout).map_err(|e| e.to_string()))
        });
    match reached {
        Ok(_) => pass("licensing server", format!("{host}:{port} reachable")),
        Err(e) => failed(
            "licensing server",
            format!("cannot reach {host}:{port}: {e}"),
            "check the network, a firewall or proxy, and [licensing] server",
        ),
    }
}

/// When `[netflow_analyzer] url` is set: NetFlow Analyzer answers `listIPGroup`
/// and accepts the API key.
fn nfa_check(ctx: &Ctx) -> Option<Check> {
    ctx.config.netflow_analyzer.url.as_ref()?;
    let name = "NetFlow Analyzer";
    Some(
        match super::nfa::Nfa::configured(ctx).and_then(|nfa| nfa.list()) {
            Ok(groups) => pass(
                name,
                format!(
                    "answers and accepts the API key ({} IP groups)",
                    groups.len()
                ),
            ),
            Err(e) => {
                let fix = if crate::error::report(&e).0 == Exit::Unavailable as u8 {
                    "check the network, a firewall or proxy, and [netflow_analyzer] url"
                } else {
                    "set [netflow_analyzer] url and api_key (or api_key_file) to NetFlow Analyzer's address and REST API key"
                };
                failed(name, format!("{e:#}"), fix)
            }
        },
    )
}

/// The template parses and contains the NetFlow block.
fn template_check(path: &Path) -> Check {
    let name = format!("template {}", path.display());
    let source = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) => return failed(&name, format!("cannot read it: {e}"), "check the path"),
    };
    let lint = match template::lint(&source, Syntax::from_path(path)) {
        Ok(l) => l,
        Err(e) => {
            return failed(
                &name,
                format!("does not parse: {e}"),
                "fix the template at that line and column",
            );
        }
    };
    let uses = |field: &str| lint.variables.iter().any(|v| v.name == field);
    let missing: Vec<&str> = ["netflow_enabled", "netflow_url", "netflow_username"]
        .into_iter()
        .filter(|f| !uses(f))
        .collect();
    if missing.is_empty() {
        pass(&name, "parses and contains the NetFlow block")
    } else {
        failed(
            &name,
            format!("parses, but does not use {}", missing.join(", ")),
            "paste the NetFlow block (netflow-manager email render prints what it renders to)",
        )
    }
}

/// The support report: identifiers, versions, failing checks, recent activity.
/// Never a password, licence key, secret or key material.
fn print_report(
    ctx: &Ctx,
    store: Option<&Store>,
    service: Option<i64>,
    checks: &[Check],
) -> anyhow::Result<()> {
    let mut r = String::from("netflow-manager support report\n");
    r.push_str(&format!("generated: {}\n", ctx.clock.stamp()));
    r.push_str(&format!(
        "versions: netflow-manager {}, SQLite {}, schema {} (this version writes {})\n",
        env!("CARGO_PKG_VERSION"),
        rusqlite::version(),
        store.map_or_else(
            || "unknown".to_owned(),
            |s| s
                .version()
                .map_or_else(|_| "unreadable".to_owned(), |v| v.to_string())
        ),
        store::SCHEMA_VERSION
    ));
    r.push_str(&format!("store: {}\n", ctx.store.location));
    if let (Some(store), Some(id)) = (store, service) {
        match table::get(store.conn(), id)? {
            Some(row) => r.push_str(&format!(
                "service: {id}\nclient: {}\nusername: {}\nIP/group: {} / {}\nenabled: {}\npassword: {}\n",
                row.client_id.map_or_else(|| "none".to_owned(), |c| c.to_string()),
                escaped(&row.username),
                if row.ip_address.is_empty() { "none".into() } else { escaped(&row.ip_address) },
                if row.group.is_empty() { "none".into() } else { escaped(&row.group) },
                row.enabled,
                if row.password.is_some() { "stored (redacted)" } else { "none" },
            )),
            None => r.push_str(&format!("service: {id} (no access record)\n")),
        }
    }
    let failing: Vec<&Check> = checks.iter().filter(|c| !c.ok).collect();
    r.push_str("failing checks:\n");
    if failing.is_empty() {
        r.push_str("  none\n");
    }
    for c in failing {
        r.push_str(&format!("  - {}: {}\n", c.check, escaped(&c.detail)));
    }
    r.push_str("recent activity (audit log):\n");
    if let Some(store) = store {
        store::audit::each(store.conn(), 10, None, |e| {
            r.push_str(&escaped(&format!(
                "  {} {} {} {}",
                e.at, e.actor, e.action, e.subject
            )));
            r.push('\n');
            Ok(())
        })?;
    }
    ctx.out.write(&r)
}

#[cfg(test)]
mod tests {
    use super::without_hint;

    #[test]
    fn a_fix_is_said_once() {
        assert_eq!(
            without_hint("no store at /x.db; create it with: netflow-manager activate".to_owned()),
            "no store at /x.db"
        );
        assert_eq!(
            without_hint("not checked yet (run: netflow-manager licence check)".to_owned()),
            "not checked yet"
        );
        assert_eq!(without_hint("a; b".to_owned()), "a; b");
    }
}
