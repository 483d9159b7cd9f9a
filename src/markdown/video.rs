//! A YouTube or Vimeo link alone on its line becomes a video on the page. The page loads nothing
//! from the video site until the reader clicks: warta writes a plain link (which is what feeds
//! and captions show) marked with the privacy-friendly player address, and the theme's small
//! script swaps in the player on click (`youtube-nocookie.com`, Vimeo with `dnt=1`).

use regex::Regex;
use std::sync::LazyLock;
use url::Url;

/// A video of a site warta knows how to embed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Video {
    /// The video's own page, for readers without JavaScript and for feeds.
    pub watch: String,
    /// The player, loaded only after a click.
    pub embed: String,
    pub provider: &'static str,
}

/// The video behind a link, if it is one.
pub fn parse(link: &str) -> Option<Video> {
    let url = Url::parse(link.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let host = url.host_str()?.trim_start_matches("www.").trim_start_matches("m.");
    let segments: Vec<&str> = url.path_segments().map(|s| s.collect()).unwrap_or_default();
    let query = |key: &str| url.query_pairs().find(|(k, _)| k == key).map(|(_, v)| v.into_owned());
    match host {
        "youtube.com" | "youtube-nocookie.com" => {
            let id = match segments.as_slice() {
                ["watch"] => query("v")?,
                ["shorts" | "embed" | "live", id, ..] => id.to_string(),
                _ => return None,
            };
            youtube(&id, query("t").or_else(|| query("start")).as_deref())
        }
        "youtu.be" => youtube(segments.first()?, query("t").as_deref()),
        "vimeo.com" | "player.vimeo.com" => {
            // An unlisted video plays only with its hash: the second part of the link Vimeo's
            // "Share" gives (`vimeo.com/<id>/<hash>`), `?h=` in the player's address.
            let (id, hash) = match segments.as_slice() {
                [id] | ["video", id] | ["channels", _, id] => (*id, query("h")),
                [id, hash] if hash.bytes().all(|b| b.is_ascii_hexdigit()) => {
                    (*id, Some(hash.to_string()))
                }
                _ => return None,
            };
            if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let hash = hash.filter(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_hexdigit()));
            Some(match hash {
                Some(h) => Video {
                    watch: format!("https://vimeo.com/{id}/{h}"),
                    embed: format!("https://player.vimeo.com/video/{id}?h={h}&dnt=1"),
                    provider: "Vimeo",
                },
                None => Video {
                    watch: format!("https://vimeo.com/{id}"),
                    embed: format!("https://player.vimeo.com/video/{id}?dnt=1"),
                    provider: "Vimeo",
                },
            })
        }
        _ => None,
    }
}

fn youtube(id: &str, start: Option<&str>) -> Option<Video> {
    let valid =
        id.len() == 11 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b));
    if !valid {
        return None;
    }
    let start = start.and_then(seconds).filter(|&s| s > 0);
    let (watch_t, embed_t) = match start {
        Some(s) => (format!("&t={s}s"), format!("?start={s}")),
        None => (String::new(), String::new()),
    };
    Some(Video {
        watch: format!("https://www.youtube.com/watch?v={id}{watch_t}"),
        embed: format!("https://www.youtube-nocookie.com/embed/{id}{embed_t}"),
        provider: "YouTube",
    })
}

/// `90`, `90s`, `1m30s`, `1h2m3s` as seconds.
fn seconds(t: &str) -> Option<u64> {
    if let Ok(s) = t.parse() {
        return Some(s);
    }
    let mut total = 0u64;
    let mut number = String::new();
    for c in t.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let n: u64 = number.parse().ok()?;
        number.clear();
        total += n * match c {
            'h' => 3600,
            'm' => 60,
            's' => 1,
            _ => return None,
        };
    }
    number.is_empty().then_some(total)
}

