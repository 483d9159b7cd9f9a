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
use std::borrow::Cow;

mod ld;

/// `robots` on every page meant to be found: index it, and show large photo previews.
const INDEX: &str = "index, follow, max-image-preview:large";
/// The site path of the not-found page, which asks not to be indexed.
const NOT_FOUND: &str = "404.html";
/// `robots` on the 404 page and on every page that shows a preview (a draft or a scheduled
/// release in a `--drafts` or `--future` build), so a preview uploaded by mistake is not found.
pub const NOINDEX: &str = "noindex";
/// The longest `headline` of a release's JSON-LD, in characters: Google's Article structured
/// data reads at most 110 (a longer one fails its Rich Results Test), and titles here run to
/// [`crate::model::release::MAX_TITLE_CHARS`]. `og:title` keeps the title whole: Open Graph
/// sets no limit, and the apps cut it to their card themselves.
pub const HEADLINE_CHARS: usize = 110;
/// The longest `twitter:title`, in characters: X's card markup allows 70.
pub const X_TITLE_CHARS: usize = 70;

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
    /// The page's own title, without the site's name (`og:title`).
    pub title: String,
    /// `twitter:title`: the title, cut after a word with "…" past [`X_TITLE_CHARS`].
    pub twitter_title: String,
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
    /// The page shows highlighted code, which the theme's `css/syntax.css` colours: link that
    /// stylesheet only then (16 KB that holds up the first paint of every other page).
    pub highlighted_code: bool,
}

impl MetaView {
    /// The page with its breadcrumbs: `trail` is each step's name and site path, the home page
    /// first and the page itself last.
    pub fn with_breadcrumbs(mut self, c: &Config, trail: Vec<(String, String)>) -> MetaView {
        self.breadcrumbs_ld = script_json_of(&breadcrumb_list(c, &trail));
        self.breadcrumbs =
            trail.into_iter().map(|(name, path)| Crumb { url: c.link(&path), name }).collect();
        self
    }
}

/// A release page: an article, with its photo, dates, unit, tags and authors.
pub fn release(site: &Site, views: &Views, i: usize) -> MetaView {
    let (c, r) = (&site.config, &site.releases[i]);
    let unit = &c.units[&r.unit];
    let mut m = card(c, views, r);
    m.feeds.extend(feeds(c, &unit.name, &unit_path(unit)));
    m.json_ld = script_json_of(&news_article(site, views, i, &m));
    m.highlighted_code = crate::markdown::has_highlighted_code(&r.html);
    m
}

/// What a shared link of a release shows (title, description, canonical URL, photo, X account,
/// dates, section, tags, robots), without the feeds and JSON-LD of its page: the head of the
/// pages that redirect to it, a short link's and a former URL's. A withdrawn release's says it
/// was withdrawn, when and why, instead of what it announced.
pub fn card(c: &Config, views: &Views, r: &crate::model::Release) -> MetaView {
    let unit = &c.units[&r.unit];
    let withdrawal = r.withdrawn.as_ref().filter(|_| !r.publication.is_listed());
    let description = withdrawal.map(|w| views.withdrawal_note(w));
    let description = description.as_deref().unwrap_or(&r.summary);
    let mut m = page(c, &r.title, description, c.absolute(&r.path));
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
    m.json_ld = if l.kind == ListingKind::Home && m.canonical == c.base_url {
        script_json(website(c))
    } else {
        script_json_of(&collection_page(site, l, items, &m))
    };
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
        twitter_title: crate::markdown::truncate_words(title, X_TITLE_CHARS),
        description: description.to_string(),
        canonical,
        kind: "website",
        site_name: c.title.clone(),
        locale: locale(&c.language),
        // The site's icon (its logo, or its initials), for a shared link of a page without a
        // picture of its own: the home page, a unit's, a topic's, a month's (found by
        // helper-32, stop 66: they had none, and their shared links no picture).
        image: Some(SocialImageView {
            url: c.absolute(super::icons::ICONS[3].0),
            width: Some(super::icons::ICONS[3].1),
            height: Some(super::icons::ICONS[3].1),
            mime: Some("image/png"),
            alt: c.title.clone(),
            large: false,
            length: None,
        }),
        twitter_card: "summary",
        twitter_site: None,
        published: None,
        modified: None,
        section: None,
        tags: Vec::new(),
        breadcrumbs: Vec::new(),
        breadcrumbs_ld: String::new(),
        highlighted_code: false,
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
    script_json_of(&value)
}

