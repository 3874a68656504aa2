//! The WHMCS API's `GetClientsProducts`, as developers.whmcs.com documents it:
//! form-encoded POSTs to `<url>/includes/api.php` authenticated by an API
//! credential's identifier and secret, `responsetype=json`, paged with
//! `limitstart`/`limitnum` until `totalresults` are read. Pure: the transport
//! is passed in. Only the fields the sync needs are read from an answer; the
//! service passwords WHMCS includes are never kept.

use serde::Deserialize;
use serde::de::{self, Deserializer};

/// One service as WHMCS lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    pub id: i64,
    pub client_id: Option<i64>,
    pub product_id: Option<i64>,
    pub status: String,
}

/// Why the services could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Nothing usable came back (no connection, a timeout, a non-200 answer
    /// or one that is not JSON): try again later.
    Unreachable(String),
    /// WHMCS answered `result: error` (bad credentials, an address it does not
    /// allow, ...): its message. Asking again would not help, and repeated
    /// failed logins get the address banned.
    Refused(String),
}

/// What the transport gives back: the HTTP status and the body, or why there
/// was no answer.
pub type Answer = Result<(u16, Vec<u8>), String>;

/// The API credential and paging.
pub struct Credentials<'a> {
    pub identifier: &'a str,
    pub secret: &'a str,
    pub access_key: Option<&'a str>,
    pub page_size: u32,
}

/// Reads every service, page by page, through `post` (one form-encoded POST to
/// the API endpoint). Stops at the first failure: nothing is half-read.
pub fn fetch_all(
    creds: &Credentials<'_>,
    mut post: impl FnMut(&[(&str, &str)]) -> Answer,
) -> Result<Vec<Service>, Failure> {
    let mut services = Vec::new();
    loop {
        let start = services.len().to_string();
        let limit = creds.page_size.max(1).to_string();
        let mut form = vec![
            ("identifier", creds.identifier),
            ("secret", creds.secret),
            ("action", "GetClientsProducts"),
            ("responsetype", "json"),
            ("limitstart", start.as_str()),
            ("limitnum", limit.as_str()),
        ];
        if let Some(key) = creds.access_key {
            form.push(("accesskey", key));
        }
        let (status, body) = post(&form).map_err(Failure::Unreachable)?;
        let page = parse_page(status, &body)?;
        let got = page.services.len();
        services.extend(page.services);
        if got == 0 || services.len() as u64 >= page.total {
            return Ok(services);
        }
    }
}

/// One page of services and the total WHMCS reports.
#[derive(Debug, PartialEq)]
pub struct Page {
    pub total: u64,
    pub services: Vec<Service>,
}

/// Reads one answer. A `result: error` body is WHMCS refusing, whatever the
/// HTTP status; any other non-200 answer, or one that is not the JSON of a
/// page, is WHMCS not answering.
pub fn parse_page(status: u16, body: &[u8]) -> Result<Page, Failure> {
    let json: Option<Reply> = serde_json::from_slice(body).ok();
    if let Some(Reply {
        result: Some(result),
        message,
        ..
    }) = &json
        && result == "error"
    {
        let message = message.as_deref().unwrap_or("").trim();
        return Err(Failure::Refused(if message.is_empty() {
            "WHMCS answered result: error without a message".to_owned()
        } else {
            one_line(message)
        }));
    }
    if status != 200 {
        return Err(Failure::Unreachable(format!(
            "WHMCS answered HTTP {status}"
        )));
    }
    let Some(reply) = json else {
        return Err(Failure::Unreachable(
            "WHMCS's answer is not the JSON of GetClientsProducts (is [whmcs] url the WHMCS system URL?)".to_owned(),
        ));
    };
    if reply.result.as_deref() != Some("success") {
        return Err(Failure::Unreachable(
            "WHMCS's answer has no result: success".to_owned(),
        ));
    }
    let services = reply
        .products
        .map(|p| p.product)
        .unwrap_or_default()
        .into_iter()
        .map(|p| Service {
            id: p.id,
            client_id: p.clientid,
            product_id: p.pid,
            status: p.status,
        })
        .collect();
    Ok(Page {
        total: reply.totalresults.unwrap_or(0).max(0) as u64,
        services,
    })
}

#[derive(Deserialize)]
struct Reply {
    result: Option<String>,
    message: Option<String>,
    #[serde(default, deserialize_with = "number_or_none")]
    totalresults: Option<i64>,
    /// `{"product": [...]}`, or `""` when there are none.
    #[serde(default, deserialize_with = "products")]
    products: Option<Products>,
}

