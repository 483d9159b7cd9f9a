//! How long `warta serve` takes to rebuild after one release is edited, without the watcher or
//! HTTP: `cargo run --release --example serve_edit -- SITE_FOLDER [EDITS]`. Edits the titles of
//! releases in place (the site is changed: use a copy) and prints the median rebuild.

use std::path::PathBuf;
use std::time::Instant;
use warta::serve::site::Builder;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().ok_or("usage: serve_edit SITE_FOLDER [EDITS]")?);
    let edits: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(20);
    let opts = warta::BuildOptions {
        output: root.join("public"),
        root: root.clone(),
        drafts: false,
        future: false,
        force: false,
        allow_shrink: false,
        now: None,
        clean: false,
    };
    let mut builder = Builder::new(opts, "http://127.0.0.1:1111");
    let t = Instant::now();
    let first = builder.rebuild()?;
    eprintln!("first build: {:?}, {} files", t.elapsed(), first.files.len());
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    let mut times = Vec::new();
    for n in 0..edits {
        let file = &files[(n * 7919) % files.len()];
        let text = std::fs::read_to_string(file)?;
        let new = text.replacen("title: ", &format!("title: Uji {n} "), 1);
        // Edits come seconds apart: what the last rebuild left to free is freed by then.
        std::thread::sleep(std::time::Duration::from_millis(150));
        std::fs::write(file, new)?;
        let t = Instant::now();
        let changed = [file.strip_prefix(&root)?.to_path_buf()];
        let snap = builder.rebuild_after(&changed)?;
        let took = t.elapsed();
        times.push(took);
        eprintln!("edit {n}: {took:?}, {} changed", snap.changed);
    }
    times.sort();
    if let (Some(min), Some(median)) = (times.first(), times.get(times.len() / 2)) {
        println!("rebuild after one edit: median {median:?}, fastest {min:?}, over {edits} edits");
    }
    Ok(())
}
