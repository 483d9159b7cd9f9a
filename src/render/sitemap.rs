//! `sitemap.xml` and `robots.txt`: what search engines need to find every page.

use super::jobs::Plan;
use super::xml::escape;
use crate::model::Site;
use std::fmt::Write;

/// Every release, page and first listing page, with the date it last changed where known.
pub fn sitemap(site: &Site, plan: &Plan) -> String {
    let c = &site.config;
    let mut out = String::with_capacity(256 + site.releases.len() * 128);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let mut url = |path: &str, lastmod: Option<String>| {
        let _ = write!(out, "<url><loc>{}</loc>", escape(&c.absolute(path)));
        if let Some(m) = lastmod {
            let _ = write!(out, "<lastmod>{m}</lastmod>");
        }
        out.push_str("</url>\n");
    };
    for r in &site.releases {
        url(&r.path, Some(r.updated.unwrap_or(r.date).iso()));
    }
    for p in &site.pages {
        url(&p.path, None);
    }
    for l in &plan.listings {
        let newest = l.items.first().map(|&i| site.releases[i].date.iso());
        url(&l.path, newest);
    }
    for path in ["unit/", "tag/", "arsip/"] {
        url(path, None);
    }
    out.push_str("</urlset>\n");
    out
}

/// Allows everything and points at the sitemap.
pub fn robots(site: &Site) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", site.config.absolute("sitemap.xml"))
}
