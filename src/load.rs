//! The only stage that reads the disk: `site.yaml`, every Markdown file under `content/`, the
//! theme and the site's own templates and static files. What it returns is plain data; bundled
//! photos and static files are listed (with their size and pixel dimensions), not read, since
//! the writer copies them.

use crate::error::{ContentError, Error, Result};
use crate::fingerprint::Fp;
use include_dir::{include_dir, Dir};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The default theme, compiled into the binary so a folder with only `site.yaml` and `content/`
/// builds.
pub static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A text file as read, with its path relative to the site's root (`content/2023/05/x.md`).
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    /// For a page bundle (`…/slug/index.md`): the files beside it.
    pub bundle: Vec<Asset>,
    /// For a page bundle: the symbolic links beside it, by their names in the bundle (`/`
    /// separated), which are not published: a release naming one is told so.
    pub links: Vec<String>,
    /// What reading it worked around (saved as Windows-1252, say); [`sources`] moves it into
    /// [`Sources::warnings`].
    pub warning: Option<ContentError>,
    /// Not read, because the previous build read it and its size and times have not changed
    /// since ([`Stamps`]): the fingerprint of its text, which is left empty. A build reads it
    /// ([`read_unread`]) only if it has no parse of it.
    pub known: Option<Fp>,
}

impl SourceFile {
    /// A file read whole.
    pub fn new(path: PathBuf, text: String) -> SourceFile {
        SourceFile { path, text, bundle: Vec::new(), links: Vec::new(), warning: None, known: None }
    }

    /// The fingerprint of its text, read or [`known`](SourceFile::known).
    pub fn digest(&self) -> Fp {
        self.known.unwrap_or_else(|| Fp::of_bytes(self.text.as_bytes()))
    }
}

/// What a build knew of each release file it read (by path relative to the site's root), so
/// that the next build need not read the files that did not change: at 10,000 releases, reading
/// and decoding every file is most of an incremental build. A file is taken as unchanged when
/// its size, modification and change times and inode are those recorded, and it was last
/// changed well before the build that read it began (two seconds, more than any file system's
/// timestamp granularity: a file changed just before it was read could change again without
/// its times moving, as git's "racily clean" entries can).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stamps {
    pub files: std::collections::HashMap<PathBuf, Stamp>,
    /// The photos of the bundles and of `static/`, by path on disk: reading a photo whole to
    /// fingerprint it is most of the cost of a build with many photos, so one unchanged since
    /// is not read again.
    /// They are kept with the photo cache ([`crate::write::photos::Store`]), not in the build
    /// cache: they describe the photos, which a build that ignores its cache (`--clean`, a
    /// new output) still has, and the photo cache outlives the build cache.
    pub photos: PhotoStamps,
}

/// The stamps of the photos, by path on disk.
pub type PhotoStamps = std::collections::HashMap<PathBuf, PhotoStamp>;

/// One photo as a build read it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PhotoStamp {
    pub state: FileState,
    pub info: std::result::Result<crate::photos::PhotoInfo, String>,
    pub seen: std::time::SystemTime,
}

/// One file as a build read it.
#[derive(Debug, Clone, PartialEq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Stamp {
    pub state: FileState,
    /// The fingerprint of its text as read.
    pub digest: Fp,
    /// What reading it worked around.
    pub warning: Option<ContentError>,
    /// When the build that read it in this state began to read.
    pub seen: std::time::SystemTime,
}

/// The stamps of the release files as the build cache stores them: sorted by path, so that the
/// same stamps are the same bytes. The photos' are stored apart ([`Stamps::photos`]).
impl serde::Serialize for Stamps {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.sorted().serialize(s)
    }
}

impl Stamps {
    /// The stamps of the release files by the bytes of their paths: the same order every time,
    /// without comparing paths component by component.
    pub fn sorted(&self) -> Vec<(&PathBuf, &Stamp)> {
        let mut files: Vec<(&PathBuf, &Stamp)> = self.files.iter().collect();
        files.sort_unstable_by(|a, b| a.0.as_os_str().cmp(b.0.as_os_str()));
        files
    }
}

impl<'de> serde::Deserialize<'de> for Stamps {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let files: Vec<(PathBuf, Stamp)> = serde::Deserialize::deserialize(d)?;
        Ok(Stamps { files: files.into_iter().collect(), photos: PhotoStamps::new() })
    }
}

/// What the file system says of a file without reading it.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct FileState {
    pub len: u64,
    pub modified: Option<std::time::SystemTime>,
    /// The inode's change time in nanoseconds (no program can set it back) and the inode, where
    /// the platform has them.
    pub changed: i128,
    pub inode: u64,
}

impl FileState {
    pub fn of(meta: &std::fs::Metadata) -> FileState {
        #[cfg(unix)]
        let (changed, inode) = {
            use std::os::unix::fs::MetadataExt;
            (i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()), meta.ino())
        };
        #[cfg(not(unix))]
        let (changed, inode) = (0, 0);
        FileState { len: meta.len(), modified: meta.modified().ok(), changed, inode }
    }

    /// When it last changed: the later of its modification time and, where the platform has
    /// it, its inode's change time (which a rename or a move sets, and no program can set back).
    /// `None` where the file system gives no modification time.
    pub fn last_change(&self) -> Option<std::time::SystemTime> {
        let modified = self.modified?;
        let nanos = u64::try_from(self.changed).unwrap_or(0);
        let changed = std::time::UNIX_EPOCH + std::time::Duration::from_nanos(nanos);
        Some(modified.max(changed))
    }

    /// Whether it was last changed at least `MARGIN` before `at`.
    fn settled_before(&self, at: std::time::SystemTime) -> bool {
        const MARGIN: std::time::Duration = std::time::Duration::from_secs(2);
        let Some(limit) = at.checked_sub(MARGIN) else { return false };
        self.last_change().is_some_and(|c| c < limit)
    }
}

/// A file that is copied into the output as it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Asset {
    /// Its path relative to its folder (the bundle or `static/`), with `/` separators.
    pub name: String,
    pub origin: Origin,
    /// Size in bytes.
    pub len: u64,
    /// Width and height, for images warta can read the header of.
    pub dimensions: Option<(u32, u32)>,
    /// When it was last modified (`None` for the built-in theme's files): with `len`, how an
    /// incremental build tells a replaced photo from the one it copied before, without reading it.
    pub modified: Option<std::time::SystemTime>,
    /// For a photo of a release's bundle or of the site's `static/` (JPEG, PNG, WebP): what its
    /// header and metadata say, or why it cannot be published ([`photo_infos`]).
    #[serde(default)]
    pub photo: Option<std::result::Result<crate::photos::PhotoInfo, String>>,
    /// For a video (MP4, MOV, 3GP): whether it holds the place it was taken, as a phone writes
    /// it ([`crate::photos::video_has_location`]); such a video is not published.
    #[serde(default)]
    pub located: bool,
}

/// Where an asset's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Origin {
    Disk(PathBuf),
    Embedded(&'static [u8]),
    /// A file the writer made (a photo's size, a drawn card), in its cache: the output links
    /// to it instead of copying its bytes ([`crate::write::photos`]). Never a user's file.
    Made(PathBuf),
}

/// In a build cache an origin is its path: only the built-in theme's files are embedded, and
/// the cache holds releases, whose files are all on disk.
impl serde::Serialize for Origin {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Origin::Disk(path) | Origin::Made(path) => path.serialize(s),
            Origin::Embedded(_) => {
                Err(serde::ser::Error::custom("a built-in theme file is not cached"))
            }
        }
    }
}

impl<'de> serde::Deserialize<'de> for Origin {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        PathBuf::deserialize(d).map(Origin::Disk)
    }
}

