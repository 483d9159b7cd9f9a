//! The search page's data (`search:` in `site.yaml`, on by default): each published release as
//! a [`crate::search::Record`] (its title, date, unit, tags and plain text), and the index
//! [`crate::search::index`] makes of them. Drafts and releases not yet due are never indexed,
//! so a preview build's index announces nothing. Plain data in, files out.

use super::views::Views;
use super::{Body, Output};
use crate::fingerprint::{Fp, Hasher};
use crate::model::Site;
use crate::search::{self, Record, Terms};
use rayon::prelude::*;
use std::sync::Arc;

pub use crate::search::{BUNDLE, META};

/// The theme's template of the search page; without it, a site has no search.
pub const TEMPLATE: &str = "search.html";

/// Whether the site has search: `search:` on, and a theme with a search page.
pub fn enabled(site: &Site, theme: &super::Theme) -> bool {
    site.config.search && theme.has_template(TEMPLATE)
}

/// Release `i` as a result shows it (`search.json` beside its page, rendered with the page, so
/// that an edit of one release rewrites one such file); `body` is the plain text of its body
/// ([`plain`]).
pub fn document(site: &Site, views: &Views, i: usize, body: &str) -> String {
    let r = &site.releases[i];
    let record =
        Record { text: text(&r.summary, &r.lead, body), ..record(site, views, i, 0, Vec::new()) };
    search::document(&record, &views.units[&r.unit].name)
}

/// Release `i` as the index lists it, with `unit` and `tags` as the index numbers them: without
/// its text, which the index reads from the terms worked out with the parse.
fn record(site: &Site, views: &Views, i: usize, unit: usize, tags: Vec<usize>) -> Record {
    let r = &site.releases[i];
    Record {
        url: site.config.link(&r.path),
        title: r.title.clone(),
        // As `views.summary(site, i).date.long`, without making the release's card.
        date: views.calendar.long(&r.date),
        unit,
        tags,
        year: r.date.year(),
        text: String::new(),
    }
}

/// A release's terms for the index, from the plain text of its body (`body`, [`plain`]): worked
/// out when it is parsed (`Parsed::terms`).
pub fn terms(config: &crate::config::Config, r: &crate::model::Parsed, body: &str) -> Terms {
    // A release's topics weigh as its title does: a reader who searches a topic the search
    // page lists as a filter finds its releases, whether or not the text has the word (found
    // by helper-32, stop 66: "pelatihan", a tag, found nothing).
    let mut heading = r.title.clone();
    for tag in &r.tags {
        heading.push(' ');
        heading.push_str(tag);
    }
    Terms::of(&heading, &text(&r.summary, &r.lead, body), &config.language)
}

/// What the index of one build keeps for the next (`warta serve` keeps it from one save to
/// the next): the index's own ([`search::Kept`]), and each published release's record, by
/// what it was made of.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Kept {
    index: Option<search::Kept>,
    /// What every record reads besides its release: the config, the calendar, the units' and
    /// tags' names.
    context: Fp,
    records: Vec<Arc<Made>>,
}

/// A release's record, made from the release's parse (its key) at its path.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Made {
    key: Fp,
    path: String,
    record: Record,
    /// The record's fingerprint, for the index's key.
    fp: Fp,
    /// What the release's own `search.json` holds besides the record, its text, as a
    /// fingerprint of what that is made of: for the index's key, which must not follow `key`
    /// (a parse is known by its files' times too, and the key is published).
    text: Fp,
}

impl Kept {
    /// What it holds, as one fingerprint of the fingerprints it keeps: `warta build` knows an
    /// unchanged one without encoding it (about 14 MB at 10,000 releases).
    pub fn key(&self) -> Fp {
        let mut h = Hasher::new();
        h.add(&self.context).add(&self.records.len());
        for made in &self.records {
            h.add(&made.key).add(&made.path).add(&made.fp);
        }
        if let Some(index) = &self.index {
            index.add_to(&mut h);
        }
        h.finish128()
    }

