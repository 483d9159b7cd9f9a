//! Corrections in the open, withdrawn and deleted releases, and the manifest that proves a
//! release is the office's own: built from small sites written here, checked in every output
//! they reach (pages, feeds read with feed-rs, channel feeds, sitemaps, the search index, the
//! manifest), and the signing key through the `warta` binary, as an office runs it.

use crate::support::{self, warta, Site};
use std::collections::BTreeMap;

/// The published release the tests correct or withdraw, and its neighbours.
const TARGET: &str = "content/2024/01/rilis-bravo.md";

fn release(word: &str, date: &str, extra: &str) -> String {
    format!(
        "---\ntitle: Rilis {word} Kanwil\ndate: {date}\nauthor: sn\nunit: kanwil-bali\n\
         tags: [haji, topik-{word}]\n{extra}---\n\nParagraf pertama rilis {word} di Denpasar.\n"
    )
}

/// Three releases a day apart, `extra` front matter on the middle one.
fn site(extra: &str) -> Site {
    let site = Site::empty();
    site.write(
        "site.yaml",
        "title: Humas Uji Ralat\nbase_url: https://example.go.id/\nunits:\n  \
         kanwil-bali: {name: Kanwil Bali, short: Humas Bali, place: Denpasar}\n\
         authors:\n  sn: {name: Sri Nuraini}\ntrust:\n  prefix: KWB\n",
    );
    site.write("content/2024/01/rilis-alfa.md", &release("alfa", "2024-01-03T09:00:00", ""));
    site.write(TARGET, &release("bravo", "2024-01-04T09:00:00", extra));
    site.write("content/2024/01/rilis-charlie.md", &release("charlie", "2024-01-05T09:00:00", ""));
    site
}

const CORRECTIONS: &str = "corrections:\n  \
    - {date: 2024-01-06T10:00:00, note: \"Jumlah peserta 412, bukan 214 <b>&\"}\n  \
    - {date: 2024-01-07T08:00:00, note: Salah ketik nama tempat, minor: true}\n";

const PAGE: &str = "2024/01/rilis-bravo/";

fn files_mentioning(files: &BTreeMap<String, Vec<u8>>, word: &str) -> Vec<String> {
    files
        .iter()
        .filter(|(_, b)| String::from_utf8_lossy(b).to_lowercase().contains(word))
        .map(|(p, _)| p.clone())
        .collect()
}

