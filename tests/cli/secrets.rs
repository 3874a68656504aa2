//! No secret in any output: a representative session, failures included,
//! never prints a password, the licence key or the encryption key, unless a
//! command was asked to (--reveal-password, --include-passwords, which this
//! session does not use).

use std::process::Output;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};

use crate::support::Env;

const PW_ADD: &str = "Tr0ub4dor-add-7731";
const PW_OTHER: &str = "Other-Service-Pw-2209";
const PW_EDIT: &str = "Edit-Horse-Battery-5512";
const PW_CSV: &str = "Csv-Staple-0451";
const PW_JSON: &str = "Json-Secret-9917";
const PW_REJECTED: &str = "Rejected-Row-Secret-3388";
const PW_DUPLICATE: &str = "Duplicate-Add-Secret-6620";
const PW_DRY_RUN: &str = "Dry-Run-Secret-1186";
const LICENCE_KEY: &str = "NFM-LIC-7f3a9c21e4b8d0aa";
const BAD_ENV_KEY: &str = "not-a-key-Sekrit-4471";

/// Every command's output, to search at the end.
struct Session {
    env: Env,
    outputs: Vec<(String, Output)>,
}

impl Session {
    fn run(&mut self, args: &[&str], stdin: Option<&str>) -> &Output {
        let out = match stdin {
            Some(text) => self.env.run_with_stdin(args, text),
            None => self.env.run(args),
        };
        self.outputs.push((args.join(" "), out));
        &self.outputs.last().unwrap().1
    }

