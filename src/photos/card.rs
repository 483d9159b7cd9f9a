//! The drawn social card: the picture a shared link shows (Open Graph, X, feeds) when a release
//! has no photo of its own. The card is an SVG template of the theme, so an office restyles it
//! without touching Rust; this module gives that template a `wrap_lines` filter (Tera cannot
//! measure text) and turns the rendered SVG into pixels with resvg, using only the theme's fonts
//! and the site's own files, so the same site gives the same card on every machine.

use std::collections::HashMap;
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use resvg::tiny_skia;
use resvg::usvg::{self, fontdb, roxmltree};

/// The largest SVG text `rasterize` accepts. A card is a few kilobytes; a logo embedded as a
/// `data:` URI may add a few hundred. Past this the template is broken, not ambitious.
const MAX_SVG_BYTES: usize = 8 * 1024 * 1024;

/// The largest side of the picture `rasterize` draws: twice the usual 1200×630 leaves room for
/// high-density cards while a typo in the caller (`1200_000`) fails instead of eating memory.
const MAX_SIDE: u32 = 4096;

/// How many distinct `<image href>` a card may ask `resource` for: a logo or two is normal,
/// hundreds would be a template looping over something it should not.
const MAX_IMAGES: usize = 16;

/// The most pixels an image on the card may have once decoded (a 4096×4096 logo): a larger one
/// is a mistake or a decompression bomb, and would cost gigabytes to decode.
const MAX_IMAGE_PIXELS: usize = 4096 * 4096;

/// The deepest nesting of elements `rasterize` accepts. A card nests a handful of levels; the
/// XML parser recurses once per level, so thousands of levels would overflow the stack, an
/// abort that no error handling can catch.
const MAX_DEPTH: usize = 256;

/// The mark that ends a title cut short.
const ELLIPSIS: &str = "…";

/// The fonts a card may use, loaded once from the theme's font files (never from the system:
/// output must not depend on the machine).
///
/// The generic families (`sans-serif`, `serif`, …) all name the first font loaded, so a
/// template that asks for a family the theme does not ship still gets the theme's font, in the
/// renderer and in [`wrap`] alike, rather than no text at all.
#[derive(Clone)]
pub struct Fonts {
    db: Arc<fontdb::Database>,
    /// The family of the first face loaded: the default of every text the template leaves
    /// without a `font-family`.
    default_family: String,
}

impl Fonts {
    /// Loads the font files (TTF, OTF or collections; WOFF2 is not readable). A file that is not
    /// a font is skipped: [`Fonts::is_empty`] tells the caller that nothing usable was given.
    /// The first font's family becomes the default, so give the files in a fixed order (sorted
    /// by name), never in the order a directory happens to list them.
    pub fn new(files: impl IntoIterator<Item = Vec<u8>>) -> Fonts {
        let mut db = fontdb::Database::new();
        for data in files {
            db.load_font_data(data);
        }
        let default_family = db
            .faces()
            .next()
            .and_then(|face| face.families.first())
            .map(|(name, _)| name.clone())
            .unwrap_or_default();
        if !default_family.is_empty() {
            db.set_serif_family(default_family.clone());
            db.set_sans_serif_family(default_family.clone());
            db.set_monospace_family(default_family.clone());
            db.set_cursive_family(default_family.clone());
            db.set_fantasy_family(default_family.clone());
        }
        Fonts { db: Arc::new(db), default_family }
    }

    /// True when no font could be loaded: a card would have no text.
    pub fn is_empty(&self) -> bool {
        self.db.is_empty()
    }
}

impl fmt::Debug for Fonts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fonts")
            .field("faces", &self.db.len())
            .field("default_family", &self.default_family)
            .finish()
    }
}

