//! `phraselint check`: lint files and report.

use std::io::{self, Read};
use std::path::Path;

use crate::cli::{
    CheckArgs, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, Io, fail, load_books, load_config, use_color,
    write_error,
};
use crate::compile::{self, RuleSet, SMALL_INPUT_BYTES, SMALL_INPUT_FILES};
use crate::discover::{Candidate, DiscoverOptions, discover};
use crate::error::FileError;
use crate::extract::FileKind;
use crate::lint::{FileResult, LintOptions, Scratch, lint_files, lint_guarded};
use crate::report::{self, Format, Report, Style};
use crate::scope::Scope;

use super::baseline::Baseline;
use super::changed;

/// What a run reads.
enum Input {
    Stdin(Vec<u8>),
    /// The files found, and the errors met finding them.
    Files(Vec<Candidate>, Vec<FileError>),
}

pub fn run(args: CheckArgs, cwd: &Path, io: &mut Io) -> io::Result<u8> {
    let config = match load_config(args.config.as_deref(), cwd) {
        Ok(config) => config,
        Err(e) => return fail(&[e], io),
    };
    let books = match load_books(&args.phrasebooks, &config) {
        Ok(books) => books,
        Err(errors) => return fail(&errors, io),
    };
    // What to read comes first: how much there is decides how the automaton
    // is built.
    let input = if args.stdin {
        let mut bytes = Vec::new();
        if let Err(e) = io::stdin().read_to_end(&mut bytes) {
            return fail(&[FileError::new("<stdin>", e.to_string())], io);
        }
        Input::Stdin(bytes)
    } else {
        let discover_options = DiscoverOptions {
            hidden: args.hidden,
            no_ignore: args.no_ignore,
            config: &config,
            cwd,
        };
        let (files, walk_errors) = match &args.changed_since {
            Some(reference) => match changed::files(reference, &args.paths, &config, cwd) {
                Ok(files) => (files, Vec::new()),
                Err(e) => return fail(&[e], io),
            },
            None => discover(&args.paths, &discover_options),
        };
        Input::Files(files, walk_errors)
    };
    let size = match &input {
        Input::Stdin(bytes) => Some(bytes.len() as u64),
        Input::Files(files, _) if files.len() <= SMALL_INPUT_FILES => files
            .iter()
            .map(|f| std::fs::metadata(&f.path).map_or(0, |m| m.len()))
            .sum::<u64>()
            .into(),
        Input::Files(..) => None,
    };
    let rules = RuleSet::for_input(
        books,
        match size {
            Some(bytes) if bytes <= SMALL_INPUT_BYTES => compile::Input::Small,
            _ => compile::Input::Large,
        },
    );
    let overrides = match config.resolve_overrides(&rules, args.phrasebooks.is_empty()) {
        Ok(overrides) => overrides,
        Err(e) => return fail(&[e], io),
    };
    let options = LintOptions {
        front_matter_keys: config.front_matter_keys.clone(),
        keep_text: args.format == Format::Human,
        scope: Scope::new(&rules, config.root.clone(), cwd.to_path_buf(), overrides),
        require_suppression_reason: args.require_suppression_reason
            || config.require_suppression_reason,
        max_filesize: args.max_filesize,
    };
    let (results, mut errors) = match input {
        Input::Stdin(bytes) => {
            let name = args
                .stdin_filename
                .clone()
                .unwrap_or_else(|| "<stdin>".to_owned());
            let kind = FileKind::from_path(Path::new(&name)).unwrap_or(FileKind::Text);
            let file_rules = options.scope.file(&rules, Path::new(&name));
            let result = lint_guarded(
                &rules,
                kind,
                &bytes,
                &name,
                &file_rules,
                &options,
                &mut Scratch::default(),
            );
            (vec![result], Vec::new())
        }
        Input::Files(files, walk_errors) => {
            let results = match args.threads {
                Some(n) => match rayon::ThreadPoolBuilder::new().num_threads(n).build() {
                    Ok(pool) => pool.install(|| lint_files(&rules, &files, &options)),
                    Err(e) => return fail(&[FileError::new("--threads", e.to_string())], io),
                },
                None => lint_files(&rules, &files, &options),
            };
            (results, walk_errors)
        }
    };
    let mut report = Report {
        rules: &rules,
        files: Vec::new(),
        errors: Vec::new(),
        checked: 0,
        skipped: 0,
        checked_paths: Vec::new(),
        cwd: cwd.to_path_buf(),
        root: report::repo_root(cwd),
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
    if let Some(path) = &args.write_baseline {
        let baseline = Baseline::from_report(&report);
        if let Err(e) = baseline.save(path) {
            return fail(&[e], io);
        }
        writeln!(
            io.err,
            "wrote {} findings to the baseline {}",
            baseline.findings.len(),
            path.display()
        )?;
        return Ok(if report.errors.is_empty() {
            EXIT_CLEAN
        } else {
            EXIT_ERROR
        });
    }
    if let Some(path) = &args.baseline {
        let mut baseline = match Baseline::load(path) {
            Ok(b) => b,
            Err(e) => return fail(&[e], io),
        };
        let stale = baseline.apply(&mut report);
        if !stale.is_empty() {
            if args.baseline_prune {
                baseline.findings.retain(|e| !stale.contains(e));
                if let Err(e) = baseline.save(path) {
                    return fail(&[e], io);
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
        }
    }
    let style = Style {
        color: use_color(args.color, io.out_is_terminal),
        quiet: args.quiet,
        stats: args.stats,
    };
    report::write(args.format, &report, &style, io.out)?;
    let too_many_warnings = args
        .max_warnings
        .is_some_and(|n| report.counts().warning > n);
    Ok(if !report.errors.is_empty() {
        EXIT_ERROR
    } else if too_many_warnings
        || args
            .fail_on
            .threshold()
            .is_some_and(|t| report.worst().is_some_and(|w| w >= t))
    {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}
