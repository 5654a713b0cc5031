//! Bad input, with the behaviour a user sees: binary and oddly encoded
//! files, every kind of line break in every format, huge files and lines,
//! pathological Markdown, HTML and MDX, files that vanish or cannot be read,
//! pipes, devices and symlink loops, and file names that are not UTF-8.
//!
//! Every run is killed after `HANG` (a hang fails the test instead of
//! stalling the suite). Linear time is checked as ratios between inputs of
//! size n, 2n and 4n, never as absolute times.

mod common;

use std::ffi::OsStr;
use std::fs::{File, Permissions};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::process::Command;
use std::time::Duration;

use common::{Found, Project, Run, offset_of, run_bounded};
use serde_json::Value;

const ENABLES: &str = "partner-ai/enables-access";
const CALLS_ON: &str = "partner-ai/calls-on";
const UNLIMITED: &str = "claims/unlimited";

/// Longer than this is a hang: the run is killed and the test fails.
const HANG: Duration = Duration::from_secs(20);

/// phraselint with `args` in the project folder, behind `wrapper` (such as
/// `setpriv …` or `/usr/bin/time …`) when there is one.
fn command(p: &Project, wrapper: &[&str], args: &[&str]) -> Command {
    let bin = env!("CARGO_BIN_EXE_phraselint");
    let mut cmd = match wrapper.split_first() {
        Some((program, rest)) => {
            let mut cmd = Command::new(program);
            cmd.args(rest).arg(bin);
            cmd
        }
        None => Command::new(bin),
    };
    common::colour_unset(cmd.args(args).current_dir(p.path()));
    cmd
}

/// Runs `cmd` bounded by `HANG`, calling `tick` with its pid while it runs;
/// returns the run and its wall-clock time.
fn bounded_with(cmd: Command, tick: impl FnMut(u32)) -> (Run, Duration) {
    let bounded = run_bounded(cmd, HANG, tick);
    (bounded.run(), bounded.took)
}

fn bounded(cmd: Command) -> (Run, Duration) {
    bounded_with(cmd, |_| {})
}

/// `phraselint check ARGS`, bounded.
fn check(p: &Project, args: &[&str]) -> Run {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    bounded(command(p, &[], &all)).0
}

/// `(rule, start offset, end offset, start line, start column, end line,
/// end column)` of every finding of a JSON report.
type Span = (String, u64, u64, u64, u64, u64, u64);

fn spans(run: &Run) -> Vec<Span> {
    run.json()["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("no findings in {}", run.stdout))
        .iter()
        .map(|f| {
            let n = |v: &Value| v.as_u64().unwrap();
            (
                f["rule"].as_str().unwrap().to_owned(),
                n(&f["start"]["offset"]),
                n(&f["end"]["offset"]),
                n(&f["start"]["line"]),
                n(&f["start"]["column"]),
                n(&f["end"]["line"]),
                n(&f["end"]["column"]),
            )
        })
        .collect()
}

/// A finding on one line, where every character before it on that line
/// takes one byte: `len` bytes at `offset`, the line starting at
/// `line_start`.
fn ascii(rule: &str, offset: u64, len: u64, line: u64, line_start: u64) -> Span {
    let column = offset - line_start + 1;
    (
        rule.to_owned(),
        offset,
        offset + len,
        line,
        column,
        line,
        column + len,
    )
}

/// The (line, column) a human report's snippets start at: `╭─[ path:L:C ]`.
fn human_positions(run: &Run) -> Vec<(u64, u64)> {
    run.stdout
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("╭─[ "))
        .map(|l| {
            let place = l.trim_end_matches(" ]");
            let mut parts = place.rsplitn(3, ':');
            let column = parts.next().unwrap().parse().unwrap();
            let line = parts.next().unwrap().parse().unwrap();
            (line, column)
        })
        .collect()
}

/// Times `check --format json` on inputs of size n, 2n and 4n made by
/// `make` (file name and bytes), after `expect` has checked each report;
/// fails unless doubling and quadrupling the input cost no more than about
/// that much time. Times under `FLOOR` count as `FLOOR` (start-up and noise,
/// not work); a size that takes longer runs twice and its faster run counts.
/// The limits leave room for a busy machine, not for quadratic time.
fn assert_linear(
    what: &str,
    n: usize,
    make: impl Fn(usize) -> (String, Vec<u8>),
    expect: impl Fn(usize, &[u8], &Run),
) {
    assert_linear_in(&Project::new(), what, n, make, expect);
}

/// A project whose config loads one book, `t`, with these `rules:`.
fn project_with_rules(rules: &str) -> Project {
    let p = Project::new();
    p.file(".phraselint.yaml", "phrasebooks: [book.yaml]\n");
    p.file(
        "book.yaml",
        format!("phrasebook: t\nversion: 1.0.0\nschema: 1\nrules:\n{rules}"),
    );
    p
}

/// [`assert_linear`] in project `p` (with its own config and books).
fn assert_linear_in(
    p: &Project,
    what: &str,
    n: usize,
    make: impl Fn(usize) -> (String, Vec<u8>),
    expect: impl Fn(usize, &[u8], &Run),
) {
    const FLOOR: Duration = Duration::from_millis(150);
    let mut times = Vec::new();
    for size in [n, 2 * n, 4 * n] {
        let (name, bytes) = make(size);
        p.file(&name, &bytes);
        let json = || bounded(command(p, &[], &["check", "--format", "json", &name]));
        let (run, mut took) = json();
        expect(size, &bytes, &run);
        if took > FLOOR {
            took = took.min(json().1);
        }
        times.push(took.max(FLOOR));
        std::fs::remove_file(p.path().join(&name)).unwrap();
    }
    let ratio = |t: Duration| t.as_secs_f64() / times[0].as_secs_f64();
    assert!(
        ratio(times[1]) < 5.0 && ratio(times[2]) < 10.0,
        "{what}: not linear: {times:?} for n = {n}, 2n, 4n"
    );
}

/// A finding of `len` bytes at `offset` of ASCII `text` with `\n` line ends.
fn ascii_in(text: &[u8], rule: &str, offset: u64, len: u64) -> Span {
    let before = &text[..offset as usize];
    let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    ascii(rule, offset, len, line, line_start as u64)
}

