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

use std::process::ExitCode;

use clap::Parser;

/// Parses argv, runs the command, and turns any error into one stderr line and
/// the documented exit code.
pub fn main() -> ExitCode {
    // A bug must still end in one line and a documented code, never a backtrace.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("netflow-manager: internal error (a bug; please report it): {info}");
    }));
    std::panic::catch_unwind(run_cli).unwrap_or(ExitCode::from(error::Exit::Software as u8))
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

fn run_cli() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            // Bare `netflow-manager` (or a group without its command): the help, as a usage error.
            let _ = e.print();
            return ExitCode::from(error::Exit::Usage as u8);
        }
        Err(e) if !e.use_stderr() => {
            // --help and --version.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("netflow-manager: {}", escape::escaped(&usage_line(&e)));
            return ExitCode::from(error::Exit::Usage as u8);
        }
    };
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            let (code, line) = error::report(&err);
            if let Some(line) = line {
                eprintln!("netflow-manager: {line}");
            }
            ExitCode::from(code)
        }
    }
}
