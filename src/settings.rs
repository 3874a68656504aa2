//! Module settings (the addon's settings page): the known keys, their defaults,
//! validation and display. Pure: no store access.

use crate::error::{Exit, fail};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An absolute http(s) URL.
    Url,
    Bool,
    /// Shown masked unless asked for.
    Secret,
}

#[derive(Debug)]
pub struct Def {
    pub key: &'static str,
    pub default: &'static str,
    pub kind: Kind,
    pub about: &'static str,
}

pub const LICENCE_KEY: &str = "licence_key";
pub const DEFAULT_URL: &str = "default_url";
pub const CLIENT_AREA_ENABLED: &str = "client_area_enabled";
pub const CLIENT_AREA_SHOW_PASSWORD: &str = "client_area_show_password";
pub const EMAIL_MERGE_ENABLED: &str = "email_merge_enabled";
pub const ADDON_HIDDEN: &str = "addon_hidden";

pub const DEFS: &[Def] = &[
    Def {
        key: LICENCE_KEY,
        default: "",
        kind: Kind::Secret,
        about: "the module's licence key (changing it invalidates the licence cache)",
    },
    Def {
        key: DEFAULT_URL,
        default: "https://netflow.myownserver.net/",
        kind: Kind::Url,
        about: "NetFlow Analyzer URL for records without their own",
    },
    Def {
        key: CLIENT_AREA_ENABLED,
        default: "true",
        kind: Kind::Bool,
        about: "show the Network Usage section in the client area",
    },
    Def {
        key: CLIENT_AREA_SHOW_PASSWORD,
        default: "false",
        kind: Kind::Bool,
        about: "show the password in the client area",
    },
    Def {
        key: EMAIL_MERGE_ENABLED,
        default: "true",
        kind: Kind::Bool,
        about: "fill the NetFlow merge fields of welcome e-mails",
    },
    Def {
        key: ADDON_HIDDEN,
        default: "false",
        kind: Kind::Bool,
        about: "hide the NetFlow add-on for this account",
    },
];

/// The definition of `key`, or a usage error listing the known keys.
pub fn def(key: &str) -> anyhow::Result<&'static Def> {
    DEFS.iter().find(|d| d.key == key).ok_or_else(|| {
        let known: Vec<&str> = DEFS.iter().map(|d| d.key).collect();
        fail(
            Exit::Usage,
            format!(
                "unknown setting {key:?}; known settings: {}",
                known.join(", ")
            ),
        )
    })
}

/// The value as stored, or a data error saying what is accepted.
pub fn normalize(def: &Def, value: &str) -> anyhow::Result<String> {
    let value = value.trim();
    match def.kind {
        Kind::Secret => Ok(value.to_owned()),
        Kind::Bool => parse_bool(value).map(|b| b.to_string()).ok_or_else(|| {
            fail(
                Exit::DataErr,
                format!(
                    "{} must be true or false (also yes/no, 1/0), not {value:?}",
                    def.key
                ),
            )
        }),
        Kind::Url => {
            http_url(value).map_err(|why| fail(Exit::DataErr, format!("{} {why}", def.key)))
        }
    }
}

/// The value for people: secrets masked unless `reveal`.
pub fn display(def: &Def, value: &str, reveal: bool) -> String {
    if def.kind != Kind::Secret || reveal || value.is_empty() {
        return value.to_owned();
    }
    let tail: String = value
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if value.chars().count() <= 8 {
        "********".to_owned()
    } else {
        format!("********{tail}")
    }
}

/// true/false, yes/no, 1/0, on/off in any case.
pub fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "1" | "on" => Some(true),
        "false" | "no" | "0" | "off" => Some(false),
        _ => None,
    }
}

/// The longest URL accepted, in characters.
const MAX_URL: usize = 2_048;