#[test]
fn a_correction_is_on_the_page_in_the_feeds_and_on_the_corrections_page() {
    let before = site("").built();
    let guid = before
        .feed("feed.xml")
        .entries
        .iter()
        .find(|e| e.title.as_ref().is_some_and(|t| t.content.contains("bravo")))
        .expect("bravo in the feed")
        .id
        .clone();
    let b = site(CORRECTIONS).built();
    let page = b.page(PAGE);
    let block = support::between(&page, "<section class=\"corrections\"", "</section>");
    // Newest first, both kinds, escaped.
    let major = block.find("Jumlah peserta 412, bukan 214 &lt;b&gt;&amp;").expect("the major note");
    let minor = block.find("Salah ketik nama tempat").expect("the minor note");
    assert!(minor < major, "newest first: {block}");
    // The page, JSON-LD and feeds say when it last changed: the newest correction.
    assert!(page.contains("\"dateModified\":\"2024-01-07T08:00:00+08:00\""), "{page}");
    let atom = b.feed("atom.xml");
    let entry = atom.entries.iter().find(|e| e.id == guid).expect("the same guid in Atom");
    assert_eq!(entry.updated.map(|u| u.to_rfc3339()).as_deref(), Some("2024-01-07T00:00:00+00:00"));
    let json: serde_json::Value = serde_json::from_str(&b.read("feed.json")).expect("JSON Feed");
    let item =
        json["items"].as_array().expect("items").iter().find(|i| i["id"] == guid).expect("item");
    assert_eq!(item["date_modified"], "2024-01-07T08:00:00+08:00");
    // The feeds announce the major correction, not the minor one, under the same guid.
    let rss = b.feed("feed.xml");
    let item = rss.entries.iter().find(|e| e.id == guid).expect("the same guid in RSS");
    let content = item.content.as_ref().and_then(|c| c.body.clone()).unwrap_or_default();
    assert!(content.contains("Ralat") && content.contains("Jumlah peserta 412"), "{content}");
    assert!(!content.contains("Salah ketik"), "a minor correction is not announced: {content}");
    // A channel feed carries the release as it was posted: same guid, not modified.
    let x: serde_json::Value = serde_json::from_str(&b.read("feeds/x.json")).expect("channel JSON");
    let item =
        x["items"].as_array().expect("items").iter().find(|i| i["id"] == guid).expect("item");
    assert_eq!(item["date_modified"], item["date_published"], "{item}");
    assert_eq!(b.read("feeds/x.xml").matches(&*guid).count(), 1);
    // The corrections page and its feed: the major one only, linking the release.
    let ralat = b.page("ralat/");
    assert!(ralat.contains("Jumlah peserta 412") && !ralat.contains("Salah ketik"), "{ralat}");
    assert!(ralat.contains("href=\"/2024/01/rilis-bravo/#ralat\""), "{ralat}");
    let feed = b.feed("ralat/feed.xml");
    assert_eq!(feed.entries.len(), 1);
    assert_eq!(feed.entries[0].id, format!("{guid}#ralat-2024-01-06T10:00:00+08:00"));
    assert_eq!(feed.entries[0].links[0].href, "https://example.go.id/2024/01/rilis-bravo/");
}

#[test]
fn corrections_and_withdrawals_without_what_they_need_are_errors_at_their_line() {
    let site = site(
        "corrections:\n  - {date: 2024-01-02, note: sebelum terbit}\n  - {date: 2024-01-06}\n\
         withdrawn: {date: 2024-01-06}\n",
    );
    let e = site.build_error();
    assert!(e.contains("content/2024/01/rilis-bravo.md:7: field 'corrections': corrections.0.date: 2024-01-02T00:00:00+08:00 is before the release's date"), "{e}");
    assert!(e.contains("corrections.1: say what was corrected"), "{e}");
    assert!(e.contains("rilis-bravo.md:10: field 'withdrawn': give the reason"), "{e}");
    assert!(!site.public().exists(), "nothing is written");
}

