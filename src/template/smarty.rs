//! The Smarty subset of WHMCS e-mail templates: a parser from source to a tree of text,
//! variable tags and `{if}` blocks, with the line:column of every variable. It applies
//! Smarty's whitespace rule: a newline right after a block tag or comment is not output.

use super::TemplateError;

/// `{if}` blocks nested deeper than this are refused: no e-mail needs it, and it keeps
/// every walk over the tree (and handlebars' own parser) shallow.
const MAX_NESTING: usize = 32;

/// A 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pos {
    pub line: usize,
    pub column: usize,
}

/// A use of `$name`, placed at its `$`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct VarRef {
    pub name: String,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Node {
    /// Output as it is.
    Text(String),
    /// `{$name|modifier:"arg"|…}`
    Var {
        var: VarRef,
        modifiers: Vec<Modifier>,
    },
    /// `{if}` and its `{elseif}` branches in order, then the `{else}` body if any.
    If {
        branches: Vec<Branch>,
        otherwise: Option<Vec<Node>>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Branch {
    pub cond: Cond,
    pub body: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Modifier {
    /// `default:"x"`: the argument when the value is unset or empty.
    Default(String),
    /// `escape` or `escape:"html"`.
    EscapeHtml,
    /// `urlencode` or `escape:"url"`.
    Urlencode,
    Upper,
    Lower,
    Ucfirst,
}

/// A condition; `or` of `and` of atoms, so it is never more than two levels deep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Cond {
    Any(Vec<Cond>),
    All(Vec<Cond>),
    /// `$var`
    Truthy(VarRef),
    /// `!$var`
    Falsy(VarRef),
    /// `$var eq "x"` (`equal`), `$var ne "x"` (not `equal`).
    Compare {
        var: VarRef,
        equal: bool,
        value: String,
    },
}

impl Node {
    /// Every variable this node uses, in source order.
    pub(crate) fn variables(&self) -> Vec<&VarRef> {
        let mut out = Vec::new();
        self.collect_variables(&mut out);
        out
    }

    fn collect_variables<'a>(&'a self, out: &mut Vec<&'a VarRef>) {
        match self {
            Node::Text(_) => {}
            Node::Var { var, .. } => out.push(var),
            Node::If {
                branches,
                otherwise,
            } => {
                for branch in branches {
                    branch.cond.collect_variables(out);
                    for node in &branch.body {
                        node.collect_variables(out);
                    }
                }
                for node in otherwise.iter().flatten() {
                    node.collect_variables(out);
                }
            }
        }
    }
}

impl Cond {
    fn collect_variables<'a>(&'a self, out: &mut Vec<&'a VarRef>) {
        match self {
            Cond::Any(conds) | Cond::All(conds) => {
                for cond in conds {
                    cond.collect_variables(out);
                }
            }
            Cond::Truthy(var) | Cond::Falsy(var) | Cond::Compare { var, .. } => out.push(var),
        }
    }
}

/// Parse a Smarty template.
pub(crate) fn parse(source: &str) -> Result<Vec<Node>, TemplateError> {
    let mut parser = Parser {
        cur: Cursor {
            src: source,
            off: 0,
            pos: Pos { line: 1, column: 1 },
        },
        root: Vec::new(),
        open: Vec::new(),
    };
    parser.run()?;
    Ok(parser.root)
}

fn error(pos: Pos, message: impl Into<String>) -> TemplateError {
    TemplateError::at(pos.line, pos.column, message)
}

/// Whitespace as PCRE's `\s` sees it (ASCII only).
fn is_space(c: char) -> bool {
    c.is_ascii_whitespace() || c == '\x0b'
}

fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// A position in the source that keeps line and column as it moves.
#[derive(Clone, Copy)]
struct Cursor<'a> {
    src: &'a str,
    off: usize,
    pos: Pos,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        self.src.get(self.off..).unwrap_or_default()
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn peek_second(&self) -> Option<char> {
        self.rest().chars().nth(1)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.off += c.len_utf8();
        if c == '\n' {
            self.pos.line += 1;
            self.pos.column = 1;
        } else {
            self.pos.column += 1;
        }
        Some(c)
    }

    /// Consume `s` if the rest starts with it.
    fn eat(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            for _ in s.chars() {
                self.bump();
            }
            true
        } else {
            false
        }
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(is_space) {
            self.bump();
        }
    }

    fn ident(&mut self) -> String {
        let mut name = String::new();
        if self.peek().is_some_and(is_ident_start) {
            while let Some(c) = self.peek().filter(|&c| is_ident_char(c)) {
                name.push(c);
                self.bump();
            }
        }
        name
    }
}

