//! Fuzz harnesses: one function per stage that takes arbitrary bytes and checks what must hold
//! for any input (no panic, errors that name the file and a line inside it, output that grows
//! linearly). `fuzz/` runs them under libFuzzer (`cargo +nightly fuzz run release`); the tests
//! below run the same functions on stable over the malformed corpus and a few seconds of
//! seeded random inputs, so `cargo test` and CI exercise them too.

use crate::config::Config;
use crate::load::SourceFile;
use crate::markdown::{self, Context, OwnDateline};
use std::path::PathBuf;
use std::sync::OnceLock;

/// The site a fuzzed release belongs to: `tests/fixtures/errors/base`'s units and authors.
const SITE_YAML: &str = "title: Humas Kanwil Uji\nbase_url: https://example.go.id/humas/\n\
units:\n  kanwil-bali: {name: Kantor Wilayah Kementerian Agama Provinsi Bali, short: Humas Bali, place: Denpasar}\n\
authors:\n  sn: {name: Sri Nuraini}\n";

fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(|| match crate::config::parse(&PathBuf::from("site.yaml"), SITE_YAML) {
        Ok(config) => config,
        Err(e) => panic!("the fuzzing site.yaml is valid: {e:?}"),
    })
}

/// Lines of `text` as an editor counts them (LF, CRLF or a lone CR each end one).
fn line_count(text: &str) -> usize {
    let b = text.as_bytes();
    let lone_cr =
        b.iter().enumerate().filter(|&(i, &c)| c == b'\r' && b.get(i + 1) != Some(&b'\n'));
    b.iter().filter(|&&c| c == b'\n').count() + lone_cr.count() + 1
}

/// `model::release::release` on arbitrary text: it returns (no panic), every error names the
/// file, and a line it gives lies within the file.
pub fn release(data: &[u8]) {
    let path = PathBuf::from("content/2023/05/fuzz.md");
    let text = String::from_utf8_lossy(data).into_owned();
    let lines = line_count(&text);
    let file = SourceFile::new(path.clone(), text);
    if let Err(errors) = crate::model::release::release(config(), &file, &Default::default()) {
        assert!(!errors.is_empty(), "an Err with no error");
        for e in errors {
            assert_eq!(e.path, path, "{e:?}");
            if let Some(line) = e.line {
                assert!((1..=lines).contains(&line), "line {line} of {lines}: {e:?}");
            }
        }
    }
}

/// `markdown::render` on arbitrary text: it returns, its output stays linear in its input, and
/// its notes name lines within the body.
pub fn markdown(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let signature = ["sn".to_string()];
    let writers = ["Sri Nadi".to_string()];
    let own = OwnDateline {
        place: "Denpasar",
        short: "Humas Bali",
        name: "Kanwil Bali",
        place_set: true,
    };
    let cx = Context {
        dateline: Some(own),
        base_path: "/humas/",
        page_path: "/humas/2023/05/fuzz/",
        signature: &signature,
        writers: &writers,
        first_line: 1,
        pictures: None,
        title: None,
        raw_html: false,
        hashtags: &[],
    };
    let out = markdown::render(&text, &cx);
    assert!(
        out.html.len() <= 64 * text.len() + 4096,
        "{} bytes from {}",
        out.html.len(),
        text.len()
    );
    let lines = line_count(&text);
    for note in &out.notes {
        assert!((1..=lines).contains(&note.line), "line {} of {lines}: {note:?}", note.line);
    }
    // A body said to need no sanitising must be one the sanitiser leaves as it is.
    if !out.needs_sanitizing {
        assert_eq!(
            same_dom(&markdown::sanitize(&out.html)),
            same_dom(&out.html),
            "sanitising changed a body it may skip"
        );
    }
}

