//! Drives the real binary against real stores in temp directories.

mod access;
mod addon;
mod backup;
mod corpus;
mod examples;
mod generated;
mod import;
mod key;
mod module;
mod roles;
mod settings;
mod support;
