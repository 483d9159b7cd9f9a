//! Helpers shared by the integration tests: copy a fixture site into a temporary folder, build
//! it, read what came out, and pick the text, links and files out of the output without
//! depending on the theme's exact markup.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// `tests/fixtures/<name>`.
pub fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// A fixture site copied into a fresh temporary folder (the site's root is the folder itself).
#[derive(Debug)]
pub struct Site {
    pub dir: TempDir,
}

impl Site {
    /// Copies `tests/fixtures/<name>` into a new temporary folder.
    pub fn fixture(name: &str) -> Site {
        let dir = tempfile::tempdir().expect("create a temporary folder");
        copy_tree(&fixture_dir(name), dir.path());
        Site { dir }
    }

    /// Like [`Site::fixture`], in a memory-backed folder (`/dev/shm`) where the machine has
    /// one: for tests that build hundreds of times, since disk writes here vary tenfold.
    pub fn fixture_in_memory(name: &str) -> Site {
        let shm = Path::new("/dev/shm");
        let dir = if shm.is_dir() { tempfile::tempdir_in(shm) } else { tempfile::tempdir() };
        let dir = dir.expect("create a temporary folder");
        copy_tree(&fixture_dir(name), dir.path());
        Site { dir }
    }

    /// An empty temporary folder, for sites written by the test itself.
    pub fn empty() -> Site {
        Site { dir: tempfile::tempdir().expect("create a temporary folder") }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// The default output folder, `public/` in the site.
    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Writes (or replaces) a file of the site, creating its folders.
    pub fn write(&self, rel: &str, text: &str) -> &Site {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().expect("a file has a parent folder"))
            .expect("create folders");
        fs::write(&path, text).expect("write a site file");
        self
    }

    /// Builds into `out` with the library, drafts excluded, without `force`.
    pub fn build_into(&self, out: &Path) -> warta::error::Result<warta::BuildSummary> {
        warta::build(&options(self.root(), out))
    }

    /// Builds into `public/`.
    pub fn build(&self) -> warta::error::Result<warta::BuildSummary> {
        self.build_into(&self.public())
    }

    /// Builds into `public/` and expects success.
    pub fn built(self) -> Built {
        let summary =
            self.build().unwrap_or_else(|e| panic!("the build should succeed, got:\n{e}"));
        let out = self.public();
        Built { _site: self, out, summary }
    }

    /// Builds with `options` (see [`options`]) and expects success.
    pub fn built_with(self, options: &warta::BuildOptions) -> Built {
        let summary =
            warta::build(options).unwrap_or_else(|e| panic!("the build should succeed, got:\n{e}"));
        Built { _site: self, out: options.output.clone(), summary }
    }

    /// Builds and expects a failure; returns the error's full text.
    pub fn build_error(&self) -> String {
        match self.build() {
            Ok(s) => panic!("the build should fail, but it built {s:?}"),
            Err(e) => e.to_string(),
        }
    }
}

/// The fixed moment every test build happens at (2024-01-10 00:00 UTC), so that output that
/// depends on the build time is the same in every run.
pub const NOW_EPOCH: i64 = 1_704_844_800;

/// The options of a test build: drafts excluded, no `force`, the clock fixed at [`NOW_EPOCH`].
pub fn options(root: &Path, output: &Path) -> warta::BuildOptions {
    warta::BuildOptions {
        root: root.to_path_buf(),
        output: output.to_path_buf(),
        drafts: false,
        future: false,
        force: false,
        allow_shrink: false,
        now: chrono::DateTime::from_timestamp(NOW_EPOCH, 0),
        clean: false,
    }
}

/// Copies a fixture and builds it into `public/`.
pub fn build_fixture(name: &str) -> Built {
    Site::fixture(name).built()
}

/// A site that was built successfully.
#[derive(Debug)]
pub struct Built {
    /// Keeps the temporary folder alive as long as the output is read.
    _site: Site,
    /// The output folder.
    pub out: PathBuf,
    pub summary: warta::BuildSummary,
}

