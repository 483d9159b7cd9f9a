//! The QR code of a release's verification link, as SVG: one path of dark modules on a white
//! square with the quiet zone the standard asks (four modules), for the drawn social card and
//! the printed page. Drawn from the modules `fast_qr` computes, not its own renderer, so the
//! markup is one small element that embeds as it is in HTML and in the card's SVG.

use crate::fingerprint::Fp;
use fast_qr::{QRBuilder, ECL};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// Modules of white around the code.
const QUIET: usize = 4;

/// The version of how a code is drawn: a drawn card that shows one is known in the photo cache
/// by its link and this, so a change to the drawing (or to `fast_qr`) must change it.
pub const VERSION: u32 = 1;

/// An `<svg>` of `size` pixels square with the QR code of `text` (error correction M, which
/// survives a crease or a smudge on paper); empty if the text is too long for a QR code.
pub fn svg(text: &str, size: u32) -> String {
    match drawn(text) {
        Some(drawn) => svg_of(&drawn, size),
        None => String::new(),
    }
}

/// The `<svg>` of a code drawn, `size` pixels square.
fn svg_of(drawn: &Drawn, size: u32) -> String {
    let (side, d) = (drawn.side, &drawn.path);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" width=\"{size}\" height=\"{size}\" \
         viewBox=\"0 0 {side} {side}\" shape-rendering=\"crispEdges\" role=\"img\" \
         aria-label=\"QR\"><rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/>\
         <path fill=\"#000\" d=\"{d}\"/></svg>"
    )
}

/// A code drawn: its side with the quiet zone, and the path of its dark modules.
struct Drawn {
    side: usize,
    path: String,
}

/// The code of `text` drawn; `None` if the text is too long for a QR code.
fn drawn(text: &str) -> Option<Rc<Drawn>> {
    thread_local! {
        // A release's page and its drawn cards show one code, made one after the other on one
        // thread: the last code drawn is kept (choosing its mask is most of the cost).
        static LAST: RefCell<Option<(String, Rc<Drawn>)>> = const { RefCell::new(None) };
    }
    if let Some(hit) = LAST.with_borrow(|last| {
        last.as_ref().filter(|(t, _)| t == text).map(|(_, drawn)| Rc::clone(drawn))
    }) {
        return Some(hit);
    }
    let (width, dark) = modules(text)?;
    let drawn = Rc::new(Drawn { side: width + 2 * QUIET, path: path(width, &dark) });
    LAST.set(Some((text.to_string(), Rc::clone(&drawn))));
    Some(drawn)
}

/// The SVG path of the dark modules of a code `width` modules wide: each run of dark modules
/// in a row is one rectangle, offset by the quiet zone. Numbers are written with `itoa`, not
/// `write!`: a code has some 400 runs, a site one code per release, and `core::fmt` made this
/// 2.5 % of a cold build's CPU.
fn path(width: usize, dark: &[bool]) -> String {
    let mut d = String::with_capacity(width * 24);
    let mut number = itoa::Buffer::new();
    for (y, row) in dark.chunks_exact(width).enumerate() {
        let mut x = 0;
        while x < width {
            if !row[x] {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && row[x] {
                x += 1;
            }
            let run = x - start;
            // M<x> <y>h<run>v1h-<run>z
            d.push('M');
            d.push_str(number.format(start + QUIET));
            d.push(' ');
            d.push_str(number.format(y + QUIET));
            d.push('h');
            d.push_str(number.format(run));
            d.push_str("v1h-");
            d.push_str(number.format(run));
            d.push('z');
        }
    }
    d
}

/// The side of the QR code of `text` in modules, and whether each module is dark, row by row;
/// `None` if the text is too long for a QR code.
fn modules(text: &str) -> Option<(usize, Vec<bool>)> {
    let code = QRBuilder::new(text.as_bytes()).ecl(ECL::M).build().ok()?;
    let width = code.size;
    Some((width, code.data[..width * width].iter().map(|m| m.value()).collect()))
}

/// The modules of one code, packed eight to a byte, row by row: what the build cache keeps of
/// a release's code. Choosing a code's mask is most of the cost of drawing it (85 µs, 12 % of
/// a cold build's CPU at 10,000 releases), and a release's code changes only with its link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Code {
    width: u16,
    bits: Vec<u8>,
}

impl Code {
    /// The code of `text`; `None` if the text is too long for a QR code.
    pub fn of(text: &str) -> Option<Code> {
        let (width, dark) = modules(text)?;
        let mut bits = vec![0u8; dark.len().div_ceil(8)];
        for (i, _) in dark.iter().enumerate().filter(|(_, &d)| d) {
            bits[i / 8] |= 0x80 >> (i % 8);
        }
        Some(Code { width: u16::try_from(width).ok()?, bits })
    }

    /// Whether each module is dark, row by row; `None` if the bits are not a code's (a cache
    /// file changed by hand).
    fn dark(&self) -> Option<Vec<bool>> {
        let width = usize::from(self.width);
        let n = width * width;
        (width > 0 && self.bits.len() == n.div_ceil(8))
            .then(|| (0..n).map(|i| self.bits[i / 8] & (0x80 >> (i % 8)) != 0).collect())
    }

    /// The `<svg>` of this code, as [`svg`] draws it from its text; empty if the bits are not
    /// a code's.
    pub fn svg(&self, size: u32) -> String {
        let Some(dark) = self.dark() else {
            return String::new();
        };
        let width = usize::from(self.width);
        svg_of(&Drawn { side: width + 2 * QUIET, path: path(width, &dark) }, size)
    }
}

