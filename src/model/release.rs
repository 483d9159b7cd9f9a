//! One release: its raw front matter checked field by field against the config, its body
//! rendered to HTML. Every problem in a file is reported, not just the first.

use crate::channels::{self, Channel};
use crate::config::{Config, PermalinkValues};
use crate::date::{self, Timestamp};
use crate::error::ContentError;
use crate::front_matter::{self, Document, RawPage, RawRelease};
use crate::load::{Asset, SourceFile};
use crate::markdown;
use crate::model::names;
use crate::photos::{PhotoSet, Role, SocialImage};
use crate::slug::{is_safe_segment, slugify};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The longest headline, in characters: long enough for any real one (they run to about 150),
/// short enough that every channel's caption can carry it.
pub const MAX_TITLE_CHARS: usize = 300;

/// How long a summary cut from the first paragraph may be, in characters.
pub const SUMMARY_CHARS: usize = 200;

/// A release of the site: its parse, shared (not copied) with the build cache's memo of
/// parses, and what the site gives it when it is assembled. Reads as its [`Parsed`] through
/// `Deref`: `release.title`.
#[derive(Debug, Clone)]
pub struct Release {
    pub parsed: std::sync::Arc<Parsed>,
    /// Where it stands at the build's moment; decided by `lib::parse`.
    pub publication: crate::model::Publication,
    /// The feed guid, from the pinned id or the ledger (set when the site is assembled).
    pub guid: String,
    /// Site paths the release had before, each kept alive as a redirect.
    pub former_paths: Vec<String>,
    /// The folder of its short link, `s/6q1dy/`, when `short_links:` is on (set when the site
    /// is assembled; [`crate::model::short`]).
    pub short_link: Option<String>,
}

impl Release {
    /// The release of `parsed` at `publication`, before the site gives it its identity.
    pub fn new(parsed: std::sync::Arc<Parsed>, publication: crate::model::Publication) -> Self {
        Release {
            parsed,
            publication,
            guid: String::new(),
            former_paths: Vec::new(),
            short_link: None,
        }
    }

    /// Its parse to change, copied first if another holds it (the memo of parses does): for
    /// tests that edit a site in memory; a build makes a new parse instead.
    pub fn parsed_mut(&mut self) -> &mut Parsed {
        std::sync::Arc::make_mut(&mut self.parsed)
    }
}

impl std::ops::Deref for Release {
    type Target = Parsed;

    fn deref(&self) -> &Parsed {
        &self.parsed
    }
}

/// A validated, rendered press release: a function of its file, its bundle's files, the
/// config and the `static/` photo its `image:` names, the same whatever the build's moment or
/// the rest of the site.
#[derive(Debug, Clone, Hash, serde::Serialize, serde::Deserialize)]
pub struct Parsed {
    /// Relative to the site's root: `content/2023/05/workshop.md`.
    pub source: PathBuf,
    pub title: String,
    pub date: Timestamp,
    pub updated: Option<Timestamp>,
    /// Initials, each a key of `authors`.
    pub authors: Vec<String>,
    /// The editor's initials typed after the writer's at the body's end ("ed" of "(sn/ed)"),
    /// as typed: the page prints them after the authors'.
    pub editors: Vec<String>,
    /// A key of `units`.
    pub unit: String,
    /// A key of `kinds` (`berita`, `pengumuman`…).
    pub kind: String,
    pub place: String,
    /// Display names, unique by slug, in the order written.
    pub tags: Vec<String>,
    /// `summary:`, else the first paragraph cut to [`SUMMARY_CHARS`] (with "…"): what pages'
    /// descriptions and feeds show.
    pub summary: String,
    /// What captions take their lead from: `summary:`, else the first paragraph whole, so that
    /// a caption can carry complete sentences of it rather than a summary cut mid-sentence.
    pub lead: String,
    pub image: Option<Image>,
    pub slug: String,
    /// The site path: `2023/05/workshop/`.
    pub path: String,
    /// The body, most of a release's size. Not in its encoding: the build cache keeps the
    /// bodies of a shard of parses apart, as one text ([`crate::incremental`]).
    #[serde(skip)]
    pub html: crate::model::Html,
    pub words: usize,
    /// The files beside the page in the source: photos are published through `photos`, every
    /// other file as it is ([`Parsed::copied`]).
    pub bundle: Vec<Asset>,
    /// The symbolic links beside it, not published ([`crate::load::SourceFile::links`]).
    pub links: Vec<String>,
    /// The photos of the bundle warta publishes in sizes, gallery order first.
    pub photos: Vec<crate::photos::PhotoSet>,
    /// What a shared link of the release shows.
    pub social_image: crate::photos::SocialImage,
    /// `draft: true`, or a body that is still the text `warta new` wrote ([`Parsed::unwritten`]).
    pub draft: bool,
    /// The warning that the body is still the text `warta new` wrote, which holds the release
    /// back as a draft is: printed whether or not the build shows drafts.
    pub unwritten: Option<ContentError>,
    /// When it leaves the site (`expires:`), always after `date`.
    pub expires: Option<Timestamp>,
    /// The permanent id pinned in front matter (`id:`), if any.
    pub pinned_id: Option<String>,
    /// Captions written by hand, by channel key (`x`, `facebook`, ...).
    pub social: BTreeMap<String, String>,
    /// What warta tidied in the file and the writer should know about (a dateline typed twice,
    /// tags written as one text): printed by the build, never fatal.
    pub warnings: Vec<ContentError>,
    /// Links and images of the body to files of the site, at their line in the file; checked
    /// against every file the site has once all releases are read.
    pub references: Vec<markdown::Reference>,
    /// How many videos the body embeds.
    pub videos: usize,
    /// Corrections made after publication, newest first (`corrections:`).
    pub corrections: Vec<Correction>,
    /// `withdrawn:`: the release is withdrawn, with the reason.
    pub withdrawn: Option<Withdrawal>,
    /// Moments that must not be after the build that publishes the release (a correction's, a
    /// withdrawal's, `updated`): checked by every build at its own moment ([`Parsed::after`]),
    /// since a parse is kept between builds.
    pub not_after_build: Vec<Later>,
    /// The fingerprint of what it was parsed from: its file, its bundle's files, the config and
    /// the `static/` photo its `image:` names ([`StaticPhotos::key`]; set by `lib::parse`). A
    /// release is a function of these, so two parses with one key are equal, and an incremental
    /// build compares keys instead of whole releases.
    pub key: crate::fingerprint::Fp,
    /// The fingerprint of its file, its bundle's files and the config alone: what a build finds
    /// the parse of an unchanged file by, before it knows which `static/` photo it names.
    pub file_key: crate::fingerprint::Fp,
    /// What the site-wide files need of the text, worked out with the parse (and kept with it
    /// in the build cache), so that an edit of one release does not make every other release's
    /// body be read again: its terms for the search index, and the SHA-256 of its canonical
    /// text (`trust::canonical_text`, hex) for the signed manifest.
    pub terms: std::sync::Arc<crate::search::Terms>,
    pub text_sha256: String,
}

/// Documents a release may carry beside it, listed under it as attachments ("Lampiran").
pub const ATTACHMENT_TYPES: [&str; 11] =
    ["pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "csv"];

impl Parsed {
    /// Its state at the build's moment `now` ([`Publication::at`]).
    pub fn publication_at(
        &self,
        now: chrono::DateTime<chrono::FixedOffset>,
    ) -> crate::model::Publication {
        let withdrawn = self.withdrawn.as_ref().map(|w| w.date);
        crate::model::Publication::at(self.draft, self.date, self.expires, withdrawn, now)
    }

    /// The errors of its moments ([`Parsed::not_after_build`]) that would stop a build: once
    /// it is published, those after the build's `now` (a year mistyped, most often); before,
    /// those after its own date, which would stop the build that publishes it (stop 74: that
    /// build failed, unattended, while every build before it had passed).
    pub fn after(
        &self,
        now: chrono::DateTime<chrono::FixedOffset>,
    ) -> impl Iterator<Item = ContentError> + '_ {
        let due = self.date.at <= now;
        let limit = if due { now } else { self.date.at };
        self.not_after_build.iter().filter(move |l| l.at.at > limit).map(move |l| match due {
            true => l.error(format!("is after this build; {}", l.kind.published())),
            false => l.error(format!(
                "is after the release's date {}, so the build that publishes it would stop on \
                 it; {}",
                self.date.iso(),
                l.kind.unpublished()
            )),
        })
    }

    /// The files of the bundle published as they are: all but the photos made into sizes.
    pub fn copied(&self) -> impl Iterator<Item = &Asset> {
        self.bundle
            .iter()
            .filter(|a| !self.photos.iter().any(|p| !p.from_static && p.name == a.name))
    }

    /// The release's own photo, when it is one of the bundle's published in sizes.
    pub fn main_photo(&self) -> Option<&crate::photos::PhotoSet> {
        self.photos.iter().find(|p| p.role == crate::photos::Role::Main)
    }

    /// Whether the release's photo is too small to be a shared link's picture
    /// ([`crate::photos::MIN_SHARED`]): the page shows it, but shared links, the feeds and the
    /// JSON-LD's `image` leave it out, as the build warned.
    pub fn photo_too_small_to_share(&self) -> bool {
        match (self.main_photo(), self.image.as_ref().map(|i| &i.source)) {
            (Some(set), _) => too_small_to_share(set.info.width, set.info.height),
            (None, Some(ImageSource::Bundled { dimensions: Some((w, h)), .. })) => {
                too_small_to_share(*w, *h)
            }
            _ => false,
        }
    }

    /// The photos of the gallery under the release, in order.
    pub fn gallery(&self) -> impl Iterator<Item = &crate::photos::PhotoSet> {
        self.photos.iter().filter(|p| p.role == crate::photos::Role::Gallery)
    }

    /// The documents of the bundle, in file-name order, with their type (`PDF`, `DOCX`).
    pub fn attachments(&self) -> impl Iterator<Item = (&Asset, String)> {
        self.bundle.iter().filter_map(|a| {
            let ext = a.name.rsplit_once('.')?.1.to_ascii_lowercase();
            ATTACHMENT_TYPES.contains(&ext.as_str()).then(|| (a, ext.to_ascii_uppercase()))
        })
    }
}

