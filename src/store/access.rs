//! The `access` table: one record per billing service, password encrypted.

use rusqlite::{Connection, OptionalExtension, Row as SqlRow, params, params_from_iter};

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

fn from_sql(r: &SqlRow<'_>) -> rusqlite::Result<Row> {
    Ok(Row {
        service_id: r.get(0)?,
        client_id: r.get(1)?,
        username: r.get(2)?,
        password: r.get(3)?,
        url: r.get(4)?,
        group: r.get(5)?,
        ip_address: r.get(6)?,
        notes: r.get(7)?,
        enabled: r.get(8)?,
        disabled_by: r
            .get::<_, Option<String>>(9)?
            .as_deref()
            .and_then(DisabledBy::parse),
        created_at: r.get(10)?,
        updated_at: r.get(11)?,
    })
}

pub fn get(conn: &Connection, service_id: i64) -> anyhow::Result<Option<Row>> {
    let mut stmt = conn.prepare_cached(SELECT_ONE)?;
    Ok(stmt.query_row([service_id], from_sql).optional()?)
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

/// Inserts a new record; false (and nothing written) when the service has one.
pub fn insert(conn: &Connection, row: &NewRow<'_>) -> anyhow::Result<bool> {
    Inserter::new(conn)?.insert(row)
}

/// Inserts many records through one prepared statement (bulk import).
pub struct Inserter<'c> {
    stmt: rusqlite::Statement<'c>,
}

/// The page cache of a bulk import's connection, in KiB. With SQLite's
/// default (2 MiB) the full cache now and then writes out a b-tree interior
/// page that the next rows change again; writing its WAL frame a second time
/// makes the commit read the log back from there to recompute checksums (90
/// MB more read for a million rows, about 40 ms). From 20 MiB on that no
/// longer happened (measured up to 3,000,000 rows in key order); the cache
/// grows that far only for an import that big.
const BULK_CACHE_KIB: i64 = 24 * 1024;

