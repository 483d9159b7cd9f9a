//! Text typed in a word processor or a chat and pasted into a release, read the way its writer
//! meant it: one paragraph per line, and the dateline and initials the writer typed by hand not
//! printed a second time beside the ones warta prints. Works on pulldown-cmark's events, so
//! Markdown structure (lists, quotes, code) is never touched.

use super::{match_ends, top_level_blocks};
use crate::press;
use pulldown_cmark::{Alignment, CowStr, Event, Tag, TagEnd};
use std::ops::Range;

/// A line longer than this many characters is not hard-wrapped Markdown (editors wrap at 72 to
/// 100): a paragraph that has one was typed one paragraph per line.
pub const WRAP_CHARS: usize = 100;

/// Something the writer typed that warta left out, or should be looked at, at a byte offset of
/// the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub offset: usize,
    pub message: String,
}

/// The release's own dateline, for recognising a typed copy of it.
#[derive(Debug, Clone, Copy)]
pub struct OwnDateline<'a> {
    pub place: &'a str,
    /// The unit's short name, as the dateline prints it ("Humas Bali").
    pub short: &'a str,
    /// The unit's full name, which a typed dateline may use instead.
    pub name: &'a str,
    /// Whether `place` is the release's own `place:`. When it is the unit's, the place of a
    /// dateline typed with the release's office ("Singaraja (Humas Bali) –") is the release's
    /// ([`TypedDateline::place`]).
    pub place_set: bool,
}

/// The narrowest and widest hard wrap recognised, in characters: e-mail wraps at 72 to 78, a
/// PDF's text copies at 80 to 120 a line. A narrower text is a list or verse.
const WRAP_WIDTHS: std::ops::RangeInclusive<usize> = 55..=130;

/// Which breaks between `lines` (one fewer than the lines) end a paragraph, when the lines are
/// prose hard-wrapped at a width, as text copied from a PDF or an e-mail is: every line but
/// each paragraph's last as long as the width allowed; `None` when they are not (lines typed
/// one paragraph per line, a list, verse). A break ends a paragraph where the next line's
/// first word would have fitted on the line, and the line is short (under 70 % of the width)
/// or ends a sentence: a longer line that ends mid-sentence was full all the same, as a PDF's
/// letters are not all as wide. A line wider by far than the rest, one that starts with a
/// dateline, and a letterhead's line start paragraphs of their own.
pub fn wrapped_breaks(lines: &[&str]) -> Option<Vec<bool>> {
    const SENTENCE_ENDS: [char; 6] = ['.', '!', '?', '"', '”', ':'];
    if lines.len() < 3 {
        return None;
    }
    let widths: Vec<usize> = lines.iter().map(|l| l.trim().chars().count()).collect();
    // The width the text was wrapped at: its widest line but those wider by far than nearly
    // all, which the wrap did not make (a letterhead's address in smaller letters, a web
    // address too long to wrap). Each of those is a paragraph of its own. Ten lines at least
    // tell what nearly all are.
    let mut sorted = widths.clone();
    sorted.sort_unstable();
    let typical = match sorted.len() {
        n if n >= 10 => sorted[(n - 1) * 9 / 10],
        n => sorted[n - 1],
    };
    let width = sorted.iter().copied().filter(|&w| w * 100 <= typical * 110).max().unwrap_or(0);
    if !WRAP_WIDTHS.contains(&width) {
        return None;
    }
    let ends: Vec<bool> = lines
        .windows(2)
        .zip(widths.windows(2))
        .map(|(pair, w)| {
            let first_word = pair[1].split_whitespace().next().map_or(0, |f| f.chars().count());
            let fitted = w[0] + 1 + first_word <= width;
            let wider = w[0] > width || w[1] > width;
            // A dateline starts the release's first paragraph, under its headline: its
            // office in parentheses, or a day, with text after it on the line ("Bali, agar
            // … anak-", a comma and a hyphen at a line's end, is none). A letterhead's line
            // ("SIARAN PERS", "Nomor: …") stands alone.
            let dateline = || {
                let line = pair[1].trim();
                press::leading_dateline(line).is_some_and(|d| {
                    (line[..d.len].contains('(') || d.day.is_some()) && d.len < line.len()
                })
            };
            let letterhead = || pair.iter().any(|l| press::is_letterhead(l));
            wider
                || dateline()
                || letterhead()
                || fitted && (w[0] * 10 < width * 7 || pair[0].trim_end().ends_with(SENTENCE_ENDS))
        })
        .collect();
    // Prose: most lines end in the middle of a sentence (a line of its own ends one), nearly
    // all those as long as the width allowed (a form's lines, `Tempat : Aula`, are not), and
    // commas and full stops are in them (a list's are not).
    let mid: Vec<usize> = lines[..lines.len() - 1]
        .iter()
        .zip(&widths)
        .filter(|(l, _)| !l.trim_end().ends_with(SENTENCE_ENDS))
        .map(|(_, &w)| w)
        .collect();
    let full = mid.iter().filter(|&&w| w * 4 >= width * 3).count();
    let punctuated = lines.iter().filter(|l| l.contains([',', '.'])).count();
    let prose = mid.len() >= 2
        && mid.len() * 2 >= ends.len()
        && full * 4 >= mid.len() * 3
        && punctuated * 3 >= lines.len();
    prose.then_some(ends)
}

/// How two lines of wrapped prose join when the first ends in a hyphen, as a PDF hyphenates
/// a word at its line's end ("pengelo-" / "laan").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HyphenJoin {
    /// A word cut by the page: the hyphen goes ("pengelolaan").
    Word,
    /// A word with a hyphen of its own cut there: the hyphen stays, without a space
    /// ("anak-anak", "se-Bali", "Covid-19").
    Hyphenated,
}

/// How `line`, one line of text hard-wrapped at a width ([`wrapped_breaks`]), joins the
/// next when it ends in a hyphen after a letter; `None` when it does not (a dash after a space
/// is punctuation). Before a capital or a digit the hyphen is the word's own ("se-Bali",
/// "Covid-19"); so it is between a word and its repetition ("anak-anak", "berlari-lari",
/// "warna-warni", "sayur-mayur": the same start or the same end); else the page cut the word.
pub fn hyphen_join(line: &str, next: &str) -> Option<HyphenJoin> {
    let stem = line.trim_end().strip_suffix('-')?;
    let (start, _) = stem.char_indices().rev().take_while(|(_, c)| c.is_alphabetic()).last()?;
    let left: Vec<char> = stem[start..].chars().flat_map(char::to_lowercase).collect();
    let first = next.trim_start().chars().next()?;
    if first.is_uppercase() || first.is_ascii_digit() {
        return Some(HyphenJoin::Hyphenated);
    }
    if !first.is_alphabetic() {
        return None;
    }
    let right: Vec<char> = next
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    // One word the other's end ("anak-anak", "berlari-lari"), or the same three letters at the
    // start ("warna-warni") or at the end ("sayur-mayur").
    let three = left.len() >= 3 && right.len() >= 3;
    let repeated = left.ends_with(&right)
        || right.ends_with(&left)
        || three && (left[..3] == right[..3] || left[left.len() - 3..] == right[right.len() - 3..]);
    Some(if repeated { HyphenJoin::Hyphenated } else { HyphenJoin::Word })
}

/// Splits every top-level paragraph that was typed one paragraph per line into one paragraph per
/// line: when the body has no blank line between two lines of text at all, or when one of the
/// paragraph's lines is longer than [`WRAP_CHARS`]. A line break inside emphasis or a link is
/// left alone; so is one that wraps text copied from a PDF or an e-mail ([`wrapped_breaks`]).
pub fn split_lines<'a>(source: &str, events: &mut Vec<Event<'a>>, ranges: &mut Vec<Range<usize>>) {
    let no_blank_line = !has_blank_line(source);
    let ends = match_ends(events);
    let blocks = top_level_blocks(&ends);
    let typed = |b: usize| {
        matches!(events[b], Event::Start(Tag::Paragraph)) && {
            let text = source.get(ranges[b].clone()).unwrap_or("");
            text.lines().nth(1).is_some()
                && (no_blank_line || text.lines().any(|l| l.chars().count() > WRAP_CHARS))
        }
    };
    let split: Vec<usize> = blocks.into_iter().filter(|&b| typed(b)).collect();
    if split.is_empty() {
        return;
    }
    // The breaks where a paragraph ends: each, or in text hard-wrapped at a width (copied from
    // a PDF or an e-mail) only those that end one; and in such text the breaks after a word the
    // page hyphenated, which join its two halves.
    let mut breaks: Vec<usize> = Vec::new();
    let mut joins: Vec<(usize, HyphenJoin)> = Vec::new();
    for &b in &split {
        let lines = lines_of(events, b + 1..ends[b]);
        let texts: Vec<String> = lines.iter().map(|l| text_of(events, l)).collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let ending = wrapped_breaks(&texts);
        for (k, line) in lines.iter().take(lines.len() - 1).enumerate() {
            let Some(at) = line.end else { continue };
            match &ending {
                Some(e) if !e[k] => {
                    joins.extend(hyphen_join(texts[k], texts[k + 1]).map(|j| (at, j)));
                }
                _ => breaks.push(at),
            }
        }
    }
    let old_events = std::mem::take(events);
    let old_ranges = std::mem::take(ranges);
    events.reserve(old_events.len() + 16);
    ranges.reserve(old_events.len() + 16);
    let mut depth = 0usize; // inline depth inside a paragraph being split
    let mut inside: Option<usize> = None; // the end index of the paragraph being split
    for (i, (event, range)) in old_events.into_iter().zip(old_ranges).enumerate() {
        if inside.is_none() && split.binary_search(&i).is_ok() {
            inside = Some(ends[i]);
            depth = 0;
            events.push(event);
            ranges.push(range);
            continue;
        }
        if inside == Some(i) {
            inside = None;
        }
        // A hyphenated word's halves, the text before the break ending in the hyphen.
        let join = joins.binary_search_by_key(&i, |&(at, _)| at).ok().map(|k| joins[k].1);
        if let (Some(join), Some(_), 0, Some(Event::Text(before))) =
            (join, inside, depth, events.last())
        {
            if matches!(event, Event::SoftBreak) && before.ends_with('-') {
                if join == HyphenJoin::Word {
                    let cut = before[..before.len() - 1].to_string();
                    *events.last_mut().expect("the text before") = Event::Text(cut.into());
                }
                continue;
            }
        }
        match (&event, inside) {
            (Event::SoftBreak | Event::HardBreak, Some(_))
                if depth == 0 && breaks.binary_search(&i).is_ok() =>
            {
                // The new paragraph starts on the next line.
                events.push(Event::End(TagEnd::Paragraph));
                ranges.push(range.clone());
                events.push(Event::Start(Tag::Paragraph));
                ranges.push(range.end..range.end);
            }
            (Event::Start(_), Some(_)) => {
                depth += 1;
                events.push(event);
                ranges.push(range);
            }
            (Event::End(_), Some(_)) => {
                depth = depth.saturating_sub(1);
                events.push(event);
                ranges.push(range);
            }
            _ => {
                events.push(event);
                ranges.push(range);
            }
        }
    }
}

/// Where a line typed under a list's item, not indented and not an item itself, starts a
/// paragraph of its own ([`lazy_lines`]): the break before it, the events of the item's text
/// that end with it, and the list's next item.
struct LazySplit {
    /// The line break before the first such line.
    at: usize,
    /// The item's own paragraph, when the list is loose; else the item's text is in it bare.
    paragraph: Option<usize>,
    /// The item's end.
    item_end: usize,
    /// The list's start, when it is numbered, and how many items come before the next one.
    start: Option<u64>,
    items: u64,
    /// The source of the paragraph the lines make.
    span: Range<usize>,
}

