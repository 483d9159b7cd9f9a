//! What one build leaves for the next, so that the next does only what changed: the size,
//! times and text fingerprint of each release file it read (so the next build reads only the
//! files that changed, [`crate::load::Stamps`]), each release's parse, by the fingerprint of its
//! file (and bundle, and the config), and each job's fingerprint with the fingerprints of the
//! files it wrote, known by the job's first output path (a job's index moves when a release is
//! added; its path does not).
//!
//! `warta serve` keeps a [`Cache`] in memory; `warta build` keeps it in a folder beside the
//! output folder ([`cache_path`]), never inside it: the cache holds every release, scheduled ones
//! too, and the output folder is what gets uploaded. The cache names the output it describes by
//! the token in the output's marker file (the fingerprint of every file it wrote), so a cache is
//! used only with the output it was written with. It is written before the output is
//! committed, its job records under a name of their own ([`JOBS_NEXT`]) until the commit is
//! done, so a build that dies at any point leaves records of the output as it is. A build
//! interrupted while it updates the output in place leaves files old and new, some added or
//! deleted and some not yet: the next build writes again, or deletes, each file the two
//! records differ on ([`Cache::settle`]). An output missing a file it listed otherwise (deleted
//! by hand) is not updated but replaced: the next build is a full one. A file of the output
//! changed by hand stops the update that would replace or delete it (it checks the files it
//! touches against the marker's proof of them), as it stops a build without the cache, which
//! checks every file: nothing changed in the output is lost without `--force`.

use crate::fingerprint::Fp;
use crate::model::Parsed;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What each cache file starts with; a file that starts otherwise (another version of warta
/// wrote it, or the same version built from other code, or it is not a cache) is ignored.
/// `WARTA_CODE` is the fingerprint of the code (`build.rs`): a warta that parses or renders
/// otherwise must not take the last one's parses and page records for its own.
const MAGIC: &str =
    concat!("warta-cache 16 ", env!("CARGO_PKG_VERSION"), " ", env!("WARTA_CODE"), "\n");

/// The file of the job records, in the cache folder.
pub const JOBS: &str = "jobs";
/// The file of the job records of a build written before its output is committed, and renamed
/// to [`JOBS`] after: if the build dies in between, the next build takes whichever of the two
/// names the output its marker says it is ([`Cache::settle`]).
pub const JOBS_NEXT: &str = "jobs-next";
/// The file of the stamps of the release files read ([`crate::load::Stamps`]).
pub const STAMPS: &str = "stamps";
/// The file of what the search index keeps ([`crate::render::search::Kept`]).
pub const SEARCH: &str = "search";
/// The file of the signed manifest's lines ([`crate::trust::Lines`]).
pub const MANIFEST: &str = "manifest";
/// The file of the releases' QR codes ([`crate::trust::qr::Book`]).
pub const QR: &str = "qr";
/// The file of the output's folders as the last look at its files found them
/// ([`crate::write::Folders`]).
pub const FOLDERS: &str = "folders";
/// The file of the fingerprint of the last build's table of outputs, which had no collision
/// ([`crate::render::checked`]).
pub const TABLE: &str = "table";
/// The parses are spread over this many files by their key, so that an edit rewrites one
/// small file, not the parses of every release.
const SHARDS: usize = 64;

/// What a build left for the next one.
#[derive(Debug, Default, Clone)]
pub struct Cache {
    /// The token of the output this cache describes (the marker's `build:` line).
    pub output: String,
    /// Each release as parsed, before the site is assembled, by its source's key
    /// (`lib::source_key`).
    pub parsed: HashMap<Fp, Arc<Parsed>>,
    /// Each job's fingerprint and the files it wrote, in the plan's order; a job is known
    /// across builds by its first output path ([`JobRecord::key`]).
    pub jobs: Vec<JobRecord>,
    /// The size, times and text fingerprint of each release file as the build read it, so that
    /// the next build reads only the files that changed.
    pub stamps: crate::load::Stamps,
    /// The output's folders as the build's look at its files found them, so that the next
    /// build looks up only the files of folders that changed since.
    pub folders: crate::write::Folders,
    /// What the cache folder held when it was read, so that a file is written again only when
    /// it changed: each file's name and fingerprint; for a shard of parses, the fingerprint of
    /// the keys it holds (a parse is a function of its key, so the keys decide the bytes, and
    /// an unchanged shard need not even be encoded to know it).
    pub files: HashMap<String, Fp>,
    /// What the search index kept, to update after an edit rather than make anew (at 10,000
    /// releases, 60 ms of an edit's build); the releases' terms it holds are those of `parsed`
    /// ([`crate::render::search::Kept::restore`]).
    pub search: Option<Lazy<crate::render::search::Kept>>,
    /// The manifest's lines, to take again for the releases that did not change.
    pub manifest: Option<Lazy<crate::trust::Lines>>,
    /// The releases' QR codes, so that a build draws only the new ones (2 MB at 10,000
    /// releases; choosing a code's mask was 12 % of a cold build's CPU).
    pub qr: Option<Lazy<crate::trust::qr::Book>>,
    /// The fingerprint of the last build's table of outputs, which had no collision: a build
    /// with the same table does not look for collisions again ([`crate::render::checked`]).
    pub table: Option<Fp>,
    /// The job records of [`JOBS_NEXT`], when a build wrote them and died before it renamed
    /// them: the output's token they describe, and the records ([`Cache::settle`]).
    pub pending: Option<(String, Vec<JobRecord>)>,
    /// The files of the output whose bytes the records do not know, nor whether they are
    /// there: an update in place was killed halfway ([`Cache::settle`]). Their jobs render
    /// again; the output is not taken to miss a file warta wrote if one of these is missing.
    pub unsure: std::collections::BTreeSet<String>,
}

/// What `warta serve` takes from a build's cache for its first build, which is otherwise a
/// full one: each release as parsed, by its key, and the stamps of the release files read, so
/// that the releases whose files did not change since are neither read nor parsed again
/// (at 10,000 releases, most of a second of the preview's start). Both are right whatever
/// output the cache describes, and whichever build wrote them: a parse is a function of its
/// key, a stamp a record of a file's state when it was read. `warta serve` never writes the
/// cache.
#[derive(Debug, Default)]
pub struct Memo {
    pub parsed: HashMap<Fp, Arc<Parsed>>,
    pub stamps: crate::load::Stamps,
}

impl Memo {
    /// Whether the file `name` of the cache folder holds a part of a [`Memo`].
    pub fn wants(name: &str) -> bool {
        name == STAMPS || name.starts_with(SHARD_PREFIX) || name.starts_with(BODIES_PREFIX)
    }

    /// The memo of the parts read ([`Memo::wants`]): what does not read is left out.
    pub fn from_parts(parts: Vec<Part>) -> Memo {
        let mut memo = Memo::default();
        let mut shards = Shards::default();
        for part in parts {
            match part.value {
                Value::Stamps(Some(stamps)) => memo.stamps = stamps,
                value => shards.take(&part.name, value),
            }
        }
        memo.parsed = shards.parses().0;
        memo
    }
}

/// A part of the cache that a build may not need: what the search index and the manifest keep
/// (15 MB at 10,000 releases, 20 ms to decode), needed only by a build that renders them.
/// Kept as read, with the fingerprint of what it holds written ahead of it, and decoded by the
/// job that updates it; a build that does not render it hands it back as read, and it is not
/// written again.
#[derive(Debug, Clone)]
pub enum Lazy<T> {
    /// As read from the cache folder: the file's bytes, its value encoded from `at`.
    Read { bytes: Arc<Vec<u8>>, at: usize },
    /// Decoded, or made by this build.
    Value(T),
}

impl<T: serde::de::DeserializeOwned> Lazy<T> {
    /// The file's bytes, if a cache of this warta wrote them and they are whole (the length
    /// written ahead of the value is the value's), with the fingerprint written ahead of it:
    /// the value is not decoded yet. The bytes back if not.
    fn read(bytes: Vec<u8>) -> Result<(Fp, Lazy<T>), Vec<u8>> {
        let head = bytes.strip_prefix(MAGIC.as_bytes()).and_then(|body| {
            let ((key, len), rest) = postcard::take_from_bytes::<(Fp, u64)>(body).ok()?;
            (rest.len() as u64 == len).then(|| (key, bytes.len() - rest.len()))
        });
        match head {
            Some((key, at)) => Ok((key, Lazy::Read { bytes: Arc::new(bytes), at })),
            None => Err(bytes),
        }
    }

    /// The value, decoded if it was read; `None` if its bytes do not decode (the part is then
    /// made anew).
    pub fn value(self) -> Option<T> {
        match self {
            Lazy::Value(value) => Some(value),
            Lazy::Read { bytes, at } => postcard::from_bytes(bytes.get(at..)?).ok(),
        }
    }
}

impl<T: Serialize> Lazy<T> {
    /// Its file, to write with the bytes encoded then, if it must change: not when it is still
    /// as read, nor when a value made anew holds what the file holds (`was`: the fingerprint
    /// the file was read with; `key`: what the value holds, as one fingerprint).
    fn changed(&self, was: Option<&Fp>, key: impl Fn(&T) -> Fp) -> Option<Change<'_>>
    where
        T: Sync,
    {
        match self {
            Lazy::Read { .. } => None,
            Lazy::Value(value) => {
                let key = key(value);
                (was != Some(&key)).then(|| Change::write(move |out| encode_keyed(out, key, value)))
            }
        }
    }
}

/// What writes a file of the cache folder to the writer it is given ([`Change::Write`]).
pub type Encoder<'a> = Box<dyn Fn(&mut dyn Write) -> io::Result<()> + Send + Sync + 'a>;

/// What becomes of one file of the cache folder ([`Cache::changed_files`]).
pub enum Change<'a> {
    /// Written by its encoder, which writes the file's bytes to the writer it is given as it
    /// makes them: when the writer gets to the file, not all at once, and never whole in
    /// memory. At 100,000 releases the cache is 550 MB encoded, the part of the search index
    /// alone 91 MB; encoded into a growing buffer, then copied behind its length, it took
    /// some 350 MB of memory the build touched once (a page fault for every 4 KB of it).
    Write(Encoder<'a>),
    /// Deleted: the cache no longer has it.
    Delete,
}

impl<'a> Change<'a> {
    fn write(encode: impl Fn(&mut dyn Write) -> io::Result<()> + Send + Sync + 'a) -> Self {
        Change::Write(Box::new(encode))
    }

    /// The bytes to write; `None` for a file to delete.
    #[cfg(test)]
    pub fn bytes(&self) -> Option<Vec<u8>> {
        match self {
            Change::Write(encode) => {
                let mut bytes = Vec::new();
                encode(&mut bytes).expect("a Vec takes every byte");
                Some(bytes)
            }
            Change::Delete => None,
        }
    }
}

impl std::fmt::Debug for Change<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Change::Write(_) => "Write",
            Change::Delete => "Delete",
        })
    }
}

