//! The local key: the Licensing Addon's signed cache of an Active answer, byte for byte
//! as its PHP client writes it (JSON as `json_encode` writes it, base64, md5 prefix,
//! reversed, md5 suffix, wrapped at 80 columns), and its verified decoding.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};

use super::protocol::{Reply, md5_hex};

/// Length of an md5 in hex.
const MD5_LEN: usize = 32;
/// Line width of the Licensing Addon's `wordwrap`.
const WRAP: usize = 80;

/// A decoded local key: the server's results in order, and the day they were checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalKey {
    /// Every result the server gave, without `checkdate`.
    pub results: Reply,
    /// `YYYYMMDD` of the day the server answered.
    pub checkdate: String,
}

/// Why a local key was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LocalKeyError {
    #[error(
        "the local key is corrupt or was made with another secret: its signature does not match"
    )]
    Signature,
    #[error(
        "the local key is corrupt or was made with another secret: its check date does not match"
    )]
    CheckDate,
    #[error("the local key is corrupt or was made with another secret: {0}")]
    Payload(&'static str),
}

/// Encodes `results` with `checkdate` (`YYYYMMDD`) appended, signed with `secret`.
///
/// Keys are taken as PHP's array assignment takes them: a repeated key overwrites the
/// earlier value in its place, and a `checkdate` among the results is replaced.
pub fn encode(results: &[(String, String)], checkdate: &str, secret: &str) -> String {
    let mut fields: Reply = results.iter().cloned().collect();
    fields.insert("checkdate", checkdate);
    let signed = format!(
        "{}{}",
        md5_hex(format!("{checkdate}{secret}")),
        STANDARD.encode(php_json_object(&fields))
    );
    seal(&signed, secret)
}

