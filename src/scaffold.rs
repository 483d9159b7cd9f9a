//! `warta new` and `warta init`: files a user starts from. Both only ever create files; an
//! existing file is never overwritten.

use crate::config;
use crate::error::{ContentError, Error, Result};
use crate::front_matter::FrontMatter;
use crate::load::DEFAULT_THEME;
use crate::slug::file_slug;
use crate::write::create_new;
use chrono::{DateTime, Datelike, Utc};
use std::path::{Path, PathBuf};

/// Writes `content/YYYY/MM/<slug>.md` for a new release dated `now` in the site's time zone.
pub fn new_release(
    root: &Path,
    title: &str,
    unit: Option<&str>,
    author: Option<&str>,
    now: DateTime<Utc>,
) -> Result<PathBuf> {
    let site = crate::load::site_yaml(root)?;
    let config = config::parse(&site.path, &site.text).map_err(Error::content)?;
    let title = crate::markdown::collapse_whitespace(title);
    let slug = file_slug(&title);
    if slug.is_empty() {
        return Err(Error::Refused("the title needs at least one letter or digit".to_string()));
    }
    let units = || {
        let known: Vec<String> =
            config.units.values().map(|u| format!("{} ({})", u.key, u.short)).collect();
        known.join(", ")
    };
    // Without --unit, the site's one unit (a school's, an office of one unit); a unit's former
    // key is the unit, and the release is written with its key as it is now.
    let unit = match unit {
        Some(unit) => config
            .unit(unit)
            .ok_or_else(|| format!("unknown unit {unit:?}; site.yaml has: {}", units())),
        None => crate::only(config.units.values())
            .ok_or_else(|| format!("which unit issues it? give --unit, one of: {}", units())),
    };
    let authors = || {
        let known: Vec<String> =
            config.authors.iter().map(|(key, name)| format!("{key} ({name})")).collect();
        known.join(", ")
    };
    let author = match author.map(str::to_lowercase) {
        Some(author) if config.authors.contains_key(&author) => Ok(author),
        Some(author) => Err(format!("unknown author {author:?}; site.yaml has: {}", authors())),
        None => crate::only(config.authors.keys())
            .cloned()
            .ok_or_else(|| format!("who writes it? give --author, one of: {}", authors())),
    };
    // Both said at once, with the command to type: a unit given after the first refusal was
    // answered by a second one asking for the writer (carried from stop 66).
    let (unit, author) = match (unit, author) {
        (Ok(unit), Ok(author)) => (unit, author),
        (unit, author) => {
            let problems: Vec<String> = [unit.as_ref().err(), author.as_ref().err()]
                .into_iter()
                .flatten()
                .cloned()
                .collect();
            let unit_key = unit.map_or_else(
                |_| config.units.values().next().map_or("UNIT", |u| u.key.as_str()).to_string(),
                |u| u.key.clone(),
            );
            let author_key = author.unwrap_or_else(|_| {
                config.authors.keys().next().map_or("INITIALS", String::as_str).to_string()
            });
            return Err(Error::Refused(format!(
                "{}; for example: warta new {} --unit {unit_key} --author {author_key}",
                problems.join("; "),
                shell_quoted(&title),
            )));
        }
    };
    let (unit, place) = (unit.key.as_str(), unit.place.as_str());
    let local = now.with_timezone(&config.timezone);
    let dir = root
        .join("content")
        .join(format!("{:04}", local.year()))
        .join(format!("{:02}", local.month()));
    let path = dir.join(format!("{slug}.md"));
    if dir.join(&slug).exists() {
        return Err(Error::Refused(format!(
            "{} already exists; warta never overwrites",
            dir.join(&slug).display()
        )));
    }
    let date = local.format("%Y-%m-%dT%H:%M:00").to_string();
    let text = release_text(&title, &date, (unit, place), &author, false);
    create_new(&path, text.as_bytes())?;
    Ok(path)
}

