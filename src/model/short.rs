//! Short links (`short_links: true` in `site.yaml`): every release gets a code of a few
//! characters and a page, `s/6q1dy/`, that redirects to the release; a channel's captions add
//! the channel's code as the query (`s/6q1dy/?bs` for Bluesky), and the page sends the reader on
//! with that channel's UTM parameters. A caption then spends 40 characters on its link instead
//! of 130, which matters in Bluesky's 300. One page per release, not one per channel: a site of
//! 10,000 releases has 10,000 more files to upload, not 90,000.
//!
//! A code is derived from the release's guid, which never changes once published (the
//! [ledger](crate::ledger)), so a link posted years ago keeps working: it is the first
//! [`LEN`] characters of the guid's XXH3 hash in Crockford's base 32 (digits and lower-case
//! letters without i, l, o, u, so nothing reads as another character). When two guids share
//! those characters, the one published first (by date, then guid) keeps them and the other
//! takes one character more, and so on; every release the ledger remembers takes part, deleted
//! ones included, so a deletion never hands a code to another release.

use crate::channels::Channel;

/// Characters of a code, unless two releases share them: 32⁵ is 33.5 million codes, so among
/// 10,000 releases one or two pairs do (n² / 2·32⁵ ≈ 1.5), and one of each takes a sixth.
pub const LEN: usize = 5;

/// Crockford's base 32, in lower case.
const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// The folder of every short link.
pub const FOLDER: &str = "s/";

/// The code of every guid of `known`, each given with its publication date (RFC 3339, as the
/// ledger keeps it): see the module's description. A guid listed twice is coded once.
pub fn codes<'a>(
    known: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> std::collections::HashMap<&'a str, String> {
    let mut known: Vec<(&str, &str)> = known.into_iter().collect();
    // Oldest first.
    known.sort_unstable_by(|a, b| a.1.cmp(b.1).then_with(|| a.0.cmp(b.0)));
    let mut taken = std::collections::HashSet::with_capacity(known.len());
    let mut out = std::collections::HashMap::with_capacity(known.len());
    for (guid, _) in known {
        // A guid listed twice (a release and its ledger entry) is coded at its first.
        if out.contains_key(guid) {
            continue;
        }
        let digits = base32(guid);
        let code = (LEN..=digits.len())
            .map(|n| &digits[..n])
            .find(|code| !taken.contains(*code))
            .unwrap_or(&digits)
            .to_string();
        taken.insert(code.clone());
        out.insert(guid, code);
    }
    out
}

/// The site path of a code's page: `s/6q1dy/`.
pub fn path(code: &str) -> String {
    format!("{FOLDER}{code}/")
}

/// The link a channel's captions carry, from the short link's absolute URL:
/// `https://humas.example.go.id/s/6q1dy/?bs`.
pub fn channel_link(url: &str, channel: Channel) -> String {
    format!("{url}?{}", channel.code())
}

/// The site path of a code [`LEN`] + 2 long, the longest that two releases sharing their first
/// characters twice over would have: what a caption written by hand is checked with before the
/// codes are known.
pub fn longest_expected() -> String {
    path(&"x".repeat(LEN + 2))
}

/// The 128 bits of the guid's XXH3 hash as 25 base-32 digits: more than any number of releases
/// needs, so two guids sharing every digit would have to hash alike.
fn base32(guid: &str) -> String {
    let mut bits = xxhash_rust::xxh3::xxh3_128(guid.as_bytes());
    let mut out = String::with_capacity(26);
    for _ in 0..25 {
        out.push(ALPHABET[(bits >> 123) as usize] as char);
        bits <<= 5;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_stable_short_and_unambiguous() {
        let guid = "tag:humas.example.go.id,2023-05-15:workshop-manajemen-media-sosial";
        let codes = codes([(guid, "2023-05-15T09:00:00+08:00")]);
        let code = &codes[guid];
        assert_eq!(code.len(), LEN);
        assert!(code.bytes().all(|b| ALPHABET.contains(&b)), "{code}");
        assert!(!code.contains(['i', 'l', 'o', 'u']));
        // A function of the guid alone: XXH3 is specified, so the code is the same on every
        // machine and with every later warta.
        assert_eq!(code, "6q1dy"); // checked with Python's xxhash (xxh3_128_intdigest)
        assert_eq!(path(code), "s/6q1dy/");
        assert_eq!(
            channel_link("https://e.id/s/6q1dy/", Channel::Bluesky),
            "https://e.id/s/6q1dy/?bs"
        );
        assert_eq!(longest_expected(), "s/xxxxxxx/");
    }

    #[test]
    fn of_two_releases_sharing_a_code_the_older_keeps_it_and_deleting_it_changes_nothing() {
        // Find two guids whose first LEN digits agree.
        let mut seen = std::collections::HashMap::new();
        let (a, b) = (0..)
            .map(|n| format!("tag:e.id,2024-01-01:r{n}"))
            .find_map(|g| {
                let d = base32(&g)[..LEN].to_string();
                seen.insert(d, g.clone()).map(|earlier| (earlier, g))
            })
            .unwrap();
        let both = codes([(b.as_str(), "2024-02-01"), (a.as_str(), "2024-01-01")]);
        assert_eq!(both[a.as_str()], base32(&a)[..LEN]);
        assert_eq!(both[b.as_str()], base32(&b)[..LEN + 1]);
        // The newer one published first in the ledger's order of dates keeps it instead.
        let swapped = codes([(b.as_str(), "2023-12-01"), (a.as_str(), "2024-01-01")]);
        assert_eq!(swapped[b.as_str()].len(), LEN);
        assert_eq!(swapped[a.as_str()].len(), LEN + 1);
        // Listed twice (a release and its ledger entry), a guid is coded once.
        let twice = codes([(a.as_str(), "2024-01-01"), (a.as_str(), "2024-01-01")]);
        assert_eq!(twice.len(), 1);
    }

    #[test]
    fn codes_of_many_releases_are_all_different() {
        let guids: Vec<String> = (0..20_000).map(|n| format!("tag:e.id,2024-01-01:r{n}")).collect();
        let codes = codes(guids.iter().map(|g| (g.as_str(), "2024-01-01")));
        let distinct: std::collections::HashSet<&String> = codes.values().collect();
        assert_eq!(distinct.len(), guids.len());
        assert!(codes.values().all(|c| c.len() <= LEN + 2));
    }
}
