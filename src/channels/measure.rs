//! How each channel counts the length of a post: X's weighted characters with links at a fixed
//! cost, Bluesky's graphemes, Meta's and Telegram's code units. Kept apart from the caption
//! writer ([`crate::social::captions`]) because each rule follows a platform's own, documented
//! counting.

use super::Channel;
use unicode_segmentation::UnicodeSegmentation;

/// What a URL costs on X and Mastodon, however long it is.
const URL_WEIGHT: usize = 23;
/// Generic top-level domains X surely links (it knows some 1,250; the rest count as maybe-links).
const KNOWN_TLDS: [&str; 22] = [
    "com", "net", "org", "info", "biz", "gov", "edu", "int", "mil", "app", "dev", "asia", "news",
    "online", "site", "xyz", "tech", "store", "travel", "museum", "blog", "media",
];
/// The country-code top-level domains X links, two letters each (twitter-text 3.1's list).
const CC_TLDS: &str = concat!(
    "acadaeafagaialamanaoaqarasatauawaxazbabbbdbebfbgbhbibjblbmbnbobqbrbsbtbvbwbybzcacccdcfcgchcick",
    "clcmcncocrcucvcwcxcyczdedjdkdmdodzeceeegehereseteufifjfkfmfofrgagbgdgegfggghgiglgmgngpgqgrgsgtgu",
    "gwgyhkhmhnhrhthuidieiliminioiqirisitjejmjojpkekgkhkikmknkpkrkwkykzlalblclilklrlsltlulvlymamcmdme",
    "mfmgmhmkmlmmmnmompmqmrmsmtmumvmwmxmymznancnenfngninlnonpnrnunzompapepfpgphpkplpmpnprpsptpwpyqare",
    "rorsrurwsasbscsdsesgshsisjskslsmsnsosrssstsusvsxsysztctdtftgthtjtktltmtntotptrtttvtwtzuaugukumus",
    "uyuzvavcvevgvivnvuwfwsyeytzazmzw",
);

/// Length as the channel counts it; where a platform is vague, the count errs long:
/// - X: [`x_weighted_len`].
/// - Bluesky: extended grapheme clusters, as its app and lexicon (`maxGraphemes`) count; the
///   lexicon's 3,000-byte cap is checked by [`super::fits`] as well.
/// - Mastodon: extended grapheme clusters (its `StatusLengthValidator` counts
///   `each_grapheme_cluster` since 4.x), each `http(s)://` URL as 23, found as its validator
///   finds them (twitter-text's rules, a scheme required). A mention `@user@instance` counts
///   whole here, where Mastodon counts `@user`: it errs long.
/// - Threads: scalar values, but Meta's API counts an emoji by its UTF-8 bytes, so a grapheme
///   holding an emoji-like or astral character counts its bytes (😀 is 4).
/// - Telegram: reports differ between scalar values and UTF-16 code units: UTF-16 code units,
///   never fewer than either.
/// - Instagram: UTF-16 code units, as Meta's and Buffer's checkers count; never fewer than scalars.
/// - Facebook, WhatsApp: scalar values (no limit is enforced).
pub fn measure(channel: Channel, text: &str) -> usize {
    match channel {
        Channel::X => x_weighted_len(text),
        Channel::Bluesky if all_lone(text) => text.chars().count(),
        Channel::Bluesky => text.graphemes(true).count(),
        Channel::Threads if all_lone(text) => {
            text.chars().map(|c| threads_len(c.encode_utf8(&mut [0; 4]))).sum()
        }
        Channel::Mastodon => with_urls(text, false, |s| {
            if all_lone(s) {
                s.chars().count()
            } else {
                s.graphemes(true).count()
            }
        }),
        Channel::Threads => text.graphemes(true).map(threads_len).sum(),
        Channel::Telegram | Channel::Instagram => text.encode_utf16().count(),
        Channel::Facebook | Channel::Whatsapp => text.chars().count(),
    }
}

