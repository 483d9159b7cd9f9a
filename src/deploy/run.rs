//! Carrying a [`Plan`] out: reading the output (the deploy's load step), sending each stage over
//! a few connections at once, deleting last, and keeping the server's manifest true as it goes,
//! so that a deploy cut short is finished by the next one.

use super::plan::{self, LocalFile, Manifest, Plan, Server, Stage, Upload, MANIFEST};
use super::remote::PART;
use super::{Failure, Remote, RemoteError};
use crate::error::{Error, Result};
use crate::fingerprint::Fp;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Opens a connection to the target.
pub type Connect<'a> = dyn Fn() -> std::result::Result<Box<dyn Remote>, RemoteError> + Sync + 'a;

/// How a deploy runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// Connections open at once.
    pub connections: usize,
    /// List what would be sent and deleted; send nothing.
    pub dry_run: bool,
    /// Tries of each operation: a transient error (a dropped connection, a timeout) opens a
    /// new connection and tries again, waiting `backoff`, then twice as long, and so on.
    pub tries: u32,
    pub backoff: Duration,
    /// During a long stage the manifest on the server is brought up to date once the bytes
    /// sent since it was last written are this many times its size (so that recording costs
    /// at most a tenth of the time), or this long after, whichever comes first.
    pub checkpoint_ratio: u64,
    pub checkpoint_every: Duration,
    /// What the output is called in messages (`public/`).
    pub shown: String,
}

impl Options {
    pub fn new(connections: usize, shown: impl Into<String>) -> Options {
        Options {
            connections: connections.max(1),
            dry_run: false,
            tries: 4,
            backoff: Duration::from_secs(1),
            checkpoint_ratio: 10,
            checkpoint_every: Duration::from_secs(60),
            shown: shown.into(),
        }
    }
}

/// What a deploy did, or with `--dry-run` would do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Files sent (or to send), in the order sent, with their sizes.
    pub sent: Vec<(String, u64)>,
    /// Files deleted (or to delete).
    pub deleted: Vec<String>,
    /// Files the server already had.
    pub unchanged: usize,
    /// There was no manifest on the server: its listing decided what to send, and this many
    /// files found there were kept.
    pub from_listing: bool,
    pub kept_from_listing: usize,
    pub elapsed: Duration,
    /// The most connections the server took at once, when it refused some of those asked for
    /// (a host that allows two per address answers the third "421 Too many connections"): the
    /// deploy went on with those it had.
    pub connections_taken: Option<usize>,
    /// What the deploy did not do though it succeeded: files the server refused to delete.
    pub warnings: Vec<String>,
}

impl Report {
    pub fn bytes(&self) -> u64 {
        self.sent.iter().map(|(_, size)| size).sum()
    }
}

/// Every file of a built output, with its fingerprint: the deploy's only read of the output.
/// `.warta-output` is the build's, not the site's, and is never sent.
pub fn scan(output: &Path, shown: &str) -> Result<Vec<LocalFile>> {
    use rayon::prelude::*;
    if !output.join(crate::write::MARKER).is_file() {
        return Err(Error::Refused(format!(
            "{shown} is not a site built by warta: run `warta build` first, then `warta deploy`"
        )));
    }
    let mut paths = Vec::new();
    let mut refused = Vec::new();
    for entry in walkdir::WalkDir::new(output).min_depth(1).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(output).to_path_buf();
            Error::Io { path, source: e.into() }
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(output).unwrap_or(entry.path());
        let Some(rel) = rel.to_str().map(|r| r.replace(std::path::MAIN_SEPARATOR, "/")) else {
            return Err(Error::Refused(format!(
                "{} has a name that is not UTF-8, which a web host cannot serve reliably",
                entry.path().display()
            )));
        };
        if rel == crate::write::MARKER || rel == MANIFEST || rel.ends_with(PART) {
            continue;
        }
        if !plan::safe_path(&rel) {
            refused.push(rel);
            continue;
        }
        paths.push((rel, entry.into_path()));
    }
    if !refused.is_empty() {
        return Err(Error::Refused(unsendable(shown, &refused)));
    }
    paths
        .into_par_iter()
        .map(|(rel, file)| {
            let bytes = std::fs::read(&file).map_err(Error::io(&file))?;
            let modified = std::fs::metadata(&file).and_then(|m| m.modified()).ok();
            Ok(LocalFile { path: rel, size: bytes.len() as u64, xxh3: hex(&bytes), modified })
        })
        .collect()
}