/// Lines typed directly under a top-level list, without a blank line between, as offices type
/// a list in a release ("Agenda:", "1) Pembukaan", "2) Materi", then the next paragraph):
/// Markdown reads a line that is not indented as the last item's text going on (a lazy
/// continuation line), so the paragraphs under the list were printed inside its last item, and
/// the initials typed at their end were not the body's end and were printed twice. Such a line
/// ends the list and starts a paragraph; items typed after it are a list again, numbered on.
/// A line indented as far as the item's text stays the item's, as Markdown has it; so does one
/// after a line that ends no sentence when it goes on with a word in small letters or the line
/// above it is as long as an e-mail program's wrap leaves lines ([`WRAPPED_ITEM_CHARS`]), as a
/// long item wrapped by one does. Lists inside lists and quotes are left alone.
pub fn lazy_lines(source: &str, events: &mut Vec<Event<'_>>, ranges: &mut Vec<Range<usize>>) {
    if !events.iter().any(|e| matches!(e, Event::Start(Tag::List(_)))) {
        return;
    }
    let ends = match_ends(events);
    let column = |at: usize| {
        let start = line_start(source, at.min(source.len()));
        source[start..at.min(source.len())].chars().map(|c| if c == '\t' { 4 } else { 1 }).sum()
    };
    let mut splits: Vec<LazySplit> = Vec::new();
    for b in top_level_blocks(&ends) {
        let Event::Start(Tag::List(start)) = events[b] else { continue };
        let mut item = b + 1;
        let mut items = 0u64;
        while item < ends[b] {
            let item_end = ends[item];
            if !matches!(events[item], Event::Start(Tag::Item)) {
                item = item_end.max(item) + 1;
                continue;
            }
            items += 1;
            let split =
                lazy_split(events, ranges, &ends, item, &column).map(|(at, paragraph, span)| {
                    LazySplit { at, paragraph, item_end, start, items, span }
                });
            splits.extend(split);
            item = item_end + 1;
        }
    }
    if splits.is_empty() {
        return;
    }
    let old_events = std::mem::take(events);
    let old_ranges = std::mem::take(ranges);
    let mut next = splits.iter().peekable();
    // The split whose lines are being made a paragraph, until its item's end.
    let mut open: Option<&LazySplit> = None;
    for (i, (event, range)) in old_events.into_iter().zip(old_ranges).enumerate() {
        let ordered = |s: &LazySplit| s.start.is_some();
        if let Some(s) = next.next_if(|s| s.at == i) {
            // The item and its list end here; the line after the break starts a paragraph.
            if s.paragraph.is_some() {
                events.push(Event::End(TagEnd::Paragraph));
                ranges.push(range.clone());
            }
            events.extend([Event::End(TagEnd::Item), Event::End(TagEnd::List(ordered(s)))]);
            ranges.extend([range.clone(), range.clone()]);
            events.push(Event::Start(Tag::Paragraph));
            ranges.push(s.span.clone());
            open = Some(s);
            continue;
        }
        match open {
            Some(s) if s.paragraph.is_some() && i + 1 == s.item_end => {
                // The item's own paragraph's end is the new paragraph's.
                events.push(event);
                ranges.push(range);
            }
            Some(s) if i == s.item_end => {
                if s.paragraph.is_none() {
                    events.push(Event::End(TagEnd::Paragraph));
                    ranges.push(range);
                }
            }
            Some(s) if i == s.item_end + 1 => {
                open = None;
                if matches!(event, Event::Start(Tag::Item)) {
                    // The items after the paragraph: a list again, numbered on.
                    let tag = Tag::List(s.start.map(|n| n + s.items));
                    events.push(Event::Start(tag));
                    ranges.push(range.clone());
                    events.push(event);
                    ranges.push(range);
                }
                // Else it is the list's end, which came before the paragraph.
            }
            _ => {
                events.push(event);
                ranges.push(range);
            }
        }
    }
}

/// The shortest line, in characters from its line's start, that an e-mail program's wrap
/// leaves: it wraps at 72 to 78, before a word that would not fit. An item's line as long that
/// ends no sentence goes on under it ([`lazy_split`]).
const WRAPPED_ITEM_CHARS: usize = 60;

/// The break in the item opened at `item` after which its lines are a paragraph under the list
/// ([`lazy_lines`]), the item's paragraph when the list is loose, and the lines' source; `None`
/// when its text goes on only with lines of its own, or it holds more than its text.
fn lazy_split(
    events: &[Event<'_>],
    ranges: &[Range<usize>],
    ends: &[usize],
    item: usize,
    column: &impl Fn(usize) -> usize,
) -> Option<(usize, Option<usize>, Range<usize>)> {
    const SENTENCE_ENDS: [char; 7] = ['.', '!', '?', ':', ';', '"', '”'];
    let item_end = ends[item];
    // Only the item's last paragraph takes lines in lazily; in a tight list its text is bare in
    // it, with nothing after it (a list inside the item would have taken them).
    let (paragraph, inline) = if matches!(events[item_end - 1], Event::End(TagEnd::Paragraph)) {
        let mut k = item + 1;
        while k < item_end && ends[k] != item_end - 1 {
            k = ends[k].max(k) + 1;
        }
        (Some(k), k + 1..item_end - 1)
    } else {
        (None, item + 1..item_end)
    };
    let block = |e: &Event<'_>| {
        matches!(
            e,
            Event::Start(
                Tag::List(_)
                    | Tag::Item
                    | Tag::Paragraph
                    | Tag::BlockQuote(..)
                    | Tag::CodeBlock(_)
                    | Tag::Heading { .. }
                    | Tag::Table(_)
                    | Tag::HtmlBlock
                    | Tag::FootnoteDefinition(_)
            ) | Event::Rule
                | Event::Html(_)
        )
    };
    if inline.start >= inline.end || events[inline.clone()].iter().any(block) {
        return None;
    }
    let last = ranges[inline.end - 1].end;
    let lines = lines_of(events, inline);
    // Where the item's text starts: a line of its own is indented at least as far.
    let indent = column(ranges[*lines.first()?.events.first()?].start);
    for k in 1..lines.len() {
        let Some(&first) = lines[k].events.first() else { continue };
        if column(ranges[first].start) >= indent {
            continue;
        }
        // A long item wrapped by an e-mail program: its sentence goes on, in small letters, or
        // under a line as long as the wrap leaves them ("… bersama Kepala Kantor Wilayah" /
        // "Kementerian Agama Provinsi Bali").
        let before = text_of(events, &lines[k - 1]);
        let small = text_of(events, &lines[k]).trim_start().starts_with(char::is_lowercase);
        let full = lines[k - 1]
            .events
            .last()
            .is_some_and(|&e| column(ranges[e].end) >= WRAPPED_ITEM_CHARS);
        if !before.trim_end().ends_with(SENTENCE_ENDS) && (small || full) {
            continue;
        }
        return Some((lines[k - 1].end?, paragraph, ranges[first].start..last));
    }
    None
}

/// The lines of a body that the printed pages of the PDF it was copied from put in it
/// ([`press::page::furniture`]): each page's number ("Halaman 2 dari 3", "- 2 -") and the
/// header or footer beside it ("Siaran Pers Kanwil Kemenag Bali"). Copied across a page's
/// end, they stood in the middle of a paragraph, often of a sentence, and were printed there.
pub struct PageLines {
    /// Where each line of the body starts.
    starts: Vec<usize>,
    /// Which lines are the page's.
    page_s: Vec<bool>,
    blank: Vec<bool>,
    /// The page's lines, as a note names them.
    note: String,
}

impl PageLines {
    /// The page's lines of `source`, and the source with the dash before a page's number
    /// ("- 2 -") made a space, which Markdown would read as a list that takes the next line
    /// of text in (same length, so offsets and lines stay the file's). `None` when no line
    /// is the page's.
    pub fn find(source: &str) -> Option<(PageLines, Option<String>)> {
        let starts: Vec<usize> = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .filter(|&i| i < source.len())
            .collect();
        let texts: Vec<&str> = starts
            .iter()
            .enumerate()
            .map(|(k, &a)| {
                let b = starts.get(k + 1).map_or(source.len(), |&b| b);
                source[a..b].trim_end_matches(['\n', '\r'])
            })
            .collect();
        let page_s = press::page::furniture(&texts);
        if !page_s.contains(&true) {
            return None;
        }
        let mut unmarked: Option<String> = None;
        for (k, text) in texts.iter().enumerate().filter(|&(k, _)| page_s[k]) {
            let indent = text.len() - text.trim_start().len();
            if text.trim_start().starts_with(['-', '+', '*']) {
                let at = starts[k] + indent;
                unmarked.get_or_insert_with(|| source.to_string()).replace_range(at..at + 1, " ");
            }
        }
        let note = press::quoted(
            texts.iter().zip(&page_s).filter(|&(_, &p)| p).map(|(t, _)| *t),
            '"',
            '"',
        );
        let blank = texts.iter().map(|t| t.trim().is_empty()).collect();
        Some((PageLines { starts, page_s, blank, note }, unmarked))
    }

    /// The line holding the byte at `at`.
    fn line(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s <= at).saturating_sub(1)
    }
}

/// The body without its page's lines ([`PageLines`]), the text on either side of them one
/// paragraph again, as it was on the page; and the note saying so. Events only, so lines stay
/// the file's.
pub fn page_furniture(
    page: &PageLines,
    events: &mut Vec<Event<'_>>,
    ranges: &mut Vec<Range<usize>>,
) -> Note {
    let line = |at: usize| page.line(at);
    let ends = match_ends(events);
    let top = top_level_blocks(&ends);
    let old_events = std::mem::take(events);
    let old_ranges = std::mem::take(ranges);
    let mut skip_to: Option<usize> = None;
    // Whether a line of the page's was cut since the last text kept: the breaks around it
    // are tidied, and only those.
    let mut cut = false;
    for (i, (event, range)) in old_events.into_iter().zip(old_ranges).enumerate() {
        if skip_to.is_some_and(|end| i <= end) {
            continue;
        }
        // A block of the page's lines alone ("Halaman 2 dari 3" between blank lines).
        let page_s_block = !range.is_empty()
            && top.binary_search(&i).is_ok()
            && (line(range.start)..=line(range.end - 1)).all(|k| page.page_s[k] || page.blank[k]);
        if page_s_block {
            skip_to = Some(ends[i]);
            continue;
        }
        // A line of the page's in a paragraph.
        let page_s = !range.is_empty()
            && matches!(event, Event::Text(_) | Event::SoftBreak | Event::HardBreak)
            && page.page_s[line(range.start)]
            && line(range.start) == line(range.end - 1);
        if page_s {
            cut = true;
            continue;
        }
        let is_break = matches!(event, Event::SoftBreak | Event::HardBreak);
        if cut && matches!(event, Event::End(TagEnd::Paragraph)) {
            // The break a page's last line left at a paragraph's end goes, and a paragraph
            // that was only the page's.
            while matches!(events.last(), Some(Event::SoftBreak | Event::HardBreak)) {
                events.pop();
                ranges.pop();
            }
            if matches!(events.last(), Some(Event::Start(Tag::Paragraph))) {
                events.pop();
                ranges.pop();
                continue;
            }
        }
        // One break between two lines, none at a paragraph's start.
        let doubled = cut
            && is_break
            && matches!(
                events.last(),
                Some(Event::Start(Tag::Paragraph) | Event::SoftBreak | Event::HardBreak)
            );
        if doubled {
            continue;
        }
        cut &= is_break || matches!(event, Event::Start(Tag::Paragraph));
        events.push(event);
        ranges.push(range);
    }
    let first = page.page_s.iter().position(|&p| p).unwrap_or(0);
    let message = format!(
        "the body has the page numbers and page headers of the PDF it was copied from ({}); \
         they are not the release's text, so they were left out: delete them from the file",
        page.note
    );
    Note { offset: page.starts.get(first).copied().unwrap_or(0), message }
}

