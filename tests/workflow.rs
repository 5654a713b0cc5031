//! Adoption workflows: baselines, changed-files mode, the suppression audit,
//! --max-warnings.

mod common;

use std::process::Command;

use common::Project;

#[test]
fn baseline_reports_only_new_findings_and_survives_edits_above() {
    let p = Project::new();
    p.file("docs/a.md", "# A\n\nIt calls on GPT.\n\nUnlimited seats.\n");
    let write = p.run(&["check", "--write-baseline", "baseline.json", "docs"]);
    assert_eq!(write.code, 0, "{}", write.stderr);
    assert_eq!(
        write.stderr,
        "wrote 2 findings to the baseline baseline.json\n"
    );
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(p.path().join("baseline.json")).unwrap())
            .unwrap();
    assert_eq!(saved["version"], 2);
    assert_eq!(saved["findings"][0]["rule"], "partner-ai/calls-on");

    // Lines added above: nothing new.
    p.file(
        "docs/a.md",
        "# A\n\nA new intro paragraph.\n\nAnother one.\n\nIt calls on GPT.\n\nUnlimited seats.\n",
    );
    let run = p.run(&[
        "check",
        "--format",
        "json",
        "--baseline",
        "baseline.json",
        "docs",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.rules(), Vec::<String>::new());

    // A new violation: only it shows.
    p.file(
        "docs/a.md",
        "# A\n\nIt enables access to GPT.\n\nIt calls on GPT.\n\nUnlimited seats.\n",
    );
    let run = p.run(&[
        "check",
        "--format",
        "json",
        "--baseline",
        "baseline.json",
        "docs",
    ]);
    assert_eq!(run.code, 1);
    assert_eq!(run.rules(), vec!["partner-ai/enables-access"]);

    // A fixed finding: its entry is stale, and pruned on request.
    p.file("docs/a.md", "# A\n\nUnlimited seats.\n");
    let run = p.run(&[
        "check",
        "--format",
        "json",
        "--baseline",
        "baseline.json",
        "docs",
    ]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stderr,
        "stale baseline entry: docs/a.md:3: partner-ai/calls-on `calls on` is fixed\n1 baseline entries are stale; --baseline-prune drops them\n"
    );
    let prune = p.run(&[
        "check",
        "--baseline",
        "baseline.json",
        "--baseline-prune",
        "docs",
    ]);
    assert_eq!(
        prune.stderr,
        "pruned 1 stale entries from the baseline baseline.json\n"
    );
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(p.path().join("baseline.json")).unwrap())
            .unwrap();
    assert_eq!(saved["findings"].as_array().unwrap().len(), 1);
    // Checking another file only: the baseline's entries elsewhere are not stale.
    p.file("other.md", "Fine.\n");
    let run = p.run(&["check", "--baseline", "baseline.json", "other.md"]);
    assert_eq!(run.stderr, "");
}

