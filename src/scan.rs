//! One pass of the automaton (and of the regex set, when a book has
//! patterns) over a file's folded text → raw matches of the rules that apply
//! to the file: whole words only, minus matches inside allowed phrases,
//! `near` rules only with a term close by, and `require` rules whose phrase
//! is missing.

use std::ops::Range;

use regex_automata::{Input, meta};

use crate::compile::{PATTERN_MAX_MATCH, RuleSet, Target};
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
    words: WordIndex,
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
                Target::Allowed(_) => scratch.allowed.push((target, m.range())),
                Target::RuleAllow(rule)
                    if case_holds(rules, folded, text, rule, Some(id), m.range()) =>
                {
                    scratch.allowed.push((target, m.range()));
                }
                Target::Near(rule)
                    if active[rule]
                        && case_holds(rules, folded, text, rule, Some(id), m.range()) =>
                {
                    scratch.near.push((rule, m.range()));
                }
                Target::Required(rule) if active[rule] => {
                    scratch.required[rule] |=
                        case_holds(rules, folded, text, rule, Some(id), m.range());
                }
                _ => {}
            }
        }
    }
    if !rules.regexes.is_empty() {
        scan_patterns(rules, folded, text, active, out);
    }
    out.retain(|m| case_holds(rules, folded, text, m.rule, m.literal, m.folded.clone()));
    if !scratch.allowed.is_empty() {
        scratch.allowed.sort_by_key(|(_, r)| r.start);
        let longest = scratch
            .allowed
            .iter()
            .map(|(_, r)| r.len())
            .max()
            .unwrap_or(0);
        out.retain(|m| !shielded(rules, m, &scratch.allowed, longest));
    }
    if out.iter().any(|m| !rules.rules[m.rule].near.is_empty()) {
        scratch.near.sort_by_key(|(_, r)| r.start);
        scratch.words.build(haystack);
        let longest = scratch.near.iter().map(|(_, r)| r.len()).max().unwrap_or(0);
        let (near, words) = (&scratch.near, &scratch.words);
        out.retain(|m| {
            let rule = &rules.rules[m.rule];
            rule.near.is_empty()
                || near_term_close(words, m.folded.clone(), rule.within, m.rule, near, longest)
        });
    }
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
    for &rule in &rules.required {
        if active[rule] && !scratch.required[rule] {
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
/// block by block (a match never crosses a block). A case-sensitive rule's
/// regex runs on the block's text with its case restored.
fn scan_patterns(
    rules: &RuleSet,
    folded: &Folded,
    text: &str,
    active: &[bool],
    out: &mut Vec<RawMatch>,
) {
    let haystack = folded.text.as_str();
    let hits: Vec<usize> = match &rules.regex_set {
        Some(set) => set.matches(haystack).into_iter().collect(),
        None => (0..rules.regexes.len()).collect(),
    };
    for i in hits {
        let pattern = &rules.regexes[i];
        if !active[pattern.rule] {
            continue;
        }
        let mut push = |range: Range<usize>| {
            let m = &haystack[range.clone()];
            let bounded_start = m.chars().next().is_some_and(is_word_char);
            let bounded_end = m.chars().next_back().is_some_and(is_word_char);
            if !range.is_empty() && whole_words(haystack, range.clone(), bounded_start, bounded_end)
            {
                out.push(RawMatch {
                    rule: pattern.rule,
                    folded: range,
                    missing: false,
                    literal: None,
                });
            }
        };
        let mut block_start = 0;
        for block in haystack.split(BLOCK_BREAK as char) {
            let block_end = block_start + block.len();
            match &pattern.cased {
                None => {
                    windowed_matches(&pattern.regex, haystack, block_start..block_end, &mut push)
                }
                Some(cased)
                    if !block.is_empty()
                        && pattern
                            .regex
                            .is_match(Input::new(haystack).range(block_start..block_end)) =>
                {
                    let (written, map) = folded.cased_with_map(text, block_start..block_end);
                    windowed_matches(cased, &written, 0..written.len(), &mut |m| {
                        if !m.is_empty() {
                            push(map[m.start].0 as usize..map[m.end - 1].1 as usize);
                        }
                    });
                }
                Some(_) => {}
            }
            block_start = block_end + 1;
        }
    }
}

/// Every leftmost-first match of `regex` in `haystack[range]`, each searched
/// for in a window of twice [`PATTERN_MAX_MATCH`] bytes (look-around still
/// sees past it). Windows overlap by half, so a match no longer than the
/// maximum is always inside one; the work is linear in the range's length.
fn windowed_matches(
    regex: &meta::Regex,
    haystack: &str,
    range: Range<usize>,
    found: &mut impl FnMut(Range<usize>),
) {
    let mut at = range.start;
    while at < range.end {
        let end = haystack.ceil_char_boundary((at + 2 * PATTERN_MAX_MATCH).min(range.end));
        match regex.find(Input::new(haystack).range(at..end)) {
            Some(m) => {
                found(m.range());
                // Patterns never match the empty string (refused at load);
                // still, always move on.
                at = haystack.ceil_char_boundary(m.end().max(at + 1));
            }
            None if end == range.end => break,
            None => at = haystack.ceil_char_boundary(at + PATTERN_MAX_MATCH),
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

/// For a case-sensitive rule's literal match, whether the match as written
/// (case restored from the source) equals one of the rule's phrases.
/// (Pattern matches of such rules were found on cased text already.)
fn case_holds(
    rules: &RuleSet,
    folded: &Folded,
    text: &str,
    rule: usize,
    literal: Option<usize>,
    m: Range<usize>,
) -> bool {
    let Some(id) = literal else { return true };
    if !rules.rules[rule].case_sensitive {
        return true;
    }
    let written = folded.cased(text, m);
    rules
        .cased
        .get(&(rule, id))
        .is_some_and(|forms| forms.contains(&written))
}

/// Whether a match lies wholly inside an allowed phrase of its book (or a
/// book its book extends) or of its rule's own `allow` list. `allowed` is
/// sorted by start; only hits that start at most `longest` bytes before the
/// match can contain it.
fn shielded(
    rules: &RuleSet,
    m: &RawMatch,
    allowed: &[(Target, Range<usize>)],
    longest: usize,
) -> bool {
    let book = rules.rules[m.rule].book;
    let end = allowed.partition_point(|(_, a)| a.start <= m.folded.start);
    let begin = allowed.partition_point(|(_, a)| a.start + longest < m.folded.start);
    allowed[begin..end].iter().any(|(target, a)| {
        let applies = match *target {
            Target::Allowed(b) => rules.allow_scope[book].contains(&b),
            Target::RuleAllow(r) => r == m.rule,
            _ => false,
        };
        applies && m.folded.end <= a.end
    })
}

/// Where words and blocks start in a file's folded text, built once per
/// file that has a `near` candidate, so each window costs a binary search.
#[derive(Default)]
struct WordIndex {
    /// Offset of the first word character of each word (a run between
    /// spaces with at least one word character: a lone dash is no word).
    words: Vec<usize>,
    /// Offsets of block breaks.
    breaks: Vec<usize>,
}

impl WordIndex {
    fn build(&mut self, text: &str) {
        self.words.clear();
        self.breaks.clear();
        let mut counted = false;
        for (i, c) in text.char_indices() {
            match c {
                '\n' => {
                    self.breaks.push(i);
                    counted = false;
                }
                ' ' => counted = false,
                c if !counted && is_word_char(c) => {
                    self.words.push(i);
                    counted = true;
                }
                _ => {}
            }
        }
    }

    /// The block around `m`: (start, end).
    fn block(&self, m: &Range<usize>) -> (usize, usize) {
        let k = self.breaks.partition_point(|&b| b < m.start);
        let start = if k == 0 { 0 } else { self.breaks[k - 1] + 1 };
        let end = self.breaks.get(k).copied().unwrap_or(usize::MAX);
        (start, end)
    }
}

/// Whether one of the rule's `near` terms starts within `within` words after
/// the match or ends within `within` words before it, in the same block.
/// `near` is sorted by start.
fn near_term_close(
    words: &WordIndex,
    m: Range<usize>,
    within: usize,
    rule: usize,
    near: &[(usize, Range<usize>)],
    longest: usize,
) -> bool {
    let (block_start, block_end) = words.block(&m);
    // The first word after the match, and the start of the word past the
    // window (or the block's end).
    let first_after = words.words.partition_point(|&w| w < m.end);
    let after = words
        .words
        .get(first_after + within)
        .copied()
        .unwrap_or(usize::MAX)
        .min(block_end);
    // The start of the `within`th word before the match (or the block's).
    let first_before = words.words.partition_point(|&w| w < m.start);
    let before = first_before
        .checked_sub(within)
        .map_or(0, |k| words.words[k])
        .max(block_start);
    let from = near.partition_point(|(_, t)| t.start + longest < before);
    near[from..]
        .iter()
        .take_while(|(_, t)| t.start < after)
        .any(|(r, t)| *r == rule && t.end > before && t.start >= block_start && t.end <= block_end)
}
