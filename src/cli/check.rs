//! `phraselint check`: lint files and report.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use phraselint::config::Config;
use phraselint::discover::{DiscoverOptions, Found, changed, discover};
use phraselint::error::FileError;
use phraselint::filter::baseline::Baseline;
use phraselint::filter::scope::Scope;
use phraselint::kind::FileKind;
use phraselint::lint::{FileResult, Linter};
use phraselint::report::Report;

use super::args::CheckArgs;
use super::check_fix::{FixMode, Fixes, fix_files, fix_stdin, write_diff};
use super::check_output::write_report;
use super::output::{fail, shown, write_error};
use super::settings::{BaselineMode, CheckSettings};
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, Io};

/// What a run reads.
enum Input {
    Stdin(Vec<u8>),
    /// The files found, the errors met finding them, and the documents
    /// that cannot be read.
    Files(Found),
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
            (Some(_), _) => Ok(Found::default()),
            (None, Some(reference)) => changed::files(reference, &args.paths, config, cwd),
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
        let options = std::mem::take(&mut settings.options);
        let linter = Linter::configured(config, &args.phrasebooks, cwd, options);
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
        (None, Ok(found)) => Input::Files(found),
        (None, Err(e)) => return fail(&[e], io),
    };
    let fix_mode = match (args.fix, args.diff) {
        (true, _) => Some(FixMode::Write),
        (_, true) => Some(FixMode::Diff),
        _ => None,
    };
    let mut fixes = Fixes::default();
    // With --fix on standard input the fixed text is the output, as in ruff,
    // and the report goes to stderr.
    let mut report_to_stderr = false;
    let mut not_checked = Vec::new();
    let (results, mut errors) = match input {
        Input::Stdin(bytes) => {
            let name = args.stdin_filename.as_deref().unwrap_or("<stdin>");
            let path = Path::new(name);
            let kind = FileKind::from_path(path).unwrap_or(FileKind::Text);
            let result = match fix_mode {
                None => linter.lint_document(path, kind, &bytes),
                Some(mode) => {
                    let fixed = fix_stdin(&linter, path, kind, &bytes);
                    if fixed.count > 0 {
                        fixes.findings = fixed.count;
                        fixes.files = 1;
                    }
                    match mode {
                        FixMode::Write => {
                            io.out.write_all(&fixed.bytes)?;
                            report_to_stderr = true;
                        }
                        FixMode::Diff if fixed.count > 0 => {
                            write_diff(name, &bytes, &fixed.bytes, io)?
                        }
                        FixMode::Diff => {}
                    }
                    fixed.result
                }
            };
            (vec![result], Vec::new())
        }
        Input::Files(found) => {
            // Nothing selected is a mistake (a path or an `include` that
            // names nothing), not a clean run; with `--changed-since`,
            // nothing changed is.
            if found.files.is_empty()
                && found.errors.is_empty()
                && args.changed_since.is_none()
                && !args.allow_no_files
            {
                return fail(&[nothing_selected(&args, config, &found.not_checked)], io);
            }
            let mut results = match args.threads {
                Some(n) => match rayon::ThreadPoolBuilder::new().num_threads(n).build() {
                    Ok(pool) => pool.install(|| linter.lint_files(&found.files)),
                    Err(e) => return fail(&[FileError::new("--threads", e.to_string())], io),
                },
                None => linter.lint_files(&found.files),
            };
            if let Some(mode) = fix_mode {
                fixes = fix_files(&linter, &found.files, &mut results, mode, io)?;
            }
            not_checked = found.not_checked;
            (results, found.errors)
        }
    };
    for doc in &not_checked {
        writeln!(
            io.err,
            "note: not checked {}: {}",
            shown(&doc.path),
            doc.message
        )?;
    }
    let mut report = Report {
        catalog: linter.catalog(),
        files: Vec::new(),
        errors: Vec::new(),
        checked: 0,
        skipped: 0,
        not_checked,
        checked_paths: Vec::new(),
        cwd: cwd.to_path_buf(),
        root: phraselint::paths::repo_root(cwd),
        fixed: None,
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
                    "note: skipped {}: {size} bytes is larger than --max-filesize {}",
                    shown(&path),
                    args.max_filesize
                )?;
            }
            FileResult::NotAFile(path) => {
                report.skipped += 1;
                writeln!(io.err, "note: skipped {}: not a regular file", shown(&path))?;
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
    if fix_mode == Some(FixMode::Diff) {
        // Like ruff's --diff: the diff is the output, exit 1 when there is
        // something to fix.
        if fixes.findings > 0 && !args.quiet {
            writeln!(io.err, "{}", fixes.summary(FixMode::Diff))?;
        }
        return Ok(if !report.errors.is_empty() {
            EXIT_ERROR
        } else if fixes.findings > 0 {
            EXIT_FINDINGS
        } else {
            EXIT_CLEAN
        });
    }
    if fix_mode == Some(FixMode::Write) {
        report.fixed = Some(fixes.findings);
        if fixes.findings > 0 && !args.quiet {
            writeln!(io.err, "{}", fixes.summary(FixMode::Write))?;
        }
    }
    match &settings.baseline {
        BaselineMode::Off => {}
        BaselineMode::Write(path) => return write_baseline(&report, path, io),
        BaselineMode::Apply { path, prune } => {
            // A baseline's stale entries are those this run could have
            // reported: the rules in force for each file.
            if let Err(e) = apply_baseline(&mut report, linter.scope(), path, *prune, io)? {
                return fail(&[e], io);
            }
        }
    }
    let out = if report_to_stderr {
        &mut *io.err
    } else {
        &mut *io.out
    };
    let file = args.output_file.as_deref();
    if let Err(e) = write_report(&report, settings.format, &settings.style, file, out)? {
        return fail(&[e], io);
    }
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

/// The error for a run that selects no file: which paths, and the config's
/// `include`, selected nothing (but documents phraselint cannot read).
fn nothing_selected(args: &CheckArgs, config: &Config, unreadable: &[FileError]) -> FileError {
    let paths: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
    let paths = if paths.is_empty() {
        ".".to_owned()
    } else {
        paths.join(", ")
    };
    let include = if config.include_written.is_empty() {
        String::new()
    } else {
        format!(
            " with the config's include: [{}]",
            config.include_written.join(", ")
        )
    };
    let unreadable = match unreadable.len() {
        0 => String::new(),
        1 => format!(" (only {}, which it cannot read)", unreadable[0].path),
        n => format!(
            " (only {n} documents it cannot read, such as {})",
            unreadable[0].path
        ),
    };
    FileError::new(
        paths,
        format!(
            "selects no file to check{include}{unreadable}; phraselint reads {} (--allow-no-files makes this a clean run)",
            phraselint::kind::READABLE
        ),
    )
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
        shown(&path.display().to_string())
    )?;
    Ok(if report.errors.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_ERROR
    })
}

