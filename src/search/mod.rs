//! The search index of the published releases, in files a browser fetches as a query needs
//! them, with no server. `themes/default/static/js/search.js` reads it.
//!
//! warta writes its own index instead of Pagefind's: Pagefind (as a library, 1.6) took 10.6 s
//! of one core for 10,000 releases (it parses each page's HTML, keeps its pages in a list it
//! searches linearly for each one added, and gzips 10,000 files at the best level), three times
//! the whole rest of the build, and all of it again after every edit. This index takes a few
//! hundred milliseconds, and a query downloads about as little (see the README's figures).
//!
//! The files, under [`BUNDLE`]:
//! - `meta.json`: the number of releases, of term buckets, the stemmer, the names of the units
//!   and tags (the filters), and a key that changes with any byte of the index (the browser
//!   asks for every file with `?v=<key>`, so it never mixes files of two builds).
//! - `t/<n>.json`: a bucket of terms (their stems, `fnv1a32(stem) % buckets`), each with its
//!   releases: `{"latih": [id, weight, id gap, weight, …]}`. A query fetches one bucket per word.
//! - `i/<n>.json`: the URLs of releases `64n` to `64n + 63`. Beside each release's page, its
//!   `search.json` ([`document`]) holds what a result shows: title, date, unit and text, for
//!   the passage around the words found. It is rendered with the page, so that an edit of one
//!   release rewrites one such file, not ten thousand.
//! - `f/u<i>.json`, `f/t<i>.json`, `f/y<year>.json`: the releases of a unit, a tag, a year, as
//!   id gaps; fetched only when that filter is chosen.
//!
//! Releases are numbered oldest first, so a new release adds a number and most files stay the
//! same (an FTP client set to "newer files only" sends few). A term's weight is how often the
//! release uses it, a word of the title counting [`TITLE_WEIGHT`] times.

pub mod stem;

use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

/// The folder of the index in the output.
pub const BUNDLE: &str = "search/";

/// The index's file that the page loads first, by name: the key of its job.
pub const META: &str = "search/meta.json";

/// How much a word of the title weighs against one of the body.
pub const TITLE_WEIGHT: u32 = 5;

/// The file beside a release's page that a result reads.
pub const DOCUMENT: &str = "search.json";

/// The text kept of a release for its passage: enough for a press release, bounded for the
/// long ones (a report pasted whole).
const TEXT_CHARS: usize = 6000;

/// Releases per `i/<n>.json`: a result costs one such file (a few KB) besides its own.
pub const IDS_PER_FILE: usize = 64;

/// About how many postings a bucket holds (a few tens of KB), before the bucket count doubles.
const POSTINGS_PER_BUCKET: usize = 4096;
const MAX_BUCKETS: usize = 4096;

/// The words of a text, as the index and the browser see them: lower case (a final sigma as
/// any other), accents removed ("Café" is "cafe"), runs of letters and digits; a single letter
/// is not a word. `js/search.js`'s `words` does the same.
pub fn words(text: &str) -> impl Iterator<Item = String> {
    let mut normal = String::with_capacity(text.len());
    for c in text.chars() {
        // ASCII, most of an Indonesian text, needs neither table.
        if c.is_ascii() {
            normal.push(c.to_ascii_lowercase());
            continue;
        }
        for lower in c.to_lowercase() {
            unicode_normalization::char::decompose_canonical(lower, |d| {
                if !unicode_normalization::char::is_combining_mark(d) {
                    normal.push(d);
                }
            });
        }
    }
    let words: Vec<String> = normal
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            w.chars().nth(1).is_some() || (!w.is_empty() && w.chars().all(char::is_numeric))
        })
        .map(String::from)
        .collect();
    words.into_iter()
}

/// The term of a word: its stem, for a language with a stemmer (Indonesian), else the word.
pub fn term(word: &str, language: &str) -> String {
    if stems(language) {
        stem::stem(word)
    } else {
        word.to_string()
    }
}

fn stems(language: &str) -> bool {
    language == "id" || language.starts_with("id-")
}

/// One published release, as the index holds it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Record {
    /// Site-relative link with the base path.
    pub url: String,
    pub title: String,
    /// The date as the site prints it: `Senin, 15 Mei 2023`.
    pub date: String,
    /// Index into the units' names.
    pub unit: usize,
    /// Indexes into the tags' names.
    pub tags: Vec<usize>,
    pub year: i32,
    /// The lead and the body, plain text.
    pub text: String,
}

