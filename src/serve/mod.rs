//! `warta serve`: a preview while you write. The site is built into memory (never into
//! `public/`, never into the site's folder), served over HTTP on this computer, rebuilt when a
//! source changes, and every open tab reloads itself; a change that breaks the build shows its
//! errors over the page while the last good site stays served.
//!
//! [`site::Builder`] builds, [`http`] answers requests without sockets, [`watch`] reports
//! changes; this module runs them: one thread rebuilding, a few answering requests, one per
//! open tab streaming live-reload events.

pub mod http;
pub mod site;
pub mod watch;

use crate::error::{ContentError, Error, Result};
use crate::BuildOptions;
use site::{Builder, Snapshot};
use std::io::Write;
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::Duration;

/// What `warta serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The address to listen on; loopback unless the user asks otherwise.
    pub bind: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
    pub drafts: bool,
    pub future: bool,
    /// Open the preview in the default browser.
    pub open: bool,
}

/// Threads answering requests (live-reload streams have their own).
const WORKERS: usize = 4;
/// The most open live-reload streams (tabs) at once.
const MAX_CLIENTS: usize = 64;
/// A comment sent on an idle stream, so a closed tab's thread notices and ends.
const KEEPALIVE: Duration = Duration::from_secs(15);

/// What is served now; replaced after every build.
#[derive(Debug, Default)]
struct State {
    site: Option<Arc<Snapshot>>,
    overlay: Option<Arc<str>>,
    generation: u64,
    /// The warnings last printed, so that a rebuild repeats them only when they change.
    warnings: Arc<Vec<ContentError>>,
}

