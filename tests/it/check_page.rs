//! The verification page `/cek/` as a reader uses it: the example site built and signed by the
//! `warta` binary, served as a web host serves it, and `/cek/?k=<code>` loaded in headless
//! Chromium, which runs `js/cek.js` (Ed25519 and SHA-256 through WebCrypto). A genuine code, a
//! release page whose text was changed, a manifest altered after signing, an unknown code and an
//! unsigned manifest each give their verdict, and `warta verify` agrees. Also: the browser reads
//! a typed code exactly as `warta::trust::code::normalize` does (in Node.js).

use crate::search::{chromium, dump_dom, host, node};
use crate::support::{self, example, Site};
use std::path::{Path, PathBuf};
use std::process::Command;
use warta::trust::keys::SecretKey;

/// The example site with `trust.public_key`, built by `warta build` with the secret key in
/// `WARTA_SIGNING_KEY` (in the child's environment only: tests run in parallel threads).
fn signed_example() -> (Site, PathBuf, SecretKey) {
    let site = example();
    let key = SecretKey::generate().expect("a key");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).expect("site.yaml");
    site.write("site.yaml", &format!("{yaml}\ntrust:\n  public_key: \"{}\"\n", key.public()));
    let out = build_signed(&site, &key);
    (site, out, key)
}

/// `warta build` of `site` with the secret key `key`; the output folder.
fn build_signed(site: &Site, key: &SecretKey) -> PathBuf {
    let home = site.root().join("home-outside");
    let o = support::warta()
        .current_dir(site.root())
        .env("HOME", &home)
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("WARTA_SIGNING_KEY_FILE")
        .env("WARTA_SIGNING_KEY", key.to_text("humas.example.go.id"))
        .arg("build")
        .output()
        .expect("run warta build");
    assert!(o.status.success(), "warta build: {}", String::from_utf8_lossy(&o.stderr));
    let out = site.public();
    assert!(out.join("cek/manifest.sig").is_file(), "the build signed the manifest");
    out
}

