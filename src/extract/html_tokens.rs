//! An HTML tokenizer for text extraction: the states of the WHATWG
//! tokenizer that decide what is text, what is a tag and what is a comment
//! (data, tags and attributes, comments with their abrupt forms, bogus
//! comments, raw text and RCDATA elements), reporting source byte ranges.
//!
//! Why not a crate: html5gum is WHATWG-complete and reports spans, but
//! tokenizes the HTML corpus at 63 MB/s with spans, short of the 100 MB/s
//! extraction target before any folding; tl is fast but reads `<` inside
//! a `<script>` as a tag. This tokenizer scans text with memchr, allocates
//! nothing per token, and is checked against html5gum in the tests.

use std::ops::Range;

/// A tag's attribute: its name and, if it has one, its value's range
/// (inside any quotes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    pub name: Range<usize>,
    pub value: Option<Range<usize>>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Token<'a> {
    /// `name` lower-cased; `range` covers `<…>`.
    StartTag {
        name: &'a str,
        attributes: &'a [Attribute],
        self_closing: bool,
        range: Range<usize>,
    },
    EndTag {
        name: &'a str,
        range: Range<usize>,
    },
    /// Text as written, character references not yet decoded.
    Text(Range<usize>),
    /// The content of raw text elements (`script`, `style`…): never prose.
    RawText(Range<usize>),
    /// A comment; `body` is what lies between `<!--` and `-->`.
    Comment {
        body: Range<usize>,
        range: Range<usize>,
    },
}

/// Elements whose content is raw text (no tags inside).
const RAW_TEXT: &[&str] = &["script", "style", "iframe", "noembed", "noframes"];
/// Elements whose content is text with character references but no tags
/// (`xmp` shows its raw content, which is prose too).
const RCDATA: &[&str] = &["title", "textarea", "xmp"];

