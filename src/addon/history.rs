//! What each add-on event means, in words: a description and its billing effect, for
//! `addon status`, the audit log and the confirmations the commands print. Prices and
//! invoice dates are those in force when the event happened.

use std::fmt;

use chrono::{DateTime, Timelike, Utc};

use super::money::Money;
use super::pricing::{Subscription, Tier, addon_price, group_thousands, next_boundary};
use super::state::{Event, EventKind, Lifecycle, Stage, history_until, in_time_order, trial_end};

/// One event told for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDescription {
    pub at: DateTime<Utc>,
    /// What happened, e.g. "tier upgraded Mid-tier → Large-tier".
    pub description: String,
    /// What it does to collection and the bill, e.g. "add-on price 49.50 → 100.00 EUR
    /// from the next invoice".
    pub billing_effect: String,
}

impl fmt::Display for EventDescription {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} — {}", self.description, self.billing_effect)
    }
}

/// Every event, in time order, with its description and billing effect. Period
/// boundaries come from the current subscription; prices from the terms recorded by the
/// latest subscription change before each event, else from the current subscription.
pub fn describe_events(
    events: &[Event],
    subscription: Option<&Subscription>,
) -> Vec<EventDescription> {
    let mut ordered: Vec<&Event> = events.iter().collect();
    ordered.sort_by_key(|e| e.at);
    let mut narrator = Narrator::new(subscription);
    ordered
        .into_iter()
        .map(|event| narrator.narrate(event))
        .collect()
}

/// An instant for people: the date alone at midnight (period boundaries), otherwise
/// date and time in UTC.
pub(crate) fn when(at: &DateTime<Utc>) -> String {
    if at.num_seconds_from_midnight() == 0 && at.nanosecond() == 0 {
        at.format("%Y-%m-%d").to_string()
    } else if at.second() == 0 && at.nanosecond() == 0 {
        at.format("%Y-%m-%d %H:%M UTC").to_string()
    } else {
        at.format("%Y-%m-%d %H:%M:%S UTC").to_string()
    }
}

/// The subscription terms the add-on price derives from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Terms {
    pub(crate) tier: Tier,
    pub(crate) fee: Money,
    pub(crate) customers: u32,
}

impl Terms {
    pub(crate) fn of(subscription: &Subscription) -> Self {
        Terms {
            tier: subscription.tier,
            fee: subscription.fee,
            customers: subscription.customers,
        }
    }

    fn price(&self) -> Money {
        self.fee.half_rounded_up()
    }
}

/// Walks the events as the lifecycle does, remembering the terms in force, and tells
/// each event in that context.
#[derive(Debug, Clone)]
pub(crate) struct Narrator<'s> {
    pub(crate) lifecycle: Lifecycle<'s>,
    /// The terms in force; `None` until a subscription change is seen, when prices
    /// fall back to the current subscription.
    pub(crate) terms: Option<Terms>,
}

impl<'s> Narrator<'s> {
    pub(crate) fn new(subscription: Option<&'s Subscription>) -> Self {
        Narrator {
            lifecycle: Lifecycle::new(subscription),
            terms: None,
        }
    }

    /// The narrator after the events up to `now`, with the clock run to `now`.
    pub(crate) fn replay(
        events: &[Event],
        subscription: Option<&'s Subscription>,
        now: DateTime<Utc>,
    ) -> Self {
        let mut narrator = Narrator::new(subscription);
        for event in in_time_order(events, now) {
            narrator.observe(event);
        }
        narrator.lifecycle.advance(now);
        narrator
    }

    /// Takes one event into account without telling it.
    fn observe(&mut self, event: &Event) {
        self.lifecycle.apply(event);
        if let EventKind::SubscriptionChanged {
            tier,
            fee,
            customers,
        } = event.kind
        {
            self.terms = Some(Terms {
                tier,
                fee,
                customers,
            });
        }
    }

    /// Tells one event in the context of everything before it, then takes it into
    /// account.
    pub(crate) fn narrate(&mut self, event: &Event) -> EventDescription {
        self.lifecycle.advance(event.at);
        let before = self.clone();
        self.observe(event);
        let (description, billing_effect) = before.tell(event, self.lifecycle.stage);
        EventDescription {
            at: event.at,
            description,
            billing_effect,
        }
    }

    /// The add-on price in force.
    fn price(&self) -> Option<Money> {
        self.terms
            .map(|terms| terms.price())
            .or_else(|| self.lifecycle.subscription.map(addon_price))
    }

    /// "49.50 EUR on the invoice of 2026-12-01", as far as price and date are known.
    fn charge(&self, invoice: Option<DateTime<Utc>>) -> String {
        match (self.price(), invoice) {
            (Some(price), Some(date)) => {
                format!(
                    "{} on the invoice of {}",
                    price.with_currency(),
                    when(&date)
                )
            }
            (Some(price), None) => {
                format!("{} on the next subscription invoice", price.with_currency())
            }
            (None, Some(date)) => format!("charged on the invoice of {}", when(&date)),
            (None, None) => "charged on the next subscription invoice".to_owned(),
        }
    }

