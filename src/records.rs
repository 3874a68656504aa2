//! Access-record fields: their validation and normal forms (SPEC 4), shared by
//! flags, CSV and JSON so every way in accepts exactly the same values. Pure.

use std::borrow::Cow;
use std::net::IpAddr;

use chrono::DateTime;

use crate::escape::{self, quoted};
use crate::whmcs::rules::DisabledBy;

/// A record's columns in CSV and JSON, as export writes them with passwords and
/// import reads them (`effective_url` is output only: import ignores it).
pub const COLUMNS: &[&str] = &[
    "service_id",
    "client_id",
    "username",
    "password",
    "url",
    "effective_url",
    "group",
    "ip_address",
    "notes",
    "enabled",
    "disabled_by",
    "created_at",
    "updated_at",
];

/// The column a CSV header name or JSON key stands for, if import understands
/// it: matched in any case, blanks around it ignored (`" Service_ID "`).
pub fn import_column(name: &str) -> Option<&'static str> {
    let name = name.trim();
    COLUMNS
        .iter()
        .find(|c| c.eq_ignore_ascii_case(name))
        .copied()
}

/// The known column an unknown name most likely meant: the one it is a prefix
/// of (`ip` → `ip_address`), else the nearest within two or three typing
/// mistakes (`grp` → `group`, `user name` → `username`); `None` when nothing is
/// close.
pub fn closest_column(name: &str) -> Option<&'static str> {
    let name = name.trim().to_ascii_lowercase();
    if name.len() < 2 || name.len() > 64 {
        return None;
    }
    let mut prefixed = COLUMNS.iter().filter(|c| c.starts_with(name.as_str()));
    if let (Some(only), None) = (prefixed.next(), prefixed.next()) {
        return Some(only);
    }
    let allowed = match name.chars().count() {
        0..=2 => return None,
        3..=5 => 2,
        _ => 3,
    };
    COLUMNS
        .iter()
        .map(|c| (edit_distance(&name, c), *c))
        .filter(|(d, _)| *d <= allowed)
        // Between equals, a name's first letter is rarely the mistake.
        .min_by_key(|(d, c)| (*d, c.as_bytes()[0] != name.as_bytes()[0]))
        .map(|(_, c)| c)
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

pub const MAX_USERNAME: usize = 64;
const MAX_GROUP: usize = 128;
const MAX_NOTES: usize = 10_000;
const MAX_PASSWORD: usize = 1_024;

/// A billing service or client ID: a positive integer.
pub fn id(text: &str) -> Result<i64, String> {
    let t = text.trim();
    match t.parse::<i64>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("must be a positive integer, not {}", quoted(t))),
    }
}

/// A service ID given on the command line; the error is a data error (65).
pub fn service_arg(text: &str) -> anyhow::Result<i64> {
    id(text)
        .map_err(|why| crate::error::fail(crate::error::Exit::DataErr, format!("service ID {why}")))
}

pub fn username(text: &str) -> Result<Cow<'_, str>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("must not be empty".to_owned());
    }
    if longer_than(t, MAX_USERNAME) {
        return Err(format!("must be at most {MAX_USERNAME} characters"));
    }
    no_control(t)?;
    no_invisible(t)?;
    Ok(Cow::Borrowed(t))
}

pub fn password(text: &str) -> Result<Cow<'_, str>, String> {
    if longer_than(text, MAX_PASSWORD) {
        return Err(format!("must be at most {MAX_PASSWORD} characters"));
    }
    no_control(text)?;
    Ok(Cow::Borrowed(text))
}

/// Empty (the default applies) or an absolute http(s) URL.
pub fn url(text: &str) -> Result<Cow<'_, str>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(Cow::Borrowed(""));
    }
    crate::settings::http_url(t).map(Cow::Owned)
}

pub fn group(text: &str) -> Result<Cow<'_, str>, String> {
    let t = text.trim();
    if longer_than(t, MAX_GROUP) {
        return Err(format!("must be at most {MAX_GROUP} characters"));
    }
    no_control(t)?;
    no_invisible(t)?;
    Ok(Cow::Borrowed(t))
}

