//! The `warta` binary: what it prints, its exit codes, and the `new` and `init` commands.

use crate::support::{entries, tree, warta, Site};
use std::path::{Path, PathBuf};
use std::process::Output;

fn run(cmd: &mut std::process::Command) -> Output {
    cmd.output().expect("run warta")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 stderr")
}

fn build(root: &Path) -> Output {
    run(warta().arg("build").arg("--root").arg(root))
}

#[test]
fn build_prints_one_summary_line_and_exits_0() {
    let site = Site::fixture("build/basic");
    // At an address of its own: at an example one, a second line says so.
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        &yaml.replace("https://example.go.id/", "https://humas.kemenag.go.id/"),
    );
    let o = build(site.root());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    // The summary, and the fixture's draft, left out.
    assert_eq!(out.lines().count(), 2, "{out}");
    assert_eq!(
        out.lines().nth(1),
        Some("left out: 1 release marked draft: true (remove that line to publish, or preview with --drafts)"),
        "{out}"
    );
    let line = out.lines().next().unwrap_or_default();
    let files = tree(&site.public());
    let html = files.keys().filter(|p| p.ends_with(".html")).count();
    let prefix = format!(
        "built 5 releases: {html} pages, {} files in {} in ",
        files.len() - 1,
        site.public().display()
    );
    assert!(line.starts_with(&prefix), "{line:?} should start with {prefix:?}");
    // A first build adds every file.
    assert!(line.ends_with(&format!(" s ({} added)", files.len() - 1)), "{line}");
    assert_eq!(stderr(&o), "");
}

/// Found in stop 66: `warta verify … | head -1` panicked ("failed printing to stdout: Broken
/// pipe"), as every command did whose reader closed its output before the line was printed.
#[test]
fn a_reader_that_closes_the_output_early_is_no_panic() {
    let site = Site::fixture("build/basic");
    let mut child = warta()
        .arg("build")
        .arg("--root")
        .arg(site.root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run warta build");
    drop(child.stdout.take()); // the reader is gone before the summary line
    let o = child.wait_with_output().expect("wait");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
}

#[test]
fn build_errors_go_to_stderr_and_exit_1() {
    let site = Site::fixture("errors/base");
    site.write(
        "content/2023/05/a.md",
        "---\ntitle: A\ndate: 15/5/2023\nauthor: sn\nunit: kanwil-jawa\n---\n\nIsi.\n",
    );
    site.write("content/2023/06/b.md", "---\ntitle: B\n");
    let o = build(site.root());
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "{err}");
    assert!(lines[0].starts_with("error: content/2023/05/a.md:3: field 'date': "), "{err}");
    assert!(lines[1].starts_with("content/2023/05/a.md:5: field 'unit': "));
    assert!(lines[2].starts_with("content/2023/06/b.md:1: front matter is not closed"));
    assert_eq!(lines[3], "3 errors found; nothing was written");
    assert!(!site.public().exists());
}

#[test]
fn build_output_option_writes_elsewhere() {
    let site = Site::fixture("build/basic");
    let out = site.root().join("situs-jadi");
    let o = run(warta().arg("build").arg("--root").arg(site.root()).arg("--output").arg(&out));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(out.join("index.html").is_file());
    assert!(out.join("2023/05/manasik-haji/index.html").is_file());
    assert!(!site.public().exists());
    assert!(stdout(&o).contains(&out.display().to_string()));
}

