//! The one clock every date decision reads: the system time, or
//! `NETFLOW_MANAGER_NOW` (RFC 3339) to ask "what happens on that date".

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

use crate::error::{Exit, fail};

pub const NOW_VAR: &str = "NETFLOW_MANAGER_NOW";

#[derive(Debug, Clone, Copy)]
pub struct Clock {
    now: DateTime<Utc>,
}

impl Clock {
    /// The clock for this process: `NETFLOW_MANAGER_NOW` when set, else the system time.
    pub fn from_env() -> anyhow::Result<Clock> {
        match std::env::var(NOW_VAR) {
            Ok(v) if !v.trim().is_empty() => Clock::parse(v.trim()),
            _ => Ok(Clock { now: Utc::now() }),
        }
    }

    pub fn parse(text: &str) -> anyhow::Result<Clock> {
        DateTime::parse_from_rfc3339(text)
            .map(|t| Clock {
                now: t.with_timezone(&Utc),
            })
            .map_err(|e| {
                fail(
                    Exit::Config,
                    format!("{NOW_VAR}={text:?} is not an RFC 3339 time ({e}); use e.g. 2026-11-23T12:00:00Z"),
                )
            })
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    pub fn today(&self) -> NaiveDate {
        self.now.date_naive()
    }

    /// "now" as stored and printed: RFC 3339, UTC, whole seconds.
    pub fn stamp(&self) -> String {
        stamp(self.now)
    }

    /// "now" in Unix seconds, as records store it.
    pub fn unix(&self) -> i64 {
        self.now.timestamp()
    }
}

/// A time as stored and printed: RFC 3339, UTC, whole seconds.
pub fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Unix seconds as printed: RFC 3339, UTC. Listings print the same few
/// times over and over (a bulk import stamps every row alike), so the last one
/// is kept.
pub fn stamp_unix(secs: i64) -> std::rc::Rc<str> {
    thread_local! {
        static LAST: std::cell::RefCell<Option<(i64, std::rc::Rc<str>)>> = const { std::cell::RefCell::new(None) };
    }
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        match &*last {
            Some((s, text)) if *s == secs => text.clone(),
            _ => {
                let text: std::rc::Rc<str> = DateTime::from_timestamp(secs, 0)
                    .map_or_else(|| secs.to_string(), stamp)
                    .into();
                *last = Some((secs, text.clone()));
                text
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_offsets_into_utc() {
        let c = Clock::parse("2026-11-23T14:00:00+02:00").unwrap();
        assert_eq!(c.stamp(), "2026-11-23T12:00:00Z");
    }

    #[test]
    fn rejects_a_date_without_time() {
        let err = Clock::parse("2026-11-23").unwrap_err();
        assert!(err.to_string().contains("NETFLOW_MANAGER_NOW"));
    }
}