/// A correction of a release, made in the open.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Correction {
    pub date: Timestamp,
    /// What was corrected, as the writer put it.
    pub note: String,
    /// A typo: shown on the page, not announced in feeds.
    pub minor: bool,
}

/// A moment of a release that must not be after the build that publishes it
/// ([`Parsed::after`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Later {
    pub at: Timestamp,
    pub kind: LaterKind,
    /// The error at its field, its message the moment as written in it
    /// (`corrections.0.date: 2025-01-06T10:00:00+08:00`), the reason yet to follow.
    subject: ContentError,
}

impl Later {
    fn error(&self, reason: String) -> ContentError {
        let mut e = self.subject.clone();
        e.message = format!("{} {reason}", e.message);
        e
    }
}

/// Whose moment a [`Later`] is, which says what to write instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum LaterKind {
    Updated,
    Correction,
    Withdrawal,
}

impl LaterKind {
    /// What to write when the release is published.
    fn published(self) -> &'static str {
        match self {
            LaterKind::Updated => {
                "'updated' says when the release was last changed: write that date, today's or \
                 earlier (a date mistyped?)"
            }
            LaterKind::Correction => {
                "a correction is dated when it was made: write that date and time, today's or \
                 earlier (a date mistyped?)"
            }
            LaterKind::Withdrawal => {
                "a withdrawal takes the release off every list from the build that reads it, and \
                 its page says it was withdrawn then: write today's date (a date mistyped?), or, \
                 for a release to leave the site at a later date, write expires: with that date \
                 instead"
            }
        }
    }

    /// What to write while the release waits for its date.
    fn unpublished(self) -> &'static str {
        match self {
            LaterKind::Updated => {
                "'updated' says when the release was last changed after it was published: \
                 remove it until then"
            }
            LaterKind::Correction => {
                "a release not yet published has nothing to correct: make the change in its \
                 text and remove the correction"
            }
            LaterKind::Withdrawal => {
                "to keep it from being published, write draft: true instead; for it to leave \
                 the site at a later date, write expires: with that date"
            }
        }
    }
}

/// Why and when a release was withdrawn.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Withdrawal {
    pub date: Timestamp,
    pub reason: String,
}

/// A release's main photo.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Image {
    pub source: ImageSource,
    pub alt: String,
    pub caption: Option<String>,
    /// `image_credit`, or the photo's own credit: `Foto: Humas Bali`.
    pub credit: Option<String>,
    /// The line of the `image:` field, for errors found once the whole site is read.
    pub line: Option<usize>,
}

/// Where a photo lives.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ImageSource {
    /// A file of the release's bundle, at this site path, with what warta read of it.
    Bundled { name: String, path: String, len: u64, dimensions: Option<(u32, u32)> },
    /// A site path given as `/img/x.jpg`.
    Site(String),
    /// An absolute URL.
    Remote(String),
}

/// A standalone page (about, contact).
#[derive(Debug, Clone, Hash)]
pub struct Page {
    pub source: PathBuf,
    pub title: String,
    pub slug: String,
    /// The site path: `tentang/`.
    pub path: String,
    pub html: String,
    pub draft: bool,
    /// Links and images of the body to files of the site, at their line in the file.
    pub references: Vec<markdown::Reference>,
    /// Former addresses (`aliases:`), as site paths ([`crate::links::alias_path`]): each a
    /// page that redirects here, so a renamed page's old links still lead to it.
    pub aliases: Vec<String>,
    /// The line of `aliases:` in the file, for an error about one of them.
    pub aliases_line: Option<usize>,
    /// What the build says of the body, never fatal: the raw HTML the sanitiser left out (a
    /// map pasted as a frame on a contact page), at its line.
    pub warnings: Vec<ContentError>,
}

/// Collects a file's errors, each at the line of its field.
struct Problems<'a> {
    path: &'a Path,
    doc: Document<'a>,
    errors: Vec<ContentError>,
    /// What was read in good faith but should be written otherwise.
    warnings: Vec<ContentError>,
    /// See [`Parsed::not_after_build`].
    not_after_build: Vec<Later>,
}

impl<'a> Problems<'a> {
    /// None yet, for the file at `path`.
    fn new(path: &'a Path, doc: Document<'a>) -> Problems<'a> {
        Problems {
            path,
            doc,
            errors: Vec::new(),
            warnings: Vec::new(),
            not_after_build: Vec::new(),
        }
    }

    fn field(&mut self, field: &str, message: impl Into<String>) {
        let e = self.at_field(field, message.into());
        self.errors.push(e);
    }

    /// `field`'s moment `at`, written as `subject`, an error in a build before it.
    fn not_after_build(&mut self, field: &str, at: Timestamp, kind: LaterKind, subject: String) {
        let subject = self.at_field(field, subject);
        self.not_after_build.push(Later { at, kind, subject });
    }

    fn warn(&mut self, field: &str, message: impl Into<String>) {
        let w = self.at_field(field, message.into());
        self.warnings.push(w);
    }

    fn at_field(&self, field: &str, message: String) -> ContentError {
        let line = front_matter::key_line(self.doc.front, field, self.doc.front_line).or(Some(1));
        ContentError::new(self.path, message).at_line(line).field(field)
    }
}

/// Values typed as one text with commas (`tags: haji, zakat`) or semicolons (`haji; zakat`, as
/// a spreadsheet set to Indonesian separates them: found by use, stop 75, one topic "haji;
/// umroh") split into the list they mean, with the warning that shows the list form; `noun` is
/// the plural, "tags". Quotes typed around a value of such a text, or before it alone (`haji,
/// "umroh`), are no part of it: YAML reads them as the text's letters, and the tag was
/// `"umroh`, quote and all (stop 71).
fn split_commas(field: &str, noun: &str, items: &[String]) -> (Vec<String>, Option<String>) {
    const SEPARATORS: [char; 2] = [',', ';'];
    let Some(first) = items.iter().find(|i| i.contains(SEPARATORS)) else {
        return (items.to_vec(), None);
    };
    let quotes = ['"', '\'', '“', '”', '‘', '’'];
    let out: Vec<String> = items
        .iter()
        .flat_map(|i| i.split(SEPARATORS))
        .map(|i| i.trim().trim_matches(quotes).trim())
        .filter(|i| !i.is_empty())
        .map(str::to_string)
        .collect();
    let parts = first.split(SEPARATORS).filter(|p| !p.trim().is_empty()).count();
    let listed: Vec<String> = out
        .iter()
        .map(|i| {
            let special = i.contains([':', '#', '[', ']', '{', '}', '"', '\'', '&', '*', '!', '|'])
                || i.starts_with(['-', '?', '>', '%', '@', '`']);
            if special {
                serde_json::to_string(i).unwrap_or_else(|_| i.clone())
            } else {
                i.clone()
            }
        })
        .collect();
    let message = format!(
        "read {first:?} as {parts} {noun}; write them as a list: {field}: [{}]",
        listed.join(", ")
    );
    (out, Some(message))
}

/// The 1-based line of the file where the body starts: after the closing fence.
fn body_first_line(doc: &Document<'_>) -> usize {
    doc.front_line + doc.front.matches('\n').count() + 1
}

/// The front matter of `file`, when it has one ([`front_matter::split`]).
pub fn split_front(file: &SourceFile) -> Option<&str> {
    front_matter::split(&file.text).ok().map(|doc| doc.front)
}

fn split(file: &SourceFile) -> Result<Document<'_>, Vec<ContentError>> {
    front_matter::split(&file.text)
        .map_err(|e| vec![ContentError::new(&file.path, e.message).at_line(Some(e.line))])
}

