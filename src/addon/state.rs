//! The add-on lifecycle as a fold over recorded events and the clock: not started,
//! trial, paused after the trial, active (renewing or ending), ended. Owns whether flow
//! collection is allowed, how long history is kept, and what the next invoice charges.

use chrono::{DateTime, TimeDelta, Utc};

use super::money::Money;
use super::pricing::{Subscription, Tier, addon_price, next_boundary};

/// Length of the trial, in days.
pub const TRIAL_DAYS: i64 = 15;
/// How long collected history is kept after collection stops, in days.
pub const HISTORY_RETENTION_DAYS: i64 = 30;

/// Something that happened to the add-on, recorded at `at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub at: DateTime<Utc>,
    pub kind: EventKind,
}

/// What happened. `TrialExpired` and `CollectionEnded` record what the clock already
/// decided (see [`due_events`]); the state is the same whether or not they are recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventKind {
    TrialStarted,
    TrialCancelled,
    TrialExpired,
    Activated,
    RenewalDisabled,
    RenewalEnabled,
    Cancelled,
    /// The subscription's tier, fee or customer count changed (these become the terms the
    /// add-on price derives from).
    SubscriptionChanged {
        tier: Tier,
        fee: Money,
        customers: u32,
    },
    CollectionEnded,
}

/// Where the add-on stands. Every interval is half-open: a trial started at `started`
/// runs while `now < ends`, history is kept while `now < history_until`, and an ending
/// add-on collects while `now < paid_until`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    NotStarted,
    /// A trial runs: full access, no charge, until `ends` = `started` + 15 days.
    Trial {
        started: DateTime<Utc>,
        ends: DateTime<Utc>,
    },
    /// The trial ran out without activation: collection paused, history kept.
    TrialExpired {
        expired_at: DateTime<Utc>,
        history_until: DateTime<Utc>,
    },
    /// The trial was cancelled: collection stopped at once, history kept.
    TrialCancelled {
        at: DateTime<Utc>,
        history_until: DateTime<Utc>,
    },
    /// The paid add-on runs. With renewal off (or cancelled) it collects until
    /// `paid_until`, the end of the period the next invoice charges for.
    Active {
        since: DateTime<Utc>,
        renewal: bool,
        paid_until: Option<DateTime<Utc>>,
    },
    /// The paid add-on ended at the end of its last paid period.
    Ended {
        at: DateTime<Utc>,
        history_until: DateTime<Utc>,
    },
}

/// The add-on's state at one instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub phase: Phase,
    /// Whether new flow data may be collected now.
    pub collection_allowed: bool,
    /// Whether collected history must still be kept (false once the retention after a
    /// stop has passed, and before anything was ever collected).
    pub history_retained: bool,
    /// Whether a trial was ever started on this account.
    pub trial_used: bool,
    /// The add-on charge on the next subscription invoice; `None` when nothing is
    /// charged (not active, or a trial that has not been activated).
    pub next_charge: Option<Money>,
}

/// The add-on's state at `now`, from the recorded `events` (any order; events after
/// `now` are ignored) and the current subscription, which sets the price and the period
/// boundaries. Without a subscription nothing is charged and a cancellation takes
/// effect at once, as no paid period can be known.
pub fn state_at(
    events: &[Event],
    subscription: Option<&Subscription>,
    now: DateTime<Utc>,
) -> Status {
    Lifecycle::replay(events, subscription, now).status(now)
}

/// The time-driven events that have happened by `now` but are not recorded yet
/// (`TrialExpired` at the trial's end, `CollectionEnded` at the end of the last paid
/// period), stamped with the instant they happened. Record them to complete the trail.
pub fn due_events(
    events: &[Event],
    subscription: Option<&Subscription>,
    now: DateTime<Utc>,
) -> Vec<Event> {
    Lifecycle::replay(events, subscription, now).unrecorded
}

/// Where a trial started at `started` ends.
pub fn trial_end(started: DateTime<Utc>) -> DateTime<Utc> {
    days_after(started, TRIAL_DAYS)
}

/// Until when history is kept after collection stopped at `stopped`.
pub fn history_until(stopped: DateTime<Utc>) -> DateTime<Utc> {
    days_after(stopped, HISTORY_RETENTION_DAYS)
}

/// `days` after `at`, saturating at the end of chrono's calendar.
fn days_after(at: DateTime<Utc>, days: i64) -> DateTime<Utc> {
    at.checked_add_signed(TimeDelta::days(days))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// The events recorded up to `now`, in time order (stable for equal instants).
pub(crate) fn in_time_order(events: &[Event], now: DateTime<Utc>) -> Vec<&Event> {
    let mut ordered: Vec<&Event> = events.iter().filter(|e| e.at <= now).collect();
    ordered.sort_by_key(|e| e.at);
    ordered
}

/// The lifecycle's stage; the time-driven transitions are applied by
/// [`Lifecycle::advance`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stage {
    NotStarted,
    Trial {
        started: DateTime<Utc>,
    },
    TrialExpired {
        at: DateTime<Utc>,
    },
    TrialCancelled {
        at: DateTime<Utc>,
    },
    Active {
        since: DateTime<Utc>,
        paid_until: Option<DateTime<Utc>>,
    },
    Ended {
        at: DateTime<Utc>,
    },
}

