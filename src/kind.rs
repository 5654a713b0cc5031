//! The kinds of file phraselint reads, told by a file's name.

use std::path::Path;

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
    /// PDF: the text layer of every page, line by line.
    Pdf,
}

impl FileKind {
    /// A document read into lines of text with locations (`page 2, line
    /// 4`), not a text file: its bytes are never decoded as text.
    pub fn is_document(self) -> bool {
        matches!(self, FileKind::Docx | FileKind::Pptx | FileKind::Pdf)
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
            "pdf" => Some(FileKind::Pdf),
            _ => None,
        }
    }
}
