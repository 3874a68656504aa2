//! PHP 8's values as a template sees them: how they print, when they are true, how
//! `==`, `===` and `<` compare them, numeric strings, and the string functions the
//! modifiers are made of (HTML escaping, URL encoding, case mapping, character classes).

use std::cmp::Ordering;

use serde_json::Value as Json;

use super::entities::ENTITIES;
use super::unicode::{LETTER, LOWER, NUMBER};

/// A PHP scalar.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
}

impl Value {
    /// A JSON value as PHP's `json_decode` gives it; `None` for arrays and objects, which
    /// no merge field is.
    pub(crate) fn from_json(json: &Json) -> Option<Value> {
        Some(match json {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Number(n) => match n.as_i64() {
                Some(i) => Value::Int(i),
                None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            Json::String(s) => Value::Str(s.clone()),
            Json::Array(_) | Json::Object(_) => return None,
        })
    }

    /// `(string) $value`, as `echo` prints it.
    pub(crate) fn to_php_string(&self) -> String {
        match self {
            Value::Null | Value::Bool(false) => String::new(),
            Value::Bool(true) => "1".to_owned(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => float_to_string(*f, 14, 'E'),
            Value::Str(s) => s.clone(),
        }
    }

    /// `(bool) $value`: false are null, false, 0, 0.0, "" and "0".
    pub(crate) fn truthy(&self) -> bool {
        match self {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !(s.is_empty() || s == "0"),
        }
    }

    /// `empty($value)`.
    pub(crate) fn is_empty(&self) -> bool {
        !self.truthy()
    }

    /// `(int) $value`.
    pub(crate) fn to_int(&self) -> i64 {
        match self {
            Value::Null => 0,
            Value::Bool(b) => i64::from(*b),
            Value::Int(i) => *i,
            Value::Float(f) => float_to_int(*f),
            // A numeric string out of range saturates.
            Value::Str(s) => match numeric_prefix(s) {
                Some(Number::Int(i)) => i,
                Some(Number::Float(f)) => f as i64,
                None => 0,
            },
        }
    }

    /// `(float) $value`.
    pub(crate) fn to_float(&self) -> f64 {
        match self {
            Value::Null => 0.0,
            Value::Bool(b) => f64::from(u8::from(*b)),
            Value::Int(i) => *i as f64,
            Value::Float(f) => *f,
            Value::Str(s) => match numeric_prefix(s) {
                Some(Number::Int(i)) => i as f64,
                Some(Number::Float(f)) => f,
                None => 0.0,
            },
        }
    }

    /// `$self === $other`.
    pub(crate) fn identical(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Float(a), Value::Float(b)) => a == b,
            _ => self == other,
        }
    }

    /// `$self == $other` (PHP 8).
    pub(crate) fn loose_eq(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Str(a), Value::Str(b)) => match (numeric(a), numeric(b)) {
                (Some(x), Some(y)) => x.compare(y) == Some(Ordering::Equal),
                _ => a == b,
            },
            _ => self.compare(other) == Some(Ordering::Equal),
        }
    }

    /// `$self <=> $other` (PHP 8); `None` when the two are not comparable (NaN).
    pub(crate) fn compare(&self, other: &Value) -> Option<Ordering> {
        use Value::*;
        match (self, other) {
            (Bool(_) | Null, _) | (_, Bool(_) | Null) => match (self, other) {
                (Null, Str(s)) => Some(compare_bytes("", s)),
                (Str(s), Null) => Some(compare_bytes(s, "")),
                _ => Some(self.truthy().cmp(&other.truthy())),
            },
            (Str(a), Str(b)) => match (numeric(a), numeric(b)) {
                (Some(x), Some(y)) => x.compare(y),
                _ => Some(compare_bytes(a, b)),
            },
            (Int(_) | Float(_), Str(s)) => match numeric(s) {
                Some(n) => self.number().compare(n),
                None => Some(compare_bytes(&self.number().to_php_string(), s)),
            },
            (Str(_), Int(_) | Float(_)) => other.compare(self).map(Ordering::reverse),
            (Int(_) | Float(_), Int(_) | Float(_)) => self.number().compare(other.number()),
        }
    }

    fn number(&self) -> Number {
        match self {
            Value::Int(i) => Number::Int(*i),
            Value::Float(f) => Number::Float(*f),
            _ => Number::Int(0),
        }
    }
}

