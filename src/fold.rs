//! Folding extracted text into the one buffer the matcher searches.
//!
//! Extractors push pieces of a file's text; the folder lower-cases them
//! (Unicode, not only ASCII), folds typography (curly quotes, no-break and
//! other spaces, soft hyphens), collapses whitespace runs to one space, and
//! records for every folded byte the text range it came from. Blocks
//! (paragraphs, headings, cells…) are separated by `\n`, which no phrase can
//! contain, so no match crosses a block boundary.

use std::ops::Range;

/// A character that stands for text that must not be matched (inline code,
/// a URL): it is neither a word character nor a space, so a phrase can
/// neither match it nor join across it.
pub const OPAQUE: char = '\u{FFFC}';
pub const BLOCK_BREAK: u8 = b'\n';

#[derive(Default)]
pub struct Folded {
    /// Folded text; blocks separated by `\n`.
    pub text: String,
    /// For each folded byte, the text range of the character it came from.
    starts: Vec<u32>,
    ends: Vec<u32>,
    /// Fold typography and spacing only, keeping case (for case-sensitive
    /// rules' checks).
    keep_case: bool,
}

impl Folded {
    pub fn clear(&mut self) {
        self.text.clear();
        self.starts.clear();
        self.ends.clear();
    }

    /// The text range a folded range came from.
    pub fn source_range(&self, folded: Range<usize>) -> Range<usize> {
        self.starts[folded.start] as usize..self.ends[folded.end - 1] as usize
    }

    /// The text of a folded range with its case restored from the source
    /// (typography and spacing still folded), for case-sensitive rules.
    pub fn cased(&self, text: &str, folded: Range<usize>) -> String {
        let mut out = Folded {
            keep_case: true,
            ..Folded::default()
        };
        let mut i = folded.start;
        while i < folded.end {
            let (start, end) = (self.starts[i], self.ends[i]);
            let mut j = i + 1;
            while j < folded.end && self.starts[j] == start && self.ends[j] == end {
                j += 1;
            }
            let source = &text[start as usize..end as usize];
            let mut chars = source.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => out.push_char(c, 0, 0),
                // Decoded text (an entity): its case is what the folder made.
                _ => out.text.push_str(&self.text[i..j]),
            }
            i = j;
        }
        out.text
    }

    /// Ends the current block.
    pub fn break_block(&mut self) {
        match self.text.as_bytes().last() {
            None | Some(&BLOCK_BREAK) => {}
            Some(b' ') => {
                // Trailing whitespace of a block carries no meaning.
                let at = self.text.len() - 1;
                self.text.replace_range(at.., "\n");
            }
            Some(_) => {
                let at = self.ends.last().map_or(0, |&e| e as usize);
                self.push_folded("\n", at, at);
            }
        }
    }

    /// Pushes text that is exactly `text[at..at + piece.len()]` of the source.
    pub fn push_exact(&mut self, piece: &str, at: usize) {
        let mut urls = UrlFinder::new(piece);
        let mut i = 0;
        while i < piece.len() {
            if let Some(url) = urls.at(i) {
                self.push_opaque(at + i..at + url.end);
                i = url.end;
                continue;
            }
            let b = piece.as_bytes()[i];
            if b.is_ascii() {
                self.push_ascii(b, at + i);
                i += 1;
            } else {
                let c = piece[i..].chars().next().expect("non-empty");
                self.push_char(c, at + i, at + i + c.len_utf8());
                i += c.len_utf8();
            }
        }
    }

    /// Pushes decoded text (an entity, an escape) that came from `range` of
    /// the source: every character maps to the whole range.
    pub fn push_decoded(&mut self, piece: &str, range: Range<usize>) {
        for c in piece.chars() {
            self.push_char(c, range.start, range.end);
        }
    }

    /// Pushes a stand-in for text that must not match (inline code, a URL).
    pub fn push_opaque(&mut self, range: Range<usize>) {
        self.push_char(OPAQUE, range.start, range.end);
    }

    /// Pushes whitespace (a soft line break) that came from `range`.
    pub fn push_space(&mut self, range: Range<usize>) {
        self.push_char(' ', range.start, range.end);
    }

    fn push_ascii(&mut self, b: u8, at: usize) {
        match b {
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0B' | b'\x0C' => self.push_whitespace(at, at + 1),
            _ => {
                let lower = if self.keep_case {
                    b
                } else {
                    b.to_ascii_lowercase()
                };
                self.text.push(lower as char);
                self.starts.push(at as u32);
                self.ends.push(at as u32 + 1);
            }
        }
    }

    fn push_char(&mut self, c: char, start: usize, end: usize) {
        if c.is_ascii() {
            // Decoded ASCII maps to its whole range, so `push_ascii`'s
            // one-byte mapping does not apply.
            if (c as u8).is_ascii_whitespace() {
                return self.push_whitespace(start, end);
            }
            let lower = if self.keep_case {
                c
            } else {
                c.to_ascii_lowercase()
            };
            let mut buf = [0; 4];
            return self.push_folded(lower.encode_utf8(&mut buf), start, end);
        }
        match fold_typography(c) {
            Typography::Drop => {}
            Typography::Space => self.push_whitespace(start, end),
            Typography::Char(f) => {
                let mut buf = [0; 4];
                self.push_folded(f.encode_utf8(&mut buf), start, end);
            }
            Typography::Keep if self.keep_case => {
                let mut buf = [0; 4];
                self.push_folded(c.encode_utf8(&mut buf), start, end);
            }
            Typography::Keep => match c {
                'ß' | 'ẞ' => self.push_folded("ss", start, end),
                'ς' => self.push_folded("σ", start, end),
                _ => {
                    let mut buf = [0; 4];
                    for f in c.to_lowercase() {
                        self.push_folded(f.encode_utf8(&mut buf), start, end);
                    }
                }
            },
        }
    }

    fn push_whitespace(&mut self, start: usize, end: usize) {
        match self.text.as_bytes().last() {
            None | Some(b' ') | Some(&BLOCK_BREAK) => {}
            Some(_) => self.push_folded(" ", start, end),
        }
    }

    fn push_folded(&mut self, s: &str, start: usize, end: usize) {
        self.text.push_str(s);
        self.starts
            .extend(std::iter::repeat_n(start as u32, s.len()));
        self.ends.extend(std::iter::repeat_n(end as u32, s.len()));
    }
}

