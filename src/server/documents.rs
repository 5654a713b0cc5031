//! The documents open in the editor: their unsaved text and, once linted,
//! what was found in it. A document holds its text and at most one copy of
//! it in its findings, so memory per document is bounded by its size (and
//! a message's size by [`super::transport::MAX_MESSAGE_BYTES`]).

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use serde_json::Value;

use super::workspace::Setup;
use crate::finding::FileOutcome;

pub struct Document {
    pub path: Option<PathBuf>,
    pub language: String,
    pub text: String,
    pub version: i32,
    /// The last lint of this text; `None` after a change.
    pub linted: Option<Linted>,
}

pub struct Linted {
    pub diagnostics: Vec<Value>,
    /// For quick fixes and hover: the findings and the linter that found
    /// them (a prose document that was checked).
    pub found: Option<(Arc<Setup>, FileOutcome)>,
}

#[derive(Default)]
pub struct Documents {
    by_uri: HashMap<String, Document>,
    /// Open documents whose diagnostics are to be published.
    dirty: BTreeSet<String>,
}

impl Documents {
    pub fn open(&mut self, uri: &str, language: &str, text: String, version: i32) {
        self.by_uri.insert(
            uri.to_owned(),
            Document {
                path: crate::paths::uri_file(uri),
                language: language.to_owned(),
                text,
                version,
                linted: None,
            },
        );
        self.dirty.insert(uri.to_owned());
    }

    /// A new text for an open document; a document not open is ignored.
    pub fn change(&mut self, uri: &str, text: String, version: i32) {
        if let Some(doc) = self.by_uri.get_mut(uri) {
            doc.text = text;
            doc.version = version;
            doc.linted = None;
            self.dirty.insert(uri.to_owned());
        }
    }

    /// Whether the document was open.
    pub fn close(&mut self, uri: &str) -> bool {
        self.dirty.remove(uri);
        self.by_uri.remove(uri).is_some()
    }

    /// Every open document is to be linted again.
    pub fn all_dirty(&mut self) {
        for (uri, doc) in &mut self.by_uri {
            doc.linted = None;
            self.dirty.insert(uri.clone());
        }
    }

    pub fn take_dirty(&mut self) -> Vec<String> {
        std::mem::take(&mut self.dirty).into_iter().collect()
    }

    pub fn get_mut(&mut self, uri: &str) -> Option<&mut Document> {
        self.by_uri.get_mut(uri)
    }
}
