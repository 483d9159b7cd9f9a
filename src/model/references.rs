//! Every photo and file a release points to must be there: a link to `jadwal.pdf` that is not
//! beside the release, or an `image:` of `/img/foto.jpg` missing from `static/`, is an error at
//! its line, not a broken page found by a reader. Checked once every release has been read,
//! against the files the build will copy: bundles and static files.

use crate::error::ContentError;
use crate::model::release::{ImageSource, Page, Parsed};
use std::collections::HashSet;

/// Extensions of files warta writes itself (pages, feeds, sitemaps): a link to one is a link to
/// a generated page, which this check does not judge.
const GENERATED: [&str; 4] = ["html", "xml", "json", "txt"];

/// The errors of every reference to a file the site does not have. `static_files` are the
/// names of the theme's and the site's static files (`css/style.css`, `img/logo.png`).
pub fn check<'a, R: std::borrow::Borrow<Parsed>>(
    releases: &[R],
    pages: &[Page],
    static_files: impl IntoIterator<Item = &'a str>,
) -> Vec<ContentError> {
    let mut files: HashSet<String> = static_files.into_iter().map(str::to_string).collect();
    for r in releases.iter().map(R::borrow) {
        files.extend(r.bundle.iter().map(|a| format!("{}{}", r.path, a.name)));
    }
    check_against(releases, pages, |path| files.contains(path))
}

/// [`check`] of `releases` and `pages` against the files `exists` says the site has (by site
/// path: `css/style.css`, `2023/05/workshop/jadwal.pdf`).
pub fn check_against<R: std::borrow::Borrow<Parsed>>(
    releases: &[R],
    pages: &[Page],
    exists: impl Fn(&str) -> bool,
) -> Vec<ContentError> {
    let mut errors = Vec::new();
    for r in releases.iter().map(R::borrow) {
        for reference in &r.references {
            if exists(&reference.site_path) {
                continue;
            }
            if !is_file(&reference.site_path) {
                if let Some(message) = without_extension(r, &reference.site_path) {
                    let what = if reference.image { "image" } else { "link" };
                    let message = format!(
                        "the {what} {:?} points to a file the site does not have; {message}",
                        reference.written
                    );
                    errors
                        .push(ContentError::new(&r.source, message).at_line(Some(reference.line)));
                }
                continue;
            }
            let what = if reference.image { "image" } else { "link" };
            let message = format!(
                "the {what} {:?} points to a file the site does not have; {}",
                reference.written,
                hint(r, &reference.site_path)
            );
            errors.push(ContentError::new(&r.source, message).at_line(Some(reference.line)));
        }
        if let Some((ImageSource::Site(url), line)) = r.image.as_ref().map(|i| (&i.source, i.line))
        {
            let path = crate::links::decode(url);
            if !exists(path.as_ref()) {
                // `/home/humas/IMG_2023.jpg`, `/Users/…`: a path on a Mac's or a Linux's disk.
                let written = format!("/{path}");
                let message = match crate::model::names::on_computer(&written) {
                    Some(_) => {
                        crate::model::release::not_beside(&r.source, &r.bundle, &r.links, &written)
                    }
                    None => format!(
                        "no file /{path} in the site's static/ folder; put the photo in \
                         static/{path}, or beside the release"
                    ),
                };
                errors.push(ContentError::new(&r.source, message).at_line(line).field("image"));
            }
        }
    }
    for p in pages {
        for reference in &p.references {
            if is_file(&reference.site_path) && !exists(&reference.site_path) {
                let what = if reference.image { "image" } else { "link" };
                let message = format!(
                    "the {what} {:?} points to a file the site does not have; put it in \
                     static/{} or link to the release that has it",
                    reference.written, reference.site_path
                );
                errors.push(ContentError::new(&p.source, message).at_line(Some(reference.line)));
            }
        }
    }
    errors
}

/// Whether a site path names a file (`a/b.pdf`) rather than a page (`a/`, `tentang`), and one
/// warta does not generate.
fn is_file(site_path: &str) -> bool {
    let last = site_path.rsplit('/').next().unwrap_or("");
    match last.rsplit_once('.') {
        Some((stem, ext)) => {
            !stem.is_empty()
                && !ext.is_empty()
                && !GENERATED.contains(&ext.to_ascii_lowercase().as_str())
        }
        None => false,
    }
}

/// For a link to a page beside the release (`[Jadwal](Jadwal)`, which leads to
/// `2023/05/x/Jadwal`, a page no site has) whose name is one of its files but for the
/// extension, which Windows hides: what to write ([`crate::model::names::Miss::Extension`]).
/// Until stop 61 such a link was taken for a page's and not checked: readers got "not found".
fn without_extension(r: &Parsed, site_path: &str) -> Option<String> {
    let name = site_path.strip_prefix(r.path.as_str()).filter(|n| !n.contains('/'))?;
    let name = crate::links::decode(name);
    let names: Vec<&str> = r.bundle.iter().map(|a| a.name.as_str()).collect();
    match crate::model::names::meant(&name, &names)? {
        crate::model::names::Miss::Extension(_) => {
            Some(crate::model::release::not_beside(&r.source, &r.bundle, &r.links, &name))
        }
        _ => None,
    }
}

/// What to do about a missing file, in the release's terms.
fn hint(r: &Parsed, site_path: &str) -> String {
    match site_path.strip_prefix(r.path.as_str()) {
        Some(name) => crate::model::release::not_beside(&r.source, &r.bundle, &r.links, name),
        None => format!("put it in static/{site_path}, or beside the release that links it"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_paths_with_an_extension_warta_does_not_generate() {
        assert!(is_file("2023/05/x/jadwal.pdf"));
        assert!(is_file("img/IMG 20230515 WA0012.JPG"));
        assert!(!is_file("tentang/"));
        assert!(!is_file("unit/kanwil-bali"));
        assert!(!is_file("feed.xml"));
        assert!(!is_file("2023/05/x/social.json"));
        assert!(!is_file(".htaccess"));
    }
}
