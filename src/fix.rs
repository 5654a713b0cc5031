//! Edits to a document's text: replacing a finding (case kept), inserting a
//! suppression comment; shared by `check --fix`/`--diff` and the language
//! server's code actions.

use std::ops::Range;

use crate::catalog::Catalog;
use crate::extract::FileKind;
use crate::finding::{FileOutcome, Finding};
use crate::lint::FileResult;
use crate::rules::{Rule, has_gap};
use crate::text::fold::fold_phrase;
use crate::text::{LineIndex, SourceText};

/// One change to a text: `span` (in the file's decoded text, like
/// [`Finding::span`]) becomes `text`. An empty span inserts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Range<usize>,
    pub text: String,
}

/// `replacement` cased like `matched`: all caps (two or more letters, all
/// upper) → replacement uppercased; every word capitalised (2+ words) → each
/// replacement word's first letter uppercased; first letter uppercase →
/// replacement's first letter uppercased; otherwise as written.
/// "Enables access" + "integrates with" → "Integrates with".
pub fn keep_case(matched: &str, replacement: &str) -> String {
    let letters = || matched.chars().filter(|c| c.is_alphabetic());
    if letters().nth(1).is_some() && letters().all(|c| !c.is_lowercase()) {
        return replacement.to_uppercase();
    }
    let capitalised = |word: &str| {
        word.chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase)
    };
    let words: Vec<&str> = matched
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    if words.len() >= 2 && words.iter().all(|w| capitalised(w)) {
        return replacement
            .split_inclusive(char::is_whitespace)
            .map(upper_first)
            .collect();
    }
    if words.first().is_some_and(|w| capitalised(w)) {
        return upper_first(replacement);
    }
    replacement.to_owned()
}

/// `s` with its first letter uppercased.
fn upper_first(s: &str) -> String {
    match s.char_indices().find(|(_, c)| c.is_alphabetic()) {
        Some((i, c)) => format!("{}{}{}", &s[..i], c.to_uppercase(), &s[i + c.len_utf8()..]),
        None => s.to_owned(),
    }
}

/// The edit replacing `finding` with `replacement` (case kept; when the
/// match and the replacement have the same number of words, the whitespace
/// between the matched words — a line break, CRLF included — is kept
/// between the replacement's words, else single spaces). Markup between the
/// matched words (`**enables** access`, `<b>enables</b> access`) stays where
/// it is: each matched word gives way to the replacement's word of the same
/// rank, the last one takes any extra words, and a matched word with no
/// counterpart goes with the whitespace before it.
pub fn replacement(outcome: &FileOutcome, finding: &Finding, replacement: &str) -> Edit {
    let matched = outcome.matched(&finding.span);
    let cased = keep_case(matched, replacement);
    let words: Vec<&str> = cased.split_whitespace().collect();
    let text = match word_spans(matched, outcome.kind) {
        Some(spans)
            if spans.len() == finding.phrase.split_whitespace().count()
                && spans
                    .windows(2)
                    .any(|w| !matched[w[0].end..w[1].start].trim().is_empty()) =>
        {
            around_markup(matched, &spans, &words)
        }
        _ => between_spaces(matched, &words),
    };
    Edit {
        span: finding.span.clone(),
        text,
    }
}

/// `words` joined by the whitespace between the words of `matched` when
/// both have as many words, else by single spaces.
fn between_spaces(matched: &str, words: &[&str]) -> String {
    let gaps: Vec<&str> = matched
        .split(|c: char| !c.is_whitespace())
        .filter(|g| !g.is_empty())
        .collect();
    let same = matched.split_whitespace().count() == words.len();
    let mut text = String::with_capacity(matched.len());
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            let kept = same.then(|| gaps.get(i - 1)).flatten();
            text.push_str(kept.copied().unwrap_or(" "));
        }
        text.push_str(word);
    }
    text
}

/// `matched` with its word `spans` replaced by `words` rank for rank,
/// everything between them kept (see [`replacement`]).
fn around_markup(matched: &str, spans: &[Range<usize>], words: &[&str]) -> String {
    let mut text = String::with_capacity(matched.len());
    let mut at = 0;
    for (i, span) in spans.iter().enumerate() {
        let between = &matched[at..span.start];
        at = span.end;
        if i >= words.len() {
            // No counterpart: the word goes, and the spacing before it.
            text.push_str(between.trim_end());
            continue;
        }
        text.push_str(between);
        if i + 1 == spans.len() {
            text.push_str(&words[i..].join(" "));
        } else {
            text.push_str(words[i]);
        }
    }
    text.push_str(&matched[at..]);
    text
}

