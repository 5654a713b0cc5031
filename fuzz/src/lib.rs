//! Invariants the fuzz targets check after every input.

use phraselint::extract::{ExtractOptions, FileKind, extract};
use phraselint::finding::FileOutcome;
use phraselint::fold::Folded;
use phraselint::suppress::Directive;

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
            assert!(r.start >= last_start, "folded {i} maps to {r:?}, before {last_start}");
            last_start = r.start;
        }
    }
}

/// Extracts `text` as `kind` and checks the map.
pub fn extract_checked(kind: FileKind, text: &str) {
    let mut folded = Folded::default();
    let mut directives: Vec<Directive> = Vec::new();
    let keys = ["title".to_owned(), "description".to_owned()];
    extract(kind, text, &ExtractOptions { front_matter_keys: &keys }, &mut folded, &mut directives);
    check_map(&folded, text);
}

/// Every finding's span lies in the file, in order, and for UTF-8 input
/// starts and ends on character boundaries.
pub fn check_outcome(outcome: &FileOutcome, bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).ok();
    for f in &outcome.findings {
        assert!(f.start.offset <= f.end.offset, "{f:?}");
        assert!(f.end.offset <= bytes.len(), "{f:?} past the end ({})", bytes.len());
        assert!(f.start.line >= 1 && f.start.column >= 1, "{f:?}");
        assert!((f.start.line, f.start.column) <= (f.end.line, f.end.column), "{f:?}");
        if let Some(text) = text
            && !f.missing
        {
            assert!(
                text.is_char_boundary(f.start.offset) && text.is_char_boundary(f.end.offset),
                "{f:?} not on character boundaries"
            );
        }
    }
}