/// Found by helper-30, stop 66: a correction or a withdrawal dated next year (a year typed
/// wrong) was published at once, the page saying "Ditarik pada … 2027", and `updated:` before
/// the release's date was printed as it was. (Test builds happen on 2024-01-10.)
#[test]
fn a_correction_withdrawal_or_update_dated_after_the_build_or_an_update_before_the_release_is_an_error(
) {
    let e = site("updated: 2024-01-02\n").build_error();
    assert!(e.contains("rilis-bravo.md:7: field 'updated': 2024-01-02T00:00:00+08:00 is before the release's date 2024-01-04T09:00:00+08:00"), "{e}");
    let site = site(
        "updated: 2025-01-02\ncorrections:\n  - {date: 2025-01-06T10:00, note: Jumlah peserta}\n\
         withdrawn: {date: 2025-01-06, reason: dibatalkan}\n",
    );
    let e = site.build_error();
    assert!(
        e.contains(
            "rilis-bravo.md:7: field 'updated': 2025-01-02T00:00:00+08:00 is after this build"
        ),
        "{e}"
    );
    assert!(e.contains("rilis-bravo.md:8: field 'corrections': corrections.0.date: 2025-01-06T10:00:00+08:00 is after this build; a correction is dated when it was made"), "{e}");
    assert!(e.contains("rilis-bravo.md:10: field 'withdrawn': date: 2025-01-06T00:00:00+08:00 is after this build"), "{e}");
    assert!(e.contains("write expires: with that date instead"), "{e}");
    assert!(!site.public().exists(), "nothing is written");
    // Dated at the build or before it: as meant.
    site.write(
        TARGET,
        &release(
            "bravo",
            "2024-01-04T09:00:00",
            "withdrawn: {date: 2024-01-10, reason: dibatalkan}\n",
        ),
    );
    site.build().expect("a withdrawal dated today builds");
    // A release not yet published with a moment after its date: the build that publishes it
    // would stop on it, unattended, so this one does (stop 74; until then it built, and the
    // build on 1 February failed).
    let scheduled = "updated: 2024-02-01T10:00\ncorrections:\n  - {date: 2024-02-02T10:00, note: \
                     Jumlah peserta}\nwithdrawn: {date: 2024-02-03, reason: dibatalkan}\n";
    site.write(TARGET, &release("bravo", "2024-02-01T09:00:00", scheduled));
    let e = site.build_error();
    let due = "is after the release's date 2024-02-01T09:00:00+08:00, so the build that publishes \
               it would stop on it";
    assert!(e.contains(&format!("rilis-bravo.md:7: field 'updated': 2024-02-01T10:00:00+08:00 {due}; 'updated' says when the release was last changed after it was published: remove it until then")), "{e}");
    assert!(e.contains(&format!("rilis-bravo.md:8: field 'corrections': corrections.0.date: 2024-02-02T10:00:00+08:00 {due}; a release not yet published has nothing to correct")), "{e}");
    assert!(e.contains(&format!("rilis-bravo.md:10: field 'withdrawn': date: 2024-02-03T00:00:00+08:00 {due}; to keep it from being published, write draft: true")), "{e}");
    // At its date, not after it: the build that publishes it takes it.
    let scheduled = "updated: 2024-02-01T09:00\n";
    site.write(TARGET, &release("bravo", "2024-02-01T09:00:00", scheduled));
    site.build().expect("a scheduled release updated at its date builds");
    // In a draft, which the build leaves out, they are warnings.
    let draft = "draft: true\nwithdrawn: {date: 2025-01-06, reason: dibatalkan}\n";
    site.write(TARGET, &release("bravo", "2024-01-04T09:00:00", draft));
    let warnings = site.build().expect("a draft's mistakes do not stop the build").warnings;
    assert!(warnings.iter().any(|w| w.message.contains("is after this build")), "{warnings:?}");
}

/// Two corrections of one release on one day, without their times: until stop 47 both had one
/// guid in /ralat/feed.xml, and a cross-posting service announced only the first.
#[test]
fn two_corrections_at_one_moment_are_an_error_asking_for_their_times() {
    let twins = site(
        "corrections:\n  - {date: 2024-01-07, note: Jumlah guru 40}\n  \
         - {date: 2024-01-07, note: Lokasi di MAN 2}\n",
    );
    let e = twins.build_error();
    assert!(
        e.contains(
            "rilis-bravo.md:7: field 'corrections': corrections.1: it has the same date as \
             corrections.0; give each correction the time it was made, e.g. date: 2024-01-07T14:00"
        ),
        "{e}"
    );
    let site = site(
        "corrections:\n  - {date: 2024-01-07T09:00, note: Jumlah guru 40}\n  \
         - {date: 2024-01-07T14:00, note: Lokasi di MAN 2}\n",
    );
    let feed = site.built().read("ralat/feed.xml");
    let guids: std::collections::BTreeSet<&str> =
        feed.split("<guid").skip(1).map(|g| &g[..g.find("</guid>").unwrap()]).collect();
    assert_eq!(guids.len(), 2, "{feed}");
}

