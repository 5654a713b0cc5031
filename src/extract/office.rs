//! Word (.docx) and PowerPoint (.pptx) files: the paragraphs a person reads,
//! in reading order, from the XML parts of the zip (paragraph text joined
//! across formatting runs), each with where a person finds it.
//!
//! Word: the body (table cells included), then headers, footers, footnotes
//! and endnotes. PowerPoint: each slide in presentation order, its text
//! boxes and tables, then its speaker notes. Empty paragraphs are not
//! counted; deleted tracked changes and field codes are not text.
//!
//! Hostile files: every read of a part counts against one
//! [`InflateBudget`] per file (a slide listed 400 times is inflated, and
//! counted, 400 times); a zip that names a part twice, or whose entries share
//! bytes, is refused; a part whose XML ends before its root element closes is
//! an error, not an empty part; parts are found through a map of names, so
//! 40,000 slides cost linear time.

use std::collections::{HashMap, HashSet};
use std::io::Cursor;

use quick_xml::Reader;
use quick_xml::events::Event;
use zip::ZipArchive;

use super::budget::InflateBudget;

/// One paragraph: its text and where a person finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub text: String,
    /// `paragraph 14`, `slide 3, notes, paragraph 2`, …
    pub location: String,
}

type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// An Office file's zip, checked, with its part names in a map (so
/// thousands of slides are found in linear time) and the budget every read
/// counts against.
struct Package<'a> {
    archive: Archive<'a>,
    index: HashMap<String, usize>,
    budget: InflateBudget,
}

impl<'a> Package<'a> {
    /// Opens a zip, refusing one whose directory names a part twice or
    /// whose entries share bytes (many names for one compressed part).
    fn open(bytes: &'a [u8], what: &str) -> Result<Self, String> {
        // Encrypted OOXML and legacy .doc/.ppt are OLE compound files.
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Err(format!(
                "password-protected or legacy binary Office file; save it as an unprotected {what}"
            ));
        }
        let mut archive = ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| format!("not a valid {what} file ({e})"))?;
        if archive.has_duplicate_names() {
            let start = archive.central_directory_start();
            return Err(match duplicate_name(bytes, start) {
                Some(name) => format!("the zip lists {name} twice; refused"),
                None => "the zip lists a part twice; refused".to_owned(),
            });
        }
        check_overlaps(&mut archive, what)?;
        let index = archive
            .file_names()
            .enumerate()
            .filter_map(|(i, name)| Some((name.ok()?.into_owned(), i)))
            .collect();
        Ok(Package {
            archive,
            index,
            budget: InflateBudget::default(),
        })
    }

    /// Every part's name, in no particular order.
    fn names(&self) -> impl Iterator<Item = &str> {
        self.index.keys().map(String::as_str)
    }

    /// A part's text, or `None` if there is no such part. Every read counts
    /// against the file's budget, a part read again included.
    fn part(&mut self, name: &str) -> Result<Option<String>, String> {
        let Some(&i) = self.index.get(name) else {
            return Ok(None);
        };
        let file = self
            .archive
            .by_index(i)
            .map_err(|e| format!("{name}: {e}"))?;
        let declared = file.size();
        let bytes = self.budget.read(name, file, declared)?;
        decode_xml(bytes)
            .map(Some)
            .map_err(|e| format!("{name}: {e}"))
    }
}

