//! SARIF 2.1.0, as GitHub code scanning reads it: every loaded rule with its
//! help, results with paths relative to the repository root and UTF-16
//! columns, fingerprints, suppressed results marked as such, and the
//! phrasebooks (name, version, sha256) recorded on the run.

use std::io::{self, Write};
use std::ops::Range;
use std::path::Path;

use serde_json::{Value, json};

use super::Report;
use crate::finding::FileOutcome;
use crate::locate::{Encoding, Locator};
use crate::rules::{Rule, Severity};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule_entry(rule: &Rule) -> Value {
    let mut help = rule.message.clone();
    if !rule.suggest.is_empty() {
        help.push_str(&format!(" Say instead: {}.", rule.suggest.join(", ")));
    }
    let phrases = rule.banned().join(", ");
    let full = if phrases.is_empty() {
        rule.message.clone()
    } else {
        format!("{} Phrases: {phrases}.", rule.message)
    };
    let mut entry = json!({
        "id": rule.full_id,
        "name": rule.id,
        "shortDescription": { "text": rule.message },
        "fullDescription": { "text": full },
        "help": { "text": help.clone(), "markdown": help },
        "defaultConfiguration": { "level": level(rule.severity) },
    });
    if let Some(link) = &rule.link {
        entry["helpUri"] = json!(link);
    }
    entry
}

/// A span's place, its columns in UTF-16 code units.
fn location(report: &Report, file: &FileOutcome, locator: &Locator, span: &Range<usize>) -> Value {
    let start = locator.position(span.start, Encoding::Utf16);
    let end = locator.position(span.end, Encoding::Utf16);
    json!([{
        "physicalLocation": {
            "artifactLocation": { "uri": report.repo_uri(&file.file), "uriBaseId": "%SRCROOT%" },
            "region": {
                "startLine": start.line,
                "startColumn": start.column,
                "endLine": end.line,
                "endColumn": end.column,
            },
        }
    }])
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let catalog = report.catalog;
    let rules: Vec<Value> = catalog.rules().map(|(_, r)| rule_entry(r)).collect();
    let mut results: Vec<Value> = Vec::new();
    for file in &report.files {
        let locator = file.locator();
        for f in &file.findings {
            let rule = catalog.rule(f.rule);
            let matched = file.matched(&f.span).split_whitespace().collect::<Vec<_>>();
            results.push(json!({
                "ruleId": rule.full_id,
                "ruleIndex": f.rule.index(),
                "level": level(f.severity),
                "message": { "text": format!("{} (\"{}\")", rule.message, matched.join(" ")) },
                "locations": location(report, file, &locator, &f.span),
                "partialFingerprints": { "phraselint/v1": f.fingerprint },
            }));
        }
    }
    for file in &report.files {
        let locator = file.locator();
        for s in &file.suppressed {
            let rule = catalog.rule(s.rule);
            let mut r = json!({
                "ruleId": rule.full_id,
                "ruleIndex": s.rule.index(),
                "level": level(rule.severity),
                "message": { "text": rule.message },
                "locations": location(report, file, &locator, &s.span),
                "partialFingerprints": { "phraselint/v1": s.fingerprint },
                "suppressions": [ { "kind": "inSource" } ],
            });
            if let Some(reason) = &s.reason {
                r["suppressions"][0]["justification"] = json!(reason);
            }
            results.push(r);
        }
    }
    let doc = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "phraselint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/phraselint/phraselint",
                "rules": rules,
            }},
            "originalUriBaseIds": { "%SRCROOT%": { "uri": report.root_uri() } },
            "columnKind": "utf16CodeUnits",
            "results": results,
            "invocations": [{
                "executionSuccessful": report.errors.is_empty(),
                "toolExecutionNotifications": report.errors.iter().map(|e| json!({
                    "level": "error",
                    "message": { "text": e.to_string() },
                })).collect::<Vec<_>>(),
            }],
            "properties": {
                "phrasebooks": report.books_json(),
            },
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

/// A path as a URI reference: `/`-separated, percent-encoded (a `:` too,
/// which would otherwise read as a scheme). The name's own bytes are
/// encoded, so a name that is not UTF-8 (`caf\xE9.md`) still names its file
/// (`caf%E9.md`), which its lossy display (`caf%EF%BF%BD.md`) would not.
pub fn uri_path(path: &Path) -> String {
    let bytes = path.as_os_str().as_encoded_bytes();
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        let b = if b == b'\\' { b'/' } else { b };
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