/// The video of a player's embed code pasted whole, as YouTube's and Vimeo's "Embed" buttons
/// give it: one `<iframe>` of the player, with nothing around it but markup (Vimeo's comes in a
/// `<div>` with its script). Also the frame's `title`, which both sites fill with the video's
/// own title (YouTube's older code says only "YouTube video player"). `None` for anything
/// else: a frame of another site (a map), two videos, or a frame in a text.
pub fn embedded(html: &str) -> Option<(Video, Option<String>)> {
    static FRAME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?is)<iframe\b([^>]*)>.*?</iframe\s*>").expect("a valid pattern")
    });
    static ATTRIBUTE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i)([a-z][a-z0-9-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"#)
            .expect("a valid pattern")
    });
    static TAG: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?s)<!--.*?-->|<[^>]*>").expect("a valid pattern"));
    let mut frames = FRAME.captures_iter(html);
    let frame = frames.next()?;
    if frames.next().is_some() {
        return None;
    }
    let whole = frame.get(0)?;
    let around = format!("{}{}", &html[..whole.start()], &html[whole.end()..]);
    if !TAG.replace_all(&around, "").trim().is_empty() {
        return None;
    }
    let attribute = |name: &str| {
        ATTRIBUTE.captures_iter(&frame[1]).find(|a| a[1].eq_ignore_ascii_case(name)).map(|a| {
            let value = a.get(2).or(a.get(3)).or(a.get(4)).map_or("", |v| v.as_str());
            quick_xml::escape::unescape(value).map_or_else(|_| value.to_string(), Into::into)
        })
    };
    let video = parse(&attribute("src")?)?;
    let title = attribute("title")
        .map(|t| super::collapse_whitespace(&t))
        .filter(|t| !t.is_empty() && !t.eq_ignore_ascii_case("YouTube video player"));
    Some((video, title))
}

