//! Sitemaps and `robots.txt`: what search engines need to find every page. `sitemap.xml` lists
//! every page (split into `sitemap-N.xml` past the protocol's 50,000 URLs), `news-sitemap.xml`
//! the releases of the last two days for Google News, and `sitemap_index.xml` both.

use super::paths;
use super::plan::Plan;
use super::xml::escape;
use super::{Body, Output};
use crate::date::Timestamp;
use crate::model::{Release, Site};
use chrono::Duration;
use std::fmt::Write;

/// The sitemap protocol's limit of URLs per file.
const MAX_URLS: usize = 50_000;
/// Google News takes the releases of the last two days, at most 1,000.
const NEWS_DAYS: i64 = 2;
const NEWS_MAX: usize = 1_000;

/// The sitemap index, the Google News sitemap and `robots.txt`.
pub(super) const INDEX: &str = "sitemap_index.xml";
pub(super) const NEWS: &str = "news-sitemap.xml";
pub(super) const ROBOTS: &str = "robots.txt";

/// The file name of the n-th (0-based) part of the sitemap.
pub(super) fn part_name(n: usize) -> String {
    if n == 0 {
        "sitemap.xml".to_string()
    } else {
        format!("sitemap-{}.xml", n + 1)
    }
}

/// One URL of the sitemap, before it is written out: a site path (with, for an attachment, the
/// file's name) and the moment it last changed, where known.
#[derive(Debug, Clone)]
struct Entry<'a> {
    path: std::borrow::Cow<'a, str>,
    file: Option<&'a str>,
    lastmod: Option<Timestamp>,
    /// A release's photos: at their largest size, its image entries ([`Entry::images`]).
    photos: &'a [crate::photos::PhotoSet],
}

impl<'a> Entry<'a> {
    /// The site paths of its images.
    fn images(&self) -> impl Iterator<Item = &'a str> {
        self.photos.iter().filter_map(|p| p.largest()).map(|l| l.path.as_str())
    }
}

/// What the sitemap shows of it.
impl std::hash::Hash for Entry<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.path.hash(state);
        self.file.hash(state);
        self.lastmod.hash(state);
        state.write_usize(self.images().count());
        for image in self.images() {
            image.hash(state);
        }
    }
}

/// Every URL of the site with the moment it last changed, where known. Previews (drafts and
/// scheduled releases of a `--drafts` or `--future` build) are left out, and so are listings
/// that exist only because of them. Nothing is formatted here: this is also what the sitemap's
/// fingerprint ([`fingerprint`]) and its number of parts ([`parts`]) are made of.
fn entries<'a>(site: &'a Site, plan: &'a Plan) -> Vec<Entry<'a>> {
    let mut out: Vec<Entry<'a>> = Vec::with_capacity(site.releases.len() + 64);
    each_entry(site, plan, |e| out.push(e));
    out
}

/// [`entries`] handed one by one to `f`, without collecting them: counting and hashing them
/// allocates nothing.
fn each_entry<'a>(site: &'a Site, plan: &'a Plan, mut f: impl FnMut(Entry<'a>)) {
    release_entries(&site.releases, &mut f);
    other_entries(site, plan, f);
}

/// The entries of published releases of `releases`: each one's page, and its attachments.
fn release_entries<'a>(releases: &'a [Release], mut f: impl FnMut(Entry<'a>)) {
    for r in releases.iter().filter(|r| r.publication.is_published()) {
        let lastmod = Some(r.updated.unwrap_or(r.date));
        f(Entry { photos: &r.photos, ..at(&r.path, lastmod) });
        for (a, _) in r.attachments() {
            f(Entry { file: Some(&a.name), ..at(&r.path, lastmod) });
        }
    }
}

/// An entry of the page at `path`, without photos or a file.
fn at(path: &str, lastmod: Option<Timestamp>) -> Entry<'_> {
    Entry { path: path.into(), file: None, lastmod, photos: &[] }
}

/// The entries that follow the releases': pages, listings, and the indexes of units, tags and
/// the archive.
fn other_entries<'a>(site: &'a Site, plan: &'a Plan, mut f: impl FnMut(Entry<'a>)) {
    let published = |i: &usize| site.releases[*i].publication.is_published();
    for p in &site.pages {
        f(at(&p.path, None));
    }
    for l in &plan.listings {
        let mut items = l.items.iter().filter(|i| published(i)).peekable();
        if items.peek().is_none() && !l.items.is_empty() {
            continue;
        }
        f(at(&l.path, items.next().map(|&i| site.releases[i].date)));
    }
    f(at(paths::UNITS, None));
    f(at(paths::TAGS, None));
    f(Entry { path: paths::archive(None).into(), ..at("", None) });
    let months = site.months.iter().filter(|m| m.releases.iter().any(published));
    let mut years: Vec<i32> = months.map(|m| m.year).collect();
    years.dedup();
    for y in years {
        f(Entry { path: paths::archive(Some(y)).into(), ..at("", None) });
    }
}

