//! What a writer puts in a release's body, as it reaches the page: text pasted from a word
//! processor (dateline and initials typed by hand, one paragraph per line), videos, attached
//! documents, photos named the way phones name them, and links to files that are not there.

use crate::support::{photo_jpeg, text, Site};

pub(crate) const SEED: &str = include_str!("../fixtures/import/seed.txt");

/// The errors/base fixture (units kanwil-bali "Humas Bali" in Denpasar and kemenag-badung,
/// authors sn and ma) with one release written by the test.
pub(crate) fn site_with(rel: &str, text: &str) -> Site {
    let site = Site::fixture("errors/base");
    site.write(rel, text);
    site
}

pub(crate) const FRONT: &str = "---\ntitle: Workshop Media Sosial\ndate: 2023-05-15T09:00:00\nauthor: sn\nunit: kanwil-bali\n---\n";

#[test]
fn the_seed_pasted_under_a_front_matter_prints_one_dateline_one_initials_a_paragraph_per_line() {
    let site = site_with("content/2023/05/workshop.md", &format!("{FRONT}{SEED}"));
    let built = site.built();
    read_as_written(&built);
    // Captions get the lead without the typed dateline.
    let social = built.read("2023/05/workshop/social.json");
    assert!(!social.contains("– (Humas Bali) –"), "the dateline once in every caption:\n{social}");
    assert!(social.contains("\\n\\nDenpasar (Humas Bali) – Membuka Workshop"), "{social}");
}

/// The seed copied from a web page, a zero-width space before its dateline and after its
/// initials (and a word joiner in a word): the dateline and the initials were printed twice,
/// without a warning (found by helper-33, stop 67).
#[test]
fn the_seed_with_invisible_spaces_prints_one_dateline_one_initials() {
    let seed = SEED.replacen("Denpasar", "\u{200B}Denpasar", 1).replacen(
        "Workshop",
        "Work\u{2060}shop",
        1,
    );
    let seed = match seed.trim_end().strip_suffix("(sn)") {
        Some(text) => format!("{text}(sn)\u{200B}\n"),
        None => panic!("the seed ends with its initials"),
    };
    let site = site_with("content/2023/05/workshop.md", &format!("{FRONT}{seed}"));
    let body = read_as_written(&site.built());
    assert!(!body.contains('\u{200B}') && !body.contains('\u{2060}'), "{body}");
}

/// The seed's page as its writer meant it, returned: a paragraph per line, one dateline and one
/// initials, the warnings naming the typed ones at the body's first line (7) and last (15), and
/// the feed's description the lead without the typed dateline.
fn read_as_written(built: &crate::support::Built) -> String {
    let page = built.page("2023/05/workshop/");
    let body = crate::support::between(&page, "<div class=\"content\">", "</div>").to_string();
    assert_eq!(body.matches("<p>").count(), SEED.lines().count(), "a paragraph per line:\n{body}");
    assert!(body.contains("<p class=\"initials\">(sn)</p>"), "{body}");
    assert_eq!(text(&body).matches("(Humas Bali)").count(), 1, "{body}");
    assert_eq!(text(&body).matches("(sn)").count(), 1, "{body}");
    assert!(text(&body).starts_with("Denpasar (Humas Bali) – Membuka Workshop"), "{}", text(&body));
    let warnings: Vec<String> = built.summary.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings[0]
            .starts_with("content/2023/05/workshop.md:7: the body starts with a typed dateline"),
        "{warnings:?}"
    );
    assert!(
        warnings[1].starts_with(
            "content/2023/05/workshop.md:15: the body ends with the writer's initials \"(sn)\""
        ),
        "{warnings:?}"
    );
    let feed = built.read("feed.xml");
    assert!(feed.contains("<description>Membuka Workshop"), "{feed}");
    body
}

/// Found using the product, stop 58: the seed typed as Word's writers type it, a Tab before
/// each paragraph, was one block of code in a typewriter's letters, on the page and in the feed,
/// with the dateline and the initials printed twice.
#[test]
fn the_seed_typed_with_a_tab_before_each_paragraph_prints_paragraphs_one_dateline_one_initials() {
    let indented: String = SEED.lines().map(|l| format!("\t{l}\n")).collect();
    let site = site_with("content/2023/05/workshop.md", &format!("{FRONT}{indented}"));
    let built = site.built();
    let body = read_as_written(&built);
    assert!(!body.contains("<pre") && !body.contains("<code"), "{body}");
    let feed = built.read("feed.xml");
    assert!(!feed.contains("&lt;pre") && !feed.contains("<pre"), "{feed}");
}

/// Found using the product, stop 58: a list copied from Word, a bullet and a tab before each
/// item, was a table of two columns on the page and in the feed.
#[test]
fn a_list_copied_from_word_is_a_list_on_the_page_and_in_the_feed() {
    let body = "Kegiatan meliputi:\n•\tPenyuluhan haji\n•\tManasik\n\nDemikian.\n";
    let site = site_with("content/2023/05/workshop.md", &format!("{FRONT}{body}"));
    let built = site.built();
    let list = "<ul>\n<li>Penyuluhan haji</li>\n<li>Manasik</li>\n</ul>";
    let page = built.page("2023/05/workshop/");
    assert!(page.contains(list) && !page.contains("<table"), "{page}");
    let feed = built.read("feed.xml");
    let escaped = list.replace('<', "&lt;").replace('>', "&gt;");
    assert!(feed.contains(list) || feed.contains(&escaped), "{feed}");
}

/// Found pasting an invitation, stop 62: words in angle brackets (`<Kepala Madrasah>`) were
/// read as a tag of HTML, and the page, the feed and the search text left them out.
#[test]
fn words_in_angle_brackets_are_on_the_page_in_the_feed_and_in_search() {
    let body = "Undangan untuk <Kepala Madrasah> se-Bali dan <b>semua</b> guru.\n";
    let built = site_with("content/2023/05/workshop.md", &format!("{FRONT}{body}")).built();
    let page = built.page("2023/05/workshop/");
    assert!(page.contains("untuk &lt;Kepala Madrasah&gt; se-Bali dan <b>semua</b>"), "{page}");
    // The feed's HTML, escaped once more as XML text: a reader shows the brackets.
    let feed = built.read("feed.xml");
    assert!(feed.contains("untuk &amp;lt;Kepala Madrasah&amp;gt; se-Bali"), "{feed}");
    let search = built.read("2023/05/workshop/search.json");
    assert!(search.contains("untuk <Kepala Madrasah> se-Bali dan semua guru"), "{search}");
}

