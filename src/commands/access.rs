//! `access add|edit|list|show|enable|disable|remove|export`: access records,
//! with passwords encrypted on the way in and revealed only on request (audited).

use std::borrow::Cow;
use std::io::BufRead;
use std::rc::Rc;

use crate::store::db::Conn;
use anyhow::Context;
use serde::Serialize;

use super::Ctx;
use crate::cli::{AccessCmd, Format, ListArgs, RecordFields, Services};
use crate::clock::stamp_unix;
use crate::crypto::{Cipher, random_bytes};
use crate::error::{Exit, fail, silent};
use crate::escape::escaped;
use crate::output::{self, Tabular};
use crate::records::{self, service_arg};
use crate::settings as defs;
use crate::store::access::{self as table, Filter, NewRow, Row};
use crate::whmcs::rules::{DisabledBy, State};

pub fn run(ctx: &Ctx, cmd: AccessCmd) -> anyhow::Result<()> {
    match cmd {
        AccessCmd::Add {
            service,
            fields,
            if_not_exists,
        } => add(ctx, &service, fields, if_not_exists),
        AccessCmd::Edit {
            service,
            fields,
            clear_password,
        } => edit(ctx, &service, fields, clear_password),
        AccessCmd::List { filter, fields } => list(ctx, &filter, fields.fields.as_deref()),
        AccessCmd::Show {
            service,
            reveal_password,
            fields,
        } => show(ctx, &service, reveal_password, fields.fields.as_deref()),
        AccessCmd::Exists { service } => exists_cmd(ctx, &service),
        AccessCmd::Enable(s) => set_enabled(ctx, &s, true),
        AccessCmd::Disable(s) => set_enabled(ctx, &s, false),
        AccessCmd::Remove(s) => remove(ctx, &s),
        AccessCmd::Import(args) => super::import::run(ctx, &args),
        AccessCmd::Export {
            include_passwords,
            fields,
        } => export(ctx, include_passwords, fields.fields.as_deref()),
    }
}

/// A record as people and scripts see it (never the password, unless revealed).
#[derive(Serialize)]
pub struct Record {
    pub service_id: i64,
    pub client_id: Option<i64>,
    pub username: String,
    pub url: String,
    pub effective_url: Rc<str>,
    pub group: String,
    pub ip_address: String,
    pub notes: String,
    pub enabled: bool,
    /// Who disabled the record (`admin` or `whmcs`); null while enabled.
    pub disabled_by: Option<&'static str>,
    pub has_password: bool,
    pub created_at: Rc<str>,
    pub updated_at: Rc<str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}

impl Record {
    /// The record as shown; `default_url` is shared by every record without
    /// a URL of its own (a million-row listing makes no copy of it).
    pub fn new(row: Row, default_url: &Rc<str>) -> Record {
        Record {
            effective_url: effective_url(&row.url, default_url),
            service_id: row.service_id,
            client_id: row.client_id,
            username: row.username,
            url: row.url,
            group: row.group,
            ip_address: row.ip_address,
            notes: row.notes,
            enabled: row.enabled,
            disabled_by: row.disabled_by.map(DisabledBy::as_str),
            has_password: row.password.is_some(),
            created_at: stamp_unix(row.created_at),
            updated_at: stamp_unix(row.updated_at),
            password: None,
        }
    }
}

/// "yes", or "no" with who disabled it: "no (whmcs)".
fn enabled_cell(enabled: bool, by: Option<&str>) -> String {
    match by {
        _ if enabled => "yes".to_owned(),
        Some(by) => format!("no ({by})"),
        None => "no".to_owned(),
    }
}

/// The URL a record's login goes to: its own, else the shared default.
fn effective_url(url: &str, default_url: &Rc<str>) -> Rc<str> {
    if url.is_empty() {
        Rc::clone(default_url)
    } else {
        Rc::from(url)
    }
}

fn opt_id(id: Option<i64>) -> String {
    id.map(|n| n.to_string()).unwrap_or_default()
}

