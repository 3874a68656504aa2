//! `date_format`: which values are dates (Unix times, `YYYYMMDDHHMMSS`, ISO dates and
//! times), the time zone they are shown in, and the two format languages Smarty picks
//! between: C `strftime` (in the C locale) when the format has a `%`, PHP `date()`
//! letters otherwise.

use super::php::{self, Value};

/// Smarty's default `date_format` format.
pub(crate) const DEFAULT_FORMAT: &str = "%b %e, %Y";

/// The zone dates are shown in.
#[derive(Debug, Clone, Default)]
pub enum Zone {
    /// UTC, when `TZ` is not set.
    #[default]
    Utc,
    /// A zone of the tz database.
    Named { name: String, tz: tz::TimeZone },
    /// A `TZ` that names no zone: an error when a date is shown.
    Unknown { name: String, why: String },
}

impl Zone {
    /// The zone `name` from its TZif data (a file of `/usr/share/zoneinfo`).
    pub fn named(name: &str, tzif: &[u8]) -> Zone {
        match tz::TimeZone::from_tz_data(tzif) {
            Ok(tz) => Zone::Named {
                name: name.to_owned(),
                tz,
            },
            Err(e) => Zone::Unknown {
                name: name.to_owned(),
                why: e.to_string(),
            },
        }
    }

    /// A `TZ` that names no zone.
    pub fn unknown(name: &str, why: &str) -> Zone {
        Zone::Unknown {
            name: name.to_owned(),
            why: why.to_owned(),
        }
    }

    /// UTC offset in seconds, DST flag and abbreviation at `unix`.
    fn at(&self, unix: i64) -> Result<(i64, bool, String), String> {
        match self {
            Zone::Utc => Ok((0, false, "UTC".to_owned())),
            Zone::Named { name, tz } => {
                let local = tz
                    .find_local_time_type(unix)
                    .map_err(|e| format!("time zone {name}: {e}"))?;
                Ok((
                    i64::from(local.ut_offset()),
                    local.is_dst(),
                    local.time_zone_designation().to_owned(),
                ))
            }
            Zone::Unknown { name, why } => Err(format!(
                "TZ={name} names no time zone ({why}); set TZ to a zone such as Europe/Berlin, or unset it for UTC"
            )),
        }
    }

    fn name(&self) -> &str {
        match self {
            Zone::Utc => "UTC",
            Zone::Named { name, .. } | Zone::Unknown { name, .. } => name,
        }
    }

    /// The Unix time of a local wall-clock time (in seconds since 1970-01-01 00:00).
    fn unix_of_local(&self, local: i64) -> Result<i64, String> {
        let (first, _, _) = self.at(local)?;
        let (offset, _, _) = self.at(local - first)?;
        Ok(local - offset)
    }
}

/// A `date_format` format.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum DateFormat {
    Strftime(String),
    Date(String),
}

impl DateFormat {
    /// `%` formats are checked against the supported `strftime` conversions.
    pub(crate) fn parse(format: &str) -> Result<DateFormat, String> {
        if !format.contains('%') {
            return Ok(DateFormat::Date(format.to_owned()));
        }
        let mut chars = format.chars();
        while let Some(c) = chars.next() {
            if c != '%' {
                continue;
            }
            let mut conversion = chars.next();
            let flag = conversion.filter(|c| matches!(c, '-' | '_' | '0' | '^'));
            if flag.is_some() {
                conversion = chars.next();
            }
            if let Some('E' | 'O') = conversion {
                let modified = chars.next();
                let allowed = match conversion {
                    Some('E') => "cCxXyY",
                    _ => "deHImMSuUVwWy",
                };
                if !modified.is_some_and(|m| allowed.contains(m)) {
                    return Err("date_format: unsupported %E/%O conversion".to_owned());
                }
                conversion = modified;
            }
            let Some(conversion) = conversion else {
                return Err("date_format: the format ends with a lone %".to_owned());
            };
            let numeric = "CdegGHIjklmMSuUVwWyY";
            let named = "aAbBhpZ";
            let ok = match flag {
                None => "aAbBcCdDeFgGhHIjklmMnpPrRStTuUVwWxXyYzZ%".contains(conversion),
                Some('^') => named.contains(conversion),
                Some(_) => numeric.contains(conversion),
            };
            if !ok {
                return Err(format!(
                    "date_format: unsupported conversion %{}{conversion} (%s: use date_format:'U')",
                    flag.map(String::from).unwrap_or_default()
                ));
            }
        }
        Ok(DateFormat::Strftime(format.to_owned()))
    }
}

