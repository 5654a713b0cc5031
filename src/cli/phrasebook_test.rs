//! `phraselint phrasebook test`: every rule's `examples.bad` must be flagged
//! by that rule and every `examples.good` must not; failures print like test
//! failures, and the closing line counts them.

use std::io;

use std::path::Path;

use phraselint::kind::FileKind;
use phraselint::lint::{Linter, Scratch};
use phraselint::locate::Encoding;
use phraselint::rules::{Origin, RuleIdx};

use super::args::BookFilesArgs;
use super::output::fail;
use super::{EXIT_CLEAN, EXIT_FINDINGS, Io};

/// One example that did not behave.
struct Failure {
    rule: RuleIdx,
    what: String,
}

pub fn run(args: BookFilesArgs, cwd: &Path, io: &mut Io) -> io::Result<u8> {
    let linter = match super::catalog(&args.files, args.config.as_deref(), cwd) {
        Ok(catalog) => Linter::with_defaults(catalog),
        Err(errors) => return fail(&errors, io),
    };
    let (passed, failures) = test_examples(&linter);
    let catalog = linter.catalog();
    let out = &mut *io.out;
    for (b, book) in catalog.books() {
        writeln!(
            out,
            "phrasebook {} {} ({})",
            book.name, book.version, book.path
        )?;
        for (i, rule) in catalog.rules_of(Origin::Book(b)) {
            let examples = rule.examples_bad.len() + rule.examples_good.len();
            let failed: Vec<&Failure> = failures.iter().filter(|f| f.rule == i).collect();
            if examples == 0 {
                writeln!(out, "  none  {} (no examples)", rule.id)?;
            } else if failed.is_empty() {
                writeln!(
                    out,
                    "  ok    {} ({} bad, {} good)",
                    rule.id,
                    rule.examples_bad.len(),
                    rule.examples_good.len()
                )?;
            } else {
                writeln!(out, "  FAIL  {}", rule.id)?;
                for f in failed {
                    writeln!(out, "        {}", f.what)?;
                }
            }
        }
    }
    writeln!(out)?;
    let verdict = if failures.is_empty() { "ok" } else { "FAILED" };
    writeln!(
        out,
        "phrasebook examples {verdict}: {passed} passed, {} failed",
        failures.len()
    )?;
    Ok(if failures.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_FINDINGS
    })
}

/// Runs every example through the whole rule set, as a file of plain text
/// to which every rule applies (whatever its `paths`).
fn test_examples(linter: &Linter) -> (usize, Vec<Failure>) {
    let mut scratch = Scratch::default();
    let mut passed = 0;
    let mut failures = Vec::new();
    for (i, rule) in linter.catalog().rules() {
        for bad in &rule.examples_bad {
            let found = linter.lint_text(FileKind::Text, bad.as_bytes(), &mut scratch);
            if found.findings.iter().any(|f| f.rule == i) {
                passed += 1;
            } else {
                failures.push(Failure {
                    rule: i,
                    what: format!("bad example not flagged: {bad:?}"),
                });
            }
        }
        for good in &rule.examples_good {
            let found = linter.lint_text(FileKind::Text, good.as_bytes(), &mut scratch);
            match found.findings.iter().find(|f| f.rule == i) {
                None => passed += 1,
                Some(f) => failures.push(Failure {
                    rule: i,
                    what: format!(
                        "good example flagged at column {} (`{}`): {good:?}",
                        found
                            .locator()
                            .position(f.span.start, Encoding::Chars)
                            .column,
                        f.phrase
                    ),
                }),
            }
        }
    }
    (passed, failures)
}
