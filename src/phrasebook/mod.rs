//! Phrasebooks: loading, resolving (`terms`, `extends`, defaults) and
//! validating them into the rules the matcher compiles.

pub mod schema;
pub mod terms;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::FileError;
use crate::paths::normalize;
use crate::rules::{BookIdx, Origin, Rule, RuleKind, Severity};
use crate::yaml::{locate, locate_key, yaml_error};
use schema::{Case, RawBook, RawRule};
use terms::{Budget, Terms, expand_all, expand_pattern};

use crate::pattern::pattern_regex;
use crate::text::fold::{fold_pattern, fold_phrase};

/// The books compiled into the binary, used when nothing else is configured.
pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "partner-ai.yaml",
        include_str!("../../phrasebooks/partner-ai.yaml"),
    ),
    ("claims.yaml", include_str!("../../phrasebooks/claims.yaml")),
];

/// How deep `extends` may nest: far beyond any real set of books, and a
/// guard against a runaway chain.
const MAX_EXTENDS_DEPTH: usize = 64;

/// Words on either side that a `near` rule looks at when `within` is not set.
pub const DEFAULT_WITHIN: usize = 10;
/// Words a `...` stands for when neither the rule nor the book says.
pub const DEFAULT_GAP: usize = 3;

/// A loaded, validated phrasebook.
#[derive(Debug, Clone)]
pub struct Phrasebook {
    pub name: String,
    pub version: semver::Version,
    pub schema: u64,
    pub description: Option<String>,
    /// Where it came from, as shown in reports.
    pub path: String,
    /// sha256 of the file's bytes, so an audit can tell exactly which rules ran.
    pub sha256: String,
    /// Who answers for the book, who approved this version and when: shown
    /// in every report, so a sign-off names whose rules it applied.
    pub owner: Option<String>,
    pub approved_by: Option<String>,
    pub approved_on: Option<jiff::civil::Date>,
    /// `extends` as written, relative to this book.
    pub extends: Vec<String>,
    pub terms: Terms,
    /// Allowed phrases, terms expanded.
    pub allowed: Vec<String>,
    /// The words a `...` in an allowed phrase stands for (`defaults.gap`).
    pub gap: usize,
    /// `defaults.inflect`: the allowed phrases match their word forms too.
    pub inflect: bool,
    pub rules: Vec<Rule>,
    /// The books, in the loaded set, this one extends directly or through
    /// others.
    pub extended: Vec<BookIdx>,
}

impl Phrasebook {
    pub fn load(path: &Path) -> Result<Phrasebook, FileError> {
        let shown = path.display().to_string();
        Phrasebook::parse(&read_text(path, &shown)?, &shown)
    }

    pub fn built_in() -> Vec<Phrasebook> {
        BUILT_IN
            .iter()
            .map(|(name, text)| {
                Phrasebook::parse(text, &format!("<built-in>/{name}"))
                    .expect("built-in phrasebooks are valid (tested)")
            })
            .collect()
    }

    /// Parses and resolves one book (its `extends` are loaded by [`load_set`]).
    pub fn parse(text: &str, path: &str) -> Result<Phrasebook, FileError> {
        crate::yaml::check_flow_depth(text, path)
            .and_then(|()| crate::yaml::check_alias_expansion(text, path))
            .and_then(|()| schema::parse(text).map_err(|e| yaml_error(&e, path)))
            .and_then(|raw| resolve(raw, text, path))
            .map_err(|e| {
                // A line is shown only of a file that is a phrasebook; of
                // another file (`extends` naming `.git-credentials` by
                // mistake) not even the value serde found.
                if crate::yaml::declares(text, &["phrasebook"]) {
                    e.in_text(text)
                } else if !e.message.contains("(did you mean") {
                    FileError {
                        message: "not a phrasebook: a YAML mapping with `phrasebook`, `version`, `schema` and `rules` is expected".to_owned(),
                        ..e
                    }
                } else {
                    e
                }
            })
    }

    /// The rule with this id inside the book.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }
}

