//! What the marker says of each file besides its name, so that a build can tell a file warta
//! wrote from another one put at the same path. The list of names alone let a marker copied
//! into a folder of one's own pages (with them, `index.html`, `feed.xml`) make that folder
//! warta's, and the next build replace it, deleting the pages (found by helper-34, stop 67).
//!
//! A line of the marker is the file's path, a tab, its length in bytes and, for a file warta
//! made in memory (every page, feed and JSON file), a tab and `xxh3:` with the XXH3-64 of its
//! bytes: `2023/05/rapat/index.html\t30412\txxh3:9c3f0d1e2a4b5c6d`. A file copied or linked
//! (a photo, a drawn card, a file of `static/`) is known by its length only: hashing it would
//! mean reading every photo a cold build links without reading. The proof is a function of the
//! bytes, so the marker stays the same for the same input, as the pages do.
//!
//! Only a build that does not update the output in place from its cache checks the proofs
//! ([`super::place::owner`]); a line without one (a marker of an older warta, or the marker of
//! an update in place written before its files move) is not checked.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// How a sum starts in a marker's line, so that a line says what it holds.
const SUM: &str = "xxh3:";

/// What the marker says of one file besides its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Proof {
    len: u64,
    sum: Option<u64>,
}

impl Proof {
    /// The proof of a file written from `bytes` made in memory.
    pub fn of_bytes(bytes: &[u8]) -> Proof {
        Proof { len: bytes.len() as u64, sum: Some(xxhash_rust::xxh3::xxh3_64(bytes)) }
    }

    /// The proof of a file copied or linked, `len` bytes long.
    pub fn of_len(len: u64) -> Proof {
        Proof { len, sum: None }
    }

    /// Appends the proof as a marker's line ends: `\t<len>` and, if it has one, `\txxh3:<sum>`.
    pub fn write_to(&self, out: &mut String) {
        let _ = write!(out, "\t{}", self.len);
        if let Some(sum) = self.sum {
            let _ = write!(out, "\t{SUM}{sum:016x}");
        }
    }

    /// Whether the file at `path` is the one this proof describes: a file (not a folder or a
    /// link) of that length, with that sum if the proof has one. A file that cannot be read is
    /// not proved to be warta's.
    pub fn holds(&self, path: &Path) -> bool {
        let Ok(meta) = fs::symlink_metadata(path) else { return false };
        if !meta.is_file() || meta.len() != self.len {
            return false;
        }
        match self.sum {
            None => true,
            Some(sum) => fs::read(path).is_ok_and(|b| xxhash_rust::xxh3::xxh3_64(&b) == sum),
        }
    }
}

/// A marker's line split into the file's path and what follows it (`\t30412\txxh3:…`, or
/// nothing for a line without a proof).
pub fn split(line: &str) -> (&str, &str) {
    let (rest, last) = match line.rsplit_once('\t') {
        Some(split) => split,
        None => return (line, ""),
    };
    // `<path>\t<len>`, or `<path>\t<len>\txxh3:<sum>`: a path may hold a tab itself, so the
    // fields are taken from the end, and only in these forms.
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(sum) = last.strip_prefix(SUM) {
        let Some((path, len)) = rest.rsplit_once('\t') else { return (line, "") };
        if digits(len) && sum.len() == 16 && sum.bytes().all(|b| b.is_ascii_hexdigit()) {
            return (path, &line[path.len()..]);
        }
        return (line, "");
    }
    if digits(last) {
        return (rest, &line[rest.len()..]);
    }
    (line, "")
}

/// The proof a marker's line holds after its path ([`split`]), if it holds one.
pub fn parse(after: &str) -> Option<Proof> {
    let mut fields = after.strip_prefix('\t')?.split('\t');
    let len = fields.next()?.parse().ok()?;
    let sum = match fields.next() {
        None => None,
        Some(sum) => Some(u64::from_str_radix(sum.strip_prefix(SUM)?, 16).ok()?),
    };
    Some(Proof { len, sum })
}

