//! Paths: lexical normalising, the globs config and phrasebooks write,
//! the project root, reading a side file under a cap, and writing a file
//! whole.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use crate::error::FileError;

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

/// Largest phrasebook or `.phraselint.yaml` read: 16 MiB, over 100 times the
/// 100,000-phrase book of the load-time benchmark.
pub const MAX_BOOK_BYTES: u64 = 16 << 20;

/// Largest baseline read: 128 MiB, about 400,000 recorded findings.
pub const MAX_BASELINE_BYTES: u64 = 128 << 20;

/// Reads a side file (a phrasebook, the config, a baseline) whole, as
/// `shown` names it in errors, refusing anything but a regular file of at
/// most `cap` bytes: a named pipe, a device (`/dev/zero`) or a directory is
/// never read, and a file larger than `cap` is refused by its size.
///
/// The path is looked at before it is opened (opening a pipe waits for a
/// writer); the file is then opened once, without blocking, and the open
/// handle checked again and read through `take(cap + 1)`, so a file swapped
/// for a symlink to `/dev/zero`, or growing while read, stops at the cap.
pub fn read_side_file(path: &Path, shown: &str, cap: u64) -> Result<Vec<u8>, FileError> {
    let io = |e: std::io::Error| FileError::io(shown, &e);
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let dangling = std::fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink());
            return Err(if dangling {
                FileError::new(shown, "a symlink to a file that does not exist")
            } else {
                io(e)
            });
        }
        Err(e) => return Err(io(e)),
    };
    check_side_file(&metadata, shown, cap)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Not blocking: a file swapped for a named pipe between the check of
        // its path and the open must not wait for a writer that never comes.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(io)?;
    let metadata = file.metadata().map_err(io)?;
    check_side_file(&metadata, shown, cap)?;
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(cap + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > cap {
        return Err(too_large(shown, None, cap));
    }
    Ok(bytes)
}

/// [`read_side_file`] for a text file: UTF-8, or an error naming the file.
pub fn read_side_text(path: &Path, shown: &str, cap: u64) -> Result<String, FileError> {
    String::from_utf8(read_side_file(path, shown, cap)?)
        .map_err(|e| FileError::new(shown, format!("not valid UTF-8 ({})", e.utf8_error())))
}

/// Refuses what is not a regular file of at most `cap` bytes.
fn check_side_file(metadata: &std::fs::Metadata, shown: &str, cap: u64) -> Result<(), FileError> {
    if !metadata.is_file() {
        return Err(FileError::new(
            shown,
            format!("not a regular file ({})", file_type_name(metadata)),
        ));
    }
    if metadata.len() > cap {
        return Err(too_large(shown, Some(metadata.len()), cap));
    }
    Ok(())
}

fn too_large(shown: &str, size: Option<u64>, cap: u64) -> FileError {
    let mib = cap >> 20;
    FileError::new(
        shown,
        match size {
            Some(n) => format!("{n} bytes is larger than the {mib} MiB this file may be"),
            None => format!("grew past the {mib} MiB this file may be while it was read"),
        },
    )
}

/// What kind of file, in words, for an error.
fn file_type_name(metadata: &std::fs::Metadata) -> &'static str {
    let kind = metadata.file_type();
    if kind.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "not a file"
}

/// Writes `content` to `path` whole or not at all, for every command that
/// writes a file (`--write-baseline`, `--baseline-prune`, `--output-file`,
/// `init --force`, `check --fix`):
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
pub fn write_whole(path: &Path, content: &[u8]) -> std::io::Result<()> {
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
    tmp.write_all(content)?;
    if let Some(mode) = mode {
        tmp.as_file().set_permissions(mode)?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

/// A path as a URI reference: `/`-separated, percent-encoded (a `:` too,
/// which would otherwise read as a scheme). The name's own bytes are
/// encoded, so a name that is not UTF-8 (`caf\xE9.md`) still names its file
/// (`caf%E9.md`), which its lossy display (`caf%EF%BF%BD.md`) would not.
pub fn uri_path(path: &Path) -> String {
    let bytes = path.as_os_str().as_encoded_bytes();
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        let b = if b == b'\\' { b'/' } else { b };
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A path as a `file://` URI (an absolute path; on Windows a drive path
/// gets its third slash).
pub fn file_uri(path: &Path) -> String {
    let uri = uri_path(path);
    if uri.starts_with('/') {
        format!("file://{uri}")
    } else {
        format!("file:///{uri}")
    }
}

/// The file a `file://` URI names (an editor's document), its
/// percent-encoded bytes decoded; `None` for another scheme or a remote
/// host.
pub fn uri_file(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    let (host, path) = rest.split_at(rest.find('/')?);
    if !(host.is_empty() || host.eq_ignore_ascii_case("localhost")) {
        return None;
    }
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let bytes: Vec<u8> = percent_encoding::percent_decode_str(path).collect();
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
    }
    #[cfg(not(unix))]
    {
        // `/C:/docs/a.md` is `C:/docs/a.md`.
        let text = String::from_utf8(bytes).ok()?;
        let text = match text.as_bytes() {
            [b'/', drive, b':', ..] if drive.is_ascii_alphabetic() => &text[1..],
            _ => &text,
        };
        Some(PathBuf::from(text))
    }
}
