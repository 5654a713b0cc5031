//! PRODUCT.md §8 `replace:` and §9 fixes: the edits the language server and
//! `check --fix` share, and `--fix`/`--diff` on real files.

mod common;

use std::path::Path;

use phraselint::catalog::Catalog;
use phraselint::extract::FileKind;
use phraselint::finding::{FileOutcome, Finding};
use phraselint::fix::{self, Edit};
use phraselint::lint::{FileResult, Linter};
use phraselint::phrasebook::Phrasebook;
use phraselint::rules::Rule;

const BOOK: &str = "\
phrasebook: t
version: 1.0.0
schema: 1
rules:
  - id: access
    banned: [enables access, enables ... access]
    inflect: true
    replace: integrates with
    message: Say integrates with.
  - id: calls
    banned: [calls on]
    message: Say powered by.
";

fn linter() -> Linter {
    Linter::with_defaults(Catalog::new(vec![
        Phrasebook::parse(BOOK, "t.yaml").unwrap(),
    ]))
}

fn outcome(linter: &Linter, name: &str, text: &str) -> FileOutcome {
    let kind = FileKind::from_path(Path::new(name)).unwrap();
    match linter.lint_document(Path::new(name), kind, text.as_bytes()) {
        FileResult::Checked(outcome) => outcome,
        _ => panic!("{name} is checked"),
    }
}

/// The text with the edit `make` gives for each finding applied, and how
/// many findings it had.
fn edited(
    linter: &Linter,
    name: &str,
    text: &str,
    make: impl Fn(&FileOutcome, &Finding, &Rule) -> Option<Edit>,
) -> (String, usize) {
    let outcome = outcome(linter, name, text);
    let edits: Vec<Edit> = outcome
        .findings
        .iter()
        .filter_map(|f| make(&outcome, f, linter.catalog().rule(f.rule)))
        .collect();
    (
        fix::apply(&outcome.text.text, &edits),
        outcome.findings.len(),
    )
}

/// The text with every finding's safe replacement applied once.
fn fixed_once(name: &str, text: &str) -> String {
    edited(&linter(), name, text, fix::safe_replacement).0
}

#[test]
fn keep_case_follows_the_match() {
    for (matched, replacement, want) in [
        ("enables access", "integrates with", "integrates with"),
        ("Enables access", "integrates with", "Integrates with"),
        ("Enables Access", "integrates with", "Integrates With"),
        ("ENABLES ACCESS", "integrates with", "INTEGRATES WITH"),
        ("Enables access", "OpenAI-powered", "OpenAI-powered"),
        ("enables access", "OpenAI-powered", "OpenAI-powered"),
        ("A", "powered by", "Powered by"),
        ("Énables accès", "élève", "Élève"),
        ("**Enables**\naccess", "integrates with", "Integrates with"),
    ] {
        assert_eq!(fix::keep_case(matched, replacement), want, "{matched}");
    }
}

#[test]
fn apply_sorts_edits_and_drops_overlapping_ones() {
    let edit = |span: std::ops::Range<usize>, text: &str| Edit {
        span,
        text: text.into(),
    };
    let edits = [
        edit(6..11, "there"),
        edit(0..5, "howdy"),
        edit(3..8, "lost"),
        edit(11..11, "!"),
    ];
    assert_eq!(fix::apply("hello world", &edits), "howdy there!");
}

#[test]
fn safe_replacements_only_for_the_literal_phrase_without_markup() {
    for (name, text, want) in [
        ("a.md", "It enables access.\n", "It integrates with.\n"),
        ("a.md", "Enables access now.\n", "Integrates with now.\n"),
        ("a.md", "IT ENABLES ACCESS.\n", "IT INTEGRATES WITH.\n"),
        // The line break between the words stays, CRLF too.
        (
            "a.md",
            "It enables\r\naccess.\r\n",
            "It integrates\r\nwith.\r\n",
        ),
        ("a.txt", "It enables  access.\n", "It integrates  with.\n"),
        // Markup, a gap, an inflected form, code: left for the writer.
        (
            "a.md",
            "It **enables** access.\n",
            "It **enables** access.\n",
        ),
        (
            "a.html",
            "<p>It enables&#32;access.</p>",
            "<p>It enables&#32;access.</p>",
        ),
        (
            "a.md",
            "It enables seamless access.\n",
            "It enables seamless access.\n",
        ),
        ("a.md", "It enabled access.\n", "It enabled access.\n"),
        (
            "a.md",
            "`enables access` it calls on.\n",
            "`enables access` it calls on.\n",
        ),
        // A suppressed finding is no finding.
        (
            "a.md",
            "<!-- phraselint-disable-next-line t/access -- ok -->\nIt enables access.\n",
            "<!-- phraselint-disable-next-line t/access -- ok -->\nIt enables access.\n",
        ),
    ] {
        assert_eq!(fixed_once(name, text), want, "{text:?}");
    }
}

#[test]
fn replacement_offers_any_suggestion_with_case_and_spacing_kept() {
    let linter = linter();
    let outcome = outcome(&linter, "a.md", "It Enables\naccess. It enabled access.\n");
    let edits: Vec<Edit> = outcome
        .findings
        .iter()
        .map(|f| fix::replacement(&outcome, f, "powered by"))
        .collect();
    assert_eq!(
        fix::apply(&outcome.text.text, &edits),
        "It Powered\nby. It powered by.\n"
    );
}

/// The text with a suppression comment for each finding; each must then
/// be silenced.
fn suppressed(name: &str, text: &str) -> String {
    let linter = linter();
    let (out, found) = edited(&linter, name, text, |outcome, f, rule| {
        fix::suppression(outcome, f, &rule.full_id)
    });
    let again = outcome(&linter, name, &out);
    assert_eq!(again.findings, vec![], "{out:?} is not silenced");
    assert_eq!(again.suppressed.len(), found, "{out:?}");
    out
}

#[test]
fn suppression_comments_in_each_syntax_silence_the_finding() {
    for (name, text, want) in [
        (
            "a.md",
            "Intro.\n\n  It calls on GPT.\r\n",
            "Intro.\n\n  <!-- phraselint-disable-next-line t/calls -- reason -->\r\n  It calls on GPT.\r\n",
        ),
        // The finding's line continues a paragraph: the comment ends the
        // line before, so the paragraph stays one.
        (
            "a.md",
            "First line,  \nthen it calls on GPT.\n",
            "First line, <!-- phraselint-disable-next-line t/calls -- reason -->  \nthen it calls on GPT.\n",
        ),
        (
            "a.md",
            "> Quoted,\n> it calls on GPT.\n",
            "> Quoted, <!-- phraselint-disable-next-line t/calls -- reason -->\n> it calls on GPT.\n",
        ),
        (
            "a.mdx",
            "It calls on GPT.",
            "{/* phraselint-disable-next-line t/calls -- reason */}\nIt calls on GPT.",
        ),
        (
            "a.html",
            "<p>\n\tIt calls on GPT.</p>\n",
            "<p>\n\t<!-- phraselint-disable-next-line t/calls -- reason -->\n\tIt calls on GPT.</p>\n",
        ),
        (
            "a.txt",
            "It calls on GPT.\n",
            "phraselint-disable-next-line t/calls -- reason\nIt calls on GPT.\n",
        ),
    ] {
        assert_eq!(suppressed(name, text), want, "{text:?}");
    }
}
