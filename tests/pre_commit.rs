//! The pre-commit hook for real: pre-commit (from PyPI) runs `try-repo` on
//! this repository in a scratch git repository; the hook must fail on a
//! violation, pass on a clean file, and print the finding.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{sh, tools};

fn pre_commit() -> PathBuf {
    let venv = tools().join("pre-commit-venv");
    let bin = venv.join("bin/pre-commit");
    if !bin.exists() {
        sh(Command::new("python3").args(["-m", "venv"]).arg(&venv));
        sh(Command::new(venv.join("bin/pip")).args(["install", "-q", "pre-commit"]));
    }
    bin
}

fn git(dir: &Path, args: &[&str]) {
    sh(Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com"));
}

#[test]
fn pre_commit_try_repo_fails_on_a_violation_and_passes_a_clean_file() {
    let pre_commit = pre_commit();
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    git(dir, &["init", "-q", "-b", "main"]);
    std::fs::write(
        dir.join("bad.md"),
        "# Launch\n\nFrontier calls on GPT-5 to draft replies.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("good.md"),
        "# Launch\n\nFrontier is powered by GPT-5.\n",
    )
    .unwrap();
    std::fs::write(dir.join("main.rs"), "// calls on GPT: code, never read\n").unwrap();
    git(dir, &["add", "."]);
    let repo = env!("CARGO_MANIFEST_DIR");
    let run = |files: &[&str]| {
        let mut cmd = Command::new(&pre_commit);
        cmd.args(["try-repo", repo, "phraselint", "--files"])
            .args(files)
            .current_dir(dir)
            // pre-commit's cache, and cargo's build of the hook, are kept
            // between runs so only the first one compiles phraselint.
            .env("PRE_COMMIT_HOME", tools().join("pre-commit-home"))
            .env("CARGO_TARGET_DIR", tools().join("pre-commit-target"))
            .env_remove("CARGO_MANIFEST_DIR");
        let out = cmd.output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr),
        )
    };
    let (code, output) = run(&["bad.md", "main.rs"]);
    assert_eq!(code, Some(1), "{output}");
    assert!(
        output.contains("phraselint") && output.contains("Failed"),
        "{output}"
    );
    assert!(output.contains("bad.md:3:10"), "{output}");
    assert!(output.contains("partner-ai/calls-on"), "{output}");
    let (code, output) = run(&["good.md", "main.rs"]);
    assert_eq!(code, Some(0), "{output}");
    assert!(output.contains("Passed"), "{output}");
}
