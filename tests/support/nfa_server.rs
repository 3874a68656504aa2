//! A loopback NetFlow Analyzer IP Group API for tests, built from ManageEngine's
//! help page "IP Group API" and the public client code that calls it:
//! `GET /api/json/nfaipgroup/listIPGroup?apiKey=…` answers `{"IPGroup_List":
//! [{"base": {"Name", "ID", "desc", "speed"}, "ip": [[type, status, values…]],
//! "Asso_Dev_id"}]}`; form-encoded POSTs to `addIPGroup` (`GroupName`, `Desc`,
//! `DevList`, `IPData`, `IPType`, `status`), `modifyIPGroup` (the same with
//! `ipGrpID`, which must name the group `GroupName` names) and `deleteIPGroup`
//! (`GroupName`), each with `apiKey`. `IPData` is read as documented: criteria
//! separated by `-`, each one's values by `,` (a trailing empty value dropped,
//! as Java's `split` does), as many as `IPType` and `status` list. Refusals
//! are `{"error": {"code", "message"}}`.

#![allow(dead_code)]

use std::net::Ipv4Addr;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};

pub const LIST: &str = "/api/json/nfaipgroup/listIPGroup";
pub const ADD: &str = "/api/json/nfaipgroup/addIPGroup";
pub const MODIFY: &str = "/api/json/nfaipgroup/modifyIPGroup";
pub const DELETE: &str = "/api/json/nfaipgroup/deleteIPGroup";
pub const API_KEY: &str = "nfa-api-key-5f1c9e27ab";

/// One IP group as NetFlow Analyzer keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct IpGroup {
    pub id: i64,
    pub name: String,
    /// As `listIPGroup` reports them: `["IPAddress","Include","192.0.2.7"]`,
    /// `["IPNetwork","Include",address,netmask]`, `["IPRange","Include","a to b",netmask]`.
    pub criteria: Vec<Vec<String>>,
    pub desc: String,
    pub speed: String,
    pub devices: String,
}

/// A group made by hand in NetFlow Analyzer's web client.
pub fn by_hand(id: i64, name: &str, criteria: &[&[&str]]) -> IpGroup {
    IpGroup {
        id,
        name: name.to_owned(),
        criteria: criteria
            .iter()
            .map(|c| c.iter().map(|s| (*s).to_owned()).collect())
            .collect(),
        desc: "made by hand".to_owned(),
        speed: "1000000".to_owned(),
        devices: "5000018,5000014".to_owned(),
    }
}

/// One request as it arrived.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    /// The query (GET) or the form (POST).
    pub params: Vec<(String, String)>,
}

