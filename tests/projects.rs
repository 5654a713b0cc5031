//! Projects: each file's nearest `.phraselint.yaml` governs it, and every
//! format's paths, fingerprints and baseline keys are relative to its
//! project root (the config's folder, else the git work tree's root), so the
//! same finding is named alike however the path was typed and from wherever
//! phraselint ran.

mod common;

use std::path::Path;
use std::process::Command;

use common::{Project, run_in};
use serde_json::Value;

const BOOK: &str = "phrasebook: house
version: 1.0.0
schema: 1
rules:
  - id: alpha
    severity: error
    message: Say it another way.
    banned: [alpha release]
";

/// A project with a config naming the `house` book, and `odd/x.md` with
/// one finding.
fn house() -> Project {
    let p = Project::new();
    p.file(
        ".phraselint.yaml",
        "phrasebooks:\n  - path: books/house.yaml\n",
    );
    p.file("books/house.yaml", BOOK);
    p.file("odd/x.md", "The alpha release is out.\n");
    p
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}");
}

/// What each format says of the findings: the whole output where it holds
/// nothing but findings, SARIF's results.
fn outputs(cwd: &Path, paths: &[&str]) -> Vec<(String, String)> {
    [
        "json",
        "sarif",
        "github",
        "gitlab",
        "checkstyle",
        "compact",
        "human",
    ]
    .into_iter()
    .map(|format| {
        let args = [&["check", "--format", format, "--color", "never"], paths].concat();
        let run = run_in(cwd, &args, None);
        assert_eq!(run.code, 1, "{format} {paths:?}: {}", run.stderr);
        let shown = match format {
            "sarif" => {
                let sarif: Value = serde_json::from_str(&run.stdout).unwrap();
                sarif["runs"][0]["results"].to_string()
            }
            _ => run.stdout,
        };
        (format.to_owned(), shown)
    })
    .collect()
}

/// The five ways of naming `odd/x.md` give one path and one fingerprint in
/// every format.
fn five_invocations_agree(p: &Project) {
    let absolute = p.path().join("odd/x.md");
    let absolute = absolute.to_str().unwrap();
    let odd = p.path().join("odd");
    let expected = outputs(p.path(), &["."]);
    let json: Value = serde_json::from_str(&expected[0].1).unwrap();
    assert_eq!(json["findings"][0]["path"], "odd/x.md");
    assert_eq!(json["findings"][0]["rule"], "house/alpha");
    let compact = &expected[5].1;
    assert!(
        compact.starts_with("odd/x.md:1:5: error house/alpha "),
        "{compact}"
    );
    assert!(
        expected[2]
            .1
            .starts_with("::error file=odd/x.md,line=1,col=5,")
    );
    for (cwd, paths) in [
        (p.path(), &["odd"][..]),
        (p.path(), &["./odd/x.md"][..]),
        (p.path(), &[absolute][..]),
        (odd.as_path(), &["."][..]),
    ] {
        assert_eq!(outputs(cwd, paths), expected, "from {cwd:?}: {paths:?}");
    }
}

#[test]
fn five_ways_of_naming_a_file_give_one_path_and_fingerprint_under_a_config() {
    let p = house();
    five_invocations_agree(&p);
}

#[test]
fn five_ways_of_naming_a_file_give_one_path_and_fingerprint_in_a_git_work_tree() {
    let p = Project::new();
    git(p.path(), &["init", "-q"]);
    // No config: the git work tree's root is the project root; the book is
    // named on the command line.
    p.file("books/house.yaml", BOOK);
    p.file("odd/x.md", "The alpha release is out.\n");
    let book = p.path().join("books/house.yaml");
    let book = book.to_str().unwrap();
    let absolute = p.path().join("odd/x.md");
    let absolute = absolute.to_str().unwrap();
    let odd = p.path().join("odd");
    let fingerprints: Vec<(String, String)> = [
        (p.path(), "."),
        (p.path(), "odd"),
        (p.path(), "./odd/x.md"),
        (p.path(), absolute),
        (odd.as_path(), "."),
    ]
    .into_iter()
    .map(|(cwd, path)| {
        let run = run_in(
            cwd,
            &["check", "--format", "json", "--phrasebook", book, path],
            None,
        );
        assert_eq!(run.code, 1, "{}", run.stderr);
        let f = &run.json()["findings"][0];
        (
            f["path"].as_str().unwrap().to_owned(),
            f["fingerprint"].as_str().unwrap().to_owned(),
        )
    })
    .collect();
    assert_eq!(fingerprints[0].0, "odd/x.md");
    assert!(
        fingerprints.iter().all(|f| f == &fingerprints[0]),
        "{fingerprints:?}"
    );
}

#[test]
fn a_baseline_written_one_way_holds_for_every_other() {
    let p = house();
    let write = p.run(&["check", "--write-baseline", "baseline.json", "."]);
    assert_eq!(write.code, 0, "{}", write.stderr);
    let saved: Value =
        serde_json::from_str(&std::fs::read_to_string(p.path().join("baseline.json")).unwrap())
            .unwrap();
    assert_eq!(saved["version"], 2);
    assert_eq!(saved["findings"][0]["path"], "odd/x.md");
    let odd = p.path().join("odd");
    for (cwd, args) in [
        (p.path(), &["--baseline", "baseline.json", "odd/x.md"][..]),
        (p.path(), &["--baseline", "baseline.json", "./odd"][..]),
        (odd.as_path(), &["--baseline", "../baseline.json", "."][..]),
    ] {
        let run = run_in(cwd, &[&["check", "--format", "json"], args].concat(), None);
        assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{args:?}");
        assert_eq!(run.json()["summary"]["findings"], 0, "{args:?}");
    }
}