/// twitter-text v3 weighted length: each URL counts 23; code points in U+0000–U+10FF,
/// U+2000–U+200D, U+2010–U+201F, U+2032–U+2037 count 1, others 2; a grapheme cluster made only of
/// an emoji sequence (ZWJ sequences, flags, skin tones, keycaps) counts 2 in total.
///
/// URLs are found as twitter-text 3.1 finds them, domains without a scheme included
/// (`kemenag.go.id`, `bali.id/berita`, even `S.Ag`: .ag is Antigua), never reaching further than
/// X's would. Where X's verdict hangs on its list of 1,250 generic top-level domains, not copied
/// here (`ini.Kemudian`), the candidate counts the most it could: 23 or its own weight. Checked
/// against twitter-text's published conformance cases for weighted length
/// (`tests/fixtures/twitter-text/weighted-length.yaml`, run by `twitter_text_conformance_cases`):
/// equal on every case of X's v3 counting except hosts twitter-text judges by their punycode
/// length or non-ASCII top-level domain, where this counts more (listed in that test, with
/// the reason). Text is NFC-normalised first, as X does. One known gap: an emoji ZWJ sequence
/// newer than twitter-text 3.1's table (🧑‍🤝‍🧑) counts 2 here but 8 there, if X still uses
/// that table.
pub fn x_weighted_len(text: &str) -> usize {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    if is_nfc_quick(text.chars()) != IsNormalized::Yes {
        let nfc: String = text.nfc().collect();
        if nfc != text {
            return x_weighted_len(&nfc);
        }
    }
    let weight = |g: &str| {
        if g.len() == 1 {
            1 // ASCII: never an emoji alone, always weight 1
        } else if is_emoji(g) {
            2
        } else {
            g.chars().map(x_char_weight).sum()
        }
    };
    with_urls(text, true, |s| {
        if all_lone(s) {
            s.chars().map(|c| weight(c.encode_utf8(&mut [0; 4]))).sum()
        } else {
            s.graphemes(true).map(weight).sum()
        }
    })
}

/// Whether `c` always stands as a grapheme cluster of its own, whatever is around it: no
/// combining mark, joiner, emoji, regional indicator or prepended character is below U+0300 or
/// in these punctuation blocks, and CR (which joins a following LF) is left out. Most
/// Indonesian text is made of these alone, and segmenting it is the costliest part of fitting
/// a caption; for such text a char is a grapheme.
pub(crate) fn lone(c: char) -> bool {
    (c < '\u{300}' && c != '\r')
        || ('\u{2010}'..='\u{2027}').contains(&c)
        || ('\u{2030}'..='\u{205E}').contains(&c)
}

pub(crate) fn all_lone(s: &str) -> bool {
    s.chars().all(lone)
}

/// The grapheme clusters of `text` with their byte offsets, without segmenting text made of
/// lone characters only.
pub(crate) fn clusters(text: &str) -> Vec<(usize, &str)> {
    if all_lone(text) {
        text.char_indices().map(|(i, c)| (i, &text[i..i + c.len_utf8()])).collect()
    } else {
        text.grapheme_indices(true).collect()
    }
}

fn x_char_weight(c: char) -> usize {
    match c as u32 {
        0..=0x10FF | 0x2000..=0x200D | 0x2010..=0x201F | 0x2032..=0x2037 => 1,
        _ => 2,
    }
}

/// A grapheme made only of an emoji sequence, which X counts as 2 whatever its length.
fn is_emoji(g: &str) -> bool {
    if let Some(rest) = g.strip_prefix(|c: char| c == '#' || c == '*' || c.is_ascii_digit()) {
        return rest == "\u{20E3}" || rest == "\u{FE0F}\u{20E3}";
    }
    let mut picture = false;
    for c in g.chars() {
        match c {
            '\u{1F3FB}'..='\u{1F3FF}' | '\u{200D}' | '\u{FE0F}' | '\u{E0020}'..='\u{E007F}' => {}
            '\u{1F000}'..='\u{1FAFF}' => picture = true,
            c if bmp_emoji(c) => picture = true,
            _ => return false,
        }
    }
    picture
}

