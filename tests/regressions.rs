//! Bugs found by review, each pinned by the input that showed it.

mod common;

use common::{Project, offset_of};

fn spans(run: &common::Run) -> Vec<(String, u64, u64)> {
    run.findings()
        .into_iter()
        .map(|f| (f.rule, f.start, f.end))
        .collect()
}

fn one(p: &Project, name: &str, content: &[u8]) -> common::Run {
    p.file(name, content);
    p.check_json(&[name])
}

#[test]
fn lone_cr_line_endings_split_lines_and_blocks() {
    let p = Project::new();
    let run = one(
        &p,
        "a.txt",
        b"# phraselint-disable-next-line calls-on\rIntro.\r\rFrontier enables access to GPT.\r",
    );
    // The directive silences nothing on the line after it: reported as unused.
    assert_eq!(
        spans(&run),
        vec![
            ("phraselint/unused-suppression".into(), 0, 39),
            ("partner-ai/enables-access".into(), 57, 71)
        ]
    );
    assert_eq!(run.findings()[1].line, 4, "line 4 of a CR-only file");
    let run = one(&p, "b.txt", b"Frontier enables\r\raccess to GPT.\r");
    assert_eq!(spans(&run), vec![]);
    let run = one(
        &p,
        "c.md",
        b"---\rtitle: Hello\rslug: unlimited-plans\r---\rBody.\r",
    );
    assert_eq!(spans(&run), vec![]);
}

#[test]
fn front_matter_values_continue_on_indented_lines() {
    let p = Project::new();
    let text = b"---\ndescription: Frontier is fast,\n  and it enables access to GPT models.\ntitle: \"Calls\n  on GPT\"\n---\n";
    let run = one(&p, "a.md", text);
    assert_eq!(
        spans(&run),
        vec![
            (
                "partner-ai/enables-access".into(),
                offset_of(text, "enables", 0),
                offset_of(text, "enables", 0) + 14
            ),
            (
                "partner-ai/calls-on".into(),
                offset_of(text, "Calls", 0),
                offset_of(text, "on GPT", 0) + 2
            ),
        ]
    );
}

#[test]
fn thematic_breaks_are_not_front_matter() {
    let p = Project::new();
    let run = one(
        &p,
        "a.md",
        b"---\n\nFrontier enables access to GPT models.\n\n---\n",
    );
    assert_eq!(run.rules(), vec!["partner-ai/enables-access"]);
}

#[test]
fn escaped_front_matter_values_keep_exact_spans_and_case() {
    let p = Project::new();
    let text = b"---\ntitle: \"Say \\\"hi\\\" - it enables access to GPT\"\n---\n";
    let run = one(&p, "a.md", text);
    let start = offset_of(text, "enables", 0);
    assert_eq!(
        spans(&run),
        vec![("partner-ai/enables-access".into(), start, start + 14)]
    );

    p.file("t.yaml", "phrasebook: t\nversion: 1.0.0\nschema: 1\nrules:\n  - id: x\n    banned: [Open AI]\n    case: sensitive\n    message: m\n");
    let text =
        b"---\ntitle: \"Use \\\"Open AI\\\" models\"\n---\nWe use Open &#65;I and open ai.\n";
    p.file("b.md", text);
    let run = p.run(&[
        "check",
        "--format",
        "json",
        "--phrasebook",
        "t.yaml",
        "b.md",
    ]);
    assert_eq!(
        run.findings()
            .iter()
            .map(|f| (f.start, f.end))
            .collect::<Vec<_>>(),
        vec![
            (
                offset_of(text, "Open AI", 0),
                offset_of(text, "Open AI", 0) + 7
            ),
            (
                offset_of(text, "Open &#65;I", 0),
                offset_of(text, "Open &#65;I", 0) + 11
            ),
        ]
    );
}

#[test]
fn front_matter_comments_and_blank_lines_in_block_values() {
    let p = Project::new();
    let run = one(
        &p,
        "a.md",
        b"---\ntitle: Hello\t# unlimited\ndescription: >\n  We enables\n\n  access to GPT\n---\n",
    );
    assert_eq!(spans(&run), vec![]);
}

#[test]
fn enable_resolves_rule_names_like_disable() {
    let p = Project::new();
    let text = "<!-- phraselint-disable partner-ai/enables-access -->\n\nIt enables access to GPT.\n\n<!-- phraselint-enable enables-access -->\n\nIt enables access to GPT.\n\n<!-- phraselint-disable -->\n\n<!-- phraselint-enable enables-access -->\n\nIt enables access to GPT and calls on GPT.\n\n<!-- phraselint-enable -->\n\n<!-- phraselint-disable enables-access, calls-on -->\n\n<!-- phraselint-enable enables-access -->\n\nIt enables access to GPT and calls on GPT.\n";
    let run = one(&p, "a.md", text.as_bytes());
    let found: Vec<(String, u64)> = run
        .findings()
        .into_iter()
        .map(|f| (f.rule, f.line))
        .collect();
    assert_eq!(
        found,
        vec![
            ("partner-ai/enables-access".into(), 7),
            ("partner-ai/enables-access".into(), 13),
            ("partner-ai/enables-access".into(), 21),
        ]
    );
}

