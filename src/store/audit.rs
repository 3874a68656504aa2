//! The `audit` table: who changed what and when. Callers never pass a secret.

use rusqlite::{Connection, params};
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
    conn: &Connection,
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

/// The newest `limit` entries, newest first, optionally only actions starting with `prefix`.
pub fn list(conn: &Connection, limit: u32, prefix: Option<&str>) -> anyhow::Result<Vec<Entry>> {
    let pattern = format!(
        "{}%",
        prefix
            .unwrap_or("")
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, action, subject, detail FROM audit
         WHERE action LIKE ?1 ESCAPE '\\' ORDER BY id DESC LIMIT ?2",
    )?;
    let rows = stmt
        .query_map(params![pattern, limit], |r| {
            Ok(Entry {
                id: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                subject: r.get(4)?,
                detail: r.get(5)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}
