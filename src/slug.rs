//! Slugs: the only text from a user that becomes part of an output path. A slug is lowercase
//! ASCII letters, digits and single dashes, so it can never climb out of the output folder.

/// `Hari Amal Bakti ke-77` → `hari-amal-bakti-ke-77`; `Café Ñ` → `cafe-n`. Empty when the text
/// has no letter or digit.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
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
