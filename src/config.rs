//! The config file (TOML, optional, every key defaulted) and the paths it and the
//! environment decide: store, key file, licensing wiring, installation identity.

use std::path::{Path, PathBuf};

use anyhow::Context;
use etcetera::BaseStrategy;
use serde::Deserialize;

use crate::error::{Exit, fail};
use crate::store::Location;

pub const KEY_VAR: &str = "NETFLOW_MANAGER_KEY";
pub const DB_PASSWORD_VAR: &str = "NETFLOW_MANAGER_DB_PASSWORD";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub store: StoreConfig,
    pub licensing: LicensingConfig,
    pub installation: InstallationConfig,
    pub whmcs: WhmcsConfig,
    pub netflow_analyzer: NetflowAnalyzerConfig,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StoreConfig {
    /// The SQLite store.
    pub path: Option<PathBuf>,
    /// A MySQL/MariaDB store, `mysql://USER@HOST[:PORT]/DATABASE`, instead.
    pub url: Option<String>,
    /// The MySQL password, on one line; or `NETFLOW_MANAGER_DB_PASSWORD`.
    pub password_file: Option<PathBuf>,
    /// Talk to the MySQL server over TLS only, its certificate checked
    /// against the public roots, or against `tls_ca_file` when set.
    pub tls: bool,
    /// The CA certificate (PEM) the MySQL server's certificate is checked
    /// against; implies `tls`.
    pub tls_ca_file: Option<PathBuf>,
    /// The 32-byte key file [default: next to a SQLite store, `<store stem>.key`].
    pub key_file: Option<PathBuf>,
    /// How long a command waits for another one holding the store.
    pub busy_timeout_ms: u64,
}