/// Every mistake of a front matter that does not parse, not only the first the parser stops
/// at ([`crate::yaml::recover`]). When the rest parses, `check` (the file's own validation,
/// which must not recover again) checks it, and what it finds is told too, but for what it
/// says of the fields set aside. A writer who pasted three fields wrong sees the three at once.
fn yaml_errors<T, U>(
    file: &SourceFile,
    doc: &Document<'_>,
    first: crate::yaml::YamlError,
    parse: impl Fn(&str) -> Result<T, crate::yaml::YamlError>,
    check: impl FnOnce(&SourceFile) -> Result<U, Vec<ContentError>>,
) -> Vec<ContentError> {
    let found = crate::yaml::recover(doc.front, first, parse);
    let mut errors: Vec<ContentError> =
        found.errors.iter().flat_map(|e| yaml_error(file, doc, e.clone())).collect();
    if found.more {
        let more = "more mistakes may follow in this front matter: fix these and build again";
        errors.push(ContentError::new(&file.path, more));
    }
    // The file with the fields set aside, checked as a file is.
    let start = (doc.front.as_ptr() as usize).wrapping_sub(file.text.as_ptr() as usize);
    let whole = |front: &str| {
        let end = start.checked_add(doc.front.len())?;
        (file.text.get(start..end)? == doc.front)
            .then(|| format!("{}{front}{}", &file.text[..start], &file.text[end..]))
    };
    if let Some(text) = found.rest.as_deref().and_then(whole) {
        if let Err(more) = check(&SourceFile { text, ..file.clone() }) {
            errors.extend(more.into_iter().filter(|e| found.is_own(doc.front, e.field.as_deref())));
            errors.sort_by_key(|e| e.line);
        }
    }
    errors
}

fn yaml_error(
    file: &SourceFile,
    doc: &Document<'_>,
    e: crate::yaml::YamlError,
) -> Vec<ContentError> {
    // A top-level field's own line is surer than where the parser gave up inside its value: the
    // last `key:` up to the parser's line (a repeated key is blamed where it repeats). Not
    // than a line a hint found the mistake on ([`crate::yaml::YamlError::exact`]).
    let key = e.field.as_deref().filter(|f| !f.contains('.') && !e.exact);
    let upto: String = doc.front.split_inclusive('\n').take(e.line.unwrap_or(usize::MAX)).collect();
    let line = key
        .and_then(|k| {
            let lines: Vec<&str> = upto.lines().collect();
            let last = lines.iter().rposition(|l| front_matter::key_line(l, k, 1).is_some())?;
            Some(last + doc.front_line)
        })
        .or(e.line.map(|l| l + doc.front_line - 1));
    let mut err = ContentError::new(&file.path, e.message).at_line(line);
    err.field = e.field;
    vec![err]
}

/// Validates and renders one release file.
pub fn release(
    config: &Config,
    file: &SourceFile,
    statics: &StaticPhotos<'_>,
) -> Result<Parsed, Vec<ContentError>> {
    checked_release(config, file, statics, true)
}

/// [`release`]; with `recover`, a front matter that does not parse has all its mistakes told
/// ([`yaml_errors`]), else only the first.
fn checked_release(
    config: &Config,
    file: &SourceFile,
    statics: &StaticPhotos<'_>,
    recover: bool,
) -> Result<Parsed, Vec<ContentError>> {
    check_size(config, file)?;
    let doc = split(file)?;
    let raw = front_matter::parse_release(doc.front).map_err(|e| match recover {
        true => yaml_errors(file, &doc, e, front_matter::parse_release, |rest| {
            checked_release(config, rest, statics, false)
        }),
        false => yaml_error(file, &doc, e),
    })?;
    let mut p = Problems::new(&file.path, doc);
    let title = required(
        &mut p,
        "title",
        raw.title.as_deref(),
        "a title, e.g. title: Workshop Media Sosial",
    )
    .filter(|t| {
        let chars = t.chars().count();
        let fits = chars <= MAX_TITLE_CHARS;
        if !fits {
            p.field(
                "title",
                format!(
                    "is {chars} characters long; a headline has at most {MAX_TITLE_CHARS}: \
                     put the rest in the first paragraph or in 'summary:'"
                ),
            );
        }
        fits
    });
    let date = raw.date.as_deref().map(|d| parse_date(&mut p, "date", d, config));
    if raw.date.is_none() {
        p.field("date", "required field is missing; e.g. date: 2023-05-15");
    }
    let updated = raw.updated.as_deref().and_then(|d| parse_date(&mut p, "updated", d, config));
    // `updated` says when the published release last changed: after its date, not after the
    // build (found by helper-30, stop 66: both were accepted, and printed as they were).
    if let (Some(Some(date)), Some(at)) = (date, updated) {
        if at < date {
            let message = format!(
                "{} is before the release's date {}; 'updated' says when the release was last \
                 changed after it was published: fix the date or remove 'updated'",
                at.iso(),
                date.iso()
            );
            p.field("updated", message);
        }
    }
    if let Some(at) = updated {
        p.not_after_build("updated", at, LaterKind::Updated, at.iso());
    }
    let expires = raw.expires.as_deref().and_then(|d| parse_date(&mut p, "expires", d, config));
    if let (Some(Some(date)), Some(end)) = (date, expires) {
        if end <= date {
            let message = format!(
                "{} is not after the release's date {}; a release can only leave the site after \
                 it was published: fix the date or remove 'expires'",
                end.iso(),
                date.iso()
            );
            p.field("expires", message);
        }
    }
    let corrections = corrections(&mut p, config, &raw, date.flatten());
    let withdrawn = withdrawal(&mut p, config, &raw, date.flatten());
    // The page says when it last changed: at its newest correction, if that is later.
    let updated = updated.into_iter().chain(corrections.first().map(|c| c.date)).max();
    let authors = authors(&mut p, config, &raw);
    let writers: Vec<String> =
        authors.iter().map(|a| config.authors.get(a).cloned().unwrap_or_default()).collect();
    let unit = unit(&mut p, config, raw.unit.as_deref());
    let kind = kind(&mut p, config, raw.kind.as_deref());
    let tags = tags(&mut p, &raw, config.max_tags);
    let slug = slug(&mut p, raw.slug.as_deref(), &file.path);
    let pinned_id = pinned_id(&mut p, raw.id.as_deref());
    let social = social(&mut p, raw.social.as_ref());
    if !p.errors.is_empty() {
        return Err(p.errors);
    }
    let (Some(title), Some(Some(date)), Some(unit), Some(slug)) = (title, date, unit, slug) else {
        return Err(p.errors);
    };
    let u = &config.units[&unit];
    let place_set = raw.place.as_deref().is_some_and(|p| !p.trim().is_empty());
    let place = raw
        .place
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(&u.place)
        .to_string();
    let path = config.permalink.expand(&PermalinkValues {
        year: date.year(),
        month: date.month(),
        day: chrono::Datelike::day(&date.date()),
        slug: &slug,
        unit: &unit,
    });
    let image = image(&mut p, &raw, (&file.bundle, &file.links), &path, &title);
    if !p.errors.is_empty() {
        return Err(p.errors);
    }
    if let Some(a) = file.bundle.iter().find(|a| a.name == "index.html") {
        p.errors.push(ContentError::new(
            &file.path,
            format!("the bundle has a file '{}' that would replace the page; rename it", a.name),
        ));
        return Err(p.errors);
    }
    let page_path = config.link(&path);
    let mut photos = photo_sets(&mut p, config, &file.path, &file.bundle, &path);
    let from_static = static_photo(&mut p, config, statics, image.as_ref(), &photos);
    let main = match (&image, &from_static) {
        (_, Some(set)) => Some(set.name.clone()),
        (Some(Image { source: ImageSource::Bundled { name, .. }, .. }), None) => Some(name.clone()),
        _ => None,
    };
    photos.extend(from_static);
    if !p.errors.is_empty() {
        return Err(p.errors);
    }
    let pictures_of = |photos: &[PhotoSet]| -> markdown::Pictures {
        photos.iter().map(|set| (set.site_path(&path), picture(config, set))).collect()
    };
    let hashtags: Vec<String> = config.hashtags.iter().chain(&u.hashtags).cloned().collect();
    let render_body = |pictures: &markdown::Pictures| {
        markdown::render(
            doc.body,
            &markdown::Context {
                dateline: Some(markdown::OwnDateline {
                    place: &place,
                    short: &u.short,
                    name: &u.name,
                    place_set,
                }),
                base_path: &config.base_path,
                page_path: &page_path,
                signature: &authors,
                writers: &writers,
                first_line: body_first_line(&doc),
                pictures: Some(pictures),
                title: Some(&title),
                raw_html: config.unsafe_html,
                hashtags: &hashtags,
            },
        )
    };
    let mut body = render_body(&pictures_of(&photos));
    // The photos of `static/` the body shows are published in sizes too, as the release's own
    // are: known once the body is read, which then is read again to show them so.
    let shown = static_photos_shown(config, statics, &body.references, &photos);
    if !shown.is_empty() {
        photos.extend(shown);
        body = render_body(&pictures_of(&photos));
    }
    // The place of a dateline typed with the unit's, when 'place:' names none.
    let place = body.place.take().unwrap_or(place);
    // Reported with the errors of the photos, which follow: all of a file's at once.
    p.errors.extend(local_file_errors(&file.path, &body.local_files, false));
    let social_image =
        media(&mut p, &raw, config, &path, main.as_deref(), image.as_ref(), &body, &mut photos);
    if !p.errors.is_empty() {
        return Err(p.errors);
    }
    let mut warnings = std::mem::take(&mut p.warnings);
    warnings.extend(
        body.notes.iter().map(|n| ContentError::new(&file.path, &n.message).at_line(Some(n.line))),
    );
    // The text `warta new` wrote, not replaced yet: held back, as a draft is.
    let draft = raw.draft.unwrap_or(false);
    let unwritten = doc.body.find(crate::scaffold::PLACEHOLDER).filter(|_| !draft).map(|at| {
        let line = body_first_line(&doc) + doc.body[..at].matches('\n').count();
        let message = format!(
            "the body is still the text `warta new` wrote (\"{}\"); the release is held back, \
             as a draft is, until you write it",
            crate::scaffold::PLACEHOLDER
        );
        ContentError::new(&file.path, message).at_line(Some(line))
    });
    // No text at all (a front matter and nothing, or only a dateline and initials): held back
    // the same way (found by helper-33, stop 67: published and cross-posted as a title alone).
    let empty = body.words == 0 && body.videos == 0 && body.references.is_empty();
    let unwritten = unwritten.or_else(|| {
        (empty && !draft).then(|| {
            let message = "the release has no text yet; it is held back, as a draft is, until \
                           you write it under the front matter";
            ContentError::new(&file.path, message).at_line(Some(body_first_line(&doc)))
        })
    });
    let (summary, lead) = match raw.summary.as_deref().map(markdown::collapse_whitespace) {
        Some(s) if !s.is_empty() => (s.clone(), s),
        _ => (
            markdown::truncate_words(&body.first_paragraph, SUMMARY_CHARS),
            body.first_paragraph.clone(),
        ),
    };
    let mut release = Parsed {
        source: file.path.clone(),
        title,
        date,
        updated,
        authors,
        editors: body.editors,
        unit,
        kind,
        place,
        tags,
        summary,
        lead,
        image,
        slug,
        path,
        html: body_html(config, body.html, body.needs_sanitizing).into(),
        words: body.words,
        bundle: file.bundle.clone(),
        links: file.links.clone(),
        photos,
        social_image,
        draft: draft || unwritten.is_some(),
        unwritten,
        expires,
        pinned_id,
        social,
        corrections,
        withdrawn,
        warnings,
        not_after_build: std::mem::take(&mut p.not_after_build),
        references: body.references,
        videos: body.videos,
        key: crate::fingerprint::Fp::default(),
        file_key: crate::fingerprint::Fp::default(),
        terms: Default::default(),
        text_sha256: String::new(),
    };
    let body_text = crate::render::search::plain(&release.html);
    release.terms = crate::render::search::terms(config, &release, &body_text).into();
    release.text_sha256 = crate::trust::manifest::sha256_hex(&crate::trust::canonical_text_of(
        config, &release, &body_text,
    ));
    check_custom_captions(&mut p, config, &release);
    if p.errors.is_empty() {
        Ok(release)
    } else {
        Err(p.errors)
    }
}

