//! Baselines for adopting phraselint on a large existing corpus: record
//! today's findings, then report only new ones. Entries key on the
//! fingerprint (rule, path, the match with its surrounding words), so they
//! survive lines added or removed elsewhere.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::FileError;
use crate::report::Report;

#[derive(Debug, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub fingerprint: String,
    pub path: String,
    pub rule: String,
    /// Informational: where it was when recorded.
    pub line: usize,
    pub matched: String,
}

impl Baseline {
    pub fn from_report(report: &Report) -> Baseline {
        Baseline {
            version: 1,
            findings: report
                .findings()
                .map(|(file, f)| Entry {
                    fingerprint: f.fingerprint.clone(),
                    path: file.path.clone(),
                    rule: report.rules.rules[f.rule].full_id.clone(),
                    line: f.start.line,
                    matched: f.matched.clone(),
                })
                .collect(),
        }
    }

    pub fn load(path: &Path) -> Result<Baseline, FileError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| FileError::new(&shown, crate::phrasebook::io_message(&e)))?;
        serde_json::from_str(&text).map_err(|e| {
            FileError::at(
                &shown,
                e.line(),
                e.column(),
                format!("not a phraselint baseline: {e}"),
            )
        })
    }

    pub fn save(&self, path: &Path) -> Result<(), FileError> {
        let text = serde_json::to_string_pretty(self).expect("a baseline serializes") + "\n";
        super::write_whole(path, &text).map_err(|e| {
            FileError::new(
                path.display().to_string(),
                crate::phrasebook::io_message(&e),
            )
        })
    }

    /// Drops the report's findings that the baseline holds; returns the
    /// baseline's entries for files checked now that matched nothing (fixed
    /// since, so stale).
    pub fn apply(&self, report: &mut Report) -> Vec<Entry> {
        let known: HashSet<&str> = self
            .findings
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect();
        let mut found: HashSet<String> = HashSet::new();
        for file in &mut report.files {
            file.findings.retain(|f| {
                if known.contains(f.fingerprint.as_str()) {
                    found.insert(f.fingerprint.clone());
                    false
                } else {
                    true
                }
            });
        }
        let checked: HashSet<&str> = report
            .checked_paths
            .iter()
            .map(|(path, _)| path.as_str())
            .collect();
        self.findings
            .iter()
            .filter(|e| checked.contains(e.path.as_str()) && !found.contains(&e.fingerprint))
            .cloned()
            .collect()
    }
}
