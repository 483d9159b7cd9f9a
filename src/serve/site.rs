//! The build behind `warta serve`, kept behind one small type: the library's stages into
//! memory, incremental from one build to the next. It keeps what it read and reads again only
//! the files the watcher reports ([`crate::load::refresh`]), keeps the parses and the job
//! records ([`crate::incremental`]) and the compiled theme. It never writes `public/`, the
//! ledger or the build cache; only the photo cache beside them, which `warta build` shares
//! ([`crate::write::photos`]).

use crate::error::{ContentError, Result};
use crate::fingerprint::Fp;
use crate::incremental::Cache;
use crate::ledger::Ledger;
use crate::load;
use crate::model::Site;
use crate::render::{Body, Output, Theme};
use crate::BuildOptions;
use std::collections::BTreeMap;
use std::path::PathBuf;
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
    /// Every output of the last successful build, shared with its snapshot.
    files: Arc<Files>,
    /// A copy of `files` of the builder's own, to update on the next build without copying
    /// 46,000 paths then: made by [`Builder::prepare`] once the snapshot is served.
    own: Option<Files>,
    /// What the search index and the manifest of the last build kept, to update, and its
    /// table of outputs.
    kept: crate::render::Kept,
    /// The theme the last successful build compiled, by [`crate::theme_key`].
    theme: Option<(Fp, Arc<Theme>)>,
    /// What the last build read, kept up to date with the changes the watcher reports
    /// ([`crate::load::refresh`]); `None`: read everything on the next build.
    sources: Option<crate::load::Sources>,
    /// The photo cache, kept from one build to the next.
    store: Option<crate::write::photos::Store>,
    /// The site the last successful build assembled (its URLs the local server's), with the
    /// fingerprint of the ledger's text it was assembled with: an edit of releases alone
    /// updates it in place ([`crate::reparse`]) instead of assembling it anew.
    site: Option<(Site, Fp)>,
    /// The ledger as read, by the fingerprint of its text: parsed again only when it changes.
    ledger: Option<(Fp, Ledger)>,
    /// `site.yaml` as parsed, by the fingerprint of its text, for [`crate::reparse`].
    config: Option<(Fp, crate::config::Config)>,
    /// The last snapshot's warnings.
    warnings: Arc<Vec<ContentError>>,
}

/// Every output file by its path in the output folder (`2023/05/x/index.html`).
/// `Body::Copy(asset)` is a file of the site, read when it is served.
pub type Files = BTreeMap<String, Arc<Body>>;

/// One successful build, in memory.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// Every output file, shared with the builder.
    pub files: Arc<Files>,
    pub elapsed: Duration,
    /// Files added, changed or removed since the previous successful build (all of them on the
    /// first).
    pub changed: usize,
    /// The site's title, from `site.yaml`.
    pub title: String,
    /// The path of `base_url`, starting and ending in `/`: the server serves the site there.
    pub base_path: String,
    /// What the build tidied or worked around, as `warta build` reports it: the same list as
    /// the last build's when it did not change (at 100,000 releases a copy takes 10 ms).
    pub warnings: Arc<Vec<ContentError>>,
    /// Whether the site's model was updated in place from the last build's (only the edited
    /// releases parsed and put in place of the old ones) rather than assembled anew.
    pub in_place: bool,
    /// How many releases this build parsed; the others' parses were the last build's, or on
    /// the first, those of the last `warta build` ([`crate::incremental::Memo`]).
    pub parsed: usize,
    /// The next moment a release is published or expires, and its file: the preview is
    /// built again then, as `warta build` would be ([`crate::model::schedule::Due`]).
    pub next_due: Option<(chrono::DateTime<chrono::Utc>, PathBuf)>,
}

impl Builder {
    /// A builder for the site `opts.root` (`opts.output`, `force` and `allow_shrink` are not
    /// used: nothing is written). `origin` (`http://127.0.0.1:1111`) replaces the scheme, host
    /// and port of the site's `base_url`, its path stays: every link, canonical URL and feed
    /// points at the local server.
    pub fn new(opts: BuildOptions, origin: impl Into<String>) -> Builder {
        Builder {
            // One name for the site's folder, as `warta build` has: the cache's parses it
            // starts from know the files under it by their paths ([`load::site_folder`]).
            opts: BuildOptions { root: load::site_folder(&opts.root), ..opts },
            origin: origin.into().trim_end_matches('/').to_string(),
            cache: Cache::default(),
            files: Arc::default(),
            own: None,
            sources: None,
            kept: crate::render::Kept::default(),
            theme: None,
            store: None,
            site: None,
            ledger: None,
            config: None,
            warnings: Arc::default(),
        }
    }