/// Why the output's files `refused` (relative, not [`plan::safe_path`]) cannot be sent, each
/// named, and what to do: found testing against real servers, where a static file `a\b.txt`
/// (a name Linux allows) was refused by the server without a word of advice.
fn unsendable(shown: &str, refused: &[String]) -> String {
    let mut out = match refused.len() {
        1 => format!("a file of {shown} has a name a web host cannot take:"),
        n => format!("{n} files of {shown} have names a web host cannot take:"),
    };
    for rel in refused {
        let why = if rel.contains('\\') {
            "a backslash"
        } else if rel.contains(char::is_control) {
            "a control character"
        } else {
            "an empty, . or .. part"
        };
        // A line break in a name would break the list.
        let name: String = rel
            .chars()
            .map(|c| if c.is_control() { c.escape_default().to_string() } else { c.to_string() })
            .collect();
        out.push_str(&format!("\n  {shown}{name} ({why})"));
    }
    let (them, they) = if refused.len() == 1 { ("it", "it") } else { ("them", "they") };
    out.push_str(&format!(
        "\nrename {them} where {they} came from (static/ or content/), with no backslash (a \
         folder separator on Windows hosts and many FTP servers) and no control character, \
         then `warta build` and `warta deploy`; nothing was sent"
    ));
    out
}

fn hex(bytes: &[u8]) -> String {
    format!("{:032x}", Fp::of_bytes(bytes).0)
}

/// What the server holds: its manifest, or its listing when it has none, or one that does not
/// read (damaged, from another program), which is said in `warnings`. With `check` (the paths
/// of the output, for `--check-server`), the manifest as the server's listing bears it out
/// ([`checked`]).
pub fn server(
    remote: &mut dyn Remote,
    check: Option<&std::collections::HashSet<&str>>,
    warnings: &mut Vec<String>,
) -> Result<Server, RemoteError> {
    if let Some(bytes) = remote.read(MANIFEST)? {
        if let Some(mut manifest) = Manifest::parse(&bytes) {
            if let Some(output) = check {
                checked(&mut manifest, &remote.list()?, output, warnings);
            }
            return Ok(Server::Manifest(manifest));
        }
        warnings.push(format!(
            "{MANIFEST} on the server does not read as warta's; the server's listing decides \
             what to send, and no file is deleted this time"
        ));
    }
    let mut files = remote.list()?;
    files.retain(|f| plan::safe_path(&f.path));
    Ok(Server::Listing(files))
}

/// `--check-server`: leaves out of `manifest` the files of the `output` that the server's
/// `listing` does not have, or has at another size, so that they are sent again: a file
/// deleted or changed on the server by hand (with the host's file manager) was never sent
/// again, since the record said it was there (found by helper-42, stop 75: a site without its
/// home page and style sheet, and "0 files sent"). One the output no longer has stays in it,
/// to be deleted. A file changed by hand to the same size is not found: the listing gives
/// sizes, not contents.
fn checked(
    manifest: &mut Manifest,
    listing: &[crate::deploy::remote::RemoteFile],
    output: &std::collections::HashSet<&str>,
    warnings: &mut Vec<String>,
) {
    let sizes: std::collections::HashMap<&str, u64> =
        listing.iter().map(|f| (f.path.as_str(), f.size)).collect();
    let mut off: Vec<String> = Vec::new();
    manifest.files.retain(|path, sent| {
        let keep = sizes.get(path.as_str()) == Some(&sent.size) || !output.contains(path.as_str());
        if !keep {
            off.push(path.clone());
        }
        keep
    });
    if let Some(first) = off.first() {
        let more = match off.len() {
            1 => String::new(),
            n => format!(" and {} more", n - 1),
        };
        warnings.push(format!(
            "{first}{more}, sent by an earlier deploy, {} missing on the server or of another \
             size there: sent again",
            if off.len() == 1 { "was" } else { "were" }
        ));
    }
}

