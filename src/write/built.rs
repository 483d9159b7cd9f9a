//! When the output was last built, so that `warta deploy` can tell a `public/` that shows the
//! site from one the site has moved on from: a release saved after the last build, or looked at
//! only in `warta serve`, which never writes `public/`. A successful build records the moment it
//! started in its cache folder; a source file or folder changed after that moment (its
//! modification time, or on Unix its status change time, which a rename or a move sets) is
//! newer than the output.

use crate::fingerprint::Fp;
use crate::load::FileState;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The record's file in the cache folder.
pub const RECORD: &str = "built";

/// What a build reads that the site's writer changes: not the ledger, which the build writes.
const SOURCES: [&str; 5] = ["site.yaml", "content", "static", "templates", "themes"];

/// Records that the build that started at `started` succeeded, from a `site.yaml` whose
/// [`crate::config::Config::site_key`] is `site`. Written whole or not at all (a temporary file
/// renamed); a record that cannot be written is not a failed build, only a `warta deploy` that
/// cannot tell.
pub fn record(cache_dir: &Path, started: SystemTime, site: Fp) {
    let Ok(since) = started.duration_since(UNIX_EPOCH) else { return };
    let tmp = cache_dir.join(format!(".{RECORD}.tmp-{}", std::process::id()));
    let text = format!("{}.{:09}\nsite {:032x}\n", since.as_secs(), since.subsec_nanos(), site.0);
    let written = std::fs::create_dir_all(cache_dir)
        .and_then(|()| std::fs::write(&tmp, text))
        .and_then(|()| std::fs::rename(&tmp, cache_dir.join(RECORD)));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// Whether a successful build of the output whose cache is `cache_dir` recorded when it
/// started: without the record, nothing says the output shows the site.
pub fn is_recorded(cache_dir: &Path) -> bool {
    recorded(cache_dir).is_some()
}

/// When the last successful build started, if a build recorded it.
fn recorded(cache_dir: &Path) -> Option<SystemTime> {
    let text = std::fs::read_to_string(cache_dir.join(RECORD)).ok()?;
    let (secs, nanos) = text.lines().next()?.trim().split_once('.')?;
    Some(UNIX_EPOCH + Duration::new(secs.parse().ok()?, nanos.parse().ok()?))
}

/// The [`crate::config::Config::site_key`] of the last successful build's `site.yaml`, if it
/// recorded one.
fn recorded_site(cache_dir: &Path) -> Option<Fp> {
    let text = std::fs::read_to_string(cache_dir.join(RECORD)).ok()?;
    let hex = text.lines().find_map(|l| l.strip_prefix("site "))?;
    u128::from_str_radix(hex.trim(), 16).ok().map(Fp)
}

/// The first file of the site at `root` (relative to it), else the first folder, changed after
/// the last successful build of the output whose cache is `cache_dir` started, with when it
/// changed; `None` when nothing did, or no build recorded when it started. `site.yaml` saved
/// since but the same as the build's but for `deploy:` (its `site` key is the recorded one) is
/// not a change.
pub fn changed_since(root: &Path, cache_dir: &Path, site: Fp) -> Option<(PathBuf, SystemTime)> {
    let built = recorded(cache_dir)?;
    let same_site = recorded_site(cache_dir) == Some(site);
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
        if same_site && entry.depth() == 0 && path == root.join("site.yaml") {
            continue;
        }
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

    /// The `site.yaml` key the tests' builds record.
    const SITE: Fp = Fp(7);
    /// A `site.yaml` key other than [`SITE`]: its record makes every change of `site.yaml` one.
    const BUILT_FROM_ANOTHER: Fp = Fp(0);

    #[test]
    fn a_source_changed_after_the_recorded_start_is_named() {
        let site = tempfile::tempdir().expect("a folder");
        let cache = site.path().join(".public.warta-cache");
        std::fs::create_dir_all(site.path().join("content/2023/05")).expect("folders");
        std::fs::write(site.path().join("site.yaml"), "title: x\n").expect("written");
        std::fs::write(site.path().join("content/2023/05/a.md"), "a").expect("written");
        assert_eq!(
            changed_since(site.path(), &cache, SITE),
            None,
            "no build recorded: nothing known"
        );
        record(&cache, SystemTime::now() + Duration::from_secs(5), BUILT_FROM_ANOTHER);
        assert_eq!(changed_since(site.path(), &cache, SITE), None);
        record(&cache, SystemTime::now() - Duration::from_secs(5), BUILT_FROM_ANOTHER);
        let (path, _) = changed_since(site.path(), &cache, SITE).expect("newer than the build");
        assert_eq!(path, Path::new("site.yaml"));
        // The ledger and the output are the build's own; a hidden file is no file of the site.
        record(&cache, SystemTime::now() + Duration::from_secs(5), BUILT_FROM_ANOTHER);
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
        assert_eq!(changed_since(site.path(), &cache, SITE), None);
        // The same time on a file of the site is a change.
        let release = site.path().join("content/2023/05/a.md");
        std::fs::File::options()
            .write(true)
            .open(&release)
            .and_then(|f| f.set_modified(later))
            .expect("set");
        let (path, _) = changed_since(site.path(), &cache, SITE).expect("newer than the build");
        assert_eq!(path, Path::new("content/2023/05/a.md"));
    }

    /// Found by helper-26, stop 48: `site.yaml` edited only in `deploy:` (a longer timeout after
    /// a deploy timed out, the first setup) stopped `warta deploy` as if the site had changed.
    #[test]
    fn site_yaml_changed_only_where_the_site_goes_is_no_change() {
        let site = tempfile::tempdir().expect("a folder");
        let cache = site.path().join(".public.warta-cache");
        std::fs::write(site.path().join("site.yaml"), "title: x\n").expect("written");
        record(&cache, SystemTime::now() - Duration::from_secs(5), SITE);
        assert_eq!(changed_since(site.path(), &cache, SITE), None, "the same site");
        let (path, _) = changed_since(site.path(), &cache, Fp(8)).expect("another site");
        assert_eq!(path, Path::new("site.yaml"));
        // A record of a warta before the key: every change of site.yaml is one.
        std::fs::write(cache.join(RECORD), "1.000000000\n").expect("written");
        assert!(changed_since(site.path(), &cache, SITE).is_some());
    }
}
