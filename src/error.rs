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
    #[error("cannot read or write {}: {source}{}", path.display(), not_yours(path, source))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The command cannot go ahead as asked (an output folder warta did not create, say).
    #[error("{0}")]
    Refused(String),
}

/// What to do about a file the system refused because it belongs to another user: a build run
/// once with `sudo` leaves the output, its lock and its cache owned by root, and every later
/// build stopped at "Permission denied" with nothing to go on (found by helper-34, stop 67).
/// Said when the file, or the nearest folder above it that exists, is another user's; empty
/// otherwise. Giving it back is always safe, whatever the file (deleting it is not: it may be
/// a release).
fn not_yours(path: &std::path::Path, source: &std::io::Error) -> String {
    if source.kind() != std::io::ErrorKind::PermissionDenied {
        return String::new();
    }
    match owner_if_not_mine(path) {
        Some((owner, top)) => ownership_hint(&top, owner),
        None => String::new(),
    }
}

/// The owner of `path` (or of the nearest folder above it that exists) when it is not the user
/// running warta, and what to give back: the build cache or the output folder holding it, if
/// one does and has the same owner (the whole cache, not the one photo of it a build stopped
/// at), else the file itself. Never a folder of anything else: a site, or a home folder,
/// owned by root throughout would otherwise have its every folder up to `/` named.
#[cfg(unix)]
fn owner_if_not_mine(path: &std::path::Path) -> Option<(u32, std::path::PathBuf)> {
    use std::os::unix::fs::MetadataExt;
    let uid = |p: &std::path::Path| std::fs::symlink_metadata(p).ok().map(|m| m.uid());
    let mut existing = path.ancestors().skip_while(|p| uid(p).is_none());
    let first = existing.next()?;
    let owner = uid(first)?;
    if owner == rustix::process::geteuid().as_raw() {
        return None;
    }
    let wartas = |p: &std::path::Path| {
        p.file_name().is_some_and(|n| n.to_string_lossy().ends_with(".warta-cache"))
            || p.join(crate::write::MARKER).is_file()
    };
    let top = std::iter::once(first)
        .chain(existing)
        .take_while(|p| uid(p) == Some(owner))
        .find(|p| wartas(p))
        .unwrap_or(first);
    Some((owner, top.to_path_buf()))
}

#[cfg(not(unix))]
fn owner_if_not_mine(_: &std::path::Path) -> Option<(u32, std::path::PathBuf)> {
    None
}

fn ownership_hint(path: &std::path::Path, owner: u32) -> String {
    format!(
        "; it belongs to {}, not to you: give it back with `sudo chown -R \"$(whoami)\" \
         '{}'` and build again, without sudo",
        whose(owner),
        path.display()
    )
}

/// `root (a warta run with sudo made it)`, or `another user (uid 1001)`.
fn whose(owner: u32) -> String {
    if owner == 0 {
        "root (a warta run with sudo made it)".to_string()
    } else {
        format!("another user (uid {owner})")
    }
}

