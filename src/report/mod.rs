//! Reporters: the same findings written in each output format. Positions
//! come from [`crate::locate`], per file, in the encoding each format
//! counts in.

mod checkstyle;
mod compact;
mod github;
mod gitlab;
mod html;
mod human;
mod json;
pub mod lsp;
mod sarif;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::catalog::Catalog;
use crate::error::FileError;
use crate::finding::{FileOutcome, Finding};
use crate::phrasebook::Phrasebook;
use crate::rules::{Origin, Rule, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Compact,
    Sarif,
    Github,
    Gitlab,
    Lsp,
    Checkstyle,
    Html,
}

impl Format {
    pub const ALL: [Format; 9] = [
        Format::Human,
        Format::Json,
        Format::Compact,
        Format::Sarif,
        Format::Github,
        Format::Gitlab,
        Format::Lsp,
        Format::Checkstyle,
        Format::Html,
    ];

    /// The format's name, as `--format` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Json => "json",
            Format::Compact => "compact",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Gitlab => "gitlab",
            Format::Lsp => "lsp",
            Format::Checkstyle => "checkstyle",
            Format::Html => "html",
        }
    }

    /// What the format is, in a line.
    pub fn about(self) -> &'static str {
        match self {
            Format::Human => "Snippets with the match underlined, suggestions, and a summary",
            Format::Json => "One JSON document (schema version 1)",
            Format::Compact => "`path:line:column: severity rule message`, one a line",
            Format::Sarif => {
                "SARIF 2.1.0 (GitHub code scanning): at most 25,000 results, errors first"
            }
            Format::Github => {
                "GitHub Actions annotations, errors first; 10 a level, then log lines"
            }
            Format::Gitlab => "GitLab Code Quality JSON",
            Format::Lsp => "LSP `PublishDiagnosticsParams`, one JSON object a line per file",
            Format::Checkstyle => "Checkstyle XML",
            Format::Html => "One self-contained HTML page for a compliance sign-off",
        }
    }

    /// The format of this name.
    pub fn named(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// A finding's message (its own, else its rule's), with where a person
/// finds it in an Office file or a PDF (`… (in slide 3, paragraph 2)`), for
/// the formats that carry the location in their message.
pub fn located_message<'m>(
    file: &FileOutcome,
    finding: &'m Finding,
    rule: &'m Rule,
) -> Cow<'m, str> {
    let message = finding.message(rule);
    match file.location(finding) {
        Some(location) => Cow::Owned(format!("{message} (in {location})")),
        None => Cow::Borrowed(message),
    }
}

/// Lines longer than this are shown as an excerpt around the match: a
/// finding on a 100 MB line must not print 100 MB.
const MAX_SHOWN_LINE: usize = 1_000;
/// Bytes of context either side of the match in an excerpt.
const EXCERPT_CONTEXT: usize = 80;

/// What a report shows of the text around a match.
struct Around {
    /// The byte range of the line(s) holding the match.
    lines: Range<usize>,
    /// Longer than [`MAX_SHOWN_LINE`]: only `from..to` is shown.
    long: bool,
    /// The bytes shown: the lines, or when they are long the match with
    /// [`EXCERPT_CONTEXT`] bytes either side.
    from: usize,
    to: usize,
}