/// A caption written by hand must fit its channel as well as a generated one does. With short
/// links, the codes are not known yet (they are given when the site is assembled): the caption
/// is measured with the longest code to expect.
fn check_custom_captions(p: &mut Problems<'_>, config: &Config, release: &Parsed) {
    for (key, text) in &release.social {
        let Some(channel) = Channel::from_key(key) else { continue };
        let r = release;
        let link = if config.short_links {
            let short = crate::model::short::longest_expected();
            crate::model::short::channel_link(&config.absolute(&short), channel)
        } else {
            config.share_link(&r.path, &r.unit, &r.slug, r.date.year(), channel.key())
        };
        let length = channels::measure(channel, &channels::with_link(text, &link));
        if let Some(limit) = channel.limit().filter(|&l| length > l) {
            let line = front_matter::key_line(p.doc.front, "social", p.doc.front_line);
            let message = format!(
                "{} characters as {} counts them (with the link); the limit is {limit}",
                length,
                channel.label()
            );
            p.errors.push(
                ContentError::new(p.path, message).at_line(line).field(format!("social.{key}")),
            );
        }
    }
}

fn pinned_id(p: &mut Problems<'_>, raw: Option<&str>) -> Option<String> {
    let id = raw?.trim();
    // The ledger is a text file whose lines starting with '#' are comments: such an id would
    // be forgotten there (found by ledger::tests::read_back).
    if id.is_empty()
        || id.starts_with('#')
        || id.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        p.field(
            "id",
            format!(
                "expected a permanent id without spaces, not starting with '#', like kanwil-bali-2023-001, got {id:?}"
            ),
        );
        return None;
    }
    Some(id.to_string())
}

fn social(
    p: &mut Problems<'_>,
    raw: Option<&BTreeMap<String, String>>,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (channel, text) in raw.into_iter().flatten() {
        if Channel::from_key(channel).is_none() {
            let known = Channel::ALL.map(|c| c.key()).join(", ");
            p.field("social", format!("unknown channel {channel:?}; the channels are {known}"));
        } else if !text.trim().is_empty() {
            out.insert(channel.clone(), text.trim().to_string());
        }
    }
    out
}

/// Validates and renders one standalone page.
pub fn page(config: &Config, file: &SourceFile) -> Result<Page, Vec<ContentError>> {
    checked_page(config, file, true)
}

/// [`page`]; `recover` as for [`checked_release`].
fn checked_page(
    config: &Config,
    file: &SourceFile,
    recover: bool,
) -> Result<Page, Vec<ContentError>> {
    let doc = split(file)?;
    let raw: RawPage = front_matter::parse_page(doc.front).map_err(|e| match recover {
        true => yaml_errors(file, &doc, e, front_matter::parse_page, |rest| {
            checked_page(config, rest, false)
        }),
        false => yaml_error(file, &doc, e),
    })?;
    let mut p = Problems::new(&file.path, doc);
    let title =
        required(&mut p, "title", raw.title.as_deref(), "a title, e.g. title: Tentang Kami");
    let slug = slug(&mut p, raw.slug.as_deref(), &file.path);
    if let Some(s) = slug.as_deref().filter(|s| RESERVED.contains(s)) {
        p.field("slug", format!("'{s}' is used by warta's own pages; choose another slug"));
    }
    let mut aliases = Vec::new();
    for alias in raw.aliases.map(|a| a.0).unwrap_or_default() {
        match crate::links::alias_path(&alias, &config.base_url, &config.base_path) {
            Ok(a) if slug.as_deref().is_some_and(|s| a == format!("{s}/")) => p.field(
                "aliases",
                format!("{alias:?} is the page's own address; list only its former addresses"),
            ),
            Ok(a) if !aliases.contains(&a) => aliases.push(a),
            Ok(_) => {}
            Err(message) => p.field("aliases", message),
        }
    }
    let aliases_line = front_matter::key_line(p.doc.front, "aliases", p.doc.front_line);
    let (Some(title), Some(slug), true) = (title, slug, p.errors.is_empty()) else {
        return Err(p.errors);
    };
    let path = format!("{slug}/");
    let page_path = config.link(&path);
    let body = markdown::render(
        doc.body,
        &markdown::Context {
            dateline: None,
            base_path: &config.base_path,
            page_path: &page_path,
            signature: &[],
            writers: &[],
            first_line: body_first_line(&p.doc),
            pictures: None,
            title: Some(&title),
            raw_html: config.unsafe_html,
            hashtags: &config.hashtags,
        },
    );
    if !body.local_files.is_empty() {
        return Err(local_file_errors(&file.path, &body.local_files, true));
    }
    Ok(Page {
        source: file.path.clone(),
        title,
        slug,
        path,
        html: body_html(config, body.html, body.needs_sanitizing),
        draft: raw.draft.unwrap_or(false),
        references: body.references,
        aliases,
        aliases_line,
        warnings: body
            .notes
            .iter()
            .map(|n| ContentError::new(&file.path, &n.message).at_line(Some(n.line)))
            .collect(),
    })
}

/// The errors of a body's images and links to files on the writer's computer
/// ([`markdown::LocalFile`]), in the file `source`, a page's when `page`: each says where the
/// file goes in the site and what to write then.
fn local_file_errors(
    source: &Path,
    files: &[markdown::LocalFile],
    page: bool,
) -> Vec<ContentError> {
    let folder = source.parent().unwrap_or(Path::new(""));
    let bundle = source.file_name().is_some_and(|n| n == "index.md");
    files
        .iter()
        .map(|f| {
            let what = if f.image { "image" } else { "link" };
            if let Some(service) = f.service {
                let message = format!(
                    "the image \"{}\" is a page of {service} that shows the photo, not the \
                     photo, and the page would show it broken: download the photo and {}",
                    f.written,
                    if page {
                        "put it in the site's static/ folder (static/img/)"
                    } else {
                        "put it beside the release"
                    }
                );
                return ContentError::new(source, message).at_line(Some(f.line));
            }
            let name = if f.name.is_empty() { "the file" } else { f.name.as_str() };
            let place = if page {
                format!(
                    "copy {name} into the site's static/ folder (static/img/) and write its \
                     address from the site's root: (/img/{})",
                    f.name
                )
            } else if bundle {
                format!(
                    "copy {name} into {}/, beside index.md, and write only its name: ({})",
                    folder.display(),
                    f.name
                )
            } else {
                let stem = source.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default();
                format!(
                    "a release's photos and files go in a folder of its own; move {} to \
                     {}/index.md, copy {name} beside it, and write only its name: ({})",
                    source.display(),
                    folder.join(&*stem).display(),
                    f.name
                )
            };
            // Quoted as written: Debug would double every backslash of a Windows path.
            let message = format!(
                "the {what} \"{}\" is a file on the writer's computer, which no reader of the site can \
                 open: {place}",
                f.written
            );
            ContentError::new(source, message).at_line(Some(f.line))
        })
        .collect()
}

