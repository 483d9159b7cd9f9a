//! The table of every output path ([`table`]): which job writes it and from what source. The
//! renderers take their paths from the functions here, which the table uses too, so the two
//! cannot drift apart; [`collisions`] reports two outputs at one path (or at paths equal but for
//! ASCII case, one file on case-insensitive disks and web hosts) before anything is written,
//! since which of the two would win depends on the number of threads.

use super::plan::{Job, Plan};
use super::views::Views;
use super::{sitemap, Theme};
use crate::channels::Channel;
use crate::error::ContentError;
use crate::model::Site;
use std::collections::HashMap;
use std::path::PathBuf;

/// The feeds of a listing, in its folder: file name and what it is.
pub const LISTING_FEEDS: [(&str, &str); 3] =
    [("feed.xml", "RSS feed"), ("atom.xml", "Atom feed"), ("feed.json", "JSON Feed")];

/// The social-media captions of a published release, beside its page.
pub fn social_json(release_path: &str) -> String {
    format!("{release_path}social.json")
}

/// The folder of page `n` (0-based) of a listing at `path`.
pub fn listing_page(path: &str, n: usize) -> String {
    if n == 0 {
        path.to_string()
    } else {
        format!("{path}page/{}/", n + 1)
    }
}

/// The feed of one social channel.
pub fn channel_feed(channel: Channel) -> String {
    format!("feeds/{}.xml", channel.key())
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

/// Whose output a path is, from the least to the most entitled to it: when two collide, the
/// less entitled one is the one to move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A theme or site static file.
    Static,
    /// A file in a release's folder, copied beside its page.
    Bundle,
    /// A redirect at a release's former URL.
    Redirect,
    /// A page or file warta generates.
    Generated,
}

/// One output file: its path, the job that writes it and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputPath {
    /// Relative to the output folder, as in [`super::Output::path`].
    pub path: String,
    pub job: Job,
    /// What it comes from, in words: "content/2023/05/x/index.md", "static/feed.xml", "the
    /// site's RSS feed".
    pub source: String,
    /// The source file a collision error names, if it has one.
    pub file: Option<PathBuf>,
    pub kind: Kind,
}

/// Every output path of the site, in the plan's order.
pub fn table(site: &Site, views: &Views, theme: &Theme, plan: &Plan) -> Vec<OutputPath> {
    let mut out = Vec::with_capacity(plan.jobs.len() + site.releases.len() * 2);
    for &job in &plan.jobs {
        let mut add = |path: String, source: String, file: Option<PathBuf>, kind: Kind| {
            out.push(OutputPath { path, job, source, file, kind });
        };
        let generated = |what: &str| (what.to_string(), None, Kind::Generated);
        let index = |dir: &str| format!("{dir}index.html");
        match job {
            Job::Release(i) => {
                let r = &site.releases[i];
                let src = r.source.display().to_string();
                add(index(&r.path), src.clone(), Some(r.source.clone()), Kind::Generated);
                if r.publication.is_published() {
                    let what = format!("the generated social.json of {src}");
                    add(social_json(&r.path), what, Some(r.source.clone()), Kind::Generated);
                }
                let dir = r.source.parent().map(PathBuf::from).unwrap_or_default();
                for a in &r.bundle {
                    let file = dir.join(&a.name);
                    let what = format!("the file {} beside {src}", a.name);
                    add(format!("{}{}", r.path, a.name), what, Some(file), Kind::Bundle);
                }
            }
            Job::Page(i) => {
                let p = &site.pages[i];
                let src = p.source.display().to_string();
                add(index(&p.path), src, Some(p.source.clone()), Kind::Generated);
            }
            Job::Redirect { release, former } => {
                let r = &site.releases[release];
                let what = format!("the redirect from the former URL of {}", r.source.display());
                add(index(&r.former_paths[former]), what, Some(r.source.clone()), Kind::Redirect);
            }
            Job::Listing(l, n) => {
                let l = &plan.listings[l];
                let (what, file, kind) = generated(&listing_name(&l.path, n));
                add(index(&listing_page(&l.path, n)), what, file, kind);
            }
            Job::Feed(l) => {
                let l = &plan.listings[l];
                for (name, what) in LISTING_FEEDS {
                    let whose = if l.path.is_empty() {
                        "the site's".to_string()
                    } else {
                        format!("the {}", l.path)
                    };
                    let (what, file, kind) = generated(&format!("{whose} {what}"));
                    add(format!("{}{name}", l.path), what, file, kind);
                }
            }
            Job::ChannelFeed(c) => {
                let (what, file, kind) = generated(&format!("the feed for {}", c.label()));
                add(channel_feed(c), what, file, kind);
            }
            Job::UnitIndex => {
                let (what, file, kind) = generated("the index of units");
                add(index(UNITS), what, file, kind);
            }
            Job::TagIndex => {
                let (what, file, kind) = generated("the index of tags");
                add(index(TAGS), what, file, kind);
            }
            Job::Archive(y) => {
                let year = y.map(|y| views.archive[y].year);
                let (what, file, kind) = generated("the archive");
                add(index(&archive(year)), what, file, kind);
            }
            Job::NotFound => {
                let (what, file, kind) = generated("the “not found” page");
                add("404.html".to_string(), what, file, kind);
            }
            Job::Sitemap => {
                for n in 0..sitemap::parts(site, plan) {
                    let (what, file, kind) = generated("the sitemap");
                    add(sitemap::part_name(n), what, file, kind);
                }
            }
            Job::SitemapIndex => {
                let (what, file, kind) = generated("the sitemap index");
                add(sitemap::INDEX.to_string(), what, file, kind);
            }
            Job::NewsSitemap => {
                let (what, file, kind) = generated("the Google News sitemap");
                add(sitemap::NEWS.to_string(), what, file, kind);
            }
            Job::Robots => {
                let (what, file, kind) = generated("the instructions for search engines");
                add(sitemap::ROBOTS.to_string(), what, file, kind);
            }
            Job::Static(i) => {
                let a = &theme.static_files[i];
                let file = PathBuf::from("static").join(&a.name);
                add(a.name.clone(), file.display().to_string(), Some(file), Kind::Static);
            }
        }
    }
    out
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
/// naming both sources, sorted. Built in one pass over the table.
pub fn collisions(table: &[OutputPath]) -> Vec<ContentError> {
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(table.len());
    let mut errors = Vec::new();
    for (i, entry) in table.iter().enumerate() {
        match seen.entry(entry.path.to_ascii_lowercase()) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(i);
            }
            std::collections::hash_map::Entry::Occupied(o) => {
                let first = &table[*o.get()];
                // The less entitled one is to move; between equals, the later one.
                let (culprit, other) =
                    if entry.kind <= first.kind { (entry, first) } else { (first, entry) };
                errors.push(collision(culprit, other));
            }
        }
    }
    crate::error::sorted(errors)
}

