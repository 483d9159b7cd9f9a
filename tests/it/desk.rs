//! The editor's desk: a release pasted as an office writes it (from Word or an e-mail), with
//! what its writer and editor typed around the text, comes out as they meant it.

use crate::body::{site_with, FRONT, SEED};
use crate::support::{between, photo_jpeg, text};

const RELEASE: &str = "content/2023/05/workshop.md";

/// The seed with its initials as `initials` ("(sn/ed)"), built.
fn seed_signed(initials: &str) -> crate::support::Built {
    let seed = SEED.trim_end().strip_suffix("(sn)").expect("the seed ends with its initials");
    site_with(RELEASE, &format!("{FRONT}{seed}{initials}\n")).built()
}

/// The text of the release's page between its content's start and its end.
fn content(built: &crate::support::Built) -> String {
    let page = built.page("2023/05/workshop/");
    between(&page, "<div class=\"content\">", "</div>").to_string()
}

fn warnings(built: &crate::support::Built) -> Vec<String> {
    built.summary.warnings.iter().map(|w| w.to_string()).collect()
}

/// "(sn/ed)" under `author: sn`: the page printed "(sn)", and a warning said "ed" was left out
/// (found by helper-36, stop 68).
#[test]
fn the_editor_s_initials_typed_after_the_writer_s_are_printed_after_them() {
    for (typed, printed) in [("(sn/ed)", "(sn/ed)"), (" (sn/ed: ra)", "(sn/ra)")] {
        let built = seed_signed(typed);
        let body = content(&built);
        assert!(body.contains(&format!("<p class=\"initials\">{printed}</p>")), "{body}");
        assert_eq!(text(&body).matches(printed).count(), 1, "{typed}: {body}");
        assert!(body.contains("penggunaan media sosial.</p>"), "{typed}: {body}");
        let warnings = warnings(&built);
        assert!(!warnings.iter().any(|w| w.contains("initials")), "{typed}: {warnings:?}");
    }
    // Without an editor, as before.
    let body = content(&seed_signed("(sn)"));
    assert!(body.contains("<p class=\"initials\">(sn)</p>"), "{body}");
}

/// A theme made before the editor's initials were read prints the writer's, as it did.
#[test]
fn a_theme_that_does_not_print_the_editor_s_initials_prints_the_writer_s() {
    let seed = SEED.trim_end().strip_suffix("(sn)").expect("the seed ends with its initials");
    let site = site_with(RELEASE, &format!("{FRONT}{seed}(sn/ed)\n"));
    site.write(
        "templates/release.html",
        "{% extends \"base.html\" %}{% block content %}<div class=\"content\">\
         {{ release.content | safe }}<p class=\"initials\">({{ release.initials }})</p></div>\
         {% endblock content %}",
    );
    let body = content(&site.built());
    assert!(body.contains("<p class=\"initials\">(sn)</p>"), "{body}");
    assert!(!body.contains("(sn/ed)"), "{body}");
}

/// A list's item that an e-mail program wrapped before a capitalised word: its second line
/// was a paragraph under the list (found by helper-36, stop 68).
#[test]
fn a_list_item_wrapped_by_an_e_mail_program_stays_whole() {
    let (lead, rest) = SEED.split_once('\n').expect("the seed has lines");
    let list = "Agenda workshop:\n\
                - Rapat koordinasi bersama para Kepala Seksi dan Kepala Kantor Wilayah\n\
                Kementerian Agama Provinsi Bali di Denpasar\n\
                - Penutup\n";
    let built = site_with(RELEASE, &format!("{FRONT}{lead}\n{list}{rest}")).built();
    let body = content(&built);
    assert!(
        body.contains(
            "<li>Rapat koordinasi bersama para Kepala Seksi dan Kepala Kantor Wilayah\n\
             Kementerian Agama Provinsi Bali di Denpasar</li>\n<li>Penutup</li>\n</ul>\n\
             <p>Bertempat di B Hotel"
        ),
        "{body}"
    );
    assert_eq!(text(&body).matches("(sn)").count(), 1, "{body}");
}

/// The office's name alone typed under the initials ("Humas Kanwil Kemenag Bali", or the
/// unit's name as offices shorten it): the initials were printed twice, and the name as the
/// release's last paragraph (found by helper-36, stop 68).
#[test]
fn the_office_s_name_under_the_initials_is_left_out_and_the_initials_printed_once() {
    for office in ["Humas Kanwil Kemenag Bali", "Kanwil Kemenag Prov. Bali"] {
        let source = format!("{FRONT}{}\n{office}\n", SEED.trim_end());
        let built = site_with(RELEASE, &source).built();
        let body = text(&content(&built));
        assert_eq!(body.matches("(sn)").count(), 1, "{office}: {body}");
        assert!(!body.contains(office), "{office}: {body}");
        let warnings = warnings(&built);
        let contact = format!(
            "content/2023/05/workshop.md:16: the body ends with who sent it and how to reach \
             them, under the initials (\"{office}\")"
        );
        assert!(warnings.iter().any(|w| w.starts_with(&contact)), "{warnings:?}");
    }
}