impl Built {
    /// Whether the output has this file (`rel` is relative to the output folder).
    pub fn has(&self, rel: &str) -> bool {
        self.out.join(rel).is_file()
    }

    /// An output file as text; fails the test, listing the output, if it is missing.
    pub fn read(&self, rel: &str) -> String {
        let path = self.out.join(rel);
        assert!(
            path.is_file(),
            "missing output file {rel}; the output has:\n{}",
            tree(&self.out).keys().cloned().collect::<Vec<_>>().join("\n")
        );
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    /// An output file's bytes; fails the test if it is missing.
    pub fn bytes(&self, rel: &str) -> Vec<u8> {
        fs::read(self.out.join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    /// The page at a site path: `2023/05/x/` → `2023/05/x/index.html`.
    pub fn page(&self, site_path: &str) -> String {
        self.read(&index_of(site_path))
    }

    /// Every output file, by path relative to the output folder.
    pub fn files(&self) -> BTreeMap<String, Vec<u8>> {
        tree(&self.out)
    }

    /// The parsed RSS feed at `rel`.
    pub fn feed(&self, rel: &str) -> feed_rs::model::Feed {
        let bytes = self.bytes(rel);
        feed_rs::parser::parse(bytes.as_slice())
            .unwrap_or_else(|e| panic!("{rel} is not a valid feed: {e}"))
    }
}

/// The output file of a site path (without the base path): `tag/haji/` → `tag/haji/index.html`.
pub fn index_of(site_path: &str) -> String {
    let p = site_path.trim_start_matches('/');
    if p.is_empty() || p.ends_with('/') {
        format!("{p}index.html")
    } else {
        p.to_string()
    }
}

/// Copies every file below `from` into `to`.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display())) {
        let entry = entry.expect("a folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            fs::create_dir_all(&target).expect("create a folder");
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

/// Every file below `dir` (hidden ones included), by `/`-separated relative path.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path
                    .strip_prefix(base)
                    .expect("below the base")
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                out.insert(rel, fs::read(&path).expect("read an output file"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The names of the entries directly in `dir`.
pub fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read a folder")
        .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The visible text of an HTML page: tags removed, the common entities decoded, whitespace
/// collapsed. Lets tests check wording without depending on the theme's markup.
pub fn text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            c => out.push(c),
        }
    }
    let out = decode(&out);
    let words: Vec<&str> = out.split_whitespace().collect();
    // Tags become spaces; put punctuation that followed an inline tag back against its word.
    words.join(" ").replace(" .", ".").replace(" ,", ",").replace("( ", "(").replace(" )", ")")
}

pub fn decode(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Every value of `attr="..."` in `html`, in order (entities decoded).
pub fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        let end = rest.find('"').expect("a closed attribute");
        out.push(decode(&rest[..end]));
        rest = &rest[end..];
    }
    out
}

/// Every `href` and `src` of a page.
pub fn links(html: &str) -> Vec<String> {
    let mut all = attr_values(html, "href");
    all.extend(attr_values(html, "src"));
    all
}

/// The `href` of every `<a>` element carrying `rel="<rel>"`.
pub fn rel_links(html: &str, rel: &str) -> Vec<String> {
    let needle = format!("rel=\"{rel}\"");
    elements(html, "a")
        .into_iter()
        .filter(|tag| tag.contains(&needle))
        .filter_map(|tag| attr_values(&format!(" {tag}"), "href").into_iter().next())
        .collect()
}

/// The opening tags of every `<name ...>` element of `html`, without the brackets.
pub fn elements<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    html.split(&format!("<{name} "))
        .skip(1)
        .filter_map(|tag| tag.find('>').map(|end| &tag[..end]))
        .collect()
}

/// The part of `html` from the first occurrence of `start` to the next `end` after it.
pub fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let i = html.find(start).unwrap_or_else(|| panic!("{start:?} not found in the page"));
    let rest = &html[i..];
    let j = rest.find(end).unwrap_or(rest.len());
    &rest[..j]
}

/// The `<loc>` entries of a sitemap.
pub fn sitemap_locs(xml: &str) -> Vec<String> {
    xml.split("<loc>")
        .skip(1)
        .map(|s| {
            let end = s.find("</loc>").expect("a closed <loc>");
            decode(&s[..end])
        })
        .collect()
}