/// Any value as JSON for inside `<script>`, escaped as [`script_json`] escapes, with nothing
/// dropped: for a value with no nulls or empty lists to drop (a release's text, the typed
/// JSON-LD of [`ld`], which skips them itself).
///
/// Written in one pass by serde_json, escaping inside strings ([`ScriptSafe`]), the only place
/// those characters can stand in JSON: no `Value` made of a text first, and no second pass
/// over the JSON. A release page has three of these, one of them its whole body (the
/// verification text).
pub fn script_json_of<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::with_capacity(256);
    let mut json = serde_json::Serializer::with_formatter(&mut out, ScriptSafe);
    // Plain data into a Vec: serialising cannot fail; if it did, no JSON-LD beats a broken one.
    if value.serialize(&mut json).is_err() {
        return String::new();
    }
    // serde_json writes UTF-8, and the escapes are ASCII.
    String::from_utf8(out).unwrap_or_default()
}

/// serde_json's compact output with `<`, `>`, `&`, U+2028 and U+2029 escaped inside strings
/// (keys too).
struct ScriptSafe;

impl serde_json::ser::Formatter for ScriptSafe {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let bytes = fragment.as_bytes();
        let mut from = 0;
        for (at, &b) in bytes.iter().enumerate() {
            let (start, escape): (usize, &[u8]) = match b {
                b'<' => (at, b"\\u003c"),
                b'>' => (at, b"\\u003e"),
                b'&' => (at, b"\\u0026"),
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9; A8 and A9 only ever continue a
                // character, so the escape replaces the three bytes that end here.
                0xA8 | 0xA9 if at >= 2 && bytes[at - 2..at] == [0xE2, 0x80] => {
                    (at - 2, if b == 0xA8 { b"\\u2028" } else { b"\\u2029" })
                }
                _ => continue,
            };
            writer.write_all(&bytes[from..start])?;
            writer.write_all(escape)?;
            from = at + 1;
        }
        writer.write_all(&bytes[from..])
    }
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
fn news_article<'a>(
    site: &'a Site,
    views: &'a Views,
    i: usize,
    m: &'a MetaView,
) -> ld::NewsArticle<'a> {
    let (c, r) = (&site.config, &site.releases[i]);
    let unit = &c.units[&r.unit];
    let author = r.authors.iter().map(|a| ld::Person { name: c.authors.get(a).unwrap_or(a) });
    let headline = headline(&r.title);
    // The whole title stays in `name` (any Thing's), which has no limit.
    let name = matches!(headline, Cow::Owned(_)).then_some(r.title.as_str());
    ld::NewsArticle {
        context: ld::CONTEXT,
        kind: "NewsArticle",
        article_section: &unit.name,
        author: author.collect(),
        date_modified: m.modified.as_deref(),
        date_published: m.published.as_deref(),
        description: &m.description,
        headline,
        image: images(c, r, views.summary(site, i).image.as_ref(), m.image.as_ref()),
        in_language: &c.language,
        keywords: &r.tags,
        main_entity_of_page: ld::WebPageRef { id: &m.canonical, kind: "WebPage" },
        name,
        publisher: publisher(c, Some(unit)),
        source_organization: organization(c, unit),
        url: &m.canonical,
    }
}

/// A release's `headline`: its title, or, over [`HEADLINE_CHARS`], the title cut after a whole
/// word with "…" (borrowed when it fits, so the cut is told by `Cow::Owned`).
fn headline(title: &str) -> Cow<'_, str> {
    if title.chars().count() <= HEADLINE_CHARS {
        Cow::Borrowed(title)
    } else {
        Cow::Owned(crate::markdown::truncate_words(title, HEADLINE_CHARS))
    }
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
fn collection_page<'a>(
    site: &'a Site,
    l: &Listing,
    items: &[usize],
    m: &'a MetaView,
) -> ld::CollectionPage<'a> {
    let c = &site.config;
    let about = match (&l.unit, l.tag) {
        (Some(key), _) => Some(ld::About::Unit(organization(c, &c.units[key]))),
        (None, Some(t)) => {
            Some(ld::About::Tag(ld::Thing { name: &site.tags[t].name, url: c.absolute(&l.path) }))
        }
        (None, None) => None,
    };
    let list: Vec<ld::Link> = items
        .iter()
        .enumerate()
        .map(|(n, &i)| ld::Link { position: n + 1, url: c.absolute(&site.releases[i].path) })
        .collect();
    ld::CollectionPage {
        context: ld::CONTEXT,
        id: &m.canonical,
        kind: "CollectionPage",
        about,
        description: &m.description,
        in_language: &c.language,
        is_part_of: website_ref(c),
        main_entity: (!list.is_empty()).then_some(ld::ItemList { item_list_element: list }),
        name: &m.title,
        url: &m.canonical,
    }
}

