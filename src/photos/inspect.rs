//! What a photo says about itself (format, displayed size, orientation, caption, credit), read
//! from the container's structure without decoding a pixel. Press offices drop camera files
//! straight into content/, so this is also the gate that refuses renamed documents, cut-short
//! uploads and decompression bombs before anything allocates for the pixels.

use std::panic::{catch_unwind, AssertUnwindSafe};

/// The containers warta reads, sniffed from the first bytes: a `.jpg` that is really a PNG (as
/// messaging apps and screenshot tools produce) is read as the PNG it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// JPEG/JFIF/EXIF: `FF D8 FF`.
    Jpeg,
    /// PNG: the 8-byte signature.
    Png,
    /// WebP: `RIFF....WEBP`.
    Webp,
}

/// The facts the build needs before (and often instead of) decoding: page markup wants the
/// displayed size for `width`/`height` attributes and the caption and credit for the figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspected {
    /// The container, from its magic bytes.
    pub format: Format,
    /// Width as displayed: EXIF orientation 5–8 swaps the stored width and height, because a
    /// phone held upright stores a landscape frame plus "rotate me".
    pub width: u32,
    /// Height as displayed (see `width`).
    pub height: u32,
    /// EXIF orientation 1..=8 (1 when absent or invalid), to be applied to the stored pixels.
    pub orientation: u8,
    /// Caption: IPTC 2:120 (Caption-Abstract), else XMP `dc:description`, else EXIF
    /// ImageDescription; camera boilerplate ("OLYMPUS DIGITAL CAMERA") counts as none.
    pub caption: Option<String>,
    /// Credit: IPTC 2:110 (Credit), else 2:80 (By-line), else EXIF Artist, cleaned the same way.
    pub credit: Option<String>,
}

/// Why a photo cannot be used. The messages are for a PR officer, not a programmer, and leave
/// out the file name: the caller puts it in front ("content/2024/foto.jpg is not a photo: …").
#[derive(Debug, thiserror::Error)]
pub enum PhotoError {
    /// The bytes are not JPEG, PNG or WebP, whatever the file is called.
    #[error(
        "is not a photo: its content is not JPEG, PNG or WebP (is it a renamed document, or an \
         iPhone HEIC photo that needs exporting as JPEG?)"
    )]
    NotAnImage,
    /// Truncated or broken; the text says what is wrong, in the decoder's words if it had some.
    #[error("cannot be read: {0}")]
    Corrupt(String),
    /// More pixels than `photos.max_megapixels` allows, refused from the header alone so a
    /// decompression bomb costs nothing.
    #[error(
        "is {width} × {height} pixels ({}); the limit is {} (site.yaml photos.max_megapixels)",
        megapixels(u64::from(*.width) * u64::from(*.height)),
        megapixels(*.max_pixels)
    )]
    TooLarge {
        /// Width as stored in the header.
        width: u32,
        /// Height as stored in the header.
        height: u32,
        /// The limit in force, in pixels.
        max_pixels: u64,
    },
    /// A variant could not be made from a readable photo: a size of zero, over `max_pixels` or
    /// beyond what the format holds (JPEG 65,535 px, WebP 16,383 px a side), i.e. a theme or
    /// configuration mistake; or, should it ever happen, an encoder failure.
    #[error("could not be converted for the web: {0}")]
    Encode(String),
}

/// "10000 megapixels", "12.2 megapixels", "50 megapixels": whole numbers once the decimal stops
/// mattering.
fn megapixels(pixels: u64) -> String {
    let mp = pixels as f64 / 1e6;
    let text = if mp >= 100.0 { format!("{mp:.0}") } else { format!("{mp:.1}") };
    format!("{} megapixels", text.strip_suffix(".0").unwrap_or(&text))
}

/// Reads the format, size, orientation, caption and credit of a photo without decoding pixels.
///
/// Fails with [`PhotoError::TooLarge`] as soon as the header's size exceeds `max_pixels`, with
/// [`PhotoError::NotAnImage`] for anything but JPEG, PNG or WebP, and with
/// [`PhotoError::Corrupt`] for a broken or cut-short container: the JPEG walk follows the
/// entropy-coded data to the EOI marker, PNG must reach IEND and WebP must be as long as its RIFF
/// header says. That is a scan for `0xFF` bytes, a few milliseconds for a phone photo, and it
/// catches the truncated upload that zune-jpeg would otherwise decode into grey without a word.
pub fn inspect(bytes: &[u8], max_pixels: u64) -> Result<Inspected, PhotoError> {
    let container = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        read_jpeg(bytes, max_pixels)?
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        read_png(bytes, max_pixels)?
    } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        read_webp(bytes, max_pixels)?
    } else {
        return Err(PhotoError::NotAnImage);
    };
    let exif = container.exif.and_then(parse_exif);
    let orientation = exif.as_ref().and_then(orientation_of).unwrap_or(1);
    let (width, height) = if orientation >= 5 {
        (container.height, container.width)
    } else {
        (container.width, container.height)
    };
    let iptc = Iptc::parse(&container.photoshop);
    let from_exif = |tag| exif.as_ref().and_then(|e| exif_text(e, tag));
    let caption = iptc
        .caption
        .or_else(|| container.xmp.and_then(xmp_description))
        .or_else(|| from_exif(exif::Tag::ImageDescription));
    let credit = iptc.credit.or(iptc.byline).or_else(|| from_exif(exif::Tag::Artist));
    Ok(Inspected { format: container.format, width, height, orientation, caption, credit })
}

