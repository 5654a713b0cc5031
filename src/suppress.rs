//! Suppression comments: parsing them, and deciding which findings they
//! silence.
//!
//! `phraselint-disable-next-line RULE[, RULE] -- reason` silences the next
//! non-blank line after the comment; `phraselint-disable RULE` …
//! `phraselint-enable RULE` silences a range (to the end of the file when
//! never enabled again). No rule means every rule.

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

/// The suppressions of one file, resolved to lines and ranges.
pub struct Suppressions<'a> {
    /// (target line, directive) for next-line comments.
    next_line: Vec<(usize, &'a Directive)>,
    /// (text range silenced, directive) for disable … enable.
    ranges: Vec<(Range<usize>, &'a Directive)>,
}

impl<'a> Suppressions<'a> {
    pub fn new(directives: &'a [Directive], text: &str, lines: &LineIndex) -> Suppressions<'a> {
        let mut next_line = Vec::new();
        let mut ranges: Vec<(Range<usize>, &Directive)> = Vec::new();
        for d in directives {
            match d.kind {
                DirectiveKind::DisableNextLine => {
                    let (end_line, _) =
                        lines.position(text, d.range.end.saturating_sub(1).max(d.range.start));
                    next_line.push((next_non_blank_line(text, lines, end_line + 1), d));
                }
                DirectiveKind::Disable => ranges.push((d.range.end..usize::MAX, d)),
                DirectiveKind::Enable => {
                    for (range, open) in ranges.iter_mut() {
                        let closes =
                            d.rules.is_empty() || open.rules.iter().any(|r| d.rules.contains(r));
                        if range.end == usize::MAX && range.start <= d.range.start && closes {
                            range.end = d.range.start;
                        }
                    }
                }
            }
        }
        Suppressions { next_line, ranges }
    }

    /// The directive that silences `rule` at this place, if any.
    pub fn find(&self, rule: &Rule, offset: usize, line: usize) -> Option<&'a Directive> {
        let names = |d: &Directive| d.rules.is_empty() || d.rules.iter().any(|n| rule.is_named(n));
        self.next_line
            .iter()
            .find(|(l, d)| *l == line && names(d))
            .map(|(_, d)| *d)
            .or_else(|| {
                self.ranges
                    .iter()
                    .find(|(r, d)| r.contains(&offset) && names(d))
                    .map(|(_, d)| *d)
            })
    }
}

impl Suppressions<'_> {
    /// The `disable` comment that opts the whole file out of `rule` (for a
    /// missing required phrase, which has no place of its own).
    pub fn find_anywhere(&self, rule: &Rule) -> Option<&Directive> {
        self.ranges
            .iter()
            .map(|(_, d)| *d)
            .find(|d| d.kind == DirectiveKind::Disable && d.rules.iter().any(|n| rule.is_named(n)))
    }
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
