//! The JSON Schemas shipped in `docs/schema/` for phrasebooks and the
//! config: derived from the structs serde fills (regenerated and compared
//! here: `SNAPSHOTS=overwrite cargo test --test schema` after a change), and
//! checked by a real validator (Python's `jsonschema`) against every book and
//! config in the repository and the README: whatever phraselint reads, the
//! schema accepts, and it refuses the broken ones it can see.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::Project;
use phraselint::config::Config;
use serde_json::{Value, json};
use snapbox::file;

fn pretty(schema: serde_json::Value) -> String {
    serde_json::to_string_pretty(&schema).unwrap() + "\n"
}

#[test]
fn shipped_schemas_are_the_structs_own() {
    // As written: a `\n` in a description is not a path's separator.
    let assert = snapbox::Assert::new()
        .action_env(snapbox::assert::DEFAULT_ACTION_ENV)
        .normalize_paths(false);
    assert.eq(
        pretty(phraselint::phrasebook::schema::json_schema()),
        file!["../docs/schema/phrasebook.schema.json": Text],
    );
    assert.eq(
        pretty(phraselint::config::json_schema()),
        file!["../docs/schema/config.schema.json": Text],
    );
}

/// A book or config as phraselint reads it and as a validator sees it.
struct Case {
    name: String,
    config: bool,
    /// Whether phraselint reads it (its serde parse: what the schema
    /// describes; a book's `extends` and a config's books are not followed).
    loads: bool,
    /// The YAML as JSON; `None` when it is not YAML at all.
    json: Option<Value>,
}

impl Case {
    fn new(name: String, config: bool, text: &str) -> Case {
        let loads = if config {
            let cwd = Path::new(env!("CARGO_MANIFEST_DIR"));
            Config::parse(text.to_owned(), Path::new(".phraselint.yaml"), cwd).is_ok()
        } else {
            phraselint::phrasebook::schema::parse(text).is_ok()
        };
        let json = serde_yaml::from_str(text).ok();
        Case {
            name,
            config,
            loads,
            json,
        }
    }
}

/// Every YAML file under `dir`, as a case: a config when it is named
/// `.phraselint.yaml`, else a book.
fn files(dir: &Path, cases: &mut Vec<Case>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, cases);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            let name = path.strip_prefix(root).unwrap().display().to_string();
            let config = path.file_name().unwrap() == ".phraselint.yaml";
            let text = std::fs::read_to_string(&path).unwrap();
            cases.push(Case::new(name, config, &text));
        }
    }
}

/// The README's YAML examples of a book and of a config.
fn readme(cases: &mut Vec<Case>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    for (i, block) in readme.split("```yaml\n").skip(1).enumerate() {
        let block = block.split("```").next().unwrap();
        let name = format!("README.md, YAML block {}", i + 1);
        if block.starts_with("phrasebook:") {
            cases.push(Case::new(name, false, block));
        } else if block.starts_with("phrasebooks:") {
            cases.push(Case::new(name, true, block));
        }
    }
}

/// What `phraselint init` writes.
fn starter(cases: &mut Vec<Case>) {
    let p = Project::new();
    assert_eq!(p.run(&["init"]).code, 0);
    let text = std::fs::read_to_string(p.path().join(".phraselint.yaml")).unwrap();
    cases.push(Case::new("phraselint init".to_owned(), true, &text));
}

/// Books and configs phraselint reads, in forms a schema could get wrong:
/// a number or a boolean where text goes, an optional key left empty, a
/// number as text of digits, one phrase for a list, a bare book path.
const ODD_BUT_READ: &[(&str, bool, &str)] = &[
    (
        "numbers as phrases, ids and examples",
        false,
        "phrasebook: 2024\nversion: 1.0.0\nschema: 1\nrules:\n  - id: 7\n    banned: [100, true]\n    message: 404\n    suggest: [2025]\n    examples: { bad: [100], good: [99] }\n",
    ),
    (
        "one phrase for a list, quoted numbers",
        false,
        "phrasebook: t\nversion: 1.0.0\nschema: \"1\"\nrules:\n  - id: r\n    banned: 100\n    near: [x]\n    within: \"8\"\n    gap: \"2\"\n    message: m\n",
    ),
    (
        "empty optional keys",
        false,
        "phrasebook: t\nversion: 1.0.0\nschema: 1\ndescription:\nextends:\ndefaults:\nterms:\nallowed:\nrules:\n  - id: r\n    require: OpenAI\n    message: m\n    suggest:\n    allow:\n    severity:\n    inflect:\n    examples:\n",
    ),
    (
        "empty config keys",
        true,
        "phrasebooks:\ninclude:\nexclude:\nfront_matter_keys:\noverrides:\n  - paths: [blog]\n    severity:\n    disable:\ntext_extensions:\n",
    ),
    (
        "bare and pinned book paths",
        true,
        "phrasebooks:\n  - books/a.yaml\n  - { path: books/b.yaml, version: 1 }\n  - { path: books/c.yaml, version: 1.2 }\ninclude: [2024]\n",
    ),
];

