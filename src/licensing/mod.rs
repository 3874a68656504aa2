//! Client side of the WHMCS Licensing Addon protocol: the wire format, the local-key
//! cache, the HTTP exchange and the licence decision, as plain functions over data.

pub mod check;
pub mod client;
pub mod local_key;
pub mod protocol;
