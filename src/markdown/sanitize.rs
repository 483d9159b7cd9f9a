//! What raw HTML in a release may put on a page. Markdown lets a writer type HTML, and a
//! pasted release can carry `<script>`, `onerror=` or `javascript:` links from wherever it was
//! copied; the rendered body therefore goes through an allow-list (ammonia, on the browsers'
//! own parsing algorithm) that keeps what warta itself writes and a release needs, and drops
//! the rest. `unsafe_html: true` in `site.yaml` skips this (see README, "What warta lets
//! through").

use std::collections::HashSet;
use std::sync::OnceLock;

/// Where a video facade's player may come from: the theme's script loads `data-embed` into a
/// frame on click, so it must be the player warta itself would write.
const PLAYERS: [&str; 2] =
    ["https://www.youtube-nocookie.com/embed/", "https://player.vimeo.com/video/"];

/// The body with every element, attribute and link scheme a release does not need removed:
/// scripts, styles, frames, forms, event handlers (`onerror=`), `javascript:`, `vbscript:` and
/// `data:` links. Kept: text formatting, headings with their ids, lists and task lists,
/// tables with their alignment, figures, code blocks with their highlighting classes,
/// footnotes, images (`loading="lazy"`) and the responsive `<picture>` of a photo published in
/// sizes (its `srcset` of web addresses only), the dateline and the video facade.
pub fn sanitize(html: &str) -> String {
    builder().clean(html).to_string()
}

fn builder() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_tags(["figure", "figcaption", "input", "label", "picture", "source"])
            .add_generic_attributes(["id", "class"])
            .add_tag_attributes("a", ["title", "data-embed", "data-provider"])
            .add_tag_attributes("img", ["title", "loading", "decoding", "srcset", "sizes"])
            .add_tag_attributes("source", ["type", "srcset", "sizes"])
            .add_tag_attributes("pre", ["data-lang"])
            .add_tag_attributes("th", ["style"])
            .add_tag_attributes("td", ["style"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_tag_attributes("ol", ["type", "start"])
            .url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
            // warta's own links carry no rel; adding one to every link would change every page.
            .link_rel(None)
            .attribute_filter(|element, attribute, value| match (element, attribute) {
                ("a", "data-embed") => {
                    PLAYERS.iter().any(|p| value.starts_with(p)).then_some(value.into())
                }
                ("a", "data-provider") => {
                    matches!(value, "YouTube" | "Vimeo").then_some(value.into())
                }
                // Only a table's column alignment, as the Markdown writes it.
                ("th" | "td", "style") => {
                    let align = value.trim().trim_end_matches(';').replace(' ', "");
                    matches!(
                        align.as_str(),
                        "text-align:left" | "text-align:center" | "text-align:right"
                    )
                    .then_some(value.into())
                }
                ("input", "type") => (value == "checkbox").then_some(value.into()),
                // A list lettered as typed (`a.`, `A.`, `i.`, `I.`).
                ("ol", "type") => matches!(value, "a" | "A" | "i" | "I").then_some(value.into()),
                // The candidates of a `srcset` are addresses ammonia does not look at: each
                // must be one of the site's or on the web, as a `src` may be.
                (_, "srcset") => value
                    .split(',')
                    .all(|candidate| web_address(candidate.split_whitespace().next().unwrap_or("")))
                    .then_some(value.into()),
                ("source", "type") => value.starts_with("image/").then_some(value.into()),
                _ => Some(value.into()),
            });
        b
    })
}

/// Whether `url` is an address of the site (relative, or from its root) or on the web: no
/// other scheme (`javascript:`, `data:`).
fn web_address(url: &str) -> bool {
    match url.split_once(':') {
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http")
        }
        _ => !url.is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn dangerous_forms_are_removed() {
        for (hostile, gone) in [
            ("<script>alert(1)</script><p>a</p>", "script"),
            ("<img src=x onerror=alert(1)>", "onerror"),
            ("<iframe src=\"https://evil.example\"></iframe>", "iframe"),
            ("<a href=\"javascript:alert(1)\">x</a>", "javascript"),
            ("<a href=\"vbscript:msgbox(1)\">x</a>", "vbscript"),
            ("<a href=\"data:text/html,&lt;script&gt;\">x</a>", "data:"),
            ("<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "ascript"),
            ("<p style=\"background:url(https://t.example/)\">x</p>", "style"),
            ("<a class=\"video-link\" href=\"https://e.example/\" data-embed=\"javascript:x\">v</a>", "data-embed"),
            ("<td style=\"background:red\">x</td>", "style"),
            ("<img src=\"/a.jpg\" srcset=\"/a.jpg 1x, javascript:alert(1) 2x\">", "javascript"),
            ("<picture><source srcset=\"data:image/svg+xml,x 480w\"></picture>", "data:"),
            ("<picture><source type=\"text/html\" srcset=\"/a.webp\"></picture>", "text/html"),
        ] {
            let out = sanitize(hostile);
            assert!(!out.contains(gone), "{hostile} gave {out}");
        }
    }

    #[test]
    fn what_warta_writes_is_kept() {
        for kept in [
            "<p><span class=\"dateline\">Denpasar (Humas Bali)</span> – Teks</p>",
            "<h2 id=\"acara\">Acara</h2>",
            "<figure><img src=\"/2023/05/x/foto.jpg\" alt=\"Peserta\" loading=\"lazy\"><figcaption>Peserta</figcaption></figure>",
            "<p class=\"video\"><a class=\"video-link\" href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\" data-embed=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ\" data-provider=\"YouTube\">Video</a></p>",
            "<pre class=\"code\" data-lang=\"rust\"><code><span class=\"hl-source hl-rust\">fn</span></code></pre>",
            "<table><thead><tr><th style=\"text-align: center\">A</th></tr></thead></table>",
            "<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup>",
            "<ul><li><input disabled=\"\" type=\"checkbox\" checked=\"\">x</li></ul>",
            "<p><a href=\"mailto:humas@example.go.id\">surel</a></p>",
            // A photo in sizes: found by helper-27, stop 48 (a body with any raw HTML, as Word
            // text pasted with its `<b>` has, lost every photo's sizes and WebP).
            "<figure><picture><source type=\"image/webp\" srcset=\"/2023/05/x/foto-480.webp 480w, /2023/05/x/foto-960.webp 960w\" sizes=\"(min-width: 44rem) 42rem, 100vw\"><img src=\"/2023/05/x/foto-960.jpg\" srcset=\"/2023/05/x/foto-480.jpg 480w, https://cdn.example.go.id/foto-960.jpg 960w\" sizes=\"(min-width: 44rem) 42rem, 100vw\" width=\"1600\" height=\"1200\" alt=\"Peserta\" loading=\"lazy\" decoding=\"async\"></picture><figcaption>Peserta</figcaption></figure>",
        ] {
            assert_eq!(sanitize(kept), kept);
        }
    }
}
