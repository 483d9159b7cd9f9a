//! The only stage that writes: output files go into a fresh staging folder beside the output
//! folder, which replaces the previous output only once the whole build has succeeded. A failed,
//! interrupted or killed build leaves the previous site as it was (a killed one is tidied by the
//! next build), one build at a time writes a given output (a lock beside it), and a folder that
//! holds anything warta did not write is never replaced without `--force`, and even then it is
//! kept, renamed, never deleted.
//!
//! Test hooks (environment variables, for tests/it/safety.rs; no user needs them):
//! `WARTA_TEST_SWAP=renames` swaps with two renames as where no atomic exchange exists,
//! `WARTA_TEST_PAUSE_BETWEEN_RENAMES_MS=<ms>` pauses between them so a test can kill the build
//! there, `WARTA_TEST_PAUSE_IN_UPDATE_MS=<ms>` pauses an in-place update after its first file,
//! `WARTA_TEST_LOCK_WAIT_MS=<ms>` shortens the 30 s a build waits for another one.

pub mod built;
mod folders;
mod guard;
pub mod photos;
mod place;
mod proof;

pub use folders::Folders;
pub use guard::{interrupted, was_placed};
pub(crate) use place::normalise;
pub use place::Presence;

pub use guard::OutputLock;

/// Takes the lock of the output folder `target` ([`OutputLock`]), creating the folder it goes
/// in; waits for a build that holds it. A build takes it before it reads the cache that
/// describes the output: one that read it while another held the lock found it describing an
/// output the other had replaced since, and wrote every file again.
pub fn lock_output(root: &Path, target: &Path) -> Result<OutputLock> {
    let place = place::resolve(root, target)?;
    fs::create_dir_all(&place.parent).map_err(Error::io(&place.parent))?;
    OutputLock::acquire(&place.parent, &place.name, target)
}

use crate::error::{ContentError, Error, Result};
use crate::load::Origin;
use crate::render::{Body, Output};
use proof::Proof;
use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The file that marks a folder as warta's output, and lists every file warta wrote in it.
pub const MARKER: &str = ".warta-output";
const MARKER_HEAD: &str = "\
This folder is written by `warta build` and replaced by every build. warta replaces it only while
it holds nothing but the files listed below: add a file, and the next build stops and asks for
--force (which moves the folder aside, never deletes it). Each file is listed with its length in
bytes and, for a page, a fingerprint of its bytes: a file changed since, or this list copied into
another folder, does not make that folder warta's.
";

/// A build publishing fewer than `1 / SHRINK_FACTOR` of the releases published before (by the
/// previous build, else as the ledger remembers) stops and asks for `--allow-shrink`.
pub const SHRINK_FACTOR: usize = 2;

/// What a marker file says.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Marker {
    releases: Option<usize>,
    /// What makes the output a preview, not the site to publish: `1 draft, 2 scheduled`, for
    /// a build with `--drafts` or `--future` that includes such releases ([`preview_of`]).
    preview: Option<String>,
    /// The token of the build that wrote the folder, which its cache names
    /// ([`crate::incremental`]).
    build: Option<String>,
    files: BTreeSet<String>,
}

impl Marker {
    /// `None` for a marker with no list of files (written by an older warta, or by hand).
    fn parse(text: &str) -> Option<Marker> {
        let (head, list) = text.split_once("\nfiles:\n")?;
        let releases = head.lines().find_map(|l| l.strip_prefix("releases: ")?.trim().parse().ok());
        let build = head.lines().find_map(build_line);
        let preview = head.lines().find_map(preview_line);
        let files = list.lines().map(|line| proof::split(line).0.to_string()).collect();
        Some(Marker { releases, preview, build, files })
    }

    #[cfg(test)]
    fn to_text(&self) -> String {
        let mut out = marker_head(self.releases, self.preview.as_deref(), self.build.as_deref());
        out.push_str(&marker_list(self.files.iter().map(String::as_str)));
        out
    }
}

/// The build token a line of a marker's head names, if it is the `build:` line.
fn build_line(line: &str) -> Option<String> {
    Some(line.strip_prefix("build: ")?.trim().to_string())
}

/// What a line of a marker's head says makes the output a preview, if it is the `preview:` line.
fn preview_line(line: &str) -> Option<String> {
    Some(line.strip_prefix("preview: ")?.trim().to_string())
}

/// What makes the output at `output` a preview rather than the site to publish (`1 draft`), as
/// its marker says: `None` for a build of what is published, or a folder without a marker.
pub fn preview_of(output: &Path) -> Option<String> {
    use std::io::BufRead;
    // The head only: the list of files after it is 445,000 lines at 100,000 releases.
    let file = fs::File::open(output.join(MARKER)).ok()?;
    std::io::BufReader::new(file)
        .lines()
        .map_while(std::result::Result::ok)
        .take_while(|line| line != "files:")
        .find_map(|line| preview_line(&line))
}

/// A marker's text up to its list of files.
fn marker_head(releases: Option<usize>, preview: Option<&str>, build: Option<&str>) -> String {
    let mut out = String::from(MARKER_HEAD);
    if let Some(n) = releases {
        out.push_str(&format!("releases: {n}\n"));
    }
    if let Some(preview) = preview {
        out.push_str(&format!("preview: {preview}\n"));
    }
    if let Some(build) = build {
        out.push_str(&format!("build: {build}\n"));
    }
    out.push_str("files:\n");
    out
}

