//! `.phraselint.yaml`: found in the current directory or the nearest parent.

use std::fmt;
use std::path::{Path, PathBuf};

use globset::{GlobSet, GlobSetBuilder};
use schemars::{JsonSchema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess};
use serde_json::json;

use crate::error::FileError;
use crate::json_schema::{Text, text};
use crate::paths::{glob, normalize};
use crate::phrasebook::{Phrasebook, load_set};
use crate::rules::Severity;
use crate::yaml::{checked, yaml_error};

pub const FILE_NAME: &str = ".phraselint.yaml";

/// The resolved configuration; the default when no file was found.
#[derive(Debug, Clone)]
pub struct Config {
    /// The config file, if there is one.
    pub path: Option<PathBuf>,
    /// The directory globs and phrasebook paths are relative to.
    pub root: PathBuf,
    /// `None`: the built-in phrasebooks.
    pub phrasebooks: Option<Vec<BookRef>>,
    pub include: Option<GlobSet>,
    /// `include` as written, to name it when it selects nothing.
    pub include_written: Vec<String>,
    pub exclude: Option<GlobSet>,
    pub front_matter_keys: Vec<String>,
    pub overrides: Vec<OverrideSpec>,
    pub require_suppression_reason: bool,
    /// More extensions to read as plain text (`rst`, `adoc`…).
    pub text_extensions: Vec<String>,
    /// The config's text, to place errors found after parsing.
    text: String,
}

impl Config {
    /// The config file as errors name it.
    pub fn shown(&self) -> String {
        self.path
            .as_deref()
            .unwrap_or(Path::new(FILE_NAME))
            .display()
            .to_string()
    }

    /// An error about `needle` (a rule name, a phrasebook path), at the
    /// place it is written in the config.
    pub fn error_at(&self, needle: &str, message: String) -> FileError {
        let (line, column) = crate::yaml::locate(&self.text, needle);
        FileError::at(self.shown(), line, column, message).in_text(&self.text)
    }

    /// `explicit` phrasebooks (`--phrasebook`), else the configured ones
    /// (checked against their version pins), else the built-in books; each
    /// with what it extends.
    pub fn load_books(&self, explicit: &[PathBuf]) -> Result<Vec<Phrasebook>, Vec<FileError>> {
        if !explicit.is_empty() {
            return load_set(explicit).map(|set| set.books);
        }
        let Some(refs) = &self.phrasebooks else {
            return Ok(Phrasebook::built_in());
        };
        let at = |r: &BookRef, message: String| {
            FileError::at(self.shown(), r.position.0, r.position.1, message).in_text(&self.text)
        };
        let missing: Vec<FileError> = refs
            .iter()
            .filter(|r| !r.path.is_file())
            .map(|r| {
                at(
                    r,
                    format!("phrasebook {} is not a readable file", r.path.display()),
                )
            })
            .collect();
        if !missing.is_empty() {
            return Err(missing);
        }
        let paths: Vec<PathBuf> = refs.iter().map(|r| r.path.clone()).collect();
        let set = load_set(&paths)?;
        let mut errors = Vec::new();
        for (r, &root) in refs.iter().zip(&set.roots) {
            let book = &set.books[root];
            if let Some(req) = &r.version
                && !req.matches(&book.version)
            {
                errors.push(at(
                    r,
                    format!(
                        "phrasebook `{}` is version {}, but the config requires {req}",
                        book.name, book.version
                    ),
                ));
            }
        }
        if errors.is_empty() {
            Ok(set.books)
        } else {
            Err(errors)
        }
    }
}

/// An `overrides` entry as written; rule names are resolved once the
/// phrasebooks are loaded.
#[derive(Debug, Clone)]
pub struct OverrideSpec {
    pub paths: GlobSet,
    pub severity: Vec<(String, Severity)>,
    pub disable: Vec<String>,
}

