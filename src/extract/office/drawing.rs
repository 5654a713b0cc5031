//! The text a drawing object carries beyond its paragraphs: alt text, a
//! chart's titles, series and category names (in its own part), and
//! SmartArt text (in its data part), each found through the relationships
//! of the part that holds the object.

use quick_xml::events::Event;

use super::one_line;
use super::package::{Package, Rels, Xml, attribute};
use super::paragraphs::{Flavor, Item, Object, ObjectKind, paragraphs, predefined};

/// Where an object sits, for its blocks' locations and its errors.
pub(super) struct Holder<'a> {
    /// The part holding the object (`ppt/slides/slide4.xml`).
    pub(super) part: &'a str,
    /// That part's relationships.
    pub(super) rels: Option<&'a Rels>,
    /// Where a person finds the object (`slide 4`, `paragraph 12`).
    pub(super) place: &'a str,
}

/// One object's blocks as (where in the object, text): its alt text under
/// `alt`, then its chart's or SmartArt's text under `label` (`chart 1,
/// title`, `SmartArt 1, paragraph 2`). A chart or SmartArt part that is
/// missing, or is not one, is an error naming it.
pub(super) fn object_blocks(
    package: &mut Package<'_>,
    holder: &Holder<'_>,
    object: &Object,
    label: &str,
    alt: &str,
    out: &mut Vec<(String, String)>,
) -> Result<(), String> {
    for text in &object.alt {
        out.push((alt.to_owned(), one_line(text.clone())));
    }
    let Some(id) = &object.part else {
        return Ok(());
    };
    let Holder { part, rels, place } = holder;
    let target = rels.and_then(|r| r.get(id)).ok_or_else(|| {
        format!("{part}: {place}, {label} names relationship {id}, which is not there")
    })?;
    let xml = package
        .part(target)?
        .ok_or_else(|| format!("corrupt file: {target} is missing ({place}, {label})"))?;
    let (root, noun) = match object.kind {
        ObjectKind::SmartArt => ("dataModel", "SmartArt data"),
        _ => ("chartSpace", "chart"),
    };
    if root_name(&xml, target)? != root {
        return Err(format!(
            "{target} is not a {noun} part ({place}, {label} in {part} points at it)"
        ));
    }
    if object.kind == ObjectKind::SmartArt {
        let mut count = 0;
        paragraphs(&xml, target, Flavor::Slide, &mut |item| {
            if let Item::Paragraph { text, .. } = item
                && !text.trim().is_empty()
            {
                count += 1;
                out.push((format!("{label}, paragraph {count}"), text));
            }
        })
    } else {
        for (what, text) in chart(&xml, target)? {
            out.push((format!("{label}, {what}"), text));
        }
        Ok(())
    }
}

/// The local name of a part's root element.
fn root_name(xml: &str, name: &str) -> Result<String, String> {
    let mut xml = Xml::new(xml, name);
    loop {
        match xml.next()? {
            Event::Start(e) | Event::Empty(e) => {
                return Ok(e.local_name().as_ref().to_owned());
            }
            Event::Eof => return Ok(String::new()),
            _ => {}
        }
    }
}

