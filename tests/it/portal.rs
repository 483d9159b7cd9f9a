//! The look of an official newsroom (issue 10): the icons drawn from `logo:` or the title, the
//! theme colour, the "Kontak Media" block, the home page's lead story and strips, the kinds of
//! content with their listings and feeds, and the print stylesheet.

use crate::support::{self, example, release_md, Built, Site};

/// A small site: `extra` is appended to its `site.yaml`, and it has three releases, the newest
/// an announcement.
fn small(extra: &str) -> Site {
    let site = Site::empty();
    site.write(
        "site.yaml",
        &format!(
            "title: Humas Kanwil Uji\nbase_url: https://example.go.id/\nper_page: 2\nunits:\n  \
             kanwil-bali: {{name: Kantor Wilayah Uji, short: Humas Bali, place: Denpasar}}\n  \
             madrasah: {{name: MAN 1 Uji, short: MAN 1, place: Denpasar}}\n\
             authors:\n  sn: {{name: Sri Nuraini}}\n{extra}"
        ),
    );
    site.write(
        "content/2023/05/a.md",
        &release_md("Rilis Satu", "2023-05-01", "kanwil-bali", "sn", &["haji"]),
    );
    site.write(
        "content/2023/05/b.md",
        &release_md("Rilis Dua", "2023-05-02", "madrasah", "sn", &["haji", "madrasah"]),
    );
    site.write(
        "content/2023/05/c.md",
        &release_md("Rilis Tiga", "2023-05-03", "kanwil-bali", "sn", &["zakat"])
            .replace("unit: kanwil-bali\n", "unit: kanwil-bali\nkind: pengumuman\n"),
    );
    site
}

/// Found by a tester after stop 68: a site of several units whose title is too long for a
/// phone's home screen and that has no `short:` kept the title as the manifest's `short_name`
/// without a word. The build says so, once, at site.yaml's title; `short:` quiets it.
#[test]
fn a_title_too_long_for_a_home_screen_without_short_is_warned_once() {
    let site = small("");
    let out = support::warta().args(["build", "--root"]).arg(site.root()).output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let warning = "warning: site.yaml:1: the title (16 characters) is the site's name under its \
                   icon on a phone's home screen (short_name of site.webmanifest)";
    assert_eq!(stderr.matches(warning).count(), 1, "{stderr}");
    assert!(stderr.contains("add short: to site.yaml"), "{stderr}");
    let short_name = || {
        let text = std::fs::read_to_string(site.public().join("site.webmanifest")).expect("read");
        let manifest: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        manifest["short_name"].as_str().expect("a short name").to_string()
    };
    assert_eq!(short_name(), "Humas Kanwil Uji");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).expect("read");
    site.write("site.yaml", &yaml.replace("\nbase_url", "\nshort: Kanwil Uji\nbase_url"));
    let summary = site.build().expect("builds");
    assert!(
        !summary.warnings.iter().any(|w| w.path.ends_with("site.yaml")),
        "{:?}",
        summary.warnings
    );
    assert_eq!(short_name(), "Kanwil Uji");
}

