//! The store-facing commands behave the same on both stores: each scenario
//! runs once on a SQLite file and once on a database of a real MariaDB server
//! (`support/mariadb.rs`). MySQL-only matters (URL, password, exit codes of
//! the server, the lock, kill -9) follow.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::support::{Env, expect_code};

macro_rules! both {
    ($($name:ident),* $(,)?) => {
        mod on_sqlite {
            $(#[test] fn $name() { super::$name(crate::support::Env::new()) })*
        }
        mod on_mysql {
            $(#[test] fn $name() { super::$name(crate::support::Env::mysql()) })*
        }
    };
}

both!(
    activation_is_idempotent_and_migrates,
    records_round_trip,
    a_bad_import_writes_nothing,
    export_then_import_reproduces_every_record,
    key_rotation_keeps_every_password,
    backup_is_a_sqlite_file_of_the_store,
    two_hosts_writing_at_once_lose_nothing,
    copy_moves_everything_and_refuses_a_full_target,
    lifecycle_addon_and_doctor,
    import_conflicts_and_duplicates_across_batches,
    counter_increments_are_never_lost,
);

fn csv(rows: usize, first: usize) -> String {
    let mut text = String::from("service_id,client_id,username,password,group,ip_address\n");
    for i in first..first + rows {
        text.push_str(&format!(
            "{i},{},user{i},pw-{i},grp{},10.0.{}.{}\n",
            i % 50 + 1,
            i % 7,
            i / 250 % 250,
            i % 250
        ));
    }
    text
}

fn activation_is_idempotent_and_migrates(env: Env) {
    let first = env.ok(&["activate"]);
    assert!(first.contains("created store"), "{first}");
    assert!(first.contains("created key file"), "{first}");
    let again = env.ok(&["activate"]);
    assert!(again.starts_with("nothing to do"), "{again}");
    let status = env.json(&["status", "--format", "json"]);
    assert_eq!(status["schema_version"], 3);
    assert_eq!(status["store"], env.store());
    env.ok(&["deactivate"]);
    env.fails(&["access", "add", "--service", "1", "--username", "u"], 78);
    env.ok(&["activate"]);
    env.ok(&["access", "add", "--service", "1", "--username", "u"]);
}

fn records_round_trip(env: Env) {
    env.ok(&["activate"]);
    env.ok_with_stdin(
        &[
            "access",
            "add",
            "--service",
            "7",
            "--client",
            "3",
            "--username",
            "alice",
            "--password-stdin",
            "--group",
            "Core",
            "--ip",
            "10.1.0.0/24",
        ],
        "s3cret-é\n",
    );
    let shown = env.json(&[
        "access",
        "show",
        "7",
        "--format",
        "json",
        "--reveal-password",
    ]);
    assert_eq!(shown["username"], "alice");
    assert_eq!(shown["password"], "s3cret-é");
    assert_eq!(shown["ip_address"], "10.1.0.0/24");
    env.ok(&["access", "edit", "7", "--notes", "it's \\ 100%"]);
    env.ok(&["access", "add", "--service", "8", "--username", "bob"]);
    env.ok(&["access", "disable", "7", "8"]);
    let listed = env.ok(&[
        "access",
        "list",
        "--format",
        "csv",
        "--fields",
        "service_id,enabled,notes",
    ]);
    assert_eq!(
        listed,
        "service_id,enabled,notes\n7,false,it's \\ 100%\n8,false,\n"
    );
    let found = env.ok(&[
        "access",
        "list",
        "--search",
        "100%",
        "--format",
        "csv",
        "--fields",
        "service_id",
    ]);
    assert_eq!(found, "service_id\n7\n");
    env.ok(&["access", "enable", "7"]);
    env.ok(&["access", "exists", "7"]);
    env.fails(&["access", "exists", "9"], 1);
    env.ok(&["access", "remove", "8", "--yes"]);
    env.fails(&["access", "show", "8"], 66);
    env.ok(&["settings", "set", "default_url", "https://nfa.example.net/"]);
    assert_eq!(
        env.ok(&["settings", "get", "default_url"]).trim(),
        "https://nfa.example.net/"
    );
    let audit = env.json(&["audit", "list", "--format", "json"]);
    let actions: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&"access.add") && actions.contains(&"access.remove"),
        "{actions:?}"
    );
}

