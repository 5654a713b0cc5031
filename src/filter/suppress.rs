//! Suppression comments: which findings they silence, and the audit of the
//! comments themselves (one that silences nothing; with
//! `require_suppression_reason`, one without a `-- reason`).
//!
//! `phraselint-disable-next-line RULE[, RULE] -- reason` silences the next
//! non-blank line after the comment; `phraselint-disable RULE` …
//! `phraselint-enable RULE` silences a range (to the end of the file when
//! never enabled again). No rule means every rule. Rule names are resolved
//! to rules, so a full id and an id inside its book are the same rule.

use crate::catalog::Catalog;
use crate::extract::{Directive, DirectiveKind};
use crate::finding::{Finding, fingerprint};
use crate::rules::{Rule, SUPPRESSION_WITHOUT_REASON, UNUSED_SUPPRESSION};
use crate::text::LineIndex;

/// The suppressions of one file, resolved to lines, and which of them have
/// silenced something.
pub struct Suppressions<'a> {
    directives: &'a [Directive],
    lines: &'a LineIndex,
    /// (target line, directive) for next-line comments.
    next_line: Vec<(usize, usize)>,
    /// `disable` and `enable` comments in file order.
    toggles: Vec<usize>,
    used: Vec<bool>,
}

impl<'a> Suppressions<'a> {
    pub fn new(directives: &'a [Directive], text: &str, lines: &'a LineIndex) -> Suppressions<'a> {
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
            lines,
            next_line,
            toggles,
            used: vec![false; directives.len()],
        }
    }

    /// The comment that silences `rule` at text offset `at` (or, for a
    /// missing required phrase, in the whole file), marked as used.
    pub fn silence(&mut self, rule: &Rule, at: usize, missing: bool) -> Option<&'a Directive> {
        let found = if missing {
            self.find_anywhere(rule)
        } else {
            self.find(rule, at, self.lines.line(at))
        }?;
        self.used[found] = true;
        Some(&self.directives[found])
    }

    /// phraselint's own findings on the comments: one that silenced nothing
    /// (after every finding went through [`Suppressions::silence`]), and
    /// with `require_reason`, one without a `-- reason`.
    pub fn audit(
        &self,
        catalog: &Catalog,
        require_reason: bool,
        path: &str,
        text: &str,
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        for (d, &used) in self.directives.iter().zip(&self.used) {
            if d.kind == DirectiveKind::Enable {
                continue;
            }
            let mut report = |id: &str| {
                let rule = catalog.own(id);
                let written = text[d.range.clone()].trim();
                let line = self.lines.line(d.range.start);
                out.push(Finding {
                    rule,
                    severity: catalog.rule(rule).severity,
                    span: d.range.clone(),
                    phrase: written.to_owned(),
                    fingerprint: fingerprint(id, path, written, line),
                    missing: false,
                    location: None,
                });
            };
            if require_reason && d.reason.is_none() {
                report(SUPPRESSION_WITHOUT_REASON);
            }
            if !used {
                report(UNUSED_SUPPRESSION);
            }
        }
        out
    }

    /// The directive that silences `rule` at this place, if any.
    ///
    /// `disable`/`enable` are replayed for this rule up to the place, so
    /// `enable enables-access` ends `disable partner-ai/enables-access` and
    /// re-enables that one rule after a bare `disable`.
    fn find(&self, rule: &Rule, offset: usize, line: usize) -> Option<usize> {
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
    fn find_anywhere(&self, rule: &Rule) -> Option<usize> {
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
