//! Excel (.xlsx): every cell with text, sheet by sheet in workbook order and
//! row by row, each cell its own block located `Pricing!B7`. Text is a
//! shared string (rich-text runs joined, phonetic guides left out), an
//! inline string, or a formula's cached string result; numbers, dates,
//! booleans and errors are not text.
//!
//! Hostile workbooks: a shared-string index out of range is an error naming
//! the sheet, the cell and the strings part; shared strings are held in one
//! buffer with their ends, and sheets are read as a stream, so a sheet of a
//! million cells costs linear time and memory in its text.

use quick_xml::events::Event;

use super::package::{Package, Xml, attribute, main_part, rels_of, text_attribute};
use super::paragraphs::predefined;
use super::{Paragraph, one_line};

/// The paragraphs of an Excel workbook: one a cell with text.
pub fn xlsx(bytes: &[u8]) -> Result<Vec<Paragraph>, String> {
    let mut package = Package::open(bytes, ".xlsx")?;
    let main = main_part(&mut package, "xl/workbook.xml")?;
    let workbook = package
        .part(&main)?
        .ok_or_else(|| format!("not an Excel workbook: {main} is missing"))?;
    let sheets = sheets(&workbook, &main)?;
    drop(workbook);
    let rels = rels_of(&mut package, &main)?.unwrap_or_default();
    let dir = main.rsplit_once('/').map_or("", |(dir, _)| dir);
    let strings_name = rels
        .list
        .iter()
        .map(|(_, target)| target.as_str())
        .find(|t| {
            t.rsplit('/')
                .next()
                .is_some_and(|f| f.starts_with("sharedStrings"))
        })
        .map_or_else(
            || {
                format!("{dir}/sharedStrings.xml")
                    .trim_start_matches('/')
                    .to_owned()
            },
            str::to_owned,
        );
    let strings = match package.part(&strings_name)? {
        Some(xml) => shared_strings(&xml, &strings_name)?,
        None => Strings::default(),
    };
    let mut out = Vec::new();
    for (name, id) in &sheets {
        let part = rels.get(id).ok_or_else(|| {
            format!("corrupt workbook: sheet {name} has no part (relationship {id})")
        })?;
        let xml = package
            .part(part)?
            .ok_or_else(|| format!("corrupt workbook: {part} is missing (sheet {name})"))?;
        let sheet = Sheet {
            name: &reference_name(name),
            part,
            strings: &strings,
            strings_name: &strings_name,
        };
        sheet.cells(&xml, &mut out)?;
    }
    Ok(out)
}

