//! The lifecycle rule: what a WHMCS service status does to its access record.
//! An admin's decision to disable a record is never undone by WHMCS.

use std::fmt;

/// Who disabled a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisabledBy {
    Admin,
    Whmcs,
}

impl DisabledBy {
    pub fn as_str(self) -> &'static str {
        match self {
            DisabledBy::Admin => "admin",
            DisabledBy::Whmcs => "whmcs",
        }
    }

    pub fn parse(text: &str) -> Option<DisabledBy> {
        match text {
            "admin" => Some(DisabledBy::Admin),
            "whmcs" => Some(DisabledBy::Whmcs),
            _ => None,
        }
    }
}

/// A record's enabled state: enabled, or disabled by someone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    pub enabled: bool,
    pub disabled_by: Option<DisabledBy>,
}

impl State {
    pub const ENABLED: State = State {
        enabled: true,
        disabled_by: None,
    };

    pub fn disabled(by: DisabledBy) -> State {
        State {
            enabled: false,
            disabled_by: Some(by),
        }
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.disabled_by {
            _ if self.enabled => f.write_str("enabled"),
            Some(by) => write!(f, "disabled by {}", by.as_str()),
            None => f.write_str("disabled"),
        }
    }
}

/// A WHMCS service status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Pending,
    Active,
    Completed,
    Suspended,
    Terminated,
    Cancelled,
    Fraud,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Pending,
        Status::Active,
        Status::Completed,
        Status::Suspended,
        Status::Terminated,
        Status::Cancelled,
        Status::Fraud,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "Pending",
            Status::Active => "Active",
            Status::Completed => "Completed",
            Status::Suspended => "Suspended",
            Status::Terminated => "Terminated",
            Status::Cancelled => "Cancelled",
            Status::Fraud => "Fraud",
        }
    }

    /// A status as WHMCS spells it, any case.
    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

/// The record's new state under `status`, or `None` when nothing changes:
/// Active enables a record WHMCS disabled; Suspended, Terminated, Cancelled and
/// Fraud disable an enabled record on WHMCS's behalf; Pending and Completed
/// change nothing, and neither does anything to a record an admin disabled.
pub fn apply(current: State, status: Status) -> Option<State> {
    let next = match status {
        Status::Active if !current.enabled && current.disabled_by == Some(DisabledBy::Whmcs) => {
            State::ENABLED
        }
        Status::Suspended | Status::Terminated | Status::Cancelled | Status::Fraud
            if current.enabled =>
        {
            State::disabled(DisabledBy::Whmcs)
        }
        _ => return None,
    };
    Some(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ADMIN: State = State {
        enabled: false,
        disabled_by: Some(DisabledBy::Admin),
    };
    const WHMCS: State = State {
        enabled: false,
        disabled_by: Some(DisabledBy::Whmcs),
    };

    #[test]
    fn the_whole_rule() {
        use Status::*;
        for status in Status::ALL {
            let on_enabled = apply(State::ENABLED, status);
            let on_whmcs = apply(WHMCS, status);
            let on_admin = apply(ADMIN, status);
            match status {
                Active => {
                    assert_eq!(on_enabled, None);
                    assert_eq!(on_whmcs, Some(State::ENABLED));
                }
                Suspended | Terminated | Cancelled | Fraud => {
                    assert_eq!(on_enabled, Some(WHMCS));
                    assert_eq!(on_whmcs, None);
                }
                Pending | Completed => {
                    assert_eq!(on_enabled, None);
                    assert_eq!(on_whmcs, None);
                }
            }
            assert_eq!(
                on_admin, None,
                "an admin's decision stands under {status:?}"
            );
        }
    }

    #[test]
    fn a_state_reads_as_people_say_it() {
        assert_eq!(State::ENABLED.to_string(), "enabled");
        assert_eq!(WHMCS.to_string(), "disabled by whmcs");
    }

    #[test]
    fn statuses_parse_in_any_case() {
        assert_eq!(Status::parse("suspended"), Some(Status::Suspended));
        assert_eq!(Status::parse(" Active "), Some(Status::Active));
        assert_eq!(Status::parse("Closed"), None);
    }
}
