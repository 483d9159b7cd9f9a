//! warta turns a folder of press releases (Markdown with YAML front matter) into a complete
//! static news portal. A build is a straight line of stages:
//!
//! ```text
//! load (disk) → parse → model → render → write (disk)
//! ```
//!
//! Only [`load`] reads and only [`write`] writes; [`parse`] and [`render`] are plain data in,
//! plain data out, so every stage between can be tested without files.

pub mod channels;
pub mod cli;
pub mod config;
pub mod date;
pub mod deploy;
pub mod encoding;
pub mod error;
pub mod fingerprint;
pub mod front_matter;
#[doc(hidden)]
pub mod fuzz;
pub mod import;
pub mod incremental;
pub mod ledger;
pub mod links;
pub mod load;
pub mod markdown;
pub mod model;
pub mod photos;
pub mod press;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod slug;
pub mod social;
pub mod timings;
pub mod trust;
pub mod write;
mod yaml;

use chrono::{DateTime, Utc};
use error::{ContentError, Error, Result};
use fingerprint::Fp;
use model::release::StaticPhotos;
use model::schedule::Schedule;
use model::{Parsed, Publication, Release, Show, Site};
use rayon::prelude::*;
use render::{Output, Theme};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};
use timings::phase;

/// What `warta build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (with `site.yaml` and `content/`).
    pub root: PathBuf,
    /// The output folder; `public/` in the root by default.
    pub output: PathBuf,
    /// Include releases marked `draft: true` (marked as drafts, in no feed or sitemap).
    pub drafts: bool,
    /// Include releases dated after the build (marked as scheduled, in no feed or sitemap).
    pub future: bool,
    /// Replace an output folder that warta did not create.
    pub force: bool,
    /// Publish even far fewer releases than before (see [`write::SHRINK_FACTOR`]).
    pub allow_shrink: bool,
    /// The moment of the build: releases dated after it are left out, and the Google News
    /// sitemap takes the two days before it; `None`: now, or `SOURCE_DATE_EPOCH` when set, for
    /// reproducible builds.
    pub now: Option<DateTime<Utc>>,
    /// Ignore the build cache: parse and render everything, and replace every file.
    pub clean: bool,
}

/// What makes a build's output a preview that no web host should get (`warta deploy` refuses
/// it): the drafts and scheduled releases it shows, `1 draft, 2 scheduled`; `None` when it shows
/// only what is published.
fn preview(site: &Site) -> Option<String> {
    let count =
        |p: fn(&Publication) -> bool| site.releases.iter().filter(|r| p(&r.publication)).count();
    let drafts = count(|p| matches!(p, Publication::Draft));
    let scheduled = count(|p| matches!(p, Publication::Scheduled(_)));
    let parts: Vec<String> = [(drafts, "draft", "drafts"), (scheduled, "scheduled", "scheduled")]
        .into_iter()
        .filter(|(n, ..)| *n > 0)
        .map(|(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// `SOURCE_DATE_EPOCH` if set (reproducible builds), else the clock.
pub fn build_time() -> DateTime<Utc> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| DateTime::from_timestamp(secs, 0))
        .unwrap_or_else(Utc::now)
}

/// What a successful build did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildSummary {
    pub releases: usize,
    pub pages: usize,
    /// Every file of the output, pages included.
    pub files: usize,
    /// Files that are new, that changed, and that were removed since the previous build;
    /// every other file was left as it was.
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    /// Pages and files rendered (the rest were known unchanged from the cache).
    pub rendered: usize,
    pub elapsed: Duration,
    /// Where a folder warta did not create was moved to, when `--force` replaced it.
    pub kept: Option<PathBuf>,
    /// What the build tidied or worked around, for the writer to fix at the source.
    pub warnings: Vec<ContentError>,
    /// What the build's moment left out, and when the next scheduled change is due.
    pub schedule: Schedule,
    /// What makes the output a preview (`1 draft`), which `warta deploy` will not send.
    pub preview: Option<String>,
    /// The site's address, when it is still an example one ([`config::Config::example_address`]),
    /// which `warta deploy` will not send a site with.
    pub example_address: Option<String>,
    /// The fields of `site.yaml` that still hold the sample's text, `description
    /// ("Rilis berita resmi Kantor Contoh.")` ([`scaffold::sample_fields`]), which `warta
    /// deploy` will not send a site with either.
    pub sample_fields: Vec<String>,
}

impl BuildOptions {
    /// Which releases the build includes besides the published ones.
    pub fn show(&self) -> Show {
        Show { drafts: self.drafts, future: self.future, expired: false }
    }
}