impl Tabular for Record {
    fn columns() -> &'static [&'static str] {
        &[
            "service_id",
            "client_id",
            "username",
            "effective_url",
            "group",
            "ip_address",
            "enabled",
            "updated_at",
        ]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.service_id.to_string(),
            opt_id(self.client_id),
            self.username.clone(),
            self.effective_url.to_string(),
            self.group.clone(),
            self.ip_address.clone(),
            enabled_cell(self.enabled, self.disabled_by),
            self.updated_at.to_string(),
        ]
    }
    fn csv_columns() -> &'static [&'static str] {
        &[
            "service_id",
            "client_id",
            "username",
            "url",
            "effective_url",
            "group",
            "ip_address",
            "notes",
            "enabled",
            "disabled_by",
            "has_password",
            "created_at",
            "updated_at",
        ]
    }
    fn fields() -> &'static [&'static str] {
        &[
            "service_id",
            "client_id",
            "username",
            "password",
            "url",
            "effective_url",
            "group",
            "ip_address",
            "notes",
            "enabled",
            "disabled_by",
            "has_password",
            "created_at",
            "updated_at",
        ]
    }
    fn write_csv<W: std::io::Write>(&self, w: &mut csv::Writer<W>) -> csv::Result<()> {
        // Listings of a million records come through here: no allocation.
        let mut service = itoa::Buffer::new();
        let mut client = itoa::Buffer::new();
        let bool_text = |b: bool| if b { "true" } else { "false" };
        w.write_record([
            service.format(self.service_id),
            self.client_id.map_or("", |c| client.format(c)),
            &self.username,
            &self.url,
            &self.effective_url,
            &self.group,
            &self.ip_address,
            &self.notes,
            bool_text(self.enabled),
            self.disabled_by.unwrap_or_default(),
            bool_text(self.has_password),
            &self.created_at,
            &self.updated_at,
        ])
    }
    fn csv_cells(&self) -> Vec<String> {
        vec![
            self.service_id.to_string(),
            opt_id(self.client_id),
            self.username.clone(),
            self.url.clone(),
            self.effective_url.to_string(),
            self.group.clone(),
            self.ip_address.clone(),
            self.notes.clone(),
            self.enabled.to_string(),
            self.disabled_by.unwrap_or_default().to_owned(),
            self.has_password.to_string(),
            self.created_at.to_string(),
            self.updated_at.to_string(),
        ]
    }
}

/// The record with this service ID, or exit 66 saying how to add one.
pub fn require(conn: &Conn, service_id: i64) -> anyhow::Result<Row> {
    table::get(conn, service_id)?.ok_or_else(|| {
        fail(
            Exit::NoInput,
            format!(
                "no access record for service {service_id} (netflow-manager access list shows the records)"
            ),
        )
    })
}

pub fn default_url(conn: &Conn) -> anyhow::Result<String> {
    super::settings::current(conn, defs::def(defs::DEFAULT_URL)?)
}

/// Validates one flag's value; a bad value is exit 65 naming the flag.
fn flag<'a, T>(
    name: &str,
    value: Option<&'a String>,
    check: impl Fn(&'a str) -> Result<T, String>,
) -> anyhow::Result<Option<T>> {
    value
        .map(|v| check(v).map_err(|why| fail(Exit::DataErr, format!("--{name} {why}"))))
        .transpose()
}

/// The record fields given as flags, validated (the password is read separately).
fn given_fields(f: &RecordFields) -> anyhow::Result<records::Fields<'_>> {
    Ok(records::Fields {
        client_id: flag("client", f.client.as_ref(), |v| {
            if v.trim().is_empty() {
                Ok(None)
            } else {
                records::id(v).map(Some)
            }
        })?,
        username: flag("username", f.username.as_ref(), records::username)?,
        password: None,
        url: flag("url", f.url.as_ref(), records::url)?,
        group: flag("group", f.group.as_ref(), records::group)?,
        ip_address: flag("ip", f.ip.as_ref(), records::ip_address)?,
        notes: flag("notes", f.notes.as_ref(), records::notes)?,
        enabled: if f.disabled {
            Some(false)
        } else if f.enabled {
            Some(true)
        } else {
            None
        },
        // An admin disabling a record takes the decision over from WHMCS.
        disabled_by: f.disabled.then_some(Some(DisabledBy::Admin)),
        created_at: None,
        updated_at: None,
    })
}

