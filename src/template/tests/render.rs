//! Rendering, byte for byte: Smarty's whitespace rule, modifiers, conditions, strict
//! mode, HTML escaping and the handlebars syntax.

use std::path::Path;

use serde_json::{Map, Value, json};

use crate::template::{
    DEFAULT_BLOCK, Options, Syntax, TemplateError, Zone, escape_html, lint, render,
};

const PLAIN: Options = Options {
    strict: false,
    html: false,
    zone: Zone::Utc,
};
const HTML: Options = Options {
    strict: false,
    html: true,
    zone: Zone::Utc,
};
const STRICT: Options = Options {
    strict: true,
    html: false,
    zone: Zone::Utc,
};

fn vars(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

fn smarty(source: &str, values: Value) -> String {
    render(source, Syntax::Smarty, &vars(values), &PLAIN)
        .unwrap_or_else(|e| panic!("{source:?}: {e}"))
}

fn smarty_html(source: &str, values: Value) -> String {
    render(source, Syntax::Smarty, &vars(values), &HTML)
        .unwrap_or_else(|e| panic!("{source:?}: {e}"))
}

fn netflow_fields(enabled: bool) -> Value {
    json!({
        "netflow_enabled": enabled,
        "netflow_url": "https://netflow.myownserver.net/",
        "netflow_username": "client1042",
        "netflow_password": "s3cr&t<pw>",
        "netflow_group": "Customers-A",
        "netflow_ip_address": "203.0.113.0/24",
    })
}

#[test]
fn default_block_renders_as_whmcs_does() {
    assert_eq!(
        smarty(DEFAULT_BLOCK, netflow_fields(true)),
        "NetFlow Analyzer Access\n\
         URL: https://netflow.myownserver.net/\n\
         Username: client1042\n\
         Password: s3cr&t<pw>\n\
         Group/IP: Customers-A 203.0.113.0/24\n"
    );
    assert_eq!(smarty(DEFAULT_BLOCK, netflow_fields(false)), "");
    assert_eq!(smarty(DEFAULT_BLOCK, json!({})), "");
}

#[test]
fn default_block_inside_a_welcome_email() {
    let email = format!("Dear Ann,\n\nYour server is ready.\n\n{DEFAULT_BLOCK}\nRegards\n");
    assert_eq!(
        smarty(&email, netflow_fields(false)),
        "Dear Ann,\n\nYour server is ready.\n\n\nRegards\n"
    );
    insta::assert_snapshot!("welcome_email_plain", smarty(&email, netflow_fields(true)));
    let html = "<p>Dear Ann,</p>\n<pre>\n{if $netflow_enabled}\n\
                URL: <a href=\"{$netflow_url}\">{$netflow_url}</a>\n\
                Username: {$netflow_username}\nPassword: {$netflow_password}\n{/if}\n</pre>\n";
    insta::assert_snapshot!(
        "welcome_email_html",
        smarty_html(html, netflow_fields(true))
    );
}

#[test]
fn spec_whitespace_example() {
    let source = "Hello\n{if $netflow_enabled}\nX\n{/if}\nBye\n";
    assert_eq!(
        smarty(source, json!({"netflow_enabled": true})),
        "Hello\nX\nBye\n"
    );
    assert_eq!(
        smarty(source, json!({"netflow_enabled": false})),
        "Hello\nBye\n"
    );
}

#[test]
fn whitespace_rule() {
    let values = json!({"t": true, "f": false, "v": "V"});
    let cases: &[(&str, &str)] = &[
        // a newline after a variable tag is kept
        ("{$v}\nB\n", "V\nB\n"),
        ("A {$v}\n{$v}\n", "A V\nV\n"),
        // after block tags it is not
        ("{if $t}\nA\n{/if}\n", "A\n"),
        ("{if $f}\nA\n{/if}\n", ""),
        ("{if $t}A{/if}\nB", "AB"),
        ("{if $t}\n{/if}\n", ""),
        // only one newline, and only directly after the tag
        ("{if $t}\n\nA\n{/if}\n\nB", "\nA\n\nB"),
        ("{if $t}  \nA{/if}  \n", "  \nA  \n"),
        ("{if $t} \n{/if}", " \n"),
        // indentation stays, as in Smarty
        ("  {if $t}\n  A\n  {/if}\nB", "    A\n  B"),
        // else and elseif chains
        (
            "{if $f}\nA\n{elseif $t}\nB\n{else}\nC\n{/if}\nD\n",
            "B\nD\n",
        ),
        (
            "{if $f}\nA\n{elseif $f}\nB\n{else}\nC\n{/if}\nD\n",
            "C\nD\n",
        ),
        ("{if $t}\nA\n{else}\nC\n{/if}\n", "A\n"),
        // nested blocks leave no stray blank lines
        (
            "a\n{if $t}\n  b\n  {if $f}\n  c\n  {else}\n  d\n  {/if}\n  e\n{/if}\nf\n",
            "a\n  b\n    d\n    e\nf\n",
        ),
        ("{if $t}\n{if $t}\n{if $t}\nX\n{/if}\n{/if}\n{/if}\n", "X\n"),
        ("{if $t}\n{if $f}\nX\n{/if}\n{/if}\nY\n", "Y\n"),
        // comments on their own line vanish with their newline
        ("A\n{* note *}\nB\n", "A\nB\n"),
        ("A\n{* a\nlong\nnote *}\nB\n", "A\nB\n"),
        ("A{* x *}B\n", "AB\n"),
        ("A\n  {* x *}\nB", "A\n  B"),
        ("{* top *}\n{* two *}\n\nA", "A"),
        // CRLF and lone CR become LF, as Smarty reads template text
        (
            "Hello\r\n{if $t}\r\nX\r\n{/if}\r\nBye\r\n",
            "Hello\nX\nBye\n",
        ),
        ("Hello\r\n{if $f}\r\nX\r\n{/if}\r\nBye\r\n", "Hello\nBye\n"),
        ("{* c *}\r\n{$v}\r\n", "V\n"),
        ("{if $t}\r\r\nA{/if}", "\nA"),
        ("{if $t}\n\r\nA{/if}", "\nA"),
        // the start of the template swallows a newline too, after a BOM
        ("\u{feff}\nA", "A"),
        // ldelim and rdelim are not block tags
        ("{ldelim}\n{rdelim}\n", "{\n}\n"),
        // a newline before a tag is never touched
        ("A\n\n{if $t}B{/if}", "A\n\nB"),
    ];
    for (source, expected) in cases {
        assert_eq!(smarty(source, values.clone()), *expected, "{source:?}");
    }
}

#[test]
fn text_is_output_verbatim() {
    let literal = "p { color: \"red\" } }} \\ { {\t{\n}\u{0}\u{1b}é😀 '\" \\\" {ldelim}{ldelim}";
    let rendered = "p { color: \"red\" } }} \\ { {\t{\n}\u{0}\u{1b}é😀 '\" \\\" {{";
    assert_eq!(smarty(literal, json!({})), rendered);
    assert_eq!(smarty_html(literal, json!({})), rendered);
}

#[test]
fn values_print_as_php_prints_them() {
    let values = json!({
        "yes": true, "no": false, "int": 42, "neg": -3, "float": 1.5,
        "null": null, "text": "a b", "empty": "", "big": 1e20, "third": 0.1,
    });
    let source =
        "{$yes}|{$no}|{$int}|{$neg}|{$float}|{$null}|{$text}|{$empty}|{$missing}|{$big}|{$third}";
    assert_eq!(smarty(source, values), "1||42|-3|1.5||a b|||1.0E+20|0.1");
    let list = render(
        "{$list}",
        Syntax::Smarty,
        &vars(json!({"list": [1]})),
        &PLAIN,
    );
    assert_eq!(
        list.unwrap_err().to_string(),
        "1:2: $list is a list or an object; template variables are plain values"
    );
}

#[test]
fn modifiers() {
    let values = json!({
        "name": "émile o'brien", "empty": "", "zero": "0", "no": false, "yes": true,
        "url": "https://x.example/a b?q=1&r=é~_.-", "markup": "<b>\"Tom\" & 'Jerry'</b>",
    });
    let cases: &[(&str, &str)] = &[
        ("{$missing|default:\"n/a\"}", "n/a"),
        ("{$missing|default:'n/a'}", "n/a"),
        ("{$empty|default:\"n/a\"}", "n/a"),
        ("{$zero|default:\"n/a\"}", "0"),
        ("{$no|default:\"n/a\"}", ""),
        ("{$yes|default:\"n/a\"}", "1"),
        ("{$missing|default}", ""),
        ("{$missing|default:''|default:'second'}", "second"),
        ("{$name|upper}", "ÉMILE O'BRIEN"),
        ("{$name|upper|lower}", "émile o'brien"),
        ("{$name|ucfirst}", "émile o'brien"),
        ("{$url|ucfirst}", "Https://x.example/a b?q=1&r=é~_.-"),
        ("{$yes|upper}", "1"),
        (
            "{$url|urlencode}",
            "https%3A%2F%2Fx.example%2Fa+b%3Fq%3D1%26r%3D%C3%A9%7E_.-",
        ),
        (
            "{$url|escape:\"url\"}",
            "https%3A%2F%2Fx.example%2Fa%20b%3Fq%3D1%26r%3D%C3%A9~_.-",
        ),
        (
            "{$markup|escape}",
            "&lt;b&gt;&quot;Tom&quot; &amp; &#039;Jerry&#039;&lt;/b&gt;",
        ),
        (
            "{$markup|escape:'html'}",
            "&lt;b&gt;&quot;Tom&quot; &amp; &#039;Jerry&#039;&lt;/b&gt;",
        ),
        ("{$missing|default:\"a b\"|urlencode}", "a+b"),
        ("{$missing|upper|default:\"x\"}", "x"),
        ("{$name|default:\"x\"|upper}", "ÉMILE O'BRIEN"),
        ("{$missing|default:\"<none>\"}", "<none>"),
        ("{$missing|default:\"say \\\"hi\\\"\\n\"}", "say \"hi\"\n"),
    ];
    for (source, expected) in cases {
        assert_eq!(smarty(source, values.clone()), *expected, "{source:?}");
    }
}

#[test]
fn truthiness_follows_php() {
    let cases = [
        (json!(true), true),
        (json!(false), false),
        (json!(null), false),
        (json!(""), false),
        (json!("0"), false),
        (json!("0.0"), true),
        (json!(" "), true),
        (json!("false"), true),
        (json!(0), false),
        (json!(0.0), false),
        (json!(-1), true),
        (json!(0.5), true),
    ];
    for (value, truthy) in cases {
        let values = json!({ "v": value.clone() });
        let expected = if truthy { "T" } else { "F" };
        assert_eq!(
            smarty("{if $v}T{else}F{/if}", values.clone()),
            expected,
            "{value}"
        );
        let negated = if truthy { "F" } else { "T" };
        assert_eq!(smarty("{if !$v}T{else}F{/if}", values), negated, "!{value}");
    }
    assert_eq!(smarty("{if $missing}T{else}F{/if}", json!({})), "F");
    assert_eq!(smarty("{if !$missing}T{else}F{/if}", json!({})), "T");
}

#[test]
fn comparisons_follow_php_loose_equality() {
    let cases = [
        (json!("abc"), "abc", true),
        (json!("abc"), "ABC", false),
        (json!("abc"), "", false),
        (json!(""), "", true),
        (json!(null), "", true),
        (json!(null), "0", false),
        (json!("1"), "01", true),
        (json!("1e1"), "10", true),
        (json!(" 1"), "1", true),
        (json!("1 "), "1", true),
        (json!("1."), "1", true),
        (json!("abc"), "0", false),
        (json!("0x1A"), "26", false),
        (json!(true), "yes", true),
        (json!(true), "1", true),
        (json!(true), "0", false),
        (json!(false), "", true),
        (json!(false), "0", true),
        (json!(false), "no", false),
        (json!(1), "1", true),
        (json!(1), "1.0", true),
        (json!(1), "01", true),
        (json!(1), "abc", false),
        (json!(1.5), "1.5", true),
        (json!(0), "", false),
        (json!(0), "a", false),
    ];
    for (value, string, equal) in cases {
        let values = json!({ "v": value.clone() });
        for (op, expect) in [("eq", equal), ("==", equal), ("ne", !equal), ("!=", !equal)] {
            let source = format!("{{if $v {op} \"{string}\"}}T{{else}}F{{/if}}");
            let expected = if expect { "T" } else { "F" };
            assert_eq!(
                smarty(&source, values.clone()),
                expected,
                "{value} {op} {string:?}"
            );
        }
    }
    let missing = "{if $missing eq ''}empty{/if}{if $missing ne 'x'} not x{/if}";
    assert_eq!(smarty(missing, json!({})), "empty not x");
}

#[test]
fn and_or_and_their_precedence() {
    let truth = |a: bool, b: bool, c: bool, source: &str| {
        smarty(source, json!({"a": a, "b": b, "c": c})) == "T"
    };
    for bits in 0..8 {
        let (a, b, c) = (bits & 1 != 0, bits & 2 != 0, bits & 4 != 0);
        let wrap = |cond: &str| format!("{{if {cond}}}T{{else}}F{{/if}}");
        assert_eq!(truth(a, b, c, &wrap("$a or $b and $c")), a || (b && c));
        assert_eq!(truth(a, b, c, &wrap("$a and $b or $c")), (a && b) || c);
        assert_eq!(truth(a, b, c, &wrap("$a || $b && $c")), a || (b && c));
        assert_eq!(truth(a, b, c, &wrap("!$a and !$b or $c")), (!a && !b) || c);
        assert_eq!(truth(a, b, c, &wrap("$a and $b and $c")), a && b && c);
        assert_eq!(truth(a, b, c, &wrap("$a or $b or !$c")), a || b || !c);
        assert_eq!(
            truth(a, b, c, &wrap("$a eq '1' and $b ne '1' or $c == '1'")),
            (a && !b) || c
        );
    }
}

#[test]
fn elseif_takes_the_first_true_branch() {
    let source = "{if $n eq '1'}one{elseif $n eq '2'}two{elseif $n}many{else}none{/if}";
    assert_eq!(smarty(source, json!({"n": 1})), "one");
    assert_eq!(smarty(source, json!({"n": "2"})), "two");
    assert_eq!(smarty(source, json!({"n": 7})), "many");
    assert_eq!(smarty(source, json!({"n": 0})), "none");
    assert_eq!(smarty(source, json!({})), "none");
}

#[test]
fn variable_names_that_are_handlebars_keywords() {
    let values = json!({
        "else": "E", "this": "T", "true": "", "null": "N", "as": "A", "if": "I", "root": "R",
    });
    let source = "{$else}{$this}{$true|default:'d'}{$null}{$as}{$if}{$root}\
                  {if $true}x{elseif $else eq 'E'}y{/if}";
    assert_eq!(smarty(source, values), "ETdNAIRy");
}

#[test]
fn undefined_variables_render_empty() {
    assert_eq!(smarty("[{$nope}]", json!({})), "[]");
    assert_eq!(smarty("[{$nope|upper|urlencode}]", json!({})), "[]");
}

#[test]
fn strict_mode_names_the_undefined_variable_and_its_place() {
    let strict =
        |source: &str, values: Value| render(source, Syntax::Smarty, &vars(values), &STRICT);
    assert_eq!(
        strict("Hi\n  {$nope}", json!({})),
        Err(TemplateError {
            line: 2,
            column: 4,
            message: "undefined variable $nope".to_owned()
        })
    );
    let err = strict("{if $a}\n{elseif $b eq 'x'}{/if}", json!({"a": false})).unwrap_err();
    assert_eq!(err.to_string(), "2:9: undefined variable $b");
    let err = strict("{if $a}{else}{$c|default:'x'}{/if}", json!({"a": true})).unwrap_err();
    assert_eq!(err.to_string(), "1:15: undefined variable $c");
    assert_eq!(
        strict("{$a}{$b}", json!({"a": null, "b": false})),
        Ok(String::new())
    );
    assert_eq!(
        strict(DEFAULT_BLOCK, netflow_fields(true)),
        Ok(smarty(DEFAULT_BLOCK, netflow_fields(true)))
    );
}

/// `--html` is Smarty's `escape_html`: every printed value is escaped after its
/// modifiers (so `|escape` is escaped twice); template text never is.
#[test]
fn html_mode_escapes_every_printed_value_after_its_modifiers() {
    let values = json!({
        "script": "<script>alert(1)</script>",
        "attr": "\"><img src=x onerror=alert(1)>",
        "quote": "it's a & b",
        "yes": true,
    });
    let tags = [
        "{$script}",
        "{$quote}",
        "{$script|escape}",
        "{$quote|escape:'html'}",
        "{$script|upper}",
        "{$attr|urlencode}",
        "{$missing|default:'<none>'}",
        "{$yes}",
    ];
    for source in tags {
        let plain = smarty(source, values.clone());
        assert_eq!(
            smarty_html(source, values.clone()),
            escape_html(&plain),
            "{source:?}"
        );
    }
    assert_eq!(
        smarty_html("<a title=\"{$attr}\">", values.clone()),
        "<a title=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\">"
    );
    assert_eq!(
        smarty_html("<b>{if $yes}&nbsp;{/if}</b>", values.clone()),
        "<b>&nbsp;</b>"
    );
    assert_eq!(smarty("{$attr}", values), "\"><img src=x onerror=alert(1)>");
}

#[test]
fn parse_errors_come_back_from_render_and_lint() {
    let source = "Hi\n{$a|trim}";
    let from_render = render(source, Syntax::Smarty, &Map::new(), &PLAIN).unwrap_err();
    let from_lint = lint(source, Syntax::Smarty).unwrap_err();
    assert_eq!(from_render, from_lint);
    assert_eq!((from_render.line, from_render.column), (2, 5));
    assert!(
        from_render
            .to_string()
            .starts_with("2:5: unsupported modifier `trim`")
    );
}

#[test]
fn errors_display_with_and_without_a_position() {
    let located = TemplateError {
        line: 3,
        column: 5,
        message: "unsupported tag {foreach}".to_owned(),
    };
    assert_eq!(located.to_string(), "3:5: unsupported tag {foreach}");
    let unlocated = TemplateError {
        line: 0,
        column: 0,
        message: "oops".to_owned(),
    };
    assert_eq!(unlocated.to_string(), "oops");
}

#[test]
fn syntax_from_path() {
    assert_eq!(
        Syntax::from_path(Path::new("welcome.hbs")),
        Syntax::Handlebars
    );
    assert_eq!(Syntax::from_path(Path::new("a/b.HBS")), Syntax::Handlebars);
    assert_eq!(
        Syntax::from_path(Path::new("x.handlebars")),
        Syntax::Handlebars
    );
    assert_eq!(Syntax::from_path(Path::new("welcome.tpl")), Syntax::Smarty);
    assert_eq!(Syntax::from_path(Path::new("welcome")), Syntax::Smarty);
    assert_eq!(Syntax::from_path(Path::new("hbs")), Syntax::Smarty);
}

mod handlebars_syntax {
    use super::*;

    fn hbs(source: &str, values: Value, opts: Options) -> Result<String, TemplateError> {
        render(source, Syntax::Handlebars, &vars(values), &opts)
    }

    #[test]
    fn renders_as_handlebars() {
        let source = "{{#if netflow_enabled}}\nURL: {{netflow_url}}\n{{/if}}\nBye {{missing}}\n";
        assert_eq!(
            hbs(source, netflow_fields(true), PLAIN).unwrap(),
            "URL: https://netflow.myownserver.net/\nBye \n"
        );
        assert_eq!(hbs(source, netflow_fields(false), PLAIN).unwrap(), "Bye \n");
    }

    #[test]
    fn escapes_only_in_html_mode() {
        let values = json!({"v": "<script>alert('x')</script> & \"q\""});
        assert_eq!(
            hbs("{{v}}", values.clone(), PLAIN).unwrap(),
            "<script>alert('x')</script> & \"q\""
        );
        assert_eq!(
            hbs("{{v}}", values.clone(), HTML).unwrap(),
            "&lt;script&gt;alert(&#039;x&#039;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(
            hbs("{{{v}}}", values, HTML).unwrap(),
            "<script>alert('x')</script> & \"q\""
        );
    }

    #[test]
    fn strict_mode_is_handlebars_own() {
        let err = hbs("Hi\n  {{nope}}", json!({}), STRICT).unwrap_err();
        assert_eq!((err.line, err.column), (2, 3), "{err}");
        assert!(err.message.contains("nope"), "{err}");
        assert_eq!(hbs("{{a}}", json!({"a": 1}), STRICT).unwrap(), "1");
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let err = hbs("ok\n{{#if a}}\nx", json!({}), PLAIN).unwrap_err();
        assert!(err.line > 0 && err.column > 0, "{err:?}");
        let err = hbs("a\n {{foo bar=}}", json!({}), PLAIN).unwrap_err();
        assert_eq!(err.line, 2, "{err:?}");
        let err = lint("{{#if a}}{{/each}}", Syntax::Handlebars).unwrap_err();
        assert!(err.message.contains("each"), "{err:?}");
    }

    #[test]
    fn lint_lists_simple_references() {
        let source = "{{a}}\n  {{#if b}}{{{c}}}{{else if (eq d \"x\")}}{{/if}}\n\
                      {{#each items}}{{inner}}{{/each}}{{lookup e k=f}}{{this.g}}{{@index}}";
        let found: Vec<_> = lint(source, Syntax::Handlebars)
            .unwrap()
            .variables
            .into_iter()
            .map(|v| (v.name, v.line, v.column))
            .collect();
        let at = |name: &str, line, column| (name.to_owned(), line, column);
        assert_eq!(
            found,
            vec![
                at("a", 1, 1),
                at("b", 2, 3),
                at("c", 2, 12),
                at("d", 2, 3),
                at("items", 3, 1),
                at("e", 3, 34),
                at("f", 3, 34),
                at("g", 3, 50),
            ]
        );
    }
}
