//! `warta keygen` and `warta verify`: the key file they write and refuse to write, and the
//! verdicts on codes and saved pages against a manifest signed here with the library.

use crate::support::{warta, Site};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use warta::trust::keys::SecretKey;
use warta::trust::manifest::{self, Entry, Manifest};

const CODE: &str = "KWB-7Q4M-2CXH";
/// The release's signed text (title, date, unit, place, a blank line, the body).
const TEXT: &str =
    "Rapat Koordinasi Kehumasan\n2023-05-15T09:00:00+08:00\nKantor Wilayah\nDenpasar\n\n\
                    Denpasar (Humas Bali) – Rapat koordinasi kehumasan selesai.\n";

/// `warta` with its home in `home` and no signing key in the environment.
fn warta_at(home: &Path) -> Command {
    let mut cmd = warta();
    cmd.env("HOME", home)
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("WARTA_SIGNING_KEY")
        .env_remove("WARTA_SIGNING_KEY_FILE");
    cmd
}

fn out(o: &Output) -> (Option<i32>, String, String) {
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn keygen(site: &Site, home: &Path, extra: &[&str]) -> (Option<i32>, String, String) {
    out(&warta_at(home)
        .arg("keygen")
        .arg("--root")
        .arg(site.root())
        .args(extra)
        .output()
        .expect("test setup"))
}

#[test]
fn keygen_writes_a_private_key_file_and_prints_the_public_key_line() {
    let site = Site::fixture("build/basic");
    let home = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = keygen(&site, home.path(), &[]);
    assert_eq!(code, Some(0), "{stderr}");
    let file = home.path().join(".config/warta/keys/example.go.id.key");
    let text = std::fs::read_to_string(&file).unwrap();
    let key = SecretKey::parse(&text).unwrap();
    assert!(stdout.contains(&file.display().to_string()), "{stdout}");
    assert!(stdout.contains(&format!("trust:\n  public_key: \"{}\"\n", key.public())), "{stdout}");
    assert!(stdout.contains("USB stick") && stdout.contains("WARTA_SIGNING_KEY_FILE"));
    let secret = text.lines().find(|l| l.starts_with("ed25519-secret:")).unwrap();
    assert!(!stdout.contains(&secret[15..]) && !stderr.contains(&secret[15..]));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&file), 0o600);
        assert_eq!(mode(file.parent().unwrap()), 0o700);
    }
    // site.yaml is the user's: untouched.
    assert!(!std::fs::read_to_string(site.root().join("site.yaml")).unwrap().contains("trust:"));
}

#[test]
fn keygen_never_replaces_a_key_unless_forced() {
    let site = Site::fixture("build/basic");
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("usb/kunci.key");
    let arg = file.to_str().unwrap();
    assert_eq!(keygen(&site, home.path(), &["--output", arg]).0, Some(0));
    let first = std::fs::read(&file).unwrap();
    let (code, stdout, stderr) = keygen(&site, home.path(), &["--output", arg]);
    assert_eq!((code, stdout.as_str()), (Some(1), ""));
    assert!(stderr.starts_with("error: ") && stderr.contains("already exists"), "{stderr}");
    assert_eq!(std::fs::read(&file).unwrap(), first);
    let (code, stdout, _) = keygen(&site, home.path(), &["--output", arg, "--force"]);
    assert_eq!(code, Some(0));
    assert_ne!(std::fs::read(&file).unwrap(), first);
    // The key replaced is kept beside it, not overwritten (found by helper-30, stop 66).
    let old = home.path().join("usb/kunci.key.old");
    assert_eq!(std::fs::read(&old).unwrap(), first);
    assert!(stdout.contains(&format!("moved to {}", old.display())), "{stdout}");
    let second = std::fs::read(&file).unwrap();
    assert_eq!(keygen(&site, home.path(), &["--output", arg, "--force"]).0, Some(0));
    assert_eq!(std::fs::read(home.path().join("usb/kunci.key.old-2")).unwrap(), second);
}

