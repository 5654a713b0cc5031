//! `phraselint lsp` with real clients: the pytest-lsp suite in `tests/lsp/`
//! (diagnostics, hover, code actions, settings, the protocol's edges) and
//! headless Neovim 0.11 running `tests/lsp/neovim_quickfix.lua` with the
//! README's setup. Both come from PyPI (`tests/lsp/requirements.txt`,
//! pinned), installed on first run into a venv under `target/tmp`, which is
//! made anew when that file changes.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

use common::run_bounded;

fn suite() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lsp")
}

/// The venv with pytest-lsp and Neovim.
fn venv() -> &'static Path {
    static VENV: OnceLock<PathBuf> = OnceLock::new();
    VENV.get_or_init(|| common::venv("lsp-venv", &suite().join("requirements.txt")))
}

/// A command from the venv, told where the binary under test is, with
/// Python's and Neovim's files kept out of the source tree and the home
/// folder.
fn command(program: &Path, scratch: &Path) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(suite())
        .env("PHRASELINT_BIN", env!("CARGO_BIN_EXE_phraselint"))
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env_remove("PYTHONPATH")
        .env_remove("NO_COLOR");
    for xdg in [
        "XDG_CONFIG_HOME",
        "XDG_DATA_HOME",
        "XDG_STATE_HOME",
        "XDG_CACHE_HOME",
    ] {
        cmd.env(xdg, scratch.join(xdg));
    }
    cmd
}

/// The summary line of a pytest run (`12 passed in 0.84s`).
fn summary(stdout: &str) -> &str {
    stdout
        .lines()
        .rev()
        .map(|line| line.trim_matches(|c: char| c == '=' || c.is_whitespace()))
        .find(|line| !line.is_empty())
        .unwrap_or("")
}

#[test]
fn pytest_lsp_suite() {
    let scratch = tempfile::tempdir().unwrap();
    let mut cmd = command(&venv().join("bin/python"), scratch.path());
    // tests/lsp/pytest.ini adds `-rfEs`: failures, errors and skips, each
    // named with its reason in the short summary.
    cmd.args(["-m", "pytest", "-p", "no:cacheprovider", "-q", "--color=no"])
        .arg(format!(
            "--basetemp={}",
            scratch.path().join("pytest").display()
        ));
    let run = run_bounded(cmd, Duration::from_secs(600), |_| {}).run();
    let output = format!("{}{}", run.stdout, run.stderr);
    assert_eq!(run.code, 0, "pytest failed:\n{output}");
    // Everything ran and passed: nothing skipped, xfailed or deselected.
    let summary = summary(&run.stdout);
    let counts: Vec<&str> = summary.split(" in ").next().unwrap().split(", ").collect();
    assert!(
        counts.len() == 1 && counts[0].ends_with(" passed"),
        "pytest's summary says more than that every test passed: `{summary}`\n{output}"
    );
    let passed: usize = counts[0].trim_end_matches(" passed").parse().unwrap();
    assert!(passed >= 50, "only {passed} tests ran:\n{output}");
}

#[test]
fn neovim_applies_a_quick_fix_and_fix_all() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path().join("project");
    std::fs::create_dir(&dir).unwrap();
    let mut cmd = command(&venv().join("bin/nvim"), scratch.path());
    cmd.args(["--headless", "--clean", "-l", "neovim_quickfix.lua"])
        .arg(env!("CARGO_BIN_EXE_phraselint"))
        .arg(&dir);
    let run = run_bounded(cmd, Duration::from_secs(120), |_| {}).run();
    let output = format!("{}{}", run.stdout, run.stderr);
    assert_eq!(run.code, 0, "neovim_quickfix.lua failed:\n{output}");
    assert!(
        output.contains("neovim_quickfix: ok (Neovim 0.11"),
        "{output}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("page.md")).unwrap(),
        "# Café launch\n\n🚀 Café Frontier directly accesses GPT-5 in the browser.\n\n\
         The app directly accesses GPT-5 from the browser.\n",
        "the script edits the buffer, never the file"
    );
}