/// The new password from `--password-stdin`, `--generate-password`, or a hidden
/// prompt when `prompt` is set and a terminal is attached; `None` leaves it as is.
fn new_password(
    ctx: &Ctx,
    f: &RecordFields,
    prompt: bool,
) -> anyhow::Result<Option<(String, bool)>> {
    if f.password_stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        let pw = line.trim_end_matches(['\n', '\r']);
        if pw.is_empty() {
            return Err(fail(
                Exit::DataErr,
                "--password-stdin read an empty password; write it to stdin, e.g. printf '%s\\n' \"$PW\" | netflow-manager access …",
            ));
        }
        let pw = records::password(pw)
            .map_err(|why| fail(Exit::DataErr, format!("the password {why}")))?;
        return Ok(Some((pw.into_owned(), false)));
    }
    if f.generate_password {
        return Ok(Some((generate_password()?, true)));
    }
    if prompt && ctx.interactive {
        let pw = dialoguer::Password::new()
            .with_prompt("NetFlow password (empty: none)")
            .allow_empty_password(true)
            .with_confirmation("Repeat the password", "the passwords do not match")
            .interact()
            .map_err(|e| fail(Exit::Usage, format!("no password read: {e}")))?;
        if pw.is_empty() {
            return Ok(None);
        }
        records::password(&pw).map_err(|why| fail(Exit::DataErr, format!("the password {why}")))?;
        return Ok(Some((pw, false)));
    }
    Ok(None)
}

/// 20 characters from an alphabet without look-alikes, uniformly drawn.
fn generate_password() -> anyhow::Result<String> {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let limit = 256 - 256 % ALPHABET.len();
    let mut out = String::with_capacity(20);
    let mut buf = [0u8; 64];
    while out.len() < 20 {
        random_bytes(&mut buf)?;
        for &b in &buf {
            if (b as usize) < limit && out.len() < 20 {
                out.push(ALPHABET[b as usize % ALPHABET.len()] as char);
            }
        }
    }
    Ok(out)
}

fn show_generated(ctx: &Ctx, password: &str) -> anyhow::Result<()> {
    if ctx.out.quiet {
        ctx.out.line(password)
    } else {
        ctx.out
            .line(&format!("generated password (shown once): {password}"))
    }
}

fn prompt_text(label: &str, initial: &str) -> anyhow::Result<String> {
    dialoguer::Input::<String>::new()
        .with_prompt(label)
        .with_initial_text(initial)
        .allow_empty(true)
        .interact_text()
        .map_err(|e| fail(Exit::Usage, format!("no answer read: {e}")))
}

fn add(ctx: &Ctx, service: &str, f: RecordFields, if_not_exists: bool) -> anyhow::Result<()> {
    let id = service_arg(service)?;
    let mut fields = given_fields(&f)?;
    let mut store = ctx.open_for_change()?;
    if let Some(row) = table::get(store.conn(), id)? {
        if !if_not_exists {
            return Err(exists(id));
        }
        ctx.out.say(&format!(
            "service {id} already has an access record; nothing changed"
        ))?;
        return print_record(ctx, &store, row, None);
    }
    if fields.username.is_none() {
        if !ctx.interactive {
            return Err(fail(
                Exit::Usage,
                "--username is required (no terminal to ask on)",
            ));
        }
        let u = prompt_text("NetFlow username", "")?;
        fields.username = Some(Cow::Owned(
            records::username(&u)
                .map_err(|why| fail(Exit::DataErr, format!("the username {why}")))?
                .into_owned(),
        ));
    }
    let password = new_password(ctx, &f, true)?;
    let now = ctx.clock.unix();
    let username = fields.username.as_deref().unwrap_or_default().to_owned();
    store.write(|tx| {
        let sealed = match &password {
            Some((pw, _)) => Some(ctx.cipher(tx)?.seal(id, pw)?),
            None => None,
        };
        let row = new_row(id, &fields, sealed.as_deref(), now);
        if !table::insert(tx, &row)? {
            return Err(exists(id));
        }
        let detail = format!(
            "username {username}{}{}",
            if row.password.is_some() {
                ", password set"
            } else {
                ", no password"
            },
            if row.enabled { "" } else { ", disabled" }
        );
        ctx.audit(tx, "access.add", &format!("service {id}"), &detail)
    })?;
    ctx.out.say(&format!(
        "added access record for service {id} (username {username})"
    ))?;
    finish_change(ctx, &store, id, password.as_ref())
}

