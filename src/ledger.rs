//! The ledger of published releases: a small text file in the site (`warta-ledger.tsv`), meant
//! to be committed with the content, that gives every release a guid that never changes once
//! published, and remembers every URL it has had, so feeds never re-post a release whose title,
//! slug or file name changed, and old links keep working as redirects.
//!
//! Pure: [`Ledger::parse`] reads the text, [`Ledger::assign`] matches the current releases to
//! it, [`Ledger::to_text`] writes it back. Only `load` and `write` touch the file.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::collections::BTreeMap;

/// The ledger's file name, in the site's root.
pub const FILE: &str = "warta-ledger.tsv";

const HEADER: &str = "# warta ledger: the permanent identity (guid) of every published release and every URL it has had.\n\
# Written by `warta build`; commit it with the content. Never change a guid: feed readers and\n\
# cross-posting services use it to recognise a release they have already posted.\n\
# guid\tsource\tdate\ttitle\tpaths (current first)\n";

/// One published release as remembered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub guid: String,
    /// The source file when last built: `content/2023/05/workshop.md`.
    pub source: String,
    /// RFC 3339 publication date.
    pub date: String,
    pub title: String,
    /// Every site path it has had, the current one first.
    pub paths: Vec<String>,
    /// Its file was found gone by an earlier build (a sixth column, `removed`): from then on it
    /// is recognised only by its id, its file or its URL, never by its title or its date, so a
    /// new release of the same day or title does not take its guid (and is not announced).
    pub removed: bool,
}

/// What the ledger needs to know of a release to recognise it.
#[derive(Debug, Clone, Copy)]
pub struct Key<'a> {
    /// A guid pinned in front matter (`id:`).
    pub pinned: Option<&'a str>,
    pub source: &'a str,
    pub date: &'a str,
    pub title: &'a str,
    pub path: &'a str,
    /// `workshop-media-sosial`, for a new guid.
    pub slug: &'a str,
}

impl Entry {
    /// Whether this entry remembers `k` as it is: its file, date and title, and its URL as
    /// the only one it has had, and its file not found gone. Recording `k` changes nothing.
    fn is(&self, k: &Key<'_>) -> bool {
        !self.removed
            && self.source == k.source
            && self.date == k.date
            && self.title == k.title
            && matches!(self.paths.as_slice(), [only] if only == k.path)
    }
}

/// The entries that remember one value (a file, a URL, a title, a date): almost always one,
/// kept without a list of its own.
#[derive(Default)]
enum Candidates<'a> {
    #[default]
    Empty,
    One(&'a Entry),
    Many(Vec<&'a Entry>),
}

impl<'a> Candidates<'a> {
    fn push(&mut self, e: &'a Entry) {
        *self = match std::mem::take(self) {
            Candidates::Empty => Candidates::One(e),
            Candidates::One(first) => Candidates::Many(vec![first, e]),
            Candidates::Many(mut all) => {
                all.push(e);
                Candidates::Many(all)
            }
        };
    }

    fn as_slice(&self) -> &[&'a Entry] {
        match self {
            Candidates::Empty => &[],
            Candidates::One(e) => std::slice::from_ref(e),
            Candidates::Many(all) => all,
        }
    }
}

/// What the ledger says of one release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub guid: String,
    /// Earlier site paths, newest first, to redirect to the current one.
    pub former_paths: Vec<String>,
    /// How the release was recognised.
    pub by: Recognised,
}

/// How [`Ledger::assign`] recognised a release, in the order it tries the ways.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Recognised {
    /// Its pinned id (`id:` in the front matter).
    Pinned,
    /// The one entry of its source file.
    Source,
    /// The one entry of its URL.
    Path,
    /// The one entry of its title.
    Title,
    /// The one entry of its date.
    Date,
    /// Not at all: a new entry.
    New,
}

impl Recognised {
    /// Whether titles were compared to recognise it: it was not recognised by its id, its file
    /// or its URL. When no release of a build is, no title decides any identity.
    pub fn compared_titles(self) -> bool {
        self >= Recognised::Title
    }
}

/// All remembered releases, by guid.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    entries: BTreeMap<String, Entry>,
    /// The release files read by this build, in any state (published, draft, scheduled,
    /// expired): an entry of one of them is that file's release's alone ([`Ledger::hold`]).
    held: HashSet<String>,
    /// How many merge conflicts of git the text held, both sides of each taken
    /// ([`Ledger::parse`]).
    pub conflicts: usize,
}

