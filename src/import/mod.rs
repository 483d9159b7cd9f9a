//! `warta new --from FILE`: a release as offices hand it over (typed in Word or WhatsApp, one
//! paragraph per line, the dateline at the front, the initials glued to the last sentence)
//! becomes a warta release: front-matter fields, a Markdown body that shows exactly what was
//! typed, the pictures of a .docx, and a note for everything that could not be recognised.
//! Pure: text or bytes, the site's config and the command line's overrides in; no disk.

mod blocks;
pub mod docx;
mod eml;
mod text;

use crate::config::Config;
use crate::date::Timestamp;
use crate::error::Error;
use crate::front_matter::FrontMatter;
use crate::press::{self, dates};
use crate::slug::slugify;
use blocks::{Block, Inline};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use std::collections::HashMap;

pub use docx::Picture;

/// What is imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Pasted text (`.txt`, standard input): every character is shown as typed.
    Text(String),
    /// A `.md` file: its Markdown is kept.
    Markdown(String),
    /// A Word file's bytes.
    Docx(Vec<u8>),
    /// An e-mail saved as a file (`.eml`): its text, its photos, a Word attachment.
    Mail(Vec<u8>),
}

/// What the command line says instead of the text (`--title`, `--unit`, `--author`, `--date`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    pub title: Option<String>,
    pub unit: Option<String>,
    pub authors: Vec<String>,
    pub date: Option<String>,
}

/// Something the writer must see to: a field left empty, a part of the document left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The front-matter field concerned, if any.
    pub field: Option<&'static str>,
    pub message: String,
}

/// A release recognised from a text.
#[derive(Debug, Clone)]
pub struct Imported {
    pub front: FrontMatter,
    /// The body as Markdown, ending in a newline.
    pub body: String,
    /// From the title, or the lead's first words; never empty.
    pub slug: String,
    /// The release's year and month, for `content/YYYY/MM/`.
    pub year: i32,
    pub month: u32,
    /// Files of the bundle (a .docx's pictures); empty: a single `.md` file.
    pub pictures: Vec<Picture>,
    pub notes: Vec<Note>,
}

/// The longest line read as a headline, in characters.
const MAX_HEADLINE_CHARS: usize = 160;
/// How many words of the lead make a slug when there is no title.
const SLUG_WORDS: usize = 8;