/// Reverses `signed`, appends the md5 of that with the secret and wraps at 80 columns
/// (PHP's `wordwrap($key, 80, "\n", true)`, which cuts a string without spaces into
/// hard chunks).
fn seal(signed: &str, secret: &str) -> String {
    // Every character is ASCII (hex digits and base64), so reversing chars reverses bytes.
    let reversed: String = signed.chars().rev().collect();
    let sealed = format!("{reversed}{}", md5_hex(format!("{reversed}{secret}")));
    sealed
        .as_bytes()
        .chunks(WRAP)
        .map(String::from_utf8_lossy)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Decodes a local key made with `secret`, checking both of its signatures.
pub fn decode(local_key: &str, secret: &str) -> Result<LocalKey, LocalKeyError> {
    let sealed = local_key.replace('\n', "");
    if !sealed.is_ascii() || sealed.len() < 2 * MD5_LEN {
        return Err(LocalKeyError::Payload("it is not a local key"));
    }
    let (reversed, signature) = sealed.split_at(sealed.len() - MD5_LEN);
    if signature != md5_hex(format!("{reversed}{secret}")) {
        return Err(LocalKeyError::Signature);
    }
    let signed: String = reversed.chars().rev().collect();
    let (date_signature, encoded) = signed.split_at(MD5_LEN);
    let json = STANDARD
        .decode(encoded)
        .map_err(|_| LocalKeyError::Payload("its data is not base64"))?;
    let OrderedStrings(fields) = serde_json::from_slice(&json)
        .map_err(|_| LocalKeyError::Payload("its data is not a JSON object of strings"))?;

    let mut results = Reply::default();
    let mut checkdate = None;
    for (key, value) in fields {
        if key == "checkdate" {
            checkdate = Some(value);
        } else {
            results.insert(key, value);
        }
    }
    let checkdate = checkdate.ok_or(LocalKeyError::Payload("it has no check date"))?;
    if date_signature != md5_hex(format!("{checkdate}{secret}")) {
        return Err(LocalKeyError::CheckDate);
    }
    if checkdate.len() != 8 || !checkdate.bytes().all(|b| b.is_ascii_digit()) {
        return Err(LocalKeyError::Payload("its check date is not YYYYMMDD"));
    }
    Ok(LocalKey { results, checkdate })
}

/// The fields as one JSON object of strings, written as PHP's `json_encode` writes it.
fn php_json_object(fields: &Reply) -> String {
    let mut json = String::from("{");
    for (index, (key, value)) in fields.iter().enumerate() {
        if index > 0 {
            json.push(',');
        }
        push_php_json_string(&mut json, key);
        json.push(':');
        push_php_json_string(&mut json, value);
    }
    json.push('}');
    json
}

/// Appends `text` as a JSON string the way PHP's `json_encode` writes it by default:
/// `/` escaped, control characters and all non-ASCII as `\uXXXX` (lowercase hex,
/// surrogate pairs above the BMP), DEL left as it is.
fn push_php_json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '/' => out.push_str("\\/"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            ' '..='\u{7f}' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.push('"');
}

/// A JSON object of strings, read in document order (serde_json's map would sort it).
struct OrderedStrings(Vec<(String, String)>);

impl<'de> Deserialize<'de> for OrderedStrings {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OrderedVisitor;

        impl<'de> Visitor<'de> for OrderedVisitor {
            type Value = OrderedStrings;

            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("a JSON object of strings")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut fields = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some(field) = map.next_entry::<String, String>()? {
                    fields.push(field);
                }
                Ok(OrderedStrings(fields))
            }
        }

        deserializer.deserialize_map(OrderedVisitor)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// `local-key-vector.json`, with the results read in file order.
    #[derive(Deserialize)]
    struct Vector {
        secret: String,
        checkdate: String,
        results_in_order: OrderedStrings,
        json_as_php_writes_it: String,
        local_key: String,
    }

    fn vector() -> Vector {
        serde_json::from_str(include_str!(
            "../../tests/fixtures/licensing/local-key-vector.json"
        ))
        .expect("the fixture vector is valid JSON")
    }

    #[test]
    fn writes_json_as_php_does() {
        let vector = vector();
        let mut fields: Reply = vector.results_in_order.0.into_iter().collect();
        fields.insert("checkdate", vector.checkdate);
        assert_eq!(php_json_object(&fields), vector.json_as_php_writes_it);
    }

    #[test]
    fn php_json_escapes() {
        let mut out = String::new();
        push_php_json_string(&mut out, "a/b\"c\\d\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f}é€😀");
        assert_eq!(
            out,
            r#""a\/b\"c\\d\n\r\t\b\f\u0001\u001f"#.to_owned()
                + "\u{7f}"
                + r#"\u00e9\u20ac\ud83d\ude00""#
        );
    }

    #[test]
    fn encodes_the_fixture_vector_byte_for_byte() {
        let vector = vector();
        let key = encode(
            &vector.results_in_order.0,
            &vector.checkdate,
            &vector.secret,
        );
        assert_eq!(key, vector.local_key);
        assert!(key.lines().all(|line| line.len() <= 80));
    }

    #[test]
    fn decodes_the_fixture_vector() {
        let vector = vector();
        let key = decode(&vector.local_key, &vector.secret).expect("the vector decodes");
        assert_eq!(key.checkdate, "20261122");
        let expected: Reply = vector.results_in_order.0.into_iter().collect();
        assert_eq!(key.results, expected);
        assert_eq!(key.results.status(), Some("Active"));
    }

    #[test]
    fn any_changed_byte_is_refused() {
        let vector = vector();
        let original = vector.local_key.as_bytes();
        for position in 0..original.len() {
            let mut tampered = original.to_vec();
            tampered[position] = if tampered[position] == b'\n' {
                b'A'
            } else {
                tampered[position] ^ 0x01
            };
            let tampered = String::from_utf8(tampered).expect("still ASCII");
            assert!(
                decode(&tampered, &vector.secret).is_err(),
                "a change at byte {position} went unnoticed"
            );
        }
    }

    #[test]
    fn another_secret_is_refused() {
        let vector = vector();
        assert_eq!(
            decode(&vector.local_key, "another-secret"),
            Err(LocalKeyError::Signature)
        );
        assert!(
            LocalKeyError::Signature
                .to_string()
                .contains("corrupt or was made with another secret")
        );
    }

    #[test]
    fn a_wrong_check_date_signature_is_refused() {
        let secret = "s";
        let json = r#"{"status":"Active","checkdate":"20261122"}"#;
        let signed = format!("{}{}", md5_hex("20261123s"), STANDARD.encode(json));
        assert_eq!(
            decode(&seal(&signed, secret), secret),
            Err(LocalKeyError::CheckDate)
        );
    }

    #[test]
    fn a_validly_sealed_bad_payload_is_refused() {
        let secret = "s";
        let date_signature = md5_hex("20261122s");
        for (payload, reason) in [
            ("not base64!".to_owned(), "its data is not base64"),
            (
                STANDARD.encode("[1,2]"),
                "its data is not a JSON object of strings",
            ),
            (
                STANDARD.encode(r#"{"n":1}"#),
                "its data is not a JSON object of strings",
            ),
            (
                STANDARD.encode(r#"{"status":"Active"}"#),
                "it has no check date",
            ),
        ] {
            let key = seal(&format!("{date_signature}{payload}"), secret);
            assert_eq!(decode(&key, secret), Err(LocalKeyError::Payload(reason)));
        }
        let json = r#"{"checkdate":"2026-11-22"}"#;
        let key = seal(
            &format!("{}{}", md5_hex("2026-11-22s"), STANDARD.encode(json)),
            secret,
        );
        assert_eq!(
            decode(&key, secret),
            Err(LocalKeyError::Payload("its check date is not YYYYMMDD"))
        );
    }

    #[test]
    fn short_or_non_ascii_input_is_refused() {
        for key in ["", "abc", &"é".repeat(40)] {
            assert_eq!(
                decode(key, "s"),
                Err(LocalKeyError::Payload("it is not a local key"))
            );
        }
    }

    #[test]
    fn a_checkdate_among_the_results_is_replaced_in_place() {
        let results = [
            ("checkdate".to_owned(), "19990101".to_owned()),
            ("status".to_owned(), "Active".to_owned()),
        ];
        let key = decode(&encode(&results, "20261122", "s"), "s").expect("decodes");
        assert_eq!(key.checkdate, "20261122");
        let pairs: Vec<(&str, &str)> = key.results.iter().collect();
        assert_eq!(pairs, [("status", "Active")]);
    }

    proptest! {
        #[test]
        fn round_trips_any_results(
            results in prop::collection::vec((any::<String>(), any::<String>()), 0..8),
            checkdate in "[0-9]{8}",
            secret in any::<String>(),
        ) {
            let results: Vec<(String, String)> = results
                .into_iter()
                .filter(|(key, _)| key != "checkdate")
                .collect();
            let key = encode(&results, &checkdate, &secret);
            let decoded = decode(&key, &secret).expect("an encoded key decodes");
            let expected: Reply = results.into_iter().collect();
            prop_assert_eq!(decoded.results, expected);
            prop_assert_eq!(decoded.checkdate, checkdate);
        }

        #[test]
        fn round_trips_slashes_quotes_and_unicode(
            value in r#"[/"\\ a-z\u{0}-\u{1f}\u{7f}é€😀]{0,40}"#,
        ) {
            let results = vec![("addons".to_owned(), value)];
            let decoded = decode(&encode(&results, "20261122", "s"), "s").expect("decodes");
            prop_assert_eq!(decoded.results.as_pairs(), results.as_slice());
        }
    }
}
