//! The SQLite store: opening (WAL, busy timeout, foreign keys), the schema
//! version rules, and write transactions; one submodule per table.

pub mod access;
pub mod addon;
pub mod audit;
pub mod migrations;
pub mod roles;
pub mod settings;
pub mod state;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Exit, fail};

pub use migrations::LATEST as SCHEMA_VERSION;

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens an existing store at the current schema version.
    pub fn open(path: &Path, busy_timeout_ms: u64) -> anyhow::Result<Store> {
        if !path.exists() {
            return Err(fail(
                Exit::Config,
                format!(
                    "no store at {}; create it with: netflow-manager activate",
                    path.display()
                ),
            ));
        }
        let store = Store::connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE, busy_timeout_ms)?;
        match store.version()? {
            v if v == SCHEMA_VERSION => Ok(store),
            v if v > SCHEMA_VERSION => Err(newer(path, v)),
            v => Err(fail(
                Exit::Config,
                format!(
                    "store {} is at schema version {v}, this version needs {SCHEMA_VERSION}; upgrade it with: netflow-manager activate",
                    path.display()
                ),
            )),
        }
    }

    /// Opens or creates the store for `activate`, which migrates it.
    pub fn create(path: &Path, busy_timeout_ms: u64) -> anyhow::Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE;
        let store = Store::connect(path, flags, busy_timeout_ms)?;
        let v = store.version()?;
        if v > SCHEMA_VERSION {
            return Err(newer(path, v));
        }
        Ok(store)
    }

    fn connect(path: &Path, flags: OpenFlags, busy_timeout_ms: u64) -> anyhow::Result<Store> {
        // Opening is lazy: a file that is not SQLite fails on the first statement,
        // so everything up to the journal mode is one step with one error mapping.
        let setup = || -> rusqlite::Result<(Connection, String)> {
            let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
            conn.busy_timeout(Duration::from_millis(busy_timeout_ms))?;
            conn.pragma_update(None, "foreign_keys", true)?;
            // Only a new, empty store takes this: 16 KiB pages halve the write calls
            // of a bulk import compared with the 4 KiB default.
            conn.pragma_update(None, "page_size", 16384)?;
            let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            Ok((conn, mode))
        };
        let (conn, mode) = setup().map_err(|e| open_error(path, e))?;
        if !mode.eq_ignore_ascii_case("wal") && !conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(fail(
                Exit::Config,
                format!("store {} cannot use WAL mode", path.display()),
            ));
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn version(&self) -> anyhow::Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Runs `f` in one write transaction (BEGIN IMMEDIATE, so concurrent writers
    /// wait for each other instead of failing); commits only when `f` succeeds.
    pub fn write<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        self.transaction(true, f)
    }

    /// Runs `f` exactly as `write` does, then rolls everything back (dry runs).
    pub fn rehearse<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        self.transaction(false, f)
    }

    fn transaction<T>(
        &mut self,
        commit: bool,
        f: impl FnOnce(&Transaction<'_>) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(busy)?;
        let value = f(&tx)?;
        if commit {
            tx.commit().map_err(busy)?;
        }
        Ok(value)
    }
}

/// `path` with `suffix` appended to its file name: the store's `-wal` and `-shm`
/// files, the key's `.new`.
pub fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

/// Busy past the timeout becomes exit 75 with a message that says what to do.
fn busy(e: rusqlite::Error) -> anyhow::Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => fail(
            Exit::Busy,
            "the store is busy (another netflow-manager is writing); try again, or raise store.busy_timeout_ms",
        ),
        _ => e.into(),
    }
}

fn newer(path: &Path, v: i64) -> anyhow::Error {
    fail(
        Exit::Config,
        format!(
            "store {} was written by a newer netflow-manager (schema version {v}, this one knows up to {SCHEMA_VERSION}); upgrade netflow-manager",
            path.display()
        ),
    )
}

fn open_error(path: &Path, e: rusqlite::Error) -> anyhow::Error {
    let code = match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            return busy(e);
        }
        Some(rusqlite::ErrorCode::PermissionDenied | rusqlite::ErrorCode::ReadOnly) => Exit::NoPerm,
        Some(rusqlite::ErrorCode::CannotOpen) if path.exists() => Exit::NoPerm,
        Some(rusqlite::ErrorCode::CannotOpen) => Exit::CantCreate,
        Some(rusqlite::ErrorCode::NotADatabase) => {
            return fail(
                Exit::DataErr,
                format!(
                    "{} is not a netflow-manager store (not an SQLite database); check --db or NETFLOW_MANAGER_DB",
                    path.display()
                ),
            );
        }
        _ => Exit::Software,
    };
    fail(code, format!("cannot open store {}: {e}", path.display()))
}
