//! Translation of a parsed Smarty template into handlebars source that calls the helpers
//! of `helpers`. The result holds no raw text (text goes through a helper as a string
//! literal), so handlebars' own whitespace rules never touch Smarty's output.

use super::helpers::escape_html;
use super::smarty::{Cond, Modifier, Node, VarRef};

/// Handlebars source rendering `nodes` as Smarty would. With `html`, every value comes
/// out HTML-escaped, exactly once.
pub(crate) fn to_handlebars(nodes: &[Node], html: bool) -> String {
    let mut out = String::new();
    write_nodes(&mut out, nodes, html);
    out
}

fn write_nodes(out: &mut String, nodes: &[Node], html: bool) {
    for node in nodes {
        match node {
            Node::Text(text) => {
                out.push_str("{{{str ");
                push_literal(out, text);
                out.push_str("}}}");
            }
            Node::Var { var, modifiers } => write_var(out, var, modifiers, html),
            Node::If {
                branches,
                otherwise,
            } => {
                for (i, branch) in branches.iter().enumerate() {
                    out.push_str(if i == 0 { "{{#if " } else { "{{else if " });
                    write_cond(out, &branch.cond);
                    out.push_str("}}");
                    write_nodes(out, &branch.body, html);
                }
                if let Some(body) = otherwise {
                    out.push_str("{{else}}");
                    write_nodes(out, body, html);
                }
                out.push_str("{{/if}}");
            }
        }
    }
}

/// `{{str (upper (default (lookup this "x") "y"))}}`. Handlebars' escape function does the HTML
/// escaping, except after `escape` or `urlencode`, whose output is already safe: such a
/// tag uses `{{{…}}}`, and a later `default` gets its argument escaped here instead.
fn write_var(out: &mut String, var: &VarRef, modifiers: &[Modifier], html: bool) {
    let mut expr = path(var);
    let mut safe = false;
    for modifier in modifiers {
        let helper = match modifier {
            Modifier::Default(fallback) => {
                let mut call = format!("(default {expr} ");
                if html && safe {
                    push_literal(&mut call, &escape_html(fallback));
                } else {
                    push_literal(&mut call, fallback);
                }
                call.push(')');
                expr = call;
                continue;
            }
            Modifier::EscapeHtml => {
                safe = true;
                "escape"
            }
            Modifier::Urlencode => {
                safe = true;
                "urlencode"
            }
            Modifier::Upper => "upper",
            Modifier::Lower => "lower",
            Modifier::Ucfirst => "ucfirst",
        };
        expr = format!("({helper} {expr})");
    }
    let (open, close) = if html && safe {
        ("{{{", "}}}")
    } else {
        ("{{", "}}")
    };
    out.push_str(open);
    out.push_str("str ");
    out.push_str(&expr);
    out.push_str(close);
}

fn write_cond(out: &mut String, cond: &Cond) {
    match cond {
        Cond::Any(conds) => write_junction(out, "or", conds),
        Cond::All(conds) => write_junction(out, "and", conds),
        Cond::Truthy(var) => out.push_str(&format!("(truthy {})", path(var))),
        Cond::Falsy(var) => out.push_str(&format!("(falsy {})", path(var))),
        Cond::Compare { var, equal, value } => {
            if !equal {
                out.push_str("(not ");
            }
            out.push_str(&format!("(loose_eq {} ", path(var)));
            push_literal(out, value);
            out.push(')');
            if !equal {
                out.push(')');
            }
        }
    }
}

/// `(and c1 c2 …)` or `(or c1 c2 …)`, both handlebars' own helpers.
fn write_junction(out: &mut String, helper: &str, conds: &[Cond]) {
    out.push('(');
    out.push_str(helper);
    for cond in conds {
        out.push(' ');
        write_cond(out, cond);
    }
    out.push(')');
}

/// The variable, looked up by name so that no handlebars keyword (`else`, `true`,
/// `this`…) can stand in for it.
fn path(var: &VarRef) -> String {
    format!("(lookup this \"{}\")", var.name)
}

/// `text` as a handlebars string literal, which handlebars reads as JSON.
fn push_literal(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c < ' ' => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::to_handlebars;
    use crate::template::smarty::parse;

    #[test]
    fn shape_of_the_translation() {
        let nodes =
            parse("{if $a and !$b or $c ne 'x'}\nHi {$d|escape|default:'<'}\n{else}\"{$e}\"{/if}")
                .unwrap();
        assert_eq!(
            to_handlebars(&nodes, true),
            "{{#if (or (and (truthy (lookup this \"a\")) (falsy (lookup this \"b\"))) \
             (not (loose_eq (lookup this \"c\") \"x\")))}}\
             {{{str \"Hi \"}}}\
             {{{str (default (escape (lookup this \"d\")) \"&lt;\")}}}\
             {{{str \"\\n\"}}}\
             {{else}}{{{str \"\\\"\"}}}{{str (lookup this \"e\")}}{{{str \"\\\"\"}}}{{/if}}"
        );
    }
}
