//! The one HTTP edge every remote system goes through (the licensing server, the
//! WHMCS API, NetFlow Analyzer): a timeout for the whole exchange, a cap on the
//! answer's size, no redirects followed, and the environment's proxy unless the
//! server is on loopback. An exchange gives the status and body of whatever
//! answered, or a one-line reason why nothing did; what a status or body means
//! is the caller's business.

use std::net::IpAddr;
use std::time::Duration;

use ureq::{Agent, Proxy};
use url::{Host, Url};

/// One remote system's limits and its name in messages ("WHMCS").
#[derive(Debug, Clone, Copy)]
pub struct Remote<'a> {
    pub name: &'a str,
    pub timeout: Duration,
    /// The largest answer read; a larger one is "no answer".
    pub max_bytes: u64,
}

/// What answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    /// Where a redirect pointed (redirects are reported, never followed).
    pub location: Option<String>,
    pub body: Vec<u8>,
}

impl Response {
    /// The status as people read it: "404 Not Found".
    pub fn status_line(&self) -> String {
        ureq::http::StatusCode::from_u16(self.status)
            .map(|c| c.to_string())
            .unwrap_or_else(|_| self.status.to_string())
    }
}

/// POSTs `form`, form-encoded, to `url`.
pub fn post_form(
    remote: &Remote<'_>,
    url: &str,
    form: &[(&str, &str)],
) -> Result<Response, String> {
    let agent = agent(remote, url)?;
    let response = agent.post(url).send_form(form.iter().copied());
    read(remote, response)
}

/// GETs `url` with `query` appended as its query string.
pub fn get(remote: &Remote<'_>, url: &str, query: &[(&str, &str)]) -> Result<Response, String> {
    let agent = agent(remote, url)?;
    let mut request = agent.get(url);
    for (k, v) in query {
        request = request.query(*k, *v);
    }
    read(remote, request.call())
}

fn agent(remote: &Remote<'_>, url: &str) -> Result<Agent, String> {
    let proxy = proxy_from_env(url)?;
    Ok(Agent::new_with_config(
        Agent::config_builder()
            .timeout_global(Some(remote.timeout))
            .http_status_as_error(false)
            .proxy(proxy)
            .max_redirects(0)
            .build(),
    ))
}

fn read(
    remote: &Remote<'_>,
    response: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
) -> Result<Response, String> {
    let mut response = response.map_err(|e| describe(remote, &e))?;
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get(ureq::http::header::LOCATION)
        .and_then(|value| value.to_str().ok())
        .map(one_line);
    let body = response
        .body_mut()
        .with_config()
        .limit(remote.max_bytes)
        .read_to_vec()
        .map_err(|e| describe(remote, &e))?;
    Ok(Response {
        status,
        location,
        body,
    })
}

/// The proxy the environment names for `url`, ready for the agent.
fn proxy_from_env(url: &str) -> Result<Option<Proxy>, String> {
    // A URL that does not parse is left for the agent to report.
    let Ok(url) = Url::parse(url) else {
        return Ok(None);
    };
    let Some((variable, value)) = proxy_variable(&url, |name| std::env::var(name).ok()) else {
        return Ok(None);
    };
    // The value is not repeated: it may hold the proxy's password.
    Proxy::new(&value).map(Some).map_err(|_| {
        format!("the proxy in {variable} is not a proxy URL such as http://proxy.example.net:3128")
    })
}

/// The proxy variable that applies to `url`, with its value, read the way curl reads
/// them: none for a loopback host or a host `NO_PROXY` lists; otherwise `<scheme>_proxy`,
/// then `ALL_PROXY`, lower case before upper case, empty values skipped. Inside a CGI
/// request (`REQUEST_METHOD` set) `HTTP_PROXY` is ignored, since a client's `Proxy:`
/// header sets it there ("httpoxy").
fn proxy_variable(
    url: &Url,
    env: impl Fn(&str) -> Option<String>,
) -> Option<(&'static str, String)> {
    let host = url.host()?;
    if is_loopback(&host) {
        return None;
    }
    let set = |name: &str| env(name).filter(|value| !value.trim().is_empty());
    if set("no_proxy")
        .or_else(|| set("NO_PROXY"))
        .is_some_and(|list| no_proxy_lists(&list, &host))
    {
        return None;
    }
    let cgi = env("REQUEST_METHOD").is_some();
    let candidates = if url.scheme() == "https" {
        ["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"]
    } else {
        ["http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"]
    };
    candidates
        .into_iter()
        .filter(|name| !(cgi && *name == "HTTP_PROXY"))
        .find_map(|name| set(name).map(|value| (name, value.trim().to_owned())))
}

