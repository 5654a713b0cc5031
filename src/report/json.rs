//! The JSON report, schema version 1 (PRODUCT.md §7).

use std::io::{self, Write};

use serde_json::{Value, json};

use super::Report;
use crate::finding::Position;

pub const SCHEMA_VERSION: u32 = 1;

fn position(p: &Position) -> Value {
    json!({ "offset": p.offset, "line": p.line, "column": p.column })
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let rules = &report.rules.rules;
    let counts = report.counts();
    let findings: Vec<Value> = report
        .findings()
        .map(|(file, f)| {
            let rule = &rules[f.rule];
            let mut finding = json!({
                "path": file.path,
                "rule": rule.full_id,
                "severity": f.severity.as_str(),
                "message": rule.message,
                "matched": f.matched,
                "start": position(&f.start),
                "end": position(&f.end),
                "suggestions": rule.suggest,
                "link": rule.link,
                "fingerprint": f.fingerprint,
            });
            if let Some(location) = &f.location {
                finding["location"] = json!(location);
            }
            finding
        })
        .collect();
    let suppressions: Vec<Value> = report
        .files
        .iter()
        .flat_map(|file| {
            file.suppressed.iter().map(move |s| {
                json!({
                    "path": file.path,
                    "rule": rules[s.rule].full_id,
                    "line": s.line,
                    "reason": s.reason,
                })
            })
        })
        .collect();
    let doc = json!({
        "version": SCHEMA_VERSION,
        "tool": { "name": "phraselint", "version": env!("CARGO_PKG_VERSION") },
        "phrasebooks": report.books_json(),
        "summary": {
            "files": report.checked,
            "skipped": report.skipped,
            "findings": counts.total(),
            "error": counts.error,
            "warning": counts.warning,
            "info": counts.info,
        },
        "findings": findings,
        "suppressions": suppressions,
        "errors": report.errors.iter().map(|e| {
            let mut v = json!({ "path": e.path, "message": e.message });
            if let Some((line, column)) = e.position {
                v["line"] = json!(line);
                v["column"] = json!(column);
            }
            v
        }).collect::<Vec<_>>(),
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
