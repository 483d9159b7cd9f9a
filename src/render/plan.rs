//! The list of everything a site outputs ([`plan`]): every listing and every job, and what each
//! job reads of the model ([`Job::inputs`]). A job names its inputs by index into the model, so
//! it is cheap to list, independent of every other job, and says exactly which part of the model
//! a page depends on. How a job is rendered is `jobs.rs`'s business; this module renders nothing.

use super::paths;
use super::view::ListingKind;
use super::views::Views;
use super::Theme;
use crate::channels::Channel;
use crate::model::Site;
use std::collections::BTreeMap;

/// The releases a feed of these items carries: the newest `feed_limit` published ones. A
/// preview (draft or scheduled) never reaches a feed, so a preview uploaded by mistake does not
/// cross-post.
pub fn feed_items<'a>(site: &'a Site, items: &'a [usize]) -> impl Iterator<Item = usize> + 'a {
    items
        .iter()
        .copied()
        .filter(|&i| site.releases[i].publication.is_published())
        .take(site.config.feed_limit)
}

/// A paginated list of releases with its own URL: home, a unit, a tag or a month.
#[derive(Debug, Clone)]
pub struct Listing {
    pub kind: ListingKind,
    /// Site path of the first page: `""`, `unit/kanwil-bali/`, `tag/haji/`, `arsip/2023/05/`.
    pub path: String,
    pub title: String,
    /// Indexes into `Site::releases`, newest first.
    pub items: Vec<usize>,
    /// For unit listings, the unit key; for tag listings, the index into `Site::tags`; for a
    /// kind's, the index into `Site::by_kind`.
    pub unit: Option<String>,
    pub tag: Option<usize>,
    pub content_kind: Option<usize>,
    /// Whether the listing has an RSS feed (`feed.xml` in its folder).
    pub feed: bool,
}

/// One output file (or a release page with its bundle) to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    Release(usize),
    Page(usize),
    /// A listing (index into the plan's listings) and a 0-based page number.
    Listing(usize, usize),
    Feed(usize),
    UnitIndex,
    TagIndex,
    /// The archive index, or one year of it (index into `Views::archive`).
    Archive(Option<usize>),
    NotFound,
    /// `sitemap.xml` (and `sitemap-N.xml` past 50,000 URLs).
    Sitemap,
    SitemapIndex,
    /// `news-sitemap.xml` for Google News.
    NewsSitemap,
    Robots,
    /// A theme or site static file (index into `Theme::static_files`).
    Static(usize),
    /// The feeds of one social channel for a listing (index into the plan's listings): the
    /// site's, `feeds/<channel>.xml` and `.json`, or a unit's, `unit/<key>/feeds/…`.
    ChannelFeed(Channel, usize),
    /// A page at a release's former URL that redirects to its current one.
    Redirect {
        release: usize,
        former: usize,
    },
    /// A release's short link (`short_links:`): `s/<code>/`, which redirects to the release,
    /// with the UTM parameters of the channel its query names (`?bs`).
    ShortLink(usize),
    /// The search page, `cari/`.
    SearchPage,
    /// The search index of every published release, the files of `search/`.
    SearchIndex,
    /// `favicon.ico`, the touch icons and `site.webmanifest` ([`super::icons`]).
    Icons,
    /// The logos (the site's and its units') at the size pages show them ([`super::logos`]).
    Logos,
    /// The corrections of every published release, newest first: `ralat/` and its feed.
    Corrections,
    /// The manifest of every published release, signed when the office's key is at hand:
    /// `cek/manifest.json` and `cek/manifest.sig` ([`crate::trust`]).
    Manifest,
    /// The verification page, `cek/`, which checks a code against the manifest.
    CheckPage,
    /// The page at the address of a published release whose file was deleted (index into
    /// `Site::removed`): it says the release was removed.
    Removed(usize),
    /// A page at a former address of a page or a unit (index into `Site::aliases`) that
    /// redirects to where it is now.
    Alias(usize),
    /// The web sizes of a photo of `static/` that releases show (index into
    /// [`Plan::static_photos`]), beside it: made once, whichever releases show it.
    StaticPhoto(usize),
}

