//! The Indonesian stemmer of Snowball (Tala's algorithm, as `indonesian.sbl` of Snowball 3
//! defines it), written out plainly: "pelatihan", "melatih" and "dilatih" all become "latih".
//! The theme's `js/search.js` has the same algorithm line for line, since a query is stemmed in
//! the browser and must meet the words stemmed here; `tests/fixtures/stem/indonesian.tsv` (a
//! sample of Snowball's own test vocabulary and its output) holds both to Snowball's results.
//!
//! It works on a lower-case word, by characters. The measure is the number of vowels; a word of
//! two vowels or fewer is left as it is, and every affix removed takes one away.

const VOWELS: [char; 5] = ['a', 'e', 'i', 'o', 'u'];

fn vowel(c: Option<&char>) -> bool {
    c.is_some_and(|c| VOWELS.contains(c))
}

/// A word being stemmed: its characters, where its stem starts (after a prefix replaced by one
/// letter, "meny" → "s"), which prefix was removed and how many vowels are left.
struct Word {
    chars: Vec<char>,
    start: usize,
    /// 0 none; 1 di-, me(ng)-, ter-; 2 pe(r)-; 3 ke-, pe(ng)-; 4 be(r)-.
    prefix: u8,
    measure: usize,
}

impl Word {
    fn ends_with(&self, s: &str) -> bool {
        let n = s.chars().count();
        self.chars.len() >= self.start + n
            && self.chars[self.chars.len() - n..].iter().copied().eq(s.chars())
    }

    fn starts_with_at(&self, at: usize, s: &str) -> bool {
        let n = s.chars().count();
        self.chars.len() >= at + n && self.chars[at..at + n].iter().copied().eq(s.chars())
    }

    fn cut_end(&mut self, n: usize) {
        self.chars.truncate(self.chars.len() - n);
        self.measure -= 1;
    }

    /// -kah, -lah, -pun.
    fn particle(&mut self) {
        if self.chars.len() > 2 && ["kah", "lah", "pun"].iter().any(|s| self.ends_with(s)) {
            self.cut_end(3);
        }
    }

    /// -nya, -ku, -mu.
    fn possessive(&mut self) {
        if self.ends_with("nya") {
            self.cut_end(3);
        } else if self.chars.len() > 1 && (self.ends_with("ku") || self.ends_with("mu")) {
            self.cut_end(2);
        }
    }

    /// -kan, -an, -i, as the prefix allows.
    fn suffix(&mut self) -> bool {
        let len = self.chars.len();
        if self.ends_with("an") {
            let kan = len >= self.start + 3 && self.chars[len - 3] == 'k';
            if kan && self.prefix != 3 && self.prefix != 2 {
                self.cut_end(3);
            } else if self.prefix == 1 {
                return false;
            } else {
                self.cut_end(2);
            }
            true
        } else if self.ends_with("i") {
            let after_s = len >= self.start + 2 && self.chars[len - 2] == 's';
            if self.prefix > 2 || after_s {
                return false;
            }
            self.cut_end(1);
            true
        } else {
            false
        }
    }

    /// Replaces the first `n` characters by `by` (empty: removes them).
    fn replace_start(&mut self, n: usize, by: &str) {
        self.chars.splice(0..n, by.chars());
        self.start = by.chars().count();
        self.measure -= 1;
    }

