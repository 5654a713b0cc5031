//! HTML inside Markdown (raw blocks and inline tags): tags are not prose,
//! their text content is; `script`, `style`, `template`, `code` and `pre`
//! content is skipped; comments are read for suppressions; character
//! references are decoded with their source range kept.
//!
//! A raw HTML block reaches us line by line (pulldown-cmark strips container
//! markers such as a block quote's `> `), so the scanner keeps its state —
//! inside a tag, a quoted attribute, a comment — from one piece to the next.

use std::ops::Range;

use crate::fold::Folded;
use crate::suppress::{Directive, parse_directive};

/// What carries over from one piece of HTML to the next inside a block.
#[derive(Default)]
pub struct State {
    /// Inside an element whose content is not prose, until its end tag.
    skip_until: Option<String>,
    mode: Mode,
}

#[derive(Default)]
enum Mode {
    #[default]
    Text,
    /// Inside `<…>`.
    Tag(Tag),
    /// Inside `<!-- … -->`, which started at this offset.
    Comment { start: usize, body: String },
}

#[derive(Default)]
struct Tag {
    name: String,
    name_done: bool,
    closing: bool,
    /// The quote that opened the attribute value we are in.
    quote: Option<u8>,
    /// The last significant byte was `=`: a quote now opens a value.
    after_eq: bool,
    /// The last significant byte was `/` (`<br/>`).
    slash: bool,
}

impl State {
    pub fn skipping(&self) -> bool {
        self.skip_until.is_some()
    }
}

const SKIPPED: &[&str] = &["script", "style", "template", "code", "pre"];
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Scans one piece of an HTML block.
pub fn scan(
    text: &str,
    range: Range<usize>,
    state: &mut State,
    folded: &mut Folded,
    directives: &mut Vec<Directive>,
) {
    let bytes = text.as_bytes();
    let end = range.end;
    let mut i = range.start;
    while i < end {
        match &mut state.mode {
            Mode::Comment { start, body } => match memchr::memmem::find(&bytes[i..end], b"-->") {
                Some(k) => {
                    body.push_str(&text[i..i + k]);
                    let range = *start..i + k + 3;
                    if let Some(d) = parse_directive(body.trim(), range) {
                        directives.push(d);
                    }
                    state.mode = Mode::Text;
                    i += k + 3;
                }
                None => {
                    body.push_str(&text[i..end]);
                    body.push(' ');
                    i = end;
                }
            },
            Mode::Tag(tag) => {
                while i < end {
                    let b = bytes[i];
                    i += 1;
                    if tag_byte(tag, b) {
                        let tag = std::mem::take(tag);
                        state.mode = Mode::Text;
                        close_tag(tag, i, state, folded);
                        break;
                    }
                }
            }
            Mode::Text => {
                let rest = &text[i..end];
                if let Some(after) = rest.strip_prefix("<!--") {
                    // `<!-->` and `<!--->` are empty comments, as browsers read them.
                    let empty = [">", "->"].into_iter().find(|e| after.starts_with(e));
                    match empty {
                        Some(e) => i += 4 + e.len(),
                        None => {
                            state.mode = Mode::Comment {
                                start: i,
                                body: String::new(),
                            };
                            i += 4;
                        }
                    }
                } else if rest.starts_with('<')
                    && rest[1..].starts_with(|c: char| {
                        c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?')
                    })
                {
                    let closing = rest[1..].starts_with('/');
                    state.mode = Mode::Tag(Tag {
                        closing,
                        ..Tag::default()
                    });
                    i += 1 + usize::from(closing);
                } else {
                    // Text runs to the next `<`; a byte search keeps to char
                    // boundaries since `<` is ASCII.
                    let len =
                        memchr::memchr(b'<', &rest.as_bytes()[1..]).map_or(rest.len(), |k| k + 1);
                    if !state.skipping() {
                        push_text(&rest[..len], i, folded);
                    }
                    i += len;
                }
            }
        }
    }
}

/// Reads one byte of a tag; true at the `>` that ends it.
fn tag_byte(tag: &mut Tag, b: u8) -> bool {
    if let Some(q) = tag.quote {
        if b == q {
            tag.quote = None;
        }
        return false;
    }
    if !tag.name_done {
        if b.is_ascii_alphanumeric() || b == b'-' {
            tag.name.push(b.to_ascii_lowercase() as char);
            return false;
        }
        tag.name_done = true;
    }
    match b {
        b'>' => return true,
        b'"' | b'\'' if tag.after_eq => tag.quote = Some(b),
        b'=' => {
            tag.after_eq = true;
            tag.slash = false;
            return false;
        }
        b if b.is_ascii_whitespace() => return false,
        _ => {}
    }
    tag.after_eq = false;
    tag.slash = b == b'/';
    false
}

/// A whole tag has been read: start or end skipping, or break a block.
fn close_tag(tag: Tag, end: usize, state: &mut State, folded: &mut Folded) {
    if let Some(skip) = &state.skip_until {
        if tag.closing && *skip == tag.name {
            state.skip_until = None;
        }
        return;
    }
    if !tag.closing && !tag.slash && SKIPPED.contains(&tag.name.as_str()) {
        state.skip_until = Some(tag.name);
    } else if BLOCKS.contains(&tag.name.as_str()) {
        folded.break_block();
    } else if tag.name == "br" {
        folded.push_space(end - 1..end);
    }
}

/// An inline HTML event from the Markdown parser: always one whole tag or
/// comment, never prose.
pub fn inline(
    text: &str,
    range: Range<usize>,
    state: &mut State,
    folded: &mut Folded,
    directives: &mut Vec<Directive>,
) {
    let piece = &text[range.clone()];
    if let Some(body) = piece.strip_prefix("<!--") {
        let body = body.strip_suffix("-->").unwrap_or(body);
        if let Some(d) = parse_directive(body.trim(), range) {
            directives.push(d);
        }
        return;
    }
    let closing = piece.starts_with("</");
    let mut tag = Tag {
        closing,
        ..Tag::default()
    };
    for &b in &piece.as_bytes()[1 + usize::from(closing)..] {
        if tag_byte(&mut tag, b) {
            break;
        }
    }
    close_tag(tag, range.end, state, folded);
}

/// Text between tags, with character references decoded.
fn push_text(piece: &str, at: usize, folded: &mut Folded) {
    let mut done = 0;
    for i in memchr::memchr_iter(b'&', piece.as_bytes()) {
        if i < done {
            continue;
        }
        if let Some((decoded, len)) = crate::fold::decode_entity(&piece[i..]) {
            folded.push_exact(&piece[done..i], at + done);
            folded.push_decoded(&decoded, at + i..at + i + len);
            done = i + len;
        }
    }
    folded.push_exact(&piece[done..], at + done);
}
