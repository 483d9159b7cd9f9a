//! Every URL warta writes is built here, and every text it puts into HTML is escaped here: the
//! site's address read from `site.yaml`, site paths made into links and absolute URLs, file names
//! percent-encoded, relative links of a release resolved inside the site, share links with their
//! UTM parameters, and the escaping of values and URLs for HTML. Parsing goes through the `url`
//! crate, encoding through `percent-encoding`, escaping through `pulldown-cmark-escape` (the
//! escaper pulldown-cmark writes the rest of a body with), so no two places can disagree.

use std::borrow::Cow;

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS};
use url::Url;

/// What a path segment cannot carry as it is (RFC 3986 `pchar`, less what browsers mangle).
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// What a query value cannot carry: everything but RFC 3986's unreserved characters.
const QUERY_VALUE: &AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// The message for a `base_url` that is not a web address.
fn bad_base_url(url: &str) -> String {
    format!("expected an absolute URL like https://humas.example.go.id/, got {url:?}")
}

/// A former address of a page, as `aliases:` writes it (`profil`, `/lama/profil/`,
/// `profil.html`, or the whole URL on the site's own host), as the site path a page that
/// redirects is written at: `profil/`, `lama/profil/`, `profil.html` (a name ending in
/// `.html` or `.htm` is a file, as older sites had; anything else is a folder). `Err` says
/// what is wrong, in words for the writer.
pub fn alias_path(value: &str, base_url: &str, base_path: &str) -> Result<String, String> {
    let value = value.trim();
    let mut path = value;
    if has_scheme(value) {
        path = value.strip_prefix(base_url.trim_end_matches('/')).ok_or_else(|| {
            format!(
                "{value:?} is not an address of this site ({base_url}); an alias is a former \
                 address of this site, e.g. /profil/"
            )
        })?;
    } else if let Some(rest) = path.strip_prefix(base_path.trim_end_matches('/')) {
        // `/humas/profil/` on a site at `/humas/`.
        if base_path != "/" && rest.starts_with('/') {
            path = rest;
        }
    }
    let file = path.ends_with(".html") || path.ends_with(".htm");
    let path = path.trim_matches('/');
    if path.is_empty() {
        return Err(
            "an alias cannot be the home page; write a former address, e.g. /profil/".into()
        );
    }
    for segment in path.split('/') {
        let bad = segment.chars().find(|&c| !(c.is_alphanumeric() || "-_.~".contains(c)));
        if bad == Some('?') {
            return Err(format!(
                "{value:?} has a query ('?'): a web host serves a static site's page by its path \
                 alone, so no page can answer it; list the path, e.g. /profil/"
            ));
        }
        if let Some(c) = bad {
            return Err(format!(
                "{value:?} has {c:?}; an alias is an address of letters, digits, '-', '_' and \
                 '.', its folders separated by '/', e.g. /profil/"
            ));
        }
        if segment.is_empty() || segment == "." || segment == ".." {
            return Err(format!("{value:?} is not an address, e.g. /profil/"));
        }
    }
    Ok(if file { path.to_string() } else { format!("{path}/") })
}

/// Reads `base_url` from `site.yaml`: `https://example.go.id/humas` → (`https://example.go.id/humas/`,
/// `/humas/`). Only `http` and `https`, with a host and no query or fragment; the host comes out
/// lower-case (and an international one in its ASCII form), `.` and `..` in the path resolved.
pub fn split_base_url(url: &str) -> Result<(String, String), String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| bad_base_url(url))?;
    let bad = |c: char| c.is_whitespace() || matches!(c, '"' | '<' | '>' | '\\' | '?' | '#' | '\'');
    if rest.starts_with('/') || rest.contains(bad) {
        return Err(bad_base_url(url));
    }
    let parsed = Url::parse(url).map_err(|_| bad_base_url(url))?;
    let host = parsed.host_str().filter(|h| !h.is_empty()).ok_or_else(|| bad_base_url(url))?;
    let port = parsed.port().map_or(String::new(), |p| format!(":{p}"));
    let path = parsed.path().trim_matches('/');
    let base_path = if path.is_empty() { "/".to_string() } else { format!("/{path}/") };
    Ok((format!("{}://{host}{port}{base_path}", parsed.scheme()), base_path))
}

