//! The command line: arguments → settings → a run → an exit code. Output
//! goes to the writers it is given.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::commands;
use crate::config::Config;
use crate::error::FileError;
use crate::phrasebook::{Phrasebook, load_set};
use crate::report::Format;
use crate::rules::Severity;

/// Exit codes: nothing at or above `--fail-on`; findings at or above it;
/// a usage, configuration, phrasebook or I/O error.
pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "phraselint",
    version,
    about = "A fast marketing-language compliance linter.",
    long_about = "A fast marketing-language compliance linter.\n\n\
        Checks Markdown, MDX, HTML, plain text, Word (.docx) and PowerPoint (.pptx) \
        copy against versioned YAML phrasebooks of approved and banned phrasings. \
        With no .phraselint.yaml and no --phrasebook, the built-in phrasebooks \
        (partner-ai, claims) are used.",
    after_help = "Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, \
        2 usage, configuration, phrasebook or I/O error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files against the phrasebooks (the main job).
    Check(CheckArgs),
    /// Test, show and compare phrasebooks.
    #[command(subcommand)]
    Phrasebook(PhrasebookCommand),
    /// Show a rule: its message, phrases, suggestions, link and examples.
    Explain(ExplainArgs),
    /// Write a commented starter .phraselint.yaml in the current directory.
    Init(InitArgs),
}

#[derive(Debug, Subcommand)]
pub enum PhrasebookCommand {
    /// Run every rule's examples: each `bad` must be flagged by its rule,
    /// each `good` must not. Exit 1 on any failure.
    Test(BookFilesArgs),
    /// Print the rules, phrases and versions as resolved (terms expanded,
    /// `extends` followed, defaults applied), and where each came from.
    Show(BookFilesArgs),
    /// What changed between two versions of a phrasebook: rules and phrases
    /// added or removed, changed severities and messages. Exit 1 when the
    /// content changed but `version` did not go up.
    Diff(DiffArgs),
}

/// Which phrasebooks a command reads: the files given, else the configured
/// ones, else the built-in books.
#[derive(Debug, Args)]
pub struct BookFilesArgs {
    /// Phrasebook files [default: the configured or built-in phrasebooks]
    pub files: Vec<PathBuf>,
    /// Use this config file instead of the nearest .phraselint.yaml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The phrasebook as it was.
    pub old: PathBuf,
    /// The phrasebook as it is now.
    pub new: PathBuf,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule: its full id (`partner-ai/calls-on`) or its id in its book.
    pub rule: String,
    /// Look in this phrasebook (repeatable) instead of the configured ones.
    #[arg(long = "phrasebook", value_name = "FILE")]
    pub phrasebooks: Vec<PathBuf>,
    /// Use this config file instead of the nearest .phraselint.yaml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Replace an existing .phraselint.yaml.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories to check [default: .]
    pub paths: Vec<PathBuf>,
    /// Use this phrasebook (repeatable); replaces the configured and built-in set.
    #[arg(long = "phrasebook", value_name = "FILE")]
    pub phrasebooks: Vec<PathBuf>,
    /// Use this config file instead of the nearest .phraselint.yaml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit 1 when a finding has this severity or higher.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Read the text to check from standard input.
    #[arg(long)]
    pub stdin: bool,
    /// With --stdin: the name to report, whose extension picks the file kind.
    #[arg(long, value_name = "NAME", requires = "stdin")]
    pub stdin_filename: Option<String>,
    /// Number of threads [default: one per core].
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
    /// Don't honour .gitignore, .ignore or .phraselintignore files.
    #[arg(long)]
    pub no_ignore: bool,
    /// Also check hidden files and directories.
    #[arg(long)]
    pub hidden: bool,
    /// When to use colour (NO_COLOR is honoured with `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print findings only, without the summary.
    #[arg(short, long)]
    pub quiet: bool,
    /// Print the number of findings per rule and per phrasebook.
    #[arg(long)]
    pub stats: bool,
    /// Exit 1 when there are more than N warnings (whatever --fail-on says).
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
    /// A suppression comment without `-- reason` is an error finding.
    #[arg(long)]
    pub require_suppression_reason: bool,
    /// Record the current findings in FILE (and report nothing else).
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,
    /// Report only findings that are not in the baseline FILE.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// With --baseline: drop entries whose findings are gone from FILE.
    #[arg(long, requires = "baseline")]
    pub baseline_prune: bool,
    /// Skip files larger than SIZE (bytes, or with a K, M or G suffix; at
    /// most 1G).
    #[arg(long, value_name = "SIZE", default_value = "100M", value_parser = parse_size)]
    pub max_filesize: u64,
    /// Check only files changed since the git REF (and untracked files).
    #[arg(long, value_name = "REF", conflicts_with = "stdin")]
    pub changed_since: Option<String>,
}

