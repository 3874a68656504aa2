//! Link options for the executable that make it start sooner, each measured
//! (README, Performance). glibc stays shared, so NSS keeps working.
//!
//! - Not position-independent (`-no-pie`): the loader has none of the 6,500
//!   relocations of a PIE build to apply, and no relocated data pages to copy.
//!   The executable's own code and data then sit at a fixed address; the
//!   libraries, heap, stack and mappings are still randomised.
//! - libgcc's unwinder linked in, as gcc's `-static-libgcc` does, instead of
//!   loading libgcc_s.so.1: one shared library fewer to map and relocate, and
//!   its constructor (several CPUID instructions, each a trip to the
//!   hypervisor in a virtual machine) does not run. Rust's standard library
//!   asks for `-lgcc_s`; a `libgcc_s.a` that is libgcc's static unwinder
//!   (libgcc_eh.a), first on the search path, answers it.
//! - The functions the hook commands run placed together, before the rest of
//!   the code: `startup-order.ld` (written by `benches/startup-order.sh`)
//!   names them. Starting touches a page of code wherever a function it
//!   runs lies, and the kernel maps the 64 KB around each: placed as the
//!   linker placed them, they were spread over the whole 7 MB. A function
//!   the list does not name (a new one, or one renamed) stays where the
//!   linker puts it: a stale list only makes start-up slower.
//! - `pow` kept to the executable: `main.rs` defines it so that libm is not
//!   loaded, and the linker would otherwise export it (libm, on the link line
//!   for the standard library, defines it too), so that a library loaded
//!   later would call it instead of libm's.

use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let target = std::env::var("TARGET").unwrap_or_default();
    if !target.ends_with("-linux-gnu") {
        return;
    }
    println!("cargo:rustc-link-arg-bins=-no-pie");
    let order = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"))
        .join("startup-order.ld");
    println!("cargo:rerun-if-changed={}", order.display());
    if order.is_file() {
        println!("cargo:rustc-link-arg-bins=-Wl,-T,{}", order.display());
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let exports = out.join("exports.map");
    if std::fs::write(&exports, "{ local: pow; };\n").is_ok() {
        println!(
            "cargo:rustc-link-arg-bins=-Wl,--version-script={}",
            exports.display()
        );
    }
    if let Some(unwinder) = static_unwinder() {
        let archive = out.join("libgcc_s.a");
        let _ = std::fs::remove_file(&archive);
        if std::os::unix::fs::symlink(&unwinder, &archive).is_ok() {
            println!("cargo:rustc-link-arg-bins=-L{}", out.display());
        }
    }
}

/// libgcc_eh.a as the C compiler that links the executable finds it, if it does.
fn static_unwinder() -> Option<PathBuf> {
    let linker = std::env::var("RUSTC_LINKER").unwrap_or_else(|_| "cc".to_owned());
    let out = Command::new(linker)
        .arg("-print-file-name=libgcc_eh.a")
        .output()
        .ok()?;
    let path = PathBuf::from(String::from_utf8(out.stdout).ok()?.trim());
    (path.is_absolute() && path.is_file()).then_some(path)
}
