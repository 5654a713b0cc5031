//! `.phraselint.yaml`: found in the current directory or the nearest parent.

use std::fmt;
use std::path::{Component, Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess};

use crate::compile::RuleSet;
use crate::error::FileError;
use crate::extract::FileKind;
use crate::phrasebook::io_message;
use crate::rules::Severity;
use crate::scope::Override;
use crate::yaml::{checked, yaml_error};

pub const FILE_NAME: &str = ".phraselint.yaml";

/// The resolved configuration; the default when no file was found.
#[derive(Debug)]
pub struct Config {
    /// The config file, if there is one.
    pub path: Option<PathBuf>,
    /// The directory globs and phrasebook paths are relative to.
    pub root: PathBuf,
    /// `None`: the built-in phrasebooks.
    pub phrasebooks: Option<Vec<BookRef>>,
    pub include: Option<GlobSet>,
    pub exclude: Option<GlobSet>,
    pub front_matter_keys: Vec<String>,
    pub overrides: Vec<OverrideSpec>,
    pub require_suppression_reason: bool,
    /// More extensions to read as plain text (`rst`, `adoc`…).
    pub text_extensions: Vec<String>,
    /// The config's text, to place errors found after parsing.
    text: String,
}

/// An `overrides` entry as written; rule names are resolved once the
/// phrasebooks are loaded.
#[derive(Debug)]
pub struct OverrideSpec {
    pub paths: GlobSet,
    pub severity: Vec<(String, Severity)>,
    pub disable: Vec<String>,
}

#[derive(Debug)]
pub struct BookRef {
    pub path: PathBuf,
    pub version: Option<semver::VersionReq>,
    /// 1-based line and column of the entry in the config, for errors.
    pub position: (usize, usize),
}

impl Config {
    pub fn default_in(root: PathBuf) -> Config {
        Config {
            path: None,
            root,
            phrasebooks: None,
            include: None,
            exclude: None,
            front_matter_keys: vec!["title".to_owned(), "description".to_owned()],
            overrides: Vec::new(),
            require_suppression_reason: false,
            text_extensions: Vec::new(),
            text: String::new(),
        }
    }

    /// The nearest `.phraselint.yaml` from `cwd` upwards, relative to `cwd`
    /// when it is inside it (as errors then show it).
    pub fn discover(cwd: &Path) -> Option<PathBuf> {
        let found = cwd
            .ancestors()
            .map(|d| d.join(FILE_NAME))
            .find(|p| p.is_file())?;
        Some(
            found
                .strip_prefix(cwd)
                .map_or_else(|_| found.clone(), Path::to_path_buf),
        )
    }

    pub fn load(path: &Path, cwd: &Path) -> Result<Config, FileError> {
        let shown = path.display().to_string();
        let text =
            std::fs::read_to_string(path).map_err(|e| FileError::new(&shown, io_message(&e)))?;
        let raw: RawConfig = if text.trim().is_empty() {
            RawConfig::default()
        } else {
            crate::yaml::check_flow_depth(&text, &shown)?;
            serde_yaml::from_str(&text).map_err(|e| yaml_error(&e, &shown))?
        };
        let root = normalize(&cwd.join(path))
            .parent()
            .map_or_else(|| cwd.to_path_buf(), Path::to_path_buf);
        let phrasebooks = raw.phrasebooks.map(|books| {
            books
                .into_iter()
                .map(|b| BookRef {
                    position: crate::phrasebook::locate(&text, &b.path),
                    path: root.join(&b.path),
                    version: b.version.map(|v| v.0),
                })
                .collect()
        });
        let mut config = Config::default_in(root);
        config.path = Some(path.to_path_buf());
        config.phrasebooks = phrasebooks;
        config.include = raw.include.map(|g| g.0);
        config.exclude = raw.exclude.map(|g| g.0);
        if let Some(keys) = raw.front_matter_keys {
            config.front_matter_keys = keys;
        }
        config.overrides = raw
            .overrides
            .into_iter()
            .map(|o| OverrideSpec {
                paths: o.paths.0,
                severity: o.severity.into_iter().collect(),
                disable: o.disable,
            })
            .collect();
        config.require_suppression_reason = raw.require_suppression_reason;
        config.text_extensions = raw
            .text_extensions
            .into_iter()
            .map(|e| e.trim_start_matches('.').to_ascii_lowercase())
            .collect();
        config.text = text;
        Ok(config)
    }

