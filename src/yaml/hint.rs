//! Why a YAML text did not parse, in a PR officer's words. The parser says where it gave up
//! ("mapping values are not allowed in this context", often one line late); this module reads
//! the lines up to there, finds the mistake people really make (an unquoted `: ` in a title, a
//! tab, a missing colon, an unclosed list) and says how to fix it, with the fixed line.

/// A mistake found in the text: 1-based line, the field's dotted path, the explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub line: usize,
    pub field: Option<String>,
    pub message: String,
}

/// The first known mistake at or before `error_line` (1-based, where the parser gave up), if
/// any. `known` are the top-level field names, to guess a field from a line without a colon.
pub fn explain(text: &str, error_line: usize, known: &[&str]) -> Option<Hint> {
    let lines: Vec<&str> = text.lines().collect();
    let last = error_line.min(lines.len());
    let mut block: Option<usize> = None; // indentation of the key of a `|` or `>` block
    let mut previous_indent: Option<usize> = None;
    for (i, raw) in lines.iter().enumerate().take(last) {
        let content = raw.trim_start_matches([' ', '\t']);
        let leading = &raw[..raw.len() - content.len()];
        let indent = leading.len();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if let Some(b) = block {
            if raw.len() - raw.trim_start_matches(' ').len() > b {
                continue;
            }
            block = None;
        }
        if i == 0 && (content == "---" || content == "...") {
            continue;
        }
        let at = |message: String, key: Option<&str>| Hint {
            line: i + 1,
            field: key.map(|k| path_of(&lines, i, indent, k)),
            message,
        };
        let (item_indent, content) = match content.strip_prefix("- ") {
            Some(rest) => (indent + 2, rest.trim_start()),
            None => (indent, content),
        };
        let pair = split_pair(content);
        if leading.contains('\t') {
            return Some(at(
                "a tab is used for indentation; YAML needs spaces: replace the tab with two spaces"
                    .to_string(),
                None,
            ))
            .map(|h| Hint { field: pair.map(|(k, _)| k.to_string()), ..h });
        }
        match pair {
            Some((key, value)) => {
                if let Some(message) = value_problem(&lines, i, item_indent, key, value) {
                    return Some(at(message, Some(key)));
                }
                if value.starts_with('|') || value.starts_with('>') {
                    block = Some(indent);
                }
            }
            None if item_indent == indent && previous_indent.is_none_or(|p| indent <= p) => {
                if let Some((message, key)) = missing_colon(content, indent, known) {
                    return Some(at(message, key.as_deref()));
                }
            }
            None => {}
        }
        previous_indent = Some(indent);
    }
    None
}

/// `key: value` (or `key:` alone), for a plain key; `None` for anything else.
fn split_pair(content: &str) -> Option<(&str, &str)> {
    if content.starts_with(['"', '\'', '[', '{', '|', '>', '-', '&', '*', '!', '?']) {
        return None;
    }
    let bytes = content.as_bytes();
    let colon = (0..bytes.len()).find(|&j| {
        bytes[j] == b':' && bytes.get(j + 1).is_none_or(|b| *b == b' ' || *b == b'\t')
    })?;
    Some((content[..colon].trim_end(), strip_comment(content[colon + 1..].trim())))
}

/// A plain value without its trailing `# comment`.
fn strip_comment(value: &str) -> &str {
    if value.starts_with('#') {
        return "";
    }
    match value.find(" #") {
        Some(j) if !value.starts_with(['"', '\'']) => value[..j].trim_end(),
        _ => value,
    }
}

/// What is wrong with a value written on its key's line.
fn value_problem(
    lines: &[&str],
    i: usize,
    indent: usize,
    key: &str,
    value: &str,
) -> Option<String> {
    if value.starts_with('[') && !value.contains(']') && !continues(lines, i, indent) {
        return Some(format!(
            "the list is not closed; end it with ']' on the same line: {key}: {value}]"
        ));
    }
    if value.starts_with(['"', '\'', '[', '{', '|', '>', '&', '*', '!']) {
        return None;
    }
    if value.contains(": ") || value.ends_with(':') {
        let name = key.rsplit('.').next().unwrap_or(key);
        return Some(format!(
            "has ': ' in it; put the {name} in quotes: {name}: {}",
            quoted(value)
        ));
    }
    None
}

/// Whether the lines after line `i` continue its value (they are indented deeper).
fn continues(lines: &[&str], i: usize, indent: usize) -> bool {
    lines[i + 1..]
        .iter()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| l.len() - l.trim_start().len() > indent)
}

/// A line that should be `key: value` but has no colon after its first word.
fn missing_colon(content: &str, indent: usize, known: &[&str]) -> Option<(String, Option<String>)> {
    if content.starts_with(['"', '\'', '[', '{', ']', '}', '|', '>', '-', '&', '*', '!', '?']) {
        return None;
    }
    if let Some((key, value)) = content.split_once(':') {
        if !key.is_empty() && !key.contains(' ') && !value.is_empty() {
            let fixed = format!("{key}: {}", value.trim_start());
            return Some((format!("no space after ':'; write `{fixed}`"), Some(key.to_string())));
        }
        return None;
    }
    let (word, rest) = content.split_once([' ', '\t']).unwrap_or((content, ""));
    let guess = if indent == 0 { super::closest(word, known.iter().copied()) } else { None };
    Some(match guess {
        Some(name) => {
            let fixed = format!("{name}: {}", rest.trim());
            (
                format!("no ':' after the field name; write `{}`", fixed.trim_end()),
                Some(name.into()),
            )
        }
        None => ("no ':' after the field name; write each field as `name: value`".into(), None),
    })
}