/// What the container walk found: stored size and the raw metadata blocks, still unparsed.
struct Container<'a> {
    format: Format,
    width: u32,
    height: u32,
    /// TIFF-structured EXIF data (after any `Exif\0\0` prefix).
    exif: Option<&'a [u8]>,
    /// The XMP packet.
    xmp: Option<&'a [u8]>,
    /// Photoshop image resources from every JPEG APP13 segment, concatenated: a large IPTC
    /// block continues in the next segment after a repeated `Photoshop 3.0\0` header.
    photoshop: Vec<u8>,
}

impl<'a> Container<'a> {
    fn new(format: Format, width: u32, height: u32) -> Self {
        Container { format, width, height, exif: None, xmp: None, photoshop: Vec::new() }
    }
}

pub(super) const EXIF_PREFIX: &[u8] = b"Exif\0\0";
const XMP_PREFIX: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";
const PHOTOSHOP_PREFIX: &[u8] = b"Photoshop 3.0\0";

fn cut_short() -> PhotoError {
    PhotoError::Corrupt("the file is cut short (was the upload or copy interrupted?)".into())
}

fn corrupt(what: &str) -> PhotoError {
    PhotoError::Corrupt(what.into())
}

fn check_size(width: u32, height: u32, max_pixels: u64) -> Result<(), PhotoError> {
    if width == 0 || height == 0 {
        return Err(corrupt("its header gives it no width or no height"));
    }
    if u64::from(width) * u64::from(height) > max_pixels {
        return Err(PhotoError::TooLarge { width, height, max_pixels });
    }
    Ok(())
}

fn be16(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*bytes.get(at)?, *bytes.get(at.checked_add(1)?)?]))
}

fn be32(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

fn le32(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// Walks JPEG segments from SOI to EOI, through every scan's entropy-coded data.
fn read_jpeg(bytes: &[u8], max_pixels: u64) -> Result<Container<'_>, PhotoError> {
    let mut jpeg = Container::new(Format::Jpeg, 0, 0);
    let mut framed = false;
    let mut scanned = false;
    let mut pos = 2;
    loop {
        // libjpeg skips stray bytes between segments with a warning; so do we.
        let rest = bytes.get(pos..).ok_or_else(cut_short)?;
        pos += rest.iter().position(|&b| b == 0xFF).ok_or_else(cut_short)?;
        while bytes.get(pos) == Some(&0xFF) {
            pos += 1;
        }
        let marker = *bytes.get(pos).ok_or_else(cut_short)?;
        pos += 1;
        match marker {
            0xD9 => break,
            // Standalone markers: no length follows.
            0x00 | 0x01 | 0xD0..=0xD8 => continue,
            _ => {}
        }
        let len = usize::from(be16(bytes, pos).ok_or_else(cut_short)?);
        if len < 2 {
            return Err(corrupt("a JPEG segment has an impossible length"));
        }
        let end = pos + len;
        let data = bytes.get(pos + 2..end).ok_or_else(cut_short)?;
        pos = end;
        match marker {
            // SOF0..SOF15 less DHT (C4), JPG (C8) and DAC (CC).
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                if framed {
                    continue; // only the first frame counts, as for decoders
                }
                jpeg.height = u32::from(be16(data, 1).ok_or_else(cut_short)?);
                jpeg.width = u32::from(be16(data, 3).ok_or_else(cut_short)?);
                check_size(jpeg.width, jpeg.height, max_pixels)?;
                framed = true;
            }
            0xE1 if jpeg.exif.is_none() && data.starts_with(EXIF_PREFIX) => {
                jpeg.exif = Some(&data[EXIF_PREFIX.len()..]);
            }
            0xE1 if jpeg.xmp.is_none() && data.starts_with(XMP_PREFIX) => {
                jpeg.xmp = Some(&data[XMP_PREFIX.len()..]);
            }
            0xED if data.starts_with(PHOTOSHOP_PREFIX) => {
                jpeg.photoshop.extend_from_slice(&data[PHOTOSHOP_PREFIX.len()..]);
            }
            0xDA => {
                if !framed {
                    return Err(corrupt("its image data comes before its header"));
                }
                pos = skip_entropy_coded(bytes, pos).ok_or_else(cut_short)?;
                scanned = true;
            }
            _ => {}
        }
    }
    if scanned {
        Ok(jpeg)
    } else {
        Err(corrupt("it ends before any image data"))
    }
}

