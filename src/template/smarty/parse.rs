//! From Smarty source to the tree, reading it as Smarty 4's lexer does: CRLF and lone CR
//! become LF and a leading BOM goes before anything else; tags are recognised by the same
//! patterns in the same order, so a template is accepted only when Smarty reads it the
//! same way; everything else is an error at its line and column. The newline a block tag,
//! a comment or the start of the template swallows is taken out here.

use super::modifiers::{Arg, Modifier};
use super::php::{Number, Value};
use super::{Branch, Expr, Node, Op, Pos, VarRef};
use crate::template::TemplateError;

/// `{if}` blocks nested deeper than this are refused: no e-mail needs it, and it keeps
/// every walk over the tree shallow.
const MAX_NESTING: usize = 32;

/// Parse a Smarty template.
pub(crate) fn parse(source: &str) -> Result<Vec<Node>, TemplateError> {
    let text = normalize(source);
    let mut parser = Parser {
        src: &text,
        lines: line_starts(&text),
        at: 0,
        root: Vec::new(),
        open: Vec::new(),
        eat_newline: true,
        at_start: true,
        start_newline_eaten: false,
    };
    parser.run()?;
    if parser.start_newline_eaten && parser.root.iter().any(Node::uses_plugin) {
        // A modifier plugin makes Smarty put code before the template, and that code
        // swallows the newline instead.
        match parser.root.first_mut() {
            Some(Node::Text(text)) => text.insert(0, '\n'),
            _ => parser.root.insert(0, Node::Text("\n".to_owned())),
        }
    }
    Ok(parser.root)
}

/// The text Smarty compiles: CRLF and CR as LF, without a leading BOM.
fn normalize(source: &str) -> String {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    source.replace("\r\n", "\n").replace('\r', "\n")
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// Whitespace as PCRE's `\s` sees it in Smarty's lexer (ASCII only).
fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// An `{if}` whose `{/if}` has not been seen yet.
struct OpenIf {
    pos: Pos,
    done: Vec<Branch>,
    /// The condition of the branch being read; `None` once in `{else}`.
    cond: Option<Expr>,
    else_pos: Option<Pos>,
    body: Vec<Node>,
}

impl OpenIf {
    /// Finish the branch being read and start the next (`None`: the `{else}` body).
    fn next_branch(&mut self, cond: Option<Expr>) {
        let body = std::mem::take(&mut self.body);
        if let Some(done) = std::mem::replace(&mut self.cond, cond) {
            self.done.push(Branch { cond: done, body });
        }
    }
}

struct Parser<'a> {
    src: &'a str,
    lines: Vec<usize>,
    at: usize,
    root: Vec<Node>,
    open: Vec<OpenIf>,
    /// The last thing read was a block tag or the start: one newline is not output.
    eat_newline: bool,
    /// Nothing but comments read yet.
    at_start: bool,
    /// The newline at the start of the template was taken out.
    start_newline_eaten: bool,
}

/// A token inside a tag, as Smarty's lexer cuts it.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Rdel,
    Str(String),
    Var(String),
    Op(Op),
    Not,
    OpenP,
    CloseP,
    /// `+` or `-` (a sign, here).
    Sign(bool),
    Id(String),
    Integer(String),
    Vert,
    Dot,
    Colon,
    /// The end of the template, inside a tag.
    End,
    /// Something Smarty reads that the supported set does not have.
    Unsupported(String),
}

impl Tok {
    fn describe(&self) -> String {
        match self {
            Tok::Rdel => "`}`".to_owned(),
            Tok::Str(_) => "a string".to_owned(),
            Tok::Var(name) => format!("${name}"),
            Tok::Op(op) => format!("`{}`", op.symbol()),
            Tok::Not => "`!`".to_owned(),
            Tok::OpenP => "`(`".to_owned(),
            Tok::CloseP => "`)`".to_owned(),
            Tok::Sign(true) => "`-`".to_owned(),
            Tok::Sign(false) => "`+`".to_owned(),
            Tok::Id(word) => format!("`{word}`"),
            Tok::Integer(digits) => format!("`{digits}`"),
            Tok::Vert => "`|`".to_owned(),
            Tok::Dot => "`.`".to_owned(),
            Tok::Colon => "`:`".to_owned(),
            Tok::End => "the end of the template".to_owned(),
            Tok::Unsupported(what) => what.clone(),
        }
    }
}

