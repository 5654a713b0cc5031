//! PDF reading (`phraselint_fuzz::extract_pdf`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| phraselint_fuzz::extract_pdf(data));
