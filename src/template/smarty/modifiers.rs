//! The modifiers of the supported set: which arguments each takes (checked when the
//! template is read, as Smarty's compiler and WHMCS's security policy do), and what each
//! does to a value, as the PHP code Smarty 4 compiles it to does.

use super::dates::{self, DateFormat, Zone};
use super::php::{self, Value};
use super::sprintf::Format;

/// A literal modifier argument: its value, the PHP code Smarty compiles it to (some
/// modifiers look at the code, not the value) and its byte offset in the template.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Arg {
    pub value: Value,
    pub code: String,
    pub at: usize,
}

/// `escape`'s types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Escape {
    Html,
    HtmlAll,
    Url,
    UrlPathInfo,
    Quotes,
    Javascript,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Modifier {
    Default(Vec<Value>),
    Escape(Escape),
    Upper,
    Lower,
    Ucfirst,
    Urlencode,
    Capitalize {
        digits: bool,
    },
    Nl2br {
        xhtml: bool,
    },
    Truncate {
        length: i64,
        etc: String,
        break_words: bool,
        middle: bool,
    },
    StripTags,
    Strip(String),
    Replace(String, String),
    StringFormat(Format),
    DateFormat {
        format: DateFormat,
        default: Option<Value>,
    },
    Cat(Vec<Value>),
    CountCharacters {
        all: bool,
    },
}

/// Where an argument error is (an argument's offset, or the modifier's name when
/// `None`) and what it is.
type ArgError = (Option<usize>, String);

const SUPPORTED: &str = "default, escape, upper, lower, ucfirst, capitalize, nl2br, truncate, \
                         strip_tags, strip, replace, string_format, date_format, cat, \
                         count_characters, urlencode";

