//! What each job of the plan reads, as one fingerprint per job ([`fingerprints`]): an
//! incremental build renders a job again only when its fingerprint changed. A fingerprint covers
//! the job's inputs as the renderer sees them: the config, the UI strings, the template with
//! everything it includes, the site-wide views every page shows in its header and footer, and the
//! releases the job shows ([`Job::inputs`]: the plan's one model of which job reads which
//! release), each by what decides its model and its summary view: the key of what it was parsed
//! from ([`Parsed::key`]), what assembling the site gave it (guid, former paths, short link,
//! publication) and the views of its unit and tags. Over-approximating is safe (a page rendered
//! again comes out the same and is not rewritten); missing an input is a bug, which the
//! random-edit test in `tests/it/incremental.rs` exists to find: after every edit it compares the
//! incremental output with a clean build, file by file.
//!
//! The Google News sitemap has no fingerprint and is rendered on every build: it lists the
//! releases of the two days before the build's moment, which moves. It is one small file, and
//! when it comes out unchanged it is not rewritten.
//!
//! [`Parsed::key`]: crate::model::Parsed::key

use super::plan::{Job, Plan};
use super::views::Views;
use super::Theme;
use crate::fingerprint::{Fp, Hasher};
use crate::model::Site;
use rayon::prelude::*;

/// Bumped whenever what a fingerprint covers changes, so that a cache of an older warta is
/// never taken for this one's.
const VERSION: u32 = 2;

/// One fingerprint per job of `plan.jobs`, `None` for the jobs rendered on every build.
/// `footer` is the rendered site footer every page shows.
pub fn fingerprints(
    site: &Site,
    views: &Views,
    theme: &Theme,
    plan: &Plan,
    footer: &str,
) -> Vec<Option<Fp>> {
    use crate::timings::phase;
    let parts = phase("  parts", || Parts::new(site, views, theme, plan, footer));
    phase("  jobs", || plan.jobs.par_iter().map(|&job| parts.job(job, plan)).collect())
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
    /// What decides each release's model and summary view (the card), by index.
    releases: Vec<Fp>,
    /// Each unit's view, by key, and each tag's, by index: shown on many pages.
    units: foldhash::HashMap<&'a str, Fp>,
    tags: Vec<Fp>,
    /// What the sitemaps show ([`super::sitemap::fingerprint`]).
    sitemap: Fp,
    /// A release page's own parts ([`Parts::release_page`]) by unit, worked out once for the
    /// thousands of releases of each.
    release_pages: foldhash::HashMap<&'a str, Fp>,
}

