//! `backup PATH`: a consistent copy of the store through SQLite's online backup,
//! safe while other commands write, and never written over the store's own files
//! or the key.

use std::fs;
use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};

use super::Ctx;
use crate::error::{Exit, fail};
use crate::files::{self, Perms};
use crate::store;

pub fn run(ctx: &Ctx, dest: &Path) -> anyhow::Result<()> {
    let key = (std::env::var_os(crate::config::KEY_VAR).is_none()).then(|| ctx.key_path());
    let own = store::files_of(&ctx.store_path).into_iter().chain(key);
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
    // The copy holds encrypted passwords and the licence key: private from the start.
    files::sweep(dest, "partial");
    let tmp = files::temp_path(dest, "partial");
    files::create_new(&tmp, Perms::PRIVATE).map_err(|e| cant(&e))?;
    let copied = (|| -> Result<(), rusqlite::Error> {
        let mut out = Connection::open(&tmp)?;
        let backup = Backup::new(store.conn(), &mut out)?;
        // All pages in one step: one read snapshot, so the copy is consistent
        // however busy the writers are; a step that meets a lock is retried.
        while backup.step(-1)? != StepResult::Done {
            std::thread::sleep(Duration::from_millis(20));
        }
        drop(backup);
        out.pragma_update(None, "journal_mode", "DELETE")?;
        Ok(())
    })();
    if let Err(e) = copied {
        let _ = fs::remove_file(&tmp);
        return Err(cant(&e));
    }
    fs::rename(&tmp, dest)
        .and_then(|()| files::sync_dir(dest))
        .map_err(|e| {
            let _ = fs::remove_file(&tmp);
            cant(&e)
        })?;
    ctx.out
        .say(&format!("backed up store to {}", dest.display()))?;
    ctx.out.say(&format!(
        "the key is not in the backup: keep a copy of {} too, or the passwords cannot be decrypted",
        ctx.key_source()
    ))
}