fn website_id(c: &Config) -> String {
    format!("{}#website", c.base_url)
}

/// A reference to the site's `WebSite`, for `isPartOf`.
fn website_ref(c: &Config) -> ld::WebSiteRef<'_> {
    ld::WebSiteRef { id: website_id(c), kind: "WebSite", name: &c.title, url: &c.base_url }
}

/// The site as the publisher, with the logo of `unit` when it has one.
fn publisher<'a>(c: &'a Config, unit: Option<&Unit>) -> ld::Organization<'a> {
    ld::Organization {
        alternate_name: None,
        // The unit's logo, else the site's: the publisher is the site.
        logo: unit.and_then(|u| logo(c, u)).or_else(|| site_logo(c)),
        name: &c.title,
        same_as: Vec::new(),
        url: c.base_url.clone(),
    }
}

/// A unit as an `Organization`: its full name, listing page, logo and social accounts.
fn organization<'a>(c: &Config, u: &'a Unit) -> ld::Organization<'a> {
    ld::Organization {
        alternate_name: Some(&u.short),
        logo: logo(c, u),
        name: &u.name,
        same_as: u.social.links().into_values().collect(),
        url: c.absolute(&unit_path(u)),
    }
}

/// The site's logo (`logo:` in `site.yaml`) as an absolute `ImageObject`.
fn site_logo(c: &Config) -> Option<ld::ImageRef> {
    let l = c.logo.as_deref().map(str::trim).filter(|l| !l.is_empty())?;
    Some(ld::ImageRef { url: c.absolute_to(l) })
}

/// A unit's logo as an absolute `ImageObject`.
fn logo(c: &Config, u: &Unit) -> Option<ld::ImageRef> {
    let l = u.logo.as_deref().map(str::trim).filter(|l| !l.is_empty())?;
    Some(ld::ImageRef { url: c.absolute_to(l) })
}

/// A page's breadcrumbs as a `BreadcrumbList`: `trail` is each step's name and site path.
fn breadcrumb_list<'a>(c: &Config, trail: &'a [(String, String)]) -> ld::BreadcrumbList<'a> {
    let crumb = |(n, (name, path)): (usize, &'a (String, String))| ld::Crumb {
        item: c.absolute(path),
        name,
        position: n + 1,
    };
    ld::BreadcrumbList {
        context: ld::CONTEXT,
        kind: "BreadcrumbList",
        item_list_element: trail.iter().enumerate().map(crumb).collect(),
    }
}