/// A theme's parts.
#[derive(Debug, Clone, Default)]
pub struct ThemeFiles {
    /// Template name (relative to `templates/`, `/`-separated) and text.
    pub templates: Vec<(String, String)>,
    pub static_files: Vec<Asset>,
    /// The UI strings (`strings.yaml`) and where they came from.
    pub strings: Option<SourceFile>,
    /// The UI strings in other languages (`strings.en.yaml`), by language.
    pub translations: BTreeMap<String, SourceFile>,
    /// The fonts of the drawn social card (`fonts/*.ttf`, `*.otf`), by name.
    pub fonts: Vec<(String, Vec<u8>)>,
    /// Where its files are, as messages name them: `themes/default`, or `(built-in theme)`.
    pub folder: PathBuf,
}

/// Everything a build reads.
#[derive(Debug, Clone)]
pub struct Sources {
    pub site_yaml: SourceFile,
    pub releases: Vec<SourceFile>,
    pub pages: Vec<SourceFile>,
    pub theme: ThemeFiles,
    /// The site's own `templates/`, overriding the theme's by name.
    pub site_templates: Vec<(String, String)>,
    /// The site's own `static/`, copied over the theme's.
    pub site_static: Vec<Asset>,
    /// The ledger of published releases, if the site has one yet.
    pub ledger: Option<SourceFile>,
    /// The ledger's state when it was read, and when: [`refresh`] reads it again only when
    /// it changed (1 MB at 10,000 releases). `None`: there was none.
    pub ledger_read: Option<Seen>,
    /// What reading found and worked around (a file not saved as UTF-8, say).
    pub warnings: Vec<ContentError>,
    /// The release and page files that could not be read as they are (two encodings in one
    /// file, a file that is not text): left out of `releases` and `pages`, and reported with
    /// the errors the parse of the others finds ([`crate::parse_with`]), so that one build names
    /// every mistake of the site.
    pub errors: Vec<ContentError>,
    /// Each release file as read now, for the next build.
    pub stamps: Stamps,
    /// The office's secret key, when it is at hand ([`crate::trust::keys::find`]): set by
    /// `lib::load_sources_with`, which knows the site's host.
    pub signing: Option<std::sync::Arc<crate::trust::keys::SecretKey>>,
}

/// The largest file that can be a secret key: a key file is about 600 bytes.
const KEY_FILE_MAX: u64 = 4096;

/// Files of the site that hold a warta secret key ([`crate::trust::keys::looks_like_secret`]):
/// the small files at the site's root, in `static/` and beside the releases, which a build
/// publishes or a repository of the site holds.
pub fn secret_keys(root: &Path, sources: &Sources) -> Vec<PathBuf> {
    let top = std::fs::read_dir(root)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path());
    let bundles = sources.releases.iter().flat_map(|f| &f.bundle);
    let assets =
        sources.site_static.iter().chain(bundles).filter(|a| a.len <= KEY_FILE_MAX).filter_map(
            |a| match &a.origin {
                Origin::Disk(p) => Some(p.clone()),
                _ => None,
            },
        );
    let mut found: Vec<PathBuf> = top
        .chain(assets)
        .filter(|p| std::fs::metadata(p).is_ok_and(|m| m.len() <= KEY_FILE_MAX))
        .filter(|p| std::fs::read(p).is_ok_and(|b| crate::trust::keys::looks_like_secret(&b)))
        .collect();
    found.sort();
    found
}

/// The build cache in the folder `dir` ([`crate::incremental`]), if there is one this warta
/// wrote; a missing or unreadable cache only makes the build a full one.
pub fn cache(dir: &Path) -> Option<crate::incremental::Cache> {
    crate::incremental::Cache::from_parts(cache_parts(dir, |_| true)?)
}

/// What `warta serve` takes from the build cache in the folder `dir`, without writing to it:
/// the parses and the stamps of the release files ([`crate::incremental::Memo`]); `None`
/// if there is no cache there.
pub fn memo(dir: &Path) -> Option<crate::incremental::Memo> {
    let parts = cache_parts(dir, crate::incremental::Memo::wants)?;
    Some(crate::incremental::Memo::from_parts(parts))
}

/// The files of the cache folder `dir` that `wanted` names, each decoded as soon as it is
/// read: the bytes of one file at a time per thread.
fn cache_parts(
    dir: &Path,
    wanted: impl Fn(&str) -> bool + Sync,
) -> Option<Vec<crate::incremental::Part>> {
    use rayon::prelude::*;
    let names: Vec<String> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| !name.starts_with('.') && wanted(name))
        .collect();
    let parts = names
        .into_par_iter()
        .filter_map(|name| {
            let bytes = std::fs::read(dir.join(&name)).ok()?;
            Some(crate::incremental::Part::read(name, bytes))
        })
        .collect();
    Some(parts)
}

/// The site's folder by one name whatever it was given as (`.`, `../situs`, the folder found
/// above a subfolder, a link to it): its real path, or `root` as given if it has none (it does
/// not exist, and reading it says so). The paths of the `static/` and bundle files under it are
/// part of what the build cache knows them by: a build given the site another way than the
/// last one rendered every page again (found in stop 71).
pub fn site_folder(root: &Path) -> PathBuf {
    std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf())
}

/// The site folder that holds `start`: the nearest of `start` and the folders above it with a
/// `site.yaml`, as git and cargo find theirs, so warta runs from any subfolder of a site.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start.ancestors().find(|d| d.join("site.yaml").is_file()).map(Path::to_path_buf)
}

/// Reads `site.yaml`, the content and the templates. `theme` is the name from `site.yaml`.
pub fn site_yaml(root: &Path) -> Result<SourceFile> {
    read_text(&root.join("site.yaml"), PathBuf::from("site.yaml"))
}

/// A text file written by a person, in whatever encoding it was saved in
/// ([`crate::encoding`]); `path` is how messages name it.
fn read_text(file: &Path, path: PathBuf) -> Result<SourceFile> {
    regular_file(file, &path)?;
    decode_file(file, path)
}

/// [`read_text`] of a file already known to be a regular one.
fn decode_file(file: &Path, path: PathBuf) -> Result<SourceFile> {
    let bytes = std::fs::read(file).map_err(Error::io(file))?;
    match crate::encoding::decode(&bytes) {
        Ok(decoded) => {
            let encoding_warning = decoded.warning();
            let (text, removed) = strip_controls(decoded.text);
            let warning = match (encoding_warning, removed) {
                (w, None) => w.map(|w| ContentError::new(&path, w)),
                (None, Some((n, line))) => {
                    Some(ContentError::new(&path, controls_message(n)).at_line(Some(line)))
                }
                (Some(w), Some((n, line))) => Some(
                    ContentError::new(&path, format!("{w}; also, {}", controls_message(n)))
                        .at_line(Some(line)),
                ),
            };
            Ok(SourceFile { warning, ..SourceFile::new(path, text) })
        }
        Err(e) => {
            Err(Error::content(vec![ContentError::new(path, e.message).at_line(Some(e.line))]))
        }
    }
}

/// Refuses anything but a regular file (a named pipe, a device, a socket) before it is opened:
/// reading a pipe or `/dev/zero` would never end. `path` is how messages name it.
fn regular_file(file: &Path, path: &Path) -> Result<()> {
    regular(&std::fs::metadata(file).map_err(Error::io(file))?, path)
}

/// [`regular_file`] with the file's metadata at hand.
fn regular(meta: &std::fs::Metadata, path: &Path) -> Result<()> {
    if meta.is_file() {
        return Ok(());
    }
    let kind = if meta.is_dir() { "a folder" } else { "not a regular file (a pipe or a device)" };
    Err(Error::content(vec![ContentError::new(
        path,
        format!("is {kind}; warta reads only ordinary files: replace it with a text file"),
    )]))
}

