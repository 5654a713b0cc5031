//! Scope: which files a run reads (the config's `include` and `exclude`),
//! and which rules apply to a file at which severity (rule `paths` and the
//! config's `overrides`), resolved once per file from its path relative to
//! the project root.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use globset::{GlobSet, GlobSetBuilder};

use crate::catalog::Catalog;
use crate::config::Config;
use crate::error::FileError;
use crate::paths::relative_to;
use crate::rules::{RuleIdx, Severity};

/// Whether a file is in scope: under `include` (when set) and not under
/// `exclude`, both matched against the path relative to the config's
/// directory.
pub fn selects(config: &Config, path: &Path, cwd: &Path) -> bool {
    if config.include.is_none() && config.exclude.is_none() {
        return true;
    }
    let relative = relative_to(path, cwd, &config.root);
    config
        .include
        .as_ref()
        .is_none_or(|g| g.is_match(&relative))
        && !config
            .exclude
            .as_ref()
            .is_some_and(|g| g.is_match(&relative))
}

/// A config `overrides` entry, its rule names resolved.
#[derive(Debug, Clone)]
pub struct Override {
    pub paths: GlobSet,
    pub severity: Vec<(RuleIdx, Severity)>,
    pub disable: Vec<RuleIdx>,
}

/// The rules in force for one file, indexed by [`RuleIdx::index`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRules {
    pub active: Vec<bool>,
    pub severity: Vec<Severity>,
}

impl FileRules {
    pub fn severity(&self, rule: RuleIdx) -> Severity {
        self.severity[rule.index()]
    }
}

/// Every rule's `paths` as one glob set: each distinct glob list is
/// compiled once, and a file's path is matched once against all of them;
/// the globs it matches map back to the rules that list them.
#[derive(Debug, Clone)]
struct RulePaths {
    /// Glob sets (one, unless all together exceed globset's size limit),
    /// each with the index in `rules` of the list each of its globs is from.
    sets: Vec<(GlobSet, Vec<usize>)>,
    /// For each distinct list, the rules that have it as `paths`.
    rules: Vec<Vec<RuleIdx>>,
}

impl RulePaths {
    /// `None` when no rule has `paths`.
    fn new(catalog: &Catalog) -> Option<RulePaths> {
        let mut lists: HashMap<&[String], usize> = HashMap::new();
        let mut distinct: Vec<&[String]> = Vec::new();
        let mut rules: Vec<Vec<RuleIdx>> = Vec::new();
        for (i, rule) in catalog.rules() {
            if rule.path_globs.is_none() {
                continue;
            }
            let list = *lists.entry(rule.paths.as_slice()).or_insert_with(|| {
                distinct.push(rule.paths.as_slice());
                rules.push(Vec::new());
                rules.len() - 1
            });
            rules[list].push(i);
        }
        if rules.is_empty() {
            return None;
        }
        let build = |lists: &mut dyn Iterator<Item = usize>| {
            let mut builder = GlobSetBuilder::new();
            let mut list_of_glob = Vec::new();
            for list in lists {
                for pattern in distinct[list] {
                    // Each compiled when its book was loaded: it compiles.
                    for glob in crate::paths::glob(pattern).unwrap_or_default() {
                        builder.add(glob);
                        list_of_glob.push(list);
                    }
                }
            }
            builder.build().map(|set| (set, list_of_glob))
        };
        let sets = match build(&mut (0..distinct.len())) {
            Ok(set) => vec![set],
            // Too big together: a set per list, as each rule's own.
            Err(_) => (0..distinct.len())
                .filter_map(|list| build(&mut std::iter::once(list)).ok())
                .collect(),
        };
        Some(RulePaths { sets, rules })
    }

    /// Marks active the rules whose `paths` match `relative`.
    fn activate(&self, relative: &Path, active: &mut [bool]) {
        let mut seen = vec![false; self.rules.len()];
        let candidate = globset::Candidate::new(relative);
        for (set, list_of_glob) in &self.sets {
            for glob in set.matches_candidate(&candidate) {
                let list = list_of_glob[glob];
                if !std::mem::replace(&mut seen[list], true) {
                    for rule in &self.rules[list] {
                        active[rule.index()] = true;
                    }
                }
            }
        }
    }
}

