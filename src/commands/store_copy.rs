//! `store copy --to URL|PATH`: the whole store into an empty MySQL/MariaDB
//! database or a new SQLite file, all or nothing (SPEC 5.11).

use std::path::Path;

use super::Ctx;
use crate::cli::{Format, StoreCmd};
use crate::config;
use crate::error::{Exit, fail};
use crate::files::{self, Perms};
use crate::output::counted;
use crate::store::{self, Location, copy};

pub fn run(ctx: &Ctx, cmd: StoreCmd) -> anyhow::Result<()> {
    let StoreCmd::Copy { to } = cmd;
    let to = Location::parse(&to)?;
    if to == ctx.store.location {
        return Err(fail(
            Exit::Usage,
            format!("{to} is the store itself; copy to another database or file"),
        ));
    }
    let mut from = ctx.open()?;
    let copied = match &to {
        Location::File(path) => to_new_file(&from, path)?,
        Location::Mysql(_) => copy::to_mysql(&from, &store::Access::of(to.clone(), &ctx.config)?)?,
    };
    from.write(|tx| ctx.audit(tx, "store.copy", &to.to_string(), ""))?;
    if ctx.out.format_or(Format::Table) == Format::Json {
        return ctx
            .out
            .json(&serde_json::json!({ "to": to.to_string(), "copied": copied }));
    }
    ctx.out.say(&format!(
        "copied store {} to {to}: {}, {}, {}, {}",
        ctx.store.location,
        counted(copied.records, "record", "records"),
        counted(copied.settings, "setting", "settings"),
        counted(copied.audit, "audit entry", "audit entries"),
        counted(copied.addon_events, "add-on event", "add-on events"),
    ))?;
    ctx.out.say(&key_reminder(ctx, &to))
}

/// The key is not in the store: where the copy will look for it.
fn key_reminder(ctx: &Ctx, to: &Location) -> String {
    let source = ctx.key_source();
    if std::env::var_os(config::KEY_VAR).is_some() {
        return format!("the key is not in the store: {to} needs the same {source}");
    }
    match (ctx.key_path(), config::key_path(to, &ctx.config)) {
        (Ok(from), Ok(dest)) if from != dest => format!(
            "the key is not in the store: copy {} to {} (or point store.key_file at it), mode 0600",
            from.display(),
            dest.display()
        ),
        _ => format!("the key is not in the store: every host using {to} needs {source} as it is"),
    }
}

/// A new SQLite file, private from birth; removed again when the copy fails.
fn to_new_file(from: &store::Store, path: &Path) -> anyhow::Result<copy::Copied> {
    files::create_new(path, Perms::PRIVATE).map_err(|e| {
        fail(
            Exit::CantCreate,
            format!(
                "cannot create {}: {e} (store copy writes a new file only)",
                path.display()
            ),
        )
    })?;
    copy::to_file(from, path).inspect_err(|_| store::remove_files(path))
}