/// The emoji below U+FFFF that twitter-text recognises (© ® ™ are not among them).
#[rustfmt::skip]
fn bmp_emoji(c: char) -> bool {
    matches!(c as u32, 0x203C | 0x2049 | 0x2139 | 0x2194..=0x2199 | 0x21A9..=0x21AA
        | 0x231A..=0x231B | 0x2328 | 0x23CF | 0x23E9..=0x23F3 | 0x23F8..=0x23FA | 0x24C2
        | 0x25AA..=0x25AB | 0x25B6 | 0x25C0 | 0x25FB..=0x25FE | 0x2600..=0x2604 | 0x260E | 0x2611
        | 0x2614..=0x2615 | 0x2618 | 0x261D | 0x2620 | 0x2622..=0x2623 | 0x2626 | 0x262A
        | 0x262E..=0x262F | 0x2638..=0x263A | 0x2640 | 0x2642 | 0x2648..=0x2653 | 0x2660 | 0x2663
        | 0x2665..=0x2666 | 0x2668 | 0x267B | 0x267F | 0x2692..=0x2697 | 0x2699 | 0x269B..=0x269C
        | 0x26A0..=0x26A1 | 0x26AA..=0x26AB | 0x26B0..=0x26B1 | 0x26BD..=0x26BE | 0x26C4..=0x26C5
        | 0x26C8 | 0x26CE..=0x26CF | 0x26D1 | 0x26D3..=0x26D4 | 0x26E9..=0x26EA | 0x26F0..=0x26F5
        | 0x26F7..=0x26FA | 0x26FD | 0x2702 | 0x2705 | 0x2708..=0x270D | 0x270F | 0x2712 | 0x2714
        | 0x2716 | 0x271D | 0x2721 | 0x2728 | 0x2733..=0x2734 | 0x2744 | 0x2747 | 0x274C | 0x274E
        | 0x2753..=0x2755 | 0x2757 | 0x2763..=0x2764 | 0x2795..=0x2797 | 0x27A1 | 0x27B0 | 0x27BF
        | 0x2934..=0x2935 | 0x2B05..=0x2B07 | 0x2B1B..=0x2B1C | 0x2B50 | 0x2B55 | 0x3030 | 0x303D
        | 0x3297 | 0x3299)
}

/// A grapheme's length on Threads: its UTF-8 bytes if it may be an emoji, else its characters.
fn threads_len(g: &str) -> usize {
    if g.len() == 1 {
        return 1; // ASCII
    }
    let emoji_like = |c: char| {
        c >= '\u{10000}'
            || ('\u{2190}'..='\u{2BFF}').contains(&c)
            || "©®\u{200D}‼⁉\u{20E3}™ℹ〰〽㊗㊙\u{FE0F}".contains(c)
    };
    if g.chars().any(emoji_like) {
        g.len()
    } else {
        g.chars().count()
    }
}

/// `plain`'s count of `text`, with each URL counted 23 instead (`bare`: domains without a scheme
/// too, as X does). A URL that may or may not be linked, or linked only in part, counts the most
/// it could.
fn with_urls(text: &str, bare: bool, plain: impl Fn(&str) -> usize) -> usize {
    let (mut total, mut at, mut prev) = (0, 0, [None, None]);
    for (i, c) in text.char_indices() {
        if i >= at && c.is_ascii_alphanumeric() {
            if let Some((end, maybe)) = url_at(text, i, prev, bare) {
                total += plain(&text[at..i]);
                total += match maybe {
                    None => URL_WEIGHT,
                    Some(k) => plain(&text[i..end]).max(URL_WEIGHT + plain(&text[k..end])),
                };
                at = end;
            }
        }
        prev = [Some(c), prev[0]];
    }
    total + plain(&text[at..])
}

