//! `site.yaml` → a validated [`Config`]. Unknown keys are rejected with the file, line and key,
//! so a typo never silently does nothing; after this module nothing re-checks the config.

use crate::date::parse_offset;
use crate::error::ContentError;
use crate::links;
use crate::yaml;
use chrono::FixedOffset;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The social channels a unit may list.
pub const SOCIAL_CHANNELS: [&str; 10] = [
    "x",
    "facebook",
    "instagram",
    "youtube",
    "tiktok",
    "telegram",
    "whatsapp",
    "bluesky",
    "mastodon",
    "threads",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    /// The site's name where a long title does not fit: a phone's home screen.
    short: Option<String>,
    base_url: String,
    #[serde(default)]
    description: String,
    language: Option<String>,
    timezone: Option<String>,
    theme: Option<String>,
    per_page: Option<usize>,
    permalink: Option<String>,
    #[serde(default)]
    units: BTreeMap<String, RawUnit>,
    #[serde(default)]
    authors: BTreeMap<String, RawAuthor>,
    /// Overrides of the theme's UI strings.
    #[serde(default)]
    strings: BTreeMap<String, String>,
    feed_limit: Option<usize>,
    #[serde(default)]
    utm: Utm,
    max_tags: Option<usize>,
    max_release_bytes: Option<usize>,
    feed_full_text: Option<usize>,
    #[serde(default)]
    unsafe_html: bool,
    #[serde(default)]
    photos: RawPhotos,
    /// The photo of a shared link for releases without one of their own (a site path).
    image: Option<String>,
    /// The accounts the site-wide channel feeds post to.
    #[serde(default)]
    social: Social,
    /// Hashtags every caption carries on the channels that take hashtags.
    #[serde(default)]
    hashtags: Vec<String>,
    /// What an Instagram caption says instead of its unclickable link.
    instagram_link: Option<String>,
    /// Captions link `/s/<code>/?<channel>` pages that redirect to the release.
    #[serde(default)]
    short_links: bool,
    /// A search page (`/cari/`) and its index; on unless `search: false`.
    search: Option<bool>,
    /// The kinds of content (`kind:` of a release), in the order written; the first is the
    /// default. A value is the kind's name; none: the theme's (`kind_<key>` of its strings).
    kinds: Option<indexmap::IndexMap<String, Option<String>>>,
    /// The office's logo (a site path such as `/img/logo.png`): the header's, and the icons'.
    logo: Option<String>,
    /// The colour of the header, links and icons, and of the browser's bar: `#0a5c36`.
    theme_color: Option<String>,
    /// The "Kontak Media" block of every page's footer.
    contact: Option<Contact>,
    /// The home page's strips of releases, per unit or tag, under the newest.
    #[serde(default)]
    home: Home,
    /// Where `warta deploy` sends the site.
    deploy: Option<crate::deploy::target::RawDeploy>,
    /// Verification codes and the office's public key.
    trust: Option<crate::trust::RawTrust>,
}

/// `contact:`: how journalists reach the press office, in every page's footer ("Kontak Media").
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// The office's name, if not the site's title.
    pub name: Option<String>,
    /// The postal address, on as many lines as written.
    pub address: Option<String>,
    pub phone: Option<String>,
    /// A WhatsApp number for the press (`+62 812…`), linked to `wa.me`.
    pub whatsapp: Option<String>,
    pub email: Option<String>,
    /// Office hours: `Senin–Jumat, 08.00–16.00 WITA`.
    pub hours: Option<String>,
}

/// `home:`: what the home page shows under the newest releases.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields)]
pub struct Home {
    /// A strip of the newest releases of each, in this order: `{unit: man-1-denpasar}`,
    /// `{tag: haji}`, with an optional `title:`.
    #[serde(default)]
    pub strips: Vec<Strip>,
}

/// One strip of the home page: the newest releases of a unit or of a tag.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields)]
pub struct Strip {
    pub unit: Option<String>,
    pub tag: Option<String>,
    /// The heading; without it the unit's short name or the tag.
    pub title: Option<String>,
}

/// `photos:` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhotos {
    widths: Option<Vec<u32>>,
    quality: Option<u8>,
    max_megapixels: Option<u32>,
}

/// About as many characters as a phone's home screen shows under an icon before it cuts the
/// name (Lighthouse warned past 12).
pub const SHORT_NAME_CHARS: usize = 12;

/// Tags a release may carry unless `max_tags` says otherwise: every tag is a listing page and
/// three feeds that carry the release, so a release's cost grows with its tags.
pub const MAX_TAGS: usize = 50;
/// The largest release file unless `max_release_bytes` says otherwise: 2 MB of Markdown, a
/// hundred times a long release, so a pasted table or a wrong file fails early.
pub const MAX_RELEASE_BYTES: usize = 2 << 20;
/// The largest body (HTML) a feed item carries in full unless `feed_full_text` says otherwise;
/// past it the item carries the lead and a link. A long release with a table is 30 KB of HTML;
/// 64 KB leaves it room while a feed of 20 items stays under 1.3 MB, which cross-posting
/// services and feed readers fetch without complaint.
pub const FEED_FULL_TEXT: usize = 64 << 10;

/// The kinds of content when `site.yaml` lists none: `berita` (the default), `pengumuman`,
/// `artikel`, `agenda`, named by the theme's strings.
pub const KINDS: [&str; 4] = ["berita", "pengumuman", "artikel", "agenda"];

/// A kind of content (`kind:` of a release): news, an announcement, an article, an event.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ContentKind {
    /// A safe path segment: the kind's listing is `jenis/<key>/`.
    pub key: String,
    /// The name `site.yaml` gives it; `None`: the theme's `kind_<key>` string.
    pub name: Option<String>,
}

/// The UTM parameters added to share links (never to canonical URLs).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields, default)]
pub struct Utm {
    /// Whether share links carry UTM parameters at all.
    pub enabled: bool,
    /// `utm_medium`.
    pub medium: String,
    /// `utm_campaign`; `{unit}`, `{slug}` and `{year}` are replaced.
    pub campaign: String,
}

impl Default for Utm {
    fn default() -> Self {
        Utm { enabled: true, medium: "social".to_string(), campaign: "{unit}".to_string() }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnit {
    name: String,
    short: String,
    place: String,
    logo: Option<String>,
    #[serde(default)]
    social: Social,
    #[serde(default)]
    hashtags: Vec<String>,
    instagram_link: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
}

/// A unit's (or the site's) social accounts: profile URLs, or an `@handle` for X, Instagram,
/// Threads, Bluesky (`@name.bsky.social`) and Mastodon (`@name@instance`).
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields)]
pub struct Social {
    pub x: Option<String>,
    pub facebook: Option<String>,
    pub instagram: Option<String>,
    pub youtube: Option<String>,
    pub tiktok: Option<String>,
    pub telegram: Option<String>,
    pub whatsapp: Option<String>,
    pub bluesky: Option<String>,
    pub mastodon: Option<String>,
    pub threads: Option<String>,
}

