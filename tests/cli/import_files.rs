//! Import files as people have them (SPEC 2.2): the CSV delimiter found from
//! the header, header names in any case, a byte order mark in every format, an
//! unterminated quote and an empty file refused with their reason, bad-row
//! counts without the header, and the progress bar on a terminal.

use std::process::Command;

use crate::support::{BIN, Env, expect_code, expect_ok, expect_rejected};

fn import(env: &Env, name: &str, bytes: &[u8], extra: &[&str]) -> std::process::Output {
    let path = env.path(name);
    std::fs::write(&path, bytes).unwrap();
    let mut args = vec!["access", "import", path.to_str().unwrap()];
    args.extend(extra);
    env.run(&args)
}

fn count(env: &Env) -> i64 {
    env.sql("SELECT count(*) FROM access")
}

#[test]
fn a_spreadsheet_csv_with_semicolons_a_bom_and_crlf_imports() {
    let env = Env::activated();
    // What a spreadsheet saves as "CSV UTF-8" where the decimal separator is a comma.
    let text = "\u{feff}service_id;client_id;username;password;group;notes\r\n\
                1;7;alice;pw-1;core;\"a; b\"\r\n\
                2;7;bob;;edge;\r\n";
    let out = expect_ok(&[], import(&env, "sheet.csv", text.as_bytes(), &[]));
    assert!(out.contains("2 inserted"), "{out}");
    let rec = env.json(&[
        "access",
        "show",
        "1",
        "--reveal-password",
        "--format",
        "json",
    ]);
    assert_eq!(rec["username"], "alice");
    assert_eq!(rec["password"], "pw-1");
    assert_eq!(rec["group"], "core");
    assert_eq!(rec["notes"], "a; b");
}

#[test]
fn a_tab_separated_file_imports() {
    let env = Env::activated();
    let text = "service_id\tusername\tnotes\n1\talice\tx, y; z\n";
    expect_ok(&[], import(&env, "export.tsv", text.as_bytes(), &[]));
    assert_eq!(
        env.json(&["access", "show", "1", "--format", "json"])["notes"],
        "x, y; z"
    );
}

#[test]
fn the_delimiter_flag_overrides_the_header() {
    let env = Env::activated();
    let text = "service_id|username|notes\n1|alice|a,b;c\n";
    expect_ok(
        &[],
        import(&env, "pipes.csv", text.as_bytes(), &["--delimiter", "|"]),
    );
    assert_eq!(
        env.json(&["access", "show", "1", "--format", "json"])["notes"],
        "a,b;c"
    );
    let text = "service_id\tusername\n2\tbob,x\n";
    expect_ok(
        &[],
        import(&env, "tabs.csv", text.as_bytes(), &["--delimiter", "tab"]),
    );
    assert_eq!(
        env.json(&["access", "show", "2", "--format", "json"])["username"],
        "bob,x"
    );
    // The header alone would say semicolon: the flag decides.
    let text = "service_id;username\n3;carol\n";
    let err = expect_rejected(import(
        &env,
        "semi.csv",
        text.as_bytes(),
        &["--delimiter", ","],
    ));
    assert!(
        err.contains("line 1, column service_id;username: unknown column"),
        "{err}"
    );
    for bad in ["", ";;", "\"", "é"] {
        let err = expect_code(&[], import(&env, "x.csv", b"a\n", &["--delimiter", bad]), 2);
        assert!(err.contains("--delimiter"), "{bad:?}: {err}");
    }
    let err = expect_code(&[], import(&env, "x.json", b"[]", &["--delimiter", ";"]), 2);
    assert!(err.contains("--delimiter is for CSV input"), "{err}");
    assert_eq!(count(&env), 2);
}

#[test]
fn header_names_match_in_any_case_with_blanks_around_them() {
    let env = Env::activated();
    let text = " Service_ID ,USERNAME,  Group\n1,alice,core\n";
    expect_ok(&[], import(&env, "case.csv", text.as_bytes(), &[]));
    let rec = env.json(&["access", "show", "1", "--format", "json"]);
    assert_eq!(
        (rec["username"].as_str(), rec["group"].as_str()),
        (Some("alice"), Some("core"))
    );
    let text = "service_id,username,USERNAME\n2,a,b\n";
    let err = expect_rejected(import(&env, "twice.csv", text.as_bytes(), &[]));
    assert!(
        err.contains("line 1, column USERNAME: appears twice in the header"),
        "{err}"
    );
}

#[test]
fn an_unknown_column_names_the_closest_known_one() {
    let env = Env::activated();
    let text = "service_id,username,grop,ip\n1,alice,core,10.0.0.1\n";
    let err = expect_rejected(import(&env, "typo.csv", text.as_bytes(), &[]));
    assert!(
        err.contains("line 1, column grop: unknown column (did you mean group?)"),
        "{err}"
    );
    assert!(
        err.contains("line 1, column ip: unknown column (did you mean ip_address?)"),
        "{err}"
    );
    let text = "[{\"service_id\": 1, \"username\": \"a\", \"pasword\": \"x\"}]";
    let err = expect_rejected(import(&env, "typo.json", text.as_bytes(), &[]));
    assert!(
        err.contains("record 1 (line 1), column pasword: unknown field (did you mean password?)"),
        "{err}"
    );
    assert_eq!(count(&env), 0);
}

