//! The pipeline for one file (bytes → decode → extract → scan → filters →
//! findings), and for many files in parallel.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::compile::RuleSet;
use crate::discover::Candidate;
use crate::error::FileError;
use crate::extract::{ExtractOptions, FileKind, extract, office};
use crate::finding::{FileOutcome, Finding, Position, Suppressed};
use crate::fold::{BLOCK_BREAK, Folded};
use crate::phrasebook::{hex, io_message};
use crate::scan::{RawMatch, ScanScratch, scan};
use crate::scope::{FileRules, Scope};
use crate::source::{LineIndex, PositionCursor, SourceText};
use crate::suppress::{Directive, Suppressions};

pub struct LintOptions {
    pub front_matter_keys: Vec<String>,
    /// Keep each file's text in its outcome (for snippets).
    pub keep_text: bool,
    /// Which rules apply to which files.
    pub scope: Scope,
    /// A suppression comment without `-- reason` is a finding.
    pub require_suppression_reason: bool,
    /// Files larger than this are skipped (and said so), never read.
    pub max_filesize: u64,
}

/// Buffers reused from one file to the next on the same thread.
#[derive(Default)]
pub struct Scratch {
    folded: Folded,
    directives: Vec<Directive>,
    matches: Vec<RawMatch>,
    scan: ScanScratch,
}

pub enum FileResult {
    Checked(FileOutcome),
    /// Skipped: a binary file.
    Binary(String),
    /// Skipped: larger than `--max-filesize` (its size).
    TooLarge(String, u64),
    /// Skipped: not a regular file (a named pipe, a device).
    NotAFile(String),
    Failed(FileError),
}

/// Lints every candidate in parallel; results come back in candidate order.
pub fn lint_files(rules: &RuleSet, files: &[Candidate], options: &LintOptions) -> Vec<FileResult> {
    files
        .par_iter()
        .map_init(Scratch::default, |scratch, file| {
            let metadata = match std::fs::metadata(&file.path) {
                Ok(metadata) => metadata,
                // Gone since the walk listed it, or in a folder that may
                // not be entered.
                Err(e) => return FileResult::Failed(FileError::new(&file.shown, io_message(&e))),
            };
            // A named pipe or a device named on the command line: reading
            // it could block, or never end (`/dev/zero`).
            if !metadata.is_file() {
                return FileResult::NotAFile(file.shown.clone());
            }
            if metadata.len() > options.max_filesize {
                return FileResult::TooLarge(file.shown.clone(), metadata.len());
            }
            match std::fs::read(&file.path) {
                Ok(bytes) => {
                    let file_rules = options.scope.file(rules, &file.path);
                    match lint_guarded(
                        rules,
                        file.kind,
                        &bytes,
                        &file.shown,
                        &file_rules,
                        options,
                        scratch,
                    ) {
                        FileResult::Checked(mut outcome) => {
                            outcome.file = file.path.clone();
                            FileResult::Checked(outcome)
                        }
                        other => other,
                    }
                }
                Err(e) => FileResult::Failed(FileError::new(&file.shown, io_message(&e))),
            }
        })
        .collect()
}

/// Lints one file's bytes; a bug in handling one file becomes an error for
/// that file instead of ending the run.
pub fn lint_guarded(
    rules: &RuleSet,
    kind: FileKind,
    bytes: &[u8],
    path: &str,
    file_rules: &FileRules,
    options: &LintOptions,
    scratch: &mut Scratch,
) -> FileResult {
    // Office files are zips, full of NUL bytes, and read on their own.
    if !kind.is_office() && !SourceText::is_utf16(bytes) && memchr::memchr(0, bytes).is_some() {
        return FileResult::Binary(path.to_owned());
    }
    contained(path, scratch, |scratch| {
        if kind.is_office() {
            lint_office(rules, kind, bytes, path, file_rules, options, scratch)
        } else {
            Ok(lint_bytes(
                rules, kind, bytes, path, file_rules, options, scratch,
            ))
        }
    })
}

/// Runs one file's `check` so that a bug in it (a panic) becomes an error
/// for that file, with a plea to report it, and the run goes on; the
/// scratch buffers it may have left half-written are replaced.
pub fn contained(
    path: &str,
    scratch: &mut Scratch,
    check: impl FnOnce(&mut Scratch) -> Result<FileOutcome, String>,
) -> FileResult {
    match catch_unwind(AssertUnwindSafe(|| check(scratch))) {
        Ok(Ok(outcome)) => FileResult::Checked(outcome),
        Ok(Err(message)) => FileResult::Failed(FileError::new(path, message)),
        Err(panic) => {
            *scratch = Scratch::default();
            let what = crate::error::panic_message(panic.as_ref());
            FileResult::Failed(FileError::new(
                path,
                format!("internal error while checking this file, please report it: {what}"),
            ))
        }
    }
}

