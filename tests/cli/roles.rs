//! roles list/allow/deny and the Unix-group rule of SPEC 5.4.

use std::os::unix::fs::PermissionsExt;
use std::process::Command;

use crate::support::{BIN, Env, expect_code};

fn root_group() -> String {
    nix::unistd::Group::from_gid(nix::unistd::Gid::from_raw(0))
        .unwrap()
        .unwrap()
        .name
}

#[test]
fn allow_and_deny_are_audited() {
    let env = Env::activated();
    let group = root_group();
    env.ok(&["roles", "allow", &group]);
    let list = env.json(&["roles", "list", "--format", "json"]);
    assert_eq!(list[0]["group"], group.as_str());
    assert_eq!(list[0]["gid"], 0);
    env.ok(&["roles", "deny", &group]);
    assert_eq!(
        env.json(&["roles", "list", "--format", "json"]),
        serde_json::json!([])
    );
    let audit = env.json(&["audit", "list", "--format", "json", "--action", "roles"]);
    assert_eq!(audit[0]["action"], "roles.deny");
    assert_eq!(audit[1]["action"], "roles.allow");
}

#[test]
fn a_group_that_does_not_exist_is_refused() {
    let env = Env::activated();
    let err = env.fails(&["roles", "allow", "no-such-group-nfm"], 65);
    assert!(err.contains("no-such-group-nfm"), "{err}");
}

/// A user outside the allowed groups is refused with exit 77. As root the test
/// runs the binary as `nobody` (root itself is always allowed).
#[test]
fn a_user_outside_the_allowed_groups_is_refused() {
    let env = Env::activated();
    env.ok(&["roles", "allow", &root_group()]);
    let out = if nix::unistd::Uid::effective().is_root() {
        for p in [env.dir.path().to_path_buf(), env.db()] {
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o777)).unwrap();
        }
        for suffix in ["-wal", "-shm"] {
            let p = format!("{}{suffix}", env.db().display());
            let _ = std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o666));
        }
        let mut c = Command::new("setpriv");
        env.prepare(&mut c);
        c.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            BIN,
            "status",
        ]);
        c.output()
            .expect("setpriv (util-linux) runs the binary as nobody")
    } else {
        env.run(&["status"])
    };
    let err = expect_code(&["status"], out, 77);
    assert!(err.contains("not in a group allowed"), "{err}");
}

#[test]
fn activate_gives_store_and_key_to_the_first_allowed_group() {
    let env = Env::activated();
    env.ok(&["roles", "allow", &root_group()]);
    let out = env.ok(&["activate"]);
    assert!(out.contains("gave"), "{out}");
    assert_eq!(crate::support::mode(&env.db()), 0o660);
    assert_eq!(crate::support::mode(&env.key()), 0o640);
    // The group-readable key is accepted because its group is allowed.
    env.ok(&["status"]);
}
