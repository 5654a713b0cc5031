//! The JSON report, schema version 1 (PRODUCT.md §7).

use std::io::{self, Write};

use serde_json::{Value, json};

use super::Report;
use crate::locate::{Encoding, Locator};

pub const SCHEMA_VERSION: u32 = 1;

fn position(locator: &Locator, offset: usize) -> Value {
    let p = locator.position(offset, Encoding::Chars);
    json!({ "offset": p.offset, "line": p.line, "column": p.column })
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let catalog = report.catalog;
    let counts = report.counts();
    let mut findings: Vec<Value> = Vec::new();
    let mut suppressions: Vec<Value> = Vec::new();
    for file in &report.files {
        let locator = file.locator();
        for f in &file.findings {
            let rule = catalog.rule(f.rule);
            let mut finding = json!({
                "path": file.path,
                "rule": rule.full_id,
                "severity": f.severity.as_str(),
                "message": rule.message,
                "matched": file.matched(&f.span),
                "start": position(&locator, f.span.start),
                "end": position(&locator, f.span.end),
                "suggestions": rule.suggest,
                "link": rule.link,
                "fingerprint": f.fingerprint,
            });
            if let Some(location) = file.location(f) {
                finding["location"] = json!(location);
            }
            findings.push(finding);
        }
        for s in &file.suppressed {
            suppressions.push(json!({
                "path": file.path,
                "rule": catalog.rule(s.rule).full_id,
                "line": locator.line(s.span.start),
                "reason": s.reason,
            }));
        }
    }
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
