//! The `access` table: one record per billing service, password encrypted.

use std::collections::HashSet;

use super::db::{self, Conn, Optional, Owned, Value, params};

use crate::whmcs::rules::{DisabledBy, State};

/// A stored record; `password` is the ciphertext, times are Unix seconds.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub service_id: i64,
    pub client_id: Option<i64>,
    pub username: String,
    pub password: Option<Vec<u8>>,
    pub url: String,
    pub group: String,
    pub ip_address: String,
    pub notes: String,
    pub enabled: bool,
    /// Who disabled the record; `None` while it is enabled.
    pub disabled_by: Option<DisabledBy>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl Row {
    /// Enables the record, or disables it on `by`'s behalf.
    pub fn set_state(&mut self, state: State) {
        self.enabled = state.enabled;
        self.disabled_by = state.disabled_by;
    }

    pub fn state(&self) -> State {
        State {
            enabled: self.enabled,
            disabled_by: self.disabled_by,
        }
    }
}

macro_rules! columns {
    () => {
        "service_id, client_id, username, password, url, grp, ip_address, notes, enabled, disabled_by, created_at, updated_at"
    };
}
const COLUMNS: &str = columns!();
const SELECT_ONE: &str = concat!("SELECT ", columns!(), " FROM access WHERE service_id = ?1");
const INSERT: &str = concat!(
    "INSERT INTO access (",
    columns!(),
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) ON CONFLICT (service_id) DO NOTHING"
);

/// A record from either database's row. A SQLite row is read by rusqlite
/// itself: through [`db::Row::get`] a million-row listing took 10 % longer.
fn from_sql(r: &db::Row<'_>) -> db::Result<Row> {
    macro_rules! record {
        ($r:expr) => {{
            let disabled_by: Option<String> = $r.get(9)?;
            Row {
                service_id: $r.get(0)?,
                client_id: $r.get(1)?,
                username: $r.get(2)?,
                password: $r.get(3)?,
                url: $r.get(4)?,
                group: $r.get(5)?,
                ip_address: $r.get(6)?,
                notes: $r.get(7)?,
                enabled: $r.get(8)?,
                disabled_by: disabled_by.as_deref().and_then(DisabledBy::parse),
                created_at: $r.get(10)?,
                updated_at: $r.get(11)?,
            }
        }};
    }
    match r {
        db::Row::Sqlite(r) => {
            (|| -> rusqlite::Result<Row> { Ok(record!(r)) })().map_err(db::Error::from)
        }
        db::Row::Mysql(_) => Ok(record!(r)),
    }
}

pub fn get(conn: &Conn, service_id: i64) -> anyhow::Result<Option<Row>> {
    Ok(conn
        .query_row(SELECT_ONE, params![service_id], from_sql)
        .optional()?)
}

/// A record to insert, borrowing its values.
#[derive(Debug, Clone, Copy)]
pub struct NewRow<'a> {
    pub service_id: i64,
    pub client_id: Option<i64>,
    pub username: &'a str,
    pub password: Option<&'a [u8]>,
    pub url: &'a str,
    pub group: &'a str,
    pub ip_address: &'a str,
    pub notes: &'a str,
    pub enabled: bool,
    pub disabled_by: Option<DisabledBy>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl NewRow<'_> {
    /// Its values in the order of the table's columns ([`COLUMNS`]).
    fn values(&self) -> [Value<'_>; COLUMN_COUNT] {
        let text = Value::Text;
        [
            Value::Int(self.service_id),
            self.client_id.map_or(Value::Null, Value::Int),
            text(self.username),
            self.password.map_or(Value::Null, Value::Blob),
            text(self.url),
            text(self.group),
            text(self.ip_address),
            text(self.notes),
            Value::Int(i64::from(self.enabled)),
            self.disabled_by.map_or(Value::Null, |d| text(d.as_str())),
            Value::Int(self.created_at),
            Value::Int(self.updated_at),
        ]
    }
}