/// Breaks `text` into at most `max_lines` lines no wider than `width` px at `size` px in the
/// family `family` (weight `weight`), measured with the font's real advances (ttf-parser via
/// fontdb's face data; kerning optional); words are never split unless one word alone is too
/// wide; an overflowing last line ends with "…". Used as a Tera filter by the template.
///
/// `family` is a CSS list (`"Inter, sans-serif"`), matched as the renderer matches it, so the
/// face measured is the face drawn. Kerning is left out: in Latin text it mostly tightens pairs,
/// so a line measured without it is, if anything, a little wider than drawn. A character no
/// font of the card has is left out ([`drawable`]). Runs of white space count as one space;
/// a no-break space joins words. Empty text gives no lines. A `size` or `width` that is not a
/// positive number cannot be measured against: the text is then returned whole, on one line.
pub fn wrap(
    fonts: &Fonts,
    text: &str,
    family: &str,
    weight: u16,
    size: f32,
    width: f32,
    max_lines: usize,
) -> Vec<String> {
    let text = drawable(fonts, text);
    let mut words = words(&text).peekable();
    if max_lines == 0 || words.peek().is_none() {
        return Vec::new();
    }
    if !(size.is_finite() && size > 0.0 && width.is_finite() && width > 0.0) {
        return vec![words.collect::<Vec<_>>().join(" ")];
    }
    with_measure(fonts, family, weight, size, |measure| {
        fill(words.clone(), measure, width, max_lines)
    })
}

/// Runs `f` with the measure of the face the renderer would pick for `family` and `weight`
/// (the same fontdb query, ending with the default family as usvg's does), or with an average
/// advance when the theme has no font at all.
fn with_measure<T>(
    fonts: &Fonts,
    family: &str,
    weight: u16,
    size: f32,
    f: impl Fn(&Measure<'_>) -> T,
) -> T {
    let names = family_list(family);
    let mut families: Vec<fontdb::Family<'_>> = names.iter().map(|n| css_family(n)).collect();
    families.push(fontdb::Family::Serif);
    let query = fontdb::Query {
        families: &families,
        weight: fontdb::Weight(weight),
        stretch: fontdb::Stretch::Normal,
        style: fontdb::Style::Normal,
    };
    let measured = fonts.db.query(&query).and_then(|id| {
        fonts.db.with_face_data(id, |data, index| {
            let face = ttf_parser::Face::parse(data, index).ok()?;
            let scale = size / f32::from(face.units_per_em().max(1));
            Some(f(&Measure::Font { face: &face, scale }))
        })
    });
    measured.flatten().unwrap_or_else(|| f(&Measure::Estimate { size }))
}

/// `text` without the characters that no font of the card has, which the renderer would draw
/// as the font's box for a missing glyph: an emoji, most often, which the theme's fonts do not
/// draw (found by use, stop 75: "Juara Umum Lomba Kaligrafi 🏆" had a box of bars under it on
/// the picture every shared link shows). The page keeps them: a phone draws them there. Without
/// any font, nothing is left out: what a face lacks cannot be known.
fn drawable<'t>(fonts: &Fonts, text: &'t str) -> std::borrow::Cow<'t, str> {
    if text.is_ascii() || fonts.is_empty() {
        return text.into();
    }
    let mut missing: Vec<char> =
        text.chars().filter(|c| !c.is_ascii() && !c.is_whitespace()).collect();
    missing.sort_unstable();
    missing.dedup();
    for face in fonts.db.faces() {
        fonts.db.with_face_data(face.id, |data, index| {
            if let Ok(face) = ttf_parser::Face::parse(data, index) {
                missing.retain(|&c| face.glyph_index(c).is_none());
            }
        });
    }
    if missing.is_empty() {
        return text.into();
    }
    text.chars().filter(|c| missing.binary_search(c).is_err()).collect::<String>().into()
}

/// The words of `text`: split at white space, except the no-break spaces that a writer puts
/// exactly where a line must not break ("Rp 1.000", "15 Mei").
fn words(text: &str) -> impl Iterator<Item = &str> + Clone {
    text.split(|c: char| c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}'))
        .filter(|w| !w.is_empty())
}

