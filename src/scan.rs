//! One pass of the automaton over a file's folded text → raw matches of
//! banned phrases, whole words only, minus those inside allowed phrases.

use std::ops::Range;

use crate::compile::{RuleSet, Target};
use crate::fold::is_word_char;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawMatch {
    pub rule: usize,
    /// Range in the folded text.
    pub folded: Range<usize>,
}

/// Finds every banned phrase in `folded`. Overlapping matches are all seen,
/// so a match that fails its word-boundary check cannot hide a valid one.
pub fn scan(rules: &RuleSet, folded: &str, out: &mut Vec<RawMatch>) {
    out.clear();
    let mut allowed: Vec<(usize, Range<usize>)> = Vec::new();
    for m in rules.automaton.find_overlapping_iter(folded) {
        let pattern = &rules.patterns[m.pattern().as_usize()];
        if (pattern.bounded_start && !boundary_before(folded, m.start()))
            || (pattern.bounded_end && !boundary_after(folded, m.end()))
        {
            continue;
        }
        for &target in &pattern.targets {
            match target {
                Target::Banned(rule) => out.push(RawMatch {
                    rule,
                    folded: m.range(),
                }),
                Target::Allowed(book) => allowed.push((book, m.range())),
            }
        }
    }
    if !allowed.is_empty() {
        out.retain(|m| {
            let book = rules.rules[m.rule].book;
            !allowed
                .iter()
                .any(|(b, a)| *b == book && a.start <= m.folded.start && m.folded.end <= a.end)
        });
    }
    // One finding per rule per place: of a rule's overlapping matches
    // ("provides access", "provides access to") keep the leftmost longest.
    out.sort_by(|a, b| {
        (a.rule, a.folded.start, std::cmp::Reverse(a.folded.end)).cmp(&(
            b.rule,
            b.folded.start,
            std::cmp::Reverse(b.folded.end),
        ))
    });
    let mut last: Option<(usize, usize)> = None;
    out.retain(|m| {
        let overlaps = last.is_some_and(|(rule, end)| rule == m.rule && m.folded.start < end);
        if !overlaps {
            last = Some((m.rule, m.folded.end));
        }
        !overlaps
    });
}

fn boundary_before(text: &str, at: usize) -> bool {
    !text[..at].chars().next_back().is_some_and(is_word_char)
}

fn boundary_after(text: &str, at: usize) -> bool {
    !text[at..].chars().next().is_some_and(is_word_char)
}
