//! The store: where it is (a SQLite file, or a MySQL/MariaDB database), opening
//! it (for SQLite: WAL kept between commands, busy timeout, foreign keys), the
//! schema version rules, and transactions; one submodule per table.

pub mod access;
pub mod addon;
pub mod audit;
pub mod copy;
pub mod db;
pub mod migrations;
pub mod mysql;
pub mod nfa_groups;
pub mod roles;
pub mod settings;
pub mod state;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, FileControl, OpenFlags};

use crate::error::{Exit, fail};
use crate::files::{self, Perms};
use db::{Conn, TxState};

pub use migrations::LATEST as SCHEMA_VERSION;

/// Where the store is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    File(PathBuf),
    Mysql(mysql::Target),
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::File(p) => write!(f, "{}", p.display()),
            Location::Mysql(t) => write!(f, "{t}"),
        }
    }
}

impl Location {
    /// `--db`, `NETFLOW_MANAGER_DB`, `store.path` or `store.url`: a
    /// `mysql://` URL, else a file.
    pub fn parse(text: &std::ffi::OsStr) -> anyhow::Result<Location> {
        match text.to_str() {
            Some(t) if t.starts_with("mysql:") => Ok(Location::Mysql(mysql::Target::parse(t)?)),
            _ => Ok(Location::File(PathBuf::from(text))),
        }
    }

    pub fn file(&self) -> Option<&Path> {
        match self {
            Location::File(p) => Some(p),
            Location::Mysql(_) => None,
        }
    }
}

/// How to reach a store: where, the MySQL password and TLS, the busy timeout.
#[derive(Debug, Clone)]
pub struct Access {
    pub location: Location,
    pub password: Option<String>,
    pub tls: mysql::Tls,
    pub busy_timeout_ms: u64,
}

impl Access {
    /// How the config reaches the store at `location`; a MySQL store's
    /// password is read here, a SQLite store has none.
    pub fn of(location: Location, config: &crate::config::Config) -> anyhow::Result<Access> {
        let password = match location {
            Location::Mysql(_) => crate::config::db_password(config)?,
            Location::File(_) => None,
        };
        Ok(Access {
            location,
            password,
            tls: mysql::Tls::of(&config.store),
            busy_timeout_ms: config.store.busy_timeout_ms,
        })
    }
}

pub struct Store {
    conn: Conn,
    location: Location,
}

impl Store {
    /// Opens an existing store at the current schema version.
    pub fn open(access: &Access) -> anyhow::Result<Store> {
        let path = match &access.location {
            Location::File(path) => path,
            Location::Mysql(target) => {
                let conn = mysql::connect(target, access)?;
                let version = mysql::version(&conn)?;
                let store = Store {
                    conn,
                    location: access.location.clone(),
                };
                return store.at_latest(version);
            }
        };
        let busy_timeout_ms = access.busy_timeout_ms;
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
        store.at_latest(version)
    }

    fn at_latest(self, version: i64) -> anyhow::Result<Store> {
        match version {
            v if v == SCHEMA_VERSION => Ok(self),
            v if v > SCHEMA_VERSION => Err(newer(&self.location, v)),
            0 if self.conn.is_mysql() => Err(fail(
                Exit::Config,
                format!(
                    "no store in {}; create it with: netflow-manager activate",
                    self.location
                ),
            )),
            v => Err(fail(
                Exit::Config,
                format!(
                    "store {} is at schema version {v}, this version needs {SCHEMA_VERSION}; upgrade it with: netflow-manager activate",
                    self.location
                ),
            )),
        }
    }