    /// Description and billing effect of `event`, told from the state before it;
    /// `after` is the stage it led to.
    fn tell(&self, event: &Event, after: Stage) -> (String, String) {
        let subscription = self.lifecycle.subscription;
        let next_invoice = subscription.map(|s| next_boundary(s, event.at));
        match &event.kind {
            EventKind::TrialStarted => (
                "trial started".to_owned(),
                format!(
                    "full access, no charge until {}",
                    when(&trial_end(event.at))
                ),
            ),
            EventKind::TrialCancelled => (
                "trial cancelled".to_owned(),
                format!(
                    "collection stopped; no charge; history kept until {}",
                    when(&history_until(event.at))
                ),
            ),
            EventKind::TrialExpired => {
                let expired = match after {
                    Stage::TrialExpired { at } => at,
                    _ => event.at,
                };
                (
                    "trial expired".to_owned(),
                    format!(
                        "collection paused; no charge; history kept until {}",
                        when(&history_until(expired))
                    ),
                )
            }
            EventKind::Activated => {
                let description = match self.lifecycle.stage {
                    Stage::Trial { .. } => "add-on activated during the trial",
                    _ => "add-on activated",
                };
                (
                    description.to_owned(),
                    format!("{} and every invoice after", self.charge(next_invoice)),
                )
            }
            EventKind::RenewalEnabled => (
                "renewal enabled".to_owned(),
                format!("{} and every invoice after", self.charge(next_invoice)),
            ),
            EventKind::RenewalDisabled | EventKind::Cancelled => {
                let description = match event.kind {
                    EventKind::Cancelled => "add-on cancelled",
                    _ => "renewal disabled",
                };
                let effect = match (after, subscription) {
                    (
                        Stage::Active {
                            paid_until: Some(end),
                            ..
                        },
                        Some(_),
                    ) => format!(
                        "collection until {}; last charge {}; nothing after",
                        when(&end),
                        self.charge(Some(end))
                    ),
                    _ => "collection stopped; no further charges".to_owned(),
                };
                (description.to_owned(), effect)
            }
            EventKind::SubscriptionChanged {
                tier,
                fee,
                customers,
            } => self.tell_subscription_change(Terms {
                tier: *tier,
                fee: *fee,
                customers: *customers,
            }),
            EventKind::CollectionEnded => {
                let ended = match after {
                    Stage::Ended { at } => at,
                    _ => event.at,
                };
                (
                    "add-on ended".to_owned(),
                    format!(
                        "collection stopped; no further charges; history kept until {}",
                        when(&history_until(ended))
                    ),
                )
            }
        }
    }

    fn tell_subscription_change(&self, new: Terms) -> (String, String) {
        let description = match self.terms {
            None => format!(
                "subscription set: {}, {}, {} customers",
                new.tier,
                new.fee.with_currency(),
                group_thousands(new.customers)
            ),
            Some(old) if new.tier > old.tier => {
                format!("tier upgraded {} → {}", old.tier, new.tier)
            }
            Some(old) if new.tier < old.tier => {
                format!("tier downgraded {} → {}", old.tier, new.tier)
            }
            Some(old) if new.fee != old.fee => {
                format!("subscription fee changed {}", change(old.fee, new.fee))
            }
            Some(old) if new.customers != old.customers => format!(
                "customer count changed {} → {}",
                group_thousands(old.customers),
                group_thousands(new.customers)
            ),
            Some(_) => "subscription unchanged".to_owned(),
        };
        let charged = matches!(self.lifecycle.stage, Stage::Active { .. });
        let effect = match self.terms.map(|old| old.price()) {
            _ if !new.tier.is_eligible() => {
                format!("the add-on is not available on {}", new.tier)
            }
            Some(old) if old == new.price() => {
                format!("add-on price unchanged ({})", old.with_currency())
            }
            Some(old) if charged => format!(
                "add-on price {} from the next invoice",
                change(old, new.price())
            ),
            Some(old) => format!(
                "add-on price {} (charged once the add-on is active)",
                change(old, new.price())
            ),
            None => format!("add-on price {}", new.price().with_currency()),
        };
        (description, effect)
    }
}

