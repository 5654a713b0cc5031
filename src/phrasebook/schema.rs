//! The phrasebook YAML schema. Every scalar is validated inside serde's
//! visitor, so serde_yaml attaches the offending value's line and column.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};
use std::fmt;

use schemars::{JsonSchema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer};
use serde_json::json;

use crate::json_schema::{Text, text};
use crate::rules::Severity;
use crate::yaml::checked;

/// The phrasebook format versions this build reads.
pub const SCHEMAS: &[u64] = &[1];

// Doc comments here are also the JSON Schema's descriptions, which editors
// show: they speak to a book's author.

/// A phraselint phrasebook: approved and banned phrasings, versioned.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawBook {
    /// The book's name, in lower-case letters, digits and `-`; its rules are
    /// reported as NAME/ID.
    pub phrasebook: Name,
    /// The semver of this book's content (MAJOR.MINOR.PATCH), recorded in
    /// every report.
    pub version: Version,
    /// The phrasebook format version: 1.
    pub schema: Schema,
    /// What the book is for, in a sentence.
    #[serde(default)]
    #[schemars(with = "Option<Text>")]
    pub description: Option<String>,
    /// Who answers for the book's content: a team or a person, on one
    /// line. Recorded in every report.
    pub owner: Option<OneLine>,
    /// Who signed this version of the book off, on one line. Recorded in
    /// every report.
    pub approved_by: Option<OneLine>,
    /// The day this version was signed off, written YYYY-MM-DD. Recorded in
    /// every report.
    pub approved_on: Option<Date>,
    /// Other books included, as paths relative to this file; their rules
    /// keep their own ids.
    #[serde(default)]
    #[schemars(with = "Vec<Text>")]
    pub extends: Vec<String>,
    /// Defaults for every rule of the book.
    #[serde(default)]
    pub defaults: RawDefaults,
    /// Named lists of phrases, used in phrases, `near` and `require` as
    /// {name}.
    #[serde(default)]
    pub terms: BTreeMap<TermName, Vec<Phrase>>,
    /// Approved phrasings: listed by `phrasebook show`, and a banned match
    /// wholly inside one is not reported.
    #[serde(default)]
    pub allowed: Vec<Phrase>,
    /// The rules, each reported as NAME/ID.
    #[serde(default)]
    pub rules: Vec<RawRule>,
}

#[derive(Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDefaults {
    /// A rule's severity unless it says otherwise (default error).
    pub severity: Option<Severity>,
    /// A rule's case unless it says otherwise (default insensitive).
    pub case: Option<Case>,
    /// How many words each `...` stands for, from 0 to 10 (default 3).
    pub gap: Option<Gap>,
    /// Whether lower-case words also match their English forms, in every
    /// rule and in `allowed` (default false).
    pub inflect: Option<bool>,
    /// Whether a suppression comment may silence a rule unless it says
    /// otherwise (default true).
    pub suppressible: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Case {
    Insensitive,
    Sensitive,
}