#[test]
fn build_refuses_a_foreign_output_folder_unless_forced() {
    let site = Site::fixture("build/basic");
    let out = site.root().join("dokumen");
    site.write("dokumen/laporan.txt", "penting\n");
    let o = run(warta().arg("build").arg("--root").arg(site.root()).arg("--output").arg(&out));
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(entries(&out), ["laporan.txt"]);

    let o = run(warta()
        .arg("build")
        .arg("--root")
        .arg(site.root())
        .arg("--output")
        .arg(&out)
        .arg("--force"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(out.join("index.html").is_file());
    assert!(!out.join("laporan.txt").exists());
    // Nothing a user wrote is deleted: the folder is kept aside, and the summary says where.
    let kept = site.root().join("dokumen.bak");
    assert_eq!(std::fs::read_to_string(kept.join("laporan.txt")).expect("kept"), "penting\n");
    assert!(stdout(&o).contains("dokumen.bak"), "{}", stdout(&o));
}

/// An output inside another build's output is uploaded with it: a `--future` preview built into
/// `public/pratinjau` was sent by `warta deploy` (found by helper-34, stop 67). Refused, as is
/// the writer's home folder, even with `--force`, which moved it aside.
#[test]
fn an_output_inside_another_output_or_the_home_folder_is_refused() {
    let site = Site::fixture("build/basic");
    site.build().expect("builds");
    let inside = site.public().join("pratinjau");
    let o = run(warta()
        .args(["build", "--future", "--force", "--root"])
        .arg(site.root())
        .arg("--output")
        .arg(&inside));
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stderr(&o).contains("is inside"), "{}", stderr(&o));
    assert!(stderr(&o).contains("the output of another build"), "{}", stderr(&o));
    assert!(!inside.exists());
    let home = site.root().join("rumah");
    site.write("rumah/catatan.txt", "pribadi\n");
    for out in [home.clone(), site.root().parent().expect("a parent").to_path_buf()] {
        let o = run(warta()
            .args(["build", "--force", "--root"])
            .arg(site.root())
            .arg("--output")
            .arg(&out)
            .env("HOME", &home));
        assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
        assert!(stderr(&o).contains("refused even with --force"), "{}", stderr(&o));
    }
    assert_eq!(std::fs::read_to_string(home.join("catatan.txt")).expect("kept"), "pribadi\n");
}

#[test]
fn single_threaded_build_is_byte_identical_to_a_parallel_one() {
    let site = Site::fixture("build/basic");
    let parallel = site.root().join("out-parallel");
    let single = site.root().join("out-single");
    site.build_into(&parallel).expect("library build");
    let o = run(warta()
        .env("RAYON_NUM_THREADS", "1")
        .arg("build")
        .arg("--root")
        .arg(site.root())
        .arg("--output")
        .arg(&single));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (a, b) = (tree(&parallel), tree(&single));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(b[path] == *bytes, "{path} differs with one thread");
    }
}

#[test]
fn a_copy_of_the_site_whose_photo_has_another_time_builds_byte_for_byte_the_same() {
    let site = Site::fixture("feeds/full");
    let (first, second) = (site.root().join("out-1"), site.root().join("out-2"));
    site.build_into(&first).expect("first build");
    // As a fresh clone or a copy to another computer does: the same bytes, another time.
    let photo = site.root().join("content/2023/05/workshop-media-sosial/foto.jpg");
    let moment = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1 << 30);
    let file = std::fs::File::options().write(true).open(&photo).expect("the photo");
    file.set_modified(moment).expect("set its time");
    site.build_into(&second).expect("second build");
    let (a, b) = (tree(&first), tree(&second));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    // The search index's key followed the photo's time (the release's parse is known by its
    // files' times too), so a copy of a site published another search/meta.json.
    for (path, bytes) in &a {
        assert!(b[path] == *bytes, "{path} differs when only the photo's time does");
    }
}

/// Every `content/*/*/<name>` file of a site.
fn find_release(root: &Path, name: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for year in std::fs::read_dir(root.join("content")).expect("content/") {
        let year = year.expect("an entry").path();
        if !year.is_dir() {
            continue;
        }
        for month in std::fs::read_dir(&year).expect("a year folder") {
            let file = month.expect("an entry").path().join(name);
            if file.is_file() {
                found.push(file);
            }
        }
    }
    found
}

fn new_release(root: &Path) -> Output {
    run(warta()
        .args(["new", "Judul Rilis Baru", "--unit", "kanwil-bali", "--author", "sn"])
        .arg("--root")
        .arg(root))
}