/// The names of a CSS `font-family` list, unquoted.
fn family_list(family: &str) -> Vec<String> {
    family
        .split(',')
        .map(|n| n.trim().trim_matches(|c| c == '"' || c == '\'').trim().to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

/// A CSS family name as fontdb knows it: the generic keywords are the generic families.
fn css_family(name: &str) -> fontdb::Family<'_> {
    match name.to_ascii_lowercase().as_str() {
        "serif" => fontdb::Family::Serif,
        "sans-serif" => fontdb::Family::SansSerif,
        "monospace" => fontdb::Family::Monospace,
        "cursive" => fontdb::Family::Cursive,
        "fantasy" => fontdb::Family::Fantasy,
        _ => fontdb::Family::Name(name),
    }
}

/// How wide a string is, in px.
enum Measure<'a> {
    /// The real horizontal advances of the face's glyphs, scaled to the size.
    Font { face: &'a ttf_parser::Face<'a>, scale: f32 },
    /// Without a font: half an em or so per character, a typical average for Latin text.
    Estimate { size: f32 },
}

impl Measure<'_> {
    fn char(&self, c: char) -> f32 {
        match self {
            Measure::Font { face, scale } => {
                let glyph = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
                f32::from(face.glyph_hor_advance(glyph).unwrap_or(0)) * scale
            }
            Measure::Estimate { size } => {
                if is_mark(c) {
                    0.0
                } else {
                    size * 0.55
                }
            }
        }
    }

    fn str(&self, s: &str) -> f32 {
        s.chars().map(|c| self.char(c)).sum()
    }
}

/// Fills lines greedily with whole words; cuts a word only when it is wider than a line; stops
/// after `max_lines` lines and marks the last with "…" if words were left over.
fn fill<'t>(
    words: impl Iterator<Item = &'t str>,
    measure: &Measure<'_>,
    width: f32,
    max_lines: usize,
) -> Vec<String> {
    let space = measure.char(' ');
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut line_width = 0.0;
    for word in words {
        let word_width = measure.str(word);
        if !line.is_empty() && line_width + space + word_width <= width {
            line.push(' ');
            line.push_str(word);
            line_width += space + word_width;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            if lines.len() >= max_lines {
                return ellipsize(lines, measure, width);
            }
        }
        if word_width <= width {
            line = word.to_string();
            line_width = word_width;
            continue;
        }
        // One word wider than a line: the only case where a word is cut.
        let mut pieces = split_word(word, measure, width);
        let last = pieces.pop().unwrap_or_default();
        for piece in pieces {
            lines.push(piece);
            if lines.len() >= max_lines {
                return ellipsize(lines, measure, width);
            }
        }
        line_width = measure.str(&last);
        line = last;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Cuts a word too wide for a line into pieces that fit: after the last hyphen or slash that
/// fits ("Kemenag-|Kemendikbudristek"), else where the line is full, but never before a
/// combining mark (the accent stays with its letter).
fn split_word(word: &str, measure: &Measure<'_>, width: f32) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut rest = word;
    while !rest.is_empty() {
        let mut end = 0;
        let mut soft_end = None;
        let mut used = 0.0;
        for (i, c) in rest.char_indices() {
            let w = measure.char(c);
            if used + w > width && end > 0 && !is_mark(c) {
                break;
            }
            used += w;
            end = i + c.len_utf8();
            if matches!(c, '-' | '/' | '–' | '_') && end < rest.len() {
                soft_end = Some(end);
            }
        }
        let cut = if end < rest.len() { soft_end.unwrap_or(end) } else { end };
        pieces.push(rest[..cut].to_string());
        rest = &rest[cut..];
    }
    pieces
}

/// Ends the last line with "…", dropping its last words (or characters, for a single word) until
/// the mark fits, and the punctuation a cut leaves dangling ("Bali, …" reads as an error).
fn ellipsize(mut lines: Vec<String>, measure: &Measure<'_>, width: f32) -> Vec<String> {
    let Some(last) = lines.last_mut() else { return lines };
    let mark = measure.str(ELLIPSIS);
    let mut text = last.clone();
    while !text.is_empty() && measure.str(&text) + mark > width {
        match text.rfind(' ') {
            Some(space) => text.truncate(space),
            // One word left: drop its last letter, with the accents drawn on it.
            None => while text.pop().is_some_and(is_mark) {},
        }
    }
    let kept = text.trim_end_matches(|c: char| c.is_whitespace() || ",.;:-–—/(".contains(c));
    *last = format!("{kept}{ELLIPSIS}");
    lines
}

/// A combining character, drawn on the character before it: never the first of a line piece.
fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{300}'..='\u{36f}'
        | '\u{1ab0}'..='\u{1aff}'
        | '\u{1dc0}'..='\u{1dff}'
        | '\u{20d0}'..='\u{20ff}'
        | '\u{fe00}'..='\u{fe0f}'
        | '\u{fe20}'..='\u{fe2f}'
        | '\u{200d}')
}

