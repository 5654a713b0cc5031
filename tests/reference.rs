//! phraselint's findings on plain text equal an independent naive search:
//! lower-case the text, look for each phrase at every position, keep whole
//! words, one finding per non-overlapping occurrence. A few hundred random
//! phrases, each its own rule.

use phraselint::catalog::Catalog;
use phraselint::extract::FileKind;
use phraselint::lint::{Linter, Scratch};
use phraselint::phrasebook::Phrasebook;

const WORDS: &[&str] = &[
    "access",
    "enables",
    "calls",
    "on",
    "powered",
    "by",
    "gpt",
    "models",
    "the",
    "our",
    "secure",
    "unlimited",
    "risk",
    "free",
    "best",
    "class",
    "in",
    "to",
    "direct",
    "provides",
    "available",
    "through",
    "data",
    "cloud",
    "team",
    "fast",
    "scale",
    "trial",
    "plan",
    "seats",
];

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }
    fn word(&mut self) -> &'static str {
        WORDS[self.next() % WORDS.len()]
    }
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Every non-overlapping whole-word occurrence of `phrase` in `text`, by
/// byte offset, found the plain way.
fn naive(text: &str, phrase: &str) -> Vec<usize> {
    let (hay, needle) = (text.to_lowercase(), phrase.to_lowercase());
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let mut found = Vec::new();
    let mut i = 0;
    while i + n.len() <= h.len() {
        let whole =
            (i == 0 || !is_word(h[i - 1])) && h.get(i + n.len()).is_none_or(|&b| !is_word(b));
        if &h[i..i + n.len()] == n && whole {
            found.push(i);
            i += n.len();
        } else {
            i += 1;
        }
    }
    found
}

#[test]
fn findings_equal_a_naive_whole_word_search() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut phrases: Vec<String> = Vec::new();
    while phrases.len() < 300 {
        let len = 1 + rng.next() % 3;
        let phrase: Vec<&str> = (0..len).map(|_| rng.word()).collect();
        let phrase = phrase.join(" ");
        // Phrases that repeat a word can overlap themselves; keep it simple.
        let mut seen: Vec<&str> = phrase.split(' ').collect();
        seen.sort_unstable();
        seen.dedup();
        if seen.len() == len && !phrases.contains(&phrase) {
            phrases.push(phrase);
        }
    }
    let mut yaml = String::from("phrasebook: r\nversion: 1.0.0\nschema: 1\nrules:\n");
    for (i, p) in phrases.iter().enumerate() {
        yaml.push_str(&format!(
            "  - id: p{i}\n    banned: [\"{p}\"]\n    message: m\n"
        ));
    }
    let linter = Linter::with_defaults(Catalog::new(vec![
        Phrasebook::parse(&yaml, "r.yaml").unwrap(),
    ]));

    // Paragraphs of random words and punctuation, one a line, blank lines
    // between, so no phrase spans two.
    let mut text = String::new();
    for _ in 0..400 {
        let words = 5 + rng.next() % 25;
        for w in 0..words {
            if w > 0 {
                text.push_str([" ", " ", " ", ", ", "-", "'s "][rng.next() % 6]);
            }
            let word = rng.word();
            if rng.next().is_multiple_of(7) {
                text.push_str(&word.to_uppercase());
            } else {
                text.push_str(word);
            }
        }
        text.push_str(".\n\n");
    }
    let outcome = linter.lint_text(FileKind::Text, text.as_bytes(), &mut Scratch::default());
    // UTF-8 text: spans are byte offsets in the file.
    let mut ours: Vec<(usize, usize)> = outcome
        .findings
        .iter()
        .map(|f| (f.rule.index(), f.span.start))
        .collect();
    ours.sort_unstable();
    let mut expected: Vec<(usize, usize)> = phrases
        .iter()
        .enumerate()
        .flat_map(|(i, p)| naive(&text, p).into_iter().map(move |o| (i, o)))
        .collect();
    expected.sort_unstable();
    assert!(
        expected.len() > 300,
        "the fixture exercises the matcher ({} matches)",
        expected.len()
    );
    assert_eq!(ours, expected);
}
