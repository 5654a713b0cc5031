//! Folding extracted text into the one buffer the matcher searches.
//!
//! Extractors push pieces of a file's text; the folder case-folds them (full
//! Unicode case folding, so `STRASSE` meets `straße` and the `ﬁ` ligature
//! meets `fi`), folds canonical and compatibility forms (NFKC: `e` + U+0301
//! meets `é`, fullwidth `ＯｐｅｎＡＩ` meets `OpenAI`), folds typography (curly quotes, no-break and other spaces,
//! soft hyphens), collapses whitespace runs to one space, hides URLs, and
//! records for every folded byte the text range it came from. Blocks
//! (paragraphs, headings, cells…) are separated by `\n`, which no phrase can
//! contain, so no match crosses a block boundary.

use std::ops::Range;

use caseless::Caseless;
use unicode_normalization::char::{compose, decompose_compatible, is_combining_mark};

/// A character that stands for text that must not be matched (inline code,
/// a URL): it is neither a word character nor a space, so a phrase can
/// neither match it nor join across it.
pub const OPAQUE: char = '\u{FFFC}';
pub const BLOCK_BREAK: u8 = b'\n';
/// The byte MDX masks an expression with, byte for byte. A run of them is
/// one opaque stand-in for its whole range, so no folded character maps into
/// the middle of a masked multi-byte character.
pub const MASK: u8 = 1;

#[derive(Default)]
pub struct Folded {
    /// Folded text; blocks separated by `\n`.
    pub text: String,
    /// For each folded byte, the text range of the character it came from.
    starts: Vec<u32>,
    ends: Vec<u32>,
    /// Fold typography and spacing only, keeping case (for case-sensitive
    /// rules' checks).
    keep_case: bool,
    /// The last piece ended inside a URL, which the next piece continues
    /// (pulldown-cmark splits a URL at entities and brackets).
    in_url: bool,
}

impl Folded {
    pub fn clear(&mut self) {
        self.text.clear();
        self.starts.clear();
        self.ends.clear();
        self.in_url = false;
    }

    /// The text range a folded range came from.
    pub fn source_range(&self, folded: Range<usize>) -> Range<usize> {
        self.starts[folded.start] as usize..self.ends[folded.end - 1] as usize
    }

    /// The text of a folded range with its case restored from the source
    /// (typography and spacing still folded), for case-sensitive rules.
    pub fn cased(&self, text: &str, folded: Range<usize>) -> String {
        self.cased_with_map(text, folded).0
    }

    /// [`Folded::cased`], and for each of its bytes the folded range it
    /// stands for, to map a match in it back.
    pub fn cased_with_map(&self, text: &str, folded: Range<usize>) -> (String, Vec<(u32, u32)>) {
        let mut out = Folded {
            keep_case: true,
            ..Folded::default()
        };
        let mut map: Vec<(u32, u32)> = Vec::new();
        let mut i = folded.start;
        while i < folded.end {
            let (start, end) = (self.starts[i], self.ends[i]);
            let mut j = i + 1;
            while j < folded.end && self.starts[j] == start && self.ends[j] == end {
                j += 1;
            }
            let source = &text[start as usize..end as usize];
            let mut chars = source.chars();
            let before = out.text.len();
            match (chars.next(), chars.next()) {
                (Some(c), None) => out.push_char(c, 0, 0),
                _ => match decode_entity(source) {
                    Some((decoded, len)) if len == source.len() => {
                        decoded.chars().for_each(|c| out.push_char(c, 0, 0));
                    }
                    // Characters composed in folding (`O` + U+0308).
                    _ if fold_with(source, false) == self.text[i..j] => {
                        source.chars().for_each(|c| out.push_char(c, 0, 0));
                    }
                    // Another decoded piece (an escape): as folded.
                    _ => out.text.push_str(&self.text[i..j]),
                },
            }
            map.extend(std::iter::repeat_n(
                (i as u32, j as u32),
                out.text.len() - before,
            ));
            i = j;
        }
        (out.text, map)
    }

    /// Ends the current block.
    pub fn break_block(&mut self) {
        self.in_url = false;
        match self.text.as_bytes().last() {
            None | Some(&BLOCK_BREAK) => {}
            Some(b' ') => {
                // Trailing whitespace of a block carries no meaning.
                let at = self.text.len() - 1;
                self.text.replace_range(at.., "\n");
            }
            Some(_) => {
                let at = self.ends.last().map_or(0, |&e| e as usize);
                self.push_folded("\n", at, at);
            }
        }
    }

