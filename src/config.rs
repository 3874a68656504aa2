//! The config file (TOML, optional, every key defaulted) and the paths it and the
//! environment decide: store, key file, licensing wiring, installation identity.

use std::path::{Path, PathBuf};

use anyhow::Context;
use etcetera::BaseStrategy;
use serde::Deserialize;

use crate::error::{Exit, fail};

pub const KEY_VAR: &str = "NETFLOW_MANAGER_KEY";

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
    /// The 32-byte key file [default: next to the store, `<store stem>.key`].
    pub key_file: Option<PathBuf>,
    /// How long a command waits for another one holding the store.
    pub busy_timeout_ms: u64,
}

impl Default for StoreConfig {
    fn default() -> Self {
        StoreConfig {
            path: None,
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
    #[serde(deserialize_with = "quoted_secret")]
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

/// `api_key`, which must be a quoted string; anything else is refused
/// without repeating the value (the TOML error would quote it).
fn quoted_secret<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct Quoted;
    impl serde::de::Visitor<'_> for Quoted {
        type Value = Option<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a quoted string")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.to_owned()))
        }
    }
    d.deserialize_str(Quoted).map_err(|_: D::Error| {
        serde::de::Error::custom("api_key must be a quoted string (value not shown)")
    })
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

/// Parses config text; the error is one line naming the offending key and its line.
pub fn parse(text: &str) -> Result<Config, String> {
    toml::from_str::<Config>(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
        // toml quotes the offending value; on the secret's line that would print it.
        let on_secret = line
            .and_then(|l| text.lines().nth(l - 1))
            .and_then(|l| l.split_once('='))
            .is_some_and(|(key, _)| key.trim().trim_matches('"') == "secret");
        let msg = if on_secret {
            "secret must be a quoted string (value not shown)".to_owned()
        } else {
            e.message().replace('\n', " ")
        };
        match line {
            Some(l) => format!("line {l}: {msg}"),
            None => msg,
        }
    })
}

fn default_config_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    if let Ok(base) = etcetera::choose_base_strategy() {
        files.push(base.config_dir().join("netflow-manager/config.toml"));
    }
    files.push(PathBuf::from("/etc/netflow-manager/config.toml"));
    files
}

/// The store path: `--db`/`NETFLOW_MANAGER_DB`, else `store.path`, else the XDG data dir.
pub fn store_path(flag: Option<&Path>, config: &Config) -> anyhow::Result<PathBuf> {
    if let Some(p) = flag.or(config.store.path.as_deref()) {
        return Ok(p.to_path_buf());
    }
    let base = etcetera::choose_base_strategy()
        .context("cannot find the home directory; pass --db PATH or set NETFLOW_MANAGER_DB")
        .map_err(|e| fail(Exit::Config, format!("{e:#}")))?;
    Ok(base.data_dir().join("netflow-manager/netflow.db"))
}

/// The key file: `store.key_file`, else `<store dir>/<store stem>.key`.
pub fn key_path(store: &Path, config: &Config) -> PathBuf {
    if let Some(p) = &config.store.key_file {
        return p.clone();
    }
    let stem = store
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "netflow".to_owned());
    store.with_file_name(format!("{stem}.key"))
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
        assert!(err.contains("secert"), "{err}");
        assert!(err.starts_with("line 3:"), "{err}");
    }

    #[test]
    fn a_bad_secret_is_never_echoed() {
        for text in [
            "[licensing]\nsecret = 98765432\n",
            "[licensing]\n  \"secret\" = 98765432\n",
            "[licensing]\nsecret = [\"98765432\"]\n",
        ] {
            let err = parse(text).unwrap_err();
            assert!(!err.contains("98765432"), "{err}");
            assert!(err.starts_with("line 2: secret"), "{err}");
        }
        let err = parse("[licensing]\ntimeout_secs = \"ten\"\n").unwrap_err();
        assert!(err.contains("ten"), "other values are still quoted: {err}");
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
            assert!(err.starts_with("line 2: api_key"), "{err}");
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
            key_path(Path::new("/srv/nf/netflow.db"), &c),
            PathBuf::from("/srv/nf/netflow.key")
        );
    }
}
