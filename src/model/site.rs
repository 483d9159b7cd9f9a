//! The site as a whole: releases sorted newest first, and the indexes every listing needs
//! (per unit, per tag, per month, related releases), each computed once in time linear in the
//! number of releases.

use crate::config::Config;
use crate::error::ContentError;
use crate::ledger::{Identity, Key, Ledger};
use crate::model::release::{Page, Parsed, Release, RESERVED};
use crate::model::Publication;
use crate::slug::slugify;
use chrono::{DateTime, FixedOffset};
use foldhash::{HashMap, HashMapExt, HashSet};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// How many related releases a page shows: six fill the rows of the default theme's grid of
/// cards, whether it has one column (a phone), two or three (a desktop); five left a row of two
/// under a row of three.
pub const RELATED: usize = 6;
/// How many neighbours on each side, within one tag's timeline, are considered as related.
const NEIGHBOURS: usize = 8;

/// A tag with the releases that carry it, newest first (indexes into `Site::releases`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub slug: String,
    pub name: String,
    pub releases: Vec<usize>,
}

impl Tag {
    /// The tag as a heading (its page's, its feed's, a home strip's): [`title_cased`].
    pub fn title(&self) -> String {
        title_cased(&self.name)
    }
}

/// Words a heading keeps in small letters after its first, as Indonesian titles do (PUEBI:
/// conjunctions and prepositions), and English ones.
const SMALL_WORDS: [&str; 27] = [
    "dan", "di", "ke", "dari", "yang", "untuk", "dengan", "atau", "pada", "bagi", "oleh", "dalam",
    "serta", "tentang", "terhadap", "sebagai", "per", "and", "or", "of", "the", "a", "an", "in",
    "on", "for", "to",
];

/// A name typed in small letters as a heading's words are written, each with a capital first
/// letter but the [`SMALL_WORDS`] after the first, as a unit's name is typed ("kerukunan umat
/// beragama" → "Kerukunan Umat Beragama", "zakat dan wakaf" → "Zakat dan Wakaf"). A word with a
/// capital letter is kept as typed ("PTSP", "se-Bali", "iPhone").
pub fn title_cased(name: &str) -> String {
    let word = |(i, w): (usize, &str)| {
        let typed_lower = w.chars().any(char::is_lowercase) && !w.chars().any(char::is_uppercase);
        if !typed_lower || (i > 0 && SMALL_WORDS.contains(&w)) {
            return w.to_string();
        }
        let mut chars = w.chars();
        chars.next().map(|f| f.to_uppercase().chain(chars).collect()).unwrap_or_default()
    };
    name.split(' ').enumerate().map(word).collect::<Vec<_>>().join(" ")
}

/// A month of the archive, with its releases newest first.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u32,
    pub releases: Vec<usize>,
}

