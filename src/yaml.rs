//! The only module that knows the YAML parser (serde-saphyr). Everything else goes through
//! [`parse`], which turns its errors into a line and a field a user can act on: syntax errors
//! are explained by [`hint`] at the line of the mistake, an unknown field gets the known one
//! it is closest to, and hostile YAML (alias bombs, lone CRs) gets a short message, not a hang.

mod hint;

use serde::de::DeserializeOwned;
use serde_saphyr::{DefaultMessageFormatter, MessageFormatter};

/// The most values YAML aliases (`*name`) may expand to in one document (front matter,
/// site.yaml, a theme's strings): they hold tens of values, so more is a mistake or an attack
/// ("billion laughs"; with serde_yaml, 20,000 aliases of one anchor took 11 s and 2.2 GB).
pub const MAX_ALIAS_EXPANSION: usize = 10_000;

/// The most text (bytes of values, aliases expanded) one YAML document may hold: a front
/// matter or site.yaml holds a few kilobytes; one alias of a long text repeated holds gigabytes.
pub const MAX_TEXT_BYTES: usize = 1 << 20;

/// A YAML document that did not fit the expected shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// 1-based line within the parsed text, when the parser knows it.
    pub line: Option<usize>,
    /// Whether the mistake is surely at `line`: the text's structure was read (a value of the
    /// wrong kind, an unknown or repeated field) or a hint recognised the mistake. Not so when
    /// the parser lost its way (a bracket left open on an earlier line): the errors after such
    /// a one may be its echoes, so [`recover`] stops there.
    pub sure: bool,
    /// Whether `line` is the mistake's own, as a hint that recognised it found it (`-umroh`
    /// under `tags:`), rather than where the parser gave up: then it is not moved to its
    /// field's line (found by use, stop 75: told at the line of `tags:`, two lines above).
    pub exact: bool,
    /// Dotted path of the field, e.g. `units.kanwil-bali.name`, when known.
    pub field: Option<String>,
    pub message: String,
}

/// Field paths longer than this are cut in messages.
const MAX_PATH_CHARS: usize = 60;

/// Parses `text` into `T`, naming the field and line of the first problem.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    // A no-break space where YAML needs a space (`title:\u{a0}Rapat`, an indentation), as a web
    // page, WhatsApp Web or Word copies one: read as the space it shows, not as part of a key
    // (`' author'`) or as no space after the colon. In a value it is whitespace, which every
    // text field collapses anyway. Lines stay where they are.
    let spaced;
    let text = if text.contains('\u{a0}') {
        spaced = text.replace('\u{a0}', " ");
        spaced.as_str()
    } else {
        text
    };
    if let Some(at) = lone_cr(text) {
        // YAML reads a lone CR as a line break; everything else in warta counts LF, so every
        // line after it would be misnumbered.
        return Err(YamlError {
            line: Some(text[..at].matches('\n').count() + 1),
            sure: true,
            exact: true,
            field: None,
            message: LONE_CR.to_string(),
        });
    }
    if let Some(h) = hint::misread(text) {
        return Err(YamlError {
            line: Some(h.line),
            sure: true,
            exact: true,
            field: h.field,
            message: h.message,
        });
    }
    let mut path = None;
    serde_saphyr::with_deserializer_from_str_with_options(text, options(), |de| {
        serde_path_to_error::deserialize(de).map_err(|err| {
            path = Some(err.path().to_string());
            err.into_inner()
        })
    })
    .map_err(|err| {
        if let Some(h) = syntax_hint::<T>(text) {
            return YamlError {
                line: Some(h.line),
                sure: true,
                exact: true,
                field: h.field,
                message: h.message,
            };
        }
        let mut path = path.unwrap_or_default();
        if let Some((cut, _)) = path.char_indices().nth(MAX_PATH_CHARS) {
            path.truncate(cut); // a hostile nesting would otherwise fill the screen
            path.push('…');
        }
        // An error inside an alias's value is located at the alias: the line the user wrote it.
        let line = err.location().map(|l| l.line() as usize).filter(|&l| l > 0);
        let sure = !matches!(
            original(&err),
            serde_saphyr::Error::ExternalMessage { .. } | serde_saphyr::Error::Eof { .. }
        );
        let (field, message) = describe(path, original(&err), text);
        YamlError { line, sure, exact: false, field, message }
    })
}

