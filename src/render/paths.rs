//! The table of every output path ([`table`]): which job writes it and from what source. The
//! renderers take their paths from the functions here, which the table uses too, so the two
//! cannot drift apart; [`collisions`] reports two outputs at one path (or at paths equal but for
//! ASCII case, one file on case-insensitive disks and web hosts) before anything is written,
//! since which of the two would win depends on the number of threads.

use super::plan::{Job, Plan};
use super::views::Views;
use super::{search, sitemap, Theme};
use crate::channels::Channel;
use crate::error::ContentError;
use crate::model::Site;
use foldhash::{HashMap, HashMapExt};
use std::path::PathBuf;

/// The feeds of a listing, in its folder: file name and what it is.
pub const LISTING_FEEDS: [(&str, &str); 3] =
    [("feed.xml", "RSS feed"), ("atom.xml", "Atom feed"), ("feed.json", "JSON Feed")];

/// The social-media captions of a published release, beside its page.
pub fn social_json(release_path: &str) -> String {
    format!("{release_path}social.json")
}

/// The folder of a listing's later pages, inside the listing's: `page/2/`, `tag/haji/page/3/`.
pub const PAGES: &str = "page/";

/// The folder of page `n` (0-based) of a listing at `path`.
pub fn listing_page(path: &str, n: usize) -> String {
    if n == 0 {
        path.to_string()
    } else {
        format!("{path}{PAGES}{}/", n + 1)
    }
}

/// The RSS feed of one social channel for the releases of a listing: the site's
/// (`feeds/x.xml`, `folder` empty) or a unit's (`unit/kemenag-badung/feeds/x.xml`).
pub fn channel_feed(folder: &str, channel: Channel) -> String {
    format!("{folder}feeds/{}.xml", channel.key())
}

/// How many feeds a channel has: RSS and JSON Feed.
const CHANNEL_FEEDS: usize = 2;

/// The folders a listing's feeds are published in besides its own: a unit's former addresses,
/// `unit/<key>/` for each former key (`aliases:` under the unit in `site.yaml`). Its page there
/// redirects, but a cross-posting service (IFTTT, Zapier, dlvr.it) or a feed reader subscribed to
/// `unit/<key>/feed.xml` does not follow a page that redirects: without the same feeds there,
/// the office's posts to that unit's accounts would stop, without a word, the day its key
/// changed. None for any other listing.
pub fn former_folders<'a>(
    site: &'a Site,
    listing: &'a super::plan::Listing,
) -> impl Iterator<Item = String> + 'a {
    let unit = listing.unit.as_deref().and_then(|key| site.config.units.get(key));
    unit.into_iter().flat_map(|u| u.aliases.iter().map(|key| self::unit(key)))
}

/// `path`, a file in the folder `from`, as the same file in the folder `to`.
pub fn moved(path: &str, from: &str, to: &str) -> String {
    format!("{to}{}", path.strip_prefix(from).unwrap_or(path))
}

/// The JSON Feed of one social channel, beside its RSS feed.
pub fn channel_json_feed(folder: &str, channel: Channel) -> String {
    format!("{folder}feeds/{}.json", channel.key())
}

/// A published release as the search page shows it, beside its page (see
/// [`crate::search`]).
pub fn search_json(release_path: &str) -> String {
    format!("{release_path}{}", crate::search::DOCUMENT)
}

/// The index of units, and one unit's listing.
pub const UNITS: &str = "unit/";
pub fn unit(key: &str) -> String {
    format!("{UNITS}{key}/")
}

/// The index of tags, and one tag's listing.
pub const TAGS: &str = "tag/";
pub fn tag(slug: &str) -> String {
    format!("{TAGS}{slug}/")
}

/// The listings of the kinds of content, and one kind's: `jenis/pengumuman/`.
pub const KINDS: &str = "jenis/";
pub fn kind(key: &str) -> String {
    format!("{KINDS}{key}/")
}

/// The search page; its index is in [`super::search::BUNDLE`].
pub const SEARCH: &str = "cari/";

