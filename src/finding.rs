//! Findings: what a rule found and where, as one span in the file's text.
//! Lines and columns are computed at the edges, by [`crate::locate`].

use std::ops::Range;
use std::path::PathBuf;

use crate::kind::FileKind;
use crate::locate::Locator;
use crate::rules::{Rule, RuleIdx, Severity};
use crate::text::SourceText;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: RuleIdx,
    pub severity: Severity,
    /// The match in the file's decoded text; empty at 0 for a missing
    /// required phrase.
    pub span: Range<usize>,
    /// The match as folded (markup, case and spacing gone): the phrase a
    /// reader recognises.
    pub phrase: String,
    /// Stays the same when unrelated lines are added above.
    pub fingerprint: String,
    /// A `require` rule's phrase is missing: the finding stands for the
    /// whole file and points at its start.
    pub missing: bool,
    /// For Office files, the index of the paragraph in
    /// [`FileOutcome::locations`].
    pub location: Option<usize>,
    /// What this finding says where its rule's message is too general:
    /// which rule a suppression comment names wrongly.
    pub message: Option<String>,
}

impl Finding {
    /// What the finding says: its own message, else its rule's.
    pub fn message<'a>(&'a self, rule: &'a Rule) -> &'a str {
        self.message.as_deref().unwrap_or(&rule.message)
    }
}

/// A finding silenced by a suppression comment, for the audit trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppressed {
    pub rule: RuleIdx,
    /// The silenced finding's span and fingerprint.
    pub span: Range<usize>,
    pub fingerprint: String,
    pub reason: Option<String>,
    /// Where the comment that silenced it stands, in the file's text.
    pub directive: Range<usize>,
    /// The comment names no rule, so it silences every rule's findings.
    pub blanket: bool,
}

/// Everything found in one file.
#[derive(Debug)]
pub struct FileOutcome {
    /// The path as reported.
    pub path: String,
    /// The file as on disk, for URIs: its name may not be UTF-8, which
    /// `path` can only show lossily.
    pub file: PathBuf,
    pub kind: FileKind,
    /// The decoded text the spans point into, kept when there is something
    /// to report.
    pub text: SourceText<'static>,
    /// For Office files, where a person finds each paragraph (`slide 3,
    /// notes, paragraph 2`).
    pub locations: Vec<String>,
    /// In source order.
    pub findings: Vec<Finding>,
    pub suppressed: Vec<Suppressed>,
}

impl FileOutcome {
    /// Its findings' rules renamed, `map` giving each rule's index in a
    /// merged catalogue.
    pub fn rename_rules(&mut self, map: &[RuleIdx]) {
        for f in &mut self.findings {
            f.rule = map[f.rule.index()];
        }
        for s in &mut self.suppressed {
            s.rule = map[s.rule.index()];
        }
    }

    /// Positions in this file's text.
    pub fn locator(&self) -> Locator<'_> {
        Locator::new(&self.text)
    }

    /// The text a span covers, as written.
    pub fn matched(&self, span: &Range<usize>) -> &str {
        &self.text.text[span.clone()]
    }

    /// Where a person finds a finding in an Office file.
    pub fn location(&self, finding: &Finding) -> Option<&str> {
        finding
            .location
            .and_then(|i| self.locations.get(i))
            .map(String::as_str)
    }
}

/// A finding's identity across edits: the rule, the file, the match with
/// its surrounding words, and which of equal contexts it is.
pub fn fingerprint(rule: &str, path: &str, context: &str, nth: usize) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for part in [rule, path, context, &nth.to_string()] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    let digest = h.finalize();
    let first: [u8; 16] = digest[..16].try_into().expect("a sha256 is 32 bytes");
    format!("{:032x}", u128::from_be_bytes(first))
}
