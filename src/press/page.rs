//! What a printed page adds to a release's text and a copy out of its PDF keeps: the page's
//! number ("Halaman 2 dari 3", "- 2 -", "2") and the lines its header or footer repeats on
//! every page ("Siaran Pers Kanwil Kemenag Bali"). Copied across a page's end they land
//! between two lines of the text, often in the middle of a sentence.

use std::collections::HashMap;

/// How sure a line is a page's number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Number {
    /// Said in words: "Halaman 2 dari 3", "Hal. 2", "Page 2 of 3", "2 dari 3".
    Worded(u32),
    /// A number alone: "2", "- 2 -", "2/3", "[2]". Text never has one on a line of its own
    /// between two lines of prose; a table or a list copied out of a PDF can.
    Bare(u32),
}

/// A line of prose reaches this many characters; a table's cells and a list's short items
/// seldom do.
const PROSE_CHARS: usize = 40;

/// A page holds more lines of text than this: numbers alone closer together are a list's or
/// a table's ("1" / "Pembukaan" / "2" / "Sambutan"), not pages'.
const PAGE_LINES: usize = 10;

/// A page's header or footer is a line or two, not a paragraph.
const FURNITURE_CHARS: usize = 80;

/// Which of `lines` a printed page put there rather than the writer: each page's number, and
/// the lines that repeat beside the numbers (a running header or footer). A number alone
/// ("2", "- 2 -") counts only when the numbers alone count up one page at a time, a page of
/// lines apart, and each has a line of prose near it, so a table's or a list's numbers stay. A line that repeats
/// counts only where it stands next to a page's number: a release may quote a line twice.
pub fn furniture(lines: &[&str]) -> Vec<bool> {
    let numbers: Vec<Option<Number>> = lines.iter().map(|l| page_number(l)).collect();
    let mut out: Vec<bool> = numbers.iter().map(|n| matches!(n, Some(Number::Worded(_)))).collect();
    let bare: Vec<(usize, u32)> = numbers
        .iter()
        .enumerate()
        .filter_map(|(k, n)| match n {
            Some(Number::Bare(n)) => Some((k, *n)),
            _ => None,
        })
        .collect();
    // The last page may be short: its number ends the text.
    let ends_text = |k: usize| lines[k + 1..].iter().all(|l| l.trim().is_empty());
    let counting = bare
        .windows(2)
        .all(|w| w[1].1 == w[0].1 + 1 && (w[1].0 - w[0].0 > PAGE_LINES || ends_text(w[1].0)));
    // Among the two lines of text either side (blank lines and other numbers aside).
    let text = |k: &usize| !lines[*k].trim().is_empty() && numbers[*k].is_none();
    let near_prose = |k: usize| {
        let before = (0..k).rev().filter(text).take(2);
        let after = (k + 1..lines.len()).filter(text).take(2);
        before.chain(after).any(|j| lines[j].trim().chars().count() >= PROSE_CHARS)
    };
    if counting && !bare.is_empty() && bare.iter().all(|&(k, _)| near_prose(k)) {
        for &(k, _) in &bare {
            out[k] = true;
        }
    }
    if !out.contains(&true) {
        return out;
    }
    // The lines a header or footer repeats, beside each page's number.
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for line in lines {
        let line = line.trim();
        if !line.is_empty() && line.chars().count() <= FURNITURE_CHARS {
            *seen.entry(line).or_default() += 1;
        }
    }
    let repeated = |k: usize| seen.get(lines[k].trim()).is_some_and(|&n| n >= 2);
    // From a number up or down to another page's lines or the text: each line is walked
    // over once.
    let walk = |out: &mut Vec<bool>, side: &mut dyn Iterator<Item = usize>| {
        for j in side.filter(|&j| !lines[j].trim().is_empty()) {
            if out[j] || !repeated(j) {
                break;
            }
            out[j] = true;
        }
    };
    let marks: Vec<usize> = (0..lines.len()).filter(|&k| out[k]).collect();
    for k in marks {
        walk(&mut out, &mut (0..k).rev());
        walk(&mut out, &mut (k + 1..lines.len()));
    }
    out
}

