//! Findings: what a rule found, where, and how to recognise it again.

use std::ops::Range;
use std::path::PathBuf;

use crate::rules::Severity;

/// A place in a file: byte offset into the original file (0-based), line and
/// column (1-based, columns in Unicode characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub offset: usize,
    pub line: usize,
    pub column: usize,
    /// The column in UTF-16 code units (1-based), for LSP and SARIF.
    pub column_utf16: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Index into the rule set.
    pub rule: usize,
    pub severity: Severity,
    /// The source text matched, as written.
    pub matched: String,
    /// The match as folded (markup, case and spacing gone): the phrase a
    /// reader recognises.
    pub phrase: String,
    pub start: Position,
    pub end: Position,
    /// Stays the same when unrelated lines are added above.
    pub fingerprint: String,
    /// The match in the decoded text (differs from offsets only for
    /// non-UTF-8 files), for snippets.
    pub text_range: Range<usize>,
    /// A `require` rule's phrase is missing: the finding stands for the
    /// whole file and points at its start.
    pub missing: bool,
    /// For Office files, where a person finds it (`slide 3, notes,
    /// paragraph 2`).
    pub location: Option<String>,
}

/// A finding silenced by a suppression comment, for the audit trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppressed {
    pub rule: usize,
    pub line: usize,
    pub reason: Option<String>,
    /// The silenced finding's place and fingerprint.
    pub start: Position,
    pub end: Position,
    pub fingerprint: String,
}

/// Everything found in one file.
#[derive(Debug, Default)]
pub struct FileOutcome {
    /// The path as reported.
    pub path: String,
    /// The file as on disk, for URIs: its name may not be UTF-8, which
    /// `path` can only show lossily.
    pub file: PathBuf,
    pub findings: Vec<Finding>,
    pub suppressed: Vec<Suppressed>,
    /// The decoded text, kept only for reporters that show snippets.
    pub text: Option<String>,
}