impl Social {
    /// Every account as written, by channel key, in [`SOCIAL_CHANNELS`] order.
    fn all(&self) -> [(&'static str, &Option<String>); 10] {
        [
            ("x", &self.x),
            ("facebook", &self.facebook),
            ("instagram", &self.instagram),
            ("youtube", &self.youtube),
            ("tiktok", &self.tiktok),
            ("telegram", &self.telegram),
            ("whatsapp", &self.whatsapp),
            ("bluesky", &self.bluesky),
            ("mastodon", &self.mastodon),
            ("threads", &self.threads),
        ]
    }

    /// The accounts the unit has, by channel name, with handles turned into profile URLs.
    pub fn links(&self) -> BTreeMap<String, String> {
        self.all()
            .into_iter()
            .filter_map(|(k, v)| {
                let v = v.as_deref()?.trim();
                let url = match v.strip_prefix('@') {
                    Some(handle) => profile_url(k, handle)?,
                    None => v.to_string(),
                };
                (!url.is_empty()).then(|| (k.to_string(), url))
            })
            .collect()
    }

    /// The account's `@handle` on a channel where posts mention accounts by handle: X,
    /// Instagram, Threads (the Instagram account's, unless `threads` is set), Bluesky and
    /// Mastodon (`@name@instance`). `None` where the account is missing or not recognisable.
    pub fn handle(&self, channel: crate::channels::Channel) -> Option<String> {
        use crate::channels::Channel;
        let of = |v: &Option<String>, hosts: &[&str], path: &str, valid: fn(&str) -> bool| {
            handle_of(v.as_deref()?, hosts, path, valid)
        };
        fn plain(c: char) -> bool {
            c.is_ascii_alphanumeric() || c == '_'
        }
        fn insta(n: &str) -> bool {
            n.chars().all(|c| plain(c) || c == '.')
        }
        match channel {
            Channel::X => of(&self.x, &["x.com", "twitter.com", "mobile.twitter.com"], "", |n| {
                n.chars().all(plain)
            }),
            Channel::Instagram => of(&self.instagram, &["instagram.com"], "", insta),
            Channel::Threads => of(&self.threads, &["threads.net", "threads.com"], "@", insta)
                .or_else(|| self.handle(Channel::Instagram)),
            Channel::Bluesky => of(&self.bluesky, &["bsky.app"], "profile/", |n| {
                n.contains('.') && n.chars().all(|c| c.is_ascii_alphanumeric() || ".-".contains(c))
            }),
            Channel::Mastodon => {
                let raw = self.mastodon.as_deref()?.trim();
                let (user, instance) = match raw.strip_prefix('@') {
                    Some(h) => h.split_once('@')?,
                    None => {
                        let rest = raw.strip_prefix("https://")?;
                        let (instance, path) = rest.split_once('/')?;
                        (path.strip_prefix('@')?.split(['/', '?', '#']).next()?, instance)
                    }
                };
                let ok = !user.is_empty()
                    && user.chars().all(plain)
                    && instance.contains('.')
                    && instance.chars().all(|c| c.is_ascii_alphanumeric() || ".-".contains(c));
                ok.then(|| format!("@{user}@{instance}"))
            }
            _ => None,
        }
    }
}

/// The profile URL of an `@handle` written for channel `key`; `None` for a channel whose
/// handles are not written so (the value is then taken as a URL).
fn profile_url(key: &str, handle: &str) -> Option<String> {
    Some(match key {
        "x" => format!("https://x.com/{handle}"),
        "instagram" => format!("https://www.instagram.com/{handle}"),
        "threads" => format!("https://www.threads.net/@{handle}"),
        "tiktok" => format!("https://www.tiktok.com/@{handle}"),
        "youtube" => format!("https://www.youtube.com/@{handle}"),
        "telegram" => format!("https://t.me/{handle}"),
        "bluesky" => format!("https://bsky.app/profile/{handle}"),
        "mastodon" => {
            let (user, instance) = handle.split_once('@')?;
            format!("https://{instance}/@{user}")
        }
        _ => return None,
    })
}

/// `@name` from `@name` or `name`, or from a profile URL on one of `hosts` whose path is `prefix` and the
/// name; `None` when the name is not `valid`.
fn handle_of(raw: &str, hosts: &[&str], prefix: &str, valid: fn(&str) -> bool) -> Option<String> {
    let raw = raw.trim();
    let name = match raw.strip_prefix('@') {
        Some(name) => name,
        None if !raw.contains('/') => raw,
        None => {
            let rest = raw.strip_prefix("https://").or_else(|| raw.strip_prefix("http://"))?;
            let rest = rest.strip_prefix("www.").unwrap_or(rest);
            let (host, path) = rest.split_once('/')?;
            if !hosts.contains(&host.to_ascii_lowercase().as_str()) {
                return None;
            }
            path.strip_prefix(prefix)?.split(['/', '?', '#']).next()?
        }
    };
    (!name.is_empty() && valid(name)).then(|| format!("@{name}"))
}

/// What an Instagram caption says where other channels put the link, which Instagram does not
/// make clickable (`instagram_link:` of the unit, else of the site).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum InstagramLink {
    /// The theme's words (`link_in_bio`: "Tautan ada di bio"): the default.
    #[default]
    Bio,
    /// The URL itself, after the theme's `read_more` words (`instagram_link: url`).
    Url,
    /// These words.
    Words(String),
}

impl InstagramLink {
    fn parse(raw: Option<&str>) -> Option<InstagramLink> {
        let raw = raw?.trim();
        Some(match raw {
            "bio" => InstagramLink::Bio,
            "url" => InstagramLink::Url,
            words => InstagramLink::Words(words.to_string()),
        })
    }
}

/// Hashtags as `site.yaml` lists them (`KemenagBali` or `#KemenagBali`), each checked.
fn hashtags(field: &str, raw: &[String], fail: &mut impl FnMut(&str, String)) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for tag in raw {
        let bare = tag.trim().trim_start_matches('#');
        match crate::social::hashtag(bare) {
            // As written, case and all, when it is one word already.
            Some(h) if h[1..].to_lowercase() == bare.to_lowercase() => {
                let h = format!("#{bare}");
                if !out.iter().any(|t| t.to_lowercase() == h.to_lowercase()) {
                    out.push(h);
                }
            }
            _ => fail(
                field,
                format!(
                    "{tag:?} is not a hashtag: write letters, digits and _ only, with at least \
                     one letter, e.g. KemenagBali"
                ),
            ),
        }
    }
    out
}

