//! The verdict on a code or a saved release page, checked against a site's manifest and its
//! signature: plain data in, a [`Verdict`] out (no disk), for `warta verify` and its tests.

use super::code;
use super::keys::PublicKey;
use super::manifest::{self, Entry, Manifest};
use super::shown::{self, Shown};

/// What to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// A code as a reader typed it.
    Code(String),
    /// A saved release page: its code, its canonical text when the page carries it, and
    /// what it shows its reader, when it shows it as warta's release pages do.
    Page { code: String, text: Option<String>, shown: Option<Shown> },
}

/// The verdict of [`check`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The signature is valid, the code is in the manifest, and the page's text (if given)
    /// is the one listed.
    Official(Entry),
    /// The manifest is signed and valid, and has no release with this code.
    NotFound,
    /// The signature does not verify with the key: the reason, a sentence.
    BadSignature(String),
    /// The code is in the manifest, and the page's text is not the one listed (whether the
    /// manifest is signed or not).
    TextChanged(Entry),
    /// The code is in the manifest and the page's signed text is the one listed, but the page
    /// shows its reader another headline, date or text, or does not show them where warta's
    /// release pages do.
    ShownChanged(Entry, Part),
    /// The code is in the manifest, and the page carries no signed text: nothing on it can be
    /// checked but its code (a page made up around a real code is one such).
    NoText(Entry),
    /// The signature is valid and the code is that of a release the office issued and that is
    /// no longer on its site ([`Entry::removed`]): its text is not listed, so a copy of it
    /// cannot be checked.
    Removed(Entry),
    /// The manifest is not signed (no signature, or no key to check it with), so it proves
    /// nothing: the release with the code if it lists one (and its text matches, if given).
    Unsigned(Option<Entry>),
}

/// What a saved page shows otherwise than the office signed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Headline,
    Date,
    Text,
    /// No headline (`<h1>`) followed by the text (`<div class="content">`): a page that does
    /// not show its release as warta's pages do, so what it shows cannot be compared.
    Layout,
}

impl Part {
    /// The part, as the sentence of a verdict names it.
    pub fn name(self) -> &'static str {
        match self {
            Part::Headline => "the headline",
            Part::Date => "the date",
            Part::Text => "the text",
            Part::Layout => "the release",
        }
    }
}

/// The name of the meta tag that carries a release page's code.
pub const CODE_META: &str = "warta:code";
/// The id of the script element that carries a release page's canonical text, a JSON string.
pub const TEXT_ID: &str = "warta-teks";

/// A saved release page (HTML): its code from `<meta name="warta:code" content="KWB-…">` and its canonical text from
/// `<script type="application/json" id="warta-teks">"…a JSON string…"</script>` (JSON-decode the string). Tolerate
/// attribute order/quotes changed by a browser's "Save page as". None when the page has no code.
///
/// A page saved as a single file (`.mhtml`, quoted-printable) is decoded first. A text element
/// that is not a JSON string is kept as it is, so that it differs from the listed text.
pub fn page_query(html: &str) -> Option<Query> {
    let decoded;
    let html = if html.contains("quoted-printable") && find_code(html).is_none() {
        decoded = quoted_printable(html);
        &decoded
    } else {
        html
    };
    let raw = find_code(html)?;
    let code = code::normalize(&raw).unwrap_or(raw);
    let text = find_text(html).map(|t| serde_json::from_str::<String>(t.trim()).unwrap_or(t));
    Some(Query::Page { code, text, shown: shown::read(html) })
}