fn resolve(raw: RawBook, text: &str, path: &str) -> Result<Phrasebook, FileError> {
    let name = raw.phrasebook.0;
    // An unknown `{name}` is reported where it is written.
    let expand_error = |e: terms::ExpandError| {
        let at = e
            .message
            .split(['`', ':'])
            .nth(1)
            .unwrap_or_default()
            .trim();
        let at = at.split(" →").next().unwrap_or(at);
        // A reference is found where it is written; an empty list where it
        // is defined.
        let (line, column) = if at.starts_with('{') {
            locate(text, at)
        } else {
            locate_key(text, at)
        };
        FileError::at(path, line, column, e.message)
    };
    // Every expansion of the book, from its term lists to its rules' lists,
    // is charged to one budget.
    let budget = Budget::default();
    let terms = terms::resolve_terms(
        raw.terms
            .into_iter()
            .map(|(k, v)| (k.0, v.into_iter().map(|p| p.0).collect()))
            .collect(),
        &budget,
    )
    .map_err(expand_error)?;
    let allowed = expand_all(raw.allowed.iter().map(|p| &p.0), &terms, &budget)
        .map_err(|e| expand_error(e.spent_by("`allowed`")))?;
    let gap = raw.defaults.gap.map_or(DEFAULT_GAP, |g| g.0);
    let inflect = raw.defaults.inflect.unwrap_or(false);
    if inflect {
        let (line, column) = locate_key(text, "allowed");
        charge_forms(&allowed, &budget)
            .map_err(|m| FileError::at(path, line, column, format!("`allowed`: {m}")))?;
    }
    let book = BookDefaults {
        name: &name,
        terms: &terms,
        severity: raw.defaults.severity.unwrap_or(Severity::Error),
        case: raw.defaults.case.unwrap_or(Case::Insensitive),
        gap,
        inflect,
        suppressible: raw.defaults.suppressible.unwrap_or(true),
        expand_error: &expand_error,
        budget: &budget,
    };
    let mut rules = Vec::with_capacity(raw.rules.len());
    let positions = rule_positions(text);
    for r in raw.rules {
        let (line, column) = positions.get(r.id.0.as_str()).copied().unwrap_or((1, 1));
        let err = |message: String| FileError::at(path, line, column, message);
        rules.push(resolve_rule(r, &book, line, &err)?);
    }
    Ok(Phrasebook {
        name,
        version: raw.version.0,
        schema: raw.schema.0,
        description: raw.description,
        path: path.to_owned(),
        sha256: format!("{:x}", Sha256::digest(text.as_bytes())),
        owner: raw.owner.map(|o| o.0),
        approved_by: raw.approved_by.map(|a| a.0),
        approved_on: raw.approved_on.map(|d| d.0),
        extends: raw.extends,
        terms,
        allowed,
        gap,
        inflect,
        rules,
        extended: Vec::new(),
    })
}

/// What each rule of a book is resolved with: the book's name, terms and
/// defaults, and how a term error is placed in the book.
struct BookDefaults<'a> {
    name: &'a str,
    terms: &'a Terms,
    severity: Severity,
    case: Case,
    gap: usize,
    inflect: bool,
    suppressible: bool,
    expand_error: &'a dyn Fn(terms::ExpandError) -> FileError,
    /// What is left of the book's budget of expanded phrases.
    budget: &'a Budget,
}

