//! Release dates: parsing the forms a PR officer writes (`2023-05-15`, `2023-05-15T09:00:00`,
//! RFC 3339 with an offset) and printing them in the site's language with the zone Indonesians
//! read ("Senin, 15 Mei 2023 09.00 WITA"; "Monday, 15 May 2023 09:00 WITA" from an English
//! theme, see [`Calendar`]). Dates without an offset take the site's time zone.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Timelike};

/// A point in time with the offset it was written in, and whether a time of day was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Timestamp {
    pub at: DateTime<FixedOffset>,
    pub has_time: bool,
}

/// The offset too: chrono hashes only the instant, but a page prints the time in the offset
/// it was written in, so two offsets are two fingerprints.
impl std::hash::Hash for Timestamp {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.at.timestamp().hash(state);
        self.at.timestamp_subsec_nanos().hash(state);
        self.at.offset().local_minus_utc().hash(state);
        self.has_time.hash(state);
    }
}

impl PartialOrd for Timestamp {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Timestamp {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.at.cmp(&other.at)
    }
}

/// What a date field must look like, for error messages.
pub const EXPECTED: &str =
    "expected a date like 2023-05-15, 2023-05-15T09:00:00 or 2023-05-15T09:00:00+08:00";

/// The message for a date field that could not be read: [`EXPECTED`], and, when `text` is a date
/// the way an office writes one ([`suggestion`]), what to write instead.
pub fn unreadable(text: &str, zone: FixedOffset) -> String {
    if let Some(why) = no_such_day(text) {
        return format!("got {text:?}, a day that is not in the calendar: {why}");
    }
    match suggestion(text, zone) {
        Some((meant, write)) => {
            format!("{EXPECTED}, got {text:?}; if that is {meant}, write {write}")
        }
        None => format!("{EXPECTED}, got {text:?}"),
    }
}

/// Why a date written in the form warta reads (`2023-02-30`, with or without a time after it)
/// is no day: a month past December, or a day past the month's last. Told as such, not as a
/// form not followed (found by use, stop 75: `2023-02-30` was answered with the very form the
/// writer had used).
fn no_such_day(text: &str) -> Option<String> {
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
    let head = text.trim().get(..10)?;
    let field = |range: std::ops::Range<usize>| head.get(range)?.parse::<u32>().ok();
    let (year, month, day) = (field(0..4)?, field(5..7)?, field(8..10)?);
    if head.as_bytes()[4] != b'-' || head.as_bytes()[7] != b'-' || head[..4].starts_with('+') {
        return None;
    }
    let year = i32::try_from(year).ok()?;
    if !(1..=12).contains(&month) {
        return Some(format!("there is no month {month} (write the month from 01 to 12)"));
    }
    if NaiveDate::from_ymd_opt(year, month, day).is_some() {
        return None;
    }
    let name = MONTHS[month as usize - 1];
    if day == 0 {
        return Some(format!("there is no day 0 of {name} (write the day from 01)"));
    }
    let last = (28..=31).rev().find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some())?;
    Some(format!("{name} {year} has {last} days, so there is no {day} {name}"))
}