/// A release's images as `ImageObject`s: the photo at its largest size, then the crops of a
/// shared link (1.91:1, 1:1, 4:5: Google asks for several shapes), with the photo's credit. Of a
/// drawn card, only the 1200×630: its other shapes exist only while the Instagram feed
/// carries the release ([`super::jobs::instagram_cards`]). A photo too small to share is left
/// out, as it is of `og:image`: the card or the site's image stands in for it.
fn images<'a>(
    c: &Config,
    r: &crate::model::Release,
    photo: Option<&'a ImageView>,
    social: Option<&SocialImageView>,
) -> Vec<ld::ImageObject<'a>> {
    let photo = photo.filter(|_| !r.photo_too_small_to_share());
    let credit_text = photo.and_then(|p| p.credit.as_deref());
    let object = |url: String, width: Option<u32>, height: Option<u32>, caption: &str| {
        let caption = caption.to_string();
        ld::ImageObject { caption, credit_text, height, url, width }
    };
    let mut out = Vec::new();
    if let Some(p) = photo {
        let largest = r.main_photo().and_then(|set| set.largest());
        let url = largest.map_or_else(|| p.absolute_url.clone(), |l| c.absolute(&l.path));
        out.push(object(url, p.width, p.height, p.caption.as_deref().unwrap_or(&p.alt)));
    }
    let crops = match r.social_image {
        crate::photos::SocialImage::Card(_) => Vec::new(),
        _ => super::views::instagram_images(c, r),
    };
    for s in social.into_iter().chain(&crops) {
        if !out.iter().any(|o| o.url == s.url) {
            out.push(object(s.url.clone(), s.width, s.height, &s.alt));
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

    /// Found by a tester with Google's Rich Results Test: a 183-character title went whole
    /// into `headline`, over Google's 110.
    #[test]
    fn a_headline_over_google_s_limit_is_cut_after_a_word() {
        let title = "Kantor Wilayah Kementerian Agama Provinsi Bali Menggelar Rapat Koordinasi \
            Kehumasan dan Workshop Pengelolaan Media Sosial bagi Seluruh Pengelola Kehumasan \
            Kabupaten dan Kota se-Bali";
        let cut = headline(title);
        assert!(matches!(cut, Cow::Owned(_)));
        assert!(cut.chars().count() <= HEADLINE_CHARS, "{cut}");
        let kept = cut.strip_suffix('…').expect("ends with an ellipsis");
        assert!(title.starts_with(kept) && title[kept.len()..].starts_with(' '), "{cut}");
        // 110 characters exactly stay whole, and borrowed; 111 are cut.
        let exact = "é".repeat(HEADLINE_CHARS);
        assert!(matches!(headline(&exact), Cow::Borrowed(t) if t == exact));
        assert_eq!(headline(&format!("{exact}x")), format!("{}…", "é".repeat(109)));
        // Many-byte characters are never split, with or without spaces.
        for word in ["é", "🎉", "👍🏽", "ꦧꦭꦶ", "Bali"] {
            for spaced in [true, false] {
                let sep = if spaced { " " } else { "" };
                let title = vec![word; 80].join(sep);
                let cut = headline(&title);
                assert!(cut.chars().count() <= HEADLINE_CHARS, "{cut}");
                assert!(title.starts_with(cut.trim_end_matches('…')), "{cut}");
            }
        }
    }

    #[test]
    fn script_json_cannot_close_the_script() {
        let s = script_json(json!({"a": "</script><!-- & \u{2028}\u{2029}", "b": null, "c": []}));
        assert_eq!(s, r#"{"a":"\u003c/script\u003e\u003c!-- \u0026 \u2028\u2029"}"#);
        let back: Value = serde_json::from_str(&s).expect("still JSON");
        assert_eq!(back["a"], "</script><!-- & \u{2028}\u{2029}");
        assert_eq!(script_json(json!({"a": "b"})), r#"{"a":"b"}"#);
    }

    /// What `script_json` wrote before it escaped while serialising: the JSON text made first,
    /// then every special character in it replaced.
    fn script_json_before(value: &Value) -> String {
        let mut out = String::new();
        for c in value.to_string().chars() {
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

    #[test]
    fn script_json_escapes_as_it_did_when_it_replaced_after_serialising() {
        // 'è' ends in A8, and '₨' (U+20A8) in 82 A8, as U+2028 ends in 80 A8: neither is
        // escaped. Escapes at the start, the end, side by side, in keys and in nested values.
        let texts = [
            "",
            "plain",
            "\u{2028}",
            "a\u{2029}",
            "\u{2028}\u{2029}<>&",
            "è₨\u{2028}è",
            "Kopi & \"teh\"\n",
            "</script><!--",
            "\u{2029}x\u{2028}",
            "émoji 🎉 & <b>",
            "\\u2028 typed, not the character",
        ];
        for text in texts {
            let value = json!({ text: [text, { "k": text }], "n": 1.5, "t": true });
            assert_eq!(script_json_of(&value), script_json_before(&value), "{text:?}");
            assert_eq!(script_json_of(text), script_json_before(&Value::from(text)), "{text:?}");
            let back: Value = serde_json::from_str(&script_json_of(&value)).expect("still JSON");
            assert_eq!(back, value);
        }
    }
}