/// A rule: `banned`, `pattern` or both, or else `require`.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    /// Unique in the book, in lower-case letters, digits and `-`.
    pub id: RuleId,
    /// A phrase or a list of phrases to flag: whole words, folded; `...`
    /// between two words is a gap of up to `gap` words.
    pub banned: Option<OneOrMany>,
    /// A regex (Rust `regex` syntax) on the folded text, whole words.
    pub pattern: Option<Pattern>,
    /// The match counts only when one of these is within `within` words.
    pub near: Option<Vec<Phrase>>,
    /// How near a `near` term must be, in words, from 1 to 1000 (default 10).
    pub within: Option<Within>,
    /// How many words each `...` stands for, from 0 to 10.
    pub gap: Option<Gap>,
    /// A phrase (or any of a list) every file in scope must contain.
    pub require: Option<OneOrMany>,
    /// Globs limiting the rule to some files, relative to the project root.
    pub paths: Option<Vec<Glob>>,
    /// Exceptions: a match wholly inside one of these is not reported.
    #[serde(default)]
    pub allow: Vec<Phrase>,
    /// `sensitive` matches case exactly (default from `defaults.case`).
    pub case: Option<Case>,
    /// Lower-case words also match their English forms (default from
    /// `defaults.inflect`).
    pub inflect: Option<bool>,
    /// What is wrong, shown with every finding.
    #[schemars(with = "Text")]
    pub message: String,
    /// What to say instead.
    #[serde(default)]
    #[schemars(with = "Vec<Text>")]
    pub suggest: Vec<String>,
    /// The one safe replacement `check --fix` applies: one line, no `...`.
    pub replace: Option<Replacement>,
    /// Default from `defaults.severity`, else error.
    pub severity: Option<Severity>,
    /// `false`: no suppression comment silences the rule, and one naming
    /// it is itself a finding (default from `defaults.suppressible`, else
    /// true).
    pub suppressible: Option<bool>,
    /// Where the guideline lives.
    #[schemars(with = "Option<Text>")]
    pub link: Option<String>,
    /// Checked by `phraselint phrasebook test`.
    #[serde(default)]
    pub examples: RawExamples,
}

#[derive(Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawExamples {
    /// Texts this rule must flag.
    #[serde(default)]
    #[schemars(with = "Vec<Text>")]
    pub bad: Vec<String>,
    /// Texts this rule must not flag.
    #[serde(default)]
    #[schemars(with = "Vec<Text>")]
    pub good: Vec<String>,
}

/// A JSON Schema impl for a type serde reads through [`checked`], which no
/// derive sees into.
macro_rules! schema {
    ($type:ty, $name:literal, $schema:expr) => {
        impl JsonSchema for $type {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                $name.into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> schemars::Schema {
                $schema
            }
        }
    };
}

schema!(
    Name,
    "Name",
    text(json!({ "pattern": "^[a-z0-9][a-z0-9-]*$" }))
);
schema!(
    RuleId,
    "RuleId",
    text(json!({ "pattern": "^[a-z0-9][a-z0-9-]*$" }))
);
// A mapping's key, which is text in any case.
schema!(
    TermName,
    "TermName",
    json_schema!({ "type": "string", "pattern": "^[a-z][a-z0-9-]*$" })
);
// A phrase has a word; a replacement is one line.
schema!(Phrase, "Phrase", text(json!({ "pattern": "\\S" })));
schema!(
    Replacement,
    "Replacement",
    text(json!({ "pattern": "^[^\\r\\n]*\\S[^\\r\\n]*$" }))
);
schema!(Pattern, "Pattern", text(json!({})));
schema!(Glob, "Glob", text(json!({})));
schema!(
    Version,
    "Version",
    json_schema!({
        "type": "string",
        "pattern": "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$"
    })
);
schema!(Schema, "Schema", {
    let known: Vec<_> = SCHEMAS
        .iter()
        .flat_map(|n| [json!(n), json!(n.to_string())])
        .collect();
    json_schema!({ "enum": known })
});
// One line with a word in it, and no control character.
schema!(
    OneLine,
    "OneLine",
    text(
        json!({ "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]*\\S[^\\u0000-\\u001f\\u007f-\\u009f]*$" })
    )
);
// A day, YYYY-MM-DD; whether the month has that day (2025-02-29) only
// phraselint tells.
schema!(
    Date,
    "Date",
    json_schema!({
        "type": "string",
        "format": "date",
        "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
    })
);
schema!(Within, "Within", words(1, MAX_WITHIN));
schema!(Gap, "Gap", words(0, MAX_GAP));

/// A number of words from `min` to `max` (written as a number, or as text
/// of digits).
fn words(min: usize, max: usize) -> schemars::Schema {
    json_schema!({
        "type": ["integer", "string"],
        "minimum": min,
        "maximum": max,
        "pattern": "^[0-9]+$"
    })
}

impl JsonSchema for OneOrMany {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "OneOrMany".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> schemars::Schema {
        let phrase = generator.subschema_for::<Phrase>();
        json_schema!({
            "anyOf": [phrase, { "type": "array", "items": phrase, "minItems": 1 }]
        })
    }
}