/// The page of every correction, and its RSS feed.
pub const CORRECTIONS: &str = "ralat/";
pub const CORRECTIONS_FEED: &str = "ralat/feed.xml";

/// The verification page ([`crate::trust`]); the manifest is in its folder.
pub const CHECK: &str = crate::trust::CHECK_PAGE;

/// The site path of a month's archive: `arsip/2023/05/`.
pub fn month(year: i32, month: u32) -> String {
    format!("{}{month:02}/", archive(Some(year)))
}

/// The archive's index, or one year of it.
pub fn archive(year: Option<i32>) -> String {
    match year {
        None => "arsip/".to_string(),
        Some(y) => format!("arsip/{y:04}/"),
    }
}

/// Whether an output path is a page of a listing: the home page's later pages, the archive, a
/// unit's, a tag's or a kind's list, their indexes, and the search page. `warta deploy` sends
/// these after the releases they link to.
pub fn is_listing(path: &str) -> bool {
    [UNITS, TAGS, KINDS, SEARCH, CORRECTIONS, CHECK, archive(None).as_str(), PAGES]
        .iter()
        .any(|prefix| path.starts_with(prefix))
}

/// Whose output a path is, from the least to the most entitled to it: when two collide, the
/// less entitled one is the one to move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A theme or site static file.
    Static,
    /// A page at a former address of a page or a unit (`aliases:`).
    Alias,
    /// A file in a release's folder, copied beside its page.
    Bundle,
    /// A redirect at a release's former URL.
    Redirect,
    /// A release's short link, under `s/`.
    ShortLink,
    /// A page or file warta generates.
    Generated,
}

/// One output file: its path, the job that writes it and what kind of output it is. Where it
/// comes from, in words, is worked out only for an error ([`describe`]): a site has tens of
/// thousands of outputs and, almost always, no collision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputPath {
    /// Relative to the output folder, as in [`super::Output::path`].
    pub path: String,
    pub job: Job,
    pub kind: Kind,
    /// Which of the job's outputs: for a release 0 is its page, 1 its `social.json` and the
    /// files of its bundle follow; for a listing's feeds, the index in [`LISTING_FEEDS`]; for
    /// the sitemap, the part; for a channel's feeds, 0 is the RSS and 1 the JSON Feed, and the
    /// Instagram feed's drawn cards follow.
    pub part: usize,
}