/// The host of a base URL, with its port if it has one: `humas.example.go.id`.
pub fn host(base_url: &str) -> String {
    match Url::parse(base_url) {
        Ok(u) => {
            let host = u.host_str().unwrap_or_default();
            u.port().map_or_else(|| host.to_string(), |p| format!("{host}:{p}"))
        }
        Err(_) => String::new(),
    }
}

/// The scheme and host of a base URL: `https://example.go.id/humas/` → `https://example.go.id`.
pub fn origin(base_url: &str) -> String {
    Url::parse(base_url).map_or(String::new(), |u| u.origin().ascii_serialization())
}

/// The absolute URL of a site path like `2023/05/slug/` (a leading `/` is the site's root).
pub fn absolute(base_url: &str, path: &str) -> String {
    format!("{base_url}{}", path.trim_start_matches('/'))
}

/// The site-relative link of a site path, with the base path: `/humas/2023/05/slug/`.
pub fn link(base_path: &str, path: &str) -> String {
    format!("{base_path}{}", path.trim_start_matches('/'))
}

/// The media type of an image, from its URL's extension; `None` for an extension that is not
/// an image's, or none (`https://cdn.example/photo?id=3`).
pub fn image_mime(url: &str) -> Option<&'static str> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let file = path.rsplit('/').next().unwrap_or(path);
    let ext = file.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "avif" => "image/avif",
        "svg" => "image/svg+xml",
        _ => return None,
    })
}

/// Whether a URL from the user is absolute (`https://…`), not a path of the site.
pub fn is_absolute_url(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

/// A file's path as it goes into a URL: every segment percent-encoded where a URL needs it
/// (`IMG 20230515 WA0012.JPG` → `IMG%2020230515%20WA0012.JPG`), the `/` between them kept. A
/// `%` already in the name is encoded too: names are file names, not URLs.
pub fn file_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 8);
    for (i, segment) in path.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        out.extend(utf8_percent_encode(segment, SEGMENT));
    }
    out
}

/// A percent-encoded path read back as the file's path (invalid UTF-8 replaced).
pub fn decode(path: &str) -> Cow<'_, str> {
    percent_decode_str(path).decode_utf8_lossy()
}

/// Percent-encodes a URL query value (RFC 3986: only unreserved characters stay).
pub fn query_value(value: &str) -> String {
    utf8_percent_encode(value, QUERY_VALUE).to_string()
}

/// Appends `utm_source`, `utm_medium` and `utm_campaign` to `url`'s query, percent-encoding the
/// values (RFC 3986 unreserved characters kept), before any `#fragment`. A parameter with an empty
/// value is left out, and one of the three already in the URL is replaced, not repeated. The rest
/// of the URL is kept byte for byte (canonical URLs are compared as text by the services).
pub fn with_utm(url: &str, source: &str, medium: &str, campaign: &str) -> String {
    let url = url.trim();
    if url.is_empty() {
        return String::new();
    }
    let (base, fragment) = url.split_at(url.find('#').unwrap_or(url.len()));
    let (path, query) = base.split_once('?').unwrap_or((base, ""));
    let ours = [("utm_source", source), ("utm_medium", medium), ("utm_campaign", campaign)];
    let ours: Vec<_> = ours.into_iter().filter(|(_, v)| !v.is_empty()).collect();
    let mut params: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty() && !ours.iter().any(|(k, _)| p.split('=').next() == Some(k)))
        .map(str::to_owned)
        .collect();
    params.extend(ours.into_iter().map(|(key, value)| format!("{key}={}", query_value(value))));
    let query = if params.is_empty() { String::new() } else { format!("?{}", params.join("&")) };
    format!("{path}{query}{fragment}")
}

/// The UTM campaign of `site.yaml`'s pattern for one release: `{unit}`, `{slug}`, `{year}`
/// replaced.
pub fn campaign(pattern: &str, unit: &str, slug: &str, year: i32) -> String {
    pattern.replace("{unit}", unit).replace("{slug}", slug).replace("{year}", &year.to_string())
}