impl Around {
    fn of(text: &str, range: &Range<usize>) -> Around {
        let start = text[..range.start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let end = text[range.end..]
            .find(['\n', '\r'])
            .map_or(text.len(), |i| range.end + i);
        let long = end - start > MAX_SHOWN_LINE;
        let (from, to) = if long {
            (
                text.floor_char_boundary(range.start.saturating_sub(EXCERPT_CONTEXT).max(start)),
                text.ceil_char_boundary((range.end + EXCERPT_CONTEXT).min(end)),
            )
        } else {
            (start, end)
        };
        Around {
            lines: start..end,
            long,
            from,
            to,
        }
    }
}

/// A book's sign-off as words (`approved by Legal on 2025-01-31`,
/// `approved by Legal`, `approved on 2025-01-31`), if it records one.
pub fn approval(book: &Phrasebook) -> Option<String> {
    let by = book.approved_by.as_ref().map(|who| format!(" by {who}"));
    let on = book.approved_on.map(|day| format!(" on {day}"));
    (by.is_some() || on.is_some()).then(|| {
        format!(
            "approved{}{}",
            by.unwrap_or_default(),
            on.unwrap_or_default()
        )
    })
}

/// `1 file`, `2 files`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Everything a run found, in reporting order.
pub struct Report<'a> {
    pub catalog: &'a Catalog,
    /// Files with findings or suppressions, sorted by path.
    pub files: Vec<FileOutcome>,
    pub errors: Vec<FileError>,
    pub checked: usize,
    pub skipped: usize,
    /// Documents met that phraselint cannot read, with why.
    pub not_checked: Vec<FileError>,
    /// Every file checked, in order (the LSP format reports each): the
    /// path as reported and the file as on disk.
    pub checked_paths: Vec<(String, PathBuf)>,
    /// The current directory paths are relative to, and the repository
    /// root (the nearest folder with `.git`, else the current directory).
    pub cwd: PathBuf,
    pub root: PathBuf,
    /// With `check --fix`, how many findings were fixed (those in `files`
    /// are what remains).
    pub fixed: Option<usize>,
    pub run: Run,
}

/// What was asked of a run, for a report that must stand on its own (the
/// HTML sign-off) and for its verdict.
#[derive(Debug, Clone)]
pub struct Run {
    pub started: SystemTime,
    /// The paths as given (`.` when none; standard input's name).
    pub paths: Vec<String>,
    /// Only files changed since this git revision were checked.
    pub changed_since: Option<String>,
    /// Findings recorded in this baseline file are left out.
    pub baseline: Option<String>,
    /// Findings at or above this fail the run (`None`: none do).
    pub fail_on: Option<Severity>,
    /// More warnings than this fail the run too.
    pub max_warnings: Option<usize>,
}

pub struct Style {
    pub color: bool,
    pub quiet: bool,
    pub stats: bool,
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl Counts {
    pub fn total(&self) -> usize {
        self.error + self.warning + self.info
    }
}

/// A suppression comment that names no rule, and how many findings it
/// silenced: what an auditor wants to see, since it hides whatever comes.
pub struct Blanket<'a> {
    pub file: &'a FileOutcome,
    /// The comment's 1-based line.
    pub line: usize,
    pub silenced: usize,
}

