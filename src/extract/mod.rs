//! Text extraction: a file's text → folded prose blocks (with a map back to
//! the text) and the suppression comments found on the way.

pub mod budget;
pub mod directive;
mod html;
pub mod html_tokens;
mod markdown;
mod mdx;
pub mod office;
mod parser_copy;
pub mod pdf;
mod plain;

use std::ops::Range;

pub use crate::kind::FileKind;
use crate::text::Folded;
pub use directive::{Directive, DirectiveKind, parse_directive};
use markdown::Flavor;

pub struct ExtractOptions<'a> {
    /// Front-matter keys whose values are checked as prose.
    pub front_matter_keys: &'a [String],
}

/// Extracts `text` into `folded`, and the suppression comments into
/// `directives`.
pub fn extract(
    kind: FileKind,
    text: &str,
    options: &ExtractOptions,
    folded: &mut Folded,
    directives: &mut Vec<Directive>,
) {
    folded.clear();
    directives.clear();
    match kind {
        FileKind::Markdown => {
            markdown::extract(text, options, Flavor::CommonMark, folded, directives)
        }
        FileKind::Mdx => {
            let masked = mdx::mask(text);
            let components = &masked.components;
            let flavor = Flavor::Mdx { components };
            markdown::extract(&masked.text, options, flavor, folded, directives);
            let mut html = html::HtmlExtractor::default();
            for line in components {
                html.scan(&masked.text, std::slice::from_ref(line), folded, directives);
                html.end_block(&masked.text, folded);
            }
            // Suppressions replay in file order, whichever reader found them.
            directives.extend(masked.directives);
            directives.sort_by_key(|d| d.range.start);
        }
        FileKind::Html => {
            let mut html = html::HtmlExtractor::default();
            html.scan(
                text,
                std::slice::from_ref(&(0..text.len())),
                folded,
                directives,
            );
            html.end_block(text, folded);
        }
        FileKind::Text => plain::extract(text, folded, directives),
        // Office text arrives as one paragraph a line (see `lint`), each a
        // block, and cannot carry suppression comments.
        FileKind::Docx | FileKind::Pptx | FileKind::Xlsx => {
            for (at, line) in crate::text::lines::lines(text) {
                folded.push_exact(line, at);
                folded.break_block();
            }
        }
        FileKind::Pdf => pdf_lines(text, folded),
    }
    folded.break_block();
}

/// A PDF's text arrives one line a line, an empty line between blocks (see
/// `extract::pdf`). A block's lines join with a space, so a phrase wrapped
/// across lines matches; a line ending in a hyphen (`-`, U+00AD, U+2010)
/// after a letter, before one starting with a lowercase letter, joins
/// without the hyphen or a space (`enab-` / `les access` reads `enables
/// access`).
fn pdf_lines(text: &str, folded: &mut Folded) {
    let mut previous: Option<(&str, usize)> = None;
    for (at, line) in crate::text::lines::lines(text) {
        let line = line.trim_end_matches(['\n', '\r']);
        if line.is_empty() {
            if let Some((last, at)) = previous.take() {
                folded.push_exact(last, at);
            }
            folded.break_block();
            continue;
        }
        if let Some((last, last_at)) = previous {
            // A hyphen, or the soft hyphen and U+2010 that typesetters
            // put at a break.
            let stem = last
                .strip_suffix(['-', '\u{AD}', '\u{2010}'])
                .filter(|stem| {
                    stem.chars().next_back().is_some_and(char::is_alphabetic)
                        && line.chars().next().is_some_and(char::is_lowercase)
                });
            match stem {
                Some(stem) => folded.push_exact(stem, last_at),
                None => {
                    folded.push_exact(last, last_at);
                    folded.push_space(last_at + last.len()..at);
                }
            }
        }
        previous = Some((line, at));
    }
    if let Some((last, at)) = previous {
        folded.push_exact(last, at);
    }
}

/// Pushes text that an extractor got from a parser: where it is the source
/// verbatim its characters map one to one, else (an entity, an escape) every
/// character maps to the whole source range.
fn push_parsed(folded: &mut Folded, source: &str, piece: &str, range: Range<usize>) {
    if source.get(range.clone()) == Some(piece) {
        folded.push_exact(piece, range.start);
    } else {
        folded.push_decoded(piece, range);
    }
}