/// Renders the SVG to `width`×`height` RGB8 pixels (row-major, alpha flattened onto white).
/// `resource` resolves an `<image href>` (for example "/img/logo.png", a site path) to its
/// bytes; unknown hrefs are dropped. No file or network access by resvg: the options carry the
/// theme's fonts and an image resolver that only asks `resource`; `data:` URIs are allowed.
///
/// The SVG is scaled to fit the picture keeping its proportions and centred, as a browser shows
/// an SVG `<img>`. An image may be PNG, JPEG, GIF, WebP or SVG (an SVG logo draws no images of
/// its own). The error says what is wrong with the SVG, with the line of the rendered SVG when
/// the XML itself is broken. Nothing panics: a renderer panic on hostile input becomes an error.
pub fn rasterize(
    svg: &str,
    fonts: &Fonts,
    width: u32,
    height: u32,
    resource: &dyn Fn(&str) -> Option<Arc<Vec<u8>>>,
) -> Result<Vec<u8>, String> {
    if !(1..=MAX_SIDE).contains(&width) || !(1..=MAX_SIDE).contains(&height) {
        return Err(format!(
            "a social card of {width}×{height} px cannot be drawn: each side must be between 1 \
             and {MAX_SIDE} px"
        ));
    }
    if svg.len() > MAX_SVG_BYTES {
        return Err(format!(
            "the social card's SVG is {} bytes, more than the {MAX_SVG_BYTES} allowed: does the \
             template embed a large image or repeat something in a loop?",
            svg.len()
        ));
    }
    // Entities could nest elements without limit once expanded, out of reach of the depth check.
    if svg.contains("<!ENTITY") {
        return Err("the social card declares XML entities (<!ENTITY …>), which a card does not \
                    support: write the text out instead"
            .into());
    }
    if nesting_depth(svg) > MAX_DEPTH {
        return Err(format!(
            "the social card nests elements more than {MAX_DEPTH} levels deep: simplify the \
             template"
        ));
    }
    catch_unwind(AssertUnwindSafe(|| draw(svg, fonts, width, height, resource))).unwrap_or_else(
        |_| {
            Err("the SVG renderer failed on the social card (resvg stopped on something in it: \
                 look for extreme sizes or filter regions)"
                .into())
        },
    )
}

/// The deepest nesting of elements in `svg`, counted on the text itself, before any parser
/// recurses into it. Comments, CDATA, processing instructions and declarations are skipped, and
/// quotes are honoured inside a tag. It never counts less than the parser would nest: a close
/// tag the parser would reject stops the parser at once.
fn nesting_depth(svg: &str) -> usize {
    let bytes = svg.as_bytes();
    let (mut i, mut depth, mut deepest) = (0, 0usize, 0);
    // The end of `close` searched from `from`, or the end of the text.
    let skip_to = |from: usize, close: &str| {
        svg.get(from..)
            .and_then(|rest| rest.find(close))
            .map_or(svg.len(), |at| from + at + close.len())
    };
    while let Some(at) = bytes.get(i..).and_then(|rest| rest.iter().position(|&b| b == b'<')) {
        i += at;
        let rest = &svg[i..];
        if rest.starts_with("<!--") {
            i = skip_to(i + 4, "-->");
        } else if rest.starts_with("<![CDATA[") {
            i = skip_to(i + 9, "]]>");
        } else if rest.starts_with("<?") {
            i = skip_to(i + 2, "?>");
        } else if rest.starts_with("<!") {
            i = skip_to(i + 2, ">");
        } else if rest.starts_with("</") {
            depth = depth.saturating_sub(1);
            i += 2;
        } else {
            // A start tag: up to its '>', outside quoted attribute values.
            let mut quote = None;
            let mut end = i + 1;
            while let Some(&b) = bytes.get(end) {
                match (quote, b) {
                    (None, b'"' | b'\'') => quote = Some(b),
                    (Some(q), b) if b == q => quote = None,
                    (None, b'>') => break,
                    _ => {}
                }
                end += 1;
            }
            if bytes.get(end.wrapping_sub(1)) != Some(&b'/') || end == i + 1 {
                depth += 1;
                deepest = deepest.max(depth);
            }
            i = end + 1;
        }
    }
    deepest
}

