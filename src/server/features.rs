//! What the server answers: diagnostics for a document (its findings, or a
//! config's or a phrasebook's own errors), code actions and hover.

use std::path::Path;
use std::sync::Arc;

use lsp_types::{CodeActionParams, HoverParams};
use serde_json::{Value, json};

use super::Server;
use super::documents::{Document, Documents, Linted};
use super::workspace::{Workspace, configured};
use crate::catalog::Catalog;
use crate::config::{Config, FILE_NAME};
use crate::error::FileError;
use crate::finding::{FileOutcome, Finding};
use crate::fix::{self, Edit};
use crate::kind::FileKind;
use crate::lint::FileResult;
use crate::locate::{Encoding, Locator};
use crate::phrasebook::Phrasebook;
use crate::report::lsp::{diagnostic, position};
use crate::rules::Origin;
use crate::text::SourceText;

/// The code action kind of "apply every `replace:`".
pub const FIX_ALL: &str = "source.fixAll.phraselint";

/// What a document is, for linting.
enum Role {
    Prose(FileKind),
    Config,
    Phrasebook,
    /// Not ours to lint (source code, other YAML).
    None,
}

/// A document's diagnostics and version, linting it first if it changed.
pub fn diagnostics(
    documents: &mut Documents,
    workspace: &mut Workspace,
    uri: &str,
    encoding: Encoding,
) -> Option<(i32, Vec<Value>)> {
    let doc = documents.get_mut(uri)?;
    let version = doc.version;
    let linted = ensure_linted(doc, workspace, encoding);
    Some((version, linted.diagnostics.clone()))
}

fn ensure_linted<'d>(
    doc: &'d mut Document,
    workspace: &mut Workspace,
    encoding: Encoding,
) -> &'d Linted {
    if doc.linted.is_none() {
        doc.linted = Some(lint(doc, workspace, encoding));
    }
    doc.linted.as_ref().expect("just linted")
}

fn lint(doc: &Document, workspace: &mut Workspace, encoding: Encoding) -> Linted {
    let setup = workspace.setup(doc.path.as_deref());
    let nothing = Linted {
        diagnostics: Vec::new(),
        found: None,
    };
    match role(doc, &setup.config) {
        Role::None => nothing,
        Role::Config => Linted {
            diagnostics: config_errors(doc)
                .iter()
                .map(|e| error_diagnostic(doc, e, encoding))
                .collect(),
            found: None,
        },
        Role::Phrasebook => {
            let shown = doc.path.as_deref().unwrap_or(Path::new("phrasebook.yaml"));
            Linted {
                diagnostics: Phrasebook::parse(&doc.text, &shown.display().to_string())
                    .err()
                    .iter()
                    .map(|e| error_diagnostic(doc, e, encoding))
                    .collect(),
                found: None,
            }
        }
        Role::Prose(kind) => {
            let linter = match &setup.linter {
                Ok(linter) => linter,
                Err(errors) => {
                    // Said on the document, or it would look clean.
                    let first = &errors[0];
                    let more = match errors.len() {
                        1 => String::new(),
                        n => format!(" (and {} more)", n - 1),
                    };
                    return Linted {
                        diagnostics: vec![file_diagnostic(format!(
                            "phraselint cannot check this document: {first}{more}"
                        ))],
                        found: None,
                    };
                }
            };
            if let Some(path) = &doc.path
                && !crate::filter::scope::selects(&setup.config, path, &setup.config.root)
            {
                return nothing;
            }
            let path = doc.path.as_deref().unwrap_or(Path::new("untitled"));
            // Named as `check` names it, relative to its project's root, so
            // fingerprints agree.
            let root = match &setup.config.path {
                Some(_) => setup.config.root.clone(),
                None => crate::paths::repo_root(path.parent().unwrap_or(Path::new(""))),
            };
            let shown = crate::paths::relative_to(path, &root, &root);
            let shown = shown.display().to_string();
            match linter.lint_named(path, &shown, kind, doc.text.as_bytes()) {
                FileResult::Checked(outcome) => {
                    let locator = outcome.locator().counting_bom();
                    let diagnostics = outcome
                        .findings
                        .iter()
                        .map(|f| diagnostic(linter.catalog(), &outcome, &locator, f, encoding))
                        .collect();
                    Linted {
                        diagnostics,
                        found: Some((Arc::clone(&setup), outcome)),
                    }
                }
                FileResult::Failed(e) => Linted {
                    diagnostics: vec![file_diagnostic(format!(
                        "phraselint cannot check this document: {}",
                        e.message
                    ))],
                    found: None,
                },
                FileResult::Binary(_) | FileResult::TooLarge(..) | FileResult::NotAFile(_) => {
                    nothing
                }
            }
        }
    }
}

