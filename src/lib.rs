//! netflow-manager links billing services (WHMCS) to NetFlow Analyzer logins.
//!
//! `cli` defines the command line, `commands` runs it against the `store`;
//! the domain modules (`crypto`, `settings`, …) know nothing of either.

pub mod addon;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod config;
pub mod crypto;
pub mod error;
pub mod escape;
pub mod files;
pub mod generate;
pub mod http;
pub mod identity;
pub mod import;
pub mod licensing;
pub mod nfa;
pub mod output;
pub mod records;
pub mod settings;
pub mod store;
pub mod template;
pub mod whmcs;

/// Parses argv, runs the command, and turns any error into one stderr line;
/// returns the documented exit code.
pub fn main() -> u8 {
    start_process();
    // A bug must still end in one line and a documented code, never a backtrace.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("netflow-manager: internal error (a bug; please report it): {info}");
    }));
    std::panic::catch_unwind(run_cli).unwrap_or(error::Exit::Software as u8)
}

/// What Rust's runtime start-up does that this tool relies on; `main.rs` skips
/// that start-up, whose stack-overflow guard alone reads all of /proc/self/maps.
/// SIGPIPE is ignored, so that output into a closed pipe is an error the command
/// ends on quietly (exit 0), not a kill; stdin, stdout and stderr are open (on
/// /dev/null when the parent closed one), so that no file the tool opens takes
/// their place.
fn start_process() {
    // SAFETY: nothing else runs yet; these calls only change this process's
    // signal disposition and fill unused descriptors 0-2.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
        for fd in 0..3 {
            if libc::fcntl(fd, libc::F_GETFD) == -1
                && std::io::Error::last_os_error().raw_os_error() == Some(libc::EBADF)
                && libc::open(c"/dev/null".as_ptr(), libc::O_RDWR) == -1
            {
                libc::abort();
            }
        }
    }
}

/// clap's usage error as one line: its message, a tip if it has one, and where to look.
fn usage_line(e: &clap::Error) -> String {
    let text = e.render().to_string();
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .filter(|l| !l.is_empty())
        .collect();
    let message = lines
        .iter()
        .filter(|l| !l.starts_with("tip: "))
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    let message = message.trim_start_matches("error: ");
    match lines.iter().find_map(|l| l.strip_prefix("tip: ")) {
        Some(tip) => format!("{message} ({tip}; see --help)"),
        None => format!("{message} (see --help)"),
    }
}

fn run_cli() -> u8 {
    let cli = match cli::Cli::parse_args() {
        Ok(cli) => cli,
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            // Bare `netflow-manager` (or a group without its command): the help, as a usage error.
            let _ = e.print();
            return error::Exit::Usage as u8;
        }
        Err(e) if !e.use_stderr() => {
            // --help and --version.
            let _ = e.print();
            return 0;
        }
        Err(e) => {
            eprintln!("netflow-manager: {}", escape::escaped(&usage_line(&e)));
            return error::Exit::Usage as u8;
        }
    };
    match commands::run(cli) {
        Ok(()) => 0,
        Err(err) => {
            let (code, line) = error::report(&err);
            if let Some(line) = line {
                eprintln!("netflow-manager: {line}");
            }
            code
        }
    }
}
