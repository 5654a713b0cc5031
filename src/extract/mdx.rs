//! MDX: Markdown with JSX. ESM blocks (`import`, `export` at the start of a
//! paragraph) and JSX expressions (`{…}`) are program text, not prose; the
//! lines that only open or close a JSX component (`<Callout kind="note">`,
//! `</Callout>`) are masked so the Markdown between them is read as
//! Markdown, and are read apart as HTML (text, readable attributes); other
//! JSX goes through the HTML extractor like raw HTML.
//!
//! They are masked out of a copy of the text byte for byte (expressions with
//! U+0001, which is neither a word nor a space, so no phrase joins across
//! them; `{" "}` with spaces; ESM and component lines with spaces), keeping
//! every offset as in the source, and the copy is read as Markdown.

use std::ops::Range;

use crate::text::fold::MASK;

/// Masks ESM blocks, component tag lines and `{…}` expressions outside code;
/// returns the masked copy and the component lines, which the caller reads
/// as HTML (their text and readable attributes).
pub fn mask(text: &str) -> (String, Vec<Range<usize>>) {
    let mut components = Vec::new();
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    let mut fence: Option<(u8, usize)> = None;
    let mut in_esm = false;
    let mut paragraph_start = true;
    let mut depth = 0usize;
    for (start, line) in crate::text::lines::lines(text) {
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
            depth = 0;
            continue;
        }
        let marker = body.bytes().take_while(|&b| b == b'`' || b == b'~').count();
        if depth == 0 && marker >= 3 && body.bytes().skip(marker).all(|b| b != body.as_bytes()[0]) {
            fence = Some((body.as_bytes()[0], marker));
            paragraph_start = true;
            continue;
        }
        if depth == 0
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
        if depth == 0 && is_component_line(body) {
            components.push(start..start + content.len());
            blank(&mut out, start..start + content.len(), b' ');
            paragraph_start = true;
            continue;
        }
        depth = mask_expressions(bytes, &mut out, start..start + content.len(), depth);
    }
    let masked = String::from_utf8(out).expect("masking replaces whole characters with ASCII");
    (masked, components)
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

/// `<Callout …>`, `</Callout>` or `<Callout />` alone on a line: a JSX
/// component's tag (capitalised, as JSX requires of components).
fn is_component_line(body: &str) -> bool {
    let body = body.trim_end();
    let name = body.strip_prefix("</").or_else(|| body.strip_prefix('<'));
    name.is_some_and(|n| n.starts_with(|c: char| c.is_ascii_uppercase())) && body.ends_with('>')
}

/// Masks `{…}` (nesting, string literals inside, continuing across lines)
/// outside inline code; `\{` is a literal brace. Returns the depth at the end
/// of the line.
fn mask_expressions(bytes: &[u8], out: &mut [u8], line: Range<usize>, mut depth: usize) -> usize {
    let mut i = line.start;
    let mut code_ticks = 0;
    let mut expression_start = None;
    while i < line.end {
        let b = bytes[i];
        if depth == 0 {
            if b == b'\\' {
                i += 2;
                continue;
            }
            if b == b'`' {
                let run = bytes[i..line.end]
                    .iter()
                    .take_while(|&&c| c == b'`')
                    .count();
                code_ticks = match code_ticks {
                    0 => run,
                    open if open == run => 0,
                    open => open,
                };
                i += run;
                continue;
            }
            if code_ticks > 0 {
                i += 1;
                continue;
            }
            if b == b'{' {
                depth = 1;
                expression_start = Some(i);
            }
            i += 1;
            continue;
        }
        match b {
            b'"' | b'\'' | b'`' => {
                // A string literal: braces in it don't count.
                let mut j = i + 1;
                while j < line.end && bytes[j] != b {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                i = (j + 1).min(line.end);
                continue;
            }
            b'{' => depth += 1,
            b'}' => depth -= 1,
            _ => {}
        }
        i += 1;
        if depth == 0 {
            // An expression that opened on an earlier line is masked from
            // this line's start, and is never the `{" "}` idiom.
            let (start, spaces) = match expression_start.take() {
                Some(open) => (open, is_space_literal(&bytes[open + 1..i - 1])),
                None => (line.start, false),
            };
            blank(out, start..i, if spaces { b' ' } else { MASK });
        }
    }
    if depth > 0 {
        // Continues on the next line: mask what this line holds of it.
        let start = expression_start.unwrap_or(line.start);
        for b in &mut out[start..line.end] {
            if *b != b'\n' && *b != b'\r' {
                *b = MASK;
            }
        }
    }
    depth
}

/// `" "` and the like: a string literal of spaces, JSX's way to keep a
/// space.
fn is_space_literal(inner: &[u8]) -> bool {
    let inner = std::str::from_utf8(inner).unwrap_or("").trim().as_bytes();
    inner.len() >= 2
        && (inner[0] == b'"' || inner[0] == b'\'')
        && inner[inner.len() - 1] == inner[0]
        && inner[1..inner.len() - 1]
            .iter()
            .all(u8::is_ascii_whitespace)
}

fn blank(out: &mut [u8], range: Range<usize>, with: u8) {
    for b in &mut out[range] {
        *b = with;
    }
}