/// After a change to one record: with `--format json` the record as `access
/// show` prints it (and a generated password); otherwise the generated
/// password, the only time it is shown.
fn finish_change(
    ctx: &Ctx,
    store: &crate::store::Store,
    id: i64,
    password: Option<&(String, bool)>,
) -> anyhow::Result<()> {
    let generated = password
        .filter(|(_, generated)| *generated)
        .map(|(pw, _)| pw);
    if ctx.out.format_or(Format::Table) == Format::Json {
        return print_record(ctx, store, require(store.conn(), id)?, generated.cloned());
    }
    match generated {
        Some(pw) => show_generated(ctx, pw),
        None => Ok(()),
    }
}

/// A record as `access show --format json` prints it, in the asked format.
fn print_record(
    ctx: &Ctx,
    store: &crate::store::Store,
    row: Row,
    password: Option<String>,
) -> anyhow::Result<()> {
    if ctx.out.format_or(Format::Table) != Format::Json {
        return Ok(());
    }
    let mut record = Record::new(row, &default_url(store.conn())?.into());
    record.password = password;
    ctx.out.json(&record)
}

fn exists(id: i64) -> anyhow::Error {
    fail(
        Exit::DataErr,
        format!(
            "service {id} already has an access record; change it with: netflow-manager access edit {id}"
        ),
    )
}

fn edit(ctx: &Ctx, service: &str, f: RecordFields, clear_password: bool) -> anyhow::Result<()> {
    let id = service_arg(service)?;
    let mut fields = given_fields(&f)?;
    let mut store = ctx.open_for_change()?;
    let current = require(store.conn(), id)?;
    let no_flags = fields == records::Fields::default()
        && !clear_password
        && !f.password_stdin
        && !f.generate_password;
    let mut password = new_password(ctx, &f, false)?;
    if no_flags {
        if !ctx.interactive {
            return Err(fail(
                Exit::Usage,
                "nothing to change: give a field flag such as --username or --password-stdin (see: netflow-manager access edit --help)",
            ));
        }
        fields = ask_fields(&current)?;
        if dialoguer::Confirm::new()
            .with_prompt("Change the password?")
            .default(false)
            .interact()
            .map_err(|e| fail(Exit::Usage, format!("no answer read: {e}")))?
        {
            password = new_password(ctx, &RecordFields::default(), true)?;
            if password.is_none() {
                fields.password = Some(None);
            }
        }
    }
    let now = ctx.clock.unix();
    let changed = store.write(|tx| {
        let mut row = require(tx, id)?;
        let before = row.clone();
        apply(&mut row, &fields);
        if clear_password {
            row.password = None;
        }
        let mut changes = changed_fields(&before, &row);
        if let Some((pw, _)) = &password {
            row.password = Some(ctx.cipher(tx)?.seal(id, pw)?);
            changes.push("password".to_owned());
        }
        if changes.is_empty() {
            return Ok(changes);
        }
        row.updated_at = now;
        table::update(tx, &row)?;
        ctx.audit(
            tx,
            "access.edit",
            &format!("service {id}"),
            &format!("changed {}", changes.join(", ")),
        )?;
        Ok(changes)
    })?;
    if changed.is_empty() {
        ctx.out.say(&format!("service {id}: nothing changed"))?;
    } else {
        ctx.out
            .say(&format!("service {id}: changed {}", changed.join(", ")))?;
    }
    finish_change(ctx, &store, id, password.as_ref())
}

