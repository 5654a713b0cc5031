//! Phrasebook bugs found by review, each pinned by the input that showed it.

mod common;

use common::Project;

const HEAD: &str = "phrasebook: t\nversion: 1.0.0\nschema: 1\n";

fn with_book(p: &Project, body: &str, file: &str, text: &str) -> common::Run {
    p.file("t.yaml", format!("{HEAD}{body}"));
    p.file(file, text);
    p.run(&["check", "--format", "json", "--phrasebook", "t.yaml", file])
}

#[test]
fn anchors_match_at_every_block() {
    let p = Project::new();
    let run = with_book(
        &p,
        "rules:\n  - id: s\n    pattern: '^guaranteed\\b'\n    message: m\n  - id: e\n    pattern: '\\bforever$'\n    message: m\n",
        "a.md",
        "Intro.\n\nGuaranteed results, forever\n",
    );
    assert_eq!(
        run.findings()
            .iter()
            .map(|f| (f.rule.clone(), f.line))
            .collect::<Vec<_>>(),
        vec![("t/s".into(), 3), ("t/e".into(), 3)]
    );
}

#[test]
fn case_sensitive_patterns_find_the_leftmost_cased_match() {
    let p = Project::new();
    let run = with_book(
        &p,
        "rules:\n  - id: g\n    pattern: '\\bGPT(?:\\s+[A-Z]\\w*)?'\n    case: sensitive\n    message: m\n  - id: x\n    pattern: '(?x) openai \\s+ models  # the partner'\n    case: sensitive\n    message: m\n",
        "a.txt",
        "We use GPT models. We use GPT Turbo. OpenAI models, openai models.\n",
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let found: Vec<(String, u64, u64)> = run
        .findings()
        .into_iter()
        .map(|f| (f.rule, f.start, f.end))
        .collect();
    assert_eq!(
        found,
        vec![
            ("t/g".into(), 7, 10),
            ("t/g".into(), 26, 35),
            ("t/x".into(), 52, 65)
        ]
    );
    let run = with_book(
        &p,
        "rules:\n  - id: x\n    pattern: '(?x) OpenAI \\s+ models  # the partner'\n    case: sensitive\n    message: m\n",
        "b.txt",
        "OpenAI models, openai models.\n",
    );
    assert_eq!(
        run.findings()
            .iter()
            .map(|f| (f.start, f.end))
            .collect::<Vec<_>>(),
        vec![(0, 13)]
    );
}

#[test]
fn pattern_book_mistakes_are_errors_at_their_place_never_crashes() {
    let p = Project::new();
    for (body, expected) in [
        (
            "rules:\n  - id: x\n    pattern: '(?-i)OpenAI'\n    message: m\n",
            "error: t.yaml:6:14: rules[0].pattern: `(?-i)` has no effect on folded text; give the rule `case: sensitive` instead\n",
        ),
        (
            "terms:\n  p: []\nrules:\n  - id: x\n    pattern: '{p}'\n    message: m\n",
            "error: t.yaml:5:3: term list `p` is empty; give it at least one entry\n",
        ),
        (
            "rules:\n  - id: x\n    banned: calls on\n    near: []\n    message: m\n",
            "error: t.yaml:5:9: rule `x`: `near` is empty; list at least one term, or remove it\n",
        ),
        (
            "rules:\n  - id: x\n    banned: calls on\n    paths: []\n    message: m\n",
            "error: t.yaml:5:9: rule `x`: `paths` is empty, so the rule would never apply; remove it or list globs\n",
        ),
    ] {
        let run = with_book(&p, body, "a.txt", "x\n");
        assert_eq!(run.code, 2, "{body}");
        assert_eq!(run.stderr, expected, "{body}");
    }
}

#[test]
fn regex_repetitions_and_escapes_are_not_term_references() {
    let p = Project::new();
    let run = with_book(
        &p,
        "rules:\n  - id: y\n    pattern: '\\b\\d{4} release'\n    message: m\n  - id: q\n    pattern: '\\bσοφ\\p{Greek}+'\n    message: m\n",
        "a.txt",
        "The 2026 release. Die ΣΟΦΊΑ.\n",
    );
    assert_eq!(run.rules(), vec!["t/y", "t/q"], "{}", run.stderr);
}

#[test]
fn globs_with_dot_slash_and_plain_folders() {
    let p = Project::new();
    p.file("sales/s.md", "It calls on GPT.\n");
    p.file("docs/d.md", "It calls on GPT.\n");
    for glob in ["./sales/**", "sales", "sales/"] {
        let run = with_book(
            &p,
            &format!(
                "rules:\n  - id: x\n    banned: calls on\n    paths: [\"{glob}\"]\n    message: m\n"
            ),
            "x.txt",
            "",
        );
        let _ = run;
        let run = p.run(&["check", "--format", "json", "--phrasebook", "t.yaml"]);
        assert_eq!(
            run.findings()
                .into_iter()
                .map(|f| f.path)
                .collect::<Vec<_>>(),
            vec!["sales/s.md"],
            "{glob}"
        );
    }
}

#[test]
fn overrides_for_books_not_loaded_are_passed_by_with_phrasebook() {
    let p = Project::new();
    p.file(
        ".phraselint.yaml",
        "overrides:\n  - paths: [\"blog/**\"]\n    disable: [partner-ai/calls-on]\n",
    );
    let run = with_book(
        &p,
        "rules:\n  - id: x\n    banned: calls on\n    message: m\n",
        "a.txt",
        "It calls on GPT.\n",
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.rules(), vec!["t/x"]);
}

#[test]
fn errors_point_past_comments_and_deep_extends_are_refused() {
    let p = Project::new();
    p.file("a.yaml", "# This book pulls in b.yaml\nphrasebook: a\nversion: 1.0.0\nschema: 1\nextends: [b.yaml]\n");
    p.file(
        "b.yaml",
        "phrasebook: b\nversion: 1.0.0\nschema: 1\nextends: [a.yaml]\n",
    );
    let run = p.run(&["check", "--phrasebook", "b.yaml", "."]);
    assert_eq!(
        run.stderr,
        "error: a.yaml:5:11: `extends` cycle: b.yaml → a.yaml → b.yaml\n"
    );

    for i in 0..70 {
        p.file(
            &format!("c{i}.yaml"),
            format!(
                "phrasebook: c{i}\nversion: 1.0.0\nschema: 1\nextends: [c{}.yaml]\n",
                i + 1
            ),
        );
    }
    p.file("c70.yaml", "phrasebook: c70\nversion: 1.0.0\nschema: 1\n");
    let run = p.run(&["check", "--phrasebook", "c0.yaml", "."]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .ends_with("`extends` nests deeper than 64 books; flatten the chain\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn diff_shows_values_as_written_and_example_changes() {
    let p = Project::new();
    p.file("v1.yaml", "phrasebook: d\nversion: 1.0.0\nschema: 1\nterms:\n  p: [GPT]\nrules:\n  - id: x\n    pattern: 'via {p}'\n    message: m\n    link: https://a.example\n    examples:\n      bad: [It runs via GPT.]\n");
    p.file("v2.yaml", "phrasebook: d\nversion: 1.0.0\nschema: 1\nterms:\n  p: [GPT]\nrules:\n  - id: x\n    pattern: 'through {p}'\n    message: m\n    examples:\n      bad: [It runs through GPT.]\n");
    let run = p.run(&["phrasebook", "diff", "v1.yaml", "v2.yaml"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "d 1.0.0 → d 1.0.0\n~ rule d/x\n    + bad example \"It runs through GPT.\"\n    - bad example \"It runs via GPT.\"\n    pattern: \"via {p}\" → \"through {p}\"\n    link: \"https://a.example\" → (none)\n"
    );
}

#[test]
fn built_in_books_leave_ordinary_sentences_alone() {
    let p = Project::new();
    p.file(
        "a.txt",
        "The admin role provides access to billing settings for AI teams.\n\n\
         We call on customers every quarter to review their AI roadmap.\n\n\
         The model registry is available through the CLI.\n\n\
         Our data pipeline enables access control for LLM apps.\n\n\
         We ship no risk assessment tool.\n\n\
         Unlock instant access to GPT-4o for your team.\n",
    );
    let run = p.check_json(&["a.txt"]);
    let found: Vec<(String, String)> = run.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().into(),
                f["matched"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![(
            "partner-ai/enables-access".into(),
            "Unlock instant access".into()
        )]
    );
}
