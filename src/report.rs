//! `warta report`: what an office published in a month or a year, for the report it sends
//! upward. [`Report::of`] picks the releases that went out in the period (those withdrawn
//! since too) out of a loaded site, counts them per unit, tag and kind, and lists them with the
//! period's corrections and withdrawals; [`Report::to_csv`], [`Report::to_json`],
//! [`Report::to_html`] and [`Report::to_xlsx`] write it out. Plain data in, bytes out: the
//! command line reads the site and writes the file.

use crate::config::Config;
use crate::date::{Calendar, Timestamp};
use crate::links::{escape_href, escape_html};
use crate::model::Site;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The stretch of time a report covers, in the calendar of each release's own date (the one its
/// page and the archive show).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// A month: year and month (1 to 12).
    Month(i32, u32),
    /// A whole year.
    Year(i32),
}

impl Period {
    /// The month that `at` falls in, in `at`'s own offset (give it in the site's time zone).
    pub fn month_of(at: DateTime<FixedOffset>) -> Period {
        Period::Month(at.year(), at.month())
    }

    /// A month as `--month` takes it: `2023-05`.
    pub fn parse_month(text: &str) -> Result<Period, String> {
        let text = text.trim();
        let bad = |why: &str| format!("expected a month like 2023-05, got {text:?}{why}");
        let (year, month) = text.split_once('-').ok_or_else(|| bad(""))?;
        let year = parse_year_digits(year).ok_or_else(|| bad(""))?;
        if !(1..=2).contains(&month.len()) || !month.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad(""));
        }
        match month.parse::<u32>() {
            Ok(m @ 1..=12) => Ok(Period::Month(year, m)),
            _ => Err(bad(&format!(": there is no month {month}; months run from 01 to 12"))),
        }
    }

    /// A year as `--year` takes it: `2023`.
    pub fn parse_year(text: &str) -> Result<Period, String> {
        let text = text.trim();
        parse_year_digits(text)
            .map(Period::Year)
            .ok_or_else(|| format!("expected a year like 2023, got {text:?}"))
    }

    /// Whether a release dated `t` belongs to the period (by the date it is written with).
    pub fn contains(&self, t: &Timestamp) -> bool {
        match *self {
            Period::Month(y, m) => t.year() == y && t.month() == m,
            Period::Year(y) => t.year() == y,
        }
    }

    /// `2023-05` or `2023`, as the command line takes it.
    pub fn key(&self) -> String {
        match *self {
            Period::Month(y, m) => format!("{y:04}-{m:02}"),
            Period::Year(y) => format!("{y:04}"),
        }
    }

    /// `Mei 2023` or `Tahun 2023`.
    pub fn name(&self) -> String {
        match *self {
            Period::Month(y, m) => Calendar::default().month_year(y, m),
            Period::Year(y) => format!("Tahun {y}"),
        }
    }

    /// The first and the last day of the period.
    pub fn days(&self) -> (NaiveDate, NaiveDate) {
        let (first, next) = match *self {
            Period::Month(y, m) => {
                let next = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
                ((y, m), next)
            }
            Period::Year(y) => ((y, 1), (y + 1, 1)),
        };
        let day = |(y, m): (i32, u32)| NaiveDate::from_ymd_opt(y, m, 1).unwrap_or_default();
        (day(first), day(next).pred_opt().unwrap_or_default())
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name())
    }
}

/// In JSON: `{"key": "2023-05", "name": "Mei 2023", "first_day": "2023-05-01", "last_day": …}`.
impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (first, last) = self.days();
        let mut out = s.serialize_struct("Period", 4)?;
        out.serialize_field("key", &self.key())?;
        out.serialize_field("name", &self.name())?;
        out.serialize_field("first_day", &first.to_string())?;
        out.serialize_field("last_day", &last.to_string())?;
        out.end()
    }
}

/// Four digits, 1000 to 9999: a year a release can have.
fn parse_year_digits(text: &str) -> Option<i32> {
    (text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
        .filter(|&y| y >= 1000)
}

/// How a report is written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One row per release, for a spreadsheet.
    Csv,
    /// One page to print.
    Html,
    /// Everything, for another program.
    Json,
    /// A workbook for Excel, LibreOffice or Google Sheets: the releases, and the counts.
    Xlsx,
}

impl Format {
    /// The format a file's name asks for: `.html` (or `.htm`), `.json`, `.xlsx` and `.csv`; CSV
    /// for no name (standard output) or a name without an extension. Any other extension is an
    /// error: `laporan.pdf` written as CSV would open as garbage, or not at all.
    pub fn of(path: Option<&std::path::Path>) -> Result<Format, String> {
        let Some(ext) = path.and_then(|p| p.extension()) else {
            return Ok(Format::Csv);
        };
        match ext.to_str().map(str::to_ascii_lowercase).as_deref() {
            Some("html" | "htm") => Ok(Format::Html),
            Some("json") => Ok(Format::Json),
            Some("csv") => Ok(Format::Csv),
            Some("xlsx") => Ok(Format::Xlsx),
            _ => Err(format!(
                "warta writes a report as a workbook (.xlsx, for Excel), CSV, HTML (to print, or \
                 to save as PDF from the browser) or JSON, not as .{}: name the file .xlsx, \
                 .csv, .html or .json, or give --format",
                ext.to_string_lossy()
            )),
        }
    }
}

