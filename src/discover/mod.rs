//! Paths → the files to check, through the `ignore` crate's walk
//! (`.gitignore`, `.ignore`, `.phraselintignore`, hidden files), or from
//! git for `--changed-since` ([`changed`]).

pub mod changed;

use std::path::{Path, PathBuf};

use ignore::WalkBuilder;

use crate::config::Config;
use crate::error::{FileError, io_message};
use crate::filter::scope::selects;
use crate::kind::{FileKind, unreadable};
use crate::project::Projects;

pub const IGNORE_FILE: &str = ".phraselintignore";

pub struct DiscoverOptions<'a> {
    pub hidden: bool,
    pub no_ignore: bool,
    pub cwd: &'a Path,
}

#[derive(Debug, Clone)]
pub struct Candidate {
    pub path: PathBuf,
    /// The path as reported: relative to its project's root.
    pub shown: String,
    pub kind: FileKind,
    /// Its project in the run's [`Projects`].
    pub project: usize,
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct Found {
    /// The files phraselint reads.
    pub files: Vec<Candidate>,
    /// Paths that could not be walked, and documents named on the command
    /// line that phraselint cannot read.
    pub errors: Vec<FileError>,
    /// Documents met in the walk that phraselint cannot read (`.doc`,
    /// `.key`…), with why: listed, never passed over as clean.
    pub not_checked: Vec<FileError>,
}

/// Walks `paths` (`.` when none) and returns what it found, each file with
/// the project that governs it (its config decides what is read).
pub fn discover(paths: &[PathBuf], options: &DiscoverOptions, projects: &mut Projects) -> Found {
    let implicit = paths.is_empty();
    let default = [PathBuf::from(".")];
    let paths = if implicit { &default[..] } else { paths };
    let mut builder = WalkBuilder::new(&paths[0]);
    for p in &paths[1..] {
        builder.add(p);
    }
    let honour = !options.no_ignore;
    builder
        .hidden(!options.hidden)
        .ignore(honour)
        .git_ignore(honour)
        .git_global(honour)
        .git_exclude(honour)
        .parents(honour)
        // Docs folders are often not git repositories of their own.
        .require_git(false)
        .filter_entry(|e| e.file_name() != ".git");
    if honour {
        builder.add_custom_ignore_filename(IGNORE_FILE);
    }
    let mut found = Found::default();
    for entry in builder.build() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                found.errors.push(walk_error(e, implicit, projects));
                continue;
            }
        };
        // A path given on the command line is a candidate whatever it is:
        // a symlink to a file is read, and `lint` skips a named pipe or a
        // device (with a note) without opening it. A walk passes over
        // everything but regular files.
        let given = entry.depth() == 0 && !entry.path().is_dir();
        if !given && !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        // A document phraselint cannot read is an error when named, and
        // listed as not checked when walked. Any other file named on the
        // command line is read as text when its extension says nothing; a
        // walked one only when it is a known kind.
        // A file under a broken config is not checked: the config's
        // error is the run's.
        let Some(project) = projects.of(entry.path()) else {
            continue;
        };
        let config = &projects.get(project).config;
        let kind = kind_of(config, entry.path());
        let why = match kind {
            Some(_) => None,
            None => unreadable(entry.path()),
        };
        let given = entry.depth() == 0;
        if kind.is_none() && why.is_none() && !given {
            continue;
        }
        if !selects(config, entry.path(), options.cwd) {
            continue;
        }
        let path = entry.into_path();
        let shown = projects.shown(project, &path);
        match why {
            Some(why) if given => found.errors.push(FileError::new(shown, why)),
            Some(why) => found.not_checked.push(FileError::new(shown, why)),
            None => found.files.push(Candidate {
                path,
                shown,
                kind: kind.unwrap_or(FileKind::Text),
                project,
            }),
        }
    }
    found.errors.extend(projects.broken().iter().cloned());
    found.not_checked.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

/// A walk error as `path: what went wrong`, the path shown as a file's
/// would be.
fn walk_error(e: ignore::Error, implicit: bool, projects: &mut Projects) -> FileError {
    let mut path = None;
    let mut err = &e;
    loop {
        match err {
            ignore::Error::WithPath {
                path: p,
                err: inner,
            } => {
                path.get_or_insert(p);
                err = inner;
            }
            ignore::Error::WithDepth { err: inner, .. }
            | ignore::Error::WithLineNumber { err: inner, .. } => err = inner,
            _ => break,
        }
    }
    let Some(path) = path else {
        return FileError::new("<walk>", e.to_string());
    };
    let shown = match projects.of(path) {
        Some(project) => projects.shown(project, path),
        // Under a broken config: as walked, without the implied `./`.
        None if implicit => path.strip_prefix(".").unwrap_or(path).display().to_string(),
        None => path.display().to_string(),
    };
    match err {
        ignore::Error::Io(io) => FileError::new(shown, io_message(io)),
        other => FileError::new(shown, other.to_string()),
    }
}

/// The kind of a file by its name: a known kind, or plain text for the
/// configured `text_extensions`.
pub fn kind_of(config: &Config, path: &Path) -> Option<FileKind> {
    FileKind::from_path(path).or_else(|| {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        config
            .text_extensions
            .contains(&ext)
            .then_some(FileKind::Text)
    })
}
