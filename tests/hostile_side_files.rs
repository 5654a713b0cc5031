//! Hostile side files and arguments: phrasebooks, configs and baselines that
//! are named pipes, devices, directories, dangling symlinks, 1 GB files or
//! alias and term bombs; standard input over `--max-filesize`; a
//! `--changed-since` that is an option, or that lists a symlink out of the
//! repository. Each test builds its input itself. Each is refused with one
//! line naming the file (exit 2): an error in a side file stops the run,
//! since no rule can run without its books and config. Every run is killed
//! after 20 s (a hang guard, not a timing assertion), and the bombs run
//! under a 2 GB address-space limit.

mod common;

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::{Project, Run, piped, sh, wait_bounded};

const BIN: &str = env!("CARGO_BIN_EXE_phraselint");

const BOOK: &str = "phrasebook: t\nversion: 1.0.0\nschema: 1\n\
rules:\n  - id: x\n    banned: [calls on]\n    message: m\n";

/// Runs phraselint in `cwd`, killed (and the test failed) after 20 s; with
/// `limit_kb`, under `ulimit -v` in a shell.
fn run_in(cwd: &Path, args: &[&str], limit_kb: Option<u64>, stdin: Option<&[u8]>) -> Run {
    let mut cmd = match limit_kb {
        Some(kb) => {
            let mut cmd = Command::new("sh");
            cmd.arg("-c")
                .arg(format!("ulimit -v {kb}; exec \"$0\" \"$@\""))
                .arg(BIN)
                .env("MALLOC_ARENA_MAX", "2");
            cmd
        }
        None => Command::new(BIN),
    };
    piped(cmd.args(args), cwd, stdin.is_some()).process_group(0);
    let mut child = cmd.spawn().expect("run phraselint");
    if let Some(input) = stdin {
        use std::io::Write;
        let mut pipe = child.stdin.take().unwrap();
        let input = input.to_vec();
        // phraselint may stop reading early: a broken pipe is fine.
        std::thread::spawn(move || {
            let _ = pipe.write_all(&input);
        });
    }
    let (mut out, mut err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let out = std::thread::spawn(move || {
        let mut s = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut s).unwrap();
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut s).unwrap();
        s
    });
    let what = format!("phraselint {args:?}");
    let status = wait_bounded(&mut child, &what, Duration::from_secs(20), |_| {});
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.join().unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&err.join().unwrap()).into_owned(),
    }
}

fn run(p: &Project, args: &[&str]) -> Run {
    run_in(p.path(), args, None, None)
}

/// Exit 2 and exactly this one line on stderr.
fn assert_error(run: &Run, line: &str) {
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stderr, format!("error: {line}\n"));
}

fn mkfifo(path: &Path) {
    sh(Command::new("mkfifo").arg(path));
}

/// A project with a good book, config, a file with a finding, and the
/// hostile side files: a named pipe, a symlink to `/dev/zero`, a 1 GB
/// sparse file, a directory.
fn hostile_project() -> Project {
    let p = Project::new();
    p.file("good.yaml", BOOK);
    p.file("a.md", "Frontier calls on GPT.\n");
    mkfifo(&p.path().join("pipe.yaml"));
    std::os::unix::fs::symlink("/dev/zero", p.path().join("zero.yaml")).unwrap();
    let big = std::fs::File::create(p.path().join("big.yaml")).unwrap();
    big.set_len(1 << 30).unwrap();
    std::fs::create_dir(p.path().join("dir.yaml")).unwrap();
    p
}

/// The error each hostile side file gets, whatever reads it.
fn refusals(cap_mib: u64) -> Vec<(&'static str, String)> {
    vec![
        (
            "pipe.yaml",
            "pipe.yaml: not a regular file (a named pipe)".into(),
        ),
        (
            "zero.yaml",
            "zero.yaml: not a regular file (a device)".into(),
        ),
        (
            "big.yaml",
            format!("big.yaml: 1073741824 bytes is larger than the {cap_mib} MiB this file may be"),
        ),
        (
            "dir.yaml",
            "dir.yaml: not a regular file (a directory)".into(),
        ),
    ]
}

#[test]
fn phrasebooks_that_are_not_regular_files_or_too_big_are_refused() {
    let p = hostile_project();
    // The run is otherwise good: the same check with the good book finds.
    let good = run(&p, &["check", "--phrasebook", "good.yaml", "a.md"]);
    assert_eq!(good.code, 1, "{}", good.stderr);
    for (file, error) in refusals(16) {
        let r = run(&p, &["check", "--phrasebook", file, "a.md"]);
        assert_error(&r, &error);
        let r = run(&p, &["phrasebook", "show", file]);
        assert_error(&r, &error);
        let r = run(&p, &["phrasebook", "test", file]);
        assert_error(&r, &error);
        let r = run(&p, &["phrasebook", "diff", "good.yaml", file]);
        assert_error(&r, &error);
    }
}

