//! `licence check` and `licence status`: the licence decision of `licensing::check` wired
//! to the config, this installation's identity, the network and the store (which keeps
//! the local key and the last server answer that counted); `cached` answers other commands.

use std::net::IpAddr;
use std::time::Duration;

use crate::store::db::Conn;
use serde::{Deserialize, Serialize};

use super::Ctx;
use super::settings::current;
use crate::cli::{Format, LicenceCmd};
use crate::error::{Exit, fail};
use crate::escape::escaped;
use crate::licensing::check::{self, CheckRequest, CheckResult, IdentityMatch, Source};
use crate::licensing::client::post_form;
use crate::licensing::protocol::{Installation, new_check_token, verify_url};
use crate::output::Out;
use crate::settings as defs;
use crate::store::state;

/// The state key of the local key: the last Active answer, in the Licensing Addon's format.
const LOCAL_KEY: &str = "licence_local_key";
/// The state key of the last server answer that counted (`LastAnswer` as JSON).
const LAST_ANSWER: &str = "licence_last_answer";

/// What the licensing server last said: a signed Active answer, or any other status.
#[derive(Serialize, Deserialize)]
struct LastAnswer {
    status: String,
    message: Option<String>,
    /// The answer carried the right `md5hash`.
    #[serde(default = "signed_before_unsigned_answers_counted")]
    signed: bool,
    /// RFC 3339, UTC.
    checked_at: String,
}

/// Entries written before unsigned answers counted have no `signed`: all were signed.
fn signed_before_unsigned_answers_counted() -> bool {
    true
}

/// What the cached licence answers now, without network.
#[derive(Debug, Clone)]
pub struct CachedLicence {
    /// The local key's answer for this installation (`check::from_cache`). With no local
    /// key, the status, message and signature of the last server answer, if any.
    pub result: CheckResult,
    /// When the licensing server last gave a verified answer (RFC 3339, UTC).
    pub checked_at: Option<String>,
}

impl CachedLicence {
    /// True when the cached licence answers Active right now.
    pub fn is_active(&self) -> bool {
        self.result.status == "Active"
    }

    /// One line for overviews, e.g. `Active (cache, checked 2026-11-22, next due 2027-01-15)`.
    pub fn summary(&self) -> String {
        let result = &self.result;
        if self.is_active() {
            let date = |value: Option<&str>| {
                value
                    .unwrap_or("unknown")
                    .chars()
                    .take(10)
                    .collect::<String>()
            };
            let checked = date(self.checked_at.as_deref());
            let due = date(result.results.get("nextduedate"));
            return format!("Active (cache, checked {checked}, next due {due})");
        }
        if result.status == check::UNCHECKED {
            return "not checked yet (run: netflow-manager licence check)".to_owned();
        }
        match &result.message {
            Some(message) => format!("{}: {message}", result.status),
            None => result.status.clone(),
        }
    }
}

/// What the cached licence answers now for this installation, without network: for
/// commands that show or withhold something depending on the licence.
pub fn cached(ctx: &Ctx, conn: &Conn) -> anyhow::Result<CachedLicence> {
    let installation = installation(ctx)?;
    let local_key = state::get(conn, LOCAL_KEY)?;
    let mut result = check::from_cache(
        local_key.as_deref(),
        &installation,
        &settings(ctx),
        ctx.clock.today(),
    );
    let last = last_answer(conn)?;
    if let Some(last) = last.as_ref().filter(|_| local_key.is_none()) {
        result.status.clone_from(&last.status);
        result.message.clone_from(&last.message);
        result.signed = last.signed;
    }
    Ok(CachedLicence {
        result,
        checked_at: last.map(|last| last.checked_at),
    })
}

/// Forgets the local key and the last answer (the licence key changed).
pub fn forget(conn: &Conn) -> anyhow::Result<()> {
    state::delete(conn, LOCAL_KEY)?;
    state::delete(conn, LAST_ANSWER)?;
    Ok(())
}

/// Neither command is refused while the module is deactivated: they touch only the
/// licence cache, never a record.
pub fn run(ctx: &Ctx, cmd: LicenceCmd) -> anyhow::Result<()> {
    match cmd {
        LicenceCmd::Check { force } => check_now(ctx, force),
        LicenceCmd::Status => {
            let store = ctx.open()?;
            let cached = cached(ctx, store.conn())?;
            finish(ctx, &cached.result, cached.checked_at.as_deref())
        }
    }
}

