//! One connection to the database a store lives in, SQLite or MySQL/MariaDB,
//! behind the few calls the tables make: statements with positional
//! parameters, rows read by column index, and transactions. SQL is written in
//! SQLite's dialect; for MySQL each statement is translated once (table
//! prefix, `?N` parameters, upserts; [`mysql_sql`]) and kept prepared.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use mysql::prelude::Queryable;

use crate::error::Exit;

/// What MySQL table names start with, as a WHMCS addon's would.
pub const PREFIX: &str = "mod_netflowmanager_";

/// The tables (and the MySQL-only bookkeeping tables) the translation prefixes.
const TABLES: &[&str] = &[
    "access",
    "addon_event",
    "audit",
    "import_settled",
    "lock",
    "nfa_group",
    "roles",
    "schema",
    "settings",
    "state",
    "subscription",
];

pub enum Conn {
    Sqlite(rusqlite::Connection),
    Mysql(Mysql),
}

pub struct Mysql {
    conn: RefCell<mysql::Conn>,
    /// Translated and prepared statements, by their SQLite text.
    prepared: RefCell<HashMap<String, Prepared>>,
    tx: Cell<TxState>,
}

struct Prepared {
    stmt: mysql::Statement,
    /// For each `?` of the translation, the index of its parameter.
    order: Vec<usize>,
}

/// The transaction a connection is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TxState {
    None,
    /// A read-only snapshot: every read sees the same committed store.
    Read,
    /// Holding the store's write lock until commit or rollback.
    Write,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("{0}")]
    Mysql(#[from] mysql::Error),
    #[error("query returned no rows")]
    NoRows,
    #[error("column {column}: {why}")]
    Column { column: usize, why: String },
    #[error("a query was made while the rows of another were being read")]
    Nested,
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// The exit code this database error stands for, when it is not a bug.
    pub fn exit(&self) -> Option<Exit> {
        match self {
            Error::Sqlite(e) => sqlite_exit(e),
            Error::Mysql(e) => mysql_exit(e),
            _ => None,
        }
    }

    /// A full disk or a failing one: nothing was written.
    pub fn is_disk(&self) -> bool {
        match self {
            Error::Sqlite(e) => matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DiskFull | rusqlite::ErrorCode::SystemIoFailure)
            ),
            // ER_RECORD_FILE_FULL, ER_DISK_FULL, ER_OUT_OF_RESOURCES
            Error::Mysql(mysql::Error::MySqlError(e)) => [1114, 1021, 1041].contains(&e.code),
            _ => false,
        }
    }

    pub fn is_busy(&self) -> bool {
        self.exit() == Some(Exit::Busy)
    }
}

pub fn sqlite_exit(e: &rusqlite::Error) -> Option<Exit> {
    use rusqlite::ErrorCode as C;
    match e.sqlite_error_code()? {
        C::DatabaseBusy | C::DatabaseLocked => Some(Exit::Busy),
        C::ReadOnly | C::PermissionDenied => Some(Exit::NoPerm),
        C::CannotOpen | C::DiskFull | C::SystemIoFailure => Some(Exit::CantCreate),
        _ => None,
    }
}

fn mysql_exit(e: &mysql::Error) -> Option<Exit> {
    use mysql::{DriverError as D, Error as E};
    match e {
        E::MySqlError(e) => match e.code {
            // lock wait timeout, deadlock, lock not granted
            1205 | 1213 | 3572 => Some(Exit::Busy),
            // access denied to the server, or to the database
            1044 | 1045 | 1698 => Some(Exit::Config),
            // unknown database
            1049 => Some(Exit::Config),
            // a command or column the user may not use
            1142 | 1143 => Some(Exit::NoPerm),
            // too many connections, server shutting down
            1040 | 1053 | 1927 => Some(Exit::Unavailable),
            1114 | 1021 | 1041 => Some(Exit::CantCreate),
            _ => None,
        },
        E::IoError(_) | E::CodecError(_) => Some(Exit::Unavailable),
        // A certificate refused, or a server without TLS when it is required.
        E::TlsError(_) | E::DriverError(D::TlsNotSupported) => Some(Exit::Config),
        E::DriverError(D::ConnectTimeout | D::CouldNotConnect(_) | D::Timeout) => {
            Some(Exit::Unavailable)
        }
        _ => None,
    }
}

/// Turns "no rows" into `None`.
pub trait Optional<T> {
    fn optional(self) -> Result<Option<T>>;
}