// ---------------------------------------------------------------------------
// Binary files and encodings

#[test]
fn nul_bytes_early_or_past_the_first_64_kib_make_a_file_binary_skipped_and_counted() {
    let p = Project::new();
    p.file("early.md", b"It enables\x00 access to GPT.\n");
    let mut late = b"It calls on GPT.\n".to_vec();
    late.resize(64 * 1024 + 100, b'x');
    late.extend_from_slice(b"\x00 It is unlimited.\n");
    p.file("late.txt", &late);
    p.file("text.md", "It calls on GPT.\n");
    let run = check(&p, &["--format", "json", "."]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stderr, "", "a binary file is skipped without a note");
    assert_eq!(
        run.findings(),
        vec![Found {
            path: "text.md".into(),
            rule: CALLS_ON.into(),
            start: 3,
            end: 11,
            line: 1,
            column: 4
        }]
    );
    let summary = &run.json()["summary"];
    assert_eq!(
        (&summary["files"], &summary["skipped"]),
        (&1.into(), &2.into())
    );

    let human = check(&p, &["--color", "never", "--quiet", "early.md", "late.txt"]);
    assert_eq!((human.code, human.stdout.as_str()), (0, ""));
    let human = check(&p, &["--color", "never", "early.md", "late.txt"]);
    assert!(
        human.stdout.starts_with(
            "No problems found in 0 files checked, 2 skipped (binary, too large or not a regular file).\n"
        ),
        "{}",
        human.stdout
    );
}