    /// Pushes text that is exactly `text[at..at + piece.len()]` of the source.
    pub fn push_exact(&mut self, piece: &str, at: usize) {
        let mut i = 0;
        if self.in_url {
            i = url_end(piece, 0, false);
            if i > 0 {
                self.push_opaque(at..at + i);
            }
            self.in_url = i == piece.len();
        }
        let mut urls = UrlFinder::new(piece, i);
        while i < piece.len() {
            if let Some(url) = urls.at(i) {
                self.push_opaque(at + i..at + url.end);
                self.in_url = url.end == piece.len();
                i = url.end;
                continue;
            }
            let b = piece.as_bytes()[i];
            if b == MASK {
                let run = piece.as_bytes()[i..]
                    .iter()
                    .take_while(|&&c| c == MASK)
                    .count();
                self.push_opaque(at + i..at + i + run);
                i += run;
            } else if is_plain_ascii(b) {
                // The common case, in bulk: a run of ASCII that is neither
                // space nor mask, up to the next URL.
                let stop = urls.next_start().unwrap_or(piece.len());
                let run = piece.as_bytes()[i..stop]
                    .iter()
                    .take_while(|&&c| is_plain_ascii(c))
                    .count();
                self.push_ascii_run(&piece[i..i + run], at + i);
                i += run;
            } else if b.is_ascii() {
                self.push_ascii(b, at + i);
                i += 1;
            } else {
                let c = piece[i..].chars().next().expect("non-empty");
                self.push_char(c, at + i, at + i + c.len_utf8());
                i += c.len_utf8();
            }
        }
    }

    /// Pushes decoded text (an entity, an escape) that came from `range` of
    /// the source: every character maps to the whole range.
    pub fn push_decoded(&mut self, piece: &str, range: Range<usize>) {
        if self.in_url && !piece.chars().any(char::is_whitespace) {
            return self.push_opaque(range);
        }
        for c in piece.chars() {
            self.push_char(c, range.start, range.end);
        }
    }

    /// Pushes a stand-in for text that must not match (inline code, a URL).
    pub fn push_opaque(&mut self, range: Range<usize>) {
        self.push_folded("\u{FFFC}", range.start, range.end);
    }

    /// Pushes whitespace (a soft line break) that came from `range`.
    pub fn push_space(&mut self, range: Range<usize>) {
        self.push_whitespace(range.start, range.end);
    }

    fn push_ascii(&mut self, b: u8, at: usize) {
        match b {
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0B' | b'\x0C' => self.push_whitespace(at, at + 1),
            _ => {
                let folded = if self.keep_case {
                    b
                } else {
                    b.to_ascii_lowercase()
                };
                self.text.push(folded as char);
                self.starts.push(at as u32);
                self.ends.push(at as u32 + 1);
            }
        }
    }

    /// Pushes ASCII bytes that are neither whitespace nor [`MASK`], each
    /// mapping to itself.
    fn push_ascii_run(&mut self, run: &str, at: usize) {
        self.text.push_str(run);
        if !self.keep_case {
            let start = self.text.len() - run.len();
            self.text[start..].make_ascii_lowercase();
        }
        let (from, to) = (at as u32, (at + run.len()) as u32);
        self.starts.extend(from..to);
        self.ends.extend(from + 1..to + 1);
    }

    fn push_char(&mut self, c: char, start: usize, end: usize) {
        let mut buf = [0; 4];
        if c.is_ascii() {
            // Decoded ASCII maps to its whole range, so `push_ascii`'s
            // one-byte mapping does not apply.
            if (c as u8).is_ascii_whitespace() {
                return self.push_whitespace(start, end);
            }
            let folded = if self.keep_case {
                c
            } else {
                c.to_ascii_lowercase()
            };
            return self.push_folded(folded.encode_utf8(&mut buf), start, end);
        }
        match fold_typography(c) {
            Typography::Drop => {}
            Typography::Space => self.push_whitespace(start, end),
            Typography::Char(f) => self.push_folded(f.encode_utf8(&mut buf), start, end),
            Typography::Keep => self.push_normalized(c, start, end),
        }
    }