/// Every listing and every job of a site.
#[derive(Debug, Clone)]
pub struct Plan {
    pub listings: Vec<Listing>,
    pub jobs: Vec<Job>,
    /// The home page's strips (`home.strips` of site.yaml) that have releases to show.
    pub strips: Vec<Strip>,
    /// Each photo of `static/` that a release shows, by its name there: the first release
    /// that shows it and the photo's index among the release's (`Release::photos`). Its web
    /// sizes are the same for every release ([`crate::photos::PhotoSet::from_static`]).
    pub static_photos: Vec<(usize, usize)>,
    /// The logos (the site's and its units') pages show at a smaller size, each once: the
    /// outputs of [`Job::Logos`] ([`super::logos::all`]).
    pub logos: Vec<super::logos::Small>,
}

/// How many releases a strip of the home page shows.
pub const STRIP: usize = 4;

/// A strip of the home page: the newest releases of a unit or a tag, but the lead story.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Strip {
    pub title: String,
    /// The unit's or tag's listing.
    pub path: String,
    /// Indexes into `Site::releases`, newest first, at most [`STRIP`].
    pub items: Vec<usize>,
}

/// The strips `home.strips` asks for, each with the newest releases of its unit or tag but the
/// newest of all (the lead story just above). A strip repeats cards of the grid, as a portal's
/// sections do: a strip is where a reader looks for one unit or topic. A tag no release carries
/// has no strip (yet).
fn strips(site: &Site, views: &Views) -> Vec<Strip> {
    let c = &site.config;
    c.home
        .strips
        .iter()
        .filter_map(|strip| {
            let (title, path, items) = match (&strip.unit, &strip.tag) {
                (Some(unit), _) => (
                    views.units.get(unit)?.short.clone(),
                    paths::unit(unit),
                    site.by_unit.get(unit)?,
                ),
                (None, Some(tag)) => {
                    let slug = crate::slug::slugify(tag);
                    let t = site.tags.iter().position(|t| t.slug == slug)?;
                    (site.tags[t].title(), paths::tag(&slug), &site.tags[t].releases)
                }
                (None, None) => return None,
            };
            let items: Vec<usize> = items.iter().copied().filter(|&i| i != 0).take(STRIP).collect();
            let title = strip.title.clone().unwrap_or(title);
            (!items.is_empty()).then_some(Strip { title, path, items })
        })
        .collect()
}

impl Plan {
    /// The number of pages of a listing.
    pub fn pages(&self, site: &Site, listing: &Listing) -> usize {
        listing.items.len().div_ceil(site.config.per_page).max(1)
    }
}

