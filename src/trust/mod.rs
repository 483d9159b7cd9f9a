//! Trust: proof that a release is the office's own. Every release has a short verification code
//! derived from its ledger guid ([`code`]); each build writes a manifest of every published
//! release (code, URL, title, date, unit and the SHA-256 of its canonical text, [`manifest`]),
//! signed with the office's Ed25519 key ([`keys`]) when the key is at hand. The `/cek/` page
//! checks the signature in the reader's browser; `warta verify` checks it on the command line.
//!
//! `trust:` of `site.yaml` ([`RawTrust`]) names the codes' prefix and the office's public key.

pub mod code;
pub mod keys;
pub mod manifest;
pub mod shown;
pub mod verify;

use serde::Deserialize;

/// `trust:` of `site.yaml`, as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTrust {
    /// The first part of every verification code: `KWB` in `KWB-7Q4M-2CXH`.
    pub prefix: Option<String>,
    /// The office's public key, as `warta keygen` prints it: `ed25519:…`.
    pub public_key: Option<String>,
}

/// `trust:` checked.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Trust {
    /// 2 to 6 capital letters or digits.
    pub prefix: String,
    /// The office's public key; `None`: the site's releases are not signed.
    pub public_key: Option<keys::PublicKey>,
    /// The prefix is the default, taken from the site's host (no `trust.prefix`): a new host
    /// gives new codes ([`prefix_moved`]).
    pub prefix_from_host: bool,
}

/// `trust:` checked, with the default prefix taken from the site's host (`humas.example.go.id`
/// → `HUM`); each problem is handed to `fail` with its field.
pub fn parse(raw: Option<RawTrust>, host: &str, fail: &mut impl FnMut(&str, String)) -> Trust {
    let raw = raw.unwrap_or_default();
    let prefix = match raw.prefix.as_deref().map(str::trim) {
        Some(p) => match code::check_prefix(p) {
            Ok(p) => p,
            Err(m) => {
                fail("trust.prefix", m);
                code::DEFAULT_PREFIX.to_string()
            }
        },
        None => code::prefix_of_host(host),
    };
    let public_key = raw.public_key.as_deref().map(str::trim).filter(|k| !k.is_empty());
    let public_key = public_key.and_then(|k| match keys::PublicKey::parse(k) {
        Ok(k) => Some(k),
        Err(m) => {
            fail("trust.public_key", m);
            None
        }
    });
    Trust { prefix, public_key, prefix_from_host: raw.prefix.is_none() }
}

/// When the codes' prefix is the default one, taken from the site's host, and the releases
/// the ledger holds were published at a host that gives another (the site moved to its own
/// domain, `base_url` corrected): that prefix and how many releases have it, the commonest
/// first. Every code printed so far (on paper, in the pictures of shared links) would read as
/// unknown at `/cek/`; `trust.prefix` keeps them, or accepts the new ones, and silences this.
pub fn prefix_moved<'a>(
    trust: &Trust,
    guids: impl IntoIterator<Item = &'a str>,
) -> Option<(String, usize)> {
    if !trust.prefix_from_host {
        return None;
    }
    // The releases by host (one or two, for 100,000 releases), then by the prefix each gives.
    let mut hosts: std::collections::BTreeMap<&str, usize> = Default::default();
    for guid in guids {
        // `tag:humas.example.go.id,2023-05-15:workshop`, as warta makes them; a guid pinned
        // in front matter (`id:`) says nothing of a host.
        if let Some((host, _)) = guid.strip_prefix("tag:").and_then(|g| g.split_once(',')) {
            *hosts.entry(host).or_default() += 1;
        }
    }
    let mut others: std::collections::BTreeMap<String, usize> = Default::default();
    for (host, n) in hosts {
        let prefix = code::prefix_of_host(host);
        if prefix != trust.prefix {
            *others.entry(prefix).or_default() += n;
        }
    }
    others.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
}

pub mod qr;

use crate::config::Config;
use crate::model::Release;

/// The text of a release that its manifest entry's SHA-256 covers and its page carries
/// (`#warta-teks`): title, date, unit, place, then the body as plain text. What a reader reads,
/// without the markup a theme or a browser's "Save as" may change.
pub fn canonical_text(c: &Config, r: &crate::model::Parsed) -> String {
    canonical_text_of(c, r, &crate::render::search::plain(&r.html))
}

