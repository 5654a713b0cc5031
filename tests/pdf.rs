//! PDF files: the text layer of every page in reading order, phrases
//! wrapped or hyphenated across lines, page and line locations, fonts read
//! through WinAnsi and ToUnicode, kerned `TJ` arrays, and the files that
//! must be errors (encrypted, scanned, truncated, hostile). Fixtures are
//! written by `tests/pdf_files`.

mod common;
mod pdf_files;

use std::time::Duration;

use common::{Project, Run, run_bounded};
use pdf_files::{
    encrypted, f2, fixtures, form_cycle, image_only, lines, object_stream_bombs, stream_bomb,
    with_pages,
};
use serde_json::Value;

/// Each finding as (rule, line, column, location, matched text).
fn findings(run: &Run) -> Vec<(String, u64, u64, String, String)> {
    assert!(run.code <= 1, "exit {}: {}", run.code, run.stderr);
    let report = run.json();
    let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    let at = |f: &Value, key: &str| f["start"][key].as_u64().unwrap();
    let list = report["findings"].as_array().unwrap();
    list.iter()
        .map(|f| {
            (
                text(&f["rule"]),
                at(f, "line"),
                at(f, "column"),
                text(&f["location"]),
                text(&f["matched"]),
            )
        })
        .collect()
}

fn check(pdf: &[u8]) -> Vec<(String, u64, u64, String, String)> {
    let project = Project::new();
    project.file("brochure.pdf", pdf);
    findings(&project.check_json(&["brochure.pdf"]))
}

fn found(
    rule: &str,
    line: u64,
    column: u64,
    location: &str,
    matched: &str,
) -> (String, u64, u64, String, String) {
    (
        rule.to_owned(),
        line,
        column,
        location.to_owned(),
        matched.to_owned(),
    )
}

#[test]
fn a_phrase_wrapped_or_hyphenated_across_lines_matches_where_it_starts() {
    let page1 = lines(&[
        "Frontier for teams",
        "Our gateway enables",
        "access to partner models.",
    ]);
    let page2 = lines(&[
        "Plans",
        "Every plan enab-",
        "les access to GPT-5 and well-",
        "Known models.",
    ]);
    assert_eq!(
        check(&with_pages(&[&page1, &page2], true)),
        [
            found(
                "partner-ai/enables-access",
                2,
                13,
                "page 1, line 2",
                "enables\naccess"
            ),
            found(
                "partner-ai/enables-access",
                6,
                12,
                "page 2, line 2",
                "enab-\nles access"
            ),
        ]
    );
}

#[test]
fn a_blank_gap_or_a_page_end_ends_a_block() {
    let page1 = "BT /F1 12 Tf 72 720 Td (Our gateway enables) Tj 0 -40 Td (access to GPT-5.) Tj \
        0 -40 Td (It enables) Tj ET";
    let page2 = lines(&[
        "access to GPT-5 for teams.",
        "Zero risk, and it",
        "enables access to GPT-5.",
    ]);
    // Lines of the text read: 1, gap, 3, gap, 5, page end, 7, 8, 9.
    assert_eq!(
        check(&with_pages(&[page1, &page2], false)),
        [
            found("claims/risk-free", 8, 1, "page 2, line 2", "Zero risk"),
            found(
                "partner-ai/enables-access",
                9,
                1,
                "page 2, line 3",
                "enables access"
            ),
        ]
    );
}

#[test]
fn kerned_tj_arrays_and_a_tounicode_font_read_as_words() {
    // Small kerning joins a word, a gap of a quarter em is a space; the
    // font's codes mean nothing without its ToUnicode map.
    let content = format!(
        "BT /F2 12 Tf 72 700 Td [{} -30 {} -250 {}] TJ ET",
        f2("It en"),
        f2("ables"),
        f2("access to GPT-5.")
    );
    assert_eq!(
        check(&with_pages(&[&content], true)),
        [found(
            "partner-ai/enables-access",
            1,
            4,
            "page 1, line 1",
            "enables access"
        )]
    );
}

#[test]
fn a_soft_hyphen_or_a_unicode_hyphen_at_a_line_end_joins_too() {
    // Typesetters break words with U+00AD or U+2010 as often as with `-`.
    let line = |y: u32, text: &str| format!("BT /F2 12 Tf 72 {y} Td {} Tj ET\n", f2(text));
    let content = [
        line(700, "One contract enab\u{AD}"),
        line(686, "les access to GPT-5, and enab\u{2010}"),
        line(672, "ling access to GPT-4o."),
    ]
    .concat();
    assert_eq!(
        check(&with_pages(&[&content], false)),
        [
            found(
                "partner-ai/enables-access",
                1,
                14,
                "page 1, line 1",
                "enab\u{AD}\nles access"
            ),
            found(
                "partner-ai/enables-access",
                2,
                26,
                "page 1, line 2",
                "enab\u{2010}\nling access"
            ),
        ]
    );
}

