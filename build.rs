//! Link options for the executable that make it start sooner, each measured
//! (README, Performance). glibc stays shared, so NSS keeps working.
//!
//! - Not position-independent (`-no-pie`): the loader has none of the 6,500
//!   relocations of a PIE build to apply, and no relocated data pages to copy.
//!   The executable's own code and data then sit at a fixed address; the
//!   libraries, heap, stack and mappings are still randomised.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let target = std::env::var("TARGET").unwrap_or_default();
    if target.ends_with("-linux-gnu") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
