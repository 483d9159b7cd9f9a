//! What a page says about itself to search engines and to the apps that turn a shared link into
//! a card: Open Graph, X card, JSON-LD (schema.org), the canonical URL, `robots` and the feeds
//! it belongs to. Built here as plain data (`meta` in every template) so the theme prints it
//! without logic and every value is escaped where it lands: Tera escapes the attributes, and
//! [`script_json`] makes the JSON-LD safe inside its `<script>` element.

use super::plan::Listing;
use super::view::{ImageView, ListingKind, SocialImageView};
use super::views::Views;
use crate::config::{Config, Unit};
use crate::model::Site;
use serde::Serialize;
use serde_json::{json, Value};

/// `robots` on every page meant to be found: index it, and show large photo previews.
const INDEX: &str = "index, follow, max-image-preview:large";
/// The site path of the not-found page, which asks not to be indexed.
const NOT_FOUND: &str = "404.html";
/// `robots` on the 404 page and on every page that shows a preview (a draft or a scheduled
/// release in a `--drafts` or `--future` build), so a preview uploaded by mistake is not found.
pub const NOINDEX: &str = "noindex";

/// A feed advertised with `<link rel="alternate">`.
#[derive(Debug, Clone, Serialize)]
pub struct FeedLink {
    /// `Humas Bali (Atom)`: the name of what it follows and the format.
    pub title: String,
    /// The MIME type: `application/rss+xml`, `application/atom+xml`, `application/feed+json`.
    pub kind: &'static str,
    /// Site-relative link with the base path: `/unit/kanwil-bali/atom.xml`.
    pub url: String,
}

/// A step of a page's breadcrumbs (Beranda › Unit Kerja › Kantor Wilayah …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Crumb {
    pub name: String,
    /// Site-relative link with the base path.
    pub url: String,
}

/// The head of a page, available as `meta` in every template and printed by
/// `partials/meta.html`.
#[derive(Debug, Clone, Serialize)]
pub struct MetaView {
    /// The page's own title, without the site's name (`og:title`, `twitter:title`).
    pub title: String,
    /// Plain text, never empty: a release's summary, else the site's description or title.
    pub description: String,
    /// Absolute URL of this very page, without tracking parameters (`og:url`, canonical).
    pub canonical: String,
    /// `og:type`: `article` on a release page, `website` everywhere else.
    pub kind: &'static str,
    /// `og:site_name`: the site's title.
    pub site_name: String,
    /// `og:locale`, from the site's language: `id_ID`, `en_US`, else the code itself.
    pub locale: String,
    /// The image of a shared link of a release (`og:image`, `twitter:image`): its photo's
    /// crop, or its drawn card; none on other pages.
    pub image: Option<SocialImageView>,
    /// `twitter:card`: `summary_large_image` with an image large enough, else `summary`.
    pub twitter_card: &'static str,
    /// `twitter:site`: the unit's X account as `@name` (else the site's), when there is one.
    pub twitter_site: Option<String>,
    /// `article:published_time`, RFC 3339 with the offset; release pages only.
    pub published: Option<String>,
    /// `article:modified_time`: the update date, or the publication date; release pages only.
    pub modified: Option<String>,
    /// `article:section`: the unit's full name; release pages only.
    pub section: Option<String>,
    /// `article:tag`, one per tag; release pages only.
    pub tags: Vec<String>,
    /// `<meta name="robots">`: `index, follow, max-image-preview:large`, or `noindex` on 404
    /// and on a page that shows a preview (draft or scheduled release).
    pub robots: &'static str,
    /// Feeds this page belongs to: the site's, then its unit's or its listing's.
    pub feeds: Vec<FeedLink>,
    /// The schema.org JSON-LD, ready for `<script type="application/ld+json">` (print it with
    /// `| safe`): `NewsArticle`, `WebSite`, `CollectionPage` or `WebPage`; empty on 404.
    pub json_ld: String,
    /// Where the page is, from the home page to the page itself (last); empty on the home
    /// page and on 404.
    pub breadcrumbs: Vec<Crumb>,
    /// The breadcrumbs as a schema.org `BreadcrumbList`, ready for
    /// `<script type="application/ld+json">` (print it with `| safe`); empty without them.
    pub breadcrumbs_ld: String,
}

