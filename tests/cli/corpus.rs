//! Malformed inputs from tests/corpus/: each exits with its documented code,
//! writes nothing, and says so in one `netflow-manager: …` line (SPEC 5.1, 5.2).

use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use crate::support::Env;

fn corpus(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} is empty", dir.display());
    files
}

/// A row of an import report: `line N…` or `record N (line L)…`.
fn is_report_line(line: &str) -> bool {
    ["line ", "record "].iter().any(|p| {
        line.strip_prefix(p)
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
    })
}

/// The exit code, nothing on stdout, and stderr: report rows (when `report`
/// allows them), then exactly one `netflow-manager: …` line, and no panic.
fn assert_refused(what: &str, out: &Output, code: i32, report: bool) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(code), "{what}: {stderr}");
    assert!(!stderr.contains("panicked"), "{what}: {stderr}");
    assert!(
        out.stdout.is_empty(),
        "{what}: printed {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(stderr.ends_with('\n'), "{what}: {stderr:?}");
    let lines: Vec<&str> = stderr.lines().collect();
    let Some((last, rows)) = lines.split_last() else {
        panic!("{what}: nothing on stderr");
    };
    assert!(last.starts_with("netflow-manager: "), "{what}: {stderr}");
    if report {
        for row in rows {
            assert!(is_report_line(row), "{what}: not a report row: {row:?}");
        }
    } else {
        assert!(rows.is_empty(), "{what}: more than one line: {stderr}");
    }
    stderr
}

/// What a failed command must leave unchanged.
fn state(env: &Env) -> (i64, i64) {
    (
        env.sql("SELECT count(*) FROM access"),
        env.sql("SELECT count(*) FROM audit"),
    )
}

fn with_stdin(env: &Env, args: &[&str], file: &Path) -> Output {
    env.cmd(args)
        .stdin(std::fs::File::open(file).unwrap())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

#[test]
fn malformed_imports_exit_65_and_write_nothing() {
    let env = Env::activated();
    env.ok(&["access", "add", "--service", "1", "--username", "existing"]);
    let before = state(&env);
    for file in corpus("import") {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let path = file.to_str().unwrap();
        let err = assert_refused(&name, &env.run(&["access", "import", path]), 65, true);
        assert!(
            err.trim_end().ends_with("nothing was imported"),
            "{name}: {err}"
        );
        assert_refused(
            &format!("{name} --dry-run"),
            &env.run(&["access", "import", path, "--dry-run"]),
            65,
            true,
        );
        let format = if name.ends_with(".csv") {
            "csv"
        } else {
            "json"
        };
        assert_refused(
            &format!("{name} on stdin"),
            &with_stdin(
                &env,
                &["access", "import", "-", "--input-format", format],
                &file,
            ),
            65,
            true,
        );
        assert_eq!(state(&env), before, "{name}: something was written");
    }
}

#[test]
fn malformed_config_files_exit_78_naming_the_file() {
    let env = Env::activated();
    let before = state(&env);
    for file in corpus("config") {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let path = file.to_str().unwrap();
        let err = assert_refused(&name, &env.run(&["--config", path, "status"]), 78, false);
        assert!(
            err.contains(&name),
            "{name}: the error must name the file: {err}"
        );
        let out = env
            .cmd(&["access", "list"])
            .env("NETFLOW_MANAGER_CONFIG", &file)
            .output()
            .unwrap();
        assert_refused(&format!("NETFLOW_MANAGER_CONFIG={name}"), &out, 78, false);
        assert_eq!(state(&env), before, "{name}: something was written");
    }
}
