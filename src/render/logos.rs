//! The logos pages show: `site.yaml`'s `logo:` and each unit's. A page shows a logo the size of
//! an icon (the default theme: 44 px in the header, 48 on the index of units, 64 on a unit's
//! page), while the file an office has is often the one its ministry publishes, 2,000 to
//! 4,000 px wide and a megabyte or more; linked as it is, every page of the site made every
//! reader's phone load it.
//! So a logo that is a photo warta reads (PNG, JPEG, WebP) and larger than [`BOX`] is also
//! published scaled into it, beside itself and in its own format (a PNG keeps its transparency),
//! and the pages show that ([`link`]). The file itself stays at its address, for a theme that
//! shows the logo large (`logo_full`), the structured data and the feeds. A logo in SVG or GIF,
//! or at an `https://` address, is linked as it is.
//!
//! Plain data in, plain data out: which files to make, from the static files' headers as
//! [`crate::load`] read them; the writer makes them, once, and keeps them in its cache.

use crate::config::Config;
use crate::load::Asset;
use crate::photos::{Encoding, Format, PhotoInfo, Rendition, Shape};

/// The box a logo is scaled into, in pixels. Three times the default theme's largest logo
/// (64 px, square) for a phone's screen, and as wide again three times over, so that a theme
/// showing a wide logo by its height (48 px tall, its width following) has it sharp too. A
/// 3000×3000 PNG logo becomes 192×192 (tens of kilobytes); a 3000×1000 banner 576×192.
pub const BOX: (u32, u32) = (576, 192);

/// A logo's smaller file: what it is made from and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Small {
    pub source: Asset,
    pub info: PhotoInfo,
    pub rendition: Rendition,
}

/// The smaller file of the logo at site path `logo` (as `site.yaml` writes it: `/img/logo.png`),
/// if it is a photo of `statics` (the site's and the theme's static files) larger than
/// [`BOX`]. Beside it, named for its size: `img/logo-192x192.png`.
pub fn small(statics: &[Asset], logo: &str) -> Option<Small> {
    let source = file(statics, logo)?;
    let info = source.photo.as_ref()?.as_ref().ok()?;
    let (width, height) = fit(info.width, info.height)?;
    let encoding = match info.format {
        Format::Png => Encoding::Png,
        Format::Jpeg => Encoding::Jpeg,
        Format::Webp => Encoding::Webp,
    };
    let stem = crate::photos::stem(&source.name);
    let rendition = Rendition {
        path: format!("{stem}-{width}x{height}.{}", encoding.extension()),
        width,
        height,
        encoding,
        shape: Shape::Resize,
        max_bytes: None,
    };
    Some(Small { source: source.clone(), info: info.clone(), rendition })
}

/// The file of `statics` a logo written in `site.yaml` names (`/img/logo.png`,
/// `/img/logo%20kantor.png`), if it names one; a logo at an absolute URL is not read.
pub fn file<'a>(statics: &'a [Asset], logo: &str) -> Option<&'a Asset> {
    if crate::links::is_absolute_url(logo) {
        return None;
    }
    let name = crate::links::decode(logo.trim_start_matches('/'));
    statics.iter().find(|a| a.name == name)
}

/// The size of a `width`×`height` logo scaled into [`BOX`], its proportions kept; `None` if it
/// fits already.
pub fn fit(width: u32, height: u32) -> Option<(u32, u32)> {
    let (bw, bh) = BOX;
    if width <= bw && height <= bh {
        return None;
    }
    // Wider than the box's proportions: the width decides.
    if u64::from(width) * u64::from(bh) >= u64::from(height) * u64::from(bw) {
        Some((bw, crate::photos::scaled_height(width, height, bw)))
    } else {
        Some((crate::photos::scaled_height(height, width, bh), bh))
    }
}

/// The link a page shows the logo `logo` by: its smaller file's, if it has one, else its own.
pub fn link(c: &Config, statics: &[Asset], logo: &str) -> String {
    match small(statics, logo) {
        Some(s) => c.link(&s.rendition.path),
        None => c.link_to(logo),
    }
}

