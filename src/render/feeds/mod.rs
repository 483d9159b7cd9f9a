//! The feeds: RSS 2.0 (`feed.xml`), Atom 1.0 (`atom.xml`) and JSON Feed 1.1 (`feed.json`) for the
//! site, each unit and each tag, and per social channel an RSS feed and a JSON Feed
//! (`feeds/<channel>.xml`, `.json`) whose items carry that channel's captions, for a
//! cross-posting service to post as they are. Each release becomes one [`FeedItem`], with every URL made absolute once; the three
//! writers only differ in how they spell it. Nothing depends on the clock: the same content
//! gives byte-identical feeds.

mod atom;
mod json;
mod rss;

use super::paths::LISTING_FEEDS;
use super::plan::{feed_items, Listing};
use super::view::ListingKind;
use super::view::SocialImageView;
use super::views::Views;
use super::{Body, Output};
use crate::date::Timestamp;
use crate::links::{self, escape_html};
use crate::model::Site;
use crate::social::{self, Channel};

/// The feeds of a listing, in its folder (`""` for the site): RSS, Atom and JSON Feed, carrying
/// the same newest `feed_limit` published releases.
/// `read_more` is the theme's words for the link an item carries instead of a body longer
/// than `feed_full_text`; `correction` its word for a correction ("Ralat"), which a major
/// correction's note starts with, above the item's text.
pub fn listing_feeds(
    site: &Site,
    views: &Views,
    listing: &Listing,
    read_more: &str,
    correction: &str,
) -> Vec<Output> {
    let c = &site.config;
    let meta = listing_meta(site, views, listing);
    let items: Vec<FeedItem<'_>> = feed_items(site, &listing.items)
        .map(|i| {
            FeedItem::new(site, i).with_body(site, i, read_more).with_corrections(
                site,
                i,
                correction,
                &views.calendar,
            )
        })
        .collect();
    let writers: [Writer; 3] = [rss::write, atom::write, json::write];
    LISTING_FEEDS
        .iter()
        .zip(writers)
        .map(|(&(name, _), write)| {
            let url = c.absolute(&format!("{}{name}", listing.path));
            output(&listing.path, name, write(&meta, &url, &items))
        })
        .collect()
}

/// The feeds of one social channel for the site or a unit (`listing`), `feeds/<channel>.xml`
/// and `feeds/<channel>.json` in the listing's folder: its newest `feed_limit` published
/// releases. In the RSS feed each item's link is the
/// caption's link (with UTM parameters) and its description the caption itself, written as
/// HTML (RSS descriptions are HTML: a reader that treats it so gets the caption back exactly;
/// Telegram's with its line breaks as they are, the only HTML there its escaped characters),
/// without `content:encoded` (services would prefer it). In the JSON Feed the caption is the
/// plain `content_text`, beside the canonical URL.
pub fn channel_feeds(
    site: &Site,
    views: &Views,
    listing: &Listing,
    channel: Channel,
    words: social::Words<'_>,
) -> [Output; 2] {
    let c = &site.config;
    // "Humas Kanwil … — Instagram", "Kemenag Badung — Instagram": the name a service lists.
    let base = listing_meta(site, views, listing);
    let unit = listing.unit.as_ref().and_then(|u| c.units.get(u));
    let name = unit.map_or(c.title.as_str(), |u| u.short.as_str());
    let title = format!("{name} — {}", channel.label());
    // Telegram takes a post's HTML with its line breaks as they are, and refuses any tag but
    // b, i, u, s, a, code, pre and blockquote: `<br>` made the Bot API refuse the post.
    let line_break = if channel == Channel::Telegram { "\n" } else { "<br>" };
    let meta = FeedMeta { title, line_break, ..base };
    let items: Vec<FeedItem<'_>> = feed_items(site, &listing.items)
        .map(|i| FeedItem::new(site, i).for_channel(site, i, channel, words, listing))
        .collect();
    let path = super::paths::channel_feed(&listing.path, channel);
    let rss = rss::write(&meta, &c.absolute(&path), &items);
    let json_path = super::paths::channel_json_feed(&listing.path, channel);
    let json = json::write_channel(&meta, &c.absolute(&json_path), &items);
    [
        Output { path, body: Body::Bytes(rss.into_bytes()) },
        Output { path: json_path, body: Body::Bytes(json.into_bytes()) },
    ]
}

