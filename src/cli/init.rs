//! `phraselint init`: a commented starter `.phraselint.yaml`, written whole
//! or not at all.

use std::io;
use std::path::Path;

use phraselint::config::FILE_NAME;
use phraselint::error::io_message;
use phraselint::paths::write_whole;

use super::args::InitArgs;
use super::{EXIT_CLEAN, EXIT_ERROR, Io};

const STARTER: &str = r#"# phraselint configuration. Every key is optional.
# Docs: phraselint check --help, phraselint explain RULE-ID

# Phrasebooks to check against. Without this key the built-in books
# (partner-ai, claims) are used. Paths are relative to this file; `version`
# pins a semver requirement, and a book outside it stops the run (exit 2).
# phrasebooks:
#   - path: phrasebooks/partner-ai.yaml
#     version: "^1.0"

# Which files to check, as globs relative to this file (`*` stays within a
# folder, `**` crosses folders). .gitignore, .ignore and .phraselintignore
# are honoured as well.
# include: ["docs/**", "site/**"]
# exclude: ["docs/legal/**"]

# Front-matter keys of Markdown files whose values are checked as prose.
front_matter_keys: [title, description]

# Per-path changes: severities and disabled rules (full id or id in its book).
# overrides:
#   - paths: ["blog/**"]
#     severity: { partner-ai/calls-on: warning }
#     disable: [claims/superlative]
"#;

pub fn run(args: InitArgs, cwd: &Path, io: &mut Io) -> io::Result<u8> {
    let path = cwd.join(FILE_NAME);
    if path.exists() && !args.force {
        writeln!(
            io.err,
            "error: {FILE_NAME} already exists; use --force to replace it"
        )?;
        return Ok(EXIT_ERROR);
    }
    // Editors with yaml-language-server (VS Code's YAML extension, Neovim,
    // Helix) then complete and check the keys.
    let schema = phraselint::json_schema::url("config.schema.json");
    let text = format!("# yaml-language-server: $schema={schema}\n{STARTER}");
    if let Err(e) = write_whole(&path, text.as_bytes()) {
        writeln!(io.err, "error: {FILE_NAME}: {}", io_message(&e))?;
        return Ok(EXIT_ERROR);
    }
    writeln!(io.out, "wrote {FILE_NAME}")?;
    Ok(EXIT_CLEAN)
}
