//! The `roles` table: the Unix groups allowed to use the tool, in the order
//! they were allowed (the first one owns the store files).

use crate::store::db::{Conn, params};

pub fn list(conn: &Conn) -> anyhow::Result<Vec<String>> {
    Ok(
        conn.collect("SELECT group_name FROM roles ORDER BY id", params![], |r| {
            r.get(0)
        })?,
    )
}

/// Adds a group; false when it was already allowed.
pub fn allow(conn: &Conn, group: &str, at: &str) -> anyhow::Result<bool> {
    Ok(conn.execute(
        "INSERT OR IGNORE INTO roles (group_name, added_at) VALUES (?1, ?2)",
        params![group, at],
    )? > 0)
}

/// Removes a group; false when it was not allowed.
pub fn deny(conn: &Conn, group: &str) -> anyhow::Result<bool> {
    Ok(conn.execute("DELETE FROM roles WHERE group_name = ?1", params![group])? > 0)
}
