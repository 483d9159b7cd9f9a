//! `warta deploy`, end to end: the example site built, sent to a folder (`file://`) and to
//! real FTP, FTPS and SFTP servers on loopback (`servers`), then edited, built and sent again.
//! What reached the server is compared with the output byte for byte; what each deploy sent is
//! compared with what the build changed, and with the server's own log.

use crate::support::{self, tree, Site};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::sync::atomic::{AtomicIsize, Ordering::SeqCst};
use std::sync::Arc;
use warta::deploy::plan::{Manifest, Stage, MANIFEST};
use warta::deploy::run::{self, Options};
use warta::deploy::{DeployOptions, Remote, RemoteError};

/// The office's own address, for the example site's, which `warta deploy` refuses.
const ADDRESS: &str = "https://humas.kemenag-bali.go.id/";

/// The example site with `deploy:` added, and an address of its own.
fn example_with(deploy: &str) -> Site {
    let site = support::example();
    let yaml = fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    let yaml = yaml.replace("https://humas.example.go.id/", ADDRESS);
    assert!(yaml.contains(ADDRESS), "the example's address is replaced");
    site.write("site.yaml", &format!("{yaml}\ndeploy:\n{deploy}"));
    site
}

/// Found using the product, stop 58: a site built as `warta init` made it, its address still
/// `https://humas.example.go.id/`, was sent as it was, every shared link, feed and the sitemap
/// pointing to that address. The build says so, and the deploy refuses it.
#[test]
fn a_site_still_at_the_example_address_is_not_sent() {
    let site = example_with("  url: file:///tmp/never\n");
    let yaml = fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    site.write("site.yaml", &yaml.replace(ADDRESS, "https://humas.example.go.id/"));
    let stdout = build_by_hand(&site);
    assert!(
        stdout.contains(
            "note: base_url in site.yaml is still an example address (https://humas.example.go.id/)"
        ),
        "{stdout}"
    );
    let error = warta::deploy::deploy(&deploy_opts(&site)).expect_err("refused").to_string();
    assert!(
        error.contains(
            "base_url in site.yaml is still an example address (https://humas.example.go.id/)"
        ),
        "{error}"
    );
    assert!(!Path::new("/tmp/never").exists());
    // With its own address, the build says nothing of it.
    site.write("site.yaml", &yaml);
    assert!(!build_by_hand(&site).contains("example address"));
}

/// Found using the product, stop 59: a site whose address was written but whose names were
/// still the sample's (its description "Rilis berita resmi Kantor Contoh.", a writer "Nama
/// Penulis") was sent as it was, the description at the foot of every page and on the home
/// page's shared card, the byline on each release. The build names each such field, and the
/// deploy refuses until they are the office's.
#[test]
fn a_site_with_the_samples_names_is_not_sent() {
    let site = example_with("  url: file:///tmp/never\n");
    let yaml = fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    let sample = yaml
        .replace("    name: Sri Nuraini", "    name: Nama Penulis")
        .replace("    name: Kantor Kementerian Agama Kabupaten Badung", "    name: Kantor Contoh");
    assert_ne!(sample, yaml, "the names are replaced");
    site.write("site.yaml", &sample);
    let stdout = build_by_hand(&site);
    let fields =
        "units.kemenag-badung.name (\"Kantor Contoh\"), authors.sn.name (\"Nama Penulis\")";
    assert!(
        stdout.contains(&format!(
            "note: site.yaml still holds the sample text of `warta init` in {fields}: "
        )),
        "{stdout}"
    );
    let error = warta::deploy::deploy(&deploy_opts(&site)).expect_err("refused").to_string();
    assert!(
        error.contains(&format!("the sample text of `warta init` in {fields}, which")),
        "{error}"
    );
    assert!(!Path::new("/tmp/never").exists());
    // With the office's names, the build says nothing of them.
    site.write("site.yaml", &yaml);
    assert!(!build_by_hand(&site).contains("sample text"));
}

/// `warta build` of `site` as its user runs it, the binary: what it prints; it must succeed.
fn build_by_hand(site: &Site) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["build", "--root"])
        .arg(site.root())
        .output()
        .expect("warta build");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{stdout}");
    stdout
}

fn deploy_opts(site: &Site) -> DeployOptions {
    DeployOptions {
        root: site.root().to_path_buf(),
        output: site.public(),
        dry_run: false,
        trust_host_key: false,
        connections: Some(1),
        as_built: false,
        unlock: false,
        check_server: false,
    }
}

/// The output as a server should hold it: every file but the build's marker.
fn published(site: &Site) -> BTreeMap<String, Vec<u8>> {
    let mut files = tree(&site.public());
    files.remove(warta::write::MARKER);
    files
}

/// What a server folder holds, without the deploy's manifest.
fn served(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = tree(dir);
    files.remove(MANIFEST);
    files
}

/// The paths whose bytes differ between two outputs, or that only the second has.
fn changed(
    before: &BTreeMap<String, Vec<u8>>,
    after: &BTreeMap<String, Vec<u8>>,
) -> BTreeSet<String> {
    after.iter().filter(|(p, b)| before.get(*p) != Some(b)).map(|(p, _)| p.clone()).collect()
}

fn sent(report: &run::Report) -> BTreeSet<String> {
    report.sent.iter().map(|(p, _)| p.clone()).collect()
}

/// Retitles the Zakat ASN release and deletes the video contest one: a change that touches
/// its page, listings and feeds, and a release whose page, photos and folders must go.
fn edit_and_delete(site: &Site) {
    let file = site.root().join("content/2023/11/gerakan-zakat-asn-kemenag-badung.md");
    let text = fs::read_to_string(&file).expect("the release");
    let text = text.replacen("title: ", "title: Diperbarui — ", 1);
    fs::write(&file, text).expect("edit the release");
    fs::remove_file(site.root().join("content/2023/10/pemenang-lomba-video-moderasi-beragama.md"))
        .expect("delete the release");
}

#[test]
fn a_folder_gets_every_file_then_only_what_changed_and_loses_only_what_a_deploy_sent() {
    let www = tempfile::tempdir().expect("a folder");
    let site = example_with(&format!("  url: file://{}\n", www.path().display()));
    site.build().expect("build");
    // A file the office put on its server by hand: never warta's to delete.
    fs::write(www.path().join("google1234.html"), "google-site-verification").expect("write");

    let first = warta::deploy::deploy(&deploy_opts(&site)).expect("the first deploy");
    let before = published(&site);
    let mut expected = before.clone();
    expected.insert("google1234.html".into(), b"google-site-verification".to_vec());
    assert_eq!(served(www.path()), expected, "every file arrived, byte for byte");
    assert_eq!(sent(&first.report), before.keys().cloned().collect());
    assert_eq!(first.report.unchanged, 0);

    let again = warta::deploy::deploy(&deploy_opts(&site)).expect("a deploy with no change");
    assert!(again.report.sent.is_empty() && again.report.deleted.is_empty());
    assert_eq!(again.report.unchanged, before.len());

    edit_and_delete(&site);
    site.build().expect("the build after the edit");
    let after = published(&site);
    let gone: BTreeSet<String> =
        before.keys().filter(|p| !after.contains_key(*p)).cloned().collect();
    assert!(gone.iter().any(|p| p.starts_with("2023/10/pemenang-lomba-video")), "{gone:?}");
    let third = warta::deploy::deploy(&deploy_opts(&site)).expect("the deploy after the edit");
    assert_eq!(sent(&third.report), changed(&before, &after), "only what the build changed");
    assert_eq!(third.report.deleted.iter().cloned().collect::<BTreeSet<_>>(), gone);
    let mut expected = after.clone();
    expected.insert("google1234.html".into(), b"google-site-verification".to_vec());
    assert_eq!(served(www.path()), expected);
    // The deleted release's files are gone; its address says it was removed (issue 13).
    let folder = www.path().join("2023/10/pemenang-lomba-video-moderasi-beragama");
    assert_eq!(support::entries(&folder), ["index.html"], "only the page that says so");
    let page = std::fs::read_to_string(folder.join("index.html")).expect("the removed page");
    assert!(page.contains("Rilis ini telah dihapus"), "{page}");
}