/// A marker's list of files, one a line, in the order given (sorted: a set's), without proofs.
#[cfg(test)]
fn marker_list<'a>(files: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for f in files {
        out.push_str(f);
        out.push('\n');
    }
    out
}

/// A build's output under construction.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    place: place::Place,
    /// The target exists and is not only warta's (`--force`): keep it aside on commit.
    foreign: bool,
    /// The releases the previous output published, as its marker says.
    previous_releases: Option<usize>,
    /// The previous output's build token and files, when it is warta's.
    previous: Option<(Option<String>, BTreeSet<String>)>,
    /// Its folders, as the look at its files found them before an update in place.
    previous_folders: Folders,
    committed: bool,
    /// What the writer should know: leftovers repaired or left behind.
    notes: Vec<ContentError>,
    /// Every file `put` wrote, with its proof for the marker: known as they are written, so
    /// the finished folder is not walked again.
    written: std::sync::Mutex<Vec<(String, proof::Proof)>>,
    /// The folders `put` made (or found) in the staging folder: a release's folder holds a few
    /// files, and asking the file system to make it again for each was a twentieth of the
    /// time spent writing a cold build.
    folders: std::sync::Mutex<foldhash::HashSet<PathBuf>>,
    /// Set for a build that writes every file (`--clean`, no cache, a cache of another
    /// output): what it writes is compared with the previous output's file at the same path,
    /// and a file whose bytes are the same is that file, linked, so that its modification time
    /// stays and FTP clients set to "upload newer files" and rsync send only what changed.
    compare: bool,
    /// Files the comparison found there with other bytes, and not there at all (deleted by
    /// hand since the previous build).
    replaced: std::sync::atomic::AtomicUsize,
    missing: std::sync::atomic::AtomicUsize,
    /// Held until the staging folder is gone, in place or removed.
    _lock: OutputLock,
}

/// What a build that wrote every file found against the previous output
/// ([`Staging::compared`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Compared {
    /// Files that were not there.
    pub added: usize,
    /// Files that were there with other bytes.
    pub changed: usize,
    /// Files of the previous output this one does not have.
    pub removed: usize,
}

impl Staging {
    /// Checks that `target` may be replaced (or, with `update`, the token of the build the
    /// caller's cache describes, updated in place) and creates the staging folder beside it. `root` is
    /// the site, which the output must not be, contain, or be inside a source folder of. Waits
    /// for another build of the same output, and tidies what builds that died left behind.
    pub fn create(
        root: &Path,
        target: &Path,
        lock: OutputLock,
        force: bool,
        update: Option<&str>,
        presence: place::Presence,
    ) -> Result<Staging> {
        let place = place::resolve(root, target)?;
        place::refuse_mount_point(&place, target)?;
        let notes = place::sweep(&place)?;
        let mut previous = None;
        let mut previous_folders = Folders::default();
        let (looked, unsure) = presence.finish();
        let (foreign, previous_releases) =
            match place::owner(&place.target, target, update, looked, &unsure)? {
                place::Owner::Missing | place::Owner::Empty => (false, None),
                place::Owner::Warta { releases, build, files, folders: found } => {
                    previous = Some((build, files));
                    previous_folders = found;
                    (false, releases)
                }
                place::Owner::Foreign(_) if force => (true, None),
                place::Owner::Foreign(why) => {
                    return Err(Error::Refused(format!(
                        "{why}; warta replaces its output folder on every build, so it will not \
                     touch this one. Choose another --output, or pass --force to move it aside \
                     (to a .bak folder beside it) and build there"
                    )))
                }
            };
        let dir = place.parent.join(format!("{}{}", place::staging_prefix(&place.name), unique()));
        fs::create_dir(&dir).map_err(Error::io(&dir))?;
        guard::register(&dir);
        Ok(Staging {
            dir,
            place,
            foreign,
            previous_releases,
            previous,
            previous_folders,
            committed: false,
            notes,
            written: std::sync::Mutex::new(Vec::new()),
            folders: std::sync::Mutex::default(),
            compare: false,
            missing: Default::default(),
            replaced: Default::default(),
            _lock: lock,
        })
    }

    /// Has [`Staging::put`] compare every file with the previous output's (see
    /// [`Staging::compare`]): for a build that writes every file, where the previous output is
    /// warta's. Costs a read of each such file.
    pub fn compare_with_previous(&mut self) {
        self.compare = self.previous.is_some() && !self.foreign;
    }