#[test]
fn a_blanket_disable_covers_a_missing_required_phrase() {
    let p = Project::new();
    p.file("t.yaml", "phrasebook: t\nversion: 1.0.0\nschema: 1\nrules:\n  - id: tm\n    require: trademark notice\n    message: m\n");
    p.file("a.md", "<!-- phraselint-disable -->\n# Draft\n");
    p.file(
        "b.md",
        "<!-- phraselint-disable tm -->\n<!-- phraselint-enable tm -->\n# Draft\n",
    );
    let run = p.run(&[
        "check",
        "--format",
        "json",
        "--phrasebook",
        "t.yaml",
        "a.md",
        "b.md",
    ]);
    let missing: Vec<String> = run
        .findings()
        .into_iter()
        .filter(|f| f.rule == "t/tm")
        .map(|f| f.path)
        .collect();
    assert_eq!(missing, vec!["b.md"]);
}

#[test]
fn html_in_block_quotes_is_read_without_the_markers() {
    let p = Project::new();
    let text = b"> <p>Frontier enables\n> access to GPT.</p>\n\n> <img src=\"x\"\n> alt=\"risk-free\">\n\n> Text <span\n> title=\"enables access to GPT\">x</span>\n";
    let run = one(&p, "a.md", text);
    let start = offset_of(text, "enables", 0);
    // Attributes people read (alt, title) are prose too, at their exact bytes.
    assert_eq!(
        spans(&run),
        vec![
            (
                "partner-ai/enables-access".into(),
                start,
                offset_of(text, "access", 0) + 6
            ),
            (
                "claims/risk-free".into(),
                offset_of(text, "risk-free", 0),
                offset_of(text, "risk-free", 0) + 9
            ),
            (
                "partner-ai/enables-access".into(),
                offset_of(text, "enables", 1),
                offset_of(text, "enables", 1) + 14
            ),
        ]
    );
}

#[test]
fn html_entities_comments_and_attributes_read_as_browsers_do() {
    let p = Project::new();
    let text = b"<p>Frontier enables&ensp;access to GPT</p>\n\n<div><!--> Frontier calls on GPT.</div>\n\n<p title=don't>It calls on GPT.</p>\n\n<textarea>Unlimited</textarea>\n";
    let run = one(&p, "a.md", text);
    let rules: Vec<String> = run.rules();
    assert_eq!(
        rules,
        vec![
            "partner-ai/enables-access",
            "partner-ai/calls-on",
            "partner-ai/calls-on",
            "claims/unlimited"
        ]
    );
}

#[test]
fn urls_end_at_any_space_and_schemes_do_not_swallow_words() {
    let p = Project::new();
    let run = one(&p, "a.txt", "See https://frontier.example\u{a0}enables access to GPT.\n\nFrontier enables access.https://x.com GPT\n".as_bytes());
    assert_eq!(
        run.rules(),
        vec!["partner-ai/enables-access", "partner-ai/enables-access"]
    );
}

#[test]
fn a_url_split_by_the_markdown_parser_stays_a_url() {
    let p = Project::new();
    let run = one(&p, "a.md", b"See https://example.com/?q=a&amp;topic=risk-free now.\n\nSee https://example.com/[a]/risk-free and https://x.com/*risk-free* and https://x.com/a\\_risk-free.\n");
    assert_eq!(run.rules(), Vec::<String>::new(), "{}", run.stdout);
}

#[test]
fn patterns_are_folded_like_text() {
    let p = Project::new();
    p.file("t.yaml", "phrasebook: t\nversion: 1.0.0\nschema: 1\nrules:\n  - id: a\n    pattern: 'we can’t fail'\n    message: m\n  - id: b\n    pattern: 'größte\\s+\\w+'\n    message: m\n");
    p.file("a.txt", "We can't fail. Die GRÖSSTE Plattform.\n");
    let run = p.run(&[
        "check",
        "--format",
        "json",
        "--phrasebook",
        "t.yaml",
        "a.txt",
    ]);
    assert_eq!(run.rules(), vec!["t/a", "t/b"], "{}", run.stderr);
}

#[test]
fn full_case_folding_reads_ligatures() {
    let p = Project::new();
    let text = "Truly in\u{FB01}nite scale.\n";
    let run = one(&p, "a.txt", text.as_bytes());
    assert_eq!(
        spans(&run),
        vec![(
            "claims/unlimited".into(),
            6,
            6 + "in\u{FB01}nite scale".len() as u64
        )]
    );
}

#[test]
fn numbers_are_phrases_in_banned_either_way() {
    let p = Project::new();
    p.file("t.yaml", "phrasebook: t\nversion: 1.0.0\nschema: 1\nrules:\n  - id: a\n    banned: 100\n    message: m\n  - id: b\n    banned: [200]\n    message: m\n");
    p.file("a.txt", "100 and 200.\n");
    let run = p.run(&[
        "check",
        "--format",
        "json",
        "--phrasebook",
        "t.yaml",
        "a.txt",
    ]);
    assert_eq!(run.rules(), vec!["t/a", "t/b"]);
}