/// By the file's name, then the config's text extensions, then the
/// editor's language id (an untitled buffer).
fn role(doc: &Document, config: &Config) -> Role {
    if let Some(path) = &doc.path {
        if path.file_name().is_some_and(|n| n == FILE_NAME) {
            return Role::Config;
        }
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        if matches!(extension.as_deref(), Some("yaml" | "yml")) {
            return if crate::yaml::declares(&doc.text, &["phrasebook"]) {
                Role::Phrasebook
            } else {
                Role::None
            };
        }
        match FileKind::from_path(path) {
            Some(kind) if kind.is_document() => return Role::None,
            Some(kind) => return Role::Prose(kind),
            None => {}
        }
        if extension.is_some_and(|e| config.text_extensions.contains(&e)) {
            return Role::Prose(FileKind::Text);
        }
    }
    match doc.language.as_str() {
        "markdown" => Role::Prose(FileKind::Markdown),
        "mdx" => Role::Prose(FileKind::Mdx),
        "html" => Role::Prose(FileKind::Html),
        "plaintext" | "text" => Role::Prose(FileKind::Text),
        _ => Role::None,
    }
}

/// A config's own errors, from its unsaved text: the file, then the
/// phrasebooks it names and its overrides.
fn config_errors(doc: &Document) -> Vec<FileError> {
    let Some(path) = &doc.path else {
        return Vec::new();
    };
    let folder = path.parent().unwrap_or(Path::new("/"));
    match Config::parse(doc.text.clone(), path, folder) {
        Err(e) => vec![e],
        Ok(config) => configured(&config).err().unwrap_or_default(),
    }
}

/// An error in a YAML document at its line and column; one in another file
/// (a phrasebook a config names) at the top, naming that file.
fn error_diagnostic(doc: &Document, e: &FileError, encoding: Encoding) -> Value {
    let own = doc
        .path
        .as_deref()
        .is_some_and(|p| Path::new(&e.path) == p || p.ends_with(&e.path));
    let Some((line, column)) = e.position.filter(|_| own) else {
        let message = if own {
            e.message.clone()
        } else {
            e.to_string()
        };
        return file_diagnostic(message);
    };
    let source = SourceText::decode(doc.text.as_bytes());
    let locator = Locator::new(&source).counting_bom();
    let start = locator.offset(line, column, Encoding::Chars);
    // To the end of the word (or the line) it points at; a key ends before
    // its colon, a value such as a URL goes on through its own colons. The
    // offset is in the decoded text (a BOM left out), not the document's.
    let rest = &source.text[start..];
    let word = rest
        .find(|c: char| c.is_whitespace() || c == ',' || c == ']' || c == '}')
        .unwrap_or(rest.len());
    let end = start + rest[..word].strip_suffix(':').map_or(word, str::len);
    json!({
        "range": {
            "start": position(&locator, start, encoding),
            "end": position(&locator, end, encoding),
        },
        "severity": 1,
        "source": "phraselint",
        "message": e.message,
    })
}

/// A diagnostic about the whole document, on its first character.
fn file_diagnostic(message: String) -> Value {
    json!({
        "range": {
            "start": { "line": 0, "character": 0 },
            "end": { "line": 0, "character": 0 },
        },
        "severity": 1,
        "source": "phraselint",
        "message": message,
    })
}

/// The document's findings and catalogue, linted now if it changed.
fn found<'d>(server: &'d mut Server, uri: &str) -> Option<(&'d Catalog, &'d FileOutcome)> {
    let encoding = server.encoding;
    let doc = server.documents.get_mut(uri)?;
    let linted = ensure_linted(doc, &mut server.workspace, encoding);
    let (setup, outcome) = linted.found.as_ref()?;
    let linter = setup.linter.as_ref().ok()?;
    Some((linter.catalog(), outcome))
}

fn text_edit(locator: &Locator, edit: &Edit, encoding: Encoding) -> Value {
    json!({
        "range": {
            "start": position(locator, edit.span.start, encoding),
            "end": position(locator, edit.span.end, encoding),
        },
        "newText": edit.text,
    })
}

fn workspace_edit(uri: &str, locator: &Locator, edits: &[Edit], encoding: Encoding) -> Value {
    let edits: Vec<Value> = edits
        .iter()
        .map(|e| text_edit(locator, e, encoding))
        .collect();
    json!({ "changes": { uri: edits } })
}

