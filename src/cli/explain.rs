//! `phraselint explain RULE-ID`: one rule, as a writer needs it — why, what
//! to say instead, and examples.

use std::io;
use std::path::Path;

use phraselint::rules::{Origin, Rule};

use super::args::ExplainArgs;
use super::output::fail;
use super::{EXIT_CLEAN, EXIT_ERROR, Io};

pub fn run(args: ExplainArgs, cwd: &Path, io: &mut Io) -> io::Result<u8> {
    let catalog = match super::catalog(&args.phrasebooks, args.config.as_deref(), cwd) {
        Ok(catalog) => catalog,
        Err(errors) => return fail(&errors, io),
    };
    let found: Vec<&Rule> = catalog
        .named(&args.rule)
        .into_iter()
        .map(|i| catalog.rule(i))
        .collect();
    let rule = match found.as_slice() {
        [rule] => *rule,
        [] => {
            let hint = catalog
                .closest(&args.rule)
                .map(|r| format!(" (did you mean `{}`?)", r.full_id))
                .unwrap_or_default();
            writeln!(
                io.err,
                "error: no rule `{}` in the loaded phrasebooks{hint}",
                args.rule
            )?;
            return Ok(EXIT_ERROR);
        }
        many => {
            let ids: Vec<&str> = many.iter().map(|r| r.full_id.as_str()).collect();
            writeln!(
                io.err,
                "error: `{}` names several rules: {}; give the full id",
                args.rule,
                ids.join(", ")
            )?;
            return Ok(EXIT_ERROR);
        }
    };
    let out = &mut *io.out;
    writeln!(out, "{} ({})", rule.full_id, rule.severity.as_str())?;
    let origin = catalog.origin_name(rule);
    let path = match rule.origin {
        Origin::Book(b) => {
            let path = &catalog.book(b).path;
            writeln!(out, "from {origin}, {path}:{}", rule.line)?;
            Some(path.as_str())
        }
        Origin::Phraselint => {
            writeln!(
                out,
                "from {origin}: one of phraselint's own rules, about suppression comments (see the README's Suppressions)"
            )?;
            None
        }
    };
    writeln!(out)?;
    writeln!(out, "{}", rule.message)?;
    writeln!(out)?;
    super::phrasebook_show::write_rule(rule, path, out)?;
    if !rule.examples_bad.is_empty() || !rule.examples_good.is_empty() {
        writeln!(out)?;
        writeln!(out, "Examples:")?;
        for bad in &rule.examples_bad {
            writeln!(out, "  bad:  {bad}")?;
        }
        for good in &rule.examples_good {
            writeln!(out, "  good: {good}")?;
        }
    }
    Ok(EXIT_CLEAN)
}