#[test]
fn invalid_utf8_is_checked_with_offsets_in_the_original_bytes() {
    let p = Project::new();
    // A Latin-1 é, a lone continuation byte, a truncated 3-byte sequence, a
    // truncated 4-byte one before a line end, and a truncated 2-byte one at
    // the very end of the file. Each invalid byte is one non-word character.
    let text: &[u8] =
        b"caf\xe9 \xbf\xbf It enables access to GPT.\n\xe2\x82 It calls on GPT \xf0\x9f\x98\nIt enables\xa0access to GPT, unlimited\xc3";
    p.file("a.txt", text);
    let run = check(&p, &["--format", "json", "a.txt"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let line3 = offset_of(text, "It enables", 1);
    let enables = offset_of(text, "enables access", 0);
    let calls = offset_of(text, "calls on", 0);
    let unlimited = offset_of(text, "unlimited", 0);
    assert_eq!(
        spans(&run),
        vec![
            // `caf` é space 2×invalid space `It `: 11 characters before.
            (ENABLES.into(), enables, enables + 14, 1, 12, 1, 26),
            // Two invalid bytes, two columns.
            (CALLS_ON.into(), calls, calls + 8, 2, 7, 2, 15),
            // `enables\xA0access`: an invalid byte is no space (in Latin-1
            // it would be a no-break space), so that phrase does not match.
            ascii(UNLIMITED, unlimited, 9, 3, line3),
        ]
    );
    // LSP counts each invalid byte's replacement character as one unit.
    let lsp = check(&p, &["--format", "lsp", "a.txt"]);
    let ranges: Vec<Value> = serde_json::from_str::<Value>(&lsp.stdout).unwrap()["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["range"].clone())
        .collect();
    assert_eq!(
        ranges,
        vec![
            serde_json::json!({"start": {"line": 0, "character": 11}, "end": {"line": 0, "character": 25}}),
            serde_json::json!({"start": {"line": 1, "character": 6}, "end": {"line": 1, "character": 14}}),
            serde_json::json!({"start": {"line": 2, "character": 26}, "end": {"line": 2, "character": 35}}),
        ]
    );
}

/// UTF-16 with a byte-order mark, big- or little-endian.
fn utf16(units: &[u16], big_endian: bool) -> Vec<u8> {
    let mut bytes = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for u in units {
        bytes.extend(if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    bytes
}

#[test]
fn utf16_with_a_bom_is_checked_with_offsets_in_the_original_bytes() {
    let p = Project::new();
    // Offsets are bytes of the UTF-16 file: the BOM's 2, then 2 for each
    // code unit (4 for 😀, a surrogate pair); columns count characters, and
    // LSP characters count UTF-16 code units. A lone surrogate reads as one
    // replacement character (a non-word character of one unit).
    let line1 = "😀 Ünï: it enables access to GPT.\r\n";
    let mut units: Vec<u16> = line1.encode_utf16().collect();
    units.push(0xD800);
    units.extend(" then it calls on GPT.\n# unlimited".encode_utf16());
    for (name, big_endian) in [("le.txt", false), ("be.md", true)] {
        let mut bytes = utf16(&units, big_endian);
        if big_endian {
            // A dangling odd byte at the end is half a code unit: one
            // replacement character after the last finding.
            bytes.push(b'!');
        }
        p.file(name, &bytes);
        let run = check(&p, &["--format", "json", name]);
        assert_eq!(run.code, 1, "{name}: {}", run.stderr);
        let at = |units_before: usize| 2 + 2 * units_before as u64;
        let calls = line1.encode_utf16().count() + 1 + " then it ".len();
        let unlimited = calls + "calls on GPT.\n# ".len();
        assert_eq!(
            spans(&run),
            vec![
                (ENABLES.into(), at(11), at(25), 1, 11, 1, 25),
                (CALLS_ON.into(), at(calls), at(calls + 8), 2, 11, 2, 19),
                (
                    UNLIMITED.into(),
                    at(unlimited),
                    at(unlimited + 9),
                    3,
                    3,
                    3,
                    12
                ),
            ],
            "{name}"
        );
        let lsp: Value =
            serde_json::from_str(&check(&p, &["--format", "lsp", name]).stdout).unwrap();
        assert_eq!(
            lsp["diagnostics"][0]["range"]["start"],
            serde_json::json!({"line": 0, "character": 11}),
            "{name}: 😀 is two UTF-16 units"
        );
        let human = check(&p, &["--color", "never", name]);
        assert_eq!(
            human_positions(&human),
            vec![(1, 11), (2, 11), (3, 3)],
            "{name}"
        );
    }
}

#[test]
fn a_utf8_bom_shifts_offsets_by_three_bytes_and_changes_nothing_else() {
    // The same files with and without a BOM, under the same names in two
    // folders: every format reports the same, except JSON offsets.
    let files = [
        (
            "a.md",
            "---\ntitle: It enables access to GPT\n---\n\n# 😀 Unlimited\r\n\nIt calls on\r\nGPT.\n",
        ),
        (
            "b.html",
            "<!DOCTYPE html><title>Unlimited</title><p>😀 It calls&nbsp;on GPT.</p>\n",
        ),
        (
            "c.txt",
            "# phraselint-disable-next-line\nIt calls on GPT.\n😀 It is unlimited.\n",
        ),
    ];
    let [plain, bom] = [Project::new(), Project::new()];
    for (name, text) in files {
        plain.file(name, text);
        bom.file(name, [b"\xEF\xBB\xBF", text.as_bytes()].concat());
    }
    // Three in a.md, two in b.html, one in c.txt (whose first line, after
    // the BOM, still silences the second).
    let json = check(&plain, &["--format", "json"]);
    assert_eq!(json.findings().len(), 6, "{}", json.stdout);
    let shifted: Vec<Span> = spans(&json)
        .into_iter()
        .map(|(rule, s, e, l, c, el, ec)| (rule, s + 3, e + 3, l, c, el, ec))
        .collect();
    assert_eq!(spans(&check(&bom, &["--format", "json"])), shifted);
    let matched = |run: &Run| -> Vec<Value> {
        let findings = run.json()["findings"].clone();
        findings
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["matched"].clone())
            .collect()
    };
    assert_eq!(matched(&check(&bom, &["--format", "json"])), matched(&json));
    for format in [
        "compact",
        "sarif",
        "github",
        "gitlab",
        "lsp",
        "checkstyle",
        "human",
    ] {
        let [plain, bom] = [&plain, &bom].map(|p| {
            let run = check(p, &["--format", format, "--color", "never"]);
            // LSP and SARIF name the folder.
            run.stdout.replace(p.path().to_str().unwrap(), "DIR")
        });
        assert_eq!(bom, plain, "{format}");
    }
}

// ---------------------------------------------------------------------------
// Line breaks: one line and column in every format

#[test]
fn crlf_lone_cr_form_feed_and_unicode_separators_give_one_line_and_column_in_every_format() {
    let p = Project::new();
    // Lines end at `\n`, `\r\n` and a lone `\r` (as in LSP, ripgrep and
    // editors); a form feed, a vertical tab, NEL, U+2028 and U+2029 are
    // whitespace inside a line, one column each, and a space in a phrase
    // matches them.
    let text = "Intro\x0cline. Then\u{2028}it enables\u{2028}access to GPT.\r\nNext\rline:\x0b it is unlimited.\u{2029}Also\u{85}it calls on GPT.\n";
    p.file("a.txt", text);
    p.file("b.md", text);
    // Byte offsets: U+2028 and U+2029 take 3 bytes, NEL 2.
    let expected = [
        (22, 38, (1, 21), (1, 35)),
        (66, 75, (3, 14), (3, 23)),
        (88, 96, (3, 33), (3, 41)),
    ];
    assert_eq!(&text[22..38], "enables\u{2028}access");
    let run = check(&p, &["--format", "json", "a.txt"]);
    let rules = [ENABLES, UNLIMITED, CALLS_ON];
    let want: Vec<Span> = expected
        .iter()
        .zip(rules)
        .map(|(&(s, e, (l, c), (el, ec)), rule)| (rule.to_owned(), s, e, l, c, el, ec))
        .collect();
    assert_eq!(spans(&run), want);
    // Every format says the same lines and columns, each in its notation
    // (0-based and UTF-16 in LSP, lines only in GitLab, start only in
    // compact, checkstyle and human), for both files; control characters
    // are shown escaped. The snapshot was checked against `expected` above.
    let mut shown = String::new();
    for format in [
        "json",
        "compact",
        "sarif",
        "github",
        "gitlab",
        "lsp",
        "checkstyle",
        "human",
    ] {
        let run = check(
            &p,
            &["--format", format, "--color", "never", "a.txt", "b.md"],
        );
        assert_eq!(run.code, 1, "{format}: {}", run.stderr);
        let mut out = run.stdout.replace(p.path().to_str().unwrap(), "[DIR]");
        if format == "sarif" {
            // Only the results: the rest is every rule's help text.
            out = format!("{:#}", run.json()["runs"][0]["results"]);
        }
        let visible: String = out
            .chars()
            .map(|c| match c {
                '\n' => c.to_string(),
                c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') => {
                    c.escape_unicode().to_string()
                }
                c => c.to_string(),
            })
            .collect();
        shown.push_str(&format!("--- {format}\n{visible}\n"));
    }
    insta::assert_snapshot!("line_breaks_in_every_format", shown);
}

// ---------------------------------------------------------------------------
// Size

#[test]
fn files_over_the_default_max_filesize_are_skipped_with_a_note_and_at_it_are_read() {
    let p = Project::new();
    const LIMIT: u64 = 100 << 20;
    // Sparse files: nothing is written, and the one over the limit is never
    // read. The one at the limit is read (all NULs: binary, no note).
    File::create(p.path().join("huge.md"))
        .unwrap()
        .set_len(LIMIT + 1)
        .unwrap();
    File::create(p.path().join("at-limit.txt"))
        .unwrap()
        .set_len(LIMIT)
        .unwrap();
    p.file("small.md", "It calls on GPT.\n");
    let run = check(
        &p,
        &["--format", "json", "huge.md", "at-limit.txt", "small.md"],
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "note: skipped huge.md: 104857601 bytes is larger than --max-filesize 104857600\n"
    );
    assert_eq!(
        run.findings(),
        vec![Found {
            path: "small.md".into(),
            rule: CALLS_ON.into(),
            start: 3,
            end: 11,
            line: 1,
            column: 4
        }]
    );
    let summary = &run.json()["summary"];
    assert_eq!(
        (&summary["files"], &summary["skipped"]),
        (&1.into(), &2.into())
    );
}

/// One line of prose of exactly `size` bytes: a finding at its start, in
/// its middle and at its very end.
fn long_line(size: usize) -> Vec<u8> {
    const FILLER: &str = "Frontier is fast and it gives you great models for all of us. ";
    let (head, middle, tail) = (
        "It enables access to GPT. ",
        "It calls on GPT. ",
        "It is unlimited",
    );
    let fill = |n: usize| FILLER.repeat(n / FILLER.len() + 1)[..n].to_owned();
    let room = size - head.len() - middle.len() - tail.len();
    let line = [head, &fill(room / 2), middle, &fill(room - room / 2), tail].concat();
    assert_eq!(line.len(), size);
    line.into_bytes()
}

#[test]
fn a_long_single_line_at_the_size_limit_takes_linear_time_and_memory() {
    let p = Project::new();
    const MB: usize = 1 << 20;
    let mut runs = Vec::new();
    for size in [2 * MB, 4 * MB, 8 * MB] {
        let line = long_line(size);
        p.file("line.txt", &line);
        let rss = p.path().join("rss");
        // Each is exactly at the limit it is given, so it is read.
        let limit = format!("{}M", size / MB);
        let cmd = command(
            &p,
            &["/usr/bin/time", "-f", "%M", "-o", rss.to_str().unwrap()],
            &[
                "check",
                "--format",
                "json",
                "--max-filesize",
                &limit,
                "line.txt",
            ],
        );
        let (run, took) = bounded(cmd);
        assert_eq!(run.code, 1, "{}", run.stderr);
        let calls = offset_of(&line, "calls on", 0);
        let end = size as u64;
        assert_eq!(
            spans(&run),
            vec![
                ascii(ENABLES, 3, 14, 1, 0),
                ascii(CALLS_ON, calls, 8, 1, 0),
                ascii(UNLIMITED, end - 9, 9, 1, 0),
            ]
        );
        // GNU time puts "Command exited with non-zero status 1" first.
        let rss = std::fs::read_to_string(&rss).unwrap();
        let kb: u64 = rss.lines().last().unwrap().parse().unwrap();
        runs.push((took, kb << 10));
    }
    let [(t1, m1), (t2, m2), (t4, m4)] = runs[..] else {
        unreachable!()
    };
    let floor = Duration::from_millis(150);
    let ratio = |t: Duration| t.as_secs_f64() / t1.max(floor).as_secs_f64();
    assert!(
        ratio(t2) < 5.0 && ratio(t4) < 10.0,
        "not linear: {t1:?} {t2:?} {t4:?}"
    );
    // Memory grows with the line, by a bounded number of bytes per byte
    // (the text, its folded copy and a map back from it: about 10).
    let per_byte = (m4 - m1) as f64 / (6 * MB) as f64;
    assert!(
        m2 > m1 && m4 > m2 && per_byte < 24.0,
        "memory: {m1} {m2} {m4}"
    );
}

#[test]
fn findings_on_one_line_without_spaces_take_linear_time() {
    // Quadratic before: each finding's fingerprint walked back over the
    // whole run for three spaces (5,000 findings took 20 s).
    assert_linear(
        "unlimited,unlimited,…",
        1_250,
        |n| ("a.txt".into(), "unlimited,".repeat(n).into_bytes()),
        |n, _, run| {
            let found = run.findings();
            assert_eq!(found.len(), n);
            assert_eq!(found[n - 1].column, 10 * (n as u64 - 1) + 1);
        },
    );
}

#[test]
fn overlapping_findings_on_one_long_line_take_linear_time() {
    // Quadratic before: the second of two overlapping findings had its
    // column counted again from the start of the line (4,000 sentences took
    // 7 s).
    let sentence = "We offer direct access to GPT. ";
    assert_linear(
        "overlapping findings",
        1_000,
        |n| ("a.txt".into(), sentence.repeat(n).into_bytes()),
        |n, text, run| {
            let found = run.findings();
            assert_eq!(found.len(), 2 * n);
            let last = offset_of(text, "direct", n - 1);
            assert_eq!(
                (found[2 * n - 1].start, found[2 * n - 1].column),
                (last, last + 1)
            );
        },
    );
}

#[test]
fn gapped_phrases_over_repeats_of_their_parts_take_linear_time() {
    // Every `enables` starts a look-ahead, and each of the two-gap rule's
    // parts has up to four candidates in it: still at most `gap` + 1 words
    // each, never the rest of the sentence.
    let p = project_with_rules(
        "  - id: a\n    banned: [enables ... access]\n    message: m\n  \
         - id: b\n    banned: [enables ... enables ... enables]\n    message: m\n",
    );
    assert_linear_in(
        &p,
        "enables enables … access",
        25_000,
        |n| {
            (
                "a.txt".into(),
                format!("{}access.", "enables ".repeat(n)).into_bytes(),
            )
        },
        |n, _, run| {
            let found = run.findings();
            let a: Vec<&Found> = found.iter().filter(|f| f.rule == "t/a").collect();
            // Three gap words at most: the match starts four words back.
            assert_eq!((a.len(), a[0].start), (1, 8 * (n as u64 - 4)));
            // The nearest `enables` each time; overlapping matches once.
            let b = found.iter().filter(|f| f.rule == "t/b").count();
            assert_eq!(b, (n - 3) / 3 + 1);
        },
    );
}

#[test]
fn suppression_comments_on_one_long_line_take_linear_time() {
    // Quadratic before: each comment's line was found by counting its
    // column from the start of the line (10,000 comments took 40 s).
    let comment = "<!-- phraselint-disable-next-line --> word ";
    assert_linear(
        "comments on one line",
        2_500,
        |n| {
            (
                "a.html".into(),
                format!("<p>{}</p>\n", comment.repeat(n)).into_bytes(),
            )
        },
        |n, _, run| {
            // Each silences nothing, and says so.
            let found = run.findings();
            assert_eq!(found.len(), n);
            assert_eq!(
                found[n - 1].column,
                4 + comment.len() as u64 * (n as u64 - 1)
            );
            assert_eq!(run.code, 0);
        },
    );
}

#[test]
fn comments_naming_many_unknown_rules_or_meeting_unsuppressible_findings_take_linear_time() {
    // One comment naming n rules that do not exist, and n comments naming
    // no rule, each above a finding no comment may silence: every name and
    // every comment is reported once, without comparing each with the rest.
    let p = project_with_rules(
        "  - id: a\n    banned: [guaranteed]\n    message: m\n    suppressible: false\n",
    );
    assert_linear_in(
        &p,
        "unknown names and unsuppressible findings",
        1_000,
        |n| {
            let names: Vec<String> = (0..n).map(|i| format!("no-rule-{i}")).collect();
            let blanket = "<!-- phraselint-disable-next-line -->\nguaranteed\n\n".repeat(n);
            let text = format!(
                "<!-- phraselint-disable-next-line {} -->\nok\n\n{blanket}",
                names.join(", ")
            );
            ("a.md".into(), text.into_bytes())
        },
        |n, _, run| {
            let rules = run.rules();
            let count = |rule: &str| rules.iter().filter(|r| *r == rule).count();
            assert_eq!(count("phraselint/unknown-rule-in-suppression"), n);
            assert_eq!(count("phraselint/unsuppressible"), n);
            assert_eq!(count("t/a"), n);
        },
    );
}

// ---------------------------------------------------------------------------
// Pathological Markdown, HTML and MDX: no stack overflow, linear time

/// A file of `lead`, then `open` n times, `text`, and `close` n times; its
/// one finding must be `rule` on the `len` bytes of `text` after its first
/// `at`, or there must be none.
fn nested(
    what: &str,
    name: &'static str,
    n: usize,
    [lead, open, text, close]: [&'static str; 4],
    finding: Option<(&'static str, usize, u64)>,
) {
    assert_linear(
        what,
        n,
        |n| {
            let body = [lead, &open.repeat(n), text, &close.repeat(n)].concat();
            (name.to_owned(), body.into_bytes())
        },
        |n, bytes, run| match finding {
            Some((rule, at, len)) => {
                let offset = (lead.len() + open.len() * n + at) as u64;
                assert_eq!(run.code, 1, "{what}: {}", run.stderr);
                assert_eq!(
                    spans(run),
                    vec![ascii_in(bytes, rule, offset, len)],
                    "{what}"
                );
            }
            None => assert_eq!(
                (run.code, run.findings()),
                (0, vec![]),
                "{what}: {}",
                run.stderr
            ),
        },
    );
}

/// Nesting depth n: 10,000 at 4n.
const DEEP: usize = 2_500;
/// Delimiter run length n: 100,000 at 4n.
const RUN: usize = 25_000;

#[test]
fn markdown_nested_10_000_deep_takes_linear_time() {
    let it = "It enables access to GPT.\n";
    let found = Some((ENABLES, 3, 14));
    nested("block quotes", "a.md", DEEP, ["", ">", it, ""], found);
    nested(
        "spaced block quotes",
        "a.md",
        DEEP,
        ["", "> ", it, ""],
        found,
    );
    nested("bullet lists", "a.md", DEEP, ["", "- ", it, ""], found);
    nested("ordered lists", "a.md", DEEP, ["", "1. ", it, ""], found);
    nested("quotes in lists", "a.md", DEEP, ["", "> - ", it, ""], found);
    let it = " enables access to GPT";
    let found = Some((ENABLES, 1, 14));
    nested("emphasis", "a.md", DEEP, ["", "*a ", it, " a*"], found);
    nested("strong", "a.md", DEEP, ["", "**a ", it, " a**"], found);
    nested(
        "mixed emphasis",
        "a.md",
        DEEP,
        ["", "*a **b ", it, " b** a*"],
        found,
    );
    nested("links", "a.md", DEEP, ["", "[", it, "](u)"], found);
}

#[test]
fn markdown_runs_of_100_000_delimiters_take_linear_time() {
    // After a word, so that no run can open a code fence or a thematic
    // break.
    let it = " enables access to GPT ";
    let found = Some((ENABLES, 1, 14));
    nested("star runs", "a.md", RUN, ["x", "*", it, "*"], found);
    nested("underscore runs", "a.md", RUN, ["x", "_", it, "_"], found);
    nested("tilde runs", "a.md", RUN, ["x", "~", it, "~"], found);
    nested("bracket runs", "a.md", RUN, ["x", "[", it, ""], found);
    nested(
        "alternating emphasis",
        "a.md",
        RUN,
        ["x", "*a", it, ""],
        found,
    );
    // A backtick run closed by one of the same length is inline code; one
    // that never closes is text.
    nested("backtick runs", "a.md", RUN, ["x", "`", it, "`"], None);
    nested("open backtick runs", "a.md", RUN, ["x", "`", it, ""], found);
    nested(
        "mismatched backtick runs",
        "a.md",
        RUN,
        ["x", "``", it, "`"],
        found,
    );
}

#[test]
fn html_and_mdx_nested_10_000_deep_take_linear_time() {
    let it = "It enables access to GPT.";
    let found = Some((ENABLES, 3, 14));
    nested("divs", "a.html", DEEP, ["", "<div>", it, "</div>"], found);
    nested(
        "inline tags",
        "a.html",
        DEEP,
        ["", "<b><i>", it, "</i></b>"],
        found,
    );
    nested(
        "unclosed tags",
        "a.html",
        DEEP,
        ["", "<p><span>", it, ""],
        found,
    );
    nested(
        "unclosed comments",
        "a.html",
        DEEP,
        ["", "<!--", it, ""],
        None,
    );
    nested(
        "code in code",
        "a.html",
        DEEP,
        ["", "<code>", it, "</code>"],
        None,
    );
    nested(
        "MDX components",
        "a.mdx",
        DEEP,
        ["", "<Box>\n", it, "\n</Box>"],
        found,
    );
    nested(
        "MDX inline JSX",
        "a.mdx",
        DEEP,
        ["", "<B>", it, "</B>"],
        found,
    );
    nested("MDX expressions", "a.mdx", DEEP, ["", "{", it, "}"], None);
    nested("MDX in quotes", "a.mdx", DEEP, ["", "> ", it, ""], found);
}

#[test]
fn mdx_indentation_jsx_comments_and_nested_images_take_linear_time() {
    let it = "It enables access to GPT.";
    let tab = "    It enables access to GPT.\n";
    let alt = " enables access to GPT";
    let (at_3, at_7, at_1) = (
        Some((ENABLES, 3, 14)),
        Some((ENABLES, 7, 14)),
        Some((ENABLES, 1, 14)),
    );
    #[rustfmt::skip]
    let cases = [
        // Text indented inside component lines 10,000 deep is prose in MDX.
        ("MDX indented JSX", "a.mdx", DEEP, ["", "  <Tab>\n", tab, "  </Tab>\n"], at_7),
        ("MDX indentation", "a.mdx", RUN, ["", " ", it, ""], at_3),
        ("MDX indented quotes", "a.mdx", DEEP, ["", ">    ", it, ""], at_3),
        // Indented code in a quote in indented code…: read again, 8 levels deep.
        ("MDX indented code in quotes", "a.mdx", DEEP, ["", ">     ", it, ""], at_3),
        ("MDX comments", "a.mdx", RUN, ["", "{/* c */}", it, ""], at_3),
        ("MDX unclosed comment", "a.mdx", RUN, ["", "{/*", it, ""], None),
        ("MDX directives", "a.mdx", RUN, ["x ", "{/* phraselint-enable */}", it, ""], at_3),
        ("nested images", "a.md", DEEP, ["", "![", alt, "](a.png)"], at_1),
    ];
    for (what, name, n, parts, found) in cases {
        nested(what, name, n, parts, found);
    }
}

#[test]
fn a_non_ascii_character_in_an_mdx_expression_is_not_split() {
    let p = Project::new();
    // Panicked before: `{"" é}` was taken for `{" "}` and cut inside the é.
    let text = "It {\"\" é} enables access to GPT, {\"é\"} and {' '}.\n";
    p.file("a.mdx", text);
    let run = check(&p, &["--format", "json", "a.mdx"]);
    assert_eq!(run.stderr, "");
    let enables = offset_of(text.as_bytes(), "enables", 0);
    assert_eq!(
        spans(&run),
        vec![(ENABLES.into(), enables, enables + 14, 1, 11, 1, 25)]
    );
}

#[test]
fn malformed_html_still_gives_exact_spans() {
    let p = Project::new();
    // (rule, the text its span starts at, which occurrence, its length)
    type Want = (&'static str, &'static str, usize, usize);
    let cases: [(&str, &[Want]); 4] = [
        // Unclosed tags.
        (
            "<p>Intro <b>It enables access to GPT.\n<div>Next <i>unclosed, it calls on GPT\n",
            &[(ENABLES, "enables", 0, 14), (CALLS_ON, "calls on", 0, 8)],
        ),
        // Broken comments: `<!-->` and `<!--->` close at once, `--!>` closes,
        // one never closed hides the rest of the file.
        (
            "<!--> It enables access to GPT.\n<p><!---> It calls on GPT.\n<p><!-- x --!> Unlimited.\n<p><!-- never closed: enables access to GPT\n",
            &[
                (ENABLES, "enables", 0, 14),
                (CALLS_ON, "calls on", 0, 8),
                (UNLIMITED, "Unlimited", 0, 9),
            ],
        ),
        // Stray `<`, a tag that never ends, odd attribute quoting.
        (
            "<p>1 < 2 and 3 <= 4: it enables access to GPT.</p>\n<p a=b c=\"d' e='f\">It calls on GPT.</p>\n<p <p>Unlimited.</p>\n<p title=\"never closed>It enables access to GPT.\n",
            &[
                (ENABLES, "enables", 0, 14),
                (CALLS_ON, "calls on", 0, 8),
                (UNLIMITED, "Unlimited", 0, 9),
            ],
        ),
        // Bad and unknown character references around a decoded one, which
        // the span covers as written.
        (
            "<p>&bogus; &#xD800; &#1114112; &#0; &#99999999999; &; &#; It enables&nbsp;access to GPT &amp unlimited&",
            &[(ENABLES, "enables", 0, 19), (UNLIMITED, "unlimited", 0, 9)],
        ),
    ];
    for (i, (text, want)) in cases.iter().enumerate() {
        let name = format!("{i}.html");
        p.file(&name, text);
        let run = check(&p, &["--format", "json", &name]);
        assert_eq!(run.stderr, "", "{name}");
        let got: Vec<(String, u64, u64)> =
            spans(&run).into_iter().map(|s| (s.0, s.1, s.2)).collect();
        let want: Vec<(String, u64, u64)> = want
            .iter()
            .map(|&(rule, needle, nth, len)| {
                let start = offset_of(text.as_bytes(), needle, nth);
                (rule.to_owned(), start, start + len as u64)
            })
            .collect();
        assert_eq!(got, want, "{name}: {text}");
    }
}

// ---------------------------------------------------------------------------
// Files that vanish or cannot be read

/// Bytes this process has read so far (`rchar` of `/proc/PID/io`).
fn bytes_read(pid: u32) -> u64 {
    let io = std::fs::read_to_string(format!("/proc/{pid}/io")).unwrap_or_default();
    io.lines()
        .find_map(|l| l.strip_prefix("rchar: "))
        .map_or(0, |n| n.parse().unwrap())
}

#[test]
fn a_file_deleted_after_the_walk_listed_it_is_an_error_and_the_run_goes_on() {
    let p = Project::new();
    // One worker, and a first file that keeps it busy for a while after
    // reading it: the walk is over by then, so the second is listed, and
    // it is deleted before it is read.
    let big = long_line(4 << 20);
    p.file("a-big.txt", &big);
    let gone = p.file("b-gone.md", "It calls on GPT.\n");
    p.file("c-after.md", "It is unlimited.\n");
    let args = [
        "check",
        "--format",
        "json",
        "-j",
        "1",
        "a-big.txt",
        "b-gone.md",
        "c-after.md",
    ];
    let mut deleted = false;
    let (run, _) = bounded_with(command(&p, &[], &args), |pid| {
        if !deleted && bytes_read(pid) >= big.len() as u64 {
            std::fs::remove_file(&gone).unwrap();
            deleted = true;
        }
    });
    assert!(deleted, "the run ended before the file could be deleted");
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "error: b-gone.md: no such file\n");
    let paths: Vec<(String, String)> = run
        .findings()
        .into_iter()
        .map(|f| (f.path, f.rule))
        .collect();
    let want = [
        ("a-big.txt", ENABLES),
        ("a-big.txt", CALLS_ON),
        ("a-big.txt", UNLIMITED),
        ("c-after.md", UNLIMITED),
    ];
    assert_eq!(paths, want.map(|(p, r)| (p.to_owned(), r.to_owned())));
    let json = run.json();
    assert_eq!(
        json["errors"],
        serde_json::json!([{"path": "b-gone.md", "message": "no such file"}])
    );
    assert_eq!(json["summary"]["files"], 2);
}

#[test]
fn paths_on_the_command_line_that_do_not_exist_are_errors_and_the_run_goes_on() {
    let p = Project::new();
    p.file("a.md", "It is unlimited.\n");
    symlink("nowhere.md", p.path().join("dangling.md")).unwrap();
    let run = check(
        &p,
        &[
            "--format",
            "compact",
            "missing.md",
            "a.md",
            "dangling.md",
            "gone/",
        ],
    );
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: dangling.md: no such file\nerror: gone: no such file\nerror: missing.md: no such file\n"
    );
    assert_eq!(
        run.stdout,
        "a.md:1:7: warning claims/unlimited Every plan has limits; state them.\n"
    );
}

/// Whether this process runs as root (whom file permissions do not stop).
fn is_root() -> bool {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))
        .is_some_and(|ids| ids.split_whitespace().next() == Some("0"))
}

#[test]
fn unreadable_files_and_folders_are_errors_and_the_run_goes_on() {
    let p = Project::new();
    p.file("a.md", "It is unlimited.\n");
    p.file("secret.md", "It calls on GPT.\n");
    p.file("locked/inside.md", "It calls on GPT.\n");
    p.file("z.md", "It enables access to GPT.\n");
    let mode = |path: &str, mode: u32| {
        std::fs::set_permissions(p.path().join(path), Permissions::from_mode(mode)).unwrap()
    };
    // Root reads files whatever their mode: run phraselint as `nobody`, in
    // a folder it may enter.
    mode(".", 0o755);
    mode("secret.md", 0o000);
    mode("locked", 0o000);
    let wrapper: &[&str] = if is_root() {
        &[
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
        ]
    } else {
        &[]
    };
    // Paths are relative to the project root however they were typed.
    for (args, shown) in [(&[][..], ""), (&["."][..], "")] {
        let all = [&["check", "--format", "json"], args].concat();
        let (run, _) = bounded(command(&p, wrapper, &all));
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert_eq!(
            run.stderr,
            format!(
                "error: {shown}locked: permission denied\nerror: {shown}secret.md: permission denied\n"
            )
        );
        let found = run.paths_and_rules();
        assert_eq!(
            found,
            vec![
                (format!("{shown}a.md"), UNLIMITED.into()),
                (format!("{shown}z.md"), ENABLES.into())
            ]
        );
        assert_eq!(
            run.json()["errors"],
            serde_json::json!([
                {"path": format!("{shown}locked"), "message": "permission denied"},
                {"path": format!("{shown}secret.md"), "message": "permission denied"},
            ])
        );
    }
    // So that the folder can be removed.
    mode("locked", 0o755);
}

// ---------------------------------------------------------------------------
// Pipes, devices and symlink loops: never block, never loop

#[test]
fn pipes_devices_and_symlink_loops_never_block_or_loop() {
    let p = Project::new();
    p.file("ok.md", "It is unlimited.\n");
    let sh = |cmd: &str| common::sh(Command::new("sh").args(["-c", cmd]).current_dir(p.path()));
    sh("mkfifo pipe.md sub-pipe.txt && mkdir -p d && mv sub-pipe.txt d/");
    symlink("/dev/zero", p.path().join("zero.md")).unwrap();
    symlink("loop.md", p.path().join("loop.md")).unwrap();
    symlink("b.md", p.path().join("a.md")).unwrap();
    symlink("a.md", p.path().join("b.md")).unwrap();
    symlink("..", p.path().join("d/up")).unwrap();
    symlink("../d", p.path().join("d/self")).unwrap();
    // phraselint has no option to follow symlinks in a walk, which passes
    // over them, and over pipes and devices, as ripgrep does.
    let unlimited = "ok.md:1:7: warning claims/unlimited Every plan has limits; state them.\n";
    for (args, stdout) in [
        (&[][..], unlimited.to_owned()),
        (&["--hidden", "--no-ignore", "."][..], unlimited.to_owned()),
        // Only a pipe, a device and a loop: nothing to check, which
        // `--allow-no-files` lets pass (else it is an error, as tested in
        // tests/cmd/no-file-selected.toml).
        (&["--allow-no-files", "d"][..], String::new()),
    ] {
        let run = check(&p, &[&["--format", "compact"], args].concat());
        assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{args:?}");
        assert_eq!(run.stdout, stdout, "{args:?}");
    }
    // Named on the command line, a pipe or a device is skipped with a note
    // (never opened: it could block, or never end) and counted; a symlink
    // loop is an error.
    let run = check(
        &p,
        &[
            "--format",
            "json",
            "pipe.md",
            "zero.md",
            "/dev/zero",
            "d/sub-pipe.txt",
            "loop.md",
            "a.md",
            "ok.md",
        ],
    );
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "note: skipped pipe.md: not a regular file\n\
         note: skipped zero.md: not a regular file\n\
         note: skipped /dev/zero: not a regular file\n\
         note: skipped d/sub-pipe.txt: not a regular file\n\
         error: a.md: Too many levels of symbolic links (os error 40)\n\
         error: loop.md: Too many levels of symbolic links (os error 40)\n"
    );
    assert_eq!(
        run.findings(),
        vec![Found {
            path: "ok.md".into(),
            rule: UNLIMITED.into(),
            start: 6,
            end: 15,
            line: 1,
            column: 7
        }]
    );
    let summary = &run.json()["summary"];
    assert_eq!(
        (&summary["files"], &summary["skipped"]),
        (&1.into(), &4.into())
    );
    let human = check(&p, &["--color", "never", "pipe.md"]);
    assert_eq!(human.code, 0);
    assert!(
        human.stdout.starts_with(
            "No problems found in 0 files checked, 1 skipped (binary, too large or not a regular file).\n"
        ),
        "{}",
        human.stdout
    );
}