/// A file deleted or changed on the server by hand was never sent again: the record of the
/// last deploy said it was there (found by helper-42, stop 75: a site without its home page and
/// style sheet, "0 files sent"). `--check-server` looks at the server's files.
#[test]
fn check_server_sends_again_what_was_deleted_or_changed_on_the_server() {
    let www = tempfile::tempdir().expect("a folder");
    let site = example_with(&format!("  url: file://{}\n", www.path().display()));
    site.build().expect("build");
    warta::deploy::deploy(&deploy_opts(&site)).expect("the first deploy");
    let expected = published(&site);
    fs::remove_file(www.path().join("index.html")).expect("the home page deleted by hand");
    fs::remove_dir_all(www.path().join("css")).expect("the style sheets deleted by hand");
    fs::write(www.path().join("feed.xml"), "diubah").expect("a feed changed by hand");
    let plain = warta::deploy::deploy(&deploy_opts(&site)).expect("a deploy");
    assert!(plain.report.sent.is_empty(), "the record alone says nothing is missing");
    let checked = DeployOptions { check_server: true, ..deploy_opts(&site) };
    let done = warta::deploy::deploy(&checked).expect("a deploy that checks the server");
    let again: BTreeSet<String> = sent(&done.report);
    assert!(again.contains("index.html") && again.contains("feed.xml"), "{again:?}");
    assert!(again.iter().any(|p| p.starts_with("css/")), "{again:?}");
    assert_eq!(served(www.path()), expected, "the server holds the site again");
    assert!(
        done.warnings.iter().any(|w| w.contains("missing on the server or of another size")),
        "{:?}",
        done.warnings
    );
    let after = warta::deploy::deploy(&checked).expect("a second check");
    assert!(after.report.sent.is_empty() && after.warnings.is_empty(), "{:?}", after.warnings);
}

#[test]
fn files_are_sent_before_pages_pages_before_listings_and_the_home_page_last() {
    let www = tempfile::tempdir().expect("a folder");
    let site = example_with(&format!("  url: file://{}\n", www.path().display()));
    site.build().expect("build");
    let done = warta::deploy::deploy(&deploy_opts(&site)).expect("deploy");
    let stages: Vec<Stage> = done.report.sent.iter().map(|(p, _)| Stage::of(p)).collect();
    assert!(stages.windows(2).all(|w| w[0] <= w[1]), "sent in stage order");
    assert_eq!(done.report.sent.last().map(|(p, _)| p.as_str()), Some("index.html"));
    let first_page = done.report.sent.iter().position(|(p, _)| p.ends_with(".html"));
    let last_photo = done.report.sent.iter().rposition(|(p, _)| p.ends_with(".jpg"));
    assert!(last_photo < first_page, "every photo is up before the first page that shows it");
}

#[test]
fn a_dry_run_lists_what_would_be_sent_and_deleted_and_touches_nothing() {
    let www = tempfile::tempdir().expect("a folder");
    let site = example_with(&format!("  url: file://{}\n", www.path().display()));
    site.build().expect("build");
    let out = std::process::Command::new(support::warta_bin())
        .args(["deploy", "--dry-run", "--root"])
        .arg(site.root())
        .output()
        .expect("run warta");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("send    index.html ("), "{stdout}");
    assert!(stdout.contains("dry run: would send"), "{stdout}");
    assert_eq!(fs::read_dir(www.path()).expect("list").count(), 0, "nothing was written");
}

#[test]
fn a_password_in_site_yaml_is_an_error_at_its_line_that_says_where_it_goes() {
    let site = example_with("  url: ftp://humas@ftp.example.go.id\n  password: rahasia\n");
    let err = site.build_error();
    assert!(err.contains("site.yaml:"), "{err}");
    assert!(err.contains("deploy.password"), "{err}");
    assert!(err.contains("WARTA_DEPLOY_PASSWORD") && err.contains("~/.netrc"), "{err}");
    assert!(!err.contains("rahasia"), "the password is not repeated: {err}");
    let site = example_with("  url: ftp://humas:rahasia@ftp.example.go.id\n");
    let err = site.build_error();
    assert!(err.contains("deploy.url") && !err.contains("rahasia"), "{err}");
}

#[test]
fn deploy_addresses_are_checked_when_the_site_is() {
    for (deploy, says) in [
        ("  url: http://example.go.id\n", "not http://"),
        ("  url: sftp://humas@host/public_html\n", "folder: public_html"),
        ("  url: file:///\n", "not the whole disk"),
        ("  url: sftp://humas@host\n  folder: ../etc\n", "without `..`"),
        ("  url: sftp://humas@host\n  connections: 50\n", "expected 1 to 8"),
        ("  url: sftp://humas@host\n  certificate: ca.pem\n", "only an ftps://"),
    ] {
        let err = example_with(deploy).build_error();
        assert!(err.contains(says), "{deploy}: {err}");
    }
}

#[test]
fn an_output_that_warta_did_not_build_is_not_deployed() {
    let www = tempfile::tempdir().expect("a folder");
    let site = example_with(&format!("  url: file://{}\n", www.path().display()));
    fs::create_dir_all(site.public()).expect("mkdir");
    fs::write(site.public().join("index.html"), "hand made").expect("write");
    let err = warta::deploy::deploy(&deploy_opts(&site)).expect_err("refused").to_string();
    assert!(err.contains("warta build"), "{err}");
    let site = support::example();
    site.build().expect("build");
    let err = warta::deploy::deploy(&deploy_opts(&site)).expect_err("refused").to_string();
    assert!(err.contains("no `deploy:`"), "{err}");
}

/// Found by helper-31, stop 66: `file://` pointing at `public/` deployed into the output (and
/// the next `warta build --clean` refused the record it left there), and pointing at the site's
/// folder put the built pages beside `site.yaml`. Before any build, the deploy spoke of a
/// build cache removed, and advised `--as-built`.
#[test]
fn a_folder_target_that_is_the_output_or_the_site_is_refused_and_no_output_says_build_first() {
    let site = example_with("  url: file:///srv/www\n");
    let err = warta::deploy::deploy(&deploy_opts(&site)).expect_err("refused").to_string();
    assert!(err.starts_with("there is no ") && err.contains("run `warta build`"), "{err}");
    assert!(!err.contains("--as-built"), "{err}");
    let yaml = fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    site.build().expect("build");
    for (folder, says) in [
        (site.public(), "is the build's output"),
        (site.public().join("arsip"), "lies in the build's output"),
        (site.root().to_path_buf(), "holds the build's output"),
        (site.root().join("content/../static/www"), "lies in the site's folder"),
    ] {
        let url = format!("url: file://{}", folder.display());
        site.write("site.yaml", &yaml.replace("url: file:///srv/www", &url));
        let err = warta::deploy::deploy(&deploy_opts(&site)).expect_err("refused").to_string();
        assert!(err.contains(says), "{}: {err}", folder.display());
        assert!(!site.public().join(MANIFEST).exists() && !site.root().join("index.html").exists());
    }
}

/// Found using warta as an office does: a preview built with `--drafts` (to look at a release
/// before it is approved) and then deployed put the draft on the web host, page and all.
#[test]
fn a_preview_with_drafts_or_scheduled_releases_is_not_deployed() {
    let www = tempfile::tempdir().expect("a folder");
    let site = example_with(&format!("  url: file://{}\n", www.path().display()));
    let draft = "2024/05/seleksi-tilawatil-quran-tingkat-provinsi/index.html";
    for (drafts, future, says) in
        [(true, false, "1 draft"), (false, true, "scheduled"), (true, true, "1 draft, ")]
    {
        let options =
            warta::BuildOptions { drafts, future, ..support::options(site.root(), &site.public()) };
        let built = warta::build(&options).expect("a preview builds");
        assert!(built.preview.as_deref().is_some_and(|p| p.contains(says)), "{built:?}");
        let err = warta::deploy::deploy(&deploy_opts(&site)).expect_err("refused").to_string();
        assert!(err.contains("is a preview") && err.contains(says), "{err}");
        assert!(served(www.path()).is_empty(), "nothing is sent");
    }
    // The build says so when it is run.
    let out = support::warta()
        .args(["build", "--drafts", "--root"])
        .arg(site.root())
        .output()
        .expect("run warta");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("\na preview, with 1 draft: `warta deploy` will not send it"),
        "{stdout}"
    );
    // Built to publish, it goes, without the draft.
    assert_eq!(site.build().expect("build").preview, None);
    warta::deploy::deploy(&deploy_opts(&site)).expect("deployed");
    assert_eq!(served(www.path()), published(&site));
    assert!(!www.path().join(draft).exists());
}

/// Found using warta as an office does: a release edited and looked at in `warta serve` (which
/// never writes `public/`), then deployed, sent the site as it was before the edit and said
/// "0 files sent", as if there were nothing to send.
#[test]
fn an_output_older_than_the_site_is_not_deployed_unless_asked() {
    let www = tempfile::tempdir().expect("a folder");
    let site = example_with(&format!("  url: file://{}\n", www.path().display()));
    site.build().expect("build");
    warta::deploy::deploy(&deploy_opts(&site)).expect("deployed");
    let before = served(www.path());
    edit_and_delete(&site);
    let err = warta::deploy::deploy(&deploy_opts(&site)).expect_err("refused").to_string();
    assert!(
        err.starts_with("content/") && err.contains(", after ") && err.contains(" was last built"),
        "{err}"
    );
    assert!(err.contains("run `warta build`") && err.contains("--as-built"), "{err}");
    assert_eq!(served(www.path()), before, "nothing is sent");
    // Asked to, it sends the output as it is: nothing, here.
    let done = warta::deploy::deploy(&DeployOptions { as_built: true, ..deploy_opts(&site) })
        .expect("deployed as built");
    assert!(done.report.sent.is_empty(), "{:?}", done.report.sent);
    // Built, the edit goes.
    site.build().expect("build");
    warta::deploy::deploy(&deploy_opts(&site)).expect("deployed");
    assert_eq!(served(www.path()), published(&site));
    assert_ne!(served(www.path()), before);
}