/// A URL that X (`bare`) or Mastodon may link at byte `start` of `text`: its end, and `None` if
/// surely linked whole, or `Some(k)` if it may be linked only up to `k` (or not at all). Follows
/// twitter-text 3.1 but never takes in more than it would: ASCII domain labels, path and query
/// characters both allow, ending on a character both end on. `prev`: the two characters before.
fn url_at(
    text: &str,
    start: usize,
    prev: [Option<char>; 2],
    bare: bool,
) -> Option<(usize, Option<usize>)> {
    // Inside a word, or after a mention's or hashtag's sign, no URL starts: most calls, so
    // this comes before looking for a scheme.
    if prev[0].is_some_and(|p| p.is_ascii_alphanumeric() || "@$#＠＃".contains(p)) {
        return None;
    }
    let scheme = ["https://", "http://"]
        .into_iter()
        .find(|s| text[start..].get(..s.len()).is_some_and(|p| p.eq_ignore_ascii_case(s)))
        .map_or(0, str::len);
    if scheme == 0 && !bare {
        return None;
    }
    if let Some(p) = prev[0] {
        // A bare domain may follow `-`, `_` or `.` only inside a non-ASCII domain ("漢字.bali.id").
        let inside = prev[1].is_some_and(|q| !q.is_ascii() && !q.is_whitespace());
        let bare_blocked = p == '/' || "-_.".contains(p) && !inside;
        if scheme == 0 && bare_blocked {
            return None;
        }
    }
    let b = text.as_bytes();
    if scheme == 0 {
        // Most words are no domain: without a '.' right after the first label there is none.
        let len = b[start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || b"-_".contains(c))
            .count();
        if b.get(start + len) != Some(&b'.') {
            return None;
        }
    }
    let mut labels: Vec<(&str, usize)> = Vec::new(); // each with the byte where it ends
    let mut at = start + scheme;
    loop {
        let len =
            b[at..].iter().take_while(|c| c.is_ascii_alphanumeric() || b"-_".contains(c)).count();
        let label = &text[at..at + len];
        if !(1..=63).contains(&len) || label.starts_with('-') || label.ends_with('-') {
            break;
        }
        labels.push((label, at + len));
        at += len + 1;
        if b.get(at - 1) != Some(&b'.') {
            break;
        }
    }
    // 0: not a top-level domain; 1: perhaps one (X knows some 1,250); 2: surely one.
    let tld = |label: &str| {
        let label = label.to_ascii_lowercase();
        match label.len() {
            2 => 2 * u8::from(CC_TLDS.as_bytes().chunks(2).any(|cc| cc == label.as_bytes())),
            _ if label.starts_with("xn--") => 1,
            3.. if label.bytes().all(|c| c.is_ascii_alphabetic()) => {
                1 + u8::from(KNOWN_TLDS.contains(&label.as_str()))
            }
            _ => 0,
        }
    };
    let host_end = labels.last().map_or(start + scheme, |l| l.1);
    let non_ascii = |i: usize| b.get(i).is_some_and(|c| !c.is_ascii());
    let dot = |i: usize| b.get(i) == Some(&b'.');
    let first = labels.iter().skip(1).find(|l| tld(l.0) > 0).map(|l| l.1);
    // twitter-text takes the longest domain ending on a top-level domain that `@`, `+` don't follow.
    let last =
        labels.last().filter(|_| labels.len() > 1 && !matches!(b.get(host_end), Some(b'@' | b'+')));
    match (last.map_or(0, |l| tld(l.0)), first) {
        (2, _) => {
            let end = url_tail(b, host_end, scheme == 0);
            Some((end, (end - start + 8 > 4096).then_some(start)))
        }
        (1, Some(first)) => Some((url_tail(b, host_end, scheme == 0), Some(first))),
        (_, Some(first)) => Some((host_end, Some(first))),
        // "https://bücher.de" may well be a link: the domain is just not ASCII.
        // So may "http://foobar.پاکستان/": the top-level domain is not ASCII.
        (_, None)
            if scheme > 0 && (non_ascii(host_end) || dot(host_end) && non_ascii(host_end + 1)) =>
        {
            Some((host_end, Some(host_end)))
        }
        (_, None) => None,
    }
}

