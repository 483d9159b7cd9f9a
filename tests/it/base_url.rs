//! A site served below a sub-path (`base_url: https://example.go.id/humas/`): every link the
//! build writes carries the sub-path, and feeds and sitemaps stay absolute.

use crate::support::broken_local_links;
use crate::support::{attr_values, build_fixture, links, sitemap_locs, Built};

const BASE: &str = "https://example.go.id/humas/";

fn sub_path() -> Built {
    build_fixture("base_url/sub_path")
}

#[test]
fn output_is_not_nested_in_the_sub_path() {
    let b = sub_path();
    assert!(b.has("index.html"));
    assert!(b.has("2023/05/workshop-media-sosial/index.html"));
    assert!(!b.has("humas/index.html"));
}

#[test]
fn every_root_relative_href_and_src_starts_with_the_base_path() {
    let b = sub_path();
    let mut checked = 0;
    for (path, bytes) in b.files() {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).expect("UTF-8 HTML");
        for link in links(&html) {
            if link.starts_with('/') {
                checked += 1;
                assert!(link.starts_with("/humas/"), "{path}: {link} lacks the base path");
            }
        }
    }
    assert!(checked > 100, "only {checked} links checked");
}

#[test]
fn images_and_links_in_a_release_body_resolve() {
    let b = sub_path();
    let html = b.page("2023/05/workshop-media-sosial/");
    let src = attr_values(&html, "src");
    // The photos are published in sizes (640 wide: 480 and 640), below the base path.
    assert!(src.contains(&"/humas/2023/05/workshop-media-sosial/foto-640.png".to_string()));
    assert!(src.contains(&"/humas/2023/05/workshop-media-sosial/foto-2-640.png".to_string()));
    assert!(html.contains("/humas/2023/05/workshop-media-sosial/foto-2-480.webp 480w"));
    let href = attr_values(&html, "href");
    for link in [
        "/humas/2023/05/rapat-koordinasi/",
        "/humas/tentang/",
        // A link to a photo opens its largest size.
        "/humas/2023/05/workshop-media-sosial/foto-2-640.png",
    ] {
        assert!(href.contains(&link.to_string()), "{link}");
    }
    // `../workshop-media-sosial/` from another release.
    assert!(attr_values(&b.page("2023/05/rapat-koordinasi/"), "href")
        .contains(&"/humas/2023/05/workshop-media-sosial/".to_string()));
    assert!(b.has("2023/05/workshop-media-sosial/foto-2-640.png"));
    // A unit's logo from the site's static/ folder.
    assert!(attr_values(&b.page("unit/"), "src").contains(&"/humas/img/logo.png".to_string()));
    assert!(b.has("img/logo.png"));
}

#[test]
fn every_local_link_resolves_below_the_base_path() {
    let b = sub_path();
    let broken = broken_local_links(&b, "/humas/");
    assert!(broken.is_empty(), "broken links: {broken:#?}");
}

#[test]
fn canonical_urls_are_absolute_with_the_sub_path() {
    let b = sub_path();
    let html = b.page("2023/05/workshop-media-sosial/");
    assert!(attr_values(&html, "href").contains(&format!("{BASE}2023/05/workshop-media-sosial/")));
    assert!(attr_values(&b.page("page/2/"), "href").contains(&format!("{BASE}page/2/")));
}

#[test]
fn feed_links_are_absolute_with_the_sub_path() {
    let b = sub_path();
    for rel in ["feed.xml", "unit/kanwil-bali/feed.xml", "tag/kehumasan/feed.xml"] {
        let feed = b.feed(rel);
        assert!(!feed.entries.is_empty(), "{rel}");
        for link in feed.links.iter().chain(feed.entries.iter().flat_map(|e| e.links.iter())) {
            assert!(link.href.starts_with(BASE), "{rel}: {}", link.href);
        }
    }
    let xml = b.read("feed.xml");
    assert!(xml.contains(&format!("<atom:link href=\"{BASE}feed.xml\" rel=\"self\"")));
}

#[test]
fn sitemap_and_robots_use_the_sub_path() {
    let b = sub_path();
    let locs = sitemap_locs(&b.read("sitemap.xml"));
    assert!(!locs.is_empty());
    for loc in &locs {
        assert!(loc.starts_with(BASE), "{loc}");
    }
    assert!(locs.contains(&format!("{BASE}2023/05/workshop-media-sosial/")));
    let sitemaps = crate::support::sitemaps_from_robots(&b, BASE);
    assert!(sitemaps.contains(&"sitemap.xml".to_string()), "{sitemaps:?}");
}
