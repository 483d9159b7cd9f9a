//! The site's icons: `favicon.ico`, the touch icons and the web app manifest that points to
//! them, drawn from `site.yaml`'s `logo:` on white or, without a logo the build can read, from
//! the site's initials in white on its theme colour. They are drawn as the social cards are (an
//! SVG rendered by resvg with the theme's fonts, made and cached by the writer), so a logo in
//! PNG, JPEG, WebP or SVG serves, and nothing is drawn again until the logo, the title or the
//! colour changes. Plain data in, plain data out: the SVG and the manifest are strings here.

use crate::config::Config;
use crate::photos::{Encoding, Rendition, Shape};

/// Every icon: its path at the site's root, its side in pixels and its encoding. 32 px for the
/// tab, 180 px for iOS's home screen, 192 and 512 px for Android's (through the manifest).
pub const ICONS: [(&str, u32, Encoding); 4] = [
    ("favicon.ico", 32, Encoding::Ico),
    ("apple-touch-icon.png", 180, Encoding::Png),
    ("icon-192.png", 192, Encoding::Png),
    ("icon-512.png", 512, Encoding::Png),
];

/// The web app manifest, beside the icons.
pub const MANIFEST: &str = "site.webmanifest";

/// The colour of the header and the icons when `site.yaml` sets none: the default theme's.
pub const DEFAULT_COLOR: &str = "#0a5c36";

/// An error for each `logo:` (the site's, or a unit's) that names a site path that is no static
/// file of the site or its theme: the pages that show it would show a broken image, and the
/// site's icons would not be the logo.
pub fn missing_logos(c: &Config, theme: &super::Theme) -> Vec<crate::error::ContentError> {
    let units =
        c.units.values().map(|u| (u.logo.as_deref(), u.logo_line, format!("units.{}.logo", u.key)));
    std::iter::once((c.logo.as_deref(), c.logo_line, "logo".to_string()))
        .chain(units)
        .filter_map(|(logo, line, field)| {
            let logo = logo.filter(|l| !crate::links::is_absolute_url(l))?;
            if super::jobs::logo_file(theme, Some(logo)).is_some() {
                return None;
            }
            let file = crate::links::decode(logo.trim_start_matches('/')).into_owned();
            let message = format!(
                "{logo} is not a file of the site: put the logo at static/{file}, or correct \
                 the path"
            );
            Some(crate::error::ContentError::new("site.yaml", message).at_line(line).field(field))
        })
        .collect()
}

/// The icons as files to draw.
pub fn renditions() -> Vec<Rendition> {
    ICONS
        .iter()
        .map(|&(path, side, encoding)| Rendition {
            path: path.to_string(),
            width: side,
            height: side,
            encoding,
            shape: Shape::Resize,
            max_bytes: None,
        })
        .collect()
}

/// The theme colour of the site: `theme_color:` or [`DEFAULT_COLOR`].
pub fn color(c: &Config) -> &str {
    c.theme_color.as_deref().unwrap_or(DEFAULT_COLOR)
}

/// Up to two capitals that stand for the site: the first letters of the first two words of its
/// title that are not small words. "Humas Kanwil Kementerian Agama" → "HK"; "SMA Negeri 1" →
/// "SN"; a title without letters or digits → "W".
pub fn initials(title: &str) -> String {
    const SMALL: [&str; 12] =
        ["dan", "di", "ke", "dari", "yang", "the", "of", "and", "for", "a", "an", "&"];
    let letters: String = title
        .split_whitespace()
        .filter(|w| !SMALL.contains(&w.to_lowercase().as_str()))
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .flat_map(char::to_uppercase)
        .take(2)
        .collect();
    if letters.is_empty() {
        "W".to_string()
    } else {
        letters
    }
}