impl<T> Optional<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(Error::NoRows) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// A parameter, borrowed from the caller.
#[derive(Debug, Clone, Copy)]
pub enum Value<'a> {
    Null,
    Int(i64),
    Text(&'a str),
    Blob(&'a [u8]),
}

pub trait ToValue {
    fn value(&self) -> Value<'_>;
}

macro_rules! int_values {
    ($($t:ty),*) => {$(
        impl ToValue for $t {
            fn value(&self) -> Value<'_> {
                Value::Int(*self as i64)
            }
        }
    )*};
}
int_values!(i64, i32, u32, u16, u8);

impl ToValue for bool {
    fn value(&self) -> Value<'_> {
        Value::Int(i64::from(*self))
    }
}

impl ToValue for str {
    fn value(&self) -> Value<'_> {
        Value::Text(self)
    }
}

impl ToValue for String {
    fn value(&self) -> Value<'_> {
        Value::Text(self)
    }
}

impl ToValue for [u8] {
    fn value(&self) -> Value<'_> {
        Value::Blob(self)
    }
}

impl ToValue for Vec<u8> {
    fn value(&self) -> Value<'_> {
        Value::Blob(self)
    }
}

impl<T: ToValue + ?Sized> ToValue for &T {
    fn value(&self) -> Value<'_> {
        (**self).value()
    }
}

impl<T: ToValue> ToValue for Option<T> {
    fn value(&self) -> Value<'_> {
        self.as_ref().map_or(Value::Null, T::value)
    }
}

impl ToValue for Value<'_> {
    fn value(&self) -> Value<'_> {
        *self
    }
}

/// The parameters of a statement, in order.
macro_rules! params {
    () => { &[] as &[&dyn $crate::store::db::ToValue] };
    ($($p:expr),+ $(,)?) => { &[$(&$p as &dyn $crate::store::db::ToValue),+] as &[&dyn $crate::store::db::ToValue] };
}
pub(crate) use params;

impl rusqlite::ToSql for Value<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput::Borrowed, ValueRef};
        Ok(Borrowed(match *self {
            Value::Null => ValueRef::Null,
            Value::Int(i) => ValueRef::Integer(i),
            Value::Text(s) => ValueRef::Text(s.as_bytes()),
            Value::Blob(b) => ValueRef::Blob(b),
        }))
    }
}

impl From<Value<'_>> for mysql::Value {
    fn from(v: Value<'_>) -> mysql::Value {
        match v {
            Value::Null => mysql::Value::NULL,
            Value::Int(i) => mysql::Value::Int(i),
            Value::Text(s) => mysql::Value::Bytes(s.as_bytes().to_vec()),
            Value::Blob(b) => mysql::Value::Bytes(b.to_vec()),
        }
    }
}

/// A parameter that owns its value, `None` being NULL.
#[derive(Debug, Clone)]
pub enum Owned {
    Int(Option<i64>),
    Text(Option<String>),
    Blob(Option<Vec<u8>>),
}

impl ToValue for Owned {
    fn value(&self) -> Value<'_> {
        match self {
            Owned::Int(Some(i)) => Value::Int(*i),
            Owned::Text(Some(s)) => Value::Text(s),
            Owned::Blob(Some(b)) => Value::Blob(b),
            _ => Value::Null,
        }
    }
}

impl From<Value<'_>> for Owned {
    fn from(v: Value<'_>) -> Owned {
        match v {
            Value::Null => Owned::Int(None),
            Value::Int(i) => Owned::Int(Some(i)),
            Value::Text(s) => Owned::Text(Some(s.to_owned())),
            Value::Blob(b) => Owned::Blob(Some(b.to_vec())),
        }
    }
}

/// A column's value as either database gives it.
#[derive(Debug, Clone, Copy)]
pub enum Raw<'a> {
    Null,
    Int(i64),
    Real(f64),
    Bytes(&'a [u8]),
}

