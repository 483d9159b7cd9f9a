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
use std::sync::Arc;

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
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
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

/// A term's releases: (id, weight), ids ascending.
type List = Vec<(u32, u32)>;

/// The term buckets of an index as a build made them, kept so that the next build updates the
/// terms of the few releases that changed instead of indexing every release again (`warta
/// serve` keeps it between saves). It holds the terms it was made from, id by id, and is
/// updated by comparing those with the new ones: whatever build it came from, it describes
/// itself, so an update from it is the index of the new terms.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Postings {
    /// Each id's terms, as indexed. Not in the build cache, which holds them with the parses:
    /// [`Kept::restore`] puts them back.
    #[serde(skip)]
    terms: Vec<Arc<Terms>>,
    buckets: Vec<Bucket>,
}

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
struct Bucket {
    /// The bucket's terms, sorted, each with its releases. `None` in a bucket read back from
    /// the build cache, which keeps only the file: read from it when an edit changes the
    /// bucket ([`Bucket::read`]), a few of some hundreds.
    #[serde(skip)]
    terms: Option<Vec<(Box<str>, List)>>,
    /// The bucket's file, and its fingerprint; shared with the output that publishes it, not
    /// copied into it (the buckets are 70 MB at 100,000 releases, and an edit rewrites a few).
    #[serde(deserialize_with = "crate::incremental::shared_str")]
    json: Arc<str>,
    fp: crate::fingerprint::Fp,
}

impl Postings {
    /// Every release's terms (`terms[id]`), in `buckets` buckets.
    fn new(terms: &[Arc<Terms>], buckets: usize) -> Postings {
        // term → its releases (id, weight), ids ascending: each half of the releases in
        // parallel, then the later half's lists appended to the earlier's.
        type Map<'a> = HashMap<&'a str, List, foldhash::fast::RandomState>;
        fn postings(from: usize, terms: &[Arc<Terms>]) -> Map<'_> {
            let mut map = Map::default();
            for (n, terms) in terms.iter().enumerate() {
                for (t, w) in terms.iter() {
                    map.entry(t).or_default().push(((from + n) as u32, w));
                }
            }
            map
        }
        let half = terms.len() / 2;
        let (mut postings, later) =
            rayon::join(|| postings(0, &terms[..half]), || postings(half, &terms[half..]));
        for (t, list) in later {
            postings.entry(t).or_default().extend(list);
        }
        let mut by_bucket: Vec<Vec<(Box<str>, List)>> = vec![Vec::new(); buckets];
        for (t, list) in postings {
            by_bucket[bucket(t, buckets)].push((t.into(), list));
        }
        let buckets = by_bucket
            .into_par_iter()
            .map(|mut terms| {
                terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
                let mut bucket = Bucket { terms: Some(terms), ..Bucket::default() };
                bucket.write();
                bucket
            })
            .collect();
        Postings { terms: terms.to_vec(), buckets }
    }

    /// These postings with `terms` in place of the terms they hold, in as many buckets as they
    /// have, their changed buckets written again; `None` when updating would cost more than
    /// indexing anew (many releases changed, or the ids moved: a release added in the middle
    /// of the dates renumbers every later one).
    fn updated(mut self, terms: &[Arc<Terms>], buckets: usize) -> Option<Postings> {
        if buckets != self.buckets.len() {
            return None;
        }
        let (old, new) = (self.terms.len(), terms.len());
        let same =
            |id: usize| Arc::ptr_eq(&self.terms[id], &terms[id]) || self.terms[id] == terms[id];
        let changed: Vec<usize> =
            (0..old.max(new)).filter(|&id| id >= old.min(new) || !same(id)).collect();
        if changed.len() > new / 8 + 16 {
            return None;
        }
        // Only the terms whose weight changed: a new title touches a few buckets, not one for
        // each of the release's terms.
        let mut sets: Vec<(usize, &str, u32, Option<u32>)> = Vec::new();
        for &id in &changed {
            let was = self.terms.get(id).map(|t| t.iter()).into_iter().flatten();
            let now = terms.get(id).map(|t| t.iter()).into_iter().flatten();
            sets.extend(changes(was, now).into_iter().map(|change| match change {
                Change::Gone(t) => (bucket(t, buckets), t, id as u32, None),
                Change::Set(t, w) => (bucket(t, buckets), t, id as u32, Some(w)),
            }));
        }
        let mut dirty = vec![false; buckets];
        for &(b, ..) in &sets {
            dirty[b] = true;
        }
        // The buckets to change, read back from their files first where they came from the
        // cache; one that does not read (a cache file changed by hand) makes the index anew.
        let read: Vec<bool> =
            self.buckets.par_iter_mut().zip(&dirty).map(|(b, &dirty)| !dirty || b.read()).collect();
        if read.contains(&false) {
            return None;
        }
        for (b, t, id, weight) in sets {
            self.buckets[b].set(t, id, weight);
        }
        self.terms.clear();
        self.terms.extend_from_slice(terms);
        self.buckets.par_iter_mut().zip(dirty).filter(|(_, dirty)| *dirty).for_each(|(b, _)| {
            b.write();
        });
        Some(self)
    }
}

