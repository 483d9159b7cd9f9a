//! The typed data a theme's templates receive. Each struct here is serialised into the Tera
//! context under a fixed name (`site`, `release`, `listing`, `paginator`, ...), and the theme's
//! README documents every field. Keeping views separate from the model lets the model change
//! without breaking themes, and keeps templates free of logic.

use serde::Serialize;
use std::collections::BTreeMap;

/// The whole site, available in every template as `site`.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// The site's title, from `site.yaml`.
    pub title: String,
    /// The site's description, from `site.yaml` (may be empty).
    pub description: String,
    /// The language code, e.g. `id`.
    pub language: String,
    /// The absolute base URL, always ending in `/`: `https://example.go.id/humas/`.
    pub base_url: String,
    /// The path part of `base_url`, starting and ending in `/`: `/humas/`. Prefix every link.
    pub base_path: String,
    /// Link to the site's RSS feed.
    pub feed_url: String,
    /// Links to the index pages.
    pub units_url: String,
    pub tags_url: String,
    pub archive_url: String,
    /// Link to the search page (`/cari/`), when the site has search (`search:`): the header's
    /// search box sends its query there as `?q=`.
    pub search_url: Option<String>,
    /// Every unit, in the order of `site.yaml`'s keys (sorted).
    pub units: Vec<UnitView>,
    /// The standalone pages (about, contact), sorted by title.
    pub pages: Vec<LinkView>,
    /// The most used tags, most used first (at most 12), for navigation.
    pub top_tags: Vec<TagView>,
    /// The kinds of content that have releases, in the order of `kinds:` (see [`KindView`]).
    pub kinds: Vec<KindView>,
    /// The generator, e.g. `warta 0.1.0`.
    pub generator: String,
    /// The office's logo (`logo:` of site.yaml), a link, for the header: to its smaller file
    /// when it is a large photo ([`super::logos`]), which is what a page shows of it.
    pub logo: Option<String>,
    /// The logo's own file, a link, for a theme that shows it larger than an icon.
    pub logo_full: Option<String>,
    /// The theme colour (`theme_color:`, else the default theme's `#0a5c36`): the browser's bar.
    pub theme_color: String,
    /// The colours of the page when `site.yaml` sets `theme_color:`; `None`: the stylesheet's.
    pub colors: Option<ColorsView>,
    /// The icons warta draws from the logo or the title, and their manifest.
    pub icons: IconsView,
    /// The "Kontak Media" block (`contact:`), if the site has one.
    pub contact: Option<ContactView>,
    /// The office's own social accounts (`social:` of site.yaml), by channel, as profile URLs.
    pub social: BTreeMap<String, String>,
}

/// The page's colours from `theme_color:`: the accent, a darker one for hovers and borders, and
/// a pale one for backgrounds. Each keeps the WCAG AA contrast the accent has.
#[derive(Debug, Clone, Serialize)]
pub struct ColorsView {
    pub accent: String,
    pub accent_dark: String,
    pub accent_soft: String,
}

/// Links to the site's icons, at its root.
#[derive(Debug, Clone, Serialize)]
pub struct IconsView {
    /// `favicon.ico`, 32 px.
    pub favicon_url: String,
    /// `apple-touch-icon.png`, 180 px.
    pub touch_icon_url: String,
    /// `site.webmanifest`, which lists the 192 and 512 px icons.
    pub manifest_url: String,
}

/// `contact:` of site.yaml, with the links its values make.
#[derive(Debug, Clone, Serialize)]
pub struct ContactView {
    /// The office's name, or the site's title.
    pub name: String,
    /// The address, one item per line written.
    pub address: Vec<String>,
    pub phone: Option<String>,
    /// `tel:+62361…`: the first number of `phone`; none when it holds no number to dial.
    pub phone_url: Option<String>,
    pub whatsapp: Option<String>,
    /// `https://wa.me/62812…`.
    pub whatsapp_url: Option<String>,
    pub email: Option<String>,
    /// `mailto:…`.
    pub email_url: Option<String>,
    pub hours: Option<String>,
}

/// A unit (the office that issues releases).
#[derive(Debug, Clone, Serialize)]
pub struct UnitView {
    pub key: String,
    pub name: String,
    pub short: String,
    pub place: String,
    /// Link to the unit's listing page.
    pub url: String,
    pub feed_url: String,
    /// Logo URL, if the unit has one: its smaller file's, as [`SiteView::logo`].
    pub logo: Option<String>,
    /// The logo's own file, as [`SiteView::logo_full`].
    pub logo_full: Option<String>,
    /// Social accounts by channel (`x`, `facebook`, `instagram`, `youtube`, `tiktok`, `telegram`,
    /// `whatsapp`), each a URL; only the ones the unit has.
    pub social: BTreeMap<String, String>,
    /// Number of published releases.
    pub count: usize,
}

