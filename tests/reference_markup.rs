//! Property: findings on Markdown and HTML with random markup, whitespace,
//! case and typography equal those of a reference matcher written plainly
//! here, run on the plain words the document was made from.
//!
//! A document is generated as blocks of words (a few are code or URLs,
//! which hide what is in them); it is rendered with random emphasis, links,
//! inline HTML, line breaks, no-break spaces, curly or entity apostrophes
//! and upper or title case, recording where each plain character went. The
//! reference lower-cases the plain text, finds every phrase at whole-word
//! boundaries, keeps per rule the leftmost-longest non-overlapping matches,
//! and maps them to source bytes. `PROPTEST_CASES` sets the number of
//! documents (default 20,000, about ten seconds).

use std::ops::Range;
use std::sync::OnceLock;

use phraselint::catalog::Catalog;
use phraselint::extract::FileKind;
use phraselint::lint::{Linter, Scratch};
use phraselint::phrasebook::Phrasebook;
use proptest::prelude::*;

const WORDS: &[&str] = &[
    "enables",
    "access",
    "calls",
    "on",
    "gpt",
    "partner's",
    "models",
    "powered",
    "by",
    "café",
    "the",
    "direct",
    "ai",
];
/// Stands for a code span in the plain text: no phrase may match or cross it.
const HIDDEN: char = '\u{FFFC}';

/// Rules, each a list of phrases; phrases overlap within and across rules.
const RULES: &[&[&str]] = &[
    &["enables access", "enables direct access", "direct access"],
    &["calls on", "calls on gpt", "on gpt"],
    &["partner's models", "partner's"],
    &["powered by", "powered by the ai"],
    &["café"],
    &["access", "the"],
    &["gpt models", "models powered"],
];

fn linter() -> &'static Linter {
    static SET: OnceLock<Linter> = OnceLock::new();
    SET.get_or_init(|| {
        let mut yaml = String::from("phrasebook: r\nversion: 1.0.0\nschema: 1\nrules:\n");
        for (i, phrases) in RULES.iter().enumerate() {
            let list: Vec<String> = phrases.iter().map(|p| format!("{p:?}")).collect();
            yaml.push_str(&format!(
                "  - id: r{i}\n    banned: [{}]\n    message: m\n",
                list.join(", ")
            ));
        }
        Linter::with_defaults(Catalog::new(vec![
            Phrasebook::parse(&yaml, "r.yaml").expect("valid book"),
        ]))
    })
}

/// The reference: `(rule, plain char range)` of every finding.
fn reference(plain: &[char]) -> Vec<(usize, Range<usize>)> {
    let lower: Vec<char> = plain.iter().flat_map(|c| c.to_lowercase()).collect();
    assert_eq!(
        lower.len(),
        plain.len(),
        "the vocabulary lower-cases char for char"
    );
    let is_word = |i: usize| {
        lower
            .get(i)
            .is_some_and(|c| c.is_alphanumeric() || *c == '_')
    };
    let mut found = Vec::new();
    for (rule, phrases) in RULES.iter().enumerate() {
        let mut hits: Vec<Range<usize>> = Vec::new();
        for phrase in phrases.iter() {
            let p: Vec<char> = phrase.chars().collect();
            for start in 0..lower.len() {
                let end = start + p.len();
                if lower.get(start..end) == Some(&p[..])
                    && (start == 0 || !is_word(start - 1))
                    && !is_word(end)
                {
                    hits.push(start..end);
                }
            }
        }
        // Leftmost, then longest; skip what overlaps a kept one.
        hits.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        let mut kept_end = 0;
        for h in hits {
            if h.start >= kept_end {
                kept_end = h.end;
                found.push((rule, h));
            }
        }
    }
    found
}

#[derive(Debug, Clone)]
struct Word {
    /// Index into WORDS, or None for a hidden token.
    word: Option<usize>,
    case: u8,
    curly: bool,
    /// The separator after this word, inside its block.
    sep: u8,
    /// Markup opening before this word and closing after `span` more words.
    markup: u8,
    span: usize,
}

fn word() -> impl Strategy<Value = Word> {
    (
        prop_oneof![9 => (0..WORDS.len()).prop_map(Some), 1 => Just(None)],
        0..3u8,
        any::<bool>(),
        0..6u8,
        0..8u8,
        0..3usize,
    )
        .prop_map(|(word, case, curly, sep, markup, span)| Word {
            word,
            case,
            curly,
            sep,
            markup,
            span,
        })
}