/// The manifest as the server now stands, and when it was last written there.
#[derive(Debug)]
struct Record {
    manifest: Manifest,
    /// Bytes sent since the manifest was last written, and its size then.
    since: u64,
    written_size: u64,
    written_at: Instant,
}

/// Why a deploy stopped part way: a file the server refused or a connection lost (told by
/// [`Stop::error`] once what was sent is recorded), or an error here.
#[derive(Debug)]
enum Stop {
    /// `what` (`send`, `delete`) `path` failed on the server.
    Remote {
        what: &'static str,
        path: String,
        error: RemoteError,
    },
    Local(Error),
}

impl Stop {
    /// The error to report; `at` says whether what was sent is recorded on the server.
    fn error(self, at: Stopped) -> Error {
        match self {
            Stop::Remote { what, path, error } => failure(what, &path, &error, at),
            Stop::Local(e) => e,
        }
    }
}

/// The deploy's shared state: the record, the first error, the progress line.
struct Progress<'a> {
    record: Mutex<Record>,
    failed: AtomicBool,
    error: Mutex<Option<Stop>>,
    bar: ProgressBar,
    sent: Mutex<Vec<(String, u64)>>,
    /// Connections of the pool the server refused to open (the deploy goes on without them).
    refused: AtomicUsize,
    opts: &'a Options,
}

