//! The command-line interface: every clap type, and nothing else.
//!
//! Command names, flags and their spelling are the contract scripts are written
//! against (SPEC 2 and 2.1); the logic lives in `commands/`.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, FromArgMatches, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "netflow-manager",
    version,
    about = "Link billing services to NetFlow Analyzer logins",
    long_about = "Link billing services (WHMCS) to NetFlow Analyzer logins: per-service access \
records with encrypted passwords, bulk import, the client-area \"Network Usage\" link, \
welcome-e-mail merge fields, the vendor licence check and the NetFlow add-on's trial and billing.",
    after_help = "Exit codes: 0 success, 1 a check answered no, 2 usage error, 65 bad input data, \
66 input file or record not found, 69 remote service unreachable, 73 cannot create a file, \
75 store busy, 77 permission, 78 bad or missing configuration / module not activated."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// The command line of this process, as `Cli::try_parse` reads it.
    ///
    /// clap copies each global option into every command of each level it
    /// passes before parsing (every top-level command, then the commands of
    /// the group that runs) and merges their values back up afterwards, and
    /// it builds every top-level command with its group's commands first: a
    /// tenth of a read-only command's time. So the global options are taken
    /// out of the command line where clap would read them as options and
    /// parsed with `Global`'s definitions, none of them global, and the rest
    /// by the one top-level command it names, built alone. Anything that way
    /// does not accept (an error, `--help`, `--version`, an option it cannot
    /// place) is parsed again whole by `try_parse`, which then answers, so
    /// that the result and every message are clap's own for the whole line.
    pub fn parse_args() -> Result<Cli, clap::Error> {
        let args: Vec<OsString> = std::env::args_os().collect();
        match Cli::parse_split(&args) {
            Some(cli) => Ok(cli),
            None => Cli::try_parse_from(args),
        }
    }

    /// The command line parsed as its global options apart and the command
    /// it names, or `None` when either part is not accepted as it is.
    fn parse_split(args: &[OsString]) -> Option<Cli> {
        let (globals, rest) = split_global_options(args)?;
        let mut matches = Global::augment_args(clap::Command::new(BIN))
            .mut_args(|a| a.global(false))
            .try_get_matches_from(globals)
            .ok()?;
        let global = Global::from_arg_matches_mut(&mut matches).ok()?;
        let command = command_alone(rest.get(1)?.to_str()?)?;
        let mut matches = clap::Command::new(BIN)
            .subcommand_required(true)
            .subcommand(command)
            .try_get_matches_from(rest)
            .ok()?;
        let command = Command::from_arg_matches_mut(&mut matches).ok()?;
        Some(Cli { global, command })
    }
}

const BIN: &str = "netflow-manager";

/// One top-level command as `Command`'s definition makes it, built alone (its
/// name or alias as typed); `None` for a name that is none of them. A command
/// missing here is parsed whole, and a test compares each with the whole tree's.
fn command_alone(name: &str) -> Option<clap::Command> {
    fn group<T: Subcommand>(name: &'static str) -> clap::Command {
        T::augment_subcommands(clap::Command::new(name))
            .subcommand_required(true)
            .arg_required_else_help(true)
    }
    fn leaf<T: Args>(name: &'static str) -> clap::Command {
        T::augment_args(clap::Command::new(name))
    }
    Some(match name {
        "activate" => clap::Command::new("activate"),
        "deactivate" => clap::Command::new("deactivate"),
        "status" => clap::Command::new("status"),
        "settings" => group::<SettingsCmd>("settings"),
        "roles" => group::<RolesCmd>("roles"),
        "access" => group::<AccessCmd>("access"),
        "licence" | "license" => group::<LicenceCmd>("licence").visible_alias("license"),
        "trial" => group::<TrialCmd>("trial"),
        "addon" => group::<AddonCmd>("addon"),
        "subscription" => group::<SubscriptionCmd>("subscription"),
        "billing" => group::<BillingCmd>("billing"),
        "email" => group::<EmailCmd>("email"),
        "client-area" => leaf::<ClientAreaArgs>("client-area"),
        "doctor" => leaf::<DoctorArgs>("doctor"),
        "audit" => group::<AuditCmd>("audit"),
        "key" => group::<KeyCmd>("key"),
        "backup" => leaf::<BackupArgs>("backup"),
        "store" => group::<StoreCmd>("store"),
        "whmcs" => group::<WhmcsCmd>("whmcs"),
        "nfa" => group::<NfaCmd>("nfa"),
        "completions" => leaf::<CompletionsArgs>("completions"),
        "man" => leaf::<ManArgs>("man"),
        _ => return None,
    })
}

