//! `check --changed-since REF`: the files git says changed since REF, plus
//! untracked ones, for big repositories in CI.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{Candidate, Found, kind_of};
use crate::error::FileError;
use crate::filter::scope::selects;
use crate::kind::unreadable;
use crate::paths::normalize;
use crate::project::Projects;

fn git(args: &[&str], cwd: &Path) -> Result<String, FileError> {
    let out = Command::new("git")
        .args(args)
        .current_dir(cwd)
        .output()
        .map_err(|e| FileError::new("git", format!("cannot run git: {e}")))?;
    if !out.status.success() {
        let message = String::from_utf8_lossy(&out.stderr)
            .lines()
            .next()
            .unwrap_or("")
            .to_owned();
        return Err(FileError::new(format!("git {}", args.join(" ")), message));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A revision git does not know, in a shallow clone (GitHub's
/// `actions/checkout` fetches one commit unless told otherwise), is history
/// that was not fetched: the error says how to fetch it.
fn shallow_hint(e: FileError, reference: &str, cwd: &Path) -> FileError {
    let shallow = || {
        git(&["rev-parse", "--is-shallow-repository"], cwd).is_ok_and(|out| out.trim() == "true")
    };
    if !e.message.contains("revision") || !shallow() {
        return e;
    }
    let branch = match reference.strip_prefix("origin/") {
        Some(branch) => format!(", or `git fetch origin {branch}`"),
        None => String::new(),
    };
    FileError {
        message: format!(
            "{}; this repository is a shallow clone, without the history to compare with: \
             fetch it first (`fetch-depth: 0` for actions/checkout, or `git fetch --unshallow`{branch})",
            e.message
        ),
        ..e
    }
}

/// Changed (added, copied, modified, renamed) and untracked files under
/// `paths` (or everywhere), of the kinds phraselint reads, in the scope of
/// the config that governs each.
pub fn files(
    reference: &str,
    paths: &[PathBuf],
    projects: &mut Projects,
    cwd: &Path,
) -> Result<Found, FileError> {
    // An option in its place (`--output=FILE`) would be obeyed by git.
    if reference.starts_with('-') {
        return Err(FileError::new(
            "--changed-since",
            format!("`{reference}` is not a git revision: it starts with `-`"),
        ));
    }
    let top = PathBuf::from(git(&["rev-parse", "--show-toplevel"], cwd)?.trim_end());
    let changed = git(
        &[
            "diff",
            "--name-only",
            "--diff-filter=ACMR",
            "-z",
            "--end-of-options",
            reference,
            "--",
        ],
        cwd,
    )
    .map_err(|e| shallow_hint(e, reference, cwd))?;
    let untracked = git(
        &[
            "ls-files",
            "--others",
            "--exclude-standard",
            "-z",
            "--full-name",
        ],
        cwd,
    )?;
    let scopes: Vec<PathBuf> = paths.iter().map(|p| normalize(&cwd.join(p))).collect();
    let mut found = Found::default();
    for relative in changed.split('\0').chain(untracked.split('\0')) {
        if relative.is_empty() {
            continue;
        }
        let path = normalize(&top.join(relative));
        let Some(project) = projects.of(&path) else {
            continue;
        };
        let config = &projects.get(project).config;
        let kind = kind_of(config, &path);
        let why = match kind {
            Some(_) => None,
            None => unreadable(&path),
        };
        let in_scope = scopes.is_empty() || scopes.iter().any(|s| path.starts_with(s));
        // Symlinks are passed over, as the walk does: an untracked link
        // may point anywhere, outside the repository too.
        let regular = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file());
        if !(in_scope && regular && selects(config, &path, cwd)) {
            continue;
        }
        let shown = projects.shown(project, &path);
        match (kind, why) {
            (Some(kind), _) => found.files.push(Candidate {
                shown,
                path,
                kind,
                project,
            }),
            (None, Some(why)) => found.not_checked.push(FileError::new(shown, why)),
            (None, None) => {}
        }
    }
    found.errors.extend(projects.broken().iter().cloned());
    found.files.sort_by(|a, b| a.path.cmp(&b.path));
    found.files.dedup_by(|a, b| a.path == b.path);
    found.not_checked.sort_by(|a, b| a.path.cmp(&b.path));
    found.not_checked.dedup_by(|a, b| a.path == b.path);
    Ok(found)
}
