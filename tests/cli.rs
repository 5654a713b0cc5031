//! The command line as a user sees it: output formats, exit codes, colour,
//! fingerprints, the JSON schema, and the built-in phrasebooks' examples.

mod common;

use common::Project;
use phraselint::extract::FileKind;
use phraselint::lint::{Linter, Scratch};
use phraselint::rules::Origin;

#[test]
fn exit_codes_follow_fail_on() {
    let p = Project::new();
    p.file("warn.md", "Unlimited seats.\n");
    assert_eq!(
        p.run(&["check", "warn.md"]).code,
        0,
        "warnings don't fail by default"
    );
    assert_eq!(p.run(&["check", "--fail-on", "warning", "warn.md"]).code, 1);
    assert_eq!(p.run(&["check", "--fail-on", "info", "warn.md"]).code, 1);
    p.file("err.md", "It calls on GPT.\n");
    assert_eq!(p.run(&["check", "err.md"]).code, 1);
    assert_eq!(p.run(&["check", "--fail-on", "never", "err.md"]).code, 0);
    p.file("clean.md", "Frontier is powered by GPT.\n");
    assert_eq!(p.run(&["check", "clean.md"]).code, 0);
    assert_eq!(p.run(&["check", "--format", "nope", "clean.md"]).code, 2);
}

#[test]
fn an_error_wins_over_findings() {
    let p = Project::new();
    p.file("err.md", "It calls on GPT.\n");
    assert_eq!(p.run(&["check", "err.md", "missing.md"]).code, 2);
}

#[test]
fn compact_format() {
    let p = Project::new();
    p.file(
        "docs/a.md",
        "# Title\n\nFrontier **enables**\naccess to GPT. Unlimited.\n",
    );
    let run = p.run(&["check", "--format", "compact", "docs"]);
    assert_eq!(
        run.stdout,
        "docs/a.md:3:12: error partner-ai/enables-access Don't say the product enables access to partner models.\n\
         docs/a.md:4:16: warning claims/unlimited Every plan has limits; state them.\n"
    );
}

#[test]
fn human_format_shows_snippet_help_and_summary_without_colour_off_a_terminal() {
    let p = Project::new();
    p.file("a.md", "# Title\n\nOur assistant calls on GPT models.\n");
    let run = p.run(&["check", "a.md"]);
    assert_eq!(run.code, 1);
    let out = &run.stdout;
    assert!(
        !out.contains('\u{1b}'),
        "no colour when not a terminal:\n{out}"
    );
    assert!(
        out.contains("[partner-ai/calls-on] Error: Don't say the product calls on partner models"),
        "{out}"
    );
    assert!(out.contains("a.md:3:15"), "{out}");
    assert!(
        out.contains(" 3 │ Our assistant calls on GPT models."),
        "{out}"
    );
    assert!(
        out.contains("   │               ────┬───"),
        "the match is underlined:\n{out}"
    );
    assert!(out.contains("Help: say \"powered by\""), "{out}");
    assert!(
        out.contains("Found 1 problem (1 error) in 1 file checked."),
        "{out}"
    );
    assert!(
        out.contains("Phrasebooks: partner-ai 1.2.0 (<built-in>/partner-ai.yaml, sha256 "),
        "{out}"
    );

    let coloured = p.run(&["check", "--color", "always", "a.md"]);
    assert!(coloured.stdout.contains('\u{1b}'), "{}", coloured.stdout);
    let quiet = p.run(&["check", "--quiet", "a.md"]);
    assert!(!quiet.stdout.contains("Found"), "{}", quiet.stdout);
}

