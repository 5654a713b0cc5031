//! `check --format html` as a person gets it: escaping checked on the raw
//! page, the verdict against the exit code, and what the header says was
//! asked of the run.

mod common;

use std::process::Command;

use common::{Project, sh};

/// A file name and copy that would run script if written into the page raw.
const HOSTILE_NAME: &str = "<img src=x onerror=alert(1)>.md";
const HOSTILE_COPY: &str = "It calls on GPT. <script>alert(1)</script>\n";

/// A book whose every text tries markup too.
const HOSTILE_BOOK: &str = r#"phrasebook: partner-ai
version: 1.0.0
schema: 1
owner: <b onmouseover=alert(1)>Legal</b>
rules:
  - id: calls-on
    banned: calls on
    message: <script>alert(2)</script> Say "powered by".
    suggest: [<i>powered by</i>]
    link: javascript:alert(3)
"#;

#[test]
fn file_names_copy_and_books_show_as_text() {
    let p = Project::new();
    p.file(HOSTILE_NAME, HOSTILE_COPY);
    p.file("book.yaml", HOSTILE_BOOK);
    let run = p.run(&[
        "check",
        "--format",
        "html",
        "--phrasebook",
        "book.yaml",
        ".",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let page = &run.stdout;
    for raw in ["<img", "<script", "<b ", "<i>", "\"javascript:"] {
        let at = page.find(raw);
        assert!(at.is_none(), "`{raw}` written raw at {at:?}:\n{page}");
    }
    let finding = page
        .lines()
        .find(|l| l.starts_with("<article"))
        .expect("a finding");
    assert_eq!(
        finding,
        "<article class=\"finding error\"><p class=\"what\"><span class=\"sev error\">error</span> \
         <code class=\"rule\">partner-ai/calls-on</code> <span class=\"where\"><code>&lt;img \
         src=x onerror=alert(1)&gt;.md</code>, line 1, column 4</span></p><p class=\"message\">\
         &lt;script&gt;alert(2)&lt;/script&gt; Say &quot;powered by&quot;.</p><div \
         class=\"excerpt\">It <mark>calls on</mark> GPT. &lt;script&gt;alert(1)&lt;/script&gt;\
         </div><p class=\"say\">Say: <q>&lt;i&gt;powered by&lt;/i&gt;</q></p><p class=\"link\">\
         Guideline: <code>javascript:alert(3)</code></p></article>"
    );
    assert!(
        page.contains("<td>&lt;b onmouseover=alert(1)&gt;Legal&lt;/b&gt;</td>"),
        "{page}"
    );
    assert!(
        page.contains("<title>phraselint report: Fail (.)</title>"),
        "{page}"
    );
    // When it ran: UTC, RFC 3339, to the second.
    let at = page.find("<time datetime=\"").expect("a time") + 16;
    let stamp = &page[at..at + 20];
    let shape = stamp.bytes().enumerate().all(|(i, b)| match i {
        4 | 7 => b == b'-',
        10 => b == b'T',
        13 | 16 => b == b':',
        19 => b == b'Z',
        _ => b.is_ascii_digit(),
    });
    assert!(shape, "`{stamp}` is not YYYY-MM-DDTHH:MM:SSZ");
}

/// The page's verdict and what it says was asked of the run.
fn header(page: &str) -> (&str, &str) {
    let part = |from: &str, to: &str| {
        let start = page
            .find(from)
            .unwrap_or_else(|| panic!("no `{from}`:\n{page}"));
        let end = start + page[start..].find(to).unwrap() + to.len();
        &page[start..end]
    };
    (
        part("<div id=\"verdict\"", "</div>"),
        part("<dt>Paths</dt>", "</dl>"),
    )
}

#[test]
fn the_verdict_follows_the_exit_code_and_the_header_says_what_was_left_out() {
    let p = Project::new();
    p.file("a.md", "It calls on GPT.\n\nUnlimited seats.\n");
    let html = |args: &[&str], code: i32| {
        let mut all = vec!["check", "--format", "html"];
        all.extend(args);
        let run = p.run(&all);
        assert_eq!(run.code, code, "{args:?}: {}", run.stderr);
        run.stdout.replace(env!("CARGO_PKG_VERSION"), "[VERSION]")
    };
    let page = html(&["--fail-on", "never", "a.md"], 0);
    assert_eq!(
        header(&page),
        (
            "<div id=\"verdict\" class=\"verdict pass\"><strong>Pass</strong> --fail-on never: \
             findings do not fail the run.</div>",
            "<dt>Paths</dt><dd><code>a.md</code> </dd><dt>Fails at</dt><dd>--fail-on never\
             </dd><dt>Tool</dt><dd>phraselint [VERSION]</dd></dl>"
        )
    );
    let page = html(&["--fail-on", "never", "--max-warnings", "0", "a.md"], 1);
    assert_eq!(
        header(&page).0,
        "<div id=\"verdict\" class=\"verdict fail\"><strong>Fail</strong> 1 warning, more than \
         --max-warnings 0.</div>"
    );
    p.run(&["check", "--write-baseline", "base.json", "a.md"]);
    p.file("b.md", "It calls on GPT.\n");
    let page = html(&["--baseline", "base.json", "a.md", "b.md"], 1);
    assert_eq!(
        header(&page),
        (
            "<div id=\"verdict\" class=\"verdict fail\"><strong>Fail</strong> 1 finding at or \
             above error (--fail-on error).</div>",
            "<dt>Paths</dt><dd><code>a.md</code> <code>b.md</code> </dd><dt>Baseline</dt><dd>\
             Findings recorded in <code>base.json</code> are not listed.</dd><dt>Fails at</dt>\
             <dd>--fail-on error</dd><dt>Tool</dt><dd>phraselint [VERSION]</dd></dl>"
        )
    );
    let page = html(&["--fail-on", "info", "a.md", "missing.md"], 2);
    assert_eq!(
        header(&page).0,
        "<div id=\"verdict\" class=\"verdict error\"><strong>Incomplete</strong> 1 file could \
         not be read (see Errors); the run exits 2.</div>"
    );
    assert!(
        page.contains("<section id=\"errors\"><h2>Errors</h2><ul><li><code>missing.md</code>: no such file</li></ul></section>"),
        "{page}"
    );
    let run = p.run_with_stdin(
        &[
            "check",
            "--format",
            "html",
            "--stdin",
            "--stdin-filename",
            "c.md",
        ],
        Some(b"Fine copy.\n"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        header(&run.stdout.replace(env!("CARGO_PKG_VERSION"), "[VERSION]")),
        (
            "<div id=\"verdict\" class=\"verdict pass\"><strong>Pass</strong> No finding at or \
             above error (--fail-on error).</div>",
            "<dt>Paths</dt><dd><code>standard input, as c.md</code> </dd><dt>Fails at</dt><dd>\
             --fail-on error</dd><dt>Tool</dt><dd>phraselint [VERSION]</dd></dl>"
        )
    );
    let git = |args: &[&str]| {
        sh(Command::new("git")
            .args(args)
            .current_dir(p.path())
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.com"));
    };
    git(&["init", "-q"]);
    git(&["add", "a.md"]);
    git(&["commit", "-q", "-m", "a"]);
    let page = html(&["--changed-since", "HEAD"], 1);
    assert_eq!(
        header(&page).1,
        "<dt>Paths</dt><dd><code>.</code> </dd><dt>Changed since</dt><dd>Only files changed \
         since <code>HEAD</code> were checked.</dd><dt>Fails at</dt><dd>--fail-on error</dd>\
         <dt>Tool</dt><dd>phraselint [VERSION]</dd></dl>"
    );
}
