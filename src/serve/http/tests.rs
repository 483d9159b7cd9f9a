use super::*;
use crate::load::Origin;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

fn copy(origin: Origin) -> Body {
    Body::Copy(crate::load::Asset {
        name: String::new(),
        origin,
        len: 0,
        dimensions: None,
        modified: None,
        photo: None,
        located: false,
    })
}

fn snapshot(base_path: &str) -> Snapshot {
    let files: BTreeMap<String, Arc<Body>> = [
        ("index.html", Body::Bytes(b"<html><body><h1>Beranda</h1></body></html>".to_vec())),
        ("404.html", Body::Bytes(b"<html><BODY>Tidak ditemukan</BODY></html>".to_vec())),
        ("unit/x/index.html", Body::Bytes(b"<html><body>Unit</body></html>".to_vec())),
        ("feed.xml", Body::Bytes(b"<rss/>".to_vec())),
        ("css/site.css", copy(Origin::Embedded(b"body{}"))),
        ("2023/05/x/foto.jpg", copy(Origin::Disk(PathBuf::from("content/foto.jpg")))),
        ("2023/05/x/gone.png", copy(Origin::Disk(PathBuf::from("content/gone.png")))),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), Arc::new(v)))
    .collect();
    Snapshot {
        files: files.into(),
        elapsed: Duration::ZERO,
        changed: 0,
        title: "Uji".to_string(),
        base_path: base_path.to_string(),
        warnings: Default::default(),
        in_place: false,
        parsed: 0,
        next_due: None,
    }
}

fn read(p: &Path) -> std::io::Result<Vec<u8>> {
    if p == Path::new("content/foto.jpg") {
        Ok(b"JPEG".to_vec())
    } else {
        Err(std::io::ErrorKind::NotFound.into())
    }
}

fn get(site: &Snapshot, url: &str) -> Reply {
    let served = Served { site: Some(site), overlay: None, generation: 7 };
    respond(&served, "GET", url, read)
}

fn body(r: &Reply) -> String {
    String::from_utf8_lossy(&r.body).into_owned()
}

#[test]
fn a_page_is_served_with_the_reload_script_before_its_body_ends() {
    let r = get(&snapshot("/"), "/");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(r.header("cache-control"), Some("no-store"));
    assert_eq!(
        body(&r),
        "<html><body><h1>Beranda</h1><script src=\"/__warta/reload.js\" \
         data-generation=\"7\"></script></body></html>"
    );
}

#[test]
fn files_that_are_not_html_are_served_as_built() {
    let site = snapshot("/");
    let css = get(&site, "/css/site.css?v=2");
    assert_eq!((css.status, css.body.as_slice()), (200, b"body{}".as_slice()));
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    let photo = get(&site, "/2023/05/x/foto.jpg");
    assert_eq!((photo.status, photo.body.as_slice()), (200, b"JPEG".as_slice()));
    assert_eq!(photo.header("content-type"), Some("image/jpeg"));
    assert_eq!(
        get(&site, "/feed.xml").header("content-type"),
        Some("application/xml; charset=utf-8")
    );
}

#[test]
fn a_folder_without_its_slash_is_redirected_like_a_static_host_does() {
    let site = snapshot("/");
    let r = get(&site, "/unit/x?a=1");
    assert_eq!((r.status, r.header("location")), (301, Some("/unit/x/?a=1")));
    assert_eq!(get(&site, "/unit/x/").status, 200);
    // `unit` holds `x/` but has no index: a folder, redirected, then not found.
    assert_eq!(get(&site, "/unit").status, 301);
    assert_eq!(get(&site, "/unit/").status, 404);
}

#[test]
fn a_missing_path_gets_the_themes_404_page_with_the_script() {
    let site = snapshot("/");
    for url in ["/nope", "/nope/", "/2023/05/x/gone.png", "/index.html/"] {
        let r = get(&site, url);
        assert_eq!(r.status, 404, "{url}");
        assert!(body(&r).contains("Tidak ditemukan"), "{url}");
        assert!(body(&r).ends_with("</script></BODY></html>"), "{url}: {}", body(&r));
    }
}