    /// What the files written so far are against the previous output, if they were compared.
    pub fn compared(&mut self) -> Option<Compared> {
        let (_, old) = self.previous.as_ref().filter(|_| self.compare)?;
        let written = self.written.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner);
        let kept = written.iter().filter(|(rel, _)| old.contains(rel)).count();
        let missing = *self.missing.get_mut();
        Some(Compared {
            added: written.len() - kept + missing,
            changed: *self.replaced.get_mut(),
            removed: old.len() - kept,
        })
    }

    /// The previous output's files this build did not write, if they were compared.
    pub fn gone(&mut self) -> Vec<String> {
        let Some((_, old)) = self.previous.as_ref().filter(|_| self.compare) else {
            return Vec::new();
        };
        let written = self.written.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner);
        let written: std::collections::HashSet<&str> =
            written.iter().map(|(rel, _)| rel.as_str()).collect();
        old.iter().filter(|rel| !written.contains(rel.as_str())).cloned().collect()
    }

    /// The previous output's file at `rel`, when what is written is compared with it.
    fn earlier(&self, rel: &str) -> Option<PathBuf> {
        let (_, old) = self.previous.as_ref().filter(|_| self.compare)?;
        old.contains(rel).then(|| self.place.target.join(rel))
    }

    /// What a made file is linked from: the previous output's file `earlier` where its bytes
    /// are the same (a photo cache lost and made again makes the same bytes), else `cached`,
    /// the photo cache's.
    fn made_from<'p>(&self, cached: &'p Path, earlier: Option<&'p Path>) -> &'p Path {
        use std::sync::atomic::Ordering::Relaxed;
        let Some(old) = earlier else { return cached };
        let Ok(len) = fs::metadata(old).map(|m| m.len()) else {
            self.missing.fetch_add(1, Relaxed);
            return cached;
        };
        let same = fs::metadata(cached).is_ok_and(|m| m.len() == len)
            && fs::read(old).ok().is_some_and(|b| fs::read(cached).is_ok_and(|c| b == c));
        if same {
            return old;
        }
        self.replaced.fetch_add(1, Relaxed);
        cached
    }

    /// Writes `bytes` at `path`; where the previous output's file `earlier` holds the same
    /// bytes, links that file instead (its modification time stays).
    fn write_new(&self, path: &Path, bytes: &[u8], earlier: Option<&Path>) -> Result<()> {
        use std::sync::atomic::Ordering::Relaxed;
        if let Some(old) = earlier {
            let Ok(meta) = fs::metadata(old) else {
                self.missing.fetch_add(1, Relaxed);
                return fs::write(path, bytes).map_err(Error::io(path));
            };
            let same = meta.len() == bytes.len() as u64 && fs::read(old).is_ok_and(|b| b == bytes);
            if !same {
                self.replaced.fetch_add(1, Relaxed);
            } else if fs::hard_link(old, path).is_ok() {
                return Ok(());
            }
            // The same, on a file system without links: written, and still not a change.
        }
        fs::write(path, bytes).map_err(Error::io(path))
    }

    /// Writes `bytes` made in memory ([`Staging::write_new`]); their proof for the marker.
    fn write_made(&self, path: &Path, bytes: &[u8], earlier: Option<&Path>) -> Result<Proof> {
        self.write_new(path, bytes, earlier)?;
        Ok(Proof::of_bytes(bytes))
    }

    /// Writes a copied file's `bytes` ([`Staging::write_new`]); their proof for the marker.
    fn write_copied(&self, path: &Path, bytes: &[u8], earlier: Option<&Path>) -> Result<Proof> {
        self.write_new(path, bytes, earlier)?;
        Ok(Proof::of_len(bytes.len() as u64))
    }

    /// Stops a build that would publish far fewer releases than were published before (fewer
    /// than half: `content/` renamed, a wrong `--root`), unless `allow`. `published` counts the
    /// releases this build publishes and those that expired; `remembered` is the ledger's count,
    /// used when there is no previous output to compare with.
    pub fn check_shrink(&self, published: usize, remembered: usize, allow: bool) -> Result<()> {
        let (before, source) = match self.previous_releases {
            Some(n) => {
                (n, format!("the previous build in {} published", self.place.target.display()))
            }
            None => (remembered, format!("the ledger ({}) remembers", crate::ledger::FILE)),
        };
        if allow || published * SHRINK_FACTOR >= before {
            return Ok(());
        }
        Err(Error::Refused(format!(
            "this build would publish {published} release{} but {source} {before}: was content/ \
             renamed or moved, or is this the wrong site folder? warta stops rather than publish a \
             site and feeds without them. If you removed them on purpose, build with --allow-shrink",
            if published == 1 { "" } else { "s" }
        )))
    }

    /// The output's folders as they were found before this build, for the next build's look
    /// at them: after an update in place (a folder this build wrote into has other times now,
    /// and will be looked into again); none when the output is replaced.
    pub fn take_folders(&mut self) -> Folders {
        std::mem::take(&mut self.previous_folders)
    }

    /// The token of the build that wrote the output this build replaces, if warta wrote it and
    /// nothing was added since: a cache naming it describes that output.
    pub fn previous_build(&self) -> Option<&str> {
        self.previous.as_ref()?.0.as_deref()
    }

    /// What the writer should know about leftovers of earlier builds.
    pub fn notes(&self) -> &[ContentError] {
        &self.notes
    }

    /// Writes one output file. Safe to call from many threads.
    pub fn put(&self, out: &Output) -> Result<()> {
        let path = self.dir.join(checked(&out.path)?);
        let written = guard::guarded(|| {
            if let Some(parent) = path.parent() {
                let folders =
                    || self.folders.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                if !folders().contains(parent) {
                    fs::create_dir_all(parent).map_err(Error::io(parent))?;
                    folders().insert(parent.to_path_buf());
                }
            }
            let earlier = self.earlier(&out.path);
            let earlier = earlier.as_deref();
            // A file made in memory is proved by its bytes; one copied or linked, by its length
            // (the marker's proofs, [`proof`]), whichever way it is written, so that the
            // marker of the same input is the same.
            match &out.body {
                Body::Bytes(bytes) => self.write_made(&path, bytes, earlier),
                Body::Shared(bytes) => self.write_made(&path, bytes, earlier),
                // Made files are resolved to their cached copy first (`photos::Store::resolve`).
                Body::Made(_) => Err(Error::Refused(format!(
                    "{}: a made file reached the writer before it was made",
                    out.path
                ))),
                Body::Copy(asset) => match &asset.origin {
                    Origin::Embedded(bytes) => self.write_copied(&path, bytes, earlier),
                    // Compared, a file of the site is read whole: its bytes as published.
                    Origin::Disk(from) if earlier.is_some() => {
                        let bytes = published(from, &asset.name).map_err(|e| {
                            let why = format!("copying {}: {e}", from.display());
                            Error::Io {
                                path: path.clone(),
                                source: std::io::Error::new(e.kind(), why),
                            }
                        })?;
                        self.write_copied(&path, &bytes, earlier)
                    }
                    // A made file is linked from the cache: publishing 100 photos' 900 files is
                    // then 900 links, not 100 MB copied. Where the cache is on another disk, or
                    // the file system has no links, it is copied. Compared, it is only counted.
                    Origin::Made(from) => {
                        // The same as the previous output's: that file, its times kept.
                        let from = self.made_from(from, earlier);
                        fs::hard_link(from, &path)
                            .and_then(|()| fs::metadata(&path).map(|m| m.len()))
                            .or_else(|_| fs::copy(from, &path))
                            .map(Proof::of_len)
                            .map_err(|e| {
                                let why = format!("copying {}: {e}", from.display());
                                Error::Io {
                                    path: path.clone(),
                                    source: std::io::Error::new(e.kind(), why),
                                }
                            })
                    }
                    Origin::Disk(from) => {
                        copy_published(from, &path, &asset.name).map(Proof::of_len).map_err(|e| {
                            let why = format!("copying {}: {e}", from.display());
                            let source = std::io::Error::new(e.kind(), why);
                            Error::Io { path: path.clone(), source }
                        })
                    }
                },
            }
        });
        let proof = written?;
        let mut list = self.written.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        list.push((relative(&self.dir, &path), proof));
        Ok(())
    }

    /// Swaps the finished output, which publishes `releases` (and shows what `preview` says,
    /// which no web host should get), in place of the previous one. A previous output of
    /// warta's is deleted; a folder warta did not create (`--force`) is kept, renamed, and its
    /// new name returned. Warnings about leftovers go with it.
    pub fn commit(
        mut self,
        releases: usize,
        preview: Option<&str>,
        build: &str,
    ) -> Result<(Option<PathBuf>, Vec<ContentError>)> {
        let mut written = std::mem::take(
            self.written.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        written.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        written.dedup_by(|a, b| a.0 == b.0);
        let mut text = marker_head(Some(releases), preview, Some(build));
        for (rel, proof) in &written {
            text.push_str(rel);
            proof.write_to(&mut text);
            text.push('\n');
        }
        let path = self.dir.join(MARKER);
        fs::write(&path, text).map_err(Error::io(&path))?;
        let swapped = guard::guarded(|| place::swap(&self.dir, &self.place, self.foreign))?;
        self.committed = true;
        guard::placed();
        pause(PLACED_PAUSE_HOOK);
        guard::unregister(&self.dir);
        let mut notes = std::mem::take(&mut self.notes);
        notes.extend(swapped.notes);
        Ok((swapped.kept, notes))
    }
}