#[test]
fn keygen_refuses_an_output_inside_the_site() {
    let site = Site::fixture("build/basic");
    let home = tempfile::tempdir().unwrap();
    for inside in ["kunci.key", "static/rahasia/kunci.key", "content/../kunci.key"] {
        let file = site.root().join(inside);
        let (code, _, stderr) = keygen(&site, home.path(), &["--output", file.to_str().unwrap()]);
        assert_eq!(code, Some(1), "{inside}");
        assert!(stderr.contains("inside the site folder"), "{stderr}");
        assert!(!file.exists());
    }
    // Nor with a home inside the site, where the default path would be.
    let (code, _, stderr) = keygen(&site, site.root(), &[]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("inside the site folder"), "{stderr}");
}

/// A built site's `cek/` in a temporary folder, signed with a new key.
struct Signed {
    dir: tempfile::TempDir,
    key: SecretKey,
    entry: Entry,
}

impl Signed {
    fn new() -> Signed {
        let dir = tempfile::tempdir().expect("test setup");
        let key = SecretKey::generate().expect("test setup");
        let entry = Entry {
            code: CODE.to_string(),
            url: "https://example.go.id/2023/05/rapat/".to_string(),
            title: "Rapat Koordinasi Kehumasan".to_string(),
            date: "2023-05-15T09:00:00+08:00".to_string(),
            unit: "Kantor Wilayah Kementerian Agama Provinsi Bali".to_string(),
            sha256: manifest::sha256_hex(TEXT),
            withdrawn: None,
            corrected: Vec::new(),
            removed: false,
        };
        let mut other = entry.clone();
        other.code = "KWB-0000-AAAA".to_string();
        other.sha256 = manifest::sha256_hex("lain");
        let m = Manifest {
            format: manifest::FORMAT,
            site: "https://example.go.id/".to_string(),
            key: Some(key.public().to_string()),
            releases: vec![other, entry.clone()],
        };
        let s = Signed { dir, key, entry };
        s.write(&m.to_bytes());
        s
    }

    fn site(&self) -> &Path {
        self.dir.path()
    }

    fn manifest(&self) -> PathBuf {
        self.site().join(manifest::FILE)
    }

    fn write(&self, bytes: &[u8]) {
        std::fs::create_dir_all(self.manifest().parent().expect("test setup")).expect("test setup");
        std::fs::write(self.manifest(), bytes).expect("test setup");
        let sig = manifest::signature_text(&self.key.sign(bytes));
        std::fs::write(self.site().join(manifest::SIGNATURE), sig).expect("test setup");
    }

    /// `warta verify <what> --site <dir> [extra]`, run outside any site.
    fn verify(&self, what: &str, extra: &[&str]) -> (Option<i32>, String, String) {
        let o = warta_at(self.site())
            .current_dir(self.site())
            .arg("verify")
            .arg(what)
            .arg("--site")
            .arg(self.site())
            .args(extra)
            .output()
            .expect("test setup");
        out(&o)
    }

    fn key_arg(&self) -> String {
        self.key.public().to_string()
    }

    /// A release page as the site serves it, with `text` as its canonical text, showing what
    /// [`TEXT`] says.
    fn page(&self, name: &str, text: &str) -> String {
        let html = format!(
            "<!DOCTYPE html><html><head><meta content='{CODE}' name='warta:code'></head>\
             <body><h1>Rapat Koordinasi Kehumasan</h1><time datetime=\"2023-05-15T09:00:00+08:00\">\
             Senin, 15 Mei 2023 09.00 WITA</time><div class=\"content\"><p>Denpasar (Humas \
             Bali) – Rapat koordinasi kehumasan selesai.</p><p class=\"initials\">(sn)</p></div>\
             <script id=\"warta-teks\" type=\"application/json\">{}</script></body></html>",
            serde_json::to_string(text).expect("test setup")
        );
        let path = self.site().join(name);
        std::fs::write(&path, html).expect("test setup");
        path.to_str().expect("test setup").to_string()
    }
}