/// What one job read and wrote.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct JobRecord {
    /// `None`: a job rendered on every build.
    pub fingerprint: Option<Fp>,
    /// Every file it wrote, with the fingerprint of its bytes; shared, since most records pass
    /// from one build to the next unchanged.
    pub outputs: std::sync::Arc<[(String, Fp)]>,
    /// The fingerprint of `outputs`, worked out once: the output's token covers every job's.
    pub content: Fp,
}

impl JobRecord {
    /// The record of a job with `fingerprint` that wrote `outputs`.
    pub fn new(fingerprint: Option<Fp>, outputs: Vec<(String, Fp)>) -> JobRecord {
        let content = Fp::of(&outputs);
        JobRecord { fingerprint, outputs: outputs.into(), content }
    }

    /// The job's identity across builds: the first path it writes (its index in the plan
    /// moves when a release is added; its path does not).
    pub fn key(&self) -> &str {
        self.outputs.first().map_or("", |(path, _)| path.as_str())
    }
}

/// The parses of one shard, sorted by key, as its file holds them: without their bodies, each
/// with its body's length in bytes; and the fingerprint of the bodies, which are kept apart, one
/// after the other, in a text file of their own ([`bodies_name`]). Read as one text, the bodies
/// are not allocated and copied one by one (25 MB of 48 MB at 10,000 releases): a build after
/// an edit reads back every release and shows the bodies of a few ([`crate::model::Html`]).
#[derive(Debug, Serialize, Deserialize)]
struct Shard<P> {
    entries: Vec<(Fp, P, u64)>,
    bodies: Fp,
}

impl Shard<Parsed> {
    /// The parses with their bodies, the parts of `bodies` (the shard's text of bodies, whose
    /// fingerprint is `fp`); `None` if it is not the text they were written with.
    fn with(self, bodies: &Arc<String>, fp: Fp) -> Option<Vec<(Fp, Parsed)>> {
        if fp != self.bodies {
            return None;
        }
        let mut start = 0usize;
        let parses = self
            .entries
            .into_iter()
            .map(|(key, mut parsed, len)| {
                let end = start.checked_add(usize::try_from(len).ok()?)?;
                parsed.html = crate::model::Html::part(bodies, start, end)?;
                start = end;
                Some((key, parsed))
            })
            .collect::<Option<Vec<_>>>()?;
        (start == bodies.len()).then_some(parses)
    }
}

/// The shards' files as they were read, put together once all are ([`Shards::parses`]).
#[derive(Default)]
struct Shards {
    /// Each shard's parses, by the name of its file.
    heads: HashMap<String, Shard<Parsed>>,
    /// Each shard's text of bodies with its fingerprint, by the name of the shard's file.
    bodies: HashMap<String, (Arc<String>, Fp)>,
}

impl Shards {
    /// Keeps the value of the file `name` if it is a shard's or its bodies'.
    fn take(&mut self, name: &str, value: Value) {
        match value {
            Value::Shard(head) => {
                self.heads.insert(name.to_string(), head);
            }
            Value::Bodies(text, fp) => {
                if let Some(n) = name.strip_prefix(BODIES_PREFIX) {
                    self.bodies.insert(format!("{SHARD_PREFIX}{n}"), (Arc::new(text), fp));
                }
            }
            _ => {}
        }
    }

