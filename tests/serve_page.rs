//! The web checker's page in headless Chromium, driven by Selenium
//! (`tests/serve/test_page.py`): Debian's chromium and chromium-driver are
//! installed with apt-get when missing, Selenium from PyPI
//! (`tests/serve/requirements.txt`, pinned) into a venv under `target/tmp`.
//! The screenshot it takes is saved as `target/tmp/web-checker.png`.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::server::serve;
use common::{Project, run_bounded, sh};

/// Debian's browser and its WebDriver, installed when missing (the tests
/// run as root where they may be missing).
fn chromium() {
    if Path::new("/usr/bin/chromium").exists() && Path::new("/usr/bin/chromedriver").exists() {
        return;
    }
    sh(Command::new("apt-get").arg("update").arg("-q"));
    sh(Command::new("apt-get")
        .args(["install", "-y", "-q", "chromium", "chromium-driver"])
        .env("DEBIAN_FRONTEND", "noninteractive"));
}

#[test]
fn a_writer_sees_findings_in_the_browser() {
    chromium();
    let suite = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/serve");
    let venv = common::pinned_venv("serve-venv", &[&suite.join("requirements.txt")]);
    let project = Project::new();
    let server = serve(project.path(), &[]);
    let scratch = tempfile::tempdir().unwrap();
    let deck =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd/office-location.in/sales-deck.pptx");
    let screenshot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("web-checker.png");
    let mut cmd = Command::new(venv.join("bin/python"));
    cmd.current_dir(&suite)
        .args([
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-q",
            "--color=no",
            "-rfEs",
        ])
        .arg(format!(
            "--basetemp={}",
            scratch.path().join("pytest").display()
        ))
        .env("PHRASELINT_URL", format!("http://{}/", server.addr))
        .env("DECK", &deck)
        .env("SCREENSHOT", &screenshot)
        .env("HOME", scratch.path())
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env_remove("PYTHONPATH");
    let run = run_bounded(cmd, Duration::from_secs(300), |_| {}).run();
    let output = format!("{}{}", run.stdout, run.stderr);
    assert_eq!(run.code, 0, "pytest failed:\n{output}");
    assert!(run.stdout.contains("3 passed"), "{output}");
    assert!(screenshot.exists());
}