/// Found by helper-26, stop 48: a build that failed (after the output's cache was written)
/// took the record of the last successful build with it, and `warta deploy` then sent the old
/// `public/` and said "deployed", the change that broke the build nowhere. The record stays;
/// an output whose build recorded nothing (its cache removed) is not sent unless asked.
#[test]
fn a_failed_build_leaves_the_deploy_knowing_the_output_is_older_than_the_site() {
    let www = tempfile::tempdir().expect("a folder");
    let site = example_with(&format!("  url: file://{}\n", www.path().display()));
    site.write("static/brosur/a.pdf", "a");
    site.build().expect("build");
    warta::deploy::deploy(&deploy_opts(&site)).expect("deployed");
    let before = served(www.path());
    std::thread::sleep(std::time::Duration::from_millis(20));
    // A file put by hand where the new static file goes: the build is refused at its commit.
    fs::remove_dir_all(site.root().join("static/brosur")).expect("removed");
    site.write("static/brosur", "now a file");
    fs::write(site.public().join("brosur/catatan.txt"), "by hand").expect("put by hand");
    let e = site.build_error();
    assert!(e.contains("that warta did not write"), "{e}");
    let err = warta::deploy::deploy(&deploy_opts(&site)).expect_err("refused").to_string();
    assert!(err.starts_with("static/brosur") && err.contains(" was last built"), "{err}");
    assert_eq!(served(www.path()), before, "nothing is sent");
    // No record at all: refused too, unless asked.
    fs::remove_dir_all(site.root().join(".public.warta-cache")).expect("removed");
    let err = warta::deploy::deploy(&deploy_opts(&site)).expect_err("refused").to_string();
    assert!(err.starts_with("nothing says when"), "{err}");
    warta::deploy::deploy(&DeployOptions { as_built: true, ..deploy_opts(&site) })
        .expect("deployed as built");
}

/// Found by helper-26, stop 48: `site.yaml` edited only in `deploy:` (a longer `timeout:` after
/// a deploy timed out) stopped `warta deploy` with "site.yaml changed after public was last
/// built", which was untrue: where the site goes is not what it is. Any other edit still stops it.
#[test]
fn site_yaml_edited_only_in_deploy_does_not_stop_a_deploy() {
    let www = tempfile::tempdir().expect("a folder");
    let site = example_with(&format!("  url: file://{}\n", www.path().display()));
    site.build().expect("build");
    std::thread::sleep(std::time::Duration::from_millis(20));
    let yaml = fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    site.write("site.yaml", &format!("{yaml}  timeout: 120\n"));
    warta::deploy::deploy(&deploy_opts(&site)).expect("deployed");
    assert_eq!(served(www.path()), published(&site));
    site.write("site.yaml", &yaml.replacen("title: ", "title: Baru ", 1));
    let err = warta::deploy::deploy(&deploy_opts(&site)).expect_err("refused").to_string();
    assert!(err.starts_with("site.yaml changed at"), "{err}");
}

/// Found by helper-26, stop 48: a static file made a folder (and back) failed every deploy
/// after ("550 Not a directory" over FTP), the old file deleted only after every upload.
#[test]
fn a_file_that_becomes_a_folder_and_back_is_deployed() {
    let www = tempfile::tempdir().expect("a folder");
    let site = example_with(&format!("  url: file://{}\n", www.path().display()));
    site.write("static/agenda", "a file");
    for step in ["a file", "a folder", "a file again"] {
        match step {
            "a folder" => {
                fs::remove_file(site.root().join("static/agenda")).expect("removed");
                site.write("static/agenda/2024/index.html", "<h1>Agenda</h1>");
            }
            "a file again" => {
                fs::remove_dir_all(site.root().join("static/agenda")).expect("removed");
                site.write("static/agenda", "a file again");
            }
            _ => {}
        }
        site.build().unwrap_or_else(|e| panic!("{step}: {e}"));
        warta::deploy::deploy(&deploy_opts(&site)).unwrap_or_else(|e| panic!("{step}: {e}"));
        assert_eq!(served(www.path()), published(&site), "{step}");
    }
}

/// Found killing builds as a power cut would: a build stopped while it put its changed pages
/// in place left `public/` with some pages new and some old, and `warta deploy` sent it, and
/// said it was deployed (until stop 46). It is refused, `--as-built` too, until a build has
/// finished it.
#[test]
fn an_output_left_half_updated_by_a_stopped_build_is_not_deployed() {
    let www = tempfile::tempdir().expect("a folder");
    let site = example_with(&format!("  url: file://{}\n", www.path().display()));
    site.build().expect("build");
    let marker = site.public().join(warta::write::MARKER);
    let before = fs::read_to_string(&marker).expect("marker");
    let yaml = fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    site.write("site.yaml", &yaml.replacen("title: ", "title: Baru ", 1));
    let mut child = support::warta()
        .args(["build", "--root"])
        .arg(site.root())
        .env("WARTA_TEST_PAUSE_IN_UPDATE_MS", "60000")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start warta");
    let start = std::time::Instant::now();
    while !fs::read_to_string(&marker).is_ok_and(|m| m != before && m.contains("-updating")) {
        assert!(start.elapsed().as_secs() < 60, "the update never began");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().expect("kill -9 the build");
    child.wait().expect("reap it");
    for as_built in [false, true] {
        let opts = DeployOptions { as_built, ..deploy_opts(&site) };
        let err = warta::deploy::deploy(&opts).expect_err("refused").to_string();
        assert!(
            err.contains("was left half updated") && err.contains("Run `warta build`"),
            "{err}"
        );
        assert!(served(www.path()).is_empty(), "nothing is sent");
    }
    site.build().expect("the next build finishes it");
    warta::deploy::deploy(&deploy_opts(&site)).expect("deployed");
    assert_eq!(served(www.path()), published(&site));
}

/// The server's deploy lock, as a local path of a server's folder.
fn lock_owner(folder: &Path) -> std::path::PathBuf {
    folder.join(warta::deploy::lock::FOLDER).join("owner.json")
}

/// Starts `deploy` (a `warta deploy` command) held for a minute once it has taken the server's
/// lock (`WARTA_TEST_PAUSE_AFTER_LOCK_MS`), and waits until `lock`, its owner file, is there.
fn holding_the_lock(
    mut deploy: std::process::Command,
    stderr: std::process::Stdio,
    lock: &Path,
) -> std::process::Child {
    let child = deploy
        .env("WARTA_TEST_PAUSE_AFTER_LOCK_MS", "60000")
        .stdout(std::process::Stdio::null())
        .stderr(stderr)
        .spawn()
        .expect("start warta deploy");
    let start = std::time::Instant::now();
    while !lock.is_file() {
        assert!(start.elapsed().as_secs() < 30, "the deploy took no lock");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child
}

/// A lock another computer's deploy holds stops a deploy, which sends nothing and says whose
/// the lock is; a dry run, which changes nothing, still runs; `--unlock`, as the office types
/// it, takes the lock over and deploys, and the lock is gone after.
#[test]
fn a_lock_held_by_another_computer_stops_a_deploy_until_unlock() {
    let www = tempfile::tempdir().expect("a folder");
    let site = example_with(&format!("  url: file://{}\n", www.path().display()));
    site.build().expect("build");
    let lock = lock_owner(www.path());
    fs::create_dir_all(lock.parent().expect("the lock's folder")).expect("mkdir");
    let owner = r#"{"host": "pc-humas-2", "user": "rina", "pid": 812,
        "started": "2026-12-05T09:14:03+08:00", "token": "theirs"}"#;
    fs::write(&lock, owner).expect("write the lock");
    let err = warta::deploy::deploy(&deploy_opts(&site)).expect_err("refused").to_string();
    assert!(
        err.contains(&format!("another deploy to file://{} is running", www.path().display()))
            && err.contains(
                "rina started it on pc-humas-2 at 2026-12-05T09:14:03+08:00 (process 812)"
            )
            && err.contains("run `warta deploy --unlock` once"),
        "{err}"
    );
    let on_server: Vec<String> = tree(www.path()).into_keys().collect();
    assert_eq!(on_server, [".warta-deploy.lock/owner.json"], "nothing is sent");
    let dry = DeployOptions { dry_run: true, ..deploy_opts(&site) };
    let planned = warta::deploy::deploy(&dry).expect("a dry run takes no lock");
    assert!(!planned.report.sent.is_empty());
    assert_eq!(fs::read_to_string(&lock).expect("the lock"), owner, "the lock is theirs still");

    let out = support::warta()
        .args(["deploy", "--unlock", "--root"])
        .arg(site.root())
        .output()
        .expect("run warta deploy --unlock");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains(
            "warning: took over the deploy lock of rina on pc-humas-2 since \
             2026-12-05T09:14:03+08:00, as asked (--unlock): that deploy did not finish"
        ),
        "{err}"
    );
    assert_eq!(served(www.path()), published(&site), "deployed, and the lock given back");
}