#[test]
fn words_placed_apart_without_a_space_are_words() {
    // As Word writes a line: each word shown on its own, moved with `Td`,
    // no space glyph between them. "risk" is 24 points wide in /F1.
    let content =
        "BT /F1 12 Tf 72 700 Td (It) Tj 20 0 Td (is) Tj 16 0 Td (risk) Tj 30 0 Td (free.) Tj ET";
    assert_eq!(
        check(&with_pages(&[content], false)),
        [found(
            "claims/risk-free",
            1,
            7,
            "page 1, line 1",
            "risk free"
        )]
    );
}

#[test]
fn a_superscript_stays_on_its_line() {
    // A footnote mark set higher, smaller, by `Td` (as Word does) and by
    // text rise: the line goes on (`Our gateway 1 now2 enables`), and so
    // does its block.
    let content = "BT /F1 12 Tf 72 700 Td (Our gateway) Tj 7 Tf 68 4 Td (1) Tj 12 Tf 6 -4 Td (now) Tj \
        7 Tf 5 Ts (2) Tj 12 Tf 0 Ts ( enables) Tj ET BT /F1 12 Tf 72 686 Td (access to GPT-5.) Tj ET";
    assert_eq!(
        check(&with_pages(&[content], false)),
        [found(
            "partner-ai/enables-access",
            1,
            20,
            "page 1, line 1",
            "enables\naccess"
        )]
    );
}

#[test]
fn an_empty_user_password_opens_the_file() {
    // Restrictions only: any viewer shows the text without a password.
    let pdf = encrypted(&with_pages(&[&lines(&["Unlimited seats."])], true), "");
    assert_eq!(
        check(&pdf),
        [found(
            "claims/unlimited",
            1,
            1,
            "page 1, line 1",
            "Unlimited"
        )]
    );
}

/// How long a hostile file may take before it counts as a hang.
const HANG: Duration = Duration::from_secs(60);

/// Each file is an error of one line naming it (exit 2), and the Markdown
/// file beside them is still checked.
#[test]
fn unreadable_pdfs_are_errors_never_clean() {
    let text = with_pages(&[&lines(&["Unlimited seats for every team."])], true);
    let project = Project::new();
    project.file("a.md", "It is risk-free.\n");
    project.file("encrypted.pdf", encrypted(&text, "secret"));
    project.file("scanned.pdf", image_only());
    project.file("truncated.pdf", &text[..text.len() / 2]);
    project.file("bomb.pdf", stream_bomb());
    project.file("bombs.pdf", object_stream_bombs());
    project.file("cycle.pdf", form_cycle());
    project.file("not-a.pdf", "Unlimited seats, in a text file.\n");
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_phraselint"));
    cmd.args(["check", "--format", "json"])
        .current_dir(project.path());
    let run = run_bounded(cmd, HANG, |_| {}).run();
    assert_eq!(run.code, 2, "{}", run.stderr);
    let report = run.json();
    let mut errors: Vec<String> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "error: {}: {}",
                e["path"].as_str().unwrap(),
                e["message"].as_str().unwrap()
            )
        })
        .collect();
    errors.sort();
    let want = [
        "error: bomb.pdf: page 1 unpacks to more than 64 MiB; refused",
        "error: bombs.pdf: an object or cross-reference stream unpacks to more than 32 MiB (the 8 of them share 256 MiB); refused",
        "error: cycle.pdf: page 1: forms nested more than 8 deep or inside themselves; refused",
        "error: encrypted.pdf: encrypted PDF that needs a password; phraselint cannot read it",
        "error: not-a.pdf: not a PDF file (no %PDF- header)",
        "error: scanned.pdf: no text layer (scanned pages?); phraselint cannot check it",
        "error: truncated.pdf: truncated PDF (no %%EOF at its end)",
    ];
    assert_eq!(errors, want);
    // The same, one line each, on stderr.
    let mut stderr: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    stderr.sort_unstable();
    assert_eq!(stderr, want);
    assert_eq!(run.rules(), ["claims/risk-free"]);
}

#[test]
fn the_brochure_reads_as_pdftotext_reads_it() {
    // Both files are written by docs-samples/make-pdf-sample.py.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let pdf = std::fs::read(root.join("docs-samples/brochure.pdf")).unwrap();
    let poppler =
        std::fs::read_to_string(root.join("tests/fixtures/brochure.pdftotext.txt")).unwrap();
    let ours: Vec<String> = phraselint::extract::pdf::read(&pdf)
        .unwrap()
        .into_iter()
        .map(|line| line.text)
        .collect();
    let words = |text: &str| {
        text.split_whitespace()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(words(&ours.join("\n")), words(&poppler));
}

/// The PDFs of `tests/cmd/pdf.in` are `pdf_files::fixtures`;
/// `PDF_FIXTURES=overwrite cargo test --test pdf` writes them again.
#[test]
fn the_committed_fixtures_are_the_generators() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd/pdf.in");
    for (name, bytes) in fixtures() {
        let path = dir.join(name);
        if std::env::var_os("PDF_FIXTURES").is_some_and(|v| v == "overwrite") {
            std::fs::write(&path, &bytes).unwrap();
        }
        let committed = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(committed == bytes, "{name} differs from its generator's");
    }
}