    /// Pushes a character in its compatibility form (fullwidth `Ａ` is `A`,
    /// `é` and `e` + U+0301 are one), case-folded unless case is kept, and
    /// composed with the character before it where Unicode composes the two:
    /// NFKC with case folding, one character at a time so every folded
    /// character still maps to its own source bytes.
    fn push_normalized(&mut self, c: char, start: usize, end: usize) {
        // Most characters have no decomposition: two table looks, no more.
        let mut same = true;
        decompose_compatible(c, |d| same &= d == c);
        if same || is_lettered_symbol(c) {
            return self.push_case_folded(c, start, end);
        }
        decompose_compatible(c, |d| self.push_case_folded(d, start, end));
    }

    fn push_case_folded(&mut self, c: char, start: usize, end: usize) {
        if self.keep_case {
            return self.push_composed(c, start, end);
        }
        for f in std::iter::once(c).default_case_fold() {
            self.push_composed(f, start, end);
        }
    }

    /// Pushes `c`, or, where it is a combining mark (or a Hangul vowel or
    /// final consonant) that composes with the folded character before it,
    /// replaces that character with the composition, mapped to both sources.
    fn push_composed(&mut self, c: char, start: usize, end: usize) {
        let mut buf = [0; 4];
        // Marks start at U+0300: Latin-1 and Latin Extended skip the lookup.
        let combining = c >= '\u{300}'
            && (is_combining_mark(c)
                || ('\u{1161}'..='\u{1175}').contains(&c)
                || ('\u{11A8}'..='\u{11C2}').contains(&c));
        if combining
            && let Some(last) = self.text.chars().next_back()
            && let Some(composed) = compose(last, c)
        {
            let at = self.text.len() - last.len_utf8();
            let from = self.starts[at] as usize;
            self.text.truncate(at);
            self.starts.truncate(at);
            self.ends.truncate(at);
            return self.push_folded(composed.encode_utf8(&mut buf), from, end);
        }
        self.push_folded(c.encode_utf8(&mut buf), start, end);
    }

    fn push_whitespace(&mut self, start: usize, end: usize) {
        self.in_url = false;
        match self.text.as_bytes().last() {
            None | Some(b' ') | Some(&BLOCK_BREAK) => {}
            Some(_) => self.push_folded(" ", start, end),
        }
    }

    fn push_folded(&mut self, s: &str, start: usize, end: usize) {
        self.text.push_str(s);
        self.starts
            .extend(std::iter::repeat_n(start as u32, s.len()));
        self.ends.extend(std::iter::repeat_n(end as u32, s.len()));
    }
}

enum Typography {
    Drop,
    Space,
    Char(char),
    Keep,
}

fn fold_typography(c: char) -> Typography {
    match c {
        // Soft hyphen, zero-width space/joiners, word joiner, BOM.
        '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {
            Typography::Drop
        }
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{FF07}' => {
            Typography::Char('\'')
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{FF02}' => {
            Typography::Char('"')
        }
        '\u{2010}' | '\u{2011}' => Typography::Char('-'),
        c if c.is_whitespace() => Typography::Space,
        _ => Typography::Keep,
    }
}

/// Folds a phrase from a phrasebook the way text is folded, so the two
/// compare byte for byte.
pub fn fold_phrase(phrase: &str) -> String {
    fold_with(phrase, false)
}

/// Folds typography and spacing of a phrase but keeps its case: what a
/// case-sensitive rule's match must equal.
pub fn fold_phrase_cased(phrase: &str) -> String {
    fold_with(phrase, true)
}

fn fold_with(phrase: &str, keep_case: bool) -> String {
    // ASCII, the usual phrase, folds to its words lower-cased, one space
    // apart, as `push_char` would make it; books of 10,000 phrases load
    // noticeably faster for not building a map per phrase.
    if phrase.is_ascii() {
        let mut out = phrase
            .split_ascii_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !keep_case {
            out.make_ascii_lowercase();
        }
        return out;
    }
    let mut folded = Folded {
        keep_case,
        ..Folded::default()
    };
    for (i, c) in phrase.char_indices() {
        folded.push_char(c, i, i + c.len_utf8());
    }
    folded.text.trim_end_matches(' ').to_owned()
}