/// Smarty's `date_format`: the value (or the default when it is empty) as a date in
/// `zone`; null when both are empty.
pub(crate) fn date_format(
    value: &Value,
    format: &DateFormat,
    default: Option<&Value>,
    zone: &Zone,
) -> Result<Value, String> {
    let zero_date =
        matches!(value, Value::Str(s) if s == "0000-00-00" || s == "0000-00-00 00:00:00");
    let unix = if !value.is_empty() && !zero_date {
        timestamp(value, zone)?
    } else {
        match default.filter(|d| !d.is_empty()) {
            Some(default) => timestamp(default, zone)?,
            None => return Ok(Value::Null),
        }
    };
    let (offset, dst, abbr) = zone.at(unix)?;
    let t = Time::new(unix, offset, dst, abbr, zone.name());
    Ok(Value::Str(match format {
        DateFormat::Strftime(f) => strftime(f, &t),
        DateFormat::Date(f) => date(f, &t),
    }))
}

/// `smarty_make_timestamp` for the values it reads without `strtotime`'s guesswork.
fn timestamp(value: &Value, zone: &Zone) -> Result<i64, String> {
    let text = value.to_php_string();
    if text.len() == 14 && text.bytes().all(|b| b.is_ascii_digit()) {
        let field = |from: usize, to: usize| text[from..to].parse::<i64>().unwrap_or(0);
        let local = local_seconds(
            field(0, 4),
            field(4, 6),
            field(6, 8),
            field(8, 10) * 3600 + field(10, 12) * 60 + field(12, 14),
        );
        return zone.unix_of_local(local);
    }
    if matches!(value, Value::Int(_) | Value::Float(_)) || php::numeric(&text).is_some() {
        return Ok(value.to_int());
    }
    if let Value::Str(s) = value
        && let Some(unix) = iso_date(s, zone)?
    {
        return Ok(unix);
    }
    Err(format!(
        "date_format cannot read {text:?} as a date (give a Unix time, YYYYMMDDHHMMSS or \
         YYYY-MM-DD[ HH:MM[:SS]][Z|+HH:MM])"
    ))
}

/// `YYYY-MM-DD[( |T)HH:MM[:SS]][Z|±HH:MM|±HHMM]`.
fn iso_date(s: &str, zone: &Zone) -> Result<Option<i64>, String> {
    let b = s.as_bytes();
    let digits = |from: usize, len: usize| -> Option<i64> {
        let part = b.get(from..from + len)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0')))
    };
    let (Some(year), Some(month), Some(day)) = (digits(0, 4), digits(5, 2), digits(8, 2)) else {
        return Ok(None);
    };
    if b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
    {
        return Ok(None);
    }
    let mut at = 10;
    let mut seconds = 0;
    if matches!(b.get(at), Some(b' ' | b'T')) {
        let (Some(hour), Some(minute)) = (digits(at + 1, 2), digits(at + 4, 2)) else {
            return Ok(None);
        };
        if b.get(at + 3) != Some(&b':') || hour > 23 || minute > 59 {
            return Ok(None);
        }
        seconds = hour * 3600 + minute * 60;
        at += 6;
        if b.get(at) == Some(&b':') {
            let Some(second) = digits(at + 1, 2).filter(|s| *s <= 59) else {
                return Ok(None);
            };
            seconds += second;
            at += 3;
        }
    }
    let local = local_seconds(year, month, day, seconds);
    let rest = &s[at..];
    let offset = match rest.as_bytes() {
        [] => return zone.unix_of_local(local).map(Some),
        [b'Z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] | [sign @ (b'+' | b'-'), h1, h2, m1, m2] => {
            let parts = [h1, h2, m1, m2];
            if !parts.iter().all(|d| d.is_ascii_digit()) {
                return Ok(None);
            }
            let [h1, h2, m1, m2] = parts.map(|d| i64::from(d - b'0'));
            let offset = (h1 * 10 + h2) * 3600 + (m1 * 10 + m2) * 60;
            if *sign == b'-' { -offset } else { offset }
        }
        _ => return Ok(None),
    };
    Ok(Some(local - offset))
}

