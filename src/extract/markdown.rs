//! Markdown through pulldown-cmark: prose is pushed with its source offsets;
//! code, URLs, link destinations and HTML tags are not; HTML comments are
//! read for suppressions; front-matter keys are read as prose.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{ExtractOptions, html, push_parsed};
use crate::fold::Folded;
use crate::suppress::Directive;

pub fn extract(
    text: &str,
    options: &ExtractOptions,
    folded: &mut Folded,
    directives: &mut Vec<Directive>,
) {
    let body_start = front_matter(text, options.front_matter_keys, folded);
    let body = &text[body_start..];
    let parser_options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let mut code_block = false;
    let mut autolink = false;
    let mut html_block: Option<Range<usize>> = None;
    let mut html_state = html::State::default();
    for (event, range) in Parser::new_ext(body, parser_options).into_offset_iter() {
        let range = range.start + body_start..range.end + body_start;
        match event {
            Event::Start(tag) => match tag {
                Tag::CodeBlock(_) => code_block = true,
                Tag::HtmlBlock => html_block = Some(range),
                Tag::Link { link_type, .. } => {
                    autolink = matches!(
                        link_type,
                        pulldown_cmark::LinkType::Autolink | pulldown_cmark::LinkType::Email
                    );
                }
                // Alt text is its own block: it is read apart from the
                // sentence around the image.
                Tag::Image { .. } => folded.break_block(),
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript => {}
                _ => folded.break_block(),
            },
            Event::End(tag) => match tag {
                TagEnd::CodeBlock => code_block = false,
                TagEnd::HtmlBlock => {
                    if let Some(block) = html_block.take() {
                        html::scan(text, block, &mut html_state, folded, directives);
                    }
                    html_state = html::State::default();
                    folded.break_block();
                }
                TagEnd::Link => autolink = false,
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript => {}
                _ => {
                    // An unclosed inline `<code>` ends with its block.
                    html_state = html::State::default();
                    folded.break_block();
                }
            },
            Event::Text(piece) => {
                if code_block || html_state.skipping() {
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
            Event::Html(_) => {
                if let Some(block) = &mut html_block {
                    block.end = block.end.max(range.end);
                }
            }
            Event::InlineHtml(_) => html::scan(text, range, &mut html_state, folded, directives),
            Event::SoftBreak | Event::HardBreak => folded.push_space(range),
            Event::Rule | Event::TaskListMarker(_) => folded.break_block(),
        }
    }
}

/// Reads a YAML front matter (`---` … `---` or `...`) at the very start of the
/// file, pushes the values of `keys` as blocks of their own, and returns where
/// the Markdown body starts.
fn front_matter(text: &str, keys: &[String], folded: &mut Folded) -> usize {
    let mut lines = LineIter { text, at: 0 };
    match lines.next() {
        Some((_, first)) if first.trim_end() == "---" => {}
        _ => return 0,
    }
    let mut current: Option<bool> = None; // inside a block value: is it checked?
    while let Some((at, line)) = lines.next() {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            folded.break_block();
            return lines.at;
        }
        let indented = line.starts_with([' ', '\t']);
        if indented || trimmed.is_empty() {
            if current == Some(true) && !trimmed.is_empty() {
                let content = line.trim_start();
                let start = at + line.len() - content.len();
                folded.push_exact(content, start);
            }
            continue;
        }
        folded.break_block();
        current = None;
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let wanted = keys.iter().any(|k| k == key.trim());
        let value_start = at + key.len() + 1;
        let value = value.trim_end();
        let lead = value.len() - value.trim_start().len();
        let value = value.trim_start();
        if value.is_empty() || value.starts_with(['|', '>']) {
            current = Some(wanted);
        } else if wanted {
            push_scalar(text, value, value_start + lead, folded);
        }
    }
    // No closing line: not front matter after all.
    folded.clear();
    0
}

/// A one-line YAML scalar: quoted (without its quotes) or plain (without a
/// trailing comment).
fn push_scalar(text: &str, value: &str, at: usize, folded: &mut Folded) {
    let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'');
    let (inner, start) = match quote {
        Some(q) if value.len() >= 2 && value.ends_with(q) => (&value[1..value.len() - 1], at + 1),
        _ => (value.split(" #").next().unwrap_or(value), at),
    };
    if quote == Some('"') && inner.contains('\\') {
        let decoded = serde_yaml::from_str::<String>(value).unwrap_or_else(|_| inner.to_owned());
        folded.push_decoded(&decoded, start..start + inner.len());
    } else {
        debug_assert_eq!(&text[start..start + inner.len()], inner);
        folded.push_exact(inner, start);
    }
}

/// Lines with their start offsets, line ends included.
struct LineIter<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for LineIter<'a> {
    type Item = (usize, &'a str);
    fn next(&mut self) -> Option<(usize, &'a str)> {
        let rest = &self.text[self.at..];
        if rest.is_empty() {
            return None;
        }
        let len = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let start = self.at;
        self.at += len;
        Some((start, &rest[..len]))
    }
}
