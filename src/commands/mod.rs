//! Command handlers: each submodule glues one command group's domain logic to
//! the store and the output. `Ctx` carries what every command needs.

pub mod access;
pub mod addon;
pub mod audit;
pub mod backup;
pub mod client_area;
pub mod doctor;
pub mod email;
pub mod formats;
pub mod import;
pub mod key;
pub mod licence;
pub mod module;
pub mod nfa;
pub mod roles;
pub mod settings;
pub mod store_copy;
pub mod whmcs;

use std::cell::OnceCell;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::cli::{Cli, Command, Global};
use crate::clock::Clock;
use crate::config::{self, Config};
use crate::crypto::{Cipher, Key};
use crate::error::{Exit, fail};
use crate::files;
use crate::identity::{self, Identity};
use crate::output::Out;
use crate::store::db::{Conn, TxState};
use crate::store::{self, Store, state};

/// What every command needs: output, clock, config, paths, the acting user.
pub struct Ctx {
    pub out: Out,
    pub clock: Clock,
    pub config: Config,
    pub config_file: Option<PathBuf>,
    /// Where the store is and how to reach it.
    pub store: store::Access,
    pub yes: bool,
    /// Prompts are allowed: stdin is a terminal and --no-input was not given.
    pub interactive: bool,
    /// The acting user, looked up (NSS) only by the commands that need it.
    me: OnceCell<Identity>,
}

impl Ctx {
    pub fn new(global: &Global) -> anyhow::Result<Ctx> {
        let loaded = config::load(global.config.as_deref())?;
        let location = config::store_location(global.db.as_deref(), &loaded.config)?;
        let store = store::Access::of(location, &loaded.config)?;
        Ok(Ctx {
            out: Out::new(global.format, global.quiet, global.color),
            clock: Clock::from_env()?,
            config: loaded.config,
            config_file: loaded.file,
            store,
            yes: global.yes,
            interactive: !global.no_input && std::io::stdin().is_terminal(),
            me: OnceCell::new(),
        })
    }

    /// Opens the existing store, refusing users outside the allowed groups.
    pub fn open(&self) -> anyhow::Result<Store> {
        let store = Store::open(&self.store)?;
        self.check_role(store.conn())?;
        Ok(store)
    }

    /// Opens the store for a command that changes records: the module must be active.
    pub fn open_for_change(&self) -> anyhow::Result<Store> {
        let store = self.open()?;
        if !state::module_active(store.conn())? {
            return Err(fail(
                Exit::Config,
                "module is deactivated; run: netflow-manager activate",
            ));
        }
        Ok(store)
    }

    pub fn check_role(&self, conn: &Conn) -> anyhow::Result<()> {
        let groups = store::roles::list(conn)?;
        // Everyone may use the tool when no group is listed: no user lookup needed.
        if groups.is_empty() || self.me().allowed(&groups) {
            return Ok(());
        }
        Err(fail(
            Exit::NoPerm,
            format!(
                "user {} is not in a group allowed to use netflow-manager (allowed: {}); ask an administrator to add you to one",
                self.me().name,
                groups.join(", ")
            ),
        ))
    }

    pub fn me(&self) -> &Identity {
        self.me.get_or_init(Identity::current)
    }

    /// The store's file, when it is a SQLite file.
    pub fn store_file(&self) -> Option<&Path> {
        self.store.location.file()
    }

    pub fn key_path(&self) -> anyhow::Result<PathBuf> {
        config::key_path(&self.store.location, &self.config)
    }

    /// Where the key comes from, for messages.
    pub fn key_source(&self) -> String {
        match self.key_path() {
            _ if std::env::var_os(config::KEY_VAR).is_some() => config::KEY_VAR.to_owned(),
            Ok(path) => format!("key file {}", path.display()),
            Err(_) => "no key file".to_owned(),
        }
    }