/// `--baseline`: drops the findings it holds, and says which of its entries
/// are stale (or, with `--baseline-prune`, drops them from the file). An
/// entry is stale only when this run could have reported it: its file was
/// checked and its rule is loaded and in force for that file (not another
/// book's, not disabled there, not outside its `paths`).
fn apply_baseline(
    report: &mut Report,
    scope: &Scope,
    path: &Path,
    prune: bool,
    io: &mut Io,
) -> io::Result<Result<(), FileError>> {
    let mut baseline = match Baseline::load(path) {
        Ok(b) => b,
        Err(e) => return Ok(Err(e)),
    };
    let catalog = report.catalog;
    let checked: HashMap<&str, &PathBuf> = report
        .checked_paths
        .iter()
        .map(|(shown, file)| (shown.as_str(), file))
        .collect();
    let rules: HashMap<&str, usize> = catalog
        .rules()
        .map(|(i, r)| (r.full_id.as_str(), i.index()))
        .collect();
    // The rules in force for each checked file, resolved once per file.
    let mut active: HashMap<&str, Vec<bool>> = HashMap::new();
    let stale = baseline.apply(&mut report.files, |e| {
        let (Some((&path, file)), Some(&rule)) = (
            checked.get_key_value(e.path.as_str()),
            rules.get(e.rule.as_str()),
        ) else {
            return false;
        };
        active
            .entry(path)
            .or_insert_with(|| scope.file(file).active.clone())[rule]
    });
    if stale.is_empty() {
        return Ok(Ok(()));
    }
    if prune {
        baseline.prune(&stale);
        if let Err(e) = baseline.save(path) {
            return Ok(Err(e));
        }
        writeln!(
            io.err,
            "pruned {} stale entries from the baseline {}",
            stale.len(),
            shown(&path.display().to_string())
        )?;
    } else {
        for &i in &stale {
            let e = &baseline.findings[i];
            writeln!(
                io.err,
                "stale baseline entry: {}:{}: {} `{}` is fixed",
                shown(&e.path),
                e.line,
                shown(&e.rule),
                shown(&e.matched)
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