#[derive(Deserialize)]
struct Products {
    #[serde(default)]
    product: Vec<Product>,
}

#[derive(Deserialize)]
struct Product {
    #[serde(deserialize_with = "number")]
    id: i64,
    #[serde(default, deserialize_with = "number_or_none")]
    clientid: Option<i64>,
    #[serde(default, deserialize_with = "number_or_none")]
    pid: Option<i64>,
    #[serde(default)]
    status: String,
}

/// A number, or a string holding one (WHMCS versions differ).
#[derive(Deserialize)]
#[serde(untagged)]
enum NumberLike {
    Int(i64),
    Text(String),
}

impl NumberLike {
    fn value(self) -> Option<i64> {
        match self {
            NumberLike::Int(n) => Some(n),
            NumberLike::Text(t) => t.trim().parse().ok(),
        }
    }
}

fn number<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    NumberLike::deserialize(d)?
        .value()
        .ok_or_else(|| de::Error::custom("not a number"))
}

fn number_or_none<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(Option::<NumberLike>::deserialize(d)?
        .and_then(NumberLike::value)
        .filter(|&n| n > 0))
}

fn products<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Products>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Some(Products),
        Empty(String),
    }
    match Option::<Either>::deserialize(d)? {
        Some(Either::Some(p)) => Ok(Some(p)),
        Some(Either::Empty(s)) if !s.is_empty() => Err(de::Error::custom("not a product list")),
        _ => Ok(None),
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(json: &str) -> Result<Page, Failure> {
        parse_page(200, json.as_bytes())
    }

    #[test]
    fn ids_come_as_numbers_or_strings() {
        let numbers = page(
            r#"{"result":"success","totalresults":1,"products":{"product":[
                {"id":7,"clientid":3,"pid":2,"status":"Active","password":"hunter2"}]}}"#,
        )
        .unwrap();
        let strings = page(
            r#"{"result":"success","totalresults":"1","products":{"product":[
                {"id":"7","clientid":"3","pid":"2","status":"Active","password":"hunter2"}]}}"#,
        )
        .unwrap();
        assert_eq!(numbers, strings);
        assert_eq!(numbers.services[0].client_id, Some(3));
        assert!(!format!("{numbers:?}").contains("hunter2"));
    }

    #[test]
    fn no_services_is_an_empty_string() {
        let p = page(r#"{"result":"success","totalresults":0,"products":""}"#).unwrap();
        assert_eq!(p.services, vec![]);
    }

    #[test]
    fn an_error_body_is_a_refusal_whatever_the_status() {
        for status in [200, 403] {
            assert_eq!(
                parse_page(
                    status,
                    br#"{"result":"error","message":"Invalid IP 192.0.2.5"}"#
                ),
                Err(Failure::Refused("Invalid IP 192.0.2.5".to_owned()))
            );
        }
    }

    #[test]
    fn other_answers_are_unreachable() {
        for (status, body) in [
            (500, &b"oops"[..]),
            (200, b"<html>login</html>"),
            (200, br#"{"foo":1}"#),
        ] {
            assert!(matches!(
                parse_page(status, body),
                Err(Failure::Unreachable(_))
            ));
        }
    }

    #[test]
    fn pages_are_read_until_the_total() {
        let creds = Credentials {
            identifier: "id",
            secret: "s",
            access_key: Some("k"),
            page_size: 2,
        };
        let mut starts = Vec::new();
        let all = fetch_all(&creds, |form| {
            let get = |k: &str| form.iter().find(|(n, _)| *n == k).unwrap().1;
            assert_eq!(get("accesskey"), "k");
            let start: i64 = get("limitstart").parse().unwrap();
            starts.push(start);
            let ids: Vec<String> = (start + 1..=(start + 2).min(5))
                .map(|i| format!(r#"{{"id":{i},"status":"Active"}}"#))
                .collect();
            Ok((
                200,
                format!(
                    r#"{{"result":"success","totalresults":5,"products":{{"product":[{}]}}}}"#,
                    ids.join(",")
                )
                .into_bytes(),
            ))
        })
        .unwrap();
        assert_eq!(
            all.iter().map(|s| s.id).collect::<Vec<_>>(),
            [1, 2, 3, 4, 5]
        );
        assert_eq!(starts, [0, 2, 4]);
    }
}
