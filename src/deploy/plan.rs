//! What a deploy sends and deletes, and in which order: plain data in (the output's files, and
//! what the server holds), plain data out.
//!
//! The server holds what its manifest ([`Manifest`], `.warta-deploy.json`) says the earlier
//! deploys sent. Without a manifest (the first deploy, or one a person removed), the server's
//! listing decides: a file of the same size, changed on the server no earlier than here, is
//! taken as sent. Only files a manifest lists are ever deleted.

use super::remote::{RemoteFile, PART};
use crate::render::paths;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::time::SystemTime;

/// The manifest's name, in the site's folder on the server.
pub const MANIFEST: &str = ".warta-deploy.json";

/// The manifest's format; a manifest of another format is not trusted.
const FORMAT: u32 = 1;

/// Every file deploys sent to one server, with the fingerprint of what was sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    /// By path, sorted, so the same site gives the same bytes.
    pub files: BTreeMap<String, Sent>,
    /// Files a deploy set out to send and had not yet recorded as sent when it wrote this: a
    /// deploy stopped part way (killed, a power cut) may have put each on the server, whole or
    /// as its temporary part. The next deploy deletes those the output no longer has, which
    /// were otherwise on no list and stayed on the server for good (found by helper-31, stop
    /// 66: the listings and search files of releases removed after a deploy was killed).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub pending: BTreeSet<String>,
}

/// One file as it was sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sent {
    pub size: u64,
    /// XXH3-128 of the bytes, in hex.
    pub xxh3: String,
}

impl Manifest {
    /// The manifest in a file's bytes, or `None` when it is not one (another format, damaged,
    /// written by something else).
    pub fn parse(bytes: &[u8]) -> Option<Manifest> {
        let m: Manifest = serde_json::from_slice(bytes).ok()?;
        let safe = m.files.keys().chain(&m.pending).all(|p| safe_path(p));
        (m.format == FORMAT && safe).then_some(m)
    }

    /// The manifest's bytes: JSON, one file a line, readable by a person on the server.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = format!("{{\"format\": {FORMAT}, \"files\": {{");
        for (n, (path, sent)) in self.files.iter().enumerate() {
            out.push_str(if n == 0 { "\n" } else { ",\n" });
            // Paths and hex digits: serde_json's string escaping covers any path.
            let path = serde_json::to_string(path).unwrap_or_default();
            out.push_str(&format!(
                "  {path}: {{\"size\": {}, \"xxh3\": \"{}\"}}",
                sent.size, sent.xxh3
            ));
        }
        out.push_str("\n}");
        if !self.pending.is_empty() {
            let pending: Vec<String> =
                self.pending.iter().map(|p| serde_json::to_string(p).unwrap_or_default()).collect();
            out.push_str(&format!(",\n\"pending\": [\n  {}\n]", pending.join(",\n  ")));
        }
        out.push_str("}\n");
        out.into_bytes()
    }
}

/// A file of the output, as the deploy found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalFile {
    /// Relative to the output folder, with `/`.
    pub path: String,
    pub size: u64,
    pub xxh3: String,
    pub modified: Option<SystemTime>,
}

impl LocalFile {
    fn sent(&self) -> Sent {
        Sent { size: self.size, xxh3: self.xxh3.clone() }
    }
}

/// What the server is known to hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Server {
    /// Its manifest, read.
    Manifest(Manifest),
    /// No readable manifest: its listing.
    Listing(Vec<RemoteFile>),
}

/// The order of a deploy, so that the site stays whole while it uploads: a page goes up after
/// the photos and files it shows, a listing after the releases it links, the home page last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    /// Photos, attachments, styles, scripts, icons: what pages show.
    Files,
    /// Release pages, pages, redirects and short links.
    Pages,
    /// Listings, feeds, sitemaps and the search index: what links the pages.
    Listings,
    /// The home page's first page.
    Home,
}

impl Stage {
    pub const ALL: [Stage; 4] = [Stage::Files, Stage::Pages, Stage::Listings, Stage::Home];

    /// The stage of an output path.
    pub fn of(path: &str) -> Stage {
        let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
        match extension {
            _ if path == "index.html" => Stage::Home,
            "html" if paths::is_listing(path) => Stage::Listings,
            "html" => Stage::Pages,
            // Feeds, sitemaps, robots.txt, the search index, social.json, the web manifest.
            "xml" | "json" | "txt" | "webmanifest" => Stage::Listings,
            _ => Stage::Files,
        }
    }
}

/// One file to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    pub path: String,
    pub size: u64,
    pub sent: Sent,
}