/// `localhost` (and its subdomains), 127.0.0.0/8 and ::1 (also IPv4-mapped).
fn is_loopback(host: &Host<&str>) -> bool {
    match host {
        Host::Domain(name) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            name == "localhost" || name.ends_with(".localhost")
        }
        Host::Ipv4(address) => address.is_loopback(),
        Host::Ipv6(address) => {
            address.is_loopback() || address.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
    }
}

/// True when the comma list `list` (NO_PROXY) covers `host`: `*` covers every host, a
/// name covers itself and its subdomains (a leading `.` or `*.` is optional), an IP
/// address itself and a CIDR network (`10.0.0.0/8`) its addresses.
fn no_proxy_lists(list: &str, host: &Host<&str>) -> bool {
    let address = match host {
        Host::Domain(_) => None,
        Host::Ipv4(address) => Some(IpAddr::V4(*address)),
        Host::Ipv6(address) => Some(IpAddr::V6(*address)),
    };
    let name = match host {
        Host::Domain(name) => name.trim_end_matches('.').to_ascii_lowercase(),
        _ => String::new(),
    };
    list.split(',').map(str::trim).any(|entry| {
        if entry == "*" {
            return true;
        }
        let entry = entry.trim_start_matches('[').replace(']', "");
        if let Some(address) = address {
            return match entry.split_once('/') {
                Some((network, bits)) => in_network(address, network, bits),
                None => entry.parse::<IpAddr>() == Ok(address),
            };
        }
        let entry = entry
            .trim_start_matches("*.")
            .trim_start_matches('.')
            .trim_end_matches('.')
            .to_ascii_lowercase();
        !entry.is_empty() && (name == entry || name.ends_with(&format!(".{entry}")))
    })
}

/// True when `address` lies in `network`/`bits` (same address family).
fn in_network(address: IpAddr, network: &str, bits: &str) -> bool {
    let (Ok(network), Ok(bits)) = (network.parse::<IpAddr>(), bits.parse::<u32>()) else {
        return false;
    };
    let (address, network, width) = match (address, network) {
        (IpAddr::V4(a), IpAddr::V4(n)) => (u128::from(u32::from(a)), u128::from(u32::from(n)), 32),
        (IpAddr::V6(a), IpAddr::V6(n)) => (u128::from(a), u128::from(n), 128),
        _ => return false,
    };
    bits <= width && (bits == 0 || (address ^ network) >> (width - bits) == 0)
}

fn describe(remote: &Remote<'_>, error: &ureq::Error) -> String {
    let name = remote.name;
    let reason = match error {
        ureq::Error::Timeout(_) => format!("no answer from {name} within {:?}", remote.timeout),
        ureq::Error::HostNotFound => format!("{name}'s host name was not found"),
        ureq::Error::BodyExceedsLimit(_) => format!(
            "{name}'s answer is larger than {} KiB",
            remote.max_bytes / 1024
        ),
        other => format!("cannot reach {name}: {other}"),
    };
    one_line(&reason)
}

