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
/// Proxy variables in the environment are ignored: the licensing server is reached
/// directly. Redirects are reported rather than followed, as the Licensing Addon's own
/// client (curl without `FOLLOWLOCATION`) does.
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

#[cfg(test)]
mod tests {
    use std::thread;

    use super::*;

    /// Serves `answer` for every request to a loopback port for a moment; returns the
    /// server's URL and a handle that yields how many requests arrived.
    fn serve(answer: fn(&str) -> tiny_http::ResponseBox) -> (String, thread::JoinHandle<usize>) {
        let server = tiny_http::Server::http("127.0.0.1:0").expect("bind a loopback port");
        let address = server.server_addr().to_ip().expect("a TCP address");
        let base = format!("http://{address}");
        let url = base.clone();
        let handle = thread::spawn(move || {
            let mut count = 0;
            while let Ok(Some(request)) = server.recv_timeout(Duration::from_millis(500)) {
                count += 1;
                let _ = request.respond(answer(&base));
            }
            count
        });
        (url, handle)
    }

    #[test]
    fn a_redirect_is_reported_not_followed() {
        let (url, requests) = serve(|base| {
            let location = format!("Location: {base}/moved");
            let header: tiny_http::Header = location.parse().expect("a header");
            tiny_http::Response::empty(302).with_header(header).boxed()
        });
        let outcome = post_form(&url, &[("licensekey", "k")], Duration::from_secs(5));
        assert_eq!(
            outcome,
            RemoteOutcome::Unreachable(format!(
                "the licensing server answered HTTP 302 Found (a redirect to {url}/moved)"
            ))
        );
        assert_eq!(requests.join().expect("the server thread ends"), 1);
    }

    #[test]
    fn a_reply_that_is_not_utf8_is_read_lossily() {
        let (url, _) = serve(|_| {
            tiny_http::Response::from_data(b"<status>Active</status><x>Jos\xe9</x>".to_vec())
                .boxed()
        });
        let outcome = post_form(&url, &[], Duration::from_secs(5));
        assert_eq!(
            outcome,
            RemoteOutcome::Reply("<status>Active</status><x>Jos\u{fffd}</x>".to_owned())
        );
    }

    #[test]
    fn an_oversized_reply_is_refused() {
        let (url, _) = serve(|_| tiny_http::Response::from_data(vec![b'x'; 65 * 1024]).boxed());
        let outcome = post_form(&url, &[], Duration::from_secs(5));
        assert_eq!(
            outcome,
            RemoteOutcome::Unreachable(
                "the licensing server's reply is larger than 64 KiB".to_owned()
            )
        );
    }
}