impl<'a> Parts<'a> {
    fn new(
        site: &'a Site,
        views: &'a Views,
        theme: &'a Theme,
        plan: &Plan,
        footer: &str,
    ) -> Parts<'a> {
        let global = Hasher::new()
            .add(&VERSION)
            .add(env!("CARGO_PKG_VERSION"))
            .add(&site.config)
            .add(&theme.strings)
            .finish128();
        let base = Hasher::new().add(&global).add_json(&views.site).add(footer).finish128();
        // A release is a function of its key and of what the site assembled gave it (its
        // guid, former paths and publication); its summary view, of the release, the config,
        // the strings, and the views of its unit and tags (which count their releases).
        let units: foldhash::HashMap<&str, Fp> = views
            .units
            .iter()
            .map(|(key, unit)| (key.as_str(), Hasher::new().add_json(unit).finish128()))
            .collect();
        let tags: Vec<Fp> =
            views.tags.iter().map(|t| Hasher::new().add_json(t).finish128()).collect();
        let releases = crate::timings::phase("  releases' parts", || {
            site.releases
                .par_iter()
                .zip(&site.release_tags)
                .map(|(r, release_tags)| {
                    let mut h = Hasher::new();
                    h.add(&r.key)
                        .add(&r.guid)
                        .add(&r.former_paths)
                        .add(&r.short_link)
                        .add(&r.publication);
                    h.add(&units.get(r.unit.as_str()));
                    for &t in release_tags {
                        h.add(&tags[t]);
                    }
                    h.finish128()
                })
                .collect()
        });
        let sitemap =
            crate::timings::phase("  sitemap's parts", || super::sitemap::fingerprint(site, plan));
        let mut parts = Parts {
            site,
            views,
            theme,
            global,
            base,
            releases,
            units,
            tags,
            sitemap,
            release_pages: foldhash::HashMap::default(),
        };
        parts.release_pages =
            views.units.keys().map(|u| (u.as_str(), parts.release_page(u))).collect();
        parts
    }

    /// What the page of a release of `unit` reads besides the releases it shows.
    fn release_page(&self, unit: &str) -> Fp {
        let mut h = self.page("release", "release.html");
        h.add(&self.units.get(unit));
        // The card template renders the related releases' cards.
        h.add(&self.theme.closures.get("partials/card.html"));
        // A release without a photo gets a social card drawn with these.
        self.card_parts(&mut h, unit);
        // Its `search.json`, when the site has search.
        h.add(&super::search::enabled(self.site, self.theme));
        h.finish128()
    }

    /// A page rendered from `template`: the template with everything it reaches.
    fn page(&self, kind: &str, template: &str) -> Hasher {
        let mut h = Hasher::new();
        h.add(kind).add(&self.theme.closures.get(template));
        h
    }

    /// What a card drawn for a release of `unit` reads besides the release: the template, the
    /// fonts and the unit's logo file.
    fn card_parts(&self, h: &mut Hasher, unit: &str) {
        let theme = self.theme;
        h.add(&theme.closures.get(super::CARD_TEMPLATE)).add(&theme.fonts_key);
        h.add(&super::jobs::card_logo(theme, &self.site.config, unit));
    }

    /// What the job reads besides the releases [`Job::inputs`] names: its template, the views
    /// and counts it shows, the files it copies.
    fn own_parts(&self, job: Job, plan: &Plan) -> Hasher {
        let (site, views) = (self.site, self.views);
        match job {
            Job::Release(i) => {
                let unit = site.releases[i].unit.as_str();
                let mut h = Hasher::new();
                match self.release_pages.get(unit) {
                    Some(fp) => h.add(fp),
                    None => h.add(&self.release_page(unit)),
                };
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
                h.add(&listing.unit.as_ref().map(|u| self.units.get(u.as_str())));
                h.add(&listing.tag.map(|t| self.tags[t]));
                // A kind's view is the config's and the strings': in the global part.
                h.add(&listing.content_kind);
                // The home page's first page shows the strips (their releases are inputs).
                if listing.kind == super::view::ListingKind::Home && page == 0 {
                    h.add(&plan.strips);
                }
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
            Job::ChannelFeed(channel, l) => {
                let listing = &plan.listings[l];
                let mut h = Hasher::new();
                h.add("channel").add(channel.key()).add(&listing.path).add(&listing.title);
                // The Instagram feed draws the square and portrait cards of its releases.
                if channel == crate::channels::Channel::Instagram {
                    for (i, _) in super::jobs::instagram_cards(site, plan, l) {
                        self.card_parts(&mut h, &site.releases[i].unit);
                    }
                }
                h
            }
            Job::Redirect { release, former } => {
                let mut h = Hasher::new();
                h.add("redirect").add(&site.releases[release].former_paths[former]);
                h
            }
            // The release's card (its meta tags) and the links: the release and the config.
            Job::ShortLink(i) => {
                let mut h = Hasher::new();
                h.add("short").add(&site.releases[i].short_link);
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
            // Its filters: every unit, tag and year.
            Job::SearchPage => {
                let mut h = self.page("search", super::search::TEMPLATE);
                h.add_json(&views.units).add_json(&views.tags).add_json(&views.archive);
                h
            }
            // The releases' models, their units' and tags' views and the calendar (the strings)
            // are all it reads: [`Job::inputs`] and the global parts.
            Job::SearchIndex => {
                let mut h = Hasher::new();
                h.add("search index");
                h
            }
            // Besides every release: the pages, the months and every listing's releases.
            // Of the releases, pages and listings, the sitemaps show the URLs and dates, which
            // is what their fingerprint covers.
            Job::Sitemap | Job::SitemapIndex | Job::NewsSitemap => {
                let mut h = Hasher::new();
                h.add(&format!("{job:?}")).add(&self.sitemap);
                h
            }
            // The config (title, colour, logo) is global; the logo's file and the fonts are not.
            Job::Icons => {
                let mut h = Hasher::new();
                h.add("icons").add(&self.theme.fonts_key);
                h.add(&super::jobs::logo_file(self.theme, self.site.config.logo.as_deref()));
                h
            }
            // Each logo's file, by what its header says, and the size it is made at.
            Job::Logos => {
                let mut h = Hasher::new();
                h.add("logos");
                for s in &plan.logos {
                    h.add(&s.source).add(&s.info).add(&s.rendition);
                }
                h
            }
            // Every release's corrections, by the releases' parts: the template besides.
            Job::Corrections => self.page("corrections", super::CORRECTIONS_TEMPLATE),
            // Every published release's code, URL, title, date, unit and text (all releases,
            // the config), and whether the key that signs them is at hand (its public half is
            // the config's).
            // The releases gone from the site, which it lists as removed.
            Job::Manifest => {
                let mut h = Hasher::new();
                h.add("manifest").add(&self.site.signing.is_some());
                for e in &self.site.gone {
                    h.add(&e.guid).add(&e.title).add(&e.date).add(&e.paths.first());
                }
                h
            }
            // The key (the config's) and whether the manifest is signed.
            Job::CheckPage => {
                let mut h = self.page("check", super::CHECK_TEMPLATE);
                h.add(&self.site.signing.is_some());
                h
            }
            Job::Removed(k) => {
                let mut h = self.page("removed", super::REMOVED_TEMPLATE);
                h.add(&format!("{:?}", self.site.removed[k]));
                h.add(&self.site.removed_short.get(k));
                h
            }
            // The page it leads to, by address and title (the redirect shows no template).
            Job::Alias(k) => {
                let mut h = Hasher::new();
                h.add("alias").add(&self.site.aliases[k]);
                h
            }
            // The photo and its sizes: not its role, caption or crops, which are the release's.
            Job::StaticPhoto(k) => {
                let set = super::paths::static_photo(site, plan, k);
                let mut h = Hasher::new();
                h.add("static photo").add(&set.name).add(&set.source).add(&set.info);
                h.add(&set.web);
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
        // The sitemaps read every release, but show only what their own parts cover.
        if !matches!(job, Job::Sitemap | Job::SitemapIndex) {
            for &r in &inputs.releases {
                h.add(&self.releases[r]);
            }
            if inputs.all_releases {
                h.add(&self.releases);
            }
        }
        if inputs.aggregates {
            h.add(&self.base);
        }
        Some(h.add(&self.global).finish128())
    }
}
