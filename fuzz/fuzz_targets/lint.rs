//! A whole lint with a small phrasebook (`phraselint_fuzz::lint_input`).
//! Typed, so libFuzzer decodes the input and `cargo fuzz fmt lint FILE` can
//! print it.
#![no_main]

libfuzzer_sys::fuzz_target!(|input: phraselint_fuzz::LintInput| phraselint_fuzz::lint_input(input));