#[derive(Debug, Clone)]
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
            include_written: Vec::new(),
            exclude: None,
            front_matter_keys: vec!["title".to_owned(), "description".to_owned()],
            overrides: Vec::new(),
            require_suppression_reason: false,
            text_extensions: Vec::new(),
            text: String::new(),
        }
    }

    /// The nearest `.phraselint.yaml` from `cwd` upwards, relative to `cwd`
    /// when it is inside it (as errors then show it). Whatever has that name
    /// is found — a directory or a dangling symlink too, so that loading it
    /// is an error naming it rather than a parent's config used instead.
    pub fn discover(cwd: &Path) -> Option<PathBuf> {
        let found = cwd
            .ancestors()
            .map(|d| d.join(FILE_NAME))
            .find(|p| std::fs::symlink_metadata(p).is_ok())?;
        Some(
            found
                .strip_prefix(cwd)
                .map_or_else(|_| found.clone(), Path::to_path_buf),
        )
    }

    /// `explicit` (`--config FILE`), else the nearest `.phraselint.yaml`
    /// from `cwd` upwards, else the defaults.
    pub fn find(explicit: Option<&Path>, cwd: &Path) -> Result<Config, FileError> {
        match explicit {
            Some(path) => Config::load(path, cwd),
            None => match Config::discover(cwd) {
                Some(path) => Config::load(&path, cwd),
                None => Ok(Config::default_in(cwd.to_path_buf())),
            },
        }
    }

    pub fn load(path: &Path, cwd: &Path) -> Result<Config, FileError> {
        let shown = path.display().to_string();
        let text = crate::paths::read_side_text(path, &shown, crate::paths::MAX_BOOK_BYTES)?;
        Config::parse(text, path, cwd)
    }

    /// A config from its text (an editor's unsaved buffer), as if read from
    /// `path`.
    pub fn parse(text: String, path: &Path, cwd: &Path) -> Result<Config, FileError> {
        let shown = path.display().to_string();
        let raw: RawConfig = if text.trim().is_empty() {
            RawConfig::default()
        } else {
            crate::yaml::check_flow_depth(&text, &shown)
                .and_then(|()| crate::yaml::check_alias_expansion(&text, &shown))
                .and_then(|()| serde_yaml::from_str(&text).map_err(|e| yaml_error(&e, &shown)))
                .map_err(|e| {
                    // A line is shown only of a file that is a config.
                    if crate::yaml::declares(&text, RawConfig::KEYS) {
                        e.in_text(&text)
                    } else if !e.message.contains("(did you mean") {
                        FileError {
                            message:
                                "not a phraselint config: a YAML mapping of config keys is expected"
                                    .to_owned(),
                            ..e
                        }
                    } else {
                        e
                    }
                })?
        };
        let root = normalize(&cwd.join(path))
            .parent()
            .map_or_else(|| cwd.to_path_buf(), Path::to_path_buf);
        let phrasebooks = raw.phrasebooks.map(|books| {
            books
                .into_iter()
                .map(|b| BookRef {
                    position: crate::yaml::locate(&text, &b.path),
                    path: root.join(&b.path),
                    version: b.version.map(|v| v.0),
                })
                .collect()
        });
        let mut config = Config::default_in(root);
        config.path = Some(path.to_path_buf());
        config.phrasebooks = phrasebooks;
        if let Some(include) = raw.include {
            config.include = Some(include.0);
            config.include_written = include.1;
        }
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
}

impl RawConfig {
    const KEYS: &[&str] = &[
        "phrasebooks",
        "include",
        "exclude",
        "front_matter_keys",
        "overrides",
        "require_suppression_reason",
        "text_extensions",
    ];
}

/// The config as a JSON Schema (`docs/schema/config.schema.json`).
pub fn json_schema() -> serde_json::Value {
    crate::json_schema::root::<RawConfig>("config.schema.json", "phraselint config")
}

// Doc comments here are also the JSON Schema's descriptions, which editors
// show: they speak to a config's author.

/// `.phraselint.yaml`, phraselint's configuration: every key is optional.
#[derive(Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    /// The phrasebooks to check against, instead of the built-in ones: a
    /// path relative to this file, or `{ path, version }`.
    phrasebooks: Option<Vec<RawBookRef>>,
    /// Which files to check: globs relative to this file.
    include: Option<Globs>,
    /// Files not to check: globs relative to this file.
    exclude: Option<Globs>,
    /// Front-matter keys of Markdown files whose values are checked as prose
    /// (default title and description).
    #[schemars(with = "Option<Vec<Text>>")]
    front_matter_keys: Option<Vec<String>>,
    /// Per-path severities and disabled rules.
    #[serde(default)]
    overrides: Vec<RawOverride>,
    /// A suppression comment without `-- reason` is an error finding.
    #[serde(default)]
    require_suppression_reason: bool,
    /// More extensions read as plain text (`rst`, `adoc`).
    #[serde(default)]
    #[schemars(with = "Vec<Text>")]
    text_extensions: Vec<String>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    /// The files this override applies to: globs relative to the config.
    paths: Globs,
    /// Rule (full id, or id in its book) → severity.
    #[serde(default)]
    severity: std::collections::BTreeMap<String, Severity>,
    /// Rules (full id, or id in its book) that do not run on these files.
    #[serde(default)]
    #[schemars(with = "Vec<Text>")]
    disable: Vec<String>,
}

/// `- path/to/book.yaml` or `- { path: …, version: "^1.2" }`.
struct RawBookRef {
    path: String,
    version: Option<Requirement>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawBookEntry {
    /// The phrasebook, relative to this file.
    #[schemars(with = "Text")]
    path: String,
    /// A semver requirement the book's version must meet (`^1.2`), or the
    /// run stops.
    version: Option<Requirement>,
}

impl JsonSchema for RawBookRef {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "BookRef".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> schemars::Schema {
        let entry = generator.subschema_for::<RawBookEntry>();
        json_schema!({ "anyOf": [text(json!({})), entry] })
    }
}

impl JsonSchema for Requirement {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Requirement".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> schemars::Schema {
        text(json!({}))
    }
}

impl JsonSchema for Globs {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Globs".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> schemars::Schema {
        json_schema!({ "type": "array", "items": text(json!({})) })
    }
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

/// A list of globs, compiled, and as written; each bad glob is reported at
/// its own line.
struct Globs(GlobSet, Vec<String>);

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
                let mut written = Vec::new();
                while let Some(globs) = seq.next_element::<Glob>()? {
                    for glob in globs.0 {
                        set.add(glob);
                    }
                    written.push(globs.1);
                }
                let set = set.build().map_err(de::Error::custom)?;
                Ok(Globs(set, written))
            }
        }
        d.deserialize_seq(Visit)
    }
}

struct Glob(Vec<globset::Glob>, String);

impl<'de> Deserialize<'de> for Glob {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Glob, D::Error> {
        checked(d, "a glob", |s| glob(s).map(|g| Glob(g, s.to_owned())))
    }
}
