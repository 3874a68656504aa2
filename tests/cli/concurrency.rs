//! Processes that write at once wait for each other (busy timeout, BEGIN
//! IMMEDIATE): none fails, none loses another's change.

use std::sync::Barrier;

use crate::support::Env;

const PROCESSES: usize = 8;
const ROUNDS: usize = 3;

#[test]
fn eight_processes_add_and_edit_at_once() {
    let env = Env::activated();
    for round in 0..ROUNDS {
        let start = Barrier::new(PROCESSES);
        std::thread::scope(|s| {
            let workers: Vec<_> = (0..PROCESSES)
                .map(|i| {
                    let (env, start) = (&env, &start);
                    s.spawn(move || {
                        let service = (round * 100 + i + 1).to_string();
                        start.wait();
                        let add = env.run_with_stdin(
                            &[
                                "access",
                                "add",
                                "--service",
                                &service,
                                "--client",
                                "7",
                                "--username",
                                &format!("user-{service}"),
                                "--password-stdin",
                            ],
                            &format!("first-{service}\n"),
                        );
                        let edit = env.run_with_stdin(
                            &[
                                "access",
                                "edit",
                                &service,
                                "--group",
                                &format!("group {service}"),
                                "--ip",
                                &format!("192.0.2.{}", i + 1),
                                "--password-stdin",
                            ],
                            &format!("second-{service}\n"),
                        );
                        [("add", service.clone(), add), ("edit", service, edit)]
                    })
                })
                .collect();
            for worker in workers {
                for (what, service, out) in worker.join().unwrap() {
                    let stderr = String::from_utf8_lossy(&out.stderr);
                    assert!(
                        out.status.success(),
                        "access {what} {service} exited {:?}: {stderr}",
                        out.status.code()
                    );
                    for word in ["locked", "busy", "panicked"] {
                        assert!(!stderr.contains(word), "access {what} {service}: {stderr}");
                    }
                }
            }
        });
    }

    let records = env.json(&[
        "access",
        "export",
        "--include-passwords",
        "--format",
        "json",
    ]);
    let records = records.as_array().unwrap();
    assert_eq!(records.len(), PROCESSES * ROUNDS, "a record was lost");
    for r in records {
        let service = r["service_id"].to_string();
        assert_eq!(r["username"], format!("user-{service}"));
        assert_eq!(r["group"], format!("group {service}"), "an edit was lost");
        assert_eq!(r["password"], format!("second-{service}"));
    }
    for action in ["access.add", "access.edit"] {
        let n: i64 = env.sql(&format!(
            "SELECT count(*) FROM audit WHERE action = '{action}'"
        ));
        assert_eq!(n as usize, PROCESSES * ROUNDS, "{action} audit entries");
    }
    let check: String = env.sql("PRAGMA integrity_check");
    assert_eq!(check, "ok");
}