/// Recognises a release in `input`. Fails only when the input cannot be read at all (a damaged
/// .docx) or an override names something the site does not have.
pub fn import(
    input: Input,
    config: &Config,
    over: &Overrides,
    now: DateTime<Utc>,
) -> Result<Imported, Error> {
    check_overrides(config, over)?;
    let mut notes = Vec::new();
    let (input, over) = with_front_matter(input, config, over, &mut notes);
    let over = &over;
    // An e-mail file's subject and day, for what its text does not say.
    let mut saved: (Option<String>, Option<NaiveDate>) = (None, None);
    let (mut body, pictures) = match input {
        Input::Text(t) => (pasted(&t, false, &mut notes), Vec::new()),
        Input::Markdown(t) => (pasted(&t, true, &mut notes), Vec::new()),
        Input::Docx(bytes) => {
            let doc = docx::read(&bytes).map_err(|e| Error::Refused(format!("this file: {e}")))?;
            notes.extend(doc.notes.into_iter().map(|message| Note { field: None, message }));
            (doc.blocks, doc.pictures)
        }
        Input::Mail(bytes) => {
            let m = eml::read(&bytes).map_err(|e| Error::Refused(format!("this file: {e}")))?;
            notes.extend(m.notes.into_iter().map(|message| Note { field: None, message }));
            saved = (m.subject, m.sent);
            match m.docx {
                // The release typed in Word, the e-mail only carrying it.
                Some((name, bytes)) => {
                    let doc =
                        docx::read(&bytes).map_err(|e| Error::Refused(format!("{name}: {e}")))?;
                    notes.push(Note {
                        field: None,
                        message: format!(
                            "the release is the e-mail's attachment {name}; the e-mail's own \
                             text was left out"
                        ),
                    });
                    notes
                        .extend(doc.notes.into_iter().map(|message| Note { field: None, message }));
                    let mut pictures = doc.pictures;
                    for mut p in m.pictures {
                        while pictures.iter().any(|q| q.name.eq_ignore_ascii_case(&p.name)) {
                            p.name = format!("email-{}", p.name);
                        }
                        pictures.push(p);
                    }
                    (doc.blocks, pictures)
                }
                None => (pasted(&m.text, false, &mut notes), m.pictures),
            }
        }
    };
    body.retain(|b| !b.is_empty());
    // The e-mail the release came in: a forward's header and the sender's note above it, the
    // signature and the phone's line under it.
    let mut mail = mail_wrapping(config, &mut body, &mut notes);
    if mail.subject.is_none() {
        mail.subject = saved.0.map(|s| press::mail::subject(&s)).filter(|s| !s.is_empty());
    }
    // An end mark under the text (`###`, `-selesai-`) hid the initials above it, and would be
    // printed after warta's: the page ends the release with the initials.
    // So did a post's closing line of hashtags ("#HariSantri2023 #KemenagBali"): they are the
    // release's topics.
    let mut lines: Vec<Vec<String>> = Vec::new();
    while let Some(last) = body.last().map(Block::plain) {
        // Hashtags under a line that introduces them ("Gunakan tagar berikut:") are the text's.
        let introduced = body.len() >= 2 && body[body.len() - 2].plain().trim_end().ends_with(':');
        if let Some(words) = press::hashtag_line(&last).filter(|_| !introduced) {
            lines.push(words.into_iter().map(str::to_string).collect());
        } else if !crate::markdown::is_end_mark(&last) {
            break;
        }
        body.pop();
    }
    let hashtags: Vec<String> = lines.into_iter().rev().flatten().collect();

    // A press release's letterhead above its headline ("SIARAN PERS", "Nomor: …"): not the
    // headline, and nothing the page prints.
    let take_letterhead = |body: &mut Vec<Block>| -> Vec<String> {
        let lead: Vec<Vec<String>> = body
            .iter()
            .take(8)
            .map_while(|b| matches!(b, Block::Para(_)).then(|| vec![headline_text(&b.plain())]))
            .collect();
        let n = press::letterhead_len(&lead);
        body.drain(..n).map(|b| b.plain()).collect()
    };
    let mut letterhead = take_letterhead(&mut body);
    let headline = take_headline(&mut body);
    // A post's place and day under its headline ("📍 Denpasar, 16 Mei 2023"), as a letter's
    // above it.
    if headline.is_some() {
        letterhead.extend(take_letterhead(&mut body));
    }
    if !letterhead.is_empty() {
        let lines: Vec<String> = letterhead
            .iter()
            .map(|l| format!("\u{201c}{}\u{201d}", crate::markdown::collapse_whitespace(l)))
            .collect();
        notes.push(Note {
            field: None,
            message: format!(
                "the lines {} are a press release's letterhead, or its place and day, not its \
                 text, and were left out",
                lines.join(", ")
            ),
        });
    }
    let title = match (&over.title, &headline) {
        (Some(t), h) => {
            if let Some(h) = h.as_deref().filter(|h| !same_words(h, t)) {
                notes.push(Note {
                    field: Some("title"),
                    message: format!(
                        "the first line \u{201c}{h}\u{201d} reads as a headline and was left out of \
                         the body; the title is the one given with --title"
                    ),
                });
            }
            Some(crate::markdown::collapse_whitespace(t))
        }
        (None, Some(h)) => Some(h.clone()),
        (None, None) if mail.subject.is_some() => {
            let subject = mail.subject.clone().map(|s| crate::markdown::collapse_whitespace(&s));
            notes.push(Note {
                field: Some("title"),
                message: format!(
                    "no headline above the text; the title is the e-mail's subject, \u{201c}{}\u{201d}: \
                     check it",
                    subject.as_deref().unwrap_or_default()
                ),
            });
            subject
        }
        (None, None) => {
            notes.push(Note {
                field: Some("title"),
                message: "no headline on the first line (a short line without a full stop); \
                          set title: in the file or pass --title"
                    .to_string(),
            });
            None
        }
    };

    let (unit, place, day) = unit_and_place(config, over, &mut body, &mut notes);
    // The letterhead's "Denpasar, 15 Mei 2023" is the release's day, as a dateline's is.
    let day = day.or_else(|| press::dates::first_in(letterhead.iter().map(String::as_str)));
    let authors = authors(config, over, &mut body, &mut notes);
    let sent = mail.sent.as_deref().and_then(|d| press::dates::first_in([d])).or(saved.1);
    let (date, year, month) =
        date(config, over, day, &body, headline.as_deref(), sent, now, &mut notes)?;
    // A headline in capitals, as a title is written; read against the text without its
    // dateline, which a release in capitals types in capitals too.
    let title = title.map(|t| {
        let cased = if over.title.is_none() { sentence_of_capitals(&t, &body) } else { t.clone() };
        if cased != t {
            notes.push(Note {
                field: Some("title"),
                message: format!(
                    "the headline is in capitals; the title is written \u{201c}{cased}\u{201d}, \
                     keeping the abbreviations the text writes in capitals: check it"
                ),
            });
        }
        cased
    });

    let tags = tags(config, unit.as_deref(), &hashtags, &mut notes);
    let slug = slug(title.as_deref(), &body);
    let image = lead_picture(&body).or_else(|| pictures.first().map(|p| p.name.clone()));
    let photo = image.as_deref().map(|name| lead_photo(&mut body, name)).unwrap_or_default();
    let unit_place = unit.as_deref().and_then(|u| config.unit(u)).map(|u| u.place.clone());
    let front = FrontMatter {
        title,
        date,
        authors,
        unit,
        place,
        tags,
        image,
        image_alt: photo.alt,
        image_caption: photo.caption,
        image_credit: photo.credit,
        draft: false,
        known_authors: config.authors.keys().cloned().collect(),
        known_units: config.units.keys().cloned().collect(),
        unit_place,
    };
    Ok(Imported { front, body: blocks::markdown(&body), slug, year, month, pictures, notes })
}

