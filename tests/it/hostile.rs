//! What a hostile or careless site costs and lets through: limits on tags and on the size of a
//! release and of a feed item's text, template circles, the HTML policy (raw HTML sanitised
//! unless `unsafe_html: true`), links in `site.yaml`, pipes, and folders linked out of the site.

use crate::support::{release_md, Site};
use std::time::{Duration, Instant};

const SITE_YAML: &str = "title: Humas Uji\nbase_url: https://example.go.id/\nunits:\n  \
    kanwil-bali: {name: Kantor Wilayah Bali, short: Humas Bali, place: Denpasar}\n\
    authors:\n  sn: {name: Sri Nuraini}\n";

const RELEASE: &str = "content/2023/05/rilis.md";

/// A site with one release whose body is `body`, `extra` appended to `site.yaml`.
fn site_with(extra: &str, body: &str) -> Site {
    let site = Site::empty();
    site.write("site.yaml", &format!("{SITE_YAML}{extra}"));
    let md = release_md("Rilis Uji", "2023-05-15", "kanwil-bali", "sn", &["haji"]);
    site.write(RELEASE, &format!("{md}\n{body}\n"));
    site
}

fn with_tags(n: usize) -> Site {
    let site = site_with("", "");
    let tags: Vec<String> = (0..n).map(|i| format!("topik {i}")).collect();
    let refs: Vec<&str> = tags.iter().map(String::as_str).collect();
    site.write(RELEASE, &release_md("Rilis Uji", "2023-05-15", "kanwil-bali", "sn", &refs));
    site
}

#[test]
fn ten_thousand_tags_fail_quickly() {
    let site = with_tags(10_000);
    let started = Instant::now();
    let error = site.build_error();
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
    assert!(error.contains("10000 tags, more than the 50"), "{error}");
    assert!(!site.public().exists(), "nothing was written");
}

#[test]
fn sixty_tags_name_the_limit() {
    insta::assert_snapshot!(with_tags(60).build_error());
    // The limit is the site's to set.
    let site = with_tags(60);
    site.write("site.yaml", &format!("{SITE_YAML}max_tags: 60\n"));
    site.built();
}

#[test]
fn fifty_tags_build_and_each_tag_page_lists_the_release() {
    let b = with_tags(50).built();
    assert!(b.has("tag/topik-49/index.html"));
    assert!(b.read("tag/topik-0/feed.xml").contains("Rilis Uji"));
}

#[test]
fn a_template_that_includes_itself_is_named() {
    let site = site_with("", "Teks.");
    site.write("templates/partials/card.html", "{% include \"partials/card.html\" %}");
    insta::assert_snapshot!(site.build_error());
}

#[test]
fn two_templates_that_refer_to_each_other_are_named() {
    let site = site_with("", "Teks.");
    site.write("templates/a.html", "{% extends \"b.html\" %}");
    site.write("templates/b.html", "{% include \"a.html\" %}");
    insta::assert_snapshot!(site.build_error());
}

#[test]
fn a_release_larger_than_the_limit_is_refused() {
    let line = "Paragraf panjang tentang kegiatan kantor wilayah. ".repeat(20);
    let body = format!("{line}\n\n").repeat(3 * 1024 * 1024 / line.len());
    let site = site_with("", &body);
    insta::assert_snapshot!(site.build_error());
    site.write("site.yaml", &format!("{SITE_YAML}max_release_bytes: 4000000\n"));
    site.built();
}

#[test]
fn a_body_past_feed_full_text_becomes_the_lead_and_a_link() {
    let long = "Kalimat isi rilis yang panjang. ".repeat(200);
    let b = site_with("feed_full_text: 2000\n", &long).built();
    let url = "https://example.go.id/2023/05/rilis/";
    for rel in
        ["feed.xml", "atom.xml", "feed.json", "unit/kanwil-bali/feed.xml", "tag/haji/feed.xml"]
    {
        let feed = b.read(rel);
        assert!(!feed.contains("Kalimat isi rilis yang panjang. Kalimat"), "{rel}: no full text");
        assert!(feed.contains("Baca selengkapnya"), "{rel}: the link's words");
        assert!(feed.contains(url), "{rel}");
    }
    assert!(b.page("2023/05/rilis/").contains(&long.trim_end()[..500]), "the page has it all");
    // Under the limit, the full text.
    let b = site_with("", &long).built();
    assert!(b.read("feed.xml").contains("Kalimat isi rilis yang panjang. Kalimat"));
}