/// A text offset of an LSP position (0-based line and character).
fn offset(locator: &Locator, p: lsp_types::Position, encoding: Encoding) -> usize {
    locator.offset(p.line as usize + 1, p.character as usize + 1, encoding)
}

pub fn code_actions(server: &mut Server, params: CodeActionParams) -> Value {
    let encoding = server.encoding;
    let uri = params.text_document.uri.as_str().to_owned();
    let only = params.context.only;
    let wants = |kind: &str| {
        only.as_ref().is_none_or(|only| {
            only.iter().any(|k| {
                let k = k.as_str();
                kind == k || kind.strip_prefix(k).is_some_and(|r| r.starts_with('.'))
            })
        })
    };
    let (want_quick, want_all) = (wants("quickfix"), wants(FIX_ALL));
    let Some((catalog, outcome)) = found(server, &uri) else {
        return json!([]);
    };
    let locator = outcome.locator().counting_bom();
    let start = offset(&locator, params.range.start, encoding);
    let end = offset(&locator, params.range.end, encoding).max(start);
    let mut actions = Vec::new();
    let touched = |f: &&Finding| !f.missing && f.span.start <= end && start <= f.span.end;
    for f in outcome
        .findings
        .iter()
        .filter(touched)
        .filter(|_| want_quick)
    {
        let rule = catalog.rule(f.rule);
        let diagnostic = diagnostic(catalog, outcome, &locator, f, encoding);
        for (i, s) in rule.suggestions().iter().enumerate() {
            let edit = fix::replacement(outcome, f, s);
            // The edit may keep a line break or markup; the title reads as one line.
            let shown = fix::keep_case(outcome.matched(&f.span), s);
            let shown: Vec<&str> = shown.split_whitespace().collect();
            actions.push(json!({
                "title": format!("Replace with \"{}\"", shown.join(" ")),
                "kind": "quickfix",
                "diagnostics": [diagnostic],
                "isPreferred": i == 0,
                "edit": workspace_edit(&uri, &locator, &[edit], encoding),
            }));
        }
        if let Origin::Book(_) = rule.origin
            && rule.suppressible
            && let Some(edit) = fix::suppression(outcome, f, &rule.full_id)
        {
            actions.push(json!({
                "title": format!("Suppress {} with a comment", rule.full_id),
                "kind": "quickfix",
                "diagnostics": [diagnostic],
                "edit": workspace_edit(&uri, &locator, &[edit], encoding),
            }));
        }
    }
    if want_all {
        let safe = fix::safe_edits(catalog, outcome);
        // Text edits must not overlap.
        let edits: Vec<Edit> = fix::sorted(&safe).into_iter().cloned().collect();
        if !edits.is_empty() {
            actions.push(json!({
                "title": "phraselint: apply every replace:",
                "kind": FIX_ALL,
                "edit": workspace_edit(&uri, &locator, &edits, encoding),
            }));
        }
    }
    Value::Array(actions)
}

pub fn hover(server: &mut Server, params: HoverParams) -> Value {
    let encoding = server.encoding;
    let p = params.text_document_position_params;
    let Some((catalog, outcome)) = found(server, p.text_document.uri.as_str()) else {
        return Value::Null;
    };
    let locator = outcome.locator().counting_bom();
    let at = offset(&locator, p.position, encoding);
    let hits: Vec<&Finding> = outcome
        .findings
        .iter()
        .filter(|f| !f.missing && f.span.start <= at && at <= f.span.end)
        .collect();
    let Some(first) = hits.first() else {
        return Value::Null;
    };
    let mut parts = Vec::new();
    for f in &hits {
        let rule = catalog.rule(f.rule);
        let mut part = format!(
            "**{}**\n\n`{}` ({}, {})",
            f.message(rule),
            rule.full_id,
            catalog.origin_name(rule),
            f.severity.as_str()
        );
        let suggested = rule.suggestions();
        if !suggested.is_empty() {
            let list: Vec<String> = suggested.iter().map(|s| format!("\"{s}\"")).collect();
            part.push_str(&format!("\n\nInstead: {}", list.join(", ")));
        }
        if let Some(link) = &rule.link {
            part.push_str(&format!("\n\n[{link}]({link})"));
        }
        parts.push(part);
    }
    json!({
        "contents": { "kind": "markdown", "value": parts.join("\n\n---\n\n") },
        "range": {
            "start": position(&locator, first.span.start, encoding),
            "end": position(&locator, first.span.end, encoding),
        },
    })
}