/// The blocks of pasted text ([`text::blocks`]) without the page numbers and headers of the
/// PDF it was copied from ([`press::page::furniture`]), which stood between its lines.
fn pasted(text: &str, markdown: bool, notes: &mut Vec<Note>) -> Vec<Block> {
    let lines: Vec<&str> = text.split('\n').collect();
    let page_s = press::page::furniture(&lines);
    if !page_s.contains(&true) {
        return text::blocks(text, markdown);
    }
    let kept: Vec<&str> = lines.iter().zip(&page_s).filter(|(_, &p)| !p).map(|(l, _)| *l).collect();
    let left_out = lines.iter().zip(&page_s).filter(|(_, &p)| p).map(|(l, _)| l.trim());
    notes.push(Note {
        field: None,
        message: format!(
            "the lines {} are the page numbers and page headers of the PDF the text was copied \
             from, not its text, and were left out",
            press::quoted(left_out, '\u{201c}', '\u{201d}')
        ),
    });
    text::blocks(&kept.join("\n"), markdown)
}

/// Takes the e-mail around the release out of `body` ([`press::mail::wrapping`]), with a note
/// for each part taken; returns what its header says.
fn mail_wrapping(
    config: &Config,
    body: &mut Vec<Block>,
    notes: &mut Vec<Note>,
) -> press::mail::Wrapping {
    let texts: Vec<String> = body.iter().map(Block::plain).collect();
    let lines: Vec<&str> = texts.iter().map(String::as_str).collect();
    // Any of the site's units may have sent it: which one is read from the text later.
    let offices: Vec<press::mail::Office<'_>> =
        config.units.values().map(|u| (u.short.as_str(), u.name.as_str())).collect();
    let mail = press::mail::wrapping(&lines, &offices);
    let quoted = |range: std::ops::Range<usize>| {
        press::quoted(texts[range].iter().map(String::as_str), '\u{201c}', '\u{201d}')
    };
    if !mail.above.is_empty() {
        let message = format!(
            "the lines {} are the e-mail the release came in (its header, and the sender's \
             note), not its text, and were left out",
            quoted(mail.above.clone())
        );
        notes.push(Note { field: None, message });
    }
    if !mail.below.is_empty() {
        let message = format!(
            "the lines {} are the signature of the e-mail the release came in, not its text, \
             and were left out",
            quoted(mail.below.clone())
        );
        notes.push(Note { field: None, message });
    }
    // The lines under it first: taking those above moves the rest.
    body.truncate(mail.below.start);
    body.drain(mail.above.clone());
    mail
}

/// The release's topics from the hashtags it ended with, in words (`#HariSantri2023` is
/// "Hari Santri 2023", whose hashtag on a caption is the one typed), without the site's and
/// the unit's own hashtags, which every caption carries already.
fn tags(
    config: &Config,
    unit: Option<&str>,
    hashtags: &[String],
    notes: &mut Vec<Note>,
) -> Vec<String> {
    if hashtags.is_empty() {
        return Vec::new();
    }
    let unit = unit.and_then(|u| config.units.get(u));
    let own: Vec<String> =
        config.hashtags.iter().chain(unit.iter().flat_map(|u| &u.hashtags)).cloned().collect();
    let topics = press::Topics::new(hashtags.iter().map(String::as_str), &own);
    let typed = topics.typed.join(" ");
    let message = match (topics.tags.is_empty(), topics.own_said()) {
        (true, Some(own)) => format!("the text ended with {typed}: {own}; it was left out"),
        (_, own) => format!(
            "the hashtags the text ended with ({typed}) became the release's topics: {}{}; \
             check them",
            topics.tags_line(),
            own.map(|o| format!("; {o}")).unwrap_or_default()
        ),
    };
    notes.push(Note { field: Some("tags"), message });
    topics.tags
}

/// What a document says of its first picture, the release's photo.
#[derive(Debug, Default, PartialEq, Eq)]
struct LeadPhoto {
    alt: Option<String>,
    caption: Option<String>,
    credit: Option<String>,
}

