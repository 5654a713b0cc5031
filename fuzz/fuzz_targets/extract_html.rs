//! HTML extraction (`phraselint_fuzz::extract_html`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| phraselint_fuzz::extract_html(data));