/// Builds the site: load, parse, render, write. With the cache of the previous build (beside
/// the output, see [`incremental`]) only the releases whose files changed are parsed, only the
/// pages that show something that changed are rendered, and only the files whose bytes changed
/// are written, into the previous output; without one, every file is written into a staging
/// folder that is swapped in.
pub fn build(opts: &BuildOptions) -> Result<BuildSummary> {
    let started = Instant::now();
    let opts = &BuildOptions { root: load::site_folder(&opts.root), ..opts.clone() };
    let started_at = std::time::SystemTime::now();
    let now = opts.now.unwrap_or_else(build_time);
    // --clean: the build cache is not read, and the one written at the end replaces it; the
    // photo cache (made files by content, photos' stamps) is kept.
    let cache_dir = write::cache_path(&opts.root, &opts.output)?;
    // The output is locked before its cache is read: another build may be replacing both.
    let lock = phase("lock", || write::lock_output(&opts.root, &opts.output))?;
    let mut cache = phase("read cache", || if opts.clean { None } else { load::cache(&cache_dir) });
    // The last build died after it wrote its cache and before it renamed its job records:
    // before its commit, in its update in place, or after.
    let settled = cache
        .as_mut()
        .filter(|c| c.pending.is_some())
        .is_some_and(|c| c.settle(write::output_build(&opts.root, &opts.output).as_deref()));
    // Whether every file the previous build wrote is still there is looked up while the site
    // is read: an update in place needs to know.
    let presence = match &mut cache {
        Some(c) => write::Presence::start(
            &opts.root,
            &opts.output,
            &c.output,
            std::mem::take(&mut c.folders),
            std::mem::take(&mut c.unsure),
        ),
        None => write::Presence::none(),
    };
    // The photo cache is kept by --clean, which looks at each file it takes from it.
    let mut store = write::photos::Store::new(&cache_dir).checking(opts.clean);
    // The photos' stamps live with the photo cache, which --clean keeps too.
    let stamps = load::Stamps {
        files: cache.as_mut().map(|c| std::mem::take(&mut c.stamps.files)).unwrap_or_default(),
        photos: store.stamps(),
    };
    let memo = cache.as_ref().map(|c| &c.parsed);
    let mut sources = phase("load", || load_sources_with(&opts.root, memo, &stamps))?;
    drop_later(stamps);
    let site_yaml = &sources.site_yaml;
    let config = config::parse(&site_yaml.path, &site_yaml.text).map_err(Error::content)?;
    // The theme is compiled while the releases are parsed and the model is assembled.
    let (parsing, theme) = rayon::join(
        || phase("parse", || parse_with(config.clone(), &sources, opts.show(), now, memo)),
        || phase("theme", || theme_for(&config, &sources)),
    );
    let (mut site, parsed) = parsing?;
    let theme = theme?;
    // The texts are parsed: at 100,000 releases they are 300 MB the render does not need.
    drop_later(std::mem::take(&mut sources.releases));
    let stamps = std::mem::take(&mut sources.stamps);
    let expected = cache.as_ref().map(|c| c.output.as_str());
    let mut staging = phase("open output", || {
        write::Staging::create(&opts.root, &opts.output, lock, opts.force, expected, presence)
    })?;
    // Left out as expired or as a copy of another release, a release is not missing.
    let published = site.releases.len() + site.schedule.expired + site.schedule.copies;
    staging.check_shrink(published, site.ledger.len(), opts.allow_shrink)?;
    // The cache describes the output only if it names the build that wrote it.
    let (previous, cache_files, kept) = match cache {
        Some(mut c) => {
            // The records the last build's death left to take are made the cache's own first,
            // now that the output is locked, if they describe it still; if they cannot be,
            // they are not used.
            let mut describes = staging.previous_build() == Some(c.output.as_str());
            if describes && settled {
                describes = write::cache(&cache_dir, &c.settled_files()).is_ok();
                if describes {
                    c.settled_written();
                }
            }
            // What the last build's search index and manifest kept, to update: they are no
            // files of the output, so they serve whatever output this build writes.
            let kept = render::Kept {
                search: c.search,
                parses: c.parsed,
                manifest: c.manifest,
                qr: c.qr,
                checked: c.table,
                ..render::Kept::default()
            };
            let jobs = if describes { c.jobs } else { Vec::new() };
            (jobs, c.files, kept)
        }
        None => (Vec::new(), HashMap::new(), render::Kept::default()),
    };
    let update = !previous.is_empty();
    if !update {
        // Every file is written: those the same as the previous output's keep their times.
        staging.compare_with_previous();
    }
    let rendering =
        render_changed(&site, &theme, &previous, kept, |out| staging.put(&store.resolve(out)?));
    store.finish();
    let rendering = rendering?;
    // The ledger first: if it cannot be written, the previous site stays.
    write::ledger(
        &opts.root,
        sources.ledger.as_ref().map(|l| l.text.as_str()),
        &site.ledger.to_text(),
    )?;
    let build = rendering.token(published);
    let cache_path = staging.cache_path();
    // What the look at the output's files found holds after an update in place, which changes
    // only what it writes; a replaced output is looked at whole by the next build.
    let folders = if update { staging.take_folders() } else { write::Folders::default() };
    let cache = incremental::Cache {
        output: build,
        parsed,
        jobs: rendering.jobs,
        stamps,
        folders,
        files: cache_files,
        search: rendering.kept.search,
        manifest: rendering.kept.manifest,
        qr: rendering.kept.qr,
        table: rendering.kept.checked,
        pending: None,
        unsure: Default::default(),
    };
    // The cache is written before the output is committed, its job records under another
    // name that the commit's success confirms: a build that dies after the commit leaves a
    // cache of the output it committed, not one the next build cannot use (which would then
    // write the whole output anew beside the old one: at 100,000 releases, 7 GB more).
    let changes = cache.files_before_commit();
    let pending = changes.iter().any(|(name, _)| name == incremental::JOBS_NEXT);
    let preview = preview(&site);
    let saved = phase("write cache", || write::cache(&cache_path, &changes));
    drop(changes);
    // Addresses of pages and units the last build published and this one does not.
    let gone = if update {
        render::paths::gone_addresses(&site, &rendering.removed)
    } else {
        render::paths::gone_addresses(&site, &staging.gone())
    };
    let compared = staging.compared();
    // The photo cache is pruned while the output is committed, one on each thread: what it
    // deletes is made files no output of this build has, and the output's files are links of
    // their own to the bytes they show.
    let prune = store.made() > 0 || !rendering.removed.is_empty();
    let prune_photos = || {
        if prune {
            let live = cache.jobs.iter().flat_map(|j| j.outputs.iter().map(|o| o.1)).collect();
            phase("prune photos", || store.prune(&live));
        }
    };
    let commit = || {
        phase("commit", || {
            if update {
                let files = cache.paths();
                let removed = &rendering.removed;
                Ok((
                    None,
                    staging.commit_update(
                        published,
                        preview.as_deref(),
                        &cache.output,
                        files,
                        removed,
                    )?,
                ))
            } else {
                staging.commit(published, preview.as_deref(), &cache.output)
            }
        })
    };
    let (committed, ()) = rayon::join(commit, prune_photos);
    let (kept, notes) = committed?;
    let saved = match saved {
        Ok(()) if pending => write::confirm_cache(&cache_path),
        saved => saved,
    };
    // For `warta deploy`, which sends the output only if no source changed since this moment.
    write::built::record(&cache_path, started_at, site.config.site_key());
    store.save_stamps(&cache.stamps.photos);
    let mut warnings = std::mem::take(&mut site.warnings);
    warnings.extend(notes);
    warnings.extend(gone);
    if let Err(e) = saved {
        let why = format!("the build cache could not be saved ({e}); the next build is a full one");
        warnings.push(ContentError::new(cache_path, why));
    }
    let summary = BuildSummary {
        releases: site.releases.len(),
        pages: rendering.counts.pages,
        files: rendering.counts.files,
        added: compared.map_or(rendering.added, |c| c.added),
        changed: compared.map_or(rendering.changed, |c| c.changed),
        removed: compared.map_or(rendering.removed.len(), |c| c.removed),
        rendered: rendering.rendered,
        elapsed: started.elapsed(),
        kept,
        warnings,
        schedule: std::mem::take(&mut site.schedule),
        preview,
        example_address: site.config.example_address().map(str::to_string),
        sample_fields: scaffold::sample_fields(&site.config),
    };
    drop_later((site, sources, theme, cache, rendering.removed));
    Ok(summary)
}

/// Turns transparent huge pages off for this process, as the `warta` command's first step.
/// mimalloc asks the kernel for huge pages, which the kernel clears 2 MB at a time on first
/// touch, however little of one is used: a build after one edit at 100,000 releases, which
/// allocates 1.7 GB and frees much of it as it goes, spent 4 to 6 s of system time clearing
/// pages, and took 4.8 s; without huge pages, 2 s and 3.5 s (medians of four alternating
/// runs, stop 69). A cold build of 10,000 releases is the same either way. Where the kernel
/// has no such switch (not Linux), nothing happens.
pub fn without_huge_pages() {
    #[cfg(target_os = "linux")]
    {
        // Only a speed-up: a kernel that refuses leaves the build as it was.
        let _ = rustix::thread::disable_transparent_huge_pages(true);
    }
}