/// Folds the non-ASCII characters of a regex the way text is folded (curly
/// quotes, special spaces, `ß`); ASCII is left alone, as it carries the
/// regex syntax (`\S`, `\W`) and case-insensitive matching covers its case.
pub fn fold_pattern(pattern: &str, keep_case: bool) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut escaped = false;
    for c in pattern.chars() {
        // An escaped character is syntax (`\ſ` is an error, not `\s`).
        if c.is_ascii() || escaped {
            out.push(c);
            escaped = c == '\\' && !escaped;
        } else {
            let folded = fold_with(&c.to_string(), keep_case);
            out.push_str(if folded.is_empty() && c.is_whitespace() {
                " "
            } else {
                &folded
            });
        }
    }
    out
}

/// A symbol whose compatibility form is letters or digits (`™` is `TM`,
/// `℃` is `°C`, `Ⓐ` is `A`, `㎏` is `kg`, `🄰` is `A`): it stays a symbol, so
/// `OpenAI™` still ends at `OpenAI`. Such symbols live in these blocks only
/// (letterlike symbols, enclosed alphanumerics, CJK compatibility and the
/// enclosed supplements), which spares the costly letter lookup elsewhere.
fn is_lettered_symbol(c: char) -> bool {
    matches!(c, '\u{2100}'..='\u{214F}' | '\u{2460}'..='\u{24FF}' | '\u{3200}'..='\u{33FF}' | '\u{1F100}'..='\u{1F2FF}')
        && !c.is_alphanumeric()
}

/// ASCII that folds to itself (lower-cased) and maps byte for byte.
fn is_plain_ascii(b: u8) -> bool {
    b.is_ascii() && !b.is_ascii_whitespace() && b != b'\x0B' && b != MASK
}

/// Whether a folded character counts as part of a word for whole-word matching.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || (!c.is_ascii() && is_combining_mark(c))
}

/// Whether a phrase that starts or ends with `c` must have a word boundary
/// there: a word character of a script written with spaces. Han, Kana, Thai
/// and the other scripts written without spaces need none (as prh, and as
/// the dictionary-based word breaking of UAX #29 would find the edge).
pub fn needs_boundary(c: char) -> bool {
    is_word_char(c) && !is_spaceless(c)
}

/// Whether the character `outside` a match's edge lets it end there: a
/// character that is not part of a word, or one of a script written without
/// spaces next to one that is (a change of script is a word boundary,
/// `OpenAIを`).
pub fn is_boundary_beside(outside: Option<char>) -> bool {
    outside.is_none_or(|c| !is_word_char(c) || is_spaceless(c))
}

/// Scripts written without spaces between words: Han (with its iteration
/// and closing marks), Hiragana, Katakana (with its prolonged sound mark),
/// Bopomofo, Yi, Thai, Lao, Khmer, Myanmar, Tai Tham and New Tai Lue. A
/// table of blocks rather than a script-property lookup: the edges of a
/// match are the only characters asked about, and these blocks hold no
/// character of a spaced script. Korean is written with spaces and keeps
/// word boundaries.
fn is_spaceless(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0EFF}' // Thai, Lao
        | '\u{1000}'..='\u{109F}' // Myanmar
        | '\u{1780}'..='\u{17FF}' | '\u{19E0}'..='\u{19FF}' // Khmer
        | '\u{1980}'..='\u{19DF}' // New Tai Lue
        | '\u{1A20}'..='\u{1AAF}' // Tai Tham
        | '\u{2E80}'..='\u{2FDF}' // CJK and Kangxi radicals
        | '\u{3005}'..='\u{3007}' | '\u{3021}'..='\u{3029}' | '\u{3038}'..='\u{303C}'
        | '\u{3040}'..='\u{30FF}' // Hiragana, Katakana
        | '\u{3100}'..='\u{312F}' | '\u{31A0}'..='\u{31BF}' // Bopomofo
        | '\u{31F0}'..='\u{31FF}' // Katakana phonetic extensions
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' // Han
        | '\u{A000}'..='\u{A4CF}' // Yi
        | '\u{A9E0}'..='\u{A9FF}' | '\u{AA60}'..='\u{AA7F}' // Myanmar extensions
        | '\u{F900}'..='\u{FAFF}' // Han compatibility ideographs
        | '\u{FF66}'..='\u{FF9F}' // halfwidth Katakana
        | '\u{16FE0}'..='\u{16FFF}' | '\u{1AFF0}'..='\u{1B16F}' // Kana extensions
        | '\u{20000}'..='\u{3FFFF}' // Han extensions
    )
}

