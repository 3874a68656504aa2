//! Shell completions and man pages, generated from the clap definition: one man
//! page for the tool and one per command group, each closing with the shared
//! EXIT STATUS, ENVIRONMENT and FILES sections below. `scripts/generate.sh`
//! writes them into the committed `completions/` and `man/`.

use std::io::Write;
use std::path::Path;

use clap::{ArgAction, Command, CommandFactory};
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, italic, roman};

use crate::cli::Cli;
use crate::error::{Exit, fail};

pub const BIN: &str = "netflow-manager";

/// What every exit code means (SPEC 5.1; the README's table says the same).
const EXIT_STATUS: &[(u8, &str)] = &[
    (0, "Success."),
    (
        Exit::No as u8,
        "A check answered \"no\": the licence is not active, doctor found problems, flow collection is paused.",
    ),
    (
        Exit::Usage as u8,
        "Usage error: unknown command or flag, missing argument, unknown setting.",
    ),
    (
        Exit::DataErr as u8,
        "Bad input data: a field or file that fails validation. Nothing was written.",
    ),
    (Exit::NoInput as u8, "Input file or record not found."),
    (
        Exit::Unavailable as u8,
        "A remote service (the licensing server, WHMCS, NetFlow Analyzer) could not be reached and nothing cached can answer.",
    ),
    (
        Exit::Software as u8,
        "Internal error: a bug, please report it.",
    ),
    (
        Exit::CantCreate as u8,
        "Cannot create a file (store, key, backup, man page).",
    ),
    (
        Exit::Busy as u8,
        "The store stayed busy past the timeout (store.busy_timeout_ms, default 10 s).",
    ),
    (
        Exit::NoPerm as u8,
        "Permission: key file readable by group or others, user not in an allowed group, file not readable.",
    ),
    (
        Exit::Config as u8,
        "Bad or missing configuration; module not activated, or deactivated; wrong key.",
    ),
];

const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "NETFLOW_MANAGER_DB",
        "The store, as --db does: a SQLite file, or mysql://USER@HOST[:PORT]/DATABASE; store.path or store.url in the config file is used only when neither is given.",
    ),
    (
        "NETFLOW_MANAGER_DB_PASSWORD",
        "The password of a MySQL/MariaDB store, when store.password_file does not name a file holding it. Never put it in the URL.",
    ),
    (
        "NETFLOW_MANAGER_CONFIG",
        "The config file, as --config does; it must exist.",
    ),
    (
        "NETFLOW_MANAGER_KEY",
        "The encryption key as base64 of its 32 bytes, instead of the key file (for containers). key rotate refuses to run with it.",
    ),
    (
        "NETFLOW_MANAGER_NOW",
        "An RFC 3339 time that replaces the clock everywhere: for tests, and to ask what happens on that date.",
    ),
    (
        "NO_COLOR",
        "When set and not empty, --color auto prints no colours.",
    ),
    (
        "XDG_DATA_HOME, XDG_CONFIG_HOME",
        "Where the default store and config file are (see FILES).",
    ),
    (
        "https_proxy, HTTPS_PROXY, http_proxy, HTTP_PROXY, ALL_PROXY",
        "The proxy for the licensing server, the WHMCS API and NetFlow Analyzer, read as curl reads them (lower case first; HTTP_PROXY is ignored inside a CGI request). A server on loopback is always reached directly.",
    ),
    (
        "NO_PROXY, no_proxy",
        "Hosts reached directly: names (and their subdomains), addresses and CIDR networks, comma-separated; * for all.",
    ),
];

