//! Bounded input (SPEC 5.8): oversized headers, fields and JSON records are
//! refused with exit 65, one line per problem, at most 100 lines and a count of
//! the rest; tables stream. Peak memory is measured by benches/bench.sh.

use crate::support::{Env, expect_ok, expect_rejected};

fn import(env: &Env, name: &str, bytes: &[u8]) -> std::process::Output {
    let path = env.path(name);
    std::fs::write(&path, bytes).unwrap();
    env.run(&["access", "import", path.to_str().unwrap()])
}

fn count(env: &Env) -> i64 {
    env.sql("SELECT count(*) FROM access")
}

#[test]
fn a_header_of_ten_million_columns_is_one_line() {
    let env = Env::activated();
    let mut header = "x,".repeat(10_000_000).into_bytes();
    header.extend(b"\n1,2\n");
    let out = import(&env, "wide.csv", &header);
    let err = crate::support::expect_code(&[], out, 65);
    assert!(
        err.contains("line 1: the header is longer than 64 KiB"),
        "{err}"
    );
    assert_eq!(count(&env), 0);
}

#[test]
fn problems_past_a_hundred_are_counted_not_printed() {
    let env = Env::activated();
    // 20,000 unknown columns fit in 64 KiB: each is a problem of line 1.
    let header = format!("service_id,username,{}\n1,a\n", vec!["x"; 20_000].join(","));
    let err = expect_rejected(import(&env, "unknown.csv", header.as_bytes()));
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 102, "{}", &err[..err.len().min(2000)]);
    assert!(
        lines[0].starts_with("line 1, column x: unknown column"),
        "{}",
        lines[0]
    );
    assert!(lines[99].starts_with("line 1, column x:"), "{}", lines[99]);
    assert_eq!(
        lines[100],
        "… and 19901 more problems not shown (the first 100 are)"
    );
    assert!(
        lines[101].starts_with("netflow-manager: "),
        "{}",
        lines[101]
    );

    let mut rows = String::from("service_id,username\n");
    for i in 0..500 {
        rows.push_str(&format!("x{i},u\n"));
    }
    let err = expect_rejected(import(&env, "bad.csv", rows.as_bytes()));
    assert_eq!(err.lines().count(), 102, "{err}");
    assert!(err.contains("… and 400 more problems not shown"), "{err}");
    assert!(err.contains("500 bad rows; nothing was imported"), "{err}");
    assert_eq!(count(&env), 0);
}

#[test]
fn a_field_over_its_limit_is_a_row_problem_and_the_rest_is_checked() {
    let env = Env::activated();
    let long = "n".repeat(2 * 1024 * 1024);
    let text = format!(
        "service_id,username,notes\n1,a,\"{long}\"\n2,b,ok\nx,c,ok\n3,d{}\n",
        ",".repeat(1_000_000)
    );
    let err = expect_rejected(import(&env, "long.csv", text.as_bytes()));
    assert_eq!(
        err.lines().collect::<Vec<_>>()[..3],
        [
            "line 2, column notes: is longer than 64 KiB",
            "line 4, column service_id: must be a positive integer, not \"x\"",
            "line 5: has 1000002 fields, the header has 3",
        ],
        "{err}"
    );
    assert!(
        err.len() < 1000,
        "the field is never echoed: {} bytes",
        err.len()
    );
    assert_eq!(count(&env), 0);
}

#[test]
fn json_records_over_the_limit_are_refused() {
    let env = Env::activated();
    let long = "n".repeat(2 * 1024 * 1024);
    let lines = format!(
        "{{\"service_id\": 1, \"username\": \"a\", \"notes\": \"{long}\"}}\n{{\"service_id\": 2, \"username\": \"b\"}}\n{{\"service_id\": 0, \"username\": \"c\"}}\n"
    );
    let err = expect_rejected(import(&env, "long.jsonl", lines.as_bytes()));
    let got: Vec<&str> = err.lines().collect();
    assert_eq!(got[0], "line 1: is longer than 1024 KiB", "{err}");
    assert!(got[1].starts_with("line 3, column service_id:"), "{err}");
    assert_eq!(got.len(), 3, "{err}");

    let array = format!(
        "[{{\"service_id\": 1, \"username\": \"a\"}},\n {{\"service_id\": 2, \"username\": \"b\", \"notes\": \"{long}\"}}]"
    );
    let out = import(&env, "long.json", array.as_bytes());
    let err = crate::support::expect_code(&[], out, 65);
    assert!(
        err.contains("record 2 (line 2): longer than 1024 KiB; nothing was imported"),
        "{err}"
    );
    assert!(err.len() < 1000);
    assert_eq!(count(&env), 0);
}

#[test]
fn a_hostile_column_name_is_shown_escaped_and_short() {
    let env = Env::activated();
    let name = format!("\u{1b}]0;pwned\u{7}{}", "c".repeat(10_000));
    let text = format!("service_id,username,{name}\n1,a,x\n");
    let err = expect_rejected(import(&env, "cols.csv", text.as_bytes()));
    let first = err.lines().next().unwrap();
    assert!(
        first.starts_with("line 1, column \\x1b]0;pwned\\x07ccc"),
        "{first}"
    );
    assert!(first.contains("…: unknown column"), "{first}");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'));
    assert!(first.len() < 400, "{first}");
}

#[test]
fn a_long_table_streams_with_the_widths_of_its_first_rows() {
    let env = Env::activated();
    let mut text = String::from("service_id,username\n");
    for i in 1..=1500 {
        let name = if i == 1200 {
            "a-username-longer-than-any-before".to_owned()
        } else {
            format!("u{i}")
        };
        text.push_str(&format!("{i},{name}\n"));
    }
    expect_ok(&[], import(&env, "many.csv", text.as_bytes()));
    let table = env.ok(&["access", "list"]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 1501);
    let row = lines[1200];
    assert!(row.starts_with("1200 "), "{row}");
    assert!(row.contains("a-usern…  "), "{row}");
    let column_of_url = |line: &str| line[..line.find("https://").unwrap()].chars().count();
    assert_eq!(
        column_of_url(lines[1]),
        column_of_url(row),
        "columns stay aligned"
    );
}
