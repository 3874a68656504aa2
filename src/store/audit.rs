//! The `audit` table: who changed what and when. Callers never pass a secret.

use crate::store::db::{Conn, params};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Entry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub detail: String,
}

pub fn record(
    conn: &Conn,
    at: &str,
    actor: &str,
    action: &str,
    subject: &str,
    detail: &str,
) -> anyhow::Result<()> {
    conn.execute(
        "INSERT INTO audit (at, actor, action, subject, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![at, actor, action, subject, detail],
    )?;
    Ok(())
}

/// Calls `f` for the newest `limit` entries, newest first, optionally only
/// actions starting with `prefix`; streaming, in constant memory.
pub fn each(
    conn: &Conn,
    limit: u32,
    prefix: Option<&str>,
    mut f: impl FnMut(Entry) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let pattern = format!(
        "{}%",
        prefix
            .unwrap_or("")
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    conn.each(
        "SELECT id, at, actor, action, subject, detail FROM audit
         WHERE action LIKE ?1 ESCAPE '\\' ORDER BY id DESC LIMIT ?2",
        params![pattern, limit],
        |r| {
            f(Entry {
                id: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                subject: r.get(4)?,
                detail: r.get(5)?,
            })
        },
    )
}
