//! `phraselint lsp`: a language server (LSP 3.17) over a byte stream.
//!
//! Diagnostics for open Markdown, MDX, HTML and text documents from their
//! unsaved text, each with the nearest `.phraselint.yaml` above it; quick
//! fixes, fix-all and hover; diagnostics for phrasebooks and configs open in
//! the editor; a re-lint of every open document when a config or a book
//! changes on disk. The front wires it to stdio; nothing here prints.
//!
//! One thread reads frames (a malformed one is logged and skipped), the
//! other handles messages in order. Changes are coalesced: every message
//! already waiting is handled before the documents they touched are linted
//! and their diagnostics published, so a burst of keystrokes costs one lint.

mod documents;
mod features;
pub mod transport;
mod workspace;

use std::io::{BufRead, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc;

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{notification as note, request as req};
use serde_json::{Value, json};

use crate::error::panic_message;
use crate::locate::Encoding;
use documents::Documents;
use transport::Incoming;
use workspace::Workspace;

/// What the process should exit with: 0 after `shutdown` then `exit`, 1
/// when the stream ends or `exit` comes without `shutdown` (LSP 3.17).
pub fn serve(input: Box<dyn BufRead + Send>, output: &mut dyn Write) -> i32 {
    let (tx, rx) = mpsc::sync_channel(64);
    std::thread::spawn(move || {
        let mut input = input;
        loop {
            let incoming = transport::read(&mut *input);
            let last = match &incoming {
                Incoming::End => true,
                Incoming::Message(Message::Notification(n)) => n.method == note::Exit::METHOD,
                _ => false,
            };
            if tx.send(incoming).is_err() || last {
                return;
            }
        }
    });
    let mut server = Server {
        out: output,
        encoding: Encoding::Utf16,
        state: State::Uninitialized,
        documents: Documents::default(),
        workspace: Workspace::default(),
        next_id: 0,
    };
    loop {
        let Ok(incoming) = rx.recv() else {
            return 1;
        };
        if let Some(code) = server.take(incoming) {
            return code;
        }
        // Whatever else already arrived, before the lint it may make moot.
        while let Ok(incoming) = rx.try_recv() {
            if let Some(code) = server.take(incoming) {
                return code;
            }
        }
        server.publish_dirty();
    }
}

#[derive(PartialEq, Eq)]
enum State {
    Uninitialized,
    Running,
    ShutDown,
}

struct Server<'a> {
    out: &'a mut dyn Write,
    /// Negotiated at `initialize`: what a `character` counts.
    encoding: Encoding,
    state: State,
    documents: Documents,
    workspace: Workspace,
    next_id: i32,
}

