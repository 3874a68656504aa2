//! The Smarty subset of WHMCS e-mail templates, rendered as Smarty 4 renders it: `parse`
//! reads the source into a tree (text, variable tags with modifiers, `{if}` blocks), and
//! `render` walks the tree with PHP 8's rules for values and comparisons.

mod dates;
mod entities;
mod modifiers;
mod parse;
pub(crate) mod php;
mod sprintf;
mod unicode;

pub use dates::Zone;
pub(crate) use parse::parse;

use serde_json::{Map, Value as Json};

use super::TemplateError;
use modifiers::Modifier;
use php::Value;

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

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    /// Output as it is.
    Text(String),
    /// `{$name|modifier:"arg"|…}`
    Print {
        var: VarRef,
        modifiers: Vec<Modifier>,
    },
    /// `{if}` and its `{elseif}` branches in order, then the `{else}` body if any.
    If {
        branches: Vec<Branch>,
        otherwise: Option<Vec<Node>>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Branch {
    pub cond: Expr,
    pub body: Vec<Node>,
}

/// A condition.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    Var(VarRef),
    Lit(Value),
    Not(Box<Expr>),
    Binary(Box<Expr>, Op, Box<Expr>),
}

/// An operator of a condition, as PHP sees it after Smarty's compiler.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Eq,
    Ne,
    Identical,
    NotIdentical,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
    Xor,
}

impl Op {
    /// PHP's precedence, lowest first: `xor` (Smarty's `xor`), `||`, `&&`, equality,
    /// order.
    pub(crate) fn precedence(self) -> u8 {
        match self {
            Op::Xor => 1,
            Op::Or => 2,
            Op::And => 3,
            Op::Eq | Op::Ne | Op::Identical | Op::NotIdentical => 4,
            Op::Lt | Op::Le | Op::Gt | Op::Ge => 5,
        }
    }

    /// Comparisons do not chain in PHP (`$a == $b == $c` does not compile).
    pub(crate) fn non_associative(self) -> bool {
        self.precedence() >= 4
    }

    pub(crate) fn symbol(self) -> &'static str {
        match self {
            Op::Eq => "==",
            Op::Ne => "!=",
            Op::Identical => "===",
            Op::NotIdentical => "!==",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::And => "&&",
            Op::Or => "||",
            Op::Xor => "xor",
        }
    }
}

impl Node {
    /// Whether a modifier Smarty loads as a plugin file is used here.
    fn uses_plugin(&self) -> bool {
        match self {
            Node::Text(_) => false,
            Node::Print { modifiers, .. } => modifiers.iter().any(Modifier::is_plugin),
            Node::If {
                branches,
                otherwise,
            } => branches
                .iter()
                .flat_map(|branch| &branch.body)
                .chain(otherwise.iter().flatten())
                .any(Node::uses_plugin),
        }
    }

    /// Every variable this node uses, in source order.
    pub(crate) fn variables(&self) -> Vec<&VarRef> {
        let mut out = Vec::new();
        self.collect_variables(&mut out);
        out
    }

    fn collect_variables<'a>(&'a self, out: &mut Vec<&'a VarRef>) {
        match self {
            Node::Text(_) => {}
            Node::Print { var, .. } => out.push(var),
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

impl Expr {
    fn collect_variables<'a>(&'a self, out: &mut Vec<&'a VarRef>) {
        match self {
            Expr::Var(var) => out.push(var),
            Expr::Lit(_) => {}
            Expr::Not(inner) => inner.collect_variables(out),
            Expr::Binary(left, _, right) => {
                left.collect_variables(out);
                right.collect_variables(out);
            }
        }
    }
}

/// Renders a tree: variables from `vars` (undefined ones are null), every printed
/// value HTML-escaped after its modifiers when `html` (Smarty's `escape_html`), dates in
/// `zone`.
pub(crate) struct Renderer<'a> {
    pub vars: &'a Map<String, Json>,
    pub html: bool,
    pub zone: &'a Zone,
}

impl Renderer<'_> {
    pub(crate) fn render(&self, nodes: &[Node], out: &mut String) -> Result<(), TemplateError> {
        for node in nodes {
            match node {
                Node::Text(text) => out.push_str(text),
                Node::Print { var, modifiers } => {
                    let mut value = self.lookup(var)?;
                    for modifier in modifiers {
                        value = modifier.apply(value, self.zone).map_err(|message| {
                            TemplateError::at(var.pos.line, var.pos.column, message)
                        })?;
                    }
                    let text = value.to_php_string();
                    if self.html {
                        out.push_str(&php::escape_html(&text));
                    } else {
                        out.push_str(&text);
                    }
                }
                Node::If {
                    branches,
                    otherwise,
                } => {
                    let mut taken = None;
                    for branch in branches {
                        if self.test(&branch.cond)?.truthy() {
                            taken = Some(&branch.body);
                            break;
                        }
                    }
                    if let Some(body) = taken.or(otherwise.as_ref()) {
                        self.render(body, out)?;
                    }
                }
            }
        }
        Ok(())
    }

    fn lookup(&self, var: &VarRef) -> Result<Value, TemplateError> {
        match self.vars.get(&var.name) {
            None => Ok(Value::Null),
            Some(json) => Value::from_json(json).ok_or_else(|| {
                TemplateError::at(
                    var.pos.line,
                    var.pos.column,
                    format!(
                        "${} is a list or an object; template variables are plain values",
                        var.name
                    ),
                )
            }),
        }
    }

    /// The value of a condition, evaluated as PHP does (`&&`, `||` and `xor` give
    /// booleans; `&&` and `||` short-circuit).
    fn test(&self, expr: &Expr) -> Result<Value, TemplateError> {
        Ok(match expr {
            Expr::Var(var) => self.lookup(var)?,
            Expr::Lit(value) => value.clone(),
            Expr::Not(inner) => Value::Bool(!self.test(inner)?.truthy()),
            Expr::Binary(left, op, right) => {
                let l = self.test(left)?;
                match op {
                    Op::And => Value::Bool(l.truthy() && self.test(right)?.truthy()),
                    Op::Or => Value::Bool(l.truthy() || self.test(right)?.truthy()),
                    Op::Xor => Value::Bool(l.truthy() != self.test(right)?.truthy()),
                    _ => {
                        let r = self.test(right)?;
                        let order = l.compare(&r);
                        Value::Bool(match op {
                            Op::Eq => l.loose_eq(&r),
                            Op::Ne => !l.loose_eq(&r),
                            Op::Identical => l.identical(&r),
                            Op::NotIdentical => !l.identical(&r),
                            Op::Lt => order == Some(std::cmp::Ordering::Less),
                            Op::Le => matches!(
                                order,
                                Some(std::cmp::Ordering::Less | std::cmp::Ordering::Equal)
                            ),
                            Op::Gt => order == Some(std::cmp::Ordering::Greater),
                            _ => matches!(
                                order,
                                Some(std::cmp::Ordering::Greater | std::cmp::Ordering::Equal)
                            ),
                        })
                    }
                }
            }
        })
    }
}
