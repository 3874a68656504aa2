//! Config errors (SPEC 5.8): the file, the line and the key, never a value.

use crate::support::Env;

const SECRET: &str = "987654321";

/// A config carrying the secret in every TOML form, each wrong in some way, with
/// the line and key its error must name.
fn cases() -> Vec<(String, &'static str, &'static str)> {
    [
        (
            "[licensing]\nsecret = 987654321\n",
            "line 2",
            "licensing.secret",
        ),
        (
            "licensing = { secret = 987654321 }\n",
            "line 1",
            "licensing.secret",
        ),
        (
            "licensing.secret = 987654321\n",
            "line 1",
            "licensing.secret",
        ),
        (
            "[licensing]\n\"secret\" = 987654321\n",
            "line 2",
            "licensing.secret",
        ),
        (
            "[licensing]\nsecret = [\"987654321\"]\n",
            "line 2",
            "licensing.secret",
        ),
        (
            "[licensing]\nsecret = { value = \"987654321\" }\n",
            "line 2",
            "licensing.secret",
        ),
        (
            "[licensing]\nsecret = \"987654321\n",
            "line 2",
            "licensing.secret",
        ),
        (
            "[licensing]\nsecret = \"\"\"\n987654321 \\q\n\"\"\"\n",
            "line 3",
            "licensing.secret",
        ),
        (
            "[licensing]\nsecret = \"987654321\"\nsecret = \"987654321\"\n",
            "line 3",
            "licensing.secret",
        ),
        (
            "[licensing]\nserver = 987654321\n",
            "line 2",
            "licensing.server",
        ),
        (
            "[licensing]\ntimeout_secs = \"\"\"\n987654321\n\"\"\"\n",
            "line 2",
            "licensing.timeout_secs",
        ),
        (
            "[licensing]\ntimeout_secs = -987654321\n",
            "line 2",
            "licensing.timeout_secs",
        ),
        (
            "licensing.local_key_days = \"987654321\"\n",
            "line 1",
            "licensing.local_key_days",
        ),
        (
            "[licensing]\ncheck_fail_days = 987654321.5\n",
            "line 2",
            "licensing.check_fail_days",
        ),
        ("store = { path = 987654321 }\n", "line 1", "store.path"),
        (
            "[store]\nkey_file = [987654321]\n",
            "line 2",
            "store.key_file",
        ),
        (
            "[store]\nbusy_timeout_ms = '987654321'\n",
            "line 2",
            "store.busy_timeout_ms",
        ),
        (
            "[installation]\ndomain = 987654321\n",
            "line 2",
            "installation.domain",
        ),
        ("installation.ip = 987654321\n", "line 1", "installation.ip"),
        (
            "[installation]\ndirectory = { d = 987654321 }\n",
            "line 2",
            "installation.directory",
        ),
        (
            "[licensing]\nsecert = \"987654321\"\n",
            "line 2",
            "licensing.secert",
        ),
        ("licensing = \"987654321\"\n", "line 1", "licensing"),
    ]
    .into_iter()
    .map(|(text, line, key)| (text.to_owned(), line, key))
    .collect()
}

#[test]
fn config_errors_name_file_line_and_key_and_never_a_value() {
    let env = Env::activated();
    for (i, (text, line, key)) in cases().into_iter().enumerate() {
        let path = env.write(&format!("config-{i}.toml"), &text);
        let file = path.to_str().unwrap();
        let err = env.fails(&["--config", file, "status"], 78);
        assert!(!err.contains(SECRET), "{text:?}: {err}");
        assert!(
            err.contains(&format!("config file {file}: {line}: {key}: ")),
            "{text:?}: {err}"
        );
        let out = env
            .cmd(&["access", "list"])
            .env("NETFLOW_MANAGER_CONFIG", &path)
            .output()
            .unwrap();
        let err = crate::support::expect_code(&["access", "list"], out, 78);
        assert!(!err.contains(SECRET), "{text:?}: {err}");
        assert!(err.contains(key), "{text:?}: {err}");
    }
}
