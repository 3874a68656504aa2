//! A loopback licensing server for tests: the server side of the WHMCS Licensing Addon
//! protocol over tiny_http, answering from a table of licences, signing Active, Expired
//! and Suspended answers with md5(secret + check_token) and sending Invalid ones without
//! md5hash as a real server does, and misbehaving on demand (no or a wrong md5hash,
//! signed Invalid answers, 500, junk, slow).

// Each test binary that includes this file uses only part of it.
#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use md5::{Digest, Md5};

/// The path the Licensing Addon serves verification requests on.
pub const VERIFY_PATH: &str = "/modules/servers/licensing/verify.php";
/// The longest `Behaviour::Slow` delay honoured, so a test can never hang for long.
pub const MAX_DELAY: Duration = Duration::from_secs(5);

/// One licence the server knows.
#[derive(Debug, Clone)]
pub struct Licence {
    pub key: String,
    /// `Active`, `Expired` or `Suspended`.
    pub status: String,
    pub valid_domains: Vec<String>,
    pub valid_ips: Vec<String>,
    pub valid_directories: Vec<String>,
}

impl Licence {
    /// An Active licence for the given domains, IP addresses and directories.
    pub fn active(key: &str, domains: &[&str], ips: &[&str], directories: &[&str]) -> Self {
        let owned = |items: &[&str]| items.iter().map(|item| (*item).to_owned()).collect();
        Self {
            key: key.to_owned(),
            status: "Active".to_owned(),
            valid_domains: owned(domains),
            valid_ips: owned(ips),
            valid_directories: owned(directories),
        }
    }

    /// The same licence in another state (`Expired`, `Suspended`).
    pub fn with_status(self, status: &str) -> Self {
        Self {
            status: status.to_owned(),
            ..self
        }
    }
}

/// How the server treats the next requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    /// Answers as the Licensing Addon does: Invalid answers carry no `md5hash`.
    Normal,
    /// Answers normally but every answer, Invalid ones too, with an `md5hash` made with
    /// another secret.
    WrongMd5,
    /// Answers normally but without `md5hash` on any answer, Active ones too.
    Unsigned,
    /// Answers normally but signs Invalid answers too.
    SignsInvalid,
    /// Answers HTTP 500.
    Http500,
    /// Answers HTTP 200 with a page that is not a licensing reply.
    Junk,
    /// Waits this long (at most `MAX_DELAY`) in the server thread, then answers normally.
    Slow(Duration),
}

struct Shared {
    secret: String,
    licences: Vec<Licence>,
    behaviour: Mutex<Behaviour>,
    requests: AtomicUsize,
    last_form: Mutex<Option<Vec<(String, String)>>>,
}

/// A running server; it stops when dropped.
pub struct LicensingServer {
    server: Arc<tiny_http::Server>,
    shared: Arc<Shared>,
    url: String,
    thread: Option<JoinHandle<()>>,
}

impl LicensingServer {
    /// Starts a server on 127.0.0.1 with an ephemeral port.
    pub fn start(secret: &str, licences: Vec<Licence>) -> Self {
        let server =
            Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind a loopback port"));
        let address = server
            .server_addr()
            .to_ip()
            .expect("a TCP listening address");
        let shared = Arc::new(Shared {
            secret: secret.to_owned(),
            licences,
            behaviour: Mutex::new(Behaviour::Normal),
            requests: AtomicUsize::new(0),
            last_form: Mutex::new(None),
        });
        let thread = {
            let server = Arc::clone(&server);
            let shared = Arc::clone(&shared);
            thread::spawn(move || {
                for request in server.incoming_requests() {
                    shared.handle(request);
                }
            })
        };
        Self {
            server,
            shared,
            url: format!("http://{address}"),
            thread: Some(thread),
        }
    }

    /// The WHMCS root URL to configure as the licensing server.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn set_behaviour(&self, behaviour: Behaviour) {
        *lock(&self.shared.behaviour) = behaviour;
    }

    /// How many requests arrived, whatever was answered.
    pub fn requests(&self) -> usize {
        self.shared.requests.load(Ordering::SeqCst)
    }

    /// The form fields of the last verification request, in the order they came.
    pub fn last_form(&self) -> Option<Vec<(String, String)>> {
        lock(&self.shared.last_form).clone()
    }
}