/// A writer of `authors:`, with fields (`sn: {name: Sri Nadi}`) or as a writer's name is
/// written, on its own (`sn: Sri Nadi`), which was an error that said only "expected fields".
#[derive(Debug)]
struct RawAuthor {
    name: String,
}

impl<'de> Deserialize<'de> for RawAuthor {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Fields {
            name: String,
        }
        struct Name;
        impl<'de> serde::de::Visitor<'de> for Name {
            type Value = RawAuthor;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a name (sn: Sri Nadi), or fields (sn: {name: Sri Nadi})")
            }
            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<RawAuthor, E> {
                Ok(RawAuthor { name: name.to_string() })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<RawAuthor, A::Error> {
                let fields =
                    Fields::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(RawAuthor { name: fields.name })
            }
        }
        d.deserialize_any(Name)
    }
}

/// The office that issues a release.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Unit {
    pub key: String,
    pub name: String,
    pub short: String,
    pub place: String,
    pub logo: Option<String>,
    /// The line of the unit's `logo:` in site.yaml, for an error about its file.
    pub logo_line: Option<usize>,
    pub social: Social,
    /// Hashtags every caption of the unit carries, after the site's (`hashtags:`).
    pub hashtags: Vec<String>,
    /// `instagram_link:`; `None`: the site's.
    pub instagram_link: Option<InstagramLink>,
    /// Former keys of the unit (`aliases:`): each `unit/<alias>/` redirects to its page.
    pub aliases: Vec<String>,
    /// The line of the unit's `aliases:` in site.yaml, for an error about one of them.
    pub aliases_line: Option<usize>,
}

/// The validated site configuration.
#[derive(Debug, Clone, Hash)]
pub struct Config {
    /// The line of `units:` in site.yaml, for a note about the units.
    pub units_line: Option<usize>,
    pub title: String,
    /// `short:`, the site's name where the title does not fit (the label under its icon on a
    /// phone's home screen, `short_name` of `site.webmanifest`); `None`: not given, see
    /// [`Config::short_name`].
    pub short: Option<String>,
    /// Always ends in `/`.
    pub base_url: String,
    /// The path of `base_url`, starting and ending in `/`.
    pub base_path: String,
    pub description: String,
    pub language: String,
    pub timezone: FixedOffset,
    pub theme: String,
    pub per_page: usize,
    pub permalink: Permalink,
    pub units: BTreeMap<String, Unit>,
    /// Initials → full name.
    pub authors: BTreeMap<String, String>,
    pub strings: BTreeMap<String, String>,
    /// How many items each feed carries.
    pub feed_limit: usize,
    pub utm: Utm,
    /// The most tags a release may carry (`max_tags`).
    pub max_tags: usize,
    /// The largest release file, in bytes (`max_release_bytes`).
    pub max_release_bytes: usize,
    /// The largest body, in bytes of HTML, a feed item carries in full (`feed_full_text`).
    pub feed_full_text: usize,
    /// Raw HTML in Markdown passes through unsanitised (`unsafe_html: true`).
    pub unsafe_html: bool,
    /// How photos are published (`photos:`).
    pub photos: crate::photos::Settings,
    /// `base_url` as `site.yaml` gives it. `warta serve` points `base_url` at itself; the
    /// drawn cards print this one (its host, and the verification link in their QR code), so
    /// the cards it shows are the published ones, and the photo cache it shares with `warta
    /// build` holds one card per release, not one per server.
    pub public_url: String,
    /// The site path of the photo shared links show for a release without one (`image:`);
    /// without it, such a release gets a card drawn from the theme's `social-card.svg`.
    pub image: Option<String>,
    /// The accounts the site-wide channel feeds post to (`social:`): a unit's account that is
    /// one of these is not mentioned in captions, which would mention the poster itself.
    pub social: Social,
    /// Hashtags every caption carries (`hashtags:`), on channels that take hashtags.
    pub hashtags: Vec<String>,
    /// `instagram_link:`, for units that set none.
    pub instagram_link: InstagramLink,
    /// Captions carry a short link (`s/6q1dy/?bs`) whose page redirects to the release with
    /// the UTM parameters (`short_links:`; [`crate::model::short`]).
    pub short_links: bool,
    /// The site has a search page and its index (`search:`, on by default;
    /// [`crate::render::search`]), when its theme has a `search.html`.
    pub search: bool,
    /// The kinds of content (`kinds:`), never empty; the first is a release's without `kind:`.
    pub kinds: Vec<ContentKind>,
    /// The office's logo as written (`logo:`): a site path or an absolute URL.
    pub logo: Option<String>,
    /// The line of `logo:` in site.yaml, for an error about its file.
    pub logo_line: Option<usize>,
    /// `theme_color:` as `#rrggbb`, dark enough for white text on it; `None`: the theme's.
    pub theme_color: Option<String>,
    /// `contact:`; `None`: the footer has no "Kontak Media" block.
    pub contact: Option<Contact>,
    /// `home:`.
    pub home: Home,
    /// `deploy:`: where `warta deploy` sends the site; `None`: it asks for `deploy:`.
    pub deploy: Option<crate::deploy::Target>,
    /// `trust:`: the verification codes' prefix and the office's public key.
    pub trust: crate::trust::Trust,
}

/// The URLs of the site, built by [`crate::links`] from `base_url`.
impl Config {
    /// The fingerprint of everything that makes the built site, which is all of it but
    /// `deploy:`: where the site goes does not change what it is, and `warta deploy` takes a
    /// `site.yaml` edited only there as the one the output was built from.
    pub fn site_key(&self) -> crate::fingerprint::Fp {
        let mut site = self.clone();
        site.deploy = None;
        crate::fingerprint::Fp::of(&site)
    }

    /// The site's name where its title does not fit: `short:`, else the title when it fits
    /// under an icon on a phone's home screen ([`SHORT_NAME_CHARS`]), else the short name of
    /// the site's only unit (the office's name in its datelines, `Humas Bali`), else the title
    /// (a phone cuts it; `short:` is the cure).
    pub fn short_name(&self) -> &str {
        if let Some(short) = &self.short {
            return short;
        }
        if self.title.chars().count() <= SHORT_NAME_CHARS {
            return &self.title;
        }
        match self.units.values().collect::<Vec<_>>()[..] {
            [only] => &only.short,
            _ => &self.title,
        }
    }

