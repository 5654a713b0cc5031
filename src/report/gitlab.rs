//! GitLab Code Quality report: a JSON array, one issue a finding.

use std::io::{self, Write};

use serde_json::json;

use super::Report;
use crate::rules::Severity;

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut issues = Vec::new();
    for file in &report.files {
        let locator = file.locator();
        for f in &file.findings {
            let rule = report.catalog.rule(f.rule);
            let matched = file.matched(&f.span).split_whitespace().collect::<Vec<_>>();
            issues.push(json!({
                "description": format!("{} ({})", rule.message, matched.join(" ")),
                "check_name": rule.full_id,
                "fingerprint": f.fingerprint,
                "severity": match f.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Info => "info",
                },
                "location": {
                    "path": report.repo_path(&file.file),
                    "lines": {
                        "begin": locator.line(f.span.start),
                        "end": locator.line(f.span.end),
                    },
                },
            }));
        }
    }
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    writeln!(out)
}
