//! Escaping for the XML that warta writes itself (feeds, sitemaps). Besides the five special
//! characters, it drops the control characters XML 1.0 forbids, which would otherwise make a
//! whole feed unreadable to the services that consume it.

use std::borrow::Cow;

/// Escapes text for an XML element or a double- or single-quoted attribute.
pub fn escape(s: &str) -> Cow<'_, str> {
    // A release's whole HTML goes through here once for every feed it is in. Scanning bytes
    // rather than decoding characters, and copying the text between two notable bytes a run at
    // a time, takes 2.4 times fewer instructions than a character at a time (callgrind, a build
    // of 1,000 releases: 190 million, now 78).
    let Some(first) = s.bytes().position(notable) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let mut rest = s;
    let mut at = first;
    loop {
        out.push_str(&rest[..at]);
        // `at` is a character boundary: a notable byte is ASCII or a UTF-8 lead byte.
        let mut tail = rest[at..].chars();
        match tail.next() {
            Some('&') => out.push_str("&amp;"),
            Some('<') => out.push_str("&lt;"),
            Some('>') => out.push_str("&gt;"),
            Some('"') => out.push_str("&quot;"),
            Some('\'') => out.push_str("&apos;"),
            Some(c) if allowed(c) => out.push(c),
            _ => {} // a character XML forbids: dropped
        }
        rest = tail.as_str();
        match rest.bytes().position(notable) {
            Some(next) => at = next,
            None => break,
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// A byte that may start something to escape or drop: the five special characters, the ASCII
/// controls XML forbids, and 0xEF, which starts U+FFFE and U+FFFF (forbidden too) among others.
/// Every other character XML forbids is a surrogate, which a `str` cannot hold.
fn notable(b: u8) -> bool {
    matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'' | 0xEF)
        || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
}

/// Characters XML 1.0 allows.
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_specials_and_drops_forbidden_controls() {
        assert_eq!(escape("a & <b> \"c\" 'd'"), "a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;");
        assert_eq!(escape("x\u{0}y\u{1b}z\u{fffe}"), "xyz");
        assert_eq!(escape("]]>"), "]]&gt;");
        assert!(matches!(escape("plain"), std::borrow::Cow::Borrowed(_)));
    }

    /// The escaping as first written, a character at a time: the one above must equal it.
    fn escape_char_by_char(s: &str) -> String {
        let mut out = String::new();
        for c in s.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&apos;"),
                c if super::allowed(c) => out.push(c),
                _ => {}
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn escaping_by_runs_equals_escaping_by_characters(s in "(\\PC|[&<>\"'\u{0}\u{1b}\u{fffe}\u{ffff}\u{f000}é]){0,40}") {
            proptest::prop_assert_eq!(escape(&s).into_owned(), escape_char_by_char(&s));
        }
    }
}