    /// Read back from the build cache, which keeps the releases' terms with their parses
    /// (`parses`, by key), not twice: the terms each record was indexed with put back. `None`
    /// if a record's parse is not there (a shard of the cache that did not read): the next
    /// index is then made anew.
    pub fn restore(
        mut self,
        parses: &std::collections::HashMap<Fp, Arc<crate::model::Parsed>>,
    ) -> Option<Kept> {
        if let Some(index) = &mut self.index {
            let terms = self
                .records
                .iter()
                .map(|made| parses.get(&made.key).map(|r| Arc::clone(&r.terms)))
                .collect::<Option<Vec<_>>>()?;
            index.restore(terms);
        }
        Some(self)
    }
}

/// The index of every published release, as the files of [`BUNDLE`], [`META`] first, and what
/// it keeps for the next build; `previous`: an earlier build's, to update.
pub fn index(site: &Site, views: &Views, previous: Option<Kept>) -> (Vec<Output>, Kept) {
    let (units, tags) = filters(site, views);
    let unit_ids: std::collections::HashMap<&str, usize> =
        units.iter().enumerate().map(|(i, u)| (u.as_str(), i)).collect();
    let tag_ids: std::collections::HashMap<&str, usize> =
        tags.iter().enumerate().map(|(i, t)| (t.as_str(), i)).collect();
    let unit_of = |key: &str| unit_ids.get(views.units[key].name.as_str()).copied();
    let published: Vec<usize> = (0..site.releases.len())
        .rev()
        .filter(|&i| site.releases[i].publication.is_published())
        .collect();
    let context =
        Hasher::new().add(&site.config).add(&views.calendar).add(&units).add(&tags).finish128();
    let (kept, old) = match previous {
        Some(k) if k.context == context => (k.index, k.records),
        Some(k) => (k.index, Vec::new()),
        None => (None, Vec::new()),
    };
    // The records without their text: the index reads the terms worked out with each parse,
    // and covers the text through the parses' keys. A release parsed from the same file, at
    // the same place and path, has the record it had.
    let records: Vec<Arc<Made>> = published
        .par_iter()
        .enumerate()
        .map(|(at, &i)| {
            let r = &site.releases[i];
            if let Some(made) = old.get(at).filter(|m| m.key == r.key && m.path == r.path) {
                return Arc::clone(made);
            }
            let tags = site.release_tags[i]
                .iter()
                .filter_map(|&t| tag_ids.get(site.tags[t].name.as_str()).copied())
                .collect();
            let record = record(site, views, i, unit_of(&r.unit).unwrap_or_default(), tags);
            let fp = Fp::of(&record);
            let text = Fp::of(&(&r.summary, &r.lead, &r.text_sha256));
            Arc::new(Made { key: r.key, path: r.path.clone(), record, fp, text })
        })
        .collect();
    drop(old);
    let terms: Vec<Arc<Terms>> =
        published.iter().map(|&i| Arc::clone(&site.releases[i].terms)).collect();
    let mut covered = Hasher::new();
    for made in &records {
        covered.add(&made.fp).add(&made.text);
    }
    let refs: Vec<&Record> = records.iter().map(|m| &m.record).collect();
    let (files, index) = search::index(
        &refs,
        &terms,
        &units,
        &tags,
        &site.config.language,
        covered.finish128(),
        kept,
    );
    drop(refs);
    let files =
        files.into_iter().map(|(path, json)| Output { path, body: Body::Shared(json.into()) });
    (files.collect(), Kept { index: Some(index), context, records })
}

/// What the search page offers to filter by, as the index names them: the units and the tags
/// of published releases (the tags alphabetically).
pub fn filters(site: &Site, views: &Views) -> (Vec<String>, Vec<String>) {
    let published = || site.releases.iter().filter(|r| r.publication.is_published());
    let keys: std::collections::BTreeSet<&str> = published().map(|r| r.unit.as_str()).collect();
    let units = keys.into_iter().map(|k| views.units[k].name.clone()).collect();
    let mut tags: Vec<String> = site
        .tags
        .iter()
        .filter(|t| t.releases.iter().any(|&r| site.releases[r].publication.is_published()))
        .map(|t| t.name.clone())
        .collect();
    tags.sort_by_cached_key(|t| (t.to_lowercase(), t.clone()));
    (units, tags)
}