/// Control characters (not tabs or line breaks) taken out of text a person wrote: invisible in
/// an editor, they make pages and feeds invalid. Decoding ([`crate::encoding`]) already refuses
/// a release or `site.yaml` with NUL, escape or C1 characters as not text; what reaches here
/// from them is a form feed or a vertical tab (a page break or a line break pasted from Word or
/// PowerPoint), each of which becomes a space, so that the words on either side stay apart;
/// templates and strings lose all of them. Returns how many there were and the line of the
/// first. No line is added or removed.
pub fn strip_controls(text: String) -> (String, Option<(usize, usize)>) {
    let Some(first) = crate::encoding::first_control(&text, crate::encoding::Controls::All) else {
        return (text, None);
    };
    let control = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    let line = text[..first].matches('\n').count() + 1;
    let count = text.chars().filter(|&c| control(c)).count();
    let kept = text
        .chars()
        .filter_map(|c| match c {
            '\u{b}' | '\u{c}' => Some(' '),
            c if control(c) => None,
            c => Some(c),
        })
        .collect();
    (kept, Some((count, line)))
}

fn controls_message(n: usize) -> String {
    format!(
        "took out {n} invisible control character(s) (a page or line break pasted from Word or \
         PowerPoint, say), which pages and feeds cannot carry; check the text around this line"
    )
}

/// A folder of the site (`content/`, `static/`, `templates/`, `themes/<name>/`) that is a
/// symbolic link to somewhere outside the site is refused, as links inside those folders are
/// skipped: `static -> /etc` would publish the system's files.
fn inside_site(root: &Path, dir: &Path) -> Result<()> {
    let linked = dir.ancestors().take_while(|a| *a != root).any(|a| a.is_symlink());
    if !linked {
        return Ok(());
    }
    let (Ok(root_real), Ok(target)) = (root.canonicalize(), dir.canonicalize()) else {
        return Ok(());
    };
    if target.starts_with(&root_real) {
        return Ok(());
    }
    let name = dir.strip_prefix(root).unwrap_or(dir);
    Err(Error::content(vec![ContentError::new(
        name,
        format!(
            "is a link to {}, outside the site; warta publishes only the site's own files: copy \
             them into {}/ instead",
            target.display(),
            name.display()
        ),
    )]))
}

/// Every value, or every error: all content errors together, else the first other error.
fn all<T>(results: Vec<Result<T>>) -> Result<Vec<T>> {
    let (ok, content) = values_and_errors(results)?;
    if content.is_empty() {
        Ok(ok)
    } else {
        Err(Error::content(content))
    }
}

/// The values, and the content errors beside them; the first other error ends it.
fn values_and_errors<T>(results: Vec<Result<T>>) -> Result<(Vec<T>, Vec<ContentError>)> {
    let mut ok = Vec::with_capacity(results.len());
    let mut content = Vec::new();
    for r in results {
        match r {
            Ok(v) => ok.push(v),
            Err(Error::Content(e)) => content.extend(e),
            Err(other) => return Err(other),
        }
    }
    Ok((ok, content))
}

/// Reads the content, the theme and the site's overrides.
pub fn sources(root: &Path, site_yaml: SourceFile, theme: &str) -> Result<Sources> {
    sources_with(root, site_yaml, theme, None)
}

/// [`sources`], leaving unread the release files that `stamps` (the previous build's) show
/// unchanged ([`SourceFile::known`]).
pub fn sources_with(
    root: &Path,
    mut site_yaml: SourceFile,
    theme: &str,
    stamps: Option<&Stamps>,
) -> Result<Sources> {
    let read_at = std::time::SystemTime::now();
    let dirs = ["content", "static", "templates", "themes"].map(|d| root.join(d));
    all(dirs
        .iter()
        .chain([&root.join("themes").join(theme)])
        .map(|d| inside_site(root, d))
        .collect())?;
    let (releases, mut pages, errors, strays) =
        crate::timings::phase("content", || content(root, stamps))?;
    let files = releases
        .par_iter()
        .filter_map(|(f, state)| {
            let old = stamps.and_then(|s| s.files.get(&f.path));
            let stamp = match (f.known, old) {
                (Some(_), Some(old)) => old.clone(),
                (Some(_), None) => return None,
                // Read again as it changed too recently to be trusted, and found the same: the
                // old stamp stays until a read finds it settled, so that a build that changed
                // nothing writes nothing.
                (None, Some(old))
                    if old.state == *state
                        && old.digest == f.digest()
                        && !state.settled_before(read_at) =>
                {
                    Stamp { warning: f.warning.clone(), ..old.clone() }
                }
                (None, _) => Stamp {
                    state: *state,
                    digest: f.digest(),
                    warning: f.warning.clone(),
                    seen: read_at,
                },
            };
            Some((f.path.clone(), stamp))
        })
        .collect();
    let mut releases: Vec<SourceFile> = releases.into_iter().map(|(f, _)| f).collect();
    let mut photos = photo_infos(&mut releases, stamps.map(|s| &s.photos), read_at);
    let static_dir = root.join("static");
    let walked_static = walk_with(&static_dir, Hidden::ForWebHosts { top: true })?;
    let mut site_static = walked_static
        .files
        .iter()
        .map(|f| published_asset(&static_dir, f))
        .collect::<Result<Vec<Asset>>>()?;
    photos.extend(asset_photo_infos(
        site_static.par_iter_mut(),
        stamps.map(|s| &s.photos),
        read_at,
    ));
    let mut warnings: Vec<ContentError> = std::iter::once(&mut site_yaml)
        .chain(&mut releases)
        .chain(&mut pages)
        .filter_map(|f| f.warning.take())
        .collect();
    warnings.extend(strays);
    warnings.extend(walked_static.links.iter().map(|link| skipped_link(root, link)));
    warnings.extend(backslashed(&site_static, &releases));
    warnings.extend(broken_static_photos(&site_static));
    let (ledger, ledger_read) = crate::timings::phase("ledger", || read_ledger(root, None))?;
    let theme = crate::timings::phase("theme files", || theme_files(root, theme))?;
    Ok(Sources {
        site_yaml,
        releases,
        pages,
        theme,
        site_templates: templates(&root.join("templates"))?,
        site_static,
        ledger,
        ledger_read,
        warnings,
        errors,
        stamps: Stamps { files, photos },
        signing: None,
    })
}

/// Reads the release files of `releases` that [`sources_with`] left unread and `wanted` picks.
pub fn read_unread(
    root: &Path,
    releases: &mut [SourceFile],
    wanted: impl Fn(&SourceFile) -> bool + Sync,
) -> Result<()> {
    let read: Vec<Result<()>> = releases
        .par_iter_mut()
        .filter(|f| f.known.is_some() && wanted(f))
        .map(|f| {
            let fresh = read_text(&root.join(&f.path), f.path.clone())?;
            // Its warning is already among the build's, from the stamp.
            f.text = fresh.text;
            f.known = None;
            Ok(())
        })
        .collect();
    all(read).map(|_| ())
}