/// A number, as a numeric string or a literal gives it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Number {
    Int(i64),
    Float(f64),
}

impl Number {
    fn compare(self, other: Number) -> Option<Ordering> {
        match (self, other) {
            (Number::Int(a), Number::Int(b)) => Some(a.cmp(&b)),
            (a, b) => a.as_f64().partial_cmp(&b.as_f64()),
        }
    }

    fn as_f64(self) -> f64 {
        match self {
            Number::Int(i) => i as f64,
            Number::Float(f) => f,
        }
    }

    fn to_php_string(self) -> String {
        match self {
            Number::Int(i) => Value::Int(i).to_php_string(),
            Number::Float(f) => Value::Float(f).to_php_string(),
        }
    }

    pub(crate) fn value(self) -> Value {
        match self {
            Number::Int(i) => Value::Int(i),
            Number::Float(f) => Value::Float(f),
        }
    }
}

/// `strcmp`'s sign: bytes, then length.
fn compare_bytes(a: &str, b: &str) -> Ordering {
    a.as_bytes().cmp(b.as_bytes())
}

/// Whitespace PHP allows around a numeric string.
fn is_php_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

/// The value of a numeric string (`" 1.5e3 "`, whitespace allowed on both sides),
/// or `None` when the string is not numeric.
pub(crate) fn numeric(s: &str) -> Option<Number> {
    let (number, len) = scan_number(s)?;
    s.as_bytes()[len..]
        .iter()
        .all(|&b| is_php_space(b))
        .then_some(number)
}

/// The value of the numeric start of a string (`"12abc"` is 12), as `(int)` and
/// `(float)` read it.
fn numeric_prefix(s: &str) -> Option<Number> {
    scan_number(s).map(|(number, _)| number)
}

/// Leading whitespace, sign, digits, fraction and exponent; the number and the bytes
/// read.
fn scan_number(s: &str) -> Option<(Number, usize)> {
    let bytes = s.as_bytes();
    let mut at = 0;
    while at < bytes.len() && is_php_space(bytes[at]) {
        at += 1;
    }
    let start = at;
    if at < bytes.len() && matches!(bytes[at], b'+' | b'-') {
        at += 1;
    }
    let digits = |at: &mut usize| {
        let from = *at;
        while *at < bytes.len() && bytes[*at].is_ascii_digit() {
            *at += 1;
        }
        *at - from
    };
    let whole = digits(&mut at);
    let mut is_float = false;
    let mut fraction = 0;
    if at < bytes.len() && bytes[at] == b'.' {
        let mut after = at + 1;
        fraction = digits(&mut after);
        if whole + fraction > 0 {
            at = after;
            is_float = true;
        }
    }
    if whole + fraction == 0 {
        return None;
    }
    if at < bytes.len() && matches!(bytes[at], b'e' | b'E') {
        let mut after = at + 1;
        if after < bytes.len() && matches!(bytes[after], b'+' | b'-') {
            after += 1;
        }
        if digits(&mut after) > 0 {
            at = after;
            is_float = true;
        }
    }
    let text = &s[start..at];
    let number = match (is_float, text.parse::<i64>()) {
        (false, Ok(i)) => Number::Int(i),
        _ => Number::Float(text.parse().ok()?),
    };
    Some((number, at))
}

/// PHP's float to integer conversion: truncation, modulo 2^64 out of range.
fn float_to_int(f: f64) -> i64 {
    if !f.is_finite() {
        return 0;
    }
    let limit = 2f64.powi(63);
    if (-limit..limit).contains(&f) {
        return f as i64;
    }
    let two64 = 18_446_744_073_709_551_616.0_f64;
    let mut m = f.trunc() % two64;
    if m < 0.0 {
        m += two64;
    }
    (m as u64) as i64
}

