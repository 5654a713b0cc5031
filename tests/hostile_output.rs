//! Hostile inputs to output and writes (docs/reliability.md, "Output,
//! writes and scale"): a reader that goes away, destinations that are not
//! regular files, file names and text that try to forge lines or send
//! terminal escapes, and sizes that were quadratic or held everything in
//! memory. Each test builds its hostile input itself; each run is killed
//! after `HANG`, so a hang fails the test instead of stalling CI. Nothing
//! here asserts a time.

mod common;

use std::fs::File;
use std::io::{Read, Seek};
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{Project, run_bounded, wait_bounded};

/// Longer than this is a hang: the run is killed and the test fails.
const HANG: Duration = Duration::from_secs(180);

const BIN: &str = env!("CARGO_BIN_EXE_phraselint");

const FORMATS: [&str; 9] = [
    "human",
    "json",
    "compact",
    "sarif",
    "github",
    "gitlab",
    "lsp",
    "checkstyle",
    "html",
];

struct Out {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

impl Out {
    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
}

fn phraselint(p: &Project, args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    common::colour_unset(cmd.args(args).current_dir(p.path()));
    cmd
}

/// Waits for `child`, killing its process group after `HANG`.
fn wait(child: &mut std::process::Child, what: &str) -> std::process::ExitStatus {
    wait_bounded(child, what, HANG, |_| {})
}

/// Runs `cmd` with its output going to files (a full pipe cannot stall
/// it), bounded by `HANG`.
fn bounded(cmd: Command) -> Out {
    bounded_for(cmd, HANG)
}

/// Runs `cmd` as [`bounded`] does, killed after `limit`.
fn bounded_for(cmd: Command, limit: Duration) -> Out {
    let run = run_bounded(cmd, limit, |_| {});
    Out {
        code: run.code,
        stderr: String::from_utf8_lossy(&run.stderr).into_owned(),
        stdout: run.stdout,
    }
}

fn run(p: &Project, args: &[&str]) -> Out {
    bounded(phraselint(p, args))
}

/// `n` paragraphs, each one `partner-ai/calls-on` finding (an error).
fn many_findings(n: usize) -> String {
    "It calls on GPT.\n\n".repeat(n)
}

// ---------------------------------------------------------------------
// A reader that goes away.

/// `phraselint check … | head -1`: with the reader gone at once, or after
/// one line, every format still exits 1 for error findings, says nothing
/// about the pipe, and an error still wins (exit 2).
#[test]
fn a_closed_pipe_keeps_the_exit_code_in_every_format() {
    let p = Project::new();
    // Far more than a pipe's 64 KiB in every format.
    p.file("a.md", many_findings(3_000));
    for format in FORMATS {
        for read_first_line in [false, true] {
            let mut cmd = phraselint(&p, &["check", "--format", format, "a.md"]);
            cmd.stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .process_group(0);
            let mut child = cmd.spawn().unwrap();
            let mut stdout = child.stdout.take().unwrap();
            if read_first_line {
                let mut byte = [0u8; 1];
                while stdout.read(&mut byte).unwrap() == 1 && byte[0] != b'\n' {}
            }
            drop(stdout);
            let mut stderr = child.stderr.take().unwrap();
            let status = wait(&mut child, format);
            let mut said = String::new();
            stderr.read_to_string(&mut said).unwrap();
            assert_eq!(
                status.code(),
                Some(1),
                "{format} (first line read: {read_first_line}): {said}"
            );
            assert_eq!(said, "", "{format}");
        }
    }
    // An error (a missing file) wins over findings, pipe or not.
    let mut cmd = phraselint(&p, &["check", "--format", "compact", "a.md", "missing.md"]);
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: missing.md: no such file\n"
    );
}

// ---------------------------------------------------------------------
// Writes.

