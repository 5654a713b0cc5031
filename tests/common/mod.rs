//! Runs the phraselint binary on fixture files written to a temporary folder.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

pub mod ooxml;
pub mod packaging;
pub mod server;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\nstderr: {}", self.stdout, self.stderr))
    }

    /// Every finding of a JSON report, in report order.
    pub fn findings(&self) -> Vec<Found> {
        self.json()["findings"]
            .as_array()
            .expect("findings array")
            .iter()
            .map(|f| {
                let n = |v: &Value| v.as_u64().unwrap();
                Found {
                    path: f["path"].as_str().unwrap().to_owned(),
                    rule: f["rule"].as_str().unwrap().to_owned(),
                    start: n(&f["start"]["offset"]),
                    end: n(&f["end"]["offset"]),
                    line: n(&f["start"]["line"]),
                    column: n(&f["start"]["column"]),
                }
            })
            .collect()
    }

    /// Each finding's path and rule, in report order.
    pub fn paths_and_rules(&self) -> Vec<(String, String)> {
        self.findings()
            .into_iter()
            .map(|f| (f.path, f.rule))
            .collect()
    }

    /// Just the rules found, in report order.
    pub fn rules(&self) -> Vec<String> {
        self.findings().into_iter().map(|f| f.rule).collect()
    }
}

/// One finding of a JSON report: where it starts and ends (byte offsets into
/// the file) and the line and column (in characters) it starts at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub path: String,
    pub rule: String,
    pub start: u64,
    pub end: u64,
    pub line: u64,
    pub column: u64,
}

/// A temporary project folder.
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    pub fn new() -> Project {
        Project {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn file(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, content).unwrap();
        path
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_stdin(args, None)
    }

    pub fn run_with_stdin(&self, args: &[&str], stdin: Option<&[u8]>) -> Run {
        run_in(self.path(), args, stdin)
    }

    /// `check --format json` on the given paths with the built-in books.
    pub fn check_json(&self, paths: &[&str]) -> Run {
        let mut args = vec!["check", "--format", "json"];
        args.extend_from_slice(paths);
        self.run(&args)
    }
}

/// phraselint run in `cwd` with `args`, and `stdin` as its input.
pub fn run_in(cwd: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_phraselint"));
    piped(cmd.args(args), cwd, stdin.is_some());
    let mut child = cmd.spawn().expect("run phraselint");
    if let Some(input) = stdin {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(input).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The byte offset of the `nth` (0-based) occurrence of `needle` in `hay`.
/// Leaves out the caller's colour variables (a CI that sets FORCE_COLOR, a
/// shell with NO_COLOR), which would change a report.
pub fn colour_unset(cmd: &mut Command) -> &mut Command {
    for name in ["NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "CLICOLOR"] {
        cmd.env_remove(name);
    }
    cmd
}

/// Runs `cmd` in `cwd` with its output piped and the colour variables
/// unset, its input piped when there is some, else empty.
pub fn piped<'c>(cmd: &'c mut Command, cwd: &Path, stdin: bool) -> &'c mut Command {
    colour_unset(cmd)
        .current_dir(cwd)
        .stdin(if stdin { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
}

pub fn offset_of(hay: &[u8], needle: &str, nth: usize) -> u64 {
    let n = needle.as_bytes();
    hay.windows(n.len())
        .enumerate()
        .filter(|(_, w)| *w == n)
        .nth(nth)
        .unwrap_or_else(|| panic!("`{needle}` #{nth} not in fixture"))
        .0 as u64
}

/// A directory for tools the tests install (kept between runs).
pub fn tools() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("test-tools");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Python with `jsonschema`, installed from PyPI into a venv on first use
/// (once for all the tests of a binary, which run in parallel).
pub fn python_with_jsonschema() -> &'static Path {
    static PYTHON: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    PYTHON.get_or_init(|| {
        let venv = tools().join("venv");
        let python = venv.join("bin/python");
        if !python.exists() {
            sh(Command::new("python3").args(["-m", "venv"]).arg(&venv));
        }
        let check = Command::new(&python)
            .args(["-c", "import jsonschema"])
            .output()
            .unwrap();
        if !check.status.success() {
            sh(Command::new(&python).args(["-m", "pip", "install", "-q", "jsonschema"]));
        }
        python
    })
}

/// A venv under `target/tmp` named `name` with the packages the
/// `requirements` files pin: reused while it was made from those files as
/// they are now, else made anew.
pub fn pinned_venv(name: &str, requirements: &[&Path]) -> PathBuf {
    let venv = tools().join(name);
    let wanted: String = requirements
        .iter()
        .map(|r| std::fs::read_to_string(r).unwrap())
        .collect();
    // Written last, so a half-made venv is never taken for a whole one.
    let stamp = venv.join("phraselint-requirements.txt");
    if std::fs::read_to_string(&stamp).ok().as_deref() != Some(wanted.as_str()) {
        if venv.exists() {
            std::fs::remove_dir_all(&venv).unwrap();
        }
        sh(Command::new("python3").args(["-m", "venv"]).arg(&venv));
        let mut pip = Command::new(venv.join("bin/python"));
        pip.args(["-m", "pip", "install", "-q", "--disable-pip-version-check"])
            .arg("--no-input");
        for r in requirements {
            pip.arg("-r").arg(r);
        }
        sh(&mut pip);
        std::fs::write(&stamp, &wanted).unwrap();
    }
    venv
}

/// Runs a command that must succeed.
pub fn sh(cmd: &mut Command) -> std::process::Output {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Waits for `child`, killing its whole process group and failing the test
/// when it outlives `limit` (a hang guard, never a timing assertion);
/// `tick` is called with its pid while it runs.
pub fn wait_bounded(
    child: &mut std::process::Child,
    what: &str,
    limit: std::time::Duration,
    mut tick: impl FnMut(u32),
) -> std::process::ExitStatus {
    let started = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if started.elapsed() > limit {
            let group = format!("-{}", child.id());
            let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
            let _ = child.wait();
            panic!("{what} was still running after {limit:?}: killed");
        }
        tick(child.id());
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
}

/// What [`run_bounded`] saw: exit code (-1 for a signal), output, and the
/// wall-clock time.
pub struct Bounded {
    pub code: i32,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub took: std::time::Duration,
}

/// Runs `cmd` in its own process group, its output going to files (so a
/// full pipe cannot stall it), under [`wait_bounded`].
pub fn run_bounded(mut cmd: Command, limit: std::time::Duration, tick: impl FnMut(u32)) -> Bounded {
    use std::io::{Read, Seek};
    use std::os::unix::process::CommandExt;
    let mut out = tempfile::tempfile().unwrap();
    let mut err = tempfile::tempfile().unwrap();
    cmd.stdin(Stdio::null())
        .stdout(out.try_clone().unwrap())
        .stderr(err.try_clone().unwrap())
        .process_group(0);
    let what = format!("{cmd:?}");
    let started = std::time::Instant::now();
    let mut child = cmd.spawn().unwrap_or_else(|e| panic!("{what}: {e}"));
    let status = wait_bounded(&mut child, &what, limit, tick);
    let took = started.elapsed();
    let read = |f: &mut std::fs::File| {
        f.rewind().unwrap();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        bytes
    };
    Bounded {
        code: status.code().unwrap_or(-1),
        stdout: read(&mut out),
        stderr: read(&mut err),
        took,
    }
}

impl Bounded {
    /// As a [`Run`], output read lossily as text.
    pub fn run(&self) -> Run {
        Run {
            code: self.code,
            stdout: String::from_utf8_lossy(&self.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&self.stderr).into_owned(),
        }
    }
}