/// The paragraph's HTML: a link to the video's page, which the theme's script turns into the
/// player on click. `label` is HTML-escaped text.
pub fn html(video: &Video, label: &str) -> String {
    format!(
        "<p class=\"video\"><a class=\"video-link\" href=\"{}\" data-embed=\"{}\" \
         data-provider=\"{}\">{label}</a></p>\n",
        super::escape_html(&video.watch),
        super::escape_html(&video.embed),
        video.provider
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embed_codes_as_the_sites_give_them() {
        let youtube = "<iframe width=\"560\" height=\"315\" \
            src=\"https://www.youtube.com/embed/dQw4w9WgXcQ?si=Xy7_ab&amp;start=90\" \
            title=\"Rapat Koordinasi &amp; Evaluasi\" frameborder=\"0\" allow=\"accelerometer; \
            autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; \
            web-share\" referrerpolicy=\"strict-origin-when-cross-origin\" \
            allowfullscreen></iframe>";
        let (v, title) = embedded(youtube).expect("YouTube's embed code");
        assert_eq!(v.embed, "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=90");
        assert_eq!(title.as_deref(), Some("Rapat Koordinasi & Evaluasi"));
        let older = "<iframe width=560 height=315 src='https://www.youtube.com/embed/dQw4w9WgXcQ' \
            title=\"YouTube video player\"></iframe>\n";
        assert_eq!(embedded(older).map(|(v, t)| (v.provider, t)), Some(("YouTube", None)));
        let vimeo = "<div style=\"padding:56.25% 0 0 0;position:relative;\"><iframe \
            src=\"https://player.vimeo.com/video/76979871?badge=0&amp;autopause=0\" \
            frameborder=\"0\" style=\"position:absolute;top:0;left:0;width:100%;height:100%;\" \
            title=\"Pelantikan\"></iframe></div><script \
            src=\"https://player.vimeo.com/api/player.js\"></script>";
        let (v, title) = embedded(vimeo).expect("Vimeo's embed code");
        assert_eq!(v.embed, "https://player.vimeo.com/video/76979871?dnt=1");
        assert_eq!(title.as_deref(), Some("Pelantikan"));
        for other in [
            // A map, not a video.
            "<iframe src=\"https://www.google.com/maps/embed?pb=!1m18\" width=\"600\"></iframe>",
            // A frame in a text, or two videos: left as they are.
            "Tonton: <iframe src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\"></iframe>",
            "<iframe src=\"https://youtu.be/dQw4w9WgXcQ\"></iframe>\
             <iframe src=\"https://youtu.be/dQw4w9WgXcQ\"></iframe>",
            "<iframe title=\"no source\"></iframe>",
            "<p>Video</p>",
        ] {
            assert_eq!(embedded(other), None, "{other}");
        }
    }

    #[test]
    fn youtube_links_in_every_form() {
        for link in [
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ",
            "https://m.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtu.be/dQw4w9WgXcQ",
            "https://www.youtube.com/shorts/dQw4w9WgXcQ",
            "https://www.youtube.com/embed/dQw4w9WgXcQ",
            "http://youtube.com/live/dQw4w9WgXcQ?si=abc",
        ] {
            let v = parse(link).unwrap_or_else(|| panic!("{link} is a video"));
            assert_eq!(v.embed, "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "{link}");
            assert_eq!(v.watch, "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "{link}");
        }
        let v = parse("https://youtu.be/dQw4w9WgXcQ?t=1m30s").expect("a video");
        assert_eq!(v.embed, "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=90");
        assert_eq!(v.watch, "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=90s");
    }

    #[test]
    fn vimeo_links() {
        let v = parse("https://vimeo.com/76979871").expect("a video");
        assert_eq!(v.embed, "https://player.vimeo.com/video/76979871?dnt=1");
        assert_eq!(v.provider, "Vimeo");
        assert!(parse("https://player.vimeo.com/video/76979871").is_some());
        let v = parse("https://vimeo.com/channels/staffpicks/76979871").expect("a video");
        assert_eq!(v.watch, "https://vimeo.com/76979871");
    }

    #[test]
    fn an_unlisted_vimeo_video_keeps_its_hash() {
        // As Vimeo's "Share" gives the link of an unlisted video, and as its player takes it.
        for link in [
            "https://vimeo.com/76979871/8272103f6e?share=copy",
            "https://vimeo.com/76979871/8272103f6e",
            "https://player.vimeo.com/video/76979871?h=8272103f6e&badge=0&autopause=0",
        ] {
            let v = parse(link).unwrap_or_else(|| panic!("{link} is a video"));
            assert_eq!(v.embed, "https://player.vimeo.com/video/76979871?h=8272103f6e&dnt=1");
            assert_eq!(v.watch, "https://vimeo.com/76979871/8272103f6e", "{link}");
        }
        let code = "<iframe src=\"https://player.vimeo.com/video/76979871?h=8272103f6e&amp;\
            badge=0\" frameborder=\"0\" title=\"Rapat\"></iframe>";
        let (v, _) = embedded(code).expect("the embed code of an unlisted video");
        assert_eq!(v.embed, "https://player.vimeo.com/video/76979871?h=8272103f6e&dnt=1");
        // Not a hash: a word is no part of a video's address.
        assert_eq!(parse("https://vimeo.com/76979871/likes"), None);
        assert_eq!(
            parse("https://player.vimeo.com/video/76979871?h=\"><script>").map(|v| v.embed),
            Some("https://player.vimeo.com/video/76979871?dnt=1".to_string())
        );
    }

    #[test]
    fn other_links_are_not_videos() {
        for link in [
            "https://www.youtube.com/@kemenagri",
            "https://www.youtube.com/watch?v=short",
            "https://youtu.be/dQw4w9WgXcQ\"><script>",
            "https://vimeo.com/channels/staffpicks",
            "https://example.com/watch?v=dQw4w9WgXcQ",
            "javascript:alert(1)",
            "foto.jpg",
        ] {
            assert_eq!(parse(link), None, "{link}");
        }
    }
}
