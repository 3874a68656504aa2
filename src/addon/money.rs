//! Exact money for add-on billing: a non-negative count of minor units in a stated
//! ISO 4217 currency. Owns parsing and formatting of decimal amounts with the
//! currency's minor-unit digits ("100.50" EUR, "1000" JPY, "1.000" BHD), the 50%
//! rule with half a minor unit rounding up, and same-currency addition.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};
use thiserror::Error;

/// Why an amount or a currency code was refused, or why two amounts cannot be added.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MoneyError {
    #[error("amount is empty (expected a decimal such as 100 or 100.50)")]
    Empty,
    #[error("amount {0:?} is negative (amounts are zero or more)")]
    Negative(String),
    #[error("amount {0:?} has more decimal places than {1} has ({2})")]
    TooManyDecimals(String, Currency, usize),
    #[error("amount {0:?} is not a decimal number (expected e.g. 100 or 100.50)")]
    Invalid(String),
    #[error("amount {0:?} is too large")]
    TooLarge(String),
    #[error("amount of {0} minor units is negative (amounts are zero or more)")]
    NegativeMinor(i64),
    #[error("currency {0:?} is not an ISO 4217 currency code such as EUR, USD or JPY")]
    InvalidCurrency(String),
    #[error("cannot add {left} and {right} amounts (one currency per invoice)")]
    CurrencyMismatch { left: Currency, right: Currency },
    #[error("sum of {currency} amounts is too large")]
    SumTooLarge { currency: Currency },
}

/// An ISO 4217 currency with minor units: its code, stored upper-case, and how
/// many decimal digits its minor unit has (2 for EUR, 0 for JPY, 3 for BHD).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency {
    code: [u8; 3],
    digits: u8,
}

impl Currency {
    /// Decimal digits of the minor unit.
    pub fn digits(self) -> usize {
        usize::from(self.digits)
    }

    /// Minor units in one major unit.
    fn per_major(self) -> i64 {
        10i64.pow(u32::from(self.digits))
    }
}

impl FromStr for Currency {
    type Err = MoneyError;

    /// Accepts `eur`, `Eur` or `EUR`; anything but an ISO 4217 code of a currency
    /// with a minor unit (not XAU, XXX, ...) is refused.
    fn from_str(code: &str) -> Result<Self, Self::Err> {
        let refused = || MoneyError::InvalidCurrency(code.to_owned());
        let upper = code.to_ascii_uppercase();
        let digits = iso_currency::Currency::from_code(&upper)
            .and_then(|c| c.exponent())
            .ok_or_else(refused)?;
        let code: [u8; 3] = upper.as_bytes().try_into().map_err(|_| refused())?;
        Ok(Currency {
            code,
            digits: u8::try_from(digits).map_err(|_| refused())?,
        })
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write as _;
        self.code
            .iter()
            .try_for_each(|&b| f.write_char(char::from(b)))
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A non-negative amount in minor units of `currency`. `Display` and serialisation give
/// the decimal string with the currency's minor-unit digits ("100.00" EUR, "1000"
/// JPY), without the currency.
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

    /// Parses "100", "100.5" or "100.50" as an amount in `currency`. Signs, more
    /// decimals than the currency's minor unit has, separators, whitespace and
    /// amounts beyond the range are refused.
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
        let digits = currency.digits();
        if fraction.len() > digits {
            return Err(MoneyError::TooManyDecimals(
                amount.to_owned(),
                currency,
                digits,
            ));
        }
        let too_large = || MoneyError::TooLarge(amount.to_owned());
        let whole: i64 = whole.parse().map_err(|_| too_large())?;
        // Pad "5" to "50" (two digits): one decimal digit means tens of minor units.
        let fraction: i64 = if digits == 0 {
            0
        } else {
            format!("{fraction:0<digits$}")
                .parse()
                .map_err(|_| invalid())?
        };
        let minor = whole
            .checked_mul(currency.per_major())
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

    /// The amount with the currency's minor-unit digits, e.g. "100.00" EUR, "1000" JPY.
    pub fn to_decimal_string(&self) -> String {
        let per = self.currency.per_major();
        match self.currency.digits() {
            0 => self.minor.to_string(),
            width => format!("{}.{:0width$}", self.minor / per, self.minor % per),
        }
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
    fn currency_is_an_iso_code_stored_upper_case() {
        assert_eq!("eur".parse::<Currency>(), Ok(eur()));
        assert_eq!(
            "Usd".parse::<Currency>().map(|c| c.to_string()),
            Ok("USD".into())
        );
        for bad in ["", "EU", "EURO", "E1R", "€UR", " EU", "ÉUR", "XYZ", "XAU"] {
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
            Err(MoneyError::TooManyDecimals("1.005".into(), eur(), 2))
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
    fn each_currency_has_its_own_minor_unit() {
        for (code, text, minor) in [
            ("JPY", "1000", 1000),
            ("EUR", "49.50", 4950),
            ("BHD", "1.000", 1000),
        ] {
            let c: Currency = code.parse().unwrap();
            let m = Money::parse(text, c).unwrap();
            assert_eq!(
                (m.minor(), m.to_string()),
                (minor, text.to_owned()),
                "{code}"
            );
        }
        let jpy: Currency = "jpy".parse().unwrap();
        assert!(matches!(
            Money::parse("1.5", jpy),
            Err(MoneyError::TooManyDecimals(..))
        ));
        assert_eq!(
            Money::from_minor(999, jpy)
                .unwrap()
                .half_rounded_up()
                .to_string(),
            "500"
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