impl Default for StoreConfig {
    fn default() -> Self {
        StoreConfig {
            path: None,
            url: None,
            password_file: None,
            tls: false,
            tls_ca_file: None,
            key_file: None,
            busy_timeout_ms: 10_000,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LicensingConfig {
    /// The vendor's WHMCS installation, e.g. https://licensing.example.com
    pub server: Option<String>,
    /// The product's licensing secret (md5 checks and the local key).
    pub secret: String,
    pub timeout_secs: u64,
    pub local_key_days: u32,
    pub check_fail_days: u32,
}

impl Default for LicensingConfig {
    fn default() -> Self {
        LicensingConfig {
            server: None,
            secret: String::new(),
            timeout_secs: 10,
            local_key_days: 15,
            check_fail_days: 5,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct InstallationConfig {
    /// Default: the host name.
    pub domain: Option<String>,
    /// Default: the first non-loopback address.
    pub ip: Option<String>,
    /// Default: the store's directory.
    pub directory: Option<String>,
}

/// The WHMCS API that `whmcs sync` reads (SPEC 5.9).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WhmcsConfig {
    /// The WHMCS system URL, e.g. https://billing.example.com/
    pub url: Option<String>,
    /// The API credential's identifier.
    pub identifier: Option<String>,
    /// The API credential's secret; or `secret_file`, a file holding it.
    pub secret: Option<String>,
    pub secret_file: Option<PathBuf>,
    /// Sent as the API's `accesskey` when set.
    pub access_key: Option<String>,
    /// The products whose services should have a record (empty: all).
    pub product_ids: Vec<i64>,
    pub page_size: u32,
    pub timeout_secs: u64,
}

impl Default for WhmcsConfig {
    fn default() -> Self {
        WhmcsConfig {
            url: None,
            identifier: None,
            secret: None,
            secret_file: None,
            access_key: None,
            product_ids: Vec::new(),
            page_size: 250,
            timeout_secs: 30,
        }
    }
}

/// NetFlow Analyzer's IP Group API that `nfa push` writes to (SPEC 5.10).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NetflowAnalyzerConfig {
    /// NetFlow Analyzer's address, e.g. http://nfa.example.net:8080
    pub url: Option<String>,
    /// The REST API key; or `api_key_file`, a file holding it.
    pub api_key: Option<String>,
    pub api_key_file: Option<PathBuf>,
    pub timeout_secs: u64,
}

impl Default for NetflowAnalyzerConfig {
    fn default() -> Self {
        NetflowAnalyzerConfig {
            url: None,
            api_key: None,
            api_key_file: None,
            timeout_secs: 30,
        }
    }
}

/// A secret given inline or in a file (one line; a trailing newline is not
/// part of it). `what` names the setting for messages, which never show a value.
pub fn secret(
    inline: Option<&str>,
    file: Option<&Path>,
    what: &str,
) -> anyhow::Result<Option<String>> {
    match (inline, file) {
        (Some(_), Some(_)) => Err(fail(
            Exit::Config,
            format!("{what} and {what}_file are both set; keep one"),
        )),
        (Some(s), None) => Ok(Some(s.to_owned())),
        (None, Some(path)) => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                fail(
                    Exit::Config,
                    format!("cannot read {what}_file {}: {e}", path.display()),
                )
            })?;
            let line = text
                .strip_suffix('\n')
                .map(|t| t.strip_suffix('\r').unwrap_or(t))
                .unwrap_or(&text);
            if line.contains('\n') || line.is_empty() {
                return Err(fail(
                    Exit::Config,
                    format!(
                        "{what}_file {} must hold the secret on one line",
                        path.display()
                    ),
                ));
            }
            Ok(Some(line.to_owned()))
        }
        (None, None) => Ok(None),
    }
}

/// The config, and the file it came from (if any).
#[derive(Debug, Default)]
pub struct Loaded {
    pub config: Config,
    pub file: Option<PathBuf>,
}

/// Loads the config: `explicit` (from `--config` or the environment) must exist;
/// otherwise the XDG file, then /etc, each only if present.
pub fn load(explicit: Option<&Path>) -> anyhow::Result<Loaded> {
    let file = match explicit {
        Some(p) => {
            if !p.exists() {
                return Err(fail(
                    Exit::Config,
                    format!(
                        "config file {} does not exist (check --config or NETFLOW_MANAGER_CONFIG)",
                        p.display()
                    ),
                ));
            }
            Some(p.to_path_buf())
        }
        None => default_config_files().into_iter().find(|p| p.is_file()),
    };
    let Some(file) = file else {
        return Ok(Loaded::default());
    };
    let text = std::fs::read_to_string(&file).map_err(|e| {
        fail(
            Exit::Config,
            format!("cannot read config file {}: {e}", file.display()),
        )
    })?;
    let config = parse(&text).map_err(|msg| {
        fail(
            Exit::Config,
            format!("config file {}: {msg}", file.display()),
        )
    })?;
    Ok(Loaded {
        config,
        file: Some(file),
    })
}

/// Parses config text. An error is one line with the line and the key it is
/// about and what was expected, and never a value from the file: the file
/// holds the licensing secret, and any value could be it.
pub fn parse(text: &str) -> Result<Config, String> {
    let doc = toml::de::DeTable::parse(text).map_err(|e| problem(text, &e, e.message()))?;
    Config::deserialize(toml::de::Deserializer::from(doc))
        .map_err(|e| problem(text, &e, &without_values(e.message())))
}

/// `line L: key: what`, the key found from where the error points.
fn problem(text: &str, e: &toml::de::Error, what: &str) -> String {
    let Some(span) = e.span() else {
        return what.to_owned();
    };
    let at = span.start.min(text.len());
    let line = text.as_bytes()[..at]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1;
    let (doc, _) = toml::de::DeTable::parse_recoverable(text);
    let key = key_at(doc.get_ref(), at).or_else(|| {
        // A duplicate is left out of the document; the error points at its
        // name, in the table of the entry before it.
        let name = text.get(span)?.trim_matches(['"', '\'']);
        if !what.starts_with("duplicate key") || name.is_empty() {
            return None;
        }
        let mut path = entry_before(doc.get_ref(), at)?.1;
        path.pop();
        path.push(name.to_owned());
        Some(path)
    });
    match key {
        Some(key) => format!("line {line}: {}: {what}", key.join(".")),
        None => format!("line {line}: {what}"),
    }
}

/// The dotted path of the innermost key whose name or value covers byte `at`
/// (tables, inline tables, dotted keys and arrays of tables alike).
fn key_at(table: &toml::de::DeTable<'_>, at: usize) -> Option<Vec<String>> {
    use toml::de::DeValue;
    // A string cut off by the end of the file ends where the error is found.
    let covers = |span: std::ops::Range<usize>| span.start <= at && at <= span.end;
    for (key, value) in table.iter() {
        let inner = match value.get_ref() {
            DeValue::Table(t) => key_at(t, at),
            DeValue::Array(items) => items.iter().find_map(|item| match item.get_ref() {
                DeValue::Table(t) => key_at(t, at),
                _ => None,
            }),
            _ => None,
        };
        if let Some(mut path) = inner {
            path.insert(0, key.get_ref().to_string());
            return Some(path);
        }
        if covers(key.span()) || covers(value.span()) {
            return Some(vec![key.get_ref().to_string()]);
        }
    }
    None
}

/// The entry whose name starts last before byte `at`: its start and path.
fn entry_before(table: &toml::de::DeTable<'_>, at: usize) -> Option<(usize, Vec<String>)> {
    let mut best: Option<(usize, Vec<String>)> = None;
    for (key, value) in table.iter() {
        let name = key.get_ref().to_string();
        let start = key.span().start;
        if start <= at && best.as_ref().is_none_or(|(b, _)| start > *b) {
            best = Some((start, vec![name.clone()]));
        }
        if let toml::de::DeValue::Table(t) = value.get_ref()
            && let Some((s, mut path)) = entry_before(t, at)
            && best.as_ref().is_none_or(|(b, _)| s > *b)
        {
            path.insert(0, name);
            best = Some((s, path));
        }
    }
    best
}

/// serde's message with any value it quotes left out: what was expected stays.
fn without_values(message: &str) -> String {
    let expected = message
        .split_once(", expected ")
        .map(|(_, e)| e.replace('`', ""));
    if message.starts_with("unknown field") {
        let known = expected.unwrap_or_default();
        return format!(
            "unknown key (known: {})",
            known.strip_prefix("one of ").unwrap_or(&known)
        );
    }
    // These quote the key, never a value.
    if ["missing field", "duplicate field", "duplicate key"]
        .iter()
        .any(|p| message.starts_with(p))
    {
        return message.to_owned();
    }
    let what = if message.starts_with("invalid type") {
        "wrong type"
    } else {
        "invalid value"
    };
    match expected.as_deref() {
        Some("u64" | "u32") => format!("{what}, expected a whole number of 0 or more"),
        Some("path string") => format!("{what}, expected a string (a path)"),
        Some(e) if e.starts_with("struct ") => format!("{what}, expected a table"),
        Some(e) => format!("{what}, expected {e}"),
        None => what.to_owned(),
    }
}

/// The config files looked for, in order: the XDG one (`$XDG_CONFIG_HOME`, else
/// `$HOME/.config`), then /etc's. With neither variable set, as in a WHMCS hook
/// under php-fpm, which clears the environment, there is no XDG file to look for,
/// and no passwd lookup is made to find a home directory for one.
fn default_config_files() -> Vec<PathBuf> {
    let dir = |var: &str| {
        std::env::var_os(var)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    let xdg = dir("XDG_CONFIG_HOME").or_else(|| dir("HOME").map(|home| home.join(".config")));
    xdg.map(|base| base.join("netflow-manager/config.toml"))
        .into_iter()
        .chain([PathBuf::from("/etc/netflow-manager/config.toml")])
        .collect()
}

/// The store path: `--db`/`NETFLOW_MANAGER_DB`, else `store.path`, else the XDG data dir.
/// Where the store is: `--db` (or `NETFLOW_MANAGER_DB`), else `store.path` or
/// `store.url`, else the default file.
pub fn store_location(flag: Option<&Path>, config: &Config) -> anyhow::Result<Location> {
    if let Some(p) = flag {
        return Location::parse(p.as_os_str());
    }
    match (&config.store.path, &config.store.url) {
        (Some(_), Some(_)) => {
            return Err(fail(
                Exit::Config,
                "store.path and store.url are both set; keep one",
            ));
        }
        (Some(p), None) => return Ok(Location::File(p.clone())),
        (None, Some(url)) => return Location::parse(url.as_ref()),
        (None, None) => {}
    }
    let base = etcetera::choose_base_strategy()
        .context("cannot find the home directory; pass --db PATH or set NETFLOW_MANAGER_DB")
        .map_err(|e| fail(Exit::Config, format!("{e:#}")))?;
    Ok(Location::File(
        base.data_dir().join("netflow-manager/netflow.db"),
    ))
}

/// The password of a MySQL store: `store.password_file`, else
/// `NETFLOW_MANAGER_DB_PASSWORD`, else none.
pub fn db_password(config: &Config) -> anyhow::Result<Option<String>> {
    if let Some(p) = secret(
        None,
        config.store.password_file.as_deref(),
        "store.password",
    )? {
        return Ok(Some(p));
    }
    Ok(std::env::var(DB_PASSWORD_VAR).ok())
}

/// The key file: `store.key_file`, else `<store dir>/<store stem>.key`. A
/// MySQL store has no directory: its key file must be named.
pub fn key_path(store: &Location, config: &Config) -> anyhow::Result<PathBuf> {
    if let Some(p) = &config.store.key_file {
        return Ok(p.clone());
    }
    let store = match store {
        Location::File(p) => p,
        Location::Mysql(_) => {
            return Err(fail(
                Exit::Config,
                "a MySQL store needs its key file named: set store.key_file (the same key on every host) or NETFLOW_MANAGER_KEY",
            ));
        }
    };
    let stem = store
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "netflow".to_owned());
    Ok(store.with_file_name(format!("{stem}.key")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_a_default() {
        let c = parse("").unwrap();
        assert_eq!(c.licensing.local_key_days, 15);
        assert_eq!(c.licensing.check_fail_days, 5);
        assert!(c.store.path.is_none());
    }

    #[test]
    fn unknown_key_is_named_with_its_line() {
        let err =
            parse("[licensing]\nserver = \"https://l.example\"\nsecert = \"x\"\n").unwrap_err();
        assert!(
            err.contains("licensing.secert: unknown key (known: server, secret"),
            "{err}"
        );
        assert!(err.starts_with("line 3:"), "{err}");
    }

    /// Every way TOML can carry a wrong value, each with the line and key the
    /// error must name; the value must never appear.
    const WRONG: &[(&str, &str, &str)] = &[
        (
            "[licensing]\nsecret = 987654321\n",
            "line 2",
            "licensing.secret",
        ),
        (
            "licensing = { secret = 987654321 }\n",
            "line 1",
            "licensing.secret",
        ),
        (
            "licensing.secret = 987654321\n",
            "line 1",
            "licensing.secret",
        ),
        (
            "[licensing]\n  \"secret\" = 987654321\n",
            "line 2",
            "licensing.secret",
        ),
        (
            "[licensing]\n'secret' = 987654321\n",
            "line 2",
            "licensing.secret",
        ),
        (
            "[licensing]\nsecret = [\"987654321\"]\n",
            "line 2",
            "licensing.secret",
        ),
        (
            "[licensing]\nsecret = { v = \"987654321\" }\n",
            "line 2",
            "licensing.secret",
        ),
        (
            "[licensing]\nsecret = 987654321.5\n",
            "line 2",
            "licensing.secret",
        ),
        (
            "[licensing]\nsecret = 1987-06-05T04:32:10Z\n",
            "line 2",
            "licensing.secret",
        ),
        (
            "[licensing]\ntimeout_secs = \"987654321\"\n",
            "line 2",
            "licensing.timeout_secs",
        ),
        (
            "[licensing]\ntimeout_secs = \"\"\"\n987654321\n\"\"\"\n",
            "line 2",
            "licensing.timeout_secs",
        ),
        (
            "[licensing]\ntimeout_secs = '''987654321'''\n",
            "line 2",
            "licensing.timeout_secs",
        ),
        (
            "[licensing]\ntimeout_secs = -987654321\n",
            "line 2",
            "licensing.timeout_secs",
        ),
        (
            "[licensing]\nlocal_key_days = 987654321987\n",
            "line 2",
            "licensing.local_key_days",
        ),
        (
            "[licensing]\ncheck_fail_days = 987654321.0\n",
            "line 2",
            "licensing.check_fail_days",
        ),
        (
            "[licensing]\nserver = 987654321\n",
            "line 2",
            "licensing.server",
        ),
        (
            "licensing.server = [987654321]\n",
            "line 1",
            "licensing.server",
        ),
        ("[store]\npath = 987654321\n", "line 2", "store.path"),
        (
            "store = { key_file = true, path = \"x\" }\n",
            "line 1",
            "store.key_file",
        ),
        (
            "[store]\nbusy_timeout_ms = \"987654321\"\n",
            "line 2",
            "store.busy_timeout_ms",
        ),
        (
            "[installation]\ndomain = 987654321\n",
            "line 2",
            "installation.domain",
        ),
        (
            "installation.ip = { a = \"987654321\" }\n",
            "line 1",
            "installation.ip",
        ),
        (
            "[installation]\ndirectory = [\"987654321\"]\n",
            "line 2",
            "installation.directory",
        ),
        ("licensing = \"987654321\"\n", "line 1", "licensing"),
        ("[[store]]\npath = \"987654321\"\n", "line 1", "store"),
        (
            "\n\n[licensing]\nsecret = \"987654321\"\nsecert = \"987654321\"\n",
            "line 5",
            "licensing.secert",
        ),
        (
            "[licensing]\nsecret = \"987654321\"\nsecret = \"987654321\"\n",
            "line 3",
            "licensing.secret",
        ),
    ];

    #[test]
    fn errors_name_the_line_and_key_and_never_a_value() {
        for (text, line, key) in WRONG {
            let err = parse(text).unwrap_err();
            assert!(!err.contains("987654321"), "{text:?}: {err}");
            assert!(
                err.starts_with(&format!("{line}: {key}: ")),
                "{text:?}: {err}"
            );
            assert!(!err.contains('\n'), "{text:?}: {err}");
        }
    }

    #[test]
    fn a_syntax_error_names_its_line_and_key_without_the_text() {
        for (text, line) in [
            ("[licensing]\nsecret = \"987654321\n", "line 2"),
            ("[licensing]\nsecret = 987654321 x\n", "line 2"),
            (
                "[licensing]\nsecret = \"\"\"\n987654321 \\q\n\"\"\"\n",
                "line 3",
            ),
            ("[licensing]\nsecret = \"\\q987654321\"\n", "line 2"),
        ] {
            let err = parse(text).unwrap_err();
            assert!(!err.contains("987654321"), "{text:?}: {err}");
            assert!(
                err.starts_with(&format!("{line}: licensing.secret: ")),
                "{text:?}: {err}"
            );
        }
    }

    #[test]
    fn a_bad_api_key_is_never_echoed() {
        for text in [
            "[netflow_analyzer]\napi_key = 98765432\n",
            "[netflow_analyzer]\napi_key = [\"98765432\"]\n",
            "[netflow_analyzer]\napi_key = { k = \"98765432\" }\n",
        ] {
            let err = parse(text).unwrap_err();
            assert!(!err.contains("98765432"), "{err}");
            assert!(err.starts_with("line 2: netflow_analyzer.api_key"), "{err}");
        }
        let c = parse("[netflow_analyzer]\napi_key = \"k\"\n").unwrap();
        assert_eq!(c.netflow_analyzer.api_key.as_deref(), Some("k"));
        assert_eq!(c.netflow_analyzer.timeout_secs, 30);
    }

    #[test]
    fn a_secret_file_is_one_line_without_its_newline() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("s");
        std::fs::write(&f, "s3cret\n").unwrap();
        assert_eq!(
            secret(None, Some(&f), "secret").unwrap().as_deref(),
            Some("s3cret")
        );
        std::fs::write(&f, "two\nlines\n").unwrap();
        let err = secret(None, Some(&f), "secret").unwrap_err().to_string();
        assert!(!err.contains("two"), "{err}");
        assert!(secret(Some("a"), Some(&f), "secret").is_err());
    }

    #[test]
    fn key_sits_next_to_the_store() {
        let c = Config::default();
        assert_eq!(
            key_path(&Location::File("/srv/nf/netflow.db".into()), &c).unwrap(),
            PathBuf::from("/srv/nf/netflow.key")
        );
    }
}