/// Resolves one rule written at `line`; `err` places its errors there.
fn resolve_rule(
    r: RawRule,
    book: &BookDefaults,
    line: usize,
    err: &dyn Fn(String) -> FileError,
) -> Result<Rule, FileError> {
    let BookDefaults {
        terms,
        severity,
        case,
        gap,
        inflect,
        suppressible,
        expand_error,
        budget,
        ..
    } = *book;
    let id = r.id.0;
    // A term error where the reference is written; the budget running out
    // at the rule that spent it.
    let expand_error = |e: terms::ExpandError| {
        if e.over_budget {
            err(format!("rule `{id}` {}", e.message))
        } else {
            expand_error(e)
        }
    };
    let pattern_written = r.pattern.as_ref().map(|p| p.0.clone());
    let phrases = |list: Option<schema::OneOrMany>| -> Result<Vec<String>, FileError> {
        let list: Vec<String> = list
            .map(|l| l.0.into_iter().map(|p| p.0).collect())
            .unwrap_or_default();
        expand_all(&list, terms, budget).map_err(expand_error)
    };
    let kind = match (r.banned, r.pattern, r.require) {
        (None, None, None) => {
            return Err(err(format!(
                "rule `{id}` needs `banned`, `pattern` or `require`"
            )));
        }
        (Some(_), _, Some(_)) | (_, Some(_), Some(_)) => {
            return Err(err(format!(
                "rule `{id}`: `require` cannot be combined with `banned` or `pattern`; make it a rule of its own"
            )));
        }
        (None, None, Some(require)) => {
            if r.near.is_some() {
                return Err(err(format!(
                    "rule `{id}`: `near` applies to `banned` and `pattern`, not `require`"
                )));
            }
            RuleKind::Require(phrases(Some(require))?)
        }
        (banned, pattern, None) => {
            let pattern = pattern
                .map(|p| expand_pattern(&p.0, terms, budget).map_err(expand_error))
                .transpose()?;
            // Term lists can make a valid pattern too big: check it whole,
            // and as a case-sensitive rule runs it, with its case kept.
            if let Some(p) = &pattern {
                let folded = fold_pattern(p, false);
                pattern_regex(&folded, false).map_err(|e| err(format!("rule `{id}`: {e}")))?;
                if r.case.unwrap_or(case) == Case::Sensitive {
                    pattern_regex(&fold_pattern(p, true), true)
                        .map_err(|e| err(format!("rule `{id}`: {e}")))?;
                }
            }
            RuleKind::Match {
                banned: phrases(banned)?,
                pattern,
            }
        }
    };
    if r.within.is_some() && r.near.is_none() {
        return Err(err(format!("rule `{id}`: `within` needs a `near` list")));
    }
    if r.near.as_ref().is_some_and(Vec::is_empty) {
        return Err(err(format!(
            "rule `{id}`: `near` is empty; list at least one term, or remove it"
        )));
    }
    if r.paths.as_ref().is_some_and(Vec::is_empty) {
        return Err(err(format!(
            "rule `{id}`: `paths` is empty, so the rule would never apply; remove it or list globs"
        )));
    }
    let near: Vec<String> = match r.near {
        Some(list) => expand_all(list.iter().map(|p| &p.0), terms, budget).map_err(expand_error)?,
        None => Vec::new(),
    };
    // A gap between a match and its `near` term is what `within` measures.
    if near.iter().any(|t| crate::rules::has_gap(t)) {
        return Err(err(format!(
            "rule `{id}`: `near` terms cannot have a gap (`...`); `within` sets the distance"
        )));
    }
    let paths: Vec<String> = r
        .paths
        .unwrap_or_default()
        .into_iter()
        .map(|g| g.0)
        .collect();
    let path_globs = crate::paths::glob_set(&paths).map_err(err)?;
    let allow = expand_all(r.allow.iter().map(|p| &p.0), terms, budget).map_err(expand_error)?;
    let phrases = match &kind {
        RuleKind::Match { banned, .. } => banned,
        RuleKind::Require(phrases) => phrases,
    };
    if r.gap.is_some()
        && !phrases
            .iter()
            .chain(&allow)
            .any(|p| crate::rules::has_gap(p))
    {
        return Err(err(format!(
            "rule `{id}`: `gap` needs a phrase with a gap (`...`)"
        )));
    }
    let inflect = r.inflect.unwrap_or(inflect);
    if inflect {
        for list in [phrases, &near, &allow] {
            charge_forms(list, budget).map_err(|m| err(format!("rule `{id}`: {m}")))?;
        }
    }
    let replace = r.replace.map(|p| p.0);
    if let Some(replace) = &replace {
        if let RuleKind::Require(_) = kind {
            return Err(err(format!(
                "rule `{id}`: `replace` applies to `banned` phrases, not `require`"
            )));
        }
        if let Some(by) = flagged_by(replace, &kind, inflect) {
            return Err(err(format!(
                "rule `{id}`: `replace: {replace}` is itself flagged by {by}, so `--fix` would never settle"
            )));
        }
    }
    Ok(Rule {
        full_id: format!("{}/{id}", book.name),
        id,
        // Set when the catalogue is made.
        origin: Origin::Phraselint,
        kind,
        pattern_written,
        near,
        within: r.within.map_or(DEFAULT_WITHIN, |w| w.0),
        gap: r.gap.map_or(gap, |g| g.0),
        allow,
        paths,
        path_globs,
        case_sensitive: r.case.unwrap_or(case) == Case::Sensitive,
        inflect,
        message: r.message,
        suggest: r.suggest,
        replace,
        severity: r.severity.unwrap_or(severity),
        suppressible: r.suppressible.unwrap_or(suppressible),
        link: r.link,
        examples_bad: r.examples.bad,
        examples_good: r.examples.good,
        line,
    })
}