/// Lints one text file's bytes.
pub fn lint_bytes(
    rules: &RuleSet,
    kind: FileKind,
    bytes: &[u8],
    path: &str,
    file_rules: &FileRules,
    options: &LintOptions,
    scratch: &mut Scratch,
) -> FileOutcome {
    let source = SourceText::decode(bytes);
    lint_source(
        rules, kind, &source, None, path, file_rules, options, scratch,
    )
}

/// Lints a Word or PowerPoint file: its paragraphs, one a line, so a
/// finding's line is the paragraph in reading order; its offset counts bytes
/// in that paragraph, and its location says where a person finds it.
pub fn lint_office(
    rules: &RuleSet,
    kind: FileKind,
    bytes: &[u8],
    path: &str,
    file_rules: &FileRules,
    options: &LintOptions,
    scratch: &mut Scratch,
) -> Result<FileOutcome, String> {
    let paragraphs = if kind == FileKind::Docx {
        office::docx(bytes)?
    } else {
        office::pptx(bytes)?
    };
    let text: Vec<&str> = paragraphs.iter().map(|p| p.text.as_str()).collect();
    let source = SourceText::owned(text.join("\n"));
    let locations: Vec<String> = paragraphs.into_iter().map(|p| p.location).collect();
    Ok(lint_source(
        rules,
        kind,
        &source,
        Some(&locations),
        path,
        file_rules,
        options,
        scratch,
    ))
}

#[allow(clippy::too_many_arguments)]
fn lint_source(
    rules: &RuleSet,
    kind: FileKind,
    source: &SourceText,
    locations: Option<&[String]>,
    path: &str,
    file_rules: &FileRules,
    options: &LintOptions,
    scratch: &mut Scratch,
) -> FileOutcome {
    let text: &str = &source.text;
    let extract_options = ExtractOptions {
        front_matter_keys: &options.front_matter_keys,
    };
    extract(
        kind,
        text,
        &extract_options,
        &mut scratch.folded,
        &mut scratch.directives,
    );
    scan(
        rules,
        &scratch.folded,
        text,
        &file_rules.active,
        &mut scratch.scan,
        &mut scratch.matches,
    );
    let mut outcome = FileOutcome {
        path: path.to_owned(),
        file: PathBuf::from(path),
        ..FileOutcome::default()
    };
    if scratch.matches.is_empty() && scratch.directives.is_empty() {
        return outcome;
    }
    // Source order, so fingerprints count repeats from the top of the file.
    scratch.matches.sort_by_key(|m| (m.folded.start, m.rule));
    let lines = LineIndex::new(text);
    let cursor = PositionCursor::new(&lines, text);
    let position = |offset: usize| {
        let (line, column, column_utf16) = cursor.position(offset);
        let offset = match locations {
            Some(_) => offset - lines.line_start(line).unwrap_or(0),
            None => source.original_offset(offset),
        };
        Position {
            offset,
            line,
            column,
            column_utf16,
        }
    };
    let suppressions = Suppressions::new(&scratch.directives, text, &lines);
    let mut used = vec![false; scratch.directives.len()];
    let mut seen: HashMap<(usize, &str), usize> = HashMap::new();
    let folded = &scratch.folded;
    for m in &scratch.matches {
        let rule = &rules.rules[m.rule];
        let finding = if m.missing {
            // A missing required phrase is reported at the top of the file.
            let top = position(0);
            Finding {
                rule: m.rule,
                severity: file_rules.severity[m.rule],
                matched: String::new(),
                phrase: match &rule.kind {
                    crate::rules::RuleKind::Require(phrases) => phrases[0].clone(),
                    crate::rules::RuleKind::Match { .. } => String::new(),
                },
                start: top,
                end: top,
                fingerprint: fingerprint(&rule.full_id, path, "", 1),
                text_range: 0..0,
                missing: true,
                location: None,
            }
        } else {
            let range = folded.source_range(m.folded.clone());
            let (start, end) = (position(range.start), position(range.end));
            let context = context(&folded.text, m.folded.clone());
            let nth = seen.entry((m.rule, context)).or_insert(0);
            *nth += 1;
            Finding {
                rule: m.rule,
                severity: file_rules.severity[m.rule],
                matched: text[range.clone()].to_owned(),
                phrase: folded.text[m.folded.clone()].to_owned(),
                start,
                end,
                fingerprint: fingerprint(&rule.full_id, path, context, *nth),
                text_range: range,
                missing: false,
                location: locations.and_then(|l| l.get(start.line - 1).cloned()),
            }
        };
        let by = if m.missing {
            suppressions.find_anywhere(rule)
        } else {
            suppressions.find(rule, finding.text_range.start, finding.start.line)
        };
        match by {
            Some(d) => {
                used[d] = true;
                outcome.suppressed.push(Suppressed {
                    rule: m.rule,
                    line: finding.start.line,
                    reason: scratch.directives[d].reason.clone(),
                    start: finding.start,
                    end: finding.end,
                    fingerprint: finding.fingerprint,
                });
            }
            None => outcome.findings.push(finding),
        }
    }
    audit_suppressions(
        rules,
        &scratch.directives,
        &used,
        options,
        path,
        &position,
        text,
        &mut outcome,
    );
    outcome.findings.sort_by_key(|f| {
        (
            f.start.line,
            f.start.column,
            f.end.line,
            f.end.column,
            f.rule,
        )
    });
    if options.keep_text && !outcome.findings.is_empty() {
        outcome.text = Some(text.to_owned());
    }
    outcome
}

