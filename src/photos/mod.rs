//! Photos: every photo of a release published in web sizes (WebP and the original's format),
//! cropped for shared links, and stripped of its metadata; a drawn card for a release without
//! one.
//!
//! The stages keep their places. [`load`](crate::load) reads each photo's header and metadata
//! ([`inspect`]) into a [`PhotoInfo`], with the fingerprint of its bytes. Parsing a release
//! decides, as plain data, which files are made from which photo ([`PhotoSet`], [`Rendition`]):
//! their paths, sizes and formats are known before any pixel is decoded, so pages, feeds and the
//! table of outputs use them without waiting. Rendering hands the writer a [`Made`] for each of
//! these files: the recipe and its cache key. Only the writer ([`crate::write::photos`]) decodes
//! and encodes ([`process`], [`card`]), once per photo for all its files, and keeps the result
//! in a cache by key, so a build with no changed photo decodes none.

pub mod card;
pub mod inspect;
pub mod process;
pub mod strip;
pub mod video;

pub use video::{is_video_name, video_has_location};

use crate::fingerprint::{Fp, Hasher};
use crate::load::Asset;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, OnceLock};

/// Web widths unless `photos.widths` says otherwise: a phone's card (480), a column on a
/// laptop or a phone's screen at 2× (960), a large screen (1600).
pub const DEFAULT_WIDTHS: [u32; 3] = [480, 960, 1600];
/// JPEG and WebP quality unless `photos.quality` says otherwise.
pub const DEFAULT_QUALITY: u8 = 80;
/// The largest photo decoded unless `photos.max_megapixels` says otherwise: a 50-megapixel
/// photo is 200 MB of pixels; a phone's is 12 to 48.
pub const DEFAULT_MAX_MEGAPIXELS: u32 = 50;
/// The image of a shared link (Open Graph, X, the feeds): 1.91:1, the size Facebook and X ask
/// for.
pub const SOCIAL: (u32, u32) = (1200, 630);
/// Instagram's square and portrait (4:5) posts.
pub const SQUARE: (u32, u32) = (1080, 1080);
pub const PORTRAIT: (u32, u32) = (1080, 1350);
/// Telegram and X refuse images over 5 MB; Facebook's crawler is slow past 1 MB.
pub const SOCIAL_MAX_BYTES: u32 = 1_000_000;
/// Narrower than this, Facebook and X show a small thumbnail instead of a large preview.
pub const MIN_LARGE_PREVIEW: u32 = 600;
/// Smaller than this either way, a photo is no picture for a shared link: Facebook takes none
/// under 200 × 200 pixels for `og:image`, and an 8-pixel photo stretched to a thumbnail is a
/// smudge. A release's photo smaller than that leaves its shared link and its feed items the
/// picture of a release without a photo.
pub const MIN_SHARED: u32 = 200;
/// The file names of the social images beside a release's page. Named after their size so that
/// they cannot be mistaken for a photo of the bundle.
pub const SOCIAL_NAMES: [&str; 3] =
    ["social-1200x630.jpg", "social-1080x1080.jpg", "social-1080x1350.jpg"];
/// Part of every cache key: raised whenever processing makes different bytes for the same
/// recipe, so that an older warta's files are not taken for this one's.
const RECIPE_VERSION: u32 = 1;
/// Part of the cache key of a PNG or an icon, besides [`RECIPE_VERSION`]: 2 since stop 75,
/// when PNGs were compressed harder ([`process`]'s `encode_png`).
const PNG_RECIPE_VERSION: u32 = 2;

/// The `photos:` settings of `site.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Settings {
    /// Web widths in pixels, ascending, each made only when the photo is wider.
    pub widths: Vec<u32>,
    /// JPEG and WebP quality, 1 to 100.
    pub quality: u8,
    /// Photos larger than this are refused before they are decoded.
    pub max_pixels: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            widths: DEFAULT_WIDTHS.to_vec(),
            quality: DEFAULT_QUALITY,
            max_pixels: u64::from(DEFAULT_MAX_MEGAPIXELS) * 1_000_000,
        }
    }
}

/// How a photo file is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Format {
    Jpeg,
    Png,
    Webp,
}

