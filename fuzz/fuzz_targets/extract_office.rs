//! Word, PowerPoint and Excel reading (`phraselint_fuzz::extract_office`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| phraselint_fuzz::extract_office(data));