/// What to write for `text` when it is a date the way Indonesian offices write one, and what
/// warta reads it as: `15 Mei 2023`, `Senin, 15/5/2023` (day first), `2023-5-15`, each with or
/// without a time after it (`09.00`, `9:00 WITA`, `pukul 09.00 WIB`). `("Senin, 15 Mei 2023
/// 09.00 WITA", "2023-05-15T09:00:00")`, the zone's offset written when it is not the site's.
/// The reading is shown in words, so `05/06/2023` cannot be taken for 6 May unseen.
pub fn suggestion(text: &str, zone: FixedOffset) -> Option<(String, String)> {
    static YMD: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    static TIME: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let ymd = YMD.get_or_init(|| {
        regex::Regex::new(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b").expect("a valid pattern")
    });
    let time = TIME.get_or_init(|| {
        regex::Regex::new(
            r"(?i)(?:^|[\sT,])(\d{1,2})[.:](\d{2})(?::(\d{2}))?\s*(WIB|WITA|WIT)?\s*$",
        )
        .expect("a valid pattern")
    });
    let date = match ymd.captures(text) {
        Some(c) => {
            NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)?
        }
        None => crate::press::dates::find(text)?.1,
    };
    let (clock, offset) = match time.captures(text) {
        Some(c) => {
            let clock = chrono::NaiveTime::from_hms_opt(
                c[1].parse().ok()?,
                c[2].parse().ok()?,
                c.get(3).map_or(Some(0), |s| s.as_str().parse().ok())?,
            )?;
            let offset = match c.get(4).map(|z| z.as_str().to_ascii_uppercase()).as_deref() {
                Some("WIB") => FixedOffset::east_opt(7 * 3600)?,
                Some("WITA") => FixedOffset::east_opt(8 * 3600)?,
                Some("WIT") => FixedOffset::east_opt(9 * 3600)?,
                _ => zone,
            };
            (Some(clock), offset)
        }
        None => (None, zone),
    };
    let at = local(date.and_time(clock.unwrap_or_default()), offset, clock.is_some())?;
    let write = match clock {
        None => date.format("%Y-%m-%d").to_string(),
        Some(_) if offset == zone => at.at.format("%Y-%m-%dT%H:%M:%S").to_string(),
        Some(_) => at.iso(),
    };
    Some((at.full_id(), write))
}

impl Timestamp {
    /// Parses a front matter date; `zone` applies when the text has no offset.
    pub fn parse(text: &str, zone: FixedOffset) -> Option<Timestamp> {
        let text = text.trim();
        // RFC 3339, and the same without seconds or with a space for the `T`, as people write
        // it: `2023-05-15T09:00+08:00` is as clear as `2023-05-15T09:00:00+08:00`.
        let offset_forms = ["%Y-%m-%d %H:%M:%S%:z", "%Y-%m-%dT%H:%M%:z", "%Y-%m-%d %H:%M%:z"];
        let with_offset = DateTime::parse_from_rfc3339(text).ok().or_else(|| {
            offset_forms.iter().find_map(|form| DateTime::parse_from_str(text, form).ok())
        });
        if let Some(at) = with_offset {
            // Real offsets run from -12:00 to +14:00; `+15:00` is a typo, as site.yaml says.
            let offset = at.offset().local_minus_utc();
            return (-12 * 3600..=14 * 3600)
                .contains(&offset)
                .then_some(Timestamp { at, has_time: true });
        }
        if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            if text.len() == 10 {
                let midnight = date.and_hms_opt(0, 0, 0)?;
                return local(midnight, zone, false);
            }
        }
        // `2023-05-15 09.00 WITA`: Indonesia's zone by its name after the time, and the time
        // with a dot, as offices write them. The date is the ISO one: nothing is left to guess.
        let (text, zone) = match text.rsplit_once(char::is_whitespace) {
            Some((at, name)) if name.chars().all(|c| c.is_ascii_alphabetic()) => {
                (at.trim_end(), parse_offset(name)?)
            }
            _ => (text, zone),
        };
        let forms = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"];
        let dotted = ["%Y-%m-%d %H.%M", "%Y-%m-%dT%H.%M", "%Y-%m-%d %H.%M.%S"];
        for format in forms.iter().chain(&dotted) {
            if let Ok(naive) = NaiveDateTime::parse_from_str(text, format) {
                return local(naive, zone, true);
            }
        }
        None
    }

    /// The date in the given zone's calendar (the one it was written in).
    pub fn date(&self) -> NaiveDate {
        self.at.date_naive()
    }

    pub fn year(&self) -> i32 {
        self.at.year()
    }

    pub fn month(&self) -> u32 {
        self.at.month()
    }

    /// RFC 3339: `2023-05-15T09:00:00+08:00`.
    pub fn iso(&self) -> String {
        self.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
    }

    /// RFC 822 as RSS wants it: `Mon, 15 May 2023 09:00:00 +0800`.
    pub fn rfc822(&self) -> String {
        self.at.to_rfc2822()
    }

    /// `Senin, 15 Mei 2023` (the terminal's form; pages use the theme's [`Calendar`]).
    pub fn long_id(&self) -> String {
        Calendar::default().long(self)
    }

    /// `15 Mei 2023`.
    pub fn short_id(&self) -> String {
        Calendar::default().short(self)
    }

    /// `Senin, 15 Mei 2023 09.00 WITA`, or the long date alone when no time was given.
    pub fn full_id(&self) -> String {
        Calendar::default().full(self)
    }
}

