//! The plan's table of output paths: it lists exactly the files the renderers produce, and two
//! outputs at one path (or at paths equal but for case) fail the build before anything is
//! written, naming both sources.

use crate::support::{self, fixture_dir, generated_site, Site};
use std::path::Path;
use std::sync::Mutex;

/// The paths in the plan's table and the paths the renderers produce, both sorted.
fn table_and_rendered(root: &Path, drafts: bool) -> (Vec<String>, Vec<String>) {
    let show = warta::model::Show { drafts, future: drafts, expired: false };
    let now = chrono::DateTime::from_timestamp(support::NOW_EPOCH, 0).expect("a valid moment");
    let (sources, site) = warta::load_site(root, show, now).expect("the site loads");
    let theme = warta::theme(&site, &sources).expect("the theme compiles");
    let views = warta::render::Views::for_theme(&site, &theme);
    let plan = warta::render::plan(&site, &views, &theme);
    let mut table: Vec<String> =
        warta::render::table(&site, &views, &theme, &plan).into_iter().map(|e| e.path).collect();
    table.sort();
    let rendered = Mutex::new(Vec::new());
    warta::render(&site, &theme, |out| {
        rendered.lock().expect("not poisoned").push(out.path);
        Ok(())
    })
    .expect("the site renders");
    let mut rendered = rendered.into_inner().expect("not poisoned");
    rendered.sort();
    // The search index's files but its `meta.json`: how many there are, the index alone knows;
    // the table lists `meta.json`, and the index owns its whole folder.
    let (bundle, meta) = (warta::render::search::BUNDLE, warta::render::search::META);
    let hashed = |p: &String| p.starts_with(bundle) && p != meta;
    if table.iter().any(|p| p == meta) {
        assert!(rendered.iter().any(hashed), "the index has its other files");
    }
    rendered.retain(|p| !hashed(p));
    (table, rendered)
}

fn assert_table_matches(root: &Path) {
    for drafts in [false, true] {
        let (table, rendered) = table_and_rendered(root, drafts);
        assert!(!table.is_empty());
        assert_eq!(table, rendered, "{} (drafts: {drafts})", root.display());
    }
}

#[test]
fn the_table_lists_exactly_what_the_renderers_produce() {
    assert_table_matches(Path::new(env!("CARGO_MANIFEST_DIR")));
    for f in ["build/basic", "feeds/full", "previews/site", "theme/override", "base_url/sub_path"] {
        assert_table_matches(&fixture_dir(f));
    }
    for n in [0, 1, 7, 60] {
        let site = generated_site(n);
        assert_table_matches(site.root());
    }
}

fn basic() -> Site {
    Site::fixture("build/basic")
}

#[test]
fn a_bundle_file_named_like_the_generated_social_json_is_an_error() {
    let site = basic();
    site.write("content/2023/05/workshop-media-sosial/social.json", "{}");
    insta::assert_snapshot!(site.build_error());
    assert!(!site.public().exists(), "nothing is written");
}

#[test]
fn a_static_file_named_like_a_generated_feed_is_an_error() {
    let site = basic();
    site.write("static/feed.xml", "<rss/>");
    insta::assert_snapshot!(site.build_error());
}

/// A unit's feeds at its former address ([`warta::render::paths::former_folders`]) are outputs
/// like any other: a file of `static/` there is one of two at one path, told at the unit's
/// `aliases:` line.
#[test]
fn a_static_file_at_a_former_address_of_a_units_feed_is_an_error() {
    let site = basic();
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    let yaml =
        yaml.replace("    place: Mangupura\n", "    place: Mangupura\n    aliases: [badung]\n");
    site.write("site.yaml", &yaml);
    site.write("static/unit/badung/feeds/x.xml", "<rss/>");
    insta::assert_snapshot!(site.build_error());
    assert!(!site.public().exists(), "nothing is written");
}

