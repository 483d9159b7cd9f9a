//! Search (`search:`, on by default): the index of the published releases under `search/`,
//! read back as `js/search.js` reads it; the search page `/cari/` and the header's box; what
//! turns it off; the browser's stemmer and word splitting against warta's (in Node.js); and a
//! real query in headless Chromium.

use crate::support::{self, copy_tree, example, Built};
use std::collections::BTreeSet;
use std::io::{BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};

/// Every release of the index, by id (its URL from `search/i/<n>.json`, then its `search.json`
/// beside its page), and the index's `meta.json`.
fn index_of(b: &Built) -> (Vec<serde_json::Value>, serde_json::Value) {
    let meta: serde_json::Value = serde_json::from_str(&b.read("search/meta.json")).expect("JSON");
    let n = meta["releases"].as_u64().expect("a count") as usize;
    let per = meta["ids_per_file"].as_u64().expect("a count") as usize;
    let mut urls: Vec<String> = Vec::new();
    for chunk in 0..n.div_ceil(per) {
        let list: Vec<String> =
            serde_json::from_str(&b.read(&format!("search/i/{chunk}.json"))).expect("JSON");
        urls.extend(list);
    }
    assert_eq!(urls.len(), n, "one URL per release");
    assert!(!b.has(&format!("search/i/{}.json", n.div_ceil(per))), "and no more");
    let docs = urls
        .iter()
        .map(|u| {
            let doc: serde_json::Value =
                serde_json::from_str(&b.read(&format!("{}search.json", u.trim_start_matches('/'))))
                    .expect("JSON");
            assert_eq!(doc["u"], *u);
            doc
        })
        .collect();
    (docs, meta)
}

/// The releases (ids) a JSON list of id gaps names.
fn ungap(json: &str) -> Vec<u64> {
    let gaps: Vec<u64> = serde_json::from_str(json).expect("a JSON list");
    gaps.iter().scan(0, |at, g| Some(std::mem::replace(at, *at + g) + g)).collect()
}

/// The URL of every release the test build publishes, and of every one it only previews.
fn releases(root: &Path, previews: bool) -> (BTreeSet<String>, BTreeSet<String>) {
    let show = warta::model::Show { drafts: previews, future: previews, expired: false };
    let now = chrono::DateTime::from_timestamp(support::NOW_EPOCH, 0).expect("a moment");
    let (_, site) = warta::load_site(root, show, now).expect("the site loads");
    let (mut published, mut preview) = (BTreeSet::new(), BTreeSet::new());
    for r in &site.releases {
        let set = if r.publication.is_published() { &mut published } else { &mut preview };
        set.insert(site.config.link(&r.path));
    }
    (published, preview)
}