#[test]
fn human_format_says_when_nothing_is_found() {
    let p = Project::new();
    p.file("a.md", "Frontier is powered by GPT.\n");
    p.file("b.md", b"\x00binary");
    let run = p.run(&["check", "."]);
    assert!(
        run.stdout
            .starts_with("No problems found in 1 file checked, 1 skipped (binary, too large or not a regular file).\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn stats_count_findings_per_rule_and_book() {
    let p = Project::new();
    p.file("a.md", "It calls on GPT. It calls on GPT. Unlimited.\n");
    let run = p.run(&["check", "--format", "compact", "--stats", "a.md"]);
    assert!(
        run.stdout
            .contains("     2  partner-ai 1.2.0\n     2    partner-ai/calls-on\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("     1  claims 1.1.0\n     1    claims/unlimited\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn json_report_has_the_documented_shape() {
    let p = Project::new();
    p.file("docs/a.md", "# T\n\nIt calls on GPT.\n");
    p.file("docs/bin.md", b"\x00");
    let run = p.check_json(&["docs"]);
    let doc = run.json();
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["tool"]["name"], "phraselint");
    assert_eq!(doc["tool"]["version"], env!("CARGO_PKG_VERSION"));
    let books = doc["phrasebooks"].as_array().unwrap();
    assert_eq!(books.len(), 2);
    assert_eq!(books[0]["name"], "partner-ai");
    assert_eq!(books[0]["path"], "<built-in>/partner-ai.yaml");
    assert_eq!(books[0]["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(
        doc["summary"],
        serde_json::json!({"files": 1, "skipped": 1, "findings": 1, "error": 1, "warning": 0, "info": 0})
    );
    let f = &doc["findings"][0];
    assert_eq!(f["path"], "docs/a.md");
    assert_eq!(f["rule"], "partner-ai/calls-on");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["matched"], "calls on");
    assert_eq!(
        f["start"],
        serde_json::json!({"offset": 8, "line": 3, "column": 4})
    );
    assert_eq!(
        f["end"],
        serde_json::json!({"offset": 16, "line": 3, "column": 12})
    );
    assert_eq!(f["suggestions"], serde_json::json!(["powered by"]));
    assert_eq!(doc["errors"], serde_json::json!([]));
    assert_eq!(doc["suppressions"], serde_json::json!([]));
}

#[test]
fn findings_are_sorted_by_path_then_offset() {
    let p = Project::new();
    p.file("b.md", "Unlimited. It calls on GPT.\n");
    p.file("a/z.md", "It calls on GPT.\n");
    p.file("a.md", "It calls on GPT.\n");
    let found: Vec<(String, u64)> = p
        .check_json(&[])
        .findings()
        .into_iter()
        .map(|f| (f.0, f.2))
        .collect();
    assert_eq!(
        found,
        vec![
            ("a.md".into(), 3),
            ("a/z.md".into(), 3),
            ("b.md".into(), 0),
            ("b.md".into(), 14)
        ]
    );
}

fn fingerprints(run: &common::Run) -> Vec<String> {
    run.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["fingerprint"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn fingerprints_survive_lines_added_above_and_tell_repeats_apart() {
    let p = Project::new();
    let body = "It calls on GPT to draft.\n\nIt calls on GPT to draft.\n";
    p.file("a.md", body);
    let before = fingerprints(&p.check_json(&["a.md"]));
    assert_eq!(before.len(), 2);
    assert_ne!(
        before[0], before[1],
        "a repeated phrase gets its own fingerprint"
    );
    p.file(
        "a.md",
        format!("# New heading\n\nA new paragraph that is fine.\n\n{body}"),
    );
    assert_eq!(fingerprints(&p.check_json(&["a.md"])), before);
    p.file("a.md", "It calls on GPT to summarise.\n");
    assert_ne!(
        fingerprints(&p.check_json(&["a.md"]))[0],
        before[0],
        "different words around it"
    );
}

#[test]
fn threads_option_gives_the_same_result() {
    let p = Project::new();
    for i in 0..20 {
        p.file(&format!("d/{i}.md"), "It calls on GPT.\n");
    }
    let one = p.run(&["check", "--format", "json", "-j", "1"]);
    let two = p.run(&["check", "--format", "json", "--threads", "2"]);
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(one.findings().len(), 20);
}

#[test]
fn help_names_the_options() {
    let p = Project::new();
    let run = p.run(&["check", "--help"]);
    for option in [
        "--phrasebook",
        "--config",
        "--format",
        "--fail-on",
        "--stdin",
        "--stdin-filename",
        "--threads",
        "--no-ignore",
        "--hidden",
        "--color",
        "--quiet",
        "--stats",
    ] {
        assert!(
            run.stdout.contains(option),
            "{option} missing from:\n{}",
            run.stdout
        );
    }
}

/// Every built-in rule's `examples.bad` produce that rule's finding and its
/// `examples.good` produce none.
#[test]
fn built_in_phrasebook_examples_hold() {
    let linter = Linter::built_in();
    let mut scratch = Scratch::default();
    let mut checked = 0;
    let books = linter.catalog().rules();
    for (i, rule) in books.filter(|(_, r)| r.origin != Origin::Phraselint) {
        assert!(
            !rule.examples_bad.is_empty(),
            "{} has no bad example",
            rule.full_id
        );
        assert!(
            !rule.examples_good.is_empty(),
            "{} has no good example",
            rule.full_id
        );
        for bad in &rule.examples_bad {
            let found = linter.lint_text(FileKind::Text, bad.as_bytes(), &mut scratch);
            assert!(
                found.findings.iter().any(|f| f.rule == i),
                "{}: bad example not found: {bad}",
                rule.full_id
            );
            checked += 1;
        }
        for good in &rule.examples_good {
            let found = linter.lint_text(FileKind::Text, good.as_bytes(), &mut scratch);
            assert!(
                found.findings.is_empty(),
                "{}: good example flagged: {good}",
                rule.full_id
            );
            checked += 1;
        }
    }
    assert!(checked > 20);
}

/// On a terminal, a phrasebook error is one line naming the place, with the
/// offending line rendered under it by ariadne: the binary runs on a real
/// terminal (a pseudo-terminal from util-linux's `script`, which Debian
/// always has).
#[test]
fn errors_on_a_terminal_show_the_offending_line() {
    let p = Project::new();
    p.file("book.yaml", "phrasebook: t\nversion: 1.2\nschema: 1\n");
    p.file("a.md", "Fine.\n");
    let command = format!(
        "{} check --phrasebook book.yaml a.md",
        env!("CARGO_BIN_EXE_phraselint")
    );
    let out = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(p.path())
        .env_remove("NO_COLOR")
        .output()
        .expect("run script");
    assert_eq!(out.status.code(), Some(2));
    let text = strip_ansi(&String::from_utf8_lossy(&out.stdout)).replace('\r', "");
    let mut lines = text.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("error: book.yaml:2:10: version: `1.2` is not semver"),
        "{text}"
    );
    assert!(text.contains(" 2 │ version: 1.2"), "{text}");
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}