/// The report of a period: the site's published releases dated in it, counted and listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The site's title.
    pub site: String,
    pub period: Period,
    pub totals: Totals,
    /// Every unit of `site.yaml`, those without a release of the period too (a unit that
    /// published nothing is worth seeing), by count, then name.
    pub per_unit: Vec<Count>,
    /// The tags of the period's releases, by count, then name.
    pub per_tag: Vec<Count>,
    /// The kinds of the period's releases, by count, then name.
    pub per_kind: Vec<Count>,
    /// Oldest first.
    pub releases: Vec<Entry>,
    /// The corrections and withdrawals dated in the period, of releases of any date, oldest
    /// first: what the office put right in the open, which the report upward accounts for too.
    pub notices: Vec<Notice>,
    /// When the report was made, in UTC (the build's moment, `SOURCE_DATE_EPOCH` when set),
    /// which a workbook records: the same site at the same moment gives the same bytes.
    #[serde(skip)]
    pub made: chrono::NaiveDateTime,
}

/// How many releases, and how many units, tags and kinds they have between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub releases: usize,
    pub units: usize,
    pub tags: usize,
    pub kinds: usize,
    /// Corrections dated in the period (minor ones too), whatever the releases' dates.
    pub corrections: usize,
    /// Withdrawals dated in the period.
    pub withdrawals: usize,
}

/// A unit, tag or kind and its number of releases in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// The unit's or kind's key, the tag's slug.
    pub key: String,
    pub name: String,
    pub count: usize,
}

/// One release of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// `2023-05-15`.
    pub date: String,
    /// `Senin, 15 Mei 2023`.
    pub date_long: String,
    pub title: String,
    pub unit: String,
    /// The unit's full name.
    pub unit_name: String,
    pub kind: String,
    pub kind_name: String,
    /// The tags' names, in the release's order.
    pub tags: Vec<String>,
    /// The release's absolute URL.
    pub url: String,
    /// Its verification code: `KWB-7Q4M-2CXH`.
    pub code: String,
    /// What became of it since, as the site shows it now: `Dicabut 2023-06-01`, `Diralat
    /// 2023-05-24`, `Diralat 2 kali, terakhir 2023-05-26`, or empty.
    pub status: String,
}

/// A correction or a withdrawal made in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    /// The day it was made: `2023-05-24`.
    pub date: String,
    /// `Ralat`, `Ralat kecil` (a typo, not announced in the feeds) or `Pencabutan`.
    pub kind: String,
    /// The correction's note, or the withdrawal's reason, as the writer put it.
    pub note: String,
    /// The release's title, date, absolute URL and verification code.
    pub title: String,
    pub release_date: String,
    pub url: String,
    pub code: String,
}

impl Report {
    /// The report of `period`: the releases of `site` dated in it that went out, those withdrawn
    /// since too.
    pub fn of(site: &Site, period: Period) -> Report {
        let c = &site.config;
        let mut picked: Vec<usize> = (0..site.releases.len())
            .filter(|&i| {
                let r = &site.releases[i];
                went_out(r.publication) && period.contains(&r.date)
            })
            .collect();
        picked.sort_by(|&a, &b| {
            let (a, b) = (&site.releases[a], &site.releases[b]);
            a.date.cmp(&b.date).then_with(|| a.source.cmp(&b.source))
        });
        let mut units: BTreeMap<&str, usize> = c.units.keys().map(|k| (k.as_str(), 0)).collect();
        let mut tags: BTreeMap<usize, usize> = BTreeMap::new();
        let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
        let mut releases = Vec::with_capacity(picked.len());
        for &i in &picked {
            let r = &site.releases[i];
            *units.entry(&r.unit).or_default() += 1;
            *kinds.entry(&r.kind).or_default() += 1;
            for &t in &site.release_tags[i] {
                *tags.entry(t).or_default() += 1;
            }
            releases.push(Entry {
                date: r.date.date().format("%Y-%m-%d").to_string(),
                date_long: r.date.long_id(),
                title: r.title.clone(),
                unit: r.unit.clone(),
                unit_name: unit_name(c, &r.unit),
                kind: r.kind.clone(),
                kind_name: kind_name(c, &r.kind),
                tags: site.release_tags[i].iter().map(|&t| site.tags[t].name.clone()).collect(),
                url: c.absolute(&r.path),
                code: crate::trust::code::code(&c.trust.prefix, &r.guid),
                status: status(r),
            });
        }
        let notices = notices(site, period);
        let count = |key: &str, name: String, count: usize| Count { key: key.into(), name, count };
        let per_unit = by_count(units.iter().map(|(k, &n)| count(k, unit_name(c, k), n)));
        let per_tag = by_count(
            tags.iter().map(|(&t, &n)| count(&site.tags[t].slug, site.tags[t].name.clone(), n)),
        );
        let per_kind = by_count(kinds.iter().map(|(k, &n)| count(k, kind_name(c, k), n)));
        Report {
            site: c.title.clone(),
            period,
            totals: Totals {
                releases: releases.len(),
                units: per_unit.iter().filter(|u| u.count > 0).count(),
                tags: per_tag.len(),
                kinds: per_kind.len(),
                corrections: notices.iter().filter(|n| n.kind != WITHDRAWAL).count(),
                withdrawals: notices.iter().filter(|n| n.kind == WITHDRAWAL).count(),
            },
            per_unit,
            per_tag,
            per_kind,
            releases,
            notices,
            made: site.now.naive_utc(),
        }
    }

    /// The report written in `format`.
    pub fn to(&self, format: Format) -> Vec<u8> {
        match format {
            Format::Csv => self.to_csv().into_bytes(),
            Format::Html => self.to_html().into_bytes(),
            Format::Json => self.to_json().into_bytes(),
            Format::Xlsx => self.to_xlsx(),
        }
    }

    /// A workbook of two sheets: "Rilis", a row per release under the header of the CSV (the
    /// date a date cell, the address a link; the header row kept in view and filterable), and
    /// "Ringkasan", the period, the totals and the counts per unit, tag and kind. A workbook
    /// opens alike in every locale, where a CSV is read with the system's list separator (`;`
    /// in Indonesia's) and without a byte-order mark as another encoding than UTF-8.
    pub fn to_xlsx(&self) -> Vec<u8> {
        // Only text, whole numbers and dates within Excel's range: writing cannot fail but for
        // a text past a cell's 32,767 characters, which a title, a name or an address is not.
        self.workbook().unwrap_or_default()
    }

