//! Phrasebooks → one matcher: every literal phrase of every rule and every
//! allowed phrase goes into a single aho-corasick automaton, with a table from
//! pattern to the rules and books it stands for.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::fold::{fold_phrase, is_word_char};
use crate::phrasebook::Phrasebook;
use crate::rules::Rule;

/// What a pattern's match means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A banned phrase of the rule with this index.
    Banned(usize),
    /// An allowed phrase of the book with this index.
    Allowed(usize),
}

#[derive(Debug)]
pub struct Pattern {
    pub targets: Vec<Target>,
    /// Whether the phrase starts (ends) with a word character, and so needs a
    /// word boundary before (after) its match.
    pub bounded_start: bool,
    pub bounded_end: bool,
}

/// The loaded phrasebooks with their rules flattened, and the automaton.
pub struct RuleSet {
    pub books: Vec<Phrasebook>,
    pub rules: Vec<Rule>,
    pub automaton: AhoCorasick,
    pub patterns: Vec<Pattern>,
}

/// Up to this many patterns the automaton is built as a DFA: about twice as
/// fast as the default NFA on prose (see PERF-NOTES), at a memory cost that
/// grows with the pattern count.
const DFA_MAX_PATTERNS: usize = 5_000;

impl RuleSet {
    pub fn new(mut books: Vec<Phrasebook>) -> RuleSet {
        let mut rules = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut folded_patterns: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut add = |phrase: &str, target: Target| {
            let folded = fold_phrase(phrase);
            let id = *index.entry(folded.clone()).or_insert_with(|| {
                let first = folded.chars().next().is_some_and(is_word_char);
                let last = folded.chars().next_back().is_some_and(is_word_char);
                folded_patterns.push(folded);
                patterns.push(Pattern {
                    targets: Vec::new(),
                    bounded_start: first,
                    bounded_end: last,
                });
                patterns.len() - 1
            });
            if !patterns[id].targets.contains(&target) {
                patterns[id].targets.push(target);
            }
        };
        for (b, book) in books.iter_mut().enumerate() {
            for phrase in &book.allowed {
                add(phrase, Target::Allowed(b));
            }
            for mut rule in std::mem::take(&mut book.rules) {
                rule.book = b;
                for phrase in &rule.banned {
                    add(phrase, Target::Banned(rules.len()));
                }
                rules.push(rule);
            }
        }
        let kind = (folded_patterns.len() <= DFA_MAX_PATTERNS).then_some(AhoCorasickKind::DFA);
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(kind)
            .build(&folded_patterns)
            .expect("phrases are short literals; the automaton always builds");
        RuleSet {
            books,
            rules,
            automaton,
            patterns,
        }
    }

    /// The rules of a book, in book order.
    pub fn book_rules(&self, book: usize) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(move |r| r.book == book)
    }
}