/// A release's terms and how much each weighs in it (how often the release uses it, a word of
/// the title counting [`TITLE_WEIGHT`] times), sorted by term. Worked out when the release is
/// parsed and kept with its parse in the build cache, so that an edit of one release does not
/// read every other release's text again to index it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Terms {
    /// The terms, each ended by a newline (which no term holds): one allocation, not one per
    /// term, for the cache to decode.
    terms: String,
    /// The weight of each term, in the same order.
    weights: Vec<u32>,
}

impl Terms {
    /// The terms of a release with `title` and searchable `text`, in `language`.
    pub fn of(title: &str, text: &str, language: &str) -> Terms {
        thread_local! {
            // A word is stemmed once per thread.
            static STEMS: std::cell::RefCell<HashMap<String, String>> = Default::default();
        }
        let mut weights: HashMap<String, u32> = HashMap::new();
        STEMS.with_borrow_mut(|memo| {
            let mut add = |text: &str, weight: u32| {
                for w in words(text) {
                    let t = match memo.get(&w) {
                        Some(t) => t.clone(),
                        None => {
                            let t = term(&w, language);
                            memo.insert(w, t.clone());
                            t
                        }
                    };
                    *weights.entry(t).or_default() += weight;
                }
            };
            add(title, TITLE_WEIGHT);
            add(text, 1);
        });
        let mut sorted: Vec<(String, u32)> = weights.into_iter().collect();
        sorted.sort_unstable();
        let mut out = Terms {
            terms: String::with_capacity(sorted.iter().map(|(t, _)| t.len() + 1).sum()),
            weights: Vec::with_capacity(sorted.len()),
        };
        for (t, w) in sorted {
            out.terms.push_str(&t);
            out.terms.push('\n');
            out.weights.push(w);
        }
        out
    }

    /// Each term with its weight, by term.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u32)> {
        self.terms.split_terminator('\n').zip(self.weights.iter().copied())
    }

    pub fn len(&self) -> usize {
        self.weights.len()
    }

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }
}

