//! The test environment: a temp directory holding the store, key and config,
//! and helpers that run the binary with a clean environment.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_netflow-manager");

pub struct Env {
    pub dir: tempfile::TempDir,
    vars: Vec<(String, String)>,
}

impl Env {
    /// An empty directory; nothing activated.
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
            vars: Vec::new(),
        }
    }

    /// A store that `activate` has created.
    pub fn activated() -> Env {
        let env = Env::new();
        env.ok(&["activate"]);
        env
    }

    /// An empty MySQL/MariaDB database on the test server as the store, the
    /// password in the environment and the key file named in the config.
    pub fn mysql() -> Env {
        let server = crate::mariadb::server();
        let mut env = Env::new();
        let url = server.database();
        env.set("NETFLOW_MANAGER_DB", &url);
        env.set("NETFLOW_MANAGER_DB_PASSWORD", &server.password);
        env.store_config("config-home/netflow-manager/config.toml", &env.key(), "");
        env
    }

    /// Writes a config file `name` whose `[store]` names `key` as the key file,
    /// followed by `extra` lines of that table; its path.
    pub fn store_config(&self, name: &str, key: &Path, extra: &str) -> PathBuf {
        let config = self.path(name);
        std::fs::create_dir_all(config.parent().unwrap()).unwrap();
        let key = key.display().to_string();
        std::fs::write(&config, format!("[store]\nkey_file = {key:?}\n{extra}")).unwrap();
        config
    }

    /// The store's location as `--db` takes it.
    pub fn store(&self) -> String {
        self.vars
            .iter()
            .rev()
            .find(|(k, _)| k == "NETFLOW_MANAGER_DB")
            .map_or_else(|| self.db().display().to_string(), |(_, v)| v.clone())
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn db(&self) -> PathBuf {
        self.path("netflow.db")
    }

    pub fn key(&self) -> PathBuf {
        self.path("netflow.key")
    }

    /// Sets an environment variable for every later command.
    pub fn set(&mut self, key: &str, value: &str) {
        self.vars.push((key.to_owned(), value.to_owned()));
    }

    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(BIN);
        self.prepare(&mut c);
        c.args(args);
        c
    }

    /// Sets the environment of `c` as every test command gets it.
    pub fn prepare(&self, c: &mut Command) {
        for var in [
            "NETFLOW_MANAGER_KEY",
            "NETFLOW_MANAGER_NOW",
            "NETFLOW_MANAGER_CONFIG",
            "NO_COLOR",
            "SUDO_USER",
        ] {
            c.env_remove(var);
        }
        c.env("NETFLOW_MANAGER_DB", self.db())
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.path("config-home"))
            .env("XDG_DATA_HOME", self.path("data-home"))
            .stdin(Stdio::null());
        for (k, v) in &self.vars {
            c.env(k, v);
        }
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().unwrap()
    }

    pub fn run_with_stdin(&self, args: &[&str], input: &str) -> Output {
        let mut child = self
            .cmd(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // A command that fails before it reads stdin closes it: not the test's error.
        match child.stdin.take().unwrap().write_all(input.as_bytes()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => panic!("{e}"),
            _ => {}
        }
        child.wait_with_output().unwrap()
    }

    /// Runs, asserts exit 0, returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        expect_ok(args, self.run(args))
    }

    pub fn ok_with_stdin(&self, args: &[&str], input: &str) -> String {
        expect_ok(args, self.run_with_stdin(args, input))
    }

    /// Runs, asserts the exit code and a one-line error, returns stderr.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        expect_code(args, self.run(args), code)
    }

    pub fn fails_with_stdin(&self, args: &[&str], input: &str, code: i32) -> String {
        expect_code(args, self.run_with_stdin(args, input), code)
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let out = self.ok(args);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {out}"))
    }

    pub fn sql<T: rusqlite::types::FromSql>(&self, query: &str) -> T {
        let conn = rusqlite::Connection::open(self.db()).unwrap();
        conn.query_row(query, [], |r| r.get(0)).unwrap()
    }
}

pub fn expect_ok(args: &[&str], out: Output) -> String {
    assert!(
        out.status.success(),
        "{args:?} failed with {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

pub fn expect_code(args: &[&str], out: Output, code: i32) -> String {
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        out.status.code(),
        Some(code),
        "{args:?}: stdout {} stderr {stderr}",
        String::from_utf8_lossy(&out.stdout)
    );
    if code > 1 {
        assert_eq!(
            stderr.trim_end().lines().count(),
            1,
            "{args:?}: the error must be one line: {stderr}"
        );
        assert!(stderr.starts_with("netflow-manager: "), "{stderr}");
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

/// An import that rejected rows: exit 65, a report line per problem, and the
/// summary error last.
pub fn expect_rejected(out: Output) -> String {
    let stderr = expect_rejected_lines(out, 65);
    assert!(
        stderr.trim_end().ends_with("nothing was imported"),
        "{stderr}"
    );
    stderr
}

/// A failure that reports several problems, one per line, before its one
/// `netflow-manager:` error line.
pub fn expect_rejected_lines(out: Output, code: i32) -> String {
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(code), "{stderr}");
    let last = stderr.trim_end().lines().last().unwrap_or_default();
    assert!(last.starts_with("netflow-manager: "), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// The gid of an existing Unix group.
pub fn gid_of(group: &str) -> u32 {
    nix::unistd::Group::from_name(group)
        .unwrap()
        .unwrap_or_else(|| panic!("no group {group} on this machine"))
        .gid
        .as_raw()
}