    /// Every parse whose shard was read with its bodies, by key; and the names of the shards
    /// that were read without them (their file of bodies is missing, or is not the one they
    /// were written with: a build died between the two): their releases are parsed again.
    fn parses(mut self) -> (HashMap<Fp, Arc<Parsed>>, Vec<String>) {
        let mut parsed = HashMap::new();
        let mut without = Vec::new();
        for (name, head) in self.heads {
            let whole = self.bodies.remove(&name).and_then(|(text, fp)| head.with(&text, fp));
            match whole {
                Some(entries) => parsed.extend(entries.into_iter().map(|(k, r)| (k, Arc::new(r)))),
                None => without.push(name),
            }
        }
        (parsed, without)
    }
}

/// A shard's parses to its file ([`Shard`]), without their bodies, which go to a file of their
/// own ([`shard_bodies`], [`bodies_name`]) whose fingerprint is `bodies`.
fn encode_shard(out: &mut dyn Write, entries: &[(&Fp, &Parsed)], bodies: Fp) -> io::Result<()> {
    let entries: Vec<(Fp, &Parsed, u64)> =
        entries.iter().map(|&(key, parsed)| (*key, parsed, parsed.html.len() as u64)).collect();
    encode_to(out, &Shard { entries, bodies })
}

/// The text of a shard's bodies, one after the other.
fn shard_bodies(entries: &[(&Fp, &Parsed)]) -> String {
    let mut text = String::with_capacity(entries.iter().map(|(_, p)| p.html.len()).sum());
    for (_, parsed) in entries {
        text.push_str(&parsed.html);
    }
    text
}

/// One file of the cache folder, decoded as soon as it is read, so that the folder's bytes (44
/// MB at 10,000 releases) are never all in memory at once; but what the search index and the
/// manifest keep, which a build may not need, is kept as read ([`Lazy`]).
#[derive(Debug)]
pub struct Part {
    name: String,
    /// The fingerprint of what it holds, as `Cache::changed_files` works it out; of its bytes
    /// when it does not read.
    key: Fp,
    value: Value,
}

#[derive(Debug)]
enum Value {
    Jobs(Option<(String, Vec<JobRecord>)>),
    Pending(Option<(String, Vec<JobRecord>)>),
    Stamps(Option<crate::load::Stamps>),
    Folders(Option<crate::write::Folders>),
    Search(Lazy<crate::render::search::Kept>),
    Manifest(Lazy<crate::trust::Lines>),
    Qr(Lazy<crate::trust::qr::Book>),
    Table(Option<Fp>),
    Shard(Shard<Parsed>),
    /// A shard's text of bodies, and its fingerprint.
    Bodies(String, Fp),
    /// Not a file of the cache, or a shard that does not read.
    Other,
}

impl Value {
    /// A part kept as read ([`Lazy::read`]) with its fingerprint; [`Value::Other`], known by
    /// its bytes, if they are not such a part.
    fn lazy<T: serde::de::DeserializeOwned>(
        bytes: Vec<u8>,
        part: fn(Lazy<T>) -> Value,
    ) -> (Fp, Value) {
        match Lazy::read(bytes) {
            Ok((key, lazy)) => (key, part(lazy)),
            Err(bytes) => (Fp::of_bytes(&bytes), Value::Other),
        }
    }
}

impl Part {
    /// Decodes the file `name` of the cache folder (what the search index and the manifest
    /// keep only as far as the fingerprint written ahead of them, see [`Lazy`]).
    pub fn read(name: String, bytes: Vec<u8>) -> Part {
        let of_bytes = |bytes: &[u8]| Fp::of_bytes(bytes);
        // The job records, the stamps and the folders with the fingerprint of what they hold
        // written ahead of them (`encode_keyed`), as the build that wrote them worked it out:
        // not worked out again here (for the stamps, a sort and a hash of 10,000 paths).
        let (key, value) = if name == JOBS || name == JOBS_NEXT {
            let (key, jobs) = keyed::<(String, Vec<JobRecord>)>(&bytes);
            (key, if name == JOBS { Value::Jobs(jobs) } else { Value::Pending(jobs) })
        } else if name == STAMPS {
            let (key, stamps) = keyed(&bytes);
            (key, Value::Stamps(stamps))
        } else if name == FOLDERS {
            let (key, folders) = keyed(&bytes);
            (key, Value::Folders(folders))
        } else if name == TABLE {
            let table = decode::<Fp>(&bytes);
            (table.map_or_else(|| of_bytes(&bytes), |t| Fp::of(&t)), Value::Table(table))
        } else if name == SEARCH {
            Value::lazy(bytes, Value::Search)
        } else if name == MANIFEST {
            Value::lazy(bytes, Value::Manifest)
        } else if name == QR {
            Value::lazy(bytes, Value::Qr)
        } else if name.starts_with(SHARD_PREFIX) {
            match decode::<Shard<Parsed>>(&bytes) {
                Some(head) => {
                    (shard_key(head.entries.iter().map(|(k, _, _)| k)), Value::Shard(head))
                }
                None => (of_bytes(&bytes), Value::Other),
            }
        } else if name.starts_with(BODIES_PREFIX) {
            // Its fingerprint is what the shard's file names it by; it is that of its bytes,
            // whether or not they read.
            let fp = of_bytes(&bytes);
            match String::from_utf8(bytes) {
                Ok(text) => (fp, Value::Bodies(text, fp)),
                Err(_) => (fp, Value::Other),
            }
        } else {
            (of_bytes(&bytes), Value::Other)
        };
        Part { name, key, value }
    }
}

/// The fingerprint recorded for a file whose bytes are not known (an update in place was
/// interrupted: it may be old or new, [`Cache::settle`]): the fingerprint of no file's bytes,
/// so the file is written again whatever its job renders.
fn unknown() -> Fp {
    Fp::of(&"warta: a file an interrupted update may have left old or new")
}

/// The number of the shard that holds the parse with this key.
fn shard(key: Fp) -> usize {
    (key.0 % SHARDS as u128) as usize
}

/// What the name of a shard's file starts with.
const SHARD_PREFIX: &str = "parsed-";
/// What the name of the file of a shard's bodies starts with.
const BODIES_PREFIX: &str = "bodies-";

/// The name of shard `n`'s file.
fn shard_name(n: usize) -> String {
    format!("{SHARD_PREFIX}{n:02}")
}

/// The name of the file of shard `n`'s bodies.
fn bodies_name(n: usize) -> String {
    format!("{BODIES_PREFIX}{n:02}")
}

/// What the job records' file holds, as one fingerprint of the values, not of their bytes: an
/// unchanged file is then known without encoding it (4 MB at 10,000 releases).
fn jobs_key(output: &str, jobs: &[JobRecord]) -> Fp {
    Fp::of(&(output, jobs))
}

/// What the stamps' file holds, as [`jobs_key`] for the job records.
fn stamps_key(stamps: &crate::load::Stamps) -> Fp {
    Fp::of(&stamps.sorted())
}

