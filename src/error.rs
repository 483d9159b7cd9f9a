//! Errors a user can act on. A content error names the file, the line and the field, and says
//! what was expected; a build collects every such error before it fails, so one run shows
//! everything there is to fix.

use std::fmt;
use std::path::PathBuf;

/// A problem in something the user wrote: `site.yaml`, a release, a template.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct ContentError {
    /// The file, relative to the site's root where possible (`content/2023/05/workshop.md`).
    pub path: PathBuf,
    /// 1-based line number, when known.
    pub line: Option<usize>,
    /// The field concerned, e.g. `date` or `units.kanwil-bali.short`.
    pub field: Option<String>,
    /// What is wrong and what was expected.
    pub message: String,
}

impl ContentError {
    /// An error about a whole file.
    pub fn new(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self { path: path.into(), line: None, field: None, message: message.into() }
    }

    /// The same error at a line.
    #[must_use]
    pub fn at_line(mut self, line: Option<usize>) -> Self {
        self.line = line;
        self
    }

    /// The same error about a field.
    #[must_use]
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": ")?;
        if let Some(field) = &self.field {
            write!(f, "field '{field}': ")?;
        }
        f.write_str(&self.message)
    }
}

/// Every error a build can end with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One or more problems in the site's files, all of them, sorted by file and line.
    #[error("{}", list(.0, "nothing was written"))]
    Content(Vec<ContentError>),
    /// Reading or writing a file failed: the path, and the system's reason ("No space left on
    /// device") on the same line.
    #[error("cannot read or write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The command cannot go ahead as asked (an output folder warta did not create, say).
    #[error("{0}")]
    Refused(String),
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io { path, source }
    }

    /// Content errors, sorted so that the output is stable and reads file by file.
    pub fn content(errors: Vec<ContentError>) -> Error {
        Error::Content(sorted(errors))
    }
}

/// Sorts errors by file, line and message, and drops repeats: the same error twice, and a
/// picture that cannot be drawn for the same reason as one before it (the site's logo, which
/// the icons and the social cards both draw, is named once, at the first).
pub fn sorted(mut errors: Vec<ContentError>) -> Vec<ContentError> {
    errors.sort_by(|a, b| (&a.path, a.line, &a.message).cmp(&(&b.path, b.line, &b.message)));
    errors.dedup();
    let mut why_not_drawn = std::collections::HashSet::new();
    errors.retain(|e| match e.message.split_once(" cannot be drawn: ") {
        Some((_, why)) => why_not_drawn.insert(why.to_string()),
        None => true,
    });
    errors
}

/// The most errors printed for one file; the rest are counted ("… and 1990 more"). One
/// mistake repeated (2,000 unknown keys) would otherwise bury the errors of every other file.
pub const MAX_ERRORS_PER_FILE: usize = 10;

/// The most times one error (the same field, the same words) is printed, in as many files; the
/// others are counted ("… and 2995 more like it"). Renaming a unit's key in `site.yaml` makes
/// each of the unit's 3,000 releases an error in the same words, which would bury every other.
pub const MAX_SAME_ERRORS: usize = 5;

/// The errors, file by file, and how many there were, followed by `outcome`: what became of
/// the build ("nothing was written").
pub fn list(errors: &[ContentError], outcome: &str) -> String {
    fn key(e: &ContentError) -> (Option<&str>, &str) {
        (e.field.as_deref(), e.message.as_str())
    }
    // Of each error, how many are not yet printed or counted, and how many are printed.
    let mut left: std::collections::HashMap<(Option<&str>, &str), (usize, usize)> =
        Default::default();
    for e in errors {
        left.entry(key(e)).or_default().0 += 1;
    }
    let mut out = String::new();
    for file in errors.chunk_by(|a, b| a.path == b.path) {
        let (mut shown, mut hidden) = (0, 0);
        for e in file {
            let (rest, printed) = left.get_mut(&key(e)).expect("every error was counted");
            if *printed == MAX_SAME_ERRORS {
                // Counted by the line after the last one printed.
                continue;
            }
            *rest -= 1;
            if shown == MAX_ERRORS_PER_FILE {
                hidden += 1;
                continue;
            }
            out.push_str(&e.to_string());
            out.push('\n');
            shown += 1;
            *printed += 1;
            if *printed == MAX_SAME_ERRORS && *rest > 0 {
                out.push_str(&format!("… and {rest} more like it\n"));
            }
        }
        if hidden > 0 {
            out.push_str(&format!("{}: … and {hidden} more\n", file[0].path.display()));
        }
    }
    let n = errors.len();
    out.push_str(&format!("{n} error{} found; {outcome}", if n == 1 { "" } else { "s" }));
    out
}