    /// The key from `NETFLOW_MANAGER_KEY` or the key file, without checking it
    /// against the store. `Ok(None)` when there is no key file.
    pub fn read_key(&self, conn: &Conn) -> anyhow::Result<Option<Key>> {
        if let Ok(text) = std::env::var(config::KEY_VAR) {
            return Key::from_base64(&text).map(Some);
        }
        let path = self.key_path()?;
        if !path.exists() {
            return Ok(None);
        }
        Key::load(&path, &role_gids(conn)?).map(Some)
    }

    /// The store's key, checked against the fingerprint the store recorded. A key
    /// rotation that committed but did not yet move its new key into place is
    /// finished here (`settle_key`).
    pub fn key(&self, conn: &Conn) -> anyhow::Result<Key> {
        let mut settled = false;
        loop {
            let key = self.read_key(conn)?;
            let recorded = state::get(conn, state::KEY_FINGERPRINT)?;
            if let (Some(k), Some(fp)) = (&key, &recorded)
                && k.fingerprint() == *fp
            {
                return Ok(k.clone());
            }
            if recorded.is_some() && !settled && self.settle_key(conn)? {
                self.out
                    .warn("finished an interrupted key rotation: the new key is now in place");
                settled = true;
                continue;
            }
            return Err(match (key, recorded) {
                (None, _) => fail(
                    Exit::Config,
                    format!(
                        "key file {} is missing; restore it from a backup, or set NETFLOW_MANAGER_KEY",
                        self.key_path()?.display()
                    ),
                ),
                (Some(key), Some(fp)) => fail(
                    Exit::Config,
                    format!(
                        "wrong key: the store's passwords were encrypted with key {fp}, but {} is key {}; point store.key_file or NETFLOW_MANAGER_KEY at the right key",
                        self.key_source(),
                        key.fingerprint()
                    ),
                ),
                (Some(_), None) => fail(
                    Exit::Config,
                    "the store has no key yet; run: netflow-manager activate",
                ),
            });
        }
    }

    /// Finishes what key rotations left beside the key file, under the store's
    /// write lock so that no rotation runs meanwhile: the pending key whose
    /// fingerprint the store has committed replaces the key file; pending keys
    /// of rotations that never committed, and temporary files of killed
    /// commands, are removed. True when a key was moved.
    pub fn settle_key(&self, conn: &Conn) -> anyhow::Result<bool> {
        if std::env::var_os(config::KEY_VAR).is_some() {
            return Ok(false);
        }
        let key_path = self.key_path()?;
        files::sweep(&key_path, "tmp");
        if pending_keys(&key_path).is_empty() {
            return Ok(false);
        }
        let state = conn.tx_state()?;
        if state == TxState::Read {
            // A read transaction cannot take the write lock: settle through a
            // connection of its own (the reader's snapshot keeps its key check).
            let other = Store::open(&self.store)?;
            return self.settle_key(other.conn());
        }
        let locked_here = state != TxState::Write;
        if locked_here {
            conn.begin(TxState::Write).map_err(store::busy)?;
        }
        let settled = (|| -> anyhow::Result<bool> {
            let Some(committed) = state::get(conn, state::KEY_FINGERPRINT)? else {
                return Ok(false);
            };
            let gids = role_gids(conn)?;
            let in_place = Key::load(&key_path, &gids)
                .ok()
                .filter(|k| k.fingerprint() == committed)
                .is_some();
            let mut moved = false;
            for pending in pending_keys(&key_path) {
                match Key::load(&pending, &gids) {
                    Ok(k) if k.fingerprint() == committed && !in_place && !moved => {
                        move_key(&pending, &key_path)?;
                        moved = true;
                    }
                    // A key no committed store state names: a rotation that died.
                    Ok(_) => {
                        let _ = std::fs::remove_file(&pending);
                    }
                    Err(_) => {}
                }
            }
            Ok(moved)
        })();
        if locked_here {
            conn.end(settled.is_ok()).map_err(store::busy)?;
        }
        settled
    }

    pub fn cipher(&self, conn: &Conn) -> anyhow::Result<Cipher> {
        Cipher::new(&self.key(conn)?)
    }

