//! Drives the real binary against real stores in temp directories.

mod access;
mod addon;
mod backup;
mod bounds;
mod client_area;
mod concurrency;
mod config;
mod corpus;
mod crash;
mod email;
mod examples;
mod generated;
mod hostile;
mod import;
mod interactive;
mod key;
mod licence;
#[path = "../support/licensing_server.rs"]
mod licensing_server;
mod module;
mod roles;
mod secrets;
mod settings;
mod support;