/// What is being read in a chart, and where the text goes.
enum Reading {
    Nothing,
    /// A title (the chart's or an axis's): each paragraph of rich text is a
    /// block.
    Title(&'static str),
    /// A series' name.
    SeriesName,
    /// A category list's points: `(number, name)`.
    Categories,
}

/// A chart part's text as (where, text), in document order: the chart's
/// title, axis titles, each series' name (`series 2 name`) and category
/// names (`category 3`; a list the next series repeats is read once).
/// Cell formulas (`c:f`), number caches and extension lists are not text.
pub(super) fn chart(xml: &str, name: &str) -> Result<Vec<(String, String)>, String> {
    let mut xml = Xml::new(xml, name);
    let mut out = Vec::new();
    // Local names of the open elements.
    let mut path: Vec<String> = Vec::new();
    let mut reading = Reading::Nothing;
    // The depth at which the current `reading` began.
    let mut reading_at = 0;
    let mut skip_depth = 0usize;
    let mut series = 0;
    let mut text = String::new();
    let mut point = 0;
    let mut categories: Vec<(usize, String)> = Vec::new();
    // The last list read: each series usually repeats it.
    let mut previous: Vec<(usize, String)> = Vec::new();
    loop {
        match xml.next()? {
            Event::Start(e) => {
                let local = e.local_name().as_ref().to_owned();
                let parent = path.last().map_or("", String::as_str);
                match local.as_str() {
                    "extLst" | "Fallback" => skip_depth += 1,
                    _ if skip_depth > 0 => {}
                    "ser" | "series" => series += 1,
                    "title" if matches!(reading, Reading::Nothing) => {
                        reading = Reading::Title(match parent {
                            "catAx" => "category axis title",
                            "valAx" => "value axis title",
                            "dateAx" => "date axis title",
                            "serAx" => "series axis title",
                            "axis" => "axis title",
                            _ => "title",
                        });
                        reading_at = path.len();
                    }
                    "tx" if parent == "ser" || parent == "series" => {
                        reading = Reading::SeriesName;
                        reading_at = path.len();
                    }
                    "cat" if parent == "ser" => {
                        reading = Reading::Categories;
                        reading_at = path.len();
                        categories.clear();
                    }
                    "pt" => {
                        point = attribute(&e, "idx", false)
                            .and_then(|i| i.parse::<usize>().ok())
                            .map_or(categories.len() + 1, |i| i.saturating_add(1));
                    }
                    _ => {}
                }
                path.push(local);
            }
            Event::Text(t) if skip_depth == 0 && in_value(&path, &reading) => {
                text.push_str(t.as_ref());
            }
            Event::GeneralRef(r) if skip_depth == 0 && in_value(&path, &reading) => {
                match r.resolve_char_ref() {
                    Ok(Some(c)) => text.push(c),
                    _ => text.push_str(predefined(r.as_ref())),
                }
            }
            Event::CData(c) if skip_depth == 0 && in_value(&path, &reading) => {
                text.push_str(c.as_ref());
            }
            Event::End(_) => {
                let Some(local) = path.pop() else { continue };
                if matches!(local.as_str(), "extLst" | "Fallback") {
                    skip_depth = skip_depth.saturating_sub(1);
                    continue;
                }
                if skip_depth > 0 {
                    continue;
                }
                let ended = path.len() == reading_at;
                match (&reading, local.as_str()) {
                    (Reading::Title(what), "p") => flush(&mut out, what, &mut text),
                    (Reading::Categories, "pt") => {
                        categories.push((point, one_line(std::mem::take(&mut text))));
                    }
                    (Reading::Title(what), _) if ended => {
                        flush(&mut out, what, &mut text);
                        reading = Reading::Nothing;
                    }
                    (Reading::SeriesName, _) if ended => {
                        flush(&mut out, &format!("series {series} name"), &mut text);
                        reading = Reading::Nothing;
                    }
                    (Reading::Categories, _) if ended => {
                        if categories != previous {
                            for (n, name) in &categories {
                                if !name.trim().is_empty() {
                                    out.push((format!("category {n}"), name.clone()));
                                }
                            }
                            previous = std::mem::take(&mut categories);
                        }
                        reading = Reading::Nothing;
                    }
                    _ => {}
                }
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// Whether text here is a title's, a series name's or a category's: the
/// characters of a rich-text run (`a:t`) or a cached value (`c:v`).
fn in_value(path: &[String], reading: &Reading) -> bool {
    !matches!(reading, Reading::Nothing)
        && matches!(path.last().map(String::as_str), Some("t" | "v"))
}

fn flush(out: &mut Vec<(String, String)>, what: &str, text: &mut String) {
    let line = one_line(std::mem::take(text));
    if !line.trim().is_empty() {
        out.push((what.to_owned(), line));
    }
}