const FILES: &[(&str, &str)] = &[
    (
        "$XDG_DATA_HOME/netflow-manager/netflow.db",
        "The store (SQLite, WAL mode; ~/.local/share/netflow-manager/netflow.db when XDG_DATA_HOME is unset). --db, NETFLOW_MANAGER_DB or store.path put it elsewhere. A store written by a newer version is refused.",
    ),
    (
        "<store directory>/<store name>.key",
        "The encryption key: 32 random bytes, mode 0600, created by activate. store.key_file in the config file or NETFLOW_MANAGER_KEY replace it. A key readable by others is refused. Backups do not contain it: keep a copy.",
    ),
    (
        "<key file>.<fingerprint>.new",
        "The new key while key rotate runs; the next command finishes a rotation that committed, and the next rotation or activate removes one that never did.",
    ),
    (
        "$XDG_CONFIG_HOME/netflow-manager/config.toml, /etc/netflow-manager/config.toml",
        "The config file (TOML, every key optional), the first that exists, unless --config or NETFLOW_MANAGER_CONFIG names one. An unknown key is an error.",
    ),
];

/// Completions for `shell`, as the file that shell loads.
fn completion(shell: clap_complete::Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), BIN, &mut out);
    if shell != clap_complete::Shell::Bash {
        return out;
    }
    // clap_complete names the bash script's case arms after the binary with its
    // hyphen turned into `__subcmd__` (netflow__subcmd__manager__subcmd__access)
    // while its loop builds the state from the name with the hyphen turned into
    // `__` (netflow__manager__subcmd__access), so nothing below the first word
    // would complete. The arms are renamed to what the loop builds.
    let mangled = BIN.replace('-', "__subcmd__");
    let built = BIN.replace('-', "__");
    String::from_utf8_lossy(&out)
        .replace(&mangled, &built)
        .into_bytes()
}

/// Completions for `shell` on stdout.
pub fn completions(shell: clap_complete::Shell) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(&completion(shell))?;
    stdout.flush()?;
    Ok(())
}

/// Writes the man pages into `dir`.
pub fn man_pages(dir: &Path) -> anyhow::Result<()> {
    let cant = |e: std::io::Error| {
        fail(
            Exit::CantCreate,
            format!("cannot write man pages into {}: {e}", dir.display()),
        )
    };
    std::fs::create_dir_all(dir).map_err(cant)?;
    for (name, text) in man_page_texts() {
        std::fs::write(dir.join(name), text).map_err(cant)?;
    }
    Ok(())
}

/// The man pages, file name and roff text: the tool's, then one per command.
fn man_page_texts() -> Vec<(String, String)> {
    // A fresh command: one that clap_complete has used carries `help` subcommands.
    let mut root = Cli::command().disable_help_subcommand(true);
    root.build();
    let mut pages = vec![page(&root, true)];
    pages.extend(visible_subcommands(&root).map(|group| page(group, false)));
    pages
}

/// One page: clap_mangen's sections, then the ones every page shares.
fn page(cmd: &Command, root: bool) -> (String, String) {
    let shown = if root {
        cmd.clone().subcommand_help_heading("COMMANDS")
    } else {
        own_options(cmd)
    };
    let man = Man::new(shown.clone()).source(format!("{BIN} {}", env!("CARGO_PKG_VERSION")));
    let mut text = render(|w| man.render_title(w));
    text += &section(|w| man.render_name_section(w));
    text += &section(|w| man.render_synopsis_section(w));
    text += &section(|w| man.render_description_section(w));
    if has_visible_args(&shown) {
        text += &section(|w| man.render_options_section(w));
    }
    if root {
        // The root's after-help, a summary of the exit codes, is left to EXIT STATUS.
        text += &section(|w| man.render_subcommands_section(w));
    } else {
        text += &commands_section(cmd);
        if shown.get_after_help().is_some() {
            text += &section(|w| man.render_extra_section(w));
        }
    }
    text += &shared_sections(root);
    if root {
        // Group pages carry the version in their footer only.
        text += &section(|w| man.render_version_section(w));
    }
    (man.get_filename(), text)
}

