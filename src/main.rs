//! The `phraselint` command: parse the arguments, run, map the outcome to
//! an exit code (0 clean, 1 findings, 2 error).

use std::io::{self, Write};
use std::process::ExitCode;

mod cli;

use clap::Parser;
use cli::args::Cli;
use cli::output::terminals;
use cli::{EXIT_CLEAN, EXIT_ERROR, Io, run};

fn main() -> ExitCode {
    // A bug while checking one file becomes an error for that file (see
    // `lint::contained`), any other a one-line error below; no panic
    // trace is printed on the way.
    std::panic::set_hook(Box::new(|_| {}));
    let cli = Cli::parse();
    let (out_is_terminal, err_is_terminal) = terminals();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut err = io::stderr();
    let mut io = Io {
        out: &mut out,
        err: &mut err,
        out_is_terminal,
        err_is_terminal,
    };
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(cli, &mut io)));
    let code = match outcome {
        Ok(Ok(code)) => code,
        // A closed pipe (`phraselint check | head`) is not an error.
        Ok(Err(e)) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_CLEAN,
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
    if let Err(e) = out.flush()
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        return ExitCode::from(EXIT_ERROR);
    }
    ExitCode::from(code)
}
