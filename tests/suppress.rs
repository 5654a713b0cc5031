//! PRODUCT.md §5: suppression comments in Markdown and plain text, and the
//! audit trail of what they silenced.

mod common;

use common::Project;

#[test]
fn disable_next_line_in_markdown_by_full_or_short_id_or_all() {
    let p = Project::new();
    p.file(
        "a.md",
        "<!-- phraselint-disable-next-line partner-ai/calls-on -- approved by legal, ticket 12 -->\nIt calls on GPT.\n\n<!-- phraselint-disable-next-line calls-on -->\nIt calls on GPT.\n\n<!-- phraselint-disable-next-line -->\nIt calls on GPT and enables access.\n\n<!-- phraselint-disable-next-line claims/unlimited -->\nIt calls on GPT.\n\nIt calls on GPT.\n",
    );
    let run = p.check_json(&["a.md"]);
    let found: Vec<(String, u64)> = run
        .findings()
        .into_iter()
        .map(|f| (f.rule, f.line))
        .collect();
    assert_eq!(
        found,
        vec![
            // Names a rule that finds nothing on its line: unused.
            ("phraselint/unused-suppression".into(), 10),
            ("partner-ai/calls-on".into(), 11),
            ("partner-ai/calls-on".into(), 13),
        ],
        "{}",
        run.stdout
    );
    let suppressions = run.json()["suppressions"].clone();
    assert_eq!(suppressions.as_array().unwrap().len(), 4);
    assert_eq!(suppressions[0]["rule"], "partner-ai/calls-on");
    assert_eq!(suppressions[0]["line"], 2);
    assert_eq!(suppressions[0]["reason"], "approved by legal, ticket 12");
    assert_eq!(suppressions[1]["reason"], serde_json::Value::Null);
}

#[test]
fn disable_next_line_skips_blank_lines_and_covers_a_whole_multiline_phrase_start() {
    let p = Project::new();
    p.file(
        "a.md",
        "<!-- phraselint-disable-next-line calls-on -->\n\nIt calls\non GPT.\n",
    );
    assert_eq!(p.check_json(&["a.md"]).findings(), vec![]);
}

#[test]
fn disable_and_enable_ranges() {
    let p = Project::new();
    p.file(
        "a.md",
        "It calls on GPT.\n\n<!-- phraselint-disable calls-on -->\n\nIt calls on GPT and enables access.\n\n<!-- phraselint-enable calls-on -->\n\nIt calls on GPT.\n\n<!-- phraselint-disable -->\n\nIt calls on GPT and enables access.\n",
    );
    let run = p.check_json(&["a.md"]);
    let found: Vec<(String, u64)> = run
        .findings()
        .into_iter()
        .map(|f| (f.rule, f.line))
        .collect();
    assert_eq!(
        found,
        vec![
            ("partner-ai/calls-on".into(), 1),
            ("partner-ai/enables-access".into(), 5),
            ("partner-ai/calls-on".into(), 9),
        ]
    );
}

#[test]
fn suppressions_in_plain_text_stand_on_their_own_line() {
    let p = Project::new();
    p.file(
        "mail.txt",
        "phraselint-disable-next-line claims/unlimited -- plan terms attached\nUnlimited seats.\n# phraselint-disable-next-line calls-on\nIt calls on GPT.\nUnlimited storage, phraselint-disable-next-line is only a directive alone on a line.\n",
    );
    let run = p.check_json(&["mail.txt"]);
    let found: Vec<(String, u64)> = run
        .findings()
        .into_iter()
        .map(|f| (f.rule, f.line))
        .collect();
    assert_eq!(found, vec![("claims/unlimited".into(), 5)]);
}

/// A book with a rule no comment may silence beside one that may be.
const FUND: &str = "phrasebook: fund
version: 1.0.0
schema: 1
rules:
  - id: guaranteed-returns
    banned: [guaranteed returns]
    message: Never promise returns.
    suppressible: false
  - id: best-in-class
    banned: [best in class]
    message: Don't claim to be the best.
";

