//! A request in, a response out, without sockets: which file of the built site a URL names
//! (only files of the build, never a path with `..`), its content type, the theme's 404 page,
//! and the live-reload script and error overlay added to HTML as it is served (the built bytes
//! stay as they are).

use super::site::Snapshot;
use crate::links::escape_html;
use crate::render::Body;
use std::borrow::Cow;
use std::path::Path;

/// The live-reload channel (Server-Sent Events).
pub const EVENTS: &str = "/__warta/events";
/// The live-reload script.
pub const SCRIPT: &str = "/__warta/reload.js";
const RELOAD_JS: &str = include_str!("reload.js");

/// What the server serves right now.
#[derive(Debug, Clone, Copy)]
pub struct Served<'a> {
    /// The last good build; `None` until one succeeded.
    pub site: Option<&'a Snapshot>,
    /// The error overlay (see [`overlay`]) while the sources do not build.
    pub overlay: Option<&'a str>,
    /// Counts the builds, good or not: a page whose number differs from the server's is stale.
    pub generation: u64,
}

/// A response, ready to send. For a HEAD request the body is there too (its length is the
/// Content-Length), and the server leaves it out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    fn new(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
        let headers = vec![
            ("Content-Type", content_type.to_string()),
            // A preview changes under the browser: never reuse a cached copy.
            ("Cache-Control", "no-store".to_string()),
        ];
        Reply { status, headers, body }
    }

    fn text(status: u16, text: &str) -> Reply {
        Reply::new(status, "text/plain; charset=utf-8", text.as_bytes().to_vec())
    }

    fn redirect(status: u16, location: String) -> Reply {
        let mut r = Reply::text(status, &format!("moved to {location}\n"));
        r.headers.push(("Location", location));
        r
    }

    /// The value of a header.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Answers one request. `url` is the request target as received (`/2023/05/x/?a=b`); `read`
/// reads a file of the site (a photo, a static file) when one is served.
pub fn respond(
    served: &Served,
    method: &str,
    url: &str,
    read: impl Fn(&Path) -> std::io::Result<Vec<u8>>,
) -> Reply {
    if method != "GET" && method != "HEAD" {
        let mut r = Reply::text(405, "only GET and HEAD\n");
        r.headers.push(("Allow", "GET, HEAD".to_string()));
        return r;
    }
    let path = path_of(url);
    if path == SCRIPT {
        return Reply::new(200, "text/javascript; charset=utf-8", RELOAD_JS.as_bytes().to_vec());
    }
    let Some(site) = served.site else {
        // No build has succeeded yet: a page that shows the errors and reloads once fixed.
        let page = b"<!doctype html><html><head><meta charset=\"utf-8\"><title>warta serve</title>\
                     </head><body></body></html>";
        return Reply::new(500, HTML, inject(page, served));
    };
    let found = match resolve(site, path) {
        Lookup::File(key) => site.files.get(&key).map(|body| (key, body)),
        Lookup::Redirect(to) => {
            let query = url.find('?').map_or("", |i| &url[i..]);
            return Reply::redirect(301, format!("{to}{query}"));
        }
        Lookup::NotFound => None,
    };
    if let Some((key, body)) = found {
        if let Some(bytes) = bytes_of(body, &read) {
            return file_reply(200, &key, &bytes, served);
        }
    }
    match site.files.get(NOT_FOUND).and_then(|b| bytes_of(b, &read)) {
        Some(bytes) => file_reply(404, NOT_FOUND, &bytes, served),
        None => Reply::text(404, "not found\n"),
    }
}

/// The theme's page for a missing path.
const NOT_FOUND: &str = "404.html";
const HTML: &str = "text/html; charset=utf-8";

fn bytes_of<'b>(
    body: &'b Body,
    read: &impl Fn(&Path) -> std::io::Result<Vec<u8>>,
) -> Option<Cow<'b, [u8]>> {
    match body {
        Body::Bytes(b) => Some(Cow::Borrowed(b)),
        Body::Shared(b) => Some(Cow::Borrowed(b)),
        Body::Copy(a) => match &a.origin {
            crate::load::Origin::Embedded(b) => Some(Cow::Borrowed(b)),
            // Removed since the build: the next build, already on its way, drops it.
            crate::load::Origin::Made(p) => read(p).ok().map(Cow::Owned),
            // As the writer publishes it: a photo without its camera's metadata.
            crate::load::Origin::Disk(p) => {
                let bytes = read(p).ok()?;
                let stripped = crate::photos::strip::may_hold_metadata(&a.name)
                    .then(|| crate::photos::strip::without_metadata(&bytes))
                    .flatten();
                Some(Cow::Owned(stripped.unwrap_or(bytes)))
            }
        },
        // The builder keeps made files as copies of their cached file.
        Body::Made(_) => None,
    }
}

fn file_reply(status: u16, key: &str, bytes: &[u8], served: &Served) -> Reply {
    let ty = content_type(key);
    if ty == HTML {
        Reply::new(status, ty, inject(bytes, served))
    } else {
        Reply::new(status, ty, bytes.to_vec())
    }
}

/// The path of a request target, without its query or fragment.
pub fn path_of(url: &str) -> &str {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    &url[..end]
}

