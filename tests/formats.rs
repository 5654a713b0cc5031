//! PRODUCT.md §7's other formats, each from the same findings: SARIF
//! (validated against the official schema and by Microsoft's SARIF
//! Multitool), GitHub annotations, GitLab Code Quality, LSP diagnostics and
//! Checkstyle.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::{Project, python_with_jsonschema, sh, tools};
use serde_json::Value;

/// A fixture with non-ASCII text before matches, a repeated phrase and a
/// suppression.
fn fixture(p: &Project) {
    p.file(
        "docs/a.md",
        "# Café 日本 😀 calls on GPT\n\n😀 It calls on GPT, really.\n\n<!-- phraselint-disable-next-line calls-on -- approved -->\nIt calls on GPT.\n\nUnlimited seats.\n",
    );
    p.file("docs/b,%:c.md", "It calls on GPT.\n");
    // A document phraselint cannot read: listed as not checked.
    p.file("docs/old/brief.doc", "\u{D0}\u{CF} legacy");
}

fn run_format(p: &Project, format: &str) -> common::Run {
    p.run(&["check", "--format", format, "docs"])
}

/// Microsoft's SARIF Multitool, installed from npm on first use (once for
/// all the tests).
fn sarif_multitool() -> &'static Path {
    static MULTITOOL: OnceLock<PathBuf> = OnceLock::new();
    MULTITOOL.get_or_init(|| {
        let dir = tools().join("npm");
        let binary = dir.join("node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
        if !binary.exists() {
            std::fs::create_dir_all(&dir).unwrap();
            sh(Command::new("npm")
                .args(["install", "--no-audit", "--no-fund", "--prefix"])
                .arg(&dir)
                .arg("@microsoft/sarif-multitool@5"));
        }
        // npm skips the package's own chmod (install scripts need approval).
        sh(Command::new("chmod").arg("u+x").arg(&binary));
        binary
    })
}

/// Results the Multitool's `Sarif;Ghas` rules report on a SARIF file.
fn multitool_problems(sarif: &Path) -> Vec<String> {
    let out = sarif.with_extension("validation.sarif");
    let _ = std::fs::remove_file(&out);
    // It exits 0 even on problems: the count is in its own output file.
    Command::new(sarif_multitool())
        .args([
            "validate",
            "--rule-kind",
            "Sarif;Ghas",
            "--log",
            "ForceOverwrite",
            "-o",
        ])
        .arg(&out)
        .arg(sarif)
        .output()
        .unwrap();
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("multitool wrote its report"))
            .unwrap();
    report["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| format!("{} {}", r["ruleId"], r["message"]))
        .collect()
}

/// Validates a SARIF file against the official schema and with the
/// Multitool's `Sarif;Ghas` rules.
fn assert_valid_sarif(file: &Path) {
    let schema =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/sarif-schema-2.1.0.json");
    let script = "import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))";
    sh(Command::new(python_with_jsonschema())
        .args(["-c", script])
        .arg(file)
        .arg(&schema));
    assert_eq!(multitool_problems(file), Vec::<String>::new());
}