/// Lists every output of the site, in a fixed order.
pub fn plan(site: &Site, views: &Views, theme: &Theme) -> Plan {
    let mut listings = vec![Listing {
        kind: ListingKind::Home,
        path: String::new(),
        title: site.config.title.clone(),
        items: (0..site.listed).collect(),
        unit: None,
        tag: None,
        content_kind: None,
        feed: true,
    }];
    for (key, items) in &site.by_unit {
        listings.push(Listing {
            kind: ListingKind::Unit,
            path: paths::unit(key),
            title: site.config.units[key].name.clone(),
            items: items.clone(),
            unit: Some(key.clone()),
            tag: None,
            content_kind: None,
            feed: true,
        });
    }
    for (i, t) in site.tags.iter().enumerate() {
        listings.push(Listing {
            kind: ListingKind::Tag,
            path: paths::tag(&t.slug),
            title: t.title(),
            items: t.releases.clone(),
            unit: None,
            tag: Some(i),
            content_kind: None,
            // A tag that only previews carry gets no feed: not even its name is syndicated.
            feed: t.releases.iter().any(|&r| site.releases[r].publication.is_published()),
        });
    }
    for m in &site.months {
        listings.push(Listing {
            kind: ListingKind::Month,
            path: paths::month(m.year, m.month),
            title: views.calendar.month_year(m.year, m.month),
            items: m.releases.clone(),
            unit: None,
            tag: None,
            content_kind: None,
            feed: false,
        });
    }
    // A kind without releases has no listing, as a tag without releases does not exist.
    for (k, (key, items)) in site.by_kind.iter().enumerate().filter(|(_, (_, i))| !i.is_empty()) {
        listings.push(Listing {
            kind: ListingKind::Kind,
            path: paths::kind(key),
            title: views.kinds[k].name.clone(),
            items: items.clone(),
            unit: None,
            tag: None,
            content_kind: Some(k),
            feed: items.iter().any(|&r| site.releases[r].publication.is_published()),
        });
    }
    let mut jobs: Vec<Job> = (0..site.releases.len()).map(Job::Release).collect();
    jobs.extend((0..site.pages.len()).map(Job::Page));
    for (release, r) in site.releases.iter().enumerate() {
        // A preview's former URLs would announce it: only a published release redirects, and
        // a withdrawn one, whose old links must reach the page that says why it is gone.
        if r.publication.is_published() || !r.publication.is_listed() {
            jobs.extend((0..r.former_paths.len()).map(|former| Job::Redirect { release, former }));
        }
        // A preview's too: its captions carry it, and its page is in the same build.
        if r.short_link.is_some() {
            jobs.push(Job::ShortLink(release));
        }
    }
    let plan = Plan {
        listings,
        jobs: Vec::new(),
        strips: strips(site, views),
        static_photos: static_photos(site),
        logos: super::logos::all(&site.config, &theme.static_files),
    };
    for (i, l) in plan.listings.iter().enumerate() {
        jobs.extend((0..plan.pages(site, l)).map(|p| Job::Listing(i, p)));
        if l.feed {
            jobs.push(Job::Feed(i));
        }
    }
    // Channel feeds: the site's, and each unit's, which an office connects to its own accounts.
    for (l, listing) in plan.listings.iter().enumerate() {
        if matches!(listing.kind, ListingKind::Home | ListingKind::Unit) {
            jobs.extend(Channel::ALL.map(|c| Job::ChannelFeed(c, l)));
        }
    }
    jobs.extend([Job::UnitIndex, Job::TagIndex, Job::Archive(None)]);
    jobs.extend((0..views.archive.len()).map(|y| Job::Archive(Some(y))));
    jobs.extend([Job::NotFound, Job::Sitemap, Job::SitemapIndex, Job::NewsSitemap, Job::Robots]);
    jobs.push(Job::Icons);
    if !plan.logos.is_empty() {
        jobs.push(Job::Logos);
    }
    if theme.tera.get_template(super::CORRECTIONS_TEMPLATE).is_ok() {
        jobs.push(Job::Corrections);
    }
    jobs.push(Job::Manifest);
    jobs.extend((0..site.aliases.len()).map(Job::Alias));
    if theme.tera.get_template(super::REMOVED_TEMPLATE).is_ok() {
        jobs.extend((0..site.removed.len()).map(Job::Removed));
    }
    if theme.tera.get_template(super::CHECK_TEMPLATE).is_ok() {
        jobs.push(Job::CheckPage);
    }
    // A theme made before search had a page for it gets neither page nor index.
    if super::search::enabled(site, theme) {
        jobs.extend([Job::SearchPage, Job::SearchIndex]);
    }
    jobs.extend((0..theme.static_files.len()).map(Job::Static));
    jobs.extend((0..plan.static_photos.len()).map(Job::StaticPhoto));
    Plan { jobs, ..plan }
}

