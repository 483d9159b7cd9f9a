//! Watching the site's sources: `content/`, `themes/`, `templates/`, `static/` and `site.yaml`.
//! An editor's save (a temporary file renamed over the old one, several writes in a burst)
//! arrives as one batch; editors' swap and backup files alone do not start a build.

use crate::error::{Error, Result};
use notify::event::{AccessKind, AccessMode, EventKind};
use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

/// The folders of a site whose changes rebuild it.
pub const FOLDERS: [&str; 4] = ["content", "themes", "templates", "static"];
/// The site's configuration, also watched.
pub const CONFIG: &str = "site.yaml";
/// Changes closer together than this are one change. An editor's save (a temporary file
/// written and renamed, a backup, a formatter writing again) takes a few milliseconds; every
/// millisecond here is one more before the page reloads.
pub const DEBOUNCE: Duration = Duration::from_millis(30);
/// How often the debouncer looks for a quiet path: a change is reported between
/// [`DEBOUNCE`] and `DEBOUNCE + TICK` after its last event.
const TICK: Duration = Duration::from_millis(5);

/// The watcher of one site.
pub struct Watch {
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    events: Receiver<DebounceEventResult>,
    /// The site's root, as the watcher reports paths (made absolute, links resolved).
    root: PathBuf,
}

impl std::fmt::Debug for Watch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watch").field("root", &self.root).finish_non_exhaustive()
    }
}

impl Watch {
    /// Starts watching the site at `root`.
    pub fn new(root: &Path) -> Result<Watch> {
        let root = root.canonicalize().map_err(Error::io(root))?;
        let (tx, events) = channel();
        let mut debouncer =
            new_debouncer(DEBOUNCE, Some(TICK), tx).map_err(|e| watch_error(&root, e))?;
        // The root itself only for its own entries: `site.yaml` (often replaced, not written
        // in place) and the watched folders appearing or being replaced.
        debouncer.watch(&root, RecursiveMode::NonRecursive).map_err(|e| watch_error(&root, e))?;
        let mut watch = Watch { debouncer, events, root };
        for folder in FOLDERS {
            watch.watch_folder(folder);
        }
        Ok(watch)
    }

    /// (Re)starts watching one of [`FOLDERS`], if it exists.
    fn watch_folder(&mut self, folder: &str) {
        let path = self.root.join(folder);
        if path.is_dir() {
            let _ = self.debouncer.unwatch(&path);
            if let Err(e) = self.debouncer.watch(&path, RecursiveMode::Recursive) {
                eprintln!("warning: {}", watch_error(&path, e));
            }
        }
    }

    /// Waits for the next change to the sources and returns the changed paths, relative to
    /// the site's root; `None` once the watcher has stopped. With `until`, waits no longer:
    /// then `Some` of no path.
    pub fn wait(&mut self, until: Option<std::time::Instant>) -> Option<Vec<PathBuf>> {
        use std::sync::mpsc::RecvTimeoutError;
        loop {
            let first = match until {
                None => self.events.recv().ok()?,
                Some(at) => match self
                    .events
                    .recv_timeout(at.saturating_duration_since(std::time::Instant::now()))
                {
                    Ok(batch) => batch,
                    Err(RecvTimeoutError::Timeout) => return Some(Vec::new()),
                    Err(RecvTimeoutError::Disconnected) => return None,
                },
            };
            let mut batches = vec![first];
            // A save that straddled the debounce window: take what already arrived too.
            batches.extend(self.events.try_iter());
            let mut changed = Vec::new();
            for batch in batches {
                match batch {
                    Ok(events) => {
                        // Events were lost (the kernel's queue overflowed): every folder may
                        // have changed, and a folder read again is read whole.
                        if events.iter().any(|e| e.need_rescan()) {
                            changed.extend(FOLDERS.iter().map(|f| self.root.join(f)));
                        }
                        changed.extend(
                            events
                                .into_iter()
                                .filter(|e| is_change(e.kind))
                                .flat_map(|e| e.event.paths),
                        )
                    }
                    Err(errors) => {
                        for e in errors {
                            eprintln!("warning: watching {}: {e}", self.root.display());
                        }
                    }
                }
            }
            let mut relevant: Vec<PathBuf> = changed
                .iter()
                .filter_map(|p| p.strip_prefix(&self.root).ok())
                .filter(|rel| is_source(rel))
                .map(Path::to_path_buf)
                .collect();
            relevant.sort();
            relevant.dedup();
            // A watched folder created, or replaced (deleted, renamed back): watch it anew.
            for folder in FOLDERS {
                if relevant.iter().any(|p| p == Path::new(folder)) {
                    self.watch_folder(folder);
                }
            }
            if !relevant.is_empty() {
                return Some(relevant);
            }
        }
    }
}

/// Whether an event can mean new content: not a file opened or read (the build itself reads
/// every source, which must not start another build).
fn is_change(kind: EventKind) -> bool {
    match kind {
        EventKind::Access(access) => access == AccessKind::Close(AccessMode::Write),
        _ => true,
    }
}

fn watch_error(path: &Path, e: notify::Error) -> Error {
    Error::Refused(format!("cannot watch {} for changes: {e}", path.display()))
}

/// Whether a change at this path (relative to the site's root) can change the site: a path in
/// one of [`FOLDERS`] or `site.yaml`, and not an editor's swap, backup or lock file
/// ([`crate::load::is_leftover`], which the build does not read either).
pub fn is_source(rel: &Path) -> bool {
    let mut parts = rel.components();
    let Some(first) = parts.next().and_then(|c| c.as_os_str().to_str()) else {
        return false;
    };
    let watched = (FOLDERS.contains(&first)) || (first == CONFIG && parts.next().is_none());
    watched && !rel.file_name().and_then(|n| n.to_str()).is_some_and(crate::load::is_leftover)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_the_watched_folders_and_site_yaml() {
        for yes in [
            "content/2023/05/x.md",
            "content",
            "themes/default/templates/base.html",
            "templates/release.html",
            "static/img/logo.png",
            "site.yaml",
        ] {
            assert!(is_source(Path::new(yes)), "{yes}");
        }
        for no in
            ["public/index.html", "warta-ledger.tsv", ".git/index", "site.yaml/x", "README.md"]
        {
            assert!(!is_source(Path::new(no)), "{no}");
        }
    }

    #[test]
    fn editors_temporary_files_are_not_sources() {
        for no in [
            "content/2023/05/.x.md.swp",
            "content/2023/05/x.md~",
            "content/2023/05/4913",
            "content/2023/05/#x.md#",
            "content/2023/05/.#x.md",
            "content/2023/05/x.md.TMP",
        ] {
            assert!(!is_source(Path::new(no)), "{no}");
        }
        assert!(is_source(Path::new("content/2023/05/tmp.md")));
    }
}