/// A kind of content (`berita`, `pengumuman`…) and its listing, `jenis/<key>/`: as `site.kinds`,
/// `item.kind` of a card, `release.kind` and `listing.content_kind`.
#[derive(Debug, Clone, Serialize)]
pub struct KindView {
    pub key: String,
    /// As `site.yaml`'s `kinds:` names it, or the theme's `kind_<key>` string: `Pengumuman`.
    pub name: String,
    /// Its listing and the listing's RSS feed; empty when it has none (its only releases are
    /// withdrawn).
    pub url: String,
    pub feed_url: String,
    /// Whether it is the first of `kinds:`, which releases without `kind:` have (`berita`).
    pub default: bool,
}

/// A tag.
#[derive(Debug, Clone, Serialize)]
pub struct TagView {
    pub name: String,
    pub slug: String,
    pub url: String,
    pub feed_url: String,
    pub count: usize,
}

/// A title and a link.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    pub title: String,
    pub url: String,
}

/// A date in every form a template needs.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// RFC 3339, for `<time datetime>`: `2023-05-15T09:00:00+08:00`.
    pub iso: String,
    /// `Senin, 15 Mei 2023`.
    pub long: String,
    /// `Senin, 15 Mei 2023 09.00 WITA` when the date has a time, otherwise as `long`.
    pub full: String,
    /// `15 Mei 2023`.
    pub short: String,
    /// Whether the source gave a time of day.
    pub has_time: bool,
}

/// A photo.
#[derive(Debug, Clone, Serialize)]
pub struct ImageView {
    /// The URL to use in pages (site-relative with the base path, or the author's absolute URL).
    pub url: String,
    /// The absolute URL, for meta tags and feeds.
    pub absolute_url: String,
    pub alt: String,
    pub caption: Option<String>,
    /// Pixel size, when the photo is a local file warta could read: of the largest size.
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// For a photo published in sizes: `url 480w, url 960w, …` in the original's format, and
    /// in WebP, for `srcset`; `url` is then the middle size.
    pub srcset: Option<String>,
    pub webp_srcset: Option<String>,
    /// The smallest size (for cards), in the original's format and in WebP (empty when the
    /// photo is not published in sizes), and the largest (what a click opens).
    pub small_url: String,
    pub small_webp_url: String,
    pub large_url: String,
    /// `Foto: Humas Bali`: shown under the photo and in JSON-LD.
    pub credit: Option<String>,
}

/// The image of a shared link (`og:image`, `twitter:image`, feeds): always a JPEG warta made, or
/// a photo warta does not process.
#[derive(Debug, Clone, Serialize)]
pub struct SocialImageView {
    /// Absolute.
    pub url: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// `image/jpeg`, when known.
    pub mime: Option<&'static str>,
    pub alt: String,
    /// Large enough for a large preview (`summary_large_image`).
    pub large: bool,
    /// Bytes, for an enclosure, when warta knows them before writing: never for a made image.
    pub length: Option<u64>,
}

/// An author.
#[derive(Debug, Clone, Serialize)]
pub struct AuthorView {
    pub initials: String,
    pub name: String,
}

/// Where a release stands at the build's moment. Only a preview build (`--drafts`,
/// `--future`) has releases that are not published: themes mark them with a banner.
#[derive(Debug, Clone, Serialize)]
pub struct PublicationView {
    /// `published`, `draft` or `scheduled` (an expired release is in no build).
    pub state: &'static str,
    /// False on a preview, which is in no feed or sitemap and asks not to be indexed.
    pub published: bool,
    /// When a scheduled release will be published.
    pub at: Option<DateView>,
}

/// A release as it appears in listings, related releases and feeds: no body.
#[derive(Debug, Clone, Serialize)]
pub struct SummaryView {
    pub title: String,
    pub url: String,
    pub date: DateView,
    pub publication: PublicationView,
    /// Shared by every release of the unit (and tag): a site has 10,000 summaries and a few
    /// units.
    pub unit: std::sync::Arc<UnitView>,
    pub kind: std::sync::Arc<KindView>,
    pub place: String,
    pub summary: String,
    pub image: Option<ImageView>,
    pub tags: Vec<std::sync::Arc<TagView>>,
}