/// The photos of `static/` that releases show, in the order of their names, each with the
/// first release that shows it ([`Plan::static_photos`]).
fn static_photos(site: &Site) -> Vec<(usize, usize)> {
    let mut shown: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (i, r) in site.releases.iter().enumerate() {
        for (p, set) in r.photos.iter().enumerate().filter(|(_, s)| s.from_static) {
            shown.entry(set.name.as_str()).or_insert((i, p));
        }
    }
    shown.into_values().collect()
}

/// What one job's output depends on, besides the config and the theme (on which every output
/// depends). The model of which output depends on which release: the fingerprint of each job
/// (`deps.rs`) is built on it, so an incremental build renders again only the jobs whose inputs
/// changed; `tests/it/build.rs` checks it against what rendering shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inputs {
    /// Releases (indexes into `Site::releases`) whose content reaches the output.
    pub releases: Vec<usize>,
    /// Whether it shows site-wide aggregates: the list and counts of units and tags, the top
    /// tags, the standalone pages, the archive's months. Every HTML page does, through its
    /// header and footer.
    pub aggregates: bool,
    /// Whether it lists every release (sitemaps).
    pub all_releases: bool,
}

impl Job {
    /// Whether the job goes through every release: one file of them all, or files of them all
    /// (the search index, the manifest, the corrections, the sitemap). The slowest jobs of a
    /// large site, rendered first.
    pub fn reads_every_release(self) -> bool {
        matches!(self, Job::SearchIndex | Job::Manifest | Job::Corrections | Job::Sitemap)
    }

    /// What this job reads of the model.
    pub fn inputs(self, site: &Site, plan: &Plan) -> Inputs {
        let html =
            |releases: Vec<usize>| Inputs { releases, aggregates: true, all_releases: false };
        let newest = |items: &[usize]| feed_items(site, items).collect();
        match self {
            Job::Release(i) => {
                let mut r = vec![i];
                if i < site.listed {
                    r.extend(i.checked_sub(1));
                    r.extend((i + 1 < site.listed).then_some(i + 1));
                }
                r.extend(&site.related[i]);
                html(r)
            }
            Job::Listing(l, page) => {
                let per = site.config.per_page;
                let items = &plan.listings[l].items;
                let mut shown: Vec<usize> =
                    items.iter().skip(page * per).take(per).copied().collect();
                // The home page's first page shows the strips too.
                if plan.listings[l].kind == ListingKind::Home && page == 0 {
                    shown.extend(plan.strips.iter().flat_map(|s| s.items.iter().copied()));
                }
                html(shown)
            }
            Job::Feed(l) => {
                Inputs { releases: newest(&plan.listings[l].items), ..Inputs::default() }
            }
            Job::ChannelFeed(_, l) => {
                Inputs { releases: newest(&plan.listings[l].items), ..Inputs::default() }
            }
            Job::NewsSitemap => Inputs { all_releases: true, ..Inputs::default() },
            // Every release's corrections (the page's list), codes and texts (the manifest).
            Job::Corrections => {
                Inputs { all_releases: true, aggregates: true, ..Inputs::default() }
            }
            Job::Manifest => Inputs { all_releases: true, ..Inputs::default() },
            Job::CheckPage | Job::Removed(_) => html(Vec::new()),
            Job::Redirect { release, .. } | Job::ShortLink(release) => {
                Inputs { releases: vec![release], ..Inputs::default() }
            }
            Job::Page(_)
            | Job::UnitIndex
            | Job::TagIndex
            | Job::Archive(_)
            | Job::NotFound
            | Job::SearchPage => html(Vec::new()),
            // Every published release, by what the index shows of it: its title, body, date,
            // unit and tags.
            Job::SearchIndex => Inputs { all_releases: true, ..Inputs::default() },
            Job::Sitemap | Job::SitemapIndex => {
                Inputs { all_releases: true, aggregates: true, ..Inputs::default() }
            }
            // The photo, by its own parts: which release shows it does not matter.
            Job::Robots
            | Job::Static(_)
            | Job::Icons
            | Job::Logos
            | Job::Alias(_)
            | Job::StaticPhoto(_) => Inputs::default(),
        }
    }
}