/// A column's Rust type. SQLite rows are read through rusqlite's own
/// conversion (the fast path of a million-row listing); MySQL's values
/// through [`FromValue::from_raw`].
pub trait FromValue: Sized + rusqlite::types::FromSql {
    fn from_raw(raw: Raw<'_>) -> std::result::Result<Self, String>;
}

impl FromValue for i64 {
    fn from_raw(raw: Raw<'_>) -> std::result::Result<Self, String> {
        match raw {
            Raw::Int(i) => Ok(i),
            // MySQL gives sums as decimals, in text.
            Raw::Bytes(b) => std::str::from_utf8(b)
                .ok()
                .and_then(|s| s.parse().ok())
                .ok_or_else(|| "not an integer".to_owned()),
            other => Err(format!("{other:?} is not an integer")),
        }
    }
}

macro_rules! narrow_ints {
    ($($t:ty),*) => {$(
        impl FromValue for $t {
            fn from_raw(raw: Raw<'_>) -> std::result::Result<Self, String> {
                let i = i64::from_raw(raw)?;
                <$t>::try_from(i).map_err(|_| format!("{i} is out of range"))
            }
        }
    )*};
}
narrow_ints!(i32, u32);

impl FromValue for bool {
    fn from_raw(raw: Raw<'_>) -> std::result::Result<Self, String> {
        Ok(i64::from_raw(raw)? != 0)
    }
}

impl FromValue for String {
    fn from_raw(raw: Raw<'_>) -> std::result::Result<Self, String> {
        match raw {
            Raw::Bytes(b) => String::from_utf8(b.to_vec()).map_err(|e| e.to_string()),
            other => Err(format!("{other:?} is not text")),
        }
    }
}

impl FromValue for Vec<u8> {
    fn from_raw(raw: Raw<'_>) -> std::result::Result<Self, String> {
        match raw {
            Raw::Bytes(b) => Ok(b.to_vec()),
            other => Err(format!("{other:?} is not a blob")),
        }
    }
}

impl<T: FromValue> FromValue for Option<T> {
    fn from_raw(raw: Raw<'_>) -> std::result::Result<Self, String> {
        match raw {
            Raw::Null => Ok(None),
            other => T::from_raw(other).map(Some),
        }
    }
}

/// One row of a result, read by column index.
pub enum Row<'a> {
    Sqlite(&'a rusqlite::Row<'a>),
    Mysql(&'a mysql::Row),
}

impl Row<'_> {
    /// Always inlined, so that a SQLite row is read as rusqlite reads it
    /// (a listing executed 2 % more instructions otherwise).
    #[inline(always)]
    pub fn get<T: FromValue>(&self, column: usize) -> Result<T> {
        match self {
            Row::Sqlite(r) => r.get(column).map_err(Error::Sqlite),
            Row::Mysql(r) => mysql_get(r, column),
        }
    }
}

fn mysql_get<T: FromValue>(row: &mysql::Row, column: usize) -> Result<T> {
    let raw = match row.as_ref(column) {
        None => {
            return Err(Error::Column {
                column,
                why: "no such column".to_owned(),
            });
        }
        Some(mysql::Value::NULL) => Raw::Null,
        Some(mysql::Value::Int(i)) => Raw::Int(*i),
        Some(mysql::Value::UInt(u)) => Raw::Int(i64::try_from(*u).map_err(|_| Error::Column {
            column,
            why: format!("{u} is out of range"),
        })?),
        Some(mysql::Value::Float(f)) => Raw::Real(f64::from(*f)),
        Some(mysql::Value::Double(f)) => Raw::Real(*f),
        Some(mysql::Value::Bytes(b)) => Raw::Bytes(b),
        Some(other) => {
            return Err(Error::Column {
                column,
                why: format!("unexpected value {other:?}"),
            });
        }
    };
    T::from_raw(raw).map_err(|why| Error::Column { column, why })
}

/// A statement prepared once and run many times (bulk import).
pub enum Statement<'c> {
    Sqlite(rusqlite::Statement<'c>),
    Mysql { db: &'c Mysql, sql: String },
}

impl Statement<'_> {
    /// Runs the statement; the number of rows it changed.
    pub fn execute<P: ToValue>(&mut self, params: &[P]) -> Result<usize> {
        match self {
            Statement::Sqlite(s) => {
                // Bound one by one, without the checks of a parameter list:
                // this is the inner loop of a bulk import.
                for (i, p) in params.iter().enumerate() {
                    match p.value() {
                        Value::Null => s.raw_bind_parameter(i + 1, rusqlite::types::Null)?,
                        Value::Int(n) => s.raw_bind_parameter(i + 1, n)?,
                        Value::Text(t) => s.raw_bind_parameter(i + 1, t)?,
                        Value::Blob(b) => s.raw_bind_parameter(i + 1, b)?,
                    }
                }
                Ok(s.raw_execute()?)
            }
            Statement::Mysql { db, sql } => db.execute(sql, params),
        }
    }
}

impl Conn {
    pub fn is_mysql(&self) -> bool {
        matches!(self, Conn::Mysql(_))
    }

