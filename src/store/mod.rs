//! The SQLite store: opening (WAL kept between commands, busy timeout, foreign
//! keys), the schema version rules, and write transactions; one submodule per table.

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

use rusqlite::{Connection, FileControl, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Exit, fail};
use crate::files::{self, Perms};

pub use migrations::LATEST as SCHEMA_VERSION;

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens an existing store at the current schema version.
    pub fn open(path: &Path, busy_timeout_ms: u64) -> anyhow::Result<Store> {
        let perms = match Perms::of(path) {
            Ok(perms) => perms,
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
        };
        let (store, version) = Store::connect(path, perms, busy_timeout_ms, false)?;
        match version {
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
    /// 0600 from birth, which its `-wal` and `-shm` take too) when there is none.
    /// Says whether it created the file.
    pub fn create(path: &Path, busy_timeout_ms: u64) -> anyhow::Result<(Store, bool)> {
        let created = match files::create_new(path, Perms::PRIVATE) {
            Ok(_) => true,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => false,
            Err(e) => {
                return Err(fail(
                    Exit::CantCreate,
                    format!("cannot create store {}: {e}", path.display()),
                ));
            }
        };
        if created {
            // The `-wal` of a store that was deleted is never this new store's log.
            for leftover in &files_of(path)[1..] {
                let _ = std::fs::remove_file(leftover);
            }
        }
        let opened = Perms::of(path)
            .map_err(|e| {
                fail(
                    Exit::NoPerm,
                    format!("cannot reach store {}: {e}", path.display()),
                )
            })
            .and_then(|perms| Store::connect(path, perms, busy_timeout_ms, true))
            .and_then(|(store, version)| match version {
                v if v > SCHEMA_VERSION => Err(newer(path, v)),
                _ => Ok(store),
            });
        if opened.is_err() && created {
            remove_files(path);
        }
        opened.map(|store| (store, created))
    }

    /// Opens a connection and reads the schema version. `perms` are the store
    /// file's, which its `-wal` and `-shm` are given when this makes them.
    fn connect(
        path: &Path,
        perms: Perms,
        busy_timeout_ms: u64,
        creating: bool,
    ) -> anyhow::Result<(Store, i64)> {
        // Opening is lazy: a file that is not SQLite fails on the first statement,
        // so everything up to the schema version is one step with one error mapping.
        let setup = || -> rusqlite::Result<(Connection, String, i64)> {
            let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            let conn = Connection::open_with_flags(path, flags)?;
            conn.busy_timeout(Duration::from_millis(busy_timeout_ms))?;
            conn.pragma_update(None, "foreign_keys", true)?;
            // The `-wal` and `-shm` are kept rather than made and unlinked by every
            // command; the last connection to close still checkpoints and, with a
            // size limit set, truncates the log to nothing, so the next command
            // never recovers a long one.
            conn.file_control(Some(rusqlite::MAIN_DB), FileControl::PersistWal(&mut 1))?;
            conn.pragma_update(None, "journal_size_limit", 0)?;
            if let Some(db) = conn.path() {
                make_sidecars(Path::new(db), perms);
            }
            if creating {
                // Only a new, empty store takes this, and only before WAL mode:
                // 16 KiB pages halve the write calls of a bulk import compared
                // with the 4 KiB default.
                conn.pragma_update(None, "page_size", 16384)?;
            }
            // Kept in the file; a no-op on a store already in WAL mode, and what
            // turns a copy put in place from a backup (rollback mode) back to WAL.
            let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            let version = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            Ok((conn, mode, version))
        };
        let (conn, mode, version) = setup().map_err(|e| open_error(path, e))?;
        if !mode.eq_ignore_ascii_case("wal") && !conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(fail(
                Exit::Config,
                format!("store {} cannot use WAL mode", path.display()),
            ));
        }
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        Ok((store, version))
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

/// Makes the `-wal` and `-shm` of the database file `db` (as SQLite names it,
/// symlinks resolved) before SQLite opens them, with the store file's group and
/// mode: they outlive the command, so whoever makes them makes them for everyone
/// (SPEC 5.8), which SQLite alone would not do in a directory without setgid.
/// Already there (the usual case) or not ours to make: SQLite opens what there is.
fn make_sidecars(db: &Path, perms: Perms) {
    let perms = Perms {
        mode: perms.mode & 0o666,
        ..perms
    };
    for suffix in ["-wal", "-shm"] {
        let _ = files::create_new(&sidecar(db, suffix), perms);
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