    /// The warning of a `site.yaml` (`path`, its `text`) without `short:` whose name under the
    /// site's icon ([`Config::short_name`]) is longer than a phone's home screen shows: the
    /// title of a site of several units, or its only unit's long short name. At `title:`'s line.
    pub fn short_name_warning(&self, path: &Path, text: &str) -> Option<ContentError> {
        let name = self.short_name();
        let n = name.chars().count();
        if self.short.is_some() || n <= SHORT_NAME_CHARS {
            return None;
        }
        let which = match name == self.title {
            true => format!("the title ({n} characters)"),
            false => format!("the only unit's short name, {name:?} ({n} characters),"),
        };
        let message = format!(
            "{which} is the site's name under its icon on a phone's home screen (short_name of \
             site.webmanifest), which shows about {SHORT_NAME_CHARS} characters and cuts the \
             rest: add short: to site.yaml with a name of up to {SHORT_NAME_CHARS}, such as \
             short: Humas Bali"
        );
        let line = crate::front_matter::key_line(text, "title", 1);
        Some(ContentError::new(path, message).at_line(line))
    }

    /// The host of `base_url`: `humas.example.go.id`.
    pub fn host(&self) -> String {
        links::host(&self.base_url)
    }

    /// The published address when it is still an example one, as `warta init` writes it
    /// (`https://humas.example.go.id/`): a host with an `example` part, which no office owns
    /// (example.com, .org and .net are reserved for examples, RFC 2606). Every shared link,
    /// feed and the sitemap of a site built so points there.
    pub fn example_address(&self) -> Option<&str> {
        let host = self.public_host();
        host.split('.')
            .any(|part| part.eq_ignore_ascii_case("example"))
            .then_some(&*self.public_url)
    }

    /// The unit whose key is `key`, or that had it before (its `aliases`): a release written
    /// before the unit's key changed is still the unit's.
    pub fn unit(&self, key: &str) -> Option<&Unit> {
        self.units
            .get(key)
            .or_else(|| self.units.values().find(|u| u.aliases.iter().any(|a| a == key)))
    }

    /// The host of the published site ([`Config::public_url`]), even under `warta serve`.
    pub fn public_host(&self) -> String {
        links::host(&self.public_url)
    }

    /// The absolute URL of a site path like `2023/05/slug/`.
    pub fn absolute(&self, path: &str) -> String {
        links::absolute(&self.base_url, path)
    }

    /// A URL written in `site.yaml` or front matter as a page links it: an absolute URL stays,
    /// anything else is a site path (`/img/logo.png` or `img/logo.png`).
    pub fn link_to(&self, url: &str) -> String {
        if links::is_absolute_url(url) {
            url.to_string()
        } else {
            self.link(url)
        }
    }

    /// The same URL made absolute, for feeds and meta tags.
    pub fn absolute_to(&self, url: &str) -> String {
        if links::is_absolute_url(url) {
            url.to_string()
        } else {
            self.absolute(url)
        }
    }

    /// The site-relative link of a site path, with the base path: `/humas/2023/05/slug/`.
    pub fn link(&self, path: &str) -> String {
        links::link(&self.base_path, path)
    }

    /// The absolute URL of a release's site path as shared on a channel (`source`), with the
    /// UTM parameters `site.yaml` sets (none when they are off).
    pub fn share_link(
        &self,
        path: &str,
        unit: &str,
        slug: &str,
        year: i32,
        source: &str,
    ) -> String {
        let url = self.absolute(path);
        if !self.utm.enabled {
            return url;
        }
        let campaign = links::campaign(&self.utm.campaign, unit, slug, year);
        links::with_utm(&url, source, &self.utm.medium, &campaign)
    }
}

/// The shape of a release's URL: `/:year/:month/:slug/`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Permalink {
    segments: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Segment {
    Literal(String),
    Year,
    Month,
    Day,
    Slug,
    Unit,
}

/// The values a permalink is filled with; all are already safe path segments.
#[derive(Debug, Clone, Copy)]
pub struct PermalinkValues<'a> {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub slug: &'a str,
    pub unit: &'a str,
}

impl Permalink {
    /// Parses a pattern; it must contain `:slug` and may use `:year`, `:month`, `:day`, `:unit`.
    pub fn parse(pattern: &str) -> Result<Permalink, String> {
        let mut segments = Vec::new();
        for part in pattern.split('/').filter(|p| !p.is_empty()) {
            segments.push(match part {
                ":year" => Segment::Year,
                ":month" => Segment::Month,
                ":day" => Segment::Day,
                ":slug" => Segment::Slug,
                ":unit" => Segment::Unit,
                p if p.starts_with(':') => {
                    return Err(format!(
                        "unknown placeholder '{p}'; use :year, :month, :day, :slug or :unit"
                    ))
                }
                p if crate::slug::is_safe_segment(p) => Segment::Literal(p.to_string()),
                p => return Err(format!("'{p}' is not a safe path segment (use a-z, 0-9 and -)")),
            });
        }
        if !segments.contains(&Segment::Slug) {
            return Err("must contain :slug, e.g. /:year/:month/:slug/".to_string());
        }
        Ok(Permalink { segments })
    }

    /// The site path, like `2023/05/workshop/` (no leading slash, a trailing one).
    pub fn expand(&self, v: &PermalinkValues<'_>) -> String {
        let mut out = String::new();
        for s in &self.segments {
            match s {
                Segment::Literal(l) => out.push_str(l),
                Segment::Year => out.push_str(&format!("{:04}", v.year)),
                Segment::Month => out.push_str(&format!("{:02}", v.month)),
                Segment::Day => out.push_str(&format!("{:02}", v.day)),
                Segment::Slug => out.push_str(v.slug),
                Segment::Unit => out.push_str(v.unit),
            }
            out.push('/');
        }
        out
    }
}

/// `photos:` checked, with the defaults for what it leaves out.
fn photo_settings(raw: RawPhotos, fail: &mut impl FnMut(&str, String)) -> crate::photos::Settings {
    let mut settings = crate::photos::Settings::default();
    if let Some(mut widths) = raw.widths {
        widths.sort_unstable();
        widths.dedup();
        match widths.first() {
            None => fail("photos.widths", "list at least one width, e.g. [480, 960, 1600]".into()),
            Some(&w) if w < 16 || widths.last().is_some_and(|&w| w > 8192) => fail(
                "photos.widths",
                format!("widths are pixels from 16 to 8192, e.g. [480, 960, 1600]; got {w}"),
            ),
            Some(_) => settings.widths = widths,
        }
    }
    if let Some(q) = raw.quality {
        if (1..=100).contains(&q) {
            settings.quality = q;
        } else {
            fail("photos.quality", format!("expected 1 to 100 (80 is good for photos), got {q}"));
        }
    }
    if let Some(mp) = raw.max_megapixels {
        if (1..=1000).contains(&mp) {
            settings.max_pixels = u64::from(mp) * 1_000_000;
        } else {
            fail("photos.max_megapixels", format!("expected 1 to 1000, got {mp}"));
        }
    }
    settings
}

