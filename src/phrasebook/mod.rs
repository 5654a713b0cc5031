//! Phrasebooks: loading, resolving (`terms`, `extends`, defaults) and
//! validating them into the rules the matcher compiles.

pub mod schema;
pub mod terms;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use globset::GlobSet;
use sha2::{Digest, Sha256};

use crate::error::FileError;
use crate::rules::{Rule, RuleKind, Severity};
use crate::yaml::yaml_error;
use schema::{Case, RawBook, RawRule};
use terms::{Terms, expand_all, expand_pattern};

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
    /// `extends` as written, relative to this book.
    pub extends: Vec<String>,
    pub terms: Terms,
    /// Allowed phrases, terms expanded.
    pub allowed: Vec<String>,
    pub rules: Vec<Rule>,
    /// Indices, in the loaded set, of the books this one extends directly or
    /// through others.
    pub extended: Vec<usize>,
}

impl Phrasebook {
    pub fn load(path: &Path) -> Result<Phrasebook, FileError> {
        let shown = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| FileError::new(&shown, io_message(&e)))?;
        let text = std::str::from_utf8(&bytes)
            .map_err(|e| FileError::new(&shown, format!("not valid UTF-8 ({e})")))?;
        Phrasebook::parse(text, &shown)
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
        crate::yaml::check_flow_depth(text, path)?;
        let raw = schema::parse(text).map_err(|e| yaml_error(&e, path))?;
        resolve(raw, text, path)
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
        let at = e.0.split(['`', ':']).nth(1).unwrap_or_default().trim();
        let at = at.split(" →").next().unwrap_or(at);
        // A reference is found where it is written; an empty list where it
        // is defined.
        let (line, column) = if at.starts_with('{') {
            locate(text, at)
        } else {
            locate_key(text, at)
        };
        FileError::at(path, line, column, e.0.clone())
    };
    let terms = terms::resolve_terms(
        raw.terms
            .into_iter()
            .map(|(k, v)| (k.0, v.into_iter().map(|p| p.0).collect()))
            .collect(),
    )
    .map_err(expand_error)?;
    let allowed = expand_all(raw.allowed.iter().map(|p| &p.0), &terms).map_err(expand_error)?;
    let severity = raw.defaults.severity.unwrap_or(Severity::Error);
    let case = raw.defaults.case.unwrap_or(Case::Insensitive);
    let mut rules = Vec::with_capacity(raw.rules.len());
    let positions = rule_positions(text);
    for r in raw.rules {
        let (line, column) = positions.get(r.id.0.as_str()).copied().unwrap_or((1, 1));
        let err = |message: String| FileError::at(path, line, column, message);
        rules.push(resolve_rule(
            r,
            &name,
            &terms,
            severity,
            case,
            line,
            &err,
            &expand_error,
        )?);
    }
    Ok(Phrasebook {
        name,
        version: raw.version.0,
        schema: raw.schema.0,
        description: raw.description,
        path: path.to_owned(),
        sha256: crate::phrasebook::hex(&Sha256::digest(text.as_bytes())),
        extends: raw.extends,
        terms,
        allowed,
        rules,
        extended: Vec::new(),
    })
}

