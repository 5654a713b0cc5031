//! `phraselint phrasebook show`: the phrasebooks as resolved — terms
//! expanded, `extends` followed, defaults applied — and where each rule came
//! from.

use std::io::{self, Write};
use std::path::Path;

use phraselint::catalog::Catalog;
use phraselint::inflect;
use phraselint::report::approval;
use phraselint::rules::{Origin, Rule, RuleKind, has_gap};

use super::args::BookFilesArgs;
use super::output::fail;
use super::{EXIT_CLEAN, Io};

pub fn run(args: BookFilesArgs, cwd: &Path, io: &mut Io) -> io::Result<u8> {
    let catalog = match super::catalog(&args.files, args.config.as_deref(), cwd) {
        Ok(catalog) => catalog,
        Err(errors) => return fail(&errors, io),
    };
    write(&catalog, io.out)?;
    Ok(EXIT_CLEAN)
}

fn list(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Phrases, each with a gap followed by how many words it stands for.
fn phrases(items: &[String], gap: usize) -> String {
    let words = if gap == 1 { "word" } else { "words" };
    items
        .iter()
        .map(|s| match has_gap(s) {
            true => format!("\"{s}\" (gap: up to {gap} {words})"),
            false => format!("\"{s}\""),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Each phrase with the other forms it matches, one a line.
fn write_forms(forms: &[(&str, Vec<String>)], indent: &str, out: &mut dyn Write) -> io::Result<()> {
    for (phrase, forms) in forms {
        writeln!(out, "{indent}\"{phrase}\" (inflected: {})", list(forms))?;
    }
    Ok(())
}

fn write(catalog: &Catalog, out: &mut dyn Write) -> io::Result<()> {
    for (b, book) in catalog.books() {
        writeln!(out, "{} {}", book.name, book.version)?;
        writeln!(out, "  path:     {}", book.path)?;
        writeln!(out, "  sha256:   {}", book.sha256)?;
        writeln!(out, "  schema:   {}", book.schema)?;
        if let Some(d) = &book.description {
            writeln!(out, "  about:    {d}")?;
        }
        if let Some(owner) = &book.owner {
            writeln!(out, "  owner:    {owner}")?;
        }
        if let Some(approval) = approval(book) {
            writeln!(out, "  {approval}")?;
        }
        if !book.extends.is_empty() {
            let names: Vec<String> = book
                .extended
                .iter()
                .map(|&i| format!("{} {}", catalog.book(i).name, catalog.book(i).version))
                .collect();
            writeln!(
                out,
                "  extends:  {} ({})",
                book.extends.join(", "),
                names.join(", ")
            )?;
        }
        for (name, entries) in &book.terms {
            writeln!(out, "  terms {{{name}}}: {}", list(entries))?;
        }
        if !book.allowed.is_empty() {
            writeln!(out, "  allowed:  {}", phrases(&book.allowed, book.gap))?;
        }
        write_forms(
            &inflect::inflected(&book.allowed, book.inflect),
            "    ",
            out,
        )?;
        for (_, rule) in catalog.rules_of(Origin::Book(b)) {
            write_rule(rule, Some(&book.path), out)?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// One rule as resolved; `path` is its book's (`None` for phraselint's
/// own rules, which no book holds).
pub fn write_rule(rule: &Rule, path: Option<&str>, out: &mut dyn Write) -> io::Result<()> {
    let (id, severity) = (&rule.full_id, rule.severity.as_str());
    match path {
        Some(path) => writeln!(out, "  {id} ({severity}) — {path}:{}", rule.line)?,
        None => writeln!(out, "  {id} ({severity}) — built into phraselint")?,
    }
    match &rule.kind {
        RuleKind::Match { banned, pattern } => {
            if !banned.is_empty() {
                writeln!(out, "      banned:  {}", phrases(banned, rule.gap))?;
            }
            if let Some(p) = &rule.pattern_written {
                writeln!(out, "      pattern: {p}")?;
                if pattern.as_deref() != Some(p.as_str()) {
                    writeln!(
                        out,
                        "      pattern, terms expanded: {}",
                        pattern.as_deref().unwrap_or_default()
                    )?;
                }
            }
        }
        RuleKind::Require(required) => {
            writeln!(out, "      require: {}", phrases(required, rule.gap))?
        }
    }
    if !rule.near.is_empty() {
        writeln!(
            out,
            "      near:    {} (within {} words)",
            list(&rule.near),
            rule.within
        )?;
    }
    if !rule.allow.is_empty() {
        writeln!(out, "      allow:   {}", phrases(&rule.allow, rule.gap))?;
    }
    if !rule.paths.is_empty() {
        writeln!(out, "      paths:   {}", rule.paths.join(", "))?;
    }
    if rule.case_sensitive {
        writeln!(out, "      case:    sensitive")?;
    }
    if rule.inflect {
        writeln!(
            out,
            "      inflect: true (lower-case words match their English forms)"
        )?;
        write_forms(&rule.inflected(), "        ", out)?;
    }
    writeln!(out, "      message: {}", rule.message)?;
    if !rule.suppressible {
        writeln!(
            out,
            "      suppressible: false (no suppression comment silences it)"
        )?;
    }
    if let Some(replace) = &rule.replace {
        writeln!(out, "      replace: \"{replace}\" (applied by check --fix)")?;
    }
    if !rule.suggest.is_empty() {
        writeln!(out, "      suggest: {}", list(&rule.suggest))?;
    }
    if let Some(link) = &rule.link {
        writeln!(out, "      link:    {link}")?;
    }
    Ok(())
}