/// Each dangerous form of raw HTML, and what must not survive of it.
const DANGEROUS: [(&str, &str); 7] = [
    ("<script>alert(1)</script>", "<script"),
    ("<img src=\"foto.jpg\" onerror=\"alert(2)\">", "onerror"),
    ("<iframe src=\"https://evil.example/\"></iframe>", "<iframe"),
    ("<a href=\"javascript:alert(3)\">a</a>", "javascript:"),
    ("<a href=\"vbscript:msgbox(4)\">b</a>", "vbscript:"),
    ("<a href=\"data:text/html;base64,PHNjcmlwdD4=\">c</a>", "data:text"),
    ("<p onclick=\"alert(5)\">d</p>", "onclick"),
];

fn dangerous_site(extra: &str) -> Site {
    let body: Vec<String> = DANGEROUS.iter().map(|(h, _)| format!("Teks {h} teks.\n")).collect();
    site_with(extra, &body.join("\n"))
}

#[test]
fn dangerous_html_is_removed_from_pages_and_feeds_by_default() {
    let b = dangerous_site("").built();
    let page = b.page("2023/05/rilis/");
    let body = crate::support::between(&page, "<span class=\"dateline\">", "(sn)");
    let feed = b.read("feed.json");
    for (html, gone) in DANGEROUS {
        assert!(!body.contains(gone), "{html} left {gone} in the page:\n{body}");
        assert!(!feed.contains(gone), "{html} left {gone} in feed.json");
    }
    assert!(body.contains("Teks"), "the text around stays");
}

#[test]
fn unsafe_html_lets_raw_html_through() {
    let b = dangerous_site("unsafe_html: true\n").built();
    let page = b.page("2023/05/rilis/");
    for (html, _) in DANGEROUS {
        assert!(page.contains(html), "{html} is kept with unsafe_html: true");
    }
}

#[test]
fn the_video_facade_and_highlighted_code_survive_sanitising() {
    let body = "https://youtu.be/dQw4w9WgXcQ\n\n```rust\nfn main() {}\n```\n\n\
                | A | B |\n|:-:|--:|\n| 1 | 2 |\n\nCatatan[^1].\n\n[^1]: Sumber.\n";
    let page = site_with("", body).built().page("2023/05/rilis/");
    assert!(page.contains(
        "<p class=\"video\"><a class=\"video-link\" href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\" \
         data-embed=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ\" data-provider=\"YouTube\">"
    ), "{page}");
    assert!(
        page.contains("<pre class=\"code\" data-lang=\"rust\"><code><span class=\"hl-"),
        "{page}"
    );
    assert!(page.contains("<th style=\"text-align: center\">"), "{page}");
    assert!(page.contains("class=\"footnote-definition\""), "{page}");
}

#[test]
fn a_social_link_that_is_not_a_web_address_is_refused() {
    let yaml = SITE_YAML.replace(
        "place: Denpasar}",
        "place: Denpasar, social: {facebook: \"javascript:alert(1)\"}}",
    );
    let site = site_with("", "Teks.");
    site.write("site.yaml", &yaml);
    insta::assert_snapshot!(site.build_error());
}

#[test]
fn control_characters_never_reach_the_output() {
    // NUL, escape and the C1 range mean the file is not text: an error at their line.
    for bad in ["\u{0}", "\u{1b}", "\u{85}"] {
        let site = site_with("", &format!("Teks{bad}teks."));
        let error = site.build_error();
        assert!(error.contains("rilis.md:11: this is not a text file"), "{error}");
    }
    insta::assert_snapshot!(site_with("", "Teks\u{0}teks.").build_error());
    // A page break or a line break pasted from Word or PowerPoint becomes a space, with a
    // warning (until stop 58, the line break was "not a text file", and the page break glued
    // the words on either side); a control character in a template is removed.
    let site = site_with("", "Teks\u{c}dengan\u{b}jeda.");
    site.write("templates/404.html", "Tidak ada\u{0}\u{7}.");
    let b = site.built();
    assert!(b.page("2023/05/rilis/").contains("Teks dengan jeda."));
    let photos = [".jpg", ".png", ".webp", ".ico"];
    for (rel, text) in
        b.files().into_iter().filter(|(rel, _)| !photos.iter().any(|p| rel.ends_with(p)))
    {
        let text = String::from_utf8_lossy(&text).to_string();
        assert!(!text.contains(|c: char| c.is_control() && !"\t\n\r".contains(c)), "{rel}");
    }
    let warnings: Vec<String> = b.summary.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        ["content/2023/05/rilis.md:11: took out 2 invisible control character(s) (a page or \
          line break pasted from Word or PowerPoint, say), which pages and feeds cannot carry; \
          check the text around this line"]
    );
}