/// Asks Linux to back this process's memory with 4 KB pages only. The allocator asks for
/// transparent huge pages (2 MB, each zeroed whole by the kernel on its first touch), which
/// suit a build that reads its cache and exits, but not the preview, which keeps every page of
/// the site in memory while it makes and frees their parts: at 10,000 releases the kernel's
/// zeroing of fresh pages was 41 % of the first build's CPU. Without huge pages the preview
/// is served after 1.6 s instead of 1.95 s (`benches/serve_start.py`, 9 starts each) and holds
/// 885 MB instead of 1,054, with the same time from a save to the reload (70 and 67 ms,
/// `benches/serve_latency.py`). Elsewhere, or if refused, nothing changes.
fn small_pages() {
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

#[derive(Debug, Default)]
struct Shared {
    state: RwLock<State>,
    /// One sender per open live-reload stream.
    clients: Mutex<Vec<Sender<String>>>,
}

/// Serves the site until the process is stopped (Ctrl-C).
pub fn run(opts: ServeOptions) -> Result<()> {
    small_pages();
    let server = tiny_http::Server::http((opts.bind, opts.port)).map_err(|e| {
        Error::Refused(format!(
            "cannot serve on {}: {e}; is another `warta serve` running? Try --port 0 for any free port",
            socket(opts.bind, opts.port)
        ))
    })?;
    let port = server.server_addr().to_ip().map_or(opts.port, |a| a.port());
    let origin = format!("http://{}", socket(link_host(opts.bind), port));
    // Watch before the first build, so that a save during it is not missed.
    let mut watch = watch::Watch::new(&opts.root)?;
    let mut builder = Builder::new(
        BuildOptions {
            root: opts.root.clone(),
            output: opts.root.join("public"),
            drafts: opts.drafts,
            future: opts.future,
            force: false,
            allow_shrink: false,
            now: None,
            clean: false,
        },
        &origin,
    );
    let first = builder.rebuild();
    let (title, base_path) = match &first {
        Ok(s) => (s.title.clone(), s.base_path.clone()),
        Err(_) => names_of(&opts.root),
    };
    let url = format!("{origin}{base_path}");
    crate::cli::say(&format!("Serving {title} at {url} (Ctrl-C to stop)"));
    if !opts.bind.is_loopback() {
        eprintln!(
            "warning: listening on {}: other computers on the network can see this preview, \
             drafts included",
            socket(opts.bind, port)
        );
    }
    let shared = Arc::new(Shared::default());
    let mut due = first.as_ref().ok().and_then(|s| s.next_due.clone());
    publish(&shared, first, &[]);
    builder.prepare();
    let server = Arc::new(server);
    for _ in 0..WORKERS {
        let (server, shared) = (Arc::clone(&server), Arc::clone(&shared));
        std::thread::Builder::new()
            .name("warta-http".into())
            .spawn(move || {
                while let Ok(request) = server.recv() {
                    handle(&shared, request);
                }
            })
            .map_err(|e| Error::Refused(format!("cannot start the preview's server: {e}")))?;
    }
    if opts.open {
        if let Err(e) = opener::open(&url) {
            eprintln!("warning: could not open a browser ({e}); open {url} yourself");
        }
    }
    // A release scheduled for 10.00 appears at 10.00, one that expires goes, as the site
    // `warta build` makes then: the preview is built again at that moment, the release's file
    // taken as changed (until stop 46 it waited for the next save).
    while let Some(mut changed) = watch.wait(due.as_ref().and_then(|d| instant_of(d.0))) {
        // The moment this build is for, when it is a moment's.
        let mut handled = None;
        if changed.is_empty() {
            if let Some((at, source)) = due.take() {
                (handled, changed) = (Some(at), vec![source]);
            }
        }
        let result = builder.rebuild_after(&changed);
        if let Ok(snapshot) = &result {
            // Never the same moment twice: a build whose clock stands still (SOURCE_DATE_EPOCH)
            // would find it due again at once, for ever.
            due = snapshot.next_due.clone().filter(|d| handled.is_none_or(|h| d.0 > h));
        }
        publish(&shared, result, &changed);
        // Off the path of the next save: a copy of what is served, to update then.
        builder.prepare();
    }
    Ok(())
}

/// The moment of this process's clock at which the wall clock shows `at` (a little after: a
/// build at the very moment must find it passed); `None` beyond what the clock holds.
fn instant_of(at: chrono::DateTime<chrono::Utc>) -> Option<std::time::Instant> {
    let wait = (at - chrono::Utc::now()).to_std().unwrap_or_default();
    std::time::Instant::now().checked_add(wait + std::time::Duration::from_millis(200))
}

/// The title and base path of a site whose first build failed, from its `site.yaml` when that
/// reads (the site is served under the base path once fixed, and the address printed must be
/// the one it will be at); the folder and `/` when it does not.
fn names_of(root: &std::path::Path) -> (String, String) {
    let config = crate::load::site_yaml(root)
        .ok()
        .and_then(|file| crate::config::parse(&file.path, &file.text).ok());
    match config {
        Some(c) => (c.title, c.base_path),
        None => {
            let folder = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
            (format!("the site in {}", folder.display()), "/".to_string())
        }
    }
}

/// `127.0.0.1:1111`, `[::1]:1111`.
fn socket(ip: IpAddr, port: u16) -> String {
    std::net::SocketAddr::new(ip, port).to_string()
}

/// The address links point at: the one listened on, or loopback when that is every address.
fn link_host(bind: IpAddr) -> IpAddr {
    match bind {
        IpAddr::V4(a) if a.is_unspecified() => IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
        IpAddr::V6(a) if a.is_unspecified() => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
        other => other,
    }
}

/// Whether two builds' warnings are the same: most often the very same list
/// ([`site::Snapshot::warnings`]).
fn same_warnings(a: &Arc<Vec<ContentError>>, b: &Arc<Vec<ContentError>>) -> bool {
    Arc::ptr_eq(a, b) || a == b
}

/// The warnings of `now` that `before` did not have, in their order: a rebuild prints only
/// what the save changed, not again every warning of the site (the first build prints them
/// all, as `warta build` does). Called the other way round, the warnings a save fixed.
fn new_warnings<'a>(before: &[ContentError], now: &'a [ContentError]) -> Vec<&'a ContentError> {
    let before: foldhash::HashSet<&ContentError> = before.iter().collect();
    now.iter().filter(|w| !before.contains(w)).collect()
}