/// Why a file with a line break that is a CR alone cannot be read.
pub const LONE_CR: &str = "this line ends in a lone CR (an old Mac line ending, or a broken \
                           editor); save the file with ordinary line endings (LF, or CRLF as on Windows)";

/// The byte offset of the first CR that is not followed by LF.
pub fn lone_cr(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len()).find(|&i| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
}

/// How warta reads YAML: YAML 1.2 (`yes` is text, `0815` is text), no snippets in messages
/// (a message names its line), and aliases limited to [`MAX_ALIAS_EXPANSION`] values.
fn options() -> serde_saphyr::Options {
    let mut o = serde_saphyr::Options::default();
    o.with_snippet = false;
    o.strict_booleans = true;
    o.leading_zero_numbers_as_strings = true;
    o.underscored_numbers_as_strings = true;
    o.alias_limits.max_total_replayed_events = MAX_ALIAS_EXPANSION;
    if let Some(budget) = o.budget.as_mut() {
        budget.max_total_scalar_bytes = MAX_TEXT_BYTES;
        // Front matter and site.yaml nest three or four levels; 64 (the crate's default) let a
        // hostile `[[[[…` overflow a 2 MB thread stack (rayon's, a test's) in a debug build.
        budget.max_depth = MAX_DEPTH;
    }
    o
}

/// The deepest nesting of lists and maps a YAML text may have.
const MAX_DEPTH: usize = 24;

