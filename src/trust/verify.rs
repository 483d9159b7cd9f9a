//! The verdict on a code or a saved release page, checked against a site's manifest and its
//! signature: plain data in, a [`Verdict`] out (no disk), for `warta verify` and its tests.

use super::code;
use super::keys::PublicKey;
use super::manifest::{self, Entry, Manifest};

/// What to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// A code as a reader typed it.
    Code(String),
    /// A saved release page: its code and, when the page carries it, its canonical text.
    Page { code: String, text: Option<String> },
}

/// The verdict of [`check`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The signature is valid, the code is in the manifest, and the page's text (if given)
    /// is the one listed.
    Official(Entry),
    /// The manifest is signed and valid, and has no release with this code.
    NotFound,
    /// The signature does not verify with the key: the reason, a sentence.
    BadSignature(String),
    /// The code is in the manifest, and the page's text is not the one listed (whether the
    /// manifest is signed or not).
    TextChanged(Entry),
    /// The manifest is not signed (no signature, or no key to check it with), so it proves
    /// nothing: the release with the code if it lists one (and its text matches, if given).
    Unsigned(Option<Entry>),
}

/// The name of the meta tag that carries a release page's code.
pub const CODE_META: &str = "warta:code";
/// The id of the script element that carries a release page's canonical text, a JSON string.
pub const TEXT_ID: &str = "warta-teks";

/// A saved release page (HTML): its code from `<meta name="warta:code" content="KWB-…">` and its canonical text from
/// `<script type="application/json" id="warta-teks">"…a JSON string…"</script>` (JSON-decode the string). Tolerate
/// attribute order/quotes changed by a browser's "Save page as". None when the page has no code.
///
/// A page saved as a single file (`.mhtml`, quoted-printable) is decoded first. A text element
/// that is not a JSON string is kept as it is, so that it differs from the listed text.
pub fn page_query(html: &str) -> Option<Query> {
    let decoded;
    let html = if html.contains("quoted-printable") && find_code(html).is_none() {
        decoded = quoted_printable(html);
        &decoded
    } else {
        html
    };
    let raw = find_code(html)?;
    let code = code::normalize(&raw).unwrap_or(raw);
    let text = find_text(html).map(|t| serde_json::from_str::<String>(t.trim()).unwrap_or(t));
    Some(Query::Page { code, text })
}

/// Checks `query` against the manifest's bytes, with `signature` (the text of `manifest.sig`)
/// and the office's `key`; `Err` when the manifest cannot be read.
pub fn check(
    manifest_bytes: &[u8],
    signature: Option<&str>,
    key: Option<&PublicKey>,
    query: &Query,
) -> Result<Verdict, String> {
    let signed = match (signature, key) {
        (Some(sig), Some(key)) => {
            if let Err(why) = manifest::verify(manifest_bytes, sig, key) {
                return Ok(Verdict::BadSignature(bad_signature(manifest_bytes, key, why)));
            }
            true
        }
        _ => false,
    };
    let manifest = Manifest::parse(manifest_bytes)?;
    let (code, text) = match query {
        Query::Code(c) => (c, None),
        Query::Page { code, text } => (code, text.as_deref()),
    };
    let code = code::normalize(code).unwrap_or_else(|| code.trim().to_string());
    let entry = manifest.find(&code).cloned();
    let changed = match (&entry, text) {
        (Some(e), Some(t)) => manifest::sha256_hex(t) != e.sha256,
        _ => false,
    };
    Ok(match entry {
        Some(e) if changed => Verdict::TextChanged(e),
        entry if !signed => Verdict::Unsigned(entry),
        Some(e) => Verdict::Official(e),
        None => Verdict::NotFound,
    })
}

/// Why a signature failed, in a sentence: another key when the manifest names one.
fn bad_signature(bytes: &[u8], key: &PublicKey, why: String) -> String {
    let named = Manifest::parse(bytes).ok().and_then(|m| m.key);
    let named = named.and_then(|k| PublicKey::parse(&k).ok());
    match named {
        Some(other) if other != *key => {
            format!("{why}: the manifest was signed with another key, {other}, not the office's")
        }
        _ if why.contains("does not verify") => {
            format!("{why}: the file was changed after it was signed")
        }
        _ => why,
    }
}

/// The content of the first `<meta name="warta:code" content="…">`.
fn find_code(html: &str) -> Option<String> {
    tags(html, "meta")
        .map(|(attrs, _)| attrs)
        .find(|a| attr(a, "name").is_some_and(|n| n.eq_ignore_ascii_case(CODE_META)))
        .and_then(|a| attr(&a, "content"))
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
}

/// The raw content of the first `<script id="warta-teks">`.
fn find_text(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let (_, end) =
        tags(html, "script").find(|(a, _)| attr(a, "id").is_some_and(|id| id == TEXT_ID))?;
    let close = lower[end..].find("</script")?;
    Some(html[end..end + close].to_string())
}