fn a_bad_import_writes_nothing(env: Env) {
    env.ok(&["activate"]);
    let mut text = csv(2_000, 1);
    text.push_str("2001,1,,pw,g,10.0.0.1\n");
    let file = env.write("bad.csv", &text);
    let out = env.run(&["access", "import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(65));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing was imported"));
    let counted = env.json(&["status", "--format", "json"]);
    assert_eq!(counted["records"]["enabled"], 0);
    let good = env.write("good.csv", &csv(2_000, 1));
    env.ok(&["access", "import", good.to_str().unwrap()]);
    let again = env.run(&["access", "import", good.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(65));
    let skipped = env.json(&[
        "access",
        "import",
        good.to_str().unwrap(),
        "--on-conflict",
        "skip",
        "--format",
        "json",
    ]);
    assert_eq!(skipped["skipped"], 2000);
    let counted = env.json(&["status", "--format", "json"]);
    assert_eq!(counted["records"]["enabled"], 2000);
}

fn export_then_import_reproduces_every_record(env: Env) {
    env.ok(&["activate"]);
    let file = env.write("in.csv", &csv(500, 1));
    env.ok(&["access", "import", file.to_str().unwrap()]);
    let exported = env.ok(&["access", "export", "--include-passwords"]);
    let out = env.write("out.csv", &exported);
    let other = Env::new();
    other.ok(&["activate"]);
    other.ok(&["access", "import", out.to_str().unwrap()]);
    assert_eq!(
        other.ok(&["access", "export", "--include-passwords"]),
        exported
    );
}

fn key_rotation_keeps_every_password(env: Env) {
    env.ok(&["activate"]);
    let file = env.write("in.csv", &csv(300, 1));
    env.ok(&["access", "import", file.to_str().unwrap()]);
    let before = env.ok(&["access", "export", "--include-passwords"]);
    let rotated = env.ok(&["key", "rotate"]);
    assert!(rotated.contains("300 passwords"), "{rotated}");
    assert_eq!(env.ok(&["access", "export", "--include-passwords"]), before);
}

fn backup_is_a_sqlite_file_of_the_store(env: Env) {
    env.ok(&["activate"]);
    let file = env.write("in.csv", &csv(200, 1));
    env.ok(&["access", "import", file.to_str().unwrap()]);
    let before = env.ok(&["access", "export", "--include-passwords"]);
    let copy = env.path("copy.db");
    env.ok(&["backup", copy.to_str().unwrap()]);
    let head = std::fs::read(&copy).unwrap();
    assert!(head.starts_with(b"SQLite format 3\0"));
    let key = env.key();
    let from_backup = env.ok(&[
        "--db",
        copy.to_str().unwrap(),
        "--config",
        env.store_config("k.toml", &key, "").to_str().unwrap(),
        "access",
        "export",
        "--include-passwords",
    ]);
    assert_eq!(from_backup, before);
}

/// Two hosts, each with its own config file and its own copy of the key,
/// write the same store at once: every add lands, and two edits of different
/// fields of one record never undo each other.
fn two_hosts_writing_at_once_lose_nothing(env: Env) {
    env.ok(&["activate"]);
    env.ok(&["access", "add", "--service", "1000", "--username", "shared"]);
    let key = std::fs::read(env.key()).unwrap();
    let hosts: Vec<_> = ["a", "b"]
        .iter()
        .map(|h| {
            let key_file = env.path(&format!("host-{h}.key"));
            std::fs::write(&key_file, &key).unwrap();
            std::fs::set_permissions(
                &key_file,
                std::os::unix::fs::PermissionsExt::from_mode(0o600),
            )
            .unwrap();
            env.store_config(&format!("host-{h}.toml"), &key_file, "")
        })
        .collect();
    std::thread::scope(|s| {
        for (n, config) in hosts.iter().enumerate() {
            let env = &env;
            s.spawn(move || {
                let config = config.to_str().unwrap();
                for i in 0..20 {
                    let id = (n * 100 + i + 1).to_string();
                    env.ok(&[
                        "--config",
                        config,
                        "access",
                        "add",
                        "--service",
                        &id,
                        "--username",
                        &id,
                    ]);
                    let field = if n == 0 { "--notes" } else { "--group" };
                    env.ok(&[
                        "--config",
                        config,
                        "access",
                        "edit",
                        "1000",
                        field,
                        &format!("{n}-{i}"),
                    ]);
                }
            });
        }
    });
    let status = env.json(&["status", "--format", "json"]);
    assert_eq!(status["records"]["enabled"], 41);
    let shared = env.json(&["access", "show", "1000", "--format", "json"]);
    assert_eq!(shared["notes"], "0-19");
    assert_eq!(shared["group"], "1-19");
}

fn copy_moves_everything_and_refuses_a_full_target(env: Env) {
    env.ok(&["activate"]);
    let file = env.write("in.csv", &csv(300, 1));
    env.ok(&["access", "import", file.to_str().unwrap()]);
    env.ok(&["settings", "set", "client_area_show_password", "true"]);
    env.ok(&[
        "subscription",
        "set",
        "--tier",
        "starter",
        "--fee",
        "100",
        "--currency",
        "EUR",
        "--customers",
        "10",
    ]);
    let records = env.ok(&["access", "export", "--include-passwords"]);
    let audit = env.ok(&["audit", "list", "--format", "csv", "--limit", "1000"]);
    // Across: a SQLite store goes to MySQL and a MySQL store to SQLite.
    let mut env = env;
    let mut target = if env.store().starts_with("mysql:") {
        Env::new()
    } else {
        Env::mysql()
    };
    let to = target.store();
    // The destination's password, as the source host would have it.
    env.set(
        "NETFLOW_MANAGER_DB_PASSWORD",
        &crate::mariadb::server().password,
    );
    let copied = env.json(&["store", "copy", "--to", &to, "--format", "json"]);
    assert_eq!(copied["copied"]["records"], 300);
    std::fs::copy(env.key(), target.key()).unwrap();
    target.set("NETFLOW_MANAGER_DB", &to);
    // The copy's audit is the source's before the copy was recorded.
    assert_eq!(
        target.ok(&["audit", "list", "--format", "csv", "--limit", "1000"]),
        audit
    );
    assert_eq!(
        target.ok(&["access", "export", "--include-passwords"]),
        records
    );
    assert_eq!(
        target
            .ok(&["settings", "get", "client_area_show_password"])
            .trim(),
        "true"
    );
    assert_eq!(
        target.json(&["subscription", "show", "--format", "json"]),
        env.json(&["subscription", "show", "--format", "json"])
    );
    // A second copy into the same place: refused, nothing changed.
    env.fails(&["store", "copy", "--to", &to], 73);
    assert_eq!(
        target.ok(&["access", "export", "--include-passwords"]),
        records
    );
}

fn import_conflicts_and_duplicates_across_batches(env: Env) {
    env.ok(&["activate"]);
    let first = env.write("a.csv", &csv(3_000, 1));
    env.ok(&["access", "import", first.to_str().unwrap()]);
    // 2990..=4000, then 3500 again, thousands of rows after its first time.
    let mut text = csv(1_011, 2_990);
    text.push_str("3500,1,again,pw,g,10.9.9.9\n");
    let dup = env.write("dup.csv", &text);
    let out = env.run(&[
        "access",
        "import",
        dup.to_str().unwrap(),
        "--on-conflict",
        "skip",
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(65), "{err}");
    assert!(err.contains("duplicate service_id 3500"), "{err}");
    assert_eq!(
        env.json(&["status", "--format", "json"])["records"]["enabled"],
        3000
    );
    let update = env.write(
        "update.csv",
        &csv(1_011, 2_990).replace("user3000,", "renamed,"),
    );
    let done = env.json(&[
        "access",
        "import",
        update.to_str().unwrap(),
        "--on-conflict",
        "update",
        "--format",
        "json",
    ]);
    assert_eq!(
        (done["inserted"].clone(), done["updated"].clone()),
        (1000.into(), 11.into())
    );
    assert_eq!(
        env.json(&["access", "show", "3000", "--format", "json"])["username"],
        "renamed"
    );
    assert_eq!(
        env.json(&["status", "--format", "json"])["records"]["enabled"],
        4000
    );
}

fn lifecycle_addon_and_doctor(env: Env) {
    env.ok(&["activate"]);
    env.ok(&["access", "add", "--service", "1", "--username", "u"]);
    env.ok(&["whmcs", "apply", "1", "--status", "Suspended"]);
    let shown = env.json(&["access", "show", "1", "--format", "json"]);
    assert_eq!(
        (shown["enabled"].clone(), shown["disabled_by"].clone()),
        (false.into(), "whmcs".into())
    );
    env.ok(&["whmcs", "apply", "1", "--status", "Active"]);
    assert_eq!(
        env.json(&["access", "show", "1", "--format", "json"])["enabled"],
        true
    );
    env.ok(&[
        "subscription",
        "set",
        "--tier",
        "mid",
        "--fee",
        "99.00",
        "--currency",
        "EUR",
        "--customers",
        "1500",
    ]);
    env.ok(&["trial", "start"]);
    assert_eq!(
        env.json(&["trial", "status", "--format", "json"])["phase"],
        "trial"
    );
    env.fails(&["trial", "start"], 78);
    let checks = env.run(&["doctor", "--format", "json"]);
    let checks: serde_json::Value = serde_json::from_slice(&checks.stdout).unwrap();
    for name in ["store", "integrity", "key", "module"] {
        let check = checks
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["check"] == name)
            .unwrap();
        assert_eq!(check["ok"], true, "{check}");
    }
}

#[test]
fn a_password_in_the_url_is_refused_without_echo() {
    let env = Env::new();
    let out = env.run(&["--db", "mysql://netflow:hunter2@127.0.0.1:1/x", "status"]);
    let err = expect_code(&["status"], out, 78);
    assert!(
        !err.contains("hunter2") && err.contains("password"),
        "{err}"
    );
}

/// The wiring of a MySQL store that cannot work is exit 78 before any
/// connection: a URL without user or database, store.path beside store.url,
/// no key file named.
#[test]
fn a_mysql_store_that_cannot_be_wired_is_78() {
    let env = Env::new();
    for url in [
        "mysql://127.0.0.1:1/x",
        "mysql://u@127.0.0.1:1/",
        "mysql://u@127.0.0.1:1/x?ssl=1",
    ] {
        env.fails(&["--db", url, "status"], 78);
    }
    let both = env.write(
        "both.toml",
        "[store]\npath = \"a.db\"\nurl = \"mysql://u@127.0.0.1:1/x\"\n",
    );
    let out = env
        .cmd(&["--config", both.to_str().unwrap(), "status"])
        .env_remove("NETFLOW_MANAGER_DB")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(78), "{err}");
    assert!(err.contains("store.path and store.url"), "{err}");
    // No key file named: the message says what to set.
    let mut keyless = Env::mysql();
    keyless.set("XDG_CONFIG_HOME", keyless.path("none").to_str().unwrap());
    let err = keyless.fails(&["activate"], 78);
    assert!(err.contains("store.key_file"), "{err}");
    // Refused before anything was made in the database.
    let db = keyless.store().rsplit('/').next().unwrap().to_owned();
    let tables = crate::mariadb::server().sql(&format!(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = '{db}'"
    ));
    assert_eq!(tables.trim(), "0");
}