fn is_char_device(path: &Path) -> bool {
    std::fs::metadata(path)
        .unwrap()
        .file_type()
        .is_char_device()
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Refused, one line naming the destination, exit 2, destination untouched
/// and no temporary file left: a device, a symlink to one, a FIFO (never
/// opened: that would block), a folder, a dangling symlink; as a baseline
/// and as `--output-file`.
#[test]
fn writes_refuse_anything_but_a_regular_file() {
    let p = Project::new();
    p.file("a.md", "It calls on GPT.\n");
    std::fs::create_dir(p.path().join("out")).unwrap();
    std::os::unix::fs::symlink("/dev/null", p.path().join("out/null.json")).unwrap();
    std::os::unix::fs::symlink("nothing-here", p.path().join("out/dangling.json")).unwrap();
    std::fs::create_dir(p.path().join("out/folder.json")).unwrap();
    let fifo = p.path().join("out/fifo.json");
    common::sh(Command::new("mkfifo").arg(&fifo));
    let before = listing(&p.path().join("out"));
    for (dest, why) in [
        ("/dev/full", "not a regular file"),
        ("out/null.json", "not a regular file"),
        ("out/fifo.json", "not a regular file"),
        ("out/folder.json", "not a regular file"),
        (
            "out/dangling.json",
            "a symlink to nothing, not a regular file",
        ),
    ] {
        let out = run(&p, &["check", "--write-baseline", dest, "a.md"]);
        assert_eq!(out.code, 2, "{dest}: {}", out.stderr);
        assert_eq!(out.stderr, format!("error: {dest}: {why}\n"));
        assert_eq!(out.stdout(), "");
        // The human report still reaches the console; the file is refused.
        let out = run(&p, &["check", "--output-file", dest, "a.md"]);
        assert_eq!(out.code, 2, "{dest}: {}", out.stderr);
        assert_eq!(out.stderr, format!("error: {dest}: {why}\n"));
        assert!(out.stdout().starts_with("[partner-ai/calls-on] Error:"));
    }
    assert!(is_char_device(Path::new("/dev/full")));
    assert!(is_char_device(Path::new("/dev/null")));
    assert_eq!(listing(&p.path().join("out")), before);
    let kind = |name: &str| {
        std::fs::symlink_metadata(p.path().join(name))
            .unwrap()
            .file_type()
    };
    assert!(kind("out/null.json").is_symlink());
    assert!(kind("out/dangling.json").is_symlink());
    assert!(kind("out/fifo.json").is_fifo());
    assert!(kind("out/folder.json").is_dir());

    // `init --force` writes the same way.
    std::fs::create_dir(p.path().join("init")).unwrap();
    std::os::unix::fs::symlink("/dev/null", p.path().join("init/.phraselint.yaml")).unwrap();
    let mut init = phraselint(&p, &["init", "--force"]);
    init.current_dir(p.path().join("init"));
    let init = bounded(init);
    assert_eq!(init.code, 2, "{}", init.stderr);
    assert_eq!(init.stderr, "error: .phraselint.yaml: not a regular file\n");
    assert!(is_char_device(Path::new("/dev/null")));
}

/// A symlink to a regular file: its target is replaced, the symlink stays.
/// The temporary file has a random name opened with `O_EXCL`: symlinks
/// planted at every name the old scheme (`.NAME.PID.tmp`) could pick for
/// the next few thousand processes redirect nothing, and no temporary file
/// is left behind.
#[test]
fn writes_replace_a_symlinks_target_and_ignore_planted_temp_names() {
    let p = Project::new();
    p.file("a.md", "It calls on GPT.\n");
    let victim = p.file("outside/victim.txt", "victim\n");
    let real = p.file("store/real.json", "{}\n");
    std::fs::create_dir(p.path().join("base")).unwrap();
    std::os::unix::fs::symlink(&real, p.path().join("base/link.json")).unwrap();
    let me = std::process::id();
    for pid in me..me + 3_000 {
        for name in ["baseline.json", "link.json"] {
            let _ = std::os::unix::fs::symlink(
                &victim,
                p.path().join(format!("base/.{name}.{pid}.tmp")),
            );
        }
    }
    let planted = listing(&p.path().join("base"));
    for dest in ["base/baseline.json", "base/link.json"] {
        let out = run(&p, &["check", "--write-baseline", dest, "a.md"]);
        assert_eq!(out.code, 0, "{dest}: {}", out.stderr);
    }
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "victim\n");
    let mut expected = planted.clone();
    expected.push("baseline.json".into());
    expected.sort();
    assert_eq!(listing(&p.path().join("base")), expected);
    assert_eq!(listing(&p.path().join("store")), vec!["real.json"]);
    assert!(
        std::fs::symlink_metadata(p.path().join("base/link.json"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&real).unwrap()).unwrap();
    assert_eq!(saved["findings"][0]["rule"], "partner-ai/calls-on");
}

/// `--baseline-prune` keeps the baseline's permission mode.
#[test]
fn prune_keeps_the_files_mode() {
    let p = Project::new();
    p.file("a.md", "It calls on GPT.\n\nUnlimited seats.\n");
    let out = run(&p, &["check", "--write-baseline", "base.json", "a.md"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let base = p.path().join("base.json");
    std::fs::set_permissions(&base, std::fs::Permissions::from_mode(0o640)).unwrap();
    p.file("a.md", "Unlimited seats.\n");
    let out = run(
        &p,
        &[
            "check",
            "--baseline",
            "base.json",
            "--baseline-prune",
            "a.md",
        ],
    );
    assert_eq!(
        out.stderr,
        "pruned 1 stale entries from the baseline base.json\n"
    );
    let mode = std::fs::metadata(&base).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode, 0o640);
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&base).unwrap()).unwrap();
    assert_eq!(saved["findings"].as_array().unwrap().len(), 1);
    assert_eq!(listing(p.path()), vec!["a.md", "base.json"]);
}

