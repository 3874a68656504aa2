//! `key rotate`: a new key with every password re-encrypted in one transaction.
//!
//! Crash safety: the new key is written to `<key>.new` before the transaction;
//! the transaction re-encrypts and records the new fingerprint; then the new
//! file replaces the old. Killed before the commit, the old key still matches;
//! killed after it, the next command finds the store's fingerprint in
//! `<key>.new` and finishes the swap (`Ctx::key`).

use std::fs;

use super::Ctx;
use crate::cli::KeyCmd;
use crate::config;
use crate::crypto::{Cipher, Key};
use crate::error::{Exit, fail};
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
    let key_path = ctx.key_path();
    let pending = super::pending_key_path(&key_path);
    let result = store.write(|tx| {
        let old = Cipher::new(&ctx.key(tx)?)?;
        let new_key = Key::generate()?;
        let _ = fs::remove_file(&pending);
        new_key.create_file(&pending)?;
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
            &format!(
                "new key {}, {count} passwords re-encrypted",
                new_key.fingerprint()
            ),
        )?;
        Ok((new_key, count))
    });
    let (new_key, count) = match result {
        Ok(v) => v,
        Err(e) => {
            let _ = fs::remove_file(&pending);
            return Err(e);
        }
    };
    super::finish_rotation(&pending, &key_path)?;
    ctx.out.say(&format!(
        "new key {} in {}; {count} passwords re-encrypted",
        new_key.fingerprint(),
        key_path.display()
    ))?;
    ctx.out
        .say("back up the new key file: backups of the store from now on need it")
}