/// The files of a marker's `list` (its lines after `files:`) that are in the folder `target`
/// and are not as the marker describes them, in the list's order: changed since warta wrote
/// them, or put there with a marker copied from another output. A file the list names that
/// is not there is not among them (deleted by hand: the build writes it again); nor is a line
/// without a proof, nor one whose path could leave the folder (a marker written by hand).
pub fn altered(target: &Path, list: &str) -> Vec<String> {
    let proved: Vec<(&str, Proof)> = list
        .lines()
        .filter_map(|line| {
            let (path, after) = split(line);
            Some((path, parse(after)?))
        })
        .filter(|(path, _)| super::checked(path).is_ok())
        .collect();
    not_as_proved(target, &proved)
}

/// [`altered`] for the sorted `paths` alone, each found in the sorted `list` by its line
/// ([`line_of`]) rather than every line read: the files an update in place is about to replace
/// or delete, which must be as warta wrote them (a page changed by hand in the output is not
/// replaced unasked, [`crate::write`]). A path the list does not name, or names without a
/// proof, is not among them (a file this update adds, or one an interrupted update left old or
/// new); nor is a file that is not there.
pub fn altered_among(target: &Path, list: &str, paths: &[&str]) -> Vec<String> {
    let mut at = 0;
    let proved: Vec<(&str, Proof)> = paths
        .iter()
        .filter_map(|&path| {
            let (start, end) = line_of(list, at, path)?;
            at = end + 1;
            Some((path, parse(split(&list[start..end]).1)?))
        })
        .collect();
    not_as_proved(target, &proved)
}

/// The files of `proved` that are in the folder `target` and are not as their proofs say, in
/// its order (read in parallel); one that is not there is not among them.
fn not_as_proved(target: &Path, proved: &[(&str, Proof)]) -> Vec<String> {
    use rayon::prelude::*;
    proved
        .par_iter()
        .filter(|(path, proof)| {
            let file = target.join(path);
            fs::symlink_metadata(&file).is_ok() && !proof.holds(&file)
        })
        .map(|(path, _)| (*path).to_string())
        .collect()
}

/// The lines of a marker's list for the sorted `paths`: for a path in `fresh` (a file this
/// build wrote), the proof there (none, for `None`: a file an update in place is about to
/// replace, whose bytes are old or new until it is done); for any other, what the previous
/// marker's sorted list `old` says of it (the file was not written again). Both go in the same
/// order (a path's bytes), so `old` is read once, alongside.
pub fn lines<'a>(
    paths: impl Iterator<Item = &'a str>,
    fresh: &foldhash::HashMap<&str, Option<Proof>>,
    old: &str,
) -> String {
    let mut out = String::new();
    let mut old = old.lines().map(split).peekable();
    for path in paths {
        out.push_str(path);
        while old.next_if(|(p, _)| *p < path).is_some() {}
        match fresh.get(path) {
            Some(Some(proof)) => proof.write_to(&mut out),
            Some(None) => {}
            None => {
                if let Some((_, after)) = old.next_if(|(p, _)| *p == path) {
                    out.push_str(after);
                }
            }
        }
        out.push('\n');
    }
    out
}

/// [`lines`] for an update that neither adds nor deletes a file, whose `paths` are those of
/// `old` in its order: `old` itself with the lines of the files in `fresh` made again, the rest
/// copied as they are, without reading them one by one ([`lines`] took 12 ms for the 49,000
/// lines of 10,000 releases, twice per update; at 100,000 there are 470,000). `None` when
/// `old` is not such a list (a line too many, such as a path listed twice in a marker written
/// by hand, or no line of a path of `fresh`, or a last line with no line end): the caller then
/// takes [`lines`]. For a list warta wrote (sorted, one line per path) the two give the same
/// text.
pub fn replaced(
    old: &str,
    paths: usize,
    fresh: &foldhash::HashMap<&str, Option<Proof>>,
) -> Option<String> {
    if !(old.is_empty() || old.ends_with('\n')) || line_count(old) != paths {
        return None;
    }
    let mut keys: Vec<(&str, &Option<Proof>)> = fresh.iter().map(|(k, v)| (*k, v)).collect();
    keys.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut out = String::with_capacity(old.len() + keys.len() * 40);
    // Where the text not yet copied starts: always a line's start.
    let mut at = 0;
    for (path, proof) in keys {
        let (start, end) = line_of(old, at, path)?;
        out.push_str(&old[at..start]);
        out.push_str(path);
        if let Some(proof) = proof {
            proof.write_to(&mut out);
        }
        out.push('\n');
        at = end + 1;
    }
    out.push_str(&old[at..]);
    Some(out)
}