/// The global options that take a value, and those that do not (`Global`).
const GLOBAL_WITH_VALUE: [&str; 4] = ["db", "config", "format", "color"];
const GLOBAL_FLAGS: [&str; 3] = ["quiet", "yes", "no-input"];
const GLOBAL_SHORT_FLAGS: [u8; 2] = [b'q', b'y'];

/// argv split into the global options with their values, and the rest, both
/// behind the program name; `None` where the split could differ from how clap
/// reads the whole line. clap reads a token that starts with `-` (but is not
/// `-` alone) as an option, never as a value, until `--`, and no command has a
/// positional that takes hyphen values or an option spelled like a global one:
/// so every such token before `--` that names a global option is one. Taking
/// one out must not give its place to the next token, so one right behind an
/// option that may be waiting for its value is not split.
fn split_global_options(args: &[OsString]) -> Option<(Vec<OsString>, Vec<OsString>)> {
    let (program, args) = args.split_first()?;
    let mut globals = vec![program.clone()];
    let mut rest = vec![program.clone()];
    let mut args = args.iter();
    // Whether the token before is an option of a command that may take a value.
    let mut after_option = false;
    while let Some(arg) = args.next() {
        let bytes = arg.as_encoded_bytes();
        if bytes == b"--" {
            rest.push(arg.clone());
            rest.extend(args.cloned());
            break;
        }
        let global = if let Some(long) = bytes.strip_prefix(b"--") {
            let (name, value) = match long.iter().position(|&b| b == b'=') {
                Some(at) => (&long[..at], true),
                None => (long, false),
            };
            if GLOBAL_WITH_VALUE.iter().any(|g| g.as_bytes() == name) {
                if after_option {
                    return None;
                }
                globals.push(arg.clone());
                if !value {
                    // Its value is the next token, which clap takes only when
                    // it does not look like an option.
                    let value = args.next()?;
                    let v = value.as_encoded_bytes();
                    if v.first() == Some(&b'-') && v != b"-" {
                        return None;
                    }
                    globals.push(value.clone());
                }
                true
            } else if GLOBAL_FLAGS.iter().any(|g| g.as_bytes() == name) {
                if after_option {
                    return None;
                }
                globals.push(arg.clone());
                true
            } else {
                after_option = !value;
                false
            }
        } else if let Some(shorts) = bytes.strip_prefix(b"-").filter(|s| !s.is_empty()) {
            let global = |b: &u8| GLOBAL_SHORT_FLAGS.contains(b);
            if shorts.iter().all(global) {
                if after_option {
                    return None;
                }
                globals.push(arg.clone());
                true
            } else if shorts.iter().any(global) {
                // A cluster mixing global and other short flags, or `-q=…`.
                return None;
            } else {
                after_option = true;
                false
            }
        } else {
            after_option = false;
            false
        };
        if !global {
            rest.push(arg.clone());
        }
    }
    Some((globals, rest))
}

