//! Where a cold build's time goes, phase by phase, without writing anything:
//! `cargo run --release --example phases -- SITE_FOLDER`. Render time is split by job kind
//! (summed over threads, so it is CPU time, not wall time).

use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use warta::model::Show;
use warta::render::{self, Job};

/// As `warta` itself (src/main.rs), so the figures are the command's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(std::env::args().nth(1).ok_or("usage: phases SITE_FOLDER")?);
    let now = warta::build_time();
    let t = Instant::now();
    let site_yaml = warta::load::site_yaml(&root)?;
    let config = warta::config::parse(&site_yaml.path, &site_yaml.text)
        .map_err(|e| format!("{} errors in site.yaml", e.len()))?;
    let sources = warta::load::sources(&root, site_yaml, &config.theme)?;
    let load = t.elapsed();
    let t = Instant::now();
    let site = warta::parse(config, &sources, Show::PUBLISHED, now)?;
    let parse = t.elapsed();
    let t = Instant::now();
    let theme = warta::theme(&site, &sources)?;
    let compile = t.elapsed();
    let t = Instant::now();
    let views = render::Views::for_theme(&site, &theme);
    let views_time = t.elapsed();
    let t = Instant::now();
    let plan = render::plan(&site, &views, &theme);
    let collisions =
        render::collisions(&site, &plan, &theme, &render::table(&site, &views, &theme, &plan));
    assert!(collisions.is_empty());
    let plan_time = t.elapsed();
    let t = Instant::now();
    let env = render::Env::new(&site, &views, &theme, &plan).map_err(|e| e.to_string())?;
    let env_time = t.elapsed();
    let per_kind: Mutex<BTreeMap<&str, (Duration, usize, usize)>> = Mutex::default();
    let t = Instant::now();
    plan.jobs.par_iter().for_each(|&job| {
        let t = Instant::now();
        let outputs = render::render_job(&env, job).expect("renders");
        let bytes: usize = outputs
            .iter()
            .map(|o| match &o.body {
                render::Body::Bytes(b) => b.len(),
                render::Body::Shared(b) => b.len(),
                render::Body::Copy(_) | render::Body::Made(_) => 0,
            })
            .sum();
        let took = t.elapsed();
        let mut map = per_kind.lock().expect("not poisoned");
        let e = map.entry(kind(job)).or_default();
        e.0 += took;
        e.1 += 1;
        e.2 += bytes;
    });
    let jobs = t.elapsed();
    println!("load          {:8.3} s", load.as_secs_f64());
    println!("parse+model   {:8.3} s", parse.as_secs_f64());
    println!("theme         {:8.3} s", compile.as_secs_f64());
    println!("views         {:8.3} s", views_time.as_secs_f64());
    println!("plan+table    {:8.3} s", plan_time.as_secs_f64());
    println!("env (cards)   {:8.3} s", env_time.as_secs_f64());
    println!("render jobs   {:8.3} s wall", jobs.as_secs_f64());
    for (k, (d, n, bytes)) in per_kind.into_inner().expect("not poisoned") {
        println!(
            "  {k:14} {:8.3} s cpu  {n:7} jobs  {:8.1} MB",
            d.as_secs_f64(),
            bytes as f64 / 1e6
        );
    }
    Ok(())
}

fn kind(job: Job) -> &'static str {
    match job {
        Job::Release(_) => "release",
        Job::Page(_) => "page",
        Job::Listing(..) => "listing",
        Job::Feed(_) => "feed",
        Job::ChannelFeed(..) => "channel feed",
        Job::UnitIndex | Job::TagIndex | Job::Archive(_) | Job::NotFound | Job::SearchPage => {
            "index pages"
        }
        Job::SearchIndex => "search index",
        Job::Sitemap | Job::SitemapIndex | Job::NewsSitemap | Job::Robots => "sitemaps",
        Job::Static(_) | Job::Icons | Job::Logos => "static",
        Job::StaticPhoto(_) => "static photos",
        Job::Redirect { .. } | Job::Alias(_) => "redirect",
        Job::ShortLink(_) => "short links",
        Job::Corrections | Job::CheckPage | Job::Removed(_) => "trust pages",
        Job::Manifest => "manifest",
    }
}