impl Drop for LicensingServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            // A panic in the server thread has already failed the test that caused it.
            let _ = thread.join();
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Shared {
    fn handle(&self, mut request: tiny_http::Request) {
        self.requests.fetch_add(1, Ordering::SeqCst);
        let mut body = Vec::new();
        let readable = request.as_reader().read_to_end(&mut body).is_ok();
        let (code, text) = if !readable
            || *request.method() != tiny_http::Method::Post
            || request.url() != VERIFY_PATH
        {
            (404, "Not Found".to_owned())
        } else {
            let form: Vec<(String, String)> =
                url::form_urlencoded::parse(&body).into_owned().collect();
            *lock(&self.last_form) = Some(form.clone());
            self.answer(&form)
        };
        let response = tiny_http::Response::from_string(text).with_status_code(code);
        // The client may have given up already (slow mode); that is its business.
        let _ = request.respond(response);
    }

    fn answer(&self, form: &[(String, String)]) -> (u16, String) {
        let behaviour = *lock(&self.behaviour);
        match behaviour {
            Behaviour::Http500 => return (500, "Internal Server Error".to_owned()),
            Behaviour::Junk => {
                return (
                    200,
                    "<html><head><title>Welcome</title></head><body>It works!</body></html>"
                        .to_owned(),
                );
            }
            Behaviour::Slow(delay) => thread::sleep(delay.min(MAX_DELAY)),
            Behaviour::Normal
            | Behaviour::WrongMd5
            | Behaviour::Unsigned
            | Behaviour::SignsInvalid => {}
        }
        let field = |name: &str| {
            form.iter()
                .find(|(key, _)| key == name)
                .map_or("", |(_, value)| value.as_str())
        };
        let mut tags = self.verdict(
            field("licensekey"),
            field("domain"),
            field("ip"),
            field("dir"),
        );
        let invalid = tags[0].1 == "Invalid";
        let signer = match behaviour {
            Behaviour::WrongMd5 => Some("not-the-secret"),
            Behaviour::Unsigned => None,
            Behaviour::SignsInvalid => Some(self.secret.as_str()),
            _ if invalid => None,
            _ => Some(self.secret.as_str()),
        };
        if let Some(secret) = signer {
            tags.push((
                "md5hash",
                md5_hex(&format!("{secret}{}", field("check_token"))),
            ));
        }
        let reply = tags
            .iter()
            .map(|(tag, value)| format!("<{tag}>{value}</{tag}>"))
            .collect::<Vec<_>>()
            .join("\n");
        (200, reply)
    }

    /// The reply tags (without md5hash), status first, as the Licensing Addon decides them.
    fn verdict(&self, key: &str, domain: &str, ip: &str, dir: &str) -> Vec<(&'static str, String)> {
        let invalid = |message: Option<&str>| {
            let mut tags = vec![("status", "Invalid".to_owned())];
            tags.extend(message.map(|message| ("message", message.to_owned())));
            tags
        };
        let Some(licence) = self.licences.iter().find(|licence| licence.key == key) else {
            return invalid(None);
        };
        if licence.status != "Active" {
            return vec![
                ("status", licence.status.clone()),
                ("registeredname", "Jane Operator".to_owned()),
            ];
        }
        let listed = |list: &[String], value: &str| list.iter().any(|item| item == value);
        if !listed(&licence.valid_domains, domain) {
            return invalid(Some("Domain Invalid"));
        }
        if !listed(&licence.valid_ips, ip) {
            return invalid(Some("IP Address Invalid"));
        }
        if !listed(&licence.valid_directories, dir) {
            return invalid(Some("Directory Invalid"));
        }
        let text = |value: &str| value.to_owned();
        vec![
            ("status", text("Active")),
            ("registeredname", text("Jane Operator")),
            ("companyname", text("Example Hosting Ltd")),
            ("email", text("ops@example.net")),
            ("serviceid", text("4711")),
            ("productid", text("12")),
            ("productname", text("NetFlow Manager for WHMCS")),
            ("regdate", text("2026-01-15")),
            ("nextduedate", text("2027-01-15")),
            ("billingcycle", text("Annually")),
            ("validdomain", licence.valid_domains.join(",")),
            ("validip", licence.valid_ips.join(",")),
            ("validdirectory", licence.valid_directories.join(",")),
            ("configoptions", String::new()),
            ("customfields", text("Support=Yes|")),
            (
                "addons",
                text("name=Priority Updates;nextduedate=2027-01-15;status=Active|"),
            ),
        ]
    }
}

fn md5_hex(text: &str) -> String {
    Md5::digest(text.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}
