//! The Python wheel for real: maturin builds it (`tests/common/packaging.rs`),
//! pip installs it by name into a fresh virtual environment as `pip install phraselint`
//! would from PyPI, and the phraselint it installs checks `docs-samples` as
//! the cargo-built binary does, on a machine that needs no Rust to run it.

mod common;

use std::path::Path;
use std::process::Command;

use common::packaging::{build_wheel, virtualenv};
use common::{piped, sh};

/// `phraselint ARGS` from `program`, in the repository: exit code, stdout
/// and stderr.
fn run(program: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = piped(
        Command::new(program).args(args),
        Path::new(env!("CARGO_MANIFEST_DIR")),
        false,
    )
    .output()
    .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn pip_installs_the_wheel_and_its_phraselint_checks_docs_samples() {
    let scratch = tempfile::tempdir().unwrap();
    let wheels = scratch.path().join("wheels");
    let wheel = build_wheel(&wheels);
    let name = wheel.file_name().unwrap().to_string_lossy();
    assert!(
        name.starts_with(&format!(
            "phraselint-{}-py3-none-",
            env!("CARGO_PKG_VERSION")
        )),
        "{name}"
    );
    let venv = scratch.path().join("venv");
    sh(&mut virtualenv(&venv));
    sh(Command::new(venv.join("bin/python"))
        .args(["-m", "pip", "install", "-q", "--disable-pip-version-check"])
        .args(["--no-input", "--no-index", "--find-links"])
        .arg(&wheels)
        .arg("phraselint"));
    let installed = venv.join("bin/phraselint");
    let built = Path::new(env!("CARGO_BIN_EXE_phraselint"));
    assert_eq!(
        run(&installed, &["--version"]),
        (
            Some(0),
            format!("phraselint {}\n", env!("CARGO_PKG_VERSION")),
            String::new()
        )
    );
    let from_wheel = run(&installed, &["check", "docs-samples"]);
    assert_eq!(from_wheel.0, Some(1), "{}{}", from_wheel.1, from_wheel.2);
    assert!(from_wheel.1.contains("\nFound "), "{}", from_wheel.1);
    assert_eq!(from_wheel, run(built, &["check", "docs-samples"]));
}