/// HTML in one spelling where pulldown-cmark and the sanitiser's serialiser write the same thing
/// differently: `<hr />` and `<hr>`, `&quot;` and `"` in text, `&nbsp;` and U+00A0. Text
/// escapes every `>`, so "/>" only ever ends a tag.
fn same_dom(html: &str) -> String {
    html.replace(" />", ">")
        .replace("/>", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
}

/// xorshift64*: a small seeded generator, so that the random inputs of a test (here, and the
/// random edits of `tests/it/incremental.rs`) are the same on every run and replay from a seed.
#[derive(Debug, Clone)]
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// One of `items`, which must not be empty.
    pub fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    /// Pieces that mean something to YAML, Markdown or warta, spliced into the inputs.
    const TOKENS: &[&[u8]] = &[
        b"---\n",
        b"\n",
        b"\r",
        b": ",
        b"- ",
        b"[",
        b"]",
        b"{",
        b"}",
        b"\"",
        b"'",
        b"&a ",
        b"*a",
        b"!!",
        b"#",
        b"```",
        b"`",
        b"|",
        b">",
        b"<",
        b"*",
        b"_",
        b"(",
        b")",
        b"](",
        b"![",
        b"[^",
        b"\t",
        b"\0",
        b"\xef\xbb\xbf",
        b"\xff",
        b"\xc3",
        b"date: ",
        b"title: ",
        b"unit: ",
        b"author: ",
        b"tags: ",
        b"image: ",
        b"../",
        b"%2e",
        b"(sn)",
        b"(Humas Bali) \xe2\x80\x93 ",
        b"2023-05-15T09:00:00",
        b"kanwil-bali",
        b"sn",
        b"http://",
        b"{#id}",
        b"\\",
    ];

    /// The seeds: the malformed corpus and the example site's releases.
    fn seeds() -> Vec<Vec<u8>> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut seeds = Vec::new();
        for dir in ["tests/fixtures/malformed", "tests/fixtures/build/basic/content/2023/05"] {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else { continue };
            let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
            paths.sort();
            for path in paths.iter().filter(|p| p.extension().is_some_and(|e| e == "md")) {
                seeds.extend(std::fs::read(path).ok().filter(|b| b.len() < 20_000));
            }
        }
        assert!(seeds.len() > 100, "the corpus is in place ({} seeds)", seeds.len());
        seeds
    }

    /// One mutation of a seed: a token inserted, a range deleted or duplicated, bytes flipped,
    /// or two seeds spliced.
    fn mutate(rng: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
        let mut data = seeds[rng.below(seeds.len())].clone();
        for _ in 0..1 + rng.below(8) {
            let at = rng.below(data.len() + 1);
            match rng.below(5) {
                0 => {
                    let token = TOKENS[rng.below(TOKENS.len())];
                    data.splice(at..at, token.iter().copied());
                }
                1 => {
                    let end = (at + rng.below(32)).min(data.len());
                    data.drain(at..end);
                }
                2 => {
                    let end = (at + rng.below(64)).min(data.len());
                    let copy = data[at..end].to_vec();
                    data.splice(at..at, copy);
                }
                3 if at < data.len() => data[at] ^= 1 << rng.below(8),
                _ => {
                    let other = &seeds[rng.below(seeds.len())];
                    let from = rng.below(other.len() + 1);
                    data.truncate(at);
                    data.extend_from_slice(&other[from..]);
                }
            }
        }
        data
    }

    /// Runs `target` on every seed, then on mutated seeds for `budget` (at least 200 inputs).
    fn run(target: fn(&[u8]), seed: u64, budget: Duration) -> usize {
        let seeds = seeds();
        seeds.iter().for_each(|s| target(s));
        let (mut rng, start, mut tried) = (Rng(seed), Instant::now(), seeds.len());
        while tried < seeds.len() + 200 || start.elapsed() < budget {
            let input = mutate(&mut rng, &seeds);
            let result = std::panic::catch_unwind(|| target(&input));
            assert!(result.is_ok(), "input: {:?}", String::from_utf8_lossy(&input));
            tried += 1;
        }
        tried
    }

    #[test]
    fn release_parser_survives_the_corpus_and_random_mutations() {
        let tried = run(release, 0x5741_5254_4131, Duration::from_secs(3));
        eprintln!("fuzz release: {tried} inputs");
    }

    #[test]
    fn markdown_survives_the_corpus_and_random_mutations() {
        let tried = run(markdown, 0x4d44_5741_5254, Duration::from_secs(3));
        eprintln!("fuzz markdown: {tried} inputs");
    }
}
