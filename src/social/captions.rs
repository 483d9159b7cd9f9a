//! Social captions for press releases: one ready-to-post text per channel.
//!
//! warta writes a caption for every press release and every channel, and a cross-posting service
//! (IFTTT, Zapier, Buffer) posts it verbatim: nobody looks at it on the way. A caption one unit too
//! long is rejected, or cut mid-word by the service, so each one is measured the way its channel
//! counts ([`measure`]) and shortened in newsroom order until it fits: hashtags go first, then the
//! summary by whole sentences, then by whole words with "…", then the summary itself, then the
//! title by words. The link is never cut, a word or grapheme cluster never split, and where a
//! platform's counting is vague the count errs long. Plain data in, plain data out, no I/O.

use super::measure::{clusters, lone};
pub use super::measure::{measure, x_weighted_len};
use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;

/// A channel warta writes a caption for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Channel {
    X,
    Bluesky,
    Mastodon,
    Threads,
    Telegram,
    Instagram,
    Facebook,
    Whatsapp,
}

impl Channel {
    pub const ALL: [Channel; 8] = [
        Channel::X,
        Channel::Bluesky,
        Channel::Mastodon,
        Channel::Threads,
        Channel::Telegram,
        Channel::Instagram,
        Channel::Facebook,
        Channel::Whatsapp,
    ];

    /// The channel's key in configuration and file names.
    pub fn key(self) -> &'static str {
        match self {
            Channel::X => "x",
            Channel::Bluesky => "bluesky",
            Channel::Mastodon => "mastodon",
            Channel::Threads => "threads",
            Channel::Telegram => "telegram",
            Channel::Instagram => "instagram",
            Channel::Facebook => "facebook",
            Channel::Whatsapp => "whatsapp",
        }
    }

    /// The channel with this key; ASCII case and surrounding spaces are ignored, and "twitter"
    /// is taken for X.
    pub fn from_key(key: &str) -> Option<Channel> {
        let key = key.trim();
        let key = if key.eq_ignore_ascii_case("twitter") { "x" } else { key };
        Channel::ALL.into_iter().find(|c| c.key().eq_ignore_ascii_case(key))
    }

    /// The longest caption the channel takes, in [`measure`] units; `None`: no practical limit.
    /// Telegram's 1,024 is the limit for a photo's caption, the strictest way it is posted.
    pub fn limit(self) -> Option<usize> {
        match self {
            Channel::X => Some(280),
            Channel::Bluesky => Some(300),
            Channel::Mastodon | Channel::Threads => Some(500),
            Channel::Telegram => Some(1024),
            Channel::Instagram => Some(2200),
            Channel::Facebook | Channel::Whatsapp => None,
        }
    }

    /// The channel's name as people write it.
    pub fn label(self) -> &'static str {
        match self {
            Channel::X => "X",
            Channel::Bluesky => "Bluesky",
            Channel::Mastodon => "Mastodon",
            Channel::Threads => "Threads",
            Channel::Telegram => "Telegram",
            Channel::Instagram => "Instagram",
            Channel::Facebook => "Facebook",
            Channel::Whatsapp => "WhatsApp",
        }
    }

    /// Most hashtags a caption carries (fewer when they do not fit):
    /// - X 2: X's own advice is one or two, and each costs room out of 280.
    /// - Bluesky 3: hashtags are search terms there; a few suffice in 300 graphemes.
    /// - Mastodon 5: with no algorithmic feed, hashtags are how posts are found; 500 leaves room.
    /// - Threads 1: Threads links only one topic tag per post.
    /// - Telegram 5: tags help searching a channel's history; they go last, out of the way.
    /// - Instagram 5: Instagram now caps a caption at five hashtags (it was 30); hashtags already
    ///   in the title or summary count, and those past five lose their `#`.
    /// - Facebook, WhatsApp 0: their formats carry none; hashtags read as noise there.
    fn max_hashtags(self) -> usize {
        match self {
            Channel::X => 2,
            Channel::Bluesky => 3,
            Channel::Threads => 1,
            Channel::Mastodon | Channel::Telegram | Channel::Instagram => 5,
            Channel::Facebook | Channel::Whatsapp => 0,
        }
    }
}

/// What a caption is made from; all plain text (no HTML).
#[derive(Debug, Clone)]
pub struct Source<'a> {
    pub title: &'a str,
    /// The lead paragraph, plain text.
    pub summary: &'a str,
    /// Dateline city, e.g. "Denpasar".
    pub place: &'a str,
    /// E.g. "Humas Bali".
    pub unit_short: &'a str,
    /// E.g. ["moderasi beragama", "haji"].
    pub tags: &'a [String],
}