#[test]
fn a_withdrawn_release_keeps_its_page_with_the_reason_and_leaves_every_list() {
    let b = site("withdrawn: {date: 2024-01-08, reason: \"acara dibatalkan <panitia>\"}\n").built();
    let page = b.page(PAGE);
    let banner = support::between(&page, "<p class=\"banner banner-withdrawn\"", "</p>");
    assert!(banner.contains("Rilis ini telah ditarik"), "{banner}");
    assert!(
        banner.contains("Senin, 8 Januari 2024")
            && banner.contains("acara dibatalkan &lt;panitia&gt;."),
        "{banner}"
    );
    assert!(page.contains("<meta name=\"robots\" content=\"noindex\">"), "{page}");
    assert!(!page.contains("og:image"), "its picture is no longer shared");
    // Out of every other file: listings, feeds, channel feeds, sitemaps, search, manifest.
    let files = b.files();
    let mut mentions = files_mentioning(&files, "rilis-bravo");
    mentions.retain(|p| {
        p != &support::index_of(PAGE) && p != warta::write::MARKER && p != "cek/manifest.json"
    });
    assert_eq!(mentions, Vec::<String>::new(), "files that still list it");
    assert!(
        !files.keys().any(|p| p.starts_with(PAGE) && p != &support::index_of(PAGE)),
        "no social.json, card or search.json: {:?}",
        files.keys().filter(|p| p.starts_with(PAGE)).collect::<Vec<_>>()
    );
    assert!(!files.contains_key("tag/topik-bravo/index.html"), "a tag only it had is gone");
    // Its neighbours now link each other.
    let alfa = b.page("2024/01/rilis-alfa/");
    assert!(alfa.contains("href=\"/2024/01/rilis-charlie/\" rel=\"next\""), "{alfa}");
    // It keeps its code, which the manifest lists as withdrawn: the code proves the office
    // issued it, and says it no longer stands.
    assert!(page.contains("name=\"warta:code\""));
    let manifest: serde_json::Value = serde_json::from_str(&b.read("cek/manifest.json")).unwrap();
    let listed: Vec<&serde_json::Value> = manifest["releases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["title"].as_str().unwrap().contains("bravo"))
        .collect();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["withdrawn"]["reason"], "acara dibatalkan <panitia>");
}

/// Found by helper-28, stop 48: a withdrawn release, the only one of its kind, kept a link to
/// its kind's listing, which no longer exists (a 404). It names its kind without a link.
#[test]
fn a_withdrawn_release_alone_of_its_kind_names_it_without_a_link() {
    let b = site("kind: pengumuman\nwithdrawn: {date: 2024-01-08, reason: dibatalkan}\n").built();
    assert!(!b.has("jenis/pengumuman/index.html"));
    let label = support::between(&b.page(PAGE), "<p class=\"kind-label\">", "</p>").to_string();
    assert_eq!(label, "<p class=\"kind-label\">Pengumuman");
    let listed = site("kind: pengumuman\n").built();
    let label =
        support::between(&listed.page(PAGE), "<p class=\"kind-label\">", "</p>").to_string();
    assert_eq!(label, "<p class=\"kind-label\"><a href=\"/jenis/pengumuman/\">Pengumuman</a>");
}

/// A link to a withdrawn release shared again (or its card refreshed by Facebook's crawler)
/// says it was withdrawn, not what it announced.
#[test]
fn a_withdrawn_releases_shared_link_says_it_was_withdrawn() {
    let b = site("withdrawn: {date: 2024-01-08, reason: \"acara dibatalkan <panitia>\"}\n").built();
    let page = b.page(PAGE);
    // A sentence, ended as one (found by helper-30, stop 66: it had no full stop).
    let note = "Rilis ini telah ditarik. Ditarik pada Senin, 8 Januari 2024 karena acara \
                dibatalkan &lt;panitia&gt;.";
    for tag in
        ["name=\"description\"", "property=\"og:description\"", "name=\"twitter:description\""]
    {
        let content = support::between(&page, tag, ">");
        assert_eq!(content, format!("{tag} content=\"{note}\""));
    }
    let start = "<script type=\"application/ld+json\">";
    let ld = &support::between(&page, start, "</script>")[start.len()..];
    let ld: serde_json::Value = serde_json::from_str(ld).unwrap();
    assert_eq!(
        ld["description"],
        "Rilis ini telah ditarik. Ditarik pada Senin, 8 Januari 2024 karena acara dibatalkan \
         <panitia>."
    );
    assert!(!page.contains("content=\"Paragraf pertama"), "its summary is not shared: {page}");
    // A release that is only corrected keeps its summary.
    let corrected = site(CORRECTIONS).built().page(PAGE);
    assert!(corrected.contains("property=\"og:description\" content=\"Paragraf pertama"));
}

