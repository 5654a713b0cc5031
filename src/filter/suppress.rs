//! Suppression comments: which findings they silence, and the audit of the
//! comments themselves: one naming a rule that does not exist, or one that
//! `suppressible: false` forbids (named, or met by a comment naming no
//! rule); one that silences nothing (unless it is already reported for
//! those); with `require_suppression_reason`, one without a `-- reason`.
//!
//! `phraselint-disable-next-line RULE[, RULE] -- reason` silences the next
//! non-blank line after the comment; `phraselint-disable RULE` …
//! `phraselint-enable RULE` silences a range (to the end of the file when
//! never enabled again). No rule means every rule. Rule names are resolved
//! to rules, so a full id and an id inside its book are the same rule.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::ops::Range;

use crate::catalog::Catalog;
use crate::extract::{Directive, DirectiveKind};
use crate::finding::{Finding, fingerprint};
use crate::rules::{
    Rule, RuleIdx, SUPPRESSION_WITHOUT_REASON, UNKNOWN_RULE_IN_SUPPRESSION, UNSUPPRESSIBLE,
    UNUSED_SUPPRESSION,
};
use crate::text::LineIndex;

/// The suppressions of one file, resolved to lines, and which of them have
/// silenced something.
pub struct Suppressions<'a> {
    catalog: &'a Catalog,
    directives: &'a [Directive],
    lines: &'a LineIndex,
    /// (target line, directive) for next-line comments.
    next_line: Vec<(usize, usize)>,
    /// `disable` and `enable` comments in file order.
    toggles: Vec<usize>,
    used: Vec<bool>,
    /// (directive, rule): a comment naming no rule met a finding of a rule
    /// that cannot be suppressed.
    refused: BTreeSet<(usize, RuleIdx)>,
}

impl<'a> Suppressions<'a> {
    pub fn new(
        catalog: &'a Catalog,
        directives: &'a [Directive],
        text: &str,
        lines: &'a LineIndex,
    ) -> Suppressions<'a> {
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
            catalog,
            directives,
            lines,
            next_line,
            toggles,
            used: vec![false; directives.len()],
            refused: BTreeSet::new(),
        }
    }

    /// The comment that silences `rule` at text offset `at` (or, for a
    /// missing required phrase, in the whole file), marked as used. A rule
    /// that cannot be suppressed is silenced by none: a comment naming no
    /// rule that would have is noted for the audit (one naming the rule is
    /// reported anyway).
    pub fn silence(&mut self, rule: RuleIdx, at: usize, missing: bool) -> Option<&'a Directive> {
        let r = self.catalog.rule(rule);
        let found = if missing {
            self.find_anywhere(r)
        } else {
            self.find(r, at, self.lines.line(at))
        }?;
        if !r.suppressible {
            if self.directives[found].rules.is_empty() {
                self.refused.insert((found, rule));
            }
            return None;
        }
        self.used[found] = true;
        Some(&self.directives[found])
    }

    /// phraselint's own findings on the comments (after every finding went
    /// through [`Suppressions::silence`]): a rule name that is no rule, with
    /// the nearest one; a rule that cannot be suppressed; a comment that
    /// silenced nothing and is not reported for either; with
    /// `require_reason`, one without a `-- reason`.
    pub fn audit(&self, require_reason: bool, path: &str, text: &str) -> Vec<Finding> {
        let catalog = self.catalog;
        let mut out = Vec::new();
        for (i, (d, &used)) in self.directives.iter().zip(&self.used).enumerate() {
            let line = self.lines.line(d.range.start);
            // At the comment, or at the name it is about.
            let mut report = |id: &str, span: Range<usize>, message: Option<String>| {
                let rule = catalog.own(id);
                let written = text[span.clone()].trim();
                out.push(Finding {
                    rule,
                    severity: catalog.rule(rule).severity,
                    span,
                    phrase: written.to_owned(),
                    fingerprint: fingerprint(id, path, written, line),
                    missing: false,
                    location: None,
                    message,
                });
            };
            let Misnamed { unknown, refused } = self.misnamed(i);
            for (name, span) in &unknown {
                let hint = catalog
                    .closest(name)
                    .map(|r| format!("; did you mean `{}`?", r.full_id))
                    .unwrap_or_else(|| ".".to_owned());
                let message = format!("No rule `{name}` in the loaded phrasebooks{hint}");
                report(UNKNOWN_RULE_IN_SUPPRESSION, span.clone(), Some(message));
            }
            for (&r, span) in &refused {
                let id = &catalog.rule(r).full_id;
                let message = format!(
                    "`{id}` cannot be suppressed (its phrasebook says `suppressible: false`); its findings stay."
                );
                report(UNSUPPRESSIBLE, span.clone(), Some(message));
            }
            if d.kind == DirectiveKind::Enable {
                continue;
            }
            if require_reason && d.reason.is_none() {
                report(SUPPRESSION_WITHOUT_REASON, d.range.clone(), None);
            }
            if !used && unknown.is_empty() && refused.is_empty() {
                report(UNUSED_SUPPRESSION, d.range.clone(), None);
            }
        }
        out
    }

    /// What comment `i` gets wrong.
    fn misnamed(&self, i: usize) -> Misnamed<'a> {
        let d = &self.directives[i];
        let mut unknown = Vec::new();
        let mut seen = HashSet::new();
        let mut refused: BTreeMap<RuleIdx, Range<usize>> = self
            .refused
            .range((i, RuleIdx(0))..(i + 1, RuleIdx(0)))
            .map(|&(_, r)| (r, d.range.clone()))
            .collect();
        for (name, span) in d.rules.iter().zip(&d.rule_spans) {
            if !seen.insert(name.as_str()) {
                continue;
            }
            let named = self.catalog.named(name);
            if named.is_empty() {
                unknown.push((name.as_str(), span.clone()));
            } else if d.kind != DirectiveKind::Enable {
                for r in named {
                    if !self.catalog.rule(r).suppressible {
                        refused.entry(r).or_insert_with(|| span.clone());
                    }
                }
            }
        }
        Misnamed { unknown, refused }
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

/// What a comment gets wrong, each with where to report it.
struct Misnamed<'a> {
    /// The names it gives that are no rule, each once, in its order.
    unknown: Vec<(&'a str, Range<usize>)>,
    /// The rules it would silence that cannot be suppressed: named (at the
    /// name; not by `enable`, which silences nothing), or met by a comment
    /// naming no rule (at the comment).
    refused: BTreeMap<RuleIdx, Range<usize>>,
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
