//! The add-on's tables: the operator's `subscription` (one row) and the `addon_event`
//! log with each event's billing effect, mapped to and from the add-on's domain types.
//! Times are stored as `clock::stamp` writes them: RFC 3339, UTC, whole seconds.

use crate::store::db::{Conn, Optional, params};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::addon::{Currency, Event, EventKind, Money, Subscription, Tier};
use crate::clock::stamp;
use crate::error::{Exit, fail};

/// How a period start is stored.
const DATE_FORMAT: &str = "%Y-%m-%d";

/// An event as recorded, with the billing effect told when it was recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    pub event: Event,
    pub billing_effect: String,
}

/// The `data` of a `subscription_changed` event: the terms the add-on price derives from.
#[derive(Serialize, Deserialize)]
struct Terms {
    tier: String,
    fee_minor: i64,
    currency: String,
    customers: u32,
}

/// The subscription, or `None` when none was set yet.
pub fn subscription(conn: &Conn) -> anyhow::Result<Option<Subscription>> {
    let row = conn
        .query_row(
            "SELECT tier, fee_minor, currency, customers, period_start FROM subscription
             WHERE id = 1",
            params![],
            |r| {
                Ok((
                    r.get::<String>(0)?,
                    r.get::<i64>(1)?,
                    r.get::<String>(2)?,
                    r.get::<u32>(3)?,
                    r.get::<String>(4)?,
                ))
            },
        )
        .optional()?;
    let Some((tier, fee_minor, currency, customers, period_start)) = row else {
        return Ok(None);
    };
    let damaged = |why: String| damaged("the subscription", why);
    let period_start = NaiveDate::parse_from_str(&period_start, DATE_FORMAT)
        .map_err(|e| damaged(format!("period start {period_start:?}: {e}")))?;
    Ok(Some(Subscription {
        tier: tier.parse::<Tier>().map_err(|e| damaged(e.to_string()))?,
        fee: money(fee_minor, &currency).map_err(damaged)?,
        customers,
        period_start,
    }))
}

/// Replaces the subscription; `updated_at` is when.
pub fn set_subscription(
    conn: &Conn,
    subscription: &Subscription,
    updated_at: &str,
) -> anyhow::Result<()> {
    conn.execute(
        "INSERT INTO subscription (id, tier, fee_minor, currency, customers, period_start, updated_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET tier = excluded.tier, fee_minor = excluded.fee_minor,
             currency = excluded.currency, customers = excluded.customers,
             period_start = excluded.period_start, updated_at = excluded.updated_at",
        params![
            subscription.tier.as_str(),
            subscription.fee.minor(),
            subscription.fee.currency().to_string(),
            subscription.customers,
            subscription.period_start.format(DATE_FORMAT).to_string(),
            updated_at,
        ],
    )?;
    Ok(())
}

/// Every recorded event, in time order (in recording order for equal instants).
pub fn events(conn: &Conn) -> anyhow::Result<Vec<Recorded>> {
    let rows = conn.collect(
        "SELECT id, at, kind, data, billing_effect FROM addon_event ORDER BY at, id",
        params![],
        |r| {
            Ok((
                r.get::<i64>(0)?,
                r.get::<String>(1)?,
                r.get::<String>(2)?,
                r.get::<String>(3)?,
                r.get::<String>(4)?,
            ))
        },
    )?;
    rows.into_iter()
        .map(|(id, at, kind, data, billing_effect)| {
            let damaged = |why: String| damaged(&format!("add-on event {id}"), why);
            let at = DateTime::parse_from_rfc3339(&at)
                .map_err(|e| damaged(format!("time {at:?}: {e}")))?
                .with_timezone(&Utc);
            let kind = parse_kind(&kind, &data).map_err(damaged)?;
            Ok(Recorded {
                event: Event { at, kind },
                billing_effect,
            })
        })
        .collect()
}

/// Appends one event with its billing effect.
pub fn record(conn: &Conn, event: &Event, billing_effect: &str) -> anyhow::Result<()> {
    let data = match &event.kind {
        EventKind::SubscriptionChanged {
            tier,
            fee,
            customers,
        } => serde_json::to_string(&Terms {
            tier: tier.as_str().to_owned(),
            fee_minor: fee.minor(),
            currency: fee.currency().to_string(),
            customers: *customers,
        })?,
        _ => "{}".to_owned(),
    };
    conn.execute(
        "INSERT INTO addon_event (at, kind, data, billing_effect) VALUES (?1, ?2, ?3, ?4)",
        params![
            stamp(event.at),
            kind_name(&event.kind),
            data,
            billing_effect
        ],
    )?;
    Ok(())
}