#[cfg(unix)]
#[test]
fn a_pipe_as_site_yaml_is_refused_at_once() {
    let site = site_with("", "Teks.");
    std::fs::remove_file(site.root().join("site.yaml")).expect("remove site.yaml");
    let made = std::process::Command::new("mkfifo")
        .arg(site.root().join("site.yaml"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let started = Instant::now();
    let error = site.build_error();
    assert!(started.elapsed() < Duration::from_secs(1), "took {:?}", started.elapsed());
    insta::assert_snapshot!(error);
}

#[cfg(unix)]
#[test]
fn a_pipe_among_the_content_is_refused() {
    let site = site_with("", "Teks.");
    let made = std::process::Command::new("mkfifo")
        .arg(site.root().join("content/2023/05/pipa.md"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let error = site.build_error();
    assert!(error.contains("'pipa.md' is not a regular file"), "{error}");
}

#[cfg(unix)]
#[test]
fn a_static_folder_linked_out_of_the_site_is_refused() {
    let outside = tempfile::tempdir().expect("a folder outside the site");
    std::fs::write(outside.path().join("kunci.gpg"), "rahasia").expect("a file");
    let site = site_with("", "Teks.");
    std::os::unix::fs::symlink(outside.path(), site.root().join("static")).expect("symlink");
    let error = site.build_error();
    let outside = outside.path().canonicalize().expect("canonical");
    insta::assert_snapshot!(error.replace(&outside.display().to_string(), "[OUTSIDE]"));
    assert!(!site.public().join("kunci.gpg").exists());
    // A link that stays inside the site is a folder of the site.
    std::fs::remove_file(site.root().join("static")).expect("remove the link");
    std::fs::create_dir_all(site.root().join("aset")).expect("a folder");
    std::fs::write(site.root().join("aset/logo.txt"), "logo").expect("a file");
    std::os::unix::fs::symlink(site.root().join("aset"), site.root().join("static"))
        .expect("symlink");
    assert!(site.built().has("logo.txt"));
}

/// Regression: an '&' whose next twelve bytes ended inside a character of several bytes
/// ("R&D Rapa—t": the '—' is bytes 11 to 13 after it) panicked the build, in the plain text
/// made for the search entry and the verification.
#[test]
fn an_ampersand_before_a_dash_is_text_not_a_panic() {
    let b = site_with("", "Hasil R&D Rapa—t kerja, Q&A “Ké”.").built();
    let page = b.page("2023/05/rilis/");
    assert!(page.contains("Hasil R&amp;D Rapa—t kerja"), "{page}");
    let search = b.read("2023/05/rilis/search.json");
    assert!(search.contains("Hasil R&D Rapa—t kerja, Q&A “Ké”."), "{search}");
}

/// Found in stop 67's review: a file of a release's folder that is a symbolic link (to a PDF in
/// the office's shared folder) is not published, which is right, since a link could bring in
/// any file of the computer; but the release linking to it was told there was "no file" of
/// that name, beside the file it could see, and a link in `static/` was left out without a
/// word. Both now say it is a link, and what to do.
#[cfg(unix)]
#[test]
fn a_symbolic_link_in_content_or_static_is_named_as_one() {
    let outside = tempfile::tempdir().expect("a folder outside the site");
    let pdf = outside.path().join("undangan.pdf");
    std::fs::write(&pdf, "%PDF-1.4 undangan").expect("a file");
    let site = Site::empty();
    site.write("site.yaml", SITE_YAML);
    let md = release_md("Rilis Uji", "2023-05-15", "kanwil-bali", "sn", &["haji"]);
    site.write(
        "content/2023/05/rilis/index.md",
        &format!("{md}\nUnduh [undangan](undangan.pdf).\n"),
    );
    std::os::unix::fs::symlink(&pdf, site.root().join("content/2023/05/rilis/undangan.pdf"))
        .expect("symlink");
    let error = site.build_error();
    assert!(
        error.contains(
            "the link \"undangan.pdf\" points to a file the site does not have; \"undangan.pdf\" \
             in content/2023/05/rilis/ is a symbolic link, which warta does not follow or \
             publish"
        ),
        "{error}"
    );
    assert!(!site.public().exists(), "nothing written");
    // The file itself there: published. A link in static/ is a warning naming it.
    std::fs::remove_file(site.root().join("content/2023/05/rilis/undangan.pdf")).expect("rm");
    std::fs::copy(&pdf, site.root().join("content/2023/05/rilis/undangan.pdf")).expect("copy");
    std::fs::create_dir_all(site.root().join("static")).expect("a folder");
    std::os::unix::fs::symlink(&pdf, site.root().join("static/agenda.pdf")).expect("symlink");
    let summary = site.build().expect("the build");
    let warnings: Vec<String> = summary.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        warnings.iter().any(|w| w.starts_with("static/agenda.pdf: a symbolic link, which warta")),
        "{warnings:?}"
    );
    assert!(site.public().join("2023/05/rilis/undangan.pdf").is_file());
    assert!(!site.public().join("agenda.pdf").exists());
}
