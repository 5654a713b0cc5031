//! phraselint: a fast marketing-language compliance linter.
//!
//! The data flows one way, a module a step:
//!
//! paths → [`discover`] → read and [`source`] decode → [`extract`] (prose
//! blocks folded by [`fold`], with a map back to source bytes) → [`scan`]
//! (one aho-corasick automaton for every phrase of every rule, built by
//! [`compile`]) → filters (allowed phrases in [`scan`], [`suppress`]ions) →
//! [`finding`]s → [`report`]ers. [`lint`] runs the per-file steps, files in
//! parallel.
//!
//! ```
//! use phraselint::{compile::RuleSet, extract::FileKind, lint, phrasebook::Phrasebook};
//!
//! let rules = RuleSet::new(Phrasebook::built_in());
//! let outcome = lint::lint_text(
//!     &rules,
//!     FileKind::Markdown,
//!     b"Frontier **enables**\naccess to GPT models.\n",
//!     &mut lint::Scratch::default(),
//! );
//! let finding = &outcome.findings[0];
//! assert_eq!(rules.rules[finding.rule].full_id, "partner-ai/enables-access");
//! assert_eq!((finding.start.offset, finding.end.offset), (11, 27));
//! ```

pub mod cli;
pub mod commands;
pub mod compile;
pub mod config;
pub mod discover;
pub mod error;
pub mod extract;
pub mod finding;
pub mod fold;
pub mod lint;
pub mod phrasebook;
pub mod report;
pub mod rules;
pub mod scan;
pub mod scope;
pub mod source;
pub mod suppress;
mod yaml;