impl Report<'_> {
    /// How many findings suppression comments silenced.
    pub fn suppressed(&self) -> usize {
        self.files.iter().map(|f| f.suppressed.len()).sum()
    }

    /// The comments naming no rule that silenced findings, in path order,
    /// then file order (one that silenced nothing is an
    /// unused-suppression finding instead).
    pub fn blanket_suppressions(&self) -> Vec<Blanket<'_>> {
        let mut out = Vec::new();
        for file in &self.files {
            let mut silenced: BTreeMap<usize, usize> = BTreeMap::new();
            for s in file.suppressed.iter().filter(|s| s.blanket) {
                *silenced.entry(s.directive.start).or_default() += 1;
            }
            if silenced.is_empty() {
                continue;
            }
            let locator = file.locator();
            out.extend(silenced.into_iter().map(|(at, silenced)| Blanket {
                file,
                line: locator.line(at),
                silenced,
            }));
        }
        out
    }

    pub fn findings(&self) -> impl Iterator<Item = (&FileOutcome, &Finding)> {
        self.files
            .iter()
            .flat_map(|f| f.findings.iter().map(move |x| (f, x)))
    }

    /// Findings per rule (by index), by the severity each was reported at
    /// (an override may set a rule's severity per file), least severe first.
    pub fn per_rule(&self) -> Vec<[usize; 3]> {
        let mut n = vec![[0; 3]; self.catalog.rule_count()];
        for (_, f) in self.findings() {
            n[f.rule.index()][f.severity as usize] += 1;
        }
        n
    }

    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for (_, f) in self.findings() {
            match f.severity {
                Severity::Error => c.error += 1,
                Severity::Warning => c.warning += 1,
                Severity::Info => c.info += 1,
            }
        }
        c
    }

    /// A file's path relative to the repository root.
    fn repo_relative(&self, file: &Path) -> PathBuf {
        crate::paths::relative_to(file, &self.cwd, &self.root)
    }

    /// A file's path relative to the repository root, `/`-separated, as
    /// text.
    pub fn repo_path(&self, file: &Path) -> String {
        self.repo_relative(file)
            .to_string_lossy()
            .replace('\\', "/")
    }

    /// A file's path relative to the repository root as a URI reference.
    pub fn repo_uri(&self, file: &Path) -> String {
        crate::paths::uri_path(&self.repo_relative(file))
    }

    fn root_uri(&self) -> String {
        let mut uri = crate::paths::file_uri(&self.root);
        if !uri.ends_with('/') {
            uri.push('/');
        }
        uri
    }

    /// A file as a `file://` URI.
    pub fn file_uri(&self, file: &Path) -> String {
        crate::paths::file_uri(&crate::paths::normalize(&self.cwd.join(file)))
    }

    /// How many findings are at or above `--fail-on`.
    pub fn failing(&self) -> usize {
        match self.run.fail_on {
            Some(threshold) => self
                .findings()
                .filter(|(_, f)| f.severity >= threshold)
                .count(),
            None => 0,
        }
    }

    /// Whether the warnings are more than `--max-warnings` allows.
    pub fn too_many_warnings(&self) -> bool {
        self.run
            .max_warnings
            .is_some_and(|n| self.counts().warning > n)
    }

    /// Whether the findings fail the run (exit 1): any at or above
    /// `--fail-on`, or more warnings than `--max-warnings`.
    pub fn fails(&self) -> bool {
        self.failing() > 0 || self.too_many_warnings()
    }
}

/// Each phrasebook's name, version, path and sha256: what an auditor
/// needs to tell which rules approved a document; and its `owner`,
/// `approved_by` and `approved_on`, each only when the book sets it (as
/// a finding's `location` is there only for a document).
pub fn books_json(catalog: &Catalog) -> Vec<serde_json::Value> {
    catalog
        .books()
        .map(|(_, b)| {
            let mut book = serde_json::json!({
                "name": b.name,
                "version": b.version.to_string(),
                "path": b.path,
                "sha256": b.sha256,
            });
            let approved_on = b.approved_on.map(|d| d.to_string());
            for (key, value) in [
                ("owner", b.owner.as_ref()),
                ("approved_by", b.approved_by.as_ref()),
                ("approved_on", approved_on.as_ref()),
            ] {
                if let Some(value) = value {
                    book[key] = serde_json::json!(value);
                }
            }
            book
        })
        .collect()
}

/// What [`escape`] does with line breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breaks {
    /// Shown as `\n` and `\r`: for a file name, a matched text, anything
    /// that must stay on its line.
    Escape,
    /// Kept: for a message whose lines are meant (the format escapes them
    /// its own way, or they are lines of a snippet).
    Keep,
}

/// Whether `c` is a control character that output to a line or a terminal
/// must not carry: C0 (but tab, and line breaks unless `breaks` says to
/// escape them), DEL, C1, and the line and paragraph separators.
fn is_control(c: char, breaks: Breaks) -> bool {
    match c {
        '\t' => false,
        '\n' | '\r' => breaks == Breaks::Escape,
        '\0'..='\x1f' | '\x7f'..='\u{9f}' | '\u{2028}' | '\u{2029}' => true,
        _ => false,
    }
}

