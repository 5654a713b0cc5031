//! Where lines start: lines end at `\n`, `\r\n` or a lone `\r`, as in the
//! LSP specification, for every step and every format.

/// Where each line of a text starts, to find a text offset's line.
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
