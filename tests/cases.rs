//! Rule and format cases as data: every folder `tests/cases/<area>/<case>/`
//! is copied to a temporary folder and checked there by the binary with
//! `check --format json`; the findings are rendered under the exact bytes
//! they point at and compared with `tests/cases/<area>/<case>.snap`.
//!
//! A case folder holds the files to check and optionally:
//! - `book.yaml`: the phrasebook (`--phrasebook book.yaml`); without one the
//!   built-in books are used;
//! - `args`: the arguments after `check --format json`, one a line, instead
//!   of the default (`--phrasebook book.yaml` if there is one, then every
//!   top-level file that is not `*.yaml`, `args` or `stdin`, sorted);
//! - `stdin`: bytes piped to the binary (for `--stdin`).
//!
//! `args` and `stdin` are not copied. To add a case, drop a folder here and
//! run `cargo insta test --test cases` (or `INSTA_UPDATE=always cargo test
//! --test cases`), review the new `.snap` and commit it.
//!
//! Snapshot discipline, without needing `cargo-insta` in CI:
//! - a case without a committed `.snap` fails, whatever `INSTA_UPDATE` says
//!   (insta itself, under `CI=true`, treats `INSTA_UPDATE=auto` as `no` and
//!   fails on a new snapshot, but `INSTA_UPDATE=always` would write it and
//!   pass);
//! - under CI (the `CI` variable as insta reads it), `INSTA_UPDATE` other
//!   than `auto` or `no`, or `INSTA_FORCE_PASS`, is refused, so CI can never
//!   accept a changed snapshot silently;
//! - `unreferenced_snapshots_are_rejected` is `cargo insta test
//!   --unreferenced reject`: a `.snap` with no case folder (or a named
//!   snapshot in `tests/snapshots/` no test names) fails.

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use common::piped;

fn cases_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases")
}

/// `(area folder, case name)` of every case, sorted.
fn cases() -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    for area in sorted_entries(&cases_root()) {
        if !area.is_dir() {
            continue;
        }
        for case in sorted_entries(&area) {
            if case.is_dir() {
                let name = case.file_name().unwrap().to_str().unwrap().to_owned();
                found.push((area.clone(), name));
            }
        }
    }
    found
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    entries
}

const CONTROL: [&str; 2] = ["args", "stdin"];

/// Copies the case folder `from` into `to`, but for its `args` and `stdin`.
fn copy_dir(from: &Path, to: &Path, top: bool) {
    std::fs::create_dir_all(to).unwrap();
    for entry in sorted_entries(from) {
        let name = entry.file_name().unwrap();
        if top && CONTROL.iter().any(|c| name == *c) {
            continue;
        }
        if entry.is_dir() {
            copy_dir(&entry, &to.join(name), false);
        } else {
            std::fs::copy(&entry, to.join(name)).unwrap();
        }
    }
}

/// The arguments after `check --format json` for the case in `dir`.
fn case_args(dir: &Path) -> Vec<String> {
    if let Ok(args) = std::fs::read_to_string(dir.join("args")) {
        return args
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
    }
    let mut args = Vec::new();
    if dir.join("book.yaml").exists() {
        args.extend(["--phrasebook".to_owned(), "book.yaml".to_owned()]);
    }
    for entry in sorted_entries(dir) {
        let name = entry.file_name().unwrap().to_str().unwrap().to_owned();
        if entry.is_file() && !name.ends_with(".yaml") && !CONTROL.contains(&name.as_str()) {
            args.push(name);
        }
    }
    args
}

