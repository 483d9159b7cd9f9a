//! Copies of a release that a computer made, not a writer: `rapat (1).md` from a browser's or
//! Google Drive's download, `rapat - Copy.md` (`- Salin` in Indonesian) from Windows,
//! `rapat copy.md` from a Mac, `Copy of rapat.md` (`Salinan rapat`) from Google Drive, and the
//! conflicted copies sync services leave when two computers changed the file at once:
//! Dropbox's `rapat (Sri's conflicted copy 2026-12-06).md`, Nextcloud's
//! `rapat (conflicted copy 2026-12-06 101010).md`, Syncthing's
//! `rapat.sync-conflict-20261206-101010-ABCDEFG.md`. Each published would be a release of its
//! own, with a guid of its own, announced to every channel a second time; the build leaves it
//! out and names both files.

use crate::error::ContentError;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The release files of `sources` (paths of `.md` files, a bundle's by its `index.md`) that are
/// a copy of another of them in the same folder, each with the file it is a copy of, in the
/// order of `sources`.
pub fn find<'a>(sources: impl IntoIterator<Item = &'a Path> + Clone) -> Vec<(PathBuf, PathBuf)> {
    // Names as a computer names a copy first: most sites have none, and need no table of every
    // release's name (10,000 paths hashed and names lowered on every build).
    let named_as_copies: Vec<(&Path, &Path, &str)> = sources
        .clone()
        .into_iter()
        .filter_map(|copy| {
            let (folder, name) = folder_and_name(copy)?;
            Some((copy, folder, original_name(name)?))
        })
        .collect();
    if named_as_copies.is_empty() {
        return Vec::new();
    }
    let named: HashMap<(&Path, String), &Path> = sources
        .into_iter()
        .filter_map(|p| folder_and_name(p).map(|(folder, name)| ((folder, name.to_lowercase()), p)))
        .collect();
    named_as_copies
        .into_iter()
        .filter_map(|(copy, folder, original)| {
            let original = named.get(&(folder, original.to_lowercase()))?;
            Some((copy.to_path_buf(), original.to_path_buf()))
        })
        .collect()
}

/// What the build says of `copy`, a copy of `original` that it leaves out.
pub fn warning(copy: &Path, original: &Path) -> ContentError {
    ContentError::new(
        copy,
        format!(
            "was not published: it looks like a copy of {} that a computer made (as Windows, a \
             browser, Google Drive, Dropbox or another sync service names one), and published it \
             would be a second release with a guid of its own, announced to every channel \
             again: keep the file to publish and delete the other, or, if it is a release of its \
             own, give it a name of its own",
            original.display()
        ),
    )
}

/// The folder a release is in and its name: a file's stem, a bundle's folder name.
fn folder_and_name(path: &Path) -> Option<(&Path, &str)> {
    if path.file_name()? == "index.md" {
        let bundle = path.parent()?;
        return Some((bundle.parent()?, bundle.file_name()?.to_str()?));
    }
    Some((path.parent()?, path.file_stem()?.to_str()?))
}

/// The name `name` is a copy of, if it is named as a computer names a copy. The marks are
/// ASCII, so the name is compared in ASCII's small letters, whose every byte is where the
/// name's is: a name lowered whole, `K copy` (with the Kelvin sign) or `ẞẞ copy`, is shorter
/// than the name, and cutting the name where the lowered one ends panicked (stop 72).
fn original_name(name: &str) -> Option<&str> {
    let lower = name.to_ascii_lowercase();
    // Syncthing: `<name>.sync-conflict-<date>-<time>-<device>`.
    if let Some(at) = lower.find(".sync-conflict-") {
        return Some(&name[..at]);
    }
    // A suffix in brackets: a number (a download), or a sync service's conflicted copy.
    if let Some(stripped) = name.strip_suffix(')') {
        if let Some(open) = stripped.rfind(" (") {
            let inside = stripped[open + 2..].to_ascii_lowercase();
            let counted = !inside.is_empty() && inside.chars().all(|c| c.is_ascii_digit());
            if counted || inside.contains("conflicted copy") || inside.contains("salinan konflik") {
                let base = &name[..open];
                // `rapat - Copy (2)`: Windows' second copy.
                return Some(copy_suffix(base).unwrap_or(base));
            }
        }
    }
    if let Some(base) = copy_suffix(name) {
        return Some(base);
    }
    // Google Drive's: `Copy of <name>`, `Salinan <name>`, `Salinan dari <name>`.
    for prefix in ["copy of ", "salinan dari ", "salinan "] {
        if lower.starts_with(prefix) && name.len() > prefix.len() {
            return Some(&name[prefix.len()..]);
        }
    }
    None
}

