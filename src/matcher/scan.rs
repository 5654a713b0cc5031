//! One pass of the automaton (and of the regex set, when a book has
//! patterns) over a file's folded text → raw matches of the rules that apply
//! to the file, whole words only, and beside them what the filters need:
//! where allowed phrases and `near` terms stand, and which required phrases
//! were seen. [`finish`] then keeps one match per rule per place and adds
//! the missing required phrases.

use std::ops::Range;

use regex_automata::{Input, meta};

use super::gap::{PartHit, join};
use super::{Matcher, Target};
use crate::catalog::Catalog;
use crate::pattern::PATTERN_MAX_MATCH;
use crate::rules::RuleIdx;
use crate::text::fold::{BLOCK_BREAK, Folded, is_boundary_beside, needs_boundary};
use unicode_normalization::char::is_combining_mark;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawMatch {
    pub rule: RuleIdx,
    /// Range in the folded text; empty for a missing required phrase.
    pub folded: Range<usize>,
    /// A `require` rule's phrase is missing from the file.
    pub missing: bool,
    /// The literal pattern that matched, for case-sensitive checks.
    literal: Option<usize>,
}

/// What one scan found; its buffers are reused from one file to the next.
#[derive(Default)]
pub struct Scan {
    /// Matches of banned phrases and patterns, case checked.
    pub matches: Vec<RawMatch>,
    /// Allowed phrases (a book's, or a rule's `allow`) found.
    pub allowed: Vec<(Target, Range<usize>)>,
    /// `near` terms found, by rule.
    pub near: Vec<(RuleIdx, Range<usize>)>,
    /// For each rule, whether its required phrase was seen.
    pub required: Vec<bool>,
    /// Parts of gapped phrases found, before they are joined.
    parts: Vec<PartHit>,
}

/// Finds every match in `folded` of the rules marked in `active`.
/// Overlapping matches are all seen, so a match that fails its word-boundary
/// check cannot hide a valid one.
pub fn scan(
    matcher: &Matcher,
    catalog: &Catalog,
    folded: &Folded,
    text: &str,
    active: &[bool],
    found: &mut Scan,
) {
    found.matches.clear();
    found.allowed.clear();
    found.near.clear();
    found.parts.clear();
    found.required.clear();
    found.required.resize(catalog.rule_count(), false);
    let check = CaseCheck {
        matcher,
        catalog,
        folded,
        text,
    };
    let haystack = folded.text.as_str();
    for m in matcher.automaton.find_overlapping_iter(haystack) {
        let id = m.pattern().as_usize();
        let pattern = &matcher.patterns[id];
        if !whole_words(
            haystack,
            m.range(),
            pattern.bounded_start,
            pattern.bounded_end,
        ) {
            continue;
        }
        for &target in &pattern.targets {
            found.record(&check, active, target, m.range(), Some(id));
        }
    }
    if !matcher.gapped.is_empty() {
        let mut parts = std::mem::take(&mut found.parts);
        // Parts were checked as found; the joined match is their span.
        join(
            &matcher.gapped,
            &mut parts,
            haystack,
            &mut |target, range| {
                found.record(&check, active, target, range, None);
            },
        );
        found.parts = parts;
    }
    if !matcher.regexes.is_empty() {
        scan_patterns(matcher, folded, text, active, &mut found.matches);
    }
    found
        .matches
        .retain(|m| check.holds(m.rule, m.literal, m.folded.clone()));
}

