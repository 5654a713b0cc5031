//! HTML inside Markdown (raw blocks and inline tags): tags are not prose,
//! their text content is; `script`, `style`, `template`, `code` and `pre`
//! content is skipped; comments are read for suppressions; entities are
//! decoded with their source range kept.

use std::ops::Range;

use crate::fold::Folded;
use crate::suppress::{Directive, parse_directive};

/// What carries over from one piece of HTML to the next inside a block.
#[derive(Default)]
pub struct State {
    /// Inside an element whose content is not prose, until its end tag.
    skip_until: Option<String>,
}

impl State {
    pub fn skipping(&self) -> bool {
        self.skip_until.is_some()
    }
}

const SKIPPED: &[&str] = &["script", "style", "template", "code", "pre", "textarea"];
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

pub fn scan(
    text: &str,
    range: Range<usize>,
    state: &mut State,
    folded: &mut Folded,
    directives: &mut Vec<Directive>,
) {
    let mut at = range.start;
    while at < range.end {
        let rest = &text[at..range.end];
        if let Some(body) = rest.strip_prefix("<!--") {
            let (inner, len) = match body.find("-->") {
                Some(i) => (&body[..i], 4 + i + 3),
                None => (body, rest.len()),
            };
            let inner = inner.trim();
            if let Some(d) = parse_directive(inner, at..at + len) {
                directives.push(d);
            }
            at += len;
        } else if rest.starts_with('<')
            && rest[1..]
                .starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?')
        {
            let len = tag_len(rest);
            tag(&rest[..len], at, state, folded);
            at += len;
        } else {
            // Text runs to the next `<`; a byte search keeps to char
            // boundaries since `<` is ASCII.
            let len = memchr::memchr(b'<', &rest.as_bytes()[1..]).map_or(rest.len(), |i| i + 1);
            if !state.skipping() {
                push_text(&rest[..len], at, folded);
            }
            at += len;
        }
    }
}

/// The length of a tag, to its `>` outside quoted attribute values.
fn tag_len(rest: &str) -> usize {
    let mut quote = None;
    for (i, c) in rest.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    rest.len()
}

fn tag(tag: &str, at: usize, state: &mut State, folded: &mut Folded) {
    let closing = tag.starts_with("</");
    let name: String = tag[if closing { 2 } else { 1 }..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if let Some(skip) = &state.skip_until {
        if closing && *skip == name {
            state.skip_until = None;
        }
        return;
    }
    if !closing && SKIPPED.contains(&name.as_str()) && !tag.ends_with("/>") {
        state.skip_until = Some(name);
    } else if BLOCKS.contains(&name.as_str()) {
        folded.break_block();
    } else if name == "br" {
        folded.push_space(at..at + tag.len());
    }
}

/// Text between tags, with character references decoded.
fn push_text(piece: &str, at: usize, folded: &mut Folded) {
    let mut done = 0;
    for (i, _) in piece.match_indices('&') {
        if i < done {
            continue;
        }
        if let Some((decoded, len)) = decode_entity(&piece[i..]) {
            folded.push_exact(&piece[done..i], at + done);
            let mut buf = [0; 4];
            folded.push_decoded(decoded.encode_utf8(&mut buf), at + i..at + i + len);
            done = i + len;
        }
    }
    folded.push_exact(&piece[done..], at + done);
}

/// `&name;`, `&#NN;` or `&#xHH;` at the start of `s`: the character and the
/// reference's length.
fn decode_entity(s: &str) -> Option<(char, usize)> {
    let end = s[1..].find(';').filter(|&e| e <= 32)? + 1;
    let name = &s[1..end];
    let c = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code)?
    } else {
        match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{A0}',
            "shy" => '\u{AD}',
            "lsquo" => '\u{2018}',
            "rsquo" => '\u{2019}',
            "ldquo" => '\u{201C}',
            "rdquo" => '\u{201D}',
            "ndash" => '\u{2013}',
            "mdash" => '\u{2014}',
            "hellip" => '\u{2026}',
            "copy" => '\u{A9}',
            "reg" => '\u{AE}',
            "trade" => '\u{2122}',
            _ => return None,
        }
    };
    Some((c, end + 1))
}
