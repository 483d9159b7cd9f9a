//! A photo published as it is (from `static/`: a site image, a release's `image: /img/…`), with
//! what a camera or phone wrote about it left out: the place it was taken (GPS), the camera's
//! serial number, the owner's name, the editing history, the descriptions and any other picture
//! appended to it (a phone's depth map or HDR gain map, with their own EXIF). Nothing is
//! decoded: the pixels' bytes are copied as they are, so a logo or a chart keeps every pixel,
//! and only the blocks around them change.
//!
//! What stays is what the picture needs to look the same: its colour profile (JPEG `APP2
//! ICC_PROFILE`, PNG `iCCP`, WebP `ICCP`), the JFIF and Adobe blocks that say how its colours are
//! stored, and its orientation, rewritten as an EXIF block of that one field when it is not the
//! default (a phone held upright stores the frame sideways, and browsers turn it).
//!
//! Each block is kept by an allow-list: a block that no rule names is left out, unless the
//! format says a reader cannot show the picture without it (a PNG chunk named with a capital).

use super::inspect::{parse_exif_orientation, EXIF_PREFIX};

/// The file's bytes without its metadata, when it is a JPEG, PNG or WebP (by its content, not
/// its name) that had some; `None` when it is another kind of file, when it has none, or when
/// its structure cannot be followed before its picture starts (a file broken there shows in no
/// browser). A file cut short in its picture (an interrupted upload) loses its metadata and
/// keeps what it has.
pub fn without_metadata(bytes: &[u8]) -> Option<Vec<u8>> {
    let out = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        jpeg(bytes)?
    } else if bytes.starts_with(PNG_SIGNATURE) {
        png(bytes)?
    } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        webp(bytes)?
    } else {
        return None;
    };
    (out != bytes).then_some(out)
}

/// Whether `without_metadata` can leave anything out of a file of this name: JPEG, PNG and
/// WebP are sniffed by their content, so `.jpg`, `.jpeg`, `.png` and `.webp` are looked into.
pub fn may_hold_metadata(name: &str) -> bool {
    super::is_photo_name(name)
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
const ICC_PREFIX: &[u8] = b"ICC_PROFILE\0";

/// An EXIF block (TIFF, big-endian) holding one field, the orientation `o`.
fn orientation_exif(o: u8) -> Vec<u8> {
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&[0, 1]); // one entry
    tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, o, 0, 0]); // Orientation, SHORT
    tiff.extend_from_slice(&[0, 0, 0, 0]); // no next IFD
    tiff
}

/// The orientation of an EXIF block, when it is not the default.
fn turned(exif: &[u8]) -> Option<u8> {
    parse_exif_orientation(exif).filter(|&o| o != 1)
}

fn be16(bytes: &[u8], at: usize) -> Option<usize> {
    Some(usize::from(u16::from_be_bytes([*bytes.get(at)?, *bytes.get(at.checked_add(1)?)?])))
}

