//! The catalogue → one matcher: every literal phrase of every rule (banned,
//! allowed, `allow`, `near`, `require`) goes into a single aho-corasick
//! automaton with a table from pattern to what it means; every `pattern`
//! regex goes into one `RegexSet`, so a file's text is searched once for
//! all of them and a rule's own regex runs only where the set matched.
//! A phrase with gaps (`enables ... access`) puts its parts in the same
//! automaton; [`gap::join`] joins them after the scan.

pub mod gap;
pub mod scan;

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::{RegexSet, RegexSetBuilder};
use regex_automata::meta;

use crate::catalog::Catalog;
use crate::pattern::pattern_regex;
use crate::rules::{BookIdx, Origin, RuleIdx, RuleKind, gap_parts};
use crate::text::fold::{fold_pattern, fold_phrase, fold_phrase_cased, needs_boundary};
use gap::GapPhrase;

/// What a literal pattern's match means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A banned phrase of this rule.
    Banned(RuleIdx),
    /// An allowed phrase of this book.
    Allowed(BookIdx),
    /// A phrase of this rule's own `allow` list.
    RuleAllow(RuleIdx),
    /// A `near` term of this rule.
    Near(RuleIdx),
    /// The phrase this `require` rule looks for.
    Required(RuleIdx),
    /// Part `part` of gapped phrase `phrase` ([`Matcher::gapped`]).
    Part { phrase: u32, part: u32 },
}

#[derive(Debug)]
pub struct Pattern {
    pub targets: Vec<Target>,
    /// Whether the phrase starts (ends) with a word character, and so needs a
    /// word boundary before (after) its match.
    pub bounded_start: bool,
    pub bounded_end: bool,
}

/// A rule's regex: run on the folded text of the blocks where the set
/// matched. A case-sensitive rule's `cased` regex runs instead on those
/// blocks' text with its case restored (typography still folded).
#[derive(Debug)]
pub struct RulePattern {
    pub rule: RuleIdx,
    /// The folded pattern, for the set.
    pub source: String,
    pub regex: meta::Regex,
    pub cased: Option<meta::Regex>,
}

/// How much text a rule set will search, which decides how its automaton is
/// built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// A few small files (a pre-commit run, an editor's buffer).
    Small,
    Large,
}

/// Up to this many files and bytes, [`Input::Small`].
pub const SMALL_INPUT_FILES: usize = 8;
pub const SMALL_INPUT_BYTES: u64 = 1 << 20;

/// The compiled form of a catalogue.
pub struct Matcher {
    pub automaton: AhoCorasick,
    pub patterns: Vec<Pattern>,
    /// All patterns at once, to learn in one pass which can match; `None`
    /// when together they exceed the size limit (each then runs alone).
    pub regex_set: Option<RegexSet>,
    pub regexes: Vec<RulePattern>,
    /// For case-sensitive rules: (rule, literal pattern) → the phrase's
    /// case-preserving forms a match must equal.
    pub cased: HashMap<(RuleIdx, usize), Vec<String>>,
    /// Phrases with gaps, found part by part.
    pub gapped: Vec<GapPhrase>,
}

/// Up to this many patterns, this many bytes of them, and a transition
/// table (states, about one a byte, times byte classes) of this size, the
/// automaton is built as a DFA: about twice as fast as the NFA on prose (see
/// PERF-NOTES). Its build time and memory grow with the patterns, so larger
/// books get the NFA. A 10,000-phrase book is a DFA of some 25 MB, built
/// while the paths are walked: 1.23× the run time of 356 phrases, against
/// 1.37× with the NFA.
const DFA_MAX_PATTERNS: usize = 12_000;
const DFA_MAX_BYTES: usize = 256 * 1024;
const DFA_MAX_TABLE: usize = 64 << 20;

#[derive(Default)]
struct Literals {
    index: HashMap<String, usize>,
    folded: Vec<String>,
    patterns: Vec<Pattern>,
}

impl Literals {
    fn add(&mut self, phrase: &str, target: Target) -> usize {
        let folded = fold_phrase(phrase);
        let id = match self.index.get(&folded) {
            Some(&id) => id,
            None => {
                self.patterns.push(Pattern {
                    targets: Vec::new(),
                    bounded_start: folded.chars().next().is_some_and(needs_boundary),
                    bounded_end: folded.chars().next_back().is_some_and(needs_boundary),
                });
                self.index.insert(folded.clone(), self.folded.len());
                self.folded.push(folded);
                self.folded.len() - 1
            }
        };
        if !self.patterns[id].targets.contains(&target) {
            self.patterns[id].targets.push(target);
        }
        id
    }

