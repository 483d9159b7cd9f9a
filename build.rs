//! The default theme is compiled into the binary (`include_dir!` in `src/load.rs`); this tells
//! cargo to rebuild when any file of it changes, which the macro alone does not.
//!
//! It also gives the build cache the identity of the code that writes it (`WARTA_CODE`, in
//! `src/incremental.rs`): a fingerprint of warta's sources, the patched Tera under `vendor/`
//! and `Cargo.lock` (the versions of pulldown-cmark and the rest). A cache keeps each release's
//! parse and each page's record, and a warta that parses or renders otherwise, though its
//! version number is the same (built from the repository between releases), must not take them
//! for its own: the pages would keep what the old code made until `--clean`.

use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};

const CODE: [&str; 3] = ["src", "vendor", "Cargo.lock"];

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    for path in CODE {
        println!("cargo:rerun-if-changed={path}");
    }
    let mut files = Vec::new();
    for path in CODE {
        collect(Path::new(path), &mut files);
    }
    files.sort();
    // SipHash with fixed keys: the same sources give the same identity on every build with
    // the same compiler (another compiler may give another, which only costs one full build).
    let mut hasher = DefaultHasher::new();
    for file in &files {
        let Ok(bytes) = std::fs::read(file) else { continue };
        hasher.write(file.to_string_lossy().as_bytes());
        hasher.write_usize(bytes.len());
        hasher.write(&bytes);
    }
    println!("cargo:rustc-env=WARTA_CODE={:016x}", hasher.finish());
}

/// Every file under `path` (or `path` itself); a path that is not there (`Cargo.lock` and
/// `vendor/` are not in a packaged crate) adds nothing.
fn collect(path: &Path, files: &mut Vec<PathBuf>) {
    match std::fs::read_dir(path) {
        Ok(entries) => {
            for entry in entries.flatten() {
                collect(&entry.path(), files);
            }
        }
        Err(_) if path.is_file() => files.push(path.to_path_buf()),
        Err(_) => {}
    }
}
