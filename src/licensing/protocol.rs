//! The wire format of the WHMCS Licensing Addon: the request form sent to `verify.php`,
//! the `<tag>value</tag>` reply as its own client code reads it, the check token and
//! the `md5hash` that proves the reply came from a server knowing the product secret.

use md5::{Digest, Md5};

/// Path of the verification endpoint below the licensing server's WHMCS root.
const VERIFY_PATH: &str = "/modules/servers/licensing/verify.php";

/// A parsed reply: (tag, value) pairs in the order the tags first appeared.
///
/// Read exactly as the Licensing Addon's client does with `<(.*?)>([^<]+)</\1>` (closing
/// tag matched case-insensitively): text between tags is ignored, empty tags are absent,
/// values are taken verbatim (no XML unescaping), and a repeated tag overwrites the
/// earlier value while keeping the earlier position.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reply {
    fields: Vec<(String, String)>,
}

impl Reply {
    /// Parses a reply body. Never fails: text that holds no tag gives an empty reply, and
    /// so does text that would take a regex engine too long (see `PARSE_BUDGET`).
    pub fn parse(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut budget = PARSE_BUDGET;
        let mut reply = Self::default();
        let mut pos = 0;
        while let Some(offset) = bytes[pos..].iter().position(|&b| b == b'<') {
            let start = pos + offset;
            match match_tag_at(text, start, &mut budget) {
                Ok(Some((tag, value, end))) => {
                    reply.insert(tag, value);
                    pos = end;
                }
                Ok(None) => pos = start + 1,
                Err(BudgetExhausted) => return Self::default(),
            }
        }
        reply
    }

    /// The value of `tag`, if the reply has it.
    pub fn get(&self, tag: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(name, _)| name == tag)
            .map(|(_, value)| value.as_str())
    }

    /// A comma list such as `validdomain`: items trimmed, empty items dropped.
    pub fn list(&self, tag: &str) -> Vec<String> {
        self.get(tag)
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// The `status` tag (`Active`, `Invalid`, `Expired`, `Suspended`, …).
    pub fn status(&self) -> Option<&str> {
        self.get("status")
    }

    /// The pairs in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.fields
            .iter()
            .map(|(tag, value)| (tag.as_str(), value.as_str()))
    }

    /// The pairs in order, as the local-key codec takes them.
    pub fn as_pairs(&self) -> &[(String, String)] {
        &self.fields
    }

    /// Sets `tag` like PHP's `$results[$tag] = $value`: an existing tag keeps its
    /// position and takes the new value, a new tag goes last.
    pub fn insert(&mut self, tag: impl Into<String>, value: impl Into<String>) {
        let tag = tag.into();
        let value = value.into();
        match self.fields.iter_mut().find(|(name, _)| *name == tag) {
            Some(field) => field.1 = value,
            None => self.fields.push((tag, value)),
        }
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for Reply {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut reply = Self::default();
        for (tag, value) in iter {
            reply.insert(tag, value);
        }
        reply
    }
}

/// Bytes a parse may examine. PHP's `preg_match_all` returns no matches at all once it
/// passes `pcre.backtrack_limit` (1,000,000 by default); the parser gives up the same way
/// on a comparable budget, so a hostile reply cannot make it run for long.
const PARSE_BUDGET: usize = 1_000_000;

struct BudgetExhausted;

fn spend(budget: &mut usize, cost: usize) -> Result<(), BudgetExhausted> {
    *budget = budget.checked_sub(cost).ok_or(BudgetExhausted)?;
    Ok(())
}

/// Tries `<(.*?)>([^<]+)</\1>` anchored at `start`, which holds a `<`, the way a
/// backtracking regex engine does: the shortest tag name that leads to a match wins, and
/// the name never spans a newline. Returns (tag, value, end of the match).
fn match_tag_at<'t>(
    text: &'t str,
    start: usize,
    budget: &mut usize,
) -> Result<Option<(&'t str, &'t str, usize)>, BudgetExhausted> {
    let bytes = text.as_bytes();
    let name_start = start + 1;
    for (index, &byte) in bytes[name_start..].iter().enumerate() {
        spend(budget, 1)?;
        match byte {
            b'\n' => return Ok(None),
            b'>' => {
                let name_end = name_start + index;
                let value_start = name_end + 1;
                // With no `<` left, neither this name nor a longer one can be closed.
                let Some(value_len) = bytes[value_start..].iter().position(|&b| b == b'<') else {
                    return Ok(None);
                };
                spend(budget, value_len)?;
                if value_len == 0 {
                    continue;
                }
                let value_end = value_start + value_len;
                let name = &bytes[name_start..name_end];
                spend(budget, name.len())?;
                let close = &bytes[value_end..];
                let closes = close.len() > name.len() + 2
                    && close.starts_with(b"</")
                    && close[2..2 + name.len()].eq_ignore_ascii_case(name)
                    && close[2 + name.len()] == b'>';
                if closes {
                    return Ok(Some((
                        &text[name_start..name_end],
                        &text[value_start..value_end],
                        value_end + name.len() + 3,
                    )));
                }
            }
            _ => {}
        }
    }
    Ok(None)
}

