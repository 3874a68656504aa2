//! The `roles` table: the Unix groups allowed to use the tool, in the order
//! they were allowed (the first one owns the store files).

use rusqlite::{Connection, params};

pub fn list(conn: &Connection) -> anyhow::Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT group_name FROM roles ORDER BY id")?;
    let groups = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(groups)
}

/// Adds a group; false when it was already allowed.
pub fn allow(conn: &Connection, group: &str, at: &str) -> anyhow::Result<bool> {
    Ok(conn.execute(
        "INSERT OR IGNORE INTO roles (group_name, added_at) VALUES (?1, ?2)",
        params![group, at],
    )? > 0)
}

/// Removes a group; false when it was not allowed.
pub fn deny(conn: &Connection, group: &str) -> anyhow::Result<bool> {
    Ok(conn.execute("DELETE FROM roles WHERE group_name = ?1", [group])? > 0)
}