/// The release's photo: the first picture in a paragraph. One in a table or a list (a grid of
/// the day's photos) stays where it is: taken out, the grid would lose a cell; taken as the
/// photo and left, the page showed it twice. Only when every picture is in one is the first
/// the photo all the same (a shared link needs one), and shows twice.
fn lead_picture(body: &[Block]) -> Option<String> {
    body.iter().find_map(|b| match b {
        Block::Para(content) => content.iter().find_map(|i| i.picture.clone()),
        _ => None,
    })
}

/// The release's photo, the document's first picture (`name`), taken out of the body: the page
/// shows it at the top, and showed it a second time where it stood in the text. The line under
/// it, when that reads as its caption (short, and in italics or naming a photo: "Suasana rapat
/// (Foto: Humas)"), goes with it as its caption and credit.
fn lead_photo(body: &mut Vec<Block>, name: &str) -> LeadPhoto {
    let holds = |c: &[Inline]| c.iter().any(|i| i.picture.as_deref() == Some(name));
    let Some(at) = body.iter().position(|b| matches!(b, Block::Para(c) if holds(c))) else {
        return LeadPhoto::default();
    };
    let Block::Para(content) = &mut body[at] else { return LeadPhoto::default() };
    let Some(k) = content.iter().position(|i| i.picture.as_deref() == Some(name)) else {
        return LeadPhoto::default();
    };
    let picture = content.remove(k);
    let alt = Some(crate::markdown::collapse_whitespace(&picture.text)).filter(|a| !a.is_empty());
    if !content.iter().all(|i| i.picture.is_none() && i.text.trim().is_empty()) {
        // In a paragraph of text: the text stays, without the picture.
        return LeadPhoto { alt, ..LeadPhoto::default() };
    }
    body.remove(at);
    let Some(Block::Para(next)) = body.get(at) else {
        return LeadPhoto { alt, ..LeadPhoto::default() };
    };
    let line = crate::markdown::collapse_whitespace(&blocks::plain(next));
    let italic = next.iter().all(|i| i.italic || i.text.trim().is_empty());
    let names_a_photo =
        ["foto", "dok.", "dokumentasi"].iter().any(|w| line.to_lowercase().contains(w));
    let is_caption = !line.is_empty()
        && line.chars().count() <= MAX_CAPTION_CHARS
        && next.iter().all(|i| i.picture.is_none())
        && (italic || names_a_photo);
    if !is_caption {
        return LeadPhoto { alt, ..LeadPhoto::default() };
    }
    body.remove(at);
    let (caption, credit) = caption_and_credit(&line);
    LeadPhoto { alt, caption, credit }
}

/// The longest line read as a photo's caption, in characters.
const MAX_CAPTION_CHARS: usize = 200;

/// A caption line split into what the photo shows and who took it, as `image_credit` is
/// written: "Suasana rapat (Foto: Humas Bali)" gives "Suasana rapat" and "Foto: Humas Bali";
/// "Suasana rapat. Dok. Humas" gives "Suasana rapat." and "Dok. Humas".
fn caption_and_credit(line: &str) -> (Option<String>, Option<String>) {
    static CREDIT: std::sync::OnceLock<[regex::Regex; 2]> = std::sync::OnceLock::new();
    let patterns = CREDIT.get_or_init(|| {
        [
            // In brackets at the end: "(Foto: Humas)", "(Dokumentasi Humas)".
            r"(?i)[(\[]\s*((?:dokumentasi|dok\.?|foto)\s*[:.]?\s*[^()\[\]]+?)\s*[)\]]\s*\.?$",
            // After a colon or a full stop: "Foto: Humas", "Dok. Humas".
            r"(?i)(?:^|\s)((?:dokumentasi|dok|foto)\s*[:.]\s*[^()\[\]]+?)\s*\.?$",
        ]
        .map(|p| regex::Regex::new(p).expect("a valid pattern"))
    });
    let clean = |s: &str| {
        let s = s.trim().trim_end_matches(['(', '[', '-', '–', '|', ',']).trim();
        (!s.is_empty()).then(|| s.to_string())
    };
    match patterns.iter().find_map(|p| p.captures(line)) {
        Some(c) => {
            let whole = c.get(0).map_or(0, |m| m.start());
            (clean(&line[..whole]), clean(&c[1]))
        }
        None => (clean(line), None),
    }
}

fn known_units(config: &Config) -> String {
    config.units.values().map(|u| format!("{} ({})", u.key, u.short)).collect::<Vec<_>>().join(", ")
}

fn known_authors(config: &Config) -> String {
    config.authors.keys().cloned().collect::<Vec<_>>().join(", ")
}

