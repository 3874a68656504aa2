//! The NetFlow add-on's trial, subscription pricing and billing, as pure functions over
//! recorded events, the operator's subscription and a "now" passed in by the caller.
//! No I/O and no clock reads: the commands layer loads, records and prints.

pub mod billing;
pub mod commands;
pub mod history;
pub mod money;
pub mod pricing;
pub mod state;

#[cfg(test)]
mod test_support;

pub use billing::{Invoice, Line, billing_preview};
pub use commands::{
    Outcome, Refusal, activate, cancel, cancel_trial, change_subscription, set_renewal, start_trial,
};
pub use history::{EventDescription, describe_events};
pub use money::{Currency, Money, MoneyError};
pub use pricing::{
    ParseTierError, Subscription, Tier, addon_price, current_period, next_boundary, scale_warning,
};
pub use state::{Event, EventKind, Phase, Status, due_events, state_at};
