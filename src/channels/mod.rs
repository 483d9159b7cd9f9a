//! The social channels warta writes for, and their rules: key, name, the longest post each takes
//! and how it counts ([`measure`]), how many hashtags suit it, and how a caption written by hand
//! takes its link. A leaf: the release model checks hand-written captions and the social layer
//! fits generated ones against the same rules, and neither needs the other for it.

pub mod measure;

pub use measure::{measure, x_weighted_len};

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

    /// The longest caption the channel takes, in [`measure()`] units; `None`: no practical limit.
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

    /// The channel's code in a short link's query (`s/6q1dy/?bs`): the abbreviations Indonesian
    /// offices use in their own posts (IG, FB, WA, TG), X as itself.
    pub fn code(self) -> &'static str {
        match self {
            Channel::X => "x",
            Channel::Bluesky => "bs",
            Channel::Mastodon => "ma",
            Channel::Threads => "th",
            Channel::Telegram => "tg",
            Channel::Instagram => "ig",
            Channel::Facebook => "fb",
            Channel::Whatsapp => "wa",
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
    pub fn max_hashtags(self) -> usize {
        match self {
            Channel::X => 2,
            Channel::Bluesky => 3,
            Channel::Threads => 1,
            Channel::Mastodon | Channel::Telegram | Channel::Instagram => 5,
            Channel::Facebook | Channel::Whatsapp => 0,
        }
    }
}

/// Bluesky also caps a post's text at 3,000 UTF-8 bytes, besides the 300 graphemes.
const BLUESKY_MAX_BYTES: usize = 3000;

/// Whether `text` fits the channel: its [`Channel::limit`] by [`measure()`], and Bluesky's bytes.
pub fn fits(channel: Channel, text: &str) -> bool {
    // A channel without a limit takes any text without counting it.
    channel.limit().is_none() || fitting_length(channel, text).is_some()
}

/// `text`'s [`measure()`] if it [`fits`] the channel, in one count: for a caption made to fit,
/// whose length is shown beside it.
pub fn fitting_length(channel: Channel, text: &str) -> Option<usize> {
    let length = measure(channel, text);
    let fits = channel.limit().is_none_or(|limit| length <= limit)
        && (channel != Channel::Bluesky || text.len() <= BLUESKY_MAX_BYTES);
    fits.then_some(length)
}

/// A caption written by hand (front matter `social:`) with its link: `{link}` stands for it,
/// and a caption without `{link}` gets the link on a line of its own.
pub fn with_link(text: &str, link: &str) -> String {
    if text.contains("{link}") {
        text.replace("{link}", link)
    } else {
        format!("{text}\n{link}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channel_keys_labels_limits() {
        for ch in Channel::ALL {
            assert_eq!(Channel::from_key(ch.key()), Some(ch));
        }
        assert_eq!(Channel::from_key(" Twitter "), Some(Channel::X));
        assert_eq!(Channel::from_key("WHATSAPP"), Some(Channel::Whatsapp));
        assert_eq!(Channel::from_key("myspace"), None);
        let codes = Channel::ALL.map(Channel::code).join(",");
        assert_eq!(codes, "x,bs,ma,th,tg,ig,fb,wa");
        let labels = Channel::ALL.map(Channel::label).join(",");
        assert_eq!(labels, "X,Bluesky,Mastodon,Threads,Telegram,Instagram,Facebook,WhatsApp");
        let limits = Channel::ALL.map(Channel::limit);
        let want = [280, 300, 500, 500, 1024, 2200].map(Some);
        assert_eq!(limits, [&want[..], &[None, None]].concat()[..]);
    }

    #[test]
    fn a_hand_written_caption_takes_its_link() {
        assert_eq!(
            with_link("Rapat {link} #Humas", "https://e.id/x"),
            "Rapat https://e.id/x #Humas"
        );
        assert_eq!(with_link("Rapat", "https://e.id/x"), "Rapat\nhttps://e.id/x");
        assert!(
            fits(Channel::Bluesky, &"a".repeat(300)) && !fits(Channel::Bluesky, &"é".repeat(1600))
        );
    }
}
