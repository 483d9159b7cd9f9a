//! `warta report`: the monthly and yearly report of the example site, as CSV, JSON, HTML and a
//! workbook (read back with a spreadsheet reader), through the binary, with the clock fixed at 2024-01-10 (`support::warta`).

use crate::support::{example, warta, Site};
use std::path::Path;
use std::process::Output;

fn report(root: &Path, args: &[&str]) -> Output {
    warta().arg("report").arg("--root").arg(root).args(args).output().expect("run warta")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 stderr")
}

/// The verification code of the release at `source`, from the site's ledger and prefix.
fn code_of(root: &Path, source: &str) -> String {
    let yaml = std::fs::read_to_string(root.join("site.yaml")).expect("site.yaml");
    let config = warta::config::parse(Path::new("site.yaml"), &yaml).expect("a valid site.yaml");
    let ledger = std::fs::read_to_string(root.join("warta-ledger.tsv")).expect("the ledger");
    let guid = ledger
        .lines()
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .find(|f| f.get(1) == Some(&source))
        .map(|f| f[0].to_string())
        .unwrap_or_else(|| panic!("{source} is in the ledger"));
    warta::trust::code::code(&config.trust.prefix, &guid)
}

#[test]
fn a_month_as_csv_on_standard_output_has_a_row_per_published_release_oldest_first() {
    let site = example();
    let o = report(site.root(), &["--month", "2023-05"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    let out = stdout(&o);
    assert!(out.ends_with("\r\n") && !out.ends_with("\r\n\n"), "only the CSV: {out:?}");
    let mut csv = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> =
        csv.headers().expect("a header row").iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "Tanggal",
            "Hari, tanggal",
            "Judul",
            "Unit",
            "Jenis",
            "Tag",
            "URL",
            "Kode verifikasi",
            "Status"
        ]
    );
    let rows: Vec<csv::StringRecord> =
        csv.records().collect::<Result<_, _>>().expect("well-formed rows");
    assert_eq!(rows.len(), 2, "{out}");
    let row = |n: usize| rows[n].iter().collect::<Vec<&str>>();
    let workshop = "content/2023/05/workshop-manajemen-media-sosial/index.md";
    assert_eq!(
        row(0),
        [
            "2023-05-15",
            "Senin, 15 Mei 2023",
            "Workshop Manajemen Media Sosial dalam Membangun Citra Instansi",
            "Kantor Wilayah Kementerian Agama Provinsi Bali",
            "Berita",
            "media sosial; kehumasan; workshop",
            "https://humas.example.go.id/2023/05/workshop-manajemen-media-sosial/",
            code_of(site.root(), workshop).as_str(),
            "",
        ]
    );
    assert_eq!(row(1)[0], "2023-05-24");
    assert_eq!(row(1)[1], "Rabu, 24 Mei 2023");
    assert_eq!(
        row(1)[3],
        "Bidang Penyelenggaraan Haji dan Umrah Kanwil Kementerian Agama Provinsi Bali"
    );
    let manasik = "content/2023/05/manasik-haji-terpadu-tingkat-provinsi/index.md";
    assert_eq!(row(1)[7], code_of(site.root(), manasik));
}

/// Found by use, stop 59: the CSV "for a spreadsheet" opens in Excel on an Indonesian Windows,
/// whose list separator is `;`, as one column of whole lines, its en dashes and quotes as
/// mojibake (no byte-order mark). A workbook opens alike everywhere: the same rows as the CSV,
/// the date a date, the address a link, and the counts on a sheet of their own.
#[test]
fn a_month_as_a_workbook_has_the_csvs_rows_and_the_counts() {
    use calamine::{Data, Reader, Xlsx};
    let site = example();
    let file = site.root().join("laporan-2023-05.xlsx");
    let o = report(site.root(), &["--month", "2023-05", "--output", &file.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), format!("wrote {}: 2 releases of Mei 2023\n", file.display()));
    let bytes = std::fs::read(&file).expect("the workbook");
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).expect("a workbook");
    assert_eq!(book.sheet_names(), ["Rilis", "Ringkasan", "Ralat"]);
    let text = |d: &Data| match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::DateTime(d) => format!("date {}", d.as_f64()),
        other => format!("{other:?}"),
    };
    let rows = |book: &mut Xlsx<_>, sheet: &str| -> Vec<Vec<String>> {
        let range = book.worksheet_range(sheet).expect("the sheet");
        range.rows().map(|r| r.iter().map(text).collect()).collect()
    };
    // The CSV of the same month, row for row; its dates as Excel's day numbers (days since
    // 1899-12-30: 2023-05-15 is 45061).
    let csv_out = stdout(&report(site.root(), &["--month", "2023-05"]));
    let mut csv = csv::Reader::from_reader(csv_out.as_bytes());
    let mut want: Vec<Vec<String>> =
        vec![csv.headers().expect("a header").iter().map(String::from).collect()];
    for record in csv.records() {
        let mut row: Vec<String> = record.expect("a row").iter().map(String::from).collect();
        let day = chrono::NaiveDate::parse_from_str(&row[0], "%Y-%m-%d").expect("a date");
        let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).expect("Excel's day 0");
        row[0] = format!("date {}", (day - epoch).num_days());
        want.push(row);
    }
    assert_eq!(want.len(), 3);
    assert_eq!(want[1][0], "date 45061");
    assert_eq!(rows(&mut book, "Rilis"), want);
    let summary = rows(&mut book, "Ringkasan");
    let first: Vec<&str> = summary.iter().filter_map(|r| r.first().map(String::as_str)).collect();
    assert_eq!(
        first[..5],
        [
            "Laporan Rilis Pers",
            "Humas Kanwil Kementerian Agama Provinsi Bali",
            "Periode: Mei 2023 (01-05-2023 s.d. 31-05-2023)",
            "Jumlah: 2 rilis dari 2 unit, 6 tag, 1 jenis",
            "Ralat: 0, pencabutan: 0",
        ]
    );
    assert!(summary.contains(&vec!["Unit".to_string(), "Jumlah".to_string()]), "{summary:?}");
    assert!(
        summary.contains(&vec![
            "Kantor Wilayah Kementerian Agama Provinsi Bali".to_string(),
            "1".to_string()
        ]),
        "{summary:?}"
    );
    // The same site at the same moment, the same bytes; on standard output when it is no
    // terminal (`warta report --format xlsx > laporan.xlsx`).
    let piped = report(site.root(), &["--month", "2023-05", "--format", "xlsx"]);
    assert_eq!(piped.status.code(), Some(0), "{}", stderr(&piped));
    assert!(piped.stdout == bytes, "the workbook on standard output is the file's bytes");
}