const ELLIPSIS: &str = "…";
/// Bluesky also caps a post's text at 3,000 UTF-8 bytes, besides the 300 graphemes.
const BLUESKY_MAX_BYTES: usize = 3000;
/// Threads refuses a topic tag longer than this.
const THREADS_TAG_MAX_CHARS: usize = 50;
/// Indonesian abbreviations whose "." does not end a sentence ("Dr. H. Ahmad", "Jl. Udayana").
const ABBREVIATIONS: [&str; 14] =
    ["dr", "drs", "dra", "ir", "hj", "kh", "prof", "no", "jl", "rp", "tgl", "yth", "bpk", "sdr"];

/// The caption for one channel; `link` is the URL to share (already carrying UTM parameters).
///
/// X, Bluesky, Mastodon, Threads: `{title}\n\n{summary}\n\n{hashtags}\n{link}`. Telegram:
/// `{title}\n\n{place} ({unit}) – {summary}\n\n{link}\n\n{hashtags}`. Instagram (links are not
/// clickable there, the link is plain text): `{title}\n\n{place} ({unit}) – {summary}\n\n{hashtags}
/// \n\nBaca selengkapnya: {link}`. Facebook, WhatsApp (title in WhatsApp's `*bold*`, any `*` in it
/// made a space): `{title}\n\n{place} ({unit}) – {summary}\n\n{link}`. Whitespace is collapsed
/// and empty parts leave no empty block; the dateline goes with the summary. A limited channel's
/// caption fits [`Channel::limit`] by [`measure`] (and Bluesky's 3,000 bytes) — except when the
/// link alone does not fit: then the caption is the link alone, which the service may refuse.
pub fn caption(channel: Channel, source: &Source<'_>, link: &str) -> String {
    caption_prepared(channel, &Prepared::new(source), link)
}

/// [`caption`] for a source already cut into words: the same text, without cutting it again
/// for every channel.
pub fn caption_prepared(channel: Channel, prepared: &Prepared, link: &str) -> String {
    let draft = Draft::new(channel, prepared, link);
    let full = Cut::default().title(draft.title.len(), false).summary(draft.summary.len(), false);
    if channel.limit().is_none() {
        return draft.render(full);
    }
    let fits = |cut: Cut| fits(channel, &draft.render(cut));
    let mut best = full;
    if !fits(full) {
        best = shorten(&draft, full, &fits);
    }
    // Hashtags in tag order while they fit: one too long is skipped, a later shorter one may fit.
    // A tag only ever lengthens a caption, so when all of them fit that is the answer at once.
    let all = (0..draft.tags.len()).fold(best, |cut, i| cut.with_tag(i));
    if fits(all) {
        best = all;
    } else {
        for i in 0..draft.tags.len() {
            if fits(best.with_tag(i)) {
                best = best.with_tag(i);
            }
        }
    }
    let text = draft.render(best);
    if self::fits(channel, &text) {
        text
    } else {
        draft.link
    }
}

/// The caption shortened in newsroom order, without hashtags: the summary by whole sentences, by
/// whole words with "…", dropped; then the title by whole words with "…", dropped.
fn shorten(draft: &Draft, full: Cut, fits: &dyn Fn(Cut) -> bool) -> Cut {
    let ends = sentence_ends(&draft.summary);
    let sentences = |i: usize| full.summary(ends[i], false);
    if let Some(i) = last_fitting(ends.len(), |i| fits(sentences(i))) {
        return sentences(i);
    }
    let words = |i: usize| full.summary(i + 1, true);
    if let Some(i) = last_fitting(draft.summary.len().saturating_sub(1), |i| fits(words(i))) {
        return words(i);
    }
    let bare = full.summary(0, false);
    if fits(bare) {
        return bare;
    }
    let title = |i: usize| bare.title(i + 1, true);
    if let Some(i) = last_fitting(draft.title.len().saturating_sub(1), |i| fits(title(i))) {
        return title(i);
    }
    bare.title(0, false)
}

/// The largest `i < n` for which `fits(i)` holds, given that it holds for a prefix of `0..n`.
fn last_fitting(n: usize, fits: impl Fn(usize) -> bool) -> Option<usize> {
    if n == 0 || !fits(0) {
        return None;
    }
    let (mut good, mut bad) = (0, n);
    while bad - good > 1 {
        let mid = good + (bad - good) / 2;
        if fits(mid) {
            good = mid;
        } else {
            bad = mid;
        }
    }
    Some(good)
}

fn fits(channel: Channel, text: &str) -> bool {
    channel.limit().is_none_or(|limit| measure(channel, text) <= limit)
        && (channel != Channel::Bluesky || text.len() <= BLUESKY_MAX_BYTES)
}

