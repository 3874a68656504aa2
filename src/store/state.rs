//! The `state` table: the module's own bookkeeping (active flag, key
//! fingerprint, licence cache) as key/value text.

use crate::store::db::{Conn, Optional, params};

pub const MODULE_ACTIVE: &str = "module_active";
pub const KEY_FINGERPRINT: &str = "key_fingerprint";
/// The store's directory, when `activate` created it (and so may share it).
pub const MADE_DIR: &str = "made_dir";

pub fn get(conn: &Conn, key: &str) -> anyhow::Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT value FROM state WHERE key = ?1",
            params![key],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn set(conn: &Conn, key: &str, value: &str) -> anyhow::Result<()> {
    conn.execute(
        "INSERT INTO state (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

pub fn delete(conn: &Conn, key: &str) -> anyhow::Result<bool> {
    Ok(conn.execute("DELETE FROM state WHERE key = ?1", params![key])? > 0)
}

pub fn module_active(conn: &Conn) -> anyhow::Result<bool> {
    Ok(get(conn, MODULE_ACTIVE)?.as_deref() == Some("true"))
}