/// Whether the builds of this process leave what they no longer need to the process's end
/// ([`leave_to_exit`]).
static LEFT_TO_EXIT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Makes the builds of this process leave the memory they no longer need to the process's end
/// instead of freeing it: for `warta build`, whose process ends with its build. Freeing a
/// model of 10,000 releases is tens of milliseconds of a core, which on two cores the build's
/// last stages wait for; and what is freed is handed back to the kernel by mimalloc's exit
/// handler one `madvise` at a time (at 10,000 releases, 347 calls after the build's summary
/// was printed, 212 with this), where the kernel takes a whole process's memory back at once.
/// An edit's build at 10,000 releases, in turns with the build before (`benches/ab.sh`, 20
/// each, stop 72): 0.36 s against 0.375 s, system time 0.22 s against 0.24 s.
pub fn leave_to_exit() {
    LEFT_TO_EXIT.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// Drops `value` on a thread of its own: freeing a build's model of 10,000 releases takes
/// tens of milliseconds that whoever waits for the build (a person at the command line, the
/// page `warta serve` reloads) need not wait for. A process that exits first just exits. Where
/// no thread can be started (a process limit), it is dropped here, not a panic. In a process
/// that ends with its build ([`leave_to_exit`]), it is not dropped at all.
pub(crate) fn drop_later<T: Send + 'static>(value: T) {
    if LEFT_TO_EXIT.load(std::sync::atomic::Ordering::Relaxed) {
        std::mem::forget(value);
        return;
    }
    let _ = std::thread::Builder::new().name("warta-free".into()).spawn(move || drop(value));
}

