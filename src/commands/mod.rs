//! Command handlers: each submodule glues one command group's domain logic to
//! the store and the output. `Ctx` carries what every command needs.

pub mod access;
pub mod addon;
pub mod audit;
pub mod backup;
pub mod client_area;
pub mod doctor;
pub mod email;
pub mod import;
pub mod key;
pub mod licence;
pub mod module;
pub mod roles;
pub mod settings;

use std::cell::OnceCell;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::cli::{Cli, Command, Global};
use crate::clock::Clock;
use crate::config::{self, Config};
use crate::crypto::{Cipher, Key};
use crate::error::{Exit, fail};
use crate::identity::{self, Identity};
use crate::output::Out;
use crate::store::{self, Store, state};

/// What every command needs: output, clock, config, paths, the acting user.
pub struct Ctx {
    pub out: Out,
    pub clock: Clock,
    pub config: Config,
    pub config_file: Option<PathBuf>,
    pub store_path: PathBuf,
    pub yes: bool,
    /// Prompts are allowed: stdin is a terminal and --no-input was not given.
    pub interactive: bool,
    /// The acting user, looked up (NSS) only by the commands that need it.
    me: OnceCell<Identity>,
}

impl Ctx {
    pub fn new(global: &Global) -> anyhow::Result<Ctx> {
        let loaded = config::load(global.config.as_deref())?;
        let store_path = config::store_path(global.db.as_deref(), &loaded.config)?;
        Ok(Ctx {
            out: Out::new(global.format, global.quiet, global.color),
            clock: Clock::from_env()?,
            config: loaded.config,
            config_file: loaded.file,
            store_path,
            yes: global.yes,
            interactive: !global.no_input && std::io::stdin().is_terminal(),
            me: OnceCell::new(),
        })
    }

    /// Opens the existing store, refusing users outside the allowed groups.
    pub fn open(&self) -> anyhow::Result<Store> {
        let store = Store::open(&self.store_path, self.config.store.busy_timeout_ms)?;
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

    pub fn check_role(&self, conn: &Connection) -> anyhow::Result<()> {
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

    pub fn key_path(&self) -> PathBuf {
        config::key_path(&self.store_path, &self.config)
    }

    /// Where the key comes from, for messages.
    pub fn key_source(&self) -> String {
        if std::env::var_os(config::KEY_VAR).is_some() {
            config::KEY_VAR.to_owned()
        } else {
            format!("key file {}", self.key_path().display())
        }
    }

    /// The key from `NETFLOW_MANAGER_KEY` or the key file, without checking it
    /// against the store. `Ok(None)` when there is no key file.
    pub fn read_key(&self, conn: &Connection) -> anyhow::Result<Option<Key>> {
        if let Ok(text) = std::env::var(config::KEY_VAR) {
            return Key::from_base64(&text).map(Some);
        }
        let path = self.key_path();
        if !path.exists() {
            return Ok(None);
        }
        Key::load(&path, &role_gids(conn)?).map(Some)
    }

    /// The store's key, checked against the fingerprint the store recorded.
    pub fn key(&self, conn: &Connection) -> anyhow::Result<Key> {
        let key = self.read_key(conn)?.ok_or_else(|| {
            fail(
                Exit::Config,
                format!(
                    "key file {} is missing; restore it from a backup, or set NETFLOW_MANAGER_KEY",
                    self.key_path().display()
                ),
            )
        })?;
        match state::get(conn, state::KEY_FINGERPRINT)? {
            Some(fp) if fp == key.fingerprint() => Ok(key),
            Some(fp) if self.resume_rotation(conn, &fp)? => self.key(conn),
            Some(fp) => Err(fail(
                Exit::Config,
                format!(
                    "wrong key: the store's passwords were encrypted with key {fp}, but {} is key {}; point store.key_file or NETFLOW_MANAGER_KEY at the right key",
                    self.key_source(),
                    key.fingerprint()
                ),
            )),
            None => Err(fail(
                Exit::Config,
                "the store has no key yet; run: netflow-manager activate",
            )),
        }
    }

    /// A rotation that was killed after its commit left the new key in
    /// `<key>.new`: if that is the store's key, finish the swap.
    fn resume_rotation(&self, conn: &Connection, fingerprint: &str) -> anyhow::Result<bool> {
        let key_path = self.key_path();
        let pending = pending_key_path(&key_path);
        if std::env::var_os(config::KEY_VAR).is_some() || !pending.exists() {
            return Ok(false);
        }
        if Key::load(&pending, &role_gids(conn)?)?.fingerprint() != fingerprint {
            return Ok(false);
        }
        finish_rotation(&pending, &key_path)?;
        self.out
            .warn("finished an interrupted key rotation: the new key is now in place");
        Ok(true)
    }

    pub fn cipher(&self, conn: &Connection) -> anyhow::Result<Cipher> {
        Cipher::new(&self.key(conn)?)
    }

    /// Records a change in the audit log, in the caller's transaction.
    pub fn audit(
        &self,
        conn: &Connection,
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
fn role_gids(conn: &Connection) -> anyhow::Result<Vec<u32>> {
    Ok(store::roles::list(conn)?
        .iter()
        .filter_map(|g| identity::group_gid(g))
        .collect())
}

/// Where a rotation keeps the new key until the store has switched to it.
pub fn pending_key_path(key: &Path) -> PathBuf {
    store::sidecar(key, ".new")
}

/// Moves the new key over the old one, durably. Another process finishing the
/// same swap first is fine.
pub fn finish_rotation(pending: &Path, key: &Path) -> anyhow::Result<()> {
    match std::fs::rename(pending, key) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && key.exists() => return Ok(()),
        Err(e) => {
            return Err(fail(
                Exit::CantCreate,
                format!(
                    "cannot move the new key {} to {}: {e}; move it by hand before anything else",
                    pending.display(),
                    key.display()
                ),
            ));
        }
    }
    if let Some(dir) = key.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| {
                fail(
                    Exit::CantCreate,
                    format!("cannot sync {}: {e}", dir.display()),
                )
            })?;
    }
    Ok(())
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    // Generating completions and man pages needs no config or store.
    match &cli.command {
        Command::Completions(args) => return crate::generate::completions(args.shell),
        Command::Man(args) => return crate::generate::man_pages(&args.dir),
        _ => {}
    }
    let ctx = Ctx::new(&cli.global)?;
    match cli.command {
        Command::Activate => module::activate(&ctx),
        Command::Deactivate => module::deactivate(&ctx),
        Command::Status => module::status(&ctx),
        Command::Settings(cmd) => settings::run(&ctx, cmd),
        Command::Roles(cmd) => roles::run(&ctx, cmd),
        Command::Access(cmd) => access::run(&ctx, cmd),
        Command::Audit(cmd) => audit::run(&ctx, cmd),
        Command::Backup(args) => backup::run(&ctx, &args.path),
        Command::Key(cmd) => key::run(&ctx, cmd),
        Command::Email(cmd) => email::run(&ctx, cmd),
        Command::ClientArea(args) => client_area::run(&ctx, &args),
        Command::Doctor(args) => doctor::run(&ctx, &args),
        Command::Trial(cmd) => addon::trial(&ctx, cmd),
        Command::Addon(cmd) => addon::addon(&ctx, cmd),
        Command::Subscription(cmd) => addon::subscription(&ctx, cmd),
        Command::Billing(cmd) => addon::billing(&ctx, cmd),
        Command::Licence(cmd) => licence::run(&ctx, cmd),
        Command::Completions(_) | Command::Man(_) => Ok(()),
    }
}