fn git(p: &Project, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(p.path())
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Writes `files` and commits every change in the work tree.
fn commit(p: &Project, files: &[(&str, &str)]) {
    for (name, content) in files {
        p.file(name, content);
    }
    git(p, &["add", "-A"]);
    git(p, &["commit", "-q", "-m", "change"]);
}

#[test]
fn changed_since_checks_changed_and_untracked_files_only() {
    let p = Project::new();
    git(&p, &["init", "-q", "-b", "main"]);
    commit(
        &p,
        &[
            ("docs/old.md", "It calls on GPT.\n"),
            ("docs/edited.md", "Fine.\n"),
            ("docs/removed.md", "It calls on GPT.\n"),
        ],
    );
    std::fs::remove_file(p.path().join("docs/removed.md")).unwrap();
    commit(&p, &[("docs/edited.md", "Now it calls on GPT.\n")]);
    p.file("docs/new.md", "It enables access to GPT.\n");
    p.file("notes.rst", "It calls on GPT.\n");
    let run = p.run(&["check", "--format", "json", "--changed-since", "HEAD~1"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let paths: Vec<String> = run.findings().into_iter().map(|f| f.path).collect();
    assert_eq!(paths, vec!["docs/edited.md", "docs/new.md"]);
    assert_eq!(run.json()["summary"]["files"], 2);
    // Changed files are selected as a walk selects them: one that
    // `.phraselintignore` names, or in a hidden folder, is not checked.
    commit(
        &p,
        &[
            (".phraselintignore", "docs/generated/\n"),
            ("docs/generated/api.md", "It calls on GPT.\n"),
            (".github/pr.md", "It calls on GPT.\n"),
            ("docs/kept.md", "It calls on GPT.\n"),
        ],
    );
    let run = p.run(&["check", "--format", "json", "--changed-since", "HEAD~1"]);
    let paths: Vec<String> = run.findings().into_iter().map(|f| f.path).collect();
    assert_eq!(paths, vec!["docs/kept.md", "docs/new.md"], "{}", run.stderr);
    let run = p.run(&[
        "check",
        "--format",
        "json",
        "--hidden",
        "--changed-since",
        "HEAD~1",
    ]);
    let paths: Vec<String> = run.findings().into_iter().map(|f| f.path).collect();
    assert_eq!(
        paths,
        vec![".github/pr.md", "docs/kept.md", "docs/new.md"],
        "{}",
        run.stderr
    );
    let bad = p.run(&["check", "--changed-since", "no-such-ref"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.starts_with("error: git diff"), "{}", bad.stderr);
}

/// A pull request as GitHub's `actions/checkout` fetches it by default: one
/// commit (`--depth=1`), the base branch not fetched. `--changed-since
/// origin/main` exits 2 with git's error and how to fetch the history; once
/// fetched as it says, the run checks the changed files.
#[test]
fn changed_since_in_a_shallow_clone_says_how_to_fetch_the_history() {
    let origin = Project::new();
    git(&origin, &["init", "-q", "-b", "main"]);
    let same = ("docs/same.md", "It calls on GPT.\n");
    commit(&origin, &[("docs/a.md", "Fine.\n"), same]);
    git(&origin, &["checkout", "-q", "-b", "feature"]);
    let b = ("docs/b.md", "It enables access to GPT.\n");
    commit(&origin, &[("docs/a.md", "Now it calls on GPT.\n"), b]);
    let url = format!("file://{}", origin.path().display());
    let pr = Project::new();
    git(&pr, &["init", "-q"]);
    git(&pr, &["remote", "add", "origin", &url]);
    let merge = "+refs/heads/feature:refs/remotes/pull/1/merge";
    git(&pr, &["fetch", "-q", "--depth=1", "origin", merge]);
    git(&pr, &["checkout", "-q", "--detach", "pull/1/merge"]);
    let diff = "git diff --name-only --diff-filter=ACMR -z --end-of-options";
    let hint = "this repository is a shallow clone, without the history to compare with: \
                fetch it first (`fetch-depth: 0` for actions/checkout, or `git fetch --unshallow`";
    for (reference, more) in [
        ("origin/main", ", or `git fetch origin main`"),
        ("HEAD~1", ""),
    ] {
        let run = pr.run(&["check", "--changed-since", reference]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert_eq!(
            run.stderr,
            format!(
                "error: {diff} {reference} --: fatal: bad revision '{reference}'; {hint}{more})\n"
            )
        );
    }
    git(&pr, &["fetch", "-q", "origin", "main"]);
    let run = pr.run(&[
        "check",
        "--format",
        "json",
        "--changed-since",
        "origin/main",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let paths: Vec<String> = run.findings().into_iter().map(|f| f.path).collect();
    assert_eq!(paths, vec!["docs/a.md", "docs/b.md"]);
}

#[test]
fn suppression_audit_and_unused_suppressions() {
    let p = Project::new();
    p.file(
        "a.md",
        "<!-- phraselint-disable-next-line calls-on -->\nIt calls on GPT.\n\n<!-- phraselint-disable-next-line calls-on -- legal ok -->\nFine text.\n",
    );
    let run = p.check_json(&["a.md"]);
    assert_eq!(run.code, 0, "an unused suppression is info");
    assert_eq!(
        run.findings()
            .iter()
            .map(|f| (f.rule.clone(), f.line))
            .collect::<Vec<_>>(),
        vec![("phraselint/unused-suppression".into(), 4)]
    );
    assert_eq!(run.json()["findings"][0]["severity"], "info");
    let strict = p.run(&[
        "check",
        "--format",
        "json",
        "--require-suppression-reason",
        "a.md",
    ]);
    assert_eq!(strict.code, 1);
    assert_eq!(
        strict
            .findings()
            .iter()
            .map(|f| (f.rule.clone(), f.line))
            .collect::<Vec<_>>(),
        vec![
            ("phraselint/suppression-without-reason".into(), 1),
            ("phraselint/unused-suppression".into(), 4)
        ]
    );
    p.file(".phraselint.yaml", "require_suppression_reason: true\n");
    assert_eq!(p.check_json(&["a.md"]).code, 1);
}

#[test]
fn max_warnings_fails_past_the_limit() {
    let p = Project::new();
    p.file("a.md", "Unlimited seats. Risk-free trial.\n");
    assert_eq!(p.run(&["check", "a.md"]).code, 0);
    assert_eq!(p.run(&["check", "--max-warnings", "2", "a.md"]).code, 0);
    assert_eq!(p.run(&["check", "--max-warnings", "1", "a.md"]).code, 1);
}

/// `--baseline-prune` drops only what this run could have reported: an
/// entry of a rule from another book (`--phrasebook other.yaml`), or of a
/// rule the config disables for that file, is kept, and is not called stale.
#[test]
fn baseline_prune_keeps_entries_of_rules_that_did_not_run() {
    let p = Project::new();
    p.file("docs/a.md", "It calls on GPT.\n");
    p.file(
        "other.yaml",
        "phrasebook: other\nversion: 1.0.0\nschema: 1\nrules:\n  - id: foo\n    banned: [foo bar]\n    message: No foo bar.\n",
    );
    let write = p.run(&["check", "--write-baseline", "baseline.json", "docs"]);
    assert_eq!(write.code, 0, "{}", write.stderr);
    let entries = |p: &Project| {
        let saved: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(p.path().join("baseline.json")).unwrap())
                .unwrap();
        saved["findings"].as_array().unwrap().len()
    };
    assert_eq!(entries(&p), 1);
    p.file("docs/a.md", "Fine.\n");

    // Another book: partner-ai/calls-on did not run.
    let other = [
        "check",
        "--phrasebook",
        "other.yaml",
        "--baseline",
        "baseline.json",
        "docs",
    ];
    let run = p.run(&other);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let mut prune = other.to_vec();
    prune.insert(1, "--baseline-prune");
    let run = p.run(&prune);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(entries(&p), 1);

    // Disabled for the file by the config: it did not run either.
    p.file(
        ".phraselint.yaml",
        "overrides:\n  - paths: [\"docs/**\"]\n    disable: [partner-ai/calls-on]\n",
    );
    let run = p.run(&[
        "check",
        "--baseline",
        "baseline.json",
        "--baseline-prune",
        "docs",
    ]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(entries(&p), 1);

    // It runs again: the entry is stale, and pruned.
    std::fs::remove_file(p.path().join(".phraselint.yaml")).unwrap();
    let run = p.run(&[
        "check",
        "--baseline",
        "baseline.json",
        "--baseline-prune",
        "docs",
    ]);
    assert_eq!(
        run.stderr,
        "pruned 1 stale entries from the baseline baseline.json\n"
    );
    assert_eq!(entries(&p), 0);
}