// ---------------------------------------------------------------------------
// File names that are not UTF-8

#[test]
fn file_names_that_are_not_utf8_are_reported_in_every_format() {
    let p = Project::new();
    // Git marks the repository root that SARIF paths are relative to.
    std::fs::create_dir(p.path().join(".git")).unwrap();
    let name = OsStr::from_bytes(b"caf\xe9 & <x>.md");
    std::fs::write(p.path().join(name), "It enables access to GPT.\n").unwrap();
    p.file("ok.md", "Nothing to see.\n");
    // Shown lossily (U+FFFD for the byte), the same way everywhere; URIs
    // carry the byte itself, percent-encoded, so they name the file.
    let shown = "caf\u{FFFD} & <x>.md";
    let uri = "caf%E9%20&%20%3Cx%3E.md";
    for walked in [false, true] {
        let run_format = |format: &str| {
            let mut cmd = command(&p, &[], &["check", "--format", format, "--color", "never"]);
            if !walked {
                cmd.arg(name).arg("ok.md");
            }
            let (run, _) = bounded(cmd);
            assert_eq!(run.code, 1, "{format}: {}", run.stderr);
            assert_eq!(run.stderr, "", "{format}");
            run.stdout
        };
        let json: Value = serde_json::from_str(&run_format("json")).unwrap();
        assert_eq!(json["findings"][0]["path"], shown);
        assert_eq!(
            run_format("compact"),
            format!(
                "{shown}:1:4: error {ENABLES} Don't say the product enables access to partner models.\n"
            )
        );
        assert!(run_format("github").starts_with(&format!("::error file={shown},line=1,col=4,")));
        let gitlab: Value = serde_json::from_str(&run_format("gitlab")).unwrap();
        assert_eq!(gitlab[0]["location"]["path"], shown);
        let sarif: Value = serde_json::from_str(&run_format("sarif")).unwrap();
        let location = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], uri);
        let lsp = run_format("lsp");
        let uris: Vec<String> = lsp
            .lines()
            .map(|l| {
                serde_json::from_str::<Value>(l).unwrap()["uri"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        assert_eq!(uris.len(), 2, "{lsp}");
        assert!(
            uris.iter()
                .any(|u| u.starts_with("file:///") && u.ends_with(&format!("/{uri}"))),
            "{uris:?}"
        );
        let checkstyle = run_format("checkstyle");
        assert!(
            checkstyle.contains("<file name=\"caf\u{FFFD} &amp; &lt;x&gt;.md\">"),
            "{checkstyle}"
        );
        let mut reader = quick_xml::Reader::from_str(&checkstyle);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("not XML ({e}):\n{checkstyle}"),
            }
        }
        let human = run_format("human");
        assert!(human.contains(&format!("╭─[ {shown}:1:4 ]")), "{human}");
    }
}

