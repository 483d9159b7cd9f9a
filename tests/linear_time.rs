//! Time, measured: hostile Markdown takes linear time. A binary of its own (cargo runs test
//! binaries one after another), so the other tests' threads do not skew the measurements.

use std::time::{Duration, Instant};
use warta::markdown::{render, Context, OwnDateline};

/// Markdown from a writer is hostile input: the stage's time must grow linearly with it, not
/// merely "finish". Each input is built at size n and 8n: linear work takes about 8× as long,
/// quadratic work 64×, so the bound is 24× (measured: 4–12× in a debug build, small sizes pay
/// more for allocation and caches). Small and large runs alternate, so both see the same load
/// from the other tests, and the fastest of each is compared (the minimum is what load on a
/// shared machine cannot inflate), with 5 ms of slack for the timer. The output must grow
/// linearly too. It is a test binary of its own so that no other test of warta runs beside it.
#[test]
fn hostile_input_takes_linear_time() {
    type Make = fn(usize) -> String;
    let inputs: [(&str, Make); 39] = [
        ("quotes", |n| ">".repeat(n)),
        ("brackets", |n| "[".repeat(n)),
        ("images", |n| "![".repeat(n)),
        ("open links", |n| "[a](".repeat(n)),
        ("emphasis", |n| "*".repeat(n) + "a"),
        ("nested lists", |n| "- ".repeat(n / 2) + "a"),
        ("backticks", |n| "`".repeat(n)),
        ("angle brackets", |n| "<".repeat(n)),
        ("headings", |n| "# a\n".repeat(n)),
        ("footnote definitions", |n| "[^a]: ".repeat(n / 2)),
        ("wide table", |n| "| a ".repeat(n / 2) + "\n" + &"|-".repeat(n / 2) + "\n"),
        ("highlighted braces", |n| format!("```yaml\n{}\n```", "{".repeat(n))),
        ("controls", |n| "\u{0}\u{FEFF}\r\r\n\t".repeat(n / 2)),
        ("relative links", |n| "[a](../".repeat(n / 4) + &")".repeat(n / 4)),
        // Addresses with spaces, which warta puts in brackets before reading the body.
        ("spaced addresses", |n| "![a](b c.jpg) ".repeat(n / 14)),
        ("open spaced addresses", |n| "](a (b".repeat(n / 6)),
        // Addresses in the text, made links; one with a long tail of brackets to trim.
        ("addresses", |n| "www.a.id ".repeat(n / 9)),
        ("address tail", |n| format!("https://a.id/{}", ")".repeat(n))),
        // Raw HTML the sanitiser removes, each named in a note.
        ("frames", |n| "x <iframe>".repeat(n / 10)),
        // Cells pasted from a spreadsheet: one table of many rows, and a line of many cells.
        ("table rows", |n| "1\tBudi\n".repeat(n / 7)),
        ("table cells", |n| format!("a\tb\n{}", "1\t".repeat(n / 2))),
        // Credits under the text: one paragraph of many lines, many paragraphs of one.
        ("credit lines", |n| "Foto: a\n".repeat(n / 8)),
        ("credit paragraphs", |n| "Foto: a\n\n".repeat(n / 9)),
        // Text typed indented, as one block and as many; a table's rows with empty first cells.
        ("indented lines", |n| "\ta\n".repeat(n / 3)),
        ("indented blocks", |n| "\ta\n\nb\n\n".repeat(n / 8)),
        ("rows after tabs", |n| "\ta\tb\n".repeat(n / 5)),
        // A list copied from Word; separators typed under the text, many and under a long one.
        ("word list", |n| "•\ta\n".repeat(n / 6)),
        ("separators", |n| "a.\n---\n".repeat(n / 7)),
        ("separator under lines", |n| "a.\n".repeat(n / 3) + "---\n"),
        // A post's closing hashtags, each line split off the text's last paragraph; and many
        // of one topic each.
        ("hashtag lines", |n| "b.\n\na.\n".to_string() + &"#a #b\n".repeat(n / 6)),
        // Prose hard-wrapped at a width, as copied from a PDF, in one paragraph.
        ("wrapped lines", |n| {
            "Rapat, yang dibuka pagi ini oleh kepala kantor wilayah\n".repeat(n / 56)
        }),
        // The same with a word cut at each line's end, as a justified PDF hyphenates.
        ("hyphenated lines", |n| {
            "Rapat, yang dibuka pagi ini oleh kepala kantor wila-\nyah".repeat(n / 56)
        }),
        // An e-mail's header lines, blank lines under a signature, and notes above a release.
        ("header lines", |n| "From: a\nTo: b\n".repeat(n / 16) + "Denpasar (a) – b."),
        ("blank lines under a signature", |n| "a.(sn)\n--\nb".to_string() + &"\n".repeat(n)),
        ("notes", |n| "Yth. a,\n".repeat(n / 8) + "Denpasar (a) – b."),
        ("hashtag topics", |n| {
            "a.\n\n".to_string() + &(0..n / 8).map(|k| format!("#t{k} ")).collect::<String>()
        }),
        // A PDF's page numbers and the header it repeats beside them, on every other line.
        ("page numbers", |n| "Halaman 1\nSiaran Pers\n".repeat(n / 22)),
        ("counted pages", |n| {
            (1..n / 60)
                .map(|k| format!("{k}\nRapat, yang dibuka pagi ini oleh kepala kantor\n"))
                .collect()
        }),
        ("dashed pages", |n| {
            "Rapat, yang dibuka pagi ini oleh kepala kantor\n- 2 -\n".repeat(n / 54)
        }),
    ];
    let own = OwnDateline { place: "Denpasar", short: "X", name: "", place_set: true };
    let cx = Context {
        dateline: Some(own),
        base_path: "/humas/",
        page_path: "/humas/2023/05/workshop/",
        signature: &[],
        writers: &[],
        first_line: 1,
        pictures: None,
        title: None,
        raw_html: false,
        hashtags: &[],
    };
    let timed = |input: &str| {
        let start = Instant::now();
        let out = render(input, &cx);
        (start.elapsed(), out.html.len())
    };
    let n = 4_000;
    for (name, make) in inputs {
        let (small, large) = (make(n), make(8 * n));
        timed(&small); // warm up: syntect's syntaxes load once
        let (mut t1, mut t8, mut out1, mut out8) = (Duration::MAX, Duration::MAX, 0, 0);
        for _ in 0..6 {
            let (t, out) = timed(&small);
            (t1, out1) = (t1.min(t), out);
            let (t, out) = timed(&large);
            (t8, out8) = (t8.min(t), out);
        }
        eprintln!("{name}: {t1:?} at n = {n}, {t8:?} at 8n");
        assert!(t8 <= t1 * 24 + Duration::from_millis(5), "{name}: {t1:?} at n, {t8:?} at 8n");
        assert!(out8 <= out1 * 16 + 1000, "{name}: {out1} bytes at n, {out8} at 8n");
        assert!(out8 < large.len() * 50 + 1000, "{name}: {out8} bytes from {}", large.len());
    }
}
