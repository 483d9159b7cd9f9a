//! Publishing on time: a release dated after the build (or past its `expires`) is in no output
//! file and not in the ledger; `--print-next-due` says when to build again; `--drafts` and
//! `--future` previews are marked and kept out of every feed and sitemap; `warta social` and
//! `warta init` know about drafts.

use crate::support::{options, tree, warta, Site, NOW_EPOCH};
use chrono::DateTime;
use std::collections::BTreeMap;
use std::path::Path;

/// Seconds from [`NOW_EPOCH`] (2024-01-10 00:00 UTC, 08.00 WITA) to Bravo's date.
const HALF_HOUR: i64 = 30 * 60;

/// Each release's distinctive word (in its title and slug), and its front matter's extra lines.
const PAST: &str = "alfa"; // yesterday
const NEXT_HOUR: &str = "bravo"; // in half an hour
const NEXT_YEAR: &str = "charlie"; // next year
const DRAFT: &str = "delta"; // a draft
const EXPIRED: &str = "echo"; // expired five days ago
const EXPIRING: &str = "foxtrot"; // published, expires at noon

fn release(word: &str, date: &str, extra: &str, tag: &str) -> String {
    format!(
        "---\ntitle: Rilis {} Kanwil\ndate: {date}\nauthor: sn\nunit: kanwil-bali\n\
         tags: [haji, {tag}]\n{extra}---\n\nParagraf pertama rilis {word} di Denpasar.\n",
        capitalise(word)
    )
}

fn capitalise(word: &str) -> String {
    let mut c = word.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// A site with a release in the past, one in the next hour, one next year, a draft, an expired
/// one and one that expires later today.
fn site() -> Site {
    let site = Site::empty();
    site.write(
        "site.yaml",
        "title: Humas Uji Jadwal\nbase_url: https://example.go.id/\nunits:\n  \
         kanwil-bali: {name: Kanwil Bali, short: Humas Bali, place: Denpasar}\n\
         authors:\n  sn: {name: Sri Nuraini}\n",
    );
    let files = [
        (PAST, "2024-01-09T09:00:00", ""),
        (NEXT_HOUR, "2024-01-10T08:30:00", ""),
        (NEXT_YEAR, "2025-01-10T09:00:00+07:00", ""),
        (DRAFT, "2024-01-08", "draft: true\n"),
        (EXPIRED, "2024-01-01", "expires: 2024-01-05\n"),
        (EXPIRING, "2024-01-02", "expires: 2024-01-10T12:00:00\n"),
    ];
    for (word, date, extra) in files {
        // Each has a tag of its own too, so its tag page exists only because of it.
        let text = release(word, date, extra, &format!("topik-{word}"));
        site.write(&format!("content/2024/01/rilis-{word}.md"), &text);
    }
    site
}

fn at(epoch: i64) -> Option<DateTime<chrono::Utc>> {
    DateTime::from_timestamp(epoch, 0)
}

fn build_at(site: &Site, epoch: i64, drafts: bool, future: bool) -> warta::BuildSummary {
    let opts = warta::BuildOptions {
        now: at(epoch),
        drafts,
        future,
        ..options(site.root(), &site.public())
    };
    warta::build(&opts).unwrap_or_else(|e| panic!("the build should succeed:\n{e}"))
}

/// The output files (as text, lowercased) that mention `word`.
/// The signed manifest (`cek/manifest.json`) is left out: it lists every release the ledger
/// remembers, those no longer on the site marked removed, so that their codes still answer
/// ([`removed_in_manifest`]).
fn mentions(files: &BTreeMap<String, Vec<u8>>, word: &str) -> Vec<String> {
    files
        .iter()
        .filter(|(path, _)| *path != "cek/manifest.json")
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).to_lowercase().contains(word))
        .map(|(path, _)| path.clone())
        .collect()
}

/// Whether the manifest lists a release whose address holds `word`, as no longer on the site.
fn removed_in_manifest(files: &BTreeMap<String, Vec<u8>>, word: &str) -> bool {
    let manifest = String::from_utf8_lossy(&files["cek/manifest.json"]).to_lowercase();
    manifest.lines().any(|l| l.contains(word) && l.contains("\"removed\":true"))
}

