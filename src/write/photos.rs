//! The files made from photos, and the drawn cards: made here, the only stage that reads and
//! writes the disk, and kept in a cache by key ([`crate::photos::Rendition::key`]) in the
//! `photos/` folder of the build cache, beside the output. A file found there is not made
//! again, so a build whose photos did not change decodes none; `warta serve` and `warta build`
//! share it.

use crate::error::{ContentError, Error, Result};
use crate::fingerprint::Fp;
use crate::load::{Asset, Origin, PhotoStamp, PhotoStamps};
use crate::photos::{card, process, Batch, Made, Source};
use crate::render::{Body, Output};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

/// The cache of made files.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    /// Sources decoded or drawn by this build: a build with no changed photo makes none.
    made: AtomicUsize,
    /// On a terminal, how many photos and cards are made so far: the first build of a site
    /// with hundreds of photos takes a minute. Drawn only once one is made, never when the
    /// output is not a terminal (indicatif hides it then).
    progress: OnceLock<ProgressBar>,
    /// The fingerprint of the photo stamps file as [`Store::stamps`] read it: saved again only
    /// when it changes.
    stamps_read: std::sync::Mutex<Option<Fp>>,
    /// Whether a file found in the cache is looked at before it is taken
    /// ([`Store::checking`]).
    checking: bool,
}

/// The file of the photos' stamps ([`crate::load::Stamps::photos`]) in the photo cache.
const STAMPS: &str = "stamps";

impl Store {
    /// The cache in `cache_dir/photos` (`cache_dir` is the build cache's folder).
    pub fn new(cache_dir: &Path) -> Store {
        Store {
            dir: cache_dir.join("photos"),
            made: AtomicUsize::new(0),
            progress: OnceLock::new(),
            stamps_read: std::sync::Mutex::new(None),
            checking: false,
        }
    }

    /// The store, taking a file found in the cache only once its ends show it whole
    /// ([`crate::photos::Encoding::looks_whole`]), and making it again otherwise: what
    /// `warta build --clean` does, at the cost of two small reads of every made file it
    /// publishes. An empty file is never taken.
    pub fn checking(self, checking: bool) -> Store {
        Store { checking, ..self }
    }

    /// The stamps of the photos as the last build that saved them ([`Store::save_stamps`])
    /// read them; none when the file is missing, unreadable, or from another warta.
    pub fn stamps(&self) -> PhotoStamps {
        let Ok(bytes) = fs::read(self.dir.join(STAMPS)) else { return PhotoStamps::new() };
        *self.last_stamps() = Some(Fp::of_bytes(&bytes));
        let stored: Option<Vec<(PathBuf, PhotoStamp)>> = crate::incremental::decode(&bytes);
        stored.map(|s| s.into_iter().collect()).unwrap_or_default()
    }

    /// Keeps `stamps` for the next build, unless they are what [`Store::stamps`] read or this
    /// store saved last: a build that changed nothing writes nothing. Sorted by path, so the
    /// same stamps are the same bytes. A failure only costs the next build a read of every
    /// photo.
    pub fn save_stamps(&self, stamps: &PhotoStamps) {
        let mut sorted: Vec<(&PathBuf, &PhotoStamp)> = stamps.iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let bytes = crate::incremental::encode(&sorted);
        let digest = Fp::of_bytes(&bytes);
        let mut last = self.last_stamps();
        // No photo and no file of stamps: nothing to keep, and no cache folder to create.
        if *last == Some(digest) || (stamps.is_empty() && last.is_none()) {
            return;
        }
        if put(&self.dir.join(STAMPS), &bytes).is_ok() {
            *last = Some(digest);
        }
    }

    fn last_stamps(&self) -> std::sync::MutexGuard<'_, Option<Fp>> {
        self.stamps_read.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Clears the progress line, if one was drawn; the next file made draws a new one.
    pub fn finish(&mut self) {
        if let Some(bar) = self.progress.take() {
            bar.finish_and_clear();
        }
    }

