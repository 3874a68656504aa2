//! NetFlow Analyzer's IP Group API, as ManageEngine's help page "IP Group API"
//! documents `addIPGroup` and `modifyIPGroup` (form-encoded POSTs carrying
//! `apiKey`), with `listIPGroup` (a GET with `apiKey` in the query) and
//! `deleteIPGroup` (a POST of `apiKey` and `GroupName`) as public client code
//! calls them. Pure: the transport is passed in. An answer is no answer when
//! it is 5xx, another non-2xx status without an error body, or not JSON; it is
//! a refusal when it is HTTP 401/403 or a JSON body with an `error` member
//! (ManageEngine's REST error shape).

use serde_json::Value;

use super::criteria::{self, Criterion, Listed};

pub const LIST: &str = "/api/json/nfaipgroup/listIPGroup";
pub const ADD: &str = "/api/json/nfaipgroup/addIPGroup";
pub const MODIFY: &str = "/api/json/nfaipgroup/modifyIPGroup";
pub const DELETE: &str = "/api/json/nfaipgroup/deleteIPGroup";

/// `DevList` of a new group: every interface, the value `listIPGroup` gives a
/// group that watches them all.
const ALL_INTERFACES: &str = "-1";
/// `Desc` of a new group.
const DESCRIPTION: &str = "Created by netflow-manager from its access records";

/// What the transport gives back: the HTTP status and the body, or why there
/// was no answer.
pub type Answer = Result<(u16, Vec<u8>), String>;

/// The HTTP exchange, relative to NetFlow Analyzer's address.
pub trait Transport {
    fn get(&mut self, path: &str, query: &[(&str, &str)]) -> Answer;
    fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Answer;
}

/// Why a call did not succeed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Nothing usable came back: no connection, a timeout, a 5xx or other
    /// non-2xx answer, or one that is not JSON.
    Unreachable(String),
    /// NetFlow Analyzer answered and refused (a rejected API key, or a
    /// refused change): its message.
    Refused(String),
}

/// One IP group as `listIPGroup` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The group's ID, digits (`modifyIPGroup`'s `ipGrpID`).
    pub id: String,
    pub name: String,
    pub criteria: Vec<Listed>,
    /// Kept as they are when the group is modified.
    pub description: Option<String>,
    pub speed: Option<String>,
    pub devices: Option<String>,
}

/// Reads every IP group.
pub fn list(key: &str, t: &mut impl Transport) -> Result<Vec<Group>, Failure> {
    let (status, body) = t
        .get(LIST, &[("apiKey", key)])
        .map_err(Failure::Unreachable)?;
    parse_list(&answer("listIPGroup", status, &body)?)
}

/// Creates the group `name` holding `criteria`.
pub fn add(
    key: &str,
    name: &str,
    criteria: &[Criterion],
    t: &mut impl Transport,
) -> Result<(), Failure> {
    let e = criteria::encode(criteria);
    let form = [
        ("apiKey", key),
        ("GroupName", name),
        ("Desc", DESCRIPTION),
        ("DevList", ALL_INTERFACES),
        ("IPData", e.ip_data.as_str()),
        ("IPType", e.ip_type.as_str()),
        ("status", e.status.as_str()),
    ];
    post(t, "addIPGroup", ADD, &form)
}

/// Replaces the criteria of `group`, by its ID and name, keeping its
/// description, speed and interfaces.
pub fn modify(
    key: &str,
    group: &Group,
    criteria: &[Criterion],
    t: &mut impl Transport,
) -> Result<(), Failure> {
    let e = criteria::encode(criteria);
    let mut form = vec![
        ("apiKey", key),
        ("ipGrpID", group.id.as_str()),
        ("GroupName", group.name.as_str()),
    ];
    if let Some(d) = &group.description {
        form.push(("Desc", d));
    }
    if let Some(s) = &group.speed {
        form.push(("speed", s));
    }
    form.push((
        "DevList",
        group.devices.as_deref().unwrap_or(ALL_INTERFACES),
    ));
    form.extend([
        ("IPData", e.ip_data.as_str()),
        ("IPType", e.ip_type.as_str()),
        ("status", e.status.as_str()),
    ]);
    post(t, "modifyIPGroup", MODIFY, &form)
}

/// Deletes the group `name`.
pub fn delete(key: &str, name: &str, t: &mut impl Transport) -> Result<(), Failure> {
    post(
        t,
        "deleteIPGroup",
        DELETE,
        &[("apiKey", key), ("GroupName", name)],
    )
}

fn post(
    t: &mut impl Transport,
    call: &str,
    path: &str,
    form: &[(&str, &str)],
) -> Result<(), Failure> {
    let (status, body) = t.post(path, form).map_err(Failure::Unreachable)?;
    answer(call, status, &body).map(drop)
}

