//! Link previews (`tests/fixtures/previews/site`): Open Graph, X card, JSON-LD, canonical,
//! robots and feed links in every page's head, share buttons on release pages, and front
//! matter that tries to break out of an attribute or the JSON-LD script.

use crate::support::{attr_values, between, build_fixture, elements, Built, Site};
use serde_json::Value;

const FIXTURE: &str = "previews/site";
const BASE: &str = "https://example.go.id/";
/// Photo in its bundle, two authors, an update, a unit with an X `@handle` and a logo.
const WORKSHOP: &str = "2023/05/workshop-media-sosial/";
/// No photo; its unit's X account is written as a twitter.com URL.
const NO_PHOTO: &str = "2023/06/rapat-tanpa-foto/";
/// Title and summary written to break out of HTML and of the script; a unit without X.
const HOSTILE: &str = "2023/07/rilis-berbahaya/";
const HOSTILE_TITLE: &str = r#"Rilis <script>alert(1)</script> "kutip" & 'apos' ]]> akhir"#;
const HOSTILE_SUMMARY: &str = "</script><script>x()</script>";
const JSON_LD: &str = "<script type=\"application/ld+json\">";

fn built() -> Built {
    build_fixture(FIXTURE)
}

/// The `content` of every `<meta property="key">` or `<meta name="key">`, entities decoded.
fn meta(html: &str, key: &str) -> Vec<String> {
    let (property, name) = (format!("property=\"{key}\""), format!("name=\"{key}\""));
    elements(html, "meta")
        .into_iter()
        .filter(|tag| tag.contains(&property) || tag.contains(&name))
        .flat_map(|tag| attr_values(&format!(" {tag}"), "content"))
        .collect()
}

/// The single `content` of a meta tag; fails if it is missing or repeated.
fn one(html: &str, key: &str) -> String {
    let values = meta(html, key);
    assert_eq!(values.len(), 1, "{key}: expected one value, got {values:?}");
    values[0].clone()
}

/// `(type, href)` of every `<link rel="alternate">`.
fn alternates(html: &str) -> Vec<(String, String)> {
    elements(html, "link")
        .into_iter()
        .filter(|tag| tag.contains("rel=\"alternate\""))
        .map(|tag| {
            let tag = format!(" {tag}");
            (attr_values(&tag, "type").concat(), attr_values(&tag, "href").concat())
        })
        .collect()
}

/// The three feeds of a folder, as `alternates` lists them.
fn feeds_of(dir: &str) -> Vec<(String, String)> {
    [
        ("application/rss+xml", "feed.xml"),
        ("application/atom+xml", "atom.xml"),
        ("application/feed+json", "feed.json"),
    ]
    .map(|(kind, file)| (kind.to_string(), format!("/{dir}{file}")))
    .to_vec()
}

/// The body of the page's JSON-LD script, up to the first `</script>`.
fn json_ld_text(html: &str) -> &str {
    &between(html, JSON_LD, "</script>")[JSON_LD.len()..]
}

/// The page's JSON-LD, parsed.
fn json_ld(html: &str) -> Value {
    let text = json_ld_text(html);
    serde_json::from_str(text).unwrap_or_else(|e| panic!("the JSON-LD does not parse: {e}\n{text}"))
}

/// The `<head>` element of a page.
fn head(html: &str) -> String {
    format!("{}</head>", between(html, "<head>", "</head>"))
}

// ---------------------------------------------------------------- release pages

#[test]
fn release_page_has_open_graph_and_article_tags() {
    let html = built().page(WORKSHOP);
    let url = format!("{BASE}{WORKSHOP}");
    let expected = [
        ("og:type", "article"),
        ("og:title", "Workshop Media Sosial untuk Pengelola Kehumasan"),
        (
            "og:description",
            "Kepala Kanwil membuka workshop manajemen media sosial bagi pengelola kehumasan.",
        ),
        ("og:url", url.as_str()),
        ("og:site_name", "Humas Kanwil Uji"),
        ("og:locale", "id_ID"),
        ("og:image:type", "image/jpeg"),
        ("og:image:width", "640"),
        ("og:image:height", "336"),
        ("og:image:alt", "Peserta workshop di aula Kanwil"),
        ("article:published_time", "2023-05-15T09:00:00+08:00"),
        ("article:modified_time", "2023-05-16T14:30:00+08:00"),
        ("article:section", "Kantor Wilayah Kementerian Agama Provinsi Bali"),
    ];
    for (key, value) in expected {
        assert_eq!(one(&html, key), value, "{key}");
    }
    // The 1200×630 crop of the photo, as large as the 640×480 photo allows.
    assert_eq!(one(&html, "og:image"), format!("{url}social-1200x630.jpg"));
    assert_eq!(meta(&html, "article:tag"), ["media sosial", "kehumasan"]);
}

