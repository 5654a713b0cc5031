//! `check --format html` as a person gets it: escaping checked on the raw
//! page, and the page opened in headless Chromium (Debian's `chromium`,
//! installed with apt-get on first use when missing): the rendered DOM
//! holds every finding the JSON report lists, Chromium logs no console
//! message (a script error or anything the page's Content-Security-Policy
//! blocks), and a screenshot is left in `target/tmp/html-report.png` for
//! review.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

use common::{Project, run_bounded, sh};
use html5gum::{Token, Tokenizer};

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

/// Chromium, installed from Debian's packages when it is not on the PATH.
fn chromium() -> &'static Path {
    static CHROMIUM: OnceLock<PathBuf> = OnceLock::new();
    CHROMIUM.get_or_init(|| {
        let found = |name: &str| {
            let out = Command::new("sh")
                .args(["-c", &format!("command -v {name}")])
                .output()
                .unwrap();
            out.status
                .success()
                .then(|| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
        };
        if let Some(path) = found("chromium") {
            return path;
        }
        sh(Command::new("apt-get").args(["update", "-q"]));
        sh(Command::new("apt-get")
            .args(["install", "-y", "-q", "--no-install-recommends", "chromium"])
            .env("DEBIAN_FRONTEND", "noninteractive"));
        found("chromium").expect("chromium is on the PATH once installed")
    })
}

/// What headless Chromium made of a page: its standard output (the DOM,
/// with `--dump-dom`) and the console messages it logged.
struct Loaded {
    stdout: String,
    console: Vec<String>,
}

/// Loads `page` in headless Chromium with `args` (an action such as
/// `--dump-dom`), logging to standard error, in a profile of its own.
fn load(page: &Path, args: &[&str]) -> Loaded {
    let profile = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(chromium());
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--enable-logging=stderr",
        "--v=0",
    ])
    .arg(format!("--user-data-dir={}", profile.path().display()))
    .args(args)
    .arg(format!("file://{}", page.display()));
    let run = run_bounded(cmd, Duration::from_secs(120), |_| {}).run();
    assert_eq!(run.code, 0, "chromium failed:\n{}", run.stderr);
    Loaded {
        console: run
            .stderr
            .lines()
            .filter(|l| l.contains(":CONSOLE"))
            .map(str::to_owned)
            .collect(),
        stdout: run.stdout,
    }
}

/// A DOM as text: each `article`'s text, the whole page's, and every
/// element's name with its attributes.
#[derive(Default)]
struct Dom {
    articles: Vec<String>,
    text: String,
    elements: Vec<(String, Vec<(String, String)>)>,
}

fn parse(html: &str) -> Dom {
    let mut dom = Dom::default();
    let mut article: Option<String> = None;
    let text = |s: &[u8]| String::from_utf8_lossy(s).into_owned();
    for token in Tokenizer::new(html).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = text(&tag.name);
                if name == "article" {
                    article = Some(String::new());
                }
                let attributes = tag
                    .attributes
                    .iter()
                    .map(|(k, v)| (text(k), text(&v.value)))
                    .collect();
                dom.elements.push((name, attributes));
            }
            Token::EndTag(tag) if text(&tag.name) == "article" => {
                dom.articles.extend(article.take());
            }
            Token::String(s) => {
                let s = text(&s.value);
                if let Some(a) = &mut article {
                    a.push_str(&s);
                }
                dom.text.push_str(&s);
            }
            _ => {}
        }
    }
    dom
}

/// A folder of copy with findings of every kind: the HTML report's case in
/// tests/cmd (a multi-line match, a missing required phrase, suppressions
/// with and without a reason, an unused one), a deck and a PDF, and a file
/// whose name and text are markup.
fn project() -> Project {
    let p = Project::new();
    let cases = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd");
    for file in [
        "partner-ai.yaml",
        "claims.yaml",
        "docs/launch.md",
        "sales/one-pager.md",
    ] {
        p.file(
            file,
            std::fs::read(cases.join("html-report.in").join(file)).unwrap(),
        );
    }
    for file in ["sales-deck.pptx", "brochure.pdf"] {
        p.file(
            &format!("sales/{file}"),
            std::fs::read(cases.join("office-location.in").join(file)).unwrap(),
        );
    }
    p.file(&format!("docs/{HOSTILE_NAME}"), HOSTILE_COPY);
    p
}

