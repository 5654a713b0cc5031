//! The subcommands, one module each; argument types live in `cli`.

pub mod baseline;
pub mod book_test;
pub mod changed;
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

/// Writes to a temporary file beside `path` and renames it into place, so
/// no reader ever sees half a file.
pub fn write_whole(path: &Path, content: &str) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::write(&tmp, content).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
