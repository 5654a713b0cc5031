//! Decoding a file's bytes into text the extractors can read, with a way back
//! to the original bytes.

use std::borrow::Cow;

/// A file's text and how its byte offsets map back to the original bytes.
///
/// Valid UTF-8 (the common case) is borrowed as it is; a BOM is a fixed shift.
/// Invalid UTF-8 and UTF-16 are decoded into a new string with a table from
/// every text byte (and the end) to the original byte it came from.
#[derive(Debug, Clone)]
pub struct SourceText<'a> {
    pub text: Cow<'a, str>,
    map: OffsetMap,
    utf8_bom: bool,
}

#[derive(Debug, Clone)]
enum OffsetMap {
    Shift(usize),
    Table(Vec<u32>),
    /// Text phraselint made (an Office file's paragraphs, one a line): there
    /// are no original bytes to point at.
    Made,
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

impl<'a> SourceText<'a> {
    pub fn decode(bytes: &'a [u8]) -> SourceText<'a> {
        if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
            return SourceText {
                utf8_bom: true,
                ..Self::decode_utf8(rest, UTF8_BOM.len())
            };
        }
        if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
            return Self::decode_utf16(rest, 2, u16::from_le_bytes);
        }
        if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
            return Self::decode_utf16(rest, 2, u16::from_be_bytes);
        }
        Self::decode_utf8(bytes, 0)
    }

    /// Text made by phraselint (an Office file's paragraphs): it has no
    /// original bytes.
    pub fn made(text: String) -> SourceText<'static> {
        SourceText {
            text: Cow::Owned(text),
            map: OffsetMap::Made,
            utf8_bom: false,
        }
    }

    /// The same text, owned, to outlive the file's bytes.
    pub fn into_owned(self) -> SourceText<'static> {
        SourceText {
            text: Cow::Owned(self.text.into_owned()),
            map: self.map,
            utf8_bom: self.utf8_bom,
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
                utf8_bom: false,
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
                push_replacement(&mut text, &mut table, &mut orig);
            }
        }
        table.push(orig as u32);
        SourceText {
            text: Cow::Owned(text),
            map: OffsetMap::Table(table),
            utf8_bom: false,
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
            push_replacement(&mut text, &mut table, &mut orig);
        }
        table.push(orig as u32);
        SourceText {
            text: Cow::Owned(text),
            map: OffsetMap::Table(table),
            utf8_bom: false,
        }
    }

    /// The original byte offset of a text byte offset; `None` for text
    /// phraselint made, which has no original bytes.
    /// Whether the bytes began with a UTF-8 byte-order mark, which the text
    /// leaves out.
    pub fn had_utf8_bom(&self) -> bool {
        self.utf8_bom
    }

    pub fn original_offset(&self, text_offset: usize) -> Option<usize> {
        match &self.map {
            OffsetMap::Shift(shift) => Some(text_offset + shift),
            OffsetMap::Table(table) => Some(table[text_offset] as usize),
            OffsetMap::Made => None,
        }
    }
}

/// One undecodable byte at `orig`: a U+FFFD in the text (three bytes, each
/// mapping to it).
fn push_replacement(text: &mut String, table: &mut Vec<u32>, orig: &mut usize) {
    table.extend([*orig as u32; 3]);
    text.push(char::REPLACEMENT_CHARACTER);
    *orig += 1;
}
