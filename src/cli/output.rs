//! What the command line writes besides reports: colour choice, and errors
//! (one line each, or on a terminal with the offending line shown).

use std::io::{self, IsTerminal};

use phraselint::error::FileError;

use super::args::ColorChoice;
use super::{EXIT_ERROR, Io};

pub fn use_color(choice: ColorChoice, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

pub fn fail(errors: &[FileError], io: &mut Io) -> io::Result<u8> {
    for e in errors {
        write_error(e, io)?;
    }
    Ok(EXIT_ERROR)
}

/// One line naming file, line and column; on a terminal, with the offending
/// line shown under it.
pub fn write_error(e: &FileError, io: &mut Io) -> io::Result<()> {
    if io.err_is_terminal
        && let Some(rendered) = render_error(e)
    {
        return io.err.write_all(&rendered);
    }
    writeln!(io.err, "error: {e}")
}

/// The error with its line shown (the line's text came with the error: the
/// file is not read again).
fn render_error(e: &FileError) -> Option<Vec<u8>> {
    use ariadne::{Config as AConfig, IndexType, Label, Report as Snippet, ReportKind, Source};
    let (line, column) = e.position?;
    // The line, at its number: the lines before it stand empty.
    let before = line.checked_sub(1)?;
    let text = "\n".repeat(before) + e.line_text.as_deref()?;
    let offset = text[before..]
        .char_indices()
        .nth(column - 1)
        .map_or(text.len(), |(i, _)| before + i);
    let end = text[offset..]
        .char_indices()
        .nth(1)
        .map_or(text.len(), |(i, _)| offset + i);
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let span = (e.path.as_str(), offset..end);
    let mut buf = format!("error: {e}\n").into_bytes();
    Snippet::build(ReportKind::Error, span.clone())
        .with_config(
            AConfig::default()
                .with_index_type(IndexType::Byte)
                .with_color(color),
        )
        .with_message(&e.message)
        .with_label(Label::new(span).with_message("here"))
        .finish()
        .write((e.path.as_str(), Source::from(text.as_str())), &mut buf)
        .ok()?;
    Some(buf)
}

/// Whether standard output and error are terminals.
pub fn terminals() -> (bool, bool) {
    (io::stdout().is_terminal(), io::stderr().is_terminal())
}