impl Bucket {
    /// Writes its file again from its terms, which it has ([`Bucket::read`]).
    fn write(&mut self) {
        debug_assert!(self.terms.is_some(), "a bucket written unread");
        self.json = bucket_json(self.terms.as_deref().unwrap_or_default()).into();
        self.fp = crate::fingerprint::Fp::of_bytes(self.json.as_bytes());
    }

    /// Reads its terms back from its file ([`bucket_json`]) if they are not at hand; `false`
    /// if the file is not one that function wrote.
    fn read(&mut self) -> bool {
        if self.terms.is_some() {
            return true;
        }
        // Sorted as the bucket sorts its terms: a `str`'s order is its bytes'.
        let Ok(file) = serde_json::from_str::<BTreeMap<Box<str>, Vec<u32>>>(&self.json) else {
            return false;
        };
        let mut terms = Vec::with_capacity(file.len());
        for (t, numbers) in file {
            if numbers.len() % 2 != 0 {
                return false;
            }
            // Ids are written as gaps from the one before.
            let mut id = 0u32;
            let mut list = List::with_capacity(numbers.len() / 2);
            for pair in numbers.chunks_exact(2) {
                let Some(next) = id.checked_add(pair[0]) else {
                    return false;
                };
                id = next;
                list.push((id, pair[1]));
            }
            terms.push((t, list));
        }
        self.terms = Some(terms);
        true
    }

    /// Release `id`'s weight for term `t`: `None` removes it (and the term, with no release
    /// left). The bucket has its terms ([`Bucket::read`]).
    fn set(&mut self, t: &str, id: u32, weight: Option<u32>) {
        debug_assert!(self.terms.is_some(), "a bucket changed unread");
        let terms = self.terms.get_or_insert_with(Vec::new);
        let at = match (terms.binary_search_by(|e| (*e.0).cmp(t)), weight) {
            (Ok(at), _) => at,
            (Err(_), None) => return,
            (Err(at), Some(_)) => {
                terms.insert(at, (t.into(), List::new()));
                at
            }
        };
        let list = &mut terms[at].1;
        match (list.binary_search_by_key(&id, |e| e.0), weight) {
            (Ok(i), Some(w)) => list[i].1 = w,
            (Ok(i), None) => {
                list.remove(i);
            }
            (Err(i), Some(w)) => list.insert(i, (id, w)),
            (Err(_), None) => {}
        }
        if list.is_empty() {
            terms.remove(at);
        }
    }
}

/// How a release's terms changed.
#[derive(Debug, PartialEq, Eq)]
enum Change<'a> {
    /// A term it no longer has.
    Gone(&'a str),
    /// A term it has now, or with another weight.
    Set(&'a str, u32),
}

/// The changes from terms `was` to terms `now`, both sorted by term: a walk through both.
fn changes<'a>(
    was: impl Iterator<Item = (&'a str, u32)>,
    now: impl Iterator<Item = (&'a str, u32)>,
) -> Vec<Change<'a>> {
    let (mut was, mut now) = (was.peekable(), now.peekable());
    let mut out = Vec::new();
    loop {
        match (was.peek(), now.peek()) {
            (None, None) => return out,
            (Some(&(t, _)), None) => {
                out.push(Change::Gone(t));
                was.next();
            }
            (None, Some(&(t, w))) => {
                out.push(Change::Set(t, w));
                now.next();
            }
            (Some(&(a, wa)), Some(&(b, wb))) => match a.cmp(b) {
                std::cmp::Ordering::Less => {
                    out.push(Change::Gone(a));
                    was.next();
                }
                std::cmp::Ordering::Greater => {
                    out.push(Change::Set(b, wb));
                    now.next();
                }
                std::cmp::Ordering::Equal => {
                    if wa != wb {
                        out.push(Change::Set(b, wb));
                    }
                    was.next();
                    now.next();
                }
            },
        }
    }
}

/// A bucket's file: `{"term": [id, weight, id gap, weight, …], …}`.
fn bucket_json(terms: &[(Box<str>, List)]) -> String {
    let mut json = String::from("{");
    let mut number = itoa::Buffer::new();
    for (i, (t, list)) in terms.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        let _ = write!(json, "{}:[", serde_json::Value::from(&**t));
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
}

/// What an index keeps for the next build's to update (`warta serve` keeps it from one save
/// to the next): its postings, and its files of ids and filters by what each was made of.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Kept {
    postings: Postings,
    ids: Vec<(crate::fingerprint::Fp, Arc<str>)>,
    filters: (crate::fingerprint::Fp, Vec<(String, Arc<str>)>),
}