/// The position of the marker that ends a scan: the first `0xFF` not followed by a stuffed
/// `0x00`, a restart marker or another fill `0xFF`. `None` when the file ends first.
fn skip_entropy_coded(bytes: &[u8], mut pos: usize) -> Option<usize> {
    loop {
        let ff = pos + bytes.get(pos..)?.iter().position(|&b| b == 0xFF)?;
        match *bytes.get(ff + 1)? {
            0x00 | 0xD0..=0xD7 | 0xFF => pos = ff + 1,
            _ => return Some(ff),
        }
    }
}

/// Walks PNG chunks from IHDR to IEND. The CRCs are left to the decoder.
fn read_png(bytes: &[u8], max_pixels: u64) -> Result<Container<'_>, PhotoError> {
    if bytes.get(12..16) != Some(b"IHDR".as_slice()) {
        return Err(if bytes.len() < 16 {
            cut_short()
        } else {
            corrupt("its PNG header is missing")
        });
    }
    let width = be32(bytes, 16).ok_or_else(cut_short)?;
    let height = be32(bytes, 20).ok_or_else(cut_short)?;
    check_size(width, height, max_pixels)?;
    let mut png = Container::new(Format::Png, width, height);
    let mut has_data = false;
    let mut pos = 8;
    loop {
        let len = usize::try_from(be32(bytes, pos).ok_or_else(cut_short)?)
            .map_err(|_| corrupt("a PNG chunk has an impossible length"))?;
        let kind = bytes.get(pos + 4..pos + 8).ok_or_else(cut_short)?;
        let start = pos + 8;
        let end = start.checked_add(len).ok_or_else(cut_short)?;
        let data = bytes.get(start..end).ok_or_else(cut_short)?;
        // The CRC must be there too, or the decoder will fail on the last chunk.
        pos = end.checked_add(4).filter(|&p| p <= bytes.len()).ok_or_else(cut_short)?;
        match kind {
            b"IDAT" => has_data = true,
            b"IEND" => break,
            b"eXIf" if png.exif.is_none() => png.exif = Some(data),
            b"iTXt" if png.xmp.is_none() => png.xmp = png_xmp(data),
            _ => {}
        }
    }
    if has_data {
        Ok(png)
    } else {
        Err(corrupt("it has no image data"))
    }
}

/// The XMP packet of an iTXt chunk keyed `XML:com.adobe.xmp`, when stored uncompressed (as
/// every writer does, so that it can be found by scanning).
fn png_xmp(data: &[u8]) -> Option<&[u8]> {
    let rest = data.strip_prefix(b"XML:com.adobe.xmp\0")?;
    // Compression flag and method, then a language tag and a translated keyword, each NUL-ended.
    let (&flag, rest) = rest.split_first()?;
    if flag != 0 {
        return None;
    }
    let rest = rest.get(1..)?;
    let rest = &rest[rest.iter().position(|&b| b == 0)? + 1..];
    Some(&rest[rest.iter().position(|&b| b == 0)? + 1..])
}

/// Walks the RIFF chunks of a WebP file.
fn read_webp(bytes: &[u8], max_pixels: u64) -> Result<Container<'_>, PhotoError> {
    let (width, height) = webp_size(bytes).ok_or_else(|| {
        if bytes.len() < 30 {
            cut_short()
        } else {
            corrupt("its WebP header is missing or broken")
        }
    })?;
    check_size(width, height, max_pixels)?;
    let riff_len = le32(bytes, 4).and_then(|n| usize::try_from(n).ok()).ok_or_else(cut_short)?;
    let end = riff_len.checked_add(8).filter(|&e| e <= bytes.len()).ok_or_else(cut_short)?;
    let mut webp = Container::new(Format::Webp, width, height);
    let mut pos = 12;
    while pos + 8 <= end {
        let kind = &bytes[pos..pos + 4];
        let len =
            le32(bytes, pos + 4).and_then(|n| usize::try_from(n).ok()).ok_or_else(cut_short)?;
        let data_end = (pos + 8).checked_add(len).filter(|&e| e <= end).ok_or_else(cut_short)?;
        let data = &bytes[pos + 8..data_end];
        match kind {
            b"EXIF" if webp.exif.is_none() => {
                webp.exif = Some(data.strip_prefix(EXIF_PREFIX).unwrap_or(data));
            }
            b"XMP " if webp.xmp.is_none() => webp.xmp = Some(data),
            _ => {}
        }
        pos = data_end + (len & 1);
    }
    Ok(webp)
}

/// The canvas size from the first chunk: VP8X (extended), VP8 (lossy) or VP8L (lossless).
fn webp_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let kind = bytes.get(12..16)?;
    let data = bytes.get(20..)?;
    let le24 = |at: usize| -> Option<u32> {
        let b = data.get(at..at + 3)?;
        Some(u32::from(b[0]) | u32::from(b[1]) << 8 | u32::from(b[2]) << 16)
    };
    match kind {
        b"VP8X" => Some((le24(4)? + 1, le24(7)? + 1)),
        b"VP8 " => {
            if data.get(3..6)? != [0x9D, 0x01, 0x2A] {
                return None;
            }
            let w = u16::from_le_bytes([*data.get(6)?, *data.get(7)?]) & 0x3FFF;
            let h = u16::from_le_bytes([*data.get(8)?, *data.get(9)?]) & 0x3FFF;
            Some((u32::from(w), u32::from(h)))
        }
        b"VP8L" => {
            if *data.first()? != 0x2F {
                return None;
            }
            let bits = le32(data, 1)?;
            Some(((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1))
        }
        _ => None,
    }
}