/// Options every command accepts.
#[derive(Debug, Args)]
pub struct Global {
    /// The store: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE
    /// [default: $XDG_DATA_HOME/netflow-manager/netflow.db]
    #[arg(
        long,
        global = true,
        env = "NETFLOW_MANAGER_DB",
        hide_env_values = true,
        value_name = "PATH|URL"
    )]
    pub db: Option<PathBuf>,
    /// The config file [default: $XDG_CONFIG_HOME/netflow-manager/config.toml, then /etc/netflow-manager/config.toml]
    #[arg(
        long,
        global = true,
        env = "NETFLOW_MANAGER_CONFIG",
        hide_env_values = true,
        value_name = "PATH"
    )]
    pub config: Option<PathBuf>,
    /// Output format: a table for people, json or csv for scripts
    #[arg(long, global = true, value_enum)]
    pub format: Option<Format>,
    /// Print only data and errors
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Answer yes to confirmations
    #[arg(short, long, global = true)]
    pub yes: bool,
    /// Never prompt (implied when stdin is not a terminal)
    #[arg(long, global = true)]
    pub no_input: bool,
    /// When to use colours (NO_COLOR is honoured by auto)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// Create or upgrade the store, create the encryption key, seed settings, mark the module active
    Activate,
    /// Mark the module inactive (never deletes data; activate restores everything)
    Deactivate,
    /// One screen: module state, store, records, licence, add-on, key
    Status,
    /// Module settings
    #[command(subcommand)]
    Settings(SettingsCmd),
    /// Which Unix groups may use the tool
    #[command(subcommand)]
    Roles(RolesCmd),
    /// Access records: one NetFlow login per billing service
    #[command(subcommand)]
    Access(AccessCmd),
    /// The module's commercial licence
    #[command(subcommand, visible_alias = "license")]
    Licence(LicenceCmd),
    /// The NetFlow add-on's 15-day trial
    #[command(subcommand)]
    Trial(TrialCmd),
    /// The paid NetFlow add-on
    #[command(subcommand)]
    Addon(AddonCmd),
    /// The operator's subscription that add-on pricing derives from
    #[command(subcommand)]
    Subscription(SubscriptionCmd),
    /// The next subscription invoice
    #[command(subcommand)]
    Billing(BillingCmd),
    /// Welcome-e-mail merge fields
    #[command(subcommand)]
    Email(EmailCmd),
    /// The "Network Usage" section of the client area product page
    ClientArea(ClientAreaArgs),
    /// Run every troubleshooting check and say how to fix what fails
    Doctor(DoctorArgs),
    /// Who changed what and when
    #[command(subcommand)]
    Audit(AuditCmd),
    /// The encryption key
    #[command(subcommand)]
    Key(KeyCmd),
    /// Consistent copy of the store while it is in use
    Backup(BackupArgs),
    /// The whole store, moved between SQLite and MySQL/MariaDB
    #[command(subcommand)]
    Store(StoreCmd),
    /// Follow the WHMCS service lifecycle: one service from a hook, or every one from the API
    #[command(subcommand)]
    Whmcs(WhmcsCmd),
    /// NetFlow Analyzer IP groups made from the records' group and address
    #[command(subcommand)]
    Nfa(NfaCmd),
    /// Shell completions on stdout
    Completions(CompletionsArgs),
    /// Write the man pages into a directory
    Man(ManArgs),
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum SettingsCmd {
    /// Every setting with its value and default
    List,
    /// One setting's value
    Get {
        /// The setting
        #[arg(value_parser = setting_key())]
        key: String,
        /// Print a secret value (licence_key) in full
        #[arg(long)]
        reveal: bool,
    },
    /// Change a setting; without VALUE it is read from stdin (keeps secrets out of argv)
    Set {
        /// The setting
        #[arg(value_parser = setting_key())]
        key: String,
        /// Its new value (a boolean is true/false/yes/no/1/0, a URL is absolute http(s))
        value: Option<String>,
    },
    /// Back to the default value
    Unset {
        /// The setting
        #[arg(value_parser = setting_key())]
        key: String,
    },
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum RolesCmd {
    /// The Unix groups allowed to use the tool (empty: everyone who can read the store)
    List,
    /// Allow a Unix group
    Allow {
        /// The Unix group's name
        group: String,
    },
    /// Remove a Unix group from the allowed list
    Deny {
        /// The Unix group's name
        group: String,
    },
}

// The record fields shared by `access add` and `access edit` (a plain comment: with
// subcommands built on demand, a doc comment here would replace their about).
#[derive(Debug, Args, Default)]
pub struct RecordFields {
    /// Billing client ID
    #[arg(long = "client", value_name = "N")]
    pub client: Option<String>,
    /// NetFlow Analyzer username
    #[arg(long, value_name = "U")]
    pub username: Option<String>,
    /// Read the password from the first line of stdin
    #[arg(long, conflicts_with = "generate_password")]
    pub password_stdin: bool,
    /// Generate a random password and print it once
    #[arg(long)]
    pub generate_password: bool,
    /// NetFlow Analyzer URL (empty: the default_url setting)
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// NetFlow IP group or device group
    #[arg(long, value_name = "G")]
    pub group: Option<String>,
    /// IP address, CIDR network or a-b range
    #[arg(long = "ip", value_name = "ADDR")]
    pub ip: Option<String>,
    /// Internal admin notes
    #[arg(long, value_name = "TEXT")]
    pub notes: Option<String>,
    /// Create or set the record disabled
    #[arg(long, conflicts_with = "enabled")]
    pub disabled: bool,
    /// Set the record enabled
    #[arg(long)]
    pub enabled: bool,
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum AccessCmd {
    /// New record for one service
    Add {
        /// Billing service ID
        #[arg(long, value_name = "N")]
        service: String,
        #[command(flatten)]
        fields: RecordFields,
        /// Succeed without change when the service already has a record
        #[arg(long)]
        if_not_exists: bool,
    },
    /// Change a record; interactive on a terminal when no field flag is given
    Edit {
        /// Billing service ID of the record
        service: String,
        #[command(flatten)]
        fields: RecordFields,
        /// Remove the stored password
        #[arg(long, conflicts_with_all = ["password_stdin", "generate_password"])]
        clear_password: bool,
    },
    /// Table of records
    List {
        #[command(flatten)]
        filter: ListArgs,
        #[command(flatten)]
        fields: FieldsArg,
    },
    /// One record
    Show {
        /// Billing service ID of the record
        service: String,
        /// Print the decrypted password (audited)
        #[arg(long)]
        reveal_password: bool,
        #[command(flatten)]
        fields: FieldsArg,
    },
    /// Exit 0 when the service has a record, 1 when not; prints nothing
    Exists {
        /// Billing service ID
        service: String,
    },
    /// Enable records, all or none
    Enable(Services),
    /// Disable records, all or none
    Disable(Services),
    /// Delete records, all or none (asks on a terminal unless --yes)
    Remove(Services),
    /// Bulk import CSV or JSON, all or nothing
    Import(ImportArgs),
    /// CSV (default) or JSON of every record
    Export {
        /// Include decrypted passwords (audited)
        #[arg(long)]
        include_passwords: bool,
        #[command(flatten)]
        fields: FieldsArg,
    },
}

/// The services a bulk change applies to.
#[derive(Debug, Args)]
pub struct Services {
    /// Billing service IDs, or - to read them from stdin, one per line
    #[arg(required = true, value_name = "SERVICE")]
    pub services: Vec<String>,
    /// Skip the IDs that have no record instead of failing (exit 66)
    #[arg(long)]
    pub if_exists: bool,
}

/// Which record fields to print, in which order.
#[derive(Debug, Args, Default)]
pub struct FieldsArg {
    /// Comma list of record fields to print, in that order (every format)
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub fields: Option<Vec<String>>,
}

#[derive(Debug, Args, Default)]
pub struct ListArgs {
    /// Only this client's records
    #[arg(long = "client", value_name = "N")]
    pub client: Option<String>,
    /// Only enabled records
    #[arg(long, conflicts_with = "disabled")]
    pub enabled: bool,
    /// Only disabled records
    #[arg(long)]
    pub disabled: bool,
    /// Only this username
    #[arg(long, value_name = "U")]
    pub username: Option<String>,
    /// Text search in username, group, IP address, URL and notes
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum OnConflict {
    #[default]
    Fail,
    Skip,
    Update,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file, or - for stdin
    pub file: PathBuf,
    /// Input format [default: from the extension, else csv]
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
    /// CSV delimiter: one character, or "tab" [default: comma, semicolon or tab, whichever the header line uses]
    #[arg(long, value_name = "C")]
    pub delimiter: Option<crate::import::Delimiter>,
    /// Validate and report only
    #[arg(long)]
    pub dry_run: bool,
    /// What to do with a service that already has a record
    #[arg(long, value_enum, default_value_t = OnConflict::Fail)]
    pub on_conflict: OnConflict,
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum LicenceCmd {
    /// Verify the licence with the licensing server (local key cache and grace apply)
    Check {
        /// Ask the server even when the local key is fresh
        #[arg(long)]
        force: bool,
    },
    /// What the local key says, without network
    Status,
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum StoreCmd {
    /// Copy every record, setting, state, audit entry and add-on event into an
    /// empty MySQL/MariaDB database or a new SQLite file
    Copy {
        /// The destination: mysql://USER@HOST[:PORT]/DATABASE (password from
        /// store.password_file or NETFLOW_MANAGER_DB_PASSWORD), or a path
        /// that does not exist yet
        #[arg(long, value_name = "URL|PATH")]
        to: std::ffi::OsString,
    },
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum TrialCmd {
    /// Start the 15-day trial (once per account)
    Start,
    /// Trial state
    Status,
    /// Stop the trial at once
    Cancel,
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum AddonCmd {
    /// Activate the paid add-on (charged on the next subscription invoice)
    Activate,
    /// Cancel: collection stops at the end of the paid period
    Cancel,
    /// Turn renewal on or off
    Renewal {
        #[arg(value_enum)]
        state: OnOff,
    },
    /// Add-on state, dates and events
    Status {
        /// Exit 0 only while flow collection is allowed, 1 otherwise
        #[arg(long)]
        check: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnOff {
    On,
    Off,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TierArg {
    Starter,
    Mid,
    Large,
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum SubscriptionCmd {
    /// Set the subscription tier, fee and customer count
    Set {
        #[arg(long, value_enum)]
        tier: TierArg,
        /// Monthly fee, e.g. 199.00
        #[arg(long, value_name = "AMOUNT")]
        fee: String,
        /// ISO 4217 code, e.g. EUR
        #[arg(long, value_name = "CODE")]
        currency: String,
        /// Number of customers
        #[arg(long, value_name = "N")]
        customers: u32,
        /// First day of the monthly billing periods (YYYY-MM-DD) [default: today, or the current one]
        #[arg(long, value_name = "DATE")]
        period_start: Option<String>,
    },
    /// The current subscription
    Show,
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum BillingCmd {
    /// The next subscription invoice's line items
    Preview,
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum EmailCmd {
    /// Render a welcome-e-mail template for one service
    Render {
        #[arg(long, value_name = "N")]
        service: String,
        /// Smarty (default) or Handlebars (.hbs) template [default: the NetFlow block]
        #[arg(long, value_name = "FILE")]
        template: Option<PathBuf>,
        /// Template syntax [default: from the extension]
        #[arg(long, value_enum)]
        syntax: Option<SyntaxArg>,
        /// Undefined variables are an error
        #[arg(long)]
        strict: bool,
        /// HTML-escape every value
        #[arg(long)]
        html: bool,
        /// Another template variable, e.g. --var client_name=Jane (repeatable; the
        /// netflow_* fields cannot be overridden)
        #[arg(long = "var", value_name = "NAME=VALUE")]
        vars: Vec<String>,
    },
    /// The merge fields for one service as one JSON object
    Fields {
        /// Billing service ID
        #[arg(long, value_name = "N")]
        service: String,
    },
    /// Syntax errors and unknown merge fields of a template
    Lint {
        /// The template file (Smarty, or Handlebars for .hbs)
        template: PathBuf,
        #[arg(long, value_enum)]
        syntax: Option<SyntaxArg>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SyntaxArg {
    Smarty,
    Handlebars,
}

#[derive(Debug, Args)]
pub struct ClientAreaArgs {
    /// Billing service ID
    pub service: String,
    /// HTML fragment instead of text
    #[arg(long)]
    pub html: bool,
    /// Say on stderr why nothing is shown
    #[arg(long)]
    pub explain: bool,
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Also check this service's record
    #[arg(long, value_name = "N")]
    pub service: Option<String>,
    /// Also check this welcome-e-mail template
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,
    /// Print a redacted support report
    #[arg(long)]
    pub report: bool,
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum AuditCmd {
    /// The audit log, newest first
    List {
        /// At most this many entries
        #[arg(long, value_name = "N", default_value_t = 50)]
        limit: u32,
        /// Only entries whose action starts with this, e.g. access or settings.set
        #[arg(long, value_name = "ACTION")]
        action: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum KeyCmd {
    /// New encryption key, every password re-encrypted, crash-safe
    Rotate,
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum WhmcsCmd {
    /// Apply a service's WHMCS status to its record, without any network (what a hook calls)
    Apply {
        /// The billing service ID
        service: String,
        /// The service's status in WHMCS: Active enables a record WHMCS disabled; Suspended,
        /// Terminated, Cancelled and Fraud disable an enabled one; Pending and Completed change
        /// nothing. A record an admin disabled stays disabled.
        #[arg(long, value_parser = ["Pending", "Active", "Completed", "Suspended", "Terminated", "Cancelled", "Fraud"], ignore_case = true)]
        status: String,
    },
    /// Read every service from the WHMCS API ([whmcs] in the config) and apply its status to
    /// its record, in one transaction once every page is read; report orphans, client
    /// mismatches and services without a record
    Sync {
        /// Report what would change, change nothing
        #[arg(long)]
        dry_run: bool,
        /// Exit 1 when anything changed (or would, with --dry-run) or is reported
        #[arg(long)]
        check: bool,
    },
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum NfaCmd {
    /// Bring NetFlow Analyzer's IP groups ([netflow_analyzer] in the config) to the records
    #[command(
        long_about = "Bring NetFlow Analyzer's IP groups ([netflow_analyzer] in the config) to the records: \
for each group named by enabled records with an address, one IP group holding exactly those \
addresses, networks and ranges, all include. Adds missing groups, modifies groups whose criteria \
differ (a same-named group made by hand too) and leaves the others alone, so a second push sends \
nothing. IPv4 only: an enabled, grouped IPv6 record is exit 65 with nothing sent. Exit 69 when \
NetFlow Analyzer cannot be reached, times out, answers 5xx or not JSON, and 78 when the config is \
incomplete or the API key is refused; nothing further is sent once a call fails."
    )]
    Push {
        /// Print the plan, send nothing
        #[arg(long)]
        dry_run: bool,
        /// Also delete the groups this tool created that no enabled record names any more
        /// (never a group it did not create)
        #[arg(long)]
        prune: bool,
    },
    /// The plan push would carry out, sending nothing; exit 1 when it would add or modify a group
    Status {
        /// Show the deletions push --prune would make
        #[arg(long)]
        prune: bool,
    },
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy (refused if it exists, unless --yes); - writes it to stdout
    pub path: PathBuf,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Directory to write the pages into
    pub dir: PathBuf,
}

/// A setting's name: the known ones, with what each is for, are listed in --help.
fn setting_key() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(
        crate::settings::DEFS
            .iter()
            .map(|d| clap::builder::PossibleValue::new(d.key).help(d.about)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn line(args: &[&str]) -> Vec<OsString> {
        std::iter::once(BIN)
            .chain(args.iter().copied())
            .map(OsString::from)
            .collect()
    }

    /// The split parse declines, or gives what clap gives for the whole line.
    fn agrees(args: &[OsString]) -> bool {
        let Some(split) = Cli::parse_split(args) else {
            return false;
        };
        match Cli::try_parse_from(args) {
            Ok(whole) => assert_eq!(format!("{split:?}"), format!("{whole:?}"), "{args:?}"),
            Err(e) => panic!("{args:?}: split parse accepted what clap refuses: {e}"),
        }
        true
    }

    #[test]
    fn the_usual_command_lines_are_parsed_in_two_parts_as_clap_parses_them_whole() {
        for args in [
            &["access", "show", "7", "--format", "json"][..],
            &["--format", "json", "access", "show", "7"],
            &["access", "--format=csv", "show", "7", "-q"],
            &[
                "-qy",
                "--db",
                "x.db",
                "access",
                "remove",
                "7",
                "8",
                "--if-exists",
            ],
            &["access", "enable", "7", "--format", "json", "8", "--", "9"],
            &["access", "list", "--search", "-", "--color", "never"],
            &["--db", "-", "status"],
            &["email", "fields", "--service", "7"],
            &["client-area", "7", "--no-input", "--html"],
            &[
                "email",
                "render",
                "--service",
                "7",
                "--var",
                "a=b",
                "--config=c.toml",
            ],
            &["licence", "check"],
            &["license", "check", "--yes", "--force"],
            &["audit", "list", "--limit", "3"],
            &["status"],
            &["access", "show", "--", "--format"],
        ] {
            assert!(agrees(&line(args)), "{args:?} was not split");
        }
    }

    #[test]
    fn what_the_split_cannot_place_or_clap_refuses_is_left_to_clap() {
        for args in [
            &[][..],
            &["--help"],
            &["-V"],
            &["access"],
            &["access", "--help"],
            &["access", "show", "-h"],
            &["help", "access"],
            &["access", "show", "7", "--db"],
            &["access", "show", "7", "--db", "-x"],
            &["access", "show", "7", "--db", "--"],
            &["access", "show", "7", "-qh"],
            &["access", "show", "7", "-q=1"],
            &["access", "show", "7", "--quiet=true"],
            &["access", "show", "7", "--format", "json", "--format", "csv"],
            &["--format", "json", "access", "show", "7", "--format", "csv"],
            &["--db", "access", "show", "7"],
            &["access", "list", "--search", "--format", "json"],
            &["access", "list", "--search", "-q"],
            &["acces", "show", "7"],
            &["email", "fields", "--service", "-y", "7"],
            // Behind a flag, which the split does not tell from an option.
            &["client-area", "7", "--html", "--no-input"],
            &[
                "email",
                "fields",
                "--format=json",
                "--service",
                "--quiet",
                "7",
            ],
        ] {
            assert!(!agrees(&line(args)), "{args:?} was split");
        }
    }

    /// What `split_global_options` relies on: its lists are `Global`'s options,
    /// and no other option or positional is one a global option could be
    /// mistaken for, or that takes a token starting with `-` as a value.
    #[test]
    fn the_split_knows_the_global_options_and_nothing_takes_their_place() {
        let mut global = Global::augment_args(clap::Command::new(BIN));
        global.build();
        let (mut with_value, mut flags, mut shorts) = (vec![], vec![], vec![]);
        for arg in global.get_arguments().filter(|a| a.is_global_set()) {
            let long = arg.get_long().expect("every global option has a long name");
            match arg.get_action().takes_values() {
                true => with_value.push(long),
                false => flags.push(long),
            }
            shorts.extend(arg.get_short().map(|c| c as u8));
        }
        assert_eq!(with_value, GLOBAL_WITH_VALUE);
        assert_eq!(flags, GLOBAL_FLAGS);
        assert_eq!(shorts, GLOBAL_SHORT_FLAGS);

        fn walk(cmd: &clap::Command, path: &str) -> usize {
            let mut seen = 0;
            for arg in cmd.get_arguments().filter(|a| !a.is_global_set()) {
                seen += 1;
                let at = format!("{path} {}", arg.get_id());
                assert!(!arg.is_allow_hyphen_values_set(), "{at}");
                assert!(!arg.is_trailing_var_arg_set() && !arg.is_last_set(), "{at}");
                let long = arg.get_long().unwrap_or_default();
                assert!(!GLOBAL_WITH_VALUE.contains(&long), "{at}");
                assert!(!GLOBAL_FLAGS.contains(&long), "{at}");
                let short = arg.get_short().map(|c| c as u8);
                assert!(
                    short.is_none_or(|c| !GLOBAL_SHORT_FLAGS.contains(&c)),
                    "{at}"
                );
            }
            for sub in cmd.get_subcommands() {
                seen += walk(sub, &format!("{path} {}", sub.get_name()));
            }
            seen
        }
        let mut cli = <Cli as clap::CommandFactory>::command();
        cli.build();
        assert!(
            walk(&cli, BIN) > 50,
            "every command's own options are looked at"
        );
    }

    /// Each command built alone parses as the whole tree's: the same names,
    /// aliases and parsing settings at every level, the same arguments.
    #[test]
    fn each_command_built_alone_is_the_one_in_the_whole_tree() {
        fn shape(cmd: &clap::Command) -> String {
            let mut out = format!(
                "{} {:?} required={} else_help={} external={} conflicts={} precedence={} negates={}\n",
                cmd.get_name(),
                cmd.get_all_aliases().collect::<Vec<_>>(),
                cmd.is_subcommand_required_set(),
                cmd.is_arg_required_else_help_set(),
                cmd.is_allow_external_subcommands_set(),
                cmd.is_args_conflicts_with_subcommands_set(),
                cmd.is_subcommand_precedence_over_arg_set(),
                cmd.is_subcommand_negates_reqs_set(),
            );
            for arg in cmd.get_arguments().filter(|a| !a.is_global_set()) {
                out += &format!("  {arg:?}\n");
            }
            for sub in cmd.get_subcommands() {
                out += &shape(sub);
            }
            out
        }
        let mut whole = <Cli as clap::CommandFactory>::command();
        whole.build();
        let mut seen = 0;
        for full in whole.get_subcommands().filter(|c| c.get_name() != "help") {
            for name in std::iter::once(full.get_name()).chain(full.get_all_aliases()) {
                let alone =
                    command_alone(name).unwrap_or_else(|| panic!("{name} is not built alone"));
                let mut top = clap::Command::new(BIN).subcommand(alone);
                top.build();
                let alone = top.find_subcommand(full.get_name()).expect(name);
                assert_eq!(shape(alone), shape(full), "{name}");
                seen += 1;
            }
        }
        assert!(seen > 20);
        assert!(command_alone("help").is_none() && command_alone("acces").is_none());
    }

    /// A command line clap accepts, and tokens to put into it.
    fn base() -> impl Strategy<Value = Vec<&'static str>> {
        prop::sample::select(vec![
            vec!["access", "show", "7"],
            vec![
                "access",
                "show",
                "7",
                "--reveal-password",
                "--fields",
                "a,b",
            ],
            vec!["access", "list", "--client", "3", "--search", "x"],
            vec!["access", "enable", "7", "8"],
            vec!["access", "add", "--service", "7", "--notes", "n"],
            vec!["access", "import", "-", "--dry-run"],
            vec!["email", "fields", "--service", "7"],
            vec!["email", "render", "--service", "7", "--var", "a=b"],
            vec!["client-area", "7", "--html"],
            vec!["licence", "check"],
            vec!["license", "status"],
            vec!["settings", "get", "default_url"],
            vec!["whmcs", "apply", "7", "--status", "active"],
            vec!["status"],
            vec!["backup", "-"],
            vec!["store", "copy", "--to", "x.db"],
            vec!["trial", "status"],
            vec!["addon", "renewal", "on"],
            vec!["subscription", "show"],
            vec!["roles", "allow", "users"],
            vec!["audit", "list", "--action", "access"],
            vec!["nfa", "push", "--dry-run"],
            vec!["doctor", "--service", "7"],
            vec!["completions", "bash"],
            vec!["man", "/tmp"],
            vec!["activate"],
        ])
    }

    fn token() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "--db",
            "--db=x.db",
            "x.db",
            "-",
            "--config",
            "--config=",
            "--format",
            "--format=json",
            "json",
            "csv",
            "bogus",
            "--color",
            "--color=never",
            "never",
            "-q",
            "-y",
            "-qy",
            "-yq",
            "-qx",
            "-h",
            "--quiet",
            "--yes",
            "--no-input",
            "--no-input=1",
            "--",
            "--help",
            "-V",
            "help",
            "7",
            "--notes",
            "--search",
            "--service",
            "--fields",
            "--html",
            "show",
        ])
    }

    proptest! {
        #[test]
        fn the_split_parse_never_differs_from_claps(
            base in base(),
            inserts in prop::collection::vec((any::<prop::sample::Index>(), token()), 0..6),
        ) {
            let mut args = base;
            for (at, tok) in inserts {
                args.insert(at.index(args.len() + 1), tok);
            }
            agrees(&line(&args));
        }
    }
}
