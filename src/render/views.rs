//! Builds the view structs of [`super::view`] from the model, once per build: the site, every
//! unit and tag, every release's summary card and the archive. Pages then borrow from these
//! instead of rebuilding them for every listing they appear in.

use super::paths;
use super::view::*;
use crate::config::Config;
use crate::date::{Calendar, Timestamp};
use crate::model::{ImageSource, Publication, Release, Site};
use crate::photos::{PhotoSet, Rendition, SocialImage};
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

/// The views shared by many pages.
#[derive(Debug)]
pub struct Views {
    pub site: SiteView,
    pub units: BTreeMap<String, UnitView>,
    /// Aligned with `Site::by_kind` (every kind of the config, even without releases).
    pub kinds: Vec<Arc<KindView>>,
    /// Aligned with `Site::tags`.
    pub tags: Vec<TagView>,
    /// Aligned with `Site::releases`, each made when first asked for ([`Views::summary`]): an
    /// incremental build renders a few pages and needs a few of 10,000.
    summaries: Vec<OnceLock<SummaryView>>,
    /// The unit and tag views the summaries share.
    shared_units: BTreeMap<String, Arc<UnitView>>,
    shared_tags: Vec<Arc<TagView>>,
    pub archive: Vec<ArchiveYear>,
    /// How the theme writes dates.
    pub calendar: Calendar,
    /// The theme's words for a withdrawal, as its banner says it: "Rilis ini telah ditarik",
    /// "Ditarik pada", "karena".
    withdrawal_words: [String; 3],
}

impl Views {
    /// The views of `site` as `theme` shows it: dates written as its strings say
    /// ([`Calendar::from_strings`]), and logos linked at the size pages show them, from the
    /// headers of its static files ([`super::logos`]).
    pub fn for_theme(site: &Site, theme: &super::Theme) -> Views {
        let strings = &theme.strings;
        Views::with_calendar(site, Calendar::from_strings(strings), strings, &theme.static_files)
    }

    /// The views with Indonesian dates, and logos linked as `site.yaml` writes them.
    pub fn new(site: &Site) -> Views {
        Views::with_calendar(site, Calendar::default(), &BTreeMap::new(), &[])
    }