/// How much of each part a caption keeps: word counts, whether "…" marks a cut, and a bit set of
/// the hashtags kept (there are at most 5).
#[derive(Debug, Clone, Copy, Default)]
struct Cut {
    title: (usize, bool),
    summary: (usize, bool),
    tags: u32,
}

impl Cut {
    fn title(mut self, words: usize, cut: bool) -> Cut {
        self.title = (words, cut);
        self
    }

    fn summary(mut self, words: usize, cut: bool) -> Cut {
        self.summary = (words, cut);
        self
    }

    fn with_tag(mut self, i: usize) -> Cut {
        self.tags |= 1 << i;
        self
    }
}

/// A caption's parts, cleaned: words with whitespace collapsed, hashtags chosen.
#[derive(Debug)]
struct Draft<'p> {
    channel: Channel,
    title: Cow<'p, [String]>,
    summary: Cow<'p, [String]>,
    dateline: String,
    tags: Vec<String>,
    link: String,
}

/// A release's text cut into words once, shared by every channel's caption.
#[derive(Debug, Clone)]
pub struct Prepared {
    title: Vec<String>,
    /// The title without `*` (WhatsApp bolds `*…*`), when it had one.
    whatsapp_title: Option<Vec<String>>,
    place: Vec<String>,
    unit: Vec<String>,
    summary: Vec<String>,
    hashtags: Vec<String>,
}

impl Prepared {
    /// Cuts the source into words and its tags into hashtags.
    pub fn new(source: &Source<'_>) -> Prepared {
        let whatsapp_title = source.title.contains('*').then(|| {
            // A `*` inside the title would end WhatsApp's bold early.
            let title: String = (source.title.graphemes(true))
                .map(|g| if g.contains('*') { " " } else { g })
                .collect();
            words(&title)
        });
        Prepared {
            title: words(source.title),
            whatsapp_title,
            place: words(source.place),
            unit: words(source.unit_short),
            summary: words(source.summary),
            hashtags: source.tags.iter().filter_map(|t| hashtag(t)).collect(),
        }
    }
}

impl<'p> Draft<'p> {
    fn new(channel: Channel, prepared: &'p Prepared, link: &str) -> Draft<'p> {
        let title: &'p [String] = match (&prepared.whatsapp_title, channel) {
            (Some(t), Channel::Whatsapp) => t,
            _ => &prepared.title,
        };
        let mut texts: [Cow<'p, [String]>; 4] = [
            Cow::Borrowed(title),
            Cow::Borrowed(&prepared.place),
            Cow::Borrowed(&prepared.unit),
            Cow::Borrowed(&prepared.summary),
        ];
        let mut room = channel.max_hashtags();
        if matches!(channel, Channel::Instagram | Channel::Threads) {
            // Hard caps: hashtags already in the text count, and those past the cap lose their `#`.
            for words in &mut texts {
                if words.iter().any(|w| w.contains('#')) {
                    room -= demote_hashtags(words.to_mut(), room);
                }
            }
        }
        let [title, place, unit, summary] = texts;
        let mut tags: Vec<String> = Vec::new();
        for tag in &prepared.hashtags {
            let too_long =
                channel == Channel::Threads && tag.chars().count() > THREADS_TAG_MAX_CHARS + 1;
            let seen = tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase());
            if tags.len() < room && !too_long && !seen {
                tags.push(tag.clone());
            }
        }
        let (place, unit) = (place.join(" "), unit.join(" "));
        let dateline = match (place.is_empty(), unit.is_empty()) {
            (false, false) => format!("{place} ({unit}) – "),
            (false, true) => format!("{place} – "),
            (true, false) => format!("{unit} – "),
            (true, true) => String::new(),
        };
        let link = link.trim().to_owned();
        Draft { channel, title, summary, dateline, tags, link }
    }

    fn render(&self, cut: Cut) -> String {
        let title = joined(&self.title[..cut.title.0], cut.title.1);
        let summary = joined(&self.summary[..cut.summary.0], cut.summary.1);
        let kept = self.tags.iter().enumerate().filter(|(i, _)| cut.tags & 1 << i != 0);
        let tags = join_filled(kept.map(|(_, t)| t.clone()), " ");
        let lead =
            if summary.is_empty() { String::new() } else { format!("{}{summary}", self.dateline) };
        let link = self.link.clone();
        let blocks = match self.channel {
            Channel::X | Channel::Bluesky | Channel::Mastodon | Channel::Threads => {
                vec![title, summary, join_filled([tags, link], "\n")]
            }
            Channel::Telegram => vec![title, lead, link, tags],
            Channel::Instagram if link.is_empty() => vec![title, lead, tags],
            Channel::Instagram => vec![title, lead, tags, format!("Baca selengkapnya: {link}")],
            Channel::Facebook => vec![title, lead, link],
            Channel::Whatsapp if title.is_empty() => vec![lead, link],
            Channel::Whatsapp => vec![format!("*{title}*"), lead, link],
        };
        join_filled(blocks, "\n\n")
    }
}