/// Refuses entries whose bytes (local header and data) overlap another's or
/// the central directory: a small zip whose many names point at one
/// compressed part would otherwise inflate it once a name.
fn check_overlaps(archive: &mut Archive<'_>, what: &str) -> Result<(), String> {
    let directory = archive.central_directory_start();
    let mut ranges = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        let file = archive
            .by_index_raw(i)
            .map_err(|e| format!("not a valid {what} file ({e})"))?;
        let start = file.header_start();
        let end = file
            .data_start()
            .and_then(|d| d.checked_add(file.compressed_size()))
            .unwrap_or(u64::MAX);
        ranges.push((start, end, i));
    }
    ranges.sort_unstable();
    let name = |archive: &Archive<'_>, i: usize| {
        archive
            .name_for_index(i)
            .and_then(Result::ok)
            .map_or_else(|| format!("entry {i}"), |n| n.into_owned())
    };
    for pair in ranges.windows(2) {
        let ((_, end, a), (start, _, b)) = (pair[0], pair[1]);
        if end > start {
            return Err(format!(
                "{} and {} share bytes in the zip (overlapping entries); refused",
                name(archive, a),
                name(archive, b)
            ));
        }
    }
    if let Some(&(_, end, i)) = ranges.last()
        && end > directory
    {
        return Err(format!(
            "{} runs into the zip's central directory (overlapping entries); refused",
            name(archive, i)
        ));
    }
    Ok(())
}

/// The first name the central directory (at `start`) lists twice. The zip
/// crate keeps one entry a name, so the directory is walked here.
fn duplicate_name(bytes: &[u8], start: u64) -> Option<String> {
    let mut seen = HashSet::new();
    let mut at = usize::try_from(start).ok()?;
    let u16_at = |i: usize| -> Option<usize> {
        let b = bytes.get(i..i + 2)?;
        Some(usize::from(u16::from_le_bytes([b[0], b[1]])))
    };
    while bytes.get(at..at + 4) == Some(b"PK\x01\x02") {
        let (name, extra, comment) = (u16_at(at + 28)?, u16_at(at + 30)?, u16_at(at + 32)?);
        let raw = bytes.get(at + 46..at + 46 + name)?;
        if !seen.insert(raw) {
            return Some(String::from_utf8_lossy(raw).into_owned());
        }
        at += 46 + name + extra + comment;
    }
    None
}

/// A part's XML events. quick-xml ends quietly at the end of its input even
/// with elements open; here that is an error naming the part, so a
/// truncated part is never read as a short, clean one.
struct Xml<'x> {
    reader: Reader<&'x [u8]>,
    name: &'x str,
    depth: usize,
    root: bool,
}

impl<'x> Xml<'x> {
    fn new(xml: &'x str, name: &'x str) -> Self {
        Xml {
            reader: Reader::from_str(xml),
            name,
            depth: 0,
            root: false,
        }
    }

    fn next(&mut self) -> Result<Event<'x>, String> {
        let event = self
            .reader
            .read_event()
            .map_err(|e| format!("malformed XML in {}: {e}", self.name))?;
        match &event {
            Event::Start(_) => {
                self.depth += 1;
                self.root = true;
            }
            Event::Empty(_) => self.root = true,
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            Event::Eof if self.depth > 0 => {
                return Err(format!(
                    "{}: the XML ends early ({} elements not closed)",
                    self.name, self.depth
                ));
            }
            Event::Eof if !self.root => {
                return Err(format!(
                    "{}: the XML ends early (no root element)",
                    self.name
                ));
            }
            _ => {}
        }
        Ok(event)
    }
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
        Ok(mut text) => {
            // In place: a part can be 64 MiB.
            let bom = text.len() - text.trim_start_matches('\u{FEFF}').len();
            text.drain(..bom);
            Ok(text)
        }
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

