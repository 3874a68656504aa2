//! The `nfa_group` table: the NetFlow Analyzer IP groups this tool created,
//! by name. `nfa push --prune` deletes only these; a group made by hand never
//! appears here.

use std::collections::BTreeSet;

use rusqlite::{Connection, params};

/// The names of the groups this tool created.
pub fn list(conn: &Connection) -> anyhow::Result<BTreeSet<String>> {
    let mut stmt = conn.prepare("SELECT name FROM nfa_group")?;
    let names = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<BTreeSet<String>, _>>()?;
    Ok(names)
}

/// Records that this tool created the group `name` (kept as it was when the
/// tool created it again after someone deleted it).
pub fn remember(conn: &Connection, name: &str, at: &str) -> anyhow::Result<()> {
    conn.execute(
        "INSERT INTO nfa_group (name, created_at) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING",
        params![name, at],
    )?;
    Ok(())
}

/// Forgets the group `name` (deleted, or gone from NetFlow Analyzer).
pub fn forget(conn: &Connection, name: &str) -> anyhow::Result<()> {
    conn.execute("DELETE FROM nfa_group WHERE name = ?1", [name])?;
    Ok(())
}