/// The words of `matched` (letters and digits, with `'`, `’` or `-` inside),
/// skipping tags and character references where the file kind has them;
/// `None` when a tag or reference is cut off.
fn word_spans(matched: &str, kind: FileKind) -> Option<Vec<Range<usize>>> {
    let markup = matches!(kind, FileKind::Markdown | FileKind::Mdx | FileKind::Html);
    let bytes = matched.as_bytes();
    let mut spans: Vec<Range<usize>> = Vec::new();
    let mut chars = matched.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if markup && c == '<' {
            let close = i + matched[i..].find('>')?;
            while chars.next_if(|&(j, _)| j <= close).is_some() {}
        } else if markup && c == '&' {
            let close = i + matched[i..].find(';')?;
            let name = &bytes[i + 1..close];
            if name.is_empty() || !name.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'#') {
                return None;
            }
            while chars.next_if(|&(j, _)| j <= close).is_some() {}
        } else if c.is_alphanumeric() {
            let joined = matches!(spans.last(), Some(last) if last.end == i);
            let end = i + c.len_utf8();
            match spans.last_mut() {
                Some(last) if joined => last.end = end,
                _ => spans.push(i..end),
            }
        } else if matches!(c, '\'' | '’' | '-')
            && spans.last().is_some_and(|last| last.end == i)
            && chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric())
        {
            spans.last_mut().expect("checked").end = i + c.len_utf8();
        }
    }
    Some(spans)
}

/// The edit `--fix` may apply for the rule's `replace:`, or `None` when it
/// is not safe: the rule has no `replace`; the finding is a missing required
/// phrase; the file is a document (Office, PDF); the matched text holds
/// anything beyond the phrase's words and whitespace (markup, an entity);
/// or the match is not one of the rule's banned phrases as written (a gap
/// or an inflected form would lose words or tense: the editor still offers
/// it as a quick fix the writer chooses).
pub fn safe_replacement(outcome: &FileOutcome, finding: &Finding, rule: &Rule) -> Option<Edit> {
    let replace = rule.replace.as_deref()?;
    if finding.missing || outcome.kind.is_document() {
        return None;
    }
    // Folding drops case, typography and spacing but keeps markup, so a
    // match with `**` or an entity inside folds to something else.
    if fold_phrase(outcome.matched(&finding.span)) != finding.phrase {
        return None;
    }
    let literal = rule
        .banned()
        .iter()
        .any(|b| !has_gap(b) && fold_phrase(b) == finding.phrase);
    literal.then(|| replacement(outcome, finding, replace))
}

/// The edit inserting a `phraselint-disable-next-line RULE -- reason`
/// comment so that `finding` is suppressed, in the file type's syntax
/// (Markdown and HTML `<!-- … -->`, MDX `{/* … */}`, plain text a bare
/// line), with the placeholder `reason` for the writer to replace; on a
/// line of its own above the finding's, indented like it and ending like it.
/// Where that line would split a Markdown paragraph, the comment goes at the
/// end of the paragraph's previous line instead. `None` for documents and
/// missing required phrases (which a `phraselint-disable` comment silences).
pub fn suppression(outcome: &FileOutcome, finding: &Finding, rule_full_id: &str) -> Option<Edit> {
    if finding.missing || outcome.kind.is_document() {
        return None;
    }
    let text: &str = &outcome.text.text;
    let lines = LineIndex::new(text);
    let line = lines.line(finding.span.start);
    let start = lines.line_start(line)?;
    let directive = format!("phraselint-disable-next-line {rule_full_id} -- reason");
    let comment = match outcome.kind {
        FileKind::Mdx => format!("{{/* {directive} */}}"),
        FileKind::Text => directive,
        _ => format!("<!-- {directive} -->"),
    };
    if outcome.kind == FileKind::Markdown {
        if in_front_matter(text, line) {
            return None;
        }
        if let Some(previous) = paragraph_continues(text, &lines, finding.span.start) {
            let end = inline_end(text, lines.line_start(previous)?, start);
            return Some(Edit {
                span: end..end,
                text: format!(" {comment}"),
            });
        }
    }
    let rest = &text[start..];
    // Markdown keeps a quote's `>` markers, so the comment stays in the quote.
    let prefix_chars: &[char] = match outcome.kind {
        FileKind::Markdown => &[' ', '\t', '>'],
        _ => &[' ', '\t'],
    };
    let indent = &rest[..rest.len() - rest.trim_start_matches(prefix_chars).len()];
    Some(Edit {
        span: start..start,
        text: format!("{indent}{comment}{}", line_ending(text, &lines, line)),
    })
}

/// The line ending of `line`, else (the last line has none) the file's
/// first, else `\n`.
fn line_ending(text: &str, lines: &LineIndex, line: usize) -> &'static str {
    let end = lines.line_start(line + 1).unwrap_or(text.len());
    let ending = |s: &str| {
        if s.ends_with("\r\n") {
            Some("\r\n")
        } else if s.ends_with('\n') {
            Some("\n")
        } else if s.ends_with('\r') {
            Some("\r")
        } else {
            None
        }
    };
    let start = lines.line_start(line).unwrap_or(0);
    ending(&text[start..end])
        .or_else(|| crate::text::lines::lines(text).find_map(|(_, l)| ending(l)))
        .unwrap_or("\n")
}

