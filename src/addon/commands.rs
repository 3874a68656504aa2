//! The add-on's commands as pure decisions: each checks the state at "now" and returns
//! the events to record with their billing effect, or a refusal saying why and what to
//! do instead. Nothing here records anything.

use chrono::{DateTime, Utc};
use thiserror::Error;

use super::history::{Narrator, Terms, when};
use super::pricing::{Subscription, Tier};
use super::state::{Event, EventKind, Stage, trial_end};

/// What a command decided: the events to record, in order, and what they do to
/// collection and the bill, e.g. "add-on price 49.50 → 100.00 EUR from the next invoice".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub events: Vec<Event>,
    pub billing_effect: String,
}

/// Why a command was refused; nothing is to be recorded.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Refusal {
    #[error(
        "the clock ({}) is before the last recorded add-on event ({}); check the system clock \
         or NETFLOW_MANAGER_NOW",
        when(.now),
        when(.last)
    )]
    ClockBehind {
        now: DateTime<Utc>,
        last: DateTime<Utc>,
    },
    #[error(
        "no subscription is set (set one with: netflow-manager subscription set --tier mid \
         --fee AMOUNT --currency CODE --customers N)"
    )]
    NoSubscription,
    #[error(
        "the NetFlow add-on is available to {} subscriptions only and this account is {tier} \
         (change the tier with: netflow-manager subscription set --tier mid …)",
        Tier::eligible_names()
    )]
    NotEligible { tier: Tier },
    #[error(
        "the trial was already started on {} and is available once per account (activate the \
         add-on with: netflow-manager addon activate)",
        when(.started)
    )]
    TrialAlreadyUsed { started: DateTime<Utc> },
    #[error(
        "the add-on was already activated on {}; the trial is only for accounts that never had \
         it (activate it with: netflow-manager addon activate)",
        when(.activated)
    )]
    AlreadyActivated { activated: DateTime<Utc> },
    #[error("no trial is running (see: netflow-manager trial status)")]
    NoTrialRunning,
    #[error(
        "a trial is running until {}, not the paid add-on (cancel the trial with: \
         netflow-manager trial cancel, or activate the add-on with: netflow-manager addon \
         activate)",
        when(.ends)
    )]
    InTrial { ends: DateTime<Utc> },
    #[error("the add-on is not active (activate it with: netflow-manager addon activate)")]
    NotActive,
    #[error(
        "the add-on is already active since {} and renews with every invoice (see: \
         netflow-manager addon status)",
        when(.since)
    )]
    AlreadyActive { since: DateTime<Utc> },
    #[error(
        "the add-on is already set to end at {} (keep it with: netflow-manager addon renewal on)",
        when(.until)
    )]
    AlreadyEnding { until: DateTime<Utc> },
    #[error("renewal is already on; the add-on renews with every invoice")]
    RenewalAlreadyOn,
}

/// Starts the 15-day trial: full access, no charge. Needs an eligible subscription, and
/// is refused once a trial was ever started or the add-on ever activated.
pub fn start_trial(
    events: &[Event],
    subscription: Option<&Subscription>,
    now: DateTime<Utc>,
) -> Result<Outcome, Refusal> {
    let narrator = prepare(events, subscription, now)?;
    eligible(subscription)?;
    let lifecycle = &narrator.lifecycle;
    if let Some(started) = lifecycle.trial_started {
        return Err(Refusal::TrialAlreadyUsed { started });
    }
    if let Some(activated) = lifecycle.first_activated {
        return Err(Refusal::AlreadyActivated { activated });
    }
    Ok(record(narrator, [EventKind::TrialStarted], now))
}

/// Cancels the running trial: collection stops at once, nothing is charged.
pub fn cancel_trial(
    events: &[Event],
    subscription: Option<&Subscription>,
    now: DateTime<Utc>,
) -> Result<Outcome, Refusal> {
    let narrator = prepare(events, subscription, now)?;
    match narrator.lifecycle.stage {
        Stage::Trial { .. } => Ok(record(narrator, [EventKind::TrialCancelled], now)),
        _ => Err(Refusal::NoTrialRunning),
    }
}

