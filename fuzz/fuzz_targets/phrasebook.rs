//! Phrasebook parsing (`phraselint_fuzz::phrasebook`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| phraselint_fuzz::phrasebook(data));
