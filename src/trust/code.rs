//! Verification codes: `KWB-7Q4M-2CXH`, the site's prefix and 40 bits of the SHA-256 of the
//! release's guid in Crockford's base 32 (no I, L, O or U, so a code read aloud or typed from
//! paper is not misread). The guid never changes once a release is published, so neither does
//! its code. 40 bits leave one chance in about 20 of a clash at 100,000 releases (the birthday
//! bound); a build refuses a clash and names both releases (pin one's `id:` to change its code).

use sha2::{Digest, Sha256};

/// Crockford's base 32 alphabet.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The prefix of a site whose host gives none.
pub const DEFAULT_PREFIX: &str = "RILIS";

/// The verification code of the release with this guid.
pub fn code(prefix: &str, guid: &str) -> String {
    let digest = Sha256::digest(guid.as_bytes());
    let bits = digest[..5].iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
    let chars: String =
        (0..8).rev().map(|i| char::from(ALPHABET[((bits >> (i * 5)) & 31) as usize])).collect();
    format!("{prefix}-{}-{}", &chars[..4], &chars[4..])
}

/// A code as a reader typed it (`kwb 7q4m 2cxh`, `KWB-7Q4M-2CXH`, with O for 0 or I for 1)
/// in the form codes are written; `None` when it cannot be a code.
pub fn normalize(input: &str) -> Option<String> {
    let cleaned: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '.')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if cleaned.len() < 10 || cleaned.len() > 14 || !cleaned.is_ascii() {
        return None;
    }
    let (prefix, body) = cleaned.split_at(cleaned.len() - 8);
    check_prefix(prefix).ok()?;
    let body: String = body
        .chars()
        .map(|c| match c {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect();
    if !body.bytes().all(|b| ALPHABET.contains(&b)) {
        return None;
    }
    Some(format!("{prefix}-{}-{}", &body[..4], &body[4..]))
}

/// A prefix as `trust.prefix` may give it: 2 to 6 capital letters or digits, starting with a
/// letter.
pub fn check_prefix(prefix: &str) -> Result<String, String> {
    let p = prefix.to_ascii_uppercase();
    let ok = (2..=6).contains(&p.len())
        && p.starts_with(|c: char| c.is_ascii_uppercase())
        && p.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if ok {
        Ok(p)
    } else {
        Err(format!("expected 2 to 6 letters or digits such as \"KWB\", got {prefix:?}"))
    }
}

/// The default prefix: the first three letters of the host's first label, in capitals
/// (`humas.example.go.id` → `HUM`); [`DEFAULT_PREFIX`] when it has fewer than two.
pub fn prefix_of_host(host: &str) -> String {
    let label = host.trim_start_matches("www.").split('.').next().unwrap_or_default();
    let letters: String =
        label.chars().filter(char::is_ascii_alphanumeric).take(3).collect::<String>();
    check_prefix(&letters).unwrap_or_else(|_| DEFAULT_PREFIX.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_the_prefix_and_eight_characters_of_the_guid_hash() {
        let c = code("KWB", "tag:humas.example.go.id,2023-05-15:workshop");
        assert_eq!(c.len(), "KWB-XXXX-XXXX".len());
        assert!(c.starts_with("KWB-"), "{c}");
        assert_eq!(c, code("KWB", "tag:humas.example.go.id,2023-05-15:workshop"), "stable");
        assert_ne!(c, code("KWB", "tag:humas.example.go.id,2023-05-15:workshop-2"));
        assert!(c[4..].chars().all(|ch| ch == '-' || ALPHABET.contains(&(ch as u8))), "{c}");
    }

    #[test]
    fn a_typed_code_is_read_as_written() {
        let c = code("KWB", "g");
        assert_eq!(normalize(&c).as_deref(), Some(c.as_str()));
        assert_eq!(normalize(&c.to_lowercase().replace('-', " ")).as_deref(), Some(c.as_str()));
        assert_eq!(normalize("kwb-0o1i-lxyz").as_deref(), Some("KWB-0011-1XYZ"));
        assert_eq!(normalize("KWB-7Q4M-2CU0"), None, "U is not in the alphabet");
        assert_eq!(normalize("7Q4M-2CXH"), None, "no prefix");
        assert_eq!(normalize(""), None);
        assert_eq!(normalize("KWB-7Q4M-2CXHÉ"), None);
    }

    #[test]
    fn the_default_prefix_comes_from_the_host() {
        assert_eq!(prefix_of_host("humas.example.go.id"), "HUM");
        assert_eq!(prefix_of_host("www.kemenag.go.id"), "KEM");
        assert_eq!(prefix_of_host("localhost"), "LOC");
        assert_eq!(prefix_of_host("127.0.0.1"), DEFAULT_PREFIX);
        assert_eq!(check_prefix("kwb").as_deref(), Ok("KWB"));
        assert!(check_prefix("K").is_err());
        assert!(check_prefix("1AB").is_err());
        assert!(check_prefix("KW-B").is_err());
    }
}
