//! Corrections in the open: the site-wide page of every major correction (`ralat/`) and its RSS
//! feed, newest first, each with a link to the release it corrects. A minor correction (a typo)
//! shows on the release's page only. The feed's items are the corrections, not the releases:
//! each has a guid of its own (the release's guid and the correction's moment), so a reader or a
//! cross-posting service sees a correction once, and never sees the release itself as new.

use super::paths;
use super::view::DateView;
use super::views::Views;
use super::xml::escape;
use crate::date::Timestamp;
use crate::model::Site;
use serde::Serialize;
use std::fmt::Write;

/// One major correction, as the page lists it.
#[derive(Debug, Clone, Serialize)]
pub struct CorrectionItem {
    pub date: DateView,
    pub note: String,
    /// The release corrected: its title, URL (with the base path) and unit's name.
    pub title: String,
    pub url: String,
    pub unit: String,
    #[serde(skip)]
    at: Timestamp,
    #[serde(skip)]
    permalink: String,
    #[serde(skip)]
    guid: String,
}

/// What `corrections.html` sees as `corrections`.
#[derive(Debug, Clone, Serialize)]
pub struct CorrectionsView {
    pub items: Vec<CorrectionItem>,
    /// The page's RSS feed.
    pub feed_url: String,
}

/// Every major correction of every published release, newest first (ties: by release URL).
pub fn items(site: &Site, views: &Views) -> Vec<CorrectionItem> {
    let c = &site.config;
    let mut out: Vec<CorrectionItem> = site
        .releases
        .iter()
        .filter(|r| r.publication.is_published())
        .flat_map(|r| {
            r.corrections.iter().filter(|k| !k.minor).map(move |k| CorrectionItem {
                date: super::views::date(&k.date, &views.calendar),
                note: k.note.clone(),
                title: r.title.clone(),
                url: c.link(&r.path),
                unit: c.units.get(&r.unit).map_or_else(|| r.unit.clone(), |u| u.name.clone()),
                at: k.date,
                permalink: c.absolute(&r.path),
                guid: format!("{}#ralat-{}", r.guid, k.date.iso()),
            })
        })
        .collect();
    out.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| a.url.cmp(&b.url)));
    out
}

/// The page's view.
pub fn view(site: &Site, items: Vec<CorrectionItem>) -> CorrectionsView {
    CorrectionsView { items, feed_url: site.config.link(paths::CORRECTIONS_FEED) }
}

/// The RSS feed of the corrections: `title` is the page's title ("Ralat"), `label` what an
/// item's title starts with.
pub fn feed(site: &Site, items: &[CorrectionItem], title: &str) -> String {
    let c = &site.config;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n",
    );
    let _ = writeln!(out, "<title>{} — {}</title>", escape(title), escape(&c.title));
    let _ = writeln!(out, "<link>{}</link>", escape(&c.absolute(paths::CORRECTIONS)));
    let _ = writeln!(out, "<description>{} — {}</description>", escape(title), escape(&c.title));
    let _ = writeln!(out, "<language>{}</language>", escape(&c.language));
    let _ = writeln!(
        out,
        "<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>",
        escape(&c.absolute(paths::CORRECTIONS_FEED))
    );
    if let Some(newest) = items.first() {
        let _ = writeln!(out, "<lastBuildDate>{}</lastBuildDate>", newest.at.rfc822());
    }
    for item in items.iter().take(c.feed_limit) {
        out.push_str("<item>\n");
        let _ = writeln!(out, "<title>{}: {}</title>", escape(title), escape(&item.title));
        let _ = writeln!(out, "<link>{}</link>", escape(&item.permalink));
        let _ = writeln!(out, "<guid isPermaLink=\"false\">{}</guid>", escape(&item.guid));
        let _ = writeln!(out, "<pubDate>{}</pubDate>", item.at.rfc822());
        let _ = writeln!(out, "<category>{}</category>", escape(&item.unit));
        let _ = writeln!(out, "<description>{}</description>", escape(&escape(&item.note)));
        out.push_str("</item>\n");
    }
    out.push_str("</channel>\n</rss>\n");
    out
}
