//! Files, keys and sharing (SPEC 5.8): activate always finishes, the key in
//! place always opens the store, files are born with their final modes, backups
//! never land on the store or the key, a full disk changes nothing, leftovers go.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use crate::support::{BIN, Env, expect_code, expect_ok, mode};

fn is_root() -> bool {
    nix::unistd::Uid::effective().is_root()
}

/// A store with `n` records that have passwords, and their export.
fn store_with_passwords(n: usize) -> (Env, String) {
    let env = Env::activated();
    let mut csv = String::from("service_id,username,password\n");
    for i in 1..=n {
        csv.push_str(&format!("{i},user{i},pw-{i}\n"));
    }
    let path = env.write("seed.csv", &csv);
    env.ok(&["access", "import", path.to_str().unwrap()]);
    let export = env.ok(&["access", "export", "--include-passwords"]);
    (env, export)
}

fn random_key() -> Vec<u8> {
    let mut k = vec![0u8; 32];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut k))
        .unwrap();
    k
}

fn write_key(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
}

/// Every password of the store decrypts with the key in place.
fn assert_passwords_open(env: &Env, expected: &str, when: &str) {
    let out = env.run(&["access", "export", "--include-passwords"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{when}: {stderr}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected, "{when}");
}

/// The names in a directory, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn activate_adopts_a_restored_key_in_an_empty_directory() {
    let env = Env::new();
    let key = random_key();
    write_key(&env.key(), &key);
    let out = env.ok(&["activate"]);
    assert!(out.contains("recorded the fingerprint"), "{out}");
    assert_eq!(std::fs::read(env.key()).unwrap(), key, "never overwritten");
    env.ok_with_stdin(
        &[
            "access",
            "add",
            "--service",
            "1",
            "--username",
            "u",
            "--password-stdin",
        ],
        "pw\n",
    );
    assert_eq!(
        env.json(&[
            "access",
            "show",
            "1",
            "--reveal-password",
            "--format",
            "json"
        ])["password"],
        "pw"
    );
}

#[test]
fn activate_adopts_a_key_named_by_the_config() {
    let mut env = Env::new();
    let key = random_key();
    let elsewhere = env.path("keys");
    std::fs::create_dir(&elsewhere).unwrap();
    write_key(&elsewhere.join("prod.key"), &key);
    let config = env.write(
        "config.toml",
        &format!(
            "[store]\nkey_file = \"{}\"\n",
            elsewhere.join("prod.key").display()
        ),
    );
    env.set("NETFLOW_MANAGER_CONFIG", config.to_str().unwrap());
    env.ok(&["activate"]);
    assert_eq!(std::fs::read(elsewhere.join("prod.key")).unwrap(), key);
    assert!(!env.key().exists(), "no second key beside the store");
    env.ok(&["status"]);
}

#[test]
fn activate_finishes_a_store_that_was_never_migrated() {
    // A 0-byte store (a kill right after creating it, or a full disk) and a
    // store at schema 0 with its key already written (a kill before the commit).
    for (i, prepare) in [
        |env: &Env| std::fs::write(env.db(), b"").unwrap(),
        |env: &Env| {
            let c = rusqlite::Connection::open(env.db()).unwrap();
            c.execute_batch("PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; VACUUM;")
                .unwrap();
            write_key(&env.key(), &random_key());
        },
    ]
    .into_iter()
    .enumerate()
    {
        let env = Env::new();
        prepare(&env);
        env.ok(&["activate"]);
        env.ok(&["activate"]);
        env.ok_with_stdin(
            &[
                "access",
                "add",
                "--service",
                "5",
                "--username",
                "u",
                "--password-stdin",
            ],
            "pw\n",
        );
        assert_eq!(
            env.json(&[
                "access",
                "show",
                "5",
                "--reveal-password",
                "--format",
                "json"
            ])["password"],
            "pw",
            "case {i}"
        );
    }
}

