//! Shell completions and man pages, generated from the clap definition.

use std::path::Path;

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::{Exit, fail};

pub const BIN: &str = "netflow-manager";

/// Completions for `shell` on stdout.
pub fn completions(shell: clap_complete::Shell) -> anyhow::Result<()> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), BIN, &mut out);
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(&out)?;
    stdout.flush()?;
    Ok(())
}

/// One man page per command and subcommand into `dir`.
pub fn man_pages(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| {
        fail(
            Exit::CantCreate,
            format!("cannot create {}: {e}", dir.display()),
        )
    })?;
    clap_mangen::generate_to(Cli::command(), dir).map_err(|e| {
        fail(
            Exit::CantCreate,
            format!("cannot write man pages into {}: {e}", dir.display()),
        )
    })
}
