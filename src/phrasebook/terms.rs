//! Named term lists: `{partner}` in a phrase, a `near` list, a `require` or
//! a pattern expands to every entry of the book's `terms: { partner: […] }`,
//! at load time, so the matcher only ever sees plain phrases.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

/// `{name}` (a name starts with a letter, so a regex repetition such as
/// `{2}` or `{1,3}` is not one). In a pattern, the braces of `\p{…}`,
/// `\P{…}`, `\x{…}`, `\u{…}` and `\U{…}` are regex syntax, not a reference:
/// the optional group catches them so callers can pass them by.
static TERM_REF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\\[pPxuU])?\{([a-z][a-z0-9_-]*)\}").expect("valid regex"));

/// The term references in `s`: (whole match, name), regex escapes left out.
fn references(s: &str) -> impl Iterator<Item = (regex::Match<'_>, &str)> {
    TERM_REF.captures_iter(s).filter_map(|caps| {
        if caps.get(1).is_some() {
            return None;
        }
        Some((
            caps.get(0).expect("match"),
            caps.get(2).expect("name").as_str(),
        ))
    })
}

/// Most phrases one phrase may expand to: a guard against a book whose
/// references multiply into millions.
const MAX_EXPANSIONS: usize = 100_000;

/// Most phrases one book may expand to, counting every term list (used by a
/// rule or not), `allowed` and every rule's lists: ten times the
/// 100,000-phrase book of the load-time benchmark.
pub const MAX_BOOK_PHRASES: usize = 1_000_000;

/// Most bytes of phrase text one book may expand to (its term lists,
/// phrases and the alternations `{name}` becomes in a pattern).
pub const MAX_BOOK_PHRASE_BYTES: usize = 32 << 20;

pub type Terms = BTreeMap<String, Vec<String>>;

/// What is left of a book's budget of expanded phrases and bytes, charged
/// as each phrase, list or pattern is expanded and checked before an
/// expansion is made, so a book of a few lines that multiplies into
/// millions of phrases is refused before it takes the memory.
#[derive(Debug)]
pub struct Budget {
    phrases: Cell<usize>,
    bytes: Cell<usize>,
}

impl Default for Budget {
    fn default() -> Budget {
        Budget {
            phrases: Cell::new(MAX_BOOK_PHRASES),
            bytes: Cell::new(MAX_BOOK_PHRASE_BYTES),
        }
    }
}

impl Budget {
    /// Whether `phrases` phrases of `bytes` bytes fit in what is left.
    fn check(&self, phrases: usize, bytes: usize) -> Result<(), ExpandError> {
        if phrases > self.phrases.get() {
            return Err(ExpandError::over_budget(format!(
                "takes the book past {MAX_BOOK_PHRASES} phrases with its term lists expanded, \
                 the most one book may hold"
            )));
        }
        if bytes > self.bytes.get() {
            return Err(ExpandError::over_budget(format!(
                "takes the book past {} MiB of phrases with its term lists expanded, \
                 the most one book may hold",
                MAX_BOOK_PHRASE_BYTES >> 20
            )));
        }
        Ok(())
    }

    /// Takes `phrases` and `bytes` from what is left.
    pub(crate) fn charge(&self, phrases: usize, bytes: usize) -> Result<(), ExpandError> {
        self.check(phrases, bytes)?;
        self.phrases.set(self.phrases.get() - phrases);
        self.bytes.set(self.bytes.get() - bytes);
        Ok(())
    }
}

/// A reference to a term list the book does not define, a list that
/// refers to itself, or an expansion over the book's [`Budget`].
#[derive(Debug)]
pub struct ExpandError {
    /// Names the reference or list, in backquotes, where it is written.
    pub message: String,
    /// The book's budget ran out: `message` says which, and the caller
    /// names the list or rule that spent it.
    pub over_budget: bool,
}

impl ExpandError {
    fn new(message: String) -> ExpandError {
        ExpandError {
            message,
            over_budget: false,
        }
    }

    fn over_budget(message: String) -> ExpandError {
        ExpandError {
            message,
            over_budget: true,
        }
    }

    /// Names what spent the budget (`term list `a``, `rule `x``) before
    /// the message.
    pub fn spent_by(self, what: &str) -> ExpandError {
        if self.over_budget {
            ExpandError::over_budget(format!("{what} {}", self.message))
        } else {
            self
        }
    }
}

fn lookup<'t>(terms: &'t Terms, name: &str) -> Result<&'t [String], ExpandError> {
    terms.get(name).map(Vec::as_slice).ok_or_else(|| {
        let known: Vec<&str> = terms.keys().map(String::as_str).collect();
        ExpandError::new(if known.is_empty() {
            format!("unknown term list `{{{name}}}`: the book defines no `terms`")
        } else {
            format!(
                "unknown term list `{{{name}}}`; the book defines {}",
                known.join(", ")
            )
        })
    })
}

/// A pattern with its term references replaced by a stand-in, to check its
/// syntax before the terms are known.
pub fn probe_pattern(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut last = 0;
    for (whole, _) in references(pattern) {
        out.push_str(&pattern[last..whole.start()]);
        out.push_str("(?:x)");
        last = whole.end();
    }
    out.push_str(&pattern[last..]);
    out
}

