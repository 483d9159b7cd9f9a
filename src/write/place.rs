//! Where the output goes and how it is put there: the output path resolved (symbolic links and
//! `..` included) and refused when it is or holds the site; whose folder is there now; the
//! leftovers of builds that died, swept; and the swap of the new output for the old one.

use crate::error::{ContentError, Error, Result};
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// Test hook: `WARTA_TEST_SWAP=renames` swaps with two renames, as on a platform or file system
/// without an atomic exchange.
const SWAP_HOOK: &str = "WARTA_TEST_SWAP";
/// Test hook: `WARTA_TEST_PAUSE_BETWEEN_RENAMES_MS=5000` waits that long between the two
/// renames, so that a test can kill the build there.
const PAUSE_HOOK: &str = "WARTA_TEST_PAUSE_BETWEEN_RENAMES_MS";

/// The site's folders that an output folder must never be in.
const SOURCE_FOLDERS: [&str; 4] = ["content", "static", "templates", "themes"];

/// The output folder, resolved.
#[derive(Debug, Clone)]
pub struct Place {
    /// The folder that holds the output, with every link and `..` resolved.
    pub parent: PathBuf,
    /// The output folder's own name (`public`).
    pub name: String,
    /// `parent/name`.
    pub target: PathBuf,
}

/// Resolves `target` and refuses, whatever `--force` says, an output that is the site, holds
/// it, or lies in one of its source folders.
pub fn resolve(root: &Path, target: &Path) -> Result<Place> {
    let site = fs::canonicalize(root).map_err(Error::io(root))?;
    let abs = std::path::absolute(target).map_err(Error::io(target))?;
    let full = normalise(&abs);
    // The last name is kept as given (a link named `public` is replaced, not what it points
    // to), and both forms are checked.
    let (parent, name) = match abs.components().next_back() {
        Some(Component::Normal(n)) => {
            (normalise(abs.parent().unwrap_or(Path::new("/"))), n.to_string_lossy().into_owned())
        }
        _ => match (full.parent(), full.file_name()) {
            (Some(p), Some(n)) => (p.to_path_buf(), n.to_string_lossy().into_owned()),
            _ => return Err(refusal(target, &site, "is the root of the file system")),
        },
    };
    let place = Place { target: parent.join(&name), parent, name };
    for t in [&place.target, &full] {
        if *t == site {
            return Err(refusal(target, &site, "is the site's own folder"));
        }
        if site.starts_with(t) {
            return Err(refusal(target, &site, "contains the site's folder"));
        }
        // `--force` moves a folder that is not warta's aside: never the writer's home folder
        // (found by helper-34, stop 67: `--output ~ --force` moved /root to /root.bak).
        if let Some(home) = home().filter(|home| home.starts_with(t)) {
            return Err(Error::Refused(format!(
                "the output folder {} is or holds your home folder ({}); warta replaces its \
                 output folder on every build. This is refused even with --force. Choose \
                 another --output, for example {}",
                target.display(),
                home.display(),
                site.join("public").display()
            )));
        }
        // A folder inside another build's output is uploaded with it: a `--drafts` or
        // `--future` preview built into `public/pratinjau` was sent by `warta deploy`, drafts,
        // embargoed releases and the preview's cache with it (found by helper-34, stop 67).
        if let Some(outer) = t.ancestors().skip(1).find(|a| a.join(super::MARKER).is_file()) {
            return Err(Error::Refused(format!(
                "the output folder {} is inside {}, the output of another build: `warta \
                 deploy` and any upload of that folder would send this one with it (a \
                 preview's drafts and scheduled releases too). Choose an --output outside it, \
                 for example {}",
                target.display(),
                outer.display(),
                site.join("pratinjau").display()
            )));
        }
        if let Some(dir) = SOURCE_FOLDERS.iter().find(|d| t.starts_with(site.join(d))) {
            return Err(Error::Refused(format!(
                "the output folder {} is inside the site's {dir}/ folder ({}); warta would read \
                 its own output back as part of the site. Choose an --output outside {dir}/, \
                 for example {}",
                target.display(),
                site.join(dir).display(),
                site.join("public").display()
            )));
        }
    }
    Ok(place)
}

