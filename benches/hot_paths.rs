//! Benchmarks of the per-release hot paths: Markdown rendering, caption fitting, and a whole
//! build of the example site in memory (parse, model, render; no disk writes). Run with
//! `cargo bench`; whole-site figures against Hugo come from `../shared/bench/compare.sh`.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::path::Path;
use warta::channels::Channel;
use warta::social::captions;

const PASTED: &str = include_str!("../tests/fixtures/import/seed.txt");
const RELEASE: &str = include_str!("../content/2023/05/workshop-manajemen-media-sosial/index.md");

/// How the seed release is rendered: its unit's dateline, signed `sn`.
fn seed_context(signature: &[String]) -> warta::markdown::Context<'_> {
    warta::markdown::Context {
        dateline: Some(warta::markdown::OwnDateline {
            place: "Denpasar",
            short: "Humas Bali",
            name: "Kantor Wilayah Kementerian Agama Provinsi Bali",
        }),
        base_path: "/",
        page_path: "/2023/05/workshop-manajemen-media-sosial/",
        signature,
        first_line: 1,
        pictures: None,
    }
}

fn markdown(c: &mut Criterion) {
    let body = RELEASE.splitn(3, "---").nth(2).unwrap_or(RELEASE);
    let signature = ["sn".to_string()];
    let cx = seed_context(&signature);
    c.bench_function("markdown::render seed release", |b| {
        b.iter(|| warta::markdown::render(black_box(body), &cx))
    });
    // The seed as offices paste it: a paragraph per line, dateline and initials typed by hand.
    c.bench_function("markdown::render pasted seed", |b| {
        b.iter(|| warta::markdown::render(black_box(PASTED), &cx))
    });
}

fn caption(c: &mut Criterion) {
    let tags: Vec<String> = (0..40).map(|i| format!("moderasi beragama {i}")).collect();
    let title = "Workshop Manajemen Media Sosial dalam Membangun Citra Instansi ".repeat(5);
    let summary = "Kepala Kanwil mengajak pengelola kehumasan memasifkan publikasi. 🙏🏽 ".repeat(8);
    let source = captions::Source {
        title: &title,
        summary: &summary,
        place: "Denpasar",
        unit_short: "Humas Bali",
        tags: &tags,
        read_more: "Baca selengkapnya",
        ..captions::Source::default()
    };
    let link = "https://example.go.id/humas/2023/05/workshop/?utm_source=x&utm_medium=social";
    c.bench_function("caption X, hard case", |b| {
        b.iter(|| captions::caption(Channel::X, black_box(&source), link))
    });
    // The common case: a release whose caption fits whole, every hashtag included.
    let tags: Vec<String> = ["moderasi beragama", "kehumasan", "workshop"].map(String::from).into();
    let typical = captions::Source {
        title: "Workshop Manajemen Media Sosial dalam Membangun Citra Instansi",
        summary: "Kanwil Kemenag Bali menggelar workshop manajemen media sosial di Denpasar.",
        tags: &tags,
        ..source
    };
    let prepared = captions::Prepared::new(&typical);
    c.bench_function("captions of every channel, typical release", |b| {
        b.iter(|| Channel::ALL.map(|ch| captions::caption_prepared(ch, black_box(&prepared), link)))
    });
}

fn xml_escape(c: &mut Criterion) {
    let body = RELEASE.splitn(3, "---").nth(2).unwrap_or(RELEASE);
    let html = warta::markdown::render(body, &seed_context(&["sn".to_string()])).html;
    c.bench_function("xml::escape a release's HTML (feeds)", |b| {
        b.iter(|| warta::render::xml::escape(black_box(&html)).len())
    });
}

fn build_in_memory(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let now = warta::build_time();
    let (sources, site) =
        warta::load_site(root, warta::model::Show::PUBLISHED, now).expect("example site loads");
    let theme = warta::theme(&site, &sources).expect("theme compiles");
    c.bench_function("parse + render example site (memory)", |b| {
        b.iter(|| {
            let config = site.config.clone();
            let site =
                warta::parse(config, &sources, warta::model::Show::PUBLISHED, now).expect("parses");
            warta::render(&site, &theme, |out| {
                black_box(out);
                Ok(())
            })
            .expect("renders")
        })
    });
}

criterion_group!(benches, markdown, caption, xml_escape, build_in_memory);
criterion_main!(benches);