#[test]
fn new_writes_a_release_that_builds() {
    let site = Site::fixture("errors/base");
    let o = new_release(site.root());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let found = find_release(site.root(), "judul-rilis-baru.md");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(stdout(&o).starts_with("wrote "), "{}", stdout(&o));
    let text = std::fs::read_to_string(&found[0]).expect("read the new release");
    assert!(text.contains("title: \"Judul Rilis Baru\""), "{text}");
    assert!(text.contains("unit: kanwil-bali"), "{text}");
    assert!(text.contains("author: sn"), "{text}");

    // Built before the writer wrote it: held back, as a draft is, and said so; not in a feed
    // a cross-posting service reads.
    let o = build(site.root());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("built 1 release: "), "{}", stdout(&o));
    let line = text.lines().position(|l| l.starts_with("Tulis paragraf pertama")).expect("it") + 1;
    let rel = found[0].strip_prefix(site.root()).expect("inside the site").display().to_string();
    let warned = format!(
        "warning: {rel}:{line}: the body is still the text `warta new` wrote (\"Tulis paragraf \
         pertama di sini: siapa, apa, kapan, di mana.\"); the release is held back, as a draft \
         is, until you write it"
    );
    assert!(stderr(&o).contains(&warned), "{}", stderr(&o));
    let feed = std::fs::read_to_string(site.public().join("feed.xml")).expect("the feed");
    assert!(!feed.contains("Judul Rilis Baru"), "{feed}");

    // Written: published.
    let written = text.replace(
        "Tulis paragraf pertama di sini: siapa, apa, kapan, di mana.",
        "Kanwil menggelar rapat.",
    );
    std::fs::write(&found[0], written).expect("write the release");
    let o = build(site.root());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("built 2 releases: "), "{}", stdout(&o));
    assert!(!stderr(&o).contains("`warta new` wrote"), "{}", stderr(&o));
    let feed = std::fs::read_to_string(site.public().join("feed.xml")).expect("the feed");
    assert!(feed.contains("Judul Rilis Baru"), "{feed}");
}

/// A release with no text (a front matter and nothing, or only a dateline and the initials)
/// was published and cross-posted as its title alone, without a word (found by helper-33,
/// stop 67): held back as a draft is, with a warning at its body's first line.
#[test]
fn a_release_without_text_is_held_back_and_said_so() {
    let site = Site::fixture("errors/base");
    let front =
        "---\ntitle: Rapat Tanpa Isi\ndate: 2023-05-16\nauthor: sn\nunit: kanwil-bali\n---\n";
    for (name, body) in [("kosong", ""), ("dateline", "Denpasar (Humas Bali) –\n\n(sn)\n")] {
        site.write(&format!("content/2023/05/{name}.md"), &format!("{front}{body}"));
        let o = build(site.root());
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let warned = format!(
            "warning: content/2023/05/{name}.md:7: the release has no text yet; it is held back"
        );
        assert!(stderr(&o).contains(&warned), "{name}: {}", stderr(&o));
        let feed = std::fs::read_to_string(site.public().join("feed.xml")).expect("the feed");
        assert!(!feed.contains("Rapat Tanpa Isi"), "{name}: {feed}");
        std::fs::remove_file(site.root().join(format!("content/2023/05/{name}.md"))).expect("rm");
    }
    // A video alone is something to publish.
    let video = "https://www.youtube.com/watch?v=dQw4w9WgXcQ\n";
    site.write("content/2023/05/video.md", &format!("{front}{video}"));
    let o = build(site.root());
    assert!(!stderr(&o).contains("no text yet"), "{}", stderr(&o));
}

#[test]
fn new_never_overwrites_a_release() {
    let site = Site::fixture("errors/base");
    assert_eq!(new_release(site.root()).status.code(), Some(0));
    let found = find_release(site.root(), "judul-rilis-baru.md");
    std::fs::write(&found[0], "---\ntitle: Sudah Disunting\n---\n").expect("edit");
    let o = new_release(site.root());
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
    // Run in the site, the file is named from it, as `wrote` names it (not `./content/…`).
    let o = run(warta()
        .args(["new", "Judul Rilis Baru", "--unit", "kanwil-bali", "--author", "sn"])
        .current_dir(site.root()));
    assert!(stderr(&o).starts_with("error: content/20"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&found[0]).expect("read"),
        "---\ntitle: Sudah Disunting\n---\n"
    );
}