/// The releases, each with its file's state when it was read (before, so that a change while
/// it is read shows in the next build's look at it), the pages, and the errors of the files
/// that could not be read ([`Sources::errors`]).
#[allow(clippy::type_complexity)]
fn content(
    root: &Path,
    stamps: Option<&Stamps>,
) -> Result<(Vec<(SourceFile, FileState)>, Vec<SourceFile>, Vec<ContentError>, Vec<ContentError>)> {
    let dir = root.join("content");
    let Walked { files, links } =
        crate::timings::phase("walk content", || walk_with(&dir, Hidden::Skipped))?;
    let bundles: std::collections::HashSet<PathBuf> = files
        .iter()
        .map(|(p, _)| p)
        .filter(|p| p.file_name().is_some_and(|n| n == "index.md"))
        .filter_map(|p| p.parent().map(Path::to_path_buf))
        .filter(|d| d != &dir)
        .collect();
    let bundle_of = |file: &Path| {
        if bundles.is_empty() {
            return None;
        }
        file.ancestors().skip(1).find(|a| bundles.contains(*a)).map(Path::to_path_buf)
    };
    let pages_dir = dir.join("pages");
    let mut markdown = Vec::new();
    let mut resources: BTreeMap<PathBuf, Vec<Found>> = BTreeMap::new();
    let mut strays: Vec<ContentError> = links.iter().map(|link| skipped_link(root, link)).collect();
    let mut bundle_links: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
    for link in &links {
        if let Some(b) = bundle_of(link) {
            bundle_links.entry(b.clone()).or_default().push(name_in(&b, link));
        }
    }
    for found in files {
        let file = &found.0;
        let is_md = is_markdown(file);
        let in_pages = file.parent() == Some(pages_dir.as_path());
        match bundle_of(file) {
            Some(b)
                if !(is_md
                    && file.file_name().is_some_and(|n| n == "index.md")
                    && file.parent() == Some(&b)) =>
            {
                resources.entry(b).or_default().push(found)
            }
            _ if is_md => markdown.push((found, in_pages)),
            _ => strays.push(stray(root, file, in_pages)),
        }
    }
    let read: Vec<Result<(SourceFile, FileState, bool)>> = markdown
        .par_iter()
        .map(|((file, meta), in_pages)| {
            let path = file.strip_prefix(root).unwrap_or(file).to_path_buf();
            regular(meta, &path)?;
            let state = FileState::of(meta);
            let unchanged = stamps.filter(|_| !in_pages).and_then(|stamps| {
                let stamp = stamps.files.get(&path)?;
                (state == stamp.state && state.settled_before(stamp.seen)).then_some(stamp)
            });
            let source = match unchanged {
                Some(stamp) => SourceFile {
                    warning: stamp.warning.clone(),
                    known: Some(stamp.digest),
                    ..SourceFile::new(path, String::new())
                },
                None => decode_file(file, path)?,
            };
            let (bundle, links) = match file.parent() {
                Some(parent)
                    if file.file_name().is_some_and(|n| n == "index.md")
                        && bundles.contains(parent) =>
                {
                    let bundle = resources
                        .get(parent)
                        .map_or(&[][..], Vec::as_slice)
                        .iter()
                        .map(|f| published_asset(parent, f))
                        .collect::<Result<Vec<_>>>()?;
                    (bundle, bundle_links.get(parent).cloned().unwrap_or_default())
                }
                _ => (Vec::new(), Vec::new()),
            };
            Ok((SourceFile { bundle, links, ..source }, state, *in_pages))
        })
        .collect();
    let (ok, errors) = values_and_errors(read)?;
    let (pages, releases): (Vec<_>, Vec<_>) = ok.into_iter().partition(|(_, _, p)| *p);
    Ok((
        releases.into_iter().map(|r| (r.0, r.1)).collect(),
        pages.into_iter().map(|p| p.0).collect(),
        errors,
        strays,
    ))
}

/// Whether a file of `content/` is a release's (or a page's) Markdown: `.md`, as `warta new`
/// writes it, or `.MD` or `.markdown`, as other editors save it.
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// The warning for a file of `content/` that is neither Markdown nor in a release's folder
/// (beside an `index.md`), which the build therefore does not publish, with what to do about
/// it: a release saved as `.txt` (Notepad's `rapat.md.txt`: Windows hides the extension), a Word
/// document dropped in as it is, or a photo or document beside a release of one file.
fn stray(root: &Path, file: &Path, in_pages: bool) -> ContentError {
    let path = file.strip_prefix(root).unwrap_or(file);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
    let message = match ext.as_deref() {
        Some("txt") if looks_like_release(file) => {
            let stem = name[..name.len() - 4].trim_end_matches(".md").trim_end_matches(".MD");
            format!(
                "was not published: it looks like a release, but its name ends in .txt, and \
                 warta publishes .md files (Windows hides the extension, so a file saved as \
                 {stem}.md in Notepad is {name}): rename it to {stem}.md"
            )
        }
        Some("docx") => format!(
            "was not published: warta publishes releases written in Markdown (.md); make one of \
             this Word document with `warta new --from \"{}\"`, then move the document out of \
             content/",
            path.display()
        ),
        _ if in_pages => "was not published: a page's photos and files go in the site's static/ \
             folder (static/img/), and the page writes their address from the site's root \
             (/img/denah.png)"
            .to_string(),
        _ => {
            let folder = path.parent().unwrap_or(Path::new("content"));
            format!(
                "was not published: a release's photos and files go in a folder of its own, \
                 beside its index.md ({}/<release>/index.md), and the site's own files in \
                 static/; move it, or out of content/ if it is not for the site",
                folder.display()
            )
        }
    };
    ContentError::new(path, message)
}

/// Whether a text file starts as a release does: a front matter with a title.
fn looks_like_release(file: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::new();
    let read = std::fs::File::open(file).and_then(|f| f.take(4096).read_to_end(&mut head));
    if read.is_err() {
        return false;
    }
    let text = String::from_utf8_lossy(&head);
    let mut lines = text.trim_start_matches('\u{feff}').lines().map(str::trim_end);
    lines.next() == Some("---")
        && lines.take_while(|l| *l != "---").any(|l| l.starts_with("title:"))
}

/// Brings `sources` up to date with the files at `changed` (relative to `root`, as `warta
/// serve`'s watcher reports them), reading only those: an edit of one release in a site of
/// 10,000 reads one file instead of all of them. It applies what it can tell apart with
/// certainty: a release's Markdown file written, added or removed, a file of a release's bundle.
/// It returns the release files it read again (a bundle's by its `index.md`), present or gone.
/// For anything else (`site.yaml`, a template or static file, a page, a folder created, renamed
/// or removed, a folder becoming a bundle) it returns `Ok(None)` and the caller reads the site
/// again with [`sources`]; on an error `sources` may be half updated and must be read again.
/// The ledger is read again whenever its state is not the one it was read in.
///
/// What comes out equals what [`sources`] would read: the test of random edits
/// (`tests/it/incremental.rs`) compares the two after each edit. [`Sources::stamps`] are left
/// as they were: `warta serve`, which calls this, keeps no cache on disk.
pub fn refresh(
    root: &Path,
    sources: &mut Sources,
    changed: &[PathBuf],
) -> Result<Option<Vec<PathBuf>>> {
    // A file that could not be read may be one of these, mended: read everything again.
    if !sources.errors.is_empty() {
        return Ok(None);
    }
    let content = Path::new("content");
    let bundles: BTreeSet<&Path> = sources
        .releases
        .iter()
        .filter(|f| f.path.file_name().is_some_and(|n| n == "index.md"))
        .filter_map(|f| f.path.parent())
        .filter(|d| *d != content)
        .collect();
    let mut files: BTreeSet<PathBuf> = BTreeSet::new();
    let mut bundles_changed: BTreeSet<PathBuf> = BTreeSet::new();
    for path in changed {
        // A page, or content/ itself: read everything.
        let Ok(inner) = path.strip_prefix(content) else { return Ok(None) };
        if inner.as_os_str().is_empty() || inner.starts_with("pages") {
            return Ok(None);
        }
        // A file `walk` skips: hidden or left over, or under such a folder.
        if inner.components().any(|c| is_leftover(&c.as_os_str().to_string_lossy())) {
            continue;
        }
        let meta = root.join(path).symlink_metadata();
        if meta.as_ref().is_ok_and(|m| m.is_dir()) {
            return Ok(None);
        }
        // A folder removed or renamed away: its releases go with it.
        if sources.releases.iter().any(|f| f.path.starts_with(path) && f.path != *path) {
            return Ok(None);
        }
        // As `walk` sees files: regular ones, not links.
        let has_index = |dir: &Path| {
            root.join(dir).join("index.md").symlink_metadata().is_ok_and(|m| m.is_file())
        };
        let bundle = path
            .ancestors()
            .skip(1)
            .take_while(|a| *a != content)
            .find(|a| bundles.contains(a) || has_index(a));
        match bundle {
            Some(b) => {
                // A folder that became a bundle, or stopped being one.
                if bundles.contains(b) != has_index(b) {
                    return Ok(None);
                }
                bundles_changed.insert(b.to_path_buf());
            }
            None if is_markdown(path) => {
                files.insert(path.clone());
            }
            // Not Markdown and in no bundle: not published, but warned of ([`stray`]).
            None => return Ok(None),
        }
    }
    let mut read: Vec<(PathBuf, Option<SourceFile>)> = Vec::new();
    for path in files {
        let file = root.join(&path);
        let present = file.symlink_metadata().is_ok_and(|m| !m.is_symlink());
        read.push((path.clone(), if present { Some(read_text(&file, path)?) } else { None }));
    }
    for b in bundles_changed {
        let Some(source) = bundle(root, &b)? else { return Ok(None) };
        read.push((b.join("index.md"), Some(source)));
    }
    let now = std::time::SystemTime::now();
    let touched = read.iter().map(|(path, _)| path.clone()).collect();
    for (path, mut source) in read {
        if let Some(source) = &mut source {
            let photos =
                photo_infos(std::slice::from_mut(source), Some(&sources.stamps.photos), now);
            sources.stamps.photos.extend(photos);
        }
        sources.warnings.retain(|w| w.path != path);
        let at = sources.releases.binary_search_by(|f| f.path.cmp(&path));
        match (at, source) {
            (Ok(i), Some(mut source)) => {
                sources.warnings.extend(source.warning.take());
                sources.releases[i] = source;
            }
            (Err(i), Some(mut source)) => {
                sources.warnings.extend(source.warning.take());
                sources.releases.insert(i, source);
            }
            (Ok(i), None) => {
                sources.releases.remove(i);
            }
            (Err(_), None) => {}
        }
    }
    let kept = sources.ledger.take().zip(sources.ledger_read);
    (sources.ledger, sources.ledger_read) = read_ledger(root, kept)?;
    Ok(Some(touched))
}