pub fn notes(text: &str) -> Result<Cow<'_, str>, String> {
    if longer_than(text, MAX_NOTES) {
        return Err(format!("must be at most {MAX_NOTES} characters"));
    }
    if text.contains('\0') {
        return Err("must not contain NUL characters".to_owned());
    }
    Ok(Cow::Borrowed(text))
}

/// Who disabled a record: `admin`, `whmcs`, or empty.
pub fn disabled_by(text: &str) -> Result<Option<DisabledBy>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    DisabledBy::parse(&t.to_ascii_lowercase())
        .map(Some)
        .ok_or_else(|| format!("must be admin, whmcs or empty, not {}", quoted(t)))
}

pub fn enabled(text: &str) -> Result<bool, String> {
    if text.trim().is_empty() {
        return Ok(true);
    }
    crate::settings::parse_bool(text).ok_or_else(|| {
        format!(
            "must be true/false, yes/no or 1/0, not {}",
            quoted(text.trim())
        )
    })
}

/// An RFC 3339 time, as Unix seconds.
pub fn timestamp(text: &str) -> Result<i64, String> {
    DateTime::parse_from_rfc3339(text.trim())
        .map(|t| t.timestamp())
        .map_err(|_| format!("must be an RFC 3339 time, not {}", quoted(text.trim())))
}

/// An IP address, a CIDR network (stored as its network address) or an `a-b`
/// range of one family with a ≤ b; empty is allowed.
pub fn ip_address(text: &str) -> Result<Cow<'_, str>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(Cow::Borrowed(""));
    }
    let bad = || {
        format!(
            "must be an IP address, CIDR network or a-b range, not {}",
            quoted(t)
        )
    };
    if let Some((addr, prefix)) = t.split_once('/') {
        let addr: IpAddr = addr.trim().parse().map_err(|_| bad())?;
        let prefix: u8 = prefix.trim().parse().map_err(|_| bad())?;
        return network(addr, prefix).map(Cow::Owned).ok_or_else(bad);
    }
    if let Some((a, b)) = t.split_once('-') {
        let a: IpAddr = a.trim().parse().map_err(|_| bad())?;
        let b: IpAddr = b.trim().parse().map_err(|_| bad())?;
        if a.is_ipv4() != b.is_ipv4() {
            return Err(format!("range {} mixes IPv4 and IPv6", quoted(t)));
        }
        if a > b {
            return Err(format!("range {} ends before it starts", quoted(t)));
        }
        return Ok(Cow::Owned(format!("{a}-{b}")));
    }
    match t.parse::<IpAddr>() {
        // The IPv4 parser accepts only the canonical dotted quad: no need to reformat.
        Ok(IpAddr::V4(_)) => Ok(Cow::Borrowed(t)),
        Ok(a) => Ok(Cow::Owned(a.to_string())),
        Err(_) => Err(bad()),
    }
}

fn network(addr: IpAddr, prefix: u8) -> Option<String> {
    match addr {
        IpAddr::V4(a) if prefix <= 32 => {
            let mask = u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0);
            Some(format!(
                "{}/{prefix}",
                std::net::Ipv4Addr::from(u32::from(a) & mask)
            ))
        }
        IpAddr::V6(a) if prefix <= 128 => {
            let mask = u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0);
            Some(format!(
                "{}/{prefix}",
                std::net::Ipv6Addr::from(u128::from(a) & mask)
            ))
        }
        _ => None,
    }
}

/// More than `max` characters; a string of at most `max` bytes never is.
fn longer_than(text: &str, max: usize) -> bool {
    text.len() > max && text.chars().count() > max
}

fn no_control(text: &str) -> Result<(), String> {
    // Printable ASCII (the usual case) is checked byte by byte; anything else by char.
    let printable_ascii = text.bytes().all(|b| (0x20..0x7f).contains(&b));
    if !printable_ascii && text.chars().any(char::is_control) {
        return Err("must not contain control characters".to_owned());
    }
    Ok(())
}

/// Bidi controls and zero-width characters make a name look like another one.
fn no_invisible(text: &str) -> Result<(), String> {
    if text.is_ascii() {
        return Ok(());
    }
    match text.chars().find(|c| escape::is_invisible(*c)) {
        Some(c) => Err(format!(
            "must not contain bidi-control or zero-width characters (found {})",
            escape::escape_char(c)
        )),
        None => Ok(()),
    }
}

