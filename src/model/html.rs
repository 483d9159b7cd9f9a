//! A release's body as HTML ([`Html`]): most of a release's size, and of the build cache's.

use std::sync::Arc;

/// A release's body as HTML, shared rather than copied: a text of its own when the release is
/// parsed, or a part of the one text that holds the bodies of a file of the build cache, as it
/// was read ([`crate::incremental`]). A build after an edit reads back every release's parse
/// but shows the bodies of a few: read as one text per file, the bodies cost one allocation
/// and one check that they are UTF-8 per file, not an allocation and a copy per release (25 MB
/// of the cache's 48 MB at 10,000 releases).
#[derive(Clone)]
pub struct Html {
    text: Arc<String>,
    /// Where the body is in `text`: both ends are on a character's boundary ([`Html::part`]).
    start: usize,
    end: usize,
}

impl Html {
    /// The part `start..end` of `text`, shared with every other body of it; `None` if it is
    /// not a text (an end past `text`'s, or inside a character).
    pub fn part(text: &Arc<String>, start: usize, end: usize) -> Option<Html> {
        text.get(start..end)?;
        Some(Html { text: Arc::clone(text), start, end })
    }

    pub fn as_str(&self) -> &str {
        // `part` made sure that this is a text, and `text` cannot change.
        &self.text[self.start..self.end]
    }
}

impl From<String> for Html {
    fn from(text: String) -> Html {
        let end = text.len();
        Html { text: Arc::new(text), start: 0, end }
    }
}

impl Default for Html {
    fn default() -> Html {
        Html::from(String::new())
    }
}

impl std::ops::Deref for Html {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for Html {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

/// Two bodies are equal when their texts are, wherever each is kept.
impl PartialEq for Html {
    fn eq(&self, other: &Html) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Html {}

/// As its text: a body read back from the cache hashes as the body it was parsed into.
impl std::hash::Hash for Html {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_is_its_text_and_equals_and_hashes_as_a_body_of_its_own() {
        let text = Arc::new("<p>Satu</p><p>Dua é</p>".to_string());
        let one = Html::part(&text, 0, 11).expect("a text");
        let two = Html::part(&text, 11, text.len()).expect("a text");
        assert_eq!((one.as_str(), &*two), ("<p>Satu</p>", "<p>Dua é</p>"));
        assert_eq!(two, Html::from("<p>Dua é</p>".to_string()));
        use crate::fingerprint::Fp;
        assert_eq!(Fp::of(&two), Fp::of(&Html::from("<p>Dua é</p>".to_string())));
        assert_eq!(Fp::of(&two), Fp::of("<p>Dua é</p>"), "hashes as a str");
    }

    #[test]
    fn a_part_past_the_text_or_inside_a_character_is_none() {
        let text = Arc::new("é".to_string());
        assert!(Html::part(&text, 0, 1).is_none(), "inside é");
        assert!(Html::part(&text, 0, 3).is_none(), "past the end");
        assert!(Html::part(&text, 2, 1).is_none(), "backwards");
        assert_eq!(Html::part(&text, 2, 2).map(|h| h.len()), Some(0));
    }
}
