//! Which rules apply to a file, and at which severity: rule `paths` and the
//! config's `overrides`, resolved once per file from its path.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use globset::GlobSet;

use crate::compile::RuleSet;
use crate::config::normalize;
use crate::rules::Severity;

/// A config `overrides` entry, its rule names resolved to indices.
#[derive(Debug, Clone)]
pub struct Override {
    pub paths: GlobSet,
    pub severity: Vec<(usize, Severity)>,
    pub disable: Vec<usize>,
}

/// The rules in force for one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRules {
    pub active: Vec<bool>,
    pub severity: Vec<Severity>,
}

/// Resolves rule scope for files, relative to the project root (the config's
/// directory, or the current directory without a config).
pub struct Scope {
    pub root: PathBuf,
    pub cwd: PathBuf,
    pub overrides: Vec<Override>,
    /// The answer for a file no glob singles out.
    everywhere: FileRules,
    any_paths: bool,
}

impl Scope {
    pub fn new(rules: &RuleSet, root: PathBuf, cwd: PathBuf, overrides: Vec<Override>) -> Scope {
        Scope {
            root,
            cwd,
            overrides,
            everywhere: FileRules {
                active: rules.rules.iter().map(|r| r.path_globs.is_none()).collect(),
                severity: rules.rules.iter().map(|r| r.severity).collect(),
            },
            any_paths: rules.rules.iter().any(|r| r.path_globs.is_some()),
        }
    }

    /// Every rule in force at its own severity, whatever its `paths` (for a
    /// phrasebook's examples).
    pub fn all(rules: &RuleSet) -> FileRules {
        FileRules {
            active: vec![true; rules.rules.len()],
            severity: rules.rules.iter().map(|r| r.severity).collect(),
        }
    }

    /// The rules for the file at `path` (as walked or named).
    pub fn file(&self, rules: &RuleSet, path: &Path) -> Cow<'_, FileRules> {
        if !self.any_paths && self.overrides.is_empty() {
            return Cow::Borrowed(&self.everywhere);
        }
        let absolute = normalize(&self.cwd.join(path));
        let relative = absolute.strip_prefix(&self.root).unwrap_or(&absolute);
        let mut file = self.everywhere.clone();
        if self.any_paths {
            for (i, rule) in rules.rules.iter().enumerate() {
                if let Some(globs) = &rule.path_globs {
                    file.active[i] = globs.is_match(relative);
                }
            }
        }
        for o in self.overrides.iter().filter(|o| o.paths.is_match(relative)) {
            for &(rule, severity) in &o.severity {
                file.severity[rule] = severity;
            }
            for &rule in &o.disable {
                file.active[rule] = false;
            }
        }
        Cow::Owned(file)
    }
}