/// Books and configs phraselint refuses for what a schema can see.
const REFUSED: &[(&str, bool, &str)] = &[
    (
        "a misspelt key",
        false,
        "phrasebook: t\nversion: 1.0.0\nschema: 1\nrules:\n  - id: r\n    banned: [x]\n    message: m\n    serverity: error\n",
    ),
    (
        "a number for a version",
        false,
        "phrasebook: t\nversion: 1.2\nschema: 1\n",
    ),
    (
        "schema 2",
        false,
        "phrasebook: t\nversion: 1.0.0\nschema: 2\n",
    ),
    (
        "a capital in a name",
        false,
        "phrasebook: Partner\nversion: 1.0.0\nschema: 1\n",
    ),
    (
        "a severity in capitals",
        false,
        "phrasebook: t\nversion: 1.0.0\nschema: 1\ndefaults: { severity: Error }\n",
    ),
    (
        "a gap of 11",
        false,
        "phrasebook: t\nversion: 1.0.0\nschema: 1\ndefaults: { gap: 11 }\n",
    ),
    (
        "within 0",
        false,
        "phrasebook: t\nversion: 1.0.0\nschema: 1\nrules:\n  - id: r\n    banned: [x]\n    near: [y]\n    within: 0\n    message: m\n",
    ),
    (
        "suggest as one string",
        false,
        "phrasebook: t\nversion: 1.0.0\nschema: 1\nrules:\n  - id: r\n    banned: [x]\n    message: m\n    suggest: powered by\n",
    ),
    (
        "an empty list of phrases",
        false,
        "phrasebook: t\nversion: 1.0.0\nschema: 1\nrules:\n  - id: r\n    banned: []\n    message: m\n",
    ),
    (
        "a rule without a message",
        false,
        "phrasebook: t\nversion: 1.0.0\nschema: 1\nrules:\n  - id: r\n    banned: [x]\n",
    ),
    (
        "a replacement of two lines",
        false,
        "phrasebook: t\nversion: 1.0.0\nschema: 1\nrules:\n  - id: r\n    banned: [x]\n    message: m\n    replace: \"a\\nb\"\n",
    ),
    (
        "a term list named with a digit first",
        false,
        "phrasebook: t\nversion: 1.0.0\nschema: 1\nterms: { 1st: [a] }\n",
    ),
    ("an unknown config key", true, "phrasebook: [a.yaml]\n"),
    (
        "an override without paths",
        true,
        "overrides:\n  - disable: [t/r]\n",
    ),
    ("a text switch", true, "require_suppression_reason: yes\n"),
];

/// Files phraselint refuses for what no JSON Schema can see, each with why
/// (every other refused file the schema refuses too).
const BEYOND_A_SCHEMA: &[&str] = &[
    // Rust `regex` syntax, and what a pattern can match.
    "tests/cases/rule-keys/bad-pattern-look-arounds-only/book.yaml",
    "tests/cmd/bad-pattern-matches-empty.in/t.yaml",
    "tests/cmd/bad-pattern-syntax.in/t.yaml",
    // A day its month has (29 February only in a leap year).
    "tests/cmd/book-approved-on-not-a-day.in/book.yaml",
    // Rule ids unique in the book.
    "tests/cmd/book-duplicate-id.in/book.yaml",
    // A glob that globset refuses.
    "tests/cmd/config-bad-glob.in/.phraselint.yaml",
    // Where a `...` gap stands among a phrase's words, once folded.
    "tests/cmd/gap-at-the-end.in/t.yaml",
    "tests/cmd/gap-at-the-start.in/t.yaml",
    "tests/cmd/gap-twice-in-a-row.in/t.yaml",
];