/// Parses and validates `site.yaml`; `path` is only used in errors.
pub fn parse(path: &Path, text: &str) -> Result<Config, Vec<ContentError>> {
    let error = |e: yaml::YamlError| {
        let mut err = ContentError::new(path, e.message).at_line(e.line);
        err.field = e.field;
        err
    };
    let raw: RawConfig = yaml::parse(text).map_err(|first| {
        // Every mistake at once, and what the checks of the other fields find.
        let found = yaml::recover(text, first, yaml::parse::<RawConfig>);
        let mut errors: Vec<ContentError> = found.errors.iter().cloned().map(error).collect();
        if found.more {
            errors
                .push(ContentError::new(path, "more mistakes may follow: fix these and try again"));
        }
        let rest = found.rest.as_deref().map(|rest| (rest, yaml::parse::<RawConfig>(rest)));
        if let Some((rest, Ok(raw))) = rest {
            if let Err(more) = validate(path, rest, raw) {
                errors.extend(more.into_iter().filter(|e| found.is_own(text, e.field.as_deref())));
                errors.sort_by_key(|e| e.line);
            }
        }
        errors
    })?;
    validate(path, text, raw)
}

fn validate(path: &Path, text: &str, raw: RawConfig) -> Result<Config, Vec<ContentError>> {
    let mut errors = Vec::new();
    let mut fail = |field: &str, message: String| {
        errors.push(
            ContentError::new(path, message)
                .at_line(crate::front_matter::field_line(text, field, 1))
                .field(field),
        );
    };
    let (base_url, base_path) = match links::split_base_url(&raw.base_url) {
        Ok(v) => v,
        Err(m) => {
            fail("base_url", m);
            (String::new(), String::from("/"))
        }
    };
    let timezone = raw.timezone.as_deref().unwrap_or("+08:00");
    let timezone = parse_offset(timezone).unwrap_or_else(|| {
        let message =
            format!("expected WIB, WITA, WIT or an offset such as \"+08:00\", got {timezone:?}");
        fail("timezone", message);
        FixedOffset::east_opt(8 * 3600).expect("+08:00 is a valid offset")
    });
    let per_page = raw.per_page.unwrap_or(10);
    if per_page == 0 {
        fail("per_page", "must be at least 1".to_string());
    }
    let pattern = raw.permalink.as_deref().unwrap_or("/:year/:month/:slug/");
    let permalink = Permalink::parse(pattern).unwrap_or_else(|m| {
        fail("permalink", m);
        Permalink { segments: vec![Segment::Slug] }
    });
    let theme = raw.theme.unwrap_or_else(|| "default".to_string());
    if !crate::slug::is_safe_segment(&theme) {
        fail("theme", format!("expected a theme folder name like 'default', got {theme:?}"));
    }
    let mut units = BTreeMap::new();
    let raw_keys: std::collections::BTreeSet<String> = raw.units.keys().cloned().collect();
    let mut aliased: BTreeMap<String, String> = BTreeMap::new();
    for (key, u) in raw.units {
        if !crate::slug::is_safe_segment(&key) {
            fail(&format!("units.{key}"), "a unit key must use only a-z, 0-9 and -".to_string());
        }
        for (name, value) in [("name", &u.name), ("short", &u.short), ("place", &u.place)] {
            if value.trim().is_empty() {
                fail(&format!("units.{key}.{name}"), "must not be empty".to_string());
            }
        }
        let links = u.social.all().into_iter().map(|(k, v)| (format!("social.{k}"), v));
        for (name, value) in std::iter::once(("logo".to_string(), &u.logo)).chain(links) {
            check_link(&format!("units.{key}.{name}"), value, &mut fail);
        }
        let hashtags = hashtags(&format!("units.{key}.hashtags"), &u.hashtags, &mut fail);
        let logo_line = crate::front_matter::field_line(text, &format!("units.{key}.logo"), 1);
        let aliases_line =
            crate::front_matter::field_line(text, &format!("units.{key}.aliases"), 1);
        for alias in &u.aliases {
            let field = format!("units.{key}.aliases");
            if !crate::slug::is_safe_segment(alias) {
                fail(&field, format!("{alias:?}: a former key uses only a-z, 0-9 and -"));
            } else if raw_keys.contains(alias.as_str()) {
                fail(
                    &field,
                    format!(
                        "{alias:?} is the key of a unit; a unit's aliases are keys it had before"
                    ),
                );
            } else if let Some(other) = aliased.insert(alias.clone(), key.clone()) {
                fail(&field, format!("{alias:?} is also an alias of unit {other}; an old address can lead to one unit only"));
            }
        }
        units.insert(
            key.clone(),
            Unit {
                key,
                name: u.name,
                short: u.short,
                place: u.place,
                logo: u.logo,
                logo_line,
                social: u.social,
                hashtags,
                instagram_link: InstagramLink::parse(u.instagram_link.as_deref()),
                aliases: u.aliases,
                aliases_line,
            },
        );
    }
    if units.is_empty() {
        fail("units", "list at least one unit (the office that issues releases)".to_string());
    }
    let short = raw.short.map(|s| s.trim().to_string());
    if short.as_ref().is_some_and(String::is_empty) {
        fail("short", "must not be empty; leave short: out for the title".to_string());
    }
    let authors = raw.authors.into_iter().map(|(k, a)| (k, a.name)).collect();
    let feed_limit = raw.feed_limit.unwrap_or(20);
    if feed_limit == 0 {
        fail("feed_limit", "must be at least 1".to_string());
    }
    let max_tags = raw.max_tags.unwrap_or(MAX_TAGS);
    let max_release_bytes = raw.max_release_bytes.unwrap_or(MAX_RELEASE_BYTES);
    if max_release_bytes == 0 {
        fail("max_release_bytes", "must be at least 1".to_string());
    }
    let photos = photo_settings(raw.photos, &mut fail);
    let site_hashtags = hashtags("hashtags", &raw.hashtags, &mut fail);
    for (k, v) in raw.social.all() {
        check_link(&format!("social.{k}"), v, &mut fail);
    }
    if let Some(scheme) = raw.image.as_deref().and_then(forbidden_scheme) {
        fail(
            "image",
            format!("expected a photo of the site such as /img/foto.jpg, not {scheme:?}"),
        );
    }
    let kinds = content_kinds(raw.kinds, &mut fail);
    check_link("logo", &raw.logo, &mut fail);
    let theme_color = raw.theme_color.as_deref().and_then(|c| match theme_color(c) {
        Ok(c) => Some(c),
        Err(m) => {
            fail("theme_color", m);
            None
        }
    });
    let contact = raw.contact.map(|c| trimmed_contact(c, &mut fail));
    let deploy = raw.deploy.and_then(|d| crate::deploy::target::parse(d, &mut fail));
    let trust = crate::trust::parse(raw.trust, &links::host(&base_url), &mut fail);
    for (n, strip) in raw.home.strips.iter().enumerate() {
        let field = format!("home.strips.{n}");
        match (&strip.unit, &strip.tag) {
            (Some(unit), None) if !units.contains_key(unit) => {
                let known = units.keys().cloned().collect::<Vec<_>>().join(", ");
                fail(&field, format!("unknown unit {unit:?} (known: {known})"));
            }
            (Some(_), None) | (None, Some(_)) => {}
            _ => fail(&field, "give either unit: or tag:, e.g. {tag: haji}".to_string()),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Config {
        units_line: crate::front_matter::field_line(text, "units", 1),
        public_url: base_url.clone(),
        title: raw.title,
        short,
        base_url,
        base_path,
        description: raw.description,
        language: raw.language.unwrap_or_else(|| "id".to_string()),
        timezone,
        theme,
        per_page,
        permalink,
        units,
        authors,
        strings: raw.strings,
        feed_limit,
        utm: raw.utm,
        max_tags,
        max_release_bytes,
        feed_full_text: raw.feed_full_text.unwrap_or(FEED_FULL_TEXT),
        unsafe_html: raw.unsafe_html,
        photos,
        image: raw.image.map(|i| i.trim().to_string()).filter(|i| !i.is_empty()),
        social: raw.social,
        hashtags: site_hashtags,
        instagram_link: InstagramLink::parse(raw.instagram_link.as_deref()).unwrap_or_default(),
        short_links: raw.short_links,
        search: raw.search.unwrap_or(true),
        kinds,
        logo: raw.logo.map(|l| l.trim().to_string()).filter(|l| !l.is_empty()),
        logo_line: crate::front_matter::key_line(text, "logo", 1),
        theme_color,
        contact,
        home: raw.home,
        deploy,
        trust,
    })
}

/// `theme_color:` as `#rrggbb` in lower case, from `#rgb` or `#rrggbb`; refused when white text
/// on it (the header) or it as text on white (links) would be hard to read.
fn theme_color(raw: &str) -> Result<String, String> {
    let hex = raw.trim().strip_prefix('#').unwrap_or(raw.trim()).to_ascii_lowercase();
    let full = match hex.len() {
        3 => hex.chars().flat_map(|c| [c, c]).collect(),
        _ => hex,
    };
    if full.len() != 6 || !full.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(format!("expected a colour written #rrggbb, e.g. \"#0a5c36\", got {raw:?}"));
    }
    let colour = format!("#{full}");
    let ratio = contrast_with_white(&colour);
    // WCAG AA asks 4.5:1; links in the colour also sit on its pale tint (hovers, the lead), which
    // takes a tenth off: 5:1 on white keeps them at 4.5:1 there.
    if ratio < 5.0 {
        return Err(format!(
            "{colour} is too light: white text on it (the header) has a contrast of {ratio:.1}:1, \
             and readers need 5:1 here; choose a darker shade, e.g. \"#0a5c36\" (8.1:1)"
        ));
    }
    Ok(colour)
}

