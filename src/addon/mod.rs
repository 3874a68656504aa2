//! The NetFlow add-on's trial, subscription pricing and billing, as pure functions over
//! recorded events, the operator's subscription and a "now" passed in by the caller.
//! No I/O and no clock reads: the commands layer loads, records and prints.

pub mod money;

pub use money::{Currency, Money, MoneyError};
