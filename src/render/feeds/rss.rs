//! RSS 2.0 (`feed.xml`, `feeds/<channel>.xml`), with the modules readers and cross-posting
//! services look for: `content:encoded` for the full HTML, `dc:creator` per author, `atom:link`
//! to itself and Media RSS for the photo. Every value goes through [`escape`]; the HTML is
//! escaped as text rather than wrapped in CDATA, so no `]]>` in a release can break the feed.
//! An item's `description` is HTML, as the specification and every reader take it: plain text
//! (a lead, a caption) is written as HTML first ([`text_as_html`]).

use super::{capacity, FeedItem, FeedMeta, Photo};
use crate::render::xml::escape;
use std::fmt::Write;

const NAMESPACES: &str = "xmlns:atom=\"http://www.w3.org/2005/Atom\" \
    xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
    xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:media=\"http://search.yahoo.com/mrss/\"";

/// The RSS document of a feed whose own URL is `self_url`.
pub(super) fn write(meta: &FeedMeta<'_>, self_url: &str, items: &[FeedItem<'_>]) -> String {
    let mut out = String::with_capacity(capacity(items));
    let _ = writeln!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" {NAMESPACES}>\n<channel>"
    );
    channel(&mut out, meta, self_url, items);
    for item in items {
        self::item(&mut out, item, meta.line_break);
    }
    out.push_str("</channel>\n</rss>\n");
    out
}

fn channel(out: &mut String, meta: &FeedMeta<'_>, self_url: &str, items: &[FeedItem<'_>]) {
    let (title, link) = (escape(&meta.title), escape(&meta.home));
    let _ = writeln!(out, "<title>{title}</title>\n<link>{link}</link>");
    let _ = writeln!(out, "<description>{}</description>", escape(meta.description));
    let _ = writeln!(out, "<language>{}</language>", escape(meta.language));
    let _ = writeln!(out, "<generator>{}</generator>", escape(meta.generator));
    let _ = writeln!(
        out,
        "<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>",
        escape(self_url)
    );
    if let Some(newest) = items.first() {
        // The newest release's date, not the clock: the same content gives the same feed.
        let _ = writeln!(out, "<lastBuildDate>{}</lastBuildDate>", newest.published.rfc822());
    }
    if let Some(logo) = &meta.logo {
        let _ = writeln!(
            out,
            "<image>\n<url>{}</url>\n<title>{title}</title>\n<link>{link}</link>\n</image>",
            escape(logo)
        );
    }
}

fn item(out: &mut String, item: &FeedItem<'_>, line_break: &str) {
    out.push_str("<item>\n");
    let _ = writeln!(out, "<title>{}</title>", escape(item.title));
    let _ = writeln!(out, "<link>{}</link>", escape(&item.link));
    let _ = writeln!(out, "<guid isPermaLink=\"false\">{}</guid>", escape(item.guid));
    let _ = writeln!(out, "<pubDate>{}</pubDate>", item.published.rfc822());
    let html = text_as_html(&item.description, line_break);
    let _ = writeln!(out, "<description>{}</description>", escape(&html));
    if let Some(html) = &item.content {
        let _ = writeln!(out, "<content:encoded>{}</content:encoded>", escape(html));
    }
    for a in &item.authors {
        let _ = writeln!(out, "<dc:creator>{}</dc:creator>", escape(a.initials));
    }
    for c in &item.categories {
        let _ = writeln!(out, "<category>{}</category>", escape(c));
    }
    if let Some(photo) = &item.photo {
        self::photo(out, photo, true);
    }
    for photo in &item.alternates {
        self::photo(out, photo, false);
    }
    out.push_str("</item>\n");
}

/// Plain text as the HTML an item's `description` is (RSS 2.0: "entity-encoded HTML is
/// allowed", and readers treat it as HTML): `&`, `<`, `>` and quotes escaped, each line break a
/// `line_break` (`<br>`; in Telegram's feed the line break itself, as Telegram takes it). A reader that un-escapes it as HTML, as feedparser and the services built on it do,
/// gets the text back exactly, its line breaks included; written raw, `&utm_medium` came back
/// as `&amp;utm_medium`, a title with `<script>` lost its words, and line breaks collapsed.
fn text_as_html(text: &str, line_break: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push_str(line_break);
        }
        out.push_str(&crate::links::escape_html(line));
    }
    out
}

/// The photo as an `enclosure` (an item has at most one; with its type, which RSS requires, and
/// its length, 0 when it is not known before the file is written, as the RSS Advisory Board's
/// profile says) and as `media:content` with its size and alt text.
fn photo(out: &mut String, p: &Photo, enclosure: bool) {
    let url = escape(&p.url);
    if let (true, Some(mime)) = (enclosure, p.mime) {
        let length = p.length.unwrap_or(0);
        let _ = writeln!(out, "<enclosure url=\"{url}\" length=\"{length}\" type=\"{mime}\"/>");
    }
    let _ = write!(out, "<media:content url=\"{url}\" medium=\"image\"");
    if let Some(mime) = p.mime {
        let _ = write!(out, " type=\"{mime}\"");
    }
    if let Some(length) = p.length {
        let _ = write!(out, " fileSize=\"{length}\"");
    }
    if let (Some(w), Some(h)) = (p.width, p.height) {
        let _ = write!(out, " width=\"{w}\" height=\"{h}\"");
    }
    let _ = writeln!(
        out,
        ">\n<media:description type=\"plain\">{}</media:description>\n</media:content>",
        escape(&p.alt)
    );
}
