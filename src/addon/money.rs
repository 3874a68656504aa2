//! Exact money for add-on billing: a non-negative count of minor units in a stated
//! currency. Owns parsing and formatting of decimal amounts ("100.50"), the 50% rule
//! with half a minor unit rounding up, and same-currency addition.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};
use thiserror::Error;

/// Minor-unit digits of every supported currency (cents, pence, …).
const MINOR_DIGITS: usize = 2;
/// Minor units in one major unit.
const MINOR_PER_MAJOR: i64 = 100;

/// Why an amount or a currency code was refused, or why two amounts cannot be added.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MoneyError {
    #[error("amount is empty (expected a decimal such as 100 or 100.50)")]
    Empty,
    #[error("amount {0:?} is negative (amounts are zero or more)")]
    Negative(String),
    #[error("amount {0:?} has more than two decimal places (expected e.g. 100.50)")]
    TooManyDecimals(String),
    #[error("amount {0:?} is not a decimal number (expected e.g. 100 or 100.50)")]
    Invalid(String),
    #[error("amount {0:?} is too large (at most 92233720368547758.07)")]
    TooLarge(String),
    #[error("amount of {0} minor units is negative (amounts are zero or more)")]
    NegativeMinor(i64),
    #[error("currency {0:?} is not a three-letter code such as EUR or USD")]
    InvalidCurrency(String),
    #[error("cannot add {left} and {right} amounts (one currency per invoice)")]
    CurrencyMismatch { left: Currency, right: Currency },
    #[error("sum of {currency} amounts is too large")]
    SumTooLarge { currency: Currency },
}

/// An ISO 4217-style code: three ASCII letters, stored upper-case. Every currency has
/// two minor-unit digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency([u8; 3]);

impl FromStr for Currency {
    type Err = MoneyError;