#[test]
fn traversal_and_odd_paths_are_not_found() {
    let site = snapshot("/");
    for url in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E/site.yaml",
        "/..%2fsite.yaml",
        "/%2e%2e%2f%2e%2e%2fetc/passwd",
        "/unit/x/../../index.html",
        "/./index.html",
        "/unit//x/",
        "//etc/passwd",
        "/unit%5cx/index.html",
        "/index.html%00",
        "/%ff",
        "*",
        "http://evil/",
    ] {
        assert_eq!(get(&site, url).status, 404, "{url}");
    }
}

#[test]
fn percent_encoded_names_are_decoded_once() {
    let mut site = snapshot("/");
    let files = Arc::make_mut(&mut site.files);
    files.insert("img/IMG 1.jpg".into(), Arc::new(Body::Bytes(b"1".to_vec())));
    files.insert("img/%41.jpg".into(), Arc::new(Body::Bytes(b"2".to_vec())));
    assert_eq!(get(&site, "/img/IMG%201.jpg").body, b"1");
    assert_eq!(get(&site, "/img/%2541.jpg").body, b"2");
    assert_eq!(get(&site, "/img/A.jpg").status, 404);
}

#[test]
fn a_site_under_a_base_path_is_served_there() {
    let site = snapshot("/humas/");
    assert_eq!(get(&site, "/humas/").status, 200);
    assert_eq!(get(&site, "/humas/unit/x/").status, 200);
    let root = get(&site, "/");
    assert_eq!((root.status, root.header("location")), (301, Some("/humas/")));
    let bare = get(&site, "/humas");
    assert_eq!((bare.status, bare.header("location")), (301, Some("/humas/")));
    assert_eq!(get(&site, "/unit/x/").status, 404);
    assert_eq!(get(&site, "/humas/../humas/").status, 404);
}

#[test]
fn only_get_and_head_are_answered() {
    let site = snapshot("/");
    let served = Served { site: Some(&site), overlay: None, generation: 1 };
    let head = respond(&served, "HEAD", "/", read);
    assert_eq!(head, respond(&served, "GET", "/", read));
    let post = respond(&served, "POST", "/", read);
    assert_eq!((post.status, post.header("allow")), (405, Some("GET, HEAD")));
}

#[test]
fn the_overlay_is_escaped_and_in_every_page_while_the_build_is_broken() {
    let site = snapshot("/");
    let overlay = overlay("content/x.md:3: field 'title': <script>alert(1)</script> & more");
    assert!(overlay.contains(
        "content/x.md:3: field &#39;title&#39;: &lt;script&gt;alert(1)&lt;/script&gt; &amp; more"
    ));
    assert!(!overlay.contains("<script>"));
    // Whatever the theme's style sheet says of a `div`, `p` or `pre`, each is set afresh:
    // the default theme's `pre` gave the errors a light background under their white text.
    for tag in ["<div ", "<p ", "<pre "] {
        let at = overlay.find(tag).expect("the element");
        let style = &overlay[at..at + overlay[at..].find('>').expect("a tag")];
        assert!(style.contains("style=\"all:initial;display:block;"), "{style}");
        assert!(style.contains("color:#fff"), "{style}");
    }
    assert!(
        overlay.contains("background:rgba(30,0,0,.93)")
            && overlay.contains("background:transparent")
    );
    let served = Served { site: Some(&site), overlay: Some(&overlay), generation: 2 };
    for url in ["/", "/nope"] {
        let page = body(&respond(&served, "GET", url, read));
        assert!(page.contains("id=\"warta-overlay\""), "{url}");
        assert!(page.find("warta-overlay") < page.find("/__warta/reload.js"));
    }
    // Not in files that are not pages.
    assert!(!body(&respond(&served, "GET", "/feed.xml", read)).contains("warta-overlay"));
}