impl From<inspect::Format> for Format {
    fn from(f: inspect::Format) -> Format {
        match f {
            inspect::Format::Jpeg => Format::Jpeg,
            inspect::Format::Png => Format::Png,
            inspect::Format::Webp => Format::Webp,
        }
    }
}

/// What [`load`](crate::load) read of a photo without decoding it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PhotoInfo {
    /// The fingerprint of the file's bytes: the cache key of everything made from it.
    pub digest: Fp,
    pub format: Format,
    /// As displayed, the EXIF orientation applied.
    pub width: u32,
    pub height: u32,
    /// EXIF orientation, 1 to 8.
    pub orientation: u8,
    /// From the photo's IPTC or EXIF description, when it has one.
    pub caption: Option<String>,
    pub credit: Option<String>,
}

/// A file extension warta processes as a photo. GIF (often animated), SVG and AVIF are
/// published as they are.
pub fn is_photo_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".webp"].iter().any(|e| lower.ends_with(e))
}

/// Why a bundle's file named `name` cannot be published, when its name says it is an image in
/// a format that browsers do not all show and warta cannot convert: an iPhone's HEIC photo
/// (published as it was, it kept the place it was taken, and showed as a broken image outside
/// Safari) or a scanner's TIFF. What to do comes with it.
pub fn unconvertible(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".heic") || lower.ends_with(".heif") {
        Some(
            "is an iPhone photo in HEIC format: most browsers cannot show it, and warta cannot \
             make web sizes of it or take out the place it was taken; save it as JPEG (on the \
             iPhone, Settings › Camera › Formats › Most Compatible; or send it by e-mail or \
             WhatsApp, which send a JPEG), put the JPEG in the folder and delete this file",
        )
    } else if lower.ends_with(".tif") || lower.ends_with(".tiff") {
        Some(
            "is a TIFF image, as scanners save them: browsers cannot show it; save it as JPEG \
             or PNG, put that in the folder and delete this file",
        )
    } else {
        None
    }
}

/// Why a file of a release's folder or of `static/` cannot be published as it is: a HEIC or a
/// TIFF ([`unconvertible`]), or a video that holds the place it was taken ([`Asset::located`]).
pub fn unpublishable(a: &Asset) -> Option<&'static str> {
    if a.located {
        return Some(
            "is a video that holds the place it was taken (a phone writes it into every video), \
             and warta publishes a video as it is: upload it to YouTube, put its link on a line \
             of its own in a release's body (the page shows a player), and delete this file",
        );
    }
    unconvertible(&a.name)
}

/// Reads a photo file's header and metadata: what [`PhotoInfo`] holds, or why it cannot be
/// published, in words (the caller names the file).
pub fn read_info(bytes: &[u8], max_pixels: u64) -> Result<PhotoInfo, String> {
    let found = inspect::inspect(bytes, max_pixels).map_err(|e| e.to_string())?;
    Ok(PhotoInfo {
        digest: Fp::of_bytes(bytes),
        format: found.format.into(),
        width: found.width,
        height: found.height,
        orientation: found.orientation,
        caption: found.caption,
        credit: found.credit,
    })
}

/// The encoding of a file made from a photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Encoding {
    Jpeg,
    Webp,
    Png,
    /// A Windows icon holding one PNG (`favicon.ico`).
    Ico,
}

impl Encoding {
    pub fn extension(self) -> &'static str {
        match self {
            Encoding::Jpeg => "jpg",
            Encoding::Webp => "webp",
            Encoding::Png => "png",
            Encoding::Ico => "ico",
        }
    }

    /// Whether a file of this encoding, `len` bytes long, that starts with `head` and ends
    /// with `tail` (its first and last [`Encoding::ENDS`] bytes) looks whole: not cut short,
    /// and not the zeros a power cut can leave of a file being written when the system wrote
    /// its name but not yet its bytes. JPEG and PNG by the marks at both ends, WebP by the
    /// length its start gives. `warta build --clean` checks each made file it takes from the
    /// cache so (stop 74: it published a damaged one as it was).
    pub fn looks_whole(self, head: &[u8], tail: &[u8], len: u64) -> bool {
        const IEND: [u8; 12] = [0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82];
        let ends = Encoding::ENDS as u64;
        if len < ends || head.len() as u64 != ends || tail.len() as u64 != ends {
            return false;
        }
        match self {
            Encoding::Jpeg => {
                head.starts_with(&[0xFF, 0xD8, 0xFF]) && tail.ends_with(&[0xFF, 0xD9])
            }
            Encoding::Png => head.starts_with(b"\x89PNG\r\n\x1a\n") && tail == IEND,
            // One PNG, ending the file.
            Encoding::Ico => head.starts_with(&[0, 0, 1, 0]) && tail == IEND,
            Encoding::Webp => {
                let size = u32::from_le_bytes([head[4], head[5], head[6], head[7]]);
                head.starts_with(b"RIFF") && &head[8..12] == b"WEBP" && u64::from(size) + 8 == len
            }
        }
    }

    /// How many bytes of each end of a file [`Encoding::looks_whole`] looks at.
    pub const ENDS: usize = 12;

    pub fn mime(self) -> &'static str {
        match self {
            Encoding::Jpeg => "image/jpeg",
            Encoding::Webp => "image/webp",
            Encoding::Png => "image/png",
            Encoding::Ico => "image/x-icon",
        }
    }
}

