//! HTML: web pages, and the raw HTML inside Markdown, through the tokenizer
//! in `html_tokens` (the WHATWG states that matter for text, with spans).
//!
//! Visible text and the attributes people read (`alt`, `title`,
//! `aria-label`, `placeholder`, meta description, `og:title`,
//! `og:description`) are prose; `script`, `style`, `template`, `code` and
//! `pre` content and comments are not; comments are read for suppressions.
//! Block elements end a block; inline ones (`b`, `a`, `span`…) do not split
//! a phrase. Text is pushed from its source bytes with character references
//! decoded one by one, so spans point at the exact source.

use std::ops::Range;

use super::directive::{Directive, offset_in, parse_directive};
use super::html_tokens::{Attribute, Token, tokenize};
use crate::text::fold::{Folded, decode_entity};

/// Elements whose content is not prose.
const SKIPPED: &[&str] = &["script", "style", "template", "code", "pre", "svg", "math"];

/// Elements that start and end a block: a phrase never runs across them.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "button",
    "center",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "noscript",
    "ol",
    "optgroup",
    "option",
    "p",
    "section",
    "select",
    "summary",
    "table",
    "tbody",
    "td",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

/// Attributes whose values people read.
const READ_ATTRIBUTES: &[&str] = &["alt", "title", "aria-label", "placeholder"];

/// `<meta name|property=…>` whose `content` is copy.
const READ_META: &[&str] = &[
    "description",
    "og:title",
    "og:description",
    "twitter:title",
    "twitter:description",
];

/// Skipped elements that a block's end closes when their own end tag is
/// missing, as browsers do (`<div><pre>x</div>` ends the `pre`).
const CLOSED_BY_BLOCKS: &[&str] = &["code", "pre", "svg", "math"];

/// Skipped elements that show text in its place: a phrase must not join
/// the words on either side of a code sample (`models <code>x</code>
/// powered` is not "models powered"), so they leave an opaque stand-in.
/// Scripts and styles show nothing, and an inline icon is like an image.
const SHOWN: &[&str] = &["code", "pre", "math"];

/// Extracts HTML; keeps what carries over between pieces of one document
/// (inside `<code>` until `</code>`, even across Markdown inline tags) and
/// the readable attributes met inside the current block.
#[derive(Default)]
pub struct HtmlExtractor {
    /// The skipped element we are in, and how deep in same-named ones.
    skip_until: Option<(String, usize)>,
    /// Where it started in the source.
    skip_start: usize,
    /// Attribute and meta values (source byte runs), pushed as blocks of
    /// their own when the block they stand in ends, so an `<img alt>` in a
    /// sentence does not split it.
    pending: Vec<Vec<Range<usize>>>,
}

impl HtmlExtractor {
    pub fn skipping(&self) -> bool {
        self.skip_until.is_some()
    }

    /// A Markdown block ended: push its attribute values, and forget an
    /// inline `<code>` left open in it.
    pub fn end_block(&mut self, text: &str, folded: &mut Folded) {
        self.skip_until = None;
        self.flush(text, folded);
    }

    /// Ends the current block: pushes the attribute values read in it.
    fn flush(&mut self, text: &str, folded: &mut Folded) {
        folded.break_block();
        for runs in self.pending.drain(..) {
            for run in runs {
                push_text(&text[run.clone()], run.start, folded);
            }
            folded.break_block();
        }
    }

    /// Extracts the HTML made of `pieces` of `text` read one after another
    /// (one piece for a page; a Markdown HTML block comes line by line,
    /// without the container markers between its lines).
    pub fn scan(
        &mut self,
        text: &str,
        pieces: &[Range<usize>],
        folded: &mut Folded,
        directives: &mut Vec<Directive>,
    ) {
        let map = PieceMap::new(text, pieces);
        tokenize(&map.input, |token| match token {
            Token::StartTag {
                name,
                attributes,
                self_closing,
                range,
            } => self.start_tag(
                name,
                self_closing,
                attributes,
                &map,
                map.source(range.start),
                folded,
            ),
            Token::EndTag { name, range } => {
                self.end_tag(name, &map, map.source(range.start), folded)
            }
            Token::Text(range) => {
                if !self.skipping() {
                    map.push_text(range, folded);
                }
            }
            Token::RawText(_) => {}
            Token::Comment { body, range } => {
                let body = map.input[body].trim();
                let at = offset_in(&map.input, body);
                let range = map.source(range.start)..map.source_end(range.end);
                let in_text =
                    |r: Range<usize>| map.source(at + r.start)..map.source_end(at + r.end);
                if let Some(d) = parse_directive(body, range, in_text) {
                    directives.push(d);
                }
            }
        });
    }