/// Every subcommand of a group in full: synopsis, description, options.
fn commands_section(group: &Command) -> String {
    if visible_subcommands(group).next().is_none() {
        return String::new();
    }
    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    let mut text = section(|w| roff.to_writer(w));
    append_subcommands(group, &mut text);
    text
}

fn append_subcommands(cmd: &Command, text: &mut String) {
    for sub in visible_subcommands(cmd) {
        let shown = own_options(sub);
        let man = Man::new(shown.clone());
        let mut roff = Roff::new();
        roff.control("SS", [sub.get_bin_name().unwrap_or_else(|| sub.get_name())]);
        *text += &section(|w| roff.to_writer(w));
        *text += &body(|w| man.render_synopsis_section(w));
        *text += ".PP\n";
        *text += &body(|w| man.render_description_section(w));
        if has_visible_args(&shown) {
            *text += &body(|w| man.render_options_section(w));
        }
        if shown.get_after_help().is_some() {
            *text += ".PP\n";
            *text += &body(|w| man.render_extra_section(w));
        }
        append_subcommands(sub, text);
    }
}

/// EXIT STATUS, ENVIRONMENT, FILES and, on group pages, SEE ALSO.
fn shared_sections(root: bool) -> String {
    let mut roff = Roff::new();
    roff.control("SH", ["EXIT STATUS"]);
    for (code, meaning) in EXIT_STATUS {
        roff.control("TP", []).text([bold(code.to_string())]);
        roff.text([roman(*meaning)]);
    }
    roff.control("PP", []).text([roman(
        "Every failure prints one line on standard error that says what is wrong and what to do. A command that fails writes nothing.",
    )]);
    roff.control("SH", ["ENVIRONMENT"]);
    for (name, meaning) in ENVIRONMENT {
        roff.control("TP", []).text([bold(*name)]);
        roff.text([roman(*meaning)]);
    }
    roff.control("SH", ["FILES"]);
    for (path, meaning) in FILES {
        roff.control("TP", []).text([italic(*path)]);
        roff.text([roman(*meaning)]);
    }
    if !root {
        roff.control("SH", ["SEE ALSO"]);
        roff.text([
            bold(BIN),
            roman("(1) for the global options and every command."),
        ]);
    }
    section(|w| roff.to_writer(w))
}

fn visible_subcommands(cmd: &Command) -> impl Iterator<Item = &Command> {
    let mut subs: Vec<&Command> = cmd.get_subcommands().filter(|s| !s.is_hide_set()).collect();
    // clap_mangen's order for the root's COMMANDS list.
    subs.sort_by_key(|s| (s.get_display_order(), s.get_name()));
    subs.into_iter()
}

fn has_visible_args(cmd: &Command) -> bool {
    cmd.get_arguments().any(|a| !a.is_hide_set())
}

/// `cmd` showing only its own options: the global ones and --help are listed
/// once, on the root page.
fn own_options(cmd: &Command) -> Command {
    cmd.clone().mut_args(|a| {
        let help = matches!(
            a.get_action(),
            ArgAction::Help | ArgAction::HelpShort | ArgAction::HelpLong
        );
        if a.is_global_set() || help {
            a.hide(true)
        } else {
            a
        }
    })
}

/// What a clap_mangen renderer writes, as text.
fn render(f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> String {
    let mut buf = Vec::new();
    // Writing into a Vec cannot fail, and roff output is UTF-8 from UTF-8 input.
    let _ = f(&mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

/// A section without the roff preamble, which the page has once, at the top.
fn section(f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> String {
    let preamble = Roff::new().render();
    let text = render(f);
    text.strip_prefix(&preamble).unwrap_or(&text).to_owned()
}

/// A section's body: without the preamble and its `.SH` heading lines, to sit
/// under a subcommand's `.SS`.
fn body(f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> String {
    section(f)
        .lines()
        .filter(|l| !l.starts_with(".SH "))
        .map(|l| format!("{l}\n"))
        .collect()
}
