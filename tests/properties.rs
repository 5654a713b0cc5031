//! Property: in random text with banned phrases inserted (random case,
//! whitespace, typography, CRLF, invalid bytes around them), every reported
//! span slices the original bytes to text that folds to one of its rule's
//! phrases, with word boundaries around it, and every inserted phrase is found.

use phraselint::catalog::Catalog;
use phraselint::extract::FileKind;
use phraselint::lint::{Linter, Scratch};
use phraselint::locate::Encoding;
use phraselint::phrasebook::Phrasebook;
use phraselint::rules::RuleIdx;
use phraselint::text::fold::{fold_phrase, is_word_char};
use proptest::prelude::*;
use std::sync::OnceLock;

/// The built-in books' banned phrases as plain rules (no `near`, so every
/// inserted phrase must be found; a gap closed up, no word forms, so every
/// match is a phrase as written).
fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| {
        let mut yaml = String::from("phrasebook: p\nversion: 1.0.0\nschema: 1\nrules:\n");
        let built_in = Catalog::built_in();
        for (i, (_, rule)) in built_in
            .rules()
            .filter(|(_, r)| !r.banned().is_empty())
            .enumerate()
        {
            let phrases: Vec<String> = rule
                .banned()
                .iter()
                .map(|p| format!("{:?}", p.replace(" ... ", " ")))
                .collect();
            yaml.push_str(&format!(
                "  - id: r{i}\n    banned: [{}]\n    message: m\n",
                phrases.join(", ")
            ));
        }
        Linter::with_defaults(Catalog::new(vec![
            Phrasebook::parse(&yaml, "p.yaml").expect("valid book"),
        ]))
    })
}

const FILLER: &[&str] = &[
    "the",
    "recalls",
    "only",
    "access",
    "enables",
    "on",
    "calls",
    "Frontier",
    "powered",
    "by",
    "déjà",
    "ÜBER",
    "accessible",
    "provide",
    "to",
    "100%",
    "secure",
    "world-class",
    "x",
    "café",
];
const SPACES: &[&str] = &[" ", "  ", "\t", "\n", "\r\n", "\u{a0}", " \n "];
const SEPARATORS: &[&[u8]] = &[
    b" ", b"\n", b"\n\n", b", ", b". ", b" \xff ", b" \xe9 ", b" (", b") ",
];

#[derive(Debug, Clone)]
enum Token {
    Filler(usize),
    /// A banned phrase: rule index, phrase index, case mode, space choices.
    Phrase(usize, usize, u8, Vec<usize>),
}

fn token(rules: usize) -> impl Strategy<Value = Token> {
    prop_oneof![
        (0..FILLER.len()).prop_map(Token::Filler),
        (
            0..rules,
            0..8usize,
            0..3u8,
            prop::collection::vec(0..SPACES.len(), 4)
        )
            .prop_map(|(r, p, c, s)| Token::Phrase(r, p, c, s)),
    ]
}

fn cased(word: &str, mode: u8) -> String {
    match mode {
        0 => word.to_owned(),
        1 => word.to_uppercase(),
        _ => {
            let mut c = word.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        }
    }
}

/// The rules the test inserts phrases of (not phraselint's own).
fn phrase_rules() -> usize {
    linter()
        .catalog()
        .rules()
        .filter(|(_, r)| !r.banned().is_empty())
        .count()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000)
    ))]

    #[test]
    fn spans_slice_the_original_bytes_to_the_phrase(
        tokens in prop::collection::vec(token(16), 1..30),
        seps in prop::collection::vec(0..SEPARATORS.len(), 30),
    ) {
        let catalog = linter().catalog();
        let mut bytes = Vec::new();
        let mut inserted = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            if i > 0 {
                bytes.extend_from_slice(SEPARATORS[seps[i % seps.len()]]);
            }
            match t {
                Token::Filler(f) => bytes.extend_from_slice(FILLER[*f].as_bytes()),
                Token::Phrase(r, p, case, spaces) => {
                    let rule = catalog.rule(RuleIdx::new(*r % phrase_rules()));
                    let phrase = &rule.banned()[*p % rule.banned().len()];
                    let start = bytes.len();
                    for (w, word) in phrase.split(' ').enumerate() {
                        if w > 0 {
                            bytes.extend_from_slice(SPACES[spaces[w % spaces.len()]].as_bytes());
                        }
                        bytes.extend_from_slice(cased(&word.replace('\'', "\u{2019}"), *case).as_bytes());
                    }
                    inserted.push((*r % phrase_rules(), start, bytes.len()));
                }
            }
        }
        let linter = linter();
        let outcome = linter.lint_text(FileKind::Text, &bytes, &mut Scratch::default());
        let locator = outcome.locator();
        // Offsets in the original bytes.
        let offsets: Vec<(RuleIdx, usize, usize)> = outcome.findings.iter().map(|f| (
            f.rule,
            locator.position(f.span.start, Encoding::Utf8).offset,
            locator.position(f.span.end, Encoding::Utf8).offset,
        )).collect();
        for &(r, start, end) in &offsets {
            let slice = std::str::from_utf8(&bytes[start..end])
                .expect("a span never cuts a character");
            let rule = linter.catalog().rule(r);
            let folded = fold_phrase(slice);
            prop_assert!(
                rule.banned().iter().any(|p| fold_phrase(p) == folded),
                "{:?} folds to {:?}, not a phrase of {}", slice, folded, rule.full_id
            );
            let before = String::from_utf8_lossy(&bytes[..start]);
            let after = String::from_utf8_lossy(&bytes[end..]);
            prop_assert!(!before.chars().next_back().is_some_and(is_word_char) || !slice.starts_with(is_word_char));
            prop_assert!(!after.chars().next().is_some_and(is_word_char) || !slice.ends_with(is_word_char));
        }
        for (rule, start, end) in inserted {
            prop_assert!(
                offsets.iter().any(|&(r, s, e)| r == RuleIdx::new(rule) && s < end && start < e),
                "inserted {:?} ({}) not found", String::from_utf8_lossy(&bytes[start..end]), linter.catalog().rule(RuleIdx::new(rule)).full_id
            );
        }
    }
}