/// What an output comes from, in words ("content/2023/05/x/index.md", "static/feed.xml", "the
/// site's RSS feed"), and the source file an error about it names, if it has one.
pub fn describe(
    site: &Site,
    plan: &Plan,
    theme: &Theme,
    row: &OutputPath,
) -> (String, Option<PathBuf>) {
    let generated = |what: String| (what, None);
    if let (Kind::Alias, Job::Feed(l) | Job::ChannelFeed(_, l)) = (row.kind, row.job) {
        let listing = &plan.listings[l];
        let unit = listing.unit.as_deref().unwrap_or_default();
        let folder = former_folders(site, listing)
            .find(|f| row.path.starts_with(f.as_str()))
            .unwrap_or_default();
        let file = row.path.get(folder.len()..).unwrap_or(&row.path);
        let what = format!("the unit {unit}'s {file} at its former address /{folder}");
        return (what, Some(PathBuf::from("site.yaml")));
    }
    match row.job {
        Job::Release(i) => {
            let r = &site.releases[i];
            let src = r.source.display().to_string();
            let file = Some(r.source.clone());
            match row.part {
                0 => (src, file),
                1 => (format!("the generated social.json of {src}"), file),
                n => {
                    let dir = r.source.parent().map(PathBuf::from).unwrap_or_default();
                    let copied = r.copied().count();
                    if let Some(a) = r.copied().nth(n - 2) {
                        return (
                            format!("the file {} beside {src}", a.name),
                            Some(dir.join(&a.name)),
                        );
                    }
                    match super::jobs::made_paths(r).nth(n - 2 - copied) {
                        Some((_, Some(photo))) => (
                            format!("a size of the photo {photo} beside {src}"),
                            Some(dir.join(photo)),
                        ),
                        _ => (format!("the social card drawn for {src}"), file),
                    }
                }
            }
        }
        Job::Page(i) => {
            let p = &site.pages[i];
            (p.source.display().to_string(), Some(p.source.clone()))
        }
        Job::Redirect { release, .. } => {
            let r = &site.releases[release];
            let what = format!("the redirect from the former URL of {}", r.source.display());
            (what, Some(r.source.clone()))
        }
        Job::ShortLink(i) => {
            let r = &site.releases[i];
            (format!("the short link of {}", r.source.display()), Some(r.source.clone()))
        }
        Job::Listing(l, n) => generated(listing_name(&plan.listings[l].path, n)),
        Job::Feed(l) => {
            let l = &plan.listings[l];
            let whose = if l.path.is_empty() {
                "the site's".to_string()
            } else {
                format!("the {}", l.path)
            };
            let what = LISTING_FEEDS.get(row.part).map_or("feed", |f| f.1);
            generated(format!("{whose} {what}"))
        }
        Job::ChannelFeed(c, l) if row.part < CHANNEL_FEEDS => {
            let whose = match plan.listings[l].unit.as_deref() {
                Some(unit) => format!("the unit {unit}'s"),
                None => "the site's".to_string(),
            };
            let kind = if row.part == 0 { "RSS feed" } else { "JSON Feed" };
            generated(format!("{whose} {kind} for {}", c.label()))
        }
        Job::ChannelFeed(_, l) => {
            let release = super::jobs::instagram_cards(site, plan, l)
                .into_iter()
                .flat_map(|(i, shapes)| std::iter::repeat_n(i, shapes.len()))
                .nth(row.part - CHANNEL_FEEDS);
            match release.map(|i| &site.releases[i]) {
                Some(r) => (
                    format!("the Instagram card drawn for {}", r.source.display()),
                    Some(r.source.clone()),
                ),
                None => generated("an Instagram card".to_string()),
            }
        }
        Job::Icons => match row.part {
            n if n < super::icons::ICONS.len() => {
                generated("the icon warta draws from site.yaml's logo or title".to_string())
            }
            _ => generated("the web app manifest".to_string()),
        },
        Job::Logos => match plan.logos.get(row.part) {
            Some(s) => {
                let file = PathBuf::from("static").join(&s.source.name);
                (format!("the logo {} at the size pages show it", file.display()), Some(file))
            }
            None => generated("a logo at the size pages show it".to_string()),
        },
        Job::UnitIndex => generated("the index of units".to_string()),
        Job::TagIndex => generated("the index of tags".to_string()),
        Job::Archive(_) => generated("the archive".to_string()),
        Job::NotFound => generated("the “not found” page".to_string()),
        Job::Sitemap => generated("the sitemap".to_string()),
        Job::SitemapIndex => generated("the sitemap index".to_string()),
        Job::NewsSitemap => generated("the Google News sitemap".to_string()),
        Job::Robots => generated("the instructions for search engines".to_string()),
        Job::SearchPage => generated("the search page".to_string()),
        Job::SearchIndex => generated("the search index".to_string()),
        Job::Corrections => generated("the page of corrections".to_string()),
        Job::Manifest => generated("the signed manifest of releases".to_string()),
        Job::CheckPage => generated("the verification page".to_string()),
        Job::Removed(k) => {
            let e = &site.removed[k];
            (format!("the page that says {} was removed", e.source), None)
        }
        Job::Alias(k) => {
            let a = &site.aliases[k];
            let what = format!("the alias /{} of /{} ({})", a.from, a.to, a.source.display());
            (what, Some(a.source.clone()))
        }
        Job::StaticPhoto(k) => {
            let file = PathBuf::from("static").join(&static_photo(site, plan, k).name);
            (format!("a size of the photo {}", file.display()), Some(file))
        }
        Job::Static(i) => {
            let file = PathBuf::from("static").join(&theme.static_files[i].name);
            (file.display().to_string(), Some(file))
        }
    }
}

