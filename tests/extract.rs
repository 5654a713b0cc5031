//! PRODUCT.md §4 for Markdown and plain text: what is read, what is skipped,
//! and which files the walk picks.

mod common;

use common::{Project, offset_of};

const ENABLES: &str = "partner-ai/enables-access";
const CALLS_ON: &str = "partner-ai/calls-on";

#[test]
fn link_text_is_checked_and_its_destination_is_not() {
    let p = Project::new();
    let text = "See [how it calls on GPT](https://example.com/calls-on/enables-access \"enables access\").\n";
    p.file("a.md", text);
    let run = p.check_json(&["a.md"]);
    let start = offset_of(text.as_bytes(), "calls on", 0);
    assert_eq!(
        run.findings(),
        vec![("a.md".into(), CALLS_ON.into(), start, start + 8, 1, 13)]
    );
}

#[test]
fn urls_in_prose_and_autolinks_are_skipped() {
    let p = Project::new();
    p.file(
        "a.md",
        "Docs: <https://example.com/calls on> and https://example.com/enables access?x=calls%20on.\n\nVisit www.calls.on today.\n",
    );
    p.file("b.txt", "See https://example.com/calls on the site.\n");
    let run = p.check_json(&["a.md", "b.txt"]);
    assert_eq!(run.findings(), vec![], "{}", run.stdout);
}

#[test]
fn image_alt_text_is_checked() {
    let p = Project::new();
    let text = "Intro.\n\n![Frontier enables access to GPT](diagram.png \"calls on\")\n";
    p.file("a.md", text);
    let run = p.check_json(&["a.md"]);
    let start = offset_of(text.as_bytes(), "enables", 0);
    assert_eq!(
        run.findings(),
        vec![("a.md".into(), ENABLES.into(), start, start + 14, 3, 12)]
    );
}

#[test]
fn code_and_html_comments_are_skipped() {
    let p = Project::new();
    p.file(
        "a.md",
        "Use `client.calls on()` here.\n\n```python\n# enables access\nclient.calls on\n```\n\n    indented: enables access\n    calls on\n\n<!-- enables access is banned -->\n\nText <!-- calls on --> ok.\n\n~~~\ncalls on\n~~~\n",
    );
    let run = p.check_json(&["a.md"]);
    assert_eq!(run.findings(), vec![], "{}", run.stdout);
}

#[test]
fn inline_code_breaks_a_phrase_instead_of_joining_it() {
    let p = Project::new();
    p.file("a.md", "It enables `x` access.\n");
    assert_eq!(p.check_json(&["a.md"]).findings(), vec![]);
}

#[test]
fn raw_html_text_is_checked_and_its_tags_and_code_are_not() {
    let p = Project::new();
    let text = "<div class=\"calls on\">\n<p>Frontier <em>enables</em> access to GPT.</p>\n<pre>calls on</pre>\n<script>calls on</script>\n</div>\n";
    p.file("a.md", text);
    let run = p.check_json(&["a.md"]);
    let start = offset_of(text.as_bytes(), "enables", 0);
    let end = offset_of(text.as_bytes(), "access", 0) + 6;
    assert_eq!(
        run.findings(),
        vec![("a.md".into(), ENABLES.into(), start, end, 2, 17)]
    );
}

#[test]
fn headings_lists_quotes_and_table_cells_are_checked() {
    let p = Project::new();
    let text = "# It calls on GPT\n\n- item calls on GPT\n\n> quote calls on GPT\n\n| a | b |\n|---|---|\n| cell calls on GPT | x |\n";
    p.file("a.md", text);
    let run = p.check_json(&["a.md"]);
    let lines: Vec<u64> = run.findings().iter().map(|f| f.4).collect();
    assert_eq!(lines, vec![1, 3, 5, 9]);
}

#[test]
fn table_cells_are_separate_blocks() {
    let p = Project::new();
    p.file("a.md", "| calls | on |\n|---|---|\n| enables | access |\n");
    assert_eq!(p.check_json(&["a.md"]).findings(), vec![]);
}

