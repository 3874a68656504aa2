//! `backup PATH`: a consistent SQLite copy of the store (through SQLite's online
//! backup, or row by row from a MySQL store's snapshot), safe while other
//! commands write, and never written over the store's own files or the key.

use std::fs;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};

use super::Ctx;
use crate::error::{Exit, fail};
use crate::files::{self, Perms};
use crate::store;

pub fn run(ctx: &Ctx, dest: &Path) -> anyhow::Result<()> {
    if dest == Path::new("-") {
        return to_stdout(ctx);
    }
    let key = (std::env::var_os(crate::config::KEY_VAR).is_none())
        .then(|| ctx.key_path().ok())
        .flatten();
    let own = ctx
        .store_file()
        .into_iter()
        .flat_map(store::files_of)
        .chain(key);
    if let Some(hit) = own.into_iter().find(|f| files::same_file(dest, f)) {
        return Err(fail(
            Exit::CantCreate,
            format!(
                "refusing to write the backup over {} (the store's own file or key); choose another path",
                hit.display()
            ),
        ));
    }
    if dest.exists() && !ctx.yes {
        return Err(fail(
            Exit::CantCreate,
            format!(
                "{} already exists; pass --yes to overwrite it",
                dest.display()
            ),
        ));
    }
    let store = ctx.open()?;
    let cant = |e: &dyn std::fmt::Display| {
        fail(
            Exit::CantCreate,
            format!("cannot write backup {}: {e}", dest.display()),
        )
    };
    let tmp = copy(&store, dest).map_err(|e| cant(&e))?;
    fs::rename(&tmp, dest)
        .and_then(|()| files::sync_dir(dest))
        .map_err(|e| {
            let _ = fs::remove_file(&tmp);
            cant(&e)
        })?;
    ctx.out
        .say(&format!("backed up store to {}", dest.display()))?;
    ctx.out.say(&key_reminder(ctx))
}

/// `backup -`: the copy on stdout, for a pipe (`| ssh host 'cat > copy.db'`); it
/// is made in the temporary directory first, since a consistent copy needs a file.
fn to_stdout(ctx: &Ctx) -> anyhow::Result<()> {
    if std::io::stdout().is_terminal() {
        return Err(fail(
            Exit::Usage,
            "backup - writes a database to stdout, which is a terminal; redirect it (backup - > copy.db) or give a path",
        ));
    }
    let store = ctx.open()?;
    let anchor = std::env::temp_dir().join("netflow-manager-backup");
    let tmp = copy(&store, &anchor).map_err(|e| {
        fail(
            Exit::CantCreate,
            format!("cannot write the backup's temporary copy: {e}"),
        )
    })?;
    let sent = fs::File::open(&tmp).and_then(|mut f| {
        let mut out = ctx.out.stdout();
        std::io::copy(&mut f, &mut out)?;
        out.flush()
    });
    let _ = fs::remove_file(&tmp);
    sent?;
    if !ctx.out.quiet {
        ctx.out.warn(&key_reminder(ctx));
    }
    Ok(())
}

fn key_reminder(ctx: &Ctx) -> String {
    format!(
        "the key is not in the backup: keep a copy of {} too, or the passwords cannot be decrypted",
        ctx.key_source()
    )
}

/// Copies the store, private from the start (it holds encrypted passwords and
/// the licence key), to a temporary file beside `dest`; returns its path.
fn copy(store: &store::Store, dest: &Path) -> anyhow::Result<std::path::PathBuf> {
    files::sweep(dest, "partial");
    let tmp = files::temp_path(dest, "partial");
    files::create_new(&tmp, Perms::PRIVATE)?;
    let copied = match store.conn().sqlite() {
        Some(conn) => online_backup(conn, &tmp).map_err(anyhow::Error::from),
        None => store::copy::to_file(store, &tmp).map(|_| ()),
    };
    if let Err(e) = copied {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(tmp)
}

/// SQLite's online backup of `conn` into the empty file `tmp`.
fn online_backup(conn: &Connection, tmp: &Path) -> Result<(), rusqlite::Error> {
    {
        let mut out = Connection::open(tmp)?;
        let backup = Backup::new(conn, &mut out)?;
        // All pages in one step: one read snapshot, so the copy is consistent
        // however busy the writers are; a step that meets a lock is retried.
        while backup.step(-1)? != StepResult::Done {
            std::thread::sleep(Duration::from_millis(20));
        }
        drop(backup);
        out.pragma_update(None, "journal_mode", "DELETE")?;
        Ok(())
    }
}