/// Every output path of the site, in the plan's order: worked out in parallel, a run of jobs
/// at a time (at 10,000 releases, 50,000 paths are formatted).
pub fn table(site: &Site, views: &Views, theme: &Theme, plan: &Plan) -> Vec<OutputPath> {
    use rayon::prelude::*;
    let runs: Vec<Vec<OutputPath>> = plan
        .jobs
        .par_chunks(1024)
        .map(|jobs| {
            let mut out = Vec::with_capacity(jobs.len() * 3);
            for &job in jobs {
                rows(site, views, theme, plan, job, &mut out);
            }
            out
        })
        .collect();
    let mut out = Vec::with_capacity(runs.iter().map(Vec::len).sum());
    for run in runs {
        out.extend(run);
    }
    out
}

/// [`table`] of a site that is the one `table` was made for but for the releases at
/// `replaced`, put in place of theirs by [`crate::reparse`]: at the same places and paths, with
/// the same publications and the same names in their bundles, and the same config, theme,
/// pages and static files. The rows of the jobs that can show such a release otherwise are made
/// again: its own (its photo's sizes), every Instagram feed's (the cards of its releases'
/// photos), the sitemap's (which counts attachments) and those of the sizes of `static/`
/// photos (which releases show). The others are `table`'s, taken over without a copy: at
/// 100,000 releases this is a few milliseconds where [`table`] is sixty.
/// With whether every row came out as it was; `None` if `table` does not follow `plan` job for
/// job.
pub fn patch(
    table: Vec<OutputPath>,
    site: &Site,
    views: &Views,
    theme: &Theme,
    plan: &Plan,
    replaced: &[usize],
) -> Option<(Vec<OutputPath>, bool)> {
    let again = |job: Job| match job {
        Job::Release(i) => replaced.contains(&i),
        Job::ChannelFeed(..) | Job::Sitemap => true,
        // Which photos of `static/` releases show is the releases' doing.
        Job::StaticPhoto(_) => true,
        _ => false,
    };
    let mut out = Vec::with_capacity(table.len());
    let mut same = true;
    let mut old = table.into_iter().peekable();
    for &job in &plan.jobs {
        if !again(job) {
            while let Some(row) = old.next_if(|row| row.job == job) {
                out.push(row);
            }
            continue;
        }
        let at = out.len();
        rows(site, views, theme, plan, job, &mut out);
        let mut n = 0;
        while let Some(row) = old.next_if(|row| row.job == job) {
            same &= out.get(at + n) == Some(&row);
            n += 1;
        }
        same &= n == out.len() - at;
    }
    // A row left over is a job the plan no longer has, or has elsewhere.
    if old.next().is_some() {
        return None;
    }
    Some((out, same))
}

