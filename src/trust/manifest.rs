//! The manifest: every published (or withdrawn) release's code, URL, title, date, unit and the
//! SHA-256 of its canonical text, written to `cek/manifest.json` and signed in `cek/manifest.sig`. The
//! signature is over the file's exact bytes, which the reader's browser checks with WebCrypto,
//! so the bytes are deterministic: the same releases always write the same file.

use super::keys::PublicKey;
use base64::Engine;
use rayon::slice::ParallelSliceMut;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The manifest's path in the output.
pub const FILE: &str = "cek/manifest.json";
/// Its signature's path in the output.
pub const SIGNATURE: &str = "cek/manifest.sig";
/// The manifest format this warta writes and reads.
pub const FORMAT: u32 = 1;

/// One published release.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Its verification code: `KWB-7Q4M-2CXH`.
    pub code: String,
    /// Its absolute URL.
    pub url: String,
    pub title: String,
    /// Its date, RFC 3339.
    pub date: String,
    /// Its unit's full name.
    pub unit: String,
    /// The SHA-256 of the release's canonical text, hex, lower case ([`sha256_hex`]).
    pub sha256: String,
    /// When and why the office withdrew it. A withdrawn release stays in the manifest: its code
    /// still proves the office issued it, and a reader checking it learns it was withdrawn
    /// instead of being told it was never issued. Absent from a release's line otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<Withdrawn>,
    /// When the office corrected it (RFC 3339, newest first): a copy saved before a correction
    /// differs from the text signed now, and `warta verify` says why it may. Absent when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrected: Vec<String>,
    /// The release is no longer on the site (its file was deleted, its `expires:` came, or it
    /// was made a draft again) and the ledger remembers it: its code still proves the office
    /// issued it, and a reader checking it learns it is gone instead of being told it was never
    /// issued. Its text is not kept, so `sha256` and `unit` are empty. Absent otherwise.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub removed: bool,
}

/// A withdrawal as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Withdrawn {
    /// RFC 3339.
    pub date: String,
    pub reason: String,
}

/// The list of a site's published releases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`FORMAT`].
    pub format: u32,
    /// The site's base URL.
    pub site: String,
    /// The public key that signs it, `ed25519:…`; `None`: the manifest is not signed.
    pub key: Option<String>,
    pub releases: Vec<Entry>,
}

/// Only the format number, read first so that a newer format gets a clear message.
#[derive(Deserialize)]
struct Format {
    format: u32,
}

impl Manifest {
    /// The file's bytes, identical for identical releases in any order: the header as compact
    /// JSON, then the releases sorted by code, one a line (a change reads as a one-line diff):
    /// `{"format":1,"site":…,"key":…,"releases":[\n{…},\n{…}\n]}\n`.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut lines: Vec<Line> = self.releases.iter().map(Entry::to_line).collect();
        lines.par_sort_unstable();
        self.to_bytes_sorted(&lines.iter().collect::<Vec<_>>())
    }

    /// [`Manifest::to_bytes`] of a manifest whose releases are given as their lines, already
    /// in the file's order ([`Line`]'s), instead of in `releases`: the same bytes.
    pub fn to_bytes_sorted(&self, lines: &[&Line]) -> Vec<u8> {
        let size: usize = lines.iter().map(|line| line.text.len() + 2).sum();
        let mut out = self.header(size + 256);
        for (i, line) in lines.iter().enumerate() {
            out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
            out.extend_from_slice(&line.text);
        }
        out.extend_from_slice(FOOTER);
        out
    }

    /// The file up to its first release, in a buffer of `capacity`.
    fn header(&self, capacity: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(capacity);
        out.extend_from_slice(format!("{{\"format\":{},\"site\":", self.format).as_bytes());
        write_json(&mut out, &self.site);
        out.extend_from_slice(b",\"key\":");
        write_json(&mut out, &self.key);
        out.extend_from_slice(b",\"releases\":[");
        out
    }

    /// Reads a manifest; refuses another format than [`FORMAT`].
    pub fn parse(bytes: &[u8]) -> Result<Manifest, String> {
        let format: Format = serde_json::from_slice(bytes)
            .map_err(|e| format!("the manifest is not a warta manifest ({e})"))?;
        if format.format != FORMAT {
            return Err(format!(
                "the manifest is in format {}, and this warta reads format {FORMAT}: {}",
                format.format,
                if format.format > FORMAT { "update warta" } else { "rebuild the site" }
            ));
        }
        serde_json::from_slice(bytes).map_err(|e| format!("the manifest is damaged ({e})"))
    }

    /// The release with this code (already normalized, [`super::code::normalize`]).
    pub fn find(&self, code: &str) -> Option<&Entry> {
        self.releases.iter().find(|e| e.code == code)
    }
}

