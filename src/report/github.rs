//! GitHub Actions workflow commands: one annotation a finding, on the diff,
//! errors first. GitHub shows only [`PER_LEVEL`] annotations of each level a
//! step, so past those the findings are log lines (as `compact` writes
//! them) and a last notice says how many are not annotations.

use std::io::{self, Write};

use super::{Breaks, Report, compact, escape, located_message, plural};
use crate::finding::{FileOutcome, Finding};
use crate::locate::{Encoding, Locator};
use crate::rules::Severity;

/// The annotations of one level (error, warning, notice) GitHub shows a
/// step; it drops the rest unseen.
const PER_LEVEL: usize = 10;

/// Escapes a command's message: control characters shown escaped (line
/// breaks are the command's own `%0D` and `%0A`).
fn data(s: &str) -> String {
    escape(s, Breaks::Keep)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value (`file`, `title`): a line break
/// shows as `\n`, as in every other line-oriented format.
fn property(s: &str) -> String {
    data(&escape(s, Breaks::Escape))
        .replace(':', "%3A")
        .replace(',', "%2C")
}

/// A finding with its file and the file's positions.
type Entry<'a> = (&'a FileOutcome, &'a Locator<'a>, &'a Finding);

fn annotate(report: &Report, (file, locator, f): Entry, out: &mut dyn Write) -> io::Result<()> {
    let rule = report.catalog.rule(f.rule);
    let (start, end) = (
        locator.position(f.span.start, Encoding::Chars),
        locator.position(f.span.end, Encoding::Chars),
    );
    let command = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut message = located_message(file, f, rule).into_owned();
    let suggestions = rule.suggestions();
    if !suggestions.is_empty() {
        message.push_str(&format!("\nSay instead: {}", suggestions.join(", ")));
    }
    writeln!(
        out,
        "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        property(&file.path),
        start.line,
        start.column,
        end.line,
        end.column,
        property(&rule.full_id),
        data(&message)
    )
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let counts = report.counts();
    // Each level with its count, and its command's name for a count.
    let levels = [
        (Severity::Error, counts.error, "error", "errors"),
        (Severity::Warning, counts.warning, "warning", "warnings"),
        (Severity::Info, counts.info, "notice", "notices"),
    ];
    let over = levels.iter().any(|&(_, n, ..)| n > PER_LEVEL);
    // The last notice, counting what is not shown, takes one notice's place.
    let shown = |severity: Severity| match severity {
        Severity::Info if over => PER_LEVEL - 1,
        _ => PER_LEVEL,
    };
    let locators: Vec<Locator> = report.files.iter().map(FileOutcome::locator).collect();
    // Each finding with whether it is annotated: the first of its level,
    // in path order.
    let mut seen = [0; 3];
    let findings: Vec<(Entry, bool)> = report
        .files
        .iter()
        .zip(&locators)
        .flat_map(|(file, locator)| file.findings.iter().map(move |f| (file, locator, f)))
        .map(|entry| {
            let severity = entry.2.severity;
            seen[severity as usize] += 1;
            (entry, seen[severity as usize] <= shown(severity))
        })
        .collect();
    for (severity, ..) in levels {
        for &(entry, annotated) in &findings {
            if annotated && entry.2.severity == severity {
                annotate(report, entry, out)?;
            }
        }
    }
    for &((file, locator, f), annotated) in &findings {
        if !annotated {
            compact::write_finding(report, file, locator, f, out)?;
        }
    }
    let hidden: Vec<String> = levels
        .iter()
        .map(|&(severity, n, one, many)| (n.saturating_sub(shown(severity)), one, many))
        .filter(|&(n, ..)| n > 0)
        .map(|(n, one, many)| plural(n, one, many))
        .collect();
    if !hidden.is_empty() {
        let total = findings.iter().filter(|(_, annotated)| !annotated).count();
        writeln!(
            out,
            "::notice title=phraselint::{}",
            data(&format!(
                "{} are not annotations ({}): GitHub shows {PER_LEVEL} errors, {PER_LEVEL} warnings and {PER_LEVEL} notices a step; they are listed in the log above",
                plural(total, "more finding", "more findings"),
                hidden.join(", ")
            ))
        )?;
    }
    Ok(())
}