/// The site-absolute form of a link or image written in a release, or None when `url` is to be
/// left alone (absolute, scheme-relative, fragment-only or empty). A relative path is relative to
/// `page_path`, a `/path` to the site (`base_path`); `..` never climbs above the base path, so a
/// link never leaves the site. Both paths start and end with `/`.
pub fn resolve(url: &str, base_path: &str, page_path: &str) -> Option<String> {
    // Browsers drop every tab and newline from a URL before reading it (WHATWG URL standard), so
    // `/\t.%2e/` is `/.%2e/`, which is `/../`: drop them first, or a dot segment hides from us.
    let url: String = url.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let url = url.as_str();
    if url.is_empty() || url.starts_with('#') || has_scheme(url) {
        return None;
    }
    let split = url.find(['?', '#']).unwrap_or(url.len());
    let (path, rest) = url.split_at(split);
    // Browsers read '\' as '/' in http(s) paths; so do we, to resolve "..\" the same way.
    let path = path.replace('\\', "/");
    if path.starts_with("//") {
        return None;
    }
    let base = as_dir(base_path);
    let joined = match path.strip_prefix('/') {
        Some(site_path) => format!("{base}{site_path}"),
        None => format!("{}{path}", as_dir(page_path)),
    };
    let floor = if joined.starts_with(&base) {
        base.split('/').filter(|s| !s.is_empty()).count()
    } else {
        0
    };
    let mut segments: Vec<&str> = Vec::new();
    let mut dir = false;
    for segment in joined.split('/') {
        dir = true;
        match segment.to_ascii_lowercase().as_str() {
            "" | "." | "%2e" => {}
            ".." | ".%2e" | "%2e." | "%2e%2e" => {
                if segments.len() > floor {
                    segments.pop();
                }
            }
            _ => {
                segments.push(segment);
                dir = false;
            }
        }
    }
    let mut resolved = format!("/{}", segments.join("/"));
    if dir && !segments.is_empty() {
        resolved.push('/');
    }
    resolved.push_str(rest);
    Some(resolved)
}

/// The site path a resolved link points to (see [`resolve`]): without the base path, query or
/// fragment, percent-decoded; None when it is outside the base path.
pub fn site_path(resolved: &str, base_path: &str) -> Option<String> {
    let path = resolved.split(['?', '#']).next().unwrap_or("");
    let site_path = path.strip_prefix(as_dir(base_path).as_str())?;
    Some(decode(site_path).into_owned())
}

/// `path` with exactly one leading and one trailing '/'.
pub fn as_dir(path: &str) -> String {
    let inner = path.trim_matches('/');
    if inner.is_empty() {
        "/".to_string()
    } else {
        format!("/{inner}/")
    }
}

/// Whether `url` starts with a scheme ("https:", "mailto:", "tel:") before any '/', '?' or '#',
/// as the `url` crate reads it: anything it does not call a relative URL has one.
pub fn has_scheme(url: &str) -> bool {
    // The scheme's own syntax first (RFC 3986): the cheap test for the common relative path.
    let Some(colon) = url.find(':') else {
        return false;
    };
    let scheme = &url[..colon];
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !matches!(Url::parse(url), Err(url::ParseError::RelativeUrlWithoutBase))
}

/// Escapes text for HTML content and quoted attributes (`&`, `<`, `>`, `"`, `'`); also the
/// templates' escape function.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// Escapes a URL for an attribute the way pulldown-cmark writes a link: percent-encodes what is
/// not URL-safe, entity-encodes `&` and `'`.
pub fn escape_href(url: &str) -> String {
    let mut out = String::with_capacity(url.len() + 8);
    let _ = pulldown_cmark_escape::escape_href(&mut out, url);
    out
}