/// A release's searchable text: the summary the writer gave (`summary:`, which is then also
/// the lead), when the body does not already say it, then the body without its markup. A
/// summary warta cut from the first paragraph ("…") is the body's own words: left out.
fn text(summary: &str, lead: &str, body: &str) -> String {
    if summary.is_empty() || summary != lead || body.contains(summary) {
        return body.to_string();
    }
    format!("{summary} {body}")
}

/// Elements inside a line of text, whose tags do not separate words.
pub(crate) const INLINE: [&str; 15] = [
    "a", "abbr", "b", "cite", "code", "del", "em", "i", "ins", "mark", "s", "span", "strong",
    "sub", "sup",
];

/// The text of an HTML fragment warta rendered: tags become spaces (but an inline element's), the content of scripts and
/// styles is dropped, character references are decoded, runs of white space are one space.
/// Without an allocation per tag: a release's body has hundreds, and this ran for every
/// release page (its search entry and its verification text), 4 % of a cold build's CPU.
pub fn plain(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        decode_into(&mut out, &rest[..lt]);
        rest = &rest[lt..];
        let end = rest.find('>').map_or(rest.len(), |e| e + 1);
        let tag = &rest[..end];
        rest = &rest[end..];
        // An inline element's tags are not word breaks: "<b>Kanwil</b>, Bali".
        let name = tag.trim_start_matches(['<', '/']);
        let name = &name[..name.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(name.len())];
        if !INLINE.iter().any(|inline| inline.eq_ignore_ascii_case(name)) {
            out.push(' ');
        }
        for (open, close) in [("<script", "</script"), ("<style", "</style")] {
            if starts_with_ignore_case(tag, open) {
                let at = rest.to_ascii_lowercase().find(close).unwrap_or(rest.len());
                rest = &rest[at..];
            }
        }
    }
    decode_into(&mut out, rest);
    collapse_whitespace(&out)
}

