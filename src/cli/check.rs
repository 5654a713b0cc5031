//! `phraselint check`: lint files and report.

use std::io;
use std::path::Path;

use phraselint::catalog::Catalog;
use phraselint::discover::{Candidate, DiscoverOptions, changed, discover};
use phraselint::error::FileError;
use phraselint::filter::baseline::Baseline;
use phraselint::filter::scope::Scope;
use phraselint::kind::FileKind;
use phraselint::lint::{FileResult, Linter};
use phraselint::report::{self, Report};

use super::args::CheckArgs;
use super::output::{fail, write_error};
use super::settings::{BaselineMode, CheckSettings};
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, Io};

/// What a run reads.
enum Input {
    Stdin(Vec<u8>),
    /// The files found, and the errors met finding them.
    Files(Vec<Candidate>, Vec<FileError>),
}

pub fn run(args: CheckArgs, cwd: &Path, io: &mut Io) -> io::Result<u8> {
    let mut settings = match CheckSettings::resolve(&args, cwd, io) {
        Ok(settings) => settings,
        Err(e) => return fail(&[e], io),
    };
    let config = &settings.config;
    // The books load and compile on this thread while another walks the
    // paths.
    let (linter, found) = std::thread::scope(|scope| {
        let walk = scope.spawn(|| match (&settings.stdin, &args.changed_since) {
            (Some(_), _) => Ok((Vec::new(), Vec::new())),
            (None, Some(reference)) => {
                changed::files(reference, &args.paths, config, cwd).map(|files| (files, Vec::new()))
            }
            (None, None) => Ok(discover(
                &args.paths,
                &DiscoverOptions {
                    hidden: args.hidden,
                    no_ignore: args.no_ignore,
                    config,
                    cwd,
                },
            )),
        });
        let linter = config
            .load_books(&args.phrasebooks)
            .map(Catalog::new)
            .and_then(|catalog| {
                let strict = args.phrasebooks.is_empty();
                let scope =
                    Scope::from_config(&catalog, config, cwd, strict).map_err(|e| vec![e])?;
                let options = std::mem::take(&mut settings.options);
                Ok(Linter::new(catalog, scope, options))
            });
        let found = walk
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (linter, found)
    });
    let linter = match linter {
        Ok(linter) => linter,
        Err(errors) => return fail(&errors, io),
    };
    let input = match (settings.stdin.take(), found) {
        (Some(bytes), _) => Input::Stdin(bytes),
        (None, Ok((files, walk_errors))) => Input::Files(files, walk_errors),
        (None, Err(e)) => return fail(&[e], io),
    };
    let (results, mut errors) = match input {
        Input::Stdin(bytes) => {
            let name = args.stdin_filename.as_deref().unwrap_or("<stdin>");
            let path = Path::new(name);
            let kind = FileKind::from_path(path).unwrap_or(FileKind::Text);
            (vec![linter.lint_document(path, kind, &bytes)], Vec::new())
        }
        Input::Files(files, walk_errors) => {
            let results = match args.threads {
                Some(n) => match rayon::ThreadPoolBuilder::new().num_threads(n).build() {
                    Ok(pool) => pool.install(|| linter.lint_files(&files)),
                    Err(e) => return fail(&[FileError::new("--threads", e.to_string())], io),
                },
                None => linter.lint_files(&files),
            };
            (results, walk_errors)
        }
    };
    let mut report = Report {
        catalog: linter.catalog(),
        files: Vec::new(),
        errors: Vec::new(),
        checked: 0,
        skipped: 0,
        checked_paths: Vec::new(),
        cwd: cwd.to_path_buf(),
        root: phraselint::paths::repo_root(cwd),
    };
    for result in results {
        match result {
            FileResult::Checked(outcome) => {
                report.checked += 1;
                report
                    .checked_paths
                    .push((outcome.path.clone(), outcome.file.clone()));
                if !outcome.findings.is_empty() || !outcome.suppressed.is_empty() {
                    report.files.push(outcome);
                }
            }
            FileResult::Binary(_) => report.skipped += 1,
            FileResult::TooLarge(path, size) => {
                report.skipped += 1;
                writeln!(
                    io.err,
                    "note: skipped {path}: {size} bytes is larger than --max-filesize {}",
                    args.max_filesize
                )?;
            }
            FileResult::NotAFile(path) => {
                report.skipped += 1;
                writeln!(io.err, "note: skipped {path}: not a regular file")?;
            }
            FileResult::Failed(e) => errors.push(e),
        }
    }
    report.files.sort_by(|a, b| a.path.cmp(&b.path));
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    for e in &errors {
        write_error(e, io)?;
    }
    report.errors = errors;
    match &settings.baseline {
        BaselineMode::Off => {}
        BaselineMode::Write(path) => return write_baseline(&report, path, io),
        BaselineMode::Apply { path, prune } => {
            if let Err(e) = apply_baseline(&mut report, path, *prune, io)? {
                return fail(&[e], io);
            }
        }
    }
    report::write(settings.format, &report, &settings.style, io.out)?;
    let too_many_warnings = settings
        .max_warnings
        .is_some_and(|n| report.counts().warning > n);
    Ok(if !report.errors.is_empty() {
        EXIT_ERROR
    } else if too_many_warnings
        || settings
            .fail_on
            .is_some_and(|t| report.worst().is_some_and(|w| w >= t))
    {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// `--write-baseline`: records the findings and reports nothing else.
fn write_baseline(report: &Report, path: &Path, io: &mut Io) -> io::Result<u8> {
    let baseline = Baseline::record(report.catalog, &report.files);
    if let Err(e) = baseline.save(path) {
        return fail(&[e], io);
    }
    writeln!(
        io.err,
        "wrote {} findings to the baseline {}",
        baseline.findings.len(),
        path.display()
    )?;
    Ok(if report.errors.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_ERROR
    })
}

/// `--baseline`: drops the findings it holds, and says which of its entries
/// are stale (or, with `--baseline-prune`, drops them from the file).
fn apply_baseline(
    report: &mut Report,
    path: &Path,
    prune: bool,
    io: &mut Io,
) -> io::Result<Result<(), FileError>> {
    let mut baseline = match Baseline::load(path) {
        Ok(b) => b,
        Err(e) => return Ok(Err(e)),
    };
    let checked = report.checked_paths.iter().map(|(p, _)| p.as_str());
    let stale = baseline.apply(&mut report.files, checked);
    if stale.is_empty() {
        return Ok(Ok(()));
    }
    if prune {
        baseline.findings.retain(|e| !stale.contains(e));
        if let Err(e) = baseline.save(path) {
            return Ok(Err(e));
        }
        writeln!(
            io.err,
            "pruned {} stale entries from the baseline {}",
            stale.len(),
            path.display()
        )?;
    } else {
        for e in &stale {
            writeln!(
                io.err,
                "stale baseline entry: {}:{}: {} `{}` is fixed",
                e.path, e.line, e.rule, e.matched
            )?;
        }
        writeln!(
            io.err,
            "{} baseline entries are stale; --baseline-prune drops them",
            stale.len()
        )?;
    }
    Ok(Ok(()))
}
