//! The social layer: for each release, a caption per channel (written by hand in front matter,
//! or fitted by [`captions`]), share buttons and the per-release `social.json`. This module owns
//! what a release gives each channel; the channels' rules are [`crate::channels`], the links
//! (with UTM parameters; canonical URLs never carry them) [`crate::links`]. Pure functions of a
//! release, the config and the theme's words.

pub mod captions;
mod text;

pub use crate::channels::Channel;
pub use text::hashtag;

use crate::channels;
use crate::config::{Config, InstagramLink};
use crate::error::Error;
use crate::links::query_value as encode;
use crate::model::{Release, Site};
use serde::Serialize;

/// The theme's words that captions use (its `strings.yaml`, with the site's `strings:`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Words<'a> {
    /// Before Instagram's link, which is plain text there: `read_more` ("Baca selengkapnya").
    pub read_more: &'a str,
    /// Where an Instagram caption's link is, instead of the link: `link_in_bio` ("Tautan ada
    /// di bio."). Without it, Instagram captions carry the link.
    pub link_in_bio: &'a str,
}

impl<'a> Words<'a> {
    /// The words from the theme's strings; a missing one is left out of the caption.
    pub fn from_strings(strings: &'a std::collections::BTreeMap<String, String>) -> Words<'a> {
        let get = |key: &str| strings.get(key).map_or("", String::as_str);
        Words { read_more: get("read_more"), link_in_bio: get("link_in_bio") }
    }
}

/// The channels whose posts link an `@handle`, where a caption credits the unit.
const MENTIONS: [Channel; 5] =
    [Channel::X, Channel::Bluesky, Channel::Mastodon, Channel::Threads, Channel::Instagram];

/// The unit's handles that its captions credit ("via @kemenagbadung"): on each channel that
/// links mentions, the unit's account, unless it is the site's own (`social:` in `site.yaml`),
/// which would credit the account that posts.
pub fn mentions(config: &Config, unit: &str) -> Vec<(Channel, String)> {
    let Some(u) = config.units.get(unit) else {
        return Vec::new();
    };
    MENTIONS
        .into_iter()
        .filter_map(|c| {
            let handle = u.social.handle(c)?;
            let own = config.social.handle(c).is_some_and(|h| h.eq_ignore_ascii_case(&handle));
            (!own).then_some((c, handle))
        })
        .collect()
}

/// A release's caption for one channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Caption {
    #[serde(skip)]
    pub channel: Channel,
    /// Ready to post as it is.
    pub text: String,
    /// The link it shares, with UTM parameters.
    pub link: String,
    /// Its length as the channel counts it, and the channel's limit.
    pub length: usize,
    pub limit: Option<usize>,
    /// Whether it was written by hand in front matter (`social:`).
    pub custom: bool,
}

/// The link a release's captions and share buttons carry on `channel`: its short link
/// (`https://humas.example.go.id/s/6q1dy/?bs`) when `short_links:` is on, whose page redirects
/// to the [`tracked_link`]; else the tracked link itself.
pub fn share_link(config: &Config, r: &Release, channel: Channel) -> String {
    match &r.short_link {
        Some(short) => crate::model::short::channel_link(&config.absolute(short), channel),
        None => tracked_link(config, r, channel),
    }
}

/// The release's canonical URL with the UTM parameters of `channel`, as `site.yaml` sets them.
pub fn tracked_link(config: &Config, r: &Release, channel: Channel) -> String {
    config.share_link(&r.path, &r.unit, &r.slug, r.date.year(), channel.key())
}

/// The caption of one channel: the one written in front matter (where `{link}` stands for the
/// link, which is added on a line of its own if it is missing), or one made to fit.
pub fn caption(config: &Config, r: &Release, channel: Channel, words: Words<'_>) -> Caption {
    caption_with(config, r, channel, &prepare(config, r, words))
}