/// Carries out `plan` over connections from `connect`; `first` is a connection already open.
pub fn execute(
    output: &Path,
    plan: &Plan,
    local: &[LocalFile],
    first: Box<dyn Remote>,
    connect: &Connect<'_>,
    opts: &Options,
) -> Result<Report> {
    let started = Instant::now();
    let mut report = Report {
        unchanged: plan.unchanged,
        from_listing: plan.from_listing,
        kept_from_listing: if plan.from_listing { plan.base.files.len() } else { 0 },
        deleted: plan.deletes.clone(),
        ..Report::default()
    };
    if opts.dry_run {
        report.sent = plan.uploads.values().flatten().map(|u| (u.path.clone(), u.size)).collect();
        return Ok(report);
    }
    let bar =
        ProgressBar::with_draw_target(Some(plan.upload_bytes()), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template(
        "{spinner} sending: {msg} files, {binary_bytes}/{binary_total_bytes} ({binary_bytes_per_sec}, {eta} left)",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_message(format!("0/{}", plan.upload_count()));
    let finished = plan.finished(local);
    let progress = Progress {
        record: Mutex::new(Record {
            manifest: plan.base.clone(),
            since: 0,
            // As if the manifest had been written as it will be at the end.
            written_size: finished.to_bytes().len() as u64,
            written_at: Instant::now(),
        }),
        failed: AtomicBool::new(false),
        error: Mutex::new(None),
        bar,
        sent: Mutex::new(Vec::new()),
        refused: AtomicUsize::new(0),
        opts,
    };
    let mut pool: Vec<Option<Box<dyn Remote>>> = vec![Some(first)];
    pool.resize_with(opts.connections.max(1), || None);
    let total = plan.upload_count();
    let done = AtomicUsize::new(0);
    // First the files in the way of one to send, and the folders they leave empty where a
    // file goes: else every deploy after a file became a folder (or the other way round)
    // failed to send it, the old one deleted only after every upload.
    let early = Deletes { paths: &plan.early, emptying: &plan.early, refusals: Refusals::Stop };
    if let Err(stop) = delete(&early, local, &mut pool[0], connect, &progress) {
        return Err(stopped(stop, &mut pool[0], connect, &progress));
    }
    // Before the first file goes, the server's record names every file this deploy may put
    // there: should it be stopped part way, the next knows what may be there beside what it
    // recorded as sent, and deletes what the output no longer has.
    if total > 0 {
        if let Ok(mut r) = progress.record.lock() {
            r.manifest.pending.extend(plan.uploads.values().flatten().map(|u| u.path.clone()));
        }
        checkpoint(&mut pool[0], connect, &progress, When::Always)
            .map_err(|e| manifest_error(&e))?;
    }
    for stage in Stage::ALL {
        let Some(uploads) = plan.uploads.get(&stage) else { continue };
        send(output, uploads, &mut pool, connect, &progress, &done, total);
        if let Some(stop) = progress.error.lock().map(|mut e| e.take()).unwrap_or(None) {
            return Err(stopped(stop, &mut pool[0], connect, &progress));
        }
        // Between stages as within them: only when enough was sent, since a manifest of a
        // large site is megabytes, and an edit sends kilobytes.
        checkpoint(&mut pool[0], connect, &progress, When::Due).map_err(|e| manifest_error(&e))?;
    }
    progress.bar.finish_and_clear();
    // Deleted last, when every page that linked them has been replaced.
    let late: Vec<String> =
        plan.deletes.iter().filter(|d| plan.early.binary_search(d).is_err()).cloned().collect();
    // A file the server will not delete (a folder the user may not change, a file made
    // read-only) is no reason to fail a deploy whose site is up to date: found testing against
    // real servers, where it failed every deploy after. It stays in the manifest, so the next
    // deploy tries again, and a warning says what to do.
    // The temporary parts a stopped deploy may have left of files no longer in the output go
    // first, so that the folders they were in can be removed: what is not there is no error.
    for part in &plan.parts {
        let _ = retrying(&mut pool[0], connect, opts, |r| r.remove(part));
    }
    let late = Deletes { paths: &late, emptying: &plan.deletes, refusals: Refusals::Keep };
    let kept = match delete(&late, local, &mut pool[0], connect, &progress) {
        Ok(kept) => kept,
        Err(stop) => return Err(stopped(stop, &mut pool[0], connect, &progress)),
    };
    for (path, e) in &kept {
        report.warnings.push(format!(
            "{path} is no longer in the site, but the server refused to delete it: {e}\n\
             it stays there, and the next deploy tries again: delete it on the server by hand, \
             or give the user warta logs in as (the FTP or SSH user) the right to delete files \
             there"
        ));
    }
    report.deleted.retain(|d| !kept.iter().any(|(k, _)| k == d));
    let mut finished = finished;
    for (path, _) in &kept {
        if let Some(sent) = plan.base.files.get(path) {
            finished.files.insert(path.clone(), sent.clone());
        } else if plan.base.pending.contains(path) {
            finished.pending.insert(path.clone());
        }
    }
    // A deploy with nothing to do leaves the server untouched, unless it has no manifest yet.
    let nothing = total == 0 && plan.deletes.is_empty() && !plan.from_listing;
    if !nothing {
        if let Ok(mut r) = progress.record.lock() {
            r.manifest = finished;
        }
        checkpoint(&mut pool[0], connect, &progress, When::Always)
            .map_err(|e| manifest_error(&e))?;
    }
    let refused = progress.refused.load(Ordering::Relaxed);
    report.connections_taken = (refused > 0).then(|| opts.connections.max(1) - refused);
    report.sent = progress.sent.into_inner().unwrap_or_default();
    report.elapsed = started.elapsed();
    Ok(report)
}

/// Files to delete, and what a refusal does.
struct Deletes<'a> {
    paths: &'a [String],
    /// Deleted before or now: the folders they leave without a file of the output are removed.
    emptying: &'a [String],
    refusals: Refusals,
}

/// What a delete the server refuses for good (not a dropped connection) does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusals {
    /// Stops the deploy: the file is in the way of one to send.
    Stop,
    /// Leaves the file, and the deploy goes on.
    Keep,
}

/// Deletes `deletes.paths` from the server, each taken off the manifest as it goes, then the
/// folders that deleting `deletes.emptying` leaves without a file of `local` (a folder that
/// cannot be removed, not empty or refused, stays: a tidy server is not worth a failed
/// deploy). Returns the files the server refused to delete, with why, when those are kept.
fn delete(
    deletes: &Deletes<'_>,
    local: &[LocalFile],
    connection: &mut Option<Box<dyn Remote>>,
    connect: &Connect<'_>,
    progress: &Progress<'_>,
) -> std::result::Result<Vec<(String, RemoteError)>, Stop> {
    let mut kept = Vec::new();
    for path in deletes.paths {
        match retrying(connection, connect, progress.opts, |r| r.remove(path)) {
            Ok(()) => {
                if let Ok(mut r) = progress.record.lock() {
                    r.manifest.files.remove(path);
                    r.manifest.pending.remove(path);
                }
            }
            Err(error) if !error.is_transient() && deletes.refusals == Refusals::Keep => {
                kept.push((path.clone(), error));
            }
            Err(error) => return Err(Stop::Remote { what: "delete", path: path.clone(), error }),
        }
    }
    for folder in plan::emptied_folders(deletes.emptying, local) {
        let _ = retrying(connection, connect, progress.opts, |r| r.remove_dir(folder));
    }
    Ok(kept)
}