impl Request {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// How the server answers.
#[derive(Debug, Clone, PartialEq)]
pub enum Behaviour {
    Normal,
    /// A wrong key's answer to every call: this HTTP status, with an error body
    /// when `body` is set.
    WrongKey {
        status: u16,
        body: bool,
    },
    /// HTTP 500 from the n-th request on (1-based).
    FailFrom(usize),
    /// HTTP 200 with an HTML page.
    Html,
    /// Lists, but refuses every change (a key without write permission).
    RefuseWrites,
    /// Never answers (until the server is dropped).
    Hang,
}

#[derive(Debug, Default)]
pub struct State {
    pub groups: Vec<IpGroup>,
    pub next_id: i64,
    pub ids_as_strings: bool,
    pub requests: Vec<Request>,
}

pub struct NfaServer {
    server: Arc<tiny_http::Server>,
    pub state: Arc<Mutex<State>>,
    behaviour: Arc<Mutex<Behaviour>>,
    pub url: String,
    thread: Option<JoinHandle<()>>,
}

impl NfaServer {
    pub fn start(groups: Vec<IpGroup>) -> NfaServer {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind loopback"));
        let url = format!("http://{}", server.server_addr().to_ip().unwrap());
        let state = Arc::new(Mutex::new(State {
            groups,
            next_id: 2_500_100,
            ..State::default()
        }));
        let behaviour = Arc::new(Mutex::new(Behaviour::Normal));
        let thread = {
            let (server, state, behaviour) = (server.clone(), state.clone(), behaviour.clone());
            thread::spawn(move || {
                // Requests left unanswered on purpose, kept open until the end.
                let mut held = Vec::new();
                for mut request in server.incoming_requests() {
                    let mut body = String::new();
                    let _ = request.as_reader().read_to_string(&mut body);
                    let (path, query) =
                        request.url().split_once('?').unwrap_or((request.url(), ""));
                    let method = request.method().as_str().to_owned();
                    let params = if method == "GET" {
                        query
                    } else {
                        body.as_str()
                    };
                    let req = Request {
                        method,
                        path: path.to_owned(),
                        params: url::form_urlencoded::parse(params.as_bytes())
                            .into_owned()
                            .collect(),
                    };
                    let b = behaviour
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .clone();
                    let mut st = state.lock().unwrap_or_else(PoisonError::into_inner);
                    st.requests.push(req.clone());
                    let n = st.requests.len();
                    let (code, text) = match b {
                        Behaviour::Hang => {
                            drop(st);
                            held.push(request);
                            continue;
                        }
                        Behaviour::WrongKey { status, body } => (
                            status,
                            if body {
                                error("5000", "Invalid API key")
                            } else {
                                "<html><body>Unauthorized</body></html>".to_owned()
                            },
                        ),
                        Behaviour::FailFrom(from) if n >= from => {
                            (500, "Internal Server Error".to_owned())
                        }
                        Behaviour::Html => (200, "<html><body>Login</body></html>".to_owned()),
                        Behaviour::RefuseWrites if req.method == "POST" => (
                            200,
                            error("5005", "You are not authorized to perform this operation"),
                        ),
                        _ => answer(&mut st, &req),
                    };
                    drop(st);
                    let _ = request
                        .respond(tiny_http::Response::from_string(text).with_status_code(code));
                }
                drop(held);
            })
        };
        NfaServer {
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

    pub fn requests(&self) -> Vec<Request> {
        self.state.lock().unwrap().requests.clone()
    }

    /// The POSTs (the changes) among the requests.
    pub fn writes(&self) -> Vec<Request> {
        self.requests()
            .into_iter()
            .filter(|r| r.method == "POST")
            .collect()
    }

    pub fn groups(&self) -> Vec<IpGroup> {
        self.state.lock().unwrap().groups.clone()
    }

    pub fn group(&self, name: &str) -> Option<IpGroup> {
        self.groups().into_iter().find(|g| g.name == name)
    }
}

impl Drop for NfaServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn error(code: &str, message: &str) -> String {
    serde_json::json!({"error": {"code": code, "message": message}}).to_string()
}

fn answer(st: &mut State, req: &Request) -> (u16, String) {
    if req.param("apiKey") != Some(API_KEY) {
        return (200, error("5000", "Invalid API key"));
    }
    match (req.method.as_str(), req.path.as_str()) {
        ("GET", LIST) => (200, list(st)),
        ("POST", ADD) => add(st, req),
        ("POST", MODIFY) => modify(st, req),
        ("POST", DELETE) => delete(st, req),
        _ => (404, "<html>Not Found</html>".to_owned()),
    }
}

fn list(st: &State) -> String {
    let id = |n: i64| {
        if st.ids_as_strings {
            serde_json::json!(n.to_string())
        } else {
            serde_json::json!(n)
        }
    };
    let groups: Vec<serde_json::Value> = st
        .groups
        .iter()
        .map(|g| {
            serde_json::json!({
                "base": {"Name": g.name, "ID": id(g.id), "desc": g.desc, "speed": g.speed,
                         "status": "Enabled"},
                "ip": g.criteria,
                "app": "All", "dscp": "All",
                "Asso_Device": if g.devices == "-1" { "All Interfaces" } else { "Selected" },
                "Asso_Dev_id": if g.devices == "-1" { serde_json::json!(-1) } else { serde_json::json!(g.devices) },
            })
        })
        .collect();
    serde_json::json!({ "IPGroup_List": groups }).to_string()
}

/// The criteria of a form, read as the help page documents `IPData`, `IPType`
/// and `status`.
fn criteria(req: &Request) -> Result<Vec<Vec<String>>, String> {
    let field = |name: &str| req.param(name).ok_or(format!("{name} is required"));
    let types: Vec<&str> = field("IPType")?.split(',').collect();
    let statuses: Vec<&str> = field("status")?.split(',').collect();
    let data: Vec<&str> = field("IPData")?.split('-').collect();
    if types.len() != statuses.len() || types.len() != data.len() {
        return Err("The number of values in IPData, IPType, status should be equal".to_owned());
    }
    let v4 = |s: &str| -> Result<String, String> {
        s.parse::<Ipv4Addr>()
            .map(|a| a.to_string())
            .map_err(|_| format!("Invalid IP address {s}"))
    };
    types
        .iter()
        .zip(&statuses)
        .zip(&data)
        .map(|((kind, status), data)| {
            let status = match *status {
                "include" => "Include",
                "exclude" => "Exclude",
                other => return Err(format!("Invalid status {other}")),
            };
            let mut values: Vec<&str> = data.split(',').collect();
            if values.last() == Some(&"") {
                values.pop();
            }
            Ok(match (*kind, values.as_slice()) {
                ("ipaddress", [a]) => vec!["IPAddress".into(), status.into(), v4(a)?],
                ("ipnetwork", [a, m]) => {
                    vec!["IPNetwork".into(), status.into(), v4(a)?, v4(m)?]
                }
                ("iprange", [a, b, m]) => vec![
                    "IPRange".into(),
                    status.into(),
                    format!("{} to {}", v4(a)?, v4(b)?),
                    v4(m)?,
                ],
                _ => return Err(format!("Invalid IPData {data} for IPType {kind}")),
            })
        })
        .collect()
}

fn add(st: &mut State, req: &Request) -> (u16, String) {
    let Some(name) = req.param("GroupName").filter(|n| !n.is_empty()) else {
        return (200, error("5001", "GroupName is required"));
    };
    if st.groups.iter().any(|g| g.name == name) {
        return (200, error("5002", "IPGroup name already exists"));
    }
    let criteria = match criteria(req) {
        Ok(c) => c,
        Err(e) => return (200, error("5003", &e)),
    };
    st.next_id += 1;
    st.groups.push(IpGroup {
        id: st.next_id,
        name: name.to_owned(),
        criteria,
        desc: req.param("Desc").unwrap_or_default().to_owned(),
        speed: req.param("speed").unwrap_or_default().to_owned(),
        devices: req.param("DevList").unwrap_or("-1").to_owned(),
    });
    (
        200,
        serde_json::json!({"message": "IPGroup added successfully", "GName": name}).to_string(),
    )
}

fn modify(st: &mut State, req: &Request) -> (u16, String) {
    let id: Option<i64> = req.param("ipGrpID").and_then(|i| i.parse().ok());
    let name = req.param("GroupName");
    let Some(group) = st
        .groups
        .iter_mut()
        .find(|g| Some(g.id) == id && Some(g.name.as_str()) == name)
    else {
        return (200, error("5004", "IPGroup does not exist"));
    };
    let criteria = match criteria(req) {
        Ok(c) => c,
        Err(e) => return (200, error("5003", &e)),
    };
    group.criteria = criteria;
    for (field, value) in [
        ("Desc", &mut group.desc),
        ("speed", &mut group.speed),
        ("DevList", &mut group.devices),
    ] {
        *value = req.param(field).unwrap_or_default().to_owned();
    }
    (
        200,
        serde_json::json!({"message": "IPGroup modified successfully"}).to_string(),
    )
}

fn delete(st: &mut State, req: &Request) -> (u16, String) {
    let name = req.param("GroupName");
    let before = st.groups.len();
    st.groups.retain(|g| Some(g.name.as_str()) != name);
    if st.groups.len() == before {
        return (200, error("5004", "IPGroup does not exist"));
    }
    (
        200,
        serde_json::json!({"message": "IPGroup deleted successfully"}).to_string(),
    )
}
