//! Differential tests against real Smarty 4 (Debian's smarty4 under php-cli, configured
//! as WHMCS renders mail: tests/smarty/oracle.php). A corpus written for the purpose and
//! seeded random templates are rendered by Smarty and by the tool with the same
//! variables and compared byte for byte; templates Smarty refuses must be refused by
//! `email lint` too, with FILE:line:column.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use netflow_manager::template::{self, Options, Syntax, Zone};
use serde_json::{Map, Value, json};

use crate::support::Env;

const ORACLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/smarty/oracle.php");
const SMARTY: &str = "/usr/share/php/smarty4/bootstrap.php";

/// One template to render, as the oracle reads it.
struct Case {
    template: String,
    vars: Map<String, Value>,
    html: bool,
    tz: &'static str,
}

impl Case {
    fn new(template: impl Into<String>, vars: &Map<String, Value>) -> Case {
        Case {
            template: template.into(),
            vars: vars.clone(),
            html: false,
            tz: "UTC",
        }
    }
}

/// What Smarty made of a template: its output, or its error.
type Answer = Result<String, String>;

/// Renders every case with real Smarty in one PHP process.
fn smarty(cases: &[Case]) -> Vec<Answer> {
    let php = Command::new("php").arg("-v").output();
    assert!(
        php.is_ok_and(|out| out.status.success()) && Path::new(SMARTY).exists(),
        "the differential tests need php-cli, php-mbstring and Debian's smarty4 \
         ({SMARTY}); scripts/test.sh installs them"
    );
    let mut child = Command::new("php")
        .arg(ORACLE)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run php");
    let mut stdin = child.stdin.take().unwrap();
    let requests: Vec<String> = cases
        .iter()
        .map(|c| {
            json!({"template": c.template, "vars": c.vars, "html": c.html, "tz": c.tz}).to_string()
        })
        .collect();
    let writer = std::thread::spawn(move || {
        for request in requests {
            writeln!(stdin, "{request}").unwrap();
        }
    });
    let answers: Vec<Answer> = BufReader::new(child.stdout.take().unwrap())
        .lines()
        .map(|line| {
            let answer: Value = serde_json::from_str(&line.unwrap()).unwrap();
            match answer.get("ok") {
                Some(Value::String(out)) => Ok(out.clone()),
                _ => Err(answer["error"].as_str().unwrap_or("?").to_owned()),
            }
        })
        .collect();
    writer.join().unwrap();
    assert!(child.wait().unwrap().success());
    assert_eq!(answers.len(), cases.len(), "the oracle stopped early");
    answers
}

fn zone(name: &str) -> Zone {
    if name == "UTC" {
        return Zone::Utc;
    }
    let path = Path::new("/usr/share/zoneinfo").join(name);
    Zone::named(name, &std::fs::read(path).unwrap())
}

fn ours(case: &Case) -> Answer {
    let opts = Options {
        html: case.html,
        zone: zone(case.tz),
        ..Options::default()
    };
    template::render(&case.template, Syntax::Smarty, &case.vars, &opts).map_err(|e| e.to_string())
}

