//! `backup PATH`: a consistent copy of the store through SQLite's online backup,
//! safe while other commands write.

use std::fs;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};

use super::Ctx;
use crate::error::{Exit, fail};

pub fn run(ctx: &Ctx, dest: &Path) -> anyhow::Result<()> {
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
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "backup".to_owned());
    let tmp = dest.with_file_name(format!(".{name}.partial"));
    let cant = |e: &dyn std::fmt::Display| {
        fail(
            Exit::CantCreate,
            format!("cannot write backup {}: {e}", dest.display()),
        )
    };
    let _ = fs::remove_file(&tmp);
    // The copy holds encrypted passwords and the licence key: private from the start.
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&tmp)
        .map_err(|e| cant(&e))?;
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
    fs::set_permissions(&tmp, fs::Permissions::from_mode(0o600))
        .and_then(|()| fs::rename(&tmp, dest))
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
