//! Fingerprints: a 128-bit hash of everything one piece of work read, so that the next build
//! can tell "same input" from "changed" without keeping the input. An incremental build keeps a
//! release's parse when its file's fingerprint is unchanged, renders a page again only when the
//! fingerprint of what the page shows changed, and writes a file only when the fingerprint of
//! its bytes changed.
//!
//! XXH3-128 (`xxhash-rust`): a non-cryptographic hash is enough, since a fingerprint only ever
//! compares a site's input with the same site's earlier input, and at some GB/s hashing every
//! page of a 10,000-release site costs a few milliseconds. 128 bits make an accidental collision
//! among the millions of fingerprints a site ever has negligible (about 2^-80).

use serde::{Deserialize, Serialize};
use std::hash::Hash;
use xxhash_rust::xxh3::Xxh3;

/// The fingerprint of some input.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub struct Fp(pub u128);

impl Fp {
    /// The fingerprint of some bytes.
    pub fn of_bytes(bytes: &[u8]) -> Fp {
        Fp(xxhash_rust::xxh3::xxh3_128(bytes))
    }

    /// The fingerprint of a value, through its `Hash` implementation.
    pub fn of<T: Hash + ?Sized>(value: &T) -> Fp {
        let mut h = Hasher::new();
        value.hash(&mut h);
        h.finish128()
    }
}

/// Builds a fingerprint from parts. Implements [`std::hash::Hasher`], so any `Hash` value can be
/// fed to it, and [`std::io::Write`], so a value can be fed as its JSON (what a template sees).
#[derive(Clone)]
pub struct Hasher(Xxh3);

impl std::fmt::Debug for Hasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Hasher")
    }
}

impl Default for Hasher {
    fn default() -> Self {
        Hasher::new()
    }
}

impl Hasher {
    pub fn new() -> Hasher {
        Hasher(Xxh3::new())
    }

    /// Adds a value through its `Hash` implementation (which delimits strings and lists, so
    /// `("ab", "c")` and `("a", "bc")` differ).
    pub fn add<T: Hash + ?Sized>(&mut self, value: &T) -> &mut Hasher {
        value.hash(self);
        self
    }

    /// Adds a value as the JSON a template receives of it: whatever the view shows, the
    /// fingerprint covers, including fields added to the view later.
    pub fn add_json<T: Serialize + ?Sized>(&mut self, value: &T) -> &mut Hasher {
        // Writing into a hasher cannot fail, and every view serialises (they are rendered).
        let _ = serde_json::to_writer(&mut *self, value);
        std::hash::Hasher::write_u8(self, 0xff);
        self
    }

    pub fn finish128(&self) -> Fp {
        Fp(self.0.digest128())
    }
}

impl std::hash::Hasher for Hasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    fn finish(&self) -> u64 {
        self.0.digest()
    }
}

impl std::io::Write for Hasher {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_delimited_and_order_matters() {
        assert_ne!(Fp::of(&("ab", "c")), Fp::of(&("a", "bc")));
        assert_ne!(Fp::of(&(1u32, 2u32)), Fp::of(&(2u32, 1u32)));
        assert_eq!(Fp::of(&("ab", "c")), Fp::of(&("ab", "c")));
        let json = |v: &serde_json::Value| Hasher::new().add_json(v).finish128();
        assert_ne!(json(&serde_json::json!({"a": 1})), json(&serde_json::json!({"a": 2})));
    }

    #[test]
    fn fingerprints_are_stable_across_runs() {
        // A build cache written by one run is read by the next: the hash must not be seeded.
        assert_eq!(Fp::of_bytes(b"warta"), Fp::of_bytes(b"warta"));
        assert_eq!(Fp::of_bytes(b""), Fp(0x99aa_06d3_0147_98d8_6001_c324_468d_497f));
    }
}