    fn with_calendar(
        site: &Site,
        calendar: Calendar,
        strings: &BTreeMap<String, String>,
        statics: &[crate::load::Asset],
    ) -> Views {
        let c = &site.config;
        // A page shows a logo at its smaller size; `logo_full` is the file as it is.
        let logo = |l: Option<&str>| l.map(|l| super::logos::link(c, statics, l));
        let logo_full = |l: Option<&str>| l.map(|l| c.link_to(l));
        let units: BTreeMap<String, UnitView> = c
            .units
            .values()
            .map(|u| {
                let path = paths::unit(&u.key);
                let view = UnitView {
                    key: u.key.clone(),
                    name: u.name.clone(),
                    short: u.short.clone(),
                    place: u.place.clone(),
                    url: c.link(&path),
                    feed_url: c.link(&format!("{path}feed.xml")),
                    logo: logo(u.logo.as_deref()),
                    logo_full: logo_full(u.logo.as_deref()),
                    social: u.social.links(),
                    count: site.by_unit.get(&u.key).map_or(0, Vec::len),
                };
                (u.key.clone(), view)
            })
            .collect();
        let tags: Vec<TagView> = site
            .tags
            .iter()
            .map(|t| {
                let path = paths::tag(&t.slug);
                TagView {
                    name: t.name.clone(),
                    slug: t.slug.clone(),
                    url: c.link(&path),
                    feed_url: c.link(&format!("{path}feed.xml")),
                    count: t.releases.len(),
                }
            })
            .collect();
        let kinds: Vec<Arc<KindView>> = site
            .by_kind
            .iter()
            .enumerate()
            .map(|(n, (key, items))| {
                let path = paths::kind(key);
                // A kind with no listed release (only withdrawn ones) has no listing to link to.
                let link = |p: &str| if items.is_empty() { String::new() } else { c.link(p) };
                Arc::new(KindView {
                    key: key.clone(),
                    name: kind_name(c, strings, key),
                    url: link(&path),
                    feed_url: link(&format!("{path}feed.xml")),
                    default: n == 0,
                })
            })
            .collect();
        let shared_units: BTreeMap<String, Arc<UnitView>> =
            units.iter().map(|(k, u)| (k.clone(), Arc::new(u.clone()))).collect();
        let shared_tags: Vec<Arc<TagView>> = tags.iter().cloned().map(Arc::new).collect();
        let summaries = site.releases.iter().map(|_| OnceLock::new()).collect();
        let mut top: Vec<&TagView> = tags.iter().collect();
        top.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.slug.cmp(&b.slug)));
        let site_view = SiteView {
            title: c.title.clone(),
            description: c.description.clone(),
            language: c.language.clone(),
            base_url: c.base_url.clone(),
            base_path: c.base_path.clone(),
            feed_url: c.link("feed.xml"),
            units_url: c.link(paths::UNITS),
            tags_url: c.link(paths::TAGS),
            archive_url: c.link(&paths::archive(None)),
            search_url: c.search.then(|| c.link(paths::SEARCH)),
            units: units.values().cloned().collect(),
            pages: site
                .pages
                .iter()
                .map(|p| LinkView { title: p.title.clone(), url: c.link(&p.path) })
                .collect(),
            top_tags: top.into_iter().take(12).cloned().collect(),
            kinds: (kinds.iter().zip(&site.by_kind))
                .filter(|(_, (_, items))| !items.is_empty())
                .map(|(k, _)| KindView::clone(k))
                .collect(),
            generator: format!("warta {}", env!("CARGO_PKG_VERSION")),
            logo: logo(c.logo.as_deref()),
            logo_full: logo_full(c.logo.as_deref()),
            theme_color: super::icons::color(c).to_string(),
            colors: c.theme_color.as_deref().map(colors),
            icons: IconsView {
                favicon_url: c.link(super::icons::ICONS[0].0),
                touch_icon_url: c.link(super::icons::ICONS[1].0),
                manifest_url: c.link(super::icons::MANIFEST),
            },
            contact: c.contact.as_ref().map(|k| contact(c, k)),
            social: c.social.links(),
        };
        let archive = archive(site, &calendar);
        let word = |key: &str, default: &str| {
            strings.get(key).map_or(default, String::as_str).trim().to_string()
        };
        let withdrawal_words = [
            word("withdrawn", "Rilis ini telah ditarik"),
            word("withdrawn_on", "Ditarik pada"),
            word("withdrawn_because", "karena"),
        ];
        Views {
            site: site_view,
            units,
            kinds,
            tags,
            summaries,
            shared_units,
            shared_tags,
            archive,
            calendar,
            withdrawal_words,
        }
    }

    /// What a withdrawn release's shared link and search result say instead of its summary,
    /// in the words of its page's banner: "Rilis ini telah ditarik. Ditarik pada Kamis, 1 Juni
    /// 2023 karena jadwal kegiatan dibatalkan oleh panitia".
    pub fn withdrawal_note(&self, w: &crate::model::release::Withdrawal) -> String {
        let [withdrawn, on, because] = &self.withdrawal_words;
        let reason = w.reason.trim();
        let mut note = format!("{withdrawn}. {on} {}", self.calendar.full(&w.date));
        if !reason.is_empty() {
            note = format!("{note} {because} {reason}");
        }
        // A sentence, ended as one (found by helper-30, stop 66: "… oleh panitia pusat").
        if !note.ends_with(['.', '!', '?', '…']) {
            note.push('.');
        }
        note
    }

    /// The view of kind `key` of the site (the site these views are of).
    pub fn kind(&self, site: &Site, key: &str) -> &Arc<KindView> {
        let n = site.by_kind.iter().position(|(k, _)| k == key).unwrap_or(0);
        &self.kinds[n]
    }

    /// The summary of release `i` of `site` (the site these views are of): its card's data.
    pub fn summary(&self, site: &Site, i: usize) -> &SummaryView {
        self.summaries[i].get_or_init(|| {
            let (c, r) = (&site.config, &site.releases[i]);
            SummaryView {
                title: r.title.clone(),
                url: c.link(&r.path),
                date: date(&r.date, &self.calendar),
                publication: publication(r.publication, &self.calendar),
                unit: Arc::clone(&self.shared_units[&r.unit]),
                kind: Arc::clone(self.kind(site, &r.kind)),
                place: r.place.clone(),
                summary: r.summary.clone(),
                image: image(c, r),
                tags: site.release_tags[i]
                    .iter()
                    .map(|&t| Arc::clone(&self.shared_tags[t]))
                    .collect(),
            }
        })
    }
}