/// Every phrase `phrase` stands for, charged to `budget`.
pub fn expand_phrase(
    phrase: &str,
    terms: &Terms,
    budget: &Budget,
) -> Result<Vec<String>, ExpandError> {
    let mut out = vec![String::new()];
    // The bytes of `out`, to check each expansion before it is made.
    let mut out_bytes = 0usize;
    let mut last = 0;
    for (whole, name) in references(phrase) {
        let entries = lookup(terms, name)?;
        let literal = &phrase[last..whole.start()];
        let count = out.len().saturating_mul(entries.len());
        if count > MAX_EXPANSIONS {
            return Err(ExpandError::new(format!(
                "`{phrase}` expands to more than {MAX_EXPANSIONS} phrases"
            )));
        }
        let entry_bytes: usize = entries.iter().map(String::len).sum();
        let bytes = out_bytes.saturating_mul(entries.len()).saturating_add(
            out.len().saturating_mul(
                literal
                    .len()
                    .saturating_mul(entries.len())
                    .saturating_add(entry_bytes),
            ),
        );
        budget.check(count, bytes)?;
        out = out
            .iter()
            .flat_map(|prefix| entries.iter().map(move |e| format!("{prefix}{literal}{e}")))
            .collect();
        out_bytes = bytes;
        last = whole.end();
    }
    let tail = &phrase[last..];
    budget.charge(
        out.len(),
        out_bytes.saturating_add(out.len().saturating_mul(tail.len())),
    )?;
    for p in &mut out {
        p.push_str(tail);
    }
    Ok(out)
}

/// Expands every phrase of a list, charged to `budget`.
pub fn expand_all<'a>(
    phrases: impl IntoIterator<Item = &'a String>,
    terms: &Terms,
    budget: &Budget,
) -> Result<Vec<String>, ExpandError> {
    let mut out = Vec::new();
    for p in phrases {
        out.extend(expand_phrase(p, terms, budget)?);
    }
    Ok(out)
}

/// A pattern with each `{name}` replaced by an alternation of its entries,
/// matched as literal text (case is left to the regex's flags); the
/// alternations' bytes are charged to `budget`.
pub fn expand_pattern(
    pattern: &str,
    terms: &Terms,
    budget: &Budget,
) -> Result<String, ExpandError> {
    let mut out = String::with_capacity(pattern.len());
    let mut last = 0;
    for (whole, name) in references(pattern) {
        let entries = lookup(terms, name)?;
        out.push_str(&pattern[last..whole.start()]);
        // Longest first: the regex takes the first alternative that fits, and
        // a span should cover "GPT-5", not stop at "GPT".
        let mut entries: Vec<&String> = entries.iter().collect();
        entries.sort_by_key(|e| std::cmp::Reverse(e.len()));
        let alternatives: Vec<String> = entries
            .into_iter()
            .map(|e| {
                e.split_whitespace()
                    .map(regex::escape)
                    .collect::<Vec<_>>()
                    .join(r"\s+")
            })
            .collect();
        let alternation = format!("(?:{})", alternatives.join("|"));
        budget.charge(0, alternation.len())?;
        out.push_str(&alternation);
        last = whole.end();
    }
    out.push_str(&pattern[last..]);
    Ok(out)
}

/// Expands `{name}` references inside term lists themselves (a list may
/// build on another), rejecting a list that refers back to itself. Every
/// list is charged to `budget`, used by a rule or not.
pub fn resolve_terms(raw: Terms, budget: &Budget) -> Result<Terms, ExpandError> {
    fn visit(
        name: &str,
        raw: &Terms,
        done: &mut Terms,
        stack: &mut Vec<String>,
        budget: &Budget,
    ) -> Result<(), ExpandError> {
        if done.contains_key(name) {
            return Ok(());
        }
        if stack.iter().any(|s| s == name) {
            stack.push(name.to_owned());
            return Err(ExpandError::new(format!(
                "term lists refer to each other: {{{}}}",
                stack.join("} → {")
            )));
        }
        let Some(entries) = raw.get(name) else {
            return Ok(());
        };
        stack.push(name.to_owned());
        for entry in entries {
            for (_, name) in references(entry) {
                if !raw.contains_key(name) {
                    let known: Vec<&str> = raw.keys().map(String::as_str).collect();
                    return Err(ExpandError::new(format!(
                        "unknown term list `{{{name}}}`; the book defines {}",
                        known.join(", ")
                    )));
                }
                visit(name, raw, done, stack, budget)?;
            }
        }
        stack.pop();
        let mut expanded = Vec::new();
        for entry in entries {
            expanded.extend(
                expand_phrase(entry, done, budget)
                    .map_err(|e| e.spent_by(&format!("term list `{name}`")))?,
            );
        }
        done.insert(name.to_owned(), expanded);
        Ok(())
    }
    if let Some((name, _)) = raw.iter().find(|(_, entries)| entries.is_empty()) {
        return Err(ExpandError::new(format!(
            "term list `{name}` is empty; give it at least one entry"
        )));
    }
    let mut done = Terms::new();
    for name in raw.keys() {
        visit(name, &raw, &mut done, &mut Vec::new(), budget)?;
    }
    Ok(done)
}
