//! `near`: a rule with `near` terms reports a match only when one of them
//! stands within `within` words of it, in the same block.

use std::ops::Range;

use crate::catalog::Catalog;
use crate::matcher::scan::Scan;
use crate::rules::RuleIdx;
use crate::text::fold::is_word_char;

/// Drops the scan's matches of `near` rules with no term close by; `words`
/// is reused from one file to the next.
pub fn apply(catalog: &Catalog, folded: &str, scan: &mut Scan, words: &mut WordIndex) {
    if !scan
        .matches
        .iter()
        .any(|m| !catalog.rule(m.rule).near.is_empty())
    {
        return;
    }
    scan.near.sort_by_key(|(_, r)| r.start);
    words.build(folded);
    let longest = scan.near.iter().map(|(_, r)| r.len()).max().unwrap_or(0);
    let near = &scan.near;
    scan.matches.retain(|m| {
        let rule = catalog.rule(m.rule);
        rule.near.is_empty()
            || near_term_close(words, m.folded.clone(), rule.within, m.rule, near, longest)
    });
}

/// Where words and blocks start in a file's folded text, built once per
/// file that has a `near` candidate, so each window costs a binary search.
#[derive(Default)]
pub struct WordIndex {
    /// Offset of the first word character of each word (a run between
    /// spaces with at least one word character: a lone dash is no word).
    words: Vec<usize>,
    /// Offsets of block breaks.
    breaks: Vec<usize>,
}

impl WordIndex {
    fn build(&mut self, text: &str) {
        self.words.clear();
        self.breaks.clear();
        let mut counted = false;
        for (i, c) in text.char_indices() {
            match c {
                '\n' => {
                    self.breaks.push(i);
                    counted = false;
                }
                ' ' => counted = false,
                c if !counted && is_word_char(c) => {
                    self.words.push(i);
                    counted = true;
                }
                _ => {}
            }
        }
    }

    /// The block around `m`: (start, end).
    fn block(&self, m: &Range<usize>) -> (usize, usize) {
        let k = self.breaks.partition_point(|&b| b < m.start);
        let start = if k == 0 { 0 } else { self.breaks[k - 1] + 1 };
        let end = self.breaks.get(k).copied().unwrap_or(usize::MAX);
        (start, end)
    }
}

/// Whether one of the rule's `near` terms starts within `within` words after
/// the match or ends within `within` words before it, in the same block.
/// `near` is sorted by start.
fn near_term_close(
    words: &WordIndex,
    m: Range<usize>,
    within: usize,
    rule: RuleIdx,
    near: &[(RuleIdx, Range<usize>)],
    longest: usize,
) -> bool {
    let (block_start, block_end) = words.block(&m);
    // The first word after the match, and the start of the word past the
    // window (or the block's end).
    let first_after = words.words.partition_point(|&w| w < m.end);
    let after = words
        .words
        .get(first_after + within)
        .copied()
        .unwrap_or(usize::MAX)
        .min(block_end);
    // The start of the `within`th word before the match (or the block's).
    let first_before = words.words.partition_point(|&w| w < m.start);
    let before = first_before
        .checked_sub(within)
        .map_or(0, |k| words.words[k])
        .max(block_start);
    let from = near.partition_point(|(_, t)| t.start + longest < before);
    near[from..]
        .iter()
        .take_while(|(_, t)| t.start < after)
        .any(|(r, t)| *r == rule && t.end > before && t.start >= block_start && t.end <= block_end)
}