/// The output paths of one job, added to `out`.
fn rows(
    site: &Site,
    views: &Views,
    theme: &Theme,
    plan: &Plan,
    job: Job,
    out: &mut Vec<OutputPath>,
) {
    let mut add = |path: String, kind: Kind, part: usize| {
        out.push(OutputPath { path, job, kind, part });
    };
    let index = |dir: &str| format!("{dir}index.html");
    let generated = Kind::Generated;
    match job {
        Job::Release(i) => {
            let r = &site.releases[i];
            add(index(&r.path), generated, 0);
            if r.publication.is_published() {
                add(social_json(&r.path), generated, 1);
            }
            let copied = r.copied().count();
            for (n, a) in r.copied().enumerate() {
                add(format!("{}{}", r.path, a.name), Kind::Bundle, n + 2);
            }
            let made = super::jobs::made_paths(r).count();
            for (n, (path, _)) in super::jobs::made_paths(r).enumerate() {
                add(path.to_string(), generated, n + 2 + copied);
            }
            if r.publication.is_published() && search::enabled(site, theme) {
                add(search_json(&r.path), generated, 2 + copied + made);
            }
        }
        Job::Page(i) => add(index(&site.pages[i].path), generated, 0),
        Job::Redirect { release, former } => {
            add(index(&site.releases[release].former_paths[former]), Kind::Redirect, 0);
        }
        Job::ShortLink(i) => {
            let short = site.releases[i].short_link.as_deref().unwrap_or_default();
            add(index(short), Kind::ShortLink, 0);
        }
        Job::Listing(l, n) => add(index(&listing_page(&plan.listings[l].path, n)), generated, 0),
        // A unit's feeds are at its former addresses too, after every file of the job's own.
        Job::Feed(l) => {
            let listing = &plan.listings[l];
            let mut part = 0;
            for (folder, kind) in feed_folders(site, listing) {
                for (name, _) in LISTING_FEEDS {
                    add(format!("{folder}{name}"), kind, part);
                    part += 1;
                }
            }
        }
        Job::ChannelFeed(c, l) => {
            let listing = &plan.listings[l];
            add(channel_feed(&listing.path, c), generated, 0);
            add(channel_json_feed(&listing.path, c), generated, 1);
            let mut part = CHANNEL_FEEDS;
            if c == Channel::Instagram {
                let cards = super::jobs::instagram_cards(site, plan, l);
                for shape in cards.iter().flat_map(|(_, s)| s.iter()) {
                    add(shape.path.clone(), generated, part);
                    part += 1;
                }
            }
            for folder in former_folders(site, listing) {
                add(channel_feed(&folder, c), Kind::Alias, part);
                add(channel_json_feed(&folder, c), Kind::Alias, part + 1);
                part += CHANNEL_FEEDS;
            }
        }
        Job::UnitIndex => add(index(UNITS), generated, 0),
        Job::TagIndex => add(index(TAGS), generated, 0),
        Job::Archive(y) => add(index(&archive(y.map(|y| views.archive[y].year))), generated, 0),
        Job::NotFound => add("404.html".to_string(), generated, 0),
        Job::Sitemap => {
            for n in 0..sitemap::parts(site, plan) {
                add(sitemap::part_name(n), generated, n);
            }
        }
        Job::SitemapIndex => add(sitemap::INDEX.to_string(), generated, 0),
        Job::NewsSitemap => add(sitemap::NEWS.to_string(), generated, 0),
        Job::Robots => add(sitemap::ROBOTS.to_string(), generated, 0),
        Job::SearchPage => add(index(SEARCH), generated, 0),
        // How many buckets and release files the index has is known once it is made;
        // the whole folder is the index's (see `colliding`).
        Job::SearchIndex => add(search::META.to_string(), generated, 0),
        Job::Static(i) => add(theme.static_files[i].name.clone(), Kind::Static, 0),
        Job::Icons => {
            let icons = super::icons::ICONS.iter().map(|i| i.0);
            for (n, path) in icons.chain([super::icons::MANIFEST]).enumerate() {
                add(path.to_string(), generated, n);
            }
        }
        Job::Logos => {
            for (n, s) in plan.logos.iter().enumerate() {
                add(s.rendition.path.clone(), generated, n);
            }
        }
        Job::Corrections => {
            add(index(CORRECTIONS), generated, 0);
            add(CORRECTIONS_FEED.to_string(), generated, 1);
        }
        Job::Manifest => {
            add(crate::trust::manifest::FILE.to_string(), generated, 0);
            if site.signing.is_some() {
                add(crate::trust::manifest::SIGNATURE.to_string(), generated, 1);
            }
        }
        Job::CheckPage => add(index(CHECK), generated, 0),
        Job::Removed(k) => {
            let paths = &site.removed[k].paths;
            for (n, path) in paths.iter().enumerate() {
                add(index(path), Kind::Redirect, n);
            }
            if let Some(short) = site.removed_short.get(k).and_then(Option::as_deref) {
                add(index(short), Kind::ShortLink, paths.len());
            }
        }
        Job::Alias(k) => add(alias_file(&site.aliases[k].from), Kind::Alias, 0),
        Job::StaticPhoto(k) => {
            for (n, size) in static_photo(site, plan, k).web.iter().enumerate() {
                add(size.path.clone(), generated, n);
            }
        }
    }
}

/// The photo of `static/` of job [`Job::StaticPhoto`]`(k)`, as its first release shows it.
pub fn static_photo<'s>(site: &'s Site, plan: &Plan, k: usize) -> &'s crate::photos::PhotoSet {
    let (release, photo) = plan.static_photos[k];
    &site.releases[release].photos[photo]
}

