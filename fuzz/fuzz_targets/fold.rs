//! The folder on its own (`phraselint_fuzz::fold_input`). Typed, so libFuzzer
//! decodes the input and `cargo fuzz fmt fold FILE` can print it.
#![no_main]

libfuzzer_sys::fuzz_target!(|input: phraselint_fuzz::FoldInput| phraselint_fuzz::fold_input(input));
