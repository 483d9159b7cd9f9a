//! A folder of this computer as the server (`file:///var/www/html`): a web server on the same
//! machine, or a share mounted from the host. Files are written beside their place and renamed
//! over it, as on a server, so a visitor never reads half a page.

use super::remote::{parents, temporary_name};
use super::{Failure, Remote, RemoteError, RemoteFile, Target};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// The folder must exist: a deploy does not create a web server's document root, and a typo
/// in the address should not quietly make a new folder.
pub fn connect(target: &Target) -> Result<Box<dyn Remote>, RemoteError> {
    let root = PathBuf::from(&target.folder);
    match std::fs::metadata(&root) {
        Ok(m) if m.is_dir() => Ok(Box::new(Folder { root })),
        Ok(_) => Err(RemoteError::fatal(format!("{} is not a folder", root.display()))),
        Err(e) => Err(RemoteError::fatal(format!("cannot open {}: {e}", root.display()))),
    }
}

#[derive(Debug)]
struct Folder {
    root: PathBuf,
}

fn failed(what: &str, path: &Path, e: std::io::Error) -> RemoteError {
    let message = format!("cannot {what} {}: {e}", path.display());
    let failure = match e.kind() {
        ErrorKind::Interrupted | ErrorKind::TimedOut | ErrorKind::WouldBlock => Failure::Transient,
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => Failure::Permission,
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded | ErrorKind::FileTooLarge => {
            Failure::Space
        }
        ErrorKind::InvalidFilename => Failure::Name,
        _ => Failure::Refused,
    };
    RemoteError::new(failure, message)
}

impl Remote for Folder {
    fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, RemoteError> {
        let file = self.root.join(path);
        match std::fs::read(&file) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
            Err(e) => Err(failed("read", &file, e)),
        }
    }

    fn list(&mut self) -> Result<Vec<RemoteFile>, RemoteError> {
        let mut files = Vec::new();
        for entry in walkdir::WalkDir::new(&self.root).min_depth(1) {
            let entry = entry.map_err(|e| {
                RemoteError::fatal(format!("cannot list {}: {e}", self.root.display()))
            })?;
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(&self.root) else { continue };
            let Some(rel) = rel.to_str() else { continue };
            let meta = entry.metadata().map_err(|e| {
                RemoteError::fatal(format!("cannot list {}: {e}", entry.path().display()))
            })?;
            files.push(RemoteFile {
                path: rel.replace(std::path::MAIN_SEPARATOR, "/"),
                size: meta.len(),
                modified: meta.modified().ok(),
            });
        }
        Ok(files)
    }

    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), RemoteError> {
        for dir in parents(path) {
            let dir = self.root.join(dir);
            match std::fs::create_dir(&dir) {
                Ok(()) => {}
                Err(e) if e.kind() == ErrorKind::AlreadyExists && dir.is_dir() => {}
                Err(e) => return Err(failed("create the folder", &dir, e)),
            }
        }
        let part = self.root.join(temporary_name(path));
        let file = self.root.join(path);
        std::fs::write(&part, bytes).map_err(|e| failed("write", &part, e))?;
        std::fs::rename(&part, &file).map_err(|e| {
            let _ = std::fs::remove_file(&part);
            failed("replace", &file, e)
        })
    }

    fn remove(&mut self, path: &str) -> Result<(), RemoteError> {
        let file = self.root.join(path);
        match std::fs::remove_file(&file) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
            Err(e) => Err(failed("remove", &file, e)),
        }
    }

    fn remove_dir(&mut self, path: &str) -> Result<(), RemoteError> {
        // Not empty, gone, or not a folder: all left as they are.
        let _ = std::fs::remove_dir(self.root.join(path));
        Ok(())
    }

    fn make_dir(&mut self, path: &str) -> Result<bool, RemoteError> {
        let dir = self.root.join(path);
        match std::fs::create_dir(&dir) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == ErrorKind::AlreadyExists && dir.is_dir() => Ok(false),
            Err(e) => Err(failed("create the folder", &dir, e)),
        }
    }
}
