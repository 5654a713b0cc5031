//! Where `check`'s report goes: to the console in `--format`; or, with
//! `--output-file FILE`, in `--format` to FILE, written whole or not at all,
//! and as the human report to the console, so one CI step can keep a SARIF
//! file and still show what it found in its log.

use std::io::{self, Write};
use std::path::Path;

use phraselint::error::FileError;
use phraselint::paths::write_whole;
use phraselint::report::{self, Format, Report, Style};

/// Writes the report; returns what the format left out (SARIF's limits) and
/// the error, when FILE could not be written (the console's report is
/// written first, so the error is the last word).
pub fn write_report(
    report: &Report,
    format: Format,
    style: &Style,
    file: Option<&Path>,
    console: &mut dyn Write,
) -> io::Result<(Vec<String>, Result<(), FileError>)> {
    let Some(path) = file else {
        let left_out = report::write(format, report, style, console)?;
        return Ok((left_out, Ok(())));
    };
    report::write(Format::Human, report, style, console)?;
    // A file is data, whatever colour the console gets.
    let plain = Style {
        color: false,
        quiet: style.quiet,
        stats: style.stats,
    };
    let mut bytes = Vec::new();
    let left_out = report::write(format, report, &plain, &mut bytes)?;
    let written =
        write_whole(path, &bytes).map_err(|e| FileError::io(path.display().to_string(), &e));
    Ok((left_out, written))
}