/// What a deploy does.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// The files to send, by stage, each stage sorted by path.
    pub uploads: BTreeMap<Stage, Vec<Upload>>,
    /// Files an earlier deploy sent that the output no longer has, sorted; deleted last, but
    /// those of `early`.
    pub deletes: Vec<String>,
    /// The deletes in the way of a file to send, deleted first: a file where a folder of the
    /// output is now (a static file `agenda` made a folder `agenda/`), or a file in a folder
    /// where a file of the output is now. Sorted.
    pub early: Vec<String>,
    /// Files the server already has as they are here.
    pub unchanged: usize,
    /// What the server holds before the deploy: the manifest read, or, from a listing, the
    /// files found already there.
    pub base: Manifest,
    /// Whether the listing decided (there was no readable manifest).
    pub from_listing: bool,
    /// The temporary parts ([`super::remote::temporary_name`]) a stopped deploy may have left
    /// of the files in `deletes` it had set out to send: removed with them, and not counted.
    pub parts: Vec<String>,
}

impl Plan {
    pub fn upload_count(&self) -> usize {
        self.uploads.values().map(Vec::len).sum()
    }

    pub fn upload_bytes(&self) -> u64 {
        self.uploads.values().flatten().map(|u| u.size).sum()
    }

    /// The manifest once every step is done.
    pub fn finished(&self, local: &[LocalFile]) -> Manifest {
        Manifest {
            format: FORMAT,
            files: local.iter().map(|f| (f.path.clone(), f.sent())).collect(),
            pending: BTreeSet::new(),
        }
    }
}

/// Whether a path from a manifest or the output is one a deploy may touch: relative, with `/`,
/// no empty, `.` or `..` part, no backslash or control character, and not the manifest or a
/// temporary upload.
pub fn safe_path(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && path.split('/').all(|part| !part.is_empty() && part != "." && part != "..")
        && !path.contains(|c: char| c == '\\' || c.is_control())
        && path != MANIFEST
        && !path.ends_with(PART)
        && !super::lock::is_lock(path)
}

/// The steps from what the server holds to the output's files.
pub fn plan(local: &[LocalFile], server: &Server) -> Plan {
    let mut plan = Plan::default();
    let base = match server {
        Server::Manifest(m) => m.clone(),
        Server::Listing(listing) => {
            plan.from_listing = true;
            let there: BTreeMap<&str, &RemoteFile> =
                listing.iter().map(|f| (f.path.as_str(), f)).collect();
            let files = local
                .iter()
                .filter(|f| {
                    there.get(f.path.as_str()).is_some_and(|r| {
                        // Same size, and changed there no earlier than here: sent before.
                        // Without a time on either side, the file is sent again.
                        r.size == f.size
                            && matches!((r.modified, f.modified), (Some(r), Some(l)) if r >= l)
                    })
                })
                .map(|f| (f.path.clone(), f.sent()))
                .collect();
            Manifest { format: FORMAT, files, pending: BTreeSet::new() }
        }
    };
    for file in local {
        // A file a stopped deploy set out to send may hold what it sent, not what the record
        // says: sent again (found by helper-31, stop 66: a listing a killed deploy replaced,
        // its release removed before the next, kept the removed release for good).
        let recorded = base.files.get(&file.path) == Some(&file.sent());
        if recorded && !base.pending.contains(&file.path) {
            plan.unchanged += 1;
        } else {
            plan.uploads.entry(Stage::of(&file.path)).or_default().push(Upload {
                path: file.path.clone(),
                size: file.size,
                sent: file.sent(),
            });
        }
    }
    for uploads in plan.uploads.values_mut() {
        uploads.sort_by(|a, b| a.path.cmp(&b.path));
    }
    let here: std::collections::HashSet<&str> = local.iter().map(|f| f.path.as_str()).collect();
    // What an earlier deploy sent, and what one stopped part way may have sent.
    let stale = |p: &&String| !here.contains(p.as_str());
    let pending: Vec<&String> = base.pending.iter().filter(stale).collect();
    let sent = base.files.keys().filter(stale);
    let deletes: BTreeSet<&String> = sent.chain(pending.iter().copied()).collect();
    plan.deletes = deletes.into_iter().cloned().collect();
    plan.parts = pending.iter().map(|p| super::remote::temporary_name(p)).collect();
    let folders: std::collections::HashSet<&str> =
        local.iter().flat_map(|f| ancestors(&f.path)).collect();
    plan.early = plan
        .deletes
        .iter()
        .filter(|d| folders.contains(d.as_str()) || ancestors(d).any(|a| here.contains(a)))
        .cloned()
        .collect();
    plan.base = base;
    plan
}