/// A shorthand for this crate's results.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_error_reads_file_line_field_message() {
        let e = ContentError::new(
            "content/2023/05/workshop.md",
            "expected YYYY-MM-DD, got \"15/5/2023\"",
        )
        .at_line(Some(4))
        .field("date");
        assert_eq!(
            e.to_string(),
            "content/2023/05/workshop.md:4: field 'date': expected YYYY-MM-DD, got \"15/5/2023\""
        );
    }

    #[test]
    fn a_file_with_many_errors_prints_ten_and_a_count() {
        let mut errors: Vec<ContentError> = (1..=2000)
            .map(|i| ContentError::new("site.yaml", format!("unknown field f{i}")).at_line(Some(i)))
            .collect();
        errors.push(ContentError::new("content/a.md", "bad date").at_line(Some(3)));
        let text = Error::content(errors).to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 1 + MAX_ERRORS_PER_FILE + 2, "{text}");
        assert_eq!(lines[0], "content/a.md:3: bad date");
        assert_eq!(lines[MAX_ERRORS_PER_FILE], "site.yaml:10: unknown field f10");
        assert_eq!(lines[MAX_ERRORS_PER_FILE + 1], "site.yaml: … and 1990 more");
        assert_eq!(lines[MAX_ERRORS_PER_FILE + 2], "2001 errors found; nothing was written");
    }

    /// Found by use, stop 61: a unit's key renamed in site.yaml made each of its releases an
    /// error in the same words, printed once for each, every other error buried among them.
    #[test]
    fn one_error_in_many_files_prints_five_and_a_count() {
        let unknown = "unknown unit \"kanwil-bali\"; add it under 'units:' in site.yaml";
        let mut errors: Vec<ContentError> = (1..=300)
            .map(|i| {
                ContentError::new(format!("content/2023/05/r{i:03}.md"), unknown)
                    .at_line(Some(5))
                    .field("unit")
            })
            .collect();
        errors.push(ContentError::new("content/2023/05/r150.md", "bad date").at_line(Some(3)));
        // The same words about another field are another error.
        errors.push(ContentError::new("content/2023/05/r200.md", unknown).field("tags"));
        let text = Error::content(sorted(errors)).to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), MAX_SAME_ERRORS + 1 + 2 + 1, "{text}");
        assert_eq!(lines[0], format!("content/2023/05/r001.md:5: field 'unit': {unknown}"));
        assert!(lines[MAX_SAME_ERRORS - 1].starts_with("content/2023/05/r005.md:5:"), "{text}");
        assert_eq!(lines[MAX_SAME_ERRORS], "… and 295 more like it");
        assert_eq!(lines[MAX_SAME_ERRORS + 1], "content/2023/05/r150.md:3: bad date");
        assert_eq!(
            lines[MAX_SAME_ERRORS + 2],
            format!("content/2023/05/r200.md: field 'tags': {unknown}")
        );
        assert_eq!(lines[MAX_SAME_ERRORS + 3], "302 errors found; nothing was written");
        // Five, or fewer, are all printed, with no count.
        let five: Vec<ContentError> =
            (1..=5).map(|i| ContentError::new(format!("r{i}.md"), unknown).field("unit")).collect();
        let text = Error::content(five).to_string();
        assert!(!text.contains("like it") && text.lines().count() == 6, "{text}");
    }

    #[test]
    fn content_errors_are_sorted_and_counted() {
        let e = Error::content(vec![
            ContentError::new("b.md", "two").at_line(Some(1)),
            ContentError::new("a.md", "one").at_line(Some(9)),
        ]);
        assert_eq!(e.to_string(), "a.md:9: one\nb.md:1: two\n2 errors found; nothing was written");
    }
}