/// Activates the paid add-on, during or after a trial or without one: collection is
/// allowed from now and the charge goes on the next subscription invoice.
pub fn activate(
    events: &[Event],
    subscription: Option<&Subscription>,
    now: DateTime<Utc>,
) -> Result<Outcome, Refusal> {
    let narrator = prepare(events, subscription, now)?;
    eligible(subscription)?;
    match narrator.lifecycle.stage {
        Stage::Active {
            since,
            paid_until: None,
        } => Err(Refusal::AlreadyActive { since }),
        Stage::Active {
            paid_until: Some(until),
            ..
        } => Err(Refusal::AlreadyEnding { until }),
        Stage::NotStarted
        | Stage::Trial { .. }
        | Stage::TrialExpired { .. }
        | Stage::TrialCancelled { .. }
        | Stage::Ended { .. } => Ok(record(narrator, [EventKind::Activated], now)),
    }
}

/// Cancels the paid add-on: it collects until the end of the paid period (the next
/// invoice, which still carries its charge) and then ends.
pub fn cancel(
    events: &[Event],
    subscription: Option<&Subscription>,
    now: DateTime<Utc>,
) -> Result<Outcome, Refusal> {
    stop_renewing(events, subscription, now, EventKind::Cancelled)
}

/// Turns renewal off (like [`cancel`]: the add-on ends with the paid period) or back on
/// before that period ends.
pub fn set_renewal(
    events: &[Event],
    subscription: Option<&Subscription>,
    enabled: bool,
    now: DateTime<Utc>,
) -> Result<Outcome, Refusal> {
    if !enabled {
        return stop_renewing(events, subscription, now, EventKind::RenewalDisabled);
    }
    let narrator = prepare(events, subscription, now)?;
    match narrator.lifecycle.stage {
        Stage::Active {
            paid_until: Some(_),
            ..
        } => {
            eligible(subscription)?;
            Ok(record(narrator, [EventKind::RenewalEnabled], now))
        }
        Stage::Active {
            paid_until: None, ..
        } => Err(Refusal::RenewalAlreadyOn),
        stage => Err(not_active(stage)),
    }
}

/// Records a new subscription (tier up- or downgrade, fee or customer change); the
/// add-on price follows it from the next invoice. A move to a tier without the add-on
/// ends a renewing add-on with its paid period and a running trial at once. Returns no
/// events when tier, fee and customer count are unchanged.
pub fn change_subscription(
    events: &[Event],
    current: Option<&Subscription>,
    new: &Subscription,
    now: DateTime<Utc>,
) -> Result<Outcome, Refusal> {
    let mut narrator = replay_checked(events, Some(new), now)?;
    // The terms before the change: the subscription as it was, else as last recorded.
    narrator.terms = current.map(Terms::of).or(narrator.terms);
    let terms = Terms::of(new);
    if narrator.terms == Some(terms) {
        return Ok(Outcome {
            events: Vec::new(),
            billing_effect: format!(
                "add-on price unchanged ({})",
                new.fee.half_rounded_up().with_currency()
            ),
        });
    }
    let mut kinds = vec![EventKind::SubscriptionChanged {
        tier: terms.tier,
        fee: terms.fee,
        customers: terms.customers,
    }];
    if !new.tier.is_eligible() {
        match narrator.lifecycle.stage {
            Stage::Active {
                paid_until: None, ..
            } => kinds.push(EventKind::Cancelled),
            Stage::Trial { .. } => kinds.push(EventKind::TrialCancelled),
            _ => {}
        }
    }
    Ok(record(narrator, kinds, now))
}

/// The state at `now`, with charges priced on the subscription as it is now.
fn prepare<'s>(
    events: &[Event],
    subscription: Option<&'s Subscription>,
    now: DateTime<Utc>,
) -> Result<Narrator<'s>, Refusal> {
    let mut narrator = replay_checked(events, subscription, now)?;
    narrator.terms = subscription.map(Terms::of).or(narrator.terms);
    Ok(narrator)
}

/// The state at `now`, refusing a clock that runs behind what was recorded (an event
/// recorded before earlier ones would rewrite history).
fn replay_checked<'s>(
    events: &[Event],
    subscription: Option<&'s Subscription>,
    now: DateTime<Utc>,
) -> Result<Narrator<'s>, Refusal> {
    if let Some(last) = events.iter().map(|e| e.at).max()
        && last > now
    {
        return Err(Refusal::ClockBehind { now, last });
    }
    Ok(Narrator::replay(events, subscription, now))
}

fn eligible(subscription: Option<&Subscription>) -> Result<(), Refusal> {
    let subscription = subscription.ok_or(Refusal::NoSubscription)?;
    if subscription.tier.is_eligible() {
        Ok(())
    } else {
        Err(Refusal::NotEligible {
            tier: subscription.tier,
        })
    }
}

