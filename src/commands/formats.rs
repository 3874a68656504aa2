//! Which `--format`s each command prints (SPEC 2.2): its default first. A format
//! a command cannot print is refused before it does anything, with exit 2
//! naming the ones it can — never silently another format.

use crate::cli::{AccessCmd, AddonCmd, AuditCmd, Command, EmailCmd, Format, RolesCmd, SettingsCmd};
use crate::error::{Exit, fail};

use Format::{Csv, Json, Table};

/// Rows of data: a table for people, JSON or CSV for scripts.
const ROWS: &[Format] = &[Table, Json, Csv];
/// One report or one change: prose or a table for people, one JSON object.
const REPORT: &[Format] = &[Table, Json];
/// Text that is itself the product (a template, an HTML fragment, a script).
const TEXT: &[Format] = &[Table];

/// The command's name as typed and the formats it prints, its default first.
pub fn of(command: &Command) -> (&'static str, &'static [Format]) {
    match command {
        Command::Activate => ("activate", REPORT),
        Command::Deactivate => ("deactivate", REPORT),
        Command::Status => ("status", REPORT),
        Command::Settings(SettingsCmd::List) => ("settings list", ROWS),
        Command::Settings(_) => ("settings", REPORT),
        Command::Roles(RolesCmd::List) => ("roles list", ROWS),
        Command::Roles(_) => ("roles", REPORT),
        Command::Access(cmd) => match cmd {
            AccessCmd::List { .. } => ("access list", ROWS),
            AccessCmd::Show { .. } => ("access show", ROWS),
            AccessCmd::Export { .. } => ("access export", &[Csv, Json, Table]),
            AccessCmd::Exists { .. } => ("access exists", ROWS),
            _ => ("access", REPORT),
        },
        Command::Audit(AuditCmd::List { .. }) => ("audit list", ROWS),
        Command::Email(EmailCmd::Render { .. }) => ("email render", TEXT),
        Command::Email(EmailCmd::Fields { .. }) => ("email fields", &[Json, Table, Csv]),
        Command::Email(EmailCmd::Lint { .. }) => ("email lint", TEXT),
        Command::ClientArea(_) => ("client-area", TEXT),
        Command::Doctor(args) if args.report => ("doctor --report", TEXT),
        Command::Doctor(_) => ("doctor", REPORT),
        Command::Addon(AddonCmd::Status { .. }) => ("addon status", REPORT),
        Command::Completions(_) => ("completions", TEXT),
        Command::Man(_) => ("man", TEXT),
        Command::Licence(_)
        | Command::Trial(_)
        | Command::Addon(_)
        | Command::Subscription(_)
        | Command::Billing(_)
        | Command::Key(_)
        | Command::Backup(_)
        | Command::Store(_)
        | Command::Whmcs(_)
        | Command::Nfa(_) => ("this command", REPORT),
    }
}

/// The format to print in: the one asked for when the command can print it,
/// else its default; a format it cannot print is exit 2.
pub fn check(command: &Command, asked: Option<Format>) -> anyhow::Result<Format> {
    let (name, can) = of(command);
    match asked {
        None => Ok(can[0]),
        Some(f) if can.contains(&f) => Ok(f),
        Some(f) => Err(fail(
            Exit::Usage,
            format!(
                "{name} prints {}, not {}",
                can.iter()
                    .map(|f| name_of(*f))
                    .collect::<Vec<_>>()
                    .join(" or "),
                name_of(f)
            ),
        )),
    }
}

fn name_of(f: Format) -> &'static str {
    match f {
        Table => "table",
        Json => "json",
        Csv => "csv",
    }
}