#[test]
fn new_rejects_an_unknown_unit_or_author() {
    let site = Site::fixture("errors/base");
    for (unit, author) in [("kanwil-jawa", "sn"), ("kanwil-bali", "xy")] {
        let o = run(warta()
            .args(["new", "Judul", "--unit", unit, "--author", author])
            .arg("--root")
            .arg(site.root()));
        assert_eq!(o.status.code(), Some(1), "{unit} {author}");
        assert!(stderr(&o).contains("unknown"), "{}", stderr(&o));
    }
    assert!(find_release(site.root(), "judul.md").is_empty());
}

/// Found using the product, stop 60: `warta new "Judul"` in a site of one unit and one writer
/// (a school's, the site `warta init` makes) stopped at "required arguments were not provided:
/// --unit, --author". The one unit and the one writer are now the release's; with several, the
/// command asks which, naming them.
#[test]
fn new_takes_the_sites_one_unit_and_one_writer_and_asks_which_of_several() {
    let site = Site::fixture("errors/base");
    let o = run(warta().args(["new", "Judul", "--author", "sn"]).arg("--root").arg(site.root()));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o)
            .contains("which unit issues it? give --unit, one of: kanwil-bali (Humas Bali), "),
        "{}",
        stderr(&o)
    );
    let o =
        run(warta().args(["new", "Judul", "--unit", "kanwil-bali"]).arg("--root").arg(site.root()));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("who writes it? give --author, one of: "), "{}", stderr(&o));
    // Neither given: both asked at once (it took two refusals), with the command to type.
    let o = run(warta().args(["new", "Rapat Kerja"]).arg("--root").arg(site.root()));
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(e.contains("which unit issues it?") && e.contains("; who writes it?"), "{e}");
    assert!(
        e.trim_end()
            .ends_with("; for example: warta new \"Rapat Kerja\" --unit kanwil-bali --author ma"),
        "{e}"
    );
    assert!(find_release(site.root(), "judul.md").is_empty());

    let tmp = Site::empty();
    let dir = tmp.root().join("sekolah");
    assert_eq!(run(warta().arg("init").arg(&dir)).status.code(), Some(0));
    let o = run(warta().args(["new", "Pentas Seni Akhir Tahun"]).arg("--root").arg(&dir));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let found = find_release(&dir, "pentas-seni-akhir-tahun.md");
    let text = std::fs::read_to_string(&found[0]).expect("the new release");
    assert!(text.contains("unit: humas\n") && text.contains("author: ab\n"), "{text}");
}

/// Found by use, stop 61: a title with an emoji, as offices write them for social media, got
/// an address with the emoji's English name: `HUT RI ke-78 🇮🇩` was `hut-ri-ke-78-id`, and a
/// tag `Idul Fitri 🙏` was `/tag/idul-fitri-pray/`.
#[test]
fn a_title_or_tag_with_an_emoji_gets_an_address_without_its_name() {
    let site = Site::fixture("errors/base");
    let new = |title: &str| {
        let o = run(warta()
            .args(["new", title, "--unit", "kanwil-bali", "--author", "sn"])
            .arg("--root")
            .arg(site.root()));
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        stdout(&o) + &stderr(&o)
    };
    assert!(new("HUT RI ke-78 🇮🇩").contains("hut-ri-ke-78.md"));
    let found = find_release(site.root(), "hut-ri-ke-78.md");
    let text = std::fs::read_to_string(&found[0]).expect("the new release");
    site.write(
        found[0].strip_prefix(site.root()).expect("in the site").to_str().expect("UTF-8"),
        &format!(
            "{}---\n\nUpacara HUT RI digelar di halaman kantor.\n",
            text.replace("tags: []", "tags: [Idul Fitri 🙏, 🇮🇩 Merdeka]")
                .rsplit_once("---")
                .expect("a front matter")
                .0
        ),
    );
    let o = build(site.root());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(site.public().join("tag/idul-fitri/index.html").is_file());
    assert!(site.public().join("tag/merdeka/index.html").is_file());
}

