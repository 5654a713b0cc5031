//! Gapped phrases (`enables ... access`): each part between the gaps is a
//! literal of the one automaton; after the scan, [`join`] chains the parts'
//! occurrences into matches, each gap standing for up to `gap` words of the
//! same sentence of the same block.

use std::ops::Range;

use super::Target;
use crate::text::fold::{BLOCK_BREAK, OPAQUE, is_word_char};

/// A phrase in parts joined after the scan: parts between gaps, and the
/// words of an inflected phrase (each part in all its forms).
#[derive(Debug)]
pub struct GapPhrase {
    pub target: Target,
    /// How many parts.
    pub parts: usize,
    /// For each join, whether the next part follows after one space (the
    /// words of an inflected phrase) rather than up to `gap` words.
    pub adjacent: Vec<bool>,
    pub gap: usize,
}

/// An occurrence of part `part` of gapped phrase `phrase`, whole words and
/// case checked.
#[derive(Debug, Clone)]
pub struct PartHit {
    pub phrase: u32,
    pub part: u32,
    pub range: Range<usize>,
}

/// Joins the parts found in `text` into whole matches of their phrases,
/// handing each to `found`. Per phrase, from its last part back to its
/// first, each occurrence learns the end of the shortest match that
/// completes from it (trying the next part's occurrences nearest first), so
/// each occurrence is looked at once and each look-ahead is at most `gap` + 1
/// words: linear in the hits and the text.
pub fn join(
    phrases: &[GapPhrase],
    hits: &mut [PartHit],
    text: &str,
    found: &mut impl FnMut(Target, Range<usize>),
) {
    hits.sort_unstable_by_key(|h| (h.phrase, h.part, h.range.start));
    let mut ends: Vec<Option<usize>> = Vec::new();
    for of_phrase in hits.chunk_by(|a, b| a.phrase == b.phrase) {
        let phrase = &phrases[of_phrase[0].phrase as usize];
        let parts: Vec<&[PartHit]> = of_phrase.chunk_by(|a, b| a.part == b.part).collect();
        if parts.len() < phrase.parts {
            // A part never occurs: no match.
            continue;
        }
        // `ends` of the part after the one being completed.
        ends.clear();
        ends.extend(parts[parts.len() - 1].iter().map(|h| Some(h.range.end)));
        for k in (0..parts.len() - 1).rev() {
            let next = parts[k + 1];
            let completed: Vec<Option<usize>> = parts[k]
                .iter()
                .map(|h| {
                    let from = next.partition_point(|n| n.range.start < h.range.end);
                    let candidates = next[from..].iter().zip(&ends[from..]);
                    if phrase.adjacent[k] {
                        // Words of one phrase: the next starts after the one
                        // space folding leaves between words.
                        let after = h.range.end + 1;
                        if text.as_bytes().get(h.range.end) != Some(&b' ') {
                            return None;
                        }
                        return candidates
                            .take_while(|(n, _)| n.range.start <= after)
                            .find_map(|(n, end)| end.filter(|_| n.range.start == after));
                    }
                    // The next part is a word of its own: a space before it
                    // (`enables/access` and `enables\u{FFFD}access` are not
                    // two words).
                    let limit = reach(text, h.range.end, phrase.gap);
                    candidates
                        .take_while(|(n, _)| n.range.start <= limit)
                        .filter(|(n, _)| {
                            text.as_bytes().get(n.range.start.wrapping_sub(1)) == Some(&b' ')
                        })
                        .find_map(|(_, end)| *end)
                })
                .collect();
            ends = completed;
        }
        for (h, end) in parts[0].iter().zip(&ends) {
            if let Some(end) = end {
                found(phrase.target, h.range.start..*end);
            }
        }
    }
}

/// The last place the next part may start after a part that ends at `end`:
/// the first character of the (`gap` + 1)th word after it, unless a block
/// break, inline code or a sentence end comes first. Words are counted as
/// `near` counts them: runs between spaces with a word character.
fn reach(text: &str, end: usize, gap: usize) -> usize {
    let mut words = 0;
    // The run the part ended in is not a gap word.
    let mut counted = true;
    for (i, c) in text[end..].char_indices() {
        let at = end + i;
        match c {
            c if c == BLOCK_BREAK as char || c == OPAQUE => return at,
            ' ' => counted = false,
            '.' | '!' | '?' if ends_sentence(&text[at + 1..]) => return at,
            c if !counted && is_word_char(c) => {
                if words == gap {
                    return at;
                }
                words += 1;
                counted = true;
            }
            _ => {}
        }
    }
    text.len()
}

/// Whether a `.`, `!` or `?` followed by `after` ends a sentence: closing
/// quotes and brackets, then a space, a block break or the end. So `v1.2`,
/// `e.g.x` or `.NET` do not, and `e.g. ` does.
fn ends_sentence(after: &str) -> bool {
    let rest = after.trim_start_matches(['"', '\'', ')', ']', '»']);
    rest.is_empty() || rest.starts_with([' ', BLOCK_BREAK as char])
}