/// A release on its own page, available as `release` in `release.html`.
#[derive(Debug, Clone, Serialize)]
pub struct ReleaseView<'a> {
    pub title: String,
    /// Site-relative link with the base path.
    pub url: String,
    /// Absolute URL (canonical).
    pub permalink: String,
    pub date: DateView,
    pub publication: PublicationView,
    pub updated: Option<DateView>,
    /// `Denpasar (Humas Bali)`: the theme need not print it, the content already starts with it.
    pub dateline: String,
    pub place: String,
    pub unit: &'a UnitView,
    pub kind: &'a KindView,
    pub authors: Vec<AuthorView>,
    /// The initials as printed after the last paragraph: `sn`, or `sn/ra` for several authors.
    pub initials: String,
    /// The editor's initials typed after the writer's at the body's end (`ed` of "(sn/ed)"),
    /// printed after them: `(sn/ed)`. Empty when none were typed.
    pub editor_initials: String,
    pub tags: Vec<std::sync::Arc<TagView>>,
    pub image: Option<ImageView>,
    /// The photos of the bundle shown nowhere else, in order, under the release.
    pub gallery: Vec<ImageView>,
    /// The lead, plain text.
    pub summary: String,
    /// The body as HTML (already safe to print: use `| safe`).
    pub content: &'a str,
    pub reading_minutes: u32,
    /// The next older and next newer release, site-wide.
    pub previous: Option<LinkView>,
    pub next: Option<LinkView>,
    /// Up to five releases sharing the most tags, nearest in time first among equals. Left
    /// empty for a theme none of whose templates can read it ([`super::reads`]).
    pub related: Vec<&'a SummaryView>,
    /// The related releases' cards (HTML from `partials/card.html` at heading level 3).
    pub related_cards: Vec<&'a str>,
    /// Share buttons (WhatsApp, Telegram, Facebook, X, Bluesky, Threads): plain links, each
    /// prefilled with that channel's caption. A preview has none.
    pub share: Vec<crate::social::ShareButton>,
    /// The release's permanent feed id.
    pub guid: &'a str,
    /// Its `social.json`, with the caption of every channel; none for a preview.
    pub social_url: Option<String>,
    /// Every channel's caption, to copy from the page ("Salin teks"); none for a preview.
    pub captions: Vec<CaptionView>,
    /// Documents beside the release (PDF, DOCX, XLSX, PPTX…), to list as attachments.
    pub attachments: Vec<AttachmentView>,
    /// Whether the body embeds a video (load the theme's `js/video.js`).
    pub has_video: bool,
    /// Corrections made in the open ("Ralat"), newest first.
    pub corrections: Vec<CorrectionView>,
    /// Why and when it was withdrawn: the page says so above everything else.
    pub withdrawn: Option<WithdrawnView>,
    /// Its verification code and how to check it; none for a preview.
    pub verification: Option<VerificationView>,
}

/// A correction of a release, as the "Ralat" block shows it.
#[derive(Debug, Clone, Serialize)]
pub struct CorrectionView {
    pub date: DateView,
    pub note: String,
    /// A typo: shown on the page, not announced in feeds.
    pub minor: bool,
}

/// A withdrawal, as the banner of a withdrawn release says it.
#[derive(Debug, Clone, Serialize)]
pub struct WithdrawnView {
    pub date: DateView,
    pub reason: String,
}

/// How a reader checks that a release is the office's own ([`crate::trust`]).
#[derive(Debug, Clone, Serialize)]
pub struct VerificationView {
    /// `KWB-7Q4M-2CXH`.
    pub code: String,
    /// The verification page with the code: `https://…/cek/?k=KWB-7Q4M-2CXH`.
    pub url: String,
    /// The QR code of `url`, an `<svg>` (print it with `| safe`).
    pub qr: String,
    /// The release's canonical text as a JSON string, safe inside a script element: the text
    /// the manifest's SHA-256 covers, for `<script type="application/json" id="warta-teks">`.
    pub text_json: String,
}

/// A channel's caption of a release, as the share block offers it to copy.
#[derive(Debug, Clone, Serialize)]
pub struct CaptionView {
    /// The channel's key: `x`, `bluesky`, …, `whatsapp` (the theme's `social_<key>` string names it).
    pub channel: &'static str,
    /// The channel's name: "X", "WhatsApp".
    pub label: &'static str,
    /// Ready to post, with its line breaks.
    pub text: String,
    /// Its length as the channel counts it, and the channel's limit (none: no limit).
    pub length: usize,
    pub limit: Option<usize>,
}

