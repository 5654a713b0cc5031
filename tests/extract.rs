//! PRODUCT.md §4: which files the walk picks, where that needs files the
//! repository cannot hold (a `.gitignore` in a fixture would hide the
//! fixture from git). What is read and skipped in Markdown and plain text is
//! in `tests/cases/extract/`; command-line cases are in `tests/cmd/`.

mod common;

use common::Project;

#[test]
fn ignore_files_and_hidden_files_are_honoured() {
    let p = Project::new();
    p.file(".gitignore", "build/\n");
    p.file(".phraselintignore", "legacy.md\n");
    p.file("build/out.md", "It calls on GPT.\n");
    p.file("legacy.md", "It calls on GPT.\n");
    p.file(".drafts/x.md", "It calls on GPT.\n");
    p.file("docs/a.md", "It calls on GPT.\n");
    let run = p.check_json(&[]);
    let paths: Vec<String> = run.findings().into_iter().map(|f| f.path).collect();
    assert_eq!(paths, vec!["docs/a.md"]);
    let all = p.run(&["check", "--format", "json", "--no-ignore", "--hidden"]);
    let paths: Vec<String> = all.findings().into_iter().map(|f| f.path).collect();
    assert_eq!(
        paths,
        vec![".drafts/x.md", "build/out.md", "docs/a.md", "legacy.md"]
    );
}
