//! `phraselint phrasebook diff OLD NEW`: what changed between two versions
//! of a phrasebook, for review — and whether `version` went up with it.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::io;

use phraselint::catalog::Catalog;
use phraselint::inflect;
use phraselint::phrasebook::{Phrasebook, load_set};
use phraselint::rules::{BookIdx, Origin, Rule, RuleKind, has_gap};

use super::args::DiffArgs;
use super::output::fail;
use super::{EXIT_CLEAN, EXIT_FINDINGS, Io};

pub fn run(args: DiffArgs, io: &mut Io) -> io::Result<u8> {
    let load = |path| {
        load_set(std::slice::from_ref(path))
            .map(|set| (BookIdx::new(set.roots[0]), Catalog::new(set.books)))
    };
    let (old_root, old) = match load(&args.old) {
        Ok(x) => x,
        Err(errors) => return fail(&errors, io),
    };
    let (new_root, new) = match load(&args.new) {
        Ok(x) => x,
        Err(errors) => return fail(&errors, io),
    };
    let changes = changes(&old, &new);
    let (was, now) = (old.book(old_root), new.book(new_root));
    let out = &mut *io.out;
    writeln!(
        out,
        "{} {} → {} {}",
        was.name, was.version, now.name, now.version
    )?;
    // A new sign-off of the same rules is not a change that needs a new
    // version: it is listed apart.
    let signed = sign_off_changes(was, now);
    if changes.is_empty() {
        let note = if was.sha256 == now.sha256 {
            "identical"
        } else if !signed.is_empty() {
            "no rule changes"
        } else {
            "no rule changes (comments or layout only)"
        };
        writeln!(out, "{note}")?;
    }
    for line in signed.iter().chain(&changes) {
        writeln!(out, "{line}")?;
    }
    if !changes.is_empty() && now.version <= was.version {
        writeln!(
            io.err,
            "warning: the rules changed but `version` did not go up ({} → {}); bump it so reports tell the two apart",
            was.version, now.version
        )?;
        return Ok(EXIT_FINDINGS);
    }
    Ok(EXIT_CLEAN)
}

/// The book's `owner`, `approved_by` and `approved_on` that changed, a
/// line each (`~ approved_by: Dana Reyes → Sam Ortiz`).
fn sign_off_changes(was: &Phrasebook, now: &Phrasebook) -> Vec<String> {
    let day = |b: &Phrasebook| b.approved_on.map(|d| d.to_string());
    [
        ("owner", was.owner.clone(), now.owner.clone()),
        (
            "approved_by",
            was.approved_by.clone(),
            now.approved_by.clone(),
        ),
        ("approved_on", day(was), day(now)),
    ]
    .into_iter()
    .filter(|(_, before, after)| before != after)
    .map(|(key, before, after)| {
        let shown = |v: Option<String>| v.unwrap_or_else(|| "(not set)".to_owned());
        format!("~ {key}: {} → {}", shown(before), shown(after))
    })
    .collect()
}

/// The differences, one line each: `+` added, `-` removed, `~` changed.
/// Books and rules are looked up by name in maps, so two books of 80,000
/// rules compare in linear time.
fn changes(old: &Catalog, new: &Catalog) -> Vec<String> {
    let mut out = Vec::new();
    let mut old_books = HashMap::new();
    for (_, book) in old.books() {
        old_books.entry(book.name.as_str()).or_insert(book);
    }
    let new_books: HashSet<&str> = new.books().map(|(_, b)| b.name.as_str()).collect();
    for (_, book) in new.books() {
        match old_books.get(book.name.as_str()) {
            None => out.push(format!(
                "+ phrasebook {} {} ({})",
                book.name, book.version, book.path
            )),
            Some(before) => {
                set_diff(
                    &mut out,
                    &format!("allowed in {}", book.name),
                    &before.allowed,
                    &book.allowed,
                );
                set_diff(
                    &mut out,
                    &format!("allowed form in {}", book.name),
                    &forms(&inflect::inflected(&before.allowed, before.inflect)),
                    &forms(&inflect::inflected(&book.allowed, book.inflect)),
                );
            }
        }
    }
    for (_, book) in old
        .books()
        .filter(|(_, b)| !new_books.contains(b.name.as_str()))
    {
        out.push(format!("- phrasebook {} {}", book.name, book.version));
    }
    let (old_rules, new_rules) = (book_rules(old), book_rules(new));
    // The first of a name, as a search in order would find it.
    let mut old_by_id: HashMap<&str, &Rule> = HashMap::new();
    for rule in &old_rules {
        old_by_id.entry(rule.full_id.as_str()).or_insert(rule);
    }
    let new_ids: HashSet<&str> = new_rules.iter().map(|r| r.full_id.as_str()).collect();
    for rule in &new_rules {
        match old_by_id.get(rule.full_id.as_str()) {
            None => out.push(format!(
                "+ rule {} ({}): {}",
                rule.full_id,
                rule.severity.as_str(),
                rule.message
            )),
            Some(before) => rule_diff(&mut out, before, rule),
        }
    }
    for rule in old_rules
        .iter()
        .filter(|r| !new_ids.contains(r.full_id.as_str()))
    {
        out.push(format!("- rule {}", rule.full_id));
    }
    out
}

