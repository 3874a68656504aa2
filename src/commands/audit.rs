//! `audit list`: who changed what and when.

use super::Ctx;
use crate::cli::{AuditCmd, Format};
use crate::output::Tabular;
use crate::store::audit::{self, Entry};

impl Tabular for Entry {
    fn columns() -> &'static [&'static str] {
        &["at", "actor", "action", "subject", "detail"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.at.clone(),
            self.actor.clone(),
            self.action.clone(),
            self.subject.clone(),
            self.detail.clone(),
        ]
    }
}

pub fn run(ctx: &Ctx, cmd: AuditCmd) -> anyhow::Result<()> {
    match cmd {
        AuditCmd::List { limit, action } => {
            let store = ctx.open()?;
            let mut stream = ctx.out.stream::<Entry>(Format::Table)?;
            audit::each(store.conn(), limit, action.as_deref(), |e| stream.push(&e))?;
            stream.finish()
        }
    }
}
