//! `check --fix` and `check --diff`: each file's safe replacements applied
//! (by [`phraselint::fix`]), then written, or shown as a unified diff.

use std::io;
use std::path::Path;

use phraselint::discover::Candidate;
use phraselint::error::FileError;
use phraselint::finding::FileOutcome;
use phraselint::fix::{Fixed, fix_bytes, safe_edits};
use phraselint::kind::FileKind;
use phraselint::lint::{FileResult, Linter, Scratch};
use phraselint::text::SourceText;

use super::Io;
use super::output::shown;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixMode {
    /// `--fix`: write the fixed files.
    Write,
    /// `--diff`: print what would change.
    Diff,
}

/// What the fixes of a run came to.
#[derive(Debug, Default)]
pub struct Fixes {
    pub findings: usize,
    pub files: usize,
}

impl Fixes {
    /// `Fixed 3 findings in 2 files.` (ruff's `Fixed 3 errors.`, with files).
    pub fn summary(&self, mode: FixMode) -> String {
        let verb = match mode {
            FixMode::Write => "Fixed",
            FixMode::Diff => "Would fix",
        };
        let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
        format!(
            "{verb} {} in {}.",
            plural(self.findings, "finding"),
            plural(self.files, "file")
        )
    }
}

/// Fixes the checked files among `results` (in the order of `files`):
/// with [`FixMode::Write`] each fixed file is written and its result becomes
/// the fixed file's; with [`FixMode::Diff`] the diffs go to `io.out`.
pub fn fix_files(
    linter: &Linter,
    files: &[Candidate],
    results: &mut [FileResult],
    mode: FixMode,
    io: &mut Io,
) -> io::Result<Fixes> {
    let mut fixes = Fixes::default();
    let mut scratch = Scratch::default();
    for (file, result) in files.iter().zip(results.iter_mut()) {
        let FileResult::Checked(outcome) = result else {
            continue;
        };
        if !fixable(linter, outcome, io)? {
            continue;
        }
        let before = match std::fs::read(&file.path) {
            Ok(bytes) => bytes,
            Err(e) => {
                *result = FileResult::Failed(FileError::io(&file.shown, &e));
                continue;
            }
        };
        let fixed = fix_bytes(linter.catalog(), before.clone(), |bytes| {
            linter.lint_candidate(file, bytes, &mut scratch)
        });
        if fixed.count == 0 {
            continue;
        }
        match mode {
            FixMode::Diff => write_diff(&outcome.path, &before, &fixed.bytes, io)?,
            FixMode::Write => {
                if let Err(e) = write_fixed(&file.path, &before, &fixed.bytes) {
                    *result = FileResult::Failed(FileError::new(&file.shown, e));
                    continue;
                }
                *result = fixed.result;
            }
        }
        fixes.findings += fixed.count;
        fixes.files += 1;
    }
    Ok(fixes)
}

/// Fixes standard input's text, `bytes`, read as a file `name` of `kind`
/// and reported as `shown`.
pub fn fix_stdin(linter: &Linter, name: &Path, shown: &str, kind: FileKind, bytes: &[u8]) -> Fixed {
    fix_bytes(linter.catalog(), bytes.to_vec(), |b| {
        linter.lint_named(name, shown, kind, b)
    })
}

/// Whether a checked file has a safe replacement; for an Office or PDF file
/// with a finding its rule could replace, a note that it is not rewritten.
fn fixable(linter: &Linter, outcome: &FileOutcome, io: &mut Io) -> io::Result<bool> {
    let catalog = linter.catalog();
    if outcome.kind.is_document() {
        if outcome
            .findings
            .iter()
            .any(|f| catalog.rule(f.rule).replace.is_some())
        {
            writeln!(
                io.err,
                "note: {}: Office and PDF files are not rewritten by --fix",
                shown(&outcome.path)
            )?;
        }
        return Ok(false);
    }
    Ok(!safe_edits(catalog, outcome).is_empty())
}

/// Writes `after` over `path` unless the file no longer holds `before` (an
/// editor saved it meanwhile): that change is not overwritten.
fn write_fixed(path: &Path, before: &[u8], after: &[u8]) -> Result<(), String> {
    match std::fs::read(path) {
        Ok(now) if now == before => {}
        Ok(_) => return Err("changed on disk while it was being fixed; not written".to_owned()),
        Err(e) => return Err(e.to_string()),
    }
    phraselint::paths::write_whole(path, after).map_err(|e| format!("not fixed: {e}"))
}

/// The unified diff (3 lines of context) from `before` to `after`, as text.
pub fn write_diff(path: &str, before: &[u8], after: &[u8], io: &mut Io) -> io::Result<()> {
    let (old, new) = (SourceText::decode(before), SourceText::decode(after));
    let diff = similar::TextDiff::from_lines(old.text.as_ref(), new.text.as_ref());
    let mut unified = diff.unified_diff();
    unified.context_radius(3).missing_newline_hint(true);
    let path = shown(path);
    let (a, b) = (format!("a/{path}"), format!("b/{path}"));
    write!(io.out, "{}", unified.header(&a, &b))
}