/// When `text` is not even valid YAML (as opposed to valid YAML of the wrong shape), the
/// mistake at the root of it, explained. Parsing again as a plain value costs nothing on the
/// happy path: it only runs once a parse has failed.
fn syntax_hint<T: DeserializeOwned>(text: &str) -> Option<hint::Hint> {
    let err =
        serde_saphyr::from_str_with_options::<serde::de::IgnoredAny>(text, options()).err()?;
    // The parser names the line a plain scalar starts on; the tab or colon that ended it can be
    // on the next one.
    let line = err.location().map_or(usize::MAX, |l| (l.line() as usize).saturating_add(1));
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

/// The error under the wrappers serde-saphyr puts around it (an alias's locations, a snippet).
fn original(mut err: &serde_saphyr::Error) -> &serde_saphyr::Error {
    while let serde_saphyr::Error::AliasError { error, .. }
    | serde_saphyr::Error::WithSnippet { error, .. } = err
    {
        err = error;
    }
    err
}

/// The field (the path, plus the key an unknown, missing or repeated field names) and the
/// message, in words for people who do not program.
fn describe(path: String, err: &serde_saphyr::Error, text: &str) -> (Option<String>, String) {
    use serde_saphyr::{budget::BudgetBreach, Error as E};
    // serde_path_to_error writes `?` for a key it has not seen yet (an error inside the key).
    let path = path.strip_suffix('?').map(|p| p.trim_end_matches('.')).unwrap_or(&path);
    let parent = if path == "." || path.is_empty() { None } else { Some(path.to_string()) };
    let with_key = |key: &str| match &parent {
        // serde_path_to_error already ends the path with an unknown key.
        Some(p) if p == key || p.ends_with(&format!(".{key}")) => p.clone(),
        Some(p) => format!("{p}.{key}"),
        None => key.to_string(),
    };
    let aliases = || {
        format!(
            "the YAML expands to more than {MAX_ALIAS_EXPANSION} values through aliases (&/*); \
             write the values out"
        )
    };
    match err {
        E::SerdeUnknownField { field, expected, .. } => {
            // A field that is there only to be refused with where its value goes
            // (`deploy.password`) is no field to offer (found by helper-42, stop 75).
            let offered: Vec<&str> =
                expected.iter().copied().filter(|f| !REFUSED_FIELDS.contains(f)).collect();
            let expected = offered.as_slice();
            let message = match closest(field, expected.iter().copied()) {
                // `Title:`, as Word capitalises the first letter of a line.
                Some(near) if *near == field.to_lowercase() => format!(
                    "field names are written in small letters, as `{near}`; write `{near}:` \
                     (Word capitalises the first letter of a line as it is typed)"
                ),
                Some(near) => format!(
                    "unknown field; did you mean `{near}`? (known fields: {})",
                    expected.join(", ")
                ),
                None => format!("unknown field; expected {}", one_of(expected)),
            };
            (Some(with_key(field)), message)
        }
        E::SerdeMissingField { field, .. } => (Some(with_key(field)), MISSING.to_string()),
        E::DuplicateMappingKey { key: Some(key), .. } => (
            Some(with_key(key)),
            "is given twice; keep one of them (a field can only have one value)".to_string(),
        ),
        E::InvalidBooleanStrict { location } => {
            (parent, format!("expected true or false, got {}", scalar_at(text, *location)))
        }
        E::InvalidScalar { ty, location } => {
            let what = match *ty {
                "bool" => "true or false",
                "f32" | "f64" => "a number",
                "char" => "a single character",
                t if t.starts_with(['u', 'i']) => "a whole number",
                t => t,
            };
            (parent, format!("expected {what}, got {}", scalar_at(text, *location)))
        }
        E::AliasReplayLimitExceeded { .. } | E::AliasReplayStackDepthExceeded { .. } => {
            (parent, aliases())
        }
        E::Budget {
            breach:
                BudgetBreach::Aliases { .. }
                | BudgetBreach::AliasAnchorRatio { .. }
                | BudgetBreach::RecordedAnchorEvents { .. }
                | BudgetBreach::RecordedAnchorBytes { .. },
            ..
        } => (parent, aliases()),
        E::Budget { breach: BudgetBreach::ScalarBytes { .. }, .. } => (
            parent,
            format!(
                "the YAML holds more than {} MiB of text (aliases &/* counted in full); shorten \
                 it or write the values out",
                MAX_TEXT_BYTES >> 20
            ),
        ),
        _ => {
            // The formatter's text has no location: the caller prints the line itself.
            // Control characters shown as codes (a hostile file's cannot move the terminal's
            // cursor); quotes as they are (escaped, "expected \',\'" was found printed).
            let message: String = DefaultMessageFormatter
                .format_message(err)
                .chars()
                .map(|c| if c.is_control() { c.escape_debug().to_string() } else { c.into() })
                .collect();
            let message = match shape_expected(&message, parent.as_deref()) {
                Some(better) => better,
                None => message,
            };
            (parent, message)
        }
    }
}

/// The parser's "expected sequence start" (a list was due) and "expected mapping start" (fields
/// were due), said as a writer can act on it, with the field's form when warta knows it.
fn shape_expected(message: &str, field: Option<&str>) -> Option<String> {
    const FORMS: [(&str, &str); 4] = [
        ("corrections", "corrections:\n  - {date: 2023-05-25T10:00, note: \"Jumlah peserta 412\"}"),
        ("withdrawn", "withdrawn: {date: 2023-06-01, reason: \"jadwal kegiatan dibatalkan\"}"),
        ("gallery", "gallery:\n  - {file: IMG_0013.jpg, caption: \"Peserta berdiskusi\"}"),
        ("tags", "tags: [haji, umroh]"),
    ];
    let what = if message.contains("expected sequence start") {
        "expected a list: each item on a line of its own, under the field, starting with \"- \""
    } else if message.contains("expected mapping start") {
        "expected fields (name: value), in braces or indented under it"
    } else if message.contains("flow mapping") && message.contains("expected ',' or '}'") {
        "in braces, fields are separated by a comma (name: value, name: value) and the braces \
         closed on the line"
    } else if message.contains("block collection") && message.contains("expected '-'") {
        "a line of this list does not line up with its items: each item starts with \"- \", \
         and an item's other fields stand under its first one, two spaces further in than the \
         dash"
    } else {
        return None;
    };
    // `corrections[0]`, `corrections.0`: the field's own form.
    let field = field.map(|f| f.split(['[', '.']).next().unwrap_or(f));
    let form = field.and_then(|f| FORMS.iter().find(|(name, _)| *name == f)).map(|(_, form)| form);
    Some(match form {
        Some(form) => format!("{what}, like this:\n{form}"),
        None => what.to_string(),
    })
}

/// The value the parser points at, quoted, or what it is when that cannot be told.
fn scalar_at(text: &str, at: serde_saphyr::Location) -> String {
    let span = at.span();
    let value = span.byte_offset().zip(span.byte_len()).and_then(|(start, len)| {
        let start = usize::try_from(start).ok()?;
        text.get(start..start.checked_add(usize::try_from(len).ok()?)?)
    });
    match value {
        Some(v) if !v.is_empty() && v.len() <= 80 => format!("{v:?}"),
        _ => "something else".to_string(),
    }
}

/// Field names as serde lists them: "`a`", "`a` or `b`", "one of `a`, `b`, `c`".
/// Fields read only to be refused with a message of their own (a password in `site.yaml`).
const REFUSED_FIELDS: [&str; 1] = ["password"];

fn one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [] => "no fields here".to_string(),
        [one] => one.clone(),
        [a, b] => format!("{a} or {b}"),
        all => format!("one of {}", all.join(", ")),
    }
}