/// Whether 1-based `line` lies in a YAML front matter (`---` … `---` or
/// `...` at the start), where no comment can stand.
fn in_front_matter(text: &str, line: usize) -> bool {
    let mut lines = crate::text::lines::lines(text).map(|(_, l)| l.trim_end());
    if lines.next() != Some("---") {
        return false;
    }
    lines
        .position(|l| l == "---" || l == "...")
        .is_some_and(|closing| line <= closing + 2)
}

/// The 1-based line before `offset`'s when that line is in the same
/// Markdown paragraph or heading, so a comment line would split it.
fn paragraph_continues(text: &str, lines: &LineIndex, offset: usize) -> Option<usize> {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let line = lines.line(offset);
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES;
    Parser::new_ext(text, options)
        .into_offset_iter()
        .find_map(|(event, range)| match event {
            Event::Start(Tag::Paragraph | Tag::Heading { .. }) if range.contains(&offset) => {
                Some(lines.line(range.start))
            }
            _ => None,
        })
        .filter(|&first| first < line)
        .map(|_| line - 1)
}

/// Where a comment goes at the end of the line `start..next`: after its
/// content, before trailing spaces or a backslash that make a hard break.
fn inline_end(text: &str, start: usize, next: usize) -> usize {
    let content = text[start..next].trim_end();
    let content = content.strip_suffix('\\').unwrap_or(content).trim_end();
    start + content.len()
}

/// Applies non-overlapping edits (in any order; of overlapping ones the
/// first in span order is kept) to `text`.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in sorted(edits) {
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&edit.text);
        at = edit.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The edits in span order, those overlapping an earlier one dropped.
pub fn sorted(edits: &[Edit]) -> Vec<&Edit> {
    let mut all: Vec<&Edit> = edits.iter().collect();
    all.sort_by_key(|e| (e.span.start, e.span.end));
    let mut kept: Vec<&Edit> = Vec::with_capacity(all.len());
    for edit in all {
        if kept
            .last()
            .is_none_or(|last| edit.span.start >= last.span.end)
        {
            kept.push(edit);
        }
    }
    kept
}

/// Every safe replacement in a file (see [`safe_replacement`]).
pub fn safe_edits(catalog: &Catalog, outcome: &FileOutcome) -> Vec<Edit> {
    outcome
        .findings
        .iter()
        .filter_map(|f| safe_replacement(outcome, f, catalog.rule(f.rule)))
        .collect()
}

/// `edits` (spans in `source`'s text) applied to the file's original
/// `bytes`: each span mapped back to the bytes it came from, each
/// replacement encoded as the file is (UTF-8, or UTF-16 in its BOM's byte
/// order), every other byte (a BOM, line ends, invalid UTF-8) as it was.
/// `None` for text phraselint made (an Office file's), which has no bytes
/// to edit.
pub fn apply_to_bytes(source: &SourceText, bytes: &[u8], edits: &[Edit]) -> Option<Vec<u8>> {
    let encode = |s: &str| -> Vec<u8> {
        if bytes.starts_with(b"\xFF\xFE") {
            s.encode_utf16().flat_map(u16::to_le_bytes).collect()
        } else if bytes.starts_with(b"\xFE\xFF") {
            s.encode_utf16().flat_map(u16::to_be_bytes).collect()
        } else {
            s.as_bytes().to_vec()
        }
    };
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    for edit in sorted(edits) {
        let start = source.original_offset(edit.span.start)?;
        out.extend_from_slice(&bytes[at..start]);
        out.extend(encode(&edit.text));
        at = source.original_offset(edit.span.end)?;
    }
    out.extend_from_slice(&bytes[at..]);
    Some(out)
}

/// A file with its safe replacements applied.
pub struct Fixed {
    /// The file's bytes, fixed.
    pub bytes: Vec<u8>,
    /// How many findings were replaced.
    pub count: usize,
    /// The fixed bytes linted: what remains.
    pub result: FileResult,
}

/// The most passes of [`fix_bytes`]: a replacement never matches its own
/// rule (the phrasebook loader refuses that), so a second pass is needed
/// only where one rule's replacement is another's banned phrase.
pub const MAX_PASSES: usize = 4;

/// Lints `bytes` with `lint` and applies the safe replacements, again until
/// none is left (or [`MAX_PASSES`]), so fixing the result changes nothing.
pub fn fix_bytes(
    catalog: &Catalog,
    mut bytes: Vec<u8>,
    mut lint: impl FnMut(&[u8]) -> FileResult,
) -> Fixed {
    let mut count = 0;
    for _ in 0..MAX_PASSES {
        let result = lint(&bytes);
        let fixed = match &result {
            FileResult::Checked(outcome) => {
                let edits = safe_edits(catalog, outcome);
                apply_to_bytes(&outcome.text, &bytes, &edits)
                    .filter(|_| !edits.is_empty())
                    .map(|b| (b, sorted(&edits).len()))
            }
            _ => None,
        };
        match fixed {
            Some((fixed, n)) => {
                bytes = fixed;
                count += n;
            }
            None => {
                return Fixed {
                    bytes,
                    count,
                    result,
                };
            }
        }
    }
    let result = lint(&bytes);
    Fixed {
        bytes,
        count,
        result,
    }
}