impl Staging {
    /// Updates the previous output in place instead of replacing it: the staging folder holds
    /// only the files that are new or changed, which are moved into the output one by one (each
    /// file is replaced whole, in one rename), and the files in `removed` are deleted; every
    /// other file, and its modification time, stays as it was, so an upload of "newer files"
    /// sends only what changed. `files` is every file of the new output.
    ///
    /// Before the first file moves, the marker is rewritten to list the old files and the new
    /// ones under a token of its own ([`updating`]): if the build is killed halfway, the output
    /// is a mix of whole old and new files that the marker still covers, and the next build
    /// writes again (or deletes) every file the update was changing, adding or deleting
    /// ([`crate::incremental::Cache::settle`]).
    pub fn commit_update(
        mut self,
        releases: usize,
        preview: Option<&str>,
        build: &str,
        files: impl IntoIterator<Item = impl Into<String>>,
        removed: &[String],
    ) -> Result<Vec<ContentError>> {
        let written = std::mem::take(
            self.written.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        let target = self.place.target.clone();
        let (old_build, old) = self.previous.take().unwrap_or_default();
        if written.is_empty() && removed.is_empty() && old_build.as_deref() == Some(build) {
            // Nothing changed: not even the marker is written.
            return Ok(std::mem::take(&mut self.notes));
        }
        // Most updates change files and neither add nor delete one: the output's files are
        // then the old ones, and both markers list them as the old one did, with no set of
        // every file (46,000 at 10,000 releases) made twice to find that out.
        // (A new path is always written, and an old path not kept is always in `removed`.)
        let same = removed.is_empty() && written.iter().all(|(rel, _)| old.contains(rel));
        let files = files.into_iter().map(Into::into);
        let files: Option<BTreeSet<String>> = if same {
            debug_assert!(
                files.collect::<BTreeSet<String>>() == old,
                "an update that adds and removes nothing keeps the old list"
            );
            None
        } else {
            Some(files.collect())
        };
        // The marker as it was, put back if the update fails ([`Undo`]); the proofs of the
        // files this build does not write are taken from it.
        use crate::timings::phase;
        let old_marker = phase("  read marker", || fs::read(target.join(MARKER)))
            .map_err(Error::io(target.join(MARKER)))?;
        // (Checked whole first: the lossy reading goes through it a character at a time.)
        let old_text = match std::str::from_utf8(&old_marker) {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            Err(_) => String::from_utf8_lossy(&old_marker),
        };
        let old_list = old_text.split_once("\nfiles:\n").map_or("", |(_, list)| list);
        // While the files move, each one written is old or new: listed without a proof; once
        // moved, with the proof of its new bytes.
        let moving: foldhash::HashMap<&str, Option<Proof>> =
            written.iter().map(|(rel, _)| (rel.as_str(), None)).collect();
        let done: foldhash::HashMap<&str, Option<Proof>> =
            written.iter().map(|(rel, proof)| (rel.as_str(), Some(*proof))).collect();
        // An update that adds and deletes no file takes the old list with its files' lines
        // made again ([`proof::replaced`]), rather than every line read and written again.
        // Both lists are made at once, one per thread (5-7 ms each at 10,000 releases); while
        // the files move, the list holds the old files and the new ones.
        let list_with = |proofs: &foldhash::HashMap<&str, Option<Proof>>, moving: bool| match &files
        {
            None => proof::replaced(old_list, old.len(), proofs)
                .unwrap_or_else(|| proof::lines(old.iter().map(String::as_str), proofs, old_list)),
            Some(files) if moving => {
                proof::lines(old.union(files).map(String::as_str), proofs, old_list)
            }
            Some(files) => proof::lines(files.iter().map(String::as_str), proofs, old_list),
        };
        let (both, list) = rayon::join(
            || phase("  list while moving", || list_with(&moving, true)),
            || phase("  list", || list_with(&done, false)),
        );
        // A new file where the folder holds one warta did not write (put there by hand): stop
        // before anything moves, rather than replace it. A folder of files this update deletes
        // is warta's (a static file `agenda` that was a folder `agenda/` before): it goes first.
        let removing: std::collections::HashSet<&str> =
            removed.iter().map(String::as_str).collect();
        let foreign: Vec<&String> = written
            .iter()
            .map(|(rel, _)| rel)
            .filter(|rel| !old.contains(*rel))
            .filter(|rel| match target.join(rel).symlink_metadata() {
                Ok(meta) if meta.is_dir() => !only_files_of(&target, rel, &removing),
                Ok(_) => true,
                Err(_) => false,
            })
            .collect();
        if !foreign.is_empty() {
            return Err(Error::Refused(format!(
                "{} holds {} that warta did not write, where this build would put a new file; \
                 move it away, or build with --clean --force to move the whole folder aside",
                target.display(),
                some_of(&foreign)
            )));
        }
        // A file this update replaces or deletes that is not as warta wrote it (a page
        // changed by hand in the output): stop before anything moves, rather than lose the
        // change. A build without the cache checks every file so ([`place`]); an update checks
        // those it would touch, so a change made by hand is kept until the page changes.
        let mut touched: Vec<&str> = written
            .iter()
            .map(|(rel, _)| rel.as_str())
            .filter(|rel| old.contains(*rel))
            .chain(removed.iter().map(String::as_str))
            .collect();
        touched.sort_unstable();
        let altered =
            phase("  check touched", || proof::altered_among(&target, old_list, &touched));
        if !altered.is_empty() {
            return Err(Error::Refused(format!(
                "{} holds {}, changed since warta wrote it, which this build would replace or \
                 delete: a change made in the output is lost whenever its page is built again. \
                 Make it in the site's own files (the release, the theme, static/), then delete \
                 the file from the output to have warta write it again; or build with --clean \
                 --force to move the whole folder aside",
                target.display(),
                some_of(&altered)
            )));
        }
        let updating = updating(build);
        phase("  marker while moving", || {
            guard::guarded(|| {
                self.put_marker(&marker_head(Some(releases), preview, Some(&updating)), &both)
            })
        })?;
        // Each file replaced or deleted is first kept in the staging folder (a hard link, the
        // same bytes under a second name; a copy where the file system has no links), so that
        // an update that fails halfway (a file the system will not let warta replace) puts
        // back every file it changed: the output is then as it was before the build, as a
        // failed build's must be (found by helper-34, stop 67: a page the system refused to
        // replace left 49 files new and the rest old, feeds and pages disagreeing).
        let undo = Undo::new(self.dir.join(UNDO));
        guard::guarded(|| {
            let mut done = Vec::new();
            let applied = apply_update(&self.dir, &target, &undo, removed, &written, &mut done);
            let Err(failed) = applied else { return Ok(()) };
            match undo.revert(&target, &done) {
                Ok(()) => {
                    let marker = target.join(MARKER);
                    let tmp = self.dir.join(MARKER);
                    let restored =
                        fs::write(&tmp, &old_marker).and_then(|()| fs::rename(&tmp, &marker));
                    match restored {
                        Ok(()) => Err(Error::Refused(format!(
                            "{failed}; {} is as it was before this build",
                            self.place.target.display()
                        ))),
                        Err(e) => Err(Error::Refused(format!(
                            "{failed}; every file of {} is as it was before this build, but its \
                             {MARKER} could not be put back ({e}): the next build finishes \
                             the update",
                            self.place.target.display()
                        ))),
                    }
                }
                Err(e) => Err(Error::Refused(format!(
                    "{failed}; then putting back what this build had changed failed too ({e}), \
                     so {} holds some new files and some old: fix the cause and build again, \
                     which finishes the update, before you upload it",
                    self.place.target.display()
                ))),
            }
        })?;
        phase("  marker", || {
            guard::guarded(|| {
                self.put_marker(&marker_head(Some(releases), preview, Some(build)), &list)
            })
        })?;
        guard::placed();
        pause(PLACED_PAUSE_HOOK);
        Ok(std::mem::take(&mut self.notes))
    }

    /// Replaces the output's marker in one rename, from a file written in the staging folder
    /// (a half-written marker, or a temporary file in the output, would make the output look
    /// not warta's): `head` and `list` as [`marker_head`] and [`proof::lines`] give them.
    fn put_marker(&self, head: &str, list: &str) -> Result<()> {
        let tmp = self.dir.join(MARKER);
        let write = || -> std::io::Result<()> {
            let mut file = fs::File::create(&tmp)?;
            std::io::Write::write_all(&mut file, head.as_bytes())?;
            std::io::Write::write_all(&mut file, list.as_bytes())
        };
        write().map_err(Error::io(&tmp))?;
        let to = self.place.target.join(MARKER);
        fs::rename(&tmp, &to).map_err(Error::io(&to))
    }

    /// Where the cache of this output lives ([`crate::incremental::cache_path`]).
    pub fn cache_path(&self) -> PathBuf {
        crate::incremental::cache_path(&self.place.target)
    }
}

/// The folder of a staging folder that keeps what an update in place replaces or deletes.
const UNDO: &str = ".undo";

/// One step of an update in place, for [`Undo::revert`].
#[derive(Debug)]
enum Step {
    /// A new file put where there was none.
    Added(String),
    /// A file replaced; the old one is kept in the undo folder.
    Replaced(String),
    /// A file deleted; it is kept in the undo folder.
    Removed(String),
}

/// The files an update in place replaces or deletes, kept until it is done.
struct Undo {
    dir: PathBuf,
}

impl Undo {
    fn new(dir: PathBuf) -> Undo {
        Undo { dir }
    }