/// `100M`, `512K`, `2G` or a plain number of bytes.
fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (digits, unit) = match s.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => (&s[..i], c.to_ascii_uppercase()),
        _ => (s, 'B'),
    };
    let shift = match unit {
        'B' => 0,
        'K' => 10,
        'M' => 20,
        'G' => 30,
        _ => return Err(format!("unknown size unit in `{s}`: use K, M or G")),
    };
    let n: u64 = digits
        .trim()
        .parse()
        .map_err(|_| format!("`{s}` is not a size such as 100M"))?;
    let size = n
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("`{s}` is too large"))?;
    if size > MAX_FILESIZE {
        return Err(format!(
            "`{s}` is over the most phraselint reads, 1G: offsets into a file's decoded text are 32-bit, and decoding can triple a file"
        ));
    }
    Ok(size)
}

/// The largest `--max-filesize`: a file's decoded text (up to three times its
/// bytes, where every byte is invalid UTF-8) must fit 32-bit offsets.
const MAX_FILESIZE: u64 = 1 << 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Where a run writes, and what it knows of its terminal.
pub struct Io<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
    pub out_is_terminal: bool,
    pub err_is_terminal: bool,
}

/// Runs a parsed command line; returns the exit code.
pub fn run(cli: Cli, io: &mut Io) -> io::Result<u8> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    match cli.command {
        Command::Check(args) => commands::check::run(args, &cwd, io),
        Command::Phrasebook(PhrasebookCommand::Test(args)) => {
            commands::book_test::run(args, &cwd, io)
        }
        Command::Phrasebook(PhrasebookCommand::Show(args)) => commands::show::run(args, &cwd, io),
        Command::Phrasebook(PhrasebookCommand::Diff(args)) => commands::diff::run(args, io),
        Command::Explain(args) => commands::explain::run(args, &cwd, io),
        Command::Init(args) => commands::init::run(args, &cwd, io),
    }
}

/// `--config FILE`, else the nearest `.phraselint.yaml`, else defaults.
pub fn load_config(config: Option<&Path>, cwd: &Path) -> Result<Config, FileError> {
    match config {
        Some(path) => Config::load(path, cwd),
        None => match Config::discover(cwd) {
            Some(path) => Config::load(&path, cwd),
            None => Ok(Config::default_in(cwd.to_path_buf())),
        },
    }
}

/// `--phrasebook` files, else the configured ones (checked against their
/// version pins), else the built-in books; each with what it extends.
pub fn load_books(
    phrasebooks: &[PathBuf],
    config: &Config,
) -> Result<Vec<Phrasebook>, Vec<FileError>> {
    if !phrasebooks.is_empty() {
        return load_set(phrasebooks).map(|set| set.books);
    }
    let Some(refs) = &config.phrasebooks else {
        return Ok(Phrasebook::built_in());
    };
    let config_path = config
        .path
        .as_deref()
        .unwrap_or(Path::new(crate::config::FILE_NAME));
    let missing: Vec<FileError> = refs
        .iter()
        .filter(|r| !r.path.is_file())
        .map(|r| {
            FileError::at(
                config_path.display().to_string(),
                r.position.0,
                r.position.1,
                format!("phrasebook {} is not a readable file", r.path.display()),
            )
        })
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let paths: Vec<PathBuf> = refs.iter().map(|r| r.path.clone()).collect();
    let set = load_set(&paths)?;
    let mut errors = Vec::new();
    for (r, &root) in refs.iter().zip(&set.roots) {
        let book = &set.books[root];
        if let Some(req) = &r.version
            && !req.matches(&book.version)
        {
            errors.push(FileError::at(
                config_path.display().to_string(),
                r.position.0,
                r.position.1,
                format!(
                    "phrasebook `{}` is version {}, but the config requires {req}",
                    book.name, book.version
                ),
            ));
        }
    }
    if errors.is_empty() {
        Ok(set.books)
    } else {
        Err(errors)
    }
}

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

fn render_error(e: &FileError) -> Option<Vec<u8>> {
    use ariadne::{Config as AConfig, IndexType, Label, Report as Snippet, ReportKind, Source};
    let (line, column) = e.position?;
    let text = std::fs::read_to_string(&e.path).ok()?;
    let lines = crate::source::LineIndex::new(&text);
    let start = lines.line_start(line)?;
    let offset = text[start..]
        .char_indices()
        .nth(column - 1)
        .map_or(text.len(), |(i, _)| start + i);
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
