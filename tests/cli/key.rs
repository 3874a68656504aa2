//! key rotate: every password re-encrypted, crash-safe at any point.

use std::time::Duration;

use crate::support::Env;

fn store_with_passwords(n: usize) -> Env {
    let env = Env::activated();
    let mut csv = String::from("service_id,username,password\n");
    for i in 1..=n {
        csv.push_str(&format!("{i},user{i},pw-{i}\n"));
    }
    let path = env.write("seed.csv", &csv);
    env.ok(&["access", "import", path.to_str().unwrap()]);
    env
}

#[test]
fn rotate_changes_the_key_and_keeps_every_password() {
    let env = store_with_passwords(50);
    let before = env.ok(&["access", "export", "--include-passwords"]);
    let old_key = std::fs::read(env.key()).unwrap();
    let old_fp = env.json(&["status", "--format", "json"])["key_fingerprint"].clone();
    let out = env.ok(&["key", "rotate"]);
    assert!(out.contains("50 passwords re-encrypted"), "{out}");
    assert_ne!(std::fs::read(env.key()).unwrap(), old_key);
    assert_eq!(crate::support::mode(&env.key()), 0o600);
    assert_ne!(
        env.json(&["status", "--format", "json"])["key_fingerprint"],
        old_fp
    );
    assert_eq!(env.ok(&["access", "export", "--include-passwords"]), before);
    assert!(!env.path("netflow.key.new").exists());
}

#[test]
fn rotate_refuses_an_environment_key() {
    let mut env = Env::new();
    env.set(
        "NETFLOW_MANAGER_KEY",
        "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
    );
    env.ok(&["activate"]);
    env.fails(&["key", "rotate"], 78);
}

/// Kills `key rotate` at several moments; every time, every password still
/// decrypts with what is on disk.
#[test]
fn a_killed_rotation_leaves_every_password_decryptable() {
    let env = store_with_passwords(20_000);
    let expected = env.ok(&["access", "export", "--include-passwords"]);
    for delay_ms in [0u64, 5, 20, 60, 120, 250, 500] {
        let mut child = env.cmd(&["key", "rotate"]).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let now = env.ok(&["access", "export", "--include-passwords"]);
        assert_eq!(now, expected, "after a kill at {delay_ms} ms");
        let check: String = env.sql("PRAGMA integrity_check");
        assert_eq!(check, "ok");
    }
}

/// The window between the commit and the key file swap: the store already has
/// the new fingerprint, the new key is in `<key>.new`. The next command finishes.
#[test]
fn an_interrupted_swap_is_finished_by_the_next_command() {
    let env = store_with_passwords(3);
    let expected = env.ok(&["access", "export", "--include-passwords"]);
    let old = std::fs::read(env.key()).unwrap();
    env.ok(&["key", "rotate"]);
    let new = std::fs::read(env.key()).unwrap();
    // Put the disk back as a kill right after the commit would leave it.
    std::fs::write(env.path("netflow.key.new"), &new).unwrap();
    std::fs::write(env.key(), &old).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(
        env.path("netflow.key.new"),
        std::fs::Permissions::from_mode(0o600),
    )
    .unwrap();
    let out = env.run(&["access", "export", "--include-passwords"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap(), expected);
    assert!(String::from_utf8_lossy(&out.stderr).contains("interrupted key rotation"));
    assert_eq!(std::fs::read(env.key()).unwrap(), new);
    assert!(!env.path("netflow.key.new").exists());
}

#[test]
fn one_password_is_one_password() {
    let env = store_with_passwords(1);
    let out = env.ok(&["key", "rotate"]);
    assert!(out.contains("; 1 password re-encrypted\n"), "{out}");
}
