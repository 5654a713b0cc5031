//! Spans → positions, the only place they are computed: 1-based lines and
//! columns counted in Unicode characters, UTF-16 code units (LSP, SARIF) or
//! UTF-8 bytes, and the byte offset in the original file. Findings hold one
//! span in their file's text; each front asks here for what it shows.

use std::cell::Cell;

use crate::text::{LineIndex, SourceText};

/// What a column counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Unicode characters (people, and most CI formats).
    Chars,
    /// UTF-16 code units (LSP's default, SARIF).
    Utf16,
    /// UTF-8 bytes (LSP when the client offers it).
    Utf8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in the encoding asked for.
    pub column: usize,
    /// The byte offset in the file as it is on disk (0-based); for text
    /// phraselint made (an Office file's paragraphs), the byte in its
    /// paragraph.
    pub offset: usize,
}

/// Positions in one file's text. Offsets asked for in about increasing
/// order are each counted on (or back) from the last when on the same line,
/// so many findings on one long line cost linear time.
pub struct Locator<'a> {
    source: &'a SourceText<'a>,
    lines: LineIndex,
    /// (offset, line, column in characters, column in UTF-16 units).
    last: Cell<(usize, usize, usize, usize)>,
    /// Columns on the first line count the byte-order mark the text left
    /// out (see [`Locator::counting_bom`]).
    bom: bool,
}

impl<'a> Locator<'a> {
    pub fn new(source: &'a SourceText<'a>) -> Locator<'a> {
        Locator {
            source,
            lines: LineIndex::new(&source.text),
            last: Cell::new((0, 1, 1, 1)),
            bom: false,
        }
    }

    /// Positions in the text as an editor sent it: a UTF-8 byte-order mark
    /// it kept is a character of its first line, counted in columns (the
    /// language server). Files on disk are shown as editors show them,
    /// without it.
    pub fn counting_bom(self) -> Locator<'a> {
        Locator {
            bom: self.source.had_utf8_bom(),
            ..self
        }
    }

    /// The byte-order mark's width in `encoding` where it is counted: on
    /// the first line of a text that had one, with `counting_bom`.
    fn bom_width(&self, line: usize, encoding: Encoding) -> usize {
        match (self.bom && line == 1, encoding) {
            (false, _) => 0,
            (true, Encoding::Chars | Encoding::Utf16) => 1,
            (true, Encoding::Utf8) => 3,
        }
    }

    /// The 1-based line of a text offset.
    pub fn line(&self, offset: usize) -> usize {
        self.lines.line(offset)
    }

    pub fn position(&self, offset: usize, encoding: Encoding) -> Position {
        let (line, chars, utf16) = self.count(offset);
        let line_start = self.lines.line_start(line).unwrap_or(0);
        let column = match encoding {
            Encoding::Chars => chars,
            Encoding::Utf16 => utf16,
            Encoding::Utf8 => offset - line_start + 1,
        } + self.bom_width(line, encoding);
        Position {
            line,
            column,
            offset: self
                .source
                .original_offset(offset)
                .unwrap_or(offset - line_start),
        }
    }

    /// The text offset at a 1-based line and column counted in `encoding`
    /// (an editor's cursor): a column past the line's end is its end, before
    /// the line break; a line past the last is the text's end; a column
    /// inside a character is that character's start.
    pub fn offset(&self, line: usize, column: usize, encoding: Encoding) -> usize {
        let column = column
            .saturating_sub(self.bom_width(line.max(1), encoding))
            .max(1);
        let text: &str = &self.source.text;
        let Some(start) = self.lines.line_start(line.max(1)) else {
            return text.len();
        };
        let end = self.lines.line_start(line.max(1) + 1).unwrap_or(text.len());
        let content = text[start..end].trim_end_matches(['\n', '\r']);
        let mut counted = 1;
        for (i, c) in content.char_indices() {
            let width = match encoding {
                Encoding::Chars => 1,
                Encoding::Utf16 => c.len_utf16(),
                Encoding::Utf8 => c.len_utf8(),
            };
            if counted + width > column {
                return start + i;
            }
            counted += width;
        }
        start + content.len()
    }

    /// `(line, column, UTF-16 column)` of `offset`, all 1-based.
    fn count(&self, offset: usize) -> (usize, usize, usize) {
        let text: &str = &self.source.text;
        let (at, line, column, utf16) = self.last.get();
        let line_start = self.lines.line_start(line).unwrap_or(0);
        let same_line = offset >= line_start
            && at >= line_start
            && self
                .lines
                .line_start(line + 1)
                .is_none_or(|next| offset < next);
        let position = if same_line && offset >= at {
            let (mut column, mut utf16) = (column, utf16);
            for c in text[at..offset].chars() {
                column += 1;
                utf16 += c.len_utf16();
            }
            (line, column, utf16)
        } else if same_line {
            // Back a little (a match that overlaps the last one, of another
            // rule): counting again from the start of a long line for each
            // such match would be quadratic.
            let (mut column, mut utf16) = (column, utf16);
            for c in text[offset..at].chars() {
                column -= 1;
                utf16 -= c.len_utf16();
            }
            (line, column, utf16)
        } else {
            let line = self.lines.line(offset);
            let start = self.lines.line_start(line).unwrap_or(0);
            let (mut column, mut utf16) = (1, 1);
            for c in text[start..offset].chars() {
                column += 1;
                utf16 += c.len_utf16();
            }
            (line, column, utf16)
        };
        self.last.set((offset, position.0, position.1, position.2));
        position
    }
}
