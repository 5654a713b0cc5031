//! The pre-commit hooks for real: pre-commit (from PyPI, pinned in
//! `tests/packaging/requirements.txt`) runs `try-repo` on this repository
//! (as it is now, without the fuzz corpora) in a scratch git repository. The `phraselint` hook installs the wheel (built
//! by maturin, given to pip with no package index, as PyPI would give it),
//! gets every file a commit touches and checks those a walk would: prose in
//! any of its kinds, never source code. The `phraselint-src` hook builds
//! phraselint with cargo.

mod common;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::packaging::{build_wheel, venv};
use common::{sh, tools};

fn git(dir: &Path, args: &[&str]) {
    sh(Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com"));
}

/// A scratch git repository holding `files` (name, content), all added.
fn repository(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    git(dir, &["init", "-q", "-b", "main"]);
    for (name, content) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
    git(dir, &["add", "."]);
    scratch
}

/// This repository as it is now (its files, committed or not, that git
/// does not ignore), committed in a scratch repository, but the fuzz
/// corpora: 14,000 files no hook reads, whose checkout cost try-repo about
/// 15 s a run.
fn hook_repository() -> tempfile::TempDir {
    let source = Path::new(env!("CARGO_MANIFEST_DIR"));
    let listed = Command::new("git")
        .args([
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ])
        .current_dir(source)
        .output()
        .unwrap();
    assert!(
        listed.status.success(),
        "git ls-files in {}",
        source.display()
    );
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    git(dir, &["init", "-q", "-b", "main"]);
    for name in String::from_utf8(listed.stdout).unwrap().split('\0') {
        let from = source.join(name);
        // Deleted but not yet committed, or not a file: not in the tree.
        if name.is_empty() || name.starts_with("fuzz/") || !from.is_file() {
            continue;
        }
        let to = dir.join(name);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&from, &to).unwrap();
    }
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "phraselint as it is"]);
    scratch
}

