//! `activate`, `deactivate` and `status`: the module's lifecycle and overview.

use std::fs;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::store::db::Conn;
use serde::Serialize;

use super::Ctx;
use crate::cli::Format;
use crate::crypto::Key;
use crate::error::{Exit, fail};
use crate::files::{self, Perms};
use crate::identity;
use crate::settings as defs;
use crate::store::{self, SCHEMA_VERSION, Store, state};

/// Creates or upgrades the store, the key, the settings; marks the module active.
/// Whatever an earlier, interrupted `activate` left, this one finishes the job.
pub fn activate(ctx: &Ctx) -> anyhow::Result<()> {
    let location = &ctx.store.location;
    // A MySQL store's key file must be named: said before anything is made.
    if std::env::var_os(crate::config::KEY_VAR).is_none() {
        ctx.key_path()?;
    }
    let made_dir = match location.file() {
        Some(path) => create_dir(path)?,
        None => None,
    };
    let undo_dir = || {
        if let Some(dir) = &made_dir {
            let _ = fs::remove_dir(dir);
        }
    };
    let (mut store, created) = Store::create(&ctx.store).inspect_err(|_| undo_dir())?;
    // A store never migrated has no roles yet: nobody to refuse.
    if store.version()? > 0 {
        ctx.check_role(store.conn())?;
    }
    let key_path = ctx.key_path();
    let mut created_key = false;
    let result = store.write(|tx| {
        let mut did = Vec::new();
        let from = store::migrations::run(tx)?;
        if from == 0 {
            did.push(format!(
                "created store {location} (schema version {SCHEMA_VERSION})"
            ));
        } else if from < SCHEMA_VERSION {
            did.push(format!(
                "migrated store from schema version {from} to {SCHEMA_VERSION}"
            ));
        }
        let seeded = store::settings::seed(tx, defs::DEFS.iter().map(|d| (d.key, d.default)))?;
        if seeded > 0 {
            did.push(format!("seeded {seeded} default settings"));
        }
        if let Some(dir) = &made_dir {
            state::set(tx, state::MADE_DIR, &dir.to_string_lossy())?;
        }
        // The key is settled inside the transaction, after the migrations: a key
        // made here is removed again if the transaction does not commit.
        match plan_key(ctx, tx)? {
            KeyPlan::Create(key) => {
                let key_path = ctx.key_path()?;
                key.create_file(&key_path, Perms::PRIVATE)?;
                created_key = true;
                state::set(tx, state::KEY_FINGERPRINT, &key.fingerprint())?;
                did.push(format!(
                    "created key file {} (mode 0600, fingerprint {})",
                    key_path.display(),
                    key.fingerprint()
                ));
            }
            KeyPlan::Record(key) => {
                state::set(tx, state::KEY_FINGERPRINT, &key.fingerprint())?;
                did.push(format!(
                    "recorded the fingerprint {} of {}",
                    key.fingerprint(),
                    ctx.key_source()
                ));
            }
            KeyPlan::Keep => {}
        }
        if !state::module_active(tx)? {
            state::set(tx, state::MODULE_ACTIVE, "true")?;
            did.push("module activated".to_owned());
        }
        if !did.is_empty() {
            ctx.audit(tx, "module.activate", "", &did.join("; "))?;
        }
        Ok(did)
    });
    let mut did = match result {
        Ok(did) => did,
        Err(e) => {
            if created_key && let Ok(key_path) = &key_path {
                let _ = fs::remove_file(key_path);
            }
            if created && let Some(path) = location.file() {
                drop(store);
                store::remove_files(path);
                undo_dir();
            }
            return Err(e);
        }
    };
    did.extend(share_with_first_group(ctx, &store)?);
    if did.is_empty() {
        ctx.out.say(&format!(
            "nothing to do: store {location} is at schema version {SCHEMA_VERSION}, the key is in place and the module is active"
        ))?;
    }
    for line in did {
        ctx.out.say(&line)?;
    }
    Ok(())
}

enum KeyPlan {
    /// No key anywhere yet: make one.
    Create(Key),
    /// A key exists (a restored or named file, or the environment) that the
    /// store has not recorded yet: adopt it.
    Record(Key),
    /// The store's key is in place.
    Keep,
}

fn plan_key(ctx: &Ctx, conn: &Conn) -> anyhow::Result<KeyPlan> {
    ctx.settle_key(conn)?;
    let recorded = state::get(conn, state::KEY_FINGERPRINT)?;
    match (ctx.read_key(conn)?, recorded) {
        (Some(key), None) => Ok(KeyPlan::Record(key)),
        (None, None) => Key::generate().map(KeyPlan::Create),
        (Some(_), Some(_)) => ctx.key(conn).map(|_| KeyPlan::Keep),
        (None, Some(fp)) => match ctx.key(conn) {
            Ok(_) => Ok(KeyPlan::Keep),
            Err(_) if store::access::first_password(conn)?.is_none() => {
                Key::generate().map(KeyPlan::Create)
            }
            Err(_) => Err(fail(
                Exit::Config,
                format!(
                    "key file {} is missing, and the store holds passwords encrypted with key {fp}; restore the key file from a backup",
                    ctx.key_path()?.display()
                ),
            )),
        },
    }
}

