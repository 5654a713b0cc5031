//! Markdown and MDX extraction (`phraselint_fuzz::extract_markdown`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| phraselint_fuzz::extract_markdown(data));