    /// di-, ke-, me(m/n/ng/ny)-, pe(m/n/ng/ny)-, ter-.
    fn first_order_prefix(&mut self) -> bool {
        if !matches!(self.chars.get(1), Some('i' | 'e')) {
            return false;
        }
        // The longest of the prefixes the word starts with.
        let found = ["meng", "peng", "mem", "men", "pem", "pen", "ter", "di", "ke", "me"]
            .into_iter()
            .find(|p| self.starts_with_at(0, p));
        let Some(p) = found else { return false };
        let n = p.chars().count();
        let y_vowel = self.chars.get(n) == Some(&'y') && vowel(self.chars.get(n + 1));
        match p {
            "di" | "me" | "meng" | "ter" => {
                self.prefix = 1;
                self.replace_start(n, "");
            }
            "ke" | "peng" => {
                self.prefix = 3;
                self.replace_start(n, "");
            }
            "men" | "pen" => {
                self.prefix = if p == "men" { 1 } else { 3 };
                if y_vowel {
                    self.replace_start(n + 1, "s");
                } else {
                    self.replace_start(n, "");
                }
            }
            _ => {
                // mem-, pem-: "memukul" → "pukul", "membaca" → "baca".
                self.prefix = if p == "mem" { 1 } else { 3 };
                let by = if vowel(self.chars.get(n)) { "p" } else { "" };
                self.replace_start(n, by);
            }
        }
        true
    }

    /// be(r)-, pe(r)-; "belajar" and "pelajar" → "ajar".
    fn second_order_prefix(&mut self) {
        let at = self.start;
        if self.chars.get(at + 1) != Some(&'e') {
            return;
        }
        let (pe, be) = (self.starts_with_at(at, "pe"), self.starts_with_at(at, "be"));
        if !pe && !be {
            return;
        }
        let next = self.chars.get(at + 2);
        // ber-, per-; bel- and pel- before "ajar"; pe- before anything; be- before a consonant
        // and "er" ("bekerja").
        let three =
            next == Some(&'r') || (next == Some(&'l') && self.starts_with_at(at + 3, "ajar"));
        let two = pe || (next.is_some() && !vowel(next) && self.starts_with_at(at + 3, "er"));
        let end = match (three, two) {
            (true, _) => at + 3,
            (false, true) => at + 2,
            (false, false) => return,
        };
        // "pelajar" keeps the prefix it had; every other be-/pe- sets it.
        let belajar = end == at + 3 && self.chars.get(at + 2) == Some(&'l');
        if be {
            self.prefix = 4;
        } else if !belajar {
            self.prefix = 2;
        }
        self.chars.drain(at..end);
        self.measure -= 1;
    }
}

/// The stem of a lower-case Indonesian word.
pub fn stem(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let measure = chars.iter().filter(|c| VOWELS.contains(c)).count();
    if measure <= 2 {
        return word.to_string();
    }
    let mut w = Word { chars, start: 0, prefix: 0, measure };
    w.particle();
    if w.measure > 2 {
        w.possessive();
    }
    if w.measure > 2 {
        if w.first_order_prefix() {
            // The suffix takes one from the measure: it is checked again after.
            let suffix = w.measure > 2 && w.suffix();
            if suffix && w.measure > 2 {
                w.second_order_prefix();
            }
        } else {
            w.second_order_prefix();
            if w.measure > 2 {
                w.suffix();
            }
        }
    }
    w.chars.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn word_forms_meet_at_their_stem() {
        for (word, expected) in [
            ("pelatihan", "latih"),
            ("melatih", "latih"),
            ("dilatih", "latih"),
            ("penyaluran", "salur"),
            ("menyebarkan", "sebar"),
            ("memukul", "pukul"),
            ("membaca", "baca"),
            ("belajar", "ajar"),
            ("pelajar", "ajar"),
            ("kepemimpinan", "mimpin"),
            ("zakat", "zakat"),
            ("haji", "haji"),
        ] {
            assert_eq!(stem(word), expected, "{word}");
        }
    }

    /// A sample of Snowball's own vocabulary and its stems (`snowball-data/indonesian`).
    #[test]
    fn stems_as_snowball_does() {
        let sample = include_str!("../../tests/fixtures/stem/indonesian.tsv");
        let wrong: Vec<String> = sample
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .filter(|(word, expected)| stem(word) != *expected)
            .map(|(word, expected)| format!("{word}: {} (Snowball: {expected})", stem(word)))
            .collect();
        assert!(
            wrong.is_empty(),
            "{} of {}:\n{}",
            wrong.len(),
            sample.lines().count(),
            wrong.join("\n")
        );
    }
}
