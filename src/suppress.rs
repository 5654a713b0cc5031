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

/// The suppressions of one file, resolved to lines. Directives are named by
/// their index in the file's list, so callers can tell which were used.
pub struct Suppressions<'a> {
    directives: &'a [Directive],
    /// (target line, directive) for next-line comments.
    next_line: Vec<(usize, usize)>,
    /// `disable` and `enable` comments in file order.
    toggles: Vec<usize>,
}

impl<'a> Suppressions<'a> {
    pub fn new(directives: &'a [Directive], text: &str, lines: &LineIndex) -> Suppressions<'a> {
        let mut next_line = Vec::new();
        let mut toggles = Vec::new();
        for (i, d) in directives.iter().enumerate() {
            if d.kind == DirectiveKind::DisableNextLine {
                let last = d.range.end.saturating_sub(1).max(d.range.start);
                let end_line = lines.line(last);
                next_line.push((next_non_blank_line(text, lines, end_line + 1), i));
            } else {
                toggles.push(i);
            }
        }
        Suppressions {
            directives,
            next_line,
            toggles,
        }
    }

    /// The directive that silences `rule` at this place, if any.
    ///
    /// `disable`/`enable` are replayed for this rule up to the place, so
    /// `enable enables-access` ends `disable partner-ai/enables-access` and
    /// re-enables that one rule after a bare `disable`.
    pub fn find(&self, rule: &Rule, offset: usize, line: usize) -> Option<usize> {
        let d = &self.directives;
        if let Some(&(_, i)) = self
            .next_line
            .iter()
            .find(|&&(l, i)| l == line && names(&d[i], rule))
        {
            return Some(i);
        }
        let mut disabled = None;
        for &i in self
            .toggles
            .iter()
            .take_while(|&&i| d[i].range.end <= offset)
        {
            if names(&d[i], rule) {
                disabled = (d[i].kind == DirectiveKind::Disable).then_some(i);
            }
        }
        disabled
    }

    /// The `disable` comment that opts the whole file out of `rule` (for a
    /// missing required phrase, which has no place of its own): one still in
    /// force at the end of the file.
    pub fn find_anywhere(&self, rule: &Rule) -> Option<usize> {
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
