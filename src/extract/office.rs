//! Word (.docx) and PowerPoint (.pptx) files: the paragraphs a person reads,
//! in reading order, from the XML parts of the zip (paragraph text joined
//! across formatting runs), each with where a person finds it.
//!
//! Word: the body (table cells included), then headers, footers, footnotes
//! and endnotes. PowerPoint: each slide in presentation order, its text
//! boxes and tables, then its speaker notes. Empty paragraphs are not
//! counted; deleted tracked changes and field codes are not text.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;
use zip::ZipArchive;

/// One paragraph: its text and where a person finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub text: String,
    /// `paragraph 14`, `slide 3, notes, paragraph 2`, …
    pub location: String,
}

/// A part bigger than this is refused (a zip bomb guard).
const MAX_PART: u64 = 256 * 1024 * 1024;

type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

fn open<'a>(bytes: &'a [u8], what: &str) -> Result<Archive<'a>, String> {
    // Encrypted OOXML and legacy .doc/.ppt are OLE compound files.
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(format!(
            "password-protected or legacy binary Office file; save it as an unprotected {what}"
        ));
    }
    ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("not a valid {what} file ({e})"))
}

fn part(archive: &mut Archive<'_>, name: &str) -> Result<Option<String>, String> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("{name}: {e}")),
    };
    let mut text = String::new();
    file.take(MAX_PART)
        .read_to_string(&mut text)
        .map_err(|e| format!("{name}: {e}"))?;
    Ok(Some(text))
}

/// The paragraphs of a Word document.
pub fn docx(bytes: &[u8]) -> Result<Vec<Paragraph>, String> {
    let mut archive = open(bytes, ".docx")?;
    let body = part(&mut archive, "word/document.xml")?
        .ok_or("not a Word document: word/document.xml is missing")?;
    let mut out = Vec::new();
    paragraphs(&body, "word/document.xml", Flavor::Word, &mut |text| {
        out.push(text)
    })?;
    let mut count = 0;
    for p in &mut out {
        count += 1;
        p.location = format!("paragraph {count}{}", p.location);
    }
    let mut extra: Vec<String> = archive
        .file_names()
        .flatten()
        .map(|n| n.into_owned())
        .filter(|n| {
            let n = n.strip_prefix("word/").unwrap_or("");
            !n.contains('/')
                && n.ends_with(".xml")
                && ["header", "footer", "footnotes", "endnotes"]
                    .iter()
                    .any(|k| n.starts_with(k))
        })
        .collect();
    extra.sort_by_key(|n| (part_order(n), n.len(), n.clone()));
    for name in extra {
        let xml = part(&mut archive, &name)?.unwrap_or_default();
        let what = name.trim_start_matches("word/").trim_end_matches(".xml");
        let mut count = 0;
        paragraphs(&xml, &name, Flavor::Word, &mut |mut p| {
            count += 1;
            p.location = format!("{what}, paragraph {count}{}", p.location);
            out.push(p);
        })?;
    }
    Ok(out)
}

fn part_order(name: &str) -> usize {
    ["header", "footer", "footnotes", "endnotes"]
        .iter()
        .position(|k| name.trim_start_matches("word/").starts_with(k))
        .unwrap_or(4)
}

/// The paragraphs of a PowerPoint deck: slides in order, each followed by
/// its notes.
pub fn pptx(bytes: &[u8]) -> Result<Vec<Paragraph>, String> {
    let mut archive = open(bytes, ".pptx")?;
    let presentation = part(&mut archive, "ppt/presentation.xml")?
        .ok_or("not a PowerPoint deck: ppt/presentation.xml is missing")?;
    let rels = part(&mut archive, "ppt/_rels/presentation.xml.rels")?.unwrap_or_default();
    let targets = relationships(&rels, "ppt")?;
    let mut out = Vec::new();
    for (n, id) in slide_ids(&presentation)?.iter().enumerate() {
        let Some((_, slide)) = targets.iter().find(|(i, _)| i == id) else {
            continue;
        };
        let Some(xml) = part(&mut archive, slide)? else {
            continue;
        };
        let mut count = 0;
        paragraphs(&xml, slide, Flavor::Slide, &mut |mut p| {
            count += 1;
            p.location = format!("slide {}, paragraph {count}", n + 1);
            out.push(p);
        })?;
        let (dir, file) = slide.rsplit_once('/').unwrap_or(("", slide));
        let slide_rels =
            part(&mut archive, &format!("{dir}/_rels/{file}.rels"))?.unwrap_or_default();
        let notes = relationships(&slide_rels, dir)?
            .into_iter()
            .find(|(_, target)| target.contains("notesSlide"));
        if let Some((_, notes)) = notes
            && let Some(xml) = part(&mut archive, &notes)?
        {
            let mut count = 0;
            paragraphs(&xml, &notes, Flavor::Slide, &mut |mut p| {
                count += 1;
                p.location = format!("slide {}, notes, paragraph {count}", n + 1);
                out.push(p);
            })?;
        }
    }
    Ok(out)
}