/// Where a request path leads.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Lookup {
    /// A file of the build, by its output path.
    File(String),
    /// A folder asked for without its `/`: the URL with it.
    Redirect(String),
    NotFound,
}

/// Finds the file a request path names: the path is taken below the site's base path, decoded,
/// and refused if any segment is `..` or `.`, or it holds a backslash or a NUL.
fn resolve(site: &Snapshot, path: &str) -> Lookup {
    let base = site.base_path.as_str();
    let rest = match path.strip_prefix(base) {
        Some(rest) => rest,
        // `/humas` → `/humas/`; `/` → the site at its base path.
        None if format!("{path}/") == base || path == "/" => {
            return Lookup::Redirect(base.to_string())
        }
        None => return Lookup::NotFound,
    };
    let Some(rel) = safe_relative(rest) else {
        return Lookup::NotFound;
    };
    if rel.is_empty() || rel.ends_with('/') {
        return Lookup::File(format!("{rel}index.html"));
    }
    if site.files.contains_key(&rel) {
        return Lookup::File(rel);
    }
    let folder = format!("{rel}/");
    let is_folder =
        site.files.range(folder.clone()..).next().is_some_and(|(k, _)| k.starts_with(&folder));
    if is_folder {
        Lookup::Redirect(format!("{path}/"))
    } else {
        Lookup::NotFound
    }
}

/// A percent-encoded path below the site (`2023/05/x/`) decoded, or `None` if it is not a
/// plain relative path: a `..` or `.` segment (encoded or not), an empty segment, a backslash,
/// a NUL, or bytes that are not UTF-8.
fn safe_relative(encoded: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(encoded).decode_utf8().ok()?;
    if decoded.contains(['\\', '\0']) || decoded.starts_with('/') {
        return None;
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    let last = segments.len() - 1;
    let bad = segments
        .iter()
        .enumerate()
        .any(|(i, s)| *s == ".." || *s == "." || (s.is_empty() && i != last));
    (!bad).then(|| decoded.into_owned())
}

/// The Content-Type of an output file, by its extension, as a static host sends it.
pub fn content_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => HTML,
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "xml" | "xsl" => "application/xml; charset=utf-8",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt" => "application/vnd.ms-powerpoint",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "zip" => "application/zip",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "ogg" => "audio/ogg",
        _ => "application/octet-stream",
    }
}

/// An HTML page as served: the error overlay (when the sources do not build) and the
/// live-reload script just before the last `</body>`, or at the end if there is none.
pub fn inject(html: &[u8], served: &Served) -> Vec<u8> {
    let mut added = String::new();
    if let Some(overlay) = served.overlay {
        added.push_str(overlay);
    }
    added.push_str(&format!(
        "<script src=\"{SCRIPT}\" data-generation=\"{}\"></script>",
        served.generation
    ));
    let at = rfind_ascii_ci(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + added.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(added.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn rfind_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    (0..=hay.len().checked_sub(needle.len())?)
        .rev()
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// The most lines of errors the overlay shows; the terminal has them all.
const OVERLAY_LINES: usize = 100;

/// The error overlay: the build's errors as the terminal shows them, escaped, over the page
/// (the first [`OVERLAY_LINES`] lines of them, and the last); their last line says whether the last good
/// version is served meanwhile (`preview_report`).
pub fn overlay(report: &str) -> String {
    let lines: Vec<&str> = report.lines().collect();
    // Cut, the last line stays: how many errors, and what is served meanwhile.
    let report = if lines.len() > OVERLAY_LINES {
        let (shown, last) = (&lines[..OVERLAY_LINES - 2], lines[lines.len() - 1]);
        let more = lines.len() - 1 - shown.len();
        format!(
            "{}\n… and {more} more lines: the terminal running warta serve shows them all\n{last}",
            shown.join("\n")
        )
    } else {
        report.to_string()
    };
    // Every element of the overlay resets what the theme's style sheet gives its kind
    // (`all:initial`) and sets its own: the default theme's `pre` had a light background,
    // white text on it (found by helper-32, stop 66: the errors could not be read).
    format!(
        "<div id=\"warta-overlay\" role=\"alert\" style=\"all:initial;display:block;\
         position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2em;\
         background:rgba(30,0,0,.93);color:#fff;font:15px/1.5 system-ui,sans-serif\">\
         <p style=\"all:initial;display:block;color:#fff;font:bold 1.3em/1.4 system-ui,\
         sans-serif;margin:0 0 1em\">The site could not be built. Fix the file and save it: \
         this page reloads by itself.</p>\
         <pre style=\"all:initial;display:block;white-space:pre-wrap;color:#fff;\
         background:transparent;font:14px/1.5 monospace;margin:0\">{}</pre></div>",
        escape_html(&report)
    )
}

/// One Server-Sent Event: its name, id and data (a line of `data:` per line of it).
pub fn event(name: &str, id: u64, data: &str) -> String {
    let mut out = format!("event: {name}\nid: {id}\n");
    for line in data.split('\n') {
        out.push_str("data: ");
        out.push_str(line.trim_end_matches('\r'));
        out.push('\n');
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests;