/// Longest named character reference HTML defines (`&CounterClockwiseContourIntegral;`).
const MAX_REFERENCE: usize = 33;

/// `&name;`, `&#NN;` or `&#xHH;` at the start of `s`: the decoded text and
/// the reference's length. Looks no further than the longest reference, so a
/// run of `&`s costs linear time.
pub fn decode_entity(s: &str) -> Option<(String, usize)> {
    if !s.starts_with('&') {
        return None;
    }
    if s.starts_with("&#") {
        return numeric_reference(s);
    }
    // A name is letters and digits; only a `;` right after it ends it (the
    // one of a later reference does not).
    let name = s.as_bytes()[1..]
        .iter()
        .take(MAX_REFERENCE)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if s.as_bytes().get(1 + name) == Some(&b';') {
        let reference = &s[..name + 2];
        let decoded = html_escape::decode_html_entities(reference);
        if decoded != reference {
            return Some((decoded.into_owned(), name + 2));
        }
    }
    legacy_reference(s)
}

/// Named references browsers decode without their `;` (`Caf&eacute au
/// lait`): the HTML standard's 106 legacy names, Latin-1's letters and
/// signs among them; the longest that starts `s` wins (`&notit` is `¬it`).
fn legacy_reference(s: &str) -> Option<(String, usize)> {
    const LEGACY: &[&str] = &[
        "AElig", "AMP", "Aacute", "Acirc", "Agrave", "Aring", "Atilde", "Auml", "COPY", "Ccedil",
        "ETH", "Eacute", "Ecirc", "Egrave", "Euml", "GT", "Iacute", "Icirc", "Igrave", "Iuml",
        "LT", "Ntilde", "Oacute", "Ocirc", "Ograve", "Oslash", "Otilde", "Ouml", "QUOT", "REG",
        "THORN", "Uacute", "Ucirc", "Ugrave", "Uuml", "Yacute", "aacute", "acirc", "acute",
        "aelig", "agrave", "amp", "aring", "atilde", "auml", "brvbar", "ccedil", "cedil", "cent",
        "copy", "curren", "deg", "divide", "eacute", "ecirc", "egrave", "eth", "euml", "frac12",
        "frac14", "frac34", "gt", "iacute", "icirc", "iexcl", "igrave", "iquest", "iuml", "laquo",
        "lt", "macr", "micro", "middot", "nbsp", "not", "ntilde", "oacute", "ocirc", "ograve",
        "ordf", "ordm", "oslash", "otilde", "ouml", "para", "plusmn", "pound", "quot", "raquo",
        "reg", "sect", "shy", "sup1", "sup2", "sup3", "szlig", "thorn", "times", "uacute", "ucirc",
        "ugrave", "uml", "uuml", "yacute", "yen", "yuml",
    ];
    let name = LEGACY
        .iter()
        .filter(|name| s[1..].starts_with(**name))
        .max_by_key(|name| name.len())?;
    let decoded = html_escape::decode_html_entities(&format!("&{name};")).into_owned();
    Some((decoded, 1 + name.len()))
}

/// A numeric reference (`&#146;`, `&#x2019`, with or without its `;`) as
/// the HTML standard decodes it: 128 to 159 through Windows-1252 (Word's
/// HTML export writes `&#146;` for a right single quote), and zero, a
/// surrogate or a value past Unicode as U+FFFD; `None` without digits.
fn numeric_reference(s: &str) -> Option<(String, usize)> {
    /// Windows-1252's characters for 0x80 to 0x9F; 0 where the byte has
    /// none (the code point stays).
    const WINDOWS_1252: [u16; 32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
        0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
        0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ];
    let rest = s.strip_prefix("&#")?;
    let hex = rest.starts_with(['x', 'X']);
    let digits = &rest[usize::from(hex)..];
    let radix = if hex { 16 } else { 10 };
    let len = digits
        .bytes()
        .take_while(|b| (*b as char).is_digit(radix))
        .count();
    if len == 0 {
        return None;
    }
    // Past Unicode is U+FFFD, however many digits: saturate, never overflow.
    let code = digits[..len].chars().fold(0u32, |n, d| {
        n.saturating_mul(radix)
            .saturating_add(d.to_digit(radix).unwrap_or(0))
            .min(0x11_0000)
    });
    let code = match code {
        0x80..=0x9F => match WINDOWS_1252[(code - 0x80) as usize] {
            0 => code,
            mapped => u32::from(mapped),
        },
        _ => code,
    };
    let c = char::from_u32(code)
        .filter(|&c| c != '\0')
        .unwrap_or(char::REPLACEMENT_CHARACTER);
    let semicolon = digits[len..].starts_with(';');
    Some((
        c.to_string(),
        2 + usize::from(hex) + len + usize::from(semicolon),
    ))
}