impl Scan {
    /// Records a whole-word match of `target` (of literal pattern `literal`,
    /// or of a gapped phrase whose parts were checked) where it applies.
    fn record(
        &mut self,
        check: &CaseCheck,
        active: &[bool],
        target: Target,
        range: Range<usize>,
        literal: Option<usize>,
    ) {
        match target {
            Target::Banned(rule) if active[rule.index()] => self.matches.push(RawMatch {
                rule,
                folded: range,
                missing: false,
                literal,
            }),
            Target::Allowed(_) => self.allowed.push((target, range)),
            Target::RuleAllow(rule) if check.holds(rule, literal, range.clone()) => {
                self.allowed.push((target, range));
            }
            Target::Near(rule)
                if active[rule.index()] && check.holds(rule, literal, range.clone()) =>
            {
                self.near.push((rule, range));
            }
            Target::Required(rule) if active[rule.index()] => {
                self.required[rule.index()] |= check.holds(rule, literal, range);
            }
            Target::Part { phrase, part } => {
                let applies = match check.matcher.gapped[phrase as usize].target {
                    Target::Banned(rule) | Target::Required(rule) => {
                        active[rule.index()] && check.holds(rule, literal, range.clone())
                    }
                    Target::RuleAllow(rule) => check.holds(rule, literal, range.clone()),
                    _ => true,
                };
                if applies {
                    self.parts.push(PartHit {
                        phrase,
                        part,
                        range,
                    });
                }
            }
            _ => {}
        }
    }
}

/// After the filters: of a rule's overlapping matches ("provides access",
/// "provides access to") keeps the leftmost longest, one finding per rule
/// per place; then adds each active `require` rule whose phrase is missing.
pub fn finish(catalog: &Catalog, found: &mut Scan, active: &[bool]) {
    let out = &mut found.matches;
    out.sort_by_key(|m| (m.rule, m.folded.start, std::cmp::Reverse(m.folded.end)));
    let mut last: Option<(RuleIdx, usize)> = None;
    out.retain(|m| {
        let overlaps = last.is_some_and(|(rule, end)| rule == m.rule && m.folded.start < end);
        if !overlaps {
            last = Some((m.rule, m.folded.end));
        }
        !overlaps
    });
    for &rule in catalog.required() {
        if active[rule.index()] && !found.required[rule.index()] {
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
    matcher: &Matcher,
    folded: &Folded,
    text: &str,
    active: &[bool],
    out: &mut Vec<RawMatch>,
) {
    let haystack = folded.text.as_str();
    let hits: Vec<usize> = match &matcher.regex_set {
        Some(set) => set.matches(haystack).into_iter().collect(),
        None => (0..matcher.regexes.len()).collect(),
    };
    for i in hits {
        let pattern = &matcher.regexes[i];
        if !active[pattern.rule.index()] {
            continue;
        }
        let mut push = |range: Range<usize>| {
            let m = &haystack[range.clone()];
            let bounded_start = m.chars().next().is_some_and(needs_boundary);
            let bounded_end = m.chars().next_back().is_some_and(needs_boundary);
            if whole_words(haystack, range.clone(), bounded_start, bounded_end) {
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
                        push(map[m.start].0 as usize..map[m.end - 1].1 as usize);
                    });
                }
                Some(_) => {}
            }
            block_start = block_end + 1;
        }
    }
}

/// Every non-empty leftmost-first match of `regex` in `haystack[range]`, each searched
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
                // An empty match has nothing to map or show.
                if !m.is_empty() {
                    found(m.range());
                }
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
    let next = text[m.end..].chars().next();
    // A combining mark belongs to the character before it: no match ends
    // between the two, whatever the script.
    if next.is_some_and(|c| !c.is_ascii() && is_combining_mark(c)) {
        return false;
    }
    (!bounded_start || is_boundary_beside(text[..m.start].chars().next_back()))
        && (!bounded_end || is_boundary_beside(next))
}

/// What a case-sensitive rule's literal match is checked against.
struct CaseCheck<'a> {
    matcher: &'a Matcher,
    catalog: &'a Catalog,
    folded: &'a Folded,
    text: &'a str,
}

impl CaseCheck<'_> {
    /// For a case-sensitive rule's literal match, whether the match as
    /// written (case restored from the source) equals one of the rule's
    /// phrases. (Pattern matches of such rules were found on cased text
    /// already.)
    fn holds(&self, rule: RuleIdx, literal: Option<usize>, m: Range<usize>) -> bool {
        let Some(id) = literal else { return true };
        if !self.catalog.rule(rule).case_sensitive {
            return true;
        }
        let written = self.folded.cased(self.text, m);
        self.matcher
            .cased
            .get(&(rule, id))
            .is_some_and(|forms| forms.contains(&written))
    }
}
