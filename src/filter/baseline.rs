//! Baselines for adopting phraselint on a large existing corpus: record
//! today's findings, then report only new ones. Entries key on the
//! fingerprint (rule, path, the match with its surrounding words), so they
//! survive lines added or removed elsewhere.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::error::FileError;
use crate::finding::FileOutcome;
use crate::locate::Encoding;

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
    /// Today's findings in `files`.
    pub fn record(catalog: &Catalog, files: &[FileOutcome]) -> Baseline {
        let mut findings = Vec::new();
        for file in files {
            let locator = file.locator();
            findings.extend(file.findings.iter().map(|f| Entry {
                fingerprint: f.fingerprint.clone(),
                path: file.path.clone(),
                rule: catalog.rule(f.rule).full_id.clone(),
                line: locator.position(f.span.start, Encoding::Chars).line,
                matched: file.matched(&f.span).to_owned(),
            }));
        }
        Baseline {
            version: 1,
            findings,
        }
    }

    pub fn load(path: &Path) -> Result<Baseline, FileError> {
        let shown = path.display().to_string();
        let text = crate::paths::read_side_text(path, &shown, crate::paths::MAX_BASELINE_BYTES)?;
        serde_json::from_str(&text).map_err(|e| {
            FileError::at(
                &shown,
                e.line(),
                e.column(),
                format!(
                    "not a phraselint baseline: {}",
                    crate::error::short_quotes(&e.to_string())
                ),
            )
        })
    }

    pub fn save(&self, path: &Path) -> Result<(), FileError> {
        let text = serde_json::to_string_pretty(self).expect("a baseline serializes") + "\n";
        crate::paths::write_whole(path, text.as_bytes())
            .map_err(|e| FileError::io(path.display().to_string(), &e))
    }

    /// Drops the findings that the baseline holds; returns the indices (in
    /// `findings`) of the entries this run could have reported
    /// (`could_report`: the file was checked and the rule ran on it) that
    /// matched nothing: fixed since, so stale. Linear in entries and
    /// findings.
    pub fn apply(
        &self,
        files: &mut [FileOutcome],
        mut could_report: impl FnMut(&Entry) -> bool,
    ) -> Vec<usize> {
        let known: HashSet<&str> = self
            .findings
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect();
        let mut found: HashSet<String> = HashSet::new();
        for file in files {
            file.findings.retain(|f| {
                if known.contains(f.fingerprint.as_str()) {
                    found.insert(f.fingerprint.clone());
                    false
                } else {
                    true
                }
            });
        }
        self.findings
            .iter()
            .enumerate()
            .filter(|(_, e)| !found.contains(&e.fingerprint) && could_report(e))
            .map(|(i, _)| i)
            .collect()
    }

    /// Drops the entries at `stale` (indices as [`Baseline::apply`] returns
    /// them), in linear time.
    pub fn prune(&mut self, stale: &[usize]) {
        let mut drop = vec![false; self.findings.len()];
        for &i in stale {
            drop[i] = true;
        }
        let mut i = 0;
        self.findings.retain(|_| {
            i += 1;
            !drop[i - 1]
        });
    }
}