/// What of a rule's own would flag its `replace` text again (`the banned
/// phrase "…"`, `its pattern`), if anything. Compared case-insensitively
/// even for a case-sensitive rule, since `--fix` recases the replacement
/// like the match.
fn flagged_by(replace: &str, kind: &RuleKind, inflect: bool) -> Option<String> {
    let RuleKind::Match { banned, pattern } = kind else {
        return None;
    };
    let text = fold_phrase(replace);
    for phrase in banned {
        let forms = if inflect {
            crate::inflect::phrase_forms(phrase).unwrap_or_else(|_| vec![phrase.clone()])
        } else {
            vec![phrase.clone()]
        };
        if forms
            .iter()
            .any(|f| contains_in_order(&text, &fold_phrase(f)))
        {
            return Some(format!("the banned phrase \"{phrase}\""));
        }
    }
    let pattern = pattern.as_deref()?;
    pattern_regex(&fold_pattern(pattern, false), false)
        .ok()?
        .is_match(&text)
        .then(|| "its pattern".to_owned())
}

/// Whether each gap part of folded `phrase` occurs in folded `text` as whole
/// words, in order.
fn contains_in_order(text: &str, phrase: &str) -> bool {
    use crate::text::fold::is_word_char;
    let mut from = 0;
    crate::rules::gap_parts(phrase).iter().all(|part| {
        let found = text[from..].match_indices(part).find(|(at, _)| {
            let start = from + at;
            let end = start + part.len();
            !text[..start].chars().next_back().is_some_and(is_word_char)
                && !text[end..].chars().next().is_some_and(is_word_char)
        });
        match found {
            Some((at, _)) => {
                from += at + part.len();
                true
            }
            None => false,
        }
    })
}

/// Checks that each phrase of `list` has at most
/// [`MAX_FORMS`](crate::inflect::MAX_FORMS) word forms, and charges the
/// forms beyond the phrase itself to the book's budget.
fn charge_forms(list: &[String], budget: &Budget) -> Result<(), String> {
    for phrase in list {
        let (count, bytes) = crate::inflect::form_count(phrase).map_err(|n| {
            format!(
                "the phrase \"{phrase}\" has {n} word forms with `inflect: true`, more than {}; \
                 shorten it, or set `inflect: false` and list the forms",
                crate::inflect::MAX_FORMS
            )
        })?;
        budget
            .charge(count - 1, bytes.saturating_sub(phrase.len()))
            .map_err(|e| e.message)?;
    }
    Ok(())
}

/// Where each rule's `id: …` is written, found in one pass over the text
/// (the first place for an id written twice).
fn rule_positions(text: &str) -> HashMap<&str, (usize, usize)> {
    let mut found = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let mut from = 0;
        while let Some(at) = line[from..].find("id:") {
            let key = from + at;
            from = key + 3;
            if key > 0 && line.as_bytes()[key - 1].is_ascii_alphanumeric() {
                continue;
            }
            let value = line[key + 3..].trim_start().trim_start_matches(['"', '\'']);
            let len = value
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .unwrap_or(value.len());
            if len > 0 {
                let column = line.len() - value.len();
                found
                    .entry(&value[..len])
                    .or_insert((i + 1, line[..column].chars().count() + 1));
            }
        }
    }
    found
}

/// A book's text: a regular file of at most
/// [`MAX_BOOK_BYTES`](crate::paths::MAX_BOOK_BYTES), UTF-8, or an error
/// naming the file.
fn read_text(path: &Path, shown: &str) -> Result<String, FileError> {
    crate::paths::read_side_text(path, shown, crate::paths::MAX_BOOK_BYTES)
}