/// Every `<name …>` start tag of `html`: its attributes (name in lower case, value decoded) and
/// the index just after its `>`.
fn tags<'a>(
    html: &'a str,
    name: &'a str,
) -> impl Iterator<Item = (Vec<(String, String)>, usize)> + 'a {
    let lower = html.to_ascii_lowercase();
    let open = format!("<{name}");
    let mut from = 0;
    std::iter::from_fn(move || loop {
        let at = from + lower[from..].find(&open)?;
        from = at + open.len();
        let next = lower[from..].chars().next()?;
        if next.is_ascii_whitespace() || next == '/' || next == '>' {
            let (attrs, end) = attributes(html, from);
            from = end;
            return Some((attrs, end));
        }
    })
}

/// The attributes of a start tag from `at` (just after its name) to its `>`, and the index after.
fn attributes(html: &str, mut at: usize) -> (Vec<(String, String)>, usize) {
    let b = html.as_bytes();
    let mut attrs = Vec::new();
    let skip_space = |mut i: usize| {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        i
    };
    loop {
        at = skip_space(at);
        if at >= b.len() {
            return (attrs, at);
        }
        if b[at] == b'>' {
            return (attrs, at + 1);
        }
        let start = at;
        while at < b.len() && !matches!(b[at], b'=' | b'>' | b'/') && !b[at].is_ascii_whitespace() {
            at += 1;
        }
        let name = html[start..at].to_ascii_lowercase();
        let mut i = at;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() || b[i] != b'=' {
            attrs.push((name, String::new()));
            continue;
        }
        i += 1;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let (value, end) = match b.get(i) {
            Some(&q) if q == b'"' || q == b'\'' => {
                let close = html[i + 1..].find(char::from(q)).map_or(b.len(), |c| i + 1 + c);
                (&html[i + 1..close], (close + 1).min(b.len()))
            }
            _ => {
                let mut j = i;
                while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                    j += 1;
                }
                (&html[i..j], j)
            }
        };
        attrs.push((name, entities(value)));
        at = end;
    }
}

/// The value of attribute `name` (lower case).
fn attr(attrs: &[(String, String)], name: &str) -> Option<String> {
    attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone())
}

/// An attribute value with its character references decoded, by the decoder the search
/// index reads pages' text with.
fn entities(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    crate::render::search::decode_into(&mut out, value);
    out
}

