//! Slugs: the only text from a user that becomes part of an output path. A slug is lowercase
//! ASCII letters, digits and single dashes, so it can never climb out of the output folder.

/// `Hari Amal Bakti ke-77` → `hari-amal-bakti-ke-77`; `Café Ñ` → `cafe-n`; `HUT RI ke-78 🇮🇩`
/// → `hut-ri-ke-78`. Empty when the text has no letter or digit.
pub fn slugify(text: &str) -> String {
    let words: String = text.chars().filter(|&c| !is_pictograph(c)).collect();
    let ascii = deunicode::deunicode(&words);
    let mut out = String::with_capacity(ascii.len());
    let mut dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

/// Whether `c` is an emoji or a sign (™, ©) rather than a letter: deunicode spells these in
/// English words, and until stop 61 `Selamat Idul Fitri 🙏` became `selamat-idul-fitri-pray`,
/// `HUT RI ke-78 🇮🇩` (the flag's two letters) `hut-ri-ke-78-id`, and `Merdeka ❤️` `merdeka-heart`.
/// Letters of any script, and digits in circles (①), are kept.
pub(crate) fn is_pictograph(c: char) -> bool {
    matches!(u32::from(c),
        // Emoji and pictographs, the flags' regional letters, playing cards, mahjong.
        0x1F000..=0x1FAFF
        // Miscellaneous symbols (☀ ☎ ☪), dingbats (✅ ✨ ❤), and symbols and arrows (⭐ ⬆).
        | 0x2600..=0x27BF | 0x2B00..=0x2BFF
        // Technical signs used as emoji (⌚ ⏰ ⏳).
        | 0x2300..=0x23FF
        // What joins and styles emoji: variation selectors, the zero-width joiner, keycaps,
        // the tags of subdivision flags.
        | 0xFE00..=0xFE0F | 0x200D | 0x20E3 | 0xE0000..=0xE007F
        // © ® ™.
        | 0xA9 | 0xAE | 0x2122)
}

/// The longest slug a file name is made of, in characters: a release's address stays short
/// enough to read and to share, and its file name far below the 255 bytes a file system allows
/// (a pasted headline can be 300 characters).
pub const MAX_FILE_SLUG_CHARS: usize = 60;

/// The slug of a new release's file, from its title: [`slugify`], cut at a word to at most
/// [`MAX_FILE_SLUG_CHARS`]. Empty when the title has no letter or digit.
pub fn file_slug(title: &str) -> String {
    cut(&slugify(title), MAX_FILE_SLUG_CHARS)
}

/// A slug of at most `max` characters, cut at a dash when it is longer.
fn cut(slug: &str, max: usize) -> String {
    // A slug is ASCII: every byte is a character boundary.
    if slug.len() <= max {
        return slug.to_string();
    }
    match slug[..=max].rfind('-') {
        Some(i) if i > 0 => slug[..i].to_string(),
        _ => slug[..max].trim_end_matches('-').to_string(),
    }
}

/// Whether `s` is a non-empty slug (`a-z`, `0-9`, single inner dashes): safe as a path segment.
pub fn is_safe_segment(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_slugs_are_cut_at_a_word() {
        assert_eq!(cut("satu-dua-tiga", 60), "satu-dua-tiga");
        assert_eq!(cut("satu-dua-tiga", 9), "satu-dua");
        assert_eq!(cut("satu-dua-tiga", 8), "satu-dua");
        assert_eq!(cut("abcdefghij", 4), "abcd");
        let long = "Gubernur Bali Membuka Pesta Kesenian Bali ke-45 Tahun 2023 di Taman Budaya \
                    Provinsi Bali, Denpasar, dengan Parade Kesenian dari Seluruh Kabupaten";
        let s = file_slug(long);
        assert_eq!(s, "gubernur-bali-membuka-pesta-kesenian-bali-ke-45-tahun-2023");
        assert!(is_safe_segment(&s) && s.len() <= MAX_FILE_SLUG_CHARS, "{s}");
        assert_eq!(file_slug("Rapat Kerja"), "rapat-kerja");
        assert_eq!(file_slug("?!"), "");
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("Hari Amal Bakti ke-77"), "hari-amal-bakti-ke-77");
        assert_eq!(slugify("  Café Ñ!! "), "cafe-n");
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("---"), "");
        assert_eq!(slugify("Moderasi   Beragama"), "moderasi-beragama");
        assert_eq!(slugify("  --Rapat__Kerja!!  2023-- "), "rapat-kerja-2023");
        assert_eq!(slugify("Pelatihan Ke-2 Â"), "pelatihan-ke-2-a");
        assert_eq!(slugify("?!—…"), "");
    }

    #[test]
    fn emoji_and_signs_leave_no_english_words() {
        assert_eq!(slugify("Selamat Idul Fitri 🙏"), "selamat-idul-fitri");
        assert_eq!(slugify("HUT RI ke-78 🇮🇩"), "hut-ri-ke-78");
        assert_eq!(slugify("Merdeka ❤️ Indonesia"), "merdeka-indonesia");
        assert_eq!(slugify("Juara 1 🏆 Lomba ⭐ MTQ ✅"), "juara-1-lomba-mtq");
        assert_eq!(slugify("👨‍👩‍👧 Keluarga Sakinah"), "keluarga-sakinah");
        assert_eq!(slugify("Kemenag™ ©2023"), "kemenag-2023");
        assert_eq!(slugify("🙂🙏"), "");
        // Letters of other scripts and digits are not signs.
        assert_eq!(slugify("Juara ① Café"), "juara-1-cafe");
        assert_eq!(slugify("Kunjungan ke Jepang 日本"), "kunjungan-ke-jepang-ri-ben");
    }

    #[test]
    fn every_slug_is_a_safe_segment() {
        for text in ["a", "Ünïcödé 2023", "حج", "🙂 senyum", "x/y\\z", "..", "ᬩᬮᬶ Bali"]
        {
            let s = slugify(text);
            assert!(s.is_empty() || is_safe_segment(&s), "{text:?} -> {s:?}");
        }
    }

    #[test]
    fn unsafe_segments() {
        for bad in ["", "..", "a/b", "A", "-a", "a-", "a--b", "a b", "a.b"] {
            assert!(!is_safe_segment(bad), "{bad}");
        }
        assert!(is_safe_segment("kanwil-bali-2"));
    }

    proptest::proptest! {
        /// Whatever the title, its slug is one safe path segment (or empty, which the caller
        /// rejects), and slugging it again changes nothing.
        #[test]
        fn a_slug_is_always_one_safe_path_segment(text in ".{0,40}|[./\\ %a-zA-Z0-9À-ɏ-]{0,40}") {
            let slug = slugify(&text);
            proptest::prop_assert!(slug.is_empty() || is_safe_segment(&slug), "{text:?} -> {slug:?}");
            proptest::prop_assert!(!slug.contains('/') && !slug.contains('.') && slug.len() <= 40 * 8);
            proptest::prop_assert_eq!(slugify(&slug), slug);
        }
    }
}