impl Server<'_> {
    /// Handles one frame; `Some(code)` when the server should exit.
    fn take(&mut self, incoming: Incoming) -> Option<i32> {
        match incoming {
            Incoming::End => Some(1),
            Incoming::Malformed(why) => {
                self.log(
                    1,
                    &format!("phraselint: skipped a malformed message: {why}"),
                );
                None
            }
            Incoming::Message(Message::Request(r)) => {
                self.request(r);
                None
            }
            Incoming::Message(Message::Notification(n)) if n.method == note::Exit::METHOD => {
                Some(if self.state == State::ShutDown { 0 } else { 1 })
            }
            Incoming::Message(Message::Notification(n)) => {
                if self.state == State::Running {
                    let method = n.method.clone();
                    let failed = match catch_unwind(AssertUnwindSafe(|| self.notification(n))) {
                        Ok(handled) => handled.err(),
                        Err(panic) => Some(panic_message(&*panic)),
                    };
                    if let Some(why) = failed {
                        self.log(1, &format!("phraselint: {method} ignored: {why}"));
                    }
                }
                None
            }
            // Answers to the server's own requests (registering watchers).
            Incoming::Message(Message::Response(_)) => None,
        }
    }

    fn request(&mut self, r: Request) {
        let id = r.id.clone();
        let response = match (&self.state, r.method.as_str()) {
            (State::Uninitialized, req::Initialize::METHOD) => self.initialize(r),
            (State::Uninitialized, _) => Err((
                ErrorCode::ServerNotInitialized as i32,
                "the server is not initialized".to_owned(),
            )),
            (State::ShutDown, _) => Err((
                ErrorCode::InvalidRequest as i32,
                "the server is shut down".to_owned(),
            )),
            (State::Running, req::Shutdown::METHOD) => {
                self.state = State::ShutDown;
                Ok(Value::Null)
            }
            (State::Running, _) => {
                let method = r.method.clone();
                // A bug in one request is an error response; the server
                // keeps serving.
                catch_unwind(AssertUnwindSafe(|| self.dispatch(r))).unwrap_or_else(|panic| {
                    Err((
                        ErrorCode::InternalError as i32,
                        format!("{method} failed: {}", panic_message(&*panic)),
                    ))
                })
            }
        };
        let response = match response {
            Ok(result) => Response::new_ok(id, result),
            Err((code, message)) => Response::new_err(id, code, message),
        };
        self.send(Message::Response(response));
    }

    fn dispatch(&mut self, r: Request) -> Result<Value, (i32, String)> {
        match r.method.as_str() {
            req::CodeActionRequest::METHOD => {
                let params = parse(r.params).map_err(invalid)?;
                Ok(features::code_actions(self, params))
            }
            req::HoverRequest::METHOD => {
                let params = parse(r.params).map_err(invalid)?;
                Ok(features::hover(self, params))
            }
            req::Initialize::METHOD => Err((
                ErrorCode::InvalidRequest as i32,
                "the server is already initialized".to_owned(),
            )),
            method => Err((
                ErrorCode::MethodNotFound as i32,
                format!("phraselint does not implement {method}"),
            )),
        }
    }

    fn initialize(&mut self, r: Request) -> Result<Value, (i32, String)> {
        // Read field by field: a client's odd root URI or an unknown
        // capability must not fail the whole session.
        let offers_utf8 = r
            .params
            .pointer("/capabilities/general/positionEncodings")
            .and_then(Value::as_array)
            .is_some_and(|e| e.iter().any(|e| e == "utf-8"));
        self.encoding = if offers_utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        self.workspace.watch_dynamically = r
            .params
            .pointer("/capabilities/workspace/didChangeWatchedFiles/dynamicRegistration")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        self.state = State::Running;
        Ok(json!({
            "capabilities": {
                "positionEncoding": if offers_utf8 { "utf-8" } else { "utf-16" },
                "textDocumentSync": {
                    "openClose": true,
                    "change": 1,
                    "save": { "includeText": false },
                },
                "hoverProvider": true,
                "codeActionProvider": {
                    "codeActionKinds": ["quickfix", features::FIX_ALL],
                    "resolveProvider": false,
                },
                "workspace": {
                    "workspaceFolders": { "supported": true, "changeNotifications": true },
                },
            },
            "serverInfo": { "name": "phraselint", "version": env!("CARGO_PKG_VERSION") },
        }))
    }

    /// Handles a notification; invalid params are the caller's to log.
    fn notification(&mut self, n: Notification) -> Result<(), String> {
        let params = n.params;
        match n.method.as_str() {
            note::Initialized::METHOD if self.workspace.watch_dynamically => {
                self.register_watchers();
            }
            note::DidOpenTextDocument::METHOD => {
                let doc = parse::<lsp_types::DidOpenTextDocumentParams>(params)?.text_document;
                self.documents
                    .open(doc.uri.as_str(), &doc.language_id, doc.text, doc.version);
            }
            note::DidChangeTextDocument::METHOD => {
                let p = parse::<lsp_types::DidChangeTextDocumentParams>(params)?;
                // Full sync: the last change holds the whole text. A change
                // to a document not open is ignored.
                if let Some(change) = p.content_changes.into_iter().last() {
                    let doc = p.text_document;
                    self.documents
                        .change(doc.uri.as_str(), change.text, doc.version);
                }
            }
            note::DidCloseTextDocument::METHOD => {
                let p = parse::<lsp_types::DidCloseTextDocumentParams>(params)?;
                let uri = p.text_document.uri.as_str();
                if self.documents.close(uri) {
                    self.publish(uri, None, Vec::new());
                }
            }
            note::DidSaveTextDocument::METHOD => {
                let p = parse::<lsp_types::DidSaveTextDocumentParams>(params)?;
                if workspace::is_setting(p.text_document.uri.as_str()) {
                    self.settings_changed();
                }
            }
            note::DidChangeWatchedFiles::METHOD => {
                let p = parse::<lsp_types::DidChangeWatchedFilesParams>(params)?;
                if p.changes
                    .iter()
                    .any(|c| workspace::is_setting(c.uri.as_str()))
                {
                    self.settings_changed();
                }
            }
            // Config is found per document, so folders need no bookkeeping;
            // `$/` notifications may be ignored (LSP 3.17).
            _ => {}
        }
        Ok(())
    }

    /// A config or phrasebook changed on disk: every linter is built anew
    /// and every open document linted again.
    fn settings_changed(&mut self) {
        self.workspace.forget();
        self.documents.all_dirty();
    }

    fn register_watchers(&mut self) {
        let params = json!({
            "registrations": [{
                "id": "phraselint-settings",
                "method": note::DidChangeWatchedFiles::METHOD,
                "registerOptions": {
                    "watchers": [
                        { "globPattern": "**/.phraselint.yaml" },
                        { "globPattern": "**/*.{yaml,yml}" },
                    ],
                },
            }],
        });
        self.next_id += 1;
        let id = RequestId::from(format!("phraselint-{}", self.next_id));
        self.send(Message::Request(Request::new(
            id,
            req::RegisterCapability::METHOD.to_owned(),
            params,
        )));
    }

    fn publish_dirty(&mut self) {
        for uri in self.documents.take_dirty() {
            let Some((version, diagnostics)) = features::diagnostics(
                &mut self.documents,
                &mut self.workspace,
                &uri,
                self.encoding,
            ) else {
                continue;
            };
            self.publish(&uri, Some(version), diagnostics);
        }
    }

    fn publish(&mut self, uri: &str, version: Option<i32>, diagnostics: Vec<Value>) {
        let mut params = json!({ "uri": uri, "diagnostics": diagnostics });
        if let Some(version) = version {
            params["version"] = json!(version);
        }
        self.send(Message::Notification(Notification::new(
            note::PublishDiagnostics::METHOD.to_owned(),
            params,
        )));
    }

    /// `window/logMessage`: 1 error, 3 info.
    fn log(&mut self, kind: u8, message: &str) {
        self.send(Message::Notification(Notification::new(
            note::LogMessage::METHOD.to_owned(),
            json!({ "type": kind, "message": message }),
        )));
    }

    fn send(&mut self, message: Message) {
        // The client is gone if this fails; the reader sees the end next.
        let _ = message.write(&mut self.out).and_then(|()| self.out.flush());
    }
}

fn parse<T: serde::de::DeserializeOwned>(params: Value) -> Result<T, String> {
    serde_json::from_value(params).map_err(|e| format!("invalid params: {e}"))
}

fn invalid(why: String) -> (i32, String) {
    (ErrorCode::InvalidParams as i32, why)
}