#[test]
fn the_index_holds_every_published_release_with_its_filters_and_never_a_preview() {
    let site = example();
    let (published, previews) = releases(site.root(), true);
    // At the tests' fixed moment (2024-01-10) the example has releases not yet due.
    assert!(!previews.is_empty() && published.len() >= 5, "{published:?} {previews:?}");
    let mut options = support::options(site.root(), &site.public());
    (options.drafts, options.future) = (true, true);
    let b = site.built_with(&options);
    let (docs, meta) = index_of(&b);
    let urls: BTreeSet<String> =
        docs.iter().map(|d| d["u"].as_str().expect("a url").to_string()).collect();
    assert_eq!(urls, published, "the index has exactly the published releases");
    assert_eq!(docs.len(), published.len(), "each once");
    assert_eq!(meta["stemmer"], "id", "the Indonesian stemmer is the one used");
    // Oldest first: a new release takes a new number and leaves the others' files as they are.
    let show = warta::model::Show { drafts: true, future: true, expired: false };
    let now = chrono::DateTime::from_timestamp(support::NOW_EPOCH, 0).expect("a moment");
    let (_, model) = warta::load_site(b.out.parent().expect("the site"), show, now).expect("loads");
    let oldest_first: Vec<String> = model
        .releases
        .iter()
        .rev()
        .filter(|r| r.publication.is_published())
        .map(|r| model.config.link(&r.path))
        .collect();
    let numbered: Vec<&str> = docs.iter().map(|d| d["u"].as_str().expect("a url")).collect();
    assert_eq!(numbered, oldest_first, "numbered oldest first");

    let (id, seed) = docs
        .iter()
        .enumerate()
        .find(|(_, d)| d["u"] == "/2023/05/workshop-manajemen-media-sosial/")
        .unwrap_or_else(|| panic!("the seed release is indexed: {urls:?}"));
    assert_eq!(seed["d"], "Senin, 15 Mei 2023");
    assert_eq!(seed["n"], "Kantor Wilayah Kementerian Agama Provinsi Bali");
    let text = seed["x"].as_str().expect("text");
    // The summary its writer gave, then the body, dateline first.
    let summary = "Kepala Kanwil Kementerian Agama Provinsi Bali Komang Sri Marheni mengajak \
                   pengelola kehumasan memasifkan publikasi program kerja Kementerian Agama. ";
    assert!(text.starts_with(&format!("{summary}Denpasar (Humas Bali) –")), "{text}");
    assert!(!text.contains('<'), "plain text: {text}");
    // Its unit, tag and year filters list it.
    let unit = meta["units"]
        .as_array()
        .expect("units")
        .iter()
        .position(|u| *u == seed["n"])
        .expect("its unit");
    assert!(ungap(&b.read(&format!("search/f/u{unit}.json"))).contains(&(id as u64)));
    let tag = meta["tags"]
        .as_array()
        .expect("tags")
        .iter()
        .position(|t| t == "kehumasan")
        .expect("its tag");
    assert!(ungap(&b.read(&format!("search/f/t{tag}.json"))).contains(&(id as u64)));
    assert!(ungap(&b.read("search/f/y2023.json")).contains(&(id as u64)));
    // A word of its title, stemmed, lists it with the title's weight.
    let buckets = meta["buckets"].as_u64().expect("a count") as usize;
    let term = warta::search::term("manajemen", "id");
    let bucket: serde_json::Value = serde_json::from_str(
        &b.read(&format!("search/t/{}.json", warta::search::bucket(&term, buckets))),
    )
    .expect("JSON");
    let flat: Vec<u64> = serde_json::from_value(bucket[&term].clone()).expect("postings");
    let ids =
        ungap(&serde_json::to_string(&flat.iter().step_by(2).collect::<Vec<_>>()).expect("JSON"));
    let at = ids.iter().position(|&i| i == id as u64).expect("the seed has the term");
    assert!(flat[at * 2 + 1] >= u64::from(warta::search::TITLE_WEIGHT));
}