/// What a shard's file holds, as [`jobs_key`]: a parse is a function of its key, so the keys
/// (sorted) decide the bytes, and an unchanged shard need not even be encoded to know it.
fn shard_key<'a>(keys: impl Iterator<Item = &'a Fp>) -> Fp {
    Fp::of(&keys.collect::<Vec<_>>())
}

/// `value` as a cache file holds it: [`MAGIC`], then its encoding.
pub(crate) fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    // Into a Vec of its size: growing one doubling at a time copies it and touches twice the
    // memory. Serialising plain data into a Vec cannot fail; if it did, an empty file is no
    // cache.
    let size = encoded_len(value).unwrap_or_default();
    let mut bytes = Vec::with_capacity(MAGIC.len() + size);
    bytes.extend_from_slice(MAGIC.as_bytes());
    postcard::to_extend(value, bytes).unwrap_or_default()
}

/// The length of `value`'s encoding, counted without making it.
fn encoded_len<T: Serialize + ?Sized>(value: &T) -> postcard::Result<usize> {
    postcard::serialize_with_flavor(value, postcard::ser_flavors::Size::default())
}

/// [`encode`], written to `out` as it is made.
fn encode_to<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    out.write_all(MAGIC.as_bytes())?;
    postcard_to(out, value)
}

/// [`encode_to`] with the fingerprint of what `value` holds and the length of its encoding
/// written ahead of it, read back by [`Lazy::read`] without decoding the value. The length is
/// worked out first, by a pass that counts the bytes without making them.
fn encode_keyed<T: Serialize>(out: &mut dyn Write, key: Fp, value: &T) -> io::Result<()> {
    let len = encoded_len(value).map_err(io::Error::other)?;
    encode_to(out, &(key, len as u64))?;
    postcard_to(out, value)
}

/// `value`'s encoding, written to `out`; the error is the writer's, when it failed (postcard
/// reports any failed write as a full buffer, and a full disk should read as one).
fn postcard_to<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    let mut keeping = Keeping { out, error: None };
    match postcard::to_io(value, &mut keeping) {
        Ok(_) => Ok(()),
        Err(e) => Err(keeping.error.take().unwrap_or_else(|| io::Error::other(e))),
    }
}

/// A writer that keeps the error its writer failed with ([`postcard_to`]).
struct Keeping<'a> {
    out: &'a mut dyn Write,
    error: Option<io::Error>,
}

impl Keeping<'_> {
    /// Keeps the first error, handing postcard one of the same kind.
    fn keep(&mut self, e: io::Error) -> io::Error {
        let kind = e.kind();
        self.error.get_or_insert(e);
        io::Error::from(kind)
    }
}

impl Write for Keeping<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.out.write(bytes).map_err(|e| self.keep(e))
    }

    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes).map_err(|e| self.keep(e))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

pub(crate) fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    postcard::from_bytes(bytes.strip_prefix(MAGIC.as_bytes())?).ok()
}

/// [`decode_keyed`], or the fingerprint of the bytes and no value if they do not read.
fn keyed<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> (Fp, Option<T>) {
    decode_keyed(bytes).map_or_else(|| (Fp::of_bytes(bytes), None), |(key, v)| (key, Some(v)))
}

/// What [`encode_keyed`] wrote: the fingerprint written ahead of the value, and the value, if
/// the file is whole (the length written ahead of the value is the value's).
fn decode_keyed<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Option<(Fp, T)> {
    let body = bytes.strip_prefix(MAGIC.as_bytes())?;
    let ((key, len), rest) = postcard::take_from_bytes::<(Fp, u64)>(body).ok()?;
    (rest.len() as u64 == len).then_some(())?;
    Some((key, postcard::from_bytes(rest).ok()?))
}

/// Reads a shared text of the cache (`#[serde(deserialize_with = ...)]`) straight into its
/// `Arc`: serde's own `Arc<str>` reads a `String`, then copies it into the `Arc`, so every
/// release's body was allocated and copied twice when the cache was read (the bodies are 242
/// MB at 100,000 releases, and this machine pays a second of CPU per fresh GB it touches).
pub(crate) fn shared_str<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Arc<str>, D::Error> {
    struct Shared;
    impl serde::de::Visitor<'_> for Shared {
        type Value = Arc<str>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a text")
        }

        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Arc<str>, E> {
            Ok(Arc::from(text))
        }
    }
    d.deserialize_str(Shared)
}

impl Cache {
    /// The cache from the files of its folder (name, bytes), or `None` if they are not a cache
    /// of this warta (another version, a truncated file): a build without a cache is only
    /// slower. A shard that does not read is left out: its releases are parsed again.
    #[cfg(test)]
    pub fn from_files(files: Vec<(String, Vec<u8>)>) -> Option<Cache> {
        use rayon::prelude::*;
        Cache::from_parts(
            files.into_par_iter().map(|(name, bytes)| Part::read(name, bytes)).collect(),
        )
    }

    /// The cache from the files of its folder, each decoded as it was read ([`Part::read`]), or
    /// `None` if they are not a cache of this warta (another version, a truncated file): a
    /// build without a cache is only slower. A shard that does not read is left out: its
    /// releases are parsed again.
    pub fn from_parts(parts: Vec<Part>) -> Option<Cache> {
        let mut jobs = None;
        let mut pending = None;
        let mut stamps = None;
        let mut folders = None;
        let mut search = None;
        let mut manifest = None;
        let mut qr = None;
        let mut table = None;
        let mut seen: HashMap<String, Fp> = HashMap::new();
        let mut shards = Shards::default();
        for part in parts {
            // Each file by the fingerprint of what it holds, which is what `changed_files`
            // compares; one that does not read, by the fingerprint of its bytes.
            let name = part.name;
            seen.insert(name.clone(), part.key);
            match part.value {
                Value::Jobs(j) => jobs = Some(j),
                Value::Pending(j) => pending = j,
                Value::Stamps(s) => stamps = s,
                Value::Folders(f) => folders = f,
                Value::Search(s) => search = Some(s),
                Value::Manifest(m) => manifest = Some(m),
                Value::Qr(q) => qr = Some(q),
                Value::Table(t) => table = t,
                value @ (Value::Shard(_) | Value::Bodies(..)) => shards.take(&name, value),
                Value::Other => {}
            }
        }
        // A shard read without its bodies is written again, though its parses are the same.
        let (parsed, without) = shards.parses();
        for name in without {
            seen.insert(name, unknown());
        }
        // Job records that do not read: the rest cannot be trusted to be this warta's either.
        // None at all, but pending ones: a first build that died before it renamed them.
        let (output, jobs) = match jobs {
            Some(jobs) => jobs?,
            None => pending.as_ref().map(|_| (String::new(), Vec::new()))?,
        };
        // Without stamps every release file is read, as before there were any.
        let stamps = stamps.unwrap_or_default();
        // Without them every file of the output is looked up.
        let folders = folders.unwrap_or_default();
        Some(Cache {
            output,
            parsed,
            jobs,
            stamps,
            folders,
            files: seen,
            search,
            manifest,
            qr,
            table,
            pending,
            unsure: Default::default(),
        })
    }