/// The point of a photo a crop keeps in view, in thousandths of its width and height from the
/// top left (`image_focus`): 500,500 is the centre.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Focus {
    pub x: u16,
    pub y: u16,
}

impl Default for Focus {
    fn default() -> Self {
        Focus { x: 500, y: 500 }
    }
}

impl Focus {
    /// `image_focus` as written: a word (`center`, `top`, `bottom`, `left`, `right`, `top left`
    /// …, or the Indonesian `tengah`, `atas`, `bawah`, `kiri`, `kanan`), or `x,y` as fractions
    /// (`0.5,0.3`).
    pub fn parse(text: &str) -> Result<Focus, String> {
        let text = text.trim().to_ascii_lowercase();
        let expected = || {
            format!(
                "expected a position such as top, center, bottom left, or x,y as fractions \
                 like 0.5,0.3; got {text:?}"
            )
        };
        if let Some((x, y)) = text.split_once(',') {
            let fraction = |s: &str| {
                s.trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|v| (0.0..=1.0).contains(v))
                    // In range 0..=1, so the product fits a u16.
                    .map(|v| (v * 1000.0).round() as u16)
            };
            return match (fraction(x), fraction(y)) {
                (Some(x), Some(y)) => Ok(Focus { x, y }),
                _ => Err(expected()),
            };
        }
        let mut focus = Focus::default();
        for word in text.split_whitespace() {
            match word {
                "center" | "centre" | "tengah" => {}
                "top" | "atas" => focus.y = 0,
                "bottom" | "bawah" => focus.y = 1000,
                "left" | "kiri" => focus.x = 0,
                "right" | "kanan" => focus.x = 1000,
                _ => return Err(expected()),
            }
        }
        Ok(focus)
    }
}

/// How a file is made from a photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Shape {
    /// The whole photo, scaled.
    Resize,
    /// Covered and cropped to the size, around a point.
    Crop(Focus),
}

/// One file made from a photo (or drawn), at a site path.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rendition {
    /// Relative to the output folder: `2023/05/rapat/img-20230515-wa0012-480.webp`.
    pub path: String,
    pub width: u32,
    pub height: u32,
    pub encoding: Encoding,
    pub shape: Shape,
    /// The largest the file may be, in bytes.
    pub max_bytes: Option<u32>,
}

impl Rendition {
    /// The recipe [`process::produce`] follows.
    pub fn variant(&self, quality: u8) -> process::Variant {
        process::Variant {
            width: self.width,
            height: self.height,
            fit: match self.shape {
                Shape::Resize => process::Fit::Resize,
                Shape::Crop(f) => {
                    process::Fit::Crop { focus: (f32::from(f.x) / 1000.0, f32::from(f.y) / 1000.0) }
                }
            },
            encoding: match self.encoding {
                Encoding::Jpeg => process::Encoding::Jpeg { quality },
                Encoding::Webp => process::Encoding::Webp { quality },
                Encoding::Png => process::Encoding::Png,
                Encoding::Ico => process::Encoding::Ico,
            },
            max_bytes: self.max_bytes.map(|b| b as usize),
        }
    }