/// A document attached to a release.
#[derive(Debug, Clone, Serialize)]
pub struct AttachmentView {
    /// The file name, as the reader sees it: `Jadwal Manasik 2023.pdf`.
    pub name: String,
    /// Site-relative link with the base path (percent-encoded).
    pub url: String,
    /// The type in capitals: `PDF`, `DOCX`.
    pub kind: String,
    /// The size in bytes, and as people read it: `1,2 MB`, `340 KB`.
    pub bytes: u64,
    pub size: String,
}

/// A standalone page (about, contact), available as `page` in `page.html`.
#[derive(Debug, Clone, Serialize)]
pub struct PageView<'a> {
    pub title: String,
    pub url: String,
    pub permalink: String,
    pub content: &'a str,
}

/// Which listing a `list.html` page shows.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum ListingKind {
    Home,
    Unit,
    Tag,
    Month,
    /// The releases of one kind of content (`listing.content_kind`).
    Kind,
}

/// One page of a listing, available as `listing` in `list.html`.
#[derive(Debug, Clone, Serialize)]
pub struct ListingView<'a> {
    pub kind: ListingKind,
    /// The heading: the site title, the unit's name, the tag, or `Mei 2023`.
    pub title: String,
    /// The listing's first page.
    pub url: String,
    /// Absolute URL of this very page.
    pub permalink: String,
    /// Its RSS feed, for home, unit and tag listings.
    pub feed_url: Option<String>,
    pub unit: Option<&'a UnitView>,
    pub tag: Option<&'a TagView>,
    /// On a kind's listing, the kind.
    pub content_kind: Option<&'a KindView>,
    /// The releases of this page. Left empty for a theme none of whose templates can read it
    /// ([`super::reads`]).
    pub items: Vec<&'a SummaryView>,
    /// The items' cards (HTML from `partials/card.html` at heading level 2).
    pub cards: Vec<&'a str>,
    /// On the home page's first page, its newest release as the lead story, which `items`
    /// and `cards` then leave out.
    pub lead: Option<LeadView<'a>>,
    /// On the home page's first page, the strips of `home.strips` in site.yaml.
    pub strips: Vec<StripView<'a>>,
}

/// The lead story of the home page: the newest release with its whole first paragraph.
#[derive(Debug, Clone, Serialize)]
pub struct LeadView<'a> {
    pub item: &'a SummaryView,
    /// The first paragraph (or the summary written), plain text, uncut.
    pub lead: &'a str,
}

/// A strip of the home page: the newest releases of a unit or a tag.
#[derive(Debug, Clone, Serialize)]
pub struct StripView<'a> {
    /// The unit's short name, the tag, or `title:` of the strip in site.yaml.
    pub title: &'a str,
    /// The unit's or tag's listing.
    pub url: String,
    /// Cards at heading level 3.
    pub cards: Vec<&'a str>,
}

/// Where a listing page stands among its pages, available as `paginator`.
#[derive(Debug, Clone, Serialize)]
pub struct PaginatorView {
    /// 1-based.
    pub current: usize,
    pub total_pages: usize,
    pub total_items: usize,
    pub previous_url: Option<String>,
    pub next_url: Option<String>,
    pub first_url: String,
    pub last_url: String,
    /// A window of page links around the current one (at most 7), for numbered navigation.
    pub pages: Vec<PageLink>,
}

/// A numbered page link.
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

/// A year in the archive index, available as `archive.years` in `archive.html`.
#[derive(Debug, Clone, Serialize)]
pub struct ArchiveYear {
    pub year: i32,
    pub url: String,
    pub count: usize,
    pub months: Vec<ArchiveMonth>,
}

/// A month in the archive.
#[derive(Debug, Clone, Serialize)]
pub struct ArchiveMonth {
    pub year: i32,
    pub month: u32,
    /// `Mei 2023`.
    pub name: String,
    pub url: String,
    pub count: usize,
}

/// The archive index (`/arsip/`) or one year of it (`/arsip/2023/`), available as `archive`.
#[derive(Debug, Clone, Serialize)]
pub struct ArchiveView<'a> {
    /// Set on a year page.
    pub year: Option<i32>,
    pub url: String,
    pub years: Vec<&'a ArchiveYear>,
}

/// The search page (`/cari/`), available as `search`. The filters list what the index has:
/// published releases only.
#[derive(Debug, Clone, Serialize)]
pub struct SearchView {
    /// The index's first file (`/search/meta.json`), which `js/search.js` loads; the others are
    /// beside it.
    pub index_url: String,
    /// The units with a published release, by name.
    pub units: Vec<String>,
    /// The tags of published releases, by name, alphabetically.
    pub tags: Vec<String>,
    /// The years of published releases, newest first.
    pub years: Vec<i32>,
}