/// The codes of the releases' verification links, by release id (its `guid`), each with the
/// fingerprint of the link it encodes: kept by the build cache, so that a build draws only the
/// codes of new releases, or of links that changed (the site's address, the code's prefix).
/// Sorted, so that the same codes give the same file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Book {
    codes: BTreeMap<String, (Fp, Code)>,
}

impl Book {
    /// The code release `guid` had for the link `link`, the fingerprint of its text; `None` if
    /// the book has none, or has one for another link.
    pub fn get(&self, guid: &str, link: Fp) -> Option<&Code> {
        self.codes.get(guid).filter(|(was, _)| *was == link).map(|(_, code)| code)
    }

    /// Adds or replaces the code of release `guid`.
    pub fn insert(&mut self, guid: String, link: Fp, code: Code) {
        self.codes.insert(guid, (link, code));
    }

    /// Drops the codes of releases for which `keep` is false (deleted ones).
    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        self.codes.retain(|guid, _| keep(guid));
    }

    /// What the book holds, as one fingerprint: each release with the fingerprint of its link
    /// (a code is a function of its link, and of [`VERSION`], which the cache's own version
    /// covers).
    pub fn key(&self) -> Fp {
        let mut h = crate::fingerprint::Hasher::new();
        h.add(&VERSION);
        for (guid, (link, _)) in &self.codes {
            h.add(guid).add(link);
        }
        h.finish128()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINK: &str = "https://humas.example.go.id/cek/?k=HUM-7Q4M-2CXH";

    #[test]
    fn a_qr_code_is_one_path_of_modules_in_a_quiet_zone() {
        let s = svg(LINK, 120);
        assert!(s.starts_with("<svg ") && s.ends_with("</svg>"), "{s}");
        assert!(s.contains("width=\"120\""));
        // Version 4 (33 modules) for a link of this length, plus the quiet zone.
        let side: usize = s
            .split("viewBox=\"0 0 ")
            .nth(1)
            .and_then(|v| v.split(' ').next())
            .and_then(|v| v.parse().ok())
            .expect("a viewBox");
        assert_eq!(side, 33 + 8, "{s}");
        // The top-left finder pattern: a run of seven dark modules in its first row.
        assert!(s.contains("M4 4h7v1h-7z"), "{s}");
        assert_eq!(s, svg(LINK, 120), "stable, the kept code as a new one");
        let other = svg("https://humas.example.go.id/cek/?k=HUM-0000-0000", 120);
        assert_ne!(other, s);
        assert_eq!(svg(LINK, 120), s, "another code made in between");
    }

    #[test]
    fn the_path_writes_each_run_of_dark_modules_as_one_rectangle() {
        // What the path must say, written the plain way.
        let expected = |width: usize, dark: &[bool]| {
            let mut d = String::new();
            for (y, row) in dark.chunks_exact(width).enumerate() {
                let mut x = 0;
                while x < width {
                    let run = row[x..].iter().take_while(|&&m| m).count();
                    if run > 0 {
                        d += &format!("M{} {}h{run}v1h-{run}z", x + QUIET, y + QUIET);
                    }
                    x += run.max(1);
                }
            }
            d
        };
        for text in [LINK, "x", &"https://sekolah.sch.id/".repeat(20)] {
            let (width, dark) = modules(text).expect("a code");
            assert_eq!(path(width, &dark), expected(width, &dark), "{text}");
        }
        // Runs at both edges, and numbers of two and three digits.
        let width = 130;
        let dark: Vec<bool> = (0..width * 3).map(|i| i % width < 2 || i % width > 7).collect();
        assert_eq!(path(width, &dark), expected(width, &dark));
        assert!(path(width, &dark).starts_with("M4 4h2v1h-2zM12 4h122v1h-122z"));
    }

    #[test]
    fn a_text_too_long_for_a_qr_code_draws_nothing() {
        assert_eq!(svg(&"x".repeat(4000), 120), "");
        assert_eq!(Code::of(&"x".repeat(4000)), None);
    }

    #[test]
    fn a_code_kept_packed_draws_what_its_link_draws() {
        for text in [LINK, "x", &"https://sekolah.sch.id/".repeat(20)] {
            let code = Code::of(text).expect("a code");
            let (width, dark) = modules(text).expect("modules");
            assert_eq!(usize::from(code.width), width);
            assert_eq!(code.bits.len(), (width * width).div_ceil(8));
            assert_eq!(code.dark(), Some(dark), "{text}");
            assert_eq!(code.svg(112), svg(text, 112), "{text}");
        }
        // Bits that are not a code's (a cache file changed by hand) draw nothing, and no panic.
        let short = Code { width: 33, bits: vec![0xff; 10] };
        assert_eq!(short.svg(112), "");
        assert_eq!(Code { width: 0, bits: Vec::new() }.svg(112), "");
    }

    /// The modules of `text`'s code, drawn at 4 pixels a module with the quiet zone, read back
    /// by a QR decoder that is not the encoder (rqrr, a port of quirc).
    fn read_back(text: &str) -> String {
        let (width, dark) = modules(text).expect("a code");
        let (scale, side) = (4, (width + 2 * QUIET) * 4);
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
            let (mx, my) = ((x / scale).wrapping_sub(QUIET), (y / scale).wrapping_sub(QUIET));
            if mx < width && my < width && dark[my * width + mx] {
                0
            } else {
                255
            }
        });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1, "one code in the picture");
        grids[0].decode().expect("decodes").1
    }

    #[test]
    fn a_decoder_reads_the_link_back() {
        for text in [
            LINK,
            "https://kanwilbali.kemenag.go.id/cek/?k=KAN-0000-0000",
            "https://sekolah.sch.id/portal/berita/cek/?k=SEK-ZZZZ-9999",
        ] {
            assert_eq!(read_back(text), text);
        }
    }
}