    /// Resolves `overrides` rule names (full ids or ids inside their book)
    /// against the loaded rules; an unknown name is an error at its place.
    ///
    /// With `strict` off (`--phrasebook` replaced the configured books),
    /// names of rules that are not loaded are passed by.
    pub fn resolve_overrides(
        &self,
        rules: &RuleSet,
        strict: bool,
    ) -> Result<Vec<Override>, FileError> {
        let shown = self
            .path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let find = |name: &str| -> Result<Vec<usize>, FileError> {
            let found: Vec<usize> = (0..rules.rules.len())
                .filter(|&i| rules.rules[i].is_named(name))
                .collect();
            if found.is_empty() && strict {
                let (line, column) = crate::phrasebook::locate(&self.text, name);
                return Err(FileError::at(
                    &shown,
                    line,
                    column,
                    format!("`overrides` names no loaded rule `{name}`"),
                ));
            }
            Ok(found)
        };
        let mut out = Vec::new();
        for spec in &self.overrides {
            let mut o = Override {
                paths: spec.paths.clone(),
                severity: Vec::new(),
                disable: Vec::new(),
            };
            for (name, severity) in &spec.severity {
                o.severity
                    .extend(find(name)?.into_iter().map(|i| (i, *severity)));
            }
            for name in &spec.disable {
                o.disable.extend(find(name)?);
            }
            out.push(o);
        }
        Ok(out)
    }

    /// The kind of a file by its name: a known kind, or plain text for the
    /// configured `text_extensions`.
    pub fn kind_of(&self, path: &Path) -> Option<FileKind> {
        FileKind::from_path(path).or_else(|| {
            let ext = path.extension()?.to_str()?.to_ascii_lowercase();
            self.text_extensions
                .contains(&ext)
                .then_some(FileKind::Text)
        })
    }

    /// Whether a file is in scope: under `include` (when set) and not under
    /// `exclude`, both matched against the path relative to the config's
    /// directory.
    pub fn selects(&self, path: &Path, cwd: &Path) -> bool {
        if self.include.is_none() && self.exclude.is_none() {
            return true;
        }
        let absolute = normalize(&cwd.join(path));
        let relative = absolute.strip_prefix(&self.root).unwrap_or(&absolute);
        self.include.as_ref().is_none_or(|g| g.is_match(relative))
            && !self.exclude.as_ref().is_some_and(|g| g.is_match(relative))
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

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    phrasebooks: Option<Vec<RawBookRef>>,
    include: Option<Globs>,
    exclude: Option<Globs>,
    front_matter_keys: Option<Vec<String>>,
    #[serde(default)]
    overrides: Vec<RawOverride>,
    #[serde(default)]
    require_suppression_reason: bool,
    #[serde(default)]
    text_extensions: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    paths: Globs,
    #[serde(default)]
    severity: std::collections::BTreeMap<String, Severity>,
    #[serde(default)]
    disable: Vec<String>,
}

/// `- path/to/book.yaml` or `- { path: …, version: "^1.2" }`.
struct RawBookRef {
    path: String,
    version: Option<Requirement>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBookEntry {
    path: String,
    version: Option<Requirement>,
}

impl<'de> Deserialize<'de> for RawBookRef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RawBookRef, D::Error> {
        struct Visit;
        impl<'de> de::Visitor<'de> for Visit {
            type Value = RawBookRef;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a phrasebook path or `{ path: …, version: … }`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawBookRef, E> {
                Ok(RawBookRef {
                    path: v.to_owned(),
                    version: None,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawBookRef, A::Error> {
                let e = RawBookEntry::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawBookRef {
                    path: e.path,
                    version: e.version,
                })
            }
        }
        d.deserialize_any(Visit)
    }
}

struct Requirement(semver::VersionReq);

impl<'de> Deserialize<'de> for Requirement {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Requirement, D::Error> {
        checked(d, "a semver requirement such as \"^1.2\"", |s| {
            semver::VersionReq::parse(s)
                .map(Requirement)
                .map_err(|e| format!("`{s}` is not a semver requirement ({e})"))
        })
    }
}

/// A list of globs, compiled; each bad glob is reported at its own line.
struct Globs(GlobSet);

impl<'de> Deserialize<'de> for Globs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Globs, D::Error> {
        struct Visit;
        impl<'de> de::Visitor<'de> for Visit {
            type Value = Globs;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of globs")
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Globs, A::Error> {
                let mut set = GlobSetBuilder::new();
                while let Some(globs) = seq.next_element::<Glob>()? {
                    for glob in globs.0 {
                        set.add(glob);
                    }
                }
                set.build().map(Globs).map_err(de::Error::custom)
            }
        }
        d.deserialize_seq(Visit)
    }
}

struct Glob(Vec<globset::Glob>);

impl<'de> Deserialize<'de> for Glob {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Glob, D::Error> {
        checked(d, "a glob", |s| glob(s).map(Glob))
    }
}
