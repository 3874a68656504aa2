//! Drives the real binary against real stores in temp directories.

mod access;
mod addon;
mod backup;
mod concurrency;
mod corpus;
mod crash;
mod examples;
mod generated;
mod import;
mod key;
mod module;
mod roles;
mod secrets;
mod settings;
mod support;