    /// Takes the pending job records ([`JOBS_NEXT`]) in place of the others if they describe
    /// the output whose marker names the build `marker`: the build that wrote them died after
    /// it committed its output and before it renamed them. It may also have died while it
    /// updated the output in place (the marker then names its token with `-updating`,
    /// [`crate::write::updating`]): each file is then old or new, and where the two records
    /// differ on a file, or only one has it, it is not known which, or whether it is there.
    /// The records taken are then the new ones with those files marked unknown, and one more
    /// record for the old files the new ones lack; each such file goes in [`Cache::unsure`].
    /// The next build renders the jobs of unknown files again and writes them (or deletes
    /// them), and updates the rest of the output in place.
    /// Otherwise (it died before the commit, or its commit failed) the records are the others,
    /// and the pending ones are dropped; the next write of the cache removes their file.
    /// Whether the pending records were taken: the cache folder must then hold the records
    /// taken as [`JOBS`] before the output changes again ([`Cache::settled_files`]).
    pub fn settle(&mut self, marker: Option<&str>) -> bool {
        let Some((output, jobs)) = self.pending.take() else { return false };
        let Some(marker) = marker else { return false };
        if marker == output {
            (self.output, self.jobs) = (output, jobs);
            return true;
        }
        if marker != crate::write::updating(&output) {
            return false;
        }
        let unknown = unknown();
        let mut unsure = std::collections::BTreeSet::new();
        let (mut jobs, gone) = {
            let old: foldhash::HashMap<&str, Fp> = self
                .jobs
                .iter()
                .flat_map(|r| r.outputs.iter().map(|(p, fp)| (p.as_str(), *fp)))
                .collect();
            let new: foldhash::HashSet<&str> =
                jobs.iter().flat_map(|r| r.outputs.iter().map(|(p, _)| p.as_str())).collect();
            // The old files the new records lack, in the old records' order: an update deletes
            // them last, so they may still be there.
            let gone: Vec<(String, Fp)> = self
                .jobs
                .iter()
                .flat_map(|r| r.outputs.iter())
                .filter(|(p, _)| !new.contains(p.as_str()))
                .map(|(p, _)| (p.clone(), unknown))
                .collect();
            let known = |(p, fp): &(String, Fp)| old.get(p.as_str()) == Some(fp);
            let jobs: Vec<JobRecord> = jobs
                .iter()
                .map(|record| {
                    if record.outputs.iter().all(known) {
                        return record.clone();
                    }
                    let outputs = record.outputs.iter().map(|out| {
                        if known(out) {
                            out.clone()
                        } else {
                            unsure.insert(out.0.clone());
                            (out.0.clone(), unknown)
                        }
                    });
                    JobRecord::new(None, outputs.collect())
                })
                .collect();
            (jobs, gone)
        };
        unsure.extend(gone.iter().map(|(p, _)| p.clone()));
        if !gone.is_empty() {
            jobs.push(JobRecord::new(None, gone));
        }
        (self.output, self.jobs, self.unsure) = (marker.to_string(), jobs, unsure);
        true
    }

    /// Every file of the output the job records describe.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.jobs.iter().flat_map(|j| j.outputs.iter().map(|(p, _)| p.as_str()))
    }

    /// After [`Cache::settle`] took the pending records: the files that make the cache folder
    /// hold them as its job records ([`JOBS`], and no [`JOBS_NEXT`]), to write under the
    /// output's lock, before this build changes the output. Otherwise, were this build to die halfway through its own
    /// update, the next would start from the records of the output before the first build
    /// that died, and take a file that build changed for one it did not.
    pub fn settled_files(&self) -> Vec<(String, Change<'_>)> {
        let jobs = (&self.output, &self.jobs);
        let key = jobs_key(&self.output, &self.jobs);
        let mut files =
            vec![(JOBS.to_string(), Change::write(move |out| encode_keyed(out, key, &jobs)))];
        if self.files.contains_key(JOBS_NEXT) {
            files.push((JOBS_NEXT.to_string(), Change::Delete));
        }
        files
    }

    /// Notes that [`Cache::settled_files`] were written.
    pub fn settled_written(&mut self) {
        self.files.insert(JOBS.to_string(), jobs_key(&self.output, &self.jobs));
        self.files.remove(JOBS_NEXT);
    }

    /// The files of the cache folder to write before the output is committed: those of
    /// [`Cache::changed_files`], with the job records (which describe the output about to be
    /// committed) written to [`JOBS_NEXT`], for [`crate::write::confirm_cache`] to rename once
    /// the output is in place. Everything else the cache holds serves whatever output is
    /// there, so a build that dies at any point leaves a cache that describes the output as it
    /// is, and the next build updates it, rather than writing all of it anew beside it.
    pub fn files_before_commit(&self) -> Vec<(String, Change<'_>)> {
        let mut files = self.changed_files();
        if files.iter().any(|(name, _)| name == JOBS) {
            files.retain(|(name, _)| name != JOBS_NEXT);
            for (name, _) in &mut files {
                if name == JOBS {
                    *name = JOBS_NEXT.to_string();
                }
            }
        }
        files
    }

    /// The files of the cache folder that must change for it to hold this cache: each name
    /// with what becomes of it. Files that would come out the same are left out, so a build
    /// that changed nothing writes nothing; what changed is encoded only when it is written.
    pub fn changed_files(&self) -> Vec<(String, Change<'_>)> {
        use rayon::prelude::*;
        let mut shards: Vec<Vec<(&Fp, &Parsed)>> = vec![Vec::new(); SHARDS];
        for (key, release) in &self.parsed {
            shards[shard(*key)].push((key, release));
        }
        let kept: Vec<String> = (0..SHARDS)
            .filter(|&n| !shards[n].is_empty())
            .flat_map(|n| [shard_name(n), bodies_name(n)])
            .collect();
        let unchanged = |name: &str, key: Fp| self.files.get(name) == Some(&key);
        // The job records, the stamps, and what the search index and the manifest keep are
        // compared while the shards are.
        let (mut out, ((jobs, stamps), (search, (manifest, qr)))) = rayon::join(
            || {
                shards
                    .into_par_iter()
                    .enumerate()
                    .filter(|(_, entries)| !entries.is_empty())
                    .flat_map_iter(|(n, mut entries)| {
                        entries.sort_unstable_by_key(|(key, _)| **key);
                        let name = shard_name(n);
                        let key = shard_key(entries.iter().map(|(k, _)| *k));
                        // Its bodies with it: the shard's file names them by their fingerprint.
                        let changed = !unchanged(&name, key);
                        changed
                            .then(|| {
                                let bodies = shard_bodies(&entries);
                                let fp = Fp::of_bytes(bodies.as_bytes());
                                let shard =
                                    move |out: &mut dyn Write| encode_shard(out, &entries, fp);
                                let text =
                                    move |out: &mut dyn Write| out.write_all(bodies.as_bytes());
                                [
                                    (bodies_name(n), Change::write(text)),
                                    (name, Change::write(shard)),
                                ]
                            })
                            .into_iter()
                            .flatten()
                    })
                    .collect::<Vec<(String, Change<'_>)>>()
            },
            || {
                rayon::join(
                    || {
                        rayon::join(
                            || {
                                let key = jobs_key(&self.output, &self.jobs);
                                let jobs = (&self.output, &self.jobs);
                                (!unchanged(JOBS, key)).then(|| {
                                    Change::write(move |out| encode_keyed(out, key, &jobs))
                                })
                            },
                            || {
                                let key = stamps_key(&self.stamps);
                                let stamps = &self.stamps;
                                (!unchanged(STAMPS, key)).then(|| {
                                    Change::write(move |out| encode_keyed(out, key, stamps))
                                })
                            },
                        )
                    },
                    || {
                        rayon::join(
                            || {
                                let search = self.search.as_ref()?;
                                search.changed(
                                    self.files.get(SEARCH),
                                    crate::render::search::Kept::key,
                                )
                            },
                            || {
                                rayon::join(
                                    || {
                                        let lines = self.manifest.as_ref()?;
                                        lines.changed(
                                            self.files.get(MANIFEST),
                                            crate::trust::Lines::key,
                                        )
                                    },
                                    || {
                                        let book = self.qr.as_ref()?;
                                        book.changed(
                                            self.files.get(QR),
                                            crate::trust::qr::Book::key,
                                        )
                                    },
                                )
                            },
                        )
                    },
                )
            },
        );
        // The output's folders, when any were recorded: a build that replaced the output
        // leaves none, and the file goes.
        let folders_key = Fp::of(&self.folders);
        let folders = (!self.folders.is_empty() && !unchanged(FOLDERS, folders_key))
            .then(|| Change::write(move |out| encode_keyed(out, folders_key, &self.folders)));
        let table = self
            .table
            .filter(|t| !unchanged(TABLE, Fp::of(t)))
            .map(|t| Change::write(move |out| encode_to(out, &t)));
        let parts = [
            (JOBS, jobs),
            (STAMPS, stamps),
            (FOLDERS, folders),
            (SEARCH, search),
            (MANIFEST, manifest),
            (QR, qr),
            (TABLE, table),
        ];
        for (name, change) in parts {
            if let Some(change) = change {
                out.push((name.to_string(), change));
            }
        }
        let mut kept: std::collections::HashSet<String> = kept.into_iter().collect();
        // The record of the last successful build is `warta deploy`'s, rewritten once the
        // output is committed: a build that fails must leave it, or a deploy after the failure
        // cannot tell the output is older than the site (found by helper-26, stop 48).
        kept.extend([JOBS, STAMPS, crate::write::built::RECORD].map(str::to_string));
        let lazy = [
            (FOLDERS, !self.folders.is_empty()),
            (SEARCH, self.search.is_some()),
            (MANIFEST, self.manifest.is_some()),
            (QR, self.qr.is_some()),
            (TABLE, self.table.is_some()),
        ];
        for (name, there) in lazy {
            if there {
                kept.insert(name.to_string());
            }
        }
        let mut gone: Vec<String> =
            self.files.keys().filter(|n| !kept.contains(*n)).cloned().collect();
        gone.sort();
        out.extend(gone.into_iter().map(|n| (n, Change::Delete)));
        out
    }
}

