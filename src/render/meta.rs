//! What a page says about itself to search engines and to the apps that turn a shared link into
//! a card: title, description, canonical URL, photo, feeds. Built here as plain data (`meta` in
//! every template) so the theme prints it without logic and every value is escaped where it
//! lands.

use super::jobs::Listing;
use super::view::{ImageView, ListingKind};
use super::views::Views;
use crate::model::Site;
use serde::Serialize;

/// A feed advertised with `<link rel="alternate">`.
#[derive(Debug, Clone, Serialize)]
pub struct FeedLink {
    pub title: String,
    /// The MIME type: `application/rss+xml`, `application/atom+xml`, `application/feed+json`.
    pub kind: &'static str,
    pub url: String,
}

/// The head of a page, available as `meta` in every template.
#[derive(Debug, Clone, Serialize)]
pub struct MetaView {
    /// The page's own title (without the site's name).
    pub title: String,
    pub description: String,
    /// Absolute, without tracking parameters.
    pub canonical: String,
    pub image: Option<ImageView>,
    /// Feeds this page belongs to.
    pub feeds: Vec<FeedLink>,
}

fn feeds(site: &Site, title: &str, dir: &str) -> Vec<FeedLink> {
    let c = &site.config;
    vec![FeedLink {
        title: title.to_string(),
        kind: "application/rss+xml",
        url: c.link(&format!("{dir}feed.xml")),
    }]
}

/// The site's own feeds, which every page advertises.
fn site_feeds(site: &Site) -> Vec<FeedLink> {
    feeds(site, &site.config.title, "")
}

/// A release page.
pub fn release(site: &Site, views: &Views, i: usize) -> MetaView {
    let r = &site.releases[i];
    let unit = &views.units[&r.unit];
    let mut f = site_feeds(site);
    f.extend(feeds(site, &unit.name, &format!("unit/{}/", r.unit)));
    MetaView {
        title: r.title.clone(),
        description: r.summary.clone(),
        canonical: site.config.absolute(&r.path),
        image: views.summaries[i].image.clone(),
        feeds: f,
    }
}

/// One page of a listing.
pub fn listing(site: &Site, _views: &Views, l: &Listing, permalink: String) -> MetaView {
    let mut f = site_feeds(site);
    if l.feed && l.kind != ListingKind::Home {
        f.extend(feeds(site, &l.title, &l.path));
    }
    let description = match l.kind {
        ListingKind::Home => site.config.description.clone(),
        _ => format!("{} — {}", l.title, site.config.title),
    };
    MetaView { title: l.title.clone(), description, canonical: permalink, image: None, feeds: f }
}

/// Any other page: standalone pages, indexes, the archive, 404.
pub fn other(site: &Site, path: &str, title: &str) -> MetaView {
    MetaView {
        title: title.to_string(),
        description: site.config.description.clone(),
        canonical: site.config.absolute(path),
        image: None,
        feeds: site_feeds(site),
    }
}
