//! `phraselint serve` over real HTTP (see `common/server.rs`): its answers
//! compared byte for byte with `check --format json` on the same input,
//! uploads, bad requests, limits and 200 checks at once.

mod common;

use std::io::Write;
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;

use common::server::{read_answer, serve};
use common::{Project, run_in};

const COPY: &str = "# Launch\n\nOur assistant enables access to partner models.\n";

/// `check --stdin --stdin-filename NAME --format json` in `dir`.
fn check_stdin(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let run = run_in(
        dir,
        &[
            "check",
            "--stdin",
            "--stdin-filename",
            name,
            "--format",
            "json",
        ],
        Some(bytes),
    );
    run.stdout
}

fn project() -> Project {
    let project = Project::new();
    // A nested project with a config of its own: a name under `site/` is
    // checked with its book, as `check` would.
    project.file(
        "site/.phraselint.yaml",
        "phrasebooks:\n  - books/house.yaml\n",
    );
    project.file(
        "site/books/house.yaml",
        "phrasebook: house\nversion: 2.1.0\nschema: 1\nrules:\n  - id: no-synergy\n    banned: [synergy]\n    severity: warning\n    message: Say what it does.\n",
    );
    project
}

#[test]
fn check_answers_what_check_writes() {
    let project = project();
    let server = serve(project.path(), &[]);
    let cases = [
        ("docs/launch.md", COPY.to_owned()),
        (
            "page.html",
            "<p>It <b>enables access</b> to partner models.</p>".to_owned(),
        ),
        (
            "site/notes.txt",
            "Real synergy, and it enables access to partner models.\n".to_owned(),
        ),
        ("clean.md", "Nothing to see here.\n".to_owned()),
    ];
    for (name, text) in &cases {
        let answer = server.check_json(&serde_json::json!({ "filename": name, "text": text }));
        assert_eq!(answer.status, 200, "{name}: {}", answer.text());
        assert!(answer.head.contains("content-type: application/json"));
        assert_eq!(
            answer.text(),
            check_stdin(project.path(), name, text.as_bytes()),
            "{name}"
        );
    }
    // The nested book was used, and a name without a folder gets the
    // built-in books.
    let site =
        server.check_json(&serde_json::json!({ "filename": "site/a.md", "text": "synergy" }));
    assert!(
        site.text().contains("\"rule\": \"house/no-synergy\""),
        "{}",
        site.text()
    );
    // No name: `<stdin>`, read as text, like `check --stdin`.
    let unnamed = server.check_json(&serde_json::json!({ "text": COPY }));
    let run = run_in(
        project.path(),
        &["check", "--stdin", "--format", "json"],
        Some(COPY.as_bytes()),
    );
    assert_eq!(unnamed.text(), run.stdout);
}

#[test]
fn uploads_answer_what_check_writes() {
    let project = project();
    let server = serve(project.path(), &[]);
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd/office-location.in");
    for name in ["brochure.pdf", "price-sheet.xlsx", "sales-deck.pptx"] {
        let bytes = std::fs::read(fixtures.join(name)).unwrap();
        let answer = server.upload(name, &bytes);
        assert_eq!(answer.status, 200, "{name}: {}", answer.text());
        assert!(
            answer.text().contains("\"location\""),
            "{name}: {}",
            answer.text()
        );
        assert_eq!(
            answer.text(),
            check_stdin(project.path(), name, &bytes),
            "{name}"
        );
    }
    // The sample datasheet, a Word file.
    let docx = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs-samples/datasheet.docx");
    let bytes = std::fs::read(docx).unwrap();
    let answer = server.upload("datasheet.docx", &bytes);
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert!(answer.text().contains("\"location\""), "{}", answer.text());
    assert_eq!(
        answer.text(),
        check_stdin(project.path(), "datasheet.docx", &bytes)
    );
    let answer = server.upload("launch.md", COPY.as_bytes());
    assert_eq!(
        answer.text(),
        check_stdin(project.path(), "launch.md", COPY.as_bytes())
    );
}

#[test]
fn bad_requests_get_an_error_in_json() {
    let project = project();
    let server = serve(project.path(), &["--max-filesize", "1K"]);
    let post = |content_type: &str, body: &[u8]| {
        let a = server.request("POST", "/api/v1/check", content_type, body);
        (a.status, a.text().to_owned())
    };
    let (status, body) = post("application/json", b"{\"text\": ");
    assert_eq!(status, 400);
    assert!(
        body.starts_with("{\"error\":\"Failed to parse the request body as JSON"),
        "{body}"
    );
    assert_eq!(
        post("application/json", b"{\"filename\": \"a.md\"}"),
        (400, "{\"error\":\"Failed to deserialize the JSON body into the target type: missing field `text` at line 1 column 20\"}".to_owned())
    );
    assert_eq!(
        post("application/json", b"{\"filename\": \"../a.md\", \"text\": \"x\"}"),
        (400, "{\"error\":\"filename `../a.md` must be a relative path inside the served folder, such as docs/a.md\"}".to_owned())
    );
    assert_eq!(
        post(
            "application/json",
            b"{\"filename\": \"/etc/a.md\", \"text\": \"x\"}"
        )
        .0,
        400
    );
    assert_eq!(
        post(
            "multipart/form-data; boundary=x",
            b"--x\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nhi\r\n--x--\r\n"
        ),
        (
            400,
            "{\"error\":\"the multipart request has no part named `file`\"}".to_owned()
        )
    );
    assert_eq!(post("multipart/form-data", b"junk").0, 400);
    let (status, body) = post("text/plain", b"hello");
    assert_eq!(status, 415, "{body}");
    // Over --max-filesize: 413, whether JSON or an upload.
    let big = serde_json::json!({ "filename": "a.md", "text": "x".repeat(2000) });
    let answer = server.check_json(&big);
    assert_eq!(answer.status, 413, "{}", answer.text());
    assert!(
        answer.text().starts_with("{\"error\":"),
        "{}",
        answer.text()
    );
    assert_eq!(server.upload("a.md", &[b'x'; 2000]).status, 413);
    // Wrong method, wrong page.
    let answer = server.get("/api/v1/check");
    assert_eq!(
        (answer.status, answer.text()),
        (405, "{\"error\":\"method not allowed here\"}")
    );
    let answer = server.request("DELETE", "/healthz", "text/plain", b"");
    assert_eq!(answer.status, 405);
    let answer = server.get("/nowhere");
    assert_eq!(
        (answer.status, answer.text()),
        (404, "{\"error\":\"no such page\"}")
    );
    // A folder whose config does not load: the server's fault, a 500
    // naming it, and the other folders are still checked.
    project.file("broken/.phraselint.yaml", "phrasebooks: [missing.yaml]\n");
    let missing = project.path().join("broken/missing.yaml");
    assert_eq!(
        post(
            "application/json",
            b"{\"filename\": \"broken/a.md\", \"text\": \"x\"}"
        ),
        (
            500,
            format!(
                "{{\"error\":\"broken/.phraselint.yaml:1:15: phrasebook {} is not a readable file\"}}",
                missing.display()
            )
        )
    );
    // Still serving.
    assert_eq!(server.get("/healthz").text(), "{\"status\":\"ok\"}");
    assert_eq!(
        server
            .check_json(&serde_json::json!({ "filename": "a.md", "text": "x" }))
            .status,
        200
    );
}

