//! PRODUCT.md §2–§3: every rule key on fixtures, with exact spans.

mod common;

use common::{Project, offset_of};

const HEAD: &str = "phrasebook: t\nversion: 1.0.0\nschema: 1\n";

fn book(p: &Project, body: &str) {
    p.file("t.yaml", format!("{HEAD}{body}"));
}

fn check(p: &Project, paths: &[&str]) -> common::Run {
    let mut args = vec!["check", "--format", "json", "--phrasebook", "t.yaml"];
    args.extend_from_slice(paths);
    p.run(&args)
}

fn spans(run: &common::Run) -> Vec<(String, u64, u64)> {
    run.findings()
        .into_iter()
        .map(|f| (f.1, f.2, f.3))
        .collect()
}

#[test]
fn near_inside_and_outside_the_window_and_across_blocks() {
    let p = Project::new();
    book(
        &p,
        "terms:\n  partner: [OpenAI, GPT-5, Chat GPT]\nrules:\n  - id: calls-on\n    banned: [calls on]\n    near: [\"{partner}\"]\n    within: 3\n    message: m\n",
    );
    let text = "The bot calls on GPT-5 daily.\n\n\
                Chat GPT, then it calls on it.\n\n\
                The bot calls on our own search index for GPT-5.\n\n\
                OpenAI\n\nThe bot calls on it.\n\n\
                It calls on\nthe chat\ngpt models.\n";
    p.file("a.md", text);
    let run = check(&p, &["a.md"]);
    let b = text.as_bytes();
    assert_eq!(
        spans(&run),
        vec![
            (
                "t/calls-on".into(),
                offset_of(b, "calls on", 0),
                offset_of(b, "calls on", 0) + 8
            ),
            (
                "t/calls-on".into(),
                offset_of(b, "calls on", 1),
                offset_of(b, "calls on", 1) + 8
            ),
            (
                "t/calls-on".into(),
                offset_of(b, "calls on", 4),
                offset_of(b, "calls on", 4) + 8
            ),
        ],
        "{}",
        run.stdout
    );
}

#[test]
fn near_without_within_uses_ten_words() {
    let p = Project::new();
    book(
        &p,
        "rules:\n  - id: x\n    banned: calls on\n    near: [gpt]\n    message: m\n",
    );
    p.file("a.txt", "calls on one two three four five six seven eight nine GPT\n\ncalls on 1 2 3 4 5 6 7 8 9 10 GPT\n");
    assert_eq!(
        check(&p, &["a.txt"])
            .findings()
            .iter()
            .map(|f| f.4)
            .collect::<Vec<_>>(),
        vec![1]
    );
}

#[test]
fn pattern_matches_whole_words_on_folded_text() {
    let p = Project::new();
    book(
        &p,
        "rules:\n  - id: models-available\n    pattern: '\\b(openai|gpt)\\S* models? (is|are) available (through|on|via) aws\\b'\n    message: m\n  - id: percent\n    pattern: '\\d+% (secure|safe)'\n    message: m\n",
    );
    let text = "GPT-5 models are\navailable **through** AWS.\n\nXGPT models are available on AWS.\n\nWe are 99% secure and 100% safer.\n";
    p.file("a.md", text);
    let run = check(&p, &["a.md"]);
    let b = text.as_bytes();
    assert_eq!(
        spans(&run),
        vec![
            ("t/models-available".into(), 0, offset_of(b, "AWS", 0) + 3),
            (
                "t/percent".into(),
                offset_of(b, "99%", 0),
                offset_of(b, "secure", 0) + 6
            ),
        ],
        "{}",
        run.stdout
    );
}

#[test]
fn pattern_never_crosses_a_block() {
    let p = Project::new();
    book(
        &p,
        "rules:\n  - id: x\n    pattern: 'calls\\s+on'\n    message: m\n",
    );
    p.file("a.md", "It calls\n\non it. It calls\non it.\n");
    let run = check(&p, &["a.md"]);
    assert_eq!(
        run.findings()
            .iter()
            .map(|f| (f.4, f.5))
            .collect::<Vec<_>>(),
        vec![(3, 11)]
    );
}