fn check_now(ctx: &Ctx, force: bool) -> anyhow::Result<()> {
    let mut store = ctx.open()?;
    let licence_key = current(store.conn(), defs::def(defs::LICENCE_KEY)?)?;
    if licence_key.is_empty() {
        return Err(fail(
            Exit::Config,
            "no licence key; set it with: netflow-manager settings set licence_key",
        ));
    }
    let server = server_url(ctx)?;
    let timeout = timeout(ctx)?;
    let installation = installation(ctx)?;
    let settings = settings(ctx);
    let local_key = state::get(store.conn(), LOCAL_KEY)?;
    let mut random = [0; 16];
    crate::crypto::random_bytes(&mut random)?;
    let check_token = new_check_token(ctx.clock.now().timestamp(), random);
    let request = CheckRequest {
        licence_key: &licence_key,
        installation: &installation,
        settings: &settings,
        today: ctx.clock.today(),
        local_key: local_key.as_deref(),
        force,
        check_token: &check_token,
    };
    let result = check::check(&request, |form| {
        post_form(&verify_url(&server), form, timeout)
    });
    // Only a server answer that counts carries a cache action: a new local key when
    // Active, clearing otherwise. Anything else (no answer, a refused signature) leaves
    // the store as it was.
    let checked_at = if result.new_local_key.is_some() || result.clear_cache {
        Some(store.write(|tx| record(ctx, tx, &result))?)
    } else {
        last_answer(store.conn())?.map(|last| last.checked_at)
    };
    finish(ctx, &result, checked_at.as_deref())
}

/// Stores an answer's cache action and the answer itself; audits a new status.
/// Returns the answer's time.
fn record(ctx: &Ctx, conn: &Conn, result: &CheckResult) -> anyhow::Result<String> {
    match &result.new_local_key {
        Some(local_key) => state::set(conn, LOCAL_KEY, local_key)?,
        None => {
            state::delete(conn, LOCAL_KEY)?;
        }
    }
    let answer = LastAnswer {
        status: result.status.clone(),
        message: result.message.clone(),
        signed: result.signed,
        checked_at: ctx.clock.stamp(),
    };
    let before = last_answer(conn)?.map_or_else(|| "not checked".to_owned(), |last| last.status);
    state::set(conn, LAST_ANSWER, &serde_json::to_string(&answer)?)?;
    if before != answer.status {
        let because = answer
            .message
            .as_ref()
            .map(|message| format!(" ({message})"))
            .unwrap_or_default();
        let detail = format!("{before} -> {}{because}", answer.status);
        ctx.audit(conn, "licence.check", "licence", &detail)?;
    }
    Ok(answer.checked_at)
}

/// The last server answer; an entry this version cannot read counts as none.
fn last_answer(conn: &Conn) -> anyhow::Result<Option<LastAnswer>> {
    Ok(state::get(conn, LAST_ANSWER)?.and_then(|text| serde_json::from_str(&text).ok()))
}

/// The licensing settings of the config.
fn settings(ctx: &Ctx) -> check::Settings {
    let licensing = &ctx.config.licensing;
    check::Settings {
        secret: licensing.secret.clone(),
        local_key_days: licensing.local_key_days,
        check_fail_days: licensing.check_fail_days,
    }
}

/// Where the config is read from, for messages that ask to change it.
fn config_place(ctx: &Ctx) -> String {
    match &ctx.config_file {
        Some(file) => file.display().to_string(),
        None => {
            "the config file ($XDG_CONFIG_HOME/netflow-manager/config.toml or --config)".to_owned()
        }
    }
}

/// `[licensing] server`, which must be an http(s) URL.
fn server_url(ctx: &Ctx) -> anyhow::Result<String> {
    let server = ctx
        .config
        .licensing
        .server
        .as_deref()
        .map(str::trim)
        .filter(|server| !server.is_empty())
        .ok_or_else(|| {
            fail(
                Exit::Config,
                format!(
                    "no licensing server configured; set [licensing] server in {}",
                    config_place(ctx)
                ),
            )
        })?;
    match url::Url::parse(server) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => {
            Ok(server.to_owned())
        }
        _ => Err(fail(
            Exit::Config,
            format!(
                "[licensing] server {server:?} in {} is not an http(s) URL such as https://licensing.example.com",
                config_place(ctx)
            ),
        )),
    }
}

/// `[licensing] timeout_secs`, at least one second.
fn timeout(ctx: &Ctx) -> anyhow::Result<Duration> {
    match ctx.config.licensing.timeout_secs {
        0 => Err(fail(
            Exit::Config,
            format!(
                "[licensing] timeout_secs in {} must be at least 1",
                config_place(ctx)
            ),
        )),
        secs => Ok(Duration::from_secs(secs)),
    }
}

