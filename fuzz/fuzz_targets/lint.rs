//! A whole lint of arbitrary bytes, in every text format, with an arbitrary
//! small phrasebook.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use phraselint::compile::RuleSet;
use phraselint::extract::FileKind;
use phraselint::lint::{Scratch, lint_text};
use phraselint::phrasebook::Phrasebook;

#[derive(Arbitrary, Debug)]
struct Input {
    banned: Vec<String>,
    allowed: Vec<String>,
    allow: Vec<String>,
    near: Vec<String>,
    within: u8,
    pattern: Option<String>,
    case_sensitive: bool,
    kind: u8,
    text: Vec<u8>,
}

fuzz_target!(|input: Input| {
    let mut rule = serde_json::json!({
        "id": "fuzzed",
        "message": "fuzzed",
    });
    if !input.banned.is_empty() {
        rule["banned"] = serde_json::json!(input.banned.iter().take(8).collect::<Vec<_>>());
    }
    if !input.allow.is_empty() {
        rule["allow"] = serde_json::json!(input.allow.iter().take(4).collect::<Vec<_>>());
    }
    if !input.near.is_empty() {
        rule["near"] = serde_json::json!(input.near.iter().take(4).collect::<Vec<_>>());
        rule["within"] = serde_json::json!(input.within % 16);
    }
    if let Some(p) = &input.pattern {
        rule["pattern"] = serde_json::json!(p);
    }
    if input.case_sensitive {
        rule["case"] = serde_json::json!("sensitive");
    }
    let mut book = serde_json::json!({
        "phrasebook": "fuzz",
        "version": "1.0.0",
        "schema": 1,
        "rules": [rule],
    });
    if !input.allowed.is_empty() {
        book["allowed"] = serde_json::json!(input.allowed.iter().take(4).collect::<Vec<_>>());
    }
    // JSON is YAML: the book goes through the same parser a user's does.
    let yaml = book.to_string();
    let Ok(book) = Phrasebook::parse(&yaml, "fuzz.yaml") else { return };
    let rules = RuleSet::new(vec![book]);
    let kind = [FileKind::Markdown, FileKind::Mdx, FileKind::Html, FileKind::Text]
        [input.kind as usize % 4];
    let outcome = lint_text(&rules, kind, &input.text, &mut Scratch::default());
    phraselint_fuzz::check_outcome(&outcome, &input.text);
});