impl Kept {
    /// Adds what it holds to `h`, by the fingerprints it keeps: its files, and through them
    /// its postings (a bucket's file is made from its postings).
    pub fn add_to(&self, h: &mut crate::fingerprint::Hasher) {
        h.add(&self.postings.buckets.len()).add(&self.filters.0);
        for (fp, _) in &self.ids {
            h.add(fp);
        }
        for b in &self.postings.buckets {
            h.add(&b.fp);
        }
    }

    /// Puts back the terms each id was indexed with (`terms[id]`), which the build cache
    /// keeps with the parses, not with the index.
    pub fn restore(&mut self, terms: Vec<Arc<Terms>>) {
        self.postings.terms = terms;
    }
}

/// The index of `records` (oldest first), whose terms are `terms` (one per record), as
/// (path, JSON) pairs sorted by path, [`META`] first, with what it keeps for the next build.
/// `previous`: what an earlier build kept, updated rather than made anew when only a few
/// releases changed (the files are the same either way). `covered` is a fingerprint of the
/// records and of what the releases' own `search.json` files hold that the records need not
/// (their text): the index's key covers those too.
pub fn index(
    records: &[&Record],
    terms: &[Arc<Terms>],
    units: &[String],
    tags: &[String],
    language: &str,
    covered: crate::fingerprint::Fp,
    previous: Option<Kept>,
) -> (Vec<(String, Arc<str>)>, Kept) {
    use crate::fingerprint::{Fp, Hasher};
    debug_assert_eq!(records.len(), terms.len());
    let total: usize = terms.iter().map(|t| t.len()).sum();
    let buckets = total.div_ceil(POSTINGS_PER_BUCKET).next_power_of_two().clamp(1, MAX_BUCKETS);
    let (postings, old_ids, old_filters) = match previous {
        Some(k) => (k.postings.updated(terms, buckets), k.ids, Some(k.filters)),
        None => (None, Vec::new(), None),
    };
    let postings = postings.unwrap_or_else(|| Postings::new(terms, buckets));
    // Each file of ids by the URLs it lists: one edit writes one again, if any.
    let ids: Vec<(Fp, Arc<str>)> = records
        .chunks(IDS_PER_FILE)
        .enumerate()
        .map(|(n, chunk)| {
            let mut h = Hasher::new();
            for r in chunk {
                h.add(&r.url);
            }
            let fp = h.finish128();
            match old_ids.get(n) {
                Some((old, json)) if *old == fp => (fp, Arc::clone(json)),
                _ => {
                    let urls: Vec<&str> = chunk.iter().map(|r| r.url.as_str()).collect();
                    (fp, json_of(&urls).into())
                }
            }
        })
        .collect();
    drop(old_ids);
    let mut by = Hasher::new();
    for r in records {
        by.add(&r.unit).add(&r.tags).add(&r.year);
    }
    let by = by.finish128();
    let filters = match old_filters {
        Some((old, files)) if old == by => (by, files),
        _ => (by, filter_files(records)),
    };
    let mut key = Hasher::new();
    key.add(&covered).add(units).add(tags).add(&filters.0);
    for (fp, _) in &ids {
        key.add(fp);
    }
    // The buckets by the fingerprints they keep, not by hashing 7 MB again at 10,000 releases.
    for b in &postings.buckets {
        key.add(&b.fp);
    }
    // The files share the index's texts: what did not change is not copied.
    let mut files: Vec<(String, Arc<str>)> =
        Vec::with_capacity(1 + ids.len() + filters.1.len() + postings.buckets.len());
    for (n, (_, json)) in ids.iter().enumerate() {
        files.push((format!("{BUNDLE}i/{n}.json"), Arc::clone(json)));
    }
    files.extend(filters.1.iter().cloned());
    for (n, b) in postings.buckets.iter().enumerate() {
        files.push((format!("{BUNDLE}t/{n}.json"), Arc::clone(&b.json)));
    }
    files.sort();
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
    files.insert(0, (META.to_string(), meta.to_string().into()));
    (files, Kept { postings, ids, filters })
}