/// Finds URLs (`scheme://…`, `www.…`, `mailto:…`) in a piece of prose so they
/// are never matched: a phrase inside a link target is not copy.
///
/// Each kind of marker is searched for once and again only after it is
/// passed, so a piece costs linear time however many markers it holds.
struct UrlFinder<'a> {
    piece: &'a str,
    bytes: &'a [u8],
    /// Next position of each marker (`://`, `www.`, `mailto:`) at or after
    /// `from`, once searched.
    markers: [Option<Option<usize>>; 3],
    from: usize,
    next: Option<Range<usize>>,
}

const MARKERS: [&[u8]; 3] = [b"://", b"www.", b"mailto:"];

impl<'a> UrlFinder<'a> {
    fn new(piece: &'a str, from: usize) -> UrlFinder<'a> {
        let mut finder = UrlFinder {
            piece,
            bytes: piece.as_bytes(),
            markers: [None; 3],
            from,
            next: None,
        };
        finder.advance();
        finder
    }

    /// Where the next URL starts, if one does.
    fn next_start(&self) -> Option<usize> {
        self.next.as_ref().map(|r| r.start)
    }

    /// The URL starting at `i`, if one does.
    fn at(&mut self, i: usize) -> Option<Range<usize>> {
        let next = self.next.clone()?;
        if next.start != i {
            return None;
        }
        self.from = next.end;
        self.advance();
        Some(next)
    }

    fn marker(&mut self, kind: usize, from: usize) -> Option<usize> {
        if let Some(Some(at)) = self.markers[kind]
            && at >= from
        {
            return Some(at);
        }
        if self.markers[kind] == Some(None) {
            return None;
        }
        let found = find_marker(&self.bytes[from..], MARKERS[kind]);
        self.markers[kind] = Some(found.map(|i| from + i));
        self.markers[kind].flatten()
    }

    fn advance(&mut self) {
        self.next = None;
        let mut search = self.from;
        loop {
            let found = (0..3)
                .filter_map(|k| self.marker(k, search).map(|at| (at, k)))
                .min();
            let Some((marker, kind)) = found else { return };
            let bytes = self.bytes;
            let start = if kind == 0 {
                // A scheme: letters, digits, `+` and `-` back to a letter.
                let mut s = marker;
                while s > self.from
                    && (bytes[s - 1].is_ascii_alphanumeric() || b"+-".contains(&bytes[s - 1]))
                {
                    s -= 1;
                }
                while s < marker && !bytes[s].is_ascii_alphabetic() {
                    s += 1;
                }
                s
            } else {
                marker
            };
            let at_word_start = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
            let end = url_end(self.piece, marker, true);
            let has_scheme = kind != 0 || start < marker;
            if has_scheme && at_word_start && end > marker + MARKERS[kind].len() {
                self.next = Some(start..end);
                return;
            }
            search = marker + 1;
        }
    }
}

/// Where `needle` (a marker: letters, then punctuation) first occurs in
/// `bytes`, letters in any case. Searched by its first punctuation byte,
/// which is rare in prose (`:` or `.`), never by a common letter.
fn find_marker(bytes: &[u8], needle: &[u8]) -> Option<usize> {
    let anchor = needle
        .iter()
        .position(|b| !b.is_ascii_alphabetic())
        .expect("markers hold punctuation");
    memchr::memchr_iter(needle[anchor], bytes.get(anchor..)?).find(|&i| {
        bytes
            .get(i..i + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
    })
}

/// A URL runs to the next whitespace (any Unicode space) or angle bracket or
/// quote; `trim` drops the trailing punctuation of the sentence around it.
fn url_end(piece: &str, from: usize, trim: bool) -> usize {
    let bytes = piece.as_bytes();
    let len = piece[from..]
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
        .unwrap_or(piece.len() - from);
    let mut end = from + len;
    while trim && end > from && b".,;:!?)]'".contains(&bytes[end - 1]) {
        end -= 1;
    }
    end
}