/// The validated site.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    /// Newest first; ties broken by source path, so the order never depends on the file system.
    /// The first [`Site::listed`] are listed; the withdrawn ones follow, newest first: their
    /// pages stay, and nothing lists them.
    pub releases: Vec<Release>,
    /// How many releases are listed (home, units, tags, months, kinds, related, neighbours).
    pub listed: usize,
    /// Sorted by title.
    pub pages: Vec<Page>,
    /// Sorted by slug.
    pub tags: Vec<Tag>,
    /// Every unit of the config (even without releases), with its releases newest first.
    pub by_unit: BTreeMap<String, Vec<usize>>,
    /// Every kind of the config, in its order, with its releases newest first.
    pub by_kind: Vec<(String, Vec<usize>)>,
    /// Newest month first.
    pub months: Vec<Month>,
    /// For each release, up to [`RELATED`] releases sharing its tags.
    pub related: Vec<Vec<usize>>,
    /// For each release, its tags as indexes into `tags`, in its order.
    pub release_tags: Vec<Vec<usize>>,
    /// The ledger with this build's releases recorded; written back after a successful build.
    pub ledger: Ledger,
    /// The moment of the build: only the Google News sitemap depends on it.
    pub now: DateTime<FixedOffset>,
    /// Every warning of the build's files, sorted by file and line (set by `lib::parse`, with
    /// what reading the files found).
    pub warnings: Vec<ContentError>,
    /// What the build's moment left out and what is due next (set by `lib::parse`).
    pub schedule: crate::model::schedule::Schedule,
    /// The office's key that signs the manifest, when it is at hand (set by `lib::parse`).
    pub signing: Option<std::sync::Arc<crate::trust::keys::SecretKey>>,
    /// Releases the ledger says were published whose files are gone, by path: each URL
    /// answers with a page that says the release was removed (set by `lib::parse`).
    pub removed: Vec<crate::ledger::Entry>,
    /// The short link of each of [`Site::removed`] (`s/6q1dy/`), when the site has short
    /// links: the link shared before the release was removed leads to the page that says so
    /// (set by `lib::parse`, [`removed_short_links`]).
    pub removed_short: Vec<Option<String>>,
    /// Every release the ledger remembers that is not in this build: deleted, expired, or a
    /// draft again (set by `lib::parse`). The manifest lists them, so that their codes are not
    /// taken for fakes; [`Site::removed`] are those whose addresses say they were removed.
    pub gone: Vec<crate::ledger::Entry>,
    /// Former addresses of pages and units that redirect to them, by address.
    pub aliases: Vec<Alias>,
    /// Whether identifying the releases compared titles: some release, published or draft,
    /// was not recognised by its id, its file or its URL ([`crate::ledger::Recognised::compared_titles`]).
    /// When none was, a new title changes no identity ([`Site::title_neutral`]).
    titles_compared: bool,
}

/// A former address that redirects to where its page is now: a page's (`aliases:` in its front
/// matter) or a unit's (`aliases:` under the unit in `site.yaml`, its former keys).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Alias {
    /// The former address, a site path: `profil/`, or a file an older site had: `profil.html`.
    pub from: String,
    /// The page it leads to, a site path: `tentang-kami/`.
    pub to: String,
    /// That page's title, or the unit's name.
    pub title: String,
    /// Where the alias is written: the page's file, or `site.yaml`, and the line of its
    /// `aliases:` there.
    pub source: PathBuf,
    pub line: Option<usize>,
}

/// Every alias of the site's pages and units, by address. Two that share an address, or one at
/// the address of another output, are the table's collision to report ([`crate::render::table`]).
fn aliases(config: &Config, pages: &[Page]) -> Vec<Alias> {
    let of_pages = pages.iter().flat_map(|p| {
        p.aliases.iter().map(|from| Alias {
            from: from.clone(),
            to: p.path.clone(),
            title: p.title.clone(),
            source: p.source.clone(),
            line: p.aliases_line,
        })
    });
    let of_units = config.units.values().flat_map(|u| {
        u.aliases.iter().map(|key| Alias {
            from: crate::render::paths::unit(key),
            to: crate::render::paths::unit(&u.key),
            title: u.name.clone(),
            source: PathBuf::from("site.yaml"),
            line: u.aliases_line,
        })
    });
    let mut all: Vec<Alias> = of_pages.chain(of_units).collect();
    all.sort_by(|a, b| a.from.cmp(&b.from).then_with(|| a.source.cmp(&b.source)));
    all
}

