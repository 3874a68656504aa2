//! The next subscription invoice as the add-on sees it: the subscription line for the
//! current period, then the add-on's charge (or its no-charge trial line), and the total.
//! There is never a separate add-on invoice.

use chrono::{DateTime, NaiveDate, Utc};
use serde::ser::{Serialize, SerializeStruct, Serializer};

use super::money::{Currency, Money, MoneyError};
use super::pricing::{Subscription, current_period};
use super::state::{Event, Phase, state_at};

/// One line of an invoice.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Line {
    pub description: String,
    pub amount: Money,
}

/// The next subscription invoice. Serialises with the keys `invoice_date`
/// ("YYYY-MM-DD"), `currency`, `lines` and `total`, amounts as decimal strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invoice {
    /// The next period boundary: the day the invoice is issued.
    pub invoice_date: NaiveDate,
    pub currency: Currency,
    pub lines: Vec<Line>,
    pub total: Money,
}

impl Serialize for Invoice {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut invoice = serializer.serialize_struct("Invoice", 4)?;
        invoice.serialize_field(
            "invoice_date",
            &self.invoice_date.format("%Y-%m-%d").to_string(),
        )?;
        invoice.serialize_field("currency", &self.currency)?;
        invoice.serialize_field("lines", &self.lines)?;
        invoice.serialize_field("total", &self.total)?;
        invoice.end()
    }
}

/// Description of the add-on line when it is charged.
pub const ADDON_LINE: &str = "NetFlow add-on (50% of subscription)";
/// Description of the add-on line while an unactivated trial runs.
pub const TRIAL_LINE: &str = "NetFlow add-on (trial, no charge)";