/// The bundle `dir` (relative to `root`) read again: its `index.md` with the files beside it
/// that belong to no bundle inside it, as [`content`] reads them. `None` if it holds another
/// bundle, which only a full read sorts out.
fn bundle(root: &Path, dir: &Path) -> Result<Option<SourceFile>> {
    let base = root.join(dir);
    let index = base.join("index.md");
    let mut resources = Vec::new();
    let walked = walk_with(&base, Hidden::Skipped)?;
    let links = walked.links.iter().map(|link| name_in(&base, link)).collect();
    for found in walked.files {
        let file = &found.0;
        if *file == index {
            continue;
        }
        if file.file_name().is_some_and(|n| n == "index.md") {
            return Ok(None);
        }
        resources.push(found);
    }
    let source = read_text(&index, dir.join("index.md"))?;
    let bundle = resources.iter().map(|f| published_asset(&base, f)).collect::<Result<Vec<_>>>()?;
    Ok(Some(SourceFile { bundle, links, ..source }))
}

/// A file's state when it was read, and when.
pub type Seen = (FileState, std::time::SystemTime);

/// The ledger, and its state when read: `kept` (read before, in that state) if it is in that
/// state still and was then already settled (a write in the same tick leaves the state as it
/// was), else read now. `warta serve` does not watch the ledger, which `warta build` writes.
fn read_ledger(
    root: &Path,
    kept: Option<(SourceFile, Seen)>,
) -> Result<(Option<SourceFile>, Option<Seen>)> {
    let seen = std::time::SystemTime::now();
    let state = root.join(crate::ledger::FILE).symlink_metadata().ok().map(|m| FileState::of(&m));
    if let (Some(state), Some((file, (was, at)))) = (state, kept) {
        if state == was && state.settled_before(at) {
            return Ok((Some(file), Some((was, at))));
        }
    }
    // Stated before it is read: a write in between makes the next read read it again.
    Ok((optional_text(root, crate::ledger::FILE)?, state.map(|s| (s, seen))))
}

/// A text file of the site that may not exist yet.
fn optional_text(root: &Path, name: &str) -> Result<Option<SourceFile>> {
    let path = root.join(name);
    if path.symlink_metadata().is_ok() {
        regular_file(&path, Path::new(name))?;
    }
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Some(SourceFile::new(PathBuf::from(name), text))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::Io { path, source: e }),
    }
}

/// A file [`walk`] found, with what the file system said of it then.
type Found = (PathBuf, std::fs::Metadata);

/// Every regular file below `dir`, sorted by path (each folder's entries by name, a folder's
/// files where its name sorts), skipping hidden files and folders and symbolic links (which
/// could point outside the site), each with its metadata. Folders are read in parallel, and
/// each file is looked at through its folder's handle rather than by its whole path: at
/// 10,000 releases, a quarter less time than walking, then looking up every path.
fn walk(dir: &Path) -> Result<Vec<Found>> {
    walk_with(dir, Hidden::Skipped).map(|w| w.files)
}

/// [`walk`], with the hidden files a web host reads kept when `hidden` says so, and the
/// symbolic links it skipped.
fn walk_with(dir: &Path, hidden: Hidden) -> Result<Walked> {
    if !dir.is_dir() {
        return Ok(Walked::default());
    }
    walk_folder(dir, hidden)
}

/// What [`walk_with`] found: the regular files, and the symbolic links it did not follow.
#[derive(Debug, Default)]
struct Walked {
    files: Vec<Found>,
    links: Vec<PathBuf>,
}

/// The warning of a symbolic link of `content/` or `static/`, which warta neither follows nor
/// publishes: a link to a file elsewhere (a PDF in the office's shared folder) was left out
/// without a word, and a release linking to it was told there was no such file (found in
/// stop 67's review). Relative to `root`.
fn skipped_link(root: &Path, link: &Path) -> ContentError {
    let path = link.strip_prefix(root).unwrap_or(link);
    ContentError::new(
        path,
        "a symbolic link, which warta does not follow or publish (a link could bring in any \
         file of this computer): put the file itself there instead",
    )
}

/// Which hidden files a walk keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hidden {
    /// None.
    Skipped,
    /// Those a web host reads, in the site's `static/` ([`for_web_hosts`]), at its top when
    /// `top`.
    ForWebHosts { top: bool },
}

/// The hidden files and folders of `static/` that are published: a host's settings
/// (`.htaccess`, GitHub Pages' `.nojekyll`) and `.well-known/` at the top (RFC 8615:
/// `security.txt`, the files that prove a site to an app store or a certificate authority).
/// Every other hidden file is left out, as in the rest of the site (found by helper-34, stop
/// 67: `static/.htaccess` and `static/.well-known/security.txt` were not published, without a
/// word, and a copy put in `public/` by hand made the next `--clean` build stop).
fn for_web_hosts(name: &str, top: bool) -> bool {
    name == ".htaccess" || name == ".nojekyll" || (top && name == ".well-known")
}