/// `text`'s words (split at Unicode white space, as `str::split_whitespace` splits) joined by
/// one space. Looked at byte by byte, a character of several bytes decoded only where one
/// starts: `split_whitespace` decoded every character, and this ran on every release's body,
/// 2 % of a cold build's CPU.
fn collapse_whitespace(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // Where the current word started, if in one.
    let mut word: Option<usize> = None;
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        let (space, len) = if b < 0x80 {
            (matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' '), 1)
        } else {
            // A character starts here: `at` only ever moves by whole characters.
            let c = text[at..].chars().next().unwrap_or_default();
            (c.is_whitespace(), c.len_utf8())
        };
        match (space, word) {
            (true, Some(start)) => {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&text[start..at]);
                word = None;
            }
            (false, None) => word = Some(at),
            _ => {}
        }
        at += len;
    }
    if let Some(start) = word {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&text[start..]);
    }
    out
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// `text` with its character references (`&amp;`, `&#39;`, `&#x2013;`, `&nbsp;`) decoded,
/// appended to `out`; a `&` that starts none stays.
pub(crate) fn decode_into(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        // A reference is at most 12 bytes long with its ';'. Looked for among the bytes: a
        // character of several bytes can straddle the twelfth ("&amp;D Rapa—t" did, and the
        // slice of the text there panicked the build).
        let end = rest.as_bytes().iter().take(12).position(|&b| b == b';');
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_markup_and_decodes_references() {
        let html = "<p>Denpasar (Humas) &ndash; <strong>Kanwil</strong> &amp; BAZNAS&#39;s \
                    &#x2013;&nbsp;zakat</p>\n<script>var x = '<p>';</script><ul><li>satu</li></ul>";
        assert_eq!(plain(html), "Denpasar (Humas) &ndash; Kanwil & BAZNAS's – zakat satu");
        assert_eq!(
            plain("<p><strong>Lansia</strong>, <em>sehingga</em></p><p>x</p>"),
            "Lansia, sehingga x"
        );
        assert_eq!(plain("a &"), "a &");
        assert_eq!(plain("<p>tanpa akhir"), "tanpa akhir");
        assert_eq!(plain("a<STYLE>p{}</Style>b<B>c</B>"), "a bc");
    }

    #[test]
    fn an_ampersand_before_a_character_of_several_bytes_is_no_panic() {
        // The '—' is bytes 11 to 13 after the '&': the twelve bytes a reference may take end
        // inside it.
        assert_eq!(plain("<p>R&amp;D Rapa—t</p>"), "R&D Rapa—t");
        for text in ["&D Rapat—ke", "&Rapat kerja—", "&#x20;é", "&éééééé;", "&"] {
            let mut out = String::new();
            decode_into(&mut out, text);
            assert!(out.ends_with(text.trim_start_matches('&').trim_start_matches("#x20;")));
        }
    }

    /// `plain` as it was before it stopped allocating per tag: the new one must agree with it.
    fn plain_before(html: &str) -> String {
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        while let Some(lt) = rest.find('<') {
            decode_into(&mut out, &rest[..lt]);
            rest = &rest[lt..];
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            let tag = rest[..end].to_ascii_lowercase();
            rest = &rest[end..];
            let name: String = tag
                .trim_start_matches(['<', '/'])
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            if !INLINE.contains(&name.as_str()) {
                out.push(' ');
            }
            for skipped in ["script", "style"] {
                if tag.starts_with(&format!("<{skipped}")) {
                    let close = format!("</{skipped}");
                    let at = rest.to_ascii_lowercase().find(&close).unwrap_or(rest.len());
                    rest = &rest[at..];
                }
            }
        }
        decode_into(&mut out, rest);
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    proptest::proptest! {
        #[test]
        fn plain_text_is_what_it_was_before(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::string::string_regex("[a-zA-Zé ,.\n\t\u{b}\u{85}\u{a0}\u{2028}\u{3000}₨]{0,12}")
                        .expect("a pattern"),
                    proptest::string::string_regex(
                        "</?(p|B|em|Strong|SCRIPT|style|scripts|a|sPaN|ul|li|h2|x-y)( class=\"c\")?>"
                    ).expect("a pattern"),
                    proptest::string::string_regex("&(amp|lt|nbsp|#39|#x2013|bogus|);?").expect("a pattern"),
                    proptest::string::string_regex("[<>&/]").expect("a pattern"),
                ],
                0..24,
            )
        ) {
            let html = parts.concat();
            proptest::prop_assert_eq!(plain(&html), plain_before(&html));
        }

        #[test]
        fn whitespace_collapses_as_split_whitespace_splits(text in proptest::prelude::any::<String>()) {
            let words: Vec<&str> = text.split_whitespace().collect();
            proptest::prop_assert_eq!(collapse_whitespace(&text), words.join(" "));
        }
    }

    #[test]
    fn a_given_summary_is_searched_and_a_cut_one_is_not_repeated() {
        let text = |summary, lead, html| text(summary, lead, &plain(html));
        assert_eq!(text("Ringkas.", "Ringkas.", "<p>Isi.</p>"), "Ringkas. Isi.");
        assert_eq!(text("Isi.", "Isi.", "<p>Denpasar – Isi. Lagi.</p>"), "Denpasar – Isi. Lagi.");
        // Found by pasting the seed: the summary cut with "…" came first, then the body again.
        let cut = "Kepala Kanwil mengajak pengelola…";
        let lead = "Kepala Kanwil mengajak pengelola kehumasan.";
        assert_eq!(text(cut, lead, "<p>Kepala Kanwil mengajak pengelola kehumasan.</p>"), lead);
    }
}