/// Parses, resolves the images, draws and flattens: the body of [`rasterize`].
fn draw(
    svg: &str,
    fonts: &Fonts,
    width: u32,
    height: u32,
    resource: &dyn Fn(&str) -> Option<Arc<Vec<u8>>>,
) -> Result<Vec<u8>, String> {
    let xml = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
    let doc = roxmltree::Document::parse_with_options(svg, xml).map_err(xml_error)?;
    // usvg wants a resolver that is Send + Sync; `resource` need not be. So the images are
    // fetched before parsing, and the resolver only reads this map.
    let images = fetch_images(&doc, resource)?;
    let mut options = usvg::Options {
        fontdb: fonts.db.clone(),
        resources_dir: None,
        font_family: fonts.default_family.clone(),
        ..Default::default()
    };
    options.image_href_resolver.resolve_string =
        Box::new(move |href, opts| images.get(href).and_then(|data| image_kind(data, opts)));
    // A `data:` image goes through the same checks; its MIME type is not trusted either.
    options.image_href_resolver.resolve_data =
        Box::new(|_mime, data, opts| image_kind(&data, opts));
    let tree = usvg::Tree::from_xmltree(&doc, &options).map_err(|e| match e {
        usvg::Error::ParsingFailed(e) => xml_error(e),
        usvg::Error::InvalidSize => "the social card's <svg> element has no usable size: give it \
                                     width=\"1200\" height=\"630\" or a viewBox"
            .to_string(),
        usvg::Error::ElementsLimitReached => "the social card has too many SVG elements (after \
                                              expanding every <use>): simplify the template"
            .to_string(),
        other => format!("the social card is not valid SVG: {other}"),
    })?;
    let mut pixmap = tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| format!("cannot allocate a {width}×{height} picture"))?;
    let size = tree.size();
    let scale = (width as f32 / size.width()).min(height as f32 / size.height());
    let dx = (width as f32 - size.width() * scale) / 2.0;
    let dy = (height as f32 - size.height() * scale) / 2.0;
    let transform = tiny_skia::Transform::from_row(scale, 0.0, 0.0, scale, dx, dy);
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    Ok(flatten(pixmap.data()))
}

/// The bytes of every `<image>` the SVG names (other than `data:` URIs, which carry their
/// bytes), as `resource` gives them. An href `resource` does not know is left out: usvg then
/// skips that image, as a browser would skip a broken one. An image too large to decode is an
/// error here, where it can still be told.
fn fetch_images(
    doc: &roxmltree::Document<'_>,
    resource: &dyn Fn(&str) -> Option<Arc<Vec<u8>>>,
) -> Result<HashMap<String, Arc<Vec<u8>>>, String> {
    let mut images = HashMap::new();
    let mut asked = 0;
    for node in doc.descendants().filter(|n| n.has_tag_name("image")) {
        for attr in node.attributes().filter(|a| a.name() == "href") {
            let href = attr.value();
            if href.starts_with("data:") || images.contains_key(href) {
                continue;
            }
            asked += 1;
            if asked > MAX_IMAGES {
                return Err(format!(
                    "the social card refers to more than {MAX_IMAGES} different images"
                ));
            }
            if let Some(data) = resource(href) {
                if let Some((w, h)) = too_large(&data) {
                    return Err(format!(
                        "the image {href} is {w}×{h} px, more than a drawn image may have \
                         ({MAX_IMAGE_PIXELS} pixels): use a smaller file"
                    ));
                }
                if let Some(why) = unreadable(&data) {
                    return Err(format!("the image {href} {why}: replace it"));
                }
                images.insert(href.to_string(), data);
            }
        }
    }
    Ok(images)
}