/// Words typed in angle brackets, as a placeholder or a name is (`Undangan untuk <Kepala
/// Madrasah> se-Bali`, `<nama peserta>`): Markdown reads them as a tag of HTML, which the page
/// left out, words and all, with nothing said. A tag whose name is no element of HTML (nor a
/// custom element's, which has a dash) is the text it shows; the page escapes its brackets. A
/// tag HTML knows (`<b>`, `<br>`, `<span>`) stays markup.
pub fn bracketed_words(events: &mut [Event<'_>]) {
    for event in events.iter_mut() {
        let Event::InlineHtml(html) = event else { continue };
        let rest = html.strip_prefix("</").or_else(|| html.strip_prefix('<')).unwrap_or_default();
        let end = rest.find(|c: char| !c.is_ascii_alphanumeric() && c != '-').unwrap_or(rest.len());
        let name = &rest[..end];
        if name.is_empty() || name.contains('-') || is_html_element(name) {
            continue;
        }
        *event = Event::Text(std::mem::replace(html, CowStr::Borrowed("")));
    }
}

/// Whether `name` (any case) is an element of HTML, SVG or MathML as pages write them, including
/// the old ones Word and web pages still paste (`font`, `center`).
fn is_html_element(name: &str) -> bool {
    const ELEMENTS: &str = "
        a abbr acronym address area article aside audio b base basefont bdi bdo big blink
        blockquote body br button canvas caption center circle cite code col colgroup data
        datalist dd del details dfn dialog dir div dl dt em embed fieldset figcaption figure
        font footer form frame frameset g h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe
        image img input ins kbd label legend li line link main map mark marquee math menu meta
        meter nav nobr noembed noframes noscript object ol optgroup option output p param path
        picture plaintext polygon polyline pre progress q rect rp rt ruby s samp script search
        section select slot small source span strike strong style sub summary sup svg table
        tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr xmp
    ";
    let lower = name.to_ascii_lowercase();
    ELEMENTS.split_ascii_whitespace().any(|element| element == lower)
}

/// A line of dashes or equals signs typed under the text as a separator (`---`), which Markdown
/// reads as the underline of a heading: the text above it, a paragraph or the whole body, became
/// one large heading, and the dateline went to the paragraph after it. A top-level heading so
/// underlined is a paragraph and a separator when it is not a heading's text: longer than a
/// line, ending as a sentence ends (`.`, `!`, `?`, `:`, `;`, `,`), a credit (`Narahubung:
/// Budi`), or in a body typed one paragraph per line (no blank line between lines of text). A
/// short title underlined in Markdown (`Latar Belakang` over `---`) stays a heading.
pub fn underlined_text<'a>(
    source: &str,
    events: &mut Vec<Event<'a>>,
    ranges: &mut Vec<Range<usize>>,
) {
    if !events.iter().any(|e| matches!(e, Event::Start(Tag::Heading { .. }))) {
        return;
    }
    let one_per_line = !has_blank_line(source);
    let ends = match_ends(events);
    let separators: Vec<usize> = top_level_blocks(&ends)
        .into_iter()
        .filter(|&b| matches!(events[b], Event::Start(Tag::Heading { .. })))
        .filter(|&b| {
            let written = source.get(ranges[b].clone()).unwrap_or("").trim_end();
            let mut lines = written.lines().rev();
            let underline = lines.next().unwrap_or("").trim();
            let setext = !underline.is_empty() && underline.bytes().all(|c| c == b'-' || c == b'=');
            let text: Vec<&str> = lines.collect();
            let sentence = text
                .first()
                .is_some_and(|l| l.trim_end().ends_with(['.', '!', '?', ':', ';', ',']));
            setext
                && !text.is_empty()
                && (one_per_line
                    || text.len() > 1
                    || sentence
                    || press::is_credit(text[0].trim())
                    || text[0].chars().count() > WRAP_CHARS)
        })
        .collect();
    if separators.is_empty() {
        return;
    }
    // The headings' ends, in order as their starts are.
    let closing: Vec<usize> = separators.iter().map(|&b| ends[b]).collect();
    let old_events = std::mem::take(events);
    let old_ranges = std::mem::take(ranges);
    for (i, (event, range)) in old_events.into_iter().zip(old_ranges).enumerate() {
        if separators.binary_search(&i).is_ok() {
            events.push(Event::Start(Tag::Paragraph));
            ranges.push(range);
        } else if closing.binary_search(&i).is_ok() {
            events.push(Event::End(TagEnd::Paragraph));
            ranges.push(range.clone());
            // The separator, on the underline's line.
            let written = source.get(range.clone()).unwrap_or("").trim_end();
            let underline = written.rfind('\n').map_or(range.start, |n| range.start + n + 1);
            events.push(Event::Rule);
            ranges.push(underline..range.end);
        } else {
            events.push(event);
            ranges.push(range);
        }
    }
}

/// Cells copied from a spreadsheet (Excel, LibreOffice, Google Sheets) and pasted as text are
/// lines of cells separated by tabs; Markdown printed them as one run of words. Two or more such
/// lines in a top-level paragraph become a table, the first line its head, a column of numbers
/// aligned right; the paragraph's other lines stay a paragraph before or after it. Lines of a
/// form (`Tempat<tab>: Aula`, every second cell starting with a colon) are not a table and stay.
/// Lines of a list copied from Word (`•<tab>Manasik`) become a list ([`list`]).
pub fn tab_tables<'a>(source: &str, events: &mut Vec<Event<'a>>, ranges: &mut Vec<Range<usize>>) {
    let rows = |t: &str| t.contains('\t') || t.lines().any(|l| spaced_item(l).is_some());
    if !events.iter().any(|e| matches!(e, Event::Text(t) if rows(t))) {
        return;
    }
    let ends = match_ends(events);
    let tabled: Vec<(usize, Vec<Segment>)> = top_level_blocks(&ends)
        .into_iter()
        .filter(|&b| matches!(events[b], Event::Start(Tag::Paragraph)))
        .filter_map(|b| {
            let segments = segments(source, events, ranges, b + 1..ends[b]);
            let found = |s: &Segment| !matches!(s, Segment::Text(_));
            segments.iter().any(found).then_some((b, segments))
        })
        .collect();
    if tabled.is_empty() {
        return;
    }
    let old_events = std::mem::take(events);
    let old_ranges = std::mem::take(ranges);
    let mut next = tabled.into_iter().peekable();
    let mut skip_to = 0;
    for (i, event) in old_events.iter().enumerate() {
        if i < skip_to {
            continue;
        }
        let Some((_, segments)) = next.next_if(|(b, _)| *b == i) else {
            events.push(event.clone());
            ranges.push(old_ranges[i].clone());
            continue;
        };
        skip_to = ends[i] + 1;
        let span = |lines: &[Line]| {
            let first = lines.first().and_then(|l| l.events.first()).map(|&e| &old_ranges[e]);
            let last = lines.last().and_then(|l| l.events.last()).map(|&e| &old_ranges[e]);
            first.zip(last).map_or(old_ranges[i].clone(), |(a, z)| a.start..z.end)
        };
        for segment in segments {
            match segment {
                Segment::Text(lines) => {
                    let range = span(&lines);
                    events.push(Event::Start(Tag::Paragraph));
                    ranges.push(range.clone());
                    for (n, line) in lines.iter().enumerate() {
                        if n > 0 {
                            let b =
                                lines[n - 1].end.expect("a line before another ends in a break");
                            events.push(old_events[b].clone());
                            ranges.push(old_ranges[b].clone());
                        }
                        for &e in &line.events {
                            events.push(old_events[e].clone());
                            ranges.push(old_ranges[e].clone());
                        }
                    }
                    events.push(Event::End(TagEnd::Paragraph));
                    ranges.push(range);
                }
                Segment::Table { lines, rows } => {
                    let range = span(&lines);
                    for event in table(rows.iter().map(|t| tab_cells(t)).collect()) {
                        events.push(event);
                        ranges.push(range.clone());
                    }
                }
                Segment::List { lines, rows, kind } => {
                    let range = span(&lines);
                    for event in list(rows.iter().map(|t| tab_cells(t)).collect(), kind) {
                        events.push(event);
                        ranges.push(range.clone());
                    }
                }
            }
        }
    }
}

/// The offset of the start of the line that holds `at`.
fn line_start(source: &str, at: usize) -> usize {
    source[..at].rfind('\n').map_or(0, |n| n + 1)
}

/// The tabs a line of a paragraph starts with in `source`: Markdown drops them, and with them
/// the empty cells they stand for at the start of a spreadsheet's row.
fn leading_tabs(source: &str, ranges: &[Range<usize>], line: &Line) -> usize {
    let Some(&first) = line.events.first() else { return 0 };
    let before = &source[..ranges[first].start.min(source.len())];
    let indent = before.rsplit('\n').next().unwrap_or(before);
    if indent.bytes().all(|b| b == b' ' || b == b'\t') {
        indent.bytes().filter(|&b| b == b'\t').count()
    } else {
        0
    }
}

/// The events of a list copied from Word, its `rows` each a marker and a text: a list of
/// bullets or of numbers as Markdown's, one of letters as lines that keep their letters.
fn list(rows: Vec<Vec<&str>>, kind: Marker) -> Vec<Event<'static>> {
    let text = |t: &str| Event::Text(t.to_string().into());
    let mut events = Vec::new();
    let (start, end) = match kind {
        Marker::Bullet => (Tag::List(None), TagEnd::List(false)),
        Marker::Number(n) => (Tag::List(Some(n)), TagEnd::List(true)),
        Marker::Letter => {
            // Letters in order: a list lettered as typed (found by helper-33, stop 67: lines
            // that kept their letters). HTML gives the letters; Markdown has no such list.
            let markers: Vec<&str> =
                rows.iter().map(|r| r.first().copied().unwrap_or("")).collect();
            if let Some(runs) = lettered_runs(&markers) {
                let mut rows = rows.into_iter();
                for (len, kind, start) in runs {
                    let open = match start {
                        1 => format!("<ol type=\"{kind}\">\n"),
                        n => format!("<ol type=\"{kind}\" start=\"{n}\">\n"),
                    };
                    events.push(Event::Html(open.into()));
                    for row in rows.by_ref().take(len) {
                        events.push(Event::Start(Tag::Item));
                        events.push(text(row.get(1).copied().unwrap_or_default()));
                        events.push(Event::End(TagEnd::Item));
                    }
                    events.push(Event::Html("</ol>\n".into()));
                }
                return events;
            }
            events.push(Event::Start(Tag::Paragraph));
            for (n, row) in rows.iter().enumerate() {
                if n > 0 {
                    events.push(Event::HardBreak);
                }
                events.push(text(&row.join(" ")));
            }
            events.push(Event::End(TagEnd::Paragraph));
            return events;
        }
    };
    events.push(Event::Start(start));
    for row in rows {
        events.push(Event::Start(Tag::Item));
        events.push(text(row.get(1).copied().unwrap_or_default()));
        events.push(Event::End(TagEnd::Item));
    }
    events.push(Event::End(end));
    events
}

/// The events of a table of `rows` of cells, the first row its head, as many columns as the
/// widest row; a column of numbers ([`is_number`]) aligned right, as a spreadsheet shows it.
fn table(rows: Vec<Vec<&str>>) -> Vec<Event<'static>> {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let alignments = (0..width)
        .map(|c| {
            let mut column = rows[1..].iter().filter_map(|r| r.get(c)).filter(|t| !t.is_empty());
            let mut column = column.by_ref().peekable();
            if column.peek().is_some() && column.all(|t| is_number(t)) {
                Alignment::Right
            } else {
                Alignment::None
            }
        })
        .collect();
    let mut events = vec![Event::Start(Tag::Table(alignments))];
    for (n, row) in rows.into_iter().enumerate() {
        let (start, end) = match n {
            0 => (Tag::TableHead, TagEnd::TableHead),
            _ => (Tag::TableRow, TagEnd::TableRow),
        };
        events.push(Event::Start(start));
        let mut row = row.into_iter();
        for _ in 0..width {
            events.push(Event::Start(Tag::TableCell));
            let cell = row.next().filter(|t| !t.is_empty());
            events.extend(cell.map(|t| Event::Text(t.to_string().into())));
            events.push(Event::End(TagEnd::TableCell));
        }
        events.push(Event::End(end));
    }
    events.push(Event::End(TagEnd::Table));
    events
}

/// The labels of a photo's caption typed as a line of text: "Keterangan foto: Suasana rapat",
/// and "Foto: Humas Bali", a credit, which a caption shows too.
const CAPTION_LABELS: [&str; 5] =
    ["keterangan foto", "ket. foto", "ket foto", "keterangan gambar", "foto"];

/// The caption a line typed as one gives: the text after "Keterangan foto:", or a credit
/// ("Foto: Humas Bali") whole.
fn typed_caption(line: &str) -> Option<String> {
    let line = super::collapse_whitespace(line);
    let (label, rest) = line.split_once(':')?;
    let label = label.trim().to_lowercase();
    let rest = rest.trim();
    if rest.is_empty() || !CAPTION_LABELS.contains(&label.as_str()) {
        return None;
    }
    Some(if label == "foto" { line.clone() } else { rest.to_string() })
}

