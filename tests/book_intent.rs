//! The built-in `partner-ai` book against what the partner agreement
//! forbids (issue 14): realistic sentences that imply access to, calls on, or
//! availability of the partner's models through us, in their common forms
//! (inserted words, other tenses and persons, objects between verb and noun,
//! synonyms), are each caught; approved phrasings and unrelated uses of the
//! same words are not. One sentence a paragraph in
//! `tests/fixtures/partner-ai/{violations,clean}.txt`.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::Project;

/// Each sentence (non-empty line) of a fixture, by its line number, and the
/// lines on which the built-in partner-ai book reports something.
fn sentences_and_hits(name: &str) -> (Vec<(u64, String)>, BTreeSet<u64>) {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/partner-ai")
        .join(name);
    let text = std::fs::read_to_string(&fixture).unwrap();
    let p = Project::new();
    p.file(name, &text);
    let run = p.check_json(&[name]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    let hits = run
        .findings()
        .into_iter()
        .filter(|f| f.rule.starts_with("partner-ai/"))
        .map(|f| f.line)
        .collect();
    let sentences = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (i as u64 + 1, l.to_owned()))
        .collect();
    (sentences, hits)
}

/// The sentences of a fixture on which the book reports something
/// (`flagged`) or nothing, one a line, for a failure message.
fn sentences(name: &str, flagged: bool) -> Vec<String> {
    let (sentences, hits) = sentences_and_hits(name);
    sentences
        .into_iter()
        .filter(|(line, _)| hits.contains(line) == flagged)
        .map(|(_, s)| format!("  {s}"))
        .collect()
}

#[test]
fn every_forbidden_phrasing_is_caught() {
    let missed = sentences("violations.txt", false);
    assert!(missed.is_empty(), "missed:\n{}", missed.join("\n"));
}

#[test]
fn approved_phrasings_and_unrelated_uses_stay_clean() {
    let flagged = sentences("clean.txt", true);
    assert!(flagged.is_empty(), "flagged:\n{}", flagged.join("\n"));
}