/// Two ledgers are equal when they remember the same releases; the files a build holds are
/// not remembered.
impl PartialEq for Ledger {
    fn eq(&self, other: &Ledger) -> bool {
        self.entries == other.entries
    }
}

impl Eq for Ledger {}

/// A line of the ledger that could not be read (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerError {
    pub line: usize,
    pub message: String,
}

impl Ledger {
    /// Reads the ledger's text. Its lines are read in parallel (at 10,000 releases reading them
    /// one by one was the longest part of assembling the site after an edit), and the entries,
    /// which the ledger keeps sorted by guid, are put in the map in one pass. A line that does
    /// not read is the error, the first such in the file; else a guid that appears twice, at
    /// the first line that repeats one.
    ///
    /// A ledger two people changed at once, each publishing a release, and that git merged with
    /// a conflict (its `<<<<<<<`, `=======` and `>>>>>>>` lines around the two sides' lines,
    /// and `|||||||` before the common ancestor's in the diff3 style) is read as the two sides
    /// together: every release either side published keeps its guid, and the build writes the
    /// file back without the conflict ([`Ledger::conflicts`] counts them). A release both sides
    /// changed keeps the first side's line, with every address either side knew it by.
    pub fn parse(text: &str) -> Result<Ledger, LedgerError> {
        use rayon::prelude::*;
        let mut conflicts = 0;
        let mut in_base = false;
        let lines: Vec<(usize, &str)> = text
            .lines()
            .enumerate()
            .filter(|&(_, line)| match Conflict::of(line) {
                Some(marker) => {
                    conflicts += usize::from(marker == Conflict::Start);
                    in_base = marker == Conflict::Base;
                    false
                }
                None => !(in_base || line.trim().is_empty() || line.starts_with('#')),
            })
            .map(|(i, line)| (i + 1, line))
            .collect();
        let read: Vec<Result<Entry, LedgerError>> =
            lines.par_iter().with_min_len(256).map(|&(n, line)| entry(n, line)).collect();
        let mut entries = Vec::with_capacity(read.len());
        for (entry, &(n, _)) in read.into_iter().zip(&lines) {
            entries.push((n, entry?));
        }
        // Sorted already, as `to_text` writes it: the sort only checks (stable, so that of a
        // conflict's two lines of one release, the first side's stays first).
        entries.sort_by(|(_, a), (_, b)| a.guid.cmp(&b.guid));
        if conflicts > 0 {
            entries.dedup_by(|(_, later), (_, first)| {
                let same = later.guid == first.guid;
                if same {
                    for path in later.paths.drain(..) {
                        if !first.paths.contains(&path) {
                            first.paths.push(path);
                        }
                    }
                    first.removed &= later.removed;
                }
                same
            });
        }
        let twice = entries.windows(2).filter(|w| w[0].1.guid == w[1].1.guid);
        if let Some((n, guid)) = twice.map(|w| (w[0].0.max(w[1].0), &w[1].1.guid)).min() {
            return Err(LedgerError { line: n, message: format!("guid {guid:?} appears twice") });
        }
        let entries = entries.into_iter().map(|(_, e)| (e.guid.clone(), e)).collect();
        Ok(Ledger { entries, held: HashSet::new(), conflicts })
    }

    /// Notes the release files this build read, in any state: the entry of one of them is its
    /// release's, recognised by its file, and no other release takes it by its URL, its title
    /// or its date. (A release past its `expires:`, or made a draft again, is not recorded by
    /// the build, and a new release of its day would otherwise take its guid.)
    pub fn hold(&mut self, sources: impl IntoIterator<Item = String>) {
        self.held = sources.into_iter().collect();
    }

    /// Whether the release file `source` was read by this build ([`Ledger::hold`]).
    pub fn holds(&self, source: &str) -> bool {
        self.held.contains(source)
    }

