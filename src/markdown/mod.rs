//! The Markdown stage: turns the body of a press release into HTML plus the bits the templates
//! need (first paragraph, word count). It exists so that datelines, heading anchors, site-relative
//! URLs, photo captions, pasted text, videos and code highlighting are handled in one pure,
//! well-tested place.

pub(crate) mod pasted;

pub use pasted::{is_number, lone_bullet, spaced_item, tab_block, tab_cells, Marker, TabBlock};
mod sanitize;
mod video;

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

use crate::links::{self, escape_href};
use crate::slug::slugify;

/// The escaper of every text warta puts into HTML (see [`crate::links`]).
pub use crate::links::escape_html;

pub use pasted::{hyphen_join, wrapped_breaks, HyphenJoin, OwnDateline, WRAP_CHARS};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
pub use sanitize::sanitize;
use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// What the Markdown stage needs to know about the page being rendered.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The release's dateline, inserted at the start of the first paragraph as
    /// `<span class="dateline">Denpasar (Humas Bali)</span> – ` (HTML-escaped). A body that
    /// starts with the same dateline typed by hand loses the typed one. None: no dateline
    /// (standalone pages).
    pub dateline: Option<OwnDateline<'a>>,
    /// The site's base path, always starting and ending with '/': "/" or "/humas/".
    pub base_path: &'a str,
    /// The page's own URL path, starting and ending with '/': "/humas/2023/05/workshop/".
    pub page_path: &'a str,
    /// Author initials of the release. The theme prints them after the last paragraph, so
    /// initials typed at the end of the body ("… sosial.(sn)", or "(sn/ra)" alone, any case)
    /// are left out. Empty slice: leave everything.
    pub signature: &'a [String],
    /// The names of the authors of `signature`, in its order (`Sri Nadi` for `sn`): a body
    /// that ends with a writer's name in parentheses ("… sosial. (Sri Nadi)") loses it too.
    pub writers: &'a [String],
    /// The line of the file on which the body starts, so that notes and references name the
    /// file's lines (1 for a body on its own).
    pub first_line: usize,
    /// The photos of the release's bundle by site path, as published in several sizes: an
    /// image of one becomes a responsive `<picture>`, a link to one opens its largest size.
    pub pictures: Option<&'a Pictures>,
    /// The title the page prints above the body: a body pasted whole that starts with it (as
    /// `# Judul`, or the headline in capitals) loses the typed one.
    pub title: Option<&'a str>,
    /// Whether raw HTML goes onto the page as written (`unsafe_html: true`). Otherwise the
    /// sanitiser removes what a release may not carry, and the body is read for it first: a
    /// video player's embed code becomes the video, as its link alone on a line does, and
    /// every frame, script, style or form left out is named in a note at its line.
    pub raw_html: bool,
    /// The hashtags every caption of the release carries (the site's and the unit's, `#`
    /// first): closing hashtags of the body that are these are not named as topics to write.
    pub hashtags: &'a [String],
}

/// Photos published in several sizes, by the site path of the original
/// (`2023/05/rapat/IMG 0012.JPG`).
pub type Pictures = std::collections::HashMap<String, Picture>;

/// A photo as a page shows it: every URL site-relative with the base path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// The middle size in the original's format, for browsers that read no `srcset`.
    pub src: String,
    /// `url 480w, url 960w, …` in the original's format, and in WebP.
    pub srcset: String,
    pub webp_srcset: String,
    /// Of the largest size: the shape the page reserves before the photo arrives.
    pub width: u32,
    pub height: u32,
    /// The largest size, which a link to the photo opens.
    pub largest: String,
}

/// The `sizes` of a photo in a release's column (the default theme's `--measure`, 42rem, with
/// 1rem of margin on each side on a phone).
pub const COLUMN_SIZES: &str = "(min-width: 44rem) 42rem, calc(100vw - 2rem)";

impl Picture {
    /// `<picture>` with a WebP source and the fallback `<img>`; `alt` and `title` are escaped
    /// here.
    pub fn html(&self, alt: &str, title: Option<&str>) -> String {
        let mut html = format!(
            "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{COLUMN_SIZES}\">\
             <img src=\"{}\" srcset=\"{}\" sizes=\"{COLUMN_SIZES}\" width=\"{}\" height=\"{}\" \
             alt=\"{}\"",
            escape_html(&self.webp_srcset),
            escape_href(&self.src),
            escape_html(&self.srcset),
            self.width,
            self.height,
            escape_html(alt)
        );
        if let Some(title) = title.filter(|t| !t.is_empty()) {
            html.push_str(&format!(" title=\"{}\"", escape_html(title)));
        }
        html.push_str(" loading=\"lazy\" decoding=\"async\"></picture>");
        html
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The body as HTML.
    pub html: String,
    /// The first paragraph as plain text (no markup, whitespace collapsed; the dateline is NOT part of it). Empty if there is none.
    pub first_paragraph: String,
    /// Number of words in the body's text (for reading time).
    pub words: usize,
    /// What the writer typed that warta left out or that should be looked at, by line.
    pub notes: Vec<Note>,
    /// Every link and image to a file of the site, to check that the file exists.
    pub references: Vec<Reference>,
    /// How many videos the body embeds (the page then loads the theme's player script).
    pub videos: usize,
    /// The editor's initials typed after the writer's at the body's end ("ed" of "(sn/ed)"),
    /// which the page prints after the writer's.
    pub editors: Vec<String>,
    /// The place of the dateline typed at the body's start, when it is the release's
    /// ([`pasted::TypedDateline::place`]): the dateline printed names it.
    pub place: Option<String>,
    /// Images and links to a file on the writer's own computer (`C:\Users\…\foto.jpg`,
    /// `file:///…`), which no reader can open: errors, each at its line.
    pub local_files: Vec<LocalFile>,
    /// Whether the writer put anything in the body that only the sanitiser may judge: raw HTML,
    /// heading attributes, or a link or image whose address is not relative, `http(s):`,
    /// `mailto:` or `tel:`. Everything else warta escapes itself, so a body without any of these
    /// comes out of the sanitiser unchanged (the fuzz harness checks it) and skips it.
    pub needs_sanitizing: bool,
}

/// A remark about the body, at a line of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub line: usize,
    pub message: String,
}

/// An image or link to a file on the writer's computer ([`Rendered::local_files`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalFile {
    /// As written in the Markdown.
    pub written: String,
    /// The file's name, the last part of the path: what the writer is to write instead once
    /// the file is in the site.
    pub name: String,
    pub line: usize,
    pub image: bool,
    /// For an image given as the page of a photo service that shows it (a share link of Google
    /// Drive, Instagram…, [`links::photo_page`]), the service: not a file on the computer, but
    /// as broken on the page.
    pub service: Option<&'static str>,
}

/// A link or image to a path of the site, as written and as resolved.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Reference {
    /// As written in the Markdown.
    pub written: String,
    /// The site path it points to, percent-decoded, without the base path, query or fragment:
    /// `2023/05/workshop/jadwal acara.pdf`, `img/logo.png`.
    pub site_path: String,
    /// The line of the file.
    pub line: usize,
    pub image: bool,
}

