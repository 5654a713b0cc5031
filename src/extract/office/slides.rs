//! PowerPoint (.pptx): each slide in presentation order (text boxes,
//! tables, then each object's alt text, chart text and SmartArt text as the
//! object ends), followed by its speaker notes.

use std::collections::HashMap;

use quick_xml::events::Event;

use super::Paragraph;
use super::drawing::{Holder, object_blocks};
use super::package::{Package, Rels, Xml, attribute, main_part, rels_of};
use super::paragraphs::{Flavor, Item, ObjectKind, paragraphs};

/// The paragraphs of a PowerPoint deck: slides in order, each followed by
/// its notes. A slide listed twice is read (and counted) twice.
pub fn pptx(bytes: &[u8]) -> Result<Vec<Paragraph>, String> {
    let mut package = Package::open(bytes, ".pptx")?;
    let main = main_part(&mut package, "ppt/presentation.xml")?;
    let presentation = package
        .part(&main)?
        .ok_or_else(|| format!("not a PowerPoint deck: {main} is missing"))?;
    let ids = slide_ids(&presentation, &main)?;
    drop(presentation);
    let targets = match rels_of(&mut package, &main)? {
        Some(rels) => rels,
        None if ids.is_empty() => Rels::default(),
        None => {
            let (dir, file) = main.rsplit_once('/').unwrap_or(("", &main));
            return Err(format!("corrupt deck: {dir}/_rels/{file}.rels is missing"));
        }
    };
    let mut out = Vec::new();
    for (n, id) in ids.iter().enumerate() {
        let slide = targets
            .get(id)
            .ok_or_else(|| format!("corrupt deck: slide {} has no part", n + 1))?;
        let xml = package
            .part(slide)?
            .ok_or_else(|| format!("corrupt deck: {slide} is missing"))?;
        let mut items = Vec::new();
        paragraphs(&xml, slide, Flavor::Slide, &mut |item| items.push(item))?;
        drop(xml);
        let rels = rels_of(&mut package, slide)?;
        let place = format!("slide {}", n + 1);
        read_items(&mut package, items, slide, rels.as_ref(), &place, &mut out)?;
        let notes = rels.as_ref().and_then(|rels| {
            rels.list
                .iter()
                .find(|(_, target)| target.contains("notesSlide"))
                .map(|(_, target)| target.clone())
        });
        if let Some(notes) = notes
            && let Some(xml) = package.part(&notes)?
        {
            let mut items = Vec::new();
            paragraphs(&xml, &notes, Flavor::Slide, &mut |item| items.push(item))?;
            let rels = if super::names_parts(&items) {
                rels_of(&mut package, &notes)?
            } else {
                None
            };
            let place = format!("slide {}, notes", n + 1);
            read_items(&mut package, items, &notes, rels.as_ref(), &place, &mut out)?;
        }
    }
    Ok(out)
}

/// One slide's (or its notes') paragraphs, `{place}, paragraph N`, and its
/// objects, numbered by kind on the slide: `{place}, picture 2, alt text`,
/// `{place}, chart 1, title`, `{place}, SmartArt 1, paragraph 3`.
fn read_items(
    package: &mut Package<'_>,
    items: Vec<Item>,
    part: &str,
    rels: Option<&Rels>,
    place: &str,
    out: &mut Vec<Paragraph>,
) -> Result<(), String> {
    let holder = Holder { part, rels, place };
    let mut count = 0;
    let mut objects: HashMap<ObjectKind, usize> = HashMap::new();
    let mut blocks = Vec::new();
    for item in items {
        match item {
            Item::Paragraph { text, .. } if !text.trim().is_empty() => {
                count += 1;
                out.push(Paragraph {
                    text,
                    location: format!("{place}, paragraph {count}"),
                });
            }
            Item::Object(object) => {
                let n = objects.entry(object.kind).or_default();
                *n += 1;
                let label = format!("{} {n}", object.kind.noun());
                let alt = format!("{label}, alt text");
                object_blocks(package, &holder, &object, &label, &alt, &mut blocks)?;
                out.extend(blocks.drain(..).map(|(what, text)| Paragraph {
                    text,
                    location: format!("{place}, {what}"),
                }));
            }
            Item::Paragraph { .. } | Item::Comment => {}
        }
    }
    Ok(())
}

/// `r:id`s of `<p:sldId>` in presentation order.
fn slide_ids(xml: &str, name: &str) -> Result<Vec<String>, String> {
    let mut ids = Vec::new();
    let mut xml = Xml::new(xml, name);
    loop {
        match xml.next()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "sldId" => {
                if let Some(id) = attribute(&e, "id", true) {
                    ids.push(id);
                }
            }
            Event::Eof => return Ok(ids),
            _ => {}
        }
    }
}