/// "49.50 → 100.00 EUR", or "49.50 EUR → 50.00 USD" across currencies.
fn change(old: Money, new: Money) -> String {
    if old.currency() == new.currency() {
        format!("{old} → {}", new.with_currency())
    } else {
        format!("{} → {}", old.with_currency(), new.with_currency())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::addon::test_support::{at, day, eur, mid, subscription};

    fn event(at: DateTime<Utc>, kind: EventKind) -> Event {
        Event { at, kind }
    }

    fn changed(tier: Tier, fee: &str) -> EventKind {
        EventKind::SubscriptionChanged {
            tier,
            fee: eur(fee),
            customers: 1_500,
        }
    }

    fn told(events: &[Event], subscription: &Subscription) -> Vec<String> {
        describe_events(events, Some(subscription))
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn tells_a_trial_that_ran_out() {
        let events = [
            event(day(0), EventKind::TrialStarted),
            event(day(15), EventKind::TrialExpired),
        ];
        assert_eq!(
            told(&events, &mid("99")),
            [
                "trial started — full access, no charge until 2026-12-08 10:00 UTC",
                "trial expired — collection paused; no charge; history kept until 2027-01-07 10:00 UTC",
            ]
        );
    }

    #[test]
    fn tells_a_paid_lifecycle_with_prices_in_force() {
        let events = [
            event(at(2026, 11, 1, 0, 0, 0), changed(Tier::Mid, "99.00")),
            event(day(0), EventKind::TrialStarted),
            event(day(2), EventKind::Activated),
            event(day(3), changed(Tier::Large, "200.00")),
            event(day(4), EventKind::RenewalDisabled),
            event(day(5), EventKind::RenewalEnabled),
            event(day(6), changed(Tier::Large, "180.00")),
            event(day(7), EventKind::Cancelled),
            event(at(2026, 12, 1, 0, 0, 0), EventKind::CollectionEnded),
        ];
        assert_eq!(
            told(&events, &subscription(Tier::Large, "180.00")),
            [
                "subscription set: Mid-tier, 99.00 EUR, 1,500 customers — add-on price 49.50 EUR",
                "trial started — full access, no charge until 2026-12-08 10:00 UTC",
                "add-on activated during the trial — 49.50 EUR on the invoice of 2026-12-01 and \
                 every invoice after",
                "tier upgraded Mid-tier → Large-tier — add-on price 49.50 → 100.00 EUR from the \
                 next invoice",
                "renewal disabled — collection until 2026-12-01; last charge 100.00 EUR on the \
                 invoice of 2026-12-01; nothing after",
                "renewal enabled — 100.00 EUR on the invoice of 2026-12-01 and every invoice after",
                "subscription fee changed 200.00 → 180.00 EUR — add-on price 100.00 → 90.00 EUR \
                 from the next invoice",
                "add-on cancelled — collection until 2026-12-01; last charge 90.00 EUR on the \
                 invoice of 2026-12-01; nothing after",
                "add-on ended — collection stopped; no further charges; history kept until \
                 2026-12-31",
            ]
        );
    }

    #[test]
    fn tells_subscription_changes_outside_a_paid_add_on() {
        let events = [
            event(day(0), changed(Tier::Large, "200")),
            event(day(1), changed(Tier::Mid, "99")),
            event(day(2), changed(Tier::Mid, "99")),
            event(
                day(3),
                EventKind::SubscriptionChanged {
                    tier: Tier::Mid,
                    fee: eur("99"),
                    customers: 2_100,
                },
            ),
            event(day(4), changed(Tier::Starter, "19")),
        ];
        assert_eq!(
            told(&events, &mid("99")),
            [
                "subscription set: Large-tier, 200.00 EUR, 1,500 customers — add-on price 100.00 EUR",
                "tier downgraded Large-tier → Mid-tier — add-on price 100.00 → 49.50 EUR (charged \
                 once the add-on is active)",
                "subscription unchanged — add-on price unchanged (49.50 EUR)",
                "customer count changed 1,500 → 2,100 — add-on price unchanged (49.50 EUR)",
                "tier downgraded Mid-tier → Starter — the add-on is not available on Starter",
            ]
        );
    }

    #[test]
    fn prices_across_currencies_and_without_a_subscription() {
        let usd = "USD".parse().expect("valid currency");
        let events = [
            event(day(0), changed(Tier::Mid, "99")),
            event(
                day(1),
                EventKind::SubscriptionChanged {
                    tier: Tier::Mid,
                    fee: Money::parse("100", usd).expect("valid amount"),
                    customers: 1_500,
                },
            ),
        ];
        let told: Vec<String> = describe_events(&events, None)
            .iter()
            .map(|d| d.billing_effect.clone())
            .collect();
        assert_eq!(
            told,
            [
                "add-on price 49.50 EUR",
                "add-on price 49.50 EUR → 50.00 USD (charged once the add-on is active)",
            ]
        );
        let unpriced = [
            event(day(0), EventKind::Activated),
            event(day(1), EventKind::Cancelled),
        ];
        let told: Vec<String> = describe_events(&unpriced, None)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            told,
            [
                "add-on activated — charged on the next subscription invoice and every invoice after",
                "add-on cancelled — collection stopped; no further charges",
            ]
        );
    }

    #[test]
    fn a_trial_cancelled_keeps_history_thirty_days() {
        let events = [
            event(day(0), EventKind::TrialStarted),
            event(day(3), EventKind::TrialCancelled),
        ];
        assert_eq!(
            told(&events, &mid("99"))[1],
            "trial cancelled — collection stopped; no charge; history kept until 2026-12-26 10:00 UTC"
        );
    }

    #[test]
    fn instants_read_as_dates_at_midnight() {
        assert_eq!(when(&at(2026, 12, 1, 0, 0, 0)), "2026-12-01");
        assert_eq!(when(&at(2026, 12, 8, 10, 0, 0)), "2026-12-08 10:00 UTC");
        assert_eq!(when(&at(2026, 12, 8, 10, 0, 5)), "2026-12-08 10:00:05 UTC");
    }
}