/// The seed typed with a dateline of the unit's office and another place ("Singaraja (Humas
/// Bali) –"): the page printed the unit's place, Denpasar (found by helper-33, stop 67). The
/// typed place is the release's when the front matter has no place:, on the page and in its
/// captions; place: still wins, with a warning naming the typed one.
#[test]
fn a_typed_dateline_s_place_is_the_release_s_unless_place_says_otherwise() {
    let seed = SEED.replacen("(Humas Bali) –", "Singaraja (Humas Bali) –", 1);
    let built = site_with(RELEASE, &format!("{FRONT}{seed}")).built();
    let body = text(&content(&built));
    assert!(body.starts_with("Singaraja (Humas Bali) – Membuka Workshop"), "{body}");
    assert!(!body.contains("Denpasar (Humas Bali)"), "{body}");
    let social = built.read("2023/05/workshop/social.json");
    assert!(social.contains("Singaraja (Humas Bali) – Membuka Workshop"), "{social}");
    let said = warnings(&built);
    assert!(
        said.iter().any(|w| w.starts_with(
            "content/2023/05/workshop.md:7: the body starts with a typed dateline \
             (\"Singaraja (Humas Bali) –\"); warta prints \"Singaraja (Humas Bali) –\" itself"
        ) && w.contains("set 'place: Singaraja'")),
        "{said:?}"
    );

    let front = FRONT.replacen("author: sn\n", "author: sn\nplace: Denpasar\n", 1);
    let built = site_with(RELEASE, &format!("{front}{seed}")).built();
    let body = text(&content(&built));
    assert!(body.starts_with("Denpasar (Humas Bali) – Membuka Workshop"), "{body}");
    assert!(!body.contains("Singaraja"), "{body}");
    let said = warnings(&built);
    assert!(
        said.iter().any(|w| w.starts_with("content/2023/05/workshop.md:8: the body starts")
            && w.contains("if the release was written in Singaraja, set 'place: Singaraja'")),
        "{said:?}"
    );
}

/// Word's list pasted with spaces after its bullets ("·  Penyuluhan", "o  Manasik"), and a
/// list lettered "a.", "b)": lines of text, and lines that kept their letters (found by
/// helper-33, stop 67). They are lists on the page and in the feed.
#[test]
fn a_word_list_pasted_with_spaces_or_letters_is_a_list() {
    let (lead, rest) = SEED.split_once('\n').expect("the seed has lines");
    let lists = "Materi workshop:\n\
                 ·  Strategi konten media sosial\n\
                 o\u{a0}\u{a0}Etika bermedia sosial\n\
                 Persyaratan peserta:\n\
                 a.\tSurat tugas\n\
                 b)\tLaptop\n";
    let built = site_with(RELEASE, &format!("{FRONT}{lead}\n{lists}{rest}")).built();
    let body = content(&built);
    for list in [
        "<p>Materi workshop:</p>\n<ul>\n<li>Strategi konten media sosial</li>\n\
         <li>Etika bermedia sosial</li>\n</ul>\n<p>Persyaratan peserta:</p>",
        "<ol type=\"a\">\n<li>Surat tugas</li>\n<li>Laptop</li>\n</ol>\n<p>Bertempat di B Hotel",
    ] {
        assert!(body.contains(list), "{body}");
        let feed = built.read("feed.xml");
        let escaped = list.replace('<', "&lt;").replace('>', "&gt;");
        let quoted = escaped.replace('"', "&quot;");
        assert!([list, &escaped, &quoted].iter().any(|l| feed.contains(l)), "{feed}");
    }
    assert_eq!(text(&body).matches("(sn)").count(), 1, "{body}");
}

/// A photo's caption typed under it ("Keterangan foto: …") was a stray paragraph under the
/// photo (found by helper-36, stop 68): it is the photo's caption on the page.
#[test]
fn a_caption_typed_under_a_photo_is_its_caption_on_the_page() {
    let (lead, rest) = SEED.split_once('\n').expect("the seed has lines");
    let front = "---\ntitle: Workshop\ndate: 2023-05-15\nauthor: sn\nunit: kanwil-bali\n---\n";
    let photo = "![](foto 1.jpg)\nKeterangan foto: Peserta workshop media sosial\n";
    let site =
        site_with("content/2023/05/workshop/index.md", &format!("{front}{lead}\n{photo}{rest}"));
    site.put("content/2023/05/workshop/foto 1.jpg", &photo_jpeg(640, 480));
    let built = site.built();
    let body = content(&built);
    assert!(
        body.contains(
            "<figcaption>Peserta workshop media sosial</figcaption></figure>\n<p>Bertempat"
        ),
        "{body}"
    );
    assert!(!body.contains("Keterangan foto"), "{body}");
    assert_eq!(text(&body).matches("(sn)").count(), 1, "{body}");
}