/// A file that programs leave beside the files people save, never meant to be published, which
/// the build skips as it skips hidden files: editors' swap, backup and lock files (vim's
/// `.x.md.swp` and `4913`, emacs's `#x.md#`, `x.md~`, `*.tmp`), Microsoft Office's owner file
/// `~$rilis.docx` (the name of whoever has the document open), and Windows' `Thumbs.db` (small
/// copies of every photo the folder held, deleted ones too) and `desktop.ini`.
pub fn is_leftover(name: &str) -> bool {
    // Without a lowercase copy: the walk asks this of every file of the site.
    let ends_with = |suffix: &str| {
        name.len() >= suffix.len()
            && name.as_bytes()[name.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    };
    name.starts_with('.')
        || name.ends_with('~')
        || name == "4913"
        || name.starts_with("~$")
        || (name.starts_with('#') && name.ends_with('#'))
        || [".swp", ".swx", ".swo", ".tmp", ".crswap"].into_iter().any(ends_with)
        || ["thumbs.db", "ehthumbs.db", "desktop.ini"].iter().any(|n| name.eq_ignore_ascii_case(n))
}

fn walk_folder(dir: &Path, hidden: Hidden) -> Result<Walked> {
    let kept = |name: &str| match hidden {
        Hidden::ForWebHosts { top } => for_web_hosts(name, top),
        Hidden::Skipped => false,
    };
    let mut entries: Vec<(std::ffi::OsString, std::fs::DirEntry)> = std::fs::read_dir(dir)
        .map_err(Error::io(dir))?
        .map(|e| e.map(|e| (e.file_name(), e)))
        .filter(|e| {
            !matches!(e, Ok((name, _)) if is_leftover(&name.to_string_lossy()) && !kept(&name.to_string_lossy()))
        })
        .collect::<std::io::Result<_>>()
        .map_err(Error::io(dir))?;
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    // Each entry: a file with its metadata, a folder to walk, or a symbolic link.
    enum Entry {
        File(Found),
        Folder(PathBuf),
        Link(PathBuf),
    }
    let entries = entries
        .into_iter()
        .map(|(_, entry)| {
            let path = entry.path();
            let kind = entry.file_type().map_err(Error::io(&path))?;
            if kind.is_dir() {
                Ok(Entry::Folder(path))
            } else if kind.is_file() {
                let meta = entry.metadata().map_err(Error::io(&path))?;
                Ok(Entry::File((path, meta)))
            } else if kind.is_symlink() {
                Ok(Entry::Link(path))
            } else {
                // A pipe or a device would be read forever, or published as a file of the site.
                let name = entry.file_name().to_string_lossy().into_owned();
                Err(Error::content(vec![ContentError::new(
                    &path,
                    format!("'{name}' is not a regular file (a pipe or a device); remove it"),
                )]))
            }
        })
        .collect::<Result<Vec<Entry>>>()?;
    let folders: Vec<Result<Walked>> = entries
        .par_iter()
        .filter_map(|e| match e {
            Entry::Folder(path) => {
                let hidden = match hidden {
                    Hidden::ForWebHosts { .. } => Hidden::ForWebHosts { top: false },
                    Hidden::Skipped => Hidden::Skipped,
                };
                Some(walk_folder(path, hidden))
            }
            _ => None,
        })
        .collect();
    let mut folders = folders.into_iter();
    let mut out = Walked::default();
    for entry in entries {
        match entry {
            Entry::File(found) => out.files.push(found),
            Entry::Folder(_) => {
                if let Some(found) = folders.next() {
                    let found = found?;
                    out.files.extend(found.files);
                    out.links.extend(found.links);
                }
            }
            Entry::Link(path) => out.links.push(path),
        }
    }
    Ok(out)
}

/// The name of `file` in the folder `base`, `/` separated: `lampiran/undangan.pdf`.
fn name_in(base: &Path, file: &Path) -> String {
    file.strip_prefix(base)
        .unwrap_or(file)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn asset(base: &Path, (file, meta): &Found) -> Result<Asset> {
    let name = name_in(base, file);
    let dimensions = is_image(&name).then(|| imagesize::size(file)).and_then(pixels);
    Ok(Asset {
        name,
        origin: Origin::Disk(file.to_path_buf()),
        len: meta.len(),
        dimensions,
        modified: meta.modified().ok(),
        photo: None,
        located: false,
    })
}

/// [`asset`], with a video looked into for the place it was taken ([`Asset::located`]): the
/// files of a release's folder and of `static/`, which are published as they are.
fn published_asset(base: &Path, found: &Found) -> Result<Asset> {
    let mut asset = asset(base, found)?;
    if crate::photos::is_video_name(&asset.name) {
        let file = &found.0;
        asset.located = crate::photos::video_has_location(file).map_err(Error::io(file))?;
    }
    Ok(asset)
}

/// Reads the photos of every bundle ([`crate::photos::read_info`]), in parallel, except those
/// `old` (the previous build's stamps) shows unchanged, as release files are ([`Stamps`]).
/// Returns the stamps of every photo for the next build.
pub fn photo_infos(
    releases: &mut [SourceFile],
    old: Option<&std::collections::HashMap<PathBuf, PhotoStamp>>,
    read_at: std::time::SystemTime,
) -> std::collections::HashMap<PathBuf, PhotoStamp> {
    asset_photo_infos(releases.par_iter_mut().flat_map_iter(|f| f.bundle.iter_mut()), old, read_at)
}

/// [`photo_infos`] of any files: the photos among `assets` get what their header and metadata
/// say, and their stamps are returned. The site's `static/` photos are read too: a release's
/// `image: /img/foto.jpg` is published in web sizes and cropped for shared links as a photo
/// beside it is.
fn asset_photo_infos<'a>(
    assets: impl ParallelIterator<Item = &'a mut Asset>,
    old: Option<&std::collections::HashMap<PathBuf, PhotoStamp>>,
    read_at: std::time::SystemTime,
) -> std::collections::HashMap<PathBuf, PhotoStamp> {
    assets
        .filter(|a| crate::photos::is_photo_name(&a.name))
        .filter_map(|a| {
            let Origin::Disk(path) = &a.origin else { return None };
            let stamp = photo_stamp(path, old.and_then(|o| o.get(path)), read_at);
            a.photo = Some(stamp.info.clone());
            Some((path.clone(), stamp))
        })
        .collect()
}

/// A photo's stamp: the old one if the file has not changed since, else read now.
fn photo_stamp(
    path: &Path,
    old: Option<&PhotoStamp>,
    read_at: std::time::SystemTime,
) -> PhotoStamp {
    let state = match std::fs::metadata(path) {
        Ok(meta) => FileState::of(&meta),
        Err(e) => {
            let info = Err(format!("cannot be read: {e}"));
            return PhotoStamp { state: FileState::default(), info, seen: read_at };
        }
    };
    let old = old.filter(|o| o.state == state);
    if let Some(old) = old.filter(|o| state.settled_before(o.seen)) {
        return old.clone();
    }
    // The size limit is checked against site.yaml's when the release is parsed; here only a
    // header no decoder could allocate is refused.
    let info = match std::fs::read(path) {
        Ok(bytes) => crate::photos::read_info(&bytes, u64::MAX),
        Err(e) => Err(format!("cannot be read: {e}")),
    };
    // Changed too recently to be trusted, read again and found the same: the old stamp stays
    // until a read finds it settled, so that a build that changed nothing writes nothing.
    match old {
        Some(old) if old.info == info => old.clone(),
        _ => PhotoStamp { state, info, seen: read_at },
    }
}

/// Width and height from what imagesize read of a header, if it could.
fn pixels(read: imagesize::ImageResult<imagesize::ImageSize>) -> Option<(u32, u32)> {
    let size = read.ok()?;
    Some((u32::try_from(size.width).ok()?, u32::try_from(size.height).ok()?))
}

/// A warning for each file of `static/` or of a release's folder whose name holds a backslash,
/// which Linux allows and `warta deploy` refuses, as Windows hosts and many FTP servers do (a
/// folder separator to them): said at the build, where it can be renamed, not first at the
/// deploy.
fn backslashed(site_static: &[Asset], releases: &[SourceFile]) -> Vec<ContentError> {
    // Looked at on every build, for every file: a path is made only for a name that warns.
    let bad = |a: &&Asset| a.name.contains('\\');
    let bundles = releases.iter().flat_map(|r| {
        let folder = r.path.parent().unwrap_or(Path::new(""));
        r.bundle.iter().filter(bad).map(move |a| folder.join(&a.name))
    });
    let statics = site_static.iter().filter(bad).map(|a| Path::new("static").join(&a.name));
    statics
        .chain(bundles)
        .map(|p| {
            ContentError::new(
                p,
                "has a backslash in its name, which web hosts on Windows and many FTP servers \
                 take for a folder separator, so `warta deploy` will not send it: rename it",
            )
        })
        .collect()
}

/// A warning for each photo of `static/` that cannot be read as one (cut short, or a document
/// renamed `.jpg`): it is published as it is, a file of the site's own, and a page of a theme
/// or a release that shows it shows it broken. A release's `image:` naming it is an error at
/// that line; one no release names was published without a word (found by helper-34, stop 67).
fn broken_static_photos(site_static: &[Asset]) -> impl Iterator<Item = ContentError> + '_ {
    site_static.iter().filter_map(|a| {
        let Some(Err(problem)) = &a.photo else { return None };
        Some(ContentError::new(
            Path::new("static").join(&a.name),
            format!(
                "{problem}; it is published as it is, and a page that shows it shows it broken: \
                 replace or remove it"
            ),
        ))
    })
}