    /// Marks the releases `guids` as found gone ([`Entry::removed`]).
    pub fn mark_removed<'a>(&mut self, guids: impl IntoIterator<Item = &'a str>) {
        for guid in guids {
            if let Some(e) = self.entries.get_mut(guid) {
                e.removed = true;
            }
        }
    }

    /// The ledger as text, sorted by guid so that it diffs well.
    pub fn to_text(&self) -> String {
        // Written into one string as it grows, a tab or line break in a field made a space: at
        // 10,000 releases a text and a few allocations per field took 12 ms of every build
        // (the text is compared with the file's to know whether it changed).
        let mut out = String::with_capacity(HEADER.len() + 160 * self.entries.len());
        out.push_str(HEADER);
        let field = |out: &mut String, s: &str| {
            const BREAKS: [char; 3] = ['\t', '\n', '\r'];
            if s.contains(BREAKS) {
                out.extend(s.chars().map(|c| if BREAKS.contains(&c) { ' ' } else { c }));
            } else {
                out.push_str(s);
            }
        };
        for e in self.entries.values() {
            for text in [&e.guid, &e.source, &e.date, &e.title] {
                field(&mut out, text);
                out.push('\t');
            }
            for (i, path) in e.paths.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(path);
            }
            if e.removed {
                out.push_str("\tremoved");
            }
            out.push('\n');
        }
        out
    }

    /// Matches releases to the ledger and returns each one's identity (in the order of `keys`)
    /// and the updated ledger. A release is recognised by its pinned id, else by its source
    /// file, its URL, its title, or its date, in that order: only what changed all at once
    /// between two builds can make it look new. Releases no longer present stay in the ledger,
    /// so a guid is never reused. `host` names the site in new guids
    /// (`tag:humas.example.go.id,2023-05-15:workshop`, RFC 4151).
    pub fn assign(&self, keys: &[Key<'_>], host: &str) -> (Vec<Identity>, Ledger) {
        self.clone().into_assigned(keys, host)
    }

    /// [`Ledger::assign`], updating this ledger in place of a copy: a build's ledger has an
    /// entry for every release ever published, and most of them do not change.
    pub fn into_assigned(mut self, keys: &[Key<'_>], host: &str) -> (Vec<Identity>, Ledger) {
        let mut guids: Vec<Option<String>> = vec![None; keys.len()];
        let mut by = vec![Recognised::New; keys.len()];
        // Whether the entry taken is the release as it is now (file, date, title and one URL,
        // the release's, and not removed): then nothing of it changes, and it is not looked up
        // again by its guid. At 100,000 releases after an edit, that is all of them but one.
        let mut as_it_is = vec![false; keys.len()];
        // Pinned ids that are not (yet) in the ledger are taken all the same.
        let mut pinned: HashSet<String> = HashSet::new();
        {
            // The guids taken: pinned ids by their text, entries by their place in memory
            // (hashing a pointer, not a guid of 40 characters, 100,000 times a build).
            let mut claimed: HashSet<&str> = HashSet::new();
            let mut taken: HashSet<*const Entry> = HashSet::new();
            // Pinned ids first, then each way of recognising a release in turn, so that a
            // strong match is never taken away by a weaker one.
            for (i, k) in keys.iter().enumerate() {
                if let Some(id) = k.pinned {
                    if claimed.insert(id) {
                        pinned.insert(id.to_string());
                        guids[i] = Some(id.to_string());
                        by[i] = Recognised::Pinned;
                    }
                }
            }
            // Each way of recognising a release, as (what the entry remembers, what the
            // release has).
            type Current = for<'k> fn(&'k Key<'k>) -> &'k str;
            type Remembered = fn(&Entry) -> Option<&str>;
            let ways: [(Recognised, Remembered, Current); 4] = [
                (Recognised::Source, |e| Some(&e.source), |k| k.source),
                (Recognised::Path, |e| e.paths.first().map(String::as_str), |k| k.path),
                (Recognised::Title, |e| Some(&e.title), |k| k.title),
                (Recognised::Date, |e| Some(&e.date), |k| k.date),
            ];
            for (way, remembered, current) in ways {
                if guids.iter().all(Option::is_some) {
                    break;
                }
                let mut index: HashMap<&str, Candidates<'_>> =
                    HashMap::with_capacity(self.entries.len());
                // Past its file, an entry whose file is still read is that file's release's;
                // one found gone before is recognised by its URL at most.
                let open = |e: &Entry| match way {
                    Recognised::Source => true,
                    Recognised::Path => !self.held.contains(&e.source),
                    _ => !self.held.contains(&e.source) && !e.removed,
                };
                for e in self.entries.values().filter(|e| open(e)) {
                    if let Some(v) = remembered(e) {
                        index.entry(v).or_default().push(e);
                    }
                }
                for (i, k) in keys.iter().enumerate() {
                    if guids[i].is_some() {
                        continue;
                    }
                    let candidates = index.get(current(k)).map_or(&[][..], Candidates::as_slice);
                    let free = |e: &&&Entry| {
                        !taken.contains(&std::ptr::from_ref(**e))
                            && (claimed.is_empty() || !claimed.contains(e.guid.as_str()))
                    };
                    let mut found = candidates.iter().filter(free);
                    if let (Some(e), None) = (found.next(), found.next()) {
                        taken.insert(std::ptr::from_ref(*e));
                        guids[i] = Some(e.guid.clone());
                        by[i] = way;
                        as_it_is[i] = e.is(k);
                    }
                }
            }
        }
        let mut identities = Vec::with_capacity(keys.len());
        for (i, k) in keys.iter().enumerate() {
            if as_it_is[i] {
                let guid = guids[i].take().unwrap_or_default();
                identities.push(Identity { guid, former_paths: Vec::new(), by: by[i] });
                continue;
            }
            // Every guid claimed so far is in the ledger already, or pinned.
            let guid = guids[i].take().unwrap_or_else(|| {
                let day = k.date.get(..10).unwrap_or(k.date);
                let base = format!("tag:{host},{day}:{}", k.slug);
                let mut guid = base.clone();
                let mut n = 2;
                while self.entries.contains_key(&guid) || pinned.contains(&guid) {
                    guid = format!("{base}-{n}");
                    n += 1;
                }
                guid
            });
            let former_paths = match self.entries.get_mut(&guid) {
                Some(e) => {
                    let former: Vec<String> =
                        e.paths.iter().filter(|p| *p != k.path).cloned().collect();
                    let same_paths = e.paths.len() == former.len() + 1 && e.paths[0] == k.path;
                    if !same_paths {
                        e.paths = std::iter::once(k.path.to_string())
                            .chain(former.iter().cloned())
                            .collect();
                    }
                    for (field, now) in
                        [(&mut e.source, k.source), (&mut e.date, k.date), (&mut e.title, k.title)]
                    {
                        if field != now {
                            *field = now.to_string();
                        }
                    }
                    // Back: its file restored, or a release at its URL again.
                    e.removed = false;
                    former
                }
                None => {
                    let entry = Entry {
                        guid: guid.clone(),
                        source: k.source.to_string(),
                        date: k.date.to_string(),
                        title: k.title.to_string(),
                        paths: vec![k.path.to_string()],
                        removed: false,
                    };
                    self.entries.insert(guid.clone(), entry);
                    Vec::new()
                }
            };
            identities.push(Identity { guid, former_paths, by: by[i] });
        }
        (identities, self)
    }

    /// Sets the title remembered of the release `guid`, if it is remembered: what recording
    /// it again with that title would do ([`Ledger::into_assigned`]).
    pub fn retitle(&mut self, guid: &str, title: &str) {
        if let Some(e) = self.entries.get_mut(guid) {
            title.clone_into(&mut e.title);
        }
    }

    /// Every release remembered, by guid.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.values()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// One line of the ledger (its number `n`, 1-based) as its entry.
/// A line git writes in a file it could not merge: the start of a conflict and of its first
/// side, the start of the common ancestor's lines (the diff3 style), the start of the second
/// side, and the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Conflict {
    Start,
    Base,
    Other,
    End,
}

impl Conflict {
    fn of(line: &str) -> Option<Conflict> {
        let marker =
            |m: &str| line == m || line.strip_prefix(m).is_some_and(|r| r.starts_with(' '));
        [
            ("<<<<<<<", Conflict::Start),
            ("|||||||", Conflict::Base),
            ("=======", Conflict::Other),
            (">>>>>>>", Conflict::End),
        ]
        .into_iter()
        .find_map(|(m, c)| marker(m).then_some(c))
    }
}

fn entry(n: usize, line: &str) -> Result<Entry, LedgerError> {
    let mut cols = line.split('\t');
    let mut next = || cols.next();
    let (Some(guid), Some(source), Some(date), Some(title), Some(paths), mark, None) =
        (next(), next(), next(), next(), next(), next(), next())
    else {
        return Err(LedgerError {
            line: n,
            message: format!(
                "expected 5 tab-separated columns (and `removed` as a sixth for a release whose \
                 file is gone), found {}",
                line.split('\t').count()
            ),
        });
    };
    let removed = match mark {
        None => false,
        Some("removed") => true,
        Some(other) => {
            return Err(LedgerError {
                line: n,
                message: format!(
                    "expected `removed` or nothing in the sixth column, got {other:?}"
                ),
            })
        }
    };
    // Former paths become redirect pages: each must be a folder of the site, never a file or a
    // way out of the output (`../`).
    if let Some(bad) = paths.split(' ').find(|p| !p.is_empty() && !is_site_folder(p)) {
        return Err(LedgerError {
            line: n,
            message: format!(
                "path {bad:?} is not a folder of the site like 2023/05/workshop/ (it must end in \
                 '/', without '..' or other unsafe parts)"
            ),
        });
    }
    Ok(Entry {
        guid: guid.to_string(),
        source: source.to_string(),
        date: date.to_string(),
        title: title.to_string(),
        paths: paths.split(' ').filter(|p| !p.is_empty()).map(str::to_string).collect(),
        removed,
    })
}

/// Whether a ledger path is a folder of the site: safe segments, each followed by '/'.
fn is_site_folder(path: &str) -> bool {
    path.strip_suffix('/').is_some_and(|inner| {
        !inner.is_empty() && inner.split('/').all(crate::slug::is_safe_segment)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_that_is_not_a_folder_of_the_site_is_an_error_at_its_line() {
        let row = |paths: &str| {
            format!("# c\ntag:x,2023-05-15:a\tcontent/a.md\t2023-05-15\tA\t{paths}\n")
        };
        assert!(Ledger::parse(&row("2023/05/a/ 2023/05/b/")).is_ok());
        for bad in
            ["2023/05/a", "../../etc/", "2023/../a/", "/abs/", "2023//a/", "2023/05/a/index.html"]
        {
            let e = Ledger::parse(&row(bad)).expect_err(bad);
            assert_eq!(e.line, 2, "{bad}");
            assert!(e.message.contains("must end in '/'"), "{}", e.message);
        }
    }

    #[test]
    fn a_ledger_out_of_order_reads_and_a_guid_twice_is_an_error_at_its_second_line() {
        let row =
            |guid: &str| format!("{guid}\tcontent/{guid}.md\t2023-05-15\tJudul\t2023/05/{guid}/\n");
        let text = format!("# c\n{}{}{}", row("c"), row("a"), row("b"));
        let ledger = Ledger::parse(&text).expect("out of order");
        let guids: Vec<&str> = ledger.entries().map(|e| e.guid.as_str()).collect();
        assert_eq!(guids, ["a", "b", "c"]);
        assert_eq!(Ledger::parse(&ledger.to_text()).expect("in order"), ledger);
        // Lines 2 to 6: x, y, x, y, z. The first line to repeat a guid is line 4.
        let text = format!("# c\n{}{}{}{}{}", row("x"), row("y"), row("x"), row("y"), row("z"));
        let e = Ledger::parse(&text).expect_err("x twice");
        assert_eq!((e.line, e.message.as_str()), (4, "guid \"x\" appears twice"));
        // A line that does not read comes first, wherever it is.
        let e = Ledger::parse(&format!("{text}just one column\n")).expect_err("a bad line");
        assert_eq!(e.line, 7);
        assert!(e.message.contains("expected 5 tab-separated columns"), "{}", e.message);
        assert!(e.message.ends_with("found 1"), "{}", e.message);
    }

    fn key<'a>(source: &'a str, title: &'a str, path: &'a str, slug: &'a str) -> Key<'a> {
        Key { pinned: None, source, date: "2023-05-15T09:00:00+08:00", title, path, slug }
    }

    #[test]
    fn new_releases_get_a_tag_uri() {
        let (ids, ledger) = Ledger::default()
            .assign(&[key("content/a.md", "A", "2023/05/a/", "a")], "example.go.id");
        assert_eq!(ids[0].guid, "tag:example.go.id,2023-05-15:a");
        assert!(ids[0].former_paths.is_empty());
        assert_eq!(Ledger::parse(&ledger.to_text()).unwrap(), ledger);
    }

    #[test]
    fn guid_survives_a_title_and_slug_change_and_old_url_is_remembered() {
        let (first, ledger) =
            Ledger::default().assign(&[key("content/a.md", "Old", "2023/05/old/", "old")], "h");
        let (second, ledger) =
            ledger.assign(&[key("content/a.md", "New title", "2023/05/new/", "new")], "h");
        assert_eq!(first[0].guid, second[0].guid);
        assert_eq!(second[0].former_paths, ["2023/05/old/"]);
        // then the file is renamed too: the URL and title still recognise it
        let (third, _) =
            ledger.assign(&[key("content/b.md", "New title", "2023/05/new/", "new")], "h");
        assert_eq!(third[0].guid, first[0].guid);
        assert_eq!(third[0].former_paths, ["2023/05/old/"]);
    }

    /// A release recorded as it is (`Entry::is`) is not looked up again: each way it can
    /// differ from its entry still changes the entry, and the ledger and the identities are
    /// those of recording it anew.
    #[test]
    fn a_release_as_remembered_changes_nothing_and_each_difference_is_recorded() {
        let a = key("content/a.md", "A", "2023/05/a/", "a");
        let (first, ledger) = Ledger::default().assign(&[a], "h");
        let (again, same) = ledger.clone().into_assigned(&[a], "h");
        assert_eq!(
            (again[0].guid.as_str(), again[0].by),
            (first[0].guid.as_str(), Recognised::Source)
        );
        assert!(again[0].former_paths.is_empty());
        assert_eq!(same, ledger);
        // Back at the URL it had before: one entry with both, the current one first.
        let (_, moved) = ledger.assign(&[key("content/a.md", "A", "2023/05/b/", "b")], "h");
        let (back, returned) = moved.clone().into_assigned(&[a], "h");
        assert_eq!(back[0].guid, first[0].guid);
        assert_eq!(back[0].former_paths, ["2023/05/b/"]);
        assert!(
            returned.to_text().ends_with("\t2023/05/a/ 2023/05/b/\n"),
            "{}",
            returned.to_text()
        );
        // Its date and title, each on its own, and its file found gone, then back as it was.
        let dated = Key { date: "2023-05-16T09:00:00+08:00", ..a };
        let (_, redated) = ledger.clone().into_assigned(&[dated], "h");
        assert!(redated.to_text().contains("\t2023-05-16T09:00:00+08:00\t"));
        let (_, retitled) =
            ledger.clone().into_assigned(&[key("content/a.md", "B", "2023/05/a/", "a")], "h");
        assert!(retitled.to_text().contains("\tB\t2023/05/a/"));
        let mut gone = ledger.clone();
        gone.mark_removed([first[0].guid.as_str()]);
        let (_, restored) = gone.into_assigned(&[a], "h");
        assert_eq!(restored, ledger);
        assert!(!restored.to_text().contains("removed"));
    }

    #[test]
    fn everything_changed_at_once_falls_back_to_the_date() {
        let (first, ledger) =
            Ledger::default().assign(&[key("content/a.md", "A", "2023/05/a/", "a")], "h");
        let (second, _) = ledger.assign(&[key("content/z.md", "Z", "2023/05/z/", "z")], "h");
        assert_eq!(first[0].guid, second[0].guid);
    }

    /// Found by helper-28, stop 48: a release deleted, then in a later build a new release of
    /// the same day (or title) took the deleted one's guid, so cross-posting services, which had
    /// posted that guid, never announced it, and the deleted release's URL redirected to it. An
    /// entry found gone is recognised by its file or its URL only; the `removed` mark is kept in
    /// the file, and taken off when the release comes back.
    #[test]
    fn a_release_found_gone_keeps_its_guid_from_a_new_release_of_its_day_or_title() {
        let (first, mut ledger) =
            Ledger::default().assign(&[key("content/a.md", "Rapat A", "2023/05/a/", "a")], "h");
        ledger.mark_removed([first[0].guid.as_str()]);
        let text = ledger.to_text();
        assert!(text.ends_with("\t2023/05/a/\tremoved\n"), "{text}");
        let ledger = Ledger::parse(&text).expect("reads back");
        for new in [
            key("content/z.md", "Z", "2023/05/z/", "z"),
            key("content/y.md", "Rapat A", "2023/05/y/", "y"),
        ] {
            let (ids, _) = ledger.assign(&[new], "h");
            assert_ne!(ids[0].guid, first[0].guid, "{new:?} took the removed release's guid");
        }
        // Its file restored: its own again, and no longer marked.
        let (back, restored) =
            ledger.assign(&[key("content/a.md", "Rapat A", "2023/05/a/", "a")], "h");
        assert_eq!(back[0].guid, first[0].guid);
        assert!(!restored.to_text().contains("removed"));
        let e = Ledger::parse("g\ts\td\tt\ta/\tgone\n").expect_err("an unknown mark");
        assert!(e.message.contains("expected `removed` or nothing"), "{}", e.message);
    }

    /// The entry of a release whose file is still read (past its `expires:`, made a draft) is
    /// that file's: a new release of the same day does not take it.
    #[test]
    fn an_entry_whose_file_is_still_read_is_not_taken_by_its_date() {
        let (first, mut ledger) =
            Ledger::default().assign(&[key("content/a.md", "A", "2023/05/a/", "a")], "h");
        ledger.hold(["content/a.md", "content/z.md"].map(String::from));
        let (ids, _) = ledger.assign(&[key("content/z.md", "Z", "2023/05/z/", "z")], "h");
        assert_ne!(ids[0].guid, first[0].guid);
    }

    #[test]
    fn a_pinned_id_wins_and_guids_are_never_reused() {
        let (_, ledger) =
            Ledger::default().assign(&[key("content/a.md", "A", "2023/05/a/", "a")], "h");
        let mut pinned = key("content/a.md", "A", "2023/05/a/", "a");
        pinned.pinned = Some("kanwil-2023-001");
        let other = Key {
            date: "2024-01-01T00:00:00+08:00",
            ..key("content/x.md", "X", "2024/01/a/", "a")
        };
        let (ids, ledger) = ledger.assign(&[pinned, other], "h");
        assert_eq!(ids[0].guid, "kanwil-2023-001");
        // the old entry "tag:h,2023-05-15:a" is not claimed by the unrelated release
        assert_eq!(ids[1].guid, "tag:h,2024-01-01:a");
        assert_eq!(ledger.len(), 3);
    }

    #[test]
    fn each_identity_says_how_the_release_was_recognised() {
        let (_, ledger) = Ledger::default().assign(
            &[
                key("content/a.md", "A", "2023/05/a/", "a"),
                key("content/b.md", "B", "2023/05/b/", "b"),
                key("content/c.md", "C", "2023/05/c/", "c"),
            ],
            "h",
        );
        let mut pinned = key("content/p.md", "P", "2023/05/p/", "p");
        pinned.pinned = Some("kanwil-2023-001");
        let keys = [
            key("content/a.md", "A again", "2023/05/a2/", "a2"),
            key("content/b2.md", "B again", "2023/05/b/", "b"),
            key("content/c2.md", "C", "2023/05/c2/", "c2"),
            pinned,
            Key {
                date: "2024-01-01T00:00:00+08:00",
                ..key("content/n.md", "N", "2024/01/n/", "n")
            },
        ];
        let (ids, ledger) = ledger.assign(&keys, "h");
        let by: Vec<Recognised> = ids.iter().map(|id| id.by).collect();
        use Recognised::*;
        assert_eq!(by, [Source, Path, Title, Pinned, New]);
        // Only the last three of them: the title was compared for the file c2.md and for n.md.
        let compared: Vec<bool> = by.iter().map(|b| b.compared_titles()).collect();
        assert_eq!(compared, [false, false, true, false, true]);
        // Everything changed at once but the date, which one entry has.
        let dated =
            Key { date: "2024-01-01T00:00:00+08:00", ..key("content/z.md", "Z", "z/", "z") };
        let (ids, _) = ledger.assign(&[dated], "h");
        assert_eq!(ids[0].by, Date);
    }

    #[test]
    fn ambiguous_matches_are_not_taken() {
        let a = key("content/a.md", "Same", "2023/05/a/", "a");
        let b = key("content/b.md", "Same", "2023/05/b/", "b");
        let (ids, ledger) = Ledger::default().assign(&[a, b], "h");
        let (again, _) = ledger.assign(&[b, a], "h");
        assert_eq!(again[0].guid, ids[1].guid);
        assert_eq!(again[1].guid, ids[0].guid);
    }

    /// Found by use, stop 59: two writers each published a release and committed the ledger;
    /// git merged it with a conflict, and every build stopped at the `<<<<<<<` line, telling
    /// them to "restore the file from version control", which loses one side's guids.
    #[test]
    fn a_merge_conflict_of_git_keeps_both_sides() {
        let line = |guid: &str, paths: &str, removed: bool| {
            let mark = if removed { "\tremoved" } else { "" };
            format!("tag:x,2026-12-0{guid}:r{guid}\tcontent/r{guid}.md\t2026-12-01\tRilis {guid}\t{paths}{mark}\n")
        };
        // Both sides added a release; both changed release 1, one moving it, the other finding
        // it gone; the diff3 style also gives the common ancestor's lines, which are dropped.
        let text = format!(
            "{HEADER}{}<<<<<<< HEAD\n{}{}||||||| base\n{}=======\n{}{}>>>>>>> staff-b\n{}",
            line("0", "2026/12/r0/", false),
            line("1", "2026/12/baru/ 2026/12/r1/", false),
            line("2", "2026/12/r2/", false),
            line("1", "2026/12/lama/", false),
            line("1", "2026/12/r1/ 2026/12/lain/", true),
            line("3", "2026/12/r3/", false),
            line("4", "2026/12/r4/", false),
        );
        let l = Ledger::parse(&text).expect("both sides read");
        assert_eq!(l.conflicts, 1);
        let guids: Vec<&str> = l.entries().map(|e| e.guid.as_str()).collect();
        assert_eq!(
            guids,
            [
                "tag:x,2026-12-00:r0",
                "tag:x,2026-12-01:r1",
                "tag:x,2026-12-02:r2",
                "tag:x,2026-12-03:r3",
                "tag:x,2026-12-04:r4"
            ]
        );
        let one = l.entries().nth(1).expect("release 1");
        assert_eq!(
            one.paths,
            ["2026/12/baru/", "2026/12/r1/", "2026/12/lain/"],
            "the first side's first"
        );
        assert!(!one.removed, "gone only on one side");
        let written = l.to_text();
        assert!(
            !written.contains("<<<<<<<")
                && !written.contains("=======")
                && !written.contains("lama"),
            "{written}"
        );
        assert_eq!(Ledger::parse(&written).expect("reads back").conflicts, 0);
        // Without a conflict, a guid twice is still the error it was.
        let twice = format!("{HEADER}{}{}", line("1", "a/", false), line("1", "b/", false));
        assert!(Ledger::parse(&twice).is_err());
    }

    #[test]
    fn malformed_lines_are_reported() {
        let e = Ledger::parse("# header\nonly\ttwo\n").unwrap_err();
        assert_eq!(e.line, 2);
    }

    mod read_back {
        use super::*;
        use proptest::prelude::*;

        /// A release as the model can hand it to the ledger: a pinned id has no whitespace or
        /// control character and does not start with '#' (`model::release`), a path is made of
        /// slugs; a title and a file name can hold anything.
        fn release() -> impl Strategy<Value = (Option<String>, String, String, String, String)> {
            (
                proptest::option::of("[a-z0-9:,./_-][#a-z0-9:,./_-]{0,11}"),
                "(content/[a-z #\t]{1,6}\\.md)",
                "202[0-9]-0[1-9]-[12][0-9]T09:00:00\\+08:00",
                "\\PC{0,12}|[a#\t\n\r ]{0,6}",
                "[a-c]{1,3}",
            )
        }

        /// The ledger's text as `to_text` wrote it before it wrote into one string (stop 72):
        /// each field cleaned into a text of its own, each line formatted.
        fn written_field_by_field(ledger: &Ledger) -> String {
            let mut out = String::from(HEADER);
            for e in ledger.entries.values() {
                let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
                out.push_str(&format!(
                    "{}\t{}\t{}\t{}\t{}{}\n",
                    clean(&e.guid),
                    clean(&e.source),
                    clean(&e.date),
                    clean(&e.title),
                    e.paths.join(" "),
                    if e.removed { "\tremoved" } else { "" }
                ));
            }
            out
        }

        proptest! {
            /// What `to_text` writes, `parse` reads back: the same releases under the same guids
            /// with the same paths, and writing it again gives the same text. Tabs and line
            /// breaks in a title or file name are written as spaces (the file is tab-separated).
            #[test]
            fn the_ledger_reads_back_what_it_wrote(
                builds in prop::collection::vec(prop::collection::vec(release(), 0..5), 1..4)
            ) {
                let mut ledger = Ledger::default();
                for build in &builds {
                    let paths: Vec<String> =
                        build.iter().map(|r| format!("{}/{}/", &r.2[..7], r.4)).collect();
                    let keys: Vec<Key<'_>> = build
                        .iter()
                        .zip(&paths)
                        .map(|(r, path)| Key {
                            pinned: r.0.as_deref(),
                            source: &r.1,
                            date: &r.2,
                            title: &r.3,
                            path,
                            slug: &r.4,
                        })
                        .collect();
                    ledger = ledger.assign(&keys, "example.go.id").1;
                    let text = ledger.to_text();
                    prop_assert_eq!(&text, &written_field_by_field(&ledger));
                    let read = Ledger::parse(&text);
                    prop_assert!(read.is_ok(), "{:?} in\n{}", read, text);
                    let read = read.unwrap_or_default();
                    prop_assert_eq!(read.to_text(), text.clone());
                    prop_assert_eq!(read.len(), ledger.len(), "{}", text);
                    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
                    for (guid, e) in &ledger.entries {
                        let r = read.entries.get(guid);
                        prop_assert!(r.is_some(), "{:?} lost from\n{}", guid, text);
                        let r = r.cloned().unwrap_or_else(|| e.clone());
                        prop_assert_eq!(&r.paths, &e.paths);
                        prop_assert_eq!(r.title, clean(&e.title));
                        prop_assert_eq!(r.source, clean(&e.source));
                    }
                }
            }
        }
    }
}
