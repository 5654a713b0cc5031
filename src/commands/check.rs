//! `phraselint check`: lint files and report.

use std::io::{self, Read};
use std::path::Path;

use crate::cli::{
    CheckArgs, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, Io, fail, load_books, load_config, use_color,
    write_error,
};
use crate::compile::RuleSet;
use crate::discover::{DiscoverOptions, discover};
use crate::error::FileError;
use crate::extract::FileKind;
use crate::lint::{FileResult, LintOptions, Scratch, lint_files, lint_guarded};
use crate::report::{self, Format, Report, Style};
use crate::scope::Scope;

pub fn run(args: CheckArgs, cwd: &Path, io: &mut Io) -> io::Result<u8> {
    let config = match load_config(args.config.as_deref(), cwd) {
        Ok(config) => config,
        Err(e) => return fail(&[e], io),
    };
    let books = match load_books(&args.phrasebooks, &config) {
        Ok(books) => books,
        Err(errors) => return fail(&errors, io),
    };
    let rules = RuleSet::new(books);
    let overrides = match config.resolve_overrides(&rules, args.phrasebooks.is_empty()) {
        Ok(overrides) => overrides,
        Err(e) => return fail(&[e], io),
    };
    let options = LintOptions {
        front_matter_keys: config.front_matter_keys.clone(),
        keep_text: args.format == Format::Human,
        scope: Scope::new(&rules, config.root.clone(), cwd.to_path_buf(), overrides),
    };
    let (results, mut errors) = if args.stdin {
        let mut bytes = Vec::new();
        if let Err(e) = io::stdin().read_to_end(&mut bytes) {
            return fail(&[FileError::new("<stdin>", e.to_string())], io);
        }
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
    } else {
        let discover_options = DiscoverOptions {
            hidden: args.hidden,
            no_ignore: args.no_ignore,
            config: &config,
            cwd,
        };
        let (files, walk_errors) = discover(&args.paths, &discover_options);
        let results = match args.threads {
            Some(n) => match rayon::ThreadPoolBuilder::new().num_threads(n).build() {
                Ok(pool) => pool.install(|| lint_files(&rules, &files, &options)),
                Err(e) => return fail(&[FileError::new("--threads", e.to_string())], io),
            },
            None => lint_files(&rules, &files, &options),
        };
        (results, walk_errors)
    };
    let mut report = Report {
        rules: &rules,
        files: Vec::new(),
        errors: Vec::new(),
        checked: 0,
        skipped: 0,
    };
    for result in results {
        match result {
            FileResult::Checked(outcome) => {
                report.checked += 1;
                if !outcome.findings.is_empty() || !outcome.suppressed.is_empty() {
                    report.files.push(outcome);
                }
            }
            FileResult::Binary(_) => report.skipped += 1,
            FileResult::Failed(e) => errors.push(e),
        }
    }
    report.files.sort_by(|a, b| a.path.cmp(&b.path));
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    for e in &errors {
        write_error(e, io)?;
    }
    report.errors = errors;
    let style = Style {
        color: use_color(args.color, io.out_is_terminal),
        quiet: args.quiet,
        stats: args.stats,
    };
    report::write(args.format, &report, &style, io.out)?;
    Ok(if !report.errors.is_empty() {
        EXIT_ERROR
    } else if args
        .fail_on
        .threshold()
        .is_some_and(|t| report.worst().is_some_and(|w| w >= t))
    {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}