    /// The SQLite connection, for what only SQLite has (pragmas, online backup).
    pub fn sqlite(&self) -> Option<&rusqlite::Connection> {
        match self {
            Conn::Sqlite(c) => Some(c),
            Conn::Mysql(_) => None,
        }
    }

    /// Runs one statement; the number of rows it changed.
    pub fn execute<P: ToValue>(&self, sql: &str, params: &[P]) -> Result<usize> {
        match self {
            Conn::Sqlite(c) => {
                let mut stmt = c.prepare_cached(sql)?;
                Ok(stmt.execute(rusqlite::params_from_iter(params.iter().map(|p| p.value())))?)
            }
            Conn::Mysql(m) => m.execute(sql, params),
        }
    }

    /// Runs statements without parameters, separated by semicolons.
    pub fn batch(&self, sql: &str) -> Result<()> {
        match self {
            Conn::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Conn::Mysql(m) => {
                let mut conn = m.conn.try_borrow_mut().map_err(|_| Error::Nested)?;
                for one in sql.split(';').filter(|s| !s.trim().is_empty()) {
                    conn.query_drop(mysql_sql(one).0)?;
                }
                Ok(())
            }
        }
    }

    pub fn prepare(&self, sql: &str) -> Result<Statement<'_>> {
        match self {
            Conn::Sqlite(c) => Ok(Statement::Sqlite(c.prepare(sql)?)),
            Conn::Mysql(m) => {
                m.prepared(sql)?;
                Ok(Statement::Mysql {
                    db: m,
                    sql: sql.to_owned(),
                })
            }
        }
    }

    /// The first row's `f`, or [`Error::NoRows`].
    pub fn query_row<T, P: ToValue>(
        &self,
        sql: &str,
        params: &[P],
        f: impl FnOnce(&Row<'_>) -> Result<T>,
    ) -> Result<T> {
        let mut f = Some(f);
        let mut found = None;
        self.each::<Error, P>(sql, params, |row| {
            if let Some(f) = f.take() {
                found = Some(f(row)?);
            }
            Ok(())
        })?;
        found.ok_or(Error::NoRows)
    }

    /// `f` of every row.
    pub fn collect<T, P: ToValue>(
        &self,
        sql: &str,
        params: &[P],
        mut f: impl FnMut(&Row<'_>) -> Result<T>,
    ) -> Result<Vec<T>> {
        let mut all = Vec::new();
        self.each::<Error, P>(sql, params, |row| {
            all.push(f(row)?);
            Ok(())
        })?;
        Ok(all)
    }

    /// Calls `f` for every row as it is read, in constant memory. `f` must not
    /// query this connection.
    pub fn each<E: From<Error>, P: ToValue>(
        &self,
        sql: &str,
        params: &[P],
        mut f: impl FnMut(&Row<'_>) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        match self {
            Conn::Sqlite(c) => {
                let mut stmt = c.prepare_cached(sql).map_err(Error::from)?;
                let mut rows = stmt
                    .query(rusqlite::params_from_iter(params.iter().map(|p| p.value())))
                    .map_err(Error::from)?;
                while let Some(r) = rows.next().map_err(Error::from)? {
                    f(&Row::Sqlite(r))?;
                }
                Ok(())
            }
            Conn::Mysql(m) => m.each(sql, params, f),
        }
    }

    pub fn tx_state(&self) -> Result<TxState> {
        match self {
            Conn::Sqlite(c) => Ok(match c.transaction_state(Some(rusqlite::MAIN_DB))? {
                rusqlite::TransactionState::Write => TxState::Write,
                _ if !c.is_autocommit() => TxState::Read,
                _ => TxState::None,
            }),
            Conn::Mysql(m) => Ok(m.tx.get()),
        }
    }

    /// Begins a transaction. A write transaction takes the store's write lock
    /// first, waiting up to the busy timeout: writers from every host run one
    /// after another, as SQLite's `BEGIN IMMEDIATE` makes them, so no update is
    /// lost. A read transaction sees one snapshot throughout.
    pub fn begin(&self, mode: TxState) -> Result<()> {
        match self {
            Conn::Sqlite(c) => match mode {
                TxState::Write => c.execute_batch("BEGIN IMMEDIATE")?,
                // SQLite takes the snapshot at the first read.
                TxState::Read => c.execute_batch("BEGIN")?,
                TxState::None => {}
            },
            Conn::Mysql(m) => {
                {
                    let mut conn = m.conn.try_borrow_mut().map_err(|_| Error::Nested)?;
                    match mode {
                        TxState::Write => {
                            conn.query_drop("START TRANSACTION")?;
                        }
                        TxState::Read => {
                            conn.query_drop("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")?;
                            conn.query_drop(
                                "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY",
                            )?;
                        }
                        TxState::None => return Ok(()),
                    }
                }
                m.tx.set(mode);
                if mode == TxState::Write
                    && let Err(e) = m.each(
                        "SELECT id FROM lock WHERE id = 1 FOR UPDATE",
                        params![],
                        |_| Ok::<(), Error>(()),
                    )
                {
                    let _ = self.end(false);
                    return Err(e);
                }
            }
        }
        Ok(())
    }

    /// Commits (`true`) or rolls back the transaction.
    pub fn end(&self, commit: bool) -> Result<()> {
        let sql = if commit { "COMMIT" } else { "ROLLBACK" };
        match self {
            Conn::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Conn::Mysql(m) => {
                m.tx.set(TxState::None);
                let mut conn = m.conn.try_borrow_mut().map_err(|_| Error::Nested)?;
                conn.query_drop(sql)?;
                Ok(())
            }
        }
    }
}

impl Mysql {
    /// Wraps a connection made with the session settings of [`session_sql`].
    pub fn new(conn: mysql::Conn) -> Mysql {
        Mysql {
            conn: RefCell::new(conn),
            prepared: RefCell::new(HashMap::new()),
            tx: Cell::new(TxState::None),
        }
    }

    fn prepared(&self, sql: &str) -> Result<()> {
        if self.prepared.borrow().contains_key(sql) {
            return Ok(());
        }
        let (text, order) = mysql_sql(sql);
        let stmt = self
            .conn
            .try_borrow_mut()
            .map_err(|_| Error::Nested)?
            .prep(text)?;
        self.prepared
            .borrow_mut()
            .insert(sql.to_owned(), Prepared { stmt, order });
        Ok(())
    }

    fn args<P: ToValue>(
        &self,
        sql: &str,
        params: &[P],
    ) -> Result<(mysql::Statement, mysql::Params)> {
        self.prepared(sql)?;
        let prepared = self.prepared.borrow();
        let p = &prepared[sql];
        let values: Vec<mysql::Value> = p.order.iter().map(|&i| params[i].value().into()).collect();
        let params = if values.is_empty() {
            mysql::Params::Empty
        } else {
            mysql::Params::Positional(values)
        };
        Ok((p.stmt.clone(), params))
    }

    fn execute<P: ToValue>(&self, sql: &str, params: &[P]) -> Result<usize> {
        let (stmt, args) = self.args(sql, params)?;
        let mut conn = self.conn.try_borrow_mut().map_err(|_| Error::Nested)?;
        conn.exec_drop(&stmt, args)?;
        Ok(conn.affected_rows() as usize)
    }

    fn each<E: From<Error>, P: ToValue>(
        &self,
        sql: &str,
        params: &[P],
        mut f: impl FnMut(&Row<'_>) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let (stmt, args) = self.args(sql, params)?;
        let mut conn = self.conn.try_borrow_mut().map_err(|_| Error::Nested)?;
        let rows = conn.exec_iter(&stmt, args).map_err(Error::from)?;
        for row in rows {
            let row = row.map_err(Error::from)?;
            f(&Row::Mysql(&row))?;
        }
        Ok(())
    }
}

/// The session every MySQL connection starts with: standard quoting and no
/// backslash escapes (the SQL is SQLite's), strict types, binary UTF-8 text
/// (compared as SQLite compares it), committed reads inside a write
/// transaction that holds the store's lock, and the busy timeout as the lock
/// wait.
pub fn session_sql(busy_timeout_ms: u64) -> Vec<String> {
    vec![
        "SET NAMES utf8mb4 COLLATE utf8mb4_bin".to_owned(),
        "SET SESSION sql_mode = 'ANSI_QUOTES,NO_BACKSLASH_ESCAPES,STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION'".to_owned(),
        "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED".to_owned(),
        format!(
            "SET SESSION innodb_lock_wait_timeout = {}",
            busy_timeout_ms.div_ceil(1000).max(1)
        ),
        "SET SESSION group_concat_max_len = 67108864".to_owned(),
    ]
}

/// Translates one statement of the store's SQLite SQL into MySQL's: table
/// names prefixed, `?N` parameters made positional (with the index each `?`
/// takes), `key` and `value` quoted, `INSERT OR IGNORE` and the `ON CONFLICT`
/// clauses made MySQL's `INSERT IGNORE` and `ON DUPLICATE KEY UPDATE`.
pub fn mysql_sql(sql: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(sql.len() + 64);
    let mut order = Vec::new();
    let b = sql.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'\'' {
            let start = i;
            i += 1;
            while i < b.len() {
                if b[i] == b'\'' {
                    if b.get(i + 1) == Some(&b'\'') {
                        i += 2;
                        continue;
                    }
                    break;
                }
                i += 1;
            }
            i = (i + 1).min(b.len());
            out.push_str(&sql[start..i]);
        } else if c == b'?' {
            i += 1;
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let n = match sql[start..i].parse::<usize>() {
                Ok(n) => n - 1,
                Err(_) => order.len(),
            };
            order.push(n);
            out.push('?');
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_' || b[i] == b'.') {
                i += 1;
            }
            let word = &sql[start..i];
            let word = word.strip_prefix("temp.").unwrap_or(word);
            if let Some(column) = word.strip_prefix("excluded.") {
                out.push_str("VALUES(");
                out.push_str(&quoted(column));
                out.push(')');
            } else if TABLES.contains(&word) {
                out.push_str(PREFIX);
                out.push_str(word);
            } else {
                out.push_str(&quoted(word));
            }
        } else {
            out.push(c as char);
            i += 1;
        }
    }
    let mut out = out.replace("INSERT OR IGNORE", "INSERT IGNORE");
    if let Some(at) = out.find("ON CONFLICT") {
        let rest = &out[at + "ON CONFLICT".len()..];
        let rest = rest.trim_start();
        let rest = match rest.strip_prefix('(') {
            Some(r) => r.split_once(')').map_or("", |(_, r)| r).trim_start(),
            None => rest,
        };
        if let Some(tail) = rest.strip_prefix("DO UPDATE SET") {
            out = format!("{}ON DUPLICATE KEY UPDATE{tail}", &out[..at]);
        } else if let Some(tail) = rest.strip_prefix("DO NOTHING") {
            out = format!("{}{tail}", &out[..at]).replacen("INSERT INTO", "INSERT IGNORE INTO", 1);
        }
    }
    (out, order)
}