    /// The cache key of this file made from the source with fingerprint `source`: every input
    /// of its bytes, and nothing else (not its path: two releases sharing a photo share it).
    pub fn key(&self, source: Fp, quality: u8) -> Fp {
        let mut h = Hasher::new();
        h.add(&RECIPE_VERSION);
        // Only the PNGs (and the icon, which holds one) are made again: a version of the
        // recipe for all would draw every card of a site again.
        if matches!(self.encoding, Encoding::Png | Encoding::Ico) {
            h.add(&PNG_RECIPE_VERSION);
        }
        h.add(&source)
            .add(&(self.width, self.height, self.encoding, self.shape, self.max_bytes))
            .add(&quality)
            .finish128()
    }
}

/// Why a photo is in a release: what the page does with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// The release's photo (`image:`).
    Main,
    /// Shown in the body.
    Body,
    /// In the bundle and shown nowhere else: the gallery under the release.
    Gallery,
}

/// A photo of a release and every file made from it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PhotoSet {
    /// As in the bundle: `IMG 20230515 WA0012.JPG`.
    pub name: String,
    pub source: Asset,
    pub info: PhotoInfo,
    pub role: Role,
    /// Web sizes, narrowest first: the original's format (JPEG for a WebP), then WebP.
    pub web: Vec<Rendition>,
    /// The crops of a shared link (the main photo only, when it is large enough): 1200×630,
    /// 1080×1080, 1080×1350.
    pub social: Vec<Rendition>,
    /// From front matter (`image_caption`, `gallery:`) or the photo's own metadata.
    pub caption: Option<String>,
    pub credit: Option<String>,
    /// A photo of the site's `static/` that the release's `image:` names: its web sizes are
    /// beside it (`img/foto-480.webp`), made once for every release that shows it
    /// ([`crate::render::Job::StaticPhoto`]), not in each release's folder; its crops stay
    /// the release's, each cropped around the release's own focus.
    pub from_static: bool,
}

impl PhotoSet {
    /// The photo's site path, which a body's `![…](…)` names: beside the release at
    /// `release_path` for a photo of its bundle, where it is in `static/` for one of there.
    pub fn site_path(&self, release_path: &str) -> String {
        if self.from_static {
            self.name.clone()
        } else {
            format!("{release_path}{}", self.name)
        }
    }

    /// The web sizes in the fallback format (JPEG or PNG), narrowest first.
    pub fn fallback(&self) -> impl Iterator<Item = &Rendition> {
        self.web.iter().filter(|r| r.encoding != Encoding::Webp)
    }

    /// The WebP web sizes, narrowest first.
    pub fn webp(&self) -> impl Iterator<Item = &Rendition> {
        self.web.iter().filter(|r| r.encoding == Encoding::Webp)
    }

    /// The largest web size in the fallback format: what a link to the photo opens.
    pub fn largest(&self) -> Option<&Rendition> {
        self.fallback().last()
    }

    /// Every file made from it.
    pub fn renditions(&self) -> impl Iterator<Item = &Rendition> {
        self.web.iter().chain(&self.social)
    }

    /// The files the release's own job publishes of it: its web sizes, but those of a photo of
    /// `static/` ([`PhotoSet::from_static`]); and the crops of a shared link, but when the
    /// release is no longer shared (`shared` false: withdrawn).
    pub fn published(&self, shared: bool) -> impl Iterator<Item = &Rendition> {
        let web: &[Rendition] = if self.from_static { &[] } else { &self.web };
        let social: &[Rendition] = if shared { &self.social } else { &[] };
        web.iter().chain(social)
    }
}

/// The web widths of a photo `width` pixels wide: each configured width it exceeds, and its own
/// width when that is below the largest (never upscaled).
pub fn widths(settings: &Settings, width: u32) -> Vec<u32> {
    let mut out: Vec<u32> = settings.widths.iter().copied().filter(|&w| w < width).collect();
    let largest = settings.widths.iter().copied().max().unwrap_or(width);
    if width <= largest || out.is_empty() {
        out.push(width.min(largest.max(1)));
    }
    out.dedup();
    out
}