/// MD5 of `bytes` as 32 lowercase hex digits, the form PHP's `md5()` returns.
pub fn md5_hex(bytes: impl AsRef<[u8]>) -> String {
    lower_hex(&Md5::digest(bytes))
}

/// A fresh check token: the unix time in decimal followed by 32 lowercase hex digits
/// of `random`, which the caller draws from a secure source for every check.
pub fn new_check_token(now_unix: i64, random: [u8; 16]) -> String {
    format!("{now_unix}{}", lower_hex(&random))
}

fn lower_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut hex = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        hex.push(char::from(DIGITS[usize::from(byte >> 4)]));
        hex.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    hex
}

/// What a reply's `md5hash` says about where the reply came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signature {
    /// No `md5hash`: a Licensing Addon server sends its Invalid answers so.
    Missing,
    /// `md5hash` = `md5(secret + check_token)`, which only a server knowing the product
    /// secret can compute for this token.
    Valid,
    /// Any other `md5hash`: another secret, another token, or a forgery.
    Wrong,
}

/// Checks the reply's `md5hash` against `md5(secret + check_token)`.
pub fn signature(reply: &Reply, secret: &str, check_token: &str) -> Signature {
    match reply.get("md5hash") {
        None => Signature::Missing,
        Some(hash) if hash == md5_hex(format!("{secret}{check_token}")) => Signature::Valid,
        Some(_) => Signature::Wrong,
    }
}

/// The identity of this installation, which the licence must list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installation {
    pub domain: String,
    pub ip: String,
    pub directory: String,
}

/// The verification URL of a licensing server given as its WHMCS root URL.
pub fn verify_url(server: &str) -> String {
    format!("{}{VERIFY_PATH}", server.trim_end_matches('/'))
}

