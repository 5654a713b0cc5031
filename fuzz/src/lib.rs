//! The fuzz targets' bodies, and the invariants they check after every input.
//!
//! Each `fuzz_targets/*.rs` is one line calling a function here, and
//! `tests/fuzz_corpora.rs` in the main crate includes this file as a module
//! (`#[path]`) to replay every saved corpus through the same functions in an
//! ordinary `cargo test`. So this is the one place the fuzzers call
//! phraselint's API; it must build both as the `phraselint_fuzz` crate and as
//! that module (no `crate::` paths, only `phraselint`, `arbitrary` and
//! `serde_json`).

use arbitrary::{Arbitrary, Unstructured};
use phraselint::catalog::Catalog;
use phraselint::extract::{Directive, ExtractOptions, FileKind, extract, office};
use phraselint::finding::FileOutcome;
use phraselint::lint::{Linter, Scratch};
use phraselint::locate::Encoding;
use phraselint::phrasebook::Phrasebook;
use phraselint::text::fold::{Folded, fold_phrase};

/// Decodes a typed target's input from raw bytes exactly as libfuzzer-sys's
/// `fuzz_target!` does: too few bytes for the type's minimum size, or bytes
/// `arbitrary_take_rest` refuses, are skipped (`None`; libFuzzer rejects
/// them).
pub fn decode<'a, T: Arbitrary<'a>>(data: &'a [u8]) -> Option<T> {
    if data.len() < T::size_hint(0).0 {
        return None;
    }
    T::arbitrary_take_rest(Unstructured::new(data)).ok()
}

/// `extract_markdown`: Markdown and MDX extraction: no panic, no hang, and a
/// map back to the source that slices it.
pub fn extract_markdown(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    extract_checked(FileKind::Markdown, &text);
    extract_checked(FileKind::Mdx, &text);
}

/// `extract_html`: HTML extraction: no panic, no hang, and a map back to the
/// source that slices it.
pub fn extract_html(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    extract_checked(FileKind::Html, &text);
}

/// `extract_office`: Word, PowerPoint and Excel reading of arbitrary bytes
/// (a zip or not): blocks or a one-line error, never a panic or a hang;
/// each block is one line of text, not blank, with a location.
pub fn extract_office(data: &[u8]) {
    for kind in [FileKind::Docx, FileKind::Pptx, FileKind::Xlsx] {
        match office::read(kind, data) {
            Ok(blocks) => {
                for block in blocks {
                    assert!(
                        !block.text.contains(['\n', '\r']) && !block.text.trim().is_empty(),
                        "{kind:?}: block {block:?}"
                    );
                    assert!(!block.location.is_empty(), "{kind:?}: block {block:?}");
                }
            }
            Err(e) => assert!(!e.contains('\n'), "{kind:?}: error {e:?}"),
        }
    }
}

/// `extract_pdf`: PDF reading: no panic, no hang, every line one line of
/// the text read, and the extraction of that text maps back to it.
pub fn extract_pdf(data: &[u8]) {
    if let Ok(lines) = phraselint::extract::pdf::read(data) {
        let text: Vec<&str> = lines.iter().map(|line| line.text.as_str()).collect();
        assert!(
            text.iter().all(|line| !line.contains(['\n', '\r'])),
            "{text:?}"
        );
        extract_checked(FileKind::Pdf, &text.join("\n"));
    }
}

/// One piece of text pushed to the folder (`fold`).
#[derive(Arbitrary, Debug)]
pub enum Piece {
    Exact(u16),
    Decoded(u16, String),
    Space(u16),
    Opaque(u16),
    Break,
}

/// `fold`'s input: a text and the pieces it is pushed in.
pub type FoldInput = (String, Vec<Piece>);

/// `fold` on raw bytes, decoded as libfuzzer-sys does.
pub fn fold(data: &[u8]) {
    if let Some(input) = decode::<FoldInput>(data) {
        fold_input(input);
    }
}

/// `fold`: the folder on its own: text pushed in arbitrary pieces, as exact
/// text, decoded entities, spaces and opaque stand-ins, always maps back.
pub fn fold_input(input: FoldInput) {
    let (text, pieces) = input;
    let mut folded = Folded::default();
    let mut at = 0;
    for piece in pieces {
        // Each piece takes the next `n` bytes of the text, widened to a
        // character boundary, as extractors do.
        let mut take = |n: u16| {
            let mut end = (at + n as usize).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            let range = at..end;
            at = end;
            range
        };
        match piece {
            Piece::Exact(n) => {
                let r = take(n);
                folded.push_exact(&text[r.clone()], r.start);
            }
            Piece::Decoded(n, s) => folded.push_decoded(&s, take(n)),
            Piece::Space(n) => folded.push_space(take(n)),
            Piece::Opaque(n) => folded.push_opaque(take(n)),
            Piece::Break => folded.break_block(),
        }
    }
    folded.break_block();
    check_map(&folded, &text);
    // Folding is idempotent on phrases, so a phrasebook's phrase and the
    // text it meets fold alike.
    let once = fold_phrase(&text);
    assert_eq!(fold_phrase(&once), once);
}

/// `phrasebook`: any text gives a phrasebook or a located error, and a
/// phrasebook that loads compiles and lints its own text.
pub fn phrasebook(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Phrasebook::parse(text, "fuzz.yaml") {
        Ok(book) => {
            let linter = Linter::with_defaults(Catalog::new(vec![book]));
            let outcome = linter.lint_text(FileKind::Text, data, &mut Scratch::default());
            check_outcome(&outcome, data);
        }
        Err(e) => {
            let line = e.to_string();
            assert!(!line.contains('\n') || line.lines().count() < 40, "{line}");
        }
    }
}

