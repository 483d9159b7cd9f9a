//! The build behind `warta serve`, kept behind one small type so that how it builds (today a
//! full build into memory with the library's stages, later the incremental engine) can change
//! without touching the server. It never writes: not `public/`, not the ledger, nothing.

use crate::error::{ContentError, Result};
use crate::incremental::Cache;
use crate::render::{Body, Output};
use crate::BuildOptions;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Builds the site into memory, again and again, with its URLs pointing at the local server.
/// Each build after the first is incremental ([`crate::incremental`]): only the releases whose
/// files changed are parsed, only the pages that show something that changed are rendered.
#[derive(Debug)]
pub struct Builder {
    opts: BuildOptions,
    /// Scheme, host and port of the local server, without a path: `http://127.0.0.1:1111`.
    origin: String,
    /// What the last successful build parsed and rendered.
    cache: Cache,
    /// Every output of the last successful build.
    files: BTreeMap<String, Arc<Body>>,
}

/// One successful build, in memory.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// Every output file by its path in the output folder (`2023/05/x/index.html`).
    /// `Body::Copy(asset)` is a file of the site, read when it is served.
    pub files: BTreeMap<String, Arc<Body>>,
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
            cache: Cache::default(),
            files: BTreeMap::new(),
        }
    }

    /// Builds the site into memory: path → body, rendering only what changed since the last
    /// successful build. On an error nothing is kept, and the next build starts again from the
    /// last successful one.
    pub fn rebuild(&mut self) -> Result<Snapshot> {
        let started = Instant::now();
        let now = self.opts.now.unwrap_or_else(crate::build_time);
        let root = &self.opts.root;
        let (sources, mut site, parsed) =
            crate::load_site_with(root, self.opts.show(), now, Some(&self.cache.parsed))?;
        // Only the URLs change: identities (guids) are assigned from the real host when the
        // site is assembled, so feeds served here carry the same ids as the published ones.
        site.config.base_url = local_base_url(&self.origin, &site.config.base_path);
        let theme = crate::theme(&site, &sources)?;
        let changed: Mutex<Vec<Output>> = Mutex::new(Vec::new());
        let rendering = crate::render_changed(&site, &theme, &self.cache.jobs, |out| {
            changed.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(out.clone());
            Ok(())
        })?;
        let changed = changed.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        let count = changed.len() + rendering.removed.len();
        for out in changed {
            self.files.insert(out.path, Arc::new(out.body));
        }
        for path in &rendering.removed {
            self.files.remove(path);
        }
        self.cache = Cache { parsed, jobs: rendering.jobs, ..Cache::default() };
        Ok(Snapshot {
            files: self.files.clone(),
            elapsed: started.elapsed(),
            changed: count,
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
}