/// The number of lines of a list whose every line ends with a line end.
fn line_count(list: &str) -> usize {
    list.bytes().filter(|&b| b == b'\n').count()
}

/// The start and the end (its line end) of the line of `path` in the sorted `list`, at or
/// after the line starting at `from`: found by its text, a line end and the path, and taken
/// only if [`split`] reads that line as `path`'s (a path may be the start of another's,
/// `index.html` of `index.html.bak`, or hold a tab).
fn line_of(list: &str, from: usize, path: &str) -> Option<(usize, usize)> {
    let end_of = |start: usize| list[start..].find('\n').map(|e| start + e);
    let is_its = |start: usize, end: usize| split(&list[start..end]).0 == path;
    if from < list.len() && list[from..].starts_with(path) {
        let end = end_of(from)?;
        if is_its(from, end) {
            return Some((from, end));
        }
    }
    let needle = format!("\n{path}");
    let finder = memchr::memmem::Finder::new(needle.as_bytes());
    // The line end before `from` (or none at the list's start) begins the search.
    let mut search = from.saturating_sub(1);
    loop {
        // A match starts with a line end: at a character's boundary.
        let found = search + finder.find(list.as_bytes().get(search..)?)?;
        let start = found + 1;
        let end = end_of(start)?;
        if start >= from && is_its(start, end) {
            return Some((start, end));
        }
        search = start;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(path: &str, proof: Proof) -> String {
        let mut out = path.to_string();
        proof.write_to(&mut out);
        out
    }

    #[test]
    fn a_line_reads_back_whatever_its_path() {
        let page = Proof::of_bytes(b"<p>Halo</p>");
        let photo = Proof::of_len(40_213);
        for path in ["index.html", "2023/05/a b/index.html", "tab\there", "x\t12", "y\t7\txxh3:1"] {
            for proof in [page, photo] {
                let text = line(path, proof);
                let (p, after) = split(&text);
                assert_eq!((p, parse(after)), (path, Some(proof)), "{text:?}");
            }
        }
        assert_eq!(line("index.html", photo), "index.html\t40213");
        assert!(line("a", page).starts_with("a\t11\txxh3:"), "{}", line("a", page));
    }

    #[test]
    fn a_line_without_a_proof_is_a_path_alone() {
        // Markers of warta before stop 68 list paths alone.
        for path in ["index.html", "notes\tdraft", "a\t12x", "b\t5\txxh3:zz", "c\t\txxh3:00"] {
            assert_eq!(split(path), (path, ""), "{path:?}");
            assert_eq!(parse(split(path).1), None);
        }
    }

    #[test]
    fn a_file_holds_its_proof_only_with_the_same_length_and_bytes() {
        let dir = tempfile::tempdir().expect("a folder");
        let file = dir.path().join("index.html");
        fs::write(&file, "<p>Halo</p>").expect("written");
        assert!(Proof::of_bytes(b"<p>Halo</p>").holds(&file));
        assert!(!Proof::of_bytes(b"<p>Hali</p>").holds(&file), "same length, other bytes");
        assert!(!Proof::of_bytes(b"<p>Halo!</p>").holds(&file));
        assert!(Proof::of_len(11).holds(&file));
        assert!(!Proof::of_len(12).holds(&file));
        assert!(!Proof::of_len(0).holds(dir.path()), "a folder is not a file");
        assert!(!Proof::of_len(11).holds(&dir.path().join("missing")));
    }

    #[test]
    fn altered_names_the_files_not_as_listed_and_skips_the_rest() {
        let dir = tempfile::tempdir().expect("a folder");
        fs::write(dir.path().join("same.html"), "warta").expect("written");
        fs::write(dir.path().join("mine.html"), "my own page").expect("written");
        fs::write(dir.path().join("old.html"), "no proof").expect("written");
        let list = [
            line("gone.html", Proof::of_bytes(b"deleted by hand")),
            line("mine.html", Proof::of_bytes(b"warta's page")),
            "old.html".to_string(),
            line("../mine.html", Proof::of_len(1)),
            line("same.html", Proof::of_bytes(b"warta")),
        ]
        .join("\n");
        assert_eq!(altered(dir.path(), &list), ["mine.html"]);
    }

    #[test]
    fn altered_among_checks_only_the_paths_asked_for_and_agrees_with_altered() {
        let dir = tempfile::tempdir().expect("a folder");
        for (name, text) in [("a.html", "warta"), ("b.html", "by hand"), ("c.html", "by hand")] {
            fs::write(dir.path().join(name), text).expect("written");
        }
        let list = [
            line("a.html", Proof::of_bytes(b"warta")),
            line("b.html", Proof::of_bytes(b"warta's b")),
            "c.html".to_string(),
            line("gone.html", Proof::of_len(3)),
            line("z.html", Proof::of_bytes(b"z")),
            String::new(),
        ]
        .join("\n");
        let all = ["a.html", "b.html", "c.html", "gone.html", "new.html", "z.html"];
        assert_eq!(altered_among(dir.path(), &list, &all), ["b.html"]);
        assert_eq!(altered_among(dir.path(), &list, &all), altered(dir.path(), &list));
        assert!(altered_among(dir.path(), &list, &["a.html", "c.html"]).is_empty());
        fs::write(dir.path().join("z.html"), "y").expect("written");
        assert_eq!(altered_among(dir.path(), &list, &["new.html", "z.html"]), ["z.html"]);
    }

    #[test]
    fn lines_take_fresh_proofs_and_keep_the_old_ones() {
        let (a, b, c) = (Proof::of_len(1), Proof::of_len(2), Proof::of_bytes(b"c"));
        let old = [line("a", a), "b".to_string(), line("c", c), line("d", a)].join("\n");
        let fresh: foldhash::HashMap<&str, Option<Proof>> =
            [("b", Some(b)), ("c", None), ("e", Some(c))].into_iter().collect();
        let got = lines(["a", "b", "c", "e"].into_iter(), &fresh, &old);
        let want = [line("a", a), line("b", b), "c".to_string(), line("e", c)].join("\n") + "\n";
        assert_eq!(got, want);
    }

    /// A list as warta writes it: sorted, every line with its proof and a line end.
    fn list_of(paths: &std::collections::BTreeSet<String>) -> String {
        paths.iter().map(|p| line(p, Proof::of_bytes(p.as_bytes())) + "\n").collect()
    }

    proptest::proptest! {
        /// An update's list made from the old one by its changed lines is the list made line
        /// by line, whatever the paths (prefixes of each other, tabs and digits in them) and
        /// whichever files changed, with a proof or without.
        #[test]
        fn replaced_is_lines_for_an_update_that_adds_and_deletes_nothing(
            paths in proptest::collection::btree_set("[a/.\t1-]{1,5}(index\\.html)?", 1..40),
            picks in proptest::collection::vec((0usize..40, proptest::option::of(0u64..3)), 0..8),
        ) {
            let old = list_of(&paths);
            let all: Vec<&str> = paths.iter().map(String::as_str).collect();
            let fresh: foldhash::HashMap<&str, Option<Proof>> = picks
                .iter()
                .map(|(k, len)| (all[k % all.len()], len.map(Proof::of_len)))
                .collect();
            let want = lines(all.iter().copied(), &fresh, &old);
            proptest::prop_assert_eq!(replaced(&old, all.len(), &fresh), Some(want));
        }
    }

    #[test]
    fn replaced_declines_a_list_it_cannot_take_as_it_is() {
        let paths: std::collections::BTreeSet<String> =
            ["a", "b/index.html", "index.html"].map(String::from).into();
        let old = list_of(&paths);
        let fresh: foldhash::HashMap<&str, Option<Proof>> =
            [("index.html", Some(Proof::of_len(3)))].into_iter().collect();
        assert!(replaced(&old, 3, &fresh).is_some());
        // A path listed twice, a last line with no line end, a path the list does not hold.
        assert_eq!(replaced(&format!("{old}{}\n", line("a", Proof::of_len(1))), 3, &fresh), None);
        assert_eq!(replaced(old.trim_end(), 3, &fresh), None);
        let other: foldhash::HashMap<&str, Option<Proof>> =
            [("index.htm", None)].into_iter().collect();
        assert_eq!(replaced(&old, 3, &other), None);
        // Nothing changed: the list as it was; an empty list stays empty.
        assert_eq!(replaced(&old, 3, &foldhash::HashMap::default()), Some(old.clone()));
        assert_eq!(replaced("", 0, &foldhash::HashMap::default()), Some(String::new()));
    }
}