/// The verdict `js/cek.js` shows: `#cek-hasil`'s data-state and its text.
fn verdict(dom: &str) -> (String, String) {
    let result = support::between(dom, r#"<div id="cek-hasil""#, "</div>");
    let open = &result[..result.find('>').expect("a closed tag")];
    let state = support::attr_values(open, "data-state").into_iter().next().unwrap_or_default();
    (state, support::text(result))
}

/// `warta verify <what> --site <out>`, in the site folder (its site.yaml's key).
fn verify(site: &Path, out: &Path, what: &str) -> (Option<i32>, String, String) {
    let o = support::warta()
        .current_dir(site)
        .env_remove("WARTA_SIGNING_KEY")
        .env_remove("WARTA_SIGNING_KEY_FILE")
        .args(["verify", what, "--site"])
        .arg(out)
        .output()
        .expect("run warta verify");
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// Replaces the first `from` in a file by `to`, and returns the file's bytes before.
fn change(file: &Path, from: &str, to: &str) -> Vec<u8> {
    let before = std::fs::read(file).expect("read the file");
    let text = String::from_utf8(before.clone()).expect("UTF-8");
    assert!(text.contains(from), "{from:?} not in {}", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).expect("write the file");
    before
}

#[test]
fn the_check_page_tells_a_genuine_release_from_a_changed_page_a_forged_list_and_a_fake_code() {
    let Some(browser) = chromium() else { return };
    let (site, out, key) = signed_example();
    let page = std::fs::read_to_string(out.join("cek/index.html")).expect("the check page");
    assert!(page.contains(&format!(r#"data-key="{}""#, key.public())), "{page}");
    assert!(page.contains(r#"<script type="module" src="/js/cek.js"></script>"#), "{page}");
    assert!(page.contains(&key.public().to_string()), "journalists see the key");

    let manifest: serde_json::Value = serde_json::from_slice(
        &std::fs::read(out.join("cek/manifest.json")).expect("the manifest"),
    )
    .expect("JSON");
    let entry = manifest["releases"][0].clone();
    let code = entry["code"].as_str().expect("a code").to_string();
    let title = entry["title"].as_str().expect("a title").to_string();
    let url = url::Url::parse(entry["url"].as_str().expect("a URL")).expect("an absolute URL");
    let release = out.join(support::index_of(url.path()));
    let prefix = code.split('-').next().expect("a prefix").to_string();
    let unknown = format!("{prefix}-0000-0000");
    assert!(
        manifest["releases"].as_array().expect("a list").iter().all(|e| e["code"] != *unknown),
        "{unknown} is not a code of the example"
    );

    let (server, port) = host(&out);
    // As a reader types it: lower case, spaces for dashes.
    let typed = code.to_lowercase().replace('-', "%20");
    let check =
        |k: &str| verdict(&dump_dom(&browser, &format!("http://127.0.0.1:{port}/cek/?k={k}")));

    let (state, text) = check(&typed);
    assert_eq!(state, "asli", "{text}");
    assert!(text.contains(&title) && text.contains(&code), "{text}");
    assert_eq!(verify(site.root(), &out, &code).0, Some(0), "warta verify agrees");

    // (a) One character of the release page's text changed after signing.
    let html = std::fs::read_to_string(&release).expect("the release page");
    let signed_text =
        support::between(&html, r#"<script type="application/json" id="warta-teks">""#, "</");
    let at = signed_text.len() / 2;
    let piece = &signed_text[at..];
    let letter = piece.find(|c: char| c.is_ascii_lowercase()).expect("a letter") + at;
    let from = &signed_text[..=letter];
    let swapped = if from.ends_with('x') { 'y' } else { 'x' };
    let to = format!("{}{swapped}", &from[..from.len() - 1]);
    let before = change(&release, from, &to);
    let (state, text) = check(&code);
    assert_eq!(state, "teks-berubah", "{text}");
    assert!(text.contains(&title), "the official title is shown: {text}");
    let (status, _, stderr) = verify(site.root(), &out, release.to_str().expect("a path"));
    assert_eq!(status, Some(1), "warta verify refuses the changed page: {stderr}");
    std::fs::write(&release, before).expect("restore the page");

    // (b) One letter of the manifest changed after signing.
    let file = out.join("cek/manifest.json");
    let last = title.chars().last().expect("a title");
    let altered = format!(
        "{}{}",
        &title[..title.len() - last.len_utf8()],
        if last == 'X' { 'Y' } else { 'X' }
    );
    let json = |t: &str| format!("\"title\":{}", serde_json::to_string(t).expect("JSON"));
    let before = change(&file, &json(&title), &json(&altered));
    let (state, text) = check(&code);
    assert_eq!(state, "tanda-tangan-tidak-sah", "{text}");
    assert!(!text.contains(&altered), "nothing of an altered list is shown: {text}");
    assert_eq!(verify(site.root(), &out, &code).0, Some(1), "warta verify refuses it");
    std::fs::write(&file, before).expect("restore the manifest");

    // (c) A code this office never issued.
    let (state, text) = check(&unknown);
    assert_eq!(state, "tidak-ditemukan", "{text}");
    assert!(text.contains(&unknown), "{text}");
    assert_eq!(verify(site.root(), &out, &unknown).0, Some(1), "warta verify refuses it");

    // Not a code at all; then a manifest without its signature on a site whose office signs
    // (the page names its key): until stop 47 "not signed yet", as if the office had no key;
    // a list whose signature was removed cannot be trusted.
    assert_eq!(check("bukan-kode").0, "kode-salah");
    std::fs::remove_file(out.join("cek/manifest.sig")).expect("remove the signature");
    let (state, text) = check(&code);
    assert_eq!(state, "tanda-tangan-tidak-sah", "{text}");
    assert!(text.contains("tanda tangan daftar rilis di situs ini tidak ada"), "{text}");
    assert!(!text.contains(&title), "nothing of an unsigned list is shown: {text}");
    server.unblock();
}

/// The built manifest of `out`, as JSON.
fn manifest_of(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(out.join("cek/manifest.json")).expect("manifest"))
        .expect("JSON")
}

/// The first release of the manifest of `out` that is on the site: its entry, the text of its
/// page as a reader would save it, and its source file in `site`.
fn first_release(site: &Site, out: &Path) -> (serde_json::Value, String, PathBuf) {
    let manifest = manifest_of(out);
    let on_site = manifest["releases"]
        .as_array()
        .and_then(|r| r.iter().find(|e| e["removed"].is_null()).cloned());
    let entry = on_site.expect("a release on the site");
    let url = url::Url::parse(entry["url"].as_str().expect("a URL")).expect("an absolute URL");
    let saved = std::fs::read_to_string(out.join(support::index_of(url.path()))).expect("page");
    let source = source_of(site, &entry);
    (entry, saved, source)
}

/// The source file in `site` of a release the manifest lists as `entry`.
fn source_of(site: &Site, entry: &serde_json::Value) -> PathBuf {
    let url = url::Url::parse(entry["url"].as_str().expect("a URL")).expect("an absolute URL");
    let slug = url.path().trim_matches('/');
    [format!("content/{slug}.md"), format!("content/{slug}/index.md")]
        .into_iter()
        .map(|p| site.root().join(p))
        .find(|p| p.is_file())
        .expect("the release's file")
}

/// Adds `fields` at the top of a release's front matter, and `more` at the end of its body.
fn add_to_release(source: &Path, fields: &str, more: &str) {
    let text = std::fs::read_to_string(source).expect("read");
    assert!(text.starts_with("---\n"), "{text}");
    let text = text.replacen("---\n", &format!("---\n{fields}"), 1);
    std::fs::write(source, format!("{text}{more}")).expect("write");
}

/// A withdrawn release's page keeps its code: until stop 47 the manifest left it out, so the
/// office's own check page called its code "never issued, probably fake", and `warta verify`
/// refused it. The check says the office issued it and withdrew it, when and why.
#[test]
fn a_withdrawn_releases_code_says_it_was_issued_and_withdrawn() {
    let Some(browser) = chromium() else { return };
    let (site, out, key) = signed_example();
    let (entry, saved, source) = first_release(&site, &out);
    let code = entry["code"].as_str().expect("a code").to_string();
    // The release whose page that is, withdrawn.
    let withdrawn = "withdrawn: {date: 2023-12-04, reason: \"jadwal dibatalkan panitia\"}\n";
    add_to_release(&source, withdrawn, "");
    let out = build_signed(&site, &key);
    let listed = manifest_of(&out)["releases"]
        .as_array()
        .expect("a list")
        .iter()
        .find(|e| e["code"] == *code)
        .cloned()
        .expect("still listed");
    assert_eq!(listed["withdrawn"]["reason"], "jadwal dibatalkan panitia", "{listed}");
    assert!(manifest_of(&out)["releases"]
        .as_array()
        .expect("list")
        .iter()
        .all(|e| { e["code"] == *code || e.get("withdrawn").is_none() }));

    let (server, port) = host(&out);
    let (state, shown) =
        verdict(&dump_dom(&browser, &format!("http://127.0.0.1:{port}/cek/?k={code}")));
    assert_eq!(state, "ditarik", "{shown}");
    assert!(shown.contains("telah ditarik pada Senin, 4 Desember 2023 karena jadwal dibatalkan"));
    server.unblock();
    // Issued and withdrawn: the office's, and no longer standing, so not exit 0, which a
    // script reads as "official" (found by helper-30, stop 66; until then exit 0).
    let (status, stdout, stderr) = verify(site.root(), &out, &code);
    assert_eq!((status, stdout.as_str()), (Some(1), ""), "{stderr}");
    assert!(stderr.starts_with(&format!("error: WITHDRAWN: the office issued {code}")), "{stderr}");
    assert!(stderr.contains("withdrew it on 2023-12-04T00:00:00+08:00: jadwal dibatalkan panitia"));
    // A copy saved before the withdrawal is told the same.
    let copy = site.root().join("disimpan.html");
    std::fs::write(&copy, saved).expect("save");
    let (status, _, stderr) = verify(site.root(), &out, copy.to_str().expect("path"));
    assert_eq!(status, Some(1), "{stderr}");
    assert!(stderr.contains("WITHDRAWN"), "{stderr}");
}

/// On a site that does not sign, a withdrawn release's code said only "in the list, not
/// proven" (found by helper-28, stop 48): a reader holding the release never learnt it was
/// withdrawn. The verdict stays "cannot be proven", and says when and why it was withdrawn.
#[test]
fn an_unsigned_sites_check_says_a_release_was_withdrawn() {
    let Some(browser) = chromium() else { return };
    let site = example();
    site.build().expect("builds");
    let (entry, _, source) = first_release(&site, &site.public());
    let code = entry["code"].as_str().expect("a code").to_string();
    let withdrawn = "withdrawn: {date: 2023-12-04, reason: \"jadwal dibatalkan panitia\"}\n";
    add_to_release(&source, withdrawn, "");
    site.build().expect("builds again");
    let out = site.public();
    assert!(!out.join("cek/manifest.sig").exists(), "not signed");
    let (server, port) = host(&out);
    let (state, shown) =
        verdict(&dump_dom(&browser, &format!("http://127.0.0.1:{port}/cek/?k={code}")));
    server.unblock();
    assert_eq!(state, "belum-ditandatangani", "{shown}");
    assert!(shown.contains("telah ditarik pada Senin, 4 Desember 2023 karena jadwal dibatalkan"));
    assert!(shown.contains("belum dapat dibuktikan"), "{shown}");
}

/// A release whose file was deleted, or whose `expires:` came, is no longer on the site, and
/// the manifest left it out: the office's own check page called its code "never issued, may be
/// fake", and `warta verify` refused it as not issued (found by helper-30, stop 66). The
/// manifest lists it from the ledger, without its text, and the check says the office issued
/// it and it is no longer published; a copy saved while it was is told the same.
#[test]
fn a_deleted_or_expired_releases_code_says_it_was_issued_and_is_gone() {
    let Some(browser) = chromium() else { return };
    let (site, out, key) = signed_example();
    let releases = manifest_of(&out)["releases"].as_array().expect("a list").clone();
    let (entry, saved, source) = first_release(&site, &out);
    let code = entry["code"].as_str().expect("a code").to_string();
    std::fs::remove_file(&source).expect("delete the release");
    // Another one expires, the day before the build (tests build at 2024-01-10).
    let before = |e: &serde_json::Value| e["date"].as_str().is_some_and(|d| d < "2024-01-09");
    let other = releases.iter().find(|e| e["code"] != *code && before(e) && e["removed"].is_null());
    let other = other.expect("an older release");
    let other_code = other["code"].as_str().expect("a code").to_string();
    let other_source = source_of(&site, other);
    add_to_release(&other_source, "expires: 2024-01-09\n", "");
    let out = build_signed(&site, &key);
    let listed = manifest_of(&out)["releases"].as_array().expect("a list").clone();
    assert_eq!(listed.len(), releases.len(), "every code still listed");
    for (c, was) in [(&code, &entry), (&other_code, other)] {
        let e = listed.iter().find(|e| e["code"] == **c).expect("still listed");
        assert_eq!(e["removed"], true, "{e}");
        assert_eq!(
            (&e["title"], &e["date"], &e["url"]),
            (&was["title"], &was["date"], &was["url"])
        );
        assert_eq!((e["sha256"].as_str(), e["unit"].as_str()), (Some(""), Some("")), "{e}");
    }
    // Besides those two, the ledger's releases this build does not have: those dated after it
    // (the example site was built at the real time, tests build at 2024-01-10).
    let gone = |list: &[serde_json::Value]| list.iter().filter(|e| e["removed"] == true).count();
    assert_eq!(gone(&listed), gone(&releases) + 2);

    let (server, port) = host(&out);
    for c in [&code, &other_code] {
        let (state, shown) =
            verdict(&dump_dom(&browser, &format!("http://127.0.0.1:{port}/cek/?k={c}")));
        assert_eq!(state, "dihapus", "{shown}");
        assert!(shown.contains("diterbitkan kantor ini pada"), "{shown}");
        assert!(shown.contains("tidak dimuat lagi di situs kantor ini"), "{shown}");
        assert!(!shown.contains("Unit"), "no unit is listed: {shown}");
    }
    server.unblock();
    let (status, stdout, stderr) = verify(site.root(), &out, &code);
    assert_eq!((status, stdout.as_str()), (Some(1), ""), "{stderr}");
    assert!(stderr.starts_with(&format!("error: REMOVED: the office issued {code}")), "{stderr}");
    let copy = site.root().join("disimpan.html");
    std::fs::write(&copy, saved).expect("save");
    let (status, _, stderr) = verify(site.root(), &out, copy.to_str().expect("path"));
    assert_eq!(status, Some(1), "{stderr}");
    assert!(stderr.contains("REMOVED"), "{stderr}");
    // Put back as it was, the release is listed with its text again.
    let out = {
        let text = std::fs::read_to_string(&other_source).expect("read");
        std::fs::write(&other_source, text.replace("expires: 2024-01-09\n", "")).expect("write");
        build_signed(&site, &key)
    };
    let (status, stdout, stderr) = verify(site.root(), &out, &other_code);
    assert_eq!(status, Some(0), "{stderr}");
    assert!(stdout.starts_with("OFFICIAL"), "{stdout}");
}

/// A copy of a release's page saved before the office corrected it: until stop 47 `warta
/// verify` said only that its text differs from the signed one, which reads as "altered". It
/// still does not call it official, and says when the office corrected the release.
#[test]
fn a_copy_saved_before_a_correction_is_told_the_release_was_corrected() {
    let (site, out, key) = signed_example();
    let (_, saved, source) = first_release(&site, &out);
    // The correction says what changed in the text, which changes too.
    let correction = "corrections:\n  - {date: 2023-12-04T10:00, note: \"Jumlah peserta 412\"}\n";
    add_to_release(&source, correction, "\nJumlah peserta 412 orang.\n");
    let out = build_signed(&site, &key);
    let copy = site.root().join("disimpan.html");
    std::fs::write(&copy, saved).expect("save");
    let (status, _, stderr) = verify(site.root(), &out, copy.to_str().expect("path"));
    assert_eq!(status, Some(1), "{stderr}");
    assert!(stderr.contains("differs from what the office signed"), "{stderr}");
    assert!(
        stderr.contains("the office corrected this release on 2023-12-04T10:00:00+08:00"),
        "{stderr}"
    );
}

/// `warta verify` outside a site, without `--key`: the manifest's own key proves nothing, so a
/// list signed by someone else's key is not "OFFICIAL" (until stop 47 it was, with a warning).
#[test]
fn verify_without_the_offices_key_does_not_call_a_release_official() {
    let (_site, out, key) = signed_example();
    let code = manifest_of(&out)["releases"][0]["code"].as_str().expect("a code").to_string();
    let elsewhere = tempfile::tempdir().expect("a folder");
    let run = |extra: &[&str]| {
        let o = support::warta()
            .current_dir(elsewhere.path())
            .args(["verify", &code, "--manifest"])
            .arg(out.join("cek/manifest.json"))
            .args(extra)
            .output()
            .expect("run warta verify");
        (o.status.code(), String::from_utf8_lossy(&o.stderr).into_owned())
    };
    let (status, stderr) = run(&[]);
    assert_eq!(status, Some(1), "{stderr}");
    assert!(stderr.contains("signed by the key it names itself"), "{stderr}");
    assert!(stderr.contains("--key"), "{stderr}");
    let public = key.public().to_string();
    assert_eq!(run(&["--key", &public]).0, Some(0), "with the office's key it is official");
}

#[test]
fn an_unsigned_site_says_its_releases_are_not_signed() {
    let b = example().built();
    let page = b.page("cek/");
    assert!(!page.contains("data-key="), "no key to check with");
    assert!(page.contains(r#"class="notice check-unsigned""#), "{page}");
    assert!(page.contains(
        r#"<div id="cek-hasil" class="check-result" role="status" aria-live="polite"></div>"#
    ));
    assert!(support::between(&page, "<noscript>", "</noscript>").contains("JavaScript"));
    assert!(b.has("cek/manifest.json"));
}

/// Found by helper-27 (Lighthouse), stop 48: `/cek/` of a site that does not sign asked for
/// `cek/manifest.sig` all the same, which every such site answers with a 404 in the browser's
/// console. Without a key on the page it asks for the list alone, and still gives its verdict.
#[test]
fn an_unsigned_sites_check_page_asks_for_no_signature() {
    let Some(browser) = chromium() else { return };
    let b = example().built();
    let manifest: serde_json::Value =
        serde_json::from_str(&b.read("cek/manifest.json")).expect("a manifest");
    let code = manifest["releases"][0]["code"].as_str().expect("a code").to_string();
    let server = std::sync::Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("listen"));
    let port = server.server_addr().to_ip().expect("an IP address").port();
    let asked = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let (dir, serving, log) = (b.out.clone(), std::sync::Arc::clone(&server), asked.clone());
    std::thread::spawn(move || {
        for request in serving.incoming_requests() {
            let path = warta::serve::http::path_of(request.url()).to_string();
            log.lock().expect("the log").push(path.clone());
            let mut file = dir.join(path.trim_start_matches('/'));
            if path.ends_with('/') {
                file.push("index.html");
            }
            let _ = match std::fs::read(&file) {
                Ok(bytes) => {
                    let kind = warta::serve::http::content_type(&file.to_string_lossy());
                    let header =
                        tiny_http::Header::from_bytes("Content-Type", kind).expect("a header");
                    request.respond(tiny_http::Response::from_data(bytes).with_header(header))
                }
                Err(_) => request.respond(tiny_http::Response::empty(404)),
            };
        }
    });
    let dom = dump_dom(&browser, &format!("http://127.0.0.1:{port}/cek/?k={code}"));
    server.unblock();
    assert_eq!(verdict(&dom).0, "belum-ditandatangani", "{dom}");
    let asked = asked.lock().expect("the log").clone();
    assert!(asked.iter().any(|p| p == "/cek/manifest.json"), "{asked:?}");
    assert!(!asked.iter().any(|p| p.ends_with("manifest.sig")), "{asked:?}");
}

/// A code typed on the page meets the manifest only if `js/cek.js` reads it as warta does:
/// its `normalize`, run in Node.js on typed codes and near misses, gives what
/// `warta::trust::code::normalize` gives.
#[test]
fn the_browser_reads_a_typed_code_as_warta_does() {
    let Some(node) = node() else { return };
    let dir = tempfile::tempdir().expect("a folder");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(repo.join("themes/default/static/js/cek.js"), dir.path().join("cek.mjs"))
        .expect("copy cek.js");
    let inputs = [
        "HUM-7Q4M-2CXH",
        "hum 7q4m 2cxh",
        " hum.7q4m.2cxh\n",
        "kwb-0o1i-lxyz",
        "KWB-7Q4M-2CU0",
        "7Q4M-2CXH",
        "",
        "KWB-7Q4M-2CXHÉ",
        "RILIS-ABCD-EFGH",
        "ABCDEFG-1234-5678",
        "1AB-7Q4M-2CXH",
        "A-7Q4M-2CXH",
        "AB7Q4M2CXH",
        "ab\u{a0}7q4m\u{2003}2cxh",
        "ab\u{85}7q4m2cxh",
        "ab\u{feff}7q4m2cxh",
        "ab_7q4m_2cxh",
        "HUM--7Q4M--2CXH",
        "hum-ooii-llll",
    ];
    std::fs::write(dir.path().join("input.json"), serde_json::json!(inputs).to_string())
        .expect("write the input");
    let script = "import { normalize } from './cek.mjs';\n\
        import { readFileSync } from 'node:fs';\n\
        const input = JSON.parse(readFileSync('input.json', 'utf8'));\n\
        console.log(JSON.stringify(input.map(normalize)));\n";
    std::fs::write(dir.path().join("run.mjs"), script).expect("write the script");
    let o = Command::new(&node).arg("run.mjs").current_dir(dir.path()).output().expect("run node");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let got: Vec<Option<String>> = serde_json::from_slice(&o.stdout).expect("JSON from node");
    for (input, js) in inputs.iter().zip(got) {
        assert_eq!(warta::trust::code::normalize(input), js, "the code typed as {input:?}");
    }
}
