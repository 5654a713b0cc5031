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
            .env("PRE_COMMIT_HOME", tools().join("pre-commit-home"))
            // try-repo installs the hook afresh on every run: `cargo install
            // --path .` on a new clone. That cannot share the crate's own
            // release build (cargo install ignores Cargo.lock, so it picks
            // newer dependencies, and a new clone's mtimes rebuild phraselint
            // with LTO each run: about 3 minutes on 2 cores). The hook is
            // built in its own target directory, kept between runs, with
            // the release profile overridden to build fast and incrementally:
            // about a minute the first time, seconds the second.
            .env("CARGO_TARGET_DIR", tools().join("pre-commit-target"))
            .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
            .env("CARGO_PROFILE_RELEASE_LTO", "false")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "256")
            .env("CARGO_PROFILE_RELEASE_INCREMENTAL", "true")
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
