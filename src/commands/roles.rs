//! `roles list|allow|deny`: which Unix groups may use the tool (SPEC 5.4).

use serde::Serialize;

use super::Ctx;
use crate::cli::{Format, RolesCmd};
use crate::error::{Exit, fail};
use crate::identity;
use crate::output::Tabular;
use crate::store;

#[derive(Serialize)]
struct Row {
    group: String,
    gid: Option<u32>,
}

impl Tabular for Row {
    fn columns() -> &'static [&'static str] {
        &["group", "gid"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.group.clone(),
            self.gid
                .map_or_else(|| "(no such group)".to_owned(), |g| g.to_string()),
        ]
    }
}

pub fn run(ctx: &Ctx, cmd: RolesCmd) -> anyhow::Result<()> {
    match cmd {
        RolesCmd::List => {
            let store = ctx.open()?;
            let rows: Vec<Row> = store::roles::list(store.conn())?
                .into_iter()
                .map(|group| Row {
                    gid: identity::group_gid(&group),
                    group,
                })
                .collect();
            if rows.is_empty() && ctx.out.format_or(Format::Table) == Format::Table {
                return ctx
                    .out
                    .say("no groups allowed: everyone who can read the store may use the tool");
            }
            ctx.out.records(&rows, Format::Table)
        }
        RolesCmd::Allow { group } => {
            if identity::group_gid(&group).is_none() {
                return Err(fail(
                    Exit::DataErr,
                    format!("there is no Unix group named {group:?} on this system"),
                ));
            }
            let mut store = ctx.open_for_change()?;
            let first = store.write(|tx| {
                let added = store::roles::allow(tx, &group, &ctx.clock.stamp())?;
                if added {
                    ctx.audit(tx, "roles.allow", &group, "")?;
                }
                added.then(|| store::roles::list(tx)).transpose()
            })?;
            match first {
                None => ctx.out.say(&format!("group {group} is already allowed")),
                Some(groups) => {
                    ctx.out
                        .say(&format!("group {group} may use netflow-manager"))?;
                    if groups.len() == 1 {
                        ctx.out.say(&format!(
                            "only root and members of the allowed groups may use the tool now; run netflow-manager activate to give the store and key file to group {group}"
                        ))?;
                    }
                    Ok(())
                }
            }
        }
        RolesCmd::Deny { group } => {
            let mut store = ctx.open_for_change()?;
            let removed = store.write(|tx| {
                let removed = store::roles::deny(tx, &group)?;
                if removed {
                    ctx.audit(tx, "roles.deny", &group, "")?;
                }
                Ok(removed)
            })?;
            if removed {
                ctx.out
                    .say(&format!("group {group} may no longer use netflow-manager"))
            } else {
                ctx.out.say(&format!("group {group} was not allowed"))
            }
        }
    }
}