/// JPEG: the segments before the first scan by the allow-list, then everything to the end of
/// the picture (its scans and the tables between them) as it is; nothing after its end.
fn jpeg(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&[0xFF, 0xD8]);
    let mut orientation = None;
    let mut pos = 2;
    // The segments before the first scan.
    let scan = loop {
        pos += bytes.get(pos..)?.iter().position(|&b| b == 0xFF)?;
        while bytes.get(pos) == Some(&0xFF) {
            pos += 1;
        }
        let marker = *bytes.get(pos)?;
        let start = pos - 1;
        pos += 1;
        match marker {
            0xD9 => return None, // no picture at all
            0x00 | 0x01 | 0xD0..=0xD8 => continue,
            _ => {}
        }
        let len = be16(bytes, pos)?;
        if len < 2 {
            return None;
        }
        let end = pos.checked_add(len)?;
        let data = bytes.get(pos + 2..end)?;
        pos = end;
        let keep = match marker {
            0xDA => break start,
            // JFIF and JFXX (its thumbnail is of this picture); Adobe's colour transform.
            0xE0 | 0xEE => true,
            0xE1 => {
                if let Some(exif) = data.strip_prefix(EXIF_PREFIX) {
                    orientation = orientation.or_else(|| turned(exif));
                }
                false
            }
            0xE2 => data.starts_with(ICC_PREFIX),
            // APP3..APP13 (IPTC, Photoshop, makers' blocks), APP15, comments.
            0xE3..=0xED | 0xEF | 0xFE => false,
            // Tables and the frame header: the picture itself.
            _ => true,
        };
        if keep {
            out.extend_from_slice(&bytes[start..end]);
        }
    };
    if let Some(o) = orientation {
        // Right after SOI, and after JFIF when the file starts with it, as EXIF writers do.
        let at = if out.get(2..4) == Some(&[0xFF, 0xE0]) { 4 + be16(&out, 4)? } else { 2 };
        let mut segment = vec![0xFF, 0xE1];
        let payload = [EXIF_PREFIX, &orientation_exif(o)].concat();
        segment.extend_from_slice(&u16::try_from(payload.len() + 2).ok()?.to_be_bytes());
        segment.extend_from_slice(&payload);
        out.splice(at..at, segment);
    }
    // The scans, with the tables between them, to the picture's end (EOI); a file cut short
    // there (an interrupted upload, which a browser shows in part) keeps what it has, since its
    // metadata, all before the first scan, is already left out.
    let mut pos_scan = scan;
    let end = scan_end(bytes, &mut pos_scan).unwrap_or(bytes.len());
    out.extend_from_slice(&bytes[scan..end]);
    Some(out)
}

/// The end of a JPEG's picture, past its EOI marker, from the marker at `pos_scan`; `None`
/// when the file ends first.
fn scan_end(bytes: &[u8], pos_scan: &mut usize) -> Option<usize> {
    let end = loop {
        // At a marker: FF, fill bytes, the marker.
        let mut p = *pos_scan + 1;
        while bytes.get(p) == Some(&0xFF) {
            p += 1;
        }
        let marker = *bytes.get(p)?;
        p += 1;
        match marker {
            0xD9 => break p,
            0x00 | 0x01 | 0xD0..=0xD8 => *pos_scan = next_marker(bytes, p)?,
            _ => {
                let seg_end = p.checked_add(be16(bytes, p)?)?;
                if seg_end > bytes.len() {
                    return None;
                }
                *pos_scan = if marker == 0xDA {
                    next_marker(bytes, seg_end)?
                } else {
                    seg_end + bytes.get(seg_end..)?.iter().position(|&b| b == 0xFF)?
                };
            }
        }
    };
    Some(end)
}

/// The position of the marker that ends entropy-coded data starting at `pos`: the first `0xFF`
/// not followed by a stuffed `0x00`, a restart marker or another fill `0xFF`.
fn next_marker(bytes: &[u8], mut pos: usize) -> Option<usize> {
    loop {
        let ff = pos + bytes.get(pos..)?.iter().position(|&b| b == 0xFF)?;
        match *bytes.get(ff + 1)? {
            0x00 | 0xD0..=0xD7 => pos = ff + 2,
            _ => return Some(ff),
        }
    }
}

/// PNG: every chunk a reader needs (named with a capital: IHDR, PLTE, IDAT, IEND), and of the
/// others those that change how the picture looks; text, EXIF, times and makers' chunks are left
/// out. Nothing after IEND.
fn png(bytes: &[u8]) -> Option<Vec<u8>> {
    const LOOKS: [&[u8; 4]; 14] = [
        b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT", b"sRGB", b"cICP", b"mDCV", b"cLLI", b"bKGD",
        b"pHYs", b"acTL", b"fcTL", b"fdAT",
    ];
    let mut out = PNG_SIGNATURE.to_vec();
    let mut orientation = None;
    let mut pos = PNG_SIGNATURE.len();
    loop {
        let len =
            usize::try_from(u32::from_be_bytes(bytes.get(pos..pos + 4)?.try_into().ok()?)).ok()?;
        let kind: &[u8; 4] = bytes.get(pos + 4..pos + 8)?.try_into().ok()?;
        let end = (pos + 8).checked_add(len)?.checked_add(4)?;
        let Some(chunk) = bytes.get(pos..end) else {
            // Cut short in this chunk (an image's data, as a rule): the rest as it is, after
            // the chunks already kept.
            out.extend_from_slice(&bytes[pos..]);
            return Some(out);
        };
        if kind == b"eXIf" {
            orientation = orientation.or_else(|| turned(&chunk[8..8 + len]));
        }
        if kind[0].is_ascii_uppercase() || LOOKS.contains(&kind) {
            if kind == b"IEND" || kind == b"IDAT" {
                if let Some(o) = orientation.take() {
                    out.extend_from_slice(&png_chunk(b"eXIf", &orientation_exif(o)));
                }
            }
            out.extend_from_slice(chunk);
        }
        pos = end;
        if kind == b"IEND" {
            return Some(out);
        }
    }
}

fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut chunk = u32::try_from(data.len()).unwrap_or(u32::MAX).to_be_bytes().to_vec();
    chunk.extend_from_slice(kind);
    chunk.extend_from_slice(data);
    let crc = crc32fast::hash(&chunk[4..]);
    chunk.extend_from_slice(&crc.to_be_bytes());
    chunk
}

/// WebP: every chunk but EXIF and XMP (and any the format does not name), with the extended
/// header's flags for them cleared; nothing after the RIFF container.
fn webp(bytes: &[u8]) -> Option<Vec<u8>> {
    const VP8X_EXIF: u8 = 0x08;
    const VP8X_XMP: u8 = 0x04;
    const KEEP: [&[u8; 4]; 7] = [b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"];
    let riff_len = usize::try_from(u32::from_le_bytes(bytes.get(4..8)?.try_into().ok()?)).ok()?;
    let end = riff_len.checked_add(8).filter(|&e| e <= bytes.len())?;
    let mut chunks = Vec::new();
    let mut orientation = None;
    let mut pos = 12;
    while pos + 8 <= end {
        let kind: &[u8; 4] = bytes[pos..pos + 4].try_into().ok()?;
        let len =
            usize::try_from(u32::from_le_bytes(bytes[pos + 4..pos + 8].try_into().ok()?)).ok()?;
        let data_end = (pos + 8).checked_add(len).filter(|&e| e <= end)?;
        let padded = (data_end + (len & 1)).min(end);
        if kind == b"EXIF" {
            let data = &bytes[pos + 8..data_end];
            orientation =
                orientation.or_else(|| turned(data.strip_prefix(EXIF_PREFIX).unwrap_or(data)));
        }
        if KEEP.contains(&kind) {
            chunks.push(bytes[pos..padded].to_vec());
        }
        pos = padded;
    }
    let extended = chunks.first().is_some_and(|c| c.starts_with(b"VP8X") && c.len() > 8);
    if extended {
        chunks[0][8] &= !(VP8X_EXIF | VP8X_XMP);
        if let Some(o) = orientation {
            chunks[0][8] |= VP8X_EXIF;
            let exif = orientation_exif(o);
            let mut chunk = b"EXIF".to_vec();
            chunk.extend_from_slice(&u32::try_from(exif.len()).ok()?.to_le_bytes());
            chunk.extend_from_slice(&exif);
            chunks.push(chunk);
        }
    }
    let body: Vec<u8> = chunks.concat();
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&u32::try_from(body.len() + 4).ok()?.to_le_bytes());
    out.extend_from_slice(b"WEBP");
    out.extend_from_slice(&body);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::photos::inspect::inspect;

    /// A JPEG made by the encoder warta uses, with `segments` put after its SOI and `trailer`
    /// after its EOI.
    fn jpeg_with(segments: &[(u8, Vec<u8>)], trailer: &[u8]) -> Vec<u8> {
        let mut plain = Vec::new();
        let pixels: Vec<u8> = (0..16 * 8 * 3).map(|i| (i * 7 % 251) as u8).collect();
        jpeg_encoder::Encoder::new(&mut plain, 90)
            .encode(&pixels, 16, 8, jpeg_encoder::ColorType::Rgb)
            .unwrap();
        let mut out = plain[..2].to_vec();
        for (marker, data) in segments {
            out.extend_from_slice(&[0xFF, *marker]);
            out.extend_from_slice(&u16::try_from(data.len() + 2).unwrap().to_be_bytes());
            out.extend_from_slice(data);
        }
        out.extend_from_slice(&plain[2..]);
        out.extend_from_slice(trailer);
        out
    }

    /// An EXIF block with an orientation and a GPS position, as a phone writes it.
    fn phone_exif(orientation: u8) -> Vec<u8> {
        // IFD0: Orientation, GPS IFD pointer; GPS IFD: latitude ref "S".
        let mut t = b"MM\0\x2a\0\0\0\x08".to_vec();
        t.extend_from_slice(&[0, 2]);
        t.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0]);
        t.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38]);
        t.extend_from_slice(&[0, 0, 0, 0]);
        t.extend_from_slice(&[0, 1, 0, 1, 0, 2, 0, 0, 0, 2, b'S', 0, 0, 0, 0, 0, 0, 0, 0]);
        [EXIF_PREFIX, &t].concat()
    }

    fn contains(hay: &[u8], needle: &[u8]) -> bool {
        hay.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn a_phones_jpeg_loses_its_place_and_keeps_its_picture_colours_and_orientation() {
        let icc = [ICC_PREFIX, b"\x01\x01profile bytes"].concat();
        let xmp = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Budi Santoso</x:xmpmeta>".to_vec();
        let iptc = b"Photoshop 3.0\08BIM\x04\x04\0\0\0\0\0\x0bBudi Santos".to_vec();
        let mpf = b"MPF\0MM\0\x2a".to_vec();
        let source = jpeg_with(
            &[
                (0xE1, phone_exif(6)),
                (0xE1, xmp),
                (0xE2, icc.clone()),
                (0xE2, mpf),
                (0xED, iptc),
                (0xFE, b"Budi's camera".to_vec()),
            ],
            b"\xFF\xD8\xFF\xE1 appended depth map with its own EXIF \xFF\xD9",
        );
        let out = without_metadata(&source).expect("it had metadata");
        for private in [&b"Budi"[..], b"MPF", b"depth map", b"\x88\x25"] {
            assert!(!contains(&out, private), "{:?} left in", String::from_utf8_lossy(private));
        }
        assert!(contains(&out, &icc), "the colour profile stays");
        assert!(out.ends_with(&[0xFF, 0xD9]), "it ends at the picture's end");
        // The same picture, turned the same way.
        let seen = inspect(&out, u64::MAX).unwrap();
        assert_eq!((seen.width, seen.height, seen.orientation), (8, 16, 6));
        let decode = |b: &[u8]| image::load_from_memory(b).unwrap().to_rgb8().into_raw();
        assert_eq!(decode(&out), decode(&source));
        // Stripped once, nothing is left to strip.
        assert_eq!(without_metadata(&out), None);
    }

    #[test]
    fn a_file_without_metadata_or_that_is_not_a_photo_is_left_as_it_is() {
        let plain = jpeg_with(&[], b"");
        assert_eq!(without_metadata(&plain), None);
        assert_eq!(without_metadata(b"%PDF-1.7 not a photo"), None);
        // Upright: the orientation is not kept, there is nothing to turn.
        let upright = jpeg_with(&[(0xE1, phone_exif(1))], b"");
        assert_eq!(without_metadata(&upright).unwrap(), plain);
    }

    /// A JPEG cut short in its header cannot be followed; one cut short in its picture (an
    /// interrupted upload) loses its metadata all the same and keeps what it has.
    #[test]
    fn a_jpeg_cut_short_in_its_picture_still_loses_its_metadata() {
        let source = jpeg_with(&[(0xE1, phone_exif(1))], b"");
        for cut in [3, 10, 40] {
            assert_eq!(without_metadata(&source[..cut]), None, "cut at {cut}");
        }
        let plain = jpeg_with(&[], b"");
        let cut = &source[..source.len() - 10];
        let out = without_metadata(cut).expect("stripped");
        assert!(!contains(&out, b"Exif"));
        assert_eq!(out, plain[..plain.len() - 10]);
    }

    #[test]
    fn a_png_loses_its_text_and_exif_and_keeps_what_it_looks_like() {
        let mut plain = Vec::new();
        image::RgbaImage::from_pixel(3, 2, image::Rgba([10, 20, 30, 128]))
            .write_to(&mut std::io::Cursor::new(&mut plain), image::ImageFormat::Png)
            .unwrap();
        let iend = plain.len() - 12;
        let mut source = plain[..33].to_vec(); // signature and IHDR
        source.extend(png_chunk(b"gAMA", &[0, 0, 0xB1, 0x8F]));
        source.extend(png_chunk(b"tEXt", b"Author\0Budi Santoso"));
        source.extend(png_chunk(b"eXIf", &phone_exif(8)[EXIF_PREFIX.len()..]));
        source.extend_from_slice(&plain[33..iend]);
        source.extend(png_chunk(b"tIME", &[7, 234, 12, 4, 10, 0, 0]));
        source.extend_from_slice(&plain[iend..]);
        source.extend_from_slice(b"trailing bytes");
        let out = without_metadata(&source).unwrap();
        assert!(
            !contains(&out, b"Budi") && !contains(&out, b"tIME") && !contains(&out, b"trailing")
        );
        assert!(contains(&out, b"gAMA"));
        assert_eq!(inspect(&out, u64::MAX).unwrap().orientation, 8);
        // Cut short in its image data: its text is left out all the same.
        let idat = source.windows(4).position(|w| w == b"IDAT").unwrap();
        let cut = without_metadata(&source[..idat + 10]).expect("stripped");
        assert!(!contains(&cut, b"Budi") && contains(&cut, b"IDAT"));
        let decode = |b: &[u8]| image::load_from_memory(b).unwrap().to_rgba8().into_raw();
        assert_eq!(decode(&out), decode(&source));
    }

    #[test]
    fn a_webp_loses_its_exif_and_xmp_and_its_header_says_so() {
        let vp8l = {
            let mut b = Vec::new();
            image::RgbImage::from_pixel(4, 4, image::Rgb([200, 100, 50]))
                .write_to(&mut std::io::Cursor::new(&mut b), image::ImageFormat::WebP)
                .unwrap();
            b[12..].to_vec() // the VP8L chunk
        };
        let chunk = |kind: &[u8], data: &[u8]| {
            let mut c = kind.to_vec();
            c.extend_from_slice(&u32::try_from(data.len()).unwrap().to_le_bytes());
            c.extend_from_slice(data);
            if data.len() % 2 == 1 {
                c.push(0);
            }
            c
        };
        // VP8X: flags EXIF | XMP, canvas 4 × 4 (stored minus one, 24 bits each).
        let vp8x = chunk(b"VP8X", &[0x0C, 0, 0, 0, 3, 0, 0, 3, 0, 0]);
        let body = [
            vp8x,
            vp8l,
            chunk(b"EXIF", &phone_exif(1)[EXIF_PREFIX.len()..]),
            chunk(b"XMP ", b"<x:xmpmeta>Budi</x:xmpmeta>"),
        ]
        .concat();
        let mut source = b"RIFF".to_vec();
        source.extend_from_slice(&u32::try_from(body.len() + 4).unwrap().to_le_bytes());
        source.extend_from_slice(b"WEBP");
        source.extend_from_slice(&body);
        let out = without_metadata(&source).unwrap();
        assert!(!contains(&out, b"Budi") && !contains(&out, b"EXIF"));
        assert_eq!(out[20] & 0x0C, 0, "the header no longer announces them");
        assert_eq!(u32::from_le_bytes(out[4..8].try_into().unwrap()) as usize, out.len() - 8);
        let decode = |b: &[u8]| image::load_from_memory(b).unwrap().to_rgb8().into_raw();
        assert_eq!(decode(&out), decode(&source));
    }

    proptest::proptest! {
        /// Whatever follows a photo's magic bytes, the walk ends without a panic, and what it
        /// returns is never longer than a copy with one orientation block added.
        #[test]
        fn any_bytes_after_a_photos_magic_are_walked_without_a_panic(
            magic in 0usize..3,
            rest in proptest::collection::vec(proptest::num::u8::ANY, 0..600),
        ) {
            let head: &[u8] = [&b"\xFF\xD8\xFF"[..], PNG_SIGNATURE, b"RIFF\x20\0\0\0WEBP"][magic];
            let bytes = [head, &rest].concat();
            if let Some(out) = without_metadata(&bytes) {
                proptest::prop_assert!(out.len() <= bytes.len() + 60);
            }
        }
    }
}