/// Class style shared by `render` and `highlight_css`.
const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };
/// Code blocks larger than this are not highlighted (keeps hostile input cheap).
const MAX_HIGHLIGHT_BYTES: usize = 256 * 1024;
/// Id used for headings whose text gives an empty slug.
const FALLBACK_ID: &str = "bagian";

/// Render a Markdown body to HTML for the page described by `cx`.
pub fn render(source: &str, cx: &Context<'_>) -> Rendered {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    // Spaces no one sees, which text copied from a web page brings (U+200B, U+2060): a
    // dateline or the initials behind one were not found, and printed twice (found by
    // helper-33, stop 67). No newline is removed, so lines stay the file's.
    let visible = pasted::without_invisible_spaces(source);
    let source = visible.as_deref().unwrap_or(source);
    // Addresses typed with spaces, in brackets: no newline is added, so lines stay the file's.
    // Text typed indented (a Tab at each paragraph's start), which Markdown took for code.
    let dedented = pasted::indented_text(source, options);
    let source = dedented.as_deref().unwrap_or(source);
    let bracketed = pasted::spaced_destinations(source, options);
    let source = bracketed.as_deref().unwrap_or(source);
    // The e-mail a release was pasted with: its header and note blanked, its signature cut.
    let mail = pasted::mail_wrapping(source, cx.dateline.as_ref());
    let source = mail.as_ref().map_or(source, |(s, _)| s.as_str());
    // The page numbers and headers of a PDF the text was copied from.
    let page = pasted::PageLines::find(source);
    let source = match &page {
        Some((_, Some(unmarked))) => unmarked.as_str(),
        _ => source,
    };
    let (mut events, mut ranges): (Vec<Event<'_>>, Vec<Range<usize>>) =
        Parser::new_ext(source, options).into_offset_iter().unzip();
    let page_note =
        page.as_ref().map(|(page, _)| pasted::page_furniture(page, &mut events, &mut ranges));
    pasted::bracketed_words(&mut events);
    // Control characters never come from a file (load refuses them), but the stage is pure. A
    // CR not followed by LF (an old Mac's line end) passes pulldown-cmark into code blocks as it
    // is, and the sanitiser makes it a LF as browsers do: let the sanitiser have it.
    let lone_cr =
        source.match_indices('\r').any(|(i, _)| source.as_bytes().get(i + 1) != Some(&b'\n'));
    let needs_sanitizing = events.iter().any(written_markup)
        || lone_cr
        || source.bytes().any(|b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'));
    // Paragraphs typed under a list without a blank line, which its last item took in.
    pasted::lazy_lines(source, &mut events, &mut ranges);
    pasted::underlined_text(source, &mut events, &mut ranges);
    pasted::tab_tables(source, &mut events, &mut ranges);
    pasted::split_lines(source, &mut events, &mut ranges);
    // A photo's caption typed under it ("Keterangan foto: …"), its caption.
    let caption_note = pasted::photo_captions(&mut events, &mut ranges);
    pasted::closing_lines(source, &mut events, &mut ranges);
    let credits = pasted::credit_lines(source, &mut events, &mut ranges);
    let ends = match_ends(&events);
    let blocks = top_level_blocks(&ends);
    let mut notes: Vec<pasted::Note> = mail.as_ref().map(|(_, n)| n.clone()).unwrap_or_default();
    notes.extend(page_note);
    notes.extend(caption_note);
    notes.extend(web_addresses_without_scheme(&mut events, &ranges));

    // The blocks left out: the title typed again, an end mark, a paragraph of nothing but the
    // writer's initials (sorted once all are known).
    let mut dropped: Vec<usize> = Vec::new();
    // A press release pasted whole starts with its letterhead ("SIARAN PERS", "Nomor: …"),
    // which the page, being the release, does not print: it goes.
    let is_letterhead = |b: usize| {
        matches!(events[b], Event::Start(Tag::Paragraph | Tag::Heading { .. })) && {
            let lines = pasted::line_texts(&events, &ends, b);
            !lines.is_empty() && lines.iter().all(|l| crate::press::is_letterhead(l))
        }
    };
    // Above "SIARAN PERS", the office's own letterhead too, as a PDF of the release has it.
    let lead: Vec<Vec<String>> = blocks
        .iter()
        .take(8)
        .map_while(|&b| {
            matches!(events[b], Event::Start(Tag::Paragraph | Tag::Heading { .. }))
                .then(|| pasted::line_texts(&events, &ends, b))
        })
        .collect();
    let letterhead: Vec<usize> = blocks[..crate::press::letterhead_len(&lead)].to_vec();
    if let Some(&first) = letterhead.first() {
        let lines: Vec<String> = letterhead
            .iter()
            .flat_map(|&b| pasted::line_texts(&events, &ends, b))
            .map(|l| format!("\"{}\"", collapse_whitespace(&l)))
            .collect();
        let message = format!(
            "the body starts with the letterhead of a press release ({}); the page is the \
             release, so it was left out: delete it from the file",
            lines.join(", ")
        );
        notes.push(pasted::Note { offset: ranges[first].start, message });
        dropped.extend(&letterhead);
    }
    // A body pasted whole starts with the headline, which the page prints above it: it goes.
    let after_letterhead = &blocks[letterhead.len()..];
    let headline = cx.title.and_then(|t| repeated_title(&events, &ends, after_letterhead, t));
    // Under a letterhead and above the dateline, the release's own headline, even when the
    // title given is another: printed, it came after warta's dateline, and the typed
    // dateline under it a second time.
    let own_headline = match cx.title {
        Some(title) if headline.is_none() && !letterhead.is_empty() => {
            headline_above_dateline(&events, &ends, after_letterhead).map(|(b, t)| (b, t, title))
        }
        _ => None,
    };
    if let Some((b, typed, title)) = &own_headline {
        let message = format!(
            "the body starts with the release's headline under its letterhead (\"{typed}\"); \
             the page prints the title (\"{title}\") above the text, so it was left out: \
             delete it from the file, or make it the title"
        );
        notes.push(pasted::Note { offset: ranges[*b].start, message });
        dropped.push(*b);
    }
    if let Some((b, title)) = &headline {
        let message = format!(
            "the body starts with the title (\"{title}\"); the page prints the title itself, \
             so the typed one was left out: delete it from the file"
        );
        notes.push(pasted::Note { offset: ranges[*b].start, message });
        dropped.push(*b);
        // A post's place and day under its headline ("📍 Denpasar, 16 Mei 2023"), as a
        // letter's above it: the page prints both.
        let next = blocks.iter().position(|x| x == b).map_or(blocks.len(), |k| k + 1);
        for &line in blocks[next..].iter().take(2).take_while(|&&x| is_letterhead(x)) {
            let text = pasted::line_texts(&events, &ends, line).join(" ");
            let message = format!(
                "the line under the title (\"{}\") is the release's place and day, which the \
                 page prints itself, so it was left out: delete it from the file",
                collapse_whitespace(&text)
            );
            notes.push(pasted::Note { offset: ranges[line].start, message });
            dropped.push(line);
        }
    }
    let headline = headline.map(|(b, _)| b).or(own_headline.map(|(b, ..)| b));
    // The last block (footnote definitions aside) goes when it is an end mark (`###`,
    // `-selesai-`): the page ends the release with the writer's initials.
    let mut tail = blocks
        .iter()
        .rev()
        .copied()
        .filter(|&b| !matches!(events[b], Event::Start(Tag::FootnoteDefinition(_))))
        .filter(|&b| Some(b) != headline)
        .peekable();
    let mut last = tail.next();
    // Below the text may also be a post's closing line of hashtags ("#HariSantri2023
    // #KemenagBali"), which hid the initials above it: it goes, and is named as the release's
    // topics to write. The lowest is read first; the note names them top down.
    let mut hashtags: Vec<(usize, String)> = Vec::new();
    while let Some(b) = last {
        if is_end_mark_block(&events, &ends, source, ranges[b].clone(), b) {
            // A paragraph's own text: one that `split_lines` made has an empty source range.
            let mark = match events[b] {
                Event::Start(Tag::Paragraph) => plain_text(inner(&events, &ends, b), false),
                _ => source[ranges[b].clone()].to_string(),
            };
            let mark = collapse_whitespace(&mark);
            let message = format!(
                "the body ends with an end mark (\"{mark}\"); the page ends the release with \
                 the writer's initials, so it was left out: delete it from the file"
            );
            notes.push(pasted::Note { offset: ranges[b].start, message });
        } else if let Some(line) = hashtag_paragraph(&events, &ends, b)
            .filter(|_| !tail.peek().is_some_and(|&above| introduces(&events, &ends, above)))
        {
            hashtags.push((b, line));
        } else {
            break;
        }
        dropped.push(b);
        last = tail.next();
    }
    if let Some(&(top, _)) = hashtags.last() {
        hashtags.reverse();
        let lines: Vec<&str> = hashtags.iter().map(|(_, l)| l.as_str()).collect();
        let words = lines.iter().filter_map(|l| crate::press::hashtag_line(l)).flatten();
        let topics = crate::press::Topics::new(words, cx.hashtags);
        let typed = lines.join(" ");
        let message = match (topics.tags.is_empty(), topics.own_said()) {
            (true, Some(own)) => format!(
                "the body ends with hashtags (\"{typed}\"): {own}, so they were left out: \
                 delete them from the file"
            ),
            (_, own) => format!(
                "the body ends with hashtags (\"{typed}\"); a page shows its topics, and its \
                 captions make their hashtags, from 'tags:', so they were left out: write them \
                 as {} and delete them from the file{}",
                topics.tags_line(),
                own.map(|o| format!(" ({o})")).unwrap_or_default()
            ),
        };
        notes.push(pasted::Note { offset: ranges[top].start, message });
    }
    // Credits under the text ("Pewarta: …", "Editor: …") stay; the initials are above them.
    // (Both from the end up.)
    // Printed in a `<div class="credits">` of their own, under which a theme puts the
    // initials (the release's text ends with them; the credits are under it).
    let credits_span =
        credits.iter().copied().min().zip(credits.iter().max().map(|&c| ends[c] + 1));
    let mut credits = credits.into_iter();
    while last.is_some() && last == credits.next() {
        last = tail.next();
    }
    // The last paragraph then loses initials typed at its end; when nothing else is left of
    // it, it goes.
    let mut editors = Vec::new();
    if let Some(b) = last.filter(|&b| matches!(events[b], Event::Start(Tag::Paragraph))) {
        if let Some(typed) =
            pasted::strip_initials(&mut events, &ranges, b, cx.signature, cx.writers)
        {
            notes.extend(typed.note);
            if typed.empty {
                dropped.push(b);
            }
            editors = typed.editors;
        }
    }
    dropped.sort_unstable();

    // Each video with its label (HTML-escaped): a link's text, or the title of a player's
    // embed code.
    let videos: HashMap<usize, (video::Video, String)> = blocks
        .iter()
        .filter_map(|&b| {
            let label = |e: &[Event<'_>]| escape_html(&collapse_whitespace(&plain_text(e, true)));
            if let Some(v) = paragraph_video(&events, &ends, b) {
                return Some((b, (v, label(inner(&events, &ends, b)))));
            }
            let (v, title) = embedded_video(&events, &ends, b).filter(|_| !cx.raw_html)?;
            let label = escape_html(title.as_deref().unwrap_or(&v.watch));
            Some((b, (v, label)))
        })
        .collect();
    if !cx.raw_html {
        notes.extend(removed_html(&events, &ranges, |i| {
            videos.keys().any(|&b| (b..=ends[b]).contains(&i))
        }));
    }
    // The lead: the first top-level paragraph with text of its own (photo-only paragraphs and
    // videos skipped).
    let is_lead = |events: &[Event<'_>], dropped: &[usize], b: usize| {
        !dropped.contains(&b)
            && !videos.contains_key(&b)
            && matches!(events[b], Event::Start(Tag::Paragraph))
            && !plain_text(inner(events, &ends, b), false).trim().is_empty()
    };
    let mut lead = blocks.iter().copied().find(|&b| is_lead(&events, &dropped, b));
    let mut place = None;
    if let (Some(b), Some(own)) = (lead, cx.dateline.as_ref()) {
        if let Some(typed) = pasted::strip_dateline(&mut events, &ranges, b, own) {
            notes.push(typed.note);
            place = typed.place;
        }
        // A dateline typed on a line of its own leaves its paragraph empty: it goes, and the
        // next paragraph is the lead (found by helper-33, stop 67: an empty first paragraph
        // held warta's dateline alone).
        let pictured =
            inner(&events, &ends, b).iter().any(|e| matches!(e, Event::Start(Tag::Image { .. })));
        if !pictured && plain_text(inner(&events, &ends, b), false).trim().is_empty() {
            dropped.push(b);
            dropped.sort_unstable();
            lead =
                blocks.iter().copied().find(|&next| next > b && is_lead(&events, &dropped, next));
        }
    }
    let first_paragraph = lead
        .map(|b| collapse_whitespace(&plain_text(inner(&events, &ends, b), false)))
        .unwrap_or_default();
    // The words of the text between the blocks left out.
    let mut words = 0;
    let mut from = 0;
    for &b in &dropped {
        words += count_words(&events[from..b]);
        from = ends[b] + 1;
    }
    words += count_words(&events[from..]);
    let dateline = cx
        .dateline
        .map(|d| match (place.as_deref().unwrap_or(d.place).trim(), d.short.trim()) {
            (place, "") => place.to_string(),
            (place, short) => format!("{place} ({short})"),
        })
        .filter(|d| !d.is_empty())
        .map(|d| format!("<span class=\"dateline\">{}</span> – ", escape_html(d.trim())));
    let mut ids = heading_ids(&events, &ends);
    let lines = LineIndex::new(source, cx.first_line);
    let local_files = local_files(&events, &ranges, &lines);
    let mut references = Vec::new();

    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len() + 2);
    let mut i = 0;
    while i < events.len() {
        let end = ends[i];
        match credits_span {
            Some((open, _)) if open == i => {
                out.push(Event::Html("<div class=\"credits\">\n".into()))
            }
            Some((_, close)) if close == i => out.push(Event::Html("</div>\n".into())),
            _ => {}
        }
        if dropped.contains(&i) {
            i = end + 1;
            continue;
        }
        if let Some((v, label)) = videos.get(&i) {
            out.push(Event::Html(video::html(v, label).into()));
            i = end + 1;
            continue;
        }
        match &events[i] {
            Event::Start(Tag::Paragraph) if Some(i) == lead => {
                out.push(Event::Start(Tag::Paragraph));
                if let Some(d) = &dateline {
                    out.push(Event::InlineHtml(d.clone().into()));
                }
            }
            Event::Start(Tag::Paragraph) if figure_title(&events, &ends, i).is_some() => {
                let title = figure_title(&events, &ends, i).unwrap_or_default();
                references.extend(reference(&events[i + 1], ranges[i + 1].start, &lines, cx));
                let img = image_html(inner(&events, &ends, i), cx, false);
                let html = format!(
                    "<figure>{img}<figcaption>{}</figcaption></figure>\n",
                    escape_html(&title)
                );
                out.push(Event::Html(html.into()));
                i = end + 1;
                continue;
            }
            Event::Start(Tag::Image { .. }) => {
                references.extend(reference(&events[i], ranges[i].start, &lines, cx));
                out.push(Event::InlineHtml(image_html(&events[i..=end], cx, true).into()));
                i = end + 1;
                continue;
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next(),
                    CodeBlockKind::Indented => None,
                };
                let mut code: String = inner(&events, &ends, i)
                    .iter()
                    .filter_map(|e| match e {
                        Event::Text(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                if !code.is_empty() && !code.ends_with('\n') {
                    code.push('\n');
                }
                out.push(Event::Html(code_block_html(lang, &code).into()));
                i = end + 1;
                continue;
            }
            _ => {
                references.extend(reference(&events[i], ranges[i].start, &lines, cx));
                let mut event = std::mem::replace(&mut events[i], Event::SoftBreak);
                match &mut event {
                    Event::Start(Tag::Heading { id, .. }) => {
                        *id = ids.remove(&i).map(CowStr::from);
                    }
                    Event::Start(Tag::Link { link_type, dest_url, .. })
                        if *link_type != LinkType::Email =>
                    {
                        if let Some(url) = rewrite_url(dest_url, cx) {
                            *dest_url = match picture(&url, cx) {
                                Some(p) => p.largest.clone().into(),
                                None => url.into(),
                            };
                        }
                    }
                    _ => {}
                }
                out.push(event);
            }
        }
        i += 1;
    }
    if credits_span.is_some_and(|(_, close)| close >= events.len()) {
        out.push(Event::Html("</div>\n".into()));
    }

    let mut html = String::with_capacity(source.len() * 3 / 2 + 64);
    pulldown_cmark::html::push_html(&mut html, labelled_tasks(linked(out)).into_iter());
    let notes = notes
        .into_iter()
        .map(|n| Note { line: lines.line(n.offset), message: n.message })
        .collect();
    Rendered {
        html,
        first_paragraph,
        words,
        notes,
        references,
        videos: videos.len(),
        editors,
        place,
        local_files,
        needs_sanitizing,
    }
}

/// Whether the block at `b` is an end mark, as press releases end: `###` (an empty heading),
/// `***` (a rule), a paragraph or heading of [`is_end_mark`] text (`# # #`), or a one-line list
/// that is one as written (`- 30 -`, `- selesai -`: Markdown reads the first dash as a bullet).
fn is_end_mark_block(
    events: &[Event<'_>],
    ends: &[usize],
    source: &str,
    range: Range<usize>,
    b: usize,
) -> bool {
    match &events[b] {
        Event::Rule => true,
        Event::Start(Tag::Heading { .. }) => {
            let text = plain_text(inner(events, ends, b), false);
            text.trim().is_empty() || is_end_mark(&text)
        }
        // Not an empty one: a photo alone is a paragraph without text.
        Event::Start(Tag::Paragraph) => is_end_mark(&plain_text(inner(events, ends, b), false)),
        Event::Start(Tag::List(None)) => {
            let written = source[range].trim();
            !written.contains('\n') && is_end_mark(written)
        }
        _ => false,
    }
}

/// Whether the block at `b` closes a body as a post's line of hashtags does, or an end mark
/// ([`is_end_mark_block`]): what is below the text, the writer's initials and the credits.
fn is_closing_block(
    events: &[Event<'_>],
    ends: &[usize],
    source: &str,
    range: Range<usize>,
    b: usize,
) -> bool {
    hashtag_paragraph(events, ends, b).is_some()
        || is_end_mark_block(events, ends, source, range, b)
}

/// Whether the paragraph at `b` introduces what follows it, ending with a colon ("Gunakan
/// tagar berikut:"): hashtags under it are the text's, not a post's closing line.
fn introduces(events: &[Event<'_>], ends: &[usize], b: usize) -> bool {
    matches!(events[b], Event::Start(Tag::Paragraph))
        && plain_text(inner(events, ends, b), false).trim_end().ends_with(':')
}

/// The text of the paragraph at `b` when it is a line of hashtags and nothing else
/// ([`crate::press::hashtag_line`]), whitespace collapsed.
fn hashtag_paragraph(events: &[Event<'_>], ends: &[usize], b: usize) -> Option<String> {
    matches!(events[b], Event::Start(Tag::Paragraph))
        .then(|| collapse_whitespace(&plain_text(inner(events, ends, b), false)))
        .filter(|l| crate::press::hashtag_line(l).is_some())
}

/// Whether a line of text is an end mark, as press releases end: `###`, `***`, `-selesai-`,
/// `(selesai)`, `--end--`, `-o-`, `-30-`: marks, around nothing or around one of the words
/// such a mark holds.
pub fn is_end_mark(text: &str) -> bool {
    const MARKS: &[char] = &['-', '–', '—', '*', '#', '=', '~', '_', '(', ')', '[', ']', '.'];
    const WORDS: [&str; 8] = ["", "end", "selesai", "tamat", "habis", "o", "0", "30"];
    let word: String = text
        .chars()
        .filter(|c| !MARKS.contains(c) && !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    text.chars().count() <= 24
        && WORDS.contains(&word.as_str())
        && text.contains(['-', '–', '—', '*', '#', '=', '~', '(', '['])
}

/// The first top-level block of the body, with its text, when it is the title typed again: a
/// paragraph or heading whose words are the title's, whatever their case and punctuation
/// (`# Kepala Kantor Buka Rapat`, `KEPALA KANTOR BUKA RAPAT`, `**Kepala Kantor Buka Rapat.**`).
fn repeated_title(
    events: &[Event<'_>],
    ends: &[usize],
    blocks: &[usize],
    title: &str,
) -> Option<(usize, String)> {
    let &b = blocks.first()?;
    if !matches!(events[b], Event::Start(Tag::Paragraph | Tag::Heading { .. })) {
        return None;
    }
    let text = collapse_whitespace(&plain_text(inner(events, ends, b), false));
    let slug = slugify(&text);
    (!slug.is_empty() && slug == slugify(title)).then_some((b, text))
}

/// The first of `blocks` when it is a headline with a typed dateline starting the block under
/// it: a paragraph or heading of a line or two, not ending a sentence.
fn headline_above_dateline(
    events: &[Event<'_>],
    ends: &[usize],
    blocks: &[usize],
) -> Option<(usize, String)> {
    let (&b, &next) = (blocks.first()?, blocks.get(1)?);
    let text_block =
        |b: usize| matches!(events[b], Event::Start(Tag::Paragraph | Tag::Heading { .. }));
    if !text_block(b) || !matches!(events[next], Event::Start(Tag::Paragraph)) {
        return None;
    }
    let lines = pasted::line_texts(events, ends, b);
    let text = collapse_whitespace(&lines.join(" "));
    let short = lines.len() <= 2 && (1..=200).contains(&text.chars().count());
    let first = pasted::line_texts(events, ends, next).into_iter().next().unwrap_or_default();
    (short
        && !text.ends_with(['.', '!', '?', ':'])
        && crate::press::leading_dateline(first.trim_start()).is_some())
    .then_some((b, text))
}

/// The images and links of the body to a file on the writer's computer: a Windows path
/// (`C:\Users\Humas\Pictures\rapat 1.jpg`, `\\server\share\…`) or a `file:` address,
/// which a browser on another computer cannot open (the page showed a photo without its
/// source, or the Markdown as text); and its images given as a photo service's page.
fn local_files(events: &[Event<'_>], ranges: &[Range<usize>], lines: &LineIndex) -> Vec<LocalFile> {
    events
        .iter()
        .zip(ranges)
        .filter_map(|(event, range)| {
            let (dest, image) = match event {
                Event::Start(Tag::Image { dest_url, .. }) => (dest_url, true),
                Event::Start(Tag::Link { dest_url, link_type, .. })
                    if *link_type != LinkType::Email =>
                {
                    (dest_url, false)
                }
                _ => return None,
            };
            let service = image.then(|| links::photo_page(dest)).flatten();
            if !is_local_path(dest) && service.is_none() {
                return None;
            }
            let name = dest.rsplit(['\\', '/']).next().unwrap_or_default();
            Some(LocalFile {
                written: dest.to_string(),
                name: links::decode(name).into_owned(),
                line: lines.line(range.start),
                image,
                service,
            })
        })
        .collect()
}

/// The body's events with every web or e-mail address written as text made a link, as Hugo
/// and WordPress make them: `https://…`, `www.…`, the short links offices share (`wa.me/…`,
/// `bit.ly/…`, `s.id/…`) and `humas@kemenag.go.id`. Text in a link, an image's words and
/// code stay as they are.
fn linked(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out = Vec::with_capacity(events.len());
    // Inside a link or image of Markdown, or an `<a>` of raw HTML.
    let mut inside = 0usize;
    // The texts read since the last other event: the parser splits a text at every `_` or `*`
    // that might open emphasis (`Bali_(pulau)`), and an address can hold them.
    let mut texts: Vec<CowStr<'_>> = Vec::new();
    for event in events {
        match event {
            Event::Text(t) if inside == 0 => {
                texts.push(t);
                continue;
            }
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => inside += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => inside = inside.saturating_sub(1),
            Event::InlineHtml(ref html) | Event::Html(ref html) => {
                let lower = html.trim_start().to_ascii_lowercase();
                if lower.starts_with("</a") {
                    inside = inside.saturating_sub(1);
                } else if lower.starts_with("<a ") || lower.starts_with("<a>") {
                    inside += 1;
                }
            }
            _ => {}
        }
        push_linked(&mut out, std::mem::take(&mut texts));
        out.push(event);
    }
    push_linked(&mut out, texts);
    out
}

/// `texts` (one run of text) as events, its addresses made links ([`linked`]); as they were,
/// without a copy, when it holds none.
fn push_linked<'a>(out: &mut Vec<Event<'a>>, texts: Vec<CowStr<'a>>) {
    let joined: std::borrow::Cow<'_, str> = match texts.as_slice() {
        [] => return,
        [one] => std::borrow::Cow::Borrowed(one.as_ref()),
        many => std::borrow::Cow::Owned(many.iter().map(|t| t.as_ref()).collect()),
    };
    let found = addresses(&joined);
    if found.is_empty() {
        out.extend(texts.into_iter().map(Event::Text));
        return;
    }
    let text = joined.into_owned();
    let mut at = 0;
    for (range, href) in found {
        if at < range.start {
            out.push(Event::Text(text[at..range.start].to_string().into()));
        }
        out.push(Event::Start(Tag::Link {
            link_type: LinkType::Inline,
            dest_url: href.into(),
            title: "".into(),
            id: "".into(),
        }));
        out.push(Event::Text(text[range.clone()].to_string().into()));
        out.push(Event::End(TagEnd::Link));
        at = range.end;
    }
    if at < text.len() {
        out.push(Event::Text(text[at..].to_string().into()));
    }
}

/// The hosts of the short links offices share: an address of one is a web address, in a text
/// ([`addresses`], with a path) and in a link written without `https://`
/// ([`web_address_without_scheme`]).
const SHORT_HOSTS: [&str; 5] = ["wa.me", "bit.ly", "s.id", "t.me", "youtu.be"];

/// The web and e-mail addresses in a text ([`linked`]), each with the address it links to.
fn addresses(text: &str) -> Vec<(Range<usize>, String)> {
    static ADDRESS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        let short = SHORT_HOSTS.map(regex::escape).join("|");
        regex::Regex::new(&format!(
            r"(?i)\b(?:https?://|www\.[a-z0-9-]+\.|(?:{short})/)[^\s<>]*|\b[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{{2,}}\b"
        ))
        .expect("a valid pattern")
    });
    if !text.contains(['/', '.', '@']) {
        return Vec::new();
    }
    ADDRESS
        .find_iter(text)
        .filter_map(|m| {
            let written = trim_address(m.as_str());
            let range = m.start()..m.start() + written.len();
            let lower = written.to_ascii_lowercase();
            let href = if lower.starts_with("http://") || lower.starts_with("https://") {
                // `https://` alone, or a scheme with nothing after it, is no address.
                if !written.split_once("://").is_some_and(|(_, rest)| rest.contains('.')) {
                    return None;
                }
                written.to_string()
            } else if written.contains('@') && !written.contains('/') {
                format!("mailto:{written}")
            } else {
                format!("https://{written}")
            };
            Some((range, href))
        })
        .collect()
}

/// An address found in text without what follows it in the sentence: trailing punctuation
/// (`.`, `,`, `:`, `;`, `!`, `?`, quotes) and a closing bracket that opens nowhere in it
/// ("(lihat https://kemenag.go.id/a)"). The brackets are counted once: an address of a
/// thousand `)` is trimmed in one pass, not a thousand.
fn trim_address(found: &str) -> &str {
    let count = |c: char| found.matches(c).count();
    let (open_round, mut close_round) = (count('('), count(')'));
    let (open_square, mut close_square) = (count('['), count(']'));
    let mut end = found.len();
    while let Some(last) = found[..end].chars().next_back() {
        if last == ')' && close_round > open_round {
            close_round -= 1;
        } else if last == ']' && close_square > open_square {
            close_square -= 1;
        } else if !".,:;!?'\"*_".contains(last) {
            break;
        }
        end -= last.len_utf8();
    }
    &found[..end]
}

/// Gives `https://` to every link and image address written as a web site's without it
/// (`[situs kami](www.kemenag.go.id)`), which a browser reads as a path of the site: the page
/// linked to a page of its own that is not there, or the build called it a missing file. Each
/// is named in a note at its line.
fn web_addresses_without_scheme(
    events: &mut [Event<'_>],
    ranges: &[Range<usize>],
) -> Vec<pasted::Note> {
    let mut notes = Vec::new();
    for (event, range) in events.iter_mut().zip(ranges) {
        let (Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. })) =
            event
        else {
            continue;
        };
        if let Some(fixed) = web_address_without_scheme(dest_url) {
            let message = format!(
                "the address \"{dest_url}\" has no https:// and would lead to a page of this \
                 site: it was read as {fixed}; write it so"
            );
            notes.push(pasted::Note { offset: range.start, message });
            *dest_url = fixed.into();
        }
    }
    notes
}

/// The address with `https://`, when `address` is a web site's written without it: its first
/// part a host name that starts with `www.` or ends in a web domain (`kemenag.go.id`,
/// `example.com`), which no file of a site is named like.
fn web_address_without_scheme(address: &str) -> Option<String> {
    /// Endings of host names that are no file's extension.
    const DOMAINS: [&str; 9] =
        [".id", ".com", ".org", ".net", ".info", ".gov", ".edu", ".int", ".asia"];
    let address = address.trim();
    let host = address.split(['/', '?', '#']).next().unwrap_or("").to_ascii_lowercase();
    let labels = host.split('.').count();
    let host_like = labels >= 2
        && host
            .split('.')
            .all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
    let web = host.starts_with("www.") && labels >= 3
        || DOMAINS.iter().any(|d| host.ends_with(d))
        || SHORT_HOSTS.contains(&host.as_str());
    (host_like && web).then(|| format!("https://{address}"))
}

/// Whether an address is a file on the writer's computer: a drive letter (`C:\`, `D:/`), a
/// path from a drive's root or a network share (`\Users`, `\\server\`) or a `file:` address.
pub(crate) fn is_local_path(address: &str) -> bool {
    // Its start alone decides (the rest of a text may follow it: `pasted::spaced_destination`).
    let address = address.trim_start();
    let bytes = address.as_bytes();
    let drive = bytes.len() > 2
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && matches!(bytes[2], b'\\' | b'/');
    // A share's `\\server` reaches here as `\server`: Markdown reads `\\` as one backslash.
    drive
        || address.starts_with('\\')
        || address.get(..5).is_some_and(|s| s.eq_ignore_ascii_case("file:"))
}

/// Whether an event of the parsed body carries markup the writer wrote rather than warta: see
/// [`Rendered::needs_sanitizing`].
fn written_markup(event: &Event<'_>) -> bool {
    match event {
        Event::Html(_) | Event::InlineHtml(_) => true,
        Event::Start(Tag::Heading { attrs, classes, .. }) => {
            !attrs.is_empty() || !classes.is_empty()
        }
        Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
            !is_plain_address(dest_url)
        }
        _ => false,
    }
}

/// A relative address (no `:` before its first `/`, `?` or `#`) or one of the schemes a page
/// may link to, with nothing a browser would strip or read differently in it.
fn is_plain_address(url: &str) -> bool {
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return false;
    }
    let head = url.split(['/', '?', '#']).next().unwrap_or("");
    if !head.contains(':') {
        return true;
    }
    let lower = url.to_ascii_lowercase();
    ["http://", "https://", "mailto:", "tel:"].iter().any(|s| lower.starts_with(s))
}

/// The video of a top-level paragraph that holds nothing but one link to it (a bare address, an
/// `<autolink>` or `[text](address)`).
fn paragraph_video(events: &[Event<'_>], ends: &[usize], b: usize) -> Option<video::Video> {
    if !matches!(events[b], Event::Start(Tag::Paragraph)) {
        return None;
    }
    match inner(events, ends, b) {
        [Event::Text(t)] => video::parse(t),
        [Event::Start(Tag::Link { dest_url, .. }), rest @ ..]
            if ends[b + 1] + 1 == ends[b]
                && rest.iter().all(|e| !matches!(e, Event::Start(Tag::Image { .. }))) =>
        {
            video::parse(dest_url)
        }
        _ => None,
    }
}

/// The video of a top-level block of raw HTML that is a player's embed code pasted whole
/// ([`video::embedded`]), with the player's title.
fn embedded_video(
    events: &[Event<'_>],
    ends: &[usize],
    b: usize,
) -> Option<(video::Video, Option<String>)> {
    if !matches!(events[b], Event::Start(Tag::HtmlBlock)) {
        return None;
    }
    let html: String = inner(events, ends, b)
        .iter()
        .map(|e| match e {
            Event::Html(t) | Event::InlineHtml(t) | Event::Text(t) => t.as_ref(),
            _ => "",
        })
        .collect();
    video::embedded(&html)
}

/// The elements of raw HTML the sanitiser removes from the page, each named in a note at the
/// line it opens on (once per element and line), but for the events `skipped` gives (the embed
/// codes read as videos). The writer pasted them to show something: a frame that is not a
/// video player (a map), a form, a script.
fn removed_html(
    events: &[Event<'_>],
    ranges: &[Range<usize>],
    skipped: impl Fn(usize) -> bool,
) -> Vec<pasted::Note> {
    static OPENING: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"<([A-Za-z][A-Za-z0-9]*)\b").expect("a valid pattern")
    });
    let mut notes: Vec<pasted::Note> = Vec::new();
    let mut named: HashSet<(usize, String)> = HashSet::new();
    for (i, event) in events.iter().enumerate() {
        let (Event::Html(text) | Event::InlineHtml(text)) = event else { continue };
        if skipped(i) {
            continue;
        }
        for tag in OPENING.captures_iter(text) {
            let name = tag[1].to_ascii_lowercase();
            let Some(what) = removed_element(&name) else { continue };
            let offset = ranges[i].start + tag.get(0).map_or(0, |m| m.start()).min(ranges[i].len());
            if named.insert((offset, name.clone())) {
                let message = format!("the HTML <{name}> is left out of the page: {what}");
                notes.push(pasted::Note { offset, message });
            }
        }
    }
    notes
}

/// Why the sanitiser removes the element `name`, for the writer, if it does: what a
/// release may not carry, and what to write instead.
fn removed_element(name: &str) -> Option<&'static str> {
    Some(match name {
        "iframe" | "frame" | "frameset" | "object" | "embed" => {
            "warta shows no frame of another site; for a YouTube or Vimeo video, paste its \
             embed code alone, or its link alone on a line; for anything else (a map, a form), \
             link to it"
        }
        "script" | "style" => {
            "warta publishes no script or style: it is removed with what it holds"
        }
        "form" | "button" | "select" | "textarea" | "video" | "audio" | "canvas" | "svg"
        | "math" | "link" | "meta" | "base" => {
            "warta keeps the text, photos, tables and links of HTML and removes the rest (its \
             text stays; a YouTube or Vimeo video shows from its link alone on a line)"
        }
        _ => return None,
    })
}

/// The reference a link or image event makes to a file of the site, if it makes one.
fn reference(
    event: &Event<'_>,
    offset: usize,
    lines: &LineIndex,
    cx: &Context<'_>,
) -> Option<Reference> {
    let (dest, image) = match event {
        Event::Start(Tag::Image { dest_url, .. }) => (dest_url, true),
        Event::Start(Tag::Link { dest_url, link_type, .. }) if *link_type != LinkType::Email => {
            (dest_url, false)
        }
        _ => return None,
    };
    let site_path = links::site_path(&rewrite_url(dest, cx)?, cx.base_path)?;
    Some(Reference { written: dest.to_string(), site_path, line: lines.line(offset), image })
}

/// Byte offsets of the body to lines of the file.
struct LineIndex {
    starts: Vec<usize>,
    first_line: usize,
}

impl LineIndex {
    fn new(source: &str, first_line: usize) -> LineIndex {
        let starts = std::iter::once(0).chain(source.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts: starts.collect(), first_line: first_line.max(1) }
    }

    fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1) + self.first_line - 1
    }
}

/// For every `Start` event, the index of its matching `End`; every other event maps to itself.
fn match_ends(events: &[Event<'_>]) -> Vec<usize> {
    let mut ends: Vec<usize> = (0..events.len()).collect();
    let mut stack = Vec::new();
    for (i, event) in events.iter().enumerate() {
        match event {
            Event::Start(_) => stack.push(i),
            Event::End(_) => {
                if let Some(start) = stack.pop() {
                    ends[start] = i;
                }
            }
            _ => {}
        }
    }
    ends
}

/// The events strictly inside the block opened at `i` (empty if `i` opens none).
fn inner<'e, 'a>(events: &'e [Event<'a>], ends: &[usize], i: usize) -> &'e [Event<'a>] {
    ends.get(i).and_then(|&end| events.get(i + 1..end)).unwrap_or(&[])
}

/// Indices of the events that open a top-level block.
fn top_level_blocks(ends: &[usize]) -> Vec<usize> {
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < ends.len() {
        blocks.push(i);
        i = ends[i].max(i) + 1;
    }
    blocks
}

/// The title of an image that is the only content of the paragraph opened at `i`, if non-empty.
fn figure_title(events: &[Event<'_>], ends: &[usize], i: usize) -> Option<String> {
    match events.get(i + 1) {
        Some(Event::Start(Tag::Image { title, .. }))
            if !title.trim().is_empty() && ends[i + 1] + 1 == ends[i] =>
        {
            Some(title.to_string())
        }
        _ => None,
    }
}

/// `<img>` for the image events `events` (from its `Start` to its `End`).
fn image_html(events: &[Event<'_>], cx: &Context<'_>, with_title: bool) -> String {
    let Some(Event::Start(Tag::Image { dest_url, title, .. })) = events.first() else {
        return String::new();
    };
    let url = rewrite_url(dest_url, cx).unwrap_or_else(|| dest_url.to_string());
    // `events` is not empty here, so `len() - 1` cannot underflow.
    let alt = plain_text(events.get(1..events.len() - 1).unwrap_or(&[]), true);
    if let Some(p) = picture(&url, cx) {
        return p.html(&alt, with_title.then_some(&**title));
    }
    let mut html = format!("<img src=\"{}\" alt=\"{}\"", escape_href(&url), escape_html(&alt));
    if with_title && !title.is_empty() {
        html.push_str(&format!(" title=\"{}\"", escape_html(title)));
    }
    html.push_str(" loading=\"lazy\">");
    html
}

/// Plain text of `events`: raw HTML, footnote references and (unless `alt`) image descriptions
/// left out; a space between blocks and at line breaks, none between inline elements (so
/// "foo*bar*" stays one word).
fn plain_text(events: &[Event<'_>], alt: bool) -> String {
    let mut text = String::new();
    let mut in_image = 0usize;
    for event in events {
        match event {
            Event::Start(Tag::Image { .. }) if !alt => in_image += 1,
            Event::End(TagEnd::Image) if !alt => in_image = in_image.saturating_sub(1),
            _ if in_image > 0 => {}
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::Start(tag) if !is_inline(tag.to_end()) => text.push(' '),
            Event::End(tag) if !is_inline(*tag) => text.push(' '),
            Event::SoftBreak | Event::HardBreak | Event::Rule | Event::TaskListMarker(_) => {
                text.push(' ');
            }
            _ => {}
        }
    }
    text
}

/// `events` with each task-list item's checkbox and its text in one `<label>`: a checkbox
/// without a name is a form field a screen reader announces as "checkbox, checked" and nothing
/// more (axe: label; found by helper-27, stop 48). The label ends where the item's text does:
/// at the end of its paragraph or item, or where a block (a nested list) starts.
fn labelled_tasks(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    if !events.iter().any(|e| matches!(e, Event::TaskListMarker(_))) {
        return events;
    }
    let mut out = Vec::with_capacity(events.len() + 8);
    let mut open = false;
    for event in events {
        let ends_text = match &event {
            Event::End(tag) => !is_inline(*tag),
            Event::Start(tag) => !is_inline(tag.to_end()),
            Event::Rule => true,
            _ => false,
        };
        if open && ends_text {
            out.push(Event::Html("</label>".into()));
            open = false;
        }
        match event {
            Event::TaskListMarker(checked) => {
                let checked = if checked { " checked=\"\"" } else { "" };
                let input = format!("<label><input disabled=\"\" type=\"checkbox\"{checked}> ");
                out.push(Event::Html(input.into()));
                open = true;
            }
            event => out.push(event),
        }
    }
    if open {
        out.push(Event::Html("</label>".into()));
    }
    out
}

fn is_inline(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

fn count_words(events: &[Event<'_>]) -> usize {
    plain_text(events, false)
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Runs of whitespace as single spaces, trimmed: how titles and summaries are normalised.
pub fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Unique ids for every heading, keyed by the index of its `Start` event. Explicit `{#id}`s are
/// claimed first so that an earlier generated id never steals one an author chose.
fn heading_ids(events: &[Event<'_>], ends: &[usize]) -> HashMap<usize, String> {
    let mut used: HashSet<String> = HashSet::new();
    let mut ids: HashMap<usize, String> = HashMap::new();
    let mut pending: Vec<(usize, String)> = Vec::new();
    for (i, event) in events.iter().enumerate() {
        if let Event::Start(Tag::Heading { id, .. }) = event {
            match id.as_deref().map(str::trim).filter(|id| !id.is_empty()) {
                Some(id) if used.insert(id.to_string()) => {
                    ids.insert(i, id.to_string());
                }
                Some(id) => pending.push((i, id.to_string())),
                None => {
                    let slug = slugify(&plain_text(inner(events, ends, i), false));
                    let slug = if slug.is_empty() { FALLBACK_ID.to_string() } else { slug };
                    pending.push((i, slug));
                }
            }
        }
    }
    let mut next_suffix: HashMap<String, usize> = HashMap::new();
    for (i, base) in pending {
        let mut id = base.clone();
        if used.contains(&id) {
            let n = next_suffix.entry(base.clone()).or_insert(1);
            loop {
                id = format!("{base}-{n}");
                *n += 1;
                if !used.contains(&id) {
                    break;
                }
            }
        }
        used.insert(id.clone());
        ids.insert(i, id);
    }
    ids
}

/// The site-absolute form of a relative URL, or None when `url` is to be left alone
/// (absolute, scheme-relative, fragment-only or empty); see [`crate::links::resolve`].
fn rewrite_url(url: &str, cx: &Context<'_>) -> Option<String> {
    links::resolve(url, cx.base_path, cx.page_path)
}

/// The photo of the bundle a rewritten URL points to, if it is one published in sizes.
fn picture<'a>(url: &str, cx: &Context<'a>) -> Option<&'a Picture> {
    let pictures = cx.pictures?;
    pictures.get(links::site_path(url, cx.base_path)?.as_str())
}

fn syntax_set() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// How a highlighted code block starts in a body: a page with one needs the theme's
/// `css/syntax.css` ([`has_highlighted_code`]).
const HIGHLIGHTED: &str = "<pre class=\"code\" data-lang=\"";

/// Whether a body's HTML has a highlighted code block, which `css/syntax.css` colours: the
/// theme links that stylesheet (16 KB, which holds up the page's first paint) only on pages
/// that need it. A plain block (no language, or one syntect does not know) has no colours.
pub fn has_highlighted_code(html: &str) -> bool {
    html.contains(HIGHLIGHTED)
}

fn code_block_html(lang: Option<&str>, code: &str) -> String {
    if let Some(lang) = lang.filter(|_| code.len() <= MAX_HIGHLIGHT_BYTES) {
        let syntaxes = syntax_set();
        if let Some(syntax) = syntaxes.find_syntax_by_token(lang) {
            let mut generator =
                ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, CLASS_STYLE);
            let highlighted = LinesWithEndings::from(code)
                .try_for_each(|line| generator.parse_html_for_line_which_includes_newline(line));
            if highlighted.is_ok() {
                return format!(
                    "{HIGHLIGHTED}{}\"><code>{}</code></pre>\n",
                    escape_html(lang),
                    generator.finalize()
                );
            }
        }
    }
    format!("<pre class=\"code\"><code>{}</code></pre>\n", escape_html(code))
}

/// The stylesheet for highlighted code (the CSS classes `render` emits), for the theme to ship.
pub fn highlight_css() -> String {
    let themes = ThemeSet::load_defaults();
    let Some(theme) = themes.themes.get("InspiredGitHub") else {
        return String::new();
    };
    // syntect styles the block itself as ".hl-code"; `render` emits `<pre class="code">`.
    css_for_theme_with_class_style(theme, CLASS_STYLE)
        .map(|css| readable(&css.replacen(".hl-code {", "pre.code {", 1)))
        .unwrap_or_default()
}

/// The least contrast of text with its background that WCAG 2 (level AA) asks of body text.
const MIN_CONTRAST: f64 = 4.5;

/// `css` with each text colour (`color: #rrggbb`) darkened, keeping its hue, until it reads
/// on every background the stylesheet sets (4.5:1): the theme's comments, numbers and
/// inserted lines were pale (2.1:1 to 4.2:1), which Lighthouse and readers on a phone in the
/// sun both fail.
fn readable(css: &str) -> String {
    let hex = |text: &str| -> Option<[u8; 3]> {
        let digits = text.get(..6)?;
        let v = u32::from_str_radix(digits, 16).ok()?;
        Some([(v >> 16) as u8, (v >> 8) as u8, v as u8])
    };
    let backgrounds: Vec<[u8; 3]> =
        css.split("background-color: #").skip(1).filter_map(hex).chain([[255, 255, 255]]).collect();
    let worst = |c: [u8; 3]| backgrounds.iter().map(|&b| contrast(c, b)).fold(f64::MAX, f64::min);
    let mut out = String::with_capacity(css.len());
    for line in css.split_inclusive('\n') {
        let color = line.strip_prefix(" color: #").and_then(hex);
        match color {
            Some(c) if worst(c) < MIN_CONTRAST => {
                let darker = (0..=100)
                    .map(|step| c.map(|v| (f64::from(v) * f64::from(100 - step) / 100.0) as u8))
                    .find(|&d| worst(d) >= MIN_CONTRAST)
                    .unwrap_or([0, 0, 0]);
                let [r, g, b] = darker;
                out.push_str(&format!(" color: #{r:02x}{g:02x}{b:02x};\n"));
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// The contrast ratio of two sRGB colours, as WCAG 2 defines it (1 to 21).
fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let luminance = |c: [u8; 3]| {
        let [r, g, b] = c.map(|v| {
            let v = f64::from(v) / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        });
        0.2126 * r + 0.7152 * g + 0.0722 * b
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Cut plain text at a word boundary so the result has at most `max_chars` characters (chars, not bytes) including a trailing "…" when it was cut. Never cuts inside a word unless the first word alone is longer than max_chars (then cut at a char boundary). Trailing punctuation like "," ";" ":" before the ellipsis is dropped.
pub fn truncate_words(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let Some(budget) = max_chars.checked_sub(1) else {
        return String::new();
    };
    // Byte index of the cut after `budget` chars (< text.len(), since the text is longer).
    let cut = text.char_indices().nth(budget).map_or(text.len(), |(i, _)| i);
    let head = &text[..cut];
    let at_boundary = text[cut..].starts_with(char::is_whitespace);
    let mut kept = if at_boundary {
        head
    } else {
        match head.rfind(char::is_whitespace) {
            Some(space) if !head[..space].trim().is_empty() => &head[..space],
            _ => {
                // One long first word: cut between chars, but not inside an emoji sequence
                // or before a combining mark.
                let mut hard = head;
                while let Some(last) = hard.chars().last() {
                    let next = text[hard.len()..].chars().next();
                    if last == '\u{200D}' || next.is_some_and(continues_cluster) {
                        hard = &hard[..hard.len() - last.len_utf8()];
                    } else {
                        break;
                    }
                }
                hard
            }
        }
    };
    kept = kept.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | '-' | '–' | '—' | '(' | '[')
    });
    format!("{kept}…")
}

/// Chars that belong to the preceding char: combining marks, variation selectors, ZWJ, skin tones.
fn continues_cluster(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{200D}' | '\u{1F3FB}'..='\u{1F3FF}'
        | '\u{E0020}'..='\u{E007F}')
}

/// Reading time in whole minutes, at 200 words a minute, at least 1.
pub fn reading_minutes(words: usize) -> u32 {
    let minutes = words.div_ceil(200).max(1);
    u32::try_from(minutes).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests;