#[test]
fn release_page_has_a_large_x_card_with_the_units_handle() {
    let html = built().page(WORKSHOP);
    assert_eq!(one(&html, "twitter:card"), "summary_large_image");
    assert_eq!(one(&html, "twitter:site"), "@kemenagbali");
    assert_eq!(one(&html, "twitter:title"), "Workshop Media Sosial untuk Pengelola Kehumasan");
    assert_eq!(
        one(&html, "twitter:description"),
        "Kepala Kanwil membuka workshop manajemen media sosial bagi pengelola kehumasan."
    );
    assert_eq!(one(&html, "twitter:image"), format!("{BASE}{WORKSHOP}social-1200x630.jpg"));
    assert_eq!(one(&html, "twitter:image:alt"), "Peserta workshop di aula Kanwil");
}

#[test]
fn release_page_has_canonical_robots_and_description() {
    let html = built().page(WORKSHOP);
    let canonical: Vec<String> = elements(&html, "link")
        .into_iter()
        .filter(|tag| tag.contains("rel=\"canonical\""))
        .flat_map(|tag| attr_values(&format!(" {tag}"), "href"))
        .collect();
    assert_eq!(canonical, [format!("{BASE}{WORKSHOP}")]);
    assert!(!one(&html, "og:url").contains('?'), "no tracking parameters");
    assert_eq!(one(&html, "robots"), "index, follow, max-image-preview:large");
    assert_eq!(
        one(&html, "description"),
        "Kepala Kanwil membuka workshop manajemen media sosial bagi pengelola kehumasan."
    );
}

#[test]
fn release_json_ld_is_a_news_article() {
    let html = built().page(WORKSHOP);
    let ld = json_ld(&html);
    let url = format!("{BASE}{WORKSHOP}");
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["headline"], "Workshop Media Sosial untuk Pengelola Kehumasan");
    assert_eq!(
        ld["description"],
        "Kepala Kanwil membuka workshop manajemen media sosial bagi pengelola kehumasan."
    );
    // The photo at its largest size, then the crops of shared links (Google asks for several
    // shapes).
    let image = &ld["image"][0];
    assert_eq!(image["@type"], "ImageObject");
    assert_eq!(image["url"], format!("{url}foto-640.png"));
    assert_eq!((image["width"].as_u64(), image["height"].as_u64()), (Some(640), Some(480)));
    let shapes: Vec<_> = ld["image"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|i| (i["width"].as_u64(), i["height"].as_u64()))
        .collect();
    assert_eq!(
        shapes,
        [
            (Some(640), Some(480)),
            (Some(640), Some(336)),
            (Some(480), Some(480)),
            (Some(384), Some(480))
        ]
    );
    assert_eq!(ld["datePublished"], "2023-05-15T09:00:00+08:00");
    assert_eq!(ld["dateModified"], "2023-05-16T14:30:00+08:00");
    let authors: Vec<&Value> = ld["author"].as_array().expect("a list of authors").iter().collect();
    assert!(authors.iter().all(|a| a["@type"] == "Person"));
    let names: Vec<&str> = authors.iter().filter_map(|a| a["name"].as_str()).collect();
    assert_eq!(names, ["Sri Nuraini", "Ratna Ayu"]);
    assert_eq!(ld["publisher"]["@type"], "Organization");
    assert_eq!(ld["publisher"]["name"], "Humas Kanwil Uji");
    assert_eq!(ld["publisher"]["url"], BASE);
    assert_eq!(ld["publisher"]["logo"]["url"], format!("{BASE}img/logo.png"));
    let source = &ld["sourceOrganization"];
    assert_eq!(source["@type"], "Organization");
    assert_eq!(source["name"], "Kantor Wilayah Kementerian Agama Provinsi Bali");
    assert_eq!(source["url"], format!("{BASE}unit/kanwil-bali/"));
    assert_eq!(ld["mainEntityOfPage"]["@type"], "WebPage");
    assert_eq!(ld["mainEntityOfPage"]["@id"], url);
    assert_eq!(ld["inLanguage"], "id");
    assert_eq!(ld["keywords"], serde_json::json!(["media sosial", "kehumasan"]));
    assert_eq!(ld["articleSection"], "Kantor Wilayah Kementerian Agama Provinsi Bali");
}