/// The repository's example site, copied: its content, static files, ledger, theme and
/// `site.yaml`.
pub fn example() -> Site {
    let site = Site::empty();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["content", "static", "themes"] {
        if repo.join(dir).is_dir() {
            fs::create_dir_all(site.root().join(dir)).expect("create a folder");
            copy_tree(&repo.join(dir), &site.root().join(dir));
        }
    }
    for file in ["site.yaml", "warta-ledger.tsv"] {
        if repo.join(file).is_file() {
            fs::copy(repo.join(file), site.root().join(file)).expect("copy a file");
        }
    }
    site
}

/// One release file's text.
pub fn release_md(title: &str, date: &str, unit: &str, author: &str, tags: &[&str]) -> String {
    format!(
        "---\ntitle: {title}\ndate: {date}\nauthor: {author}\nunit: {unit}\ntags: [{}]\n---\n\n\
         Paragraf pertama rilis {title}.\n",
        tags.join(", ")
    )
}

/// A site of `n` releases, one a day from 2023-01-01, all of unit `kanwil-bali` and tag
/// `haji`, generated in the temporary folder (too many to keep as fixture files).
pub fn generated_site(n: usize) -> Site {
    let site = Site::empty();
    site.write(
        "site.yaml",
        "title: Humas Kanwil Uji\nbase_url: https://example.go.id/\nper_page: 2\nunits:\n  \
         kanwil-bali: {name: Kantor Wilayah Kementerian Agama Provinsi Bali, short: Humas Bali, place: Denpasar}\n\
         authors:\n  sn: {name: Sri Nuraini}\n",
    );
    for i in 0..n {
        let day = 1 + i % 28;
        let month = 1 + i / 28;
        site.write(
            &format!("content/2023/{month:02}/rilis-{i:02}.md"),
            &release_md(
                &format!("Rilis Nomor {i:02}"),
                &format!("2023-{month:02}-{day:02}"),
                "kanwil-bali",
                "sn",
                &["haji"],
            ),
        );
    }
    site
}

/// The path of the `warta` binary built for these tests.
pub fn warta_bin() -> &'static str {
    env!("CARGO_BIN_EXE_warta")
}

/// A `warta` command with a clean environment for the variables warta reads, and the build
/// clock fixed at [`NOW_EPOCH`] like library builds.
pub fn warta() -> std::process::Command {
    let mut cmd = std::process::Command::new(warta_bin());
    cmd.env_remove("WARTA_TIMINGS")
        .env_remove("RAYON_NUM_THREADS")
        .env("SOURCE_DATE_EPOCH", NOW_EPOCH.to_string());
    cmd
}

/// Root-relative links and images of every HTML page that point at no output file.
pub fn broken_local_links(b: &Built, base_path: &str) -> BTreeSet<String> {
    let files = b.files();
    let mut broken = BTreeSet::new();
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        for link in links(&html) {
            if !link.starts_with('/') || link.starts_with("//") {
                continue;
            }
            let target = link.split(['#', '?']).next().unwrap_or("");
            let Some(rel) = target.strip_prefix(base_path) else {
                broken.insert(format!("{link} (in {path}): outside the base path"));
                continue;
            };
            if !files.contains_key(&index_of(rel)) {
                broken.insert(link.clone());
            }
        }
    }
    broken
}

/// Every sitemap a crawler finds from `robots.txt` (following sitemap indexes), as paths in the
/// output; fails the test on a `Sitemap:` URL outside `base_url` or missing from the output.
pub fn sitemaps_from_robots(b: &Built, base_url: &str) -> Vec<String> {
    let mut todo: Vec<String> = b
        .read("robots.txt")
        .lines()
        .filter_map(|l| l.strip_prefix("Sitemap: "))
        .map(str::to_string)
        .collect();
    let mut found = Vec::new();
    while let Some(url) = todo.pop() {
        let rel = url
            .strip_prefix(base_url)
            .unwrap_or_else(|| panic!("sitemap {url} is not below {base_url}"))
            .to_string();
        if found.contains(&rel) {
            continue;
        }
        let xml = b.read(&rel);
        if xml.contains("<sitemapindex") {
            todo.extend(sitemap_locs(&xml));
        }
        found.push(rel);
    }
    found.sort();
    found
}