/// Runs the case and renders what the binary said.
fn run_case(dir: &Path) -> String {
    let work = tempfile::tempdir().unwrap();
    copy_dir(dir, work.path(), true);
    let args = case_args(dir);
    let stdin = std::fs::read(dir.join("stdin")).ok();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_phraselint"));
    cmd.args(["check", "--format", "json"]).args(&args);
    let mut child = piped(&mut cmd, work.path(), stdin.is_some())
        .spawn()
        .expect("run phraselint");
    if let Some(bytes) = &stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut s = String::new();
    writeln!(s, "args: {}", args.join(" ")).unwrap();
    writeln!(s, "exit: {}", out.status.code().unwrap_or(-1)).unwrap();
    for line in stderr.lines() {
        writeln!(s, "stderr: {line}").unwrap();
    }
    let Ok(doc) = serde_json::from_str::<Value>(&stdout) else {
        for line in stdout.lines() {
            writeln!(s, "stdout: {line}").unwrap();
        }
        return s;
    };
    let books: Vec<String> = (doc["phrasebooks"].as_array().into_iter().flatten())
        .map(|b| format!("{} {} ({})", b["name"], b["version"], b["path"]).replace('"', ""))
        .collect();
    writeln!(s, "phrasebooks: {}", books.join(", ")).unwrap();
    writeln!(s, "summary: {}", doc["summary"]).unwrap();
    for key in ["errors", "suppressions"] {
        for item in doc[key].as_array().into_iter().flatten() {
            writeln!(s, "{key}: {item}").unwrap();
        }
    }
    let mut sources = BTreeMap::new();
    for f in doc["findings"].as_array().expect("findings") {
        let path = f["path"].as_str().unwrap();
        let source = sources.entry(path.to_owned()).or_insert_with(|| {
            std::fs::read(work.path().join(path))
                .ok()
                .or_else(|| stdin.clone())
                .unwrap_or_default()
        });
        s.push('\n');
        render_finding(&mut s, f, source);
    }
    s
}

/// One finding: where, its source lines with `^` under its bytes, then what
/// was matched and said.
fn render_finding(s: &mut String, f: &Value, source: &[u8]) {
    let n = |v: &Value| v.as_u64().unwrap();
    let (start, end) = (&f["start"], &f["end"]);
    let (from, to) = (n(&start["offset"]) as usize, n(&end["offset"]) as usize);
    writeln!(
        s,
        "{}:{}:{}-{}:{} [{from}..{to}] {} {}",
        f["path"].as_str().unwrap(),
        start["line"],
        start["column"],
        end["line"],
        end["column"],
        f["severity"].as_str().unwrap(),
        f["rule"].as_str().unwrap(),
    )
    .unwrap();
    if source.starts_with(b"\xFF\xFE") || source.starts_with(b"\xFE\xFF") {
        writeln!(s, "  (UTF-16 source: lines not shown)").unwrap();
    } else {
        let lines = line_ranges(source);
        let width = lines.len().to_string().len();
        let touched = |&(start, end): &(usize, usize)| {
            (start < to && from < end) || (from == to && start <= from && from <= end)
        };
        for (i, &(start, end)) in lines.iter().enumerate().filter(|(_, l)| touched(l)) {
            let (text, marks) = show_line(
                &source[start..end],
                from.max(start) - start,
                to.min(end) - start,
            );
            writeln!(s, "  {:>width$} | {text}", i + 1).unwrap();
            writeln!(s, "  {:width$} | {}", "", marks.trim_end()).unwrap();
        }
    }
    writeln!(s, "  matched: {:?}", f["matched"].as_str().unwrap()).unwrap();
    writeln!(s, "  message: {}", f["message"].as_str().unwrap()).unwrap();
    if let Some(location) = f["location"].as_str() {
        writeln!(s, "  location: {location}").unwrap();
    }
}

/// `(start, end)` of every line, without its terminator; lines end at
/// `\n`, `\r\n` and a lone `\r`.
fn line_ranges(b: &[u8]) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => {
                ranges.push((start, i));
                start = i + 1;
            }
            b'\r' => {
                ranges.push((start, i));
                if b.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < b.len() || ranges.is_empty() {
        ranges.push((start, b.len()));
    }
    ranges
}

/// The line shown with invisible characters and invalid bytes escaped, and
/// a line of `^` under the bytes `from..to` (one `^` at `from` if empty).
fn show_line(line: &[u8], from: usize, to: usize) -> (String, String) {
    let (mut text, mut marks) = (String::new(), String::new());
    let mut i = 0;
    while i < line.len() {
        let (shown, len) = next_char(&line[i..]);
        let under = (i < to && from < i + len) || (from == to && i == from);
        let mark = if under { "^" } else { " " };
        marks.push_str(&mark.repeat(shown.chars().count()));
        text.push_str(&shown);
        i += len;
    }
    if from == to && from == line.len() {
        marks.push('^');
    }
    (text, marks)
}