/// `r:id`s of `<p:sldId>` in presentation order.
fn slide_ids(xml: &str) -> Result<Vec<String>, String> {
    let mut ids = Vec::new();
    let mut reader = Reader::from_str(xml);
    loop {
        match reader
            .read_event()
            .map_err(|e| xml_error("ppt/presentation.xml", &e))?
        {
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

/// `Id → part name` of a relationships part, targets resolved against `dir`.
fn relationships(xml: &str, dir: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut reader = Reader::from_str(xml);
    loop {
        match reader
            .read_event()
            .map_err(|e| xml_error("relationships", &e))?
        {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                if let (Some(id), Some(target)) =
                    (attribute(&e, "Id", false), attribute(&e, "Target", false))
                {
                    out.push((id, resolve(dir, &target)));
                }
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// `dir` + a relative target, with `..` resolved (`ppt/slides` +
/// `../notesSlides/n1.xml` → `ppt/notesSlides/n1.xml`).
fn resolve(dir: &str, target: &str) -> String {
    if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_owned();
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for piece in target.split('/') {
        match piece {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// An attribute's value by local name; `relationship` wants the one in the
/// relationships namespace (`r:id`), not a plain `id`.
fn attribute(
    e: &quick_xml::events::BytesStart<'_>,
    local: &str,
    relationship: bool,
) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let key = a.key;
        let prefixed = key.prefix().is_some();
        (key.local_name().as_ref() == local && prefixed == relationship)
            .then(|| a.value.to_string())
    })
}

fn xml_error(part: &str, e: &quick_xml::Error) -> String {
    format!("malformed XML in {part}: {e}")
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Flavor {
    /// WordprocessingML: `w:p`, `w:t`.
    Word,
    /// DrawingML in slides and notes: `a:p`, `a:t`.
    Slide,
}

/// Calls `found` with each non-empty paragraph of a part, in document order.
/// A Word paragraph in a table gets its cell in `location`.
fn paragraphs(
    xml: &str,
    name: &str,
    flavor: Flavor,
    found: &mut dyn FnMut(Paragraph),
) -> Result<(), String> {
    let mut reader = Reader::from_str(xml);
    // Open paragraphs (a text box's paragraph sits inside another's run).
    let mut open: Vec<String> = Vec::new();
    let mut in_text = false;
    // Skipped: deleted text, field instructions, slide-number placeholders.
    let mut skip_depth = 0usize;
    let mut skip_shape = false;
    let mut tables: Vec<(usize, usize)> = Vec::new();
    let mut table_count = 0;
    loop {
        let event = reader.read_event().map_err(|e| xml_error(name, &e))?;
        match event {
            Event::Start(e) => {
                let local = e.local_name();
                match (flavor, local.as_ref()) {
                    (_, "p") => open.push(String::new()),
                    (_, "t") => in_text = true,
                    (Flavor::Word, "delText" | "instrText") => skip_depth += 1,
                    (Flavor::Word, "tbl") => {
                        table_count += 1;
                        tables.push((0, 0));
                    }
                    (Flavor::Word, "tr") => {
                        if let Some(t) = tables.last_mut() {
                            t.0 += 1;
                            t.1 = 0;
                        }
                    }
                    (Flavor::Word, "tc") => {
                        if let Some(t) = tables.last_mut() {
                            t.1 += 1;
                        }
                    }
                    (Flavor::Slide, "sp") => skip_shape = false,
                    _ => {}
                }
            }
            Event::Empty(e) => match (flavor, e.local_name().as_ref()) {
                (_, "tab" | "br" | "cr") => {
                    push(&mut open, " ", skip_depth + usize::from(skip_shape))
                }
                (Flavor::Word, "noBreakHyphen") => push(&mut open, "-", skip_depth),
                (Flavor::Word, "softHyphen") => push(&mut open, "\u{AD}", skip_depth),
                (Flavor::Slide, "ph") => {
                    let kind = attribute(&e, "type", false).unwrap_or_default();
                    skip_shape =
                        matches!(kind.as_str(), "sldNum" | "hdr" | "ftr" | "dt" | "sldImg");
                }
                (_, "p") => {}
                _ => {}
            },
            Event::Text(t) if in_text => {
                push(&mut open, t.as_ref(), skip_depth + usize::from(skip_shape));
            }
            Event::GeneralRef(r) if in_text => {
                let decoded = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match r.as_ref() {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        _ => String::new(),
                    },
                };
                push(&mut open, &decoded, skip_depth + usize::from(skip_shape));
            }
            Event::CData(c) if in_text => {
                push(&mut open, c.as_ref(), skip_depth + usize::from(skip_shape));
            }
            Event::End(e) => match (flavor, e.local_name().as_ref()) {
                (_, "p") => {
                    if let Some(text) = open.pop() {
                        let text: String = text.split(['\n', '\r']).collect::<Vec<_>>().join(" ");
                        if !text.trim().is_empty() {
                            let location = match tables.last() {
                                Some((row, cell)) if flavor == Flavor::Word => {
                                    format!(" (table {table_count}, row {row}, cell {cell})")
                                }
                                _ => String::new(),
                            };
                            found(Paragraph { text, location });
                        }
                    }
                }
                (_, "t") => in_text = false,
                (Flavor::Word, "delText" | "instrText") => {
                    skip_depth = skip_depth.saturating_sub(1)
                }
                (Flavor::Word, "tbl") => {
                    tables.pop();
                }
                (Flavor::Slide, "sp") => skip_shape = false,
                _ => {}
            },
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

fn push(open: &mut [String], text: &str, skip: usize) {
    if skip == 0
        && let Some(p) = open.last_mut()
    {
        p.push_str(text);
    }
}