/// A photo-like JPEG `width`×`height` (gradients, no metadata), as a phone's would decode.
pub fn photo_jpeg(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, ((x + y) % 256) as u8])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&img)
        .expect("encodes");
    out
}

/// A PNG `width`×`height`, as a screenshot would be.
pub fn photo_png(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 255 / width) as u8, 90, (y * 255 / height) as u8])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).expect("encodes");
    out.into_inner()
}

impl Site {
    /// Writes (or replaces) a binary file of the site, creating its folders.
    pub fn put(&self, rel: &str, bytes: &[u8]) -> &Site {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().expect("a file has a parent folder"))
            .expect("create folders");
        fs::write(&path, bytes).expect("write a site file");
        self
    }
}

/// `text`'s lines wrapped at `width` characters, as text copied from a PDF or an e-mail is.
pub fn hard_wrapped(text: &str, width: usize) -> String {
    let mut out = String::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                out.push_str(&line);
                out.push('\n');
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// How a PDF's pages number themselves, in [`paged`].
#[derive(Debug, Clone, Copy)]
pub enum PageNumbers {
    /// "Halaman 2 dari 3" above the page, under a running header.
    Worded(&'static str),
    /// "- 2 -" under the page.
    Dashed,
    /// "2" under the page.
    Bare,
}

/// `text` as a release copied out of its PDF comes: the office's letterhead, "SIARAN PERS" and
/// `title` above it, wrapped at `width`, and at every `per_page` lines a page's end and
/// number, as [`PageNumbers`] says, even in the middle of a paragraph.
pub fn paged(
    text: &str,
    title: &str,
    width: usize,
    per_page: usize,
    numbers: PageNumbers,
) -> String {
    let mut lines: Vec<String> = [
        "KEMENTERIAN AGAMA REPUBLIK INDONESIA",
        "KANTOR WILAYAH KEMENTERIAN AGAMA PROVINSI BALI",
        "Jalan Raya Puputan No. 7 Renon, Denpasar 80235 Telepon (0361) 227080 Faksimili (0361) 227081",
        "SIARAN PERS",
        title,
    ]
    .iter()
    .map(|l| l.to_string())
    .collect();
    lines.extend(hard_wrapped(text, width).lines().map(str::to_string));
    let pages: Vec<&[String]> = lines.chunks(per_page).collect();
    let count = pages.len();
    let mut out = String::new();
    for (k, page) in pages.iter().enumerate() {
        let n = k + 1;
        if let PageNumbers::Worded(header) = numbers {
            out.push_str(&format!("{header}\nHalaman {n} dari {count}\n"));
        }
        for line in page.iter() {
            out.push_str(line);
            out.push('\n');
        }
        match numbers {
            PageNumbers::Worded(_) => {}
            PageNumbers::Dashed => out.push_str(&format!("- {n} -\n")),
            PageNumbers::Bare => out.push_str(&format!("{n}\n")),
        }
    }
    out
}

/// `text` wrapped at `width` as a justified PDF wraps it: a word that does not fit is cut
/// with a hyphen when at least four of its letters fit and four stay for the next line.
pub fn hyphenated(text: &str, width: usize) -> String {
    let mut out = String::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let mut word = word.to_string();
            let used = line.chars().count() + usize::from(!line.is_empty());
            if !line.is_empty() && used + word.chars().count() > width {
                let room = width.saturating_sub(used + 1);
                let letters = word.chars().all(char::is_alphabetic);
                if letters && room >= 4 && word.chars().count() >= room + 4 {
                    let head: String = word.chars().take(room).collect();
                    line.push(' ');
                    line.push_str(&head);
                    line.push('-');
                    word = word.chars().skip(room).collect();
                }
                out.push_str(&line);
                out.push('\n');
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&word);
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}
