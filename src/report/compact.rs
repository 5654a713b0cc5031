//! `path:line:column: severity rule message`, one finding a line.

use std::io::{self, Write};

use super::Report;

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for (file, f) in report.findings() {
        let rule = &report.rules.rules[f.rule];
        writeln!(
            out,
            "{}:{}:{}: {} {} {}",
            file.path,
            f.start.line,
            f.start.column,
            f.severity.as_str(),
            rule.full_id,
            rule.message
        )?;
    }
    Ok(())
}