/// A text that starts with a front matter, as a release of warta does (this site's, or one
/// copied from another office's site): until stop 58 its fields came out as lines of the body,
/// under a front matter of empty ones. Its title, date, writers and unit are the release's
/// where the command line gives none and this site has them (an unknown unit or writer is left
/// for the writer to set, with the usual note); the body after it is the text.
fn with_front_matter(
    input: Input,
    config: &Config,
    over: &Overrides,
    notes: &mut Vec<Note>,
) -> (Input, Overrides) {
    let (Input::Text(text) | Input::Markdown(text)) = &input else {
        return (input, over.clone());
    };
    let Ok(doc) = crate::front_matter::split(text) else { return (input, over.clone()) };
    let Ok(raw) = crate::front_matter::parse_release(doc.front) else {
        return (input, over.clone());
    };
    let mut over = over.clone();
    let given = |v: Option<String>| v.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    if over.title.is_none() {
        over.title = given(raw.title);
    }
    if over.unit.is_none() {
        over.unit = given(raw.unit).filter(|u| config.unit(u).is_some());
    }
    if over.authors.is_empty() {
        let authors = raw.author.map(|a| a.0).unwrap_or_default();
        if authors.iter().all(|a| config.authors.contains_key(a)) {
            over.authors = authors;
        }
    }
    if over.date.is_none() {
        over.date = given(raw.date).filter(|d| is_date(d, config));
    }
    notes.push(Note {
        field: None,
        message: "the text starts with a front matter, as a release does: its title, date, \
                  writer and unit were taken where this site has them, and its other fields \
                  left out"
            .to_string(),
    });
    let body = doc.body.to_string();
    let input = match input {
        Input::Markdown(_) => Input::Markdown(body),
        _ => Input::Text(body),
    };
    (input, over)
}

fn check_overrides(config: &Config, over: &Overrides) -> Result<(), Error> {
    if let Some(u) = &over.unit {
        if config.unit(u).is_none() {
            return Err(Error::Refused(format!(
                "--unit: unknown unit {u:?}; site.yaml has: {}",
                known_units(config)
            )));
        }
    }
    for a in &over.authors {
        if !config.authors.contains_key(a) {
            return Err(Error::Refused(format!(
                "--author: unknown author {a:?}; site.yaml has: {}",
                known_authors(config)
            )));
        }
    }
    if let Some(d) = &over.date {
        if !is_date(d, config) {
            return Err(Error::Refused(format!(
                "--date: {}, or 15/5/2023, or 15 Mei 2023; got {d:?}",
                crate::date::EXPECTED
            )));
        }
    }
    if over.title.as_deref().is_some_and(|t| t.trim().is_empty()) {
        return Err(Error::Refused("--title: the title is empty".to_string()));
    }
    Ok(())
}

/// Whether `d` is a date `--date` takes: warta's own form, or one a text writes (15/5/2023,
/// 15 Mei 2023).
fn is_date(d: &str, config: &Config) -> bool {
    Timestamp::parse(d, config.timezone).is_some() || dates::find(d).is_some()
}

fn same_words(a: &str, b: &str) -> bool {
    slugify(a) == slugify(b)
}

/// The first paragraph, when it reads as a headline: a short line with a letter, no final
/// full stop, no dateline, followed by more text. Taken out of the body.
fn take_headline(body: &mut Vec<Block>) -> Option<String> {
    let Some(Block::Para(_)) = body.first() else { return None };
    if body.len() < 2 {
        return None;
    }
    let text = headline_text(&crate::markdown::collapse_whitespace(&body[0].plain()));
    let headline = text.chars().count() <= MAX_HEADLINE_CHARS
        && text.chars().any(char::is_alphabetic)
        && !text.ends_with(['.', ',', ';', ':'])
        && press::leading_dateline(&text).is_none()
        && press::trailing_initials(&text).is_none();
    if !headline {
        return None;
    }
    body.remove(0);
    Some(text)
}

/// A first line as a title: without the marks of a Markdown heading (`# Judul`) or of
/// emphasis around all of it (`**Judul**`, `_Judul_`), which a `.md` file keeps as typed, nor
/// emoji before or after it.
fn headline_text(line: &str) -> String {
    // Emoji around it, as a post's headline has them ("📢 KANWIL GELAR RAKOR"): no news
    // site's.
    let mut text = press::without_pictographs(line);
    let hashes = text.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&hashes) && text[hashes..].starts_with(' ') {
        // A closing run of #s counts after a space only: "# Belajar C#" keeps its C#.
        let rest = text[hashes..].trim();
        let closed = rest.trim_end_matches('#');
        text = if closed.is_empty() || closed.ends_with(' ') { closed.trim_end() } else { rest };
    }
    while let Some(inner) = ["**", "__", "*", "_"].iter().find_map(|m| {
        let inner = text.strip_prefix(m)?.strip_suffix(m)?;
        (!inner.is_empty()).then_some(inner)
    }) {
        text = inner.trim();
    }
    text.to_string()
}

