//! SARIF 2.1.0, as GitHub code scanning reads it: every loaded rule with its
//! help and link, results with paths relative to the repository root and
//! UTF-16 columns, fingerprints, suppressed results marked as such, and the
//! phrasebooks (name, version, sha256) recorded on the run. A finding in an
//! Office file or a PDF says where a person finds it (its message and a
//! logical location) and has its own `primaryLocationLineHash`. The run keeps
//! within what GitHub takes and shows ([`MAX_RESULTS`], [`MAX_DESCRIPTION`]);
//! what it leaves out is said in its notifications and returned.

use std::collections::HashMap;
use std::io::{self, Write};
use std::ops::Range;

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::{Value, json};

use super::{Report, located_message};
use crate::finding::{FileOutcome, Finding, fingerprint};
use crate::locate::{Encoding, Locator};
use crate::rules::{Rule, RuleIdx, Severity};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// GitHub code scanning rejects a run with more results than this.
const MAX_RESULTS: usize = 25_000;

/// GitHub shows a rule's short and full description up to this many
/// characters; counted here in UTF-16 code units, which is never fewer.
const MAX_DESCRIPTION: usize = 1_024;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn length(s: &str) -> usize {
    s.encode_utf16().count()
}

/// `text` cut to [`MAX_DESCRIPTION`], ending with `…` when cut.
fn shorten(text: String) -> String {
    if length(&text) <= MAX_DESCRIPTION {
        return text;
    }
    let mut room = MAX_DESCRIPTION - 1;
    let mut cut: String = text
        .chars()
        .take_while(|c| match room.checked_sub(c.len_utf16()) {
            Some(left) => {
                room = left;
                true
            }
            None => false,
        })
        .collect();
    cut.push('…');
    cut
}

/// A rule's message and its phrases within [`MAX_DESCRIPTION`]: as many
/// phrases as fit, then how many more the help lists. With how many phrases
/// it lists.
fn full_description(rule: &Rule) -> (String, usize) {
    let phrases = rule.banned();
    if phrases.is_empty() {
        return (shorten(rule.message.clone()), 0);
    }
    let all = format!("{} Phrases: {}.", rule.message, phrases.join(", "));
    if length(&all) <= MAX_DESCRIPTION {
        return (all, phrases.len());
    }
    let more = |listed: usize| match phrases.len() - listed {
        n if listed == 0 => format!(" {n} of them (the help lists every one)."),
        n => format!(", and {n} more (the help lists every one)."),
    };
    let mut text = format!("{} Phrases:", rule.message);
    let mut listed = 0;
    for phrase in phrases {
        let sep = if listed == 0 { " " } else { ", " };
        let longer = format!("{text}{sep}{phrase}");
        if length(&longer) + length(&more(listed + 1)) > MAX_DESCRIPTION {
            break;
        }
        text = longer;
        listed += 1;
    }
    text.push_str(&more(listed));
    (shorten(text), listed)
}

/// A rule's descriptor, and a sentence saying what its descriptions leave
/// out when they had to be shortened.
fn rule_entry(rule: &Rule) -> (Value, Option<String>) {
    let mut help = rule.message.clone();
    let suggestions = rule.suggestions();
    if !suggestions.is_empty() {
        help.push_str(&format!(" Say instead: {}.", suggestions.join(", ")));
    }
    let phrases = rule.banned();
    if !phrases.is_empty() {
        help.push_str(&format!(" Phrases: {}.", phrases.join(", ")));
    }
    let short = shorten(rule.message.clone());
    let (full, listed) = full_description(rule);
    let id = &rule.full_id;
    let cut = if short != rule.message {
        Some(format!(
            "rule {id}: its description is cut to the {MAX_DESCRIPTION} characters GitHub shows; its help has it whole"
        ))
    } else {
        (listed < phrases.len()).then(|| {
            format!(
                "rule {id}: its description lists {listed} of its {} phrases, to fit the {MAX_DESCRIPTION} characters GitHub shows; its help lists them all",
                phrases.len()
            )
        })
    };
    let mut entry = json!({
        "id": rule.full_id,
        "name": rule.id,
        "shortDescription": { "text": short },
        "fullDescription": { "text": full },
        "help": { "text": help.clone(), "markdown": help },
        "defaultConfiguration": { "level": level(rule.severity) },
    });
    if let Some(link) = &rule.link {
        entry["helpUri"] = json!(link);
    }
    (entry, cut)
}

