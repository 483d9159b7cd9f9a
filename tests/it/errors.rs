//! What a user sees when the site is wrong: every message names the file (relative to the site),
//! the line and the field; all errors of a build come at once; and a failed build never touches
//! the previous output. The messages are pinned with snapshots in `snapshots/`.

use crate::support::{entries, tree, Site};
use warta::error::Error;

/// The base fixture (a valid site of one release) with `files` added or replaced.
fn site_with(files: &[(&str, &str)]) -> Site {
    let site = Site::fixture("errors/base");
    for (rel, text) in files {
        site.write(rel, text);
    }
    site
}

/// The build's error text, checked to name files relative to the site's root.
fn error_of(site: &Site) -> String {
    let message = site.build_error();
    let root = site.root().to_string_lossy();
    assert!(
        !message.contains(root.as_ref()),
        "the message names files relative to the site, not {root}:\n{message}"
    );
    assert!(!site.public().exists(), "a failed first build writes no output");
    message
}

const X: &str = "content/2023/05/x.md";

// ---------------------------------------------------------------- release front matter

#[test]
fn missing_title_names_the_field() {
    let site = site_with(&[(
        X,
        "---\ndate: 2023-05-15\nauthor: sn\nunit: kanwil-bali\n---\n\nIsi rilis.\n",
    )]);
    insta::assert_snapshot!(error_of(&site));
}

/// `title:` with only a comment after it, as `warta new --from` leaves it when the text has no
/// headline, is there and empty, not missing (found by use, stop 75).
#[test]
fn an_empty_title_is_said_to_be_empty_at_its_line() {
    let site = site_with(&[(
        X,
        "---\ntitle:        # judul berita\ndate: 2023-05-15\nauthor: sn\nunit: kanwil-bali\n---\n\nIsi rilis.\n",
    )]);
    assert_eq!(
        error_of(&site),
        "content/2023/05/x.md:2: field 'title': is empty; expected a title, e.g. title: Workshop \
         Media Sosial\n1 error found; nothing was written"
    );
}

#[test]
fn bad_date_names_the_line_and_shows_the_expected_form() {
    let site = site_with(&[(
        X,
        "---\ntitle: Workshop\ndate: 15/5/2023\nauthor: sn\nunit: kanwil-bali\n---\n\nIsi rilis.\n",
    )]);
    let message = error_of(&site);
    assert!(message
        .starts_with("content/2023/05/x.md:3: field 'date': expected a date like 2023-05-15, "));
    insta::assert_snapshot!(message);
}

/// Found by writing front matter as an office does: the office's and the writer's names where
/// their keys belong, a title with quotes inside quotes, a list item without its space, and
/// dates as the letters write them. Each message said what the field wants, or what the YAML
/// parser thought; they now say what to write.
#[test]
fn front_matter_typed_as_offices_type_it_gets_what_to_write() {
    let site = site_with(&[
        (
            "content/2023/05/a.md",
            "---\ntitle: Workshop\ndate: 2023-05-15 09.00 WITA\nauthor: Sri Nuraini\nunit: Humas Bali\n---\n\nIsi.\n",
        ),
        (
            "content/2023/05/b.md",
            "---\ntitle: \"Rapat \"Kerja\" 2023\"\ndate: 2023-05-15\nauthor: sn\nunit: kanwil-bali\n---\n\nIsi.\n",
        ),
        (
            "content/2023/05/c.md",
            "---\ntitle: Rapat\ndate: 2023-05-15\nauthor: sn\nunit: kanwil-bali\ntags:\n- haji\n-umroh\n---\n\nIsi.\n",
        ),
        (
            "content/2023/05/d.md",
            "---\ntitle: Rapat\ndate: 15/05/2023\nauthor: SN\nunit: Kanwil-Bali\n---\n\nIsi.\n",
        ),
    ]);
    insta::assert_snapshot!(error_of(&site));
}