/// The `kind` text of an event.
fn kind_name(kind: &EventKind) -> &'static str {
    match kind {
        EventKind::TrialStarted => "trial_started",
        EventKind::TrialCancelled => "trial_cancelled",
        EventKind::TrialExpired => "trial_expired",
        EventKind::Activated => "activated",
        EventKind::RenewalDisabled => "renewal_disabled",
        EventKind::RenewalEnabled => "renewal_enabled",
        EventKind::Cancelled => "cancelled",
        EventKind::SubscriptionChanged { .. } => "subscription_changed",
        EventKind::CollectionEnded => "collection_ended",
    }
}

/// The event kind from its `kind` text and `data` JSON.
fn parse_kind(kind: &str, data: &str) -> Result<EventKind, String> {
    Ok(match kind {
        "trial_started" => EventKind::TrialStarted,
        "trial_cancelled" => EventKind::TrialCancelled,
        "trial_expired" => EventKind::TrialExpired,
        "activated" => EventKind::Activated,
        "renewal_disabled" => EventKind::RenewalDisabled,
        "renewal_enabled" => EventKind::RenewalEnabled,
        "cancelled" => EventKind::Cancelled,
        "collection_ended" => EventKind::CollectionEnded,
        "subscription_changed" => {
            let terms: Terms =
                serde_json::from_str(data).map_err(|e| format!("data {data:?}: {e}"))?;
            EventKind::SubscriptionChanged {
                tier: terms.tier.parse::<Tier>().map_err(|e| e.to_string())?,
                fee: money(terms.fee_minor, &terms.currency)?,
                customers: terms.customers,
            }
        }
        other => return Err(format!("unknown kind {other:?}")),
    })
}

fn money(minor: i64, currency: &str) -> Result<Money, String> {
    let currency = currency.parse::<Currency>().map_err(|e| e.to_string())?;
    Money::from_minor(minor, currency).map_err(|e| e.to_string())
}

fn damaged(what: &str, why: String) -> anyhow::Error {
    fail(
        Exit::DataErr,
        format!("{what} in the store is damaged ({why}); restore the store from a backup"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn store() -> Conn {
        let conn = Conn::Sqlite(rusqlite::Connection::open_in_memory().unwrap());
        crate::store::migrations::run(&conn).unwrap();
        conn
    }

    fn eur(amount: &str) -> Money {
        Money::parse(amount, "EUR".parse().unwrap()).unwrap()
    }

    #[test]
    fn the_subscription_round_trips_and_is_replaced() {
        let conn = store();
        assert_eq!(subscription(&conn).unwrap(), None);
        let mut sub = Subscription {
            tier: Tier::Mid,
            fee: eur("99.99"),
            customers: 1_500,
            period_start: NaiveDate::from_ymd_opt(2026, 1, 31).unwrap(),
        };
        set_subscription(&conn, &sub, "2026-11-23T10:00:00Z").unwrap();
        assert_eq!(subscription(&conn).unwrap().as_ref(), Some(&sub));
        sub.tier = Tier::Large;
        sub.fee = eur("250");
        set_subscription(&conn, &sub, "2026-11-24T10:00:00Z").unwrap();
        assert_eq!(subscription(&conn).unwrap(), Some(sub));
    }

    #[test]
    fn every_event_kind_round_trips_in_time_order() {
        let conn = store();
        let at = |d: u32| Utc.with_ymd_and_hms(2026, 11, d, 10, 0, 0).unwrap();
        let kinds = [
            EventKind::SubscriptionChanged {
                tier: Tier::Large,
                fee: eur("199.50"),
                customers: 2_500,
            },
            EventKind::TrialStarted,
            EventKind::TrialCancelled,
            EventKind::TrialExpired,
            EventKind::Activated,
            EventKind::RenewalDisabled,
            EventKind::RenewalEnabled,
            EventKind::Cancelled,
            EventKind::CollectionEnded,
        ];
        let recorded: Vec<Recorded> = kinds
            .into_iter()
            .zip(1..)
            .map(|(kind, d)| Recorded {
                event: Event { at: at(d), kind },
                billing_effect: format!("effect {d}"),
            })
            .collect();
        // Recorded out of order: read back by time.
        for r in recorded.iter().rev() {
            record(&conn, &r.event, &r.billing_effect).unwrap();
        }
        assert_eq!(events(&conn).unwrap(), recorded);
    }

    #[test]
    fn a_damaged_event_is_an_error_that_names_it() {
        let conn = store();
        conn.execute(
            "INSERT INTO addon_event (at, kind) VALUES ('2026-11-23T10:00:00Z', 'upgraded')",
            params![],
        )
        .unwrap();
        let err = events(&conn).unwrap_err().to_string();
        assert_eq!(
            err,
            "add-on event 1 in the store is damaged (unknown kind \"upgraded\"); restore the \
             store from a backup"
        );
    }
}