/// phraselint's own findings on suppression comments: one that silenced
/// nothing (info), and with `require_suppression_reason`, one without a
/// `-- reason`.
#[allow(clippy::too_many_arguments)]
fn audit_suppressions(
    rules: &RuleSet,
    directives: &[Directive],
    used: &[bool],
    options: &LintOptions,
    path: &str,
    position: &dyn Fn(usize) -> Position,
    text: &str,
    outcome: &mut FileOutcome,
) {
    for (i, d) in directives.iter().enumerate() {
        if d.kind == crate::suppress::DirectiveKind::Enable {
            continue;
        }
        let mut report = |id: &str| {
            let rule = rules.rule_index(id);
            let (start, end) = (position(d.range.start), position(d.range.end));
            outcome.findings.push(Finding {
                rule,
                severity: rules.rules[rule].severity,
                matched: text[d.range.clone()].to_owned(),
                phrase: text[d.range.clone()].trim().to_owned(),
                start,
                end,
                fingerprint: fingerprint(id, path, text[d.range.clone()].trim(), start.line),
                text_range: d.range.clone(),
                missing: false,
                location: None,
            });
        };
        if options.require_suppression_reason && d.reason.is_none() {
            report(crate::rules::SUPPRESSION_WITHOUT_REASON);
        }
        if !used[i] {
            report(crate::rules::UNUSED_SUPPRESSION);
        }
    }
}

/// The match with up to three words either side, inside its block: what a
/// fingerprint keys on, so it survives edits elsewhere in the file. Walks
/// only as far as those words and at most `REACH` bytes, so long lines cost
/// nothing extra: without the cap, every match in a long run without spaces
/// (`unlimited,unlimited,…` on one line) would walk the whole run, which is
/// quadratic time.
fn context(folded: &str, m: std::ops::Range<usize>) -> &str {
    const WORDS: usize = 3;
    const REACH: usize = 256;
    let mut start = m.start;
    let mut spaces = 0;
    for (i, c) in folded[..m.start].char_indices().rev() {
        if c == BLOCK_BREAK as char || (c == ' ' && spaces == WORDS) || m.start - i > REACH {
            break;
        }
        spaces += usize::from(c == ' ');
        start = i;
    }
    let mut end = m.end;
    let mut spaces = 0;
    for (i, c) in folded[m.end..].char_indices() {
        if c == BLOCK_BREAK as char || (c == ' ' && spaces == WORDS) || i + c.len_utf8() > REACH {
            break;
        }
        spaces += usize::from(c == ' ');
        end = m.end + i + c.len_utf8();
    }
    folded[start..end].trim()
}

fn fingerprint(rule: &str, path: &str, context: &str, nth: usize) -> String {
    let mut h = Sha256::new();
    for part in [rule, path, context, &nth.to_string()] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    hex(&h.finalize()[..16])
}

/// Lints one text with every rule in force whatever its `paths`, no config
/// and front-matter defaults: for phrasebook examples, the library's users
/// and tests.
pub fn lint_text(
    rules: &RuleSet,
    kind: FileKind,
    bytes: &[u8],
    scratch: &mut Scratch,
) -> FileOutcome {
    let options = LintOptions {
        front_matter_keys: vec!["title".to_owned(), "description".to_owned()],
        keep_text: false,
        scope: Scope::new(rules, PathBuf::new(), PathBuf::new(), Vec::new()),
        require_suppression_reason: false,
        max_filesize: u64::MAX,
    };
    lint_bytes(
        rules,
        kind,
        bytes,
        "<text>",
        &Scope::all(rules),
        &options,
        scratch,
    )
}
