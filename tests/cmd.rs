//! The command line as data: every `tests/cmd/NAME.toml` is one run of the
//! binary (`args`, optional `stdin`), with its expected `stdout`, `stderr`
//! and exit code, inline or in `NAME.stdout` / `NAME.stderr`. The run's
//! folder is `NAME.in/` (or `fs.base`/`fs.cwd`); a case that writes, or
//! whose output depends on the repository around it (a `.git` above the
//! folder sets the project root), sets `fs.sandbox = true` so it runs in a
//! copy in a temporary folder. `[CWD]` and `[ROOT]` stand for that folder,
//! `[VERSION]` for the package version, `...` for any lines and `[..]`
//! for the rest of a line. Text is compared with `\\` read as `/` (trycmd
//! normalises path separators).
//!
//! After a deliberate change of output: `TRYCMD=overwrite cargo test --test
//! cmd`, then review the diff.

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .default_bin_name("phraselint")
        .insert_var("[VERSION]", env!("CARGO_PKG_VERSION"))
        .unwrap()
        // A colour forced by the caller's environment (a CI that sets
        // FORCE_COLOR) would change every report; empty is unset.
        .env("FORCE_COLOR", "")
        .env("CLICOLOR_FORCE", "")
        .case("tests/cmd/*.toml");
}