/// MySQL's reserved words among the store's column names, quoted.
fn quoted(word: &str) -> String {
    match word {
        "key" | "value" => format!("`{word}`"),
        _ => word.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upserts_become_mysql_upserts() {
        let (sql, order) = mysql_sql(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        );
        assert_eq!(
            sql,
            "INSERT INTO mod_netflowmanager_settings (`key`, `value`) VALUES (?, ?)
         ON DUPLICATE KEY UPDATE `value` = VALUES(`value`)"
        );
        assert_eq!(order, [0, 1]);
    }

    #[test]
    fn conflicts_ignored_become_insert_ignore() {
        let (sql, _) = mysql_sql(
            "INSERT INTO access (service_id) VALUES (?1) ON CONFLICT (service_id) DO NOTHING",
        );
        assert_eq!(
            sql,
            "INSERT IGNORE INTO mod_netflowmanager_access (service_id) VALUES (?) "
        );
        let (sql, _) = mysql_sql("INSERT OR IGNORE INTO roles (group_name) VALUES (?1)");
        assert_eq!(
            sql,
            "INSERT IGNORE INTO mod_netflowmanager_roles (group_name) VALUES (?)"
        );
        let (sql, _) = mysql_sql(
            "INSERT INTO temp.import_settled (service_id) VALUES (?1) ON CONFLICT DO NOTHING",
        );
        assert_eq!(
            sql,
            "INSERT IGNORE INTO mod_netflowmanager_import_settled (service_id) VALUES (?) "
        );
    }

    #[test]
    fn numbered_parameters_keep_their_values() {
        let (sql, order) = mysql_sql(
            "UPDATE access SET client_id = ?2, username = ?3 WHERE service_id = ?1 AND grp LIKE ?2",
        );
        assert_eq!(
            sql,
            "UPDATE mod_netflowmanager_access SET client_id = ?, username = ? WHERE service_id = ? AND grp LIKE ?"
        );
        assert_eq!(order, [1, 2, 0, 1]);
    }

    #[test]
    fn string_literals_are_left_alone() {
        let (sql, order) =
            mysql_sql("SELECT 'access ?1 it''s' FROM audit WHERE action LIKE ?1 ESCAPE '\\'");
        assert_eq!(
            sql,
            "SELECT 'access ?1 it''s' FROM mod_netflowmanager_audit WHERE action LIKE ? ESCAPE '\\'"
        );
        assert_eq!(order, [0]);
    }
}