/// A book name: `[a-z0-9][a-z0-9-]*`.
pub struct Name(pub String);

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

/// A term list's name, used in phrases as `{name}`.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
pub struct TermName(pub String);

impl<'de> Deserialize<'de> for TermName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<TermName, D::Error> {
        checked(d, "a term list name", |s| {
            check_name(s, "term list name")?;
            if !s.starts_with(|c: char| c.is_ascii_lowercase()) {
                return Err(format!(
                    "invalid term list name `{s}`: start it with a letter"
                ));
            }
            Ok(TermName(s.to_owned()))
        })
    }
}

/// The phrasebook format as a JSON Schema (`docs/schema/phrasebook.schema.json`).
pub fn json_schema() -> serde_json::Value {
    crate::json_schema::root::<RawBook>("phrasebook.schema.json", "phraselint phrasebook")
}

thread_local! {
    /// Rule ids seen so far in the book being parsed: checking uniqueness
    /// while deserializing gives the duplicate's own line and column.
    static SEEN_IDS: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
}

/// Parses one book with a fresh set of seen rule ids.
pub fn parse(text: &str) -> Result<RawBook, serde_yaml::Error> {
    SEEN_IDS.with(|s| s.borrow_mut().clear());
    let result = serde_yaml::from_str(text);
    SEEN_IDS.with(|s| s.borrow_mut().clear());
    result
}

pub struct RuleId(pub String);

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
pub struct Phrase(pub String);

fn check_phrase(s: &str) -> Result<Phrase, String> {
    if crate::text::fold::fold_phrase(s).trim().is_empty() {
        return Err("empty phrase".to_owned());
    }
    if s.chars().any(|c| c.is_control() && !c.is_whitespace()) {
        return Err("a phrase may not contain control characters".to_owned());
    }
    let folded = crate::text::fold::fold_phrase(s);
    if crate::rules::gap_parts(&folded)
        .iter()
        .any(|p| p.is_empty())
    {
        return Err(format!(
            "`{s}`: a gap needs words on both sides (`...` between two words)"
        ));
    }
    Ok(Phrase(s.to_owned()))
}

impl<'de> Deserialize<'de> for Phrase {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Phrase, D::Error> {
        checked(d, "a phrase", check_phrase)
    }
}

/// `replace`: one line of words, without a gap, that `--fix` puts in a
/// banned phrase's place.
pub struct Replacement(pub String);

impl<'de> Deserialize<'de> for Replacement {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Replacement, D::Error> {
        checked(d, "a replacement phrase", |s| {
            if s.contains(['\n', '\r']) {
                return Err("`replace` must be one line".to_owned());
            }
            let Phrase(s) = check_phrase(s).map_err(|e| format!("`replace`: {e}"))?;
            if crate::rules::has_gap(&s) {
                return Err(format!(
                    "`replace: {s}` has a gap (`...`); write the words that replace the phrase"
                ));
            }
            Ok(Replacement(s.trim().to_owned()))
        })
    }
}

/// `banned: enables access` or `banned: [enables access, …]`.
pub struct OneOrMany(pub Vec<Phrase>);

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
            // `banned: 100` is the phrase "100", as `banned: [100]` is.
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<OneOrMany, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<OneOrMany, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
                let mut all = Vec::new();
                while let Some(p) = seq.next_element::<Phrase>()? {
                    all.push(p);
                }
                if all.is_empty() {
                    return Err(de::Error::custom("an empty list: give at least one phrase"));
                }
                Ok(OneOrMany(all))
            }
        }
        d.deserialize_any(Visit)
    }
}

/// A regex in Rust `regex` syntax; `{name}` term references are checked
/// once the book's terms are known.
pub struct Pattern(pub String);