/// `text` as one word of a command line, in double quotes when it has more than letters,
/// digits and `-` (which a terminal and Windows' command prompt both read the same).
fn shell_quoted(text: &str) -> String {
    if !text.is_empty() && text.chars().all(|c| c.is_alphanumeric() || c == '-') {
        return text.to_string();
    }
    let mut out = String::from("\"");
    for c in text.chars() {
        if matches!(c, '"' | '\\' | '$' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// `warta new --from`: writes the release recognised in `input` under `content/YYYY/MM/`, as
/// `<slug>.md`, or `<slug>/index.md` with the pictures beside it. Returns the file written and
/// what the writer must see to, each naming the file, the line and the field.
pub fn import_release(
    root: &Path,
    input: crate::import::Input,
    over: &crate::import::Overrides,
    now: DateTime<Utc>,
) -> Result<(PathBuf, Vec<ContentError>)> {
    let site = crate::load::site_yaml(root)?;
    let config = config::parse(&site.path, &site.text).map_err(Error::content)?;
    let imported = crate::import::import(input, &config, over, now)?;
    let month = PathBuf::from("content")
        .join(format!("{:04}", imported.year))
        .join(format!("{:02}", imported.month));
    let (single, bundle) =
        (month.join(format!("{}.md", imported.slug)), month.join(&imported.slug));
    for taken in [&single, &bundle] {
        if root.join(taken).exists() {
            return Err(Error::Refused(format!(
                "{} already exists; warta never overwrites (pass another --title)",
                root.join(taken).display()
            )));
        }
    }
    let rel = if imported.pictures.is_empty() { single } else { bundle.join("index.md") };
    let text = imported.front.text(&imported.body);
    create_new(&root.join(&rel), text.as_bytes())?;
    for p in &imported.pictures {
        create_new(&root.join(&bundle).join(&p.name), &p.bytes)?;
    }
    let mut notes: Vec<ContentError> = imported
        .notes
        .into_iter()
        .map(|n| {
            let line = n.field.and_then(|f| {
                text.lines().position(|l| l.starts_with(&format!("{f}:"))).map(|i| i + 1)
            });
            let e = ContentError::new(&rel, n.message).at_line(line);
            match n.field {
                Some(f) => e.field(f),
                None => e,
            }
        })
        .collect();
    // In the file's order, as the writer reads it; notes on no field of it last.
    notes.sort_by_key(|e| (e.line.is_none(), e.line));
    Ok((root.join(rel), notes))
}

/// A new release's text; `draft` makes it one (the sample of `warta init`).
/// The file `warta new` writes: `unit` is the unit's key and place.
fn release_text(
    title: &str,
    date: &str,
    (unit, place): (&str, &str),
    author: &str,
    draft: bool,
) -> String {
    let front = FrontMatter {
        title: Some(title.to_string()),
        date: date.to_string(),
        authors: vec![author.to_string()],
        unit: Some(unit.to_string()),
        place: None,
        tags: Vec::new(),
        image: None,
        image_alt: None,
        image_caption: None,
        image_credit: None,
        draft,
        // Both fields are filled: no comment lists them.
        known_authors: Vec::new(),
        known_units: Vec::new(),
        unit_place: Some(place.to_string()),
    };
    front.text(&format!("{PLACEHOLDER} Dateline dan inisial penulis ditambahkan otomatis.\n"))
}

/// The start of the body `warta new` writes for the writer to replace. A release whose body
/// still holds it is held back as a draft (with a warning): a build run before the writer is
/// done, by hand or by a scheduled job, must not publish it, nor its feeds cross-post it.
pub const PLACEHOLDER: &str = "Tulis paragraf pertama di sini: siapa, apa, kapan, di mana.";

const SITE_YAML: &str = r##"# Konfigurasi situs warta. Lihat README untuk semua kolom.
title: Humas Kantor Contoh
# Nama pendek situs, untuk label ikonnya di layar utama ponsel (sekitar 12 huruf). Bawaan: judul
# bila cukup pendek, atau nama pendek unit bila situs hanya punya satu unit.
# short: Humas Contoh
base_url: https://humas.example.go.id/
description: Rilis berita resmi Kantor Contoh.
language: id
timezone: "+08:00"
per_page: 10
# Tautan pendek di teks media sosial (https://humas.example.go.id/s/6q1dy/?bs): halaman
# pengalihannya membawa parameter UTM, sehingga teks Bluesky dan X punya ruang untuk isi.
short_links: true
# Logo kantor (berkas di static/, mis. static/img/logo.png): tampil di kepala halaman dan rilis
# cetak, dan menjadi ikon situs (favicon). Tanpa logo, ikonnya inisial judul situs.
# logo: /img/logo.png
# Warna kepala halaman, tautan dan ikon; harus cukup gelap untuk teks putih.
# theme_color: "#0a5c36"
# Blok "Kontak Media" di kaki setiap halaman.
# contact:
#   address: |
#     Jl. Contoh No. 1
#     Denpasar
#   phone: "(0361) 000-000"
#   whatsapp: "+62 800-0000-0000"
#   email: humas@example.go.id
#   hours: Senin–Jumat, 08.00–16.00 WITA
# Di beranda, di bawah rilis terbaru: satu deretan per unit atau topik.
# home:
#   strips:
#     - {tag: haji}
# Tujuan `warta deploy`: sftp://, ftps://, ftp:// atau file:///var/www/html. Kata sandi TIDAK
# ditulis di sini: isi variabel WARTA_DEPLOY_PASSWORD atau berkas ~/.netrc (lihat README).
# deploy:
#   url: sftp://humas@ftp.example.go.id
#   folder: public_html
units:
  humas:
    name: Kantor Contoh
    short: Humas Contoh
    place: Denpasar
authors:
  ab:
    name: Nama Penulis
"##;

/// The fields of `config` that still hold the text of the sample `site.yaml` that `warta init`
/// writes ("Kantor Contoh", "Nama Penulis"), each as `field ("text")`: the site's title and
/// description, a unit's name or short name, a writer's name, whatever key it is under. Every
/// page, feed and shared card of the site shows them until the office writes its own (its
/// address is told apart, [`config::Config::example_address`]).
pub fn sample_fields(config: &config::Config) -> Vec<String> {
    let Ok(sample) = config::parse(Path::new("site.yaml"), SITE_YAML) else {
        return Vec::new();
    };
    let (Some(unit), Some(writer)) = (sample.units.values().next(), sample.authors.values().next())
    else {
        return Vec::new();
    };
    let mut fields = Vec::new();
    let mut same = |field: String, text: &str, sample: &str| {
        if text.trim() == sample {
            fields.push(format!("{field} ({text:?})"));
        }
    };
    same("title".to_string(), &config.title, &sample.title);
    same("description".to_string(), &config.description, &sample.description);
    for (key, u) in &config.units {
        same(format!("units.{key}.name"), &u.name, &unit.name);
        same(format!("units.{key}.short"), &u.short, &unit.short);
    }
    for (key, name) in &config.authors {
        same(format!("authors.{key}.name"), name, writer);
    }
    fields
}

/// What git should not keep of a site: the built output and the folders a build leaves behind
/// when interrupted (see `write.rs`). Not the ledger, which is committed with the content.
const GITIGNORE: &str = "\
# Hasil warta build: dibuat ulang setiap build, jangan disimpan di git.
/public/
# Folder sementara dari build yang terputus.
.*.warta-staging-*
.*.warta-lock
.warta-ledger.tsv.tmp-*
# Cache build: mempercepat build berikutnya; boleh dihapus kapan saja.
.*.warta-cache/
# warta-ledger.tsv JANGAN diabaikan: simpan (commit) bersama konten.
";

/// Creates a new site in `dir`: `site.yaml`, a `.gitignore`, a sample release (a draft) and the
/// default theme. Every file is looked for before one is written: a file of those names already
/// there stops it with nothing written (a site half made, `site.yaml` and no theme, was what a
/// folder holding a `.gitignore` got, found by helper-34, stop 67). A `.gitignore` of one's own
/// (a folder under git) is kept, and warta's lines it lacks are added at its end, as `cargo
/// init` does. Returns the files written, and the `.gitignore` if lines were added to it.
pub fn init(dir: &Path, now: DateTime<Utc>) -> Result<Vec<PathBuf>> {
    if dir.join("site.yaml").exists() {
        return Err(Error::Refused(format!(
            "{} already has a site.yaml; warta never overwrites",
            dir.display()
        )));
    }
    let date = now
        .with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).expect("+08:00 is a valid offset"));
    let sample = release_text(
        "Selamat Datang di Situs Humas",
        &date.format("%Y-%m-%dT%H:%M:00").to_string(),
        ("humas", "Denpasar"),
        "ab",
        true,
    );
    let mut files: Vec<(String, std::borrow::Cow<'static, [u8]>)> = vec![
        ("site.yaml".to_string(), SITE_YAML.as_bytes().into()),
        (
            format!("content/{:04}/{:02}/selamat-datang.md", date.year(), date.month()),
            sample.into_bytes().into(),
        ),
    ];
    files.extend(
        theme_files().into_iter().map(|(rel, b)| (format!("themes/default/{rel}"), b.into())),
    );
    let taken: Vec<&str> = files
        .iter()
        .map(|(rel, _)| rel.as_str())
        .filter(|rel| dir.join(rel).symlink_metadata().is_ok())
        .collect();
    if !taken.is_empty() {
        return Err(Error::Refused(format!(
            "{} already has {}; warta never overwrites a file, and wrote nothing. Run warta \
             init in a new folder, or move those files away first",
            dir.display(),
            crate::write::some_of(&taken)
        )));
    }
    let gitignore = dir.join(".gitignore");
    let own = match std::fs::read(&gitignore) {
        Ok(bytes) => Some(String::from_utf8_lossy(&bytes).into_owned()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::Io { path: gitignore, source: e }),
    };
    let mut written = Vec::new();
    for (rel, bytes) in &files {
        let path = dir.join(rel);
        create_new(&path, bytes)?;
        written.push(path);
    }
    match own {
        None => {
            create_new(&gitignore, GITIGNORE.as_bytes())?;
            written.push(gitignore);
        }
        Some(own) => {
            if let Some(added) = gitignore_additions(&own) {
                use std::io::Write;
                std::fs::OpenOptions::new()
                    .append(true)
                    .open(&gitignore)
                    .and_then(|mut f| f.write_all(added.as_bytes()))
                    .map_err(Error::io(&gitignore))?;
                written.push(gitignore);
            }
        }
    }
    Ok(written)
}

/// What to add at the end of a `.gitignore` of one's own so that it keeps out what warta's
/// keeps out: each pattern of [`GITIGNORE`] it lacks, under warta's comments, after a blank
/// line; `None` when it has them all.
fn gitignore_additions(own: &str) -> Option<String> {
    let has: std::collections::HashSet<&str> = own.lines().map(str::trim).collect();
    let mut out = String::new();
    let mut comment = String::new();
    for line in GITIGNORE.lines() {
        if line.starts_with('#') {
            comment.push_str(line);
            comment.push('\n');
        } else if !has.contains(line) {
            out.push_str(&std::mem::take(&mut comment));
            out.push_str(line);
            out.push('\n');
        } else {
            comment.clear();
        }
    }
    // The last comment says what not to ignore: it goes with any line added.
    if out.is_empty() {
        return None;
    }
    out.push_str(&comment);
    let gap = if own.is_empty() || own.ends_with("\n\n") {
        ""
    } else if own.ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    };
    Some(format!("{gap}{out}"))
}