    /// Records a change in the audit log, in the caller's transaction.
    pub fn audit(
        &self,
        conn: &Conn,
        action: &str,
        subject: &str,
        detail: &str,
    ) -> anyhow::Result<()> {
        store::audit::record(
            conn,
            &self.clock.stamp(),
            &self.me().actor(),
            action,
            subject,
            detail,
        )
    }
}

/// The gids of the allowed groups that exist: a key file may be readable by these.
fn role_gids(conn: &Conn) -> anyhow::Result<Vec<u32>> {
    Ok(store::roles::list(conn)?
        .iter()
        .filter_map(|g| identity::group_gid(g))
        .collect())
}

/// Where a rotation keeps its new key until the store has committed to it:
/// `<key>.<fingerprint>.new`, a name no other rotation uses.
pub fn pending_key_path(key: &Path, fingerprint: &str) -> PathBuf {
    store::sidecar(key, &format!(".{}.new", fingerprint.replace(':', "")))
}

/// The pending keys beside `key` (and `<key>.new`, the name earlier versions used).
fn pending_keys(key: &Path) -> Vec<PathBuf> {
    let Some(name) = key.file_name().and_then(|n| n.to_str()) else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(files::parent(key)) else {
        return Vec::new();
    };
    entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_prefix(name))
                .and_then(|n| n.strip_suffix(".new"))
                .is_some_and(|mid| {
                    mid.is_empty()
                        || mid.strip_prefix('.').is_some_and(|fp| {
                            fp.len() == 16 && fp.bytes().all(|b| b.is_ascii_hexdigit())
                        })
                })
        })
        .collect()
}

/// Moves a pending key over the key file, durably.
fn move_key(pending: &Path, key: &Path) -> anyhow::Result<()> {
    std::fs::rename(pending, key)
        .and_then(|()| files::sync_dir(key))
        .map_err(|e| {
            fail(
                Exit::CantCreate,
                format!(
                    "cannot move the new key {} to {}: {e}; move it by hand before anything else",
                    pending.display(),
                    key.display()
                ),
            )
        })
}

/// Runs the parsed command line.
pub fn run(mut cli: Cli) -> anyhow::Result<()> {
    cli.global.format = Some(formats::check(&cli.command, cli.global.format)?);
    // Generating completions and man pages needs no config or store.
    match &cli.command {
        Command::Completions(args) => return crate::generate::completions(args.shell),
        Command::Man(args) => return crate::generate::man_pages(&args.dir),
        _ => {}
    }
    let ctx = Ctx::new(&cli.global)?;
    let done = match cli.command {
        Command::Activate => module::activate(&ctx),
        Command::Deactivate => module::deactivate(&ctx),
        Command::Status => module::status(&ctx),
        Command::Settings(cmd) => settings::run(&ctx, cmd),
        Command::Roles(cmd) => roles::run(&ctx, cmd),
        Command::Access(cmd) => access::run(&ctx, cmd),
        Command::Audit(cmd) => audit::run(&ctx, cmd),
        Command::Backup(args) => backup::run(&ctx, &args.path),
        Command::Whmcs(cmd) => whmcs::run(&ctx, cmd),
        Command::Nfa(cmd) => nfa::run(&ctx, cmd),
        Command::Key(cmd) => key::run(&ctx, cmd),
        Command::Store(cmd) => store_copy::run(&ctx, cmd),
        Command::Email(cmd) => email::run(&ctx, cmd),
        Command::ClientArea(args) => client_area::run(&ctx, &args),
        Command::Doctor(args) => doctor::run(&ctx, &args),
        Command::Trial(cmd) => addon::trial(&ctx, cmd),
        Command::Addon(cmd) => addon::addon(&ctx, cmd),
        Command::Subscription(cmd) => addon::subscription(&ctx, cmd),
        Command::Billing(cmd) => addon::billing(&ctx, cmd),
        Command::Licence(cmd) => licence::run(&ctx, cmd),
        Command::Completions(_) | Command::Man(_) => Ok(()),
    };
    done.and_then(|()| ctx.out.finish())
}