fn is_image(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"].iter().any(|e| lower.ends_with(e))
}

fn assets(dir: &Path) -> Result<Vec<Asset>> {
    walk(dir)?.iter().map(|f| published_asset(dir, f)).collect()
}

fn templates(dir: &Path) -> Result<Vec<(String, String)>> {
    // `.svg`: the drawn social card's (`social-card.svg`), which `warta init` copies with the
    // theme for the office to restyle.
    let template = |e: &std::ffi::OsStr| ["html", "xml", "txt", "svg"].iter().any(|t| e == *t);
    walk(dir)?
        .into_iter()
        .map(|(f, _)| f)
        .filter(|f| f.extension().is_some_and(template))
        .map(|f| {
            let text = strip_controls(std::fs::read_to_string(&f).map_err(Error::io(&f))?).0;
            let name = f
                .strip_prefix(dir)
                .unwrap_or(&f)
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            Ok((name, text))
        })
        .collect()
}

/// The theme from `themes/<name>/` in the site, or the built-in default theme.
fn theme_files(root: &Path, name: &str) -> Result<ThemeFiles> {
    let dir = root.join("themes").join(name);
    if dir.is_dir() {
        let strings_path = dir.join("strings.yaml");
        if strings_path.symlink_metadata().is_ok() {
            regular_file(&strings_path, strings_path.strip_prefix(root).unwrap_or(&strings_path))?;
        }
        let strings = match std::fs::read_to_string(&strings_path) {
            Ok(text) => Some(SourceFile::new(
                strings_path.strip_prefix(root).unwrap_or(&strings_path).to_path_buf(),
                text,
            )),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(Error::Io { path: strings_path, source: e }),
        };
        let mut translations = BTreeMap::new();
        for entry in std::fs::read_dir(&dir).map_err(Error::io(&dir))?.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(language) = translation_language(&name) {
                let path = entry.path();
                let text = std::fs::read_to_string(&path).map_err(Error::io(&path))?;
                let path = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                let file = SourceFile::new(path, text);
                translations.insert(language.to_string(), file);
            }
        }
        return Ok(ThemeFiles {
            folder: dir.strip_prefix(root).unwrap_or(&dir).to_path_buf(),
            templates: templates(&dir.join("templates"))?,
            static_files: assets(&dir.join("static"))?,
            strings,
            translations,
            fonts: walk(&dir.join("fonts"))?
                .into_iter()
                .map(|(f, _)| f)
                .filter(|f| is_font(&f.to_string_lossy()))
                .map(|f| {
                    let name = f.file_name().unwrap_or_default().to_string_lossy().into_owned();
                    Ok((name, std::fs::read(&f).map_err(Error::io(&f))?))
                })
                .collect::<Result<_>>()?,
        });
    }
    if name == "default" {
        return Ok(embedded_theme());
    }
    Err(Error::Refused(format!(
        "site.yaml: field 'theme': no theme folder themes/{name}/ (the built-in theme is 'default')"
    )))
}

/// `en` for a theme's `strings.en.yaml`.
fn translation_language(name: &str) -> Option<&str> {
    let language = name.strip_prefix("strings.")?.strip_suffix(".yaml")?;
    crate::slug::is_safe_segment(language).then_some(language)
}

/// The default theme as compiled into the binary.
pub fn embedded_theme() -> ThemeFiles {
    let mut theme =
        ThemeFiles { folder: PathBuf::from("(built-in theme)"), ..ThemeFiles::default() };
    let mut stack = vec![&DEFAULT_THEME];
    while let Some(dir) = stack.pop() {
        stack.extend(dir.dirs());
        for file in dir.files() {
            let path = file.path().to_string_lossy().replace('\\', "/");
            if let Some(name) = path.strip_prefix("templates/") {
                if let Some(text) = file.contents_utf8() {
                    theme.templates.push((name.to_string(), text.to_string()));
                }
            } else if let Some(name) = path.strip_prefix("static/") {
                let bytes = file.contents();
                let dimensions =
                    is_image(name).then(|| imagesize::blob_size(bytes)).and_then(pixels);
                theme.static_files.push(Asset {
                    name: name.to_string(),
                    origin: Origin::Embedded(bytes),
                    len: bytes.len() as u64,
                    dimensions,
                    modified: None,
                    photo: None,
                    located: false,
                });
            } else if let Some(name) = path.strip_prefix("fonts/").filter(|n| is_font(n)) {
                theme.fonts.push((name.to_string(), file.contents().to_vec()));
            } else if let Some(language) = translation_language(&path) {
                if let Some(text) = file.contents_utf8() {
                    theme.translations.insert(
                        language.to_string(),
                        SourceFile::new(
                            PathBuf::from(format!("(built-in theme)/{path}")),
                            text.to_string(),
                        ),
                    );
                }
            } else if path == "strings.yaml" {
                theme.strings = file.contents_utf8().map(|text| {
                    SourceFile::new(
                        PathBuf::from("(built-in theme)/strings.yaml"),
                        text.to_string(),
                    )
                });
            }
        }
    }
    theme.templates.sort();
    theme.static_files.sort_by(|a, b| a.name.cmp(&b.name));
    theme.fonts.sort();
    theme
}

/// A font file the card renderer reads (TrueType or OpenType; not WOFF).
fn is_font(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".ttf") || lower.ends_with(".otf") || lower.ends_with(".ttc")
}

/// The most `warta new --from` reads (a .docx with its photos is a few megabytes).
pub const MAX_IMPORT_BYTES: u64 = 256 << 20;

/// The file `warta new --from` imports, `-` for standard input: a `.docx` as bytes, any other
/// file as text in the encoding it was saved in ([`crate::encoding`]), with a warning when that
/// was not UTF-8. Standard input that is a zip is taken for a .docx.
pub fn import_input(path: &Path) -> Result<(crate::import::Input, Option<String>)> {
    use crate::import::Input;
    use std::io::Read;
    let stdin = path.as_os_str() == "-";
    let mut bytes = Vec::new();
    let read = if stdin {
        std::io::stdin().lock().take(MAX_IMPORT_BYTES + 1).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(MAX_IMPORT_BYTES + 1).read_to_end(&mut bytes))
    };
    read.map_err(Error::io(path))?;
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(Error::Refused(format!(
            "{} is larger than {} MB; a release is far smaller",
            path.display(),
            MAX_IMPORT_BYTES >> 20
        )));
    }
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
    let name = if stdin { "standard input".to_string() } else { path.display().to_string() };
    if let Some(why) = unreadable(ext.as_deref(), &bytes) {
        return Err(Error::Refused(format!("{name} is {why}")));
    }
    if ext.as_deref() == Some("docx") || (stdin && bytes.starts_with(b"PK\x03\x04")) {
        return Ok((Input::Docx(bytes), None));
    }
    if ext.as_deref() == Some("eml") {
        return Ok((Input::Mail(bytes), None));
    }
    let decoded = crate::encoding::decode(&bytes)
        .map_err(|e| Error::Refused(format!("{name}:{}: {}", e.line, e.message)))?;
    let warning = decoded.warning().map(|w| format!("{name}: {w}"));
    let text = decoded.text;
    let input =
        if ext.as_deref() == Some("md") { Input::Markdown(text) } else { Input::Text(text) };
    Ok((input, warning))
}

