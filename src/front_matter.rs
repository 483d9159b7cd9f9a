//! Splits a Markdown file into its YAML front matter and body, and parses the front matter into
//! raw, unvalidated fields; and writes the front matter of a new release ([`FrontMatter`]), so
//! that reading and writing it live side by side. Validation (dates, units, authors) happens in
//! `model`.

use crate::yaml::{self, YamlError};
use serde::{Deserialize, Deserializer};
use std::collections::BTreeMap;

/// A file cut at its front matter fences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Document<'a> {
    /// The YAML between the fences.
    pub front: &'a str,
    /// The 1-based line in the file where the YAML starts.
    pub front_line: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
}

/// Why a file could not be split; `line` is 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitError {
    pub line: usize,
    pub message: String,
}

/// Splits `text` at `---` fences. The first line must be `---`; the front matter ends at the
/// next line that is `---` (or `...`).
pub fn split(text: &str) -> Result<Document<'_>, SplitError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        if first.starts_with("---\r") {
            // An old Mac's file is one long line to us: say so, not "no '---'".
            return Err(SplitError {
                line: 1,
                message: "the lines of this file end in CR alone (an old Mac line ending); save \
                          it with ordinary line endings (LF, or CRLF as on Windows)"
                    .to_string(),
            });
        }
        let message = match autocorrected_fence(first) {
            Some(dash) => format!(
                "the first line is '{dash}', a dash Word or a phone made of '---' as it was \
                 typed; the front matter starts with three hyphens: ---"
            ),
            None => "expected front matter: the file must start with a line '---'".to_string(),
        };
        return Err(SplitError { line: 1, message });
    }
    let start = first.len();
    let mut offset = start;
    for line in lines {
        let fence = line.trim_end();
        if fence == "---" || fence == "..." {
            return Ok(Document {
                front: &text[start..offset],
                front_line: 2,
                body: &text[offset + line.len()..],
            });
        }
        offset += line.len();
    }
    // The closing fence turned into a dash, as the first one can be.
    let dash = text
        .split_inclusive('\n')
        .enumerate()
        .skip(1)
        .find_map(|(i, line)| autocorrected_fence(line).map(|dash| (i + 1, dash)));
    Err(match dash {
        Some((line, dash)) => SplitError {
            line,
            message: format!(
                "this line is '{dash}', a dash Word or a phone made of '---' as it was typed; \
                 the front matter ends with three hyphens: ---"
            ),
        },
        None => SplitError {
            line: 1,
            message: "front matter is not closed: add a line '---' after the last field"
                .to_string(),
        },
    })
}

/// A line that is a fence as autocorrect leaves it: `—` or `–` (Word and phones make a dash of
/// `---` or `--` as it is typed), alone or beside hyphens (`—-`).
fn autocorrected_fence(line: &str) -> Option<&str> {
    let line = line.trim();
    let dashes = line.chars().all(|c| matches!(c, '—' | '–' | '―' | '-'));
    (dashes && line.contains(['—', '–', '―'])).then_some(line)
}

/// The 1-based line of a top-level `key:` in YAML that starts at line `first_line`.
pub fn key_line(yaml: &str, key: &str, first_line: usize) -> Option<usize> {
    yaml.lines()
        .position(|l| l.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(':')))
        .map(|i| i + first_line)
}

/// The 1-based line of a field in YAML that starts at line `first_line`, by its dotted path
/// (`contact.phone`, `units.kua-tabanan.logo`): the line of its deepest key found, each looked
/// for in the block of the one before it; a key written in a flow mapping on its parent's line
/// (`kanwil-bali: {name: …, logo: …}`) is on that line. `None` without the top-level key.
pub fn field_line(yaml: &str, field: &str, first_line: usize) -> Option<usize> {
    let lines: Vec<&str> = yaml.lines().collect();
    let mut parts = field.split('.');
    let is_key = |text: &str, key: &str| {
        let text = text.strip_prefix("- ").unwrap_or(text);
        [key.to_string(), format!("\"{key}\""), format!("'{key}'")]
            .iter()
            .any(|k| text.strip_prefix(k.as_str()).is_some_and(|r| r.trim_start().starts_with(':')))
    };
    let top = parts.next()?;
    let mut at = lines.iter().position(|l| is_key(l, top))?;
    let mut indent = 0;
    for part in parts {
        let line = lines[at];
        if line.find('{').is_some_and(|open| line[open..].contains(&format!("{part}:"))) {
            break;
        }
        let mut found = None;
        for (i, l) in lines.iter().enumerate().skip(at + 1) {
            let text = l.trim_start();
            if text.is_empty() || text.starts_with('#') {
                continue;
            }
            let depth = l.len() - text.len();
            if depth <= indent {
                break;
            }
            if is_key(text, part) {
                found = Some((i, depth));
                break;
            }
        }
        match found {
            Some((i, depth)) => (at, indent) = (i, depth),
            None => break,
        }
    }
    Some(at + first_line)
}