/// A validated record as it arrives (flags, CSV or JSON), borrowing from the input. `None` fields were
/// not given: on insert they take their defaults, on update they stay as they are.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fields<'a> {
    pub client_id: Option<Option<i64>>,
    pub username: Option<Cow<'a, str>>,
    /// `Some(None)`: no password / clear it.
    pub password: Option<Option<Cow<'a, str>>>,
    pub url: Option<Cow<'a, str>>,
    pub group: Option<Cow<'a, str>>,
    pub ip_address: Option<Cow<'a, str>>,
    pub notes: Option<Cow<'a, str>>,
    pub enabled: Option<bool>,
    /// `Some(None)`: given empty (an enabled record, or the default `admin`).
    pub disabled_by: Option<Option<DisabledBy>>,
    pub created_at: Option<i64>,
    pub updated_at: Option<i64>,
}

/// A field that failed validation: the column and why.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    pub column: String,
    pub reason: String,
}

/// Validates one row of (column, value) pairs; `None` values are JSON nulls.
/// Returns the service ID and fields, or every problem of the row.
pub fn validate_row<'a>(
    cells: impl IntoIterator<Item = (&'a str, Option<&'a str>)>,
) -> Result<(i64, Fields<'a>), Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut service = None;
    let mut f = Fields::default();
    let mut check = |column: &str, result: Result<(), String>| {
        if let Err(reason) = result {
            errors.push(FieldError {
                column: column.to_owned(),
                reason,
            });
        }
    };
    for (column, value) in cells {
        let v = value.unwrap_or("");
        match column {
            "service_id" => check(column, id(v).map(|n| service = Some(n))),
            "client_id" => check(
                column,
                if v.trim().is_empty() {
                    f.client_id = Some(None);
                    Ok(())
                } else {
                    id(v).map(|n| f.client_id = Some(Some(n)))
                },
            ),
            "username" => check(column, username(v).map(|u| f.username = Some(u))),
            "password" => check(
                column,
                if v.is_empty() {
                    f.password = Some(None);
                    Ok(())
                } else {
                    password(v).map(|p| f.password = Some(Some(p)))
                },
            ),
            "url" => check(column, url(v).map(|u| f.url = Some(u))),
            "group" => check(column, group(v).map(|g| f.group = Some(g))),
            "ip_address" => check(column, ip_address(v).map(|a| f.ip_address = Some(a))),
            "notes" => check(column, notes(v).map(|n| f.notes = Some(n))),
            "enabled" => check(column, enabled(v).map(|e| f.enabled = Some(e))),
            "disabled_by" => check(column, disabled_by(v).map(|d| f.disabled_by = Some(d))),
            "created_at" if !v.trim().is_empty() => {
                check(column, timestamp(v).map(|t| f.created_at = Some(t)));
            }
            "updated_at" if !v.trim().is_empty() => {
                check(column, timestamp(v).map(|t| f.updated_at = Some(t)));
            }
            _ => {}
        }
    }
    if f.enabled == Some(true) && matches!(f.disabled_by, Some(Some(_))) {
        errors.push(FieldError {
            column: "disabled_by".to_owned(),
            reason: "must be empty for an enabled record".to_owned(),
        });
    }
    if service.is_none() && !errors.iter().any(|e| e.column == "service_id") {
        errors.push(FieldError {
            column: "service_id".to_owned(),
            reason: "is required".to_owned(),
        });
    }
    if f.username.is_none() && !errors.iter().any(|e| e.column == "username") {
        errors.push(FieldError {
            column: "username".to_owned(),
            reason: "is required".to_owned(),
        });
    }
    match service {
        Some(s) if errors.is_empty() => Ok((s, f)),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ip_forms_are_normalised() {
        assert_eq!(ip_address("2001:DB8:0:0::1").unwrap(), "2001:db8::1");
        assert_eq!(ip_address(" 192.0.2.7 ").unwrap(), "192.0.2.7");
        assert_eq!(ip_address("192.0.2.77/24").unwrap(), "192.0.2.0/24");
        assert_eq!(ip_address("2001:db8::1/32").unwrap(), "2001:db8::/32");
        assert_eq!(ip_address("0.0.0.0/0").unwrap(), "0.0.0.0/0");
        assert_eq!(
            ip_address("192.0.2.1 - 192.0.2.9").unwrap(),
            "192.0.2.1-192.0.2.9"
        );
        for bad in [
            "192.0.2.300",
            "192.0.2.0/33",
            "10.0.0.9-10.0.0.1",
            "10.0.0.1-::1",
            "host",
        ] {
            assert!(ip_address(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ids_are_positive_integers() {
        assert_eq!(id("42").unwrap(), 42);
        for bad in ["0", "-3", "4.5", "x", ""] {
            assert!(id(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn usernames_are_bounded_and_printable() {
        assert_eq!(username(" alice ").unwrap(), "alice");
        assert!(username("").is_err());
        assert!(username(&"a".repeat(65)).is_err());
        assert!(username(&"a".repeat(64)).is_ok());
        assert!(username("al\tice").is_err());
    }

    #[test]
    fn control_characters_are_refused_in_any_script() {
        assert!(username("jürgen").is_ok());
        assert!(username("jür\u{0085}gen").is_err(), "a C1 control");
        assert!(group("grüppe\u{7f}").is_err());
        assert!(password("pässwörd\n").is_err());
        assert!(
            username(&"ü".repeat(64)).is_ok(),
            "64 characters, 128 bytes"
        );
        assert!(username(&"ü".repeat(65)).is_err());
    }

    #[test]
    fn names_refuse_bidi_and_zero_width_characters() {
        for bad in [
            "evil\u{202e}gpj.exe",
            "ad\u{200b}min",
            "\u{2066}x",
            "a\u{feff}",
        ] {
            assert!(username(bad).is_err(), "{bad:?}");
            assert!(group(bad).is_err(), "{bad:?}");
        }
        let why = username("ad\u{200b}min").unwrap_err();
        assert!(why.contains("\\u{200b}"), "{why}");
        assert!(
            notes("a\u{202e}b").is_ok(),
            "notes keep any text; it is shown escaped"
        );
    }

    #[test]
    fn bad_values_are_quoted_short_in_messages() {
        let why = id(&"9x".repeat(100_000)).unwrap_err();
        assert!(why.len() < 120, "{why}");
        let why = ip_address("\u{1b}[2J").unwrap_err();
        assert!(why.contains("\\x1b[2J"), "{why}");
    }

    #[test]
    fn enabled_accepts_the_documented_spellings() {
        for (t, v) in [
            ("", true),
            ("YES", true),
            ("no", false),
            ("0", false),
            ("True", true),
        ] {
            assert_eq!(enabled(t).unwrap(), v, "{t}");
        }
        assert!(enabled("2").is_err());
    }

    #[test]
    fn a_row_reports_every_bad_field() {
        let errs = validate_row([
            ("service_id", Some("x")),
            ("username", Some("")),
            ("ip_address", Some("nope")),
        ])
        .unwrap_err();
        let cols: Vec<&str> = errs.iter().map(|e| e.column.as_str()).collect();
        assert_eq!(cols, ["service_id", "username", "ip_address"]);
    }

    #[test]
    fn column_names_match_in_any_case_and_trimmed() {
        assert_eq!(import_column(" Service_ID "), Some("service_id"));
        assert_eq!(import_column("GROUP"), Some("group"));
        assert_eq!(import_column("grp"), None);
    }

    #[test]
    fn an_unknown_column_names_the_closest_known_one() {
        for (typed, meant) in [
            ("grop", Some("group")),
            ("Grp", Some("group")),
            ("user name", Some("username")),
            ("ip", Some("ip_address")),
            ("passwort", Some("password")),
            ("service", Some("service_id")),
            ("enable", Some("enabled")),
            ("colour", None),
            ("x", None),
            ("u", None),
        ] {
            assert_eq!(closest_column(typed), meant, "{typed}");
        }
    }

    #[test]
    fn absent_columns_stay_unset() {
        let (id, f) = validate_row([("service_id", Some("7")), ("username", Some("u"))]).unwrap();
        assert_eq!(id, 7);
        assert_eq!(f.password, None);
        assert_eq!(f.enabled, None);
    }
}
