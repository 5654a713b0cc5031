//! SARIF 2.1.0, as GitHub code scanning reads it: every loaded rule with its
//! help, results with paths relative to the repository root and UTF-16
//! columns, fingerprints, suppressed results marked as such, and the
//! phrasebooks (name, version, sha256) recorded on the run.

use std::io::{self, Write};
use std::ops::Range;

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
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
    let suggestions = rule.suggestions();
    if !suggestions.is_empty() {
        help.push_str(&format!(" Say instead: {}.", suggestions.join(", ")));
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

/// The `results` array: findings, then suppressed findings, each
/// serialized as it is made, so a million results never stand in memory as
/// JSON values at once.
struct Results<'a>(&'a Report<'a>);

impl Serialize for Results<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let report = self.0;
        let catalog = report.catalog;
        let mut seq = serializer.serialize_seq(None)?;
        for file in &report.files {
            let locator = file.locator();
            for f in &file.findings {
                let rule = catalog.rule(f.rule);
                let matched = file.matched(&f.span).split_whitespace().collect::<Vec<_>>();
                seq.serialize_element(&json!({
                    "ruleId": rule.full_id,
                    "ruleIndex": f.rule.index(),
                    "level": level(f.severity),
                    "message": { "text": format!("{} (\"{}\")", rule.message, matched.join(" ")) },
                    "locations": location(report, file, &locator, &f.span),
                    "partialFingerprints": { "phraselint/v1": f.fingerprint },
                }))?;
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
                seq.serialize_element(&r)?;
            }
        }
        seq.end()
    }
}

/// The one run, its keys in the order a `serde_json` map writes them
/// (sorted), so the output is byte for byte what one value for all gives.
struct Run<'a>(&'a Report<'a>);

impl Serialize for Run<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let report = self.0;
        let rules: Vec<Value> = report.catalog.rules().map(|(_, r)| rule_entry(r)).collect();
        let mut map = serializer.serialize_map(Some(6))?;
        map.serialize_entry("columnKind", "utf16CodeUnits")?;
        map.serialize_entry(
            "invocations",
            &json!([{
                "executionSuccessful": report.errors.is_empty(),
                "toolExecutionNotifications": report.errors.iter().map(|e| json!({
                    "level": "error",
                    "message": { "text": e.to_string() },
                })).chain(report.not_checked.iter().map(|e| json!({
                    "level": "warning",
                    "message": { "text": format!("not checked {e}") },
                }))).collect::<Vec<_>>(),
            }]),
        )?;
        map.serialize_entry(
            "originalUriBaseIds",
            &json!({ "%SRCROOT%": { "uri": report.root_uri() } }),
        )?;
        map.serialize_entry("properties", &json!({ "phrasebooks": report.books_json() }))?;
        map.serialize_entry("results", &Results(report))?;
        map.serialize_entry(
            "tool",
            &json!({ "driver": {
                "name": "phraselint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/phraselint/phraselint",
                "rules": rules,
            }}),
        )?;
        map.end()
    }
}

/// The log: `$schema`, `runs`, `version`, as a map writes them (sorted).
struct Log<'a>(&'a Report<'a>);

impl Serialize for Log<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("$schema", SCHEMA)?;
        map.serialize_entry("runs", &[Run(self.0)])?;
        map.serialize_entry("version", "2.1.0")?;
        map.end()
    }
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &Log(report))?;
    writeln!(out)
}