/// What kind of picture `data` is, from its first bytes (a file name or MIME type may lie), or
/// `None` to drop it: a raster image larger than [`MAX_IMAGE_PIXELS`], or an SVG that is not
/// plain UTF-8 text (svgz) or fails the checks of the card itself. An SVG logo is drawn with
/// the card's fonts and may not load images of its own.
fn image_kind(data: &Arc<Vec<u8>>, opts: &usvg::Options<'_>) -> Option<usvg::ImageKind> {
    if too_large(data).is_some() {
        return None;
    }
    let head = data.get(..12).unwrap_or(data);
    if head.starts_with(b"\x89PNG") {
        Some(usvg::ImageKind::PNG(data.clone()))
    } else if head.starts_with(b"\xff\xd8\xff") {
        Some(usvg::ImageKind::JPEG(data.clone()))
    } else if head.starts_with(b"GIF8") {
        Some(usvg::ImageKind::GIF(data.clone()))
    } else if head.starts_with(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        Some(usvg::ImageKind::WEBP(data.clone()))
    } else {
        let text = std::str::from_utf8(data).ok()?;
        if text.contains("<!ENTITY") || nesting_depth(text) > MAX_DEPTH {
            return None;
        }
        let mut sub = usvg::Options {
            fontdb: opts.fontdb.clone(),
            font_family: opts.font_family.clone(),
            ..Default::default()
        };
        sub.image_href_resolver.resolve_string = Box::new(|_, _| None);
        sub.image_href_resolver.resolve_data = Box::new(|_, _, _| None);
        usvg::Tree::from_str(text, &sub).ok().map(usvg::ImageKind::SVG)
    }
}

/// Why a file of the site an `<image>` names (a logo) cannot be drawn, where resvg would
/// leave a blank in its place without a word: a JPEG, PNG or WebP cut short or broken (its
/// structure walked, not decoded, [`super::inspect::inspect`]), or a file that is neither one
/// of them, a GIF nor an SVG that parses. `None` when it can be drawn.
fn unreadable(data: &[u8]) -> Option<String> {
    let head = data.get(..12).unwrap_or(data);
    let raster = head.starts_with(b"\x89PNG")
        || head.starts_with(b"\xff\xd8\xff")
        || (head.starts_with(b"RIFF") && head.get(8..12) == Some(b"WEBP"));
    if raster {
        return super::inspect::inspect(data, u64::MAX).err().map(|e| e.to_string());
    }
    if head.starts_with(b"GIF8") {
        return None;
    }
    let Some(text) = std::str::from_utf8(data).ok().filter(|t| t.contains("<svg")) else {
        return Some("is not a PNG, JPEG, WebP, GIF or SVG image that can be read".to_string());
    };
    // The checks `image_kind` makes before it parses, so that a hostile file cannot overflow
    // the parser's stack here either.
    if text.contains("<!ENTITY") {
        return Some("is an SVG that declares entities, which warta does not read".to_string());
    }
    if nesting_depth(text) > MAX_DEPTH {
        return Some(format!("is an SVG nested more than {MAX_DEPTH} elements deep"));
    }
    // Well-formed XML is what tells a logo from a broken file here; `image_kind` makes the
    // drawing's tree of it, once per card, and a full usvg parse here too would double that
    // for every card of a large site's first build.
    // Illustrator writes a DOCTYPE before the <svg>; entities were refused above.
    let xml = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
    match roxmltree::Document::parse_with_options(text, xml) {
        Ok(_) => None,
        Err(e) => Some(format!("is not an SVG image that can be read ({e})")),
    }
}

/// The width and height of a raster image whose header promises more than
/// [`MAX_IMAGE_PIXELS`] (read without decoding it).
fn too_large(data: &[u8]) -> Option<(usize, usize)> {
    let size = imagesize::blob_size(data).ok()?;
    (size.width.saturating_mul(size.height) > MAX_IMAGE_PIXELS).then_some((size.width, size.height))
}