/// The orientation an EXIF block gives, 1 to 8.
fn orientation_of(exif: &exif::Exif) -> Option<u8> {
    exif.get_field(exif::Tag::Orientation, exif::In::PRIMARY)
        .and_then(|f| f.value.get_uint(0))
        .and_then(|o| u8::try_from(o).ok())
        .filter(|o| (1..=8).contains(o))
}

/// The orientation of an EXIF block (TIFF, without the `Exif\0\0` of JPEG's), 1 to 8.
pub(super) fn parse_exif_orientation(tiff: &[u8]) -> Option<u8> {
    parse_exif(tiff).as_ref().and_then(orientation_of)
}

/// EXIF through kamadak-exif, keeping what parsed when a later IFD (often a maker note) is
/// broken: the orientation is in IFD0 and matters more than the rest. A parser panic on hostile
/// bytes is caught and counts as no EXIF, since one bad photo must not take the build down.
fn parse_exif(tiff: &[u8]) -> Option<exif::Exif> {
    let data = tiff.to_vec();
    catch_unwind(AssertUnwindSafe(|| {
        exif::Reader::new()
            .continue_on_error(true)
            .read_raw(data)
            .or_else(|e| e.distill_partial_result(|_| {}))
            .ok()
    }))
    .ok()
    .flatten()
}

fn exif_text(exif: &exif::Exif, tag: exif::Tag) -> Option<String> {
    match &exif.get_field(tag, exif::In::PRIMARY)?.value {
        exif::Value::Ascii(parts) => parts.iter().find_map(|p| clean(&decode_text(p, false))),
        exif::Value::Byte(raw) | exif::Value::Undefined(raw, _) => clean(&decode_text(raw, false)),
        _ => None,
    }
}

/// The IPTC IIM fields warta shows, from Photoshop image resource 0x0404.
#[derive(Debug, Default)]
struct Iptc {
    caption: Option<String>,
    credit: Option<String>,
    byline: Option<String>,
}

impl Iptc {
    fn parse(photoshop: &[u8]) -> Self {
        let Some(iim) = photoshop_resource(photoshop, 0x0404) else { return Iptc::default() };
        let mut records: Vec<(u8, u8, &[u8])> = Vec::new();
        let mut pos = 0;
        while let (Some(&0x1C), Some(&record), Some(&dataset), Some(len)) =
            (iim.get(pos), iim.get(pos + 1), iim.get(pos + 2), be16(iim, pos + 3))
        {
            pos += 5;
            let len = if len & 0x8000 == 0 {
                usize::from(len)
            } else {
                // Extended dataset: the low 15 bits count the bytes of the real length.
                let n = usize::from(len & 0x7FFF);
                let Some(bytes) = iim.get(pos..pos + n).filter(|_| n <= 4) else { break };
                pos += n;
                bytes.iter().fold(0, |acc, &b| acc << 8 | usize::from(b))
            };
            let Some(data) = iim.get(pos..pos.saturating_add(len)) else { break };
            pos += len;
            records.push((record, dataset, data));
        }
        // 1:90 CodedCharacterSet `ESC % G` declares UTF-8; without it IIM text is whatever the
        // writing program used, in practice Latin-1/Windows-1252 (see `decode_text`).
        let utf8 = records.iter().any(|&(r, d, v)| (r, d) == (1, 90) && v == b"\x1b%G");
        let field = |dataset: u8| {
            let values = records
                .iter()
                .filter(|&&(r, d, _)| r == 2 && d == dataset)
                .filter_map(|&(_, _, v)| clean(&decode_text(v, utf8)));
            let mut joined: Vec<String> = Vec::new();
            for value in values {
                if !joined.contains(&value) {
                    joined.push(value);
                }
            }
            Some(joined.join(", ")).filter(|s| !s.is_empty())
        };
        // By-line is repeatable (one per photographer); the others are not, but writers repeat
        // them anyway and joining the distinct values loses nothing.
        Iptc { caption: field(120), credit: field(110), byline: field(80) }
    }
}

/// The data of one Photoshop image resource (`8BIM`, id, padded Pascal name, size, data).
fn photoshop_resource(irb: &[u8], wanted: u16) -> Option<&[u8]> {
    let mut pos = 0;
    while pos + 12 <= irb.len() {
        let id = be16(irb, pos + 4)?;
        let name_len = usize::from(*irb.get(pos + 6)?);
        let size_at = pos + 6 + (name_len + 2) / 2 * 2;
        let size = usize::try_from(be32(irb, size_at)?).ok()?;
        let start = size_at + 4;
        let data = irb.get(start..start.checked_add(size)?.min(irb.len()))?;
        if id == wanted {
            return Some(data);
        }
        pos = start.saturating_add(size).saturating_add(size & 1);
    }
    None
}

