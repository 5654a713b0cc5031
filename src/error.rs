//! Errors the library reports: every one names the file, and where it can,
//! the line and column.

use std::fmt;

/// A problem with an input file (a phrasebook, the config, a checked file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub path: String,
    /// 1-based line and column, when the problem has a place in the file.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl FileError {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> FileError {
        FileError {
            path: path.into(),
            position: None,
            message: message.into(),
        }
    }

    pub fn at(
        path: impl Into<String>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> FileError {
        FileError {
            path: path.into(),
            position: Some((line, column)),
            message: message.into(),
        }
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => write!(f, "{}:{line}:{column}: {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for FileError {}

/// The first line of a panic's message, for a one-line error.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let text = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    text.lines().next().unwrap_or_default().to_owned()
}
