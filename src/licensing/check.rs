//! The licence decision: when the cached local key answers by itself, which server
//! replies count (Active only when signed, any other as sent unless wrongly signed),
//! what is cached or dropped, and when the grace period lets an old key cover for a
//! server that cannot be reached. Pure: the date, the cache and the POST are passed in,
//! and the HTTP client reports its result as this module's `RemoteOutcome`, never the
//! reverse.

use std::fmt;

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::local_key;
use super::protocol::{Installation, Reply, Signature, request_form, signature};

/// The status of `from_cache` when there is no local key: no answer to show.
pub const UNCHECKED: &str = "Unchecked";

/// The licensing settings from the configuration.
#[derive(Clone, PartialEq, Eq)]
pub struct Settings {
    /// The product's secret shared with the licensing server (empty when unset).
    pub secret: String,
    /// How many days a local key answers without asking the server.
    pub local_key_days: u32,
    /// How many more days it answers while the server cannot be reached.
    pub check_fail_days: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            secret: String::new(),
            local_key_days: 15,
            check_fail_days: 5,
        }
    }
}

/// The secret never appears in debug output.
impl fmt::Debug for Settings {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("Settings")
            .field("secret", &"<redacted>")
            .field("local_key_days", &self.local_key_days)
            .field("check_fail_days", &self.check_fail_days)
            .finish()
    }
}

/// Everything a licence check looks at, besides the server. Not `Debug`: it holds the
/// licence key.
#[derive(Clone, Copy)]
pub struct CheckRequest<'a> {
    pub licence_key: &'a str,
    pub installation: &'a Installation,
    pub settings: &'a Settings,
    pub today: NaiveDate,
    /// The cached local key, as stored.
    pub local_key: Option<&'a str>,
    /// Ask the server even when the local key could answer.
    pub force: bool,
    /// A fresh token for this check (see `protocol::new_check_token`).
    pub check_token: &'a str,
}

/// What came of a verification request, as the HTTP client reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemoteOutcome {
    /// The body of an HTTP 200 answer.
    Reply(String),
    /// No usable answer (connection failed, timed out, not HTTP 200): why, in one line.
    Unreachable(String),
}

/// Where an answer came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// The licensing server answered (or could not, see `CheckResult::unreachable`).
    Server,
    /// The local key answered within `local_key_days`.
    Cache,
    /// The server could not answer and the local key answered within the grace period.
    Grace,
}

/// This installation's value of one identity field against the licence's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IdentityMatch {
    pub installation: String,
    pub licensed: Vec<String>,
    pub matches: bool,
}

/// The outcome of a check, and what the caller must do with its cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckResult {
    /// `Active`, `Invalid`, `Expired`, `Suspended`, or whatever the server said;
    /// `Unchecked` from a cache that holds nothing.
    pub status: String,
    pub source: Source,
    pub message: Option<String>,
    /// The answer is the server's and carried the right `md5hash` (directly, or through
    /// the local key, which holds only such answers).
    pub signed: bool,
    /// Every result of the answer, in order (empty when no answer counts).
    pub results: Reply,
    /// A new local key to store in place of the old one.
    pub new_local_key: Option<String>,
    /// The stored local key must be deleted: the server said the licence is not Active.
    pub clear_cache: bool,
    /// The server could not answer and nothing cached could: "Remote Check Failed".
    pub unreachable: bool,
    /// Why the server did not answer, when it did not.
    pub remote_error: Option<String>,
    pub domain: IdentityMatch,
    pub ip: IdentityMatch,
    pub directory: IdentityMatch,
}

impl CheckResult {
    /// An answer made of `results`, with no cache action.
    fn from_results(results: Reply, source: Source, installation: &Installation) -> Self {
        Self {
            status: results.status().unwrap_or("Invalid").to_owned(),
            source,
            message: results.get("message").map(str::to_owned),
            signed: false,
            domain: identity(&results, "validdomain", &installation.domain),
            ip: identity(&results, "validip", &installation.ip),
            directory: identity(&results, "validdirectory", &installation.directory),
            results,
            new_local_key: None,
            clear_cache: false,
            unreachable: false,
            remote_error: None,
        }
    }