#[test]
fn the_search_page_offers_what_the_index_has_and_the_header_sends_queries_to_it() {
    let site = example();
    let (published, _) = releases(site.root(), false);
    let b = site.built();
    let page = b.page("cari/");
    assert!(page.contains(r#"<form class="search-form" action="/cari/" method="get""#), "{page}");
    assert!(page.contains(r#"data-index="/search/meta.json""#));
    assert!(page.contains(r#"<script type="module" src="/js/search.js"></script>"#));
    // Without JavaScript the page says so and leads to the archive.
    let noscript = support::between(&page, "<noscript>", "</noscript>");
    assert!(noscript.contains(r#"href="/arsip/""#), "{noscript}");
    // The year filter offers the years of published releases, newest first.
    let years = support::between(&page, r#"<select id="cari-year""#, "</select>");
    let mut expected: Vec<&str> = published.iter().filter_map(|u| u.split('/').nth(1)).collect();
    expected.sort_unstable_by(|a, b| b.cmp(a));
    expected.dedup();
    let offered: Vec<&str> =
        years.split("<option>").skip(1).filter_map(|o| o.split('<').next()).collect();
    assert_eq!(offered, expected, "{years}");
    // Every page's header has the box, a plain GET form to the search page.
    let home = b.page("");
    assert!(home.contains(r#"<form class="site-search" action="/cari/" method="get""#));
    assert!(b.has("js/search.js"));
    // The breadcrumbs and their JSON-LD lead home.
    assert!(page.contains(r#""@type":"BreadcrumbList""#), "{page}");
    // The page's own form is its one search landmark, named by its heading: the header's box,
    // empty beside the page's form that holds the query, is left out there (stop 74).
    let names: Vec<String> = page
        .split("role=\"search\"")
        .skip(1)
        .map(|rest| rest.split('>').next().unwrap_or_default().trim().to_string())
        .collect();
    assert_eq!(names, [r#"aria-labelledby="cari-judul""#]);
    assert!(!page.contains("site-search"), "{page}");
    assert!(page.contains(r#"<h1 id="cari-judul">Cari</h1>"#), "{page}");
}

#[test]
fn search_false_and_a_theme_without_a_search_page_give_neither_page_nor_index() {
    let off = support::Site::fixture("build/basic");
    let yaml = std::fs::read_to_string(off.root().join("site.yaml")).expect("site.yaml");
    off.write("site.yaml", &format!("{yaml}search: false\n"));
    let b = off.built();
    assert!(!b.has("cari/index.html") && !b.out.join("search").exists());
    assert!(!b.page("").contains("site-search"), "no box leads to a page that is not there");

    // A theme of its own, made before search existed: it builds, without search.
    let old = support::Site::fixture("build/basic");
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    let mine = old.root().join("themes/mine");
    std::fs::create_dir_all(&mine).expect("create the theme folder");
    copy_tree(&theme, &mine);
    std::fs::remove_file(mine.join("templates/search.html")).expect("remove search.html");
    let yaml = std::fs::read_to_string(old.root().join("site.yaml")).expect("site.yaml");
    old.write("site.yaml", &format!("{yaml}theme: mine\n"));
    let b = old.built();
    assert!(!b.has("cari/index.html") && !b.out.join("search").exists());
}

#[test]
fn a_static_file_in_the_index_folder_is_an_error_naming_the_search_index() {
    let site = support::Site::fixture("build/basic");
    site.write("static/search/t/catatan.txt", "mine");
    let error = site.build_error();
    assert!(error.contains("static/search/t/catatan.txt"), "{error}");
    assert!(error.contains("the search index"), "{error}");
    assert!(!site.public().exists(), "nothing is written");
}

/// The first of `names` that runs (`name --version`), for the tests that need a program of
/// the system's packages.
fn program(names: impl IntoIterator<Item = String>) -> Option<String> {
    names.into_iter().find(|name| {
        let status = Command::new(name)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        status.is_ok_and(|s| s.success())
    })
}

/// A program a test needs, or `None` after saying the test is skipped; without it, a test fails
/// when `WARTA_REQUIRE_BROWSER` is set (CI sets it).
fn required(found: Option<String>, what: &str, install: &str) -> Option<String> {
    if found.is_none() {
        assert!(
            std::env::var_os("WARTA_REQUIRE_BROWSER").is_none(),
            "WARTA_REQUIRE_BROWSER is set but {what} was not found{install}"
        );
        eprintln!("skipped: no {what} on this machine");
    }
    found
}

/// Chromium, from `WARTA_CHROMIUM` or the system's packages ([`required`]).
pub(crate) fn chromium() -> Option<String> {
    let named = std::env::var("WARTA_CHROMIUM").ok();
    let found =
        program(named.into_iter().chain(["chromium", "chromium-browser"].map(String::from)));
    required(found, "Chromium", " (set WARTA_CHROMIUM, or apt install chromium)")
}

/// Serves `dir` over HTTP on a free loopback port, as a static web host does (a folder's
/// `index.html`, the content type by extension, 404 otherwise), until the returned server is
/// dropped.
pub(crate) fn host(dir: &Path) -> (std::sync::Arc<tiny_http::Server>, u16) {
    let server = std::sync::Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("listen"));
    let port = server.server_addr().to_ip().expect("an IP address").port();
    let (dir, serving) = (dir.to_path_buf(), std::sync::Arc::clone(&server));
    std::thread::spawn(move || {
        for request in serving.incoming_requests() {
            let path = warta::serve::http::path_of(request.url()).to_string();
            let mut file = dir.join(path.trim_start_matches('/'));
            if path.ends_with('/') {
                file.push("index.html");
            }
            let _ = match std::fs::read(&file) {
                Ok(bytes) if !path.contains("..") => {
                    let kind = warta::serve::http::content_type(&file.to_string_lossy());
                    let header = tiny_http::Header::from_bytes("Content-Type", kind)
                        .expect("a valid header");
                    request.respond(tiny_http::Response::from_data(bytes).with_header(header))
                }
                _ => request.respond(tiny_http::Response::empty(404)),
            };
        }
    });
    (server, port)
}

/// `site` built as of today (not the tests' fixed moment: every release of the example is
/// due).
fn built_today(site: support::Site) -> Built {
    let root = site.root().to_path_buf();
    let options = warta::BuildOptions { now: None, ..support::options(&root, &site.public()) };
    site.built_with(&options)
}

/// A query as a reader makes it: the example site built and served as a web host serves it,
/// `/cari/?q=zakat` loaded in headless Chromium (which runs `js/search.js` on the index), and
/// the page's DOM read once the results are in. Without
/// Chromium on the machine the test says so and passes, unless `WARTA_REQUIRE_BROWSER` is set
/// (CI sets it).
#[test]
fn searching_zakat_in_chromium_lists_the_zakat_releases() {
    let Some(browser) = chromium() else { return };
    let site = example();
    let root = site.root().to_path_buf();
    let b = built_today(site);
    let (server, port) = host(&b.out);
    let dom = dump_dom(&browser, &format!("http://127.0.0.1:{port}/cari/?q=zakat"));
    server.unblock();
    let results = support::between(&dom, r#"<ol class="search-results">"#, "</ol>");
    let found: BTreeSet<String> = support::attr_values(results, "href").into_iter().collect();
    // Every release that says "zakat", found from its source, and nothing else.
    let mut expected = BTreeSet::new();
    for (rel, bytes) in support::tree(&root.join("content")) {
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        if rel.ends_with(".md") && text.contains("zakat") {
            // `2023/11/x.md`, or a bundle's `2024/03/x/index.md`.
            let path = rel.trim_end_matches("/index.md").trim_end_matches(".md");
            expected.insert(format!("/{path}/"));
        }
    }
    assert!(expected.len() >= 2, "the example has zakat releases: {expected:?}");
    assert_eq!(found, expected, "results in the page:\n{dom}");
    let status = support::between(
        &dom,
        r#"<p class="search-status" role="status" aria-live="polite">"#,
        "</p>",
    );
    assert!(status.contains(&format!("{} rilis cocok", expected.len())), "{status}");
    assert!(results.contains("<mark>"), "the words found are highlighted: {results}");
}

/// Found by helper-32, stop 66: a release's topics were not searched, so a topic the search
/// page offers as a filter found nothing when typed as a query, unless the text had the word.
#[test]
fn a_release_is_found_by_its_topic_as_by_its_words() {
    let Some(browser) = chromium() else { return };
    let site = example();
    let file = "content/2023/11/gerakan-zakat-asn-kemenag-badung.md";
    let text = std::fs::read_to_string(site.root().join(file)).expect("the release");
    assert!(!text.to_lowercase().contains("filantropi"));
    let tagged = text.replacen("tags: [", "tags: [Filantropi, ", 1);
    assert_ne!(tagged, text, "the release has a list of tags");
    site.write(file, &tagged);
    let b = built_today(site);
    let (server, port) = host(&b.out);
    let dom = dump_dom(&browser, &format!("http://127.0.0.1:{port}/cari/?q=filantropi"));
    server.unblock();
    let results = support::between(&dom, r#"<ol class="search-results">"#, "</ol>");
    let found: Vec<String> = support::attr_values(results, "href");
    assert_eq!(found, ["/2023/11/gerakan-zakat-asn-kemenag-badung/"], "{dom}");
}

/// A search shared as a link keeps its filters: until stop 47 a tag in other capitals than the
/// page's (`?tag=ZAKAT`, as tag pages merge it), or a year without releases, was dropped
/// without a word and everything was listed; a query of one-letter words showed nothing at all.
#[test]
fn a_shared_searchs_filters_are_kept_and_a_query_that_finds_nothing_says_so() {
    let Some(browser) = chromium() else { return };
    let b = built_today(example());
    let (server, port) = host(&b.out);
    let page = |query: &str| dump_dom(&browser, &format!("http://127.0.0.1:{port}/cari/?{query}"));
    let status = |dom: &str| {
        let open = r#"<p class="search-status" role="status" aria-live="polite">"#;
        support::text(support::between(dom, open, "</p>"))
    };
    let results = |dom: &str| -> BTreeSet<String> {
        let list = support::between(dom, r#"<ol class="search-results">"#, "</ol>");
        support::attr_values(list, "href").into_iter().collect()
    };
    let zakat = page("tag=zakat");
    let shouted = page("tag=ZAKAT");
    assert!(results(&zakat).len() >= 2, "{}", status(&zakat));
    assert_eq!(results(&shouted), results(&zakat), "{}", status(&shouted));
    let none = page("q=zakat&year=1999");
    assert!(results(&none).is_empty(), "{}", status(&none));
    assert!(status(&none).contains("Tidak ada rilis"), "{}", status(&none));
    let short = page("q=R%26D");
    assert!(
        status(&short).contains("Tidak ada rilis yang cocok dengan “R&D”"),
        "{}",
        status(&short)
    );
    server.unblock();
}

/// Pages with a long word (a link in a result's text, a tag or title of one word) fit a phone's
/// screen: until stop 47 the search results, the previous/next links and the tag list were as
/// wide as their longest word, and the page scrolled sideways. Measured in Chromium at 390 px,
/// by a script added to the built pages that writes the page's scroll width into it (the
/// narrowest window headless Chromium opens is 500 px; the overflow was 700).
#[test]
fn pages_with_long_words_fit_a_phones_screen() {
    let Some(browser) = chromium() else { return };
    let site = example();
    let long = "Pelayananterpadusatupintukementerianagamaprovinsibali";
    site.write(
        "content/2023/12/tautan-panjang.md",
        &format!(
            "---\ntitle: Informasi Zakat {long}\ndate: 2023-12-20\nauthor: sn\nunit: kanwil-bali\n\
             tags: [zakat, {long}]\n---\n\nInformasi zakat ada di \
             https://haji.kemenag.go.id/layanan/pendaftaran-haji-reguler-2027-informasi-lengkap \
             bagi calon muzaki.\n"
        ),
    );
    let b = built_today(site);
    let measure = "<script>addEventListener('load', () => setTimeout(() => { const p = \
                   document.createElement('output'); p.id = 'lebar'; p.textContent = \
                   document.documentElement.scrollWidth + ' ' + innerWidth; document.body.append(p); }, 500));\
                   </script></body>";
    for page in ["cari/index.html", "2023/12/tautan-panjang/index.html"] {
        let file = b.out.join(page);
        let html = std::fs::read_to_string(&file).expect("page");
        std::fs::write(&file, html.replace("</body>", measure)).expect("write");
    }
    let (server, port) = host(&b.out);
    for url in ["cari/?q=zakat", "2023/12/tautan-panjang/"] {
        let dom = dump_dom_at(&browser, &format!("http://127.0.0.1:{port}/{url}"), (390, 844));
        let measured = support::between(&dom, "<output id=\"lebar\">", "</output>");
        let measured = &measured["<output id=\"lebar\">".len()..];
        let (width, window) = measured.split_once(' ').expect("two widths");
        let (width, window): (u32, u32) = (width.parse().expect("px"), window.parse().expect("px"));
        // Headless Chromium's window is 500 px at the least, whatever it is asked for.
        assert!(window <= 500, "{window}");
        assert!(width <= window, "{url} is {width} px wide in a {window} px window");
    }
    server.unblock();
}

/// The DOM of `url` once headless Chromium has run its scripts and fetches (up to 20 s of
/// page time). One Chromium at a time: two started together on this 2-core machine sometimes
/// never exit (seen with the search and the verification page tests side by side). One on its
/// own still sometimes never exits while other tests load both cores: a run takes 0.7-1.3 s,
/// and one that has not finished within [`CHROMIUM_LIMIT`] is killed and started again, up to
/// [`CHROMIUM_RUNS`] times in all. (Until stop 52 it was a minute and three times: the
/// verification page tests hung once or twice in most runs of `cargo test`, and three times
/// in a row in one run of `.ci/run`, which failed.)
pub(crate) fn dump_dom(browser: &str, url: &str) -> String {
    dump_dom_at(browser, url, (1280, 900))
}

/// [`dump_dom`] in a window of `(width, height)` CSS pixels: a phone's is (390, 844).
pub(crate) fn dump_dom_at(browser: &str, url: &str, window: (u32, u32)) -> String {
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    (0..CHROMIUM_RUNS)
        .find_map(|_| dump_dom_once(browser, url, window))
        .unwrap_or_else(|| panic!("Chromium did not finish {url}, {CHROMIUM_RUNS} times"))
}

/// How long one run of Chromium may take ([`dump_dom`]): ten times the slowest run seen while
/// the tests load both cores.
const CHROMIUM_LIMIT: std::time::Duration = std::time::Duration::from_secs(15);

/// How many times a page is tried in Chromium before the test fails ([`dump_dom`]).
const CHROMIUM_RUNS: usize = 6;

/// One run of Chromium on `url`; `None` if it had to be killed after [`CHROMIUM_LIMIT`].
fn dump_dom_once(browser: &str, url: &str, (width, height): (u32, u32)) -> Option<String> {
    let profile = tempfile::tempdir().expect("a profile folder");
    let mut chromium = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-quic",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--virtual-time-budget=20000",
            // Only the test's own server answers: a page that asks another host for anything
            // (a video's player, say) gets "not found", never the network.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--window-size={width},{height}"))
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start Chromium");
    let out = chromium.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut dom = String::new();
        let _ = BufReader::new(out).read_to_string(&mut dom);
        dom
    });
    let start = std::time::Instant::now();
    while chromium.try_wait().expect("wait for Chromium").is_none() {
        if start.elapsed() > CHROMIUM_LIMIT {
            let _ = chromium.kill();
            let _ = chromium.wait();
            return None;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    Some(reader.join().expect("the DOM"))
}

/// Node.js, for the browser's half of the stemmer and the word splitting ([`required`]).
pub(crate) fn node() -> Option<String> {
    required(program(["node".to_string()]), "Node.js", "")
}

/// A query meets the index only if the browser splits and stems its words exactly as warta
/// did: `js/search.js`'s `words` and `stem`, run in Node.js on Snowball's sample vocabulary and
/// on hostile text, give what `warta::search` gives.
#[test]
fn the_browser_splits_and_stems_words_as_the_index_does() {
    let Some(node) = node() else { return };
    let dir = tempfile::tempdir().expect("a folder");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    // As a module file, which Node.js imports whatever its version.
    std::fs::copy(repo.join("themes/default/static/js/search.js"), dir.path().join("search.mjs"))
        .expect("copy search.js");
    let vocabulary = std::fs::read_to_string(repo.join("tests/fixtures/stem/indonesian.tsv"))
        .expect("the sample vocabulary");
    let stem_words: Vec<&str> = vocabulary.lines().filter_map(|l| l.split('\t').next()).collect();
    let texts = [
        "Café «Pelatihan» ke-78, Al-Qur'an; a 5 NTB",
        "İstanbul ΣΊΣΥΦΟΣ ǅemal Straße ﬁ ½ ² ①",
        "Ｆｕｌｌｗｉｄｔｈ 中文字 한국어 العربية हिन्दी",
        "e\u{301}te\u{301} n\u{303}o ‍👩‍👩‍👧 x\u{200b}y",
    ];
    let input = serde_json::json!({ "stems": stem_words, "texts": texts });
    std::fs::write(dir.path().join("input.json"), input.to_string()).expect("write the input");
    let script = "import { words, stem } from './search.mjs';\n\
        import { readFileSync } from 'node:fs';\n\
        const input = JSON.parse(readFileSync('input.json', 'utf8'));\n\
        console.log(JSON.stringify({ stems: input.stems.map(stem), words: input.texts.map(words) }));\n";
    std::fs::write(dir.path().join("run.mjs"), script).expect("write the script");
    let o = Command::new(&node).arg("run.mjs").current_dir(dir.path()).output().expect("run node");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let got: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON from node");
    let js_stems: Vec<String> = serde_json::from_value(got["stems"].clone()).expect("stems");
    let mut wrong = Vec::new();
    for (word, js) in stem_words.iter().zip(&js_stems) {
        let rust = warta::search::stem::stem(word);
        if rust != *js {
            wrong.push(format!("{word}: warta {rust}, browser {js}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} words:\n{}",
        wrong.len(),
        stem_words.len(),
        wrong.join("\n")
    );
    let js_words: Vec<Vec<String>> = serde_json::from_value(got["words"].clone()).expect("words");
    for (text, js) in texts.iter().zip(js_words) {
        let rust: Vec<String> = warta::search::words(text).collect();
        assert_eq!(rust, js, "the words of {text:?}");
    }
}
