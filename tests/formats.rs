//! PRODUCT.md §7's other formats, each from the same findings: SARIF
//! (validated against the official schema and by Microsoft's SARIF
//! Multitool), GitHub annotations, GitLab Code Quality, LSP diagnostics and
//! Checkstyle.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

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

/// Microsoft's SARIF Multitool, installed from npm on first use.
fn sarif_multitool() -> PathBuf {
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

    let schema =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/sarif-schema-2.1.0.json");
    let script = "import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))";
    sh(Command::new(python_with_jsonschema())
        .args(["-c", script])
        .arg(&file)
        .arg(&schema));
    assert_eq!(multitool_problems(&file), Vec::<String>::new());
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
    let notes = &run0["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(
        notes,
        &serde_json::json!([{
            "level": "warning",
            "message": { "text": "not checked docs/old/brief.doc: a legacy Word document (.doc) cannot be read; save it as .docx" },
        }])
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
