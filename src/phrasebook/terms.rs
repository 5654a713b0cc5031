//! Named term lists: `{partner}` in a phrase, a `near` list, a `require` or
//! a pattern expands to every entry of the book's `terms: { partner: […] }`,
//! at load time, so the matcher only ever sees plain phrases.

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

pub type Terms = BTreeMap<String, Vec<String>>;

/// A reference to a term list the book does not define.
#[derive(Debug)]
pub struct ExpandError(pub String);

fn lookup<'t>(terms: &'t Terms, name: &str) -> Result<&'t [String], ExpandError> {
    terms.get(name).map(Vec::as_slice).ok_or_else(|| {
        let known: Vec<&str> = terms.keys().map(String::as_str).collect();
        ExpandError(if known.is_empty() {
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

/// Every phrase `phrase` stands for.
pub fn expand_phrase(phrase: &str, terms: &Terms) -> Result<Vec<String>, ExpandError> {
    let mut out = vec![String::new()];
    let mut last = 0;
    for (whole, name) in references(phrase) {
        let entries = lookup(terms, name)?;
        let literal = &phrase[last..whole.start()];
        if out.len() * entries.len() > MAX_EXPANSIONS {
            return Err(ExpandError(format!(
                "`{phrase}` expands to more than {MAX_EXPANSIONS} phrases"
            )));
        }
        out = out
            .iter()
            .flat_map(|prefix| entries.iter().map(move |e| format!("{prefix}{literal}{e}")))
            .collect();
        last = whole.end();
    }
    for p in &mut out {
        p.push_str(&phrase[last..]);
    }
    Ok(out)
}

/// Expands every phrase of a list.
pub fn expand_all<'a>(
    phrases: impl IntoIterator<Item = &'a String>,
    terms: &Terms,
) -> Result<Vec<String>, ExpandError> {
    let mut out = Vec::new();
    for p in phrases {
        out.extend(expand_phrase(p, terms)?);
    }
    Ok(out)
}

/// A pattern with each `{name}` replaced by an alternation of its entries,
/// matched as literal text (case is left to the regex's flags).
pub fn expand_pattern(pattern: &str, terms: &Terms) -> Result<String, ExpandError> {
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
        out.push_str(&format!("(?:{})", alternatives.join("|")));
        last = whole.end();
    }
    out.push_str(&pattern[last..]);
    Ok(out)
}

/// Expands `{name}` references inside term lists themselves (a list may
/// build on another), rejecting a list that refers back to itself.
pub fn resolve_terms(raw: Terms) -> Result<Terms, ExpandError> {
    fn visit(
        name: &str,
        raw: &Terms,
        done: &mut Terms,
        stack: &mut Vec<String>,
    ) -> Result<(), ExpandError> {
        if done.contains_key(name) {
            return Ok(());
        }
        if stack.iter().any(|s| s == name) {
            stack.push(name.to_owned());
            return Err(ExpandError(format!(
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
                    return Err(ExpandError(format!(
                        "unknown term list `{{{name}}}`; the book defines {}",
                        known.join(", ")
                    )));
                }
                visit(name, raw, done, stack)?;
            }
        }
        stack.pop();
        let mut expanded = Vec::new();
        for entry in entries {
            expanded.extend(expand_phrase(entry, done)?);
        }
        done.insert(name.to_owned(), expanded);
        Ok(())
    }
    if let Some((name, _)) = raw.iter().find(|(_, entries)| entries.is_empty()) {
        return Err(ExpandError(format!(
            "term list `{name}` is empty; give it at least one entry"
        )));
    }
    let mut done = Terms::new();
    for name in raw.keys() {
        visit(name, &raw, &mut done, &mut Vec::new())?;
    }
    Ok(done)
}