/// The same lines in each file type's syntax: a comment naming the rule
/// that cannot be suppressed and one that can, a comment naming no rule,
/// and one naming a misspelt rule, each above a line it would silence.
fn fund_project() -> Project {
    let p = Project::new();
    p.file("book.yaml", FUND);
    let comments = [
        "phraselint-disable-next-line fund/guaranteed-returns, best-in-class -- approved",
        "phraselint-disable-next-line",
        "phraselint-disable-next-line best-in-clas",
    ];
    let prose = [
        "Guaranteed returns, best in class.",
        "Guaranteed returns, best in class.",
        "Best in class.",
    ];
    // A comment's words in the file type's comment; a line of prose.
    type Wrap = fn(&str) -> String;
    let syntaxes: [(&str, Wrap, Wrap); 4] = [
        ("a.md", |c| format!("<!-- {c} -->"), str::to_owned),
        (
            "b.html",
            |c| format!("<!-- {c} -->"),
            |t| format!("<p>{t}</p>"),
        ),
        ("c.mdx", |c| format!("{{/* {c} */}}"), str::to_owned),
        ("d.txt", |c| format!("# {c}"), str::to_owned),
    ];
    for (name, comment, line) in syntaxes {
        let text: Vec<String> = comments
            .iter()
            .zip(prose)
            .map(|(c, t)| format!("{}\n{}\n", comment(c), line(t)))
            .collect();
        p.file(name, text.join("\n"));
    }
    p
}