/// A span's place, its columns in UTF-16 code units; in an Office file or
/// a PDF, also where a person finds it, as a logical location.
fn location(
    report: &Report,
    file: &FileOutcome,
    locator: &Locator,
    span: &Range<usize>,
    found: Option<&str>,
) -> Value {
    let start = locator.position(span.start, Encoding::Utf16);
    let end = locator.position(span.end, Encoding::Utf16);
    let mut location = json!({
        "physicalLocation": {
            "artifactLocation": { "uri": report.repo_uri(&file.file), "uriBaseId": "%SRCROOT%" },
            "region": {
                "startLine": start.line,
                "startColumn": start.column,
                "endLine": end.line,
                "endColumn": end.column,
            },
        }
    });
    if let Some(found) = found {
        location["logicalLocations"] = json!([{ "name": found }]);
    }
    json!([location])
}

/// Results ranked for GitHub's limit: errors, warnings, notes, then
/// suppressed findings.
const RANKS: usize = 4;
const SUPPRESSED: usize = 3;

fn rank(s: Severity) -> usize {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// How many results of each rank there are, and how many the run keeps:
/// the first of each rank in path order, the higher ranks first, up to
/// [`MAX_RESULTS`] in all.
struct Kept {
    total: [usize; RANKS],
    kept: [usize; RANKS],
}

impl Kept {
    fn new(report: &Report) -> Kept {
        let c = report.counts();
        let mut total = [0; RANKS];
        for (severity, n) in [
            (Severity::Error, c.error),
            (Severity::Warning, c.warning),
            (Severity::Info, c.info),
        ] {
            total[rank(severity)] = n;
        }
        total[SUPPRESSED] = report.suppressed();
        let mut room = MAX_RESULTS;
        let kept = total.map(|n| {
            let kept = n.min(room);
            room -= kept;
            kept
        });
        Kept { total, kept }
    }

    /// What the run leaves out, as a sentence, if anything.
    fn left_out(&self) -> Option<String> {
        let total: usize = self.total.iter().sum();
        let kept: usize = self.kept.iter().sum();
        if kept == total {
            return None;
        }
        let names = ["errors", "warnings", "notes", "suppressed findings"];
        let which: Vec<String> = (0..RANKS)
            .filter(|&r| self.total[r] > self.kept[r])
            .map(|r| format!("{} {}", self.total[r] - self.kept[r], names[r]))
            .collect();
        Some(format!(
            "{} of {total} results left out ({}): GitHub code scanning takes at most {MAX_RESULTS} a run; errors are kept first, then warnings, notes and suppressed findings, each in path order; --format json lists every finding",
            total - kept,
            which.join(", ")
        ))
    }
}

/// GitHub's upload action hashes the line a result's region starts on to
/// track it across commits; in an Office file or a PDF that line is one of
/// the zip's or the PDF's bytes, which change with any save. Such a result
/// gets its own: the rule, where a person finds it and the phrase, with
/// which repeat of those in the file it is (as the action counts).
fn line_hash(
    rule: &Rule,
    file: &FileOutcome,
    f: &Finding,
    seen: &mut HashMap<String, usize>,
) -> String {
    let place = file.location(f).unwrap_or_default();
    let hash = fingerprint(&rule.full_id, place, &f.phrase, 0)[..16].to_owned();
    let nth = seen.entry(hash.clone()).or_insert(0);
    *nth += 1;
    format!("{hash}:{nth}")
}

/// The `results` array: findings, then suppressed findings, each
/// serialized as it is made, so a million results never stand in memory as
/// JSON values at once.
struct Results<'a>(&'a Report<'a>, &'a Kept);

impl Serialize for Results<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Results(report, kept) = *self;
        let catalog = report.catalog;
        let mut written = [0; RANKS];
        let mut keep = |r: usize| {
            written[r] += 1;
            written[r] <= kept.kept[r]
        };
        let mut seq = serializer.serialize_seq(None)?;
        for file in &report.files {
            let locator = file.locator();
            let mut seen = HashMap::new();
            for f in &file.findings {
                let rule = catalog.rule(f.rule);
                // Counted for every finding, kept or not, so a repeat's
                // number does not depend on what is left out.
                let line_hash = file
                    .kind
                    .is_document()
                    .then(|| line_hash(rule, file, f, &mut seen));
                if !keep(rank(f.severity)) {
                    continue;
                }
                let matched = file.matched(&f.span).split_whitespace().collect::<Vec<_>>();
                let message = located_message(file, f, rule);
                let mut r = json!({
                    "ruleId": rule.full_id,
                    "ruleIndex": f.rule.index(),
                    "level": level(f.severity),
                    "message": { "text": format!("{message} (\"{}\")", matched.join(" ")) },
                    "locations": location(report, file, &locator, &f.span, file.location(f)),
                    "partialFingerprints": { "phraselint/v1": f.fingerprint },
                });
                if let Some(hash) = line_hash {
                    r["partialFingerprints"]["primaryLocationLineHash"] = json!(hash);
                }
                seq.serialize_element(&r)?;
            }
        }
        for file in &report.files {
            let locator = file.locator();
            for s in &file.suppressed {
                if !keep(SUPPRESSED) {
                    continue;
                }
                let rule = catalog.rule(s.rule);
                let mut r = json!({
                    "ruleId": rule.full_id,
                    "ruleIndex": s.rule.index(),
                    "level": level(rule.severity),
                    "message": { "text": rule.message },
                    "locations": location(report, file, &locator, &s.span, None),
                    "partialFingerprints": { "phraselint/v1": s.fingerprint },
                    "suppressions": [ { "kind": "inSource" } ],
                });
                if let Some(reason) = &s.reason {
                    r["suppressions"][0]["justification"] = json!(reason);
                }
                seq.serialize_element(&r)?;
            }
        }
        seq.end()
    }
}