/// The non-empty `parts`, joined by `separator`.
fn join_filled(parts: impl IntoIterator<Item = String>, separator: &str) -> String {
    let parts: Vec<String> = parts.into_iter().filter(|p| !p.is_empty()).collect();
    parts.join(separator)
}

/// Words joined by spaces; when `cut`, ended by "…" (after dropping a dangling comma or dash).
fn joined(words: &[String], cut: bool) -> String {
    let mut text = words.join(" ");
    if cut {
        let dangling = |g: &&str| g.chars().all(|c| c.is_whitespace() || ",;:-–—(/".contains(c));
        while let Some(g) = text.graphemes(true).next_back().filter(dangling) {
            text.truncate(text.len() - g.len());
        }
        if !text.is_empty() {
            text.push_str(ELLIPSIS);
        }
    }
    text
}

/// `text` as words: whitespace collapsed, characters platforms refuse (controls, BOM, bidi
/// embeddings) dropped, and no word starting or ending with a grapheme that would fuse with the
/// template text around it (an orphan combining mark, a prepended sign).
fn words(text: &str) -> Vec<String> {
    let text: String = text.chars().filter(|&c| !refused(c)).collect();
    let mut words = Vec::new();
    let mut start = None;
    for (i, g) in clusters(&text).into_iter().chain([(text.len(), " ")]) {
        match (g.chars().all(char::is_whitespace), start) {
            (true, Some(s)) => {
                let word = tidy(&text[s..i]);
                if !word.is_empty() {
                    words.push(word.to_owned());
                }
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    words
}

/// Characters twitter-text calls invalid (X refuses the post), and other controls.
fn refused(c: char) -> bool {
    (c.is_control() && !c.is_whitespace())
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || "\u{FEFF}\u{FFFE}\u{FFFF}".contains(c)
}

/// `s` without leading graphemes that would fuse with a character before them, or trailing ones
/// that would fuse with one after. A space stands for all template text: none of it is a mark, a
/// joiner, an emoji, a regional indicator or a Hangul jamo, so nothing fuses with it where it does
/// not with a space (and nothing fuses with a line break).
fn tidy(mut s: &str) -> &str {
    let ends_lone =
        |s: &str| s.chars().next().is_none_or(lone) && s.chars().next_back().is_none_or(lone);
    if ends_lone(s) {
        return s; // nothing at either end can fuse with a space
    }
    while let Some(g) = s.graphemes(true).next().filter(|g| fuses(" ", g)) {
        s = &s[g.len()..];
    }
    while let Some(g) = s.graphemes(true).next_back().filter(|g| fuses(g, " ")) {
        s = &s[..s.len() - g.len()];
    }
    s
}

fn fuses(a: &str, b: &str) -> bool {
    match (a.chars().next_back(), b.chars().next()) {
        (Some(x), Some(y)) if lone(x) && lone(y) => return false,
        (None, _) | (_, None) => return false,
        _ => {}
    }
    let together = format!("{a}{b}").graphemes(true).count();
    together < a.graphemes(true).count() + b.graphemes(true).count()
}

/// Takes the `#` off hashtags in `words` past the first `allowed`; returns how many it kept.
fn demote_hashtags(words: &mut [String], allowed: usize) -> usize {
    let mut kept = 0;
    for word in words.iter_mut() {
        let graphemes: Vec<&str> = clusters(word).into_iter().map(|(_, g)| g).collect();
        let mut out = String::with_capacity(word.len());
        for (i, g) in graphemes.iter().enumerate() {
            let next = graphemes.get(i + 1).copied().unwrap_or_default();
            if *g == "#" && next.starts_with(|c: char| c.is_alphanumeric() || c == '_') {
                if kept == allowed {
                    // Keep the neighbours apart where they would fuse, or where a '#' before
                    // would make the rest a hashtag again ("##tag").
                    if i > 0 && (fuses(graphemes[i - 1], next) || graphemes[i - 1] == "#") {
                        out.push(' ');
                    }
                    continue;
                }
                kept += 1;
            }
            out.push_str(g);
        }
        *word = out;
    }
    kept
}

/// Word counts after which a sentence ends (". ", "! ", "? "), not counting the last word.
fn sentence_ends(words: &[String]) -> Vec<usize> {
    (1..words.len()).filter(|&n| ends_sentence(&words[n - 1])).collect()
}

fn ends_sentence(word: &str) -> bool {
    let word = word.trim_end_matches(['"', '\'', ')', '”', '’', '»']);
    if word.ends_with(['!', '?']) {
        return true;
    }
    let Some(stem) = word.strip_suffix('.') else {
        return false;
    };
    let stem = stem.trim_start_matches(|c: char| !c.is_alphanumeric());
    // "H." and "S.Ag." are a name's initial and a degree, not a sentence's end.
    stem.chars().count() > 1
        && !stem.contains('.')
        && !ABBREVIATIONS.contains(&stem.to_lowercase().as_str())
}

/// "moderasi beragama" -> "#ModerasiBeragama"; "hari amal bakti ke-77" -> "#HariAmalBaktiKe77".
///
/// Letters, digits and `_` are kept as they are, in any script, each word's first letter made
/// upper case; a combining mark is kept after a kept character (Balinese and Arabic vowel signs).
/// Anything else (spaces, dashes, punctuation, emoji) only separates words. `None` when no letter
/// is left (empty, only digits or `_`): platforms do not link such tags.
pub fn hashtag(tag: &str) -> Option<String> {
    let mut body = String::new();
    let (mut new_word, mut after_kept) = (true, false);
    for c in tag.chars().filter(|&c| !refused(c)) {
        if c.is_alphanumeric() || c == '_' {
            if new_word {
                body.extend(c.to_uppercase());
            } else {
                body.push(c);
            }
            (new_word, after_kept) = (false, true);
        } else if after_kept && fuses("a", &c.to_string()) {
            body.push(c);
        } else {
            (new_word, after_kept) = (true, false);
        }
    }
    let body = tidy(&body);
    body.chars().any(char::is_alphabetic).then(|| format!("#{body}"))
}

/// Percent-encodes a URL query value (RFC 3986: only unreserved characters stay).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len() * 3 / 2);
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.extend([
                '%',
                char::from(HEX[usize::from(b >> 4)]),
                char::from(HEX[usize::from(b & 15)]),
            ]);
        }
    }
    out
}