/// A broken XML document, told with the line and column of the rendered SVG where it has one.
fn xml_error(e: roxmltree::Error) -> String {
    use roxmltree::Error as E;
    if let E::NodesLimitReached | E::AttributesLimitReached | E::NamespacesLimitReached = e {
        return "the social card has too many elements or nests them too deeply (after \
                expanding every <use>): simplify the template"
            .into();
    }
    if let E::NoRootNode | E::UnclosedRootNode | E::DtdDetected = e {
        return format!("the social card is not well-formed SVG: {e}");
    }
    let pos = e.pos();
    let message = e.to_string();
    let message = message.strip_suffix(&format!(" at {pos}")).unwrap_or(&message);
    format!(
        "the social card is not well-formed SVG: line {}, column {}: {message}",
        pos.row, pos.col
    )
}

/// Premultiplied RGBA to RGB over white: each channel plus white times the transparency.
/// A plain loop over indexes, not iterators (not even a range's): a card is 756,000 pixels,
/// and in the tests' build (optimised a little, to compile quickly) each iterator step is a
/// call with its checks, and was most of the time the tests spent drawing cards.
fn flatten(rgba: &[u8]) -> Vec<u8> {
    let pixels = rgba.len() / 4;
    let mut rgb = vec![0; pixels * 3];
    let mut i = 0;
    while i < pixels {
        let (from, to) = (4 * i, 3 * i);
        let white = 255 - rgba[from + 3];
        rgb[to] = rgba[from].saturating_add(white);
        rgb[to + 1] = rgba[from + 1].saturating_add(white);
        rgb[to + 2] = rgba[from + 2].saturating_add(white);
        i += 1;
    }
    rgb
}

/// Registers the `wrap_lines` filter on a Tera instance:
/// `{{ card.title | wrap_lines(size=64, width=1040, max_lines=4, family="…", weight=700) }}`
/// → array of strings.
///
/// `size` and `width` are required; `max_lines` defaults to 3, `family` to the theme's font,
/// `weight` to 400. A missing value (`null`) wraps to no lines; a number is wrapped as its text.
pub fn register(tera: &mut tera::Tera, fonts: Arc<Fonts>) {
    tera.register_filter(
        "wrap_lines",
        move |value: &tera::Value, args: &HashMap<String, tera::Value>| {
            let text = match value {
                tera::Value::String(s) => s.clone(),
                tera::Value::Null => String::new(),
                tera::Value::Number(n) => n.to_string(),
                other => {
                    return Err(tera::Error::msg(format!(
                        "wrap_lines: expects a text to wrap, got {other}"
                    )))
                }
            };
            let size = number(args, "size", None)?;
            let width = number(args, "width", None)?;
            let max_lines = number(args, "max_lines", Some(3.0))?;
            let weight = number(args, "weight", Some(400.0))?;
            let family = match args.get("family") {
                None | Some(tera::Value::Null) => String::new(),
                Some(tera::Value::String(s)) => s.clone(),
                Some(other) => {
                    return Err(tera::Error::msg(format!(
                        "wrap_lines: `family` must be a font family name, got {other}"
                    )))
                }
            };
            // Saturating casts: a negative or huge number is clamped, never wrapped around.
            let lines = wrap(
                &fonts,
                &text,
                &family,
                weight.clamp(1.0, 1000.0) as u16,
                size as f32,
                width as f32,
                max_lines.max(0.0) as usize,
            );
            Ok(tera::Value::Array(lines.into_iter().map(tera::Value::String).collect()))
        },
    );
}

/// A number argument of `wrap_lines`, or its default; an error that names it when it is missing
/// or not a number.
fn number(
    args: &HashMap<String, tera::Value>,
    name: &str,
    default: Option<f64>,
) -> tera::Result<f64> {
    match (args.get(name), default) {
        (Some(tera::Value::Number(n)), _) => n
            .as_f64()
            .ok_or_else(|| tera::Error::msg(format!("wrap_lines: `{name}` is out of range"))),
        (Some(other), _) => {
            Err(tera::Error::msg(format!("wrap_lines: `{name}` must be a number, got {other}")))
        }
        (None, Some(default)) => Ok(default),
        (None, None) => Err(tera::Error::msg(format!(
            "wrap_lines: the argument `{name}` is required, as in \
             wrap_lines(size=64, width=1040, max_lines=4)"
        ))),
    }
}

#[cfg(test)]
mod tests;
