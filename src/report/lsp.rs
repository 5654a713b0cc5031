//! LSP diagnostics: one `PublishDiagnosticsParams` a checked file, a JSON
//! object a line, with 0-based lines and UTF-16 `character` offsets, for
//! editors and diagnostics bridges. A file without findings gets an empty
//! list, which clears what an editor showed before.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Report, located_message};
use crate::catalog::Catalog;
use crate::finding::{FileOutcome, Finding};
use crate::locate::{Encoding, Locator};
use crate::rules::{Origin, Severity};

/// An LSP position (0-based) of a text offset, its column counted in
/// `encoding`.
pub fn position(locator: &Locator, offset: usize, encoding: Encoding) -> Value {
    let p = locator.position(offset, encoding);
    json!({ "line": p.line - 1, "character": p.column - 1 })
}

/// A finding as an LSP `Diagnostic`, for this format and the language
/// server: exact range, severity, rule id and link, and in `data` what a
/// quick fix or a hover needs (suggestions, the rule's book and version).
pub fn diagnostic(
    catalog: &Catalog,
    file: &FileOutcome,
    locator: &Locator,
    f: &Finding,
    encoding: Encoding,
) -> Value {
    let rule = catalog.rule(f.rule);
    let (book, version) = match rule.origin {
        Origin::Book(b) => (
            catalog.book(b).name.clone(),
            catalog.book(b).version.to_string(),
        ),
        Origin::Phraselint => (
            "phraselint".to_owned(),
            env!("CARGO_PKG_VERSION").to_owned(),
        ),
    };
    let mut d = json!({
        "range": {
            "start": position(locator, f.span.start, encoding),
            "end": position(locator, f.span.end, encoding),
        },
        "severity": match f.severity {
            Severity::Error => 1,
            Severity::Warning => 2,
            Severity::Info => 3,
        },
        "code": rule.full_id,
        "source": "phraselint",
        "message": located_message(file, f, rule),
        "data": {
            "suggestions": rule.suggestions(),
            "rule": rule.full_id,
            "book": book,
            "version": version,
            "fingerprint": f.fingerprint,
        },
    });
    if let Some(link) = &rule.link {
        d["codeDescription"] = json!({ "href": link });
    }
    d
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let by_file: std::collections::HashMap<&std::path::Path, &FileOutcome> =
        report.files.iter().map(|f| (f.file.as_path(), f)).collect();
    for (_, file) in &report.checked_paths {
        let diagnostics: Vec<Value> = by_file
            .get(file.as_path())
            .map(|f| {
                let locator = f.locator();
                f.findings
                    .iter()
                    .map(|x| diagnostic(report.catalog, f, &locator, x, Encoding::Utf16))
                    .collect()
            })
            .unwrap_or_default();
        let params = json!({ "uri": report.file_uri(file), "diagnostics": diagnostics });
        serde_json::to_writer(&mut *out, &params)?;
        writeln!(out)?;
    }
    Ok(())
}