    fn tick(&self) {
        let bar = self.progress.get_or_init(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template(
                "{spinner} making photos and cards: {pos} made ({elapsed})",
            )
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
            bar.set_style(style);
            bar.enable_steady_tick(std::time::Duration::from_millis(200));
            bar
        });
        bar.inc(1);
    }

    /// How many photos this store decoded and cards it drew.
    pub fn made(&self) -> usize {
        self.made.load(Ordering::Relaxed)
    }

    /// Where the file of `key` is kept: `photos/4f/4f2a…e1.jpg`, 256 folders so that no folder
    /// holds tens of thousands of files.
    fn path(&self, key: Fp, extension: &str) -> PathBuf {
        let name = format!("{:032x}", key.0);
        self.dir.join(&name[..2]).join(format!("{name}.{extension}"))
    }

    /// `out`, with a made file replaced by a copy of its cached file, made first if it is not
    /// in the cache yet; any other output as it is.
    pub fn resolve(&self, out: Output) -> Result<Output> {
        let Body::Made(made) = &out.body else { return Ok(out) };
        let (path, len) = self.file(made)?;
        let asset = Asset {
            name: out.path.clone(),
            origin: Origin::Made(path),
            len,
            dimensions: Some((made.rendition().width, made.rendition().height)),
            modified: None,
            photo: None,
            located: false,
        };
        Ok(Output { path: out.path, body: Body::Copy(asset) })
    }

    /// The cached file of `made` and its size, made now if it is missing. One `stat` for a
    /// file in the cache: a build publishing 100 photos from it resolves 900 files.
    fn file(&self, made: &Made) -> Result<(PathBuf, u64)> {
        let rendition = made.rendition();
        let path = self.path(made.key(), rendition.encoding.extension());
        if let Ok(meta) = fs::metadata(&path) {
            let whole = |len| !self.checking || looks_whole(&path, rendition.encoding, len);
            if meta.is_file() && meta.len() > 0 && whole(meta.len()) {
                return Ok((path, meta.len()));
            }
        }
        let batch = &made.batch;
        let files = batch.made.get_or_init(|| {
            self.made.fetch_add(1, Ordering::Relaxed);
            let made = make(batch);
            self.tick();
            made
        });
        let bytes = match files {
            Ok(files) => &files[made.index],
            Err(message) => return Err(Error::content(vec![problem(batch, message)])),
        };
        put(&path, bytes)?;
        Ok((path, bytes.len() as u64))
    }

    /// Deletes every cached file no output of the site has (`live`: every output's key), so
    /// that the cache does not grow with every photo ever replaced. Errors only leave files.
    pub fn prune(&self, live: &HashSet<Fp>) -> usize {
        let mut removed = 0;
        let Ok(folders) = fs::read_dir(&self.dir) else { return 0 };
        for folder in folders.flatten() {
            let Ok(files) = fs::read_dir(folder.path()) else { continue };
            for file in files.flatten() {
                let name = file.file_name();
                let name = name.to_string_lossy();
                let key = name.split('.').next().and_then(|k| u128::from_str_radix(k, 16).ok());
                // A temporary file of a build that died is stale too, once it is old.
                let stale = match key {
                    Some(key) => !live.contains(&Fp(key)),
                    None => name.starts_with('.') && older_than_a_day(&file.path()),
                };
                if stale && fs::remove_file(file.path()).is_ok() {
                    removed += 1;
                }
            }
        }
        removed
    }
}

/// Whether the file at `path`, `len` bytes long, looks whole by its ends.
fn looks_whole(path: &Path, encoding: crate::photos::Encoding, len: u64) -> bool {
    use std::io::{Read, Seek, SeekFrom};
    const ENDS: usize = crate::photos::Encoding::ENDS;
    let ends = || -> std::io::Result<([u8; ENDS], [u8; ENDS])> {
        let (mut head, mut tail) = ([0; ENDS], [0; ENDS]);
        let mut file = fs::File::open(path)?;
        file.read_exact(&mut head)?;
        file.seek(SeekFrom::End(-(ENDS as i64)))?;
        file.read_exact(&mut tail)?;
        Ok((head, tail))
    };
    ends().is_ok_and(|(head, tail)| encoding.looks_whole(&head, &tail, len))
}

fn older_than_a_day(path: &Path) -> bool {
    let day = std::time::Duration::from_secs(24 * 3600);
    fs::metadata(path)
        .and_then(|m| m.modified())
        .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > day))
}

/// Writes a cache file in one rename: a half-written file is never taken for a made one, and
/// two builds making the same file at once both leave a whole one.
fn put(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(Error::io(dir))?;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp =
        dir.join(format!(".{name}.tmp-{}-{:?}", std::process::id(), std::thread::current().id()));
    fs::write(&tmp, bytes).map_err(Error::io(&tmp))?;
    fs::rename(&tmp, path).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        Error::Io { path: path.to_path_buf(), source: e }
    })
}

/// Makes every file of a batch: decodes the photo once, or draws the card.
fn make(batch: &Batch) -> std::result::Result<Vec<Vec<u8>>, String> {
    let variants: Vec<process::Variant> =
        batch.items.iter().map(|(r, _)| r.variant(batch.quality)).collect();
    match &batch.source {
        Source::Photo { asset, .. } => {
            let bytes = read(asset).map_err(|e| format!("cannot be read: {e}"))?;
            process::produce(&bytes, batch.max_pixels, &variants).map_err(|e| e.to_string())
        }
        Source::Card { svg, fonts, files, .. } => {
            let svg = svg.draw()?;
            let resource = |href: &str| -> Option<Arc<Vec<u8>>> {
                let (_, asset) = files.iter().find(|(h, _)| h == href)?;
                read(asset).ok().map(Arc::new)
            };
            variants
                .iter()
                .map(|v| {
                    let pixels = card::rasterize(&svg, fonts, v.width, v.height, &resource)?;
                    process::encode_rgb(pixels, v.width, v.height, v).map_err(|e| e.to_string())
                })
                .collect()
        }
    }
}

fn read(asset: &Asset) -> std::io::Result<Vec<u8>> {
    match &asset.origin {
        Origin::Disk(path) | Origin::Made(path) => fs::read(path),
        Origin::Embedded(bytes) => Ok(bytes.to_vec()),
    }
}

/// A batch that could not be made, as the error of the file it comes from.
fn problem(batch: &Batch, message: &str) -> ContentError {
    match &batch.source {
        Source::Photo { asset, .. } => {
            let path = match &asset.origin {
                Origin::Disk(p) | Origin::Made(p) => p.clone(),
                Origin::Embedded(_) => PathBuf::from(&asset.name),
            };
            ContentError::new(path, format!("{message}; replace or remove it"))
        }
        Source::Card { origin: (what, file), .. } => {
            ContentError::new(file, format!("{what} cannot be drawn: {message}"))
        }
    }
}
