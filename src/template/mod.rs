//! Welcome-e-mail templates: the public entry points (`render`, `lint`), the error type
//! and the default NetFlow block. Smarty templates are parsed and rendered by `smarty`;
//! handlebars templates go to `hbs` as they are.

mod hbs;
mod smarty;

#[cfg(test)]
mod tests;

pub use smarty::Zone;
pub use smarty::php::escape_html;

use std::path::Path;

use handlebars::Handlebars;
use serde_json::{Map, Value};

/// The block users paste into a WHMCS welcome e-mail, and what `email render` uses when
/// no template is given. Renders to nothing when `netflow_enabled` is false.
pub const DEFAULT_BLOCK: &str = "\
{if $netflow_enabled}
NetFlow Analyzer Access
URL: {$netflow_url}
Username: {$netflow_username}
Password: {$netflow_password}
Group/IP: {$netflow_group} {$netflow_ip_address}
{/if}
";

/// The template language of a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// The Smarty subset WHMCS e-mail templates use (the default).
    Smarty,
    /// Handlebars, rendered as it is.
    Handlebars,
}

impl Syntax {
    /// `.hbs` and `.handlebars` files are handlebars; everything else is Smarty.
    pub fn from_path(path: &Path) -> Syntax {
        let is_handlebars = path
            .extension()
            .and_then(|ext| ext.to_str())
            .is_some_and(|ext| {
                ext.eq_ignore_ascii_case("hbs") || ext.eq_ignore_ascii_case("handlebars")
            });
        if is_handlebars {
            Syntax::Handlebars
        } else {
            Syntax::Smarty
        }
    }
}

/// How to render.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// An undefined variable is an error instead of rendering empty.
    pub strict: bool,
    /// HTML-escape every printed value (`& < > " '`), after its modifiers, as Smarty's
    /// `escape_html` does; plain text otherwise.
    pub html: bool,
    /// The zone `date_format` shows dates in.
    pub zone: Zone,
}

/// One use of a variable in a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VarUse {
    /// The name without Smarty's `$`.
    pub name: String,
    /// 1-based line of the use.
    pub line: usize,
    /// 1-based column (in characters) of the use.
    pub column: usize,
}

/// What `lint` found in a template that parses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lint {
    /// Every variable the template uses, in source order, with repeats.
    pub variables: Vec<VarUse>,
}

/// A template that does not parse or cannot be rendered.
///
/// Displays as `line:column: message`; a position of 0:0 means the error has no place in
/// the source and displays as the message alone.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", position_prefix(.line, .column))]
pub struct TemplateError {
    /// 1-based line, or 0 when unknown.
    pub line: usize,
    /// 1-based column in characters, or 0 when unknown.
    pub column: usize,
    /// What is wrong, and where possible how to fix it.
    pub message: String,
}

impl TemplateError {
    fn at(line: usize, column: usize, message: impl Into<String>) -> TemplateError {
        TemplateError {
            line,
            column,
            message: message.into(),
        }
    }
}

fn position_prefix(line: &usize, column: &usize) -> String {
    if *line == 0 {
        String::new()
    } else {
        format!("{line}:{column}: ")
    }
}

/// Render `source` with `vars`.
///
/// Undefined variables render empty unless `opts.strict` is set. Smarty templates
/// render as Smarty 4 prints them (values as PHP prints them: booleans as `1` or
/// nothing, floats with 14 digits); a JSON list or object as a Smarty variable is an
/// error.
///
/// For Smarty, strict mode checks every variable the template names before rendering,
/// in branches not taken and under `default` too, so a mistyped merge field is caught
/// whatever the data.
pub fn render(
    source: &str,
    syntax: Syntax,
    vars: &Map<String, Value>,
    opts: &Options,
) -> Result<String, TemplateError> {
    match syntax {
        Syntax::Smarty => render_smarty(source, vars, opts),
        Syntax::Handlebars => hbs::render(source, vars, opts),
    }
}

/// Check that `source` parses and list every variable it uses, so that a caller can
/// flag unknown merge fields.
pub fn lint(source: &str, syntax: Syntax) -> Result<Lint, TemplateError> {
    let variables = match syntax {
        Syntax::Smarty => smarty::parse(source)?
            .iter()
            .flat_map(smarty::Node::variables)
            .map(|var| VarUse {
                name: var.name.clone(),
                line: var.pos.line,
                column: var.pos.column,
            })
            .collect(),
        Syntax::Handlebars => hbs::variables(source)?,
    };
    Ok(Lint { variables })
}

const TEMPLATE_NAME: &str = "email";

fn render_smarty(
    source: &str,
    vars: &Map<String, Value>,
    opts: &Options,
) -> Result<String, TemplateError> {
    let nodes = smarty::parse(source)?;
    if opts.strict {
        let undefined = nodes
            .iter()
            .flat_map(smarty::Node::variables)
            .find(|var| !vars.contains_key(&var.name));
        if let Some(var) = undefined {
            return Err(TemplateError::at(
                var.pos.line,
                var.pos.column,
                format!("undefined variable ${}", var.name),
            ));
        }
    }
    let mut out = String::new();
    smarty::Renderer {
        vars,
        html: opts.html,
        zone: &opts.zone,
    }
    .render(&nodes, &mut out)?;
    Ok(out)
}

/// A registry that escapes for HTML, or not at all for plain text.
fn registry(html: bool) -> Handlebars<'static> {
    let mut registry = Handlebars::new();
    if html {
        registry.register_escape_fn(escape_html);
    } else {
        registry.register_escape_fn(handlebars::no_escape);
    }
    registry
}