/// A float as PHP prints it with `precision` significant digits (`zend_gcvt`): plain
/// digits, or `1.5E+20` style when the exponent is below -4 or at least `precision`.
pub(crate) fn float_to_string(f: f64, precision: usize, exp_char: char) -> String {
    if f.is_nan() {
        return "NAN".to_owned();
    }
    if f.is_infinite() {
        return if f > 0.0 { "INF" } else { "-INF" }.to_owned();
    }
    let precision = precision.max(1);
    let mut out = String::new();
    if f.is_sign_negative() {
        out.push('-');
    }
    let (digits, decpt) = significant_digits(f.abs(), precision);
    if decpt < -3 || decpt > precision as i32 {
        let exponent = decpt - 1;
        out.push_str(&digits[..1]);
        out.push('.');
        if digits.len() == 1 {
            out.push('0');
        } else {
            out.push_str(&digits[1..]);
        }
        out.push(exp_char);
        out.push(if exponent < 0 { '-' } else { '+' });
        out.push_str(&exponent.unsigned_abs().to_string());
    } else if decpt <= 0 {
        out.push_str("0.");
        for _ in decpt..0 {
            out.push('0');
        }
        out.push_str(&digits);
    } else {
        let decpt = decpt as usize;
        if digits.len() <= decpt {
            out.push_str(&digits);
            out.extend(std::iter::repeat_n('0', decpt - digits.len()));
        } else {
            out.push_str(&digits[..decpt]);
            out.push('.');
            out.push_str(&digits[decpt..]);
        }
    }
    out
}

/// The shortest digits of `f` (non-negative) rounded to `precision` significant
/// digits, and where the decimal point goes (`0.d1d2… × 10^decpt`). Zero is `("0", 1)`.
pub(crate) fn significant_digits(f: f64, precision: usize) -> (String, i32) {
    if f == 0.0 {
        return ("0".to_owned(), 1);
    }
    let formatted = format!("{:.*e}", precision - 1, f);
    let (mantissa, exponent) = formatted.split_once('e').unwrap_or((&formatted, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let mut digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
    }
    (digits, exponent + 1)
}

/// `htmlspecialchars($s, ENT_QUOTES)`: `& < > " '`.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#039;"),
            _ => out.push(c),
        }
    }
    out
}

/// `htmlentities($s, ENT_QUOTES)`: every character with an HTML 4.01 entity.
pub(crate) fn html_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match ENTITIES.binary_search_by_key(&u32::from(c), |(cp, _)| *cp) {
            Ok(at) => out.push_str(ENTITIES[at].1),
            Err(_) => out.push(c),
        }
    }
    out
}

/// `rawurlencode` (RFC 3986, space is `%20`); with `form`, `urlencode` (space is `+`,
/// `~` encoded).
pub(crate) fn url_encode(s: &str, form: bool) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for byte in s.bytes() {
        let plain = byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'_' | b'.')
            || (byte == b'~' && !form);
        if plain {
            out.push(char::from(byte));
        } else if byte == b' ' && form {
            out.push('+');
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    out
}

/// `ucfirst`: the first byte upper-cased when it is an ASCII letter.
pub(crate) fn ucfirst(mut s: String) -> String {
    if let Some(first) = s.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    s
}

/// `mb_strtoupper`: full case mapping, character by character.
pub(crate) fn upper(s: &str) -> String {
    s.chars().flat_map(char::to_uppercase).collect()
}

/// `mb_strtolower`: full case mapping, character by character (no final-sigma rule).
pub(crate) fn lower(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).collect()
}

fn in_ranges(c: char, ranges: &[(u32, u32)]) -> bool {
    let c = u32::from(c);
    ranges
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                Ordering::Less
            } else if lo > c {
                Ordering::Greater
            } else {
                Ordering::Equal
            }
        })
        .is_ok()
}

/// PCRE's `\s` with the `u` flag.
pub(crate) fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | ' '
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{180e}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// `\p{L}`.
pub(crate) fn is_letter(c: char) -> bool {
    in_ranges(c, LETTER)
}

/// `\p{Ll}`.
pub(crate) fn is_lower(c: char) -> bool {
    in_ranges(c, LOWER)
}

/// `\p{N}`.
pub(crate) fn is_number(c: char) -> bool {
    in_ranges(c, NUMBER)
}

/// `\w` with the `u` flag.
pub(crate) fn is_word(c: char) -> bool {
    c == '_' || is_letter(c) || is_number(c)
}
