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
    Trust { prefix, public_key }
}

pub mod qr;

use crate::config::Config;
use crate::model::Release;

/// The text of a release that its manifest entry's SHA-256 covers and its page carries
/// (`#warta-teks`): title, date, unit, place, then the body as plain text. What a reader reads,
/// without the markup a theme or a browser's "Save as" may change.
pub fn canonical_text(c: &Config, r: &Release) -> String {
    let unit = c.units.get(&r.unit).map_or(r.unit.as_str(), |u| u.name.as_str());
    format!(
        "{}\n{}\n{}\n{}\n\n{}\n",
        r.title,
        r.date.iso(),
        unit,
        r.place,
        crate::render::search::plain(&r.html)
    )
}

/// Two releases whose guids give one code: the later one (by file) is an error naming both,
/// with what to do. Every release is checked, previews too: a code must not change when a
/// preview is published.
pub fn check_codes(site: &crate::model::Site) -> Result<(), Vec<crate::error::ContentError>> {
    let mut seen: std::collections::HashMap<String, &Release> = std::collections::HashMap::new();
    let mut errors = Vec::new();
    let mut releases: Vec<&Release> = site.releases.iter().collect();
    releases.sort_by(|a, b| a.source.cmp(&b.source));
    for r in releases {
        let code = release_code(&site.config, r);
        if let Some(first) = seen.insert(code.clone(), r) {
            errors.push(crate::error::ContentError::new(
                &r.source,
                format!(
                    "its verification code {code} is also the code of {}; give this release \
                     an `id:` of its own (any unique text) so that it gets another code",
                    first.source.display()
                ),
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The manifest of every published release, newest first as the site lists them, and its
/// signature when the office's key is at hand.
pub fn manifest(site: &crate::model::Site) -> (Vec<u8>, Option<String>) {
    let c = &site.config;
    let releases = site
        .releases
        .iter()
        .filter(|r| r.publication.is_published())
        .map(|r| manifest::Entry {
            code: release_code(c, r),
            url: c.absolute(&r.path),
            title: r.title.clone(),
            date: r.date.iso(),
            unit: c.units.get(&r.unit).map_or(r.unit.clone(), |u| u.name.clone()),
            sha256: manifest::sha256_hex(&canonical_text(c, r)),
        })
        .collect();
    let key = site.signing.as_ref().map(|k| k.public().to_string());
    let m =
        manifest::Manifest { format: manifest::FORMAT, site: c.base_url.clone(), key, releases };
    let bytes = m.to_bytes();
    let signature = site.signing.as_ref().map(|k| manifest::signature_text(&k.sign(&bytes)));
    (bytes, signature)
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
