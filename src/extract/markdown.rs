//! Markdown through pulldown-cmark: prose is pushed with its source offsets;
//! code, URLs, link destinations and HTML tags are not; HTML comments are
//! read for suppressions; front-matter keys are read as prose.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::directive::Directive;
use super::html::HtmlExtractor;
use super::parser_copy::ParserCopy;
use super::{ExtractOptions, mdx, push_parsed};
use crate::text::fold::Folded;

/// How the body after the front matter is read.
pub enum Flavor<'a> {
    CommonMark,
    /// MDX, whose component lines (read apart, as HTML) are these.
    Mdx {
        components: &'a [Range<usize>],
    },
}

pub fn extract(
    text: &str,
    options: &ExtractOptions,
    flavor: Flavor,
    folded: &mut Folded,
    directives: &mut Vec<Directive>,
) {
    let body_start = front_matter(text, options.front_matter_keys, folded);
    let (copy, mdx_levels) = match flavor {
        Flavor::CommonMark => (ParserCopy::whole(text, body_start), None),
        Flavor::Mdx { components } => (
            mdx::flow_copy(text, body_start, components),
            Some(MDX_LEVELS),
        ),
    };
    read(text, &copy, mdx_levels, folded, directives);
}

/// MDX has no indented code blocks, and pulldown-cmark has no option to turn
/// them off; what it reads as one (content indented inside JSX) is read
/// again as Markdown: the block's lines as pulldown-cmark gives them, their
/// container markers and four columns of indentation gone, so nested lists,
/// quotes and fences keep their structure. This many levels deep (each four
/// columns deeper); past them the lines are read as prose, so a staircase of
/// indentation costs linear time.
const MDX_LEVELS: usize = 8;

/// Reads one Markdown document: `copy` is what pulldown-cmark parses, `text`
/// what its offsets map back to. `mdx_levels`: for MDX, how many more levels
/// of indented code are read again as Markdown.
fn read(
    text: &str,
    copy: &ParserCopy,
    mdx_levels: Option<usize>,
    folded: &mut Folded,
    directives: &mut Vec<Directive>,
) {
    let parser_options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let mut code_block = false;
    // MDX: the indented code block being collected, to be read again.
    let mut indented: Option<ParserCopy> = None;
    let mut autolink = false;
    let mut in_html_block = false;
    let mut image_depth = 0usize;
    let mut html_pieces: Vec<Range<usize>> = Vec::new();
    let mut html = HtmlExtractor::default();
    for (event, range) in Parser::new_ext(&copy.text, parser_options).into_offset_iter() {
        let range = copy.range(range);
        match event {
            Event::Start(tag) => match tag {
                Tag::CodeBlock(CodeBlockKind::Indented) if mdx_levels.is_some() => {
                    indented = Some(ParserCopy::empty());
                }
                Tag::CodeBlock(_) => code_block = true,
                Tag::HtmlBlock => {
                    in_html_block = true;
                    html_pieces.clear();
                }
                Tag::Link { link_type, .. } => {
                    autolink = matches!(
                        link_type,
                        pulldown_cmark::LinkType::Autolink | pulldown_cmark::LinkType::Email
                    );
                }
                // Alt text is its own block: it is read apart from the
                // sentence around the image. A nested image's alt text is
                // part of it (CommonMark: alt text is the plain text of the
                // content), so `![enables ![access](a.png)](b.png)` reads
                // "enables access".
                Tag::Image { .. } => {
                    if image_depth == 0 {
                        folded.break_block();
                    }
                    image_depth += 1;
                }
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript => {}
                _ => folded.break_block(),
            },
            Event::End(tag) => match tag {
                TagEnd::CodeBlock => {
                    code_block = false;
                    if let (Some(block), Some(levels @ 2..)) = (indented.take(), mdx_levels) {
                        read(text, &block, Some(levels - 1), folded, directives);
                    }
                }
                TagEnd::HtmlBlock => {
                    in_html_block = false;
                    html.scan(text, &html_pieces, folded, directives);
                    html.end_block(text, folded);
                }
                TagEnd::Link => autolink = false,
                TagEnd::Image => {
                    image_depth -= 1;
                    if image_depth == 0 {
                        html.end_block(text, folded);
                    }
                }
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript => {}
                // An unclosed inline `<code>` ends with its block.
                _ => html.end_block(text, folded),
            },
            Event::Text(piece) => {
                if let Some(block) = &mut indented {
                    if mdx_levels == Some(1) {
                        // The last level: prose as it stands.
                        push_parsed(folded, text, &piece, range);
                    } else {
                        block.push(text, range);
                    }
                    continue;
                }
                if code_block || html.skipping() {
                    continue;
                }
                if autolink {
                    folded.push_opaque(range);
                } else {
                    push_parsed(folded, text, &piece, range);
                }
            }
            Event::Code(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::FootnoteReference(_) => folded.push_opaque(range),
            Event::Html(_) if in_html_block => html_pieces.push(range),
            Event::Html(_) | Event::InlineHtml(_) => {
                html.scan(text, std::slice::from_ref(&range), folded, directives)
            }
            Event::SoftBreak | Event::HardBreak => folded.push_space(range),
            Event::Rule | Event::TaskListMarker(_) => folded.break_block(),
        }
    }
    html.end_block(text, folded);
}

/// Reads a YAML front matter (`---` … `---` or `...`) at the very start of the
/// file, pushes the values of `keys` as blocks of their own, and returns where
/// the Markdown body starts (0 when there is no front matter).
///
/// This reads the YAML subset front matter uses (one-line and multi-line
/// plain, quoted and block scalars) itself, because it must keep every
/// character's offset.
fn front_matter(text: &str, keys: &[String], folded: &mut Folded) -> usize {
    let mut lines = crate::text::lines::lines(text).peekable();
    match lines.next() {
        Some((_, first)) if first.trim_end() == "---" => {}
        _ => return 0,
    }
    // `---` followed by a blank line is a thematic break, not front matter.
    if lines.peek().is_none_or(|(_, l)| l.trim().is_empty()) {
        return 0;
    }
    let mut value = Value::None;
    let mut wanted = false;
    let mut any_key = false;
    for (at, line) in lines {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            if !any_key {
                break;
            }
            folded.break_block();
            return at + line.len();
        }
        let indented = line.starts_with([' ', '\t']);
        if trimmed.is_empty() || indented {
            if wanted {
                continue_value(&mut value, text, line, at, folded);
            }
            continue;
        }
        folded.break_block();
        value = Value::None;
        wanted = false;
        if trimmed.starts_with('#') {
            continue;
        }
        let Some((key, rest)) = trimmed.split_once(':') else {
            continue;
        };
        any_key = true;
        wanted = keys.iter().any(|k| k == key.trim());
        let lead = rest.len() - rest.trim_start().len();
        let start = at + key.len() + 1 + lead;
        value = start_value(rest.trim_start(), text, start, wanted, folded);
    }
    // No closing line, or no key: not front matter after all.
    folded.clear();
    0
}