/// A release's front matter as written, before validation.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRelease {
    #[serde(default, deserialize_with = "text")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "text")]
    pub date: Option<String>,
    #[serde(default)]
    pub author: Option<OneOrMany>,
    #[serde(default, deserialize_with = "text")]
    pub unit: Option<String>,
    #[serde(default, deserialize_with = "text")]
    pub place: Option<String>,
    /// `berita`, `pengumuman`…: a key of `kinds:` in site.yaml; none: the first of them.
    #[serde(default, deserialize_with = "text")]
    pub kind: Option<String>,
    #[serde(default)]
    pub tags: Option<OneOrMany>,
    #[serde(default, deserialize_with = "text")]
    pub summary: Option<String>,
    #[serde(default, deserialize_with = "text")]
    pub image: Option<String>,
    #[serde(default, deserialize_with = "text")]
    pub image_alt: Option<String>,
    #[serde(default, deserialize_with = "text")]
    pub image_caption: Option<String>,
    /// Who took the photo: `Foto: Humas Bali`.
    #[serde(default, deserialize_with = "text")]
    pub image_credit: Option<String>,
    /// The point crops keep in view: `top`, `0.5,0.3`.
    #[serde(default, deserialize_with = "text")]
    pub image_focus: Option<String>,
    /// The pixel size of an `https://` photo, which warta cannot read.
    #[serde(default)]
    pub image_width: Option<u32>,
    #[serde(default)]
    pub image_height: Option<u32>,
    /// Captions of the bundle's photos shown in the gallery, in the order to show them.
    #[serde(default)]
    pub gallery: Option<Vec<RawGalleryPhoto>>,
    #[serde(default, deserialize_with = "text")]
    pub slug: Option<String>,
    #[serde(default)]
    pub draft: Option<bool>,
    #[serde(default, deserialize_with = "text")]
    pub updated: Option<String>,
    /// When the release leaves the site (same forms as `date`).
    #[serde(default, deserialize_with = "text")]
    pub expires: Option<String>,
    /// A permanent id for feeds, overriding the ledger's.
    #[serde(default, deserialize_with = "text")]
    pub id: Option<String>,
    /// Captions written by hand, by channel (`x`, `facebook`, ...).
    #[serde(default)]
    pub social: Option<BTreeMap<String, String>>,
    /// Corrections made after publication, shown in the open ("Ralat").
    #[serde(default)]
    pub corrections: Option<Vec<RawCorrection>>,
    /// The release is withdrawn: it stays at its URL with the reason, and leaves every listing.
    #[serde(default)]
    pub withdrawn: Option<RawWithdrawal>,
}

/// One correction of `corrections:`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCorrection {
    #[serde(default, deserialize_with = "text")]
    pub date: Option<String>,
    #[serde(default, deserialize_with = "text")]
    pub note: Option<String>,
    /// A typo: the page changes quietly, feeds do not announce it.
    #[serde(default)]
    pub minor: Option<bool>,
}

/// `withdrawn:`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWithdrawal {
    #[serde(default, deserialize_with = "text")]
    pub date: Option<String>,
    #[serde(default, deserialize_with = "text")]
    pub reason: Option<String>,
}

/// One photo of `gallery:`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGalleryPhoto {
    /// The file beside the release.
    #[serde(default, deserialize_with = "text")]
    pub file: Option<String>,
    #[serde(default, deserialize_with = "text")]
    pub caption: Option<String>,
    #[serde(default, deserialize_with = "text")]
    pub credit: Option<String>,
}

