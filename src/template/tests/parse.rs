//! The Smarty parser: the tree of every construct, and every error with its position.

use crate::template::smarty::{Branch, Cond, Modifier, Node, Pos, VarRef, parse};

fn var(name: &str, line: usize, column: usize) -> VarRef {
    VarRef {
        name: name.to_owned(),
        pos: Pos { line, column },
    }
}

fn text(s: &str) -> Node {
    Node::Text(s.to_owned())
}

fn plain(name: &str, line: usize, column: usize) -> Node {
    Node::Var {
        var: var(name, line, column),
        modifiers: Vec::new(),
    }
}

fn modifiers(source: &str) -> Vec<Modifier> {
    match parse(source).as_deref() {
        Ok([Node::Var { modifiers, .. }]) => modifiers.clone(),
        other => panic!("{source:?} is not one variable tag: {other:?}"),
    }
}

fn cond(source: &str) -> Cond {
    match parse(source).as_deref() {
        Ok([Node::If { branches, .. }]) => branches[0].cond.clone(),
        other => panic!("{source:?} is not one if block: {other:?}"),
    }
}

#[test]
fn text_only() {
    assert_eq!(parse("").unwrap(), vec![]);
    assert_eq!(parse("Hello\n").unwrap(), vec![text("Hello\n")]);
}

#[test]
fn variable_positions_count_characters_from_one() {
    assert_eq!(
        parse("Hi {$name}!\n  é{$x}").unwrap(),
        vec![
            text("Hi "),
            plain("name", 1, 5),
            text("!\n  é"),
            plain("x", 2, 5),
        ]
    );
    assert_eq!(parse("{$_a1}").unwrap(), vec![plain("_a1", 1, 2)]);
}

#[test]
fn spaces_inside_a_variable_tag_are_allowed() {
    assert_eq!(
        modifiers("{$x | upper | default : 'y' }"),
        vec![Modifier::Upper, Modifier::Default("y".to_owned())]
    );
}

#[test]
fn modifiers_and_their_arguments() {
    use Modifier::*;
    assert_eq!(modifiers("{$x|upper}"), vec![Upper]);
    assert_eq!(modifiers("{$x|lower|ucfirst}"), vec![Lower, Ucfirst]);
    assert_eq!(modifiers("{$x|urlencode}"), vec![Urlencode]);
    assert_eq!(modifiers("{$x|escape}"), vec![EscapeHtml]);
    assert_eq!(modifiers("{$x|escape:\"html\"}"), vec![EscapeHtml]);
    assert_eq!(modifiers("{$x|escape:'html'}"), vec![EscapeHtml]);
    assert_eq!(modifiers("{$x|escape:\"url\"}"), vec![Urlencode]);
    assert_eq!(modifiers("{$x|default}"), vec![Default(String::new())]);
    assert_eq!(
        modifiers("{$x|default:\"n/a\"}"),
        vec![Default("n/a".to_owned())]
    );
    assert_eq!(modifiers("{$x|default:'}'}"), vec![Default("}".to_owned())]);
}

