//! Numbered schema migrations; the version lives in SQLite's `user_version`
//! (in a MySQL store, in its `schema` table: see `store::mysql`).

use super::db::Conn;
use super::mysql;

/// Migration N (1-based) brings the schema from version N-1 to N.
const MIGRATIONS: &[&str] = &[
    // 1: the whole first schema.
    "
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;
    CREATE TABLE state (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;
    CREATE TABLE roles (
        id         INTEGER PRIMARY KEY,
        group_name TEXT NOT NULL UNIQUE,
        added_at   TEXT NOT NULL
    ) STRICT;
    CREATE TABLE audit (
        id      INTEGER PRIMARY KEY,
        at      TEXT NOT NULL,
        actor   TEXT NOT NULL,
        action  TEXT NOT NULL,
        subject TEXT NOT NULL DEFAULT '',
        detail  TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE TABLE access (
        service_id INTEGER PRIMARY KEY CHECK (service_id > 0),
        client_id  INTEGER CHECK (client_id IS NULL OR client_id > 0),
        username   TEXT NOT NULL,
        password   BLOB,
        url        TEXT NOT NULL DEFAULT '',
        grp        TEXT NOT NULL DEFAULT '',
        ip_address TEXT NOT NULL DEFAULT '',
        notes      TEXT NOT NULL DEFAULT '',
        enabled    INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE subscription (
        id           INTEGER PRIMARY KEY CHECK (id = 1),
        tier         TEXT NOT NULL,
        fee_minor    INTEGER NOT NULL,
        currency     TEXT NOT NULL,
        customers    INTEGER NOT NULL,
        period_start TEXT NOT NULL,
        updated_at   TEXT NOT NULL
    ) STRICT;
    CREATE TABLE addon_event (
        id             INTEGER PRIMARY KEY,
        at             TEXT NOT NULL,
        kind           TEXT NOT NULL,
        data           TEXT NOT NULL DEFAULT '{}',
        billing_effect TEXT NOT NULL DEFAULT ''
    ) STRICT;
    ",
    // 2: who disabled a record (SPEC 5.9); records disabled so far were an admin's doing.
    "
    ALTER TABLE access ADD COLUMN disabled_by TEXT
        CHECK (disabled_by IS NULL OR disabled_by IN ('admin', 'whmcs'));
    UPDATE access SET disabled_by = 'admin' WHERE enabled = 0;
    ",
    // 3: the NetFlow Analyzer IP groups this tool created, the only ones it may
    // delete (SPEC 5.10).
    "
    CREATE TABLE nfa_group (
        name       TEXT PRIMARY KEY,
        created_at TEXT NOT NULL
    ) STRICT;
    ",
];

pub const LATEST: i64 = MIGRATIONS.len() as i64;

/// Applies every migration above the current version (inside the caller's
/// transaction); returns the version it started from. A MySQL store's tables
/// were made at the latest version before the transaction (MySQL commits
/// each table it makes); the transaction records the version.
pub fn run(conn: &Conn) -> anyhow::Result<i64> {
    let Some(conn) = conn.sqlite() else {
        let from = mysql::version(conn)?;
        if from < LATEST {
            mysql::record_version(conn, LATEST)?;
        }
        return Ok(from);
    };
    let from: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(from.max(0) as usize) {
        conn.execute_batch(sql)?;
        conn.pragma_update(None, "user_version", i as i64 + 1)?;
    }
    Ok(from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrating_twice_changes_nothing() {
        let conn = Conn::Sqlite(rusqlite::Connection::open_in_memory().unwrap());
        assert_eq!(run(&conn).unwrap(), 0);
        assert_eq!(run(&conn).unwrap(), LATEST);
        let v = super::super::version(&conn).unwrap();
        assert_eq!(v, LATEST);
    }
}