#[test]
fn sarif_is_valid_and_carries_rules_regions_fingerprints_and_books() {
    let p = Project::new();
    fixture(&p);
    // A repository root above the checked folder: paths are relative to it.
    std::fs::create_dir(p.path().join(".git")).unwrap();
    let run = run_format(&p, "sarif");
    assert_eq!(run.code, 1, "{}", run.stderr);
    let sarif: Value = serde_json::from_str(&run.stdout).unwrap();
    let file = p.file("out.sarif", &run.stdout);
    assert_valid_sarif(&file);
    // The Multitool does find problems when there are some.
    let broken = p.file(
        "broken.sarif",
        run.stdout
            .replace("\"uriBaseId\": \"%SRCROOT%\"", "\"uriBaseId\": \"%NOPE%\"")
            .replace("\"startLine\": ", "\"startLine\": -"),
    );
    assert!(!multitool_problems(&broken).is_empty());

    let run0 = &sarif["runs"][0];
    assert_eq!(run0["columnKind"], "utf16CodeUnits");
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    let calls_on = rules
        .iter()
        .find(|r| r["id"] == "partner-ai/calls-on")
        .unwrap();
    for key in [
        "name",
        "shortDescription",
        "fullDescription",
        "help",
        "helpUri",
        "defaultConfiguration",
    ] {
        assert!(!calls_on[key].is_null(), "rule lacks {key}");
    }
    assert_eq!(calls_on["defaultConfiguration"]["level"], "error");
    let results = run0["results"].as_array().unwrap();
    let first = &results[0];
    assert_eq!(first["ruleId"], "partner-ai/calls-on");
    let location = &first["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "docs/a.md");
    // "# Café 日本 😀 " is 13 UTF-16 code units (the emoji is two).
    assert_eq!(
        location["region"],
        serde_json::json!({"startLine": 1, "startColumn": 14, "endLine": 1, "endColumn": 22})
    );
    assert!(first["partialFingerprints"]["phraselint/v1"].is_string());
    assert!(results.iter().any(
        |r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "docs/b,%25%3Ac.md"
    ));
    let suppressed: Vec<&Value> = results
        .iter()
        .filter(|r| r["suppressions"].is_array())
        .collect();
    assert_eq!(suppressed.len(), 1);
    assert_eq!(
        suppressed[0]["suppressions"][0]["justification"],
        "approved"
    );
    // GitHub shows descriptions up to 1,024 characters: the built-in
    // partner-ai/calls-on's 184 phrases do not fit, its help lists them all.
    for rule in rules {
        for key in ["shortDescription", "fullDescription"] {
            let text = rule[key]["text"].as_str().unwrap();
            assert!(
                text.encode_utf16().count() <= 1024,
                "{key} of {}",
                rule["id"]
            );
        }
    }
    let calls_on_full = calls_on["fullDescription"]["text"].as_str().unwrap();
    assert!(
        calls_on_full.starts_with("Don't say the product calls on partner models; say it is powered by them. Phrases: calls on, calls upon, calls OpenAI, "),
        "{calls_on_full}"
    );
    assert!(
        calls_on_full.ends_with(", and 131 more (the help lists every one)."),
        "{calls_on_full}"
    );
    let help = calls_on["help"]["text"].as_str().unwrap();
    assert_eq!(help.matches(", ").count(), 183, "{help}");
    assert!(help.ends_with(", proxies ... to Sora."), "{help}");
    // Every rule with a link has it as helpUri; phraselint's own rules
    // link to the README's Suppressions.
    for id in [
        "phraselint/unused-suppression",
        "phraselint/suppression-without-reason",
    ] {
        let rule = rules.iter().find(|r| r["id"] == id).unwrap();
        assert_eq!(
            rule["helpUri"],
            "https://github.com/phraselint/phraselint#suppressions"
        );
    }
    let notes = &run0["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(
        notes,
        &serde_json::json!([{
            "level": "warning",
            "message": { "text": "not checked docs/old/brief.doc: a legacy Word document (.doc) cannot be read; save it as .docx" },
        }, {
            "level": "note",
            "message": { "text": "rule partner-ai/calls-on: its description lists 53 of its 184 phrases, to fit the 1024 characters GitHub shows; its help lists them all" },
            "associatedRule": { "id": "partner-ai/calls-on", "index": 5 },
        }, {
            "level": "note",
            "message": { "text": "rule partner-ai/available-through: its description lists 46 of its 92 phrases, to fit the 1024 characters GitHub shows; its help lists them all" },
            "associatedRule": { "id": "partner-ai/available-through", "index": 6 },
        }])
    );
    // Nothing is left out: the command line says nothing of the notes.
    assert_eq!(
        run.stderr,
        "note: not checked docs/old/brief.doc: a legacy Word document (.doc) cannot be read; save it as .docx\n"
    );
    assert_eq!(run0["invocations"][0]["executionSuccessful"], true);
    let books = run0["properties"]["phrasebooks"].as_array().unwrap();
    assert_eq!(books[0]["name"], "partner-ai");
    assert_eq!(books[0]["sha256"].as_str().unwrap().len(), 64);
}

#[test]
fn lsp_positions_are_zero_based_utf16() {
    let p = Project::new();
    fixture(&p);
    let run = run_format(&p, "lsp");
    let params: Vec<Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let a = params
        .iter()
        .find(|v| v["uri"].as_str().unwrap().ends_with("/docs/a.md"))
        .unwrap();
    assert!(a["uri"].as_str().unwrap().starts_with("file:///"));
    let d = &a["diagnostics"][0];
    assert_eq!(
        d["range"],
        serde_json::json!({"start": {"line": 0, "character": 13}, "end": {"line": 0, "character": 21}})
    );
    assert_eq!(d["severity"], 1);
    assert_eq!(d["code"], "partner-ai/calls-on");
    assert_eq!(d["source"], "phraselint");
    assert_eq!(
        d["codeDescription"]["href"],
        "https://example.com/brand/partner-ai#calls-on"
    );
    assert_eq!(d["data"]["suggestions"], serde_json::json!(["powered by"]));
    // The emoji before the second match is two code units.
    assert_eq!(
        a["diagnostics"][1]["range"]["start"],
        serde_json::json!({"line": 2, "character": 6})
    );

    // A clean file still gets its (empty) list, to clear an editor's.
    let stdin = p.run_with_stdin(
        &[
            "check",
            "--format",
            "lsp",
            "--stdin",
            "--stdin-filename",
            "x.md",
        ],
        Some(b"Fine.\n"),
    );
    let v: Value = serde_json::from_str(stdin.stdout.trim()).unwrap();
    assert_eq!(v["diagnostics"], serde_json::json!([]));
}

#[test]
fn github_annotations_escape_properties_and_data() {
    let p = Project::new();
    fixture(&p);
    let run = run_format(&p, "github");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "::error file=docs/a.md,line=1,col=13,endLine=1,endColumn=21,title=partner-ai/calls-on::Don't say the product calls on partner models; say it is powered by them.%0ASay instead: powered by"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("::warning file=docs/a.md,line=8,col=1,")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("::error file=docs/b%2C%25%3Ac.md,line=1,")),
        "{lines:?}"
    );
}