/// The run's rules, which results it keeps, and what it says about
/// GitHub's limits: the results left out, and the rules whose descriptions
/// are shortened (their help has them whole).
struct Plan {
    rules: Vec<Value>,
    kept: Kept,
    left_out: Option<String>,
    shortened: Vec<(RuleIdx, String)>,
}

impl Plan {
    fn new(report: &Report) -> Plan {
        let kept = Kept::new(report);
        let mut shortened = Vec::new();
        let rules = report
            .catalog
            .rules()
            .map(|(i, rule)| {
                let (entry, cut) = rule_entry(rule);
                shortened.extend(cut.map(|text| (i, text)));
                entry
            })
            .collect();
        Plan {
            rules,
            left_out: kept.left_out(),
            kept,
            shortened,
        }
    }

    /// A warning for the results left out, a note for each shortened
    /// description, with its rule.
    fn notifications<'a>(&'a self, report: &'a Report) -> impl Iterator<Item = Value> + 'a {
        let left_out = self
            .left_out
            .iter()
            .map(|text| json!({ "level": "warning", "message": { "text": text } }));
        let shortened = self.shortened.iter().map(|(i, text)| {
            json!({
                "level": "note",
                "message": { "text": text },
                "associatedRule": { "id": report.catalog.rule(*i).full_id, "index": i.index() },
            })
        });
        left_out.chain(shortened)
    }
}

/// The one run, its keys in the order a `serde_json` map writes them
/// (sorted), so the output is byte for byte what one value for all gives.
struct Run<'a>(&'a Report<'a>, &'a Plan);

impl Serialize for Run<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Run(report, plan) = *self;
        let notifications: Vec<Value> = report
            .errors
            .iter()
            .map(|e| json!({ "level": "error", "message": { "text": e.to_string() } }))
            .chain(report.not_checked.iter().map(|e| {
                json!({ "level": "warning", "message": { "text": format!("not checked {e}") } })
            }))
            .chain(plan.notifications(report))
            .collect();
        let mut map = serializer.serialize_map(Some(6))?;
        map.serialize_entry("columnKind", "utf16CodeUnits")?;
        map.serialize_entry(
            "invocations",
            &json!([{
                "executionSuccessful": report.errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }]),
        )?;
        map.serialize_entry(
            "originalUriBaseIds",
            &json!({ "%SRCROOT%": { "uri": report.root_uri() } }),
        )?;
        map.serialize_entry(
            "properties",
            &json!({ "phrasebooks": super::books_json(report.catalog) }),
        )?;
        map.serialize_entry("results", &Results(report, &plan.kept))?;
        map.serialize_entry(
            "tool",
            &json!({ "driver": {
                "name": "phraselint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/phraselint/phraselint",
                "rules": plan.rules,
            }}),
        )?;
        map.end()
    }
}

/// The log: `$schema`, `runs`, `version`, as a map writes them (sorted).
struct Log<'a>(&'a Report<'a>, &'a Plan);

impl Serialize for Log<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("$schema", SCHEMA)?;
        map.serialize_entry("runs", &[Run(self.0, self.1)])?;
        map.serialize_entry("version", "2.1.0")?;
        map.end()
    }
}

/// Writes the log; returns the results it left out to fit GitHub's limit,
/// as a sentence (also the run's notification). A shortened description
/// loses nothing (the rule's help has it whole), so it is only a note in
/// the run.
pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<Option<String>> {
    let plan = Plan::new(report);
    serde_json::to_writer_pretty(&mut *out, &Log(report, &plan))?;
    writeln!(out)?;
    Ok(plan.left_out)
}
