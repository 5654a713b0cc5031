//! `path:line:column: severity rule message`, one finding a line.

use std::io::{self, Write};

use super::Report;
use crate::locate::Encoding;

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for file in &report.files {
        let locator = file.locator();
        for f in &file.findings {
            let rule = report.catalog.rule(f.rule);
            let start = locator.position(f.span.start, Encoding::Chars);
            writeln!(
                out,
                "{}:{}:{}: {} {} {}",
                file.path,
                start.line,
                start.column,
                f.severity.as_str(),
                rule.full_id,
                rule.message
            )?;
        }
    }
    Ok(())
}