#[test]
fn front_matter_title_and_description_are_checked_other_keys_are_not() {
    let p = Project::new();
    let text = "---\ntitle: \"Frontier calls on GPT\"\nslug: enables access\ndescription: >\n  Frontier enables\n  access to GPT models.\n---\n# Body\n";
    p.file("a.md", text);
    let run = p.check_json(&["a.md"]);
    let b = text.as_bytes();
    assert_eq!(
        run.findings(),
        vec![
            (
                "a.md".into(),
                CALLS_ON.into(),
                offset_of(b, "calls", 0),
                offset_of(b, "calls", 0) + 8,
                2,
                18
            ),
            (
                "a.md".into(),
                ENABLES.into(),
                offset_of(b, "enables", 1),
                offset_of(b, "access", 1) + 6,
                5,
                12
            ),
        ]
    );
}

#[test]
fn front_matter_keys_are_configurable() {
    let p = Project::new();
    p.file(".phraselint.yaml", "front_matter_keys: [summary]\n");
    p.file(
        "a.md",
        "---\ntitle: It calls on GPT\nsummary: It enables access to GPT\n---\nBody.\n",
    );
    assert_eq!(p.check_json(&["a.md"]).rules(), vec![ENABLES]);
}

#[test]
fn plain_text_blocks_are_separated_by_blank_lines() {
    let p = Project::new();
    let text =
        "Hello,\n\nour assistant calls\non GPT to draft replies.\n\nIt enables\n   \naccess.\n";
    p.file("mail.txt", text);
    let run = p.check_json(&["mail.txt"]);
    let start = offset_of(text.as_bytes(), "calls", 0);
    assert_eq!(
        run.findings(),
        vec![("mail.txt".into(), CALLS_ON.into(), start, start + 8, 3, 15)]
    );
}

#[test]
fn binary_files_are_skipped_and_counted() {
    let p = Project::new();
    p.file("blob.md", b"calls on \x00\x01\x02 enables access");
    p.file("ok.md", "Fine.\n");
    let run = p.check_json(&[]);
    assert_eq!(run.code, 0);
    assert_eq!(run.findings(), vec![]);
    assert_eq!(run.json()["summary"]["skipped"], 1);
    assert_eq!(run.json()["summary"]["files"], 1);
}

#[test]
fn ignore_files_and_hidden_files_are_honoured() {
    let p = Project::new();
    p.file(".gitignore", "build/\n");
    p.file(".phraselintignore", "legacy.md\n");
    p.file("build/out.md", "It calls on GPT.\n");
    p.file("legacy.md", "It calls on GPT.\n");
    p.file(".drafts/x.md", "It calls on GPT.\n");
    p.file("docs/a.md", "It calls on GPT.\n");
    let run = p.check_json(&[]);
    let paths: Vec<String> = run.findings().into_iter().map(|f| f.0).collect();
    assert_eq!(paths, vec!["docs/a.md"]);
    let all = p.run(&["check", "--format", "json", "--no-ignore", "--hidden"]);
    let paths: Vec<String> = all.findings().into_iter().map(|f| f.0).collect();
    assert_eq!(
        paths,
        vec![".drafts/x.md", "build/out.md", "docs/a.md", "legacy.md"]
    );
}

#[test]
fn walked_files_of_unknown_kinds_are_not_read_but_named_ones_are() {
    let p = Project::new();
    p.file("notes.rst", "It calls on GPT.\n");
    p.file("docs/page.markdown", "It calls on GPT.\n");
    let walked = p.check_json(&["."]);
    assert_eq!(
        walked
            .findings()
            .into_iter()
            .map(|f| f.0)
            .collect::<Vec<_>>(),
        vec!["./docs/page.markdown"]
    );
    let named = p.check_json(&["notes.rst"]);
    assert_eq!(named.rules(), vec![CALLS_ON]);
}