/// Appends `utm_source`, `utm_medium` and `utm_campaign` to `url`'s query, percent-encoding the
/// values (RFC 3986 unreserved characters kept), before any `#fragment`. A parameter with an empty
/// value is left out, and one of the three already in the URL is replaced, not repeated.
pub fn with_utm(url: &str, source: &str, medium: &str, campaign: &str) -> String {
    let url = url.trim();
    if url.is_empty() {
        return String::new();
    }
    let (base, fragment) = url.split_at(url.find('#').unwrap_or(url.len()));
    let (path, query) = base.split_once('?').unwrap_or((base, ""));
    let ours = [("utm_source", source), ("utm_medium", medium), ("utm_campaign", campaign)];
    let ours: Vec<_> = ours.into_iter().filter(|(_, v)| !v.is_empty()).collect();
    let mut params: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty() && !ours.iter().any(|(k, _)| p.split('=').next() == Some(k)))
        .map(str::to_owned)
        .collect();
    params.extend(ours.into_iter().map(|(key, value)| format!("{key}={}", encode(value))));
    let query = if params.is_empty() { String::new() } else { format!("?{}", params.join("&")) };
    format!("{path}{query}{fragment}")
}

#[cfg(test)]
mod tests {

    use super::*;
    use proptest::prelude::*;
    use std::collections::HashSet;

    const LINK: &str = "https://kemenag.go.id/humas/2023/05/x/?utm_source=x";