impl MetaView {
    /// The page with its breadcrumbs: `trail` is each step's name and site path, the home page
    /// first and the page itself last.
    pub fn with_breadcrumbs(mut self, c: &Config, trail: Vec<(String, String)>) -> MetaView {
        let items: Vec<Value> = trail
            .iter()
            .enumerate()
            .map(|(n, (name, path))| {
                json!({"@type": "ListItem", "position": n + 1, "name": name, "item": c.absolute(path)})
            })
            .collect();
        self.breadcrumbs_ld = script_json(json!({
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": items,
        }));
        self.breadcrumbs =
            trail.into_iter().map(|(name, path)| Crumb { url: c.link(&path), name }).collect();
        self
    }
}

/// A release page: an article, with its photo, dates, unit, tags and authors.
pub fn release(site: &Site, views: &Views, i: usize) -> MetaView {
    let (c, r) = (&site.config, &site.releases[i]);
    let unit = &c.units[&r.unit];
    let mut m = card(c, r);
    m.feeds.extend(feeds(c, &unit.name, &unit_path(unit)));
    m.json_ld = script_json(news_article(site, views, i, &m));
    m
}

/// What a shared link of a release shows (title, description, canonical URL, photo, X account,
/// dates, section, tags, robots), without the feeds and JSON-LD of its page: the head of the
/// pages that redirect to it, a short link's and a former URL's.
pub fn card(c: &Config, r: &crate::model::Release) -> MetaView {
    let unit = &c.units[&r.unit];
    let mut m = page(c, &r.title, &r.summary, c.absolute(&r.path));
    m.kind = "article";
    // A withdrawn release's shared link no longer shows its picture.
    m.image = super::views::social_image(c, r).filter(|_| r.publication.is_listed());
    m.twitter_card =
        if m.image.as_ref().is_some_and(|i| i.large) { "summary_large_image" } else { "summary" };
    m.twitter_site = twitter_site(c, Some(unit));
    m.published = Some(r.date.iso());
    m.modified = Some(r.updated.as_ref().unwrap_or(&r.date).iso());
    m.section = Some(unit.name.clone());
    m.tags = r.tags.clone();
    if !r.publication.is_published() {
        m.robots = NOINDEX;
    }
    m
}

/// One page of a listing (home, unit, tag or month); `items` are the releases on this page.
pub fn listing(site: &Site, l: &Listing, items: &[usize], permalink: String) -> MetaView {
    let c = &site.config;
    let description = match l.kind {
        ListingKind::Home => c.description.clone(),
        _ => format!("{} — {}", l.title, c.title),
    };
    let mut m = page(c, &l.title, &description, permalink);
    let unit = l.unit.as_ref().map(|k| &c.units[k]);
    m.twitter_site = twitter_site(c, unit);
    if l.feed && l.kind != ListingKind::Home {
        m.feeds.extend(feeds(c, &l.title, &l.path));
    }
    m.json_ld = script_json(if l.kind == ListingKind::Home && m.canonical == c.base_url {
        website(c)
    } else {
        collection_page(site, l, items, &m)
    });
    if items.iter().any(|&i| !site.releases[i].publication.is_published()) {
        m.robots = NOINDEX;
    }
    m
}

/// Any other page: standalone pages, indexes, the archive, 404 (`path` = `404.html`).
pub fn other(site: &Site, path: &str, title: &str) -> MetaView {
    let c = &site.config;
    let mut m = page(c, title, &c.description, c.absolute(path));
    // The "not found" page has no JSON-LD, and no `noindex` either: the web server sends it
    // with status 404 for every missing URL, which keeps it out of search engines by itself,
    // and `noindex` there only failed Lighthouse's SEO audit of the page.
    if path != NOT_FOUND {
        m.json_ld = script_json(json!({
            "@context": "https://schema.org",
            "@type": "WebPage",
            "@id": m.canonical,
            "name": m.title,
            "url": m.canonical,
            "inLanguage": c.language,
            "isPartOf": website_ref(c),
        }));
    }
    m
}

/// What every page has: a website with the site's feeds, no photo, no JSON-LD yet.
fn page(c: &Config, title: &str, description: &str, canonical: String) -> MetaView {
    let description = [description, &c.description, &c.title]
        .into_iter()
        .find(|d| !d.trim().is_empty())
        .unwrap_or_default();
    MetaView {
        title: title.to_string(),
        description: description.to_string(),
        canonical,
        kind: "website",
        site_name: c.title.clone(),
        locale: locale(&c.language),
        image: None,
        twitter_card: "summary",
        twitter_site: None,
        published: None,
        modified: None,
        section: None,
        tags: Vec::new(),
        breadcrumbs: Vec::new(),
        breadcrumbs_ld: String::new(),
        robots: INDEX,
        feeds: feeds(c, &c.title, ""),
        json_ld: String::new(),
    }
}

