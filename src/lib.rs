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
pub mod encoding;
pub mod error;
pub mod front_matter;
#[doc(hidden)]
pub mod fuzz;
pub mod import;
pub mod ledger;
pub mod links;
pub mod load;
pub mod markdown;
pub mod model;
pub mod press;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod slug;
pub mod social;
pub mod write;
mod yaml;

use chrono::{DateTime, Utc};
use error::{ContentError, Error, Result};
use model::schedule::Schedule;
use model::{Publication, Show, Site};
use rayon::prelude::*;
use render::{Output, Theme};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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
    /// Every file written, pages included.
    pub files: usize,
    pub elapsed: Duration,
    /// Where a folder warta did not create was moved to, when `--force` replaced it.
    pub kept: Option<PathBuf>,
    /// What the build tidied or worked around, for the writer to fix at the source.
    pub warnings: Vec<ContentError>,
    /// What the build's moment left out, and when the next scheduled change is due.
    pub schedule: Schedule,
}

impl BuildOptions {
    /// Which releases the build includes besides the published ones.
    pub fn show(&self) -> Show {
        Show { drafts: self.drafts, future: self.future, expired: false }
    }
}

/// Builds the site: load, parse, render into a staging folder, swap it in.
pub fn build(opts: &BuildOptions) -> Result<BuildSummary> {
    let started = Instant::now();
    let now = opts.now.unwrap_or_else(build_time);
    let (sources, site) = load_site(&opts.root, opts.show(), now)?;
    let theme = theme(&site, &sources)?;
    let staging = write::Staging::create(&opts.root, &opts.output, opts.force)?;
    let published = site.releases.len() + site.schedule.expired;
    staging.check_shrink(published, site.ledger.len(), opts.allow_shrink)?;
    let counts = render(&site, &theme, |out| staging.put(out))?;
    // The ledger first: if it cannot be written, the previous site stays.
    write::ledger(
        &opts.root,
        sources.ledger.as_ref().map(|l| l.text.as_str()),
        &site.ledger.to_text(),
    )?;
    let (kept, notes) = staging.commit(published)?;
    let mut warnings = site.warnings;
    warnings.extend(notes);
    Ok(BuildSummary {
        releases: site.releases.len(),
        pages: counts.pages,
        files: counts.files,
        elapsed: started.elapsed(),
        kept,
        warnings,
        schedule: site.schedule,
    })
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
    let site_yaml = load::site_yaml(root)?;
    let config = config::parse(&site_yaml.path, &site_yaml.text).map_err(Error::content)?;
    let sources = load::sources(root, site_yaml, &config.theme)?;
    let mut site = parse(config, &sources, show, now)?;
    site.warnings = error::sorted(sources.warnings.iter().cloned().chain(site.warnings).collect());
    Ok((sources, site))
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
    let now = now.with_timezone(&config.timezone);
    let ledger = match &sources.ledger {
        Some(file) => ledger::Ledger::parse(&file.text).map_err(|e| {
            let hint =
                format!("{}; fix the line or restore the file from version control", e.message);
            Error::content(vec![ContentError::new(&file.path, hint).at_line(Some(e.line))])
        })?,
        None => ledger::Ledger::default(),
    };
    let releases: Vec<_> =
        sources.releases.par_iter().map(|f| model::release::release(&config, f)).collect();
    let pages: Vec<_> =
        sources.pages.par_iter().map(|f| model::release::page(&config, f)).collect();
    let mut errors: Vec<ContentError> = Vec::new();
    let mut parsed = Vec::with_capacity(releases.len());
    for r in releases {
        match r {
            Ok(r) => parsed.push(r),
            Err(e) => errors.extend(e),
        }
    }
    let mut parsed_pages = Vec::new();
    for p in pages {
        match p {
            Ok(p) => parsed_pages.push(p),
            Err(e) => errors.extend(e),
        }
    }
    // Drafts and scheduled releases too: a broken link found only when a release falls due
    // would fail the build that should publish it.
    let static_files = sources.theme.static_files.iter().chain(&sources.site_static);
    errors.extend(model::references::check(
        &parsed,
        &parsed_pages,
        static_files.map(|a| a.name.as_str()),
    ));
    if !errors.is_empty() {
        return Err(Error::content(errors));
    }
    let mut ok_releases = Vec::with_capacity(parsed.len());
    let mut schedule = Schedule::default();
    for mut r in parsed {
        r.publication = Publication::at(r.draft, r.date, r.expires, now);
        let included = show.includes(r.publication);
        schedule.note(&r, included);
        if included {
            ok_releases.push(r);
        }
    }
    let ok_pages: Vec<_> = parsed_pages.into_iter().filter(|p| show.drafts || !p.draft).collect();
    let mut site =
        Site::new(config, ok_releases, ok_pages, &ledger, now).map_err(Error::content)?;
    site.schedule = schedule;
    Ok(site)
}

/// Compiles the site's theme.
pub fn theme(site: &Site, sources: &load::Sources) -> Result<Theme> {
    render::theme(
        &sources.theme,
        &sources.site_templates,
        &sources.site_static,
        &site.config.strings,
        &site.config.language,
    )
    .map_err(Error::content)
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
    sink: impl Fn(&Output) -> Result<()> + Sync,
) -> Result<Counts> {
    let views = render::Views::with_strings(site, &theme.strings);
    let plan = render::plan(site, &views, theme);
    // Two outputs at one path would race: which one wins would depend on the thread count.
    let collisions = render::collisions(&render::table(site, &views, theme, &plan));
    if !collisions.is_empty() {
        return Err(Error::content(collisions));
    }
    let env = render::Env::new(site, &views, theme, &plan).map_err(|e| Error::content(vec![e]))?;
    let results: Vec<Result<Counts, Vec<ContentError>>> = plan
        .jobs
        .par_iter()
        .map(|&job| {
            let outputs = render::render_job(&env, job).map_err(|e| vec![e])?;
            let mut counts = Counts::default();
            for out in &outputs {
                sink(out).map_err(|e| vec![ContentError::new(&out.path, e.to_string())])?;
                counts.files += 1;
                counts.pages += usize::from(out.path.ends_with(".html"));
            }
            Ok(counts)
        })
        .collect();
    let mut total = Counts::default();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(c) => {
                total.pages += c.pages;
                total.files += c.files;
            }
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        return Ok(total);
    }
    let more = errors.len().saturating_sub(MAX_RENDER_ERRORS);
    let mut errors = error::sorted(errors);
    errors.truncate(MAX_RENDER_ERRORS);
    if more > 0 {
        errors.push(ContentError::new("templates", format!("… and {more} more pages with errors")));
    }
    Err(Error::Content(errors))
}