/// Resolves rule scope for files, relative to the project root (the config's
/// directory, or the current directory without a config).
#[derive(Debug)]
pub struct Scope {
    root: PathBuf,
    cwd: PathBuf,
    overrides: Vec<Override>,
    /// The answer for a file no glob singles out.
    everywhere: FileRules,
    /// The rules with `paths`, when any has.
    paths: Option<RulePaths>,
}

impl Scope {
    pub fn new(catalog: &Catalog, root: PathBuf, cwd: PathBuf, overrides: Vec<Override>) -> Scope {
        Scope {
            root,
            cwd,
            overrides,
            everywhere: FileRules {
                active: catalog
                    .rules()
                    .map(|(_, r)| r.path_globs.is_none())
                    .collect(),
                severity: catalog.rules().map(|(_, r)| r.severity).collect(),
            },
            paths: RulePaths::new(catalog),
        }
    }

    /// The scope a config sets, its `overrides` resolved against the
    /// catalogue: an unknown rule name is an error at its place in the
    /// config. With `strict` off (`--phrasebook` replaced the configured
    /// books), names of rules that are not loaded are passed by.
    pub fn from_config(
        catalog: &Catalog,
        config: &Config,
        cwd: &Path,
        strict: bool,
    ) -> Result<Scope, FileError> {
        let find = |name: &str| -> Result<Vec<RuleIdx>, FileError> {
            let found = catalog.named(name);
            if found.is_empty() && strict {
                return Err(
                    config.error_at(name, format!("`overrides` names no loaded rule `{name}`"))
                );
            }
            Ok(found)
        };
        let mut overrides = Vec::new();
        for spec in &config.overrides {
            let mut o = Override {
                paths: spec.paths.clone(),
                severity: Vec::new(),
                disable: Vec::new(),
            };
            for (name, severity) in &spec.severity {
                o.severity
                    .extend(find(name)?.into_iter().map(|i| (i, *severity)));
            }
            for name in &spec.disable {
                let found = find(name)?;
                // The book's owner said no one may silence it; a config is
                // no more entitled to than a comment.
                if let Some(&i) = found.iter().find(|&&i| !catalog.rule(i).suppressible) {
                    let id = &catalog.rule(i).full_id;
                    // `passive` may name a rule in each of several books.
                    let others = if found.len() > 1 {
                        format!(
                            " (`{name}` names {} rules: disable the others by their full ids)",
                            found.len()
                        )
                    } else {
                        String::new()
                    };
                    return Err(config.error_at(
                        name,
                        format!(
                            "`overrides` cannot disable `{id}`: its phrasebook says `suppressible: false`{others}"
                        ),
                    ));
                }
                o.disable.extend(found);
            }
            overrides.push(o);
        }
        Ok(Scope::new(
            catalog,
            config.root.clone(),
            cwd.to_path_buf(),
            overrides,
        ))
    }

    /// Every rule in force at its own severity, whatever its `paths` (for a
    /// phrasebook's examples).
    pub fn all(catalog: &Catalog) -> FileRules {
        FileRules {
            active: vec![true; catalog.rule_count()],
            severity: catalog.rules().map(|(_, r)| r.severity).collect(),
        }
    }

    /// The rules for the file at `path` (as walked or named): one match of
    /// its path against all rules' `paths` globs at once, then the
    /// overrides.
    pub fn file(&self, path: &Path) -> Cow<'_, FileRules> {
        if self.paths.is_none() && self.overrides.is_empty() {
            return Cow::Borrowed(&self.everywhere);
        }
        let relative = relative_to(path, &self.cwd, &self.root);
        let mut file = self.everywhere.clone();
        if let Some(paths) = &self.paths {
            paths.activate(&relative, &mut file.active);
        }
        for o in self
            .overrides
            .iter()
            .filter(|o| o.paths.is_match(&relative))
        {
            for &(rule, severity) in &o.severity {
                file.severity[rule.index()] = severity;
            }
            for &rule in &o.disable {
                file.active[rule.index()] = false;
            }
        }
        Cow::Owned(file)
    }
}