fn ledger(site: &Site) -> String {
    std::fs::read_to_string(site.root().join("warta-ledger.tsv")).expect("the ledger")
}

/// Feeds, channel feeds, sitemaps and social files: what machines read and cross-post.
fn is_syndicated(path: &str) -> bool {
    // The marker lists the files of the output for warta itself; no reader or service sees it.
    !path.ends_with(".html") && !path.ends_with(".css") && path != warta::write::MARKER
}

#[test]
fn future_and_expired_releases_are_in_no_output_file() {
    let site = site();
    let summary = build_at(&site, NOW_EPOCH, false, false);
    assert_eq!(summary.releases, 2, "{summary:?}");
    let files = tree(&site.public());
    // What is published is everywhere it belongs (so the test below can fail).
    for word in [PAST, EXPIRING] {
        let found = mentions(&files, word);
        for f in ["index.html", "feed.xml", "atom.xml", "feed.json", "feeds/x.xml", "sitemap.xml"] {
            assert!(found.contains(&f.to_string()), "{word} missing from {f}: {found:?}");
        }
    }
    assert!(files.contains_key("2024/01/rilis-alfa/social.json"));
    for word in [NEXT_HOUR, NEXT_YEAR, DRAFT, EXPIRED] {
        assert_eq!(mentions(&files, word), Vec::<String>::new(), "{word}");
        assert!(!ledger(&site).contains(word), "{word} is in the ledger:\n{}", ledger(&site));
    }
    assert!(ledger(&site).contains(PAST));
    let rss = String::from_utf8_lossy(&files["feed.xml"]).into_owned();
    assert!(rss.contains("<lastBuildDate>Tue, 9 Jan 2024 09:00:00 +0800</lastBuildDate>"), "{rss}");
    let due = summary.schedule.next_due.expect("something is due");
    assert_eq!(due.at.iso(), "2024-01-10T08:30:00+08:00");
    assert_eq!(due.source, Path::new("content/2024/01/rilis-bravo.md"));
}

#[test]
fn build_prints_when_the_next_release_is_due() {
    let site = site();
    let o = warta().arg("build").arg("--root").arg(site.root()).output().expect("run warta");
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).expect("UTF-8");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("built 2 releases: "), "{out}");
    // What was left out, though two releases were built (found by use, stop 75: only a build
    // of none said so).
    assert_eq!(
        lines[1],
        "left out: 1 release marked draft: true (remove that line to publish, or preview with \
         --drafts); 2 releases dated in the future (preview with --future); 1 release past their \
         'expires' date",
        "{out}"
    );
    assert_eq!(
        lines[2],
        "next scheduled: content/2024/01/rilis-bravo.md at Rabu, 10 Januari 2024 08.30 WITA \
         (2024-01-10T08:30:00+08:00)",
        "{out}"
    );
    // The fixture's address is an example one.
    assert!(lines[3].starts_with("note: base_url in site.yaml is still an example address"));
    assert_eq!(lines.len(), 4, "{out}");
}

fn print_next_due(root: &Path, epoch: i64) -> std::process::Output {
    warta()
        .env("SOURCE_DATE_EPOCH", epoch.to_string())
        .args(["build", "--print-next-due", "--root"])
        .arg(root)
        .output()
        .expect("run warta")
}

#[test]
fn print_next_due_prints_only_the_moment_and_writes_nothing() {
    let site = site();
    let o = print_next_due(site.root(), NOW_EPOCH);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "2024-01-10T08:30:00+08:00\n");
    assert!(!site.public().exists(), "--print-next-due wrote the site");
    assert!(!site.root().join("warta-ledger.tsv").exists(), "--print-next-due wrote the ledger");
    // Once Bravo is out, the next change is Foxtrot leaving the site at noon.
    let o = print_next_due(site.root(), NOW_EPOCH + HALF_HOUR);
    assert_eq!(String::from_utf8_lossy(&o.stdout), "2024-01-10T12:00:00+08:00\n");
    // Then Charlie, in its own offset.
    let o = print_next_due(site.root(), NOW_EPOCH + 86_400);
    assert_eq!(String::from_utf8_lossy(&o.stdout), "2025-01-10T09:00:00+07:00\n");
    // Nothing left to wait for: nothing printed.
    let o = print_next_due(site.root(), NOW_EPOCH + 3 * 365 * 86_400);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "");
}