/// `pre-commit try-repo` of this repository's `hook` in `dir` on `files`:
/// the exit code and everything pre-commit printed.
fn try_repo(hook: &str, dir: &Path, files: &[&str], env: &[(&str, &OsStr)]) -> (i32, String) {
    let hooks = hook_repository();
    let mut cmd = Command::new(venv().join("bin/pre-commit"));
    cmd.args(["try-repo"])
        .arg(hooks.path())
        .args([hook, "--files"])
        .args(files)
        .current_dir(dir)
        .env_remove("CARGO_MANIFEST_DIR");
    for (key, value) in env {
        cmd.env(key, value);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

/// What the hook printed: pre-commit's output between the hook's exit code
/// and the blank line pre-commit ends it with.
fn hook_output(output: &str) -> &str {
    output
        .split_once("- exit code: 1\n\n")
        .and_then(|(_, hook)| hook.strip_suffix('\n'))
        .unwrap_or_else(|| panic!("no hook output in:\n{output}"))
}

const BAD: &[u8] = b"# Launch\n\nFrontier calls on GPT-5 to draft replies.\n";

#[test]
fn python_hook_installs_the_wheel_and_checks_the_prose_a_commit_touches() {
    let datasheet =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs-samples/datasheet.docx"))
            .unwrap();
    let repo = repository(&[
        (".phraselint.yaml", b"text_extensions: [rst]\n"),
        (".phraselintignore", b"legal/\n"),
        ("bad.md", BAD),
        // pre-commit tags these only `text` and `binary`: phraselint reads them.
        ("notes.rst", b"Launch\n======\n\nFrontier calls on GPT-5.\n"),
        ("notes.text", b"Frontier calls on GPT-5.\n"),
        ("datasheet.docx", &datasheet),
        // Code, data and ignored files it passes over.
        (
            "main.py",
            b"# Frontier calls on GPT-5\nprint('calls on GPT')\n",
        ),
        (
            "strings.json",
            b"{\"tagline\": \"Frontier calls on GPT-5\"}\n",
        ),
        ("legal/terms.md", BAD),
    ]);
    let dir = repo.path();
    let scratch = tempfile::tempdir().unwrap();
    let wheels = scratch.path().join("wheels");
    build_wheel(&wheels);
    let find_links = format!(
        "{} {}",
        wheels.display(),
        venv().join("hook-build").display()
    );
    // try-repo clones the hook repository and installs the hook afresh on
    // every run, so the hooks' shared entry is run once here and once more
    // in the source hook's test, on a commit with no file phraselint reads.
    let home = scratch.path().join("pre-commit-home");
    let app_data = tools().join("virtualenv-data");
    let env: &[(&str, &OsStr)] = &[
        ("PRE_COMMIT_HOME", home.as_os_str()),
        ("PIP_NO_INDEX", OsStr::new("1")),
        ("PIP_FIND_LINKS", OsStr::new(&find_links)),
        ("PIP_DISABLE_PIP_VERSION_CHECK", OsStr::new("1")),
        ("VIRTUALENV_OVERRIDE_APP_DATA", app_data.as_os_str()),
    ];
    let touched = [
        "bad.md",
        "notes.rst",
        "notes.text",
        "datasheet.docx",
        "main.py",
        "strings.json",
        "legal/terms.md",
    ];
    let (code, output) = try_repo("phraselint", dir, &touched, env);
    assert_eq!(code, 1, "{output}");
    assert!(
        output.contains("phraselint") && output.contains("Failed"),
        "{output}"
    );
    // Exactly what phraselint itself says of those files, as the hook runs it.
    let direct = Command::new(env!("CARGO_BIN_EXE_phraselint"))
        .args(["check", "--force-exclude", "--allow-no-files"])
        .args(touched)
        .current_dir(dir)
        .output()
        .unwrap();
    let direct = String::from_utf8_lossy(&direct.stdout).into_owned()
        + &String::from_utf8_lossy(&direct.stderr);
    assert_eq!(hook_output(&output), direct);
    for checked in [
        "bad.md:3:10",
        "notes.rst:4:10",
        "notes.text:1:10",
        "datasheet.docx:",
    ] {
        assert!(direct.contains(&format!("╭─[ {checked}")), "{direct}");
    }
    assert!(direct.contains(" in 4 files checked."), "{direct}");
    // A commit of code and data only: no file phraselint reads, which
    // --allow-no-files makes a pass.
    let (code, output) = try_repo("phraselint", dir, &["main.py", "strings.json"], env);
    assert_eq!(code, 0, "{output}");
    assert!(output.contains("Passed"), "{output}");
}

#[test]
fn source_hook_builds_with_cargo_and_fails_on_a_violation() {
    let repo = repository(&[
        ("bad.md", BAD),
        ("main.rs", b"// calls on GPT: code, never read\n"),
    ]);
    let dir = repo.path();
    let target: PathBuf = tools().join("pre-commit-target");
    let home = tools().join("pre-commit-home");
    let env: &[(&str, &OsStr)] = &[
        ("PRE_COMMIT_HOME", home.as_os_str()),
        // try-repo installs the hook afresh: `cargo install --path .` on a
        // new clone. That cannot share the crate's own builds (cargo
        // install ignores Cargo.lock, so it may pick newer dependencies,
        // and it builds the release profile, with LTO: about 3 minutes on
        // 2 cores). The hook is built in its own target directory, kept
        // between runs, with the release profile overridden to build fast
        // and incrementally: about a minute and a half the first time (the
        // longest test in CI), seconds after.
        ("CARGO_TARGET_DIR", target.as_os_str()),
        ("CARGO_PROFILE_RELEASE_OPT_LEVEL", OsStr::new("0")),
        ("CARGO_PROFILE_RELEASE_LTO", OsStr::new("false")),
        ("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", OsStr::new("256")),
        ("CARGO_PROFILE_RELEASE_INCREMENTAL", OsStr::new("true")),
    ];
    let (code, output) = try_repo("phraselint-src", dir, &["bad.md", "main.rs"], env);
    assert_eq!(code, 1, "{output}");
    assert!(
        output.contains("phraselint") && output.contains("Failed"),
        "{output}"
    );
    assert!(output.contains("bad.md:3:10"), "{output}");
    assert!(output.contains("partner-ai/calls-on"), "{output}");
    assert!(output.contains(" in 1 file checked."), "{output}");
}