impl Modifier {
    /// A modifier by name with its literal arguments, or why Smarty or the supported set
    /// refuses it.
    pub(crate) fn new(name: &str, args: Vec<Arg>) -> Result<Modifier, ArgError> {
        let too_many = |most: usize| -> Result<(), ArgError> {
            match args.get(most) {
                Some(extra) => Err((
                    Some(extra.at),
                    match most {
                        0 => format!("`{name}` takes no argument"),
                        _ => format!("too many arguments for `{name}` (at most {most})"),
                    },
                )),
                None => Ok(()),
            }
        };
        let string = |i: usize| args.get(i).map(|a| a.value.to_php_string());
        let truthy = |i: usize, default: bool| args.get(i).map_or(default, |a| a.value.truthy());
        Ok(match name {
            "default" if args.is_empty() => Modifier::Default(vec![Value::Str(String::new())]),
            "default" => Modifier::Default(args.into_iter().map(|a| a.value).collect()),
            "escape" => {
                too_many(1)?;
                let kind = match args.first() {
                    None => Escape::Html,
                    Some(arg) => escape_kind(arg)?,
                };
                Modifier::Escape(kind)
            }
            "upper" | "lower" | "ucfirst" | "urlencode" => {
                too_many(0)?;
                match name {
                    "upper" => Modifier::Upper,
                    "lower" => Modifier::Lower,
                    "ucfirst" => Modifier::Ucfirst,
                    _ => Modifier::Urlencode,
                }
            }
            "strip_tags" => {
                too_many(1)?;
                if let Some(arg) = args.first()
                    && arg.code.trim_matches('"') != "true"
                {
                    {
                        return Err((
                            Some(arg.at),
                            "strip_tags with an argument other than true (PHP's strip_tags) is \
                             not supported"
                                .to_owned(),
                        ));
                    }
                }
                Modifier::StripTags
            }
            "capitalize" => {
                too_many(2)?;
                if truthy(1, false) {
                    return Err((
                        Some(args[1].at),
                        "capitalize's third argument (lower-case the rest) is not supported"
                            .to_owned(),
                    ));
                }
                Modifier::Capitalize {
                    digits: truthy(0, false),
                }
            }
            "nl2br" => {
                too_many(1)?;
                Modifier::Nl2br {
                    xhtml: truthy(0, true),
                }
            }
            "truncate" => {
                too_many(4)?;
                let length = match args.first() {
                    None => 80,
                    Some(Arg {
                        value: Value::Int(n),
                        ..
                    }) if *n >= 0 => *n,
                    Some(arg) => {
                        return Err((
                            Some(arg.at),
                            "truncate's length must be a whole number, 0 or more".to_owned(),
                        ));
                    }
                };
                Modifier::Truncate {
                    length,
                    etc: string(1).unwrap_or_else(|| "...".to_owned()),
                    break_words: truthy(2, false),
                    middle: truthy(3, false),
                }
            }
            "strip" => {
                too_many(1)?;
                Modifier::Strip(string(0).unwrap_or_else(|| " ".to_owned()))
            }
            "replace" => {
                too_many(2)?;
                match (string(0), string(1)) {
                    (Some(search), Some(replace)) => Modifier::Replace(search, replace),
                    _ => {
                        return Err((
                            None,
                            "replace takes two arguments: replace:'search':'replacement'"
                                .to_owned(),
                        ));
                    }
                }
            }
            "string_format" => {
                too_many(1)?;
                let Some(arg) = args.first() else {
                    return Err((
                        None,
                        "string_format needs a format, e.g. string_format:'%.2f'".to_owned(),
                    ));
                };
                let Value::Str(format) = &arg.value else {
                    return Err((
                        Some(arg.at),
                        "string_format's format must be a string".to_owned(),
                    ));
                };
                Modifier::StringFormat(Format::parse(format).map_err(|e| (Some(arg.at), e))?)
            }
            "date_format" => {
                too_many(2)?;
                let format = match args.first() {
                    None => dates::DEFAULT_FORMAT.to_owned(),
                    Some(Arg {
                        value: Value::Str(format),
                        ..
                    }) => format.clone(),
                    Some(arg) => {
                        return Err((
                            Some(arg.at),
                            "date_format's format must be a string".to_owned(),
                        ));
                    }
                };
                let at = args.first().map(|a| a.at);
                Modifier::DateFormat {
                    format: DateFormat::parse(&format).map_err(|e| (at, e))?,
                    default: args.get(1).map(|a| a.value.clone()),
                }
            }
            "cat" => Modifier::Cat(args.into_iter().map(|a| a.value).collect()),
            "count_characters" => {
                too_many(1)?;
                Modifier::CountCharacters {
                    all: args.first().is_some_and(|a| a.code == "true"),
                }
            }
            _ => {
                return Err((
                    None,
                    format!(
                        "unsupported modifier `{name}` (supported: {SUPPORTED}; WHMCS's mail \
                         security policy refuses PHP functions other than escape, count, \
                         urlencode, ucfirst and date_format)"
                    ),
                ));
            }
        })
    }

    /// Whether Smarty loads this modifier from a plugin file (rather than compiling it
    /// to PHP code), which changes the compiled template's first line.
    pub(crate) fn is_plugin(&self) -> bool {
        matches!(
            self,
            Modifier::Truncate { .. }
                | Modifier::Replace(..)
                | Modifier::Capitalize { .. }
                | Modifier::DateFormat { .. }
        )
    }

