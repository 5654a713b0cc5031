//! MDX: Markdown with JSX. ESM lines (`import`, `export`) and JSX
//! expressions (`{…}`) are program text, not prose; JSX elements go through
//! the HTML extractor like raw HTML, so their text and readable attributes
//! are checked.
//!
//! They are masked out of a copy of the text byte for byte (expressions with
//! U+0001, which is neither a word nor a space, so no phrase joins across
//! them; ESM lines with spaces), keeping every offset as in the source, and
//! the copy is read as Markdown.

/// Masks ESM blocks and `{…}` expressions outside code.
pub fn mask(text: &str) -> String {
    let mut out = text.as_bytes().to_vec();
    let bytes = text.as_bytes();
    let mut fence: Option<(u8, usize)> = None;
    let mut in_esm = false;
    let mut depth = 0usize;
    for (start, line) in crate::source::lines(text) {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some((c, n)) = fence {
            if trimmed.bytes().take_while(|&b| b == c).count() >= n
                && trimmed.trim_end().bytes().all(|b| b == c)
            {
                fence = None;
            }
            continue;
        }
        let ticks = trimmed
            .bytes()
            .take_while(|&b| b == b'`' || b == b'~')
            .count();
        if ticks >= 3 && indent < 4 && depth == 0 {
            fence = Some((trimmed.as_bytes()[0], ticks));
            continue;
        }
        if trimmed.trim().is_empty() {
            in_esm = false;
            continue;
        }
        if depth == 0 && indent == 0 && (line.starts_with("import ") || line.starts_with("export "))
        {
            in_esm = true;
        }
        if in_esm {
            blank(
                &mut out,
                start..start + line.trim_end_matches(['\n', '\r']).len(),
                b' ',
            );
            continue;
        }
        depth = mask_expressions(bytes, &mut out, start..start + line.len(), depth);
    }
    String::from_utf8(out).expect("masking replaces whole characters with ASCII")
}

/// Masks `{…}` (nesting, and continuing across lines) outside inline code;
/// returns the brace depth at the end of the line.
fn mask_expressions(
    bytes: &[u8],
    out: &mut [u8],
    line: std::ops::Range<usize>,
    mut depth: usize,
) -> usize {
    let mut i = line.start;
    let mut code_ticks = 0;
    while i < line.end {
        let b = bytes[i];
        if depth == 0 && b == b'`' {
            let run = bytes[i..line.end]
                .iter()
                .take_while(|&&c| c == b'`')
                .count();
            code_ticks = if code_ticks == run {
                0
            } else if code_ticks == 0 {
                run
            } else {
                code_ticks
            };
            i += run;
            continue;
        }
        if code_ticks > 0 {
            i += 1;
            continue;
        }
        match b {
            b'{' => depth += 1,
            b'}' if depth > 0 => {
                depth -= 1;
                out[i] = 1;
                i += 1;
                continue;
            }
            _ => {}
        }
        if depth > 0 && b != b'\n' && b != b'\r' {
            out[i] = 1;
        }
        i += 1;
    }
    depth
}

fn blank(out: &mut [u8], range: std::ops::Range<usize>, with: u8) {
    for b in &mut out[range] {
        *b = with;
    }
}
