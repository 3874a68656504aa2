//! The `nfa_group` table: the NetFlow Analyzer IP groups this tool created,
//! by name. `nfa push --prune` deletes only these; a group made by hand never
//! appears here.

use std::collections::BTreeSet;

use crate::store::db::{Conn, params};

/// The names of the groups this tool created.
pub fn list(conn: &Conn) -> anyhow::Result<BTreeSet<String>> {
    let names = conn.collect("SELECT name FROM nfa_group", params![], |r| r.get(0))?;
    Ok(names.into_iter().collect())
}

/// Records that this tool created the group `name` (kept as it was when the
/// tool created it again after someone deleted it).
pub fn remember(conn: &Conn, name: &str, at: &str) -> anyhow::Result<()> {
    conn.execute(
        "INSERT INTO nfa_group (name, created_at) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING",
        params![name, at],
    )?;
    Ok(())
}

/// Forgets the group `name` (deleted, or gone from NetFlow Analyzer).
pub fn forget(conn: &Conn, name: &str) -> anyhow::Result<()> {
    conn.execute("DELETE FROM nfa_group WHERE name = ?1", params![name])?;
    Ok(())
}