    /// The modifier applied to `value`; an error says why the value cannot be used.
    pub(crate) fn apply(&self, value: Value, zone: &Zone) -> Result<Value, String> {
        let text = || value.to_php_string();
        Ok(match self {
            Modifier::Default(fallbacks) => {
                let mut value = value;
                for fallback in fallbacks {
                    if matches!(&value, Value::Null)
                        || matches!(&value, Value::Str(s) if s.is_empty())
                    {
                        value = fallback.clone();
                    }
                }
                value
            }
            Modifier::Escape(kind) => Value::Str(escape(*kind, &text())),
            Modifier::Upper => Value::Str(php::upper(&text())),
            Modifier::Lower => Value::Str(php::lower(&text())),
            Modifier::Ucfirst => Value::Str(php::ucfirst(text())),
            Modifier::Urlencode => Value::Str(php::url_encode(&text(), true)),
            Modifier::Capitalize { digits } => Value::Str(capitalize(&text(), *digits)),
            Modifier::Nl2br { xhtml } => Value::Str(nl2br(&text(), *xhtml)),
            Modifier::Truncate {
                length,
                etc,
                break_words,
                middle,
            } => truncate(value, *length, etc, *break_words, *middle),
            Modifier::StripTags => {
                if value.truthy() {
                    Value::Str(strip_tags(&text()))
                } else {
                    Value::Str(String::new())
                }
            }
            Modifier::Strip(replacement) => Value::Str(strip(&text(), replacement)),
            Modifier::Replace(search, replace) => {
                if search.is_empty() {
                    Value::Str(text())
                } else {
                    Value::Str(text().replace(search.as_str(), replace))
                }
            }
            Modifier::StringFormat(format) => Value::Str(format.apply(&value)),
            Modifier::DateFormat { format, default } => {
                dates::date_format(&value, format, default.as_ref(), zone)?
            }
            Modifier::Cat(parts) => {
                let mut out = text();
                for part in parts {
                    out.push_str(&part.to_php_string());
                }
                Value::Str(out)
            }
            Modifier::CountCharacters { all } => {
                let s = text();
                let count = if *all {
                    s.chars().count()
                } else {
                    s.chars().filter(|&c| !php::is_space(c)).count()
                };
                Value::Int(count as i64)
            }
        })
    }
}

/// `escape`'s type, as Smarty's compiler reads it: a literal of letters, digits and
/// `-`, quoted or bare.
fn escape_kind(arg: &Arg) -> Result<Escape, ArgError> {
    let kind = match &arg.value {
        Value::Str(s) => s.as_str(),
        _ => "",
    };
    Ok(match kind {
        "html" => Escape::Html,
        "htmlall" => Escape::HtmlAll,
        "url" => Escape::Url,
        "urlpathinfo" => Escape::UrlPathInfo,
        "quotes" => Escape::Quotes,
        "javascript" => Escape::Javascript,
        _ => {
            return Err((
                Some(arg.at),
                format!(
                    "unsupported escape type {} (supported: html, htmlall, url, urlpathinfo, \
                     quotes, javascript)",
                    arg.code
                ),
            ));
        }
    })
}

fn escape(kind: Escape, s: &str) -> String {
    match kind {
        Escape::Html => php::escape_html(s),
        Escape::HtmlAll => php::html_entities(s),
        Escape::Url => php::url_encode(s, false),
        Escape::UrlPathInfo => php::url_encode(s, false).replace("%2F", "/"),
        Escape::Quotes => {
            let mut out = String::with_capacity(s.len());
            let mut previous = None;
            for c in s.chars() {
                if c == '\'' && previous != Some('\\') {
                    out.push('\\');
                }
                out.push(c);
                previous = Some(c);
            }
            out
        }
        Escape::Javascript => {
            const MAP: &[(&str, &str)] = &[
                ("<!--", "<\\!--"),
                ("</", "<\\/"),
                ("<s", "<\\s"),
                ("<S", "<\\S"),
                ("${", "\\$\\{"),
                ("\\", "\\\\"),
                ("'", "\\'"),
                ("\"", "\\\""),
                ("\r", "\\r"),
                ("\n", "\\n"),
                ("`", "\\`"),
            ];
            let mut out = String::with_capacity(s.len());
            let mut rest = s;
            'outer: while let Some(c) = rest.chars().next() {
                for (from, to) in MAP {
                    if let Some(after) = rest.strip_prefix(from) {
                        out.push_str(to);
                        rest = after;
                        continue 'outer;
                    }
                }
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
            out
        }
    }
}