/// `<name> - Copy` (Windows), `<name> - Salin` or `- Salinan` (Windows in Indonesian),
/// `<name> copy` or `<name> copy 2` (a Mac), `<name> salinan` (a Mac in Indonesian).
fn copy_suffix(name: &str) -> Option<&str> {
    let lower = name.to_ascii_lowercase();
    let trimmed = lower.trim_end_matches(|c: char| c.is_ascii_digit()).trim_end();
    for suffix in [" - copy", " - salinan", " - salin", " copy", " salinan"] {
        if let Some(base) = trimmed.strip_suffix(suffix).filter(|b| !b.trim().is_empty()) {
            return Some(&name[..base.len()]);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_as_computers_name_them() {
        for (copy, original) in [
            ("rapat (1)", "rapat"),
            ("rapat (12)", "rapat"),
            ("rapat - Copy", "rapat"),
            ("rapat - Copy (2)", "rapat"),
            ("rapat - Salin", "rapat"),
            ("rapat - Salinan", "rapat"),
            ("rapat copy", "rapat"),
            ("rapat copy 2", "rapat"),
            ("rapat salinan", "rapat"),
            ("Copy of rapat", "rapat"),
            ("Salinan rapat", "rapat"),
            ("Salinan dari rapat", "rapat"),
            ("rapat (Sri's conflicted copy 2026-12-06)", "rapat"),
            ("rapat (conflicted copy 2026-12-06 101010)", "rapat"),
            ("rapat (salinan konflik Sri 2026-12-06)", "rapat"),
            ("rapat.sync-conflict-20261206-101010-ABCDEFG", "rapat"),
        ] {
            assert_eq!(original_name(copy), Some(original), "{copy}");
        }
        for name in ["rapat", "rapat-1", "rapat (kanwil)", "rapat 2026", "copy", "salinan-akta"] {
            assert_eq!(original_name(name), None, "{name}");
        }
        // Letters whose small letter is shorter or longer in bytes: the name is cut where its
        // own characters end (a panic before stop 72).
        for (copy, original) in [
            ("\u{212a} copy", "\u{212a}"),
            ("ẞẞ copy", "ẞẞ"),
            ("ẞ.sync-conflict-20261206-101010-ABC", "ẞ"),
            ("ẞ - Salinan (2)", "ẞ"),
            ("İzin Ȿ (1)", "İzin Ȿ"),
            ("COPY OF ẞ", "ẞ"),
        ] {
            assert_eq!(original_name(copy), Some(original), "{copy}");
        }
    }

    #[test]
    fn a_copy_is_one_only_beside_its_original() {
        let paths = [
            "content/2026/12/rapat.md",
            "content/2026/12/rapat (1).md",
            "content/2026/12/Rapat - Copy.md",
            "content/2026/12/workshop/index.md",
            "content/2026/12/workshop (Sri's conflicted copy 2026-12-06)/index.md",
            // Its original is in another folder, or not a release: not a copy.
            "content/2026/11/rapat (2).md",
            "content/2026/12/laporan (1).md",
        ];
        let found = find(paths.iter().map(Path::new));
        let found: Vec<(&str, &str)> = found
            .iter()
            .map(|(c, o)| (c.to_str().unwrap_or(""), o.to_str().unwrap_or("")))
            .collect();
        assert_eq!(
            found,
            [
                ("content/2026/12/rapat (1).md", "content/2026/12/rapat.md"),
                ("content/2026/12/Rapat - Copy.md", "content/2026/12/rapat.md"),
                (
                    "content/2026/12/workshop (Sri's conflicted copy 2026-12-06)/index.md",
                    "content/2026/12/workshop/index.md"
                ),
            ]
        );
    }
}