/// The one escaping of line-oriented and terminal output (compact, GitHub,
/// human, and the command line's errors and notes): control characters
/// are shown escaped (`\n`, `\x1b`, `\u{85}`, `\u{2028}`), so no file name,
/// matched text or message can forge a line or send a terminal escape.
/// Text without any is borrowed as it is.
pub fn escape(s: &str, breaks: Breaks) -> Cow<'_, str> {
    if !s.chars().any(|c| is_control(c, breaks)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if !is_control(c, breaks) {
            out.push(c);
            continue;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    Cow::Owned(out)
}

/// Text shown as a source snippet on a terminal (by ariadne): every control
/// character but tab and the line breaks `\n` and `\r` becomes a visible
/// stand-in of the same UTF-8 length (`?` for one byte, `·` for two), so no
/// escape sequence reaches the terminal and byte offsets stay aligned.
/// ariadne also ends lines at a vertical tab, a form feed, NEL, and U+2028
/// and U+2029, where phraselint ends them only at `\n`, `\r\n` and `\r`, as
/// LSP does and every other format reports; those show as a space of the
/// same UTF-8 length, so ariadne's lines, columns and byte offsets are the
/// others'.
pub fn terminal_text(text: &str) -> Cow<'_, str> {
    let replaced = |c: char| is_control(c, Breaks::Keep) || c == '\u{85}';
    if !text.chars().any(replaced) {
        return Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            '\x0B' | '\x0C' => ' ',
            '\u{85}' => '\u{A0}',
            '\u{2028}' | '\u{2029}' => '\u{2002}',
            c if replaced(c) && c.len_utf8() == 1 => '?',
            c if replaced(c) => '·',
            c => c,
        })
        .collect()
}

/// Writes the report in a format; returns what the format left out to fit
/// its consumer's limits (SARIF's for GitHub code scanning), a sentence
/// each, for the caller to tell the user.
pub fn write(
    format: Format,
    report: &Report,
    style: &Style,
    out: &mut dyn Write,
) -> io::Result<Vec<String>> {
    let mut left_out = Vec::new();
    match format {
        Format::Human => human::write(report, style, out)?,
        Format::Json => json::write(report, out)?,
        Format::Compact => compact::write(report, out)?,
        Format::Sarif => left_out.extend(sarif::write(report, out)?),
        Format::Github => github::write(report, out)?,
        Format::Gitlab => gitlab::write(report, out)?,
        Format::Lsp => lsp::write(report, out)?,
        Format::Checkstyle => checkstyle::write(report, out)?,
        Format::Html => html::write(report, out)?,
    }
    if style.stats && matches!(format, Format::Human | Format::Compact | Format::Github) {
        write_stats(report, out)?;
    }
    out.flush()?;
    Ok(left_out)
}

/// Findings per rule and per phrasebook, and of phraselint's own rules
/// when they fired; then each suppression comment naming no rule, with
/// how many findings it silenced.
fn write_stats(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let catalog = report.catalog;
    let per_rule: Vec<usize> = report.per_rule().iter().map(|n| n.iter().sum()).collect();
    writeln!(out, "\nFindings per rule:")?;
    let groups = catalog
        .books()
        .map(|(b, book)| (Origin::Book(b), format!("{} {}", book.name, book.version)))
        .chain(std::iter::once((
            Origin::Phraselint,
            format!("phraselint {}", env!("CARGO_PKG_VERSION")),
        )));
    for (origin, name) in groups {
        let rules: Vec<_> = catalog.rules_of(origin).collect();
        let total: usize = rules.iter().map(|(i, _)| per_rule[i.index()]).sum();
        if origin == Origin::Phraselint && total == 0 {
            continue;
        }
        writeln!(out, "{total:>6}  {name}")?;
        for (i, rule) in rules {
            if per_rule[i.index()] > 0 {
                writeln!(out, "{:>6}    {}", per_rule[i.index()], rule.full_id)?;
            }
        }
    }
    let blanket = report.blanket_suppressions();
    if !blanket.is_empty() {
        writeln!(
            out,
            "\nFindings silenced by suppression comments that name no rule:"
        )?;
        for b in blanket {
            let path = escape(&b.file.path, Breaks::Escape);
            writeln!(out, "{:>6}  {path}:{}", b.silenced, b.line)?;
        }
    }
    Ok(())
}