/// PHP's `nl2br`: a break before every `\r\n`, `\n\r`, `\n` and `\r`.
fn nl2br(s: &str, xhtml: bool) -> String {
    let br = if xhtml { "<br />" } else { "<br>" };
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' | '\n' => {
                out.push_str(br);
                out.push(c);
                let pair = if c == '\r' { '\n' } else { '\r' };
                if chars.peek() == Some(&pair) {
                    out.push(pair);
                    chars.next();
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// `preg_replace('!<[^>]*?>!', ' ', $s)`.
fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('<') {
        match rest[open..].find('>') {
            Some(close) => {
                out.push_str(&rest[..open]);
                out.push(' ');
                rest = &rest[open + close + 1..];
            }
            None => break,
        }
    }
    out.push_str(rest);
    out
}

/// `preg_replace('!\s+!u', $replacement, $s)`, with the replacement's `$0`/`\0`
/// references.
fn strip(s: &str, replacement: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run = String::new();
    for c in s.chars() {
        if php::is_space(c) {
            run.push(c);
            continue;
        }
        if !run.is_empty() {
            out.push_str(&expand_replacement(replacement, &run));
            run.clear();
        }
        out.push(c);
    }
    if !run.is_empty() {
        out.push_str(&expand_replacement(replacement, &run));
    }
    out
}

/// A `preg_replace` replacement for one match without groups: `$0`, `\0`, `${0}` are the
/// match, other references are empty, a backslash before `$` or `\` makes it literal.
fn expand_replacement(replacement: &str, matched: &str) -> String {
    let bytes = replacement.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut i = 0;
    let mut last = 0u8;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\\' || b == b'$' {
            if last == b'\\' {
                out.pop();
                out.push(b);
                i += 1;
                last = 0;
                continue;
            }
            if let Some((group, len)) = backref(&bytes[i..]) {
                if group == 0 {
                    out.extend_from_slice(matched.as_bytes());
                }
                i += len;
                last = bytes[i - 1];
                continue;
            }
        }
        out.push(b);
        last = b;
        i += 1;
    }
    String::from_utf8(out).unwrap_or_default()
}

/// A reference at the start of `s` (`\N`, `$N`, `${N}`, one or two digits): its group and
/// length.
fn backref(s: &[u8]) -> Option<(usize, usize)> {
    let braces = s[0] == b'$' && s.get(1) == Some(&b'{');
    let start = if braces { 2 } else { 1 };
    let mut end = start;
    while end < s.len() && end < start + 2 && s[end].is_ascii_digit() {
        end += 1;
    }
    if end == start {
        return None;
    }
    let group: usize = std::str::from_utf8(&s[start..end]).ok()?.parse().ok()?;
    if braces {
        if s.get(end) != Some(&b'}') {
            return None;
        }
        end += 1;
    }
    Some((group, end))
}

/// `mb_substr($chars, $start, $length)` over characters.
fn substr(chars: &[char], start: i64, length: Option<i64>) -> String {
    let n = chars.len() as i64;
    let from = if start < 0 {
        (n + start).max(0)
    } else {
        start.min(n)
    };
    let to = match length {
        None => n,
        Some(len) if len < 0 => (n + len).max(from),
        Some(len) => (from + len).min(n),
    };
    chars[from as usize..to.max(from) as usize].iter().collect()
}

/// Smarty's `truncate` with mbstring.
fn truncate(value: Value, length: i64, etc: &str, break_words: bool, middle: bool) -> Value {
    if length == 0 {
        return Value::Str(String::new());
    }
    let s = value.to_php_string();
    let chars: Vec<char> = s.chars().collect();
    if (chars.len() as i64) <= length {
        return value;
    }
    let length = length - length.min(etc.chars().count() as i64);
    let mut kept = chars;
    if !break_words && !middle {
        let head: Vec<char> = substr(&kept, 0, Some(length + 1)).chars().collect();
        kept = drop_last_word(&head);
    }
    if !middle {
        return Value::Str(substr(&kept, 0, Some(length)) + etc);
    }
    let half = length / 2;
    let tail_start = if half == 0 { 0 } else { -half };
    Value::Str(substr(&kept, 0, Some(half)) + etc + &substr(&kept, tail_start, Some(length)))
}