    fn start_tag(
        &mut self,
        name: &str,
        self_closing: bool,
        attributes: &[Attribute],
        map: &PieceMap,
        at: usize,
        folded: &mut Folded,
    ) {
        if let Some((skip, depth)) = &mut self.skip_until {
            if skip == name {
                *depth += 1;
            }
            return;
        }
        let named =
            |a: &Attribute, wanted: &str| map.input[a.name.clone()].eq_ignore_ascii_case(wanted);
        // The first of a repeated attribute counts, as in browsers.
        let value = |wanted: &str| {
            attributes
                .iter()
                .find(|a| named(a, wanted))
                .and_then(|a| a.value.clone())
        };
        for wanted in READ_ATTRIBUTES {
            if let Some(range) = value(wanted) {
                self.pending.push(map.source_runs(range));
            }
        }
        if name == "meta" {
            let key = value("name").or_else(|| value("property"));
            let key = key.map(|r| map.input[r].to_ascii_lowercase());
            if key.is_some_and(|k| READ_META.contains(&k.as_str()))
                && let Some(content) = value("content")
            {
                self.pending.push(map.source_runs(content));
            }
        }
        // A `/` on an HTML start tag changes nothing: `<code/>` still opens.
        let _ = self_closing;
        if SKIPPED.contains(&name) {
            self.skip_until = Some((name.to_owned(), 0));
            self.skip_start = at;
        } else if BLOCKS.contains(&name) {
            self.flush(map.text, folded);
        } else if name == "br" {
            folded.push_space(at..at + 1);
        }
    }

    fn end_tag(&mut self, name: &str, map: &PieceMap, at: usize, folded: &mut Folded) {
        match &mut self.skip_until {
            Some((skip, depth)) if skip == name => {
                if *depth == 0 {
                    if SHOWN.contains(&name) {
                        folded.push_opaque(self.skip_start..at);
                    }
                    self.skip_until = None;
                } else {
                    *depth -= 1;
                }
            }
            Some((skip, _))
                if CLOSED_BY_BLOCKS.contains(&skip.as_str()) && BLOCKS.contains(&name) =>
            {
                self.skip_until = None;
                self.flush(map.text, folded);
            }
            Some(_) => {}
            None if BLOCKS.contains(&name) => self.flush(map.text, folded),
            // `</br>` is read as `<br>`.
            None if name == "br" => folded.push_space(at..at + 1),
            None => {}
        }
    }
}

/// The tokenizer's input made of pieces of the source, and the way back.
struct PieceMap<'a> {
    text: &'a str,
    input: std::borrow::Cow<'a, str>,
    /// (input offset, source offset, length) of each piece.
    pieces: Vec<(usize, usize, usize)>,
}

impl<'a> PieceMap<'a> {
    fn new(text: &'a str, pieces: &[Range<usize>]) -> PieceMap<'a> {
        let mut map = Vec::with_capacity(pieces.len());
        let input = if let [one] = pieces {
            map.push((0, one.start, one.len()));
            std::borrow::Cow::Borrowed(&text[one.clone()])
        } else {
            let mut joined = String::new();
            for p in pieces {
                map.push((joined.len(), p.start, p.len()));
                joined.push_str(&text[p.clone()]);
            }
            std::borrow::Cow::Owned(joined)
        };
        PieceMap {
            text,
            input,
            pieces: map,
        }
    }

    fn piece(&self, at: usize) -> (usize, usize, usize) {
        let i = self.pieces.partition_point(|p| p.0 <= at).saturating_sub(1);
        self.pieces[i]
    }

    /// The source offset of an input offset.
    fn source(&self, at: usize) -> usize {
        let (input, source, _) = self.piece(at);
        source + (at - input)
    }

    /// The source offset of an input end offset (the end of the piece it
    /// closes rather than the start of the next).
    fn source_end(&self, at: usize) -> usize {
        if at == 0 {
            return self.source(0);
        }
        self.source(at - 1) + 1
    }

    /// The source runs an input range covers (one, unless it crosses pieces).
    fn source_runs(&self, range: Range<usize>) -> Vec<Range<usize>> {
        let mut runs = Vec::new();
        let mut at = range.start;
        while at < range.end {
            let (input, source, len) = self.piece(at);
            let end = range.end.min(input + len);
            let start = source + (at - input);
            runs.push(start..start + (end - at));
            at = end;
        }
        runs
    }

    /// Pushes input text, piece by piece, with character references decoded.
    fn push_text(&self, range: Range<usize>, folded: &mut Folded) {
        let mut at = range.start;
        while at < range.end {
            let (input, source, len) = self.piece(at);
            let end = range.end.min(input + len);
            push_text(&self.input[at..end], source + (at - input), folded);
            at = end;
        }
    }
}

/// Text with character references decoded, each mapped to its own bytes.
fn push_text(piece: &str, at: usize, folded: &mut Folded) {
    let mut done = 0;
    for i in memchr::memchr_iter(b'&', piece.as_bytes()) {
        if i < done {
            continue;
        }
        if let Some((decoded, len)) = decode_entity(&piece[i..]) {
            folded.push_exact(&piece[done..i], at + done);
            folded.push_decoded(&decoded, at + i..at + i + len);
            done = i + len;
        }
    }
    folded.push_exact(&piece[done..], at + done);
}