impl<'c> Inserter<'c> {
    pub fn new(conn: &'c Connection) -> anyhow::Result<Inserter<'c>> {
        Ok(Inserter {
            stmt: conn.prepare(INSERT)?,
        })
    }

    /// An inserter for a bulk import in one transaction: see [`BULK_CACHE_KIB`].
    pub fn bulk(conn: &'c Connection) -> anyhow::Result<Inserter<'c>> {
        conn.pragma_update(None, "cache_size", -BULK_CACHE_KIB)?;
        Inserter::new(conn)
    }

    /// False (and nothing written) when the service has a record.
    pub fn insert(&mut self, row: &NewRow<'_>) -> anyhow::Result<bool> {
        // Bound one by one, without the checks of a parameter list: this is
        // the inner loop of a bulk import. Every parameter is bound each time.
        let s = &mut self.stmt;
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
}

/// The services with a record before a bulk import that a row of the import
/// has already settled, in a temporary table: a later row for one of them is
/// a duplicate. Memory stays bounded however many rows conflict.
pub struct Settled<'c> {
    stmt: rusqlite::Statement<'c>,
}

impl<'c> Settled<'c> {
    /// An empty set, in the caller's transaction.
    pub fn new(conn: &'c Connection) -> anyhow::Result<Settled<'c>> {
        conn.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS import_settled (service_id INTEGER PRIMARY KEY);
             DELETE FROM temp.import_settled;",
        )?;
        Ok(Settled {
            stmt: conn.prepare(
                "INSERT INTO temp.import_settled (service_id) VALUES (?1) ON CONFLICT DO NOTHING",
            )?,
        })
    }

    /// Adds `service_id`; false when it was there already.
    pub fn insert(&mut self, service_id: i64) -> anyhow::Result<bool> {
        Ok(self.stmt.execute([service_id])? > 0)
    }
}

/// Writes every field of an existing record.
pub fn update(conn: &Connection, row: &Row) -> anyhow::Result<()> {
    let mut stmt = conn.prepare_cached(
        "UPDATE access SET client_id = ?2, username = ?3, password = ?4, url = ?5, grp = ?6,
         ip_address = ?7, notes = ?8, enabled = ?9, disabled_by = ?10, created_at = ?11,
         updated_at = ?12 WHERE service_id = ?1",
    )?;
    stmt.execute(params![
        row.service_id,
        row.client_id,
        row.username,
        row.password,
        row.url,
        row.group,
        row.ip_address,
        row.notes,
        row.enabled,
        row.disabled_by.map(DisabledBy::as_str),
        row.created_at,
        row.updated_at
    ])?;
    Ok(())
}

pub fn delete(conn: &Connection, service_id: i64) -> anyhow::Result<bool> {
    Ok(conn.execute("DELETE FROM access WHERE service_id = ?1", [service_id])? > 0)
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
    conn: &Connection,
    filter: &Filter,
    mut f: impl FnMut(Row) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut sql = format!("SELECT {COLUMNS} FROM access WHERE 1");
    let mut args: Vec<rusqlite::types::Value> = Vec::new();
    if let Some(c) = filter.client_id {
        args.push(c.into());
        sql.push_str(&format!(" AND client_id = ?{}", args.len()));
    }
    if let Some(e) = filter.enabled {
        args.push(i64::from(e).into());
        sql.push_str(&format!(" AND enabled = ?{}", args.len()));
    }
    if let Some(u) = &filter.username {
        args.push(u.clone().into());
        sql.push_str(&format!(" AND username = ?{}", args.len()));
    }
    if let Some(s) = &filter.search {
        let pattern = format!(
            "%{}%",
            s.replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        args.push(pattern.into());
        let n = args.len();
        sql.push_str(&format!(
            " AND (username LIKE ?{n} ESCAPE '\\' OR grp LIKE ?{n} ESCAPE '\\' OR ip_address LIKE ?{n} ESCAPE '\\' OR url LIKE ?{n} ESCAPE '\\' OR notes LIKE ?{n} ESCAPE '\\')"
        ));
    }
    sql.push_str(" ORDER BY service_id");
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(args))?;
    while let Some(r) = rows.next()? {
        f(from_sql(r)?)?;
    }
    Ok(())
}

/// (enabled, disabled) record counts.
pub fn counts(conn: &Connection) -> anyhow::Result<(i64, i64)> {
    Ok(conn.query_row(
        "SELECT coalesce(sum(enabled), 0), coalesce(sum(1 - enabled), 0) FROM access",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Services that share a username with another service: (username, service IDs).
pub fn shared_usernames(conn: &Connection) -> anyhow::Result<Vec<(String, Vec<i64>)>> {
    let mut stmt = conn.prepare(
        "SELECT username, group_concat(service_id) FROM access
         GROUP BY username HAVING count(*) > 1 ORDER BY username",
    )?;
    let rows = stmt
        .query_map([], |r| {
            let ids: String = r.get(1)?;
            Ok((
                r.get::<_, String>(0)?,
                ids.split(',').filter_map(|s| s.parse().ok()).collect(),
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Up to `limit` (service ID, ciphertext) pairs after `after`, in service ID
/// order: re-encryption walks the table in batches, in constant memory.
pub fn passwords_after(
    conn: &Connection,
    after: i64,
    limit: u32,
) -> anyhow::Result<Vec<(i64, Vec<u8>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT service_id, password FROM access
         WHERE password IS NOT NULL AND service_id > ?1 ORDER BY service_id LIMIT ?2",
    )?;
    let rows = stmt
        .query_map(params![after, limit], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

pub fn set_password(conn: &Connection, service_id: i64, blob: &[u8]) -> anyhow::Result<()> {
    conn.prepare_cached("UPDATE access SET password = ?2 WHERE service_id = ?1")?
        .execute(params![service_id, blob])?;
    Ok(())
}
