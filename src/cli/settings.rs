//! `check`'s settings, resolved once from its arguments: what is read
//! (standard input or paths) and how much, the lint options (with each
//! project's config), the baseline mode, when to fail, and how to show the
//! report.

use std::io::{self, Read};
use std::path::{Path, PathBuf};

use phraselint::config::Config;
use phraselint::error::FileError;
use phraselint::lint::LintOptions;
use phraselint::matcher::{Input, SMALL_INPUT_BYTES, SMALL_INPUT_FILES};
use phraselint::report::{Format, Style};
use phraselint::rules::Severity;

use super::Io;
use super::args::CheckArgs;
use super::output::use_color;

pub enum BaselineMode {
    Off,
    /// Record the findings in this file and report nothing else.
    Write(PathBuf),
    /// Report only findings the baseline file does not hold; with `prune`,
    /// drop its stale entries.
    Apply {
        path: PathBuf,
        prune: bool,
    },
}

pub struct CheckSettings {
    /// The text to check, when read from standard input.
    pub stdin: Option<Vec<u8>>,
    input: Input,
    require_suppression_reason: bool,
    max_filesize: u64,
    pub baseline: BaselineMode,
    /// Exit 1 at or above this severity (`None`: never).
    pub fail_on: Option<Severity>,
    pub max_warnings: Option<usize>,
    pub format: Format,
    pub style: Style,
}

impl CheckSettings {
    pub fn resolve(args: &CheckArgs, cwd: &Path, io: &Io) -> Result<CheckSettings, FileError> {
        let stdin = if args.stdin {
            Some(read_stdin(args)?)
        } else {
            None
        };
        // How much there is to read decides how the automaton is built. It
        // is told by stdin's size or the files named, before any walk, so the
        // books load and compile while another thread walks the paths.
        let size = match &stdin {
            Some(bytes) => Some(bytes.len() as u64),
            None => named_files_size(&args.paths, cwd),
        };
        let input = match size {
            Some(bytes) if bytes <= SMALL_INPUT_BYTES => Input::Small,
            _ => Input::Large,
        };
        let baseline = match (&args.write_baseline, &args.baseline) {
            (Some(path), _) => BaselineMode::Write(path.clone()),
            (None, Some(path)) => BaselineMode::Apply {
                path: path.clone(),
                prune: args.baseline_prune,
            },
            (None, None) => BaselineMode::Off,
        };
        Ok(CheckSettings {
            stdin,
            input,
            require_suppression_reason: args.require_suppression_reason,
            max_filesize: args.max_filesize,
            baseline,
            fail_on: args.fail_on.threshold(),
            max_warnings: args.max_warnings,
            format: args.format,
            style: Style {
                color: use_color(args.color, io.out_is_terminal),
                quiet: args.quiet,
                stats: args.stats,
            },
        })
    }
}

impl CheckSettings {
    /// The lint options for the files a config governs.
    pub fn options(&self, config: &Config) -> LintOptions {
        let from_config = LintOptions::from_config(config);
        LintOptions {
            require_suppression_reason: self.require_suppression_reason
                || from_config.require_suppression_reason,
            max_filesize: self.max_filesize,
            input: self.input,
            ..from_config
        }
    }
}

/// Standard input, read up to `--max-filesize`: more is an error (unlike a
/// file over the limit, which is skipped with a note, standard input is the
/// whole of the run).
fn read_stdin(args: &CheckArgs) -> Result<Vec<u8>, FileError> {
    let name = args.stdin_filename.as_deref().unwrap_or("<stdin>");
    let max = args.max_filesize;
    let mut bytes = Vec::new();
    io::stdin()
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| FileError::new(name, e.to_string()))?;
    if bytes.len() as u64 > max {
        return Err(FileError::new(
            name,
            format!("standard input is larger than --max-filesize {max}"),
        ));
    }
    Ok(bytes)
}

/// The total size of the paths named, when they are at most
/// [`SMALL_INPUT_FILES`] regular files (pre-commit's way); `None` when a
/// folder is named or nothing is.
fn named_files_size(paths: &[PathBuf], cwd: &Path) -> Option<u64> {
    if paths.is_empty() || paths.len() > SMALL_INPUT_FILES {
        return None;
    }
    paths
        .iter()
        .map(|p| {
            let meta = std::fs::metadata(cwd.join(p)).ok()?;
            meta.is_file().then_some(meta.len())
        })
        .sum()
}
