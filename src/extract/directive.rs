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
    /// Where each name stands, in text offsets: a misspelt one is reported
    /// there.
    pub rule_spans: Vec<Range<usize>>,
    pub reason: Option<String>,
    /// Where the comment stands, in text offsets.
    pub range: Range<usize>,
}

/// Reads a comment's body (`phraselint-disable RULE -- reason`), a slice
/// of the comment standing at `range`; `in_text` maps a range of `body` to
/// text offsets.
pub fn parse_directive(
    body: &str,
    range: Range<usize>,
    in_text: impl Fn(Range<usize>) -> Range<usize>,
) -> Option<Directive> {
    let (word, rest) = body
        .split_once(char::is_whitespace)
        .unwrap_or((body, &body[body.len()..]));
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
    let mut rules = Vec::new();
    let mut rule_spans = Vec::new();
    let mut at = offset_in(body, names);
    // Each separator is one byte.
    for name in names.split([',', ' ', '\t']) {
        if !name.is_empty() {
            rules.push(name.to_owned());
            rule_spans.push(in_text(at..at + name.len()));
        }
        at += name.len() + 1;
    }
    Some(Directive {
        kind,
        rules,
        rule_spans,
        reason,
        range,
    })
}

/// Where `part`, a slice of `whole`, starts in it.
pub fn offset_in(whole: &str, part: &str) -> usize {
    let at = (part.as_ptr() as usize).wrapping_sub(whole.as_ptr() as usize);
    assert!(
        at <= whole.len() && part.len() <= whole.len() - at,
        "not a slice of it"
    );
    at
}
