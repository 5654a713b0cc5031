//! Severity and the rule table every later step refers to by index.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
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

/// A rule as loaded from a phrasebook, with its book's name resolved.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The id inside its book (`enables-access`).
    pub id: String,
    /// The id reported (`partner-ai/enables-access`).
    pub full_id: String,
    /// Index of its phrasebook in the loaded set.
    pub book: usize,
    pub banned: Vec<String>,
    pub message: String,
    pub suggest: Vec<String>,
    pub severity: Severity,
    pub link: Option<String>,
    pub examples_bad: Vec<String>,
    pub examples_good: Vec<String>,
}

impl Rule {
    /// Whether a rule name from a suppression comment or the config names
    /// this rule: either the full id or the id inside its book.
    pub fn is_named(&self, name: &str) -> bool {
        name == self.full_id || name == self.id
    }
}