#[test]
fn init_creates_a_site_that_builds() {
    let tmp = Site::empty();
    let dir = tmp.root().join("situs-baru");
    let o = run(warta().arg("init").arg(&dir));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(dir.join("site.yaml").is_file());
    assert!(dir.join("themes/default/templates/base.html").is_file());
    assert!(dir.join("themes/default/static/css/style.css").is_file());
    assert_eq!(find_release(&dir, "selamat-datang.md").len(), 1);

    // The sample is a draft (see schedule::init_writes_a_draft_sample_and_a_gitignore).
    let o = build(&dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("built 0 releases: "), "{}", stdout(&o));
    assert!(dir.join("public/index.html").is_file());
    // A draft by its own `draft: true`: nothing to say about its unwritten body.
    assert!(!stderr(&o).contains("`warta new` wrote"), "{}", stderr(&o));
    // `draft: true` taken away, the text still the sample's: held back all the same.
    let sample = &find_release(&dir, "selamat-datang.md")[0];
    let text = std::fs::read_to_string(sample).expect("the sample");
    let published: String =
        text.lines().filter(|l| !l.starts_with("draft:")).map(|l| format!("{l}\n")).collect();
    std::fs::write(sample, published).expect("write the sample");
    let o = build(&dir);
    assert!(stdout(&o).starts_with("built 0 releases: "), "{}", stdout(&o));
    assert!(stderr(&o).contains("the release is held back, as a draft is"), "{}", stderr(&o));
    let why = "left out: 1 release still holding the paragraph `warta new` wrote (write it to \
               publish)";
    assert!(stdout(&o).contains(why), "{}", stdout(&o));
}

/// `warta init` in a folder with a `.gitignore` wrote `site.yaml`, then stopped at the
/// `.gitignore`: a site half made (found by helper-34, stop 67). One's own `.gitignore` is kept
/// and gets warta's lines; a file of the site's names already there stops it before it writes.
#[test]
fn init_keeps_a_gitignore_of_ones_own_and_writes_nothing_over_a_file() {
    let tmp = Site::empty();
    let dir = tmp.root().join("repo");
    tmp.write("repo/.gitignore", "target/\n/public/");
    tmp.write("repo/README.md", "# Situs humas\n");
    let o = run(warta().arg("init").arg(&dir));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("warta's lines added at the end of your"), "{}", stdout(&o));
    let ignore = std::fs::read_to_string(dir.join(".gitignore")).expect("the .gitignore");
    assert!(ignore.starts_with("target/\n/public/\n\n# Folder sementara"), "{ignore}");
    assert_eq!(ignore.matches("/public/").count(), 1, "{ignore}");
    assert!(ignore.contains("\n.*.warta-cache/\n"), "{ignore}");
    assert_eq!(std::fs::read_to_string(dir.join("README.md")).expect("kept"), "# Situs humas\n");
    assert_eq!(build(&dir).status.code(), Some(0));

    let other = tmp.root().join("tema");
    tmp.write("tema/themes/default/templates/base.html", "<html>milik kantor</html>");
    let before = tree(&other);
    let o = run(warta().arg("init").arg(&other));
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("themes/default/templates/base.html") && err.contains("wrote nothing"),
        "{err}"
    );
    assert!(tree(&other) == before, "nothing was written");
}

#[test]
fn init_refuses_a_folder_with_a_site() {
    let site = Site::fixture("errors/base");
    let before = tree(site.root());
    let o = run(warta().arg("init").arg(site.root()));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("already has a site.yaml"), "{}", stderr(&o));
    assert!(tree(site.root()) == before, "nothing was written");
}