/// Every case must render in Smarty and in the tool, to the same bytes.
fn assert_same(cases: &[Case]) {
    let answers = smarty(cases);
    let mut failures = Vec::new();
    for (case, smarty) in cases.iter().zip(&answers) {
        let ours = ours(case);
        if ours != *smarty {
            failures.push(format!(
                "{:?} (html {}, TZ {}):\n  smarty: {smarty:?}\n  ours:   {ours:?}",
                case.template, case.html, case.tz
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} templates differ from Smarty:\n{}",
        failures.len(),
        cases.len(),
        failures
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The variables every corpus template is rendered with: every PHP type, numeric and
/// non-numeric strings, multibyte text, markup, dates.
fn values() -> Map<String, Value> {
    let Value::Object(map) = json!({
        "s": "Hello wonderful World", "e": "", "z": "0", "zf": "0.0", "n": 42, "f": 1.5,
        "neg": -3, "t": true, "fl": false, "nul": null, "num": "1e3", "thousand": "1000",
        "html": "<a href=\"x\">Tom & 'Jerry'</a>", "mb": "élan ÉCOLE straße ǆ 1st o'neil x-ray",
        "url": "https://x.example/a b?q=1&r=é~", "date": "2024-03-05 14:07:09",
        "ts": 1_709_644_029, "d14": "20240102030405", "ml": "line1\nline2\r\nline3\rend",
        "ws": "  a \t b  ", "big": 1e20, "small": 0.000_123_4, "numstr": " 12 ",
        "lead": "12abc", "abc123": "abc123 DEF45 x1y", "quote": "say \"hi\" 'there' \\o/",
        "js": "</script><!-- ${x} `y`", "iso": "2024-02-03T04:05:06+02:00", "greek": "ΟΔΟΣ ΣΑΣ",
    }) else {
        unreachable!()
    };
    map
}

const VARS: &[&str] = &[
    "s", "e", "z", "zf", "n", "f", "neg", "t", "fl", "nul", "missing", "num", "html", "mb", "url",
    "ml", "ws", "big", "small", "numstr", "lead", "abc123", "quote", "js", "greek",
];

/// Every modifier with its argument forms.
const MODIFIERS: &[&str] = &[
    "default",
    "default:'x'",
    "default:\"<d>\"",
    "default:5",
    "default:1.50",
    "default:true",
    "default:null",
    "default:''",
    "default:'a':'b'",
    "default:-2",
    "escape",
    "escape:'html'",
    "escape:\"html\"",
    "escape:html",
    "escape:'htmlall'",
    "escape:htmlall",
    "escape:'url'",
    "escape:url",
    "escape:'urlpathinfo'",
    "escape:'quotes'",
    "escape:'javascript'",
    "escape:javascript",
    "upper",
    "lower",
    "ucfirst",
    "capitalize",
    "capitalize:true",
    "capitalize:false:false",
    "nl2br",
    "nl2br:false",
    "nl2br:true",
    "truncate",
    "truncate:10",
    "truncate:0",
    "truncate:1",
    "truncate:5:''",
    "truncate:12:'…'",
    "truncate:10:'...':true",
    "truncate:10:'..':false:true",
    "truncate:7:'-':true:true",
    "truncate:3:'.....'",
    "strip_tags",
    "strip_tags:true",
    "strip",
    "strip:'_'",
    "strip:''",
    "strip:'[$0]'",
    "strip:'\\\\0'",
    "replace:'o':'0'",
    "replace:' ':'_'",
    "replace:'':'x'",
    "replace:'l':''",
    "replace:'é':'e'",
    "string_format:'%s'",
    "string_format:'%d'",
    "string_format:'%05d'",
    "string_format:'%-5d|'",
    "string_format:'%+d'",
    "string_format:'%.2f'",
    "string_format:'%10.3f'",
    "string_format:'%-8.1f|'",
    "string_format:'%e'",
    "string_format:'%.3E'",
    "string_format:'%g'",
    "string_format:'%.2G'",
    "string_format:'%x'",
    "string_format:'%X'",
    "string_format:'%o'",
    "string_format:'%b'",
    "string_format:'%u'",
    "string_format:'%08.3f'",
    "string_format:\"[%'*10s]\"",
    "string_format:'%-10s|'",
    "string_format:'%5s'",
    "string_format:'100%%: %s'",
    "string_format:'%+.1e'",
    "string_format:'%F'",
    "string_format:'% d'",
    "string_format:'%-05s'",
    "cat",
    "cat:'!'",
    "cat:1:2.5:true:null",
    "cat:\"\\t\"",
    "count_characters",
    "count_characters:true",
    "count_characters:TRUE",
    "urlencode",
];

const DATE_VARS: &[&str] = &["date", "ts", "d14", "iso", "e", "z", "nul", "n", "numstr"];

const DATE_FORMATS: &[&str] = &[
    "date_format",
    "date_format:'%Y-%m-%d %H:%M:%S'",
    "date_format:'%a %A %b %B %d %e %j %u %w'",
    "date_format:'%c|%D|%F|%r|%R|%T|%x|%X'",
    "date_format:'%C %g %G %V %U %W %y'",
    "date_format:'%I %l %k %p %P %z %Z %% %n %t'",
    "date_format:'%-d %_m %0e %^a %^B %Ey %Od'",
    "date_format:'d D j l N S w z W F m M n t L'",
    "date_format:'o Y y a A B g G h H i s u v'",
    "date_format:'e I O P p T Z c r U \\\\Y'",
    "date_format:'%Y':'2020-01-01'",
    "date_format:'Y-m-d':'20200101000000'",
];

/// The operand forms of a condition.
const OPERANDS: &[&str] = &[
    "$s",
    "$e",
    "$z",
    "$zf",
    "$n",
    "$f",
    "$neg",
    "$t",
    "$fl",
    "$nul",
    "$missing",
    "$num",
    "$thousand",
    "$numstr",
    "$lead",
    "'0'",
    "''",
    "\"1000\"",
    "'1e3'",
    "'abc'",
    "\"a\\\"b\"",
    "42",
    "0",
    "-1",
    "1.5",
    ".5",
    "1.",
    "+3",
    "- 1",
    "true",
    "false",
    "null",
    "TRUE",
    "Null",
];

const OPERATORS: &[&str] = &[
    "==", "!=", "===", "!==", "<>", "<", ">", "<=", ">=", "eq", "ne", "neq", "gt", "lt", "gte",
    "ge", "lte", "le", "EQ",
];

/// Templates of the whole language, written for the purpose: whitespace, comments,
/// literal text, blocks, logic and strings.
const STRUCTURE: &[&str] = &[
    "Hello\n{if $t}\nX\n{/if}\nBye\n",
    "Hello\n{if $fl}\nX\n{/if}\nBye\n",
    "\nA",
    "\n\nA{$s}\n",
    "\u{feff}A{$s}",
    "\u{feff}\nA",
    "a\r\nb\rc\r\n{if $t}\r\nX\r\n{/if}\r\nd",
    "{if $t}\r\rA{/if}",
    "{$s}\n{$s}\n\n",
    "{if $t}  \nA{/if}  \n",
    "  {if $t}\n  A\n  {/if}\nB",
    "a\n{if $t}\n  b\n  {if $fl}\n  c\n  {else}\n  d\n  {/if}\n  e\n{/if}\nf\n",
    "{if $fl}\nA\n{elseif $t}\nB\n{else}\nC\n{/if}\nD\n",
    "{if $fl}\nA\n{else if $t}\nB\n{/if}\n",
    "{if $fl}A{elseif $nul}B{else if $z}C{else}D{/if}",
    "A\n{* note *}\nB\n",
    "A\n{* a\nlong\nnote *}\n\nB\n",
    "{* top *}\n{* two *}\n\nA",
    "{if $t}{* c *}\n\nB{/if}",
    "A{* x *}B{*}{**}C",
    "{$s}{* c *}\nB",
    "{ldelim}\n{rdelim}\n{ldelim}{if $t}\n{rdelim}{/if}\n",
    "p { color: red } {\tx} {\ny} {{ z }} {}",
    "{literal}{$s} {if}{/literal}\nX",
    "{literal}a{literal}b{/literal}c{/literal}\nd",
    "{if $t}{literal}\nX{/literal}{/if}",
    "{LITERAL}{$s}{/literal}",
    "<?php echo 1; ?>\n<% x %>\n<script>{$s}</script>\n",
    "{if ($t)}a{/if}{if ( $t and ($fl or $t) )}b{/if}{if !($fl)}c{/if}",
    "{if !!$z}a{else}b{/if}{if not $z}c{/if}{if NOT $zf}d{/if}{if ! $e}e{/if}",
    "{if $t xor $fl}a{/if}{if $t XOR $t}b{/if}{if $t or $fl xor $t}c{/if}",
    "{if $t and $fl or $t}a{/if}{if $t || $fl && $fl}b{/if}{if $t AND $t OR $fl}c{/if}",
    "{if $n == 42 and $s != ''}a{/if}{if 'abc' == $missing}b{/if}{if $num == $thousand}c{/if}",
    "{if $n > 10 == $t}a{/if}{if $fl == $n < 10}b{/if}{if !$n == $fl}c{/if}",
    "{if $s eq 'Hello wonderful World'}a{/if}{if $s eq \"Hello\\x20wonderful World\"}b{/if}",
    "{if 'it\\'s' == \"it's\"}a{/if}{if '\\\\' == \"\\\\\"}b{/if}{if \"\\x41\\101\" == 'AA'}c{/if}",
    "{if \"a\\qb\" == 'a\\qb'}a{/if}{if \"$ 5\" == '$ 5'}b{/if}{if \"{ x\" == '{ x'}c{/if}",
    "{$missing|default:\"tab\\there\\nnl \\$ \\\\ \\e\"}",
    "{$missing|default:'single \\' \\\\ \\n'}",
    "{$s|upper|lower|ucfirst}{$html|escape|upper}{$mb|escape:'htmlall'|escape}",
    "{$s|truncate:10:'…'|upper|cat:'!'}{$nul|default:'a'|upper}",
    "{$s }{$s  }{if $t }x{/if }{$s|upper }{$s|upper\n}",
    "{$s|truncate : 5}{$s|replace: 'o' : '0'}",
    "{$1a}{$_x}{$A9}",
    "{if $t}{$s}{/if}\n{if $t}{$s}\n{/if}\n",
    "{if $t}\n{$s}\n{elseif $fl}\n{else}\n{/if}\n",
];

/// Templates Smarty refuses; `email lint` must refuse them too.
const REFUSED_BY_SMARTY: &[&str] = &[
    "{$x | upper}",
    "{$x |upper}",
    "{$x| upper}",
    "{$x|trim}",
    "{$x|md5}",
    "{$x|nosuchmodifier}",
    "{if}x{/if}",
    "{if $a}x",
    "{/if}",
    "{else}",
    "{if $a}{else}{else}{/if}",
    "{if $a}{else}{elseif $b}{/if}",
    "{elseif $a}",
    "{if $a == $b == $c}x{/if}",
    "{if $a < $b > $c}x{/if}",
    "{if $a and($b)}x{/if}",
    "{if $x eq'a'}x{/if}",
    "{$x",
    "{if $a}x{/if",
    "{* never closed",
    "{literal}never closed",
    "{/literal}",
    "{if ($a}x{/if}",
    "{if $a)}x{/if}",
    "{if 'a}x{/if}",
    "{if \"a}x{/if}",
    "{$x|default:'a}",
    "{if $a ==}x{/if}",
    "{if == $a}x{/if}",
    "{if $a and}x{/if}",
    "{if !}x{/if}",
    "{if $a eq 'x' 'y'}x{/if}",
    "{$x|escape:'html'|}",
    "{$x|}",
    "{$x:1}",
    "{if $a}x{/iff}",
    "{iff $a}x{/iff}",
    "{if trim($a)}x{/if}",
    "{if $a|trim}x{/if}",
    "{else if}x",
    "{$x|string_format:'%s %s'}",
    "{literal }x{/literal\n}",
];

/// Templates Smarty renders that are outside the supported set: a clear refusal.
const OUTSIDE_THE_SET: &[&str] = &[
    "{foreach $a as $b}{/foreach}",
    "{capture name=x}y{/capture}",
    "{$x|strlen}",
    "{if $a = 1}x{/if}",
    "{if \"\\u{110000}\"}x{/if}",
    "{if $a}{else  if $b}{/if}",
    "{$x\n}",
    "{$a.b}",
    "{$a[0]}",
    "{$a->b}",
    "{$x nocache}",
    "{$smarty.now}",
    "{IF $a}x{/IF}",
    "{if $a is even}x{/if}",
    "{if $a + 1}x{/if}",
    "{$x|default:$y}",
    "{$x|escape:'hex'}",
    "{$x|capitalize:true:true}",
    "{$x|strip_tags:false}",
    "{$x|count}",
    "{if $a == 010}x{/if}",
    "{if $a == 0x1A}x{/if}",
    "{if $a == abc}x{/if}",
    "{if \"$a\"}x{/if}",
    "{$x|string_format:'%c'}",
    "{$x|string_format:'%.2s'}",
    "{$x|date_format:'%s'}",
    "{$x|truncate:-1}",
    "{assign var=x value=1}",
    "{'text'|upper}",
    "{if $a mod 2}x{/if}",
    "{if (int)$a}x{/if}",
    "{$x|@count}",
];

#[test]
fn corpus_renders_as_smarty_does() {
    let vars = values();
    let mut cases = Vec::new();
    for modifier in MODIFIERS {
        for var in VARS {
            cases.push(Case::new(format!("{{${var}|{modifier}}}"), &vars));
        }
    }
    for format in DATE_FORMATS {
        for var in DATE_VARS {
            for tz in ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"] {
                let mut case = Case::new(format!("{{${var}|{format}}}"), &vars);
                case.tz = tz;
                cases.push(case);
            }
        }
    }
    for op in OPERATORS {
        for (i, left) in OPERANDS.iter().enumerate() {
            for right in OPERANDS.iter().skip(i % 5).step_by(5) {
                cases.push(Case::new(
                    format!("{{if {left} {op} {right}}}T{{else}}F{{/if}}"),
                    &vars,
                ));
            }
        }
    }
    for operand in OPERANDS {
        cases.push(Case::new(
            format!("{{if {operand}}}T{{else}}F{{/if}}{{if !{operand}}}T{{/if}}"),
            &vars,
        ));
    }
    for template in STRUCTURE {
        cases.push(Case::new(*template, &vars));
        let mut html = Case::new(*template, &vars);
        html.html = true;
        cases.push(html);
    }
    for var in VARS {
        let mut html = Case::new(format!("<b>{{${var}}}</b>{{${var}|escape}}"), &vars);
        html.html = true;
        cases.push(html);
    }
    eprintln!("corpus: {} templates", cases.len());
    assert_same(&cases);
}

/// A small seeded generator (xorshift), so a failure names its template.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn condition(&mut self, depth: usize) -> String {
        match self.below(if depth > 2 { 3 } else { 7 }) {
            0 | 1 => self.pick(OPERANDS).to_owned(),
            2 => format!(
                "{} {} {}",
                self.pick(OPERANDS),
                self.pick(OPERATORS),
                self.pick(OPERANDS)
            ),
            3 => format!("!{}", self.condition(depth + 1)),
            4 => format!("({})", self.condition(depth + 1)),
            _ => {
                let joins = ["and", "or", "&&", "||", "xor", "AND"];
                format!(
                    "({}) {} {}",
                    self.condition(depth + 1),
                    self.pick(&joins),
                    self.condition(depth + 1)
                )
            }
        }
    }

    fn body(&mut self, depth: usize) -> String {
        let texts = [
            "x",
            " ",
            "\n",
            "\r\n",
            "\r",
            "{ ",
            "{\n",
            "}",
            "<&'\">",
            "é",
            "\\",
            "{ldelim}",
            "{rdelim}",
            "{* c *}",
            "{* c *}\n",
            "{literal}{$s}\n{/literal}",
            "{}",
            "\n\n",
        ];
        let mut out = String::new();
        for _ in 0..self.below(6) {
            match self.below(if depth > 2 { 2 } else { 3 }) {
                0 => out.push_str(self.pick(&texts)),
                1 => {
                    out.push_str(&format!("{{${}", self.pick(VARS)));
                    for _ in 0..self.below(3) {
                        out.push('|');
                        out.push_str(self.pick(MODIFIERS));
                    }
                    out.push('}');
                }
                _ => {
                    let newline = self.pick(&["", "\n", "\r\n"]);
                    out.push_str(&format!("{{if {}}}{newline}", self.condition(0)));
                    out.push_str(&self.body(depth + 1));
                    for _ in 0..self.below(3) {
                        let tag = self.pick(&["elseif", "else if"]);
                        out.push_str(&format!("{{{tag} {}}}{newline}", self.condition(0)));
                        out.push_str(&self.body(depth + 1));
                    }
                    if self.below(2) == 0 {
                        out.push_str(&format!("{{else}}{newline}"));
                        out.push_str(&self.body(depth + 1));
                    }
                    out.push_str(&format!("{{/if}}{newline}"));
                }
            }
        }
        out
    }
}

/// Random templates of the supported set, the same every run.
const RANDOM_TEMPLATES: usize = 600;

#[test]
fn random_templates_render_as_smarty_does() {
    let vars = values();
    let mut random = Random(0x5eed_cafe_f00d_1234);
    let cases: Vec<Case> = (0..RANDOM_TEMPLATES)
        .map(|i| {
            let mut case = Case::new(random.body(0), &vars);
            case.html = i % 4 == 0;
            case
        })
        .collect();
    assert_same(&cases);
}

/// What Smarty refuses, `email lint` refuses with FILE:line:column and exit 65; what is
/// outside the supported set is refused the same way, though Smarty renders it.
#[test]
fn lint_refuses_what_smarty_refuses() {
    let vars = values();
    let cases: Vec<Case> = REFUSED_BY_SMARTY
        .iter()
        .chain(OUTSIDE_THE_SET)
        .map(|t| Case::new(*t, &vars))
        .collect();
    let answers = smarty(&cases);
    let env = Env::new();
    let mut problems = Vec::new();
    for (i, (case, answer)) in cases.iter().zip(&answers).enumerate() {
        let refused_by_smarty = i < REFUSED_BY_SMARTY.len();
        if answer.is_ok() == refused_by_smarty {
            problems.push(format!("{:?}: Smarty gave {answer:?}", case.template));
        }
        let file = env.write(&format!("t{i}.tpl"), &case.template);
        let out = env.run(&["email", "lint", file.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let located = stderr.contains(&format!("t{i}.tpl:")) && {
            let rest =
                &stderr[stderr.find(&format!("t{i}.tpl:")).unwrap() + format!("t{i}.tpl:").len()..];
            let mut parts = rest.splitn(3, ':');
            parts.next().is_some_and(|l| l.parse::<usize>().is_ok())
                && parts.next().is_some_and(|c| c.parse::<usize>().is_ok())
        };
        if out.status.code() != Some(65) || !located {
            problems.push(format!(
                "{:?}: lint exit {:?}: {stderr}",
                case.template,
                out.status.code()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The binary renders the corpus's structure templates, read from files, as Smarty does
/// with the record's merge fields and `--var` values.
#[test]
fn email_render_prints_what_smarty_prints() {
    let env = Env::activated();
    env.ok_with_stdin(
        &[
            "access",
            "add",
            "--service",
            "42",
            "--username",
            "acme<b>",
            "--password-stdin",
            "--group",
            "Core \"A\"",
        ],
        "S3cret&<pw>\n",
    );
    let Value::Object(mut vars) = env.json(&["email", "fields", "--service", "42"]) else {
        panic!("email fields is an object");
    };
    let extra = [
        ("s", "Hello wonderful World"),
        ("z", "0"),
        ("mb", "élan ÉCOLE straße"),
        ("e", ""),
    ];
    for (name, value) in extra {
        vars.insert(name.to_owned(), json!(value));
    }
    let mut templates: Vec<String> = STRUCTURE.iter().map(|t| (*t).to_owned()).collect();
    templates.push(template::DEFAULT_BLOCK.to_owned());
    templates.push(
        "{if $netflow_enabled and $netflow_username|default:'' != ''}x{/if}"
            .replace("|default:''", ""),
    );
    for modifier in MODIFIERS.iter().step_by(3) {
        templates.push(format!(
            "{{$netflow_username|{modifier}}}|{{$mb|{modifier}}}\n"
        ));
    }
    let cases: Vec<Case> = templates
        .iter()
        .map(|t| Case::new(t.clone(), &vars))
        .collect();
    let answers = smarty(&cases);
    let mut failures = Vec::new();
    for (i, (case, answer)) in cases.iter().zip(&answers).enumerate() {
        let file = env.write(&format!("r{i}.tpl"), &case.template);
        let mut args = vec![
            "email".to_owned(),
            "render".to_owned(),
            "--service".to_owned(),
            "42".to_owned(),
            "--template".to_owned(),
            file.to_str().unwrap().to_owned(),
        ];
        for (name, value) in extra {
            args.push("--var".to_owned());
            args.push(format!("{name}={value}"));
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = env.run(&args);
        let ours = if out.status.success() {
            Ok(String::from_utf8(out.stdout).unwrap())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).into_owned())
        };
        if ours.as_ref().ok() != answer.as_ref().ok() {
            failures.push(format!(
                "{:?}:\n  smarty: {answer:?}\n  ours:   {ours:?}",
                case.template
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