    /// Accepts `eur`, `Eur` or `EUR`; anything but three ASCII letters is refused.
    fn from_str(code: &str) -> Result<Self, Self::Err> {
        match code.as_bytes() {
            &[a, b, c] if [a, b, c].iter().all(u8::is_ascii_alphabetic) => Ok(Currency([
                a.to_ascii_uppercase(),
                b.to_ascii_uppercase(),
                c.to_ascii_uppercase(),
            ])),
            _ => Err(MoneyError::InvalidCurrency(code.to_owned())),
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write as _;
        self.0.iter().try_for_each(|&b| f.write_char(char::from(b)))
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A non-negative amount in minor units of `currency`. `Display` and serialisation give
/// the decimal string with exactly two decimals ("100.00"), without the currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    minor: i64,
    currency: Currency,
}

impl Money {
    /// Zero in `currency`.
    pub fn zero(currency: Currency) -> Self {
        Money { minor: 0, currency }
    }

    /// An amount of `minor` minor units (cents); negative amounts are refused.
    pub fn from_minor(minor: i64, currency: Currency) -> Result<Self, MoneyError> {
        if minor < 0 {
            return Err(MoneyError::NegativeMinor(minor));
        }
        Ok(Money { minor, currency })
    }

    /// Parses "100", "100.5" or "100.50" as an amount in `currency`. Signs, more than two
    /// decimals, separators, whitespace and amounts beyond the range are refused.
    pub fn parse(amount: &str, currency: Currency) -> Result<Self, MoneyError> {
        if amount.is_empty() {
            return Err(MoneyError::Empty);
        }
        if amount.starts_with('-') {
            return Err(MoneyError::Negative(amount.to_owned()));
        }
        let invalid = || MoneyError::Invalid(amount.to_owned());
        let (whole, fraction) = match amount.split_once('.') {
            Some((whole, fraction)) => (whole, fraction),
            None => (amount, ""),
        };
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(whole) || (amount.contains('.') && !all_digits(fraction)) {
            return Err(invalid());
        }
        if fraction.len() > MINOR_DIGITS {
            return Err(MoneyError::TooManyDecimals(amount.to_owned()));
        }
        let too_large = || MoneyError::TooLarge(amount.to_owned());
        let whole: i64 = whole.parse().map_err(|_| too_large())?;
        // Pad "5" to "50": one decimal digit means tens of minor units.
        let fraction: i64 = format!("{fraction:0<MINOR_DIGITS$}")
            .parse()
            .map_err(|_| invalid())?;
        let minor = whole
            .checked_mul(MINOR_PER_MAJOR)
            .and_then(|m| m.checked_add(fraction))
            .ok_or_else(too_large)?;
        Ok(Money { minor, currency })
    }

    /// The amount in minor units (cents).
    pub fn minor(&self) -> i64 {
        self.minor
    }

    /// The currency the amount is stated in.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// The amount with exactly two decimals, e.g. "100.00".
    pub fn to_decimal_string(&self) -> String {
        format!(
            "{}.{:0width$}",
            self.minor / MINOR_PER_MAJOR,
            self.minor % MINOR_PER_MAJOR,
            width = MINOR_DIGITS
        )
    }

    /// The amount followed by its currency, e.g. "100.00 EUR", for people to read.
    pub fn with_currency(&self) -> String {
        format!("{} {}", self.to_decimal_string(), self.currency)
    }

    /// Half of the amount, half a minor unit rounding up: 99.99 → 50.00, 0.01 → 0.01.
    pub fn half_rounded_up(&self) -> Self {
        Money {
            minor: self.minor / 2 + self.minor % 2,
            currency: self.currency,
        }
    }

    /// The sum of two amounts of the same currency.
    pub fn checked_add(&self, other: &Money) -> Result<Money, MoneyError> {
        if self.currency != other.currency {
            return Err(MoneyError::CurrencyMismatch {
                left: self.currency,
                right: other.currency,
            });
        }
        let minor = self
            .minor
            .checked_add(other.minor)
            .ok_or(MoneyError::SumTooLarge {
                currency: self.currency,
            })?;
        Ok(Money {
            minor,
            currency: self.currency,
        })
    }

    /// The sum of `amounts`, all of which must be in `currency` (zero when empty).
    pub fn sum<'a>(
        currency: Currency,
        amounts: impl IntoIterator<Item = &'a Money>,
    ) -> Result<Money, MoneyError> {
        amounts
            .into_iter()
            .try_fold(Money::zero(currency), |total, amount| {
                total.checked_add(amount)
            })
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_decimal_string())
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_decimal_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn eur() -> Currency {
        "EUR".parse().expect("valid currency")
    }

    fn eur_cents(minor: i64) -> Money {
        Money::from_minor(minor, eur()).expect("non-negative")
    }

    #[test]
    fn currency_is_three_letters_stored_upper_case() {
        assert_eq!("eur".parse::<Currency>(), Ok(eur()));
        assert_eq!(
            "Usd".parse::<Currency>().map(|c| c.to_string()),
            Ok("USD".into())
        );
        for bad in ["", "EU", "EURO", "E1R", "€UR", " EU", "ÉUR"] {
            assert_eq!(
                bad.parse::<Currency>(),
                Err(MoneyError::InvalidCurrency(bad.into())),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn parses_whole_one_and_two_decimals() {
        assert_eq!(Money::parse("100", eur()), Ok(eur_cents(10_000)));
        assert_eq!(Money::parse("100.5", eur()), Ok(eur_cents(10_050)));
        assert_eq!(Money::parse("100.50", eur()), Ok(eur_cents(10_050)));
        assert_eq!(Money::parse("0.07", eur()), Ok(eur_cents(7)));
        assert_eq!(Money::parse("007.00", eur()), Ok(eur_cents(700)));
        assert_eq!(
            Money::parse("92233720368547758.07", eur()),
            Ok(eur_cents(i64::MAX))
        );
    }

    #[test]
    fn refuses_bad_amounts_with_the_reason() {
        assert_eq!(Money::parse("", eur()), Err(MoneyError::Empty));
        assert_eq!(
            Money::parse("-1.00", eur()),
            Err(MoneyError::Negative("-1.00".into()))
        );
        assert_eq!(
            Money::parse("1.005", eur()),
            Err(MoneyError::TooManyDecimals("1.005".into()))
        );
        for junk in [
            "abc", "1,000.00", "1.", ".5", "+1", " 1", "1 ", "1.2.3", "1e3", "0x10", "1.-5", "٣",
        ] {
            assert_eq!(
                Money::parse(junk, eur()),
                Err(MoneyError::Invalid(junk.into())),
                "{junk:?}"
            );
        }
        for huge in ["92233720368547758.08", "99999999999999999999"] {
            assert_eq!(
                Money::parse(huge, eur()),
                Err(MoneyError::TooLarge(huge.into())),
                "{huge:?}"
            );
        }
        assert_eq!(
            Money::from_minor(-1, eur()),
            Err(MoneyError::NegativeMinor(-1))
        );
    }

    #[test]
    fn formats_exactly_two_decimals() {
        assert_eq!(eur_cents(10_000).to_string(), "100.00");
        assert_eq!(eur_cents(10_050).to_decimal_string(), "100.50");
        assert_eq!(eur_cents(5).to_string(), "0.05");
        assert_eq!(eur_cents(0).to_string(), "0.00");
        assert_eq!(eur_cents(4_950).with_currency(), "49.50 EUR");
        assert_eq!(
            serde_json::to_string(&eur_cents(10_000)).expect("serialises"),
            r#""100.00""#
        );
        assert_eq!(
            serde_json::to_string(&eur()).expect("serialises"),
            r#""EUR""#
        );
    }

    #[test]
    fn half_rounds_half_a_cent_up() {
        assert_eq!(eur_cents(9_999).half_rounded_up(), eur_cents(5_000));
        assert_eq!(eur_cents(9_900).half_rounded_up(), eur_cents(4_950));
        assert_eq!(eur_cents(1).half_rounded_up(), eur_cents(1));
        assert_eq!(eur_cents(0).half_rounded_up(), eur_cents(0));
        assert_eq!(
            eur_cents(i64::MAX).half_rounded_up(),
            eur_cents(i64::MAX / 2 + 1)
        );
    }

    #[test]
    fn adds_only_the_same_currency() {
        let usd: Currency = "usd".parse().expect("valid currency");
        assert_eq!(
            eur_cents(150).checked_add(&eur_cents(50)),
            Ok(eur_cents(200))
        );
        assert_eq!(
            eur_cents(1).checked_add(&Money::zero(usd)),
            Err(MoneyError::CurrencyMismatch {
                left: eur(),
                right: usd
            })
        );
        assert_eq!(
            eur_cents(i64::MAX).checked_add(&eur_cents(1)),
            Err(MoneyError::SumTooLarge { currency: eur() })
        );
        assert_eq!(
            Money::sum(eur(), &[eur_cents(9_900), eur_cents(4_950)]),
            Ok(eur_cents(14_850))
        );
        assert_eq!(Money::sum(eur(), &[]), Ok(Money::zero(eur())));
        assert!(Money::sum(usd, &[eur_cents(1)]).is_err());
    }

    proptest! {
        #[test]
        fn format_then_parse_round_trips(minor in 0..=i64::MAX) {
            let money = eur_cents(minor);
            prop_assert_eq!(Money::parse(&money.to_decimal_string(), eur()), Ok(money));
        }

        #[test]
        fn parse_then_format_gives_two_decimals(
            whole in 0u64..=999_999_999_999,
            fraction in proptest::option::of("[0-9]{1,2}"),
        ) {
            let text = match &fraction {
                Some(f) => format!("{whole}.{f}"),
                None => whole.to_string(),
            };
            let money = Money::parse(&text, eur()).expect("in range");
            let fraction = fraction.unwrap_or_default();
            prop_assert_eq!(money.to_decimal_string(), format!("{whole}.{fraction:0<2}"));
        }
    }
}
