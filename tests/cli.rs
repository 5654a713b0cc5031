//! The command line where it is procedural: fingerprints across edits,
//! thread counts, the built-in phrasebooks' examples, errors rendered on a
//! terminal, colour as the environment asks, and the completion scripts and
//! man pages as bash and groff read them. Output formats, exit codes,
//! `--color` and the JSON schema are data: `tests/cmd/*.toml`, and
//! `tests/cases/cli/`.

mod common;

use std::path::Path;
use std::process::Command;

use common::Project;
use phraselint::extract::FileKind;
use phraselint::lint::{Linter, Scratch};
use phraselint::rules::Origin;

fn fingerprints(run: &common::Run) -> Vec<String> {
    run.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["fingerprint"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn fingerprints_survive_lines_added_above_and_tell_repeats_apart() {
    let p = Project::new();
    let body = "It calls on GPT to draft.\n\nIt calls on GPT to draft.\n";
    p.file("a.md", body);
    let before = fingerprints(&p.check_json(&["a.md"]));
    assert_eq!(before.len(), 2);
    assert_ne!(
        before[0], before[1],
        "a repeated phrase gets its own fingerprint"
    );
    p.file(
        "a.md",
        format!("# New heading\n\nA new paragraph that is fine.\n\n{body}"),
    );
    assert_eq!(fingerprints(&p.check_json(&["a.md"])), before);
    p.file("a.md", "It calls on GPT to summarise.\n");
    assert_ne!(
        fingerprints(&p.check_json(&["a.md"]))[0],
        before[0],
        "different words around it"
    );
}

#[test]
fn threads_option_gives_the_same_result() {
    let p = Project::new();
    for i in 0..20 {
        p.file(&format!("d/{i}.md"), "It calls on GPT.\n");
    }
    let one = p.run(&["check", "--format", "json", "-j", "1"]);
    let two = p.run(&["check", "--format", "json", "--threads", "2"]);
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(one.findings().len(), 20);
}

/// Every built-in rule's `examples.bad` produce that rule's finding and its
/// `examples.good` produce none.
#[test]
fn built_in_phrasebook_examples_hold() {
    let linter = Linter::built_in();
    let mut scratch = Scratch::default();
    let mut checked = 0;
    let books = linter.catalog().rules();
    for (i, rule) in books.filter(|(_, r)| r.origin != Origin::Phraselint) {
        assert!(
            !rule.examples_bad.is_empty(),
            "{} has no bad example",
            rule.full_id
        );
        assert!(
            !rule.examples_good.is_empty(),
            "{} has no good example",
            rule.full_id
        );
        for bad in &rule.examples_bad {
            let found = linter.lint_text(FileKind::Text, bad.as_bytes(), &mut scratch);
            assert!(
                found.findings.iter().any(|f| f.rule == i),
                "{}: bad example not found: {bad}",
                rule.full_id
            );
            checked += 1;
        }
        for good in &rule.examples_good {
            let found = linter.lint_text(FileKind::Text, good.as_bytes(), &mut scratch);
            assert!(
                found.findings.is_empty(),
                "{}: good example flagged: {good}",
                rule.full_id
            );
            checked += 1;
        }
    }
    assert!(checked > 20);
}

/// On a terminal, a phrasebook error is one line naming the place, with the
/// offending line rendered under it by ariadne: the binary runs on a real
/// terminal (a pseudo-terminal from util-linux's `script`, which Debian
/// always has).
#[test]
fn errors_on_a_terminal_show_the_offending_line() {
    let p = Project::new();
    p.file("book.yaml", "phrasebook: t\nversion: 1.2\nschema: 1\n");
    p.file("a.md", "Fine.\n");
    let command = format!(
        "{} check --phrasebook book.yaml a.md",
        env!("CARGO_BIN_EXE_phraselint")
    );
    let out = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(p.path())
        .env_remove("NO_COLOR")
        .output()
        .expect("run script");
    assert_eq!(out.status.code(), Some(2));
    let text = strip_ansi(&String::from_utf8_lossy(&out.stdout)).replace('\r', "");
    let mut lines = text.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("error: book.yaml:2:10: version: `1.2` is not semver"),
        "{text}"
    );
    assert!(text.contains(" 2 │ version: 1.2"), "{text}");
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A copy of `tests/cmd`'s human-format case in a temporary folder (in
/// this repository, its git work tree would be the project root), with the
/// case's report without colour and with `--color always`.
fn human_format_case() -> (tempfile::TempDir, String, String) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd");
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    let plain = read("human-format.stdout");
    let coloured = read("human-format-colour-always.stdout");
    let copy = tempfile::tempdir().unwrap();
    std::fs::create_dir(copy.path().join("human-format.in")).unwrap();
    std::fs::copy(
        dir.join("human-format.in/a.md"),
        copy.path().join("human-format.in/a.md"),
    )
    .unwrap();
    (copy, plain, coloured)
}

/// `--color` first, then the colour variables, off a terminal (a pipe, where
/// the report is byte for byte the plain one or the `--color always` one) and
/// on a terminal (`script`, as above).
#[test]
fn colour_follows_the_flag_then_no_color_then_a_force() {
    // (--color, variables set, colour off a terminal, colour on one)
    let cases = [
        ("auto", "", false, true),
        ("auto", "NO_COLOR=1", false, false),
        ("auto", "NO_COLOR=", false, true),
        ("auto", "FORCE_COLOR=1", true, true),
        ("auto", "FORCE_COLOR=true", true, true),
        ("auto", "FORCE_COLOR=0", false, true),
        ("auto", "FORCE_COLOR=", false, true),
        ("auto", "CLICOLOR_FORCE=1", true, true),
        ("auto", "CLICOLOR_FORCE=0", false, true),
        ("auto", "FORCE_COLOR=1 NO_COLOR=1", false, false),
        ("auto", "CLICOLOR_FORCE=1 NO_COLOR=1", false, false),
        ("auto", "CLICOLOR=0", false, false),
        ("auto", "CLICOLOR=1", false, true),
        ("auto", "CLICOLOR=0 FORCE_COLOR=1", true, true),
        ("never", "FORCE_COLOR=1", false, false),
        ("always", "NO_COLOR=1", true, true),
    ];
    let (cmd_dir, plain, coloured) = human_format_case();
    let bin = env!("CARGO_BIN_EXE_phraselint");
    for (flag, vars, piped, terminal) in cases {
        let run = |cmd: &mut Command| {
            cmd.current_dir(cmd_dir.path().join("human-format.in"))
                .stdin(std::process::Stdio::null());
            common::colour_unset(cmd);
            let set = vars.split_whitespace().map(|v| v.split_once('=').unwrap());
            let out = cmd.envs(set).output().unwrap();
            assert_eq!(out.status.code(), Some(1), "--color {flag} with {vars}");
            String::from_utf8(out.stdout).unwrap()
        };
        let out = run(Command::new(bin).args(["check", "--color", flag, "a.md"]));
        let expected = if piped { &coloured } else { &plain };
        assert_eq!(&out, expected, "--color {flag} with {vars}, piped");
        let command = format!("{bin} check --color {flag} a.md");
        let out = run(Command::new("script").args(["-qec", &command, "/dev/null"]));
        assert_eq!(
            out.contains('\u{1b}'),
            terminal,
            "--color {flag} with {vars}, on a terminal:\n{out}"
        );
    }
}

/// `--output-file`: the file has no colour, whatever the console gets (here
/// forced by `--color always`, then by FORCE_COLOR), and with `--fix` on
/// standard input the fixed text keeps standard output, the human report
/// going to standard error.
#[test]
fn output_file_is_plain_whatever_colour_the_console_gets() {
    let (cmd_dir, plain, coloured) = human_format_case();
    let p = Project::new();
    p.file(
        "a.md",
        std::fs::read(cmd_dir.path().join("human-format.in/a.md")).unwrap(),
    );
    for (args, force) in [(["--color", "always"], ""), (["--color", "auto"], "1")] {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_phraselint"));
        common::piped(&mut cmd, p.path(), false).env("FORCE_COLOR", force);
        let out = cmd
            .args(["check", "--output-file", "report.txt", "a.md"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(String::from_utf8(out.stdout).unwrap(), coloured, "{args:?}");
        let file = std::fs::read_to_string(p.path().join("report.txt")).unwrap();
        assert_eq!(file, plain, "{args:?} FORCE_COLOR={force}");
    }
    let run = p.run_with_stdin(
        &[
            "check",
            "--stdin",
            "--fix",
            "--stdin-filename",
            "a.md",
            "--format",
            "compact",
            "--output-file",
            "fixed.txt",
        ],
        Some(b"It directly accesses GPT.\n"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "It integrates with GPT.\n");
    assert!(
        run.stderr
            .starts_with("Fixed 1 finding in 1 file.\nNo problems found"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(p.path().join("fixed.txt")).unwrap(),
        ""
    );
}

/// Every command, the top one first: each has its man page.
const COMMANDS: [&str; 12] = [
    "",
    "check",
    "phrasebook",
    "phrasebook test",
    "phrasebook show",
    "phrasebook diff",
    "explain",
    "init",
    "lsp",
    "serve",
    "completions",
    "man",
];

/// The long options `phraselint ARGS --help` lists.
fn long_options(args: &[&str]) -> Vec<String> {
    let help = Project::new().run(&[args, &["--help"]].concat());
    assert_eq!(help.code, 0, "{args:?}: {}", help.stderr);
    let option = regex::Regex::new(r"(?m)^ +(?:-\w, )?(--[a-z][a-z-]*)").unwrap();
    let found: Vec<String> = option
        .captures_iter(&help.stdout)
        .map(|c| c[1].to_owned())
        .collect();
    assert!(found.contains(&"--help".to_owned()), "{}", help.stdout);
    found
}

/// The bash completion script loads, registers itself, and completes
/// commands, options and option values as bash calls it (COMP_WORDS and
/// COMP_CWORD set, the function given the command, the word and the one
/// before).
#[test]
fn bash_completion_loads_and_completes() {
    let script = r#"
        source <("$PHRASELINT" completions bash)
        complete -p phraselint
        for line in "phraselint ph" "phraselint check --out" "phraselint check --format s" \
            "phraselint phrasebook " "phraselint completions "; do
            read -ra COMP_WORDS <<< "$line"
            [[ $line == *" " ]] && COMP_WORDS+=("")
            COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            COMP_LINE=$line COMP_POINT=${#line} COMPREPLY=()
            _phraselint phraselint "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            echo "$line|${COMPREPLY[*]}"
        done
    "#;
    let out = common::sh(
        Command::new("bash")
            .args(["-c", script])
            .env("PHRASELINT", env!("CARGO_BIN_EXE_phraselint")),
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "complete -o bashdefault -o default -o nosort -F _phraselint phraselint\n\
         phraselint ph|phrasebook\n\
         phraselint check --out|--output-file\n\
         phraselint check --format s|sarif\n\
         phraselint phrasebook |-h --help test show diff help\n\
         phraselint completions |-h --help bash elvish fish powershell zsh\n"
    );
}

/// The other shells' scripts (no such shell is on the machine to load them)
/// come from the same definitions: each names every command and every
/// option of `check`.
#[test]
fn every_shells_script_names_every_command_and_check_option() {
    let p = Project::new();
    let check = long_options(&["check"]);
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let run = p.run(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        for word in COMMANDS.iter().flat_map(|c| c.split_whitespace()) {
            assert!(run.stdout.contains(word), "{shell}: {word}");
        }
        for option in &check {
            let name = option.trim_start_matches('-');
            assert!(run.stdout.contains(name), "{shell}: {option}");
        }
    }
}

/// groff, which `man` renders pages with: Debian's groff-base, installed
/// when missing.
fn groff() -> Command {
    let present = Command::new("groff").arg("--version").output();
    if !present.is_ok_and(|o| o.status.success()) {
        let install = || {
            Command::new("apt-get")
                .args(["install", "-y", "-q", "groff-base"])
                .env("DEBIAN_FRONTEND", "noninteractive")
                .status()
                .is_ok_and(|s| s.success())
        };
        if !install() {
            common::sh(Command::new("apt-get").args(["update", "-q"]));
            assert!(install(), "apt-get install groff-base failed");
        }
    }
    let mut groff = Command::new("groff");
    groff.args(["-man", "-Tutf8"]);
    groff
}

/// `phraselint man --dir` writes a page per command; groff reads each
/// without a warning; rendered, each names every option of its command's
/// `--help`, and a command's page names its subcommands' pages.
/// `phraselint man` prints the first, phraselint(1). A file as DIR is refused.
#[test]
fn man_pages_render_and_name_every_command_and_option() {
    let p = Project::new();
    let run = p.run(&["man", "--dir", "man/man1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pages: Vec<String> = COMMANDS
        .iter()
        .map(|c| ["phraselint", c].join(" ").trim().replace(' ', "-"))
        .collect();
    let wrote: String = pages
        .iter()
        .map(|page| format!("wrote man/man1/{page}.1\n"))
        .collect();
    assert_eq!(run.stdout, wrote);
    p.file("notes.txt", "");
    let refused = p.run(&["man", "--dir", "notes.txt"]);
    assert_eq!(refused.code, 2);
    assert_eq!(refused.stderr, "error: notes.txt: not a folder\n");
    let file = |page: &str| p.path().join(format!("man/man1/{page}.1"));
    assert_eq!(
        p.run(&["man"]).stdout,
        std::fs::read_to_string(file("phraselint")).unwrap()
    );
    for (command, page) in COMMANDS.iter().zip(&pages) {
        let lint = groff()
            .args(["-ww", "-z"])
            .arg(file(page))
            .output()
            .unwrap();
        let warnings = String::from_utf8_lossy(&lint.stderr);
        assert!(
            lint.status.success() && warnings.is_empty(),
            "{page}: {warnings}"
        );
        // Without hyphenation or bold and underline, each word whole.
        let render = groff().args(["-rHY=0", "-P-cbou"]).arg(file(page)).output();
        let text = String::from_utf8(render.unwrap().stdout).unwrap();
        let args: Vec<&str> = command.split_whitespace().collect();
        for option in long_options(&args) {
            assert!(text.contains(&option), "{page} lacks {option}:\n{text}");
        }
        if let Some((parent, _)) = page.rsplit_once('-') {
            let render = groff()
                .args(["-rHY=0", "-P-cbou"])
                .arg(file(parent))
                .output();
            let parent_text = String::from_utf8(render.unwrap().stdout).unwrap();
            assert!(
                parent_text.contains(&format!("{page}(1)")),
                "{parent} lacks {page}"
            );
        }
    }
}