/// Found by helper-28, stop 48: a published release made a draft again, or given a later date,
/// left the site without a word, its shared address answering "not found"; a deleted one is
/// warned of. Both are now; a draft that was never published is not.
#[test]
fn a_published_release_made_a_draft_or_dated_later_warns() {
    let site = site("");
    site.build().expect("the first build");
    let text = std::fs::read_to_string(site.root().join(TARGET)).expect("the release");
    for (edit, says) in [
        (
            text.replace("date: 2024-01-04T09:00:00", "date: 2024-01-04T09:00:00\ndraft: true"),
            "is now a draft",
        ),
        (
            text.replace("date: 2024-01-04T09:00:00", "date: 2024-02-04T09:00:00"),
            "is now dated 2024-02-04",
        ),
    ] {
        site.write(TARGET, &edit);
        let summary = site.build().expect("builds");
        let warning = summary.warnings.iter().map(|w| w.to_string()).find(|w| w.contains(says));
        let warning = warning.unwrap_or_else(|| panic!("{says}: {:?}", summary.warnings));
        assert!(
            warning.starts_with(&format!("{TARGET}: was published at /{PAGE} and ")),
            "{warning}"
        );
        assert!(warning.contains("withdrawn:"), "{warning}");
        site.write(TARGET, &text);
        site.build().expect("published again");
    }
    site.write(
        "content/2024/01/rilis-delta.md",
        &release("delta", "2024-01-06T09:00:00", "draft: true\n"),
    );
    let summary = site.build().expect("builds");
    assert!(
        !summary.warnings.iter().any(|w| w.to_string().contains("was published")),
        "{:?}",
        summary.warnings
    );
}

/// Found by helper-28, stop 48: the verification codes' prefix comes from the site's host, so
/// a `base_url` corrected (the office's own domain at last) changed every code without a word,
/// and codes already printed read as unknown at `/cek/`. The build warns at `base_url`, naming
/// both prefixes, until `trust.prefix` says which to keep.
#[test]
fn a_new_host_that_changes_the_codes_prefix_warns_until_the_prefix_is_chosen() {
    let site = site("");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    let yaml = yaml.replace("trust:\n  prefix: KWB\n", "");
    site.write("site.yaml", &yaml);
    let summary = site.build().expect("the first build");
    assert!(summary.warnings.is_empty(), "{:?}", summary.warnings);
    let code_of = |site: &Site| {
        let manifest = std::fs::read_to_string(site.public().join("cek/manifest.json"));
        let json: serde_json::Value =
            serde_json::from_str(&manifest.expect("manifest")).expect("JSON");
        json["releases"][0]["code"].as_str().expect("a code").to_string()
    };
    let first = code_of(&site);
    assert!(first.starts_with("EXA-"), "{first}");

    let moved = yaml.replace("https://example.go.id/", "https://kanwilbali.go.id/");
    site.write("site.yaml", &moved);
    let summary = site.build().expect("builds");
    let warning = summary.warnings.iter().find(|w| w.field.as_deref() == Some("base_url"));
    let warning = warning.unwrap_or_else(|| panic!("no warning: {:?}", summary.warnings));
    assert_eq!((warning.path.to_str(), warning.line), (Some("site.yaml"), Some(2)));
    let text = warning.to_string();
    assert!(text.contains("kanwilbali.go.id gives KAN, where 3 of the site's releases"), "{text}");
    assert!(text.contains("add `trust: {prefix: EXA}` to site.yaml"), "{text}");
    assert!(text.contains("add `trust: {prefix: KAN}`"), "{text}");
    assert!(!text.contains("  "), "{text}");

    // Chosen, either way, it is silent; keeping the old prefix keeps every code as printed.
    for (prefix, code) in [("KAN", false), ("EXA", true)] {
        site.write("site.yaml", &format!("{moved}trust: {{prefix: {prefix}}}\n"));
        let summary = site.build().expect("builds");
        assert!(summary.warnings.is_empty(), "{prefix}: {:?}", summary.warnings);
        assert_eq!(code_of(&site) == first, code, "{prefix}");
    }
    // One release is one.
    site.write("site.yaml", &moved);
    for r in ["content/2024/01/rilis-alfa.md", "content/2024/01/rilis-charlie.md"] {
        std::fs::remove_file(site.root().join(r)).expect("delete");
    }
    let options =
        warta::BuildOptions { allow_shrink: true, ..support::options(site.root(), &site.public()) };
    let summary = warta::build(&options).expect("builds");
    let one = summary.warnings.iter().find(|w| w.field.as_deref() == Some("base_url"));
    let one = one.unwrap_or_else(|| panic!("no warning: {:?}", summary.warnings)).to_string();
    assert!(one.contains("gives KAN, where a release of the site was published with"), "{one}");
}