/// [`canonical_text`], with the plain text of the release's body already at hand.
pub fn canonical_text_of(c: &Config, r: &crate::model::Parsed, body: &str) -> String {
    let unit = c.units.get(&r.unit).map_or(r.unit.as_str(), |u| u.name.as_str());
    format!("{}\n{}\n{}\n{}\n\n{}\n", r.title, r.date.iso(), unit, r.place, body)
}

/// Two releases whose guids give one code: the later one (by file) is an error naming both,
/// with what to do. Every release is checked, previews too: a code must not change when a
/// preview is published.
pub fn check_codes(site: &crate::model::Site) -> Result<(), Vec<crate::error::ContentError>> {
    use rayon::prelude::*;
    // Sorted by code, then by file: a code's releases are side by side, the first file first.
    let mut codes: Vec<(String, &Release)> =
        site.releases.par_iter().map(|r| (release_code(&site.config, r), r)).collect();
    codes.par_sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.source.cmp(&b.1.source)));
    let errors: Vec<_> = codes
        .windows(2)
        .filter(|pair| pair[0].0 == pair[1].0)
        .map(|pair| {
            let (code, r) = &pair[1];
            crate::error::ContentError::new(
                &r.source,
                format!(
                    "its verification code {code} is also the code of {}; give this release \
                     an `id:` of its own (any unique text) so that it gets another code",
                    pair[0].1.source.display()
                ),
            )
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The manifest's lines of a build, each by what its entry is made of: `warta serve` keeps
/// them from one save to the next, so that a save writes again only the lines of the releases
/// that changed (at 10,000 releases, most of the manifest's 30 ms is writing its lines), and
/// `warta build` keeps them in its cache.
#[derive(Debug, Clone, Default)]
pub struct Lines {
    /// The config they were written with: another one writes every line again.
    config: crate::fingerprint::Fp,
    /// In the order of the site's published releases, each by its key: after an edit that
    /// moves no release, the line at the same place is the release's own, without a lookup.
    lines: Vec<(crate::fingerprint::Fp, Line)>,
    /// The places of `lines` in the manifest's order ([`manifest::Line`]'s), when no two lines
    /// have one code: a manifest whose every place has the code it had has the same order,
    /// without sorting (40 ms at 100,000 releases). Not kept in the build cache.
    order: Option<std::sync::Arc<[u32]>>,
}

/// In the build cache, each line as its code and the text it is (compact JSON), which encode
/// and decode as two copies, not value by value.
impl serde::Serialize for Lines {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let lines = self
            .lines
            .iter()
            .map(|(key, line)| {
                let text = std::str::from_utf8(&line.text).map_err(serde::ser::Error::custom)?;
                Ok((key, &*line.code, text))
            })
            .collect::<Result<Vec<_>, S::Error>>()?;
        serde::Serialize::serialize(&(&self.config, lines), s)
    }
}

impl<'de> serde::Deserialize<'de> for Lines {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        type Stored = (crate::fingerprint::Fp, Vec<(crate::fingerprint::Fp, String, String)>);
        let (config, lines): Stored = serde::Deserialize::deserialize(d)?;
        let lines = lines
            .into_iter()
            .map(|(key, code, text)| {
                let line = manifest::Line { code: code.into(), text: text.into_bytes().into() };
                (key, Line::new(line))
            })
            .collect();
        Ok(Lines { config, lines, order: None })
    }
}

impl Lines {
    /// What they hold, as one fingerprint of what each line is made of: `warta build` knows
    /// unchanged lines without encoding them.
    pub fn key(&self) -> crate::fingerprint::Fp {
        let mut h = crate::fingerprint::Hasher::new();
        h.add(&self.config).add(&self.lines.len());
        for (key, _) in &self.lines {
            h.add(key);
        }
        h.finish128()
    }
}

/// One release's line of the manifest ([`manifest::Entry::to_line`]).
type Line = std::sync::Arc<manifest::Line>;

