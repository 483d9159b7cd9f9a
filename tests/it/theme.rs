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

/// A site's template that loops over `listing.items` or `release.related` gets them: warta
/// leaves them empty only for a theme none of whose templates can read them.
#[test]
fn a_template_that_reads_the_listings_items_or_the_related_releases_gets_them() {
    let list = "{% extends \"base.html\" %}{% block content %}<ol class=\"items\">\
                {% for i in listing.items %}<li>{{ i.title }}</li>{% endfor %}</ol>{% endblock content %}";
    // `release` passed on whole to a macro, which reads the related releases there.
    let macros = "{% macro related(r) %}<ul class=\"related\">{% for s in r.related %}\
                  <li>{{ s.title }}</li>{% endfor %}</ul>{% endmacro related %}";
    let release = "{% extends \"base.html\" %}{% import \"mine.html\" as mine %}\
                   {% block content %}{{ mine::related(r=release) }}{% endblock content %}";
    let site = crate::support::generated_site(5);
    site.write("templates/list.html", list)
        .write("templates/mine.html", macros)
        .write("templates/release.html", release);
    let b = site.built();
    // Two a page, newest first; the home page's first is its lead story, not an item.
    let home = b.page("");
    assert!(home.contains("<ol class=\"items\"><li>Rilis Nomor 03</li></ol>"), "{home}");
    let tag = b.page("tag/haji/");
    assert!(tag.contains("<li>Rilis Nomor 04</li><li>Rilis Nomor 03</li></ol>"), "{tag}");
    // Every release shares the tag with the other four.
    let page = b.page("2023/01/rilis-02/");
    let related = crate::support::between(&page, "<ul class=\"related\">", "</ul>");
    assert_eq!(related.matches("<li>").count(), 4, "{related}");
    assert!(!related.contains("Rilis Nomor 02"), "{related}");

    // The same site with the built-in templates: the pages show cards, and no list of either.
    let plain = crate::support::generated_site(5).built();
    assert!(!plain.page("").contains("class=\"items\""));
    assert!(plain.page("2023/01/rilis-02/").contains("class=\"related\""));
}

/// A site `base.html` that adds to the theme's `head` block, as the theme's README shows: until
/// stop 47 the release template's own `head` block replaced it, so every page had the addition
/// but the releases'.
#[test]
fn a_site_base_head_addition_reaches_every_page_release_pages_too() {
    let site = crate::support::example();
    site.write(
        "templates/base.html",
        "{% extends \"theme/base.html\" %}{% block head %}{{ super() }}\
         <meta name=\"google-site-verification\" content=\"abc123\">{% endblock head %}",
    );
    let b = site.built();
    let pages: Vec<String> = b.files().into_keys().filter(|p| p.ends_with("index.html")).collect();
    assert!(pages.iter().any(|p| p.starts_with("2023/")), "release pages among them");
    for page in &pages {
        let html = b.read(page);
        if html.contains("http-equiv=\"refresh\"") {
            continue; // a redirect's page is not the theme's
        }
        assert_eq!(html.matches("google-site-verification").count(), 1, "{page}");
    }
    // The release's own additions stay.
    let release = b.page("2023/05/workshop-manajemen-media-sosial/");
    assert!(release.contains("name=\"warta:code\""));
}

/// Found by a tester with Lighthouse: every page linked `css/syntax.css` (16 KB that holds up
/// the first paint), though only a body with highlighted code uses it. The default theme links
/// it on those pages only; a theme that links it everywhere still finds the file.
#[test]
fn only_pages_with_highlighted_code_link_the_syntax_stylesheet() {
    const SYNTAX: &str = "<link rel=\"stylesheet\" href=\"/css/syntax.css\">";
    let site = crate::support::Site::empty();
    site.write(
        "site.yaml",
        "title: Humas\nbase_url: https://humas.example.go.id/\nunits:\n  kanwil-bali: {name: Kanwil \
         Kemenag Provinsi Bali, short: Humas Bali, place: Denpasar}\nauthors:\n  sn: {name: Suryani}\n",
    );
    let release = |title: &str, date: &str, body: &str| {
        format!(
            "---\ntitle: {title}\ndate: {date}\nauthor: sn\nunit: kanwil-bali\n---\n\
             Rapat koordinasi humas digelar hari ini di aula kantor.\n\n{body}\n"
        )
    };
    let code = "```yaml\ntitle: Rapat\n```";
    site.write("content/2023/05/kode.md", &release("Panduan Situs", "2023-05-15", code));
    let plain = "```\ntanpa bahasa\n```";
    site.write("content/2023/05/biasa.md", &release("Rapat Biasa", "2023-05-16", plain));
    site.write("content/pages/panduan.md", &format!("---\ntitle: Panduan\n---\n\n{code}\n"));
    site.write("content/pages/tentang.md", "---\ntitle: Tentang\n---\n\nTentang kami.\n");
    site.build().expect("builds");
    let page = |out: &str, path: &str| {
        let file = site.root().join(out).join(crate::support::index_of(path));
        std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    assert!(page("public", "2023/05/kode/").contains("data-lang=\"yaml\""));
    for (path, linked) in [
        ("2023/05/kode/", true),
        ("panduan/", true),
        ("2023/05/biasa/", false),
        ("tentang/", false),
        ("", false),
        ("unit/kanwil-bali/", false),
    ] {
        assert_eq!(page("public", path).matches(SYNTAX).count(), usize::from(linked), "{path}");
    }
    let css = std::fs::read_to_string(site.public().join("css/syntax.css")).expect("syntax.css");
    assert!(css.contains(".hl-"));

    // A theme of the office's own that links it on every page, as the default theme did.
    site.write(
        "templates/base.html",
        "{% extends \"theme/base.html\" %}{% block head %}{{ super() }}\
         <link rel=\"stylesheet\" href=\"/css/syntax.css\">{% endblock head %}",
    );
    site.build_into(&site.root().join("public2")).expect("builds");
    for path in ["2023/05/biasa/", "tentang/", ""] {
        assert!(page("public2", path).contains(SYNTAX), "{path}");
    }
    assert!(site.root().join("public2/css/syntax.css").is_file());
}