    /// Adds a phrase: as one literal, or, with gaps, its parts as literals
    /// of a new entry of `gapped`. With `inflect`, a phrase with one
    /// inflected word is each of its forms as a literal; one with more is
    /// split into parts of one inflected word each (with the words around
    /// it that are not inflected), each part in its forms, joined after the
    /// scan with a single space between: the automaton grows with the words'
    /// forms, not with their product (a 10,000-phrase book would otherwise
    /// be 300,000 literals). Returns each literal's id with its
    /// case-preserving form, for case-sensitive rules.
    fn add_phrase(
        &mut self,
        phrase: &str,
        target: Target,
        gap: usize,
        inflect: bool,
        gapped: &mut Vec<GapPhrase>,
    ) -> Vec<(usize, String)> {
        let cased = fold_phrase_cased(phrase);
        // Each part's forms, and whether each join is a single space (else
        // a gap).
        let mut parts: Vec<Vec<String>> = Vec::new();
        let mut adjacent = Vec::new();
        for (g, between_gaps) in gap_parts(&cased).into_iter().enumerate() {
            if g > 0 {
                adjacent.push(false);
            }
            if !inflect {
                parts.push(vec![between_gaps.to_owned()]);
                continue;
            }
            for (w, segment) in inflected_segments(between_gaps).into_iter().enumerate() {
                if w > 0 {
                    adjacent.push(true);
                }
                parts.push(segment);
            }
        }
        if parts.len() == 1 {
            let forms = parts.pop().unwrap_or_default();
            return forms
                .into_iter()
                .map(|form| (self.add(&form, target), form))
                .collect();
        }
        let index = u32::try_from(gapped.len()).expect("fewer than 2^32 phrases");
        let mut ids = Vec::new();
        for (k, forms) in parts.iter().enumerate() {
            let part_target = Target::Part {
                phrase: index,
                part: u32::try_from(k).expect("fewer than 2^32 parts"),
            };
            for form in forms {
                ids.push((self.add(form, part_target), form.clone()));
            }
        }
        gapped.push(GapPhrase {
            target,
            parts: parts.len(),
            adjacent,
            gap,
        });
        ids
    }
}

/// The words of a phrase's part (between gaps) in segments of at most one
/// inflected word each, with the words around it that are not inflected (so
/// no segment is a bare `to`, met everywhere), each segment in every form of
/// its inflected word.
fn inflected_segments(part: &str) -> Vec<Vec<String>> {
    let words: Vec<&str> = part.split(' ').collect();
    let forms: Vec<Vec<String>> = words
        .iter()
        .map(|w| crate::inflect::word_forms(w))
        .collect();
    let inflected: Vec<usize> = (0..words.len()).filter(|&i| forms[i].len() > 1).collect();
    if inflected.is_empty() {
        return vec![vec![part.to_owned()]];
    }
    // A segment starts at its inflected word (the first also takes the
    // plain words before it) and ends before the next inflected word.
    let mut out = Vec::new();
    for (k, &at) in inflected.iter().enumerate() {
        let from = if k == 0 { 0 } else { at };
        let to = inflected.get(k + 1).copied().unwrap_or(words.len());
        let before = words[from..at].join(" ");
        let after = words[at + 1..to].join(" ");
        out.push(
            forms[at]
                .iter()
                .map(|form| {
                    [before.as_str(), form.as_str(), after.as_str()]
                        .iter()
                        .filter(|s| !s.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect(),
        );
    }
    out
}

impl Matcher {
    /// Compiles `catalog` for `input`: a DFA pays for its build time (about
    /// 2 ms for the built-in books) only over more text than a few small
    /// files.
    pub fn new(catalog: &Catalog, input: Input) -> Matcher {
        let mut literals = Literals::default();
        let mut cased: HashMap<(RuleIdx, usize), Vec<String>> = HashMap::new();
        let mut regexes = Vec::new();
        let mut gapped = Vec::new();
        for (b, book) in catalog.books() {
            for phrase in &book.allowed {
                literals.add_phrase(
                    phrase,
                    Target::Allowed(b),
                    book.gap,
                    book.inflect,
                    &mut gapped,
                );
            }
            for (r, rule) in catalog.rules_of(Origin::Book(b)) {
                let (phrases, target) = match &rule.kind {
                    RuleKind::Match { banned, .. } => (banned, Target::Banned(r)),
                    RuleKind::Require(phrases) => (phrases, Target::Required(r)),
                };
                for (phrases, target) in [
                    (phrases, target),
                    (&rule.allow, Target::RuleAllow(r)),
                    (&rule.near, Target::Near(r)),
                ] {
                    // With `inflect`, word forms are more literals (or
                    // joined parts) of the same rule: still one automaton,
                    // one scan.
                    for phrase in phrases {
                        let ids = literals.add_phrase(
                            phrase,
                            target,
                            rule.gap,
                            rule.inflect,
                            &mut gapped,
                        );
                        if rule.case_sensitive {
                            for (id, cased_form) in ids {
                                cased.entry((r, id)).or_default().push(cased_form);
                            }
                        }
                    }
                }
                if let Some(pattern) = rule.pattern() {
                    let folded = fold_pattern(pattern, false);
                    regexes.push(RulePattern {
                        rule: r,
                        regex: pattern_regex(&folded, false).expect("validated at load"),
                        source: folded,
                        cased: rule.case_sensitive.then(|| {
                            pattern_regex(&fold_pattern(pattern, true), true)
                                .expect("validated at load")
                        }),
                    });
                }
            }
        }
        let bytes: usize = literals.folded.iter().map(String::len).sum();
        // Explicit: left to choose, aho-corasick builds a DFA for any small
        // pattern set.
        let mut used = [false; 256];
        for b in literals.folded.iter().flat_map(|p| p.bytes()) {
            used[usize::from(b)] = true;
        }
        let classes = used.iter().filter(|&&u| u).count() + 1;
        let kind = if input == Input::Large
            && literals.folded.len() <= DFA_MAX_PATTERNS
            && bytes <= DFA_MAX_BYTES
            && bytes * classes * 4 <= DFA_MAX_TABLE
        {
            AhoCorasickKind::DFA
        } else {
            AhoCorasickKind::ContiguousNFA
        };
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(kind))
            .build(&literals.folded)
            .expect("phrases are short literals; the automaton always builds");
        let regex_set = RegexSetBuilder::new(regexes.iter().map(|r| r.source.as_str()))
            .case_insensitive(true)
            .multi_line(true)
            .size_limit(1 << 26)
            .build()
            .ok();
        Matcher {
            automaton,
            patterns: literals.patterns,
            regex_set,
            regexes,
            cased,
            gapped,
        }
    }
}