impl Row {
    /// The record's values, borrowed as an insert takes them.
    fn as_new(&self) -> NewRow<'_> {
        NewRow {
            service_id: self.service_id,
            client_id: self.client_id,
            username: &self.username,
            password: self.password.as_deref(),
            url: &self.url,
            group: &self.group,
            ip_address: &self.ip_address,
            notes: &self.notes,
            enabled: self.enabled,
            disabled_by: self.disabled_by,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

/// Inserts a new record; false (and nothing written) when the service has one.
pub fn insert(conn: &Conn, row: &NewRow<'_>) -> anyhow::Result<bool> {
    Inserter::new(conn)?.insert(row)
}

/// Inserts many records through one prepared statement (bulk import). On
/// MySQL, where every statement is a round trip to the server, rows are held
/// and written [`ROWS_PER_INSERT`] at a time by multi-row INSERTs, the rest at
/// [`Inserter::flush`]; which rows conflict is known from one query per batch
/// ([`Inserter::expect`]).
pub struct Inserter<'c> {
    conn: &'c Conn,
    stmt: db::Statement<'c>,
    held: Option<Held>,
}

/// The rows a MySQL bulk insert holds, and the services of the batch that
/// have a record.
#[derive(Default)]
struct Held {
    existing: HashSet<i64>,
    /// The services of the held rows.
    ids: HashSet<i64>,
    /// The parameters of the held rows, [`COLUMN_COUNT`] per row.
    values: Vec<Owned>,
}

const COLUMN_COUNT: usize = 12;
/// Rows per multi-row INSERT (12,000 parameters, of MySQL's 65,535).
const ROWS_PER_INSERT: usize = 1000;

/// The page cache of a bulk import's connection, in KiB. With SQLite's
/// default (2 MiB) the full cache now and then writes out a b-tree interior
/// page that the next rows change again; writing its WAL frame a second time
/// makes the commit read the log back from there to recompute checksums (90
/// MB more read for a million rows, about 40 ms). From 20 MiB on that no
/// longer happened (measured up to 3,000,000 rows in key order); the cache
/// grows that far only for an import that big.
const BULK_CACHE_KIB: i64 = 24 * 1024;

impl<'c> Inserter<'c> {
    pub fn new(conn: &'c Conn) -> anyhow::Result<Inserter<'c>> {
        Ok(Inserter {
            conn,
            stmt: conn.prepare(INSERT)?,
            held: None,
        })
    }

    /// An inserter for a bulk import in one transaction: see [`BULK_CACHE_KIB`].
    pub fn bulk(conn: &'c Conn) -> anyhow::Result<Inserter<'c>> {
        let mut inserter = Inserter::new(conn)?;
        match conn.sqlite() {
            Some(c) => c.pragma_update(None, "cache_size", -BULK_CACHE_KIB)?,
            None => inserter.held = Some(Held::default()),
        }
        Ok(inserter)
    }

    /// Says which services the next rows are for, so that a held insert knows
    /// which of them already have a record (one query for the lot).
    pub fn expect(&mut self, ids: impl Iterator<Item = i64>) -> anyhow::Result<()> {
        let Some(held) = &mut self.held else {
            return Ok(());
        };
        let ids: Vec<i64> = ids.collect();
        held.existing.clear();
        for chunk in ids.chunks(ROWS_PER_INSERT) {
            let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("?{i}")).collect();
            let sql = format!(
                "SELECT service_id FROM access WHERE service_id IN ({})",
                marks.join(", ")
            );
            self.conn.each(&sql, chunk, |r| {
                held.existing.insert(r.get(0)?);
                Ok::<(), db::Error>(())
            })?;
        }
        Ok(())
    }

    /// Writes every held row: at the end of a bulk import.
    pub fn flush(&mut self) -> anyhow::Result<()> {
        match &mut self.held {
            Some(held) => held.write(self.conn),
            None => Ok(()),
        }
    }

    /// False (and nothing written) when the service has a record.
    pub fn insert(&mut self, row: &NewRow<'_>) -> anyhow::Result<bool> {
        if let Some(held) = &mut self.held {
            // Known to have a record, or held already: not inserted.
            if held.existing.contains(&row.service_id) || !held.ids.insert(row.service_id) {
                return Ok(false);
            }
            held.values.extend(row.values().map(Owned::from));
            if held.values.len() == COLUMN_COUNT * ROWS_PER_INSERT {
                held.write(self.conn)?;
            }
            return Ok(true);
        }
        if let db::Statement::Sqlite(s) = &mut self.stmt {
            return insert_sqlite(s, row).map_err(|e| db::Error::from(e).into());
        }
        Ok(self.stmt.execute(&row.values())? > 0)
    }
}

/// One row through SQLite, each parameter bound with its own type: the inner
/// loop of a bulk import, where binding through [`db::Value`] cost 3 % more
/// instructions.
fn insert_sqlite(s: &mut rusqlite::Statement<'_>, row: &NewRow<'_>) -> rusqlite::Result<bool> {
    s.raw_bind_parameter(1, row.service_id)?;
    s.raw_bind_parameter(2, row.client_id)?;
    s.raw_bind_parameter(3, row.username)?;
    s.raw_bind_parameter(4, row.password)?;
    s.raw_bind_parameter(5, row.url)?;
    s.raw_bind_parameter(6, row.group)?;
    s.raw_bind_parameter(7, row.ip_address)?;
    s.raw_bind_parameter(8, row.notes)?;
    s.raw_bind_parameter(9, row.enabled)?;
    s.raw_bind_parameter(10, row.disabled_by.map(DisabledBy::as_str))?;
    s.raw_bind_parameter(11, row.created_at)?;
    s.raw_bind_parameter(12, row.updated_at)?;
    Ok(s.raw_execute()? > 0)
}

impl Held {
    /// Writes the held rows in one multi-row INSERT (none conflicts: each was
    /// checked); they are in the store from now on, so no longer held.
    fn write(&mut self, conn: &Conn) -> anyhow::Result<()> {
        if self.values.is_empty() {
            return Ok(());
        }
        conn.execute(
            &many_rows_sql(self.values.len() / COLUMN_COUNT),
            &self.values,
        )?;
        self.values.clear();
        // In the store now: a later row of this batch for one of them conflicts.
        self.existing.extend(self.ids.drain());
        Ok(())
    }
}

/// The INSERT of `n` rows.
fn many_rows_sql(n: usize) -> String {
    let rows: Vec<String> = (0..n)
        .map(|r| {
            let marks: Vec<String> = (1..=COLUMN_COUNT)
                .map(|c| format!("?{}", r * COLUMN_COUNT + c))
                .collect();
            format!("({})", marks.join(", "))
        })
        .collect();
    format!("INSERT INTO access ({COLUMNS}) VALUES {}", rows.join(", "))
}

/// The services with a record before a bulk import that a row of the import
/// has already settled, in a temporary table: a later row for one of them is
/// a duplicate. Memory stays bounded however many rows conflict.
pub struct Settled<'c> {
    stmt: db::Statement<'c>,
}

impl<'c> Settled<'c> {
    /// An empty set, in the caller's transaction.
    pub fn new(conn: &'c Conn) -> anyhow::Result<Settled<'c>> {
        conn.batch(if conn.is_mysql() {
            "CREATE TEMPORARY TABLE IF NOT EXISTS import_settled (service_id BIGINT PRIMARY KEY);
             DELETE FROM import_settled"
        } else {
            "CREATE TEMP TABLE IF NOT EXISTS import_settled (service_id INTEGER PRIMARY KEY);
             DELETE FROM temp.import_settled;"
        })?;
        Ok(Settled {
            stmt: conn.prepare(
                "INSERT INTO temp.import_settled (service_id) VALUES (?1) ON CONFLICT DO NOTHING",
            )?,
        })
    }

    /// Adds `service_id`; false when it was there already.
    pub fn insert(&mut self, service_id: i64) -> anyhow::Result<bool> {
        Ok(self.stmt.execute(params![service_id])? > 0)
    }
}

/// Writes every field of an existing record (the parameters are numbered in
/// the order of the columns).
pub fn update(conn: &Conn, row: &Row) -> anyhow::Result<()> {
    conn.execute(
        "UPDATE access SET client_id = ?2, username = ?3, password = ?4, url = ?5, grp = ?6,
         ip_address = ?7, notes = ?8, enabled = ?9, disabled_by = ?10, created_at = ?11,
         updated_at = ?12 WHERE service_id = ?1",
        &row.as_new().values(),
    )?;
    Ok(())
}

pub fn delete(conn: &Conn, service_id: i64) -> anyhow::Result<bool> {
    Ok(conn.execute(
        "DELETE FROM access WHERE service_id = ?1",
        params![service_id],
    )? > 0)
}

/// Which records `each` visits.
#[derive(Debug, Default)]
pub struct Filter {
    pub client_id: Option<i64>,
    pub enabled: Option<bool>,
    pub username: Option<String>,
    /// Substring of username, group, IP address, URL or notes (any case).
    pub search: Option<String>,
}

/// Calls `f` for every matching record in service ID order, streaming.
pub fn each(
    conn: &Conn,
    filter: &Filter,
    mut f: impl FnMut(Row) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut sql = format!("SELECT {COLUMNS} FROM access WHERE 1");
    let pattern;
    let mut args: Vec<Value<'_>> = Vec::new();
    if let Some(c) = filter.client_id {
        args.push(Value::Int(c));
        sql.push_str(&format!(" AND client_id = ?{}", args.len()));
    }
    if let Some(e) = filter.enabled {
        args.push(Value::Int(i64::from(e)));
        sql.push_str(&format!(" AND enabled = ?{}", args.len()));
    }
    if let Some(u) = &filter.username {
        args.push(Value::Text(u));
        sql.push_str(&format!(" AND username = ?{}", args.len()));
    }
    if let Some(s) = &filter.search {
        // Any case: both sides lowered, as SQLite's LIKE and a binary MySQL
        // collation would not agree on case otherwise.
        pattern = format!(
            "%{}%",
            s.to_ascii_lowercase()
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        args.push(Value::Text(&pattern));
        let n = args.len();
        sql.push_str(&format!(
            " AND (lower(username) LIKE ?{n} ESCAPE '\\' OR lower(grp) LIKE ?{n} ESCAPE '\\' OR lower(ip_address) LIKE ?{n} ESCAPE '\\' OR lower(url) LIKE ?{n} ESCAPE '\\' OR lower(notes) LIKE ?{n} ESCAPE '\\')"
        ));
    }
    sql.push_str(" ORDER BY service_id");
    conn.each(&sql, &args, |r| f(from_sql(r)?))
}

/// The first service whose record has a password, if any has.
pub fn first_password(conn: &Conn) -> anyhow::Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT service_id FROM access WHERE password IS NOT NULL ORDER BY service_id LIMIT 1",
            params![],
            |r| r.get(0),
        )
        .optional()?)
}