#[test]
fn extends_and_configs_that_are_not_regular_files_are_refused() {
    let p = hostile_project();
    for (file, error) in refusals(16) {
        // `extends`: a pipe, a device or a directory is not a file at all;
        // the 1 GB file is refused by its size.
        p.file("ext.yaml", format!("{BOOK}extends: [{file}]\n"));
        let r = run(&p, &["check", "--phrasebook", "ext.yaml", "a.md"]);
        if file == "big.yaml" {
            assert_error(&r, &error);
        } else {
            assert_error(
                &r,
                &format!("ext.yaml:8:11: `extends` names {file}, which is not a readable file"),
            );
        }
        let r = run(&p, &["check", "--config", file, "a.md"]);
        assert_error(&r, &error);
    }
}

#[test]
fn baselines_that_are_not_regular_files_or_too_big_are_refused() {
    let p = hostile_project();
    for (file, error) in refusals(128) {
        let r = run(
            &p,
            &[
                "check",
                "--phrasebook",
                "good.yaml",
                "--baseline",
                file,
                "a.md",
            ],
        );
        assert_error(&r, &error);
    }
}

#[test]
fn a_config_that_is_a_directory_or_a_dangling_symlink_is_an_error() {
    let p = Project::new();
    // A good config above: it must not be used instead.
    p.file(".phraselint.yaml", "include: [\"**\"]\n");
    p.file("sub/a.md", "Frontier calls on GPT.\n");
    std::fs::create_dir(p.path().join("sub/.phraselint.yaml")).unwrap();
    let r = run_in(&p.path().join("sub"), &["check", "a.md"], None, None);
    assert_error(&r, ".phraselint.yaml: not a regular file (a directory)");

    std::fs::remove_dir(p.path().join("sub/.phraselint.yaml")).unwrap();
    std::os::unix::fs::symlink("gone.yaml", p.path().join("sub/.phraselint.yaml")).unwrap();
    let r = run_in(&p.path().join("sub"), &["check", "a.md"], None, None);
    assert_error(
        &r,
        ".phraselint.yaml: a symlink to a file that does not exist",
    );
}

#[test]
fn standard_input_over_max_filesize_is_an_error() {
    let p = Project::new();
    let text = b"Frontier enables access to GPT.\n"; // 32 bytes
    let at_limit = run_in(
        p.path(),
        &[
            "check",
            "--stdin",
            "--max-filesize",
            "32",
            "--format",
            "json",
        ],
        None,
        Some(text),
    );
    assert_eq!(at_limit.code, 1, "{}", at_limit.stderr);
    let over = run_in(
        p.path(),
        &["check", "--stdin", "--max-filesize", "31"],
        None,
        Some(text),
    );
    assert_error(
        &over,
        "<stdin>: standard input is larger than --max-filesize 31",
    );
    // 200 MB on standard input against the default limit (100M): refused
    // without holding it, under a 2 GB address-space limit.
    let huge = vec![b'a'; 200 << 20];
    let over = run_in(
        p.path(),
        &["check", "--stdin", "--stdin-filename", "in.md"],
        Some(2_000_000),
        Some(&huge),
    );
    assert_error(
        &over,
        "in.md: standard input is larger than --max-filesize 104857600",
    );
}

/// A git repository with one committed file, in `p`.
fn git_repo(p: &Project) {
    let git = |args: &[&str]| {
        sh(Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@t.invalid"])
            .args(args)
            .current_dir(p.path()));
    };
    git(&["init", "-q", "-b", "main"]);
    p.file("a.md", "Clean text.\n");
    git(&["add", "a.md"]);
    git(&["commit", "-q", "-m", "one"]);
}

