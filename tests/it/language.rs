//! A site in another language: `language: en` takes the theme's `strings.en.yaml`, and no word
//! warta itself writes (dates, interface, captions, feeds) is left in Indonesian.

use crate::support::{copy_tree, tree, Site};
use std::path::Path;

/// Indonesian words that the default theme and warta's code write: day and month names (those
/// not spelt the same in English) and every interface word.
const INDONESIAN: [&str; 50] = [
    "Senin",
    "Selasa",
    "Rabu",
    "Kamis",
    "Jumat",
    "Sabtu",
    "Minggu",
    "Januari",
    "Februari",
    "Maret",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "Oktober",
    "Desember",
    "Baca selengkapnya",
    "Tautan ada di bio",
    "Beranda",
    "Rilis",
    "rilis",
    "Topik",
    "Arsip",
    "Halaman",
    "Sebelumnya",
    "Berikutnya",
    "Pertama",
    "Terakhir",
    "Diperbarui",
    "Oleh",
    "menit baca",
    "Bagikan",
    "Lampiran",
    "Surel",
    "DRAF",
    "TERJADWAL",
    "Dibuat dengan",
    "Unit kerja",
    "Unit Kerja",
    "Informasi",
    "Navigasi",
    "Media sosial",
    "Ikuti melalui",
    "Belum ada",
    "Teks siap unggah",
    "Salin teks",
    "Tersalin",
    "Langsung ke konten",
    "Kembali ke beranda",
    "ditemukan",
];

/// The example site of the repository, with `language: en`, and every word of [`INDONESIAN`]
/// taken out of what its writers typed (so that only warta's own words can bring one back).
fn example_site_in_english(with_theme_folder: bool) -> Site {
    let site = Site::empty();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["content", "static"] {
        if repo.join(dir).is_dir() {
            std::fs::create_dir_all(site.root().join(dir)).expect("create a folder");
            copy_tree(&repo.join(dir), &site.root().join(dir));
        }
    }
    if with_theme_folder {
        std::fs::create_dir_all(site.root().join("themes")).expect("create a folder");
        copy_tree(&repo.join("themes"), &site.root().join("themes"));
    }
    let neutral = |text: &str| INDONESIAN.iter().fold(text.to_string(), |t, w| t.replace(w, "Xx"));
    for (rel, bytes) in tree(&site.root().join("content")) {
        if rel.ends_with(".md") {
            let text = String::from_utf8(bytes).expect("UTF-8 content");
            site.write(&format!("content/{rel}"), &neutral(&text));
        }
    }
    let yaml = std::fs::read_to_string(repo.join("site.yaml")).expect("the example site.yaml");
    assert!(yaml.contains("\nlanguage: id"), "the example site sets its language");
    site.write("site.yaml", &neutral(&yaml.replace("\nlanguage: id", "\nlanguage: en")));
    site
}

/// Whole-word occurrences of the Indonesian words in the built site's text files.
fn indonesian_words(site: Site) -> Vec<String> {
    let built = site.built();
    let pattern = format!(r"\b({})\b", INDONESIAN.join("|"));
    let words = regex::Regex::new(&pattern).expect("a valid pattern");
    let mut found = Vec::new();
    for (path, bytes) in built.files() {
        if !(path.ends_with(".html") || path.ends_with(".xml") || path.ends_with(".json")) {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        found.extend(words.find_iter(&text).map(|m| format!("{path}: {}", m.as_str())));
    }
    found.dedup();
    found
}

#[test]
fn an_english_site_has_no_indonesian_words_of_warta() {
    let found = indonesian_words(example_site_in_english(true));
    assert!(found.is_empty(), "Indonesian words in an English site:\n{}", found.join("\n"));
}

#[test]
fn the_built_in_theme_speaks_english_too() {
    let site = example_site_in_english(false);
    let found = indonesian_words(site);
    assert!(found.is_empty(), "Indonesian words in an English site:\n{}", found.join("\n"));
}

#[test]
fn english_dates_captions_and_interface() {
    let built = example_site_in_english(false).built();
    let page = built.page("2023/05/workshop-manajemen-media-sosial/");
    assert!(page.contains("Monday, 15 May 2023 09:00 WITA"), "{page}");
    assert!(page.contains("Read more") || page.contains("Share"), "{page}");
    let json = built.read("2023/05/workshop-manajemen-media-sosial/social.json");
    assert!(json.contains("\\n\\nLink in bio.\""), "Instagram says where the link is: {json}");
    let archive = built.page("arsip/");
    assert!(archive.contains("May 2023"), "{archive}");
}

/// The same site in Indonesian still says "Senin" and "Baca selengkapnya": the test above
/// cannot pass by writing no dates at all.
#[test]
fn the_indonesian_site_still_writes_indonesian() {
    let site = example_site_in_english(false);
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    site.write("site.yaml", &yaml.replace("\nlanguage: en", "\nlanguage: id"));
    let found = indonesian_words(site);
    assert!(found.iter().any(|f| f.ends_with(": Senin")), "{found:?}");
    assert!(found.iter().any(|f| f.ends_with(": Tautan ada di bio")), "{found:?}");
}

/// "1 releases" was on every English page that counts one release (a month of the archive, a
/// unit, a tag): a count of one takes the singular, in the pages and in the search page's words.
#[test]
fn one_release_is_counted_in_the_singular() {
    let built = example_site_in_english(false).built();
    let plural_one = regex::Regex::new(r"\b1 releases\b").expect("a valid pattern");
    let mut found = Vec::new();
    for (path, bytes) in built.files() {
        if path.ends_with(".html") {
            let text = String::from_utf8_lossy(&bytes);
            found.extend(plural_one.find_iter(&text).map(|_| path.clone()));
        }
    }
    assert!(found.is_empty(), "\"1 releases\" in {found:?}");
    let archive = built.page("arsip/");
    assert!(archive.contains(">1 release</span>"), "a month of one: {archive}");
    assert!(regex::Regex::new(r">[2-9] releases</span>").expect("valid").is_match(&archive));
    let search = built.page("cari/");
    assert!(search.contains("data-results-one=\"{count} release matches"), "{search}");
    assert!(search.contains("data-listed-one=\"{count} release\""), "{search}");
}
