//! Errors the library reports: every one names the file, and where it can,
//! the line and column, with that line's text so a front can show it
//! without reading the file again.

use std::fmt;

/// A problem with an input file (a phrasebook, the config, a checked file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub path: String,
    /// 1-based line and column, when the problem has a place in the file.
    pub position: Option<(usize, usize)>,
    pub message: String,
    /// The text of the line at `position`, when the loader had it.
    pub line_text: Option<String>,
}

impl FileError {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> FileError {
        FileError {
            path: path.into(),
            position: None,
            message: message.into(),
            line_text: None,
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
            line_text: None,
        }
    }

    /// Keeps the text of the error's line, taken from the file's `text`.
    pub fn in_text(mut self, text: &str) -> FileError {
        if let Some((line, _)) = self.position {
            self.line_text = crate::text::lines::lines(text)
                .nth(line.saturating_sub(1))
                .map(|(_, l)| l.trim_end_matches(['\n', '\r']).to_owned());
        }
        self
    }

    /// An I/O error reading or writing `path`.
    pub fn io(path: impl Into<String>, e: &std::io::Error) -> FileError {
        FileError::new(path, io_message(e))
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

/// An I/O error's message without the path, which the error puts before it.
/// The walk's errors wrap the OS error in one that names the path again
/// (`IO error for operation on x.md: …`): the OS error is used instead.
pub fn io_message(e: &std::io::Error) -> String {
    let os = e
        .get_ref()
        .and_then(|inner| inner.source())
        .and_then(|source| source.downcast_ref::<std::io::Error>())
        .unwrap_or(e);
    match os.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => os.to_string(),
    }
}

/// The most characters of a file's text an error quotes.
const MAX_QUOTED: usize = 24;

/// `message` with its first `"…"` (serde's escaped quoting of a value) or
/// `` `…` `` (a key or variant) cut short with `…` when longer than
/// [`MAX_QUOTED`] characters: serde quotes the file's text first, then its
/// own expectations (`expected one of `…``), which stay whole.
pub fn short_quotes(message: &str) -> String {
    let Some(open) = message.find(['"', '`']) else {
        return message.to_owned();
    };
    let quote = message[open..].chars().next().unwrap_or('"');
    let mut out = message[..=open].to_owned();
    let mut rest = message[open + 1..].char_indices();
    let mut escaped = false;
    let mut quoted = 0;
    for (i, q) in rest.by_ref() {
        if q == quote && !escaped {
            if quoted > MAX_QUOTED {
                out.push('…');
            }
            out.push_str(&message[open + 1 + i..]);
            return out;
        }
        escaped = quote == '"' && q == '\\' && !escaped;
        quoted += 1;
        if quoted <= MAX_QUOTED {
            out.push(q);
        }
    }
    // Never closed: the cut text is all there is.
    if quoted > MAX_QUOTED {
        out.push('…');
    }
    out
}

/// The first line of a panic's message, for a one-line error.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let text = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    text.lines().next().unwrap_or_default().to_owned()
}