/// Reads one answer as JSON, or says why it does not count.
pub fn answer(call: &str, status: u16, body: &[u8]) -> Result<Value, Failure> {
    let json: Option<Value> = serde_json::from_slice(body).ok();
    let message = json.as_ref().and_then(error_message);
    if status >= 500 {
        return Err(Failure::Unreachable(format!(
            "NetFlow Analyzer answered {call} with HTTP {status}{}",
            message.map(|m| format!(" ({m})")).unwrap_or_default()
        )));
    }
    if let Some(message) = message {
        return Err(Failure::Refused(format!("{call}: {message}")));
    }
    if matches!(status, 401 | 403) {
        return Err(Failure::Refused(format!(
            "{call}: HTTP {status} (the API key was not accepted)"
        )));
    }
    if !(200..300).contains(&status) {
        return Err(Failure::Unreachable(format!(
            "NetFlow Analyzer answered {call} with HTTP {status}"
        )));
    }
    json.ok_or_else(|| {
        Failure::Unreachable(format!(
            "NetFlow Analyzer's answer to {call} is not JSON (is [netflow_analyzer] url NetFlow Analyzer's address?)"
        ))
    })
}

/// The message of an `{"error": ...}` body: `error.message`, or `error`
/// itself when it is text.
fn error_message(json: &Value) -> Option<String> {
    let error = json.get("error")?;
    let text = match error {
        Value::String(s) => s.clone(),
        Value::Object(o) => match o.get("message") {
            Some(Value::String(s)) => s.clone(),
            _ => error.to_string(),
        },
        other => other.to_string(),
    };
    let text = one_line(&text);
    Some(if text.is_empty() {
        "an error without a message".to_owned()
    } else {
        text
    })
}

