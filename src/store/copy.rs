//! Copies a whole store, table by table and row for row, into an empty one of
//! either kind: `store copy` and the `backup` of a MySQL store.

use std::path::Path;

use serde::Serialize;

use super::db::{self, Conn, Owned, TxState, params};
use super::{Access, Store, migrations, state};
use crate::error::{Exit, fail};

#[derive(Clone, Copy)]
enum Kind {
    Int,
    Text,
    Blob,
}

use Kind::{Blob, Int, Text};

/// Every table with its columns, in an order foreign keys would accept.
const TABLES: &[(&str, &[(&str, Kind)])] = &[
    ("settings", &[("key", Text), ("value", Text)]),
    ("state", &[("key", Text), ("value", Text)]),
    (
        "roles",
        &[("id", Int), ("group_name", Text), ("added_at", Text)],
    ),
    (
        "audit",
        &[
            ("id", Int),
            ("at", Text),
            ("actor", Text),
            ("action", Text),
            ("subject", Text),
            ("detail", Text),
        ],
    ),
    (
        "access",
        &[
            ("service_id", Int),
            ("client_id", Int),
            ("username", Text),
            ("password", Blob),
            ("url", Text),
            ("grp", Text),
            ("ip_address", Text),
            ("notes", Text),
            ("enabled", Int),
            ("disabled_by", Text),
            ("created_at", Int),
            ("updated_at", Int),
        ],
    ),
    (
        "subscription",
        &[
            ("id", Int),
            ("tier", Text),
            ("fee_minor", Int),
            ("currency", Text),
            ("customers", Int),
            ("period_start", Text),
            ("updated_at", Text),
        ],
    ),
    (
        "addon_event",
        &[
            ("id", Int),
            ("at", Text),
            ("kind", Text),
            ("data", Text),
            ("billing_effect", Text),
        ],
    ),
    ("nfa_group", &[("name", Text), ("created_at", Text)]),
];

/// How many rows of each table were copied.
#[derive(Debug, Default, Serialize)]
pub struct Copied {
    pub records: u64,
    pub settings: u64,
    pub state: u64,
    pub roles: u64,
    pub audit: u64,
    pub subscription: u64,
    pub addon_events: u64,
    pub nfa_groups: u64,
}

impl Copied {
    fn add(&mut self, table: &str, n: u64) {
        let slot = match table {
            "access" => &mut self.records,
            "settings" => &mut self.settings,
            "state" => &mut self.state,
            "roles" => &mut self.roles,
            "audit" => &mut self.audit,
            "subscription" => &mut self.subscription,
            "addon_event" => &mut self.addon_events,
            _ => &mut self.nfa_groups,
        };
        *slot += n;
    }
}

/// Reads every row of every table: what a damaged table would not allow.
pub fn readable(conn: &Conn) -> anyhow::Result<()> {
    for (table, columns) in TABLES {
        let names: Vec<&str> = columns.iter().map(|(n, _)| *n).collect();
        let select = format!("SELECT {} FROM {table}", names.join(", "));
        conn.each(&select, params![], |_| Ok::<(), db::Error>(()))?;
    }
    Ok(())
}

/// Fails unless every table of `to` is empty.
pub fn require_empty(to: &Conn, name: &str) -> anyhow::Result<()> {
    for (table, _) in TABLES {
        let rows: i64 = to.query_row(&format!("SELECT count(*) FROM {table}"), params![], |r| {
            r.get(0)
        })?;
        if rows > 0 {
            return Err(fail(
                Exit::CantCreate,
                format!(
                    "{name} is not empty (its {table} table has rows); copy into an empty store"
                ),
            ));
        }
    }
    Ok(())
}

/// Copies every row of `from` (read in one snapshot by the caller) into `to`
/// (in the caller's write transaction). The directory a SQLite store's
/// `activate` made is the source's own business and stays behind.
pub fn rows(from: &Conn, to: &Conn) -> anyhow::Result<Copied> {
    let mut copied = Copied::default();
    for (table, columns) in TABLES {
        let names: Vec<&str> = columns.iter().map(|(n, _)| *n).collect();
        let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
        let select = format!("SELECT {} FROM {table}", names.join(", "));
        let insert = format!(
            "INSERT INTO {table} ({}) VALUES ({})",
            names.join(", "),
            marks.join(", ")
        );
        let mut stmt = to.prepare(&insert)?;
        let mut n = 0;
        from.each(&select, params![], |r| {
            let mut owned: Vec<Owned> = Vec::with_capacity(columns.len());
            for (i, (_, kind)) in columns.iter().enumerate() {
                owned.push(match kind {
                    Int => Owned::Int(r.get(i)?),
                    Text => Owned::Text(r.get(i)?),
                    Blob => Owned::Blob(r.get(i)?),
                });
            }
            if *table == "state"
                && matches!(&owned[0], Owned::Text(Some(k)) if k == state::MADE_DIR)
            {
                return Ok::<(), anyhow::Error>(());
            }
            stmt.execute(&owned)?;
            n += 1;
            Ok(())
        })?;
        copied.add(table, n);
    }
    Ok(copied)
}

/// Copies the store `from` into the empty SQLite file at `path` (already
/// made, with its mode), which is left in rollback-journal mode: one file,
/// that the next `Store::open` turns to WAL.
pub fn to_file(from: &Store, path: &Path) -> anyhow::Result<Copied> {
    let conn = Conn::Sqlite(rusqlite::Connection::open(path)?);
    copy_into(from, &conn, &path.display().to_string())
}

/// Copies the store `from` into the MySQL database `to`, whose tables are
/// made if missing and must be empty.
pub fn to_mysql(from: &Store, to: &Access) -> anyhow::Result<Copied> {
    let (dest, _) = Store::create(to)?;
    copy_into(from, dest.conn(), &to.location.to_string())
}

/// One snapshot of `from`, one write transaction on `to`: all or nothing.
fn copy_into(from: &Store, to: &Conn, name: &str) -> anyhow::Result<Copied> {
    from.snapshot(|src| {
        to.begin(TxState::Write).map_err(super::busy)?;
        let copied = (|| {
            migrations::run(to)?;
            require_empty(to, name)?;
            rows(src, to)
        })();
        let ended = to.end(copied.is_ok());
        let copied = copied?;
        ended?;
        Ok(copied)
    })
}