/// Prints `warnings`, each after `label`, at most [`crate::cli::MAX_WARNINGS`] of them.
fn print_warnings(label: &str, warnings: &[&ContentError], more: &str) {
    for w in warnings.iter().take(crate::cli::MAX_WARNINGS) {
        eprintln!("{label}: {w}");
    }
    if let Some(n) = warnings.len().checked_sub(crate::cli::MAX_WARNINGS).filter(|&n| n > 0) {
        eprintln!("{label}: … and {n} more{more}");
    }
}

/// Serves a build's result: a good site replaces the last one and every tab reloads; errors
/// are printed, shown over every tab, and the last good site stays.
fn publish(shared: &Shared, result: Result<Snapshot>, changed: &[PathBuf]) {
    let mut state = shared.state.write().unwrap_or_else(PoisonError::into_inner);
    // A change that changes no page (the later writes of an editor's save that straddled the
    // debounce, a file saved unchanged) reloads nothing and says nothing: the pages on screen
    // are the site. Not after an error: the overlay must go.
    if let Ok(s) = &result {
        let same = s.changed == 0 && same_warnings(&s.warnings, &state.warnings);
        if same && state.site.is_some() && state.overlay.is_none() {
            return;
        }
    }
    state.generation += 1;
    let generation = state.generation;
    let message = match result {
        Ok(snapshot) => {
            // The first good build: every file is new, none changed.
            let (built, how) =
                if state.site.is_none() { ("built", "") } else { ("rebuilt", " changed") };
            let what = match changed {
                [] => built.to_string(),
                [one] => format!("{}: {built}", one.display()),
                [one, more @ ..] => format!("{} and {} more: {built}", one.display(), more.len()),
            };
            crate::cli::say(&format!(
                "{what} in {} ms: {} file{}{how}",
                snapshot.elapsed.as_millis(),
                snapshot.changed,
                if snapshot.changed == 1 { "" } else { "s" }
            ));
            if !same_warnings(&snapshot.warnings, &state.warnings) {
                // What the save fixed is said too: a warning that is simply no longer
                // printed leaves the writer unsure whether the fix took.
                let fixed = new_warnings(&snapshot.warnings, &state.warnings);
                print_warnings("fixed", &fixed, "");
                let new = new_warnings(&state.warnings, &snapshot.warnings);
                print_warnings("warning", &new, "; `warta build --all-warnings` lists them");
                state.warnings = Arc::clone(&snapshot.warnings);
            }
            // The last snapshot's files, when no request holds them, are freed aside: 46,000
            // paths at 10,000 releases, under the lock every request waits on.
            crate::drop_later(state.site.replace(Arc::new(snapshot)));
            state.overlay = None;
            http::event("reload", generation, "")
        }
        Err(e) => {
            let report = preview_report(&e, state.site.is_some());
            eprintln!("{report}");
            let overlay = http::overlay(&report);
            let message = http::event("build-error", generation, &overlay);
            state.overlay = Some(overlay.into());
            message
        }
    };
    // Under the state's lock: a stream that starts now sees either the new generation in its
    // greeting or this event.
    let mut clients = shared.clients.lock().unwrap_or_else(PoisonError::into_inner);
    clients.retain(|c| c.send(message.clone()).is_ok());
}

/// A failed build's report as the preview gives it, in the terminal and over every tab:
/// `warta build`'s, but ending in what the preview does about the errors rather than in
/// "nothing was written" (a preview writes nothing in any case). `serving`: whether a good
/// build is being served.
fn preview_report(e: &Error, serving: bool) -> String {
    let Error::Content(errors) = e else {
        return crate::cli::report(e);
    };
    let (it, is) = if errors.len() == 1 { ("it", "is") } else { ("they", "are") };
    let outcome = if serving {
        format!("the preview shows the last good version until {it} {is} fixed")
    } else {
        format!("the preview starts once {it} {is} fixed")
    };
    format!("error: {}", crate::error::list(errors, &outcome))
}