/// Reads `{"IPGroup_List": [{"base": {"Name", "ID", "desc", "speed"}, "ip":
/// [[...]], "Asso_Dev_id": ...}]}`; IDs as numbers or numeric strings.
fn parse_list(json: &Value) -> Result<Vec<Group>, Failure> {
    let bad = |why: &str| {
        Failure::Unreachable(format!(
            "NetFlow Analyzer's answer to listIPGroup is not a list of IP groups ({why})"
        ))
    };
    let entries = json
        .get("IPGroup_List")
        .and_then(Value::as_array)
        .ok_or_else(|| bad("no IPGroup_List"))?;
    entries
        .iter()
        .map(|entry| {
            let base = entry
                .get("base")
                .ok_or_else(|| bad("an entry without base"))?;
            let name = base
                .get("Name")
                .and_then(Value::as_str)
                .ok_or_else(|| bad("a group without a Name"))?;
            let id = base
                .get("ID")
                .and_then(text)
                .filter(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
                .ok_or_else(|| bad(&format!("group {name} has no numeric ID")))?;
            let criteria = match entry.get("ip") {
                None | Some(Value::Null) => Vec::new(),
                Some(Value::Array(list)) => list
                    .iter()
                    .map(|item| match item {
                        Value::Array(parts) => {
                            Listed::parse(&parts.iter().filter_map(text).collect::<Vec<_>>())
                        }
                        other => Listed::Other(other.to_string()),
                    })
                    .collect(),
                Some(_) => return Err(bad(&format!("group {name}'s ip is not a list"))),
            };
            Ok(Group {
                id,
                name: name.to_owned(),
                criteria,
                description: base.get("desc").and_then(text),
                speed: base.get("speed").and_then(text),
                devices: entry.get("Asso_Dev_id").and_then(text),
            })
        })
        .collect()
}

/// A string, a number as its digits, or a list of either joined by commas.
fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => Some(items.iter().filter_map(text).collect::<Vec<_>>().join(",")),
        _ => None,
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Answers every call with the next of `answers`, recording what was sent.
    struct Scripted {
        answers: Vec<Answer>,
        sent: Vec<(String, Vec<(String, String)>)>,
    }

    impl Scripted {
        fn new(answers: Vec<Answer>) -> Scripted {
            Scripted {
                answers,
                sent: Vec::new(),
            }
        }

        fn next(&mut self, path: &str, params: &[(&str, &str)]) -> Answer {
            self.sent.push((
                path.to_owned(),
                params
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                    .collect(),
            ));
            self.answers.remove(0)
        }
    }

    impl Transport for Scripted {
        fn get(&mut self, path: &str, query: &[(&str, &str)]) -> Answer {
            self.next(path, query)
        }
        fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Answer {
            self.next(path, form)
        }
    }

    fn ok(json: &str) -> Answer {
        Ok((200, json.as_bytes().to_vec()))
    }

    #[test]
    fn the_list_is_read_with_ids_as_numbers_or_strings() {
        let body = r#"{"IPGroup_List":[
            {"base":{"Name":"acme","ID":2500001,"desc":"by hand","speed":"1000000","status":"Enabled"},
             "ip":[["IPAddress","Include","192.0.2.7"],["IPNetwork","Exclude","10.0.0.0","255.0.0.0"]],
             "app":"All","dscp":"All","Asso_Device":"All Interfaces","Asso_Dev_id":-1},
            {"base":{"Name":"beta","ID":"2500002"},"ip":[],"Asso_Dev_id":"5000018,5000014"}]}"#;
        let mut t = Scripted::new(vec![ok(body)]);
        let groups = list("k", &mut t).unwrap();
        assert_eq!(
            t.sent,
            [(LIST.to_owned(), vec![("apiKey".to_owned(), "k".to_owned())])]
        );
        assert_eq!(groups[0].id, "2500001");
        assert_eq!(groups[1].id, "2500002");
        assert_eq!(groups[0].description.as_deref(), Some("by hand"));
        assert_eq!(groups[0].devices.as_deref(), Some("-1"));
        assert_eq!(groups[1].devices.as_deref(), Some("5000018,5000014"));
        assert!(matches!(groups[0].criteria[0], Listed::Include(_)));
        assert!(matches!(groups[0].criteria[1], Listed::Other(_)));
    }

    #[test]
    fn an_error_body_or_401_is_a_refusal() {
        for (status, body) in [
            (
                200,
                r#"{"error":{"code":5000,"message":"Invalid API key"}}"#,
            ),
            (
                200,
                r#"{"error":{"errorcode":"API_KEY_INVALID","message":"Invalid API key"}}"#,
            ),
            (403, r#"{"error":"Invalid API key"}"#),
        ] {
            assert_eq!(
                answer("listIPGroup", status, body.as_bytes()),
                Err(Failure::Refused("listIPGroup: Invalid API key".to_owned()))
            );
        }
        assert!(matches!(
            answer("listIPGroup", 401, b"<html>no</html>"),
            Err(Failure::Refused(_))
        ));
    }

    #[test]
    fn other_answers_are_unreachable() {
        for (status, body) in [
            (500, &br#"{"message":"oops"}"#[..]),
            (502, b"Bad Gateway"),
            (404, b"<html>Not Found</html>"),
            (200, b"<html>Login</html>"),
        ] {
            assert!(
                matches!(
                    answer("listIPGroup", status, body),
                    Err(Failure::Unreachable(_))
                ),
                "{status}"
            );
        }
        let mut t = Scripted::new(vec![ok(r#"{"groups":[]}"#)]);
        assert!(matches!(list("k", &mut t), Err(Failure::Unreachable(_))));
        let mut t = Scripted::new(vec![ok(
            r#"{"IPGroup_List":[{"base":{"Name":"a","ID":"x1"}}]}"#,
        )]);
        assert!(matches!(list("k", &mut t), Err(Failure::Unreachable(_))));
    }

    #[test]
    fn a_modification_keeps_what_the_operator_set() {
        let group = Group {
            id: "2500001".to_owned(),
            name: "acme".to_owned(),
            criteria: Vec::new(),
            description: Some("by hand".to_owned()),
            speed: Some("1000000".to_owned()),
            devices: Some("5000018".to_owned()),
        };
        let mut t = Scripted::new(vec![ok(r#"{"message":"IPGroup modified successfully"}"#)]);
        let to = [Criterion::from_record("192.0.2.7").unwrap()];
        modify("k", &group, &to, &mut t).unwrap();
        let (path, form) = &t.sent[0];
        assert_eq!(path, MODIFY);
        let sent: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(
            sent,
            [
                ("apiKey", "k"),
                ("ipGrpID", "2500001"),
                ("GroupName", "acme"),
                ("Desc", "by hand"),
                ("speed", "1000000"),
                ("DevList", "5000018"),
                ("IPData", "192.0.2.7"),
                ("IPType", "ipaddress"),
                ("status", "include"),
            ]
        );
    }

    #[test]
    fn a_write_that_is_not_json_is_no_answer() {
        let mut t = Scripted::new(vec![ok("deleted")]);
        assert!(matches!(
            delete("k", "acme", &mut t),
            Err(Failure::Unreachable(_))
        ));
        let mut t = Scripted::new(vec![ok(r#""IPGroup deleted successfully""#)]);
        assert_eq!(delete("k", "acme", &mut t), Ok(()));
    }
}