#[test]
fn pattern_with_terms() {
    let p = Project::new();
    book(
        &p,
        "terms:\n  partner: [OpenAI, Chat GPT]\nrules:\n  - id: x\n    pattern: 'powered by \\w+ and {partner}'\n    message: m\n",
    );
    p.file("a.txt", "Powered by Azure and chat   GPT.\n");
    assert_eq!(
        check(&p, &["a.txt"])
            .findings()
            .iter()
            .map(|f| (f.2, f.3))
            .collect::<Vec<_>>(),
        vec![(0, 31)]
    );
}

#[test]
fn require_present_and_absent() {
    let p = Project::new();
    book(
        &p,
        "rules:\n  - id: trademark-notice\n    require: OpenAI is a trademark of OpenAI OpCo, LLC\n    paths: [\"sales/**\"]\n    message: Sales material must carry the trademark notice.\n",
    );
    p.file(
        "sales/deck.md",
        "# Deck\n\nFrontier is powered by OpenAI.\n",
    );
    p.file(
        "sales/ok.md",
        "# Deck\n\n*OpenAI is a trademark of\nOpenAI OpCo, LLC.*\n",
    );
    p.file(
        "sales/code.md",
        "```\nOpenAI is a trademark of OpenAI OpCo, LLC\n```\n",
    );
    p.file("docs/page.md", "# Page\n");
    let run = check(&p, &[]);
    let found: Vec<(String, String, u64, u64, u64, u64)> = run.findings();
    assert_eq!(
        found,
        vec![
            (
                "sales/code.md".into(),
                "t/trademark-notice".into(),
                0,
                0,
                1,
                1
            ),
            (
                "sales/deck.md".into(),
                "t/trademark-notice".into(),
                0,
                0,
                1,
                1
            ),
        ]
    );
    assert_eq!(
        run.json()["findings"][0]["message"],
        "Sales material must carry the trademark notice."
    );
}

#[test]
fn paths_limit_any_rule() {
    let p = Project::new();
    book(
        &p,
        "rules:\n  - id: x\n    banned: calls on\n    paths: [\"blog/*.md\"]\n    message: m\n",
    );
    p.file("blog/a.md", "It calls on GPT.\n");
    p.file("blog/deep/b.md", "It calls on GPT.\n");
    p.file("docs/c.md", "It calls on GPT.\n");
    let paths: Vec<String> = check(&p, &[]).findings().into_iter().map(|f| f.0).collect();
    assert_eq!(paths, vec!["blog/a.md"]);
}

#[test]
fn rule_allow_shields_only_its_rule() {
    let p = Project::new();
    book(
        &p,
        "rules:\n  - id: access\n    banned: provides access\n    allow: [provides access to the admin console]\n    message: m\n  - id: admin\n    banned: access to the admin\n    message: m\n",
    );
    let text = "It provides access to the admin console.\n";
    p.file("a.txt", text);
    let run = check(&p, &["a.txt"]);
    let start = offset_of(text.as_bytes(), "access", 0);
    assert_eq!(spans(&run), vec![("t/admin".into(), start, start + 19)]);
}

#[test]
fn allowed_phrases_of_an_extended_book_shield_too() {
    let p = Project::new();
    p.file(
        "base.yaml",
        "phrasebook: base\nversion: 1.0.0\nschema: 1\nallowed: [calls on support]\n",
    );
    book(
        &p,
        "extends: [base.yaml]\nrules:\n  - id: x\n    banned: calls on\n    message: m\n",
    );
    p.file("a.txt", "It calls on support. It calls on GPT.\n");
    let run = check(&p, &["a.txt"]);
    assert_eq!(
        run.findings().iter().map(|f| f.2).collect::<Vec<_>>(),
        vec![24]
    );
}

#[test]
fn case_sensitive_rules() {
    let p = Project::new();
    book(
        &p,
        "rules:\n  - id: us\n    banned: [US, U.S.]\n    case: sensitive\n    message: m\n  - id: apple\n    pattern: 'Apple(?:s)? Intelligence'\n    case: sensitive\n    message: m\n  - id: loud\n    banned: [GPT]\n    message: m\n",
    );
    let text = "Tell us about the US and\nthe U.S. market. apple intelligence, Apple\nIntelligence, gpt.\n";
    p.file("a.md", text);
    let run = check(&p, &["a.md"]);
    let b = text.as_bytes();
    assert_eq!(
        spans(&run),
        vec![
            (
                "t/us".into(),
                offset_of(b, "US", 0),
                offset_of(b, "US", 0) + 2
            ),
            (
                "t/us".into(),
                offset_of(b, "U.S.", 0),
                offset_of(b, "U.S.", 0) + 4
            ),
            (
                "t/apple".into(),
                offset_of(b, "Apple", 0),
                offset_of(b, "Intelligence", 0) + 12
            ),
            (
                "t/loud".into(),
                offset_of(b, "gpt", 0),
                offset_of(b, "gpt", 0) + 3
            ),
        ],
        "{}",
        run.stdout
    );
}

