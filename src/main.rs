//! The executable: the C `main`, so that Rust's runtime start-up does not run
//! (`netflow_manager::main` does the part of it this tool needs).
//! Its test build keeps the harness's own `main` (it has no tests of its own).
#![cfg_attr(not(test), no_main)]

#[cfg(not(test))]
use std::ffi::{c_char, c_int};

#[cfg(not(test))]
#[unsafe(no_mangle)]
extern "C" fn main(_argc: c_int, _argv: *const *const c_char) -> c_int {
    // `exit` flushes stdout, as returning from Rust's `main` would.
    std::process::exit(netflow_manager::main().into())
}

/// The one function the executable would otherwise load libm for (indicatif's
/// progress-bar estimator calls it): from the `libm` crate, so that the loader
/// maps one shared library fewer at every start. (Also in the test build, which
/// links with the same version script.)
#[unsafe(no_mangle)]
extern "C" fn pow(x: f64, y: f64) -> f64 {
    libm::pow(x, y)
}
