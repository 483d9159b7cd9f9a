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
            place_set: true,
        }),
        base_path: "/",
        page_path: "/2023/05/workshop-manajemen-media-sosial/",
        signature,
        writers: &[],
        first_line: 1,
        pictures: None,
        title: None,
        raw_html: false,
        hashtags: &[],
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

/// The guids of 100,000 releases worked out from the ledger of the last build, one of them
/// retitled: what every build after an edit does before anything is rendered.
fn ledger(c: &mut Criterion) {
    const N: usize = 100_000;
    let owned: Vec<[String; 5]> = (0..N)
        .map(|i| {
            let (y, m, d) = (2015 + i % 10, 1 + i / 10 % 12, 1 + i / 120 % 28);
            let slug = format!("apel-pagi-bersama-kepala-kantor-wilayah-{i}");
            [
                format!("content/{y}/{m:02}/{slug}.md"),
                format!("{y}-{m:02}-{d:02}T09:00:00+08:00"),
                format!("Apel Pagi Bersama Kepala Kantor Wilayah Provinsi Bali ke-{i}"),
                format!("{y}/{m:02}/{slug}/"),
                slug,
            ]
        })
        .collect();
    let keys: Vec<warta::ledger::Key<'_>> = owned
        .iter()
        .map(|[source, date, title, path, slug]| warta::ledger::Key {
            pinned: None,
            source,
            date,
            title,
            path,
            slug,
        })
        .collect();
    let (_, mut last) = warta::ledger::Ledger::default().assign(&keys, "humas.example.go.id");
    last.hold(owned.iter().map(|o| o[0].clone()));
    let retitled = format!("{} (diperbarui)", owned[N / 2][2]);
    let mut edited = keys.clone();
    edited[N / 2].title = &retitled;
    c.bench_function("ledger: guids of 100,000 releases, one retitled", |b| {
        b.iter_batched(
            || last.clone(),
            |ledger| black_box(ledger.into_assigned(&edited, "humas.example.go.id")),
            criterion::BatchSize::LargeInput,
        )
    });
}

criterion_group!(benches, markdown, caption, xml_escape, build_in_memory, ledger);
criterion_main!(benches);