    /// Keeps the file at `from` as `rel`: a hard link, or a copy where links cannot be made.
    fn keep(&self, from: &Path, rel: &str) -> std::io::Result<()> {
        let to = self.dir.join(rel);
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::hard_link(from, &to).or_else(|_| fs::copy(from, &to).map(|_| ()))
    }

    /// Undoes `done`, the last step first: the output's files as they were.
    fn revert(&self, target: &Path, done: &[Step]) -> std::io::Result<()> {
        for step in done.iter().rev() {
            match step {
                Step::Added(rel) => {
                    let path = target.join(rel);
                    match fs::remove_file(&path) {
                        Ok(()) => place::remove_empty_parents(target, &path),
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                        Err(e) => return Err(e),
                    }
                }
                Step::Replaced(rel) | Step::Removed(rel) => {
                    let to = target.join(rel);
                    if let Some(parent) = to.parent() {
                        fs::create_dir_all(parent)?;
                    }
                    fs::rename(self.dir.join(rel), &to)?;
                }
            }
        }
        Ok(())
    }
}

/// The moves of an update in place ([`Staging::commit_update`]), each step noted in `done`
/// once made: the files deleted first (one of them may stand where a new file's folder goes, a
/// static file `agenda` that is a folder `agenda/` now, or its folder where a new file goes),
/// each kept in `undo`; then each new or changed file moved from `staging` into `target`, in
/// one rename, the file it replaces kept in `undo` first. Each build's marker covers both
/// lists, so a build killed in between is finished by the next, as at any other point.
fn apply_update(
    staging: &Path,
    target: &Path,
    undo: &Undo,
    removed: &[String],
    written: &[(String, Proof)],
    done: &mut Vec<Step>,
) -> Result<()> {
    for rel in removed {
        let path = target.join(checked(rel)?);
        match fs::symlink_metadata(&path) {
            Ok(_) => {
                undo.keep(&path, rel).map_err(Error::io(&path))?;
                fs::remove_file(&path).map_err(Error::io(&path))?;
                done.push(Step::Removed(rel.clone()));
                place::remove_empty_parents(target, &path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::Io { path, source: e }),
        }
    }
    let fail_at = std::env::var(UPDATE_FAIL_HOOK).ok().and_then(|n| n.parse::<usize>().ok());
    for (n, (rel, _)) in written.iter().enumerate() {
        if n == 1 {
            pause(UPDATE_PAUSE_HOOK);
        }
        let (from, to) = (staging.join(rel), target.join(rel));
        if fail_at == Some(n) {
            let refused =
                std::io::Error::new(std::io::ErrorKind::PermissionDenied, "refused (test)");
            return Err(Error::Io { path: to, source: refused });
        }
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent).map_err(Error::io(parent))?;
        }
        let existed = match fs::symlink_metadata(&to) {
            Ok(meta) if meta.is_file() => {
                undo.keep(&to, rel).map_err(Error::io(&to))?;
                true
            }
            _ => false,
        };
        fs::rename(&from, &to).map_err(Error::io(&to))?;
        done.push(if existed { Step::Replaced(rel.clone()) } else { Step::Added(rel.clone()) });
    }
    Ok(())
}