/// The unit and place from the dateline (which is removed), or `--unit`; and the day it
/// names, if it names one ("Denpasar, 15 Mei 2023 –").
fn unit_and_place(
    config: &Config,
    over: &Overrides,
    body: &mut Vec<Block>,
    notes: &mut Vec<Note>,
) -> (Option<String>, Option<String>, Option<NaiveDate>) {
    let found = match body.first_mut() {
        Some(Block::Para(content)) => {
            let text = blocks::plain(content);
            // "DENPASAR –", the national press's: the place alone, when it is a unit's.
            let d = press::leading_dateline(&text)
                .or_else(|| config.units.values().find_map(|u| press::place_alone(&text, &u.place)))
                // "Humas Bali —": a unit's name alone.
                .or_else(|| {
                    config
                        .units
                        .values()
                        .find_map(|u| press::office_alone(&text, &u.short, &u.name))
                });
            if let Some(d) = &d {
                blocks::drop_prefix(content, d.len);
            }
            d
        }
        _ => None,
    };
    if body.first().is_some_and(Block::is_empty) {
        body.remove(0);
    }
    // "Humas Bali, Denpasar –" names the office first: read as it names it.
    let matched = found.as_ref().and_then(|d| {
        config.units.values().find_map(|u| Some((u, d.naming(&u.short, &u.name)?))).or_else(|| {
            // The place alone names the unit when only one unit is there.
            let place = d.place.as_deref().filter(|_| d.office.is_empty())?;
            let there = config.units.values().filter(|u| u.place.eq_ignore_ascii_case(place));
            crate::only(there).map(|u| (u, d.clone()))
        })
    });
    let (matched, found) = match matched {
        Some((unit, own)) => (Some(unit), Some(own)),
        None => (None, found),
    };
    let unit = match (&over.unit, matched, &found) {
        (Some(u), _, _) => config.unit(u),
        (None, Some(u), _) => Some(u),
        (None, None, Some(d)) if d.day.is_none() && !d.office.is_empty() => {
            notes.push(Note {
                field: Some("unit"),
                message: format!(
                    "no unit matches '{}'; known: {}; set unit: in the file or pass --unit",
                    d.office,
                    known_units(config)
                ),
            });
            None
        }
        (None, None, _) if config.units.len() == 1 => config.units.values().next(),
        (None, None, Some(d)) => {
            let names =
                if d.office.is_empty() { "the place alone" } else { "the place and the day" };
            notes.push(Note {
                field: Some("unit"),
                message: format!(
                    "the dateline names {names}, not the office; known units: {}; set unit: in \
                     the file or pass --unit",
                    known_units(config)
                ),
            });
            None
        }
        (None, None, None) => {
            notes.push(Note {
                field: Some("unit"),
                message: format!(
                    "the first paragraph does not start with a dateline such as \
                     \u{201c}Denpasar (Humas Bali) \u{2013}\u{201d}; known units: {}; set unit: in \
                     the file or pass --unit",
                    known_units(config)
                ),
            });
            None
        }
    };
    let day = found.as_ref().and_then(|d| d.day);
    let place = found
        .and_then(|d| d.place)
        .map(|p| title_case(&p))
        .filter(|p| unit.is_none_or(|u| !u.place.to_lowercase().eq(&p.to_lowercase())));
    (unit.map(|u| u.key.clone()), place, day)
}

/// Words that a title in Indonesian writes in small letters, except as its first word.
const SMALL_WORDS: &[&str] = &[
    "dan", "di", "ke", "dari", "yang", "untuk", "pada", "dengan", "bagi", "dalam", "atau", "oleh",
    "serta", "sebagai", "tentang", "kepada", "terhadap", "agar", "hingga", "sampai", "antara",
    "tetapi", "namun", "karena", "per", "the", "of", "and",
];

/// Abbreviations that offices' headlines use, as they are written, for a text that does not
/// write them itself.
const ABBREVIATIONS: &[&str] = &[
    "APBD", "APBN", "ASN", "BAZNAS", "BOS", "BUMN", "DPR", "DPRD", "FKUB", "HAB", "HUT", "IAIN",
    "KKG", "KUA", "LAZ", "MAN", "MGMP", "MIN", "MTQ", "MTs", "MTsN", "NKRI", "OPD", "PAI", "PGRI",
    "PHBI", "PNS", "POLRI", "PPPK", "PTSP", "SDM", "SMA", "SMK", "SMP", "STQ", "TNI", "UIN",
    "UMKM", "UPZ", "ZIS",
];

