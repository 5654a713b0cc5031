//! The folder on its own: text pushed in arbitrary pieces, as exact text,
//! decoded entities, spaces and opaque stand-ins, always maps back.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use phraselint::fold::{Folded, fold_phrase};

#[derive(Arbitrary, Debug)]
enum Piece {
    Exact(u16),
    Decoded(u16, String),
    Space(u16),
    Opaque(u16),
    Break,
}

fuzz_target!(|input: (String, Vec<Piece>)| {
    let (text, pieces) = input;
    let mut folded = Folded::default();
    let mut at = 0;
    for piece in pieces {
        // Each piece takes the next `n` bytes of the text, widened to a
        // character boundary, as extractors do.
        let mut take = |n: u16| {
            let mut end = (at + n as usize).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            let range = at..end;
            at = end;
            range
        };
        match piece {
            Piece::Exact(n) => {
                let r = take(n);
                folded.push_exact(&text[r.clone()], r.start);
            }
            Piece::Decoded(n, s) => folded.push_decoded(&s, take(n)),
            Piece::Space(n) => folded.push_space(take(n)),
            Piece::Opaque(n) => folded.push_opaque(take(n)),
            Piece::Break => folded.break_block(),
        }
    }
    folded.break_block();
    phraselint_fuzz::check_map(&folded, &text);
    // Folding is idempotent on phrases, so a phrasebook's phrase and the
    // text it meets fold alike.
    let once = fold_phrase(&text);
    assert_eq!(fold_phrase(&once), once);
});