/// The folder beside the output folder that holds its cache: `.public.warta-cache/` for
/// `public/`.
pub fn cache_path(output: &Path) -> PathBuf {
    let name = output.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy());
    output.with_file_name(format!(".{name}.warta-cache"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The files a cache writes into an empty folder, each with its bytes.
    fn written(cache: &Cache) -> Vec<(String, Vec<u8>)> {
        let files = cache.changed_files().into_iter();
        files.map(|(name, change)| (name, change.bytes().expect("written"))).collect()
    }

    #[test]
    fn a_shared_text_reads_back_as_serdes_own_arc_reads_it() {
        #[derive(Debug, PartialEq, Serialize, Deserialize)]
        struct Held {
            #[serde(deserialize_with = "shared_str")]
            text: Arc<str>,
            after: u32,
        }
        for text in ["", "Denpasar (Humas Bali) – <p>Isi</p>", "\u{1F600}\0\u{FFFD}"] {
            let held = Held { text: text.into(), after: 7 };
            let bytes = encode(&held);
            let back: Held = decode(&bytes).expect("reads back");
            assert_eq!(back, held);
            let by_serde: (Arc<str>, u32) = decode(&bytes).expect("serde's own reads it");
            assert_eq!((back.text, back.after), by_serde, "the same encoding as serde's Arc<str>");
        }
        // Bytes that are not UTF-8 where the text was (a damaged file): no value, no panic.
        assert_eq!(decode::<Held>(&encode(&(vec![0xffu8, 0xfe], 1u32))), None);
    }

    #[test]
    fn a_cache_reads_back_writes_only_what_changed_and_a_foreign_file_is_ignored() {
        let mut cache = Cache { output: "t1".into(), ..Cache::default() };
        cache.jobs.push(JobRecord::new(Some(Fp(7)), vec![("index.html".into(), Fp(9))]));
        let files = written(&cache);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, [JOBS, STAMPS], "no releases: only the job records and stamps");
        let back = Cache::from_files(files.clone()).expect("reads back");
        assert_eq!((back.output.as_str(), &back.jobs), ("t1", &cache.jobs));
        assert!(back.changed_files().is_empty(), "nothing changed, nothing to write");
        let mut other = back.clone();
        other.output = "t2".into();
        assert_eq!(other.changed_files().len(), 1);
        let mut stamped = back.clone();
        let state = crate::load::FileState { len: 3, modified: None, changed: 1, inode: 2 };
        let stamp = crate::load::Stamp {
            state,
            digest: Fp(5),
            warning: None,
            seen: std::time::SystemTime::UNIX_EPOCH,
        };
        stamped.stamps.files.insert(PathBuf::from("content/a.md"), stamp);
        let written = stamped.changed_files();
        assert_eq!(written.len(), 1, "one file read: the stamps change");
        let again = Cache::from_files(vec![
            files[0].clone(),
            (STAMPS.into(), written[0].1.bytes().expect("bytes")),
        ]);
        assert_eq!(again.expect("reads back").stamps, stamped.stamps);
        // A stamps file that does not read is written again, even with the same (no) stamps.
        let broken = vec![files[0].clone(), (STAMPS.to_string(), b"warta-cache 0".to_vec())];
        let back = Cache::from_files(broken).expect("the job records read");
        assert_eq!(back.changed_files().iter().map(|f| f.0.as_str()).collect::<Vec<_>>(), [STAMPS]);
        let (name, bytes) = &files[0];
        assert!(
            Cache::from_files(vec![(name.clone(), bytes[..bytes.len() - 1].to_vec())]).is_none()
        );
        let old = b"warta-cache 0 0.0.1\n...".to_vec();
        assert!(Cache::from_files(vec![(JOBS.to_string(), old)]).is_none());
    }

    /// A warta of the same version built from other code (from the repository, between two
    /// releases) parses and renders otherwise: its cache is not this one's. Until stop 46 it
    /// was, and a fix of the typed initials reached no release that had not changed.
    #[test]
    fn a_cache_of_the_same_version_built_from_other_code_is_ignored() {
        let mut cache = Cache { output: "t1".into(), ..Cache::default() };
        cache.jobs.push(JobRecord::new(Some(Fp(7)), vec![("index.html".into(), Fp(9))]));
        let (name, bytes) = written(&cache).swap_remove(0);
        assert!(Cache::from_files(vec![(name.clone(), bytes.clone())]).is_some());
        let code = env!("WARTA_CODE");
        assert_eq!(code.len(), 16, "{code}");
        let other =
            if code == "0000000000000000" { "0000000000000001" } else { "0000000000000000" };
        let text = String::from_utf8_lossy(&bytes[..MAGIC.len()]).replace(code, other);
        let moved = [text.as_bytes(), &bytes[MAGIC.len()..]].concat();
        assert_eq!(moved.len(), bytes.len());
        assert!(Cache::from_files(vec![(name, moved)]).is_none());
    }

    #[test]
    fn job_records_written_before_a_commit_are_taken_only_for_the_output_they_describe() {
        let record = |path: &str| JobRecord::new(Some(Fp(7)), vec![(path.into(), Fp(9))]);
        let old = Cache { output: "old".into(), jobs: vec![record("a.html")], ..Cache::default() };
        let on_disk = written(&old);
        // The next build writes its records under the other name, and only them: the stamps
        // did not change.
        let mut new = Cache::from_files(on_disk.clone()).expect("reads back");
        (new.output, new.jobs) = ("new".into(), vec![record("b.html")]);
        let before: Vec<(String, Vec<u8>)> = new
            .files_before_commit()
            .into_iter()
            .map(|(name, change)| (name, change.bytes().expect("written")))
            .collect();
        assert_eq!(before.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(), [JOBS_NEXT]);
        // It died after its commit: the marker names the new build, whose records are taken.
        let mut both = on_disk.clone();
        both.extend(before.clone());
        let mut died = Cache::from_files(both.clone()).expect("reads back");
        assert_eq!(died.pending.as_ref().map(|p| p.0.as_str()), Some("new"));
        died.settle(Some("new"));
        assert_eq!((died.output.as_str(), &died.jobs), ("new", &new.jobs));
        assert!(died.pending.is_none());
        // The next write puts them in their place, and writes no second copy.
        let names = |c: &Cache| -> Vec<String> {
            c.files_before_commit().into_iter().map(|(name, _)| name).collect()
        };
        assert_eq!(names(&died), [JOBS_NEXT]);
        // It died before its commit, or the commit failed: the old records stay, and the
        // pending ones' file goes with the next write.
        for marker in [Some("old"), Some("old-updating"), None] {
            let mut died = Cache::from_files(both.clone()).expect("reads back");
            died.settle(marker);
            assert_eq!((died.output.as_str(), &died.jobs), ("old", &old.jobs), "{marker:?}");
            let files = died.files_before_commit();
            assert!(matches!(files.as_slice(), [(name, Change::Delete)] if name == JOBS_NEXT));
        }
        // It died while it updated the output in place: the new records, with each file the
        // two differ on, or only one has, unknown; a job with one renders again, and the old
        // files the new records lack have a record of their own, to be deleted.
        let updating = crate::write::updating("new");
        let mut died = Cache::from_files(both.clone()).expect("reads back");
        died.settle(Some(&updating));
        assert_eq!(died.output, updating, "the output as its marker names it");
        let unknown = unknown();
        assert!(![Fp(1), Fp(2), Fp(9)].contains(&unknown));
        let b = JobRecord::new(None, vec![("b.html".into(), unknown)]);
        let a = JobRecord::new(None, vec![("a.html".into(), unknown)]);
        assert_eq!(died.jobs, [b, a]);
        assert_eq!(died.unsure.iter().collect::<Vec<_>>(), ["a.html", "b.html"]);
        // An edit: the file the two records agree on is known, its job's record kept.
        let two = |fp: u128| {
            vec![record("a.html"), JobRecord::new(Some(Fp(fp)), vec![("c.html".into(), Fp(fp))])]
        };
        let mut edited = Cache { output: "old".into(), jobs: two(1), ..Cache::default() };
        edited.pending = Some(("new".into(), two(2)));
        edited.settle(Some(&updating));
        assert_eq!(edited.output, updating);
        assert_eq!(edited.jobs[0], record("a.html"), "the same in both: known");
        assert_eq!(edited.jobs[1], JobRecord::new(None, vec![("c.html".into(), unknown)]));
        assert_eq!(edited.jobs.len(), 2, "no file gone");
        assert_eq!(edited.unsure.iter().collect::<Vec<_>>(), ["c.html"]);
        // A first build that died after its commit left no other records.
        let mut first = Cache::from_files(before).expect("pending records alone read");
        assert_eq!((first.output.as_str(), first.jobs.len()), ("", 0));
        first.settle(Some("new"));
        assert_eq!((first.output.as_str(), &first.jobs), ("new", &new.jobs));
    }

    #[test]
    fn a_part_read_lazily_is_decoded_only_when_taken_and_written_only_when_it_changed() {
        let lines = crate::trust::Lines::default();
        let cache = Cache {
            output: "t1".into(),
            manifest: Some(Lazy::Value(lines.clone())),
            ..Cache::default()
        };
        let files = written(&cache);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, [JOBS, STAMPS, MANIFEST]);
        let back = Cache::from_files(files.clone()).expect("reads back");
        assert!(matches!(back.manifest, Some(Lazy::Read { .. })), "not decoded when read");
        assert!(back.changed_files().is_empty(), "handed back as read: not written");
        // Taken, decoded, and made again the same: not written either.
        let mut taken = back.clone();
        let value = taken.manifest.take().and_then(Lazy::value).expect("decodes");
        assert_eq!(value.key(), lines.key());
        taken.manifest = Some(Lazy::Value(value));
        assert!(taken.changed_files().is_empty());
        // A file cut short is not read as the part, and the part made anew is written again,
        // though it holds what the whole file held.
        let mut cut = files.clone();
        cut[2].1.pop();
        let mut cut = Cache::from_files(cut).expect("the job records read");
        assert!(cut.manifest.is_none());
        cut.manifest = Some(Lazy::Value(lines));
        let written = cut.changed_files();
        assert_eq!(written.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(), [MANIFEST]);
        assert_eq!(written[0].1.bytes().as_deref(), Some(files[2].1.as_slice()));
    }

    #[test]
    fn the_qr_codes_read_back_lazily_and_are_written_again_only_when_a_code_changed() {
        use crate::trust::qr::{Book, Code};
        let link = "https://humas.example.go.id/cek/?k=HUM-7Q4M-2CXH";
        let mut book = Book::default();
        book.insert("a".into(), Fp::of_bytes(link.as_bytes()), Code::of(link).expect("a code"));
        let cache =
            Cache { output: "t1".into(), qr: Some(Lazy::Value(book.clone())), ..Cache::default() };
        let files = written(&cache);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, [JOBS, STAMPS, QR]);
        let back = Cache::from_files(files).expect("reads back");
        assert!(matches!(back.qr, Some(Lazy::Read { .. })), "not decoded when read");
        assert!(back.changed_files().is_empty());
        let decoded = back.qr.clone().and_then(Lazy::value).expect("decodes");
        assert_eq!(decoded, book);
        let code = decoded.get("a", Fp::of_bytes(link.as_bytes())).expect("the code");
        assert_eq!(code.svg(112), crate::trust::qr::svg(link, 112), "drawn as from its link");
        assert!(decoded.get("a", Fp::of_bytes(b"https://other/cek/?k=HUM-7Q4M-2CXH")).is_none());
        let mut same = back.clone();
        same.qr = Some(Lazy::Value(decoded.clone()));
        assert!(same.changed_files().is_empty(), "the same codes: not written again");
        let mut moved = decoded;
        let other = "https://humas.example.go.id/berita/cek/?k=HUM-7Q4M-2CXH";
        moved.insert("a".into(), Fp::of_bytes(other.as_bytes()), Code::of(other).expect("code"));
        same.qr = Some(Lazy::Value(moved));
        let written = same.changed_files();
        assert_eq!(written.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(), [QR]);
        // A cache that no longer has the book deletes its file.
        let mut none = back;
        none.qr = None;
        let gone = none.changed_files();
        assert!(matches!(gone.as_slice(), [(name, Change::Delete)] if name == QR));
    }

    #[test]
    fn a_part_is_written_as_it_is_encoded_and_a_failed_write_says_why() {
        let jobs = vec![JobRecord::new(Some(Fp(7)), vec![("a/index.html".into(), Fp(9))]); 3];
        let value = ("t1".to_string(), jobs);
        let mut streamed = Vec::new();
        encode_to(&mut streamed, &value).expect("written");
        assert_eq!(streamed, encode(&value), "the same bytes as encoded whole");
        assert_eq!(encode(&value).capacity(), encode(&value).len(), "a Vec of its size");
        // A keyed part: its length is counted ahead of it, and it reads back.
        let mut keyed = Vec::new();
        encode_keyed(&mut keyed, Fp(5), &value).expect("written");
        let (key, lazy) = Lazy::<(String, Vec<JobRecord>)>::read(keyed).expect("whole");
        assert_eq!((key, lazy.value()), (Fp(5), Some(value.clone())));
        /// A disk that fills after `room` bytes.
        struct Full {
            room: usize,
        }
        impl Write for Full {
            fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
                if bytes.len() > self.room {
                    return Err(io::Error::new(io::ErrorKind::StorageFull, "no space left"));
                }
                self.room -= bytes.len();
                Ok(bytes.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        for room in [0, MAGIC.len() + 3, 40] {
            let mut out = Full { room };
            let error = encode_keyed(&mut out, Fp(5), &value).expect_err("the disk is full");
            assert_eq!(error.kind(), io::ErrorKind::StorageFull, "at {room}: {error}");
            assert_eq!(error.to_string(), "no space left");
        }
    }

    /// A release parsed from `body`, with `key`.
    fn parse(key: u128, body: &str) -> (Fp, Arc<Parsed>) {
        let site = "title: Humas Uji\nbase_url: https://humas.example.go.id/\n\
            units:\n  humas: {name: Humas Uji, short: Humas Uji, place: Denpasar}\n\
            authors:\n  sn: {name: Sri Nuraini}\n";
        let config = crate::config::parse(Path::new("site.yaml"), site).expect("a valid site");
        let text = format!(
            "---\ntitle: Rapat {key}\ndate: 2023-05-15\nunit: humas\nauthor: sn\n---\n\n{body}\n"
        );
        let file = crate::load::SourceFile::new(format!("content/2023/05/r{key}.md").into(), text);
        let parsed = crate::model::release::release(&config, &file, &Default::default());
        (Fp(key), Arc::new(parsed.expect("a valid release")))
    }

    #[test]
    fn a_shards_bodies_read_back_as_one_text_and_only_with_the_parses_written_with_them() {
        // Keys 0 and 64 are in shard 0, 1 in shard 1.
        let one = Cache {
            output: "t1".into(),
            parsed: [parse(0, "Isi pertama, é."), parse(64, "Isi kedua."), parse(1, "Lain.")]
                .into_iter()
                .collect(),
            ..Cache::default()
        };
        let files = written(&one);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["bodies-00", "parsed-00", "bodies-01", "parsed-01", JOBS, STAMPS]);
        let bodies = &files[0].1;
        assert_eq!(
            String::from_utf8_lossy(bodies),
            format!("{}{}", one.parsed[&Fp(0)].html.as_str(), one.parsed[&Fp(64)].html.as_str()),
            "the bodies, in the order of their keys, as a text"
        );
        let back = Cache::from_files(files.clone()).expect("reads back");
        assert_eq!(back.parsed.len(), 3);
        for (key, parsed) in &one.parsed {
            let read = &back.parsed[key];
            assert_eq!(read.html, parsed.html);
            assert!(read.html.contains("<p>"), "{:?}", read.html);
            assert_eq!(Fp::of(&**read), Fp::of(&**parsed), "the same parse, body and all");
        }
        assert!(back.changed_files().is_empty(), "nothing changed, nothing to write");

        // A build that died between the two files of shard 0: its parses with the bodies of
        // other parses. Those parses are not taken, and the shard is written again whole.
        let two = Cache {
            output: "t1".into(),
            parsed: [
                parse(0, "Isi pertama, diperbaiki."),
                parse(64, "Isi kedua."),
                parse(1, "Lain."),
            ]
            .into_iter()
            .collect(),
            ..Cache::default()
        };
        let newer = written(&two);
        assert_ne!(newer[0].1, files[0].1, "shard 0's bodies changed");
        let file = |files: &[(String, Vec<u8>)], name: &str| {
            files.iter().find(|(n, _)| n == name).cloned().expect("written")
        };
        let others = |files: &[(String, Vec<u8>)]| {
            files.iter().filter(|(n, _)| !n.ends_with("-00")).cloned().collect::<Vec<_>>()
        };
        let half_done =
            [vec![file(&files, "parsed-00"), file(&newer, "bodies-00")], others(&files)];
        let no_bodies = [vec![file(&files, "parsed-00")], others(&files)];
        let not_text =
            [vec![file(&files, "parsed-00"), ("bodies-00".into(), vec![0xff])], others(&files)];
        for (case, read) in
            [("half done", half_done), ("no bodies", no_bodies), ("not text", not_text)]
        {
            let mut back = Cache::from_files(read.concat()).expect("reads back");
            assert_eq!(back.parsed.keys().collect::<Vec<_>>(), [&Fp(1)], "{case}");
            // The build parses the two releases again, and writes the shard.
            back.parsed = one.parsed.clone();
            let again = back.changed_files();
            let names: Vec<&str> = again.iter().map(|(n, _)| n.as_str()).collect();
            assert_eq!(names, ["bodies-00", "parsed-00"], "{case}");
            assert_eq!(again[0].1.bytes().as_ref(), Some(&files[0].1), "{case}");
        }
    }

    #[test]
    fn the_cache_lives_beside_the_output() {
        assert_eq!(cache_path(Path::new("/s/public")), PathBuf::from("/s/.public.warta-cache"));
        assert_eq!(cache_path(Path::new("out/site")), PathBuf::from("out/.site.warta-cache"));
    }
}