/// `lint`'s input: an arbitrary small phrasebook and a file.
#[derive(Arbitrary, Debug)]
pub struct LintInput {
    banned: Vec<String>,
    allowed: Vec<String>,
    allow: Vec<String>,
    near: Vec<String>,
    within: u8,
    pattern: Option<String>,
    case_sensitive: bool,
    kind: u8,
    text: Vec<u8>,
}

/// `lint` on raw bytes, decoded as libfuzzer-sys does.
pub fn lint(data: &[u8]) {
    if let Some(input) = decode::<LintInput>(data) {
        lint_input(input);
    }
}

/// `lint`: a whole lint of arbitrary bytes, in every text format, with an
/// arbitrary small phrasebook.
pub fn lint_input(input: LintInput) {
    let mut rule = serde_json::json!({
        "id": "fuzzed",
        "message": "fuzzed",
    });
    if !input.banned.is_empty() {
        rule["banned"] = serde_json::json!(input.banned.iter().take(8).collect::<Vec<_>>());
    }
    if !input.allow.is_empty() {
        rule["allow"] = serde_json::json!(input.allow.iter().take(4).collect::<Vec<_>>());
    }
    if !input.near.is_empty() {
        rule["near"] = serde_json::json!(input.near.iter().take(4).collect::<Vec<_>>());
        rule["within"] = serde_json::json!(input.within % 16);
    }
    if let Some(p) = &input.pattern {
        rule["pattern"] = serde_json::json!(p);
    }
    if input.case_sensitive {
        rule["case"] = serde_json::json!("sensitive");
    }
    let mut book = serde_json::json!({
        "phrasebook": "fuzz",
        "version": "1.0.0",
        "schema": 1,
        "rules": [rule],
    });
    if !input.allowed.is_empty() {
        book["allowed"] = serde_json::json!(input.allowed.iter().take(4).collect::<Vec<_>>());
    }
    // JSON is YAML: the book goes through the same parser a user's does.
    let yaml = book.to_string();
    let Ok(book) = Phrasebook::parse(&yaml, "fuzz.yaml") else {
        return;
    };
    let linter = Linter::with_defaults(Catalog::new(vec![book]));
    let kind = [
        FileKind::Markdown,
        FileKind::Mdx,
        FileKind::Html,
        FileKind::Text,
    ][input.kind as usize % 4];
    let outcome = linter.lint_text(kind, &input.text, &mut Scratch::default());
    check_outcome(&outcome, &input.text);
}

/// Every folded character maps back to a range of `text` that starts and
/// ends on character boundaries, and within a block the ranges never go
/// backwards: a finding's span must slice the original bytes.
pub fn check_map(folded: &Folded, text: &str) {
    let mut last_start = 0;
    for (i, c) in folded.text.char_indices() {
        let r = folded.source_range(i..i + c.len_utf8());
        assert!(
            r.start <= r.end && r.end <= text.len(),
            "folded {i} maps to {r:?}, text is {} bytes",
            text.len()
        );
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "folded {i} maps to {r:?}, not on character boundaries"
        );
        // Blocks may come out of order (HTML alt text is read at the end of
        // its block), but within one a match's start must precede its end.
        if c == '\n' {
            last_start = 0;
        } else {
            assert!(
                r.start >= last_start,
                "folded {i} maps to {r:?}, before {last_start}"
            );
            last_start = r.start;
        }
    }
}

/// Extracts `text` as `kind` and checks the map.
pub fn extract_checked(kind: FileKind, text: &str) {
    let mut folded = Folded::default();
    let mut directives: Vec<Directive> = Vec::new();
    let keys = ["title".to_owned(), "description".to_owned()];
    extract(
        kind,
        text,
        &ExtractOptions {
            front_matter_keys: &keys,
        },
        &mut folded,
        &mut directives,
    );
    check_map(&folded, text);
    // Suppression comments slice the text, in file order (`disable` and
    // `enable` are replayed in that order), whichever reader found them.
    let mut last = 0;
    for d in &directives {
        assert!(
            text.get(d.range.clone()).is_some() && d.range.start >= last,
            "{d:?} does not slice the text in order ({} bytes)",
            text.len()
        );
        last = d.range.start;
    }
}

/// Every finding's span slices its file's text, and its positions (in
/// every encoding) lie in the file, in order; for UTF-8 input the original
/// offsets start and end on character boundaries.
pub fn check_outcome(outcome: &FileOutcome, bytes: &[u8]) {
    let utf8 = std::str::from_utf8(bytes).ok();
    let text: &str = &outcome.text.text;
    let locator = outcome.locator();
    for f in &outcome.findings {
        assert!(
            f.span.start <= f.span.end && text.get(f.span.clone()).is_some(),
            "{f:?} does not slice the text ({} bytes)",
            text.len()
        );
        for encoding in [Encoding::Chars, Encoding::Utf16, Encoding::Utf8] {
            let start = locator.position(f.span.start, encoding);
            let end = locator.position(f.span.end, encoding);
            assert!(start.line >= 1 && start.column >= 1, "{f:?} {start:?}");
            assert!(start <= end, "{f:?}: {start:?} after {end:?}");
            assert!(
                end.offset <= bytes.len(),
                "{f:?} {end:?} past the end ({})",
                bytes.len()
            );
            if let Some(utf8) = utf8
                && !f.missing
            {
                assert!(
                    utf8.is_char_boundary(start.offset) && utf8.is_char_boundary(end.offset),
                    "{f:?} not on character boundaries"
                );
            }
        }
    }
}