/// (enabled, disabled) record counts.
pub fn counts(conn: &Conn) -> anyhow::Result<(i64, i64)> {
    Ok(conn.query_row(
        "SELECT coalesce(sum(enabled), 0), coalesce(sum(1 - enabled), 0) FROM access",
        params![],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Services that share a username with another service: (username, service IDs).
pub fn shared_usernames(conn: &Conn) -> anyhow::Result<Vec<(String, Vec<i64>)>> {
    Ok(conn.collect(
        "SELECT username, group_concat(service_id) FROM access
         GROUP BY username HAVING count(*) > 1 ORDER BY username",
        params![],
        |r| {
            let ids: String = r.get(1)?;
            Ok((
                r.get::<String>(0)?,
                ids.split(',').filter_map(|s| s.parse().ok()).collect(),
            ))
        },
    )?)
}

/// Up to `limit` (service ID, ciphertext) pairs after `after`, in service ID
/// order: re-encryption walks the table in batches, in constant memory.
pub fn passwords_after(conn: &Conn, after: i64, limit: u32) -> anyhow::Result<Vec<(i64, Vec<u8>)>> {
    Ok(conn.collect(
        "SELECT service_id, password FROM access
         WHERE password IS NOT NULL AND service_id > ?1 ORDER BY service_id LIMIT ?2",
        params![after, limit],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

pub fn set_password(conn: &Conn, service_id: i64, blob: &[u8]) -> anyhow::Result<()> {
    conn.execute(
        "UPDATE access SET password = ?2 WHERE service_id = ?1",
        params![service_id, blob],
    )?;
    Ok(())
}