#[test]
fn release_without_photo_gets_a_drawn_card() {
    let html = built().page(NO_PHOTO);
    let card = format!("{BASE}{NO_PHOTO}social-1200x630.jpg");
    assert_eq!(one(&html, "twitter:card"), "summary_large_image");
    assert_eq!(one(&html, "og:image"), card);
    assert_eq!(one(&html, "twitter:image"), card);
    assert_eq!(
        (one(&html, "og:image:width"), one(&html, "og:image:height")),
        ("1200".into(), "630".into())
    );
    // No photo on the page, and the card is not passed off as one: JSON-LD lists the card only
    // with the crops of shared links.
    let ld = json_ld(&html);
    let urls: Vec<_> =
        ld["image"].as_array().expect("a list").iter().map(|i| i["url"].clone()).collect();
    assert_eq!(urls[0], card.as_str());
    // A date without a time: midnight in the site's zone, with the offset.
    assert_eq!(one(&html, "article:published_time"), "2023-06-02T00:00:00+08:00");
    assert_eq!(one(&html, "article:modified_time"), "2023-06-02T00:00:00+08:00");
}

/// Found by a tester with Google's Rich Results Test: a 183-character title went whole into
/// the JSON-LD's `headline`, over the 110 characters Google reads.
#[test]
fn a_long_title_is_cut_in_the_json_ld_headline_and_the_x_card_not_in_og_title() {
    let title = "Kantor Wilayah Kementerian Agama Provinsi Bali Menggelar Rapat Koordinasi \
        Kehumasan dan Workshop Pengelolaan Media Sosial bagi Seluruh Pengelola Kehumasan \
        Kabupaten dan Kota se-Bali & \"Tamu\"";
    assert!(title.chars().count() > 183);
    let site = Site::fixture(FIXTURE);
    let path = "content/2023/06/rapat-tanpa-foto.md";
    let text = std::fs::read_to_string(site.root().join(path)).expect("the release");
    let text = text.replace("title: Rapat Koordinasi Tanpa Foto", &format!("title: '{title}'"));
    site.write(path, &text);
    let html = site.built().page(NO_PHOTO);
    let ld = json_ld(&html);
    let headline = ld["headline"].as_str().expect("a headline");
    assert!(headline.chars().count() <= 110, "{headline}");
    let kept = headline.strip_suffix('…').expect("cut with an ellipsis");
    assert!(title.starts_with(kept) && title[kept.len()..].starts_with(' '), "{headline}");
    assert_eq!(ld["name"], title);
    // Open Graph has no such limit: the apps cut the title themselves. X's card markup allows
    // 70 characters.
    assert_eq!(one(&html, "og:title"), title);
    let x = one(&html, "twitter:title");
    assert!(x.chars().count() <= 70, "{x}");
    let kept = x.strip_suffix('…').expect("cut with an ellipsis");
    assert!(title.starts_with(kept) && title[kept.len()..].starts_with(' '), "{x}");
    // A title that fits is the headline, with no `name` beside it.
    let ld = json_ld(&built().page(WORKSHOP));
    assert!(ld.get("name").is_none(), "{ld}");
}

#[test]
fn x_handle_written_as_a_url_becomes_an_at_name() {
    assert_eq!(one(&built().page(NO_PHOTO), "twitter:site"), "@kemenagbadung");
}

#[test]
fn unit_without_an_x_account_has_no_twitter_site() {
    assert!(meta(&built().page(HOSTILE), "twitter:site").is_empty());
}

#[test]
fn share_buttons_are_plain_links_including_whatsapp_and_telegram() {
    let html = built().page(WORKSHOP);
    let share = between(&html, "<div class=\"share\">", "</div>");
    let hrefs = attr_values(share, "href");
    let wa = hrefs.iter().find(|h| h.starts_with("https://wa.me/?text=")).expect("WhatsApp");
    assert!(wa.contains("utm_source%3Dwhatsapp"), "{wa}");
    let tg = hrefs.iter().find(|h| h.starts_with("https://t.me/share/url?url=")).expect("Telegram");
    assert!(tg.contains("utm_source%3Dtelegram"), "{tg}");
    for prefix in ["https://www.facebook.com/sharer/", "https://x.com/intent/post?"] {
        assert!(hrefs.iter().any(|h| h.starts_with(prefix)), "{prefix}");
    }
    assert!(share.contains(">WhatsApp</a>") && share.contains(">Telegram</a>"));
    assert!(!share.contains("target="));
    // Only the theme's own script (the copy buttons), none from elsewhere.
    let scripts = crate::support::elements(&html, "script");
    let ours = |s: &&str| {
        s.starts_with("src=\"/js/")
            || *s == "type=\"application/ld+json\""
            || *s == "type=\"application/json\" id=\"warta-teks\""
    };
    assert!(scripts.iter().all(ours), "{scripts:?}");
}