/// Test hook: `WARTA_TEST_PAUSE_IN_UPDATE_MS=5000` waits that long after the first file of an
/// update has been moved into the output, so that a test can kill the build there.
const UPDATE_PAUSE_HOOK: &str = "WARTA_TEST_PAUSE_IN_UPDATE_MS";

/// Test hook: `WARTA_TEST_PAUSE_AFTER_PLACED_MS=5000` waits that long once the output is in
/// place, so that a test can interrupt the build there.
const PLACED_PAUSE_HOOK: &str = "WARTA_TEST_PAUSE_AFTER_PLACED_MS";

/// Test hook: `WARTA_TEST_FAIL_IN_UPDATE_AT=3` makes the fourth file an update in place moves
/// into the output fail, as a file the system refuses to replace does.
const UPDATE_FAIL_HOOK: &str = "WARTA_TEST_FAIL_IN_UPDATE_AT";

fn pause(hook: &str) {
    if let Some(ms) = std::env::var(hook).ok().and_then(|ms| ms.parse().ok()) {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

/// Where the cache of the output `target` of the site `root` lives.
pub fn cache_path(root: &Path, target: &Path) -> Result<PathBuf> {
    Ok(crate::incremental::cache_path(&place::resolve(root, target)?.target))
}

/// Updates the build cache folder beside the output: each file written in one rename (a
/// half-written file is no cache), or deleted ([`crate::incremental::Change::Delete`]). A
/// cache that cannot be written only makes the next build a full one: the error is returned
/// for the caller to report as a warning.
pub fn cache(dir: &Path, files: &[(String, crate::incremental::Change<'_>)]) -> Result<()> {
    if files.is_empty() {
        return Ok(());
    }
    use rayon::prelude::*;
    fs::create_dir_all(dir).map_err(Error::io(dir))?;
    // What a build killed while it wrote the cache left, which no build reads (the cache's
    // reader skips names with a leading dot) and none deleted; at 100,000 releases one can be
    // the search index's 91 MB. One build at a time writes an output and its cache (the
    // output's lock), so each such file is another build's, and stale.
    remove_temporaries(dir, |_, _| true);
    // In parallel: an edit's build rewrites a few files of some megabytes. Each is encoded
    // here, one per thread at a time, straight into its file.
    files.par_iter().with_max_len(1).try_for_each(|(name, change)| {
        let path = dir.join(checked(name)?);
        let crate::incremental::Change::Write(encode) = change else {
            return match fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    Err(Error::Io { path, source: e })
                }
                _ => Ok(()),
            };
        };
        let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
        let written = fs::File::create(&tmp)
            .and_then(|file| {
                let mut out = std::io::BufWriter::with_capacity(1 << 18, file);
                encode(&mut out)?;
                out.into_inner().map(drop).map_err(std::io::IntoInnerError::into_error)
            })
            .and_then(|()| fs::rename(&tmp, &path));
        if written.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        written.map_err(Error::io(&path))
    })
}

/// The token the marker names while the output of the build `build` is updated in place
/// ([`Staging::commit_update`]): no cache's, so a build that dies halfway is not taken to have
/// left either output whole ([`crate::incremental::Cache::settle`]).
pub fn updating(build: &str) -> String {
    format!("{build}-updating")
}

/// Whether a marker's build token is that of an update in place that was stopped before it
/// finished ([`updating`]): the output holds files old and new.
pub fn is_updating(build: &str) -> bool {
    build.ends_with("-updating")
}

/// Test hook: `WARTA_TEST_PAUSE_BEFORE_CONFIRM_MS=5000` waits that long after the output is
/// committed and before its job records are renamed into place, so that a test can kill the
/// build there.
const CONFIRM_PAUSE_HOOK: &str = "WARTA_TEST_PAUSE_BEFORE_CONFIRM_MS";

/// Renames the job records a build wrote before its commit
/// ([`crate::incremental::JOBS_NEXT`]) into place ([`crate::incremental::JOBS`]), once the
/// output they describe is committed: one rename, so the cache folder holds either the records
/// of the output before or those of the output after, and the next build tells which applies
/// by the marker's token ([`crate::incremental::Cache::settle`]).
pub fn confirm_cache(dir: &Path) -> Result<()> {
    pause(CONFIRM_PAUSE_HOOK);
    let to = dir.join(crate::incremental::JOBS);
    fs::rename(dir.join(crate::incremental::JOBS_NEXT), &to).map_err(Error::io(&to))
}

/// The build token the marker of the output `target` of the site `root` names, read from the
/// marker's head only (the list of files after it is 46,000 lines at 10,000 releases); `None`
/// if there is no output, or no marker of warta's, or it names no build.
pub fn output_build(root: &Path, target: &Path) -> Option<String> {
    use std::io::BufRead;
    let place = place::resolve(root, target).ok()?;
    let file = fs::File::open(place.target.join(MARKER)).ok()?;
    std::io::BufReader::new(file)
        .lines()
        .map_while(std::io::Result::ok)
        .take_while(|line| line != "files:")
        .find_map(|line| build_line(&line))
}

/// Removes from `dir` the temporary files builds write their files through (`.jobs.tmp-<pid>`
/// for `jobs`) that a killed build left there for good, those for which `stale` holds of the
/// file's name and the process's id. Errors only leave the file.
fn remove_temporaries(dir: &Path, stale: impl Fn(&str, u32) -> bool) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let temporary = name.to_str().and_then(|name| {
            let (name, pid) = name.strip_prefix('.')?.rsplit_once(".tmp-")?;
            Some((name, pid.parse::<u32>().ok()?))
        });
        if temporary.is_some_and(|(name, pid)| stale(name, pid))
            && entry.file_type().is_ok_and(|t| t.is_file())
        {
            let _ = fs::remove_file(entry.path());
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = place::remove_tree(&self.dir);
            guard::unregister(&self.dir);
        }
    }
}