/// Two deploys at once to one server sent their files in turns and each wrote the manifest of
/// its own files: the server showed pages of two builds, and its record of them was wrong, so
/// that the next deploy left a file of the other build in place (until stop 54). A deploy
/// holds the server's lock while it runs, and another is refused, saying whose it is. A deploy
/// killed while it holds it leaves it there; the next deploy from this computer, finding its
/// process gone, takes it over.
fn deploy_beside_another(server: &dyn Served) {
    let home = tempfile::tempdir().expect("a home folder");
    let site = example_with(&server.deploy_yaml());
    site.build().expect("build");
    fs::create_dir_all(server.folder()).expect("the site's folder");
    let lock = lock_owner(&server.folder());
    let mut first = holding_the_lock(
        warta_deploy_command(&site, server, home.path(), &[]),
        std::process::Stdio::null(),
        &lock,
    );
    let owner: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&lock).expect("the lock")).expect("JSON");
    assert_eq!(owner["pid"], first.id(), "{owner}");

    let (ok, out, err) = warta_deploy(&site, server, home.path(), &[]);
    assert!(!ok, "{out}{err}");
    assert!(
        err.contains("is running: ")
            && err.contains(&format!(
                "on this computer at {}",
                owner["started"].as_str().expect("a time")
            ))
            && err.contains(&format!("(process {})", first.id()))
            && err.contains("`warta deploy --unlock`"),
        "{err}"
    );
    let sent: Vec<String> = tree(&server.folder()).into_keys().collect();
    assert_eq!(sent, [".warta-deploy.lock/owner.json"], "neither has sent anything");

    first.kill().expect("kill -9 the first deploy");
    first.wait().expect("reap it");
    let (ok, out, err) = warta_deploy(&site, server, home.path(), &[]);
    assert!(ok, "{out}{err}");
    assert!(
        err.contains("took over the deploy lock of ") && err.contains("its process is gone"),
        "{err}"
    );
    assert_eq!(served(&server.folder()), published(&site), "deployed, and the lock given back");
}

/// A deploy stopped with Ctrl-C gives the server's lock back on its way out: on a computer
/// where a lock left behind cannot be told from a running deploy's (not Linux), the next
/// deploy would otherwise need `--unlock`.
#[test]
fn a_deploy_stopped_with_ctrl_c_gives_the_lock_back() {
    let www = tempfile::tempdir().expect("a folder");
    let site = example_with(&format!("  url: file://{}\n", www.path().display()));
    site.build().expect("build");
    let lock = lock_owner(www.path());
    let mut deploy = support::warta();
    deploy.args(["deploy", "--root"]).arg(site.root());
    let child = holding_the_lock(deploy, std::process::Stdio::piped(), &lock);
    let interrupt = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("run kill");
    assert!(interrupt.success());
    let out = child.wait_with_output().expect("the deploy ends");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{err}");
    assert!(err.contains("interrupted: what was sent is recorded"), "{err}");
    assert!(!err.contains("could not be given back"), "{err}");
    assert!(tree(www.path()).is_empty(), "the lock is given back, and nothing was sent");
    assert!(!www.path().join(warta::deploy::lock::FOLDER).exists(), "its folder too");
    warta::deploy::deploy(&deploy_opts(&site)).expect("the next deploy");
    assert_eq!(served(www.path()), published(&site));
}

#[test]
fn ftp_a_deploy_beside_another_is_refused_and_one_killed_is_taken_over() {
    let root = tempfile::tempdir().expect("a folder");
    let Some(server) = crate::servers::ftp::FtpServer::start(root.path(), false) else {
        return;
    };
    deploy_beside_another(&server);
}

#[test]
fn sftp_a_deploy_beside_another_is_refused_and_one_killed_is_taken_over() {
    let root = tempfile::tempdir().expect("a folder");
    let Some(server) = crate::servers::sftp::SftpServer::start(root.path()) else {
        return;
    };
    deploy_beside_another(&server);
}

/// Found testing against real servers: a static file `a\\b.txt` (a name Linux allows, and
/// the build copies) was refused by the server part way through the deploy, without advice.
/// The deploy refuses it before it connects, naming every such file and saying to rename them.
#[test]
fn file_names_with_a_backslash_are_refused_before_anything_is_sent_each_named() {
    let www = tempfile::tempdir().expect("a folder");
    let site = example_with(&format!("  url: file://{}\n", www.path().display()));
    site.write("static/a\\b.txt", "a");
    site.write("static/unduhan/laporan\\2023.pdf", "pdf");
    site.write("content/2023/05/workshop-manajemen-media-sosial/surat\\undangan.pdf", "pdf");
    // The build takes the names, and says first what the deploy will refuse.
    let summary = site.build().expect("the build takes the names");
    let warned: Vec<String> = summary
        .warnings
        .iter()
        .filter(|w| w.message.contains("has a backslash in its name"))
        .map(|w| w.path.to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        warned,
        [
            "content/2023/05/workshop-manajemen-media-sosial/surat\\undangan.pdf",
            "static/a\\b.txt",
            "static/unduhan/laporan\\2023.pdf"
        ],
        "{:?}",
        summary.warnings
    );
    let err = warta::deploy::deploy(&deploy_opts(&site)).expect_err("refused").to_string();
    let public = format!("{}/", site.public().display());
    assert!(
        err.starts_with(&format!("3 files of {public} have names a web host cannot take:"))
            && err.contains(&format!("\n  {public}a\\b.txt (a backslash)\n"))
            && err.contains(&format!("\n  {public}unduhan/laporan\\2023.pdf (a backslash)\n"))
            && err.contains("rename them where they came from (static/ or content/)")
            && err.contains("a folder separator on Windows hosts and many FTP servers"),
        "{err}"
    );
    assert_eq!(fs::read_dir(www.path()).expect("list").count(), 0, "nothing was sent");
}

#[test]
fn without_a_readable_manifest_the_listing_decides_and_nothing_is_deleted() {
    let www = tempfile::tempdir().expect("a folder");
    let site = example_with(&format!("  url: file://{}\n", www.path().display()));
    site.build().expect("build");
    warta::deploy::deploy(&deploy_opts(&site)).expect("deploy");
    // Someone's tool replaced the manifest; a file warta once sent is still there.
    fs::write(www.path().join(MANIFEST), "{not json").expect("write");
    fs::write(www.path().join("old.html"), "left").expect("write");
    edit_and_delete(&site);
    site.build().expect("build");
    let done = warta::deploy::deploy(&deploy_opts(&site)).expect("deploy");
    assert!(done.warnings.iter().any(|w| w.contains("does not read")), "{:?}", done.warnings);
    assert!(done.report.deleted.is_empty());
    assert!(done.report.kept_from_listing > 0);
    assert!(www.path().join("old.html").exists());
    // The files the build changed have new bytes and a new time, so they were sent.
    for (path, bytes) in published(&site) {
        assert_eq!(fs::read(www.path().join(&path)).ok(), Some(bytes), "{path}");
    }
    // And the manifest is warta's again: the next deploy with no change sends nothing.
    let next = warta::deploy::deploy(&deploy_opts(&site)).expect("deploy");
    assert!(next.report.sent.is_empty() && !next.report.from_listing);
}

/// Whether a put of a path fails, and with what.
type Fault = dyn FnMut(&str) -> Option<RemoteError> + Send;

/// A folder reached over a bad line: before each put and each delete, `put` and `remove` say
/// whether it fails, and with what.
struct Faulty {
    inner: Box<dyn Remote>,
    put: Box<Fault>,
    remove: Box<dyn FnMut() -> Option<RemoteError> + Send>,
}

impl Faulty {
    fn new(inner: Box<dyn Remote>) -> Faulty {
        Faulty { inner, put: Box::new(|_| None), remove: Box::new(|| None) }
    }
}

impl std::fmt::Debug for Faulty {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Faulty")
    }
}