/// A standalone page's front matter.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPage {
    #[serde(default, deserialize_with = "text")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "text")]
    pub slug: Option<String>,
    #[serde(default)]
    pub draft: Option<bool>,
    /// Former addresses of the page, each a page that redirects to it.
    #[serde(default)]
    pub aliases: Option<OneOrMany>,
}

/// One value or a list of them (`author: sn` or `author: [sn, ra]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneOrMany(pub Vec<String>);

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(OneOrManyVisitor)
    }
}

/// Reads `x` or `[x, y]`, and explains anything else in words a PR officer understands.
struct OneOrManyVisitor;

impl<'de> serde::de::Visitor<'de> for OneOrManyVisitor {
    type Value = OneOrMany;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a value or a list of values, like [haji, zakat]")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<OneOrMany, E> {
        Ok(OneOrMany(vec![v.to_string()]))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<OneOrMany, E> {
        Ok(OneOrMany(vec![v.to_string()]))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<OneOrMany, E> {
        Ok(OneOrMany(vec![v.to_string()]))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<OneOrMany, E> {
        Ok(OneOrMany(vec![v.to_string()]))
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<OneOrMany, E> {
        Ok(OneOrMany(vec![v.to_string()]))
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<OneOrMany, E> {
        Ok(OneOrMany(Vec::new()))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
        let mut out = Vec::new();
        while let Some(Scalar(s)) = seq.next_element()? {
            out.push(s);
        }
        Ok(OneOrMany(out))
    }
}

/// Any YAML scalar read as text, so `title: 2024` or `tags: [2024]` are not type errors.
#[derive(Debug)]
struct Scalar(String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Any {
            S(String),
            I(i64),
            F(f64),
            B(bool),
        }
        Ok(Scalar(
            match Any::deserialize(d).map_err(|_| {
                serde::de::Error::custom("expected text (a single value, not a list or a map)")
            })? {
                Any::S(s) => s,
                Any::I(i) => i.to_string(),
                Any::F(f) => f.to_string(),
                Any::B(b) => b.to_string(),
            },
        ))
    }
}

fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Option::<Scalar>::deserialize(d).map(|o| o.map(|s| s.0))
}

/// Parses a release's front matter.
pub fn parse_release(front: &str) -> Result<RawRelease, YamlError> {
    if front.trim().is_empty() {
        return Ok(RawRelease::default());
    }
    yaml::parse(front)
}

/// Whether a front matter says `draft: true`, read whatever its other fields hold: for a release
/// or page that has mistakes elsewhere, which the build that leaves it out tells as warnings. A
/// front matter that is not YAML, or whose `draft` is not `true` or `false`, says nothing.
pub fn marked_draft(front: &str) -> bool {
    #[derive(Deserialize)]
    struct Draft {
        #[serde(default)]
        draft: Option<bool>,
    }
    !front.trim().is_empty() && yaml::parse::<Draft>(front).is_ok_and(|d| d.draft == Some(true))
}

/// Parses a page's front matter.
pub fn parse_page(front: &str) -> Result<RawPage, YamlError> {
    if front.trim().is_empty() {
        return Ok(RawPage::default());
    }
    yaml::parse(front)
}

/// The front matter of a new release (`warta new`, `warta init`, `warta new --from`): the one
/// place that writes it. A field that is `None` (or an empty author list) is written empty with
/// a comment saying what to put there, so the writer sees it and the build names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: Option<String>,
    /// As front matter writes it: `2023-05-15` or `2023-05-15T09:00:00`.
    pub date: String,
    pub authors: Vec<String>,
    pub unit: Option<String>,
    /// Only when it differs from the unit's place.
    pub place: Option<String>,
    /// The topics (`tags:`); empty: `tags: []`, to fill in.
    pub tags: Vec<String>,
    /// The main photo, a file of the bundle.
    pub image: Option<String>,
    /// What the photo shows, for readers who cannot see it (the picture's alt text in Word).
    pub image_alt: Option<String>,
    /// The line under the photo, and who took it (`Humas Bali` of "(Foto: Humas Bali)").
    pub image_caption: Option<String>,
    pub image_credit: Option<String>,
    /// Written as `draft: true`, with a comment on how to publish it.
    pub draft: bool,
    /// The site's writers and units (`authors:` and `units:` keys), which the comment of an
    /// empty `author:` or `unit:` lists: what to put there, taken from this site.
    pub known_authors: Vec<String>,
    pub known_units: Vec<String>,
    /// The unit's place, the dateline's city when `place:` is not given: the example the
    /// comment of an absent `place:` gives.
    pub unit_place: Option<String>,
}

impl FrontMatter {
    /// The release file: front matter, a blank line, then `body`.
    pub fn text(&self, body: &str) -> String {
        let mut out = String::from("---\n");
        match &self.title {
            // A JSON string is a valid YAML double-quoted scalar: quotes and colons are safe.
            Some(t) => {
                out.push_str(&format!("title: {}\n", serde_json::to_string(t).unwrap_or_default()))
            }
            None => {
                out.push_str("title:        # judul berita, mis. title: Workshop Media Sosial\n")
            }
        }
        out.push_str(&format!("date: {}\n", scalar(&self.date)));
        match self.authors.as_slice() {
            [] if self.known_authors.is_empty() => out.push_str(
                "author:       # inisial penulis; tambahkan dulu di 'authors:' site.yaml\n",
            ),
            [] => out.push_str(&format!(
                "author:       # inisial penulis, kunci 'authors' di site.yaml: {}\n",
                self.known_authors.join(", ")
            )),
            [one] => out.push_str(&format!("author: {}\n", scalar(one))),
            many => out.push_str(&format!(
                "author: [{}]\n",
                many.iter().map(|a| scalar(a)).collect::<Vec<_>>().join(", ")
            )),
        }
        match &self.unit {
            Some(u) => out.push_str(&format!("unit: {}\n", scalar(u))),
            None => out.push_str(&format!(
                "unit:         # kantor penerbit, kunci 'units' di site.yaml: {}\n",
                self.known_units.join(", ")
            )),
        }
        match &self.place {
            Some(p) => out.push_str(&format!("place: {}\n", scalar(p))),
            // What each comment explains follows a `#` of its own, so that a line uncommented
            // is the value alone, not the value and its explanation.
            None => out.push_str(&format!(
                "# place: {:<16}# kota dateline, bila lain dari kota unit\n",
                self.unit_place.as_deref().unwrap_or("Denpasar")
            )),
        }
        let tags: Vec<String> = self.tags.iter().map(|t| scalar(t)).collect();
        out.push_str(&format!("tags: [{}]\n", tags.join(", ")));
        if self.draft {
            out.push_str(SAMPLE_DRAFT);
        }
        out.push_str("# summary: ...           # ringkasan; bawaan: paragraf pertama\n");
        match &self.image {
            Some(i) => out.push_str(&format!("image: {}\n", scalar(i))),
            None => out.push_str("# image: foto.jpg        # foto di folder yang sama\n"),
        }
        for (key, value) in [
            ("image_alt", &self.image_alt),
            ("image_caption", &self.image_caption),
            ("image_credit", &self.image_credit),
        ] {
            if let Some(v) = value {
                // A JSON string is a valid YAML double-quoted scalar, as for the title.
                let v = serde_json::to_string(v).unwrap_or_default();
                out.push_str(&format!("{key}: {v}\n"));
            }
        }
        out.push_str("---\n\n");
        out.push_str(body);
        out
    }
}

/// A YAML scalar: plain when it cannot be read as anything but text, else a JSON string.
pub(crate) fn scalar(s: &str) -> String {
    let plain = s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && s.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':' | ' '))
        && !s.ends_with(' ')
        && !s.contains(": ")
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off"
        )
        && (s.chars().any(|c| c.is_alphabetic()) || looks_like_date(s));
    if plain {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_default()
    }
}

