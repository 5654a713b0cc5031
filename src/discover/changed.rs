//! `check --changed-since REF`: the files git says changed since REF, plus
//! untracked ones, for big repositories in CI.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{DiscoverOptions, Found, discover};
use crate::error::FileError;
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
/// `paths` (or everywhere), each selected as a walk would select it
/// (`options`: ignore files, hidden folders, the kinds it reads, the scope
/// of the config that governs it): a file `.phraselintignore` names is not
/// checked because it changed.
pub fn files(
    reference: &str,
    paths: &[PathBuf],
    options: &DiscoverOptions,
    projects: &mut Projects,
) -> Result<Found, FileError> {
    let cwd = options.cwd;
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
    let named: Vec<PathBuf> = changed
        .split('\0')
        .chain(untracked.split('\0'))
        .filter(|relative| !relative.is_empty())
        .map(|relative| normalize(&top.join(relative)))
        .filter(|path| {
            // Symlinks are passed over, as the walk does: an untracked link
            // may point anywhere, outside the repository too.
            (scopes.is_empty() || scopes.iter().any(|s| path.starts_with(s)))
                && std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
        })
        .collect();
    if named.is_empty() {
        let mut found = Found::default();
        found.errors.extend(projects.broken().iter().cloned());
        return Ok(found);
    }
    let options = DiscoverOptions {
        named_as_walked: true,
        ..*options
    };
    Ok(discover(&named, &options, projects))
}