impl Remote for Faulty {
    fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, RemoteError> {
        self.inner.read(path)
    }
    fn list(&mut self) -> Result<Vec<warta::deploy::RemoteFile>, RemoteError> {
        self.inner.list()
    }
    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), RemoteError> {
        match (self.put)(path) {
            Some(e) => Err(e),
            None => self.inner.put(path, bytes),
        }
    }
    fn remove(&mut self, path: &str) -> Result<(), RemoteError> {
        match (self.remove)() {
            Some(e) => Err(e),
            None => self.inner.remove(path),
        }
    }
    fn remove_dir(&mut self, path: &str) -> Result<(), RemoteError> {
        self.inner.remove_dir(path)
    }
    fn make_dir(&mut self, path: &str) -> Result<bool, RemoteError> {
        self.inner.make_dir(path)
    }
}

/// Found testing against real servers: a deploy that failed deleting a file at its end had not
/// recorded the files it sent, though its message said so, and the next deploy sent them again.
/// What was sent is recorded before the failure is told, whatever it is.
#[test]
fn what_was_sent_is_recorded_though_a_delete_after_it_fails() {
    let www = tempfile::tempdir().expect("a folder");
    let site = example_with(&format!("  url: file://{}\n", www.path().display()));
    site.build().expect("build");
    warta::deploy::deploy(&deploy_opts(&site)).expect("the first deploy");
    edit_and_delete(&site);
    site.build().expect("build");
    let dropped = RemoteError::transient("the server closed the connection");
    let (done, planned) = deploy_through(&site, www.path(), move |inner| {
        let dropped = dropped.clone();
        Box::new(Faulty { remove: Box::new(move || Some(dropped.clone())), ..Faulty::new(inner) })
    });
    assert!(planned > 0);
    let err = done.expect_err("the deletes fail").to_string();
    assert!(err.contains("could not delete ") && err.contains("run `warta deploy` again"), "{err}");
    // Everything was sent, and recorded: the next deploy sends nothing, and deletes.
    let (done, planned) = deploy_through(&site, www.path(), |inner| inner);
    assert_eq!(planned, 0, "the files sent were recorded");
    assert!(!done.expect("the next deploy").deleted.is_empty());
    assert_eq!(served(www.path()), published(&site), "the site is whole");
}

/// Deploys `site` to `www` through connections over a bad line: their first `hiccups` puts
/// fail once each, and every put after the first `puts` fails (the line is down for good).
fn deploy_flaky(
    site: &Site,
    www: &Path,
    puts: isize,
    hiccups: isize,
) -> (warta::error::Result<run::Report>, usize) {
    let left = Arc::new(AtomicIsize::new(puts));
    let hiccups = Arc::new(AtomicIsize::new(hiccups));
    deploy_through(site, www, move |inner| {
        let (left, hiccups) = (left.clone(), hiccups.clone());
        let put = move |_: &str| {
            let fails = hiccups.fetch_sub(1, SeqCst) > 0 || left.fetch_sub(1, SeqCst) <= 0;
            fails.then(|| RemoteError::transient("connection reset by peer"))
        };
        Box::new(Faulty { put: Box::new(put), ..Faulty::new(inner) })
    })
}

/// Deploys `site` to `www` over two connections, each of them the folder's as `wrap` makes it.
fn deploy_through(
    site: &Site,
    www: &Path,
    wrap: impl Fn(Box<dyn Remote>) -> Box<dyn Remote> + Sync,
) -> (warta::error::Result<run::Report>, usize) {
    let target = warta::deploy::Target {
        protocol: warta::deploy::Protocol::File,
        host: String::new(),
        port: 0,
        user: None,
        folder: www.display().to_string(),
        connections: 2,
        timeout: std::time::Duration::from_secs(5),
        certificate: None,
    };
    let connect = || -> Result<Box<dyn Remote>, RemoteError> {
        Ok(wrap(warta::deploy::file::connect(&target)?))
    };
    let mut opts = Options::new(2, "public/");
    opts.backoff = std::time::Duration::from_millis(1);
    let local = run::scan(&site.public(), "public/").expect("scan");
    let mut first = None;
    let server =
        run::retrying(&mut first, &connect, &opts, |r| run::server(r, None, &mut Vec::new()))
            .expect("the server");
    let plan = warta::deploy::plan::plan(&local, &server);
    let first = first.expect("a connection");
    (run::execute(&site.public(), &plan, &local, first, &connect, &opts), plan.upload_count())
}

#[test]
fn a_deploy_cut_short_names_the_file_and_the_next_one_sends_only_the_rest() {
    let www = tempfile::tempdir().expect("a folder");
    let site = example_with(&format!("  url: file://{}\n", www.path().display()));
    site.build().expect("build");
    let total = published(&site).len();
    // The line drops for good after 200 files (manifest writes count as puts).
    let (cut, planned) = deploy_flaky(&site, www.path(), 200, 0);
    assert_eq!(planned, total);
    let err = cut.expect_err("the deploy fails").to_string();
    assert!(err.contains("could not send ") && err.contains("connection reset by peer"), "{err}");
    assert!(err.contains("tried 4 times") && err.contains("run `warta deploy` again"), "{err}");
    // The home page goes last, so the site's visitors never saw a page with missing links.
    assert!(!www.path().join("index.html").exists());

    // What the cut-short deploy recorded on the server. How many files that is depends on
    // where its checkpoints fell between the two connections, so on the machine's load: the
    // next deploy must send exactly the others.
    let manifest = fs::read(www.path().join(MANIFEST)).expect("a manifest on the server");
    let recorded = Manifest::parse(&manifest).expect("a manifest").files.len();
    assert!(recorded >= 20, "the deploy recorded what it sent as it went: {recorded} of {total}");

    let (rest, planned) = deploy_flaky(&site, www.path(), isize::MAX, 0);
    let rest = rest.expect("the next deploy finishes");
    assert_eq!(planned, total - recorded, "the files recorded were not sent again");
    assert_eq!(rest.sent.len(), planned);
    assert_eq!(served(www.path()), published(&site), "the site is whole");
    let no_parts = tree(www.path()).keys().all(|p| !p.ends_with(".warta-part"));
    assert!(no_parts, "no temporary file is left");
}

/// Found by helper-31, stop 66, killing deploys (`kill -9`, Ctrl-C) over FTP and SFTP: the
/// files a deploy put on the server after it last wrote its record were on no list, so once
/// the releases they belonged to were removed, no deploy deleted them: a removed release's
/// `search.json` and `social.json`, its text, stayed public. Here the record cannot be written
/// after the deploy's first write (as when it is killed), and the line drops after 30 files.
#[test]
fn files_a_stopped_deploy_did_not_record_are_deleted_once_the_output_no_longer_has_them() {
    let www = tempfile::tempdir().expect("a folder");
    let site = example_with(&format!("  url: file://{}\n", www.path().display()));
    site.build().expect("build");
    warta::deploy::deploy(&deploy_opts(&site)).expect("the first deploy");
    // A release added, then sent by a deploy that stops part way without recording it.
    let copy = site.root().join("content/2023/11/salinan-rilis-zakat.md");
    let text =
        fs::read_to_string(site.root().join("content/2023/11/gerakan-zakat-asn-kemenag-badung.md"));
    fs::write(&copy, text.expect("a release").replacen("title: ", "title: Salinan — ", 1))
        .expect("add a release");
    site.build().expect("build");
    let (files, records) = (Arc::new(AtomicIsize::new(30)), Arc::new(AtomicIsize::new(1)));
    let (cut, _) = deploy_through(&site, www.path(), move |inner| {
        let (files, records) = (files.clone(), records.clone());
        let put = move |path: &str| match path == MANIFEST {
            true => (records.fetch_sub(1, SeqCst) <= 0).then(|| RemoteError::fatal("killed")),
            false => (files.fetch_sub(1, SeqCst) <= 0).then(|| RemoteError::transient("killed")),
        };
        Box::new(Faulty { put: Box::new(put), ..Faulty::new(inner) })
    });
    cut.expect_err("the deploy stops");
    let record = Manifest::parse(&fs::read(www.path().join(MANIFEST)).expect("the record"));
    let record = record.expect("a record");
    let unrecorded: Vec<String> =
        served(www.path()).into_keys().filter(|p| !record.files.contains_key(p)).collect();
    let new = unrecorded.iter().filter(|p| p.contains("salinan-rilis-zakat/")).count();
    assert!(new >= 3, "the new release's files were sent, not recorded: {unrecorded:?}");
    assert!(unrecorded.iter().all(|p| record.pending.contains(p)), "{:?}", record.pending);
    // A part left where the deploy was killed writing one.
    let page = unrecorded.iter().find(|p| p.contains("salinan-rilis-zakat/")).expect("its page");
    let part = www.path().join(warta::deploy::remote::temporary_name(page));
    fs::write(&part, "half a file").expect("a part");

    fs::remove_file(&copy).expect("remove the release");
    site.build().expect("build");
    warta::deploy::deploy(&deploy_opts(&site)).expect("the next deploy");
    let (there, here) = (served(www.path()), published(&site));
    let differ: Vec<&String> =
        there.keys().chain(here.keys()).filter(|p| there.get(*p) != here.get(*p)).collect();
    assert!(differ.is_empty(), "nothing of the removed release is left: {differ:?}");
    let record = Manifest::parse(&fs::read(www.path().join(MANIFEST)).expect("the record"));
    assert!(record.expect("a record").pending.is_empty());
}

