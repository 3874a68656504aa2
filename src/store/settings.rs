//! The `settings` table: module settings as key/value text.

use crate::store::db::{Conn, Optional, params};

pub fn get(conn: &Conn, key: &str) -> anyhow::Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            params![key],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn set(conn: &Conn, key: &str, value: &str) -> anyhow::Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// Inserts the settings that are missing; returns how many were added.
pub fn seed<'a>(
    conn: &Conn,
    defaults: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> anyhow::Result<usize> {
    let mut added = 0;
    for (k, v) in defaults {
        added += conn.execute(
            "INSERT OR IGNORE INTO settings (key, value) VALUES (?1, ?2)",
            params![k, v],
        )?;
    }
    Ok(added)
}