/// The text of the inline events `inner` when they are text alone, one line of it; `None`
/// when there are none (a rule or HTML is no paragraph).
fn text_alone(events: &[Event<'_>], inner: Range<usize>) -> Option<String> {
    if inner.is_empty() {
        return None;
    }
    let mut text = String::new();
    for e in &events[inner] {
        let Event::Text(t) = e else { return None };
        text.push_str(t);
    }
    Some(text)
}

/// A photo's caption typed as a line under it, as offices paste one from Word or an e-mail
/// ("Keterangan foto: Suasana rapat", "Foto: Humas Bali"), in the photo's paragraph or in the
/// one under it: it was printed as a stray paragraph under the photo (found by helper-36, stop
/// 68). It is the photo's title, which the page shows as its caption, `<figcaption>`. A photo
/// titled already keeps its title, and the line stays text. Such a line at the body's top,
/// above its text, is left out with a note: the page shows the release's photo's caption from
/// `image_caption:`.
pub fn photo_captions(events: &mut Vec<Event<'_>>, ranges: &mut Vec<Range<usize>>) -> Option<Note> {
    if !events.iter().any(|e| matches!(e, Event::Text(t) if t.contains(':'))) {
        return None;
    }
    let ends = match_ends(events);
    let blocks = top_level_blocks(&ends);
    let paragraph = |b: usize| matches!(events[b], Event::Start(Tag::Paragraph));
    // The events to leave out, in order, and the titles to give.
    let mut cuts: Vec<Range<usize>> = Vec::new();
    let mut titles: Vec<(usize, String)> = Vec::new();
    let mut note = None;
    if let (Some(&top), Some(_)) = (blocks.first(), blocks.get(1)) {
        let caption = text_alone(events, top + 1..ends[top]).and_then(|t| typed_caption(&t));
        if let Some(caption) = caption.filter(|_| paragraph(top)) {
            // "Foto: Humas Bali" is who took it.
            let field = match caption.to_lowercase().starts_with("foto") {
                true => "image_credit",
                false => "image_caption",
            };
            let message = format!(
                "the body starts with a photo's caption (\"{caption}\"), above its text; the page \
                 shows the photo's from '{field}:', so it was left out: write it there, and \
                 delete it from the file"
            );
            note = Some(Note { offset: ranges[top].start, message });
            cuts.push(top..ends[top] + 1);
        }
    }
    for (k, &b) in blocks.iter().enumerate() {
        let image = b + 1;
        let titled = match events.get(image) {
            Some(Event::Start(Tag::Image { title, .. })) => !title.trim().is_empty(),
            _ => true,
        };
        if !paragraph(b) || titled {
            continue;
        }
        let after = ends[image] + 1;
        let found = if after < ends[b] {
            // The image, a line break, and the caption's line.
            let broken = matches!(events[after], Event::SoftBreak | Event::HardBreak);
            let caption = text_alone(events, after + 1..ends[b]).and_then(|t| typed_caption(&t));
            caption.filter(|_| broken).map(|c| (c, after..ends[b]))
        } else {
            // The paragraph under it, of the caption's line alone.
            blocks.get(k + 1).filter(|&&next| paragraph(next)).and_then(|&next| {
                let caption = text_alone(events, next + 1..ends[next])?;
                Some((typed_caption(&caption)?, next..ends[next] + 1))
            })
        };
        if let Some((caption, cut)) = found {
            titles.push((image, caption));
            cuts.push(cut);
        }
    }
    for (image, caption) in titles {
        if let Event::Start(Tag::Image { title, .. }) = &mut events[image] {
            *title = caption.into();
        }
    }
    cuts.sort_by_key(|c| c.start);
    cuts.dedup();
    for cut in cuts.into_iter().rev() {
        events.drain(cut.clone());
        ranges.drain(cut);
    }
    note
}

/// A post's closing lines, hashtags ("#HariSantri2023 #KemenagBali") or an end mark, typed
/// directly under the text's last line: paragraphs of their own, which the body's end then
/// leaves out as it does when a blank line is between (the initials above them were not the
/// body's end, so warta printed them a second time).
pub fn closing_lines(source: &str, events: &mut Vec<Event<'_>>, ranges: &mut Vec<Range<usize>>) {
    let ends = match_ends(events);
    let Some(p) = top_level_blocks(&ends)
        .into_iter()
        .rev()
        .filter(|&b| !matches!(events[b], Event::Start(Tag::FootnoteDefinition(_))))
        .find(|&b| !super::is_closing_block(events, &ends, source, ranges[b].clone(), b))
        .filter(|&b| matches!(events[b], Event::Start(Tag::Paragraph)))
    else {
        return;
    };
    let lines = lines_of(events, p + 1..ends[p]);
    let closing = |line: &Line| {
        let text = text_of(events, line);
        press::hashtag_line(&text).is_some() || super::is_end_mark(text.trim())
    };
    let first = lines.iter().rposition(|l| !closing(l)).map_or(0, |k| k + 1);
    if first == 0 || first == lines.len() {
        return;
    }
    // Hashtags under a line that introduces them ("Gunakan tagar berikut:") are the text's.
    if text_of(events, &lines[first - 1]).trim_end().ends_with(':') {
        return;
    }
    // Each a paragraph: the break before each ends one and starts the next (in one pass, as
    // there may be thousands).
    let breaks: Vec<usize> = lines[first - 1..lines.len() - 1]
        .iter()
        .map(|l| l.end.expect("a line before another ends in a break"))
        .collect();
    let tail_events = events.split_off(breaks[0]);
    let tail_ranges = ranges.split_off(breaks[0]);
    let mut next = breaks.iter().copied().peekable();
    for (i, (event, range)) in (breaks[0]..).zip(tail_events.into_iter().zip(tail_ranges)) {
        if next.next_if_eq(&i).is_some() {
            events.extend([Event::End(TagEnd::Paragraph), Event::Start(Tag::Paragraph)]);
            ranges.extend([range.clone(), range.end..range.end]);
        } else {
            events.push(event);
            ranges.push(range);
        }
    }
}

/// The credits under a release ([`press::is_credit`] lines: "Pewarta: …", "Editor: …") at the end of
/// the body (an end mark or hashtags after them aside), each on a line of its own: Markdown joined them into
/// one line ("Pewarta: Sri Nuraini Editor: Ra"), and the writer's initials typed above them were
/// not the body's end, so warta printed them a second time. Credit lines after other text
/// become a paragraph of their own. Returns the starts of the paragraphs of credits.
pub fn credit_lines<'a>(
    source: &str,
    events: &mut Vec<Event<'a>>,
    ranges: &mut Vec<Range<usize>>,
) -> Vec<usize> {
    let ends = match_ends(events);
    let mut blocks = top_level_blocks(&ends)
        .into_iter()
        .rev()
        .filter(|&b| !matches!(events[b], Event::Start(Tag::FootnoteDefinition(_))))
        .skip_while(|&b| super::is_closing_block(events, &ends, source, ranges[b].clone(), b))
        .collect::<Vec<_>>()
        .into_iter();
    let mut credits = Vec::new();
    // From the last paragraph up, while paragraphs are all credits (one per line, when the
    // body was typed one paragraph per line).
    while let Some(p) = blocks.next().filter(|&b| matches!(events[b], Event::Start(Tag::Paragraph)))
    {
        let lines = lines_of(events, p + 1..ends[p]);
        let texts: Vec<String> = lines.iter().map(|l| text_of(events, l)).collect();
        let first = texts.iter().rposition(|l| !press::is_credit(l)).map_or(0, |k| k + 1);
        if first == lines.len() {
            break;
        }
        for b in lines[first..].iter().filter_map(|l| l.end) {
            events[b] = Event::HardBreak;
        }
        if first == 0 {
            credits.push(p);
            continue;
        }
        // Credits after text: a paragraph of their own, which moves the later ones by one.
        let at = lines[first - 1].end.expect("a line before another ends in a break");
        let range = ranges[at].clone();
        events.splice(at..=at, [Event::End(TagEnd::Paragraph), Event::Start(Tag::Paragraph)]);
        ranges.splice(at..=at, [range.clone(), range.end..range.end]);
        credits.iter_mut().for_each(|c| *c += 1);
        credits.push(at + 1);
        break;
    }
    credits
}

