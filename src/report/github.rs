//! GitHub Actions workflow commands: one annotation a finding, on the diff.

use std::io::{self, Write};

use super::{Breaks, Report, escape, located_message};
use crate::locate::Encoding;
use crate::rules::Severity;

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

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for file in &report.files {
        let locator = file.locator();
        for f in &file.findings {
            let rule = report.catalog.rule(f.rule);
            let start = locator.position(f.span.start, Encoding::Chars);
            let end = locator.position(f.span.end, Encoding::Chars);
            let command = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut message = located_message(file, f, &rule.message).into_owned();
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
            )?;
        }
    }
    Ok(())
}