/// Cancel and renewal off: both end a renewing add-on with its paid period.
fn stop_renewing(
    events: &[Event],
    subscription: Option<&Subscription>,
    now: DateTime<Utc>,
    kind: EventKind,
) -> Result<Outcome, Refusal> {
    let narrator = prepare(events, subscription, now)?;
    match narrator.lifecycle.stage {
        Stage::Active {
            paid_until: None, ..
        } => Ok(record(narrator, [kind], now)),
        Stage::Active {
            paid_until: Some(until),
            ..
        } => Err(Refusal::AlreadyEnding { until }),
        stage => Err(not_active(stage)),
    }
}

/// The refusal for changing a paid add-on that is not running.
fn not_active(stage: Stage) -> Refusal {
    match stage {
        Stage::Trial { started } => Refusal::InTrial {
            ends: trial_end(started),
        },
        _ => Refusal::NotActive,
    }
}

/// The events of `kinds` at `now`, with their billing effects joined.
fn record(
    mut narrator: Narrator<'_>,
    kinds: impl IntoIterator<Item = EventKind>,
    now: DateTime<Utc>,
) -> Outcome {
    let events: Vec<Event> = kinds
        .into_iter()
        .map(|kind| Event { at: now, kind })
        .collect();
    let effects: Vec<String> = events
        .iter()
        .map(|event| narrator.narrate(event).billing_effect)
        .collect();
    Outcome {
        events,
        billing_effect: effects.join("; "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::addon::billing::{ADDON_LINE, TRIAL_LINE, billing_preview};
    use crate::addon::money::Money;
    use crate::addon::state::{Phase, Status, due_events, state_at};
    use crate::addon::test_support::{at, day, eur, mid, subscription};
    use chrono::TimeDelta;
    use proptest::prelude::*;

    /// Records what each accepted command returns, as the caller would.
    fn apply(
        events: &mut Vec<Event>,
        command: impl FnOnce(&[Event]) -> Result<Outcome, Refusal>,
    ) -> String {
        let outcome = command(events).expect("command accepted");
        events.extend(outcome.events);
        outcome.billing_effect
    }

    fn status(events: &[Event], sub: &Subscription, now: DateTime<Utc>) -> Status {
        state_at(events, Some(sub), now)
    }

    fn second() -> TimeDelta {
        TimeDelta::seconds(1)
    }

    #[test]
    fn a_trial_runs_fifteen_days_then_pauses_and_keeps_history_thirty_more() {
        let sub = mid("99.00");
        let mut events = Vec::new();
        let effect = apply(&mut events, |e| start_trial(e, Some(&sub), day(0)));
        assert_eq!(effect, "full access, no charge until 2026-12-08 10:00 UTC");
        assert_eq!(
            events,
            [Event {
                at: day(0),
                kind: EventKind::TrialStarted
            }]
        );

        let trial = Phase::Trial {
            started: day(0),
            ends: day(15),
        };
        for now in [day(0), day(14), day(15) - second()] {
            let s = status(&events, &sub, now);
            assert_eq!(s.phase, trial, "at {now}");
            assert!(
                s.collection_allowed && s.history_retained && s.trial_used,
                "at {now}"
            );
            assert_eq!(s.next_charge, None, "no charge during the trial");
        }

        // The trial ends at started + 15 days exactly: that instant is already paused.
        let expired = Phase::TrialExpired {
            expired_at: day(15),
            history_until: day(45),
        };
        for now in [day(15), day(16), day(45) - second()] {
            let s = status(&events, &sub, now);
            assert_eq!(s.phase, expired, "at {now}");
            assert!(!s.collection_allowed, "paused at {now}");
            assert!(s.history_retained, "history kept at {now}");
            assert_eq!(s.next_charge, None);
        }
        for now in [day(45), day(46)] {
            let s = status(&events, &sub, now);
            assert_eq!(s.phase, expired);
            assert!(!s.collection_allowed && !s.history_retained, "at {now}");
        }
    }

    #[test]
    fn activation_during_the_trial_charges_the_next_invoice() {
        let sub = mid("99.00");
        let mut events = Vec::new();
        apply(&mut events, |e| start_trial(e, Some(&sub), day(0)));
        let effect = apply(&mut events, |e| activate(e, Some(&sub), day(10)));
        // Day 10 is 2026-12-03: the next boundary is 2027-01-01.
        assert_eq!(
            effect,
            "49.50 EUR on the invoice of 2027-01-01 and every invoice after"
        );
        for now in [day(10), day(15), day(16), day(46)] {
            let s = status(&events, &sub, now);
            assert_eq!(
                s.phase,
                Phase::Active {
                    since: day(10),
                    renewal: true,
                    paid_until: None
                },
                "at {now}"
            );
            assert!(s.collection_allowed && s.trial_used);
            assert_eq!(s.next_charge, Some(eur("49.50")));
        }
        let before = billing_preview(&events, &sub, day(5)).expect("no overflow");
        assert_eq!(before.lines[1].description, TRIAL_LINE);
        let invoice = billing_preview(&events, &sub, day(10)).expect("no overflow");
        assert_eq!(invoice.invoice_date.to_string(), "2027-01-01");
        assert_eq!(invoice.lines[1].description, ADDON_LINE);
        assert_eq!(invoice.lines[1].amount, eur("49.50"));
        assert_eq!(invoice.total, eur("148.50"));
    }

    #[test]
    fn activation_after_the_trial_resumes_collection() {
        let sub = mid("99.00");
        let mut events = Vec::new();
        apply(&mut events, |e| start_trial(e, Some(&sub), day(0)));
        apply(&mut events, |e| activate(e, Some(&sub), day(20)));
        assert!(!status(&events, &sub, day(19)).collection_allowed);
        assert_eq!(status(&events, &sub, day(19)).next_charge, None);
        let s = status(&events, &sub, day(20));
        assert!(s.collection_allowed);
        assert_eq!(s.next_charge, Some(eur("49.50")));
        let invoice = billing_preview(&events, &sub, day(20)).expect("no overflow");
        assert_eq!(invoice.invoice_date.to_string(), "2027-01-01");
        assert_eq!(invoice.total, eur("148.50"));
    }

    #[test]
    fn activation_without_a_trial_and_again_after_an_end() {
        let sub = subscription(Tier::Large, "250.00");
        let mut events = Vec::new();
        apply(&mut events, |e| activate(e, Some(&sub), day(0)));
        apply(&mut events, |e| cancel(e, Some(&sub), day(1)));
        // Ended on 2026-12-01; activating again starts a new paid add-on.
        let now = at(2026, 12, 5, 0, 0, 0);
        let effect = apply(&mut events, |e| activate(e, Some(&sub), now));
        assert_eq!(
            effect,
            "125.00 EUR on the invoice of 2027-01-01 and every invoice after"
        );
        let s = status(&events, &sub, now);
        assert!(s.collection_allowed && !s.trial_used);
        assert_eq!(s.next_charge, Some(eur("125.00")));
    }

    #[test]
    fn cancelling_collects_until_the_boundary_and_charges_that_invoice_only() {
        let sub = mid("99.00");
        let mut events = Vec::new();
        apply(&mut events, |e| {
            activate(e, Some(&sub), at(2026, 11, 2, 9, 0, 0))
        });
        let effect = apply(&mut events, |e| {
            cancel(e, Some(&sub), at(2026, 11, 20, 9, 0, 0))
        });
        assert_eq!(
            effect,
            "collection until 2026-12-01; last charge 49.50 EUR on the invoice of 2026-12-01; \
             nothing after"
        );
        assert_eq!(events.last().map(|e| &e.kind), Some(&EventKind::Cancelled));

        let last_moment = at(2026, 12, 1, 0, 0, 0) - second();
        let s = status(&events, &sub, last_moment);
        assert_eq!(
            s.phase,
            Phase::Active {
                since: at(2026, 11, 2, 9, 0, 0),
                renewal: false,
                paid_until: Some(at(2026, 12, 1, 0, 0, 0))
            }
        );
        assert!(s.collection_allowed);
        assert_eq!(s.next_charge, Some(eur("49.50")));
        let invoice = billing_preview(&events, &sub, last_moment).expect("no overflow");
        assert_eq!(invoice.total, eur("148.50"));

        let boundary = at(2026, 12, 1, 0, 0, 0);
        let s = status(&events, &sub, boundary);
        assert_eq!(
            s.phase,
            Phase::Ended {
                at: boundary,
                history_until: at(2026, 12, 31, 0, 0, 0)
            }
        );
        assert!(!s.collection_allowed && s.history_retained);
        assert_eq!(s.next_charge, None);
        let invoice = billing_preview(&events, &sub, boundary).expect("no overflow");
        assert_eq!(invoice.total, eur("99.00"));
        assert!(!status(&events, &sub, at(2026, 12, 31, 0, 0, 0)).history_retained);
    }

    #[test]
    fn cancelling_on_a_boundary_pays_the_period_it_starts() {
        let sub = mid("99.00");
        let mut events = Vec::new();
        apply(&mut events, |e| {
            activate(e, Some(&sub), at(2026, 11, 2, 0, 0, 0))
        });
        apply(&mut events, |e| {
            cancel(e, Some(&sub), at(2026, 12, 1, 0, 0, 0))
        });
        let s = status(&events, &sub, at(2026, 12, 31, 23, 0, 0));
        assert!(s.collection_allowed);
        assert!(!status(&events, &sub, at(2027, 1, 1, 0, 0, 0)).collection_allowed);
    }

    #[test]
    fn renewal_off_then_on_before_the_boundary_keeps_the_add_on() {
        let sub = mid("99.00");
        let mut events = Vec::new();
        apply(&mut events, |e| {
            activate(e, Some(&sub), at(2026, 11, 2, 9, 0, 0))
        });
        let off = apply(&mut events, |e| {
            set_renewal(e, Some(&sub), false, at(2026, 11, 20, 0, 0, 0))
        });
        assert_eq!(
            off,
            "collection until 2026-12-01; last charge 49.50 EUR on the invoice of 2026-12-01; \
             nothing after"
        );
        assert_eq!(
            events.last().map(|e| &e.kind),
            Some(&EventKind::RenewalDisabled)
        );
        let on = apply(&mut events, |e| {
            set_renewal(e, Some(&sub), true, at(2026, 11, 25, 0, 0, 0))
        });
        assert_eq!(
            on,
            "49.50 EUR on the invoice of 2026-12-01 and every invoice after"
        );
        let s = status(&events, &sub, at(2026, 12, 15, 0, 0, 0));
        assert_eq!(
            s.phase,
            Phase::Active {
                since: at(2026, 11, 2, 9, 0, 0),
                renewal: true,
                paid_until: None
            }
        );
        assert_eq!(s.next_charge, Some(eur("49.50")));
    }

    #[test]
    fn renewal_off_ends_the_add_on_at_the_boundary() {
        let sub = mid("99.00");
        let mut events = Vec::new();
        apply(&mut events, |e| {
            activate(e, Some(&sub), at(2026, 11, 2, 9, 0, 0))
        });
        apply(&mut events, |e| {
            set_renewal(e, Some(&sub), false, at(2026, 11, 20, 0, 0, 0))
        });
        let after = at(2026, 12, 1, 0, 0, 0);
        assert_eq!(
            set_renewal(&events, Some(&sub), true, after),
            Err(Refusal::NotActive)
        );
        assert!(!status(&events, &sub, after).collection_allowed);
    }

    #[test]
    fn a_tier_upgrade_reprices_the_next_invoice() {
        let old = mid("99.00");
        let new = subscription(Tier::Large, "200.00");
        let mut events = Vec::new();
        apply(&mut events, |e| {
            activate(e, Some(&old), at(2026, 11, 2, 0, 0, 0))
        });
        let now = at(2026, 11, 15, 12, 0, 0);
        let effect = apply(&mut events, |e| {
            change_subscription(e, Some(&old), &new, now)
        });
        assert_eq!(
            effect,
            "add-on price 49.50 → 100.00 EUR from the next invoice"
        );
        assert_eq!(
            events.last(),
            Some(&Event {
                at: now,
                kind: EventKind::SubscriptionChanged {
                    tier: Tier::Large,
                    fee: eur("200.00"),
                    customers: 1_500
                }
            })
        );
        let invoice = billing_preview(&events, &new, now).expect("no overflow");
        assert_eq!(invoice.lines[0].amount, eur("200.00"));
        assert_eq!(invoice.lines[1].amount, eur("100.00"));
        assert_eq!(invoice.total, eur("300.00"));

        let back = change_subscription(&events, Some(&new), &old, now).expect("accepted");
        assert_eq!(
            back.billing_effect,
            "add-on price 100.00 → 49.50 EUR from the next invoice"
        );
    }

    #[test]
    fn an_unchanged_subscription_records_nothing() {
        let sub = mid("99.00");
        let outcome = change_subscription(&[], Some(&sub), &sub, day(0)).expect("accepted");
        assert_eq!(outcome.events, []);
        assert_eq!(outcome.billing_effect, "add-on price unchanged (49.50 EUR)");
        let first = change_subscription(&[], None, &sub, day(0)).expect("accepted");
        assert_eq!(first.events.len(), 1);
        assert_eq!(first.billing_effect, "add-on price 49.50 EUR");
    }

    #[test]
    fn a_downgrade_to_starter_ends_the_add_on_with_the_paid_period() {
        let old = mid("99.00");
        let starter = subscription(Tier::Starter, "19.00");
        let mut events = Vec::new();
        apply(&mut events, |e| {
            activate(e, Some(&old), at(2026, 11, 2, 0, 0, 0))
        });
        let now = at(2026, 11, 15, 0, 0, 0);
        let effect = apply(&mut events, |e| {
            change_subscription(e, Some(&old), &starter, now)
        });
        assert_eq!(
            effect,
            "the add-on is not available on Starter; collection until 2026-12-01; last charge \
             9.50 EUR on the invoice of 2026-12-01; nothing after"
        );
        let kinds: Vec<&EventKind> = events[1..].iter().map(|e| &e.kind).collect();
        assert!(matches!(
            kinds.as_slice(),
            [
                EventKind::SubscriptionChanged {
                    tier: Tier::Starter,
                    ..
                },
                EventKind::Cancelled
            ]
        ));
        let s = status(&events, &starter, at(2026, 11, 30, 0, 0, 0));
        assert!(s.collection_allowed);
        assert_eq!(s.next_charge, Some(eur("9.50")));
        let not_eligible = Err(Refusal::NotEligible {
            tier: Tier::Starter,
        });
        assert_eq!(activate(&events, Some(&starter), now), not_eligible);
        assert_eq!(
            set_renewal(&events, Some(&starter), true, now),
            not_eligible
        );
        let after = at(2026, 12, 1, 0, 0, 0);
        assert!(!status(&events, &starter, after).collection_allowed);
        assert_eq!(activate(&events, Some(&starter), after), not_eligible);
    }

    #[test]
    fn a_downgrade_to_starter_stops_a_trial_at_once() {
        let old = mid("99.00");
        let starter = subscription(Tier::Starter, "19.00");
        let mut events = Vec::new();
        apply(&mut events, |e| start_trial(e, Some(&old), day(0)));
        let effect = apply(&mut events, |e| {
            change_subscription(e, Some(&old), &starter, day(3))
        });
        assert_eq!(
            effect,
            "the add-on is not available on Starter; collection stopped; no charge; history \
             kept until 2026-12-26 10:00 UTC"
        );
        let s = status(&events, &starter, day(3));
        assert_eq!(
            s.phase,
            Phase::TrialCancelled {
                at: day(3),
                history_until: day(33)
            }
        );
        assert!(!s.collection_allowed);
    }

    #[test]
    fn a_trial_is_once_per_account() {
        let sub = mid("99.00");
        let mut events = Vec::new();
        apply(&mut events, |e| start_trial(e, Some(&sub), day(0)));
        let used = Err(Refusal::TrialAlreadyUsed { started: day(0) });
        assert_eq!(start_trial(&events, Some(&sub), day(1)), used);
        assert_eq!(start_trial(&events, Some(&sub), day(50)), used);
        apply(&mut events, |e| activate(e, Some(&sub), day(50)));
        assert_eq!(start_trial(&events, Some(&sub), day(51)), used);

        let mut paid = Vec::new();
        apply(&mut paid, |e| activate(e, Some(&sub), day(0)));
        apply(&mut paid, |e| cancel(e, Some(&sub), day(1)));
        assert_eq!(
            start_trial(&paid, Some(&sub), day(60)),
            Err(Refusal::AlreadyActivated { activated: day(0) })
        );
    }

    #[test]
    fn cancelling_a_trial_stops_collection_at_once() {
        let sub = mid("99.00");
        let mut events = Vec::new();
        apply(&mut events, |e| start_trial(e, Some(&sub), day(0)));
        let effect = apply(&mut events, |e| cancel_trial(e, Some(&sub), day(3)));
        assert_eq!(
            effect,
            "collection stopped; no charge; history kept until 2026-12-26 10:00 UTC"
        );
        let s = status(&events, &sub, day(3));
        assert!(!s.collection_allowed && s.history_retained);
        assert_eq!(
            start_trial(&events, Some(&sub), day(4)),
            Err(Refusal::TrialAlreadyUsed { started: day(0) })
        );
        // The add-on can still be bought.
        apply(&mut events, |e| activate(e, Some(&sub), day(4)));
        assert!(status(&events, &sub, day(4)).collection_allowed);
    }

    #[test]
    fn refusals_say_why() {
        let sub = mid("99.00");
        let starter = subscription(Tier::Starter, "19.00");
        let none: &[Event] = &[];
        assert_eq!(
            start_trial(none, None, day(0)),
            Err(Refusal::NoSubscription)
        );
        assert_eq!(activate(none, None, day(0)), Err(Refusal::NoSubscription));
        for refused in [
            start_trial(none, Some(&starter), day(0)),
            activate(none, Some(&starter), day(0)),
        ] {
            assert_eq!(
                refused,
                Err(Refusal::NotEligible {
                    tier: Tier::Starter
                })
            );
        }
        assert_eq!(
            cancel_trial(none, Some(&sub), day(0)),
            Err(Refusal::NoTrialRunning)
        );
        assert_eq!(cancel(none, Some(&sub), day(0)), Err(Refusal::NotActive));
        assert_eq!(
            set_renewal(none, Some(&sub), false, day(0)),
            Err(Refusal::NotActive)
        );
        assert_eq!(
            set_renewal(none, Some(&sub), true, day(0)),
            Err(Refusal::NotActive)
        );

        let mut trial = Vec::new();
        apply(&mut trial, |e| start_trial(e, Some(&sub), day(0)));
        let in_trial = Err(Refusal::InTrial { ends: day(15) });
        assert_eq!(cancel(&trial, Some(&sub), day(1)), in_trial);
        assert_eq!(set_renewal(&trial, Some(&sub), false, day(1)), in_trial);
        assert_eq!(set_renewal(&trial, Some(&sub), true, day(1)), in_trial);
        assert_eq!(
            cancel_trial(&trial, Some(&sub), day(15)),
            Err(Refusal::NoTrialRunning)
        );
        assert_eq!(
            start_trial(&trial, Some(&sub), day(0) - second()),
            Err(Refusal::ClockBehind {
                now: day(0) - second(),
                last: day(0)
            })
        );

        let mut active = Vec::new();
        apply(&mut active, |e| activate(e, Some(&sub), day(0)));
        assert_eq!(
            activate(&active, Some(&sub), day(1)),
            Err(Refusal::AlreadyActive { since: day(0) })
        );
        assert_eq!(
            set_renewal(&active, Some(&sub), true, day(1)),
            Err(Refusal::RenewalAlreadyOn)
        );
        assert_eq!(
            cancel_trial(&active, Some(&sub), day(1)),
            Err(Refusal::NoTrialRunning)
        );
        apply(&mut active, |e| cancel(e, Some(&sub), day(1)));
        let ending = Err(Refusal::AlreadyEnding {
            until: at(2026, 12, 1, 0, 0, 0),
        });
        assert_eq!(cancel(&active, Some(&sub), day(2)), ending);
        assert_eq!(set_renewal(&active, Some(&sub), false, day(2)), ending);
        assert_eq!(activate(&active, Some(&sub), day(2)), ending);
        assert_eq!(
            cancel(&active, Some(&sub), at(2026, 12, 1, 0, 0, 0)),
            Err(Refusal::NotActive)
        );
        assert_eq!(
            change_subscription(&active, Some(&sub), &starter, day(0)),
            Err(Refusal::ClockBehind {
                now: day(0),
                last: day(1)
            })
        );
    }

    #[test]
    fn refusal_messages_name_the_problem_and_the_fix() {
        let messages = [
            (
                Refusal::NotEligible {
                    tier: Tier::Starter,
                },
                "the NetFlow add-on is available to Mid-tier and Large-tier subscriptions only \
                 and this account is Starter (change the tier with: netflow-manager subscription \
                 set --tier mid …)",
            ),
            (
                Refusal::TrialAlreadyUsed { started: day(0) },
                "the trial was already started on 2026-11-23 10:00 UTC and is available once per \
                 account (activate the add-on with: netflow-manager addon activate)",
            ),
            (
                Refusal::AlreadyEnding {
                    until: at(2026, 12, 1, 0, 0, 0),
                },
                "the add-on is already set to end at 2026-12-01 (keep it with: netflow-manager \
                 addon renewal on)",
            ),
            (
                Refusal::ClockBehind {
                    now: day(0),
                    last: day(1),
                },
                "the clock (2026-11-23 10:00 UTC) is before the last recorded add-on event \
                 (2026-11-24 10:00 UTC); check the system clock or NETFLOW_MANAGER_NOW",
            ),
            (
                Refusal::NoSubscription,
                "no subscription is set (set one with: netflow-manager subscription set --tier \
                 mid --fee AMOUNT --currency CODE --customers N)",
            ),
            (
                Refusal::AlreadyActivated { activated: day(0) },
                "the add-on was already activated on 2026-11-23 10:00 UTC; the trial is only for \
                 accounts that never had it (activate it with: netflow-manager addon activate)",
            ),
            (
                Refusal::NoTrialRunning,
                "no trial is running (see: netflow-manager trial status)",
            ),
            (
                Refusal::NotActive,
                "the add-on is not active (activate it with: netflow-manager addon activate)",
            ),
            (
                Refusal::AlreadyActive { since: day(0) },
                "the add-on is already active since 2026-11-23 10:00 UTC and renews with every \
                 invoice (see: netflow-manager addon status)",
            ),
            (
                Refusal::RenewalAlreadyOn,
                "renewal is already on; the add-on renews with every invoice",
            ),
            (
                Refusal::InTrial { ends: day(15) },
                "a trial is running until 2026-12-08 10:00 UTC, not the paid add-on (cancel the \
                 trial with: netflow-manager trial cancel, or activate the add-on with: \
                 netflow-manager addon activate)",
            ),
        ];
        for (refusal, message) in messages {
            assert_eq!(refusal.to_string(), message);
        }
    }

    fn tier() -> impl Strategy<Value = Tier> {
        prop_oneof![Just(Tier::Starter), Just(Tier::Mid), Just(Tier::Large)]
    }

    /// One step of a random history: which command, and how many hours after the last.
    fn step() -> impl Strategy<Value = (u8, i64)> {
        (0u8..7, 0i64..=24 * 40)
    }

    proptest! {
        #[test]
        fn recording_what_the_clock_decided_never_changes_the_state(
            steps in proptest::collection::vec(step(), 0..16),
            later in 0i64..=24 * 120,
        ) {
            let sub = mid("99.99");
            let mut events: Vec<Event> = Vec::new();
            let mut now = day(0);
            for (command, hours) in steps {
                now += TimeDelta::hours(hours);
                let decision = match command {
                    0 => start_trial(&events, Some(&sub), now),
                    1 => cancel_trial(&events, Some(&sub), now),
                    2 => activate(&events, Some(&sub), now),
                    3 => cancel(&events, Some(&sub), now),
                    4 => set_renewal(&events, Some(&sub), false, now),
                    5 => set_renewal(&events, Some(&sub), true, now),
                    _ => {
                        // Record what the clock decided, as a careful caller does.
                        let due = due_events(&events, Some(&sub), now);
                        Ok(Outcome { events: due, billing_effect: String::new() })
                    }
                };
                if let Ok(outcome) = decision {
                    events.extend(outcome.events);
                }
            }
            let end = now + TimeDelta::hours(later);
            let mut complete = events.clone();
            complete.extend(due_events(&events, Some(&sub), end));
            prop_assert_eq!(due_events(&complete, Some(&sub), end), Vec::new());
            for t in [now, end] {
                prop_assert_eq!(status(&events, &sub, t), status(&complete, &sub, t));
            }
        }

        #[test]
        fn the_add_on_is_always_half_the_current_fee_rounded_up(
            changes in proptest::collection::vec(
                (tier(), 0i64..=10_000_000_000, 0u32..=100_000),
                1..12,
            ),
        ) {
            let mut current = mid("99.00");
            let mut events = Vec::new();
            apply(&mut events, |e| activate(e, Some(&current), at(2026, 11, 2, 0, 0, 0)));
            let mut now = at(2026, 11, 3, 0, 0, 0);
            for (tier, fee, customers) in changes {
                let new = Subscription {
                    tier,
                    fee: Money::from_minor(fee, current.fee.currency()).expect("non-negative"),
                    customers,
                    period_start: current.period_start,
                };
                apply(&mut events, |e| change_subscription(e, Some(&current), &new, now));
                current = new;
                now += TimeDelta::hours(1);
            }
            let fee = current.fee.minor();
            let expected = Money::from_minor(fee / 2 + fee % 2, current.fee.currency())
                .expect("non-negative");
            prop_assert_eq!(expected.minor(), (fee + 1) / 2);
            prop_assert_eq!(status(&events, &current, now).next_charge, Some(expected));
            let invoice = billing_preview(&events, &current, now).expect("no overflow");
            prop_assert_eq!(&invoice.lines[1].amount, &expected);
            prop_assert_eq!(invoice.total.minor(), fee + expected.minor());
        }
    }
}
