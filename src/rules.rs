//! Severity, rules, and the typed indices every later step refers to them
//! by.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// What a rule looks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleKind {
    /// Banned literal phrases and/or a regex, terms expanded.
    Match {
        banned: Vec<String>,
        pattern: Option<String>,
    },
    /// A phrase (any of these) every file in scope must contain.
    Require(Vec<String>),
}

/// A rule as loaded from a phrasebook, with its book's name and terms
/// resolved.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The id inside its book (`enables-access`).
    pub id: String,
    /// The id reported (`partner-ai/enables-access`).
    pub full_id: String,
    /// Its phrasebook, or phraselint itself.
    pub origin: Origin,
    pub kind: RuleKind,
    /// The pattern as written in the book (`{terms}` not expanded).
    pub pattern_written: Option<String>,
    /// Terms one of which must stand within `within` words (same block).
    pub near: Vec<String>,
    pub within: usize,
    /// The most words a `...` in one of the rule's phrases stands for.
    pub gap: usize,
    /// Rule-level exceptions, like the book's `allowed`.
    pub allow: Vec<String>,
    /// Globs limiting the rule to some files, as written.
    pub paths: Vec<String>,
    pub path_globs: Option<globset::GlobSet>,
    pub case_sensitive: bool,
    /// Whether its literal phrases also match their words' English forms.
    pub inflect: bool,
    pub message: String,
    pub suggest: Vec<String>,
    /// The one safe 1:1 replacement `--fix` applies, offered first.
    pub replace: Option<String>,
    pub severity: Severity,
    /// `suppressible: false`: no comment silences it, and one naming it is
    /// itself a finding.
    pub suppressible: bool,
    pub link: Option<String>,
    pub examples_bad: Vec<String>,
    pub examples_good: Vec<String>,
    /// The line of the rule's `id` in its book.
    pub line: usize,
}

impl Rule {
    /// Whether a rule name from a suppression comment or the config names
    /// this rule: either the full id or the id inside its book.
    pub fn is_named(&self, name: &str) -> bool {
        name == self.full_id || name == self.id
    }

    /// The banned literal phrases (none for a `require` rule).
    pub fn banned(&self) -> &[String] {
        match &self.kind {
            RuleKind::Match { banned, .. } => banned,
            RuleKind::Require(_) => &[],
        }
    }

    /// Each literal phrase (banned or required, `near`, `allow`) that has
    /// other word forms under `inflect`, with those forms.
    pub fn inflected(&self) -> Vec<(&str, Vec<String>)> {
        let literal = match &self.kind {
            RuleKind::Match { banned, .. } => banned,
            RuleKind::Require(phrases) => phrases,
        };
        crate::inflect::inflected(
            literal.iter().chain(&self.near).chain(&self.allow),
            self.inflect,
        )
    }

    /// What to say instead: the `replace` text first (the fix), then the
    /// other suggestions.
    pub fn suggestions(&self) -> Vec<String> {
        let replace = self.replace.iter();
        let others = self
            .suggest
            .iter()
            .filter(|s| self.replace.as_ref() != Some(*s));
        replace.chain(others).cloned().collect()
    }

    pub fn pattern(&self) -> Option<&str> {
        match &self.kind {
            RuleKind::Match { pattern, .. } => pattern.as_deref(),
            RuleKind::Require(_) => None,
        }
    }
}

/// What `...` in a phrase stands for: up to a rule's `gap` words.
pub const GAP: &str = "...";

/// A phrase's parts between its gaps, folded and trimmed (one part for a
/// phrase without a gap). `…` folds to `...`, so it is a gap too.
pub fn gap_parts(folded: &str) -> Vec<&str> {
    folded.split(GAP).map(str::trim).collect()
}

/// Whether a phrase (as written) has a gap.
pub fn has_gap(phrase: &str) -> bool {
    crate::text::fold::fold_phrase(phrase).contains(GAP)
}

/// phraselint's own rules, about suppression comments: they belong to no
/// phrasebook and are always in the catalogue.
pub const UNUSED_SUPPRESSION: &str = "phraselint/unused-suppression";
pub const SUPPRESSION_WITHOUT_REASON: &str = "phraselint/suppression-without-reason";
pub const UNSUPPRESSIBLE: &str = "phraselint/unsuppressible";
pub const UNKNOWN_RULE_IN_SUPPRESSION: &str = "phraselint/unknown-rule-in-suppression";

/// Where phraselint's own rules are explained: the README's Suppressions.
pub const OWN_RULES_LINK: &str = "https://github.com/phraselint/phraselint#suppressions";

impl Rule {
    /// phraselint's own rules, in catalogue order.
    pub fn own_rules() -> Vec<Rule> {
        vec![
            Rule::own(
                UNUSED_SUPPRESSION,
                "This suppression comment silences nothing; remove it.",
                Severity::Info,
            ),
            Rule::own(
                SUPPRESSION_WITHOUT_REASON,
                "Say why this suppression is allowed: `-- reason` after the rule names.",
                Severity::Error,
            ),
            Rule::own(
                UNSUPPRESSIBLE,
                "This suppression comment would silence a rule whose phrasebook says `suppressible: false`; no comment can, and its findings stay.",
                Severity::Error,
            ),
            Rule::own(
                UNKNOWN_RULE_IN_SUPPRESSION,
                "This suppression comment names a rule that no loaded phrasebook has; check the spelling.",
                Severity::Warning,
            ),
        ]
    }

    fn own(full_id: &str, message: &str, severity: Severity) -> Rule {
        Rule {
            id: full_id.trim_start_matches("phraselint/").to_owned(),
            full_id: full_id.to_owned(),
            origin: Origin::Phraselint,
            kind: RuleKind::Match {
                banned: Vec::new(),
                pattern: None,
            },
            pattern_written: None,
            near: Vec::new(),
            within: 0,
            gap: 0,
            allow: Vec::new(),
            paths: Vec::new(),
            path_globs: None,
            case_sensitive: false,
            inflect: false,
            message: message.to_owned(),
            suggest: Vec::new(),
            replace: None,
            severity,
            suppressible: true,
            link: Some(OWN_RULES_LINK.to_owned()),
            examples_bad: Vec::new(),
            examples_good: Vec::new(),
            line: 0,
        }
    }
}

/// Where a rule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A loaded phrasebook.
    Book(BookIdx),
    /// phraselint itself (the suppression audit).
    Phraselint,
}

/// A rule's place in the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RuleIdx(pub u32);

/// A phrasebook's place in the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BookIdx(pub u32);

impl RuleIdx {
    pub fn new(index: usize) -> RuleIdx {
        RuleIdx(u32::try_from(index).expect("fewer than 2^32 rules"))
    }

    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl BookIdx {
    pub fn new(index: usize) -> BookIdx {
        BookIdx(u32::try_from(index).expect("fewer than 2^32 books"))
    }

    pub fn index(self) -> usize {
        self.0 as usize
    }
}