#[test]
fn gitlab_code_quality_has_unique_fingerprints() {
    let p = Project::new();
    p.file(
        "docs/a.md",
        "It calls on GPT.\n\nIt calls on GPT.\n\nIt calls on GPT.\n",
    );
    let run = run_format(&p, "gitlab");
    let issues: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(issues.len(), 3);
    let mut fingerprints: Vec<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    fingerprints.dedup();
    assert_eq!(fingerprints.len(), 3);
    assert_eq!(issues[1]["check_name"], "partner-ai/calls-on");
    assert_eq!(issues[1]["severity"], "major");
    assert_eq!(
        issues[1]["location"],
        serde_json::json!({"path": "docs/a.md", "lines": {"begin": 3, "end": 3}})
    );
    assert!(
        issues[1]["description"]
            .as_str()
            .unwrap()
            .starts_with("Don't say")
    );
}

#[test]
fn checkstyle_xml() {
    let p = Project::new();
    p.file("docs/a&b.md", "It calls on GPT. Unlimited.\n");
    let run = run_format(&p, "checkstyle");
    assert_eq!(
        run.stdout,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n  <file name=\"docs/a&amp;b.md\">\n    <error line=\"1\" column=\"4\" severity=\"error\" message=\"Don&apos;t say the product calls on partner models; say it is powered by them.\" source=\"phraselint.partner-ai/calls-on\"/>\n    <error line=\"1\" column=\"18\" severity=\"warning\" message=\"Every plan has limits; state them.\" source=\"phraselint.claims/unlimited\"/>\n  </file>\n</checkstyle>\n"
    );
}