    fn source<'a>(title: &'a str, summary: &'a str, tags: &'a [String]) -> Source<'a> {
        Source { title, summary, place: "Denpasar", unit_short: "Humas Bali", tags }
    }

    fn fits_all(source: &Source<'_>, link: &str) {
        for ch in Channel::ALL {
            let out = caption(ch, source, link);
            assert!(fits(ch, &out), "{ch:?} too long: {}", measure(ch, &out));
            assert!(out.contains(link), "{ch:?} lost the link: {out}");
        }
    }

    #[test]
    fn channel_keys_labels_limits() {
        for ch in Channel::ALL {
            assert_eq!(Channel::from_key(ch.key()), Some(ch));
        }
        assert_eq!(Channel::from_key(" Twitter "), Some(Channel::X));
        assert_eq!(Channel::from_key("WHATSAPP"), Some(Channel::Whatsapp));
        assert_eq!(Channel::from_key("myspace"), None);
        let labels = Channel::ALL.map(Channel::label).join(",");
        assert_eq!(labels, "X,Bluesky,Mastodon,Threads,Telegram,Instagram,Facebook,WhatsApp");
        let limits = Channel::ALL.map(Channel::limit);
        let want = [280, 300, 500, 500, 1024, 2200].map(Some);
        assert_eq!(limits, [&want[..], &[None, None]].concat()[..]);
    }

    #[test]
    fn hashtags() {
        for (tag, want) in [
            ("moderasi beragama", Some("#ModerasiBeragama")),
            ("hari amal bakti ke-77", Some("#HariAmalBaktiKe77")),
            ("  COVID-19 ", Some("#COVID19")),
            ("haji_2024", Some("#Haji_2024")),
            ("café crème", Some("#CaféCrème")),
            ("مرحبا بكم", Some("#مرحبابكم")),
            ("ᬩᬮᬶ ᬤ᭄ᬯᬶᬧ", Some("#ᬩᬮᬶᬤ᭄ᬯᬶᬧ")), // vowel signs and the virama kept
            ("ᬶᬩ", Some("#ᬩ")),            // no orphan vowel sign after '#'
            ("2024", None),
            ("1 000-000", None),
            ("", None),
            (" - 🎉 ", None),
        ] {
            assert_eq!(hashtag(tag).as_deref(), want, "{tag}");
        }
    }

    #[test]
    fn utm() {
        let q = "utm_source=x&utm_medium=social&utm_campaign=hab%2077%2Fbali";
        for (url, want) in [
            (
                "https://example.go.id/humas/2023/05/x/",
                format!("https://example.go.id/humas/2023/05/x/?{q}"),
            ),
            ("https://e.id/a?id=3", format!("https://e.id/a?id=3&{q}")),
            ("https://e.id/a?", format!("https://e.id/a?{q}")),
            (" https://e.id/a#foto", format!("https://e.id/a?{q}#foto")),
            ("https://e.id/a?p=1&utm_source=old#f", format!("https://e.id/a?p=1&{q}#f")),
            ("", String::new()),
        ] {
            assert_eq!(with_utm(url, "x", "social", "hab 77/bali"), want);
        }
        assert_eq!(with_utm("https://e.id/", "", "", "ñ~"), "https://e.id/?utm_campaign=%C3%B1~");
    }

    #[test]
    fn formats() {
        let title = "Kanwil Kemenag Bali Gelar Dialog Moderasi Beragama";
        let summary =
            "Kanwil Kemenag Bali menggelar dialog lintas agama. Acara dihadiri 200 tokoh.";
        let tags = ["moderasi beragama", "Moderasi-Beragama", "haji", "hab 77", "2024"];
        let tags = tags.map(String::from);
        let s = source(title, summary, &tags);
        let (short, t) = (format!("{title}\n\n{summary}\n\n"), "#ModerasiBeragama #Haji #Hab77");
        let lead = format!("{title}\n\nDenpasar (Humas Bali) – {summary}\n\n");
        for (ch, want) in [
            (Channel::X, format!("{short}#ModerasiBeragama #Haji\n{LINK}")),
            (Channel::Bluesky, format!("{short}{t}\n{LINK}")),
            (Channel::Mastodon, format!("{short}{t}\n{LINK}")),
            (Channel::Threads, format!("{short}#ModerasiBeragama\n{LINK}")),
            (Channel::Telegram, format!("{lead}{LINK}\n\n{t}")),
            (Channel::Instagram, format!("{lead}{t}\n\nBaca selengkapnya: {LINK}")),
            (Channel::Facebook, format!("{lead}{LINK}")),
        ] {
            assert_eq!(caption(ch, &s, LINK), want, "{ch:?}");
        }
        let wa = Source { title: " Rapat  *Penting*  Haji ", ..s };
        let want = format!("*Rapat Penting Haji*\n\nDenpasar (Humas Bali) – {summary}\n\n{LINK}");
        assert_eq!(caption(Channel::Whatsapp, &wa, LINK), want);
    }

    #[test]
    fn empty_parts_leave_no_blank_blocks() {
        let s = Source {
            title: " Judul\n\tSingkat ",
            summary: " \n ",
            place: "",
            unit_short: "",
            tags: &[],
        };
        for ch in Channel::ALL {
            let out = caption(ch, &s, LINK);
            assert!(!out.contains("\n\n\n") && out.trim() == out, "{ch:?}: {out:?}");
        }
        assert_eq!(caption(Channel::X, &s, LINK), format!("Judul Singkat\n\n{LINK}"));
        assert_eq!(caption(Channel::Telegram, &s, ""), "Judul Singkat");
        let s = Source { summary: "Isi.", unit_short: "Humas Bali", ..s };
        assert_eq!(caption(Channel::Instagram, &s, ""), "Judul Singkat\n\nHumas Bali – Isi.");
    }

    #[test]
    fn shortening_order() {
        let sentence =
            "Kegiatan ini diikuti oleh para penyuluh agama dari sembilan kabupaten dan kota. ";
        let summary = format!("Dr. H. Ahmad, S.Ag. membuka acara. {}", sentence.repeat(4));
        let tags = ["moderasi beragama".to_owned()];
        // Whole sentences, never cut after "Dr." or "H."; the hashtag comes back in the room left.
        let out = caption(Channel::X, &source("Dialog", &summary, &tags), LINK);
        let kept = format!("Dr. H. Ahmad, S.Ag. membuka acara. {}", sentence.repeat(2));
        assert_eq!(out, format!("Dialog\n\n{}\n\n#ModerasiBeragama\n{LINK}", kept.trim_end()));
        // One long sentence: whole words, then "…".
        let out = caption(Channel::X, &source("Judul", &"kata ".repeat(100), &tags), LINK);
        assert!(out.starts_with("Judul\n\nkata kata") && out.contains(" kata…\n\n"), "{out}");
        assert!(x_weighted_len(&out) > 275);
        // A long title: the summary goes, the title is cut by words, with no comma before "…".
        let title = "Judul panjang sekali, ".repeat(20);
        let out = caption(Channel::X, &source(&title, "Ringkasan.", &tags), LINK);
        assert!(out.starts_with("Judul panjang") && out.ends_with(&format!("…\n\n{LINK}")));
        assert!(!out.contains("Ringkasan") && !out.contains(",…") && x_weighted_len(&out) > 270);
        // A link too long even alone is the whole caption.
        let huge = format!("http://localhost/{}", "a".repeat(400));
        assert_eq!(caption(Channel::X, &source(&title, &summary, &tags), &huge), huge);
    }

    #[test]
    fn hashtag_caps_and_dedup() {
        let many: Vec<String> = (0..40).map(|i| format!("topik {i} bali")).collect();
        let s = source("Judul", "Ringkasan.", &many);
        for ch in Channel::ALL {
            assert_eq!(caption(ch, &s, LINK).matches('#').count(), ch.max_hashtags(), "{ch:?}");
        }
        // Instagram: hashtags in the text count toward its cap; those past it lose their '#'.
        let text = (0..8).map(|i| format!("#Tag{i}")).collect::<Vec<_>>().join(" ");
        let out = caption(Channel::Instagram, &source("Judul #Bali", &text, &many), LINK);
        assert_eq!(out.matches('#').count(), 5);
        assert!(out.contains("#Tag3 Tag4 Tag5"));
    }

    #[test]
    fn hard_cases() {
        let t40: Vec<String> = (0..40).map(|i| format!("tag nomor {i}")).collect();
        let title = "Penyuluh ".repeat(34); // 306 characters
        let emoji = "🎉👨‍👩‍👧‍👦🇮🇩 ".repeat(300);
        let bali = "ᬒᬁᬲ᭄ᬯᬲ᭄ᬢ᭄ᬬᬲ᭄ᬢᬸ ᬳᬭᬶ ᬭᬬ ᬦ᭄ᬬᭂᬧᬶ. ".repeat(60);
        let arab = "السلام عليكم ورحمة الله وبركاته. ".repeat(80);
        let link = "https://example.go.id/humas/2023/05/x/?utm_source=x&utm_campaign=hab-77";
        for summary in [emoji.as_str(), &bali, &arab, ""] {
            for title in [title.as_str(), &bali, &arab, "ᬩᬮᬶ"] {
                fits_all(&source(title, summary, &t40), link);
            }
        }
        // 28 words of 9 with the space, "…" 2, "\n\n" 2, the link 23: 278; a 29th word makes 287.
        let out = caption(Channel::X, &source(&title, &emoji, &t40), link);
        assert_eq!(out, format!("{}…\n\n{link}", ["Penyuluh"; 28].join(" ")));
        assert_eq!(x_weighted_len(&out), 28 * 9 - 1 + 2 + 2 + 23);
        // "Bali\n\n" 6, k groups of 3 emoji (2 each) and a space, "…\n\n" 4, the link 23: k = 35.
        let out = caption(Channel::X, &source("Bali", &emoji, &t40), link);
        assert_eq!(x_weighted_len(&out), 6 + 35 * 7 - 1 + 4 + 23);
    }

    /// Pieces that stress grapheme handling: ZWJ sequences, flags, lone regional indicators,
    /// Balinese vowel signs, orphan combining marks, a prepended sign, Hangul jamo, URLs.
    #[rustfmt::skip]
    const SAMPLES: [&str; 26] = [
        " ", "\n\t ", ". ", "! ", "👨‍👩‍👧‍👦", "🇮🇩", "🇮", "👍🏽", "1️⃣", "ᬩᬮᬶ", "ᬶ", "مرحبا", "\u{301}",
        "e\u{301}", "\u{600}", "\u{200D}", "#tag", "*", "kemenag.go.id/x", "https://t.co/a", "…",
        "漢字", "\r\n", "\u{FFFD}", "ᄀ", "ᅡ",
    ];

    fn text(max: usize) -> impl Strategy<Value = String> {
        let sample = prop::sample::select(&SAMPLES[..]).prop_map(String::from);
        let piece = prop_oneof!["\\PC{0,12}", sample];
        prop::collection::vec(piece, 0..max).prop_map(|v| v.concat())
    }

    fn link() -> impl Strategy<Value = String> {
        prop_oneof![
            "https?://[a-z]{1,12}\\.go\\.id(/[a-zA-Z0-9_.~%-]{0,12}){0,5}(\\?utm_source=[a-z]{1,9})?",
            "https://example\\.go\\.id/\\PC{0,20}",
            "[a-z]{0,5}",
        ]
    }

    /// Hashtags in an Instagram caption, the link left out, counted as generously as possible.
    fn hashtag_count(out: &str, link: &str) -> usize {
        let text = out.replacen(link, "", 1);
        let gs: Vec<&str> = text.graphemes(true).collect();
        let tag_start = |g: &str| g.starts_with(|c: char| c.is_alphanumeric() || c == '_');
        gs.windows(2).filter(|w| w[0] == "#" && tag_start(w[1])).count()
    }

    proptest! {
        #[test]
        fn captions_fit_and_keep_input_whole(
            title in text(30), summary in text(80), place in text(4), unit in text(4),
            tags in prop::collection::vec(text(4), 0..40), link in link(),
        ) {
            let s = Source { title: &title, summary: &summary, place: &place, unit_short: &unit, tags: &tags };
            let link = link.trim();
            let mut allowed: HashSet<String> = HashSet::new();
            let hashtags = tags.iter().filter_map(|t| hashtag(t));
            let fixed = ["\n () –…*: Baca selengkapnya".to_owned(), link.to_owned()];
            for part in [&title, &summary, &place, &unit].map(String::clone).into_iter().chain(hashtags).chain(fixed) {
                allowed.extend(part.graphemes(true).map(str::to_owned));
            }
            for ch in Channel::ALL {
                let out = caption(ch, &s, link);
                prop_assert_eq!(&out, &caption(ch, &s, link));
                prop_assert!(fits(ch, &out), "{:?}: {} in {:?}", ch, measure(ch, &out), out);
                prop_assert!(out.contains(link));
                for g in out.graphemes(true) {
                    prop_assert!(allowed.contains(g), "{:?}: {:?} not from the input in {:?}", ch, g, out);
                }
                if ch == Channel::Instagram {
                    prop_assert!(hashtag_count(&out, link) <= 5, "{:?}", out);
                }
            }
        }

        #[test]
        fn wild_input_fits(title in ".{0,400}", summary in ".{0,900}", tags in prop::collection::vec(".{0,30}", 0..40)) {
            let s = Source { title: &title, summary: &summary, place: &summary, unit_short: &title, tags: &tags };
            for ch in Channel::ALL {
                let out = caption(ch, &s, LINK);
                prop_assert!(fits(ch, &out) && out.contains(LINK), "{:?}: {:?}", ch, out);
            }
        }

        #[test]
        fn hashtags_are_single_tokens(tag in text(6)) {
            if let Some(h) = hashtag(&tag) {
                prop_assert!(h.graphemes(true).next() == Some("#") && h.chars().any(char::is_alphabetic));
                prop_assert!(!h.chars().any(char::is_whitespace));
            }
        }

        #[test]
        fn utm_keeps_url_and_fragment(path in "[a-z/]{0,10}", frag in "(#[a-z]{1,5})?", v in "\\PC{0,10}") {
            let out = with_utm(&format!("https://e.id/{path}{frag}"), &v, "social", "c");
            let start = format!("https://e.id/{path}?");
            prop_assert!(out.starts_with(&start) && out.ends_with(&frag));
            prop_assert!(!out.contains(char::is_whitespace) && out.contains("utm_campaign=c"));
        }
    }
}