/// `IMG 20230515 WA0012.JPG` → `img-20230515-wa0012`: the stem of the files made from it.
pub fn stem(name: &str) -> String {
    let slug = |s: &str| {
        let slug = crate::slug::slugify(s);
        if slug.is_empty() {
            "foto".to_string()
        } else {
            slug
        }
    };
    let file = name.rsplit('/').next().unwrap_or(name);
    let stem = slug(file.rsplit_once('.').map_or(file, |(s, _)| s));
    // A photo in a subfolder of the bundle keeps its folder, as a slug too: every URL made from
    // a photo needs no escaping, in a `srcset` least of all, where a space splits a URL.
    match name.rsplit_once('/') {
        Some((dir, _)) => {
            let dirs: Vec<String> = dir.split('/').map(slug).collect();
            format!("{}/{stem}", dirs.join("/"))
        }
        None => stem,
    }
}

/// The web sizes of a photo of the release at `dir` (its site path).
pub fn web_renditions(
    settings: &Settings,
    dir: &str,
    name: &str,
    info: &PhotoInfo,
) -> Vec<Rendition> {
    let stem = stem(name);
    let fallback = match info.format {
        Format::Png => Encoding::Png,
        Format::Jpeg | Format::Webp => Encoding::Jpeg,
    };
    let mut out = Vec::new();
    for encoding in [fallback, Encoding::Webp] {
        for w in widths(settings, info.width) {
            let h = scaled_height(info.width, info.height, w);
            out.push(Rendition {
                path: format!("{dir}{stem}-{w}.{}", encoding.extension()),
                width: w,
                height: h,
                encoding,
                shape: Shape::Resize,
                max_bytes: None,
            });
        }
    }
    out
}

/// The height of a photo `width`×`height` scaled to `w` wide, at least 1.
pub fn scaled_height(width: u32, height: u32, w: u32) -> u32 {
    let h = (u64::from(height) * u64::from(w) + u64::from(width) / 2) / u64::from(width.max(1));
    u32::try_from(h).unwrap_or(u32::MAX).max(1)
}

/// The social crops of a photo `width` pixels wide and `height` high, beside the page at `dir`:
/// 1200×630, 1080×1080 and 1080×1350, each as large as the photo allows without upscaling.
pub fn social_renditions(dir: &str, width: u32, height: u32, focus: Focus) -> Vec<Rendition> {
    [SOCIAL, SQUARE, PORTRAIT]
        .into_iter()
        .zip(SOCIAL_NAMES)
        .map(|((w, h), name)| {
            let (cw, ch) = crop_size(width, height, w, h);
            Rendition {
                path: format!("{dir}{name}"),
                width: cw,
                height: ch,
                encoding: Encoding::Jpeg,
                shape: Shape::Crop(focus),
                max_bytes: Some(SOCIAL_MAX_BYTES),
            }
        })
        .collect()
}

/// The largest `w`:`h` box inside a photo `width`×`height`, no larger than `w`×`h`, in whole
/// pixels (integer arithmetic: 1080 × 480 / 1350 is 384, not 383.99).
pub fn crop_size(width: u32, height: u32, w: u32, h: u32) -> (u32, u32) {
    let (width, height, w64, h64) =
        (u64::from(width), u64::from(height), u64::from(w), u64::from(h));
    let (cw, ch) = if width * h64 >= height * w64 {
        // Wider than the box: its height decides.
        let ch = height.min(h64);
        ((ch * w64 + h64 / 2) / h64, ch)
    } else {
        let cw = width.min(w64);
        (cw, (cw * h64 + w64 / 2) / w64)
    };
    let fit = |v: u64| u32::try_from(v).unwrap_or(u32::MAX).max(1);
    (fit(cw), fit(ch))
}

/// The drawn cards beside the page at `dir`: at 1200×630, 1080×1080 and 1080×1350.
pub fn card_renditions(dir: &str) -> Vec<Rendition> {
    [SOCIAL, SQUARE, PORTRAIT]
        .into_iter()
        .zip(SOCIAL_NAMES)
        .map(|((width, height), name)| Rendition {
            path: format!("{dir}{name}"),
            width,
            height,
            encoding: Encoding::Jpeg,
            shape: Shape::Resize,
            max_bytes: Some(SOCIAL_MAX_BYTES),
        })
        .collect()
}

/// What a shared link of a release shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SocialImage {
    /// The crops of the release's photo (`photos[i].social`).
    Photo(usize),
    /// A photo too small for a large preview, shown as it is: `photos[i]`'s largest web size.
    Small(usize),
    /// Cards drawn from the theme's `social-card.svg`.
    Card(Vec<Rendition>),
    /// A photo warta does not process: an absolute URL or a file of `static/`, with its size
    /// when known.
    Elsewhere { url: String, width: Option<u32>, height: Option<u32> },
}

