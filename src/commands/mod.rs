//! The subcommands, one module each; argument types live in `cli`.

pub mod book_test;
pub mod check;
pub mod diff;
pub mod explain;
pub mod init;
pub mod show;

use std::path::{Path, PathBuf};

use crate::cli::{load_books, load_config};
use crate::compile::RuleSet;
use crate::error::FileError;

/// The phrasebooks a command works on: `files` when given, else the
/// configured ones, else the built-in books.
pub fn rule_set(
    files: &[PathBuf],
    config: Option<&Path>,
    cwd: &Path,
) -> Result<RuleSet, Vec<FileError>> {
    let config = load_config(config, cwd).map_err(|e| vec![e])?;
    load_books(files, &config).map(RuleSet::new)
}
