//! Text extraction: a file's text → folded prose blocks (with a map back to
//! the text) and the suppression comments found on the way.

mod html;
pub mod html_tokens;
mod markdown;
mod mdx;
pub mod office;
mod plain;

use std::ops::Range;
use std::path::Path;

use crate::fold::Folded;
use crate::suppress::Directive;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Markdown,
    /// Markdown with JSX: `import`/`export` lines and `{…}` expressions are
    /// not prose.
    Mdx,
    Html,
    Text,
    /// Word: paragraphs from the zip's XML.
    Docx,
    /// PowerPoint: slides and speaker notes from the zip's XML.
    Pptx,
}

impl FileKind {
    pub fn is_office(self) -> bool {
        matches!(self, FileKind::Docx | FileKind::Pptx)
    }

    /// The kind a file's name says it is, if phraselint reads such files.
    pub fn from_path(path: &Path) -> Option<FileKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(FileKind::Markdown),
            "mdx" => Some(FileKind::Mdx),
            "html" | "htm" | "xhtml" => Some(FileKind::Html),
            "txt" | "text" => Some(FileKind::Text),
            "docx" => Some(FileKind::Docx),
            "pptx" => Some(FileKind::Pptx),
            _ => None,
        }
    }
}

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
        FileKind::Markdown => markdown::extract(text, options, folded, directives),
        FileKind::Mdx => {
            let (masked, components) = mdx::mask(text);
            markdown::extract(&masked, options, folded, directives);
            let mut html = html::HtmlExtractor::default();
            for line in components {
                html.scan(text, std::slice::from_ref(&line), folded, directives);
                html.end_block(text, folded);
            }
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
        FileKind::Docx | FileKind::Pptx => {
            for (at, line) in crate::source::lines(text) {
                folded.push_exact(line, at);
                folded.break_block();
            }
        }
    }
    folded.break_block();
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