/// The listing's folder, then its former ones ([`former_folders`]), with the kind of output
/// each holds.
fn feed_folders<'a>(
    site: &'a Site,
    listing: &'a super::plan::Listing,
) -> impl Iterator<Item = (String, Kind)> + 'a {
    let own = std::iter::once((listing.path.clone(), Kind::Generated));
    own.chain(former_folders(site, listing).map(|folder| (folder, Kind::Alias)))
}

/// A note for each address the last build published that this one does not, of the kinds
/// whose links elsewhere (other sites, printed letters, search engines) then lead to “not
/// found” without a word: a standalone page's (`<slug>/index.html`) and a unit's
/// (`unit/<key>/index.html`). `gone` are output paths. What else leaves comes and goes with the
/// releases (a tag, a month, a page of a listing), or keeps a page of its own (a release's
/// former URL, a deleted release's).
pub fn gone_addresses(site: &Site, gone: &[String]) -> Vec<ContentError> {
    let c = &site.config;
    let mut notes = Vec::new();
    let mut releases: Option<std::collections::HashSet<&str>> = None;
    for path in gone {
        let Some(dir) = path.strip_suffix("index.html") else { continue };
        let parts: Vec<&str> = dir.trim_end_matches('/').split('/').collect();
        let shown = c.link(dir);
        match parts[..] {
            [units, key]
                if UNITS.strip_suffix('/') == Some(units) && !c.units.contains_key(key) =>
            {
                let line = c.units_line;
                notes.push(
                    ContentError::new(
                        "site.yaml",
                        format!(
                        "the unit page {shown}, published by the last build, is gone: links to it \
                         now lead to “not found”; if the unit's key changed, list the old key \
                         under the unit: aliases: [{key}]"
                    ),
                    )
                    .at_line(line),
                );
            }
            [slug] if !is_own(dir) => {
                // A release at `/:slug/` (a permalink without a date) that left keeps a page of
                // its own; a draft again, or expired, is the writer's doing.
                let releases = releases.get_or_insert_with(|| {
                    site.ledger.entries().flat_map(|e| e.paths.iter().map(String::as_str)).collect()
                });
                if !releases.contains(dir) {
                    notes.push(ContentError::new(
                        "content/pages",
                        format!(
                        "the page {shown}, published by the last build, is gone: links to it now \
                         lead to “not found”; if the page moved, list its old address in its \
                         file: aliases: [/{slug}/]"
                    ),
                    ));
                }
            }
            _ => {}
        }
    }
    notes
}

/// Whether a folder at the top of the site is one of warta's own (`tag/`, `cari/`, `s/`…), not
/// a page's.
fn is_own(dir: &str) -> bool {
    let top = dir.trim_end_matches('/');
    crate::model::release::RESERVED.contains(&top) || is_listing(dir) || top == "s"
}

/// The file of the page at a former address: `profil/index.html`, or `profil.html` itself.
pub fn alias_file(from: &str) -> String {
    if from.ends_with('/') {
        format!("{from}index.html")
    } else {
        from.to_string()
    }
}

/// Each job's key across builds: the first path it writes (its index in the plan moves when a
/// release is added; its path does not). `table` is [`table`] of `plan`.
pub fn job_keys<'t>(plan: &Plan, table: &'t [OutputPath]) -> Vec<&'t str> {
    let mut rows = table.iter().peekable();
    plan.jobs
        .iter()
        .map(|&job| {
            let mut key = "";
            while let Some(row) = rows.next_if(|row| row.job == job) {
                if key.is_empty() {
                    key = &row.path;
                }
            }
            key
        })
        .collect()
}

fn listing_name(path: &str, n: usize) -> String {
    let what =
        if path.is_empty() { "the home page".to_string() } else { format!("the list {path}") };
    if n == 0 {
        what
    } else {
        format!("page {} of {what}", n + 1)
    }
}