fn looks_like_date(s: &str) -> bool {
    s.len() >= 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-'
}

/// The sample release of `warta init` is a draft, so that a new site never publishes (nor
/// cross-posts) it by mistake.
const SAMPLE_DRAFT: &str = "draft: true             # contoh: hapus baris ini untuk menerbitkan; \
                            pratinjau dengan: warta build --drafts\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_is_known_whatever_its_other_fields_hold() {
        assert!(marked_draft("title: A\ndraft: true\n"));
        // Fields a release must not have, or of the wrong kind: still a draft.
        assert!(marked_draft("titel: A\ntags: {a: b}\ndate: 15/5/2023\ndraft: true\n"));
        assert!(!marked_draft("title: A\ndraft: false\n"));
        assert!(!marked_draft("title: A\n"));
        assert!(!marked_draft(""));
        // Not known: a `draft` that is no yes-or-no, or a front matter that is no YAML.
        assert!(!marked_draft("draft: ya\n"));
        assert!(!marked_draft("draft: true\ntitle: [a\n"));
    }

    #[test]
    fn splits_at_fences() {
        let d = split("---\ntitle: A\n---\nBody\n").expect("splits");
        assert_eq!(d.front, "title: A\n");
        assert_eq!(d.body, "Body\n");
        assert_eq!(d.front_line, 2);
    }

    #[test]
    fn tolerates_bom_and_crlf() {
        let d = split("\u{feff}---\r\ntitle: A\r\n---\r\nBody").expect("splits");
        assert_eq!(d.front, "title: A\r\n");
        assert_eq!(d.body, "Body");
    }

    /// Found typing a release in Word and pasting it into Notepad: Word makes an em dash of
    /// `---` as it is typed, and the error said only that the file must start with '---'.
    #[test]
    fn a_fence_autocorrect_made_a_dash_is_named() {
        let e = split("—\ntitle: a\n---\nbody").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.starts_with("the first line is '—', a dash Word"), "{}", e.message);
        let e = split("---\ntitle: a\ndate: 2023-05-15\n–-\nbody").unwrap_err();
        assert_eq!(e.line, 4);
        assert!(e.message.starts_with("this line is '–-', a dash"), "{}", e.message);
        // A dash in the body after a proper front matter is the body's.
        assert!(split("---\ntitle: a\n---\n—\n").is_ok());
        let e = split("title: a\n").unwrap_err();
        assert_eq!(e.message, "expected front matter: the file must start with a line '---'");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let e = split("---\ntitle: A\nBody\n").unwrap_err();
        assert!(e.message.contains("not closed"), "{}", e.message);
        let e = split("title: A\n").unwrap_err();
        assert!(e.message.contains("must start"), "{}", e.message);
    }

    #[test]
    fn field_lines_follow_the_path_into_blocks_and_flow_mappings() {
        let y = "title: Humas\nunits:\n  kanwil-bali: {name: Kanwil, logo: /x.png}\n  \
                 \"kua-tabanan\":\n    name: KUA\n    # a comment\n\n    logo: /y.png\n\
                 contact:\n  name: Humas\n  phone: \"0361\"\nlogo: /z.png\n";
        assert_eq!(field_line(y, "units.kanwil-bali.logo", 1), Some(3));
        assert_eq!(field_line(y, "units.kua-tabanan.logo", 1), Some(8));
        assert_eq!(field_line(y, "units.kua-tabanan", 1), Some(4));
        assert_eq!(field_line(y, "contact.phone", 1), Some(11));
        // Not there: the deepest key found; the top-level logo, not a unit's.
        assert_eq!(field_line(y, "contact.email", 1), Some(9));
        assert_eq!(field_line(y, "logo", 1), Some(12));
        assert_eq!(field_line(y, "strings", 1), None);
    }

    #[test]
    fn key_lines() {
        let y = "title: A\ndate: 2023\ntags:\n  - date: x\n";
        assert_eq!(key_line(y, "date", 2), Some(3));
        assert_eq!(key_line(y, "tags", 2), Some(4));
        assert_eq!(key_line(y, "unit", 2), None);
    }

    #[test]
    fn scalars_and_lists() {
        let r = parse_release("title: 2024\nauthor: [sn, ra]\ntags: haji\ndate: 2023-05-15\n")
            .expect("parses");
        assert_eq!(r.title.as_deref(), Some("2024"));
        assert_eq!(r.author, Some(OneOrMany(vec!["sn".into(), "ra".into()])));
        assert_eq!(r.tags, Some(OneOrMany(vec!["haji".into()])));
        assert_eq!(r.date.as_deref(), Some("2023-05-15"));
    }

    #[test]
    fn a_map_where_a_list_belongs_is_explained() {
        let e = parse_release("tags:\n  haji: zakat\n").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("tags"));
        assert!(e.message.contains("a value or a list of values"), "{}", e.message);
    }

    #[test]
    fn a_map_where_text_belongs_is_an_error() {
        let e = parse_release("title:\n  a: b\n").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("title"));
    }
}