/// What closes the file after its last release.
const FOOTER: &[u8] = b"\n]}\n";

/// A release as the file holds it: its code and its line, the entry's compact JSON. Lines
/// sort as the file orders them: by code (unique in a site; a build refuses two releases with
/// one), then by the line, which holds every other value, so that the bytes never depend on
/// the order the releases were given in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Line {
    pub code: Box<str>,
    pub text: Box<[u8]>,
}

impl Entry {
    /// The entry's line of the file.
    pub fn to_line(&self) -> Line {
        let mut text = Vec::with_capacity(128);
        write_json(&mut text, self);
        Line { code: self.code.as_str().into(), text: text.into() }
    }
}

/// Writes the compact JSON of a string, an optional string or an entry, which always
/// serialize.
fn write_json(out: &mut Vec<u8>, value: &impl Serialize) {
    let _ = serde_json::to_writer(out, value);
}

/// The SHA-256 of a text, in lower-case hex.
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The content of `manifest.sig`: the signature in standard base64, and a newline.
pub fn signature_text(sig: &[u8; 64]) -> String {
    format!("{}\n", base64::engine::general_purpose::STANDARD.encode(sig))
}

/// Checks `manifest.sig`'s text (whitespace around it ignored) against the manifest's exact
/// bytes and the office's key, strictly (no malleable or weak-key signatures).
pub fn verify(bytes: &[u8], signature_text: &str, key: &PublicKey) -> Result<(), String> {
    let sig = base64::engine::general_purpose::STANDARD
        .decode(signature_text.trim())
        .map_err(|_| "the signature file is not base64".to_string())?;
    let sig: [u8; 64] = sig.try_into().map_err(|s: Vec<u8>| {
        format!("the signature is {} bytes; an Ed25519 signature is 64", s.len())
    })?;
    let verifying = ed25519_dalek::VerifyingKey::from_bytes(&key.0)
        .map_err(|_| format!("{key} is not a valid Ed25519 public key"))?;
    verifying
        .verify_strict(bytes, &ed25519_dalek::Signature::from_bytes(&sig))
        .map_err(|_| format!("the manifest's signature does not verify with key {key}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trust::keys::SecretKey;

    pub(crate) fn entry(code: &str, title: &str) -> Entry {
        Entry {
            code: code.to_string(),
            url: format!("https://humas.example.go.id/2023/05/{}/", code.to_lowercase()),
            title: title.to_string(),
            date: "2023-05-15T09:00:00+08:00".to_string(),
            unit: "Kantor Wilayah Kementerian Agama Provinsi Bali".to_string(),
            sha256: sha256_hex(title),
            withdrawn: None,
            corrected: Vec::new(),
            removed: false,
        }
    }

    fn manifest() -> Manifest {
        Manifest {
            format: FORMAT,
            site: "https://humas.example.go.id/".to_string(),
            key: Some("ed25519:AAAA".to_string()),
            releases: vec![
                entry("KWB-ZZZZ-0000", "Manasik \"Haji\" </script>\u{2028}"),
                entry("KWB-7Q4M-2CXH", "Rapat Koordinasi"),
                entry("KWB-0000-AAAA", "Workshop"),
            ],
        }
    }

    #[test]
    fn the_bytes_are_sorted_one_release_a_line_and_the_same_for_the_same_releases() {
        let m = manifest();
        let bytes = m.to_bytes();
        let text = String::from_utf8(bytes.clone()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            r#"{"format":1,"site":"https://humas.example.go.id/","key":"ed25519:AAAA","releases":["#
        );
        assert!(lines[1].starts_with(r#"{"code":"KWB-0000-AAAA","url":"#), "{text}");
        assert!(lines[1].ends_with("},"));
        assert!(lines[2].starts_with(r#"{"code":"KWB-7Q4M-2CXH""#));
        assert!(lines[3].starts_with(r#"{"code":"KWB-ZZZZ-0000""#) && lines[3].ends_with('}'));
        assert_eq!(lines[4], "]}");
        assert!(text.ends_with("]}\n") && lines.len() == 5);
        let mut reversed = m.clone();
        reversed.releases.reverse();
        assert_eq!(reversed.to_bytes(), bytes);
        // Valid JSON that reads back as the same releases.
        let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(value["releases"].as_array().unwrap().len(), 3);
        let back = Manifest::parse(&bytes).unwrap();
        assert_eq!(back.releases[2], m.releases[0]);
        assert_eq!(back.to_bytes(), bytes);
    }

    #[test]
    fn an_empty_or_unsigned_manifest_is_valid_json() {
        let m = Manifest { format: FORMAT, site: "s".into(), key: None, releases: vec![] };
        let bytes = m.to_bytes();
        assert_eq!(bytes, b"{\"format\":1,\"site\":\"s\",\"key\":null,\"releases\":[\n]}\n");
        assert_eq!(Manifest::parse(&bytes).unwrap(), m);
    }

    #[test]
    fn another_format_or_damaged_json_is_refused() {
        let mut m = manifest();
        m.format = 2;
        let e = Manifest::parse(&m.to_bytes()).unwrap_err();
        assert!(e.contains("format 2") && e.contains("update warta"), "{e}");
        let e = Manifest::parse(b"<html>").unwrap_err();
        assert!(e.contains("not a warta manifest"), "{e}");
        let e = Manifest::parse(br#"{"format":1,"site":"s"}"#).unwrap_err();
        assert!(e.contains("damaged"), "{e}");
    }

    #[test]
    fn find_looks_up_a_code() {
        let m = manifest();
        assert_eq!(m.find("KWB-7Q4M-2CXH").unwrap().title, "Rapat Koordinasi");
        assert!(m.find("KWB-7Q4M-2CXX").is_none());
    }

    #[test]
    fn the_sha256_is_lower_case_hex() {
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn a_signature_verifies_and_any_changed_byte_fails() {
        let key = SecretKey::generate().unwrap();
        let bytes = manifest().to_bytes();
        let sig = key.sign(&bytes);
        let text = signature_text(&sig);
        assert!(text.ends_with('\n') && text.len() == 89, "{text:?}");
        verify(&bytes, &text, &key.public()).unwrap();
        verify(&bytes, &format!("  {}\r\n", text.trim()), &key.public()).unwrap();

        let mut changed = bytes.clone();
        changed[40] ^= 1;
        let e = verify(&changed, &text, &key.public()).unwrap_err();
        assert!(e.contains("does not verify with key ed25519:"), "{e}");

        let mut bad_sig = sig;
        bad_sig[10] ^= 1;
        assert!(verify(&bytes, &signature_text(&bad_sig), &key.public()).is_err());

        let other = SecretKey::generate().unwrap();
        assert!(verify(&bytes, &text, &other.public()).is_err());
        assert!(verify(&bytes, "nicht base64!", &key.public()).unwrap_err().contains("base64"));
        assert!(verify(&bytes, "AAAA", &key.public()).unwrap_err().contains("3 bytes"));
    }
}