// ---------------------------------------------------------------------
// Baselines at scale.

/// 100,000 stale entries are pruned (this took 46 s when each was looked
/// up in a list; the hang guard is the only clock here).
#[test]
fn prune_of_100000_stale_entries_finishes() {
    let p = Project::new();
    p.file("a.md", "Fine.\n");
    let entries: Vec<serde_json::Value> = (0..100_000)
        .map(|i| {
            serde_json::json!({
                "fingerprint": format!("{i:032x}"),
                "path": "a.md",
                "rule": "partner-ai/calls-on",
                "line": i + 1,
                "matched": "calls on",
            })
        })
        .collect();
    let doc = serde_json::json!({ "version": 1, "findings": entries });
    p.file("base.json", serde_json::to_string(&doc).unwrap());
    let out = run(
        &p,
        &[
            "check",
            "--baseline",
            "base.json",
            "--baseline-prune",
            "a.md",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "pruned 100000 stale entries from the baseline base.json\n"
    );
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(p.path().join("base.json")).unwrap())
            .unwrap();
    assert_eq!(saved["findings"], serde_json::json!([]));
}

// ---------------------------------------------------------------------
// Forged lines and terminal escapes.

/// A file named `a\nb.md`, one named with an escape sequence, and text with
/// escape sequences: compact keeps one line a finding, no format that
/// writes lines or a terminal passes an ESC byte, checkstyle writes the
/// newline as a character reference and still parses.
#[test]
fn file_names_and_text_cannot_forge_lines_or_send_escapes() {
    let p = Project::new();
    p.file("docs/a\nb.md", "It calls on GPT.\n");
    p.file("docs/\x1b[31mred.md", "It calls on GPT.\n");
    p.file(
        "docs/text.md",
        "It calls on GPT \x1b[2J\x1b]0;owned\x07 now \u{9b}31m \u{2028} done.\n",
    );
    let compact = run(&p, &["check", "--format", "compact", "docs"]);
    assert_eq!(compact.code, 1, "{}", compact.stderr);
    let text = compact.stdout();
    assert_eq!(text.lines().count(), 3, "{text}");
    assert!(!compact.stdout.contains(&0x1b), "{text}");
    assert_eq!(
        text,
        "docs/\\x1b[31mred.md:1:4: error partner-ai/calls-on Don't say the product calls on partner models; say it is powered by them.\n\
         docs/a\\nb.md:1:4: error partner-ai/calls-on Don't say the product calls on partner models; say it is powered by them.\n\
         docs/text.md:1:4: error partner-ai/calls-on Don't say the product calls on partner models; say it is powered by them.\n"
            .replace("         ", ""),
    );
    for format in ["human", "github"] {
        let out = run(
            &p,
            &["check", "--format", format, "--color", "never", "docs"],
        );
        assert_eq!(out.code, 1, "{format}: {}", out.stderr);
        let shown = out.stdout();
        for byte in [0x1b, 0x07] {
            assert!(!out.stdout.contains(&byte), "{format}: {shown}");
        }
        assert!(!shown.contains(['\u{9b}', '\u{2028}']), "{format}: {shown}");
        assert!(shown.contains("\\x1b[31mred.md"), "{format}: {shown}");
        assert!(shown.contains("a\\nb.md"), "{format}: {shown}");
    }
    let github = run(&p, &["check", "--format", "github", "docs"]);
    assert_eq!(github.stdout().lines().count(), 3);

    // Checkstyle: the newline as `&#10;`, and the XML parses back to it.
    let checkstyle = run(&p, &["check", "--format", "checkstyle", "docs"]);
    let xml = checkstyle.stdout();
    assert!(xml.contains("name=\"docs/a&#10;b.md\""), "{xml}");
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut names = Vec::new();
    loop {
        match reader.read_event().expect("checkstyle parses") {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) if e.name().0 == "file" => {
                let name = e
                    .try_get_attribute("name")
                    .unwrap()
                    .unwrap()
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .unwrap()
                    .into_owned();
                names.push(name);
            }
            _ => {}
        }
    }
    assert!(names.contains(&"docs/a\nb.md".to_owned()), "{names:?}");

    // Standard error: a missing file and a skipped FIFO named with escapes.
    let fifo = p.path().join("\x1b[2Jpipe.md");
    common::sh(Command::new("mkfifo").arg(&fifo));
    let out = run(&p, &["check", "missing\x1b[31m\n.md", "\x1b[2Jpipe.md"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "note: skipped \\x1b[2Jpipe.md: not a regular file\nerror: missing\\x1b[31m\\n.md: no such file\n"
    );
}

// ---------------------------------------------------------------------
// Sizes that were quadratic.