/// [`caption`] as the unit's own account posts it, from the unit's channel feed: without the
/// "via @kemenagbadung" that credits the unit when the site's account posts it (the unit's
/// account crediting itself, in characters the caption could use).
pub fn caption_by_unit(
    config: &Config,
    r: &Release,
    channel: Channel,
    words: Words<'_>,
) -> Caption {
    caption_with(config, r, channel, &prepare(config, r, words).without_mentions())
}

/// The release's text cut into words, once for all its captions.
fn prepare(config: &Config, r: &Release, words: Words<'_>) -> captions::Prepared {
    let unit = config.units.get(&r.unit);
    let unit_short = unit.map_or("", |u| u.short.as_str());
    let mut always_tags = config.hashtags.clone();
    for tag in unit.map_or(&[][..], |u| &u.hashtags[..]) {
        if !always_tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            always_tags.push(tag.clone());
        }
    }
    let link_words = match unit.and_then(|u| u.instagram_link.as_ref()) {
        Some(choice) => choice,
        None => &config.instagram_link,
    };
    let link_words = match link_words {
        InstagramLink::Bio => Some(words.link_in_bio).filter(|w| !w.trim().is_empty()),
        InstagramLink::Url => None,
        InstagramLink::Words(w) => Some(w.as_str()),
    };
    captions::Prepared::new(&captions::Source {
        title: &r.title,
        summary: &r.lead,
        place: &r.place,
        unit_short,
        tags: &r.tags,
        read_more: words.read_more,
        always_tags: &always_tags,
        mentions: &mentions(config, &r.unit),
        link_words,
    })
}

fn caption_with(
    config: &Config,
    r: &Release,
    channel: Channel,
    prepared: &captions::Prepared,
) -> Caption {
    let link = share_link(config, r, channel);
    let ((text, length), custom) = match r.social.get(channel.key()) {
        Some(text) => {
            let text = channels::with_link(text, &link);
            let length = channels::measure(channel, &text);
            ((text, length), true)
        }
        None => (captions::caption_prepared(channel, prepared, &link), false),
    };
    Caption { channel, text, link, length, limit: channel.limit(), custom }
}

/// Every channel's caption, in [`Channel::ALL`] order.
pub fn all_captions(config: &Config, r: &Release, words: Words<'_>) -> Vec<Caption> {
    let prepared = prepare(config, r, words);
    Channel::ALL.iter().map(|&c| caption_with(config, r, c, &prepared)).collect()
}

/// A share button: a plain link to the channel's own share page, no script.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShareButton {
    /// `whatsapp`, `telegram`, `facebook`, `x`, `bluesky`, `threads`.
    pub channel: String,
    pub label: String,
    pub url: String,
}

/// Share buttons for a release page: WhatsApp gets the whole caption (a forwarded message is
/// all its readers see), the others the title and the link with that channel's UTM parameters.
/// `captions` as [`all_captions`] gives them. X's names the unit's account (else the site's) as
/// `via`, which X adds to the post.
pub fn share_buttons(config: &Config, r: &Release, captions: &[Caption]) -> Vec<ShareButton> {
    let x_account = config.units.get(&r.unit).and_then(|u| u.social.handle(Channel::X));
    let via = match x_account.or_else(|| config.social.handle(Channel::X)) {
        Some(handle) => format!("&via={}", encode(handle.trim_start_matches('@'))),
        None => String::new(),
    };
    let of = |channel: Channel| captions.iter().find(|c| c.channel == channel);
    let link = |channel: Channel| of(channel).map_or(String::new(), |c| encode(&c.link));
    let title = encode(&r.title);
    let title_and_link = |channel: Channel| {
        of(channel).map_or(String::new(), |c| encode(&format!("{}\n{}", r.title, c.link)))
    };
    let whatsapp = of(Channel::Whatsapp).map_or(String::new(), |c| encode(&c.text));
    let button = |channel: Channel, url: String| ShareButton {
        channel: channel.key().to_string(),
        label: channel.label().to_string(),
        url,
    };
    vec![
        button(Channel::Whatsapp, format!("https://wa.me/?text={whatsapp}")),
        button(
            Channel::Telegram,
            format!("https://t.me/share/url?url={}&text={title}", link(Channel::Telegram)),
        ),
        button(
            Channel::Facebook,
            format!("https://www.facebook.com/sharer/sharer.php?u={}", link(Channel::Facebook)),
        ),
        button(
            Channel::X,
            format!("https://x.com/intent/post?url={}&text={title}{via}", link(Channel::X)),
        ),
        button(
            Channel::Bluesky,
            format!("https://bsky.app/intent/compose?text={}", title_and_link(Channel::Bluesky)),
        ),
        button(
            Channel::Threads,
            format!(
                "https://www.threads.net/intent/post?text={}",
                title_and_link(Channel::Threads)
            ),
        ),
    ]
}

