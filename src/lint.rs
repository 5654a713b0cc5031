//! The pipeline for one file (bytes → decode → extract → scan → filters →
//! findings), and for many files in parallel: a [`Linter`] holds the
//! catalogue, the matcher compiled from it, the scope and the options, and
//! is shared by every front (the CLI, tests, benches).

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::catalog::Catalog;
use crate::config::Config;
use crate::discover::Candidate;
use crate::error::FileError;
use crate::extract::{Directive, ExtractOptions, FileKind, extract, office, pdf};
use crate::filter::near::WordIndex;
use crate::filter::scope::{FileRules, Scope};
use crate::filter::suppress::Suppressions;
use crate::filter::{allow, near};
use crate::finding::{FileOutcome, Finding, Suppressed, fingerprint};
use crate::matcher::scan::{Scan, finish, scan};
use crate::matcher::{Input, Matcher};
use crate::rules::RuleKind;
use crate::text::fold::BLOCK_BREAK;
use crate::text::{Folded, LineIndex, SourceText};

pub struct LintOptions {
    /// Front-matter keys whose values are checked as prose.
    pub front_matter_keys: Vec<String>,
    /// A suppression comment without `-- reason` is a finding.
    pub require_suppression_reason: bool,
    /// Files larger than this are skipped (and said so), never read.
    pub max_filesize: u64,
    /// How much text the run will read, which decides how the matcher is
    /// built.
    pub input: Input,
}

impl Default for LintOptions {
    fn default() -> LintOptions {
        LintOptions {
            front_matter_keys: vec!["title".to_owned(), "description".to_owned()],
            require_suppression_reason: false,
            max_filesize: u64::MAX,
            input: Input::Large,
        }
    }
}

impl LintOptions {
    /// What a config says (its front-matter keys, whether a suppression
    /// needs a reason), the rest the defaults: every front (`check`, the
    /// language server, the web checker) starts here.
    pub fn from_config(config: &Config) -> LintOptions {
        LintOptions {
            front_matter_keys: config.front_matter_keys.clone(),
            require_suppression_reason: config.require_suppression_reason,
            ..LintOptions::default()
        }
    }
}

/// Buffers reused from one file to the next on the same thread.
#[derive(Default)]
pub struct Scratch {
    folded: Folded,
    directives: Vec<Directive>,
    scan: Scan,
    words: WordIndex,
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

/// A file to lint: its names and kind, and the rules in force for it.
struct Doc<'a> {
    /// The path as reported.
    shown: &'a str,
    /// The file as on disk.
    file: &'a Path,
    kind: FileKind,
    rules: &'a FileRules,
}

/// Everything a run checks with.
pub struct Linter {
    catalog: Catalog,
    matcher: Matcher,
    scope: Scope,
    options: LintOptions,
}

impl Linter {
    /// A linter whose rules apply as their own `paths` say, relative to
    /// `scope`'s project root.
    pub fn new(catalog: Catalog, scope: Scope, options: LintOptions) -> Linter {
        Linter {
            matcher: Matcher::new(&catalog, options.input),
            catalog,
            scope,
            options,
        }
    }

    /// A linter with default options, rule `paths` relative to the current
    /// directory.
    pub fn with_defaults(catalog: Catalog) -> Linter {
        let scope = Scope::new(&catalog, PathBuf::new(), PathBuf::new(), Vec::new());
        Linter::new(catalog, scope, LintOptions::default())
    }

    /// The linter a configuration sets up: the `explicit` phrasebooks
    /// (`--phrasebook`) or else the configured ones, with the config's
    /// overrides resolved against them (strictly, unless `explicit` replaced
    /// the books the overrides were written for).
    pub fn configured(
        config: &Config,
        explicit: &[PathBuf],
        cwd: &Path,
        options: LintOptions,
    ) -> Result<Linter, Vec<FileError>> {
        let catalog = Catalog::new(config.load_books(explicit)?);
        let scope =
            Scope::from_config(&catalog, config, cwd, explicit.is_empty()).map_err(|e| vec![e])?;
        Ok(Linter::new(catalog, scope, options))
    }

    /// The built-in phrasebooks, with default options.
    pub fn built_in() -> Linter {
        Linter::with_defaults(Catalog::built_in())
    }