/// Checks `query` against the manifest's bytes, with `signature` (the text of `manifest.sig`)
/// and the office's `key`; `Err` when the manifest cannot be read.
pub fn check(
    manifest_bytes: &[u8],
    signature: Option<&str>,
    key: Option<&PublicKey>,
    query: &Query,
) -> Result<Verdict, String> {
    let signed = match (signature, key) {
        (Some(sig), Some(key)) => {
            if let Err(why) = manifest::verify(manifest_bytes, sig, key) {
                return Ok(Verdict::BadSignature(bad_signature(manifest_bytes, key, why)));
            }
            true
        }
        _ => false,
    };
    let manifest = Manifest::parse(manifest_bytes)?;
    let (code, page) = match query {
        Query::Code(c) => (c, None),
        Query::Page { code, text, shown } => (code, Some((text.as_deref(), shown.as_ref()))),
    };
    let code = code::normalize(code).unwrap_or_else(|| code.trim().to_string());
    let entry = manifest.find(&code).cloned();
    // Its text is not listed: there is nothing to compare a page with.
    if let Some(e) = entry.as_ref().filter(|e| e.removed) {
        return Ok(if signed { Verdict::Removed(e.clone()) } else { Verdict::Unsigned(entry) });
    }
    let changed = match (&entry, page) {
        (Some(e), Some((Some(t), _))) => manifest::sha256_hex(t) != e.sha256,
        _ => false,
    };
    let shows = |text: Option<&str>, shown: Option<&Shown>| match (text, shown) {
        (None, _) => Some(None),
        (Some(_), None) => Some(Some(Part::Layout)),
        (Some(t), Some(s)) => differs(t, s).map(Some),
    };
    let unlike = page.and_then(|(text, shown)| shows(text, shown));
    Ok(match (entry, unlike) {
        (Some(e), _) if changed => Verdict::TextChanged(e),
        (Some(e), Some(None)) => Verdict::NoText(e),
        (Some(e), Some(Some(part))) => Verdict::ShownChanged(e, part),
        (entry, _) if !signed => Verdict::Unsigned(entry),
        (Some(e), _) => Verdict::Official(e),
        (None, _) => Verdict::NotFound,
    })
}

/// The first part of what a page shows that is not what its signed `text` says (the text of
/// [`super::canonical_text`]: title, date, unit, place, a blank line, the body).
fn differs(text: &str, shown: &Shown) -> Option<Part> {
    let same = |a: &str, b: &str| a.split_whitespace().eq(b.split_whitespace());
    let mut lines = text.splitn(6, '\n');
    let (title, date) = (lines.next().unwrap_or_default(), lines.next().unwrap_or_default());
    let body = lines.nth(3).unwrap_or_default();
    if !same(title, &shown.title) {
        return Some(Part::Headline);
    }
    let date_shown = shown
        .date
        .as_ref()
        .is_some_and(|d| d.datetime.trim() == date.trim() && names_the_date(&d.text, date.trim()));
    if !date_shown {
        return Some(Part::Date);
    }
    (!same(body, &shown.body)).then_some(Part::Text)
}

/// Whether `text` ("Senin, 15 Mei 2023 09.00 WITA", "Monday, 15 May 2023") reads as the date
/// `iso`: its year and day are in it; every number in it is the date's year, month, day, hour,
/// minute or second; and a month's or a weekday's name in it (Indonesian or English) is the
/// date's. A theme in another language is checked by its numbers alone.
fn names_the_date(text: &str, iso: &str) -> bool {
    use chrono::{Datelike, Timelike};
    let Ok(at) = chrono::DateTime::parse_from_rfc3339(iso) else { return false };
    let parts = [at.year() as u32, at.month(), at.day(), at.hour(), at.minute(), at.second()];
    let mut seen = (false, false);
    for token in text.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()) {
        if let Ok(n) = token.parse::<u32>() {
            if !parts.contains(&n) {
                return false;
            }
            seen = (seen.0 || n == parts[0], seen.1 || n == parts[2]);
            continue;
        }
        let name = token.to_lowercase();
        let month = MONTHS.iter().position(|names| names.contains(&name.as_str()));
        if month.is_some_and(|m| m as u32 + 1 != at.month()) {
            return false;
        }
        let day = WEEKDAYS.iter().position(|names| names.contains(&name.as_str()));
        if day.is_some_and(|d| d as u32 != at.weekday().num_days_from_monday()) {
            return false;
        }
    }
    seen == (true, true)
}

/// Months' names in Indonesian and English, and their short forms, in lower case.
const MONTHS: [&[&str]; 12] = [
    &["januari", "january", "jan"],
    &["februari", "february", "feb", "pebruari"],
    &["maret", "march", "mar"],
    &["april", "apr"],
    &["mei", "may"],
    &["juni", "june", "jun"],
    &["juli", "july", "jul"],
    &["agustus", "august", "agu", "agt", "ags", "aug"],
    &["september", "sep", "sept"],
    &["oktober", "october", "okt", "oct"],
    &["november", "nov", "nop", "nopember"],
    &["desember", "december", "des", "dec"],
];

