//! Checkstyle XML, for the CI tools that read it.

use std::io::{self, Write};

use super::{Report, located_message};
use crate::locate::Encoding;

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // In an attribute a parser normalises a raw line break or tab
            // to a space: as a character reference it stays what it was.
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            // Characters XML 1.0 cannot carry at all.
            c if (c as u32) < 0x20 => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(out, "<checkstyle version=\"4.3\">")?;
    for file in report.files.iter().filter(|f| !f.findings.is_empty()) {
        writeln!(out, "  <file name=\"{}\">", escape(&file.path))?;
        let locator = file.locator();
        for f in &file.findings {
            let rule = report.catalog.rule(f.rule);
            let start = locator.position(f.span.start, Encoding::Chars);
            writeln!(
                out,
                "    <error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"{}\" source=\"phraselint.{}\"/>",
                start.line,
                start.column,
                f.severity.as_str(),
                escape(&located_message(file, f, rule)),
                escape(&rule.full_id)
            )?;
        }
        writeln!(out, "  </file>")?;
    }
    writeln!(out, "</checkstyle>")
}