/// The first character of `b` as shown, and its length in bytes: an
/// invalid byte is `\xNN`, a control or invisible character `\u{…}`.
fn next_char(b: &[u8]) -> (String, usize) {
    let width = match b[0] {
        0x00..=0x7F => 1,
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 0,
    };
    let c = (width > 0 && b.len() >= width)
        .then(|| std::str::from_utf8(&b[..width]).ok())
        .flatten()
        .and_then(|s| s.chars().next());
    match c {
        None => (format!("\\x{:02X}", b[0]), 1),
        Some('\t') => ("\\t".to_owned(), 1),
        Some(c)
            if c.is_control()
                || (c.is_whitespace() && c != ' ')
                || matches!(
                    c,
                    '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}'
                ) =>
        {
            (c.escape_unicode().to_string(), width)
        }
        Some(c) => (c.to_string(), width),
    }
}

/// Refuses, under CI, the settings with which insta would accept a changed
/// snapshot without a review.
fn refuse_silent_acceptance_in_ci() {
    let ci = match std::env::var("CI").ok().as_deref() {
        Some("false" | "0" | "") => false,
        None => std::env::var("TF_BUILD").is_ok(),
        Some(_) => true,
    };
    if !ci {
        return;
    }
    let update = std::env::var("INSTA_UPDATE").unwrap_or_default();
    assert!(
        matches!(update.as_str(), "" | "auto" | "no"),
        "INSTA_UPDATE={update} under CI would accept snapshots unreviewed"
    );
    let force = std::env::var("INSTA_FORCE_PASS").unwrap_or_default();
    assert!(
        matches!(force.as_str(), "" | "0" | "false"),
        "INSTA_FORCE_PASS={force} under CI would hide failing snapshots"
    );
}

#[test]
fn cases_match_their_snapshots() {
    refuse_silent_acceptance_in_ci();
    let mut failed = Vec::new();
    let all = cases();
    assert!(!all.is_empty(), "no cases under {}", cases_root().display());
    for (area, name) in all {
        let dir = area.join(&name);
        let label = format!("{}/{name}", area.file_name().unwrap().to_str().unwrap());
        let committed = area.join(format!("{name}.snap")).exists();
        let rendered = run_case(&dir);
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(&area);
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.set_input_file(&dir);
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            settings.bind(|| insta::assert_snapshot!(name.as_str(), rendered));
        }));
        if !committed {
            failed.push(format!("{label}: no committed snapshot ({name}.snap)"));
        } else if outcome.is_err() {
            failed.push(format!("{label}: differs from {name}.snap"));
        }
    }
    assert!(failed.is_empty(), "cases failed:\n{}", failed.join("\n"));
}

#[test]
fn unreferenced_snapshots_are_rejected() {
    let mut stale = Vec::new();
    for area in sorted_entries(&cases_root()) {
        if !area.is_dir() {
            continue;
        }
        for file in sorted_entries(&area) {
            let name = file.file_name().unwrap().to_str().unwrap();
            if let Some(case) = name.strip_suffix(".snap")
                && !area.join(case).is_dir()
            {
                stale.push(file.display().to_string());
            }
        }
    }
    // Named snapshots of code tests: `tests/snapshots/FILE__NAME.snap` needs
    // a test file `tests/FILE.rs` that says `NAME`.
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let snapshots = tests.join("snapshots");
    if snapshots.is_dir() {
        for file in sorted_entries(&snapshots) {
            let name = file.file_name().unwrap().to_str().unwrap();
            let Some(stem) = name.strip_suffix(".snap") else {
                continue;
            };
            let referenced = stem.split_once("__").is_some_and(|(test, snapshot)| {
                std::fs::read_to_string(tests.join(format!("{test}.rs")))
                    .is_ok_and(|code| code.contains(&format!("\"{snapshot}\"")))
            });
            if !referenced {
                stale.push(file.display().to_string());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "snapshots no case or test refers to (delete them):\n{}",
        stale.join("\n")
    );
}