/// A feed writer: the feed's metadata, its own URL and its items in, the text out.
type Writer = fn(&FeedMeta<'_>, &str, &[FeedItem<'_>]) -> String;

fn output(folder: &str, name: &str, text: String) -> Output {
    Output { path: format!("{folder}{name}"), body: Body::Bytes(text.into_bytes()) }
}

/// What a feed says of itself, whatever its format.
#[derive(Debug, Clone)]
struct FeedMeta<'a> {
    title: String,
    /// The absolute URL of the page the feed follows.
    home: String,
    description: &'a str,
    language: &'a str,
    generator: &'a str,
    /// Who publishes it: the site's title.
    publisher: &'a str,
    /// An absolute logo URL (a unit's logo, else the site's), if any.
    logo: Option<String>,
    /// A line break of an RSS item's `description`: `<br>`, or in Telegram's feed the line
    /// break itself.
    line_break: &'static str,
}

fn home_meta<'a>(site: &'a Site, views: &'a Views) -> FeedMeta<'a> {
    let c = &site.config;
    FeedMeta {
        title: c.title.clone(),
        home: c.absolute(""),
        description: if c.description.is_empty() { &c.title } else { &c.description },
        language: &c.language,
        generator: &views.site.generator,
        publisher: &c.title,
        // The site's logo (found by helper-35, stop 67: only a unit's feeds had one).
        logo: c.logo.as_deref().map(str::trim).filter(|l| !l.is_empty()).map(|l| c.absolute_to(l)),
        line_break: "<br>",
    }
}

fn listing_meta<'a>(site: &'a Site, views: &'a Views, listing: &Listing) -> FeedMeta<'a> {
    let c = &site.config;
    let base = home_meta(site, views);
    if listing.kind == ListingKind::Home {
        return base;
    }
    let logo = listing.unit.as_ref().and_then(|u| c.units.get(u)?.logo.as_deref());
    let logo = logo.map(str::trim).filter(|l| !l.is_empty()).map(|l| c.absolute_to(l));
    FeedMeta {
        title: format!("{} — {}", listing.title, c.title),
        home: c.absolute(&listing.path),
        logo: logo.or(base.logo.clone()),
        ..base
    }
}

/// One release as every feed writes it, all URLs absolute.
#[derive(Debug, Clone)]
struct FeedItem<'a> {
    /// The ledger's permanent id: never the URL.
    guid: &'a str,
    title: &'a str,
    /// The canonical URL, or in a channel feed the caption's link.
    link: String,
    /// The canonical URL, always.
    url: String,
    /// Plain text: the lead, or in a channel feed the caption.
    description: String,
    /// The body as HTML with absolute URLs; `None` in channel feeds.
    content: Option<String>,
    published: Timestamp,
    /// `updated`, or the publication date.
    updated: Timestamp,
    authors: Vec<Author<'a>>,
    /// The unit's name, then the tags.
    categories: Vec<&'a str>,
    /// The image of a shared link: the photo's crop or the drawn card.
    photo: Option<Photo>,
    /// More shapes of it, as `media:content` (Instagram's 1:1 and 4:5).
    alternates: Vec<Photo>,
}

#[derive(Debug, Clone)]
struct Author<'a> {
    initials: &'a str,
    /// The full name from `site.yaml`, or the initials.
    name: &'a str,
}

/// A release's photo, as feeds announce it.
#[derive(Debug, Clone)]
struct Photo {
    url: String,
    mime: Option<&'static str>,
    /// Bytes, when known before the files are written: never for an image warta makes, so
    /// that a build from cached images and one that makes them write the same feed.
    length: Option<u64>,
    width: Option<u32>,
    height: Option<u32>,
    alt: String,
}