/// Every YAML mistake of a document of top-level fields (a front matter, `site.yaml`), not
/// only the first the parser stops at: after each, the top-level field it is in is set aside
/// (its lines left empty, so the others keep their numbers) and the rest parsed again with
/// `parse`, until it parses, an error is not surely where it is told ([`YamlError::sure`]) or
/// does not move on, or [`Recovered::MAX`] were found.
pub fn recover<T>(
    original: &str,
    first: YamlError,
    parse: impl Fn(&str) -> Result<T, YamlError>,
) -> Recovered {
    let mut lines: Vec<&str> = original.lines().collect();
    let mut out = Recovered::default();
    let mut aliases = std::collections::BTreeSet::new();
    let mut next = Some(first);
    // The error's line, when it is a line of its own: not the end of the text, not a field
    // set aside already (each turn empties at least the error's line, so this ends).
    let on = |e: &YamlError, lines: &[&str]| {
        e.line
            .map(|l| l.saturating_sub(1))
            .filter(|&at| lines.get(at).is_some_and(|l| !l.trim().is_empty()))
    };
    while let Some(e) = next.take() {
        let at = on(&e, &lines).filter(|_| e.sure);
        out.errors.push(e);
        let Some(at) = at else { break };
        if out.errors.len() >= Recovered::MAX {
            out.more = true;
            break;
        }
        // The top-level field: from its key's line to the next line that starts at the margin.
        let top = |l: &str| l.starts_with(|c: char| !c.is_whitespace() && c != '#');
        let start = (0..=at).rev().find(|&i| top(lines[i])).unwrap_or(at);
        let end = (at + 1..lines.len()).find(|&i| top(lines[i])).unwrap_or(lines.len());
        out.set_aside.push(lines[start].split(':').next().unwrap_or_default().trim().to_string());
        // The aliases (`*name`) of the lines set aside, kept in a comment after the last line:
        // an anchor they used is still one a value uses, not a `&` the writer typed first
        // ([`hint::misread`]).
        aliases.extend(lines[start..end].iter().flat_map(|l| {
            l.split(|c: char| c.is_whitespace() || matches!(c, ',' | '[' | ']' | '{' | '}'))
                .filter(|w| w.len() > 1 && w.starts_with('*'))
                .map(str::to_string)
        }));
        lines[start..end].fill("");
        let mut text: String = lines.iter().flat_map(|l| [*l, "\n"]).collect();
        if !aliases.is_empty() {
            let used: Vec<&str> = aliases.iter().map(String::as_str).collect();
            text.push_str(&format!("# {}\n", used.join(" ")));
        }
        match parse(&text) {
            Ok(_) => out.rest = Some(text),
            // Not a field that setting another aside made missing (`base_url` when the line
            // set aside was `base_ur1:`): that is no mistake of its own.
            Err(e) => {
                let missing = e.message == MISSING;
                let own = !missing || own(&out.set_aside, &text, original, e.field.as_deref());
                next = Some(e).filter(|e| own && on(e, &lines).is_some());
            }
        }
    }
    out
}