/// A headline pasted whole, under the 300 characters a title may have but with a slug longer
/// than the 255 bytes a file name may have, made `warta new` fail with the system's "File name
/// too long": the file is named by its first words, as `warta new --from` names it, and the
/// title is kept whole.
#[test]
fn new_names_the_file_of_a_long_title_by_its_first_words() {
    let site = Site::fixture("errors/base");
    let title = "Gubernur Bali Membuka Pesta Kesenian Bali ke-45 Tahun 2023 di Taman Budaya \
                 Provinsi Bali, Denpasar, Minggu (18/6), dengan Parade Kesenian dari Seluruh \
                 Kabupaten dan Kota se-Bali yang Diikuti Ribuan Seniman dan Disaksikan Puluhan \
                 Ribu Warga Masyarakat serta Wisatawan dari Berbagai Negara Sahabat";
    assert!(title.len() > 280 && title.chars().count() <= 300, "{}", title.len());
    let o = run(warta()
        .args(["new", title, "--unit", "kanwil-bali", "--author", "sn"])
        .arg("--root")
        .arg(site.root()));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let found =
        find_release(site.root(), "gubernur-bali-membuka-pesta-kesenian-bali-ke-45-tahun-2023.md");
    assert_eq!(found.len(), 1, "{}", stdout(&o));
    let text = std::fs::read_to_string(&found[0]).expect("read the new release");
    assert!(text.contains(&format!("title: \"{title}\"")), "{text}");
    let o = run(warta().args(["build", "--drafts", "--root"]).arg(site.root()));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn new_keeps_a_title_with_quotes_and_colons() {
    let site = Site::fixture("errors/base");
    let title = "Rapat: \"Evaluasi\" Kinerja #1 — Tahap Ké-2";
    let o = run(warta()
        .args(["new", title, "--unit", "kanwil-bali", "--author", "SN"])
        .arg("--root")
        .arg(site.root()));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let found = find_release(site.root(), "rapat-evaluasi-kinerja-1-tahap-ke-2.md");
    assert_eq!(found.len(), 1, "{}", stdout(&o));
    // Not written yet, so held back: previewed.
    let o = run(warta().args(["build", "--drafts", "--root"]).arg(site.root()));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let month = found[0].parent().expect("a month folder");
    let year = month.parent().expect("a year folder");
    let page = site.public().join(format!(
        "{}/{}/rapat-evaluasi-kinerja-1-tahap-ke-2/index.html",
        year.file_name().expect("year").to_string_lossy(),
        month.file_name().expect("month").to_string_lossy()
    ));
    let html = std::fs::read_to_string(page).expect("the new release's page");
    assert!(crate::support::text(&html).contains(title), "the title survives YAML quoting");
}

#[test]
fn social_prints_every_caption_ready_to_paste() {
    let site = Site::fixture("build/basic");
    let o = run(warta().args(["social", "zakat-asn", "--root"]).arg(site.root()));
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("Kemenag Badung Gencarkan Gerakan Zakat ASN\nhttps://example.go.id/2023/06/zakat-asn/\n"), "{out}");
    for label in
        ["X", "Bluesky", "Mastodon", "Threads", "Telegram", "Instagram", "Facebook", "WhatsApp"]
    {
        assert!(out.contains(&format!("── {label} (")), "{label} in {out}");
    }
    assert!(
        out.contains("utm_source=whatsapp&utm_medium=social&utm_campaign=kemenag-badung"),
        "{out}"
    );
    // The release can also be named by its file; an unknown one is an error.
    let by_file =
        run(warta().args(["social", "content/2023/06/zakat-asn.md", "--root"]).arg(site.root()));
    assert_eq!(stdout(&by_file), out);
    let unknown = run(warta().args(["social", "tidak-ada", "--root"]).arg(site.root()));
    assert_eq!(unknown.status.code(), Some(1));
    assert!(stderr(&unknown).contains("no release \"tidak-ada\""), "{}", stderr(&unknown));
}

#[test]
fn social_json_is_the_social_json_the_build_writes_and_one_channel_has_its_key() {
    let site = Site::fixture("build/basic");
    site.build().expect("the build");
    let built = std::fs::read_to_string(site.public().join("2023/06/zakat-asn/social.json"))
        .expect("social.json");
    let o = run(warta().args(["social", "zakat-asn", "--json", "--root"]).arg(site.root()));
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), built, "the same bytes as the file beside the page");
    let o = run(warta()
        .args(["social", "zakat-asn", "--channel", "telegram", "--json", "--root"])
        .arg(site.root()));
    let one: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let all: serde_json::Value = serde_json::from_str(&built).expect("JSON");
    assert_eq!(one["channel"], "telegram");
    for key in ["text", "link", "length", "limit", "custom"] {
        assert_eq!(one[key], all["captions"]["telegram"][key], "{key}");
    }
}