    fn ok(&mut self, args: &[&str], stdin: Option<&str>) {
        let out = self.run(args, stdin);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn fails(&mut self, args: &[&str], stdin: Option<&str>, code: i32) {
        let out = self.run(args, stdin);
        assert_eq!(
            out.status.code(),
            Some(code),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// The same read-only commands in every output format.
    fn look_around(&mut self) {
        for format in ["table", "json", "csv"] {
            for args in [
                &["access", "list"][..],
                &["access", "show", "1042"],
                &["access", "export"],
                &["status"],
                &["settings", "list"],
                &["settings", "get", "licence_key"],
                &["audit", "list", "--limit", "1000"],
            ] {
                let mut args = args.to_vec();
                args.extend(["--format", format]);
                // A format the command cannot print is refused (exit 2).
                let code = self.run(&args, None).status.code();
                assert!(matches!(code, Some(0 | 2)), "{args:?}: {code:?}");
            }
        }
    }

    fn key_bytes(&self) -> Vec<u8> {
        std::fs::read(self.env.key()).unwrap()
    }
}

/// The encryption key as it could show up in output: raw, base64 and hex,
/// whole, and any 8 bytes of it in hex.
fn key_forms(key: &[u8]) -> Vec<Vec<u8>> {
    let hex = |bytes: &[u8]| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
    let mut forms = vec![key.to_vec()];
    for engine in [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD] {
        forms.push(engine.encode(key).into_bytes());
    }
    forms.push(hex(key).into_bytes());
    forms.push(hex(key).to_uppercase().into_bytes());
    forms.extend(key.windows(8).map(|w| hex(w).into_bytes()));
    forms
}

fn assert_never_printed(outputs: &[(String, Output)], secrets: &[(String, Vec<u8>)]) {
    for (command, out) in outputs {
        for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            for (what, secret) in secrets {
                assert!(
                    !bytes.windows(secret.len()).any(|w| w == secret.as_slice()),
                    "`netflow-manager {command}` printed {what} on {stream}:\n{}",
                    String::from_utf8_lossy(bytes)
                );
            }
        }
    }
}

#[test]
fn no_secret_in_any_output() {
    let mut s = Session {
        env: Env::new(),
        outputs: Vec::new(),
    };
    s.ok(&["activate"], None);
    let first_key = s.key_bytes();

    let add = |service: &'static str, user: &'static str| {
        [
            "access",
            "add",
            "--service",
            service,
            "--client",
            "7",
            "--username",
            user,
            "--password-stdin",
        ]
    };
    s.ok(&add("1042", "acme-noc"), Some(&format!("{PW_ADD}\n")));
    s.ok(&add("1043", "acme-edge"), Some(&format!("{PW_OTHER}\n")));
    s.ok(
        &[
            "access",
            "edit",
            "1042",
            "--password-stdin",
            "--notes",
            "rack 4",
        ],
        Some(&format!("{PW_EDIT}\n")),
    );
    s.fails(
        &add("1042", "again"),
        Some(&format!("{PW_DUPLICATE}\n")),
        65,
    );

    let csv = s.env.write(
        "in.csv",
        &format!("service_id,username,password,ip_address\n2001,bluefin,{PW_CSV},198.51.100.7\n"),
    );
    s.ok(&["access", "import", csv.to_str().unwrap()], None);
    let json = s.env.write(
        "in.json",
        &format!(r#"[{{"service_id": 3001, "username": "cloudnine", "password": "{PW_JSON}"}}]"#),
    );
    s.ok(&["access", "import", json.to_str().unwrap()], None);
    let dry = s.env.write(
        "dry.csv",
        &format!("service_id,username,password\n4001,dry,{PW_DRY_RUN}\n"),
    );
    s.ok(
        &["access", "import", dry.to_str().unwrap(), "--dry-run"],
        None,
    );
    // Rejected rows are reported by line and column, never by their password.
    let rejected = s.env.write(
        "rejected.csv",
        &format!(
            "service_id,username,password,ip_address\n\
             5001,bad-ip,{PW_REJECTED},999.1.1.1\n\
             5002,too-many,{PW_REJECTED},10.0.0.1,extra\n\
             5003,ctrl,{PW_REJECTED}\u{7},\n\
             1042,taken,{PW_REJECTED},\n"
        ),
    );
    s.fails(&["access", "import", rejected.to_str().unwrap()], None, 65);
    let rejected_json = s.env.write(
        "rejected.json",
        &format!(
            r#"[{{"service_id": 6001, "username": "n", "password": ["{PW_REJECTED}"]}},
{{"service_id": 6002, "username": "m", "password": {{"p": "{PW_REJECTED}"}}}},
{{"service_id": "x", "username": "k", "password": "{PW_REJECTED}"}}]"#
        ),
    );
    s.fails(
        &["access", "import", rejected_json.to_str().unwrap()],
        None,
        65,
    );

    s.ok(
        &["settings", "set", "licence_key"],
        Some(&format!("{LICENCE_KEY}\n")),
    );
    s.look_around();
    let backup = s.env.path("backup.db");
    s.ok(&["backup", backup.to_str().unwrap()], None);
    s.ok(&["key", "rotate"], None);
    let second_key = s.key_bytes();
    assert_ne!(first_key, second_key);
    s.look_around();

    // A key from the environment is refused without being repeated.
    let wrong = STANDARD.encode([7u8; 32]);
    s.env.set("NETFLOW_MANAGER_KEY", BAD_ENV_KEY);
    s.fails(
        &["access", "edit", "1043", "--password-stdin"],
        Some(&format!("{PW_REJECTED}\n")),
        78,
    );
    s.env.set("NETFLOW_MANAGER_KEY", &wrong);
    s.fails(
        &["access", "edit", "1043", "--password-stdin"],
        Some(&format!("{PW_REJECTED}\n")),
        78,
    );
    s.ok(&["status"], None);

    let mut secrets: Vec<(String, Vec<u8>)> = [
        PW_ADD,
        PW_OTHER,
        PW_EDIT,
        PW_CSV,
        PW_JSON,
        PW_REJECTED,
        PW_DUPLICATE,
        PW_DRY_RUN,
    ]
    .iter()
    .map(|pw| (format!("the password {pw:?}"), pw.as_bytes().to_vec()))
    .collect();
    secrets.push(("the licence key".into(), LICENCE_KEY.as_bytes().to_vec()));
    secrets.push((
        "NETFLOW_MANAGER_KEY".into(),
        BAD_ENV_KEY.as_bytes().to_vec(),
    ));
    secrets.push(("NETFLOW_MANAGER_KEY".into(), wrong.into_bytes()));
    for (which, key) in [("first", &first_key), ("rotated", &second_key)] {
        for form in key_forms(key) {
            secrets.push((
                format!("the {which} key ({})", String::from_utf8_lossy(&form)),
                form,
            ));
        }
    }
    assert_never_printed(&s.outputs, &secrets);
}

/// A key given in NETFLOW_MANAGER_KEY is never printed back, in any command.
#[test]
fn an_environment_key_is_never_printed() {
    let key = STANDARD.encode(*b"0123456789abcdef0123456789ABCDEF");
    let mut env = Env::new();
    env.set("NETFLOW_MANAGER_KEY", &key);
    let mut s = Session {
        env,
        outputs: Vec::new(),
    };
    s.ok(&["activate"], None);
    s.ok(
        &[
            "access",
            "add",
            "--service",
            "1042",
            "--username",
            "u",
            "--password-stdin",
        ],
        Some(&format!("{PW_ADD}\n")),
    );
    s.ok(
        &["settings", "set", "licence_key"],
        Some(&format!("{LICENCE_KEY}\n")),
    );
    s.look_around();
    s.fails(&["key", "rotate"], None, 78);
    let backup = s.env.path("backup.db");
    s.ok(&["backup", backup.to_str().unwrap()], None);
    let mut secrets = vec![
        ("NETFLOW_MANAGER_KEY".to_owned(), key.into_bytes()),
        ("the password".to_owned(), PW_ADD.as_bytes().to_vec()),
        (
            "the licence key".to_owned(),
            LICENCE_KEY.as_bytes().to_vec(),
        ),
    ];
    for form in key_forms(b"0123456789abcdef0123456789ABCDEF") {
        secrets.push(("the key's bytes".to_owned(), form));
    }
    assert_never_printed(&s.outputs, &secrets);
}
