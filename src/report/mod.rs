//! Reporters: the same findings written in each output format. None of them
//! computes a position of its own.

mod compact;
mod human;
mod json;

use std::io::{self, Write};

use crate::compile::RuleSet;
use crate::error::FileError;
use crate::finding::{FileOutcome, Finding};
use crate::rules::Severity;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Snippets with the match underlined, suggestions, and a summary.
    Human,
    /// One JSON document (schema version 1).
    Json,
    /// `path:line:column: severity rule message`, one a line.
    Compact,
}

/// Everything a run found, in reporting order.
pub struct Report<'a> {
    pub rules: &'a RuleSet,
    /// Files with findings or suppressions, sorted by path.
    pub files: Vec<FileOutcome>,
    pub errors: Vec<FileError>,
    pub checked: usize,
    pub skipped: usize,
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

impl Report<'_> {
    pub fn findings(&self) -> impl Iterator<Item = (&FileOutcome, &Finding)> {
        self.files
            .iter()
            .flat_map(|f| f.findings.iter().map(move |x| (f, x)))
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

    /// The highest severity found, if anything was.
    pub fn worst(&self) -> Option<Severity> {
        self.findings().map(|(_, f)| f.severity).max()
    }
}

pub fn write(
    format: Format,
    report: &Report,
    style: &Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::write(report, style, out)?,
        Format::Json => json::write(report, out)?,
        Format::Compact => compact::write(report, out)?,
    }
    if style.stats && format != Format::Json {
        write_stats(report, out)?;
    }
    out.flush()
}

/// Findings per rule and per phrasebook.
fn write_stats(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut per_rule = vec![0usize; report.rules.rules.len()];
    for (_, f) in report.findings() {
        per_rule[f.rule] += 1;
    }
    writeln!(out, "\nFindings per rule:")?;
    for (book_index, book) in report.rules.books.iter().enumerate() {
        let rules: Vec<_> = report
            .rules
            .rules
            .iter()
            .enumerate()
            .filter(|(_, r)| r.book == book_index)
            .collect();
        let total: usize = rules.iter().map(|(i, _)| per_rule[*i]).sum();
        writeln!(out, "{total:>6}  {} {}", book.name, book.version)?;
        for (i, rule) in rules {
            if per_rule[i] > 0 {
                writeln!(out, "{:>6}    {}", per_rule[i], rule.full_id)?;
            }
        }
    }
    Ok(())
}