/// The fold itself: the stage reached so far and what the account has ever done.
#[derive(Debug, Clone)]
pub(crate) struct Lifecycle<'s> {
    pub(crate) subscription: Option<&'s Subscription>,
    pub(crate) stage: Stage,
    pub(crate) trial_started: Option<DateTime<Utc>>,
    pub(crate) first_activated: Option<DateTime<Utc>>,
    /// Time-driven transitions not (yet) matched by a recorded observation.
    unrecorded: Vec<Event>,
}

impl<'s> Lifecycle<'s> {
    pub(crate) fn new(subscription: Option<&'s Subscription>) -> Self {
        Lifecycle {
            subscription,
            stage: Stage::NotStarted,
            trial_started: None,
            first_activated: None,
            unrecorded: Vec::new(),
        }
    }

    /// Folds the events up to `now` in time order (stable for equal instants), then
    /// lets the clock run to `now`.
    pub(crate) fn replay(
        events: &[Event],
        subscription: Option<&'s Subscription>,
        now: DateTime<Utc>,
    ) -> Self {
        let mut lifecycle = Lifecycle::new(subscription);
        for event in in_time_order(events, now) {
            lifecycle.apply(event);
        }
        lifecycle.advance(now);
        lifecycle
    }

    /// Applies what the clock decides by `t`: the trial runs out, a paid period ends.
    pub(crate) fn advance(&mut self, t: DateTime<Utc>) {
        match self.stage {
            Stage::Trial { started } if t >= trial_end(started) => {
                let at = trial_end(started);
                self.stage = Stage::TrialExpired { at };
                self.unrecorded.push(Event {
                    at,
                    kind: EventKind::TrialExpired,
                });
            }
            Stage::Active {
                paid_until: Some(at),
                ..
            } if t >= at => {
                self.stage = Stage::Ended { at };
                self.unrecorded.push(Event {
                    at,
                    kind: EventKind::CollectionEnded,
                });
            }
            _ => {}
        }
    }

    /// Applies one recorded event after letting the clock run to its instant. Events
    /// that make no sense in the current stage change nothing (commands never record
    /// them).
    pub(crate) fn apply(&mut self, event: &Event) {
        let at = event.at;
        self.advance(at);
        match (&event.kind, self.stage) {
            (EventKind::TrialStarted, Stage::NotStarted) => {
                self.trial_started = Some(at);
                self.stage = Stage::Trial { started: at };
            }
            (EventKind::TrialCancelled, Stage::Trial { .. }) => {
                self.stage = Stage::TrialCancelled { at };
            }
            (EventKind::Activated, Stage::Active { .. }) => {}
            (EventKind::Activated, _) => {
                self.first_activated = self.first_activated.or(Some(at));
                self.stage = Stage::Active {
                    since: at,
                    paid_until: None,
                };
            }
            (
                EventKind::RenewalDisabled | EventKind::Cancelled,
                Stage::Active {
                    since,
                    paid_until: None,
                },
            ) => {
                self.stage = Stage::Active {
                    since,
                    paid_until: Some(self.end_of_paid_period(at)),
                };
            }
            (EventKind::RenewalEnabled, Stage::Active { since, .. }) => {
                self.stage = Stage::Active {
                    since,
                    paid_until: None,
                };
            }
            (kind @ (EventKind::TrialExpired | EventKind::CollectionEnded), _) => {
                if let Some(i) = self.unrecorded.iter().position(|e| e.kind == *kind) {
                    self.unrecorded.remove(i);
                }
            }
            _ => {}
        }
    }

    /// Where a paid period running at `at` ends: the next invoice's boundary.
    pub(crate) fn end_of_paid_period(&self, at: DateTime<Utc>) -> DateTime<Utc> {
        self.subscription
            .map_or(at, |subscription| next_boundary(subscription, at))
    }

