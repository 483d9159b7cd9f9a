//! `warta serve`, as a writer uses it: the real binary on a free loopback port, pages fetched
//! with raw HTTP/1.1 requests (raw, so that traversal paths reach the server as written),
//! sources edited, renamed and deleted under it, the live-reload stream read as a browser would.

use crate::support::Site;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long anything may take before the test fails.
const TIMEOUT: Duration = Duration::from_secs(20);
const POLL: Duration = Duration::from_millis(50);

/// A running `warta serve`, killed when the test ends, passed or not.
struct Server {
    child: Child,
    port: u16,
    /// Everything it printed on standard error so far.
    stderr: Arc<Mutex<String>>,
    /// Its standard output after the first line.
    stdout: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `warta serve --port 0` on the site and reads the port from its first line.
fn serve(root: &Path) -> Server {
    serve_at(root, "Humas Kanwil Uji", "/")
}

/// [`serve`], for a site its first line names `title`, served under `base`.
fn serve_at(root: &Path, title: &str, base: &str) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start warta serve");
    let stdout = Arc::new(Mutex::new(String::new()));
    let stderr = Arc::new(Mutex::new(String::new()));
    let (first_tx, first_rx) = channel();
    let out = child.stdout.take().expect("piped stdout");
    let collected = Arc::clone(&stdout);
    std::thread::spawn(move || {
        let mut lines = BufReader::new(out).lines();
        if let Some(Ok(line)) = lines.next() {
            let _ = first_tx.send(line);
        }
        for line in lines.map_while(Result::ok) {
            collected.lock().expect("lock").push_str(&(line + "\n"));
        }
    });
    let err = child.stderr.take().expect("piped stderr");
    let collected = Arc::clone(&stderr);
    std::thread::spawn(move || {
        for line in BufReader::new(err).lines().map_while(Result::ok) {
            collected.lock().expect("lock").push_str(&(line + "\n"));
        }
    });
    let mut server = Server { child, port: 0, stderr, stdout };
    let first = first_line(&first_rx, &server);
    let rest = first
        .strip_prefix(&format!("Serving {title} at http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("unexpected first line: {first}"));
    let (port, tail) = rest.split_at(rest.find('/').expect("a port, then /"));
    assert_eq!(tail, format!("{base} (Ctrl-C to stop)"));
    server.port = port.parse().expect("a port number");
    server
}

fn first_line(rx: &Receiver<String>, server: &Server) -> String {
    rx.recv_timeout(TIMEOUT).unwrap_or_else(|_| {
        panic!(
            "warta serve printed no first line; stderr:\n{}",
            server.stderr.lock().expect("lock")
        )
    })
}

/// A response, read whole.
#[derive(Debug)]
struct Response {
    status: u16,
    /// Lowercased names.
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

impl Server {
    /// How many rebuilds serve has reported: it prints a line for each on stdout
    /// (`…manasik-haji.md: rebuilt in 12 ms: …`).
    fn rebuilds(&self) -> usize {
        self.stdout.lock().expect("lock").matches(": rebuilt in").count()
    }

    fn base(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// Sends a raw request for `target` (sent exactly as given) and reads the response.
    fn request(&self, method: &str, target: &str) -> Response {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        s.set_read_timeout(Some(TIMEOUT)).expect("timeout");
        write!(s, "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            .expect("send the request");
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).expect("read the response");
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").expect("a response head");
        let mut lines = head.split("\r\n");
        let status = lines.next().and_then(|l| l.split(' ').nth(1)).expect("a status line");
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Response { status: status.parse().expect("a status"), headers, body: body.to_string() }
    }

    fn get(&self, target: &str) -> Response {
        self.request("GET", target)
    }

    /// Fetches `target` every 50 ms until `ok` holds for the response.
    fn poll(&self, target: &str, what: &str, ok: impl Fn(&Response) -> bool) -> Response {
        let start = Instant::now();
        loop {
            let r = self.get(target);
            if ok(&r) {
                return r;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "{target}: {what} never happened; last response {} {}\nstderr:\n{}",
                r.status,
                r.body,
                self.stderr.lock().expect("lock")
            );
            std::thread::sleep(POLL);
        }
    }
}

impl Server {
    /// What the server printed on standard error, once it holds `what`: a reader thread
    /// collects it, and the server may print after it serves what the test saw first.
    fn stderr_until(&self, what: &str) -> String {
        until(&self.stderr, what)
    }

    /// Its standard output after the first line, once it holds `what` (or the timeout is up).
    fn stdout_until(&self, what: &str) -> String {
        until(&self.stdout, what)
    }
}

/// What `printed` holds once it holds `what`, or when the timeout is up.
fn until(printed: &Mutex<String>, what: &str) -> String {
    let start = Instant::now();
    loop {
        let text = printed.lock().expect("lock").clone();
        if text.contains(what) || start.elapsed() >= TIMEOUT {
            return text;
        }
        std::thread::sleep(POLL);
    }
}

/// Replaces a file the way many editors save: a temporary file renamed over it.
fn save(site: &Site, rel: &str, text: &str) {
    let path = site.root().join(rel);
    let tmp = path.with_extension("md.tmp");
    std::fs::write(&tmp, text).expect("write the temporary file");
    std::fs::rename(&tmp, &path).expect("rename it over the file");
}

fn read(site: &Site, rel: &str) -> String {
    std::fs::read_to_string(site.root().join(rel)).expect("read a source")
}

const NEWEST: &str = "content/2024/01/hari-amal-bakti.md";

#[test]
fn serve_answers_pages_with_the_reload_script_and_local_links() {
    let site = Site::fixture("build/basic");
    let server = serve(site.root());
    let base = server.base();

    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(home.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(home.body.contains("<script src=\"/__warta/reload.js\""), "{}", home.body);
    assert!(home.body.contains("Upacara Hari Amal Bakti ke-78"));
    assert!(
        home.body.contains(&format!("<link rel=\"canonical\" href=\"{base}\"")),
        "{}",
        home.body
    );
    assert!(
        !home.body.contains("https://example.go.id/"),
        "a link to the real site:\n{}",
        home.body
    );

    let release = server.get("/2024/01/hari-amal-bakti/");
    assert_eq!(release.status, 200);
    assert!(release.body.contains("/__warta/reload.js"));
    assert!(release.body.contains(&format!("{base}2024/01/hari-amal-bakti/")));
    let head = server.request("HEAD", "/2024/01/hari-amal-bakti/");
    assert_eq!((head.status, head.body.as_str()), (200, ""));
    assert_eq!(head.header("content-length"), Some(release.body.len().to_string().as_str()));

    let feed = server.get("/feed.xml");
    assert_eq!(feed.header("content-type"), Some("application/xml; charset=utf-8"));
    assert!(feed.body.contains(&format!("{base}2024/01/hari-amal-bakti/")));
    assert!(!feed.body.contains("reload.js"));
    let photo = server.get("/2023/05/workshop-media-sosial/foto-640.webp");
    assert_eq!((photo.status, photo.header("content-type")), (200, Some("image/webp")));
    assert!(photo.body.starts_with("RIFF"), "the made file, from the photo cache");
    let card = server.get("/2023/05/manasik-haji/social-1200x630.jpg");
    assert_eq!((card.status, card.header("content-type")), (200, Some("image/jpeg")));
    let script = server.get("/__warta/reload.js");
    assert_eq!(script.header("content-type"), Some("text/javascript; charset=utf-8"));

    let folder = server.get("/2024/01/hari-amal-bakti");
    assert_eq!(
        (folder.status, folder.header("location")),
        (301, Some("/2024/01/hari-amal-bakti/"))
    );

    let missing = server.get("/2024/01/tidak-ada/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("class=\"not-found\""),
        "the theme's 404 page:\n{}",
        missing.body
    );
    assert!(missing.body.contains("/__warta/reload.js"));

    for target in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/..%2fsite.yaml",
        "/%2e%2e%2f%2e%2e%2fetc/passwd",
        "/2024/01/hari-amal-bakti/..%2f..%2f..%2fsite.yaml",
        "/content/2024/01/hari-amal-bakti.md",
    ] {
        let r = server.get(target);
        assert_eq!(r.status, 404, "{target}");
        assert!(!r.body.contains("base_url"), "{target} leaked site.yaml");
    }
    assert_eq!(server.request("POST", "/").status, 405);
    assert!(!site.public().exists(), "serve created public/");
}

#[test]
fn an_edit_a_rename_and_a_delete_are_served() {
    let site = Site::fixture("build/basic");
    let server = serve(site.root());

    // An edit, saved as a temporary file renamed over the release.
    let text = read(&site, NEWEST).replace("Upacara Hari Amal Bakti ke-78", "Upacara HAB Diubah");
    save(&site, NEWEST, &text);
    server.poll("/2024/01/hari-amal-bakti/", "the new title", |r| {
        r.body.contains("Upacara HAB Diubah")
    });
    assert!(server.get("/").body.contains("Upacara HAB Diubah"));

    // A rename: the old URL is gone from the site, its listings and feeds; the new one is there.
    std::fs::rename(site.root().join(NEWEST), site.root().join("content/2024/01/upacara-hab.md"))
        .expect("rename the release");
    server.poll("/2024/01/upacara-hab/", "the renamed release", |r| r.status == 200);
    assert_eq!(server.get("/2024/01/hari-amal-bakti/").status, 404);
    let home = server.get("/");
    assert!(home.body.contains("/2024/01/upacara-hab/"));
    assert!(!home.body.contains("/2024/01/hari-amal-bakti/"));
    let feed = server.get("/feed.xml").body;
    assert!(feed.contains("/2024/01/upacara-hab/") && !feed.contains("hari-amal-bakti/"), "{feed}");

    // A delete: the release leaves every listing and feed.
    assert!(home.body.contains("/2023/06/zakat-asn/"));
    std::fs::remove_file(site.root().join("content/2023/06/zakat-asn.md")).expect("delete");
    server.poll("/2023/06/zakat-asn/", "the deleted release's 404", |r| r.status == 404);
    assert!(!server.get("/").body.contains("zakat-asn"));
    assert!(!server.get("/feed.xml").body.contains("zakat-asn"));
    assert!(!server.get("/tag/zakat/").body.contains("zakat-asn/"));
    assert!(server.stdout.lock().expect("lock").contains("rebuilt in "));
    assert!(!site.public().exists(), "serve created public/");
}

/// A live-reload stream, read as it arrives.
struct Stream {
    socket: TcpStream,
    seen: String,
}

impl Stream {
    fn open(server: &Server) -> Stream {
        let mut socket = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
        socket.set_read_timeout(Some(POLL)).expect("timeout");
        socket
            .write_all(b"GET /__warta/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
            .expect("send the request");
        Stream { socket, seen: String::new() }
    }

    /// Reads what arrives for `wait`, keeping it with what was read and not consumed yet.
    fn gather(&mut self, wait: Duration) -> &str {
        let start = Instant::now();
        while start.elapsed() < wait && self.read_some() {}
        &self.seen
    }

    /// Adds to `seen` what one read of the socket brings (nothing after [`POLL`]); false once
    /// the stream has closed.
    fn read_some(&mut self) -> bool {
        let mut buf = [0u8; 4096];
        match self.socket.read(&mut buf) {
            Ok(0) => false,
            Ok(n) => {
                self.seen.push_str(&String::from_utf8_lossy(&buf[..n]));
                true
            }
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                true
            }
            Err(e) => panic!("reading the stream: {e}"),
        }
    }

    /// Reads until the stream has shown `marker` (after what was already consumed) and returns
    /// what came up to and including the event holding it.
    fn until(&mut self, marker: &str) -> String {
        let start = Instant::now();
        loop {
            if let Some(at) = self.seen.find(marker) {
                let end = self.seen[at..].find("\n\n").map_or(self.seen.len(), |e| at + e + 2);
                let taken: String = self.seen.drain(..end).collect();
                return taken;
            }
            assert!(start.elapsed() < TIMEOUT, "no {marker:?} on the stream; got:\n{}", self.seen);
            assert!(self.read_some(), "the stream closed; got:\n{}", self.seen);
        }
    }
}

#[test]
fn the_reload_event_arrives_after_an_edit_and_a_broken_file_shows_an_overlay_until_fixed() {
    let site = Site::fixture("build/basic");
    let server = serve(site.root());
    let mut events = Stream::open(&server);
    let head = events.until("event: hello");
    assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
    assert!(head.to_ascii_lowercase().contains("content-type: text/event-stream"), "{head}");

    let manasik = "content/2023/05/manasik-haji.md";
    let good = read(&site, manasik).replace("Manasik Haji Terpadu", "Manasik Haji Baru");
    save(&site, manasik, &good);
    events.until("event: reload");
    assert!(server.get("/2023/05/manasik-haji/").body.contains("Manasik Haji Baru"));

    // Broken front matter: the error in the stream, on stderr and over every page, while the
    // last good pages stay served.
    let broken = good.replace("date: 2023-05-20", "date: 15/5/2023");
    assert_ne!(broken, good);
    save(&site, manasik, &broken);
    let error = events.until("event: build-error");
    assert!(
        error.contains("content/2023/05/manasik-haji.md:3: field &#39;date&#39;: expected a date"),
        "{error}"
    );
    assert!(error.contains("15/5/2023"), "{error}");
    let page = server
        .poll("/2023/05/manasik-haji/", "the overlay", |r| r.body.contains("id=\"warta-overlay\""));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Manasik Haji Baru"), "the last good page is still served");
    assert!(page.body.contains("manasik-haji.md:3: field &#39;date&#39;"), "{}", page.body);
    assert!(server.get("/").body.contains("id=\"warta-overlay\""));
    assert!(page.body.contains("the preview shows the last good version"), "{}", page.body);
    let expected = "content/2023/05/manasik-haji.md:3: field 'date': expected";
    let stderr = server.stderr_until(expected);
    assert!(stderr.contains(expected), "{stderr}");
    let said = "1 error found; the preview shows the last good version until it is fixed";
    assert!(server.stderr_until(said).contains(said));

    // Fixed, back to the last good text (so no page differs from the last good site): a
    // reload all the same, and no overlay.
    save(&site, manasik, &good);
    events.until("event: reload");
    let page = server.get("/2023/05/manasik-haji/");
    assert!(!page.body.contains("warta-overlay"), "{}", page.body);
    assert!(page.body.contains("Manasik Haji Baru"));
    assert!(!site.public().exists(), "serve created public/");
}

/// Stop 57: a file that cannot be read is reported with the other files' errors, in serve as
/// in a build; mending it, the overlay keeps the error left, and clears with it.
#[test]
fn a_file_of_two_encodings_is_named_with_the_other_errors_until_each_is_fixed() {
    let site = Site::fixture("build/basic");
    let server = serve(site.root());
    let mut events = Stream::open(&server);
    events.until("event: hello");
    let manasik = "content/2023/05/manasik-haji.md";
    let good = read(&site, manasik);
    let mut mixed = good.clone().into_bytes();
    // UTF-8 ("é") and a Windows-1252 quote ("\x93") in one file.
    mixed.extend("\nKafé.\n".as_bytes());
    mixed.extend(b"Kutipan \x93kata\x94.\n");
    let path = site.root().join(manasik);
    std::fs::write(path.with_extension("md.tmp"), &mixed).expect("write");
    std::fs::rename(path.with_extension("md.tmp"), &path).expect("rename");
    events.until("event: build-error");
    save(&site, NEWEST, &read(&site, NEWEST).replacen("title: ", "title: Judul: ", 1));
    let error = events.until("event: build-error");
    assert!(error.contains("manasik-haji.md"), "{error}");
    assert!(error.contains("hari-amal-bakti.md"), "{error}");
    save(&site, manasik, &good);
    let error = events.until("event: build-error");
    assert!(!error.contains("manasik-haji.md"), "{error}");
    assert!(error.contains("hari-amal-bakti.md"), "{error}");
    save(&site, NEWEST, &read(&site, NEWEST).replacen("title: Judul: ", "title: ", 1));
    events.until("event: reload");
    let page = server.get("/2023/05/manasik-haji/");
    assert!(!page.body.contains("warta-overlay"), "{}", page.body);
}

#[test]
fn a_site_that_does_not_build_at_first_is_served_once_fixed_where_it_said() {
    // Under a base path: the address printed first is where the site is served once fixed.
    let site = Site::fixture("base_url/sub_path");
    let release = "content/2023/05/rapat-koordinasi.md";
    let good = read(&site, release);
    let broken = good.replacen("date: 2023-05-", "date: 15/5/2023 ", 1);
    assert_ne!(broken, good);
    save(&site, release, &broken);
    // The title is site.yaml's, which reads.
    let server = serve_at(site.root(), "Humas Kanwil Uji", "/humas/");
    let said = "1 error found; the preview starts once it is fixed";
    let stderr = server.stderr_until(said);
    assert!(stderr.contains(said), "{stderr}");
    assert!(stderr.contains("rapat-koordinasi.md:3: field 'date'"), "{stderr}");
    let page = server.get("/humas/");
    assert!(page.body.contains("id=\"warta-overlay\""), "{}", page.body);

    save(&site, release, &good);
    let page = server.poll("/humas/2023/05/rapat-koordinasi/", "the page", |r| r.status == 200);
    // Its first good build: files, none of them "changed".
    let said = server.stdout_until("rapat-koordinasi.md: built in ");
    assert!(said.contains("rapat-koordinasi.md: built in "), "{said}");
    assert!(!said.contains("changed"), "{said}");
    assert!(!page.body.contains("warta-overlay"), "{}", page.body);
    assert!(!site.public().exists(), "serve created public/");
    drop(server);

    // A site.yaml that does not read: the site is named by its folder.
    site.write("site.yaml", "title: [Humas\n");
    let folder = std::path::absolute(site.root()).expect("an absolute path");
    let server = serve_at(site.root(), &format!("the site in {}", folder.display()), "/");
    let stderr = server.stderr_until("site.yaml");
    assert!(stderr.contains("site.yaml"), "{stderr}");
}

#[test]
fn a_file_saved_unchanged_reloads_nothing() {
    let site = Site::fixture("build/basic");
    let server = serve(site.root());
    let mut events = Stream::open(&server);
    events.until("event: hello");
    let before = server.rebuilds();
    let zakat = "content/2023/06/zakat-asn.md";
    save(&site, zakat, &read(&site, zakat));
    let after = events.gather(Duration::from_millis(800)).to_string();
    assert!(!after.contains("event: reload"), "{after}");
    assert_eq!(server.rebuilds(), before, "{}", server.stdout.lock().expect("lock"));
    // A real change still reloads.
    save(&site, zakat, &read(&site, zakat).replace("Zakat", "Zakat Profesi"));
    events.until("event: reload");
    // The line is printed before the event is sent, but read from the pipe by another thread.
    let deadline = std::time::Instant::now() + TIMEOUT;
    while server.rebuilds() == before && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(server.rebuilds(), before + 1);
}

/// A save prints the warnings it brought, not every warning of the site again: until stop 46,
/// a site of imported releases with typed initials repeated twenty warnings at every save.
#[test]
fn a_rebuild_prints_only_the_warnings_it_brought() {
    let site = Site::fixture("build/basic");
    let server = serve(site.root());
    let mut events = Stream::open(&server);
    events.until("event: hello");
    let zakat = "content/2023/06/zakat-asn.md";
    save(&site, zakat, &read(&site, zakat).replace("penghasilan.", "penghasilan. (ma/sn)"));
    let first = "zakat-asn.md:9: the body ends with the writer's initials \"(ma/sn)\"";
    assert!(server.stderr_until(first).contains(first));
    let manasik = "content/2023/05/manasik-haji.md";
    let text = read(&site, manasik);
    let last = text.trim_end().len();
    save(&site, manasik, &format!("{}(sn)\n", &text[..last]));
    let second = "manasik-haji.md:12: the body ends with the initials \"(sn)\"";
    let stderr = server.stderr_until(second);
    assert!(stderr.contains(second), "{stderr}");
    assert_eq!(stderr.matches(first).count(), 1, "{stderr}");
}

/// A save that fixes what a warning said is told so: until stop 49 the warning was simply not
/// printed again, and the writer could not tell a fix that took from a save that was missed.
#[test]
fn a_rebuild_says_which_warnings_it_fixed() {
    let site = Site::fixture("build/basic");
    let server = serve(site.root());
    let mut events = Stream::open(&server);
    events.until("event: hello");
    let zakat = "content/2023/06/zakat-asn.md";
    let good = read(&site, zakat);
    save(&site, zakat, &good.replace("penghasilan.", "penghasilan. (ma/sn)"));
    let warned = "zakat-asn.md:9: the body ends with the writer's initials \"(ma/sn)\"";
    assert!(server.stderr_until(warned).contains(&format!("warning: content/2023/06/{warned}")));
    save(&site, zakat, &good);
    let fixed = format!("fixed: content/2023/06/{warned}");
    let stderr = server.stderr_until(&fixed);
    assert!(stderr.contains(&fixed), "{stderr}");
    assert_eq!(stderr.matches(warned).count(), 2, "warned once, fixed once: {stderr}");
}

/// A release scheduled for a moment a few seconds away appears then, and one that expires then
/// goes, with no save in between: until stop 46 the preview waited for the next save, and
/// showed the office a site other than the one `warta build` would make at that moment.
#[test]
fn a_release_appears_and_another_goes_when_their_moment_comes() {
    let site = Site::fixture("build/basic");
    let at = (chrono::Utc::now() + chrono::Duration::seconds(4)).format("%Y-%m-%dT%H:%M:%S+00:00");
    let front = |title: &str, extra: &str| {
        format!("---\ntitle: {title}\n{extra}author: sn\nunit: kanwil-bali\n---\n\nIsi rilis.\n")
    };
    // Its page's address follows its date: the home page lists it.
    site.write("content/2024/01/terjadwal.md", &front("Terjadwal", &format!("date: {at}\n")));
    let expiring = format!("date: 2024-01-03\nexpires: {at}\n");
    site.write("content/2024/01/berakhir.md", &front("Berakhir", &expiring));
    let server = serve(site.root());
    assert!(!server.get("/").body.contains("Terjadwal"));
    assert_eq!(server.get("/2024/01/berakhir/").status, 200);
    server.poll("/", "the publication", |r| r.body.contains("Terjadwal"));
    server.poll("/2024/01/berakhir/", "the expiry", |r| r.status == 404);
}

#[test]
fn a_burst_of_saves_causes_one_rebuild() {
    let site = Site::fixture("build/basic");
    let server = serve(site.root());
    let mut events = Stream::open(&server);
    events.until("event: hello");
    let before = server.rebuilds();
    // What an editor does on save: a temporary file renamed over the release, then the file
    // written again twice (an editor that saves a backup, a formatter on save).
    let manasik = "content/2023/05/manasik-haji.md";
    let good = read(&site, manasik);
    let edited = good.replace("Manasik Haji Terpadu", "Manasik Haji Sekali");
    save(&site, manasik, &edited);
    site.write(manasik, &edited);
    site.write(manasik, &edited);
    events.until("event: reload");
    // Long past the debounce (30 ms): no second rebuild is reported and no second reload
    // follows. (A test slowed down by the others can space its writes wider than the debounce;
    // the build of the later writes then finds nothing changed, and says nothing.)
    let after = events.gather(Duration::from_millis(1500)).to_string();
    assert!(!after.contains("event: reload"), "a second reload: {after}");
    assert_eq!(server.rebuilds() - before, 1, "{}", server.stdout.lock().expect("lock"));
}

/// Regression: the QR code on a drawn card pointed at the preview's own address, so `warta
/// serve` drew every release's card again (two minutes at 10,000 releases) and the next `warta
/// build` pruned those and drew its own again. The preview's card is the published one.
#[test]
fn the_preview_shows_the_published_cards_from_the_shared_photo_cache() {
    use warta::load::Origin;
    use warta::render::Body;
    let site = Site::fixture("build/basic");
    site.build().expect("build");
    let cache = warta::write::cache_path(site.root(), &site.public()).expect("cache path");
    let photos = || crate::support::tree(&cache.join("photos")).into_keys().collect::<Vec<_>>();
    let cached = photos();
    let mut builder = warta::serve::site::Builder::new(
        crate::support::options(site.root(), &site.public()),
        "http://127.0.0.1:1111",
    );
    let snapshot = builder.rebuild().expect("serve build");
    let card = "2023/05/manasik-haji/social-1200x630.jpg";
    let Body::Copy(asset) = &*snapshot.files[card] else { panic!("{card} is not a made file") };
    let Origin::Made(path) = &asset.origin else { panic!("{card} is not in the photo cache") };
    let served = std::fs::read(path).expect("the cached card");
    assert!(served == std::fs::read(site.public().join(card)).expect("the built card"));
    assert_eq!(photos(), cached, "serve made files the build had made");
}

/// After a save that moves no release, serve updates its model of the site in place instead of
/// assembling it anew; but a title can decide a release's identity (the ledger recognises a
/// release by its title when its file and path are new), and then the site is assembled anew.
/// Either way it serves what a fresh build of the same files serves.
#[test]
fn serve_updates_a_retitled_release_in_place_only_when_no_identity_follows_the_title() {
    use crate::support::{generated_site, options, release_md};
    use warta::serve::site::Builder;
    let site = generated_site(4);
    site.build().expect("build");
    // The ledger remembers `Rilis Nomor 03`, whose file is then deleted; `baru.md` is new.
    std::fs::remove_file(site.root().join("content/2023/01/rilis-03.md")).expect("delete");
    let baru = "content/2023/01/baru.md";
    site.write(baru, &release_md("Rilis Baru", "2023-01-20", "kanwil-bali", "sn", &["haji"]));
    let builder = || Builder::new(options(site.root(), &site.public()), "http://127.0.0.1:1111");
    let mut serving = builder();
    serving.rebuild().expect("first serve build");
    let mut retitle = |path: &str, title: &str, date: &str| {
        site.write(path, &release_md(title, date, "kanwil-bali", "sn", &["haji"]));
        let snapshot = serving.rebuild_after(&[path.into()]).expect("serve build");
        let fresh = builder().rebuild().expect("fresh serve build");
        assert!(snapshot.files == fresh.files, "{path} titled {title:?}: not a fresh build");
        let feed = fresh.files["feed.xml"].clone();
        let warta::render::Body::Bytes(feed) = &*feed else { panic!("feed.xml is not rendered") };
        (snapshot.in_place, String::from_utf8_lossy(feed).into_owned())
    };
    // A title the ledger does not know: in place.
    let (in_place, _) = retitle(baru, "Rilis Baru Sekali", "2023-01-20");
    assert!(in_place, "a title no identity follows");
    // The title of the deleted release: the new one is recognised as it and takes its guid.
    let (in_place, feed) = retitle(baru, "Rilis Nomor 03", "2023-01-20");
    assert!(!in_place, "a title that gives the release another identity");
    assert!(feed.contains("example.go.id,2023-01-04:rilis-03</guid>"), "{feed}");
    // A release the ledger remembers at its file keeps its identity whatever its title.
    let (in_place, _) = retitle("content/2023/01/rilis-00.md", "Rilis Nomor Nol", "2023-01-01");
    assert!(in_place, "a release recognised by its file");
}

/// Regression: a retitled release whose old or new title another release of the site has was
/// always assembled anew (a second at 100,000 releases, where generated titles repeat), even
/// when the ledger recognised every release by its file, so that no title decides an identity.
/// Now only a build in which some release was not recognised by its id, file or URL looks at
/// titles.
#[test]
fn serve_updates_a_release_in_place_when_every_release_is_recognised_by_its_file() {
    use crate::support::{generated_site, options, release_md};
    use warta::serve::site::Builder;
    let site = generated_site(4);
    // Two releases with one title, as offices give a yearly event.
    let rapat = |i: usize| format!("content/2023/01/rilis-0{i}.md");
    let date = |i: usize| format!("2023-01-0{}", i + 1);
    for i in [1, 2] {
        site.write(
            &rapat(i),
            &release_md("Rapat Koordinasi", &date(i), "kanwil-bali", "sn", &["haji"]),
        );
    }
    site.build().expect("build");
    let builder = || Builder::new(options(site.root(), &site.public()), "http://127.0.0.1:1111");
    let mut serving = builder();
    serving.rebuild().expect("first serve build");
    let retitle = |serving: &mut Builder, i: usize, title: &str| {
        site.write(&rapat(i), &release_md(title, &date(i), "kanwil-bali", "sn", &["haji"]));
        let snapshot = serving.rebuild_after(&[rapat(i).into()]).expect("serve build");
        let fresh = builder().rebuild().expect("fresh serve build");
        assert!(snapshot.files == fresh.files, "{} titled {title:?}: not a fresh build", rapat(i));
        snapshot.in_place
    };
    let once = retitle(&mut serving, 1, "Rapat Koordinasi Triwulan I");
    assert!(once, "from a title another release has");
    assert!(retitle(&mut serving, 3, "Rapat Koordinasi"), "to a title another release has");
    // A release the ledger does not know makes titles count again.
    site.write(
        "content/2023/02/baru.md",
        &release_md("Baru", "2023-02-01", "kanwil-bali", "sn", &["haji"]),
    );
    serving.rebuild_after(&["content/2023/02/baru.md".into()]).expect("serve build");
    let new = retitle(&mut serving, 2, "Rapat Koordinasi Triwulan II");
    assert!(!new, "with a new release in the site");
}

/// After a save that moves nothing, serve takes the last build's table of outputs and makes
/// again only the rows that can change: the edited release's own (its photo's sizes), the
/// Instagram feeds' and the sitemap's. The library checks in every test build that the table so
/// patched is the one made anew; here the release's photo is replaced by a larger one, which
/// has more sizes, and back.
#[test]
fn serve_patches_the_table_of_outputs_after_a_release_photo_is_replaced_in_place() {
    use crate::support::{options, photo_png};
    use warta::serve::site::Builder;
    let site = Site::fixture("build/basic");
    site.build().expect("build");
    let builder = || Builder::new(options(site.root(), &site.public()), "http://127.0.0.1:1111");
    let mut serving = builder();
    serving.rebuild().expect("first serve build");
    let bundle = "content/2023/05/workshop-media-sosial";
    let folder = "2023/05/workshop-media-sosial/";
    let photo = format!("{bundle}/foto.png");
    let original = std::fs::read(site.root().join(&photo)).expect("the photo");
    let mut outputs = Vec::new();
    for bytes in [photo_png(1400, 900), original] {
        std::fs::write(site.root().join(&photo), bytes).expect("write the photo");
        let snapshot = serving.rebuild_after(&[photo.clone().into()]).expect("serve build");
        assert!(snapshot.in_place, "a photo moves no release");
        let fresh = builder().rebuild().expect("fresh serve build");
        assert!(snapshot.files == fresh.files, "{}: not a fresh build", outputs.len());
        let paths = snapshot.files.keys().filter(|p| p.starts_with(folder)).cloned();
        outputs.push(paths.collect::<Vec<_>>());
    }
    assert_ne!(outputs[0], outputs[1], "a larger photo has more sizes");
}

/// `warta serve`'s first build takes from the last `warta build`'s cache the parses of the
/// releases whose files did not change since (at 10,000 releases, most of a second of the
/// preview's start), and serves what a first build that parses every release serves.
#[test]
fn serve_starts_from_the_parses_of_the_last_build_of_the_files_that_did_not_change() {
    use crate::support::{generated_site, options, release_md, tree};
    use warta::serve::site::Builder;
    let site = generated_site(6);
    site.build().expect("build");
    let cache = site.root().join(".public.warta-cache");
    assert!(cache.join("stamps").is_file(), "the build leaves its cache beside public/");
    // The build's own files of the cache; the photo cache in it is shared with serve.
    let parts = || tree(&cache).into_iter().filter(|(p, _)| !p.starts_with("photos/")).collect();
    let before: std::collections::BTreeMap<String, Vec<u8>> = parts();
    let edited = "content/2023/01/rilis-02.md";
    let title = "Rilis Yang Diubah";
    site.write(edited, &release_md(title, "2023-01-03", "kanwil-bali", "sn", &["haji"]));
    let first =
        || Builder::new(options(site.root(), &site.public()), "http://127.0.0.1:1111").rebuild();
    let seeded = first().expect("first serve build");
    assert_eq!(seeded.parsed, 1, "only the file edited since the build is parsed");
    let page = &seeded.files["2023/01/rilis-02/index.html"];
    let warta::render::Body::Bytes(page) = &**page else { panic!("a release page is rendered") };
    assert!(String::from_utf8_lossy(page).contains(title), "the edit is served");
    assert!(parts() == before, "serve changed the build's cache");
    // Parses made with another site.yaml are not taken: they may read otherwise.
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    site.write("site.yaml", &yaml.replace("per_page: 2", "per_page: 3"));
    assert_eq!(first().expect("serve build").parsed, 6, "parses of another site.yaml");
    site.write("site.yaml", &yaml);
    // Without the parses and stamps in the cache, every release is parsed, and the same served.
    for file in std::fs::read_dir(&cache).expect("cache").flatten() {
        let name = file.file_name().to_string_lossy().into_owned();
        if name == "stamps" || name.starts_with("parsed-") {
            std::fs::remove_file(file.path()).expect("remove a part of the cache");
        }
    }
    let fresh = first().expect("first serve build without the build's parses");
    assert_eq!(fresh.parsed, 6);
    assert!(seeded.files == fresh.files, "the cache's parses served other pages");
}
