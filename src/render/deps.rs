//! What each job of the plan reads, as one fingerprint per job ([`fingerprints`]): an
//! incremental build renders a job again only when its fingerprint changed. A fingerprint covers
//! the job's inputs as the renderer sees them: the config, the UI strings, the template with
//! everything it includes, the site-wide views every page shows in its header and footer, and the
//! releases the job shows, each as its whole model ([`Release`] hashed field by field) and as the
//! summary view templates receive. Over-approximating is safe (a page rendered again comes out
//! the same and is not rewritten); missing an input is a bug, which the random-edit test in
//! `tests/it/incremental.rs` exists to find: after every edit it compares the incremental output
//! with a clean build, file by file.
//!
//! The Google News sitemap has no fingerprint and is rendered on every build: it lists the
//! releases of the two days before the build's moment, which moves. It is one small file, and
//! when it comes out unchanged it is not rewritten.
//!
//! [`Release`]: crate::model::Release

use super::plan::{feed_items, Job, Plan};
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

    /// A page rendered from `template`: the site-wide parts and the template's closure.
    fn page(&self, kind: &str, template: &str) -> Hasher {
        let mut h = Hasher::new();
        h.add(kind).add(&self.base).add(&self.theme.closures.get(template));
        h
    }

    fn job(&self, job: Job, plan: &Plan) -> Option<Fp> {
        let (site, views) = (self.site, self.views);
        let n = site.releases.len();
        let mut h = match job {
            Job::Release(i) => {
                let r = &site.releases[i];
                let mut h = self.page("release", "release.html");
                h.add(&self.releases[i]).add_json(&views.units[&r.unit]);
                // The card template renders the related releases' cards.
                h.add(&self.theme.closures.get("partials/card.html"));
                // Previous and next show a title and a link.
                for j in [i.checked_sub(1), (i + 1 < n).then_some(i + 1)] {
                    let neighbour = j.map(|j| (&site.releases[j].title, &site.releases[j].path));
                    h.add(&neighbour);
                }
                for &j in &site.related[i] {
                    h.add(&self.releases[j]);
                }
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
                let per = site.config.per_page;
                for &i in listing.items.iter().skip(page * per).take(per) {
                    h.add(&self.releases[i]);
                }
                h
            }
            Job::Feed(l) => {
                let listing = &plan.listings[l];
                let mut h = Hasher::new();
                h.add("feed").add(&self.global).add(&listing.path).add(&listing.title);
                h.add(&views.site.generator);
                for i in feed_items(site, &listing.items) {
                    h.add(&self.releases[i]);
                }
                h
            }
            Job::ChannelFeed(channel) => {
                let mut h = Hasher::new();
                h.add("channel").add(&self.global).add(channel.key());
                let all: Vec<usize> = (0..n).collect();
                for i in feed_items(site, &all) {
                    h.add(&self.releases[i]);
                }
                h
            }
            Job::Redirect { release, former } => {
                let r = &site.releases[release];
                let mut h = Hasher::new();
                h.add("redirect").add(&self.global).add(&r.title).add(&r.path);
                h.add(&r.former_paths[former]);
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
            // Every published release, page and listing, with its path and dates.
            Job::Sitemap | Job::SitemapIndex => {
                let mut h = Hasher::new();
                h.add(if job == Job::Sitemap { "sitemap" } else { "sitemap index" });
                for (r, fp) in site.releases.iter().zip(&self.releases) {
                    if r.publication.is_published() {
                        h.add(fp);
                    }
                }
                h.add(&site.pages).add(&site.months);
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
            // The Google News sitemap takes the releases of the two days before the build's
            // moment, which moves; it is one small file.
            Job::NewsSitemap => return None,
        };
        Some(h.add(&self.global).finish128())
    }
}