/// How dates are written in the site's language, from the theme's strings: the names of the
/// days (`weekdays`, from Monday) and months (`months`), comma-separated, and the forms
/// `date_long` ("{weekday}, {day} {month} {year}"), `date_short`, `time` ("{hour}.{minute}")
/// and `month_year`. A string the theme lacks, or a list of the wrong length, keeps the
/// Indonesian one. The zone after the time is always WIB, WITA or WIT.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Calendar {
    weekdays: Vec<String>,
    months: Vec<String>,
    long: String,
    short: String,
    time: String,
    month_year: String,
}

impl Default for Calendar {
    /// Indonesian: "Senin, 15 Mei 2023 09.00".
    fn default() -> Self {
        Calendar {
            weekdays: DAYS.map(String::from).to_vec(),
            months: MONTHS.map(String::from).to_vec(),
            long: "{weekday}, {day} {month} {year}".to_string(),
            short: "{day} {month} {year}".to_string(),
            time: "{hour}.{minute}".to_string(),
            month_year: "{month} {year}".to_string(),
        }
    }
}

impl Calendar {
    /// The calendar of a theme's strings (see [`Calendar`]).
    pub fn from_strings(strings: &std::collections::BTreeMap<String, String>) -> Calendar {
        let mut c = Calendar::default();
        let list = |key: &str, len: usize| {
            let names: Vec<String> =
                strings.get(key)?.split(',').map(|n| n.trim().to_string()).collect();
            (names.len() == len && names.iter().all(|n| !n.is_empty())).then_some(names)
        };
        if let Some(names) = list("weekdays", 7) {
            c.weekdays = names;
        }
        if let Some(names) = list("months", 12) {
            c.months = names;
        }
        for (key, form) in [
            ("date_long", &mut c.long),
            ("date_short", &mut c.short),
            ("time", &mut c.time),
            ("month_year", &mut c.month_year),
        ] {
            if let Some(s) = strings.get(key).filter(|s| !s.trim().is_empty()) {
                *form = s.clone();
            }
        }
        c
    }

    /// `form` with its placeholders filled in, in one pass: dates are written for every card of
    /// every listing, so this is on the build's hot path.
    fn fill(&self, form: &str, t: &Timestamp) -> String {
        use std::fmt::Write;
        let d = t.at;
        let mut out = String::with_capacity(form.len() + 16);
        let mut rest = form;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let tail = &rest[open..];
            let Some(close) = tail.find('}') else {
                rest = tail; // an unclosed brace is text
                break;
            };
            let _ = match &tail[1..close] {
                "weekday" => {
                    out.push_str(&self.weekdays[d.weekday().num_days_from_monday() as usize]);
                    Ok(())
                }
                "day" => write!(out, "{}", d.day()),
                "month" => {
                    out.push_str(self.month(d.month()));
                    Ok(())
                }
                "year" => write!(out, "{}", d.year()),
                "hour" => write!(out, "{:02}", d.hour()),
                "minute" => write!(out, "{:02}", d.minute()),
                _ => {
                    out.push_str(&tail[..=close]);
                    Ok(())
                }
            };
            rest = &tail[close + 1..];
        }
        out.push_str(rest);
        out
    }

    /// The month's name: `Mei` for 5.
    pub fn month(&self, month: u32) -> &str {
        &self.months[(month.clamp(1, 12) - 1) as usize]
    }

    /// `Senin, 15 Mei 2023`.
    pub fn long(&self, t: &Timestamp) -> String {
        self.fill(&self.long, t)
    }

    /// `15 Mei 2023`.
    pub fn short(&self, t: &Timestamp) -> String {
        self.fill(&self.short, t)
    }

    /// `Senin, 15 Mei 2023 09.00 WITA`, or the long date alone when no time was given.
    pub fn full(&self, t: &Timestamp) -> String {
        if !t.has_time {
            return self.long(t);
        }
        format!("{} {} {}", self.long(t), self.fill(&self.time, t), zone_name(*t.at.offset()))
    }

    /// A month of the archive: `Mei 2023`.
    pub fn month_year(&self, year: i32, month: u32) -> String {
        self.month_year.replace("{month}", self.month(month)).replace("{year}", &year.to_string())
    }
}

