//! The operator's subscription and what the add-on derives from it: tiers and their
//! eligibility, the customer-scale warning, the add-on price (50% of the fee) and the
//! monthly billing periods whose boundaries are the subscription invoices.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, Months, NaiveDate, NaiveTime, Utc};
use thiserror::Error;

use super::money::Money;

/// Mid-tier covers up to this many customers; Large-tier is for more.
pub const MID_TIER_MAX_CUSTOMERS: u32 = 2_000;

/// Subscription tiers, ordered from smallest to largest (an upgrade goes up this order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tier {
    Starter,
    Mid,
    Large,
}

/// An unknown tier name was given.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("unknown tier {0:?} (expected starter, mid or large)")]
pub struct ParseTierError(pub String);

impl Tier {
    /// Every tier, smallest first.
    pub const ALL: [Tier; 3] = [Tier::Starter, Tier::Mid, Tier::Large];

    /// The name used on the command line and in the store: "starter", "mid", "large".
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Starter => "starter",
            Tier::Mid => "mid",
            Tier::Large => "large",
        }
    }

    /// Whether accounts on this tier may use the NetFlow add-on (Mid and Large only).
    pub fn is_eligible(self) -> bool {
        matches!(self, Tier::Mid | Tier::Large)
    }

    /// The eligible tiers for messages: "Mid-tier and Large-tier".
    pub fn eligible_names() -> String {
        let names: Vec<String> = Tier::ALL
            .iter()
            .filter(|tier| tier.is_eligible())
            .map(ToString::to_string)
            .collect();
        names.join(" and ")
    }
}

impl FromStr for Tier {
    type Err = ParseTierError;

    /// Parses "starter", "mid" or "large", in any case.
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Tier::ALL
            .into_iter()
            .find(|tier| tier.as_str().eq_ignore_ascii_case(name))
            .ok_or_else(|| ParseTierError(name.to_owned()))
    }
}

impl fmt::Display for Tier {
    /// The name people read: "Starter", "Mid-tier", "Large-tier".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Tier::Starter => "Starter",
            Tier::Mid => "Mid-tier",
            Tier::Large => "Large-tier",
        })
    }
}

/// The operator's subscription: the add-on price and the billing periods derive from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    pub tier: Tier,
    /// The monthly subscription fee.
    pub fee: Money,
    pub customers: u32,
    /// The first day of the first monthly billing period.
    pub period_start: NaiveDate,
}

/// The add-on price: 50% of the subscription fee, half a minor unit rounding up.
pub fn addon_price(subscription: &Subscription) -> Money {
    subscription.fee.half_rounded_up()
}

/// A warning when the customer count outgrows the tier: a Mid-tier account with more
/// than 2,000 customers should move to Large-tier. `None` when the tier fits.
pub fn scale_warning(subscription: &Subscription) -> Option<String> {
    (subscription.tier == Tier::Mid && subscription.customers > MID_TIER_MAX_CUSTOMERS).then(|| {
        format!(
            "{} covers up to {} customers and this account has {}; consider upgrading to {} \
                 (netflow-manager subscription set --tier {} …)",
            Tier::Mid,
            group_thousands(MID_TIER_MAX_CUSTOMERS),
            group_thousands(subscription.customers),
            Tier::Large,
            Tier::Large.as_str(),
        )
    })
}

/// A count with thousands separators, as people write it: 2000 → "2,000".
pub(crate) fn group_thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// The first period boundary (an invoice date, midnight UTC) strictly after `now`.
/// Boundaries fall monthly on `period_start`'s day of the month, clamped to the last day
/// of shorter months and always counted from `period_start` itself (Jan 31 → Feb 28 →
/// Mar 31). Boundaries before `period_start` follow the same rule backwards.
pub fn next_boundary(subscription: &Subscription, now: DateTime<Utc>) -> DateTime<Utc> {
    current_period(subscription, now).1
}

/// The billing period containing `now`, as `(start, end)` boundaries: start ≤ now < end.
/// The invoice at `end` bills this period.
pub fn current_period(
    subscription: &Subscription,
    now: DateTime<Utc>,
) -> (DateTime<Utc>, DateTime<Utc>) {
    let start = subscription.period_start;
    let today = now.date_naive();
    let months_apart = (i64::from(today.year()) - i64::from(start.year())) * 12
        + i64::from(today.month())
        - i64::from(start.month());
    // The boundary `months_apart` months on falls in today's month; if it is still
    // ahead, today belongs to the period before it.
    let index = if boundary_date(start, months_apart) > today {
        months_apart - 1
    } else {
        months_apart
    };
    (
        midnight(boundary_date(start, index)),
        midnight(boundary_date(start, index + 1)),
    )
}

/// `start` moved by `months` (negative: backwards), the day clamped to the month's end;
/// saturates at chrono's date range (beyond the year 262,000).
fn boundary_date(start: NaiveDate, months: i64) -> NaiveDate {
    let shifted = u32::try_from(months.unsigned_abs())
        .ok()
        .map(Months::new)
        .and_then(|step| {
            if months >= 0 {
                start.checked_add_months(step)
            } else {
                start.checked_sub_months(step)
            }
        });
    match shifted {
        Some(date) => date,
        None if months >= 0 => NaiveDate::MAX,
        None => NaiveDate::MIN,
    }
}