/// Refuses an output folder that is a mount point (a USB drive, a second disk or a shared
/// folder mounted at `public/`): a build puts its output in place by renaming folders, and
/// moves files in from beside it, neither of which can be done to a mount point. It failed at
/// the very end with the system's "Device or resource busy" and nothing to go on (found by
/// helper-34, stop 67); it is refused before anything is built, with what to do instead.
pub fn refuse_mount_point(place: &Place, shown: &Path) -> Result<()> {
    if !is_mount_point(&place.target, &place.parent) {
        return Ok(());
    }
    Err(Error::Refused(format!(
        "{} is a mount point (a drive or a shared folder is mounted there): warta puts each new \
         output in place by renaming folders, which cannot be done to a mount point. Build into \
         a folder on this disk (--output public-situs) and copy it there with `warta deploy` \
         (in site.yaml, deploy: url: file://{}), or build into a folder inside it (--output {})",
        shown.display(),
        place.target.display(),
        place.target.join("situs").display()
    )))
}

/// Whether the folder `dir` is on another file system than `parent`, the folder holding it.
fn is_mount_point(dir: &Path, parent: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::symlink_metadata(dir), fs::metadata(parent)) {
            (Ok(d), Ok(p)) => d.is_dir() && d.dev() != p.dev(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (dir, parent);
        false
    }
}

/// The writer's home folder, resolved, when the environment names one.
fn home() -> Option<PathBuf> {
    let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE"))?;
    let home = PathBuf::from(home);
    home.is_absolute().then(|| normalise(&home))
}

fn refusal(target: &Path, site: &Path, what: &str) -> Error {
    Error::Refused(format!(
        "the output folder {} {what} ({}); warta replaces its output folder on every build, so \
         it would replace the site itself. This is refused even with --force. Choose another \
         --output, for example {}",
        target.display(),
        site.display(),
        site.join("public").display()
    ))
}

/// An absolute path with every `.`, `..` and link of its existing part resolved, as the system
/// would resolve it; the part that does not exist yet is taken as written.
pub(crate) fn normalise(abs: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::Prefix(_) | Component::RootDir => out.push(c),
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(n) => {
                out.push(n);
                if let Ok(real) = fs::canonicalize(&out) {
                    out = real;
                }
            }
        }
    }
    out
}

/// What a [`Presence`] found: whether every file of the marker with this fingerprint was there,
/// and the output's folders as they were when it was ([`super::folders`]); and the marker as
/// it read it, so that [`owner`] need not read its list again (445,000 lines at 100,000
/// releases) when the marker is still the same.
#[derive(Debug, Clone)]
pub struct Looked {
    marker: crate::fingerprint::Fp,
    parsed: super::Marker,
    all_present: bool,
    folders: super::Folders,
}

/// The look-up of every file the previous build wrote (46,000 at 10,000 releases, a tenth of
/// a second of system calls; a folder unchanged since the previous build's look needs none of
/// its files looked up, [`super::folders`]) on a thread of its own, started before the site is
/// read so that it runs while the build reads and parses. [`owner`] uses what it found only if
/// the marker it reads, under the output's lock, is byte for byte the one this read: a build
/// that changed the output in between rewrote the marker (`Staging::commit_update` does before
/// it moves a file), and then the look-up is made again.
#[derive(Debug)]
pub struct Presence {
    look: Option<std::thread::JoinHandle<Option<Looked>>>,
    /// Files the marker lists that need not be there ([`crate::incremental::Cache::unsure`]).
    unsure: Arc<BTreeSet<String>>,
}

impl Presence {
    /// Nothing looked up ahead: [`owner`] looks when it needs to.
    pub fn none() -> Presence {
        Presence { look: None, unsure: Arc::default() }
    }

