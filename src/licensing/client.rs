//! The HTTP exchange with the licensing server: one form-encoded POST with a timeout,
//! never through a proxy and never following a redirect, turned into the reply body or a
//! one-line reason why the server did not answer.

use std::time::Duration;

use ureq::Agent;

/// Largest reply read; a Licensing Addon reply is well under a kilobyte.
const MAX_REPLY_BYTES: u64 = 64 * 1024;

/// What came of a verification request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemoteOutcome {
    /// The body of an HTTP 200 answer.
    Reply(String),
    /// No usable answer (connection failed, timed out, not HTTP 200): why, in one line.
    Unreachable(String),
}

/// POSTs `form` to `url`, giving up after `timeout` for the whole exchange.
///
/// Proxy variables in the environment are ignored and redirects are reported rather
/// than followed, as the Licensing Addon's own client does.
pub fn post_form(url: &str, form: &[(&str, &str)], timeout: Duration) -> RemoteOutcome {
    let agent = Agent::new_with_config(
        Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .proxy(None)
            .max_redirects(0)
            .build(),
    );
    let mut response = match agent.post(url).send_form(form.iter().copied()) {
        Ok(response) => response,
        Err(error) => return RemoteOutcome::Unreachable(describe(&error, timeout)),
    };
    let status = response.status();
    if status != ureq::http::StatusCode::OK {
        let mut reason = format!("the licensing server answered HTTP {status}");
        if let Some(location) = response
            .headers()
            .get(ureq::http::header::LOCATION)
            .and_then(|value| value.to_str().ok())
        {
            reason.push_str(&format!(" (a redirect to {location})"));
        }
        return RemoteOutcome::Unreachable(one_line(&reason));
    }
    match response
        .body_mut()
        .with_config()
        .limit(MAX_REPLY_BYTES)
        .read_to_vec()
    {
        Ok(body) => RemoteOutcome::Reply(String::from_utf8_lossy(&body).into_owned()),
        Err(error) => RemoteOutcome::Unreachable(describe(&error, timeout)),
    }
}

fn describe(error: &ureq::Error, timeout: Duration) -> String {
    let reason = match error {
        ureq::Error::Timeout(_) => {
            format!("no answer from the licensing server within {timeout:?}")
        }
        ureq::Error::HostNotFound => "the licensing server's host name was not found".to_owned(),
        ureq::Error::BodyExceedsLimit(_) => format!(
            "the licensing server's reply is larger than {} KiB",
            MAX_REPLY_BYTES / 1024
        ),
        other => format!("cannot reach the licensing server: {other}"),
    };
    one_line(&reason)
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