/// This installation's identity: `[installation]`, else the host name, the first
/// non-loopback address and the store's directory.
fn installation(ctx: &Ctx) -> anyhow::Result<Installation> {
    let configured = &ctx.config.installation;
    let domain = match &configured.domain {
        Some(domain) => domain.clone(),
        None => nix::unistd::gethostname()
            .map_err(|error| {
                fail(
                    Exit::Config,
                    format!(
                        "cannot read the host name ({error}); set [installation] domain in {}",
                        config_place(ctx)
                    ),
                )
            })?
            .to_string_lossy()
            .into_owned(),
    };
    let ip = match &configured.ip {
        Some(ip) => ip.clone(),
        None => interface_addresses()
            .and_then(first_address)
            .ok_or_else(|| {
                fail(
                    Exit::Config,
                    format!(
                        "found no network address but loopback; set [installation] ip in {}",
                        config_place(ctx)
                    ),
                )
            })?
            .to_string(),
    };
    let directory = match &configured.directory {
        Some(directory) => directory.clone(),
        None => ctx
            .store_file()
            .map_or_else(|| ctx.key_path(), |p| Ok(p.to_path_buf()))
            .ok()
            .and_then(|p| std::path::absolute(p).ok())
            .and_then(|store| store.parent().map(|dir| dir.display().to_string()))
            .ok_or_else(|| {
                fail(
                    Exit::Config,
                    format!(
                        "cannot tell the store's directory; set [installation] directory in {}",
                        config_place(ctx)
                    ),
                )
            })?,
    };
    Ok(Installation {
        domain,
        ip,
        directory,
    })
}

/// The addresses of the interfaces that are up, in the system's order.
fn interface_addresses() -> Option<Vec<IpAddr>> {
    use nix::net::if_::InterfaceFlags;
    let interfaces = nix::ifaddrs::getifaddrs().ok()?;
    let addresses = interfaces
        .filter(|interface| interface.flags.contains(InterfaceFlags::IFF_UP))
        .filter_map(|interface| {
            let address = interface.address?;
            if let Some(v4) = address.as_sockaddr_in() {
                return Some(IpAddr::V4(v4.ip()));
            }
            address.as_sockaddr_in6().map(|v6| IpAddr::V6(v6.ip()))
        })
        .collect();
    Some(addresses)
}

/// The first IPv4 address that is not loopback, else the first such IPv6 address that
/// is not link-local (never the address a licence names).
fn first_address(addresses: Vec<IpAddr>) -> Option<IpAddr> {
    let usable = |address: &&IpAddr| !address.is_loopback() && !address.is_unspecified();
    let v4 = addresses
        .iter()
        .filter(usable)
        .find(|address| address.is_ipv4());
    v4.or_else(|| {
        addresses
            .iter()
            .filter(usable)
            .find(|address| match address {
                IpAddr::V6(v6) => !v6.is_unicast_link_local(),
                IpAddr::V4(_) => false,
            })
    })
    .copied()
}

/// The answer as `--format json` prints it (the SPEC 2.1 keys, exactly).
#[derive(Serialize)]
struct Report<'a> {
    status: &'a str,
    source: Source,
    message: Option<&'a str>,
    signed: bool,
    registered_name: Option<&'a str>,
    product_name: Option<&'a str>,
    next_due_date: Option<&'a str>,
    checked_at: Option<&'a str>,
    domain: &'a IdentityMatch,
    ip: &'a IdentityMatch,
    directory: &'a IdentityMatch,
}

impl<'a> Report<'a> {
    fn new(result: &'a CheckResult, checked_at: Option<&'a str>) -> Self {
        Self {
            status: &result.status,
            source: result.source,
            message: result.message.as_deref(),
            signed: result.signed,
            registered_name: result.results.get("registeredname"),
            product_name: result.results.get("productname"),
            next_due_date: result.results.get("nextduedate"),
            checked_at,
            domain: &result.domain,
            ip: &result.ip,
            directory: &result.directory,
        }
    }
}

