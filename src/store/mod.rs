//! The SQLite store: opening (WAL, busy timeout, foreign keys), the schema
//! version rules, and write transactions; one submodule per table.

pub mod access;
pub mod addon;
pub mod audit;
pub mod migrations;
pub mod nfa_groups;
pub mod roles;
pub mod settings;
pub mod state;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Exit, fail};
use crate::files;

pub use migrations::LATEST as SCHEMA_VERSION;

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens an existing store at the current schema version.
    pub fn open(path: &Path, busy_timeout_ms: u64) -> anyhow::Result<Store> {
        match std::fs::metadata(path) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(fail(
                    Exit::Config,
                    format!(
                        "no store at {}; create it with: netflow-manager activate",
                        path.display()
                    ),
                ));
            }
            Err(e) => {
                return Err(fail(
                    Exit::NoPerm,
                    format!(
                        "cannot reach store {}: {e}; ask its owner for access (netflow-manager roles allow GROUP, then activate)",
                        path.display()
                    ),
                ));
            }
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

    /// Opens the store for `activate`, which migrates it, creating the file (mode
    /// 0600 from birth, which SQLite gives its `-wal` and `-shm` too) when there
    /// is none. Says whether it created the file.
    pub fn create(path: &Path, busy_timeout_ms: u64) -> anyhow::Result<(Store, bool)> {
        let created = match files::create_new(path, files::Perms::PRIVATE) {
            Ok(_) => true,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => false,
            Err(e) => {
                return Err(fail(
                    Exit::CantCreate,
                    format!("cannot create store {}: {e}", path.display()),
                ));
            }
        };
        let opened = Store::connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE, busy_timeout_ms)
            .and_then(
                |store| match store.version().map_err(|e| disk_error(path, e))? {
                    v if v > SCHEMA_VERSION => Err(newer(path, v)),
                    _ => Ok(store),
                },
            );
        if opened.is_err() && created {
            remove_files(path);
        }
        opened.map(|store| (store, created))
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

    /// Makes every later commit durable before it returns (the WAL synced), for
    /// a commit that a file change outside the store then relies on.
    pub fn sync_commits(&self) -> anyhow::Result<()> {
        Ok(self.conn.pragma_update(None, "synchronous", "FULL")?)
    }

    fn transaction<T>(
        &mut self,
        commit: bool,
        f: impl FnOnce(&Transaction<'_>) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(busy)?;
        let value = f(&tx).map_err(|e| disk_error(&path, e))?;
        if commit {
            tx.commit().map_err(|e| disk_error(&path, busy(e)))?;
        }
        Ok(value)
    }
}

/// The store's files: the database, its `-wal`, `-shm` and `-journal`.
pub fn files_of(path: &Path) -> [PathBuf; 4] {
    ["", "-wal", "-shm", "-journal"].map(|suffix| sidecar(path, suffix))
}

/// Removes a store that was just created and could not be set up.
pub fn remove_files(path: &Path) {
    for file in files_of(path) {
        let _ = std::fs::remove_file(file);
    }
}

/// A full disk or an I/O error while writing becomes exit 73 with one line
/// (the transaction has rolled back, so the store is as before).
fn disk_error(path: &Path, e: anyhow::Error) -> anyhow::Error {
    let disk = e
        .chain()
        .find_map(|c| match c.downcast_ref::<rusqlite::Error>() {
            Some(rusqlite::Error::SqliteFailure(f, _))
                if matches!(
                    f.code,
                    rusqlite::ErrorCode::DiskFull | rusqlite::ErrorCode::SystemIoFailure
                ) =>
            {
                Some(c.to_string())
            }
            _ => None,
        });
    match disk {
        Some(why) => fail(
            Exit::CantCreate,
            format!(
                "cannot write store {}: {why}; nothing was changed (free some space or fix the disk, then try again)",
                path.display()
            ),
        ),
        None => e,
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
pub fn busy(e: rusqlite::Error) -> anyhow::Error {
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
        Some(
            rusqlite::ErrorCode::CannotOpen
            | rusqlite::ErrorCode::DiskFull
            | rusqlite::ErrorCode::SystemIoFailure,
        ) => Exit::CantCreate,
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
