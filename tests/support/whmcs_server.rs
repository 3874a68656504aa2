//! A loopback WHMCS API for tests, built from developers.whmcs.com: form-encoded
//! POSTs to `/includes/api.php` authenticated by `identifier` and `secret` (and
//! `accesskey` when the server wants one), `action=GetClientsProducts` with
//! `responsetype=json`, paged by `limitstart`/`limitnum`; `result: error` with a
//! message for bad credentials or a refused address (HTTP 403, as access
//! control answers), `"products": ""` when there are none. IDs and counts are
//! sent as numbers or as numeric strings, as WHMCS versions differ. Every
//! product carries a `password`, as WHMCS's does, so tests can check that it
//! goes nowhere.

#![allow(dead_code)]

use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};

pub const API_PATH: &str = "/includes/api.php";
pub const IDENTIFIER: &str = "api-identifier-1";
pub const SECRET: &str = "api-secret-xyzzy";
/// The password every listed service carries.
pub const SERVICE_PASSWORD: &str = "whmcs-service-pw-3141";

/// One service in WHMCS.
#[derive(Debug, Clone)]
pub struct Service {
    pub id: i64,
    pub client_id: i64,
    pub product_id: i64,
    pub status: &'static str,
}

pub fn service(id: i64, client_id: i64, product_id: i64, status: &'static str) -> Service {
    Service {
        id,
        client_id,
        product_id,
        status,
    }
}

/// How the server answers.
#[derive(Debug, Clone, PartialEq)]
pub enum Behaviour {
    Normal,
    /// `result: error`, this message, with this HTTP status.
    Error(u16, String),
    /// HTTP 500 from the request with this `limitstart` on.
    FailFrom(usize),
    /// HTTP 200 with an HTML page.
    Html,
}

#[derive(Debug, Default)]
pub struct State {
    pub services: Vec<Service>,
    pub ids_as_strings: bool,
    pub access_key: Option<String>,
    /// Every request's form, in order.
    pub requests: Vec<Vec<(String, String)>>,
}

pub struct WhmcsServer {
    server: Arc<tiny_http::Server>,
    pub state: Arc<Mutex<State>>,
    behaviour: Arc<Mutex<Behaviour>>,
    pub url: String,
    thread: Option<JoinHandle<()>>,
}

impl WhmcsServer {
    pub fn start(services: Vec<Service>) -> WhmcsServer {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind loopback"));
        let url = format!("http://{}", server.server_addr().to_ip().unwrap());
        let state = Arc::new(Mutex::new(State {
            services,
            ..State::default()
        }));
        let behaviour = Arc::new(Mutex::new(Behaviour::Normal));
        let thread = {
            let (server, state, behaviour) = (server.clone(), state.clone(), behaviour.clone());
            thread::spawn(move || {
                for mut request in server.incoming_requests() {
                    let mut body = String::new();
                    let _ = request.as_reader().read_to_string(&mut body);
                    let form: Vec<(String, String)> = url::form_urlencoded::parse(body.as_bytes())
                        .into_owned()
                        .collect();
                    let b = behaviour
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .clone();
                    let mut st = state.lock().unwrap_or_else(PoisonError::into_inner);
                    st.requests.push(form.clone());
                    let (code, text) = if request.url() != API_PATH {
                        (404, "not found".to_owned())
                    } else {
                        answer(&st, &b, &form)
                    };
                    drop(st);
                    let _ = request
                        .respond(tiny_http::Response::from_string(text).with_status_code(code));
                }
            })
        };
        WhmcsServer {
            server,
            state,
            behaviour,
            url,
            thread: Some(thread),
        }
    }

    pub fn set(&self, b: Behaviour) {
        *self.behaviour.lock().unwrap() = b;
    }

    pub fn requests(&self) -> Vec<Vec<(String, String)>> {
        self.state.lock().unwrap().requests.clone()
    }
}

impl Drop for WhmcsServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn field<'a>(form: &'a [(String, String)], name: &str) -> Option<&'a str> {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn error(code: u16, message: &str) -> (u16, String) {
    (
        code,
        serde_json::json!({"result": "error", "message": message}).to_string(),
    )
}

fn answer(st: &State, b: &Behaviour, form: &[(String, String)]) -> (u16, String) {
    if field(form, "identifier") != Some(IDENTIFIER) || field(form, "secret") != Some(SECRET) {
        return error(403, "Authentication Failed");
    }
    if let Some(key) = &st.access_key
        && field(form, "accesskey") != Some(key.as_str())
    {
        return error(403, "Invalid Access Key");
    }
    if field(form, "action") != Some("GetClientsProducts")
        || field(form, "responsetype") != Some("json")
    {
        return error(200, "Command Not Found");
    }
    let start: usize = field(form, "limitstart")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let limit: usize = field(form, "limitnum")
        .and_then(|v| v.parse().ok())
        .unwrap_or(25);
    match b {
        Behaviour::Error(code, message) => return error(*code, message),
        Behaviour::FailFrom(from) if start >= *from => {
            return (500, "Internal Server Error".into());
        }
        Behaviour::Html => return (200, "<html><body>Login</body></html>".into()),
        _ => {}
    }
    let num = |n: i64| {
        if st.ids_as_strings {
            serde_json::json!(n.to_string())
        } else {
            serde_json::json!(n)
        }
    };
    let page: Vec<serde_json::Value> = st
        .services
        .iter()
        .skip(start)
        .take(limit)
        .map(|s| {
            serde_json::json!({
                "id": num(s.id), "clientid": num(s.client_id), "pid": num(s.product_id),
                "orderid": num(1), "regdate": "2026-01-01", "name": "VPS", "groupname": "Servers",
                "domain": "", "status": s.status, "username": "root",
                "password": SERVICE_PASSWORD, "dedicatedip": "", "assignedips": "",
            })
        })
        .collect();
    let total = st.services.len() as i64;
    let products = if page.is_empty() {
        serde_json::json!("")
    } else {
        serde_json::json!({ "product": page })
    };
    (
        200,
        serde_json::json!({
            "result": "success", "clientid": null, "serviceid": null, "pid": null,
            "domain": null, "totalresults": num(total), "startnumber": start,
            "numreturned": page.len(), "products": products,
        })
        .to_string(),
    )
}