    /// Starts looking up the files of the output `target` of the site at `root`, if its marker
    /// names the build `update` (the one the build's cache describes); otherwise nothing is
    /// looked up, since only an update in place needs it. `known`: the folders as the cache
    /// of that build recorded them. `unsure`: files of the marker that need not be there (an
    /// update killed halfway may have added them or not yet, deleted them or not yet).
    pub fn start(
        root: &Path,
        target: &Path,
        update: &str,
        known: super::Folders,
        unsure: BTreeSet<String>,
    ) -> Presence {
        let (root, target, update) = (root.to_path_buf(), target.to_path_buf(), update.to_string());
        let unsure = Arc::new(unsure);
        let needless = Arc::clone(&unsure);
        let look = move || {
            let now = std::time::SystemTime::now();
            let place = resolve(&root, &target).ok()?;
            let text = fs::read_to_string(place.target.join(super::MARKER)).ok()?;
            let marker = super::Marker::parse(&text)?;
            if marker.build.as_deref() != Some(update.as_str()) {
                return None;
            }
            let files = required(&marker.files, &needless);
            let found = super::folders::present(&place.target, &files, known, now);
            drop(files);
            Some(Looked {
                marker: crate::fingerprint::Fp::of_bytes(text.as_bytes()),
                parsed: marker,
                all_present: found.all_present,
                folders: found.folders,
            })
        };
        let look = std::thread::Builder::new().name("warta-presence".into()).spawn(look).ok();
        Presence { look, unsure }
    }

    /// What it found, once it is done, and the files it did not need.
    pub fn finish(self) -> (Option<Looked>, Arc<BTreeSet<String>>) {
        (self.look.and_then(|look| look.join().ok().flatten()), self.unsure)
    }
}

/// The files of a marker that must be there: all but those an update killed halfway may have
/// left out (`unsure`, none but after such an update).
fn required<'a>(
    files: &'a BTreeSet<String>,
    unsure: &BTreeSet<String>,
) -> Cow<'a, BTreeSet<String>> {
    if unsure.is_empty() {
        Cow::Borrowed(files)
    } else {
        Cow::Owned(files.difference(unsure).cloned().collect())
    }
}

/// Whether every one of `files` (relative to `target`) is there, as a file or a link.
fn all_present(target: &Path, files: &BTreeSet<String>) -> bool {
    use rayon::prelude::*;
    let files: Vec<&String> = files.iter().collect();
    // In chunks: each opens the output folder once.
    files.par_chunks(2048).all(|chunk| super::folders::files_present(target, chunk))
}

/// Whose folder the output is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    Missing,
    Empty,
    /// warta's, holding nothing but what warta wrote; with the releases it published.
    Warta {
        releases: Option<usize>,
        /// The build that wrote it, as its marker says.
        build: Option<String>,
        /// Every file its marker lists.
        files: std::collections::BTreeSet<String>,
        /// Its folders as a [`Presence`] found them, when the update in place used what it
        /// found; otherwise none.
        folders: super::Folders,
    },
    /// Not warta's, or no longer only warta's: what it is, said of `shown`.
    Foreign(String),
}