/// Found by use, stop 59: a draft with a mistake (a date typed as on paper, a writer not yet in
/// `site.yaml`, a photo not copied yet) stopped every build of the site, so one writer's
/// unfinished draft kept the whole office from publishing. A build that leaves the draft out now
/// publishes the rest and tells the draft's mistakes as warnings, each at its line; a `--drafts`
/// preview, which shows it, stops at them as before. A published release made a draft with a
/// mistake is still known: its address is warned of, and it keeps its guid.
#[test]
fn a_drafts_mistakes_are_warnings_in_a_build_that_leaves_it_out() {
    let site = site();
    build_at(&site, NOW_EPOCH, false, false);
    let alfa = "content/2024/01/rilis-alfa.md";
    let published = std::fs::read_to_string(site.root().join(alfa)).expect("alfa");
    let guid_line =
        |site: &Site| ledger(site).lines().find(|l| l.contains(PAST)).map(str::to_string);
    let alfa_line = guid_line(&site).expect("alfa is in the ledger");
    // Golf does not parse; Hotel does, and shows a photo that is not there; Alfa was published
    // and is made a draft, its date mistyped.
    site.write(
        "content/2024/01/rilis-golf.md",
        "---\ntitle: Rilis Golf\ndate: 15/1/2024\nauthor: xy\nunit: kanwil-bali\ndraft: true\n---\n\nParagraf pertama.\n",
    );
    let hotel = release("hotel", "2024-01-08", "draft: true\n", "topik-hotel");
    site.write(
        "content/2024/01/rilis-hotel.md",
        &format!("{hotel}\n![Foto](foto-belum-ada.jpg)\n"),
    );
    site.write(
        alfa,
        &published.replace("date: 2024-01-09T09:00:00", "date: 9/1/2024\ndraft: true"),
    );

    let summary = build_at(&site, NOW_EPOCH, false, false);
    assert_eq!(summary.releases, 1, "Foxtrot is published: {summary:?}");
    let warnings: Vec<String> = summary.warnings.iter().map(ToString::to_string).collect();
    let note = "(a draft, which this build leaves out: fix this before you publish it)";
    for start in [
        "content/2024/01/rilis-alfa.md:3: field 'date': ",
        "content/2024/01/rilis-golf.md:3: field 'date': ",
        "content/2024/01/rilis-golf.md:4: field 'author': unknown author \"xy\"",
        "content/2024/01/rilis-hotel.md:",
    ] {
        let found = warnings.iter().find(|w| w.starts_with(start) && w.ends_with(note));
        assert!(found.is_some(), "no warning {start}…{note}: {warnings:#?}");
    }
    assert!(warnings.iter().any(|w| w.contains("foto-belum-ada.jpg")), "{warnings:#?}");
    let unpublished =
        warnings.iter().find(|w| w.starts_with(&format!("{alfa}: was published at /")));
    assert!(unpublished.is_some_and(|w| w.contains("is now a draft")), "{warnings:#?}");
    assert!(!warnings.iter().any(|w| w.contains("file is gone")), "{warnings:#?}");
    assert_eq!(summary.schedule.drafts, 4, "Alfa, Delta, Golf and Hotel");
    let files = tree(&site.public());
    for word in [PAST, DRAFT, "golf", "hotel"] {
        assert_eq!(mentions(&files, word), Vec::<String>::new(), "{word}");
    }
    assert!(mentions(&files, EXPIRING).contains(&"index.html".to_string()));
    // Published before, a draft now: its code still answers, as no longer on the site.
    assert!(removed_in_manifest(&files, "rilis-alfa"));
    assert!(!removed_in_manifest(&files, DRAFT) && !removed_in_manifest(&files, "golf"));

    // The preview that shows drafts stops at their mistakes, as a build stops at any release's.
    let opts = warta::BuildOptions {
        now: at(NOW_EPOCH),
        drafts: true,
        ..options(site.root(), &site.public())
    };
    let error = warta::build(&opts).expect_err("a preview of broken drafts").to_string();
    for start in
        ["rilis-alfa.md:3: field 'date'", "rilis-golf.md:4: field 'author'", "foto-belum-ada.jpg"]
    {
        assert!(error.contains(start), "{start}: {error}");
    }
    assert!(!error.contains("a draft, which"), "{error}");

    // Alfa published again keeps its guid: it was never taken for gone.
    site.write(alfa, &published);
    build_at(&site, NOW_EPOCH, false, false);
    assert_eq!(guid_line(&site), Some(alfa_line));
}

