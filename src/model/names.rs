//! The file a release meant when it names one of its files otherwise than as it is called: by
//! where the file is on the writer's computer (`C:\Users\Humas\Pictures\IMG_2023.jpg`, as
//! Explorer's "Copy as path" gives it, or `/Users/humas/Desktop/IMG_2023.jpg` from a Mac), in
//! other capitals (`IMG_2023.JPG`: Windows and macOS do not tell them apart, a web server does),
//! or without its extension (`IMG_2023`: Windows hides it). Each stays an error, as any missing
//! file does, so that what the page shows is what the file says; the message names the one
//! thing to write instead.

use std::borrow::Cow;

/// How a name the writer wrote misses the file it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Miss<'a> {
    /// A path on the writer's computer, whose last part is this file's name.
    Computer(&'a str),
    /// The file's name in other capitals.
    Capitals(&'a str),
    /// The file's name without its extension.
    Extension(&'a str),
}

impl Miss<'_> {
    /// Why the name written was not found, and what to write: `folder` is the release's folder
    /// as the writer sees it (`content/2023/05/rapat/`).
    pub fn advice(&self, written: &str, folder: &str) -> String {
        match self {
            Miss::Computer(n) => format!(
                "\"{written}\" is where the file is on the writer's computer, which no reader of \
                 the site can open; {n} is in {folder}: write only its name, {n}"
            ),
            Miss::Capitals(n) => format!(
                "no file \"{written}\" in {folder}, but there is {n}: write its name as it is, \
                 capitals too ({n}), since a web server tells them apart"
            ),
            Miss::Extension(n) => format!(
                "no file \"{written}\" in {folder}, but there is {n}: write its name with its \
                 extension ({n}), which Windows hides"
            ),
        }
    }
}

/// The file name at the end of `written` when it is a path on the writer's computer: a drive
/// (`C:\`, `D:/`), a network share (`\\server\`), a `file:` address, or a Mac's or Linux's
/// home (`/Users/…`, `/home/…`, `~/…`) or removable disk (`/Volumes/…`, `/media/…`). `None` for
/// anything else, a site path such as `/img/logo.png` among them.
pub fn on_computer(written: &str) -> Option<Cow<'_, str>> {
    let written = written.trim();
    let home = ["/Users/", "/home/", "~/", "/Volumes/", "/media/", "/mnt/"]
        .iter()
        .any(|h| written.starts_with(h));
    if !home && !crate::markdown::is_local_path(written) {
        return None;
    }
    let file = written.get(..5).is_some_and(|s| s.eq_ignore_ascii_case("file:"));
    let last = written.rsplit(['\\', '/']).next().filter(|n| !n.is_empty())?;
    Some(if file { crate::links::decode(last) } else { Cow::Borrowed(last) })
}

/// The one file of `files` that `written` means, when it is not among them as written; `None`
/// when it can mean none of them, or more than one (`IMG_2023` beside `IMG_2023.jpg` and
/// `IMG_2023.png`).
pub fn meant<'a>(written: &str, files: &[&'a str]) -> Option<Miss<'a>> {
    let written = written.trim();
    if let Some(name) = on_computer(written) {
        let exact = files.iter().copied().find(|f| *f == name);
        return exact.or_else(|| one_of(files, &name, same_letters)).map(Miss::Computer);
    }
    if let Some(f) = one_of(files, written, same_letters) {
        return Some(Miss::Capitals(f));
    }
    one_of(files, written, |f, w| f.rsplit_once('.').is_some_and(|(stem, _)| same_letters(stem, w)))
        .map(Miss::Extension)
}

/// The file of `files` that `matches` the name written, if exactly one does.
fn one_of<'a>(
    files: &[&'a str],
    written: &str,
    matches: impl Fn(&str, &str) -> bool,
) -> Option<&'a str> {
    crate::only(files.iter().copied().filter(|f| matches(f, written)))
}

/// The same name, capitals aside.
fn same_letters(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILES: [&str; 3] = ["IMG_2023.jpg", "jadwal.pdf", "Foto Rapat.JPG"];

    #[test]
    fn a_path_on_the_writers_computer_means_the_file_of_its_name() {
        for written in [
            r"C:\Users\Humas\Pictures\IMG_2023.jpg",
            "D:/foto/IMG_2023.jpg",
            r"\\server\humas\IMG_2023.jpg",
            "file:///C:/Users/Humas/IMG_2023.jpg",
            "/Users/humas/Desktop/IMG_2023.jpg",
            "/home/humas/IMG_2023.jpg",
            "~/Unduhan/img_2023.JPG",
        ] {
            assert_eq!(meant(written, &FILES), Some(Miss::Computer("IMG_2023.jpg")), "{written}");
        }
        assert_eq!(
            meant("file:///C:/Users/Humas/Foto%20Rapat.JPG", &FILES),
            Some(Miss::Computer("Foto Rapat.JPG"))
        );
    }

    #[test]
    fn other_capitals_or_no_extension_mean_the_one_file_they_can() {
        assert_eq!(meant("IMG_2023.JPG", &FILES), Some(Miss::Capitals("IMG_2023.jpg")));
        assert_eq!(meant("foto rapat.jpg", &FILES), Some(Miss::Capitals("Foto Rapat.JPG")));
        assert_eq!(meant("IMG_2023", &FILES), Some(Miss::Extension("IMG_2023.jpg")));
        assert_eq!(meant("Jadwal", &FILES), Some(Miss::Extension("jadwal.pdf")));
    }

    #[test]
    fn a_name_that_means_no_file_or_two_means_none() {
        assert_eq!(meant("IMG_2024.jpg", &FILES), None);
        assert_eq!(meant(r"C:\Users\Humas\IMG_2024.jpg", &FILES), None);
        assert_eq!(meant("IMG_2023", &["IMG_2023.jpg", "IMG_2023.png"]), None);
        assert_eq!(meant("foto.jpg", &[]), None);
    }

    #[test]
    fn a_site_path_is_not_a_path_on_the_computer() {
        assert_eq!(on_computer("/img/logo.png"), None);
        assert_eq!(on_computer("IMG_2023.jpg"), None);
        assert_eq!(on_computer("foto/IMG_2023.jpg"), None);
        assert_eq!(on_computer(r"C:\Users\"), None);
        assert_eq!(on_computer(r"C:\Users\a.jpg").as_deref(), Some("a.jpg"));
    }

    #[test]
    fn the_advice_names_the_one_thing_to_write() {
        let folder = "content/2023/05/rapat/";
        let written = r"C:\Users\Humas\IMG_2023.jpg";
        assert_eq!(
            Miss::Computer("IMG_2023.jpg").advice(written, folder),
            "\"C:\\Users\\Humas\\IMG_2023.jpg\" is where the file is on the writer's computer, \
             which no reader of the site can open; IMG_2023.jpg is in content/2023/05/rapat/: \
             write only its name, IMG_2023.jpg"
        );
        assert!(Miss::Extension("IMG_2023.jpg").advice("IMG_2023", folder).ends_with(
            "but there is IMG_2023.jpg: write its name with its extension (IMG_2023.jpg), which \
             Windows hides"
        ));
    }
}
