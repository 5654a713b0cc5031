//! Word (.docx), PowerPoint (.pptx) and Excel (.xlsx) files: the text a
//! person reads, in reading order, from the XML parts of the zip (paragraph
//! text joined across formatting runs), each block with where a person
//! finds it.
//!
//! Word: the body (table cells included), then headers, footers, footnotes,
//! endnotes and comments. PowerPoint: each slide in presentation order, its
//! text boxes and tables, then its speaker notes. In both, a picture's or
//! shape's alt text, a chart's titles, series and category names, and
//! SmartArt text follow the paragraph (Word) or come at the end of the
//! object (PowerPoint) that holds them. Excel: every cell with text. Empty
//! paragraphs are not counted; deleted tracked changes and field codes are
//! not text.
//!
//! Hostile files: every read of a part counts against one
//! [`InflateBudget`](super::budget::InflateBudget) per file (a slide listed
//! 400 times is inflated, and counted, 400 times); a zip that names a part
//! twice, or whose entries share bytes, is refused; a part whose XML ends
//! before its root element closes is an error, not an empty part; parts are
//! found through a map of names, so 40,000 slides cost linear time. Charts
//! and SmartArt are followed one relationship deep from the part that
//! holds them, never further, so a relationship loop cannot recur; a
//! relationship that points at a part of the wrong kind is an error.

mod drawing;
mod package;
mod paragraphs;
mod slides;
mod word;
mod workbook;

pub use slides::pptx;
pub use word::docx;
pub use workbook::xlsx;

use crate::kind::FileKind;

/// One block of text (a paragraph, an alt text, a chart title, a cell) and
/// where a person finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub text: String,
    /// `paragraph 14`, `slide 3, notes, paragraph 2`, `Pricing!B7`, …
    pub location: String,
}

/// The blocks of an Office file of `kind`.
pub fn read(kind: FileKind, bytes: &[u8]) -> Result<Vec<Paragraph>, String> {
    match kind {
        FileKind::Docx => docx(bytes),
        FileKind::Pptx => pptx(bytes),
        FileKind::Xlsx => xlsx(bytes),
        other => Err(format!("{other:?} is not an Office file")),
    }
}

/// A block is one line of the text phraselint makes: line breaks in it are
/// spaces. Copies only when there is one (a paragraph can be 64 MiB).
fn one_line(text: String) -> String {
    if memchr::memchr2(b'\n', b'\r', text.as_bytes()).is_some() {
        text.replace(['\n', '\r'], " ")
    } else {
        text
    }
}

/// Whether any object among `items` keeps its text in another part, so
/// the holding part's relationships must be read.
fn names_parts(items: &[paragraphs::Item]) -> bool {
    use paragraphs::Item;
    items.iter().any(|item| match item {
        Item::Paragraph { objects, .. } => objects.iter().any(|o| o.part.is_some()),
        Item::Object(o) => o.part.is_some(),
        Item::Comment => false,
    })
}