fn book(name: &str, rules: usize, message: &str) -> String {
    let mut yaml = format!("phrasebook: {name}\nversion: 1.0.0\nschema: 1\nrules:\n");
    for i in 0..rules {
        yaml.push_str(&format!(
            "  - id: r{i}\n    banned: [word{i} thing]\n    message: {message} {i}.\n"
        ));
    }
    yaml
}

/// `phrasebook diff` of two 80,000-rule books (60 s when each rule was
/// searched for in a list) finishes, and says what changed.
#[test]
fn diff_of_two_80000_rule_books_finishes() {
    let p = Project::new();
    p.file("old.yaml", book("big", 80_000, "Old"));
    p.file(
        "new.yaml",
        book("big", 80_000, "New").replace("version: 1.0.0", "version: 2.0.0"),
    );
    let out = run(&p, &["phrasebook", "diff", "old.yaml", "new.yaml"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = out.stdout();
    assert_eq!(text.lines().count(), 1 + 2 * 80_000, "{}", &text[..200]);
    assert!(text.contains("~ rule big/r79999\n    message: \"Old 79999.\" → \"New 79999.\"\n"));
}

/// 2,000 rules with `paths` over 2,000 files: one glob-set match per file
/// (each rule's globs were matched per file before). The rule for each
/// file's folder, and only it, applies.
#[test]
fn rule_paths_over_many_files_finish() {
    let p = Project::new();
    let mut yaml = "phrasebook: scoped\nversion: 1.0.0\nschema: 1\nrules:\n".to_owned();
    for i in 0..2_000 {
        yaml.push_str(&format!(
            "  - id: r{i}\n    banned: [shared phrase]\n    paths: [\"d{i}/**\", \"./d{i}/*.txt\"]\n    message: Scoped {i}.\n"
        ));
    }
    p.file("scoped.yaml", yaml);
    for i in 0..2_000 {
        p.file(&format!("d{i}/f.md"), "A shared phrase.\n");
    }
    let out = run(
        &p,
        &[
            "check",
            "--phrasebook",
            "scoped.yaml",
            "--format",
            "compact",
            ".",
        ],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    let text = out.stdout();
    assert_eq!(text.lines().count(), 2_000);
    for line in text.lines() {
        let (path, rest) = line.split_once(':').unwrap();
        let folder = path.trim_start_matches("./").strip_suffix("/f.md").unwrap();
        let rule = format!("scoped/r{}", &folder[1..]);
        assert!(rest.contains(&format!(" {rule} ")), "{line}");
    }
}

// ---------------------------------------------------------------------
// Memory.

/// 250,000 findings in JSON and SARIF, under a 640 MiB address-space limit
/// (`ulimit -v`; one thread and two malloc arenas, since each arena reserves
/// address space). Building one JSON value for all of them took 2.9 GB
/// (JSON) and 5.4 GB (SARIF) at 500,000, about 1.5 and 2.7 GB at this size;
/// they are streamed now, and a million findings peak at about 560 MB
/// (docs/reliability.md). A quarter of a million keeps the debug build's
/// run short in CI while the old way still could not fit. SARIF writes the
/// 25,000 GitHub takes, and says so.
#[test]
fn many_findings_stream_under_a_memory_limit() {
    let p = Project::new();
    p.file("big.md", many_findings(250_000));
    for format in ["json", "sarif"] {
        let script = format!(
            "ulimit -v {}; exec \"$0\" check -j1 --format {format} big.md > out.{format}",
            640 * 1024
        );
        let mut cmd = Command::new("sh");
        cmd.args(["-c", &script, BIN])
            .current_dir(p.path())
            .env("MALLOC_ARENA_MAX", "2");
        let out = bounded_for(cmd, Duration::from_secs(600));
        assert_eq!(out.code, 1, "{format}: {}", out.stderr);
        let note = match format {
            "sarif" => {
                "note: 225000 of 250000 results left out (225000 errors): GitHub code scanning takes at most 25000 a run; errors are kept first, then warnings, notes and suppressed findings, each in path order; --format json lists every finding\n"
            }
            _ => "",
        };
        assert_eq!(out.stderr, note, "{format}");
        // The end of the document is there: the whole report was written.
        let mut tail = String::new();
        let mut f = File::open(p.path().join(format!("out.{format}"))).unwrap();
        let len = f.metadata().unwrap().len();
        f.seek(std::io::SeekFrom::Start(len - 200)).unwrap();
        f.read_to_string(&mut tail).unwrap();
        assert!(tail.ends_with("}\n"), "{format}: {tail}");
    }
    let mut f = File::open(p.path().join("out.json")).unwrap();
    let mut head = vec![0u8; 4096];
    f.read_exact(&mut head).unwrap();
    assert!(
        String::from_utf8_lossy(&head).starts_with("{\n  \"errors\": [],\n  \"findings\": [\n")
    );
}