/// `dc:description`'s default-language text from an XMP packet, by plain search: the packet is
/// RDF/XML with a fixed shape for this property in every writer seen (Lightroom, Photoshop,
/// exiftool, Photo Mechanic), and a full XML parse is not worth a dependency here.
fn xmp_description(xmp: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(xmp).ok()?;
    let start = text.find("<dc:description")?;
    let block = &text[start..];
    let block = &block[..block.find("</dc:description>")?];
    let mut first = None;
    let mut rest = block;
    while let Some(at) = rest.find("<rdf:li") {
        let item = &rest[at..];
        let open_end = item.find('>')?;
        let close = item.find("</rdf:li>")?;
        let value = item.get(open_end + 1..close)?;
        if item[..open_end].contains("x-default") {
            return clean(&unescape_xml(value));
        }
        first = first.or(Some(value));
        rest = &item[close..];
    }
    clean(&unescape_xml(first?))
}

fn unescape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let entity = &rest[amp..];
        let Some(semi) = entity.find(';').filter(|&s| s <= 10) else {
            out.push('&');
            rest = &entity[1..];
            continue;
        };
        let name = &entity[1..semi];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => name
                .strip_prefix("#x")
                .map(|hex| u32::from_str_radix(hex, 16))
                .or_else(|| name.strip_prefix('#').map(str::parse::<u32>))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &entity[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &entity[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Text from a metadata field: UTF-8 when declared or when the bytes are valid UTF-8 (valid
/// multi-byte UTF-8 almost never arises from Latin-1 text, while phones write UTF-8 without
/// declaring it), else Windows-1252, the superset of Latin-1 that Windows tools really write.
fn decode_text(raw: &[u8], declared_utf8: bool) -> String {
    match std::str::from_utf8(raw) {
        Ok(text) => text.to_owned(),
        Err(_) if declared_utf8 => String::from_utf8_lossy(raw).into_owned(),
        Err(_) => raw.iter().map(|&b| windows_1252(b)).collect(),
    }
}

fn windows_1252(byte: u8) -> char {
    const HIGH: [u16; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    match byte {
        0x80..=0x9F => char::from_u32(u32::from(HIGH[usize::from(byte - 0x80)])).unwrap_or(' '),
        _ => char::from(byte),
    }
}

/// Texts cameras and editors write by default, which say nothing about the photo.
const BOILERPLATE: &[&str] = &[
    "OLYMPUS DIGITAL CAMERA",
    "SONY DSC",
    "DCIM",
    "DIGITAL CAMERA",
    "KONICA MINOLTA DIGITAL CAMERA",
    "MINOLTA DIGITAL CAMERA",
    "SAMSUNG CAMERA PICTURES",
    "SAMSUNG",
    "DEFAULT",
    "UNKNOWN",
    "PICASA",
    "IMAGE",
    "DESCRIPTION",
];

/// Trims, drops control characters (NUL padding, C1 codes from a bad charset guess) and keeps
/// line breaks as `\n`; `None` for nothing left or for camera boilerplate.
fn clean(text: &str) -> Option<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n").replace('\t', " ");
    let kept: String =
        text.chars().filter(|&c| c == '\n' || !(c.is_control() || c == '\u{FEFF}')).collect();
    let trimmed = kept.trim();
    let boilerplate = BOILERPLATE.iter().any(|b| b.eq_ignore_ascii_case(trimmed));
    (!trimmed.is_empty() && !boilerplate).then(|| trimmed.to_owned())
}

#[cfg(test)]
pub(crate) mod tests {
    //! Every photo is made here: a hand-written EXIF TIFF, IPTC resource block and XMP packet
    //! in front of a JPEG from jpeg-encoder, so nothing binary is checked in. The builders are
    //! shared with process.rs's tests.

    use super::*;

    /// An IFD entry: tag, TIFF type, count, value bytes (little-endian).
    type Entry = (u16, u16, u32, Vec<u8>);

    fn ascii(tag: u16, text: &[u8]) -> Entry {
        let mut data = text.to_vec();
        data.push(0);
        (tag, 2, data.len() as u32, data)
    }

    /// Writes an IFD at the end of `out`: entries, next-IFD 0, then values over 4 bytes.
    fn write_ifd(out: &mut Vec<u8>, entries: &[Entry]) {
        let mut data_at = out.len() + 2 + 12 * entries.len() + 4;
        let mut blobs = Vec::new();
        out.extend((entries.len() as u16).to_le_bytes());
        for (tag, kind, count, data) in entries {
            out.extend(tag.to_le_bytes());
            out.extend(kind.to_le_bytes());
            out.extend(count.to_le_bytes());
            if data.len() <= 4 {
                let mut inline = data.clone();
                inline.resize(4, 0);
                out.extend(inline);
            } else {
                out.extend((data_at as u32).to_le_bytes());
                blobs.extend(data);
                if data.len() % 2 == 1 {
                    blobs.push(0);
                }
                data_at += data.len().div_ceil(2) * 2;
            }
        }
        out.extend(0u32.to_le_bytes());
        out.extend(blobs);
    }

    fn ifd_len(entries: &[Entry]) -> usize {
        let blobs: usize =
            entries.iter().filter(|e| e.3.len() > 4).map(|e| e.3.len().div_ceil(2) * 2).sum();
        2 + 12 * entries.len() + 4 + blobs
    }

    /// EXIF (TIFF, little-endian) with IFD0 Orientation, ImageDescription, Artist and a GPS IFD
    /// holding latitude 6° 10' 30" S (Jakarta): what a phone writes and a site must not leak.
    pub(crate) fn exif_tiff(orientation: u16, description: &[u8], artist: &[u8]) -> Vec<u8> {
        let mut rationals = Vec::new();
        for (n, d) in [(6u32, 1u32), (10, 1), (3000, 100)] {
            rationals.extend(n.to_le_bytes());
            rationals.extend(d.to_le_bytes());
        }
        let gps: Vec<Entry> = vec![ascii(0x0001, b"S"), (0x0002, 5, 3, rationals)];
        let mut ifd0: Vec<Entry> = vec![
            ascii(0x010E, description),
            (0x0112, 3, 1, orientation.to_le_bytes().to_vec()),
            ascii(0x013B, artist),
            (0x8825, 4, 1, vec![0; 4]),
        ];
        let gps_at = 8 + ifd_len(&ifd0);
        ifd0[3].3 = (gps_at as u32).to_le_bytes().to_vec();
        let mut tiff = b"II\x2a\x00\x08\x00\x00\x00".to_vec();
        write_ifd(&mut tiff, &ifd0);
        assert_eq!(tiff.len(), gps_at);
        write_ifd(&mut tiff, &gps);
        tiff
    }

    /// An APP1 payload: `Exif\0\0` and the TIFF structure.
    pub(crate) fn exif_app1(orientation: u16, description: &[u8], artist: &[u8]) -> Vec<u8> {
        [EXIF_PREFIX, &exif_tiff(orientation, description, artist)].concat()
    }

    /// An APP13 payload with a resolution resource (odd-length name, to exercise the padding)
    /// before the IPTC one holding the given IIM datasets.
    pub(crate) fn iptc_app13(datasets: &[(u8, u8, &[u8])]) -> Vec<u8> {
        let mut iim = Vec::new();
        for &(record, dataset, value) in datasets {
            iim.extend([0x1C, record, dataset]);
            iim.extend((value.len() as u16).to_be_bytes());
            iim.extend(value);
        }
        let mut out = PHOTOSHOP_PREFIX.to_vec();
        out.extend(b"8BIM\x03\xed\x03abc\x00\x00\x00\x10");
        out.extend([0; 16]);
        out.extend(b"8BIM\x04\x04\x00\x00");
        out.extend((iim.len() as u32).to_be_bytes());
        out.extend(&iim);
        if iim.len() % 2 == 1 {
            out.push(0);
        }
        out
    }

    pub(crate) fn xmp_app1(description: &str) -> Vec<u8> {
        let packet = format!(
            "<?xpacket begin=\"\u{feff}\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF \
             xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description \
             xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:description><rdf:Alt><rdf:li \
             xml:lang=\"en\">English</rdf:li><rdf:li xml:lang=\"x-default\">{description}\
             </rdf:li></rdf:Alt></dc:description></rdf:Description></rdf:RDF></x:xmpmeta>"
        );
        [XMP_PREFIX, packet.as_bytes()].concat()
    }

    /// A JPEG at q90 of `pixel(x, y)`, with the given APPn segments after the JFIF header.
    pub(crate) fn jpeg(
        width: u32,
        height: u32,
        pixel: impl Fn(u32, u32) -> [u8; 3],
        segments: &[(u8, Vec<u8>)],
    ) -> Vec<u8> {
        let mut rgb = Vec::with_capacity((width * height * 3) as usize);
        for y in 0..height {
            for x in 0..width {
                rgb.extend(pixel(x, y));
            }
        }
        let mut out = Vec::new();
        let mut encoder = jpeg_encoder::Encoder::new(&mut out, 90);
        for (n, data) in segments {
            encoder.add_app_segment(*n, data.clone()).unwrap();
        }
        encoder.encode(&rgb, width as u16, height as u16, jpeg_encoder::ColorType::Rgb).unwrap();
        out
    }

    fn grey(_: u32, _: u32) -> [u8; 3] {
        [128, 128, 128]
    }

    /// PNG chunk with its CRC-32 (bitwise: tests only).
    pub(crate) fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut crc = !0u32;
        for &byte in kind.iter().chain(data) {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { crc >> 1 ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        let mut out = (data.len() as u32).to_be_bytes().to_vec();
        out.extend(kind);
        out.extend(data);
        out.extend((!crc).to_be_bytes());
        out
    }

    /// xorshift64: reproducible noise without a dependency.
    pub(crate) fn noise(seed: u64) -> impl FnMut() -> u8 {
        let mut state = seed | 1;
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 32) as u8
        }
    }

    const LIMIT: u64 = 50_000_000;

    #[test]
    fn exif_orientation_6_and_8_swap_the_displayed_size() {
        for orientation in [6, 8] {
            let app1 = exif_app1(orientation, b"Banjir di Kampung Melayu", b"Humas Pemprov");
            let photo = jpeg(64, 48, grey, &[(1, app1)]);
            let info = inspect(&photo, LIMIT).unwrap();
            assert_eq!((info.width, info.height, info.orientation), (48, 64, orientation as u8));
            assert_eq!(info.format, Format::Jpeg);
            assert_eq!(info.caption.as_deref(), Some("Banjir di Kampung Melayu"));
            assert_eq!(info.credit.as_deref(), Some("Humas Pemprov"));
        }
        let photo = jpeg(64, 48, grey, &[(1, exif_app1(3, b"", b""))]);
        let info = inspect(&photo, LIMIT).unwrap();
        assert_eq!((info.width, info.height, info.orientation), (64, 48, 3));
    }

    #[test]
    fn invalid_or_missing_orientation_is_1() {
        for photo in [jpeg(8, 8, grey, &[(1, exif_app1(9, b"", b""))]), jpeg(8, 8, grey, &[])] {
            assert_eq!(inspect(&photo, LIMIT).unwrap().orientation, 1);
        }
    }

    #[test]
    fn iptc_caption_and_credit_in_utf8_win_over_exif() {
        let caption = "Gubernur meresmikan Jembatan Ciliwung di Jatinegara 🌉 — warga bersukacita";
        let app13 = iptc_app13(&[
            (1, 90, b"\x1b%G"),
            (2, 120, caption.as_bytes()),
            (2, 110, "Biro Humas Setda Provinsi DKI Jakarta".as_bytes()),
            (2, 80, b"Andi"),
        ]);
        let app1 = exif_app1(1, b"EXIF caption", b"EXIF artist");
        let info = inspect(&jpeg(16, 16, grey, &[(1, app1), (13, app13)]), LIMIT).unwrap();
        assert_eq!(info.caption.as_deref(), Some(caption));
        assert_eq!(info.credit.as_deref(), Some("Biro Humas Setda Provinsi DKI Jakarta"));
    }

    #[test]
    fn iptc_without_charset_is_windows_1252_and_byline_stands_in_for_credit() {
        // "Café Sunda – Pak Ujang" in Windows-1252 (é = E9, en dash = 96): not valid UTF-8.
        let app13 = iptc_app13(&[
            (2, 120, b"  Caf\xe9 Sunda \x96 Pak Ujang\0\0"),
            (2, 80, b"Sari"),
            (2, 80, b"Budi"),
        ]);
        let info = inspect(&jpeg(16, 16, grey, &[(13, app13)]), LIMIT).unwrap();
        assert_eq!(info.caption.as_deref(), Some("Café Sunda – Pak Ujang"));
        assert_eq!(info.credit.as_deref(), Some("Sari, Budi"));
    }

    #[test]
    fn xmp_description_comes_before_exif() {
        let xmp = xmp_app1("Rapat &amp; kunjungan &#x1F4F7;");
        let app1 = exif_app1(1, b"EXIF caption", b"");
        let info = inspect(&jpeg(16, 16, grey, &[(1, app1), (1, xmp)]), LIMIT).unwrap();
        assert_eq!(info.caption.as_deref(), Some("Rapat & kunjungan 📷"));
        assert_eq!(info.credit, None);
    }

    #[test]
    fn camera_boilerplate_and_blank_text_are_no_caption() {
        for (description, artist) in [
            (&b"OLYMPUS DIGITAL CAMERA         "[..], &b"   "[..]),
            (b"SONY DSC", b"\0\0\0\0"),
            (b" \t\r\n\x01", b"dcim"),
        ] {
            let app1 = exif_app1(1, description, artist);
            let info = inspect(&jpeg(16, 16, grey, &[(1, app1)]), LIMIT).unwrap();
            assert_eq!((info.caption, info.credit), (None, None));
        }
        assert_eq!(clean("  Baris satu\r\nbaris\tdua\0 "), Some("Baris satu\nbaris dua".into()));
    }

    #[test]
    fn a_jpeg_cut_anywhere_is_corrupt_and_never_panics() {
        let app13 = iptc_app13(&[(2, 120, b"caption")]);
        let photo = jpeg(40, 30, grey, &[(1, exif_app1(6, b"d", b"a")), (13, app13)]);
        let at_60 = photo.len() * 6 / 10;
        assert!(matches!(inspect(&photo[..at_60], LIMIT), Err(PhotoError::Corrupt(_))));
        for len in 3..photo.len() {
            assert!(matches!(inspect(&photo[..len], LIMIT), Err(PhotoError::Corrupt(_))), "{len}");
        }
    }

    #[test]
    fn a_jpeg_without_a_frame_header_is_corrupt() {
        let photo = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x02\x00\x00\x01\x00\x01\x00\x00\xff\xd9";
        let error = inspect(photo, LIMIT).unwrap_err();
        assert_eq!(error.to_string(), "cannot be read: it ends before any image data");
    }

    #[test]
    fn random_bytes_are_not_an_image() {
        let mut next = noise(7);
        let bytes: Vec<u8> = (0..4096).map(|_| next()).collect();
        assert!(matches!(inspect(&bytes, LIMIT), Err(PhotoError::NotAnImage)));
        assert!(matches!(inspect(b"", LIMIT), Err(PhotoError::NotAnImage)));
        assert!(matches!(inspect(b"%PDF-1.7\n", LIMIT), Err(PhotoError::NotAnImage)));
    }

    /// A PNG declaring 100000×100000: refused from IHDR, before anything is allocated.
    pub(crate) fn huge_png() -> Vec<u8> {
        let mut ihdr = 100_000u32.to_be_bytes().to_vec();
        ihdr.extend(100_000u32.to_be_bytes());
        ihdr.extend([8, 2, 0, 0, 0]);
        [&b"\x89PNG\r\n\x1a\n"[..], &png_chunk(b"IHDR", &ihdr), &png_chunk(b"IEND", &[])].concat()
    }

    #[test]
    fn a_huge_png_header_is_too_large() {
        let error = inspect(&huge_png(), LIMIT).unwrap_err();
        assert!(matches!(error, PhotoError::TooLarge { width: 100_000, height: 100_000, .. }));
        assert_eq!(
            error.to_string(),
            "is 100000 × 100000 pixels (10000 megapixels); the limit is 50 megapixels \
             (site.yaml photos.max_megapixels)"
        );
        assert_eq!(megapixels(12_192_768), "12.2 megapixels");
    }

    #[test]
    fn png_and_webp_are_sniffed_and_their_exif_read() {
        let mut png = Vec::new();
        image::codecs::png::PngEncoder::new(&mut png)
            .write_image(&[0; 5 * 3 * 3], 5, 3, image::ExtendedColorType::Rgb8)
            .unwrap();
        let exif = png_chunk(b"eXIf", &exif_tiff(8, b"PNG caption", b""));
        let png = [&png[..33], &exif, &png[33..]].concat();
        let info = inspect(&png, LIMIT).unwrap();
        assert_eq!(
            (info.format, info.width, info.height, info.orientation),
            (Format::Png, 3, 5, 8)
        );
        assert_eq!(info.caption.as_deref(), Some("PNG caption"));
        assert!(matches!(inspect(&png[..png.len() - 1], LIMIT), Err(PhotoError::Corrupt(_))));

        let lossy = webp::Encoder::from_rgb(&[90; 7 * 5 * 3], 7, 5).encode(80.0).to_vec();
        let info = inspect(&lossy, LIMIT).unwrap();
        assert_eq!((info.format, info.width, info.height), (Format::Webp, 7, 5));
        let lossless = webp::Encoder::from_rgb(&[90; 7 * 5 * 3], 7, 5).encode_lossless().to_vec();
        assert_eq!(inspect(&lossless, LIMIT).unwrap().width, 7);
        let with_exif = webp_with_metadata(&lossy, 7, 5, &exif_tiff(6, b"", b"Fotografer"));
        let info = inspect(&with_exif, LIMIT).unwrap();
        assert_eq!((info.width, info.height, info.orientation), (5, 7, 6));
        assert_eq!(info.credit.as_deref(), Some("Fotografer"));
        assert!(matches!(inspect(&lossy[..lossy.len() - 2], LIMIT), Err(PhotoError::Corrupt(_))));
    }

    /// Rewraps a simple WebP as extended (VP8X) with EXIF and XMP chunks after the image.
    pub(crate) fn webp_with_metadata(
        simple: &[u8],
        width: u32,
        height: u32,
        tiff: &[u8],
    ) -> Vec<u8> {
        let chunk = |kind: &[u8], data: &[u8]| {
            let mut out = kind.to_vec();
            out.extend((data.len() as u32).to_le_bytes());
            out.extend(data);
            if data.len() % 2 == 1 {
                out.push(0);
            }
            out
        };
        let mut vp8x = vec![0x08 | 0x04, 0, 0, 0];
        vp8x.extend(&(width - 1).to_le_bytes()[..3]);
        vp8x.extend(&(height - 1).to_le_bytes()[..3]);
        let xmp = &xmp_app1("WebP caption")[XMP_PREFIX.len()..];
        let body = [
            &b"WEBP"[..],
            &chunk(b"VP8X", &vp8x),
            &simple[12..],
            &chunk(b"EXIF", tiff),
            &chunk(b"XMP ", xmp),
        ]
        .concat();
        [&b"RIFF"[..], &(body.len() as u32).to_le_bytes(), &body].concat()
    }

    #[test]
    fn mutated_photos_never_panic() {
        let photo = jpeg(
            24,
            16,
            grey,
            &[(1, exif_app1(6, b"d", b"a")), (13, iptc_app13(&[(2, 120, b"c")]))],
        );
        let mut next = noise(99);
        for _ in 0..2000 {
            let mut bytes = photo.clone();
            for _ in 0..1 + next() % 8 {
                let at = (usize::from(next()) << 8 | usize::from(next())) % bytes.len();
                bytes[at] = next();
            }
            let _ = inspect(&bytes, LIMIT);
        }
    }

    use image::ImageEncoder as _;
}