/// The folders a path is in, deepest first: `a/b/c.html` → `a/b`, `a`.
fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    path.char_indices().rev().filter(|&(_, c)| c == '/').map(move |(i, _)| &path[..i])
}

/// The folders left empty by deleting `deleted`, deepest first, for a tidy server: every
/// parent folder of a deleted file that no file of `kept` is in.
pub fn emptied_folders<'a>(deleted: &'a [String], kept: &[LocalFile]) -> Vec<&'a str> {
    let used: std::collections::HashSet<&str> =
        kept.iter().flat_map(|f| super::remote::parents(&f.path)).collect();
    let mut folders: Vec<&str> = deleted
        .iter()
        .flat_map(|p| super::remote::parents(p))
        .filter(|d| !used.contains(d))
        .collect();
    folders.sort_by(|a, b| b.matches('/').count().cmp(&a.matches('/').count()).then(a.cmp(b)));
    folders.dedup();
    folders
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn local(path: &str, body: &str) -> LocalFile {
        LocalFile {
            path: path.to_string(),
            size: body.len() as u64,
            xxh3: format!("{:032x}", crate::fingerprint::Fp::of_bytes(body.as_bytes()).0),
            modified: Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1_000)),
        }
    }

    fn site() -> Vec<LocalFile> {
        vec![
            local("index.html", "home"),
            local("2023/05/x/index.html", "release"),
            local("2023/05/x/foto.jpg", "jpeg"),
            local("tag/haji/index.html", "tag"),
            local("tag/haji/page/2/index.html", "tag 2"),
            local("page/2/index.html", "home 2"),
            local("feed.xml", "rss"),
            local("sitemap.xml", "urls"),
            local("kontak/index.html", "page"),
            local("css/style.css", "css"),
        ]
    }

    #[test]
    fn a_first_deploy_sends_files_then_pages_then_listings_and_the_home_page_last() {
        let p = plan(&site(), &Server::Manifest(Manifest::default()));
        let order: Vec<(Stage, &str)> = p
            .uploads
            .iter()
            .flat_map(|(s, u)| u.iter().map(move |u| (*s, u.path.as_str())))
            .collect();
        assert_eq!(
            order,
            [
                (Stage::Files, "2023/05/x/foto.jpg"),
                (Stage::Files, "css/style.css"),
                (Stage::Pages, "2023/05/x/index.html"),
                (Stage::Pages, "kontak/index.html"),
                (Stage::Listings, "feed.xml"),
                (Stage::Listings, "page/2/index.html"),
                (Stage::Listings, "sitemap.xml"),
                (Stage::Listings, "tag/haji/index.html"),
                (Stage::Listings, "tag/haji/page/2/index.html"),
                (Stage::Home, "index.html"),
            ]
        );
        assert_eq!((p.unchanged, p.deletes.len()), (0, 0));
    }

    #[test]
    fn only_changed_files_are_sent_and_only_files_a_deploy_sent_are_deleted() {
        let before = site();
        let manifest = plan(&before, &Server::Manifest(Manifest::default())).finished(&before);
        let mut after = before.clone();
        after[1] = local("2023/05/x/index.html", "release, corrected");
        after.retain(|f| f.path != "2023/05/x/foto.jpg");
        after.push(local("2023/06/y/index.html", "new"));
        let p = plan(&after, &Server::Manifest(manifest));
        let sent: Vec<&str> = p.uploads.values().flatten().map(|u| u.path.as_str()).collect();
        assert_eq!(sent, ["2023/05/x/index.html", "2023/06/y/index.html"]);
        assert_eq!(p.deletes, ["2023/05/x/foto.jpg"]);
        assert_eq!(p.unchanged, 8);
    }

    /// Found by helper-26, stop 48: a static file `agenda` made a folder `agenda/` (or the
    /// other way round) failed every deploy after, as the old file was to be deleted only after
    /// every upload, and a folder cannot be made where it is. It is deleted first; other deletes
    /// still come last.
    #[test]
    fn a_file_in_the_way_of_a_folder_and_a_folder_in_the_way_of_a_file_go_first() {
        let mut before = site();
        before.push(local("agenda", "a file"));
        before.push(local("unduhan/a.pdf", "pdf"));
        before.push(local("unduhan/b/c.pdf", "pdf"));
        let manifest = plan(&before, &Server::Manifest(Manifest::default())).finished(&before);
        let mut after = site();
        after.retain(|f| f.path != "css/style.css");
        after.push(local("agenda/index.html", "a folder"));
        after.push(local("unduhan", "a file"));
        let p = plan(&after, &Server::Manifest(manifest));
        assert_eq!(p.deletes, ["agenda", "css/style.css", "unduhan/a.pdf", "unduhan/b/c.pdf"]);
        assert_eq!(p.early, ["agenda", "unduhan/a.pdf", "unduhan/b/c.pdf"]);
        assert_eq!(emptied_folders(&p.early, &after), ["unduhan/b", "unduhan"]);
    }

    #[test]
    fn without_a_manifest_same_size_files_no_older_on_the_server_are_kept_and_nothing_deleted() {
        let files = site();
        let at = |secs| Some(SystemTime::UNIX_EPOCH + Duration::from_secs(secs));
        let listing = vec![
            // Same size, newer there: kept.
            RemoteFile { path: "css/style.css".into(), size: 3, modified: at(2_000) },
            // Same size, older there: sent.
            RemoteFile { path: "feed.xml".into(), size: 3, modified: at(10) },
            // Another size: sent.
            RemoteFile { path: "index.html".into(), size: 99, modified: at(2_000) },
            // No time: sent.
            RemoteFile { path: "sitemap.xml".into(), size: 4, modified: None },
            // Not warta's: never deleted.
            RemoteFile { path: "cgi-bin/form.php".into(), size: 10, modified: None },
        ];
        let p = plan(&files, &Server::Listing(listing));
        assert!(p.from_listing);
        assert_eq!(p.unchanged, 1);
        assert_eq!(p.upload_count(), files.len() - 1);
        assert!(p.deletes.is_empty());
        assert_eq!(p.base.files.keys().collect::<Vec<_>>(), ["css/style.css"]);
    }

    #[test]
    fn a_manifest_round_trips_and_a_hostile_one_is_refused() {
        let files = site();
        let m = plan(&files, &Server::Manifest(Manifest::default())).finished(&files);
        assert_eq!(Manifest::parse(&m.to_bytes()), Some(m.clone()));
        assert_eq!(m.to_bytes(), m.clone().to_bytes(), "the same site gives the same bytes");
        for path in ["../etc/passwd", "/etc/passwd", "a/../../b", "a//b", MANIFEST, "x.warta-part"]
        {
            let json = format!(
                r#"{{"format": 1, "files": {{{}: {{"size": 1, "xxh3": "00"}}}}}}"#,
                serde_json::to_string(path).unwrap_or_default()
            );
            assert_eq!(Manifest::parse(json.as_bytes()), None, "{path}");
        }
        assert_eq!(Manifest::parse(br#"{"format": 2, "files": {}}"#), None);
        assert_eq!(Manifest::parse(b"<html>"), None);
        let pending = r#"{"format": 1, "files": {}, "pending": ["../x"]}"#;
        assert_eq!(Manifest::parse(pending.as_bytes()), None, "a hostile pending path");
    }

    /// A deploy stopped part way (killed) after recording that it set out to send files: each
    /// may be on the server as it sent it, or as a temporary part.
    #[test]
    fn files_a_stopped_deploy_set_out_to_send_are_sent_again_or_deleted_with_their_parts() {
        let files = site();
        let mut m = plan(&files, &Server::Manifest(Manifest::default())).finished(&files);
        m.pending = ["index.html", "2023/05/gone/index.html", "tag/lama/index.html"]
            .map(String::from)
            .into();
        m.files.insert("tag/lama/index.html".into(), local("tag/lama/index.html", "x").sent());
        assert_eq!(Manifest::parse(&m.to_bytes()), Some(m.clone()), "the record round trips");
        let p = plan(&files, &Server::Manifest(m));
        // The home page as recorded, and maybe not as sent: sent again.
        let sent: Vec<&str> = p.uploads.values().flatten().map(|u| u.path.as_str()).collect();
        assert_eq!((sent, p.unchanged), (vec!["index.html"], files.len() - 1));
        assert_eq!(p.deletes, ["2023/05/gone/index.html", "tag/lama/index.html"]);
        assert_eq!(
            p.parts,
            ["2023/05/gone/.index.html.warta-part", "tag/lama/.index.html.warta-part"]
        );
    }

    #[test]
    fn folders_emptied_by_deletes_come_deepest_first_and_used_ones_are_kept() {
        let deleted = vec!["2023/05/x/index.html".to_string(), "2023/05/x/foto.jpg".to_string()];
        let kept = vec![local("2023/06/y/index.html", "y")];
        assert_eq!(emptied_folders(&deleted, &kept), ["2023/05/x", "2023/05"]);
    }
}