#[test]
fn a_transient_error_is_retried_on_a_new_connection() {
    let www = tempfile::tempdir().expect("a folder");
    let site = example_with(&format!("  url: file://{}\n", www.path().display()));
    site.build().expect("build");
    // Three puts fail, on one connection or both: each is tried again on a new one.
    let (done, planned) = deploy_flaky(&site, www.path(), isize::MAX, 3);
    assert_eq!(done.expect("deploy").sent.len(), planned);
    assert_eq!(served(www.path()), published(&site));
}

/// A real server a deploy test sends the example site to, on loopback.
trait Served {
    /// `deploy:`'s lines in `site.yaml`.
    fn deploy_yaml(&self) -> String;
    /// The environment the `warta` command runs with, besides `HOME=home`; may write files
    /// in `home` (`~/.netrc`, `~/.ssh/known_hosts`).
    fn env(&self, home: &Path) -> Vec<(String, String)>;
    /// The site's folder on the server, as a local path.
    fn folder(&self) -> std::path::PathBuf;
    /// Files the server's log says were uploaded or deleted since the last `clear_log`,
    /// relative to the site's folder.
    fn uploads(&self) -> Vec<String>;
    fn deletes(&self) -> Vec<String>;
    fn clear_log(&self);
    fn stop(&mut self);
    fn restart(&mut self);
}

/// The folder on the server the tests deploy into, inside the server's login folder.
const FOLDER: &str = "public_html";

/// The paths of the site's folder, relative to it: without the deploy's lock, which every
/// deploy makes and removes ([`warta::deploy::lock`]), and which is no file of the site.
fn strip_folder(paths: Vec<String>) -> Vec<String> {
    let prefix = format!("{FOLDER}/");
    let site = paths.into_iter().filter_map(|p| p.strip_prefix(&prefix).map(str::to_string));
    site.filter(|p| !warta::deploy::lock::is_lock(p)).collect()
}

impl Served for crate::servers::ftp::FtpServer {
    fn deploy_yaml(&self) -> String {
        let scheme = if self.certificate().is_some() { "ftps" } else { "ftp" };
        let mut yaml = format!(
            "  url: {scheme}://{}@127.0.0.1:{}\n  folder: {FOLDER}\n  connections: 2\n",
            self.user, self.port
        );
        if let Some(cert) = self.certificate() {
            yaml.push_str(&format!("  certificate: {}\n", cert.display()));
        }
        yaml
    }
    fn env(&self, home: &Path) -> Vec<(String, String)> {
        if self.certificate().is_some() {
            vec![("WARTA_DEPLOY_PASSWORD".into(), self.password.clone())]
        } else {
            // Plain FTP reads the password from ~/.netrc.
            let netrc = format!(
                "machine 127.0.0.1\n  login {}\n  password \"{}\"\n",
                self.user, self.password
            );
            fs::write(home.join(".netrc"), netrc).expect("write ~/.netrc");
            // Readable by its user alone, as the README asks: else the deploy warns.
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = fs::Permissions::from_mode(0o600);
                fs::set_permissions(home.join(".netrc"), mode).expect("chmod 600 ~/.netrc");
            }
            Vec::new()
        }
    }
    fn folder(&self) -> std::path::PathBuf {
        self.root.join(FOLDER)
    }
    fn uploads(&self) -> Vec<String> {
        strip_folder(crate::servers::ftp::FtpServer::uploads(self))
    }
    fn deletes(&self) -> Vec<String> {
        strip_folder(crate::servers::ftp::FtpServer::deletes(self))
    }
    fn clear_log(&self) {
        crate::servers::ftp::FtpServer::clear_log(self)
    }
    fn stop(&mut self) {
        crate::servers::ftp::FtpServer::stop(self)
    }
    fn restart(&mut self) {
        crate::servers::ftp::FtpServer::restart(self)
    }
}

/// `warta deploy` on `site`, as a person runs it, against `server`, with a home folder of its
/// own: (success, stdout, stderr).
fn warta_deploy(
    site: &Site,
    server: &dyn Served,
    home: &Path,
    args: &[&str],
) -> (bool, String, String) {
    let out = warta_deploy_command(site, server, home, args).output().expect("run warta deploy");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.success(), text(&out.stdout), text(&out.stderr))
}

fn warta_deploy_command(
    site: &Site,
    server: &dyn Served,
    home: &Path,
    args: &[&str],
) -> std::process::Command {
    let mut cmd = std::process::Command::new(support::warta_bin());
    cmd.arg("deploy").arg("--root").arg(site.root()).args(args);
    for var in ["WARTA_DEPLOY_PASSWORD", "WARTA_DEPLOY_KEY", "WARTA_DEPLOY_KEY_PASSPHRASE", "NETRC"]
    {
        cmd.env_remove(var);
    }
    cmd.env("HOME", home).envs(server.env(home));
    cmd
}

/// The whole story on a real server: the first deploy sends everything, a hand-placed file
/// stays; an edit sends only what the build changed, as the server's log counts it; a
/// deleted release's files go, and nothing else.
fn deploy_edit_and_delete(server: &mut dyn Served) {
    let home = tempfile::tempdir().expect("a home folder");
    let site = example_with(&server.deploy_yaml());
    site.build().expect("build");
    fs::create_dir_all(server.folder()).expect("the site's folder");
    fs::write(server.folder().join("google1234.html"), "verification").expect("write");

    let (ok, out, err) = warta_deploy(&site, server, home.path(), &[]);
    assert!(ok, "{out}{err}");
    let before = published(&site);
    let mut expected = before.clone();
    expected.insert("google1234.html".into(), b"verification".to_vec());
    assert_eq!(served(&server.folder()), expected, "every file arrived, byte for byte");
    assert!(out.contains(&format!("{} files sent", before.len())), "{out}");

    server.clear_log();
    let (ok, out, err) = warta_deploy(&site, server, home.path(), &[]);
    assert!(ok && out.contains("0 files sent"), "{out}{err}");
    assert!(server.uploads().is_empty(), "a deploy with nothing changed sends nothing");
    assert!(server.deletes().is_empty());

    edit_and_delete(&site);
    site.build().expect("the build after the edit");
    let after = published(&site);
    server.clear_log();
    let (ok, out, err) = warta_deploy(&site, server, home.path(), &[]);
    assert!(ok, "{out}{err}");
    let uploaded: BTreeSet<String> =
        server.uploads().into_iter().filter(|p| p != MANIFEST).collect();
    assert_eq!(uploaded, changed(&before, &after), "the server received only what changed");
    let files = server.uploads().into_iter().filter(|p| p != MANIFEST).count();
    assert_eq!(files, uploaded.len(), "each file once");
    let gone: BTreeSet<String> =
        before.keys().filter(|p| !after.contains_key(*p)).cloned().collect();
    assert_eq!(server.deletes().into_iter().collect::<BTreeSet<_>>(), gone);
    let mut expected = after.clone();
    expected.insert("google1234.html".into(), b"verification".to_vec());
    assert_eq!(served(&server.folder()), expected);
}