/// Found using the product, stop 56: the seed pasted under its front matter with its headline
/// first, as offices copy a release whole. The page printed the headline under the title, with
/// warta's dateline before it, and the typed dateline of the first paragraph stayed: doubled.
#[test]
fn the_seed_pasted_with_its_headline_prints_the_headline_once_and_one_dateline() {
    let headline = "MEMBUKA WORKSHOP MANAJEMEN MEDIA SOSIAL";
    let front = FRONT.replace("Workshop Media Sosial", "Membuka Workshop Manajemen Media Sosial");
    let site = site_with("content/2023/05/workshop.md", &format!("{front}{headline}\n{SEED}"));
    let built = site.built();
    let page = built.page("2023/05/workshop/");
    let body = crate::support::between(&page, "<div class=\"content\">", "</div>");
    assert!(!body.contains(headline), "{body}");
    assert_eq!(text(body).matches("(Humas Bali)").count(), 1, "{body}");
    assert!(text(body).starts_with("Denpasar (Humas Bali) – Membuka Workshop"), "{}", text(body));
    let warnings: Vec<String> = built.summary.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert_eq!(
        warnings[0],
        format!(
            "content/2023/05/workshop.md:7: the body starts with the title (\"{headline}\"); the \
             page prints the title itself, so the typed one was left out: delete it from the file"
        )
    );
    assert!(warnings[1]
        .starts_with("content/2023/05/workshop.md:8: the body starts with a typed dateline"));
    // The feed's description is the first paragraph, not the headline.
    assert!(built.read("feed.xml").contains("<description>Membuka Workshop"));
}

/// Found using the product, stop 56: the seed as an office sends it, with "###" under the
/// writer's initials, printed the initials twice and an empty heading.
/// Found using the product, stop 57: the seed as an office sends it, under its letterhead.
#[test]
fn the_seed_pasted_under_its_letterhead_prints_neither_and_one_dateline() {
    let top = "SIARAN PERS\nNomor: 45/Humas/V/2023\nMEMBUKA WORKSHOP MANAJEMEN MEDIA SOSIAL\n";
    let front = FRONT.replace("Workshop Media Sosial", "Membuka Workshop Manajemen Media Sosial");
    let site = site_with("content/2023/05/workshop.md", &format!("{front}{top}{SEED}"));
    let built = site.built();
    let page = built.page("2023/05/workshop/");
    let body = crate::support::between(&page, "<div class=\"content\">", "</div>");
    for gone in ["SIARAN PERS", "45/Humas", "MEMBUKA WORKSHOP"] {
        assert!(!body.contains(gone), "{gone}: {body}");
    }
    assert!(text(body).starts_with("Denpasar (Humas Bali) – Membuka Workshop"), "{}", text(body));
    let warnings: Vec<String> = built.summary.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        warnings[0].starts_with(
            "content/2023/05/workshop.md:7: the body starts with the letterhead of a press release"
        ),
        "{warnings:?}"
    );
}

#[test]
fn the_seed_with_an_end_mark_prints_the_initials_once() {
    let site = site_with("content/2023/05/workshop.md", &format!("{FRONT}{SEED}\n###\n"));
    let built = site.built();
    let page = built.page("2023/05/workshop/");
    let body = crate::support::between(&page, "<div class=\"content\">", "</div>");
    assert_eq!(text(body).matches("(sn)").count(), 1, "{body}");
    assert!(!body.contains("<h3"), "{body}");
    let warnings: Vec<String> = built.summary.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        warnings.iter().any(|w| w.starts_with(
            "content/2023/05/workshop.md:16: the body ends with an end mark (\"###\")"
        )),
        "{warnings:?}"
    );
}

/// Found using the product, stop 57: the seed with the credits a news site prints under a
/// release printed the initials twice and the credits as one line.
#[test]
fn the_seed_with_credits_under_it_prints_the_initials_once_and_a_credit_a_line() {
    let seed = SEED.trim_end().replace("(sn)", "\n(sn)");
    let source = format!("{FRONT}{seed}\nPewarta: Sri Nuraini\nEditor: Ra\n");
    let site = site_with("content/2023/05/workshop.md", &source);
    let built = site.built();
    let page = built.page("2023/05/workshop/");
    let body = crate::support::between(&page, "<div class=\"content\">", "</div>");
    assert_eq!(text(body).matches("(sn)").count(), 1, "{body}");
    assert!(body.contains("<p>Pewarta: Sri Nuraini</p>\n<p>Editor: Ra</p>"), "{body}");
    assert_eq!(body.matches("<p>").count(), 11, "a paragraph a line: {body}");
}

/// Found by a tester pasting a release as offices type it: a list typed without a blank line
/// under it ("1) …", "2) …", then the last paragraph) took the paragraph into its last item, and
/// the initials at its end were printed twice.
#[test]
fn the_seed_with_a_list_typed_above_its_last_paragraph_prints_the_initials_once() {
    let (text_above, last) = SEED.trim_end().rsplit_once('\n').expect("the seed has lines");
    let list = "Materi workshop:\n1) Etika bermedia sosial\n2) Pembuatan konten";
    let source = format!("{FRONT}{text_above}\n{list}\n{last}\n");
    let site = site_with("content/2023/05/workshop.md", &source);
    let built = site.built();
    let page = built.page("2023/05/workshop/");
    let body = crate::support::between(&page, "<div class=\"content\">", "</div>");
    assert!(
        body.contains(
            "<ol>\n<li>Etika bermedia sosial</li>\n<li>Pembuatan konten</li>\n</ol>\n\
             <p>Menghadirkan narasumber"
        ),
        "{body}"
    );
    assert_eq!(text(body).matches("(sn)").count(), 1, "{body}");
    let warnings: Vec<String> = built.summary.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        warnings.iter().any(|w| w.starts_with(
            "content/2023/05/workshop.md:18: the body ends with the writer's initials \"(sn)\""
        )),
        "{warnings:?}"
    );
}

/// Found by a tester: the seed's dateline typed with the unit's name as offices shorten it, or
/// with a colon where the dash goes, stood after warta's, without a warning.
#[test]
fn the_seed_with_a_shortened_or_colon_dateline_prints_one_dateline() {
    let rest = SEED.strip_prefix("(Humas Bali) – ").expect("the seed starts with its dateline");
    for dateline in ["Kemenag Bali —", "Denpasar (Humas Bali):", "Denpasar (Kanwil Kemenag Bali) –"]
    {
        let source = format!("{FRONT}{dateline} {rest}");
        let site = site_with("content/2023/05/workshop.md", &source);
        let built = site.built();
        let page = built.page("2023/05/workshop/");
        let body = text(crate::support::between(&page, "<div class=\"content\">", "</div>"));
        assert!(body.starts_with("Denpasar (Humas Bali) – Membuka Workshop"), "{dateline}: {body}");
        let warnings: Vec<String> = built.summary.warnings.iter().map(|w| w.to_string()).collect();
        let typed = format!(
            "content/2023/05/workshop.md:7: the body starts with a typed dateline (\"{dateline}\")"
        );
        assert!(warnings.iter().any(|w| w.starts_with(&typed)), "{warnings:?}");
    }
}