/// The form fields of a verification request, in the order the Licensing Addon's
/// client sends them.
pub fn request_form<'a>(
    licence_key: &'a str,
    installation: &'a Installation,
    check_token: &'a str,
) -> [(&'static str, &'a str); 5] {
    [
        ("licensekey", licence_key),
        ("domain", &installation.domain),
        ("ip", &installation.ip),
        ("dir", &installation.directory),
        ("check_token", check_token),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "vendor-secret-42";
    const TOKEN: &str = "1795334400a1b2c3d4e5f60718293a4b5c6d7e8f9";
    const ACTIVE: &str = include_str!("../../tests/fixtures/licensing/reply-active.txt");
    const DOMAIN_INVALID: &str =
        include_str!("../../tests/fixtures/licensing/reply-domain-invalid.txt");
    const UNKNOWN_KEY: &str = include_str!("../../tests/fixtures/licensing/reply-unknown-key.txt");

    #[test]
    fn parses_the_active_fixture_in_order_without_empty_tags() {
        let reply = Reply::parse(ACTIVE);
        let tags: Vec<&str> = reply.iter().map(|(tag, _)| tag).collect();
        assert_eq!(
            tags,
            [
                "status",
                "registeredname",
                "companyname",
                "email",
                "serviceid",
                "productid",
                "productname",
                "regdate",
                "nextduedate",
                "billingcycle",
                "validdomain",
                "validip",
                "validdirectory",
                "customfields",
                "addons",
                "md5hash",
            ]
        );
        assert_eq!(reply.status(), Some("Active"));
        assert_eq!(reply.get("configoptions"), None);
        assert_eq!(
            reply.get("validdirectory"),
            Some("/var/www/whmcs/modules/addons/netflow_manager")
        );
        assert_eq!(
            reply.list("validdomain"),
            ["billing.example.net", "www.billing.example.net"]
        );
    }

    #[test]
    fn parses_the_invalid_fixture() {
        let reply = Reply::parse(DOMAIN_INVALID);
        assert_eq!(reply.status(), Some("Invalid"));
        assert_eq!(reply.get("message"), Some("Domain Invalid"));
        assert!(reply.list("validdomain").is_empty());
    }

    #[test]
    fn ignores_text_between_tags_and_keeps_values_verbatim() {
        let reply = Reply::parse(
            "HTTP junk\n<status>Active</status>\r\n  noise <message>A & B &amp; \"c\"</message>\n",
        );
        assert_eq!(reply.status(), Some("Active"));
        assert_eq!(reply.get("message"), Some("A & B &amp; \"c\""));
    }

    #[test]
    fn values_may_span_lines_and_hold_closing_angle_brackets() {
        let reply = Reply::parse("<addons>a=1\nb=2 > 1</addons>");
        assert_eq!(reply.get("addons"), Some("a=1\nb=2 > 1"));
    }

    #[test]
    fn later_duplicate_overwrites_but_keeps_first_position() {
        let reply = Reply::parse("<status>Active</status><x>1</x><status>Invalid</status>");
        let pairs: Vec<(&str, &str)> = reply.iter().collect();
        assert_eq!(pairs, [("status", "Invalid"), ("x", "1")]);
    }

    #[test]
    fn keeps_unknown_tags_and_matches_closing_tag_case_insensitively() {
        let reply = Reply::parse("<Status>Active</STATUS><custom_tag>v</custom_tag>");
        assert_eq!(reply.get("Status"), Some("Active"));
        assert_eq!(reply.status(), None);
        assert_eq!(reply.get("custom_tag"), Some("v"));
    }

    #[test]
    fn tag_name_extends_like_a_lazy_regex() {
        // `<a>` never closes, so the regex grows the name up to the next `>` that works.
        let reply = Reply::parse("<a<b>x</a<b>");
        assert_eq!(reply.get("a<b"), Some("x"));
        // A newline stops the name; the scan moves on to the next `<`.
        let reply = Reply::parse("<a\n<b>y</b>");
        let pairs: Vec<(&str, &str)> = reply.iter().collect();
        assert_eq!(pairs, [("b", "y")]);
    }

    #[test]
    fn unclosed_and_mismatched_tags_give_nothing() {
        assert_eq!(Reply::parse("<status>Active"), Reply::default());
        assert_eq!(Reply::parse("<status>Active</state>"), Reply::default());
        assert_eq!(Reply::parse("<html><body>oops</body>"), {
            let mut expected = Reply::default();
            expected.insert("body", "oops");
            expected
        });
        assert_eq!(Reply::parse(""), Reply::default());
    }

    #[test]
    fn pathological_input_ends_quickly_with_nothing() {
        for body in [
            "<>".repeat(32 * 1024),
            "<a>b".repeat(16 * 1024),
            "<".repeat(32 * 1024) + &">".repeat(32 * 1024),
            "<a>".repeat(21 * 1024),
        ] {
            let started = std::time::Instant::now();
            assert_eq!(Reply::parse(&body), Reply::default());
            assert!(started.elapsed() < std::time::Duration::from_secs(2));
        }
    }

    #[test]
    fn a_large_well_formed_reply_fits_the_budget() {
        let mut body = String::new();
        for index in 0..150 {
            body.push_str(&format!("<tag{index}>{}</tag{index}>\n", "v".repeat(400)));
        }
        body.push_str("<status>Active</status>");
        let reply = Reply::parse(&body);
        assert_eq!(reply.iter().count(), 151);
        assert_eq!(reply.status(), Some("Active"));
    }

    #[test]
    fn list_trims_and_drops_empty_items() {
        let reply = Reply::parse("<validip> 10.0.0.1 ,,10.0.0.2, </validip>");
        assert_eq!(reply.list("validip"), ["10.0.0.1", "10.0.0.2"]);
        assert!(reply.list("validdomain").is_empty());
    }

    #[test]
    fn md5_hex_matches_php() {
        assert_eq!(md5_hex(""), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(
            md5_hex(format!("{SECRET}{TOKEN}")),
            "183ac9ec95f6c2de2da8c3ed7496c91f"
        );
    }

    #[test]
    fn check_token_is_time_then_32_hex_digits() {
        let token = new_check_token(1_795_334_400, [0xab; 16]);
        assert_eq!(token, format!("1795334400{}", "ab".repeat(16)));
        let token = new_check_token(
            1_795_334_400,
            [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 255],
        );
        assert_eq!(&token[10..], "000102030405060708090a0b0c0d0eff");
    }

    #[test]
    fn the_signature_is_valid_only_with_the_right_hash() {
        let active = Reply::parse(ACTIVE);
        assert_eq!(signature(&active, SECRET, TOKEN), Signature::Valid);
        assert_eq!(signature(&active, "other-secret", TOKEN), Signature::Wrong);
        assert_eq!(signature(&active, SECRET, "1795334400ff"), Signature::Wrong);
        let upper_case = md5_hex(format!("{SECRET}{TOKEN}")).to_uppercase();
        let upper_case = Reply::parse(&format!("<md5hash>{upper_case}</md5hash>"));
        assert_eq!(signature(&upper_case, SECRET, TOKEN), Signature::Wrong);
        for unsigned in [DOMAIN_INVALID, UNKNOWN_KEY, "<status>Active</status>"] {
            let reply = Reply::parse(unsigned);
            assert_eq!(signature(&reply, SECRET, TOKEN), Signature::Missing);
        }
        let empty = Reply::parse("<status>Invalid</status><md5hash></md5hash>");
        assert_eq!(signature(&empty, SECRET, TOKEN), Signature::Missing);
    }

    #[test]
    fn builds_the_verify_url_and_form() {
        assert_eq!(
            verify_url("https://licensing.example.com/whmcs/"),
            "https://licensing.example.com/whmcs/modules/servers/licensing/verify.php"
        );
        assert_eq!(
            verify_url("https://licensing.example.com"),
            "https://licensing.example.com/modules/servers/licensing/verify.php"
        );
        let installation = Installation {
            domain: "billing.example.net".into(),
            ip: "203.0.113.10".into(),
            directory: "/var/www/whmcs".into(),
        };
        assert_eq!(
            request_form("NFM-1", &installation, TOKEN),
            [
                ("licensekey", "NFM-1"),
                ("domain", "billing.example.net"),
                ("ip", "203.0.113.10"),
                ("dir", "/var/www/whmcs"),
                ("check_token", TOKEN),
            ]
        );
    }
}
