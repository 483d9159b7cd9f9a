//! The output folder is replaced safely whatever happens: a build killed halfway, two builds at
//! once, a read-only or full disk, a web root that only looks like warta's, an output that is
//! the site, a site that suddenly has no releases, Ctrl-C or SIGTERM.

use crate::support::{entries, generated_site, options, tree, warta, Site};
use std::path::Path;
use std::process::{Child, Output, Stdio};
use std::time::{Duration, Instant};
use warta::error::Error;

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn build_bin(root: &Path, extra: &[&str]) -> Output {
    warta().arg("build").arg("--root").arg(root).args(extra).output().expect("run warta")
}

fn spawn_build(root: &Path, env: &[(&str, &str)]) -> Child {
    let mut cmd = warta();
    // --clean: these builds replace the whole output (swap), which is what the tests here stop
    // halfway; an in-place update is stopped in `a_build_killed_while_it_updates_…`.
    cmd.arg("build").arg("--clean").arg("--root").arg(root);
    cmd.stdout(Stdio::null()).stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.spawn().expect("start warta")
}

/// Sends SIGTERM to a build, as `kill` does.
fn sigterm(child: &Child) {
    let killed = std::process::Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status()
        .expect("run kill");
    assert!(killed.success());
}

/// Waits until `cond` holds, at most `secs` seconds.
fn wait_for(secs: u64, what: &str, mut cond: impl FnMut() -> bool) {
    let started = Instant::now();
    while !cond() {
        assert!(started.elapsed() < Duration::from_secs(secs), "timed out waiting: {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// What builds left beside the output: staging folders, old outputs, locks.
fn leftovers(dir: &Path) -> Vec<String> {
    entries(dir)
        .into_iter()
        .filter(|n| n.contains("warta-staging") || n.ends_with(".old") || n.contains("warta-lock"))
        .collect()
}

fn is_staging(dir: &Path) -> bool {
    entries(dir).iter().any(|n| n.starts_with(".public.warta-staging-"))
}

/// A site of `n` releases over as many years as they need (`generated_site` fills one year).
fn large_site(n: usize) -> Site {
    let site = generated_site(0);
    for i in 0..n {
        let (year, day) = (2000 + i / 336, i % 336);
        let (month, day) = (1 + day / 28, 1 + day % 28);
        site.write(
            &format!("content/{year}/{month:02}/rilis-{i}.md"),
            &crate::support::release_md(
                &format!("Rilis Nomor {i}"),
                &format!("{year}-{month:02}-{day:02}"),
                "kanwil-bali",
                "sn",
                &["haji"],
            ),
        );
    }
    site
}

/// A process id no system can have (above Linux's PID_MAX_LIMIT): a build long dead.
const DEAD_PID: u32 = 4_194_305;

// ---------------------------------------------------------------- killed, concurrent

#[test]
fn a_build_killed_between_the_two_renames_is_repaired_by_the_next() {
    let site = Site::fixture("build/basic");
    let o = build_bin(site.root(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let before = tree(&site.public());

    site.write(
        "content/2023/05/rilis-baru.md",
        &crate::support::release_md("Rilis Baru", "2023-05-20", "kanwil-bali", "sn", &["haji"]),
    );
    let mut child = spawn_build(
        site.root(),
        &[("WARTA_TEST_SWAP", "renames"), ("WARTA_TEST_PAUSE_BETWEEN_RENAMES_MS", "60000")],
    );
    wait_for(60, "the build to rename public/ away", || !site.public().exists());
    child.kill().expect("kill -9 the build");
    child.wait().expect("reap it");
    // The worst moment: no public/, the previous output and the new one both under other names.
    assert!(!site.public().exists());
    assert_eq!(leftovers(site.root()).len(), 3, "{:?}", entries(site.root()));

    let o = build_bin(site.root(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("its previous contents were put back from"), "{}", stderr(&o));
    assert_eq!(leftovers(site.root()), Vec::<String>::new());
    let after = tree(&site.public());
    assert!(after.contains_key("2023/05/rilis-baru/index.html"));
    for file in before.keys() {
        assert!(after.contains_key(file), "{file} is missing");
    }
    // And the next build needs no repair.
    let o = build_bin(site.root(), &[]);
    assert_eq!((o.status.code(), stderr(&o)), (Some(0), String::new()));
}

#[test]
fn a_build_killed_while_it_updates_the_output_in_place_is_repaired_by_the_next() {
    // A new release: the update adds files, and the marker of the update lists them too; the
    // next build writes again the files the update was adding or changing.
    killed_while_updating("tag/rapat/index.html", |site| {
        site.write(
            "content/2023/05/rilis-baru.md",
            &crate::support::release_md("Rilis Baru", "2023-05-20", "kanwil-bali", "sn", &["haji"]),
        );
    });
}

#[test]
fn a_build_killed_while_it_updates_an_edited_release_in_place_is_repaired_by_the_next() {
    // An edit: the update changes files and adds none, and its marker lists the old ones; the
    // next build writes again the files the update was changing.
    killed_while_updating("tag/haji/index.html", |site| {
        let path = site.root().join("content/2023/05/rapat-koordinasi.md");
        let text = std::fs::read_to_string(&path).expect("the release");
        assert!(text.contains("title: "), "{text}");
        site.write("content/2023/05/rapat-koordinasi.md", &text.replace("title: ", "title: Baru "));
    });
}

#[test]
fn a_build_killed_while_it_updates_the_output_after_a_deletion_is_repaired_by_the_next() {
    // A release deleted: the update deletes its files last, so they are all still there; the
    // next build deletes them. (Every page changes: the other releases' social cards do not.)
    killed_while_updating("2023/06/zakat-asn/social.json", |site| {
        std::fs::remove_file(site.root().join("content/2023/05/manasik-haji.md")).expect("delete");
    });
}

/// An update in place that fails partway (a file the system will not let warta replace) put
/// back nothing: the output was left with some pages new and some old, feeds and pages
/// disagreeing, though a failed build must leave it as it was (found by helper-34, stop 67,
/// with `chattr +i` on one page). Every file it replaced, deleted or added is put back.
#[test]
fn an_update_in_place_that_fails_partway_leaves_the_output_as_it_was() {
    let site = Site::fixture("build/basic");
    let o = build_bin(site.root(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let before = tree(&site.public());
    // A release retitled (pages replaced), one deleted (files deleted), one added (files added).
    let path = site.root().join("content/2023/06/zakat-asn.md");
    let text = std::fs::read_to_string(&path).expect("the release");
    site.write("content/2023/06/zakat-asn.md", &text.replace("title: ", "title: Lagi "));
    std::fs::remove_file(site.root().join("content/2023/05/manasik-haji.md")).expect("delete");
    site.write(
        "content/2023/06/rilis-baru.md",
        &text.replace("title: ", "title: Baru ").replace("zakat", "baru"),
    );
    for at in ["0", "5", "40"] {
        let o = warta()
            .arg("build")
            .arg("--root")
            .arg(site.root())
            .env("WARTA_TEST_FAIL_IN_UPDATE_AT", at)
            .output()
            .expect("run warta");
        assert_eq!(o.status.code(), Some(1), "{at}: {}", stderr(&o));
        assert!(stderr(&o).contains("refused (test)"), "{}", stderr(&o));
        assert!(stderr(&o).contains("is as it was before this build"), "{}", stderr(&o));
        let after = tree(&site.public());
        assert_eq!(after.keys().collect::<Vec<_>>(), before.keys().collect::<Vec<_>>(), "{at}");
        for (file, bytes) in &before {
            assert!(after[file] == *bytes, "{at}: {file} changed");
        }
        assert_eq!(leftovers(site.root()), Vec::<String>::new());
    }
    // The next build goes ahead, and gives what a clean build gives.
    let o = build_bin(site.root(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let clean = site.root().join("clean");
    let o = build_bin(site.root(), &["--clean", "--output", &clean.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (built, clean) = (tree(&site.public()), tree(&clean));
    assert_eq!(built.keys().collect::<Vec<_>>(), clean.keys().collect::<Vec<_>>());
    for (file, bytes) in &clean {
        assert!(built[file] == *bytes, "{file} differs from a clean build");
    }
}

#[test]
fn two_builds_killed_in_turn_while_they_update_the_output_are_repaired_by_the_next() {
    // The second build repairs what the first left, and dies halfway too. The records it
    // started from (the first's, with the files it may have changed unknown) are the cache's
    // before it changes the output: else the third would start from those of the output before
    // the first, and take a page the first changed, and the second had not put back, for an
    // old one (or, as here, where the second's pages are the old ones again, find no records
    // for the output and write all of it anew).
    let site = Site::fixture("build/basic");
    let o = build_bin(site.root(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let marker = site.public().join(warta::write::MARKER);
    let path = "content/2023/05/rapat-koordinasi.md";
    let text = std::fs::read_to_string(site.root().join(path)).expect("the release");
    let killed_in_update = |site: &Site| {
        let before = std::fs::read_to_string(&marker).expect("marker");
        let mut cmd = warta();
        cmd.arg("build").arg("--root").arg(site.root());
        cmd.env("WARTA_TEST_PAUSE_IN_UPDATE_MS", "60000");
        let mut child = cmd.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().expect("start");
        wait_for(60, "the update to begin", || {
            std::fs::read_to_string(&marker).is_ok_and(|m| m != before && m.contains("-updating"))
        });
        child.kill().expect("kill -9 the build");
        child.wait().expect("reap it");
    };
    site.write(path, &text.replace("title: ", "title: Baru "));
    killed_in_update(&site);
    // Back as it was: the second build has every page the first changed to write again.
    site.write(path, &text);
    killed_in_update(&site);
    let o = build_bin(site.root(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains(" changed") && !out.contains("added"), "an update in place: {out}");
    let clean = site.root().join("clean");
    let o = build_bin(site.root(), &["--clean", "--output", &clean.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (mut repaired, mut clean) = (tree(&site.public()), tree(&clean));
    repaired.remove(warta::write::MARKER);
    clean.remove(warta::write::MARKER);
    for (file, bytes) in &clean {
        assert!(repaired.get(file) == Some(bytes), "{file} differs from a clean build's");
    }
    assert_eq!(repaired.len(), clean.len());
}

/// Builds the fixture, changes it with `change`, kills the next build halfway through its
/// update in place, and checks the marker of the update, then the repair by the build after:
/// in place, `untouched` (a page the change does not show on) not written again.
fn killed_while_updating(untouched: &str, change: impl Fn(&Site)) {
    let site = Site::fixture("build/basic");
    let o = build_bin(site.root(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let marker = site.public().join(warta::write::MARKER);
    let before = std::fs::read_to_string(&marker).expect("marker");
    let listed = |m: &str| -> Vec<String> {
        let list = m.split_once("\nfiles:\n").expect("a list").1;
        // Each line is a path, then its proof after a tab.
        list.lines().map(|line| line.split('\t').next().unwrap_or(line).to_string()).collect()
    };

    change(&site);
    let mut cmd = warta();
    cmd.arg("build").arg("--root").arg(site.root()).env("WARTA_TEST_PAUSE_IN_UPDATE_MS", "60000");
    let mut child = cmd.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().expect("start");
    wait_for(60, "the update to begin", || {
        std::fs::read_to_string(&marker).is_ok_and(|m| m != before && m.contains("-updating"))
    });
    child.kill().expect("kill -9 the build");
    child.wait().expect("reap it");
    // The marker of the update lists every file the output may now hold, old or new.
    let updating = std::fs::read_to_string(&marker).expect("marker");
    let held = tree(&site.public());
    for file in held.keys().filter(|f| *f != warta::write::MARKER) {
        assert!(listed(&updating).contains(file), "{file} is not in the marker");
    }
    for file in listed(&before) {
        assert!(listed(&updating).contains(&file), "{file} of the old marker is missing");
    }

    // The next build sees a marker that names the update, and the records the update was
    // writing: it writes again, in place, each file the update may have left half done.
    let untouched = site.public().join(untouched);
    let stamp = std::fs::metadata(&untouched).and_then(|m| m.modified()).expect("the file");
    let o = build_bin(site.root(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains(" changed") && !out.contains("added"), "an update in place: {out}");
    let kept = std::fs::metadata(&untouched).and_then(|m| m.modified()).expect("the file");
    assert_eq!(kept, stamp, "a page the update did not change is not written again: {out}");
    assert_eq!(leftovers(site.root()), Vec::<String>::new());
    let repaired = tree(&site.public());
    let clean = site.root().join("clean");
    assert_eq!(
        build_bin(site.root(), &["--clean", "--output", &clean.to_string_lossy()]).status.code(),
        Some(0)
    );
    let clean = tree(&clean);
    assert_eq!(repaired.keys().collect::<Vec<_>>(), clean.keys().collect::<Vec<_>>());
    for (path, bytes) in &clean {
        assert!(repaired[path] == *bytes, "{path} differs from a clean build");
    }
    // Its marker lists exactly the files of the output, and so does the marker of an update
    // in place after an edit that adds no file.
    let files = |tree: &std::collections::BTreeMap<String, Vec<u8>>| -> Vec<String> {
        tree.keys().filter(|f| *f != warta::write::MARKER).cloned().collect()
    };
    assert_eq!(listed(&std::fs::read_to_string(&marker).expect("marker")), files(&repaired));
    let path = site.root().join("content/2023/06/zakat-asn.md");
    let text = std::fs::read_to_string(&path).expect("the release");
    site.write("content/2023/06/zakat-asn.md", &text.replace("title: ", "title: Lagi "));
    let o = build_bin(site.root(), &[]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains(" changed)") && !out.contains("added"), "{out}");
    let updated = tree(&site.public());
    assert_eq!(updated.keys().collect::<Vec<_>>(), repaired.keys().collect::<Vec<_>>());
    assert_eq!(listed(&std::fs::read_to_string(&marker).expect("marker")), files(&updated));
}

#[test]
fn a_build_killed_after_its_update_in_place_leaves_a_cache_the_next_build_uses() {
    killed_after_commit(&[]);
}

#[test]
fn a_build_killed_after_it_replaced_the_output_leaves_a_cache_the_next_build_uses() {
    killed_after_commit(&["--clean"]);
}

/// Builds the fixture, edits a release, and kills the next build (given `args`) once it has
/// committed its output and before it has renamed its job records into place: the build
/// after it finds the cache describes the output, and changes nothing, rather than writing
/// the whole output anew (which needs the output's size again in free space, and uploads of
/// "newer files" would send it all).
fn killed_after_commit(args: &[&str]) {
    let site = Site::fixture("build/basic");
    let o = build_bin(site.root(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let marker = site.public().join(warta::write::MARKER);
    let before = std::fs::read_to_string(&marker).expect("marker");
    let cache = site.root().join(".public.warta-cache");
    let pending = cache.join(warta::incremental::JOBS_NEXT);
    assert!(!pending.exists());

    let path = site.root().join("content/2023/05/rapat-koordinasi.md");
    let text = std::fs::read_to_string(&path).expect("the release");
    site.write("content/2023/05/rapat-koordinasi.md", &text.replace("title: ", "title: Baru "));
    let mut cmd = warta();
    cmd.arg("build").arg("--root").arg(site.root()).args(args);
    cmd.env("WARTA_TEST_PAUSE_BEFORE_CONFIRM_MS", "60000");
    let mut child = cmd.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().expect("start");
    wait_for(60, "the output to be committed", || {
        let now = std::fs::read_to_string(&marker).unwrap_or_default();
        now.contains("build: ") && now != before && !now.contains("-updating") && pending.exists()
    });
    child.kill().expect("kill -9 the build");
    child.wait().expect("reap it");
    let committed = tree(&site.public());
    assert!(
        String::from_utf8_lossy(&committed["2023/05/rapat-koordinasi/index.html"]).contains("Baru"),
        "the edit is published"
    );

    let o = build_bin(site.root(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("(nothing changed)"), "{out}");
    assert!(!pending.exists(), "the records were put in their place: {:?}", entries(&cache));
    assert_eq!(tree(&site.public()), committed);
    let clean = site.root().join("clean");
    let o = build_bin(site.root(), &["--clean", "--output", &clean.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut clean = tree(&clean);
    let mut committed = committed;
    // The markers differ in nothing but being of two folders: compare the rest.
    clean.remove(warta::write::MARKER);
    committed.remove(warta::write::MARKER);
    assert_eq!(committed, clean, "the output is a clean build's");
    // And the next edit is an update of one page and its listings, not a full build.
    site.write("content/2023/05/rapat-koordinasi.md", &text.replace("title: ", "title: Lagi "));
    let o = build_bin(site.root(), &[]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains(" changed)") && !out.contains("added"), "{out}");
}

#[test]
fn two_builds_at_once_both_succeed_one_after_the_other() {
    let site = generated_site(150);
    let builds: Vec<Child> = (0..2).map(|_| spawn_build(site.root(), &[])).collect();
    for b in builds {
        let o = b.wait_with_output().expect("wait");
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    assert!(site.public().join("2023/01/rilis-00/index.html").is_file());
    assert!(site.public().join("2023/06/rilis-149/index.html").is_file());
    assert_eq!(leftovers(site.root()), Vec::<String>::new());
}

#[test]
fn a_second_build_waits_then_names_the_build_that_holds_the_output() {
    let site = Site::fixture("build/basic");
    assert_eq!(build_bin(site.root(), &[]).status.code(), Some(0));
    let first = spawn_build(
        site.root(),
        &[("WARTA_TEST_SWAP", "renames"), ("WARTA_TEST_PAUSE_BETWEEN_RENAMES_MS", "3000")],
    );
    wait_for(60, "the first build to be swapping", || !site.public().exists());
    let o = warta()
        .arg("build")
        .arg("--root")
        .arg(site.root())
        .env("WARTA_TEST_LOCK_WAIT_MS", "300")
        .output()
        .expect("run warta");
    let root = site.root().display().to_string();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o).replace(&root, "[root]"),
        format!(
            "error: another warta build (process {}) is writing [root]/public; waited 0.3 s for \
             it to finish. Build again when it is done; if no warta is running, delete \
             [root]/.public.warta-lock\n",
            first.id()
        )
    );
    let o = first.wait_with_output().expect("wait");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Once the first is done, the second goes ahead.
    let o = build_bin(site.root(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(leftovers(site.root()), Vec::<String>::new());
}

/// A build that waited for another's lock read the build cache before it waited: the cache it
/// then had described the output as it was before the other build replaced it, and it wrote
/// every file again ("(173 added)", every file with a new modification time, which an FTP
/// client set to "newer files" uploads), until stop 46. It reads the cache once it holds the
/// lock, and finds nothing to do.
#[test]
fn a_build_that_waited_for_the_lock_writes_nothing_when_nothing_changed_since() {
    let site = Site::fixture("build/basic");
    assert_eq!(build_bin(site.root(), &[]).status.code(), Some(0));
    let zakat = "content/2023/06/zakat-asn.md";
    let text = std::fs::read_to_string(site.root().join(zakat)).expect("read");
    site.write(zakat, &text.replace("Gencarkan", "Galakkan"));
    let first = spawn_build(
        site.root(),
        &[("WARTA_TEST_SWAP", "renames"), ("WARTA_TEST_PAUSE_BETWEEN_RENAMES_MS", "2000")],
    );
    wait_for(60, "the first build to be swapping", || !site.public().exists());
    let second = build_bin(site.root(), &[]);
    assert_eq!(second.status.code(), Some(0), "{}", stderr(&second));
    let said = String::from_utf8_lossy(&second.stdout).into_owned();
    assert!(said.contains("(nothing changed)"), "{said}");
    let o = first.wait_with_output().expect("wait");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(leftovers(site.root()), Vec::<String>::new());
}

#[test]
fn sigterm_during_a_large_build_leaves_no_staging_folder() {
    let site = large_site(3000);
    let mut child = spawn_build(site.root(), &[]);
    wait_for(120, "the build to start writing", || is_staging(site.root()));
    sigterm(&child);
    let status = child.wait().expect("wait");
    assert_eq!(status.code(), Some(130), "the build should have been interrupted");
    assert_eq!(leftovers(site.root()), Vec::<String>::new());
    assert!(!site.public().exists());
}

/// SIGTERM after the new output was in place said "the build was stopped and its unfinished
/// output removed", of a complete new `public/` (found by helper-34, stop 67).
#[test]
fn an_interruption_after_the_output_is_in_place_says_so() {
    let site = Site::fixture("build/basic");
    let child = spawn_build(site.root(), &[("WARTA_TEST_PAUSE_AFTER_PLACED_MS", "60000")]);
    wait_for(60, "the output to be in place", || {
        site.public().join(warta::write::MARKER).is_file() && !is_staging(site.root())
    });
    sigterm(&child);
    let o = child.wait_with_output().expect("wait");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(130), "{err}");
    assert!(err.contains("had already put the new site in place"), "{err}");
    assert!(site.public().join("index.html").is_file());
    let o = build_bin(site.root(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(leftovers(site.root()), Vec::<String>::new());
}

// ---------------------------------------------------------------- leftovers, read-only, full

#[test]
fn leftovers_of_dead_builds_are_swept_and_a_running_builds_are_kept() {
    let site = Site::fixture("build/basic");
    site.build().expect("first build");
    let dead = format!(".public.warta-staging-{DEAD_PID}-1a");
    site.write(&format!("{dead}/index.html"), "setengah jadi");
    site.write(&format!("{dead}.old/{}", warta::write::MARKER), "");
    // What warta 0.1 left when killed between its renames, under a fixed name.
    site.write(&format!(".public.old/{}", warta::write::MARKER), "");
    // Process 1 is always running: its folder is not ours to remove.
    let running = ".public.warta-staging-1-2b";
    site.write(&format!("{running}/index.html"), "sedang ditulis");
    set_read_only(&site.root().join(format!("{dead}.old")));

    site.build().expect("the leftovers do not block the build");
    assert_eq!(leftovers(site.root()), vec![running.to_string()]);
}

#[test]
fn a_read_only_previous_output_is_replaced() {
    let site = Site::fixture("build/basic");
    site.build().expect("first build");
    set_read_only(&site.public());
    let summary = site.build().expect("a read-only previous output is no obstacle");
    assert_eq!(summary.warnings, Vec::new());
    assert!(site.public().join("index.html").is_file());
    assert_eq!(leftovers(site.root()), Vec::<String>::new());
    site.build().expect("and the next build too");
}

/// Makes every folder below `dir` read-only.
fn set_read_only(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).expect("read").flatten() {
            if e.path().is_dir() {
                dirs.push(e.path());
            }
        }
        std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    }
}

/// A small tmpfs, unmounted when dropped; `None` (with the reason printed) where this test
/// cannot mount one.
struct SmallDisk(std::path::PathBuf);

impl SmallDisk {
    fn mount(at: &Path, size: &str) -> Option<SmallDisk> {
        std::fs::create_dir_all(at).expect("create the mount point");
        let o = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .output();
        match o {
            Ok(o) if o.status.success() => Some(SmallDisk(at.to_path_buf())),
            Ok(o) => {
                println!("skipped: cannot mount a tmpfs: {}", String::from_utf8_lossy(&o.stderr));
                None
            }
            Err(e) => {
                println!("skipped: cannot run mount: {e}");
                None
            }
        }
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_fails_the_build_with_the_systems_reason_and_keeps_the_previous_site() {
    let site = generated_site(3);
    let Some(disk) = SmallDisk::mount(&site.root().join("disk"), "4m") else {
        return;
    };
    let out = disk.0.join("public");
    site.build_into(&out).expect("a small site fits");
    let before = tree(&out);
    let big = large_site(400);
    crate::support::copy_tree(&big.root().join("content"), &site.root().join("content"));
    let err = site.build_into(&out).expect_err("400 releases do not fit in 1 MB");
    let message = err.to_string();
    // The first file that could not be written, with the system's reason: once, not for each
    // page with "… and 420 more pages with errors" told of the templates (found by helper-34,
    // stop 67).
    assert!(matches!(err, Error::Io { .. }), "{err:?}");
    assert!(message.starts_with("cannot read or write "), "{message}");
    assert!(message.ends_with(": No space left on device (os error 28)"), "{message}");
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(tree(&out) == before, "the previous site is as it was");
    // The output and its build cache beside it, nothing else.
    assert_eq!(entries(&disk.0), [".public.warta-cache", "public"]);
}

#[test]
fn a_ledger_that_cannot_be_written_leaves_the_previous_site() {
    let site = Site::fixture("build/basic");
    site.build().expect("first build");
    let before = tree(&site.public());
    site.write(
        "content/2023/05/rilis-baru.md",
        &crate::support::release_md("Rilis Baru", "2023-05-20", "kanwil-bali", "sn", &["haji"]),
    );
    // The ledger's temporary file cannot be created: something is in its way.
    let tmp = format!(".warta-ledger.tsv.tmp-{}", std::process::id());
    site.write(&format!("{tmp}/x"), "");
    let err = site.build().expect_err("the ledger cannot be written");
    assert_eq!(
        err.to_string().replace(&*site.root().to_string_lossy(), "[root]"),
        format!("cannot read or write [root]/{tmp}: Is a directory (os error 21)")
    );
    assert!(tree(&site.public()) == before, "the previous site is as it was");
    assert_eq!(leftovers(site.root()), Vec::<String>::new());
}

#[test]
fn the_ledger_file_a_killed_build_was_writing_is_removed_and_a_running_builds_kept() {
    let site = Site::fixture("build/basic");
    site.build().expect("first build");
    // A build killed while it wrote the ledger left its temporary file in the site's folder;
    // process 1 is always running, a build of the site into another output, say.
    let dead = format!(".warta-ledger.tsv.tmp-{DEAD_PID}");
    let running = ".warta-ledger.tsv.tmp-1";
    site.write(&dead, "# warta ledger: setengah");
    site.write(running, "# warta ledger: sedang ditulis");
    // Not a temporary file of warta's, though it looks like one.
    site.write(".warta-ledger.tsv.tmp-12a", "catatan");
    site.build().expect("a build that changes nothing");
    let left: Vec<String> =
        entries(site.root()).into_iter().filter(|n| n.contains(".tmp-")).collect();
    assert_eq!(left, [".warta-ledger.tsv.tmp-1", ".warta-ledger.tsv.tmp-12a"]);
}

// ---------------------------------------------------------------- whose folder

#[test]
fn a_web_root_with_a_copied_marker_and_other_files_needs_force() {
    let site = Site::fixture("build/basic");
    site.build().expect("first build");
    // An rsync of public/ into the web root carries the marker along.
    let web = site.root().join("www");
    crate::support::copy_tree(&site.public(), &{
        std::fs::create_dir(&web).expect("create www");
        web.clone()
    });
    site.write("www/uploads/laporan.pdf", "%PDF-1.4");
    site.write("www/wp-login.php", "<?php");
    let err = site.build_into(&web).expect_err("refused");
    assert!(matches!(err, Error::Refused(_)), "{err:?}");
    insta::assert_snapshot!(err.to_string().replace(&*site.root().to_string_lossy(), "[root]"));
    assert!(web.join("uploads/laporan.pdf").is_file());

    warta::build(&warta::BuildOptions { force: true, ..options(site.root(), &web) })
        .expect("--force builds");
    assert!(!web.join("wp-login.php").exists());
    let kept = site.root().join("www.bak");
    assert!(kept.join("uploads/laporan.pdf").is_file() && kept.join("wp-login.php").is_file());
    // The output warta wrote itself is replaced without asking, even with a file removed.
    std::fs::remove_file(web.join("robots.txt")).expect("remove a file");
    site.build_into(&web).expect("warta's own output");
}

/// A marker copied into a folder of one's own pages, with names warta also writes, made the
/// folder warta's: the next build replaced it and deleted the pages (found by helper-34, stop
/// 67). The marker lists each file's length and a page's fingerprint; a build without its cache
/// checks them.
#[test]
fn a_folder_of_ones_own_pages_with_a_copied_marker_needs_force() {
    let site = Site::fixture("build/basic");
    site.build().expect("first build");
    let marker = std::fs::read_to_string(site.public().join(warta::write::MARKER)).expect("marker");
    let warta_index = std::fs::read(site.public().join("index.html")).expect("index");
    // One's own pages: an index of another length, and a robots.txt of the same length as
    // warta's with other bytes (a page's fingerprint tells them apart).
    let robots = std::fs::read_to_string(site.public().join("robots.txt")).expect("robots");
    let own_robots: String = robots.chars().map(|c| if c == 'A' { 'B' } else { c }).collect();
    assert_ne!(own_robots, robots, "robots.txt has an 'A' to change");
    let web = site.root().join("www");
    for (own, why) in [
        (vec![("index.html", "<h1>Kantor kami</h1>".to_string())], "another length"),
        (vec![("robots.txt", own_robots.clone())], "the same length, other bytes"),
    ] {
        let _ = std::fs::remove_dir_all(&web);
        site.write("www/.warta-output", &marker);
        for (name, text) in &own {
            site.write(&format!("www/{name}"), text);
        }
        let err = site.build_into(&web).expect_err(why);
        let text = err.to_string();
        assert!(matches!(err, Error::Refused(_)), "{why}: {err:?}");
        assert!(text.contains("not as warta wrote them") && text.contains(own[0].0), "{text}");
        assert!(text.contains("--force"), "{text}");
        for (name, mine) in &own {
            assert_eq!(&std::fs::read_to_string(web.join(name)).expect("kept"), mine, "{why}");
        }
    }
    insta::assert_snapshot!(site
        .build_into(&web)
        .expect_err("refused")
        .to_string()
        .replace(&*site.root().to_string_lossy(), "[root]"));
    // With --force the folder is moved aside, one's own page in it.
    warta::build(&warta::BuildOptions { force: true, ..options(site.root(), &web) })
        .expect("--force builds");
    assert_eq!(
        std::fs::read_to_string(site.root().join("www.bak/robots.txt")).expect("kept aside"),
        own_robots
    );

    // A copy of warta's own output elsewhere, marker and all, is warta's: built into without
    // --force, and a file deleted by hand from it is no reason to stop.
    let copy = site.root().join("salinan");
    std::fs::create_dir(&copy).expect("a folder");
    crate::support::copy_tree(&site.public(), &copy);
    std::fs::remove_file(copy.join("robots.txt")).expect("remove a file");
    site.build_into(&copy).expect("a copy of warta's output");
    assert_eq!(std::fs::read(copy.join("index.html")).expect("index"), warta_index);

    // A page of warta's output changed by hand since is not replaced without --force by a
    // build that has no cache to say what it wrote; --clean is such a build.
    let mut page = std::fs::read_to_string(site.public().join("index.html")).expect("index");
    page = page.replacen("<title>", "<title>Diubah ", 1);
    site.write("public/index.html", &page);
    let clean = warta::BuildOptions { clean: true, ..options(site.root(), &site.public()) };
    let err = warta::build(&clean).expect_err("changed by hand");
    assert!(err.to_string().contains("index.html"), "{err}");
    assert_eq!(std::fs::read_to_string(site.public().join("index.html")).expect("kept"), page);
}

#[test]
fn a_marker_without_a_list_of_files_needs_force() {
    let site = Site::fixture("build/basic");
    site.write(&format!("public/{}", warta::write::MARKER), "This folder is written by warta.\n");
    site.write("public/index.html", "lama");
    let err = site.build().expect_err("refused");
    insta::assert_snapshot!(err.to_string().replace(&*site.root().to_string_lossy(), "[root]"));
}

// ---------------------------------------------------------------- where the output goes

#[test]
fn an_output_that_is_or_holds_the_site_or_is_inside_its_sources_is_refused_even_with_force() {
    let site = Site::fixture("build/basic");
    let name = site.root().file_name().expect("a name").to_string_lossy().into_owned();
    site.write(
        "content/2023/05/bundel/index.md",
        &crate::support::release_md("Bundel", "2023-05-21", "kanwil-bali", "sn", &[]),
    );
    let mut messages = String::new();
    for (dir, output) in [
        (".", format!("../{name}")),
        (".", "..".to_string()),
        ("content/2023", format!("../../../{name}")),
        (".", "content/public".to_string()),
        (".", "static".to_string()),
        (".", "content/2023/05/bundel/public".to_string()),
        (".", "themes/default/public".to_string()),
    ] {
        let o = warta()
            .current_dir(site.root().join(dir))
            .args(["build", "--force", "--output", &output])
            .output()
            .expect("run warta");
        assert_eq!(o.status.code(), Some(1), "{output}: {}", stderr(&o));
        let text = stderr(&o).replace(&*site.root().to_string_lossy(), "[root]");
        messages.push_str(&format!("{dir}$ warta build --force --output {output}\n{text}\n"));
    }
    insta::assert_snapshot!(messages.replace(&name, "[name]"));
    let mut left = entries(site.root());
    left.retain(|n| n != "content");
    assert_eq!(left, ["site.yaml"], "nothing was moved or written");
    let parent = site.root().parent().expect("a parent");
    assert!(!parent.join(format!("{name}.bak")).exists());
}

// ---------------------------------------------------------------- shrinking

#[test]
fn a_build_that_would_drop_most_releases_asks_for_allow_shrink() {
    let site = generated_site(12);
    site.build().expect("first build");
    let before = tree(&site.public());
    std::fs::rename(site.root().join("content"), site.root().join("konten")).expect("rename");
    std::fs::create_dir(site.root().join("content")).expect("an empty content/");
    let err = site.build().expect_err("0 of 12");
    let root = site.root().to_string_lossy().into_owned();
    assert_eq!(
        err.to_string().replace(&root, "[root]"),
        "this build would publish 0 releases but the previous build in [root]/public published \
         12: was content/ renamed or moved, or is this the wrong site folder? warta stops rather \
         than publish a site and feeds without them. If you removed them on purpose, build with \
         --allow-shrink"
    );
    assert!(tree(&site.public()) == before);
    // Without a previous output (a fresh checkout on a CI server), the ledger remembers.
    std::fs::remove_dir_all(site.public()).expect("remove public/");
    let err = site.build().expect_err("0 of 12");
    assert!(
        err.to_string().starts_with(
            "this build would publish 0 releases but the ledger (warta-ledger.tsv) remembers 12:"
        ),
        "{err}"
    );
    // Half of them is not a mistake.
    for i in 0..6 {
        let from = format!("konten/2023/01/rilis-{i:02}.md");
        site.write(
            &from.replacen("konten", "content", 1),
            &std::fs::read_to_string(site.root().join(&from)).expect("read"),
        );
    }
    site.build().expect("6 of 12 is allowed");
    std::fs::remove_dir_all(site.root().join("content/2023")).expect("remove them all");
    let o = build_bin(site.root(), &["--allow-shrink"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("built 0 releases: "));
}