#[test]
fn verify_prints_an_official_code_and_exits_0() {
    let s = Signed::new();
    let (code, stdout, stderr) = s.verify("kwb 7q4m 2cxh", &["--key", &s.key_arg()]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        stdout,
        format!(
            "OFFICIAL: {CODE}\ntitle: {}\ndate:  {}\nunit:  {}\nurl:   {}\n",
            s.entry.title, s.entry.date, s.entry.unit, s.entry.url
        )
    );
    assert_eq!(stderr, "");
    // With --manifest, the signature beside it.
    let m = s.manifest();
    let o = warta_at(s.site())
        .current_dir(s.site())
        .args(["verify", CODE, "--key", &s.key_arg(), "--manifest", m.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out(&o).0, Some(0), "{}", out(&o).2);
}

/// Without `--key` or a site.yaml, the key the manifest names proves nothing by itself: until
/// stop 47 this said "OFFICIAL" (with a warning), and so it did for a list anyone had signed.
#[test]
fn verify_without_a_key_refuses_to_call_the_release_official() {
    let s = Signed::new();
    let (code, stdout, stderr) = s.verify(CODE, &[]);
    assert_eq!((code, stdout.as_str()), (Some(1), ""), "{stderr}");
    assert!(stderr.contains("signed by the key it names itself"), "{stderr}");
    assert!(stderr.contains(&s.key_arg()) && stderr.contains("/cek/"), "{stderr}");
    assert!(stderr.contains(&format!("it lists {CODE} (Rapat Koordinasi")), "{stderr}");
}

#[test]
fn verify_exits_1_for_an_unknown_code() {
    let s = Signed::new();
    let (code, stdout, stderr) = s.verify("KWB-7Q4M-2CXX", &["--key", &s.key_arg()]);
    assert_eq!((code, stdout.as_str()), (Some(1), ""));
    assert_eq!(
        stderr,
        "error: no release with code KWB-7Q4M-2CXX in the manifest of https://example.go.id/: \
         it was not issued by this office, or the code is mistyped\n"
    );
    let (code, _, stderr) = s.verify("bukan-kode", &["--key", &s.key_arg()]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("neither a file nor a verification code"), "{stderr}");
}

#[test]
fn verify_exits_1_for_a_tampered_manifest() {
    let s = Signed::new();
    let bytes = std::fs::read(s.manifest()).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    std::fs::write(s.manifest(), text.replace("Rapat Koordinasi", "Rapat Koordinasl")).unwrap();
    let (code, stdout, stderr) = s.verify(CODE, &["--key", &s.key_arg()]);
    assert_eq!((code, stdout.as_str()), (Some(1), ""));
    assert!(stderr.contains("does not verify with key"), "{stderr}");
    assert!(stderr.contains("changed after it was signed"), "{stderr}");
    // Without a key, the manifest's own key catches it too.
    assert_eq!(s.verify(CODE, &[]).0, Some(1));
}

#[test]
fn verify_exits_1_for_another_key() {
    let s = Signed::new();
    let other = SecretKey::generate().unwrap().public().to_string();
    let (code, _, stderr) = s.verify(CODE, &["--key", &other]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains(&format!("does not verify with key {other}")), "{stderr}");
    assert!(stderr.contains("signed with another key"), "{stderr}");
}

#[test]
fn verify_checks_a_saved_page_and_its_text() {
    let s = Signed::new();
    let good = s.page("rapat.html", TEXT);
    let (code, stdout, stderr) = s.verify(&good, &["--key", &s.key_arg()]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.starts_with(&format!("OFFICIAL: {CODE}\n")), "{stdout}");

    let changed = s.page("rapat-diubah.html", &TEXT.replace("selesai", "dibatalkan"));
    let (code, stdout, stderr) = s.verify(&changed, &["--key", &s.key_arg()]);
    assert_eq!((code, stdout.as_str()), (Some(1), ""));
    assert!(
        stderr.starts_with("error: the text of this page differs from what the office signed"),
        "{stderr}"
    );

    // Found by helper-30, stop 66: the words a reader sees were never compared, only the
    // page's hidden copy of them, so a page changed where it shows (its hidden copy left as it
    // was) was "OFFICIAL", and so was a page made up around a real code.
    let shown = std::fs::read_to_string(&good).unwrap();
    for (from, to, part) in [
        ("kehumasan selesai.</p>", "kehumasan dibatalkan.</p>", "the text"),
        ("<h1>Rapat Koordinasi", "<h1>Rapat Darurat", "the headline"),
        ("15 Mei 2023", "15 Mei 2024", "the date"),
        ("</p><p class", "</p><p>Transfer ke rekening ini.</p><p class", "the text"),
    ] {
        let page = s.site().join("diubah.html");
        std::fs::write(&page, shown.replacen(from, to, 1)).unwrap();
        let (code, stdout, stderr) = s.verify(page.to_str().unwrap(), &["--key", &s.key_arg()]);
        assert_eq!((code, stdout.as_str()), (Some(1), ""), "{to}");
        let want = format!("error: {part} this page shows differs from what the office signed");
        assert!(stderr.starts_with(&want), "{to}: {stderr}");
    }
    let made_up = s.site().join("palsu.html");
    std::fs::write(
        &made_up,
        format!("<meta name=\"warta:code\" content=\"{CODE}\"><h1>Semua ASN wajib transfer</h1>"),
    )
    .unwrap();
    let (code, stdout, stderr) = s.verify(made_up.to_str().unwrap(), &["--key", &s.key_arg()]);
    assert_eq!((code, stdout.as_str()), (Some(1), ""));
    assert!(stderr.starts_with("error: this page carries no signed text"), "{stderr}");
    assert!(stderr.contains("https://example.go.id/2023/05/rapat/"), "{stderr}");

    let not_a_page = s.site().join("catatan.txt");
    std::fs::write(&not_a_page, "tidak ada kode").unwrap();
    let (code, _, stderr) = s.verify(not_a_page.to_str().unwrap(), &["--key", &s.key_arg()]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("has no verification code"), "{stderr}");
}

/// Found by helper-30, stop 66: outside a site, a journalist was told to make one with `warta
/// init`, or to build the site; an address given to `--site` was taken for a folder.
#[test]
fn verify_outside_a_site_says_which_files_to_save_and_give() {
    let elsewhere = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        out(&warta_at(elsewhere.path())
            .current_dir(elsewhere.path())
            .arg("verify")
            .arg(CODE)
            .args(args)
            .output()
            .expect("run warta verify"))
    };
    for (args, says) in [
        (&[][..], "no site.yaml here or in a folder above"),
        (&["--manifest", "manifest.json"][..], "there is no file manifest.json"),
        (&["--site", "https://humas.example.go.id/"][..], "works offline and does not fetch"),
    ] {
        let (code, stdout, stderr) = run(args);
        assert_eq!((code, stdout.as_str()), (Some(1), ""), "{args:?}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert!(stderr.contains("cek/manifest.json and cek/manifest.sig"), "{stderr}");
        assert!(!stderr.contains("warta init") && !stderr.contains("warta build"), "{stderr}");
    }
}

#[test]
fn verify_exits_1_for_an_unsigned_manifest() {
    let s = Signed::new();
    std::fs::remove_file(s.site().join(manifest::SIGNATURE)).unwrap();
    let (code, _, stderr) = s.verify(CODE, &["--key", &s.key_arg()]);
    assert_eq!(code, Some(1));
    assert!(stderr.starts_with("error: the manifest is not signed: there is no "), "{stderr}");
    assert!(stderr.contains(&format!("it lists {CODE}")), "{stderr}");
}

#[test]
fn verify_in_a_site_uses_its_key_and_its_built_output() {
    let s = Signed::new();
    let site = Site::fixture("build/basic");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    let trusted = format!("{yaml}\ntrust:\n  prefix: KWB\n  public_key: \"{}\"\n", s.key_arg());
    site.write("site.yaml", &trusted);
    let cek = site.public().join("cek");
    std::fs::create_dir_all(&cek).unwrap();
    for f in [manifest::FILE, manifest::SIGNATURE] {
        std::fs::copy(s.site().join(f), site.public().join(f)).unwrap();
    }
    let run = |site: &Site| {
        out(&warta_at(s.site())
            .current_dir(site.root().join("content"))
            .args(["verify", CODE])
            .output()
            .unwrap())
    };
    let (code, stdout, stderr) = run(&site);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.starts_with(&format!("OFFICIAL: {CODE}\n")));
    assert_eq!(stderr, "", "the site's key is trusted without a warning");

    // site.yaml names another key: the manifest does not verify.
    let other = SecretKey::generate().unwrap().public().to_string();
    site.write("site.yaml", &trusted.replace(&s.key_arg(), &other));
    let (code, _, stderr) = run(&site);
    assert_eq!(code, Some(1));
    assert!(stderr.contains(&format!("with key {other}")), "{stderr}");
}
