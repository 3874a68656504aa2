//! netflow-manager links billing services (WHMCS) to NetFlow Analyzer logins.
//!
//! `cli` defines the command line, `commands` runs it against the `store`;
//! the domain modules (`crypto`, `settings`, …) know nothing of either.

pub mod cli;
pub mod clock;
pub mod commands;
pub mod config;
pub mod crypto;
pub mod error;
pub mod generate;
pub mod identity;
pub mod output;
pub mod settings;
pub mod store;

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

fn run_cli() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
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
