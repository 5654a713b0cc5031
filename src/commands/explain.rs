//! `phraselint explain RULE-ID`: one rule, as a writer needs it — why, what
//! to say instead, and examples.

use std::io;
use std::path::Path;

use crate::cli::{EXIT_CLEAN, EXIT_ERROR, ExplainArgs, Io, fail};
use crate::rules::Rule;

pub fn run(args: ExplainArgs, cwd: &Path, io: &mut Io) -> io::Result<u8> {
    let rules = match super::rule_set(&args.phrasebooks, args.config.as_deref(), cwd) {
        Ok(rules) => rules,
        Err(errors) => return fail(&errors, io),
    };
    let found: Vec<&Rule> = rules
        .rules
        .iter()
        .filter(|r| r.is_named(&args.rule))
        .collect();
    let rule = match found.as_slice() {
        [rule] => *rule,
        [] => {
            let hint = rules
                .rules
                .iter()
                .map(|r| {
                    (
                        crate::yaml::edit_distance(&args.rule, &r.full_id)
                            .min(crate::yaml::edit_distance(&args.rule, &r.id)),
                        &r.full_id,
                    )
                })
                .min()
                .filter(|(d, _)| *d <= 3)
                .map(|(_, id)| format!(" (did you mean `{id}`?)"))
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
    let book = &rules.books[rule.book];
    let out = &mut *io.out;
    writeln!(out, "{} ({})", rule.full_id, rule.severity.as_str())?;
    writeln!(
        out,
        "from {} {}, {}:{}",
        book.name, book.version, book.path, rule.line
    )?;
    writeln!(out)?;
    writeln!(out, "{}", rule.message)?;
    writeln!(out)?;
    super::show::write_rule(rule, &book.path, out)?;
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