#[test]
fn unsuppressible_rules_and_unknown_names_in_every_syntax() {
    let p = fund_project();
    let args = ["check", "--format", "json", "--phrasebook", "book.yaml"];
    let run = p.run(&[&args[..], &["a.md", "b.html", "c.mdx", "d.txt"]].concat());
    assert_eq!(run.code, 1, "{}", run.stderr);
    let found: Vec<String> = run
        .findings()
        .iter()
        .map(|f| format!("{}:{} {}", f.path, f.line, f.rule))
        .collect();
    let mut expected = Vec::new();
    for path in ["a.md", "b.html", "c.mdx", "d.txt"] {
        for (rule, line) in [
            // Named: the comment is an error and the finding stays, while
            // the other rule it names is silenced.
            ("phraselint/unsuppressible", 1),
            ("fund/guaranteed-returns", 2),
            // Naming no rule, it silences the other finding only.
            ("phraselint/unsuppressible", 4),
            ("fund/guaranteed-returns", 5),
            // A misspelt rule silences nothing, and says so once.
            ("phraselint/unknown-rule-in-suppression", 7),
            ("fund/best-in-class", 8),
        ] {
            expected.push(format!("{path}:{line} {rule}"));
        }
    }
    assert_eq!(found, expected, "{}", run.stdout);
    let json = run.json();
    let suppressions = json["suppressions"].as_array().unwrap();
    let silenced: Vec<(&str, u64)> = suppressions
        .iter()
        .map(|s| (s["rule"].as_str().unwrap(), s["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        silenced,
        [("fund/best-in-class", 2), ("fund/best-in-class", 5)].repeat(4)
    );
    assert_eq!(
        json["findings"][4]["message"],
        "No rule `best-in-clas` in the loaded phrasebooks; did you mean `fund/best-in-class`?"
    );
}

#[test]
fn every_format_says_which_rule_a_suppression_comment_got_wrong() {
    let p = fund_project();
    for format in phraselint::report::Format::ALL {
        let args = [
            "check",
            "--color",
            "never",
            "--phrasebook",
            "book.yaml",
            "d.txt",
        ];
        let run = p.run(&[&args[..], &["--format", format.name()]].concat());
        assert_eq!(run.code, 1, "{}: {}", format.name(), run.stderr);
        for said in [
            "`fund/guaranteed-returns` cannot be suppressed",
            "No rule `best-in-clas` in the loaded phrasebooks; did you mean `fund/best-in-class`?",
        ] {
            assert!(
                run.stdout.contains(said),
                "{} does not say {said:?}:\n{}",
                format.name(),
                run.stdout
            );
        }
    }
}

#[test]
fn neither_a_baseline_nor_an_override_hides_an_unsuppressible_rule() {
    let p = Project::new();
    p.file("book.yaml", FUND);
    p.file(
        "a.md",
        "Guaranteed returns, best in class.\n\nGuaranteed returns.\n",
    );
    let check = ["check", "--format", "json", "--phrasebook", "book.yaml"];
    let write = p.run(&[&check[..], &["--write-baseline", "base.json", "a.md"]].concat());
    assert_eq!(write.code, 0, "{}", write.stderr);
    assert_eq!(
        write.stderr,
        "wrote 1 findings to the baseline base.json\n\
         note: 2 findings of rules whose phrasebook says `suppressible: false` are not recorded: no baseline hides them\n"
    );
    let base: serde_json::Value =
        serde_json::from_slice(&std::fs::read(p.path().join("base.json")).unwrap()).unwrap();
    let recorded: Vec<&str> = base["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["rule"].as_str().unwrap())
        .collect();
    assert_eq!(recorded, ["fund/best-in-class"]);

    let run = p.run(&[&check[..], &["--baseline", "base.json", "a.md"]].concat());
    assert_eq!(run.code, 1, "{}", run.stderr);
    let found: Vec<(u64, String)> = run
        .findings()
        .iter()
        .map(|f| (f.line, f.rule.clone()))
        .collect();
    assert_eq!(
        found,
        [
            (1, "fund/guaranteed-returns".to_owned()),
            (3, "fund/guaranteed-returns".to_owned())
        ]
    );

    // A baseline written before the rule became unsuppressible hides it no
    // more, and names the entry as stale for that reason.
    let mut old = base.clone();
    old["findings"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "fingerprint": run.json()["findings"][0]["fingerprint"],
            "path": "a.md",
            "rule": "fund/guaranteed-returns",
            "line": 1,
            "matched": "Guaranteed returns",
        }));
    p.file("old.json", old.to_string());
    let run = p.run(&[&check[..], &["--baseline", "old.json", "a.md"]].concat());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.findings().len(), 2, "{}", run.stdout);
    assert_eq!(
        run.stderr,
        "stale baseline entry: a.md:1: fund/guaranteed-returns `Guaranteed returns` cannot be baselined (its phrasebook says `suppressible: false`)\n\
         1 baseline entries are stale; --baseline-prune drops them\n"
    );

    // A config may not disable it either: the run stops at the config.
    p.file(
        ".phraselint.yaml",
        "phrasebooks: [book.yaml]\noverrides:\n  - paths: [\"**\"]\n    disable: [guaranteed-returns]\n",
    );
    let run = p.run(&["check", "a.md"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.starts_with(
            "error: .phraselint.yaml:4:15: `overrides` cannot disable `fund/guaranteed-returns`: its phrasebook says `suppressible: false`"
        ),
        "{}",
        run.stderr
    );
    // A name that is a rule in two books, one of them not suppressible.
    p.file(
        "other.yaml",
        "phrasebook: other\nversion: 1.0.0\nschema: 1\nrules:\n  - id: guaranteed-returns\n    banned: [sure thing]\n    message: Hedge it.\n",
    );
    p.file(
        ".phraselint.yaml",
        "phrasebooks: [other.yaml, book.yaml]\noverrides:\n  - paths: [\"**\"]\n    disable: [guaranteed-returns]\n",
    );
    let run = p.run(&["check", "a.md"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.starts_with(
            "error: .phraselint.yaml:4:15: `overrides` cannot disable `fund/guaranteed-returns`: its phrasebook says `suppressible: false` (`guaranteed-returns` names 2 rules: disable the others by their full ids)"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn the_json_report_marks_blanket_comments_and_their_line() {
    let p = fund_project();
    let run = p.run(&[
        "check",
        "--format",
        "json",
        "--phrasebook",
        "book.yaml",
        "a.md",
    ]);
    let json = run.json();
    let suppressions: Vec<(u64, u64, bool)> = json["suppressions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["line"].as_u64().unwrap(),
                s["comment_line"].as_u64().unwrap(),
                s["blanket"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(suppressions, [(2, 1, false), (5, 4, true)]);
}
