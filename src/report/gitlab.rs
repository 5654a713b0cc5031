//! GitLab Code Quality report: a JSON array, one issue a finding.

use std::io::{self, Write};

use serde_json::json;

use super::Report;
use crate::rules::Severity;

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let issues: Vec<_> = report
        .findings()
        .map(|(file, f)| {
            let rule = &report.rules.rules[f.rule];
            json!({
                "description": format!("{} ({})", rule.message, f.matched.split_whitespace().collect::<Vec<_>>().join(" ")),
                "check_name": rule.full_id,
                "fingerprint": f.fingerprint,
                "severity": match f.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Info => "info",
                },
                "location": {
                    "path": report.repo_path(&file.file),
                    "lines": { "begin": f.start.line, "end": f.end.line },
                },
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    writeln!(out)
}