    /// Its catalogue and scope, once done linting (a run over several
    /// projects merges their catalogues for the report).
    pub fn into_parts(self) -> (Catalog, Scope) {
        (self.catalog, self.scope)
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// Lints every candidate in parallel; results come back in candidate
    /// order.
    pub fn lint_files(&self, files: &[Candidate]) -> Vec<FileResult> {
        files
            .par_iter()
            .map_init(Scratch::default, |scratch, file| {
                self.lint_file(file, scratch)
            })
            .collect()
    }

    /// Reads and lints one file found by discovery.
    pub fn lint_file(&self, file: &Candidate, scratch: &mut Scratch) -> FileResult {
        let failed = |e: std::io::Error| FileResult::Failed(FileError::io(&file.shown, &e));
        let metadata = match std::fs::metadata(&file.path) {
            Ok(metadata) => metadata,
            // Gone since the walk listed it, or in a folder that may not be
            // entered.
            Err(e) => return failed(e),
        };
        // A named pipe or a device named on the command line: reading it
        // could block, or never end (`/dev/zero`).
        if !metadata.is_file() {
            return FileResult::NotAFile(file.shown.clone());
        }
        if metadata.len() > self.options.max_filesize {
            return FileResult::TooLarge(file.shown.clone(), metadata.len());
        }
        match std::fs::read(&file.path) {
            Ok(bytes) => self.lint_candidate(file, &bytes, scratch),
            Err(e) => failed(e),
        }
    }

    /// Lints a file found by discovery as `bytes` (its content after
    /// `--fix`, not yet written).
    pub fn lint_candidate(
        &self,
        file: &Candidate,
        bytes: &[u8],
        scratch: &mut Scratch,
    ) -> FileResult {
        let rules = self.scope.file(&file.path);
        let doc = Doc {
            shown: &file.shown,
            file: &file.path,
            kind: file.kind,
            rules: &rules,
        };
        self.lint_bytes(&doc, bytes, scratch)
    }

    /// Lints a document's bytes as they are now (an editor's unsaved
    /// buffer, standard input): `path` names it in the findings and decides
    /// which rules apply; nothing is read from disk.
    pub fn lint_document(&self, path: &Path, kind: FileKind, bytes: &[u8]) -> FileResult {
        self.lint_named(path, &path.display().to_string(), kind, bytes)
    }

    /// As [`Linter::lint_document`], with the findings naming it `shown`
    /// (its path relative to its project's root).
    pub fn lint_named(&self, path: &Path, shown: &str, kind: FileKind, bytes: &[u8]) -> FileResult {
        let rules = self.scope.file(path);
        let doc = Doc {
            shown,
            file: path,
            kind,
            rules: &rules,
        };
        self.lint_bytes(&doc, bytes, &mut Scratch::default())
    }

    /// Lints one text with every rule in force whatever its `paths` (for a
    /// phrasebook's examples).
    pub fn lint_text(&self, kind: FileKind, bytes: &[u8], scratch: &mut Scratch) -> FileOutcome {
        let rules = Scope::all(&self.catalog);
        let doc = Doc {
            shown: "<text>",
            file: Path::new("<text>"),
            kind,
            rules: &rules,
        };
        self.lint_source(&doc, SourceText::decode(bytes), Vec::new(), scratch)
    }

    /// Lints one file's bytes; a bug in handling one file becomes an error
    /// for that file instead of ending the run.
    fn lint_bytes(&self, doc: &Doc, bytes: &[u8], scratch: &mut Scratch) -> FileResult {
        // Office files (zips) and PDFs are full of NUL bytes, and read on
        // their own.
        if !doc.kind.is_document()
            && !SourceText::is_utf16(bytes)
            && memchr::memchr(0, bytes).is_some()
        {
            return FileResult::Binary(doc.shown.to_owned());
        }
        contained(doc.shown, scratch, |scratch| {
            if doc.kind.is_document() {
                self.lint_paragraphs(doc, bytes, scratch)
            } else {
                Ok(self.lint_source(doc, SourceText::decode(bytes), Vec::new(), scratch))
            }
        })
    }

    /// Lints a Word, PowerPoint, Excel or PDF file: its blocks (a PDF's
    /// lines), one a line, so a finding's line is the block in reading
    /// order, and its location says where a person finds it.
    fn lint_paragraphs(
        &self,
        doc: &Doc,
        bytes: &[u8],
        scratch: &mut Scratch,
    ) -> Result<FileOutcome, String> {
        let paragraphs = match doc.kind {
            FileKind::Pdf => pdf::read(bytes)?,
            kind => office::read(kind, bytes)?,
        };
        let text: Vec<&str> = paragraphs.iter().map(|p| p.text.as_str()).collect();
        let source = SourceText::made(text.join("\n"));
        let locations = paragraphs.into_iter().map(|p| p.location).collect();
        Ok(self.lint_source(doc, source, locations, scratch))
    }

    fn lint_source(
        &self,
        doc: &Doc,
        source: SourceText<'_>,
        locations: Vec<String>,
        scratch: &mut Scratch,
    ) -> FileOutcome {
        let text: &str = &source.text;
        let catalog = &self.catalog;
        let active = &doc.rules.active;
        let extract_options = ExtractOptions {
            front_matter_keys: &self.options.front_matter_keys,
        };
        extract(
            doc.kind,
            text,
            &extract_options,
            &mut scratch.folded,
            &mut scratch.directives,
        );
        let folded = &scratch.folded;
        let found = &mut scratch.scan;
        scan(&self.matcher, catalog, folded, text, active, found);
        allow::apply(catalog, found);
        near::apply(catalog, &folded.text, found, &mut scratch.words);
        finish(catalog, found, active);
        let mut outcome = FileOutcome {
            path: doc.shown.to_owned(),
            file: doc.file.to_path_buf(),
            kind: doc.kind,
            text: SourceText::made(String::new()),
            locations: Vec::new(),
            findings: Vec::new(),
            suppressed: Vec::new(),
        };
        if found.matches.is_empty() && scratch.directives.is_empty() {
            return outcome;
        }
        // Source order, so fingerprints count repeats from the top of the
        // file.
        found.matches.sort_by_key(|m| (m.folded.start, m.rule));
        let lines = LineIndex::new(text);
        let mut suppressions = Suppressions::new(catalog, &scratch.directives, text, &lines);
        let mut seen: HashMap<(_, &str), usize> = HashMap::new();
        for m in &found.matches {
            let rule = catalog.rule(m.rule);
            let finding = if m.missing {
                // A missing required phrase is reported at the top of the
                // file.
                Finding {
                    rule: m.rule,
                    severity: doc.rules.severity(m.rule),
                    span: 0..0,
                    phrase: match &rule.kind {
                        RuleKind::Require(phrases) => phrases[0].clone(),
                        RuleKind::Match { .. } => String::new(),
                    },
                    fingerprint: fingerprint(&rule.full_id, doc.shown, "", 1),
                    missing: true,
                    location: None,
                    message: None,
                }
            } else {
                let span = folded.source_range(m.folded.clone());
                let context = context(&folded.text, m.folded.clone());
                let nth = seen.entry((m.rule, context)).or_insert(0);
                *nth += 1;
                Finding {
                    rule: m.rule,
                    severity: doc.rules.severity(m.rule),
                    phrase: folded.text[m.folded.clone()].to_owned(),
                    fingerprint: fingerprint(&rule.full_id, doc.shown, context, *nth),
                    missing: false,
                    location: doc.kind.is_document().then(|| lines.line(span.start) - 1),
                    message: None,
                    span,
                }
            };
            match suppressions.silence(m.rule, finding.span.start, m.missing) {
                Some(by) => outcome.suppressed.push(Suppressed {
                    rule: m.rule,
                    span: finding.span,
                    fingerprint: finding.fingerprint,
                    reason: by.reason.clone(),
                    directive: by.range.clone(),
                    blanket: by.rules.is_empty(),
                }),
                None => outcome.findings.push(finding),
            }
        }
        outcome.findings.extend(suppressions.audit(
            self.options.require_suppression_reason,
            doc.shown,
            text,
        ));
        outcome
            .findings
            .sort_by_key(|f| (f.span.start, f.span.end, f.rule));
        if !outcome.findings.is_empty() || !outcome.suppressed.is_empty() {
            outcome.text = source.into_owned();
            outcome.locations = locations;
        }
        outcome
    }
}

/// Runs one file's check so that a bug in it (a panic) becomes an error for
/// that file, with a plea to report it, and the run goes on; the scratch
/// buffers it may have left half-written are replaced.
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