impl<'a> Parser<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.src.as_bytes()
    }

    fn byte(&self, at: usize) -> Option<u8> {
        self.bytes().get(at).copied()
    }

    fn pos(&self, at: usize) -> Pos {
        let line = self.lines.partition_point(|&start| start <= at);
        let start = self.lines[line - 1];
        let column = self.src[start..at].chars().count() + 1;
        Pos { line, column }
    }

    fn error(&self, at: usize, message: impl Into<String>) -> TemplateError {
        let pos = self.pos(at);
        TemplateError::at(pos.line, pos.column, message)
    }

    /// The end of a run of whitespace starting at `at`.
    fn skip_ws(&self, mut at: usize) -> usize {
        while self.byte(at).is_some_and(is_ws) {
            at += 1;
        }
        at
    }

    /// The end of `word` (ASCII case-insensitive) at `at`, if it is there.
    fn word_at(&self, at: usize, word: &str) -> Option<usize> {
        let end = at + word.len();
        let found = self.bytes().get(at..end)?;
        found.eq_ignore_ascii_case(word.as_bytes()).then_some(end)
    }

    /// The end of a `[0-9]*[a-zA-Z_]\w*` name at `at`.
    fn name_at(&self, at: usize) -> Option<usize> {
        let mut end = at;
        while self.byte(end).is_some_and(|b| b.is_ascii_digit()) {
            end += 1;
        }
        if !self
            .byte(end)
            .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        {
            return None;
        }
        while self.byte(end).is_some_and(is_word_byte) {
            end += 1;
        }
        Some(end)
    }

    fn run(&mut self) -> Result<(), TemplateError> {
        while self.at < self.src.len() {
            if self.byte(self.at) != Some(b'{') {
                let end = self.src[self.at..]
                    .find('{')
                    .map_or(self.src.len(), |i| self.at + i);
                self.text(self.at, end);
                continue;
            }
            let at = self.at;
            if self.src[at..].starts_with("{}") {
                self.text(at, at + 2);
            } else if self.src[at..].starts_with("{*") {
                self.comment(at)?;
            } else if let Some(end) = self.auto_literal(at) {
                self.text(at, end);
            } else if let Some(end) = self.literal_tag(at, false) {
                self.literal(at, end)?;
            } else if self.literal_tag(at, true).is_some() {
                return Err(self.error(at, "{/literal} without an open {literal}"));
            } else {
                self.tag(at)?;
            }
        }
        match self.open.last() {
            Some(open) => Err(TemplateError::at(
                open.pos.line,
                open.pos.column,
                "{if} is never closed: add {/if}",
            )),
            None => Ok(()),
        }
    }

    /// Source text `start..end` as output, after the newline a block tag swallows.
    fn text(&mut self, start: usize, end: usize) {
        self.at = end;
        let mut text = &self.src[start..end];
        if text.is_empty() {
            return;
        }
        if self.eat_newline
            && let Some(rest) = text.strip_prefix('\n')
        {
            text = rest;
            self.start_newline_eaten |= self.at_start;
        }
        self.eat_newline = false;
        self.at_start = false;
        if text.is_empty() {
            return;
        }
        let body = self.body();
        match body.last_mut() {
            Some(Node::Text(previous)) => previous.push_str(text),
            _ => body.push(Node::Text(text.to_owned())),
        }
    }

    fn body(&mut self) -> &mut Vec<Node> {
        match self.open.last_mut() {
            Some(open) => &mut open.body,
            None => &mut self.root,
        }
    }

    /// `{` (one or more) followed by whitespace: Smarty's auto-literal, plain text.
    fn auto_literal(&self, at: usize) -> Option<usize> {
        let mut end = at;
        while self.byte(end) == Some(b'{') {
            end += 1;
        }
        let after = self.skip_ws(end);
        (after > end).then_some(after)
    }

    /// `{literal\s*}` (or `{/literal\s*}` when `close`), any case: its end.
    fn literal_tag(&self, at: usize, close: bool) -> Option<usize> {
        let word = if close { "{/literal" } else { "{literal" };
        let end = self.skip_ws(self.word_at(at, word)?);
        (self.byte(end) == Some(b'}')).then_some(end + 1)
    }

    /// `{* … *}` and the newline right after it, which Smarty's lexer takes along.
    fn comment(&mut self, at: usize) -> Result<(), TemplateError> {
        let Some(close) = self.src[at + 1..].find("*}") else {
            return Err(self.error(at, "comment is never closed: add *}"));
        };
        let mut end = at + 1 + close + 2;
        if self.byte(end) == Some(b'\n') {
            end += 1;
        }
        self.at = end;
        Ok(())
    }

    /// `{literal}…{/literal}`, `start..open_end` being the opening tag: the content
    /// is text, nested `{literal}` pairs included.
    fn literal(&mut self, start: usize, open_end: usize) -> Result<(), TemplateError> {
        let mut at = open_end;
        let mut depth = 0usize;
        loop {
            if let Some(end) = self.literal_tag(at, false) {
                depth += 1;
                at = end;
            } else if let Some(end) = self.literal_tag(at, true) {
                if depth == 0 {
                    self.text(open_end, at);
                    self.at = end;
                    return Ok(());
                }
                depth -= 1;
                at = end;
            } else {
                let rest = self.src[at..].to_ascii_lowercase();
                let next = [rest.find("{literal}"), rest.find("{/literal}")]
                    .into_iter()
                    .flatten()
                    .min();
                match next {
                    Some(offset) if offset > 0 => at += offset,
                    _ => {
                        return Err(self.error(start, "{literal} is never closed: add {/literal}"));
                    }
                }
            }
        }
    }

    /// A tag at `at` (its `{`), tried in the order of Smarty's lexer.
    fn tag(&mut self, at: usize) -> Result<(), TemplateError> {
        let pos = self.pos(at);
        self.at_start = false;
        // {if …}, {elseif …}, {else if …}
        for word in ["if", "elseif", "else if", "while"] {
            if let Some(end) = self.word_at(at + 1, word) {
                let after = self.skip_ws(end);
                if after > end {
                    let written = &self.src[at + 1..end];
                    let tag = match written {
                        "if" => "if",
                        "elseif" | "else if" => "elseif",
                        _ => {
                            return Err(self.error(
                                at,
                                format!("unsupported tag {{{written}}} (supported: {{if}}, {{elseif}}, {{else}}, {{/if}}, written in lower case)"),
                            ));
                        }
                    };
                    self.at = after;
                    let cond = self.condition(at, tag)?;
                    return self.block(
                        pos,
                        if tag == "if" {
                            Block::If(cond)
                        } else {
                            Block::ElseIf(cond)
                        },
                    );
                }
            }
        }
        for word in ["for", "foreach", "setfilter", "make_nocache"] {
            if let Some(end) = self.word_at(at + 1, word) {
                let next = self.byte(end);
                let opens = next.is_none_or(is_ws) && (word == "foreach" || next.is_some());
                if opens {
                    return Err(self.error(at, format!("unsupported tag {{{word}}}")));
                }
            }
        }
        // {name} and {name nocache}
        if let Some(end) = self.name_at(at + 1) {
            let name = &self.src[at + 1..end];
            let mut after = self.skip_ws(end);
            let mut nocache = false;
            if after > end
                && let Some(word_end) = self.word_at(after, "nocache")
                && !self.byte(word_end).is_some_and(is_word_byte)
            {
                nocache = true;
                after = self.skip_ws(word_end);
            }
            if self.byte(after) == Some(b'}') {
                self.at = after + 1;
                if nocache {
                    return Err(self.error(at, "nocache is not supported"));
                }
                return match name {
                    "else" => self.block(pos, Block::Else),
                    "ldelim" | "rdelim" => {
                        let brace = if name == "ldelim" { "{" } else { "}" };
                        self.eat_newline = false;
                        let body = self.body();
                        match body.last_mut() {
                            Some(Node::Text(previous)) => previous.push_str(brace),
                            _ => body.push(Node::Text(brace.to_owned())),
                        }
                        Ok(())
                    }
                    "if" | "elseif" => Err(self.error(
                        at,
                        format!("{{{name}}} needs a condition, e.g. {{{name} $netflow_enabled}}"),
                    )),
                    _ => Err(self.error(at, format!("unsupported tag {{{name}}}"))),
                };
            }
        }
        // {/name}
        if self.byte(at + 1) == Some(b'/') {
            if let Some(end) = self.name_at(at + 2) {
                let after = self.skip_ws(end);
                if self.byte(after) == Some(b'}') {
                    let name = &self.src[at + 2..end];
                    self.at = after + 1;
                    return match name {
                        "if" => self.block(pos, Block::EndIf),
                        _ => Err(self.error(at, format!("unsupported tag {{/{name}}}"))),
                    };
                }
            }
            return Err(self.error(at, "a closing tag takes nothing: write {/if}"));
        }
        // {$name …}
        if self.byte(at + 1) == Some(b'$')
            && let Some(name_end) = self.name_at(at + 2)
        {
            let after = self.skip_ws(name_end);
            let space = &self.src[name_end..after];
            if self.byte(after) == Some(b'}') && space.bytes().any(|b| b != b' ') {
                // Smarty trims only spaces here: the name would include the rest.
                return Err(self.error(
                    name_end,
                    "only spaces may stand between a variable and its }",
                ));
            }
        }
        let (tok, end) = self.token(at + 1)?;
        let Tok::Var(name) = tok else {
            return Err(self.error(
                at + 1,
                format!(
                    "unsupported tag: expected {{$variable}}, {{if …}} or a comment, found {}",
                    tok.describe()
                ),
            ));
        };
        let var = self.var_ref(at + 1, name)?;
        self.at = end;
        let modifiers = self.modifiers(at)?;
        self.eat_newline = false;
        self.body().push(Node::Print { var, modifiers });
        Ok(())
    }

    fn var_ref(&self, at: usize, name: String) -> Result<VarRef, TemplateError> {
        if name == "smarty" {
            return Err(self.error(at, "$smarty (Smarty's own variables) is not supported"));
        }
        Ok(VarRef {
            name,
            pos: self.pos(at),
        })
    }

    /// `|name:arg:…` up to and including the closing `}`.
    fn modifiers(&mut self, open: usize) -> Result<Vec<Modifier>, TemplateError> {
        let mut modifiers = Vec::new();
        loop {
            let (tok, end) = self.token(self.at)?;
            match tok {
                Tok::Rdel => {
                    self.at = end;
                    return Ok(modifiers);
                }
                Tok::Vert => {
                    let name_at = end;
                    let Some(name_end) = self.name_at(name_at) else {
                        return Err(self.error(
                            name_at,
                            "expected a modifier name right after `|` (no space)",
                        ));
                    };
                    self.at = name_end;
                    let mut args = Vec::new();
                    loop {
                        let (tok, end) = self.token(self.at)?;
                        if tok != Tok::Colon {
                            break;
                        }
                        self.at = end;
                        args.push(self.argument()?);
                    }
                    let name = &self.src[name_at..name_end];
                    let modifier = Modifier::new(name, args)
                        .map_err(|(at, message)| self.error(at.unwrap_or(name_at), message))?;
                    modifiers.push(modifier);
                }
                Tok::End => return Err(self.error(open, "tag is never closed: add }")),
                other => {
                    let message = if self.byte(self.at).is_some_and(is_ws) {
                        "unexpected space in {$…}: write {$name|modifier} with no space before `|`"
                            .to_owned()
                    } else {
                        format!(
                            "unexpected {} in {{$…}}: only a variable and modifiers are supported here",
                            other.describe()
                        )
                    };
                    return Err(self.error(self.at, message));
                }
            }
        }
    }

    /// A modifier argument: a literal, read after its `:`.
    fn argument(&mut self) -> Result<Arg, TemplateError> {
        let at = self.at;
        let (tok, end) = self.token(at)?;
        let (value, code) = match tok {
            Tok::Str(s) => (Value::Str(s), self.src[at..end].to_owned()),
            Tok::Sign(_) | Tok::Integer(_) | Tok::Dot => {
                let number = self.number()?;
                return Ok(Arg {
                    value: number.value(),
                    code: self.src[at..self.at].to_owned(),
                    at,
                });
            }
            Tok::Id(word) => match self.bare_word(at, &word)? {
                Some(value) => (value, word),
                None => (Value::Str(word.clone()), format!("'{word}'")),
            },
            Tok::Var(name) => {
                return Err(self.error(
                    at,
                    format!("modifier arguments must be literals, not ${name}"),
                ));
            }
            other => {
                return Err(self.error(
                    at,
                    format!(
                        "expected a modifier argument after `:`, found {}",
                        other.describe()
                    ),
                ));
            }
        };
        self.at = end;
        Ok(Arg { value, code, at })
    }

    /// `true`, `false`, `null` (any case) as values; another word containing a
    /// lower-case letter is a string (`None`); an upper-case word could be a PHP
    /// constant and is refused.
    fn bare_word(&self, at: usize, word: &str) -> Result<Option<Value>, TemplateError> {
        Ok(Some(match word.to_ascii_lowercase().as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            "null" => Value::Null,
            _ if word.bytes().any(|b| b.is_ascii_lowercase()) => return Ok(None),
            _ => {
                return Err(self.error(
                    at,
                    format!("bare word {word} could be a PHP constant: quote it, '{word}'"),
                ));
            }
        }))
    }

    /// A number literal with an optional sign, the cursor on it.
    fn number(&mut self) -> Result<Number, TemplateError> {
        let start = self.at;
        let (mut tok, mut end) = self.token(self.at)?;
        let mut negative = false;
        if let Tok::Sign(minus) = tok {
            negative = minus;
            self.at = end;
            (tok, end) = self.token(self.at)?;
        }
        let mut text = String::new();
        match tok {
            Tok::Integer(digits) => {
                if digits.len() > 1 && digits.starts_with('0') {
                    return Err(self.error(
                        self.at,
                        format!("{digits} would be an octal number in PHP; write it without leading zeros or quote it"),
                    ));
                }
                text.push_str(&digits);
                self.at = end;
                let (next, next_end) = self.token(self.at)?;
                if next == Tok::Dot {
                    text.push('.');
                    self.at = next_end;
                    if let (Tok::Integer(fraction), fraction_end) = self.token(self.at)? {
                        text.push_str(&fraction);
                        self.at = fraction_end;
                    }
                }
            }
            Tok::Dot => {
                self.at = end;
                let (Tok::Integer(fraction), fraction_end) = self.token(self.at)? else {
                    return Err(self.error(start, "expected a number"));
                };
                text.push('.');
                text.push_str(&fraction);
                self.at = fraction_end;
            }
            other => {
                return Err(self.error(
                    self.at,
                    format!(
                        "expected a number after the sign, found {}",
                        other.describe()
                    ),
                ));
            }
        }
        let number = if text.contains('.') {
            Number::Float(text.parse().unwrap_or(0.0))
        } else {
            match text.parse::<i64>() {
                Ok(i) => Number::Int(i),
                Err(_) => Number::Float(text.parse().unwrap_or(0.0)),
            }
        };
        Ok(match (number, negative) {
            (Number::Int(i), true) => Number::Int(-i),
            (Number::Float(f), true) => Number::Float(-f),
            (number, false) => number,
        })
    }

    /// The condition of `{if …}` / `{elseif …}` and its closing `}`.
    fn condition(&mut self, open: usize, tag: &str) -> Result<Expr, TemplateError> {
        let expr = self.expr(0)?;
        let at = self.at;
        let (tok, end) = self.token(at)?;
        match tok {
            Tok::Rdel => {
                self.at = end;
                Ok(expr)
            }
            Tok::End => Err(self.error(open, "tag is never closed: add }")),
            other => {
                let at = if self.byte(at).is_some_and(is_ws) && matches!(other, Tok::Unsupported(_))
                {
                    at
                } else {
                    self.skip_ws(at)
                };
                Err(self.error(
                    at,
                    format!("unexpected {} in {{{tag} …}}", other.describe()),
                ))
            }
        }
    }

    /// Operators by PHP's precedence, at least `min` (xor 1, or 2, and 3, equality 4,
    /// order 5); comparisons do not associate.
    fn expr(&mut self, min: u8) -> Result<Expr, TemplateError> {
        let mut left = self.unary()?;
        loop {
            let (tok, end) = self.token(self.at)?;
            let Tok::Op(op) = tok else {
                return Ok(left);
            };
            let precedence = op.precedence();
            if precedence < min {
                return Ok(left);
            }
            self.at = end;
            let right = self.expr(precedence + 1)?;
            left = Expr::Binary(Box::new(left), op, Box::new(right));
            if op.non_associative() {
                let (next, _) = self.token(self.at)?;
                if matches!(next, Tok::Op(other) if other.precedence() == precedence) {
                    return Err(self.error(
                        self.skip_ws(self.at),
                        "comparisons do not chain in PHP: put one in parentheses",
                    ));
                }
            }
        }
    }

    /// `!` / `not` before an operand.
    fn unary(&mut self) -> Result<Expr, TemplateError> {
        let (tok, end) = self.token(self.at)?;
        if tok == Tok::Not {
            self.at = end;
            return Ok(Expr::Not(Box::new(self.unary()?)));
        }
        self.operand()
    }

    fn operand(&mut self) -> Result<Expr, TemplateError> {
        let at = self.at;
        let (tok, end) = self.token(at)?;
        match tok {
            Tok::Var(name) => {
                self.at = end;
                Ok(Expr::Var(self.var_ref(at, name)?))
            }
            Tok::Str(s) => {
                self.at = end;
                Ok(Expr::Lit(Value::Str(s)))
            }
            Tok::Sign(_) | Tok::Integer(_) | Tok::Dot => Ok(Expr::Lit(self.number()?.value())),
            Tok::Id(word) => match self.bare_word(at, &word)? {
                Some(value) => {
                    self.at = end;
                    Ok(Expr::Lit(value))
                }
                None => Err(self.error(
                    at,
                    format!("bare word {word}: quote strings ('{word}') or use $variables"),
                )),
            },
            Tok::OpenP => {
                self.at = end;
                let inner = self.expr(0)?;
                let (tok, end) = self.token(self.at)?;
                if tok != Tok::CloseP {
                    return Err(self.error(
                        self.skip_ws(self.at),
                        format!("expected `)`, found {}", tok.describe()),
                    ));
                }
                self.at = end;
                Ok(inner)
            }
            other => Err(self.error(
                self.skip_ws(at),
                format!(
                    "expected a variable, a string, a number, true, false or null, found {}",
                    other.describe()
                ),
            )),
        }
    }

    /// A block tag read at `pos`: the tree grows or closes.
    fn block(&mut self, pos: Pos, block: Block) -> Result<(), TemplateError> {
        self.eat_newline = true;
        let show = |p: Pos| format!("{}:{}", p.line, p.column);
        let error = |message: String| TemplateError::at(pos.line, pos.column, message);
        match block {
            Block::If(cond) => {
                if self.open.len() >= MAX_NESTING {
                    return Err(error(format!("{{if}} nested more than {MAX_NESTING} deep")));
                }
                self.open.push(OpenIf {
                    pos,
                    done: Vec::new(),
                    cond: Some(cond),
                    else_pos: None,
                    body: Vec::new(),
                });
            }
            Block::ElseIf(cond) => {
                let open = self
                    .open
                    .last_mut()
                    .ok_or_else(|| error("{elseif} without an open {if}".to_owned()))?;
                if let Some(else_pos) = open.else_pos {
                    return Err(error(format!(
                        "{{elseif}} after the {{else}} at {}",
                        show(else_pos)
                    )));
                }
                open.next_branch(Some(cond));
            }
            Block::Else => {
                let open = self
                    .open
                    .last_mut()
                    .ok_or_else(|| error("{else} without an open {if}".to_owned()))?;
                if let Some(else_pos) = open.else_pos {
                    return Err(error(format!(
                        "second {{else}}; the first is at {}",
                        show(else_pos)
                    )));
                }
                open.else_pos = Some(pos);
                open.next_branch(None);
            }
            Block::EndIf => {
                let Some(mut open) = self.open.pop() else {
                    return Err(error("{/if} without an open {if}".to_owned()));
                };
                let otherwise = if open.else_pos.is_some() {
                    Some(std::mem::take(&mut open.body))
                } else {
                    open.next_branch(None);
                    None
                };
                self.body().push(Node::If {
                    branches: open.done,
                    otherwise,
                });
            }
        }
        Ok(())
    }

    /// The token at `at` inside a tag and where it ends, by the patterns of Smarty's
    /// lexer in their order.
    fn token(&self, at: usize) -> Result<(Tok, usize), TemplateError> {
        let bytes = self.bytes();
        let Some(&b) = bytes.get(at) else {
            return Ok((Tok::End, at));
        };
        let ws_end = self.skip_ws(at);
        let unsupported = |what: &str, end: usize| Ok((Tok::Unsupported(what.to_owned()), end));
        // \s*}
        if self.byte(ws_end) == Some(b'}') {
            return Ok((Tok::Rdel, ws_end + 1));
        }
        match b {
            b'{' => return unsupported("a tag inside a tag", at + 1),
            b'"' => return self.double_quoted(at),
            b'\'' => return self.single_quoted(at),
            b'$' => {
                return match self.name_at(at + 1) {
                    Some(end) => Ok((Tok::Var(self.src[at + 1..end].to_owned()), end)),
                    None => unsupported("`$` without a variable name", at + 1),
                };
            }
            _ => {}
        }
        // \s+(is\s+in|as|to|step|instanceof)\s+
        if ws_end > at {
            for word in ["is", "as", "to", "step", "instanceof"] {
                if let Some(end) = self.word_at(ws_end, word)
                    && self.byte(end).is_some_and(is_ws)
                {
                    return unsupported(&format!("`{word}`"), end);
                }
            }
        }
        // \s*(==|===|!=|!==|<|<=|<>|>|>=|&&|||)\s*
        let rest = &bytes[ws_end..];
        let symbol = [
            "===", "!==", "==", "!=", "<=", "<>", "<", ">=", ">", "&&", "||",
        ]
        .into_iter()
        .find(|s| rest.starts_with(s.as_bytes()));
        if let Some(symbol) = symbol {
            let op = match symbol {
                "===" => Op::Identical,
                "!==" => Op::NotIdentical,
                "==" => Op::Eq,
                "!=" | "<>" => Op::Ne,
                "<=" => Op::Le,
                "<" => Op::Lt,
                ">=" => Op::Ge,
                ">" => Op::Gt,
                "&&" => Op::And,
                _ => Op::Or,
            };
            return Ok((Tok::Op(op), self.skip_ws(ws_end + symbol.len())));
        }
        // \s+(eq|ne|neq|gt|ge|gte|lt|le|lte|mod|and|or|xor)\s+
        if ws_end > at {
            let mut end = ws_end;
            while self.byte(end).is_some_and(|b| b.is_ascii_alphabetic()) {
                end += 1;
            }
            if end > ws_end && self.byte(end).is_some_and(is_ws) {
                let op = match self.src[ws_end..end].to_ascii_lowercase().as_str() {
                    "eq" => Some(Op::Eq),
                    "ne" | "neq" => Some(Op::Ne),
                    "gt" => Some(Op::Gt),
                    "ge" | "gte" => Some(Op::Ge),
                    "lt" => Some(Op::Lt),
                    "le" | "lte" => Some(Op::Le),
                    "and" => Some(Op::And),
                    "or" => Some(Op::Or),
                    "xor" => Some(Op::Xor),
                    "mod" => return unsupported("`mod`", end),
                    _ => None,
                };
                if let Some(op) = op {
                    return Ok((Tok::Op(op), self.skip_ws(end)));
                }
            }
        }
        // !\s* | not\s+
        if b == b'!' {
            return Ok((Tok::Not, self.skip_ws(at + 1)));
        }
        if let Some(end) = self.word_at(at, "not")
            && self.byte(end).is_some_and(is_ws)
        {
            return Ok((Tok::Not, self.skip_ws(end)));
        }
        // (int) and other casts
        if b == b'(' {
            let close = bytes[at..].iter().position(|&c| c == b')').map(|i| at + i);
            if let Some(close) = close {
                let inner = self.src[at + 1..close].to_ascii_lowercase();
                let casts = [
                    "int", "integer", "bool", "boolean", "float", "double", "real", "string",
                    "binary", "array", "object",
                ];
                if casts.contains(&inner.as_str()) {
                    return unsupported("a type cast", close + 1);
                }
            }
        }
        match self.byte(ws_end) {
            Some(b'(') => return Ok((Tok::OpenP, self.skip_ws(ws_end + 1))),
            Some(b')') => return Ok((Tok::CloseP, ws_end + 1)),
            _ => {}
        }
        if b == b'[' || self.byte(ws_end) == Some(b']') {
            return unsupported("`[`…`]` (arrays)", ws_end + 1);
        }
        if rest.starts_with(b"->") || rest.starts_with(b"=>") || rest.starts_with(b"=") {
            return unsupported("`=` (assignment), `->` or `=>`", ws_end + 1);
        }
        if matches!(b, b'+' | b'-') && matches!(self.byte(at + 1), Some(b'+' | b'-')) {
            return unsupported("`++`/`--`", at + 2);
        }
        if let Some(sign @ (b'+' | b'-')) = self.byte(ws_end) {
            return Ok((Tok::Sign(sign == b'-'), self.skip_ws(ws_end + 1)));
        }
        if let Some(b'*' | b'%' | b'/' | b'^' | b'&' | b'<' | b'>') = self.byte(ws_end) {
            return unsupported("arithmetic", ws_end + 1);
        }
        match b {
            b'@' | b'#' | b'`' | b'\\' => {
                return unsupported(&format!("`{}`", char::from(b)), at + 1);
            }
            _ => {}
        }
        if ws_end > at {
            return match self.byte(ws_end) {
                Some(b':') => Ok((Tok::Colon, self.skip_ws(ws_end + 1))),
                Some(b',' | b';' | b'?') => unsupported("`,`, `;` or `?`", ws_end + 1),
                _ => unsupported("a space", ws_end),
            };
        }
        if let Some(end) = self.name_at(at) {
            if self.byte(end) == Some(b'\\') {
                return unsupported("a namespace", end);
            }
            let word = &self.src[at..end];
            if word.eq_ignore_ascii_case("array") && self.byte(self.skip_ws(end)) == Some(b'(') {
                return unsupported("array(…)", end);
            }
            return Ok((Tok::Id(word.to_owned()), end));
        }
        if b.is_ascii_digit() {
            let mut end = at;
            while self.byte(end).is_some_and(|b| b.is_ascii_digit()) {
                end += 1;
            }
            return Ok((Tok::Integer(self.src[at..end].to_owned()), end));
        }
        match b {
            b'|' if self.byte(at + 1) == Some(b'@') => unsupported("`|@`", at + 2),
            b'|' => Ok((Tok::Vert, at + 1)),
            b'.' => Ok((Tok::Dot, at + 1)),
            b':' if self.byte(at + 1) == Some(b':') => unsupported("`::`", at + 2),
            b':' => Ok((Tok::Colon, self.skip_ws(at + 1))),
            _ => {
                let c = self.src[at..].chars().next().unwrap_or('?');
                unsupported(&format!("`{c}`"), at + c.len_utf8())
            }
        }
    }

    /// `'…'`: PHP's single-quoted string, only `\'` and `\\` being escapes.
    fn single_quoted(&self, at: usize) -> Result<(Tok, usize), TemplateError> {
        let bytes = self.bytes();
        let mut value = String::new();
        let mut i = at + 1;
        let mut run = i;
        while i < bytes.len() {
            match bytes[i] {
                b'\'' => {
                    value.push_str(&self.src[run..i]);
                    return Ok((Tok::Str(value), i + 1));
                }
                b'\\' if i + 1 < bytes.len() => {
                    if matches!(bytes[i + 1], b'\'' | b'\\') {
                        value.push_str(&self.src[run..i]);
                        run = i + 1;
                    }
                    i += 1 + self.src[i + 1..].chars().next().map_or(1, char::len_utf8);
                }
                _ => i += 1,
            }
        }
        Err(self.error(at, "string is never closed"))
    }

    /// `"…"`: PHP's double-quoted string as Smarty lexes it; `$name`, `{…}` and
    /// backticks inside (Smarty's interpolation) are not supported.
    fn double_quoted(&self, at: usize) -> Result<(Tok, usize), TemplateError> {
        let bytes = self.bytes();
        let mut value = String::new();
        let mut i = at + 1;
        loop {
            let Some(&b) = bytes.get(i) else {
                return Err(self.error(at, "string is never closed"));
            };
            match b {
                b'"' => return Ok((Tok::Str(value), i + 1)),
                b'{' => match self.auto_literal(i) {
                    Some(end) => {
                        value.push_str(&self.src[i..end]);
                        i = end;
                    }
                    None => {
                        let end = self
                            .literal_tag(i, false)
                            .or_else(|| self.literal_tag(i, true));
                        match end {
                            Some(end) => {
                                value.push_str(&self.src[i..end]);
                                i = end;
                            }
                            None => {
                                return Err(self.error(
                                    i,
                                    "tags inside double-quoted strings are not supported; use single quotes",
                                ));
                            }
                        }
                    }
                },
                b'$' if self.name_at(i + 1).is_some() => {
                    return Err(self.error(
                        i,
                        "variables inside double-quoted strings are not supported; use single quotes, or \\$ for a literal $",
                    ));
                }
                b'`' if self.byte(i + 1) == Some(b'$') => {
                    return Err(
                        self.error(i, "backtick variables inside strings are not supported")
                    );
                }
                b'\\' => {
                    let (decoded, len) = self.escape(i)?;
                    value.push_str(&decoded);
                    i += len;
                }
                _ => {
                    let c = self.src[i..].chars().next().unwrap_or('\0');
                    value.push(c);
                    i += c.len_utf8();
                }
            }
        }
    }

    /// A backslash escape of a PHP double-quoted string at `at`: its text and length.
    fn escape(&self, at: usize) -> Result<(String, usize), TemplateError> {
        let rest = &self.src[at + 1..];
        let Some(c) = rest.chars().next() else {
            return Ok(("\\".to_owned(), 1));
        };
        let simple = match c {
            'n' => Some('\n'),
            't' => Some('\t'),
            'r' => Some('\r'),
            'v' => Some('\x0b'),
            'e' => Some('\x1b'),
            'f' => Some('\x0c'),
            '\\' | '$' | '"' => Some(c),
            _ => None,
        };
        if let Some(e) = simple {
            return Ok((e.to_string(), 2));
        }
        let ascii = |code: u32, len: usize| -> Result<(String, usize), TemplateError> {
            match char::from_u32(code).filter(char::is_ascii) {
                Some(ch) => Ok((ch.to_string(), len)),
                None => Err(self.error(
                    at,
                    "octal and \\x escapes are supported for ASCII only; write the character itself",
                )),
            }
        };
        let octal: String = rest
            .chars()
            .take(3)
            .take_while(|c| ('0'..='7').contains(c))
            .collect();
        if !octal.is_empty() {
            return ascii(u32::from_str_radix(&octal, 8).unwrap_or(0), 1 + octal.len());
        }
        if c == 'x' {
            let hex: String = rest[1..]
                .chars()
                .take(2)
                .take_while(char::is_ascii_hexdigit)
                .collect();
            if !hex.is_empty() {
                return ascii(u32::from_str_radix(&hex, 16).unwrap_or(0), 2 + hex.len());
            }
        }
        if c == 'u' && rest[1..].starts_with('{') {
            return Err(self.error(
                at,
                "\\u{…} is not supported: Smarty reads its { as a tag; write the character itself",
            ));
        }
        // PHP keeps an unknown escape as it is.
        Ok((format!("\\{c}"), 1 + c.len_utf8()))
    }
}

/// A block tag, as the tree builder sees it.
enum Block {
    If(Expr),
    ElseIf(Expr),
    Else,
    EndIf,
}
