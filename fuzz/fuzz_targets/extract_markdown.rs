//! Markdown and MDX extraction: no panic, no hang, and a map back to the
//! source that slices it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use phraselint::extract::FileKind;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    phraselint_fuzz::extract_checked(FileKind::Markdown, &text);
    phraselint_fuzz::extract_checked(FileKind::Mdx, &text);
});