    /// An Invalid answer of this tool's own, carrying no results.
    fn invalid(message: &str, source: Source, installation: &Installation) -> Self {
        Self {
            message: Some(message.to_owned()),
            ..Self::from_results(Reply::default(), source, installation)
        }
    }

    /// True when the domain, IP address and directory are all licensed.
    pub fn lists_installation(&self) -> bool {
        self.domain.matches && self.ip.matches && self.directory.matches
    }
}

fn identity(results: &Reply, tag: &str, value: &str) -> IdentityMatch {
    let licensed = results.list(tag);
    IdentityMatch {
        installation: value.to_owned(),
        matches: licensed.iter().any(|item| item == value),
        licensed,
    }
}

/// Checks the licence: the local key answers while it is fresh and lists this
/// installation (unless `force`), otherwise `post` sends the request form to the server.
pub fn check(
    request: &CheckRequest<'_>,
    post: impl FnOnce(&[(&str, &str)]) -> RemoteOutcome,
) -> CheckResult {
    let settings = request.settings;
    let usable_key = request
        .local_key
        .and_then(|key| decode_for(key, request.installation, &settings.secret).ok())
        .filter(|(_, answer)| answer.lists_installation());
    let usable_key = match usable_key {
        Some((checkdate, answer))
            if !request.force
                && is_fresh(
                    &checkdate,
                    request.today,
                    u64::from(settings.local_key_days),
                ) =>
        {
            return answer;
        }
        other => other,
    };

    let form = request_form(
        request.licence_key,
        request.installation,
        request.check_token,
    );
    let reason = match post(&form) {
        RemoteOutcome::Reply(body) => {
            let reply = Reply::parse(&body);
            if reply.status().is_some() {
                return server_answer(request, reply);
            }
            "the licensing server's reply has no status (is the server URL right?)".to_owned()
        }
        RemoteOutcome::Unreachable(reason) => reason,
    };

    let grace_days = u64::from(settings.local_key_days) + u64::from(settings.check_fail_days);
    let answer = match usable_key {
        Some((checkdate, answer)) if is_fresh(&checkdate, request.today, grace_days) => {
            CheckResult {
                source: Source::Grace,
                ..answer
            }
        }
        _ => CheckResult {
            unreachable: true,
            ..CheckResult::invalid("Remote Check Failed", Source::Server, request.installation)
        },
    };
    CheckResult {
        remote_error: Some(reason),
        ..answer
    }
}

/// What the local key says by itself, without the server (for `licence status`): its
/// answer while it is fresh and lists this installation, else Invalid saying why;
/// `Unchecked` when there is no local key.
pub fn from_cache(
    local_key: Option<&str>,
    installation: &Installation,
    settings: &Settings,
    today: NaiveDate,
) -> CheckResult {
    let Some(local_key) = local_key else {
        return CheckResult {
            status: UNCHECKED.to_owned(),
            ..CheckResult::invalid(
                "no licence check has been made yet",
                Source::Cache,
                installation,
            )
        };
    };
    let (checkdate, answer) = match decode_for(local_key, installation, &settings.secret) {
        Ok(decoded) => decoded,
        Err(error) => {
            return CheckResult::invalid(&error.to_string(), Source::Cache, installation);
        }
    };
    let refusal = if !answer.lists_installation() {
        "the local key does not list this installation's domain, IP address and directory"
            .to_owned()
    } else if !is_fresh(&checkdate, today, u64::from(settings.local_key_days)) {
        format!(
            "the local key from {checkdate} is older than {} days",
            settings.local_key_days
        )
    } else {
        return answer;
    };
    CheckResult {
        status: "Invalid".to_owned(),
        message: Some(refusal),
        signed: false,
        ..answer
    }
}