/// The red, green and blue of a `#rrggbb` colour ([`Config::theme_color`] is one).
pub fn rgb(colour: &str) -> [u8; 3] {
    [1, 3, 5]
        .map(|i| colour.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()).unwrap_or(0))
}

/// The WCAG contrast ratio of a `#rrggbb` colour with white.
pub fn contrast_with_white(colour: &str) -> f64 {
    let [r, g, b] = rgb(colour).map(|c| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    });
    let luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    1.05 / (luminance + 0.05)
}

/// `contact:` with every value trimmed and empty ones left out; the e-mail address checked.
fn trimmed_contact(c: Contact, fail: &mut impl FnMut(&str, String)) -> Contact {
    let clean = |v: Option<String>| v.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let email = clean(c.email);
    if let Some(e) = &email {
        let ok = e.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty() && host.contains('.') && !e.contains(char::is_whitespace)
        });
        if !ok {
            fail(
                "contact.email",
                format!("expected an e-mail address like humas@example.go.id, got {e:?}"),
            );
        }
    }
    let whatsapp = clean(c.whatsapp);
    if let Some(w) = &whatsapp {
        let digits = w.chars().filter(char::is_ascii_digit).count();
        let plain = w.chars().skip(1).all(|c| c.is_ascii_digit() || " -().".contains(c));
        if !w.starts_with('+') || !plain || !(8..=15).contains(&digits) {
            fail(
                "contact.whatsapp",
                format!(
                    "expected the number with its country code, like +62 812-3456-7890, got {w:?}"
                ),
            );
        }
    }
    Contact {
        name: clean(c.name),
        address: clean(c.address),
        phone: clean(c.phone),
        whatsapp,
        email,
        hours: clean(c.hours),
    }
}

/// `kinds:` checked, or [`KINDS`] when it is not there.
fn content_kinds(
    raw: Option<indexmap::IndexMap<String, Option<String>>>,
    fail: &mut impl FnMut(&str, String),
) -> Vec<ContentKind> {
    let Some(raw) = raw else {
        return KINDS.map(|key| ContentKind { key: key.to_string(), name: None }).to_vec();
    };
    if raw.is_empty() {
        fail("kinds", "list at least one kind, e.g. berita: Berita (or remove 'kinds')".into());
    }
    let mut kinds = Vec::new();
    for (key, name) in raw {
        if !crate::slug::is_safe_segment(&key) {
            fail(
                &format!("kinds.{key}"),
                "a kind's key is the last part of its listing's address: use only a-z, 0-9 and -"
                    .to_string(),
            );
        }
        let name = name.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
        kinds.push(ContentKind { key, name });
    }
    kinds
}

/// Fails `field` when the link written there has a scheme a page may not link to.
fn check_link(field: &str, link: &Option<String>, fail: &mut impl FnMut(&str, String)) {
    if let Some(scheme) = link.as_deref().and_then(forbidden_scheme) {
        fail(
            field,
            format!(
                "a link may only start with https:, http: or mailto:, not {scheme:?}; write the \
                 full address, e.g. https://www.facebook.com/kemenagbali"
            ),
        );
    }
}

