//! A bulk import killed at any moment leaves the store exactly as it was
//! (SPEC 5.2): one transaction, all or nothing.

use std::io::Write;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::Stdio;
use std::time::Instant;

use crate::support::Env;

const ROWS: usize = 200_000;
/// Where in the import's run time the kills land.
const KILL_AT: [f64; 5] = [0.0, 0.1, 0.3, 0.5, 0.7];

fn write_import(path: &Path, first: usize, rows: usize) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(
        out,
        "service_id,client_id,username,password,group,ip_address,enabled"
    )
    .unwrap();
    for id in first..first + rows {
        writeln!(
            out,
            "{id},{},user-{id},pw-{id},group {},10.{}.{}.{},yes",
            id % 5000 + 1,
            id % 50,
            (id >> 16) & 255,
            (id >> 8) & 255,
            id & 255
        )
        .unwrap();
    }
    out.flush().unwrap();
}

/// The store's files, so that an import that beat its kill can be undone.
fn store_files(env: &Env) -> Vec<std::path::PathBuf> {
    ["netflow.db", "netflow.db-wal", "netflow.db-shm"]
        .iter()
        .map(|f| env.path(f))
        .collect()
}

#[test]
fn an_import_killed_at_any_moment_leaves_the_store_as_it_was() {
    let env = Env::activated();
    let seed = env.path("seed.csv");
    write_import(&seed, 1, 50);
    env.ok(&["access", "import", seed.to_str().unwrap()]);
    let big = env.path("big.csv");
    write_import(&big, 1000, ROWS);
    let big = big.to_str().unwrap();

    let before = env.ok(&["access", "export", "--include-passwords"]);
    let count = |env: &Env| env.sql::<i64>("SELECT count(*) FROM access") as usize;
    assert_eq!(count(&env), 50);
    let snapshot = env.path("snapshot");
    std::fs::create_dir(&snapshot).unwrap();
    for f in store_files(&env).iter().filter(|f| f.exists()) {
        std::fs::copy(f, snapshot.join(f.file_name().unwrap())).unwrap();
    }

    // A dry run does the whole import's work and commits nothing: its time is
    // the import's duration, less the commit.
    let started = Instant::now();
    env.ok(&["access", "import", big, "--dry-run"]);
    let duration = started.elapsed();

    let mut interrupted = 0;
    for fraction in KILL_AT {
        let delay = duration.mul_f64(fraction);
        let mut child = env
            .cmd(&["access", "import", big])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let status = child.wait().unwrap();
        let at = format!("killed after {delay:?} of {duration:?}");
        let check: String = env.sql("PRAGMA integrity_check");
        assert_eq!(check, "ok", "{at}");
        if status.signal() == Some(9) {
            interrupted += 1;
            assert_eq!(count(&env), 50, "{at}: rows were left behind");
            let now = env.ok(&["access", "export", "--include-passwords"]);
            assert!(now == before, "{at}: the records changed");
        } else {
            // The import won the race: all of it, then back to the snapshot.
            assert!(status.success(), "{at}: {status:?}");
            assert_eq!(count(&env), 50 + ROWS, "{at}");
            for f in store_files(&env) {
                let _ = std::fs::remove_file(&f);
                let saved = snapshot.join(f.file_name().unwrap());
                if saved.exists() {
                    std::fs::copy(saved, f).unwrap();
                }
            }
        }
    }
    assert!(
        interrupted >= KILL_AT.len() - 1,
        "only {interrupted} of {} kills landed during the import",
        KILL_AT.len()
    );
    // Whatever the kills left, the next import runs and commits.
    env.ok(&["access", "import", big]);
    assert_eq!(count(&env), 50 + ROWS);
}