#[test]
fn print_next_due_fails_on_content_errors() {
    let site = site();
    site.write("content/2024/01/rusak.md", "---\ntitle: Rusak\ndate: besok\n---\n");
    let o = print_next_due(site.root(), NOW_EPOCH);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "");
    assert!(String::from_utf8_lossy(&o.stderr).contains("rusak.md:3: field 'date'"));
}

#[test]
fn a_build_at_its_time_publishes_it() {
    let site = site();
    build_at(&site, NOW_EPOCH, false, false);
    let summary = build_at(&site, NOW_EPOCH + HALF_HOUR, false, false);
    assert_eq!(summary.releases, 3);
    let files = tree(&site.public());
    let found = mentions(&files, NEXT_HOUR);
    for f in ["index.html", "feed.xml", "feeds/facebook.xml", "sitemap.xml", "news-sitemap.xml"] {
        assert!(found.contains(&f.to_string()), "{NEXT_HOUR} missing from {f}: {found:?}");
    }
    assert!(files.contains_key("2024/01/rilis-bravo/social.json"));
    assert!(ledger(&site).contains("rilis-bravo"), "{}", ledger(&site));
    assert_eq!(mentions(&files, NEXT_YEAR), Vec::<String>::new());
}

#[test]
fn expires_takes_a_release_out_but_the_ledger_keeps_its_guid() {
    let site = site();
    build_at(&site, NOW_EPOCH, false, false);
    let guid_line = ledger(&site).lines().find(|l| l.contains(EXPIRING)).map(str::to_string);
    let noon = NOW_EPOCH + 4 * 3600;
    let summary = build_at(&site, noon, false, false);
    assert_eq!(summary.releases, 2, "Alfa and Bravo");
    let files = tree(&site.public());
    assert_eq!(mentions(&files, EXPIRING), Vec::<String>::new());
    assert!(removed_in_manifest(&files, EXPIRING), "its code still answers");
    let kept = ledger(&site).lines().find(|l| l.contains(EXPIRING)).map(str::to_string);
    assert_eq!(kept, guid_line, "its guid must never be given to another release");
}

#[test]
fn expires_before_the_date_is_an_error_naming_the_field() {
    let site = site();
    site.write(
        "content/2024/01/rilis-echo.md",
        &release(EXPIRED, "2024-01-05", "expires: 2024-01-01\n", "x"),
    );
    let err = site.build_error();
    insta::assert_snapshot!(err);
}