/// `<pid>-<unique>`: a name no other build, in this process or another, uses; the process id
/// first, so that the next build can tell whether its owner is still running.
fn unique() -> String {
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!("{}-{nanos:x}{}", std::process::id(), COUNT.fetch_add(1, Ordering::Relaxed))
}

/// Whether the folder `rel` of the output `target` holds nothing but files of `files` (and
/// folders of them): the folder of files an update deletes.
fn only_files_of(target: &Path, rel: &str, files: &std::collections::HashSet<&str>) -> bool {
    walkdir::WalkDir::new(target.join(rel)).into_iter().all(|entry| {
        entry.is_ok_and(|e| {
            e.file_type().is_dir() || files.contains(relative(target, e.path()).as_str())
        })
    })
}

/// The first three of `paths`, and how many more, for a message: `a, b, c and 4 more`.
pub(crate) fn some_of(paths: &[impl AsRef<str>]) -> String {
    let shown: Vec<&str> = paths.iter().take(3).map(AsRef::as_ref).collect();
    match paths.len().saturating_sub(3) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

/// `path` relative to `base`, `/`-separated.
fn relative(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// An output path as a relative path that stays inside the output folder.
fn checked(path: &str) -> Result<PathBuf> {
    let p = Path::new(path);
    if path.is_empty() || !p.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(Error::Refused(format!(
            "refusing to write {path:?} outside the output folder"
        )));
    }
    Ok(p.to_path_buf())
}

/// Writes the ledger back into the site when it changed, atomically (a new file, flushed to
/// disk, renamed over the old one, and the rename flushed too), so an interrupted build never
/// leaves half a ledger. Called before the output is swapped in: a ledger that cannot be written
/// leaves the previous site.
pub fn ledger(root: &Path, old: Option<&str>, new: &str) -> Result<()> {
    // What a build killed while it wrote the ledger left in the site's folder (2.9 MB at
    // 10,000 releases), beside the office's files. A build of the site into another output
    // may be writing its own (each output has its own lock): only those of ended processes go.
    let own = std::process::id();
    remove_temporaries(root, |name, pid| {
        name == crate::ledger::FILE && pid != own && !guard::alive(pid)
    });
    if old == Some(new) {
        return Ok(());
    }
    let path = root.join(crate::ledger::FILE);
    let tmp = root.join(format!(".{}.tmp-{own}", crate::ledger::FILE));
    let written = fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(new.as_bytes()).and_then(|()| f.sync_all()))
        .map_err(Error::io(&tmp));
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    fs::rename(&tmp, &path).map_err(Error::io(&path))?;
    place::sync_dir(root)
}

