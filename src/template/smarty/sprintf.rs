//! `string_format`: PHP's `sprintf` with the template value as its one argument. The
//! supported formats have at most one conversion (`s d u e E f F g G x X o b`, flags
//! `- + 0 space 'c`, a width, a precision for the floating ones), so none can fail at
//! run time or cut a character in half.

use super::php::{self, Value};

/// The largest width accepted.
const MAX_WIDTH: usize = 1000;

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Format {
    before: String,
    spec: Option<Spec>,
    after: String,
}

#[derive(Debug, Clone, PartialEq)]
struct Spec {
    left: bool,
    plus: bool,
    pad: char,
    width: usize,
    precision: Option<usize>,
    conversion: char,
}

impl Format {
    pub(crate) fn parse(format: &str) -> Result<Format, String> {
        let mut before = String::new();
        let mut after = String::new();
        let mut spec = None;
        let mut chars = format.chars().peekable();
        while let Some(c) = chars.next() {
            let out = if spec.is_some() {
                &mut after
            } else {
                &mut before
            };
            if c != '%' {
                out.push(c);
                continue;
            }
            if chars.peek() == Some(&'%') {
                chars.next();
                out.push('%');
                continue;
            }
            let (mut left, mut plus, mut pad) = (false, false, ' ');
            loop {
                match chars.peek() {
                    Some(' ') => pad = ' ',
                    Some('0') => pad = '0',
                    Some('-') => left = true,
                    Some('+') => plus = true,
                    Some('\'') => {
                        chars.next();
                        match chars.peek() {
                            Some(&p) if p.is_ascii() => pad = p,
                            _ => {
                                return Err(
                                    "string_format: the padding after ' must be an ASCII character"
                                        .to_owned(),
                                );
                            }
                        }
                    }
                    _ => break,
                }
                chars.next();
            }
            let mut width = String::new();
            while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                width.push(d);
                chars.next();
            }
            if chars.peek() == Some(&'$') {
                return Err("string_format: argument numbers (%1$s) are not supported".to_owned());
            }
            let width: usize = if width.is_empty() {
                0
            } else {
                width.parse().unwrap_or(usize::MAX)
            };
            if width > MAX_WIDTH {
                return Err(format!("string_format: width over {MAX_WIDTH}"));
            }
            let mut precision = None;
            if chars.peek() == Some(&'.') {
                chars.next();
                let mut digits = String::new();
                while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(d);
                    chars.next();
                }
                precision = Some(digits.parse::<usize>().unwrap_or(0).min(53));
            }
            if chars.peek() == Some(&'l') {
                chars.next();
            }
            let Some(conversion) = chars.next() else {
                return Err(
                    "string_format: the format ends in the middle of a conversion".to_owned(),
                );
            };
            match conversion {
                '%' => {
                    let out = if spec.is_some() {
                        &mut after
                    } else {
                        &mut before
                    };
                    out.push('%');
                    continue;
                }
                's' | 'x' | 'X' | 'o' | 'b' if precision.is_some() => {
                    return Err(format!(
                        "string_format: a precision with %{conversion} is not supported"
                    ));
                }
                's' | 'd' | 'u' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'x' | 'X' | 'o' | 'b' => {}
                _ => {
                    return Err(format!(
                        "string_format: unsupported conversion %{conversion} (supported: s d u e E f F g G x X o b)"
                    ));
                }
            }
            if spec.is_some() {
                return Err("string_format takes one value: use one conversion only".to_owned());
            }
            spec = Some(Spec {
                left,
                plus,
                pad,
                width,
                precision,
                conversion,
            });
        }
        Ok(Format {
            before,
            spec,
            after,
        })
    }

    pub(crate) fn apply(&self, value: &Value) -> String {
        let mut out = self.before.clone();
        if let Some(spec) = &self.spec {
            out.push_str(&spec.apply(value));
        }
        out.push_str(&self.after);
        out
    }
}

impl Spec {
    fn apply(&self, value: &Value) -> String {
        match self.conversion {
            's' => self.pad_out(&value.to_php_string(), false, self.pad),
            'd' => {
                let n = value.to_int();
                let mut s = n.to_string();
                if self.plus && n >= 0 {
                    s.insert(0, '+');
                }
                self.pad_out(&s, n < 0 || self.plus, self.integer_pad())
            }
            'u' => self.pad_out(
                &(value.to_int() as u64).to_string(),
                false,
                self.integer_pad(),
            ),
            'x' => self.pad_out(&format!("{:x}", value.to_int() as u64), false, self.pad),
            'X' => self.pad_out(&format!("{:X}", value.to_int() as u64), false, self.pad),
            'o' => self.pad_out(&format!("{:o}", value.to_int() as u64), false, self.pad),
            'b' => self.pad_out(&format!("{:b}", value.to_int() as u64), false, self.pad),
            'g' | 'G' => {
                let precision = self.precision.unwrap_or(6).max(1);
                let exp = if self.conversion == 'G' { 'E' } else { 'e' };
                let mut s = php::float_to_string(value.to_float(), precision, exp);
                let negative = s.starts_with('-');
                if !negative && self.plus {
                    s.insert(0, '+');
                }
                self.pad_out(&s, negative || self.plus, self.pad)
            }
            _ if !value.to_float().is_finite() => {
                // PHP prints INF (or NAN) whatever the sign and conversion.
                let f = value.to_float();
                let text = if f.is_nan() { "NAN" } else { "INF" };
                let signed = (f < 0.0 || self.plus) && self.pad == '0' && !self.left;
                if signed {
                    let sign = if f < 0.0 { '-' } else { '+' };
                    let padding: String =
                        std::iter::repeat_n('0', self.width.saturating_sub(3)).collect();
                    format!("{sign}{padding}{}", &text[1..])
                } else {
                    self.pad_out(text, false, self.pad)
                }
            }
            _ => {
                let f = value.to_float();
                let precision = self.precision.unwrap_or(6);
                let negative = f < 0.0;
                let mut s = if self.conversion.eq_ignore_ascii_case(&'f') {
                    format!("{:.*}", precision, f.abs())
                } else {
                    let formatted = format!("{:.*e}", precision, f.abs());
                    let (mantissa, exponent) =
                        formatted.split_once('e').unwrap_or((&formatted, "0"));
                    let exponent: i32 = exponent.parse().unwrap_or(0);
                    let sign = if exponent < 0 { '-' } else { '+' };
                    format!(
                        "{mantissa}{}{sign}{}",
                        self.conversion,
                        exponent.unsigned_abs()
                    )
                };
                if negative {
                    s.insert(0, '-');
                } else if self.plus {
                    s.insert(0, '+');
                }
                self.pad_out(&s, negative || self.plus, self.pad)
            }
        }
    }

    /// Integers are never padded with zeros on the right.
    fn integer_pad(&self) -> char {
        if self.left && self.pad == '0' {
            ' '
        } else {
            self.pad
        }
    }

    /// PHP's `php_sprintf_appendstring`: pad to the width (bytes); zeros go after the
    /// sign of a `signed` number.
    fn pad_out(&self, s: &str, signed: bool, pad: char) -> String {
        let missing = self.width.saturating_sub(s.len());
        let padding: String = std::iter::repeat_n(pad, missing).collect();
        if self.left {
            return format!("{s}{padding}");
        }
        if signed && pad == '0' && s.starts_with(['-', '+']) {
            format!("{}{padding}{}", &s[..1], &s[1..])
        } else {
            format!("{padding}{s}")
        }
    }
}