#[test]
fn a_static_file_at_a_standalone_page_is_an_error() {
    let site = basic();
    site.write("static/tentang/index.html", "<p>lama</p>");
    insta::assert_snapshot!(site.build_error());
}

/// A build keeps the fingerprint of its table of outputs in its cache, and the next one with
/// the same table does not look for collisions again: a file added since makes the table
/// another, and its collision is found as by a build without a cache.
#[test]
fn a_collision_made_after_a_build_is_found_by_the_next_one_with_its_cache() {
    let fresh = basic();
    fresh.write("static/feed.xml", "<rss/>");
    let expected = fresh.build_error();
    let site = basic();
    let built = |site: &Site| site.build().unwrap_or_else(|e| panic!("the build fails:\n{e}"));
    built(&site);
    let cache = warta::incremental::cache_path(&site.public());
    assert!(cache.join(warta::incremental::TABLE).is_file(), "the table's fingerprint is kept");
    built(&site);
    site.write("static/feed.xml", "<rss/>");
    assert_eq!(site.build_error(), expected);
    std::fs::remove_file(site.root().join("static/feed.xml")).expect("removed");
    built(&site);
}

#[test]
fn paths_equal_but_for_case_are_an_error_and_all_collisions_are_listed() {
    let site = basic();
    site.write("static/Robots.TXT", "User-agent: *\n");
    site.write("static/atom.xml", "<feed/>");
    site.write("content/2023/05/workshop-media-sosial/Index.html", "<p>x</p>");
    insta::assert_snapshot!(site.build_error());
}

#[test]
fn a_site_static_file_still_replaces_the_theme_file_of_the_same_name() {
    let (table, _) = table_and_rendered(&fixture_dir("build/basic"), false);
    let Some(name) = table.iter().find(|p| p.ends_with(".css")).cloned() else {
        panic!("the theme has a stylesheet: {table:?}")
    };
    let site = basic();
    site.write(&format!("static/{name}"), "body{}");
    let built = site.built();
    assert_eq!(built.read(&name), "body{}");
}

/// A renamed page or unit left its old address a 404 until stop 50: links from other sites,
/// printed letters and search engines to `/profil/` or `/unit/badung/` led nowhere. `aliases:`
/// lists the former addresses; each is a page that redirects to where it is now.
#[test]
fn former_addresses_of_a_page_and_a_unit_redirect_to_them() {
    let site = basic();
    site.write(
        "content/pages/tentang.md",
        "---\ntitle: Tentang Kami\naliases: [profil, /lama/profil-kantor/, \
         https://example.go.id/profil.html]\n---\nHalaman ini menjelaskan tugas Humas.\n",
    );
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    let yaml =
        yaml.replace("    place: Mangupura\n", "    place: Mangupura\n    aliases: [badung]\n");
    site.write("site.yaml", &yaml);
    assert_table_matches(site.root());
    let built = site.built();
    for (file, to, title) in [
        ("profil/index.html", "https://example.go.id/tentang/", "Tentang Kami"),
        ("lama/profil-kantor/index.html", "https://example.go.id/tentang/", "Tentang Kami"),
        ("profil.html", "https://example.go.id/tentang/", "Tentang Kami"),
        (
            "unit/badung/index.html",
            "https://example.go.id/unit/kemenag-badung/",
            "Kantor Kementerian Agama Kabupaten Badung",
        ),
    ] {
        let page = built.read(file);
        assert!(page.contains(&format!("content=\"0; url={to}\"")), "{file}: {page}");
        assert!(page.contains(&format!("<link rel=\"canonical\" href=\"{to}\">")), "{page}");
        assert!(page.contains(&format!("<title>{title}")), "{page}");
        assert!(page.contains("noindex"), "{page}");
    }
    let sitemap = built.read("sitemap.xml");
    assert!(!sitemap.contains("profil") && !sitemap.contains("unit/badung/"), "{sitemap}");
}