/// The body as it goes into pages and feeds: sanitised when the writer put markup in it that
/// only the sanitiser may judge, unless the site allows raw HTML.
fn body_html(config: &Config, html: String, needs_sanitizing: bool) -> String {
    if config.unsafe_html || !needs_sanitizing {
        html
    } else {
        markdown::sanitize(&html)
    }
}

/// First path segments warta writes itself; a page may not take them.
pub const RESERVED: [&str; 11] =
    ["tag", "unit", "jenis", "arsip", "page", "feeds", "css", "img", "js", "ralat", "cek"];

/// A required text field (a title): whitespace collapsed, and invisible characters that reorder
/// text ([`crate::encoding::is_hidden_format`]) removed with a warning.
fn required(
    p: &mut Problems<'_>,
    field: &str,
    value: Option<&str>,
    example: &str,
) -> Option<String> {
    let value = value.map(|v| {
        let (text, hidden) = crate::encoding::strip_hidden_format(v);
        if let Some(c) = hidden {
            p.warn(
                field,
                format!(
                    "removed invisible characters that change how text reads (the first is \
                     U+{:04X}); pages, feeds and captions show it without them",
                    u32::from(c)
                ),
            );
        }
        markdown::collapse_whitespace(&text)
    });
    match value {
        Some(v) if !v.is_empty() => Some(v),
        Some(_) => {
            p.field(field, format!("must not be empty; expected {example}"));
            None
        }
        // `title:` with nothing after it (a comment, as `warta new` leaves it when the text it
        // imports has no headline) is no value to YAML: it is there, and empty (found by use,
        // stop 75: "required field is missing" on the line that held it).
        None if front_matter::key_line(p.doc.front, field, p.doc.front_line).is_some() => {
            p.field(field, format!("is empty; expected {example}"));
            None
        }
        None => {
            p.field(field, format!("required field is missing; expected {example}"));
            None
        }
    }
}

fn parse_date(p: &mut Problems<'_>, field: &str, text: &str, config: &Config) -> Option<Timestamp> {
    let parsed = Timestamp::parse(text, config.timezone);
    if parsed.is_none() {
        p.field(field, date::unreadable(text, config.timezone));
    }
    parsed
}

/// The date of an entry of `field` (`corrections.0`, `withdrawn`) at or after the release's
/// date `published`; `missing` says what to write when it is not given. Problems are reported
/// at the line of `key`, the top-level field.
fn dated_entry(
    p: &mut Problems<'_>,
    config: &Config,
    (key, field): (&str, &str),
    date: Option<&str>,
    (missing, kind): (&str, LaterKind),
    published: Option<Timestamp>,
) -> Option<Timestamp> {
    // `corrections.0.date`, or `date` of `withdrawn:`, which is its own field.
    let (within, date_field) = if field == key {
        (String::new(), "date".to_string())
    } else {
        (format!("{field}: "), format!("{field}.date"))
    };
    let Some(d) = date else {
        p.field(key, format!("{within}{missing}"));
        return None;
    };
    let Some(at) = Timestamp::parse(d, config.timezone) else {
        p.field(key, format!("{date_field}: {}", date::unreadable(d, config.timezone)));
        return None;
    };
    if let Some(published) = published.filter(|&published| at < published) {
        let message =
            format!("{date_field}: {} is before the release's date {}", at.iso(), published.iso());
        p.field(key, message);
    }
    p.not_after_build(key, at, kind, format!("{date_field}: {}", at.iso()));
    Some(at)
}

/// A text field of an entry (a note, a reason), whitespace collapsed; `missing` when empty.
fn entry_text(
    p: &mut Problems<'_>,
    (key, field): (&str, &str),
    text: Option<&str>,
    missing: &str,
) -> Option<String> {
    let text = text.map(markdown::collapse_whitespace).filter(|t| !t.is_empty());
    if text.is_none() {
        let within = if field == key { String::new() } else { format!("{field}: ") };
        p.field(key, format!("{within}{missing}"));
    }
    text
}

/// `corrections:`, newest first: each needs a date at or after the release's and a note.
fn corrections(
    p: &mut Problems<'_>,
    config: &Config,
    raw: &RawRelease,
    published: Option<Timestamp>,
) -> Vec<Correction> {
    let mut out = Vec::new();
    for (n, c) in raw.corrections.iter().flatten().enumerate() {
        let field = format!("corrections.{n}");
        let at = ("corrections", field.as_str());
        let missing = "give the date of the correction, e.g. date: 2023-05-16";
        let kind = LaterKind::Correction;
        let date = dated_entry(p, config, at, c.date.as_deref(), (missing, kind), published);
        let missing = "say what was corrected, e.g. note: \"Jumlah peserta 120, bukan 210\"";
        let note = entry_text(p, at, c.note.as_deref(), missing);
        if let Some(twin) =
            date.and_then(|d| out.iter().position(|k: &(usize, Correction)| k.1.date == d))
        {
            // A correction's moment is its identity: its guid in /ralat/feed.xml, which a
            // cross-posting service would take for the other's and never announce.
            let twin = out[twin].0;
            let day = date.map(|d| d.date().to_string()).unwrap_or_default();
            let message = format!(
                "{field}: it has the same date as corrections.{twin}; give each correction the \
                 time it was made, e.g. date: {day}T14:00"
            );
            p.field("corrections", message);
        }
        if let (Some(date), Some(note)) = (date, note) {
            out.push((n, Correction { date, note, minor: c.minor.unwrap_or(false) }));
        }
    }
    let mut out: Vec<Correction> = out.into_iter().map(|(_, k)| k).collect();
    out.sort_by_key(|c| std::cmp::Reverse(c.date));
    out
}

/// `withdrawn:`: a date at or after the release's and the reason readers are told.
fn withdrawal(
    p: &mut Problems<'_>,
    config: &Config,
    raw: &RawRelease,
    published: Option<Timestamp>,
) -> Option<Withdrawal> {
    let w = raw.withdrawn.as_ref()?;
    let at = ("withdrawn", "withdrawn");
    let missing = "give the date it was withdrawn, e.g. withdrawn: {date: 2023-05-20, reason: …}";
    let kind = LaterKind::Withdrawal;
    let date = dated_entry(p, config, at, w.date.as_deref(), (missing, kind), published);
    let missing = "give the reason readers are told, e.g. reason: \"jadwal kegiatan dibatalkan\"";
    let reason = entry_text(p, at, w.reason.as_deref(), missing);
    Some(Withdrawal { date: date?, reason: reason? })
}

fn authors(p: &mut Problems<'_>, config: &Config, raw: &RawRelease) -> Vec<String> {
    let Some(list) = &raw.author else {
        // The example is a writer of this site, so that copying it gives a release that builds.
        let message = match config.authors.keys().next() {
            Some(example) => format!(
                "required field is missing; expected the writer's initials, e.g. author: {example} (known: {})",
                known(&config.authors)
            ),
            None => "required field is missing; expected the writer's initials, e.g. author: sn, \
                     added under 'authors:' in site.yaml"
                .to_string(),
        };
        p.field("author", message);
        return Vec::new();
    };
    let (list, warning) = split_commas("author", "authors", &list.0);
    if let Some(w) = warning {
        p.warn("author", w);
    }
    let mut out: Vec<String> = Vec::new();
    for a in &list {
        let a = a.trim().to_lowercase();
        if !config.authors.contains_key(&a) {
            let named = config.authors.iter().find(|(_, name)| same_name(name, &a));
            let message = match named {
                Some((key, name)) => {
                    format!("unknown author {a:?}; {name} is {key}: write author: {key}")
                }
                None => format!(
                    "unknown author {a:?}; add it under 'authors:' in site.yaml (known: {})",
                    known(&config.authors)
                ),
            };
            p.field("author", message);
        } else if !out.contains(&a) {
            out.push(a);
        }
    }
    if list.is_empty() {
        p.field("author", "expected at least one author's initials");
    }
    out
}

