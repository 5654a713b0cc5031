//! `path:line:column: severity rule message`, one finding a line (control
//! characters escaped, so a file name cannot forge a line).

use std::io::{self, Write};

use super::{Breaks, Report, escape, located_message};
use crate::finding::{FileOutcome, Finding};
use crate::locate::{Encoding, Locator};

/// One finding's line (also the GitHub format's, for findings past its
/// annotations).
pub fn write_finding(
    report: &Report,
    file: &FileOutcome,
    locator: &Locator,
    f: &Finding,
    out: &mut dyn Write,
) -> io::Result<()> {
    let rule = report.catalog.rule(f.rule);
    let start = locator.position(f.span.start, Encoding::Chars);
    writeln!(
        out,
        "{}:{}:{}: {} {} {}",
        escape(&file.path, Breaks::Escape),
        start.line,
        start.column,
        f.severity.as_str(),
        escape(&rule.full_id, Breaks::Escape),
        escape(&located_message(file, f, rule), Breaks::Escape)
    )
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for file in &report.files {
        let locator = file.locator();
        for f in &file.findings {
            write_finding(report, file, &locator, f, out)?;
        }
    }
    Ok(())
}