/// Found by a tester: the seed with who sent it and how to reach them typed under its
/// initials printed the initials twice, and the contact as the release's text.
#[test]
fn the_seed_with_a_contact_under_its_initials_prints_the_initials_once() {
    let contact = "Humas Kanwil Kemenag Bali\nTelp. (0361) 123456\nhumas.bali@kemenag.go.id\n";
    let source = format!("{FRONT}{}\n{contact}", SEED.trim_end());
    let site = site_with("content/2023/05/workshop.md", &source);
    let built = site.built();
    let page = built.page("2023/05/workshop/");
    let body = text(crate::support::between(&page, "<div class=\"content\">", "</div>"));
    assert_eq!(body.matches("(sn)").count(), 1, "{body}");
    assert!(!body.contains("Telp") && !body.contains("humas.bali@"), "{body}");
    let warnings: Vec<String> = built.summary.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        warnings.iter().any(|w| w.starts_with(
            "content/2023/05/workshop.md:16: the body ends with who sent it and how to reach them"
        )),
        "{warnings:?}"
    );
}

#[test]
fn the_warnings_reach_the_terminal() {
    let site = site_with("content/2023/05/workshop.md", &format!("{FRONT}{SEED}"));
    let out = crate::support::warta()
        .args(["build", "--root"])
        .arg(site.root())
        .output()
        .expect("run warta");
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "warning: content/2023/05/workshop.md:7: the body starts with a typed dateline"
        ),
        "{stderr}"
    );
}

