//! Prompts on a real terminal: the binary runs inside a tmux pane and the test
//! types at its prompts (tmux is installed by .ci/run).

use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::support::{BIN, Env};

/// A detached tmux server of its own, killed on drop.
struct Pane {
    socket: String,
}

impl Pane {
    fn start(env: &Env, args: &str) -> Pane {
        Pane::start_sized(env, args, 150)
    }

    /// A pane `columns` wide.
    fn start_sized(env: &Env, args: &str, columns: u16) -> Pane {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let socket = format!(
            "nfm-test-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let command = format!(
            "env NETFLOW_MANAGER_DB={} NETFLOW_MANAGER_CONFIG=/dev/null {BIN} {args}; echo EXIT=$?; sleep 30",
            env.db().display()
        );
        let ok = Command::new("tmux")
            .args([
                "-L",
                &socket,
                "new-session",
                "-d",
                "-x",
                &columns.to_string(),
                "-y",
                "40",
                &command,
            ])
            .status()
            .expect("tmux must be installed (.ci/run installs it)");
        assert!(ok.success());
        Pane { socket }
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits until the screen shows `text` (bounded), then returns the screen.
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "never saw {text:?}:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn type_line(&self, text: &str) {
        let status = Command::new("tmux")
            .args(["-L", &self.socket, "send-keys", "-l", text])
            .status()
            .unwrap();
        assert!(status.success());
        Command::new("tmux")
            .args(["-L", &self.socket, "send-keys", "Enter"])
            .status()
            .unwrap();
    }
}

impl Drop for Pane {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}

#[test]
fn add_asks_for_the_username_and_a_hidden_password_on_a_terminal() {
    let env = Env::activated();
    let pane = Pane::start(&env, "access add --service 9");
    pane.wait_for("NetFlow username");
    pane.type_line("carol");
    pane.wait_for("NetFlow password");
    pane.type_line("hunter22-x");
    pane.wait_for("Repeat the password");
    pane.type_line("hunter22-x");
    let screen = pane.wait_for("EXIT=");
    assert!(screen.contains("EXIT=0"), "{screen}");
    assert!(
        !screen.contains("hunter22-x"),
        "the password was echoed:\n{screen}"
    );
    let rec = env.json(&[
        "access",
        "show",
        "9",
        "--reveal-password",
        "--format",
        "json",
    ]);
    assert_eq!(rec["username"], "carol");
    assert_eq!(rec["password"], "hunter22-x");
}

#[test]
fn remove_asks_for_confirmation_on_a_terminal() {
    let env = Env::activated();
    env.ok(&["access", "add", "--service", "9", "--username", "u"]);
    let pane = Pane::start(&env, "access remove 9");
    pane.wait_for("Remove the access record of service 9");
    pane.type_line("n");
    let screen = pane.wait_for("EXIT=");
    assert!(
        screen.contains("nothing removed") && screen.contains("EXIT=0"),
        "{screen}"
    );
    env.ok(&["access", "show", "9"]);
    let pane = Pane::start(&env, "access remove 9");
    pane.wait_for("Remove the access record of service 9");
    pane.type_line("y");
    let screen = pane.wait_for("EXIT=");
    assert!(screen.contains("EXIT=0"), "{screen}");
    env.fails(&["access", "show", "9"], 66);
}

#[test]
fn backup_to_stdout_refuses_a_terminal() {
    let env = Env::activated();
    let pane = Pane::start(&env, "backup -");
    let screen = pane.wait_for("EXIT=");
    assert!(screen.contains("EXIT=2"), "{screen}");
    assert!(screen.contains("redirect it"), "{screen}");
    assert!(!env.path("-").exists());
}

#[test]
fn a_table_fits_the_terminal_it_is_shown_on() {
    let env = Env::activated();
    for id in ["1001", "1002", "1003"] {
        env.ok(&[
            "access",
            "add",
            "--service",
            id,
            "--client",
            "7",
            "--username",
            &format!("a-rather-long-username-{id}"),
            "--url",
            &format!("https://netflow-analyzer.example.net/a/very/long/path/{id}/"),
            "--group",
            "core routers",
            "--ip",
            "2001:db8::/32",
        ]);
    }
    let pane = Pane::start_sized(&env, "access list", 60);
    let screen = pane.wait_for("EXIT=");
    let lines: Vec<&str> = screen.lines().collect();
    assert!(lines[0].starts_with("SER"), "{screen}");
    assert_eq!(lines[4], "EXIT=0", "a row wrapped:\n{screen}");
    for line in &lines[..4] {
        assert!(
            line.chars().count() <= 60,
            "{line:?} is wider than the pane"
        );
    }
    for (line, id) in lines[1..4].iter().zip(["1001", "1002", "1003"]) {
        assert!(line.starts_with(id) && line.contains('…'), "{screen}");
    }
}

#[test]
fn edit_never_puts_control_characters_on_the_line_to_edit() {
    let env = Env::activated();
    let notes = "before\u{1b}[2J\u{1b}]0;pwned\u{7}after";
    env.ok(&[
        "access",
        "add",
        "--service",
        "9",
        "--username",
        "u",
        "--notes",
        notes,
    ]);
    let pane = Pane::start(&env, "access edit 9");
    for prompt in ["Client ID", "Username", "URL", "Group", "IP address"] {
        pane.wait_for(prompt);
        pane.type_line("");
    }
    let screen = pane.wait_for("Enter keeps it");
    assert!(
        screen.contains("Notes (now before\\x1b[2J\\x1b]0;pwned\\x07after; Enter keeps it)"),
        "{screen}"
    );
    assert!(
        screen.contains("Client ID"),
        "the screen was cleared:\n{screen}"
    );
    pane.type_line("");
    pane.wait_for("Enabled?");
    pane.type_line("");
    pane.wait_for("Change the password?");
    pane.type_line("");
    let screen = pane.wait_for("EXIT=");
    assert!(screen.contains("EXIT=0"), "{screen}");
    let rec = env.json(&["access", "show", "9", "--format", "json"]);
    assert_eq!(rec["notes"], notes);
}
