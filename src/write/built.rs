//! When the output was last built, so that `warta deploy` can tell a `public/` that shows the
//! site from one the site has moved on from: a release saved after the last build, or looked at
//! only in `warta serve`, which never writes `public/`. A successful build records the moment it
//! started in its cache folder; a source file or folder changed after that moment (its
//! modification time, or on Unix its status change time, which a rename or a move sets) is
//! newer than the output.

use crate::load::FileState;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The record's file in the cache folder.
const RECORD: &str = "built";

/// What a build reads that the site's writer changes: not the ledger, which the build writes.
const SOURCES: [&str; 5] = ["site.yaml", "content", "static", "templates", "themes"];

/// Records that the build that started at `started` succeeded. Written whole or not at all
/// (a temporary file renamed); a record that cannot be written is not a failed build, only a
/// `warta deploy` that cannot tell.
pub fn record(cache_dir: &Path, started: SystemTime) {
    let Ok(since) = started.duration_since(UNIX_EPOCH) else { return };
    let tmp = cache_dir.join(format!(".{RECORD}.tmp-{}", std::process::id()));
    let text = format!("{}.{:09}\n", since.as_secs(), since.subsec_nanos());
    let written = std::fs::create_dir_all(cache_dir)
        .and_then(|()| std::fs::write(&tmp, text))
        .and_then(|()| std::fs::rename(&tmp, cache_dir.join(RECORD)));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// When the last successful build started, if a build recorded it.
fn recorded(cache_dir: &Path) -> Option<SystemTime> {
    let text = std::fs::read_to_string(cache_dir.join(RECORD)).ok()?;
    let (secs, nanos) = text.trim().split_once('.')?;
    Some(UNIX_EPOCH + Duration::new(secs.parse().ok()?, nanos.parse().ok()?))
}

/// The first file of the site at `root` (relative to it), else the first folder, changed after
/// the last successful build of the output whose cache is `cache_dir` started, with when it
/// changed; `None` when nothing did, or no build recorded when it started.
pub fn changed_since(root: &Path, cache_dir: &Path) -> Option<(PathBuf, SystemTime)> {
    let built = recorded(cache_dir)?;
    let mut folder = None;
    let entries = SOURCES.iter().flat_map(|source| {
        // What the build reads: no hidden or left-over file (an editor's `.rapat.md.swp`, a
        // `Thumbs.db`, [`crate::load::is_leftover`]), no link.
        walkdir::WalkDir::new(root.join(source)).sort_by_file_name().into_iter().filter_entry(|e| {
            e.depth() == 0 || !crate::load::is_leftover(&e.file_name().to_string_lossy())
        })
    });
    for entry in entries.filter_map(Result::ok) {
        let meta = entry.metadata().ok();
        let Some(changed) = meta.as_ref().map(FileState::of).and_then(|f| f.last_change()) else {
            continue;
        };
        if changed <= built {
            continue;
        }
        let path = entry.path();
        let found = (path.strip_prefix(root).unwrap_or(path).to_path_buf(), changed);
        // A file saved changes its folder too (editors write a new file and rename it): the
        // file is what its writer knows. A folder alone changed when a file left it.
        if !entry.file_type().is_dir() {
            return Some(found);
        }
        folder.get_or_insert(found);
    }
    folder
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_changed_after_the_recorded_start_is_named() {
        let site = tempfile::tempdir().expect("a folder");
        let cache = site.path().join(".public.warta-cache");
        std::fs::create_dir_all(site.path().join("content/2023/05")).expect("folders");
        std::fs::write(site.path().join("site.yaml"), "title: x\n").expect("written");
        std::fs::write(site.path().join("content/2023/05/a.md"), "a").expect("written");
        assert_eq!(changed_since(site.path(), &cache), None, "no build recorded: nothing known");
        record(&cache, SystemTime::now() + Duration::from_secs(5));
        assert_eq!(changed_since(site.path(), &cache), None);
        record(&cache, SystemTime::now() - Duration::from_secs(5));
        let (path, _) = changed_since(site.path(), &cache).expect("newer than the build");
        assert_eq!(path, Path::new("site.yaml"));
        // The ledger and the output are the build's own; a hidden file is no file of the site.
        record(&cache, SystemTime::now() + Duration::from_secs(5));
        std::fs::write(site.path().join("warta-ledger.tsv"), "x").expect("written");
        let swap = site.path().join("content/2023/05/.a.md.swp");
        std::fs::write(&swap, "x").expect("written");
        let thumbs = site.path().join("content/2023/05/Thumbs.db");
        std::fs::write(&thumbs, "x").expect("written");
        let later = SystemTime::now() + Duration::from_secs(60);
        for left in [&swap, &thumbs] {
            std::fs::File::options()
                .write(true)
                .open(left)
                .and_then(|f| f.set_modified(later))
                .expect("set");
        }
        assert_eq!(changed_since(site.path(), &cache), None);
        // The same time on a file of the site is a change.
        let release = site.path().join("content/2023/05/a.md");
        std::fs::File::options()
            .write(true)
            .open(&release)
            .and_then(|f| f.set_modified(later))
            .expect("set");
        let (path, _) = changed_since(site.path(), &cache).expect("newer than the build");
        assert_eq!(path, Path::new("content/2023/05/a.md"));
    }
}