impl<'de> Deserialize<'de> for Pattern {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Pattern, D::Error> {
        checked(d, "a regular expression", |s| {
            if s.contains("(?-i") {
                return Err(
                    "`(?-i)` has no effect on folded text; give the rule `case: sensitive` instead"
                        .to_owned(),
                );
            }
            let probe = crate::phrasebook::terms::probe_pattern(s);
            crate::pattern::pattern_regex(&crate::text::fold::fold_pattern(&probe, false), false)?;
            Ok(Pattern(s.to_owned()))
        })
    }
}

/// The most words `within` may span: far beyond a sentence or a
/// paragraph, and a number whose arithmetic cannot overflow.
pub const MAX_WITHIN: usize = 1000;

/// `within`: a number of words, from 1 to [`MAX_WITHIN`].
pub struct Within(pub usize);

impl<'de> Deserialize<'de> for Within {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Within, D::Error> {
        checked(d, "a number of words", |s| match s.parse::<usize>() {
            Ok(n) if (1..=MAX_WITHIN).contains(&n) => Ok(Within(n)),
            _ => Err(format!(
                "`within` must be a whole number of words from 1 to {MAX_WITHIN}, not `{s}`"
            )),
        })
    }
}

/// The most words a gap may stand for: a clause, not a paragraph.
pub const MAX_GAP: usize = 10;

/// `gap`: how many words `...` in a phrase stands for, from 0 to [`MAX_GAP`].
pub struct Gap(pub usize);

impl<'de> Deserialize<'de> for Gap {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Gap, D::Error> {
        checked(d, "a number of words", |s| match s.parse::<usize>() {
            Ok(n) if n <= MAX_GAP => Ok(Gap(n)),
            _ => Err(format!(
                "`gap` must be a whole number of words from 0 to {MAX_GAP}, not `{s}`"
            )),
        })
    }
}

/// A glob for `paths`, as written (compiled with the rule).
pub struct Glob(pub String);

impl<'de> Deserialize<'de> for Glob {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Glob, D::Error> {
        checked(d, "a glob", |s| {
            crate::paths::glob(s)?;
            Ok(Glob(s.to_owned()))
        })
    }
}

pub struct Version(pub semver::Version);

impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Version, D::Error> {
        checked(d, "a semver version such as 1.2.0", |s| {
            semver::Version::parse(s).map(Version).map_err(|e| {
                format!("`{s}` is not semver ({e}); write it as MAJOR.MINOR.PATCH, e.g. 1.2.0")
            })
        })
    }
}

/// A line of text naming someone (`owner`, `approved_by`): not blank, and
/// without line breaks or control characters, since every report shows it
/// on a line of its own.
pub struct OneLine(pub String);

impl<'de> Deserialize<'de> for OneLine {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<OneLine, D::Error> {
        checked(d, "one line of text", |s| {
            if s.trim().is_empty() {
                return Err("empty: name someone, or leave the key out".to_owned());
            }
            if s.chars().any(char::is_control) {
                return Err("must be one line, without control characters".to_owned());
            }
            Ok(OneLine(s.trim().to_owned()))
        })
    }
}

/// A calendar date written `YYYY-MM-DD` (`approved_on`); a day that does
/// not exist (`2025-02-30`) is refused.
pub struct Date(pub jiff::civil::Date);

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        checked(d, "a date such as 2025-01-31", |s| {
            let fix = "write it as YYYY-MM-DD, e.g. 2025-01-31";
            let b = s.as_bytes();
            let shaped = b.len() == 10
                && b[4] == b'-'
                && b[7] == b'-'
                && b.iter()
                    .enumerate()
                    .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
            if !shaped {
                return Err(format!("`{s}` is not a date; {fix}"));
            }
            let number = |at: std::ops::Range<usize>| s[at].parse::<i16>().expect("digits");
            let (year, month, day) = (number(0..4), number(5..7) as i8, number(8..10) as i8);
            jiff::civil::Date::new(year, month, day)
                .map(Date)
                .map_err(|e| format!("`{s}` is not a date ({e}); {fix}"))
        })
    }
}

pub struct Schema(pub u64);

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
