//! Property tests: no input makes parsing, linting or rendering panic or hang, every
//! template of the subset renders, and text and values come out unchanged.

use proptest::prelude::*;
use serde_json::{Map, Value, json};

use crate::template::{Options, Syntax, TemplateError, lint, render};

/// Pieces of the subset's syntax, so that generated templates get deep into the parser.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "$",
    "$a",
    "$b",
    "if",
    "/if",
    "else",
    "elseif",
    "|",
    "*",
    "\"",
    "'",
    "\n",
    "\r\n",
    " ",
    "x",
    "!",
    "eq",
    "ne",
    "==",
    "!=",
    "and",
    "or",
    "&&",
    "||",
    ":",
    "upper",
    "default",
    "escape",
    "url",
    "urlencode",
    "ldelim",
    "{$a}",
    "{if $a}",
    "{/if}",
    "{else}",
    "{* ",
    " *}",
    "\\",
    "{{",
    "}}",
    "<",
    "&",
    "é",
];

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..60).prop_map(|parts| parts.concat())
}

fn values() -> Map<String, Value> {
    match json!({"a": "<a&'\"", "b": true, "c": "0", "d": ""}) {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

fn all_options() -> [Options; 4] {
    [(false, false), (false, true), (true, false), (true, true)].map(|(strict, html)| Options {
        strict,
        html,
        ..Options::default()
    })
}

fn check_position(source: &str, err: &TemplateError) {
    let lines = source.split('\n').count();
    assert!(
        (1..=lines).contains(&err.line) && err.column >= 1,
        "{source:?}: position out of range: {err}"
    );
}

/// Parsing and rendering agree: a template that lints renders in every mode (strict mode
/// only refusing undefined variables), and one that does not fails the same way.
fn check_smarty(source: &str) {
    let vars = values();
    match lint(source, Syntax::Smarty) {
        Ok(_) => {
            for opts in all_options() {
                match render(source, Syntax::Smarty, &vars, &opts) {
                    Ok(_) => {}
                    Err(e) if opts.strict && e.message.starts_with("undefined variable") => {
                        check_position(source, &e);
                    }
                    Err(e) => panic!("{source:?} lints but does not render: {e}"),
                }
            }
        }
        Err(lint_error) => {
            check_position(source, &lint_error);
            for opts in all_options() {
                let render_error = render(source, Syntax::Smarty, &vars, &opts).unwrap_err();
                assert_eq!(render_error, lint_error);
            }
        }
    }
}

fn check_handlebars(source: &str) {
    let vars = values();
    let linted = lint(source, Syntax::Handlebars);
    for opts in all_options() {
        let rendered = render(source, Syntax::Handlebars, &vars, &opts);
        if let (Err(_), Ok(_)) = (&linted, &rendered) {
            panic!("{source:?} renders but does not lint");
        }
    }
}

/// Templates inside the subset: text, variables with modifier chains, comments and
/// nested `{if}` chains.
fn valid_template() -> impl Strategy<Value = String> {
    const TEXT: &[&str] = &[
        "x",
        " ",
        "\n",
        "\r\n",
        "{ ",
        "{\n",
        "}",
        "}}",
        "<&'\"",
        "é",
        "\\",
        "{ldelim}",
        "{rdelim}",
        "{* note *}",
        "{* two\nlines *}",
    ];
    const VARS: &[&str] = &["$a", "$b", "$c", "$d", "$missing"];
    const MODIFIERS: &[&str] = &[
        "|upper",
        "|lower",
        "|ucfirst",
        "|urlencode",
        "|escape",
        "|escape:'html'",
        "|escape:\"url\"",
        "|default:'d'",
        "|default:\"<&>\"",
        "|default",
    ];
    const CONDS: &[&str] = &[
        "$a",
        "!$b",
        "$c",
        "$missing",
        "$a eq 'x'",
        "$b ne \"1\"",
        "$c == '0'",
        "$d != ''",
        "$a and $b",
        "$a or !$b and $c",
        "$missing || $b && !$d",
    ];
    let text = prop::sample::select(TEXT).prop_map(str::to_owned);
    let var = (
        prop::sample::select(VARS),
        prop::collection::vec(prop::sample::select(MODIFIERS), 0..4),
    )
        .prop_map(|(var, modifiers)| format!("{{{var}{}}}", modifiers.concat()));
    let leaf = prop_oneof![text, var];
    leaf.prop_recursive(4, 48, 6, |inner| {
        let body = prop::collection::vec(inner, 0..6).prop_map(|parts| parts.concat());
        prop_oneof![
            body.clone(),
            (
                prop::collection::vec((prop::sample::select(CONDS), body.clone()), 1..4),
                prop::option::of(body),
                prop::sample::select(&["", "\n", "\r\n"][..]),
            )
                .prop_map(|(branches, otherwise, newline)| {
                    let mut out = String::new();
                    for (i, (cond, body)) in branches.iter().enumerate() {
                        let tag = if i == 0 { "if" } else { "elseif" };
                        out.push_str(&format!("{{{tag} {cond}}}{newline}{body}"));
                    }
                    if let Some(body) = otherwise {
                        out.push_str(&format!("{{else}}{newline}{body}"));
                    }
                    out.push_str(&format!("{{/if}}{newline}"));
                    out
                }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_strings_never_panic(source in any::<String>()) {
        check_smarty(&source);
        check_handlebars(&source);
    }

    #[test]
    fn token_soup_never_panics(source in soup()) {
        check_smarty(&source);
        check_handlebars(&source);
    }

    /// Templates inside the subset always render.
    #[test]
    fn valid_templates_render(source in valid_template()) {
        let vars = values();
        for html in [false, true] {
            let opts = Options { html, ..Options::default() };
            prop_assert!(render(&source, Syntax::Smarty, &vars, &opts).is_ok(), "{source:?}");
        }
        check_smarty(&source);
    }

    /// Text is output as Smarty reads it: LF line ends, no leading BOM, and without the
    /// newline the start of the template swallows.
    #[test]
    fn text_without_tags_renders_unchanged(source in "[^{]*") {
        let text = source.strip_prefix('\u{feff}').unwrap_or(&source).replace("\r\n", "\n").replace('\r', "\n");
        let expected = text.strip_prefix('\n').unwrap_or(&text);
        for opts in all_options() {
            prop_assert_eq!(&render(&source, Syntax::Smarty, &Map::new(), &opts).unwrap(), expected);
        }
    }

    #[test]
    fn values_render_unchanged_or_escaped(value in any::<String>()) {
        let vars = match json!({ "v": value.clone() }) {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        let plain = render("{$v}", Syntax::Smarty, &vars, &Options::default()).unwrap();
        prop_assert_eq!(&plain, &value);
        let html = Options { html: true, ..Options::default() };
        let escaped = render("{$v}", Syntax::Smarty, &vars, &html).unwrap();
        prop_assert!(!escaped.contains(['<', '>', '"', '\'']));
        let unescaped = escaped
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#039;", "'")
            .replace("&amp;", "&");
        prop_assert_eq!(&unescaped, &value);
        let twice = render("{$v|escape}", Syntax::Smarty, &vars, &html).unwrap();
        prop_assert_eq!(&twice, &crate::template::escape_html(&escaped));
    }
}

/// The parser is linear: a megabyte of tags lints at once.
#[test]
fn parsing_large_inputs_is_fast() {
    let big = [
        "{$a|upper|default:'x'}".repeat(50_000),
        "{if $a}x{elseif $b eq 'y'}z{else}w{/if}\n".repeat(20_000),
        "{ ".repeat(200_000),
        "{* c *}".repeat(100_000),
        format!("{{if {}$a}}x{{/if}}", "$a and $b or ".repeat(10_000)),
    ];
    for source in &big {
        assert!(lint(source, Syntax::Smarty).is_ok());
    }
    let unclosed = format!("{{if $a}}{}", "x".repeat(1_000_000));
    assert!(lint(&unclosed, Syntax::Smarty).is_err());
}

/// Handlebars' compiler takes time in proportion to tags × length, so rendering is
/// checked at the size of a long HTML e-mail rather than a megabyte.
#[test]
fn rendering_a_long_email() {
    let vars = values();
    let paragraph = "<p style=\"margin: 0 { padding: 1px }\">Lorem ipsum dolor sit amet, \
                     consectetur adipiscing elit {$a|escape} sed do eiusmod.</p>\n\
                     {if $b and $a ne 'x'}\n<b>{$a}</b>\n{/if}\n";
    let source = paragraph.repeat(500);
    for opts in all_options() {
        let rendered = render(&source, Syntax::Smarty, &vars, &opts).unwrap();
        assert!(rendered.len() > source.len() / 2);
    }
}