#[test]
fn previews_are_marked_noindex_and_kept_out_of_every_feed_and_sitemap() {
    let site = site();
    let summary = build_at(&site, NOW_EPOCH, true, true);
    assert_eq!(summary.releases, 5, "every release but the expired one");
    let files = tree(&site.public());
    let page = |word: &str| {
        let month = if word == NEXT_YEAR { "2025/01" } else { "2024/01" };
        String::from_utf8_lossy(&files[&format!("{month}/rilis-{word}/index.html")]).into_owned()
    };
    let noindex = "<meta name=\"robots\" content=\"noindex\">";
    let text = crate::support::text(&page(NEXT_HOUR));
    assert!(text.contains("TERJADWAL Rabu, 10 Januari 2024 08.30 WITA"), "{text}");
    assert!(page(NEXT_HOUR).contains(noindex));
    let text = crate::support::text(&page(NEXT_YEAR));
    assert!(text.contains("TERJADWAL Jumat, 10 Januari 2025 09.00 WIB"), "{text}");
    assert!(crate::support::text(&page(DRAFT)).contains("DRAF"));
    assert!(page(DRAFT).contains(noindex));
    // No share buttons nor captions that a preview does not have.
    let shared = |html: &str| html.contains("class=\"captions\"") || html.contains("share-");
    assert!(!shared(&page(DRAFT)) && !page(DRAFT).contains("social.json"));
    assert!(shared(&page(PAST)));
    // A published release is neither marked nor hidden from search engines.
    assert!(!page(PAST).contains(noindex));
    let header = |html: &str| {
        crate::support::between(html, "<header class=\"release-header\"", "</header>").to_string()
    };
    assert!(!header(&page(PAST)).contains("class=\"banner"));
    assert!(header(&page(DRAFT)).contains("class=\"banner banner-draft\""));
    // The cards on the home page carry the banners too, and the page is not indexed.
    let home = String::from_utf8_lossy(&files["index.html"]).into_owned();
    assert!(crate::support::text(&home).contains("DRAF"), "{home}");
    assert_eq!(home.matches("banner-scheduled").count(), 2, "{home}");
    assert!(home.contains(noindex));

    for word in [NEXT_HOUR, NEXT_YEAR, DRAFT] {
        let leaks: Vec<String> =
            mentions(&files, word).into_iter().filter(|p| is_syndicated(p)).collect();
        assert_eq!(leaks, Vec::<String>::new(), "{word} reached a feed, sitemap or social file");
        assert!(!files.contains_key(&format!("2024/01/rilis-{word}/social.json")));
        assert!(!ledger(&site).contains(word), "{word} is in the ledger");
    }
    assert_eq!(
        mentions(&files, EXPIRED),
        Vec::<String>::new(),
        "an expired release is never shown"
    );
    // The published ones are still in the feeds (so the check above can fail).
    assert!(mentions(&files, PAST).contains(&"feeds/x.xml".to_string()));
}

#[test]
fn banner_words_come_from_the_strings() {
    let site = site();
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        &format!("{yaml}strings:\n  banner_scheduled: DIJADWALKAN\n  banner_draft: KONSEP\n"),
    );
    build_at(&site, NOW_EPOCH, true, true);
    let page = |word: &str| {
        let html =
            std::fs::read_to_string(site.public().join(format!("2024/01/rilis-{word}/index.html")))
                .expect("the page");
        crate::support::text(&html)
    };
    assert!(page(NEXT_HOUR).contains("DIJADWALKAN Rabu, 10 Januari 2024 08.30 WITA"));
    assert!(!page(NEXT_HOUR).contains("TERJADWAL"));
    assert!(page(DRAFT).contains("KONSEP"));
    // A preview has no captions to copy (they would announce it), nor the script for them.
    for preview in [NEXT_HOUR, DRAFT] {
        let html = std::fs::read_to_string(
            site.public().join(format!("2024/01/rilis-{preview}/index.html")),
        )
        .expect("the page");
        assert!(!html.contains("class=\"captions\"") && !html.contains("share.js"), "{preview}");
    }
}

fn social(root: &Path, release: &str) -> String {
    let o = warta().args(["social", release, "--root"]).arg(root).output().expect("run warta");
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).expect("UTF-8")
}

