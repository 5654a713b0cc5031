//! The `phraselint` command: parse the arguments, run, map the outcome to
//! an exit code (0 clean, 1 findings, 2 error).

use std::io::{self, Write};
use std::process::ExitCode;

mod cli;

use clap::Parser;
use cli::args::Cli;
use cli::output::{ClosedPipe, terminals};
use cli::{EXIT_ERROR, Io, run};

fn main() -> ExitCode {
    // A bug while checking one file becomes an error for that file (see
    // `lint::contained`), any other a one-line error below; no panic
    // trace is printed on the way.
    std::panic::set_hook(Box::new(|_| {}));
    let cli = Cli::parse();
    let (out_is_terminal, err_is_terminal) = terminals();
    // A reader that goes away (`phraselint check | head -1`) does not
    // change the exit code: from then on, output to it is dropped without
    // a word and the run ends as its findings say.
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(ClosedPipe::new(stdout.lock()));
    let mut err = ClosedPipe::new(io::stderr());
    let mut io = Io {
        out: &mut out,
        err: &mut err,
        out_is_terminal,
        err_is_terminal,
    };
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(cli, &mut io)));
    let code = match outcome {
        Ok(Ok(code)) => code,
        Ok(Err(e)) => {
            let _ = writeln!(io.err, "error: {e}");
            EXIT_ERROR
        }
        // A bug outside any one file's check: say so in one line.
        Err(panic) => {
            let what = phraselint::error::panic_message(panic.as_ref());
            let _ = writeln!(io.err, "error: internal error, please report it: {what}");
            EXIT_ERROR
        }
    };
    if out.flush().is_err() {
        return ExitCode::from(EXIT_ERROR);
    }
    ExitCode::from(code)
}