impl Site {
    /// Sorts and indexes releases and pages; fails on releases or pages that would share a URL.
    pub fn new(
        config: Config,
        mut releases: Vec<Release>,
        mut pages: Vec<Page>,
        ledger: Ledger,
        now: DateTime<FixedOffset>,
    ) -> Result<Site, Vec<ContentError>> {
        // The withdrawn last, so that every index below is built from the listed ones alone.
        // A build hands them over in that order already ([`site_order`]).
        if !releases.is_sorted_by(|a, b| site_order(a, a.publication, b, b.publication).is_le()) {
            releases = listed_newest_first(releases);
        }
        let listed = releases.iter().take_while(|r| r.publication.is_listed()).count();
        pages.sort_by(|a, b| a.title.cmp(&b.title).then_with(|| a.source.cmp(&b.source)));
        check_unique_paths(&releases, &pages)?;
        check_unique_ids(&releases)?;
        // Identities from the ledger, and the tags with the related releases, are independent
        // of each other: worked out side by side.
        let ((ids, ledger, titles_compared), ((tags, release_tags), related)) = rayon::join(
            || identify(&releases, &pages, ledger, &config.host()),
            || {
                let (tags, mut release_tags) = tags(&releases[..listed]);
                let mut related = related(&releases[..listed], &tags, &release_tags);
                // A withdrawn release shows the tags it had that are still listed; no related.
                release_tags.extend(releases[listed..].iter().map(|r| {
                    r.tags
                        .iter()
                        .filter_map(|n| {
                            let slug = slugify(n);
                            tags.binary_search_by(|t| t.slug.cmp(&slug)).ok()
                        })
                        .collect()
                }));
                related.resize(releases.len(), Vec::new());
                ((tags, release_tags), related)
            },
        );
        for (i, guid, former_paths) in ids {
            releases[i].guid = guid;
            releases[i].former_paths = former_paths;
        }
        if config.short_links {
            give_short_links(&mut releases, &ledger);
        }
        let mut by_unit: BTreeMap<String, Vec<usize>> =
            config.units.keys().map(|k| (k.clone(), Vec::new())).collect();
        let mut by_kind: Vec<(String, Vec<usize>)> =
            config.kinds.iter().map(|k| (k.key.clone(), Vec::new())).collect();
        let mut months: Vec<Month> = Vec::new();
        for (i, r) in releases[..listed].iter().enumerate() {
            by_unit.entry(r.unit.clone()).or_default().push(i);
            if let Some((_, items)) = by_kind.iter_mut().find(|(k, _)| *k == r.kind) {
                items.push(i);
            }
            match months.last_mut() {
                Some(m) if m.year == r.date.year() && m.month == r.date.month() => {
                    m.releases.push(i)
                }
                _ => months.push(Month {
                    year: r.date.year(),
                    month: r.date.month(),
                    releases: vec![i],
                }),
            }
        }
        // Offsets may differ between releases, so calendar months can interleave: merge them.
        months.sort_by_key(|m| std::cmp::Reverse((m.year, m.month)));
        months.dedup_by(|later, kept| {
            if (later.year, later.month) == (kept.year, kept.month) {
                kept.releases.append(&mut later.releases);
                kept.releases.sort_unstable();
                true
            } else {
                false
            }
        });
        let aliases = aliases(&config, &pages);
        Ok(Site {
            aliases,
            config,
            releases,
            listed,
            pages,
            tags,
            by_unit,
            by_kind,
            months,
            related,
            release_tags,
            ledger,
            now,
            warnings: Vec::new(),
            schedule: Default::default(),
            signing: None,
            removed: Vec::new(),
            removed_short: Vec::new(),
            gone: Vec::new(),
            titles_compared,
        })
    }
}