#[test]
fn an_unreadable_file_is_an_error_and_the_run_goes_on() {
    let p = Project::new();
    p.file("a.md", "It calls on GPT.\n");
    let run = p.check_json(&["missing.md", "a.md"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.rules(), vec![CALLS_ON]);
    let errors = run.json()["errors"].clone();
    assert_eq!(errors[0]["path"], "missing.md");
    assert!(run.stderr.contains("missing.md"), "{}", run.stderr);
}

#[test]
fn config_include_and_exclude_select_files() {
    let p = Project::new();
    p.file(
        ".phraselint.yaml",
        "include: [\"docs/**\"]\nexclude: [\"docs/legal/**\"]\n",
    );
    p.file("docs/a.md", "It calls on GPT.\n");
    p.file("docs/legal/terms.md", "It calls on GPT.\n");
    p.file("README.md", "It calls on GPT.\n");
    let run = p.check_json(&[]);
    assert_eq!(
        run.findings().into_iter().map(|f| f.0).collect::<Vec<_>>(),
        vec!["docs/a.md"]
    );
    // The config is found from a subdirectory too, globs staying relative to it.
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_phraselint"));
    let out = cmd
        .args(["check", "--format", "compact", "."])
        .current_dir(p.path().join("docs"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        vec![format!(
            "./a.md:1:4: error {CALLS_ON} Don't say the product calls on partner models; say it is powered by them."
        )]
    );
}

#[test]
fn stdin_is_checked_with_the_kind_its_filename_says() {
    let p = Project::new();
    let run = p.run_with_stdin(
        &[
            "check",
            "--format",
            "json",
            "--stdin",
            "--stdin-filename",
            "docs/x.md",
        ],
        Some(b"`calls on` but it calls on GPT.\n"),
    );
    assert_eq!(
        run.findings(),
        vec![("docs/x.md".into(), CALLS_ON.into(), 18, 26, 1, 19)]
    );
}

/// Found on the benchmark corpus: HTML text starting with a multi-byte
/// character once cut a character in two.
#[test]
fn html_text_starting_with_a_multibyte_character() {
    let p = Project::new();
    let text = "<details>\n<summary>إضغط — it calls on GPT</summary>\n</details>\n";
    p.file("a.md", text);
    let run = p.check_json(&["a.md"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let start = offset_of(text.as_bytes(), "calls", 0);
    assert_eq!(
        run.findings(),
        vec![("a.md".into(), CALLS_ON.into(), start, start + 8, 2, 20)]
    );
}

#[test]
fn configured_text_extensions_are_walked_as_plain_text() {
    let p = Project::new();
    p.file(".phraselint.yaml", "text_extensions: [rst, .adoc]\n");
    p.file("a.rst", "It calls on GPT.\n");
    p.file("b.adoc", "It calls on GPT.\n");
    p.file("c.tex", "It calls on GPT.\n");
    let paths: Vec<String> = p
        .check_json(&[])
        .findings()
        .into_iter()
        .map(|f| f.0)
        .collect();
    assert_eq!(paths, vec!["a.rst", "b.adoc"]);
}

#[test]
fn files_over_max_filesize_are_skipped_and_said_so() {
    let p = Project::new();
    p.file("big.md", format!("It calls on GPT.\n{}", "x ".repeat(600)));
    p.file("small.md", "It calls on GPT.\n");
    let run = p.run(&["check", "--format", "json", "--max-filesize", "1K", "."]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.findings().into_iter().map(|f| f.0).collect::<Vec<_>>(),
        vec!["./small.md"]
    );
    assert_eq!(run.json()["summary"]["skipped"], 1);
    assert_eq!(
        run.stderr,
        "note: skipped ./big.md: 1217 bytes is larger than --max-filesize 1024\n"
    );
    assert_eq!(p.run(&["check", "--max-filesize", "1X", "."]).code, 2);
}