enum Typography {
    Drop,
    Space,
    Char(char),
    Keep,
}

fn fold_typography(c: char) -> Typography {
    match c {
        // Soft hyphen, zero-width space/joiners, word joiner, BOM.
        '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {
            Typography::Drop
        }
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{FF07}' => {
            Typography::Char('\'')
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{FF02}' => {
            Typography::Char('"')
        }
        '\u{2010}' | '\u{2011}' => Typography::Char('-'),
        c if c.is_whitespace() => Typography::Space,
        _ => Typography::Keep,
    }
}

/// Folds a phrase from a phrasebook the way text is folded, so the two
/// compare byte for byte.
pub fn fold_phrase(phrase: &str) -> String {
    let mut folded = Folded::default();
    folded.push_phrase(phrase);
    folded.text.trim_end_matches(' ').to_owned()
}

/// Folds typography and spacing of a phrase but keeps its case: what a
/// case-sensitive rule's match must equal.
pub fn fold_phrase_cased(phrase: &str) -> String {
    let mut folded = Folded {
        keep_case: true,
        ..Folded::default()
    };
    folded.push_phrase(phrase);
    folded.text.trim_end_matches(' ').to_owned()
}

impl Folded {
    fn push_phrase(&mut self, phrase: &str) {
        for (i, c) in phrase.char_indices() {
            self.push_char(c, i, i + c.len_utf8());
        }
    }
}

/// Whether a folded character counts as part of a word for whole-word matching.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Finds URLs (`scheme://…`, `www.…`, `mailto:…`) in a piece of prose so they
/// are never matched: a phrase inside a link target is not copy.
struct UrlFinder<'a> {
    piece: &'a str,
    next: Option<Range<usize>>,
    from: usize,
}

impl<'a> UrlFinder<'a> {
    fn new(piece: &'a str) -> UrlFinder<'a> {
        let mut finder = UrlFinder {
            piece,
            next: None,
            from: 0,
        };
        finder.advance();
        finder
    }

    /// The URL starting at `i`, if one does.
    fn at(&mut self, i: usize) -> Option<Range<usize>> {
        let next = self.next.clone()?;
        if next.start != i {
            return None;
        }
        self.from = next.end;
        self.advance();
        Some(next)
    }

    fn advance(&mut self) {
        self.next = None;
        let bytes = self.piece.as_bytes();
        let mut search = self.from;
        while let Some(found) = find_url_marker(&bytes[search..]) {
            let (marker, kind) = (search + found.0, found.1);
            let start = match kind {
                Marker::SchemeSep => {
                    let mut s = marker;
                    while s > self.from
                        && (bytes[s - 1].is_ascii_alphanumeric() || b"+.-".contains(&bytes[s - 1]))
                    {
                        s -= 1;
                    }
                    if s == marker {
                        search = marker + 3;
                        continue;
                    }
                    s
                }
                Marker::Www | Marker::Mailto => marker,
            };
            let at_word_start = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
            let end = url_end(bytes, marker);
            if at_word_start && end > marker + 4 {
                self.next = Some(start..end);
                return;
            }
            search = marker + 1;
        }
    }
}

enum Marker {
    SchemeSep,
    Www,
    Mailto,
}

fn find_url_marker(bytes: &[u8]) -> Option<(usize, Marker)> {
    let candidates = [
        memchr::memmem::find(bytes, b"://").map(|i| (i, Marker::SchemeSep)),
        find_ascii_ci(bytes, b"www.").map(|i| (i, Marker::Www)),
        find_ascii_ci(bytes, b"mailto:").map(|i| (i, Marker::Mailto)),
    ];
    candidates.into_iter().flatten().min_by_key(|(i, _)| *i)
}

fn find_ascii_ci(bytes: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memchr2_iter(needle[0], needle[0].to_ascii_uppercase(), bytes).find(|&i| {
        bytes[i..].len() >= needle.len() && bytes[i..i + needle.len()].eq_ignore_ascii_case(needle)
    })
}

/// A URL runs to the next whitespace or angle bracket, less trailing
/// punctuation that ends the sentence around it.
fn url_end(bytes: &[u8], from: usize) -> usize {
    let mut end = from;
    while end < bytes.len() && !bytes[end].is_ascii_whitespace() && !b"<>\"".contains(&bytes[end]) {
        end += 1;
    }
    while end > from && b".,;:!?)]'".contains(&bytes[end - 1]) {
        end -= 1;
    }
    end
}