/// The SVG every icon is drawn from: the logo at `logo_href` (a site path whose file the writer
/// is given) centred on white, or the initials of the title on the theme colour. Square, 512
/// units; the rasteriser scales it to each size.
pub fn svg(c: &Config, logo_href: Option<&str>) -> String {
    let e = crate::links::escape_html;
    match logo_href {
        Some(href) => format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"512\" height=\"512\" \
             viewBox=\"0 0 512 512\"><rect width=\"512\" height=\"512\" fill=\"#ffffff\"/>\
             <image href=\"{}\" x=\"32\" y=\"32\" width=\"448\" height=\"448\" \
             preserveAspectRatio=\"xMidYMid meet\"/></svg>",
            e(href)
        ),
        None => {
            let letters = initials(&c.title);
            // Two capitals fill the square as one does.
            let size = if letters.chars().count() > 1 { 230 } else { 300 };
            format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"512\" height=\"512\" \
                 viewBox=\"0 0 512 512\" font-family=\"Inter, sans-serif\">\
                 <rect width=\"512\" height=\"512\" fill=\"{}\"/>\
                 <text x=\"256\" y=\"{}\" text-anchor=\"middle\" font-size=\"{size}\" \
                 font-weight=\"700\" fill=\"#ffffff\">{}</text></svg>",
                color(c),
                256 + size * 36 / 100,
                e(&letters)
            )
        }
    }
}

/// The web app manifest: the name, colours and large icons a phone uses when the site is added
/// to its home screen.
pub fn manifest(c: &Config) -> String {
    let icons: Vec<serde_json::Value> = ICONS
        .iter()
        .filter(|(path, _, encoding)| *encoding == Encoding::Png && path.starts_with("icon-"))
        .map(|&(path, side, _)| {
            serde_json::json!({
                "src": c.link(path),
                "sizes": format!("{side}x{side}"),
                "type": "image/png",
            })
        })
        .collect();
    let manifest = serde_json::json!({
        "name": c.title,
        "short_name": c.short_name(),
        "lang": c.language,
        "start_url": c.base_path,
        "scope": c.base_path,
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": color(c),
        "icons": icons,
    });
    let mut text = serde_json::to_string_pretty(&manifest).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_skip_small_words_and_punctuation() {
        assert_eq!(initials("Humas Kanwil Kementerian Agama Provinsi Bali"), "HK");
        assert_eq!(initials("Dinas Pendidikan dan Kebudayaan"), "DP");
        assert_eq!(initials("“Madrasah” di Bali"), "MB");
        assert_eq!(initials("sma negeri 1"), "SN");
        assert_eq!(initials("— · —"), "W");
        assert_eq!(initials("Ümraniye"), "Ü");
    }

    #[test]
    fn the_svg_escapes_what_it_is_given() {
        let text = "title: \"<A&B>\"\nbase_url: https://example.go.id/\nunits:\n  u: {name: U, short: U, place: P}\n";
        let c = crate::config::parse(std::path::Path::new("site.yaml"), text).expect("valid");
        let drawn = svg(&c, None);
        assert!(drawn.contains(">A</text>"), "one word, one letter: {drawn}");
        let logo = svg(&c, Some("/img/a\"b.png"));
        assert!(logo.contains("href=\"/img/a&quot;b.png\""), "{logo}");
        let m: serde_json::Value = serde_json::from_str(&manifest(&c)).expect("JSON");
        assert_eq!(m["name"], "<A&B>");
        assert_eq!(m["theme_color"], DEFAULT_COLOR);
        assert_eq!(m["icons"][1]["src"], "/icon-512.png");
    }

    /// Found by a tester with Lighthouse: `short_name` was the whole title, which a phone's
    /// home screen cuts at about 12 characters.
    #[test]
    fn the_manifest_s_short_name_is_the_site_s_short_one() {
        let text = [
            "title: Kantor Wilayah Kementerian Agama Provinsi Bali",
            "short: Kanwil <Bali>",
            "base_url: https://example.go.id/",
            "units:",
            "  u: {name: U, short: U, place: P}",
            "  v: {name: V, short: V, place: P}",
        ]
        .join("\n");
        let c = crate::config::parse(std::path::Path::new("site.yaml"), &text).expect("valid");
        let m: serde_json::Value = serde_json::from_str(&manifest(&c)).expect("JSON");
        assert_eq!(m["name"], "Kantor Wilayah Kementerian Agama Provinsi Bali");
        assert_eq!(m["short_name"], "Kanwil <Bali>");
    }
}