/// Every pair of outputs at one path, or at paths equal but for ASCII case: one error each,
/// naming both sources, sorted. Built in one pass over the table, without a copy of any path.
pub fn collisions(
    site: &Site,
    plan: &Plan,
    theme: &Theme,
    table: &[OutputPath],
) -> Vec<ContentError> {
    let pairs = colliding(table);
    let describe = |row: &OutputPath| describe(site, plan, theme, row);
    let mut errors: Vec<ContentError> = pairs
        .into_iter()
        .map(|(a, b)| {
            let error = collision(&table[a], describe(&table[a]), &table[b], describe(&table[b]));
            // An alias is told at its line, and so is a unit's feed at a former address.
            match (table[a].job, table[a].kind) {
                (Job::Alias(k), _) => error.at_line(site.aliases[k].line).field("aliases"),
                (Job::Feed(l) | Job::ChannelFeed(_, l), Kind::Alias) => {
                    let unit = plan.listings[l].unit.as_deref();
                    let line = unit.and_then(|u| site.config.units.get(u)?.aliases_line);
                    error.at_line(line).field("aliases")
                }
                _ => error,
            }
        })
        .collect();
    // A name too long to publish, a file's or a folder's (a release's folder is named by its
    // file: a name of 252 bytes was published while only files' names were checked, found by
    // helper-34, stop 67): once per file it comes from (a photo makes six).
    let mut named = std::collections::HashSet::new();
    for row in table {
        if row.path.len() <= MAX_NAME_BYTES {
            continue;
        }
        let Some(name) = row.path.split('/').find(|name| name.len() > MAX_NAME_BYTES) else {
            continue;
        };
        let (source, file) = describe(row);
        let (file, whose) = match file {
            Some(file) => (file, "its"),
            None => (PathBuf::from(&source), "the"),
        };
        if named.insert(file.clone()) {
            let shown: String = name.chars().take(24).collect();
            let message = format!(
                "{whose} published name (\"{shown}…\") is {} bytes long: web hosts take names \
                 up to 255, and `warta deploy` uploads under one a dozen longer; rename it to \
                 fewer than {} characters",
                name.len(),
                MAX_NAME_BYTES / 2,
            );
            errors.push(ContentError::new(file, message));
        }
    }
    crate::error::sorted(errors)
}

/// What [`collisions`] finds depends on: the table's paths, in its order. A table with the
/// fingerprint of one that had no collision has none either.
pub fn checked(table: &[OutputPath]) -> crate::fingerprint::Fp {
    let mut h = crate::fingerprint::Hasher::new();
    h.add(&table.len());
    for row in table {
        h.add(row.path.as_str());
    }
    h.finish128()
}

/// The longest name of a published file, in bytes: file systems and web hosts take 255, and
/// `warta deploy` uploads a file under a temporary name a dozen bytes longer
/// (`.name.warta-part`). A phone's or a camera's name is 20 or 30; 200 is a name pasted from a
/// sentence. (Until stop 46 a build published a name of 246 bytes, which no deploy could send.)
pub const MAX_NAME_BYTES: usize = 200;

/// A path compared and hashed as if in lower case.
#[derive(Debug, Clone, Copy)]
struct Caseless<'a>(&'a str);

impl PartialEq for Caseless<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(other.0)
    }
}

impl Eq for Caseless<'_> {}

impl std::hash::Hash for Caseless<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let mut lower = [0u8; 64];
        for chunk in self.0.as_bytes().chunks(lower.len()) {
            for (to, from) in lower.iter_mut().zip(chunk) {
                *to = from.to_ascii_lowercase();
            }
            state.write(&lower[..chunk.len()]);
        }
        state.write_u8(0xff);
    }
}