#[test]
fn a_version_1_baseline_with_paths_as_typed_still_holds_and_is_rewritten_when_pruned() {
    let p = house();
    // As phraselint 0.1 wrote it from `check ./odd`: the path as typed and
    // a fingerprint computed from it.
    let legacy = r#"{
  "version": 1,
  "findings": [
    { "fingerprint": "00000000000000000000000000000001", "path": "./odd/x.md",
      "rule": "house/alpha", "line": 1, "matched": "alpha release" },
    { "fingerprint": "00000000000000000000000000000002", "path": "./odd/gone.md",
      "rule": "house/alpha", "line": 3, "matched": "alpha release" }
  ]
}"#;
    p.file("legacy.json", legacy);
    let run = p.run(&[
        "check",
        "--format",
        "json",
        "--baseline",
        "legacy.json",
        "odd",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json()["summary"]["findings"], 0);
    let now = p.run(&["check", "--format", "json", "odd"]);
    let fingerprint = now.json()["findings"][0]["fingerprint"].clone();

    p.file("odd/gone.md", "Fine.\n");
    let prune = p.run(&[
        "check",
        "--baseline",
        "legacy.json",
        "--baseline-prune",
        ".",
    ]);
    assert_eq!(prune.code, 0, "{}", prune.stderr);
    assert_eq!(
        prune.stderr,
        "pruned 1 stale entries from the baseline legacy.json\n"
    );
    let saved: Value =
        serde_json::from_str(&std::fs::read_to_string(p.path().join("legacy.json")).unwrap())
            .unwrap();
    assert_eq!(saved["version"], 2);
    let entries = saved["findings"].as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["path"], "odd/x.md");
    assert_eq!(entries[0]["fingerprint"], fingerprint);
}

#[test]
fn standard_input_named_in_another_project_uses_that_projects_config() {
    let p = house();
    let elsewhere = tempfile::tempdir().unwrap();
    let name = p.path().join("docs/a.md");
    let run = run_in(
        elsewhere.path(),
        &[
            "check",
            "--format",
            "compact",
            "--stdin",
            "--stdin-filename",
            name.to_str().unwrap(),
        ],
        Some(b"Our alpha release.\n"),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "docs/a.md:1:5: error house/alpha Say it another way.\n"
    );
}

#[test]
fn the_nearest_config_governs_the_files_below_it_in_one_run() {
    let p = house();
    p.file(
        "site/.phraselint.yaml",
        "phrasebooks:\n  - path: web.yaml\nexclude: [drafts]\n",
    );
    p.file(
        "site/web.yaml",
        BOOK.replace("phrasebook: house", "phrasebook: web")
            .replace("alpha release", "beta release"),
    );
    let text = "The alpha release and the beta release.\n";
    p.file("top.md", text);
    p.file("site/page.md", text);
    p.file("site/drafts/wip.md", text);
    let run = p.run(&["check", "--format", "json", "."]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let found = run.paths_and_rules();
    // site/'s paths are relative to its own project's root.
    assert_eq!(
        found,
        [
            ("odd/x.md".to_owned(), "house/alpha".to_owned()),
            ("page.md".to_owned(), "web/alpha".to_owned()),
            ("top.md".to_owned(), "house/alpha".to_owned())
        ]
    );
    let report = run.json();
    let books: Vec<&str> = report["phrasebooks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["name"].as_str().unwrap())
        .collect();
    assert_eq!(books, ["house", "web"]);
    // The same as checking the folder on its own, from anywhere.
    let alone = run_in(
        &p.path().join("site"),
        &["check", "--format", "json", "."],
        None,
    );
    assert_eq!(alone.findings(), run.findings()[1..2]);
    // Both in one SARIF run: each rule once, each result naming its own.
    let sarif = p.run(&["check", "--format", "sarif", "."]);
    let sarif: Value = serde_json::from_str(&sarif.stdout).unwrap();
    let rules: Vec<&str> = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .filter(|id| !id.starts_with("phraselint/"))
        .collect();
    assert_eq!(rules, ["house/alpha", "web/alpha"]);
}

#[test]
fn a_broken_config_below_stops_only_its_own_files() {
    let p = house();
    p.file("site/.phraselint.yaml", "exclud: [drafts]\n");
    p.file("top.md", "The alpha release.\n");
    p.file("site/page.md", "The alpha release.\n");
    let run = p.run(&["check", "--format", "compact", "."]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stdout,
        "odd/x.md:1:5: error house/alpha Say it another way.\n\
         top.md:1:5: error house/alpha Say it another way.\n"
    );
    assert!(
        run.stderr
            .starts_with("error: site/.phraselint.yaml:1:1: unknown field `exclud`"),
        "{}",
        run.stderr
    );
}