/// Renders the blocks; returns the source and, for each plain character
/// (blocks joined by `\n`, words by one space), its source byte range.
fn render(blocks: &[Vec<Word>], html: bool, seed: u8) -> (String, Vec<char>, Vec<Range<usize>>) {
    let (mut src, mut plain, mut map) = (String::new(), Vec::new(), Vec::new());
    for (b, block) in blocks.iter().enumerate() {
        if b > 0 {
            plain.push('\n');
            map.push(src.len()..src.len());
            src.push_str(if html { "</p>\n<p>" } else { "\n\n" });
        } else if html {
            src.push_str("<p>");
        }
        // Some Markdown blocks are headings, which end at their line's end.
        let heading = !html && (b + seed as usize) % 4 == 1;
        if heading {
            src.push_str("## ");
        }
        let mut closes: Vec<(usize, &str)> = Vec::new();
        for (i, w) in block.iter().enumerate() {
            // Markup opens only where nothing is open: never nested, never
            // crossing, never leaving a block.
            if closes.is_empty() && w.word.is_some() {
                let last = (i + w.span).min(block.len() - 1);
                let (open, close) = match (w.markup, html) {
                    (0, false) => ("**", "**"),
                    (1, false) => ("*", "*"),
                    (2, false) => ("[", "](https://example.com/enables-access)"),
                    (3, _) => ("<b>", "</b>"),
                    (0, true) => ("<em>", "</em>"),
                    (1, true) => ("<a href=\"https://example.com/calls-on-gpt\">", "</a>"),
                    (2, true) => ("<span class=\"x\">", "</span>"),
                    _ => ("", ""),
                };
                if !open.is_empty() && block[i..=last].iter().all(|w| w.word.is_some()) {
                    src.push_str(open);
                    closes.push((last, close));
                }
            }
            match w.word {
                None => {
                    plain.push(HIDDEN);
                    let start = src.len();
                    src.push_str(if html {
                        "<code>calls on gpt</code>"
                    } else {
                        "`calls on gpt`"
                    });
                    map.push(start..src.len());
                }
                Some(k) => {
                    for c in WORDS[k].chars() {
                        plain.push(c);
                        let start = src.len();
                        match (c, w.curly, html) {
                            ('\'', true, true) => src.push_str("&rsquo;"),
                            ('\'', true, false) => src.push('\u{2019}'),
                            (c, ..) if w.case == 1 => src.extend(c.to_uppercase()),
                            (c, ..) if w.case == 2 && plain.len() == 1 => {
                                src.extend(c.to_uppercase())
                            }
                            (c, ..) => src.push(c),
                        }
                        map.push(start..src.len());
                    }
                }
            }
            if let Some(&(last, close)) = closes.last()
                && last == i
            {
                src.push_str(close);
                closes.pop();
            }
            if i + 1 < block.len() {
                plain.push(' ');
                let start = src.len();
                src.push_str(match (w.sep, html) {
                    (1, _) => "  ",
                    (2, _) if !heading => "\n",
                    (3, false) => "\u{a0}",
                    (3, true) => "&nbsp;",
                    (4, _) => " \t ",
                    _ => " ",
                });
                map.push(start..src.len());
            }
        }
    }
    if html {
        src.push_str("</p>\n");
    } else {
        src.push('\n');
    }
    (src, plain, map)
}

fn blocks() -> impl Strategy<Value = Vec<Vec<Word>>> {
    prop::collection::vec(prop::collection::vec(word(), 1..14), 1..4)
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn findings_equal_the_reference_matcher(blocks in blocks(), html in any::<bool>(), seed in 0..4u8) {
        let (src, plain, map) = render(&blocks, html, seed);
        let expected: Vec<(usize, usize, usize)> = reference(&plain)
            .into_iter()
            .map(|(rule, r)| (rule, map[r.start].start, map[r.end - 1].end))
            .collect();
        let kind = if html { FileKind::Html } else { FileKind::Markdown };
        let outcome = linter().lint_text(kind, src.as_bytes(), &mut Scratch::default());
        // UTF-8 text: spans are byte offsets in the file.
        let mut got: Vec<(usize, usize, usize)> = outcome
            .findings
            .iter()
            .map(|f| (f.rule.index(), f.span.start, f.span.end))
            .collect();
        let mut expected = expected;
        got.sort();
        expected.sort();
        prop_assert_eq!(got, expected, "{}\nplain: {:?}", src, plain.iter().collect::<String>());
    }
}