/// The smaller file of every logo of the site (its own and its units'), each once, in the order
/// of their paths: the outputs of [`super::Job::Logos`], which the plan keeps
/// ([`super::Plan::logos`]).
pub fn all(c: &Config, statics: &[Asset]) -> Vec<Small> {
    let logos =
        std::iter::once(c.logo.as_deref()).chain(c.units.values().map(|u| u.logo.as_deref()));
    let mut out: Vec<Small> = logos.flatten().filter_map(|l| small(statics, l)).collect();
    out.sort_by(|a, b| a.rendition.path.cmp(&b.rendition.path));
    out.dedup_by(|a, b| a.rendition.path == b.rendition.path);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fingerprint::Fp;
    use crate::load::Origin;

    fn photo(name: &str, format: Format, width: u32, height: u32) -> Asset {
        Asset {
            name: name.to_string(),
            origin: Origin::Embedded(b""),
            len: 0,
            dimensions: Some((width, height)),
            modified: None,
            photo: Some(Ok(PhotoInfo {
                digest: Fp::of(&name),
                format,
                width,
                height,
                orientation: 1,
                caption: None,
                credit: None,
            })),
            located: false,
        }
    }

    #[test]
    fn a_logo_is_scaled_into_the_box_keeping_its_proportions() {
        assert_eq!(fit(3000, 3000), Some((192, 192)));
        assert_eq!(fit(3000, 1000), Some((576, 192)));
        assert_eq!(fit(6000, 1000), Some((576, 96)));
        assert_eq!(fit(1000, 3000), Some((64, 192)));
        assert_eq!(fit(600, 100), Some((576, 96)));
        // A thread of a logo keeps a pixel.
        assert_eq!(fit(100_000, 10), Some((576, 1)));
        assert_eq!(fit(192, 192), None);
        assert_eq!(fit(576, 192), None);
        assert_eq!(fit(120, 48), None);
    }

    #[test]
    fn a_large_photo_logo_gets_a_small_file_beside_it_in_its_own_format() {
        let statics = [
            photo("img/logo.png", Format::Png, 3000, 3000),
            photo("img/Logo Kemenag.JPG", Format::Jpeg, 2400, 800),
            photo("img/ikon.png", Format::Png, 128, 128),
        ];
        let s = small(&statics, "/img/logo.png").unwrap();
        assert_eq!(s.rendition.path, "img/logo-192x192.png");
        assert_eq!((s.rendition.encoding, s.rendition.shape), (Encoding::Png, Shape::Resize));
        assert_eq!(s.source.name, "img/logo.png");
        // Spaces and capitals are written as a link would write them; the file is named as a
        // photo's sizes are, with no character to escape.
        let s = small(&statics, "/img/Logo%20Kemenag.JPG").unwrap();
        assert_eq!(s.rendition.path, "img/logo-kemenag-576x192.jpg");
        assert_eq!(s.rendition.encoding, Encoding::Jpeg);
        // Small enough, at another address, not a file of the site: linked as written.
        assert_eq!(small(&statics, "/img/ikon.png"), None);
        assert_eq!(small(&statics, "https://kemenag.go.id/logo.png"), None);
        assert_eq!(small(&statics, "/img/tidak-ada.png"), None);
    }

    #[test]
    fn a_logo_that_is_no_photo_warta_reads_is_linked_as_it_is() {
        let mut svg = photo("img/logo.svg", Format::Png, 3000, 3000);
        svg.photo = None;
        let mut broken = photo("img/rusak.png", Format::Png, 3000, 3000);
        broken.photo = Some(Err("is not a PNG".into()));
        let statics = [svg, broken];
        assert_eq!(small(&statics, "/img/logo.svg"), None);
        assert_eq!(small(&statics, "/img/rusak.png"), None);
    }

    #[test]
    fn every_logo_of_the_site_is_made_once() {
        let site = "title: Uji\nbase_url: https://example.go.id/humas/\nlogo: /img/logo.png\n\
                    units:\n  a: {name: A, short: A, place: P, logo: /img/unit.webp}\n  \
                    b: {name: B, short: B, place: P, logo: /img/logo.png}\n  \
                    c: {name: C, short: C, place: P}\nauthors:\n  sn: Sri Nadi\n";
        let c = crate::config::parse(std::path::Path::new("site.yaml"), site).unwrap();
        let statics = [
            photo("img/logo.png", Format::Png, 3000, 3000),
            photo("img/unit.webp", Format::Webp, 1000, 1000),
        ];
        let paths: Vec<String> = all(&c, &statics).into_iter().map(|s| s.rendition.path).collect();
        assert_eq!(paths, ["img/logo-192x192.png", "img/unit-192x192.webp"]);
        assert_eq!(link(&c, &statics, "/img/unit.webp"), "/humas/img/unit-192x192.webp");
        assert_eq!(link(&c, &statics, "/img/lain.svg"), "/humas/img/lain.svg");
    }
}
