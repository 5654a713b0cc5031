//! PRODUCT.md §3: matching semantics, checked on the binary's JSON output
//! with exact byte spans, lines and columns.

mod common;

use common::{Project, offset_of};

const ENABLES: &str = "partner-ai/enables-access";
const CALLS_ON: &str = "partner-ai/calls-on";

#[test]
fn phrase_across_a_soft_line_break_has_the_exact_span() {
    let p = Project::new();
    let text = "# Frontier\n\nFrontier enables\naccess to GPT models.\n";
    p.file("a.md", text);
    let run = p.check_json(&["a.md"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let start = offset_of(text.as_bytes(), "enables", 0);
    let end = offset_of(text.as_bytes(), "access", 0) + 6;
    assert_eq!(
        run.findings(),
        vec![("a.md".into(), ENABLES.into(), start, end, 3, 10)]
    );
    let f = &run.json()["findings"][0];
    assert_eq!(f["matched"], "enables\naccess");
    assert_eq!(f["end"]["line"], 4);
    assert_eq!(f["end"]["column"], 7);
}

#[test]
fn phrase_never_crosses_a_blank_line_or_block_boundary() {
    let p = Project::new();
    p.file(
        "a.md",
        "Frontier enables\n\naccess to GPT models.\n\n# It calls\n\non GPT\n\n- enables\n- access\n",
    );
    p.file("b.txt", "It calls\n\non GPT.\n");
    let run = p.check_json(&["a.md", "b.txt"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.findings().is_empty());
}

#[test]
fn whitespace_runs_and_tabs_inside_a_block_match_one_space() {
    let p = Project::new();
    let text = "It  calls \t on\n   GPT.\n";
    p.file("a.txt", text);
    let run = p.check_json(&["a.txt"]);
    let start = offset_of(text.as_bytes(), "calls", 0);
    let end = offset_of(text.as_bytes(), "on", 0) + 2;
    assert_eq!(
        run.findings(),
        vec![("a.txt".into(), CALLS_ON.into(), start, end, 1, 5)]
    );
}

#[test]
fn whole_words_only() {
    let p = Project::new();
    p.file(
        "a.md",
        "It recalls only the last call.\n\nThe callson API.\n\nHe recalls on Tuesdays.\n\nre-enables accessibility.\n",
    );
    let run = p.check_json(&["a.md"]);
    assert_eq!(run.findings(), vec![], "{}", run.stdout);
}

#[test]
fn case_is_folded_beyond_ascii() {
    let p = Project::new();
    let book = "phrasebook: t\nversion: 1.0.0\nschema: 1\nrules:\n  - id: street\n    banned: [straße, über alles, ΣΟΦΊΑ]\n    message: m\n";
    p.file("t.yaml", book);
    let text = "Die STRASSE und ÜBER ALLES und σοφία.\n";
    p.file("a.txt", text);
    let run = p.run(&[
        "check",
        "--format",
        "json",
        "--phrasebook",
        "t.yaml",
        "a.txt",
    ]);
    let spans: Vec<(u64, u64)> = run.findings().iter().map(|f| (f.2, f.3)).collect();
    let b = text.as_bytes();
    assert_eq!(
        spans,
        vec![
            (offset_of(b, "STRASSE", 0), offset_of(b, "STRASSE", 0) + 7),
            (offset_of(b, "ÜBER", 0), offset_of(b, "ALLES", 0) + 5),
            (
                offset_of(b, "σοφία", 0),
                offset_of(b, "σοφία", 0) + "σοφία".len() as u64
            ),
        ]
    );
    assert_eq!(
        run.findings()[1].5,
        17,
        "columns count characters, not bytes"
    );
}

#[test]
fn curly_apostrophes_and_no_break_spaces_are_folded() {
    let p = Project::new();
    let book = "phrasebook: t\nversion: 1.0.0\nschema: 1\nrules:\n  - id: worlds-best\n    banned: [\"world's best\"]\n    message: m\n";
    p.file("t.yaml", book);
    let text = "The world\u{2019}s best tool. It enables\u{a0}access to GPT. The world\u{2019}s\u{a0}best again.\n";
    p.file("a.txt", text);
    let run = p.run(&[
        "check",
        "--format",
        "json",
        "--phrasebook",
        "t.yaml",
        "a.txt",
    ]);
    let b = text.as_bytes();
    assert_eq!(
        run.findings()
            .iter()
            .map(|f| (f.2, f.3))
            .collect::<Vec<_>>(),
        vec![
            (offset_of(b, "world", 0), offset_of(b, "best", 0) + 4),
            (offset_of(b, "world", 1), offset_of(b, "best", 1) + 4),
        ]
    );
    let builtin = p.check_json(&["a.txt"]);
    let start = offset_of(b, "enables", 0);
    assert_eq!(
        builtin.findings(),
        vec![(
            "a.txt".into(),
            ENABLES.into(),
            start,
            start + 7 + 2 + 6,
            1,
            27
        )]
    );
}

#[test]
fn soft_hyphen_is_ignored_and_entities_are_decoded() {
    let p = Project::new();
    let text = "Frontier en\u{AD}ables access to GPT.\n\nFrontier enables&nbsp;access to GPT.\n";
    p.file("a.md", text);
    let run = p.check_json(&["a.md"]);
    let b = text.as_bytes();
    let second = offset_of(b, "enables&nbsp;access", 0);
    assert_eq!(
        run.findings()
            .iter()
            .map(|f| (f.2, f.3))
            .collect::<Vec<_>>(),
        vec![
            (
                offset_of(b, "en\u{AD}ables", 0),
                offset_of(b, "access", 0) + 6
            ),
            (second, second + "enables&nbsp;access".len() as u64),
        ]
    );
}

#[test]
fn inline_markup_does_not_split_a_phrase() {
    let p = Project::new();
    let text = "Frontier **enables** access to GPT.\n\nIt *calls* on GPT.\n\nIt [enables access](https://example.com) to GPT.\n\nIt <b>calls</b> on GPT.\n";
    p.file("a.md", text);
    let run = p.check_json(&["a.md"]);
    let b = text.as_bytes();
    assert_eq!(
        run.findings()
            .iter()
            .map(|f| (f.1.as_str().to_owned(), f.2, f.3))
            .collect::<Vec<_>>(),
        vec![
            (
                ENABLES.to_owned(),
                offset_of(b, "enables", 0),
                offset_of(b, "access", 0) + 6
            ),
            (
                CALLS_ON.to_owned(),
                offset_of(b, "calls", 0),
                offset_of(b, " on", 0) + 3
            ),
            (
                ENABLES.to_owned(),
                offset_of(b, "enables", 1),
                offset_of(b, "access", 1) + 6
            ),
            (
                CALLS_ON.to_owned(),
                offset_of(b, "calls", 1),
                offset_of(b, " on", 1) + 3
            ),
        ]
    );
}

#[test]
fn allowed_phrase_shields_a_banned_phrase_inside_it() {
    let p = Project::new();
    let book = "phrasebook: t\nversion: 1.0.0\nschema: 1\nallowed:\n  - provides access to the admin console\nrules:\n  - id: access\n    banned: [provides access]\n    message: m\n";
    p.file("t.yaml", book);
    let text = "It provides access to the admin console.\n\nIt provides access to GPT.\n";
    p.file("a.txt", text);
    let run = p.run(&[
        "check",
        "--format",
        "json",
        "--phrasebook",
        "t.yaml",
        "a.txt",
    ]);
    let start = offset_of(text.as_bytes(), "provides", 1);
    assert_eq!(
        run.findings(),
        vec![("a.txt".into(), "t/access".into(), start, start + 15, 3, 4)]
    );
}

#[test]
fn allowed_phrase_shields_only_its_own_books_rules() {
    let p = Project::new();
    p.file(
        "a.yaml",
        "phrasebook: a\nversion: 1.0.0\nschema: 1\nallowed: [calls on support]\nrules: []\n",
    );
    p.file("b.yaml", "phrasebook: b\nversion: 1.0.0\nschema: 1\nrules:\n  - id: calls\n    banned: calls on\n    message: m\n");
    p.file("a.txt", "It calls on support.\n");
    let run = p.run(&[
        "check",
        "--format",
        "json",
        "--phrasebook",
        "a.yaml",
        "--phrasebook",
        "b.yaml",
        "a.txt",
    ]);
    assert_eq!(run.rules(), vec!["b/calls"]);
}

#[test]
fn crlf_files_have_offsets_into_the_original_bytes() {
    let p = Project::new();
    let text = "# Title\r\n\r\nFrontier enables\r\naccess to GPT models.\r\n";
    p.file("a.md", text);
    let run = p.check_json(&["a.md"]);
    let b = text.as_bytes();
    assert_eq!(
        run.findings(),
        vec![(
            "a.md".into(),
            ENABLES.into(),
            offset_of(b, "enables", 0),
            offset_of(b, "access", 0) + 6,
            3,
            10
        )]
    );
    assert_eq!(run.json()["findings"][0]["matched"], "enables\r\naccess");
}

#[test]
fn invalid_utf8_is_checked_with_offsets_into_the_original_bytes() {
    let p = Project::new();
    let bytes = b"Caf\xe9 enables access to GPT.\n\xff\xfe calls on it\n".to_vec();
    p.file("latin1.txt", &bytes);
    let run = p.check_json(&["latin1.txt"]);
    assert_eq!(
        run.findings(),
        vec![
            ("latin1.txt".into(), ENABLES.into(), 5, 19, 1, 6),
            (
                "latin1.txt".into(),
                CALLS_ON.into(),
                offset_of(&bytes, "calls", 0),
                offset_of(&bytes, "calls", 0) + 8,
                2,
                4
            ),
        ]
    );
}

#[test]
fn byte_order_marks_are_handled() {
    let p = Project::new();
    p.file("bom.md", b"\xEF\xBB\xBFIt calls on GPT.\n");
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "It calls on GPT.\n".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    p.file("utf16.txt", &utf16);
    let run = p.check_json(&["bom.md", "utf16.txt"]);
    assert_eq!(
        run.findings(),
        vec![
            ("bom.md".into(), CALLS_ON.into(), 6, 14, 1, 4),
            (
                "utf16.txt".into(),
                CALLS_ON.into(),
                2 + 3 * 2,
                2 + 11 * 2,
                1,
                4
            ),
        ]
    );
    assert_eq!(run.json()["summary"]["skipped"], 0);
}

#[test]
fn overlapping_phrases_of_one_rule_report_once_and_of_two_rules_twice() {
    let p = Project::new();
    let text = "Guaranteed results, fully compliant. Compliance guaranteed.\n";
    p.file("a.txt", text);
    let run = p.check_json(&["a.txt"]);
    let b = text.as_bytes();
    assert_eq!(
        run.findings()
            .iter()
            .map(|f| (f.1.as_str().to_owned(), f.2, f.3))
            .collect::<Vec<_>>(),
        vec![
            ("claims/guarantee".into(), 0, 18),
            (
                "claims/compliance-claim".into(),
                offset_of(b, "fully", 0),
                offset_of(b, "fully", 0) + 15
            ),
            (
                "claims/compliance-claim".into(),
                offset_of(b, "Compliance", 0),
                offset_of(b, "guaranteed.", 0) + 10
            ),
            (
                "claims/guarantee".into(),
                offset_of(b, "guaranteed.", 0),
                offset_of(b, "guaranteed.", 0) + 10
            ),
        ]
    );
}