/// The end of a URL's port, path and query, from the end of its domain. X takes a port or a query
/// after a bare domain only with a path.
fn url_tail(b: &[u8], host_end: usize, bare: bool) -> usize {
    let url_char = |c: u8| c.is_ascii_alphanumeric() || b"!*';:=+,.$/%#[]-_~|&@?".contains(&c);
    // Path and query end on a character twitter-text and Mastodon both end them on.
    let last_end = |from: usize, to: usize, also: u8| {
        (from..to).rev().find(|&k| {
            b[k].is_ascii_alphanumeric() || [b'-', b'_', b'#', b'/', also].contains(&b[k])
        })
    };
    let mut end = host_end;
    if b.get(end) == Some(&b':') {
        let digits = b[end + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0 {
            end += 1 + digits;
        }
    }
    if b.get(end) == Some(&b'/') {
        let run = end + b[end..].iter().take_while(|&&c| url_char(c) && c != b'?').count();
        let good = last_end(end, run, b'/').map_or(end, |k| k + 1);
        if good < run || b.get(run) != Some(&b'?') {
            return good;
        }
        end = run;
    } else if bare {
        return host_end;
    }
    if b.get(end) == Some(&b'?') {
        let run = end + 1 + b[end + 1..].iter().take_while(|&&c| url_char(c)).count();
        if let Some(k) = last_end(end + 1, run, b'=') {
            return k + 1;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of twitter-text's conformance cases (tests/fixtures/twitter-text/weighted-length.yaml).
    #[derive(Debug, serde::Deserialize)]
    struct Case {
        description: String,
        text: String,
        #[serde(rename = "weightedLength")]
        weighted_length: usize,
    }

    /// The section of twitter-text's v2 counting, which X replaced with v3 (emoji discount) in
    /// 2019; the two other sections are v3.
    const V2: &str = "WeightedTweetsCounterTest";
    const IDN_TOO_LONG: &str = "Do not allow > 140 CJK characters by virtue of CJK chars greater than 63 punycode encoded chars in the host";
    const IDN_SHORT: &str = "Allow > 140 CJK characters by virtue of CJK chars less than 63 punycode encoded chars in the host";
    const IDN_TLD: &str = "Tweet text containing directional characters should be considered valid";

    /// Cases where warta's count differs from twitter-text's, each with the reason. A case
    /// listed here must still differ (so the list cannot go stale), and in X's v3 counting only
    /// upwards: a caption counted long is cut early, one counted short would be refused by X.
    const DIFFERS: &[(&str, &str, &str)] = &[
        (V2, "Count a mix of single byte single word, and double word unicode characters",
            "v2 counts each code point of an emoji sequence; X counts with v3, where it agrees"),
        (V2, "Count unicode emoji chars outside the basic multilingual plane with skin tone modifiers",
            "v2 counts each code point of an emoji sequence; X counts with v3, where it agrees"),
        (V2, IDN_TOO_LONG, "as in v3, below"),
        (V2, IDN_SHORT, "as in v3, below"),
        ("WeightedTweetsWithDiscountedEmojiCounterTest", IDN_TOO_LONG,
            "hosts are read as ASCII labels: the 53-character Japanese host is not measured in \
             punycode, and its text is counted as it is, 16 more"),
        ("WeightedTweetsWithDiscountedEmojiCounterTest", IDN_SHORT,
            "a non-ASCII host is not recognised as a link, so it counts its own weight (131), \
             not 23: long, never short"),
        ("UnicodeDirectionalMarkerCounterTest", IDN_TLD,
            "the top-level domain پاکستان is not ASCII: the link may end at 'foobar', so it \
             counts 23 and the rest again, 9 more"),
    ];

    #[test]
    fn twitter_text_conformance_cases() {
        let data = include_str!("../../tests/fixtures/twitter-text/weighted-length.yaml");
        let sections: std::collections::BTreeMap<String, Vec<Case>> =
            crate::yaml::parse(data).expect("the conformance data parses");
        let mut report = Vec::new();
        let mut ran = 0;
        for (section, cases) in &sections {
            for case in cases {
                ran += 1;
                let ours = x_weighted_len(&case.text);
                let known = DIFFERS.iter().find(|(s, d, _)| s == section && *d == case.description);
                match known {
                    None if ours != case.weighted_length => report.push(format!(
                        "{section}: {:?}: twitter-text {}, warta {ours}",
                        case.description, case.weighted_length
                    )),
                    Some(_) if ours == case.weighted_length => report
                        .push(format!("{:?} now agrees: take it off DIFFERS", case.description)),
                    Some(_) if ours < case.weighted_length && section != V2 => {
                        report.push(format!(
                            "{:?}: counted short ({ours} < {})",
                            case.description, case.weighted_length
                        ))
                    }
                    _ => {}
                }
            }
        }
        assert_eq!(ran, 44, "every case of the three sections ran");
        assert!(report.is_empty(), "{}", report.join("\n"));
    }

    const LINK: &str = "https://kemenag.go.id/humas/2023/05/x/?utm_source=x";

    #[test]
    fn lone_chars_never_join_a_neighbour() {
        let lone_chars: Vec<char> = ('\0'..='\u{2060}').filter(|&c| lone(c)).collect();
        for &a in &lone_chars {
            for &b in &lone_chars {
                let pair: String = [a, b].iter().collect();
                assert_eq!(pair.graphemes(true).count(), 2, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn fast_and_full_measures_agree() {
        for text in ["Denpasar (Humas Bali) – “kutip” … ‼ © 5 #x", "a\r\nb", "é\u{301}x", "🇮🇩 ok"]
        {
            assert_eq!(measure(Channel::Bluesky, text), text.graphemes(true).count(), "{text:?}");
        }
        assert_eq!(x_weighted_len("‼ ©"), 2 + 1 + 1);
    }

    #[test]
    fn x_weights() {
        for (text, want) in [
            ("Kanwil Kemenag Bali", 19),
            (LINK, 23),
            ("lihat https://example.go.id/humas/2023/05/x/.", 6 + 23 + 1),
            ("di kemenag.go.id/berita hari ini", 3 + 23 + 9), // X links bare domains too
            ("S.Ag. dan bali.id", 23 + 6 + 23),               // links on X (.ag is Antigua)
            ("S.Pd. dan bali.id:8080", 10 + 23 + 5),          // .pd is nothing; a port needs a path
            ("http://localhost/x", 18),                       // no top-level domain: not a link
            ("😀", 2),
            ("👨‍👩‍👧‍👦", 2),
            ("🇮🇩", 2),
            ("👍🏽", 2),
            ("1️⃣", 2),
            ("❤️", 2),
            ("©", 1),
            ("👍\u{301}", 3), // not an emoji sequence alone: weighed by code point
            ("漢字", 4),
            ("مرحبا", 5),
            ("ᬩᬮᬶ", 6),
            ("“kata” – …", 1 + 4 + 1 + 1 + 1 + 1 + 2),
        ] {
            assert_eq!(x_weighted_len(text), want, "{text}");
        }
    }

    #[test]
    fn other_measures() {
        for (ch, text, want) in [
            (Channel::Mastodon, format!("baca {LINK} ya"), 5 + 23 + 3),
            (Channel::Mastodon, "kemenag.go.id".into(), 13), // Mastodon needs a scheme
            // Graphemes, as Mastodon 4 counts: a family emoji and e + accent are one each.
            (Channel::Mastodon, format!("👨‍👩‍👧‍👦 e\u{301} {LINK}"), 1 + 1 + 1 + 1 + 23),
            (Channel::Mastodon, "ᬩᬮᬶ".into(), 2),
            (Channel::Bluesky, "👨‍👩‍👧‍👦 e\u{301}".into(), 3),
            (Channel::Threads, "ab😀".into(), 2 + 4),
            (Channel::Threads, "ᬩᬮᬶ".into(), 3),
            (Channel::Telegram, "ab😀".into(), 4),
            (Channel::Instagram, "漢".into(), 1),
            (Channel::Facebook, "ab😀".into(), 3),
        ] {
            assert_eq!(measure(ch, &text), want, "{ch:?} {text}");
        }
    }
}