/// Tells whose folder `target` is, from its marker file and what it holds; `shown` is the
/// output as the user gave it. `update`: the build token of the output the build means to
/// update in place; when the marker names it, what the folder holds is not read.
/// `looked`: what a [`Presence`] found, used if the marker is still the one it read;
/// `unsure`: files of the marker that need not be there ([`Presence::start`]).
pub fn owner(
    target: &Path,
    shown: &Path,
    update: Option<&str>,
    looked: Option<Looked>,
    unsure: &BTreeSet<String>,
) -> Result<Owner> {
    let shown = shown.display();
    let Ok(meta) = fs::metadata(target) else {
        return Ok(Owner::Missing);
    };
    if !meta.is_dir() {
        return Err(Error::Refused(format!("{} exists and is not a folder", target.display())));
    }
    let marker_path = target.join(super::MARKER);
    // What the look-ahead found counts only for the marker it read, byte for byte; its parse
    // of that marker then serves here too.
    let text = match fs::read_to_string(&marker_path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let empty = fs::read_dir(target).map_err(Error::io(target))?.next().is_none();
            return Ok(if empty {
                Owner::Empty
            } else {
                Owner::Foreign(format!(
                    "{shown} was not created by warta (it has no {} file)",
                    super::MARKER
                ))
            });
        }
        Err(e) => return Err(Error::Io { path: marker_path, source: e }),
    };
    let fingerprint = crate::fingerprint::Fp::of_bytes(text.as_bytes());
    let (marker, found) = match looked.filter(|looked| looked.marker == fingerprint) {
        Some(l) => (Some(l.parsed), Some((l.all_present, l.folders))),
        None => (super::Marker::parse(&text), None),
    };
    let Some(marker) = marker else {
        return Ok(Owner::Foreign(format!(
            "{shown} has a {} file that does not list the files warta wrote (an older warta \
             wrote it, or someone edited it), so warta cannot tell whether any were added",
            super::MARKER
        )));
    };
    // An update in place replaces only files warta wrote and adds files only where there is
    // none (`Staging::commit_update`): what else the folder holds is never touched, so there is
    // no need to read all of it; but every file warta wrote must still be there, or an update
    // would leave a page deleted by hand missing until it changes.
    let mut marker = marker;
    if update.is_some() && marker.build.as_deref() == update {
        let (all_there, folders) = match found {
            Some(found) => found,
            None => {
                (all_present(target, &required(&marker.files, unsure)), super::Folders::default())
            }
        };
        if all_there {
            return Ok(Owner::Warta {
                releases: marker.releases,
                build: marker.build,
                files: marker.files,
                folders,
            });
        }
        // Then no cache describes this folder: the build replaces all of it.
        marker.build = None;
    }
    let mut added = Vec::new();
    for entry in walkdir::WalkDir::new(target).min_depth(1).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(target).to_path_buf();
            Error::Io { path, source: e.into() }
        })?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = super::relative(target, entry.path());
        if rel != super::MARKER && !marker.files.contains(&rel) {
            added.push(rel);
        }
    }
    if !added.is_empty() {
        return Ok(Owner::Foreign(format!(
            "{shown} holds files warta did not write: {} (a file of your own to publish with \
             the site belongs in the site's static/ folder: one put in the output by hand is \
             not part of the site, and once a build has left it out, `warta deploy` deletes it \
             from the web host)",
            super::some_of(&added)
        )));
    }
    // Every file is one the marker names: each must also be as the marker describes it, or
    // a marker copied into a folder of one's own pages of the same names made it warta's
    // (found by helper-34, stop 67).
    let list = text.split_once("\nfiles:\n").map_or("", |(_, list)| list);
    let altered = super::proof::altered(target, list);
    if !altered.is_empty() {
        return Ok(Owner::Foreign(format!(
            "{shown} holds files that are not as warta wrote them: {} (changed since the last \
             build, or put there with a {} file copied from another output)",
            super::some_of(&altered),
            super::MARKER
        )));
    }
    Ok(Owner::Warta {
        releases: marker.releases,
        build: marker.build,
        files: marker.files,
        folders: super::Folders::default(),
    })
}

