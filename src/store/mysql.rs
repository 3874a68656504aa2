//! A store in MySQL/MariaDB (SPEC 5.11): the `mysql://USER@HOST[:PORT]/DATABASE`
//! address, the connection, and the tables, prefixed as a WHMCS addon's are.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use super::Access;
use super::db::{self, Conn, Mysql, PREFIX};
use crate::config::StoreConfig;
use crate::error::{Exit, fail};

/// Where a MySQL store is; never a password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub user: String,
    pub host: String,
    pub port: u16,
    pub database: String,
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        write!(
            f,
            "mysql://{}@{host}:{}/{}",
            self.user, self.port, self.database
        )
    }
}

impl Target {
    /// Parses a store URL. One that carries a password is refused without
    /// repeating it.
    pub fn parse(text: &str) -> anyhow::Result<Target> {
        let bad = |why: &str| {
            fail(
                Exit::Config,
                format!("store URL: {why}; expected mysql://USER@HOST[:PORT]/DATABASE"),
            )
        };
        let url = url::Url::parse(text).map_err(|e| bad(&e.to_string()))?;
        if url.password().is_some() {
            return Err(fail(
                Exit::Config,
                "the store URL carries a password; remove it and put it in store.password_file or NETFLOW_MANAGER_DB_PASSWORD",
            ));
        }
        if url.scheme() != "mysql" {
            return Err(bad("the scheme must be mysql"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(bad("no query or fragment is allowed"));
        }
        let user = percent(url.username()).ok_or_else(|| bad("no user"))?;
        let host = match url.host() {
            Some(url::Host::Ipv6(a)) => a.to_string(),
            Some(h) => h.to_string(),
            None => return Err(bad("no host")),
        };
        let database = percent(url.path().trim_start_matches('/'))
            .filter(|d| !d.contains('/'))
            .ok_or_else(|| bad("no database"))?;
        if user.is_empty() {
            return Err(bad("no user"));
        }
        Ok(Target {
            user,
            host,
            port: url.port().unwrap_or(3306),
            database,
        })
    }
}

fn percent(s: &str) -> Option<String> {
    let decoded = url::form_urlencoded::parse(format!("x={s}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())?;
    (!decoded.is_empty()).then_some(decoded)
}

/// Whether a MySQL connection uses TLS, and the CA its server's certificate is
/// checked against (the public roots when none is named).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Tls {
    #[default]
    Off,
    On {
        ca: Option<PathBuf>,
    },
}

impl Tls {
    pub fn of(config: &StoreConfig) -> Tls {
        match (&config.tls_ca_file, config.tls) {
            (Some(ca), _) => Tls::On {
                ca: Some(ca.clone()),
            },
            (None, true) => Tls::On { ca: None },
            (None, false) => Tls::Off,
        }
    }
}

/// Connects with the store's session settings ([`db::session_sql`]).
pub fn connect(target: &Target, access: &Access) -> anyhow::Result<Conn> {
    let busy_timeout_ms = access.busy_timeout_ms;
    let timeout = Duration::from_millis(busy_timeout_ms.max(1000));
    let ssl = match &access.tls {
        Tls::Off => None,
        Tls::On { ca } => Some(mysql::SslOpts::default().with_root_cert_path(ca.clone())),
    };
    let opts = mysql::OptsBuilder::new()
        .ip_or_hostname(Some(target.host.clone()))
        .tcp_port(target.port)
        .user(Some(target.user.clone()))
        .pass(access.password.as_deref())
        .db_name(Some(target.database.clone()))
        .prefer_socket(false)
        .ssl_opts(ssl)
        .tcp_connect_timeout(Some(timeout))
        .init(db::session_sql(busy_timeout_ms));
    match mysql::Conn::new(opts) {
        Ok(conn) => Ok(Conn::Mysql(Mysql::new(conn))),
        Err(e) => {
            let tls = access.tls != Tls::Off && refused_by_tls(&e);
            let err = db::Error::from(e);
            let exit = match tls {
                true => Exit::Config,
                false => err.exit().unwrap_or(Exit::Unavailable),
            };
            let hint = match exit {
                Exit::Config if tls => "; check store.tls_ca_file and the server's certificate",
                Exit::Config => {
                    "; check the user, store.password_file or NETFLOW_MANAGER_DB_PASSWORD, and the database"
                }
                Exit::Unavailable => "; is the server running and reachable?",
                _ => "",
            };
            Err(fail(
                exit,
                format!("cannot connect to store {target}: {err}{hint}"),
            ))
        }
    }
}

/// A TLS handshake that failed: a certificate refused (an I/O error of
/// invalid data from the TLS layer), or no TLS on the server.
fn refused_by_tls(e: &mysql::Error) -> bool {
    use std::error::Error as _;
    let io = match e {
        mysql::Error::TlsError(_)
        | mysql::Error::DriverError(mysql::DriverError::TlsNotSupported) => return true,
        mysql::Error::IoError(io) => Some(io),
        mysql::Error::CodecError(c) => c.source().and_then(|s| s.downcast_ref::<std::io::Error>()),
        _ => None,
    };
    io.is_some_and(|io| io.kind() == std::io::ErrorKind::InvalidData)
}

/// The schema version; 0 while the tables were never made or never activated.
pub fn version(conn: &Conn) -> anyhow::Result<i64> {
    match conn.query_row("SELECT version FROM schema", db::params![], |r| r.get(0)) {
        Ok(v) => Ok(v),
        Err(db::Error::NoRows) => Ok(0),
        // no such table
        Err(db::Error::Mysql(mysql::Error::MySqlError(e))) if e.code == 1146 => Ok(0),
        Err(e) => Err(e.into()),
    }
}

/// Makes the tables that are missing (their latest form) and the row of the
/// write lock, one `activate` at a time; the schema version stays what it was
/// until the activation's transaction records it ([`record_version`]). MySQL
/// commits each table it makes, so this runs before that transaction and can
/// run again. True when the store had no tables.
pub fn create_tables(conn: &Conn) -> anyhow::Result<bool> {
    let fresh = version(conn)? == 0
        && conn
            .query_row(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?1",
                db::params![format!("{PREFIX}schema")],
                |r| r.get::<i64>(0),
            )?
            == 0;
    conn.query_row(
        "SELECT GET_LOCK('netflowmanager_schema', 60)",
        db::params![],
        |r| r.get::<Option<i64>>(0),
    )?;
    let made = conn.batch(SCHEMA);
    let _ = conn.query_row(
        "SELECT RELEASE_LOCK('netflowmanager_schema')",
        db::params![],
        |r| r.get::<Option<i64>>(0),
    );
    made?;
    Ok(fresh)
}

/// Records the schema version, in the activation's transaction.
pub fn record_version(conn: &Conn, version: i64) -> anyhow::Result<()> {
    if conn.execute("UPDATE schema SET version = ?1", db::params![version])? == 0 {
        conn.execute(
            "INSERT INTO schema (version) VALUES (?1)",
            db::params![version],
        )?;
    }
    Ok(())
}

/// The tables at schema version 3, in MySQL's words. Text that is a key is
/// bounded; everything else is as SQLite keeps it. Later versions add their
/// migrations here.
const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS schema (version BIGINT NOT NULL)
    ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS lock (id INT PRIMARY KEY)
    ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
INSERT IGNORE INTO lock (id) VALUES (1);
CREATE TABLE IF NOT EXISTS settings (
    key   VARCHAR(191) PRIMARY KEY,
    value TEXT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS state (
    key   VARCHAR(191) PRIMARY KEY,
    value TEXT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS roles (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    group_name VARCHAR(191) NOT NULL UNIQUE,
    added_at   VARCHAR(64) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS audit (
    id      BIGINT AUTO_INCREMENT PRIMARY KEY,
    at      VARCHAR(64) NOT NULL,
    actor   TEXT NOT NULL,
    action  VARCHAR(191) NOT NULL,
    subject TEXT NOT NULL,
    detail  MEDIUMTEXT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS access (
    service_id  BIGINT PRIMARY KEY CHECK (service_id > 0),
    client_id   BIGINT CHECK (client_id IS NULL OR client_id > 0),
    username    TEXT NOT NULL,
    password    BLOB,
    url         TEXT NOT NULL,
    grp         TEXT NOT NULL,
    ip_address  TEXT NOT NULL,
    notes       TEXT NOT NULL,
    enabled     TINYINT NOT NULL CHECK (enabled IN (0, 1)),
    disabled_by VARCHAR(8) CHECK (disabled_by IS NULL OR disabled_by IN ('admin', 'whmcs')),
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS subscription (
    id           INT PRIMARY KEY CHECK (id = 1),
    tier         VARCHAR(64) NOT NULL,
    fee_minor    BIGINT NOT NULL,
    currency     VARCHAR(8) NOT NULL,
    customers    BIGINT NOT NULL,
    period_start VARCHAR(16) NOT NULL,
    updated_at   VARCHAR(64) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS addon_event (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    at             VARCHAR(64) NOT NULL,
    kind           VARCHAR(64) NOT NULL,
    data           TEXT NOT NULL,
    billing_effect TEXT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE IF NOT EXISTS nfa_group (
    name       VARCHAR(191) PRIMARY KEY,
    created_at VARCHAR(64) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_user_host_port_and_database() {
        let t = Target::parse("mysql://whmcs@db.example:3307/whmcs").unwrap();
        assert_eq!(
            t,
            Target {
                user: "whmcs".into(),
                host: "db.example".into(),
                port: 3307,
                database: "whmcs".into()
            }
        );
        assert_eq!(t.to_string(), "mysql://whmcs@db.example:3307/whmcs");
        assert_eq!(
            Target::parse("mysql://u@[::1]/d").unwrap().to_string(),
            "mysql://u@[::1]:3306/d"
        );
    }

    #[test]
    fn a_password_in_the_url_is_refused_without_echo() {
        let e = Target::parse("mysql://u:hunter2@h/d").unwrap_err();
        assert!(!e.to_string().contains("hunter2"), "{e}");
        for bad in [
            "mysql://h/d",
            "mysql://u@h/",
            "postgres://u@h/d",
            "mysql://u@h/d?x=1",
        ] {
            assert!(Target::parse(bad).is_err(), "{bad}");
        }
    }
}