/// The error of a deploy that stopped, told once what was sent is recorded on the server, so
/// that the next deploy sends only the rest.
fn stopped(
    stop: Stop,
    connection: &mut Option<Box<dyn Remote>>,
    connect: &Connect<'_>,
    progress: &Progress<'_>,
) -> Error {
    let recorded = checkpoint(connection, connect, progress, When::Sent).is_ok();
    progress.bar.finish_and_clear();
    let nothing_sent = progress.sent.lock().map(|s| s.is_empty()).unwrap_or(false);
    stop.error(match (recorded, nothing_sent) {
        (true, true) => Stopped::Before,
        (true, false) => Stopped::Recorded,
        (false, _) => Stopped::Unrecorded,
    })
}

/// Sends one stage's files over the pool's connections, each file once.
fn send(
    output: &Path,
    uploads: &[Upload],
    pool: &mut [Option<Box<dyn Remote>>],
    connect: &Connect<'_>,
    progress: &Progress<'_>,
    done: &AtomicUsize,
    total: usize,
) {
    let next = AtomicUsize::new(0);
    let refused = AtomicUsize::new(0);
    let workers = pool.len().min(uploads.len()).max(1);
    std::thread::scope(|scope| {
        for (worker, connection) in pool.iter_mut().take(workers).enumerate() {
            let (next, refused) = (&next, &refused);
            scope.spawn(move || {
                // A connection more than the first that the server will not open (found by
                // helper-26, stop 48: a host allowing two per address failed every deploy of
                // four with "421 Too many connections"): the others send its share.
                if worker > 0 && connection.is_none() {
                    match connect() {
                        Ok(remote) => *connection = Some(remote),
                        Err(_) => {
                            refused.fetch_add(1, Ordering::Relaxed);
                            return;
                        }
                    }
                }
                while !progress.failed.load(Ordering::Relaxed) {
                    let Some(upload) = uploads.get(next.fetch_add(1, Ordering::Relaxed)) else {
                        break;
                    };
                    if let Err(e) = send_one(output, upload, connection, connect, progress) {
                        progress.failed.store(true, Ordering::Relaxed);
                        if let Ok(mut slot) = progress.error.lock() {
                            slot.get_or_insert(e);
                        }
                        break;
                    }
                    let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                    progress.bar.set_message(format!("{n}/{total}"));
                    // One connection keeps the server's manifest up to date.
                    if worker == 0 {
                        let _ = checkpoint(connection, connect, progress, When::Due);
                    }
                }
            });
        }
    });
    progress.refused.fetch_max(refused.into_inner(), Ordering::Relaxed);
}

fn send_one(
    output: &Path,
    upload: &Upload,
    connection: &mut Option<Box<dyn Remote>>,
    connect: &Connect<'_>,
    progress: &Progress<'_>,
) -> std::result::Result<(), Stop> {
    let file = output.join(&upload.path);
    let bytes = std::fs::read(&file).map_err(|e| Stop::Local(Error::io(&file)(e)))?;
    if hex(&bytes) != upload.sent.xxh3 {
        return Err(Stop::Local(Error::Refused(format!(
            "{}{} changed while it was being deployed (a build running?): run `warta deploy` \
             again when the build is done",
            progress.opts.shown, upload.path
        ))));
    }
    retrying(connection, connect, progress.opts, |r| r.put(&upload.path, &bytes))
        .map_err(|error| Stop::Remote { what: "send", path: upload.path.clone(), error })?;
    if let Ok(mut r) = progress.record.lock() {
        r.manifest.files.insert(upload.path.clone(), upload.sent.clone());
        r.manifest.pending.remove(&upload.path);
        r.since += upload.size;
    }
    if let Ok(mut sent) = progress.sent.lock() {
        sent.push((upload.path.clone(), upload.size));
    }
    progress.bar.inc(upload.size);
    Ok(())
}