/// Creates the store's directory (0700: private until roles share it); returns
/// it when this call created it.
fn create_dir(path: &Path) -> anyhow::Result<Option<PathBuf>> {
    let dir = files::parent(path);
    if dir.exists() {
        return Ok(None);
    }
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| {
            fail(
                Exit::CantCreate,
                format!("cannot create directory {}: {e}", dir.display()),
            )
        })?;
    Ok(Some(
        fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf()),
    ))
}

/// SPEC 5.4: with allowed groups, the store and key file belong to the first
/// one, with group-only permissions.
fn share_with_first_group(ctx: &Ctx, store: &Store) -> anyhow::Result<Vec<String>> {
    // A MySQL store's sharing is the server's grants; only the key file is ours.
    let store_path = ctx.store_file();
    let groups = store::roles::list(store.conn())?;
    let Some(group) = groups.first() else {
        return Ok(Vec::new());
    };
    let gid = identity::group_gid(group).ok_or_else(|| {
        fail(
            Exit::Config,
            format!(
                "allowed group {group} no longer exists; run: netflow-manager roles deny {group}"
            ),
        )
    })?;
    let mut changed = Vec::new();
    let mut shared: Vec<(PathBuf, u32)> = Vec::new();
    if let Some(path) = store_path {
        shared.extend(
            ["", "-wal", "-shm"]
                .into_iter()
                .map(|suffix| (store::sidecar(path, suffix), 0o660)),
        );
    }
    if std::env::var_os(crate::config::KEY_VAR).is_none() {
        shared.push((ctx.key_path()?, 0o640));
    }
    // The directory too, when activate made it: setgid, so the `-wal` and `-shm`
    // that any member's command creates there belong to the group as well.
    if let Some(path) = store_path {
        let dir = fs::canonicalize(files::parent(path))?;
        if state::get(store.conn(), state::MADE_DIR)?.as_deref() == Some(&*dir.to_string_lossy()) {
            shared.push((dir, 0o2770));
        }
    }
    for (file, mode) in shared {
        let Ok(meta) = fs::metadata(&file) else {
            continue;
        };
        use std::os::unix::fs::MetadataExt;
        if meta.gid() == gid && meta.permissions().mode() & 0o7777 == mode {
            continue;
        }
        let denied = |e: std::io::Error| {
            fail(
                Exit::NoPerm,
                format!("cannot give {} to group {group}: {e}", file.display()),
            )
        };
        identity::chgrp(&file, gid).map_err(denied)?;
        fs::set_permissions(&file, fs::Permissions::from_mode(mode)).map_err(denied)?;
        changed.push(format!(
            "gave {} to group {group} (mode {mode:04o})",
            file.display()
        ));
    }
    Ok(changed)
}

/// Marks the module inactive; never deletes data.
pub fn deactivate(ctx: &Ctx) -> anyhow::Result<()> {
    let mut store = ctx.open()?;
    let changed = store.write(|tx| {
        if !state::module_active(tx)? {
            return Ok(false);
        }
        state::set(tx, state::MODULE_ACTIVE, "false")?;
        ctx.audit(tx, "module.deactivate", "", "")?;
        Ok(true)
    })?;
    if changed {
        ctx.out.say(
            "module deactivated; every record is kept (run netflow-manager activate to restore)",
        )
    } else {
        ctx.out.say("module is already deactivated")
    }
}

#[derive(Serialize)]
struct Status {
    module: &'static str,
    schema_version: i64,
    store: String,
    records: Records,
    licence: String,
    addon: String,
    key_fingerprint: Option<String>,
    key: String,
}

#[derive(Serialize)]
struct Records {
    enabled: i64,
    disabled: i64,
}

/// The one-screen overview.
pub fn status(ctx: &Ctx) -> anyhow::Result<()> {
    let store = ctx.open()?;
    let conn = store.conn();
    let (enabled, disabled) = store::access::counts(conn)?;
    let fingerprint = state::get(conn, state::KEY_FINGERPRINT)?;
    let key = match ctx.key(conn) {
        Ok(_) => format!("{} (matches the store)", ctx.key_source()),
        Err(e) => format!("problem: {e}"),
    };
    let s = Status {
        module: if state::module_active(conn)? {
            "active"
        } else {
            "deactivated"
        },
        schema_version: store.version()?,
        store: store.location().to_string(),
        records: Records { enabled, disabled },
        licence: match super::licence::cached(ctx, conn) {
            Ok(cached) => cached.summary(),
            Err(e) => format!("problem: {e:#}"),
        },
        addon: super::addon::summary(conn, ctx.clock.now())?,
        key_fingerprint: fingerprint.clone(),
        key,
    };
    if ctx.out.format_or(Format::Table) == Format::Json {
        return ctx.out.json(&s);
    }
    // Paths and the licence summary may hold anything: shown escaped.
    let shown = |text: String| crate::escape::escaped(&text).into_owned();
    ctx.out.pairs(&[
        ("module", s.module.to_owned()),
        ("schema version", s.schema_version.to_string()),
        ("store", shown(s.store)),
        ("records", format!("{enabled} enabled, {disabled} disabled")),
        ("licence", shown(s.licence)),
        ("add-on", s.addon),
        (
            "key fingerprint",
            fingerprint.unwrap_or_else(|| "none".to_owned()),
        ),
        ("key", shown(s.key)),
    ])
}