/// The manifest of every published release and its signature when the office's key is at
/// hand, taking each release's line from `previous` (an earlier build's) when the release's
/// entry is made of the same values; returns the lines of this one too. The bytes are those
/// of [`manifest::Manifest::to_bytes`] of every entry made anew.
pub fn manifest_with(
    site: &crate::model::Site,
    previous: Option<Lines>,
) -> (Vec<u8>, Option<String>, Lines) {
    use crate::fingerprint::{Fp, Hasher};
    use rayon::prelude::*;
    let c = &site.config;
    let config = Fp::of(c);
    let (previous, order) = match previous.filter(|p| p.config == config) {
        Some(p) => (p.lines, p.order),
        None => (Vec::new(), None),
    };
    // Looked up by key only for the releases whose place holds another's line.
    let by_key = std::sync::OnceLock::new();
    let lookup = |at: usize, key: &Fp| match previous.get(at) {
        Some((k, line)) if k == key => Some(line),
        _ => by_key
            .get_or_init(|| {
                previous.iter().map(|(k, l)| (*k, l)).collect::<foldhash::HashMap<_, _>>()
            })
            .get(key)
            .copied(),
    };
    let published: Vec<&Release> = site.releases.iter().filter(|r| in_manifest(r)).collect();
    let lines: Vec<(Fp, Line)> = published
        .par_iter()
        .enumerate()
        .map(|(at, r)| {
            // Everything [`manifest_entry`] reads of the release; the rest is the config's.
            // Its parse is known by its key (path, title, date, unit and the text's SHA-256
            // are the parse's), the guid is the site's: hashing those six fields of 100,000
            // releases, each a look into memory of its own, was most of this function's time
            // after an edit under `warta serve`.
            let listed = r.publication.is_listed();
            let key = Hasher::new().add(&r.key).add(&r.guid).add(&listed).finish128();
            let line = match lookup(at, &key) {
                Some(line) => std::sync::Arc::clone(line),
                None => std::sync::Arc::new(manifest_entry(c, r).to_line()),
            };
            (key, line)
        })
        .collect();
    let code = |at: u32| &*lines[at as usize].1.code;
    let same_codes = order.as_ref().is_some_and(|o| o.len() == lines.len())
        && lines.len() == previous.len()
        && lines
            .iter()
            .zip(&previous)
            .all(|((_, new), (_, old))| std::sync::Arc::ptr_eq(new, old) || new.code == old.code);
    let (places, keep): (std::sync::Arc<[u32]>, bool) = match order {
        Some(order) if same_codes => (order, true),
        _ => {
            let mut places: Vec<u32> = (0..lines.len() as u32).collect();
            places.par_sort_unstable_by(|&a, &b| lines[a as usize].1.cmp(&lines[b as usize].1));
            // Two lines with one code are ordered by what else they hold, which can change.
            let unique = places.windows(2).all(|w| code(w[0]) < code(w[1]));
            (places.into(), unique)
        }
    };
    let sorted: Vec<&manifest::Line> = places.iter().map(|&at| &*lines[at as usize].1).collect();
    // The releases gone from the site, few and not kept: merged into the order by their lines.
    let mut gone: Vec<manifest::Line> =
        site.gone.iter().map(|e| gone_entry(c, e).to_line()).collect();
    gone.sort_unstable();
    let sorted = if gone.is_empty() { sorted } else { merged(sorted, &gone) };
    let bytes = manifest_header(site).to_bytes_sorted(&sorted);
    let signature = site.signing.as_ref().map(|k| manifest::signature_text(&k.sign(&bytes)));
    drop(sorted);
    drop(previous);
    (bytes, signature, Lines { config, lines, order: keep.then_some(places) })
}

/// Two runs of lines, each in the manifest's order, as one.
fn merged<'a>(a: Vec<&'a manifest::Line>, b: &'a [manifest::Line]) -> Vec<&'a manifest::Line> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let mut b = b.iter().peekable();
    for line in a {
        while let Some(g) = b.next_if(|g| *g < line) {
            out.push(g);
        }
        out.push(line);
    }
    out.extend(b);
    out
}

/// The manifest of `site` without its releases.
fn manifest_header(site: &crate::model::Site) -> manifest::Manifest {
    manifest::Manifest {
        format: manifest::FORMAT,
        site: site.config.base_url.clone(),
        key: site.signing.as_ref().map(|k| k.public().to_string()),
        releases: Vec::new(),
    }
}

/// Whether a release is in the manifest: published, or withdrawn (its code still proves the
/// office issued it, and says it was withdrawn).
pub fn in_manifest(r: &Release) -> bool {
    r.publication.is_published() || matches!(r.publication, crate::model::Publication::Withdrawn(_))
}

/// A release's entry in the manifest.
fn manifest_entry(c: &Config, r: &Release) -> manifest::Entry {
    manifest::Entry {
        code: release_code(c, r),
        url: c.absolute(&r.path),
        title: r.title.clone(),
        date: r.date.iso(),
        unit: c.units.get(&r.unit).map_or(r.unit.clone(), |u| u.name.clone()),
        // Worked out with the parse (the build cache keeps it), not for every release on
        // every edit.
        sha256: r.text_sha256.clone(),
        withdrawn: r
            .withdrawn
            .as_ref()
            .filter(|_| !r.publication.is_listed())
            .map(|w| manifest::Withdrawn { date: w.date.iso(), reason: w.reason.clone() }),
        corrected: r.corrections.iter().map(|k| k.date.iso()).collect(),
        removed: false,
    }
}