impl Site {
    /// Puts new parses of some of its releases in place of the old ones, each with its index
    /// in [`Site::releases`] and its publication at the build's moment, when none of them
    /// changes anything the site is assembled from but itself: its place in the order, its
    /// listings and tags, its identity, its related releases (see [`Placement`]). `input` is
    /// the ledger as read, before the build that assembled the site recorded its releases.
    ///
    /// Returns `false`, and leaves the site as it was, when one of them would: the site must
    /// then be assembled anew with [`Site::new`]. What it gives equals what [`Site::new`]
    /// would: `warta serve` relies on it after each save, and a test of random edits compares
    /// the two.
    pub fn replace(&mut self, input: &Ledger, new: Vec<(usize, Release)>) -> bool {
        let retitled = new.iter().filter(|(i, r)| self.releases[*i].title != r.title).count();
        // One title at a time: each is judged against the others' titles as they are.
        let fits = |(i, r): &(usize, Release)| {
            Placement::of(&self.releases[*i]) == Placement::of(r)
                && self.title_neutral(input, *i, r)
        };
        if retitled > 1 || !new.iter().all(fits) {
            return false;
        }
        for (i, mut r) in new {
            let old = &mut self.releases[i];
            r.guid = std::mem::take(&mut old.guid);
            r.former_paths = std::mem::take(&mut old.former_paths);
            r.short_link = old.short_link.take();
            // The ledger remembers a published release's title.
            if r.title != old.title && r.publication.is_published() {
                self.ledger.retitle(&r.guid, &r.title);
            }
            *old = r;
        }
        true
    }

    /// Whether the release at `i` may take `new`'s title without any release's identity
    /// changing. The ledger recognises a release by its pinned id, its file, its path, its
    /// title and its date, in that order ([`Ledger::assign`]). The title does not matter when
    /// the last assembly recognised every release before comparing titles; or when no other
    /// release of the site has either title, and this one was recognised before titles were
    /// compared (by its id, or as the one release the ledger remembers at its file) or the
    /// ledger remembers no release by either title.
    fn title_neutral(&self, input: &Ledger, i: usize, new: &Release) -> bool {
        let old = &self.releases[i];
        // Recognising a release compares titles only after ids, files and URLs, and those are
        // the same (see [`Placement`]), as is the ledger read: they recognise every release
        // again, and no title is looked at.
        if old.title == new.title || !self.titles_compared {
            return true;
        }
        let named = |t: &str| t == old.title || t == new.title;
        // Drafts are recognised against the published releases as recorded, titles and all.
        if self.releases.iter().enumerate().any(|(j, r)| j != i && named(&r.title)) {
            return false;
        }
        let source = old.source.to_string_lossy().replace(std::path::MAIN_SEPARATOR, "/");
        let mut at_source = input.entries().filter(|e| e.source == source);
        let by_file =
            matches!((at_source.next(), at_source.next()), (Some(e), None) if e.guid == old.guid);
        old.pinned_id.is_some() || by_file || !input.entries().any(|e| named(&e.title))
    }
}

/// What [`Site::new`] reads of a release besides its title and what it keeps: two releases
/// with the same placement (and titles that do not matter, [`Site::title_neutral`]) give the
/// site the same order, indexes, identities and related releases. Its schedule too: the
/// publication and the expiry are here.
#[derive(Debug, PartialEq)]
struct Placement<'a> {
    source: &'a std::path::Path,
    /// The moment, the offset it was written in (months and the ledger's dates are local)
    /// and whether it had a time.
    date: (DateTime<FixedOffset>, FixedOffset, bool),
    slug: &'a str,
    path: &'a str,
    pinned_id: Option<&'a str>,
    tags: &'a [String],
    unit: &'a str,
    kind: &'a str,
    expires: Option<(DateTime<FixedOffset>, FixedOffset, bool)>,
    publication: Publication,
}

impl<'a> Placement<'a> {
    fn of(r: &'a Release) -> Placement<'a> {
        Placement {
            source: &r.source,
            date: moment(&r.date),
            slug: &r.slug,
            path: &r.path,
            pinned_id: r.pinned_id.as_deref(),
            tags: &r.tags,
            unit: &r.unit,
            kind: &r.kind,
            expires: r.expires.as_ref().map(moment),
            publication: r.publication,
        }
    }
}

/// A timestamp as a page and the ledger write it: its instant, its offset and whether it had a
/// time ([`crate::date::Timestamp`]'s equality compares the instants alone).
fn moment(t: &crate::date::Timestamp) -> (DateTime<FixedOffset>, FixedOffset, bool) {
    (t.at, *t.at.offset(), t.has_time)
}

/// The listed releases, then the withdrawn ones, each newest first, ties broken by source path.
/// The order is worked out on indexes and each release moved once: a release is a large value,
/// and a sort moves its items many times (at 10,000 releases, moving them is most of the time
/// of assembling the site).
fn listed_newest_first(releases: Vec<Release>) -> Vec<Release> {
    let mut order: Vec<usize> = (0..releases.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&releases[a], &releases[b]);
        site_order(a, a.publication, b, b.publication)
    });
    let mut slots: Vec<Option<Release>> = releases.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// The order of [`Site::releases`], of two releases with their publications at the build's