#[allow(clippy::too_many_arguments)]
fn resolve_rule(
    r: RawRule,
    book: &str,
    terms: &Terms,
    severity: Severity,
    case: Case,
    line: usize,
    err: &dyn Fn(String) -> FileError,
    expand_error: &dyn Fn(terms::ExpandError) -> FileError,
) -> Result<Rule, FileError> {
    let id = r.id.0;
    let pattern_written = r.pattern.as_ref().map(|p| p.0.clone());
    let phrases = |list: Option<schema::OneOrMany>| -> Result<Vec<String>, FileError> {
        let list: Vec<String> = list
            .map(|l| l.0.into_iter().map(|p| p.0).collect())
            .unwrap_or_default();
        expand_all(&list, terms).map_err(expand_error)
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
                .map(|p| expand_pattern(&p.0, terms).map_err(expand_error))
                .transpose()?;
            // Term lists can make a valid pattern too big: check it whole,
            // and as a case-sensitive rule runs it, with its case kept.
            if let Some(p) = &pattern {
                let folded = crate::fold::fold_pattern(p, false);
                crate::compile::pattern_regex(&folded, false)
                    .map_err(|e| err(format!("rule `{id}`: {e}")))?;
                if r.case.unwrap_or(case) == Case::Sensitive {
                    crate::compile::pattern_regex(&crate::fold::fold_pattern(p, true), true)
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
        Some(list) => expand_all(list.iter().map(|p| &p.0), terms).map_err(expand_error)?,
        None => Vec::new(),
    };
    let paths: Vec<String> = r
        .paths
        .unwrap_or_default()
        .into_iter()
        .map(|g| g.0)
        .collect();
    let path_globs = compile_globs(&paths).map_err(err)?;
    Ok(Rule {
        full_id: format!("{book}/{id}"),
        id,
        book: 0,
        kind,
        pattern_written,
        near,
        within: r.within.map_or(DEFAULT_WITHIN, |w| w.0),
        allow: expand_all(r.allow.iter().map(|p| &p.0), terms).map_err(expand_error)?,
        paths,
        path_globs,
        case_sensitive: r.case.unwrap_or(case) == Case::Sensitive,
        message: r.message,
        suggest: r.suggest,
        severity: r.severity.unwrap_or(severity),
        link: r.link,
        examples_bad: r.examples.bad,
        examples_good: r.examples.good,
        line,
    })
}

fn compile_globs(globs: &[String]) -> Result<Option<GlobSet>, String> {
    if globs.is_empty() {
        return Ok(None);
    }
    let mut set = globset::GlobSetBuilder::new();
    for g in globs {
        for glob in crate::config::glob(g)? {
            set.add(glob);
        }
    }
    set.build().map(Some).map_err(|e| e.to_string())
}

/// The 1-based line and column of the first occurrence of `needle` outside
/// a YAML comment.
pub fn locate(text: &str, needle: &str) -> (usize, usize) {
    if needle.is_empty() {
        return (1, 1);
    }
    text.lines()
        .enumerate()
        .find_map(|(i, line)| {
            let code = &line[..comment_start(line)];
            code.find(needle)
                .map(|c| (i + 1, line[..c].chars().count() + 1))
        })
        .unwrap_or((1, 1))
}

/// An error about an `extends` entry, at the place it is written.
fn extends_error(path: &Path, shown: &str, entry: &str, message: String) -> FileError {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let (line, column) = locate(&text, entry);
    FileError::at(shown, line, column, message)
}

/// Where a mapping key `key:` is written (the first line that starts with it).
fn locate_key(text: &str, key: &str) -> (usize, usize) {
    let wanted = format!("{key}:");
    text.lines()
        .enumerate()
        .find_map(|(i, line)| {
            let body = line.trim_start();
            body.starts_with(&wanted)
                .then(|| (i + 1, line.len() - body.len() + 1))
        })
        .unwrap_or((1, 1))
}

/// Where a YAML comment starts in a line (a `#` at the start or after a
/// space, outside quotes), or the line's length.
fn comment_start(line: &str) -> usize {
    let mut quote = None;
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if previous.is_whitespace() => return i,
            _ => {}
        }
        previous = c;
    }
    line.len()
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

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    }
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
    let mut by_name: HashMap<&str, &Phrasebook> = HashMap::new();
    for book in &loader.books {
        if let Some(first) = by_name.insert(&book.name, book) {
            let text = std::fs::read_to_string(&book.path).unwrap_or_default();
            let (line, column) = locate(&text, &book.name);
            loader.errors.push(FileError::at(
                &book.path,
                line,
                column,
                format!(
                    "phrasebook name `{}` is also used by {}; rule ids would clash",
                    book.name, first.path
                ),
            ));
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
    errors: Vec<FileError>,
}

impl Loader {
    /// Loads `path` and what it extends; `stack` is the chain of books
    /// being loaded, to tell a cycle.
    fn visit(&mut self, path: &Path, stack: &mut Vec<(PathBuf, String)>) -> Option<usize> {
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| crate::config::normalize(path));
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
        let mut book = match Phrasebook::load(path) {
            Ok(book) => book,
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
            let target_key = std::fs::canonicalize(&target)
                .unwrap_or_else(|_| crate::config::normalize(&target));
            if let Some(start) = stack.iter().position(|(k, _)| *k == target_key) {
                let mut chain: Vec<&str> = stack[start..]
                    .iter()
                    .map(|(_, shown)| shown.as_str())
                    .collect();
                chain.push(&stack[start].1);
                let message = format!("`extends` cycle: {}", chain.join(" → "));
                self.errors
                    .push(extends_error(path, &book.path, rel, message));
                continue;
            }
            if !target.is_file() {
                self.errors.push(extends_error(
                    path,
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
                extended.push(i);
                extended.extend(self.books[i].extended.iter().copied());
            }
        }
        stack.pop();
        extended.sort_unstable();
        extended.dedup();
        book.extended = extended;
        self.books.push(book);
        let index = self.books.len() - 1;
        self.by_path.insert(key, index);
        Some(index)
    }
}