/// Found by a tester after stop 68: a tag typed in small letters headed its page, its feed
/// and its home strip so ("haji", "kerukunan umat beragama"), beside units' pages headed with
/// capitals. Headings are title-cased as a unit's name is typed; the release's own topic
/// links keep the tag as typed, and a tag typed with capitals is kept.
#[test]
fn a_tag_page_is_headed_with_the_tag_title_cased() {
    let site = small("home:\n  strips:\n    - {tag: haji}\n");
    let tags = ["kerukunan umat beragama", "PTSP", "zakat dan wakaf"];
    site.write(
        "content/2023/04/d.md",
        &release_md("Rilis Empat", "2023-04-30", "kanwil-bali", "sn", &tags),
    );
    let b = site.built();
    let heading = |path: &str| {
        let html = b.read(path);
        let h1 = support::between(&html, "<h1>", "</h1>")["<h1>".len()..].to_string();
        let title = support::between(&html, "<title>", "</title>")["<title>".len()..].to_string();
        (h1, title)
    };
    for (slug, want) in [
        ("haji", "Haji"),
        ("kerukunan-umat-beragama", "Kerukunan Umat Beragama"),
        ("ptsp", "PTSP"),
        ("zakat-dan-wakaf", "Zakat dan Wakaf"),
    ] {
        let (h1, title) = heading(&format!("tag/{slug}/index.html"));
        assert_eq!(h1, want);
        assert_eq!(title, format!("Topik: {want} – Humas Kanwil Uji"));
        let feed = b.read(&format!("tag/{slug}/feed.xml"));
        assert!(feed.contains(&format!("<title>{want} — Humas Kanwil Uji</title>")), "{feed}");
    }
    let home = b.read("index.html");
    assert!(home.contains("<h2 id=\"strip-1\">Haji</h2>"), "{home}");
    // The release's topics are links with the tags as typed.
    let page = b.read("2023/04/d/index.html");
    assert!(page.contains(">kerukunan umat beragama</a>"), "{page}");
    assert!(page.contains(">zakat dan wakaf</a>"), "{page}");
}

/// Found by a tester after stop 68: a release page showed five related cards in a grid of
/// three columns, a lonely row of two under a row of three. It shows six, which fill the rows
/// of one, two or three columns.
#[test]
fn a_release_shows_six_related_cards_that_fill_the_grid_s_rows() {
    let b = support::generated_site(9).built();
    let page = b.page("2023/01/rilis-04/");
    let related = support::between(&page, "<section class=\"related\"", "</section>");
    assert_eq!(related.matches("<article class=\"card").count(), 6, "{related}");
    assert!(!related.contains("Rilis Nomor 04"), "not itself: {related}");
}

/// Found by a tester after stop 67: the captions of Mastodon and Threads in `social.json` had
/// the lead without the press dateline the other long channels give it.
#[test]
fn mastodon_and_threads_captions_carry_the_press_dateline() {
    let b = small("").built();
    let social: serde_json::Value =
        serde_json::from_str(&b.read("2023/05/a/social.json")).expect("JSON");
    let dated = "\n\nDenpasar (Humas Bali) – Paragraf pertama rilis Rilis Satu.";
    for channel in ["mastodon", "threads", "telegram", "facebook", "whatsapp"] {
        let text = social["captions"][channel]["text"].as_str().expect("a caption");
        assert!(text.contains(dated), "{channel}: {text}");
    }
    for channel in ["x", "bluesky"] {
        let text = social["captions"][channel]["text"].as_str().expect("a caption");
        assert!(!text.contains("(Humas Bali) –"), "{channel}: {text}");
    }
}

/// The `href` of every `<link rel="…">` of a page.
fn link_hrefs(html: &str, rel: &str) -> Vec<String> {
    let needle = format!("rel=\"{rel}\"");
    support::elements(html, "link")
        .into_iter()
        .filter(|tag| tag.contains(&needle))
        .filter_map(|tag| support::attr_values(&format!(" {tag}"), "href").into_iter().next())
        .collect()
}

/// The PNG inside an icon file and its side, checked as a browser reads it.
fn png_side(bytes: &[u8]) -> u32 {
    let img = image::load_from_memory(bytes).expect("an image a browser can decode");
    assert_eq!(img.width(), img.height(), "icons are square");
    img.width()
}

