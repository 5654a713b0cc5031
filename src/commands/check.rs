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

/// The total size of the paths named, when they are at most
/// [`SMALL_INPUT_FILES`] regular files (pre-commit's way); `None` when a
/// folder is named or nothing is.
fn named_files_size(paths: &[std::path::PathBuf], cwd: &Path) -> Option<u64> {
    if paths.is_empty() || paths.len() > SMALL_INPUT_FILES {
        return None;
    }
    paths
        .iter()
        .map(|p| {
            let meta = std::fs::metadata(cwd.join(p)).ok()?;
            meta.is_file().then_some(meta.len())
        })
        .sum()
}

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
    let stdin = if args.stdin {
        let mut bytes = Vec::new();
        if let Err(e) = io::stdin().read_to_end(&mut bytes) {
            return fail(&[FileError::new("<stdin>", e.to_string())], io);
        }
        Some(bytes)
    } else {
        None
    };
    // How much there is to read decides how the automaton is built. It is
    // told by stdin's size or the files named, before any walk, so the books
    // load and compile on this thread while another walks the paths.
    let size = match &stdin {
        Some(bytes) => Some(bytes.len() as u64),
        None => named_files_size(&args.paths, cwd),
    };
    let input_size = match size {
        Some(bytes) if bytes <= SMALL_INPUT_BYTES => compile::Input::Small,
        _ => compile::Input::Large,
    };
    let (rules, found) = std::thread::scope(|scope| {
        let walk = scope.spawn(|| match (&stdin, &args.changed_since) {
            (Some(_), _) => Ok((Vec::new(), Vec::new())),
            (None, Some(reference)) => changed::files(reference, &args.paths, &config, cwd)
                .map(|files| (files, Vec::new())),
            (None, None) => Ok(discover(
                &args.paths,
                &DiscoverOptions {
                    hidden: args.hidden,
                    no_ignore: args.no_ignore,
                    config: &config,
                    cwd,
                },
            )),
        });
        let rules = load_books(&args.phrasebooks, &config)
            .map(|books| RuleSet::for_input(books, input_size));
        let found = walk
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (rules, found)
    });
    let rules = match rules {
        Ok(rules) => rules,
        Err(errors) => return fail(&errors, io),
    };
    let input = match (stdin, found) {
        (Some(bytes), _) => Input::Stdin(bytes),
        (None, Ok((files, walk_errors))) => Input::Files(files, walk_errors),
        (None, Err(e)) => return fail(&[e], io),
    };
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
