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

#[test]
fn replacement_keeps_markup_between_the_words_in_place() {
    let linter = linter();
    for (name, text, replace, want) in [
        (
            "a.md",
            "Frontier **enables** access now.\n",
            "integrates with",
            "Frontier **integrates** with now.\n",
        ),
        (
            "a.html",
            "<p>Frontier <b>Enables</b>\naccess now.</p>\n",
            "integrates with",
            "<p>Frontier <b>Integrates</b>\nwith now.</p>\n",
        ),
        (
            "a.html",
            "<p>It enables&nbsp;<i>access</i>.</p>\n",
            "integrates with",
            "<p>It integrates&nbsp;<i>with</i>.</p>\n",
        ),
        // Fewer words: the extra matched word goes with its spacing.
        (
            "a.md",
            "It *enables* access now.\n",
            "unlocks",
            "It *unlocks* now.\n",
        ),
        // More words: the last matched word takes the rest.
        (
            "a.md",
            "It *enables* access now.\n",
            "is integrated with",
            "It *is* integrated with now.\n",
        ),
    ] {
        let outcome = outcome(&linter, name, text);
        let edits: Vec<Edit> = outcome
            .findings
            .iter()
            .map(|f| fix::replacement(&outcome, f, replace))
            .collect();
        assert_eq!(edits.len(), 1, "{text:?}");
        assert_eq!(fix::apply(&outcome.text.text, &edits), want, "{text:?}");
    }
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

// `check --fix` and `--diff` on real files.

/// A project with the test book as `t.yaml`.
fn project() -> common::Project {
    let p = common::Project::new();
    p.file("t.yaml", BOOK);
    p
}

fn check(p: &common::Project, extra: &[&str]) -> common::Run {
    let mut args = vec!["check", "--phrasebook", "t.yaml"];
    args.extend_from_slice(extra);
    p.run(&args)
}

fn utf16(text: &str, le: bool) -> Vec<u8> {
    let unit = |u: u16| if le { u.to_le_bytes() } else { u.to_be_bytes() };
    "\u{FEFF}"
        .encode_utf16()
        .chain(text.encode_utf16())
        .flat_map(unit)
        .collect()
}

#[test]
fn fix_keeps_bom_line_ends_encoding_and_every_other_byte() {
    let p = project();
    let cases: Vec<(&str, Vec<u8>, Vec<u8>)> = vec![
        (
            "bom-crlf.md",
            b"\xEF\xBB\xBFIt enables access.\r\nEnables\r\naccess, TOO.\r\n".to_vec(),
            b"\xEF\xBB\xBFIt integrates with.\r\nIntegrates\r\nwith, TOO.\r\n".to_vec(),
        ),
        (
            "le.txt",
            utf16("It ENABLES ACCESS.\r\n", true),
            utf16("It INTEGRATES WITH.\r\n", true),
        ),
        (
            "be.md",
            utf16("Enables access\n", false),
            utf16("Integrates with\n", false),
        ),
        (
            "latin1.txt",
            b"Caf\xE9 enables access \xFF.\n".to_vec(),
            b"Caf\xE9 integrates with \xFF.\n".to_vec(),
        ),
    ];
    for (name, before, _) in &cases {
        p.file(name, before);
    }
    let run = check(&p, &["--fix", "."]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("Fixed 5 findings in 4 files."),
        "{}",
        run.stderr
    );
    for (name, _, after) in &cases {
        assert_eq!(
            &std::fs::read(p.path().join(name)).unwrap(),
            after,
            "{name}"
        );
    }
}

#[cfg(unix)]
#[test]
fn fix_keeps_the_mode_and_replaces_a_symlinks_target() {
    use std::os::unix::fs::PermissionsExt;
    let p = project();
    let file = p.file("a.md", "It enables access.\n");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    let target = p.file("target.md", "It enables access.\n");
    std::os::unix::fs::symlink("target.md", p.path().join("link.md")).unwrap();
    let run = check(&p, &["--fix", "a.md", "link.md"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let mode = std::fs::metadata(&file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
    let link = std::fs::symlink_metadata(p.path().join("link.md")).unwrap();
    assert!(link.file_type().is_symlink());
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "It integrates with.\n"
    );
}

#[test]
fn fix_leaves_what_is_not_safe_and_reports_it() {
    let p = project();
    let text = "\
It enables access.

<!-- phraselint-disable-next-line t/access -- quoted from the contract -->
It enables access.

Run `enables access` or:

```
enables access
```

It **enables** access, enables seamless access, and enabled access.
";
    p.file("a.md", text);
    let run = check(&p, &["--fix", "--format", "json", "a.md"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let fixed = std::fs::read_to_string(p.path().join("a.md")).unwrap();
    assert_eq!(
        fixed,
        text.replacen("It enables access.", "It integrates with.", 1)
    );
    let json = run.json();
    let left: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["matched"].as_str().unwrap())
        .collect();
    assert_eq!(
        left,
        [
            "enables** access",
            "enables seamless access",
            "enabled access"
        ]
    );
    assert_eq!(json["summary"]["fixed"], 1);
    // Fixing again changes nothing.
    let again = check(&p, &["--fix", "a.md"]);
    assert_eq!(again.code, 1);
    assert!(!again.stderr.contains("Fixed"), "{}", again.stderr);
    assert_eq!(
        std::fs::read_to_string(p.path().join("a.md")).unwrap(),
        fixed
    );
}

#[test]
fn office_files_are_never_rewritten() {
    let p = common::Project::new();
    let docx = common::ooxml::zip(&[
        ("[Content_Types].xml", "<Types/>".to_owned()),
        (
            "word/document.xml",
            format!(
                "<w:document {}><w:body><w:p><w:r><w:t>The app directly accesses GPT-5.</w:t></w:r></w:p></w:body></w:document>",
                common::ooxml::W
            ),
        ),
    ]);
    p.file("deck.docx", &docx);
    let run = p.run(&["check", "--fix", "deck.docx"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("note: deck.docx: Office and PDF files are not rewritten by --fix"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(p.path().join("deck.docx")).unwrap(), docx);
}

#[test]
fn diff_writes_nothing_and_stdin_fix_prints_the_text() {
    let p = project();
    p.file("a.md", "One.\n\nIt enables access.\n");
    let run = check(&p, &["--diff", "a.md"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "--- a/a.md\n+++ b/a.md\n@@ -1,3 +1,3 @@\n One.\n \n-It enables access.\n+It integrates with.\n"
    );
    assert_eq!(
        std::fs::read_to_string(p.path().join("a.md")).unwrap(),
        "One.\n\nIt enables access.\n"
    );
    let run = check(&p, &["--fix", "--diff", "a.md"]);
    assert_eq!(run.code, 2, "{}", run.stderr);

    let args = ["check", "--phrasebook", "t.yaml", "--fix", "--stdin"];
    let run = p.run_with_stdin(&args, Some(b"It enables access. It calls on us.\n"));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stdout, "It integrates with. It calls on us.\n");
    assert!(run.stderr.contains("t/calls"), "{}", run.stderr);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// `fix(fix(x)) == fix(x)`, and a fix leaves no safe replacement.
    #[test]
    fn fixing_twice_is_fixing_once(words in proptest::collection::vec(
        proptest::sample::select(vec![
            "enables", "Enables", "ENABLES", "access", "Access", "integrates", "with",
            "**", "`", " ", "  ", "\n", "\r\n", "\n\n", "seamless", "...", ".",
        ]),
        0..24,
    )) {
        let linter = linter();
        let fix = |bytes: &[u8]| {
            fix::fix_bytes(linter.catalog(), bytes.to_vec(), |b| {
                linter.lint_document(Path::new("a.md"), FileKind::Markdown, b)
            })
        };
        let once = fix(words.concat().as_bytes());
        let twice = fix(&once.bytes);
        proptest::prop_assert_eq!(twice.count, 0);
        proptest::prop_assert_eq!(twice.bytes, once.bytes);
    }
}