impl<'a> FeedItem<'a> {
    fn new(site: &'a Site, i: usize) -> FeedItem<'a> {
        let c = &site.config;
        let r = &site.releases[i];
        let unit = c.units.get(&r.unit).map_or(r.unit.as_str(), |u| u.name.as_str());
        let tags = site.release_tags[i].iter().map(|&t| site.tags[t].name.as_str());
        FeedItem {
            guid: &r.guid,
            title: &r.title,
            link: c.absolute(&r.path),
            url: c.absolute(&r.path),
            description: r.summary.clone(),
            content: None,
            published: r.date,
            updated: r.updated.unwrap_or(r.date),
            authors: r
                .authors
                .iter()
                .map(|a| Author { initials: a, name: c.authors.get(a).map_or(a, String::as_str) })
                .collect(),
            categories: std::iter::once(unit).chain(tags).collect(),
            photo: photo(site, i),
            alternates: Vec::new(),
        }
    }

    /// The item of a site, unit or tag feed: with the body as the page shows it, ending with the
    /// writer's initials, "(sn)". A body longer than `feed_full_text` is not copied into every
    /// feed the release is in: the item carries the lead and a link to the page instead.
    fn with_body(self, site: &Site, i: usize, read_more: &str) -> FeedItem<'a> {
        let r = &site.releases[i];
        if r.html.len() > site.config.feed_full_text {
            let content = format!(
                "<p>{}</p>\n<p><a href=\"{}\">{}</a></p>\n",
                escape_html(&r.summary),
                escape_html(&self.link),
                escape_html(read_more)
            );
            return FeedItem { content: Some(content), ..self };
        }
        let content = format!(
            "{}<p class=\"initials\">({})</p>\n",
            absolute_urls(&r.html, &links::origin(&site.config.base_url), &self.link),
            escape_html(&r.authors.join("/"))
        );
        FeedItem { content: Some(content), ..self }
    }

    /// A major correction announced: its note (the newest first) above the item's text and
    /// summary. The guid and the publication date stay, so a reader shows the item as
    /// changed, and no service posts the release again; `updated` says when.
    fn with_corrections(
        self,
        site: &Site,
        i: usize,
        word: &str,
        calendar: &crate::date::Calendar,
    ) -> FeedItem<'a> {
        let major: Vec<&crate::model::release::Correction> =
            site.releases[i].corrections.iter().filter(|k| !k.minor).collect();
        if major.is_empty() {
            return self;
        }
        let mut notes = String::new();
        for k in &major {
            notes.push_str(&format!(
                "<p class=\"ralat\"><strong>{} ({}):</strong> {}</p>\n",
                escape_html(word),
                escape_html(&calendar.long(&k.date)),
                escape_html(&k.note)
            ));
        }
        let description = format!("{word}: {} — {}", major[0].note, self.description);
        let content = self.content.map(|c| format!("{notes}{c}"));
        FeedItem { description, content, ..self }
    }

    /// The item of a channel feed: the caption's link and text, no body.
    /// The item as `channel`'s feed of `listing` carries it: the unit's own feed is posted by
    /// the unit's account, which does not credit itself.
    fn for_channel(
        self,
        site: &Site,
        i: usize,
        channel: Channel,
        words: social::Words<'_>,
        listing: &Listing,
    ) -> FeedItem<'a> {
        let r = &site.releases[i];
        let caption = if listing.unit.as_deref() == Some(r.unit.as_str()) {
            social::caption_by_unit(&site.config, r, channel, words)
        } else {
            social::caption(&site.config, r, channel, words)
        };
        if channel == Channel::Instagram {
            // Instagram posts only a JPEG from 4:5 to 1.91:1: the square crop, and the portrait
            // one beside it; a release without them is not posted with a wrong shape.
            let mut shapes = super::views::instagram_feed_images(&site.config, &site.releases[i])
                .into_iter()
                .map(Photo::from);
            let photo = shapes.next();
            return FeedItem {
                link: caption.link,
                description: caption.text,
                updated: self.published,
                photo,
                alternates: shapes.collect(),
                ..self
            };
        }
        // A channel feed never presents a corrected release as changed: what was posted stays
        // posted, once.
        let updated = self.published;
        FeedItem { link: caption.link, description: caption.text, updated, ..self }
    }
}