/// `kill -9` at many moments of a first `activate`: the next one always
/// completes, and the key it leaves opens the store.
#[test]
fn a_killed_first_activate_is_finished_by_the_next() {
    for delay_us in [
        0u64, 300, 700, 1_000, 1_500, 2_000, 3_000, 5_000, 8_000, 15_000,
    ] {
        let env = Env::new();
        let mut child = env.cmd(&["activate"]).spawn().unwrap();
        std::thread::sleep(Duration::from_micros(delay_us));
        let _ = child.kill();
        let _ = child.wait();
        env.ok(&["activate"]);
        env.ok_with_stdin(
            &[
                "access",
                "add",
                "--service",
                "9",
                "--username",
                "u",
                "--password-stdin",
            ],
            "secret-9\n",
        );
        let shown = env.json(&[
            "access",
            "show",
            "9",
            "--reveal-password",
            "--format",
            "json",
        ]);
        assert_eq!(
            shown["password"], "secret-9",
            "after a kill at {delay_us} µs"
        );
        assert_eq!(mode(&env.db()), 0o600);
        assert_eq!(mode(&env.key()), 0o600);
    }
}

/// Two `key rotate` at once, with and without one of them killed part-way:
/// afterwards the key in place always decrypts every password, and no pending
/// key is left once another command has written.
#[test]
fn racing_and_killed_rotations_never_lose_the_key() {
    let (env, expected) = store_with_passwords(3_000);
    for round in 0..10u64 {
        let spawn = || {
            env.cmd(&["key", "rotate"])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap()
        };
        let (mut a, mut b) = (spawn(), spawn());
        if round % 2 == 1 {
            std::thread::sleep(Duration::from_millis(round * 15));
            let _ = [&mut a, &mut b][(round as usize / 2) % 2].kill();
        }
        let _ = a.wait();
        let _ = b.wait();
        assert_passwords_open(&env, &expected, &format!("round {round}"));
    }
    env.ok(&["key", "rotate"]);
    let leftovers: Vec<String> = names(env.dir.path())
        .into_iter()
        .filter(|n| n.ends_with(".new") || n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert_passwords_open(&env, &expected, "after a clean rotation");
}

/// A reader that meets a rotation which committed but died before moving its
/// key finishes the move; a pending key that was never committed is swept.
#[test]
fn pending_keys_are_moved_only_when_committed() {
    let (env, expected) = store_with_passwords(5);
    // A rotation that died before its commit: a pending key nobody committed.
    let stray = env.path("netflow.key.0123456789abcdef.new");
    write_key(&stray, &random_key());
    let dead_tmp = env.path(".netflow.key.999999999.tmp");
    write_key(&dead_tmp, b"partial");
    assert_passwords_open(&env, &expected, "a stray pending key is ignored by readers");
    env.ok(&["key", "rotate"]);
    assert!(
        !stray.exists(),
        "swept by the next command that writes there"
    );
    assert!(
        !dead_tmp.exists(),
        "swept by the next command that writes there"
    );
    assert_passwords_open(&env, &expected, "after the rotation");

    // A rotation that died after its commit: the store names the pending key.
    let old = std::fs::read(env.key()).unwrap();
    env.ok(&["key", "rotate"]);
    let committed = std::fs::read(env.key()).unwrap();
    let fingerprint = env.json(&["status", "--format", "json"])["key_fingerprint"]
        .as_str()
        .unwrap()
        .replace(':', "");
    let pending = env.path(&format!("netflow.key.{fingerprint}.new"));
    write_key(&pending, &committed);
    write_key(&env.key(), &old);
    let out = env.run(&["access", "export", "--include-passwords"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
    assert!(String::from_utf8_lossy(&out.stderr).contains("finished an interrupted key rotation"));
    assert_eq!(std::fs::read(env.key()).unwrap(), committed);
    assert!(!pending.exists());
}

#[test]
fn backup_never_writes_over_the_store_or_the_key() {
    let (env, expected) = store_with_passwords(3);
    let key = std::fs::read(env.key()).unwrap();
    std::os::unix::fs::symlink(env.key(), env.path("link-to-key")).unwrap();
    std::fs::hard_link(env.key(), env.path("hard-key")).unwrap();
    std::os::unix::fs::symlink(env.db(), env.path("link-to-db")).unwrap();
    std::fs::create_dir(env.path("sub")).unwrap();
    let targets: Vec<PathBuf> = vec![
        env.key(),
        env.db(),
        env.path("netflow.db-wal"),
        env.path("netflow.db-shm"),
        env.path("netflow.db-journal"),
        env.path("link-to-key"),
        env.path("hard-key"),
        env.path("link-to-db"),
        env.path("sub/../netflow.key"),
    ];
    for target in &targets {
        let t = target.to_str().unwrap();
        let err = env.fails(&["backup", t, "--yes"], 73);
        assert!(err.contains("refusing"), "{t}: {err}");
    }
    assert_eq!(std::fs::read(env.key()).unwrap(), key);
    assert!(!env.path("netflow.db-wal").exists() || mode(&env.path("netflow.db-wal")) == 0o600);
    assert_passwords_open(&env, &expected, "after the refused backups");
    // A backup elsewhere still works, private, and a killed one's leftover goes.
    let leftover = env.path(".copy.db.999999999.partial");
    write_key(&leftover, b"half a database");
    env.ok(&["backup", env.path("copy.db").to_str().unwrap()]);
    assert_eq!(mode(&env.path("copy.db")), 0o600);
    assert!(!leftover.exists());
}

#[test]
fn files_are_born_private_whatever_the_umask() {
    let env = Env::new();
    let store = env.path("data/netflow.db");
    let mut c = Command::new("sh");
    env.prepare(&mut c);
    c.env("NETFLOW_MANAGER_DB", &store)
        .args(["-c", "umask 000; exec \"$0\" activate", BIN]);
    expect_ok(&["activate"], c.output().unwrap());
    assert_eq!(mode(&store), 0o600);
    assert_eq!(mode(&env.path("data/netflow.key")), 0o600);
    assert_eq!(mode(&env.path("data")), 0o700);
}

#[test]
fn doctor_fails_a_store_readable_by_others() {
    let env = Env::activated();
    std::fs::set_permissions(env.db(), std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = env.run(&["doctor"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().find(|l| l.contains("store modes")).unwrap();
    assert!(line.contains("readable by others"), "{text}");
    assert!(text.contains("chmod o-rwx"), "{text}");
    std::fs::set_permissions(env.db(), std::fs::Permissions::from_mode(0o600)).unwrap();
    let text = env.run(&["doctor"]).stdout;
    let text = String::from_utf8_lossy(&text);
    assert!(!text.contains("readable by others:"), "{text}");
}

/// Runs a shell script with `BIN` as `$0`, the environment of `env`.
fn sh(env: &Env, script: &str) -> Output {
    let mut c = Command::new("bash");
    env.prepare(&mut c);
    c.args(["-c", script, BIN]).output().unwrap()
}

/// Writes past a file-size limit fail with EFBIG: an I/O error while writing.
#[test]
fn an_io_error_while_writing_is_73_and_changes_nothing() {
    let env = Env::new();
    let fresh = env.path("fresh/netflow.db");
    let out = sh(
        &env,
        &format!(
            "trap '' XFSZ; ulimit -f 16; exec \"$0\" --db {} activate",
            fresh.display()
        ),
    );
    expect_code(&["activate"], out, 73);
    assert!(
        !env.path("fresh").exists(),
        "a failed first activate leaves nothing"
    );

    let (env, expected) = store_with_passwords(10);
    let mut csv = String::from("service_id,username,password,notes\n");
    for i in 100..20_100 {
        csv.push_str(&format!("{i},user{i},pw{i},{}\n", "n".repeat(200)));
    }
    let file = env.write("big.csv", &csv);
    let size_kib = std::fs::metadata(env.db()).unwrap().len() / 1024 + 256;
    let out = sh(
        &env,
        &format!(
            "trap '' XFSZ; ulimit -f {size_kib}; exec \"$0\" access import {}",
            file.display()
        ),
    );
    let err = expect_code(&["access", "import"], out, 73);
    assert!(err.contains("nothing was changed"), "{err}");
    assert_passwords_open(&env, &expected, "after the failed import");
}

/// A real full disk (ENOSPC) on a small tmpfs, mounted in a private mount
/// namespace: needs root, as CI has.
#[test]
fn a_full_disk_is_73_and_changes_nothing() {
    if !is_root() {
        eprintln!("skipped: mounting a small tmpfs needs root");
        return;
    }
    let (env, expected) = store_with_passwords(10);
    let mut csv = String::from("service_id,username,password,notes\n");
    for i in 100..20_100 {
        csv.push_str(&format!("{i},user{i},pw{i},{}\n", "n".repeat(200)));
    }
    let file = env.write("big.csv", &csv);
    let full = env.path("full");
    std::fs::create_dir(&full).unwrap();
    // Copy the store onto a 1 MiB tmpfs, import into it, copy it back out.
    let script = format!(
        "set -e; mount -t tmpfs -o size=1m tmpfs {full}; cp -p {db} {key} {full}/; \
         set +e; \"$0\" --db {full}/netflow.db access import {file}; code=$?; \
         \"$0\" --db {full}/netflow.db access export --include-passwords > {out}; \
         exit $code",
        full = full.display(),
        db = env.db().display(),
        key = env.key().display(),
        file = file.display(),
        out = env.path("after.csv").display(),
    );
    let out = Command::new("unshare")
        .args(["-m", "bash", "-c", &script, BIN])
        .env_remove("NETFLOW_MANAGER_DB")
        .output()
        .unwrap();
    let err = expect_code(&["access", "import"], out, 73);
    assert!(err.contains("full"), "{err}");
    assert_eq!(
        std::fs::read_to_string(env.path("after.csv")).unwrap(),
        expected
    );
}

/// The web server running the WHMCS hook: not the store's owner, a member of
/// the allowed group. After `roles allow` and `activate`, it runs the hook's
/// commands and changes records, and root sees its changes.
#[test]
fn a_member_of_the_allowed_group_runs_the_hook_commands() {
    if !is_root() {
        eprintln!("skipped: running as another user needs root");
        return;
    }
    let group = "users";
    let gid = crate::support::gid_of(group);
    let mut env = Env::new();
    std::fs::set_permissions(env.dir.path(), std::fs::Permissions::from_mode(0o711)).unwrap();
    let dir = env.path("shared");
    let db = dir.join("netflow.db");
    env.set("NETFLOW_MANAGER_DB", db.to_str().unwrap());
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
            "acme",
            "--password-stdin",
        ],
        "s3cret\n",
    );
    env.ok(&["roles", "allow", group]);
    env.ok(&["activate"]);
    let meta = std::fs::metadata(&dir).unwrap();
    assert_eq!(
        (meta.permissions().mode() & 0o7777, meta.gid()),
        (0o2770, gid)
    );
    for (file, want) in [(db.clone(), 0o660), (dir.join("netflow.key"), 0o640)] {
        let meta = std::fs::metadata(&file).unwrap();
        assert_eq!((meta.permissions().mode() & 0o777, meta.gid()), (want, gid));
    }

    let member = |args: &[&str], stdin: &str| -> Output {
        let mut c = Command::new("setpriv");
        env.prepare(&mut c);
        c.env("HOME", "/nonexistent")
            .args([
                "--reuid=65534",
                "--regid=65534",
                &format!("--groups={gid}"),
                BIN,
            ])
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = c.spawn().unwrap();
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), stdin.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    let fields = expect_ok(
        &["email", "fields"],
        member(&["email", "fields", "--service", "7"], ""),
    );
    let fields: serde_json::Value = serde_json::from_str(&fields).unwrap();
    assert_eq!(fields["netflow_password"], "s3cret");
    // It reads the record and the settings; the fragment waits for a licence.
    let out = member(&["client-area", "7", "--html", "--explain"], "");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("licence"));
    expect_ok(
        &["access", "add"],
        member(
            &[
                "access",
                "add",
                "--service",
                "8",
                "--username",
                "web",
                "--password-stdin",
            ],
            "from-the-hook\n",
        ),
    );
    expect_ok(&["key", "rotate"], member(&["key", "rotate"], ""));
    let key = std::fs::metadata(dir.join("netflow.key")).unwrap();
    assert_eq!((key.permissions().mode() & 0o777, key.gid()), (0o640, gid));

    let shown = env.json(&[
        "access",
        "show",
        "8",
        "--reveal-password",
        "--format",
        "json",
    ]);
    assert_eq!(shown["password"], "from-the-hook");
    let shown = env.json(&[
        "access",
        "show",
        "7",
        "--reveal-password",
        "--format",
        "json",
    ]);
    assert_eq!(shown["password"], "s3cret");
}

/// The `-wal` and `-shm` stay between commands, empty of log after each, and
/// whoever makes them gives them the store's group and mode: a member's command
/// in a directory without setgid does not lock the other members out.
#[test]
fn the_wal_and_shm_stay_with_the_stores_group_and_mode() {
    let env = Env::activated();
    let csv = (1..=2000).fold(
        String::from("service_id,username,password\n"),
        |mut s, i| {
            s.push_str(&format!("{i},user{i},pw-{i}\n"));
            s
        },
    );
    let seed = env.write("seed.csv", &csv);
    env.ok(&["access", "import", seed.to_str().unwrap()]);
    for suffix in ["-wal", "-shm"] {
        let file = env.path(&format!("netflow.db{suffix}"));
        assert_eq!(mode(&file), 0o600, "{suffix}");
    }
    let wal = std::fs::metadata(env.path("netflow.db-wal")).unwrap();
    assert_eq!(wal.len(), 0, "the last connection truncates the log");
    if !is_root() {
        eprintln!("skipped: running as another user needs root");
        return;
    }
    let group = "users";
    let gid = crate::support::gid_of(group);
    let mut env = Env::new();
    std::fs::set_permissions(env.dir.path(), std::fs::Permissions::from_mode(0o711)).unwrap();
    // A directory the tool did not make: no setgid, so new files take their
    // maker's group unless the tool gives them the store's.
    let dir = env.path("shared");
    std::fs::create_dir(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o770)).unwrap();
    nix::unistd::chown(&dir, None, Some(nix::unistd::Gid::from_raw(gid))).unwrap();
    let db = dir.join("netflow.db");
    env.set("NETFLOW_MANAGER_DB", db.to_str().unwrap());
    env.ok(&["activate"]);
    env.ok(&["roles", "allow", group]);
    env.ok(&["activate"]);
    // As a store shared before the files were kept: none there yet.
    for suffix in ["-wal", "-shm"] {
        std::fs::remove_file(dir.join(format!("netflow.db{suffix}"))).unwrap();
    }
    let member = |uid: u32| {
        let mut c = Command::new("setpriv");
        env.prepare(&mut c);
        c.env("HOME", "/nonexistent").args([
            &format!("--reuid={uid}"),
            &format!("--regid={uid}"),
            &format!("--groups={gid}"),
            BIN,
            "status",
        ]);
        c.output().unwrap()
    };
    expect_ok(&["status"], member(65534));
    for suffix in ["-wal", "-shm"] {
        let meta = std::fs::metadata(dir.join(format!("netflow.db{suffix}"))).unwrap();
        assert_eq!(
            (meta.permissions().mode() & 0o777, meta.gid()),
            (0o660, gid),
            "{suffix}"
        );
    }
    // Another member opens the files the first one made.
    expect_ok(&["status"], member(65533));
}

/// Someone who cannot enter the store's directory is told so (77), not that
/// there is no store.
#[test]
fn an_unreachable_store_is_a_permission_error() {
    if !is_root() {
        eprintln!("skipped: running as another user needs root");
        return;
    }
    let env = Env::new();
    std::fs::set_permissions(env.dir.path(), std::fs::Permissions::from_mode(0o711)).unwrap();
    let db = env.path("private/netflow.db");
    env.ok(&["--db", db.to_str().unwrap(), "activate"]);
    let mut c = Command::new("setpriv");
    env.prepare(&mut c);
    c.args(["--reuid=65534", "--regid=65534", "--clear-groups", BIN])
        .args(["--db", db.to_str().unwrap(), "status"]);
    let err = expect_code(&["status"], c.output().unwrap(), 77);
    assert!(err.contains("Permission denied"), "{err}");
}