/// Interactive edit: every field offered with its current value.
fn ask_fields(row: &Row) -> anyhow::Result<records::Fields<'static>> {
    let ask = |label: &str, current: &str, check: fn(&str) -> Result<Cow<'_, str>, String>| loop {
        // Text the terminal would act on is never put on the line to edit: it
        // is shown escaped, and an empty answer keeps it.
        let shown = escaped(current);
        let v = if shown == current {
            prompt_text(label, current)?
        } else {
            let v = prompt_text(&format!("{label} (now {shown}; Enter keeps it)"), "")?;
            if v.is_empty() {
                return Ok::<_, anyhow::Error>(Cow::Owned(current.to_owned()));
            }
            v
        };
        match check(&v) {
            Ok(v) => return Ok(Cow::Owned(v.into_owned())),
            Err(why) => eprintln!("{label} {why}"),
        }
    };
    let client = loop {
        let v = prompt_text("Client ID", &opt_id(row.client_id))?;
        if v.trim().is_empty() {
            break None;
        }
        match records::id(&v) {
            Ok(n) => break Some(n),
            Err(why) => eprintln!("Client ID {why}"),
        }
    };
    Ok(records::Fields {
        client_id: Some(client),
        username: Some(ask("Username", &row.username, records::username)?),
        url: Some(ask("URL (empty: default_url)", &row.url, records::url)?),
        group: Some(ask("Group", &row.group, records::group)?),
        ip_address: Some(ask("IP address", &row.ip_address, records::ip_address)?),
        notes: Some(ask("Notes", &row.notes, records::notes)?),
        enabled: Some(
            dialoguer::Confirm::new()
                .with_prompt("Enabled?")
                .default(row.enabled)
                .interact()
                .map_err(|e| fail(Exit::Usage, format!("no answer read: {e}")))?,
        ),
        ..records::Fields::default()
    })
}

/// Applies the given fields to a stored row (the password only when cleared;
/// sealing needs the key and the caller does it).
pub fn apply(row: &mut Row, f: &records::Fields<'_>) {
    if let Some(c) = f.client_id {
        row.client_id = c;
    }
    if let Some(u) = &f.username {
        row.username = u.to_string();
    }
    if let Some(None) = f.password {
        row.password = None;
    }
    if let Some(u) = &f.url {
        row.url = u.to_string();
    }
    if let Some(g) = &f.group {
        row.group = g.to_string();
    }
    if let Some(a) = &f.ip_address {
        row.ip_address = a.to_string();
    }
    if let Some(n) = &f.notes {
        row.notes = n.to_string();
    }
    if f.enabled.is_some() || f.disabled_by.is_some() {
        let enabled = f.enabled.unwrap_or(row.enabled);
        row.set_state(if enabled {
            State::ENABLED
        } else {
            // Who disabled it: as given, else as it was, else an admin (this change).
            State::disabled(
                f.disabled_by
                    .flatten()
                    .or(row.disabled_by)
                    .unwrap_or(DisabledBy::Admin),
            )
        });
    }
    if let Some(t) = f.created_at {
        row.created_at = t;
    }
}

/// A new record from validated fields: absent fields take their defaults.
pub fn new_row<'a>(
    service_id: i64,
    f: &'a records::Fields<'_>,
    password: Option<&'a [u8]>,
    now: i64,
) -> NewRow<'a> {
    NewRow {
        service_id,
        client_id: f.client_id.flatten(),
        username: f.username.as_deref().unwrap_or_default(),
        password,
        url: f.url.as_deref().unwrap_or_default(),
        group: f.group.as_deref().unwrap_or_default(),
        ip_address: f.ip_address.as_deref().unwrap_or_default(),
        notes: f.notes.as_deref().unwrap_or_default(),
        enabled: f.enabled.unwrap_or(true),
        disabled_by: (!f.enabled.unwrap_or(true))
            .then(|| f.disabled_by.flatten().unwrap_or(DisabledBy::Admin)),
        created_at: f.created_at.unwrap_or(now),
        updated_at: f.updated_at.unwrap_or(now),
    }
}

/// The names of the fields that differ, for messages and the audit log.
fn changed_fields(a: &Row, b: &Row) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |name: &str, differs: bool| {
        if differs {
            out.push(name.to_owned());
        }
    };
    check("client_id", a.client_id != b.client_id);
    check("username", a.username != b.username);
    check("password", a.password != b.password);
    check("url", a.url != b.url);
    check("group", a.group != b.group);
    check("ip_address", a.ip_address != b.ip_address);
    check("notes", a.notes != b.notes);
    check("enabled", a.enabled != b.enabled);
    check("disabled_by", a.disabled_by != b.disabled_by);
    out
}