/// The SVG of a card: drawn, or to draw only if the cache does not have the card (drawing a
/// release's card from the theme's template is a tenth of a cold build's CPU, and the cards of
/// every release but the new ones are in the cache).
#[derive(Clone)]
pub enum Svg {
    Drawn(String),
    /// `key` stands for the SVG `draw` makes: everything it is drawn from. `draw` says why it
    /// could not, naming the release.
    Later {
        key: Fp,
        draw: Arc<dyn Fn() -> std::result::Result<String, String> + Send + Sync>,
    },
}

impl Svg {
    /// Adds what the card's files in the cache are known by: the SVG drawn, or what it is
    /// drawn from.
    fn add_to(&self, h: &mut Hasher) {
        match self {
            Svg::Drawn(svg) => h.add(svg),
            Svg::Later { key, .. } => h.add(&("later", key)),
        };
    }

    /// The SVG, drawn now if it was not.
    pub fn draw(&self) -> std::result::Result<std::borrow::Cow<'_, str>, String> {
        match self {
            Svg::Drawn(svg) => Ok(std::borrow::Cow::Borrowed(svg)),
            Svg::Later { draw, .. } => draw().map(std::borrow::Cow::Owned),
        }
    }
}

impl std::fmt::Debug for Svg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Svg::Drawn(svg) => f.debug_tuple("Drawn").field(&svg.len()).finish(),
            Svg::Later { key, .. } => f.debug_struct("Later").field("key", key).finish(),
        }
    }
}

/// Where a file made from a photo comes from.
#[derive(Debug)]
pub enum Source {
    /// A photo file.
    Photo { asset: Asset, info: PhotoInfo },
    /// A card: the SVG the theme's template made, the fonts it may use, and the files its
    /// `<image href>` may name (site path → file). `origin` is what it is and the file an
    /// error about it names: the social card and `templates/social-card.svg`, the icons and
    /// `site.yaml`.
    Card {
        origin: (&'static str, &'static str),
        svg: Svg,
        fonts: Arc<card::Fonts>,
        /// The fingerprint of the fonts' files.
        fonts_key: Fp,
        files: Vec<(String, Asset)>,
    },
}

/// Every file a build makes from one source, made together: a photo is decoded once for all
/// its sizes. The writer fills `made` the first time one of its files is wanted and is not in
/// the cache.
#[derive(Debug)]
pub struct Batch {
    pub source: Source,
    /// Each file's recipe and cache key.
    pub items: Vec<(Rendition, Fp)>,
    pub quality: u8,
    pub max_pixels: u64,
    pub made: OnceLock<Result<Vec<Vec<u8>>, String>>,
}

impl Batch {
    pub fn new(source: Source, renditions: &[Rendition], quality: u8, max_pixels: u64) -> Batch {
        let fp = match &source {
            Source::Photo { info, .. } => info.digest,
            Source::Card { svg, fonts_key, files, .. } => {
                let mut h = Hasher::new();
                svg.add_to(&mut h);
                h.add(fonts_key)
                    .add(&files.iter().map(|(href, a)| (href, Fp::of(a))).collect::<Vec<_>>())
                    .finish128()
            }
        };
        let items = renditions.iter().map(|r| (r.clone(), r.key(fp, quality))).collect();
        Batch { source, items, quality, max_pixels, made: OnceLock::new() }
    }
}

/// One output file made from a photo: the `index`th item of a batch.
#[derive(Debug, Clone)]
pub struct Made {
    pub batch: Arc<Batch>,
    pub index: usize,
}

impl Made {
    /// Its cache key, which is also its output fingerprint: the same key, the same bytes.
    pub fn key(&self) -> Fp {
        self.batch.items[self.index].1
    }

    pub fn rendition(&self) -> &Rendition {
        &self.batch.items[self.index].0
    }

    /// Every file of a batch, as outputs.
    pub fn all(batch: Batch) -> Vec<Made> {
        let batch = Arc::new(batch);
        (0..batch.items.len()).map(|index| Made { batch: Arc::clone(&batch), index }).collect()
    }
}