/// Prints the answer (nothing with `--quiet`) and turns it into the exit code: 0 when
/// Active, 69 when the server could not answer and nothing cached could, else 1; the
/// last two with one line on stderr.
fn finish(ctx: &Ctx, result: &CheckResult, checked_at: Option<&str>) -> anyhow::Result<()> {
    if !ctx.out.quiet {
        if ctx.out.format_or(Format::Table) == Format::Json {
            ctx.out.json(&Report::new(result, checked_at))?;
        } else {
            ctx.out.pairs(&lines(&ctx.out, result, checked_at))?;
        }
    }
    if result.status == "Active" {
        return Ok(());
    }
    if result.unreachable {
        let reason = result.remote_error.as_deref().unwrap_or("no answer");
        return Err(fail(
            Exit::Unavailable,
            format!(
                "licence Remote Check Failed: {reason}; no local key is recent enough to answer meanwhile"
            ),
        ));
    }
    let because = result
        .message
        .as_ref()
        .map(|message| format!(": {message}"))
        .unwrap_or_default();
    let hint = if result.source == Source::Cache {
        "; run: netflow-manager licence check"
    } else {
        ""
    };
    Err(fail(
        Exit::No,
        format!("licence {}{because}{hint}", result.status),
    ))
}

/// The answer for people: one labelled line per fact.
fn lines(out: &Out, result: &CheckResult, checked_at: Option<&str>) -> Vec<(&'static str, String)> {
    let report = Report::new(result, checked_at);
    // Everything the server sent is shown escaped: no control character of
    // its answer reaches the terminal.
    let status = if report.status == "Active" {
        out.green(report.status)
    } else {
        out.red(&escaped(report.status))
    };
    let source = match (report.source, &result.remote_error) {
        (Source::Server, Some(reason)) => {
            format!("server (did not answer: {})", escaped(reason))
        }
        (Source::Grace, Some(reason)) => format!(
            "grace (the local key stands in; the server did not answer: {})",
            escaped(reason)
        ),
        (source, _) => source_name(source).to_owned(),
    };
    let text = |value: Option<&str>| escaped(value.unwrap_or("-")).into_owned();
    vec![
        ("status", status),
        ("source", source),
        ("message", text(report.message)),
        (
            "signed",
            if report.signed { "yes" } else { "no" }.to_owned(),
        ),
        ("registered name", text(report.registered_name)),
        ("product", text(report.product_name)),
        ("next due date", text(report.next_due_date)),
        ("checked at", text(report.checked_at)),
        ("domain", identity_line(out, report.domain)),
        ("ip", identity_line(out, report.ip)),
        ("directory", identity_line(out, report.directory)),
    ]
}

fn source_name(source: Source) -> &'static str {
    match source {
        Source::Server => "server",
        Source::Cache => "cache",
        Source::Grace => "grace",
    }
}

/// `value ✓ (licensed: a, b)`, or with `✗ MISMATCH` when the list leaves it out.
fn identity_line(out: &Out, identity: &IdentityMatch) -> String {
    let value = escaped(&identity.installation);
    if identity.licensed.is_empty() {
        return format!("{value} (the answer lists none)");
    }
    let mark = if identity.matches {
        out.green("✓")
    } else {
        out.red("✗ MISMATCH")
    };
    format!(
        "{value} {mark} (licensed: {})",
        escaped(&identity.licensed.join(", "))
    )
}

#[cfg(test)]
mod tests {
    use std::net::{Ipv4Addr, Ipv6Addr};

    use super::*;
    use crate::cli::ColorChoice;
    use crate::licensing::protocol::Reply;
    use crate::output::pairs_text;

    const ACTIVE: &str = include_str!("../../tests/fixtures/licensing/reply-active.txt");

    fn identity(installation: &str, licensed: &[&str]) -> IdentityMatch {
        IdentityMatch {
            installation: installation.to_owned(),
            licensed: licensed.iter().map(|item| (*item).to_owned()).collect(),
            matches: licensed.contains(&installation),
        }
    }

    fn active() -> CheckResult {
        CheckResult {
            status: "Active".to_owned(),
            source: Source::Cache,
            message: None,
            signed: true,
            results: Reply::parse(ACTIVE),
            new_local_key: None,
            clear_cache: false,
            unreachable: false,
            remote_error: None,
            domain: identity(
                "www.billing.example.net",
                &["billing.example.net", "www.billing.example.net"],
            ),
            ip: identity("203.0.113.10", &["203.0.113.10"]),
            directory: identity(
                "/srv/whmcs",
                &["/var/www/whmcs/modules/addons/netflow_manager"],
            ),
        }
    }

    fn plain() -> Out {
        Out::new(None, false, ColorChoice::Never)
    }