/// `social.json` beside each release: everything a script or a person needs to post it.
#[derive(Debug, Serialize)]
struct SocialFile<'a> {
    guid: &'a str,
    url: String,
    title: &'a str,
    summary: &'a str,
    published: String,
    image: Option<String>,
    /// The verification code, and the page that checks it ([`crate::trust`]).
    code: String,
    check_url: String,
    captions: std::collections::BTreeMap<&'static str, &'a Caption>,
}

/// The release's `social.json`; `image` is the photo's absolute URL, `captions` as
/// [`all_captions`] gives them.
pub fn social_json(
    config: &Config,
    r: &Release,
    image: Option<&str>,
    captions: &[Caption],
) -> String {
    let file = SocialFile {
        guid: &r.guid,
        url: config.absolute(&r.path),
        title: &r.title,
        summary: &r.summary,
        published: r.date.iso(),
        image: image.map(str::to_string),
        code: crate::trust::release_code(config, r),
        check_url: crate::trust::check_url(config, &crate::trust::release_code(config, r)),
        captions: captions.iter().map(|c| (c.channel.key(), c)).collect(),
    };
    let mut json = serde_json::to_string(&file).unwrap_or_default();
    json.push('\n');
    json
}

/// Finds a release by its file (`content/2023/05/x.md`, or a bundle's folder) or its slug.
pub fn find<'a>(site: &'a Site, query: &str) -> Result<&'a Release, Error> {
    let wanted = query.trim().trim_start_matches("./").trim_end_matches('/').replace('\\', "/");
    let matches: Vec<&Release> = site
        .releases
        .iter()
        .filter(|r| {
            let source = r.source.to_string_lossy().replace('\\', "/");
            let folder = source.trim_end_matches("/index.md");
            r.slug == wanted || source == wanted || folder == wanted
        })
        .collect();
    match matches[..] {
        [r] => Ok(r),
        [] => Err(Error::Refused(format!(
            "no release {query:?}: give its file (content/2023/05/slug.md) or its slug"
        ))),
        _ => {
            let list: Vec<String> =
                matches.iter().map(|r| r.source.display().to_string()).collect();
            Err(Error::Refused(format!(
                "{query:?} matches several releases; give the file: {}",
                list.join(", ")
            )))
        }
    }
}

/// Every caption of a release, each under a heading with its length, ready to paste.
pub fn paste_text(config: &Config, r: &Release, words: Words<'_>) -> String {
    let mut out = format!("{}\n{}\n", r.title, config.absolute(&r.path));
    for c in all_captions(config, r, words) {
        let limit = c.limit.map_or(String::new(), |l| format!(" / {l}"));
        let custom = if c.custom { ", written in front matter" } else { "" };
        out.push_str(&format!(
            "\n── {} ({}{limit}{custom}) ──\n{}\n",
            c.channel.label(),
            c.length,
            c.text
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_keeps_only_unreserved() {
        assert_eq!(encode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
    }
}