#[test]
fn every_channels_caption_is_on_the_page_to_copy_as_social_json_has_it() {
    let b = built();
    let html = b.page(WORKSHOP);
    let json: serde_json::Value =
        serde_json::from_str(&b.read(&format!("{WORKSHOP}social.json"))).expect("JSON");
    let block = between(&html, "<details class=\"captions\">", "</details>");
    assert!(block.contains("<summary>Teks siap unggah</summary>"), "{block}");
    let captions = json["captions"].as_object().expect("captions");
    assert_eq!(captions.len(), 8);
    for (channel, caption) in captions {
        let start = format!("<textarea id=\"caption-{channel}\" readonly rows=\"8\">");
        let text =
            between(block, &start, "</textarea>").strip_prefix(start.as_str()).expect("text");
        // The page escapes it; a browser's textarea gives back the caption, line breaks and all.
        assert_eq!(
            crate::support::decode(text),
            caption["text"].as_str().expect("text"),
            "{channel}"
        );
        let button = format!("data-copy=\"caption-{channel}\" data-done=\"Tersalin\" aria-live=\"polite\" hidden>Salin teks</button>");
        assert!(block.contains(&button), "{channel}: {block}");
    }
    // Without JavaScript the buttons stay hidden; the script that shows them is the theme's.
    assert!(html.contains("<script src=\"/js/share.js\" defer></script>"));
    assert!(b.has("js/share.js"));
}

// ---------------------------------------------------------------- listings and other pages

#[test]
fn home_page_is_a_website() {
    let html = built().page("");
    assert_eq!(one(&html, "og:type"), "website");
    assert_eq!(one(&html, "og:title"), "Humas Kanwil Uji");
    assert_eq!(one(&html, "og:description"), "Siaran pers resmi Kanwil Uji.");
    assert_eq!(one(&html, "og:url"), BASE);
    assert_eq!(one(&html, "og:site_name"), "Humas Kanwil Uji");
    assert_eq!(one(&html, "og:locale"), "id_ID");
    assert_eq!(one(&html, "twitter:card"), "summary");
    let ld = json_ld(&html);
    assert_eq!(ld["@type"], "WebSite");
    assert_eq!(ld["name"], "Humas Kanwil Uji");
    assert_eq!(ld["url"], BASE);
    assert_eq!(ld["inLanguage"], "id");
    assert_eq!(ld["publisher"]["name"], "Humas Kanwil Uji");
}

/// Found by helper-32, stop 66: the home page, a unit's, a topic's and a month's had no
/// `og:image`, and their shared links no picture. They show the site's icon.
#[test]
fn pages_without_a_photo_of_their_own_share_the_sites_icon() {
    let b = built();
    for page in ["", "unit/kanwil-bali/", "tag/kehumasan/", "arsip/", "cari/"] {
        let html = b.page(page);
        assert_eq!(one(&html, "og:image"), format!("{BASE}icon-512.png"), "{page}");
        assert_eq!(one(&html, "og:image:width"), "512", "{page}");
        assert_eq!(one(&html, "twitter:image"), format!("{BASE}icon-512.png"), "{page}");
        assert_eq!(one(&html, "twitter:card"), "summary", "{page}");
    }
    assert!(b.has("icon-512.png"));
}

#[test]
fn tag_page_is_a_collection_page() {
    let html = built().page("tag/kehumasan/");
    assert_eq!(one(&html, "og:type"), "website");
    assert_eq!(one(&html, "og:url"), format!("{BASE}tag/kehumasan/"));
    assert_eq!(one(&html, "twitter:card"), "summary");
    let ld = json_ld(&html);
    assert_eq!(ld["@type"], "CollectionPage");
    // The page's name is its heading, title-cased; what it is about is the tag as typed.
    assert_eq!(ld["name"], "Kehumasan");
    assert_eq!(ld["url"], format!("{BASE}tag/kehumasan/"));
    assert_eq!(ld["isPartOf"]["@type"], "WebSite");
    assert_eq!(ld["isPartOf"]["url"], BASE);
    assert_eq!(ld["about"]["name"], "kehumasan");
    let items = ld["mainEntity"]["itemListElement"].as_array().expect("an item list");
    assert_eq!(items.len(), 2, "the first page of two per page");
    assert_eq!(items[0]["url"], format!("{BASE}{HOSTILE}"));
}

