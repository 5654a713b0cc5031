//! Decoding a file's bytes into text the extractors can read, with a way back
//! to the original bytes, and line/column positions.

use std::borrow::Cow;

/// A file's text and how its byte offsets map back to the original bytes.
///
/// Valid UTF-8 (the common case) is borrowed as it is; a BOM is a fixed shift.
/// Invalid UTF-8 and UTF-16 are decoded into a new string with a table from
/// every text byte (and the end) to the original byte it came from.
pub struct SourceText<'a> {
    pub text: Cow<'a, str>,
    map: OffsetMap,
}

enum OffsetMap {
    Shift(usize),
    Table(Vec<u32>),
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

impl<'a> SourceText<'a> {
    pub fn decode(bytes: &'a [u8]) -> SourceText<'a> {
        if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
            return Self::decode_utf8(rest, UTF8_BOM.len());
        }
        if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
            return Self::decode_utf16(rest, 2, u16::from_le_bytes);
        }
        if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
            return Self::decode_utf16(rest, 2, u16::from_be_bytes);
        }
        Self::decode_utf8(bytes, 0)
    }

    /// Text made by phraselint (an Office file's paragraphs): offsets are
    /// its own.
    pub fn owned(text: String) -> SourceText<'static> {
        SourceText {
            text: Cow::Owned(text),
            map: OffsetMap::Shift(0),
        }
    }

    /// Whether these bytes start with a UTF-16 byte-order mark (such files
    /// contain NUL bytes but are text).
    pub fn is_utf16(bytes: &[u8]) -> bool {
        bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF")
    }

    fn decode_utf8(bytes: &'a [u8], shift: usize) -> SourceText<'a> {
        if let Ok(text) = std::str::from_utf8(bytes) {
            return SourceText {
                text: Cow::Borrowed(text),
                map: OffsetMap::Shift(shift),
            };
        }
        // Each invalid byte becomes one U+FFFD: a non-word character that
        // still maps to exactly the byte it replaces.
        let mut text = String::with_capacity(bytes.len() + 16);
        let mut table = Vec::with_capacity(bytes.len() + 16);
        let mut orig = shift;
        for chunk in bytes.utf8_chunks() {
            let valid = chunk.valid();
            table.extend((0..valid.len()).map(|i| (orig + i) as u32));
            text.push_str(valid);
            orig += valid.len();
            for _ in chunk.invalid() {
                table.extend([orig as u32; 3]);
                text.push(char::REPLACEMENT_CHARACTER);
                orig += 1;
            }
        }
        table.push(orig as u32);
        SourceText {
            text: Cow::Owned(text),
            map: OffsetMap::Table(table),
        }
    }

    fn decode_utf16(rest: &[u8], shift: usize, unit: fn([u8; 2]) -> u16) -> SourceText<'a> {
        let units = rest.chunks_exact(2).map(|c| unit([c[0], c[1]]));
        let mut text = String::with_capacity(rest.len());
        let mut table = Vec::with_capacity(rest.len() + 1);
        let mut orig = shift;
        for decoded in char::decode_utf16(units) {
            let (c, width) = match decoded {
                Ok(c) => (c, c.len_utf16() * 2),
                Err(_) => (char::REPLACEMENT_CHARACTER, 2),
            };
            table.extend(std::iter::repeat_n(orig as u32, c.len_utf8()));
            text.push(c);
            orig += width;
        }
        // A dangling odd byte is half a code unit: one replacement
        // character, as browsers decode it, so the text before it ends where
        // its last unit does.
        if rest.len() % 2 == 1 {
            table.extend([orig as u32; 3]);
            text.push(char::REPLACEMENT_CHARACTER);
            orig += 1;
        }
        table.push(orig as u32);
        SourceText {
            text: Cow::Owned(text),
            map: OffsetMap::Table(table),
        }
    }

    /// The original byte offset of a text byte offset.
    pub fn original_offset(&self, text_offset: usize) -> usize {
        match &self.map {
            OffsetMap::Shift(shift) => text_offset + shift,
            OffsetMap::Table(table) => table[text_offset] as usize,
        }
    }
}

/// Positions of offsets in about increasing order, each counted on (or back)
/// from the last when it is on the same line, so many findings on one long
/// line cost linear time.
pub struct PositionCursor<'a> {
    lines: &'a LineIndex,
    text: &'a str,
    last: std::cell::Cell<(usize, usize, usize, usize)>,
}

impl<'a> PositionCursor<'a> {
    pub fn new(lines: &'a LineIndex, text: &'a str) -> PositionCursor<'a> {
        PositionCursor {
            lines,
            text,
            last: std::cell::Cell::new((0, 1, 1, 1)),
        }
    }

    /// `(line, column, UTF-16 column)` of `offset`, all 1-based.
    pub fn position(&self, offset: usize) -> (usize, usize, usize) {
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
            for c in self.text[at..offset].chars() {
                column += 1;
                utf16 += c.len_utf16();
            }
            (line, column, utf16)
        } else if same_line {
            // Back a little (a match that overlaps the last one, of another
            // rule): counting again from the start of a long line for each
            // such match would be quadratic.
            let (mut column, mut utf16) = (column, utf16);
            for c in self.text[offset..at].chars() {
                column -= 1;
                utf16 -= c.len_utf16();
            }
            (line, column, utf16)
        } else {
            self.lines.position_utf16(self.text, offset)
        };
        self.last.set((offset, position.0, position.1, position.2));
        position
    }
}

/// 1-based line and column (in Unicode characters) of a text offset.
///
/// Lines end at `\n`, `\r\n` or a lone `\r`, as in the LSP specification.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                continue;
            }
            starts.push(i + 1);
        }
        LineIndex { starts }
    }

    /// The 1-based line of a text offset (no column: that would walk the
    /// line, and a long line holding many suppression comments would be
    /// walked once for each).
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }

    /// `(line, column, UTF-16 column)`, all 1-based: the last is what
    /// editors (LSP) and SARIF count in.
    pub fn position_utf16(&self, text: &str, offset: usize) -> (usize, usize, usize) {
        let line = self.line(offset);
        let start = self.starts[line - 1];
        let (mut column, mut utf16) = (1, 1);
        for c in text[start..offset].chars() {
            column += 1;
            utf16 += c.len_utf16();
        }
        (line, column, utf16)
    }

    /// The text offset where a 1-based line starts, if the file has it.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line.checked_sub(1)?).copied()
    }
}

/// Lines with their start offsets and line ends, split where [`LineIndex`]
/// splits: at `\n`, `\r\n` or a lone `\r`.
pub fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        if at >= bytes.len() {
            return None;
        }
        let start = at;
        let end = match memchr::memchr2(b'\n', b'\r', &bytes[at..]) {
            None => bytes.len(),
            Some(i) if bytes[at + i] == b'\r' && bytes.get(at + i + 1) == Some(&b'\n') => {
                at + i + 2
            }
            Some(i) => at + i + 1,
        };
        at = end;
        Some((start, &text[start..end]))
    })
}
