//! A site's own `templates/` and `static/` over the theme (`tests/fixtures/theme/override`):
//! one block replaced in a template that extends the theme's, a whole template replaced, and a
//! static file replaced.

use crate::support::{attr_values, build_fixture, text, Built};

fn overridden() -> Built {
    build_fixture("theme/override")
}

const RELEASE: &str = "2023/05/workshop-media-sosial/";

#[test]
fn one_block_of_a_theme_template_is_replaced() {
    let b = overridden();
    let html = b.page(RELEASE);
    assert!(
        html.contains(
            "<title>Siaran Pers: Workshop Media Sosial untuk Pengelola Kehumasan | Humas Bali</title>"
        ),
        "the site's title block is used"
    );
    assert_eq!(html.matches("<title>").count(), 1);
}

#[test]
fn the_rest_of_an_extended_template_is_still_the_themes() {
    let b = overridden();
    let html = b.page(RELEASE);
    let t = text(&html);
    assert!(t.contains("Denpasar (Humas Bali) – Kepala Kanwil membuka workshop"));
    assert!(t.contains("Senin, 15 Mei 2023 09.00 WITA"));
    assert!(t.contains("(sn)"));
    let hrefs = attr_values(&html, "href");
    for link in ["/unit/kanwil-bali/", "/tag/kehumasan/", "/css/style.css", "/feed.xml"] {
        assert!(hrefs.contains(&link.to_string()), "{link}");
    }
    assert!(hrefs.contains(&"https://example.go.id/2023/05/workshop-media-sosial/".to_string()));
}

#[test]
fn templates_not_overridden_are_the_themes() {
    let b = overridden();
    let home = b.page("");
    let title = crate::support::between(&home, "<title>", "</title>");
    assert!(title.contains("Humas Kanwil Uji"), "{title}");
    assert!(!title.contains("Siaran Pers"), "{title}");
    assert!(attr_values(&home, "href").contains(&format!("/{RELEASE}")));
}

#[test]
fn a_whole_template_is_replaced() {
    let b = overridden();
    let html = b.read("404.html");
    assert_eq!(
        html,
        "<!doctype html>\n<html lang=\"id\">\n<head><title>Hilang – Humas Kanwil Uji</title></head>\n\
         <body><h1>Halaman kustom tidak ditemukan</h1><p><a href=\"/\">Kembali</a></p></body>\n</html>\n"
    );
}

#[test]
fn a_site_static_file_replaces_the_themes() {
    let b = overridden();
    assert_eq!(
        b.read("css/style.css"),
        "/* stylesheet of the site, replacing the theme one */\nbody { color: #123456; }\n"
    );
}