/// The three feeds of a folder (`""` for the site's): RSS, Atom and JSON Feed.
fn feeds(c: &Config, name: &str, dir: &str) -> Vec<FeedLink> {
    [
        ("feed.xml", "application/rss+xml", "RSS"),
        ("atom.xml", "application/atom+xml", "Atom"),
        ("feed.json", "application/feed+json", "JSON Feed"),
    ]
    .into_iter()
    .map(|(file, kind, format)| FeedLink {
        title: format!("{name} ({format})"),
        kind,
        url: c.link(&format!("{dir}{file}")),
    })
    .collect()
}

fn unit_path(u: &Unit) -> String {
    super::paths::unit(&u.key)
}

/// `og:locale` of a language code: `id` → `id_ID`, `en` → `en_US`, `en-GB` → `en_GB`.
pub fn locale(language: &str) -> String {
    match language.trim() {
        "id" => "id_ID".to_string(),
        "en" => "en_US".to_string(),
        other => other.replace('-', "_"),
    }
}

/// `twitter:site`: the unit's X account, else the site's (`social.x` in `site.yaml`).
fn twitter_site(c: &Config, unit: Option<&Unit>) -> Option<String> {
    let x = crate::channels::Channel::X;
    unit.and_then(|u| u.social.handle(x)).or_else(|| c.social.handle(x))
}

/// JSON for inside `<script>`: nulls and empty lists dropped, and `<`, `>`, `&`, U+2028 and
/// U+2029 written as `\uXXXX` escapes (still the same JSON), so no value can end the element
/// or open a comment.
pub fn script_json(mut value: Value) -> String {
    prune(&mut value);
    let json = value.to_string();
    // One pass, and none for the text that needs no escape: a release page has three of these,
    // one of them its whole body (the verification text).
    const SPECIAL: [char; 5] = ['<', '>', '&', '\u{2028}', '\u{2029}'];
    if !json.contains(SPECIAL) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 32);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Removes null values and empty lists from objects, recursively.
fn prune(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !(v.is_null() || v.as_array().is_some_and(Vec::is_empty)));
            map.values_mut().for_each(prune);
        }
        Value::Array(items) => items.iter_mut().for_each(prune),
        _ => {}
    }
}

/// A release as a schema.org `NewsArticle`.
fn news_article(site: &Site, views: &Views, i: usize, m: &MetaView) -> Value {
    let (c, r) = (&site.config, &site.releases[i]);
    let unit = &c.units[&r.unit];
    let authors: Vec<Value> = r
        .authors
        .iter()
        .map(|a| json!({"@type": "Person", "name": c.authors.get(a).unwrap_or(a)}))
        .collect();
    json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": r.title,
        "description": m.description,
        "url": m.canonical,
        "mainEntityOfPage": {"@type": "WebPage", "@id": m.canonical},
        "image": images(c, r, views.summary(site, i).image.as_ref(), m.image.as_ref()),
        "datePublished": m.published,
        "dateModified": m.modified,
        "author": authors,
        "publisher": publisher(c, Some(unit)),
        "sourceOrganization": organization(c, unit),
        "inLanguage": c.language,
        "keywords": r.tags,
        "articleSection": unit.name,
    })
}

/// The home page as a schema.org `WebSite`.
fn website(c: &Config) -> Value {
    json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "@id": website_id(c),
        "name": c.title,
        "url": c.base_url,
        "description": (!c.description.is_empty()).then_some(&c.description),
        "inLanguage": c.language,
        "publisher": publisher(c, None),
    })
}

