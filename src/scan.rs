//! One pass of the automaton (and of the regex set, when a book has
//! patterns) over a file's folded text → raw matches of the rules that apply
//! to the file: whole words only, minus matches inside allowed phrases,
//! `near` rules only with a term close by, and `require` rules whose phrase
//! is missing.

use std::ops::Range;

use crate::compile::{RuleSet, Target};
use crate::fold::{BLOCK_BREAK, Folded, is_word_char};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawMatch {
    pub rule: usize,
    /// Range in the folded text; empty for a missing required phrase.
    pub folded: Range<usize>,
    /// A `require` rule's phrase is missing from the file.
    pub missing: bool,
    /// The literal pattern that matched, for case-sensitive checks.
    literal: Option<usize>,
}

/// Buffers reused from one file to the next.
#[derive(Default)]
pub struct ScanScratch {
    allowed: Vec<(Target, Range<usize>)>,
    near: Vec<(usize, Range<usize>)>,
    required: Vec<bool>,
}

/// Finds every match in `folded` of the rules marked in `active`.
/// Overlapping matches are all seen, so a match that fails its word-boundary
/// check cannot hide a valid one.
pub fn scan(
    rules: &RuleSet,
    folded: &Folded,
    text: &str,
    active: &[bool],
    scratch: &mut ScanScratch,
    out: &mut Vec<RawMatch>,
) {
    out.clear();
    scratch.allowed.clear();
    scratch.near.clear();
    scratch.required.clear();
    scratch.required.resize(rules.rules.len(), false);
    let haystack = folded.text.as_str();
    for m in rules.automaton.find_overlapping_iter(haystack) {
        let id = m.pattern().as_usize();
        let pattern = &rules.patterns[id];
        if !whole_words(
            haystack,
            m.range(),
            pattern.bounded_start,
            pattern.bounded_end,
        ) {
            continue;
        }
        for &target in &pattern.targets {
            match target {
                Target::Banned(rule) if active[rule] => out.push(RawMatch {
                    rule,
                    folded: m.range(),
                    missing: false,
                    literal: Some(id),
                }),
                Target::Allowed(_) | Target::RuleAllow(_) => {
                    scratch.allowed.push((target, m.range()));
                }
                Target::Near(rule) if active[rule] => scratch.near.push((rule, m.range())),
                Target::Required(rule) if active[rule] => {
                    scratch.required[rule] |=
                        case_holds(rules, folded, text, rule, Some(id), m.range());
                }
                _ => {}
            }
        }
    }
    if !rules.regexes.is_empty() {
        scan_patterns(rules, haystack, active, out);
    }
    out.retain(|m| case_holds(rules, folded, text, m.rule, m.literal, m.folded.clone()));
    if !scratch.allowed.is_empty() {
        out.retain(|m| !shielded(rules, m, &scratch.allowed));
    }
    out.retain(|m| {
        let rule = &rules.rules[m.rule];
        rule.near.is_empty()
            || near_term_close(
                haystack,
                m.folded.clone(),
                rule.within,
                m.rule,
                &scratch.near,
            )
    });
    // One finding per rule per place: of a rule's overlapping matches
    // ("provides access", "provides access to") keep the leftmost longest.
    out.sort_by_key(|m| (m.rule, m.folded.start, std::cmp::Reverse(m.folded.end)));
    let mut last: Option<(usize, usize)> = None;
    out.retain(|m| {
        let overlaps = last.is_some_and(|(rule, end)| rule == m.rule && m.folded.start < end);
        if !overlaps {
            last = Some((m.rule, m.folded.end));
        }
        !overlaps
    });
    for (rule, r) in rules.rules.iter().enumerate() {
        if active[rule]
            && matches!(r.kind, crate::rules::RuleKind::Require(_))
            && !scratch.required[rule]
        {
            out.push(RawMatch {
                rule,
                folded: 0..0,
                missing: true,
                literal: None,
            });
        }
    }
}

