//! What one build leaves for the next, so that the next does only what changed: each release's
//! parse, by the fingerprint of its file (and bundle, and the config), and each job's
//! fingerprint with the fingerprints of the files it wrote, by the job's first output path (a
//! job's index moves when a release is added; its path does not).
//!
//! `warta serve` keeps a [`Cache`] in memory; `warta build` keeps it in a file beside the output
//! folder ([`cache_path`]), never inside it: the cache holds every release, scheduled ones too,
//! and the output folder is what gets uploaded. The cache names the output it describes by the
//! token in the output's marker file, so a cache is used only with the output it was written
//! with (not with a copied, restored or hand-edited folder), and a build interrupted while it
//! updates the output leaves a marker that no cache matches: the next build is a full one.

use crate::fingerprint::Fp;
use crate::model::Release;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What a cache file starts with; a file that starts otherwise (another version of warta
/// wrote it, or it is not a cache) is ignored.
const MAGIC: &str = concat!("warta-cache 1 ", env!("CARGO_PKG_VERSION"), "\n");

/// What a build left for the next one.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Cache {
    /// The token of the output this cache describes (the marker's `build:` line).
    pub output: String,
    /// Each release as parsed, before the site is assembled, by [`source_key`].
    pub parsed: HashMap<Fp, Release>,
    /// Each job's fingerprint and the files it wrote, by the job's first output path.
    pub jobs: HashMap<String, JobRecord>,
}

/// What one job read and wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobRecord {
    /// `None`: a job rendered on every build.
    pub fingerprint: Option<Fp>,
    /// Every file it wrote, with the fingerprint of its bytes.
    pub outputs: Vec<(String, Fp)>,
}

impl Cache {
    pub fn to_bytes(&self) -> Vec<u8> {
        let out = MAGIC.as_bytes().to_vec();
        // Serialising plain data into a Vec cannot fail; if it did, an empty file is no cache.
        postcard::to_extend(self, out).unwrap_or_default()
    }

    /// The cache in `bytes`, or `None` if they are not a cache of this warta (another version,
    /// a truncated file): a build without a cache is only slower.
    pub fn from_bytes(bytes: &[u8]) -> Option<Cache> {
        let body = bytes.strip_prefix(MAGIC.as_bytes())?;
        postcard::from_bytes(body).ok()
    }
}

/// The file beside the output folder that holds its cache: `.public.warta-cache` for `public/`.
pub fn cache_path(output: &Path) -> PathBuf {
    let name = output.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy());
    output.with_file_name(format!(".{name}.warta-cache"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cache_reads_back_and_a_foreign_file_is_ignored() {
        let mut cache = Cache { output: "t1".into(), ..Cache::default() };
        cache.jobs.insert(
            "index.html".into(),
            JobRecord { fingerprint: Some(Fp(7)), outputs: vec![("index.html".into(), Fp(9))] },
        );
        let bytes = cache.to_bytes();
        let back = Cache::from_bytes(&bytes).expect("reads back");
        assert_eq!(back.output, "t1");
        assert_eq!(back.jobs, cache.jobs);
        assert!(Cache::from_bytes(b"warta-cache 0 0.0.1\n...").is_none());
        assert!(Cache::from_bytes(&bytes[..bytes.len() - 1]).is_none());
    }

    #[test]
    fn the_cache_lives_beside_the_output() {
        assert_eq!(cache_path(Path::new("/s/public")), PathBuf::from("/s/.public.warta-cache"));
        assert_eq!(cache_path(Path::new("out/site")), PathBuf::from("out/.site.warta-cache"));
    }
}
