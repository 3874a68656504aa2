//! The licensing server over the shared HTTP edge: one form-encoded POST,
//! turned into the `check::RemoteOutcome` the licence decision takes — the
//! reply, or why the server did not answer (a non-200 status among them).

use std::time::Duration;

use super::check::RemoteOutcome;
use crate::http::{self, Remote};

/// Largest reply read; a Licensing Addon reply is well under a kilobyte.
const MAX_REPLY_BYTES: u64 = 64 * 1024;

/// POSTs `form` to the verify URL, giving up after `timeout`.
pub fn post_form(url: &str, form: &[(&str, &str)], timeout: Duration) -> RemoteOutcome {
    let remote = Remote {
        name: "the licensing server",
        timeout,
        max_bytes: MAX_REPLY_BYTES,
    };
    let response = match http::post_form(&remote, url, form) {
        Ok(r) => r,
        Err(reason) => return RemoteOutcome::Unreachable(reason),
    };
    if response.status != 200 {
        let mut reason = format!(
            "the licensing server answered HTTP {}",
            response.status_line()
        );
        if let Some(location) = &response.location {
            reason.push_str(&format!(" (a redirect to {location})"));
        }
        return RemoteOutcome::Unreachable(reason);
    }
    RemoteOutcome::Reply(String::from_utf8_lossy(&response.body).into_owned())
}
