//! Suppression comments as extractors find them:
//! `phraselint-disable-next-line RULE[, RULE] -- reason`,
//! `phraselint-disable RULE`, `phraselint-enable RULE`. Which findings they
//! silence is decided in [`crate::filter::suppress`].

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveKind {
    DisableNextLine,
    Disable,
    Enable,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// Rule names as written; empty means all rules.
    pub rules: Vec<String>,
    pub reason: Option<String>,
    /// Where the comment stands, in text offsets.
    pub range: Range<usize>,
}

/// Reads a comment's body (`phraselint-disable RULE -- reason`).
pub fn parse_directive(body: &str, range: Range<usize>) -> Option<Directive> {
    let (word, rest) = body.split_once(char::is_whitespace).unwrap_or((body, ""));
    let kind = match word {
        "phraselint-disable-next-line" => DirectiveKind::DisableNextLine,
        "phraselint-disable" => DirectiveKind::Disable,
        "phraselint-enable" => DirectiveKind::Enable,
        _ => return None,
    };
    let (names, reason) = match rest.split_once("--") {
        Some((names, reason)) => (
            names,
            Some(reason.trim().to_owned()).filter(|r| !r.is_empty()),
        ),
        None => (rest, None),
    };
    let rules = names
        .split([',', ' ', '\t'])
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .collect();
    Some(Directive {
        kind,
        rules,
        reason,
        range,
    })
}
