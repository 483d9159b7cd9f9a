//! `warta` run from inside a site: without `--root`, every command finds `site.yaml` in the
//! current folder or the nearest folder above it, as git and cargo do.

use crate::support::{warta, Site};
use std::path::Path;
use std::process::Output;

fn run_in(dir: &Path, args: &[&str]) -> Output {
    warta().args(args).current_dir(dir).output().expect("run warta")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn build_from_a_subfolder_builds_the_site_into_its_public_folder() {
    let site = Site::fixture("errors/base");
    let sub = site.root().join("content/2023/05");
    let o = run_in(&sub, &["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(site.public().join("index.html").is_file(), "built into <root>/public");
    assert!(!sub.join("public").exists(), "nothing written in the subfolder");
    let out = text(&o.stdout);
    let public = site.public().canonicalize().expect("public/ exists");
    assert!(
        out.contains(&format!(" in {} in ", site.public().display()))
            || out.contains(&format!(" in {} in ", public.display())),
        "the summary names the output folder: {out}"
    );
}

#[test]
fn build_in_the_site_folder_still_writes_dot_public() {
    let site = Site::fixture("errors/base");
    let o = run_in(site.root(), &["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains(" in ./public in "), "{}", text(&o.stdout));
}

#[test]
fn new_from_a_subfolder_writes_into_the_sites_content() {
    let site = Site::fixture("errors/base");
    let sub = site.root().join("content/2023");
    let o =
        run_in(&sub, &["new", "Rilis Dari Subfolder", "--unit", "kanwil-bali", "--author", "sn"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let wrote = text(&o.stdout);
    let path = wrote.trim().strip_prefix("wrote ").expect("wrote <path>");
    let path = Path::new(path);
    assert!(path.is_file(), "{wrote}");
    assert!(path.starts_with(site.root().join("content")), "{wrote}");
    assert!(!sub.join("content").exists(), "no content/ inside the subfolder");
}

#[test]
fn social_from_a_subfolder_finds_the_release_by_its_file_name_there() {
    let site = Site::fixture("errors/base");
    let sub = site.root().join("content/2023/05");
    for name in ["workshop-media-sosial.md", "workshop-media-sosial"] {
        let o = run_in(&sub, &["social", name]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", text(&o.stderr));
        assert!(text(&o.stdout).starts_with("Workshop Media Sosial"), "{}", text(&o.stdout));
    }
}

#[test]
fn an_explicit_root_is_not_searched_upward() {
    let site = Site::fixture("errors/base");
    let sub = site.root().join("content");
    let o = run_in(site.root(), &["build", "--root", &sub.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("site.yaml"), "{}", text(&o.stderr));
    assert!(!site.public().exists());
}

#[test]
fn no_site_yaml_anywhere_above_suggests_warta_init() {
    let dir = Site::empty();
    let sub = dir.root().join("dokumen/rilis");
    std::fs::create_dir_all(&sub).expect("create folders");
    for args in
        [&["build"][..], &["social", "x"], &["new", "Judul", "--unit", "u", "--author", "a"]]
    {
        let o = run_in(&sub, args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let err = text(&o.stderr);
        assert!(err.starts_with("error: no site.yaml in "), "{err}");
        assert!(err.contains("or any folder above it"), "{err}");
        assert!(err.contains("warta init <folder>"), "{err}");
        assert!(!sub.join("public").exists());
    }
}