/// moment: the listed before the withdrawn, then the newest first, then by source path.
pub fn site_order(
    a: &Parsed,
    a_publication: Publication,
    b: &Parsed,
    b_publication: Publication,
) -> std::cmp::Ordering {
    let withdrawn = |p: Publication| !p.is_listed();
    withdrawn(a_publication)
        .cmp(&withdrawn(b_publication))
        .then_with(|| b.date.cmp(&a.date))
        .then_with(|| a.source.cmp(&b.source))
}

/// Works out every release's guid and former paths from the ledger, and returns them with the ledger with
/// the published releases recorded (not drafts, nor releases scheduled in a `--future` build). A former path now used by another page is not
/// redirected.
fn identify(
    releases: &[Release],
    pages: &[Page],
    ledger: Ledger,
    host: &str,
) -> (Assigned, Ledger, bool) {
    // Both made of every release on every build: side by side.
    let dates: Vec<String> = releases.par_iter().map(|r| r.date.iso()).collect();
    let sources: Vec<String> = releases
        .par_iter()
        .map(|r| r.source.to_string_lossy().replace(std::path::MAIN_SEPARATOR, "/"))
        .collect();
    let key = |i: usize| Key {
        pinned: releases[i].pinned_id.as_deref(),
        source: &sources[i],
        date: &dates[i],
        title: &releases[i].title,
        path: &releases[i].path,
        slug: &releases[i].slug,
    };
    // Oldest first, so that when two new releases would get the same guid the older keeps it.
    let (published, drafts): (Vec<usize>, Vec<usize>) =
        (0..releases.len()).rev().partition(|&i| releases[i].publication.is_published());
    let keys: Vec<Key<'_>> = published.iter().map(|&i| key(i)).collect();
    let (ids, next) = ledger.into_assigned(&keys, host);
    // Drafts get ids too (their pages have feeds' links), but are not recorded.
    let draft_ids = if drafts.is_empty() {
        Vec::new()
    } else {
        let keys: Vec<Key<'_>> = drafts.iter().map(|&i| key(i)).collect();
        next.assign(&keys, host).0
    };
    let taken: HashSet<&str> = releases
        .iter()
        .map(|r| r.path.as_str())
        .chain(pages.iter().map(|p| p.path.as_str()))
        .collect();
    let titles_compared = ids.iter().chain(&draft_ids).any(|id| id.by.compared_titles());
    let assigned: Vec<(usize, Identity)> =
        published.into_iter().zip(ids).chain(drafts.into_iter().zip(draft_ids)).collect();
    let assigned = assigned
        .into_iter()
        .map(|(i, id)| {
            let paths = id.former_paths.into_iter().filter(|p| !taken.contains(p.as_str()));
            (i, id.guid, paths.collect())
        })
        .collect();
    (assigned, next, titles_compared)
}

/// Gives each release its short links' folder, from the codes of every release the ledger
/// remembers and of the previews it does not.
fn give_short_links(releases: &mut [Release], ledger: &Ledger) {
    let paths: Vec<String> = with_short_codes(releases, ledger, |codes| {
        releases.iter().map(|r| crate::model::short::path(&codes[r.guid.as_str()])).collect()
    });
    for (r, path) in releases.iter_mut().zip(paths) {
        r.short_link = Some(path);
    }
}

