//! Following the WHMCS service lifecycle (SPEC 5.9): the rule that maps a
//! service's WHMCS status onto its record (`rules`), the `GetClientsProducts`
//! exchange (`api`) and the nightly reconciliation plan (`sync`). Pure except
//! `api::fetch_all`, which goes through the shared HTTP edge.

pub mod api;
pub mod rules;
pub mod sync;