/// The invoice at the next period boundary after `now`: the subscription for the
/// period that ends there, the add-on when that invoice charges it, or a zero trial line
/// while a trial runs unactivated. Fails only when the total overflows.
pub fn billing_preview(
    events: &[Event],
    subscription: &Subscription,
    now: DateTime<Utc>,
) -> Result<Invoice, MoneyError> {
    let (start, end) = current_period(subscription, now);
    let currency = subscription.fee.currency();
    let mut lines = vec![Line {
        description: format!(
            "Subscription ({}), {} – {}",
            subscription.tier,
            start.format("%Y-%m-%d"),
            end.format("%Y-%m-%d")
        ),
        amount: subscription.fee,
    }];
    let status = state_at(events, Some(subscription), now);
    match (status.next_charge, status.phase) {
        (Some(charge), _) => lines.push(Line {
            description: ADDON_LINE.to_owned(),
            amount: charge,
        }),
        (None, Phase::Trial { .. }) => lines.push(Line {
            description: TRIAL_LINE.to_owned(),
            amount: Money::zero(currency),
        }),
        (None, _) => {}
    }
    let total = Money::sum(currency, lines.iter().map(|line| &line.amount))?;
    Ok(Invoice {
        invoice_date: end.date_naive(),
        currency,
        lines,
        total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::addon::pricing::Tier;
    use crate::addon::state::EventKind;
    use crate::addon::test_support::{at, day, eur, mid, subscription};

    fn event(at: DateTime<Utc>, kind: EventKind) -> Event {
        Event { at, kind }
    }

    fn lines(invoice: &Invoice) -> Vec<(&str, String)> {
        invoice
            .lines
            .iter()
            .map(|line| (line.description.as_str(), line.amount.to_string()))
            .collect()
    }

    #[test]
    fn without_the_add_on_only_the_subscription_is_billed() {
        let invoice = billing_preview(&[], &mid("99.00"), day(0)).expect("no overflow");
        assert_eq!(
            invoice.invoice_date,
            NaiveDate::from_ymd_opt(2026, 12, 1).expect("valid date")
        );
        assert_eq!(
            lines(&invoice),
            [(
                "Subscription (Mid-tier), 2026-11-01 – 2026-12-01",
                "99.00".into()
            )]
        );
        assert_eq!(invoice.total, eur("99.00"));
    }

    #[test]
    fn a_running_trial_shows_a_no_charge_line() {
        let events = [event(day(0), EventKind::TrialStarted)];
        let invoice = billing_preview(&events, &mid("99.00"), day(1)).expect("no overflow");
        assert_eq!(
            lines(&invoice),
            [
                (
                    "Subscription (Mid-tier), 2026-11-01 – 2026-12-01",
                    "99.00".into()
                ),
                (TRIAL_LINE, "0.00".into()),
            ]
        );
        assert_eq!(invoice.total, eur("99.00"));
        // Once the trial ran out unactivated, the add-on leaves the invoice.
        let later = billing_preview(&events, &mid("99.00"), day(15)).expect("no overflow");
        assert_eq!(later.lines.len(), 1);
    }

    #[test]
    fn an_active_add_on_is_half_the_fee_on_the_same_invoice() {
        let events = [event(day(0), EventKind::Activated)];
        let invoice = billing_preview(&events, &mid("99.99"), day(0)).expect("no overflow");
        assert_eq!(
            lines(&invoice),
            [
                (
                    "Subscription (Mid-tier), 2026-11-01 – 2026-12-01",
                    "99.99".into()
                ),
                (ADDON_LINE, "50.00".into()),
            ]
        );
        assert_eq!(invoice.total, eur("149.99"));
    }

    #[test]
    fn a_cancelled_add_on_is_charged_once_more_then_leaves() {
        let events = [
            event(day(0), EventKind::Activated),
            event(day(3), EventKind::Cancelled),
        ];
        let sub = mid("99.00");
        let last = billing_preview(&events, &sub, at(2026, 11, 30, 23, 59, 59)).expect("ok");
        assert_eq!(
            last.lines[1],
            Line {
                description: ADDON_LINE.into(),
                amount: eur("49.50"),
            }
        );
        let after = billing_preview(&events, &sub, at(2026, 12, 1, 0, 0, 0)).expect("ok");
        assert_eq!(
            lines(&after),
            [(
                "Subscription (Mid-tier), 2026-12-01 – 2027-01-01",
                "99.00".into()
            )]
        );
    }

    #[test]
    fn periods_clamp_to_month_ends() {
        let sub = Subscription {
            period_start: NaiveDate::from_ymd_opt(2026, 1, 31).expect("valid date"),
            ..subscription(Tier::Large, "250.00")
        };
        let invoice = billing_preview(&[], &sub, at(2026, 2, 10, 8, 0, 0)).expect("ok");
        assert_eq!(
            invoice.invoice_date,
            NaiveDate::from_ymd_opt(2026, 2, 28).expect("valid date")
        );
        assert_eq!(
            invoice.lines[0].description,
            "Subscription (Large-tier), 2026-01-31 – 2026-02-28"
        );
    }

    #[test]
    fn serialises_with_the_documented_keys() {
        let events = [event(day(0), EventKind::Activated)];
        let invoice = billing_preview(&events, &mid("99.00"), day(0)).expect("no overflow");
        assert_eq!(
            serde_json::to_value(&invoice).expect("serialises"),
            serde_json::json!({
                "invoice_date": "2026-12-01",
                "currency": "EUR",
                "lines": [
                    {
                        "description": "Subscription (Mid-tier), 2026-11-01 – 2026-12-01",
                        "amount": "99.00"
                    },
                    { "description": "NetFlow add-on (50% of subscription)", "amount": "49.50" }
                ],
                "total": "148.50"
            })
        );
    }

    #[test]
    fn an_overflowing_total_is_an_error() {
        let huge = Subscription {
            fee: Money::from_minor(i64::MAX, eur("0").currency()).expect("non-negative"),
            ..mid("0")
        };
        let events = [event(day(0), EventKind::Activated)];
        assert_eq!(
            billing_preview(&events, &huge, day(1)),
            Err(MoneyError::SumTooLarge {
                currency: eur("0").currency()
            })
        );
    }
}