/// A tag as the tree builder sees it.
enum Tag {
    If(Cond),
    ElseIf(Cond),
    Else,
    EndIf,
}

/// An `{if}` whose `{/if}` has not been seen yet.
struct OpenIf {
    pos: Pos,
    done: Vec<Branch>,
    /// The condition of the branch being read; `None` once in `{else}`.
    cond: Option<Cond>,
    else_pos: Option<Pos>,
    body: Vec<Node>,
}

struct Parser<'a> {
    cur: Cursor<'a>,
    root: Vec<Node>,
    open: Vec<OpenIf>,
}

impl Parser<'_> {
    fn run(&mut self) -> Result<(), TemplateError> {
        let mut text = String::new();
        while let Some(c) = self.cur.peek() {
            if c == '{' && !self.cur.peek_second().is_some_and(is_space) {
                self.push_text(&mut text);
                self.tag()?;
            } else {
                // Smarty's auto_literal: a `{` followed by whitespace is plain text.
                text.push(c);
                self.cur.bump();
            }
        }
        self.push_text(&mut text);
        match self.open.last() {
            Some(open) => Err(error(open.pos, "{if} is never closed: add {/if}")),
            None => Ok(()),
        }
    }

    fn body(&mut self) -> &mut Vec<Node> {
        match self.open.last_mut() {
            Some(open) => &mut open.body,
            None => &mut self.root,
        }
    }

    fn push_text(&mut self, text: &mut String) {
        if text.is_empty() {
            return;
        }
        let text = std::mem::take(text);
        let body = self.body();
        match body.last_mut() {
            Some(Node::Text(previous)) => previous.push_str(&text),
            _ => body.push(Node::Text(text)),
        }
    }

    /// One tag, the cursor on its `{`.
    fn tag(&mut self) -> Result<(), TemplateError> {
        let open = self.cur.pos;
        let start = self.cur.off;
        if self.cur.eat("{*") {
            return self.comment(open);
        }
        self.cur.bump();
        if self.cur.peek() == Some('$') {
            let node = self.var_tag(open)?;
            self.body().push(node);
            return Ok(());
        }
        let mut word = String::new();
        if self.cur.peek() == Some('/') {
            self.cur.bump();
            word.push('/');
        }
        while let Some(c) = self.cur.peek().filter(|&c| is_ident_char(c)) {
            word.push(c);
            self.cur.bump();
        }
        let tag = match word.as_str() {
            "if" => Tag::If(self.condition(open, "if")?),
            "elseif" => Tag::ElseIf(self.condition(open, "elseif")?),
            "else" => {
                self.close_bare(
                    open,
                    "{else} takes nothing; for a condition write {elseif …}",
                )?;
                Tag::Else
            }
            "/if" => {
                self.close_bare(open, "{/if} takes nothing")?;
                Tag::EndIf
            }
            "ldelim" | "rdelim" => {
                self.close_bare(open, &format!("{{{word}}} takes nothing"))?;
                let brace = if word == "ldelim" { "{" } else { "}" };
                let mut text = brace.to_owned();
                self.push_text(&mut text);
                return Ok(());
            }
            "" if self.cur.peek().is_none() => {
                return Err(error(
                    open,
                    "a `{` at the end of the template must be written {ldelim}",
                ));
            }
            _ => return Err(self.unsupported(open, start)),
        };
        self.block(open, tag)?;
        self.eat_newline();
        Ok(())
    }

    /// The tag at `open` (byte offset `start`) is not in the subset.
    fn unsupported(&self, open: Pos, start: usize) -> TemplateError {
        const SHOWN: usize = 40;
        let rest = self.cur.src.get(start..).unwrap_or_default();
        let line = rest.lines().next().unwrap_or_default();
        let shown = match line.find('}') {
            Some(end) if line[..end].chars().count() < SHOWN => line[..=end].to_owned(),
            _ => format!("{}…", line.chars().take(SHOWN).collect::<String>()),
        };
        error(
            open,
            format!(
                "unsupported tag {shown} (the supported tags are {{$var}}, {{if}}, {{elseif}}, \
                 {{else}}, {{/if}} and {{* comments *}}; a literal `{{` needs a space after \
                 it, or {{ldelim}})"
            ),
        )
    }

    /// A newline right after a block tag is not output: Smarty compiles the tag to PHP
    /// code ending in `?>`, and PHP drops one `\n`, `\r\n` or `\r` after it.
    fn eat_newline(&mut self) {
        if !self.cur.eat("\r\n") && !self.cur.eat("\n") {
            self.cur.eat("\r");
        }
    }

    fn comment(&mut self, open: Pos) -> Result<(), TemplateError> {
        let Some(len) = self.cur.rest().find("*}") else {
            return Err(error(open, "comment is never closed: add *}"));
        };
        let end = self.cur.off + len + 2;
        while self.cur.off < end {
            self.cur.bump();
        }
        self.eat_newline();
        Ok(())
    }

    /// Expect optional spaces and the `}` of a tag that takes no arguments.
    fn close_bare(&mut self, open: Pos, message: &str) -> Result<(), TemplateError> {
        self.cur.skip_space();
        match self.cur.peek() {
            Some('}') => {
                self.cur.bump();
                Ok(())
            }
            None => Err(unclosed(open)),
            Some(_) => Err(error(self.cur.pos, message)),
        }
    }

    /// Put a block tag into the tree.
    fn block(&mut self, pos: Pos, tag: Tag) -> Result<(), TemplateError> {
        match tag {
            Tag::If(cond) => {
                if self.open.len() >= MAX_NESTING {
                    return Err(error(
                        pos,
                        format!("{{if}} nested more than {MAX_NESTING} deep"),
                    ));
                }
                self.open.push(OpenIf {
                    pos,
                    done: Vec::new(),
                    cond: Some(cond),
                    else_pos: None,
                    body: Vec::new(),
                });
            }
            Tag::ElseIf(cond) => {
                let open = self.innermost(pos, "{elseif}")?;
                if let Some(else_pos) = open.else_pos {
                    return Err(error(
                        pos,
                        format!("{{elseif}} after the {{else}} at {}", show(else_pos)),
                    ));
                }
                open.next_branch(Some(cond));
            }
            Tag::Else => {
                let open = self.innermost(pos, "{else}")?;
                if let Some(else_pos) = open.else_pos {
                    return Err(error(
                        pos,
                        format!("second {{else}}; the first is at {}", show(else_pos)),
                    ));
                }
                open.else_pos = Some(pos);
                open.next_branch(None);
            }
            Tag::EndIf => {
                let Some(mut open) = self.open.pop() else {
                    return Err(error(pos, "{/if} without an open {if}"));
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

    fn innermost(&mut self, pos: Pos, tag: &str) -> Result<&mut OpenIf, TemplateError> {
        self.open
            .last_mut()
            .ok_or_else(|| error(pos, format!("{tag} without an open {{if}}")))
    }

    /// `{$name|modifier:"arg"…}`, the cursor on the `$`.
    fn var_tag(&mut self, open: Pos) -> Result<Node, TemplateError> {
        let var = self.var_ref()?;
        let mut modifiers = Vec::new();
        loop {
            self.cur.skip_space();
            match self.cur.peek() {
                Some('}') => {
                    self.cur.bump();
                    return Ok(Node::Var { var, modifiers });
                }
                Some('|') => {
                    self.cur.bump();
                    modifiers.push(self.modifier()?);
                }
                Some(c @ ('.' | '[' | '-' | '@')) => {
                    return Err(error(
                        self.cur.pos,
                        format!(
                            "unsupported variable syntax `${}{c}…`: only plain variables \
                             like {{$name}} are supported",
                            var.name
                        ),
                    ));
                }
                Some(c) => {
                    return Err(error(
                        self.cur.pos,
                        format!("unexpected `{c}` in {{${}}}", var.name),
                    ));
                }
                None => return Err(unclosed(open)),
            }
        }
    }

    /// `$name`, the cursor on the `$`.
    fn var_ref(&mut self) -> Result<VarRef, TemplateError> {
        let pos = self.cur.pos;
        self.cur.bump();
        let name = self.cur.ident();
        if name.is_empty() {
            return Err(error(
                pos,
                "expected a variable name after `$` (letters, digits and _, not starting \
                 with a digit)",
            ));
        }
        Ok(VarRef { name, pos })
    }

    /// A modifier name and its `:"arg"`s, the cursor after the `|`.
    fn modifier(&mut self) -> Result<Modifier, TemplateError> {
        self.cur.skip_space();
        let pos = self.cur.pos;
        let name = self.cur.ident();
        if name.is_empty() {
            return Err(error(pos, "expected a modifier name after `|`"));
        }
        // Each modifier and how many arguments it takes.
        let most = match name.as_str() {
            "default" | "escape" => 1,
            "upper" | "lower" | "ucfirst" | "urlencode" => 0,
            _ => {
                return Err(error(
                    pos,
                    format!(
                        "unsupported modifier `{name}` (supported: default, escape, upper, \
                         lower, ucfirst, urlencode)"
                    ),
                ));
            }
        };
        let mut args = Vec::new();
        loop {
            self.cur.skip_space();
            let colon = self.cur.pos;
            if !self.cur.eat(":") {
                break;
            }
            if args.len() == most {
                let message = if most == 0 {
                    format!("`{name}` takes no argument")
                } else {
                    format!("too many arguments for `{name}`")
                };
                return Err(error(colon, message));
            }
            self.cur.skip_space();
            let arg_pos = self.cur.pos;
            args.push((self.string(&format!("after `{name}:`"))?, arg_pos));
        }
        let mut args = args.into_iter();
        let modifier = match (name.as_str(), args.next()) {
            ("default", value) => Modifier::Default(value.map(|(v, _)| v).unwrap_or_default()),
            ("escape", None) => Modifier::EscapeHtml,
            ("escape", Some((kind, _))) if kind == "html" => Modifier::EscapeHtml,
            ("escape", Some((kind, _))) if kind == "url" => Modifier::Urlencode,
            ("escape", Some((kind, pos))) => {
                return Err(error(
                    pos,
                    format!("unsupported escape type \"{kind}\" (use \"html\" or \"url\")"),
                ));
            }
            ("upper", _) => Modifier::Upper,
            ("lower", _) => Modifier::Lower,
            ("ucfirst", _) => Modifier::Ucfirst,
            _ => Modifier::Urlencode,
        };
        Ok(modifier)
    }

    /// A quoted string with PHP's escapes, the cursor on its opening quote; `context`
    /// says where one was expected.
    fn string(&mut self, context: &str) -> Result<String, TemplateError> {
        let open = self.cur.pos;
        let quote = match self.cur.peek() {
            Some(q @ ('"' | '\'')) => q,
            _ => return Err(error(open, format!("expected a quoted string {context}"))),
        };
        self.cur.bump();
        let mut value = String::new();
        loop {
            let pos = self.cur.pos;
            let Some(c) = self.cur.bump() else {
                return Err(error(open, "string is never closed"));
            };
            match c {
                _ if c == quote => return Ok(value),
                '\\' => {
                    let next = self.cur.peek();
                    let escaped = match (quote, next) {
                        ('\'', Some(e @ ('\'' | '\\'))) => Some(e),
                        ('"', Some(e @ ('"' | '\\' | '$'))) => Some(e),
                        ('"', Some('n')) => Some('\n'),
                        ('"', Some('t')) => Some('\t'),
                        ('"', Some('r')) => Some('\r'),
                        ('"', Some('v')) => Some('\x0b'),
                        ('"', Some('e')) => Some('\x1b'),
                        ('"', Some('f')) => Some('\x0c'),
                        ('"', Some('0'..='7' | 'x' | 'u')) => {
                            return Err(error(
                                pos,
                                "octal, \\x and \\u escapes are not supported in strings",
                            ));
                        }
                        _ => None,
                    };
                    match escaped {
                        Some(e) => {
                            self.cur.bump();
                            value.push(e);
                        }
                        // PHP keeps an unknown escape as it is.
                        None => value.push('\\'),
                    }
                }
                '$' if quote == '"' && self.cur.peek().is_some_and(is_ident_start) => {
                    return Err(error(
                        pos,
                        "variables inside double-quoted strings are not supported; use \
                         single quotes, or \\$ for a literal $",
                    ));
                }
                _ => value.push(c),
            }
        }
    }

    /// The condition of `{if …}` or `{elseif …}` and the closing `}`.
    fn condition(&mut self, open: Pos, tag: &str) -> Result<Cond, TemplateError> {
        match self.peek_token()?.1 {
            Token::Close => {
                return Err(error(
                    open,
                    format!("{{{tag}}} needs a condition, e.g. {{{tag} $netflow_enabled}}"),
                ));
            }
            Token::End => return Err(unclosed(open)),
            _ => {}
        }
        let mut any = vec![self.all()?];
        loop {
            let (pos, token) = self.next_token()?;
            match token {
                Token::Or => any.push(self.all()?),
                Token::Close => break,
                Token::End => return Err(unclosed(open)),
                Token::Var(var) => {
                    return Err(error(
                        pos,
                        format!("expected `and` or `or` before ${}", var.name),
                    ));
                }
                Token::Other(word) => {
                    return Err(error(
                        pos,
                        format!(
                            "unsupported operator `{word}` (supported: eq, ne, ==, !=, and, \
                             or, !)"
                        ),
                    ));
                }
                other => {
                    return Err(error(
                        pos,
                        format!("expected `and`, `or` or `}}`, found {}", other.describe()),
                    ));
                }
            }
        }
        Ok(if any.len() == 1 {
            any.remove(0)
        } else {
            Cond::Any(any)
        })
    }

    /// Atoms joined by `and`.
    fn all(&mut self) -> Result<Cond, TemplateError> {
        let mut all = vec![self.atom()?];
        while matches!(self.peek_token()?.1, Token::And) {
            self.next_token()?;
            all.push(self.atom()?);
        }
        Ok(if all.len() == 1 {
            all.remove(0)
        } else {
            Cond::All(all)
        })
    }

    /// `$var`, `!$var`, or `$var eq "string"`.
    fn atom(&mut self) -> Result<Cond, TemplateError> {
        let (pos, token) = self.next_token()?;
        match token {
            Token::Not => {
                let (pos, token) = self.next_token()?;
                let Token::Var(var) = token else {
                    return Err(error(
                        pos,
                        format!("expected a variable after `!`, found {}", token.describe()),
                    ));
                };
                let (pos, next) = self.peek_token()?;
                if let Token::Compare(_) = next {
                    return Err(error(
                        pos,
                        format!(
                            "`!` only negates a plain variable; to compare, write ${} ne \"…\"",
                            var.name
                        ),
                    ));
                }
                Ok(Cond::Falsy(var))
            }
            Token::Var(var) => {
                let Token::Compare(equal) = self.peek_token()?.1 else {
                    return Ok(Cond::Truthy(var));
                };
                self.next_token()?;
                self.cur.skip_space();
                let value = self.string("to compare with")?;
                Ok(Cond::Compare { var, equal, value })
            }
            other => Err(error(
                pos,
                format!(
                    "expected a variable such as $name, found {}",
                    other.describe()
                ),
            )),
        }
    }

    fn peek_token(&mut self) -> Result<(Pos, Token), TemplateError> {
        let saved = self.cur;
        let token = self.next_token();
        self.cur = saved;
        token
    }

    /// The next token of a condition, after optional spaces.
    fn next_token(&mut self) -> Result<(Pos, Token), TemplateError> {
        self.cur.skip_space();
        let pos = self.cur.pos;
        let Some(c) = self.cur.peek() else {
            return Ok((pos, Token::End));
        };
        let token = match c {
            '$' => Token::Var(self.var_ref()?),
            '"' | '\'' => {
                self.string("")?;
                Token::String
            }
            _ if is_ident_start(c) => {
                let word = self.cur.ident();
                match word.as_str() {
                    "eq" => Token::Compare(true),
                    "ne" => Token::Compare(false),
                    "and" => Token::And,
                    "or" => Token::Or,
                    _ => Token::Other(word),
                }
            }
            _ => {
                let symbols = ["===", "!==", "==", "!=", "&&", "||", "!", "}"];
                let symbol = symbols.iter().find(|s| self.cur.eat(s));
                match symbol {
                    Some(&"==") => Token::Compare(true),
                    Some(&"!=") => Token::Compare(false),
                    Some(&"&&") => Token::And,
                    Some(&"||") => Token::Or,
                    Some(&"!") => Token::Not,
                    Some(&"}") => Token::Close,
                    Some(other) => Token::Other((*other).to_owned()),
                    None => {
                        self.cur.bump();
                        Token::Other(c.to_string())
                    }
                }
            }
        };
        Ok((pos, token))
    }
}

impl OpenIf {
    /// Finish the branch being read and start the next (`None`: the `{else}` body).
    fn next_branch(&mut self, cond: Option<Cond>) {
        let body = std::mem::take(&mut self.body);
        if let Some(done) = std::mem::replace(&mut self.cond, cond) {
            self.done.push(Branch { cond: done, body });
        }
    }
}

enum Token {
    Var(VarRef),
    String,
    /// `eq`/`==` (true) or `ne`/`!=` (false).
    Compare(bool),
    And,
    Or,
    Not,
    Close,
    End,
    Other(String),
}

impl Token {
    fn describe(&self) -> String {
        match self {
            Token::Var(var) => format!("${}", var.name),
            Token::String => "a string".to_owned(),
            Token::Compare(true) => "`eq`".to_owned(),
            Token::Compare(false) => "`ne`".to_owned(),
            Token::And => "`and`".to_owned(),
            Token::Or => "`or`".to_owned(),
            Token::Not => "`!`".to_owned(),
            Token::Close => "`}`".to_owned(),
            Token::End => "the end of the template".to_owned(),
            Token::Other(word) => format!("`{word}`"),
        }
    }
}

fn unclosed(open: Pos) -> TemplateError {
    error(open, "tag is never closed: add }")
}

fn show(pos: Pos) -> String {
    format!("{}:{}", pos.line, pos.column)
}
