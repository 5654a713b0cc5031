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

/// A part bigger than this, or a file whose parts add up to more, is
/// refused with an error (a zip bomb guard; real parts are a few MB).
const MAX_PART: u64 = 64 * 1024 * 1024;
const MAX_TOTAL: u64 = 256 * 1024 * 1024;

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
    let mut bytes = Vec::new();
    file.take(MAX_PART + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{name}: {e}"))?;
    if bytes.len() as u64 > MAX_PART {
        return Err(format!(
            "{name} unpacks to more than {} MiB; refused",
            MAX_PART >> 20
        ));
    }
    decode_xml(bytes)
        .map(Some)
        .map_err(|e| format!("{name}: {e}"))
}

/// XML parts may be UTF-8 or UTF-16 (with a byte-order mark), or declare a
/// single-byte encoding such as ISO-8859-1.
fn decode_xml(bytes: Vec<u8>) -> Result<String, String> {
    let utf16 = |le: bool| {
        let units = bytes[2..].chunks_exact(2).map(|c| {
            if le {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        });
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect::<String>()
    };
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Ok(utf16(true));
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Ok(utf16(false));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text.trim_start_matches('\u{FEFF}').to_owned()),
        Err(e) => {
            let bytes = e.into_bytes();
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(100)]).to_ascii_lowercase();
            if head.contains("iso-8859-1")
                || head.contains("latin1")
                || head.contains("windows-1252")
            {
                Ok(bytes.iter().map(|&b| b as char).collect())
            } else {
                Err("neither UTF-8 nor UTF-16".to_owned())
            }
        }
    }
}

/// The sizes of all parts, checked before any is read.
fn check_total(archive: &mut Archive<'_>) -> Result<(), String> {
    let mut total = 0u64;
    for i in 0..archive.len() {
        total += archive.by_index_raw(i).map(|f| f.size()).unwrap_or(0);
    }
    if total > MAX_TOTAL {
        return Err(format!(
            "unpacks to more than {} MiB; refused",
            MAX_TOTAL >> 20
        ));
    }
    Ok(())
}

/// The main document part named by the package's relationships (usually
/// `word/document.xml`).
fn main_part(archive: &mut Archive<'_>, default: &str) -> Result<String, String> {
    let rels = part(archive, "_rels/.rels")?.unwrap_or_default();
    let mut reader = Reader::from_str(&rels);
    loop {
        match reader
            .read_event()
            .map_err(|e| xml_error("_rels/.rels", &e))?
        {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                let kind = attribute(&e, "Type", false).unwrap_or_default();
                if kind.ends_with("/officeDocument")
                    && let Some(target) = attribute(&e, "Target", false)
                {
                    return Ok(resolve("", &target));
                }
            }
            Event::Eof => return Ok(default.to_owned()),
            _ => {}
        }
    }
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
    check_total(&mut archive)?;
    let main = main_part(&mut archive, "ppt/presentation.xml")?;
    let presentation = part(&mut archive, &main)?
        .ok_or_else(|| format!("not a PowerPoint deck: {main} is missing"))?;
    let (dir, file) = main.rsplit_once('/').unwrap_or(("", &main));
    let rels_name = format!("{dir}/_rels/{file}.rels");
    let ids = slide_ids(&presentation)?;
    let rels = part(&mut archive, &rels_name)?;
    if rels.is_none() && !ids.is_empty() {
        return Err(format!("corrupt deck: {rels_name} is missing"));
    }
    let targets = relationships(&rels.unwrap_or_default(), dir)?;
    let mut out = Vec::new();
    for (n, id) in ids.iter().enumerate() {
        let (_, slide) = targets
            .iter()
            .find(|(i, _)| i == id)
            .ok_or_else(|| format!("corrupt deck: slide {} has no part", n + 1))?;
        let xml = part(&mut archive, slide)?
            .ok_or_else(|| format!("corrupt deck: {slide} is missing"))?;
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
    // (table number, row, cell) of each open table, innermost last.
    let mut tables: Vec<(usize, usize, usize)> = Vec::new();
    let mut table_count = 0;
    let mut in_run = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| xml_error(name, &e))?;
        match event {
            Event::Start(e) => {
                let local = e.local_name();
                match (flavor, local.as_ref()) {
                    (_, "p") => open.push(String::new()),
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
                    (Flavor::Slide, "sp") => skip_shape = false,
                    _ => {}
                }
            }
            Event::Empty(e) => match (flavor, e.local_name().as_ref()) {
                // A tab in a Word run is text; one in paragraph properties,
                // or in DrawingML (`a:tabLst`), is a tab stop.
                (Flavor::Word, "tab") if in_run > 0 => push(&mut open, " ", skip_depth),
                (_, "br" | "cr") => push(&mut open, " ", skip_depth + usize::from(skip_shape)),
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
                                Some((table, row, cell)) if flavor == Flavor::Word => {
                                    format!(" (table {table}, row {row}, cell {cell})")
                                }
                                _ => String::new(),
                            };
                            found(Paragraph { text, location });
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
