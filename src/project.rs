//! Projects: which configuration governs each checked file, and the folder
//! its paths, fingerprints and baseline keys are relative to.
//!
//! The nearest `.phraselint.yaml` above a file governs it (as ruff finds
//! `pyproject.toml`), whatever the current folder: `--stdin-filename
//! /repo/docs/a.md` run from `/tmp` uses `/repo`'s config. A file's project
//! root is its config's folder, else its git work tree's root, else the
//! current folder; so `check .`, `check docs`, `check ./docs/a.md`, an
//! absolute path and `cd docs && check .` all name a finding alike.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::config::{Config, FILE_NAME};
use crate::error::FileError;
use crate::paths::{normalize, relative_to};

/// One configuration and the files it governs.
#[derive(Debug)]
pub struct Project {
    pub config: Config,
    /// The folder reported paths are relative to.
    pub root: PathBuf,
}

/// The projects a run meets, found once per folder.
#[derive(Debug)]
pub struct Projects {
    /// Absolute.
    cwd: PathBuf,
    /// `--config FILE`: one project for every file.
    explicit: bool,
    list: Vec<Project>,
    /// Each folder looked at: its project, or the index in `broken` of
    /// the error loading the config that governs it.
    folders: HashMap<PathBuf, Result<usize, usize>>,
    /// Projects without a config, by root.
    defaults: HashMap<PathBuf, usize>,
    broken: Vec<FileError>,
}

impl Projects {
    /// With `explicit` (`--config FILE`) that config governs every file,
    /// its folder their root; an error loading it is the run's.
    pub fn new(explicit: Option<&Path>, cwd: &Path) -> Result<Projects, FileError> {
        let mut projects = Projects {
            cwd: normalize(cwd),
            explicit: explicit.is_some(),
            list: Vec::new(),
            folders: HashMap::new(),
            defaults: HashMap::new(),
            broken: Vec::new(),
        };
        if let Some(path) = explicit {
            let config = Config::load(path, cwd)?;
            projects.list.push(Project {
                root: config.root.clone(),
                config,
            });
        }
        Ok(projects)
    }

    /// The project of the folder `dir` (relative to the current folder, or
    /// absolute), or the error loading the config that governs it.
    pub fn of_folder(&mut self, dir: &Path) -> Result<usize, &FileError> {
        match self.lookup(dir) {
            Ok(p) => Ok(p),
            Err(e) => Err(&self.broken[e]),
        }
    }

    /// The project of a file (relative to the current folder, or absolute);
    /// `None` when the config that governs it is broken (see
    /// [`Projects::broken`]).
    pub fn of(&mut self, file: &Path) -> Option<usize> {
        self.lookup(file.parent().unwrap_or(Path::new(""))).ok()
    }

    /// The configs that could not be loaded, each once: their files are
    /// not checked.
    pub fn broken(&self) -> &[FileError] {
        &self.broken
    }

    fn lookup(&mut self, dir: &Path) -> Result<usize, usize> {
        if self.explicit {
            return Ok(0);
        }
        let dir = normalize(&self.cwd.join(dir));
        let mut visited = Vec::new();
        // The nearest git work tree passed on the way up.
        let mut git: Option<PathBuf> = None;
        let mut met = None;
        for folder in dir.ancestors() {
            if let Some(&known) = self.folders.get(folder) {
                met = Some(known);
                break;
            }
            visited.push(folder.to_path_buf());
            let config = folder.join(FILE_NAME);
            // Whatever has the name is found (a directory, a dangling link):
            // loading it is then an error naming it, not a parent's config
            // used instead.
            if std::fs::symlink_metadata(&config).is_ok() {
                let shown = config.strip_prefix(&self.cwd).unwrap_or(&config);
                met = Some(match Config::load(shown, &self.cwd) {
                    Ok(config) => {
                        self.list.push(Project {
                            root: config.root.clone(),
                            config,
                        });
                        Ok(self.list.len() - 1)
                    }
                    Err(e) => {
                        self.broken.push(e);
                        Err(self.broken.len() - 1)
                    }
                });
                break;
            }
            if git.is_none() && folder.join(".git").exists() {
                git = Some(folder.to_path_buf());
            }
        }
        // With no config above, a git work tree passed on the way is the
        // project of the folders in it; those above it belong to the
        // project above (a submodule is a project of its own).
        let (found, above) = match (met, &git) {
            (Some(Ok(p)), Some(g)) if self.list[p].config.path.is_none() => {
                (Ok(self.default_in(g.clone())), Ok(p))
            }
            (Some(known), _) => (known, known),
            (None, Some(g)) => {
                let cwd = self.cwd.clone();
                (Ok(self.default_in(g.clone())), Ok(self.default_in(cwd)))
            }
            (None, None) => {
                let p = Ok(self.default_in(self.cwd.clone()));
                (p, p)
            }
        };
        for folder in visited {
            let inside = git.as_ref().is_none_or(|g| folder.starts_with(g));
            self.folders
                .insert(folder, if inside { found } else { above });
        }
        found
    }

    pub fn get(&self, project: usize) -> &Project {
        &self.list[project]
    }

    /// A file's path as every report shows it: relative to its project's
    /// root, or absolute when it lies outside.
    pub fn shown(&self, project: usize, file: &Path) -> String {
        relative_to(file, &self.cwd, &self.list[project].root)
            .display()
            .to_string()
    }

    fn default_in(&mut self, root: PathBuf) -> usize {
        if let Some(&p) = self.defaults.get(&root) {
            return p;
        }
        self.list.push(Project {
            config: Config::default_in(root.clone()),
            root: root.clone(),
        });
        self.defaults.insert(root, self.list.len() - 1);
        self.list.len() - 1
    }
}