#[test]
fn unit_page_is_a_collection_page_about_the_unit() {
    let html = built().page("unit/kanwil-bali/");
    assert_eq!(one(&html, "og:type"), "website");
    assert_eq!(one(&html, "twitter:site"), "@kemenagbali");
    let ld = json_ld(&html);
    assert_eq!(ld["@type"], "CollectionPage");
    assert_eq!(ld["about"]["@type"], "Organization");
    assert_eq!(ld["about"]["name"], "Kantor Wilayah Kementerian Agama Provinsi Bali");
    assert_eq!(ld["about"]["url"], format!("{BASE}unit/kanwil-bali/"));
}

#[test]
fn a_later_page_is_its_own_canonical() {
    let html = built().page("page/2/");
    assert_eq!(one(&html, "og:url"), format!("{BASE}page/2/"));
    assert!(attr_values(&html, "href").contains(&format!("{BASE}page/2/")));
    assert_eq!(json_ld(&html)["@id"], format!("{BASE}page/2/"));
}

#[test]
fn feeds_are_advertised_where_they_belong() {
    let b = built();
    let site = feeds_of("");
    assert_eq!(alternates(&b.page("")), site);
    assert_eq!(
        alternates(&b.page(WORKSHOP)),
        [site.clone(), feeds_of("unit/kanwil-bali/")].concat()
    );
    assert_eq!(
        alternates(&b.page("tag/kehumasan/")),
        [site.clone(), feeds_of("tag/kehumasan/")].concat()
    );
    assert_eq!(
        alternates(&b.page("unit/kemenag-badung/")),
        [site.clone(), feeds_of("unit/kemenag-badung/")].concat()
    );
    assert_eq!(alternates(&b.page("unit/")), site, "an index page: the site's feeds only");
}

/// The "not found" page has no JSON-LD; it has no `noindex` either, since the server sends it
/// with status 404, which keeps it out of search engines (and `noindex` failed Lighthouse's SEO
/// audit of the page, which issue 10 asks at 0.95).
#[test]
fn not_found_page_has_no_json_ld_and_leaves_indexing_to_its_status() {
    let html = built().read("404.html");
    assert_ne!(one(&html, "robots"), "noindex");
    assert!(!html.contains(JSON_LD));
}

#[test]
fn locale_follows_the_site_language() {
    let site = Site::fixture(FIXTURE);
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    site.write("site.yaml", &yaml.replace("language: id", "language: en"));
    let b = site.built();
    assert_eq!(one(&b.page(WORKSHOP), "og:locale"), "en_US");
    assert_eq!(json_ld(&b.page(WORKSHOP))["inLanguage"], "en");
}

// ---------------------------------------------------------------- hostile front matter

#[test]
fn hostile_front_matter_cannot_leave_the_json_ld_script() {
    let html = built().page(HOSTILE);
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("<script>x()"));
    let script = json_ld_text(&html);
    assert!(!script.contains('<') && !script.contains('>'), "{script}");
    // Only the end tags of the JSON-LD, of the breadcrumbs' JSON-LD, of the copy buttons'
    // script and of the canonical text (a JSON string, `<` escaped): the captions and
    // breadcrumbs on the page, which carry the title, are escaped too.
    assert_eq!(html.matches("</script>").count(), 4, "{html}");
    let teks = crate::support::between(&html, "id=\"warta-teks\">", "</script>");
    assert!(!teks["id=\"warta-teks\">".len()..].contains('<'), "{teks}");
    assert!(html.contains("<script src=\"/js/share.js\" defer></script>"));
    let ld = json_ld(&html);
    assert_eq!(ld["headline"], HOSTILE_TITLE);
    assert_eq!(ld["description"], HOSTILE_SUMMARY);
}