/// The one item of `items`, when there is exactly one: the site's one unit, the one file a name
/// can mean.
pub(crate) fn only<T>(items: impl IntoIterator<Item = T>) -> Option<T> {
    let mut items = items.into_iter();
    match (items.next(), items.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

/// Reads and checks the site as a build would (content, theme), writes nothing, and returns
/// when its output must change next: for `warta build --print-next-due`.
pub fn next_due(
    root: &Path,
    show: Show,
    now: DateTime<Utc>,
) -> Result<Option<model::schedule::Due>> {
    let (sources, site) = load_site(root, show, now)?;
    theme(&site, &sources)?;
    Ok(site.schedule.next_due)
}

/// Reads and parses a site: the first stages of a build, shared by the commands that need the
/// model but write nothing.
pub fn load_site(root: &Path, show: Show, now: DateTime<Utc>) -> Result<(load::Sources, Site)> {
    let sources = phase("load", || load_sources(root))?;
    let (site, _) = phase("parse", || site_with(&sources, show, now, None))?;
    Ok((sources, site))
}

/// The parses of a site's releases, by [`source_key`]: what one build keeps for the next.
pub type Parses = HashMap<Fp, Arc<model::Parsed>>;

/// Reads everything a build of the site at `root` reads.
pub fn load_sources(root: &Path) -> Result<load::Sources> {
    load_sources_with(root, None, &load::Stamps::default())
}

/// [`load_sources`], leaving unread the release files that did not change since the build that
/// left `stamps` and whose parses `memo` has, and the photos `stamps` show unchanged.
pub fn load_sources_with(
    root: &Path,
    memo: Option<&Parses>,
    stamps: &load::Stamps,
) -> Result<load::Sources> {
    let site_yaml = load::site_yaml(root)?;
    let config = config::parse(&site_yaml.path, &site_yaml.text).map_err(Error::content)?;
    let mut sources = load::sources_with(root, site_yaml, &config.theme, Some(stamps))?;
    // A secret key inside the site would be published, or committed with it.
    let stray = load::secret_keys(root, &sources);
    if !stray.is_empty() {
        let why = "holds the office's secret signing key, inside the site folder, where a build \
                   publishes it or a repository keeps it: move it out of the site folder, and if \
                   it may have been uploaded or committed, make a new key with `warta keygen --force`";
        let errors =
            stray.iter().map(|p| ContentError::new(p.strip_prefix(root).unwrap_or(p), why));
        return Err(Error::content(errors.collect()));
    }
    // The office's key, from outside the site (never inside it: see `trust::keys`).
    let signing = trust::keys::find(root, &config.public_host()).map_err(Error::Refused)?;
    sources.signing = signing.map(|(key, _)| Arc::new(key));
    let config_key = Fp::of(&config);
    let statics = StaticPhotos::new(&sources.site_static);
    let reuse = Reuse::new(memo);
    load::read_unread(root, &mut sources.releases, |f| {
        reuse.parse(source_key(config_key, f), &statics).is_none()
    })?;
    Ok(sources)
}

/// The site of what was read ([`load_sources`]), with the parses of `memo` for the releases
/// whose files did not change (see [`parse_with`]).
pub fn site_with(
    sources: &load::Sources,
    show: Show,
    now: DateTime<Utc>,
    memo: Option<&Parses>,
) -> Result<(Site, Parses)> {
    let site_yaml = &sources.site_yaml;
    let config = config::parse(&site_yaml.path, &site_yaml.text).map_err(Error::content)?;
    parse_with(config, sources, show, now, memo)
}

/// Parses every release and page in parallel and builds the model; reports every error of
/// every file at once. Here, and only here, each release's [`Publication`] at the build's
/// moment is decided, and `show` picks which ones the site includes.
pub fn parse(
    config: config::Config,
    sources: &load::Sources,
    show: Show,
    now: DateTime<Utc>,
) -> Result<Site> {
    parse_with(config, sources, show, now, None).map(|(site, _)| site)
}

/// What a release's parse depends on: its file, the files beside it and the config.
fn source_key(config: Fp, file: &load::SourceFile) -> Fp {
    fingerprint::Hasher::new()
        .add(&config)
        .add(&file.path)
        .add(&file.digest())
        .add(&file.bundle)
        .add(&file.links)
        .finish128()
}

/// [`parse`], taking each release whose file did not change from `memo` (a previous build's
/// parses, by [`source_key`]) instead of parsing it again; returns the site and the parses of
/// this build's releases, for the next build.
pub fn parse_with(
    config: config::Config,
    sources: &load::Sources,
    show: Show,
    now: DateTime<Utc>,
    memo: Option<&Parses>,
) -> Result<(Site, Parses)> {
    let now = now.with_timezone(&config.timezone);
    let config_key = Fp::of(&config);
    // The ledger is read while the releases are parsed.
    let (ledger, releases) = phase("parse releases", || {
        rayon::join(
            || match &sources.ledger {
                Some(file) => ledger::Ledger::parse(&file.text).map_err(|e| {
                    let hint = format!(
                        "{}; fix the line or restore the file from version control",
                        e.message
                    );
                    Error::content(vec![ContentError::new(&file.path, hint).at_line(Some(e.line))])
                }),
                None => Ok(ledger::Ledger::default()),
            },
            || parse_releases(&config, config_key, sources, memo),
        )
    });
    let mut ledger = ledger?;
    let pages: Vec<_> =
        sources.pages.par_iter().map(|f| model::release::page(&config, f)).collect();
    // The files that could not be read first, then what parsing the others found: all at once.
    let mut errors: Vec<ContentError> = sources.errors.clone();
    // A draft that the build leaves out does not stop it: its mistakes are told as warnings,
    // to be fixed before it is published (found by use, stop 59: one writer's unfinished draft,
    // its date typed 15/12/2026, kept the whole office from publishing). The releases and pages
    // that did not parse for them, by their files.
    let left_out = |file: &load::SourceFile| {
        !show.drafts && model::release::split_front(file).is_some_and(front_matter::marked_draft)
    };
    // A copy that a computer made of a release (`rapat (1).md`, `rapat - Copy.md`, a sync
    // service's conflicted copy) is left out, whatever its state, and its mistakes with it:
    // published, it would be a second release with a guid of its own, announced to every
    // channel again (found by use, stop 59: every copy was published, each cross-posted).
    let copies: HashMap<PathBuf, PathBuf> =
        model::copies::find(sources.releases.iter().map(|f| f.path.as_path()))
            .into_iter()
            .collect();
    let mut draft_mistakes: Vec<ContentError> = Vec::new();
    let mut unparsed_drafts: Vec<&Path> = Vec::new();
    let mut parsed = Vec::with_capacity(releases.len());
    let mut keys = Vec::with_capacity(releases.len());
    for (r, file) in releases.into_iter().zip(&sources.releases) {
        match r {
            Ok((key, r)) => {
                keys.push(key);
                parsed.push(r);
            }
            // Its warning, made below, says it is left out.
            Err(_) if copies.contains_key(&file.path) => {}
            Err(e) if left_out(file) => {
                unparsed_drafts.push(&file.path);
                draft_mistakes.extend(e);
            }
            Err(e) => errors.extend(e),
        }
    }
    let mut parsed_pages = Vec::new();
    for (p, file) in pages.into_iter().zip(&sources.pages) {
        match p {
            Ok(p) => parsed_pages.push(p),
            Err(e) if left_out(file) => draft_mistakes.extend(e),
            Err(e) => errors.extend(e),
        }
    }
    // Drafts and scheduled releases too: a broken link found only when a release falls due
    // would fail the build that should publish it. A draft's, when the build leaves it out, is
    // a warning as its other mistakes are.
    let static_files = sources.theme.static_files.iter().chain(&sources.site_static);
    let references = phase("references", || {
        model::references::check(&parsed, &parsed_pages, static_files.map(|a| a.name.as_str()))
    });
    let drafts: std::collections::HashSet<&Path> = match show.drafts {
        true => Default::default(),
        false => parsed
            .iter()
            .filter(|r| r.draft)
            .map(|r| r.source.as_path())
            .chain(parsed_pages.iter().filter(|p| p.draft).map(|p| p.source.as_path()))
            .collect(),
    };
    let (of_drafts, others): (Vec<_>, Vec<_>) = references
        .into_iter()
        .filter(|e| !copies.contains_key(&e.path))
        .partition(|e| drafts.contains(e.path.as_path()));
    errors.extend(others);
    draft_mistakes.extend(of_drafts);
    // A correction, a withdrawal or `updated` dated after the build: a typed year, most often
    // (found by helper-30, stop 66: published as it was, "Ditarik pada … 2027"); or, of a
    // release not yet published, after the date it is to be published.
    for r in parsed.iter().filter(|r| !copies.contains_key(&r.source)) {
        let later = r.after(now);
        match drafts.contains(r.source.as_path()) {
            true => draft_mistakes.extend(later),
            false => errors.extend(later),
        }
    }
    if !errors.is_empty() {
        return Err(Error::content(errors));
    }
    let memo: Parses = keys.into_iter().zip(parsed.iter().cloned()).collect();
    let mut schedule = Schedule::default();
    // What reading the files found, then what parsing the included releases found: each in
    // the order of the files, so sorting them is merging two sorted runs.
    let mut warnings = sources.warnings.clone();
    let site_yaml = &sources.site_yaml;
    warnings.extend(config.short_name_warning(&site_yaml.path, &site_yaml.text));
    if let (n @ 1.., Some(file)) = (ledger.conflicts, &sources.ledger) {
        warnings.push(ContentError::new(
            &file.path,
            format!(
                "held {n} merge conflict{} of git (its <<<<<<< and >>>>>>> lines: two people \
                 published at once); the releases of both sides keep their guids, and this build \
                 writes the file without the conflict: commit it",
                if n == 1 { "" } else { "s" }
            ),
        ));
    }
    warnings.extend(draft_mistakes.into_iter().map(|e| {
        let message = format!(
            "{} (a draft, which this build leaves out: fix this before you publish it)",
            e.message
        );
        ContentError { message, ..e }
    }));
    schedule.drafts += unparsed_drafts.len();
    let mut included: Vec<(&Arc<Parsed>, Publication)> = Vec::with_capacity(parsed.len());
    // Not in this build as a draft or dated later: said when the ledger shows it was published.
    // A draft that did not parse is one too.
    let mut held_back: Vec<(&Path, Publication)> =
        unparsed_drafts.iter().map(|&path| (path, Publication::Draft)).collect();
    warnings.extend(copies.iter().map(|(copy, original)| model::copies::warning(copy, original)));
    schedule.copies = copies.len();
    for r in parsed.iter().filter(|r| !copies.contains_key(&r.source)) {
        let publication = r.publication_at(now);
        let shown = show.includes(publication);
        schedule.note_at(r, publication, shown);
        // Shown or not: the writer must know why it is not published.
        warnings.extend(r.unwritten.iter().cloned());
        if shown {
            warnings.extend(r.warnings.iter().cloned());
            included.push((r, publication));
        } else if matches!(publication, Publication::Draft | Publication::Scheduled(_)) {
            held_back.push((r.source.as_path(), publication));
        }
    }
    warnings.extend(unpublished(&ledger, &held_back));
    // The site shares each parse with the memo, and gives it its publication and, when it is
    // assembled, its identity.
    included.sort_by(|(a, pa), (b, pb)| model::site::site_order(a, *pa, b, *pb));
    let ok_releases: Vec<Release> =
        included.iter().map(|&(r, publication)| Release::new(Arc::clone(r), publication)).collect();
    let ok_pages: Vec<_> = parsed_pages.into_iter().filter(|p| show.drafts || !p.draft).collect();
    warnings.extend(ok_pages.iter().flat_map(|p| p.warnings.iter().cloned()));
    let signing = signing_key(&config, sources)?;
    if let (None, Some(public)) = (&signing, &config.trust.public_key) {
        warnings.push(unsigned_warning(&config, sources, public));
    }
    // A draft that did not parse is not gone either.
    ledger.hold(
        parsed.iter().map(|r| slash(&r.source)).chain(unparsed_drafts.iter().map(|p| slash(p))),
    );
    let mut site = phase("site", || Site::new(config, ok_releases, ok_pages, ledger, now))
        .map_err(Error::content)?;
    site.signing = signing;
    phase("codes", || trust::check_codes(&site)).map_err(Error::content)?;
    let guids = site.releases.iter().map(|r| r.guid.as_str());
    if let Some((old, n)) = trust::prefix_moved(&site.config.trust, guids) {
        warnings.push(prefix_warning(&site.config, sources, &old, n));
    }
    site.gone = phase("gone", || gone(&site));
    site.removed = phase("removed", || removed(&site, &parsed));
    site.removed_short = model::site::removed_short_links(&site);
    // Found gone: from now on not recognised by its title or its date.
    site.ledger.mark_removed(site.removed.iter().map(|e| e.guid.as_str()));
    warnings.extend(site.removed.iter().map(|e| {
        ContentError::new(
            &e.source,
            format!(
                "was published at /{} and its file is gone: that address now says the release \
                 was removed. To take a release down, keep its file and add `withdrawn: {{date: \
                 …, reason: …}}`, which keeps it at its address and tells readers why",
                e.paths.first().map_or("", String::as_str)
            ),
        )
    }));
    site.schedule = schedule;
    site.warnings = phase("warnings", || error::sorted(warnings));
    Ok((site, memo))
}

/// [`parse_with`] after an edit of the release files `touched` alone (relative to the root, as
/// [`load::refresh`] gives them), by updating `site`, which the last build assembled from the
/// same files but these, and `memo`, its parses: each touched file is parsed and its release
/// put in place of the old one ([`Site::replace`]). `config` is `site.yaml` as parsed (not
/// the served site's, whose base URL is the local server's), `input` the ledger as read, the
/// same text as the last build's. At 10,000 releases this is a few milliseconds; assembling the
/// site anew is about 150.
///
/// Returns the indices of the releases put in place, or `None`, leaving `site` and `memo` as
/// they were, when the site must be assembled anew: a release added or gone, one that moves
/// (a date, a tag, a unit, its path), a file that does not parse or points to a file the site
/// does not have (the full parse reports every error of the site), or a release's publication
/// or expiry between the two builds' moments.
#[allow(clippy::too_many_arguments)]
pub fn reparse(
    site: &mut Site,
    memo: &mut Parses,
    sources: &load::Sources,
    touched: &[PathBuf],
    config: &config::Config,
    input: &ledger::Ledger,
    show: Show,
    now: DateTime<Utc>,
) -> Option<Vec<usize>> {
    let now = now.with_timezone(&config.timezone);
    // Every release's publication is what it was: no date or expiry fell between the moments.
    if now < site.now || site.schedule.next_due.as_ref().is_some_and(|d| d.at.at <= now) {
        return None;
    }
    let config_key = Fp::of(config);
    let statics = StaticPhotos::new(&sources.site_static);
    let mut parses = Vec::with_capacity(touched.len());
    let mut replacements = Vec::with_capacity(touched.len());
    for path in touched {
        let Ok(at) = sources.releases.binary_search_by(|f| f.path.cmp(path)) else {
            return None;
        };
        // Compared as written (both are as the walk of the content folder gives them): a
        // path that differs only in how it is written is not found, and the site assembled
        // anew.
        let i = site.releases.iter().position(|r| r.source.as_os_str() == path.as_os_str())?;
        let file = &sources.releases[at];
        let Ok(parsed) = parse_release(config, file, source_key(config_key, file), &statics) else {
            return None;
        };
        let r = &parsed;
        let publication = r.publication_at(now);
        // A moment after the build (a correction's, say) is an error the full parse reports.
        if !show.includes(publication) || r.after(now).next().is_some() {
            return None;
        }
        replacements.push((i, Release::new(Arc::clone(r), publication)));
        parses.push((site.releases[i].key, parsed));
    }
    // The files a link can point to are those of the last build when the touched bundles hold
    // the same names (their paths are kept, see [`Site::replace`]): the pages' links, checked
    // by that build, still hold, and only the touched releases' own can break.
    let same_bundles = replacements.iter().all(|(i, r)| {
        let old = &site.releases[*i].bundle;
        old.len() == r.bundle.len() && old.iter().zip(&r.bundle).all(|(a, b)| a.name == b.name)
    });
    let static_files: std::collections::HashSet<&str> = sources
        .theme
        .static_files
        .iter()
        .chain(&sources.site_static)
        .map(|a| a.name.as_str())
        .collect();
    // A file beside a release: looked up in each release's bundle, without the set of every
    // bundle's files that a full check makes.
    let in_bundle = |path: &str, r: &Parsed| {
        path.strip_prefix(r.path.as_str())
            .is_some_and(|name| r.bundle.iter().any(|a| a.name == name))
    };
    let exists = |path: &str| {
        static_files.contains(path)
            || memo
                .values()
                .any(|r| !parses.iter().any(|(old, _)| *old == r.key) && in_bundle(path, r))
            || parses.iter().any(|(_, new)| in_bundle(path, new))
    };
    let touched_releases: Vec<&Parsed> = parses.iter().map(|(_, new)| &**new).collect();
    if !same_bundles || !model::references::check_against(&touched_releases, &[], exists).is_empty()
    {
        return None;
    }
    let warned: Vec<ContentError> = replacements
        .iter()
        .flat_map(|(_, r)| r.warnings.iter().chain(&r.unwritten).cloned())
        .collect();
    let replaced: Vec<usize> = replacements.iter().map(|(i, _)| *i).collect();
    if !site.replace(input, replacements) {
        return None;
    }
    for (old, parsed) in parses {
        memo.remove(&old);
        memo.insert(parsed.key, parsed);
    }
    // The warnings, sorted by file: each touched file's run of them replaced by what reading
    // and parsing it found now, sorted as the whole list would be ([`error::sorted`]).
    for path in touched {
        let of_file = |w: &&ContentError| w.path == *path;
        let found = sources.warnings.iter().chain(&warned).filter(of_file).cloned().collect();
        let warnings = &mut site.warnings;
        let start = warnings.partition_point(|w| w.path < *path);
        let end = start + warnings[start..].partition_point(|w| w.path == *path);
        warnings.splice(start..end, error::sorted(found));
    }
    site.now = now;
    Some(replaced)
}

/// A warning for each release of `held_back` (a draft, or dated after the build) that the ledger
/// remembers as published: it left the site, and the addresses that were shared answer "not
/// found", which a deleted file is warned of and this was not (found by helper-28, stop 48).
fn unpublished(ledger: &ledger::Ledger, held_back: &[(&Path, Publication)]) -> Vec<ContentError> {
    if held_back.is_empty() {
        return Vec::new();
    }
    let published: HashMap<&str, &str> = ledger
        .entries()
        .filter_map(|e| Some((e.source.as_str(), e.paths.first()?.as_str())))
        .collect();
    held_back
        .iter()
        .filter_map(|&(source, publication)| {
            let path = published.get(slash(source).as_str())?;
            let now = match publication {
                Publication::Scheduled(at) => format!(
                    "is now dated {}, after this build: it is off the site until then",
                    at.iso()
                ),
                _ => "is now a draft: it is off the site".to_string(),
            };
            let message = format!(
                "was published at /{path} and {now}, and that address answers \"not found\" to \
                 the readers and services that have the link. If that is a mistake, put back its \
                 date or take out `draft: true`; to take a release down, keep it published and add \
                 `withdrawn: {{date: …, reason: …}}`, which keeps it at its address and tells \
                 readers why"
            );
            Some(ContentError::new(source, message))
        })
        .collect()
}

/// A source path as the ledger writes it: `/`-separated on every system.
fn slash(path: &Path) -> String {
    path.to_string_lossy().replace(std::path::MAIN_SEPARATOR, "/")
}

/// The releases the ledger remembers as published whose files are gone: of [`Site::gone`]
/// (no release of the build has their guid), those no file read (in any state: a draft, a scheduled or an expired
/// release is not gone, [`ledger::Ledger::holds`]) is their source or pins their id. Those whose address another page now
/// has are left out: that page is what the address shows.
fn removed(site: &Site, parsed: &[Arc<Parsed>]) -> Vec<ledger::Entry> {
    if site.gone.is_empty() {
        return Vec::new();
    }
    let pinned: std::collections::HashSet<&str> =
        parsed.iter().filter_map(|r| r.pinned_id.as_deref()).collect();
    let taken: std::collections::HashSet<&str> = site
        .releases
        .iter()
        .flat_map(|r| {
            std::iter::once(r.path.as_str()).chain(r.former_paths.iter().map(String::as_str))
        })
        .chain(site.pages.iter().map(|p| p.path.as_str()))
        .collect();
    let mut gone = site
        .gone
        .iter()
        .filter(|e| {
            !site.ledger.holds(&e.source)
                && !pinned.contains(e.guid.as_str())
                && e.paths.first().is_some_and(|p| !taken.contains(p.as_str()))
        })
        .cloned()
        .collect::<Vec<_>>();
    // Every address it had says so, not only its last (found by helper-28, stop 48: the
    // addresses it had before a rename answered "not found"): each former one no page has, and
    // no other removed release has as its last or, before, as a former one.
    let mut claimed: std::collections::HashSet<String> =
        gone.iter().filter_map(|e| e.paths.first().cloned()).collect();
    for e in &mut gone {
        let former = e.paths.split_off(1.min(e.paths.len()));
        e.paths.extend(
            former.into_iter().filter(|p| !taken.contains(p.as_str()) && claimed.insert(p.clone())),
        );
    }
    gone
}

/// The releases the ledger remembers that the build does not have ([`Site::gone`]), in the
/// ledger's order.
fn gone(site: &Site) -> Vec<ledger::Entry> {
    let guids: std::collections::HashSet<&str> =
        site.releases.iter().map(|r| r.guid.as_str()).collect();
    site.ledger.entries().filter(|e| !guids.contains(e.guid.as_str())).cloned().collect()
}

/// The office's key, if it is the one whose public half `site.yaml` names: a key without
/// `trust.public_key`, or with another one, signs nothing a reader could check, and is refused.
fn signing_key(
    config: &config::Config,
    sources: &load::Sources,
) -> Result<Option<Arc<trust::keys::SecretKey>>> {
    let Some(key) = &sources.signing else {
        return Ok(None);
    };
    let public = key.public();
    let field = |m: String| {
        let line = front_matter::key_line(&sources.site_yaml.text, "trust", 1);
        Error::content(vec![ContentError::new(&sources.site_yaml.path, m)
            .at_line(line)
            .field("trust.public_key")])
    };
    match config.trust.public_key {
        Some(named) if named == public => Ok(Some(Arc::clone(key))),
        Some(named) => Err(field(format!(
            "the office's secret key at hand belongs to {public}, not to {named}: a release \
             signed with it would not verify; use the key that `warta keygen` made for this \
             site, or put its public key here"
        ))),
        None => Err(field(format!(
            "the office's secret key is at hand but site.yaml does not name its public key; \
             add it, so that readers can check what it signs:\n  trust:\n    public_key: \"{public}\""
        ))),
    }
}

/// The warning of a build that cannot sign: `site.yaml` names the office's key, and its secret
/// half is not on this computer (another computer, a CI without the secret, a `base_url` whose
/// host names another key file). The build goes on unsigned; `/cek/` would say its list cannot
/// be trusted.
fn unsigned_warning(
    config: &config::Config,
    sources: &load::Sources,
    public: &trust::keys::PublicKey,
) -> ContentError {
    let host = config.public_host();
    let place = trust::keys::default_path(&host)
        .map_or_else(|| "the key file".to_string(), |p| p.display().to_string());
    let message = format!(
        "names the office's key {public}, but its secret key is not on this computer \
         ({place}, or WARTA_SIGNING_KEY_FILE / WARTA_SIGNING_KEY): this build is not signed, and \
         uploaded, its /cek/ page would tell readers the list cannot be trusted; copy the key \
         file from the computer that signs (or the office's USB copy) and build again"
    );
    let line = front_matter::key_line(&sources.site_yaml.text, "trust", 1);
    ContentError::new(&sources.site_yaml.path, message).at_line(line).field("trust.public_key")
}

/// The warning of a build whose codes' prefix, taken from the site's host, is not the one the
/// codes of `n` of its releases were published with (`old`): found by helper-28, stop 48, the
/// codes changed without a word when `base_url` did.
fn prefix_warning(
    config: &config::Config,
    sources: &load::Sources,
    old: &str,
    n: usize,
) -> ContentError {
    let new = &config.trust.prefix;
    let host = links::host(&config.base_url);
    let releases = match n {
        1 => "a release of the site was".to_string(),
        n => format!("{n} of the site's releases were"),
    };
    let message = format!(
        "the verification codes begin with the first letters of the site's host, and {host} \
         gives {new}, where {releases} published with codes beginning {old} (printed on \
         paper, in the pictures of shared links), which /cek/ would no longer know: to keep \
         them, add `trust: {{prefix: {old}}}` to site.yaml; to take the new codes, add \
         `trust: {{prefix: {new}}}`"
    );
    let line = front_matter::key_line(&sources.site_yaml.text, "base_url", 1);
    ContentError::new(&sources.site_yaml.path, message).at_line(line).field("base_url")
}

/// Each release parsed, or taken from `memo` when its key is there, with its key.
#[allow(clippy::type_complexity)]
fn parse_releases(
    config: &config::Config,
    config_key: Fp,
    sources: &load::Sources,
    memo: Option<&Parses>,
) -> Vec<std::result::Result<(Fp, Arc<Parsed>), Vec<ContentError>>> {
    let statics = StaticPhotos::new(&sources.site_static);
    let reuse = Reuse::new(memo);
    sources
        .releases
        .par_iter()
        .map(|f| {
            let file_key = source_key(config_key, f);
            match reuse.parse(file_key, &statics) {
                Some(r) => Ok((r.key, Arc::clone(r))),
                None => parse_release(config, f, file_key, &statics).map(|r| (r.key, r)),
            }
        })
        .collect()
}

/// The parses of an earlier build that this one can take, by the key of the file each was
/// parsed from ([`source_key`]). A release that shows a photo of `static/` is kept under a
/// key that covers the photo too ([`StaticPhotos::key`]), so that replacing the photo parses
/// it again: such parses are looked up by their file's key here.
struct Reuse<'a> {
    memo: Option<&'a Parses>,
    /// The parses whose key is not their file's, by their file's.
    by_file: HashMap<Fp, &'a Arc<Parsed>>,
}

impl<'a> Reuse<'a> {
    fn new(memo: Option<&'a Parses>) -> Reuse<'a> {
        let by_file = memo
            .into_iter()
            .flat_map(|m| m.values())
            .filter(|r| r.key != r.file_key)
            .map(|r| (r.file_key, r))
            .collect();
        Reuse { memo, by_file }
    }

    /// The parse of the file whose key is `file_key`, if there is one still right with the
    /// photos of `static/` as they are now.
    fn parse(&self, file_key: Fp, statics: &StaticPhotos<'_>) -> Option<&'a Arc<Parsed>> {
        self.memo
            .and_then(|m| m.get(&file_key))
            .or_else(|| self.by_file.get(&file_key).copied())
            .filter(|r| statics.key(file_key, r) == r.key)
    }
}

/// Parses the release of `file`, whose key is `file_key` ([`source_key`]), and gives it its
/// keys.
fn parse_release(
    config: &config::Config,
    file: &load::SourceFile,
    file_key: Fp,
    statics: &StaticPhotos<'_>,
) -> std::result::Result<Arc<Parsed>, Vec<ContentError>> {
    let parsed = model::release::release(config, file, statics)?;
    let key = statics.key(file_key, &parsed);
    Ok(Arc::new(Parsed { key, file_key, ..parsed }))
}

/// Compiles the site's theme.
pub fn theme(site: &Site, sources: &load::Sources) -> Result<Theme> {
    theme_for(&site.config, sources)
}

/// [`theme`], with the site's config alone: what the theme needs of the site.
fn theme_for(config: &config::Config, sources: &load::Sources) -> Result<Theme> {
    render::theme(
        &sources.theme,
        &sources.site_templates,
        &sources.site_static,
        &config.strings,
        &config.language,
    )
    .map_err(Error::content)
}

/// What [`theme`] compiles, as one fingerprint: `warta serve` compiles the theme again only
/// when it changed.
pub fn theme_key(site: &Site, sources: &load::Sources) -> Fp {
    let files = &sources.theme;
    let mut h = fingerprint::Hasher::new();
    h.add(&files.templates).add(&files.static_files).add(&files.fonts);
    for file in files.strings.iter().chain(files.translations.values()) {
        h.add(&file.path).add(&file.text);
    }
    h.add(&files.translations.keys().collect::<Vec<_>>());
    h.add(&sources.site_templates).add(&sources.site_static);
    h.add(&site.config.strings).add(&site.config.language);
    h.finish128()
}

/// How many files a render produced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// HTML pages.
    pub pages: usize,
    pub files: usize,
}

/// At most this many template errors are listed; one broken template fails every page.
const MAX_RENDER_ERRORS: usize = 10;

/// Renders every job in parallel and hands each output to `sink` (the writer, or a map in
/// tests).
pub fn render(
    site: &Site,
    theme: &Theme,
    sink: impl Fn(Output) -> Result<()> + Sync,
) -> Result<Counts> {
    render_changed(site, theme, &[], render::Kept::default(), sink).map(|r| r.counts)
}

/// What [`render_changed`] did.
#[derive(Debug, Clone, Default)]
pub struct Rendering {
    /// Every file of the output, rendered now or known unchanged.
    pub counts: Counts,
    /// Files handed to the sink: new, and changed.
    pub added: usize,
    pub changed: usize,
    /// Files of the previous build that this one does not have, sorted.
    pub removed: Vec<String>,
    /// Files rendered (the others were known unchanged without rendering).
    pub rendered: usize,
    /// Every job's record, in the plan's order, for the next build.
    pub jobs: Vec<incremental::JobRecord>,
    /// The fingerprint of every path and its bytes, in the plan's order (which the input
    /// decides).
    pub content: Fp,
    /// What the search index and the manifest keep, for the next build to update (this
    /// build's where it rendered them, else what it was given), and the table of outputs.
    pub kept: render::Kept,
}

impl Rendering {
    /// The token of the output (see [`incremental`]): the fingerprint of every path and its
    /// bytes, so the same input gives the same marker, as it gives the same pages.
    pub fn token(&self, releases: usize) -> String {
        format!(
            "{:032x}",
            fingerprint::Hasher::new().add(&self.content).add(&releases).finish128().0
        )
    }
}

/// Whether a write failed for a reason of the disk's, which every later write meets too.
fn of_the_disk(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::{QuotaExceeded, ReadOnlyFilesystem, StorageFull};
    matches!(e.kind(), StorageFull | QuotaExceeded | ReadOnlyFilesystem)
}

/// The fingerprint of an output's bytes; a copied file's from its size and time, without
/// reading it.
fn output_fingerprint(out: &Output) -> Fp {
    match &out.body {
        render::Body::Bytes(bytes) => Fp::of_bytes(bytes),
        render::Body::Shared(bytes) => Fp::of_bytes(bytes),
        render::Body::Copy(asset) => Fp::of(asset),
        render::Body::Made(made) => made.key(),
    }
}

/// Each job's record of the previous build (`previous`), if its fingerprint (of
/// `fingerprints`, by the job's key of `keys`) is the same: then its files are too, and it need
/// not be rendered. And every file the jobs not reused wrote, with its fingerprint: a file
/// written now was written before, if at all, by one of those (two jobs of one build never
/// share a path, and a reused job writes what it wrote before).
fn reuse<'a>(
    previous: &'a [incremental::JobRecord],
    keys: &[&str],
    fingerprints: &[Option<Fp>],
) -> (Vec<Option<incremental::JobRecord>>, foldhash::HashMap<&'a str, Fp>) {
    let same = |old: &incremental::JobRecord, fingerprint: Option<Fp>| {
        fingerprint.is_some() && old.fingerprint == fingerprint
    };
    let mut reused = Vec::with_capacity(keys.len());
    let mut unused: Vec<&'a incremental::JobRecord> = Vec::new();
    // After an edit that moves nothing the plan is the previous one, job for job: no lookup.
    if previous.len() == keys.len() && previous.iter().zip(keys).all(|(r, k)| r.key() == *k) {
        for (old, &fingerprint) in previous.iter().zip(fingerprints) {
            if same(old, fingerprint) {
                reused.push(Some(old.clone()));
            } else {
                reused.push(None);
                unused.push(old);
            }
        }
    } else {
        let mut by_key: foldhash::HashMap<&str, &'a incremental::JobRecord> =
            previous.iter().map(|r| (r.key(), r)).collect();
        for (key, &fingerprint) in keys.iter().zip(fingerprints) {
            reused.push(match by_key.get(key) {
                Some(old) if same(old, fingerprint) => by_key.remove(key).cloned(),
                _ => None,
            });
        }
        unused.extend(by_key.into_values());
    }
    let before = unused
        .into_iter()
        .flat_map(|r| r.outputs.iter().map(|(p, fp)| (p.as_str(), *fp)))
        .collect();
    (reused, before)
}

/// Renders the jobs whose fingerprint differs from their record in `previous` (the records of
/// the build that wrote the output; empty: render everything), in parallel, and hands `sink`
/// each output whose bytes differ from what that build wrote. `kept`: what the search index
/// and the manifest of an earlier build kept ([`Rendering::kept`]), which they update if they
/// are rendered, and that build's table of outputs, which had no collision: the same table
/// is not looked through again.
pub fn render_changed(
    site: &Site,
    theme: &Theme,
    previous: &[incremental::JobRecord],
    mut kept: render::Kept,
    sink: impl Fn(Output) -> Result<()> + Sync,
) -> Result<Rendering> {
    let views = phase("views", || render::Views::for_theme(site, theme));
    let plan = render::plan(site, &views, theme);
    // Two outputs at one path would race: which one wins would depend on the thread count.
    // The last build's table had none: the same table has none either.
    let (table, same) = phase("table", || {
        let kept_table = std::mem::take(&mut kept.table);
        let patched = match kept.replaced.take() {
            Some(replaced) if !kept_table.is_empty() => {
                render::patch(kept_table, site, &views, theme, &plan, &replaced)
            }
            // `warta build`, which keeps the fingerprint of the last table, not the table.
            _ if kept_table.is_empty() => {
                let table = render::table(site, &views, theme, &plan);
                let fp = render::checked(&table);
                let same = kept.checked == Some(fp);
                kept.checked = Some(fp);
                Some((table, same))
            }
            _ => {
                let table = render::table(site, &views, theme, &plan);
                let same = kept_table == table;
                // 46,000 paths at 10,000 releases, freed aside; `warta build` keeps none.
                drop_later(kept_table);
                Some((table, same))
            }
        };
        patched.unwrap_or_else(|| (render::table(site, &views, theme, &plan), false))
    });
    debug_assert!(
        table == render::table(site, &views, theme, &plan),
        "a table of outputs patched or kept is not the one made anew"
    );
    // And a logo the header and icons cannot find: both need the theme's static files.
    let mut errors = if same {
        Vec::new()
    } else {
        phase("collisions", || render::collisions(site, &plan, theme, &table))
    };
    errors.extend(render::icons::missing_logos(&site.config, theme));
    if !errors.is_empty() {
        return Err(Error::content(errors));
    }
    let keys = render::job_keys(&plan, &table);
    let mut env =
        render::Env::new(site, &views, theme, &plan).map_err(|e| Error::content(vec![e]))?;
    env.keep(kept);
    let fingerprints =
        phase("fingerprints", || render::fingerprints(site, &views, theme, &plan, &env.footer));
    let (reused, before) = phase("reuse", || reuse(previous, &keys, &fingerprints));
    type Done = (incremental::JobRecord, [usize; 3]);
    let slowest = timings::Slowest::default();
    // A file that could not be written for a reason of the disk's, not the page's (full, over
    // its quota, read-only): every file after it fails the same way. That is the build's one
    // error (the first by path, whichever thread met it first), and no job starts after it (a
    // full disk gave twenty page errors and "… and 420 more pages with errors", told of
    // `templates`, found by helper-34, stop 67).
    let unwritable: std::sync::Mutex<Vec<(String, Error)>> = std::sync::Mutex::default();
    let stop = std::sync::atomic::AtomicBool::new(false);
    let render_one = |job: render::Job, fingerprint: Option<Fp>| {
        if stop.load(std::sync::atomic::Ordering::Relaxed) {
            return Err(Vec::new());
        }
        let outputs = slowest
            .time(|| format!("{job:?}"), || render::render_job(&env, job))
            .map_err(|e| vec![e])?;
        let [mut rendered, mut added, mut changed] = [0; 3];
        let mut written = Vec::with_capacity(outputs.len());
        for out in outputs {
            let fp = output_fingerprint(&out);
            rendered += 1;
            match before.get(out.path.as_str()) {
                Some(&old) if old == fp => written.push((out.path, fp)),
                old => {
                    // The output itself goes to the sink, not a copy: its bytes are the page.
                    let path = out.path.clone();
                    sink(out).map_err(|e| match e {
                        // A made file's source, named by the error itself (a photo, a logo).
                        Error::Content(errors) => errors,
                        Error::Io { ref source, .. } if of_the_disk(source) => {
                            stop.store(true, std::sync::atomic::Ordering::Relaxed);
                            let mut all = unwritable.lock().unwrap_or_else(|e| e.into_inner());
                            all.push((path.clone(), e));
                            Vec::new()
                        }
                        other => vec![ContentError::new(&path, other.to_string())],
                    })?;
                    if old.is_some() {
                        changed += 1;
                    } else {
                        added += 1;
                    }
                    written.push((path, fp));
                }
            }
        }
        let record = incremental::JobRecord::new(fingerprint, written);
        Ok((record, [rendered, added, changed]))
    };
    let results: Vec<Result<Done, Vec<ContentError>>> = phase("render", || {
        let mut results: Vec<Option<Result<Done, Vec<ContentError>>>> =
            reused.into_iter().map(|old| old.map(|old| Ok((old, [0; 3])))).collect();
        // The jobs to render, those that read every release first: each takes tens of
        // milliseconds at 100,000 releases, and one task each, so that no two of them wait
        // for each other on one thread while the other is idle.
        let mut todo: Vec<usize> = (0..results.len()).filter(|&k| results[k].is_none()).collect();
        todo.sort_by_key(|&k| !plan.jobs[k].reads_every_release());
        let rendered: Vec<(usize, Result<Done, Vec<ContentError>>)> = todo
            .into_par_iter()
            .with_max_len(1)
            .map(|k| (k, render_one(plan.jobs[k], fingerprints[k])))
            .collect();
        for (k, result) in rendered {
            results[k] = Some(result);
        }
        // Every job has its result, reused or rendered: one each, in the plan's order.
        debug_assert!(results.iter().all(Option::is_some), "a job without a result");
        results.into_iter().flatten().collect()
    });
    slowest.print(8);
    let unwritable = unwritable.into_inner().unwrap_or_else(|e| e.into_inner());
    if let Some((_, first)) = unwritable.into_iter().min_by(|a, b| a.0.cmp(&b.0)) {
        return Err(first);
    }
    let _records = timings::Guard::new("records");
    let mut done = Rendering { jobs: Vec::with_capacity(results.len()), ..Rendering::default() };
    let mut errors = Vec::new();
    let mut content = fingerprint::Hasher::new();
    // The paths of the jobs rendered now: a path of `before` not among them is gone.
    let mut fresh: foldhash::HashSet<&str> = foldhash::HashSet::default();
    for r in &results {
        match r {
            Ok((record, [rendered, added, changed])) => {
                content.add(&record.content);
                done.rendered += rendered;
                done.added += added;
                done.changed += changed;
                done.counts.files += record.outputs.len();
                done.counts.pages +=
                    record.outputs.iter().filter(|(p, _)| p.ends_with(".html")).count();
                if *rendered > 0 {
                    fresh.extend(record.outputs.iter().map(|(p, _)| p.as_str()));
                }
            }
            Err(e) => errors.extend(e.iter().cloned()),
        }
    }
    if errors.is_empty() {
        done.content = content.finish128();
        let mut removed: Vec<String> =
            before.keys().filter(|p| !fresh.contains(*p)).map(|p| p.to_string()).collect();
        removed.sort();
        done.removed = removed;
        drop(fresh);
        // Into the room made for them above: collected in place, the records would keep the
        // results' larger allocation for as long as the cache needs them.
        done.jobs.extend(results.into_iter().filter_map(|r| r.ok().map(|(record, _)| record)));
        done.kept = env.into_kept();
        done.kept.table = table;
        return Ok(done);
    }
    let more = errors.len().saturating_sub(MAX_RENDER_ERRORS);
    let mut errors = error::sorted(errors);
    errors.truncate(MAX_RENDER_ERRORS);
    if more > 0 {
        errors.push(ContentError::new("templates", format!("… and {more} more pages with errors")));
    }
    Err(Error::Content(errors))
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    /// The switch reaches the kernel (this test process's huge pages go off with it, which
    /// changes nothing of the tests' results).
    #[test]
    fn without_huge_pages_turns_them_off_for_the_process() {
        super::without_huge_pages();
        assert_eq!(rustix::thread::transparent_huge_pages_are_disabled().ok(), Some(true));
    }
}