/// The scheme of a link written in `site.yaml` if it is not one a page may link to
/// (`javascript:`, `data:`, `vbscript:`…): only `https:`, `http:` and `mailto:` are. A value
/// with no scheme (`/img/logo.png`, `@handle`) is a path or a handle, not a scheme to refuse.
/// Browsers ignore tabs and line breaks in a URL and leading spaces and control characters, so
/// the check does too (`java\tscript:` is `javascript:`).
pub fn forbidden_scheme(link: &str) -> Option<String> {
    let cleaned: String = link
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let is_scheme = scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let scheme = scheme.to_ascii_lowercase();
    (is_scheme && !matches!(scheme.as_str(), "https" | "http" | "mailto"))
        .then(|| format!("{scheme}:"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "title: Humas\nbase_url: https://example.go.id/humas\nunits:\n  kanwil-bali: {name: Kanwil, short: Humas Bali, place: Denpasar}\nauthors:\n  sn: {name: Suryani}\n";

    /// Found by a tester with Lighthouse: `short_name` of `site.webmanifest` was the whole title
    /// ("Kantor Wilayah Kementerian Agama Provinsi Bali"), which a home screen cuts at about 12.
    #[test]
    fn the_short_name_is_short_or_the_title_that_fits_or_the_only_unit_s() {
        let long = "title: Kantor Wilayah Kementerian Agama Provinsi Bali\n";
        let site = |text: String| parse(Path::new("site.yaml"), &text).expect("valid");
        assert_eq!(site(MINIMAL.to_string()).short_name(), "Humas");
        let one_unit = MINIMAL.replace("title: Humas\n", long);
        assert_eq!(site(one_unit.clone()).short_name(), "Humas Bali");
        let given = one_unit.replace(long, &format!("{long}short: ' Kanwil Bali '\n"));
        assert_eq!(site(given).short_name(), "Kanwil Bali");
        // Two units: neither is the site; the title stays, until short: says.
        let two = one_unit.replace(
            "\nauthors:",
            "\n  badung: {name: Kemenag Badung, short: Kemenag Badung, place: Mangupura}\nauthors:",
        );
        assert_eq!(
            site(two.clone()).short_name(),
            "Kantor Wilayah Kementerian Agama Provinsi Bali"
        );
        let two = two.replace(long, &format!("{long}short: Kanwil Bali\n"));
        assert_eq!(site(two).short_name(), "Kanwil Bali");
        let empty = MINIMAL.replace("title: Humas\n", "title: Humas\nshort: ' '\n");
        let errors = parse(Path::new("site.yaml"), &empty).expect_err("empty short");
        assert_eq!((errors[0].line, errors[0].field.as_deref()), (Some(2), Some("short")));
    }

    /// Found by a tester after stop 68: a site of several units with a long title and no
    /// `short:` kept the title as `short_name`, cut on a home screen, without a word.
    #[test]
    fn a_long_short_name_without_short_is_warned_at_the_title() {
        let long = "title: Kantor Wilayah Kementerian Agama Provinsi Bali\n";
        let warning = |text: &str| {
            let c = parse(Path::new("site.yaml"), text).expect("valid");
            c.short_name_warning(Path::new("site.yaml"), text).map(|w| w.to_string())
        };
        let badung =
            "\n  badung: {name: Kemenag Badung, short: Kemenag Badung, place: X}\nauthors:";
        let two = MINIMAL.replace("title: Humas\n", long).replace("\nauthors:", badung);
        let told = warning(&two).expect("warned");
        assert!(told.starts_with("site.yaml:1: the title (46 characters) is the site's name"));
        assert!(told.contains("short_name of site.webmanifest") && told.contains("add short:"));
        // short: given, or a title that fits, or the only unit's short name that fits: quiet.
        assert_eq!(warning(&two.replace(long, &format!("{long}short: Kanwil Bali\n"))), None);
        assert_eq!(warning(&two.replace(long, "title: Humas Kanwil\n")), None);
        assert_eq!(warning(&MINIMAL.replace("title: Humas\n", long)), None);
        // The only unit's short name, too long itself, is named.
        let one = MINIMAL
            .replace("title: Humas\n", &format!("# Portal\n{long}"))
            .replace("short: Humas Bali", "short: Kanwil Kemenag Bali");
        let told = warning(&one).expect("warned");
        assert!(told.starts_with("site.yaml:2: the only unit's short name, \"Kanwil Kemenag Bali\" (19 characters), is"), "{told}");
    }

    #[test]
    fn defaults_and_sub_path() {
        let c = parse(Path::new("site.yaml"), MINIMAL).expect("valid");
        assert_eq!(c.base_url, "https://example.go.id/humas/");
        assert_eq!(c.example_address(), Some("https://example.go.id/humas/"));
        for (address, example) in [
            ("https://humas.example.go.id/", true),
            ("https://WWW.EXAMPLE.COM/", true),
            ("https://humas.kemenag.go.id/", false),
            ("https://example-school.sch.id/", false),
            ("https://counterexample.id/", false),
        ] {
            let c = parse(
                Path::new("site.yaml"),
                &MINIMAL.replace("https://example.go.id/humas", address),
            )
            .expect("parses");
            assert_eq!(c.example_address().is_some(), example, "{address}");
        }
        assert_eq!(c.base_path, "/humas/");
        assert_eq!(c.language, "id");
        assert_eq!(c.per_page, 10);
        assert_eq!(c.link("2023/05/x/"), "/humas/2023/05/x/");
        assert_eq!(c.absolute("feed.xml"), "https://example.go.id/humas/feed.xml");
    }

    /// Found writing a site.yaml as a writer's name is written, `sn: Sri Nadi`: the error said
    /// "expected fields (name: value)".
    #[test]
    fn a_writer_is_their_name_alone_or_their_fields() {
        let text =
            MINIMAL.replace("sn: {name: Suryani}", "sn: Suryani\n  ra:\n    name: Rai Astuti");
        let c = parse(Path::new("site.yaml"), &text).expect("valid");
        assert_eq!(c.authors["sn"], "Suryani");
        assert_eq!(c.authors["ra"], "Rai Astuti");
        // A field it does not know, or no name, is named as before.
        let e =
            parse(Path::new("site.yaml"), &MINIMAL.replace("{name: Suryani}", "{nama: Suryani}"))
                .unwrap_err();
        assert_eq!((e[0].field.as_deref(), e[0].line), (Some("authors.sn.nama"), Some(6)), "{e:?}");
        let e = parse(Path::new("site.yaml"), &MINIMAL.replace("{name: Suryani}", "[Suryani]"))
            .unwrap_err();
        assert_eq!(e[0].field.as_deref(), Some("authors.sn"), "{e:?}");
        assert!(e[0].message.contains("expected a name (sn: Sri Nadi)"), "{e:?}");
    }

    #[test]
    fn unknown_key_is_named_with_line() {
        let text = format!("{MINIMAL}colour: blue\n");
        let e = parse(Path::new("site.yaml"), &text).unwrap_err();
        assert_eq!(e[0].field.as_deref(), Some("colour"));
        assert_eq!(e[0].line, Some(7));
    }

    #[test]
    fn unknown_unit_key_is_named() {
        let text = MINIMAL.replace("place: Denpasar}", "place: Denpasar, email: x}");
        let e = parse(Path::new("site.yaml"), &text).unwrap_err();
        assert_eq!(e[0].field.as_deref(), Some("units.kanwil-bali.email"));
    }

    #[test]
    fn every_invalid_value_is_reported() {
        let text = MINIMAL.replace("https://example.go.id/humas", "example.go.id")
            + "timezone: Asia/Tokyo\nper_page: 0\npermalink: /:year/:title/\n";
        let e = parse(Path::new("site.yaml"), &text).unwrap_err();
        let fields: Vec<_> = e.iter().filter_map(|e| e.field.as_deref()).collect();
        assert_eq!(fields, ["base_url", "timezone", "per_page", "permalink"]);
        assert_eq!(e[1].line, Some(7));
    }

    #[test]
    fn permalink_patterns() {
        let p = Permalink::parse("/berita/:year/:slug/").expect("valid");
        let v = PermalinkValues { year: 2023, month: 5, day: 1, slug: "a", unit: "u" };
        assert_eq!(p.expand(&v), "berita/2023/a/");
        assert!(Permalink::parse("/:year/").is_err());
        assert!(Permalink::parse("/../:slug/").is_err());
    }

    #[test]
    fn only_web_and_mail_links_are_accepted() {
        assert_eq!(forbidden_scheme("javascript:alert(1)").as_deref(), Some("javascript:"));
        assert_eq!(forbidden_scheme(" Java\tScript:alert(1)").as_deref(), Some("javascript:"));
        assert_eq!(forbidden_scheme("data:text/html,x").as_deref(), Some("data:"));
        assert_eq!(forbidden_scheme("vbscript:x").as_deref(), Some("vbscript:"));
        for ok in ["https://x.com/a", "HTTP://a", "mailto:humas@example.go.id", "/img/a.png", "@h"]
        {
            assert_eq!(forbidden_scheme(ok), None, "{ok}");
        }
        let text = MINIMAL.replace("place: Denpasar}", "place: Denpasar, logo: \"javascript:x\"}");
        let e = parse(Path::new("site.yaml"), &text).unwrap_err();
        assert_eq!(e[0].field.as_deref(), Some("units.kanwil-bali.logo"));
        let text = format!("{MINIMAL}social: {{mastodon: \"javascript:x\"}}\n");
        let e = parse(Path::new("site.yaml"), &text).unwrap_err();
        assert_eq!(e[0].field.as_deref(), Some("social.mastodon"));
        assert!(e[0].message.contains("https:, http: or mailto:"), "{}", e[0].message);
    }

    /// A nested field's error is at its own line: until stop 47 it was at its top-level key's
    /// (`contact:`, `units:`), however far below the field was.
    #[test]
    fn a_nested_fields_error_is_at_its_own_line() {
        let text = MINIMAL.replace(
            "authors:",
            "  KUA Tabanan: {name: KUA, short: KUA, place: Tabanan}\nauthors:",
        ) + "contact:\n  name: Humas\n  whatsapp: \"0812\"\n";
        let e = parse(Path::new("site.yaml"), &text).unwrap_err();
        let at = |field: &str| e.iter().find(|e| e.field.as_deref() == Some(field)).map(|e| e.line);
        assert_eq!(at("units.KUA Tabanan"), Some(Some(5)), "{e:?}");
        assert_eq!(at("contact.whatsapp"), Some(Some(10)), "{e:?}");
    }

    #[test]
    fn handles_are_read_from_handles_and_profile_urls() {
        use crate::channels::Channel;
        let s = Social {
            x: Some("https://twitter.com/kemenagbali?lang=id".into()),
            instagram: Some("https://www.instagram.com/kemenag.badung/".into()),
            bluesky: Some("https://bsky.app/profile/kemenagbali.bsky.social".into()),
            mastodon: Some("https://mastodon.social/@kemenagbali".into()),
            ..Social::default()
        };
        let handles = Channel::ALL.map(|c| s.handle(c));
        let want = [
            Some("@kemenagbali"),
            Some("@kemenagbali.bsky.social"),
            Some("@kemenagbali@mastodon.social"),
            Some("@kemenag.badung"), // Threads: the Instagram account's
            None,
            Some("@kemenag.badung"),
            None,
            None,
        ];
        assert_eq!(handles.iter().map(Option::as_deref).collect::<Vec<_>>(), want);
        let s = Social {
            mastodon: Some("@humas@kemenag.social".into()),
            threads: Some("@humasbali".into()),
            x: Some("https://facebook.com/kemenagbali".into()),
            ..Social::default()
        };
        assert_eq!(s.handle(Channel::Mastodon).as_deref(), Some("@humas@kemenag.social"));
        assert_eq!(s.handle(Channel::Threads).as_deref(), Some("@humasbali"));
        assert_eq!(s.handle(Channel::X), None, "not an X profile");
        assert_eq!(s.links()["mastodon"], "https://kemenag.social/@humas");
    }

    #[test]
    fn site_and_unit_hashtags_are_checked() {
        let text = MINIMAL.replace("place: Denpasar}", "place: Denpasar, hashtags: [\"C#\"]}")
            + "hashtags: [\"#KemenagBali\", KemenagBali, Humas Bali]\ninstagram_link: url\n";
        let e = parse(Path::new("site.yaml"), &text).unwrap_err();
        let fields: Vec<_> = e.iter().filter_map(|e| e.field.as_deref()).collect();
        assert_eq!(fields, ["units.kanwil-bali.hashtags", "hashtags"], "{e:?}");
        let text = MINIMAL.to_string() + "hashtags: [\"#KemenagBali\", kemenagbali]\n";
        let c = parse(Path::new("site.yaml"), &text).expect("valid");
        assert_eq!(c.hashtags, ["#KemenagBali"]);
        assert_eq!(c.instagram_link, InstagramLink::Bio);
    }

    #[test]
    fn x_handles_in_every_written_form() {
        let x = |raw: &str| Social { x: Some(raw.into()), ..Social::default() };
        for raw in [
            "@kemenagbali",
            " kemenagbali ",
            "https://x.com/kemenagbali",
            "https://twitter.com/kemenagbali/",
            "http://www.twitter.com/kemenagbali?lang=id",
        ] {
            let handle = x(raw).handle(crate::channels::Channel::X);
            assert_eq!(handle.as_deref(), Some("@kemenagbali"), "{raw}");
        }
        for raw in ["", "@", "https://x.com/", "https://example.com/kemenagbali", "a b"] {
            assert_eq!(x(raw).handle(crate::channels::Channel::X), None, "{raw}");
        }
    }

    #[test]
    fn x_handle_becomes_a_link() {
        let s = Social { x: Some("@kemenagbali".into()), ..Social::default() };
        assert_eq!(s.links()["x"], "https://x.com/kemenagbali");
    }
}
