//! GitLab Code Quality report: a JSON array, one issue a finding.

use std::io::{self, Write};

use serde::ser::{Serialize, SerializeSeq, Serializer};
use serde_json::json;

use super::{Report, located_message};
use crate::rules::Severity;

/// The issues, each serialized as it is made (as the JSON and SARIF
/// reports stream theirs).
struct Issues<'a>(&'a Report<'a>);

impl Serialize for Issues<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let report = self.0;
        let mut issues = serializer.serialize_seq(None)?;
        for file in &report.files {
            let locator = file.locator();
            for f in &file.findings {
                let rule = report.catalog.rule(f.rule);
                let matched = file.matched(&f.span).split_whitespace().collect::<Vec<_>>();
                issues.serialize_element(&json!({
                    "description": format!(
                        "{} ({})",
                        located_message(file, f, rule),
                        matched.join(" ")
                    ),
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
                }))?;
            }
        }
        issues.end()
    }
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &Issues(report))?;
    writeln!(out)
}