/// The short link of each of `site.removed`, when the site has short links: the code its
/// release had, which no other release takes (found by helper-42, stop 75: the short link of a
/// removed release was deleted with it, and links already shared answered "not found").
pub fn removed_short_links(site: &Site) -> Vec<Option<String>> {
    if !site.config.short_links || site.removed.is_empty() {
        return vec![None; site.removed.len()];
    }
    with_short_codes(&site.releases, &site.ledger, |codes| {
        let path = |guid: &str| codes.get(guid).map(|code| crate::model::short::path(code));
        site.removed.iter().map(|e| path(&e.guid)).collect()
    })
}

/// Runs `f` with the code of every release the ledger remembers and of the previews it does
/// not, by guid ([`crate::model::short::codes`]).
fn with_short_codes<T>(
    releases: &[Release],
    ledger: &Ledger,
    f: impl FnOnce(&std::collections::HashMap<&str, String>) -> T,
) -> T {
    let dates: Vec<String> = releases.iter().map(|r| r.date.iso()).collect();
    let known = ledger.entries().map(|e| (e.guid.as_str(), e.date.as_str()));
    let current = releases.iter().zip(&dates).map(|(r, d)| (r.guid.as_str(), d.as_str()));
    f(&crate::model::short::codes(known.chain(current)))
}

/// Each release's guid and former paths, by its index.
type Assigned = Vec<(usize, String, Vec<String>)>;