/// When [`checkpoint`] writes the manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    /// When enough was sent since the last write (see [`Options::checkpoint_ratio`]).
    Due,
    /// When anything was sent since the last write: when the deploy fails.
    Sent,
    /// At the end of the deploy, deletes included.
    Always,
}

/// Writes the manifest as the server now stands, if `when` says so.
fn checkpoint(
    connection: &mut Option<Box<dyn Remote>>,
    connect: &Connect<'_>,
    progress: &Progress<'_>,
    when: When,
) -> std::result::Result<(), RemoteError> {
    let bytes = {
        let Ok(mut r) = progress.record.lock() else { return Ok(()) };
        let opts = progress.opts;
        let due = r.since > 0
            && (r.since >= r.written_size.saturating_mul(opts.checkpoint_ratio)
                || r.written_at.elapsed() >= opts.checkpoint_every);
        let write = match when {
            When::Due => due,
            When::Sent => r.since > 0,
            When::Always => true,
        };
        if !write {
            return Ok(());
        }
        let bytes = r.manifest.to_bytes();
        r.since = 0;
        r.written_size = bytes.len() as u64;
        r.written_at = Instant::now();
        bytes
    };
    retrying(connection, connect, progress.opts, |r| r.put(MANIFEST, &bytes))
}

/// `op` on the connection, opened if need be; a transient error drops the connection and, after
/// a wait that doubles each time, tries again on a new one.
pub fn retrying<T>(
    connection: &mut Option<Box<dyn Remote>>,
    connect: &Connect<'_>,
    opts: &Options,
    mut op: impl FnMut(&mut dyn Remote) -> std::result::Result<T, RemoteError>,
) -> std::result::Result<T, RemoteError> {
    let mut wait = opts.backoff;
    let mut tries = 0;
    loop {
        tries += 1;
        let result = match connection {
            Some(remote) => op(remote.as_mut()),
            None => connect().and_then(|remote| op(connection.insert(remote).as_mut())),
        };
        match result {
            Ok(v) => return Ok(v),
            Err(e) if !e.is_transient() || tries >= opts.tries.max(1) => {
                let mut e = e;
                if tries > 1 {
                    e.message = format!("{} (tried {tries} times)", e.message);
                }
                return Err(e);
            }
            Err(_) => {
                *connection = None;
                std::thread::sleep(wait);
                wait = wait.saturating_mul(2);
            }
        }
    }
}

/// How far a deploy that stopped got, for what [`advice`] says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stopped {
    /// Before it sent anything.
    Before,
    /// Part way, with what was sent recorded on the server.
    Recorded,
    /// Part way, without the record of the last files sent (the manifest could not be written).
    Unrecorded,
}

/// What to do after a deploy stopped on `e`, for the end of its message: run it again after a
/// dropped connection, a timeout or a busy server, as that continues where it stopped; else
/// what would mend the cause, as running it again cannot.
pub fn advice(e: &RemoteError, at: Stopped) -> &'static str {
    match e.failure {
        Failure::Transient => match at {
            Stopped::Before => "nothing was sent: run `warta deploy` again when the server answers",
            Stopped::Recorded => {
                "what was sent is recorded on the server: run `warta deploy` again to continue \
                 where it stopped"
            }
            Stopped::Unrecorded => {
                "run `warta deploy` again to continue where it stopped (the last files sent \
                 could not be recorded on the server, so they are sent again)"
            }
        },
        Failure::Login => {
            "the server refused the login: check the user name, and the password \
             (WARTA_DEPLOY_PASSWORD or ~/.netrc) or key (WARTA_DEPLOY_KEY), with what the host \
             gave you"
        }
        Failure::Space => {
            "the host may be out of space (its disk full, or the account over its quota): free \
             space there (old backups, logs) or ask the host for more; once there is room, \
             `warta deploy` sends the rest"
        }
        Failure::Permission => {
            "the server does not let the user warta logs in as do this: ask the host to give it \
             the right to write and delete in the site's folder, or check `folder:` under \
             deploy: in site.yaml"
        }
        Failure::Name => {
            "the server refuses the file's name: rename the file in the site (letters, digits, \
             - and _ are safe everywhere), then `warta build` and `warta deploy`"
        }
        Failure::Setup => "",
        Failure::Refused => {
            "trying again will not help: ask the host what the server's reply means"
        }
    }
}

