//! The kinds of file phraselint reads, told by a file's name.

use std::path::Path;

/// The kinds phraselint reads, as a sentence names them.
pub const READABLE: &str = "Markdown, MDX, HTML, text, Word, PowerPoint, Excel and PDF files";

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
    /// Excel: every cell with text, from the zip's XML.
    Xlsx,
    /// PDF: the text layer of every page, line by line.
    Pdf,
}

impl FileKind {
    /// A document read into lines of text with locations (`page 2, line
    /// 4`, `Pricing!B7`), not a text file: its bytes are never decoded as
    /// text.
    pub fn is_document(self) -> bool {
        matches!(
            self,
            FileKind::Docx | FileKind::Pptx | FileKind::Xlsx | FileKind::Pdf
        )
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
            "xlsx" => Some(FileKind::Xlsx),
            "pdf" => Some(FileKind::Pdf),
            _ => None,
        }
    }
}

/// Why a document of a kind phraselint cannot read is not checked, by its
/// name: legacy binary Office files, Apple's iWork packages, OpenDocument.
/// Such a file is never passed over as if it held nothing to check.
pub fn unreadable(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "doc" | "dot" => "a legacy Word document (.doc) cannot be read; save it as .docx",
        "ppt" | "pps" | "pot" => "a legacy PowerPoint deck (.ppt) cannot be read; save it as .pptx",
        "xls" | "xlt" => "a legacy Excel workbook (.xls) cannot be read; save it as .xlsx",
        "key" => "a Keynote deck cannot be read; export it as .pptx or .pdf",
        "pages" => "a Pages document cannot be read; export it as .docx or .pdf",
        "numbers" => "a Numbers spreadsheet cannot be read; export it as .xlsx",
        "odt" | "odp" | "ods" | "rtf" => {
            "an OpenDocument or RTF file cannot be read; save it as .docx, .pptx or .xlsx"
        }
        _ => return None,
    })
}