/// An error about `needle` (an `extends` entry, the book's name), at the
/// place it is written in the book's `text`.
fn error_at(text: &str, shown: &str, needle: &str, message: String) -> FileError {
    let (line, column) = locate(text, needle);
    FileError::at(shown, line, column, message).in_text(text)
}

/// Books and everything they extend, each once, extended books first;
/// `roots[i]` is the index of `paths[i]`.
pub struct BookSet {
    pub books: Vec<Phrasebook>,
    pub roots: Vec<usize>,
}

/// Loads books from files with their `extends`, rejecting cycles (naming the
/// chain) and two books of one name (their rule ids would clash).
pub fn load_set(paths: &[PathBuf]) -> Result<BookSet, Vec<FileError>> {
    let mut loader = Loader::default();
    let mut roots = Vec::new();
    for path in paths {
        if let Some(i) = loader.visit(path, &mut Vec::new()) {
            roots.push(i);
        }
    }
    if !loader.errors.is_empty() {
        return Err(loader.errors);
    }
    Ok(BookSet {
        books: loader.books,
        roots,
    })
}

#[derive(Default)]
struct Loader {
    books: Vec<Phrasebook>,
    by_path: HashMap<PathBuf, usize>,
    by_name: HashMap<String, usize>,
    errors: Vec<FileError>,
}

impl Loader {
    /// Loads `path` and what it extends; `stack` is the chain of books
    /// being loaded, to tell a cycle.
    fn visit(&mut self, path: &Path, stack: &mut Vec<(PathBuf, String)>) -> Option<usize> {
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| normalize(path));
        if let Some(&i) = self.by_path.get(&key) {
            return Some(i);
        }
        if stack.len() >= MAX_EXTENDS_DEPTH {
            let (_, shown) = stack.last().expect("a book extends this one");
            self.errors.push(FileError::new(
                shown,
                format!("`extends` nests deeper than {MAX_EXTENDS_DEPTH} books; flatten the chain"),
            ));
            return None;
        }
        let shown = path.display().to_string();
        let loaded = read_text(path, &shown)
            .and_then(|text| Phrasebook::parse(&text, &shown).map(|book| (book, text)));
        let (mut book, text) = match loaded {
            Ok(loaded) => loaded,
            Err(e) => {
                self.errors.push(e);
                return None;
            }
        };
        let dir = path.parent().unwrap_or(Path::new(""));
        stack.push((key.clone(), book.path.clone()));
        let mut extended = Vec::new();
        for rel in &book.extends {
            let target = dir.join(rel);
            let target_key = std::fs::canonicalize(&target).unwrap_or_else(|_| normalize(&target));
            if let Some(start) = stack.iter().position(|(k, _)| *k == target_key) {
                let mut chain: Vec<&str> = stack[start..]
                    .iter()
                    .map(|(_, shown)| shown.as_str())
                    .collect();
                chain.push(&stack[start].1);
                let message = format!("`extends` cycle: {}", chain.join(" → "));
                self.errors.push(error_at(&text, &book.path, rel, message));
                continue;
            }
            if !target.is_file() {
                self.errors.push(error_at(
                    &text,
                    &book.path,
                    rel,
                    format!(
                        "`extends` names {}, which is not a readable file",
                        target.display()
                    ),
                ));
                continue;
            }
            if let Some(i) = self.visit(&target, stack) {
                extended.push(BookIdx::new(i));
                extended.extend(self.books[i].extended.iter().copied());
            }
        }
        stack.pop();
        extended.sort_unstable();
        extended.dedup();
        book.extended = extended;
        let index = self.books.len();
        if let Some(&first) = self.by_name.get(&book.name) {
            self.errors.push(error_at(
                &text,
                &book.path,
                &book.name,
                format!(
                    "phrasebook name `{}` is also used by {}; rule ids would clash",
                    book.name, self.books[first].path
                ),
            ));
        } else {
            self.by_name.insert(book.name.clone(), index);
        }
        self.books.push(book);
        self.by_path.insert(key, index);
        Some(index)
    }
}