/// The index of `records` (oldest first), whose terms are `terms` (one per record), as
/// (path, JSON) pairs sorted by path, [`META`] first. `documents` is a fingerprint of what the
/// releases' own `search.json` files hold that the records need not (their text): the index's
/// key covers those files too.
pub fn index<'a>(
    records: &[Record],
    terms: &[&'a Terms],
    units: &[String],
    tags: &[String],
    language: &str,
    documents: crate::fingerprint::Fp,
) -> Vec<(String, String)> {
    debug_assert_eq!(records.len(), terms.len());
    let total: usize = terms.iter().map(|t| t.len()).sum();
    let buckets = total.div_ceil(POSTINGS_PER_BUCKET).next_power_of_two().clamp(1, MAX_BUCKETS);
    // term → its releases (id, weight), ids ascending: each half of the releases in parallel,
    // then the later half's lists appended to the earlier's.
    type List = Vec<(u32, u32)>;
    type Postings<'a> = HashMap<&'a str, List, foldhash::fast::RandomState>;
    let postings = |from: usize, terms: &[&'a Terms]| {
        let mut map = Postings::default();
        for (n, terms) in terms.iter().enumerate() {
            for (t, w) in terms.iter() {
                map.entry(t).or_default().push(((from + n) as u32, w));
            }
        }
        map
    };
    let half = terms.len() / 2;
    let (mut postings, later) =
        rayon::join(|| postings(0, &terms[..half]), || postings(half, &terms[half..]));
    for (t, list) in later {
        postings.entry(t).or_default().extend(list);
    }
    // Each bucket's terms, sorted, then each bucket's JSON in parallel.
    let mut by_bucket: Vec<Vec<(&str, List)>> = vec![Vec::new(); buckets];
    for (t, list) in postings {
        by_bucket[bucket(t, buckets)].push((t, list));
    }
    let bucket_json: Vec<String> = by_bucket
        .into_par_iter()
        .map(|mut terms| {
            terms.sort_unstable_by(|a, b| a.0.cmp(b.0));
            let mut json = String::from("{");
            let mut number = itoa::Buffer::new();
            for (i, (t, list)) in terms.iter().enumerate() {
                if i > 0 {
                    json.push(',');
                }
                let _ = write!(json, "{}:[", serde_json::Value::from(*t));
                let mut last = 0;
                for (n, &(id, w)) in list.iter().enumerate() {
                    if n > 0 {
                        json.push(',');
                    }
                    json.push_str(number.format(id - last));
                    json.push(',');
                    json.push_str(number.format(w));
                    last = id;
                }
                json.push(']');
            }
            json.push('}');
            json
        })
        .collect();
    let mut files: Vec<(String, String)> = Vec::new();
    for (n, json) in bucket_json.into_iter().enumerate() {
        files.push((format!("{BUNDLE}t/{n}.json"), json));
    }
    for (n, chunk) in records.chunks(IDS_PER_FILE).enumerate() {
        let urls: Vec<&str> = chunk.iter().map(|r| r.url.as_str()).collect();
        files.push((format!("{BUNDLE}i/{n}.json"), serde_json::Value::from(urls).to_string()));
    }
    let mut filters: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (id, r) in records.iter().enumerate() {
        filters.entry(format!("u{}", r.unit)).or_default().push(id);
        for t in &r.tags {
            filters.entry(format!("t{t}")).or_default().push(id);
        }
        filters.entry(format!("y{}", r.year)).or_default().push(id);
    }
    for (name, ids) in &filters {
        let gaps: Vec<usize> =
            ids.iter().scan(0, |last, &id| Some(id - std::mem::replace(last, id))).collect();
        files.push((format!("{BUNDLE}f/{name}.json"), serde_json::Value::from(gaps).to_string()));
    }
    files.sort();
    // The releases' own `search.json` files are fetched with the key too: it covers them.
    let mut key = crate::fingerprint::Hasher::new();
    key.add(&files).add(records).add(&documents).add(units).add(tags);
    let mut years: Vec<i32> = records.iter().map(|r| r.year).collect();
    years.sort_unstable();
    years.dedup();
    let meta = serde_json::json!({
        "version": 1,
        "key": format!("{:016x}", key.finish128().0 as u64),
        "releases": records.len(),
        "buckets": buckets,
        "stemmer": if stems(language) { "id" } else { "" },
        "units": units,
        "tags": tags,
        "years": years,
        "ids_per_file": IDS_PER_FILE,
    });
    files.insert(0, (META.to_string(), meta.to_string()));
    files
}

/// A release as a result shows it, its `search.json` ([`DOCUMENT`]): URL, title, date, unit and
/// text (the first [`TEXT_CHARS`] characters), for the passage around the words found.
pub fn document(r: &Record, unit: &str) -> String {
    serde_json::json!({
        "u": r.url,
        "t": r.title,
        "d": r.date,
        "n": unit,
        "x": cut(&r.text, TEXT_CHARS),
    })
    .to_string()
}

/// The bucket of a term: FNV-1a (32 bits) of its UTF-8 bytes, as `js/search.js` computes it.
pub fn bucket(term: &str, buckets: usize) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for b in term.bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    h as usize % buckets
}