#[test]
fn gitlab_and_lsp_carry_an_office_findings_location_in_the_message() {
    let p = Project::new();
    let sheet =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs-samples/price-sheet.xlsx"))
            .unwrap();
    p.file("docs/price-sheet.xlsx", sheet);
    let gitlab: Vec<Value> = serde_json::from_str(&run_format(&p, "gitlab").stdout).unwrap();
    assert_eq!(
        gitlab[0]["description"],
        "Every plan has limits; state them. (in Pricing!B7) (Unlimited)"
    );
    let lsp: Value =
        serde_json::from_str(run_format(&p, "lsp").stdout.lines().next().unwrap()).unwrap();
    assert_eq!(
        lsp["diagnostics"][0]["message"],
        "Every plan has limits; state them. (in Pricing!B7)"
    );
}

/// The SARIF results of a run, as JSON.
fn sarif_results(run: &common::Run) -> Vec<Value> {
    let sarif: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}); stderr: {}", run.stderr));
    sarif["runs"][0]["results"].as_array().unwrap().clone()
}

fn uri(result: &Value) -> &str {
    result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap()
}

/// A zip with the same parts as `zip`, stored instead of deflated and in
/// the opposite order: other bytes, the same document.
fn rezipped(zip: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in (0..archive.len()).rev() {
        let mut part = archive.by_index(i).unwrap();
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).unwrap();
        out.start_file(part.name().unwrap(), options).unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// An Office or PDF finding says where a person finds it in SARIF too: in
/// its message (what GitHub shows) and as a logical location. It carries
/// its own `primaryLocationLineHash`: GitHub's upload action (codeql-action,
/// `src/fingerprints.ts`) keeps a result's hash and otherwise hashes the
/// file's text at the line the region starts on, which in a zip or a PDF is
/// bytes that change with any save. A text file's result leaves the hash to
/// the action, whose lines are phraselint's.
#[test]
fn sarif_says_where_office_and_pdf_findings_are_with_a_line_hash_of_their_own() {
    let p = Project::new();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs-samples");
    let deck = std::fs::read(samples.join("sales-deck.pptx")).unwrap();
    for name in ["brochure.pdf", "price-sheet.xlsx"] {
        p.file(
            &format!("docs/{name}"),
            std::fs::read(samples.join(name)).unwrap(),
        );
    }
    p.file("docs/sales-deck.pptx", &deck);
    p.file("docs/a.md", "It calls on GPT.\n");
    let run = run_format(&p, "sarif");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_valid_sarif(&p.file("out.sarif", &run.stdout));
    let results = sarif_results(&run);

    let sheet = results
        .iter()
        .find(|r| uri(r) == "docs/price-sheet.xlsx")
        .unwrap();
    assert_eq!(
        sheet["message"]["text"],
        "Every plan has limits; state them. (in Pricing!B7) (\"Unlimited\")"
    );
    assert_eq!(
        sheet["locations"][0]["logicalLocations"],
        serde_json::json!([{ "name": "Pricing!B7" }])
    );
    let documents: Vec<&Value> = results.iter().filter(|r| uri(r) != "docs/a.md").collect();
    assert_eq!(documents.len(), 12);
    for r in &documents {
        let place = r["locations"][0]["logicalLocations"][0]["name"]
            .as_str()
            .unwrap();
        let message = r["message"]["text"].as_str().unwrap();
        assert!(message.contains(&format!(" (in {place}) ")), "{message}");
        // The action's own form: 16 hex digits, which repeat it is.
        let hash = r["partialFingerprints"]["primaryLocationLineHash"]
            .as_str()
            .unwrap();
        let (hex, nth) = hash.split_once(':').unwrap();
        assert!(
            hex.len() == 16 && hex.chars().all(|c| c.is_ascii_hexdigit()),
            "{hash}"
        );
        assert_eq!(nth, "1", "{hash}");
    }
    let text = results.iter().find(|r| uri(r) == "docs/a.md").unwrap();
    assert!(text["partialFingerprints"]["primaryLocationLineHash"].is_null());
    assert!(text["locations"][0]["logicalLocations"].is_null());
    assert_eq!(
        text["message"]["text"],
        "Don't say the product calls on partner models; say it is powered by them. (\"calls on\")"
    );

    // The same deck saved anew (other bytes, the same slides): the same
    // hashes.
    let hashes = |results: &[Value]| -> Vec<(String, Value)> {
        results
            .iter()
            .filter(|r| uri(r) == "docs/sales-deck.pptx")
            .map(|r| {
                (
                    r["message"]["text"].as_str().unwrap().to_owned(),
                    r["partialFingerprints"].clone(),
                )
            })
            .collect()
    };
    let before = hashes(&results);
    assert_eq!(before.len(), 6);
    let resaved = rezipped(&deck);
    assert_ne!(resaved, deck);
    p.file("docs/sales-deck.pptx", resaved);
    assert_eq!(hashes(&sarif_results(&run_format(&p, "sarif"))), before);
}

/// GitHub code scanning rejects a run of more than 25,000 results: the
/// rest are left out, errors kept first (here they come last in path
/// order), and the run's notification and standard error say so.
#[test]
fn sarif_keeps_to_githubs_25000_results_errors_first() {
    let p = Project::new();
    p.file("a.txt", "Unlimited.\n".repeat(20_000));
    p.file("b.txt", "It calls on GPT.\n".repeat(10_000));
    let run = p.run(&["check", "--format", "sarif", "a.txt", "b.txt"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let left_out = "5000 of 30000 results left out (5000 warnings): GitHub code scanning takes at most 25000 a run; errors are kept first, then warnings, notes and suppressed findings, each in path order; --format json lists every finding";
    assert_eq!(run.stderr, format!("note: {left_out}\n"));
    let sarif: Value = serde_json::from_str(&run.stdout).unwrap();
    let run0 = &sarif["runs"][0];
    let results = run0["results"].as_array().unwrap();
    assert_eq!(results.len(), 25_000);
    let level = |l: &str| results.iter().filter(|r| r["level"] == l).count();
    assert_eq!((level("error"), level("warning")), (10_000, 15_000));
    // The warnings kept are the first in path order.
    let last = results.iter().rfind(|r| r["level"] == "warning").unwrap();
    assert_eq!(
        last["locations"][0]["physicalLocation"]["region"]["startLine"],
        15_000
    );
    assert_eq!(
        run0["invocations"][0]["toolExecutionNotifications"][0],
        serde_json::json!({ "level": "warning", "message": { "text": left_out } })
    );
}

/// A rule's message longer than GitHub shows is cut to 1,024 characters
/// (UTF-16 code units, never fewer than characters) in its descriptions,
/// whole in its help.
#[test]
fn sarif_cuts_a_long_message_to_1024_characters() {
    let p = Project::new();
    let message = "Ça ne va pas. ".repeat(80);
    p.file(
        "t.yaml",
        format!(
            "phrasebook: t\nversion: 1.0.0\nschema: 1\nrules:\n  - id: wordy\n    banned: [synergy]\n    message: \"{}\"\n",
            message.trim_end()
        ),
    );
    p.file("a.md", "Synergy.\n");
    let run = p.run(&[
        "check",
        "--format",
        "sarif",
        "--phrasebook",
        "t.yaml",
        "a.md",
    ]);
    let sarif: Value = serde_json::from_str(&run.stdout).unwrap();
    let rule = &sarif["runs"][0]["tool"]["driver"]["rules"][0];
    let short = rule["shortDescription"]["text"].as_str().unwrap();
    assert_eq!(short.chars().count(), 1024);
    assert_eq!(
        short,
        format!(
            "{}…",
            &message[..message.char_indices().nth(1023).unwrap().0]
        )
    );
    assert_eq!(rule["fullDescription"]["text"], short);
    assert_eq!(
        rule["help"]["text"],
        format!("{} Phrases: synergy.", message.trim_end())
    );
    assert_eq!(
        sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"],
        "rule t/wordy: its description is cut to the 1024 characters GitHub shows; its help has it whole"
    );
    assert_eq!(run.stderr, "");
}
