//! The build behind `warta serve`, kept behind one small type so that how it builds (today a
//! full build into memory with the library's stages, later the incremental engine) can change
//! without touching the server. It never writes: not `public/`, not the ledger, nothing.

use crate::error::{ContentError, Result};
use crate::render::Body;
use crate::BuildOptions;
use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Builds the site into memory, again and again, with its URLs pointing at the local server.
#[derive(Debug)]
pub struct Builder {
    opts: BuildOptions,
    /// Scheme, host and port of the local server, without a path: `http://127.0.0.1:1111`.
    origin: String,
    /// A hash of every output of the last successful build, to count what changed.
    previous: BTreeMap<String, u64>,
}

/// One successful build, in memory.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// Every output file by its path in the output folder (`2023/05/x/index.html`).
    /// `Body::Copy(Origin::Disk(path))` is a file of the site, read when it is served.
    pub files: BTreeMap<String, Body>,
    pub elapsed: Duration,
    /// Files added, changed or removed since the previous successful build (all of them on the
    /// first).
    pub changed: usize,
    /// The site's title, from `site.yaml`.
    pub title: String,
    /// The path of `base_url`, starting and ending in `/`: the server serves the site there.
    pub base_path: String,
    /// What the build tidied or worked around, as `warta build` reports it.
    pub warnings: Vec<ContentError>,
}

impl Builder {
    /// A builder for the site `opts.root` (`opts.output`, `force` and `allow_shrink` are not
    /// used: nothing is written). `origin` (`http://127.0.0.1:1111`) replaces the scheme, host
    /// and port of the site's `base_url`, its path stays: every link, canonical URL and feed
    /// points at the local server.
    pub fn new(opts: BuildOptions, origin: impl Into<String>) -> Builder {
        Builder {
            opts,
            origin: origin.into().trim_end_matches('/').to_string(),
            previous: BTreeMap::new(),
        }
    }

    /// Builds the whole site into memory: path → body. On an error nothing is kept, and the
    /// next successful build counts its changes against the last successful one.
    pub fn rebuild(&mut self) -> Result<Snapshot> {
        let started = Instant::now();
        let now = self.opts.now.unwrap_or_else(crate::build_time);
        let (sources, mut site) = crate::load_site(&self.opts.root, self.opts.show(), now)?;
        // Only the URLs change: identities (guids) are assigned from the real host in
        // `load_site`, so feeds served here carry the same ids as the published ones.
        site.config.base_url = local_base_url(&self.origin, &site.config.base_path);
        let theme = crate::theme(&site, &sources)?;
        let collected = Mutex::new(Vec::new());
        crate::render(&site, &theme, |out| {
            collected
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push((out.path.clone(), out.body.clone()));
            Ok(())
        })?;
        let files: BTreeMap<String, Body> = collected
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .into_iter()
            .collect();
        let hashes: BTreeMap<String, u64> =
            files.iter().map(|(path, body)| (path.clone(), hash(body))).collect();
        let changed = changes(&self.previous, &hashes);
        self.previous = hashes;
        Ok(Snapshot {
            files,
            elapsed: started.elapsed(),
            changed,
            title: site.config.title.clone(),
            base_path: site.config.base_path.clone(),
            warnings: site.warnings,
        })
    }
}

/// The base URL of the local server with the site's base path: `http://127.0.0.1:1111/humas/`.
pub fn local_base_url(origin: &str, base_path: &str) -> String {
    format!("{}/{}", origin.trim_end_matches('/'), base_path.trim_start_matches('/'))
}

fn hash(body: &Body) -> u64 {
    let mut h = DefaultHasher::new();
    match body {
        Body::Bytes(b) => b.hash(&mut h),
        // A copied file: its source, not its bytes (reading every photo to count changes would
        // cost more than the build).
        Body::Copy(crate::load::Origin::Disk(p)) => p.hash(&mut h),
        Body::Copy(crate::load::Origin::Embedded(b)) => b.hash(&mut h),
    }
    h.finish()
}

/// How many paths were added, removed or changed between two builds.
fn changes(before: &BTreeMap<String, u64>, after: &BTreeMap<String, u64>) -> usize {
    let changed_or_added = after.iter().filter(|(p, h)| before.get(*p) != Some(h)).count();
    let removed = before.keys().filter(|p| !after.contains_key(*p)).count();
    changed_or_added + removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_local_base_url_keeps_the_base_path() {
        assert_eq!(local_base_url("http://127.0.0.1:1111", "/"), "http://127.0.0.1:1111/");
        assert_eq!(
            local_base_url("http://127.0.0.1:1111/", "/humas/"),
            "http://127.0.0.1:1111/humas/"
        );
    }

    #[test]
    fn changes_count_added_changed_and_removed_paths() {
        let before: BTreeMap<String, u64> =
            [("a".to_string(), 1), ("b".to_string(), 2), ("c".to_string(), 3)].into();
        let after: BTreeMap<String, u64> =
            [("a".to_string(), 1), ("b".to_string(), 9), ("d".to_string(), 4)].into();
        assert_eq!(changes(&before, &after), 3);
        assert_eq!(changes(&after, &after), 0);
    }
}
