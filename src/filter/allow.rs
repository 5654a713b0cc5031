//! Allowed phrases are exceptions: a match wholly inside an allowed phrase
//! of its rule's book (or a book that book extends), or of the rule's own
//! `allow` list, is not reported.

use std::ops::Range;

use crate::catalog::Catalog;
use crate::matcher::Target;
use crate::matcher::scan::{RawMatch, Scan};
use crate::rules::Origin;

/// Drops the scan's matches that lie inside an allowed phrase.
pub fn apply(catalog: &Catalog, scan: &mut Scan) {
    if scan.allowed.is_empty() {
        return;
    }
    scan.allowed.sort_by_key(|(_, r)| r.start);
    let longest = scan.allowed.iter().map(|(_, r)| r.len()).max().unwrap_or(0);
    let allowed = &scan.allowed;
    scan.matches
        .retain(|m| !shielded(catalog, m, allowed, longest));
}

/// Whether a match lies wholly inside an allowed phrase of its book (or a
/// book its book extends) or of its rule's own `allow` list. `allowed` is
/// sorted by start; only hits that start at most `longest` bytes before the
/// match can contain it.
fn shielded(
    catalog: &Catalog,
    m: &RawMatch,
    allowed: &[(Target, Range<usize>)],
    longest: usize,
) -> bool {
    let Origin::Book(book) = catalog.rule(m.rule).origin else {
        return false;
    };
    let end = allowed.partition_point(|(_, a)| a.start <= m.folded.start);
    let begin = allowed.partition_point(|(_, a)| a.start + longest < m.folded.start);
    allowed[begin..end].iter().any(|(target, a)| {
        let applies = match *target {
            Target::Allowed(b) => catalog.allow_scope(book).contains(&b),
            Target::RuleAllow(r) => r == m.rule,
            _ => false,
        };
        applies && m.folded.end <= a.end
    })
}
