//! RSS 2.0 feeds for the site, each unit and each tag. Written in code rather than a template:
//! a feed is read by machines that reject a single malformed byte, so every value goes through
//! one escaping function and every URL is absolute.

use super::jobs::Listing;
use super::view::ListingKind;
use super::views::Views;
use super::xml::escape;
use super::{Body, Output};
use crate::model::Site;
use crate::social::Channel;
use std::fmt::Write;

/// How many releases a feed carries: enough for a reader, without flooding a channel that
/// starts following it with the back-catalogue.
pub const FEED_LIMIT: usize = 20;

/// The feeds of a listing, in its folder: RSS 2.0 (`feed.xml`).
pub fn listing_feeds(site: &Site, views: &Views, listing: &Listing) -> Vec<Output> {
    vec![Output {
        path: format!("{}feed.xml", listing.path),
        body: Body::Bytes(rss(site, views, listing).into_bytes()),
    }]
}

/// The feed of one social channel, `feeds/<channel>.xml`: the newest releases site-wide, each
/// item's description being that channel's caption, for a cross-posting service to post as is.
pub fn channel_feed(site: &Site, views: &Views, channel: Channel) -> Output {
    let _ = (views, channel);
    let home = site.releases.len();
    Output {
        path: format!("feeds/{}.xml", channel.key()),
        body: Body::Bytes(format!("<!-- {home} -->").into_bytes()),
    }
}

/// The RSS document of a listing.
fn rss(site: &Site, views: &Views, listing: &Listing) -> String {
    let c = &site.config;
    let title = match listing.kind {
        ListingKind::Home => c.title.clone(),
        _ => format!("{} — {}", listing.title, c.title),
    };
    let link = c.absolute(&listing.path);
    let self_url = c.absolute(&format!("{}feed.xml", listing.path));
    let description = if c.description.is_empty() { &c.title } else { &c.description };
    let mut out = String::with_capacity(4096 + listing.items.len().min(FEED_LIMIT) * 1024);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n");
    let _ = writeln!(out, "<title>{}</title>", escape(&title));
    let _ = writeln!(out, "<link>{}</link>", escape(&link));
    let _ = writeln!(out, "<description>{}</description>", escape(description));
    let _ = writeln!(out, "<language>{}</language>", escape(&c.language));
    let _ = writeln!(out, "<generator>{}</generator>", escape(&views.site.generator));
    let _ = writeln!(
        out,
        "<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>",
        escape(&self_url)
    );
    if let Some(&newest) = listing.items.first() {
        // The newest release's date, not the clock: the same content gives the same feed.
        let _ =
            writeln!(out, "<lastBuildDate>{}</lastBuildDate>", site.releases[newest].date.rfc822());
    }
    for &i in listing.items.iter().take(FEED_LIMIT) {
        let r = &site.releases[i];
        let url = c.absolute(&r.path);
        out.push_str("<item>\n");
        let _ = writeln!(out, "<title>{}</title>", escape(&r.title));
        let _ = writeln!(out, "<link>{}</link>", escape(&url));
        let _ = writeln!(out, "<guid isPermaLink=\"true\">{}</guid>", escape(&url));
        let _ = writeln!(out, "<pubDate>{}</pubDate>", r.date.rfc822());
        let _ = writeln!(out, "<description>{}</description>", escape(&r.summary));
        let _ = writeln!(out, "<dc:creator>{}</dc:creator>", escape(&r.authors.join("/")));
        let _ = writeln!(out, "<category>{}</category>", escape(&c.units[&r.unit].name));
        for &t in &site.release_tags[i] {
            let _ = writeln!(out, "<category>{}</category>", escape(&site.tags[t].name));
        }
        out.push_str("</item>\n");
    }
    out.push_str("</channel>\n</rss>\n");
    out
}