#[test]
fn the_example_site_has_icons_from_its_logo_and_every_page_links_them() {
    let b = example().built();
    let ico = b.bytes("favicon.ico");
    assert_eq!(&ico[..4], &[0, 0, 1, 0], "an ICO header");
    let ico = image::load_from_memory_with_format(&ico, image::ImageFormat::Ico).expect("ICO");
    assert_eq!((ico.width(), ico.height()), (32, 32));
    assert_eq!(png_side(&b.bytes("apple-touch-icon.png")), 180);
    assert_eq!(png_side(&b.bytes("icon-192.png")), 192);
    assert_eq!(png_side(&b.bytes("icon-512.png")), 512);
    // The logo is a green disc on white: the corner is white, the centre's ring is not.
    let big = image::load_from_memory(&b.bytes("icon-512.png")).expect("PNG").to_rgb8();
    assert_eq!(big.get_pixel(2, 2).0, [255, 255, 255], "the logo sits on white");
    assert_eq!(big.get_pixel(256, 84).0, [0x0a, 0x5c, 0x36], "the logo's own green");
    let manifest: serde_json::Value =
        serde_json::from_str(&b.read("site.webmanifest")).expect("the manifest is JSON");
    assert_eq!(manifest["theme_color"], "#0a5c36");
    // `short:` of site.yaml, which a phone's home screen shows whole under the icon (it was the
    // title, cut there after about 12 characters).
    assert_eq!(manifest["name"], "Humas Kanwil Kementerian Agama Provinsi Bali");
    assert_eq!(manifest["short_name"], "Humas Bali");
    let icons: Vec<&str> = manifest["icons"]
        .as_array()
        .expect("icons")
        .iter()
        .filter_map(|i| i["src"].as_str())
        .collect();
    assert_eq!(icons, ["/icon-192.png", "/icon-512.png"]);
    for page in
        ["", "unit/kanwil-bali/", "2023/11/gerakan-zakat-asn-kemenag-badung/", "cari/", "arsip/"]
    {
        let html = b.page(page);
        assert_eq!(link_hrefs(&html, "icon"), ["/favicon.ico"], "{page}");
        assert_eq!(link_hrefs(&html, "apple-touch-icon"), ["/apple-touch-icon.png"]);
        assert_eq!(link_hrefs(&html, "manifest"), ["/site.webmanifest"]);
        assert!(html.contains(r##"<meta name="theme-color" content="#0a5c36">"##), "{page}");
        assert!(html.contains(r#"<img class="site-logo" src="/img/logo.svg""#), "{page}");
    }
    assert!(b.read("404.html").contains("/favicon.ico"));
}

#[test]
fn without_a_logo_the_icons_are_the_initials_on_the_theme_colour() {
    let b = small("theme_color: \"#1E3A8A\"\n").built();
    let icon = image::load_from_memory(&b.bytes("icon-192.png")).expect("PNG").to_rgb8();
    assert_eq!(icon.get_pixel(3, 3).0, [0x1e, 0x3a, 0x8a], "the background is the colour");
    let white = icon.pixels().filter(|p| p.0 == [255, 255, 255]).count();
    assert!(white > 192 * 192 / 20, "the letters are drawn in white ({white} pixels)");
    let home = b.page("");
    assert!(home.contains(r##"<meta name="theme-color" content="#1e3a8a">"##));
    // The stylesheet's colours follow, a darker one and a pale one made from it.
    assert!(home.contains("--accent: #1e3a8a; --accent-dark: #152961; --accent-soft: #e9ebf3;"));
    assert!(!home.contains("site-logo"), "no logo, no image in the header");
}

#[test]
fn a_colour_too_light_for_white_text_is_refused_with_its_contrast() {
    let e = small("theme_color: \"#7fbf7f\"\n").build_error();
    assert!(e.contains("site.yaml:9: field 'theme_color': #7fbf7f is too light"), "{e}");
    assert!(e.contains("contrast of 2.2:1"), "{e}");
    let e = small("theme_color: green\n").build_error();
    assert!(e.contains("field 'theme_color': expected a colour written #rrggbb"), "{e}");
}

#[test]
fn a_static_favicon_of_the_site_collides_with_the_drawn_one() {
    let site = small("");
    site.write("static/favicon.ico", "not an icon");
    let e = site.build_error();
    assert!(e.contains("favicon.ico"), "{e}");
    assert!(e.contains("static/favicon.ico"), "{e}");
    assert!(e.contains("logo or title"), "{e}");
}

#[test]
fn the_contact_block_links_phone_whatsapp_and_email_and_escapes_what_it_prints() {
    let b = small(
        "contact:\n  name: \"Humas <Uji> & Co\"\n  address: |\n    Jl. Satu No. 1,\n    Denpasar\n  \
         phone: \"(0361) 123-456\"\n  whatsapp: \"+62 812-3456-7890\"\n  email: humas@example.go.id\n  \
         hours: Senin–Jumat\nsocial:\n  instagram: \"@humasuji\"\n",
    )
    .built();
    let home = b.page("");
    let block = support::between(&home, r#"<section class="contact""#, "</section>");
    assert!(block.contains("Kontak Media"), "{block}");
    assert!(block.contains("<strong>Humas &lt;Uji&gt; &amp; Co</strong>"), "{block}");
    assert!(block.contains("<br>Jl. Satu No. 1<br>Denpasar"), "{block}");
    assert!(block.contains(r#"<a href="tel:0361123456">(0361) 123-456</a>"#), "{block}");
    assert!(block.contains(r#"<a href="https://wa.me/6281234567890">+62 812-3456-7890</a>"#));
    assert!(block.contains(r#"<a href="mailto:humas@example.go.id">humas@example.go.id</a>"#));
    assert!(block.contains("Jam layanan: Senin–Jumat"), "{block}");
    let footer = support::between(&home, "<footer", "</footer>");
    assert!(
        footer.contains(r#"<a href="https://www.instagram.com/humasuji" rel="me">Instagram</a>"#)
    );
    // The footer is the same on every page.
    assert!(b.page("unit/madrasah/").contains(block));
}

#[test]
fn contact_values_are_checked() {
    let e = small("contact:\n  email: humas at example\n  whatsapp: \"0812 3456\"\n").build_error();
    assert!(e.contains("field 'contact.email': expected an e-mail address"), "{e}");
    assert!(
        e.contains("field 'contact.whatsapp': expected the number with its country code"),
        "{e}"
    );
}

#[test]
fn the_home_page_leads_with_the_newest_release_then_the_grid_then_the_strips() {
    let b = small("home:\n  strips:\n    - {unit: madrasah, title: Madrasah}\n    - {tag: Haji}\n    - {tag: belum-ada}\n")
        .built();
    let home = b.page("");
    let lead = support::between(&home, r#"<article class="lead-story">"#, "</article>");
    assert!(lead.contains(r#"<a href="/2023/05/c/">Rilis Tiga</a>"#), "{lead}");
    assert!(lead.contains("Paragraf pertama rilis Rilis Tiga."), "the whole lead paragraph");
    // per_page is 2: the grid shows the second newest only; the lead is not repeated in it.
    let grid = support::between(&home, r#"<div class="cards">"#, "</main>");
    assert!(!grid.split("strip").next().unwrap_or_default().contains("Rilis Tiga"));
    assert!(grid.contains("Rilis Dua"));
    let strips: Vec<&str> = home.split(r#"<section class="strip""#).skip(1).collect();
    assert_eq!(strips.len(), 2, "a strip of a tag no release has is left out");
    assert!(
        strips[0].contains(">Madrasah</h2>") && strips[0].contains(r#"href="/unit/madrasah/""#)
    );
    assert!(strips[1].contains(">Haji</h2>") && strips[1].contains(r#"href="/tag/haji/""#));
    assert_eq!(strips[1].matches(r#"class="card""#).count(), 2, "both haji releases");
    assert!(strips[1].contains("<h3 class=\"card-title\">"), "cards under the strip's h2");
    // Only the first page has them.
    let second = b.page("page/2/");
    assert!(!second.contains("lead-story") && !second.contains("class=\"strip\""));
    assert!(second.contains("Rilis Satu"));
}

#[test]
fn a_strip_of_an_unknown_unit_or_of_nothing_is_an_error() {
    let e = small("home:\n  strips:\n    - {unit: nope}\n    - {title: Kosong}\n").build_error();
    assert!(e.contains("field 'home.strips.0': unknown unit \"nope\""), "{e}");
    assert!(e.contains("field 'home.strips.1': give either unit: or tag:"), "{e}");
}

#[test]
fn each_kind_has_its_listing_and_feeds_and_a_label_on_cards_and_pages() {
    let b = small("").built();
    let list = b.page("jenis/pengumuman/");
    assert!(list.contains("<h1>Pengumuman</h1>"), "{list}");
    assert!(list.contains("Rilis Tiga") && !list.contains("Rilis Dua"));
    let berita = b.page("jenis/berita/");
    assert!(berita.contains("Rilis Dua") && berita.contains("Rilis Satu"));
    assert!(!berita.contains(">Rilis Tiga<"));
    assert!(!b.has("jenis/artikel/index.html"), "a kind without releases has no listing");
    for (rel, titles) in [
        ("jenis/pengumuman/feed.xml", vec!["Rilis Tiga"]),
        ("jenis/pengumuman/atom.xml", vec!["Rilis Tiga"]),
        ("jenis/pengumuman/feed.json", vec!["Rilis Tiga"]),
        ("jenis/berita/feed.xml", vec!["Rilis Dua", "Rilis Satu"]),
    ] {
        let feed = b.feed(rel);
        let got: Vec<String> = feed
            .entries
            .iter()
            .filter_map(|e| e.title.as_ref().map(|t| t.content.clone()))
            .collect();
        assert_eq!(got, titles, "{rel}");
    }
    assert!(list.contains(r#"<link rel="alternate" type="application/rss+xml""#));
    let page = b.page("2023/05/c/");
    assert!(
        page.contains(r#"<p class="kind-label"><a href="/jenis/pengumuman/">Pengumuman</a></p>"#)
    );
    let home = b.page("");
    assert!(home.contains(r#"<p class="kind-label"><a href="/jenis/berita/">Berita</a></p>"#));
    // The breadcrumbs lead home, and the footer lists the kinds that have releases.
    assert!(list.contains(r#""@type":"BreadcrumbList""#));
    let footer = support::between(&home, "<footer", "</footer>");
    assert!(footer.contains(r#"<a href="/jenis/pengumuman/">Pengumuman</a>"#));
    assert!(!footer.contains("/jenis/agenda/"));
    let sitemap = support::sitemap_locs(&b.read("sitemap.xml"));
    assert!(sitemap.contains(&"https://example.go.id/jenis/pengumuman/".to_string()));
}

#[test]
fn kinds_of_the_sites_own_take_their_names_and_an_unknown_kind_is_named() {
    let b =
        small("kinds:\n  berita:\n  pengumuman: Maklumat\n  siaran-pers: Siaran Pers\n").built();
    assert!(b.page("jenis/pengumuman/").contains("<h1>Maklumat</h1>"));
    assert!(b.page("2023/05/a/").contains(">Berita</a></p>"), "the theme names an unnamed kind");
    let site = small("kinds:\n  siaran-pers: Siaran Pers\n  pengumuman:\n");
    let b = site.built();
    assert!(
        b.page("2023/05/a/").contains(r#"<a href="/jenis/siaran-pers/">Siaran Pers</a>"#),
        "the first kind is the default"
    );
    let site = small("");
    site.write(
        "content/2023/06/d.md",
        &release_md("Rilis Empat", "2023-06-01", "kanwil-bali", "sn", &[])
            .replace("unit: kanwil-bali\n", "unit: kanwil-bali\nkind: maklumat\n"),
    );
    let e = site.build_error();
    assert!(
        e.contains("content/2023/06/d.md:6: field 'kind': unknown kind \"maklumat\"; expected one of berita, pengumuman, artikel, agenda"),
        "{e}"
    );
    let e = small("kinds:\n  \"Siaran Pers\": x\n").build_error();
    assert!(e.contains("field 'kinds.Siaran Pers'"), "{e}");
}

#[test]
fn a_release_prints_as_a_press_release() {
    let b: Built = example().built();
    let css = b.read("css/style.css");
    let print = support::between(&css, "@media print {", "\n}\n");
    for hidden in
        [".site-header", ".site-footer", ".breadcrumbs", ".share", ".related", ".site-search"]
    {
        assert!(print.contains(hidden), "print hides {hidden}: {print}");
    }
    assert!(print.contains(".letterhead { display: flex"), "{print}");
    assert!(print.contains(".print-url { display: block"), "{print}");
    let page = b.page("2023/11/gerakan-zakat-asn-kemenag-badung/");
    assert!(
        page.contains(r#"<div class="letterhead"><img src="/img/logo.svg""#),
        "the site's logo, the unit having none"
    );
    assert!(page.contains(r#"class="print-url""#));
    assert!(page.contains(r#"<link rel="stylesheet" href="/css/style.css">"#));
}

/// A unit's `logo:` that names no file: until stop 47 it built, and the unit index, the
/// printed letterhead and the JSON-LD pointed to a missing image.
#[test]
fn a_units_logo_that_is_not_a_file_is_an_error_at_its_line() {
    let site = small("");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    let yaml = yaml.replace(
        "madrasah: {name: MAN 1 Uji, short: MAN 1, place: Denpasar}",
        "madrasah:\n    name: MAN 1 Uji\n    short: MAN 1\n    place: Denpasar\n    logo: /img/man1.png",
    );
    site.write("site.yaml", &yaml);
    let e = site.build_error();
    assert!(
        e.contains(
            "site.yaml:10: field 'units.madrasah.logo': /img/man1.png is not a file of the site"
        ),
        "{e}"
    );
}

/// A logo file that is not an image, is cut short, or is an SVG that does not parse: until
/// stop 47 the build drew blank white icons without a word.
#[test]
fn a_logo_that_cannot_be_drawn_is_an_error_naming_it() {
    let mut png = Vec::new();
    image::RgbImage::from_pixel(64, 64, image::Rgb([200, 0, 0]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("PNG");
    for (name, bytes) in [
        ("logo.png", b"<html>halaman</html>".to_vec()),
        ("logo.png", png[..png.len() / 2].to_vec()),
        ("logo.svg", b"<svg><g></svg>".to_vec()),
    ] {
        let site = small(&format!("logo: /img/{name}\n"));
        let file = site.root().join(format!("static/img/{name}"));
        std::fs::create_dir_all(file.parent().expect("a folder")).expect("folder");
        std::fs::write(file, bytes).expect("write");
        let e = site.build_error();
        assert!(e.contains(&format!("the image /img/{name} ")), "{e}");
        assert!(e.contains("replace it"), "{e}");
        assert_eq!(e.matches("error found").count(), 1, "said once: {e}");
        assert!(!site.public().exists(), "nothing was written");
    }
}

#[test]
fn a_logo_that_is_not_a_file_of_the_site_is_an_error_at_its_line() {
    let e = small("logo: /img/logo kantor.png\n").build_error();
    assert!(
        e.contains(
            "site.yaml:9: field 'logo': /img/logo kantor.png is not a file of the site: put the \
             logo at static/img/logo kantor.png"
        ),
        "{e}"
    );
    let site = small("logo: /img/logo%20kantor.png\n");
    site.write("static/img/logo kantor.png", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\"><rect width=\"8\" height=\"8\" fill=\"#c00\"/></svg>");
    let b = site.built();
    let icon = image::load_from_memory(&b.bytes("icon-192.png")).expect("PNG").to_rgb8();
    assert_eq!(icon.get_pixel(96, 96).0, [0xcc, 0, 0], "drawn from the logo's file");
    // A logo at an address is not downloaded: the header shows it, the icons are initials.
    let b = small("logo: https://example.go.id/logo.png\n").built();
    assert!(b.page("").contains(r#"src="https://example.go.id/logo.png""#));
}

/// An RGBA PNG `width`×`height`: a green disc on a transparent square, as a logo is drawn.
fn logo_png(width: u32, height: u32) -> Vec<u8> {
    let (cx, cy, r) = (width as f32 / 2.0, height as f32 / 2.0, width.min(height) as f32 / 2.0);
    let img = image::RgbaImage::from_fn(width, height, |x, y| {
        let (dx, dy) = (x as f32 - cx, y as f32 - cy);
        if dx * dx + dy * dy < r * r {
            image::Rgba([0x0a, 0x5c, 0x36, 255])
        } else {
            image::Rgba([0, 0, 0, 0])
        }
    });
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png).expect("PNG");
    out
}

/// The logo an office has is its ministry's file, 3000 px wide: until stop 61 every page linked
/// it, to show it 44 px wide, and a phone loaded the whole file with each first page it opened.
/// Now pages show a file scaled into 576×192 px, in the logo's own format (a PNG keeps its
/// transparency); the file itself is still published, and the feeds and structured data point
/// to it. Replacing the logo with a small one links that one again, in an incremental build as
/// in a clean one.
#[test]
fn a_large_logo_is_shown_from_a_file_the_size_pages_show_it() {
    let site = small("logo: /img/logo.png\n");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        &yaml.replace(
            "madrasah: {name: MAN 1 Uji, short: MAN 1, place: Denpasar}",
            "madrasah: {name: MAN 1 Uji, short: MAN 1, place: Denpasar, logo: /img/man1.jpg}",
        ),
    );
    let logo = logo_png(3000, 3000);
    site.put("static/img/logo.png", &logo);
    site.put("static/img/man1.jpg", &support::photo_jpeg(2400, 800));
    site.build().expect("builds");
    let read = |rel: &str| std::fs::read(site.public().join(rel)).expect(rel);
    let page = |rel: &str| String::from_utf8(read(rel)).expect("UTF-8");

    let home = page("index.html");
    assert!(home.contains(r#"<img class="site-logo" src="/img/logo-192x192.png""#), "{home}");
    let small_logo = image::load_from_memory(&read("img/logo-192x192.png")).expect("a PNG");
    assert_eq!((small_logo.width(), small_logo.height()), (192, 192));
    let small_logo = small_logo.to_rgba8();
    assert_eq!(small_logo.get_pixel(1, 1).0[3], 0, "the corner stays transparent");
    assert_eq!(small_logo.get_pixel(96, 96).0, [0x0a, 0x5c, 0x36, 255], "the logo's green");
    assert!(read("img/logo-192x192.png").len() * 10 < logo.len(), "a tenth of the file");
    assert_eq!(read("img/logo.png"), logo, "the logo's own file is published as it is");

    // A unit's logo, a wide JPEG, on its page, on its releases' printed letterhead, and on
    // the index of units; its feed and the structured data name the file itself.
    let unit = page("unit/madrasah/index.html");
    assert!(unit.contains(r#"<img class="logo" src="/img/man1-576x192.jpg""#), "{unit}");
    let wide = image::load_from_memory(&read("img/man1-576x192.jpg")).expect("a JPEG");
    assert_eq!((wide.width(), wide.height()), (576, 192));
    let release = page("2023/05/b/index.html");
    assert!(release.contains(r#"<div class="letterhead"><img src="/img/man1-576x192.jpg""#));
    assert!(page("unit/index.html").contains(r#"src="/img/man1-576x192.jpg""#));
    assert!(
        page("unit/madrasah/feed.xml").contains("<url>https://example.go.id/img/man1.jpg</url>")
    );
    assert!(
        release.contains(
            r#""logo":{"@type":"ImageObject","url":"https://example.go.id/img/man1.jpg"}"#
        ),
        "{release}"
    );

    // A small logo in its place: shown as it is, and the scaled file of the large one goes.
    site.put("static/img/logo.png", &logo_png(120, 120));
    site.build().expect("builds again");
    assert!(page("index.html").contains(r#"<img class="site-logo" src="/img/logo.png""#));
    assert!(!site.public().join("img/logo-192x192.png").exists());
    let clean = site.root().join("clean");
    warta::build(&warta::BuildOptions { clean: true, ..support::options(site.root(), &clean) })
        .expect("a clean build");
    assert!(support::tree(&site.public()) == support::tree(&clean), "as a clean build");
}