/// The name of kind `key`: `site.yaml`'s, the theme's `kind_<key>` string, or the key with a
/// capital (`Siaran-pers` for a kind the theme does not know and `kinds:` left unnamed).
fn kind_name(c: &Config, strings: &BTreeMap<String, String>, key: &str) -> String {
    let named = c.kinds.iter().find(|k| k.key == key).and_then(|k| k.name.clone());
    named.or_else(|| strings.get(&format!("kind_{key}")).cloned()).unwrap_or_else(|| {
        let mut chars = key.chars();
        chars.next().map(|f| f.to_uppercase().chain(chars).collect()).unwrap_or_default()
    })
}

/// The page's colours from a `#rrggbb` accent: a third darker, and a tenth of it on white.
fn colors(accent: &str) -> ColorsView {
    let mix = |toward: f64, share: f64| -> String {
        let [r, g, b] = crate::config::rgb(accent).map(|c| {
            let v = f64::from(c);
            (v + (toward - v) * share).round() as u8
        });
        format!("#{r:02x}{g:02x}{b:02x}")
    };
    ColorsView {
        accent: accent.to_string(),
        accent_dark: mix(0.0, 0.3),
        accent_soft: mix(255.0, 0.9),
    }
}

/// `contact:` with its links: `wa.me` takes the digits (and a leading +), `tel:` its first
/// number ([`phone_link`]).
fn contact(c: &Config, k: &crate::config::Contact) -> ContactView {
    let digits =
        |n: &str| -> String { n.chars().filter(|ch| ch.is_ascii_digit() || *ch == '+').collect() };
    ContactView {
        name: k.name.clone().unwrap_or_else(|| c.title.clone()),
        address: k
            .address
            .iter()
            .flat_map(|a| a.lines())
            .map(|l| l.trim().trim_end_matches(',').to_string())
            .filter(|l| !l.is_empty())
            .collect(),
        phone: k.phone.clone(),
        phone_url: k.phone.as_deref().and_then(phone_link),
        whatsapp: k.whatsapp.clone(),
        whatsapp_url: k
            .whatsapp
            .as_deref()
            .map(|w| format!("https://wa.me/{}", digits(w).trim_start_matches('+'))),
        email: k.email.clone(),
        email_url: k.email.as_deref().map(|e| format!("mailto:{e}")),
        hours: k.hours.clone(),
    }
}

/// The `tel:` link of the office's phone as written: its first number, "(0361) 225000" of
/// "(0361) 225000, 226000", "(0361) 123456 psw. 12" or "0361-225000 / 0812-…" (the link
/// dials one number; the page shows all of it). `None` when it holds no number a phone dials.
fn phone_link(text: &str) -> Option<String> {
    let start = text.find(|c: char| c.is_ascii_digit() || c == '+')?;
    let number: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || " -().+\u{a0}".contains(*c))
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .enumerate()
        .filter(|&(i, c)| c != '+' || i == 0)
        .map(|(_, c)| c)
        .collect();
    let digits = number.trim_start_matches('+').len();
    (5..=15).contains(&digits).then(|| format!("tel:{number}"))
}

/// A date in every form the templates print.
pub fn date(t: &Timestamp, calendar: &Calendar) -> DateView {
    DateView {
        iso: t.iso(),
        long: calendar.long(t),
        full: calendar.full(t),
        short: calendar.short(t),
        has_time: t.has_time,
    }
}

/// A release's state as templates see it.
pub fn publication(p: Publication, calendar: &Calendar) -> PublicationView {
    let at = match p {
        Publication::Scheduled(at) | Publication::Expired(at) | Publication::Withdrawn(at) => {
            Some(date(&at, calendar))
        }
        Publication::Published | Publication::Draft => None,
    };
    PublicationView { state: p.key(), published: p.is_published(), at }
}

