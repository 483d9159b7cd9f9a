//! What each job of the plan reads, as one fingerprint per job ([`fingerprints`]): an
//! incremental build renders a job again only when its fingerprint changed. A fingerprint covers
//! the job's inputs as the renderer sees them: the config, the UI strings, the template with
//! everything it includes, the site-wide views every page shows in its header and footer, and the
//! releases the job shows ([`Job::inputs`]: the plan's one model of which job reads which
//! release), each as its whole model ([`Release`] hashed field by field) and as the summary view
//! templates receive. Over-approximating is safe (a page rendered again comes out
//! the same and is not rewritten); missing an input is a bug, which the random-edit test in
//! `tests/it/incremental.rs` exists to find: after every edit it compares the incremental output
//! with a clean build, file by file.
//!
//! The Google News sitemap has no fingerprint and is rendered on every build: it lists the
//! releases of the two days before the build's moment, which moves. It is one small file, and
//! when it comes out unchanged it is not rewritten.
//!
//! [`Release`]: crate::model::Release

use super::plan::{Job, Plan};
use super::views::Views;
use super::Theme;
use crate::fingerprint::{Fp, Hasher};
use crate::model::Site;
use rayon::prelude::*;

/// Bumped whenever what a fingerprint covers changes, so that a cache of an older warta is
/// never taken for this one's.
const VERSION: u32 = 1;

/// One fingerprint per job of `plan.jobs`, `None` for the jobs rendered on every build.
/// `footer` is the rendered site footer every page shows.
pub fn fingerprints(
    site: &Site,
    views: &Views,
    theme: &Theme,
    plan: &Plan,
    footer: &str,
) -> Vec<Option<Fp>> {
    let parts = Parts::new(site, views, theme, footer);
    plan.jobs.par_iter().map(|&job| parts.job(job, plan)).collect()
}

/// The fingerprints shared by many jobs, computed once.
struct Parts<'a> {
    site: &'a Site,
    views: &'a Views,
    theme: &'a Theme,
    /// The config and the UI strings: everything reads them.
    global: Fp,
    /// What every HTML page shows besides its own content: `site` (units, top tags, pages,
    /// feeds), the UI strings and the footer.
    base: Fp,
    /// Each release's whole model and its summary view (the card), by index.
    releases: Vec<Fp>,
}

impl<'a> Parts<'a> {
    fn new(site: &'a Site, views: &'a Views, theme: &'a Theme, footer: &str) -> Parts<'a> {
        let global = Hasher::new()
            .add(&VERSION)
            .add(env!("CARGO_PKG_VERSION"))
            .add(&site.config)
            .add(&theme.strings)
            .finish128();
        let base = Hasher::new().add(&global).add_json(&views.site).add(footer).finish128();
        let releases = site
            .releases
            .par_iter()
            .zip(&views.summaries)
            .map(|(r, summary)| Hasher::new().add(r).add_json(summary).finish128())
            .collect();
        Parts { site, views, theme, global, base, releases }
    }

    /// A page rendered from `template`: the template with everything it reaches.
    fn page(&self, kind: &str, template: &str) -> Hasher {
        let mut h = Hasher::new();
        h.add(kind).add(&self.theme.closures.get(template));
        h
    }

    /// What the job reads besides the releases [`Job::inputs`] names: its template, the views
    /// and counts it shows, the files it copies.
    fn own_parts(&self, job: Job, plan: &Plan) -> Hasher {
        let (site, views) = (self.site, self.views);
        match job {
            Job::Release(i) => {
                let mut h = self.page("release", "release.html");
                h.add_json(&views.units[&site.releases[i].unit]);
                // The card template renders the related releases' cards.
                h.add(&self.theme.closures.get("partials/card.html"));
                h
            }
            Job::Page(i) => {
                let mut h = self.page("page", "page.html");
                h.add(&site.pages[i]);
                h
            }
            Job::Listing(l, page) => {
                let listing = &plan.listings[l];
                let mut h = self.page("listing", "list.html");
                h.add(&self.theme.closures.get("partials/card.html"));
                h.add(&listing.kind).add(&listing.path).add(&listing.title).add(&listing.feed);
                h.add_json(&listing.unit.as_ref().map(|u| &views.units[u]));
                h.add_json(&listing.tag.map(|t| &views.tags[t]));
                // The paginator shows how many pages and items there are.
                h.add(&page).add(&plan.pages(site, listing)).add(&listing.items.len());
                h
            }
            Job::Feed(l) => {
                let listing = &plan.listings[l];
                let mut h = Hasher::new();
                h.add("feed").add(&listing.path).add(&listing.title).add(&views.site.generator);
                h
            }
            Job::ChannelFeed(channel) => {
                let mut h = Hasher::new();
                h.add("channel").add(channel.key());
                h
            }
            Job::Redirect { release, former } => {
                let mut h = Hasher::new();
                h.add("redirect").add(&site.releases[release].former_paths[former]);
                h
            }
            Job::Static(i) => {
                let mut h = Hasher::new();
                h.add("static").add(&self.theme.static_files[i]);
                h
            }
            Job::UnitIndex => {
                let mut h = self.page("units", "units.html");
                h.add_json(&views.units);
                h
            }
            Job::TagIndex => {
                let mut h = self.page("tags", "tags.html");
                h.add_json(&views.tags);
                h
            }
            Job::Archive(year) => {
                let mut h = self.page("archive", "archive.html");
                match year {
                    Some(y) => h.add_json(&views.archive[y]),
                    None => h.add_json(&views.archive),
                };
                h
            }
            Job::NotFound => self.page("404", "404.html"),
            // Besides every release: the pages, the months and every listing's releases.
            Job::Sitemap | Job::SitemapIndex | Job::NewsSitemap => {
                let mut h = Hasher::new();
                h.add(&format!("{job:?}")).add(&site.pages).add(&site.months);
                for l in &plan.listings {
                    h.add(&l.path).add(&l.items);
                }
                h
            }
            // robots.txt names the sitemaps: the config alone.
            Job::Robots => {
                let mut h = Hasher::new();
                h.add("robots");
                h
            }
        }
    }

    /// The job's own parts, the releases it reads ([`Job::inputs`], the one model of who reads
    /// what, which `tests/it/build.rs` checks against rendering), and the site-wide parts.
    fn job(&self, job: Job, plan: &Plan) -> Option<Fp> {
        // The Google News sitemap takes the releases of the two days before the build's
        // moment, which moves; it is one small file.
        if job == Job::NewsSitemap {
            return None;
        }
        let inputs = job.inputs(self.site, plan);
        let mut h = self.own_parts(job, plan);
        for &r in &inputs.releases {
            h.add(&self.releases[r]);
        }
        if inputs.all_releases {
            h.add(&self.releases);
        }
        if inputs.aggregates {
            h.add(&self.base);
        }
        Some(h.add(&self.global).finish128())
    }
}
