//! Every malformed phrasebook and config is refused with one line naming the
//! file, line and column, and exit code 2.

mod common;

use common::Project;

const HEAD: &str = "phrasebook: t\nversion: 1.0.0\nschema: 1\n";

/// Runs `check` with `book` as the only phrasebook and returns stderr.
fn refused(book: &str) -> String {
    let p = Project::new();
    p.file("book.yaml", book);
    p.file("a.md", "It calls on GPT.\n");
    let run = p.run(&["check", "--phrasebook", "book.yaml", "a.md"]);
    assert_eq!(
        run.code, 2,
        "stdout: {}\nstderr: {}",
        run.stdout, run.stderr
    );
    assert_eq!(
        run.stdout, "",
        "nothing is checked with a broken phrasebook"
    );
    assert_eq!(run.stderr.lines().count(), 1, "one line: {}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.stderr
}

#[test]
fn yaml_syntax_error() {
    let err = refused(&format!(
        "{HEAD}rules:\n  - id: x\n    banned: [calls on\n    message: m\n"
    ));
    assert!(err.starts_with("error: book.yaml:7:"), "{err}");
}

#[test]
fn unknown_key_with_a_suggestion() {
    let err = refused(&format!(
        "{HEAD}rules:\n  - id: x\n    banned: calls on\n    message: m\n    serverity: error\n"
    ));
    assert!(err.starts_with("error: book.yaml:8:5: "), "{err}");
    assert!(err.contains("unknown field `serverity`"), "{err}");
    assert!(err.contains("did you mean `severity`?"), "{err}");
}

#[test]
fn unknown_top_level_key() {
    let err = refused(&format!("{HEAD}rulez: []\n"));
    assert!(err.starts_with("error: book.yaml:4:1: "), "{err}");
    assert!(err.contains("did you mean `rules`?"), "{err}");
}

#[test]
fn wrong_type() {
    let err = refused(&format!(
        "{HEAD}rules:\n  - id: x\n    banned: calls on\n    message: m\n    suggest: {{a: b}}\n"
    ));
    assert!(err.starts_with("error: book.yaml:8:14: "), "{err}");
    assert!(err.contains("invalid type"), "{err}");
}

#[test]
fn wrong_severity() {
    let err = refused(&format!(
        "{HEAD}rules:\n  - id: x\n    banned: calls on\n    message: m\n    severity: fatal\n"
    ));
    assert!(err.starts_with("error: book.yaml:8:15: "), "{err}");
    assert!(err.contains("unknown variant `fatal`"), "{err}");
}

#[test]
fn duplicate_id() {
    let err = refused(&format!(
        "{HEAD}rules:\n  - id: x\n    banned: calls on\n    message: m\n  - id: x\n    banned: call on\n    message: m\n"
    ));
    assert!(err.starts_with("error: book.yaml:8:9: "), "{err}");
    assert!(err.contains("duplicate rule id `x`"), "{err}");
}

#[test]
fn empty_phrase() {
    let err = refused(&format!(
        "{HEAD}rules:\n  - id: x\n    banned: [calls on, \"  \"]\n    message: m\n"
    ));
    assert!(err.starts_with("error: book.yaml:6:24: "), "{err}");
    assert!(err.contains("empty phrase"), "{err}");
    let err = refused(&format!("{HEAD}allowed: [\"\"]\nrules: []\n"));
    assert!(err.starts_with("error: book.yaml:4:11: "), "{err}");
}

#[test]
fn version_that_is_not_semver() {
    let err = refused("phrasebook: t\nversion: 1.2\nschema: 1\nrules: []\n");
    assert!(err.starts_with("error: book.yaml:2:10: "), "{err}");
    assert!(err.contains("`1.2` is not semver"), "{err}");
}

#[test]
fn unknown_schema() {
    let err = refused("phrasebook: t\nversion: 1.0.0\nschema: 2\nrules: []\n");
    assert!(err.starts_with("error: book.yaml:3:9: "), "{err}");
    assert!(err.contains("unknown phrasebook schema `2`"), "{err}");
}

#[test]
fn missing_required_key() {
    let err = refused("phrasebook: t\nschema: 1\nrules: []\n");
    assert!(err.contains("missing field `version`"), "{err}");
    assert!(err.starts_with("error: book.yaml:1:1: "), "{err}");
}

#[test]
fn bad_names() {
    let err = refused("phrasebook: Partner AI\nversion: 1.0.0\nschema: 1\n");
    assert!(err.starts_with("error: book.yaml:1:13: "), "{err}");
    let err = refused(&format!(
        "{HEAD}rules:\n  - id: Calls_On\n    banned: calls on\n    message: m\n"
    ));
    assert!(err.starts_with("error: book.yaml:5:9: "), "{err}");
}

#[test]
fn every_broken_book_is_reported_not_only_the_first() {
    let p = Project::new();
    p.file("a.yaml", "phrasebook: a\nversion: x\nschema: 1\n");
    p.file("b.yaml", "phrasebook: b\nversion: 1.0.0\nschema: 9\n");
    let run = p.run(&[
        "check",
        "--phrasebook",
        "a.yaml",
        "--phrasebook",
        "b.yaml",
        ".",
    ]);
    assert_eq!(run.code, 2);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stderr);
    assert!(lines[0].starts_with("error: a.yaml:2:10: "));
    assert!(lines[1].starts_with("error: b.yaml:3:9: "));
}

#[test]
fn missing_phrasebook_file() {
    let p = Project::new();
    let run = p.run(&["check", "--phrasebook", "nope.yaml", "."]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "error: nope.yaml: no such file\n");
}

#[test]
fn config_errors_name_the_place() {
    let p = Project::new();
    p.file(".phraselint.yaml", "include: [\"docs/**\"]\nexclud: []\n");
    let run = p.run(&["check", "."]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("error: .phraselint.yaml:2:1: unknown field `exclud`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `exclude`?"),
        "{}",
        run.stderr
    );

    p.file(".phraselint.yaml", "exclude: [\"docs/[\"]\n");
    let run = p.run(&["check", "."]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains(".phraselint.yaml:1:11: exclude[0]: bad glob"),
        "{}",
        run.stderr
    );
}

#[test]
fn configured_phrasebooks_and_a_version_pin() {
    let p = Project::new();
    p.file("books/t.yaml", "phrasebook: t\nversion: 1.1.0\nschema: 1\nrules:\n  - id: x\n    banned: calls on\n    message: m\n");
    p.file("a.md", "It calls on GPT.\n");
    p.file(
        ".phraselint.yaml",
        "phrasebooks:\n  - path: books/t.yaml\n    version: \"^1.1\"\n",
    );
    let run = p.check_json(&["a.md"]);
    assert_eq!(run.rules(), vec!["t/x"]);
    assert_eq!(run.json()["phrasebooks"][0]["version"], "1.1.0");
    assert_eq!(
        run.json()["phrasebooks"][0]["path"],
        p.path().join("books/t.yaml").display().to_string()
    );

    p.file(
        ".phraselint.yaml",
        "phrasebooks:\n  - path: books/t.yaml\n    version: \"^1.2\"\n",
    );
    let run = p.check_json(&["a.md"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            ".phraselint.yaml:2:11: phrasebook `t` is version 1.1.0, but the config requires ^1.2"
        ),
        "{}",
        run.stderr
    );
}