/// Weekdays' names in Indonesian and English, Monday first, in lower case.
const WEEKDAYS: [&[&str]; 7] = [
    &["senin", "monday", "mon"],
    &["selasa", "tuesday", "tue"],
    &["rabu", "wednesday", "wed"],
    &["kamis", "thursday", "thu"],
    &["jumat", "friday", "fri", "jum"],
    &["sabtu", "saturday", "sat"],
    &["minggu", "sunday", "sun", "ahad"],
];

/// Why a signature failed, in a sentence: another key when the manifest names one.
fn bad_signature(bytes: &[u8], key: &PublicKey, why: String) -> String {
    let named = Manifest::parse(bytes).ok().and_then(|m| m.key);
    let named = named.and_then(|k| PublicKey::parse(&k).ok());
    match named {
        Some(other) if other != *key => {
            format!("{why}: the manifest was signed with another key, {other}, not the office's")
        }
        _ if why.contains("does not verify") => {
            format!("{why}: the file was changed after it was signed")
        }
        _ => why,
    }
}

/// The content of the first `<meta name="warta:code" content="…">`.
fn find_code(html: &str) -> Option<String> {
    tags(html, "meta")
        .map(|(attrs, _)| attrs)
        .find(|a| attr(a, "name").is_some_and(|n| n.eq_ignore_ascii_case(CODE_META)))
        .and_then(|a| attr(&a, "content"))
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
}

/// The raw content of the first `<script id="warta-teks">`.
fn find_text(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let (_, end) =
        tags(html, "script").find(|(a, _)| attr(a, "id").is_some_and(|id| id == TEXT_ID))?;
    let close = lower[end..].find("</script")?;
    Some(html[end..end + close].to_string())
}

/// Every `<name …>` start tag of `html`: its attributes (name in lower case, value decoded) and
/// the index just after its `>`.
fn tags<'a>(
    html: &'a str,
    name: &'a str,
) -> impl Iterator<Item = (Vec<(String, String)>, usize)> + 'a {
    let lower = html.to_ascii_lowercase();
    let open = format!("<{name}");
    let mut from = 0;
    std::iter::from_fn(move || loop {
        let at = from + lower[from..].find(&open)?;
        from = at + open.len();
        let next = lower[from..].chars().next()?;
        if next.is_ascii_whitespace() || next == '/' || next == '>' {
            let (attrs, end) = attributes(html, from);
            from = end;
            return Some((attrs, end));
        }
    })
}

/// The attributes of a start tag from `at` (just after its name) to its `>`, and the index after.
fn attributes(html: &str, mut at: usize) -> (Vec<(String, String)>, usize) {
    let b = html.as_bytes();
    let mut attrs = Vec::new();
    let skip_space = |mut i: usize| {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        i
    };
    loop {
        at = skip_space(at);
        if at >= b.len() {
            return (attrs, at);
        }
        if b[at] == b'>' {
            return (attrs, at + 1);
        }
        let start = at;
        while at < b.len() && !matches!(b[at], b'=' | b'>' | b'/') && !b[at].is_ascii_whitespace() {
            at += 1;
        }
        let name = html[start..at].to_ascii_lowercase();
        let mut i = at;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() || b[i] != b'=' {
            attrs.push((name, String::new()));
            continue;
        }
        i += 1;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let (value, end) = match b.get(i) {
            Some(&q) if q == b'"' || q == b'\'' => {
                let close = html[i + 1..].find(char::from(q)).map_or(b.len(), |c| i + 1 + c);
                (&html[i + 1..close], (close + 1).min(b.len()))
            }
            _ => {
                let mut j = i;
                while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                    j += 1;
                }
                (&html[i..j], j)
            }
        };
        attrs.push((name, entities(value)));
        at = end;
    }
}

/// The value of attribute `name` (lower case).
fn attr(attrs: &[(String, String)], name: &str) -> Option<String> {
    attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone())
}

/// An attribute value with its character references decoded, by the decoder the search
/// index reads pages' text with.
fn entities(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    crate::render::search::decode_into(&mut out, value);
    out
}