/// What the sitemap and its index show, as one fingerprint: the URLs and their dates, not the
/// titles or bodies of the releases, so that editing a release does not rewrite a sitemap of
/// 10,000 URLs.
pub(super) fn fingerprint(site: &Site, plan: &Plan) -> crate::fingerprint::Fp {
    use crate::fingerprint::Hasher;
    use rayon::prelude::*;
    // The releases' entries, most of them, a run of releases at a time in parallel.
    let runs: Vec<crate::fingerprint::Fp> = site
        .releases
        .par_chunks(4096)
        .map(|run| {
            let mut h = Hasher::new();
            release_entries(run, |e| {
                h.add(&e);
            });
            h.finish128()
        })
        .collect();
    let mut h = Hasher::new();
    h.add(&runs);
    other_entries(site, plan, |e| {
        h.add(&e);
    });
    h.finish128()
}

/// `sitemap.xml` and, for very large sites, its further parts.
pub fn sitemaps(site: &Site, plan: &Plan) -> Vec<Output> {
    let c = &site.config;
    let entries = entries(site, plan);
    entries
        .chunks(MAX_URLS)
        .enumerate()
        .map(|(n, chunk)| {
            let mut out = String::with_capacity(128 + chunk.len() * 120);
            out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            out.push_str(
                "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
                 xmlns:image=\"http://www.google.com/schemas/sitemap-image/1.1\">\n",
            );
            for e in chunk {
                let loc = match e.file {
                    Some(name) => {
                        c.absolute(&format!("{}{}", e.path, crate::links::file_path(name)))
                    }
                    None => c.absolute(&e.path),
                };
                let _ = write!(out, "<url><loc>{}</loc>", escape(&loc));
                if let Some(m) = e.lastmod {
                    let _ = write!(out, "<lastmod>{}</lastmod>", m.iso());
                }
                for image in e.images() {
                    let loc = c.absolute(image);
                    let loc = escape(&loc);
                    let _ = write!(out, "<image:image><image:loc>{loc}</image:loc></image:image>");
                }
                out.push_str("</url>\n");
            }
            out.push_str("</urlset>\n");
            Output { path: part_name(n), body: Body::Bytes(out.into_bytes()) }
        })
        .collect()
}

/// How many files the sitemap takes.
pub(super) fn parts(site: &Site, plan: &Plan) -> usize {
    let mut n: usize = 0;
    each_entry(site, plan, |_| n += 1);
    n.div_ceil(MAX_URLS).max(1)
}

/// The sitemap index: every part of the sitemap and the news sitemap.
pub fn index(site: &Site, plan: &Plan) -> String {
    let c = &site.config;
    let parts = parts(site, plan);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let names = (0..parts).map(part_name).chain([NEWS.to_string()]);
    for name in names {
        let _ = writeln!(out, "<sitemap><loc>{}</loc></sitemap>", escape(&c.absolute(&name)));
    }
    out.push_str("</sitemapindex>\n");
    out
}

/// Google News: the releases published in the two days before the build, newest first.
pub fn news(site: &Site) -> String {
    let c = &site.config;
    let since = site.now - Duration::days(NEWS_DAYS);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n",
    );
    let recent = site
        .releases
        .iter()
        .filter(|r| r.publication.is_published() && r.date.at <= site.now && r.date.at >= since);
    for r in recent.take(NEWS_MAX) {
        let _ = writeln!(
            out,
            "<url><loc>{}</loc><news:news><news:publication><news:name>{}</news:name>\
             <news:language>{}</news:language></news:publication>\
             <news:publication_date>{}</news:publication_date><news:title>{}</news:title>\
             </news:news></url>",
            escape(&c.absolute(&r.path)),
            escape(&c.title),
            escape(&c.language),
            r.date.iso(),
            escape(&r.title),
        );
    }
    out.push_str("</urlset>\n");
    out
}

/// Allows everything and points at the sitemap index and the news sitemap.
pub fn robots(site: &Site) -> String {
    let c = &site.config;
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\nSitemap: {}\n",
        c.absolute(INDEX),
        c.absolute(NEWS)
    )
}