#[test]
#[expect(
    clippy::print_stdout,
    reason = "the screenshot's path, in the test's output for review"
)]
fn chromium_renders_every_finding_with_no_console_message() {
    let p = project();
    let args = [
        "--phrasebook",
        "partner-ai.yaml",
        "--phrasebook",
        "claims.yaml",
        "docs",
        "sales",
    ];
    let check = |format: &str| {
        let mut all = vec!["check", "--format", format];
        all.extend(args);
        let run = p.run(&all);
        assert_eq!(run.code, 1, "{format}: {}", run.stderr);
        run
    };
    // Kept in target/tmp beside its screenshot, for review.
    let out = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let page = out.join("html-report.html");
    std::fs::write(&page, check("html").stdout).unwrap();
    let findings = check("json").json()["findings"].as_array().unwrap().clone();
    assert!(findings.len() >= 10, "{findings:?}");

    let loaded = load(&page, &["--dump-dom"]);
    assert_eq!(loaded.console, Vec::<String>::new(), "console messages");
    let dom = parse(&loaded.stdout);
    assert_eq!(dom.articles.len(), findings.len(), "one article a finding");
    for (article, f) in dom.articles.iter().zip(&findings) {
        let s = |key: &str| f[key].as_str().unwrap_or_default();
        for wanted in [s("rule"), s("path"), s("matched"), s("location")] {
            assert!(article.contains(wanted), "`{wanted}` not in `{article}`");
        }
    }
    for wanted in [
        "Brand & Legal",
        "Dana Reyes (Legal)",
        "2025-01-31",
        "approved by Legal, LEGAL-42",
        "no reason given",
        "<!-- phraselint-disable-next-line claims/unlimited -->",
        "docs/<img src=x onerror=alert(1)>.md",
        "<script>alert(1)</script>",
    ] {
        assert!(dom.text.contains(wanted), "`{wanted}` not shown");
    }
    for (name, attributes) in &dom.elements {
        assert!(
            !matches!(
                name.as_str(),
                "script" | "img" | "iframe" | "object" | "embed"
            ),
            "a <{name}> element"
        );
        for (attribute, value) in attributes {
            assert!(!attribute.starts_with("on"), "<{name} {attribute}={value}>");
        }
    }

    let shot = out.join("html-report.png");
    let _ = std::fs::remove_file(&shot);
    let loaded = load(
        &page,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1280,2000",
            "--hide-scrollbars",
        ],
    );
    assert_eq!(loaded.console, Vec::<String>::new(), "console messages");
    let png = std::fs::read(&shot).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    println!("screenshot of the report: {}", shot.display());
}

/// The console check above is no formality: what the page's policy blocks,
/// and a script error, are console messages Chromium logs.
#[test]
fn chromium_logs_what_the_policy_blocks_and_script_errors() {
    let dir = tempfile::tempdir().unwrap();
    let logged = |name: &str, html: &str, wanted: &[&str]| {
        let page = dir.path().join(name);
        std::fs::write(&page, html).unwrap();
        let console = load(&page, &["--dump-dom"]).console;
        assert_eq!(console.len(), wanted.len(), "{console:?}");
        for (line, wanted) in console.iter().zip(wanted) {
            assert!(line.contains(wanted), "`{wanted}` not in {line}");
        }
    };
    logged(
        "blocked.html",
        "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" \
         content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\
         </head><body><img src=\"http://127.0.0.1:9/x.png\"><script>alert(1)</script>\
         </body></html>",
        &[
            "Content Security Policy directive: \"img-src data:\"",
            "inline script",
        ],
    );
    logged(
        "error.html",
        "<!DOCTYPE html><script>null.x</script>",
        &["Uncaught TypeError"],
    );
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

#[test]
fn the_table_by_rule_shows_the_severities_reported_after_overrides() {
    let p = Project::new();
    p.file(
        ".phraselint.yaml",
        "overrides:\n  - paths: [\"blog/**\"]\n    severity: { partner-ai/calls-on: warning }\n",
    );
    p.file("docs/a.md", "It calls on GPT.\n");
    p.file("blog/b.md", "It calls on GPT.\n");
    p.file("blog/c.md", "It calls on GPT.\n");
    let run = p.run(&["check", "--format", "html", "."]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "<tr><td><code>partner-ai/calls-on</code></td><td><span class=\"sev error\">error\
             </span> <span class=\"sev warning\">warning</span></td><td class=\"n\">3</td></tr>"
        ),
        "{}",
        run.stdout
    );
}