#[test]
fn schemas_accept_what_phraselint_reads_and_refuse_what_they_can_see() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut cases = Vec::new();
    for dir in ["phrasebooks", "tests/cmd", "tests/cases", "tests/fixtures"] {
        files(&root.join(dir), &mut cases);
    }
    readme(&mut cases);
    starter(&mut cases);
    let snippets = ODD_BUT_READ.iter().chain(REFUSED);
    for &(name, config, text) in snippets {
        cases.push(Case::new(name.to_owned(), config, text));
    }
    for &(name, _, _) in ODD_BUT_READ {
        let case = cases.iter().find(|c| c.name == name).unwrap();
        assert!(case.loads, "{name}: phraselint refuses it");
    }
    for &(name, _, _) in REFUSED {
        let case = cases.iter().find(|c| c.name == name).unwrap();
        assert!(!case.loads, "{name}: phraselint reads it");
    }
    let verdicts = validate(&cases);
    let mut accepted_but_refused = Vec::new();
    for (case, errors) in cases.iter().zip(&verdicts) {
        match (case.loads, errors) {
            (true, Some(errors)) => assert!(errors.is_empty(), "{}: {errors:?}", case.name),
            (true, None) => panic!("{}: read by phraselint, but not YAML", case.name),
            (false, Some(errors)) if errors.is_empty() => {
                accepted_but_refused.push(case.name.as_str())
            }
            (false, _) => {}
        }
    }
    accepted_but_refused.sort_unstable();
    assert_eq!(accepted_but_refused, BEYOND_A_SCHEMA);
    let books = cases.iter().filter(|c| !c.config && c.loads).count();
    let configs = cases.iter().filter(|c| c.config && c.loads).count();
    assert!(
        books > 50 && configs > 10,
        "{books} books, {configs} configs"
    );
    let readme = cases.iter().filter(|c| c.name.starts_with("README"));
    assert_eq!(
        readme.filter(|c| c.loads).count(),
        2,
        "the README's book and config"
    );
}

/// Each case's errors from Python's `jsonschema` (draft 7) against its
/// schema, after checking both schemas against the draft's meta-schema;
/// `None` for a case that is not YAML.
fn validate(cases: &[Case]) -> Vec<Option<Vec<String>>> {
    let p = Project::new();
    let instances: Vec<Value> = cases
        .iter()
        .map(|c| json!({ "config": c.config, "instance": c.json }))
        .collect();
    p.file("cases.json", serde_json::to_string(&instances).unwrap());
    let script = r#"
import json, sys
from jsonschema import Draft7Validator
schemas = {}
for key, path in (("book", sys.argv[1]), ("config", sys.argv[2])):
    schema = json.load(open(path))
    Draft7Validator.check_schema(schema)
    schemas[key] = Draft7Validator(schema)
out = []
for case in json.load(open("cases.json")):
    validator = schemas["config" if case["config"] else "book"]
    out.append(None if case["instance"] is None else
               [e.message for e in validator.iter_errors(case["instance"])])
print(json.dumps(out))
"#;
    let docs = root_path("docs/schema");
    let out = common::sh(
        Command::new(common::python_with_jsonschema())
            .args(["-c", script])
            .arg(docs.join("phrasebook.schema.json"))
            .arg(docs.join("config.schema.json"))
            .current_dir(p.path()),
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn root_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// The first line of a file: `# yaml-language-server: $schema=URL`, the
/// URL a shipped schema's `$id`.
fn schema_line(text: &str, schema: &str) {
    let id = serde_json::from_str::<Value>(&std::fs::read_to_string(root_path(schema)).unwrap())
        .unwrap()["$id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(id.ends_with(schema), "{id}");
    let first = text.lines().next().unwrap();
    assert_eq!(first, format!("# yaml-language-server: $schema={id}"));
}

/// `phraselint init` names the config's schema, and each shipped book the
/// phrasebook's, where yaml-language-server looks for it.
#[test]
fn init_and_the_shipped_books_name_their_schemas() {
    let p = Project::new();
    assert_eq!(p.run(&["init"]).code, 0);
    let config = std::fs::read_to_string(p.path().join(".phraselint.yaml")).unwrap();
    schema_line(&config, "docs/schema/config.schema.json");
    for book in ["phrasebooks/partner-ai.yaml", "phrasebooks/claims.yaml"] {
        let text = std::fs::read_to_string(root_path(book)).unwrap();
        schema_line(&text, "docs/schema/phrasebook.schema.json");
    }
}
