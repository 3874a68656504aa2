//! Drives the real binary against real stores in temp directories.

mod backup;
mod module;
mod roles;
mod settings;
mod support;
