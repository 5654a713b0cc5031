//! What the web checker checks with: the config and books `check` would use
//! for each file named in the folder the server started from, each
//! project's linter built once, and the `json` report written by the same
//! code as `check --format json`.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use phraselint::error::FileError;
use phraselint::kind::FileKind;
use phraselint::lint::{FileResult, LintOptions, Linter};
use phraselint::matcher::Input;
use phraselint::project::Projects;
use phraselint::report::{self, Format, Report, Style, books_json};

/// Why a check could not be made.
pub enum Refused {
    /// The request's fault: the message says what to change.
    BadName(String),
    /// The server's: a config or a phrasebook that does not load.
    Config(FileError),
}

pub struct Checker {
    cwd: PathBuf,
    max_filesize: u64,
    projects: Mutex<Projects>,
    /// Each project's linter, built when a file of it is first checked.
    linters: Mutex<HashMap<usize, Arc<Linter>>>,
}

impl Checker {
    /// Loads the config and books of `cwd` (the project a name without a
    /// folder belongs to), so that a broken one stops the server at start.
    pub fn new(cwd: &Path, max_filesize: u64) -> Result<Checker, Vec<FileError>> {
        let projects = Projects::new(None, cwd).map_err(|e| vec![e])?;
        let checker = Checker {
            cwd: cwd.to_path_buf(),
            max_filesize,
            projects: Mutex::new(projects),
            linters: Mutex::new(HashMap::new()),
        };
        checker.linter(Path::new("")).map_err(|e| vec![e])?;
        Ok(checker)
    }

    /// The linter of the project that governs the folder `dir`, and that
    /// project's root.
    fn linter(&self, dir: &Path) -> Result<(Arc<Linter>, PathBuf, usize), FileError> {
        // A lock poisoned by a panic elsewhere still holds whole values: each
        // is replaced in one step.
        let mut projects = self.projects.lock().unwrap_or_else(PoisonError::into_inner);
        let project = projects.of_folder(dir).map_err(FileError::clone)?;
        let root = projects.get(project).root.clone();
        let mut linters = self.linters.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(linter) = linters.get(&project) {
            return Ok((linter.clone(), root, project));
        }
        let config = &projects.get(project).config;
        let options = LintOptions {
            max_filesize: self.max_filesize,
            // A server checks many texts with one automaton.
            input: Input::Large,
            ..LintOptions::from_config(config)
        };
        let linter =
            Linter::configured(config, &[], &self.cwd, options).map_err(|mut e| e.remove(0))?;
        let linter = Arc::new(linter);
        linters.insert(project, linter.clone());
        Ok((linter, root, project))
    }

    /// The `json` report of `bytes` checked as the file `name` (relative
    /// to the served folder; its extension picks the kind, its folder the
    /// config), as `check --stdin --stdin-filename NAME --format json`
    /// writes it; `<stdin>`, read as text, when no name is given.
    pub fn check(&self, name: Option<&str>, bytes: &[u8]) -> Result<Vec<u8>, Refused> {
        let path = Path::new(name.unwrap_or("<stdin>"));
        if name.is_some() {
            inside(path)?;
        }
        let (linter, root, project) = self
            .linter(path.parent().unwrap_or(Path::new("")))
            .map_err(Refused::Config)?;
        let shown = match name {
            Some(_) => self
                .projects
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .shown(project, path),
            None => "<stdin>".to_owned(),
        };
        let kind = FileKind::from_path(path).unwrap_or(FileKind::Text);
        let result = linter.lint_named(path, &shown, kind, bytes);
        let mut report = self.report(&linter, root);
        match result {
            FileResult::Checked(outcome) => {
                report.checked = 1;
                report
                    .checked_paths
                    .push((outcome.path.clone(), outcome.file.clone()));
                if !outcome.findings.is_empty() || !outcome.suppressed.is_empty() {
                    report.files.push(outcome);
                }
            }
            FileResult::Binary(_) | FileResult::TooLarge(..) | FileResult::NotAFile(_) => {
                report.skipped = 1
            }
            FileResult::Failed(e) => report.errors.push(e),
        }
        Ok(json(&report))
    }

    /// The books `check` uses in the served folder, as the `json` report's
    /// `phrasebooks` lists them.
    pub fn phrasebooks(&self) -> Result<Vec<u8>, Refused> {
        let (linter, ..) = self.linter(Path::new("")).map_err(Refused::Config)?;
        let books = serde_json::json!({ "phrasebooks": books_json(linter.catalog()) });
        Ok(books.to_string().into_bytes())
    }

    fn report<'a>(&self, linter: &'a Linter, root: PathBuf) -> Report<'a> {
        Report {
            catalog: linter.catalog(),
            files: Vec::new(),
            errors: Vec::new(),
            checked: 0,
            skipped: 0,
            not_checked: Vec::new(),
            checked_paths: Vec::new(),
            cwd: self.cwd.clone(),
            root,
            fixed: None,
            // The json report records no run; these are `check`'s defaults.
            run: phraselint::report::Run {
                started: std::time::SystemTime::now(),
                paths: Vec::new(),
                changed_since: None,
                baseline: None,
                fail_on: Some(phraselint::rules::Severity::Error),
                max_warnings: None,
            },
        }
    }
}

fn json(report: &Report) -> Vec<u8> {
    let style = Style {
        color: false,
        quiet: false,
        stats: false,
    };
    let mut out = Vec::new();
    report::write(Format::Json, report, &style, &mut out).expect("writing to memory cannot fail");
    out
}

/// A name must stay in the served folder: it picks the config and the
/// rules, and one outside would make the server read configs and books it
/// was not started for.
fn inside(path: &Path) -> Result<(), Refused> {
    let bad = path.as_os_str().is_empty()
        || path
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
    if bad {
        return Err(Refused::BadName(format!(
            "filename `{}` must be a relative path inside the served folder, such as docs/a.md",
            path.display()
        )));
    }
    Ok(())
}
