//! Phrasebooks: the YAML schema, its validation, and loading.
//!
//! Validation happens while deserializing, so serde_yaml attaches the line
//! and column of the offending value to every error.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::path::Path;

use serde::Deserialize;
use serde::de::{self, Deserializer};

use crate::yaml::{checked, yaml_error};
use sha2::{Digest, Sha256};

use crate::error::FileError;
use crate::rules::{Rule, Severity};

/// The phrasebook format versions this build reads.
pub const SCHEMAS: &[u64] = &[1];

/// The books compiled into the binary, used when nothing else is configured.
pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "partner-ai.yaml",
        include_str!("../phrasebooks/partner-ai.yaml"),
    ),
    ("claims.yaml", include_str!("../phrasebooks/claims.yaml")),
];

/// A loaded, validated phrasebook.
#[derive(Debug, Clone)]
pub struct Phrasebook {
    pub name: String,
    pub version: semver::Version,
    pub schema: u64,
    pub description: Option<String>,
    /// Where it came from, as shown in reports.
    pub path: String,
    /// sha256 of the file's bytes, so an audit can tell exactly which rules ran.
    pub sha256: String,
    pub allowed: Vec<String>,
    pub rules: Vec<Rule>,
}

impl Phrasebook {
    pub fn load(path: &Path) -> Result<Phrasebook, FileError> {
        let shown = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| FileError::new(&shown, io_message(&e)))?;
        let text = std::str::from_utf8(&bytes)
            .map_err(|e| FileError::new(&shown, format!("not valid UTF-8 ({e})")))?;
        Phrasebook::parse(text, &shown)
    }

    pub fn built_in() -> Vec<Phrasebook> {
        BUILT_IN
            .iter()
            .map(|(name, text)| {
                Phrasebook::parse(text, &format!("<built-in>/{name}"))
                    .expect("built-in phrasebooks are valid (tested)")
            })
            .collect()
    }

    pub fn parse(text: &str, path: &str) -> Result<Phrasebook, FileError> {
        let raw: RawBook =
            with_fresh_ids(|| serde_yaml::from_str(text)).map_err(|e| yaml_error(&e, path))?;
        let severity = raw.defaults.severity.unwrap_or(Severity::Error);
        let rules = raw
            .rules
            .into_iter()
            .map(|r| Rule {
                full_id: format!("{}/{}", raw.phrasebook.0, r.id.0),
                id: r.id.0,
                book: 0,
                banned: r.banned.0.into_iter().map(|p| p.0).collect(),
                message: r.message,
                suggest: r.suggest,
                severity: r.severity.unwrap_or(severity),
                link: r.link,
                examples_bad: r.examples.bad,
                examples_good: r.examples.good,
            })
            .collect();
        Ok(Phrasebook {
            name: raw.phrasebook.0,
            version: raw.version.0,
            schema: raw.schema.0,
            description: raw.description,
            path: path.to_owned(),
            sha256: hex(&Sha256::digest(text.as_bytes())),
            allowed: raw.allowed.into_iter().map(|p| p.0).collect(),
            rules,
        })
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBook {
    phrasebook: Name,
    version: Version,
    schema: Schema,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    defaults: RawDefaults,
    #[serde(default)]
    allowed: Vec<Phrase>,
    #[serde(default)]
    rules: Vec<RawRule>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawDefaults {
    severity: Option<Severity>,
    /// Validated only: insensitive is the one mode this build has.
    #[serde(default, rename = "case")]
    _case: Option<Case>,
}

/// Only case-insensitive matching exists in this build; `sensitive` is
/// refused rather than silently ignored.
struct Case;

impl<'de> Deserialize<'de> for Case {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Case, D::Error> {
        checked(d, "`insensitive` or `sensitive`", |s| match s {
            "insensitive" => Ok(Case),
            "sensitive" => Err("`case: sensitive` is not supported by this build yet".to_owned()),
            other => Err(format!(
                "unknown case `{other}`, expected `insensitive` or `sensitive`"
            )),
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: RuleId,
    banned: OneOrMany,
    message: String,
    #[serde(default)]
    suggest: Vec<String>,
    severity: Option<Severity>,
    link: Option<String>,
    #[serde(default)]
    examples: RawExamples,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawExamples {
    #[serde(default)]
    bad: Vec<String>,
    #[serde(default)]
    good: Vec<String>,
}

/// A book name: `[a-z0-9][a-z0-9-]*`.
struct Name(String);

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Name, D::Error> {
        checked(d, "a phrasebook name", |s| {
            check_name(s, "phrasebook name")?;
            Ok(Name(s.to_owned()))
        })
    }
}

fn check_name(s: &str, what: &str) -> Result<(), String> {
    let mut bytes = s.bytes();
    let ok = bytes
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "invalid {what} `{s}`: use lower-case letters, digits and `-`"
        ))
    }
}

thread_local! {
    /// Rule ids seen so far in the book being parsed: checking uniqueness
    /// while deserializing gives the duplicate's own line and column.
    static SEEN_IDS: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
}

fn with_fresh_ids<T>(parse: impl FnOnce() -> T) -> T {
    SEEN_IDS.with(|s| s.borrow_mut().clear());
    let result = parse();
    SEEN_IDS.with(|s| s.borrow_mut().clear());
    result
}

struct RuleId(String);

impl<'de> Deserialize<'de> for RuleId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RuleId, D::Error> {
        checked(d, "a rule id", |s| {
            check_name(s, "rule id")?;
            if !SEEN_IDS.with(|seen| seen.borrow_mut().insert(s.to_owned())) {
                return Err(format!("duplicate rule id `{s}`"));
            }
            Ok(RuleId(s.to_owned()))
        })
    }
}

/// A phrase: not empty, and free of control characters.
struct Phrase(String);

fn check_phrase(s: &str) -> Result<Phrase, String> {
    if crate::fold::fold_phrase(s).trim().is_empty() {
        return Err("empty phrase".to_owned());
    }
    if s.chars().any(|c| c.is_control() && !c.is_whitespace()) {
        return Err("a phrase may not contain control characters".to_owned());
    }
    Ok(Phrase(s.to_owned()))
}

impl<'de> Deserialize<'de> for Phrase {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Phrase, D::Error> {
        checked(d, "a phrase", check_phrase)
    }
}

/// `banned: enables access` or `banned: [enables access, …]`.
struct OneOrMany(Vec<Phrase>);

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<OneOrMany, D::Error> {
        struct Visit;
        impl<'de> de::Visitor<'de> for Visit {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a phrase or a list of phrases")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<OneOrMany, E> {
                check_phrase(v)
                    .map(|p| OneOrMany(vec![p]))
                    .map_err(E::custom)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
                let mut all = Vec::new();
                while let Some(p) = seq.next_element::<Phrase>()? {
                    all.push(p);
                }
                if all.is_empty() {
                    return Err(de::Error::custom("`banned` lists no phrase"));
                }
                Ok(OneOrMany(all))
            }
        }
        d.deserialize_any(Visit)
    }
}

struct Version(semver::Version);

impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Version, D::Error> {
        checked(d, "a semver version such as 1.2.0", |s| {
            semver::Version::parse(s).map(Version).map_err(|e| {
                format!(
                    "`{s}` is not semver ({e}); write it as MAJOR.MINOR.PATCH, e.g. 1.2.0"
                )
            })
        })
    }
}

struct Schema(u64);

impl<'de> Deserialize<'de> for Schema {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Schema, D::Error> {
        checked(d, "a schema number", |s| match s.parse::<u64>() {
            Ok(n) if SCHEMAS.contains(&n) => Ok(Schema(n)),
            _ => Err(format!(
                "unknown phrasebook schema `{s}`: this build of phraselint reads schema 1"
            )),
        })
    }
}
