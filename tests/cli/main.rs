//! Drives the real binary against real stores in temp directories.

mod access;
mod addon;
mod backup;
mod bounds;
mod client_area;
mod completions;
mod concurrency;
mod config;
mod corpus;
mod crash;
mod email;
mod examples;
mod generated;
mod hostile;
mod import;
mod import_files;
mod interactive;
mod key;
mod licence;
#[path = "../support/licensing_server.rs"]
mod licensing_server;
mod lifecycle;
#[path = "../support/mariadb.rs"]
mod mariadb;
mod module;
mod nfa;
#[path = "../support/nfa_server.rs"]
mod nfa_server;
mod roles;
mod scripting;
mod secrets;
mod settings;
mod smarty;
mod stores;
mod support;
mod whmcs;
#[path = "../support/whmcs_server.rs"]
mod whmcs_server;