/// The first `max` characters of `text`, ending at a space when there is one.
fn cut(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        None => text,
        Some((end, _)) => text[..end].rfind(' ').map_or(&text[..end], |space| &text[..space]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lower_case_without_accents_and_single_letters() {
        let w: Vec<String> = words("Café «Pelatihan» ke-78, Al-Qur'an; a 5 NTB").collect();
        assert_eq!(w, ["cafe", "pelatihan", "ke", "78", "al", "qur", "an", "5", "ntb"]);
        assert_eq!(words("").count(), 0);
        assert_eq!(words(" — ").count(), 0);
    }

    #[test]
    fn the_bucket_is_fnv1a_as_the_browser_computes_it() {
        // FNV-1a 32 of "a" is 0xe40c292c; of "" the offset basis.
        assert_eq!(bucket("a", usize::MAX), 0xe40c_292c);
        assert_eq!(bucket("", usize::MAX), 0x811c_9dc5);
        assert!(bucket("latih", 8) < 8);
    }

    fn record(title: &str, text: &str, unit: usize, tags: &[usize], year: i32) -> Record {
        Record {
            url: format!("/{}/", title.to_lowercase().replace(' ', "-")),
            title: title.to_string(),
            date: "Senin, 15 Mei 2023".to_string(),
            unit,
            tags: tags.to_vec(),
            year,
            text: text.to_string(),
        }
    }

    fn index_of(records: &[Record], units: &[String], tags: &[String]) -> BTreeMap<String, String> {
        let terms: Vec<Terms> =
            records.iter().map(|r| Terms::of(&r.title, &r.text, "id")).collect();
        let terms: Vec<&Terms> = terms.iter().collect();
        let documents =
            crate::fingerprint::Fp::of(&records.iter().map(|r| &r.text).collect::<Vec<_>>());
        index(records, &terms, units, tags, "id", documents).into_iter().collect()
    }

    #[test]
    fn terms_are_sorted_and_weighed_by_title_and_text() {
        let t = Terms::of("Pelatihan Humas", "Peserta dilatih menulis rilis humas.", "id");
        let all: Vec<(&str, u32)> = t.iter().collect();
        let mut sorted = all.clone();
        sorted.sort_unstable();
        assert_eq!(all, sorted);
        assert_eq!(t.len(), all.len());
        assert!(all.contains(&("latih", TITLE_WEIGHT + 1)), "{all:?}");
        assert!(all.contains(&("humas", TITLE_WEIGHT + 1)), "{all:?}");
        assert!(Terms::of("", "", "id").is_empty());
    }

    #[test]
    fn a_term_lists_its_releases_with_their_weights_and_filters_list_theirs() {
        let records = [
            record("Pelatihan Humas", "Peserta dilatih menulis rilis.", 0, &[0], 2023),
            record("Zakat ASN", "ASN menunaikan zakat.", 1, &[0, 1], 2024),
        ];
        let units = ["Kanwil".to_string(), "Badung".to_string()];
        let tags = ["humas".to_string(), "zakat".to_string()];
        let files = index_of(&records, &units, &tags);
        let meta: serde_json::Value = serde_json::from_str(&files[META]).expect("JSON");
        assert_eq!(meta["releases"], 2);
        assert_eq!(meta["stemmer"], "id");
        let buckets = meta["buckets"].as_u64().expect("a count") as usize;
        let terms: serde_json::Value =
            serde_json::from_str(&files[&format!("{BUNDLE}t/{}.json", bucket("latih", buckets))])
                .expect("JSON");
        // "Pelatihan" in the title (5) and "dilatih" in the body (1), both "latih".
        assert_eq!(terms["latih"], serde_json::json!([0, 6]));
        let zakat: serde_json::Value =
            serde_json::from_str(&files[&format!("{BUNDLE}t/{}.json", bucket("zakat", buckets))])
                .expect("JSON");
        assert_eq!(zakat["zakat"], serde_json::json!([1, 6]));
        assert_eq!(files[&format!("{BUNDLE}f/t0.json")], "[0,1]", "ids as gaps");
        assert_eq!(files[&format!("{BUNDLE}f/y2024.json")], "[1]");
        assert_eq!(files[&format!("{BUNDLE}i/0.json")], r#"["/pelatihan-humas/","/zakat-asn/"]"#);
        let doc: serde_json::Value =
            serde_json::from_str(&document(&records[1], "Badung")).expect("JSON");
        assert_eq!(doc["n"], "Badung");
        assert_eq!(doc["u"], "/zakat-asn/");
        assert_eq!(doc["x"], "ASN menunaikan zakat.");
        // The same input, the same bytes; any change, another key.
        let again = index_of(&records, &units, &tags);
        assert_eq!(again, files);
        let mut changed = records.clone();
        changed[0].title.push('!');
        let other = index_of(&changed, &units, &tags);
        let key = |f: &BTreeMap<String, String>| {
            serde_json::from_str::<serde_json::Value>(&f[META]).expect("JSON")["key"].clone()
        };
        assert_ne!(key(&other), key(&files));
        // A change of the text that no term shows still changes the key: the documents show it.
        let mut changed = records.clone();
        changed[1].text.push('!');
        assert_ne!(key(&index_of(&changed, &units, &tags)), key(&files));
    }

    #[test]
    fn a_long_text_is_cut_at_a_space() {
        assert_eq!(cut("satu dua tiga", 6), "satu");
        assert_eq!(cut("satu", 6), "satu");
        assert_eq!(cut("satudua", 4), "satu");
    }
}