#[test]
fn human_output_shows_an_excerpt_of_a_long_line() {
    // A finding on a 2 MB line printed the whole line; it now prints the
    // match with some context, at the same line and column as the others.
    let p = Project::new();
    let text = format!(
        "{}Frontier calls on GPT and {}\nnext\n",
        "word ".repeat(400_000),
        "more ".repeat(1000)
    );
    p.file("long.md", &text);
    let run = check(&p, &["--format", "human", "long.md"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.len() < 2_000, "{} bytes", run.stdout.len());
    let column = 2_000_000 + "Frontier ".len() + 1;
    assert!(
        run.stdout.contains(&format!("╭─[ long.md:1:{column} ]")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains(" word word Frontier calls on GPT and more more "),
        "{}",
        run.stdout
    );
    let marker = run
        .stdout
        .lines()
        .find(|l| l.contains("^^^^^^^^ `calls on` is banned"));
    assert!(marker.is_some(), "{}", run.stdout);
}

#[test]
fn max_filesize_is_capped_where_offsets_stay_exact() {
    // Offsets into decoded text are 32-bit; a file may triple in decoding.
    let p = Project::new();
    p.file("a.md", "Frontier calls on GPT.\n");
    let run = check(&p, &["--max-filesize", "2G", "a.md"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with(
            "error: invalid value '2G' for '--max-filesize <SIZE>': `2G` is over the most phraselint reads, 1G"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(check(&p, &["--max-filesize", "1G", "a.md"]).code, 1);
}

#[test]
fn a_panic_while_checking_one_file_is_an_error_for_that_file() {
    // Every file is checked inside `contained`; a bug in one (here a
    // deliberate panic) is that file's error, with a plea to report it, and
    // the same scratch buffers go on to check the next file.
    use phraselint::extract::FileKind;
    use phraselint::lint::{FileResult, Linter, Scratch, contained};
    let mut scratch = Scratch::default();
    let result = contained("a.md", &mut scratch, |_| panic!("boom\nsecond line"));
    match result {
        FileResult::Failed(e) => assert_eq!(
            e.to_string(),
            "a.md: internal error while checking this file, please report it: boom"
        ),
        _ => panic!("a panic must become the file's error"),
    }
    let linter = Linter::built_in();
    let next = contained("b.md", &mut scratch, |scratch| {
        Ok(linter.lint_text(FileKind::Markdown, b"Frontier calls on GPT.\n", scratch))
    });
    match next {
        FileResult::Checked(outcome) => assert_eq!(outcome.findings.len(), 1),
        _ => panic!("the next file is checked"),
    }
}