fn midnight(date: NaiveDate) -> DateTime<Utc> {
    date.and_time(NaiveTime::MIN).and_utc()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::addon::test_support::{at, eur};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn sub(tier: Tier, fee: &str, customers: u32, start: NaiveDate) -> Subscription {
        Subscription {
            tier,
            fee: eur(fee),
            customers,
            period_start: start,
        }
    }

    #[test]
    fn tiers_parse_in_any_case_and_display_their_names() {
        assert_eq!("starter".parse(), Ok(Tier::Starter));
        assert_eq!("MID".parse(), Ok(Tier::Mid));
        assert_eq!("Large".parse(), Ok(Tier::Large));
        assert_eq!(
            "enterprise".parse::<Tier>(),
            Err(ParseTierError("enterprise".into()))
        );
        assert_eq!(
            ParseTierError("x".into()).to_string(),
            r#"unknown tier "x" (expected starter, mid or large)"#
        );
        let names: Vec<String> = Tier::ALL.iter().map(ToString::to_string).collect();
        assert_eq!(names, ["Starter", "Mid-tier", "Large-tier"]);
        for tier in Tier::ALL {
            assert_eq!(tier.as_str().parse(), Ok(tier));
        }
    }

    #[test]
    fn only_mid_and_large_are_eligible() {
        assert!(!Tier::Starter.is_eligible());
        assert!(Tier::Mid.is_eligible());
        assert!(Tier::Large.is_eligible());
        assert_eq!(Tier::eligible_names(), "Mid-tier and Large-tier");
        assert!(Tier::Starter < Tier::Mid && Tier::Mid < Tier::Large);
    }

    #[test]
    fn warns_only_when_a_mid_tier_outgrows_two_thousand_customers() {
        let start = date(2026, 1, 1);
        assert_eq!(scale_warning(&sub(Tier::Mid, "99", 2_000, start)), None);
        assert_eq!(
            scale_warning(&sub(Tier::Mid, "99", 2_001, start)).as_deref(),
            Some(
                "Mid-tier covers up to 2,000 customers and this account has 2,001; consider \
                 upgrading to Large-tier (netflow-manager subscription set --tier large …)"
            )
        );
        assert_eq!(scale_warning(&sub(Tier::Large, "199", 500, start)), None);
        assert_eq!(scale_warning(&sub(Tier::Large, "199", 50_000, start)), None);
        assert_eq!(scale_warning(&sub(Tier::Starter, "19", 10, start)), None);
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(2_000), "2,000");
        assert_eq!(group_thousands(1_234_567), "1,234,567");
        assert_eq!(group_thousands(u32::MAX), "4,294,967,295");
    }

    #[test]
    fn price_is_half_the_fee_rounding_half_a_cent_up() {
        let start = date(2026, 1, 1);
        assert_eq!(
            addon_price(&sub(Tier::Mid, "99.00", 1, start)),
            eur("49.50")
        );
        assert_eq!(
            addon_price(&sub(Tier::Mid, "99.99", 1, start)),
            eur("50.00")
        );
        assert_eq!(addon_price(&sub(Tier::Mid, "0.01", 1, start)), eur("0.01"));
        assert_eq!(addon_price(&sub(Tier::Mid, "0", 1, start)), eur("0"));
        assert_eq!(addon_price(&sub(Tier::Large, "200", 1, start)), eur("100"));
    }

    #[test]
    fn boundaries_fall_on_the_start_day_each_month() {
        let s = sub(Tier::Mid, "99", 1, date(2026, 11, 1));
        assert_eq!(
            current_period(&s, at(2026, 11, 23, 10, 0, 0)),
            (at(2026, 11, 1, 0, 0, 0), at(2026, 12, 1, 0, 0, 0))
        );
        // A boundary instant belongs to the period it starts.
        assert_eq!(
            current_period(&s, at(2026, 12, 1, 0, 0, 0)),
            (at(2026, 12, 1, 0, 0, 0), at(2027, 1, 1, 0, 0, 0))
        );
        assert_eq!(
            next_boundary(&s, at(2026, 11, 30, 23, 59, 59)),
            at(2026, 12, 1, 0, 0, 0)
        );
        // Before the first period, the boundary is the start itself.
        assert_eq!(
            current_period(&s, at(2026, 10, 20, 12, 0, 0)),
            (at(2026, 10, 1, 0, 0, 0), at(2026, 11, 1, 0, 0, 0))
        );
    }

    #[test]
    fn month_end_starts_clamp_without_drifting() {
        let s = sub(Tier::Mid, "99", 1, date(2026, 1, 31));
        let expected = [
            (at(2026, 1, 31, 12, 0, 0), date(2026, 2, 28)),
            (at(2026, 2, 27, 23, 59, 59), date(2026, 2, 28)),
            (at(2026, 2, 28, 0, 0, 0), date(2026, 3, 31)),
            (at(2026, 3, 31, 0, 0, 0), date(2026, 4, 30)),
            (at(2026, 4, 30, 0, 0, 0), date(2026, 5, 31)),
            (at(2026, 12, 31, 0, 0, 0), date(2027, 1, 31)),
            (at(2028, 2, 1, 0, 0, 0), date(2028, 2, 29)),
            (at(2028, 2, 29, 0, 0, 0), date(2028, 3, 31)),
        ];
        for (now, boundary) in expected {
            assert_eq!(next_boundary(&s, now), midnight(boundary), "now {now}");
        }
        assert_eq!(
            current_period(&s, at(2026, 3, 15, 0, 0, 0)),
            (at(2026, 2, 28, 0, 0, 0), at(2026, 3, 31, 0, 0, 0))
        );
        // Backwards from a month-end start: Dec 31, Nov 30.
        assert_eq!(
            current_period(&s, at(2025, 12, 1, 0, 0, 0)),
            (at(2025, 11, 30, 0, 0, 0), at(2025, 12, 31, 0, 0, 0))
        );
    }

    #[test]
    fn boundaries_saturate_at_the_end_of_the_calendar() {
        let s = sub(Tier::Mid, "99", 1, date(2026, 1, 1));
        let last = DateTime::<Utc>::MAX_UTC;
        assert_eq!(next_boundary(&s, last), midnight(NaiveDate::MAX));
    }
}
