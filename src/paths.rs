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

/// Writes `content` to `path` whole or not at all, for every command that
/// writes a file (`--write-baseline`, `--baseline-prune`, `init --force`):
///
/// - the content goes to a temporary file created securely (a random name,
///   opened with `O_EXCL`, so no planted file or symlink can redirect the
///   write) in the destination's folder, and is renamed over it, so no
///   reader ever sees half a file;
/// - a destination that exists must be a regular file, or a symlink to one,
///   whose target is then replaced (the symlink stays); anything else (a
///   device such as `/dev/full`, a FIFO, a folder, a symlink to one of
///   those or to nothing) is refused with `not a regular file`, untouched;
/// - the existing file's permission mode is kept (a new file gets the
///   usual mode under the umask);
/// - on any error the temporary file is removed.
pub fn write_whole(path: &Path, content: &str) -> std::io::Result<()> {
    use std::io::{Error, ErrorKind, Write};
    let refuse = |what: &str| Error::new(ErrorKind::InvalidInput, what.to_owned());
    let (target, mode) = match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == ErrorKind::NotFound => (path.to_path_buf(), None),
        Err(e) => return Err(e),
        Ok(meta) => {
            let (target, meta) = if meta.file_type().is_symlink() {
                // The file the symlink names, through any chain of them.
                let target = std::fs::canonicalize(path).map_err(|e| match e.kind() {
                    ErrorKind::NotFound => refuse("a symlink to nothing, not a regular file"),
                    _ => e,
                })?;
                let meta = std::fs::metadata(&target)?;
                (target, meta)
            } else {
                (path.to_path_buf(), meta)
            };
            if !meta.is_file() {
                return Err(refuse("not a regular file"));
            }
            (target, Some(meta.permissions()))
        }
    };
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    let name = target
        .file_name()
        .map(|n| format!(".{}.", n.to_string_lossy()))
        .unwrap_or_default();
    builder.prefix(&name).suffix(".tmp");
    #[cfg(unix)]
    if mode.is_none() {
        // The mode a new file gets from `File::create`, under the umask.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    // Dropped on any error below, the temporary file is removed.
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(content.as_bytes())?;
    if let Some(mode) = mode {
        tmp.as_file().set_permissions(mode)?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}