/// `message`, then `advice` on a line of its own if there is any.
fn advised(message: String, advice: &str) -> Error {
    if advice.is_empty() {
        Error::Refused(message)
    } else {
        Error::Refused(format!("{message}\n{advice}"))
    }
}

fn failure(what: &str, path: &str, e: &RemoteError, at: Stopped) -> Error {
    advised(format!("could not {what} {path}: {e}"), advice(e, at))
}

fn manifest_error(e: &RemoteError) -> Error {
    advised(
        format!("could not write {MANIFEST} on the server: {e}"),
        advice(e, Stopped::Unrecorded),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `--check-server` sends again what the output has and the server lacks or holds at
    /// another size; what the output no longer has stays recorded, to be deleted.
    #[test]
    fn a_check_of_the_server_leaves_out_of_the_record_what_is_not_there_as_sent() {
        use crate::deploy::plan::Sent;
        use crate::deploy::remote::RemoteFile;
        let sent = |size| Sent { size, xxh3: "00".to_string() };
        let mut manifest = Manifest::default();
        for (path, size) in [("a.html", 3), ("b.html", 5), ("c.css", 7), ("lama.html", 2)] {
            manifest.files.insert(path.to_string(), sent(size));
        }
        let there = |path: &str, size| RemoteFile { path: path.to_string(), size, modified: None };
        let listing = [there("b.html", 5), there("c.css", 8), there("lama.html", 9)];
        let output: std::collections::HashSet<&str> = ["a.html", "b.html", "c.css"].into();
        let mut warnings = Vec::new();
        checked(&mut manifest, &listing, &output, &mut warnings);
        let kept: Vec<&str> = manifest.files.keys().map(String::as_str).collect();
        assert_eq!(kept, ["b.html", "lama.html"]);
        assert_eq!(
            warnings,
            ["a.html and 1 more, sent by an earlier deploy, were missing on the server or of \
              another size there: sent again"]
        );
    }

    #[test]
    fn names_a_deploy_cannot_send_are_listed_each_with_what_to_do() {
        let m = unsendable("public/", &["a\\b.txt".into(), "unduhan/x\ny.pdf".into()]);
        assert_eq!(
            m,
            "2 files of public/ have names a web host cannot take:\n  \
             public/a\\b.txt (a backslash)\n  \
             public/unduhan/x\\ny.pdf (a control character)\n\
             rename them where they came from (static/ or content/), with no backslash (a \
             folder separator on Windows hosts and many FTP servers) and no control character, \
             then `warta build` and `warta deploy`; nothing was sent"
        );
    }

    /// Found testing against real servers: every failure ended "run `warta deploy` again", a
    /// refused login, a full disk and a refused permission too, which running it again cannot
    /// mend.
    #[test]
    fn only_a_transient_failure_says_to_run_the_deploy_again() {
        let again = "run `warta deploy` again";
        for at in [Stopped::Before, Stopped::Recorded, Stopped::Unrecorded] {
            let said = advice(&RemoteError::transient("421 Too many connections"), at);
            assert!(said.contains(again), "{said}");
        }
        let said = advice(&RemoteError::transient("x"), Stopped::Recorded);
        assert!(said.contains("continue where it stopped"), "{said}");
        for (failure, says) in [
            (Failure::Login, "check the user name, and the password"),
            (Failure::Space, "free space there"),
            (Failure::Permission, "ask the host to give it the right to write"),
            (Failure::Name, "rename the file"),
            (Failure::Refused, "ask the host"),
        ] {
            let said = advice(&RemoteError::new(failure, "refused"), Stopped::Recorded);
            assert!(said.contains(says) && !said.contains(again), "{failure:?}: {said}");
        }
        // A message that says what to change is left as it is.
        assert_eq!(advice(&RemoteError::setup("no password"), Stopped::Before), "");
        let e = failure(
            "send",
            "a.html",
            &RemoteError::new(Failure::Space, "552 Full"),
            Stopped::Recorded,
        );
        assert!(e.to_string().starts_with("could not send a.html: 552 Full\nthe host may be"));
    }
}
