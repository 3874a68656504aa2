//! Handlebars-syntax templates: rendered by handlebars as they are (its own strict mode
//! for `strict`), with its errors mapped to ours and its simple `{{var}}` references
//! listed for lint.

use handlebars::template::{HelperTemplate, Parameter, TemplateElement};
use handlebars::{Path, PathSeg, RenderErrorReason, Template};
use serde_json::{Map, Value};

use super::{Options, TEMPLATE_NAME, TemplateError, VarUse, registry};

pub(crate) fn render(
    source: &str,
    vars: &Map<String, Value>,
    opts: &Options,
) -> Result<String, TemplateError> {
    let template = compile(source)?;
    let mut registry = registry(opts.html);
    registry.set_strict_mode(opts.strict);
    registry.register_template(TEMPLATE_NAME, template);
    registry.render(TEMPLATE_NAME, vars).map_err(|e| {
        let message = match e.reason() {
            RenderErrorReason::MissingVariable(Some(name)) => {
                format!("undefined variable {name}")
            }
            reason => reason.to_string(),
        };
        TemplateError::at(e.line_no.unwrap_or(0), e.column_no.unwrap_or(0), message)
    })
}

/// Every plain variable the template names, in source order: `{{name}}` and the
/// parameters of helpers. Blocks that change the context (`each`, `with`) are not
/// entered, since names inside them are not top-level variables.
pub(crate) fn variables(source: &str) -> Result<Vec<VarUse>, TemplateError> {
    let template = compile(source)?;
    let mut out = Vec::new();
    collect(&template, (0, 0), &mut out);
    Ok(out)
}

fn compile(source: &str) -> Result<Template, TemplateError> {
    Template::compile(source).map_err(|e| {
        let (line, column) = e.pos().unwrap_or((0, 0));
        TemplateError::at(line, column, e.reason().to_string())
    })
}

fn collect(template: &Template, outer: (usize, usize), out: &mut Vec<VarUse>) {
    for (i, element) in template.elements.iter().enumerate() {
        let at = template.mapping.get(i).map_or(outer, |m| (m.0, m.1));
        match element {
            TemplateElement::Expression(helper) | TemplateElement::HtmlExpression(helper) => {
                collect_helper(helper, at, out);
            }
            TemplateElement::HelperBlock(helper) => {
                collect_helper(helper, at, out);
                let same_context = matches!(
                    &helper.name,
                    Parameter::Name(name) if name == "if" || name == "unless"
                );
                if same_context {
                    for inner in [&helper.template, &helper.inverse].into_iter().flatten() {
                        collect(inner, at, out);
                    }
                }
            }
            _ => {}
        }
    }
}

fn collect_helper(helper: &HelperTemplate, at: (usize, usize), out: &mut Vec<VarUse>) {
    let mut hash: Vec<_> = helper.hash.iter().collect();
    hash.sort_by_key(|(key, _)| *key);
    let params = std::iter::once(&helper.name)
        .chain(&helper.params)
        .chain(hash.into_iter().map(|(_, param)| param));
    for param in params {
        match param {
            Parameter::Path(Path::Relative((segments, _))) => {
                if let [PathSeg::Named(name)] = segments.as_slice() {
                    out.push(VarUse {
                        name: name.clone(),
                        line: at.0,
                        column: at.1,
                    });
                }
            }
            Parameter::Subexpression(sub) => {
                if let TemplateElement::Expression(inner) = sub.as_element() {
                    collect_helper(inner, at, out);
                }
            }
            _ => {}
        }
    }
}
