//! Atom 1.0 (`atom.xml`). The feed's id is its own absolute URL and each entry's id the release's
//! guid, both stable across builds; `updated` is the newest change among the entries, never the
//! clock. Every value goes through [`escape`], the HTML content included (`type="html"`).

use super::{capacity, newest_update, FeedItem, FeedMeta, Photo};
use crate::render::xml::escape;
use std::fmt::Write;

/// What `updated` says of a feed without entries (Atom requires one): a fixed date, so the
/// output stays deterministic.
const NEVER: &str = "1970-01-01T00:00:00Z";

/// The Atom document of a feed whose own URL is `self_url`.
pub(super) fn write(meta: &FeedMeta<'_>, self_url: &str, items: &[FeedItem<'_>]) -> String {
    let mut out = String::with_capacity(capacity(items));
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        escape(meta.language)
    );
    head(&mut out, meta, self_url, items);
    for item in items {
        entry(&mut out, item);
    }
    out.push_str("</feed>\n");
    out
}

fn head(out: &mut String, meta: &FeedMeta<'_>, self_url: &str, items: &[FeedItem<'_>]) {
    let self_url = escape(self_url);
    let updated = newest_update(items).map_or_else(|| NEVER.to_string(), |t| t.iso());
    let _ = writeln!(out, "<id>{self_url}</id>");
    let _ = writeln!(out, "<title type=\"text\">{}</title>", escape(&meta.title));
    let _ = writeln!(out, "<subtitle type=\"text\">{}</subtitle>", escape(meta.description));
    let _ = writeln!(out, "<updated>{updated}</updated>");
    let _ = writeln!(
        out,
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{self_url}\"/>\n\
         <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape(&meta.home)
    );
    let _ = writeln!(out, "<author><name>{}</name></author>", escape(meta.publisher));
    let _ = writeln!(out, "<generator>{}</generator>", escape(meta.generator));
    if let Some(logo) = &meta.logo {
        let _ = writeln!(out, "<logo>{}</logo>", escape(logo));
    }
}

fn entry(out: &mut String, item: &FeedItem<'_>) {
    out.push_str("<entry>\n");
    let _ = writeln!(out, "<id>{}</id>", escape(item.guid));
    let _ = writeln!(out, "<title type=\"text\">{}</title>", escape(item.title));
    let _ = writeln!(
        out,
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape(&item.link)
    );
    let _ = writeln!(out, "<published>{}</published>", item.published.iso());
    let _ = writeln!(out, "<updated>{}</updated>", item.updated.iso());
    for a in &item.authors {
        let _ = writeln!(out, "<author><name>{}</name></author>", escape(a.name));
    }
    let _ = writeln!(out, "<summary type=\"text\">{}</summary>", escape(&item.description));
    if let Some(html) = &item.content {
        let _ = writeln!(out, "<content type=\"html\">{}</content>", escape(html));
    }
    for c in &item.categories {
        let _ = writeln!(out, "<category term=\"{}\"/>", escape(c));
    }
    if let Some(photo) = &item.photo {
        enclosure(out, photo);
    }
    out.push_str("</entry>\n");
}

fn enclosure(out: &mut String, p: &Photo) {
    let _ = write!(out, "<link rel=\"enclosure\" href=\"{}\"", escape(&p.url));
    if let Some(mime) = p.mime {
        let _ = write!(out, " type=\"{mime}\"");
    }
    if let Some(length) = p.length {
        let _ = write!(out, " length=\"{length}\"");
    }
    let _ = writeln!(out, " title=\"{}\"/>", escape(&p.alt));
}