/// An absolute http(s) URL, normalised; the error completes "<name> …".
///
/// Only characters RFC 3986 allows unencoded are accepted, before and after
/// normalising: no space, `"`, `<`, `>`, `\`, `^`, `` ` ``, `{`, `|`, `}`, control
/// or invisible character can reach an HTML attribute or a terminal through it.
/// Other non-ASCII text (an international domain name) is encoded by normalising.
pub fn http_url(text: &str) -> Result<String, String> {
    if text.len() > MAX_URL && text.chars().count() > MAX_URL {
        return Err(format!("must be at most {MAX_URL} characters"));
    }
    not_allowed_in_url(text)?;
    let url = url::Url::parse(text).map_err(|e| {
        format!(
            "must be an absolute http(s) URL ({e}), not {}",
            crate::escape::quoted(text)
        )
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err(format!(
            "must be an absolute http(s) URL, not {}",
            crate::escape::quoted(text)
        ));
    }
    let normal = url.to_string();
    not_allowed_in_url(&normal)?;
    Ok(normal)
}

/// The first character RFC 3986 does not allow unencoded, as an error.
fn not_allowed_in_url(text: &str) -> Result<(), String> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c);
    let bad = text.chars().find(|&c| {
        if c.is_ascii() {
            !allowed(c)
        } else {
            crate::escape::is_hidden(c)
        }
    });
    match bad {
        None => Ok(()),
        Some(c) => Err(format!(
            "must not contain {} unencoded (RFC 3986); percent-encode it (a space is %20, \" is %22)",
            match c {
                ' ' => "a space".to_owned(),
                c if crate::escape::is_hidden(c) => crate::escape::escape_char(c),
                c => format!("{c:?}"),
            }
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booleans_accept_the_usual_spellings() {
        for (t, v) in [("YES", true), ("no", false), ("1", true), ("False", false)] {
            assert_eq!(parse_bool(t), Some(v));
        }
        assert_eq!(parse_bool("maybe"), None);
    }

    #[test]
    fn urls_must_be_http_or_https() {
        assert_eq!(
            http_url("https://nf.example.net").unwrap(),
            "https://nf.example.net/"
        );
        assert!(http_url("ftp://nf.example.net/").is_err());
        assert!(http_url("javascript:alert(1)").is_err());
        assert!(http_url("nf.example.net").is_err());
    }

    #[test]
    fn urls_refuse_what_rfc_3986_does_not_allow_unencoded() {
        for bad in [
            "http://a\"onmouseover=alert(1)//",
            "http://a/\"onmouseover=alert(1)",
            "http://a%22onmouseover=alert(1)%22/",
            "https://nf.example.net/a b",
            "https://nf.example.net/<script>",
            "https://nf.example.net/a\\b",
            "https://nf.example.net/^",
            "https://nf.example.net/`",
            "https://nf.example.net/{x}",
            "https://nf.example.net/a|b",
            "https://nf.example.net/\u{1b}[2J",
            "https://nf.example.net/\u{202e}",
        ] {
            assert!(http_url(bad).is_err(), "{bad:?}: {:?}", http_url(bad));
        }
        assert_eq!(
            http_url("https://nf.example.net/a%20b?x=1&y=%22").unwrap(),
            "https://nf.example.net/a%20b?x=1&y=%22"
        );
        assert_eq!(
            http_url("https://bücher.example/").unwrap(),
            "https://xn--bcher-kva.example/"
        );
        assert!(http_url(&format!("https://nf.example.net/{}", "a".repeat(MAX_URL))).is_err());
    }

    #[test]
    fn unknown_key_lists_the_known_ones() {
        let err = def("colour").unwrap_err().to_string();
        assert!(
            err.contains("default_url") && err.contains("licence_key"),
            "{err}"
        );
    }

    #[test]
    fn secrets_are_masked() {
        let d = def(LICENCE_KEY).unwrap();
        assert_eq!(display(d, "NFM-ABCD-1234-WXYZ", false), "********WXYZ");
        assert_eq!(display(d, "NFM-ABCD-1234-WXYZ", true), "NFM-ABCD-1234-WXYZ");
    }
}