fn unit(p: &mut Problems<'_>, config: &Config, raw: Option<&str>) -> Option<String> {
    let Some(key) = raw.map(str::trim) else {
        // The example is a unit of this site, so that copying it gives a release that builds
        // (site.yaml lists at least one: `config::parse` says so otherwise).
        let example = config.units.keys().next().map_or("", String::as_str);
        p.field(
            "unit",
            format!(
                "required field is missing; expected a unit key from site.yaml, e.g. unit: {example} (known: {})",
                known(&config.units)
            ),
        );
        return None;
    };
    // By its key, or a key it had before (found by use, stop 59: the units' key renamed in
    // site.yaml with its old one as an alias, as the README says, made every one of the unit's
    // 1,056 releases an error, each to be edited by hand).
    if let Some(u) = config.unit(key) {
        return Some(u.key.clone());
    }
    // The office's name where its key belongs, or its key in other capitals.
    let named = config
        .units
        .values()
        .find(|u| same_name(&u.name, key) || same_name(&u.short, key) || same_name(&u.key, key));
    let message = match named {
        Some(u) => format!("unknown unit {key:?}; that is unit {0}: write unit: {0}", u.key),
        None => format!(
            "unknown unit {key:?}; add it under 'units:' in site.yaml, or, if a unit had that \
             key before, under the unit's 'aliases:' (known: {})",
            known(&config.units)
        ),
    };
    p.field("unit", message);
    None
}

/// Whether `typed` is `name` but for capitals and spaces: how a writer types an office's or a
/// writer's name where site.yaml's key belongs.
fn same_name(name: &str, typed: &str) -> bool {
    let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    !name.trim().is_empty() && fold(name) == fold(typed)
}

/// The keys of a map of site.yaml (`units:`, `authors:`), as an error lists them: `a, b`.
fn known<V>(map: &BTreeMap<String, V>) -> String {
    map.keys().map(String::as_str).collect::<Vec<_>>().join(", ")
}

/// `kind:`, a key of `kinds:` in site.yaml; without it the first kind there (`berita`).
fn kind(p: &mut Problems<'_>, config: &Config, raw: Option<&str>) -> String {
    let first = &config.kinds[0].key;
    let Some(key) = raw.map(str::trim).filter(|k| !k.is_empty()) else {
        return first.clone();
    };
    let key = key.to_lowercase();
    if config.kinds.iter().any(|k| k.key == key) {
        return key;
    }
    let known = config.kinds.iter().map(|k| k.key.as_str()).collect::<Vec<_>>().join(", ");
    p.field(
        "kind",
        format!("unknown kind {key:?}; expected one of {known} (site.yaml's 'kinds:' lists them)"),
    );
    first.clone()
}

/// A release larger than `max_release_bytes` is refused before it is parsed: its text would be
/// copied into its page and up to a hundred feeds.
fn check_size(config: &Config, file: &SourceFile) -> Result<(), Vec<ContentError>> {
    let (len, max) = (file.text.len(), config.max_release_bytes);
    if len <= max {
        return Ok(());
    }
    let message = format!(
        "the file is {} bytes, more than the {max} bytes a release may have (max_release_bytes \
         in site.yaml); split it, move tables and documents into attachments beside it, or raise \
         max_release_bytes",
        len
    );
    Err(vec![ContentError::new(&file.path, message)])
}

fn tags(p: &mut Problems<'_>, raw: &RawRelease, max: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let (list, warning) = split_commas("tags", "tags", raw.tags.as_ref().map_or(&[][..], |t| &t.0));
    if let Some(w) = warning {
        p.warn("tags", w);
    }
    // Counted as written, before any work on them: 10,000 tags fail as fast as 51.
    if list.len() > max {
        p.field(
            "tags",
            format!(
                "{} tags, more than the {max} a release may have (max_tags in site.yaml); keep \
                 the few topics a reader would look for",
                list.len()
            ),
        );
        return out;
    }
    for tag in &list {
        let name = markdown::collapse_whitespace(tag);
        // `- haji` over `  - umroh`: YAML reads the indented dash as more of the item above.
        if let Some((first, rest)) = name.split_once(" - ") {
            p.warn(
                "tags",
                format!(
                    "read {name:?} as one tag; if it is two, line their dashes up, each at \
                     the start of its line: - {first} and - {rest}"
                ),
            );
        }
        let slug = slugify(&name);
        if slug.is_empty() {
            p.field("tags", format!("tag {tag:?} has no letter or digit"));
        } else if seen.insert(slug) {
            out.push(name);
        }
    }
    out
}

fn slug(p: &mut Problems<'_>, raw: Option<&str>, path: &Path) -> Option<String> {
    if let Some(s) = raw {
        let s = s.trim();
        if is_safe_segment(s) {
            return Some(s.to_string());
        }
        p.field("slug", format!("expected lowercase letters, digits and dashes, like 'workshop-media-sosial', got {s:?}"));
        return None;
    }
    let stem = match path.file_stem().and_then(|s| s.to_str()) {
        Some("index") => path.parent().and_then(|d| d.file_name()).and_then(|s| s.to_str()),
        other => other,
    };
    let slug = slugify(stem.unwrap_or(""));
    if slug.is_empty() {
        p.errors.push(
            ContentError::new(path, "cannot make a slug from the file name; add a 'slug:' field")
                .at_line(Some(1)),
        );
        return None;
    }
    Some(slug)
}

/// The photos of the bundle warta publishes in sizes, with their web sizes; a photo that cannot
/// be published (broken, not a photo, too large, a HEIC) or a video that holds the place it was
/// taken is an error naming its file.
fn photo_sets(
    p: &mut Problems<'_>,
    config: &Config,
    source: &Path,
    bundle: &[Asset],
    path: &str,
) -> Vec<PhotoSet> {
    let dir = source.parent().unwrap_or(Path::new(""));
    let settings = &config.photos;
    let mut sets = Vec::new();
    for a in bundle {
        if let Some(problem) = crate::photos::unpublishable(a) {
            p.errors.push(ContentError::new(dir.join(&a.name), problem));
            continue;
        }
        let Some(info) = &a.photo else { continue };
        let file = dir.join(&a.name);
        let info = match info {
            Ok(info) => info,
            Err(problem) => {
                p.errors.push(ContentError::new(file, format!("{problem}; replace or remove it")));
                continue;
            }
        };
        let pixels = u64::from(info.width) * u64::from(info.height);
        if pixels > settings.max_pixels {
            let message = format!(
                "is {} × {} pixels ({} megapixels); the limit is {} megapixels: make it smaller, \
                 or raise photos.max_megapixels in site.yaml",
                info.width,
                info.height,
                pixels.div_ceil(1_000_000),
                settings.max_pixels / 1_000_000
            );
            p.errors.push(ContentError::new(file, message));
            continue;
        }
        sets.push(PhotoSet {
            name: a.name.clone(),
            source: a.clone(),
            info: info.clone(),
            role: Role::Gallery,
            web: crate::photos::web_renditions(settings, path, &a.name, info),
            social: Vec::new(),
            caption: info.caption.clone(),
            credit: info.credit.clone(),
            from_static: false,
        });
    }
    sets
}

/// The photos of the site's `static/` that a release's `image:` may name (`/img/foto.jpg`), by
/// their path there. Such a photo is the release's own as one beside it is: published in web
/// sizes beside the release and cropped for its shared links, instead of in its own size (a
/// phone's photo of 5 to 20 MB on every page that shows it, and too large for X and Telegram).
#[derive(Debug, Default)]
pub struct StaticPhotos<'a>(std::collections::HashMap<&'a str, &'a Asset>);

impl<'a> StaticPhotos<'a> {
    /// The photos among the site's static files (those [`crate::load`] read as photos).
    pub fn new(site_static: &'a [Asset]) -> StaticPhotos<'a> {
        StaticPhotos(
            site_static
                .iter()
                .filter(|a| a.photo.is_some())
                .map(|a| (a.name.as_str(), a))
                .collect(),
        )
    }

    /// The photo `image` names, if it names one of them.
    pub fn named(&self, image: Option<&Image>) -> Option<&'a Asset> {
        match image.map(|i| &i.source) {
            Some(ImageSource::Site(url)) => self.0.get(crate::links::decode(url).as_ref()).copied(),
            _ => None,
        }
    }

    /// The key of `release`, parsed from a file whose key is `file_key`: the file's, and the
    /// photos of `static/` it shows (by `image:` and in its body) as they are now, so that a
    /// photo replaced in `static/` changes the key of every release that shows it.
    pub fn key(
        &self,
        file_key: crate::fingerprint::Fp,
        release: &Parsed,
    ) -> crate::fingerprint::Fp {
        // Asked of every release of every build: a site without photos in `static/` is done.
        if self.0.is_empty() {
            return file_key;
        }
        let in_body = release
            .references
            .iter()
            .filter(|r| r.image)
            .filter_map(|r| self.0.get(r.site_path.as_str()).copied());
        let mut shown: Vec<&Asset> =
            self.named(release.image.as_ref()).into_iter().chain(in_body).collect();
        if shown.is_empty() {
            return file_key;
        }
        shown.sort_by(|a, b| a.name.cmp(&b.name));
        shown.dedup_by(|a, b| a.name == b.name);
        let mut h = crate::fingerprint::Hasher::new();
        h.add(&file_key).add("static photo");
        for asset in shown {
            h.add(asset);
        }
        h.finish128()
    }
}