    /// Builds the site into memory: path → body, reading every file of the site and rendering
    /// only what changed since the last successful build. On an error nothing is kept, and the
    /// next build starts again from the last successful one.
    pub fn rebuild(&mut self) -> Result<Snapshot> {
        self.sources = None;
        self.rebuild_after(&[])
    }

    /// [`Builder::rebuild`] after the files at `changed` (relative to the site's root) changed:
    /// only those are read again when that is enough ([`crate::load::refresh`]).
    pub fn rebuild_after(&mut self, changed: &[PathBuf]) -> Result<Snapshot> {
        let started = Instant::now();
        let _t = crate::timings::Guard::new("rebuild");
        let now = self.opts.now.unwrap_or_else(crate::build_time);
        let root = &self.opts.root;
        // The release files read again, when nothing else changed.
        let (kept, touched) = match self.sources.take() {
            Some(mut kept) if !changed.is_empty() => {
                match crate::timings::phase("refresh", || load::refresh(root, &mut kept, changed))?
                {
                    Some(touched) => (Some(kept), Some(touched)),
                    None => (None, None),
                }
            }
            _ => (None, None),
        };
        let store = match &mut self.store {
            Some(store) => store,
            None => self.store.insert(crate::write::photos::Store::new(&crate::write::cache_path(
                root,
                &self.opts.output,
            )?)),
        };
        let sources = match kept {
            Some(kept) => kept,
            None => {
                // Nothing parsed yet: the releases whose files did not change since the last
                // `warta build` are taken as it parsed them, from its cache.
                let memo = if self.cache.parsed.is_empty() {
                    let dir = crate::write::cache_path(root, &self.opts.output).ok();
                    crate::timings::phase("read memo", || dir.and_then(|d| load::memo(&d)))
                } else {
                    None
                };
                let files = match memo {
                    Some(memo) => {
                        self.cache.parsed = memo.parsed;
                        memo.stamps.files
                    }
                    None => Default::default(),
                };
                let stamps = load::Stamps { files, photos: store.stamps() };
                let sources = crate::load_sources_with(root, Some(&self.cache.parsed), &stamps);
                crate::drop_later(stamps);
                sources?
            }
        };
        // Kept even if the site does not build: they are what the files say.
        let sources = &*self.sources.insert(sources);
        let ledger_key = Fp::of(&sources.ledger.as_ref().map(|l| &l.text));
        let mut parsed = std::mem::take(&mut self.cache.parsed);
        let updated = match (self.site.take(), touched) {
            (Some((mut site, key)), Some(touched)) if key == ledger_key => {
                let input = input_ledger(&mut self.ledger, sources, ledger_key);
                let config = parsed_config(&mut self.config, sources);
                let show = self.opts.show();
                let updated = input.zip(config).and_then(|(input, config)| {
                    crate::timings::phase("reparse", || {
                        crate::reparse(
                            &mut site,
                            &mut parsed,
                            sources,
                            &touched,
                            config,
                            input,
                            show,
                            now,
                        )
                    })
                });
                match updated {
                    Some(replaced) => Some((site, replaced)),
                    None => {
                        crate::drop_later(site);
                        None
                    }
                }
            }
            // Freed aside: at 10,000 releases that takes tens of milliseconds.
            (previous, _) => {
                crate::drop_later(previous);
                None
            }
        };
        let in_place = updated.is_some();
        let (site, parsed, replaced, made) = match updated {
            Some((site, replaced)) => {
                let made = replaced.len();
                (site, parsed, Some(replaced), made)
            }
            None => {
                let assembled = crate::timings::phase("parse", || {
                    crate::site_with(sources, self.opts.show(), now, Some(&parsed))
                });
                // On an error, the next build takes the parses from where they were.
                let (mut site, fresh) = match assembled {
                    Ok(assembled) => assembled,
                    Err(e) => {
                        self.cache.parsed = parsed;
                        return Err(e);
                    }
                };
                let made = fresh.keys().filter(|key| !parsed.contains_key(key)).count();
                crate::drop_later(parsed);
                // Only the URLs change: identities (guids) are assigned from the real host
                // when the site is assembled, so feeds served here carry the same ids as the
                // published ones.
                site.config.base_url = local_base_url(&self.origin, &site.config.base_path);
                (site, fresh, None, made)
            }
        };
        let theme_key = crate::theme_key(&site, sources);
        let same_theme = self.theme.as_ref().is_some_and(|(key, _)| *key == theme_key);
        let theme = match &self.theme {
            Some((key, theme)) if *key == theme_key => Arc::clone(theme),
            _ => match crate::timings::phase("theme", || crate::theme(&site, sources)) {
                Ok(theme) => Arc::new(theme),
                Err(e) => {
                    self.cache.parsed = parsed;
                    return Err(e);
                }
            },
        };
        let changed: Mutex<Vec<Output>> = Mutex::new(Vec::new());
        // Taken: a failed build starts the next one without them.
        let mut kept = std::mem::take(&mut self.kept);
        // The last build's table holds but for the rows of what was put in place.
        kept.replaced = replaced.filter(|_| same_theme);
        let rendering = crate::render_changed(&site, &theme, &self.cache.jobs, kept, |out| {
            let out = store.resolve(out)?;
            changed.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(out);
            Ok(())
        });
        store.finish();
        let rendering = match rendering {
            Ok(rendering) => rendering,
            Err(e) => {
                self.cache.parsed = parsed;
                return Err(e);
            }
        };
        store.save_stamps(&sources.stamps.photos);
        let changed = changed.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        let count = changed.len() + rendering.removed.len();
        let mut files = match self.own.take() {
            Some(own) => own,
            None => crate::timings::phase("copy files", || Files::clone(&self.files)),
        };
        for out in changed {
            files.insert(out.path, Arc::new(out.body));
        }
        for path in &rendering.removed {
            files.remove(path);
        }
        // The snapshot shares them: copying 46,000 paths would delay serving by 10 ms.
        self.files = Arc::new(files);
        self.kept = rendering.kept;
        let cache = Cache { parsed, jobs: rendering.jobs, ..Cache::default() };
        crate::drop_later(std::mem::replace(&mut self.cache, cache));
        self.theme = Some((theme_key, theme));
        let snapshot = Snapshot {
            files: Arc::clone(&self.files),
            elapsed: started.elapsed(),
            changed: count,
            title: site.config.title.clone(),
            base_path: site.config.base_path.clone(),
            warnings: crate::timings::phase("warnings", || {
                if *self.warnings != site.warnings {
                    self.warnings = Arc::new(site.warnings.clone());
                }
                Arc::clone(&self.warnings)
            }),
            in_place,
            parsed: made,
            next_due: (site.schedule.next_due.as_ref())
                .map(|d| (d.at.at.with_timezone(&chrono::Utc), d.source.clone())),
        };
        self.site = Some((site, ledger_key));
        Ok(snapshot)
    }