#[test]
fn strings_follow_php_escapes() {
    let default = |source: &str| match modifiers(source).as_slice() {
        [Modifier::Default(value)] => value.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(default(r#"{$x|default:"a\"b\\c\n\t\$d"}"#), "a\"b\\c\n\t$d");
    assert_eq!(default(r#"{$x|default:"\q\{"}"#), r"\q\{");
    assert_eq!(default(r"{$x|default:'a\'b\\c\n$d'}"), r"a'b\c\n$d");
    assert_eq!(default(r#"{$x|default:"$ 5 and 5$"}"#), "$ 5 and 5$");
    assert_eq!(default("{$x|default:'two\nlines'}"), "two\nlines");
}

#[test]
fn if_elseif_else_tree() {
    let tree = parse("{if $a}A{elseif $b}B{elseif $c}C{else}D{/if}").unwrap();
    assert_eq!(
        tree,
        vec![Node::If {
            branches: vec![
                Branch {
                    cond: Cond::Truthy(var("a", 1, 5)),
                    body: vec![text("A")],
                },
                Branch {
                    cond: Cond::Truthy(var("b", 1, 17)),
                    body: vec![text("B")],
                },
                Branch {
                    cond: Cond::Truthy(var("c", 1, 29)),
                    body: vec![text("C")],
                },
            ],
            otherwise: Some(vec![text("D")]),
        }]
    );
}

#[test]
fn nested_ifs_and_empty_bodies() {
    let tree = parse("{if $a}{if !$b}{/if}{else}{/if}").unwrap();
    assert_eq!(
        tree,
        vec![Node::If {
            branches: vec![Branch {
                cond: Cond::Truthy(var("a", 1, 5)),
                body: vec![Node::If {
                    branches: vec![Branch {
                        cond: Cond::Falsy(var("b", 1, 13)),
                        body: vec![],
                    }],
                    otherwise: None,
                }],
            }],
            otherwise: Some(vec![]),
        }]
    );
}

#[test]
fn conditions() {
    let a = || var("a", 1, 5);
    let compare = |equal: bool, value: &str| Cond::Compare {
        var: a(),
        equal,
        value: value.to_owned(),
    };
    assert_eq!(cond("{if $a}{/if}"), Cond::Truthy(a()));
    assert_eq!(cond("{if $a eq \"x\"}{/if}"), compare(true, "x"));
    assert_eq!(cond("{if $a == 'x'}{/if}"), compare(true, "x"));
    assert_eq!(cond("{if $a ne \"\"}{/if}"), compare(false, ""));
    assert_eq!(cond("{if $a != \"y z\"}{/if}"), compare(false, "y z"));
    assert_eq!(cond("{if $a==\"x\"}{/if}"), compare(true, "x"));
    assert_eq!(cond("{if ! $a}{/if}"), Cond::Falsy(var("a", 1, 7)));
}

#[test]
fn and_binds_tighter_than_or() {
    let v = |name: &str, column| Cond::Truthy(var(name, 1, column));
    assert_eq!(
        cond("{if $a or $b and $c or !$d}{/if}"),
        Cond::Any(vec![
            v("a", 5),
            Cond::All(vec![v("b", 11), v("c", 18)]),
            Cond::Falsy(var("d", 1, 25)),
        ])
    );
    assert_eq!(
        cond("{if $a && $b || $c}{/if}"),
        Cond::Any(vec![Cond::All(vec![v("a", 5), v("b", 11)]), v("c", 17)])
    );
    assert_eq!(
        cond("{if $a and $b and $c}{/if}"),
        Cond::All(vec![v("a", 5), v("b", 12), v("c", 19)])
    );
}

#[test]
fn conditions_may_span_lines() {
    assert_eq!(
        cond("{if $a\n  and $b}{/if}"),
        Cond::All(vec![
            Cond::Truthy(var("a", 1, 5)),
            Cond::Truthy(var("b", 2, 7)),
        ])
    );
}

#[test]
fn comments_disappear() {
    assert_eq!(
        parse("a{* one *}b{* two\nlines {$x} {if} *}c").unwrap(),
        vec![text("abc")]
    );
    assert_eq!(parse("{**}").unwrap(), vec![]);
}

#[test]
fn delimiters_and_auto_literal_braces() {
    assert_eq!(parse("{ldelim}x{rdelim}").unwrap(), vec![text("{x}")]);
    assert_eq!(
        parse("p { color: red }\n{\n}\t{\tx}").unwrap(),
        vec![text("p { color: red }\n{\n}\t{\tx}")]
    );
    assert_eq!(parse("}}").unwrap(), vec![text("}}")]);
}

#[test]
fn newline_after_block_tags_is_dropped_in_the_tree() {
    assert_eq!(
        parse("{if $a}\nA\n{/if}\n{* c *}\r\n{$b}\nB").unwrap(),
        vec![
            Node::If {
                branches: vec![Branch {
                    cond: Cond::Truthy(var("a", 1, 5)),
                    body: vec![text("A\n")],
                }],
                otherwise: None,
            },
            plain("b", 5, 2),
            text("\nB"),
        ]
    );
}

#[test]
fn lint_lists_variables_in_source_order() {
    let lint = crate::template::lint(
        "{if $a eq 'x' or !$b}{$c|upper}{elseif $d}{else}{$e}{/if}{$a}",
        crate::template::Syntax::Smarty,
    )
    .unwrap();
    let found: Vec<_> = lint
        .variables
        .iter()
        .map(|v| (v.name.as_str(), v.line, v.column))
        .collect();
    assert_eq!(
        found,
        vec![
            ("a", 1, 5),
            ("b", 1, 19),
            ("c", 1, 23),
            ("d", 1, 40),
            ("e", 1, 50),
            ("a", 1, 59),
        ]
    );
}

/// Each bad template, where the error is, and a part of the message.
const ERRORS: &[(&str, usize, usize, &str)] = &[
    // tags outside the subset
    (
        "ok\n  {foreach $a as $b}",
        2,
        3,
        "unsupported tag {foreach $a as $b}",
    ),
    ("{/foreach}", 1, 1, "unsupported tag {/foreach}"),
    ("{literal}", 1, 1, "unsupported tag {literal}"),
    ("a{color:red}", 1, 2, "unsupported tag {color:red}"),
    ("{iffy $x}", 1, 1, "unsupported tag {iffy $x}"),
    ("{{$x}}", 1, 1, "unsupported tag {{$x}"),
    ("{\"a\"}", 1, 1, "unsupported tag"),
    ("{", 1, 1, "must be written {ldelim}"),
    ("x\n{", 2, 1, "must be written {ldelim}"),
    // variable tags
    ("{$}", 1, 2, "expected a variable name after `$`"),
    ("{$1x}", 1, 2, "expected a variable name"),
    ("{$a.b}", 1, 4, "unsupported variable syntax `$a.…`"),
    ("{$a[0]}", 1, 4, "unsupported variable syntax"),
    ("{$a->b}", 1, 4, "unsupported variable syntax"),
    ("{$a b}", 1, 5, "unexpected `b` in {$a}"),
    ("{$a", 1, 1, "tag is never closed"),
    ("{$a|upper", 1, 1, "tag is never closed"),
    ("{$a|}", 1, 5, "expected a modifier name after `|`"),
    ("{$a|@count}", 1, 5, "expected a modifier name"),
    ("{$a|truncate:10}", 1, 5, "unsupported modifier `truncate`"),
    (
        "{$a|date_format}",
        1,
        5,
        "unsupported modifier `date_format`",
    ),
    ("{$a|upper:\"x\"}", 1, 10, "`upper` takes no argument"),
    ("{$a|urlencode:'x'}", 1, 14, "`urlencode` takes no argument"),
    (
        "{$a|default:\"x\":\"y\"}",
        1,
        16,
        "too many arguments for `default`",
    ),
    (
        "{$a|escape:\"html\":\"UTF-8\"}",
        1,
        18,
        "too many arguments for `escape`",
    ),
    (
        "{$a|escape:\"javascript\"}",
        1,
        12,
        "unsupported escape type \"javascript\"",
    ),
    (
        "{$a|default:x}",
        1,
        13,
        "expected a quoted string after `default:`",
    ),
    ("{$a|default:5}", 1, 13, "expected a quoted string"),
    ("{$a|default:\"x}", 1, 13, "string is never closed"),
    (
        "{$a|default:\"hi $name\"}",
        1,
        17,
        "variables inside double-quoted strings",
    ),
    (
        "{$a|default:\"{$b}\"}",
        1,
        15,
        "variables inside double-quoted strings",
    ),
    ("{$a|default:\"\\x41\"}", 1, 14, "escapes are not supported"),
    // comments
    ("a\n{* never closed", 2, 1, "comment is never closed"),
    ("{*}", 1, 1, "comment is never closed"),
    // block structure
    ("{if}", 1, 1, "{if} needs a condition"),
    ("{if }{/if}", 1, 1, "{if} needs a condition"),
    ("{if $a}{elseif}{/if}", 1, 8, "{elseif} needs a condition"),
    ("{if $a}", 1, 1, "{if} is never closed"),
    ("{if $a}{if $b}{/if}", 1, 1, "{if} is never closed"),
    (
        "{if $a}\n{if $b}\n{/if}{if $c}",
        3,
        6,
        "{if} is never closed",
    ),
    ("{/if}", 1, 1, "{/if} without an open {if}"),
    ("x{else}", 1, 2, "{else} without an open {if}"),
    ("{elseif $a}", 1, 1, "{elseif} without an open {if}"),
    (
        "{if $a}{else}{else}{/if}",
        1,
        14,
        "second {else}; the first is at 1:8",
    ),
    (
        "{if $a}{else}{elseif $b}{/if}",
        1,
        14,
        "{elseif} after the {else} at 1:8",
    ),
    (
        "{if $a}{else if $b}{/if}",
        1,
        14,
        "{else} takes nothing; for a condition write {elseif",
    ),
    ("{if $a}{/if $a}", 1, 13, "{/if} takes nothing"),
    ("{ldelim x}", 1, 9, "{ldelim} takes nothing"),
    ("{if $a", 1, 1, "tag is never closed"),
    ("{if", 1, 1, "tag is never closed"),
    ("{else", 1, 1, "tag is never closed"),
    // conditions
    ("{if $a gt \"1\"}{/if}", 1, 8, "unsupported operator `gt`"),
    ("{if $a === \"1\"}{/if}", 1, 8, "unsupported operator `===`"),
    ("{if $a > \"1\"}{/if}", 1, 8, "unsupported operator `>`"),
    ("{if $a|upper}{/if}", 1, 7, "unsupported operator `|`"),
    ("{if $a $b}{/if}", 1, 8, "expected `and` or `or` before $b"),
    ("{if $a \"x\"}{/if}", 1, 8, "found a string"),
    (
        "{if $a eq $b}{/if}",
        1,
        11,
        "expected a quoted string to compare with",
    ),
    ("{if $a eq 1}{/if}", 1, 11, "expected a quoted string"),
    ("{if $a eq}{/if}", 1, 10, "expected a quoted string"),
    (
        "{if !$a eq \"x\"}{/if}",
        1,
        9,
        "`!` only negates a plain variable",
    ),
    ("{if !\"x\"}{/if}", 1, 6, "expected a variable after `!`"),
    (
        "{if $a and}{/if}",
        1,
        11,
        "expected a variable such as $name, found `}`",
    ),
    (
        "{if or $a}{/if}",
        1,
        5,
        "expected a variable such as $name, found `or`",
    ),
    ("{if ($a)}{/if}", 1, 5, "found `(`"),
    ("{if a}{/if}", 1, 5, "found `a`"),
    ("{if $a.b}{/if}", 1, 7, "unsupported operator `.`"),
    ("{if $a eq \"x}", 1, 11, "string is never closed"),
];

#[test]
fn every_error_names_its_line_and_column() {
    for &(source, line, column, message) in ERRORS {
        let err = parse(source).expect_err(source);
        assert!(
            err.message.contains(message),
            "{source:?}: {:?} does not contain {message:?}",
            err.message
        );
        assert_eq!(
            (err.line, err.column),
            (line, column),
            "{source:?}: {}",
            err.message
        );
    }
}

#[test]
fn nesting_is_limited() {
    let deep = "{if $a}".repeat(32) + &"{/if}".repeat(32);
    assert!(parse(&deep).is_ok());
    let too_deep = "{if $a}".repeat(33) + &"{/if}".repeat(33);
    let err = parse(&too_deep).unwrap_err();
    assert_eq!((err.line, err.column), (1, 32 * 7 + 1));
    assert!(err.message.contains("nested more than 32 deep"), "{err}");
}

#[test]
fn long_unsupported_tags_are_shortened() {
    let err = parse(&format!("{{foreach {}}}", "x".repeat(100))).unwrap_err();
    assert_eq!(
        err.message.split(" (the supported").next().unwrap(),
        format!("unsupported tag {{foreach {}…", "x".repeat(31))
    );
}