#[test]
fn books_health_and_the_page() {
    let project = project();
    let server = serve(project.path(), &[]);
    assert!(server.said.is_empty(), "{}", server.said);
    let health = server.get("/healthz");
    assert_eq!((health.status, health.text()), (200, "{\"status\":\"ok\"}"));
    let books: serde_json::Value =
        serde_json::from_slice(&server.get("/api/v1/phrasebooks").body).unwrap();
    let report: serde_json::Value =
        serde_json::from_str(&check_stdin(project.path(), "a.md", b"")).unwrap();
    assert_eq!(books["phrasebooks"], report["phrasebooks"]);
    let page = server.get("/");
    assert_eq!(page.status, 200);
    assert!(page.head.contains("content-type: text/html; charset=utf-8"));
    assert!(
        page.head
            .contains("content-security-policy: default-src 'self'")
    );
    assert!(
        page.text()
            .contains("<script src=\"app.js\" defer></script>")
    );
    assert!(server.get("/app.js").text().contains("api/v1/check"));
    assert!(
        server
            .get("/style.css")
            .head
            .contains("content-type: text/css")
    );
}

#[test]
fn two_hundred_concurrent_checks_agree() {
    let project = project();
    let server = serve(project.path(), &["--jobs", "2"]);
    let body = serde_json::json!({ "filename": "docs/launch.md", "text": COPY.repeat(20) });
    let expected = check_stdin(project.path(), "docs/launch.md", COPY.repeat(20).as_bytes());
    let answers: Vec<(u16, String)> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..200)
            .map(|_| {
                scope.spawn(|| {
                    let a = server.check_json(&body);
                    (a.status, a.text().to_owned())
                })
            })
            .collect();
        threads.into_iter().map(|t| t.join().unwrap()).collect()
    });
    for (status, text) in answers {
        assert_eq!(status, 200);
        assert_eq!(text, expected);
    }
}

#[test]
fn a_client_that_stalls_gets_408_and_others_are_served() {
    let project = project();
    let server = serve(project.path(), &["--timeout", "1"]);
    let mut stalled = TcpStream::connect(&server.addr).unwrap();
    stalled
        .write_all(b"POST /api/v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"text\":")
        .unwrap();
    assert_eq!(server.get("/healthz").status, 200);
    stalled
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let answer = read_answer(stalled);
    assert_eq!(
        (answer.status, answer.text()),
        (408, "{\"error\":\"the request took longer than 1 s\"}")
    );
}

#[test]
fn a_client_that_never_finishes_its_headers_is_cut_off() {
    let project = project();
    let server = serve(project.path(), &["--timeout", "1"]);
    // One that sends half a request line, and one that sends nothing.
    let mut slow = TcpStream::connect(&server.addr).unwrap();
    slow.write_all(b"POST /api/v1/check HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        .unwrap();
    let silent = TcpStream::connect(&server.addr).unwrap();
    for mut stream in [slow, silent] {
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        let mut answer = Vec::new();
        // Closed by the server (a read timeout here would be an error).
        std::io::Read::read_to_end(&mut stream, &mut answer).unwrap();
        let answer = String::from_utf8_lossy(&answer);
        assert!(
            answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
            "{answer}"
        );
    }
    assert_eq!(server.get("/healthz").status, 200);
}

#[test]
fn another_host_than_loopback_warns() {
    let project = project();
    let server = serve(project.path(), &["--host", "0.0.0.0"]);
    assert_eq!(
        server.said,
        format!(
            "warning: serving on {} without authentication: anyone who can reach it can use it\n",
            server.addr
        )
    );
}

#[test]
fn a_broken_config_stops_it_at_start() {
    let project = Project::new();
    project.file(".phraselint.yaml", "phrasebooks: [missing.yaml]\n");
    let run = run_in(project.path(), &["serve", "--port", "0"], None);
    let missing = project.path().join("missing.yaml");
    assert_eq!(
        (run.code, run.stderr),
        (
            2,
            format!(
                "error: .phraselint.yaml:1:15: phrasebook {} is not a readable file\n",
                missing.display()
            )
        )
    );
}
