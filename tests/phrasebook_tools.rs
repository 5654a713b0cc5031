//! `phraselint phrasebook test|show|diff`, `explain` and `init`.

mod common;

use std::process::Command;

use common::Project;

fn run_in_repo(args: &[&str]) -> common::Run {
    let out = Command::new(env!("CARGO_BIN_EXE_phraselint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    common::Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn every_shipped_phrasebook_passes_its_examples() {
    let run = run_in_repo(&[
        "phrasebook",
        "test",
        "phrasebooks/partner-ai.yaml",
        "phrasebooks/claims.yaml",
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("phrasebook partner-ai 1.2.0 (phrasebooks/partner-ai.yaml)\n  ok    enables-access (2 bad, 3 good)\n"), "{}", run.stdout);
    assert!(!run.stdout.contains("FAIL"), "{}", run.stdout);
    let last = run.stdout.lines().last().unwrap();
    assert!(
        last.starts_with("phrasebook examples ok: ") && last.ends_with(" passed, 0 failed"),
        "{last}"
    );
    // With no files: the built-in books, the same content.
    let built_in = run_in_repo(&["phrasebook", "test"]);
    assert_eq!(built_in.code, 0);
    assert_eq!(built_in.stdout.lines().last(), run.stdout.lines().last());
}

#[test]
fn a_broken_book_fails_its_test_with_each_failure_named() {
    let run = run_in_repo(&["phrasebook", "test", "tests/fixtures/broken-examples.yaml"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "phrasebook broken 1.0.0 (tests/fixtures/broken-examples.yaml)\n  \
         FAIL  calls-on\n        \
         bad example not flagged: \"The bot relies on GPT.\"\n        \
         good example flagged at column 9 (`calls on`): \"The bot calls on nobody.\"\n\
         \nphrasebook examples FAILED: 2 passed, 2 failed\n"
    );
}

#[test]
fn diff_lists_every_change() {
    let run = run_in_repo(&[
        "phrasebook",
        "diff",
        "tests/fixtures/book-v1.yaml",
        "tests/fixtures/book-v2.yaml",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "demo 1.0.0 → demo 1.1.0\n    \
         + allowed in demo \"integrates with\"\n\
         ~ rule demo/calls-on\n    \
         + banned \"calling on\"\n    \
         - banned \"call on\"\n    \
         severity: warning → error\n\
         + rule demo/enables-access (error): Don't say it enables access.\n\
         - rule demo/old-rule\n"
    );
}

#[test]
fn diff_warns_when_content_changed_but_version_did_not() {
    let run = run_in_repo(&[
        "phrasebook",
        "diff",
        "tests/fixtures/book-v1.yaml",
        "tests/fixtures/book-v2-same-version.yaml",
    ]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "demo 1.0.0 → demo 1.0.0\n~ rule demo/calls-on\n    + banned \"calling on\"\n"
    );
    assert_eq!(
        run.stderr,
        "warning: the rules changed but `version` did not go up (1.0.0 → 1.0.0); bump it so reports tell the two apart\n"
    );
    let same = run_in_repo(&[
        "phrasebook",
        "diff",
        "tests/fixtures/book-v1.yaml",
        "tests/fixtures/book-v1.yaml",
    ]);
    assert_eq!(
        (same.code, same.stdout.as_str()),
        (0, "demo 1.0.0 → demo 1.0.0\nidentical\n")
    );
}

#[test]
fn show_prints_the_resolved_book() {
    let p = Project::new();
    p.file(
        "base.yaml",
        "phrasebook: base\nversion: 2.0.0\nschema: 1\nallowed: [powered by]\n",
    );
    p.file(
        "t.yaml",
        "phrasebook: t\nversion: 1.0.0\nschema: 1\nextends: [base.yaml]\nterms:\n  partner: [OpenAI, GPT]\nrules:\n  - id: calls-on\n    banned: [\"calls on {partner}\"]\n    near: [model]\n    within: 4\n    paths: [\"docs/**\"]\n    case: sensitive\n    message: m\n",
    );
    let run = p.run(&["phrasebook", "show", "t.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("base 2.0.0\n  path:     base.yaml\n"),
        "{}",
        run.stdout
    );
    for line in [
        "t 1.0.0\n",
        "  extends:  base.yaml (base 2.0.0)\n",
        "  terms {partner}: \"OpenAI\", \"GPT\"\n",
        "  t/calls-on (error) — t.yaml:8\n",
        "      banned:  \"calls on OpenAI\", \"calls on GPT\"\n",
        "      near:    \"model\" (within 4 words)\n",
        "      paths:   docs/**\n",
        "      case:    sensitive\n",
    ] {
        assert!(
            run.stdout.contains(line),
            "missing {line:?} in:\n{}",
            run.stdout
        );
    }
}

#[test]
fn explain_a_rule_by_full_or_short_id() {
    let run = run_in_repo(&["explain", "partner-ai/calls-on"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.starts_with(
            "partner-ai/calls-on (error)\nfrom partner-ai 1.2.0, <built-in>/partner-ai.yaml:"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("      near:    \"OpenAI\", \"GPT\""),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("  bad:  The assistant calls on GPT models to draft replies.\n"),
        "{}",
        run.stdout
    );
    assert_eq!(run_in_repo(&["explain", "calls-on"]).stdout, run.stdout);
    let unknown = run_in_repo(&["explain", "partner-ai/call-on"]);
    assert_eq!(unknown.code, 2);
    assert_eq!(
        unknown.stderr,
        "error: no rule `partner-ai/call-on` in the loaded phrasebooks (did you mean `partner-ai/calls-on`?)\n"
    );
}

#[test]
fn init_writes_a_config_that_check_reads() {
    let p = Project::new();
    let run = p.run(&["init"]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "wrote .phraselint.yaml\n")
    );
    let written = std::fs::read_to_string(p.path().join(".phraselint.yaml")).unwrap();
    assert!(written.starts_with("# phraselint configuration."));
    let again = p.run(&["init"]);
    assert_eq!(again.code, 2);
    assert_eq!(
        again.stderr,
        "error: .phraselint.yaml already exists; use --force to replace it\n"
    );
    assert_eq!(p.run(&["init", "--force"]).code, 0);
    p.file("a.md", "---\ntitle: It calls on GPT\n---\n");
    assert_eq!(p.check_json(&["a.md"]).rules(), vec!["partner-ai/calls-on"]);
    let leftovers: Vec<_> = std::fs::read_dir(p.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
