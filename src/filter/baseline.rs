//! Baselines for adopting phraselint on a large existing corpus: record
//! today's findings, then report only new ones. Entries key on the
//! fingerprint (rule, path, the match with its surrounding words), so they
//! survive lines added or removed elsewhere. Paths (and so fingerprints)
//! are relative to the project root since version 2; a version 1 baseline's
//! paths were as typed, and its entries are matched by rule, path and
//! matched text instead, then rewritten when the baseline is saved again.

use std::collections::{HashMap, HashSet};
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

/// The baseline format written now: paths relative to the project root.
pub const VERSION: u32 = 2;

impl Baseline {
    /// Today's findings in `files`, but those of rules whose phrasebook
    /// says `suppressible: false`: a baseline is a suppression too.
    pub fn record(catalog: &Catalog, files: &[FileOutcome]) -> Baseline {
        let mut findings = Vec::new();
        for file in files {
            let locator = file.locator();
            let recorded = file
                .findings
                .iter()
                .filter(|f| catalog.rule(f.rule).suppressible);
            findings.extend(recorded.map(|f| Entry {
                fingerprint: f.fingerprint.clone(),
                path: file.path.clone(),
                rule: catalog.rule(f.rule).full_id.clone(),
                line: locator.position(f.span.start, Encoding::Chars).line,
                matched: file.matched(&f.span).to_owned(),
            }));
        }
        Baseline {
            version: VERSION,
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
        // Saved again, a version 1 baseline (rekeyed) is a version 2 one.
        #[derive(Serialize)]
        struct Saved<'a> {
            version: u32,
            findings: &'a [Entry],
        }
        let saved = Saved {
            version: VERSION,
            findings: &self.findings,
        };
        let text = serde_json::to_string_pretty(&saved).expect("a baseline serializes") + "\n";
        crate::paths::write_whole(path, text.as_bytes())
            .map_err(|e| FileError::io(path.display().to_string(), &e))
    }

    /// Whether its paths are as they were typed (version 1), not relative
    /// to the project root.
    pub fn is_legacy(&self) -> bool {
        self.version < VERSION
    }

    /// A version 1 baseline's paths as they are keyed now (`key`: a path as
    /// typed from the current folder → relative to its project's root);
    /// saved again, it is a version 2 baseline.
    pub fn rekey(&mut self, mut key: impl FnMut(&str) -> String) {
        for e in &mut self.findings {
            e.path = key(&e.path);
        }
    }

    /// Drops the findings that the baseline holds (never one of a rule
    /// that is not `suppressible`); returns the indices (in
    /// `findings`) of the entries this run could have reported
    /// (`could_report`: the file was checked and the rule ran on it) that
    /// matched nothing: fixed since, so stale. A version 1 entry that no
    /// fingerprint matches matches a finding of the same rule, path and
    /// text, and takes its fingerprint. Linear in entries and findings.
    pub fn apply(
        &mut self,
        catalog: &Catalog,
        files: &mut [FileOutcome],
        mut could_report: impl FnMut(&Entry) -> bool,
    ) -> Vec<usize> {
        let known: HashSet<&str> = self
            .findings
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect();
        let mut found: HashSet<String> = HashSet::new();
        for file in files.iter_mut() {
            file.findings.retain(|f| {
                if !catalog.rule(f.rule).suppressible {
                    return true;
                }
                if known.contains(f.fingerprint.as_str()) {
                    found.insert(f.fingerprint.clone());
                    false
                } else {
                    true
                }
            });
        }
        let mut renamed = Vec::new();
        if self.is_legacy() {
            let mut loose: HashMap<(&str, &str, &str), Vec<usize>> = HashMap::new();
            for (i, e) in self.findings.iter().enumerate().rev() {
                if !found.contains(&e.fingerprint) {
                    let key = (e.rule.as_str(), e.path.as_str(), e.matched.as_str());
                    loose.entry(key).or_default().push(i);
                }
            }
            for file in files.iter_mut() {
                let (path, text) = (file.path.as_str(), &file.text.text);
                file.findings.retain(|f| {
                    if !catalog.rule(f.rule).suppressible {
                        return true;
                    }
                    let key = (
                        catalog.rule(f.rule).full_id.as_str(),
                        path,
                        &text[f.span.clone()],
                    );
                    match loose.get_mut(&key).and_then(Vec::pop) {
                        Some(i) => {
                            renamed.push((i, f.fingerprint.clone()));
                            false
                        }
                        None => true,
                    }
                });
            }
        }
        for (i, fingerprint) in renamed {
            found.insert(fingerprint.clone());
            self.findings[i].fingerprint = fingerprint;
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
