//! `access …`: access records.

use super::Ctx;
use crate::cli::AccessCmd;
use crate::error::{Exit, fail};

pub fn run(_ctx: &Ctx, _cmd: AccessCmd) -> anyhow::Result<()> {
    Err(fail(
        Exit::Software,
        "access commands are not available yet",
    ))
}
