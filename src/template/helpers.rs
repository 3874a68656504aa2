//! The handlebars helpers a translated Smarty template calls: PHP's string conversion,
//! truthiness and loose `==`, and the Smarty modifiers. Every helper is a pure function
//! of its arguments; a missing argument counts as null.

use handlebars::{Context, Handlebars, Helper, HelperDef, RenderContext, RenderError, ScopedJson};
use serde_json::Value;

/// A helper's computation: its value from its arguments.
type Function = fn(&[&Value]) -> Value;

/// The helpers, by the names `translate` uses. `and`, `or`, `not` and `lookup` are
/// handlebars' own.
pub(crate) const HELPERS: [(&str, Function); 10] = [
    ("str", |args| Value::String(php_string(arg(args, 0)))),
    ("default", default),
    ("escape", |args| {
        Value::String(escape_html(&php_string(arg(args, 0))))
    }),
    ("urlencode", |args| {
        Value::String(urlencode(&php_string(arg(args, 0))))
    }),
    ("upper", |args| {
        Value::String(php_string(arg(args, 0)).to_uppercase())
    }),
    ("lower", |args| {
        Value::String(php_string(arg(args, 0)).to_lowercase())
    }),
    ("ucfirst", |args| {
        Value::String(ucfirst(php_string(arg(args, 0))))
    }),
    ("truthy", |args| Value::Bool(php_truthy(arg(args, 0)))),
    ("falsy", |args| Value::Bool(!php_truthy(arg(args, 0)))),
    ("loose_eq", |args| {
        Value::Bool(php_loose_eq(arg(args, 0), &php_string(arg(args, 1))))
    }),
];

/// Register every helper on `registry`.
pub(crate) fn register(registry: &mut Handlebars<'_>) {
    for (name, function) in HELPERS {
        registry.register_helper(name, Box::new(Pure(function)));
    }
}

/// A helper computing a value from its arguments alone.
struct Pure(Function);

impl HelperDef for Pure {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        let args: Vec<&Value> = h.params().iter().map(|param| param.value()).collect();
        Ok(ScopedJson::Derived((self.0)(&args)))
    }
}

fn arg<'a>(args: &[&'a Value], index: usize) -> &'a Value {
    args.get(index).copied().unwrap_or(&Value::Null)
}

/// Smarty's `default`: the fallback when the value is unset, null or the empty string;
/// the value itself (of whatever type) otherwise.
fn default(args: &[&Value]) -> Value {
    match arg(args, 0) {
        Value::Null => arg(args, 1).clone(),
        Value::String(s) if s.is_empty() => arg(args, 1).clone(),
        value => value.clone(),
    }
}

/// How PHP prints a value: booleans as `1` or nothing, numbers as written, null as
/// nothing. Arrays and objects, which merge fields never are, print as JSON.
fn php_string(value: &Value) -> String {
    match value {
        Value::Null | Value::Bool(false) => String::new(),
        Value::Bool(true) => "1".to_owned(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(_) | Value::Object(_) => value.to_string(),
    }
}

/// PHP's truthiness: false are null, false, 0, "", "0" and the empty array.
fn php_truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !(s.is_empty() || s == "0"),
        Value::Array(items) => !items.is_empty(),
        Value::Object(_) => true,
    }
}

/// PHP 8's `$value == "string"`: a boolean compares with the string's truthiness,
/// numbers compare numerically with a numeric string, everything else as strings.
fn php_loose_eq(value: &Value, other: &str) -> bool {
    match value {
        Value::Bool(b) => {
            let other_truthy = !(other.is_empty() || other == "0");
            *b == other_truthy
        }
        Value::Number(n) => match (n.as_f64(), php_numeric(other)) {
            (Some(a), Some(b)) => a == b,
            _ => n.to_string() == other,
        },
        Value::String(s) => match (php_numeric(s), php_numeric(other)) {
            (Some(a), Some(b)) => a == b,
            _ => *s == other,
        },
        Value::Null => other.is_empty(),
        Value::Array(_) | Value::Object(_) => false,
    }
}

/// The value of a PHP numeric string (`" 1.5e3 "`), or `None`.
fn php_numeric(s: &str) -> Option<f64> {
    let s = s.trim_matches(|c: char| c.is_ascii_whitespace() || c == '\x0b');
    let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], Some(&unsigned[at + 1..])),
        None => (unsigned, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok =
        digits(whole) && digits(fraction) && !(whole.is_empty() && fraction.is_empty());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    if mantissa_ok && exponent_ok {
        s.parse().ok()
    } else {
        None
    }
}

/// Smarty's `escape` (PHP's `htmlspecialchars` with `ENT_QUOTES`); also the escaping of
/// every value in HTML output.
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

/// RFC 3986 percent-encoding (PHP's `rawurlencode`): unreserved characters stay, every
/// other UTF-8 byte becomes `%XX`.
fn urlencode(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for byte in s.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    out
}

/// PHP's `ucfirst`: the first byte upper-cased when it is an ASCII letter.
fn ucfirst(mut s: String) -> String {
    if let Some(first) = s.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_strings_as_php_reads_them() {
        let cases = [
            ("1", Some(1.0)),
            (" 1.5\n", Some(1.5)),
            ("-2e3", Some(-2000.0)),
            ("1E+2", Some(100.0)),
            (".5", Some(0.5)),
            ("5.", Some(5.0)),
            ("+1", Some(1.0)),
            ("007", Some(7.0)),
            ("", None),
            (" ", None),
            (".", None),
            ("1e", None),
            ("e1", None),
            ("--1", None),
            ("1 1", None),
            ("0x1A", None),
            ("inf", None),
            ("NaN", None),
            ("1_000", None),
        ];
        for (s, expected) in cases {
            assert_eq!(php_numeric(s), expected, "{s:?}");
        }
    }

    #[test]
    fn urlencode_is_rfc_3986() {
        assert_eq!(urlencode("AZaz09-_.~"), "AZaz09-_.~");
        assert_eq!(urlencode(" +/?%&=#"), "%20%2B%2F%3F%25%26%3D%23");
        assert_eq!(urlencode("é😀"), "%C3%A9%F0%9F%98%80");
        assert_eq!(urlencode("\n\u{7f}"), "%0A%7F");
    }

    #[test]
    fn ucfirst_only_touches_an_ascii_first_letter() {
        assert_eq!(ucfirst("abc".to_owned()), "Abc");
        assert_eq!(ucfirst("émile".to_owned()), "émile");
        assert_eq!(ucfirst("1a".to_owned()), "1a");
        assert_eq!(ucfirst(String::new()), "");
    }

    #[test]
    fn escape_html_covers_the_five_characters() {
        assert_eq!(escape_html("&<>\"'`="), "&amp;&lt;&gt;&quot;&#039;`=");
        assert_eq!(escape_html("&amp;"), "&amp;amp;");
    }
}
