//! The only module that knows serde_yaml. It is unmaintained upstream, so everything else goes
//! through [`parse`], which also turns its errors into a line and a field a user can act on.

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
                let message =
                    if tail.is_empty() { reword.to_string() } else { format!("{reword}; {tail}") };
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
        assert!(e.message.starts_with("unknown field; expected"), "{}", e.message);
    }

    #[test]
    fn wrong_type_names_the_field() {
        let e = parse::<Doc>("title: a\ncount: many\n").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("count"));
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn malformed_yaml_has_a_line() {
        let e = parse::<Doc>("title: a\n  - b\n: c").unwrap_err();
        assert!(e.line.is_some(), "{e:?}");
    }
}