/// A deploy whose server goes away part way fails naming a file; once the server is back,
/// the next deploy completes the site without sending again what was recorded.
fn deploy_through_a_dropped_connection(server: &mut dyn Served) {
    let home = tempfile::tempdir().expect("a home folder");
    let site = example_with(&server.deploy_yaml());
    // Annual reports for download, large enough that the server can be stopped while they
    // go up, on loopback, however fast: they follow every other file of their stage.
    for n in 1..=4u8 {
        let bytes: Vec<u8> =
            (0..16u32 << 20).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8 ^ n).collect();
        let path = site.root().join(format!("static/unduhan/laporan-{n}.bin"));
        fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
        fs::write(path, bytes).expect("write a report");
    }
    site.build().expect("build");
    let total = published(&site).len();
    let before_reports = published(&site)
        .keys()
        .filter(|p| Stage::of(p) == Stage::Files && p.as_str() < "unduhan/")
        .count();
    let child = warta_deploy_command(&site, server, home.path(), &["--connections", "1"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start warta deploy");
    let waited = std::time::Instant::now();
    while server.uploads().len() < before_reports {
        assert!(waited.elapsed().as_secs() < 60, "the deploy did not get going");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    server.stop();
    let out = child.wait_with_output().expect("warta deploy ends");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the deploy cannot succeed without its server");
    assert!(err.contains("could not send ") || err.contains("could not write"), "{err}");
    assert!(err.contains("run `warta deploy` again"), "{err}");
    assert!(!server.folder().join("index.html").exists(), "the home page goes last");

    server.restart();
    server.clear_log();
    let (ok, out, err) = warta_deploy(&site, server, home.path(), &[]);
    assert!(ok, "{out}{err}");
    assert_eq!(served(&server.folder()), published(&site), "the site is whole");
    let resent = server.uploads().into_iter().filter(|p| p != MANIFEST).count();
    assert!(resent < total - 20, "what was recorded was not sent again: {resent} of {total}");
    eprintln!("after the dropped connection, {resent} of {total} files were sent again");
}

#[test]
fn ftp_deploys_the_example_site_then_only_changes_and_deletes_only_its_own_files() {
    let root = tempfile::tempdir().expect("a folder");
    let Some(mut server) = crate::servers::ftp::FtpServer::start(root.path(), false) else {
        return;
    };
    deploy_edit_and_delete(&mut server);
}

/// Found by helper-26, stop 48: a host that takes two connections per address (pyftpdlib's
/// `max_cons_per_ip`, as shared hosts set it) answered the third "421 Too many connections",
/// and every deploy asking for four failed. It goes on with those the server took, and says
/// how many to ask for.
#[test]
fn ftp_to_a_host_taking_fewer_connections_than_asked_deploys_with_those_it_took() {
    let root = tempfile::tempdir().expect("a folder");
    let Some(server) = crate::servers::ftp::FtpServer::start_allowing(root.path(), 2) else {
        return;
    };
    let home = tempfile::tempdir().expect("a home folder");
    let yaml = server.deploy_yaml().replace("  connections: 2\n", "  connections: 4\n");
    let site = example_with(&yaml);
    site.build().expect("build");
    fs::create_dir_all(server.folder()).expect("the site's folder");
    let (ok, out, err) = warta_deploy(&site, &server, home.path(), &[]);
    assert!(ok, "{out}{err}");
    assert_eq!(served(&server.folder()), published(&site));
    assert!(
        out.contains("the server took 2 connections at once") && out.contains("connections: 2"),
        "{out}"
    );
}

/// Found testing against real servers: every failure ended "run `warta deploy` again", a
/// permanent one too (a refused login, a refused permission), which the office would then do
/// over and over. A refusal says what to do instead.
#[test]
fn ftp_a_refusal_says_what_to_do_instead_of_running_the_deploy_again() {
    use crate::servers::ftp::READ_ONLY_USER;
    let root = tempfile::tempdir().expect("a folder");
    let Some(server) = crate::servers::ftp::FtpServer::start(root.path(), false) else {
        return;
    };
    let home = tempfile::tempdir().expect("a home folder");
    // A user who may read but not write: every upload is refused.
    let yaml = server
        .deploy_yaml()
        .replace(&format!("//{}@", server.user), &format!("//{READ_ONLY_USER}@"));
    let site = example_with(&yaml);
    site.build().expect("build");
    fs::create_dir_all(server.folder()).expect("the site's folder");
    let run = |password: &str| {
        let out = warta_deploy_command(&site, &server, home.path(), &[])
            .env("WARTA_DEPLOY_PASSWORD", password)
            .output()
            .expect("run warta deploy");
        (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (ok, err) = run(&server.password);
    assert!(!ok, "{err}");
    assert!(err.contains("550 Not enough privileges."), "{err}");
    assert!(err.contains("ask the host to give it the right to write"), "{err}");
    assert!(!err.contains("again"), "{err}");
    assert!(server.uploads().is_empty());
    let (ok, err) = run("salah-sandi-42");
    assert!(!ok && err.contains("530"), "{err}");
    assert!(err.contains("check the user name, and the password"), "{err}");
    assert!(!err.contains("again"), "{err}");
}

/// Found testing against real servers: a file the server would not delete at the end of a
/// deploy (a folder the FTP user may not change, a file made read-only) failed the deploy, the
/// manifest not updated though the message said so, and every deploy after failed the same
/// way. It is a warning that names the file and says what to do; the file stays in the
/// manifest, so the next deploy tries again; the deploy succeeds with the site up to date.
#[test]
fn ftp_a_delete_the_server_refuses_is_a_warning_and_tried_again_next_time() {
    let root = tempfile::tempdir().expect("a folder");
    let Some(mut server) = crate::servers::ftp::FtpServer::start(root.path(), false) else {
        return;
    };
    let home = tempfile::tempdir().expect("a home folder");
    let site = example_with(&server.deploy_yaml());
    site.write("static/brosur/lama.pdf", "old brochure");
    site.write("static/brosur/baru.pdf", "new brochure");
    site.build().expect("build");
    fs::create_dir_all(server.folder()).expect("the site's folder");
    let (ok, out, err) = warta_deploy(&site, &server, home.path(), &[]);
    assert!(ok, "{out}{err}");

    // The old brochure is withdrawn and a release edited and another deleted; the host does
    // not let the FTP user delete in brosur/.
    fs::remove_file(site.root().join("static/brosur/lama.pdf")).expect("removed");
    edit_and_delete(&site);
    site.build().expect("build");
    server.refuse_deletes_in(Some(&format!("{FOLDER}/brosur")));
    let (ok, out, err) = warta_deploy(&site, &server, home.path(), &[]);
    assert!(ok, "the site is up to date, so the deploy succeeds: {out}{err}");
    assert!(
        err.contains("warning: brosur/lama.pdf is no longer in the site")
            && err.contains("550 Not enough privileges.")
            && err.contains("delete it on the server by hand, or give the user"),
        "{err}"
    );
    let mut expected = published(&site);
    expected.insert("brosur/lama.pdf".into(), b"old brochure".to_vec());
    assert_eq!(served(&server.folder()), expected, "the site is up to date; the file stays");
    let manifest = fs::read_to_string(server.folder().join(MANIFEST)).expect("the manifest");
    assert!(manifest.contains("\"brosur/lama.pdf\""), "still on the server: {manifest}");
    assert!(manifest.contains("\"brosur/baru.pdf\""), "{manifest}");

    // The next deploy tries again, says so again, and succeeds.
    server.clear_log();
    let (ok, out, err) = warta_deploy(&site, &server, home.path(), &[]);
    assert!(ok && out.contains("0 files sent") && out.contains("0 deleted"), "{out}{err}");
    assert!(err.contains("warning: brosur/lama.pdf"), "{err}");
    let refused = server.replies().into_iter().filter(|r| r.command == "DELE" && r.code == 550);
    assert_eq!(refused.count(), 1, "{}", server.log());

    // Once the host allows it, it goes.
    server.refuse_deletes_in(None);
    server.clear_log();
    let (ok, out, err) = warta_deploy(&site, &server, home.path(), &[]);
    assert!(ok && !err.contains("warning"), "{out}{err}");
    assert_eq!(Served::deletes(&server), ["brosur/lama.pdf"]);
    assert_eq!(served(&server.folder()), published(&site));
}

/// Found testing against real servers: an FTP host out of space answers an upload "426 No
/// space left on device; transfer aborted.", which was taken for a dropped transfer: tried four
/// times, then "run `warta deploy` again", which cannot help, and the part sent was left on
/// the server. It says the host may be out of space and what to do, and removes the part.
#[test]
fn ftp_an_upload_the_server_has_no_room_for_says_so_and_leaves_no_temporary_file() {
    let root = tempfile::tempdir().expect("a folder");
    let Some(server) = crate::servers::ftp::FtpServer::start_with_room(root.path(), 1 << 20) else {
        return;
    };
    let home = tempfile::tempdir().expect("a home folder");
    let site = example_with(&server.deploy_yaml());
    let report: Vec<u8> =
        (0..4u32 << 20).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
    site.write("static/unduhan/laporan-tahunan.bin", "");
    fs::write(site.root().join("static/unduhan/laporan-tahunan.bin"), report).expect("write");
    site.build().expect("build");
    fs::create_dir_all(server.folder()).expect("the site's folder");
    let (ok, out, err) = warta_deploy(&site, &server, home.path(), &[]);
    assert!(!ok, "{out}{err}");
    assert!(
        err.contains("could not send unduhan/laporan-tahunan.bin: STOR ")
            && err.contains(": 426 No space left on device; transfer aborted.\n")
            && err.contains("the host may be out of space")
            && err.contains("free space there"),
        "{err}"
    );
    assert!(!err.contains("again") && !err.contains("tried "), "{err}");
    let stored = server.replies().into_iter().filter(|r| r.command == "STOR" && r.code == 426);
    assert_eq!(stored.count(), 1, "not tried again: {}", server.log());
    let parts: Vec<String> =
        tree(&server.folder()).into_keys().filter(|p| p.ends_with(".warta-part")).collect();
    assert!(parts.is_empty(), "temporary files left: {parts:?}");
}

#[test]
fn ftps_deploys_with_the_named_certificate_and_refuses_without_it() {
    let root = tempfile::tempdir().expect("a folder");
    let Some(mut server) = crate::servers::ftp::FtpServer::start(root.path(), true) else {
        return;
    };
    // Without the certificate, nothing is sent: the server cannot prove who it is.
    let home = tempfile::tempdir().expect("a home folder");
    let yaml = server.deploy_yaml();
    let without: String =
        yaml.lines().filter(|l| !l.contains("certificate")).map(|l| format!("{l}\n")).collect();
    let site = example_with(&without);
    site.build().expect("build");
    let (ok, out, err) = warta_deploy(&site, &server, home.path(), &[]);
    assert!(!ok, "{out}");
    assert!(err.contains("certificate"), "{err}");
    assert!(!err.contains(&server.password), "the password is never shown: {err}");
    assert!(server.uploads().is_empty());
    deploy_edit_and_delete(&mut server);
}

#[test]
fn ftp_deploy_cut_off_by_the_server_is_completed_by_the_next_one() {
    let root = tempfile::tempdir().expect("a folder");
    let Some(mut server) = crate::servers::ftp::FtpServer::start(root.path(), false) else {
        return;
    };
    deploy_through_a_dropped_connection(&mut server);
}

impl Served for crate::servers::sftp::SftpServer {
    fn deploy_yaml(&self) -> String {
        format!("  url: {}\n  folder: {}\n", self.url(), self.folder().display())
    }
    fn env(&self, _home: &Path) -> Vec<(String, String)> {
        // The server's home has the key it lets in and its host key in known_hosts.
        vec![("HOME".into(), self.home.display().to_string())]
    }
    fn folder(&self) -> std::path::PathBuf {
        self.root.join(FOLDER)
    }
    fn uploads(&self) -> Vec<String> {
        strip_folder(crate::servers::sftp::SftpServer::uploads(self))
    }
    fn deletes(&self) -> Vec<String> {
        strip_folder(crate::servers::sftp::SftpServer::deletes(self))
    }
    fn clear_log(&self) {
        crate::servers::sftp::SftpServer::clear_log(self)
    }
    fn stop(&mut self) {
        crate::servers::sftp::SftpServer::stop(self)
    }
    fn restart(&mut self) {
        crate::servers::sftp::SftpServer::restart(self)
    }
}

#[test]
fn sftp_deploys_the_example_site_then_only_changes_and_deletes_only_its_own_files() {
    let root = tempfile::tempdir().expect("a folder");
    let Some(mut server) = crate::servers::sftp::SftpServer::start(root.path()) else {
        return;
    };
    deploy_edit_and_delete(&mut server);
}

#[test]
fn sftp_deploy_cut_off_by_the_server_is_completed_by_the_next_one() {
    let root = tempfile::tempdir().expect("a folder");
    let Some(mut server) = crate::servers::sftp::SftpServer::start(root.path()) else {
        return;
    };
    deploy_through_a_dropped_connection(&mut server);
}

/// Found testing against real servers: an upload over SFTP to a host out of space said only
/// "failure", and left its temporary file on the server, taking the room that was short. It
/// says the host may be out of space and what to do, and the part sent is removed. (The
/// server cannot write past 1 MiB, which OpenSSH answers as it answers a full disk.)
#[test]
fn sftp_an_upload_the_server_has_no_room_for_says_so_and_leaves_no_temporary_file() {
    let root = tempfile::tempdir().expect("a folder");
    let Some(server) =
        crate::servers::sftp::SftpServer::start_with_file_limit(root.path(), 1 << 20)
    else {
        return;
    };
    let home = tempfile::tempdir().expect("a home folder");
    let site = example_with(&server.deploy_yaml());
    let report: Vec<u8> =
        (0..4u32 << 20).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
    let path = site.root().join("static/unduhan/laporan-tahunan.bin");
    fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
    fs::write(path, report).expect("write the report");
    site.build().expect("build");
    let (ok, out, err) = warta_deploy(&site, &server, home.path(), &[]);
    assert!(!ok, "{out}{err}");
    assert!(
        err.contains("could not send unduhan/laporan-tahunan.bin: write unduhan/laporan-tahunan.bin: the server could not write it (its disk may be full, or the account over its quota)"),
        "{err}"
    );
    assert!(err.contains("free space there"), "{err}");
    assert!(!err.contains("run `warta deploy` again"), "{err}");
    let parts: Vec<String> =
        tree(&server.folder()).into_keys().filter(|p| p.ends_with(".warta-part")).collect();
    assert!(parts.is_empty(), "temporary files left: {parts:?}");
    // What was sent before it is recorded.
    let manifest = fs::read_to_string(server.folder().join(MANIFEST)).expect("the manifest");
    assert!(manifest.contains(".jpg\""), "{manifest}");
}

/// Found by helper-26, stop 48: a key locked by a passphrase, without it or with a wrong one,
/// was "refused the login … (Unsupported private key format)", which sent the office to the
/// server's admin. It says which passphrase to set; with it, the key logs in.
#[test]
fn sftp_with_a_key_locked_by_a_passphrase_says_to_set_it() {
    let root = tempfile::tempdir().expect("a folder");
    let Some(server) = crate::servers::sftp::SftpServer::start(root.path()) else {
        return;
    };
    let home = tempfile::tempdir().expect("a home folder");
    let key = home.path().join("kunci");
    fs::copy(&server.key, &key).expect("copy the key");
    let locked = std::process::Command::new("ssh-keygen")
        .args(["-q", "-p", "-N", "rahasia", "-P", "", "-f"])
        .arg(&key)
        .output()
        .expect("run ssh-keygen");
    assert!(locked.status.success(), "ssh-keygen -p: {}", String::from_utf8_lossy(&locked.stderr));
    fs::create_dir_all(home.path().join(".ssh")).expect("mkdir");
    fs::write(home.path().join(".ssh/known_hosts"), server.known_hosts_line())
        .expect("known_hosts");
    let site = example_with(&server.deploy_yaml());
    site.build().expect("build");
    let run = |passphrase: Option<&str>| {
        let mut command = std::process::Command::new(support::warta_bin());
        command
            .args(["deploy", "--root"])
            .arg(site.root())
            .env("HOME", home.path())
            .env("WARTA_DEPLOY_KEY", &key)
            .env_remove("WARTA_DEPLOY_PASSWORD")
            .env_remove("WARTA_DEPLOY_KEY_PASSPHRASE");
        if let Some(p) = passphrase {
            command.env("WARTA_DEPLOY_KEY_PASSPHRASE", p);
        }
        let out = command.output().expect("run warta deploy");
        (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (ok, err) = run(None);
    assert!(
        !ok && err.contains("is locked by a passphrase: set WARTA_DEPLOY_KEY_PASSPHRASE"),
        "{err}"
    );
    let (ok, err) = run(Some("salah"));
    assert!(!ok && err.contains("did not open with the passphrase"), "{err}");
    assert!(server.uploads().is_empty(), "nothing was sent");
    let (ok, err) = run(Some("rahasia"));
    assert!(ok, "{err}");
    assert_eq!(served(&server.folder()), published(&site));
}

#[test]
fn sftp_refuses_an_unknown_host_key_until_told_to_trust_it_once() {
    let root = tempfile::tempdir().expect("a folder");
    let Some(server) = crate::servers::sftp::SftpServer::start(root.path()) else {
        return;
    };
    // An office computer that has the key but has never met this server.
    let home = tempfile::tempdir().expect("a home folder");
    fs::create_dir_all(home.path().join(".ssh")).expect("mkdir");
    fs::copy(&server.key, home.path().join(".ssh/id_ed25519")).expect("copy the key");
    let site = example_with(&server.deploy_yaml());
    site.build().expect("build");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(support::warta_bin())
            .arg("deploy")
            .arg("--root")
            .arg(site.root())
            .args(args)
            .env("HOME", home.path())
            .env_remove("WARTA_DEPLOY_KEY")
            .env_remove("WARTA_DEPLOY_PASSWORD")
            .output()
            .expect("run warta deploy");
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        (out.status.success(), text(&out.stdout), text(&out.stderr))
    };
    let (ok, _, err) = run(&[]);
    assert!(!ok, "an unknown server is refused");
    assert!(err.contains(&server.fingerprint) && err.contains("--trust-host-key"), "{err}");
    assert!(server.uploads().is_empty(), "nothing was sent");
    let (ok, out, err) = run(&["--trust-host-key"]);
    assert!(ok, "{out}{err}");
    assert_eq!(served(&server.folder()), published(&site));
    // Recorded: the next deploy checks against it without being told.
    let known = fs::read_to_string(home.path().join(".ssh/known_hosts")).expect("known_hosts");
    assert!(known.contains(&format!("[127.0.0.1]:{}", server.port)), "{known}");
    let (ok, out, err) = run(&[]);
    assert!(ok && out.contains("0 files sent"), "{out}{err}");
}