/// A release typed in Word and pasted into Notepad: Word makes a dash of `---` and capitalises
/// the first letter of each line, and a front matter copied from a web page has no-break spaces.
/// The errors said "the file must start with a line '---'" and "unknown field ' author'"; the
/// no-break spaces are now read as the spaces they show, and the rest say what Word did.
/// Found typing titles as news sites and chats write them (stop 62): a hashtag after the title
/// was cut off as a comment, `!Penting` left out as a YAML tag, with no word said; `[FOTO]` first, WhatsApp's `*bold*` and an `@account` gave the parser's own words
/// ("alias references unknown anchor") or no line to write; and quotes around a title's first
/// words were told to be fixed by a line that lost one of them.
#[test]
fn titles_yaml_reads_otherwise_are_errors_with_the_line_to_write() {
    let fields = "date: 2023-05-15\nauthor: sn\nunit: kanwil-bali";
    let titles = [
        "Apel Pagi #HariSantri2023",
        "!Penting Rapat Koordinasi",
        "[FOTO] Kunjungan Kerja Menteri",
        "*Penting* Rapat Besok",
        "@kemenag_bali Luncurkan Aplikasi",
        "\"Bupati\" Hadiri Acara",
    ];
    let files: Vec<(String, String)> = titles
        .iter()
        .enumerate()
        .map(|(i, t)| {
            (
                format!("content/2023/05/t{i}.md"),
                format!("---\ntitle: {t}\n{fields}\n---\n\nIsi.\n"),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let message = error_of(&site_with(&refs));
    insta::assert_snapshot!(message);
    // Each line to write, put back in its file, builds with the title as it was typed.
    let fixed: Vec<(String, String)> = files
        .iter()
        .zip(titles)
        .map(|((path, text), title)| {
            let at = message.find(&format!("{path}:2: field 'title'")).expect(path);
            let line = &message[at..message[at..].find('\n').map_or(message.len(), |e| at + e)];
            let written = format!("title: {}", line.rsplit_once(" title: ").expect(line).1);
            (path.clone(), text.replacen(&format!("title: {title}"), &written, 1))
        })
        .collect();
    let refs: Vec<(&str, &str)> = fixed.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let built = site_with(&refs).built();
    for (i, title) in titles.iter().enumerate() {
        let page = built.read(&format!("2023/05/t{i}/index.html"));
        let escaped = title.replace('&', "&amp;").replace('"', "&quot;");
        assert!(
            page.contains(&format!("<h1>{escaped}</h1>")),
            "{title}: {}",
            &page[..page.len().min(3000)]
        );
    }
}

#[test]
fn a_release_as_word_leaves_it_gets_what_word_did() {
    let site = site_with(&[
        (
            "content/2023/05/a.md",
            "—\ntitle: Workshop\ndate: 2023-05-15\nauthor: sn\nunit: kanwil-bali\n—\n\nIsi.\n",
        ),
        (
            "content/2023/05/b.md",
            "---\nTitle: Workshop\nDate: 2023-05-15\nauthor: sn\nunit: kanwil-bali\n---\n\nIsi.\n",
        ),
        (
            "content/2023/05/c.md",
            "---\ntitle:\u{a0}Workshop\u{a0}Humas\ndate:\u{a0}2023-05-15\nauthor: sn\nunit: kanwil-bali\ntags:\n\u{a0}\u{a0}- humas\n---\n\nIsi.\n",
        ),
    ]);
    let errors = error_of(&site);
    assert!(!errors.contains("c.md"), "no-break spaces are spaces:\n{errors}");
    insta::assert_snapshot!(errors);
}

#[test]
fn unknown_unit_lists_the_known_units() {
    let site = site_with(&[(
        X,
        "---\ntitle: Workshop\ndate: 2023-05-15\nauthor: sn\nunit: kanwil-jawa\n---\n\nIsi rilis.\n",
    )]);
    insta::assert_snapshot!(error_of(&site));
}

#[test]
fn unknown_author_lists_the_known_authors() {
    let site = site_with(&[(
        X,
        "---\ntitle: Workshop\ndate: 2023-05-15\nauthor: [sn, xy]\nunit: kanwil-bali\n---\n\nIsi rilis.\n",
    )]);
    insta::assert_snapshot!(error_of(&site));
}

/// A release pasted into a new site has no unit or writer yet: the example in each message is
/// one of the site's own (copied as it is, it builds), not a key of the example site.
#[test]
fn missing_unit_and_author_give_the_sites_own_keys_as_examples() {
    let yaml = "title: Humas Contoh\nbase_url: https://example.go.id/\nunits:\n  humas: {name: Humas Contoh, short: Humas, place: Denpasar}\nauthors:\n  ab: {name: Ani Budi}\n";
    let site = site_with(&[
        ("site.yaml", yaml),
        (
            "content/2023/05/workshop-media-sosial.md",
            "---\ntitle: Workshop\ndate: 2023-05-15\nunit: humas\nauthor: ab\n---\n\nIsi.\n",
        ),
        (X, "---\ntitle: Workshop\ndate: 2023-05-15\n---\n\nIsi rilis.\n"),
    ]);
    let message = error_of(&site);
    assert!(message.contains("e.g. author: ab (known: ab)"), "{message}");
    assert!(message.contains("e.g. unit: humas (known: humas)"), "{message}");
    assert!(!message.contains("kanwil-bali") && !message.contains("author: sn"), "{message}");
}

#[test]
fn unknown_front_matter_key_is_named() {
    let site = site_with(&[(
        X,
        "---\ntitle: Workshop\ndate: 2023-05-15\nauthor: sn\nunit: kanwil-bali\ntempat: Tabanan\n---\n\nIsi rilis.\n",
    )]);
    let message = error_of(&site);
    assert!(
        message.starts_with("content/2023/05/x.md:6: field 'tempat': unknown field"),
        "{message}"
    );
    insta::assert_snapshot!(message);
}

#[test]
fn malformed_yaml_names_the_line() {
    let site = site_with(&[(
        X,
        "---\ntitle: Workshop\ntags: [haji, zakat\nauthor: sn\nunit: kanwil-bali\n---\n\nIsi rilis.\n",
    )]);
    let message = error_of(&site);
    assert!(message.starts_with("content/2023/05/x.md:"), "{message}");
    insta::assert_snapshot!(message);
}

/// A front matter pasted with several mistakes: each is told at once, at its line. Until
/// stop 50 the build stopped at the first of a file, and the writer met the next one only after
/// fixing it and building again. The fields between the mistakes are not blamed.
#[test]
fn every_yaml_mistake_of_a_front_matter_is_told_at_once() {
    let site = site_with(&[
        (
            X,
            "---\ntitle: Rapat Koordinasi: Evaluasi Program\ndate: 2023-05-15\nauthor: sn\n\
             unit: kanwil-bali\ntags: [#haji, umroh]\ndraft: mungkin\nimage_alt:\n  - satu\n\
             \x20 - dua\nplace: [Denpasar\n---\n\nIsi rilis.\n",
        ),
        ("content/pages/profil.md", "---\ntitle: Profil: Kantor\ndraft: tidak\n---\nIsi.\n"),
        // What the other fields say comes with them: a date and a unit that parse but are wrong,
        // a field missing. Not what the fields set aside would say (the title is not "missing").
        (
            "content/2023/05/y.md",
            "---\ntitle: Rapat: Evaluasi\ndate: 15/5/2023\nunit: kanwil-balii\ntags: [#haji]\n---\nIsi.\n",
        ),
    ]);
    insta::assert_snapshot!(error_of(&site));
}

#[test]
fn colon_in_a_title_asks_for_quotes_and_shows_the_fixed_line() {
    // Today: "mapping values are not allowed in this context".
    let site = site_with(&[(
        X,
        "---\ntitle: Rapat Koordinasi: Evaluasi Program\ndate: 2023-05-15\nauthor: sn\nunit: kanwil-bali\n---\n\nIsi rilis.\n",
    )]);
    let message = error_of(&site);
    assert!(message.starts_with("content/2023/05/x.md:2: field 'title': has ': ' in it; "));
    insta::assert_snapshot!(message);
}

/// Found typing front matter in Word, stop 62: the title quoted as it should be, but Word made
/// the quotes curly; the line to write kept them inside straight ones, so the title had them.
#[test]
fn colon_in_a_title_in_curly_quotes_gets_the_line_with_straight_ones() {
    let front = "date: 2023-05-15\nauthor: sn\nunit: kanwil-bali\n---\n\nIsi rilis.\n";
    let site = site_with(&[(X, &format!("---\ntitle: “Rapat: Evaluasi”\n{front}"))]);
    let message = error_of(&site);
    let line = message.lines().next().unwrap_or_default();
    assert!(line.ends_with("type them straight: title: \"Rapat: Evaluasi\""), "{message}");
    let written = line.rsplit_once("straight: ").map_or("", |(_, w)| w);
    let built = site_with(&[(X, &format!("---\n{written}\n{front}"))]).built();
    assert!(built.read("2023/05/x/index.html").contains("<h1>Rapat: Evaluasi</h1>"));
}

#[test]
fn colon_in_an_image_caption_uses_the_field_name() {
    let site = site_with(&[(
        X,
        "---\ntitle: Rapat\ndate: 2023-05-15\nauthor: sn\nunit: kanwil-bali\nimage_caption: Suasana rapat: peserta\n---\n\nIsi rilis.\n",
    )]);
    assert_eq!(
        error_of(&site),
        "content/2023/05/x.md:6: field 'image_caption': has ': ' in it; put the image_caption in \
         quotes: image_caption: \"Suasana rapat: peserta\"\n1 error found; nothing was written"
    );
}

#[test]
fn tab_before_a_field_is_named_at_its_line() {
    let site = site_with(&[(
        X,
        "---\ntitle: Workshop\ndate: 2023-05-15\n\tauthor: sn\nunit: kanwil-bali\n---\n\nIsi rilis.\n",
    )]);
    insta::assert_snapshot!(error_of(&site));
}

#[test]
fn missing_colon_is_reported_at_its_own_line_not_the_next() {
    // Today: serde_yaml blames line 4, the line after the mistake.
    let site = site_with(&[(
        X,
        "---\ndate: 2023-05-15\ntitle Workshop Media Sosial\nauthor: sn\nunit: kanwil-bali\n---\n\nIsi rilis.\n",
    )]);
    let message = error_of(&site);
    assert!(message.starts_with("content/2023/05/x.md:3: field 'title': "), "{message}");
    insta::assert_snapshot!(message);
}

#[test]
fn misspelt_field_gets_the_closest_known_one() {
    let site = site_with(&[(
        X,
        "---\ntittle: Workshop\ndate: 2023-05-15\nauthor: sn\nunit: kanwil-bali\n---\n\nIsi rilis.\n",
    )]);
    insta::assert_snapshot!(error_of(&site));
}

/// The warnings of a build that succeeds, one per line as the CLI prints them.
fn warnings_of(site: &Site) -> String {
    let summary = site.build().unwrap_or_else(|e| panic!("the build should succeed, got:\n{e}"));
    summary.warnings.iter().map(|w| format!("warning: {w}\n")).collect()
}

#[test]
fn tags_and_authors_typed_as_one_text_are_split_with_a_warning() {
    let site = site_with(&[(
        X,
        "---\ntitle: Workshop\ndate: 2023-05-15\nauthor: sn, ma\nunit: kanwil-bali\ntags: haji, zakat\n---\n\nIsi rilis.\n",
    )]);
    insta::assert_snapshot!(warnings_of(&site));
    assert!(site.public().join("tag/haji/index.html").is_file());
    assert!(site.public().join("tag/zakat/index.html").is_file());
}

/// `- haji` above `  - umroh`, the second dash indented: YAML reads one tag, "haji - umroh",
/// and nothing said so until stop 46.
#[test]
fn a_tag_holding_an_indented_dash_is_one_tag_with_a_warning() {
    let site = site_with(&[(
        X,
        "---\ntitle: Workshop\ndate: 2023-05-15\nauthor: sn\nunit: kanwil-bali\ntags:\n- haji\n  - umroh\n---\n\nIsi rilis.\n",
    )]);
    let warnings = warnings_of(&site);
    assert!(
        warnings.contains(
            "x.md:6: field 'tags': read \"haji - umroh\" as one tag; if it is two, line their \
             dashes up, each at the start of its line: - haji and - umroh"
        ),
        "{warnings}"
    );
    assert!(site.public().join("tag/haji-umroh/index.html").is_file());
}

/// Files of `content/` as offices save them: until stop 58, a release saved as `Rapat.MD` or
/// `rapat.markdown` was silently not published, and so were Notepad's `rapat.md.txt` (Windows
/// hides the extension), a Word document dropped in, and a photo beside a release of one file.
/// The first two are releases; each of the others is named, with what to do, and the build
/// goes on.
#[test]
fn releases_saved_with_other_extensions_are_published_and_stray_files_are_named() {
    let release = |title: &str| {
        format!("---\ntitle: {title}\ndate: 2023-05-16\nauthor: sn\nunit: kanwil-bali\n---\n\nIsi rilis.\n")
    };
    let site = site_with(&[
        ("content/2023/05/Rapat Koordinasi.MD", &release("Rapat Koordinasi")),
        ("content/2023/05/manasik.markdown", &release("Manasik Haji")),
        ("content/2023/05/zakat.md.txt", &release("Zakat ASN")),
        ("content/2023/05/catatan.txt", "Catatan rapat, bukan rilis.\n"),
        ("content/2023/05/Siaran Pers.docx", "PK"),
        ("content/2023/05/foto.jpg", "not a photo"),
        ("content/pages/denah.png", "not a photo"),
    ]);
    let warnings = warnings_of(&site);
    assert!(site.public().join("2023/05/rapat-koordinasi/index.html").is_file(), "{warnings}");
    assert!(site.public().join("2023/05/manasik/index.html").is_file(), "{warnings}");
    assert!(!site.public().join("2023/05/zakat").exists());
    for (file, says) in [
        (
            "content/2023/05/zakat.md.txt",
            "was not published: it looks like a release, but its name ends in .txt, and warta \
             publishes .md files (Windows hides the extension, so a file saved as zakat.md in \
             Notepad is zakat.md.txt): rename it to zakat.md",
        ),
        (
            "content/2023/05/Siaran Pers.docx",
            "make one of this Word document with `warta new --from \"content/2023/05/Siaran \
             Pers.docx\"`, then move the document out of content/",
        ),
        ("content/2023/05/catatan.txt", "beside its index.md (content/2023/05/<release>/index.md)"),
        ("content/2023/05/foto.jpg", "beside its index.md (content/2023/05/<release>/index.md)"),
        ("content/pages/denah.png", "a page's photos and files go in the site's static/ folder"),
    ] {
        assert!(warnings.contains(&format!("warning: {file}: ")), "{file} named:\n{warnings}");
        assert!(warnings.contains(says), "{file}: {says}\n{warnings}");
    }
    assert!(!warnings.contains("Rapat Koordinasi.MD: was not"), "{warnings}");
    assert!(!warnings.contains("manasik.markdown: was not"), "{warnings}");
}

/// Found by use, stop 59: the copies a computer makes of a release (a second download,
/// `rapat (1).md`; Windows' `rapat - Copy.md`; Dropbox's conflicted copy of a release's folder
/// when two computers saved it at once) were each published as a release of their own, with
/// guids of their own, so every channel announced the release three times. Each copy is now
/// left out and named with its original; a release named like no other is published.
#[test]
fn copies_a_computer_made_of_a_release_are_left_out_and_named() {
    let release = |title: &str| {
        format!("---\ntitle: {title}\ndate: 2023-05-16\nauthor: sn\nunit: kanwil-bali\n---\n\nIsi rilis.\n")
    };
    let site = site_with(&[
        ("content/2023/05/rapat.md", &release("Rapat Koordinasi")),
        ("content/2023/05/rapat (1).md", &release("Rapat Koordinasi")),
        ("content/2023/05/Rapat - Copy.md", &release("Rapat Koordinasi")),
        ("content/2023/05/manasik/index.md", &release("Manasik Haji")),
        (
            "content/2023/05/manasik (Sri's conflicted copy 2023-05-16)/index.md",
            &release("Manasik Haji Terpadu"),
        ),
        // Named like a copy, but of no release: a release.
        ("content/2023/05/zakat (2).md", &release("Zakat ASN")),
        // A copy with mistakes of its own (a date mistyped, a photo that is not there) is left
        // out all the same: its mistakes do not stop the build.
        ("content/2023/05/rapat copy.md", &release("Rapat").replace("2023-05-16", "16/5/2023")),
        (
            "content/2023/05/rapat copy 2.md",
            &format!("{}![Foto](tidak-ada.jpg)\n", release("Rapat")),
        ),
    ]);
    let warnings = warnings_of(&site);
    let public = site.public();
    for published in ["2023/05/rapat/", "2023/05/manasik/", "2023/05/zakat-2/"] {
        assert!(public.join(published).join("index.html").is_file(), "{published}: {warnings}");
    }
    let folders: Vec<String> = std::fs::read_dir(public.join("2023/05"))
        .expect("the month")
        .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("rapat") || n.starts_with("manasik"))
        .collect();
    assert_eq!(folders.len(), 2, "only the originals: {folders:?}");
    for (copy, original) in [
        ("content/2023/05/rapat (1).md", "content/2023/05/rapat.md"),
        ("content/2023/05/Rapat - Copy.md", "content/2023/05/rapat.md"),
        ("content/2023/05/rapat copy.md", "content/2023/05/rapat.md"),
        ("content/2023/05/rapat copy 2.md", "content/2023/05/rapat.md"),
        (
            "content/2023/05/manasik (Sri's conflicted copy 2023-05-16)/index.md",
            "content/2023/05/manasik/index.md",
        ),
    ] {
        let says = format!(
            "warning: {copy}: was not published: it looks like a copy of {original} that a computer made"
        );
        assert!(warnings.contains(&says), "{says}\n{warnings}");
    }
    assert!(!warnings.contains("zakat (2).md: was not"), "{warnings}");
    assert!(!warnings.contains("16/5/2023") && !warnings.contains("tidak-ada.jpg"), "{warnings}");
    let feed = std::fs::read_to_string(public.join("feed.xml")).expect("feed.xml");
    assert_eq!(feed.matches("<title>Rapat Koordinasi</title>").count(), 1, "{feed}");
}

#[test]
fn unclosed_front_matter_is_reported() {
    let site = site_with(&[(
        X,
        "---\ntitle: Workshop\ndate: 2023-05-15\nauthor: sn\nunit: kanwil-bali\n\nIsi rilis.\n",
    )]);
    insta::assert_snapshot!(error_of(&site));
}

#[test]
fn missing_front_matter_is_reported() {
    let site = site_with(&[(X, "# Workshop\n\nIsi rilis tanpa front matter.\n")]);
    insta::assert_snapshot!(error_of(&site));
}

#[test]
fn slug_that_climbs_out_of_the_output_is_rejected() {
    let site = site_with(&[(
        X,
        "---\ntitle: Workshop\ndate: 2023-05-15\nauthor: sn\nunit: kanwil-bali\nslug: ../../etc\n---\n\nIsi rilis.\n",
    )]);
    let message = error_of(&site);
    assert!(message.starts_with("content/2023/05/x.md:6: field 'slug': "), "{message}");
    insta::assert_snapshot!(message);
    assert!(!site.root().join("etc").exists());
}

#[test]
fn duplicate_permalink_names_both_files() {
    // Both would be written to 2023/05/workshop-media-sosial/.
    let site = site_with(&[(
        "content/2023/05/workshop-lagi.md",
        "---\ntitle: Workshop Lagi\ndate: 2023-05-20\nauthor: ma\nunit: kanwil-bali\nslug: workshop-media-sosial\n---\n\nIsi rilis.\n",
    )]);
    let message = error_of(&site);
    assert!(message.contains("content/2023/05/workshop-lagi.md"));
    assert!(message.contains("content/2023/05/workshop-media-sosial.md"));
    insta::assert_snapshot!(message);
}

/// Found editing site.yaml as an office does: the colour typed as its comment shows it, but
/// without the quotes, was read as a comment and the site built with the default colour, without
/// a word; `timezone: WITA` was refused.
#[test]
fn site_yaml_typed_as_offices_type_it() {
    let base = std::fs::read_to_string(crate::support::fixture_dir("errors/base/site.yaml"))
        .expect("read site.yaml");
    let site = site_with(&[(
        "site.yaml",
        &base.replace(
            "base_url: https://example.go.id/\n",
            "base_url: https://example.go.id/\ntimezone: WITA\ntheme_color: #0a5c36\n",
        ),
    )]);
    assert_eq!(
        error_of(&site),
        "site.yaml:4: field 'theme_color': \"#0a5c36\" starts with '#', which YAML reads as the \
         start of a comment, so this is empty; write theme_color: \"#0a5c36\"\n1 error found; \
         nothing was written"
    );
    site.write(
        "site.yaml",
        &base.replace(
            "base_url: https://example.go.id/\n",
            "base_url: https://example.go.id/\ntimezone: WITA\ntheme_color: \"#0a5c36\"\n",
        ),
    );
    let built = site.built();
    assert!(built.read("css/style.css").contains("#0a5c36") || built.page("").contains("#0a5c36"));
}

#[test]
fn page_with_the_url_of_a_release_is_a_duplicate() {
    let site = site_with(&[
        (
            "site.yaml",
            &std::fs::read_to_string(crate::support::fixture_dir("errors/base/site.yaml"))
                .expect("read site.yaml")
                .replace(
                    "base_url: https://example.go.id/\n",
                    "base_url: https://example.go.id/\npermalink: /:slug/\n",
                ),
        ),
        ("content/pages/workshop-media-sosial.md", "---\ntitle: Workshop\n---\n\nHalaman.\n"),
    ]);
    insta::assert_snapshot!(error_of(&site));
}

// ---------------------------------------------------------------- file encodings

/// A release with curly quotes and an accent, for writing in other encodings.
const CAFE: &str =
    "---\ntitle: \u{201c}Kafe\u{201d} Moderasi di Caf\u{e9} Denpasar\ndate: 2023-05-15\n\
                    author: sn\nunit: kanwil-bali\n---\n\nIsi rilis.\n";

fn site_with_bytes(rel: &str, bytes: &[u8]) -> Site {
    let site = site_with(&[]);
    std::fs::write(site.root().join(rel), bytes).expect("write the file's bytes");
    site
}

fn utf16(text: &str, bom: &[u8], to_bytes: fn(u16) -> [u8; 2]) -> Vec<u8> {
    let mut out = bom.to_vec();
    out.extend(text.encode_utf16().flat_map(to_bytes));
    out
}

/// Builds, checks the title came through intact, and returns the warnings.
fn built_cafe(site: &Site) -> String {
    let warnings = warnings_of(site);
    let page = std::fs::read_to_string(site.public().join("2023/05/x/index.html")).expect("page");
    assert!(page.contains("\u{201c}Kafe\u{201d} Moderasi di Caf\u{e9} Denpasar"), "title intact");
    warnings
}

#[test]
fn windows_1252_release_is_read_with_a_warning() {
    let bytes = b"---\ntitle: \x93Kafe\x94 Moderasi di Caf\xe9 Denpasar\ndate: 2023-05-15\n\
                  author: sn\nunit: kanwil-bali\n---\n\nIsi rilis.\n";
    let site = site_with_bytes(X, bytes);
    insta::assert_snapshot!(built_cafe(&site));
}

#[test]
fn utf16_releases_with_and_without_bom_are_read_with_a_warning() {
    for (name, bytes) in [
        ("UTF-16LE with BOM", utf16(CAFE, &[0xFF, 0xFE], u16::to_le_bytes)),
        ("UTF-16LE without BOM", utf16(CAFE, &[], u16::to_le_bytes)),
        ("UTF-16BE with BOM", utf16(CAFE, &[0xFE, 0xFF], u16::to_be_bytes)),
    ] {
        let site = site_with_bytes(X, &bytes);
        assert_eq!(
            built_cafe(&site),
            "warning: content/2023/05/x.md: was saved as UTF-16 (\"Unicode\" in Notepad), not \
             UTF-8; warta read it as such, but check its accented letters and quotes, and save \
             it as UTF-8 to be sure (Notepad: File › Save As › Encoding: UTF-8)\n",
            "{name}"
        );
    }
}

#[test]
fn utf8_with_bom_is_read_without_a_warning() {
    let site = site_with_bytes(X, &[&[0xEF, 0xBB, 0xBF][..], CAFE.as_bytes()].concat());
    assert_eq!(built_cafe(&site), "");
}

#[test]
fn site_yaml_in_windows_1252_is_read_with_a_warning() {
    let site = site_with(&[]);
    let text = std::fs::read_to_string(site.root().join("site.yaml")).expect("read site.yaml");
    let mut bytes = text.into_bytes();
    bytes.extend(b"description: Kabar dari Caf\xe9\n");
    std::fs::write(site.root().join("site.yaml"), bytes).expect("write site.yaml");
    let warnings = warnings_of(&site);
    assert!(warnings.starts_with("warning: site.yaml: was saved as Windows-1252"), "{warnings}");
    let home = std::fs::read_to_string(site.public().join("index.html")).expect("home");
    assert!(home.contains("Kabar dari Caf\u{e9}"), "description intact");
}

#[test]
fn garbage_is_an_error_at_the_line_of_the_first_bad_byte() {
    let bytes = b"---\ntitle: Workshop\n\x00\x01\x02\xff\xfe garbage\n---\n";
    let site = site_with_bytes(X, bytes);
    insta::assert_snapshot!(error_of(&site));
}

#[test]
fn utf8_with_one_windows_1252_byte_is_an_error_at_its_line() {
    let mut bytes = CAFE.replace("Isi rilis.", "Isi rilis ").into_bytes();
    bytes.extend(b"\x93kutipan\x94.\n");
    let site = site_with_bytes(X, &bytes);
    insta::assert_snapshot!(error_of(&site));
}

/// Found using the product, stop 57: a file of two encodings stopped the build before the
/// other files were parsed, so the writer fixed it, built again, and only then heard of the
/// colon in another release's title. One build names both.
#[test]
fn a_file_of_two_encodings_is_reported_with_the_other_files_errors() {
    let mut bytes = CAFE.replace("Isi rilis.", "Isi rilis ").into_bytes();
    bytes.extend(b"\x93kutipan\x94.\n");
    let site = site_with_bytes(X, &bytes);
    site.write(
        "content/2023/05/y.md",
        "---\ntitle: Rapat: Evaluasi\ndate: 2023-05-15\nauthor: sn\nunit: kanwil-bali\n---\n\nIsi.\n",
    );
    let message = error_of(&site);
    assert!(message.contains("content/2023/05/x.md:9: the byte 0x93"), "{message}");
    assert!(message.contains("content/2023/05/y.md:2: field 'title'"), "{message}");
    assert!(message.contains("2 errors found"), "{message}");
}

#[test]
fn duplicate_key_is_reported_at_the_duplicate_not_the_first() {
    // serde_yaml blamed line 2, the first `title`.
    let site = site_with(&[(
        X,
        "---\ntitle: Workshop\ndate: 2023-05-15\nauthor: sn\nunit: kanwil-bali\ntitle: Rapat\n---\n\nIsi.\n",
    )]);
    let message = error_of(&site);
    assert!(message.starts_with("content/2023/05/x.md:6: field 'title'"), "{message}");
    insta::assert_snapshot!(message);
}

/// A valid front matter whose `tags:` are `aliases` aliases of one 8 KB text.
fn alias_bomb(aliases: usize) -> String {
    let alias_list = vec!["*s"; aliases].join(", ");
    format!(
        "---\ntitle: Workshop\ndate: 2023-05-15\nauthor: sn\nunit: kanwil-bali\nsummary: &s {}\n\
         tags: [{alias_list}]\n---\n\nIsi.\n",
        "lol ".repeat(2000)
    )
}

#[test]
fn aliases_repeated_twenty_thousand_times_are_refused_at_once() {
    // serde_yaml took 11 s and 2.2 GB on a 180 KB front matter like this one.
    let site = site_with(&[(X, &alias_bomb(20_000))]);
    let start = std::time::Instant::now();
    let message = error_of(&site);
    assert!(start.elapsed() < std::time::Duration::from_secs(3), "took {:?}", start.elapsed());
    insta::assert_snapshot!(message);
}

#[test]
fn aliases_repeated_in_site_yaml_are_refused_at_once() {
    let site = site_with(&[]);
    let text = std::fs::read_to_string(site.root().join("site.yaml")).expect("read site.yaml");
    let text =
        text.replace("title: Humas Kanwil Uji", &format!("title: &t {}", "lol ".repeat(2000)));
    let strings: String = (0..20_000).map(|i| format!("  kunci{i}: *t\n")).collect();
    site.write("site.yaml", &format!("{text}strings:\n{strings}"));
    let start = std::time::Instant::now();
    let message = error_of(&site);
    assert!(start.elapsed() < std::time::Duration::from_secs(3), "took {:?}", start.elapsed());
    insta::assert_snapshot!(message);
}

#[test]
fn release_with_old_mac_line_endings_is_named() {
    let text =
        "---\ntitle: Workshop\ndate: 2023-05-15\nauthor: sn\nunit: kanwil-bali\n---\n\nIsi.\n";
    let site = site_with(&[(X, &text.replace('\n', "\r"))]);
    insta::assert_snapshot!(error_of(&site));
}

#[test]
fn lone_cr_in_front_matter_is_named_at_its_line() {
    let site = site_with(&[(
        X,
        "---\r\ntitle: Workshop\r\ndate: 2023-05-15\rauthor: sn\r\nunit: kanwil-bali\r\n---\r\n\r\nIsi.\r\n",
    )]);
    let message = error_of(&site);
    assert!(
        message.starts_with("content/2023/05/x.md:3: this line ends in a lone CR"),
        "{message}"
    );
    insta::assert_snapshot!(message);
}

#[test]
fn two_thousand_unknown_keys_in_front_matter_are_a_short_list() {
    let keys: String = (0..2000).map(|i| format!("kunci{i}: v\n")).collect();
    let site = site_with(&[(
        X,
        &format!("---\ntitle: Workshop\ndate: 2023-05-15\nauthor: sn\nunit: kanwil-bali\n{keys}---\n\nIsi.\n"),
    )]);
    insta::assert_snapshot!(error_of(&site));
}

#[test]
fn two_thousand_unknown_strings_in_site_yaml_are_capped() {
    // 14.7 MB of messages before: one error per key, each listing every string.
    let site = site_with(&[]);
    let text = std::fs::read_to_string(site.root().join("site.yaml")).expect("read site.yaml");
    let keys: String = (0..2000).map(|i| format!("  kunci{i}: v\n")).collect();
    site.write("site.yaml", &format!("{text}strings:\n{keys}"));
    let message = error_of(&site);
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(lines.len(), 12, "{}", &message[..message.len().min(2000)]);
    assert_eq!(lines[10], "site.yaml: … and 1990 more");
    assert_eq!(lines[11], "2000 errors found; nothing was written");
}

// ---------------------------------------------------------------- site.yaml

#[test]
fn unknown_key_in_site_yaml_is_named_with_its_line() {
    let site = site_with(&[]);
    let text = std::fs::read_to_string(site.root().join("site.yaml")).expect("read site.yaml");
    site.write("site.yaml", &format!("{text}warna: hijau\n"));
    let message = error_of(&site);
    assert!(message.starts_with("site.yaml:17: field 'warna': unknown field"), "{message}");
    insta::assert_snapshot!(message);
}

/// `site.yaml` with several mistakes: each is told at once, but not that `base_url` is missing
/// when its line was misspelt.
#[test]
fn every_mistake_of_site_yaml_is_told_at_once() {
    let site = site_with(&[]);
    let text = std::fs::read_to_string(site.root().join("site.yaml")).expect("read site.yaml");
    let text =
        text.replace("base_url:", "base_ur1:").replace("short: Humas Bali", "short: Humas: Bali");
    site.write("site.yaml", &format!("{text}per_page: nol\n"));
    insta::assert_snapshot!(error_of(&site));
}

#[test]
fn misspelt_key_in_site_yaml_gets_the_closest_known_one() {
    let site = site_with(&[]);
    let text = std::fs::read_to_string(site.root().join("site.yaml")).expect("read site.yaml");
    site.write("site.yaml", &text.replace("base_url:", "base_ur1:"));
    insta::assert_snapshot!(error_of(&site));
}

#[test]
fn colon_in_a_unit_name_in_site_yaml_gets_the_same_hint() {
    let site = site_with(&[]);
    let text = std::fs::read_to_string(site.root().join("site.yaml")).expect("read site.yaml");
    site.write("site.yaml", &text.replace("short: Humas Bali", "short: Humas: Bali"));
    assert_eq!(
        error_of(&site),
        "site.yaml:6: field 'units.kanwil-bali.short': has ': ' in it; put the short in quotes: \
         short: \"Humas: Bali\"\n1 error found; nothing was written"
    );
}

#[test]
fn unknown_key_in_a_unit_is_named_with_its_path() {
    let site = site_with(&[]);
    let text = std::fs::read_to_string(site.root().join("site.yaml")).expect("read site.yaml");
    site.write(
        "site.yaml",
        &text.replace("    place: Mangupura\n", "    place: Mangupura\n    email: x@y\n"),
    );
    // Today: "site.yaml:12: field 'units.kemenag-badung.email': units.kemenag-badung: unknown
    // field `email`, expected one of ..."
    assert_eq!(
        error_of(&site),
        "site.yaml:12: field 'units.kemenag-badung.email': unknown field; expected one of \
         `name`, `short`, `place`, `logo`, `social`, `hashtags`, `instagram_link`, `aliases`\n1 error found; nothing was written"
    );
}

/// `deploy:`'s fields listed for an unknown one leave out `password`, which is read only to be
/// refused with where a password goes (found by helper-42, stop 75: it was offered).
#[test]
fn an_unknown_deploy_field_is_not_offered_the_password() {
    let site = site_with(&[]);
    let text = std::fs::read_to_string(site.root().join("site.yaml")).expect("read site.yaml");
    site.write(
        "site.yaml",
        &format!("{text}deploy:\n  url: sftp://humas@ftp.example.go.id\n  port: 22\n"),
    );
    let message = error_of(&site);
    assert!(
        message.contains("field 'deploy.port': unknown field; expected one of `url`"),
        "{message}"
    );
    assert!(!message.contains("password"), "{message}");
}

#[test]
fn wrong_type_in_site_yaml_names_the_field_once() {
    let site = site_with(&[]);
    let text = std::fs::read_to_string(site.root().join("site.yaml")).expect("read site.yaml");
    site.write("site.yaml", &format!("{text}per_page: banyak\n"));
    assert_eq!(
        error_of(&site),
        "site.yaml:17: field 'per_page': expected a whole number, got \"banyak\"\n\
         1 error found; nothing was written"
    );
}

#[test]
fn wrong_type_in_front_matter_names_the_field_once() {
    let site = site_with(&[(
        X,
        "---\ntitle: Workshop\ndate: 2023-05-15\nauthor: sn\nunit: kanwil-bali\ndraft: ya\n---\n\nIsi rilis.\n",
    )]);
    assert_eq!(
        error_of(&site),
        "content/2023/05/x.md:6: field 'draft': expected true or false, got \"ya\"\n\
         1 error found; nothing was written"
    );
}

#[test]
fn tags_given_as_a_map_are_explained_at_their_line() {
    let site = site_with(&[(
        X,
        "---\ntitle: Workshop\ndate: 2023-05-15\nauthor: sn\nunit: kanwil-bali\ntags:\n  haji: zakat\n---\n\nIsi rilis.\n",
    )]);
    let message = error_of(&site);
    // Today: "content/2023/05/x.md:2: field 'tags': data did not match any variant of untagged
    // enum Shape".
    assert!(message.starts_with("content/2023/05/x.md:6: field 'tags': "), "{message}");
    assert!(!message.contains("untagged enum"), "{message}");
}

// ---------------------------------------------------------------- all errors at once

#[test]
fn errors_in_several_files_are_reported_together() {
    let site = site_with(&[
        (
            "content/2023/05/a.md",
            "---\ntitle: A\ndate: 15/5/2023\nauthor: sn\nunit: kanwil-jawa\n---\n\nIsi.\n",
        ),
        (
            "content/2023/06/b.md",
            "---\ntitle: B\ndate: 2023-06-01\nunit: kanwil-bali\n---\n\nIsi.\n",
        ),
        ("content/2023/07/c.md", "---\ntitle: C\n"),
    ]);
    let message = error_of(&site);
    let lines: Vec<&str> = message.lines().collect();
    // a.md: date and unit; b.md: author; c.md: unclosed front matter.
    assert_eq!(lines.len(), 5, "{message}");
    assert_eq!(lines[4], "4 errors found; nothing was written");
    assert!(lines[0].starts_with("content/2023/05/a.md:3: field 'date'"));
    assert!(lines[1].starts_with("content/2023/05/a.md:5: field 'unit'"));
    assert!(lines[2].starts_with("content/2023/06/b.md:"));
    assert!(lines[3].starts_with("content/2023/07/c.md:1: "));
    let Err(Error::Content(errors)) = site.build() else {
        panic!("content errors expected");
    };
    assert_eq!(errors.len(), 4);
    insta::assert_snapshot!(message);
}

// ---------------------------------------------------------------- templates

#[test]
fn template_error_names_the_template_and_the_page() {
    let site = site_with(&[(
        "templates/release.html",
        "{% extends \"theme/release.html\" %}\n{% block title %}{{ release.judul | upper }}{% endblock title %}\n",
    )]);
    let message = error_of(&site);
    assert!(
        message.starts_with(
            "templates/release.html:2: while rendering content/2023/05/workshop-media-sosial.md: "
        ),
        "{message}"
    );
    insta::assert_snapshot!(message);
}

/// A mistake in a partial the site overrides is told at that file and line: until stop 47 it
/// was told at the template being rendered ("templates/partials/card.html", which the site did
/// not have), with no line.
#[test]
fn a_template_error_is_at_the_file_and_line_it_is_in() {
    let site = site_with(&[(
        "templates/partials/banner.html",
        "{#- a site's banner -#}\n<p class=\"banner\">\n{{ t.home | upcase }}</p>\n",
    )]);
    let message = error_of(&site);
    assert!(message.starts_with("templates/partials/banner.html:3: while rendering"), "{message}");
    assert!(message.contains("Filter 'upcase' not found"), "{message}");
    assert!(!message.contains("(built-in theme)"), "{message}");
    // A missing include, at the line that includes it.
    let site = site_with(&[(
        "templates/partials/banner.html",
        "<p>\n\n{% include \"partials/tidak-ada.html\" %}</p>\n",
    )]);
    let message = error_of(&site);
    assert!(message.starts_with("templates/partials/banner.html:3: "), "{message}");
    // One that does not parse, at its line.
    let site = site_with(&[("templates/partials/banner.html", "<p>\n{% if release %}\n</p>\n")]);
    let message = error_of(&site);
    assert!(message.starts_with("templates/partials/banner.html:"), "{message}");
    assert!(message.contains("Failed to parse 'partials/banner.html'"), "{message}");
}

// ---------------------------------------------------------------- the previous output is safe

/// Builds the valid base site once; returns it with a copy of its output.
fn built_once() -> (Site, std::collections::BTreeMap<String, Vec<u8>>) {
    let site = site_with(&[]);
    site.build().expect("the first build succeeds");
    let before = tree(&site.public());
    assert!(before.contains_key("index.html"));
    (site, before)
}

fn assert_untouched(site: &Site, before: &std::collections::BTreeMap<String, Vec<u8>>) {
    let after = tree(&site.public());
    assert_eq!(after.keys().collect::<Vec<_>>(), before.keys().collect::<Vec<_>>());
    assert!(after == *before, "the previous output is byte-identical");
    let left: Vec<String> = entries(site.root())
        .into_iter()
        .filter(|n| n.contains("warta-staging") || n.ends_with(".old"))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn failed_build_on_content_leaves_the_previous_output_intact() {
    let (site, before) = built_once();
    site.write(
        "content/2023/05/workshop-media-sosial.md",
        "---\ntitle: Workshop\ndate: kemarin\nauthor: sn\nunit: kanwil-bali\n---\n\nIsi.\n",
    );
    assert!(site.build().is_err());
    assert_untouched(&site, &before);
}

#[test]
fn failed_build_while_rendering_leaves_the_previous_output_intact() {
    // A template error only shows while writing pages into the staging folder.
    let (site, before) = built_once();
    site.write("templates/404.html", "{{ tidak_ada.sama_sekali }}");
    let err = site.build().expect_err("the template cannot render");
    assert!(err.to_string().contains("templates/404.html"), "{err}");
    assert_untouched(&site, &before);
}

// ---------------------------------------------------------------- the output folder

#[test]
fn output_folder_not_made_by_warta_is_refused() {
    let site = site_with(&[]);
    site.write("public/catatan-penting.txt", "jangan dihapus\n");
    let err = site.build().expect_err("refused");
    assert!(matches!(err, Error::Refused(_)), "{err:?}");
    let message = err.to_string().replace(&*site.root().to_string_lossy(), "[root]");
    insta::assert_snapshot!(message);
    assert_eq!(
        std::fs::read_to_string(site.public().join("catatan-penting.txt")).expect("kept"),
        "jangan dihapus\n"
    );
    assert_eq!(entries(&site.public()), ["catatan-penting.txt"]);
}

#[test]
fn force_replaces_an_output_folder_not_made_by_warta() {
    let site = site_with(&[]);
    site.write("public/catatan-lama.txt", "lama\n");
    warta::build(&warta::BuildOptions {
        force: true,
        ..crate::support::options(site.root(), &site.public())
    })
    .expect("force builds");
    assert!(!site.public().join("catatan-lama.txt").exists());
    assert!(site.public().join("index.html").is_file());
    assert!(site.public().join(warta::write::MARKER).is_file());
    // Now it is warta's: the next build needs no force.
    site.build().expect("rebuilds without force");
}

#[test]
fn empty_output_folder_is_used() {
    let site = site_with(&[]);
    std::fs::create_dir(site.public()).expect("create public/");
    site.build().expect("an empty folder is fine");
    assert!(site.public().join("index.html").is_file());
}

#[test]
fn output_folder_containing_the_site_is_refused_even_with_force() {
    let site = site_with(&[]);
    let err = warta::build(&warta::BuildOptions {
        force: true,
        ..crate::support::options(site.root(), site.root())
    })
    .expect_err("refused");
    assert!(matches!(err, Error::Refused(_)), "{err:?}");
    assert!(site.root().join("site.yaml").is_file());
    assert!(site.root().join("content/2023/05/workshop-media-sosial.md").is_file());
}

#[test]
fn unknown_theme_strings_get_the_closest_one_and_short_messages() {
    let base =
        std::fs::read_to_string(crate::support::fixture_dir("errors/base").join("site.yaml"))
            .expect("the fixture's site.yaml");
    let site = site_with(&[(
        "site.yaml",
        &format!("{base}strings:\n  lates: Kabar\n  zzz1: a\n  zzz2: b\n"),
    )]);
    let message = error_of(&site);
    assert!(
        message.contains(
            "field 'strings.lates': the theme has no such string; did you mean `latest`?"
        ),
        "{message}"
    );
    // One unknown override is not offered as known in the next one's message.
    assert!(!message.contains("zzz1`"), "{message}");
    assert!(message.lines().all(|l| l.len() < 200), "short messages:\n{message}");
}

/// Found by use, stop 61: a unit's key renamed in `site.yaml` (`kanwil-bali` to `kanwil`) made
/// every release of the unit an error in the same words, each printed, and the one other error
/// of the build was somewhere among them. One error in many files is printed five times and
/// counted; the others are printed as they were.
#[test]
fn a_units_key_renamed_under_its_releases_is_printed_five_times_and_counted() {
    let site = crate::support::generated_site(40);
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    site.write("site.yaml", &yaml.replace("  kanwil-bali: {", "  kanwil: {"));
    site.write(
        "content/2023/02/rilis-30.md",
        "---\ntitle: Rilis Nomor 30\ndate: 3/2/2023\nauthor: sn\nunit: kanwil\n---\n\nIsi.\n",
    );
    let e = error_of(&site);
    let unknown = "field 'unit': unknown unit \"kanwil-bali\"";
    assert_eq!(e.matches(unknown).count(), 5, "{e}");
    assert!(e.contains("\n… and 34 more like it\n"), "{e}");
    assert!(e.contains("content/2023/02/rilis-30.md:3: field 'date': expected a date"), "{e}");
    assert!(e.ends_with("40 errors found; nothing was written"), "{e}");
}