/// A store copied onto itself is a usage error, and a MySQL store written by
/// a newer version is refused as a SQLite one is.
#[test]
fn copy_onto_itself_is_2_and_a_newer_schema_is_78() {
    let env = Env::mysql();
    env.ok(&["activate"]);
    env.fails(&["store", "copy", "--to", &env.store()], 2);
    let db = env.store().rsplit('/').next().unwrap().to_owned();
    crate::mariadb::server().sql(&format!(
        "UPDATE {db}.mod_netflowmanager_schema SET version = 99"
    ));
    let err = env.fails(&["status"], 78);
    assert!(err.contains("newer netflow-manager"), "{err}");
}

/// The MySQL password reaches no output, whatever prints the store's name.
#[test]
fn the_database_password_reaches_no_output() {
    let mut env = Env::mysql();
    env.ok(&["activate"]);
    env.ok(&["access", "add", "--service", "1", "--username", "u"]);
    let password = crate::mariadb::server().password.clone();
    let copy = env.path("copy.db");
    let mut outputs = Vec::new();
    for args in [
        vec!["status", "--format", "json"],
        vec!["status"],
        vec!["doctor", "--report"],
        vec!["doctor", "--format", "json"],
        vec!["audit", "list", "--format", "json"],
        vec![
            "store",
            "copy",
            "--to",
            copy.to_str().unwrap(),
            "--format",
            "json",
        ],
        vec!["backup", env.path("b.db").to_str().unwrap()],
    ] {
        let out = env.run(&args);
        outputs.push(String::from_utf8_lossy(&out.stdout).into_owned());
        outputs.push(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    env.set("NETFLOW_MANAGER_DB_PASSWORD", "wrong");
    let out = env.run(&["status"]);
    outputs.push(String::from_utf8_lossy(&out.stderr).into_owned());
    for text in outputs {
        assert!(
            !text.contains(&password) && !text.contains("=wrong"),
            "{text}"
        );
    }
}

#[test]
fn server_errors_have_their_exit_codes() {
    let mut env = Env::mysql();
    env.fails(&["status"], 78); // no store yet
    env.ok(&["activate"]);
    // An unreachable server: 69.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    drop(std::net::TcpListener::bind(("127.0.0.1", closed)));
    let url = env.store().replace(
        &format!(":{}/", crate::mariadb::server().port),
        &format!(":{closed}/"),
    );
    env.fails(&["--db", &url, "status"], 69);
    // The password from a file (a trailing newline is not part of it) works.
    let pw = env.write("pw", &format!("{}\n", crate::mariadb::server().password));
    let with_file = env.store_config(
        "pwfile.toml",
        &env.key(),
        &format!("password_file = {:?}\n", pw.display().to_string()),
    );
    let mut no_env = Env::new();
    no_env.set("NETFLOW_MANAGER_DB", &env.store());
    std::fs::copy(env.key(), no_env.key()).unwrap();
    no_env.ok(&["--config", with_file.to_str().unwrap(), "status"]);
    // Wrong credentials: 78, and the password is never shown.
    env.set("NETFLOW_MANAGER_DB_PASSWORD", "not-the-password");
    let out = env.run(&["status"]);
    let err = expect_code(&["status"], out, 78);
    assert!(!err.contains("not-the-password"), "{err}");
}

#[test]
fn a_writer_waits_for_the_lock_and_is_busy_past_the_timeout() {
    let env = Env::mysql();
    env.ok(&["activate"]);
    let server = crate::mariadb::server();
    let db = env.store().rsplit('/').next().unwrap().to_owned();
    // Another host holds the store's write lock.
    let mut holder = Command::new("mariadb")
        .args(["--no-defaults", "-uroot", "-N", "--unbuffered"])
        .arg(format!("--socket={}", server.socket().display()))
        .arg(&db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = holder.stdin.take().unwrap();
    writeln!(
        stdin,
        "BEGIN; SELECT id FROM mod_netflowmanager_lock WHERE id = 1 FOR UPDATE; SELECT 'held';"
    )
    .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(holder.stdout.as_mut().unwrap()),
        &mut line,
    )
    .unwrap();
    let config = env.store_config("short.toml", &env.key(), "busy_timeout_ms = 1000\n");
    env.fails(
        &[
            "--config",
            config.to_str().unwrap(),
            "access",
            "add",
            "--service",
            "1",
            "--username",
            "u",
        ],
        75,
    );
    drop(stdin);
    holder.wait().unwrap();
    env.ok(&["access", "add", "--service", "1", "--username", "u"]);
}

#[test]
fn kill_9_mid_import_leaves_nothing() {
    let env = Env::mysql();
    env.ok(&["activate"]);
    let file = env.write("big.csv", &csv(200_000, 1));
    let mut c = env.cmd(&["access", "import", file.to_str().unwrap()]);
    let mut child = c
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let server = crate::mariadb::server();
    // Wait until the import's transaction has written rows (seen by a reader
    // of uncommitted rows), then kill it.
    let db = env.store().rsplit('/').next().unwrap().to_owned();
    loop {
        let rows = server.sql(&format!(
            "SET SESSION TRANSACTION ISOLATION LEVEL READ UNCOMMITTED; SELECT count(*) FROM {db}.mod_netflowmanager_access"
        ));
        if rows.trim().parse::<u64>().unwrap() > 1000 {
            break;
        }
        if child.try_wait().unwrap().is_some() {
            let out = child.wait_with_output().unwrap();
            panic!(
                "the import ended before it was killed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let status = env.json(&["status", "--format", "json"]);
    assert_eq!(status["records"]["enabled"], 0);
    // The server let go of the killed import's lock: the next writer writes.
    env.ok(&["access", "import", file.to_str().unwrap()]);
    let status = env.json(&["status", "--format", "json"]);
    assert_eq!(status["records"]["enabled"], 200_000);
}

#[test]
fn tls_is_used_when_asked_and_the_certificate_checked() {
    let env = Env::mysql();
    env.ok(&["activate"]);
    let server = crate::mariadb::server();
    server.sql(&format!(
        "CREATE USER IF NOT EXISTS netflow_tls@'127.0.0.1' IDENTIFIED BY '{0}' REQUIRE SSL; GRANT ALL ON *.* TO netflow_tls@'127.0.0.1'",
        server.password
    ));
    let url = env
        .store()
        .replacen("mysql://netflow@", "mysql://netflow_tls@", 1);
    let config = |extra: &str| env.store_config("tls.toml", &env.key(), extra);
    let status = |extra: &str| {
        env.run(&[
            "--db",
            &url,
            "--config",
            config(extra).to_str().unwrap(),
            "status",
        ])
    };
    // Without TLS the server refuses the user; with the test CA it is let in.
    assert_eq!(status("").status.code(), Some(78));
    let ca = format!("tls_ca_file = {:?}\n", server.ca().display().to_string());
    let ok = status(&ca);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    // The public roots do not vouch for the test server: refused, 78.
    let public = status("tls = true\n");
    assert_eq!(
        public.status.code(),
        Some(78),
        "{}",
        String::from_utf8_lossy(&public.stderr)
    );
    assert!(String::from_utf8_lossy(&public.stderr).contains("certificate"));
}

/// The grants the README names are enough for every store-facing command.
#[test]
fn the_documented_grants_are_enough() {
    let mut env = Env::mysql();
    let server = crate::mariadb::server();
    let db = env.store().rsplit('/').next().unwrap().to_owned();
    let user = format!("{db}_u");
    server.sql(&format!(
        "CREATE USER {user}@'127.0.0.1' IDENTIFIED BY '{0}'; GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, CREATE TEMPORARY TABLES ON {db}.* TO {user}@'127.0.0.1'",
        server.password
    ));
    let url = env
        .store()
        .replacen("mysql://netflow@", &format!("mysql://{user}@"), 1);
    env.set("NETFLOW_MANAGER_DB", &url);
    env.ok(&["activate"]);
    let file = env.write("in.csv", &csv(1_000, 1));
    env.ok(&["access", "import", file.to_str().unwrap()]);
    // Conflicts use a temporary table.
    env.ok(&[
        "access",
        "import",
        file.to_str().unwrap(),
        "--on-conflict",
        "update",
    ]);
    env.ok(&["key", "rotate"]);
    env.ok(&["access", "export", "--include-passwords"]);
    env.ok(&["access", "remove", "1", "--yes"]);
    env.ok(&["backup", env.path("b.db").to_str().unwrap()]);
}

/// The store's transactions on their own: two connections (two hosts) each
/// add one to a counter 150 times, every addition a read and a write in one
/// write transaction. A lost update would leave less than 300.
fn counter_increments_are_never_lost(env: Env) {
    use netflow_manager::store::{self, Access, Location, Store, state};
    env.ok(&["activate"]);
    let location = Location::parse(env.store().as_ref()).unwrap();
    let access = Access {
        location,
        // Only a MySQL store reads it.
        password: Some(crate::mariadb::server().password.clone()),
        tls: store::mysql::Tls::Off,
        busy_timeout_ms: 30_000,
    };
    std::thread::scope(|s| {
        for _ in 0..2 {
            let access = &access;
            s.spawn(move || {
                let mut store = Store::open(access).unwrap();
                for _ in 0..150 {
                    store
                        .write(|tx| {
                            let n: u64 = state::get(tx, "counter")?.map_or(Ok(0), |v| v.parse())?;
                            state::set(tx, "counter", &(n + 1).to_string())
                        })
                        .unwrap();
                }
            });
        }
    });
    let store = Store::open(&access).unwrap();
    assert_eq!(
        state::get(store.conn(), "counter").unwrap().as_deref(),
        Some("300")
    );
}

/// A copy into a new SQLite file says what it copied and where the copy will
/// look for the key; with the key put there, it opens.
#[test]
fn a_copy_to_a_file_says_where_its_key_goes() {
    let env = Env::activated();
    env.ok(&["access", "add", "--service", "1", "--username", "u"]);
    let to = env.path("moved.db");
    let said = env.ok(&["store", "copy", "--to", to.to_str().unwrap()]);
    assert!(said.contains(": 1 record, "), "{said}");
    let moved_key = env.path("moved.key");
    assert!(
        said.contains(&format!(
            "copy {} to {}",
            env.key().display(),
            moved_key.display()
        )),
        "{said}"
    );
    let mode =
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&to).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600);
    std::fs::copy(env.key(), &moved_key).unwrap();
    let shown = env.json(&[
        "--db",
        to.to_str().unwrap(),
        "access",
        "show",
        "1",
        "--format",
        "json",
    ]);
    assert_eq!(shown["username"], "u");
    // The file exists now: a second copy is refused.
    env.fails(&["store", "copy", "--to", to.to_str().unwrap()], 73);
}