/// A unit, tag or month listing (or a later page of the home listing) as a `CollectionPage`
/// about its unit or tag, listing the releases on the page.
fn collection_page(site: &Site, l: &Listing, items: &[usize], m: &MetaView) -> Value {
    let c = &site.config;
    let about = match (&l.unit, l.tag) {
        (Some(key), _) => organization(c, &c.units[key]),
        (None, Some(t)) => json!({
            "@type": "Thing",
            "name": site.tags[t].name,
            "url": c.absolute(&l.path),
        }),
        (None, None) => Value::Null,
    };
    let list: Vec<Value> = items
        .iter()
        .enumerate()
        .map(|(n, &i)| {
            json!({"@type": "ListItem", "position": n + 1, "url": c.absolute(&site.releases[i].path)})
        })
        .collect();
    json!({
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "@id": m.canonical,
        "name": m.title,
        "url": m.canonical,
        "description": m.description,
        "inLanguage": c.language,
        "isPartOf": website_ref(c),
        "about": about,
        "mainEntity": (!list.is_empty())
            .then(|| json!({"@type": "ItemList", "itemListElement": list})),
    })
}

fn website_id(c: &Config) -> String {
    format!("{}#website", c.base_url)
}

/// A reference to the site's `WebSite`, for `isPartOf`.
fn website_ref(c: &Config) -> Value {
    json!({"@type": "WebSite", "@id": website_id(c), "name": c.title, "url": c.base_url})
}

/// The site as the publisher, with the logo of `unit` when it has one.
fn publisher(c: &Config, unit: Option<&Unit>) -> Value {
    json!({
        "@type": "Organization",
        "name": c.title,
        "url": c.base_url,
        "logo": unit.and_then(|u| logo(c, u)),
    })
}

/// A unit as an `Organization`: its full name, listing page, logo and social accounts.
fn organization(c: &Config, u: &Unit) -> Value {
    json!({
        "@type": "Organization",
        "name": u.name,
        "alternateName": u.short,
        "url": c.absolute(&unit_path(u)),
        "logo": logo(c, u),
        "sameAs": u.social.links().into_values().collect::<Vec<_>>(),
    })
}

/// A unit's logo as an absolute `ImageObject`.
fn logo(c: &Config, u: &Unit) -> Option<Value> {
    let l = u.logo.as_deref().map(str::trim).filter(|l| !l.is_empty())?;
    Some(json!({"@type": "ImageObject", "url": c.absolute_to(l)}))
}

/// A release's images as `ImageObject`s: the photo at its largest size, then the crops of a
/// shared link (1.91:1, 1:1, 4:5: Google asks for several shapes), with the photo's credit. Of a
/// drawn card, only the 1200×630: its other shapes exist only while the Instagram feed
/// carries the release ([`super::jobs::instagram_cards`]).
fn images(
    c: &Config,
    r: &crate::model::Release,
    photo: Option<&ImageView>,
    social: Option<&SocialImageView>,
) -> Vec<Value> {
    let credit = photo.and_then(|p| p.credit.as_deref());
    let object = |url: &str, width: Option<u32>, height: Option<u32>, caption: &str| {
        let mut o = json!({
            "@type": "ImageObject",
            "url": url,
            "width": width,
            "height": height,
            "caption": caption,
        });
        if let Some(credit) = credit {
            o["creditText"] = json!(credit);
        }
        o
    };
    let mut out = Vec::new();
    if let Some(p) = photo {
        let largest = r.main_photo().and_then(|set| set.largest());
        let url = largest.map_or_else(|| p.absolute_url.clone(), |l| c.absolute(&l.path));
        out.push(object(&url, p.width, p.height, p.caption.as_deref().unwrap_or(&p.alt)));
    }
    let crops = match r.social_image {
        crate::photos::SocialImage::Card(_) => Vec::new(),
        _ => super::views::instagram_images(c, r),
    };
    for s in social.into_iter().chain(&crops) {
        if !out.iter().any(|o| o["url"] == s.url) {
            out.push(object(&s.url, s.width, s.height, &s.alt));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales() {
        assert_eq!(locale("id"), "id_ID");
        assert_eq!(locale("en"), "en_US");
        assert_eq!(locale("ms"), "ms");
        assert_eq!(locale("en-GB"), "en_GB");
    }

    #[test]
    fn script_json_cannot_close_the_script() {
        let s = script_json(json!({"a": "</script><!-- & \u{2028}\u{2029}", "b": null, "c": []}));
        assert_eq!(s, r#"{"a":"\u003c/script\u003e\u003c!-- \u0026 \u2028\u2029"}"#);
        let back: Value = serde_json::from_str(&s).expect("still JSON");
        assert_eq!(back["a"], "</script><!-- & \u{2028}\u{2029}");
        assert_eq!(script_json(json!({"a": "b"})), r#"{"a":"b"}"#);
    }
}