    fn workbook(&self) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format as Cell, Url, Workbook};
        let mut book = Workbook::new();
        let made = &self.made;
        let created =
            ExcelDateTime::from_ymd(made.year() as u16, made.month() as u8, made.day() as u8)?
                .and_hms(
                    chrono::Timelike::hour(made) as u16,
                    chrono::Timelike::minute(made) as u8,
                    chrono::Timelike::second(made),
                )?;
        let title = format!("Laporan Rilis Pers {} — {}", self.period.name(), self.site);
        book.set_properties(
            &DocProperties::new().set_title(&title).set_creation_datetime(&created),
        );
        let head = Cell::new().set_bold();
        let day = Cell::new().set_num_format("dd/mm/yyyy");

        let sheet = book.add_worksheet();
        sheet.set_name("Rilis")?;
        for (col, name) in (0u16..).zip(CSV_HEADER) {
            sheet.write_string_with_format(0, col, name, &head)?;
        }
        for (row, e) in (1u32..).zip(&self.releases) {
            match NaiveDate::parse_from_str(&e.date, "%Y-%m-%d") {
                Ok(d) => {
                    let date =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    sheet.write_datetime_with_format(row, 0, &date, &day)?
                }
                Err(_) => sheet.write_string(row, 0, &e.date)?,
            };
            sheet.write_string(row, 1, &e.date_long)?;
            sheet.write_string(row, 2, &e.title)?;
            sheet.write_string(row, 3, &e.unit_name)?;
            sheet.write_string(row, 4, &e.kind_name)?;
            sheet.write_string(row, 5, e.tags.join("; "))?;
            // A link where Excel takes one (past 2,079 characters or 65,530 links, text).
            if sheet.write_url(row, 6, Url::new(&e.url)).is_err() {
                sheet.write_string(row, 6, &e.url)?;
            }
            sheet.write_string(row, 7, &e.code)?;
            sheet.write_string(row, 8, &e.status)?;
        }
        for (col, width) in (0u16..).zip([11.0, 26.0, 60.0, 36.0, 12.0, 30.0, 50.0, 17.0, 24.0]) {
            sheet.set_column_width(col, width)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofilter(0, 0, self.releases.len() as u32, CSV_HEADER.len() as u16 - 1)?;
        // Printed: across an A4 page on its side, the header row on every page.
        sheet.set_landscape().set_paper_size(9).set_print_fit_to_pages(1, 0);
        sheet.set_repeat_rows(0, 0)?;

        let sheet = book.add_worksheet();
        sheet.set_name("Ringkasan")?;
        let (first, last) = self.period.days();
        let t = &self.totals;
        sheet.write_string_with_format(0, 0, "Laporan Rilis Pers", &head)?;
        sheet.write_string(1, 0, &self.site)?;
        let period = format!(
            "Periode: {} ({} s.d. {})",
            self.period.name(),
            first.format("%d-%m-%Y"),
            last.format("%d-%m-%Y")
        );
        sheet.write_string(2, 0, period)?;
        let totals = format!(
            "Jumlah: {} rilis dari {} unit, {} tag, {} jenis",
            t.releases, t.units, t.tags, t.kinds
        );
        sheet.write_string(3, 0, totals)?;
        sheet.write_string(4, 0, self.notices_line())?;
        let mut row = 6;
        for (column, counts) in
            [("Unit", &self.per_unit), ("Tag", &self.per_tag), ("Jenis", &self.per_kind)]
        {
            sheet.write_string_with_format(row, 0, column, &head)?;
            sheet.write_string_with_format(row, 1, "Jumlah", &head)?;
            for c in counts {
                row += 1;
                sheet.write_string(row, 0, &c.name)?;
                sheet.write_number(row, 1, c.count as f64)?;
            }
            row += 2;
        }
        sheet.set_column_width(0, 60.0)?;
        sheet.set_column_width(1, 10.0)?;

        // The corrections and withdrawals of the period, a row each under the header.
        let sheet = book.add_worksheet();
        sheet.set_name("Ralat")?;
        for (col, name) in (0u16..).zip(NOTICE_HEADER) {
            sheet.write_string_with_format(0, col, name, &head)?;
        }
        for (row, n) in (1u32..).zip(&self.notices) {
            for (col, date) in [(0, &n.date), (4, &n.release_date)] {
                match NaiveDate::parse_from_str(date, "%Y-%m-%d") {
                    Ok(d) => {
                        let date = ExcelDateTime::from_ymd(
                            d.year() as u16,
                            d.month() as u8,
                            d.day() as u8,
                        )?;
                        sheet.write_datetime_with_format(row, col, &date, &day)?
                    }
                    Err(_) => sheet.write_string(row, col, date)?,
                };
            }
            sheet.write_string(row, 1, &n.kind)?;
            sheet.write_string(row, 2, &n.note)?;
            sheet.write_string(row, 3, &n.title)?;
            if sheet.write_url(row, 5, Url::new(&n.url)).is_err() {
                sheet.write_string(row, 5, &n.url)?;
            }
            sheet.write_string(row, 6, &n.code)?;
        }
        for (col, width) in (0u16..).zip([11.0, 12.0, 50.0, 50.0, 13.0, 50.0, 17.0]) {
            sheet.set_column_width(col, width)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        sheet.set_landscape().set_paper_size(9).set_print_fit_to_pages(1, 0);
        sheet.set_repeat_rows(0, 0)?;
        book.save_to_buffer()
    }

    /// One row per release under a header row, RFC 4180 (quoted where needed, CRLF line ends);
    /// tags separated by `; `.
    pub fn to_csv(&self) -> String {
        let mut out =
            csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(vec![]);
        let rows = std::iter::once(CSV_HEADER.map(String::from).to_vec()).chain(
            self.releases.iter().map(|e| {
                vec![
                    e.date.clone(),
                    e.date_long.clone(),
                    e.title.clone(),
                    e.unit_name.clone(),
                    e.kind_name.clone(),
                    e.tags.join("; "),
                    e.url.clone(),
                    e.code.clone(),
                    e.status.clone(),
                ]
            }),
        );
        for row in rows {
            // Writing into memory cannot fail.
            let _ = out.write_record(&row);
        }
        let bytes = out.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }

    /// The whole report as pretty JSON: site, period, totals, per_unit, per_tag, per_kind and
    /// releases.
    pub fn to_json(&self) -> String {
        // Only strings and numbers, under string keys: it cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// `Ralat: 2, pencabutan: 1` (the corrections and withdrawals dated in the period).
    pub fn notices_line(&self) -> String {
        let t = &self.totals;
        format!("Ralat: {}, pencabutan: {}", t.corrections, t.withdrawals)
    }

    /// One standalone page to print on A4: the styles inline, nothing loaded from elsewhere,
    /// every text escaped.
    pub fn to_html(&self) -> String {
        let e = escape_html;
        let (first, last) = self.period.days();
        let t = &self.totals;
        let mut h = String::with_capacity(4096 + self.releases.len() * 600);
        let _ = write!(
            h,
            "<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>Laporan Rilis Pers {} — {}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n\
             <h1>Laporan Rilis Pers</h1>\n<p class=\"meta\"><strong>{}</strong><br>\n\
             Periode: {} ({} s.d. {})<br>\n\
             Jumlah: {} rilis dari {} unit, {} tag, {} jenis<br>\n{}</p>\n",
            e(&self.period.name()),
            e(&self.site),
            e(&self.site),
            e(&self.period.name()),
            first.format("%d-%m-%Y"),
            last.format("%d-%m-%Y"),
            t.releases,
            t.units,
            t.tags,
            t.kinds,
            e(&self.notices_line()),
        );
        counts_table(&mut h, "Per unit", "Unit", &self.per_unit);
        counts_table(&mut h, "Per tag", "Tag", &self.per_tag);
        counts_table(&mut h, "Per jenis", "Jenis", &self.per_kind);
        h.push_str("<h2>Daftar rilis</h2>\n");
        if self.releases.is_empty() {
            h.push_str("<p class=\"none\">Tidak ada rilis yang terbit pada periode ini.</p>\n");
        } else {
            h.push_str(
                "<table class=\"releases\">\n<thead><tr><th>No.</th><th>Tanggal</th><th>Judul</th>\
                 <th>Unit</th><th>Jenis</th><th>Tag</th><th>Kode verifikasi</th></tr></thead>\n\
                 <tbody>\n",
            );
            for (n, r) in self.releases.iter().enumerate() {
                let _ = writeln!(
                    h,
                    "<tr><td class=\"n\">{}</td><td><time datetime=\"{}\">{}</time></td>\
                     <td><a href=\"{}\">{}</a>{}<div class=\"url\">{}</div></td><td>{}</td>\
                     <td>{}</td><td>{}</td><td class=\"code\">{}</td></tr>",
                    n + 1,
                    e(&r.date),
                    e(&r.date_long),
                    escape_href(&r.url),
                    e(&r.title),
                    if r.status.is_empty() {
                        String::new()
                    } else {
                        format!("<div class=\"status\">{}</div>", e(&r.status))
                    },
                    e(&r.url),
                    e(&r.unit_name),
                    e(&r.kind_name),
                    e(&r.tags.join(", ")),
                    e(&r.code),
                );
            }
            h.push_str("</tbody>\n</table>\n");
        }
        h.push_str("<h2>Ralat dan pencabutan</h2>\n");
        if self.notices.is_empty() {
            h.push_str("<p class=\"none\">Tidak ada ralat atau pencabutan pada periode ini.</p>\n");
        } else {
            h.push_str("<table class=\"notices\">\n<thead><tr>");
            for name in NOTICE_HEADER.iter().filter(|n| !matches!(**n, "URL" | "Tanggal rilis")) {
                let _ = write!(h, "<th>{}</th>", e(name));
            }
            h.push_str("</tr></thead>\n<tbody>\n");
            for n in &self.notices {
                let _ = writeln!(
                    h,
                    "<tr><td class=\"day\"><time datetime=\"{}\">{}</time></td>\
                     <td class=\"day\">{}</td><td>{}</td>\
                     <td><a href=\"{}\">{}</a> ({})<div class=\"url\">{}</div></td>\
                     <td class=\"code\">{}</td></tr>",
                    e(&n.date),
                    e(&n.date),
                    e(&n.kind),
                    e(&n.note),
                    escape_href(&n.url),
                    e(&n.title),
                    e(&n.release_date),
                    e(&n.url),
                    e(&n.code),
                );
            }
            h.push_str("</tbody>\n</table>\n");
        }
        h.push_str("</body>\n</html>\n");
        h
    }
}

/// The columns of the CSV, as an office's spreadsheet shows them.
pub const CSV_HEADER: [&str; 9] = [
    "Tanggal",
    "Hari, tanggal",
    "Judul",
    "Unit",
    "Jenis",
    "Tag",
    "URL",
    "Kode verifikasi",
    "Status",
];

/// The columns of the workbook's sheet "Ralat" and of the page's table of corrections and
/// withdrawals.
const NOTICE_HEADER: [&str; 7] =
    ["Tanggal", "Jenis", "Catatan", "Judul rilis", "Tanggal rilis", "URL", "Kode verifikasi"];

/// A page that prints on A4 as it shows on screen: black on white, tables that keep their
/// header on every page and never split a row.
const CSS: &str = "@page { size: A4; margin: 15mm 12mm; }
body { font: 10pt/1.4 Arial, Helvetica, sans-serif; color: #111; background: #fff;
  max-width: 186mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 16pt; margin: 0 0 4pt; }
h2 { font-size: 12pt; margin: 16pt 0 4pt; padding-bottom: 2pt; border-bottom: 1px solid #888; }
p { margin: 0 0 6pt; }
table { border-collapse: collapse; width: 100%; }
table.counts { width: auto; min-width: 60%; }
th, td { border: 1px solid #aaa; padding: 2pt 4pt; text-align: left; vertical-align: top; }
th { background: #eee; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.n { text-align: right; white-space: nowrap; }
td.code { font-family: \"Courier New\", monospace; white-space: nowrap; }
a { color: inherit; }
.url { font-size: 8pt; color: #444; word-break: break-all; }
.status { font-size: 8pt; font-weight: bold; }
td.day { white-space: nowrap; }
@media print { body { padding: 0; max-width: none; } a { text-decoration: none; } }
";

/// A section of counts: its heading, then a table of names and counts (or a line saying there
/// are none).
fn counts_table(h: &mut String, heading: &str, column: &str, counts: &[Count]) {
    let _ = writeln!(h, "<h2>{}</h2>", escape_html(heading));
    if counts.is_empty() {
        h.push_str("<p class=\"none\">Tidak ada.</p>\n");
        return;
    }
    let _ = writeln!(
        h,
        "<table class=\"counts\">\n<thead><tr><th>{}</th><th>Jumlah</th></tr></thead>\n<tbody>",
        escape_html(column)
    );
    for c in counts {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"n\">{}</td></tr>",
            escape_html(&c.name),
            c.count
        );
    }
    h.push_str("</tbody>\n</table>\n");
}

/// [`Notice::kind`] of a withdrawal.
const WITHDRAWAL: &str = "Pencabutan";

/// Whether a release went out: published, or withdrawn since (it was published in its
/// period, and the report upward accounts for it, with its status).
fn went_out(p: crate::model::Publication) -> bool {
    p.is_published() || matches!(p, crate::model::Publication::Withdrawn(_))
}

/// What became of a release since it was published ([`Entry::status`]).
fn status(r: &crate::model::Release) -> String {
    let day = |t: &crate::date::Timestamp| t.date().format("%Y-%m-%d").to_string();
    if let Some(w) = &r.withdrawn {
        return format!("Dicabut {}", day(&w.date));
    }
    match r.corrections.iter().map(|k| &k.date).max() {
        None => String::new(),
        Some(last) if r.corrections.len() == 1 => format!("Diralat {}", day(last)),
        Some(last) => format!("Diralat {} kali, terakhir {}", r.corrections.len(), day(last)),
    }
}

/// The corrections and withdrawals dated in `period` of the releases that went out
/// ([`went_out`]), oldest first (then by the release's file, then in the file's order).
fn notices(site: &Site, period: Period) -> Vec<Notice> {
    let c = &site.config;
    let mut dated: Vec<(&crate::date::Timestamp, &std::path::Path, Notice)> = Vec::new();
    for r in site.releases.iter().filter(|r| went_out(r.publication)) {
        let notice = |kind: &str, note: &str| Notice {
            date: String::new(),
            kind: kind.to_string(),
            note: note.to_string(),
            title: r.title.clone(),
            release_date: r.date.date().format("%Y-%m-%d").to_string(),
            url: c.absolute(&r.path),
            code: crate::trust::code::code(&c.trust.prefix, &r.guid),
        };
        for k in r.corrections.iter().filter(|k| period.contains(&k.date)) {
            let kind = if k.minor { "Ralat kecil" } else { "Ralat" };
            dated.push((&k.date, &r.source, notice(kind, &k.note)));
        }
        if let Some(w) = r.withdrawn.as_ref().filter(|w| period.contains(&w.date)) {
            dated.push((&w.date, &r.source, notice(WITHDRAWAL, &w.reason)));
        }
    }
    // Stable: a release's corrections of one moment stay in the order its file gives them.
    dated.sort_by(|a, b| a.0.cmp(b.0).then_with(|| a.1.cmp(b.1)));
    dated
        .into_iter()
        .map(|(at, _, notice)| Notice { date: at.date().format("%Y-%m-%d").to_string(), ..notice })
        .collect()
}

/// Most releases first, then by name.
fn by_count(counts: impl Iterator<Item = Count>) -> Vec<Count> {
    let mut counts: Vec<Count> = counts.collect();
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    counts
}

/// The unit's full name (`units.<key>.name`).
fn unit_name(c: &Config, key: &str) -> String {
    c.units.get(key).map_or_else(|| key.to_string(), |u| u.name.clone())
}

/// The kind's name: as `kinds:` names it, else `kind_<key>` of the site's `strings:`, else the
/// key with a capital, which is the default theme's Indonesian name of the four built-in kinds
/// (`pengumuman` → `Pengumuman`). The report is in Indonesian whatever the theme's language, so
/// the theme's strings are not consulted.
fn kind_name(c: &Config, key: &str) -> String {
    let named = c.kinds.iter().find(|k| k.key == key).and_then(|k| k.name.clone());
    named.or_else(|| c.strings.get(&format!("kind_{key}")).cloned()).unwrap_or_else(|| {
        let mut chars = key.chars();
        chars.next().map(|f| f.to_uppercase().chain(chars).collect()).unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::SourceFile;
    use crate::model::{Publication, Release};
    use std::path::{Path, PathBuf};

    const SITE: &str = "title: Humas Uji & Co\nbase_url: https://humas.example.go.id/\n\
        units:\n  \
        kanwil-bali: {name: Kantor Wilayah Kementerian Agama Provinsi Bali, short: Humas Bali, place: Denpasar}\n  \
        kemenag-badung: {name: Kantor Kementerian Agama Kabupaten Badung, short: Kemenag Badung, place: Mangupura}\n  \
        kemenag-buleleng: {name: Kantor Kementerian Agama Kabupaten Buleleng, short: Kemenag Buleleng, place: Singaraja}\n\
        authors:\n  sn: {name: Sri Nuraini}\n\
        kinds:\n  berita:\n  pengumuman:\n  siaran-pers: Siaran Pers\n\
        trust: {prefix: KWB}\n";

    fn release(c: &Config, file: &str, front: &str) -> Release {
        let text = format!("---\n{front}\nauthor: sn\n---\n\nParagraf pertama.\n");
        let file = SourceFile::new(PathBuf::from(file), text);
        let parsed =
            crate::model::release::release(c, &file, &Default::default()).expect("a valid release");
        let publication = match &parsed.withdrawn {
            _ if parsed.draft => Publication::Draft,
            Some(w) => Publication::Withdrawn(w.date),
            None => Publication::Published,
        };
        Release::new(parsed.into(), publication)
    }

    /// Five releases: three in May 2023 (one a draft), one in June, one in 2024.
    fn site() -> Site {
        let c = crate::config::parse(Path::new("site.yaml"), SITE).expect("a valid site");
        let releases = vec![
            release(&c, "content/2023/05/b.md", "title: Rapat <Koordinasi> & \"Evaluasi\"\ndate: 2023-05-20T10:00:00\nunit: kemenag-badung\ntags: [Haji, zakat]\nkind: pengumuman"),
            release(&c, "content/2023/05/a.md", "title: Workshop Media Sosial\ndate: 2023-05-15T09:00:00\nunit: kanwil-bali\ntags: [haji, kehumasan]"),
            release(&c, "content/2023/05/c.md", "title: Draf\ndate: 2023-05-25\nunit: kanwil-bali\ndraft: true"),
            release(&c, "content/2023/06/d.md", "title: Bimbingan Perkawinan\ndate: 2023-06-01T08:00:00\nunit: kanwil-bali\nkind: siaran-pers"),
            release(&c, "content/2024/01/e.md", "title: Tahun Baru\ndate: 2024-01-02\nunit: kemenag-badung"),
        ];
        let now = c.timezone.with_ymd_and_hms(2024, 1, 10, 0, 0, 0).single().expect("a moment");
        Site::new(c, releases, Vec::new(), Default::default(), now).expect("a valid site")
    }

    use chrono::TimeZone;

    #[test]
    fn months_and_years_are_parsed_and_bad_ones_say_why() {
        assert_eq!(Period::parse_month("2023-05"), Ok(Period::Month(2023, 5)));
        assert_eq!(Period::parse_month("2023-5"), Ok(Period::Month(2023, 5)));
        assert_eq!(Period::parse_year("2024"), Ok(Period::Year(2024)));
        let err = Period::parse_month("2026-13").expect_err("no month 13");
        assert_eq!(
            err,
            "expected a month like 2023-05, got \"2026-13\": there is no month 13; months run \
             from 01 to 12"
        );
        for bad in ["2026-00", "2026", "26-05", "2026-05-01", "Mei 2023", "", "2026-+5", "2026-005"]
        {
            assert!(Period::parse_month(bad).is_err(), "{bad}");
        }
        for bad in ["23", "2023-05", "+2023", "0999", "tahun"] {
            assert!(Period::parse_year(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_period_has_its_indonesian_name_and_its_days() {
        let may = Period::Month(2023, 5);
        assert_eq!((may.key(), may.name()), ("2023-05".to_string(), "Mei 2023".to_string()));
        assert_eq!(may.days().1.to_string(), "2023-05-31");
        assert_eq!(Period::Month(2024, 2).days().1.to_string(), "2024-02-29");
        assert_eq!(Period::Month(2023, 12).days().1.to_string(), "2023-12-31");
        let year = Period::Year(2023);
        assert_eq!((year.key(), year.to_string()), ("2023".to_string(), "Tahun 2023".to_string()));
        assert_eq!(year.days().0.to_string(), "2023-01-01");
        let late = FixedOffset::east_opt(8 * 3600)
            .and_then(|z| z.with_ymd_and_hms(2023, 12, 31, 23, 30, 0).single())
            .expect("a moment");
        assert_eq!(Period::month_of(late), Period::Month(2023, 12));
    }

    #[test]
    fn a_month_counts_its_published_releases_oldest_first() {
        let site = site();
        let r = Report::of(&site, Period::Month(2023, 5));
        assert_eq!(r.site, "Humas Uji & Co");
        assert_eq!(
            r.totals,
            Totals { releases: 2, units: 2, tags: 3, kinds: 2, corrections: 0, withdrawals: 0 }
        );
        let titles: Vec<&str> = r.releases.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["Workshop Media Sosial", "Rapat <Koordinasi> & \"Evaluasi\""]);
        let first = &r.releases[0];
        assert_eq!(first.date, "2023-05-15");
        assert_eq!(first.date_long, "Senin, 15 Mei 2023");
        assert_eq!(first.unit_name, "Kantor Wilayah Kementerian Agama Provinsi Bali");
        assert_eq!(first.kind_name, "Berita");
        // "Haji" and "haji" are one tag, named as the site names it.
        assert_eq!(first.tags, ["Haji", "kehumasan"]);
        assert_eq!(first.url, "https://humas.example.go.id/2023/05/a/");
        let guid = &site.releases.iter().find(|x| x.slug == "a").expect("a").guid;
        assert_eq!(first.code, crate::trust::code::code("KWB", guid));
        assert!(first.code.starts_with("KWB-"), "{}", first.code);
        assert_eq!(r.releases[1].kind_name, "Pengumuman");
        // Every unit, the one without a release last; then by count and name.
        let units: Vec<(&str, usize)> =
            r.per_unit.iter().map(|u| (u.key.as_str(), u.count)).collect();
        assert_eq!(units, [("kemenag-badung", 1), ("kanwil-bali", 1), ("kemenag-buleleng", 0)]);
        let tags: Vec<(&str, usize)> =
            r.per_tag.iter().map(|t| (t.key.as_str(), t.count)).collect();
        assert_eq!(tags, [("haji", 2), ("kehumasan", 1), ("zakat", 1)]);
        let kinds: Vec<&str> = r.per_kind.iter().map(|k| k.name.as_str()).collect();
        assert_eq!(kinds, ["Berita", "Pengumuman"]);
    }

    #[test]
    fn a_year_takes_every_month_and_kinds_keep_their_site_yaml_names() {
        let r = Report::of(&site(), Period::Year(2023));
        assert_eq!(r.totals.releases, 3);
        assert_eq!(r.releases.last().map(|e| e.kind_name.as_str()), Some("Siaran Pers"));
        assert_eq!(r.period.name(), "Tahun 2023");
    }

    #[test]
    fn a_period_without_releases_is_an_empty_report() {
        let r = Report::of(&site(), Period::Month(2023, 7));
        assert_eq!(
            r.totals,
            Totals { releases: 0, units: 0, tags: 0, kinds: 0, corrections: 0, withdrawals: 0 }
        );
        assert_eq!(r.per_unit.len(), 3);
        assert_eq!(
            r.to_csv(),
            "Tanggal,\"Hari, tanggal\",Judul,Unit,Jenis,Tag,URL,Kode verifikasi,Status\r\n"
        );
        let json: serde_json::Value = serde_json::from_str(&r.to_json()).expect("JSON");
        assert_eq!(json["releases"], serde_json::json!([]));
        assert!(r.to_html().contains("Tidak ada rilis yang terbit pada periode ini."));
    }

    #[test]
    fn the_format_follows_the_output_name() {
        let of = |p: &str| Format::of(Some(Path::new(p)));
        assert_eq!(of("laporan.html"), Ok(Format::Html));
        assert_eq!(of("Laporan.JSON"), Ok(Format::Json));
        assert_eq!(of("laporan.csv"), Ok(Format::Csv));
        assert_eq!(of("Laporan Mei.XLSX"), Ok(Format::Xlsx));
        assert_eq!(of("laporan"), Ok(Format::Csv));
        assert_eq!(Format::of(None), Ok(Format::Csv));
    }

    #[test]
    fn a_name_asking_for_a_format_warta_does_not_write_is_an_error() {
        // `.xls` is Excel's format before 2007, which warta does not write.
        for name in ["laporan.pdf", "laporan.xls", "Laporan Mei.DOCX"] {
            let e = Format::of(Some(Path::new(name))).expect_err(name);
            let ext = name.rsplit('.').next().unwrap_or_default();
            assert!(e.contains(&format!("not as .{ext}:")), "{e}");
            assert!(e.contains("name the file .xlsx, .csv, .html or .json"), "{e}");
            assert!(!e.contains("  "), "{e}");
        }
    }

    #[test]
    fn a_workbook_is_the_same_bytes_for_the_same_report() {
        let report = Report::of(&site(), Period::Month(2023, 5));
        let book = report.to_xlsx();
        assert!(book.starts_with(b"PK\x03\x04"), "a zip, as a workbook is");
        assert!(book == report.to(Format::Xlsx), "the same bytes");
        let later = Report { made: report.made + chrono::Duration::hours(1), ..report.clone() };
        assert!(later.to_xlsx() != book, "the moment it was made is in it");
    }

    #[test]
    fn csv_quotes_what_needs_it() {
        let csv = Report::of(&site(), Period::Month(2023, 5)).to_csv();
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "Tanggal,\"Hari, tanggal\",Judul,Unit,Jenis,Tag,URL,Kode verifikasi,Status"
        );
        assert!(
            lines[2].starts_with(
                "2023-05-20,\"Sabtu, 20 Mei 2023\",\"Rapat <Koordinasi> & \"\"Evaluasi\"\"\",\
                 Kantor Kementerian Agama Kabupaten Badung,Pengumuman,Haji; zakat,https://"
            ),
            "{}",
            lines[2]
        );
        assert_eq!(lines.len(), 4, "a header, two rows and the last line end");
    }

    #[test]
    fn json_has_the_period_totals_counts_and_releases() {
        let json = Report::of(&site(), Period::Month(2023, 5)).to_json();
        let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        assert_eq!(v["period"]["key"], "2023-05");
        assert_eq!(v["period"]["name"], "Mei 2023");
        assert_eq!(v["period"]["last_day"], "2023-05-31");
        assert_eq!(v["totals"]["releases"], 2);
        assert_eq!(v["per_tag"][0]["name"], "Haji");
        assert_eq!(v["per_unit"][2]["count"], 0);
        assert_eq!(v["releases"][1]["title"], "Rapat <Koordinasi> & \"Evaluasi\"");
        assert!(json.contains("\n  \"period\": {"), "pretty: {json}");
    }

    #[test]
    fn html_is_one_standalone_page_with_every_text_escaped() {
        let html = Report::of(&site(), Period::Month(2023, 5)).to_html();
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"id\">"));
        for heading in [
            "Laporan Rilis Pers",
            "Per unit",
            "Per tag",
            "Per jenis",
            "Daftar rilis",
            "Ralat dan pencabutan",
        ] {
            assert!(html.contains(&format!(">{heading}</h")), "{heading}");
        }
        assert!(html.contains("Rapat &lt;Koordinasi&gt; &amp; &quot;Evaluasi&quot;"), "{html}");
        assert!(!html.contains("<Koordinasi>"));
        assert!(html.contains("<strong>Humas Uji &amp; Co</strong>"));
        assert!(html.contains("Periode: Mei 2023 (01-05-2023 s.d. 31-05-2023)"));
        assert!(html.contains("@page { size: A4;"));
        // Nothing is loaded from elsewhere: no stylesheet, script or image.
        for outside in ["<link", "<script", "<img", "src="] {
            assert!(!html.contains(outside), "{outside}");
        }
    }

    /// Found in stop 68's review: a release withdrawn or corrected was reported as if nothing
    /// had happened to it, and the corrections an office made in the month were nowhere in the
    /// report it sends upward.
    #[test]
    fn corrections_and_withdrawals_of_the_period_are_reported_whatever_the_release_date() {
        let c = crate::config::parse(Path::new("site.yaml"), SITE).expect("a valid site");
        let releases = vec![
            // April's release, corrected twice in May (a typo, then a fact) and once in June.
            release(
                &c,
                "content/2023/04/a.md",
                "title: Rapat April\ndate: 2023-04-20T10:00:00\nunit: kanwil-bali\n\
                corrections:\n  - {date: 2023-05-02, note: ejaan nama, minor: true}\n  \
                - {date: 2023-05-26T14:00, note: \"jumlah peserta <b>120</b>, bukan 210\"}\n  \
                - {date: 2023-06-03, note: lokasi}",
            ),
            // May's release, withdrawn in May.
            release(
                &c,
                "content/2023/05/b.md",
                "title: Jadwal & Lokasi\ndate: 2023-05-10T09:00:00\nunit: kemenag-badung\n\
                withdrawn: {date: 2023-05-12, reason: dibatalkan panitia}",
            ),
            // May's release, corrected once in May.
            release(
                &c,
                "content/2023/05/c.md",
                "title: Manasik\ndate: 2023-05-15T09:00:00\nunit: kanwil-bali\n\
                corrections: [{date: 2023-05-16, note: jam mulai}]",
            ),
            // A draft's correction is nobody's business yet.
            release(
                &c,
                "content/2023/05/d.md",
                "title: Draf\ndate: 2023-05-18\nunit: kanwil-bali\ndraft: true\n\
                corrections: [{date: 2023-05-19, note: judul}]",
            ),
        ];
        let now = c.timezone.with_ymd_and_hms(2024, 1, 10, 0, 0, 0).single().expect("a moment");
        let site = Site::new(c, releases, Vec::new(), Default::default(), now).expect("a site");
        let r = Report::of(&site, Period::Month(2023, 5));
        assert_eq!((r.totals.releases, r.totals.corrections, r.totals.withdrawals), (2, 3, 1));
        let statuses: Vec<(&str, &str)> =
            r.releases.iter().map(|e| (e.title.as_str(), e.status.as_str())).collect();
        assert_eq!(
            statuses,
            [("Jadwal & Lokasi", "Dicabut 2023-05-12"), ("Manasik", "Diralat 2023-05-16")]
        );
        let notices: Vec<(&str, &str, &str, &str)> = r
            .notices
            .iter()
            .map(|n| (n.date.as_str(), n.kind.as_str(), n.title.as_str(), n.note.as_str()))
            .collect();
        assert_eq!(
            notices,
            [
                ("2023-05-02", "Ralat kecil", "Rapat April", "ejaan nama"),
                ("2023-05-12", "Pencabutan", "Jadwal & Lokasi", "dibatalkan panitia"),
                ("2023-05-16", "Ralat", "Manasik", "jam mulai"),
                ("2023-05-26", "Ralat", "Rapat April", "jumlah peserta <b>120</b>, bukan 210"),
            ]
        );
        assert_eq!(r.notices[0].release_date, "2023-04-20");
        assert_eq!(r.notices[0].url, "https://humas.example.go.id/2023/04/a/");
        assert!(r.notices[0].code.starts_with("KWB-"), "{}", r.notices[0].code);
        // April's report shows its release as corrected three times, the last in June.
        let april = Report::of(&site, Period::Month(2023, 4));
        assert_eq!(april.releases[0].status, "Diralat 3 kali, terakhir 2023-06-03");
        assert!(april.notices.is_empty());
        assert_eq!(Report::of(&site, Period::Year(2023)).notices.len(), 5);

        let csv = r.to_csv();
        let row = csv.split("\r\n").nth(1).expect("a row");
        assert!(row.ends_with(",Dicabut 2023-05-12"), "{row}");
        let html = r.to_html();
        assert!(html.contains("Ralat: 3, pencabutan: 1"), "{html}");
        assert!(html.contains("<div class=\"status\">Dicabut 2023-05-12</div>"), "{html}");
        assert!(
            html.contains("<td>jumlah peserta &lt;b&gt;120&lt;/b&gt;, bukan 210</td>"),
            "{html}"
        );
        assert!(!html.contains("<b>120"), "escaped");
        let json: serde_json::Value = serde_json::from_str(&r.to_json()).expect("JSON");
        assert_eq!(json["totals"]["withdrawals"], 1);
        assert_eq!(json["notices"][1]["kind"], "Pencabutan");
        assert_eq!(json["releases"][0]["status"], "Dicabut 2023-05-12");
        // A month without any says so.
        let july = Report::of(&site, Period::Month(2023, 7)).to_html();
        assert!(july.contains("Tidak ada ralat atau pencabutan pada periode ini."));
    }
}
