//! Every fuzz target's saved corpus (`fuzz/corpus/<target>/`), replayed
//! through the target's own body in an ordinary test: `fuzz/src/lib.rs` is
//! included as a module, and each `fuzz/fuzz_targets/*.rs` is one line calling
//! the same function. No nightly, no cargo-fuzz, no libFuzzer build.

#[path = "../fuzz/src/lib.rs"]
mod fuzz_checks;

use std::path::{Path, PathBuf};

/// Runs `check` on every file of `fuzz/corpus/<target>/`, in name order;
/// a panic names the file, and the `cargo fuzz run` line that reproduces it.
fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{}: empty corpus", dir.display());
    for file in &files {
        let data = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        if let Err(panic) = std::panic::catch_unwind(|| check(&data)) {
            let message = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("(no message)");
            panic!(
                "fuzz target `{target}` failed on {}: {message}\n\
                 reproduce: cargo fuzz run -s none {target} {}",
                file.display(),
                file.display()
            );
        }
    }
}

#[test]
fn extract_markdown() {
    replay("extract_markdown", fuzz_checks::extract_markdown);
}

#[test]
fn extract_html() {
    replay("extract_html", fuzz_checks::extract_html);
}

#[test]
fn extract_office() {
    replay("extract_office", fuzz_checks::extract_office);
}

#[test]
fn extract_pdf() {
    replay("extract_pdf", fuzz_checks::extract_pdf);
}

#[test]
fn fold() {
    replay("fold", fuzz_checks::fold);
}

#[test]
fn phrasebook() {
    replay("phrasebook", fuzz_checks::phrasebook);
}

#[test]
fn lint() {
    replay("lint", fuzz_checks::lint);
}

/// Every target in `fuzz/Cargo.toml` has a corpus replayed above, and is the
/// one-line call of its function here (CI does not compile the fuzz crate).
#[test]
fn every_target_is_replayed() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let manifest = std::fs::read_to_string(fuzz.join("Cargo.toml")).unwrap();
    let targets: Vec<&str> = manifest
        .lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .filter_map(|l| l.strip_suffix('"'))
        .filter(|name| *name != "phraselint-fuzz")
        .collect();
    assert_eq!(
        targets,
        [
            "extract_markdown",
            "extract_html",
            "extract_office",
            "extract_pdf",
            "fold",
            "phrasebook",
            "lint"
        ]
    );
    for target in targets {
        let path = fuzz.join("fuzz_targets").join(format!("{target}.rs"));
        let source = std::fs::read_to_string(&path).unwrap();
        let bytes = format!("|data: &[u8]| phraselint_fuzz::{target}(data)");
        let typed = format!("phraselint_fuzz::{target}_input(input)");
        assert!(
            source.contains(&bytes) || source.contains(&typed),
            "{} does not call phraselint_fuzz::{target}",
            path.display()
        );
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

    /// The `fold` target's checks (the map slices the text at character
    /// boundaries, folding phrases is idempotent) on text made of what NFKC
    /// folding composes, decomposes or keeps: combining marks after letters
    /// and after nothing, Hangul jamo, fullwidth and halfwidth forms, lettered
    /// symbols, capitals whose case folding decomposes.
    #[test]
    fn folding_unicode_forms_maps_back_and_is_idempotent(
        chars in proptest::collection::vec(proptest::sample::select(vec![
            'a', 'O', 'e', ' ', '\u{301}', '\u{308}', '\u{323}', '\u{302}', '\u{345}', '\u{332}',
            'é', 'Å', 'İ', 'ǰ', 'ẞ', 'ß', 'ſ', 'Ǆ', 'ﬁ', '\u{1100}', '\u{1161}', '\u{11A8}',
            '한', 'Ａ', 'ｱ', 'ﾞ', '™', '℃', '①', '㎏', '½', '…', 'ก', '\u{E31}', '日', 'を',
            '\u{FFFC}', '&', ';', '\u{AD}', '\u{200D}', '\u{3099}', 'か', 'ｶ', 'ᾳ', 'Ω',
        ]), 0..24),
        pieces in proptest::collection::vec(0u16..12, 1..6),
    ) {
        let text: String = chars.into_iter().collect();
        let pieces = pieces.into_iter().map(fuzz_checks::Piece::Exact).collect();
        fuzz_checks::fold_input((text, pieces));
    }
}
