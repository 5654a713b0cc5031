//! Plain text: everything is prose; blank lines separate blocks; a
//! suppression comment stands on a line of its own.

use super::directive::{Directive, offset_in, parse_directive};
use crate::text::fold::Folded;

pub fn extract(text: &str, folded: &mut Folded, directives: &mut Vec<Directive>) {
    for (at, line) in crate::text::lines::lines(text) {
        let content = line.trim();
        if content.is_empty() {
            folded.break_block();
        } else if let Some(d) = line_directive(text, content, at..at + line.trim_end().len()) {
            directives.push(d);
            folded.break_block();
        } else {
            folded.push_exact(line, at);
        }
    }
}

/// `phraselint-disable-next-line RULE -- reason` on a line of its own, bare
/// or behind a comment leader (`#`, `//`, `--`, `;`, `<!-- … -->`):
/// `content`, a slice of `text`, at `range`.
fn line_directive(text: &str, content: &str, range: std::ops::Range<usize>) -> Option<Directive> {
    let body = ["<!--", "//", "#", "--", ";"]
        .iter()
        .find_map(|leader| content.strip_prefix(leader))
        .unwrap_or(content);
    let body = body.trim().trim_end_matches("-->");
    let at = offset_in(text, body);
    parse_directive(body, range, |r| at + r.start..at + r.end)
}
