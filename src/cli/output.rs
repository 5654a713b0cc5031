//! What the command line writes besides reports: colour choice, errors
//! (one line each, or on a terminal with the offending line shown), notes,
//! and what happens when the reader of standard output goes away.

use std::io::{self, IsTerminal, Write};

use phraselint::error::FileError;
use phraselint::report::{Breaks, escape, terminal_text};

use super::args::ColorChoice;
use super::{EXIT_ERROR, Io};

/// Colour for a stream (a `terminal` or not). `--color always|never` beats
/// the environment (as no-color.org asks). With `auto`: `NO_COLOR` turns it
/// off, even against a force (as Python and anstream do); `FORCE_COLOR`
/// (force-color.org) or `CLICOLOR_FORCE` (bixense.com/clicolors) turns it on
/// off a terminal too, for CI logs; `CLICOLOR=0` turns it off. A variable set
/// to the empty string counts as unset, and a force set to `0` forces nothing.
pub fn use_color(choice: ColorChoice, terminal: bool) -> bool {
    let set = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    let on = |name: &str| set(name).is_some_and(|v| v != "0");
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if set("NO_COLOR").is_some() => false,
        ColorChoice::Auto if on("FORCE_COLOR") || on("CLICOLOR_FORCE") => true,
        ColorChoice::Auto => terminal && set("CLICOLOR").is_none_or(|v| v != "0"),
    }
}

pub fn fail(errors: &[FileError], io: &mut Io) -> io::Result<u8> {
    for e in errors {
        write_error(e, io)?;
    }
    Ok(EXIT_ERROR)
}

/// One line naming file, line and column; on a terminal, with the offending
/// line shown under it. Control characters (in a file name, or in text an
/// error quotes) are shown escaped.
pub fn write_error(e: &FileError, io: &mut Io) -> io::Result<()> {
    if io.err_is_terminal
        && let Some(rendered) = render_error(e)
    {
        return io.err.write_all(&rendered);
    }
    writeln!(io.err, "error: {}", escape(&e.to_string(), Breaks::Escape))
}

/// A path (or any text from outside) as a note or error shows it, on one
/// line and without control characters.
pub fn shown(s: &str) -> std::borrow::Cow<'_, str> {
    escape(s, Breaks::Escape)
}

/// The error with its line shown (the line's text came with the error: the
/// file is not read again).
fn render_error(e: &FileError) -> Option<Vec<u8>> {
    use ariadne::{Config as AConfig, IndexType, Label, Report as Snippet, ReportKind, Source};
    let (line, column) = e.position?;
    // The line, at its number: the lines before it stand empty.
    let before = line.checked_sub(1)?;
    let text = "\n".repeat(before) + &terminal_text(e.line_text.as_deref()?);
    let offset = text[before..]
        .char_indices()
        .nth(column - 1)
        .map_or(text.len(), |(i, _)| before + i);
    let end = text[offset..]
        .char_indices()
        .nth(1)
        .map_or(text.len(), |(i, _)| offset + i);
    // Only a terminal sees this rendering, so only the environment can turn
    // its colour off.
    let color = use_color(ColorChoice::Auto, true);
    let path = shown(&e.path);
    let span = (path.as_ref(), offset..end);
    let mut buf = format!("error: {}\n", shown(&e.to_string())).into_bytes();
    Snippet::build(ReportKind::Error, span.clone())
        .with_config(
            AConfig::default()
                .with_index_type(IndexType::Byte)
                .with_color(color),
        )
        .with_message(shown(&e.message))
        .with_label(Label::new(span).with_message("here"))
        .finish()
        .write((path.as_ref(), Source::from(text.as_str())), &mut buf)
        .ok()?;
    Some(buf)
}

/// Whether standard output and error are terminals.
pub fn terminals() -> (bool, bool) {
    (io::stdout().is_terminal(), io::stderr().is_terminal())
}

/// A writer that, once its reader has gone away (a broken pipe:
/// `phraselint check | head -1`), drops what it is given without an error:
/// the run goes on and ends with the exit code its findings call for, and
/// nothing is said about the pipe.
pub struct ClosedPipe<W> {
    inner: W,
    closed: bool,
}

impl<W: Write> ClosedPipe<W> {
    pub fn new(inner: W) -> ClosedPipe<W> {
        ClosedPipe {
            inner,
            closed: false,
        }
    }

    fn closed<T>(&mut self, result: io::Result<T>, dropped: T) -> io::Result<T> {
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(dropped)
            }
            other => other,
        }
    }
}

impl<W: Write> Write for ClosedPipe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let result = self.inner.write(buf);
        self.closed(result, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let result = self.inner.flush();
        self.closed(result, ())
    }
}