#[test]
fn json_to_a_file_has_the_totals_and_says_what_it_wrote() {
    let site = example();
    let file = site.root().join("laporan.json");
    let o = report(site.root(), &["--month", "2023-10", "--output", &file.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), format!("wrote {}: 2 releases of Oktober 2023\n", file.display()));
    let text = std::fs::read_to_string(&file).expect("the report was written");
    let v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(v["site"], "Humas Kanwil Kementerian Agama Provinsi Bali");
    assert_eq!(v["period"]["key"], "2023-10");
    assert_eq!(v["period"]["name"], "Oktober 2023");
    assert_eq!(v["totals"]["releases"], 2);
    assert_eq!(v["totals"]["units"], 1);
    assert_eq!(v["per_unit"][0]["key"], "kanwil-bali");
    assert_eq!(v["per_unit"][0]["count"], 2);
    assert_eq!(v["totals"]["tags"], 6);
    assert_eq!(v["per_tag"].as_array().map(Vec::len), Some(6));
    assert_eq!(v["per_kind"][0]["name"], "Berita");
    let dates: Vec<&str> = v["releases"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|r| r["date"].as_str().expect("a date"))
        .collect();
    assert_eq!(dates, ["2023-10-05", "2023-10-26"]);
}

#[test]
fn a_year_counts_every_month_and_the_default_is_this_month_with_only_published_releases() {
    let site = example();
    let o = report(site.root(), &["--year", "2023", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["totals"]["releases"], 8);
    assert_eq!(v["period"]["name"], "Tahun 2023");
    // The clock says 2024-01-10: January 2024, whose release of the 22nd is not yet due.
    let file = site.root().join("laporan");
    let o = report(site.root(), &["--output", &file.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), format!("wrote {}: 1 release of Januari 2024\n", file.display()));
    let csv = std::fs::read_to_string(&file).expect("written");
    assert!(csv.starts_with("Tanggal,") && csv.contains("2024-01-03,"), "a CSV: {csv}");
    assert!(!csv.contains("2024-01-22"), "{csv}");
}

#[test]
fn html_is_a_standalone_page_that_escapes_titles() {
    let site = example();
    site.write(
        "content/2023/05/judul-aneh.md",
        "---\ntitle: 'Rapat <b>Koordinasi</b> & \"Evaluasi\"'\ndate: 2023-05-30\nauthor: sn\n\
         unit: kanwil-bali\ntags: [\"<script>\"]\n---\n\nIsi rilis.\n",
    );
    let file = site.root().join("laporan.html");
    let o = report(site.root(), &["--month", "2023-05", "--output", &file.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).ends_with(": 3 releases of Mei 2023\n"), "{}", stdout(&o));
    let html = std::fs::read_to_string(&file).expect("written");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        html.contains("Rapat &lt;b&gt;Koordinasi&lt;/b&gt; &amp; &quot;Evaluasi&quot;"),
        "{html}"
    );
    assert!(!html.contains("<b>") && !html.contains("<script"), "{html}");
    for heading in ["Laporan Rilis Pers", "Per unit", "Per tag", "Per jenis", "Daftar rilis"] {
        assert!(html.contains(&format!(">{heading}</h")), "{heading}");
    }
    // Nothing the page needs is elsewhere.
    assert!(!html.contains("<link") && !html.contains("src="), "{html}");
    // --format wins over the file's name.
    let o = report(site.root(), &["--month", "2023-05", "--format", "html"]);
    assert!(stdout(&o).starts_with("<!DOCTYPE html>"), "{}", stdout(&o));
}