fn photo(site: &Site, i: usize) -> Option<Photo> {
    super::views::social_image(&site.config, &site.releases[i]).map(Photo::from)
}

impl From<SocialImageView> for Photo {
    fn from(s: SocialImageView) -> Photo {
        Photo {
            url: s.url,
            mime: s.mime,
            length: s.length,
            width: s.width,
            height: s.height,
            alt: s.alt,
        }
    }
}

/// The HTML with every `href` and `src` value that starts with one `/` (a site-relative URL,
/// base path included) prefixed with `origin`, and every `href` that is a fragment alone (a
/// footnote's `#fn-1`) prefixed with `page`, the item's URL, so feed readers resolve links and
/// photos (a reader shows an item outside its page, where `#fn-1` points nowhere). Only
/// attributes inside tags are touched, never text that looks like one.
fn absolute_urls(html: &str, origin: &str, page: &str) -> String {
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let tag = &rest[lt..lt + tag_len(&rest[lt..])];
        rewrite_tag(tag, origin, page, &mut out);
        rest = &rest[lt + tag.len()..];
    }
    out.push_str(rest);
    out
}

/// The length of the tag at the start of `html`, up to its `>` outside quotes (or the end).
fn tag_len(html: &str) -> usize {
    let mut quote = None;
    for (i, b) in html.bytes().enumerate() {
        match (quote, b) {
            (None, b'>') => return i + 1,
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            _ => {}
        }
    }
    html.len()
}

/// Copies one tag into `out`, with `origin` before each site-relative `href` or `src` value
/// and `page` before each `href` that is a fragment.
fn rewrite_tag(tag: &str, origin: &str, page: &str, out: &mut String) {
    let b = tag.as_bytes();
    let skip_space = |mut i: usize| {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        i
    };
    let (mut i, mut copied) = (1, 0);
    while i < b.len() {
        let start = skip_space(i);
        let mut end = start;
        while end < b.len() && !b[end].is_ascii_whitespace() && !matches!(b[end], b'=' | b'>') {
            end += 1;
        }
        let eq = skip_space(end);
        if eq >= b.len() || b[eq] != b'=' {
            i = end.max(start + 1);
            continue;
        }
        let v = skip_space(eq + 1);
        let quote = b.get(v).copied().filter(|q| matches!(q, b'"' | b'\''));
        let value_start = v + usize::from(quote.is_some());
        let value = &tag[value_start.min(tag.len())..];
        let name = &tag[start..end];
        let is_url = name.eq_ignore_ascii_case("href") || name.eq_ignore_ascii_case("src");
        if is_url && value.starts_with('/') && !value.starts_with("//") {
            out.push_str(&tag[copied..value_start]);
            out.push_str(origin);
            copied = value_start;
        } else if name.eq_ignore_ascii_case("href") && value.starts_with('#') {
            out.push_str(&tag[copied..value_start]);
            out.push_str(&escape_html(page));
            copied = value_start;
        }
        // The value's length, with its closing quote if it has one: a quote left open (raw HTML
        // of `unsafe_html: true`) runs to the end of the text.
        let (len, closed) = match quote {
            Some(q) => {
                value.bytes().position(|c| c == q).map_or((value.len(), false), |p| (p + 1, true))
            }
            None => {
                let end = value.bytes().position(|c| c.is_ascii_whitespace() || c == b'>');
                (end.unwrap_or(value.len()), false)
            }
        };
        // `srcset`: a list of `url width` candidates, each made absolute.
        if name.eq_ignore_ascii_case("srcset") && value_start >= copied {
            // Without its closing quote: an open one took off the text's last byte, which cut
            // a last character of several bytes in two, a panic (found by helper-41, stop 72).
            let list = &value[..len - usize::from(closed)];
            out.push_str(&tag[copied..value_start]);
            for (n, candidate) in list.split(',').enumerate() {
                if n > 0 {
                    out.push(',');
                }
                let trimmed = candidate.trim_start();
                out.push_str(&candidate[..candidate.len() - trimmed.len()]);
                if trimmed.starts_with('/') && !trimmed.starts_with("//") {
                    out.push_str(origin);
                }
                out.push_str(trimmed);
            }
            copied = value_start + list.len();
        }
        i = value_start + len.max(1);
    }
    out.push_str(&tag[copied..]);
}