/// The photo of `static/` that the release's `image:` names, as a photo of the release with its
/// web sizes beside it in the site (`img/foto-480.webp` for `static/img/foto.jpg`), which every
/// release that shows it links to: an office's standard photo shown by hundreds of releases is
/// published in sizes once, not once per release (stop 55);
/// `None` when it names none, or one of the same name beside the release. One that cannot be
/// published is an error at the `image:` line.
fn static_photo(
    p: &mut Problems<'_>,
    config: &Config,
    statics: &StaticPhotos<'_>,
    image: Option<&Image>,
    bundled: &[PhotoSet],
) -> Option<PhotoSet> {
    let asset = statics.named(image)?;
    if bundled.iter().any(|s| s.name == asset.name) {
        return None;
    }
    let info = match asset.photo.as_ref()? {
        Ok(info) => info,
        Err(problem) => {
            p.field("image", format!("static/{} {problem}; replace it", asset.name));
            return None;
        }
    };
    let pixels = u64::from(info.width) * u64::from(info.height);
    let max = config.photos.max_pixels;
    if pixels > max {
        let message = format!(
            "static/{} is {} × {} pixels ({} megapixels); the limit is {} megapixels: make it \
             smaller, or raise photos.max_megapixels in site.yaml",
            asset.name,
            info.width,
            info.height,
            pixels.div_ceil(1_000_000),
            max / 1_000_000
        );
        p.field("image", message);
        return None;
    }
    Some(static_set(config, asset, info, Role::Main))
}

/// A photo of `static/` as a photo of a release, with its web sizes beside it in the site.
fn static_set(
    config: &Config,
    asset: &Asset,
    info: &crate::photos::PhotoInfo,
    role: Role,
) -> PhotoSet {
    PhotoSet {
        name: asset.name.clone(),
        source: asset.clone(),
        info: info.clone(),
        role,
        web: crate::photos::web_renditions(&config.photos, "", &asset.name, info),
        social: Vec::new(),
        caption: info.caption.clone(),
        credit: info.credit.clone(),
        from_static: true,
    }
}

/// The photos of `static/` that the body shows (`![…](/img/foto.jpg)`) and `photos` does not
/// hold yet, in the order the body shows them: each is published in web sizes beside it
/// ([`PhotoSet::from_static`]) and shown as a `<picture>` of them, where it was the original,
/// a phone's photo of several megabytes on the page. One that cannot be made into sizes (broken,
/// or over `photos.max_megapixels`) stays as the body links it; `static/` itself reports it.
/// So does one named as a photo of the bundle is (`img/foto.jpg` in both): a release's photos
/// have a name each, and the bundle's comes first, as with `image:`.
fn static_photos_shown(
    config: &Config,
    statics: &StaticPhotos<'_>,
    references: &[markdown::Reference],
    photos: &[PhotoSet],
) -> Vec<PhotoSet> {
    let mut shown: Vec<PhotoSet> = Vec::new();
    for r in references.iter().filter(|r| r.image) {
        let Some(asset) = statics.0.get(r.site_path.as_str()) else { continue };
        let Some(Ok(info)) = asset.photo.as_ref() else { continue };
        let pixels = u64::from(info.width) * u64::from(info.height);
        let known = |s: &PhotoSet| s.name == asset.name;
        if pixels > config.photos.max_pixels || photos.iter().chain(&shown).any(known) {
            continue;
        }
        shown.push(static_set(config, asset, info, Role::Body));
    }
    shown
}