    #[test]
    fn people_see_every_fact_and_the_mismatch() {
        let text = pairs_text(&lines(&plain(), &active(), Some("2026-11-22T08:00:00Z")));
        insta::assert_snapshot!(text, @r"
        status           Active
        source           cache
        message          -
        signed           yes
        registered name  Jane Operator
        product          NetFlow Manager for WHMCS
        next due date    2027-01-15
        checked at       2026-11-22T08:00:00Z
        domain           www.billing.example.net ✓ (licensed: billing.example.net, www.billing.example.net)
        ip               203.0.113.10 ✓ (licensed: 203.0.113.10)
        directory        /srv/whmcs ✗ MISMATCH (licensed: /var/www/whmcs/modules/addons/netflow_manager)
        ");
    }

    #[test]
    fn people_see_why_the_server_did_not_answer() {
        let grace = CheckResult {
            source: Source::Grace,
            remote_error: Some("connection refused".to_owned()),
            ..active()
        };
        let source = &lines(&plain(), &grace, None)[1].1;
        assert_eq!(
            source,
            "grace (the local key stands in; the server did not answer: connection refused)"
        );
        let failed = CheckResult {
            status: "Invalid".to_owned(),
            source: Source::Server,
            message: Some("Remote Check Failed".to_owned()),
            signed: false,
            results: Reply::default(),
            unreachable: true,
            remote_error: Some("connection refused".to_owned()),
            domain: identity("billing.example.net", &[]),
            ..active()
        };
        let shown = lines(&plain(), &failed, None);
        assert_eq!(shown[1].1, "server (did not answer: connection refused)");
        assert_eq!(shown[3].1, "no");
        assert_eq!(shown[4].1, "-");
        assert_eq!(shown[8].1, "billing.example.net (the answer lists none)");
    }

    #[test]
    fn the_json_report_has_exactly_the_contract_keys() {
        let value = serde_json::to_value(Report::new(&active(), None)).expect("serializes");
        let keys: Vec<&str> = value
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        let mut expected = [
            "status",
            "source",
            "message",
            "signed",
            "registered_name",
            "product_name",
            "next_due_date",
            "checked_at",
            "domain",
            "ip",
            "directory",
        ];
        expected.sort_unstable();
        assert_eq!(keys, expected);
        assert_eq!(value["source"], "cache");
        assert_eq!(value["signed"], true);
        assert_eq!(value["checked_at"], serde_json::Value::Null);
        assert_eq!(value["directory"]["matches"], false);
    }

    #[test]
    fn the_summary_says_active_not_checked_or_why_not() {
        let cached = |result: CheckResult, checked_at: Option<&str>| CachedLicence {
            result,
            checked_at: checked_at.map(str::to_owned),
        };
        assert_eq!(
            cached(active(), Some("2026-11-22T08:00:00Z")).summary(),
            "Active (cache, checked 2026-11-22, next due 2027-01-15)"
        );
        let nothing = CheckResult {
            status: check::UNCHECKED.to_owned(),
            message: Some("no licence check has been made yet".to_owned()),
            signed: false,
            results: Reply::default(),
            ..active()
        };
        assert_eq!(
            cached(nothing.clone(), None).summary(),
            "not checked yet (run: netflow-manager licence check)"
        );
        let refused = CheckResult {
            status: "Invalid".to_owned(),
            message: Some("Domain Invalid".to_owned()),
            ..nothing
        };
        assert_eq!(
            cached(refused, Some("2026-11-22T08:00:00Z")).summary(),
            "Invalid: Domain Invalid"
        );
    }

    #[test]
    fn a_last_answer_stored_before_unsigned_answers_counted_was_signed() {
        let old: LastAnswer = serde_json::from_str(
            r#"{"status":"Expired","message":null,"checked_at":"2026-11-22T08:00:00Z"}"#,
        )
        .expect("an entry of an earlier version reads");
        assert!(old.signed);
        let unsigned = r#"{"status":"Invalid","message":"Domain Invalid","signed":false,"checked_at":"2026-11-22T08:00:00Z"}"#;
        let new: LastAnswer = serde_json::from_str(unsigned).expect("reads");
        assert!(!new.signed);
        assert_eq!(serde_json::to_string(&new).expect("writes"), unsigned);
    }

    #[test]
    fn the_default_address_is_ipv4_first_and_never_loopback_or_link_local() {
        let v4 = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 2));
        let v6 = IpAddr::V6("fd00::2".parse::<Ipv6Addr>().expect("an address"));
        let link_local = IpAddr::V6("fe80::1".parse::<Ipv6Addr>().expect("an address"));
        let loopback = [
            IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(Ipv6Addr::LOCALHOST),
        ];
        assert_eq!(
            first_address(vec![loopback[0], loopback[1], v6, v4]),
            Some(v4)
        );
        assert_eq!(first_address(vec![loopback[0], link_local, v6]), Some(v6));
        assert_eq!(first_address(loopback.to_vec()), None);
    }
}