/// The text of each line of the paragraph or heading opened at `b` (its source range does not
/// tell: [`split_lines`] gives the paragraphs it makes an empty one).
pub fn line_texts(events: &[Event<'_>], ends: &[usize], b: usize) -> Vec<String> {
    lines_of(events, b + 1..ends[b]).iter().map(|l| text_of(events, l)).collect()
}

/// A line's text, its code spans' too, without markup.
fn text_of(events: &[Event<'_>], line: &Line) -> String {
    line.events
        .iter()
        .filter_map(|&e| match &events[e] {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

/// The lines of the inline events `inner` of a paragraph, split at its own line breaks (not at
/// those in emphasis or a link).
fn lines_of(events: &[Event<'_>], inner: Range<usize>) -> Vec<Line> {
    let mut lines = vec![Line { events: Vec::new(), end: None }];
    let mut depth = 0usize;
    for i in inner {
        match &events[i] {
            Event::SoftBreak | Event::HardBreak if depth == 0 => {
                lines.last_mut().expect("a line").end = Some(i);
                lines.push(Line { events: Vec::new(), end: None });
                continue;
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        lines.last_mut().expect("a line").events.push(i);
    }
    lines
}

/// A line of a paragraph: its inline events, and the break that ends it (none for the last).
struct Line {
    events: Vec<usize>,
    end: Option<usize>,
}

/// A run of a paragraph's lines that stays text, or that is a table's rows (each row's text,
/// the tabs Markdown dropped from its start put back).
enum Segment {
    Text(Vec<Line>),
    Table {
        lines: Vec<Line>,
        rows: Vec<String>,
    },
    /// Items copied from Word's list ([`tab_list`]): each row's marker and text.
    List {
        lines: Vec<Line>,
        rows: Vec<String>,
        kind: Marker,
    },
}

/// The paragraph's inner events `inner` as lines (split at its own line breaks, not at those in
/// emphasis or a link), grouped into text, tables and lists: a table is two or more lines in a
/// row of nothing but text with a tab, a list such lines of a marker and a text ([`tab_list`]).
fn segments(
    source: &str,
    events: &[Event<'_>],
    ranges: &[Range<usize>],
    inner: Range<usize>,
) -> Vec<Segment> {
    let lines = lines_of(events, inner);
    let text = |line: &Line| {
        let mut text = "\t".repeat(leading_tabs(source, ranges, line));
        text.push_str(&text_of(events, line));
        text
    };
    // A line of cells, or an item of a list copied from Word with spaces after its marker
    // ([`spaced_item`]), as cells.
    let row = |line: &Line| {
        if !line.events.iter().all(|&e| matches!(events[e], Event::Text(_))) {
            return None;
        }
        let plain = text_of(events, line);
        if plain.contains('\t') {
            Some(text(line))
        } else {
            spaced_item(&plain)
        }
    };
    let tabbed = |line: &Line| row(line).is_some();
    // A bullet with no text beside a list's item or a row: an empty item, left out, so that a
    // list with one is one list, not two around a lone "•" (as `warta new --from` reads it).
    let empty_item = |k: usize| {
        let line = &lines[k];
        line.events.iter().all(|&e| matches!(events[e], Event::Text(_)))
            && lone_bullet(&text_of(events, line))
            && (k > 0 && tabbed(&lines[k - 1]) || lines.get(k + 1).is_some_and(tabbed))
    };
    let empty: Vec<bool> = (0..lines.len()).map(empty_item).collect();
    let mut segments: Vec<Segment> = Vec::new();
    let mut lines = lines.into_iter().zip(empty).filter(|(_, e)| !e).map(|(l, _)| l).peekable();
    while let Some(line) = lines.next() {
        let is_tabbed = tabbed(&line);
        let mut run = vec![line];
        while let Some(line) = lines.next_if(|l| tabbed(l) == is_tabbed) {
            run.push(line);
        }
        let texts: Vec<String> = run.iter().map(|l| row(l).unwrap_or_else(|| text(l))).collect();
        let rows: Vec<Vec<&str>> = texts.iter().map(|t| tab_cells(t)).collect();
        let segment = match tab_block(&rows).filter(|_| is_tabbed) {
            Some(TabBlock::List(kind)) => Segment::List { lines: run, rows: texts, kind },
            Some(TabBlock::Table) => Segment::Table { lines: run, rows: texts },
            None => Segment::Text(run),
        };
        // Text next to text (a lone tabbed line, a form) is one paragraph, as it was.
        match (segments.last_mut(), segment) {
            (Some(Segment::Text(before)), Segment::Text(run)) => before.extend(run),
            (_, segment) => segments.push(segment),
        }
    }
    segments
}

/// An item of a list copied from Word with spaces where Word's tab goes (`•  Manasik`, `o
/// KTP`, `a.  Foto`, a no-break space or several), as a line of [`tab_cells`]: its marker, a
/// tab, its text. Only Word's bullets and letters: a dash or a star (`-`, `*`, `+`) and a
/// number (`1.`, `1)`) are Markdown's own lists, and a dash may start a sentence.
pub fn spaced_item(line: &str) -> Option<String> {
    let (marker, rest) = line.trim_start().split_once(char::is_whitespace)?;
    let rest = rest.trim_start();
    let markdown_s = matches!(marker, "-" | "*" | "+" | "–" | "—");
    let word_s = matches!(list_marker(marker), Some(Marker::Bullet | Marker::Letter));
    (word_s && !markdown_s && !rest.is_empty()).then(|| format!("{marker}\t{rest}"))
}

/// Lettered `markers` as the lists they are, each run of letters in order one
/// ([`lettered`]): its length, type and start. Two lists lettered in a row, with no line
/// between them (`a.`, `b.`, `c.`, then `a.`, `b.`: Word's lists one after the other), are
/// two; `None` when a run is not a list ("a., b), iv.").
fn lettered_runs(markers: &[&str]) -> Option<Vec<(usize, char, u64)>> {
    let mut runs = Vec::new();
    let mut from = 0;
    while from < markers.len() {
        let mut to = from + 1;
        let mut list = lettered(&markers[from..to])?;
        while let Some(longer) = markers.get(from..=to).and_then(lettered) {
            (list, to) = (longer, to + 1);
        }
        runs.push((to - from, list.0, list.1));
        from = to;
    }
    Some(runs)
}

/// The type and start of an `<ol>` whose items are lettered `markers` (`a.`, `b)`, `(c)`), as
/// typed: letters in their order from any (`a`, `A`), or Roman numbers from one (`i`, `I`).
/// `None` when they are not in order ("a., b), iv.") or mix small letters and capitals.
fn lettered(markers: &[&str]) -> Option<(char, u64)> {
    let inner: Vec<&str> =
        markers.iter().map(|m| m.trim_start_matches('(').trim_end_matches(['.', ')'])).collect();
    let upper = inner.iter().all(|m| m.bytes().all(|b| b.is_ascii_uppercase()));
    let lower = inner.iter().all(|m| m.bytes().all(|b| b.is_ascii_lowercase()));
    if !upper && !lower {
        return None;
    }
    // "i., ii., iii.": Roman numbers from one ("h., i., j." are letters).
    let roman = |k: usize, m: &str| ROMAN.get(k).is_some_and(|r| r.eq_ignore_ascii_case(m));
    if inner.len() > 1 && inner.iter().enumerate().all(|(k, m)| roman(k, m)) {
        return Some((if upper { 'I' } else { 'i' }, 1));
    }
    let letter = *inner.first()?.as_bytes().first()?;
    let first = u32::from(letter);
    let in_order = inner.iter().enumerate().all(|(k, m)| {
        m.len() == 1 && u32::from(m.as_bytes()[0]) == first + u32::try_from(k).unwrap_or(u32::MAX)
    });
    let start = u64::from(letter.to_ascii_lowercase()) - u64::from(b'a') + 1;
    in_order.then_some((if upper { 'A' } else { 'a' }, start))
}

/// The cells of a line copied from a spreadsheet, trimmed, without the empty ones at its end.
pub fn tab_cells(line: &str) -> Vec<&str> {
    let mut cells: Vec<&str> = line.split('\t').map(str::trim).collect();
    while cells.len() > 1 && cells.last().is_some_and(|c| c.is_empty()) {
        cells.pop();
    }
    cells
}

/// What lines of [`tab_cells`] in a row are, when they are more than text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TabBlock {
    /// A spreadsheet's cells.
    Table,
    /// Items copied from Word's list ([`tab_list`]).
    List(Marker),
}

/// What lines of [`tab_cells`] in a row are: two or more, each a [`list_marker`] and a text, a
/// list; else, one of two cells or more and not the lines of a form (`Tempat<tab>: Aula`, every
/// second cell after a colon), a table. The build and the import read them by this one rule.
pub fn tab_block(rows: &[Vec<&str>]) -> Option<TabBlock> {
    if rows.len() < 2 {
        return None;
    }
    if let Some(kind) = tab_list(rows) {
        return Some(TabBlock::List(kind));
    }
    let form = rows.iter().all(|r| r.get(1).is_some_and(|c| c.starts_with(':')));
    (rows.iter().any(|r| r.len() >= 2) && !form).then_some(TabBlock::Table)
}

/// How the items of a list copied from Word start: Word gives each one as its marker, a tab,
/// and its text (`•<tab>Manasik`, `1.<tab>Daftar`, `a.<tab>KTP`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// A bullet: `•`, `o` (Word's second level), `-`, `▪`, or one of the Symbol and
    /// Wingdings fonts' bullets that Word copies as characters of no alphabet (U+F0B7).
    Bullet,
    /// A number, `1.` or `1)` or `(1)`: the first item's.
    Number(u64),
    /// A letter or a Roman number, `a.`, `b)`, `(c)`, `iv.`, which Markdown has no list of.
    Letter,
}

/// Whether a line is a bullet with no text: an empty item of a list copied from Word (a
/// writer's Enter at a list's end, or twice between items), which a page need not show. Only
/// Word's bullets: a dash or a star alone is Markdown's own (a rule, a heading's underline).
pub fn lone_bullet(line: &str) -> bool {
    let mark = line.trim();
    !matches!(mark, "-" | "–" | "—" | "*" | "o") && list_marker(mark) == Some(Marker::Bullet)
}

/// The Roman numbers a list's items are lettered with, from one.
const ROMAN: [&str; 12] =
    ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"];

/// The marker of a list's item when `cell` is one ([`Marker`]).
pub fn list_marker(cell: &str) -> Option<Marker> {
    const BULLETS: [&str; 18] =
        ["•", "·", "▪", "▫", "◦", "○", "●", "■", "□", "o", "-", "–", "—", "*", "➢", "►", "✓", "‣"];
    let symbol_font = |c: &str| {
        c.chars().count() == 1 && c.chars().all(|c| ('\u{f000}'..='\u{f0ff}').contains(&c))
    };
    if BULLETS.contains(&cell) || symbol_font(cell) {
        return Some(Marker::Bullet);
    }
    let inner = match cell.strip_prefix('(') {
        Some(rest) => rest.strip_suffix(')')?,
        None => cell.strip_suffix(['.', ')'])?,
    };
    if (1..=3).contains(&inner.len()) && inner.bytes().all(|b| b.is_ascii_digit()) {
        inner.parse().ok().map(Marker::Number)
    } else if inner.len() == 1 && inner.bytes().all(|b| b.is_ascii_alphabetic())
        || ROMAN.iter().any(|r| r.eq_ignore_ascii_case(inner))
    {
        Some(Marker::Letter)
    } else {
        None
    }
}

/// The list that lines of [`tab_cells`] are, when each is an item copied from Word's list: a
/// [`list_marker`], a tab, and text. All bullets, a list of bullets; all numbers, a numbered
/// list from the first; else a list of letters.
fn tab_list(rows: &[Vec<&str>]) -> Option<Marker> {
    let mut markers = rows.iter().map(|r| match r.as_slice() {
        [marker, text] if !text.is_empty() => list_marker(marker),
        _ => None,
    });
    let first = markers.next()??;
    markers.try_fold(first, |kind, m| match (kind, m?) {
        (Marker::Bullet, Marker::Bullet) => Some(Marker::Bullet),
        (Marker::Number(n), Marker::Number(_)) => Some(Marker::Number(n)),
        _ => Some(Marker::Letter),
    })
}

/// A cell of a number, as a spreadsheet shows one: `30`, `1.250.000`, `Rp 5.000`, `12,5%`.
pub fn is_number(cell: &str) -> bool {
    let digits = cell.strip_prefix("Rp").unwrap_or(cell).trim_start_matches('.').trim();
    digits.bytes().any(|b| b.is_ascii_digit())
        && digits.bytes().all(|b| b.is_ascii_digit() || b".,%-+ ".contains(&b))
}

/// Whether a blank line stands between two lines of text (leading and trailing ones aside).
fn has_blank_line(source: &str) -> bool {
    let mut seen_text = false;
    let mut blank_after_text = false;
    for line in source.lines() {
        if line.trim().is_empty() {
            blank_after_text |= seen_text;
        } else {
            if blank_after_text {
                return true;
            }
            seen_text = true;
        }
    }
    false
}

/// The Text events at the start (or end) of the paragraph opened at `p`, through emphasis and
/// strong text, up to anything else: their indexes, in text order.
fn text_run(events: &[Event<'_>], ends: &[usize], p: usize, from_end: bool) -> Vec<usize> {
    let inner = p + 1..ends[p];
    let mut run = Vec::new();
    let mut visit = |i: usize| match &events[i] {
        Event::Text(_) => {
            run.push(i);
            true
        }
        Event::Start(Tag::Emphasis | Tag::Strong)
        | Event::End(TagEnd::Emphasis | TagEnd::Strong) => true,
        _ => false,
    };
    if from_end {
        for i in inner.rev() {
            if !visit(i) {
                break;
            }
        }
        run.reverse();
    } else {
        for i in inner {
            if !visit(i) {
                break;
            }
        }
    }
    run
}

fn joined(events: &[Event<'_>], run: &[usize]) -> String {
    run.iter()
        .filter_map(|&i| match &events[i] {
            Event::Text(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

/// Removes the bytes `cut` of the text joined from `run`, and emphasis left empty by it (as
/// empty text, which renders as nothing).
fn cut(events: &mut [Event<'_>], run: &[usize], cut: Range<usize>) {
    cut_text(events, run, cut);
    let (Some(&first), Some(&last)) = (run.first(), run.last()) else { return };
    let ends = match_ends(events);
    let lo = first.saturating_sub(4); // emphasis opened just before the run
    for i in lo..=last {
        let empty = matches!(events[i], Event::Start(Tag::Emphasis | Tag::Strong))
            && (i + 1..ends[i]).all(|j| matches!(&events[j], Event::Text(t) if t.is_empty()));
        if empty {
            let end = ends[i];
            events[i] = Event::Text("".into());
            events[end] = Event::Text("".into());
        }
    }
}

fn cut_text(events: &mut [Event<'_>], run: &[usize], cut: Range<usize>) {
    let mut at = 0;
    for &i in run {
        let Event::Text(t) = &events[i] else { continue };
        let len = t.len();
        let (lo, hi) = (cut.start.clamp(at, at + len) - at, cut.end.clamp(at, at + len) - at);
        if lo < hi {
            let kept = format!("{}{}", &t[..lo], &t[hi..]);
            events[i] = Event::Text(kept.into());
        }
        at += len;
    }
}

/// What [`strip_dateline`] read at the body's start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedDateline {
    pub note: Note,
    /// The place it names, when it is the release's: the front matter has no `place:`, and it
    /// is not the unit's ("Singaraja" of "Singaraja (Humas Bali) –", "SINGARAJA, 15/5/2023 –").
    pub place: Option<String>,
}

/// Leaves out a dateline typed at the start of the lead paragraph opened at `p`, when it names
/// the release's own office, or no office but the place and the day; notes it either way. Its
/// place is the release's when the front matter says none ([`OwnDateline::place_set`]).
pub fn strip_dateline(
    events: &mut [Event<'_>],
    ranges: &[Range<usize>],
    p: usize,
    own: &OwnDateline<'_>,
) -> Option<TypedDateline> {
    let ends = match_ends(events);
    let run = text_run(events, &ends, p, false);
    let text = joined(events, &run);
    // "DENPASAR –", the national press's, is the place alone: only the release's own is taken.
    // "Denpasar (Humas Bali): …", a colon where the dash goes: only the release's own office,
    // as a sentence may start with words in parentheses and a colon.
    let found = press::leading_dateline(&text)
        .or_else(|| press::place_alone(&text, own.place))
        .or_else(|| press::office_alone(&text, own.short, own.name))
        .or_else(|| {
            press::colon_dateline(&text).filter(|d| d.naming(own.short, own.name).is_some())
        })?;
    let typed = shown(text[..found.len].trim());
    let offset = ranges[p].start;
    // "Denpasar, 15 Mei 2023 –" names no office: the writer's own dateline, in the general
    // press's form, which would stand after warta's. "Humas Bali, Denpasar –" names it first.
    let found = match found.naming(own.short, own.name) {
        Some(own_office) => own_office,
        None if found.day.is_some() || found.office.is_empty() => found,
        None => {
            let printed = shown(&format!("{} ({}) –", own.place, own.short));
            let message = format!(
                "the body starts with the dateline of another office ({typed}), after the \
                 one warta prints ({printed}); check 'unit:', or delete the typed dateline"
            );
            return Some(TypedDateline { note: Note { offset, message }, place: None });
        }
    };
    cut(events, &run, 0..found.len);
    let other = found.place.as_deref().filter(|p| !p.eq_ignore_ascii_case(own.place));
    // Found by helper-33, stop 67: the unit's place was printed instead of the one typed.
    let place = other.filter(|_| !own.place_set).map(press::place_case);
    let printed = shown(&format!("{} ({}) –", place.as_deref().unwrap_or(own.place), own.short));
    let mut message = format!(
        "the body starts with a typed dateline ({typed}); warta prints {printed} itself, so \
         the typed one was left out: "
    );
    match (&place, other) {
        (Some(place), _) => message.push_str(&format!(
            "set 'place: {place}' (the release's place, which the unit's was) and delete it \
             from the file"
        )),
        (None, Some(typed)) => message.push_str(&format!(
            "delete it from the file; it names {typed}, not 'place: {}': if the release was \
             written in {typed}, set 'place: {typed}'",
            own.place
        )),
        (None, None) => message.push_str("delete it from the file"),
    }
    Some(TypedDateline { note: Note { offset, message }, place })
}

/// Typed text in quotes, for a message, as the writer sees it in an editor: a no-break or other
/// wide space as a space, and the invisible characters that text copied from the web or Word
/// carries (zero-width spaces, soft hyphens) left out, where `{:?}` printed `\u{a0}`.
fn shown(typed: &str) -> String {
    let text: String = typed
        .chars()
        .filter(|c| !matches!(c, '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}'))
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    format!("\"{text}\"")
}

/// What [`strip_initials`] read at the body's end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedInitials {
    /// What the writer is told, when anything: nothing when every part typed is printed.
    pub note: Option<Note>,
    /// Whether the paragraph has no text left.
    pub empty: bool,
    /// The editor's initials typed after the writer's ([`press::Initials::editors`]), which
    /// the page prints after them: "(sn/ed)".
    pub editors: Vec<String>,
}

/// Leaves out the writer's initials typed at the end of the last paragraph opened at `p`
/// ("… media sosial.(sn)"), when they are the release's own authors, and reads the editor's
/// typed after them ("(sn/ed)"); notes it when the writer need do something.
pub fn strip_initials(
    events: &mut [Event<'_>],
    ranges: &[Range<usize>],
    p: usize,
    authors: &[String],
    names: &[String],
) -> Option<TypedInitials> {
    if authors.is_empty() {
        return None;
    }
    let ends = match_ends(events);
    let run = text_run(events, &ends, p, true);
    let text = joined(events, &run);
    // "(Sri Nadi)": a writer's name where the initials go is the writer's.
    let found = press::trailing_initials(&text).or_else(|| {
        let (start, i) = press::trailing_name(&text, names)?;
        Some(press::Initials { parts: vec![authors.get(i)?.clone()], others: Vec::new(), start })
    })?;
    let typed = shown(text[found.start..].trim());
    let known: Vec<&str> = authors.iter().map(String::as_str).collect();
    let mut theirs = found.authors(&known);
    theirs.sort();
    let mut ours: Vec<String> = authors.iter().map(|a| a.to_lowercase()).collect();
    ours.sort();
    let offset = ranges[p].start;
    if theirs != ours {
        if found.authors(&[]).is_empty() {
            return None; // "(Humas)" or "(Kemenag)": a word in parentheses, not initials
        }
        let message = format!(
            "the body ends with the initials {typed}, but the release's author is ({}), \
             which warta prints after them; fix 'author:', or delete the typed initials",
            authors.join("/")
        );
        return Some(TypedInitials {
            note: Some(Note { offset, message }),
            empty: false,
            editors: Vec::new(),
        });
    }
    cut(events, &run, found.start..text.len());
    let empty = (p + 1..ends[p]).all(|i| match &events[i] {
        Event::Text(t) => t.trim().is_empty(),
        Event::Start(Tag::Emphasis | Tag::Strong)
        | Event::End(TagEnd::Emphasis | TagEnd::Strong)
        | Event::SoftBreak
        | Event::HardBreak => true,
        _ => false,
    });
    let editors = found.editors(&known);
    let printed: Vec<&str> = authors.iter().chain(&editors).map(String::as_str).collect();
    let printed = format!("({})", printed.join("/"));
    // The labelled parts the page does not print: a photographer's ("foto: dw").
    let left_out: Vec<&str> = found
        .others
        .iter()
        .filter(|o| !o.split_once(':').is_some_and(|(_, v)| editors.iter().any(|e| e == v.trim())))
        .map(String::as_str)
        .collect();
    let not_printed = match left_out.is_empty() {
        true => String::new(),
        false => format!("; {} is not printed", left_out.join(", ")),
    };
    // The editor's initials are written nowhere else: with them, the typed initials are where
    // the page's come from, and the writer has nothing to delete.
    let message = match (editors.is_empty(), left_out.is_empty()) {
        (false, true) => return Some(TypedInitials { note: None, empty, editors }),
        (false, false) => format!(
            "the body ends with the initials {typed}; warta prints {printed} after the text \
             from them{not_printed}"
        ),
        (true, _) => format!(
            "the body ends with the writer's initials {typed}; warta prints {printed} itself, \
             so the typed ones were left out: delete them from the file{not_printed}"
        ),
    };
    Some(TypedInitials { note: Some(Note { offset, message }), empty, editors })
}

/// The body without the e-mail it was pasted with ([`press::mail::wrapping`]): the lines of a
/// forward's header and of the sender's note above the release ("Yth. Admin Website, mohon
/// dimuat") made blank, and the signature under it ("--", "Salam,", a name, a number,
/// "Dikirim dari iPhone saya") cut off. Pasted with it, the page printed the note with the
/// dateline before it, and the typed dateline after it; shared links previewed "Yth. Admin
/// Website"; and the initials above the signature were printed twice. No line above the
/// signature is added or removed, so lines stay the file's. `None` when there is no e-mail.
pub fn mail_wrapping(source: &str, own: Option<&OwnDateline<'_>>) -> Option<(String, Vec<Note>)> {
    let lines: Vec<&str> = source.split_inclusive('\n').collect();
    let texts: Vec<&str> = lines.iter().map(|l| l.trim_end_matches(['\n', '\r'])).collect();
    let offices: Vec<press::mail::Office<'_>> =
        own.map(|o| (o.short, o.name)).into_iter().collect();
    let wrapping = press::mail::wrapping(&texts, &offices);
    if wrapping.above.is_empty() && wrapping.below.is_empty() {
        return None;
    }
    let quoted = |range: Range<usize>| press::quoted(texts[range].iter().copied(), '"', '"');
    let mut fixed = String::with_capacity(source.len());
    let mut notes = Vec::new();
    for (k, line) in lines.iter().enumerate().take(wrapping.below.start) {
        if k == wrapping.above.start && !wrapping.above.is_empty() {
            let message = format!(
                "the body starts with the e-mail it came in ({}); the page is the release, so \
                 it was left out: delete it from the file",
                quoted(wrapping.above.clone())
            );
            notes.push(Note { offset: fixed.len(), message });
        }
        if wrapping.above.contains(&k) {
            fixed.push_str(&line[texts[k].len()..]);
        } else {
            fixed.push_str(line);
        }
    }
    if !wrapping.below.is_empty() {
        let what = match wrapping.contact {
            true => "who sent it and how to reach them, under the initials",
            false => "the signature of the e-mail it came in",
        };
        let message = format!(
            "the body ends with {what} ({}); the page ends the release with the writer's \
             initials, so it was left out: delete it from the file",
            quoted(wrapping.below.clone())
        );
        notes.push(Note { offset: fixed.len(), message });
    }
    Some((fixed, notes))
}

/// `source` without the zero-width space (U+200B) and the word joiner (U+2060), which show
/// nothing and break no line, or `None` when it has none. A zero-width joiner or non-joiner
/// stays: emoji and Indic and Arabic scripts need them.
pub fn without_invisible_spaces(source: &str) -> Option<String> {
    const INVISIBLE: [char; 2] = ['\u{200B}', '\u{2060}'];
    source.contains(INVISIBLE).then(|| source.replace(INVISIBLE, ""))
}

/// The body with the text typed indented read as text: Markdown takes a line that starts with a
/// Tab (or four spaces) for code, so a release typed as Word has it, each paragraph's first line
/// indented with a Tab, or copied from a PDF with its margin, came out as one block of code, in
/// a typewriter's letters, with its dateline and initials printed twice. Each top-level block of
/// indented code loses its lines' indentation; fenced code (```) stays code. `None` when there
/// is no such block. No line is added or removed, so lines stay the file's.
pub fn indented_text(source: &str, options: pulldown_cmark::Options) -> Option<String> {
    let indented = |l: &str| l.starts_with('\t') || l.starts_with("    ");
    if !source.lines().any(|l| indented(l) && !l.trim().is_empty()) {
        return None;
    }
    let mut blocks: Vec<Range<usize>> = Vec::new();
    let mut depth = 0usize;
    for (event, range) in pulldown_cmark::Parser::new_ext(source, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Indented)) if depth == 0 => {
                blocks.push(range);
                depth += 1;
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    if blocks.is_empty() {
        return None;
    }
    let mut fixed = String::with_capacity(source.len() + 16);
    let mut copied = 0;
    for block in blocks {
        // From the start of the block's first line: its range starts after the indentation.
        let start = line_start(source, block.start).max(copied);
        fixed.push_str(&source[copied..start]);
        for line in source[start..block.end].split_inclusive('\n') {
            let text = line.trim_start_matches([' ', '\t']);
            // A spreadsheet's row whose first cells are empty (the corner above the rows'
            // labels) keeps its tabs, which are those cells, behind a no-break space, which
            // Markdown takes for text, and [`tab_cells`] trims.
            if text.trim_end().contains('\t') && line.len() > text.len() {
                fixed.push('\u{a0}');
                fixed.push_str(line);
            } else {
                fixed.push_str(text);
            }
        }
        copied = block.end;
    }
    fixed.push_str(&source[copied..]);
    Some(fixed)
}

/// The body with every link or image address typed with spaces in it, `![Suasana
/// rapat](foto kegiatan 1.jpg)` (a phone's or a camera's file name, as the writer saw it), put
/// in angle brackets, `![Suasana rapat](<foto kegiatan 1.jpg>)`, the form Markdown reads: as
/// typed, Markdown takes it for plain text, and the page shows the brackets and the file name
/// instead of the photo. `None` when there is no such address. Only an address that ends in a
/// file's extension (`.jpg`, `.pdf`) is taken, an optional `"title"` after it kept, and only
/// where Markdown read the `](` as text: never in code, never a link it read already.
pub fn spaced_destinations(source: &str, options: pulldown_cmark::Options) -> Option<String> {
    let candidates: Vec<(usize, Range<usize>)> =
        source.match_indices("](").filter_map(|(at, _)| spaced_destination(source, at)).collect();
    if candidates.is_empty() {
        return None;
    }
    // Where Markdown saw text, code blocks aside: a `]` outside them is not link syntax.
    let mut texts = Vec::new();
    let mut in_code = false;
    for (event, range) in pulldown_cmark::Parser::new_ext(source, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(_) if !in_code => texts.push(range),
            _ => {}
        }
    }
    let is_text = |at: usize| {
        let i = texts.partition_point(|r| r.end <= at);
        texts.get(i).is_some_and(|r| r.start <= at)
    };
    let mut fixed = String::with_capacity(source.len() + 2 * candidates.len());
    let mut copied = 0;
    for (_, address) in candidates.into_iter().filter(|(at, _)| is_text(*at)) {
        fixed.push_str(&source[copied..address.start]);
        fixed.push('<');
        fixed.push_str(&source[address.clone()]);
        fixed.push('>');
        copied = address.end;
    }
    if copied == 0 {
        return None;
    }
    fixed.push_str(&source[copied..]);
    Some(fixed)
}

/// The address after the `](` at `at` when it has a space in it and ends in a file's
/// extension: the bytes up to the `)` that closes it on the same line (parentheses inside it
/// balanced, as in `foto (1).jpg`), less a `"title"` at its end.
fn spaced_destination(source: &str, at: usize) -> Option<(usize, Range<usize>)> {
    let start = at + 2;
    let rest = &source[start..];
    // A path on the writer's computer has backslashes that are no Markdown escapes: read so
    // that the build can say what it is (`super::is_local_path`, which looks at the start
    // only: a look to the `)` would make text of many `](` quadratic).
    let local = super::is_local_path(rest);
    let mut depth = 0usize;
    let mut close = None;
    for (i, c) in rest.char_indices() {
        match c {
            '\\' if local => {}
            '\n' | '\r' | '<' | '>' | '\\' | '[' | ']' => return None,
            '(' => depth += 1,
            ')' if depth == 0 => {
                close = Some(i);
                break;
            }
            ')' => depth -= 1,
            _ => {}
        }
    }
    let inner = &rest[..close?];
    // An optional title: ` "Dokumentasi"` at the end.
    let address = match inner.trim_end().strip_suffix('"') {
        Some(head) => &inner[..head.rfind(" \"")?],
        None => inner,
    };
    let trimmed = address.trim();
    let last = trimmed.rsplit('/').next().unwrap_or(trimmed);
    let names_a_file = last.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.trim().is_empty()
            && (1..=5).contains(&ext.len())
            && ext.bytes().all(|b| b.is_ascii_alphanumeric())
    });
    let spaced = trimmed.contains(' ');
    if !names_a_file || !spaced || trimmed.contains(['"', '\'', '\t']) {
        return None;
    }
    let lead = address.len() - address.trim_start().len();
    let begin = start + lead;
    Some((at, begin..begin + trimmed.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../tests/fixtures/import/seed.txt");

    /// `text`'s lines wrapped at `width` characters, as a PDF or an e-mail program does: each
    /// line as many words as fit.
    pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
        let mut out = Vec::new();
        for paragraph in text.lines() {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                    out.push(std::mem::take(&mut line));
                }
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
            }
            out.push(line);
        }
        out
    }

    /// Found copying a release from a PDF, stop 63: each line of the wrap became a paragraph.
    #[test]
    fn the_breaks_of_hard_wrapped_prose_that_end_paragraphs_are_found() {
        for width in [66, 72, 80, 88, 100, 120] {
            let lines = wrap(SEED, width);
            let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
            let ends = wrapped_breaks(&lines).unwrap_or_else(|| panic!("wrapped at {width}"));
            // Where each of the seed's paragraphs ends, and only there.
            let mut expected = Vec::new();
            for paragraph in SEED.lines() {
                let n = wrap(paragraph, width).len();
                expected.extend(std::iter::repeat_n(false, n - 1));
                expected.push(true);
            }
            expected.pop();
            // Every end found is one; a paragraph whose last line is full and ends a sentence
            // cannot be told from a sentence that goes on, and is joined to the next.
            let found = ends.iter().zip(&expected).filter(|&(&e, &x)| e && x).count();
            let all = expected.iter().filter(|&&x| x).count();
            assert_eq!(ends.iter().filter(|&&e| e).count(), found, "at {width}");
            assert!(found * 4 >= all * 3, "{found} of {all} at {width}");
            // Under a headline.
            let headed: Vec<&str> = ["WORKSHOP MEDIA SOSIAL"].into_iter().chain(lines).collect();
            assert_eq!(wrapped_breaks(&headed).map(|e| e[0]), Some(true), "at {width}");
        }
    }

    /// Found copying a release out of a real PDF (Chromium's, pdftotext), stop 65: a line of
    /// its letterhead, in smaller letters, was wider than the text's, and every line of the
    /// text became a paragraph.
    #[test]
    fn a_line_wider_by_far_than_the_wrap_is_a_paragraph_of_its_own() {
        for width in [58, 72] {
            let wrapped = wrap(SEED, width);
            let address = "Jalan Raya Puputan No. 7 Renon, Denpasar 80235 Telepon (0361) \
                227080 Faksimili (0361) 227081";
            let url = "https://bali.kemenag.go.id/berita/2023/05/\
                workshop-manajemen-media-sosial-dalam-membangun-citra-instansi";
            let mut lines: Vec<&str> = vec!["KEMENTERIAN AGAMA REPUBLIK INDONESIA", address];
            lines.extend(wrapped[..6].iter().map(String::as_str));
            lines.push(url);
            lines.extend(wrapped[6..].iter().map(String::as_str));
            let ends = wrapped_breaks(&lines).unwrap_or_else(|| panic!("wrapped at {width}"));
            assert!(ends[0] && ends[1], "the address is a paragraph at {width}");
            assert!(ends[7] && ends[8], "the address on the web is a paragraph at {width}");
            assert!(!ends[2] && !ends[3], "the text goes on at {width}");
        }
    }

    #[test]
    fn lines_typed_one_by_one_are_not_wrapped() {
        let seed: Vec<&str> = SEED.lines().collect();
        let short = [
            "Rapat dibuka pukul 09.00 oleh Kepala Kantor Wilayah Kemenag Bali.",
            "Peserta rapat terdiri dari para kepala seksi dan penyelenggara.",
            "Rapat membahas persiapan Hari Amal Bakti ke-78 tahun depan ini.",
            "Kegiatan ditutup dengan doa bersama seluruh peserta yang hadir.",
        ];
        let titles = [
            "Kepala Kantor Wilayah Kementerian Agama Provinsi Bali Bapak Ketut",
            "Kepala Kantor Kementerian Agama Kabupaten Badung Bapak Made Sudira",
            "Kepala Kantor Kementerian Agama Kota Denpasar Ibu Nyoman Suastini",
            "Ketua Dharma Wanita Persatuan Kanwil Kemenag Bali Ibu Sri Rahayu",
        ];
        let agenda = [
            "Hari/Tanggal : Senin, 15 Mei 2023",
            "Tempat : Aula Kantor Wilayah Kementerian Agama Provinsi Bali",
            "Acara : Rapat Koordinasi Penyuluh Agama",
        ];
        for lines in [&seed[..], &short[..], &titles[..], &agenda[..], &seed[..2]] {
            assert_eq!(wrapped_breaks(lines), None, "{lines:?}");
        }
    }

    #[test]
    fn blank_lines_between_text_only() {
        assert!(!has_blank_line("\n\nSatu.\nDua.\n\n\n"));
        assert!(has_blank_line("Satu.\n\nDua."));
        assert!(has_blank_line("Satu.\n   \t\nDua."));
        assert!(!has_blank_line(""));
    }
}

/// The whole Markdown stage on pasted text, as a release renders it.
#[cfg(test)]
mod rendered {
    use crate::markdown::{render, Context, OwnDateline, Rendered};

    const SEED: &str = include_str!("../../tests/fixtures/import/seed.txt");
    const OWN: OwnDateline<'static> = OwnDateline {
        place: "Denpasar",
        short: "Humas Bali",
        name: "Kanwil Kemenag Bali",
        place_set: true,
    };

    fn release(body: &str) -> Rendered {
        let signature = vec!["sn".to_string()];
        render(body, &Context { signature: &signature, ..context() })
    }

    /// The context of a release of [`OWN`] without a writer.
    fn context() -> Context<'static> {
        Context {
            dateline: Some(OWN),
            base_path: "/",
            page_path: "/2023/05/workshop/",
            signature: &[],
            writers: &[],
            first_line: 1,
            pictures: None,
            title: None,
            raw_html: false,
            hashtags: &[],
        }
    }

    #[test]
    fn the_seed_as_pasted_has_one_dateline_no_initials_and_a_paragraph_per_line() {
        let out = release(SEED);
        assert_eq!(out.html.matches("<p>").count(), SEED.lines().count(), "{}", out.html);
        assert_eq!(out.html.matches("Humas Bali").count(), 1, "{}", out.html);
        assert!(out.html.starts_with(
            "<p><span class=\"dateline\">Denpasar (Humas Bali)</span> – Membuka Workshop"
        ));
        assert!(!out.html.contains("(sn)"), "{}", out.html);
        assert!(out.html.ends_with("penggunaan media sosial.</p>\n"), "{}", out.html);
        assert!(out.first_paragraph.starts_with("Membuka Workshop"));
        let lines: Vec<usize> = out.notes.iter().map(|n| n.line).collect();
        assert_eq!(lines, [9, 1], "{:?}", out.notes);
        assert!(out.notes[1].message.contains("typed dateline (\"(Humas Bali) –\")"));
        assert!(out.notes[0].message.contains("initials \"(sn)\""));
        // Curly quotes and the writer's spelling survive.
        assert!(out.html.contains("“Seberapapun"));
        assert!(out.html.contains("media soisal"));
    }

    #[test]
    fn pasted_with_crlf_and_every_dateline_form() {
        for dateline in [
            "Denpasar (Humas Bali) –",
            "DENPASAR (HUMAS BALI) -",
            "Denpasar, Humas Bali —",
            "**Denpasar (Humas Bali)** –",
            "Denpasar (Kanwil Kemenag Bali) –",
            // The office first: printed twice, and called another office's, until stop 46.
            "Humas Bali, Denpasar –",
            "HUMAS BALI, DENPASAR -",
        ] {
            let body = format!("{dateline} Pertama.\r\nKedua.\r\nKetiga. (sn)\r\n");
            let out = release(&body);
            assert_eq!(
                out.html,
                "<p><span class=\"dateline\">Denpasar (Humas Bali)</span> – Pertama.</p>\n\
                 <p>Kedua.</p>\n<p>Ketiga.</p>\n",
                "{dateline}"
            );
            assert_eq!(out.notes.len(), 2, "{dateline}");
        }
    }

    /// Found by a tester: a dateline naming the unit as offices shorten its name, or with a
    /// colon where the dash goes, stood after warta's.
    #[test]
    fn a_dateline_with_the_unit_s_name_shortened_or_a_colon_is_left_out() {
        let own = OwnDateline { name: "Kantor Wilayah Kementerian Agama Provinsi Bali", ..OWN };
        let signature = vec!["sn".to_string()];
        let cx = Context { dateline: Some(own), signature: &signature, ..context() };
        for dateline in [
            "Kemenag Bali —",
            "Denpasar (Humas Bali):",
            "(Humas Bali) :",
            "Denpasar (Kanwil Kemenag Bali) –",
            "Denpasar (Kanwil Kemenag Bali):",
        ] {
            let out = crate::markdown::render(&format!("{dateline} Isi.\n\nPenutup."), &cx);
            assert_eq!(
                out.html,
                "<p><span class=\"dateline\">Denpasar (Humas Bali)</span> – Isi.</p>\n\
                 <p>Penutup.</p>\n",
                "{dateline}"
            );
            assert_eq!(out.notes.len(), 1, "{dateline}: {:?}", out.notes);
            let typed = format!("typed dateline (\"{dateline}\")");
            assert!(out.notes[0].message.contains(&typed), "{:?}", out.notes);
        }
        // A sentence that starts with a place, or words in parentheses and a colon, stays.
        for body in [
            "Denpasar (Bali): kota yang ramai.",
            "Kegiatan (Workshop): dibuka.",
            "Kemenag Bali menggelar rapat - bersama.",
            "Denpasar menjadi tuan rumah.",
        ] {
            let out = crate::markdown::render(body, &cx);
            assert!(out.html.contains(&format!("</span> – {body}</p>")), "{}", out.html);
            assert!(out.notes.is_empty(), "{body}: {:?}", out.notes);
        }
    }

    /// Found by a tester: who sent the release and how to reach them, typed under the initials,
    /// kept the initials from being read as the body's end, and they were printed twice.
    #[test]
    fn a_contact_under_the_initials_is_left_out_and_the_initials_read() {
        let contact = "Humas Kanwil Kemenag Bali\nTelp. (0361) 123456\nhumas.bali@kemenag.go.id";
        for body in [
            format!("Isi.\nPenutup. (sn)\n{contact}\n"),
            format!("Isi.\n\nPenutup. (sn)\n\n{contact}\n"),
        ] {
            let out = release(&body);
            assert!(out.html.ends_with("<p>Penutup.</p>\n"), "{}", out.html);
            assert!(!out.html.contains("Telp") && !out.html.contains("(sn)"), "{}", out.html);
            let contact = out.notes.iter().find(|n| n.message.contains("how to reach them"));
            let contact = contact.unwrap_or_else(|| panic!("{:?}", out.notes));
            assert!(contact
                .message
                .contains("(\"Humas Kanwil Kemenag Bali\", \"Telp. (0361) 123456\""));
            assert!(out.notes.iter().any(|n| n.message.contains("initials \"(sn)\"")));
        }
        // The office's name alone under them (found by helper-36, stop 68).
        for office in ["Humas Kanwil Kemenag Bali", "Kanwil Kemenag Bali", "Humas Bali"] {
            let out = release(&format!("Isi.\nPenutup. (sn)\n{office}\n"));
            assert!(out.html.ends_with("<p>Penutup.</p>\n"), "{office}: {}", out.html);
            assert!(out.notes.iter().any(|n| n.message.contains("how to reach them")));
        }
    }

    #[test]
    fn a_dateline_of_place_and_day_is_the_writers_own_and_is_not_printed_twice() {
        let out = release("Denpasar, 15 Mei 2023 – Isi.\n\nPenutup.");
        assert_eq!(
            out.html,
            "<p><span class=\"dateline\">Denpasar (Humas Bali)</span> – Isi.</p>\n<p>Penutup.</p>\n"
        );
        assert_eq!(out.notes.len(), 1, "{:?}", out.notes);
        assert!(
            out.notes[0].message.starts_with(
                "the body starts with a typed dateline (\"Denpasar, 15 Mei 2023 –\"); warta \
                 prints \"Denpasar (Humas Bali) –\" itself"
            ),
            "{:?}",
            out.notes
        );
        let out = release("SINGARAJA, 15/5/2023 - Isi.");
        assert!(out.notes[0].message.contains("set 'place: SINGARAJA'"), "{:?}", out.notes);
        assert!(!out.html.contains("SINGARAJA"), "{}", out.html);
    }

    #[test]
    fn a_typed_place_of_its_own_is_pointed_at() {
        let out = release("Singaraja (Humas Bali) – Isi.\n\nPenutup.");
        assert!(out.notes[0].message.contains("set 'place: Singaraja'"), "{:?}", out.notes);
        assert!(!out.html.contains("Singaraja"));
    }

    /// A dateline typed with the unit's office and another place ("Singaraja (Humas Bali) –")
    /// printed the unit's place instead, when the front matter said none (found by helper-33,
    /// stop 67): the typed place is the release's; 'place:' still wins, with a warning.
    #[test]
    fn a_typed_place_is_the_release_s_unless_the_front_matter_says_one() {
        let own = OwnDateline { place_set: false, ..OWN };
        let cx = Context { dateline: Some(own), ..context() };
        for (typed, place) in [
            ("Singaraja (Humas Bali) –", Some("Singaraja")),
            ("SINGARAJA (HUMAS BALI) -", Some("Singaraja")),
            ("SINGARAJA, 15/5/2023 -", Some("Singaraja")),
            ("Nusa Dua, Humas Bali —", Some("Nusa Dua")),
            ("Denpasar (Humas Bali) –", None),
            ("(Humas Bali) –", None),
        ] {
            let out = crate::markdown::render(&format!("{typed} Isi.\n\nPenutup."), &cx);
            assert_eq!(out.place.as_deref(), place, "{typed}");
            let printed = place.unwrap_or("Denpasar");
            assert_eq!(
                out.html,
                format!(
                    "<p><span class=\"dateline\">{printed} (Humas Bali)</span> – Isi.</p>\n\
                     <p>Penutup.</p>\n"
                ),
                "{typed}"
            );
            assert_eq!(out.notes.len(), 1, "{typed}: {:?}", out.notes);
            let message = &out.notes[0].message;
            assert!(message.contains(&format!("prints \"{printed} (Humas Bali) –\"")), "{message}");
            match place {
                Some(p) => assert!(message.contains(&format!("set 'place: {p}'")), "{message}"),
                None => assert!(message.ends_with("delete it from the file"), "{message}"),
            }
        }
        // Another office's dateline is not the release's, nor its place.
        let out = crate::markdown::render("Mangupura (Humas Badung) – Isi.", &cx);
        assert_eq!(out.place, None);
        // With 'place:', the typed place is pointed at and the release's printed.
        let out = release("Singaraja (Humas Bali) – Isi.");
        assert_eq!(out.place, None);
        assert!(out.html.contains(">Denpasar (Humas Bali)</span> – Isi."), "{}", out.html);
        assert!(out.notes[0].message.contains("not 'place: Denpasar'"), "{:?}", out.notes);
    }

    /// "(sn/ed: ra)", the writer and the editor: printed as typed, and "(sn)" after it, until
    /// stop 46. The editor's initials were then left out with a warning, "(sn/ed)" printed
    /// "(sn)" (found by helper-36, stop 68): they are the page's now, with nothing to say.
    #[test]
    fn the_writers_initials_with_the_editors_are_left_out_and_the_editors_read() {
        for (end, editors) in [
            ("Penutup.(sn/ed: ra)", vec!["ra"]),
            ("Penutup. (sn/Red: ra)", vec!["ra"]),
            ("Penutup. (sn/ed)", vec!["ed"]),
            ("Penutup. (SN/ED)", vec!["ED"]),
            ("Penutup.\n\n(Pewarta: sn)", vec![]),
        ] {
            let out = release(&format!("Isi.\n\n{end}"));
            let html = "<p><span class=\"dateline\">Denpasar (Humas Bali)</span> – Isi.</p>\n\
                        <p>Penutup.</p>\n";
            assert_eq!(out.html, html, "{end}");
            assert_eq!(out.editors, editors, "{end}");
            assert_eq!(out.notes.len(), usize::from(editors.is_empty()), "{end}: {:?}", out.notes);
        }
        // A photographer's initials are not printed, and said so.
        let out = release("Isi.\n\nPenutup. (sn/ed/foto: dw)");
        assert_eq!(out.editors, ["ed"]);
        assert!(out.notes[0].message.contains("warta prints (sn/ed) after the text"));
        assert!(out.notes[0].message.ends_with("; foto: dw is not printed"), "{:?}", out.notes);
        let out = release("Isi.\n\nPenutup. (sn/foto: dw)");
        assert!(out.editors.is_empty());
        assert!(out.notes[0].message.ends_with("file; foto: dw is not printed"), "{:?}", out.notes);
        // Another writer's initials with an editor stay, with a note.
        let out = release("Isi.\n\nPenutup. (ab/ed: ra)");
        assert!(out.html.contains("Penutup. (ab/ed: ra)"), "{}", out.html);
        assert!(out.notes[0].message.contains("fix 'author:'"), "{:?}", out.notes);
        assert!(out.editors.is_empty());
        // A photo's credit at the end is neither.
        let out = release("Isi.\n\nSuasana rapat (Foto: Humas)");
        assert!(out.html.contains("(Foto: Humas)") && out.notes.is_empty(), "{}", out.html);
    }

    /// A photo's caption typed under it was a stray paragraph under the photo (found by
    /// helper-36, stop 68): it is the photo's caption.
    #[test]
    fn a_caption_typed_under_a_photo_is_its_caption() {
        for body in [
            "Isi.\n\n![](rapat.jpg)\nKeterangan foto: Suasana rapat\n\nPenutup.",
            "Isi.\n\n![](rapat.jpg)\n\nKet. foto:  Suasana rapat\n\nPenutup.",
            "Isi.\n![](rapat.jpg)\nKeterangan Foto: Suasana rapat\nPenutup.",
        ] {
            let out = release(body);
            assert!(
                out.html
                    .contains("<figcaption>Suasana rapat</figcaption></figure>\n<p>Penutup.</p>"),
                "{}",
                out.html
            );
            assert!(!out.html.contains("Keterangan") && !out.html.contains("Ket."), "{}", out.html);
            assert_eq!(out.html.matches("<p>").count(), 2, "{}", out.html);
            assert!(out.notes.is_empty(), "{:?}", out.notes);
        }
        // A credit is shown whole; a photo with a title keeps it, and the line stays.
        let out = release("Isi.\n\n![](rapat.jpg)\nFoto: Humas Bali\n\nPenutup.");
        assert!(out.html.contains("<figcaption>Foto: Humas Bali</figcaption>"), "{}", out.html);
        let out = release("Isi.\n\n![](rapat.jpg \"Rapat\")\n\nKeterangan foto: Suasana\n\nAkhir.");
        assert!(out.html.contains("<figcaption>Rapat</figcaption>"), "{}", out.html);
        assert!(out.html.contains("<p>Keterangan foto: Suasana</p>"), "{}", out.html);
        // A line of text under a photo is text.
        let out = release("Isi.\n\n![](rapat.jpg)\nRapat dibuka: pukul 09.00\n\nPenutup.");
        assert!(!out.html.contains("<figcaption>"), "{}", out.html);
        // A rule or HTML at the top is not a caption (the fuzz corpus found it panicking).
        let out = release("***\n\nIsi: rapat.\n\nPenutup.");
        assert!(out.html.starts_with("<hr />"), "{}", out.html);
        assert!(!out.notes.iter().any(|n| n.message.contains("caption")), "{:?}", out.notes);
        // At the body's top, above the text: left out, with a note naming the field.
        let out = release("Keterangan foto: Kakanwil membuka workshop\n\nIsi.\n\nPenutup.");
        assert!(
            out.html
                .starts_with("<p><span class=\"dateline\">Denpasar (Humas Bali)</span> – Isi.</p>"),
            "{}",
            out.html
        );
        assert_eq!(out.notes.len(), 1, "{:?}", out.notes);
        assert_eq!(out.notes[0].line, 1, "{:?}", out.notes);
        assert!(out.notes[0].message.contains("from 'image_caption:'"), "{:?}", out.notes);
        let out = release("Foto: Humas Bali\nIsi.\nPenutup.");
        assert!(out.notes[0].message.contains("from 'image_credit:'"), "{:?}", out.notes);
        assert!(!out.html.contains("Humas Bali</p>"), "{}", out.html);
    }

    #[test]
    fn another_office_or_other_initials_stay_with_a_note() {
        let out = release("Mangupura (Humas Badung) – Isi.\n\nPenutup. (ra)");
        assert!(out.html.contains("(Humas Badung) – Isi."), "{}", out.html);
        assert!(out.html.contains("Penutup. (ra)"), "{}", out.html);
        assert_eq!(out.notes.len(), 2);
        assert!(out.notes.iter().any(|n| n.message.contains("another office")));
        assert!(out.notes.iter().any(|n| n.message.contains("fix 'author:'")));
        // A word in parentheses at the end is not initials.
        assert!(release("Isi.\n\nDiresmikan oleh Kakanwil (Kemenag)").notes.is_empty());
    }

    #[test]
    fn hard_wrapped_markdown_keeps_its_paragraphs() {
        let body = "Paragraf pertama yang\npanjang dan dibungkus.\n\nParagraf kedua\njuga.\n";
        let out = release(body);
        assert_eq!(out.html.matches("<p>").count(), 2, "{}", out.html);
        assert!(out.notes.is_empty());
    }

    #[test]
    fn a_long_line_marks_a_paragraph_as_typed() {
        let long = "kata ".repeat(30);
        let body = format!("Judul kecil\n{long}\n\n- butir satu\n- butir dua\n\nAkhir\nbaris.");
        let out = release(&body);
        assert_eq!(out.html.matches("<p>").count(), 3, "{}", out.html);
        assert_eq!(out.html.matches("<li>").count(), 2, "{}", out.html);
    }

    #[test]
    fn a_line_break_inside_emphasis_is_not_a_paragraph() {
        let out = release("Satu *miring\nterus* selesai.\nDua.");
        assert_eq!(out.html.matches("<p>").count(), 2, "{}", out.html);
        assert!(out.html.contains("<em>miring\nterus</em>"), "{}", out.html);
    }

    /// A list typed without a blank line under it took the paragraphs under it into its last
    /// item, and the initials at their end were printed a second time.
    #[test]
    fn lines_typed_under_a_list_are_paragraphs_and_the_initials_are_read() {
        let dateline = "<p><span class=\"dateline\">Denpasar (Humas Bali)</span> – Agenda:</p>\n";
        for (marker, list) in [("1)", "ol"), ("1.", "ol"), ("-", "ul"), ("*", "ul")] {
            let body = format!(
                "Agenda:\n{marker} Pembukaan\n{marker} Materi\nKegiatan ditutup.\nPeserta pulang. (sn)\n"
            );
            let out = release(&body);
            assert_eq!(
                out.html,
                format!(
                    "{dateline}<{list}>\n<li>Pembukaan</li>\n<li>Materi</li>\n</{list}>\n\
                     <p>Kegiatan ditutup.</p>\n<p>Peserta pulang.</p>\n"
                ),
                "{marker}"
            );
            assert_eq!(out.notes.len(), 1, "{marker}: {:?}", out.notes);
            assert_eq!(out.notes[0].line, 5, "{marker}: {:?}", out.notes);
            assert!(out.notes[0].message.contains("initials \"(sn)\""), "{:?}", out.notes);
        }
        // With blank lines between the other paragraphs, and a loose list.
        let out = release("Agenda:\n\n1. Pembukaan\n\n2. Materi\nKegiatan ditutup. (sn)");
        assert!(
            out.html.ends_with("<li>\n<p>Materi</p>\n</li>\n</ol>\n<p>Kegiatan ditutup.</p>\n"),
            "{}",
            out.html
        );
        assert_eq!(out.notes.len(), 1, "{:?}", out.notes);
    }

    #[test]
    fn a_line_typed_between_items_splits_the_list_which_is_numbered_on() {
        let out =
            release("Agenda:\n1) Pembukaan\nSambutan Kakanwil.\n2) Materi\n3) Penutup\nAkhir.");
        assert!(
            out.html.ends_with(
                "<ol>\n<li>Pembukaan</li>\n</ol>\n<p>Sambutan Kakanwil.</p>\n\
                 <ol start=\"2\">\n<li>Materi</li>\n<li>Penutup</li>\n</ol>\n<p>Akhir.</p>\n"
            ),
            "{}",
            out.html
        );
    }

    /// A line indented as the item's text is, or a long item's sentence going on in small
    /// letters (wrapped by an e-mail program), stays the item's, as Markdown has it.
    #[test]
    fn an_item_s_own_lines_stay_in_it() {
        for body in [
            "Agenda:\n\n- Pembukaan oleh\n  Kakanwil\n- Materi\n\nAkhir.",
            "Agenda:\n\n- Sambutan dan arahan dari Kepala Kantor Wilayah Kementerian Agama\n\
             yang dibacakan oleh\nkepala bagian Kakanwil\n- Materi\n\nAkhir.",
        ] {
            let out = release(body);
            assert_eq!(out.html.matches("<li>").count(), 2, "{}", out.html);
            assert_eq!(out.html.matches("<p>").count(), 2, "{}", out.html);
            assert!(out.html.contains("Kakanwil</li>\n<li>Materi"), "{}", out.html);
        }
        // An item an e-mail program wrapped before a capital stays whole (found by helper-36,
        // stop 68: its second line was a paragraph under the list); under a short line, or one
        // that ends a sentence, such a line is a paragraph.
        let wrapped = "Agenda:\n\n- Rapat koordinasi bersama para Kepala Seksi dan Kepala Kantor \
                       Wilayah\nKementerian Agama Provinsi Bali di Denpasar\n- Materi\n\nAkhir.";
        let out = release(wrapped);
        assert_eq!(out.html.matches("<li>").count(), 2, "{}", out.html);
        assert!(out.html.contains("Wilayah\nKementerian Agama Provinsi Bali di Denpasar</li>"));
        for item in [
            "Rapat koordinasi bersama Kepala Kantor Wilayah",
            "Rapat koordinasi bersama para Kepala Seksi dan Kepala Kantor Wilayah.",
        ] {
            let out = release(&format!("Agenda:\n- {item}\nKegiatan ditutup. (sn)\n"));
            assert!(out.html.contains(&format!("<li>{item}</li>")), "{}", out.html);
            assert!(out.html.ends_with("</ul>\n<p>Kegiatan ditutup.</p>\n"), "{}", out.html);
        }
        // A list inside a quote, or inside an item, is left as Markdown has it.
        let out = release("> - Satu\nDua\n\n- Tiga\n  - Empat\nLima\n\nAkhir.");
        assert!(out.html.contains("<li>Satu\nDua</li>"), "{}", out.html);
        assert!(out.html.contains("<li>Empat\nLima</li>"), "{}", out.html);
    }

    /// Found copying a release from a PDF, stop 63: each line of the wrap was a paragraph.
    #[test]
    fn the_seed_copied_from_a_pdf_has_its_paragraphs() {
        let typed = release(SEED);
        // At these widths every paragraph's end is found (at some, a paragraph whose last line
        // is full is joined to the next: `the_breaks_of_hard_wrapped_prose…`).
        for width in [74, 80, 96, 118] {
            let wrapped = super::tests::wrap(SEED, width).join("\n");
            let out = release(&wrapped);
            assert_eq!(out.html.replace('\n', " "), typed.html.replace('\n', " "), "at {width}");
            assert_eq!(out.words, typed.words);
        }
    }
}