/// The release's main photo.
pub fn image(c: &Config, r: &Release) -> Option<ImageView> {
    let img = r.image.as_ref()?;
    if let Some(set) = r.main_photo() {
        return Some(photo(c, set, img.alt.clone()));
    }
    let (url, absolute_url, dims) = match &img.source {
        ImageSource::Bundled { path, dimensions, .. } => {
            (c.link(path), c.absolute(path), *dimensions)
        }
        ImageSource::Site(path) => (c.link(path), c.absolute(path), None),
        ImageSource::Remote(url) => (url.clone(), url.clone(), None),
    };
    let dims = dims.or(match &r.social_image {
        SocialImage::Elsewhere { width: Some(w), height: Some(h), .. } => Some((*w, *h)),
        _ => None,
    });
    Some(ImageView {
        small_url: url.clone(),
        small_webp_url: String::new(),
        large_url: url.clone(),
        url,
        absolute_url,
        alt: img.alt.clone(),
        caption: img.caption.clone(),
        width: dims.map(|d| d.0),
        height: dims.map(|d| d.1),
        srcset: None,
        webp_srcset: None,
        credit: img.credit.clone(),
    })
}

/// A photo published in sizes, as pages show it.
pub fn photo(c: &Config, set: &PhotoSet, alt: String) -> ImageView {
    let fallback: Vec<&Rendition> = set.fallback().collect();
    let link = |r: Option<&&Rendition>| r.map(|r| c.link(&r.path)).unwrap_or_default();
    let middle = fallback.get(1).or(fallback.last());
    let srcset = |list: &mut dyn Iterator<Item = &Rendition>| {
        list.map(|r| format!("{} {}w", c.link(&r.path), r.width)).collect::<Vec<_>>().join(", ")
    };
    let largest = fallback.last();
    ImageView {
        url: link(middle),
        absolute_url: middle.map(|r| c.absolute(&r.path)).unwrap_or_default(),
        alt,
        caption: set.caption.clone(),
        width: largest.map(|r| r.width),
        height: largest.map(|r| r.height),
        srcset: Some(srcset(&mut set.fallback())),
        webp_srcset: Some(srcset(&mut set.webp())),
        small_url: link(fallback.first()),
        small_webp_url: set.webp().next().map(|r| c.link(&r.path)).unwrap_or_default(),
        large_url: link(largest),
        credit: set.credit.clone(),
    }
}

/// The gallery under a release.
pub fn gallery(c: &Config, r: &Release) -> Vec<ImageView> {
    let n = r.gallery().count();
    r.gallery()
        .enumerate()
        .map(|(i, set)| {
            let alt = set
                .caption
                .clone()
                .unwrap_or_else(|| format!("Foto {} dari {n}: {}", i + 1, r.title));
            photo(c, set, alt)
        })
        .collect()
}

/// What a shared link of release `r` shows; `None` only for a release whose card the theme
/// cannot draw.
pub fn social_image(c: &Config, r: &Release) -> Option<SocialImageView> {
    let alt = r.image.as_ref().map_or_else(|| r.title.clone(), |i| i.alt.clone());
    let made = |rendition: &Rendition, large: bool| SocialImageView {
        url: c.absolute(&rendition.path),
        width: Some(rendition.width),
        height: Some(rendition.height),
        mime: Some(rendition.encoding.mime()),
        alt: alt.clone(),
        large,
        length: None,
    };
    match &r.social_image {
        SocialImage::Photo(i) => r.photos.get(*i)?.social.first().map(|s| made(s, true)),
        SocialImage::Small(i) => r.photos.get(*i)?.largest().map(|s| made(s, false)),
        SocialImage::Card(cards) => cards.first().map(|s| made(s, true)),
        SocialImage::Elsewhere { url, width, height } => Some(SocialImageView {
            url: c.absolute_to(url),
            width: *width,
            height: *height,
            mime: crate::links::image_mime(url),
            alt,
            large: width.is_none_or(|w| w >= crate::photos::MIN_LARGE_PREVIEW),
            length: None,
        }),
    }
}