/// The manifest's entry of a release the ledger remembers and the build does not have
/// ([`crate::model::Site::gone`]): its code, its last address, the title and date it was
/// published with, marked removed. Its unit and text are not remembered.
fn gone_entry(c: &Config, e: &crate::ledger::Entry) -> manifest::Entry {
    manifest::Entry {
        code: code::code(&c.trust.prefix, &e.guid),
        url: c.absolute(e.paths.first().map_or("", String::as_str)),
        title: e.title.clone(),
        date: e.date.clone(),
        unit: String::new(),
        sha256: String::new(),
        withdrawn: None,
        corrected: Vec::new(),
        removed: true,
    }
}

/// The verification code of a release.
pub fn release_code(c: &Config, r: &Release) -> String {
    code::code(&c.trust.prefix, &r.guid)
}

/// The site path of the verification page, and the link that checks one code.
pub const CHECK_PAGE: &str = "cek/";

/// The address a QR code and a printed page give: the verification page with the code.
pub fn check_url(c: &Config, code: &str) -> String {
    format!("{}?k={code}", c.absolute(CHECK_PAGE))
}

/// [`check_url`] on the published site ([`Config::public_url`]), even under `warta serve`:
/// what a drawn card's QR code gives, so that the preview's card is the published one.
pub fn public_check_url(c: &Config, code: &str) -> String {
    format!("{}?k={code}", crate::links::absolute(&c.public_url, CHECK_PAGE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_default_prefix_other_than_the_one_the_releases_were_published_with_is_found() {
        let trust = |prefix: &str, from_host| Trust {
            prefix: prefix.into(),
            public_key: None,
            prefix_from_host: from_host,
        };
        let guids = [
            "tag:humas.example.go.id,2023-05-15:a",
            "tag:humas.example.go.id,2023-05-16:b",
            "tag:kanwil.go.id,2023-05-17:c",
            "pinned-by-hand",
        ];
        assert_eq!(prefix_moved(&trust("KAN", true), guids), Some(("HUM".into(), 2)));
        assert_eq!(prefix_moved(&trust("HUM", true), guids), Some(("KAN".into(), 1)));
        assert_eq!(prefix_moved(&trust("KAN", false), guids), None, "chosen in site.yaml");
        assert_eq!(prefix_moved(&trust("HUM", true), guids[..2].iter().copied()), None);
    }
    use crate::load::SourceFile;
    use crate::model::Publication;
    use chrono::TimeZone;
    use std::path::{Path, PathBuf};

    /// The manifest made anew from every release's entry, as [`manifest_with`] must give it.
    fn manifest(site: &crate::model::Site) -> (Vec<u8>, Option<String>) {
        let releases = site
            .releases
            .iter()
            .filter(|r| in_manifest(r))
            .map(|r| manifest_entry(&site.config, r))
            .collect();
        let bytes = manifest::Manifest { releases, ..manifest_header(site) }.to_bytes();
        let signature = site.signing.as_ref().map(|k| manifest::signature_text(&k.sign(&bytes)));
        (bytes, signature)
    }

    const SITE: &str = "title: Humas\nbase_url: https://humas.example.go.id\nunits:\n  \
                        kanwil-bali: {name: Kanwil Bali, short: Humas Bali, place: Denpasar}\nauthors:\n  sn: {name: Sri Nadi}\n";

    #[test]
    fn two_releases_with_one_code_are_an_error_naming_both_and_each_code_is_checked_once() {
        let c = crate::config::parse(Path::new("site.yaml"), SITE).expect("a valid site");
        let release = |file: &str, title: &str| {
            let text = format!(
                "---\ntitle: {title}\ndate: 2023-05-15\nunit: kanwil-bali\nauthor: sn\n---\n\nIsi.\n"
            );
            let parsed = crate::model::release::release(
                &c,
                &SourceFile::new(PathBuf::from(file), text),
                &Default::default(),
            );
            crate::model::Release::new(
                parsed.expect("a valid release").into(),
                Publication::Published,
            )
        };
        let releases = vec![
            release("content/2023/05/c.md", "Tiga"),
            release("content/2023/05/a.md", "Satu"),
            release("content/2023/05/b.md", "Dua"),
        ];
        let now = c.timezone.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).single().expect("a moment");
        let mut site =
            crate::model::Site::new(c.clone(), releases, Vec::new(), Default::default(), now)
                .expect("a valid site");
        assert_eq!(check_codes(&site), Ok(()));
        // Three releases given one guid (as two colliding guids would): the later files are
        // errors, each naming the file before it.
        for r in &mut site.releases {
            r.guid = "tag:humas.example.go.id,2023:same".to_string();
        }
        let errors = check_codes(&site).expect_err("one code for three releases");
        let said: Vec<(String, String)> =
            errors.iter().map(|e| (e.path.display().to_string(), e.message.clone())).collect();
        assert_eq!(said.len(), 2, "{said:?}");
        assert_eq!(said[0].0, "content/2023/05/b.md");
        assert!(said[0].1.contains("is also the code of content/2023/05/a.md"), "{said:?}");
        assert_eq!(said[1].0, "content/2023/05/c.md");
        assert!(said[1].1.contains("is also the code of content/2023/05/b.md"), "{said:?}");
        assert!(said[0].1.contains(&release_code(&c, &site.releases[0])));
    }

    #[test]
    fn the_manifest_made_from_kept_lines_is_the_manifest_made_anew_edit_after_edit() {
        let c = crate::config::parse(Path::new("site.yaml"), SITE).expect("a valid site");
        let releases = (0..30)
            .map(|n| {
                let text = format!(
                    "---\ntitle: Rilis {n}\ndate: 2023-05-{:02}\nunit: kanwil-bali\nauthor: sn\n---\n\nIsi {n}.\n",
                    1 + n % 28
                );
                let file = PathBuf::from(format!("content/2023/05/r{n}.md"));
                let key = crate::fingerprint::Fp::of(&text);
                let mut parsed =
                    crate::model::release::release(&c, &SourceFile::new(file, text), &Default::default()).expect("valid");
                // As `lib::parse` sets it: a parse is known by its key.
                parsed.key = key;
                crate::model::Release::new(parsed.into(), Publication::Published)
            })
            .collect();
        let now = c.timezone.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).single().expect("a moment");
        let mut site = crate::model::Site::new(c, releases, Vec::new(), Default::default(), now)
            .expect("a valid site");
        let (bytes, _, mut lines) = manifest_with(&site, None);
        assert!(bytes == manifest(&site).0);
        // Each edit changes one value a line shows; the kept lines of the others are reused.
        // An edit of the parse is a new parse, with a new key, as a build makes it.
        let edits: [fn(&mut crate::model::Release); 6] = [
            |r| r.parsed_mut().title.push_str(" \"diralat\""),
            |r| r.parsed_mut().date.at += chrono::Duration::hours(1),
            |r| r.parsed_mut().path = format!("{}ulang/", r.path),
            |r| r.guid.push_str("-2"),
            |r| r.parsed_mut().text_sha256 = manifest::sha256_hex(&r.text_sha256),
            |r| r.publication = crate::model::Publication::Draft,
        ];
        for (n, edit) in edits.iter().enumerate() {
            let r = &mut site.releases[(7 * n) % 30];
            let before = crate::fingerprint::Fp::of(&*r.parsed);
            edit(r);
            if crate::fingerprint::Fp::of(&*r.parsed) != before {
                let key = crate::fingerprint::Fp::of(&(r.key, n));
                r.parsed_mut().key = key;
            }
            // Some edits, the lines pass through the build cache first, which keeps no order:
            // the others take the last order when the codes are where they were, or sort again
            // (after the guid, which makes the code, changed).
            if n % 3 == 2 {
                let bytes = crate::incremental::encode(&lines);
                let back: Lines = crate::incremental::decode(&bytes).expect("reads back");
                assert_eq!(back.key(), lines.key());
                assert!(back.lines.iter().zip(&lines.lines).all(|(a, b)| a.0 == b.0 && a.1 == b.1));
                lines = back;
            }
            let (bytes, _, kept) = manifest_with(&site, Some(lines));
            assert!(bytes == manifest(&site).0, "edit {n}");
            assert!(kept.order.is_some(), "edit {n}: no two releases have one code");
            lines = kept;
        }
        // Another config (the base URL is in every line) writes every line again.
        site.config.base_url = "http://127.0.0.1:1111/".to_string();
        assert!(manifest_with(&site, Some(lines)).0 == manifest(&site).0);
    }
}