/// Found by helper-28, stop 48: a release renamed, then deleted, said it was removed at its
/// last address only; the one it had before the rename, still in the ledger and in links
/// already shared, answered "not found". Every address it had says it was removed.
#[test]
fn a_release_renamed_then_deleted_says_it_was_removed_at_every_address_it_had() {
    let site = site("");
    site.build().expect("the first build");
    let renamed = "content/2024/01/rilis-bravo-baru.md";
    std::fs::rename(site.root().join(TARGET), site.root().join(renamed)).expect("renamed");
    site.build().expect("the build after the rename");
    let former =
        std::fs::read_to_string(site.public().join(support::index_of(PAGE))).expect("a redirect");
    assert!(former.contains("2024/01/rilis-bravo-baru/"), "{former}");
    std::fs::remove_file(site.root().join(renamed)).expect("deleted");
    site.build().expect("the build after the deletion");
    for path in ["2024/01/rilis-bravo-baru/", PAGE] {
        let page = std::fs::read_to_string(site.public().join(support::index_of(path)))
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(
            page.contains("Rilis ini telah dihapus") && page.contains("Rilis bravo Kanwil"),
            "{path}: {page}"
        );
    }
}

#[test]
fn a_deleted_release_warns_and_its_address_says_it_was_removed() {
    let site = site("");
    site.build().expect("the first build");
    std::fs::remove_file(site.root().join(TARGET)).expect("delete the release");
    let summary = site.build().expect("the second build");
    let warning = summary
        .warnings
        .iter()
        .map(|w| w.to_string())
        .find(|w| w.contains("rilis-bravo"))
        .expect("a warning");
    assert!(warning.starts_with(TARGET), "{warning}");
    assert!(warning.contains("withdrawn:"), "{warning}");
    let page = std::fs::read_to_string(site.public().join(support::index_of(PAGE)))
        .expect("a page at its address");
    assert!(
        page.contains("Rilis ini telah dihapus") && page.contains("Rilis bravo Kanwil"),
        "{page}"
    );
    assert!(page.contains("content=\"noindex\""), "{page}");
    let sitemap = std::fs::read_to_string(site.public().join("sitemap.xml")).expect("sitemap");
    assert!(!sitemap.contains("rilis-bravo"), "{sitemap}");
    // Its file back: the release again, no warning.
    site.write(TARGET, &release("bravo", "2024-01-04T09:00:00", ""));
    let summary = site.build().expect("the third build");
    assert!(summary.warnings.is_empty(), "{:?}", summary.warnings);
}

