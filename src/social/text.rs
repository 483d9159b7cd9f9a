//! Tidying the words of a caption: whitespace collapsed, characters platforms refuse dropped,
//! no word that would fuse with the text around it, hashtags made from tags, sentence ends found
//! (Indonesian abbreviations are not ends). It alone knows what a "word" of a caption is; the
//! fitting in [`super::captions`] only counts and joins them.

use crate::channels::measure::{clusters, lone};
use unicode_segmentation::UnicodeSegmentation;

/// Indonesian abbreviations whose "." does not end a sentence ("Dr. H. Ahmad", "Jl. Udayana").
const ABBREVIATIONS: [&str; 14] =
    ["dr", "drs", "dra", "ir", "hj", "kh", "prof", "no", "jl", "rp", "tgl", "yth", "bpk", "sdr"];

/// `text` as words: whitespace collapsed, characters platforms refuse (controls, BOM, bidi
/// embeddings) dropped, and no word starting or ending with a grapheme that would fuse with the
/// template text around it (an orphan combining mark, a prepended sign).
pub(super) fn words(text: &str) -> Vec<String> {
    let text: String = text.chars().filter(|&c| !refused(c)).collect();
    let mut words = Vec::new();
    let mut start = None;
    for (i, g) in clusters(&text).into_iter().chain([(text.len(), " ")]) {
        match (g.chars().all(char::is_whitespace), start) {
            (true, Some(s)) => {
                let word = tidy(&text[s..i]);
                if !word.is_empty() {
                    words.push(word.to_owned());
                }
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    words
}

/// Characters twitter-text calls invalid (X refuses the post), and other controls.
fn refused(c: char) -> bool {
    (c.is_control() && !c.is_whitespace()) || crate::encoding::is_hidden_format(c)
}

/// `s` without leading graphemes that would fuse with a character before them, or trailing ones
/// that would fuse with one after. A space stands for all template text: none of it is a mark, a
/// joiner, an emoji, a regional indicator or a Hangul jamo, so nothing fuses with it where it does
/// not with a space (and nothing fuses with a line break).
fn tidy(mut s: &str) -> &str {
    let ends_lone =
        |s: &str| s.chars().next().is_none_or(lone) && s.chars().next_back().is_none_or(lone);
    if ends_lone(s) {
        return s; // nothing at either end can fuse with a space
    }
    while let Some(g) = s.graphemes(true).next().filter(|g| fuses(" ", g)) {
        s = &s[g.len()..];
    }
    while let Some(g) = s.graphemes(true).next_back().filter(|g| fuses(g, " ")) {
        s = &s[..s.len() - g.len()];
    }
    s
}

fn fuses(a: &str, b: &str) -> bool {
    match (a.chars().next_back(), b.chars().next()) {
        (Some(x), Some(y)) if lone(x) && lone(y) => return false,
        (None, _) | (_, None) => return false,
        _ => {}
    }
    let together = format!("{a}{b}").graphemes(true).count();
    together < a.graphemes(true).count() + b.graphemes(true).count()
}

/// Takes the `#` off hashtags in `words` past the first `allowed`; returns how many it kept.
pub(super) fn demote_hashtags(words: &mut [String], allowed: usize) -> usize {
    let mut kept = 0;
    for word in words.iter_mut() {
        let graphemes: Vec<&str> = clusters(word).into_iter().map(|(_, g)| g).collect();
        let mut out = String::with_capacity(word.len());
        for (i, g) in graphemes.iter().enumerate() {
            let next = graphemes.get(i + 1).copied().unwrap_or_default();
            if *g == "#" && next.starts_with(|c: char| c.is_alphanumeric() || c == '_') {
                if kept == allowed {
                    // Keep the neighbours apart where they would fuse, or where a '#' before
                    // would make the rest a hashtag again ("##tag").
                    if i > 0 && (fuses(graphemes[i - 1], next) || graphemes[i - 1] == "#") {
                        out.push(' ');
                    }
                    continue;
                }
                kept += 1;
            }
            out.push_str(g);
        }
        *word = out;
    }
    kept
}

/// Signs that carry meaning in a tag, which a hashtag cannot keep.
const MEANINGFUL: [char; 16] =
    ['#', '+', '@', '&', '%', '$', '=', '*', '<', '>', '|', '~', '^', '€', '£', '°'];

/// Word counts after which a sentence ends (". ", "! ", "? "), not counting the last word.
pub(super) fn sentence_ends(words: &[String]) -> Vec<usize> {
    (1..words.len()).filter(|&n| ends_sentence(&words[n - 1])).collect()
}

fn ends_sentence(word: &str) -> bool {
    let word = word.trim_end_matches(['"', '\'', ')', '”', '’', '»']);
    if word.ends_with(['!', '?']) {
        return true;
    }
    let Some(stem) = word.strip_suffix('.') else {
        return false;
    };
    let stem = stem.trim_start_matches(|c: char| !c.is_alphanumeric());
    // "H." and "S.Ag." are a name's initial and a degree, not a sentence's end.
    stem.chars().count() > 1
        && !stem.contains('.')
        && !ABBREVIATIONS.contains(&stem.to_lowercase().as_str())
}

/// "moderasi beragama" -> "#ModerasiBeragama"; "hari amal bakti ke-77" -> "#HariAmalBaktiKe77";
/// "KUA" -> "#KUA".
///
/// Letters, digits and `_` are kept as they are written, in any script, each word's first letter
/// made upper case (so a hashtag of several words reads, and is read aloud, as words); a
/// combining mark is kept after a kept character (Balinese and Arabic vowel signs). Spaces,
/// dashes, other punctuation and emoji only separate words; an apostrophe inside a word is left
/// out ("Al-Qur'an" -> "#AlQuran"). `None` when no letter is left
/// (empty, only digits or `_`: platforms do not link such tags), and for a tag with a sign that
/// is part of what it says ([`MEANINGFUL`]: "C#", "C++", "R&D", "@kemenag"), which as a hashtag
/// would say something else.
pub fn hashtag(tag: &str) -> Option<String> {
    const APOSTROPHES: [char; 4] = ['\'', '’', 'ʼ', '`'];
    if tag.contains(MEANINGFUL) {
        return None;
    }
    let mut body = String::new();
    let (mut new_word, mut after_kept) = (true, false);
    for c in tag.chars().filter(|&c| !refused(c)) {
        if c.is_alphanumeric() || c == '_' {
            if new_word {
                body.extend(c.to_uppercase());
            } else {
                body.push(c);
            }
            (new_word, after_kept) = (false, true);
        } else if after_kept && fuses("a", &c.to_string()) {
            body.push(c);
        } else if after_kept && APOSTROPHES.contains(&c) {
            // Inside a word: "Al-Qur'an" is #AlQuran, "Jum'at" #Jumat, not #AlQurAn.
        } else {
            (new_word, after_kept) = (true, false);
        }
    }
    let body = tidy(&body);
    body.chars().any(char::is_alphabetic).then(|| format!("#{body}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn hashtags() {
        for (tag, want) in [
            ("moderasi beragama", Some("#ModerasiBeragama")),
            ("hari amal bakti ke-77", Some("#HariAmalBaktiKe77")),
            ("  COVID-19 ", Some("#COVID19")),
            ("haji_2024", Some("#Haji_2024")),
            ("café crème", Some("#CaféCrème")),
            ("مرحبا بكم", Some("#مرحبابكم")),
            ("ᬩᬮᬶ ᬤ᭄ᬯᬶᬧ", Some("#ᬩᬮᬶᬤ᭄ᬯᬶᬧ")), // vowel signs and the virama kept
            ("ᬶᬩ", Some("#ᬩ")),            // no orphan vowel sign after '#'
            ("KUA", Some("#KUA")),
            // An apostrophe inside a word is no word's end: #AlQurAn until stop 46.
            ("Al-Qur'an", Some("#AlQuran")),
            ("Jum’at Berkah", Some("#JumatBerkah")),
            ("'haji'", Some("#Haji")),
            ("PTSP", Some("#PTSP")),
            ("kua", Some("#Kua")),
            ("MAN 1 Denpasar", Some("#MAN1Denpasar")),
            ("C#", None),
            ("C++", None),
            ("R&D", None),
            ("@kemenagbali", None),
            ("diskon 50%", None),
            ("2024", None),
            ("1 000-000", None),
            ("", None),
            (" - 🎉 ", None),
        ] {
            assert_eq!(hashtag(tag).as_deref(), want, "{tag}");
        }
    }

    proptest! {
        #[test]
        fn hashtags_are_single_tokens(tag in "\\PC{0,40}") {
            if let Some(h) = hashtag(&tag) {
                prop_assert!(h.graphemes(true).next() == Some("#") && h.chars().any(char::is_alphabetic));
                prop_assert!(!h.chars().any(char::is_whitespace));
            }
        }

    }
}
