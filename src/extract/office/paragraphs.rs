//! The paragraphs of one Word or DrawingML part, in document order, and
//! the drawing objects (pictures, shapes, charts, SmartArt) met among them,
//! with their alt text and the relationship that names a chart's or
//! SmartArt's own part.

use quick_xml::events::{BytesStart, Event};

use super::one_line;
use super::package::{Xml, attribute, text_attribute};

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Flavor {
    /// WordprocessingML: `w:p`, `w:t`.
    Word,
    /// DrawingML in slides, notes and SmartArt data: `a:p`, `a:t`.
    Slide,
}

/// What a drawing object is, as a person would call it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum ObjectKind {
    Picture,
    Shape,
    Group,
    Chart,
    SmartArt,
    Table,
    Other,
}

impl ObjectKind {
    pub(super) fn noun(self) -> &'static str {
        match self {
            ObjectKind::Picture => "picture",
            ObjectKind::Shape => "shape",
            ObjectKind::Group => "group",
            ObjectKind::Chart => "chart",
            ObjectKind::SmartArt => "SmartArt",
            ObjectKind::Table => "table",
            ObjectKind::Other => "object",
        }
    }
}

/// A drawing object: its alt text (title, then description, each once)
/// and, for a chart or SmartArt, the `r:id` of the part holding its text.
#[derive(Debug)]
pub(super) struct Object {
    pub(super) kind: ObjectKind,
    pub(super) alt: Vec<String>,
    pub(super) part: Option<String>,
    /// Whether its alt text has been read (a group's inner shapes have
    /// their own).
    named: bool,
}

impl Object {
    fn new(kind: ObjectKind) -> Self {
        Object {
            kind,
            alt: Vec::new(),
            part: None,
            named: false,
        }
    }
}

pub(super) enum Item {
    /// A paragraph: its text (blank only when it holds objects), its table
    /// cell in Word (` (table 1, row 2, cell 2)`), and, in Word, the
    /// drawings anchored in it.
    Paragraph {
        text: String,
        cell: String,
        objects: Vec<Object>,
    },
    /// A drawing object on a slide (or a Word drawing outside any
    /// paragraph), at its end.
    Object(Object),
    /// A Word comment begins (`w:comment` in the comments part).
    Comment,
}

#[derive(Default)]
struct Open {
    text: String,
    objects: Vec<Object>,
}