/// Writes a new file, never replacing an existing one (for `new` and `init`).
pub fn create_new(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(Error::io(parent))?;
    }
    let mut f = fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Refused(format!(
                "{} already exists; warta never overwrites a file",
                path.strip_prefix(".").unwrap_or(path).display()
            ))
        } else {
            Error::Io { path: path.to_path_buf(), source: e }
        }
    })?;
    f.write_all(bytes).map_err(Error::io(path))
}

/// Copies a file of the site published as it is (`static/`, a release's attachment) to `to`; a
/// photo among them (JPEG, PNG, WebP) without what the camera wrote about it
/// ([`crate::photos::strip`]), as the photos made into sizes are.
/// Returns the length of what it wrote.
fn copy_published(from: &Path, to: &Path, name: &str) -> std::io::Result<u64> {
    if !crate::photos::strip::may_hold_metadata(name) {
        return fs::copy(from, to);
    }
    let bytes = published(from, name)?;
    fs::write(to, &bytes)?;
    Ok(bytes.len() as u64)
}

/// The bytes of a file of the site as [`copy_published`] publishes it.
fn published(from: &Path, name: &str) -> std::io::Result<Vec<u8>> {
    let bytes = fs::read(from)?;
    if !crate::photos::strip::may_hold_metadata(name) {
        return Ok(bytes);
    }
    Ok(crate::photos::strip::without_metadata(&bytes).unwrap_or(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_output() {
        for bad in ["", "../x", "/etc/passwd", "a/../../b", "./a"] {
            assert!(checked(bad).is_err(), "{bad}");
        }
        assert!(checked("2023/05/a/index.html").is_ok());
    }

    #[test]
    fn marker_lists_the_files_and_reads_back() {
        let m = Marker {
            releases: Some(12),
            preview: Some("1 draft".into()),
            build: Some("42-abc".into()),
            files: ["index.html", "2023/05/a b/index.html"].map(String::from).into(),
        };
        assert_eq!(Marker::parse(&m.to_text()), Some(m));
        // The marker of warta 0.1 lists nothing: it proves nothing.
        assert_eq!(Marker::parse("This folder is written by `warta build`.\n"), None);
    }

    #[test]
    fn writing_the_cache_removes_what_a_killed_build_left_and_nothing_else() {
        let dir = tempfile::tempdir().expect("a folder");
        let leftovers = [".jobs.tmp-4242", ".search.tmp-7"];
        let kept = ["jobs", ".keep", "notes.tmp-1", ".x.tmp-", ".y.tmp-12a"];
        for name in leftovers.iter().chain(&kept) {
            fs::write(dir.path().join(name), "x").expect("written");
        }
        let encode = |out: &mut dyn std::io::Write| out.write_all(b"stamps");
        let files = [("stamps".to_string(), crate::incremental::Change::Write(Box::new(encode)))];
        cache(dir.path(), &files).expect("written");
        assert_eq!(fs::read(dir.path().join("stamps")).expect("the new file"), b"stamps");
        for name in leftovers {
            assert!(!dir.path().join(name).exists(), "{name} is left");
        }
        for name in kept {
            assert!(dir.path().join(name).exists(), "{name} is removed");
        }
    }

    #[test]
    fn staging_names_start_with_the_process_id() {
        let (a, b) = (unique(), unique());
        assert_ne!(a, b);
        assert!(a.starts_with(&format!("{}-", std::process::id())), "{a}");
    }
}
