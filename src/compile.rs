//! Phrasebooks → one matcher: every literal phrase of every rule (banned,
//! allowed, `allow`, `near`, `require`) goes into a single aho-corasick
//! automaton with a table from pattern to what it means; every `pattern`
//! regex goes into one `RegexSet`, so a file's text is searched once for
//! all of them and a rule's own regex runs only where the set matched.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::{RegexSet, RegexSetBuilder};
use regex_automata::meta;
use regex_automata::util::syntax;

use crate::fold::{fold_pattern, fold_phrase, fold_phrase_cased, is_word_char};
use crate::phrasebook::Phrasebook;
use crate::rules::{Rule, RuleKind};

/// What a literal pattern's match means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A banned phrase of the rule with this index.
    Banned(usize),
    /// An allowed phrase of the book with this index.
    Allowed(usize),
    /// A phrase of this rule's own `allow` list.
    RuleAllow(usize),
    /// A `near` term of this rule.
    Near(usize),
    /// The phrase this `require` rule looks for.
    Required(usize),
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
    pub rule: usize,
    /// The folded pattern, for the set.
    pub source: String,
    pub regex: meta::Regex,
    pub cased: Option<meta::Regex>,
}

/// The longest pattern match searched for, in folded bytes (a long
/// paragraph). Each search looks at most twice this far ahead, so a pattern
/// that could run on (`gpt( .*models)?`) costs a bounded window per match
/// instead of the rest of a long line: no pattern makes a run quadratic.
/// A compiled pattern's largest size, so that a book cannot exhaust memory
/// (`(\w{100}){100}` is over it).
const PATTERN_SIZE_LIMIT: usize = 4 << 20;

pub const PATTERN_MAX_MATCH: usize = 1024;

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

/// The loaded phrasebooks with their rules flattened, and the matchers.
pub struct RuleSet {
    pub books: Vec<Phrasebook>,
    pub rules: Vec<Rule>,
    pub automaton: AhoCorasick,
    pub patterns: Vec<Pattern>,
    /// All patterns at once, to learn in one pass which can match; `None`
    /// when together they exceed the size limit (each then runs alone).
    pub regex_set: Option<RegexSet>,
    pub regexes: Vec<RulePattern>,
    /// For case-sensitive rules: (rule, literal pattern) → the phrase's
    /// case-preserving forms a match must equal.
    pub cased: HashMap<(usize, usize), Vec<String>>,
    /// For each book, the books whose allowed phrases shield its rules
    /// (itself and every book it extends).
    pub allow_scope: Vec<Vec<usize>>,
    /// The `require` rules, so a file's check for missing phrases looks at
    /// them alone rather than at every rule.
    pub required: Vec<usize>,
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

/// Compiles a `pattern` as matched on folded text: case-insensitive unless
/// the rule is case-sensitive, and never matching the empty string (a rule
/// that matches nothing visible would report everywhere).
pub fn pattern_regex(pattern: &str, case_sensitive: bool) -> Result<meta::Regex, String> {
    // Multi-line: `^` and `$` match at block starts and ends, as blocks are
    // lines of the folded text.
    let config = syntax::Config::new()
        .case_insensitive(!case_sensitive)
        .multi_line(true);
    let bad = |e: &dyn std::fmt::Display| format!("bad pattern: {}", one_line(&e.to_string()));
    let hir = syntax::parse_with(pattern, &config).map_err(|e| bad(&e))?;
    // regex-syntax gives no minimum for a pattern that matches nothing, and
    // also for some that match the empty string (`||[&&x]`): both refused.
    match hir.properties().minimum_len() {
        Some(0) => return Err(format!("pattern `{pattern}` can match the empty string")),
        None => {
            return Err(format!(
                "pattern `{pattern}` can match the empty string, or nothing at all"
            ));
        }
        Some(_) => {}
    }
    meta::Builder::new()
        .configure(meta::Config::new().nfa_size_limit(Some(PATTERN_SIZE_LIMIT)))
        .build_from_hir(&hir)
        .map_err(|e| match e.size_limit() {
            Some(limit) => format!(
                "bad pattern: compiled, it exceeds the size limit of {} MiB; use fewer or smaller repetitions",
                limit >> 20
            ),
            None => bad(&e),
        })
}

fn one_line(s: &str) -> String {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

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
                    bounded_start: folded.chars().next().is_some_and(is_word_char),
                    bounded_end: folded.chars().next_back().is_some_and(is_word_char),
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
}

impl RuleSet {
    pub fn new(books: Vec<Phrasebook>) -> RuleSet {
        RuleSet::for_input(books, Input::Large)
    }

    /// Compiles for `input`: a DFA pays for its build time (about 2 ms for
    /// the built-in books) only over more text than a few small files.
    pub fn for_input(mut books: Vec<Phrasebook>, input: Input) -> RuleSet {
        // phraselint's own audit rules come last; see `rule_index`.
        let mut rules = Vec::new();
        let mut literals = Literals::default();
        let mut cased: HashMap<(usize, usize), Vec<String>> = HashMap::new();
        let mut regexes = Vec::new();
        for (b, book) in books.iter_mut().enumerate() {
            for phrase in &book.allowed {
                literals.add(phrase, Target::Allowed(b));
            }
            for mut rule in std::mem::take(&mut book.rules) {
                rule.book = b;
                let r = rules.len();
                let (phrases, target) = match &rule.kind {
                    RuleKind::Match { banned, .. } => (banned, Target::Banned(r)),
                    RuleKind::Require(phrases) => (phrases, Target::Required(r)),
                };
                for phrase in phrases {
                    let id = literals.add(phrase, target);
                    if rule.case_sensitive {
                        cased
                            .entry((r, id))
                            .or_default()
                            .push(fold_phrase_cased(phrase));
                    }
                }
                for (phrases, target) in [
                    (&rule.allow, Target::RuleAllow(r)),
                    (&rule.near, Target::Near(r)),
                ] {
                    for phrase in phrases {
                        let id = literals.add(phrase, target);
                        if rule.case_sensitive {
                            cased
                                .entry((r, id))
                                .or_default()
                                .push(fold_phrase_cased(phrase));
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
                rules.push(rule);
            }
        }
        rules.push(Rule::meta(
            crate::rules::UNUSED_SUPPRESSION,
            "This suppression comment silences nothing; remove it.",
            crate::rules::Severity::Info,
        ));
        rules.push(Rule::meta(
            crate::rules::SUPPRESSION_WITHOUT_REASON,
            "Say why this suppression is allowed: `-- reason` after the rule names.",
            crate::rules::Severity::Error,
        ));
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
        let allow_scope = books
            .iter()
            .enumerate()
            .map(|(b, book)| {
                std::iter::once(b)
                    .chain(book.extended.iter().copied())
                    .collect()
            })
            .collect();
        let required = (0..rules.len())
            .filter(|&r| matches!(rules[r].kind, RuleKind::Require(_)))
            .collect();
        RuleSet {
            required,
            books,
            rules,
            automaton,
            patterns: literals.patterns,
            regex_set,
            regexes,
            cased,
            allow_scope,
        }
    }
}

impl RuleSet {
    /// The index of a rule by full id (phraselint's own rules included).
    pub fn rule_index(&self, full_id: &str) -> usize {
        self.rules
            .iter()
            .position(|r| r.full_id == full_id)
            .expect("phraselint's own rules are always present")
    }
}