/// How the body shows a photo published in sizes.
fn picture(config: &Config, set: &PhotoSet) -> markdown::Picture {
    let srcset = |renditions: &mut dyn Iterator<Item = &crate::photos::Rendition>| {
        renditions
            .map(|r| format!("{} {}w", config.link(&r.path), r.width))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let fallback: Vec<_> = set.fallback().collect();
    let middle = fallback.get(fallback.len().saturating_sub(1).min(1)).or(fallback.last());
    let largest = set.largest();
    markdown::Picture {
        src: middle.map(|r| config.link(&r.path)).unwrap_or_default(),
        srcset: srcset(&mut set.fallback()),
        webp_srcset: srcset(&mut set.webp()),
        width: largest.map_or(set.info.width, |r| r.width),
        height: largest.map_or(set.info.height, |r| r.height),
        largest: largest.map(|r| config.link(&r.path)).unwrap_or_default(),
    }
}

/// Decides each photo's role (the release's photo, `main`, by name; in the body; in the
/// gallery), its caption and credit and the gallery's order, and what a shared link shows.
#[allow(clippy::too_many_arguments)]
fn media(
    p: &mut Problems<'_>,
    raw: &RawRelease,
    config: &Config,
    path: &str,
    main: Option<&str>,
    image: Option<&Image>,
    body: &markdown::Rendered,
    photos: &mut [PhotoSet],
) -> SocialImage {
    let shown: std::collections::HashSet<&str> =
        body.references.iter().filter(|r| r.image).map(|r| r.site_path.as_str()).collect();
    for set in photos.iter_mut() {
        set.role = if main == Some(set.name.as_str()) {
            Role::Main
        } else if shown.contains(set.site_path(path).as_str()) {
            Role::Body
        } else {
            Role::Gallery
        };
    }
    // `gallery:` sets the order and the captions of the photos it lists.
    let listed = raw.gallery.as_deref().unwrap_or_default();
    for (n, item) in listed.iter().enumerate() {
        let Some(file) = item.file.as_deref().map(|f| f.trim().trim_start_matches("./")) else {
            p.field("gallery", format!("item {} has no file: write file: foto.jpg", n + 1));
            continue;
        };
        match photos.iter_mut().find(|s| s.name == file) {
            Some(set) => {
                let clean = |t: &Option<String>| {
                    t.as_deref().map(markdown::collapse_whitespace).filter(|s| !s.is_empty())
                };
                set.caption = clean(&item.caption).or(set.caption.take());
                set.credit = clean(&item.credit).or(set.credit.take());
            }
            None if !is_bundle(p.path) => p.field("gallery", not_beside(p.path, &[], &[], file)),
            None => {
                let names: Vec<&str> = photos.iter().map(|s| s.name.as_str()).collect();
                let message = match names::meant(file, &names) {
                    Some(miss) => miss.advice(file, &folder(p.path)),
                    None => format!(
                        "no photo {file:?} in {}; photos there: {}",
                        folder(p.path),
                        if names.is_empty() { "none".to_string() } else { names.join(", ") }
                    ),
                };
                p.field("gallery", message);
            }
        }
    }
    let rank = |s: &PhotoSet| {
        listed.iter().position(|g| {
            g.file.as_deref().map(|f| f.trim().trim_start_matches("./")) == Some(s.name.as_str())
        })
    };
    photos.sort_by_cached_key(|s| (rank(s).unwrap_or(usize::MAX), s.name.clone()));

    let focus = match raw.image_focus.as_deref().map(crate::photos::Focus::parse) {
        Some(Ok(f)) => f,
        Some(Err(m)) => {
            p.field("image_focus", m);
            crate::photos::Focus::default()
        }
        None => crate::photos::Focus::default(),
    };
    if let Some(i) = photos.iter().position(|s| s.role == Role::Main) {
        let set = &mut photos[i];
        if let Some(img) = image {
            set.caption = img.caption.clone().or(set.caption.take());
            set.credit = img.credit.clone().or(set.credit.take());
        }
        let (w, h) = (set.info.width, set.info.height);
        if w >= crate::photos::MIN_LARGE_PREVIEW && h * 2 >= crate::photos::MIN_LARGE_PREVIEW {
            set.social = crate::photos::social_renditions(path, w, h, focus);
            return SocialImage::Photo(i);
        }
        if too_small_to_share(w, h) {
            p.warn("image", too_small_message(config, w, h));
            return without_photo(config, path);
        }
        let message = format!(
            "the photo is {w} × {h} pixels; a shared link shows a large preview only from {} \
             pixels wide, so it gets a small one: use a larger photo",
            crate::photos::MIN_LARGE_PREVIEW
        );
        p.warn("image", message);
        return SocialImage::Small(i);
    }
    match image.map(|i| &i.source) {
        Some(ImageSource::Remote(url)) => {
            let (width, height) = (raw.image_width, raw.image_height);
            if width.is_none() || height.is_none() {
                let message = "warta cannot read the size of a photo on another site, and \
                               previews on Facebook and X may show without it until they have \
                               fetched it: add image_width and image_height (in pixels)";
                p.warn("image", message);
            }
            if crate::links::image_mime(url).is_none() {
                let message = format!(
                    "{url:?} does not end in a photo's extension (.jpg, .png, .webp), so the \
                     feeds cannot give it as the release's photo, and cross-posting services \
                     (IFTTT, Zapier, Buffer) post the release without it: put the photo beside \
                     the release, or give its address ending in its extension"
                );
                p.warn("image", message);
            }
            SocialImage::Elsewhere { url: url.clone(), width, height }
        }
        Some(ImageSource::Site(site)) => {
            SocialImage::Elsewhere { url: site.clone(), width: None, height: None }
        }
        Some(ImageSource::Bundled { dimensions: Some((w, h)), .. })
            if too_small_to_share(*w, *h) =>
        {
            p.warn("image", too_small_message(config, *w, *h));
            without_photo(config, path)
        }
        Some(ImageSource::Bundled { path, dimensions, .. }) => SocialImage::Elsewhere {
            url: path.clone(),
            width: dimensions.map(|d| d.0),
            height: dimensions.map(|d| d.1),
        },
        None => without_photo(config, path),
    }
}

/// What a shared link of a release without a photo shows: the site's `image:`, else the card
/// drawn for the release.
fn without_photo(config: &Config, path: &str) -> SocialImage {
    match &config.image {
        Some(site) => SocialImage::Elsewhere {
            url: crate::links::file_path(site.trim_start_matches('/')),
            width: None,
            height: None,
        },
        None => SocialImage::Card(crate::photos::card_renditions(path)),
    }
}

/// Whether a photo of `width` × `height` pixels is too small to be a shared link's picture
/// ([`crate::photos::MIN_SHARED`]).
fn too_small_to_share(width: u32, height: u32) -> bool {
    width < crate::photos::MIN_SHARED || height < crate::photos::MIN_SHARED
}

/// The warning on a photo too small to share: what shared links show instead, and what to do.
fn too_small_message(config: &Config, w: u32, h: u32) -> String {
    let instead = match config.image {
        Some(_) => "the site's image (image: in site.yaml)",
        None => "the card warta draws for a release without a photo",
    };
    let min = crate::photos::MIN_SHARED;
    format!(
        "the photo is {w} × {h} pixels, smaller than the {min} × {min} Facebook takes for a \
         shared link, so shared links and the feeds show {instead}; the page still shows the \
         photo: use a larger one (1200 × 630 or more)"
    )
}

/// Whether the release is a bundle, `…/slug/index.md`, with its files beside it.
fn is_bundle(source: &Path) -> bool {
    source.file_name().is_some_and(|n| n == "index.md")
}

/// The release's folder, as the writer sees it: `content/2023/05/rapat/`.
fn folder(source: &Path) -> String {
    let dir = source.parent().unwrap_or(Path::new("")).to_string_lossy().replace('\\', "/");
    format!("{dir}/")
}

/// What to do about `name`, a file the release at `source` names as one of its own, which its
/// files (`bundle`) do not include. A release in a file of its own (`rapat.md`) has no files: the
/// photo may well be beside it, in the month's folder, and the way to publish it is a folder for
/// the release, which this names in full.
pub(crate) fn not_beside(source: &Path, bundle: &[Asset], links: &[String], name: &str) -> String {
    // A path on the writer's computer (`C:\Users\…\IMG_2023.jpg`): the file to put beside the
    // release is the one at its end.
    let on_computer = names::on_computer(name);
    let what = match &on_computer {
        Some(_) => format!(
            "\"{name}\" is where the file is on the writer's computer, which no reader of the \
             site can open"
        ),
        None => format!("{name:?} is not one of the release's files"),
    };
    if !is_bundle(source) {
        let stem = source.file_stem().unwrap_or_default().to_string_lossy();
        let (file, write) = match &on_computer {
            Some(file) => (file.as_ref(), format!(", and write only its name, {file}")),
            None => (name, String::new()),
        };
        return format!(
            "{what}: a release's photos and files go in a folder of its own; move {} to \
             {}{stem}/index.md and put {file} beside it{write}",
            source.display(),
            folder(source),
        );
    }
    // A symbolic link beside it, to a file elsewhere (a PDF in the office's shared folder):
    // there, but not published (found in stop 67's review: "no file" named a file that was).
    if links.iter().any(|l| l == name) {
        return format!(
            "{name:?} in {} is a symbolic link, which warta does not follow or publish (a link \
             could bring in any file of this computer): put the file itself there instead",
            folder(source)
        );
    }
    let names: Vec<&str> = bundle.iter().map(|a| a.name.as_str()).collect();
    if let Some(miss) = names::meant(name, &names) {
        return miss.advice(name, &folder(source));
    }
    match on_computer {
        Some(file) => format!(
            "{what}: copy {file} into {}, beside index.md, and write only its name, {file}",
            folder(source)
        ),
        None if names.is_empty() => {
            format!("no file {name:?} in {}; put it there, beside index.md", folder(source))
        }
        None => {
            format!("no file {name:?} in {} (files there: {})", folder(source), names.join(", "))
        }
    }
}

fn image(
    p: &mut Problems<'_>,
    raw: &RawRelease,
    (bundle, links): (&[Asset], &[String]),
    path: &str,
    title: &str,
) -> Option<Image> {
    let src = raw.image.as_deref().map(str::trim).filter(|s| !s.is_empty())?;
    let source = if crate::links::is_absolute_url(src) {
        let has_host =
            url::Url::parse(src).is_ok_and(|u| u.host_str().is_some_and(|h| !h.is_empty()));
        if !has_host {
            p.field("image", format!("{src:?} is not a complete address; expected a photo beside the release, a site path like /img/foto.jpg, or https://host/path/foto.jpg"));
            return None;
        }
        if let Some(service) = crate::links::photo_page(src) {
            let message = format!(
                "{src:?} is a page of {service} that shows the photo, not the photo: the page \
                 would show it broken, and shared links without it; download the photo, put it \
                 beside the release and write its name (image: foto.jpg)"
            );
            p.field("image", message);
            return None;
        }
        ImageSource::Remote(src.to_string())
    } else if let Some(site) = src.strip_prefix('/') {
        ImageSource::Site(crate::links::file_path(site))
    } else {
        let name = src.trim_start_matches("./");
        match bundle.iter().find(|a| a.name == name) {
            Some(a) => ImageSource::Bundled {
                name: a.name.clone(),
                path: format!("{path}{}", crate::links::file_path(name)),
                len: a.len,
                dimensions: a.dimensions,
            },
            None => {
                p.field("image", not_beside(p.path, bundle, links, name));
                return None;
            }
        }
    };
    let caption =
        raw.image_caption.as_deref().map(markdown::collapse_whitespace).filter(|s| !s.is_empty());
    let alt = raw
        .image_alt
        .as_deref()
        .map(markdown::collapse_whitespace)
        .filter(|s| !s.is_empty())
        .or_else(|| caption.clone())
        .unwrap_or_else(|| title.to_string());
    let credit =
        raw.image_credit.as_deref().map(markdown::collapse_whitespace).filter(|s| !s.is_empty());
    let line = front_matter::key_line(p.doc.front, "image", p.doc.front_line);
    Some(Image { source, alt, caption, credit, line })
}

#[cfg(test)]
mod tests {
    use super::split_commas;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn tags_typed_as_one_text_become_a_list_with_a_warning() {
        let (list, warning) = split_commas("tags", "tags", &strings(&["haji, zakat"]));
        assert_eq!(list, ["haji", "zakat"]);
        assert_eq!(
            warning.as_deref(),
            Some("read \"haji, zakat\" as 2 tags; write them as a list: tags: [haji, zakat]")
        );
    }

    #[test]
    fn quotes_typed_in_a_text_of_tags_are_no_part_of_them() {
        for typed in ["haji, \"umroh", "haji, \"umroh\"", "'haji', umroh", "“haji”, umroh"] {
            let (list, warning) = split_commas("tags", "tags", &strings(&[typed]));
            assert_eq!(list, ["haji", "umroh"], "{typed}");
            let warning = warning.expect("a warning");
            assert!(warning.ends_with("tags: [haji, umroh]"), "{warning}");
        }
        // An apostrophe inside a word is one of its letters.
        let (list, _) = split_commas("tags", "tags", &strings(&["Jum'at Berkah, haji"]));
        assert_eq!(list, ["Jum'at Berkah", "haji"]);
    }

    #[test]
    fn tags_typed_with_semicolons_are_split_as_with_commas() {
        let (list, warning) = split_commas("tags", "tags", &strings(&["haji; umroh"]));
        assert_eq!(list, ["haji", "umroh"]);
        assert_eq!(
            warning.as_deref(),
            Some("read \"haji; umroh\" as 2 tags; write them as a list: tags: [haji, umroh]")
        );
        let (list, _) = split_commas("tags", "tags", &strings(&["haji;umroh, zakat"]));
        assert_eq!(list, ["haji", "umroh", "zakat"]);
    }

    #[test]
    fn a_proper_list_is_left_alone() {
        let (list, warning) = split_commas("tags", "tags", &strings(&["haji", "zakat fitrah"]));
        assert_eq!(list, ["haji", "zakat fitrah"]);
        assert_eq!(warning, None);
    }

    #[test]
    fn empty_parts_are_dropped_and_odd_names_quoted_in_the_hint() {
        let (list, warning) = split_commas("author", "authors", &strings(&["sn, ,ra,"]));
        assert_eq!(list, ["sn", "ra"]);
        assert!(warning.is_some_and(|w| w.ends_with("author: [sn, ra]")));
        let (_, warning) = split_commas("tags", "tags", &strings(&["a: b, c"]));
        assert!(warning.is_some_and(|w| w.ends_with("tags: [\"a: b\", c]")), "quoted");
    }
}
