//! `phraselint check`: lint files and report.

use std::collections::{BTreeMap, HashMap};
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use phraselint::catalog::Catalog;
use phraselint::config::Config;
use phraselint::discover::{Candidate, DiscoverOptions, Found, changed, discover};
use phraselint::error::FileError;
use phraselint::filter::baseline::Baseline;
use phraselint::filter::scope::Scope;
use phraselint::kind::FileKind;
use phraselint::lint::{FileResult, Linter};
use phraselint::project::Projects;
use phraselint::report::{self, Report};
use phraselint::rules::RuleIdx;

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
    let started = SystemTime::now();
    let mut settings = match CheckSettings::resolve(&args, cwd, io) {
        Ok(settings) => settings,
        Err(e) => return fail(&[e], io),
    };
    let mut projects = match Projects::new(args.config.as_deref(), cwd) {
        Ok(projects) => projects,
        Err(e) => return fail(&[e], io),
    };
    // The project where the run starts (standard input's name, else the
    // first path, else here): its books load and compile on this thread
    // while another walks the paths.
    let primary = match projects.of_folder(&start(&args, settings.stdin.is_some(), cwd)) {
        Ok(project) => project,
        Err(e) => {
            let e = e.clone();
            return fail(&[e], io);
        }
    };
    let primary_config = projects.get(primary).config.clone();
    let (linter, found) = std::thread::scope(|scope| {
        let walk = scope.spawn(|| {
            let options = DiscoverOptions {
                hidden: args.hidden,
                no_ignore: args.no_ignore,
                named_as_walked: args.force_exclude,
                cwd,
            };
            match (&settings.stdin, &args.changed_since) {
                (Some(_), _) => Ok(Found::default()),
                (None, Some(reference)) => {
                    changed::files(reference, &args.paths, &options, &mut projects)
                }
                (None, None) => Ok(discover(&args.paths, &options, &mut projects)),
            }
        });
        let options = settings.options(&primary_config);
        let linter = Linter::configured(&primary_config, &args.phrasebooks, cwd, options);
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
    // Each project's linter, and the results of the files it governs.
    let mut runs: Vec<(Linter, Vec<FileResult>)> = Vec::new();
    let mut errors = Vec::new();
    match input {
        Input::Stdin(bytes) => {
            let name = args.stdin_filename.as_deref().unwrap_or("<stdin>");
            let path = Path::new(name);
            let shown = match args.stdin_filename {
                Some(_) => projects.shown(primary, path),
                None => name.to_owned(),
            };
            let kind = FileKind::from_path(path).unwrap_or(FileKind::Text);
            let result = match fix_mode {
                None => linter.lint_named(path, &shown, kind, &bytes),
                Some(mode) => {
                    let fixed = fix_stdin(&linter, path, &shown, kind, &bytes);
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
            runs.push((linter, vec![result]));
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
                return fail(
                    &[nothing_selected(&args, &primary_config, &found.not_checked)],
                    io,
                );
            }
            let pool = match args.threads {
                Some(n) => match rayon::ThreadPoolBuilder::new().num_threads(n).build() {
                    Ok(pool) => Some(pool),
                    Err(e) => return fail(&[FileError::new("--threads", e.to_string())], io),
                },
                None => None,
            };
            errors = found.errors;
            // The files each project governs; each nearest config sets up
            // its own linter (the first is built already).
            let mut groups: BTreeMap<usize, Vec<Candidate>> = BTreeMap::new();
            for file in found.files {
                groups.entry(file.project).or_default().push(file);
            }
            let mut primary_linter = Some(linter);
            for (project, files) in groups {
                let linter = match primary_linter.take_if(|_| project == primary) {
                    Some(linter) => linter,
                    None => {
                        let config = &projects.get(project).config;
                        let options = settings.options(config);
                        match Linter::configured(config, &args.phrasebooks, cwd, options) {
                            Ok(linter) => linter,
                            Err(e) => {
                                errors.extend(e);
                                continue;
                            }
                        }
                    }
                };
                let mut results = match &pool {
                    Some(pool) => pool.install(|| linter.lint_files(&files)),
                    None => linter.lint_files(&files),
                };
                if let Some(mode) = fix_mode {
                    let fixed = fix_files(&linter, &files, &mut results, mode, io)?;
                    fixes.findings += fixed.findings;
                    fixes.files += fixed.files;
                }
                runs.push((linter, results));
            }
            if runs.is_empty() {
                runs.extend(primary_linter.map(|linter| (linter, Vec::new())));
            }
            not_checked = found.not_checked;
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
    // One catalogue for the report; a run over several projects merges
    // theirs, and its findings name rules in the merged one.
    let mut scopes = Vec::new();
    let mut catalogs = Vec::new();
    let mut grouped = Vec::new();
    for (linter, results) in runs {
        let (catalog, scope) = linter.into_parts();
        catalogs.push(catalog);
        scopes.push(scope);
        grouped.push(results);
    }
    let (catalog, maps) = if catalogs.len() == 1 {
        (catalogs.pop().expect("one catalogue"), Vec::new())
    } else {
        Catalog::merge(catalogs)
    };
    let mut results = Vec::new();
    let mut project_of: HashMap<PathBuf, usize> = HashMap::new();
    for (run, group) in grouped.into_iter().enumerate() {
        for mut result in group {
            if let FileResult::Checked(outcome) = &mut result {
                if let Some(map) = maps.get(run) {
                    outcome.rename_rules(map);
                }
                project_of.insert(outcome.file.clone(), run);
            }
            results.push(result);
        }
    }
    let mut report = Report {
        catalog: &catalog,
        files: Vec::new(),
        errors: Vec::new(),
        checked: 0,
        skipped: 0,
        not_checked,
        checked_paths: Vec::new(),
        cwd: cwd.to_path_buf(),
        root: projects.get(primary).root.clone(),
        fixed: None,
        run: asked(&args, &settings, started),
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
            let in_force = InForce {
                scopes: &scopes,
                maps: &maps,
                project_of: &project_of,
            };
            if let Err(e) = apply_baseline(&mut report, &in_force, &mut projects, path, *prune, io)?
            {
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
    let (left_out, written) = write_report(&report, settings.format, &settings.style, file, out)?;
    for what in &left_out {
        writeln!(io.err, "note: {}", shown(what))?;
    }
    if let Err(e) = written {
        return fail(&[e], io);
    }
    Ok(if !report.errors.is_empty() {
        EXIT_ERROR
    } else if report.fails() {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// What the run was asked, as a report records it.
fn asked(args: &CheckArgs, settings: &CheckSettings, started: SystemTime) -> report::Run {
    let shown = |p: &PathBuf| p.display().to_string();
    let paths = match (args.stdin, &args.stdin_filename) {
        (true, name) => vec![format!(
            "standard input, as {}",
            name.as_deref().unwrap_or("<stdin>")
        )],
        (false, _) if args.paths.is_empty() => vec![".".to_owned()],
        (false, _) => args.paths.iter().map(shown).collect(),
    };
    report::Run {
        started,
        paths,
        changed_since: args.changed_since.clone(),
        baseline: args.baseline.as_ref().map(shown),
        fail_on: settings.fail_on,
        max_warnings: settings.max_warnings,
    }
}

/// Where a run starts, to find its first project from: standard input's
/// name, else the first path (a file's folder), else the current folder.
fn start(args: &CheckArgs, stdin: bool, cwd: &Path) -> PathBuf {
    let first = match (stdin, &args.stdin_filename, args.paths.first()) {
        (true, Some(name), _) => Path::new(name),
        (false, _, Some(path)) if cwd.join(path).is_dir() => return path.clone(),
        (false, _, Some(path)) => path.as_path(),
        _ => return PathBuf::new(),
    };
    first.parent().map(Path::to_path_buf).unwrap_or_default()
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
    let kept: usize =
        report.files.iter().map(|f| f.findings.len()).sum::<usize>() - baseline.findings.len();
    if kept > 0 {
        writeln!(
            io.err,
            "note: {kept} findings of rules whose phrasebook says `suppressible: false` are not recorded: no baseline hides them"
        )?;
    }
    Ok(if report.errors.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_ERROR
    })
}

/// Which rules are in force for each checked file, in the report's
/// catalogue: each project's scope, with where its rules went when
/// catalogues were merged.
struct InForce<'a> {
    scopes: &'a [Scope],
    maps: &'a [Vec<RuleIdx>],
    /// Each checked file's project (its index in `scopes`), by the file
    /// (two projects may each have a `README.md` at their root).
    project_of: &'a HashMap<PathBuf, usize>,
}

impl InForce<'_> {
    fn active(&self, file: &Path, rules: usize) -> Vec<bool> {
        let run = self.project_of.get(file).copied().unwrap_or(0);
        let local = self.scopes[run].file(file);
        let local = &local.active;
        match self.maps.get(run) {
            None => local.clone(),
            Some(map) => {
                let mut active = vec![false; rules];
                for (rule, to) in map.iter().enumerate() {
                    active[to.index()] |= local[rule];
                }
                active
            }
        }
    }
}

/// `--baseline`: drops the findings it holds, and says which of its entries
/// are stale (or, with `--baseline-prune`, drops them from the file). An
/// entry is stale only when this run could have reported it: its file was
/// checked and its rule is loaded and in force for that file (not another
/// book's, not disabled there, not outside its `paths`). A version 1
/// baseline's paths (as typed) are read as if typed here.
fn apply_baseline(
    report: &mut Report,
    in_force: &InForce,
    projects: &mut Projects,
    path: &Path,
    prune: bool,
    io: &mut Io,
) -> io::Result<Result<(), FileError>> {
    let mut baseline = match Baseline::load(path) {
        Ok(b) => b,
        Err(e) => return Ok(Err(e)),
    };
    if baseline.is_legacy() {
        baseline.rekey(|typed| {
            let typed = Path::new(typed);
            match projects.of(typed) {
                Some(project) => projects.shown(project, typed),
                None => typed.display().to_string(),
            }
        });
    }
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
    let stale = baseline.apply(catalog, &mut report.files, |e| {
        let (Some((&path, file)), Some(&rule)) = (
            checked.get_key_value(e.path.as_str()),
            rules.get(e.rule.as_str()),
        ) else {
            return false;
        };
        active
            .entry(path)
            .or_insert_with(|| in_force.active(file, catalog.rule_count()))[rule]
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
            let unsuppressible = rules
                .get(e.rule.as_str())
                .is_some_and(|&r| !catalog.rule(RuleIdx::new(r)).suppressible);
            writeln!(
                io.err,
                "stale baseline entry: {}:{}: {} `{}` {}",
                shown(&e.path),
                e.line,
                shown(&e.rule),
                shown(&e.matched),
                if unsuppressible {
                    "cannot be baselined (its phrasebook says `suppressible: false`)"
                } else {
                    "is fixed"
                }
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