/// Every file of the built-in theme with its path inside the theme folder.
fn theme_files() -> Vec<(String, &'static [u8])> {
    let mut out = Vec::new();
    let mut stack = vec![&DEFAULT_THEME];
    while let Some(d) = stack.pop() {
        stack.extend(d.dirs());
        out.extend(
            d.files().map(|f| (f.path().to_string_lossy().replace('\\', "/"), f.contents())),
        );
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> config::Config {
        config::parse(Path::new("site.yaml"), text).expect("site.yaml parses")
    }

    #[test]
    fn a_gitignore_of_ones_own_gets_the_lines_it_lacks() {
        assert_eq!(gitignore_additions(GITIGNORE), None);
        let all = gitignore_additions("").expect("every line");
        assert_eq!(all, GITIGNORE, "an empty one gets warta's whole");
        let own = "target/\n/public/\n.*.warta-cache/\n";
        let added = gitignore_additions(own).expect("some lines");
        assert!(added.starts_with("\n# Folder sementara"), "{added}");
        assert!(!added.contains("/public/") && !added.contains(".*.warta-cache/"), "{added}");
        for line in [".*.warta-staging-*", ".*.warta-lock", ".warta-ledger.tsv.tmp-*"] {
            assert!(added.contains(&format!("{line}\n")), "{line}: {added}");
        }
        assert!(added
            .ends_with("# warta-ledger.tsv JANGAN diabaikan: simpan (commit) bersama konten.\n"));
        assert!(gitignore_additions("node_modules").expect("all").starts_with("\n\n# Hasil"));
    }

    #[test]
    fn the_samples_text_is_named_by_field_and_the_offices_is_not() {
        assert_eq!(
            sample_fields(&parsed(SITE_YAML)),
            [
                "title (\"Humas Kantor Contoh\")",
                "description (\"Rilis berita resmi Kantor Contoh.\")",
                "units.humas.name (\"Kantor Contoh\")",
                "units.humas.short (\"Humas Contoh\")",
                "authors.ab.name (\"Nama Penulis\")",
            ]
        );
        let own = SITE_YAML.replace("Contoh", "Bali").replace("Nama Penulis", "Sri Nuraini");
        assert_eq!(sample_fields(&parsed(&own)), Vec::<String>::new());
        // Under a key of the office's, a name is still the sample's.
        let kept = own.replace(
            "authors:\n  ab:\n    name: Sri Nuraini\n",
            "authors:\n  sn:\n    name: Nama Penulis\n",
        );
        assert_eq!(sample_fields(&parsed(&kept)), ["authors.sn.name (\"Nama Penulis\")"]);
    }

    /// Found in stop 66: the commented fields `warta new` writes explained themselves in
    /// parentheses after the value, so a writer who uncommented `# place: Denpasar (kota
    /// dateline; bawaan: kota unit)` got an error, and a summary kept the words "(ringkasan;
    /// bawaan: paragraf pertama)". The example place was Denpasar whatever the unit's was.
    #[test]
    fn a_commented_field_uncommented_is_its_example_alone() {
        let text = release_text("Rapat", "2023-05-15", ("badung", "Mangupura"), "ra", false);
        let front = text.split("---\n").nth(1).expect("a front matter");
        let open = front.replace("# place:", "place:").replace("# summary:", "summary:");
        let open = open.replace("# image:", "image:");
        let raw = crate::front_matter::parse_release(&open).expect("parses");
        assert_eq!(raw.place.as_deref(), Some("Mangupura"));
        assert_eq!(raw.summary.as_deref(), Some("..."));
        assert_eq!(raw.image.as_deref(), Some("foto.jpg"));
    }
}