/// `preg_replace('/\s+?(\S+)?$/u', '', $s)`: the first place from which only
/// whitespace and at most one word remain (a final newline may stay) is cut.
fn drop_last_word(chars: &[char]) -> Vec<char> {
    let n = chars.len();
    for start in 0..n {
        if !php::is_space(chars[start]) {
            continue;
        }
        let mut spaces_end = start;
        while spaces_end < n && php::is_space(chars[spaces_end]) {
            spaces_end += 1;
            let mut word_end = spaces_end;
            while word_end < n && !php::is_space(chars[word_end]) {
                word_end += 1;
            }
            for end in (spaces_end..=word_end).rev() {
                if end == n || (end + 1 == n && chars[end] == '\n') {
                    let mut out = chars[..start].to_vec();
                    out.extend_from_slice(&chars[end..]);
                    return out;
                }
            }
        }
    }
    chars.to_vec()
}

/// Smarty's `capitalize` with mbstring (`lc_rest` off).
fn capitalize(s: &str, digits: bool) -> String {
    // Lower-case letters after the start or a character that is neither a letter nor
    // an apostrophe are upper-cased (a backslash before one is dropped).
    let chars: Vec<char> = s.chars().collect();
    let mut upper = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if i == 0 && php::is_lower(c) {
            upper.push_str(&php::upper(&c.to_string()));
            i += 1;
            continue;
        }
        if !php::is_letter(c) && c != '\'' && chars.get(i + 1).is_some_and(|&n| php::is_lower(n)) {
            if c != '\\' {
                upper.push(c);
            }
            upper.push_str(&php::upper(&chars[i + 1].to_string()));
            i += 2;
            continue;
        }
        upper.push(c);
        i += 1;
    }
    let mut bytes = upper.into_bytes();
    if !digits {
        // Words with digits in them are lower-cased, at their offsets in the original.
        for (offset, word) in words_with_digits(s) {
            let end = (offset + word.len()).min(bytes.len());
            if offset <= bytes.len() {
                bytes.splice(offset..end, php::lower(word).into_bytes());
            }
        }
    }
    let upper = String::from_utf8_lossy(&bytes).into_owned();
    // A word character after a quote at the start or after whitespace is upper-cased.
    let chars: Vec<char> = upper.chars().collect();
    let mut out = String::with_capacity(upper.len());
    let mut i = 0;
    while i < chars.len() {
        let at_start = i == 0 && matches!(chars[i], '\'' | '"');
        let after_space =
            php::is_space(chars[i]) && chars.get(i + 1).is_some_and(|&q| q == '\'' || q == '"');
        let quote = if at_start { i } else { i + 1 };
        if (at_start || after_space) && chars.get(quote + 1).is_some_and(|&w| php::is_word(w)) {
            out.extend(&chars[i..=quote]);
            out.push_str(&php::upper(&chars[quote + 1].to_string()));
            i = quote + 2;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// `\b([\p{L}]*[\p{N}]+[\p{L}]*)\b` matches: word-character runs made of letters around
/// digits, with their byte offsets.
fn words_with_digits(s: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut run_start = None;
    let indices: Vec<(usize, char)> = s.char_indices().chain([(s.len(), ' ')]).collect();
    for &(offset, c) in &indices {
        let in_word = offset < s.len() && php::is_word(c);
        match (in_word, run_start) {
            (true, None) => run_start = Some(offset),
            (false, Some(start)) => {
                let run = &s[start..offset];
                let letters_digits_letters = {
                    let mut phase = 0;
                    let mut ok = true;
                    let mut saw_digit = false;
                    for c in run.chars() {
                        let (letter, number) = (php::is_letter(c), php::is_number(c));
                        match phase {
                            0 if letter => {}
                            0 | 1 if number => {
                                phase = 1;
                                saw_digit = true;
                            }
                            1 | 2 if letter => phase = 2,
                            _ => {
                                ok = false;
                                break;
                            }
                        }
                    }
                    ok && saw_digit
                };
                if letters_digits_letters {
                    found.push((start, run));
                }
                run_start = None;
            }
            _ => {}
        }
    }
    found
}