/// A starting capacity for a feed's text: the HTML bodies, escaped, and room for the rest.
fn capacity(items: &[FeedItem<'_>]) -> usize {
    2048 + items
        .iter()
        .map(|i| 1024 + i.content.as_ref().map_or(0, |c| c.len() * 6 / 5))
        .sum::<usize>()
}

/// The newest change among the items (their updated-or-published dates).
fn newest_update(items: &[FeedItem<'_>]) -> Option<Timestamp> {
    items.iter().map(|i| i.updated).max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_relative_urls_get_the_origin() {
        let html = r##"<p><a href="/humas/2023/x/lampiran.pdf">a</a> <img src='/humas/f.jpg' alt="x"> <a href="//cdn.example/x">b</a> <a href="https://x.id/">c</a> <a href="#k">d</a> <span data-src="/no">e</span> href="/text" <IMG SRC=/u.png></p>"##;
        let out =
            absolute_urls(html, "https://example.go.id", "https://example.go.id/humas/2023/x/");
        assert_eq!(
            out,
            r##"<p><a href="https://example.go.id/humas/2023/x/lampiran.pdf">a</a> <img src='https://example.go.id/humas/f.jpg' alt="x"> <a href="//cdn.example/x">b</a> <a href="https://x.id/">c</a> <a href="https://example.go.id/humas/2023/x/#k">d</a> <span data-src="/no">e</span> href="/text" <IMG SRC=https://example.go.id/u.png></p>"##
        );
    }

    #[test]
    fn every_candidate_of_a_srcset_gets_the_origin() {
        let html = r#"<picture><source type="image/webp" srcset="/a-480.webp 480w, /a-960.webp 960w"><img src="/a-960.jpg" srcset='/a-480.jpg 480w,https://x.id/b.jpg 2x' alt="x"></picture>"#;
        let out = absolute_urls(html, "https://e.id", "https://e.id/p/");
        assert_eq!(
            out,
            r#"<picture><source type="image/webp" srcset="https://e.id/a-480.webp 480w, https://e.id/a-960.webp 960w"><img src="https://e.id/a-960.jpg" srcset='https://e.id/a-480.jpg 480w,https://x.id/b.jpg 2x' alt="x"></picture>"#
        );
    }

    #[test]
    fn a_srcset_whose_quote_is_never_closed_keeps_the_texts_last_character() {
        // Raw HTML (`unsafe_html: true`) with the quote after `2x` left out, at the body's end.
        let html = "<figure><img srcset=\"/img/rapat.jpg 1x, /img/rapat@2x.jpg 2x>\n<figcaption>Rapat</figcaption></figure>\nTerima kasih 🙏";
        let out = absolute_urls(html, "https://e.id", "https://e.id/p/");
        assert_eq!(
            out,
            "<figure><img srcset=\"https://e.id/img/rapat.jpg 1x, https://e.id/img/rapat@2x.jpg 2x>\n<figcaption>Rapat</figcaption></figure>\nTerima kasih 🙏"
        );
    }

    #[test]
    fn image_types_come_from_the_extension() {
        use crate::links::image_mime;
        assert_eq!(image_mime("https://x.id/a/foto.JPG"), Some("image/jpeg"));
        assert_eq!(image_mime("https://x.id/a/foto.png?w=10"), Some("image/png"));
        assert_eq!(image_mime("https://x.id/a/foto.webp"), Some("image/webp"));
        assert_eq!(image_mime("https://x.id/a.b/foto"), None);
    }
}