/// Runs the regex set once over the text, then each matching rule's regex
/// block by block (a match never crosses a block).
fn scan_patterns(rules: &RuleSet, haystack: &str, active: &[bool], out: &mut Vec<RawMatch>) {
    let hits = rules.regex_set.matches(haystack);
    for i in hits.iter() {
        let pattern = &rules.regexes[i];
        if !active[pattern.rule] {
            continue;
        }
        let mut block_start = 0;
        for block in haystack.split(BLOCK_BREAK as char) {
            for m in pattern.regex.find_iter(block) {
                let range = block_start + m.start()..block_start + m.end();
                let text = m.as_str();
                let bounded_start = text.chars().next().is_some_and(is_word_char);
                let bounded_end = text.chars().next_back().is_some_and(is_word_char);
                if !range.is_empty()
                    && whole_words(haystack, range.clone(), bounded_start, bounded_end)
                {
                    out.push(RawMatch {
                        rule: pattern.rule,
                        folded: range,
                        missing: false,
                        literal: None,
                    });
                }
            }
            block_start += block.len() + 1;
        }
    }
}

fn whole_words(text: &str, m: Range<usize>, bounded_start: bool, bounded_end: bool) -> bool {
    let before = || {
        !text[..m.start]
            .chars()
            .next_back()
            .is_some_and(is_word_char)
    };
    let after = || !text[m.end..].chars().next().is_some_and(is_word_char);
    (!bounded_start || before()) && (!bounded_end || after())
}

/// For a case-sensitive rule, whether the match as written (case restored
/// from the source) equals one of the rule's phrases or matches its pattern.
fn case_holds(
    rules: &RuleSet,
    folded: &Folded,
    text: &str,
    rule: usize,
    literal: Option<usize>,
    m: Range<usize>,
) -> bool {
    if !rules.rules[rule].case_sensitive {
        return true;
    }
    let written = folded.cased(text, m);
    match literal {
        Some(id) => rules
            .cased
            .get(&(rule, id))
            .is_some_and(|forms| forms.contains(&written)),
        None => rules
            .regexes
            .iter()
            .filter(|p| p.rule == rule)
            .any(|p| p.cased.as_ref().is_some_and(|re| re.is_match(&written))),
    }
}

/// Whether a match lies wholly inside an allowed phrase of its book (or a
/// book its book extends) or of its rule's own `allow` list.
fn shielded(rules: &RuleSet, m: &RawMatch, allowed: &[(Target, Range<usize>)]) -> bool {
    let book = rules.rules[m.rule].book;
    allowed.iter().any(|(target, a)| {
        let applies = match *target {
            Target::Allowed(b) => rules.allow_scope[book].contains(&b),
            Target::RuleAllow(r) => r == m.rule,
            _ => false,
        };
        applies && a.start <= m.folded.start && m.folded.end <= a.end
    })
}

/// Whether one of the rule's `near` terms starts within `within` words after
/// the match or ends within `within` words before it, in the same block.
fn near_term_close(
    text: &str,
    m: Range<usize>,
    within: usize,
    rule: usize,
    near: &[(usize, Range<usize>)],
) -> bool {
    let after = words_after(text, m.end, within);
    let before = words_before(text, m.start, within);
    near.iter()
        .any(|(r, t)| *r == rule && t.start < after && t.end > before)
}

/// The offset just past the `n`th word after `from` (or the block's end).
/// The rest of a word the match ends inside is not counted.
fn words_after(text: &str, from: usize, n: usize) -> usize {
    let (mut seen, mut in_word) = (0, true);
    for (i, c) in text[from..].char_indices() {
        match c {
            '\n' => return from + i,
            ' ' => {
                if in_word && seen == n {
                    return from + i;
                }
                in_word = false;
            }
            _ if !in_word => {
                in_word = true;
                seen += 1;
            }
            _ => {}
        }
    }
    text.len()
}

/// The offset where the `n`th word before `to` starts (or the block's start).
fn words_before(text: &str, to: usize, n: usize) -> usize {
    let (mut seen, mut in_word) = (0, true);
    let mut start = to;
    for (i, c) in text[..to].char_indices().rev() {
        match c {
            '\n' => return i + 1,
            ' ' => {
                if in_word && seen == n {
                    return start;
                }
                in_word = false;
            }
            _ if !in_word => {
                in_word = true;
                seen += 1;
            }
            _ => {}
        }
        start = i;
    }
    0
}
