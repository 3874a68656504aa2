//! `key rotate`: a new key with every password re-encrypted in one transaction.
//!
//! Crash safety: the new key is written to `<key>.<fingerprint>.new` (with the
//! key file's owner, group and mode) inside the transaction that re-encrypts and
//! records its fingerprint; the commit is synced; then, under the store's write
//! lock, the pending key whose fingerprint the store committed replaces the key
//! file (`Ctx::settle_key`, which any later command runs too if this one died
//! first). Killed before the commit, the old key still matches and the pending
//! file is swept; killed after it, the next command finishes the swap.

use std::fs;

use super::Ctx;
use crate::cli::KeyCmd;
use crate::config;
use crate::crypto::{Cipher, Key};
use crate::error::{Exit, fail};
use crate::files::Perms;
use crate::output::counted;
use crate::store::{access, state};

/// Passwords re-encrypted per batch: constant memory for any store size.
const BATCH: u32 = 2_000;

pub fn run(ctx: &Ctx, cmd: KeyCmd) -> anyhow::Result<()> {
    match cmd {
        KeyCmd::Rotate => rotate(ctx),
    }
}

fn rotate(ctx: &Ctx) -> anyhow::Result<()> {
    if std::env::var_os(config::KEY_VAR).is_some() {
        return Err(fail(
            Exit::Config,
            "the key comes from NETFLOW_MANAGER_KEY; rotation needs a key file (unset it and point store.key_file at the key)",
        ));
    }
    let mut store = ctx.open_for_change()?;
    // The old key goes only once the commit that replaces it is on disk.
    store.sync_commits()?;
    let key_path = ctx.key_path()?;
    let mut pending = None;
    let result = store.write(|tx| {
        ctx.settle_key(tx)?;
        let old = Cipher::new(&ctx.key(tx)?)?;
        let perms = Perms::of(&key_path).map_err(|e| {
            fail(
                Exit::Config,
                format!("cannot read key file {}: {e}", key_path.display()),
            )
        })?;
        let new_key = Key::generate()?;
        let path = super::pending_key_path(&key_path, &new_key.fingerprint());
        new_key.create_file(&path, perms)?;
        pending = Some(path);
        let new = Cipher::new(&new_key)?;
        let mut count = 0u64;
        let mut after = 0;
        loop {
            let batch = access::passwords_after(tx, after, BATCH)?;
            let Some(&(last, _)) = batch.last() else {
                break;
            };
            for (id, blob) in batch {
                let plain = old.open(id, &blob)?;
                access::set_password(tx, id, &new.seal(id, &plain)?)?;
                count += 1;
            }
            after = last;
        }
        state::set(tx, state::KEY_FINGERPRINT, &new_key.fingerprint())?;
        ctx.audit(
            tx,
            "key.rotate",
            "",
            &format!("new key {}, {}", new_key.fingerprint(), passwords(count)),
        )?;
        Ok((new_key, count))
    });
    let (new_key, count) = match result {
        Ok(v) => v,
        Err(e) => {
            if let Some(p) = pending {
                let _ = fs::remove_file(p);
            }
            return Err(e);
        }
    };
    ctx.settle_key(store.conn())?;
    ctx.out.say(&format!(
        "new key {} in {}; {}",
        new_key.fingerprint(),
        key_path.display(),
        passwords(count)
    ))?;
    ctx.out
        .say("back up the new key file: backups of the store from now on need it")
}

/// "1 password re-encrypted", "2 passwords re-encrypted".
fn passwords(count: u64) -> String {
    format!("{} re-encrypted", counted(count, "password", "passwords"))
}