fn list(ctx: &Ctx, args: &ListArgs, fields: Option<&[String]>) -> anyhow::Result<()> {
    let filter = Filter {
        client_id: flag("client", args.client.as_ref(), records::id)?,
        enabled: if args.enabled {
            Some(true)
        } else if args.disabled {
            Some(false)
        } else {
            None
        },
        username: args.username.clone(),
        search: args.search.clone(),
    };
    let store = ctx.open()?;
    let default: Rc<str> = default_url(store.conn())?.into();
    let mut stream = ctx.out.stream_fields::<Record>(Format::Table, fields)?;
    table::each(store.conn(), &filter, |row| {
        stream.push(&Record::new(row, &default))
    })?;
    stream.finish()
}

fn show(ctx: &Ctx, service: &str, reveal: bool, fields: Option<&[String]>) -> anyhow::Result<()> {
    let id = service_arg(service)?;
    let mut store = ctx.open()?;
    let row = require(store.conn(), id)?;
    let mut record = Record::new(row.clone(), &default_url(store.conn())?.into());
    if reveal {
        record.password = Some(match &row.password {
            Some(blob) => store.write(|tx| {
                let pw = ctx.cipher(tx)?.open(id, blob)?;
                ctx.audit(tx, "access.reveal_password", &format!("service {id}"), "")?;
                Ok(pw)
            })?,
            None => String::new(),
        });
    }
    let format = ctx.out.format_or(Format::Table);
    if format == Format::Csv {
        let mut stream = ctx.out.stream_fields::<Record>(Format::Csv, fields)?;
        stream.push(&record)?;
        return stream.finish();
    }
    if let Some(names) = fields {
        let picked = output::pick(&record, names)?;
        if format == Format::Json {
            return ctx.out.json(&picked);
        }
        let shown: Vec<(&str, String)> = picked
            .iter()
            .map(|(k, v)| (k.as_str(), escaped(&output::cell(Some(v))).into_owned()))
            .collect();
        return ctx.out.pairs(&shown);
    }
    if format == Format::Json {
        return ctx.out.json(&record);
    }
    let pairs = vec![
        ("service_id", record.service_id.to_string()),
        ("client_id", opt_id(record.client_id)),
        ("username", record.username.clone()),
        (
            "url",
            if record.url.is_empty() {
                format!("{} (default_url)", record.effective_url)
            } else {
                record.url.clone()
            },
        ),
        ("group", record.group.clone()),
        ("ip_address", record.ip_address.clone()),
        ("notes", record.notes.clone()),
        ("enabled", enabled_cell(record.enabled, record.disabled_by)),
        (
            "password",
            match (&record.password, record.has_password) {
                (Some(pw), true) => pw.clone(),
                (_, true) => "(stored; --reveal-password shows it)".to_owned(),
                (_, false) => "(none)".to_owned(),
            },
        ),
        ("created_at", record.created_at.to_string()),
        ("updated_at", record.updated_at.to_string()),
    ];
    let shown: Vec<(&str, String)> = pairs
        .into_iter()
        .map(|(k, v)| (k, escaped(&v).into_owned()))
        .collect();
    ctx.out.pairs(&shown)
}

/// `access exists`: exit 0 with a record, 1 without; prints nothing.
fn exists_cmd(ctx: &Ctx, service: &str) -> anyhow::Result<()> {
    let id = service_arg(service)?;
    let store = ctx.open()?;
    match table::get(store.conn(), id)? {
        Some(_) => Ok(()),
        None => Err(silent(Exit::No)),
    }
}

/// The service IDs of a bulk change: the arguments, or stdin's lines for `-`.
fn service_ids(ctx: &Ctx, s: &Services) -> anyhow::Result<Vec<i64>> {
    let mut ids = Vec::new();
    for arg in &s.services {
        if arg == "-" {
            for line in std::io::stdin().lock().lines() {
                let line = line.context("cannot read service IDs from stdin")?;
                if !line.trim().is_empty() {
                    ids.push(service_arg(&line)?);
                }
            }
        } else {
            ids.push(service_arg(arg)?);
        }
    }
    let _ = ctx;
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(*id));
    if ids.is_empty() {
        return Err(fail(Exit::Usage, "no service IDs given (stdin was empty)"));
    }
    Ok(ids)
}