/// The message of a required field that is not there.
const MISSING: &str = "required field is missing";

/// See [`Recovered::is_own`]; `rest` is the text with the fields `set_aside` left empty.
fn own(set_aside: &[String], rest: &str, original: &str, field: Option<&str>) -> bool {
    let Some(field) = field.map(|f| f.split('.').next().unwrap_or(f)) else { return true };
    // Whether a line starts with the name, as a field or a mistyped one does (a lone CR ends a
    // line too: the writer's editor showed it so).
    let names = |text: &str| {
        text.split(['\n', '\r']).any(|l| {
            let rest = l.trim_start().strip_prefix(field);
            rest.is_some_and(|r| r.is_empty() || r.starts_with([':', ' ', '\t']))
        })
    };
    let meant = || set_aside.iter().any(|a| closest(a, std::iter::once(field)).is_some());
    !set_aside.iter().any(|a| a == field) && (names(rest) || !(names(original) || meant()))
}

/// What [`recover`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recovered {
    /// The parser's errors, in the order found.
    pub errors: Vec<YamlError>,
    /// Stopped at [`Recovered::MAX`]: more may follow.
    pub more: bool,
    /// The names of the top-level fields set aside, as written (`title`, `tittle`).
    pub set_aside: Vec<String>,
    /// The text without them, when it parses: what the document's own checks can check.
    pub rest: Option<String>,
}

impl Recovered {
    /// Enough for any document a person wrote; a bound for one that is not.
    pub const MAX: usize = 10;

