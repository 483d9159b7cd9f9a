//! The only module that knows serde_yaml. It is unmaintained upstream, so everything else goes
//! through [`parse`], which also turns its errors into a line and a field a user can act on:
//! syntax errors are explained by [`hint`] at the line of the mistake, and an unknown field
//! gets the known one it is closest to.

mod hint;

use serde::de::DeserializeOwned;

/// A YAML document that did not fit the expected shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// 1-based line within the parsed text, when serde_yaml knows it.
    pub line: Option<usize>,
    /// Dotted path of the field, e.g. `units.kanwil-bali.name`, when known.
    pub field: Option<String>,
    pub message: String,
}

/// Field paths longer than this are cut in messages.
const MAX_PATH_CHARS: usize = 60;

/// Parses `text` into `T`, naming the field and line of the first problem.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    let de = serde_yaml::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|err| {
        if let Some(h) = syntax_hint::<T>(text) {
            return YamlError { line: Some(h.line), field: h.field, message: h.message };
        }
        let mut path = err.path().to_string();
        if let Some((cut, _)) = path.char_indices().nth(MAX_PATH_CHARS) {
            path.truncate(cut); // a hostile nesting would otherwise fill the screen
            path.push('…');
        }
        let inner = err.into_inner();
        let line = inner.location().map(|l| l.line());
        let raw = inner.to_string();
        // serde_yaml appends " at line L column C"; the caller prints the line itself.
        let message = match raw.find(" at line ") {
            Some(i) => raw[..i].to_string(),
            None => raw,
        };
        let (field, message) = refine(path, message);
        YamlError { line, field, message }
    })
}

/// When `text` is not even valid YAML (as opposed to valid YAML of the wrong shape), the
/// mistake at the root of it, explained. Parsing again as a plain value costs nothing on the
/// happy path: it only runs once a parse has failed.
fn syntax_hint<T: DeserializeOwned>(text: &str) -> Option<hint::Hint> {
    let err = serde_yaml::from_str::<serde_yaml::Value>(text).err()?;
    let line = err.location().map_or(usize::MAX, |l| l.line());
    hint::explain(text, line, field_names::<T>())
}

/// The field names of the struct `T` deserializes from, as serde hands them to a deserializer
/// (empty for anything but a struct). Lets hints guess a field without a list kept by hand.
fn field_names<T: DeserializeOwned>() -> &'static [&'static str] {
    use serde::de::{Error, Visitor};
    struct Probe<'a>(&'a mut &'static [&'static str]);
    impl<'de> serde::Deserializer<'de> for Probe<'_> {
        type Error = serde::de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(Self::Error::custom("probe"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(Self::Error::custom("probe"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Probe(&mut fields));
    fields
}

/// Words Indonesian writers type for a field, and the field they mean.
const SYNONYMS: [(&str, &str); 12] = [
    ("judul", "title"),
    ("tanggal", "date"),
    ("tgl", "date"),
    ("penulis", "author"),
    ("tempat", "place"),
    ("lokasi", "place"),
    ("kota", "place"),
    ("label", "tags"),
    ("tag", "tags"),
    ("ringkasan", "summary"),
    ("foto", "image"),
    ("gambar", "image"),
];

/// The candidate `word` was most likely meant to be: an Indonesian synonym, or one at most a
/// typo or two away (Damerau-Levenshtein: one for short names, two from five letters on).
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.to_lowercase();
    let candidates: Vec<&str> = candidates.collect();
    if let Some(&(_, field)) = SYNONYMS.iter().find(|(w, _)| *w == word) {
        if let Some(c) = candidates.iter().find(|c| **c == field) {
            return Some(c);
        }
    }
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&word, c), c))
        .filter(|&(d, c)| d <= if c.chars().count() >= 5 { 2 } else { 1 } && d < c.len())
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Moves the key of "unknown field `x`" and "missing field `x`" into the field path, and
/// rewords serde's messages for people who do not program.
fn refine(path: String, message: String) -> (Option<String>, String) {
    let parent = if path == "." || path.is_empty() { None } else { Some(path) };
    // serde_yaml starts nested errors with the path ("units.x: unknown field"): the caller
    // prints the field itself.
    let message = match (&parent, message.split_once(": ")) {
        (Some(p), Some((head, rest))) if p.starts_with(head) => rest.to_string(),
        _ => message,
    };
    for (prefix, reword) in
        [("unknown field `", "unknown field"), ("missing field `", "required field is missing")]
    {
        if let Some(rest) = message.strip_prefix(prefix) {
            if let Some((key, tail)) = rest.split_once('`') {
                // serde_path_to_error already ends the path with an unknown key.
                let field = match &parent {
                    Some(p) if p == key || p.ends_with(&format!(".{key}")) => p.clone(),
                    Some(p) => format!("{p}.{key}"),
                    None => key.to_string(),
                };
                let tail = tail.trim_start_matches(',').trim();
                let known: Vec<&str> = tail.split('`').skip(1).step_by(2).collect();
                let message = match closest(key, known.iter().copied()) {
                    Some(near) if prefix.starts_with("unknown") => format!(
                        "{reword}; did you mean `{near}`? (known fields: {})",
                        known.join(", ")
                    ),
                    _ if tail.is_empty() => reword.to_string(),
                    _ => format!("{reword}; {tail}"),
                };
                return (Some(field), message);
            }
        }
    }
    (parent, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: String,
        count: Option<u32>,
    }

    #[test]
    fn unknown_field_is_named_with_its_line() {
        let e = parse::<Doc>("title: a\ntittle: b\n").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("tittle"));
        assert_eq!(e.line, Some(2));
        assert_eq!(e.message, "unknown field; did you mean `title`? (known fields: title, count)");
        let e = parse::<Doc>("title: a\nwarna: b\n").unwrap_err();
        assert!(e.message.starts_with("unknown field; expected `title`"), "{}", e.message);
    }

    #[test]
    fn wrong_type_names_the_field() {
        let e = parse::<Doc>("title: a\ncount: many\n").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("count"));
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn closest_takes_typos_and_indonesian_words_not_strangers() {
        let known = ["title", "date", "author", "unit", "place", "tags", "image"];
        let near = |w| closest(w, known.iter().copied());
        assert_eq!(near("tittle"), Some("title"));
        assert_eq!(near("Title"), Some("title"));
        assert_eq!(near("unti"), Some("unit"));
        assert_eq!(near("imgae"), Some("image"));
        assert_eq!(near("tag"), Some("tags"));
        assert_eq!(near("tempat"), Some("place"));
        assert_eq!(near("warna"), None);
        assert_eq!(near("email"), None);
        assert_eq!(near("da"), None);
        assert_eq!(closest("foto", ["title"].into_iter()), None);
    }

    #[test]
    fn field_names_come_from_the_struct() {
        assert_eq!(field_names::<Doc>(), ["title", "count"]);
        assert!(field_names::<String>().is_empty());
    }

    #[test]
    fn syntax_errors_are_explained_with_the_struct_fields() {
        let e = parse::<Doc>(
            "count: 1
title Rapat Koordinasi
",
        )
        .unwrap_err();
        assert_eq!(e.line, Some(2));
        assert_eq!(e.field.as_deref(), Some("title"));
        assert_eq!(e.message, "no ':' after the field name; write `title: Rapat Koordinasi`");
    }

    #[test]
    fn malformed_yaml_has_a_line() {
        let e = parse::<Doc>("title: a\n  - b\n: c").unwrap_err();
        assert!(e.line.is_some(), "{e:?}");
    }
}