    /// Makes the builder's own copy of the files served, which the next build updates: called
    /// once the snapshot is served, while the next save is awaited. A build without it makes
    /// the copy itself.
    pub fn prepare(&mut self) {
        if self.own.is_none() {
            let _t = crate::timings::Guard::new("copy files");
            self.own = Some(Files::clone(&self.files));
        }
    }
}

/// The ledger of `sources` as read, from `kept` if its text is the same (`key`); `None` if it
/// cannot be read (the site is then assembled anew, which reports why).
fn input_ledger<'a>(
    kept: &'a mut Option<(Fp, Ledger)>,
    sources: &load::Sources,
    key: Fp,
) -> Option<&'a Ledger> {
    if kept.as_ref().is_none_or(|(k, _)| *k != key) {
        let ledger = match &sources.ledger {
            Some(file) => Ledger::parse(&file.text).ok()?,
            None => Ledger::default(),
        };
        *kept = Some((key, ledger));
    }
    kept.as_ref().map(|(_, ledger)| ledger)
}

/// `site.yaml` of `sources` as parsed, from `kept` if its text is the same; `None` if it does
/// not parse (the site is then assembled anew, which reports why).
fn parsed_config<'a>(
    kept: &'a mut Option<(Fp, crate::config::Config)>,
    sources: &load::Sources,
) -> Option<&'a crate::config::Config> {
    let key = Fp::of(&sources.site_yaml.text);
    if kept.as_ref().is_none_or(|(k, _)| *k != key) {
        let file = &sources.site_yaml;
        *kept = Some((key, crate::config::parse(&file.path, &file.text).ok()?));
    }
    kept.as_ref().map(|(_, config)| config)
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