pub fn one_line(text: &str) -> String {
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

    /// `proxy_variable` of `url` in an environment holding exactly `vars`.
    fn chosen(url: &str, vars: &[(&str, &str)]) -> Option<(&'static str, String)> {
        let url = Url::parse(url).expect("a test URL");
        proxy_variable(&url, |name| {
            vars.iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        })
    }

    const EVERY_PROXY: [(&str, &str); 3] = [
        ("HTTP_PROXY", "http://http-proxy:3128"),
        ("HTTPS_PROXY", "http://https-proxy:3128"),
        ("ALL_PROXY", "http://all-proxy:3128"),
    ];

    #[test]
    fn a_loopback_server_never_goes_through_a_proxy() {
        for url in [
            "http://127.0.0.1:8080/verify.php",
            "http://127.1.2.3/",
            "http://[::1]:8080/",
            "http://[::ffff:127.0.0.1]/",
            "https://localhost/",
            "http://LOCALHOST./",
            "http://licensing.localhost/",
        ] {
            assert_eq!(chosen(url, &EVERY_PROXY), None, "{url}");
        }
    }

    #[test]
    fn a_remote_server_uses_the_proxy_for_its_scheme_then_all_proxy() {
        let http = Some(("HTTP_PROXY", "http://http-proxy:3128".to_owned()));
        let https = Some(("HTTPS_PROXY", "http://https-proxy:3128".to_owned()));
        assert_eq!(chosen("http://licensing.example.com/", &EVERY_PROXY), http);
        assert_eq!(
            chosen("https://licensing.example.com/", &EVERY_PROXY),
            https
        );
        assert_eq!(
            chosen("https://203.0.113.5/", &[("ALL_PROXY", "proxy:8080")]),
            Some(("ALL_PROXY", "proxy:8080".to_owned()))
        );
        assert_eq!(
            chosen(
                "https://licensing.example.com/",
                &[
                    ("https_proxy", "http://lower:1"),
                    ("HTTPS_PROXY", "http://upper:1")
                ]
            ),
            Some(("https_proxy", "http://lower:1".to_owned()))
        );
        assert_eq!(
            chosen("http://licensing.example.com/", &[("HTTP_PROXY", " ")]),
            None
        );
        assert_eq!(chosen("http://licensing.example.com/", &[]), None);
    }

    #[test]
    fn http_proxy_is_ignored_inside_a_cgi_request() {
        let mut vars = vec![("REQUEST_METHOD", "GET"), ("HTTP_PROXY", "http://evil:80")];
        assert_eq!(chosen("http://licensing.example.com/", &vars), None);
        vars.push(("http_proxy", "http://site-proxy:3128"));
        assert_eq!(
            chosen("http://licensing.example.com/", &vars),
            Some(("http_proxy", "http://site-proxy:3128".to_owned()))
        );
    }

    #[test]
    fn no_proxy_lists_names_subdomains_addresses_and_networks() {
        let through = |url: &str, no_proxy: &str| {
            let mut vars = EVERY_PROXY.to_vec();
            vars.push(("NO_PROXY", no_proxy));
            chosen(url, &vars).is_some()
        };
        let list = "intranet, .example.com,*.example.org, 10.0.0.0/8,192.0.2.7,[2001:db8::]/32";
        for direct in [
            "http://intranet/",
            "http://example.com/",
            "http://licensing.example.com/",
            "http://LICENSING.EXAMPLE.ORG./",
            "http://10.20.30.40/",
            "http://192.0.2.7/",
            "http://[2001:db8::1]/",
        ] {
            assert!(!through(direct, list), "{direct} must go direct");
        }
        for proxied in [
            "http://intranet.example.net/",
            "http://notexample.com/",
            "http://11.0.0.1/",
            "http://192.0.2.8/",
            "http://[2001:db9::1]/",
        ] {
            assert!(through(proxied, list), "{proxied} must use the proxy");
        }
        assert!(!through("https://anything.example.net/", "*"));
        assert!(through("https://anything.example.net/", ""));
        assert!(!through("http://10.1.1.1/", "0.0.0.0/0"));
        assert!(through("http://10.1.1.1/", "10.0.0.0/33"));
    }

    #[test]
    fn lower_case_no_proxy_comes_first() {
        let mut vars = EVERY_PROXY.to_vec();
        vars.extend([("no_proxy", "example.com"), ("NO_PROXY", "example.org")]);
        assert_eq!(chosen("http://licensing.example.com/", &vars), None);
        assert!(chosen("http://licensing.example.org/", &vars).is_some());
    }

    const REMOTE: Remote<'static> = Remote {
        name: "the test server",
        timeout: Duration::from_secs(5),
        max_bytes: 64 * 1024,
    };

    #[test]
    fn a_redirect_is_reported_not_followed() {
        let (url, requests) = serve(|base| {
            let location = format!("Location: {base}/moved");
            let header: tiny_http::Header = location.parse().expect("a header");
            tiny_http::Response::empty(302).with_header(header).boxed()
        });
        let r = post_form(&REMOTE, &url, &[("licensekey", "k")]).unwrap();
        assert_eq!(r.status, 302);
        assert_eq!(r.location, Some(format!("{url}/moved")));
        assert_eq!(requests.join().expect("the server thread ends"), 1);
    }

    #[test]
    fn get_sends_the_query() {
        let (url, _) = serve(|_| tiny_http::Response::from_string("ok").boxed());
        let r = get(&REMOTE, &url, &[("apiKey", "k")]).unwrap();
        assert_eq!((r.status, r.body), (200, b"ok".to_vec()));
    }

    #[test]
    fn an_oversized_answer_is_no_answer() {
        let (url, _) = serve(|_| tiny_http::Response::from_data(vec![b'x'; 65 * 1024]).boxed());
        assert_eq!(
            post_form(&REMOTE, &url, &[]),
            Err("the test server's answer is larger than 64 KiB".to_owned())
        );
    }

    #[test]
    fn a_closed_port_is_no_answer() {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let err = get(&REMOTE, &format!("http://127.0.0.1:{port}/"), &[]).unwrap_err();
        assert!(err.starts_with("cannot reach the test server"), "{err}");
    }
}