#[test]
fn a_changed_since_that_is_an_option_is_refused_and_not_passed_to_git() {
    let p = Project::new();
    git_repo(&p);
    p.file("out.txt", "keep me\n");
    p.file("b.md", "Frontier calls on GPT.\n");
    for reference in ["--output=out.txt", "-p"] {
        let r = run(&p, &["check", &format!("--changed-since={reference}")]);
        assert_error(
            &r,
            &format!("--changed-since: `{reference}` is not a git revision: it starts with `-`"),
        );
        assert_eq!(
            std::fs::read_to_string(p.path().join("out.txt")).unwrap(),
            "keep me\n"
        );
    }
    // A good revision still works, with git's options ended before it.
    let r = run(
        &p,
        &["check", "--changed-since", "HEAD", "--format", "json"],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    let paths: Vec<String> = r.findings().into_iter().map(|f| f.path).collect();
    assert_eq!(paths, ["b.md"]);
}

#[test]
fn changed_since_does_not_follow_an_untracked_symlink_out_of_the_repository() {
    let outside = Project::new();
    outside.file("secret.md", "The secret enables access to GPT.\n");
    let p = Project::new();
    git_repo(&p);
    std::os::unix::fs::symlink(outside.path().join("secret.md"), p.path().join("link.md")).unwrap();
    p.file("b.md", "Frontier calls on GPT.\n");
    let r = run(
        &p,
        &["check", "--changed-since", "HEAD", "--format", "json"],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    let paths: Vec<String> = r.findings().into_iter().map(|f| f.path).collect();
    assert_eq!(paths, ["b.md"]);
    assert!(!r.stdout.contains("secret"), "{}", r.stdout);
    assert_eq!(r.json()["summary"]["files"], 1, "{}", r.stdout);
}

/// 2 GB of address space: the bombs below took 4.7 GB and more.
const LIMIT_KB: u64 = 2_000_000;

#[test]
fn a_term_bomb_is_refused_under_a_memory_limit_naming_the_list() {
    // 16 KB: `b` has 300 entries; each of `a`'s 800 entries is
    // `{b} xN {b}`, 90,000 phrases each, 72 million in all, in a list no
    // rule uses. Before the budget this aborted at 3.4 GB.
    let p = Project::new();
    let b: Vec<String> = (0..300).map(|i| format!("word{i:04}")).collect();
    let a: Vec<String> = (0..800).map(|i| format!("\"{{b}} x{i} {{b}}\"")).collect();
    let book = format!(
        "{BOOK}terms:\n  b: [{}]\n  a: [{}]\n",
        b.join(", "),
        a.join(", ")
    );
    assert!(book.len() < 20_000, "{}", book.len());
    p.file("bomb.yaml", book);
    p.file("a.md", "Frontier calls on GPT.\n");
    let r = run_in(
        p.path(),
        &["check", "--phrasebook", "bomb.yaml", "a.md"],
        Some(LIMIT_KB),
        None,
    );
    assert_error(
        &r,
        "bomb.yaml:10:3: term list `a` takes the book past 1000000 phrases with its term \
         lists expanded, the most one book may hold",
    );
}

#[test]
fn alias_bombs_in_a_book_and_a_config_are_refused_under_a_memory_limit() {
    // A 1 MB string anchored once and aliased 3,000 times: 3 GB expanded.
    let p = Project::new();
    let aliases = vec!["*s"; 3000].join(", ");
    let big = "a".repeat(1 << 20);
    p.file(
        "bomb.yaml",
        format!(
            "phrasebook: t\nversion: 1.0.0\nschema: 1\ndescription: &s {big}\n\
             rules:\n  - id: x\n    banned: [{aliases}]\n    message: m\n"
        ),
    );
    p.file("a.md", "Frontier calls on GPT.\n");
    let r = run_in(
        p.path(),
        &["check", "--phrasebook", "bomb.yaml", "a.md"],
        Some(LIMIT_KB),
        None,
    );
    assert_error(
        &r,
        "bomb.yaml:4:14: rules[0].banned[62]: aliases of `&s` make the document larger than \
         64 MiB once expanded, the most a file may grow to",
    );
    // The config: the same string in `front_matter_keys`.
    p.file(
        "bomb-config.yaml",
        format!("include: [&s {big}]\nfront_matter_keys: [{aliases}]\n"),
    );
    let r = run_in(
        p.path(),
        &["check", "--config", "bomb-config.yaml", "a.md"],
        Some(LIMIT_KB),
        None,
    );
    assert_error(
        &r,
        "bomb-config.yaml:1:11: front_matter_keys[62]: aliases of `&s` make the document \
         larger than 64 MiB once expanded, the most a file may grow to",
    );
}

/// A file that is not a phrasebook or a config, named as one by mistake
/// (`extends` of `.git-credentials`, `--config /etc/shadow`, a baseline
/// that is not JSON): one line, no line of its content, and of a value at
/// most a short excerpt — never the secret.
#[test]
fn errors_never_echo_a_file_that_is_not_a_phrasebook() {
    const SECRET: &str = "s3cr3t-token-0123456789abcdef";
    let p = Project::new();
    let credentials = format!("https://user:{SECRET}@github.com\n");
    p.file(".git-credentials", &credentials);
    p.file("shadow", format!("root:$6${SECRET}:19000:0:99999:7:::\n"));
    p.file("book.yaml", format!("{BOOK}extends: [.git-credentials]\n"));
    p.file("baseline.json", &credentials);
    p.file("a.md", "Frontier calls on GPT.\n");
    let not_a_book = "not a phrasebook: a YAML mapping with `phrasebook`, `version`, \
        `schema` and `rules` is expected";
    for (args, error) in [
        (
            vec!["check", "--phrasebook", "book.yaml", "a.md"],
            format!(".git-credentials:1:1: {not_a_book}"),
        ),
        (
            vec!["check", "--phrasebook", "shadow", "a.md"],
            format!("shadow:1:1: {not_a_book}"),
        ),
        (
            vec!["check", "--config", "shadow", "a.md"],
            "shadow:1:1: not a phraselint config: a YAML mapping of config keys is expected"
                .to_owned(),
        ),
    ] {
        let run = run(&p, &args);
        assert_error(&run, &error);
        assert!(!run.stdout.contains(SECRET) && !run.stderr.contains(SECRET));
    }
    // On a terminal (where a phrasebook's line is shown), still no line.
    let command = format!("{BIN} check --phrasebook shadow a.md");
    let out = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(p.path())
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{shown}");
    assert!(
        !shown.contains("s3cr3t") && !shown.contains("root:"),
        "{shown}"
    );
    // A baseline that is not JSON: serde_json's quoting is cut short.
    let run = run(&p, &["check", "--baseline", "baseline.json", "a.md"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!run.stderr.contains(SECRET), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}