/// What to do about a leftover of warta's own (an earlier build's staging folder) that could
/// not be removed: `sudo rm -rf` when another user's files were what the system refused, since
/// nothing in it is anyone's work; else "delete it by hand". Said as a warning, where
/// [`Error::Io`]'s hint is not: the build goes on (found by use, stop 68: a root-owned staging
/// leftover was named without a word of why, or how).
pub(crate) fn leftover_advice(path: &std::path::Path, e: &std::io::Error) -> String {
    let owner = (e.kind() == std::io::ErrorKind::PermissionDenied)
        .then(|| owner_if_not_mine(path))
        .flatten();
    match owner {
        Some((owner, _)) => format!(
            "it belongs to {}: delete it with `sudo rm -rf '{}'`",
            whose(owner),
            path.display()
        ),
        None => "delete it by hand".to_string(),
    }
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
    // In parallel: a path compares a part at a time, and a site of 10,000 releases has as many
    // warnings (typed initials), 4 ms of every build sorted on one thread.
    use rayon::slice::ParallelSliceMut;
    errors.par_sort_by(|a, b| (&a.path, a.line, &a.message).cmp(&(&b.path, b.line, &b.message)));
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
    #[cfg(unix)]
    fn a_file_of_another_user_refused_says_how_to_take_it_back() {
        let dir = tempfile::tempdir().expect("a folder");
        let lock = dir.path().join(".public.warta-lock");
        std::fs::write(&lock, "4242").expect("written");
        let denied = || std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        // Mine: nothing to add.
        assert_eq!(not_yours(&lock, &denied()), "");
        // Another user's, as `sudo` leaves it (only root can give a file away: as another
        // user, the hint is checked through its text alone).
        if rustix::process::geteuid().is_root() {
            std::os::unix::fs::chown(&lock, Some(4321), None).expect("chown");
            let err = Error::Io { path: lock.clone(), source: denied() }.to_string();
            assert!(err.contains("denied; it belongs to another user (uid 4321)"), "{err}");
            assert!(err.contains("sudo chown -R \"$(whoami)\" '"), "{err}");
            // Not refused for that reason: nothing to add.
            let other = std::io::Error::from(std::io::ErrorKind::NotFound);
            assert_eq!(not_yours(&lock, &other), "");
            // A file not there yet, in a folder of another user's: the folder's owner.
            let dir2 = dir.path().join("public");
            std::fs::create_dir(&dir2).expect("a folder");
            std::os::unix::fs::chown(&dir2, Some(4321), None).expect("chown");
            assert_eq!(owner_if_not_mine(&dir2.join("x")), Some((4321, dir2.clone())));
            // A file of the cache: the cache is named, the one to give back; not a folder of
            // that owner above it that is not warta's.
            let cache = dir2.join(".public.warta-cache");
            std::fs::create_dir(&cache).expect("a folder");
            std::os::unix::fs::chown(&cache, Some(4321), None).expect("chown");
            let photos = cache.join("photos");
            std::fs::create_dir(&photos).expect("a folder");
            std::fs::write(photos.join("82"), "x").expect("written");
            for p in [&photos, &photos.join("82")] {
                std::os::unix::fs::chown(p, Some(4321), None).expect("chown");
            }
            assert_eq!(owner_if_not_mine(&photos.join("82")), Some((4321, cache.clone())));
            // Not in a folder of warta's: the file itself.
            let release = dir2.join("rilis.md");
            std::fs::write(&release, "x").expect("written");
            std::os::unix::fs::chown(&release, Some(4321), None).expect("chown");
            assert_eq!(owner_if_not_mine(&release), Some((4321, release.clone())));
        }
        assert!(ownership_hint(&lock, 0).starts_with("; it belongs to root (a warta run with sudo"));
    }

    #[test]
    #[cfg(unix)]
    fn a_leftover_of_another_user_is_to_be_removed_with_sudo() {
        let dir = tempfile::tempdir().expect("a folder");
        let left = dir.path().join(".public.warta-staging-77-ab");
        std::fs::create_dir(&left).expect("a folder");
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert_eq!(leftover_advice(&left, &denied), "delete it by hand");
        if rustix::process::geteuid().is_root() {
            // Given to uid 4321 (only root can give a folder away): another user's, as a
            // staging folder a `sudo warta build` left is to anyone else.
            std::os::unix::fs::chown(&left, Some(4321), None).expect("chown");
            assert_eq!(
                leftover_advice(&left, &denied),
                format!(
                    "it belongs to another user (uid 4321): delete it with `sudo rm -rf '{}'`",
                    left.display()
                )
            );
            let busy = std::io::Error::from(std::io::ErrorKind::ResourceBusy);
            assert_eq!(leftover_advice(&left, &busy), "delete it by hand");
        }
    }

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