#[test]
fn aliases_that_are_not_former_addresses_are_errors_at_their_lines() {
    let site = basic();
    site.write(
        "content/pages/tentang.md",
        "---\ntitle: Tentang Kami\naliases: [\"profil?id=3\", /tentang/, https://lain.example/x/]\n\
         ---\nHalaman.\n",
    );
    insta::assert_snapshot!(site.build_error());
}

#[test]
fn a_units_alias_that_is_a_key_in_use_is_an_error() {
    let site = basic();
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    let yaml = yaml.replace(
        "    place: Mangupura\n",
        "    place: Mangupura\n    aliases: [kanwil-bali, \"Badung Lama\"]\n",
    );
    site.write("site.yaml", &yaml);
    insta::assert_snapshot!(site.build_error());
}

/// An alias cannot take an address in use: a release's, another page's, a generated page's.
#[test]
fn an_alias_at_an_address_in_use_is_an_error_naming_both() {
    let site = basic();
    site.write(
        "content/pages/tentang.md",
        "---\ntitle: Tentang Kami\naliases: [/2023/05/rapat-koordinasi/, tag]\n---\nHalaman.\n",
    );
    insta::assert_snapshot!(site.build_error());
    assert!(!site.public().exists(), "nothing is written");
}

/// The notes of a build about addresses it no longer publishes, as printed.
fn gone_notes(summary: &warta::BuildSummary) -> Vec<String> {
    let notes = summary.warnings.iter().map(ToString::to_string);
    notes.filter(|w| w.contains("published by the last build, is gone")).collect()
}

/// A page or a unit that moved took its old address with it, without a word: the old links
/// led to “not found”. The build that no longer publishes such an address says so, once, with
/// the alias that keeps it.
#[test]
fn a_page_or_unit_address_the_last_build_published_and_this_one_does_not_is_told() {
    let site = basic();
    let first = site.build().expect("first build");
    assert!(gone_notes(&first).is_empty());
    // The page gets a new slug, and a unit a new key.
    let page = "content/pages/tentang.md";
    site.write(page, "---\ntitle: Tentang Kami\nslug: profil\n---\nHalaman.\n");
    let release = "content/2023/06/zakat-asn.md";
    let text = std::fs::read_to_string(site.root().join(release)).expect("the release");
    site.write(release, &text.replace("kemenag-badung", "badung"));
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    site.write("site.yaml", &yaml.replace("  kemenag-badung:", "  badung:"));
    let moved = site.build().expect("build after the move");
    insta::assert_snapshot!(gone_notes(&moved).join("\n"), @r"
    content/pages: the page /tentang/, published by the last build, is gone: links to it now lead to “not found”; if the page moved, list its old address in its file: aliases: [/tentang/]
    site.yaml:6: the unit page /unit/kemenag-badung/, published by the last build, is gone: links to it now lead to “not found”; if the unit's key changed, list the old key under the unit: aliases: [kemenag-badung]
    ");
    // Told once: the next build has nothing to say.
    assert!(gone_notes(&site.build().expect("again")).is_empty());

    // A build that writes every file (`--clean`) compares with the previous output too.
    site.write(page, "---\ntitle: Tentang Kami\nslug: tentang-kami\n---\nHalaman.\n");
    let clean = warta::build(&warta::BuildOptions {
        clean: true,
        ..support::options(site.root(), &site.public())
    })
    .expect("clean build");
    assert_eq!(gone_notes(&clean).len(), 1, "{:?}", gone_notes(&clean));
    assert!(gone_notes(&clean)[0].contains("/profil/"));

    // With the alias, the old address is kept and nothing is said.
    site.write(
        page,
        "---\ntitle: Tentang Kami\nslug: profil-kantor\naliases: [tentang-kami]\n---\nHalaman.\n",
    );
    let kept = site.build().expect("build with the alias");
    assert_eq!(gone_notes(&kept).len(), 0, "{:?}", gone_notes(&kept));
}