#[test]
fn hostile_front_matter_is_escaped_in_attributes() {
    let html = built().page(HOSTILE);
    let raw = r#"<meta property="og:title" content="Rilis &lt;script&gt;alert(1)&lt;/script&gt; &quot;kutip&quot; &amp; &#39;apos&#39; ]]&gt; akhir">"#;
    assert!(html.contains(raw), "og:title escaped");
    assert!(html.contains(
        r#"<meta name="description" content="&lt;/script&gt;&lt;script&gt;x()&lt;/script&gt;">"#
    ));
    // Decoded, the values are the front matter's exactly.
    assert_eq!(one(&html, "og:title"), HOSTILE_TITLE);
    assert_eq!(one(&html, "twitter:title"), HOSTILE_TITLE);
    assert_eq!(one(&html, "og:description"), HOSTILE_SUMMARY);
}

// ---------------------------------------------------------------- the whole head

#[test]
fn release_head_snapshot() {
    insta::assert_snapshot!(head(&built().page(WORKSHOP)));
}

// ---------------------------------------------------------------- breadcrumbs

/// Every `BreadcrumbList` of a page's JSON-LD, as (name, item URL) pairs.
fn breadcrumb_lists(html: &str) -> Vec<Vec<(String, String)>> {
    html.split(JSON_LD)
        .skip(1)
        .filter_map(|rest| rest.split_once("</script>"))
        .filter_map(|(text, _)| serde_json::from_str::<Value>(text).ok())
        .filter(|v| v["@type"] == "BreadcrumbList")
        .map(|v| {
            let items = v["itemListElement"].as_array().expect("items").clone();
            items
                .iter()
                .enumerate()
                .map(|(n, item)| {
                    assert_eq!(item["position"], n + 1);
                    let s = |k: &str| item[k].as_str().expect(k).to_string();
                    (s("name"), s("item"))
                })
                .collect()
        })
        .collect()
}

#[test]
fn pages_below_home_have_breadcrumbs_and_a_breadcrumb_list() {
    let b = built();
    let release = b.page(WORKSHOP);
    let nav = between(&release, "<nav class=\"breadcrumbs\"", "</nav>");
    let lists = breadcrumb_lists(&release);
    assert_eq!(lists.len(), 1, "one BreadcrumbList");
    let trail = &lists[0];
    assert_eq!(trail.len(), 3, "{trail:?}");
    assert_eq!(trail[0], ("Beranda".to_string(), BASE.to_string()));
    assert!(trail[1].1.starts_with(&format!("{BASE}unit/")), "{trail:?}");
    assert_eq!(trail[2].1, format!("{BASE}{WORKSHOP}"));
    // The nav shows the way up, not the page itself: home and the unit, linked.
    assert_eq!(attr_values(nav, "href"), ["/", "/unit/kanwil-bali/"]);
    assert!(nav.contains("aria-label=\"Anda di sini\"") && nav.contains(">Beranda</a>"), "{nav}");
    // A hostile title is escaped in the JSON-LD too: it parses, and says the title.
    let hostile = breadcrumb_lists(&b.page(HOSTILE));
    assert_eq!(hostile[0][2].0, HOSTILE_TITLE);
    // Listings and indexes: unit, tag, month, the indexes; the home page has none.
    for (page, want) in [
        ("tag/", vec!["Beranda", "Topik"]),
        ("unit/", vec!["Beranda", "Unit Kerja"]),
        ("arsip/", vec!["Beranda", "Arsip"]),
        ("arsip/2023/05/", vec!["Beranda", "Arsip", "2023", "Mei 2023"]),
    ] {
        let lists = breadcrumb_lists(&b.page(page));
        let names: Vec<&str> = lists[0].iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, want, "{page}");
        assert_eq!(lists[0].last().map(|(_, u)| u.clone()), Some(format!("{BASE}{page}")));
    }
    let home = b.page("");
    assert!(breadcrumb_lists(&home).is_empty() && !home.contains("class=\"breadcrumbs\""));
}

#[test]
fn a_release_prints_with_a_letterhead_and_its_address() {
    let html = built().page(WORKSHOP);
    let letterhead = between(&html, "<div class=\"letterhead\">", "</div>");
    assert!(letterhead.contains("<strong>Kantor Wilayah Kementerian Agama Provinsi Bali</strong>"));
    assert!(letterhead.contains("alt=\"\""), "the unit's logo, as decoration: {letterhead}");
    assert!(html.contains(&format!("<p class=\"print-url\">{BASE}{WORKSHOP}</p>")));
    // Shown only in print, where navigation and sharing are not.
    let b = built();
    let css = b.read("css/style.css");
    assert!(css.contains(".letterhead, .print-url { display: none; }"));
    let print = between(&css, "@media print {", "\n}");
    assert!(print.contains(".letterhead { display: flex;") && print.contains(".share"), "{print}");
}
