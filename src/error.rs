//! Failures that know their exit code (SPEC 5.1), and the mapping of any error
//! chain to one stderr line and one exit code.

use std::fmt;

/// The documented exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// A check answered "no" (licence not active, doctor found problems, collection paused).
    No = 1,
    Usage = 2,
    DataErr = 65,
    NoInput = 66,
    Unavailable = 69,
    /// An internal error: a bug.
    Software = 70,
    CantCreate = 73,
    Busy = 75,
    NoPerm = 77,
    Config = 78,
}

/// An error with its exit code. An empty message means the command already said
/// everything (a check that answered "no").
#[derive(Debug)]
pub struct Failure {
    pub exit: Exit,
    pub message: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

/// An error with this exit code and message.
pub fn fail(exit: Exit, message: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(Failure {
        exit,
        message: message.into(),
    })
}

/// Exit with `exit` without printing anything more.
pub fn silent(exit: Exit) -> anyhow::Error {
    fail(exit, "")
}

/// What `main` does with an error: the exit code, and the line for stderr
/// (`None` when nothing is to be printed).
pub fn report(err: &anyhow::Error) -> (u8, Option<String>) {
    if broken_pipe(err) {
        return (0, None);
    }
    let exit = exit_of(err);
    let silent = err
        .chain()
        .next()
        .and_then(|e| e.downcast_ref::<Failure>())
        .is_some_and(|f| f.message.is_empty());
    let line = (!silent)
        .then(|| crate::escape::escaped(&format!("{err:#}").replace('\n', " ")).into_owned());
    (exit as u8, line)
}

/// Output into a closed pipe (`| head -1`), however the writer wrapped the error:
/// plain I/O, JSON or CSV.
fn broken_pipe(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == BrokenPipe)
            || e.downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(BrokenPipe))
            || e.downcast_ref::<csv::Error>().is_some_and(
                |c| matches!(c.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe),
            )
    })
}

fn exit_of(err: &anyhow::Error) -> Exit {
    for cause in err.chain() {
        if let Some(f) = cause.downcast_ref::<Failure>() {
            return f.exit;
        }
        if let Some(exit) = cause
            .downcast_ref::<crate::store::db::Error>()
            .and_then(|e| e.exit())
        {
            return exit;
        }
        if let Some(e) = cause.downcast_ref::<rusqlite::Error>()
            && let Some(exit) = crate::store::db::sqlite_exit(e)
        {
            return exit;
        }
        if cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(cannot_write)
        {
            return Exit::CantCreate;
        }
    }
    Exit::Software
}

/// A write that failed for want of space or a working disk.
fn cannot_write(e: &std::io::Error) -> bool {
    use nix::errno::Errno;
    e.raw_os_error().is_some_and(|n| {
        [Errno::ENOSPC, Errno::EDQUOT, Errno::EFBIG, Errno::EIO].contains(&Errno::from_raw(n))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn exit_code_survives_added_context() {
        let err = Err::<(), _>(fail(Exit::NoInput, "no access record for service 7"))
            .context("cannot show the record")
            .unwrap_err();
        let (code, line) = report(&err);
        assert_eq!(code, 66);
        assert_eq!(
            line.as_deref(),
            Some("cannot show the record: no access record for service 7")
        );
    }

    #[test]
    fn the_error_line_shows_control_characters_escaped() {
        let err = fail(Exit::DataErr, "bad name \u{1b}]0;pwned\u{7}\nnext");
        assert_eq!(
            report(&err).1.as_deref(),
            Some("bad name \\x1b]0;pwned\\x07 next")
        );
    }

    #[test]
    fn silent_failure_prints_nothing() {
        assert_eq!(report(&silent(Exit::No)), (1, None));
    }

    #[test]
    fn a_full_disk_is_exit_73() {
        let err = anyhow::Error::new(std::io::Error::from_raw_os_error(28)).context("writing");
        assert_eq!(report(&err).0, 73);
    }

    #[test]
    fn broken_pipe_is_a_quiet_success() {
        let pipe = || std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        assert_eq!(report(&anyhow::Error::new(pipe())), (0, None));
        let json = serde_json::Error::io(pipe());
        assert_eq!(report(&anyhow::Error::new(json)), (0, None));
        let csv = csv::Error::from(pipe());
        assert_eq!(report(&anyhow::Error::new(csv)), (0, None));
    }
}