#[test]
fn before_a_first_good_build_every_page_shows_the_errors() {
    let overlay = overlay("site.yaml:2: field 'base_url': …");
    let served = Served { site: None, overlay: Some(&overlay), generation: 1 };
    let r = respond(&served, "GET", "/anything/", read);
    assert_eq!(r.status, 500);
    assert!(body(&r).contains("field &#39;base_url&#39;"));
    assert!(body(&r).contains("/__warta/reload.js"));
    let script = respond(&served, "GET", SCRIPT, read);
    assert_eq!(script.status, 200);
    assert_eq!(script.header("content-type"), Some("text/javascript; charset=utf-8"));
    assert!(body(&script).contains("new EventSource(\"/__warta/events\")"));
}

#[test]
fn a_page_without_a_body_tag_gets_the_script_at_its_end() {
    let served = Served { site: None, overlay: None, generation: 3 };
    assert_eq!(
        String::from_utf8_lossy(&inject(b"<p>x</p>", &served)),
        "<p>x</p><script src=\"/__warta/reload.js\" data-generation=\"3\"></script>"
    );
}

#[test]
fn content_types_follow_the_extension() {
    for (path, ty) in [
        ("a/index.html", "text/html; charset=utf-8"),
        ("sitemap.xml", "application/xml; charset=utf-8"),
        ("feed.json", "application/json"),
        ("robots.txt", "text/plain; charset=utf-8"),
        ("js/video.js", "text/javascript; charset=utf-8"),
        ("x/FOTO.PNG", "image/png"),
        ("x/a.webp", "image/webp"),
        ("logo.svg", "image/svg+xml"),
        ("favicon.ico", "image/x-icon"),
        ("f.woff2", "font/woff2"),
        ("lampiran.pdf", "application/pdf"),
        ("rilis.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("README", "application/octet-stream"),
    ] {
        assert_eq!(content_type(path), ty, "{path}");
    }
}

#[test]
fn an_event_has_one_data_line_per_line() {
    assert_eq!(event("reload", 4, ""), "event: reload\nid: 4\ndata: \n\n");
    assert_eq!(
        event("build-error", 5, "a\r\nb\nc"),
        "event: build-error\nid: 5\ndata: a\ndata: b\ndata: c\n\n"
    );
}

#[test]
fn a_long_list_of_errors_is_cut_in_the_overlay() {
    let mut report: String = (1..=5000).map(|i| format!("content/{i}.md:1: bad\n")).collect();
    report.push_str(
        "5000 errors found; the preview shows the last good version until they are fixed",
    );
    let shown = overlay(&report);
    assert!(shown.contains("content/98.md:1: bad\n… and 4902 more lines"), "{shown}");
    assert!(!shown.contains("content/99.md"));
    assert!(shown.contains("all\n5000 errors found; the preview shows the last good"), "{shown}");
    assert!(shown.len() < 10_000);
    // 100 lines are shown whole.
    let report: String = (1..=100).map(|i| format!("content/{i}.md:1: bad\n")).collect();
    assert!(overlay(&report).contains("content/100.md:1: bad\n</pre>"));
}

/// A photo of `static/` is served as `warta build` publishes it: without its metadata.
#[test]
fn a_photo_is_served_without_its_metadata_as_it_is_published() {
    let mut plain = Vec::new();
    jpeg_encoder::Encoder::new(&mut plain, 90)
        .encode(&[128; 8 * 8 * 3], 8, 8, jpeg_encoder::ColorType::Rgb)
        .expect("encodes");
    let comment = b"\xFF\xFE\x00\x0DSri Nuraini";
    let with = [&plain[..2], comment, &plain[2..]].concat();
    let body = Body::Copy(crate::load::Asset {
        name: "img/kegiatan.jpg".to_string(),
        ..match copy(Origin::Disk(PathBuf::from("static/img/kegiatan.jpg"))) {
            Body::Copy(a) => a,
            _ => unreachable!(),
        }
    });
    let served = bytes_of(&body, &|_: &Path| Ok(with.clone())).expect("read");
    assert_eq!(&*served, plain.as_slice());
}
