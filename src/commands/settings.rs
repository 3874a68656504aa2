//! `settings list|get|set|unset`: the module settings in the store.

use std::io::BufRead;

use serde::Serialize;

use super::Ctx;
use crate::cli::{Format, SettingsCmd};
use crate::error::{Exit, fail};
use crate::output::Tabular;
use crate::settings::{self as defs, Kind};
use crate::store;

#[derive(Serialize)]
struct Row {
    key: &'static str,
    value: String,
    default: &'static str,
    is_default: bool,
}

impl Tabular for Row {
    fn columns() -> &'static [&'static str] {
        &["key", "value", "default"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.key.to_owned(),
            self.value.clone(),
            if self.is_default {
                "(default)".to_owned()
            } else {
                self.default.to_owned()
            },
        ]
    }
}

pub fn run(ctx: &Ctx, cmd: SettingsCmd) -> anyhow::Result<()> {
    match cmd {
        SettingsCmd::List => {
            let store = ctx.open()?;
            let mut rows = Vec::new();
            for def in defs::DEFS {
                let value = current(store.conn(), def)?;
                rows.push(Row {
                    key: def.key,
                    is_default: value == def.default,
                    value: defs::display(def, &value, false),
                    default: def.default,
                });
            }
            ctx.out.records(&rows, Format::Table)
        }
        SettingsCmd::Get { key, reveal } => {
            let def = defs::def(&key)?;
            let store = ctx.open()?;
            let value = current(store.conn(), def)?;
            let shown = defs::display(def, &value, reveal);
            if ctx.out.format_or(Format::Table) == Format::Json {
                return ctx
                    .out
                    .json(&serde_json::json!({ "key": def.key, "value": shown }));
            }
            ctx.out.line(&shown)
        }
        SettingsCmd::Set { key, value } => {
            let def = defs::def(&key)?;
            let value = match value {
                Some(v) => v,
                None => read_value(ctx, def)?,
            };
            let value = defs::normalize(def, &value)?;
            change(ctx, def, &value)
        }
        SettingsCmd::Unset { key } => {
            let def = defs::def(&key)?;
            change(ctx, def, def.default)
        }
    }
}

/// The stored value, or the default when the store has none.
pub fn current(conn: &crate::store::db::Conn, def: &defs::Def) -> anyhow::Result<String> {
    Ok(store::settings::get(conn, def.key)?.unwrap_or_else(|| def.default.to_owned()))
}

/// A boolean setting's current value.
pub fn flag(conn: &crate::store::db::Conn, key: &str) -> anyhow::Result<bool> {
    let def = defs::def(key)?;
    Ok(defs::parse_bool(&current(conn, def)?).unwrap_or(false))
}

fn read_value(ctx: &Ctx, def: &defs::Def) -> anyhow::Result<String> {
    if ctx.interactive {
        let prompt = format!("Value for {}", def.key);
        let value = if def.kind == Kind::Secret {
            dialoguer::Password::new().with_prompt(prompt).interact()
        } else {
            dialoguer::Input::<String>::new()
                .with_prompt(prompt)
                .interact_text()
        };
        return value.map_err(|e| fail(Exit::Usage, format!("no value given: {e}")));
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    if line.is_empty() {
        return Err(fail(
            Exit::Usage,
            format!(
                "no value for {}: give it as an argument or on stdin",
                def.key
            ),
        ));
    }
    Ok(line.trim_end_matches(['\n', '\r']).to_owned())
}

fn change(ctx: &Ctx, def: &defs::Def, value: &str) -> anyhow::Result<()> {
    let mut store = ctx.open_for_change()?;
    let changed = store.write(|tx| {
        let old = current(tx, def)?;
        if old == value {
            return Ok(false);
        }
        store::settings::set(tx, def.key, value)?;
        let detail = if def.kind == Kind::Secret {
            "changed (value not logged)".to_owned()
        } else {
            format!("{old} -> {value}")
        };
        ctx.audit(tx, "settings.set", def.key, &detail)?;
        if def.key == defs::LICENCE_KEY {
            super::licence::forget(tx)?;
        }
        Ok(true)
    })?;
    let shown = defs::display(def, value, false);
    if !changed {
        return ctx.out.say(&format!("{} is already {shown}", def.key));
    }
    ctx.out.say(&format!("{} = {shown}", def.key))?;
    if def.key == defs::LICENCE_KEY {
        ctx.out
            .say("licence cache cleared; the next licence check asks the licensing server")?;
    }
    Ok(())
}