/// Calls `found` with each paragraph that has text or objects, and each
/// object outside a paragraph, in document order.
pub(super) fn paragraphs(
    xml: &str,
    name: &str,
    flavor: Flavor,
    found: &mut dyn FnMut(Item),
) -> Result<(), String> {
    let mut xml = Xml::new(xml, name);
    // Open paragraphs (a text box's paragraph sits inside another's run).
    let mut open: Vec<Open> = Vec::new();
    // Open drawing objects, innermost last, each with whether it lies in
    // skipped content.
    let mut frames: Vec<(Object, bool)> = Vec::new();
    let mut in_text = false;
    // Skipped: deleted text, field instructions, slide-number placeholders.
    let mut skip_depth = 0usize;
    let mut skip_shape = false;
    // (table number, row, cell) of each open table, innermost last.
    let mut tables: Vec<(usize, usize, usize)> = Vec::new();
    let mut table_count = 0;
    let mut in_run = 0usize;
    loop {
        let event = xml.next()?;
        match event {
            Event::Start(e) => {
                describe(flavor, &e, &mut frames);
                let local = e.local_name();
                match (flavor, local.as_ref()) {
                    (_, "p") => open.push(Open::default()),
                    (_, "t") => in_text = true,
                    (_, "r") => in_run += 1,
                    // Deleted and moved-away text, field codes, and the
                    // fallback copy of a text box (its first copy is read).
                    (Flavor::Word, "delText" | "instrText" | "moveFrom") | (_, "Fallback") => {
                        skip_depth += 1
                    }
                    (Flavor::Word, "tbl") => {
                        table_count += 1;
                        tables.push((table_count, 0, 0));
                    }
                    (Flavor::Word, "tr") => {
                        if let Some(t) = tables.last_mut() {
                            t.1 += 1;
                            t.2 = 0;
                        }
                    }
                    (Flavor::Word, "tc") => {
                        if let Some(t) = tables.last_mut() {
                            t.2 += 1;
                        }
                    }
                    (Flavor::Word, "comment") => found(Item::Comment),
                    (flavor, frame) => {
                        if flavor == Flavor::Slide && frame == "sp" {
                            skip_shape = false;
                        }
                        if let Some(kind) = frame_kind(flavor, frame) {
                            frames.push((Object::new(kind), skip_depth > 0));
                        }
                    }
                }
            }
            Event::Empty(e) => {
                describe(flavor, &e, &mut frames);
                match (flavor, e.local_name().as_ref()) {
                    // A tab in a Word run is text; one in paragraph
                    // properties, or in DrawingML (`a:tabLst`), is a tab stop.
                    (Flavor::Word, "tab") if in_run > 0 => push(&mut open, " ", skip_depth),
                    (_, "br" | "cr") => push(&mut open, " ", skip_depth + usize::from(skip_shape)),
                    (Flavor::Word, "noBreakHyphen") => push(&mut open, "-", skip_depth),
                    (Flavor::Word, "softHyphen") => push(&mut open, "\u{AD}", skip_depth),
                    (Flavor::Slide, "ph") => {
                        let kind = attribute(&e, "type", false).unwrap_or_default();
                        skip_shape =
                            matches!(kind.as_str(), "sldNum" | "hdr" | "ftr" | "dt" | "sldImg");
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text => {
                push(&mut open, t.as_ref(), skip_depth + usize::from(skip_shape));
            }
            Event::GeneralRef(r) if in_text => {
                let decoded = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => predefined(r.as_ref()).to_owned(),
                };
                push(&mut open, &decoded, skip_depth + usize::from(skip_shape));
            }
            Event::CData(c) if in_text => {
                push(&mut open, c.as_ref(), skip_depth + usize::from(skip_shape));
            }
            Event::End(e) => match (flavor, e.local_name().as_ref()) {
                (_, "p") => {
                    if let Some(p) = open.pop() {
                        let text = one_line(p.text);
                        if !text.trim().is_empty() || !p.objects.is_empty() {
                            let cell = match tables.last() {
                                Some((table, row, cell)) if flavor == Flavor::Word => {
                                    format!(" (table {table}, row {row}, cell {cell})")
                                }
                                _ => String::new(),
                            };
                            found(Item::Paragraph {
                                text,
                                cell,
                                objects: p.objects,
                            });
                        }
                    }
                }
                (_, "t") => in_text = false,
                (_, "r") => in_run = in_run.saturating_sub(1),
                (Flavor::Word, "delText" | "instrText" | "moveFrom") | (_, "Fallback") => {
                    skip_depth = skip_depth.saturating_sub(1);
                }
                (Flavor::Word, "tbl") => {
                    tables.pop();
                }
                (flavor, frame) => {
                    if flavor == Flavor::Slide && frame == "sp" {
                        skip_shape = false;
                    }
                    if frame_kind(flavor, frame).is_some()
                        && let Some((object, skipped)) = frames.pop()
                        && !skipped
                    {
                        // A Word drawing belongs to the paragraph that
                        // holds it; a slide's objects stand on their own.
                        match open.last_mut() {
                            Some(p) if flavor == Flavor::Word => p.objects.push(object),
                            _ => found(Item::Object(object)),
                        }
                    }
                }
            },
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// The object an element opens: Word's inline and floating drawings, a
/// slide's pictures, shapes, groups and graphic frames.
fn frame_kind(flavor: Flavor, local: &str) -> Option<ObjectKind> {
    match (flavor, local) {
        (Flavor::Word, "inline" | "anchor") | (Flavor::Slide, "graphicFrame") => {
            Some(ObjectKind::Other)
        }
        (Flavor::Slide, "pic") => Some(ObjectKind::Picture),
        (Flavor::Slide, "sp" | "cxnSp") => Some(ObjectKind::Shape),
        (Flavor::Slide, "grpSp") => Some(ObjectKind::Group),
        _ => None,
    }
}

/// What an element inside an open object says about it: its alt text
/// (`wp:docPr` in Word, the first `p:cNvPr` on a slide), its chart or
/// SmartArt part, or what it holds.
fn describe(flavor: Flavor, e: &BytesStart<'_>, frames: &mut [(Object, bool)]) {
    let Some((object, _)) = frames.last_mut() else {
        return;
    };
    match (flavor, e.local_name().as_ref()) {
        (Flavor::Word, "docPr") | (Flavor::Slide, "cNvPr") if !object.named => {
            object.named = true;
            for key in ["title", "descr"] {
                if let Some(value) = text_attribute(e, key)
                    && !value.trim().is_empty()
                    && !object.alt.contains(&value)
                {
                    object.alt.push(value);
                }
            }
        }
        (_, "chart") => {
            if let Some(id) = attribute(e, "id", true) {
                object.kind = ObjectKind::Chart;
                object.part = Some(id);
            }
        }
        (_, "relIds") => {
            object.kind = ObjectKind::SmartArt;
            object.part = attribute(e, "dm", true);
        }
        (Flavor::Word, "pic") if object.kind == ObjectKind::Other => {
            object.kind = ObjectKind::Picture
        }
        (Flavor::Word, "wsp") if object.kind == ObjectKind::Other => {
            object.kind = ObjectKind::Shape
        }
        (Flavor::Word, "wgp") if object.kind == ObjectKind::Other => {
            object.kind = ObjectKind::Group
        }
        (Flavor::Slide, "tbl") if object.kind == ObjectKind::Other => {
            object.kind = ObjectKind::Table
        }
        _ => {}
    }
}

/// The text of XML's five predefined entities; unknown ones are dropped.
pub(super) fn predefined(name: &str) -> &'static str {
    match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => "",
    }
}

fn push(open: &mut [Open], text: &str, skip: usize) {
    if skip == 0
        && let Some(p) = open.last_mut()
    {
        p.text.push_str(text);
    }
}