    /// The status at `now`, once the clock has been advanced to `now`.
    pub(crate) fn status(&self, now: DateTime<Utc>) -> Status {
        let phase = match self.stage {
            Stage::NotStarted => Phase::NotStarted,
            Stage::Trial { started } => Phase::Trial {
                started,
                ends: trial_end(started),
            },
            Stage::TrialExpired { at } => Phase::TrialExpired {
                expired_at: at,
                history_until: history_until(at),
            },
            Stage::TrialCancelled { at } => Phase::TrialCancelled {
                at,
                history_until: history_until(at),
            },
            Stage::Active { since, paid_until } => Phase::Active {
                since,
                renewal: paid_until.is_none(),
                paid_until,
            },
            Stage::Ended { at } => Phase::Ended {
                at,
                history_until: history_until(at),
            },
        };
        let collecting = matches!(self.stage, Stage::Trial { .. } | Stage::Active { .. });
        let history_retained = match phase {
            Phase::NotStarted => false,
            Phase::Trial { .. } | Phase::Active { .. } => true,
            Phase::TrialExpired { history_until, .. }
            | Phase::TrialCancelled { history_until, .. }
            | Phase::Ended { history_until, .. } => now < history_until,
        };
        let next_charge = match self.stage {
            Stage::Active { .. } => self.subscription.map(addon_price),
            _ => None,
        };
        Status {
            phase,
            collection_allowed: collecting,
            history_retained,
            trial_used: self.trial_started.is_some(),
            next_charge,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::addon::test_support::{at, day, eur, mid};

    fn event(at: DateTime<Utc>, kind: EventKind) -> Event {
        Event { at, kind }
    }

    #[test]
    fn nothing_recorded_is_not_started() {
        let status = state_at(&[], Some(&mid("99")), day(0));
        assert_eq!(
            status,
            Status {
                phase: Phase::NotStarted,
                collection_allowed: false,
                history_retained: false,
                trial_used: false,
                next_charge: None,
            }
        );
    }

    #[test]
    fn expiry_is_the_same_whether_or_not_it_was_recorded() {
        let started = vec![event(day(0), EventKind::TrialStarted)];
        let mut recorded = started.clone();
        recorded.push(event(day(17), EventKind::TrialExpired));
        for events in [&started, &recorded] {
            let status = state_at(events, Some(&mid("99")), day(20));
            assert_eq!(
                status.phase,
                Phase::TrialExpired {
                    expired_at: day(15),
                    history_until: day(45)
                }
            );
            assert!(!status.collection_allowed);
        }
        assert_eq!(
            due_events(&started, Some(&mid("99")), day(20)),
            [event(day(15), EventKind::TrialExpired)]
        );
        assert_eq!(due_events(&recorded, Some(&mid("99")), day(20)), []);
        assert_eq!(due_events(&started, Some(&mid("99")), day(14)), []);
    }

    #[test]
    fn the_end_of_a_paid_period_is_due_once() {
        let sub = mid("99");
        let events = vec![
            event(at(2026, 11, 2, 9, 0, 0), EventKind::Activated),
            event(at(2026, 11, 20, 9, 0, 0), EventKind::Cancelled),
        ];
        let ended = event(at(2026, 12, 1, 0, 0, 0), EventKind::CollectionEnded);
        assert_eq!(
            due_events(&events, Some(&sub), at(2026, 12, 3, 0, 0, 0)),
            std::slice::from_ref(&ended)
        );
        let mut recorded = events.clone();
        recorded.push(ended);
        assert_eq!(
            due_events(&recorded, Some(&sub), at(2026, 12, 3, 0, 0, 0)),
            []
        );
        // An observation recorded before the clock got there matches nothing.
        let early = [
            events[0].clone(),
            event(at(2026, 11, 3, 0, 0, 0), EventKind::CollectionEnded),
        ];
        assert_eq!(
            state_at(&early, Some(&sub), at(2026, 11, 4, 0, 0, 0)).phase,
            Phase::Active {
                since: at(2026, 11, 2, 9, 0, 0),
                renewal: true,
                paid_until: None
            }
        );
    }

    #[test]
    fn events_fold_in_time_order_and_future_events_are_ignored() {
        let sub = mid("99");
        let events = vec![
            event(day(10), EventKind::Activated),
            event(day(0), EventKind::TrialStarted),
        ];
        let status = state_at(&events, Some(&sub), day(12));
        assert!(status.trial_used);
        assert_eq!(
            status.phase,
            Phase::Active {
                since: day(10),
                renewal: true,
                paid_until: None
            }
        );
        let before = state_at(&events, Some(&sub), day(5));
        assert_eq!(
            before.phase,
            Phase::Trial {
                started: day(0),
                ends: day(15)
            }
        );
        assert_eq!(before.next_charge, None);
    }

    #[test]
    fn without_a_subscription_nothing_is_charged_and_a_cancel_ends_at_once() {
        let events = vec![
            event(day(0), EventKind::Activated),
            event(day(3), EventKind::Cancelled),
        ];
        let active = state_at(&events[..1], None, day(1));
        assert!(active.collection_allowed);
        assert_eq!(active.next_charge, None);
        assert_eq!(
            state_at(&events, None, day(3)).phase,
            Phase::Ended {
                at: day(3),
                history_until: day(33)
            }
        );
    }

    #[test]
    fn deadlines_saturate_at_the_end_of_the_calendar() {
        let last = DateTime::<Utc>::MAX_UTC;
        assert_eq!(trial_end(last), last);
        assert_eq!(history_until(last - TimeDelta::days(1)), last);
    }

    #[test]
    fn next_charge_follows_the_current_fee() {
        let events = vec![event(day(0), EventKind::Activated)];
        assert_eq!(
            state_at(&events, Some(&mid("99.99")), day(1)).next_charge,
            Some(eur("50.00"))
        );
    }
}