/// Removes the folders above `path` that are left empty, up to `top` (not included).
pub fn remove_empty_parents(top: &Path, path: &Path) {
    let mut dir = path.parent();
    while let Some(d) = dir {
        if d == top || !d.starts_with(top) || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// `.public.warta-staging-`: how the names of a build's temporary folders start.
pub fn staging_prefix(name: &str) -> String {
    format!(".{name}.warta-staging-")
}

/// Removes what builds of this output that are no longer running left behind: staging folders,
/// and previous outputs moved aside by a swap that never finished; when the output itself is
/// missing, the previous output is put back first. To be called with the output's lock held.
/// Returns what the writer should know.
pub fn sweep(place: &Place) -> Result<Vec<ContentError>> {
    let prefix = staging_prefix(&place.name);
    let mut stale: Vec<PathBuf> = Vec::new();
    for entry in fs::read_dir(&place.parent).map_err(Error::io(&place.parent))? {
        let entry = entry.map_err(Error::io(&place.parent))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(&prefix) else {
            continue;
        };
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let Ok(pid) = digits.parse::<u32>() else {
            continue;
        };
        if pid == std::process::id() || !super::guard::alive(pid) {
            stale.push(entry.path());
        }
    }
    // What warta before 0.2 left: `.public.old`, when a build died between its two renames.
    let legacy = place.parent.join(format!(".{}.old", place.name));
    if legacy.join(super::MARKER).is_file() {
        stale.push(legacy);
    }
    stale.sort();
    let mut notes = Vec::new();
    if fs::symlink_metadata(&place.target).is_err() {
        let previous = stale.iter().rposition(|p| {
            p.extension().is_some_and(|e| e == "old") && p.join(super::MARKER).is_file()
        });
        if let Some(i) = previous {
            let old = stale.remove(i);
            fs::rename(&old, &place.target).map_err(Error::io(&old))?;
            notes.push(ContentError::new(
                &place.target,
                format!(
                    "an earlier build was stopped while replacing this folder; its previous \
                     contents were put back from {}",
                    old.display()
                ),
            ));
        }
    }
    for p in stale {
        if let Err(e) = remove_tree(&p) {
            notes.push(left_behind(&p, &e));
        }
    }
    Ok(notes)
}

fn left_behind(p: &Path, e: &std::io::Error) -> ContentError {
    ContentError::new(
        p,
        format!(
            "could not remove this leftover of an earlier build: {e}; {}",
            crate::error::leftover_advice(p, e)
        ),
    )
}

/// Removes a folder, read-only parts included.
pub fn remove_tree(p: &Path) -> std::io::Result<()> {
    match fs::remove_dir_all(p) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(_) => {
            for entry in walkdir::WalkDir::new(p).into_iter().flatten() {
                if entry.file_type().is_dir() {
                    let _ = make_writable(entry.path());
                }
            }
            fs::remove_dir_all(p)
        }
    }
}

fn make_writable(dir: &Path) -> std::io::Result<()> {
    let mut perms = fs::metadata(dir)?.permissions();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        perms.set_mode(perms.mode() | 0o700);
    }
    #[cfg(not(unix))]
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    fs::set_permissions(dir, perms)
}

/// What a swap did.
#[derive(Debug, Default)]
pub struct Swapped {
    /// Where a folder warta did not create was moved to.
    pub kept: Option<PathBuf>,
    pub notes: Vec<ContentError>,
}

/// Puts the finished `staging` folder in place of `target`. warta's previous output is
/// removed; a folder warta did not create (`foreign`) is moved aside, never removed. Where the
/// system can, the two folders are exchanged in one step (Linux: `renameat2(RENAME_EXCHANGE)`),
/// so there is no moment without an output; elsewhere the old one is renamed away first, and a
/// build that dies between the two renames is repaired by the next one ([`sweep`]).
pub fn swap(staging: &Path, place: &Place, foreign: bool) -> Result<Swapped> {
    let target = &place.target;
    let mut done = Swapped::default();
    if fs::symlink_metadata(target).is_err() {
        fs::rename(staging, target).map_err(Error::io(target))?;
    } else if foreign {
        let bak = backup_name(target);
        two_renames(staging, target, &bak)?;
        done.kept = Some(bak);
    } else if std::env::var(SWAP_HOOK).as_deref() != Ok("renames") && exchange(staging, target)? {
        // The staging folder's name now holds the previous output.
        if let Err(e) = remove_tree(staging) {
            done.notes.push(left_behind(staging, &e));
        }
    } else {
        let mut old = staging.as_os_str().to_owned();
        old.push(".old");
        let old = PathBuf::from(old);
        two_renames(staging, target, &old)?;
        if let Err(e) = remove_tree(&old) {
            done.notes.push(left_behind(&old, &e));
        }
    }
    sync_dir(&place.parent)?;
    Ok(done)
}

/// `target` → `old`, then `staging` → `target`; on failure, `old` goes back.
fn two_renames(staging: &Path, target: &Path, old: &Path) -> Result<()> {
    fs::rename(target, old).map_err(Error::io(target))?;
    if let Some(ms) = std::env::var(PAUSE_HOOK).ok().and_then(|ms| ms.parse().ok()) {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
    let Err(e) = fs::rename(staging, target) else {
        return Ok(());
    };
    match fs::rename(old, target) {
        Ok(()) => Err(Error::Io { path: target.to_path_buf(), source: e }),
        Err(back) => Err(Error::Refused(format!(
            "cannot put the new output in place of {}: {e}; and putting the previous output back \
             failed too ({back}): it is in {}, rename it to {}",
            target.display(),
            old.display(),
            target.display()
        ))),
    }
}

/// Exchanges two folders in one step; `false` where the system or file system cannot.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> Result<bool> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => Ok(false),
        Err(e) => Err(Error::Io { path: b.to_path_buf(), source: e.into() }),
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_: &Path, _: &Path) -> Result<bool> {
    Ok(false)
}