impl PartialEq for Made {
    fn eq(&self, other: &Made) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Made {}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every encoding's file as warta makes it looks whole; cut short by a byte, its ends
    /// zeroed as a power cut leaves a file, or empty, it does not.
    #[test]
    fn a_made_file_looks_whole_and_one_cut_short_or_zeroed_does_not() {
        let ends =
            |b: &[u8]| (b[..Encoding::ENDS].to_vec(), b[b.len() - Encoding::ENDS..].to_vec());
        for encoding in [Encoding::Jpeg, Encoding::Webp, Encoding::Png, Encoding::Ico] {
            let rendition = Rendition {
                path: format!("x.{}", encoding.extension()),
                width: 40,
                height: 30,
                encoding,
                shape: Shape::Resize,
                max_bytes: None,
            };
            let rgb: Vec<u8> = (0..40 * 30 * 3).map(|i| (i * 7 % 251) as u8).collect();
            let bytes = process::encode_rgb(rgb, 40, 30, &rendition.variant(80)).unwrap();
            let whole = |b: &[u8]| {
                let (head, tail) = ends(b);
                encoding.looks_whole(&head, &tail, b.len() as u64)
            };
            assert!(whole(&bytes), "{encoding:?}");
            assert!(!whole(&bytes[..bytes.len() - 1]), "{encoding:?} cut short");
            let mut zeroed = bytes.clone();
            zeroed.iter_mut().for_each(|b| *b = 0);
            assert!(!whole(&zeroed), "{encoding:?} zeroed");
            assert!(!encoding.looks_whole(&[], &[], 0), "{encoding:?} empty");
            // The first bytes written, the rest not yet: a WebP has no mark at its end, only
            // its length at its start, which such a file has right.
            let mut half = bytes.clone();
            let n = half.len();
            half[n / 2..].iter_mut().for_each(|b| *b = 0);
            assert_eq!(whole(&half), encoding == Encoding::Webp, "{encoding:?} half zeroed");
        }
    }

    #[test]
    fn widths_never_upscale() {
        let s = Settings::default();
        assert_eq!(widths(&s, 4000), [480, 960, 1600]);
        assert_eq!(widths(&s, 1200), [480, 960, 1200]);
        assert_eq!(widths(&s, 1600), [480, 960, 1600]);
        assert_eq!(widths(&s, 300), [300]);
        assert_eq!(widths(&s, 480), [480]);
    }

    #[test]
    fn focus_reads_words_and_fractions() {
        assert_eq!(Focus::parse("top"), Ok(Focus { x: 500, y: 0 }));
        assert_eq!(Focus::parse("Bawah kiri"), Ok(Focus { x: 0, y: 1000 }));
        assert_eq!(Focus::parse("0.5,0.3"), Ok(Focus { x: 500, y: 300 }));
        assert!(Focus::parse("1.5,0").is_err());
        assert!(Focus::parse("atasnya").is_err());
    }

    #[test]
    fn social_crops_are_as_large_as_the_photo_allows() {
        let r = social_renditions("a/", 4000, 3000, Focus::default());
        let sizes: Vec<_> = r.iter().map(|r| (r.width, r.height)).collect();
        assert_eq!(sizes, [(1200, 630), (1080, 1080), (1080, 1350)]);
        let r = social_renditions("a/", 800, 600, Focus::default());
        let sizes: Vec<_> = r.iter().map(|r| (r.width, r.height)).collect();
        assert_eq!(sizes, [(800, 420), (600, 600), (480, 600)]);
        let r = social_renditions("a/", 640, 480, Focus::default());
        let sizes: Vec<_> = r.iter().map(|r| (r.width, r.height)).collect();
        assert_eq!(sizes, [(640, 336), (480, 480), (384, 480)]);
        assert_eq!(crop_size(3000, 4000, 1200, 630), (1200, 630));
        assert_eq!(crop_size(1, 1, 1200, 630), (1, 1));
    }

    #[test]
    fn file_names_are_slugs_of_the_photo() {
        assert_eq!(stem("IMG 20230515 WA0012.JPG"), "img-20230515-wa0012");
        assert_eq!(stem("foto/Rapat Kerja.jpeg"), "foto/rapat-kerja");
        assert_eq!(stem("Foto Acara/IMG 1.JPG"), "foto-acara/img-1");
        assert_eq!(stem("..jpg"), "foto");
    }
}
