//! MDX: Markdown with JSX, read the way MDX 2 and later read it.
//!
//! ESM blocks (`import`, `export` at the start of a paragraph) and JSX
//! expressions (`{…}`) are program text, not prose. They are masked out of a
//! copy of the text byte for byte, keeping every offset: expressions with
//! [`MASK`], which is neither a word nor a space, so no phrase joins across
//! them; `{" "}` and comments (`{/* … */}`, which render nothing) with
//! spaces; ESM with spaces. A comment holding `phraselint-disable…` is a
//! suppression directive, as an HTML comment is in Markdown.
//!
//! Lines that hold only a JSX component's tags (`<Callout kind="note">`,
//! `</Callout>`, or `<Callout>…</Callout>` whole on one line) are read apart
//! as HTML: text and readable attributes, backticks as plain characters as in
//! raw HTML. The rest is read as Markdown, through [`flow_copy`], with no
//! indented code blocks, as MDX has none.

use std::ops::Range;

use super::directive::{Directive, offset_in, parse_directive};
use super::parser_copy::ParserCopy;
use crate::text::fold::MASK;
use crate::text::lines::lines;

/// An MDX file's text with its program text masked, and what was found on
/// the way.
pub struct Masked {
    /// The text, byte for byte, with ESM and expressions masked.
    pub text: String,
    /// The component lines, in order, to be read as HTML.
    pub components: Vec<Range<usize>>,
    /// Suppression directives written as JSX comments, in order.
    pub directives: Vec<Directive>,
}

/// Masks ESM blocks and `{…}` expressions outside code, and finds the
/// component lines and the JSX-comment directives.
pub fn mask(text: &str) -> Masked {
    let mut components = Vec::new();
    let mut directives = Vec::new();
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    let mut fence: Option<(u8, usize)> = None;
    let mut in_esm = false;
    let mut paragraph_start = true;
    let mut expression = Expression::default();
    for (start, line) in lines(text) {
        let content = line.trim_end_matches(['\n', '\r']);
        let body = strip_containers(content);
        if let Some((c, n)) = fence {
            let closing = body.trim_end();
            if closing.len() >= n && closing.bytes().all(|b| b == c) {
                fence = None;
            }
            continue;
        }
        if content.trim().is_empty() {
            // A blank line ends ESM, and ends a runaway expression: an
            // unbalanced brace never hides more than its paragraph.
            in_esm = false;
            paragraph_start = true;
            expression = Expression::default();
            continue;
        }
        let open = expression.depth > 0;
        let marker = body.bytes().take_while(|&b| b == b'`' || b == b'~').count();
        if !open && marker >= 3 && body.bytes().skip(marker).all(|b| b != body.as_bytes()[0]) {
            fence = Some((body.as_bytes()[0], marker));
            paragraph_start = true;
            continue;
        }
        if !open
            && paragraph_start
            && (content.starts_with("import ") || content.starts_with("export "))
        {
            in_esm = true;
        }
        paragraph_start = false;
        if in_esm {
            blank(&mut out, start..start + content.len(), b' ');
            continue;
        }
        if !open && is_component_line(body) {
            components.push(start..start + content.len());
            paragraph_start = true;
        }
        let line = start..start + content.len();
        expression.mask_line(bytes, &mut out, line, &mut directives);
    }
    let text = String::from_utf8(out).expect("masking replaces whole characters with ASCII");
    Masked {
        text,
        components,
        directives,
    }
}

/// The copy of `text[at..]` that pulldown-cmark reads: component lines go
/// in blank (they are read apart, and end a paragraph as a blank line does),
/// a lone `\r` as `\n`. What pulldown-cmark then takes for indented code is
/// read again as Markdown (see `markdown::MDX_LEVELS`).
pub fn flow_copy<'a>(text: &'a str, at: usize, components: &[Range<usize>]) -> ParserCopy<'a> {
    let mut copy = ParserCopy::empty();
    let mut components = components.iter().skip_while(|c| c.start < at).peekable();
    for (start, line) in lines(&text[at..]) {
        let start = at + start;
        let end = start + line.len();
        match components.next_if(|c| c.start == start) {
            Some(c) => copy.push(text, c.end..end),
            None => copy.push(text, start..end),
        }
    }
    copy
}

/// A line's text without block-quote markers, list markers and indentation.
fn strip_containers(line: &str) -> &str {
    let mut rest = line.trim_start();
    loop {
        if let Some(r) = rest.strip_prefix('>') {
            rest = r.trim_start();
            continue;
        }
        let bullet = rest.len() > 1
            && matches!(rest.as_bytes()[0], b'-' | b'*' | b'+')
            && rest.as_bytes()[1] == b' ';
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let ordered = digits > 0
            && matches!(rest.as_bytes().get(digits), Some(b'.' | b')'))
            && rest.as_bytes().get(digits + 1) == Some(&b' ');
        if bullet {
            rest = rest[2..].trim_start();
        } else if ordered {
            rest = rest[digits + 2..].trim_start();
        } else {
            return rest;
        }
    }
}