/// A headline typed in capitals (`PELATIHAN JURNALISTIK BAGI HUMAS MAN 1 DENPASAR`), as a title
/// is written: each word with a capital (`Pelatihan Jurnalistik bagi Humas MAN 1 Denpasar`),
/// except the small words after the first; a word the text itself writes in capitals or in a
/// case of its own (`MAN`, `KUA`, `MTsN`) as the text writes it, else one of the usual
/// [`ABBREVIATIONS`] as it is written, and a word of one or two letters that is not a small word
/// (`RI`, `TK`) kept in capitals. A headline with a small
/// letter is kept as written.
fn sentence_of_capitals(headline: &str, body: &[Block]) -> String {
    let letters = headline.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 4 || headline.chars().any(char::is_lowercase) {
        return headline.to_string();
    }
    // Each word of the text, by its small letters, with the way the text writes it when that is
    // not plain small letters or a capital only at the start (a sentence's first word).
    let mut written: HashMap<String, String> = HashMap::new();
    for block in body {
        for word in block.plain().split(|c: char| !c.is_alphanumeric()) {
            let mut chars = word.chars();
            if chars.next().is_none() {
                continue;
            }
            let rest = chars.as_str();
            let own_case = rest.chars().any(char::is_uppercase);
            let lower = word.to_lowercase();
            if own_case {
                // Capitals win over another case of the same word: "MAN" over "Man".
                let entry = written.entry(lower).or_insert_with(|| word.to_string());
                if word.chars().all(|c| !c.is_lowercase()) {
                    *entry = word.to_string();
                }
            }
        }
    }
    let mut first = true;
    headline
        .split(' ')
        .map(|token| {
            // The word inside its punctuation: `"HUMAS`, `(KUA)`, `KE-78,`.
            let start = token.find(char::is_alphanumeric).unwrap_or(token.len());
            let end = token
                .rfind(char::is_alphanumeric)
                .map_or(start, |i| i + token[i..].chars().next().map_or(0, char::len_utf8));
            let (before, word, after) = (&token[..start], &token[start..end], &token[end..]);
            if !word.chars().any(char::is_alphabetic) {
                return token.to_string();
            }
            let lower = word.to_lowercase();
            let known = ABBREVIATIONS.iter().find(|a| a.eq_ignore_ascii_case(word));
            let cased = if let Some(w) = written.get(&lower) {
                w.clone()
            } else if let Some(a) = known {
                (*a).to_string()
            } else if !first && SMALL_WORDS.contains(&lower.as_str()) {
                lower
            } else if word.chars().all(char::is_alphabetic)
                && word.chars().count() <= 2
                && !SMALL_WORDS.contains(&lower.as_str())
            {
                word.to_string()
            } else {
                // Each part of a hyphenated word: `TATAP-MUKA` → `Tatap-Muka`; a prefix in small
                // letters after the first word: `KE-78` → `ke-78`, `SE-BALI` → `se-Bali`.
                lower
                    .split('-')
                    .enumerate()
                    .map(|(n, part)| {
                        let prefix = n == 0 && (part == "se" || SMALL_WORDS.contains(&part));
                        if prefix && !first {
                            part.to_string()
                        } else {
                            capitalised(part)
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("-")
            };
            first = false;
            format!("{before}{cased}{after}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// "DENPASAR" → "Denpasar", "KUTA SELATAN" → "Kuta Selatan"; a place with small letters is
/// kept as written.
fn title_case(place: &str) -> String {
    let place = crate::markdown::collapse_whitespace(place);
    if place.chars().any(char::is_lowercase) {
        return place;
    }
    place.split(' ').map(capitalised).collect::<Vec<String>>().join(" ")
}

/// A word with a capital first letter and small letters after it: "DENPASAR" → "Denpasar".
fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c.flat_map(char::to_lowercase)).collect(),
        None => String::new(),
    }
}

/// The writers from the initials at the end (which are removed, unless they carry the
/// editor's), or `--author`.
fn authors(
    config: &Config,
    over: &Overrides,
    body: &mut Vec<Block>,
    notes: &mut Vec<Note>,
) -> Vec<String> {
    let known: Vec<&str> = config.authors.keys().map(String::as_str).collect();
    // Above the credits a news site prints under a release ("Pewarta: …", "Editor: …").
    let last = body
        .iter_mut()
        .rev()
        .filter(|b| !b.is_empty())
        .find(|b| !matches!(b, Block::Para(_)) || !press::is_credit(&b.plain()));
    let mut found = Vec::new();
    let mut unknown = None;
    if let Some(Block::Para(content)) = last {
        let text = blocks::plain(content);
        if let Some(i) = press::trailing_initials(&text) {
            let authors = i.authors(&known);
            let initials_like = i.parts.iter().all(|p| p.chars().count() <= 4);
            // The editor's initials typed after the writer's ("(sn/ed)") are written nowhere
            // but there: the initials stay as typed, and the page prints them, the writer's
            // and the editor's (found by helper-38, stop 69: the file kept "(sn)" only).
            let editors = if authors.is_empty() { Vec::new() } else { i.editors(&known) };
            if (!authors.is_empty() || initials_like) && editors.is_empty() {
                // The marks that made them bold or italic ("**(sn)**") go with them (found by
                // helper-33, stop 67: "\*\*" was left as the release's last line).
                let before = text[..i.start].trim_end();
                let marks = &before[before.trim_end_matches(['*', '_']).len()..];
                let wrapped = !marks.is_empty() && text.trim_end().ends_with(marks);
                let start = if wrapped { before.len() - marks.len() } else { i.start };
                blocks::keep_prefix(content, start);
            }
            if !authors.is_empty() || initials_like {
                if authors.is_empty() {
                    unknown = Some(format!("({})", i.parts.join("/")));
                } else {
                    // A co-writer the site does not know yet ("(ab/xy)"): credited only once
                    // added, so said, not left out unsaid. Longer parts are offices ("Humas").
                    let others: Vec<&str> = i
                        .parts
                        .iter()
                        .map(String::as_str)
                        .filter(|p| p.chars().count() <= 4)
                        .filter(|p| !authors.iter().any(|a| a.eq_ignore_ascii_case(p)))
                        .filter(|p| !press::is_editor_label(p))
                        .collect();
                    if !others.is_empty() && over.authors.is_empty() {
                        let message = if editors.is_empty() {
                            format!(
                                "the initials ({}) at the end are not a writer of site.yaml \
                                 (known: {}); author: names {} only: add the writer under \
                                 authors: in site.yaml, then to author:",
                                others.join("/"),
                                known_authors(config),
                                authors.join(", ")
                            )
                        } else {
                            // After the writer's, they may be the editor's: kept as typed.
                            format!(
                                "the initials ({}) after the writer's are not a writer of \
                                 site.yaml (known: {}); they stay at the end as typed, and the \
                                 page prints them as the editor's; if they are a co-writer's, \
                                 add the writer under authors: in site.yaml, then to author:",
                                others.join("/"),
                                known_authors(config)
                            )
                        };
                        notes.push(Note { field: Some("author"), message });
                    }
                }
                found = authors;
            }
        }
    }
    body.retain(|b| !b.is_empty());
    if !over.authors.is_empty() {
        return over.authors.clone();
    }
    if found.is_empty() {
        let message = match unknown {
            Some(initials) => format!(
                "the initials {initials} at the end are not a writer of site.yaml (known: {}); \
                 set author: in the file, or add the writer under authors: in site.yaml",
                known_authors(config)
            ),
            None => format!(
                "no writer's initials such as \u{201c}(sn)\u{201d} at the end; set author: in the \
                 file or pass --author (known: {})",
                known_authors(config)
            ),
        };
        notes.push(Note { field: Some("author"), message });
    }
    found
}

/// The date: `--date`, else the dateline's day, else the first the text names, else the day
/// of the e-mail it came in, else now; and its year and month.
#[allow(clippy::too_many_arguments)]
fn date(
    config: &Config,
    over: &Overrides,
    dateline: Option<NaiveDate>,
    body: &[Block],
    headline: Option<&str>,
    sent: Option<NaiveDate>,
    now: DateTime<Utc>,
    notes: &mut Vec<Note>,
) -> Result<(String, i32, u32), Error> {
    if let Some(d) = &over.date {
        if let Some(t) = Timestamp::parse(d, config.timezone) {
            return Ok((d.trim().to_string(), t.year(), t.month()));
        }
    }
    let given = over.date.as_deref().and_then(dates::find).map(|(_, d)| d);
    let texts: Vec<String> = body.iter().map(Block::plain).collect();
    let named = || dates::first_in(texts.iter().map(String::as_str).chain(headline));
    if let Some(d) = given.or(dateline).or_else(named).or(sent) {
        return Ok((d.format("%Y-%m-%d").to_string(), d.year(), d.month()));
    }
    let local = now.with_timezone(&config.timezone);
    notes.push(Note {
        field: Some("date"),
        message: format!(
            "the text names no date (such as \u{201c}Senin (15/5/2023)\u{201d} or \u{201c}15 Mei \
             2023\u{201d}); dated now, {}; change date: if it happened on another day",
            local.format("%Y-%m-%d %H:%M")
        ),
    });
    Ok((local.format("%Y-%m-%dT%H:%M:00").to_string(), local.year(), local.month()))
}

/// The slug from the title, else from the lead's first words; cut at a word; never empty.
fn slug(title: Option<&str>, body: &[Block]) -> String {
    let source = match title {
        Some(t) => t.to_string(),
        None => body
            .iter()
            .map(Block::plain)
            .find(|t| !t.trim().is_empty())
            .unwrap_or_default()
            .split_whitespace()
            .take(SLUG_WORDS)
            .collect::<Vec<_>>()
            .join(" "),
    };
    let slug = crate::slug::file_slug(&source);
    if slug.is_empty() {
        "rilis".to_string()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests;
