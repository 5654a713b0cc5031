//! The command line's arguments, as clap parses them.

use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};

use phraselint::report::Format;
use phraselint::rules::Severity;

#[derive(Debug, Parser)]
#[command(
    name = "phraselint",
    version,
    about = "A fast marketing-language compliance linter.",
    long_about = "A fast marketing-language compliance linter.\n\n\
        Checks Markdown, MDX, HTML, plain text, Word (.docx), PowerPoint (.pptx), \
        Excel (.xlsx) and PDF copy against versioned YAML phrasebooks of approved and banned \
        phrasings. \
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
    /// Run the language server (LSP 3.17 over stdin and stdout) for
    /// editors: diagnostics as you type, quick fixes, hover. Each document
    /// is checked with the nearest .phraselint.yaml above it.
    Lsp(LspArgs),
    /// Run the web checker: a page where a writer pastes copy or drops a
    /// file and sees each finding in place, and a JSON API
    /// (`POST /api/v1/check`, `GET /api/v1/phrasebooks`, `GET /healthz`).
    /// Each text is checked with the config and phrasebooks `check` would use
    /// in the folder it is started from.
    Serve(ServeArgs),
    /// Print the completion script for a shell (bash, zsh, fish, powershell,
    /// elvish), to load or install as the shell's documentation says.
    Completions(CompletionsArgs),
    /// Print the manual page phraselint(1) in roff, or write every page, one
    /// per command such as phraselint-check(1), into a folder.
    Man(ManArgs),
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
pub struct LspArgs {
    /// Talk over stdin and stdout (the only transport; accepted because
    /// many editors pass it).
    #[arg(long)]
    pub stdio: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on. Anything but loopback is reachable by
    /// others, and there is no authentication: it warns.
    #[arg(long, value_name = "HOST", default_value = "127.0.0.1")]
    pub host: String,
    /// The port to listen on (0: any free port; the address is printed).
    #[arg(long, value_name = "PORT", default_value_t = 7878)]
    pub port: u16,
    /// Answer 413 to a request body larger than SIZE (bytes, or with a K, M
    /// or G suffix; at most 1G).
    #[arg(long, value_name = "SIZE", default_value = "10M", value_parser = parse_size)]
    pub max_filesize: u64,
    /// Checks run at once; more wait their turn [default: one per core].
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Answer 408 to a check request not done in SECS seconds (reading the
    /// body, waiting its turn and checking), and close a connection whose
    /// request headers have not all come in SECS seconds (or that sits idle
    /// that long between requests).
    #[arg(long, value_name = "SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=86400))]
    pub timeout: u64,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write every page (phraselint.1, phraselint-check.1 and the others)
    /// into DIR, made when missing, instead of printing phraselint(1).
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
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
    ///
    /// A walk reads Markdown, MDX, HTML and text files, Word (.docx), PowerPoint (.pptx)
    /// and Excel (.xlsx) files (their paragraphs, notes, comments, alt text, charts,
    /// SmartArt and cells) and PDF files (the text layer, page by page); a finding's
    /// location says where (`slide 4, chart 1, title`, `Pricing!B7`, `page 3, line 12`).
    /// A file named here is read whatever its extension (unless --force-exclude). A PDF without a text layer
    /// (scanned) or that needs a password is an error; a legacy .doc/.ppt, Keynote or
    /// Pages file is an error when named and listed as not checked when walked.
    pub paths: Vec<PathBuf>,
    /// Use this phrasebook (repeatable); replaces the configured and built-in set.
    #[arg(long = "phrasebook", value_name = "FILE")]
    pub phrasebooks: Vec<PathBuf>,
    /// Use this config file instead of the nearest .phraselint.yaml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Output format.
    #[arg(long, default_value = "human", value_parser = format_parser())]
    pub format: Format,
    /// Write the report (in --format) to FILE, and the human report to
    /// standard output.
    ///
    /// FILE is written whole or not at all (a temporary file renamed over it;
    /// an existing FILE keeps its mode) and without colour; one that is a
    /// directory, a device or a FIFO is an error, untouched. So one CI step can
    /// keep `--format sarif` for code scanning and show the findings in its log.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["diff", "write_baseline"])]
    pub output_file: Option<PathBuf>,
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
    /// When to use colour.
    ///
    /// `auto`: on a terminal, unless NO_COLOR is set or CLICOLOR is 0; off a
    /// terminal too when FORCE_COLOR or CLICOLOR_FORCE is set (not to 0).
    /// NO_COLOR beats both; `always` and `never` beat the environment.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print findings only, without the summary.
    #[arg(short, long)]
    pub quiet: bool,
    /// Print the number of findings per rule and per phrasebook, and each
    /// suppression comment naming no rule with how many findings it
    /// silenced.
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
    /// A run whose paths (and the config's `include`) select no file is
    /// clean, not an error.
    #[arg(long)]
    pub allow_no_files: bool,
    /// Check a file named here only if a walk would: for pre-commit and other
    /// tools that name every changed file.
    ///
    /// A named file of a kind phraselint does not read (source code, data: neither
    /// a known kind nor in the config's `text_extensions`) is passed over rather
    /// than read as text; `.gitignore`, `.ignore` and `.phraselintignore` apply to
    /// it (unless --no-ignore), and so do hidden folders (unless --hidden); a
    /// document phraselint cannot read (.doc, Keynote) is listed as not checked
    /// rather than an error. With --allow-no-files, a run left with no file to
    /// check passes.
    #[arg(long, conflicts_with_all = ["stdin", "changed_since"])]
    pub force_exclude: bool,
    /// Apply each rule's `replace:` in place, then report what remains.
    ///
    /// Only in Markdown, MDX, HTML and text files, only where the match is the
    /// banned phrase as written (no markup inside, no gap, no other word
    /// form); never to suppressed findings or code. Case, byte-order mark, line
    /// ends and file mode are kept; each file is written atomically. Office
    /// and PDF files are never rewritten. With --stdin the fixed text goes to
    /// stdout and the report to stderr.
    #[arg(long, conflicts_with_all = ["diff", "write_baseline"])]
    pub fix: bool,
    /// Print what --fix would change as a unified diff, and write nothing.
    /// Exit 1 when there is something to fix.
    #[arg(long, conflicts_with = "write_baseline")]
    pub diff: bool,
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

/// `--format`'s values: the library's report formats, each with its line
/// of help.
fn format_parser() -> impl TypedValueParser<Value = Format> {
    let names = Format::ALL.map(|f| PossibleValue::new(f.name()).help(f.about()));
    PossibleValuesParser::new(names)
        .map(|name| Format::named(&name).expect("clap passes only the names listed"))
}