#[test]
fn social_says_a_release_is_a_draft_or_scheduled_before_its_captions() {
    let site = site();
    let out = social(site.root(), "rilis-bravo");
    assert!(
        out.starts_with(
            "this release is scheduled for Rabu, 10 Januari 2024 08.30 WITA \
             (2024-01-10T08:30:00+08:00); it is not published yet"
        ),
        "{out}"
    );
    assert!(out.contains("Rilis Bravo Kanwil\nhttps://example.go.id/2024/01/rilis-bravo/"));
    let out = social(site.root(), "content/2024/01/rilis-delta.md");
    assert!(out.starts_with("this release is a draft: "), "{out}");
    // Held back because `warta new`'s paragraph is still its body: said so, not "remove draft".
    let delta = std::fs::read_to_string(site.root().join("content/2024/01/rilis-delta.md"));
    let unwritten = delta.expect("rilis-delta").replace("draft: true\n", "")
        + "\nTulis paragraf pertama di sini: siapa, apa, kapan, di mana.\n";
    site.write("content/2024/01/rilis-delta.md", &unwritten);
    let out = social(site.root(), "content/2024/01/rilis-delta.md");
    assert!(
        out.starts_with("this release is held back as a draft: its body is still the text"),
        "{out}"
    );
    let out = social(site.root(), "rilis-echo");
    assert!(out.starts_with("this release expired on Jumat, 5 Januari 2024"), "{out}");
    let out = social(site.root(), "rilis-alfa");
    assert!(out.starts_with("Rilis Alfa Kanwil\n"), "{out}");
    // As JSON, the note goes to standard error and standard output stays JSON.
    let o = warta().args(["social", "rilis-bravo", "--json", "--root"]).arg(site.root()).output();
    let o = o.expect("run warta");
    assert_eq!(o.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON on stdout");
    assert_eq!(json["title"], "Rilis Bravo Kanwil");
    let note = String::from_utf8_lossy(&o.stderr);
    assert!(note.starts_with("this release is scheduled for Rabu, 10 Januari 2024"), "{note}");
}

#[test]
fn init_writes_a_draft_sample_and_a_gitignore() {
    let tmp = Site::empty();
    let dir = tmp.root().join("situs");
    let o = warta().arg("init").arg(&dir).output().expect("run warta");
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let sample = std::fs::read_to_string(dir.join("content/2024/01/selamat-datang.md"))
        .expect("the sample, dated by SOURCE_DATE_EPOCH");
    assert!(sample.contains("\ndraft: true "), "{sample}");
    assert!(sample.contains("warta build --drafts"), "{sample}");

    let build = |extra: &[&str]| {
        let o = warta().arg("build").arg("--root").arg(&dir).args(extra).output().expect("run");
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).expect("UTF-8")
    };
    let out = build(&[]);
    assert!(out.starts_with("built 0 releases: "), "{out}");
    assert!(
        out.contains("\nleft out: 1 release marked draft: true (remove that line to publish, or preview with --drafts)"),
        "{out}"
    );
    let out = build(&["--drafts"]);
    assert!(out.starts_with("built 1 release: "), "{out}");
    assert!(!out.contains("left out"), "{out}");
    // The second line says the output is a preview, which `warta deploy` refuses; the third,
    // that the address is still the example `warta init` wrote, which it refuses too; the
    // fourth and last, that so are the site's, the unit's and the writer's names.
    assert_eq!(out.lines().count(), 4, "{out}");
    assert!(
        out.lines().nth(1).is_some_and(|l| l.starts_with("a preview, with 1 draft: ")),
        "{out}"
    );
    assert!(
        out.lines().nth(2).is_some_and(|l| {
            l.starts_with(
            "note: base_url in site.yaml is still an example address (https://humas.example.go.id/)"
        )
        }),
        "{out}"
    );
    assert_eq!(
        out.lines().nth(3),
        Some(
            "note: site.yaml still holds the sample text of `warta init` in title (\"Humas Kantor \
             Contoh\"), description (\"Rilis berita resmi Kantor Contoh.\"), units.humas.name \
             (\"Kantor Contoh\"), units.humas.short (\"Humas Contoh\"), authors.ab.name (\"Nama \
             Penulis\"): every page, feed and shared link shows it, and `warta deploy` will not \
             send the site; write the office's own there"
        ),
        "{out}"
    );

    let gitignore = std::fs::read_to_string(dir.join(".gitignore")).expect(".gitignore");
    let rules: Vec<&str> =
        gitignore.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).collect();
    assert_eq!(
        rules,
        [
            "/public/",
            ".*.warta-staging-*",
            ".*.warta-lock",
            ".warta-ledger.tsv.tmp-*",
            ".*.warta-cache/"
        ]
    );
    assert!(dir.join("warta-ledger.tsv").is_file());
    // Where git is installed, ask it what the rules ignore.
    let git = |args: &[&str]| {
        std::process::Command::new("git").current_dir(&dir).args(args).output().ok()
    };
    if git(&["init", "-q", "."]).is_some_and(|o| o.status.success()) {
        let ignored = |p: &str| git(&["check-ignore", "-q", p]).is_some_and(|o| o.status.success());
        for p in [
            "public/index.html",
            ".public.warta-staging-7-1a/x",
            ".public.warta-staging-7-1a.old/x",
            ".public.warta-lock",
            ".public.warta-cache/jobs",
        ] {
            assert!(ignored(p), "{p} should be ignored");
        }
        for p in ["warta-ledger.tsv", "site.yaml", "content/2024/01/selamat-datang.md"] {
            assert!(!ignored(p), "{p} must not be ignored");
        }
    }
}
