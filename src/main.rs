use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use phraselint::cli::{Cli, EXIT_CLEAN, EXIT_ERROR, Io, run, terminals};

fn main() -> ExitCode {
    // A bug while checking one file becomes an error for that file (see
    // `lint::lint_guarded`); no panic trace is printed on the way.
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
    let code = match run(cli, &mut io) {
        Ok(code) => code,
        // A closed pipe (`phraselint check | head`) is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_CLEAN,
        Err(e) => {
            let _ = writeln!(io.err, "error: {e}");
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
