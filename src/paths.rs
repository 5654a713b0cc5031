//! Paths: lexical normalising, the globs config and phrasebooks write,
//! the project root, and writing a file whole.

use std::path::{Component, Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

/// Lexically resolves `.` and `..`, without touching the file system.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `path` (relative to `cwd`) relative to `root`, or absolute when it lies
/// outside it.
pub fn relative_to(path: &Path, cwd: &Path, root: &Path) -> PathBuf {
    let absolute = normalize(&cwd.join(path));
    match absolute.strip_prefix(root) {
        Ok(relative) => relative.to_path_buf(),
        Err(_) => absolute,
    }
}

/// Compiles a glob as config and phrasebooks use it: `*` stays inside one
/// path component, `**` crosses them; a leading `./` means the project
/// root; a plain path (no wildcard) names that file or folder and all
/// below it, as in `.gitignore`.
pub fn glob(s: &str) -> Result<Vec<globset::Glob>, String> {
    let s = s.trim_start_matches("./").trim_end_matches('/');
    let build = |p: &str| {
        GlobBuilder::new(p)
            .literal_separator(true)
            .build()
            .map_err(|e| format!("bad glob: {e}"))
    };
    let mut globs = vec![build(s)?];
    if !s.contains(['*', '?', '[', '{']) {
        globs.push(build(&format!("{s}/**"))?);
    }
    Ok(globs)
}

/// A list of globs as one set; `None` for an empty list.
pub fn glob_set(globs: &[String]) -> Result<Option<GlobSet>, String> {
    if globs.is_empty() {
        return Ok(None);
    }
    let mut set = GlobSetBuilder::new();
    for g in globs {
        for glob in glob(g)? {
            set.add(glob);
        }
    }
    set.build().map(Some).map_err(|e| e.to_string())
}

/// The repository root for `cwd`: the nearest folder holding `.git`, else
/// `cwd`.
pub fn repo_root(cwd: &Path) -> PathBuf {
    cwd.ancestors()
        .find(|d| d.join(".git").exists())
        .unwrap_or(cwd)
        .to_path_buf()
}

/// Writes to a temporary file beside `path` and renames it into place, so
/// no reader ever sees half a file.
pub fn write_whole(path: &Path, content: &str) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::write(&tmp, content).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
