//! Paths → the files to check, through the `ignore` crate's walk
//! (`.gitignore`, `.ignore`, `.phraselintignore`, hidden files), or from
//! git for `--changed-since` ([`changed`]).

pub mod changed;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ignore::WalkBuilder;

use crate::config::Config;
use crate::error::{FileError, io_message};
use crate::filter::scope::selects;
use crate::kind::{FileKind, unreadable};
use crate::paths::{normalize, repo_root};
use crate::project::Projects;

pub const IGNORE_FILE: &str = ".phraselintignore";

#[derive(Clone, Copy)]
pub struct DiscoverOptions<'a> {
    pub hidden: bool,
    pub no_ignore: bool,
    /// Paths named are selected as a walk of the current folder would
    /// select them (ignore files, hidden folders, the kinds it reads),
    /// rather than each read whatever it is: for tools such as pre-commit
    /// that name every changed file.
    pub named_as_walked: bool,
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
    let named = options
        .named_as_walked
        .then(|| Arc::new(Named::new(paths, options.cwd)));
    let roots = named.as_ref().map_or(paths, |n| &n.roots[..]);
    let mut builder = WalkBuilder::new(&roots[0]);
    for p in &roots[1..] {
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
        .require_git(false);
    let on_the_way = named.clone();
    builder.filter_entry(move |e| {
        e.file_name() != ".git" && on_the_way.as_ref().is_none_or(|n| n.on_the_way(e.path()))
    });
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
    if named.is_some() {
        // Walks from two folders, one inside the other, meet the same file.
        found.files.sort_by(|a, b| a.path.cmp(&b.path));
        found.files.dedup_by(|a, b| a.path == b.path);
        found.not_checked.dedup_by(|a, b| a.path == b.path);
    }
    found
}

/// Paths named on the command line, to be met in a walk rather than taken
/// as given. The walk starts from the current folder for the paths inside
/// it, else from the git work tree's root for those inside that (`..` from
/// a subfolder), else from a named path's own folder; it enters only the
/// folders on the way to a named path, so every rule of a walk applies to
/// it, `.gitignore` patterns naming a folder above it included.
struct Named {
    /// Each named path that exists, lexically absolute.
    named: HashSet<PathBuf>,
    /// Every folder above a named path, lexically absolute.
    above: HashSet<PathBuf>,
    /// Where the walks start. A named path that does not exist is a root
    /// of its own, so the walk reports it as it reports any missing path.
    roots: Vec<PathBuf>,
}

impl Named {
    fn new(paths: &[PathBuf], cwd: &Path) -> Named {
        let repository = repo_root(cwd);
        let mut named = Named {
            named: HashSet::new(),
            above: HashSet::new(),
            roots: Vec::new(),
        };
        for typed in paths {
            let absolute = normalize(&cwd.join(typed));
            if std::fs::symlink_metadata(&absolute).is_err() {
                named.roots.push(typed.clone());
                continue;
            }
            let root = [cwd, &repository]
                .into_iter()
                .find(|root| absolute.starts_with(normalize(root)))
                .unwrap_or_else(|| absolute.parent().unwrap_or(&absolute))
                .to_path_buf();
            if !named.roots.contains(&root) {
                named.roots.push(root);
            }
            named
                .above
                .extend(absolute.ancestors().skip(1).map(Path::to_path_buf));
            named.named.insert(absolute);
        }
        named
    }

    /// Whether the walk goes on into `path`: a folder on the way to a
    /// named path, a named path, or one inside a named folder.
    fn on_the_way(&self, path: &Path) -> bool {
        let path = normalize(path);
        self.above.contains(&path) || path.ancestors().any(|a| self.named.contains(a))
    }
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