/// Instagram's images of a release: the 1:1 and the 4:5 JPEG, absolute, when warta made them.
/// The images of the release's item in an Instagram feed: [`instagram_images`], or, for a
/// release whose shared link shows a photo too small to crop or one warta does not process (on
/// another site, in `static/`, the site's `image:`), its drawn card in Instagram's shapes, which
/// the feed draws ([`super::jobs::instagram_cards`]): Instagram posts nothing without an image.
pub fn instagram_feed_images(c: &Config, r: &Release) -> Vec<SocialImageView> {
    match &r.social_image {
        SocialImage::Photo(_) => instagram_images(c, r),
        _ => shape_views(c, &super::jobs::drawn_instagram_shapes(r), &r.title),
    }
}

/// The square and portrait crops of the release's photo, or of its drawn card.
pub fn instagram_images(c: &Config, r: &Release) -> Vec<SocialImageView> {
    match &r.social_image {
        SocialImage::Photo(i) => {
            let crops = r.photos.get(*i).map_or(&[][..], |p| p.social.get(1..).unwrap_or_default());
            let alt = r.image.as_ref().map_or(&r.title, |i| &i.alt);
            shape_views(c, crops, alt)
        }
        SocialImage::Card(cards) => shape_views(c, cards.get(1..).unwrap_or_default(), &r.title),
        _ => Vec::new(),
    }
}

fn shape_views(c: &Config, shapes: &[Rendition], alt: &str) -> Vec<SocialImageView> {
    shapes
        .iter()
        .map(|s| SocialImageView {
            url: c.absolute(&s.path),
            width: Some(s.width),
            height: Some(s.height),
            mime: Some(s.encoding.mime()),
            alt: alt.to_string(),
            large: true,
            length: None,
        })
        .collect()
}

fn archive(site: &Site, calendar: &Calendar) -> Vec<ArchiveYear> {
    let c = &site.config;
    let mut years: Vec<ArchiveYear> = Vec::new();
    for m in &site.months {
        let month = ArchiveMonth {
            year: m.year,
            month: m.month,
            name: calendar.month_year(m.year, m.month),
            url: c.link(&paths::month(m.year, m.month)),
            count: m.releases.len(),
        };
        match years.last_mut() {
            Some(y) if y.year == m.year => {
                y.count += month.count;
                y.months.push(month);
            }
            _ => years.push(ArchiveYear {
                year: m.year,
                url: c.link(&paths::archive(Some(m.year))),
                count: month.count,
                months: vec![month],
            }),
        }
    }
    years
}

/// A file size as people read it, with the Indonesian decimal comma: `820 B`, `340 KB`,
/// `1,2 MB`.
pub fn file_size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    match bytes {
        b if b < KB => format!("{b} B"),
        b if b < MB => format!("{} KB", b.div_ceil(KB)),
        b => {
            let tenths = (b * 10).div_ceil(MB);
            format!("{},{} MB", tenths / 10, tenths % 10)
        }
    }
}

#[cfg(test)]
mod tests {

    /// An office's phone as offices write it: until stop 47 every digit went into the link,
    /// "(0361) 225000, 226000" dialled 0361225000226000.
    #[test]
    fn the_phone_link_dials_the_first_number_written() {
        for (written, link) in [
            ("(0361) 225000", Some("tel:0361225000")),
            ("(0361) 225000, 226000", Some("tel:0361225000")),
            ("(0361) 123456 ext. 12", Some("tel:0361123456")),
            ("(0361) 123456 psw. 12", Some("tel:0361123456")),
            ("0361-225000 / 0812-3456-7890", Some("tel:0361225000")),
            ("Telp. +62 361 225000", Some("tel:+62361225000")),
            ("Lihat situs", None),
            ("123", None),
        ] {
            assert_eq!(phone_link(written).as_deref(), link, "{written}");
        }
    }

    use super::{file_size, phone_link};

    #[test]
    fn file_sizes_read_the_indonesian_way() {
        assert_eq!(file_size(820), "820 B");
        assert_eq!(file_size(1024), "1 KB");
        assert_eq!(file_size(340 * 1024 - 100), "340 KB");
        assert_eq!(file_size(1_300_000), "1,3 MB");
        assert_eq!(file_size(5 * 1024 * 1024), "5,0 MB");
    }
}