/// The local key's check date and its answer for this installation: a signed Active
/// answer, the only kind a local key is made of.
fn decode_for(
    local_key: &str,
    installation: &Installation,
    secret: &str,
) -> Result<(String, CheckResult), local_key::LocalKeyError> {
    let key = local_key::decode(local_key, secret)?;
    let answer = CheckResult {
        signed: true,
        ..CheckResult::from_results(key.results, Source::Cache, installation)
    };
    Ok((key.checkdate, answer))
}

/// The Licensing Addon's freshness test: `checkdate > date("Ymd", today - days)`.
fn is_fresh(checkdate: &str, today: NaiveDate, days: u64) -> bool {
    today
        .checked_sub_days(Days::new(days))
        .is_none_or(|cutoff| checkdate > cutoff.format("%Y%m%d").to_string().as_str())
}

/// A reply that has a status. An Active answer counts only with the right `md5hash`,
/// and is cached. Any other status is the server's word with or without one (a Licensing
/// Addon server does not sign its Invalid answers): it is shown as sent and empties the
/// cache, which ends any grace. A wrong `md5hash` never counts, whatever the status:
/// "MD5 Checksum Verification Failed", and nothing changes.
fn server_answer(request: &CheckRequest<'_>, reply: Reply) -> CheckResult {
    let installation = request.installation;
    let secret = &request.settings.secret;
    let active = reply.status() == Some("Active");
    let signature = signature(&reply, secret, request.check_token);
    if signature == Signature::Wrong || (active && signature == Signature::Missing) {
        return CheckResult::invalid(
            "MD5 Checksum Verification Failed",
            Source::Server,
            installation,
        );
    }
    let new_local_key = active.then(|| {
        let checkdate = request.today.format("%Y%m%d").to_string();
        local_key::encode(reply.as_pairs(), &checkdate, secret)
    });
    CheckResult {
        new_local_key,
        clear_cache: !active,
        signed: signature == Signature::Valid,
        ..CheckResult::from_results(reply, Source::Server, installation)
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    const SECRET: &str = "vendor-secret-42";
    const TOKEN: &str = "1795334400a1b2c3d4e5f60718293a4b5c6d7e8f9";
    const MD5HASH: &str = "183ac9ec95f6c2de2da8c3ed7496c91f";
    const ACTIVE: &str = include_str!("../../tests/fixtures/licensing/reply-active.txt");
    const DOMAIN_INVALID: &str =
        include_str!("../../tests/fixtures/licensing/reply-domain-invalid.txt");
    const SUSPENDED: &str = include_str!("../../tests/fixtures/licensing/reply-suspended.txt");
    const UNKNOWN_KEY: &str = include_str!("../../tests/fixtures/licensing/reply-unknown-key.txt");

    fn installation() -> Installation {
        Installation {
            domain: "www.billing.example.net".into(),
            ip: "203.0.113.10".into(),
            directory: "/var/www/whmcs/modules/addons/netflow_manager".into(),
        }
    }

    fn settings() -> Settings {
        Settings {
            secret: SECRET.into(),
            ..Settings::default()
        }
    }

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a test date")
    }

    /// A local key of the Active fixture reply, checked on `checkdate` (YYYYMMDD).
    fn key_checked_on(checkdate: &str) -> String {
        local_key::encode(Reply::parse(ACTIVE).as_pairs(), checkdate, SECRET)
    }

    /// Runs a check on `today` with `local_key`; the server answers `outcome`, and the
    /// number of requests it received is returned with the result.
    fn run(
        today: &str,
        local_key: Option<&str>,
        force: bool,
        installation: &Installation,
        outcome: RemoteOutcome,
    ) -> (CheckResult, usize) {
        let settings = settings();
        let request = CheckRequest {
            licence_key: "NFM-0001",
            installation,
            settings: &settings,
            today: date(today),
            local_key,
            force,
            check_token: TOKEN,
        };
        let calls = Cell::new(0);
        let result = check(&request, |form| {
            calls.set(calls.get() + 1);
            assert_eq!(form, request_form("NFM-0001", installation, TOKEN));
            outcome
        });
        (result, calls.get())
    }

    fn reply(body: &str) -> RemoteOutcome {
        RemoteOutcome::Reply(body.to_owned())
    }

    fn down() -> RemoteOutcome {
        RemoteOutcome::Unreachable("connection refused".to_owned())
    }

    #[test]
    fn a_fresh_local_key_answers_without_the_server() {
        let key = key_checked_on("20261122");
        let (result, calls) = run("2026-12-06", Some(&key), false, &installation(), down());
        assert_eq!(calls, 0);
        assert_eq!(result.status, "Active");
        assert_eq!(result.source, Source::Cache);
        assert_eq!(result.results.get("registeredname"), Some("Jane Operator"));
        assert_eq!(result.new_local_key, None);
        assert!(result.signed, "a local key holds only signed answers");
        assert!(!result.clear_cache && !result.unreachable);
        assert_eq!(
            result.domain,
            IdentityMatch {
                installation: "www.billing.example.net".into(),
                licensed: vec![
                    "billing.example.net".into(),
                    "www.billing.example.net".into()
                ],
                matches: true,
            }
        );
        assert!(result.lists_installation());
    }

    #[test]
    fn a_key_exactly_local_key_days_old_is_not_fresh() {
        let key = key_checked_on("20261122");
        let (result, calls) = run(
            "2026-12-07",
            Some(&key),
            false,
            &installation(),
            reply(ACTIVE),
        );
        assert_eq!(calls, 1);
        assert_eq!(result.source, Source::Server);
    }

    #[test]
    fn an_expired_cache_asks_the_server_and_gets_a_new_key() {
        let key = key_checked_on("20261101");
        let (result, calls) = run(
            "2026-12-07",
            Some(&key),
            false,
            &installation(),
            reply(ACTIVE),
        );
        assert_eq!(calls, 1);
        assert_eq!(result.status, "Active");
        assert_eq!(result.source, Source::Server);
        assert!(result.signed);
        assert!(!result.clear_cache && !result.unreachable);
        assert_eq!(result.remote_error, None);
        let new_key = result.new_local_key.expect("an Active answer is cached");
        let decoded = local_key::decode(&new_key, SECRET).expect("the new key decodes");
        assert_eq!(decoded.checkdate, "20261207");
        assert_eq!(decoded.results, Reply::parse(ACTIVE));
        assert_eq!(new_key, key_checked_on("20261207"));
    }

    #[test]
    fn force_asks_the_server_even_with_a_fresh_key() {
        let key = key_checked_on("20261122");
        let (result, calls) = run(
            "2026-11-23",
            Some(&key),
            true,
            &installation(),
            reply(ACTIVE),
        );
        assert_eq!(calls, 1);
        assert_eq!(result.source, Source::Server);
        assert!(result.new_local_key.is_some());
    }

    #[test]
    fn a_key_for_another_domain_asks_the_server() {
        let key = key_checked_on("20261122");
        let moved = Installation {
            domain: "other.example.net".into(),
            ..installation()
        };
        let (result, calls) = run(
            "2026-11-23",
            Some(&key),
            false,
            &moved,
            reply(DOMAIN_INVALID),
        );
        assert_eq!(calls, 1);
        assert_eq!(result.status, "Invalid");
        assert_eq!(result.message.as_deref(), Some("Domain Invalid"));
        assert_eq!(result.source, Source::Server);
        assert!(
            !result.signed,
            "a real server does not sign Invalid answers"
        );
        assert!(result.clear_cache);
        assert_eq!(result.new_local_key, None);
        assert!(!result.domain.matches && result.domain.licensed.is_empty());
    }

    #[test]
    fn a_key_for_another_ip_or_directory_asks_the_server() {
        let key = key_checked_on("20261122");
        for moved in [
            Installation {
                ip: "198.51.100.7".into(),
                ..installation()
            },
            Installation {
                directory: "/srv/whmcs".into(),
                ..installation()
            },
        ] {
            let (_, calls) = run("2026-11-23", Some(&key), false, &moved, reply(UNKNOWN_KEY));
            assert_eq!(calls, 1);
        }
    }

    #[test]
    fn a_corrupt_key_asks_the_server() {
        let key = key_checked_on("20261122").replacen('A', "B", 1);
        let (result, calls) = run(
            "2026-11-23",
            Some(&key),
            false,
            &installation(),
            reply(ACTIVE),
        );
        assert_eq!(calls, 1);
        assert_eq!(result.source, Source::Server);
    }

    #[test]
    fn an_active_answer_for_other_lists_reports_each_mismatch() {
        let moved = Installation {
            directory: "/srv/whmcs".into(),
            ..installation()
        };
        let (result, _) = run("2026-12-07", None, false, &moved, reply(ACTIVE));
        assert_eq!(result.status, "Active");
        assert_eq!(result.source, Source::Server);
        assert!(result.domain.matches && result.ip.matches);
        assert!(!result.directory.matches);
        assert_eq!(result.directory.installation, "/srv/whmcs");
        assert_eq!(
            result.directory.licensed,
            ["/var/www/whmcs/modules/addons/netflow_manager"]
        );
        assert!(!result.lists_installation());
    }

    #[test]
    fn non_active_answers_signed_or_not_are_taken_as_sent_and_clear_the_cache() {
        let expired = format!("<status>Expired</status><md5hash>{MD5HASH}</md5hash>");
        let signed_invalid = format!("{DOMAIN_INVALID}<md5hash>{MD5HASH}</md5hash>");
        let unsigned_suspended = SUSPENDED.replace(&format!("<md5hash>{MD5HASH}</md5hash>"), "");
        for (body, status, message, registered_name, signed) in [
            (UNKNOWN_KEY, "Invalid", None, None, false),
            (
                DOMAIN_INVALID,
                "Invalid",
                Some("Domain Invalid"),
                None,
                false,
            ),
            (
                signed_invalid.as_str(),
                "Invalid",
                Some("Domain Invalid"),
                None,
                true,
            ),
            (SUSPENDED, "Suspended", None, Some("Jane Operator"), true),
            (
                unsigned_suspended.as_str(),
                "Suspended",
                None,
                Some("Jane Operator"),
                false,
            ),
            (expired.as_str(), "Expired", None, None, true),
        ] {
            let key = key_checked_on("20261101");
            let (result, _) = run(
                "2026-12-07",
                Some(&key),
                false,
                &installation(),
                reply(body),
            );
            assert_eq!(result.status, status, "{body}");
            assert_eq!(result.source, Source::Server);
            assert_eq!(result.message.as_deref(), message);
            assert_eq!(result.results.get("registeredname"), registered_name);
            assert_eq!(result.signed, signed, "{body}");
            assert_eq!(result.new_local_key, None);
            assert!(result.clear_cache && !result.unreachable);
        }
    }

    #[test]
    fn a_status_it_does_not_know_is_not_active_and_shown_as_sent() {
        let key = key_checked_on("20261101");
        let body = "<status>Pending</status><message>Awaiting payment</message>";
        let (result, _) = run(
            "2026-12-07",
            Some(&key),
            false,
            &installation(),
            reply(body),
        );
        assert_eq!(result.status, "Pending");
        assert_eq!(result.message.as_deref(), Some("Awaiting payment"));
        assert!(result.clear_cache && !result.signed);
    }

    #[test]
    fn an_unsigned_invalid_ends_grace() {
        // Past local_key_days, within the grace: the server's Invalid wins over the key.
        let key = key_checked_on("20261122");
        let (result, calls) = run(
            "2026-12-08",
            Some(&key),
            false,
            &installation(),
            reply(UNKNOWN_KEY),
        );
        assert_eq!(calls, 1);
        assert_eq!(result.status, "Invalid");
        assert_eq!(result.source, Source::Server);
        assert!(result.clear_cache && !result.signed);
        // With the key dropped as told, an unreachable server the next day is no answer.
        let (result, _) = run("2026-12-09", None, false, &installation(), down());
        assert_remote_check_failed(&result, "connection refused");
    }

    #[test]
    fn a_wrong_or_missing_md5hash_is_never_active() {
        let wrong = ACTIVE.replace(MD5HASH, "00000000000000000000000000000000");
        let missing = ACTIVE.replace(&format!("<md5hash>{MD5HASH}</md5hash>"), "");
        let wrong_invalid = format!("{UNKNOWN_KEY}<md5hash>{}</md5hash>", "0".repeat(32));
        let wrong_suspended = SUSPENDED.replace(MD5HASH, &MD5HASH.to_uppercase());
        for body in [wrong, missing, wrong_invalid, wrong_suspended] {
            let key = key_checked_on("20261101");
            let (result, _) = run(
                "2026-12-07",
                Some(&key),
                false,
                &installation(),
                reply(&body),
            );
            assert_eq!(result.status, "Invalid");
            assert_eq!(
                result.message.as_deref(),
                Some("MD5 Checksum Verification Failed")
            );
            assert_eq!(result.source, Source::Server);
            assert_eq!(result.results, Reply::default());
            assert_eq!(result.new_local_key, None);
            assert!(!result.signed);
            assert!(!result.clear_cache && !result.unreachable, "{body}");
        }
    }

    #[test]
    fn an_unreachable_server_is_covered_by_a_key_in_grace() {
        let key = key_checked_on("20261122");
        let (result, calls) = run("2026-12-11", Some(&key), false, &installation(), down());
        assert_eq!(calls, 1);
        assert_eq!(result.status, "Active");
        assert_eq!(result.source, Source::Grace);
        assert_eq!(result.remote_error.as_deref(), Some("connection refused"));
        assert!(result.signed);
        assert!(!result.unreachable && !result.clear_cache);
        assert_eq!(result.new_local_key, None);
    }

    #[test]
    fn force_still_falls_back_to_a_key_in_grace() {
        let key = key_checked_on("20261122");
        let (result, _) = run("2026-11-23", Some(&key), true, &installation(), down());
        assert_eq!(result.source, Source::Grace);
        assert_eq!(result.status, "Active");
    }

    #[test]
    fn past_grace_an_unreachable_server_fails_the_check() {
        let key = key_checked_on("20261122");
        let (result, _) = run("2026-12-12", Some(&key), false, &installation(), down());
        assert_remote_check_failed(&result, "connection refused");
    }

    #[test]
    fn without_a_key_an_unreachable_server_fails_the_check() {
        let (result, _) = run("2026-12-12", None, false, &installation(), down());
        assert_remote_check_failed(&result, "connection refused");
    }

    #[test]
    fn a_key_for_another_installation_gives_no_grace() {
        let key = key_checked_on("20261122");
        let moved = Installation {
            ip: "198.51.100.7".into(),
            ..installation()
        };
        let (result, _) = run("2026-11-23", Some(&key), false, &moved, down());
        assert_remote_check_failed(&result, "connection refused");
    }

    #[test]
    fn a_reply_without_status_counts_as_no_answer() {
        let junk = "<html><body>Service Unavailable</body></html>";
        let reason = "the licensing server's reply has no status (is the server URL right?)";
        let (result, _) = run("2026-12-12", None, false, &installation(), reply(junk));
        assert_remote_check_failed(&result, reason);

        let key = key_checked_on("20261122");
        let (result, _) = run(
            "2026-12-11",
            Some(&key),
            false,
            &installation(),
            reply(junk),
        );
        assert_eq!(result.source, Source::Grace);
        assert_eq!(result.remote_error.as_deref(), Some(reason));
    }

    fn assert_remote_check_failed(result: &CheckResult, reason: &str) {
        assert_eq!(result.status, "Invalid");
        assert_eq!(result.message.as_deref(), Some("Remote Check Failed"));
        assert_eq!(result.source, Source::Server);
        assert!(result.unreachable && !result.signed);
        assert_eq!(result.remote_error.as_deref(), Some(reason));
        assert_eq!(result.results, Reply::default());
        assert_eq!(result.new_local_key, None);
        assert!(!result.clear_cache);
    }

    #[test]
    fn keeps_the_servers_message() {
        let body = format!(
            "<status>Active</status><message>Renew soon</message><md5hash>{MD5HASH}</md5hash>"
        );
        let (result, _) = run("2026-12-07", None, false, &installation(), reply(&body));
        assert_eq!(result.message.as_deref(), Some("Renew soon"));
    }

    #[test]
    fn grace_boundaries_follow_local_key_days_plus_check_fail_days() {
        let settings = Settings {
            secret: SECRET.into(),
            local_key_days: 1,
            check_fail_days: 0,
        };
        let key = key_checked_on("20261122");
        let request = CheckRequest {
            licence_key: "NFM-0001",
            installation: &installation(),
            settings: &settings,
            today: date("2026-11-23"),
            local_key: Some(&key),
            force: false,
            check_token: TOKEN,
        };
        let result = check(&request, |_| down());
        assert!(result.unreachable, "one day old is past a one-day key");
        let result = check(
            &CheckRequest {
                today: date("2026-11-22"),
                ..request
            },
            |_| down(),
        );
        assert_eq!(result.source, Source::Cache);
    }

    #[test]
    fn from_cache_answers_only_with_a_fresh_key_for_this_installation() {
        let settings = settings();
        let key = key_checked_on("20261122");
        let fresh = from_cache(Some(&key), &installation(), &settings, date("2026-12-06"));
        assert_eq!(fresh.status, "Active");
        assert_eq!(fresh.source, Source::Cache);
        assert!(fresh.signed);

        let stale = from_cache(Some(&key), &installation(), &settings, date("2026-12-07"));
        assert_eq!(stale.status, "Invalid");
        assert_eq!(
            stale.message.as_deref(),
            Some("the local key from 20261122 is older than 15 days")
        );
        assert_eq!(stale.results.get("registeredname"), Some("Jane Operator"));

        let moved = Installation {
            domain: "other.example.net".into(),
            ..installation()
        };
        let elsewhere = from_cache(Some(&key), &moved, &settings, date("2026-12-06"));
        assert_eq!(elsewhere.status, "Invalid");
        assert!(!elsewhere.domain.matches && elsewhere.ip.matches);

        let none = from_cache(None, &installation(), &settings, date("2026-12-06"));
        assert_eq!(none.status, UNCHECKED);
        assert_eq!(
            none.message.as_deref(),
            Some("no licence check has been made yet")
        );
        assert_eq!(none.results, Reply::default());

        let other_secret = Settings {
            secret: "another".into(),
            ..settings
        };
        let corrupt = from_cache(
            Some(&key),
            &installation(),
            &other_secret,
            date("2026-12-06"),
        );
        assert_eq!(corrupt.status, "Invalid");
        assert!(
            corrupt
                .message
                .as_deref()
                .is_some_and(|message| message.contains("corrupt or was made with another secret"))
        );
        for result in [stale, elsewhere, none, corrupt] {
            assert_eq!(result.source, Source::Cache);
            assert!(
                !result.signed,
                "the refusal is this tool's, not the server's"
            );
            assert!(!result.unreachable && !result.clear_cache);
            assert_eq!(result.new_local_key, None);
        }
    }

    #[test]
    fn settings_debug_hides_the_secret() {
        let shown = format!("{:?}", settings());
        assert!(!shown.contains(SECRET) && shown.contains("local_key_days: 15"));
    }

    #[test]
    fn source_serializes_as_the_json_contract_names() {
        let names: Vec<String> = [Source::Server, Source::Cache, Source::Grace]
            .iter()
            .map(|source| serde_json::to_string(source).expect("serializes"))
            .collect();
        assert_eq!(names, ["\"server\"", "\"cache\"", "\"grace\""]);
    }
}
