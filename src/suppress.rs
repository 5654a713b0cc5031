//! Suppression comments: parsing them, and deciding which findings they
//! silence.
//!
//! `phraselint-disable-next-line RULE[, RULE] -- reason` silences the next
//! non-blank line after the comment; `phraselint-disable RULE` …
//! `phraselint-enable RULE` silences a range (to the end of the file when
//! never enabled again). No rule means every rule. Rule names are resolved
//! to rules, so a full id and an id inside its book are the same rule.

use std::ops::Range;

use crate::rules::Rule;
use crate::source::LineIndex;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveKind {
    DisableNextLine,
    Disable,
    Enable,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// Rule names as written; empty means all rules.
    pub rules: Vec<String>,
    pub reason: Option<String>,
    /// Where the comment stands, in text offsets.
    pub range: Range<usize>,
}

/// Reads a comment's body (`phraselint-disable RULE -- reason`).
pub fn parse_directive(body: &str, range: Range<usize>) -> Option<Directive> {
    let (word, rest) = body.split_once(char::is_whitespace).unwrap_or((body, ""));
    let kind = match word {
        "phraselint-disable-next-line" => DirectiveKind::DisableNextLine,
        "phraselint-disable" => DirectiveKind::Disable,
        "phraselint-enable" => DirectiveKind::Enable,
        _ => return None,
    };
    let (names, reason) = match rest.split_once("--") {
        Some((names, reason)) => (
            names,
            Some(reason.trim().to_owned()).filter(|r| !r.is_empty()),
        ),
        None => (rest, None),
    };
    let rules = names
        .split([',', ' ', '\t'])
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .collect();
    Some(Directive {
        kind,
        rules,
        reason,
        range,
    })
}

/// The suppressions of one file, resolved to lines.
pub struct Suppressions<'a> {
    /// (target line, directive) for next-line comments.
    next_line: Vec<(usize, &'a Directive)>,
    /// `disable` and `enable` comments in file order.
    toggles: Vec<&'a Directive>,
}

impl<'a> Suppressions<'a> {
    pub fn new(directives: &'a [Directive], text: &str, lines: &LineIndex) -> Suppressions<'a> {
        let mut next_line = Vec::new();
        let mut toggles = Vec::new();
        for d in directives {
            if d.kind == DirectiveKind::DisableNextLine {
                let last = d.range.end.saturating_sub(1).max(d.range.start);
                let (end_line, _) = lines.position(text, last);
                next_line.push((next_non_blank_line(text, lines, end_line + 1), d));
            } else {
                toggles.push(d);
            }
        }
        Suppressions { next_line, toggles }
    }

    /// The directive that silences `rule` at this place, if any.
    ///
    /// `disable`/`enable` are replayed for this rule up to the place, so
    /// `enable enables-access` ends `disable partner-ai/enables-access` and
    /// re-enables that one rule after a bare `disable`.
    pub fn find(&self, rule: &Rule, offset: usize, line: usize) -> Option<&'a Directive> {
        if let Some((_, d)) = self
            .next_line
            .iter()
            .find(|(l, d)| *l == line && names(d, rule))
        {
            return Some(d);
        }
        let mut disabled = None;
        for d in self.toggles.iter().take_while(|d| d.range.end <= offset) {
            if names(d, rule) {
                disabled = (d.kind == DirectiveKind::Disable).then_some(*d);
            }
        }
        disabled
    }

    /// The `disable` comment that opts the whole file out of `rule` (for a
    /// missing required phrase, which has no place of its own): one still in
    /// force at the end of the file.
    pub fn find_anywhere(&self, rule: &Rule) -> Option<&'a Directive> {
        self.find(rule, usize::MAX, 0)
    }
}

/// Whether a directive applies to a rule: it names none (all) or this one.
fn names(d: &Directive, rule: &Rule) -> bool {
    d.rules.is_empty() || d.rules.iter().any(|n| rule.is_named(n))
}

fn next_non_blank_line(text: &str, lines: &LineIndex, mut line: usize) -> usize {
    while let Some(start) = lines.line_start(line) {
        let end = lines.line_start(line + 1).unwrap_or(text.len());
        if !text[start..end].trim().is_empty() {
            break;
        }
        line += 1;
    }
    line
}