    /// Whether a check of [`Recovered::rest`] that names the field `field` (`date`,
    /// `units.x.name`) is the writer's mistake, to tell, and not what setting fields aside made
    /// of them: a field set aside, or one missing now that was written in a line set aside
    /// (`title Rapat`, a tab before `author:`, a lone CR) or misspelt in one (`tittle:`,
    /// `judul:`). `original` is the text before any was set aside.
    pub fn is_own(&self, original: &str, field: Option<&str>) -> bool {
        own(&self.set_aside, self.rest.as_deref().unwrap_or_default(), original, field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Front {
        title: String,
        draft: Option<bool>,
        tags: Option<Vec<String>>,
        place: Option<String>,
    }

    fn recovered(text: &str) -> Recovered {
        let first = parse::<Front>(text).expect_err("a mistake");
        recover(text, first, parse::<Front>)
    }

    /// Found pasting a front matter copied from a web page: its spaces were no-break spaces,
    /// and the errors were "no space after ':'" and "unknown field ' place'".
    #[test]
    fn a_no_break_space_is_read_as_the_space_it_shows() {
        let text = "title:\u{a0}Rapat\u{a0}Kerja\ntags:\n\u{a0}\u{a0}- humas\nplace: Denpasar\n";
        let front: Front = parse(text).expect("parses");
        assert_eq!(front.title, "Rapat Kerja");
        assert_eq!(front.tags.as_deref(), Some(&["humas".to_string()][..]));
        let e = parse::<Front>("title: a\n\u{a0}draft: mungkin\n").expect_err("a mistake");
        assert_eq!((e.line, e.field.as_deref()), (Some(2), Some("draft")), "{e:?}");
    }

    #[test]
    fn every_mistake_is_found_and_the_rest_kept_with_its_lines() {
        let text = "title: Rapat\ndraft: mungkin\ntags:\n  - [a]\n  - b: c\nplace: Denpasar\n\
                    place: Bali\ntags: [#x]\n";
        let r = recovered(text);
        let lines: Vec<Option<usize>> = r.errors.iter().map(|e| e.line).collect();
        // The '#' of line 8 is seen before the text is parsed, so it comes first.
        assert_eq!(lines, [Some(8), Some(2), Some(4), Some(7)], "{r:?}");
        assert_eq!(r.set_aside, ["tags", "draft", "tags", "place"]);
        assert_eq!(r.rest.as_deref(), Some("title: Rapat\n\n\n\n\nplace: Denpasar\n\n\n"));
        assert!(!r.more);
    }

    #[test]
    fn after_a_parser_that_lost_its_way_nothing_more_is_guessed() {
        // The bracket left open on line 4 makes the parser stumble on line 5, a good line.
        let text = "title: Rapat\ndraft: mungkin\ntags:\n  - [a\nplace: Denpasar\n";
        let r = recovered(text);
        assert_eq!(r.errors.len(), 2, "{r:?}");
        assert!(r.errors[0].sure && !r.errors[1].sure, "{r:?}");
        assert!(r.rest.is_none());
    }

    #[test]
    fn a_field_missing_because_its_line_was_set_aside_is_no_mistake_of_its_own() {
        // `titel:` is unknown; without it `title` is missing, which is the same mistake.
        let r = recovered("titel: Rapat\ndraft: true\n");
        assert_eq!(r.errors.len(), 1, "{r:?}");
        assert!(r.rest.is_none(), "the rest does not parse: title is missing");
        let text = "title Rapat\ndraft: true\n";
        let r = recovered(text);
        assert!(!r.is_own(text, Some("title")), "written, without its colon");
        assert!(r.is_own(text, Some("place")), "not written at all");
        assert!(r.is_own(text, None));
    }

    #[test]
    fn recovery_stops_at_its_bound_and_says_more_may_follow() {
        let text: String = (0..50).map(|i| format!("kunci{i}: v\n")).collect();
        let r = recovered(&format!("title: x\n{text}"));
        assert_eq!(r.errors.len(), Recovered::MAX);
        assert!(r.more);
    }
    use serde::Deserialize;

    /// `corrections:` or `withdrawn:` written in another shape: until stop 47 the parser's
    /// "expected sequence start".
    #[test]
    fn a_field_of_the_wrong_shape_says_the_shape_and_its_form() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Release {
            corrections: Option<Vec<std::collections::BTreeMap<String, String>>>,
            withdrawn: Option<std::collections::BTreeMap<String, String>>,
        }
        let e =
            parse::<Release>("corrections: {date: 2023-06-06, note: bukan list}\n").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("corrections"));
        assert!(e.message.starts_with("expected a list"), "{}", e.message);
        assert!(e.message.contains("  - {date: 2023-05-25T10:00, note:"), "{}", e.message);
        let e = parse::<Release>("withdrawn: true\n").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("withdrawn"));
        assert!(e.message.starts_with("expected fields"), "{}", e.message);
        assert!(e.message.contains("withdrawn: {date: 2023-06-01, reason:"), "{}", e.message);
        // Found by helper-30, stop 66: the parser's words, with its quotes printed as `\'`.
        let text = "corrections:\n  - {date: 2023-05-16T10:00:00 note: \"Jumlah peserta\"}\n";
        let e = parse::<Release>(text).unwrap_err();
        assert!(
            e.message.starts_with("in braces, fields are separated by a comma"),
            "{}",
            e.message
        );
        assert!(e.message.contains("  - {date: 2023-05-25T10:00, note:"), "{}", e.message);
        let text = "corrections:\n  - date: 2023-05-16T10:00:00\n  note: \"Jumlah peserta\"\n";
        let e = parse::<Release>(text).unwrap_err();
        assert!(e.message.starts_with("a line of this list does not line up"), "{}", e.message);
        assert!(!e.message.contains('\\'), "{}", e.message);
    }

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
        let e = parse::<Doc>("Title: a\n").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("Title"));
        assert!(e.message.starts_with("field names are written in small letters, as `title`"));
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
        // Pasted with spaces before a line: the parser's "did not find expected <document
        // start>", one line late, until stop 46.
        let e = parse::<Doc>("  title: Rapat\ncount: 1\n").unwrap_err();
        assert_eq!((e.line, e.field.as_deref()), (Some(1), Some("title")), "{e:?}");
        let e = parse::<Doc>("title: Rapat\n  count: 1\n").unwrap_err();
        assert_eq!((e.line, e.field.as_deref()), (Some(2), Some("count")), "{e:?}");
    }

    #[test]
    fn malformed_yaml_has_a_line() {
        let e = parse::<Doc>("title: a\n  - b\n: c").unwrap_err();
        assert!(e.line.is_some(), "{e:?}");
    }
    #[test]
    fn duplicate_key_is_reported_at_the_duplicate() {
        let e = parse::<Doc>("title: a\ncount: 1\n\ntitle: b\n").unwrap_err();
        assert_eq!((e.line, e.field.as_deref()), (Some(4), Some("title")), "{e:?}");
        assert!(e.message.starts_with("is given twice"), "{}", e.message);
    }

    /// `count` repeats of an alias of a 100-item list: `20_000` is a 180 KB front matter.
    fn repeated_alias(count: usize) -> String {
        let items = vec!["x"; 100].join(", ");
        let mut text = format!("title: a\nbase: &b [{items}]\ntags:\n");
        text.push_str(&"  - *b\n".repeat(count));
        text
    }

    /// Ten levels, each ten aliases of the one before: 10^10 values when expanded.
    fn billion_laughs() -> String {
        let mut text = "a0: &a0 [lol]\n".to_string();
        for i in 1..10 {
            let prev = format!("*a{}", i - 1);
            text.push_str(&format!("a{i}: &a{i} [{}]\n", [prev.as_str(); 10].join(", ")));
        }
        text + "title: *a9\n"
    }

    #[test]
    fn aliases_that_expand_too_far_fail_fast_with_the_limit_named() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Open {
            title: serde::de::IgnoredAny,
            tags: Option<serde::de::IgnoredAny>,
        }
        for (name, text) in [("repeated", repeated_alias(20_000)), ("laughs", billion_laughs())] {
            let start = std::time::Instant::now();
            let e = parse::<Open>(&text).unwrap_err();
            let took = start.elapsed();
            assert!(took < std::time::Duration::from_millis(500), "{name}: took {took:?}");
            assert!(e.message.contains(&MAX_ALIAS_EXPANSION.to_string()), "{name}: {e:?}");
            assert!(e.message.contains("aliases"), "{name}: {e:?}");
            assert!(e.line.is_some(), "{name}: {e:?}");
        }
        // A few aliases are fine.
        let text = "title: &t Rapat\ntags: [*t, *t]\n";
        assert!(parse::<Open>(text).is_ok());
    }

    #[test]
    fn a_lone_cr_is_named_at_its_line() {
        let e = parse::<Doc>("title: a\r\ncount: 1\rtitle: b\n").unwrap_err();
        assert_eq!((e.line, e.message.as_str()), (Some(2), LONE_CR));
        let e = parse::<Doc>("title: a\rcount: 1\r").unwrap_err();
        assert_eq!(e.line, Some(1));
        assert!(parse::<Doc>("title: a\r\ncount: 1\r\n").is_ok());
    }

    #[test]
    fn two_thousand_unknown_keys_give_one_short_error() {
        let text: String = (0..2000).map(|i| format!("key{i}: v\n")).collect();
        let e = parse::<Doc>(&format!("title: a\n{text}")).unwrap_err();
        assert_eq!((e.line, e.field.as_deref()), (Some(2), Some("key0")));
        assert!(e.message.len() < 200, "{}", e.message);
    }

    #[test]
    fn yaml_1_1_words_and_leading_zeros_stay_text() {
        #[derive(Debug, Deserialize)]
        struct Texts {
            a: String,
            b: String,
        }
        let t = parse::<Texts>("a: yes\nb: 0815\n").expect("parses");
        assert_eq!((t.a.as_str(), t.b.as_str()), ("yes", "0815"));
    }

    proptest::proptest! {
        #[test]
        fn any_front_matter_is_ok_or_an_error_at_a_line_of_it(text in "(?s).{0,200}") {
            check_line(&text);
        }

        #[test]
        fn any_yaml_like_front_matter_is_ok_or_an_error_at_a_line_of_it(
            text in "([a-z]{1,5}|[ :\\-\\[\\]{},&*!|>'\"#\t\r\n]){0,60}"
        ) {
            check_line(&text);
        }
    }

    fn check_line(text: &str) {
        if let Err(e) = crate::front_matter::parse_release(text) {
            let lines = text.split('\n').count();
            let line = e.line.unwrap_or(1);
            assert!((1..=lines).contains(&line), "line {line} of {lines} for {text:?}: {e:?}");
        }
    }
}