fn check_unique_ids(releases: &[Release]) -> Result<(), Vec<ContentError>> {
    let mut seen: HashMap<&str, &Release> = HashMap::new();
    let mut errors = Vec::new();
    for r in releases {
        let Some(id) = r.pinned_id.as_deref() else {
            continue;
        };
        if let Some(first) = seen.insert(id, r) {
            let message = format!("id {id:?} is already used by {}", first.source.display());
            errors.push(ContentError::new(&r.source, message).field("id"));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn check_unique_paths(releases: &[Release], pages: &[Page]) -> Result<(), Vec<ContentError>> {
    let mut seen: HashMap<&str, &std::path::Path> = HashMap::new();
    let mut errors = Vec::new();
    let all = releases.iter().map(|r| (r.path.as_str(), r.source.as_path()));
    let all = all.chain(pages.iter().map(|p| (p.path.as_str(), p.source.as_path())));
    for (path, source) in all {
        if let Some(first) = seen.insert(path, source) {
            let (a, b) = if first < source { (first, source) } else { (source, first) };
            errors.push(ContentError::new(
                b,
                format!(
                    "has the same URL /{path} as {}; give one of them another 'slug:'",
                    a.display()
                ),
            ));
        }
    }
    for r in releases {
        let first = r.path.split('/').next().unwrap_or("");
        if RESERVED.contains(&first) {
            errors.push(ContentError::new(&r.source, format!("its URL /{} is used by warta's own pages; change the permalink or the slug", r.path)).field("slug"));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Tags by slug; the name shown is the one used by the newest release.
fn tags(releases: &[Release]) -> (Vec<Tag>, Vec<Vec<usize>>) {
    // A site has hundreds of tag names and its releases hundreds of thousands of tags: each
    // name is made a slug once.
    // Each release's tags as places in `names`, the distinct names in the order first used.
    let mut place: HashMap<&str, usize> = HashMap::new();
    let mut names: Vec<&str> = Vec::new();
    let named: Vec<Vec<usize>> = releases
        .iter()
        .map(|r| {
            r.tags
                .iter()
                .map(|n| {
                    *place.entry(n.as_str()).or_insert_with(|| {
                        names.push(n);
                        names.len() - 1
                    })
                })
                .collect()
        })
        .collect();
    let slugs: Vec<String> = names.par_iter().map(|n| slugify(n)).collect();
    // Each slug's tag, named as its first release (the newest) names it, sorted by slug.
    let mut seen: HashSet<&str> = HashSet::default();
    let mut tags: Vec<Tag> = Vec::new();
    for (name, slug) in names.iter().zip(&slugs) {
        if seen.insert(slug) {
            tags.push(Tag { slug: slug.clone(), name: name.to_string(), releases: Vec::new() });
        }
    }
    drop(seen);
    tags.sort_unstable_by(|a, b| a.slug.cmp(&b.slug));
    let index: HashMap<&str, usize> =
        tags.iter().enumerate().map(|(i, t)| (t.slug.as_str(), i)).collect();
    // Every name's slug is a tag's.
    let tag_of_name: Vec<usize> = slugs.iter().map(|s| index[s.as_str()]).collect();
    drop(index);
    for (i, names) in named.iter().enumerate() {
        for &n in names {
            // A release's tags are unique by slug ([`Parsed::tags`]).
            tags[tag_of_name[n]].releases.push(i);
        }
    }
    let release_tags = named.iter().map(|n| n.iter().map(|&n| tag_of_name[n]).collect()).collect();
    (tags, release_tags)
}

/// Related releases: those sharing the most tags, nearest in time first among equals. Only the
/// nearest [`NEIGHBOURS`] on each side within each tag's timeline are candidates, so the cost
/// stays linear however large a tag grows.
fn related(releases: &[Release], tags: &[Tag], release_tags: &[Vec<usize>]) -> Vec<Vec<usize>> {
    // Sorted, so that the tags two releases share are counted by one merge, not a search of
    // one list for every tag of the other (quadratic in the tags of a release).
    let sorted: Vec<Vec<usize>> = release_tags
        .par_iter()
        .map(|t| {
            let mut t = t.clone();
            t.sort_unstable();
            t
        })
        .collect();
    let stamps: Vec<i64> = releases.iter().map(|r| r.date.at.timestamp()).collect();
    (0..releases.len())
        .into_par_iter()
        .map_init(Vec::new, |candidates: &mut Vec<usize>, i| {
            candidates.clear();
            for &t in &release_tags[i] {
                let list = &tags[t].releases;
                let Ok(pos) = list.binary_search(&i) else {
                    continue;
                };
                let lo = pos.saturating_sub(NEIGHBOURS);
                let hi = (pos + NEIGHBOURS + 1).min(list.len());
                candidates.extend(list[lo..hi].iter().filter(|&&j| j != i));
            }
            candidates.sort_unstable();
            candidates.dedup();
            let mut scored: Vec<(usize, i64, usize)> = candidates
                .iter()
                .map(|&j| {
                    let shared = shared(&sorted[i], &sorted[j]);
                    let distance = (stamps[i] - stamps[j]).abs();
                    (shared, distance, j)
                })
                .collect();
            scored.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
            // Collected from a borrow: `scored.into_iter()` would be collected in place, and
            // each release would keep the whole list of its scored candidates as room (770
            // bytes a release, 77 MB of every build's heap at 100,000 releases).
            scored.iter().take(RELATED).map(|s| s.2).collect()
        })
        .collect()
}

/// How many values two sorted lists have in common, in one pass over both.
fn shared(a: &[usize], b: &[usize]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    /// Found by helper-35, stop 67: a tag typed in small letters headed its page so
    /// ("haji", "kerukunan umat beragama") beside units' pages headed with capitals.
    #[test]
    fn a_tag_typed_in_small_letters_is_title_cased_as_a_heading() {
        let cased = |name: &str| super::title_cased(name);
        assert_eq!(cased("haji"), "Haji");
        assert_eq!(cased("kerukunan umat beragama"), "Kerukunan Umat Beragama");
        assert_eq!(cased("zakat dan wakaf di kantor"), "Zakat dan Wakaf di Kantor");
        assert_eq!(cased("dari desa ke kota"), "Dari Desa ke Kota");
        // As typed: capitals, and what has no letter to raise.
        assert_eq!(cased("PTSP"), "PTSP");
        assert_eq!(cased("layanan PTSP se-Bali"), "Layanan PTSP se-Bali");
        assert_eq!(cased("Hari Santri 2023"), "Hari Santri 2023");
        assert_eq!(cased("iPhone"), "iPhone");
        assert_eq!(cased("covid-19"), "Covid-19");
        assert_eq!(cased("ĳsselmeer ölçü"), "Ĳsselmeer Ölçü");
        assert_eq!(cased("2024"), "2024");
        assert_eq!(cased("ꦧꦭꦶ"), "ꦧꦭꦶ");
    }

    use super::*;
    use crate::load::SourceFile;
    use std::path::{Path, PathBuf};

    fn releases(tags: &[&str]) -> Vec<Release> {
        let site = "title: Humas\nbase_url: https://humas.example.go.id/\n\
            units:\n  kanwil: {name: Kanwil, short: Humas, place: Denpasar}\n\
            authors:\n  sn: {name: Sri Nuraini}\n";
        let c = crate::config::parse(Path::new("site.yaml"), site).expect("a valid site");
        tags.iter()
            .enumerate()
            .map(|(i, tags)| {
                let text = format!(
                    "---\ntitle: Rilis {i}\ndate: 2023-05-{:02}\nunit: kanwil\nauthor: sn\n\
                     tags: [{tags}]\n---\n\nParagraf.\n",
                    20 - i
                );
                let file = SourceFile::new(PathBuf::from(format!("content/{i}.md")), text);
                let parsed = crate::model::release::release(&c, &file, &Default::default())
                    .expect("a valid release");
                Release::new(parsed.into(), crate::model::Publication::Published)
            })
            .collect()
    }

    /// Tags are the releases' names by slug, sorted by slug, each named as the newest
    /// release names it; each release's tags are in its own order.
    #[test]
    fn tags_are_grouped_by_slug_named_by_their_newest_release_and_sorted() {
        let releases = releases(&["Haji, Media Sosial", "haji, Árbol", "media sosial"]);
        let (tags, release_tags) = tags(&releases);
        let seen: Vec<(&str, &str, &[usize])> =
            tags.iter().map(|t| (t.slug.as_str(), t.name.as_str(), &t.releases[..])).collect();
        assert_eq!(
            seen,
            [
                ("arbol", "Árbol", &[1][..]),
                ("haji", "Haji", &[0, 1][..]),
                ("media-sosial", "Media Sosial", &[0, 2][..]),
            ]
        );
        assert_eq!(release_tags, [vec![1, 2], vec![1, 0], vec![2]]);
    }

    /// Found by helper-35, stop 67: five related cards in a grid of three columns left a
    /// lonely row of two. The count fills every row of one, two or three columns.
    #[test]
    fn related_releases_fill_the_rows_of_one_two_or_three_columns() {
        for columns in 1..=3 {
            assert_eq!(RELATED % columns, 0, "{RELATED} cards in {columns} columns");
        }
    }

    /// Each release's related releases are the [`RELATED`] that share most tags, nearest in
    /// time among equals, and the list holds no more room than that: the site keeps one for
    /// every release through the build (found with heaptrack at 100,000 releases, where lists
    /// made in place from the scored candidates held 77 MB).
    #[test]
    fn related_releases_share_most_tags_and_keep_no_room_beyond_them() {
        let mut tagged = vec!["zakat, haji"; 3];
        tagged.extend(["zakat"; 12]);
        let releases = releases(&tagged);
        let (tags, release_tags) = tags(&releases);
        let related = related(&releases, &tags, &release_tags);
        // The first three share two tags with each other: each other first, then the nearest.
        assert_eq!(related[0], [1, 2, 3, 4, 5, 6]);
        assert_eq!(related[1], [0, 2, 3, 4, 5, 6]);
        assert_eq!(related[9], [8, 10, 7, 11, 6, 12]);
        for (i, list) in related.iter().enumerate() {
            assert_eq!(list.len(), RELATED, "release {i}");
            assert!(list.capacity() <= RELATED, "release {i}: room for {}", list.capacity());
        }
    }
}
