//! Inputs the fuzzers (fuzz/) found, each turned into what a user sees: the
//! file is checked (no "internal error"), and its findings are exact.

mod common;

use common::{Project, offset_of};
use phraselint::extract::{ExtractOptions, FileKind, extract};
use phraselint::text::fold::Folded;

/// Checks `text` as file `name`: nothing is said on stderr (no "internal
/// error") and the one finding is "enables access", exactly where written.
fn assert_checked(name: &str, text: &str) {
    let p = Project::new();
    p.file(name, text);
    let run = p.check_json(&[name]);
    assert!(run.stderr.is_empty(), "{name}: {}", run.stderr);
    let found: Vec<(String, u64)> = run
        .findings()
        .into_iter()
        .map(|f| (f.rule, f.start))
        .collect();
    assert_eq!(
        found,
        vec![(
            "partner-ai/enables-access".to_owned(),
            offset_of(text.as_bytes(), "enables access", 0)
        )]
    );
}

#[test]
fn mdx_expression_closed_at_the_start_of_a_later_line() {
    // The closing brace at a line's start made the "is it `{" "}`?" check
    // slice backwards, and the file was lost to a panic.
    assert_checked(
        "a.mdx",
        "{items.map(x =>\n}\n\nFrontier enables access to GPT models.\n",
    );
}

#[test]
fn mdx_space_literal_ending_in_a_multibyte_character() {
    // `"" é` starts with a quote but does not end with one; the check
    // sliced inside `é`.
    assert_checked("a.mdx", "Frontier {\"\" é} enables access to GPT models.\n");
}

#[test]
fn unclosed_bogus_comment_ending_in_a_multibyte_character() {
    // `<!x` with no `>` runs to the end of the file; its body was cut one
    // byte short, inside the last character.
    assert_checked(
        "a.html",
        "<p>Frontier enables access to GPT models.</p>\n<!x café",
    );
}

#[test]
fn masked_mdx_expression_over_multibyte_text_maps_to_whole_characters() {
    // An expression masked byte by byte over `é` once folded into one
    // stand-in per byte, each mapping into the middle of the character, so
    // a span could cut it.
    let text = "{é\n\nFrontier enables access to GPT models.\n";
    let mut folded = Folded::default();
    let keys = Vec::new();
    let options = ExtractOptions {
        front_matter_keys: &keys,
    };
    extract(FileKind::Mdx, text, &options, &mut folded, &mut Vec::new());
    for (i, c) in folded.text.char_indices() {
        let r = folded.source_range(i..i + c.len_utf8());
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "{c:?} at {i} maps to {r:?}"
        );
    }
    assert!(folded.text.starts_with("\u{FFFC}\nfrontier enables access"));
}

#[test]
fn a_case_sensitive_pattern_is_validated_as_it_runs() {
    // Folded for the case-insensitive check, `[ẞ-x]` becomes the valid
    // `[ss-x]`; a case-sensitive rule runs it unfolded, where the range is
    // backwards, and the run died with an internal error. (The fuzzer found
    // it with `ſ`, which NFKC now folds to `s` in both cases.)
    let p = Project::new();
    p.file(
        "t.yaml",
        "phrasebook: t\nversion: 1.0.0\nschema: 1\nrules:\n  - id: x\n    pattern: \"a[ẞ-x]\"\n    case: sensitive\n    message: m\n",
    );
    p.file("a.md", "Frontier calls on GPT.\n");
    let run = p.run(&["check", "--phrasebook", "t.yaml", "a.md"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: t.yaml:5:9: rule `x`: bad pattern: regex parse error: a[ẞ-x] ^^^ error: invalid character class range, the start must be <= the end\n"
    );
}

#[test]
fn an_escaped_non_ascii_character_is_not_folded_into_another_escape() {
    // `\ſ` folded to `\s` (whitespace), a different pattern from the one
    // written; it is an unknown escape, refused as such.
    let p = Project::new();
    p.file(
        "t.yaml",
        "phrasebook: t\nversion: 1.0.0\nschema: 1\nrules:\n  - id: x\n    pattern: 'calls\\ſon'\n    message: m\n",
    );
    p.file("a.md", "Frontier calls on GPT.\n");
    let run = p.run(&["check", "--phrasebook", "t.yaml", "a.md"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("error: t.yaml:6:14: rules[0].pattern: bad pattern: regex parse error:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("unrecognized escape sequence"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_pattern_with_empty_branches_and_an_impossible_one_is_refused() {
    // regex-syntax gave `||[&&x]` no minimum length, so the empty-match
    // check let it through; case-sensitive, its empty match at the start
    // of a block indexed before the block and the file was lost.
    let p = Project::new();
    p.file(
        "t.yaml",
        "phrasebook: t\nversion: 1.0.0\nschema: 1\nrules:\n  - id: x\n    message: m\n    case: sensitive\n    pattern: \"||L&[&&-|}g}}]}\"\n",
    );
    p.file("a.md", "+-\n");
    let run = p.run(&["check", "--phrasebook", "t.yaml", "a.md"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: t.yaml:8:14: rules[0].pattern: pattern `||L&[&&-|}g}}]}` can match the empty string, or nothing at all\n"
    );
}
