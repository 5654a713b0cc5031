//! What the packaging tests share: maturin, virtualenv and pre-commit from
//! PyPI (pinned in `tests/packaging/requirements.txt`, in a venv under
//! `target/tmp`), and the wheel built from the test build's binary.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use super::{pinned_venv, sh, tools};

fn packaging() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/packaging")
}

/// The venv with maturin, virtualenv and pre-commit; its `hook-build/`
/// folder holds the wheels pip needs to build the pre-commit hook's
/// installer (`hook-build-requirements.txt`), so the hook installs with no
/// index.
pub fn venv() -> &'static Path {
    static VENV: OnceLock<PathBuf> = OnceLock::new();
    VENV.get_or_init(|| {
        let hook_build = packaging().join("hook-build-requirements.txt");
        let venv = pinned_venv(
            "packaging-venv",
            &[&packaging().join("requirements.txt"), &hook_build],
        );
        let wheels = venv.join("hook-build");
        if !wheels.exists() {
            // Into a scratch folder first, so a failed download is not kept.
            let partial = venv.join("hook-build.partial");
            sh(Command::new(venv.join("bin/python"))
                .args(["-m", "pip", "download", "-q", "--disable-pip-version-check"])
                .args(["--no-input", "--no-deps", "--only-binary=:all:", "-d"])
                .arg(&partial)
                .arg("-r")
                .arg(&hook_build));
            std::fs::rename(&partial, &wheels).unwrap();
        }
        venv
    })
}

/// Builds the phraselint wheel into `out` and returns its path: maturin
/// from `pypi/`, as the release workflow runs it, but with the test build's
/// profile, so it packs the binary `cargo test` built instead of compiling
/// phraselint again.
pub fn build_wheel(out: &Path) -> PathBuf {
    sh(Command::new(venv().join("bin/maturin"))
        .args([
            "build",
            "--profile",
            "dev",
            "--locked",
            "--strip",
            "--quiet",
            "--out",
        ])
        .arg(out)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("pypi"))
        .env_remove("CARGO_MANIFEST_DIR"));
    let wheels: Vec<PathBuf> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "whl"))
        .collect();
    assert_eq!(wheels.len(), 1, "maturin built {wheels:?}");
    wheels.into_iter().next().unwrap()
}

/// Makes a fresh virtual environment at `path` with its own pip, as
/// pre-commit does (virtualenv: seconds faster than `python3 -m venv`, whose
/// pip is installed anew each time), its cache kept under `target/tmp`.
pub fn virtualenv(path: &Path) -> Command {
    let mut cmd = Command::new(venv().join("bin/virtualenv"));
    cmd.arg("-q").arg(path).env(
        "VIRTUALENV_OVERRIDE_APP_DATA",
        tools().join("virtualenv-data"),
    );
    cmd
}
