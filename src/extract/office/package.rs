//! The zip of an Office file and the XML in it: opening the package (with
//! its checks against hostile zips), reading a part against the file's
//! [`InflateBudget`], XML events that fail on a truncated part, and
//! relationships.

use std::collections::{HashMap, HashSet};
use std::io::Cursor;

use quick_xml::Reader;
use quick_xml::events::Event;
use zip::ZipArchive;

use crate::extract::budget::InflateBudget;

type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// An Office file's zip, checked, with its part names in a map (so
/// thousands of slides are found in linear time) and the budget every read
/// counts against.
pub(super) struct Package<'a> {
    archive: Archive<'a>,
    index: HashMap<String, usize>,
    budget: InflateBudget,
}

impl<'a> Package<'a> {
    /// Opens a zip, refusing one whose directory names a part twice or
    /// whose entries share bytes (many names for one compressed part).
    pub(super) fn open(bytes: &'a [u8], what: &str) -> Result<Self, String> {
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
    pub(super) fn names(&self) -> impl Iterator<Item = &str> {
        self.index.keys().map(String::as_str)
    }

    /// A part's text, or `None` if there is no such part. Every read counts
    /// against the file's budget, a part read again included.
    pub(super) fn part(&mut self, name: &str) -> Result<Option<String>, String> {
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
pub(super) struct Xml<'x> {
    reader: Reader<&'x [u8]>,
    name: &'x str,
    depth: usize,
    root: bool,
}

impl<'x> Xml<'x> {
    pub(super) fn new(xml: &'x str, name: &'x str) -> Self {
        Xml {
            reader: Reader::from_str(xml),
            name,
            depth: 0,
            root: false,
        }
    }

    pub(super) fn next(&mut self) -> Result<Event<'x>, String> {
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

/// The main document part named by the package's relationships (usually
/// `ppt/presentation.xml`).
pub(super) fn main_part(package: &mut Package<'_>, default: &str) -> Result<String, String> {
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

/// A part's relationships: their `Id → target` pairs in order, and a map
/// for lookups (so a slide with thousands of charts costs linear time) in
/// which the first of two relationships with one `Id` wins.
#[derive(Default)]
pub(super) struct Rels {
    pub(super) list: Vec<(String, String)>,
    map: HashMap<String, usize>,
}

impl Rels {
    pub(super) fn get(&self, id: &str) -> Option<&str> {
        self.map.get(id).map(|&i| self.list[i].1.as_str())
    }
}

/// The relationships of `part` (in `dir/_rels/file.rels`), or `None` if it
/// has none.
pub(super) fn rels_of(package: &mut Package<'_>, part: &str) -> Result<Option<Rels>, String> {
    let (dir, file) = part.rsplit_once('/').unwrap_or(("", part));
    let name = if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    };
    let Some(xml) = package.part(&name)? else {
        return Ok(None);
    };
    let list = relationships(&xml, &name, dir)?;
    let mut map = HashMap::with_capacity(list.len());
    for (i, (id, _)) in list.iter().enumerate() {
        map.entry(id.clone()).or_insert(i);
    }
    Ok(Some(Rels { list, map }))
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
pub(super) fn attribute(
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

/// An attribute's value with its references decoded (alt text may hold
/// `&amp;` or a line break as `&#xA;`); the raw value if one is unknown.
pub(super) fn text_attribute(e: &quick_xml::events::BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local && a.key.prefix().is_none()).then(|| {
            a.normalized_value(quick_xml::XmlVersion::default())
                .map_or_else(|_| a.value.to_string(), |v| v.into_owned())
        })
    })
}