/// The service whose page `address` is, when it is a page that shows a photo rather than the
/// photo: the link "Share" gives on Google Drive or Photos, OneDrive, Dropbox (without
/// `raw=1`), or a post on Instagram, Facebook or X. A page's `<img>` shows it broken, and a
/// shared link's preview shows none.
pub fn photo_page(address: &str) -> Option<&'static str> {
    let url = url::Url::parse(address).ok()?;
    let host = url.host_str()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").or_else(|| host.strip_prefix("m.")).unwrap_or(&host);
    const PAGES: [(&str, &str); 12] = [
        ("drive.google.com", "Google Drive"),
        ("docs.google.com", "Google Drive"),
        ("photos.google.com", "Google Photos"),
        ("photos.app.goo.gl", "Google Photos"),
        ("onedrive.live.com", "OneDrive"),
        ("1drv.ms", "OneDrive"),
        ("instagram.com", "Instagram"),
        ("facebook.com", "Facebook"),
        ("fb.com", "Facebook"),
        ("x.com", "X"),
        ("twitter.com", "X"),
        ("dropbox.com", "Dropbox"),
    ];
    let (_, service) = PAGES.iter().find(|(h, _)| *h == host)?;
    let raw = url.query_pairs().any(|(k, v)| (k == "raw" || k == "dl") && v == "1");
    (!(*service == "Dropbox" && raw)).then_some(*service)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_link_is_a_page_not_a_photo() {
        for (address, service) in [
            ("https://drive.google.com/file/d/1AbC/view?usp=sharing", "Google Drive"),
            ("https://photos.app.goo.gl/AbCdEf123", "Google Photos"),
            ("https://www.instagram.com/p/Cabc123/", "Instagram"),
            ("https://m.facebook.com/photo.php?fbid=1", "Facebook"),
            ("https://www.dropbox.com/s/abc/foto.jpg?dl=0", "Dropbox"),
        ] {
            assert_eq!(photo_page(address), Some(service), "{address}");
        }
        for address in [
            "https://www.dropbox.com/s/abc/foto.jpg?raw=1",
            "https://i.ibb.co/abc/foto.jpg",
            "https://humas.kemenag.go.id/img/foto.jpg",
            "not a url",
        ] {
            assert_eq!(photo_page(address), None, "{address}");
        }
    }

    #[test]
    fn an_alias_is_a_site_path_of_a_folder_or_an_html_file() {
        let ok = |v| alias_path(v, "https://example.go.id/humas/", "/humas/");
        assert_eq!(ok("profil"), Ok("profil/".to_string()));
        assert_eq!(ok(" /lama/profil/ "), Ok("lama/profil/".to_string()));
        assert_eq!(ok("/humas/profil"), Ok("profil/".to_string()));
        assert_eq!(ok("https://example.go.id/humas/profil.html"), Ok("profil.html".to_string()));
        assert_eq!(ok("tentang-kami.htm"), Ok("tentang-kami.htm".to_string()));
        assert_eq!(ok("/humas-lama/"), Ok("humas-lama/".to_string()), "not the base path");
        for bad in ["", "/", "https://example.go.id/humas/", "../x", "a//b", "a b", "x?p=1"] {
            assert!(ok(bad).is_err(), "{bad:?}");
        }
        assert!(ok("https://lain.example/profil/").unwrap_err().contains("not an address of"));
        assert!(ok("index.php?page=3").unwrap_err().contains("query"));
    }
    use proptest::prelude::*;

    #[test]
    fn utm() {
        let q = "utm_source=x&utm_medium=social&utm_campaign=hab%2077%2Fbali";
        for (url, want) in [
            (
                "https://example.go.id/humas/2023/05/x/",
                format!("https://example.go.id/humas/2023/05/x/?{q}"),
            ),
            ("https://e.id/a?id=3", format!("https://e.id/a?id=3&{q}")),
            ("https://e.id/a?", format!("https://e.id/a?{q}")),
            (" https://e.id/a#foto", format!("https://e.id/a?{q}#foto")),
            ("https://e.id/a?p=1&utm_source=old#f", format!("https://e.id/a?p=1&{q}#f")),
            ("", String::new()),
        ] {
            assert_eq!(with_utm(url, "x", "social", "hab 77/bali"), want);
        }
        assert_eq!(with_utm("https://e.id/", "", "", "ñ~"), "https://e.id/?utm_campaign=%C3%B1~");
    }

    #[test]
    fn base_urls() {
        let split = |u: &str| split_base_url(u).map(|(b, p)| format!("{b} {p}"));
        assert_eq!(
            split("https://example.go.id/humas").as_deref(),
            Ok("https://example.go.id/humas/ /humas/")
        );
        assert_eq!(split(" http://example.go.id ").as_deref(), Ok("http://example.go.id/ /"));
        assert_eq!(split("http://localhost:1111/").as_deref(), Ok("http://localhost:1111/ /"));
        for bad in [
            "example.go.id",
            "ftp://e.id/",
            "https://",
            "https:///humas",
            "https://e.id/a b",
            "https://e.id/?q",
        ] {
            assert!(split(bad).is_err(), "{bad}");
        }
        assert_eq!(host("https://humas.example.go.id/x/"), "humas.example.go.id");
        assert_eq!(host("http://localhost:8080/"), "localhost:8080");
        assert_eq!(origin("https://example.go.id/humas/"), "https://example.go.id");
        assert_eq!(origin("http://localhost:8080"), "http://localhost:8080");
    }

    /// `https://Humas.Example.go.id/a/../b` used to give the base path `/a/../b/`, so every
    /// link climbed out of it, and a host in capitals went into every guid as typed.
    #[test]
    fn a_base_url_with_dot_segments_or_capitals_is_normalised() {
        let (base, path) = split_base_url("https://Humas.Example.go.id/a/../b").expect("valid");
        assert_eq!((base.as_str(), path.as_str()), ("https://humas.example.go.id/b/", "/b/"));
    }

    #[test]
    fn relative_links_resolve_inside_the_site() {
        let r = |u: &str| resolve(u, "/humas/", "/humas/2023/05/x/");
        assert_eq!(r("foto.jpg").as_deref(), Some("/humas/2023/05/x/foto.jpg"));
        assert_eq!(r("../../../../../img/a.png?w=1#f").as_deref(), Some("/humas/img/a.png?w=1#f"));
        assert_eq!(r("/img/a.png").as_deref(), Some("/humas/img/a.png"));
        assert_eq!(r("..\\y\\").as_deref(), Some("/humas/2023/05/y/"));
        for left in ["", "#k", "https://e.id/", "//cdn.e.id/x", "mailto:a@b.id", "tel:+62"] {
            assert_eq!(r(left), None, "{left}");
        }
        assert_eq!(
            site_path("/humas/2023/a%20b.pdf?x", "/humas/").as_deref(),
            Some("2023/a b.pdf")
        );
    }

    #[test]
    fn file_names_are_encoded_per_segment() {
        assert_eq!(file_path("IMG 20230515 WA0012.JPG"), "IMG%2020230515%20WA0012.JPG");
        assert_eq!(file_path("a/100%#1.pdf"), "a/100%25%231.pdf");
        assert_eq!(query_value("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
    }

    #[test]
    fn escaping() {
        assert_eq!(
            escape_html(r#"a & <b> "c" 'd'"#),
            "a &amp; &lt;b&gt; &quot;c&quot; &#39;d&#39;"
        );
        assert_eq!(escape_href("/a b/'x'&y?z=é"), "/a%20b/&#x27;x&#x27;&amp;y?z=%C3%A9");
    }

    proptest! {
        #[test]
        fn utm_keeps_url_and_fragment(path in "[a-z/]{0,10}", frag in "(#[a-z]{1,5})?", v in "\\PC{0,10}") {
            let out = with_utm(&format!("https://e.id/{path}{frag}"), &v, "social", "c");
            let start = format!("https://e.id/{path}?");
            prop_assert!(out.starts_with(&start) && out.ends_with(&frag));
            prop_assert!(!out.contains(char::is_whitespace) && out.contains("utm_campaign=c"));
        }

        /// A relative link, however many `..` it has, stays under the base path.
        #[test]
        fn a_relative_link_never_leaves_the_base_path(
            base in "(/[a-z]{1,6}){0,2}/", page in "(/[a-z0-9]{1,6}){0,4}/",
            link in "((\\.\\.|\\.|%2[eE]|%2[eE]%2[eE]|[a-z]{1,4}|)[/\\\\]){0,8}[a-z.]{0,6}",
        ) {
            let page = format!("{}{}", base.trim_end_matches('/'), page);
            if let Some(out) = resolve(&link, &base, &page) {
                prop_assert!(out.starts_with(&base) || format!("{out}/") == base, "{} from {} gives {}", link, page, out);
                prop_assert!(site_path(&out, &base).is_some());
            }
        }

        /// A file name percent-encoded and decoded again is the name.
        #[test]
        fn a_file_name_survives_encoding(name in "\\PC{0,30}") {
            let encoded = file_path(&name);
            prop_assert!(!encoded.contains([' ', '#', '?', '"', '<', '>']));
            prop_assert_eq!(decode(&encoded), name.as_str());
        }
    }
}