/// `(name, r:id)` of each `<sheet>` in workbook order.
fn sheets(xml: &str, name: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut xml = Xml::new(xml, name);
    loop {
        match xml.next()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "sheet" => {
                if let (Some(name), Some(id)) =
                    (text_attribute(&e, "name"), attribute(&e, "id", true))
                {
                    out.push((name, id));
                }
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// A sheet's name as a cell reference writes it: quoted (`'Price list'`)
/// unless it is letters, digits and `_` only, not starting with a digit.
fn reference_name(name: &str) -> String {
    let plain = !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name.chars().all(|c| c.is_alphanumeric() || c == '_');
    if plain {
        name.to_owned()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

/// The shared strings, all in one buffer: string `i` ends at `ends[i]`.
#[derive(Default)]
struct Strings {
    text: String,
    ends: Vec<usize>,
}

impl Strings {
    fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.text.get(start..end)
    }
}

/// Reads `sst/si`: the text of `t` and of rich-text runs' `r/t`, not of
/// phonetic guides (`rPh`).
fn shared_strings(xml: &str, name: &str) -> Result<Strings, String> {
    let mut strings = Strings::default();
    let mut xml = Xml::new(xml, name);
    let mut in_text = false;
    let mut phonetic = 0usize;
    loop {
        match xml.next()? {
            Event::Start(e) => match e.local_name().as_ref() {
                "t" => in_text = phonetic == 0,
                "rPh" => phonetic += 1,
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == "si" => {
                strings.ends.push(strings.text.len());
            }
            Event::Text(t) if in_text => strings.text.push_str(t.as_ref()),
            Event::GeneralRef(r) if in_text => match r.resolve_char_ref() {
                Ok(Some(c)) => strings.text.push(c),
                _ => strings.text.push_str(predefined(r.as_ref())),
            },
            Event::CData(c) if in_text => {
                strings.text.push_str(c.as_ref());
            }
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "rPh" => phonetic = phonetic.saturating_sub(1),
                "si" => strings.ends.push(strings.text.len()),
                _ => {}
            },
            Event::Eof => return Ok(strings),
            _ => {}
        }
    }
}

struct Sheet<'a> {
    /// As a reference writes it (`Pricing`, `'Price list'`).
    name: &'a str,
    part: &'a str,
    strings: &'a Strings,
    strings_name: &'a str,
}

impl Sheet<'_> {
    /// Pushes each cell with text, in the sheet's order.
    fn cells(&self, xml: &str, out: &mut Vec<Paragraph>) -> Result<(), String> {
        let mut xml = Xml::new(xml, self.part);
        let (mut row, mut column) = (0u64, 0u64);
        // The open cell's type (`t`), its `<v>` and its inline string.
        let mut kind = String::new();
        let (mut value, mut inline) = (String::new(), String::new());
        let (mut in_cell, mut in_value, mut in_inline) = (false, false, false);
        let mut phonetic = 0usize;
        loop {
            match xml.next()? {
                Event::Start(e) => match e.local_name().as_ref() {
                    "row" => (row, column) = (next_row(&e, row), 0),
                    "c" => {
                        (row, column) = cell_at(&e, row, column);
                        kind = attribute(&e, "t", false).unwrap_or_default();
                        value.clear();
                        inline.clear();
                        in_cell = true;
                    }
                    "v" => in_value = in_cell,
                    "t" => in_inline = in_cell && phonetic == 0,
                    "rPh" => phonetic += 1,
                    _ => {}
                },
                Event::Empty(e) => match e.local_name().as_ref() {
                    "row" => (row, column) = (next_row(&e, row), 0),
                    "c" => (row, column) = cell_at(&e, row, column),
                    _ => {}
                },
                Event::Text(t) => {
                    self.text(t.as_ref(), in_value, in_inline, &mut value, &mut inline)
                }
                Event::GeneralRef(r) => {
                    let c = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => predefined(r.as_ref()).to_owned(),
                    };
                    self.text(&c, in_value, in_inline, &mut value, &mut inline);
                }
                Event::End(e) => match e.local_name().as_ref() {
                    "v" => in_value = false,
                    "t" => in_inline = false,
                    "rPh" => phonetic = phonetic.saturating_sub(1),
                    "c" if in_cell => {
                        in_cell = false;
                        let at = || format!("{}{row}", column_name(column));
                        let text = match kind.as_str() {
                            "s" => self.shared(&value, &at)?,
                            "inlineStr" => inline.as_str(),
                            "str" => value.as_str(),
                            _ => "",
                        };
                        if !text.trim().is_empty() {
                            out.push(Paragraph {
                                text: one_line(text.to_owned()),
                                location: format!("{}!{}", self.name, at()),
                            });
                        }
                    }
                    _ => {}
                },
                Event::Eof => return Ok(()),
                _ => {}
            }
        }
    }

    fn text(
        &self,
        t: &str,
        in_value: bool,
        in_inline: bool,
        value: &mut String,
        inline: &mut String,
    ) {
        if in_value {
            value.push_str(t);
        } else if in_inline {
            inline.push_str(t);
        }
    }

    /// The shared string a cell's value names; an error if there is none.
    fn shared(&self, value: &str, at: &dyn Fn() -> String) -> Result<&str, String> {
        value
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|i| self.strings.get(i))
            .ok_or_else(|| {
                format!(
                    "{}: cell {} names shared string {}, but {} holds {}",
                    self.part,
                    at(),
                    value.trim(),
                    self.strings_name,
                    self.strings.ends.len()
                )
            })
    }
}

/// A row's number: its `r`, or the one after the last.
fn next_row(e: &quick_xml::events::BytesStart<'_>, last: u64) -> u64 {
    attribute(e, "r", false)
        .and_then(|r| r.parse().ok())
        .unwrap_or(last + 1)
}

/// A cell's (row, column): from its reference `r` (`B7`), or the cell
/// after the last one in the row.
fn cell_at(e: &quick_xml::events::BytesStart<'_>, row: u64, column: u64) -> (u64, u64) {
    attribute(e, "r", false)
        .and_then(|r| parse_reference(&r))
        .unwrap_or((row, column + 1))
}

/// `B7` → (7, 2); `None` unless letters then digits, in range.
fn parse_reference(r: &str) -> Option<(u64, u64)> {
    let digits = r.find(|c: char| c.is_ascii_digit())?;
    let (letters, number) = r.split_at(digits);
    if letters.is_empty() || letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_alphabetic())
    {
        return None;
    }
    let column = letters.bytes().fold(0, |n, b| {
        n * 26 + u64::from(b.to_ascii_uppercase() - b'A' + 1)
    });
    Some((number.parse().ok()?, column))
}

/// Column 2 → `B`, 28 → `AB`.
fn column_name(mut column: u64) -> String {
    let mut letters = Vec::new();
    while column > 0 {
        let rem = (column - 1) % 26;
        letters.push(b'A' + rem as u8);
        column = (column - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_and_sheet_names() {
        assert_eq!(parse_reference("B7"), Some((7, 2)));
        assert_eq!(parse_reference("xfd1048576"), Some((1_048_576, 16_384)));
        assert_eq!(parse_reference("7B"), None);
        assert_eq!(parse_reference("ABCD1"), None);
        assert_eq!(column_name(28), "AB");
        assert_eq!(column_name(16_384), "XFD");
        assert_eq!(reference_name("Pricing"), "Pricing");
        assert_eq!(reference_name("Price list"), "'Price list'");
        assert_eq!(reference_name("Bob's"), "'Bob''s'");
    }
}