#[test]
fn a_month_without_releases_is_an_empty_report_with_a_note() {
    let site = example();
    let o = report(site.root(), &["--month", "2022-01"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "the header alone: {out}");
    assert!(stderr(&o).contains("no published release is dated in Januari 2022"), "{}", stderr(&o));
}

#[test]
fn a_bad_month_or_both_periods_are_refused() {
    let site = Site::empty();
    let o = report(site.root(), &["--month", "2026-13"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    assert!(err.contains("invalid value '2026-13' for '--month <MONTH>'"), "{err}");
    assert!(err.contains("there is no month 13; months run from 01 to 12"), "{err}");
    let o = report(site.root(), &["--year", "23"]);
    assert!(stderr(&o).contains("expected a year like 2023, got \"23\""), "{}", stderr(&o));
    let o = report(site.root(), &["--month", "2023-05", "--year", "2023"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot be used with"), "{}", stderr(&o));
}

#[test]
fn an_output_named_for_a_format_warta_does_not_write_is_refused_and_nothing_written() {
    // `--output laporan.pdf` wrote CSV into a file a PDF reader then could not open.
    let site = example();
    let file = site.root().join("laporan.pdf");
    let o = report(site.root(), &["--month", "2023-05", "--output", &file.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("not as .pdf: name the file .xlsx, .csv, .html or .json"), "{err}");
    assert!(!file.exists(), "nothing written");
    // Asked for by name, the format is written whatever the file is called.
    let o = report(
        site.root(),
        &["--month", "2023-05", "--format", "csv", "--output", &file.to_string_lossy()],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::read_to_string(&file).expect("written").starts_with("Tanggal,"));
}

/// Found in stop 68's review: a withdrawn or corrected release was reported as if nothing had
/// happened to it, and the month's corrections were nowhere in the report sent upward. They
/// are now: a status per release, and the corrections and withdrawals dated in the period (of
/// releases of any date) on a sheet, a section and a list of their own.
#[test]
fn a_months_corrections_and_withdrawals_are_in_every_format() {
    use calamine::{Data, Reader, Xlsx};
    let site = example();
    let add = |rel: &str, lines: &str| {
        let text = std::fs::read_to_string(site.root().join(rel)).expect("a release");
        let text = text.replacen("---\n", &format!("---\n{lines}\n"), 1);
        site.write(rel, &text);
    };
    let workshop = "content/2023/05/workshop-manajemen-media-sosial/index.md";
    let nikah = "content/2023/06/bimbingan-perkawinan-kua-kuta-selatan.md";
    add(workshop, "corrections:\n  - {date: 2023-06-02, note: \"nama narasumber & jabatannya\"}");
    add(nikah, "withdrawn: {date: 2023-06-20, reason: jadwal dibatalkan panitia}");
    let csv = stdout(&report(site.root(), &["--month", "2023-05"]));
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let statuses: Vec<String> = rows.records().map(|r| r.expect("a row")[8].to_string()).collect();
    assert_eq!(statuses, ["Diralat 2023-06-02", ""], "{csv}");

    let file = site.root().join("laporan-2023-06.xlsx");
    let o = report(site.root(), &["--month", "2023-06", "--output", &file.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut book: Xlsx<_> = calamine::open_workbook(&file).expect("a workbook");
    let text = |d: &Data| match d {
        Data::String(s) => s.clone(),
        Data::DateTime(d) => format!("date {}", d.as_f64()),
        other => format!("{other:?}"),
    };
    let range = book.worksheet_range("Ralat").expect("the sheet Ralat");
    let notices: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(text).collect()).collect();
    assert_eq!(
        notices[0],
        ["Tanggal", "Jenis", "Catatan", "Judul rilis", "Tanggal rilis", "URL", "Kode verifikasi"]
    );
    // 2023-06-02 is Excel's day 45079; May's release corrected in June, June's withdrawn.
    assert_eq!(notices.len(), 3, "{notices:?}");
    assert_eq!(
        notices[1][..4],
        [
            "date 45079",
            "Ralat",
            "nama narasumber & jabatannya",
            "Workshop Manajemen Media Sosial dalam Membangun Citra Instansi"
        ]
    );
    assert_eq!(notices[1][6], code_of(site.root(), workshop));
    assert_eq!(notices[2][1..3], ["Pencabutan", "jadwal dibatalkan panitia"]);
    assert_eq!(notices[2][6], code_of(site.root(), nikah));
    let summary = book.worksheet_range("Ringkasan").expect("the summary");
    let line = summary.get_value((4, 0)).map(text);
    assert_eq!(line.as_deref(), Some("Ralat: 1, pencabutan: 1"));

    let html = stdout(&report(site.root(), &["--month", "2023-06", "--format", "html"]));
    assert!(html.contains("<div class=\"status\">Dicabut 2023-06-20</div>"), "{html}");
    assert!(html.contains("<td>nama narasumber &amp; jabatannya</td>"), "{html}");
    let json = stdout(&report(site.root(), &["--year", "2023", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["totals"]["corrections"], 1);
    assert_eq!(v["totals"]["withdrawals"], 1);
    assert_eq!(v["notices"][1]["release_date"], "2023-06-14");
}