/// Seconds since 1970-01-01 00:00 of a wall-clock time; months and days out of range
/// roll over as PHP's `mktime` does.
fn local_seconds(year: i64, month: i64, day: i64, seconds: i64) -> i64 {
    let months = year * 12 + month - 1;
    let (year, month) = (months.div_euclid(12), months.rem_euclid(12) + 1);
    (days_from_civil(year, month, 1) + day - 1) * 86_400 + seconds
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A moment broken down in its zone.
struct Time {
    unix: i64,
    offset: i64,
    dst: bool,
    abbr: String,
    zone: String,
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
    /// 0 = Sunday.
    weekday: i64,
    /// 0-based.
    yday: i64,
}

const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Time {
    fn new(unix: i64, offset: i64, dst: bool, abbr: String, zone: &str) -> Time {
        let local = unix + offset;
        let days = local.div_euclid(86_400);
        let secs = local.rem_euclid(86_400);
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Time {
            unix,
            offset,
            dst,
            abbr,
            zone: zone.to_owned(),
            year,
            month,
            day,
            hour: secs / 3600,
            minute: secs % 3600 / 60,
            second: secs % 60,
            weekday: (days + 4).rem_euclid(7),
            yday: days - days_from_civil(year, 1, 1),
        }
    }

    fn leap(&self) -> bool {
        (self.year % 4 == 0 && self.year % 100 != 0) || self.year % 400 == 0
    }

    fn days_in_month(&self) -> i64 {
        match self.month {
            2 if self.leap() => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    /// ISO 8601 year and week.
    fn iso_week(&self) -> (i64, i64) {
        let iso_weekday = (self.weekday + 6) % 7; // 0 = Monday
        let thursday = self.yday - iso_weekday + 3;
        if thursday < 0 {
            let previous = Time::days_in_year(self.year - 1);
            return (self.year - 1, (thursday + previous) / 7 + 1);
        }
        let this = Time::days_in_year(self.year);
        if thursday >= this {
            return (self.year + 1, (thursday - this) / 7 + 1);
        }
        (self.year, thursday / 7 + 1)
    }

    fn days_in_year(year: i64) -> i64 {
        if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 {
            366
        } else {
            365
        }
    }

    fn hour12(&self) -> i64 {
        match self.hour % 12 {
            0 => 12,
            h => h,
        }
    }

    fn offset_text(&self, colon: bool) -> String {
        let sign = if self.offset < 0 { '-' } else { '+' };
        let abs = self.offset.abs();
        let sep = if colon { ":" } else { "" };
        format!("{sign}{:02}{sep}{:02}", abs / 3600, abs % 3600 / 60)
    }
}

/// glibc's `strftime` in the C locale, for the conversions `DateFormat::parse` accepts.
fn strftime(format: &str, t: &Time) -> String {
    let mut out = String::new();
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut conversion = chars.next().unwrap_or('%');
        let mut flag = None;
        if matches!(conversion, '-' | '_' | '0' | '^') {
            flag = Some(conversion);
            conversion = chars.next().unwrap_or('%');
        }
        if matches!(conversion, 'E' | 'O') {
            conversion = chars.next().unwrap_or('%');
        }
        let number = |n: i64, width: usize, pad: char| -> String {
            let (width, pad) = match flag {
                Some('-') => (0, pad),
                Some('_') => (width, ' '),
                Some('0') => (width, '0'),
                _ => (width, pad),
            };
            let digits = n.abs().to_string();
            let sign = if n < 0 { "-" } else { "" };
            let fill = width.saturating_sub(digits.len() + sign.len());
            format!("{sign}{}{digits}", pad.to_string().repeat(fill))
        };
        let (iso_year, iso_week) = t.iso_week();
        let text = match conversion {
            'a' => DAYS[t.weekday as usize][..3].to_owned(),
            'A' => DAYS[t.weekday as usize].to_owned(),
            'b' | 'h' => MONTHS[t.month as usize - 1][..3].to_owned(),
            'B' => MONTHS[t.month as usize - 1].to_owned(),
            'c' => strftime("%a %b %e %H:%M:%S %Y", t),
            'C' => number(t.year.div_euclid(100), 2, '0'),
            'd' => number(t.day, 2, '0'),
            'D' | 'x' => strftime("%m/%d/%y", t),
            'e' => number(t.day, 2, ' '),
            'F' => strftime("%Y-%m-%d", t),
            'g' => number(iso_year.rem_euclid(100), 2, '0'),
            'G' => number(iso_year, 1, '0'),
            'H' => number(t.hour, 2, '0'),
            'I' => number(t.hour12(), 2, '0'),
            'j' => number(t.yday + 1, 3, '0'),
            'k' => number(t.hour, 2, ' '),
            'l' => number(t.hour12(), 2, ' '),
            'm' => number(t.month, 2, '0'),
            'M' => number(t.minute, 2, '0'),
            'n' => "\n".to_owned(),
            'p' => if t.hour < 12 { "AM" } else { "PM" }.to_owned(),
            'P' => if t.hour < 12 { "am" } else { "pm" }.to_owned(),
            'r' => strftime("%I:%M:%S %p", t),
            'R' => strftime("%H:%M", t),
            'S' => number(t.second, 2, '0'),
            't' => "\t".to_owned(),
            'T' | 'X' => strftime("%H:%M:%S", t),
            'u' => number((t.weekday + 6) % 7 + 1, 1, '0'),
            'U' => number((t.yday + 7 - t.weekday) / 7, 2, '0'),
            'V' => number(iso_week, 2, '0'),
            'w' => number(t.weekday, 1, '0'),
            'W' => number((t.yday + 7 - (t.weekday + 6) % 7) / 7, 2, '0'),
            'y' => number(t.year.rem_euclid(100), 2, '0'),
            'Y' => number(t.year, 1, '0'),
            'z' => t.offset_text(false),
            'Z' => t.abbr.clone(),
            _ => "%".to_owned(),
        };
        if flag == Some('^') {
            out.push_str(&text.to_ascii_uppercase());
        } else {
            out.push_str(&text);
        }
    }
    out
}

/// PHP's `date()`.
fn date(format: &str, t: &Time) -> String {
    let mut out = String::new();
    let mut chars = format.chars();
    let (iso_year, iso_week) = t.iso_week();
    while let Some(c) = chars.next() {
        match c {
            'd' => out.push_str(&format!("{:02}", t.day)),
            'D' => out.push_str(&DAYS[t.weekday as usize][..3]),
            'j' => out.push_str(&t.day.to_string()),
            'l' => out.push_str(DAYS[t.weekday as usize]),
            'N' => out.push_str(&((t.weekday + 6) % 7 + 1).to_string()),
            'S' => out.push_str(match t.day {
                1 | 21 | 31 => "st",
                2 | 22 => "nd",
                3 | 23 => "rd",
                _ => "th",
            }),
            'w' => out.push_str(&t.weekday.to_string()),
            'z' => out.push_str(&t.yday.to_string()),
            'W' => out.push_str(&format!("{iso_week:02}")),
            'F' => out.push_str(MONTHS[t.month as usize - 1]),
            'm' => out.push_str(&format!("{:02}", t.month)),
            'M' => out.push_str(&MONTHS[t.month as usize - 1][..3]),
            'n' => out.push_str(&t.month.to_string()),
            't' => out.push_str(&t.days_in_month().to_string()),
            'L' => out.push_str(if t.leap() { "1" } else { "0" }),
            'o' => out.push_str(&iso_year.to_string()),
            'X' => out.push_str(&format!(
                "{}{:04}",
                if t.year < 0 { '-' } else { '+' },
                t.year.abs()
            )),
            'x' | 'Y' => out.push_str(&format!(
                "{}{:04}",
                if t.year < 0 { "-" } else { "" },
                t.year.abs()
            )),
            'y' => out.push_str(&format!("{:02}", t.year.rem_euclid(100))),
            'a' => out.push_str(if t.hour < 12 { "am" } else { "pm" }),
            'A' => out.push_str(if t.hour < 12 { "AM" } else { "PM" }),
            'B' => {
                let beat = (t.unix + 3600).rem_euclid(86_400) * 10 / 864;
                out.push_str(&format!("{beat:03}"));
            }
            'g' => out.push_str(&t.hour12().to_string()),
            'G' => out.push_str(&t.hour.to_string()),
            'h' => out.push_str(&format!("{:02}", t.hour12())),
            'H' => out.push_str(&format!("{:02}", t.hour)),
            'i' => out.push_str(&format!("{:02}", t.minute)),
            's' => out.push_str(&format!("{:02}", t.second)),
            'u' => out.push_str("000000"),
            'v' => out.push_str("000"),
            'e' => out.push_str(&t.zone),
            'I' => out.push_str(if t.dst { "1" } else { "0" }),
            'O' => out.push_str(&t.offset_text(false)),
            'P' => out.push_str(&t.offset_text(true)),
            'p' if t.offset == 0 => out.push('Z'),
            'p' => out.push_str(&t.offset_text(true)),
            'T' => out.push_str(&t.abbr),
            'Z' => out.push_str(&t.offset.to_string()),
            'c' => out.push_str(&date("Y-m-d\\TH:i:sP", t)),
            'r' => out.push_str(&date("D, d M Y H:i:s O", t)),
            'U' => out.push_str(&t.unix.to_string()),
            '\\' => {
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            }
            _ => out.push(c),
        }
    }
    out
}