fn rule_diff(out: &mut Vec<String>, was: &Rule, now: &Rule) {
    let mut lines = Vec::new();
    let (was_banned, now_banned) = (was.banned(), now.banned());
    set_diff(&mut lines, "banned", was_banned, now_banned);
    let required = |r: &Rule| match &r.kind {
        RuleKind::Require(p) => p.clone(),
        RuleKind::Match { .. } => Vec::new(),
    };
    set_diff(&mut lines, "require", &required(was), &required(now));
    set_diff(&mut lines, "near", &was.near, &now.near);
    set_diff(&mut lines, "allow", &was.allow, &now.allow);
    set_diff(&mut lines, "paths", &was.paths, &now.paths);
    set_diff(
        &mut lines,
        "form",
        &forms(&was.inflected()),
        &forms(&now.inflected()),
    );
    set_diff(&mut lines, "suggest", &was.suggest, &now.suggest);
    set_diff(
        &mut lines,
        "bad example",
        &was.examples_bad,
        &now.examples_bad,
    );
    set_diff(
        &mut lines,
        "good example",
        &was.examples_good,
        &now.examples_good,
    );
    let mut changed = |what: &str, a: String, b: String| {
        if a != b {
            lines.push(format!("    {what}: {a} → {b}"));
        }
    };
    let shown = |v: Option<&str>| v.map_or("(none)".to_owned(), |v| format!("\"{v}\""));
    changed(
        "severity",
        was.severity.as_str().into(),
        now.severity.as_str().into(),
    );
    changed(
        "pattern",
        shown(was.pattern_written.as_deref()),
        shown(now.pattern_written.as_deref()),
    );
    if was.pattern_written == now.pattern_written {
        changed(
            "pattern, terms expanded",
            shown(was.pattern()),
            shown(now.pattern()),
        );
    }
    changed(
        "replace",
        shown(was.replace.as_deref()),
        shown(now.replace.as_deref()),
    );
    changed("within", was.within.to_string(), now.within.to_string());
    if gapped(was) || gapped(now) {
        changed("gap", was.gap.to_string(), now.gap.to_string());
    }
    changed("case", case(was).into(), case(now).into());
    changed("inflect", was.inflect.to_string(), now.inflect.to_string());
    changed(
        "suppressible",
        was.suppressible.to_string(),
        now.suppressible.to_string(),
    );
    changed(
        "message",
        shown(Some(&was.message)),
        shown(Some(&now.message)),
    );
    changed(
        "link",
        shown(was.link.as_deref()),
        shown(now.link.as_deref()),
    );
    if !lines.is_empty() {
        out.push(format!("~ rule {}", now.full_id));
        out.extend(lines);
    }
}

/// Whether any phrase of the rule has a gap, so its `gap` means something.
fn gapped(rule: &Rule) -> bool {
    let required: &[String] = match &rule.kind {
        RuleKind::Require(p) => p,
        RuleKind::Match { banned, .. } => banned,
    };
    required.iter().chain(&rule.allow).any(|p| has_gap(p))
}

/// The word forms matched beyond the written phrases, flattened.
fn forms(inflected: &[(&str, Vec<String>)]) -> Vec<String> {
    inflected
        .iter()
        .flat_map(|(_, f)| f.iter().cloned())
        .collect()
}

fn case(rule: &Rule) -> &'static str {
    if rule.case_sensitive {
        "sensitive"
    } else {
        "insensitive"
    }
}

fn set_diff(out: &mut Vec<String>, what: &str, was: &[String], now: &[String]) {
    let was: BTreeSet<&String> = was.iter().collect();
    let now: BTreeSet<&String> = now.iter().collect();
    for added in now.difference(&was) {
        out.push(format!("    + {what} \"{added}\""));
    }
    for removed in was.difference(&now) {
        out.push(format!("    - {what} \"{removed}\""));
    }
}

/// The books' rules (phraselint's own are the same on both sides).
fn book_rules(catalog: &Catalog) -> Vec<&Rule> {
    catalog
        .rules()
        .map(|(_, r)| r)
        .filter(|r| r.origin != Origin::Phraselint)
        .collect()
}