    /// Opens the store for `activate`, which migrates it. A SQLite file is
    /// created (mode 0600 from birth, which its `-wal` and `-shm` take too)
    /// when there is none; a MySQL database gets the tables it lacks. Says
    /// whether the store was created.
    pub fn create(access: &Access) -> anyhow::Result<(Store, bool)> {
        let path = match &access.location {
            Location::File(path) => path,
            Location::Mysql(target) => {
                let conn = mysql::connect(target, access)?;
                let version = mysql::version(&conn)?;
                if version > SCHEMA_VERSION {
                    return Err(newer(&access.location, version));
                }
                let created = mysql::create_tables(&conn)?;
                let store = Store {
                    conn,
                    location: access.location.clone(),
                };
                return Ok((store, created));
            }
        };
        let busy_timeout_ms = access.busy_timeout_ms;
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
                v if v > SCHEMA_VERSION => Err(newer(&store.location, v)),
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
            conn: Conn::Sqlite(conn),
            location: Location::File(path.to_path_buf()),
        };
        Ok((store, version))
    }

    pub fn location(&self) -> &Location {
        &self.location
    }

    pub fn conn(&self) -> &Conn {
        &self.conn
    }

    pub fn version(&self) -> anyhow::Result<i64> {
        version(&self.conn)
    }

    /// Runs `f` in one write transaction (the store's write lock taken first, so
    /// concurrent writers wait for each other instead of failing or losing an
    /// update); commits only when `f` succeeds.
    pub fn write<T>(&mut self, f: impl FnOnce(&Conn) -> anyhow::Result<T>) -> anyhow::Result<T> {
        self.transaction(true, f)
    }

    /// Runs `f` exactly as `write` does, then rolls everything back (dry runs).
    pub fn rehearse<T>(&mut self, f: impl FnOnce(&Conn) -> anyhow::Result<T>) -> anyhow::Result<T> {
        self.transaction(false, f)
    }

    /// Runs `f` in one read transaction: every read sees the same store.
    pub fn snapshot<T>(&self, f: impl FnOnce(&Conn) -> anyhow::Result<T>) -> anyhow::Result<T> {
        self.conn.begin(TxState::Read).map_err(busy)?;
        let value = f(&self.conn);
        let ended = self.conn.end(false);
        let value = value?;
        ended?;
        Ok(value)
    }

    /// Makes every later commit durable before it returns (the WAL synced), for
    /// a commit that a file change outside the store then relies on. A MySQL
    /// server's commits are as durable as it is configured to make them.
    pub fn sync_commits(&self) -> anyhow::Result<()> {
        if let Some(c) = self.conn.sqlite() {
            c.pragma_update(None, "synchronous", "FULL")?;
        }
        Ok(())
    }

    fn transaction<T>(
        &mut self,
        commit: bool,
        f: impl FnOnce(&Conn) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        let location = &self.location;
        self.conn.begin(TxState::Write).map_err(busy)?;
        let value = match f(&self.conn) {
            Ok(v) => v,
            Err(e) => {
                let _ = self.conn.end(false);
                return Err(disk_error(location, e));
            }
        };
        match self.conn.end(commit) {
            Ok(()) => Ok(value),
            Err(e) => {
                let _ = self.conn.end(false);
                Err(disk_error(location, busy(e)))
            }
        }
    }
}

/// The schema version of the store `conn` is open on.
pub fn version(conn: &Conn) -> anyhow::Result<i64> {
    match conn.sqlite() {
        Some(c) => Ok(c.query_row("PRAGMA user_version", [], |r| r.get(0))?),
        None => mysql::version(conn),
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
fn disk_error(location: &Location, e: anyhow::Error) -> anyhow::Error {
    let disk = e.chain().find_map(|c| {
        c.downcast_ref::<db::Error>()
            .filter(|e| e.is_disk())
            .map(|_| c.to_string())
    });
    match disk {
        Some(why) => fail(
            Exit::CantCreate,
            format!(
                "cannot write store {location}: {why}; nothing was changed (free some space or fix the disk, then try again)"
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
pub fn busy(e: impl Into<db::Error>) -> anyhow::Error {
    let e = e.into();
    if e.is_busy() {
        return fail(
            Exit::Busy,
            "the store is busy (another netflow-manager is writing); try again, or raise store.busy_timeout_ms",
        );
    }
    e.into()
}

fn newer(location: &Location, v: i64) -> anyhow::Error {
    fail(
        Exit::Config,
        format!(
            "store {location} was written by a newer netflow-manager (schema version {v}, this one knows up to {SCHEMA_VERSION}); upgrade netflow-manager"
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