/// A quoted-printable text (a page saved as `.mhtml`) decoded: soft line breaks joined, `=XX`
/// turned back into bytes.
fn quoted_printable(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'=' {
            if b[i + 1..].starts_with(b"\r\n") {
                i += 3;
                continue;
            }
            if b[i + 1..].starts_with(b"\n") {
                i += 2;
                continue;
            }
            let hex = text.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(byte) = hex {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trust::keys::SecretKey;

    /// A release's signed text, as `trust::canonical_text` makes it.
    const TEXT: &str = "Rapat & Evaluasi\n2023-05-15T09:00:00+08:00\nKanwil Bali\nDenpasar\n\n\
                        Denpasar (Humas Bali) – Rapat \"koordinasi\" </script> selesai.\n";

    /// What the release page of [`TEXT`] shows.
    fn shown() -> Shown {
        Shown {
            title: "Rapat & Evaluasi".to_string(),
            date: Some(shown::ShownDate {
                datetime: "2023-05-15T09:00:00+08:00".to_string(),
                text: "Senin, 15 Mei 2023 09.00 WITA".to_string(),
            }),
            body: "Denpasar (Humas Bali) – Rapat \"koordinasi\" </script> selesai.".to_string(),
        }
    }

    /// The release page of [`TEXT`], laid out as the default theme lays it out.
    fn page(meta: &str, script_open: &str) -> String {
        format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\n{meta}\n\
             <meta name=\"description\" content=\"x\"></head><body><article><header>\
             <h1>Rapat &amp; Evaluasi</h1><p class=\"meta\"><span><time \
             datetime=\"2023-05-15T09:00:00+08:00\">Senin, 15 Mei 2023 09.00 WITA</time></span>\
             </p></header>\n<div class=\"content\"><p>Denpasar (Humas Bali) – Rapat \
             &quot;koordinasi&quot; &lt;/script&gt; selesai.</p>\n<p class=\"initials\">(sn)</p>\
             </div></article>{script_open}{}</script></body></html>",
            serde_json::to_string(TEXT).unwrap().replace("</", "<\\/")
        )
    }

    fn query(text: Option<&str>, shown: Option<Shown>) -> Query {
        Query::Page { code: "KWB-7Q4M-2CXH".to_string(), text: text.map(str::to_string), shown }
    }

    fn entry(code: &str, text: &str) -> Entry {
        Entry {
            code: code.to_string(),
            url: "https://humas.example.go.id/2023/05/rapat/".to_string(),
            title: "Rapat".to_string(),
            date: "2023-05-15T09:00:00+08:00".to_string(),
            unit: "Kanwil Bali".to_string(),
            sha256: manifest::sha256_hex(text),
            withdrawn: None,
            corrected: Vec::new(),
            removed: false,
        }
    }

    #[test]
    fn a_page_gives_its_code_and_text() {
        let html = page(
            r#"<meta name="warta:code" content="KWB-7Q4M-2CXH">"#,
            r#"<script type="application/json" id="warta-teks">"#,
        );
        assert_eq!(page_query(&html), Some(query(Some(TEXT), Some(shown()))));
    }

    #[test]
    fn a_page_saved_again_by_a_browser_still_gives_them() {
        let want = query(Some(TEXT), Some(shown()));
        for (meta, script) in [
            (
                "<META content='kwb-7q4m-2cxh' NAME='warta:code' />",
                "<SCRIPT id='warta-teks' type='application/json'>",
            ),
            (
                "<meta content=KWB-7Q4M-2CXH name=warta:code>",
                "<script\n  id = \"warta-teks\"\n  type=\"application/json\"\n>",
            ),
            (
                "<meta name=\"warta&#58;code\" content=\"KWB&#x2D;7Q4M&#45;2CXH\">",
                "<script type=\"application/json\" id=\"warta-teks\" >",
            ),
        ] {
            assert_eq!(page_query(&page(meta, script)).as_ref(), Some(&want), "{meta} {script}");
        }
    }

    #[test]
    fn a_page_saved_as_mhtml_is_decoded() {
        let html = page(
            r#"<meta name="warta:code" content="KWB-7Q4M-2CXH">"#,
            r#"<script type="application/json" id="warta-teks">"#,
        );
        let chars: Vec<char> = html.chars().collect();
        let qp: Vec<String> = chars
            .chunks(60)
            .map(|c| c.iter().collect::<String>().replace('=', "=3D").replace('–', "=E2=80=93"))
            .collect();
        let qp = qp.join("=\r\n");
        let mhtml = format!(
            "MIME-Version: 1.0\r\nContent-Type: text/html\r\n\
             Content-Transfer-Encoding: quoted-printable\r\n\r\n{qp}"
        );
        assert_eq!(page_query(&mhtml), Some(query(Some(TEXT), Some(shown()))));
    }

    #[test]
    fn a_page_without_a_code_gives_none_and_without_text_gives_the_code() {
        assert_eq!(page_query("<html><meta name=\"warta:codes\" content=\"X\"></html>"), None);
        assert_eq!(page_query("<metadata name=\"warta:code\" content=\"KWB-7Q4M-2CXH\">"), None);
        assert_eq!(
            page_query("<meta name=\"warta:code\" content=\"KWB 7Q4M 2CXH\">"),
            Some(query(None, None))
        );
        // A text that is not a JSON string is kept raw, so that it never matches.
        let broken = "<meta name=\"warta:code\" content=\"KWB-7Q4M-2CXH\">\
                      <script id=\"warta-teks\">\"unclosed</script>";
        assert_eq!(page_query(broken), Some(query(Some("\"unclosed"), None)));
    }

    fn signed(entries: Vec<Entry>) -> (Vec<u8>, String, SecretKey) {
        let key = SecretKey::generate().unwrap();
        let m = Manifest {
            format: manifest::FORMAT,
            site: "https://humas.example.go.id/".to_string(),
            key: Some(key.public().to_string()),
            releases: entries,
        };
        let bytes = m.to_bytes();
        let sig = manifest::signature_text(&key.sign(&bytes));
        (bytes, sig, key)
    }

    #[test]
    fn check_gives_each_verdict() {
        let e = entry("KWB-7Q4M-2CXH", TEXT);
        let (bytes, sig, key) = signed(vec![e.clone(), entry("KWB-0000-0000", "lain")]);
        let pk = key.public();
        let code = |c: &str| Query::Code(c.to_string());
        let page = |t: &str| query(Some(t), Some(shown()));
        let ok = |q: &Query| check(&bytes, Some(&sig), Some(&pk), q).unwrap();

        assert_eq!(ok(&code("kwb 7q4m 2cxh")), Verdict::Official(e.clone()));
        assert_eq!(ok(&page(TEXT)), Verdict::Official(e.clone()));
        // A page that carries no signed text proves nothing but its code.
        assert_eq!(ok(&query(None, Some(shown()))), Verdict::NoText(e.clone()));
        assert_eq!(ok(&query(None, None)), Verdict::NoText(e.clone()));
        // The signed text as it was, and the page showing something else.
        let showing = |change: &dyn Fn(&mut Shown)| {
            let mut s = shown();
            change(&mut s);
            ok(&query(Some(TEXT), Some(s)))
        };
        let changed = |part| Verdict::ShownChanged(e.clone(), part);
        assert_eq!(
            showing(&|s| s.title = "Rapat & Evaluasi Palsu".into()),
            changed(Part::Headline)
        );
        assert_eq!(showing(&|s| s.body = s.body.replace("selesai", "batal")), changed(Part::Text));
        assert_eq!(
            showing(&|s| s.body.push_str(" Transfer ke rekening ini.")),
            changed(Part::Text)
        );
        assert_eq!(showing(&|s| s.date = None), changed(Part::Date));
        for text in ["Senin, 15 Mei 2024 09.00 WITA", "Senin, 16 Mei 2023", "Selasa, 15 Mei 2023"] {
            let date = |s: &mut Shown| s.date.as_mut().unwrap().text = text.to_string();
            assert_eq!(showing(&date), changed(Part::Date), "{text}");
        }
        let moved = |s: &mut Shown| s.date.as_mut().unwrap().datetime = "2023-05-16".to_string();
        assert_eq!(showing(&moved), changed(Part::Date));
        // Only white space differs, or the date is written otherwise: the same page.
        assert_eq!(
            showing(&|s| s.title = " Rapat  &\nEvaluasi ".into()),
            Verdict::Official(e.clone())
        );
        for text in ["Monday, 15 May 2023 09:00", "15/05/2023", "Jum'at? no: Senin 15 Mei 2023"] {
            let date = |s: &mut Shown| s.date.as_mut().unwrap().text = text.to_string();
            let want = if text.starts_with("Jum") {
                changed(Part::Date)
            } else {
                Verdict::Official(e.clone())
            };
            assert_eq!(showing(&date), want, "{text}");
        }
        assert_eq!(ok(&query(Some(TEXT), None)), changed(Part::Layout));
        assert_eq!(ok(&code("KWB-7Q4M-2CXX")), Verdict::NotFound);
        assert_eq!(ok(&code("bukan kode")), Verdict::NotFound);
        assert_eq!(ok(&page("Denpasar – diubah")), Verdict::TextChanged(e.clone()));

        let unsigned =
            |s: Option<&str>, k: Option<&PublicKey>, q: &Query| check(&bytes, s, k, q).unwrap();
        assert_eq!(unsigned(None, Some(&pk), &code(&e.code)), Verdict::Unsigned(Some(e.clone())));
        assert_eq!(unsigned(Some(&sig), None, &code("KWB-ZZZZ-ZZZZ")), Verdict::Unsigned(None));
        assert_eq!(unsigned(None, None, &page("x")), Verdict::TextChanged(e.clone()));
    }

    /// A release no longer on the site is listed with its code, title, date and address, not
    /// its text: its code and any copy of it are the office's release, gone, never "changed".
    #[test]
    fn a_removed_releases_code_and_copies_are_told_it_is_gone() {
        let gone = Entry {
            removed: true,
            sha256: String::new(),
            unit: String::new(),
            ..entry("KWB-G0NE-0001", TEXT)
        };
        let (bytes, sig, key) = signed(vec![entry("KWB-7Q4M-2CXH", TEXT), gone.clone()]);
        let pk = key.public();
        for q in [
            Query::Code("kwb gone 0001".to_string()),
            Query::Page {
                code: gone.code.clone(),
                text: Some(TEXT.to_string()),
                shown: Some(shown()),
            },
            Query::Page { code: gone.code.clone(), text: Some("diubah".to_string()), shown: None },
            Query::Page { code: gone.code.clone(), text: None, shown: None },
        ] {
            assert_eq!(
                check(&bytes, Some(&sig), Some(&pk), &q),
                Ok(Verdict::Removed(gone.clone()))
            );
            assert_eq!(
                check(&bytes, None, Some(&pk), &q),
                Ok(Verdict::Unsigned(Some(gone.clone())))
            );
        }
        let parsed = Manifest::parse(&bytes).unwrap();
        assert_eq!(parsed.find("KWB-G0NE-0001"), Some(&gone));
        assert!(String::from_utf8(bytes).unwrap().contains("\"removed\":true"));
    }

    #[test]
    fn check_refuses_a_changed_manifest_or_another_key() {
        let (bytes, sig, key) = signed(vec![entry("KWB-7Q4M-2CXH", TEXT)]);
        let q = Query::Code("KWB-7Q4M-2CXH".to_string());
        let changed = String::from_utf8(bytes.clone()).unwrap().replace("Rapat", "Rapar");
        let Verdict::BadSignature(why) =
            check(changed.as_bytes(), Some(&sig), Some(&key.public()), &q).unwrap()
        else {
            panic!("a changed manifest must not verify");
        };
        assert!(why.ends_with("the file was changed after it was signed"), "{why}");

        let other = SecretKey::generate().unwrap().public();
        let Verdict::BadSignature(why) = check(&bytes, Some(&sig), Some(&other), &q).unwrap()
        else {
            panic!("another key must not verify");
        };
        assert!(why.contains(&format!("with key {other}")), "{why}");
        assert!(why.contains(&format!("signed with another key, {}", key.public())), "{why}");

        let e = check(b"{}", None, None, &q).unwrap_err();
        assert!(e.contains("not a warta manifest"), "{e}");
    }
}
