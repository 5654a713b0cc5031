//! The JSON report, schema version 1 (PRODUCT.md §7).

use std::io::{self, Write};

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::{Value, json};

use super::Report;
use crate::finding::{FileOutcome, Finding};
use crate::locate::{Encoding, Locator};

pub const SCHEMA_VERSION: u32 = 1;

fn position(locator: &Locator, offset: usize) -> Value {
    let p = locator.position(offset, Encoding::Chars);
    json!({ "offset": p.offset, "line": p.line, "column": p.column })
}

/// One finding's object.
fn finding(report: &Report, file: &FileOutcome, locator: &Locator, f: &Finding) -> Value {
    let rule = report.catalog.rule(f.rule);
    let mut finding = json!({
        "path": file.path,
        "rule": rule.full_id,
        "severity": f.severity.as_str(),
        "message": f.message(rule),
        "matched": file.matched(&f.span),
        "start": position(locator, f.span.start),
        "end": position(locator, f.span.end),
        "suggestions": rule.suggestions(),
        "link": rule.link,
        "fingerprint": f.fingerprint,
    });
    if let Some(location) = file.location(f) {
        finding["location"] = json!(location);
    }
    finding
}

/// The `findings` array, each serialized as it is made: a million findings
/// never stand in memory as JSON values at once.
struct Findings<'a>(&'a Report<'a>);

impl Serialize for Findings<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        for file in &self.0.files {
            let locator = file.locator();
            for f in &file.findings {
                seq.serialize_element(&finding(self.0, file, &locator, f))?;
            }
        }
        seq.end()
    }
}

/// The `suppressions` array, streamed the same way.
struct Suppressions<'a>(&'a Report<'a>);

impl Serialize for Suppressions<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        for file in &self.0.files {
            let locator = file.locator();
            for s in &file.suppressed {
                seq.serialize_element(&json!({
                    "path": file.path,
                    "rule": self.0.catalog.rule(s.rule).full_id,
                    "line": locator.line(s.span.start),
                    "reason": s.reason,
                    "comment_line": locator.line(s.directive.start),
                    "blanket": s.blanket,
                }))?;
            }
        }
        seq.end()
    }
}

/// The whole document, its keys in the order a `serde_json` map writes
/// them (sorted), so the output is what serializing one value for all
/// would give, byte for byte.
struct Document<'a>(&'a Report<'a>);

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let report = self.0;
        let counts = report.counts();
        let errors: Vec<Value> = report
            .errors
            .iter()
            .map(|e| {
                let mut v = json!({ "path": e.path, "message": e.message });
                if let Some((line, column)) = e.position {
                    v["line"] = json!(line);
                    v["column"] = json!(column);
                }
                v
            })
            .collect();
        let not_checked: Vec<Value> = report
            .not_checked
            .iter()
            .map(|e| json!({ "path": e.path, "message": e.message }))
            .collect();
        let mut map = serializer.serialize_map(Some(8))?;
        map.serialize_entry("errors", &errors)?;
        map.serialize_entry("findings", &Findings(report))?;
        map.serialize_entry("not_checked", &not_checked)?;
        map.serialize_entry("phrasebooks", &super::books_json(report.catalog))?;
        let mut summary = json!({
                "files": report.checked,
                "skipped": report.skipped,
                "not_checked": report.not_checked.len(),
                "findings": counts.total(),
                "error": counts.error,
                "warning": counts.warning,
                "info": counts.info,
        });
        if let Some(fixed) = report.fixed {
            summary["fixed"] = json!(fixed);
        }
        map.serialize_entry("summary", &summary)?;
        map.serialize_entry("suppressions", &Suppressions(report))?;
        map.serialize_entry(
            "tool",
            &json!({ "name": "phraselint", "version": env!("CARGO_PKG_VERSION") }),
        )?;
        map.serialize_entry("version", &SCHEMA_VERSION)?;
        map.end()
    }
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &Document(report))?;
    writeln!(out)
}