/// A quoted-printable text (a page saved as `.mhtml`) decoded: soft line breaks joined, `=XX`
/// turned back into bytes.
fn quoted_printable(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'=' {
            if b[i + 1..].starts_with(b"\r\n") {
                i += 3;
                continue;
            }
            if b[i + 1..].starts_with(b"\n") {
                i += 2;
                continue;
            }
            let hex = text.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(byte) = hex {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trust::keys::SecretKey;

    const TEXT: &str = "Denpasar (Humas Bali) – Rapat \"koordinasi\" </script> selesai.\n\n(sn)";

    fn page(meta: &str, script_open: &str) -> String {
        format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\n{meta}\n\
             <meta name=\"description\" content=\"x\"></head><body><h1>Rapat</h1>\n\
             {script_open}{}</script></body></html>",
            serde_json::to_string(TEXT).unwrap().replace("</", "<\\/")
        )
    }

    fn entry(code: &str, text: &str) -> Entry {
        Entry {
            code: code.to_string(),
            url: "https://humas.example.go.id/2023/05/rapat/".to_string(),
            title: "Rapat".to_string(),
            date: "2023-05-15T09:00:00+08:00".to_string(),
            unit: "Kanwil Bali".to_string(),
            sha256: manifest::sha256_hex(text),
            withdrawn: None,
            corrected: Vec::new(),
        }
    }

    #[test]
    fn a_page_gives_its_code_and_text() {
        let html = page(
            r#"<meta name="warta:code" content="KWB-7Q4M-2CXH">"#,
            r#"<script type="application/json" id="warta-teks">"#,
        );
        let want = Query::Page { code: "KWB-7Q4M-2CXH".to_string(), text: Some(TEXT.to_string()) };
        assert_eq!(page_query(&html), Some(want));
    }

    #[test]
    fn a_page_saved_again_by_a_browser_still_gives_them() {
        let want = Query::Page { code: "KWB-7Q4M-2CXH".to_string(), text: Some(TEXT.to_string()) };
        for (meta, script) in [
            (
                "<META content='kwb-7q4m-2cxh' NAME='warta:code' />",
                "<SCRIPT id='warta-teks' type='application/json'>",
            ),
            (
                "<meta content=KWB-7Q4M-2CXH name=warta:code>",
                "<script\n  id = \"warta-teks\"\n  type=\"application/json\"\n>",
            ),
            (
                "<meta name=\"warta&#58;code\" content=\"KWB&#x2D;7Q4M&#45;2CXH\">",
                "<script type=\"application/json\" id=\"warta-teks\" >",
            ),
        ] {
            assert_eq!(page_query(&page(meta, script)).as_ref(), Some(&want), "{meta} {script}");
        }
    }

    #[test]
    fn a_page_saved_as_mhtml_is_decoded() {
        let html = page(
            r#"<meta name="warta:code" content="KWB-7Q4M-2CXH">"#,
            r#"<script type="application/json" id="warta-teks">"#,
        );
        let chars: Vec<char> = html.chars().collect();
        let qp: Vec<String> = chars
            .chunks(60)
            .map(|c| c.iter().collect::<String>().replace('=', "=3D").replace('–', "=E2=80=93"))
            .collect();
        let qp = qp.join("=\r\n");
        let mhtml = format!(
            "MIME-Version: 1.0\r\nContent-Type: text/html\r\n\
             Content-Transfer-Encoding: quoted-printable\r\n\r\n{qp}"
        );
        let want = Query::Page { code: "KWB-7Q4M-2CXH".to_string(), text: Some(TEXT.to_string()) };
        assert_eq!(page_query(&mhtml), Some(want));
    }

    #[test]
    fn a_page_without_a_code_gives_none_and_without_text_gives_the_code() {
        assert_eq!(page_query("<html><meta name=\"warta:codes\" content=\"X\"></html>"), None);
        assert_eq!(page_query("<metadata name=\"warta:code\" content=\"KWB-7Q4M-2CXH\">"), None);
        assert_eq!(
            page_query("<meta name=\"warta:code\" content=\"KWB 7Q4M 2CXH\">"),
            Some(Query::Page { code: "KWB-7Q4M-2CXH".to_string(), text: None })
        );
        // A text that is not a JSON string is kept raw, so that it never matches.
        let broken = "<meta name=\"warta:code\" content=\"KWB-7Q4M-2CXH\">\
                      <script id=\"warta-teks\">\"unclosed</script>";
        assert_eq!(
            page_query(broken),
            Some(Query::Page {
                code: "KWB-7Q4M-2CXH".to_string(),
                text: Some("\"unclosed".to_string())
            })
        );
    }

    fn signed(entries: Vec<Entry>) -> (Vec<u8>, String, SecretKey) {
        let key = SecretKey::generate().unwrap();
        let m = Manifest {
            format: manifest::FORMAT,
            site: "https://humas.example.go.id/".to_string(),
            key: Some(key.public().to_string()),
            releases: entries,
        };
        let bytes = m.to_bytes();
        let sig = manifest::signature_text(&key.sign(&bytes));
        (bytes, sig, key)
    }

    #[test]
    fn check_gives_each_verdict() {
        let e = entry("KWB-7Q4M-2CXH", TEXT);
        let (bytes, sig, key) = signed(vec![e.clone(), entry("KWB-0000-0000", "lain")]);
        let pk = key.public();
        let code = |c: &str| Query::Code(c.to_string());
        let page = |t: &str| Query::Page { code: "KWB-7Q4M-2CXH".into(), text: Some(t.into()) };
        let ok = |q: &Query| check(&bytes, Some(&sig), Some(&pk), q).unwrap();

        assert_eq!(ok(&code("kwb 7q4m 2cxh")), Verdict::Official(e.clone()));
        assert_eq!(ok(&page(TEXT)), Verdict::Official(e.clone()));
        assert_eq!(
            ok(&Query::Page { code: e.code.clone(), text: None }),
            Verdict::Official(e.clone())
        );
        assert_eq!(ok(&code("KWB-7Q4M-2CXX")), Verdict::NotFound);
        assert_eq!(ok(&code("bukan kode")), Verdict::NotFound);
        assert_eq!(ok(&page("Denpasar – diubah")), Verdict::TextChanged(e.clone()));

        let unsigned =
            |s: Option<&str>, k: Option<&PublicKey>, q: &Query| check(&bytes, s, k, q).unwrap();
        assert_eq!(unsigned(None, Some(&pk), &code(&e.code)), Verdict::Unsigned(Some(e.clone())));
        assert_eq!(unsigned(Some(&sig), None, &code("KWB-ZZZZ-ZZZZ")), Verdict::Unsigned(None));
        assert_eq!(unsigned(None, None, &page("x")), Verdict::TextChanged(e.clone()));
    }

    #[test]
    fn check_refuses_a_changed_manifest_or_another_key() {
        let (bytes, sig, key) = signed(vec![entry("KWB-7Q4M-2CXH", TEXT)]);
        let q = Query::Code("KWB-7Q4M-2CXH".to_string());
        let changed = String::from_utf8(bytes.clone()).unwrap().replace("Rapat", "Rapar");
        let Verdict::BadSignature(why) =
            check(changed.as_bytes(), Some(&sig), Some(&key.public()), &q).unwrap()
        else {
            panic!("a changed manifest must not verify");
        };
        assert!(why.ends_with("the file was changed after it was signed"), "{why}");

        let other = SecretKey::generate().unwrap().public();
        let Verdict::BadSignature(why) = check(&bytes, Some(&sig), Some(&other), &q).unwrap()
        else {
            panic!("another key must not verify");
        };
        assert!(why.contains(&format!("with key {other}")), "{why}");
        assert!(why.contains(&format!("signed with another key, {}", key.public())), "{why}");

        let e = check(b"{}", None, None, &q).unwrap_err();
        assert!(e.contains("not a warta manifest"), "{e}");
    }
}
