//! `phraselint completions SHELL`: the shell's completion script, made by
//! clap_complete from the same definitions as `--help`, so it cannot fall
//! behind the options.

use std::io;

use clap::CommandFactory;

use super::args::{Cli, CompletionsArgs};
use super::{EXIT_CLEAN, Io};

pub fn run(args: CompletionsArgs, io: &mut Io) -> io::Result<u8> {
    // clap_complete panics on a failed write: the script is made in memory,
    // and its write's error is an error like any other.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "phraselint", &mut script);
    io.out.write_all(&script)?;
    Ok(EXIT_CLEAN)
}