/// The rows of `ids`, in the caller's transaction: a missing one is exit 66
/// (nothing changes), or skipped with `--if-exists`.
fn rows_of(conn: &Conn, ids: &[i64], if_exists: bool) -> anyhow::Result<Vec<Row>> {
    let mut rows = Vec::with_capacity(ids.len());
    for &id in ids {
        match table::get(conn, id)? {
            Some(row) => rows.push(row),
            None if if_exists => {}
            None => {
                return Err(fail(
                    Exit::NoInput,
                    format!(
                        "no access record for service {id}; nothing was changed (--if-exists skips missing IDs)"
                    ),
                ));
            }
        }
    }
    Ok(rows)
}

fn set_enabled(ctx: &Ctx, services: &Services, enabled: bool) -> anyhow::Result<()> {
    let ids = service_ids(ctx, services)?;
    let word = if enabled { "enabled" } else { "disabled" };
    let mut store = ctx.open_for_change()?;
    let now = ctx.clock.unix();
    let results = store.write(|tx| {
        let mut results = Vec::new();
        for mut row in rows_of(tx, &ids, services.if_exists)? {
            let id = row.service_id;
            let unchanged =
                row.enabled == enabled && (enabled || row.disabled_by == Some(DisabledBy::Admin));
            if !unchanged {
                row.set_state(if enabled {
                    State::ENABLED
                } else {
                    State::disabled(DisabledBy::Admin)
                });
                row.updated_at = now;
                table::update(tx, &row)?;
                let action = if enabled {
                    "access.enable"
                } else {
                    "access.disable"
                };
                ctx.audit(tx, action, &format!("service {id}"), "")?;
            }
            results.push((row, !unchanged));
        }
        Ok(results)
    })?;
    for (row, changed) in &results {
        let id = row.service_id;
        if *changed {
            ctx.out.say(&format!("service {id}: {word}"))?;
        } else {
            ctx.out.say(&format!("service {id} is already {word}"))?;
        }
    }
    if ctx.out.format_or(Format::Table) != Format::Json {
        return Ok(());
    }
    let default: Rc<str> = default_url(store.conn())?.into();
    let records: Vec<Record> = results
        .into_iter()
        .map(|(row, _)| Record::new(row, &default))
        .collect();
    // One service given: its record, as `access show`; several: an array.
    match records.as_slice() {
        [one] if services.services.len() == 1 && services.services[0] != "-" => ctx.out.json(one),
        all => ctx.out.json(all),
    }
}

fn remove(ctx: &Ctx, services: &Services) -> anyhow::Result<()> {
    let ids = service_ids(ctx, services)?;
    let mut store = ctx.open_for_change()?;
    let rows = rows_of(store.conn(), &ids, services.if_exists)?;
    if rows.is_empty() {
        return ctx.out.say("no record to remove");
    }
    if !ctx.yes {
        let what = match rows.as_slice() {
            [one] => format!(
                "the access record of service {} (username {})",
                one.service_id,
                escaped(&one.username)
            ),
            all => format!("the access records of {} services", all.len()),
        };
        if !ctx.interactive {
            return Err(fail(
                Exit::Usage,
                format!("refusing to remove {what} without a terminal to confirm on; pass --yes"),
            ));
        }
        let sure = dialoguer::Confirm::new()
            .with_prompt(format!("Remove {what}?"))
            .default(false)
            .interact()
            .map_err(|e| fail(Exit::Usage, format!("no answer read: {e}")))?;
        if !sure {
            return ctx.out.say("nothing removed");
        }
    }
    let removed = store.write(|tx| {
        let rows = rows_of(tx, &ids, services.if_exists)?;
        for row in &rows {
            table::delete(tx, row.service_id)?;
            ctx.audit(
                tx,
                "access.remove",
                &format!("service {}", row.service_id),
                &format!("username {}", row.username),
            )?;
        }
        Ok(rows)
    })?;
    for row in removed {
        ctx.out.say(&format!(
            "removed the access record of service {}",
            row.service_id
        ))?;
    }
    Ok(())
}

/// One exported record: the columns import reads back (`effective_url` is
/// output only: import accepts and ignores it).
#[derive(Serialize)]
struct Exported {
    service_id: i64,
    client_id: Option<i64>,
    username: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    password: Option<String>,
    url: String,
    effective_url: Rc<str>,
    group: String,
    ip_address: String,
    notes: String,
    enabled: bool,
    disabled_by: Option<&'static str>,
    created_at: Rc<str>,
    updated_at: Rc<str>,
}