/// The code on a page, its manifest entry, and the SHA-256 of the page's canonical text.
fn code_and_text(page: &str) -> (String, String) {
    let after = |start: &str, end: &str| -> String {
        let from = page.find(start).expect("the marker") + start.len();
        let to = page[from..].find(end).expect("its end");
        page[from..from + to].to_string()
    };
    let code = after("<meta name=\"warta:code\" content=\"", "\"");
    let json = after("<script type=\"application/json\" id=\"warta-teks\">", "</script>");
    let text: String = serde_json::from_str(&json).expect("the canonical text is a JSON string");
    (code, text)
}

#[test]
fn every_published_release_is_in_the_manifest_with_its_code_and_text() {
    let b = site(CORRECTIONS).built();
    let manifest =
        warta::trust::manifest::Manifest::parse(&b.bytes("cek/manifest.json")).expect("a manifest");
    assert_eq!(manifest.key, None, "no key: unsigned");
    assert!(!b.has("cek/manifest.sig"));
    assert_eq!(manifest.releases.len(), 3);
    let (code, text) = code_and_text(&b.page(PAGE));
    assert!(code.starts_with("KWB-") && code.len() == 13, "{code}");
    let entry = manifest.find(&code).expect("the page's code is in the manifest");
    assert_eq!(entry.url, "https://example.go.id/2024/01/rilis-bravo/");
    assert_eq!(entry.title, "Rilis bravo Kanwil");
    assert_eq!(entry.unit, "Kanwil Bali");
    assert_eq!(entry.sha256, warta::trust::manifest::sha256_hex(&text));
    assert!(
        text.starts_with(
            "Rilis bravo Kanwil\n2024-01-04T09:00:00+08:00\nKanwil Bali\nDenpasar\n\n"
        ),
        "{text}"
    );
    // social.json and the printed page carry it too.
    let social: serde_json::Value =
        serde_json::from_str(&b.read(&format!("{PAGE}social.json"))).expect("social.json");
    assert_eq!(social["code"], code.as_str());
    assert_eq!(social["check_url"], format!("https://example.go.id/cek/?k={code}"));
    let page = b.page(PAGE);
    let aside = support::between(&page, "<aside class=\"verification\"", "</aside>");
    assert!(
        aside.contains(&code) && aside.contains("<svg") && aside.contains("class=\"qr\""),
        "{aside}"
    );
}

/// A key made for the test, and the site's `trust:` naming its public half.
fn keyed_site(extra_yaml: &str) -> (Site, warta::trust::keys::SecretKey) {
    let key = warta::trust::keys::SecretKey::generate().expect("a key");
    let site = site("");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    let yaml =
        yaml.replace("trust:\n  prefix: KWB\n", &format!("trust:\n  prefix: KWB\n{extra_yaml}"));
    site.write("site.yaml", &yaml);
    (site, key)
}

fn build_with_key(site: &Site, key: &str) -> std::process::Output {
    let home = tempfile::tempdir().expect("a home");
    warta()
        .args(["build", "--root"])
        .arg(site.root())
        .env("HOME", home.path())
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("WARTA_SIGNING_KEY_FILE")
        .env("WARTA_SIGNING_KEY", key)
        .output()
        .expect("run warta build")
}

#[test]
fn with_the_offices_key_the_manifest_is_signed_and_verifies() {
    let (site, key) = keyed_site("");
    let public = key.public();
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    site.write("site.yaml", &format!("{yaml}  public_key: \"{public}\"\n"));
    let o = build_with_key(&site, &key.to_text("example.go.id"));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = site.public();
    let bytes = std::fs::read(out.join("cek/manifest.json")).expect("manifest");
    let sig = std::fs::read_to_string(out.join("cek/manifest.sig")).expect("signature");
    warta::trust::manifest::verify(&bytes, &sig, &public).expect("the signature verifies");
    let m = warta::trust::manifest::Manifest::parse(&bytes).expect("a manifest");
    assert_eq!(m.key, Some(public.to_string()));
    // One byte changed, and it no longer does.
    let mut tampered = bytes.clone();
    let at = tampered.iter().position(|&b| b == b'K').expect("a letter");
    tampered[at] = b'X';
    assert!(warta::trust::manifest::verify(&tampered, &sig, &public).is_err());
    // The page says the releases are signed, and shows the key.
    let check = std::fs::read_to_string(out.join("cek/index.html")).expect("the check page");
    assert!(check.contains(&public.to_string()), "{check}");
    // Built twice, byte for byte the same (Ed25519 signatures are deterministic).
    let o = build_with_key(&site, &key.to_text("example.go.id"));
    assert!(o.status.success());
    assert_eq!(std::fs::read(out.join("cek/manifest.sig")).expect("signature"), sig.as_bytes());
}