/// The page's number a line is and nothing more, if it is one.
fn page_number(line: &str) -> Option<Number> {
    let line = line.trim();
    if line.is_empty() || line.chars().count() > 30 {
        return None;
    }
    let lower = line.to_lowercase().replace('/', " / ");
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | ':' | '.' | ','))
        .filter(|w| !w.is_empty())
        .collect();
    let number = |w: &str| w.parse::<u32>().ok().filter(|&n| (1..=999).contains(&n));
    // "Halaman 2", "Hal. 2 dari 3", "Page 2 of 3", "2 dari 3", "2 | Halaman".
    const LABELS: [&str; 5] = ["halaman", "hal", "hlm", "page", "pg"];
    let of = |w: &[&str]| match w {
        [] => true,
        [of, total] => matches!(*of, "dari" | "of" | "/") && number(total).is_some(),
        _ => false,
    };
    match words.as_slice() {
        [label, n, rest @ ..] if LABELS.contains(label) && number(n).is_some() && of(rest) => {
            return number(n).map(Number::Worded);
        }
        [n, label] if LABELS.contains(label) => return number(n).map(Number::Worded),
        [n, of_, total] if matches!(*of_, "dari" | "of") && number(total).is_some() => {
            return number(n).map(Number::Worded);
        }
        _ => {}
    }
    // "2", "- 2 -", "– 2 –", "[2]", "(2)", "2/3".
    let bare = line.trim_matches(|c: char| matches!(c, '-' | '–' | '—' | ' ' | '[' | ']'));
    let bare = bare.strip_prefix('(').and_then(|b| b.strip_suffix(')')).unwrap_or(bare);
    let bare = match bare.split_once('/') {
        Some((n, total)) if number(total.trim()).is_some() => n.trim(),
        _ => bare,
    };
    number(bare).map(Number::Bare)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROSE: &str = "Bertempat di B Hotel and Spa Denpasar, melalui Sub.Bagian Umum";

    fn marked<'a>(lines: &[&'a str]) -> Vec<&'a str> {
        let flags = furniture(lines);
        lines.iter().zip(flags).filter(|(_, f)| *f).map(|(l, _)| *l).collect()
    }

    #[test]
    fn a_page_s_number_is_read_in_words_and_alone() {
        for (line, n) in [
            ("Halaman 2 dari 3", Number::Worded(2)),
            ("Hal. 2", Number::Worded(2)),
            ("hlm. 3/4", Number::Worded(3)),
            ("Page 2 of 3", Number::Worded(2)),
            ("2 dari 3", Number::Worded(2)),
            ("2 | Halaman", Number::Worded(2)),
            ("2", Number::Bare(2)),
            ("- 2 -", Number::Bare(2)),
            ("– 12 –", Number::Bare(12)),
            ("2/3", Number::Bare(2)),
            ("[2]", Number::Bare(2)),
        ] {
            assert_eq!(page_number(line), Some(n), "{line}");
        }
        for line in ["2023", "Halaman Depan", "2 orang", "1.", "0", "Pasal 2", "(sn)", ""] {
            assert_eq!(page_number(line), None, "{line}");
        }
    }

    #[test]
    fn page_numbers_and_the_header_beside_them_are_the_page_s() {
        let lines = [
            "Siaran Pers Kanwil Kemenag Bali",
            "Halaman 1 dari 2",
            "KEMENTERIAN AGAMA REPUBLIK INDONESIA",
            PROSE,
            "dan Humas digelar Workshop Manajemen Media Sosial dalam",
            "Siaran Pers Kanwil Kemenag Bali",
            "Halaman 2 dari 2",
            "Membangun Citra Instansi sebagai upaya pembinaan SDM.",
        ];
        assert_eq!(
            marked(&lines),
            [
                "Siaran Pers Kanwil Kemenag Bali",
                "Halaman 1 dari 2",
                "Siaran Pers Kanwil Kemenag Bali",
                "Halaman 2 dari 2"
            ]
        );
    }

    #[test]
    fn numbers_alone_count_when_they_count_pages_beside_prose() {
        let next = "dan Humas digelar Workshop Manajemen Media Sosial dalam";
        let page: Vec<String> = (0..PAGE_LINES)
            .map(|k| format!("baris {k} dari sebuah halaman teks siaran pers kanwil"))
            .collect();
        let page = page.iter().map(String::as_str);
        let lines: Vec<&str> = [PROSE, "1"]
            .into_iter()
            .chain(page.clone())
            .chain(["", "- 2 -", "Menghadirkan narasumber dari Tenaga Ahli"])
            .collect();
        assert_eq!(marked(&lines), ["1", "- 2 -"]);
        // The last page's, under a short last line.
        let lines: Vec<&str> =
            [PROSE, "- 1 -"].into_iter().chain(page).chain(["sosial.(sn)", "- 2 -"]).collect();
        assert_eq!(marked(&lines), ["- 1 -", "- 2 -"]);
        // A last page of a line.
        let mut short: Vec<&str> = lines[..lines.len() - 2].to_vec();
        short.extend(["- 2 -", "sosial.(sn)", "- 3 -", ""]);
        assert_eq!(marked(&short), ["- 1 -", "- 2 -", "- 3 -"]);
        // A programme's items copied out of a PDF, each number on its own line.
        let agenda = [
            "1",
            "Pembukaan oleh Kepala Kantor Wilayah Kementerian Agama",
            "2",
            "Sambutan Ketua Panitia tentang pelaksanaan workshop",
        ];
        assert!(marked(&agenda).is_empty());
        // A column of a table copied out of a PDF: no prose beside it.
        let table = ["No", "Nama", "1", "Budi", "2", "Ani"];
        assert!(marked(&table).is_empty());
        // Numbers that do not count pages.
        let lines = [PROSE, "3", next, "1", "Menghadirkan narasumber dari Tenaga Ahli"];
        assert!(marked(&lines).is_empty());
    }

    #[test]
    fn a_line_quoted_twice_stays_away_from_page_numbers() {
        let lines = ["“Kita bisa.”", PROSE, "“Kita bisa.”", PROSE];
        assert!(marked(&lines).is_empty());
        let other = "dan Humas digelar Workshop Manajemen Media Sosial dalam";
        let lines = ["“Kita bisa.”", PROSE, "Halaman 1 dari 2", other, "“Kita bisa.”"];
        assert_eq!(marked(&lines), ["Halaman 1 dari 2"]);
    }
}