const EXPORT_COLUMNS: &[&str] = &[
    "service_id",
    "client_id",
    "username",
    "url",
    "effective_url",
    "group",
    "ip_address",
    "notes",
    "enabled",
    "disabled_by",
    "created_at",
    "updated_at",
];

impl Tabular for Exported {
    fn columns() -> &'static [&'static str] {
        EXPORT_COLUMNS
    }
    fn cells(&self) -> Vec<String> {
        let mut cells = vec![
            self.service_id.to_string(),
            opt_id(self.client_id),
            self.username.clone(),
        ];
        if let Some(pw) = &self.password {
            cells.push(pw.clone());
        }
        cells.extend([
            self.url.clone(),
            self.effective_url.to_string(),
            self.group.clone(),
            self.ip_address.clone(),
            self.notes.clone(),
            self.enabled.to_string(),
            self.disabled_by.unwrap_or_default().to_owned(),
            self.created_at.to_string(),
            self.updated_at.to_string(),
        ]);
        cells
    }
}

/// The same record type, with the password column.
#[derive(Serialize)]
#[serde(transparent)]
struct ExportedWithPassword(Exported);

impl Tabular for ExportedWithPassword {
    fn columns() -> &'static [&'static str] {
        records::COLUMNS
    }
    fn fields() -> &'static [&'static str] {
        records::COLUMNS
    }
    fn cells(&self) -> Vec<String> {
        self.0.cells()
    }
}

fn exported(row: Row, password: Option<String>, default_url: &Rc<str>) -> Exported {
    Exported {
        service_id: row.service_id,
        client_id: row.client_id,
        username: row.username,
        password,
        effective_url: effective_url(&row.url, default_url),
        url: row.url,
        group: row.group,
        ip_address: row.ip_address,
        notes: row.notes,
        enabled: row.enabled,
        disabled_by: row.disabled_by.map(DisabledBy::as_str),
        created_at: stamp_unix(row.created_at),
        updated_at: stamp_unix(row.updated_at),
    }
}

fn export(ctx: &Ctx, include_passwords: bool, fields: Option<&[String]>) -> anyhow::Result<()> {
    let store = ctx.open()?;
    let all = Filter::default();
    if !include_passwords {
        let default: Rc<str> = default_url(store.conn())?.into();
        let mut stream = ctx.out.stream_fields::<Exported>(Format::Csv, fields)?;
        table::each(store.conn(), &all, |row| {
            stream.push(&exported(row, None, &default))
        })?;
        return stream.finish();
    }
    // All or nothing: one read transaction sees the same rows twice. The first
    // pass decrypts every password and keeps none of them; only when all open
    // is the export audited and printed.
    store.snapshot(|snapshot| {
        let default: Rc<str> = default_url(snapshot)?.into();
        // The key is needed (and its error the export's) only when a record
        // has a password.
        let cipher = match table::first_password(snapshot)? {
            Some(service_id) => Some(ctx.cipher(snapshot).with_context(|| {
                format!("access export stopped at service {service_id}, nothing was exported")
            })?),
            None => None,
        };
        table::each(snapshot, &all, |row| {
            if let Some(blob) = &row.password {
                decrypt(cipher.as_ref(), row.service_id, blob)?;
            }
            Ok(())
        })?;
        ctx.open()?
            .write(|tx| ctx.audit(tx, "access.export", "", "export with passwords"))?;
        let mut stream = ctx
            .out
            .stream_fields::<ExportedWithPassword>(Format::Csv, fields)?;
        table::each(snapshot, &all, |row| {
            let pw = match &row.password {
                Some(blob) => decrypt(cipher.as_ref(), row.service_id, blob)?,
                None => String::new(),
            };
            stream.push(&ExportedWithPassword(exported(row, Some(pw), &default)))
        })?;
        stream.finish()
    })
}

/// One stored password, for export; an error names the service and says that
/// nothing was exported.
fn decrypt(cipher: Option<&Cipher>, service_id: i64, blob: &[u8]) -> anyhow::Result<String> {
    cipher
        .ok_or_else(|| anyhow::anyhow!("no key"))
        .and_then(|c| c.open(service_id, blob))
        .with_context(|| {
            format!("access export stopped at service {service_id}, nothing was exported")
        })
}