/// `<Callout …>`, `</Callout>`, `<Callout />` or `<Callout>…</Callout>`
/// alone on a line: a JSX component's tag (capitalised, as JSX requires of
/// components).
fn is_component_line(body: &str) -> bool {
    let body = body.trim_end();
    let name = body.strip_prefix("</").or_else(|| body.strip_prefix('<'));
    name.is_some_and(|n| n.starts_with(|c: char| c.is_ascii_uppercase())) && body.ends_with('>')
}

/// The `{…}` expression being read, which may continue across lines.
#[derive(Default)]
struct Expression {
    depth: usize,
    /// Where it opened.
    open: usize,
    /// Inside a `/* … */` comment in it.
    comment: bool,
}

impl Expression {
    /// Masks the expressions of one line (nesting, string literals and
    /// comments inside, continuing across lines) outside inline code; `\{`
    /// is a literal brace.
    fn mask_line(
        &mut self,
        bytes: &[u8],
        out: &mut [u8],
        line: Range<usize>,
        directives: &mut Vec<Directive>,
    ) {
        let mut i = line.start;
        let mut code_ticks = 0;
        while i < line.end {
            let b = bytes[i];
            if self.depth == 0 {
                match b {
                    b'\\' => i += 1,
                    b'`' => {
                        let run = bytes[i..line.end]
                            .iter()
                            .take_while(|&&c| c == b'`')
                            .count();
                        code_ticks = match code_ticks {
                            0 => run,
                            open if open == run => 0,
                            open => open,
                        };
                        i += run - 1;
                    }
                    b'{' if code_ticks == 0 => {
                        self.depth = 1;
                        self.open = i;
                    }
                    _ => {}
                }
                i += 1;
                continue;
            }
            if self.comment {
                if bytes[i..line.end].starts_with(b"*/") {
                    self.comment = false;
                    i += 1;
                }
                i += 1;
                continue;
            }
            match b {
                b'/' if bytes.get(i + 1) == Some(&b'*') => {
                    self.comment = true;
                    i += 1;
                }
                // A line comment runs to the end of the line.
                b'/' if bytes.get(i + 1) == Some(&b'/') => i = line.end - 1,
                b'"' | b'\'' | b'`' => {
                    // A string literal: braces in it don't count.
                    let mut j = i + 1;
                    while j < line.end && bytes[j] != b {
                        j += if bytes[j] == b'\\' { 2 } else { 1 };
                    }
                    i = j.min(line.end - 1);
                }
                b'{' => self.depth += 1,
                b'}' => self.depth -= 1,
                _ => {}
            }
            i += 1;
            if self.depth == 0 {
                self.close(bytes, out, i, directives);
            }
        }
        if self.depth > 0 {
            // Continues on the next line: mask what this line holds of it.
            blank(out, self.open.max(line.start)..line.end, MASK);
        }
    }

    /// The expression ended at `end`: masks it whole, and reads a comment's
    /// directive.
    fn close(&mut self, bytes: &[u8], out: &mut [u8], end: usize, directives: &mut Vec<Directive>) {
        let range = self.open..end;
        let inner = std::str::from_utf8(&bytes[self.open + 1..end - 1]).unwrap_or("");
        let with = if let Some(body) = comment_body(inner) {
            let body = body.trim();
            // The masked text keeps every offset of the source.
            let at = self.open + 1 + offset_in(inner, body);
            directives.extend(parse_directive(body, range.clone(), |r| {
                at + r.start..at + r.end
            }));
            b' '
        } else if is_space_literal(inner) {
            b' '
        } else {
            MASK
        };
        blank(out, range, with);
    }
}

/// The text of `/* … */` when it is all the expression holds.
fn comment_body(inner: &str) -> Option<&str> {
    let body = inner.trim().strip_prefix("/*")?.strip_suffix("*/")?;
    (!body.contains("*/")).then_some(body)
}

/// `" "` and the like: a string literal of spaces, JSX's way to keep a
/// space.
fn is_space_literal(inner: &str) -> bool {
    let inner = inner.trim().as_bytes();
    inner.len() >= 2
        && (inner[0] == b'"' || inner[0] == b'\'')
        && inner[inner.len() - 1] == inner[0]
        && inner[1..inner.len() - 1]
            .iter()
            .all(u8::is_ascii_whitespace)
}

/// Overwrites `range` of the copy with `with`, but for its line ends.
fn blank(out: &mut [u8], range: Range<usize>, with: u8) {
    for b in &mut out[range] {
        if *b != b'\n' && *b != b'\r' {
            *b = with;
        }
    }
}