fn local(naive: NaiveDateTime, zone: FixedOffset, has_time: bool) -> Option<Timestamp> {
    let at = zone.from_local_datetime(&naive).single()?;
    Some(Timestamp { at, has_time })
}

const DAYS: [&str; 7] = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"];
const MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// Indonesia's zones by their offset (WIB, WITA, WIT); elsewhere `UTC+hh:mm`.
pub fn zone_name(offset: FixedOffset) -> String {
    match offset.local_minus_utc() {
        25_200 => "WIB".to_string(),
        28_800 => "WITA".to_string(),
        32_400 => "WIT".to_string(),
        0 => "UTC".to_string(),
        secs => {
            let sign = if secs < 0 { '-' } else { '+' };
            let secs = secs.abs();
            format!("UTC{sign}{:02}:{:02}", secs / 3600, secs % 3600 / 60)
        }
    }
}

/// Parses a site time zone written as a fixed offset: `+08:00`, `-03:30`, `Z`. The hour alone
/// (`+8`, `+08`) is accepted too: it is how a PR officer writes WITA, and it can mean nothing else.
/// So are Indonesia's zones by name, as offices write them (`WIB`, `WITA`, `WIT`) and as the
/// time-zone database names them (`Asia/Jakarta`, `Asia/Pontianak`, `Asia/Makassar`,
/// `Asia/Jayapura`): none of them has summer time, so each is one fixed offset.
pub fn parse_offset(text: &str) -> Option<FixedOffset> {
    let text = text.trim();
    if text == "Z" || text == "UTC" {
        return FixedOffset::east_opt(0);
    }
    let named = match text.to_ascii_lowercase().as_str() {
        "wib" | "asia/jakarta" | "asia/pontianak" => Some(7),
        "wita" | "asia/makassar" => Some(8),
        "wit" | "asia/jayapura" => Some(9),
        _ => None,
    };
    if let Some(hours) = named {
        return FixedOffset::east_opt(hours * 3600);
    }
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let (h, m) = match rest.split_once(':') {
        Some((h, m)) if m.len() == 2 => (h, m),
        Some(_) => return None,
        None => (rest, "0"),
    };
    // Digits only: `str::parse` would also take a sign (`++8`, `+08:+5`).
    let digits = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(h) || !digits(m) {
        return None;
    }
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    if !(0..=14).contains(&h) || !(0..60).contains(&m) {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by typing dates into a release as offices write them: the message said what the
    /// field wants, not what to write for the date they meant.
    #[test]
    fn a_date_written_as_offices_write_it_gets_what_to_write() {
        let wita = FixedOffset::east_opt(8 * 3600).unwrap();
        let cases = [
            ("15 Mei 2023", "Senin, 15 Mei 2023", "2023-05-15"),
            ("15/05/2023", "Senin, 15 Mei 2023", "2023-05-15"),
            ("05/06/2023", "Senin, 5 Juni 2023", "2023-06-05"),
            ("Senin, 15 Mei 2023", "Senin, 15 Mei 2023", "2023-05-15"),
            ("2023-5-15", "Senin, 15 Mei 2023", "2023-05-15"),
            ("2023-05-15 9.00", "Senin, 15 Mei 2023 09.00 WITA", "2023-05-15T09:00:00"),
            ("2023-05-15 09.00 WITA", "Senin, 15 Mei 2023 09.00 WITA", "2023-05-15T09:00:00"),
            (
                "15 Mei 2023 pukul 09.30 WIB",
                "Senin, 15 Mei 2023 09.30 WIB",
                "2023-05-15T09:30:00+07:00",
            ),
        ];
        for (text, meant, write) in cases {
            assert_eq!(
                suggestion(text, wita),
                Some((meant.to_string(), write.to_string())),
                "{text}"
            );
            // What it says to write is read as what it says it means.
            let read = Timestamp::parse(write, wita).expect(write);
            assert_eq!(read.full_id(), meant);
        }
        for text in ["kemarin", "2023-13-01", "31/02/2023", "15 Mei", ""] {
            assert_eq!(suggestion(text, wita), None, "{text}");
        }
        // A day that is not in the calendar, in the form warta reads, is said to be one.
        assert_eq!(
            unreadable("2023-02-30", wita),
            "got \"2023-02-30\", a day that is not in the calendar: February 2023 has 28 days, \
             so there is no 30 February"
        );
        assert!(unreadable("2024-02-30T09:00:00", wita)
            .ends_with("February 2024 has 29 days, so there is no 30 February"));
        assert!(unreadable("2023-04-31", wita)
            .ends_with("April 2023 has 30 days, so there is no 31 April"));
        assert!(unreadable("2023-13-01", wita)
            .ends_with("there is no month 13 (write the month from 01 to 12)"));
        assert!(unreadable("2023-05-00", wita)
            .ends_with("there is no day 0 of May (write the day from 01)"));
        for text in ["2023-05-15x", "15/5/2023", "2023/02/30", "kemarin", "2023-5-40"] {
            assert!(!unreadable(text, wita).contains("not in the calendar"), "{text}");
        }
        assert_eq!(
            unreadable("15/5/2023", wita),
            format!(
                "{EXPECTED}, got \"15/5/2023\"; if that is Senin, 15 Mei 2023, write 2023-05-15"
            )
        );
    }

    #[test]
    fn a_form_keeps_what_is_not_a_placeholder() {
        let c = Calendar { long: "{weekday} {x} {day}{ {month".to_string(), ..Calendar::default() };
        let t = Timestamp::parse("2023-05-15", wita()).expect("parses");
        assert_eq!(c.long(&t), "Senin {x} 15{ {month");
    }

    fn wita() -> FixedOffset {
        parse_offset("+08:00").expect("valid offset")
    }

    #[test]
    fn date_only_takes_the_site_zone_and_has_no_time() {
        let t = Timestamp::parse("2023-05-15", wita()).expect("parses");
        assert_eq!(t.iso(), "2023-05-15T00:00:00+08:00");
        assert!(!t.has_time);
        assert_eq!(t.full_id(), "Senin, 15 Mei 2023");
    }

    #[test]
    fn local_time_prints_with_the_zone_name() {
        let t = Timestamp::parse("2023-05-15T09:00:00", wita()).expect("parses");
        assert_eq!(t.full_id(), "Senin, 15 Mei 2023 09.00 WITA");
        assert_eq!(t.rfc822(), "Mon, 15 May 2023 09:00:00 +0800");
    }

    #[test]
    fn explicit_offset_wins_over_the_site_zone() {
        let t = Timestamp::parse("2023-08-17T07:30:00+07:00", wita()).expect("parses");
        assert_eq!(t.full_id(), "Kamis, 17 Agustus 2023 07.30 WIB");
        let t = Timestamp::parse("2024-01-01T10:00:00+09:00", wita()).expect("parses");
        assert_eq!(t.full_id(), "Senin, 1 Januari 2024 10.00 WIT");
    }

    #[test]
    fn space_separated_and_minute_precision_are_accepted() {
        assert!(Timestamp::parse("2023-05-15 09:00", wita()).is_some());
        assert!(Timestamp::parse("2023-05-15T09:00", wita()).is_some());
    }

    /// Until stop 61, `2026-12-01T10:00+08:00` (an offset, no seconds) was refused with only
    /// the forms expected, though without its offset the same time was read.
    #[test]
    fn an_offset_after_minutes_or_after_a_space_is_read() {
        let full = Timestamp::parse("2023-08-17T07:30:00+07:00", wita()).expect("parses");
        for text in
            ["2023-08-17T07:30+07:00", "2023-08-17 07:30+07:00", "2023-08-17 07:30:00+07:00"]
        {
            let t = Timestamp::parse(text, wita()).unwrap_or_else(|| panic!("{text}"));
            assert_eq!((t.iso(), t.has_time), (full.iso(), true), "{text}");
        }
        assert!(Timestamp::parse("2023-08-17T07:30+15:00", wita()).is_none(), "no such offset");
        assert!(Timestamp::parse("2023-08-17T07:30+7", wita()).is_none());
    }

    /// Found typing dates as offices write them (stop 62): `2023-05-15 09.00 WITA` was an
    /// error that told what to write, though it can mean nothing else.
    #[test]
    fn a_time_with_a_zone_by_name_or_a_dot_is_read() {
        for (text, iso) in [
            ("2023-08-17 07:30 WIB", "2023-08-17T07:30:00+07:00"),
            ("2023-08-17 07.30 WIB", "2023-08-17T07:30:00+07:00"),
            ("2023-08-17T07:30 wib", "2023-08-17T07:30:00+07:00"),
            ("2023-08-17 07:30:15 WITA", "2023-08-17T07:30:15+08:00"),
            ("2023-08-17 07.30  WIT", "2023-08-17T07:30:00+09:00"),
            ("2023-08-17 07.30", "2023-08-17T07:30:00+08:00"),
        ] {
            let t = Timestamp::parse(text, wita()).unwrap_or_else(|| panic!("{text}"));
            assert_eq!((t.iso().as_str(), t.has_time), (iso, true), "{text}");
        }
        for bad in ["2023-08-17 WIB", "2023-08-17 07:30 WAT", "2023-08-17 07:30 pagi", "WIB"] {
            assert!(Timestamp::parse(bad, wita()).is_none(), "{bad}");
        }
    }

    #[test]
    fn an_offset_no_place_has_is_rejected() {
        assert!(Timestamp::parse("2023-05-15T09:00:00+15:00", wita()).is_none());
        assert!(Timestamp::parse("2023-05-15T09:00:00-13:00", wita()).is_none());
        assert!(Timestamp::parse("2023-05-15T09:00:00+14:00", wita()).is_some());
    }

    #[test]
    fn bad_dates_are_rejected() {
        for bad in ["15/5/2023", "2023-5-15", "2023-02-30", "kemarin", "", "2023-05-15T25:00:00"] {
            assert!(Timestamp::parse(bad, wita()).is_none(), "{bad}");
        }
    }

    #[test]
    fn an_english_calendar_from_strings() {
        let strings: std::collections::BTreeMap<String, String> = [
            ("weekdays", "Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday"),
            ("months", "January, February, March, April, May, June, July, August, September, October, November, December"),
            ("time", "{hour}:{minute}"),
        ]
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .into();
        let c = Calendar::from_strings(&strings);
        let t = Timestamp::parse("2023-05-15T09:00:00", wita()).expect("parses");
        assert_eq!(c.full(&t), "Monday, 15 May 2023 09:00 WITA");
        assert_eq!(c.month_year(2023, 8), "August 2023");
        // A list of the wrong length keeps the Indonesian names.
        let short = [("weekdays".to_string(), "Mon, Tue".to_string())].into();
        assert_eq!(Calendar::from_strings(&short).long(&t), "Senin, 15 Mei 2023");
    }

    /// Found writing site.yaml as an office does: `timezone: WITA` was refused.
    #[test]
    fn indonesias_zones_by_name() {
        for (text, hours) in [
            ("WIB", 7),
            ("wita", 8),
            ("WIT", 9),
            ("Asia/Jakarta", 7),
            ("Asia/Makassar", 8),
            ("Asia/Jayapura", 9),
        ] {
            assert_eq!(parse_offset(text), FixedOffset::east_opt(hours * 3600), "{text}");
        }
        assert_eq!(parse_offset("Asia/Tokyo"), None);
    }

    #[test]
    fn offsets() {
        assert_eq!(parse_offset("+07:00").map(zone_name).as_deref(), Some("WIB"));
        assert_eq!(parse_offset("-03:30").map(zone_name).as_deref(), Some("UTC-03:30"));
        assert_eq!(parse_offset("Z").map(zone_name).as_deref(), Some("UTC"));
        for bad in ["08:00", "+15:00", "+08:60", "WITA+1", "", "+", "++8", "+-8", "+08:+5", "+8:0"]
        {
            assert_eq!(parse_offset(bad), None, "{bad}");
        }
        for bad in ["+0800", "+008:00", "+08:000", "+ 8", "+8 WITA"] {
            assert_eq!(parse_offset(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_hour_alone_is_an_offset_as_a_pr_officer_writes_it() {
        let wita = FixedOffset::east_opt(8 * 3600);
        for good in ["+8", "+08", "+8:00", "+08:00", " +08:00 "] {
            assert_eq!(parse_offset(good), wita, "{good}");
        }
        assert_eq!(parse_offset("-3").map(zone_name).as_deref(), Some("UTC-03:00"));
    }
}
