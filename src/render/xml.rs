//! Escaping for the XML that warta writes itself (feeds, sitemaps). Besides the five special
//! characters, it drops the control characters XML 1.0 forbids, which would otherwise make a
//! whole feed unreadable to the services that consume it.

use std::borrow::Cow;

/// Escapes text for an XML element or a double- or single-quoted attribute.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| matches!(c, '&' | '<' | '>' | '"' | '\'') || !allowed(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if allowed(c) => out.push(c),
            _ => {}
        }
    }
    Cow::Owned(out)
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
}