#[test]
fn case_sensitive_default_for_the_book() {
    let p = Project::new();
    book(
        &p,
        "defaults: { case: sensitive }\nrules:\n  - id: x\n    banned: OpenAI\n    message: m\n",
    );
    p.file("a.txt", "openai OpenAI OPENAI\n");
    assert_eq!(
        check(&p, &["a.txt"])
            .findings()
            .iter()
            .map(|f| f.2)
            .collect::<Vec<_>>(),
        vec![7]
    );
}

#[test]
fn terms_expand_in_phrases_near_and_require() {
    let p = Project::new();
    book(
        &p,
        "terms:\n  partner: [OpenAI, ChatGPT]\n  verb: [calls on, relies on]\nrules:\n  - id: x\n    banned: [\"{verb} {partner}\"]\n    message: m\n",
    );
    p.file(
        "a.txt",
        "It calls on ChatGPT. It relies on\nOpenAI. It calls on Bard.\n",
    );
    let run = check(&p, &["a.txt"]);
    assert_eq!(
        run.findings()
            .iter()
            .map(|f| (f.2, f.3))
            .collect::<Vec<_>>(),
        vec![(3, 19), (24, 40)]
    );
}

#[test]
fn extends_namespaces_ids_and_reports_the_books() {
    let p = Project::new();
    p.file("base.yaml", "phrasebook: base\nversion: 2.0.0\nschema: 1\nrules:\n  - id: x\n    banned: calls on\n    message: base\n");
    book(
        &p,
        "extends: [base.yaml]\nrules:\n  - id: x\n    banned: enables access\n    message: mine\n",
    );
    p.file("a.txt", "It calls on GPT and enables access.\n");
    let run = check(&p, &["a.txt"]);
    assert_eq!(run.rules(), vec!["base/x", "t/x"]);
    let books: Vec<String> = run.json()["phrasebooks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            format!(
                "{} {}",
                b["name"].as_str().unwrap(),
                b["version"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(books, vec!["base 2.0.0", "t 1.0.0"]);
}

#[test]
fn extends_cycle_is_an_error_naming_the_chain() {
    let p = Project::new();
    p.file(
        "a.yaml",
        "phrasebook: a\nversion: 1.0.0\nschema: 1\nextends: [b.yaml]\n",
    );
    p.file(
        "b.yaml",
        "phrasebook: b\nversion: 1.0.0\nschema: 1\nextends:\n  - a.yaml\n",
    );
    let run = p.run(&["check", "--phrasebook", "a.yaml", "."]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: b.yaml:5:5: `extends` cycle: a.yaml → b.yaml → a.yaml\n"
    );
}

#[test]
fn two_books_of_one_name_are_an_error() {
    let p = Project::new();
    p.file("a.yaml", "phrasebook: same\nversion: 1.0.0\nschema: 1\n");
    p.file("b.yaml", "phrasebook: same\nversion: 1.0.0\nschema: 1\n");
    let run = p.run(&[
        "check",
        "--phrasebook",
        "a.yaml",
        "--phrasebook",
        "b.yaml",
        ".",
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: b.yaml:1:13: phrasebook name `same` is also used by a.yaml; rule ids would clash\n"
    );
}

#[test]
fn unknown_term_is_an_error_naming_the_line() {
    let p = Project::new();
    book(
        &p,
        "terms:\n  partner: [OpenAI]\nrules:\n  - id: x\n    banned: [\"calls on {partnr}\"]\n    message: m\n",
    );
    let run = check(&p, &["."]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: t.yaml:8:24: unknown term list `{partnr}`; the book defines partner\n"
    );
}

#[test]
fn rule_shape_errors_name_the_rule() {
    for (body, message) in [
        (
            "  - id: x\n    message: m\n",
            "rule `x` needs `banned`, `pattern` or `require`",
        ),
        (
            "  - id: x\n    banned: a\n    require: b\n    message: m\n",
            "rule `x`: `require` cannot be combined with `banned` or `pattern`; make it a rule of its own",
        ),
        (
            "  - id: x\n    banned: a\n    within: 3\n    message: m\n",
            "rule `x`: `within` needs a `near` list",
        ),
    ] {
        let p = Project::new();
        book(&p, &format!("rules:\n{body}"));
        let run = check(&p, &["."]);
        assert_eq!(run.code, 2);
        assert_eq!(run.stderr, format!("error: t.yaml:5:9: {message}\n"));
    }
}

#[test]
fn bad_patterns_are_refused_where_written() {
    let p = Project::new();
    book(
        &p,
        "rules:\n  - id: x\n    pattern: 'calls (on'\n    message: m\n",
    );
    let run = check(&p, &["."]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("error: t.yaml:6:14: rules[0].pattern: bad pattern: regex parse error:"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);

    book(&p, "rules:\n  - id: x\n    pattern: 'a*'\n    message: m\n");
    let run = check(&p, &["."]);
    assert_eq!(
        run.stderr,
        "error: t.yaml:6:14: rules[0].pattern: pattern `a*` can match the empty string\n"
    );
    // Look-arounds alone match nothing visible, everywhere.
    book(
        &p,
        "rules:\n  - id: x\n    pattern: '\\b|^'\n    message: m\n",
    );
    let run = check(&p, &["."]);
    assert_eq!(
        run.stderr,
        "error: t.yaml:6:14: rules[0].pattern: pattern `\\b|^` can match the empty string\n"
    );
}

#[test]
fn overrides_change_severity_and_disable_rules_per_path() {
    let p = Project::new();
    p.file(
        ".phraselint.yaml",
        "overrides:\n  - paths: [\"blog/**\"]\n    severity: { partner-ai/calls-on: warning }\n    disable: [enables-access]\n",
    );
    p.file("blog/post.md", "It calls on GPT and enables access.\n");
    p.file("docs/page.md", "It calls on GPT and enables access.\n");
    let run = p.check_json(&[]);
    let found: Vec<(String, String, String)> = run.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().into(),
                f["rule"].as_str().unwrap().into(),
                f["severity"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            (
                "blog/post.md".into(),
                "partner-ai/calls-on".into(),
                "warning".into()
            ),
            (
                "docs/page.md".into(),
                "partner-ai/calls-on".into(),
                "error".into()
            ),
            (
                "docs/page.md".into(),
                "partner-ai/enables-access".into(),
                "error".into()
            ),
        ]
    );
    p.file(
        ".phraselint.yaml",
        "overrides:\n  - paths: [\"blog/**\"]\n    disable: [partner-ai/nope]\n",
    );
    let run = p.check_json(&[]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: .phraselint.yaml:3:15: `overrides` names no loaded rule `partner-ai/nope`\n"
    );
}

#[test]
fn missing_extends_target_and_missing_configured_book_name_their_reference() {
    let p = Project::new();
    book(&p, "extends:\n  - nope.yaml\n");
    let run = check(&p, &["."]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("error: t.yaml:5:5: `extends` names "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .ends_with("nope.yaml, which is not a readable file\n"),
        "{}",
        run.stderr
    );

    p.file(".phraselint.yaml", "phrasebooks:\n  - books/missing.yaml\n");
    let run = p.run(&["check", "."]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("error: .phraselint.yaml:2:5: phrasebook "),
        "{}",
        run.stderr
    );
}

#[test]
fn term_lists_may_build_on_each_other_but_not_in_a_circle() {
    let p = Project::new();
    book(
        &p,
        "terms:\n  partner: [OpenAI]\n  model: [\"{partner} models\", LLMs]\nrules:\n  - id: x\n    banned: \"calls on {model}\"\n    message: m\n",
    );
    p.file("a.txt", "It calls on OpenAI models and calls on LLMs.\n");
    assert_eq!(check(&p, &["a.txt"]).findings().len(), 2);
    book(&p, "terms:\n  a: [\"{b}\"]\n  b: [\"{a}\"]\nrules: []\n");
    let run = check(&p, &["a.txt"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: t.yaml:6:8: term lists refer to each other: {a} → {b} → {a}\n"
    );
}