/// What a file given to `warta new --from` is when warta cannot read it, by its first bytes
/// or its extension, with what to do instead; `None` when it is text, a Word file (.docx) or
/// an e-mail (.eml). Read as text, a PDF was refused as "not UTF-8" at its second line.
fn unreadable(ext: Option<&str>, bytes: &[u8]) -> Option<String> {
    const COPY: &str = "select all its text (Ctrl-A), copy it (Ctrl-C) and paste it into \
        `warta new --from -` (end with Ctrl-D) or into a .txt file: its page numbers, page \
        headers and letterhead are left out for you";
    let ole = bytes.starts_with(b"\xd0\xcf\x11\xe0");
    let zip = bytes.starts_with(b"PK\x03\x04");
    let odt = zip
        && bytes
            .get(30..)
            .is_some_and(|b| b.starts_with(b"mimetypeapplication/vnd.oasis.opendocument"));
    if bytes.starts_with(b"%PDF-") || ext == Some("pdf") {
        return Some(format!(
            "a PDF, whose text warta cannot read as the page lays it out; open it, {COPY}"
        ));
    }
    let why = match ext {
        Some("msg") => {
            "an Outlook message (.msg), which warta cannot read; in Outlook, save it as Text \
             Only (.txt), or forward it and save the forward, or copy its text"
        }
        Some("doc") => {
            "an old Word document (.doc); open it in Word and save it as .docx, or as plain \
             text (.txt, UTF-8)"
        }
        _ if odt || matches!(ext, Some("odt" | "ott")) => {
            "an OpenDocument text (.odt, from LibreOffice Writer or WPS), which warta cannot \
             read; in Writer, File › Save As › Word 2007-365 (.docx), or save it as Text (.txt)"
        }
        _ if bytes.starts_with(b"{\\rtf") || ext == Some("rtf") => {
            "a Rich Text file (.rtf), which warta cannot read; open it in Word or WordPad and \
             save it as .docx, or as plain text (.txt, UTF-8)"
        }
        _ if ole => {
            "an old Office file (.doc, .xls or .msg), which warta cannot read; open it and \
             save it as .docx, or as plain text (.txt, UTF-8)"
        }
        _ if bytes.starts_with(b"\xff\xd8\xff")
            || bytes.starts_with(b"\x89PNG")
            || matches!(ext, Some("jpg" | "jpeg" | "png" | "webp" | "heic" | "gif")) =>
        {
            "a picture, not a release's text; write the release (or import its text) and put \
             the picture in its folder, named in `image:`"
        }
        _ => return None,
    };
    Some(why.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found giving `warta new --from` the PDF an office has of its release, stop 65: it was
    /// refused as "the byte 0xD3 on this line is not UTF-8", at its second line.
    #[test]
    fn files_warta_cannot_read_are_named_with_what_to_do() {
        let pdf = unreadable(Some("pdf"), b"%PDF-1.4\n%\xd3\xeb\xe9\xe1\n").unwrap();
        assert!(pdf.starts_with("a PDF, whose text warta cannot read"), "{pdf}");
        assert!(pdf.contains("`warta new --from -`"), "{pdf}");
        assert_eq!(unreadable(None, b"%PDF-1.7\n"), Some(pdf.clone()));
        assert!(unreadable(Some("txt"), b"{\\rtf1\\ansi Rapat")
            .unwrap()
            .starts_with("a Rich Text"));
        // An .odt is a zip whose first file, at byte 30, is its `mimetype`.
        let mut odt = b"PK\x03\x04".to_vec();
        odt.resize(30, 0);
        odt.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.text");
        assert!(unreadable(Some("odt"), b"").unwrap().starts_with("an OpenDocument text"));
        assert!(unreadable(None, &odt).unwrap().starts_with("an OpenDocument text"));
        assert!(unreadable(Some("msg"), b"\xd0\xcf\x11\xe0").unwrap().starts_with("an Outlook"));
        assert!(unreadable(Some("doc"), b"\xd0\xcf\x11\xe0").unwrap().starts_with("an old Word"));
        assert!(unreadable(None, b"\xd0\xcf\x11\xe0").unwrap().starts_with("an old Office"));
        assert!(unreadable(Some("JPG".to_lowercase().as_str()), b"\xff\xd8\xff").is_some());
        for (ext, bytes) in [
            (Some("txt"), &b"(Humas Bali) - Rapat."[..]),
            (Some("docx"), b"PK\x03\x04"),
            (Some("eml"), b"From: a"),
            (None, b"Rapat."),
        ] {
            assert_eq!(unreadable(ext, bytes), None, "{ext:?}");
        }
    }

    #[test]
    fn find_root_takes_the_nearest_folder_with_site_yaml() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let outer = dir.path().join("situs");
        let inner = outer.join("content/2023/05");
        std::fs::create_dir_all(&inner).expect("folders");
        assert_eq!(find_root(&inner).filter(|r| r.starts_with(dir.path())), None);
        std::fs::write(outer.join("site.yaml"), "title: x\n").expect("site.yaml");
        assert_eq!(find_root(&inner), Some(outer.clone()));
        assert_eq!(find_root(&outer), Some(outer.clone()));
        // A folder named site.yaml is not a site.
        std::fs::create_dir_all(inner.join("site.yaml")).expect("a folder");
        assert_eq!(find_root(&inner), Some(outer));
    }

    /// What the walk gave before it read folders in parallel (walkdir, one look-up of each
    /// whole path), the reference the new walk must give file for file.
    fn walked_by_walkdir(dir: &Path) -> Vec<PathBuf> {
        walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_leftover(&e.file_name().to_string_lossy()))
            .map(|e| e.expect("an entry"))
            .filter(|e| e.file_type().is_file())
            .map(walkdir::DirEntry::into_path)
            .collect()
    }

    #[test]
    fn the_walk_gives_the_files_walkdir_gave_in_its_order_with_their_metadata() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path();
        let files = "a.md,b/index.md,b/foto.jpg,b/c/d.md,b.md,B.md,2023/05/x.md,2023/05/x-2.md,\
                     2023/11/y.md,2023/5/z.md,2024/01/a b.md,é.md,.hidden.md,.git/config,\
                     2023/.draft/x.md,2023/05/.x.md.swp,b/Thumbs.db,b/desktop.ini,b/~$rilis.docx,\
                     b/index.md~,b/#index.md#,b/foto.jpg.tmp,b/c/THUMBS.DB";
        for (n, f) in files.split(',').enumerate() {
            let path = root.join(f);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
            std::fs::write(&path, "x".repeat(n)).expect("a file");
        }
        std::fs::create_dir_all(root.join("empty/inner")).expect("empty folders");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root.join("a.md"), root.join("link.md")).expect("link");
            std::os::unix::fs::symlink(root.join("b"), root.join("linked-folder")).expect("link");
        }
        let walked = walk(root).expect("the walk");
        let paths: Vec<PathBuf> = walked.iter().map(|(p, _)| p.clone()).collect();
        assert_eq!(paths, walked_by_walkdir(root));
        assert_eq!(paths.len(), 12, "hidden and left-over files, folders and links are left out");
        for (path, meta) in &walked {
            let looked = std::fs::metadata(path).expect("metadata");
            assert_eq!(FileState::of(meta), FileState::of(&looked), "{}", path.display());
        }
        assert!(walk(&root.join("none")).expect("no folder").is_empty());
    }

    #[test]
    fn content_errors_of_several_files_are_reported_together() {
        let e = |p: &str| Err(Error::content(vec![ContentError::new(p, "bad")]));
        let Err(Error::Content(errors)) = all::<()>(vec![e("b.md"), Ok(()), e("a.md")]) else {
            panic!("content errors expected");
        };
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].path, Path::new("a.md"));
    }
}