/// The rows that collide, as (the one to move, the other): the less entitled one is to move;
/// between equals, the later one.
fn colliding(table: &[OutputPath]) -> Vec<(usize, usize)> {
    let mut seen: HashMap<Caseless<'_>, usize> = HashMap::with_capacity(table.len());
    let mut pairs = Vec::new();
    // The search index owns its whole folder: how many files it has, it alone knows.
    let search = table.iter().position(|row| row.job == Job::SearchIndex);
    let in_bundle = |path: &str| {
        path.get(..search::BUNDLE.len()).is_some_and(|p| p.eq_ignore_ascii_case(search::BUNDLE))
            && !search::META.eq_ignore_ascii_case(path)
    };
    for (i, entry) in table.iter().enumerate() {
        if let Some(s) = search.filter(|_| entry.job != Job::SearchIndex && in_bundle(&entry.path))
        {
            pairs.push(if entry.kind <= table[s].kind { (i, s) } else { (s, i) });
        }
        match seen.entry(Caseless(&entry.path)) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(i);
            }
            std::collections::hash_map::Entry::Occupied(o) => {
                let first = *o.get();
                pairs.push(if entry.kind <= table[first].kind { (i, first) } else { (first, i) });
            }
        }
    }
    pairs
}

fn collision(
    culprit: &OutputPath,
    (culprit_source, culprit_file): (String, Option<PathBuf>),
    other: &OutputPath,
    (other_source, other_file): (String, Option<PathBuf>),
) -> ContentError {
    let name = culprit.path.rsplit('/').next().unwrap_or(&culprit.path);
    let (lead, fix) = match culprit.kind {
        Kind::Static => (String::new(), "remove it or rename it"),
        Kind::Bundle => (format!("the file {name} beside the release "), "rename it"),
        Kind::Redirect => (
            format!("the redirect from its former URL /{} ", culprit.path),
            "the former URL is kept in warta-ledger.tsv: remove that line if the old address \
             may go",
        ),
        Kind::Alias => (
            format!("the alias /{} ", culprit.path.trim_end_matches("index.html")),
            "remove the address from its aliases: (an alias cannot take an address in use)",
        ),
        Kind::ShortLink => (
            format!("the short link /{} ", culprit.path),
            "short links live in /s/: move the other out of s/, or set short_links: false in \
             site.yaml",
        ),
        // Two photos of `static/` whose sizes take one name: `foto.jpg` and `foto.png`.
        Kind::Generated if matches!(culprit.job, Job::StaticPhoto(_)) => (
            format!("{culprit_source} "),
            "rename one of the two photos in static/, and the image: lines that name it",
        ),
        Kind::Generated => {
            (format!("{culprit_source} "), "change the path of one of them in its front matter")
        }
    };
    let message = if culprit.path == other.path {
        format!("{lead}would replace {other_source} (/{}); {fix}", other.path)
    } else {
        let lead = if lead.is_empty() { "this file ".to_string() } else { lead };
        format!(
            "{lead}(/{}) and {other_source} (/{}) differ only in upper and lower case, and are one file \
             on case-insensitive disks and web hosts; {fix}",
            culprit.path, other.path
        )
    };
    let path = culprit_file.or(other_file);
    ContentError::new(path.unwrap_or_else(|| PathBuf::from(&culprit.path)), message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str, job: Job, kind: Kind) -> OutputPath {
        OutputPath { path: path.to_string(), job, kind, part: 0 }
    }

    #[test]
    fn a_redirect_at_a_path_a_release_has_is_the_one_to_move_and_case_is_ignored() {
        let table = [
            entry("2023/05/x/index.html", Job::Release(0), Kind::Generated),
            entry("2023/05/X/index.html", Job::Redirect { release: 1, former: 0 }, Kind::Redirect),
            entry("a.css", Job::Static(0), Kind::Static),
            entry("A.CSS", Job::Static(1), Kind::Static),
        ];
        // The redirect moves, not the release; of two equals, the later one.
        assert_eq!(colliding(&table), [(1, 0), (3, 2)]);
        assert!(colliding(&table[..1]).is_empty());
        // The search index owns search/, whatever the number of its files.
        let search = [
            entry("search/meta.json", Job::SearchIndex, Kind::Generated),
            entry("Search/t/0.json", Job::Static(0), Kind::Static),
            entry("searches/x.js", Job::Static(1), Kind::Static),
            entry("search/meta.json", Job::Static(2), Kind::Static),
        ];
        assert_eq!(colliding(&search), [(1, 0), (3, 0)]);
        assert!(colliding(&[
            entry("a/b", Job::Static(0), Kind::Static),
            entry("a/c", Job::Static(1), Kind::Static)
        ])
        .is_empty());
    }
}