#[test]
fn bad_row_counts_never_include_the_header() {
    let env = Env::activated();
    let text = "service_id,username,colour\n1,alice,red\n";
    let err = expect_rejected(import(&env, "colour.csv", text.as_bytes(), &[]));
    let last = err.lines().last().unwrap();
    assert_eq!(
        last,
        format!(
            "netflow-manager: {}: 1 problem in the header; nothing was imported",
            env.path("colour.csv").display()
        )
    );
    let text = "service_id,username,colour\n1,alice,red\nx,bob,blue\n3,,green\n";
    let err = expect_rejected(import(&env, "rows.csv", text.as_bytes(), &[]));
    assert!(
        err.contains(": 1 problem in the header and 2 bad rows; nothing was imported"),
        "{err}"
    );
    let text = "service_id,username\nx,alice\n";
    let err = expect_rejected(import(&env, "one.csv", text.as_bytes(), &[]));
    assert!(err.contains(": 1 bad row; nothing was imported"), "{err}");
    assert_eq!(count(&env), 0);
}

#[test]
fn an_unterminated_quoted_field_is_an_error_with_its_line() {
    let env = Env::activated();
    let text =
        "service_id,username,notes\n1,alice,ok\nx,bob,fine\n3,carol,\"never closed\n4,dave,x\n";
    let err = expect_rejected(import(&env, "quote.csv", text.as_bytes(), &[]));
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines[..2],
        [
            "line 3, column service_id: must be a positive integer, not \"x\"",
            "line 4: a quoted field is never closed (the file ends inside its quotes)",
        ],
        "{err}"
    );
    assert!(
        lines[2].ends_with(": 2 bad rows; nothing was imported"),
        "{err}"
    );
    // The same file through --dry-run and stdin.
    expect_rejected(import(&env, "quote.csv", text.as_bytes(), &["--dry-run"]));
    let err = expect_rejected(env.run_with_stdin(&["access", "import", "-"], text));
    assert!(
        err.contains("line 4: a quoted field is never closed"),
        "{err}"
    );
    assert_eq!(count(&env), 0);
}

#[test]
fn a_byte_order_mark_is_accepted_in_every_format() {
    let env = Env::activated();
    let bom = "\u{feff}";
    let files = [
        ("bom.csv", format!("{bom}service_id,username\n1,a\n")),
        (
            "bom.json",
            format!("{bom}[{{\"service_id\": 2, \"username\": \"b\"}}]"),
        ),
        (
            "bom.jsonl",
            format!("{bom}{{\"service_id\": 3, \"username\": \"c\"}}\n"),
        ),
        (
            "bom.ndjson",
            format!("{bom}\n{{\"service_id\": 4, \"username\": \"d\"}}\n"),
        ),
    ];
    for (name, text) in &files {
        let out = expect_ok(&[], import(&env, name, text.as_bytes(), &[]));
        assert!(out.contains("1 inserted"), "{name}: {out}");
    }
    let stdin = format!("{bom}[{{\"service_id\": 5, \"username\": \"e\"}}]");
    expect_ok(
        &[],
        env.run_with_stdin(&["access", "import", "-", "--input-format", "json"], &stdin),
    );
    assert_eq!(count(&env), 5);
    assert_eq!(
        env.json(&["access", "show", "1", "--format", "json"])["service_id"],
        1
    );
}

#[test]
fn an_empty_file_is_exit_65_in_every_format() {
    let env = Env::activated();
    for (name, bytes) in [
        ("empty.csv", &b""[..]),
        ("empty.json", b""),
        ("empty.jsonl", b""),
        ("empty.ndjson", b""),
        ("blank.json", b"\n  \n\t\n"),
        ("bom-only.csv", b"\xEF\xBB\xBF"),
        ("bom-only.json", b"\xEF\xBB\xBF\n"),
    ] {
        let err = expect_code(&[], import(&env, name, bytes, &[]), 65);
        assert!(
            err.contains(&format!("{name}: the input is empty (expected ")),
            "{name}: {err}"
        );
        assert!(err.trim_end().ends_with("nothing was imported"), "{err}");
    }
    for format in ["csv", "json"] {
        let err = expect_code(
            &[],
            env.run_with_stdin(&["access", "import", "-", "--input-format", format], ""),
            65,
        );
        assert!(err.contains("stdin: the input is empty"), "{err}");
    }
    // An empty array and a header alone are files with no records: nothing to do.
    expect_ok(&[], import(&env, "none.json", b"[]", &[]));
    expect_ok(&[], import(&env, "none.csv", b"service_id,username\n", &[]));
    assert_eq!(count(&env), 0);
}

/// What an import writes to a 120x40 terminal (stdout and stderr both), run
/// under `script`, which gives the command a pseudo-terminal and copies all
/// it prints.
fn on_a_terminal(env: &Env, args: &str) -> String {
    let mut cmd = Command::new("script");
    env.prepare(&mut cmd);
    cmd.args([
        "-qec",
        &format!("stty cols 120 rows 40; {BIN} {args}"),
        "/dev/null",
    ]);
    let out = cmd.output().expect("script (util-linux) must be installed");
    assert!(out.status.success(), "{args}: {out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_progress_bar_shows_on_a_terminal_unless_quiet() {
    let env = Env::activated();
    let mut text = String::from("service_id,username\n");
    for i in 1..=2000 {
        text.push_str(&format!("{i},user{i}\n"));
    }
    let file = env.write("many.csv", &text);
    let file = file.to_str().unwrap();
    let shown = on_a_terminal(&env, &format!("access import {file} --dry-run"));
    assert!(shown.contains("KiB"), "no progress bar: {shown:?}");
    assert!(shown.contains("2000 inserted"), "{shown:?}");
    let quiet = on_a_terminal(&env, &format!("-q access import {file}"));
    assert_eq!(quiet, "", "--quiet printed on the terminal");
    assert_eq!(count(&env), 2000);
}