/// The kind of scalar a front-matter value is, while its lines are read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Value {
    None,
    Plain,
    Double,
    Single,
    Block,
}

fn start_value(rest: &str, text: &str, at: usize, wanted: bool, folded: &mut Folded) -> Value {
    if rest.is_empty() || rest.starts_with(['|', '>']) {
        return Value::Block;
    }
    let (kind, body, body_at) = match rest.as_bytes()[0] {
        b'"' => (Value::Double, &rest[1..], at + 1),
        b'\'' => (Value::Single, &rest[1..], at + 1),
        _ => (Value::Plain, rest, at),
    };
    if !wanted {
        return kind;
    }
    push_scalar_line(kind, text, body, body_at, folded)
}

/// A continuation line of a multi-line value (or a blank line in it).
fn continue_value(value: &mut Value, text: &str, line: &str, at: usize, folded: &mut Folded) {
    let content = line.trim();
    if content.is_empty() {
        // A blank line in a block scalar is a paragraph break.
        if *value == Value::Block {
            folded.break_block();
        }
        return;
    }
    if *value == Value::None {
        return;
    }
    let start = at + (line.len() - line.trim_start().len());
    folded.push_space(start..start);
    *value = push_scalar_line(*value, text, content, start, folded);
}

/// Pushes one line of a scalar's text; returns the scalar kind still open
/// (`None` once a quoted scalar has closed).
fn push_scalar_line(kind: Value, text: &str, body: &str, at: usize, folded: &mut Folded) -> Value {
    match kind {
        Value::Double => push_quoted(body, at, folded, '"'),
        Value::Single => push_quoted(body, at, folded, '\''),
        Value::Plain => {
            let end = body
                .find(" #")
                .or_else(|| body.find("\t#"))
                .unwrap_or(body.len());
            folded.push_exact(&body[..end], at);
            Value::Plain
        }
        Value::Block | Value::None => {
            debug_assert_eq!(&text[at..at + body.len()], body);
            folded.push_exact(body, at);
            kind
        }
    }
}

/// A line of a quoted YAML scalar: exact runs between escapes, each escape
/// decoded with its own source range (`\"` in double quotes, `''` in single).
fn push_quoted(body: &str, at: usize, folded: &mut Folded, quote: char) -> Value {
    let mut run = 0;
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let escape = match (quote, c) {
            ('"', '\\') => chars.next().map(|(j, e)| {
                let digits = match e {
                    'x' => 2,
                    'u' => 4,
                    'U' => 8,
                    _ => 0,
                };
                let hex = body.get(j + 1..j + 1 + digits).unwrap_or("");
                for _ in 0..hex.chars().count() {
                    chars.next();
                }
                let decoded = if digits > 0 {
                    u32::from_str_radix(hex, 16)
                        .ok()
                        .and_then(char::from_u32)
                        .unwrap_or(crate::text::fold::OPAQUE)
                } else {
                    yaml_escape(e)
                };
                (decoded, 1 + e.len_utf8() + hex.len())
            }),
            ('\'', '\'') if chars.peek().is_some_and(|(_, n)| *n == '\'') => {
                chars.next();
                Some(('\'', 2))
            }
            _ if c == quote => {
                folded.push_exact(&body[run..i], at + run);
                return Value::None;
            }
            _ => continue,
        };
        folded.push_exact(&body[run..i], at + run);
        if let Some((decoded, len)) = escape {
            let mut buf = [0; 4];
            folded.push_decoded(decoded.encode_utf8(&mut buf), at + i..at + i + len);
            run = i + len;
        } else {
            run = body.len();
        }
    }
    folded.push_exact(&body[run..], at + run);
    if quote == '"' {
        Value::Double
    } else {
        Value::Single
    }
}

/// A YAML double-quoted escape's character (line breaks and tabs read as a
/// space, control characters as text that never matches).
fn yaml_escape(e: char) -> char {
    match e {
        'n' | 't' | 'r' | '_' | 'N' | 'L' | 'P' | ' ' => ' ',
        '0' | 'a' | 'b' | 'e' | 'f' | 'v' => crate::text::fold::OPAQUE,
        other => other,
    }
}
