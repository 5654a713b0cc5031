//! Word (.docx): the body (table cells included), then headers, footers,
//! footnotes, endnotes and comments; each drawing's alt text, chart text
//! and SmartArt text right after the paragraph that holds it.

use super::Paragraph;
use super::drawing::{Holder, object_blocks};
use super::package::{Package, rels_of};
use super::paragraphs::{Flavor, Item, ObjectKind, paragraphs};

/// Charts and SmartArt are numbered through the document; comments in
/// their part's order.
#[derive(Default)]
struct Counts {
    charts: usize,
    smartart: usize,
}

/// The paragraphs of a Word document.
pub fn docx(bytes: &[u8]) -> Result<Vec<Paragraph>, String> {
    let mut package = Package::open(bytes, ".docx")?;
    let body = package
        .part("word/document.xml")?
        .ok_or("not a Word document: word/document.xml is missing")?;
    let mut out = Vec::new();
    let mut counts = Counts::default();
    read_part(
        &mut package,
        "word/document.xml",
        &body,
        "",
        &mut counts,
        &mut out,
    )?;
    drop(body);
    let mut extra: Vec<String> = package
        .names()
        .filter(|n| {
            let n = n.strip_prefix("word/").unwrap_or("");
            !n.contains('/') && n.ends_with(".xml") && PARTS.iter().any(|k| n.starts_with(k))
        })
        .map(str::to_owned)
        .collect();
    extra.sort_by_key(|n| (part_order(n), n.len(), n.clone()));
    for name in extra {
        let xml = package.part(&name)?.unwrap_or_default();
        let what = name.trim_start_matches("word/").trim_end_matches(".xml");
        let prefix = if what == "comments" {
            String::new()
        } else {
            format!("{what}, ")
        };
        read_part(&mut package, &name, &xml, &prefix, &mut counts, &mut out)?;
    }
    Ok(out)
}

/// The parts read after the body, in this order (`comments.xml`, not
/// `commentsExtended.xml`, which holds no text).
const PARTS: [&str; 5] = ["header", "footer", "footnotes", "endnotes", "comments."];

fn part_order(name: &str) -> usize {
    PARTS
        .iter()
        .position(|k| name.trim_start_matches("word/").starts_with(k))
        .unwrap_or(PARTS.len())
}

/// Reads one part's paragraphs into `out`, located `{prefix}paragraph N`
/// (in the comments part `comment 3`, then `comment 3, paragraph 2`), each
/// followed by the text of the drawings it holds. A paragraph counts when
/// it has text or its drawings do.
fn read_part(
    package: &mut Package<'_>,
    name: &str,
    xml: &str,
    prefix: &str,
    counts: &mut Counts,
    out: &mut Vec<Paragraph>,
) -> Result<(), String> {
    let mut items = Vec::new();
    paragraphs(xml, name, Flavor::Word, &mut |item| items.push(item))?;
    let rels = if super::names_parts(&items) {
        rels_of(package, name)?
    } else {
        None
    };
    let mut count = 0;
    let mut comment = None;
    for item in items {
        let (text, cell, objects) = match item {
            Item::Comment => {
                comment = Some(comment.unwrap_or(0) + 1);
                count = 0;
                continue;
            }
            Item::Paragraph {
                text,
                cell,
                objects,
            } => (text, cell, objects),
            Item::Object(object) => (String::new(), String::new(), vec![object]),
        };
        let place = match comment {
            Some(n) if count == 0 => format!("comment {n}{cell}"),
            Some(n) => format!("comment {n}, paragraph {}{cell}", count + 1),
            None => format!("{prefix}paragraph {}{cell}", count + 1),
        };
        let holder = Holder {
            part: name,
            rels: rels.as_ref(),
            place: &place,
        };
        let mut blocks = Vec::new();
        for object in &objects {
            let (label, alt) = match object.kind {
                ObjectKind::Chart => {
                    counts.charts += 1;
                    let label = format!("chart {}", counts.charts);
                    let alt = format!("{label}, alt text");
                    (label, alt)
                }
                ObjectKind::SmartArt => {
                    counts.smartart += 1;
                    let label = format!("SmartArt {}", counts.smartart);
                    let alt = format!("{label}, alt text");
                    (label, alt)
                }
                ObjectKind::Picture | ObjectKind::Other => {
                    ("image".to_owned(), "image alt text".to_owned())
                }
                kind => (kind.noun().to_owned(), format!("{} alt text", kind.noun())),
            };
            object_blocks(package, &holder, object, &label, &alt, &mut blocks)?;
        }
        let has_text = !text.trim().is_empty();
        if !has_text && blocks.is_empty() {
            continue;
        }
        count += 1;
        if has_text {
            out.push(Paragraph {
                text,
                location: place.clone(),
            });
        }
        for (what, text) in blocks {
            out.push(Paragraph {
                text,
                location: format!("{place}, {what}"),
            });
        }
    }
    Ok(())
}
