//! The command line (the binary's own): arguments ([`args`]) → settings
//! resolved from them and the config ([`settings`]) → a command, a file
//! each → an exit code. Output goes to the writers it is given
//! ([`output`]); the library underneath never prints.

pub mod args;
mod check;
mod check_fix;
mod check_output;
mod completions;
mod explain;
mod init;
mod man;
pub mod output;
mod phrasebook_diff;
mod phrasebook_show;
mod phrasebook_test;
mod serve;
mod settings;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use phraselint::catalog::Catalog;
use phraselint::config::Config;
use phraselint::error::FileError;

use args::{Cli, Command, PhrasebookCommand};

/// Exit codes: nothing at or above `--fail-on`; findings at or above it;
/// a usage, configuration, phrasebook or I/O error.
pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

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
        Command::Check(args) => check::run(args, &cwd, io),
        Command::Phrasebook(PhrasebookCommand::Test(args)) => phrasebook_test::run(args, &cwd, io),
        Command::Phrasebook(PhrasebookCommand::Show(args)) => phrasebook_show::run(args, &cwd, io),
        Command::Phrasebook(PhrasebookCommand::Diff(args)) => phrasebook_diff::run(args, io),
        Command::Explain(args) => explain::run(args, &cwd, io),
        Command::Init(args) => init::run(args, &cwd, io),
        Command::Completions(args) => completions::run(args, io),
        Command::Man(args) => man::run(args, io),
        Command::Serve(args) => serve::run(args, &cwd, io),
        Command::Lsp(_) => {
            let stdin = Box::new(io::BufReader::new(io::stdin()));
            let code = phraselint::server::serve(stdin, io.out);
            Ok(if code == 0 { EXIT_CLEAN } else { EXIT_FINDINGS })
        }
    }
}

/// The catalogue a command works on: the phrasebook `files` when given,
/// else the configured ones, else the built-in books.
fn catalog(
    files: &[PathBuf],
    config: Option<&Path>,
    cwd: &Path,
) -> Result<Catalog, Vec<FileError>> {
    let config = Config::find(config, cwd).map_err(|e| vec![e])?;
    config.load_books(files).map(Catalog::new)
}