fn collision(culprit: &OutputPath, other: &OutputPath) -> ContentError {
    let name = culprit.path.rsplit('/').next().unwrap_or(&culprit.path);
    let (lead, fix) = match culprit.kind {
        Kind::Static => (String::new(), "remove it or rename it"),
        Kind::Bundle => (format!("the file {name} beside the release "), "rename it"),
        Kind::Redirect => (
            format!("the redirect from its former URL /{} ", culprit.path),
            "the former URL is kept in warta-ledger.tsv: remove that line if the old address \
             may go",
        ),
        Kind::Generated => {
            (format!("{} ", culprit.source), "change the path of one of them in its front matter")
        }
    };
    let message = if culprit.path == other.path {
        format!("{lead}would replace {} (/{}); {fix}", other.source, other.path)
    } else {
        let lead = if lead.is_empty() { "this file ".to_string() } else { lead };
        format!(
            "{lead}(/{}) and {} (/{}) differ only in upper and lower case, and are one file \
             on case-insensitive disks and web hosts; {fix}",
            culprit.path, other.source, other.path
        )
    };
    let path = culprit.file.clone().or_else(|| other.file.clone());
    ContentError::new(path.unwrap_or_else(|| PathBuf::from(&culprit.path)), message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str, job: Job, source: &str, kind: Kind) -> OutputPath {
        let file = source.starts_with("content/").then(|| PathBuf::from(source));
        OutputPath { path: path.to_string(), job, source: source.to_string(), file, kind }
    }

    #[test]
    fn a_redirect_at_a_path_a_release_has_names_the_redirect_and_the_release() {
        let table = [
            entry("2023/05/x/index.html", Job::Release(0), "content/2023/05/x.md", Kind::Generated),
            entry(
                "2023/05/X/index.html",
                Job::Redirect { release: 1, former: 0 },
                "content/2023/06/y.md",
                Kind::Redirect,
            ),
            entry("a.css", Job::Static(0), "static/a.css", Kind::Static),
        ];
        let errors = collisions(&table);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, PathBuf::from("content/2023/06/y.md"));
        assert!(errors[0].message.contains("content/2023/05/x.md"), "{}", errors[0].message);
        assert!(errors[0].message.contains("differ only in upper and lower case"));
        assert!(collisions(&table[..1]).is_empty());
    }
}