/// `value` as a YAML quoted scalar that keeps it exactly.
fn quoted(value: &str) -> String {
    if !value.contains(['"', '\\']) {
        format!("\"{value}\"")
    } else if !value.contains('\'') {
        format!("'{value}'")
    } else {
        serde_json::to_string(value).unwrap_or_else(|_| format!("'{}'", value.replace('\'', "''")))
    }
}

/// The dotted path of key `key` on line `i`: the keys of the lines above it that hold it.
fn path_of(lines: &[&str], i: usize, indent: usize, key: &str) -> String {
    let mut parts = vec![key.to_string()];
    let mut limit = indent;
    for line in lines[..i].iter().rev() {
        let content = line.trim_start_matches(' ');
        let level = line.len() - content.len();
        if limit == 0 {
            break;
        }
        if content.is_empty() || content.starts_with('#') || level >= limit {
            continue;
        }
        if let Some((k, _)) = split_pair(content) {
            parts.push(k.to_string());
        }
        limit = level;
    }
    parts.reverse();
    parts.join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    const KNOWN: [&str; 4] = ["title", "date", "author", "tags"];

    fn hint(text: &str, line: usize) -> Hint {
        explain(text, line, &KNOWN).unwrap_or_else(|| panic!("no hint for {text:?}"))
    }

    #[test]
    fn colon_in_a_title_shows_the_quoted_line() {
        let h = hint("date: 2023-05-15\ntitle: Rapat Koordinasi: Evaluasi Program\n", 2);
        assert_eq!(h.line, 2);
        assert_eq!(h.field.as_deref(), Some("title"));
        assert_eq!(
            h.message,
            "has ': ' in it; put the title in quotes: title: \"Rapat Koordinasi: Evaluasi Program\""
        );
    }

    #[test]
    fn colon_in_a_value_with_double_quotes_uses_single_quotes() {
        let h = hint("title: Rapat \"Besar\": Evaluasi\n", 1);
        assert!(h.message.ends_with("title: 'Rapat \"Besar\": Evaluasi'"), "{}", h.message);
    }

    #[test]
    fn colon_in_a_nested_value_names_its_path() {
        let h = hint("title: A\nunits:\n  kanwil:\n    name: Kantor: Wilayah\n", 4);
        assert_eq!(h.field.as_deref(), Some("units.kanwil.name"));
        assert_eq!(h.message, "has ': ' in it; put the name in quotes: name: \"Kantor: Wilayah\"");
    }

    #[test]
    fn tab_indentation_is_found_at_its_line() {
        let h = hint("title: a\n\tdate: 2023\nauthor: x\n", 2);
        assert_eq!((h.line, h.field.as_deref()), (2, Some("date")));
        assert!(h.message.starts_with("a tab is used for indentation"), "{}", h.message);
        let h = hint("title:\n  a: b\n \tc: d\n", 3);
        assert_eq!(h.line, 3);
    }

    #[test]
    fn missing_colon_is_at_its_own_line_with_the_field_guessed() {
        let h = hint("date: 2023\ntitle Workshop Media Sosial\nauthor: sn\n", 3);
        assert_eq!((h.line, h.field.as_deref()), (2, Some("title")));
        assert_eq!(h.message, "no ':' after the field name; write `title: Workshop Media Sosial`");
        let h = hint("date: 2023\nWorkshop media\n", 3);
        assert_eq!((h.line, h.field), (2, None));
        assert!(h.message.starts_with("no ':' after the field name"), "{}", h.message);
    }

    #[test]
    fn missing_space_after_colon() {
        let h = hint("date: 2023\ntitle:Workshop\nauthor: sn\n", 3);
        assert_eq!(h.line, 2);
        assert_eq!(h.message, "no space after ':'; write `title: Workshop`");
    }

    #[test]
    fn unclosed_list_is_closed_in_the_hint() {
        let h = hint("title: A\ntags: [haji, zakat\nauthor: sn\n", 3);
        assert_eq!((h.line, h.field.as_deref()), (2, Some("tags")));
        assert!(h.message.ends_with("tags: [haji, zakat]"), "{}", h.message);
    }

    #[test]
    fn valid_constructs_before_the_error_are_not_blamed() {
        let text = "summary: |\n  Rapat: evaluasi\n  \ttab after spaces in a block\n\
                    tags: [a,\n  b]\ntitle: Rapat\n  Koordinasi\nlist:\n  - a: b\n  - c\n\
                    # a comment: with colon\nurl: https://x.go.id/a\n";
        assert_eq!(explain(text, 99, &KNOWN), None);
    }

    #[test]
    fn nothing_after_the_error_line_is_blamed() {
        assert_eq!(explain("title: a\nb: c: d\n", 1, &KNOWN), None);
    }

    #[test]
    fn hostile_input_does_not_panic() {
        for text in ["\t", ":", "- :", "é: é: é", "\u{feff}a: b: c", "[", "a:\n\t\t- é", "- - - x"]
        {
            let _ = explain(text, 5, &KNOWN);
        }
    }
}
