//! phraselint: a fast marketing-language compliance linter.
//!
//! The library is the engine every front shares (the command line, tests,
//! benches); it never prints and knows no flags. The data flows one way, a
//! module a step:
//!
//! paths → [`discover`] → read and decode ([`text::decode`]) → [`extract`]
//! (prose blocks folded by [`text::fold`], with a map back to the text) →
//! [`matcher`] (one aho-corasick automaton for every phrase of every rule,
//! compiled from the [`catalog`]) → [`filter`]s (allowed phrases, `near`,
//! suppressions; scope and baseline around them) → [`finding`]s, each one
//! span in its file's text → [`report`]ers, which ask [`locate`] for lines
//! and columns in the encoding they count in. [`lint::Linter`] runs the
//! per-file steps, files in parallel.
//!
//! Modules use only those below them: leaves ([`error`], [`paths`],
//! [`yaml`], [`text`], [`kind`], [`pattern`], [`inflect`]) → [`rules`], [`finding`],
//! [`locate`] → [`phrasebook`], [`config`] → [`catalog`] → [`matcher`],
//! [`extract`] → [`filter`] → [`discover`] → [`lint`] → [`report`] and
//! [`fix`] (edits for `check --fix` and the language server's code actions)
//! → [`server`] (`phraselint lsp`).
//!
//! ```
//! use std::path::Path;
//! use phraselint::extract::FileKind;
//! use phraselint::lint::{FileResult, Linter};
//! use phraselint::locate::Encoding;
//!
//! let linter = Linter::built_in();
//! let text = b"Frontier **enables**\naccess to GPT models.\n";
//! let FileResult::Checked(outcome) =
//!     linter.lint_document(Path::new("launch.md"), FileKind::Markdown, text)
//! else {
//!     panic!("a Markdown text is checked");
//! };
//! let finding = &outcome.findings[0];
//! let rule = linter.catalog().rule(finding.rule);
//! assert_eq!(rule.full_id, "partner-ai/enables-access");
//! assert_eq!(finding.span, 11..27);
//! assert_eq!(outcome.matched(&finding.span), "enables**\naccess");
//! let end = outcome.locator().position(finding.span.end, Encoding::Utf16);
//! assert_eq!((end.line, end.column), (2, 7));
//! ```

pub mod catalog;
pub mod config;
pub mod discover;
pub mod error;
pub mod extract;
pub mod filter;
pub mod finding;
pub mod fix;
pub mod inflect;
pub mod json_schema;
pub mod kind;
pub mod lint;
pub mod locate;
pub mod matcher;
pub mod paths;
pub mod pattern;
pub mod phrasebook;
pub mod project;
pub mod report;
pub mod rules;
pub mod server;
pub mod text;
pub mod yaml;
