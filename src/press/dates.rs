//! The date a release names in its text, the way Indonesian releases write it: "Senin
//! (15/5/2023)", "15 Mei 2023", "15 Agt 2023".

use chrono::NaiveDate;
use regex::Regex;
use std::sync::OnceLock;

fn numeric_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b")
            .expect("the numeric date pattern is valid")
    })
}

fn written_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)\b(\d{1,2})\s+(\p{L}{3,9})\.?,?\s+(\d{4})\b")
            .expect("the written date pattern is valid")
    })
}

/// The month of an Indonesian month name or its usual abbreviation (English ones too).
fn month(name: &str) -> Option<u32> {
    let n = name.to_lowercase();
    let m = match n.as_str() {
        "januari" | "jan" | "january" => 1,
        "februari" | "pebruari" | "feb" | "peb" | "february" => 2,
        "maret" | "mar" | "march" => 3,
        "april" | "apr" => 4,
        "mei" | "may" => 5,
        "juni" | "jun" | "june" => 6,
        "juli" | "jul" | "july" => 7,
        "agustus" | "agu" | "agt" | "ags" | "agus" | "aug" | "august" => 8,
        "september" | "sep" | "sept" => 9,
        "oktober" | "okt" | "oct" | "october" => 10,
        "november" | "nov" | "nop" | "nopember" => 11,
        "desember" | "des" | "dec" | "december" => 12,
        _ => return None,
    };
    Some(m)
}

fn year(text: &str) -> Option<i32> {
    let y: i32 = text.parse().ok()?;
    Some(if text.len() == 2 { 2000 + y } else { y })
}

/// The first date `text` names, and where it starts.
pub fn find(text: &str) -> Option<(usize, NaiveDate)> {
    let numeric = numeric_re().captures_iter(text).find_map(|c| {
        let date = NaiveDate::from_ymd_opt(year(&c[3])?, c[2].parse().ok()?, c[1].parse().ok()?)?;
        Some((c.get(0)?.start(), date))
    });
    let written = written_re().captures_iter(text).find_map(|c| {
        let date = NaiveDate::from_ymd_opt(year(&c[3])?, month(&c[2])?, c[1].parse().ok()?)?;
        Some((c.get(0)?.start(), date))
    });
    match (numeric, written) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// The first date named in any of `texts`, in order.
pub fn first_in<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<NaiveDate> {
    texts.into_iter().find_map(|t| find(t).map(|(_, d)| d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn the_forms_releases_use() {
        for (text, date) in [
            ("Membuka Workshop, Senin (15/5/2023) Kepala", d(2023, 5, 15)),
            ("pada Selasa, 15 Agustus 2023, di", d(2023, 8, 15)),
            ("Rabu (1/11/23)", d(2023, 11, 1)),
            ("15 Mei 2023", d(2023, 5, 15)),
            ("tanggal 15 Agt. 2023", d(2023, 8, 15)),
            ("3 DESEMBER 2024", d(2024, 12, 3)),
            ("17 Agustus 1945 dan Senin (15/5/2023)", d(1945, 8, 17)),
        ] {
            assert_eq!(find(text).map(|f| f.1), date, "{text}");
        }
    }

    #[test]
    fn what_is_not_a_date() {
        for text in ["40 orang peserta", "31/2/2023", "16 Orang dari 2022", "versi 1.2.3", ""] {
            assert_eq!(find(text), None, "{text}");
        }
    }
}