/// Tokenizes `html`, calling `emit` with each token in order.
pub fn tokenize(html: &str, mut emit: impl FnMut(Token<'_>)) {
    let bytes = html.as_bytes();
    let mut attributes: Vec<Attribute> = Vec::new();
    let mut name = String::new();
    let mut i = 0;
    let mut text_start = 0;
    while let Some(lt) = memchr::memchr(b'<', &bytes[i..]).map(|k| i + k) {
        let next = bytes.get(lt + 1).copied();
        let markup = match next {
            Some(b) if b.is_ascii_alphabetic() => {
                match start_tag(html, lt, &mut name, &mut attributes) {
                    Some((end, self_closing)) => {
                        flush(&mut emit, text_start, lt);
                        emit(Token::StartTag {
                            name: &name,
                            attributes: &attributes,
                            self_closing,
                            range: lt..end,
                        });
                        let mut after = end;
                        if !self_closing && let Some(kind) = content_kind(&name) {
                            let close = if name == "script" {
                                find_script_end(html, end)
                            } else {
                                find_end_tag(html, end, &name)
                            };
                            if close > end {
                                emit(match kind {
                                    Content::Raw => Token::RawText(end..close),
                                    Content::RcData => Token::Text(end..close),
                                });
                            }
                            after = close;
                        }
                        Some(after)
                    }
                    // A tag cut off by the end of the file is dropped.
                    None => {
                        flush(&mut emit, text_start, lt);
                        i = bytes.len();
                        text_start = i;
                        break;
                    }
                }
            }
            Some(b'/') => match bytes.get(lt + 2) {
                Some(b) if b.is_ascii_alphabetic() => {
                    let end = tag_end(bytes, lt + 2);
                    flush(&mut emit, text_start, lt);
                    read_name(html, lt + 2, &mut name);
                    if end <= bytes.len() {
                        emit(Token::EndTag {
                            name: &name,
                            range: lt..end,
                        });
                    }
                    Some(end.min(bytes.len()))
                }
                Some(b'>') => {
                    flush(&mut emit, text_start, lt);
                    Some(lt + 3)
                }
                None => None,
                _ => Some(bogus_comment(html, lt, 2, &mut emit, text_start)),
            },
            Some(b'!') => {
                if html[lt..].starts_with("<!--") {
                    flush(&mut emit, text_start, lt);
                    let (body, end) = comment(bytes, lt + 4);
                    emit(Token::Comment {
                        body,
                        range: lt..end,
                    });
                    Some(end)
                } else {
                    Some(bogus_comment(html, lt, 2, &mut emit, text_start))
                }
            }
            Some(b'?') => Some(bogus_comment(html, lt, 1, &mut emit, text_start)),
            // A `<` that starts nothing is text.
            _ => None,
        };
        match markup {
            Some(end) => {
                i = end;
                text_start = end;
            }
            None => i = lt + 1,
        }
        if i >= bytes.len() {
            break;
        }
    }
    flush(&mut emit, text_start, bytes.len());
}

fn flush(emit: &mut impl FnMut(Token<'_>), start: usize, end: usize) {
    if end > start {
        emit(Token::Text(start..end));
    }
}

enum Content {
    Raw,
    RcData,
}

fn content_kind(name: &str) -> Option<Content> {
    if RAW_TEXT.contains(&name) {
        Some(Content::Raw)
    } else if RCDATA.contains(&name) {
        Some(Content::RcData)
    } else {
        None
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C')
}

/// Reads a tag name (lower-cased) starting at `at`.
fn read_name(html: &str, at: usize, name: &mut String) -> usize {
    let bytes = html.as_bytes();
    let mut end = at;
    while end < bytes.len() && !is_space(bytes[end]) && bytes[end] != b'/' && bytes[end] != b'>' {
        end += 1;
    }
    name.clear();
    name.push_str(&html[at..end]);
    name.make_ascii_lowercase();
    end
}

/// The end of a tag whose attributes we don't need (an end tag): past the
/// first `>` outside a quoted attribute value.
fn tag_end(bytes: &[u8], at: usize) -> usize {
    let mut i = at;
    let mut after_eq = false;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return i + 1,
            q @ (b'"' | b'\'') if after_eq => {
                i = memchr::memchr(q, &bytes[i + 1..]).map_or(bytes.len(), |k| i + 1 + k);
                after_eq = false;
            }
            b'=' => after_eq = true,
            b if is_space(b) => {}
            _ => after_eq = false,
        }
        i += 1;
    }
    bytes.len() + 1
}

/// Reads a start tag at `lt`; returns its end and whether it self-closes,
/// or `None` when the file ends inside it.
fn start_tag(
    html: &str,
    lt: usize,
    name: &mut String,
    attributes: &mut Vec<Attribute>,
) -> Option<(usize, bool)> {
    let bytes = html.as_bytes();
    attributes.clear();
    let mut i = read_name(html, lt + 1, name);
    loop {
        while i < bytes.len() && is_space(bytes[i]) {
            i += 1;
        }
        match bytes.get(i)? {
            b'>' => return Some((i + 1, false)),
            b'/' => {
                if bytes.get(i + 1) == Some(&b'>') {
                    return Some((i + 2, true));
                }
                i += 1;
                continue;
            }
            _ => {}
        }
        // An attribute name; a leading `=` belongs to it.
        let name_start = i;
        i += 1;
        while i < bytes.len() && !is_space(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let name_range = name_start..i;
        let mut j = i;
        while j < bytes.len() && is_space(bytes[j]) {
            j += 1;
        }
        let mut value = None;
        if bytes.get(j) == Some(&b'=') {
            j += 1;
            while j < bytes.len() && is_space(bytes[j]) {
                j += 1;
            }
            match bytes.get(j)? {
                q @ (b'"' | b'\'') => {
                    let close = memchr::memchr(*q, &bytes[j + 1..]).map(|k| j + 1 + k)?;
                    value = Some(j + 1..close);
                    i = close + 1;
                }
                b'>' => i = j,
                _ => {
                    let mut end = j;
                    while end < bytes.len() && !is_space(bytes[end]) && bytes[end] != b'>' {
                        end += 1;
                    }
                    value = Some(j..end);
                    i = end;
                }
            }
        }
        attributes.push(Attribute {
            name: name_range,
            value,
        });
    }
}

/// A comment whose body starts at `at`: its body range and end. Handles the
/// abrupt `<!-->` and `<!--->`, `--!>`, and a comment cut off by the end of
/// the file.
fn comment(bytes: &[u8], at: usize) -> (Range<usize>, usize) {
    if bytes[at..].starts_with(b">") {
        return (at..at, at + 1);
    }
    if bytes[at..].starts_with(b"->") {
        return (at..at, at + 2);
    }
    let mut from = at;
    while let Some(k) = memchr::memmem::find(&bytes[from..], b"--") {
        let dashes = from + k;
        let mut after = dashes + 2;
        while bytes.get(after) == Some(&b'-') {
            after += 1;
        }
        if bytes.get(after) == Some(&b'>') {
            return (at..after - 2, after + 1);
        }
        if bytes[after..].starts_with(b"!>") {
            return (at..after - 2, after + 2);
        }
        // Past the whole run of dashes: rescanning it would be quadratic.
        from = after;
    }
    (at..bytes.len(), bytes.len())
}

/// `<!…>`, `<?…>` or `</…>` that is not a tag: a bogus comment up to `>`.
fn bogus_comment(
    html: &str,
    lt: usize,
    skip: usize,
    emit: &mut impl FnMut(Token<'_>),
    text_start: usize,
) -> usize {
    let bytes = html.as_bytes();
    flush(emit, text_start, lt);
    // Unclosed, it runs to the end of the input, all of it body.
    let (body_end, end) = match memchr::memchr(b'>', &bytes[lt + skip..]) {
        Some(k) => (lt + skip + k, lt + skip + k + 1),
        None => (bytes.len(), bytes.len()),
    };
    emit(Token::Comment {
        body: lt + skip..body_end,
        range: lt..end,
    });
    end
}

/// Where the raw text of element `name` ends: at `</name` followed by a
/// space, `/` or `>` (any case), or at the end of the file.
fn find_end_tag(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(k) = memchr::memmem::find(&bytes[at..], b"</") {
        let lt = at + k;
        let after = lt + 2 + name.len();
        if bytes.len() >= after
            && bytes[lt + 2..after].eq_ignore_ascii_case(name.as_bytes())
            && bytes
                .get(after)
                .is_none_or(|&b| is_space(b) || b == b'/' || b == b'>')
        {
            return lt;
        }
        at = lt + 2;
    }
    bytes.len()
}

/// Where a script ends. Inside `<!--` a nested `<script>` makes the next
/// `</script>` part of the script (the WHATWG "double escaped" states), as
/// browsers read it.
fn find_script_end(html: &str, from: usize) -> usize {
    let bytes = html.as_bytes();
    let tag_at = |at: usize, name: &[u8]| {
        let after = at + name.len();
        bytes.len() >= after
            && bytes[at..after].eq_ignore_ascii_case(name)
            && bytes
                .get(after)
                .is_none_or(|&b| is_space(b) || b == b'/' || b == b'>')
    };
    let (mut escaped, mut double) = (false, false);
    let mut at = from;
    while let Some(k) = memchr::memchr2(b'<', b'-', &bytes[at..]) {
        let i = at + k;
        if bytes[i] == b'-' {
            if (escaped || double) && bytes[i..].starts_with(b"-->") {
                escaped = false;
                double = false;
                at = i + 3;
                continue;
            }
        } else if !escaped && !double && bytes[i..].starts_with(b"<!--") {
            // `<!-->`, `<!--->`: the dashes are already closed by the `>`.
            let mut j = i + 4;
            while bytes.get(j) == Some(&b'-') {
                j += 1;
            }
            escaped = bytes.get(j) != Some(&b'>');
            at = j;
            continue;
        } else if tag_at(i, b"</script") {
            if !double {
                return i;
            }
            double = false;
        } else if escaped && !double && tag_at(i, b"<script") {
            double = true;
        }
        at = i + 1;
    }
    bytes.len()
}
