//! Text that is safe to show people: which characters never reach a terminal raw
//! (controls, bidi controls, zero-width characters), their escaped forms, and
//! cutting text to a display width. Pure.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Bidi controls and zero-width or otherwise invisible format characters: they
/// reorder or hide text, so what a terminal shows is not what is stored.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        // bidi controls
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        // zero-width and invisible format characters
        | '\u{00AD}' | '\u{034F}' | '\u{180E}' | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}'
        | '\u{206A}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}' | '\u{E0000}'..='\u{E007F}'
        // line and paragraph separators
        | '\u{2028}' | '\u{2029}')
}

/// A character that is shown escaped: a C0 or C1 control, DEL, or an invisible one.
pub fn is_hidden(c: char) -> bool {
    c.is_control() || is_invisible(c)
}

/// The escaped form of one character: `\n`, `\r`, `\t`, `\x1b` for the other
/// ASCII controls, `\u{202e}` for everything else.
pub fn escape_char(c: char) -> String {
    match c {
        '\n' => "\\n".to_owned(),
        '\r' => "\\r".to_owned(),
        '\t' => "\\t".to_owned(),
        c if c.is_ascii() => format!("\\x{:02x}", c as u32),
        c => format!("\\u{{{:x}}}", c as u32),
    }
}

/// `text` with every hidden character escaped; borrowed when there is none.
pub fn escaped(text: &str) -> Cow<'_, str> {
    // Printable ASCII, the usual case, is checked byte by byte.
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) || !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hidden(c) {
            out.push_str(&escape_char(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// How many terminal columns `text` takes (escape it first).
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// `text` cut to at most `max` columns, ending in `…` when something was cut.
pub fn cut(text: &str, max: usize) -> Cow<'_, str> {
    if text.len() <= max || width(text) <= max {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        used += w;
        out.push(c);
    }
    if max > 0 {
        out.push('…');
    }
    Cow::Owned(out)
}

/// A value quoted for an error message: escaped, in double quotes, and cut to 60
/// columns so a huge input never makes a huge message.
pub fn quoted(text: &str) -> String {
    // Only the start is ever shown: escape no more than that.
    let head = match text.char_indices().nth(200) {
        Some((i, _)) => &text[..i],
        None => text,
    };
    let shown = escaped(head);
    let mut cut = cut(&shown, 60).into_owned();
    if head.len() < text.len() && !cut.ends_with('…') {
        cut.push('…');
    }
    format!("\"{cut}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_are_escaped() {
        assert_eq!(escaped("plain text"), "plain text");
        assert_eq!(
            escaped("a\nb\rc\td\u{1b}[2J\u{7f}"),
            "a\\nb\\rc\\td\\x1b[2J\\x7f"
        );
        assert_eq!(
            escaped("evil\u{202e}txt.exe\u{200b}"),
            "evil\\u{202e}txt.exe\\u{200b}"
        );
        assert_eq!(escaped("\u{85}"), "\\u{85}", "a C1 control");
        assert_eq!(escaped("jürgen 東京"), "jürgen 東京");
    }

    #[test]
    fn invisible_characters_are_known() {
        for c in [
            '\u{202e}',
            '\u{2066}',
            '\u{200b}',
            '\u{200d}',
            '\u{feff}',
            '\u{e0041}',
        ] {
            assert!(is_invisible(c), "{c:?}");
        }
        for c in ['a', 'ü', '東', '\u{fe0f}'] {
            assert!(!is_invisible(c), "{c:?}");
        }
    }

    #[test]
    fn cutting_counts_columns() {
        assert_eq!(cut("abcdef", 6), "abcdef");
        assert_eq!(cut("abcdefg", 6), "abcde…");
        assert_eq!(cut("東京東京", 5), "東京…");
        assert_eq!(width(&cut("東京東京", 5)), 5);
    }

    #[test]
    fn quoted_values_are_short() {
        assert_eq!(quoted("x\ny"), "\"x\\ny\"");
        let long = quoted(&"9".repeat(1_000_000));
        assert!(long.chars().count() <= 62, "{long}");
        assert!(long.ends_with("…\""));
    }
}