#[test]
fn a_youtube_link_alone_on_its_line_is_a_video_that_loads_nothing_before_a_click() {
    let body = "Pembukaan acara.\n\nhttps://youtu.be/dQw4w9WgXcQ\n\n[Video lengkap](https://vimeo.com/76979871)\n\nPenutup.\n";
    let site = site_with("content/2023/05/video.md", &format!("{FRONT}\n{body}"));
    let built = site.built();
    let page = built.page("2023/05/video/");
    assert!(page.contains(r#"<p class="video"><a class="video-link" href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" data-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" data-provider="YouTube">https://youtu.be/dQw4w9WgXcQ</a></p>"#), "{page}");
    assert!(page.contains(r#"data-embed="https://player.vimeo.com/video/76979871?dnt=1" data-provider="Vimeo">Video lengkap</a>"#), "{page}");
    assert!(page.contains("js/video.js"), "the player script is loaded");
    assert!(!page.contains("<iframe"), "no third-party request on page load");
    assert!(built.has("js/video.js"));
    // A page without a video does not load the script.
    assert!(!built.page("2023/05/workshop-media-sosial/").contains("video.js"));
    // Feeds carry a plain link.
    let feed = built.read("feed.xml");
    assert!(
        feed.contains("href=&quot;https://www.youtube.com/watch?v=dQw4w9WgXcQ&quot;"),
        "{feed}"
    );
    assert!(!feed.contains("iframe"));
}

/// Found using the product, stop 56: the code of YouTube's "Embed" button pasted into a release
/// left the page without the video and the build without a word (the sanitiser removes every
/// frame). It is now the video, as its link alone on a line is; a frame that is no video (a
/// map) is named in a warning at its line, and neither reaches the page or a feed.
#[test]
fn a_pasted_embed_code_is_the_video_and_a_map_frame_is_named() {
    let body = "Pembukaan acara.\n\n\
        <iframe width=\"560\" height=\"315\" src=\"https://www.youtube.com/embed/dQw4w9WgXcQ?si=Ab\" \
        title=\"Rapat Koordinasi Kehumasan\" frameborder=\"0\" allow=\"autoplay; encrypted-media\" \
        allowfullscreen></iframe>\n\n\
        <iframe src=\"https://www.google.com/maps/embed?pb=!1m18\" width=\"600\"></iframe>\n\n\
        Penutup.\n";
    let site = site_with("content/2023/05/video.md", &format!("{FRONT}\n{body}"));
    // A contact page with the office's map, as offices paste it.
    site.write(
        "content/pages/kontak.md",
        "---\ntitle: Kontak\n---\n\nKantor kami:\n\n<iframe src=\"https://www.google.com/maps/embed\"></iframe>\n",
    );
    let built = site.built();
    let page = built.page("2023/05/video/");
    assert!(page.contains(r#"<p class="video"><a class="video-link" href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" data-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" data-provider="YouTube">Rapat Koordinasi Kehumasan</a></p>"#), "{page}");
    assert!(page.contains("js/video.js"), "the player script is loaded");
    assert!(!page.contains("<iframe") && !page.contains("google.com/maps"), "{page}");
    let warnings: Vec<String> = built.summary.warnings.iter().map(|w| w.to_string()).collect();
    let why = "the HTML <iframe> is left out of the page: warta shows no frame of another \
               site; for a YouTube or Vimeo video, paste its embed code alone, or its link alone \
               on a line; for anything else (a map, a form), link to it";
    assert_eq!(
        warnings,
        [
            format!("content/2023/05/video.md:12: {why}"),
            format!("content/pages/kontak.md:7: {why}")
        ],
    );
    assert!(!built.page("kontak/").contains("<iframe"));
    let feed = built.read("feed.xml");
    assert!(
        feed.contains("href=&quot;https://www.youtube.com/watch?v=dQw4w9WgXcQ&quot;"),
        "{feed}"
    );
    assert!(!feed.contains("iframe"), "{feed}");
}

/// A reader who opens a video from the keyboard lost the focus to the page's top (the link it
/// was on was replaced by the player), and the player was named by the link's words, which for
/// a bare address is the address: the player takes the focus, and is named "Video YouTube"
/// where the link is an address, by the link's words where it has some. In headless Chromium,
/// the link focused and clicked by a script the test adds to the built page (no request leaves
/// the machine: only the test's server resolves).
#[test]
fn a_video_opened_from_the_keyboard_keeps_the_focus_and_a_name() {
    let Some(browser) = crate::search::chromium() else { return };
    let body = "Pembukaan acara.\n\nhttps://youtu.be/dQw4w9WgXcQ\n\n[Video lengkap](https://vimeo.com/76979871)\n";
    let site = site_with("content/2023/05/video.md", &format!("{FRONT}\n{body}"));
    let built = site.built();
    let page = built.page("2023/05/video/");
    let probe = r#"<script>
window.addEventListener("load", function () {
  var seen = [];
  document.querySelectorAll("a.video-link").forEach(function (link) {
    link.focus();
    link.click();
    var active = document.activeElement;
    seen.push(active.tagName + ":" + active.title);
  });
  // The players' frames go: they would wait for a host that does not resolve.
  document.querySelectorAll("iframe").forEach(function (frame) { frame.remove(); });
  document.body.setAttribute("data-probe", seen.join("|"));
});
</script></body>"#;
    let file = built.out.join("2023/05/video/index.html");
    std::fs::write(&file, page.replace("</body>", probe)).expect("write the probe");
    let (server, port) = crate::search::host(&built.out);
    let dom = crate::search::dump_dom(&browser, &format!("http://127.0.0.1:{port}/2023/05/video/"));
    server.unblock();
    let probe = crate::support::between(&dom, "data-probe=\"", ">");
    let probe = probe.trim_start_matches("data-probe=\"").trim_end_matches('"');
    assert_eq!(probe, "IFRAME:Video YouTube|IFRAME:Video lengkap", "{dom}");
}

#[test]
fn documents_beside_a_release_are_listed_as_attachments_and_in_the_sitemap() {
    let site = site_with(
        "content/2023/05/manasik/index.md",
        &format!("{FRONT}\nJadwal manasik terlampir, lihat [jadwal](<Jadwal Manasik 2023.pdf>).\n"),
    );
    site.write("content/2023/05/manasik/Jadwal Manasik 2023.pdf", &"%PDF-1.4\n".repeat(200));
    site.write("content/2023/05/manasik/daftar-peserta.xlsx", &"x".repeat(1_300_000));
    let built = site.built();
    let page = built.page("2023/05/manasik/");
    let section = crate::support::between(&page, "<section class=\"attachments\"", "</section>");
    assert!(section.contains(">Lampiran</h2>"), "{section}");
    assert!(section.contains(r#"<a href="/2023/05/manasik/Jadwal%20Manasik%202023.pdf">Jadwal Manasik 2023.pdf</a> <span class="attachment-meta">PDF, 2 KB</span>"#), "{section}");
    assert!(section.contains(r#"<a href="/2023/05/manasik/daftar-peserta.xlsx">daftar-peserta.xlsx</a> <span class="attachment-meta">XLSX, 1,3 MB</span>"#), "{section}");
    assert!(
        page.contains(r#"href="/2023/05/manasik/Jadwal%20Manasik%202023.pdf">jadwal</a>"#),
        "{page}"
    );
    assert!(built.has("2023/05/manasik/Jadwal Manasik 2023.pdf"));
    let sitemap = built.read("sitemap.xml");
    assert!(
        sitemap.contains(
            "<loc>https://example.go.id/2023/05/manasik/Jadwal%20Manasik%202023.pdf</loc>"
        ),
        "{sitemap}"
    );
    assert!(
        sitemap.contains("<loc>https://example.go.id/2023/05/manasik/daftar-peserta.xlsx</loc>")
    );
}

#[test]
fn a_photo_named_as_phones_name_it_works_and_is_percent_encoded_everywhere() {
    let site = site_with(
        "content/2023/05/foto/index.md",
        "---\ntitle: Foto\ndate: 2023-05-15\nauthor: sn\nunit: kanwil-bali\nimage: IMG 20230515 WA0012.JPG\n---\n\nIsi.\n\n![Peserta](<IMG 20230515 WA0013.JPG> \"Peserta berfoto\")\n",
    );
    site.put("content/2023/05/foto/IMG 20230515 WA0012.JPG", &photo_jpeg(800, 600));
    site.put("content/2023/05/foto/IMG 20230515 WA0013.JPG", &photo_jpeg(800, 600));
    let built = site.built();
    let page = built.page("2023/05/foto/");
    // The photos are published in sizes named after them in plain letters; shared links show
    // the crop made from the release's photo.
    let social = "https://example.go.id/2023/05/foto/social-1200x630.jpg";
    assert!(page.contains(&format!(r#"<meta property="og:image" content="{social}">"#)), "{page}");
    assert!(page.contains(r#"src="/2023/05/foto/img-20230515-wa0013-800.jpg""#), "{page}");
    assert!(page.contains(r#"/2023/05/foto/img-20230515-wa0012-480.webp 480w"#), "{page}");
    assert!(!page.contains("IMG 20230515") && !page.contains("IMG%20"), "no original:\n{page}");
    let feed = built.read("feed.xml");
    assert!(feed.contains(&format!(r#"<enclosure url="{social}""#)), "{feed}");
    assert!(!built.has("2023/05/foto/IMG 20230515 WA0012.JPG"), "the original is not published");
    assert!(built.has("2023/05/foto/img-20230515-wa0012-800.jpg"));
}

#[test]
fn links_and_images_to_files_the_site_does_not_have_are_errors_at_their_line() {
    let site = site_with(
        "content/2023/05/rapat/index.md",
        "---\ntitle: Rapat\ndate: 2023-05-15\nauthor: sn\nunit: kanwil-bali\nimage: /img/tidak-ada.jpg\n---\n\nUnduh [jadwal](jadwal.pdf) dan [undangan](/berkas/undangan.pdf).\n\n![Foto](<foto 1.jpg>)\n\nLihat juga [halaman kontak](/kontak/) dan [feed](/feed.xml).\n",
    );
    site.put("content/2023/05/rapat/foto-2.jpg", &photo_jpeg(640, 480));
    site.write(
        "content/2023/05/singkat.md",
        "---\ntitle: Singkat\ndate: 2023-05-16\nauthor: sn\nunit: kanwil-bali\n---\n\nLampiran: [surat](surat.pdf).\n",
    );
    insta::assert_snapshot!(site.build_error());
}

/// Windows hides extensions, so a writer links the attachment by the name Explorer shows:
/// `[Jadwal](Jadwal)` for `Jadwal.pdf`. Until stop 61 that was taken for a link to a page and
/// not checked, and readers got "not found". A link to a page that is not one of the release's
/// files (`[Tentang](../tentang)`) is still not judged here.
#[test]
fn a_link_to_an_attachment_without_its_extension_is_an_error_naming_the_file() {
    let site = site_with(
        "content/2023/05/rapat/index.md",
        "---\ntitle: Rapat\ndate: 2023-05-15\nauthor: sn\nunit: kanwil-bali\n---\n\nUnduh \
         [jadwal](Jadwal) dan [undangan](<Undangan Rapat>).\n\nLihat [lampiran](lampiran) dan \
         [profil](../../tentang).\n",
    );
    site.put("content/2023/05/rapat/Jadwal.pdf", b"%PDF-1.4\n%%EOF\n");
    site.put("content/2023/05/rapat/Undangan Rapat.docx", b"PK\x03\x04");
    site.put("content/2023/05/rapat/foto-1.jpg", &photo_jpeg(640, 480));
    let body = std::fs::read_to_string(site.root().join("content/2023/05/rapat/index.md"))
        .expect("the release");
    site.write("content/2023/05/rapat/index.md", &format!("{body}\n![Suasana rapat](foto-1)\n"));
    let e = site.build_error();
    assert!(
        e.contains(
            "content/2023/05/rapat/index.md:8: the link \"Jadwal\" points to a file the site does \
             not have; no file \"Jadwal\" in content/2023/05/rapat/, but there is Jadwal.pdf: \
             write its name with its extension (Jadwal.pdf), which Windows hides"
        ),
        "{e}"
    );
    assert!(e.contains("the link \"Undangan Rapat\" points to a file"), "{e}");
    assert!(e.contains("(Undangan Rapat.docx)"), "{e}");
    assert!(!e.contains("lampiran") && !e.contains("tentang"), "{e}");
    assert!(e.contains(":12: the image \"foto-1\" points to a file"), "{e}");
    assert!(e.contains("3 errors found"), "{e}");
}

/// Found using warta as an office does: a phone's photo copied beside the release as
/// "foto kegiatan 1.jpg" and linked as it is named, `![Suasana rapat](foto kegiatan 1.jpg)`.
/// Markdown does not read an address with spaces, and the page showed the brackets and the name.
#[test]
fn a_photo_linked_by_a_name_with_spaces_is_shown() {
    let site = site_with(
        "content/2023/05/rapat/index.md",
        "---\ntitle: Rapat\ndate: 2023-05-15\nauthor: sn\nunit: kanwil-bali\n---\n\nRapat digelar.\n\n![Suasana rapat](foto kegiatan 1.jpg)\n\nUnduh [jadwal acara](Jadwal Acara (1).pdf).\n",
    );
    site.put("content/2023/05/rapat/foto kegiatan 1.jpg", &photo_jpeg(640, 480));
    site.put("content/2023/05/rapat/Jadwal Acara (1).pdf", b"%PDF-1.4\n%%EOF\n");
    let built = site.built();
    let page = built.page("2023/05/rapat/");
    let body = crate::support::between(&page, "<div class=\"content\">", "</div>");
    assert!(!text(body).contains("]("), "{body}");
    assert!(body.contains("alt=\"Suasana rapat\""), "{body}");
    assert!(body.contains("src=\"/2023/05/rapat/foto-kegiatan-1-"), "{body}");
    assert!(body.contains("href=\"/2023/05/rapat/Jadwal%20Acara%20(1).pdf\""), "{body}");
    assert!(built.has("2023/05/rapat/Jadwal Acara (1).pdf"));
}

/// Found the same way: the photo copied into the month's folder beside `rapat.md` got "no file
/// beside the release", which it was. The message now says where the release and the photo go.
#[test]
fn a_photo_beside_a_release_in_a_file_of_its_own_is_named_with_where_both_go() {
    let site = site_with(
        "content/2023/03/rapat.md",
        "---\ntitle: Rapat\ndate: 2023-03-12\nauthor: sn\nunit: kanwil-bali\nimage: IMG_20240312_091400.JPG\n---\n\nRapat digelar.\n",
    );
    site.put("content/2023/03/IMG_20240312_091400.JPG", &photo_jpeg(640, 480));
    assert_eq!(
        site.build_error(),
        "content/2023/03/rapat.md:6: field 'image': \"IMG_20240312_091400.JPG\" is not one of the \
         release's files: a release's photos and files go in a folder of its own; move \
         content/2023/03/rapat.md to content/2023/03/rapat/index.md and put \
         IMG_20240312_091400.JPG beside it\n1 error found; nothing was written"
    );
    // Done as it says, the release builds, with its photo.
    let dir = site.root().join("content/2023/03");
    std::fs::create_dir(dir.join("rapat")).unwrap();
    std::fs::rename(dir.join("rapat.md"), dir.join("rapat/index.md")).unwrap();
    std::fs::rename(dir.join("IMG_20240312_091400.JPG"), dir.join("rapat/IMG_20240312_091400.JPG"))
        .unwrap();
    let built = site.built();
    assert!(built.page("2023/03/rapat/").contains("src=\"/2023/03/rapat/img-20240312-091400-"));
}

/// Found using the product, stop 56: a photo written with its place on the writer's computer
/// (`C:\Users\Humas\Pictures\rapat 1.jpg`, as Windows shows it) came out as the Markdown
/// itself on the page, and a `file:` address as an image without a source, with no word from
/// the build. Each is an error at its line that says where the file goes and what to write.
#[test]
fn photos_and_files_on_the_writers_computer_are_errors_saying_where_they_go() {
    let site = site_with(
        "content/2023/05/rapat/index.md",
        "---\ntitle: Rapat\ndate: 2023-05-15\nauthor: sn\nunit: kanwil-bali\n---\n\nRapat digelar.\n\n![Suasana rapat](C:\\Users\\Humas\\Pictures\\rapat 1.jpg)\n\n![Peserta](file:///C:/Users/Humas/Desktop/peserta.jpg)\n",
    );
    site.write(
        "content/2023/05/singkat.md",
        "---\ntitle: Singkat\ndate: 2023-05-16\nauthor: sn\nunit: kanwil-bali\n---\n\nUnduh [undangan](D:\\Dokumen\\undangan.pdf).\n",
    );
    site.write(
        "content/pages/kontak.md",
        "---\ntitle: Kontak\n---\n\n![Peta](C:/Peta/kantor.png)\n",
    );
    assert_eq!(
        site.build_error(),
        "content/2023/05/rapat/index.md:10: the image \"C:\\Users\\Humas\\Pictures\\rapat 1.jpg\" is \
         a file on the writer's computer, which no reader of the site can open: copy rapat 1.jpg \
         into content/2023/05/rapat/, beside index.md, and write only its name: (rapat 1.jpg)\n\
         content/2023/05/rapat/index.md:12: the image \"file:///C:/Users/Humas/Desktop/peserta.jpg\" \
         is a file on the writer's computer, which no reader of the site can open: copy \
         peserta.jpg into content/2023/05/rapat/, beside index.md, and write only its name: \
         (peserta.jpg)\n\
         content/2023/05/singkat.md:8: the link \"D:\\Dokumen\\undangan.pdf\" is a file on the \
         writer's computer, which no reader of the site can open: a release's photos and files \
         go in a folder of its own; move content/2023/05/singkat.md to \
         content/2023/05/singkat/index.md, copy undangan.pdf beside it, and write only its name: \
         (undangan.pdf)\n\
         content/pages/kontak.md:5: the image \"C:/Peta/kantor.png\" is a file on the writer's \
         computer, which no reader of the site can open: copy kantor.png into the site's \
         static/ folder (static/img/) and write its address from the site's root: \
         (/img/kantor.png)\n\
         4 errors found; nothing was written"
    );
    assert!(!site.public().exists(), "nothing was written");
}

/// Found using the product, stop 56: `[situs kami](www.kemenag.go.id)` failed the build as a
/// file the release does not have, and `[portal](kemenag.go.id/berita)` published a link to a
/// page of the release's folder that is not there. Both now link to the web site, and the
/// build says so at their lines.
#[test]
fn a_web_address_written_without_https_links_to_the_web_site() {
    let site = site_with(
        "content/2023/05/rapat.md",
        "---\ntitle: Rapat\ndate: 2023-05-15\nauthor: sn\nunit: kanwil-bali\n---\n\nInfo di [situs kami](www.kemenag.go.id).\n\nBaca [berita lain](kemenag.go.id/berita).\n",
    );
    let built = site.built();
    let page = built.page("2023/05/rapat/");
    assert!(page.contains("<a href=\"https://www.kemenag.go.id\">situs kami</a>"), "{page}");
    assert!(page.contains("<a href=\"https://kemenag.go.id/berita\">berita lain</a>"), "{page}");
    let warnings: Vec<String> = built.summary.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        warnings,
        [
            "content/2023/05/rapat.md:8: the address \"www.kemenag.go.id\" has no https:// and \
             would lead to a page of this site: it was read as https://www.kemenag.go.id; write \
             it so",
            "content/2023/05/rapat.md:10: the address \"kemenag.go.id/berita\" has no https:// \
             and would lead to a page of this site: it was read as https://kemenag.go.id/berita; \
             write it so",
        ]
    );
    assert!(built.read("feed.xml").contains("href=&quot;https://www.kemenag.go.id&quot;"));
}

/// Found using the product, stop 56: "Pendaftaran di https://…" and "hubungi wa.me/62…" in a
/// release were text a reader could not click, on the page and in the feeds' full text.
#[test]
fn addresses_in_the_text_are_links_on_the_page_and_in_the_feed() {
    let site = site_with(
        "content/2023/05/rapat.md",
        "---\ntitle: Rapat\ndate: 2023-05-15\nauthor: sn\nunit: kanwil-bali\n---\n\nPendaftaran di https://daftar.kemenag.go.id/rapat hingga Jumat.\n\nHubungi wa.me/6281234567890 atau humas@kemenag.go.id.\n",
    );
    let built = site.built();
    let page = built.page("2023/05/rapat/");
    for link in [
        "<a href=\"https://daftar.kemenag.go.id/rapat\">https://daftar.kemenag.go.id/rapat</a>",
        "<a href=\"https://wa.me/6281234567890\">wa.me/6281234567890</a>",
        "<a href=\"mailto:humas@kemenag.go.id\">humas@kemenag.go.id</a>",
    ] {
        assert!(page.contains(link), "{link}\n{page}");
    }
    assert!(built.summary.warnings.is_empty(), "{:?}", built.summary.warnings);
    let feed = built.read("feed.xml");
    assert!(feed.contains("href=&quot;https://wa.me/6281234567890&quot;"), "{feed}");
}

/// Found using the product, stop 57: a table copied from a spreadsheet and pasted under the
/// text, as offices report figures, was one run of words on the page and in the feed.
#[test]
fn cells_pasted_from_a_spreadsheet_are_a_table_on_the_page_and_in_the_feed() {
    let site = site_with(
        "content/2023/05/bantuan.md",
        "---\ntitle: Bantuan Madrasah\ndate: 2023-05-15\nauthor: sn\nunit: kanwil-bali\n---\n\nDenpasar (Humas Bali) – Bantuan disalurkan ke madrasah berikut:\nNo\tMadrasah\tBantuan (Rp)\n1\tMAN 1 Denpasar\t25.000.000\n2\tMTsN 2 Badung\t15.000.000\nPenyaluran berlangsung lancar.\n(sn)\n",
    );
    let built = site.built();
    let page = built.page("2023/05/bantuan/");
    assert!(
        page.contains("<th>Madrasah</th><th style=\"text-align: right\">Bantuan (Rp)</th>"),
        "{page}"
    );
    assert!(
        page.contains("<td>MTsN 2 Badung</td><td style=\"text-align: right\">15.000.000</td>"),
        "{page}"
    );
    // The dateline stays on the text before the table, the initials after the text after it.
    assert!(page.contains("</span> – Bantuan disalurkan ke madrasah berikut:</p>"), "{page}");
    assert!(page.contains("<p>Penyaluran berlangsung lancar.</p>"), "{page}");
    assert_eq!(page.matches("(sn)").count(), 1, "{page}");
    let feed = built.read("feed.xml");
    assert!(feed.contains("&lt;td&gt;MAN 1 Denpasar&lt;/td&gt;"), "{feed}");
}

#[test]
fn a_scheduled_release_with_a_missing_file_fails_today_not_when_it_falls_due() {
    let site = site_with(
        "content/2099/01/nanti.md",
        "---\ntitle: Nanti\ndate: 2099-01-01\nauthor: sn\nunit: kanwil-bali\n---\n\nLihat [jadwal](jadwal.pdf).\n",
    );
    let message = site.build_error();
    assert!(
        message.starts_with("content/2099/01/nanti.md:8: the link \"jadwal.pdf\""),
        "{message}"
    );
}

#[test]
fn the_terminal_gets_the_first_twenty_warnings_and_a_count_of_the_rest() {
    let site = Site::fixture("errors/base");
    for i in 0..25 {
        site.write(
            &format!("content/2023/06/rilis-{i:02}.md"),
            &format!("---\ntitle: Rilis {i}\ndate: 2023-06-01\nauthor: sn\nunit: kanwil-bali\n---\n\nIsi rilis.\n\n(sn)\n"),
        );
    }
    let run = |extra: &[&str]| {
        let out = crate::support::warta()
            .args(["build", "--root"])
            .arg(site.root())
            .args(extra)
            .output()
            .expect("run warta");
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let stderr = run(&[]);
    assert_eq!(stderr.lines().count(), 21, "{stderr}");
    assert!(stderr.lines().all(|l| l.starts_with("warning: ")), "{stderr}");
    assert!(
        stderr.ends_with(
            "warning: … and 5 more warnings; `warta build --all-warnings` lists them all\n"
        ),
        "{stderr}"
    );
    assert_eq!(run(&["--all-warnings"]).lines().count(), 25);
}

/// Found using the product, stop 60: the seed with the national press's dateline, the place
/// alone ("DENPASAR – Membuka"), printed "Denpasar (Humas Bali) – DENPASAR – Membuka". The
/// release's own place alone before a dash is now its typed dateline; another word is the text's.
#[test]
fn the_places_name_alone_typed_before_a_dash_is_the_dateline_printed_once() {
    let seed = SEED.replacen("(Humas Bali) –", "DENPASAR –", 1);
    assert!(seed.starts_with("DENPASAR – Membuka"), "the seed starts with its dateline");
    let site = site_with("content/2023/05/workshop.md", &format!("{FRONT}{seed}"));
    let built = site.built();
    let page = built.page("2023/05/workshop/");
    let body = text(crate::support::between(&page, "<div class=\"content\">", "</div>"));
    assert!(body.starts_with("Denpasar (Humas Bali) – Membuka Workshop"), "{body}");
    assert!(!body.contains("DENPASAR"), "{body}");
    let warning = built.summary.warnings[0].to_string();
    assert!(
        warning.starts_with(
            "content/2023/05/workshop.md:7: the body starts with a typed dateline (\"DENPASAR –\")"
        ),
        "{warning}"
    );
    // A word before a dash that is not the release's place stays the text's.
    let other = SEED.replacen("(Humas Bali) –", "PENGUMUMAN –", 1);
    let site = site_with("content/2023/05/workshop.md", &format!("{FRONT}{other}"));
    let page = site.built().page("2023/05/workshop/");
    let body = text(crate::support::between(&page, "<div class=\"content\">", "</div>"));
    assert!(body.starts_with("Denpasar (Humas Bali) – PENGUMUMAN – Membuka"), "{body}");
}

/// Found using the product, stop 60: initials typed with a full stop after them, or an end mark
/// on their line ("… media sosial. (sn).", "(sn) ***"), were printed with warta's own after them.
#[test]
fn initials_typed_with_a_full_stop_or_an_end_mark_after_them_are_printed_once() {
    for ending in ["(sn).", "(sn) ***"] {
        let seed = SEED.trim_end().strip_suffix("(sn)").expect("the seed ends with its initials");
        let site = site_with("content/2023/05/workshop.md", &format!("{FRONT}{seed}{ending}\n"));
        let built = site.built();
        let page = built.page("2023/05/workshop/");
        let body = text(crate::support::between(&page, "<div class=\"content\">", "</div>"));
        assert_eq!(body.matches("(sn)").count(), 1, "{ending}: {body}");
        assert!(!body.contains("***") && !body.contains("(sn)."), "{ending}: {body}");
        let warnings: Vec<String> = built.summary.warnings.iter().map(|w| w.to_string()).collect();
        assert!(
            warnings.iter().any(|w| w.contains(&format!("the writer's initials \"{ending}\""))),
            "{warnings:?}"
        );
    }
}

/// Found using the product, stop 60: a release that ends with its writer's name where the
/// initials go ("… media sosial. (Sri Nuraini)") printed "(sn)" after it.
#[test]
fn a_writers_name_typed_where_the_initials_go_is_printed_once_as_the_initials() {
    let seed = SEED.trim_end().strip_suffix("(sn)").expect("the seed ends with its initials");
    let site = site_with("content/2023/05/workshop.md", &format!("{FRONT}{seed}(Sri Nuraini)\n"));
    let built = site.built();
    let page = built.page("2023/05/workshop/");
    let body = text(crate::support::between(&page, "<div class=\"content\">", "</div>"));
    assert!(!body.contains("Sri Nuraini") && body.ends_with("(sn)"), "{body}");
    let warnings: Vec<String> = built.summary.warnings.iter().map(|w| w.to_string()).collect();
    assert!(warnings.iter().any(|w| w.contains("initials \"(Sri Nuraini)\"")), "{warnings:?}");
}

/// Found pasting a WhatsApp post, stop 63: a closing line of hashtags under the writer's
/// initials hid them, so the page printed "(sn)" twice, and the hashtags after the text. The
/// line is left out and named as the topics to write; written as told, the captions carry the
/// hashtags as typed.
#[test]
fn hashtags_under_the_initials_are_left_out_and_named_as_the_topics_to_write() {
    let body = format!("{}\n\n#HariSantri2023 #KemenagBali\n#ModerasiBeragama\n", SEED.trim_end());
    let rel = "content/2023/05/workshop.md";
    let site = site_with(rel, &format!("{FRONT}{body}"));
    let summary = site.build().expect("the build");
    let page = std::fs::read_to_string(site.public().join("2023/05/workshop/index.html")).unwrap();
    let shown = text(crate::support::between(&page, "<div class=\"content\">", "</div>"));
    assert!(!shown.contains('#'), "{shown}");
    assert_eq!(shown.matches("(sn)").count(), 1, "{shown}");
    assert!(shown.ends_with("media sosial. (sn)"), "{shown}");
    let warnings: Vec<String> = summary.warnings.iter().map(|w| w.to_string()).collect();
    let told = warnings
        .iter()
        .find(|w| w.starts_with("content/2023/05/workshop.md:17: the body ends with hashtags"))
        .unwrap_or_else(|| panic!("{warnings:?}"));
    assert!(told.contains("(\"#HariSantri2023 #KemenagBali #ModerasiBeragama\")"), "{told}");
    let line = "tags: [Hari Santri 2023, Kemenag Bali, Moderasi Beragama]";
    assert!(told.contains(&format!("write them as {line} and delete them")), "{told}");

    // As told: the line in the front matter, the hashtags out of the body.
    let front = FRONT
        .replace("---\n", "")
        .replace("unit: kanwil-bali\n", &format!("unit: kanwil-bali\n{line}\n"));
    site.write(rel, &format!("---\n{front}---\n{SEED}"));
    let built = site.built();
    assert!(built.summary.warnings.iter().all(|w| !w.to_string().contains("hashtags")));
    let social = built.read("2023/05/workshop/social.json");
    assert!(social.contains("#HariSantri2023 #KemenagBali #ModerasiBeragama"), "{social}");
    assert!(built.has("tag/hari-santri-2023/index.html"));
}

/// Found copying the seed from a PDF, stop 63: hard-wrapped at the page's width, with no blank
/// line between its paragraphs, each line of the wrap was a paragraph of its own. Its page is
/// now the seed's as typed, the wraps aside.
#[test]
fn the_seed_copied_from_a_pdf_is_the_seeds_page() {
    let typed = site_with("content/2023/05/workshop.md", &format!("{FRONT}{SEED}")).built();
    let typed_page = typed.page("2023/05/workshop/");
    let typed_body = crate::support::between(&typed_page, "<div class=\"content\">", "</div>");
    for width in [80, 96] {
        let pdf = crate::support::hard_wrapped(SEED, width);
        assert!(pdf.lines().count() > 3 * SEED.lines().count(), "{pdf}");
        let built = site_with("content/2023/05/workshop.md", &format!("{FRONT}{pdf}")).built();
        let page = built.page("2023/05/workshop/");
        let body = crate::support::between(&page, "<div class=\"content\">", "</div>");
        assert_eq!(body.replace('\n', " "), typed_body.replace('\n', " "), "at {width}");
        let description = |b: &crate::support::Built| {
            let feed = b.read("feed.xml");
            crate::support::between(&feed, "<description>Membuka", "</description>").to_string()
        };
        assert_eq!(description(&built), description(&typed), "at {width}");
    }
}

/// Found copying the seed from a justified PDF, stop 64: a word the page hyphenated at a
/// line's end ("pengelo-" / "laan") was printed "pengelo- laan". Its halves are one word
/// again, and the page is the typed seed's.
#[test]
fn words_a_pdf_hyphenated_are_whole_on_the_page() {
    let typed = site_with("content/2023/05/workshop.md", &format!("{FRONT}{SEED}")).built();
    let typed_page = typed.page("2023/05/workshop/");
    let typed_body = crate::support::between(&typed_page, "<div class=\"content\">", "</div>");
    for width in [64, 76, 84, 92] {
        let pdf = crate::support::hyphenated(SEED, width);
        let cut = pdf.lines().filter(|l| l.ends_with('-')).count();
        assert!(cut >= 4, "the wrap at {width} cuts words: {pdf}");
        let built = site_with("content/2023/05/workshop.md", &format!("{FRONT}{pdf}")).built();
        let page = built.page("2023/05/workshop/");
        let body = crate::support::between(&page, "<div class=\"content\">", "</div>");
        // Word for word (a paragraph whose last line is full and ends a sentence may join
        // the next, as without hyphens).
        let words = |html: &str| {
            let shown = text(&html.replace("</p>", " </p>"));
            shown.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        assert_eq!(words(body), words(typed_body), "at {width}");
        assert!(!body.contains("- ") && !body.contains("-\n"), "at {width}: {body}");
    }
}

/// Found copying a release out of a real PDF of three pages (Chromium's print, then
/// pdftotext), stop 65: the letterhead's address, in smaller letters, was wider than the
/// text's lines, and every line of the text became a paragraph; "Halaman 2 dari 3" and the
/// running header "Siaran Pers Kanwil Kemenag Bali" were printed where the pages ended, in
/// the middle of a sentence; and the letterhead above "SIARAN PERS" was printed. The page is
/// now the typed seed's, word for word, with a warning naming the lines to delete.
#[test]
fn the_seed_copied_out_of_a_pdf_of_pages_is_the_seeds_page() {
    use crate::support::PageNumbers::{Bare, Dashed, Worded};
    let typed = site_with("content/2023/05/workshop.md", &format!("{FRONT}{SEED}")).built();
    let typed_page = typed.page("2023/05/workshop/");
    let typed_body = crate::support::between(&typed_page, "<div class=\"content\">", "</div>");
    let words = |html: &str| {
        let shown = text(&html.replace("</p>", " </p>"));
        shown.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    for (width, per_page, numbers) in
        [(58, 23, Worded("Siaran Pers Kanwil Kemenag Bali")), (80, 17, Dashed), (92, 11, Bare)]
    {
        let pdf = crate::support::paged(SEED, "Workshop Media Sosial", width, per_page, numbers);
        let built = site_with("content/2023/05/workshop.md", &format!("{FRONT}{pdf}")).built();
        let page = built.page("2023/05/workshop/");
        let body = crate::support::between(&page, "<div class=\"content\">", "</div>");
        // Word for word (a paragraph whose last line is full and ends a sentence may join
        // the next, as in any text wrapped at a width).
        assert_eq!(words(body), words(typed_body), "{numbers:?} at {width}:\n{pdf}");
        assert!(body.matches("<p>").count() >= 6, "{numbers:?} at {width}: {body}");
        let warnings: Vec<String> = built.summary.warnings.iter().map(|w| w.to_string()).collect();
        let told = |what: &str| warnings.iter().any(|w| w.contains(what));
        assert!(told("page numbers and page headers of the PDF"), "{warnings:?}");
        assert!(told("letterhead of a press release (\"KEMENTERIAN AGAMA"), "{warnings:?}");
        assert!(told("the body starts with the title"), "{warnings:?}");
    }
}

/// The sender's note above a release forwarded by e-mail, and the signature under it.
const NOTE: &str = "Yth. Admin Website,\nMohon dimuat berita berikut. Terima kasih.\n\n";
const SIGNATURE: &str =
    "\n--\nSalam,\nTia Sastrina\nSub Bagian Umum dan Humas\nHP. 0812-3456-7890\n\nDikirim dari iPhone saya\n";

/// Found using the product, stop 64: the seed as units send it to the office, by e-mail, with
/// the sender's note above it and a signature under it, pasted under a front matter. The page
/// printed warta's dateline before "Yth. Admin Website," and the typed dateline after it,
/// shared links previewed "Yth. Admin Website", and the initials above the signature were
/// printed twice, then the signature and "Dikirim dari iPhone saya". The page is now the
/// seed's, and the warnings name the lines to delete.
#[test]
fn the_seed_pasted_from_an_email_is_the_seeds_page() {
    let typed = site_with("content/2023/05/workshop.md", &format!("{FRONT}{SEED}")).built();
    let typed_page = typed.page("2023/05/workshop/");
    let mail = format!("{FRONT}{NOTE}{}{SIGNATURE}", SEED.trim_end());
    let built = site_with("content/2023/05/workshop.md", &mail).built();
    let page = built.page("2023/05/workshop/");
    let content =
        |page: &str| crate::support::between(page, "<div class=\"content\">", "</div>").to_string();
    assert_eq!(content(&page), content(&typed_page));
    for gone in ["Yth.", "Mohon dimuat", "Salam", "Tia Sastrina\n", "0812", "iPhone"] {
        assert!(!page.contains(gone), "{gone}");
    }
    let description = |page: &str| {
        crate::support::between(page, "<meta name=\"description\" content=\"", "\"").to_string()
    };
    assert_eq!(description(&page), description(&typed_page));
    let item = |b: &crate::support::Built| {
        let feed = b.read("feed.xml");
        crate::support::between(&feed, "<item>", "</item>").to_string()
    };
    assert_eq!(item(&built), item(&typed));
    let warnings: Vec<String> = built.summary.warnings.iter().map(|w| w.to_string()).collect();
    let last = 7 + NOTE.lines().count() + SEED.trim_end().lines().count();
    assert_eq!(
        warnings.first().map(String::as_str),
        Some(
            "content/2023/05/workshop.md:7: the body starts with the e-mail it came in (\"Yth. \
             Admin Website,\", \"Mohon dimuat berita berikut. Terima kasih.\"); the page is the \
             release, so it was left out: delete it from the file"
        ),
        "{warnings:?}"
    );
    assert_eq!(
        warnings.last().map(String::as_str),
        Some(
            format!(
                "content/2023/05/workshop.md:{last}: the body ends with the signature of the \
                 e-mail it came in (\"--\", \"Salam,\", and 4 more lines); the page ends the \
                 release with the writer's initials, so it was left out: delete it from the file"
            )
            .as_str()
        ),
        "{warnings:?}"
    );
}