/// The paragraphs of a Word document.
pub fn docx(bytes: &[u8]) -> Result<Vec<Paragraph>, String> {
    let mut package = Package::open(bytes, ".docx")?;
    let body = package
        .part("word/document.xml")?
        .ok_or("not a Word document: word/document.xml is missing")?;
    let mut out = Vec::new();
    paragraphs(&body, "word/document.xml", Flavor::Word, &mut |text| {
        out.push(text)
    })?;
    drop(body);
    let mut count = 0;
    for p in &mut out {
        count += 1;
        p.location = format!("paragraph {count}{}", p.location);
    }
    let mut extra: Vec<String> = package
        .names()
        .filter(|n| {
            let n = n.strip_prefix("word/").unwrap_or("");
            !n.contains('/')
                && n.ends_with(".xml")
                && ["header", "footer", "footnotes", "endnotes"]
                    .iter()
                    .any(|k| n.starts_with(k))
        })
        .map(str::to_owned)
        .collect();
    extra.sort_by_key(|n| (part_order(n), n.len(), n.clone()));
    for name in extra {
        let xml = package.part(&name)?.unwrap_or_default();
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

/// The main document part named by the package's relationships (usually
/// `ppt/presentation.xml`).
fn main_part(package: &mut Package<'_>, default: &str) -> Result<String, String> {
    let Some(rels) = package.part("_rels/.rels")? else {
        return Ok(default.to_owned());
    };
    let mut xml = Xml::new(&rels, "_rels/.rels");
    let mut found = None;
    loop {
        match xml.next()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                let kind = attribute(&e, "Type", false).unwrap_or_default();
                if found.is_none()
                    && kind.ends_with("/officeDocument")
                    && let Some(target) = attribute(&e, "Target", false)
                {
                    found = Some(resolve("", &target));
                }
            }
            Event::Eof => return Ok(found.unwrap_or_else(|| default.to_owned())),
            _ => {}
        }
    }
}

/// The paragraphs of a PowerPoint deck: slides in order, each followed by
/// its notes. A slide listed twice is read (and counted) twice.
pub fn pptx(bytes: &[u8]) -> Result<Vec<Paragraph>, String> {
    let mut package = Package::open(bytes, ".pptx")?;
    let main = main_part(&mut package, "ppt/presentation.xml")?;
    let presentation = package
        .part(&main)?
        .ok_or_else(|| format!("not a PowerPoint deck: {main} is missing"))?;
    let (dir, file) = main.rsplit_once('/').unwrap_or(("", &main));
    let rels_name = format!("{dir}/_rels/{file}.rels");
    let ids = slide_ids(&presentation, &main)?;
    drop(presentation);
    // Looked up once a slide: a map, so 40,000 slides cost linear time. The
    // first of two relationships with one `Id` wins.
    let mut targets = HashMap::new();
    match package.part(&rels_name)? {
        Some(rels) => {
            for (id, target) in relationships(&rels, &rels_name, dir)? {
                targets.entry(id).or_insert(target);
            }
        }
        None if ids.is_empty() => {}
        None => return Err(format!("corrupt deck: {rels_name} is missing")),
    }
    let mut out = Vec::new();
    for (n, id) in ids.iter().enumerate() {
        let slide = targets
            .get(id)
            .ok_or_else(|| format!("corrupt deck: slide {} has no part", n + 1))?;
        let xml = package
            .part(slide)?
            .ok_or_else(|| format!("corrupt deck: {slide} is missing"))?;
        let mut count = 0;
        paragraphs(&xml, slide, Flavor::Slide, &mut |mut p| {
            count += 1;
            p.location = format!("slide {}, paragraph {count}", n + 1);
            out.push(p);
        })?;
        drop(xml);
        let (dir, file) = slide.rsplit_once('/').unwrap_or(("", slide));
        let slide_rels_name = format!("{dir}/_rels/{file}.rels");
        let notes = match package.part(&slide_rels_name)? {
            Some(rels) => relationships(&rels, &slide_rels_name, dir)?
                .into_iter()
                .find(|(_, target)| target.contains("notesSlide"))
                .map(|(_, target)| target),
            None => None,
        };
        if let Some(notes) = notes
            && let Some(xml) = package.part(&notes)?
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

/// `Id → part name` of a relationships part `name`, in its order, targets
/// resolved against `dir`.
fn relationships(xml: &str, name: &str, dir: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut xml = Xml::new(xml, name);
    loop {
        match xml.next()? {
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
    let mut xml = Xml::new(xml, name);
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
        let event = xml.next()?;
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
                        // Line breaks in a text node are spaces; a copy only
                        // when there is one (a paragraph can be 64 MiB).
                        let text = if memchr::memchr2(b'\n', b'\r', text.as_bytes()).is_some() {
                            text.replace(['\n', '\r'], " ")
                        } else {
                            text
                        };
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
