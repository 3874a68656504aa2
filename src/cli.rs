//! The command-line interface: every clap type, and nothing else.
//!
//! Command names, flags and their spelling are the contract scripts are written
//! against (SPEC 2 and 2.1); the logic lives in `commands/`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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