/// Answers one request.
fn handle(shared: &Arc<Shared>, request: tiny_http::Request) {
    if *request.method() == tiny_http::Method::Get && http::path_of(request.url()) == http::EVENTS {
        return events(shared, request);
    }
    let (site, overlay, generation) = {
        let s = shared.state.read().unwrap_or_else(PoisonError::into_inner);
        (s.site.clone(), s.overlay.clone(), s.generation)
    };
    let served = http::Served { site: site.as_deref(), overlay: overlay.as_deref(), generation };
    let reply =
        http::respond(&served, request.method().as_str(), request.url(), |p| std::fs::read(p));
    let headers = reply
        .headers
        .iter()
        .filter_map(|(n, v)| tiny_http::Header::from_bytes(n.as_bytes(), v.as_bytes()).ok())
        .collect();
    let len = reply.body.len();
    let response = tiny_http::Response::new(
        tiny_http::StatusCode(reply.status),
        headers,
        std::io::Cursor::new(reply.body),
        Some(len),
        None,
    )
    // Always a Content-Length (tiny_http would chunk bodies over 32 KiB): HEAD answers carry
    // the length, and the body is in memory anyway.
    .with_chunked_threshold(usize::MAX);
    // A browser that went away mid-answer is not an error of the preview.
    let _ = request.respond(response);
}

/// Starts a live-reload stream: a greeting with the current generation, then every build's
/// event.
fn events(shared: &Arc<Shared>, request: tiny_http::Request) {
    let (tx, rx) = channel();
    {
        let state = shared.state.read().unwrap_or_else(PoisonError::into_inner);
        let mut clients = shared.clients.lock().unwrap_or_else(PoisonError::into_inner);
        if clients.len() >= MAX_CLIENTS {
            // Streams of closed tabs are dropped here, not only at the next build.
            clients.retain(|c| c.send(": ping\n\n".to_string()).is_ok());
        }
        if clients.len() >= MAX_CLIENTS {
            let busy =
                tiny_http::Response::from_string("too many open previews\n").with_status_code(503);
            let _ = request.respond(busy);
            return;
        }
        let hello = state.generation.to_string();
        if tx.send(http::event("hello", state.generation, &hello)).is_ok() {
            clients.push(tx);
        }
    }
    // Where no thread can be started (a process limit), the request is dropped and the
    // browser tries again, as it does when a stream breaks.
    let _ =
        std::thread::Builder::new().name("warta-reload".into()).spawn(move || stream(request, &rx));
}

/// Writes a stream's events until its tab closes or the server stops.
fn stream(request: tiny_http::Request, events: &Receiver<String>) {
    let mut out = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
                Cache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n\n";
    let mut send = |text: &str| out.write_all(text.as_bytes()).and_then(|()| out.flush());
    if send(head).is_err() {
        return;
    }
    loop {
        let text = match events.recv_timeout(KEEPALIVE) {
            Ok(text) => text,
            Err(RecvTimeoutError::Timeout) => ": keepalive\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if send(&text).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_preview_report_says_what_the_preview_does_about_the_errors() {
        let date = ContentError::new("content/2023/05/a.md", "expected a date, got \"15/5/2023\"")
            .at_line(Some(3))
            .field("date");
        let one = Error::content(vec![date.clone()]);
        assert_eq!(
            preview_report(&one, true),
            "error: content/2023/05/a.md:3: field 'date': expected a date, got \"15/5/2023\"\n\
             1 error found; the preview shows the last good version until it is fixed"
        );
        let two = Error::content(vec![date, ContentError::new("site.yaml", "no title")]);
        let report = preview_report(&two, false);
        assert!(report.ends_with("2 errors found; the preview starts once they are fixed"));
        // `warta build` says what it did.
        assert!(crate::cli::report(&one).ends_with("1 error found; nothing was written"));
        // Not a content error: as `warta build` reports it.
        let refused = Error::Refused("cannot watch content/".into());
        assert_eq!(preview_report(&refused, true), crate::cli::report(&refused));
    }
}
