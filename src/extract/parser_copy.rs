//! The text pulldown-cmark reads, when it is not the file's text as is: a
//! copy made of pieces of the text, with a map from every copy offset back
//! to the text. Markdown needs one to end lines at a lone `\r`; MDX one
//! without indentation (see `mdx::flow_copy`).

use std::borrow::Cow;
use std::ops::Range;

pub struct ParserCopy<'a> {
    pub text: Cow<'a, str>,
    /// (copy offset, text offset) where each run of contiguous text starts,
    /// in increasing order.
    anchors: Vec<(usize, usize)>,
}

impl<'a> ParserCopy<'a> {
    /// `text[at..]` whole, copied only when it has a lone `\r` (pulldown-cmark
    /// ends a line only at `\n` or `\r\n`; every other step at a lone `\r`
    /// too), which becomes `\n`.
    pub fn whole(text: &'a str, at: usize) -> ParserCopy<'a> {
        let body = &text[at..];
        let bytes = body.as_bytes();
        let has_lone_cr = memchr::memchr_iter(b'\r', bytes).any(|i| is_lone_cr(bytes, i));
        if !has_lone_cr {
            return ParserCopy {
                text: Cow::Borrowed(body),
                anchors: vec![(0, at)],
            };
        }
        let mut copy = ParserCopy::empty();
        copy.push(text, at..text.len());
        copy
    }

    pub fn empty() -> ParserCopy<'a> {
        ParserCopy {
            text: Cow::Owned(String::new()),
            anchors: Vec::new(),
        }
    }

    /// Appends `text[range]`, each lone `\r` made `\n` (one ASCII byte for
    /// another, so offsets within the piece hold).
    pub fn push(&mut self, text: &str, range: Range<usize>) {
        let at = self.text.len();
        let continues = self
            .anchors
            .last()
            .is_some_and(|&(c, t)| t + (at - c) == range.start);
        if !continues {
            self.anchors.push((at, range.start));
        }
        let piece = &text[range.clone()];
        let out = self.text.to_mut();
        out.push_str(piece);
        let bytes = text.as_bytes();
        for i in memchr::memchr_iter(b'\r', piece.as_bytes()) {
            if is_lone_cr(bytes, range.start + i) {
                out.replace_range(at + i..at + i + 1, "\n");
            }
        }
    }

    /// The text offset of a copy offset (a range's start).
    pub fn start(&self, at: usize) -> usize {
        let i = self
            .anchors
            .partition_point(|a| a.0 <= at)
            .saturating_sub(1);
        let (copy, text) = self.anchors.get(i).copied().unwrap_or((0, 0));
        text + (at - copy)
    }

    /// The text range of a copy range: its end is the end of the piece it
    /// closes, not the start of the next one.
    pub fn range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.start(range.start);
        if range.end <= range.start {
            return start..start;
        }
        start..(self.start(range.end - 1) + 1).max(start)
    }
}

fn is_lone_cr(bytes: &[u8], i: usize) -> bool {
    bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n')
}
