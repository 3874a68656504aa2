//! Fixtures shared by the add-on's unit tests: amounts in EUR, instants, a calendar
//! counted in days from one trial start, and subscriptions billed on the 1st.

use chrono::{DateTime, NaiveDate, TimeDelta, TimeZone, Utc};

use super::money::{Currency, Money};
use super::pricing::{Subscription, Tier};

pub(crate) fn eur(amount: &str) -> Money {
    let currency: Currency = "EUR".parse().expect("valid currency");
    Money::parse(amount, currency).expect("valid amount")
}

pub(crate) fn at(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, s)
        .single()
        .expect("valid instant")
}

/// Day `n` of the test calendar: 2026-11-23 10:00 UTC plus `n` days.
pub(crate) fn day(n: i64) -> DateTime<Utc> {
    at(2026, 11, 23, 10, 0, 0) + TimeDelta::days(n)
}

/// A subscription with 1,500 customers billed monthly on the 1st since 2026-01-01.
pub(crate) fn subscription(tier: Tier, fee: &str) -> Subscription {
    Subscription {
        tier,
        fee: eur(fee),
        customers: 1_500,
        period_start: NaiveDate::from_ymd_opt(2026, 1, 1).expect("valid date"),
    }
}

pub(crate) fn mid(fee: &str) -> Subscription {
    subscription(Tier::Mid, fee)
}
