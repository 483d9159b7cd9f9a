//! The only stage that writes: output files go into a fresh staging folder beside the output
//! folder, which replaces the previous output only once the whole build has succeeded. A failed
//! build leaves the previous site untouched, and a folder warta did not create (no marker file)
//! is never replaced without `--force`, and even then it is kept, renamed, never deleted.

use crate::error::{Error, Result};
use crate::load::Origin;
use crate::render::{Body, Output};
use std::fs;
use std::path::{Component, Path, PathBuf};

/// The file that marks a folder as warta's output.
pub const MARKER: &str = ".warta-output";
const MARKER_TEXT: &str = "This folder is written by `warta build` and replaced by every build.\n";

/// A build's output under construction.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    /// The target exists and warta did not create it (`--force`): keep it aside on commit.
    foreign: bool,
    committed: bool,
}

impl Staging {
    /// Checks that `target` may be replaced and creates the staging folder beside it. `root` is
    /// the site, which the output must not contain or be.
    pub fn create(root: &Path, target: &Path, force: bool) -> Result<Staging> {
        let abs = |p: &Path| std::path::absolute(p).map_err(Error::io(p));
        let (root_abs, target_abs) = (abs(root)?, abs(target)?);
        if root_abs.starts_with(&target_abs) {
            return Err(Error::Refused(format!(
                "output folder {} contains the site itself; choose another --output",
                target.display()
            )));
        }
        let mut foreign = false;
        if target.exists() {
            if !target.is_dir() {
                return Err(Error::Refused(format!(
                    "{} exists and is not a folder",
                    target.display()
                )));
            }
            let empty = fs::read_dir(target).map_err(Error::io(target))?.next().is_none();
            foreign = !empty && !target.join(MARKER).is_file();
            if foreign && !force {
                return Err(Error::Refused(format!(
                    "{} was not created by warta (it has no {MARKER} file); warta replaces its output \
                     folder on every build, so it will not touch this one. Choose another --output, \
                     or pass --force to move it aside (to a .bak folder beside it) and build there",
                    target.display()
                )));
            }
        }
        let parent = target_abs.parent().unwrap_or(Path::new("/")).to_path_buf();
        let name = target_abs
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        fs::create_dir_all(&parent).map_err(Error::io(&parent))?;
        let dir = parent.join(format!(".{name}.warta-staging-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(Error::io(&dir))?;
        }
        fs::create_dir(&dir).map_err(Error::io(&dir))?;
        Ok(Staging { dir, target: target_abs, foreign, committed: false })
    }

    /// Writes one output file. Safe to call from many threads.
    pub fn put(&self, out: &Output) -> Result<()> {
        let path = self.dir.join(checked(&out.path)?);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(Error::io(parent))?;
        }
        match &out.body {
            Body::Bytes(bytes) => fs::write(&path, bytes).map_err(Error::io(&path)),
            Body::Copy(Origin::Embedded(bytes)) => {
                fs::write(&path, bytes).map_err(Error::io(&path))
            }
            Body::Copy(Origin::Disk(from)) => {
                fs::copy(from, &path).map(|_| ()).map_err(Error::io(from))
            }
        }
    }

    /// Swaps the finished output in place of the previous one. A previous output of warta's
    /// is deleted; a folder warta did not create (`--force`) is kept, renamed, and its new name
    /// returned.
    pub fn commit(mut self) -> Result<Option<PathBuf>> {
        let marker = self.dir.join(MARKER);
        fs::write(&marker, MARKER_TEXT).map_err(Error::io(&marker))?;
        let old =
            if self.foreign { backup_name(&self.target) } else { self.dir.with_extension("old") };
        let had_old = self.target.exists();
        if had_old {
            fs::rename(&self.target, &old).map_err(Error::io(&self.target))?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.target) {
            if had_old {
                let _ = fs::rename(&old, &self.target);
            }
            return Err(Error::Io { path: self.target.clone(), source: e });
        }
        self.committed = true;
        match (had_old, self.foreign) {
            (true, true) => Ok(Some(old)),
            (true, false) => fs::remove_dir_all(&old).map(|()| None).map_err(Error::io(&old)),
            (false, _) => Ok(None),
        }
    }
}

/// `public.bak`, or `public.bak-2`, … : the first name beside `target` that is free.
fn backup_name(target: &Path) -> PathBuf {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    (1..)
        .map(|n| {
            let suffix = if n == 1 { String::new() } else { format!("-{n}") };
            target.with_file_name(format!("{name}.bak{suffix}"))
        })
        .find(|p| !p.exists())
        .unwrap_or_else(|| target.with_file_name(format!("{name}.bak")))
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// An output path as a relative path that stays inside the output folder.
fn checked(path: &str) -> Result<PathBuf> {
    let p = Path::new(path);
    if path.is_empty() || !p.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(Error::Refused(format!(
            "refusing to write {path:?} outside the output folder"
        )));
    }
    Ok(p.to_path_buf())
}

/// Writes the ledger back into the site when it changed, atomically (a new file renamed over
/// the old one), so an interrupted build never leaves half a ledger.
pub fn ledger(root: &Path, old: Option<&str>, new: &str) -> Result<()> {
    if old == Some(new) {
        return Ok(());
    }
    let path = root.join(crate::ledger::FILE);
    let tmp = root.join(format!(".{}.tmp-{}", crate::ledger::FILE, std::process::id()));
    fs::write(&tmp, new).map_err(Error::io(&tmp))?;
    fs::rename(&tmp, &path).map_err(Error::io(&path))
}

/// Writes a new file, never replacing an existing one (for `new` and `init`).
pub fn create_new(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(Error::io(parent))?;
    }
    let mut f = fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Refused(format!(
                "{} already exists; warta never overwrites a file",
                path.display()
            ))
        } else {
            Error::Io { path: path.to_path_buf(), source: e }
        }
    })?;
    f.write_all(bytes).map_err(Error::io(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_output() {
        for bad in ["", "../x", "/etc/passwd", "a/../../b", "./a"] {
            assert!(checked(bad).is_err(), "{bad}");
        }
        assert!(checked("2023/05/a/index.html").is_ok());
    }
}