/// The files of the filters: for each unit, tag and year, the ids of its releases, as gaps.
fn filter_files(records: &[&Record]) -> Vec<(String, Arc<str>)> {
    // Each filter named once, not once for each release it has (`u3`, `t12`, `y2023`).
    let mut filters: BTreeMap<(char, i64), Vec<usize>> = BTreeMap::new();
    for (id, r) in records.iter().enumerate() {
        filters.entry(('u', r.unit as i64)).or_default().push(id);
        for &t in &r.tags {
            filters.entry(('t', t as i64)).or_default().push(id);
        }
        filters.entry(('y', i64::from(r.year))).or_default().push(id);
    }
    filters
        .iter()
        .map(|((kind, n), ids)| {
            let gaps: Vec<usize> =
                ids.iter().scan(0, |last, &id| Some(id - std::mem::replace(last, id))).collect();
            (format!("{BUNDLE}f/{kind}{n}.json"), json_of(&gaps).into())
        })
        .collect()
}

/// `value` as compact JSON.
fn json_of<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
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

    fn terms_of(records: &[&Record]) -> Vec<Arc<Terms>> {
        records.iter().map(|r| Arc::new(Terms::of(&r.title, &r.text, "id"))).collect()
    }

    fn index_from(
        records: &[Record],
        units: &[String],
        tags: &[String],
        previous: Option<Kept>,
    ) -> (BTreeMap<String, String>, Kept) {
        let covered = crate::fingerprint::Fp::of(records);
        let records: Vec<&Record> = records.iter().collect();
        let (files, kept) =
            index(&records, &terms_of(&records), units, tags, "id", covered, previous);
        (files.into_iter().map(|(path, json)| (path, json.to_string())).collect(), kept)
    }

    fn index_of(records: &[Record], units: &[String], tags: &[String]) -> BTreeMap<String, String> {
        index_from(records, units, tags, None).0
    }

    #[test]
    fn an_update_changes_only_the_terms_whose_weight_changed() {
        let was = [("bali", 1), ("humas", 2), ("zakat", 3)];
        let now = [("humas", 5), ("kanwil", 1), ("zakat", 3)];
        assert_eq!(
            changes(was.into_iter(), now.into_iter()),
            [Change::Gone("bali"), Change::Set("humas", 5), Change::Set("kanwil", 1)]
        );
        assert_eq!(changes(was.into_iter(), std::iter::empty()).len(), 3);
        assert_eq!(changes(std::iter::empty(), now.into_iter()).len(), 3);
        assert_eq!(changes(now.into_iter(), now.into_iter()), []);
    }

    #[test]
    fn postings_updated_edit_by_edit_give_the_files_of_an_index_made_anew() {
        let mut rng = crate::fuzz::Rng(7);
        const WORDS: [&str; 12] = [
            "pelatihan",
            "humas",
            "zakat",
            "asn",
            "haji",
            "manasik",
            "rapat",
            "koordinasi",
            "bali",
            "kemenag",
            "dilatih",
            "kerukunan",
        ];
        let text = |rng: &mut crate::fuzz::Rng, n: usize| {
            (0..n).map(|_| WORDS[rng.below(WORDS.len())]).collect::<Vec<_>>().join(" ")
        };
        let mut records: Vec<Record> = (0..40)
            .map(|i| {
                record(
                    &format!("Rilis {i} {}", text(&mut rng, 2)),
                    &text(&mut rng, 8),
                    0,
                    &[],
                    2023,
                )
            })
            .collect();
        let (units, tags) = (["Kanwil".to_string()], ["humas".to_string(), "zakat".to_string()]);
        let (_, mut kept) = index_from(&records, &units, &tags, None);
        let mut updates = 0;
        for edit in 0..300 {
            match rng.below(5) {
                // A title or a body: the ids stay.
                0 => {
                    let i = rng.below(records.len());
                    records[i].title = format!("Rilis {edit} {}", text(&mut rng, 3));
                }
                1 => {
                    let i = rng.below(records.len());
                    let words = rng.below(12);
                    records[i].text = text(&mut rng, words);
                }
                // Its tags and year: the filters change.
                4 => {
                    let i = rng.below(records.len());
                    records[i].tags = (0..rng.below(3)).collect();
                    records[i].year = 2020 + rng.below(5) as i32;
                }
                // A new release, the newest: one id more.
                2 => {
                    records.push(record(&format!("Baru {edit}"), &text(&mut rng, 6), 0, &[], 2024))
                }
                // The newest removed, or one in the middle (every later id moves).
                _ if records.len() > 2 => {
                    let i = if rng.below(2) == 0 {
                        records.len() - 1
                    } else {
                        rng.below(records.len())
                    };
                    records.remove(i);
                }
                _ => {}
            }
            // Every other edit, what was kept passes through the build cache first: its
            // buckets come back without their terms, read from their files when changed.
            if edit % 2 == 0 {
                let terms = kept.postings.terms.clone();
                let bytes = crate::incremental::encode(&kept);
                let mut back: Kept = crate::incremental::decode(&bytes).expect("reads back");
                assert!(back.postings.buckets.iter().all(|b| b.terms.is_none()));
                back.restore(terms);
                kept = back;
            }
            // Whether this edit is an update, not an index made anew.
            let postings = kept.postings.clone();
            let buckets = postings.buckets.len();
            let refs: Vec<&Record> = records.iter().collect();
            updates += usize::from(postings.updated(&terms_of(&refs), buckets).is_some());
            let (updated, now) = index_from(&records, &units, &tags, Some(kept));
            assert_eq!(updated, index_of(&records, &units, &tags), "edit {edit}");
            kept = now;
        }
        assert!(updates > 150, "only {updates} of 300 edits were updates");
    }

    #[test]
    fn a_bucket_reads_its_terms_back_from_its_file_and_a_file_changed_by_hand_does_not_read() {
        let terms: Vec<(Box<str>, List)> = vec![
            ("a\"b\\c".into(), vec![(3, 5), (10, 1), (11, 7)]),
            ("bantuan".into(), vec![(0, 2)]),
            ("élan".into(), vec![(4_000_000, 1)]),
        ];
        let mut made = Bucket { terms: Some(terms.clone()), ..Bucket::default() };
        made.write();
        let mut back = Bucket { terms: None, ..made.clone() };
        assert!(back.read());
        assert_eq!(back.terms.as_ref(), Some(&terms));
        back.write();
        assert_eq!((back.json, back.fp), (made.json.clone(), made.fp), "the same file again");
        for json in ["{\"a\":[1]}", "{\"a\":[4294967295,1,1,1]}", "[1,2]", "{"] {
            let mut changed = Bucket { terms: None, json: json.into(), ..made.clone() };
            assert!(!changed.read(), "{json}");
        }
    }

    #[test]
    fn an_index_kept_with_a_bucket_that_does_not_read_is_made_anew() {
        let records = [
            record("Pelatihan Humas", "Peserta dilatih menulis rilis.", 0, &[0], 2023),
            record("Zakat ASN", "ASN menunaikan zakat.", 0, &[0], 2024),
        ];
        let (units, tags) = (["Kanwil".to_string()], ["humas".to_string()]);
        let (_, kept) = index_from(&records, &units, &tags, None);
        let terms = kept.postings.terms.clone();
        let mut back: Kept =
            crate::incremental::decode(&crate::incremental::encode(&kept)).expect("reads back");
        back.restore(terms);
        for b in &mut back.postings.buckets {
            b.json = "{\"rusak\":[1]}".into();
        }
        let mut edited = records.clone();
        edited[0].title = "Pelatihan Humas Bali".into();
        let refs: Vec<&Record> = edited.iter().collect();
        let buckets = back.postings.buckets.len();
        assert!(back.postings.clone().updated(&terms_of(&refs), buckets).is_none());
        let (files, _) = index_from(&edited, &units, &tags, Some(back));
        assert_eq!(files, index_of(&edited, &units, &tags));
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