#[test]
fn a_key_that_site_yaml_does_not_name_is_refused_and_nothing_is_written() {
    let (site, key) = keyed_site("");
    let o = build_with_key(&site, &key.to_text("example.go.id"));
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("site.yaml") && err.contains("trust.public_key"), "{err}");
    assert!(err.contains(&format!("public_key: \"{}\"", key.public())), "{err}");
    assert!(!err.contains("ed25519-secret"), "never the secret: {err}");
    let other = warta::trust::keys::SecretKey::generate().expect("another key");
    let (site, key) = keyed_site(&format!("  public_key: \"{}\"\n", other.public()));
    let o = build_with_key(&site, &key.to_text("example.go.id"));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success() && err.contains("belongs to"), "{err}");
    assert!(!site.public().exists());
}

#[test]
fn a_secret_key_inside_the_site_folder_is_refused_wherever_it_is() {
    let (site, key) = keyed_site("");
    site.write("kunci.key", &key.to_text("example.go.id"));
    let home = tempfile::tempdir().expect("a home");
    let o = warta()
        .args(["build", "--root"])
        .arg(site.root())
        .env("HOME", home.path())
        .env_remove("WARTA_SIGNING_KEY")
        .env("WARTA_SIGNING_KEY_FILE", site.root().join("kunci.key"))
        .output()
        .expect("run warta build");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success() && err.contains("inside the site folder"), "{err}");
    assert!(!site.public().exists());
    // Found wherever a build would publish it, named or not: in static/, beside a release.
    std::fs::remove_file(site.root().join("kunci.key")).expect("remove");
    site.write("static/unduh/kunci.txt", &key.to_text("example.go.id"));
    site.write("content/2024/01/rilis-delta/kunci.txt", &key.to_text("example.go.id"));
    site.write("content/2024/01/rilis-delta/index.md", &release("delta", "2024-01-06", ""));
    let e = site.build_error();
    assert!(e.contains("static/unduh/kunci.txt: holds the office's secret signing key"), "{e}");
    assert!(e.contains("content/2024/01/rilis-delta/kunci.txt: holds"), "{e}");
    assert!(!e.contains("ed25519-secret"), "never the secret: {e}");
    assert!(!site.public().exists());
}

/// `site.yaml` names the office's key, and the build has no secret key (another computer, a CI
/// without the secret): until stop 47 it built unsigned without a word, and `/cek/` then said
/// the office had not signed.
#[test]
fn a_build_without_the_key_site_yaml_names_warns_that_it_is_not_signed() {
    let key = warta::trust::keys::SecretKey::generate().expect("a key");
    let site = site("");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    site.write("site.yaml", &format!("{yaml}  public_key: \"{}\"\n", key.public()));
    let o = warta()
        .current_dir(site.root())
        .env("HOME", site.root().join("home-outside"))
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("WARTA_SIGNING_KEY_FILE")
        .env_remove("WARTA_SIGNING_KEY")
        .arg("build")
        .output()
        .expect("run warta build");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "site.yaml:7: field 'trust.public_key': names the office's key {}, but its secret \
             key is not on this computer",
            key.public()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("this build is not signed, and uploaded, its /cek/ page"), "{stderr}");
    assert!(!stderr.contains("   "), "one space between words: {stderr}");
    assert!(!site.public().join("cek/manifest.sig").exists());
}