/// Makes a rename in `dir` durable (a no-op where folders cannot be opened).
pub fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    fs::File::open(dir).and_then(|d| d.sync_all()).map_err(Error::io(dir))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// `public.bak`, or `public.bak-2`, … : the first name beside `target` that is free.
fn backup_name(target: &Path) -> PathBuf {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    (1..)
        .map(|n| {
            let suffix = if n == 1 { String::new() } else { format!("-{n}") };
            target.with_file_name(format!("{name}.bak{suffix}"))
        })
        .find(|p| fs::symlink_metadata(p).is_err())
        .unwrap_or_else(|| target.with_file_name(format!("{name}.bak")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(target_os = "linux")]
    fn a_mount_point_is_told_from_a_folder() {
        // `/proc` is a file system of its own on every Linux system.
        assert!(is_mount_point(Path::new("/proc"), Path::new("/")));
        let dir = tempfile::tempdir().expect("a folder");
        fs::create_dir(dir.path().join("public")).expect("a folder");
        assert!(!is_mount_point(&dir.path().join("public"), dir.path()));
        assert!(!is_mount_point(&dir.path().join("missing"), dir.path()));
        let place = resolve(dir.path(), Path::new("/proc")).expect("resolved");
        let err = refuse_mount_point(&place, Path::new("/proc")).expect_err("refused");
        assert!(err.to_string().starts_with("/proc is a mount point"), "{err}");
    }

    /// An output of two files whose marker names the build `t1`; `releases` changes only the
    /// marker's bytes.
    fn output(target: &Path, releases: usize) {
        let marker = super::super::Marker {
            releases: Some(releases),
            preview: None,
            build: Some("t1".into()),
            files: ["a.html", "b/index.html"].map(String::from).into(),
        };
        fs::create_dir_all(target.join("b")).expect("folder");
        fs::write(target.join(super::super::MARKER), marker.to_text()).expect("marker");
    }

    fn build_of(owner: Owner) -> Option<String> {
        match owner {
            Owner::Warta { build, .. } => build,
            other => panic!("not warta's: {other:?}"),
        }
    }

    #[test]
    fn what_the_look_ahead_found_counts_only_for_the_marker_it_read() {
        let tmp = tempfile::tempdir().expect("tmp");
        let (root, target) = (tmp.path().join("site"), tmp.path().join("public"));
        fs::create_dir_all(&root).expect("site");
        output(&target, 1);
        fs::write(target.join("a.html"), "a").expect("a");
        fs::write(target.join("b/index.html"), "b").expect("b");
        let look = |build| {
            Presence::start(&root, &target, build, Default::default(), Default::default())
                .finish()
                .0
        };
        let all_there = look("t1").expect("looked");
        assert!(all_there.all_present);
        assert!(look("t0").is_none(), "another build's");
        let found = owner(&target, &target, Some("t1"), Some(all_there.clone()), &BTreeSet::new())
            .expect("owner");
        assert_eq!(build_of(found).as_deref(), Some("t1"), "an update in place");

        // A page deleted by hand and the marker rewritten since the look-ahead: it is not
        // trusted, the files are looked up again, and the output is replaced, not updated.
        fs::remove_file(target.join("b/index.html")).expect("delete");
        output(&target, 2);
        let found =
            owner(&target, &target, Some("t1"), Some(all_there), &BTreeSet::new()).expect("owner");
        assert_eq!(build_of(found), None, "a full build");
        let missing = look("t1").expect("looked");
        assert!(!missing.all_present);
        let found =
            owner(&target, &target, Some("t1"), Some(missing), &BTreeSet::new()).expect("owner");
        assert_eq!(build_of(found), None);
    }
}
