//! PDF files: the text layer of every page, in content-stream order, as
//! lines (a new line where the baseline moves, as `pdftotext -raw` reads
//! it), each with where a person finds it (`page 3, line 12`).
//!
//! Lines come out one a [`Paragraph`]; an empty one stands for a gap that
//! ends a block (a blank line's worth of space, a jump back up the page, a
//! page end), so the extractor joins a paragraph's lines, and a phrase
//! wrapped or hyphenated across them still matches.
//!
//! Hostile files: lopdf loads with a decompression cap shared out between
//! the streams it inflates then, and every page's content, form and
//! ToUnicode map read here counts against one [`InflateBudget`] per file.
//! Forms nest at most `MAX_FORM_DEPTH` deep and never into themselves;
//! lopdf bounds its own reference chains, page tree and parser nesting.

use std::collections::{BTreeMap, HashMap};

use lopdf::content::{Content, Operation};
use lopdf::{DecompressError, Dictionary, Document, Encoding, LoadOptions, Object, ObjectId};

use super::budget::{InflateBudget, MAX_FILE};
use super::office::Paragraph;

/// How deep forms (`Do` of a form XObject) may nest; real files use one or
/// two levels.
const MAX_FORM_DEPTH: usize = 8;

/// The error for a file with pages but no text on any of them.
const NO_TEXT: &str = "no text layer (scanned pages?); phraselint cannot check it";

/// Reads a PDF's text as lines with locations, empty entries ending blocks.
pub fn read(bytes: &[u8]) -> Result<Vec<Paragraph>, String> {
    let head = &bytes[..bytes.len().min(1024)];
    if memchr::memmem::find(head, b"%PDF-").is_none() {
        return Err("not a PDF file (no %PDF- header)".to_owned());
    }
    // A file cut short still parses (lopdf rebuilds a lost cross-reference
    // table), with its last pages missing: that must not pass as clean.
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    if memchr::memmem::rfind(tail, b"%%EOF").is_none() {
        return Err("truncated PDF (no %%EOF at its end)".to_owned());
    }
    let mut budget = InflateBudget::default();
    // lopdf inflates the object and cross-reference streams as it loads,
    // each within the cap it is given: shared out between them, so that
    // together they stay within a file's budget. (Their dictionaries are
    // never compressed, so the names can be counted in the raw bytes.)
    let streams = [&b"/ObjStm"[..], b"/XRef"]
        .iter()
        .map(|name| memchr::memmem::find_iter(bytes, name).count() as u64)
        .sum::<u64>();
    let per_stream = (MAX_FILE / streams.max(1)).min(budget.limit());
    let options = LoadOptions {
        max_decompressed_size: Some(per_stream as usize),
        ..LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::Decompress(DecompressError::MemoryLimitExceeded { .. }) => format!(
            "an object or cross-reference stream unpacks to more than {} MiB (the {streams} \
             of them share {} MiB); refused",
            per_stream >> 20,
            MAX_FILE >> 20
        ),
        e => format!("not a valid PDF file ({e})"),
    })?;
    // lopdf opens a file whose user password is empty (restrictions only,
    // text visible to anyone) and leaves the rest encrypted.
    if doc.is_encrypted() {
        return Err("encrypted PDF that needs a password; phraselint cannot read it".to_owned());
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err("a PDF without pages".to_owned());
    }
    let mut reader = Reader {
        doc: &doc,
        budget: &mut budget,
        font_index: HashMap::new(),
        fonts: Vec::new(),
        chain: Vec::new(),
        lines: Lines::default(),
    };
    let mut out = Vec::new();
    for (&number, &id) in &pages {
        let lines = reader.page(number, id)?;
        let mut n = 0;
        for line in lines {
            match line {
                Some(text) => {
                    n += 1;
                    out.push(Paragraph {
                        text,
                        location: format!("page {number}, line {n}"),
                    });
                }
                None => out.push(gap(number)),
            }
        }
        out.push(gap(number));
    }
    if out.iter().all(|p| p.text.is_empty()) {
        return Err(NO_TEXT.to_owned());
    }
    Ok(out)
}

fn gap(page: u32) -> Paragraph {
    Paragraph {
        text: String::new(),
        location: format!("page {page}"),
    }
}

/// A font as far as reading text needs: how its codes decode, how many
/// bytes a code takes, and how far each moves the pen.
struct Font<'a> {
    encoding: Option<Encoding<'a>>,
    two_byte: bool,
    widths: Widths,
}

/// Glyph widths in thousandths of the font size.
enum Widths {
    /// A simple font's `/Widths` from `/FirstChar`.
    Simple { first: u32, widths: Vec<f32> },
    /// A CID font's `/W` as sorted ranges, and its `/DW`.
    Cid {
        ranges: Vec<(u32, u32, f32)>,
        default: f32,
    },
}

/// The width assumed for a glyph no table gives (the standard fonts come
/// without one): about an average letter's.
const UNKNOWN_WIDTH: f32 = 500.0;

impl Widths {
    fn of(&self, code: u32) -> f32 {
        match self {
            Widths::Simple { first, widths } => code
                .checked_sub(*first)
                .and_then(|i| widths.get(i as usize))
                .copied()
                .unwrap_or(UNKNOWN_WIDTH),
            Widths::Cid { ranges, default } => {
                let i = ranges.partition_point(|&(lo, _, _)| lo <= code);
                match i.checked_sub(1).map(|i| ranges[i]) {
                    Some((_, hi, w)) if code <= hi => w,
                    _ => *default,
                }
            }
        }
    }
}

type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a × b`, as PDF composes transformations (row vectors).
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn translate(x: f32, y: f32) -> Matrix {
    [1.0, 0.0, 0.0, 1.0, x, y]
}

/// A number operand; anything else (or not finite) reads as 0, as viewers
/// shrug off a bad operand.
fn num(ops: &[Object], i: usize) -> f32 {
    ops.get(i)
        .and_then(|o| o.as_float().ok())
        .filter(|v| v.is_finite())
        .unwrap_or(0.0)
}

fn matrix(ops: &[Object]) -> Matrix {
    std::array::from_fn(|i| num(ops, i))
}

/// Graphics and text state, as far as positions go.
#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<usize>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
}

/// The text of one page being put into lines.
#[derive(Default)]
struct Lines {
    /// Finished lines; `None` ends a block.
    done: Vec<Option<String>>,
    current: String,
    /// The current line's baseline, the pen's x after its last text, and
    /// its font size, in page space.
    y: f32,
    end_x: f32,
    size: f32,
}

impl Lines {
    /// Adds text shown at `(x, y)` in a font `size` high, ending at `end_x`.
    fn show(&mut self, text: &str, x: f32, y: f32, size: f32, end_x: f32) {
        if text.is_empty() {
            return;
        }
        let size = size.abs().max(0.1);
        if self.current.is_empty() {
            self.begin(y, size);
        } else {
            let (small, large) = (size.min(self.size), size.max(self.size));
            let down = self.y - y;
            // Half the larger size: a superscript set a little higher, or
            // small print beside large, stays on its line.
            if down.abs() > large / 2.0 {
                // A blank line's worth of space, or a jump back up (the next
                // column, a sidebar), ends the block.
                let block_ends = down > small * 1.6 || down < 0.0;
                self.end_line();
                if block_ends {
                    self.done.push(None);
                }
                self.begin(y, size);
            } else {
                let gap = x - self.end_x;
                let spaced = self.current.ends_with(' ') || text.starts_with(' ');
                // Words placed apart without a space glyph (as Word writes
                // them), or a jump back along the same baseline.
                if !spaced && (gap > small * 0.2 || gap < -small) {
                    self.current.push(' ');
                }
            }
        }
        self.current
            .extend(text.chars().map(|c| if c.is_control() { ' ' } else { c }));
        self.end_x = end_x;
    }

    fn begin(&mut self, y: f32, size: f32) {
        self.y = y;
        self.size = size;
    }

    fn end_line(&mut self) {
        let line = self.current.trim();
        if !line.is_empty() {
            self.done.push(Some(line.to_owned()));
        }
        self.current.clear();
    }

    fn finish(mut self) -> Vec<Option<String>> {
        self.end_line();
        self.done
    }
}

/// One document's reading: its fonts, read once each, and its budget.
struct Reader<'a, 'b> {
    doc: &'a Document,
    budget: &'b mut InflateBudget,
    /// Where in `fonts` a font is, by the address of its dictionary (which
    /// stays put while the document is borrowed).
    font_index: HashMap<usize, usize>,
    fonts: Vec<Font<'a>>,
    /// The forms being run, innermost last.
    chain: Vec<ObjectId>,
    /// The page being read.
    lines: Lines,
}

impl<'a> Reader<'a, '_> {
    fn page(&mut self, number: u32, id: ObjectId) -> Result<Vec<Option<String>>, String> {
        let what = format!("page {number}");
        let content = self
            .doc
            .get_page_content_with_limit(id, self.budget.limit() as usize);
        let content = self.counted(&what, content)?;
        let fonts = self.doc.get_page_fonts(id).unwrap_or_default();
        let resources = self
            .doc
            .get_page_resources(id)
            .ok()
            .and_then(|(dict, ids)| {
                dict.or_else(|| ids.iter().find_map(|&id| self.doc.get_dictionary(id).ok()))
            });
        self.run(&what, &content, &fonts, resources, IDENTITY)?;
        Ok(std::mem::take(&mut self.lines).finish())
    }

    /// Interprets one content stream (a page's or a form's).
    fn run(
        &mut self,
        what: &str,
        content: &[u8],
        fonts: &BTreeMap<Vec<u8>, &'a Dictionary>,
        resources: Option<&'a Dictionary>,
        ctm: Matrix,
    ) -> Result<(), String> {
        let ops = Content::decode(content)
            .map_err(|e| format!("{what}: unreadable content stream ({e})"))?
            .operations;
        let mut state = State {
            ctm,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
        };
        let mut saved: Vec<State> = Vec::new();
        let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
        for Operation { operator, operands } in &ops {
            let o = operands.as_slice();
            match operator.as_str() {
                "q" => saved.push(state.clone()),
                "Q" => state = saved.pop().unwrap_or(state),
                "cm" => state.ctm = mul(&matrix(o), &state.ctm),
                "BT" => (tm, tlm) = (IDENTITY, IDENTITY),
                "Tf" => {
                    state.font = o
                        .first()
                        .and_then(|n| n.as_name().ok())
                        .and_then(|name| fonts.get(name))
                        .map(|dict| self.font(dict));
                    state.size = num(o, 1);
                }
                "Tc" => state.char_spacing = num(o, 0),
                "Tw" => state.word_spacing = num(o, 0),
                "Tz" => state.scale = num(o, 0) / 100.0,
                "TL" => state.leading = num(o, 0),
                "Td" | "TD" => {
                    if operator == "TD" {
                        state.leading = -num(o, 1);
                    }
                    tlm = mul(&translate(num(o, 0), num(o, 1)), &tlm);
                    tm = tlm;
                }
                "Tm" => (tm, tlm) = (matrix(o), matrix(o)),
                "T*" => {
                    tlm = mul(&translate(0.0, -state.leading), &tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" | "TJ" => {
                    if operator == "'" || operator == "\"" {
                        if operator == "\"" {
                            state.word_spacing = num(o, 0);
                            state.char_spacing = num(o, 1);
                        }
                        tlm = mul(&translate(0.0, -state.leading), &tlm);
                        tm = tlm;
                    }
                    let shown: &[Object] = match (operator.as_str(), o) {
                        ("TJ", [Object::Array(items)]) => items,
                        _ => o.last().map(std::slice::from_ref).unwrap_or_default(),
                    };
                    for item in shown {
                        match item {
                            Object::String(bytes, _) => {
                                self.show(bytes, &state, &mut tm);
                            }
                            // A kerning adjustment, in thousandths of the size.
                            other => {
                                let adjust = other.as_float().unwrap_or(0.0);
                                let tx = -adjust / 1000.0 * state.size * state.scale;
                                if tx.is_finite() {
                                    tm = mul(&translate(tx, 0.0), &tm);
                                }
                            }
                        }
                    }
                }
                "Do" => {
                    let name = o.first().and_then(|n| n.as_name().ok());
                    if let (Some(name), Some(resources)) = (name, resources) {
                        self.form(what, name, resources, &state.ctm)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Counts a stream lopdf inflated within [`InflateBudget::limit`]; one
    /// it stopped at the limit is the budget's error.
    fn counted(&mut self, what: &str, read: lopdf::Result<Vec<u8>>) -> Result<Vec<u8>, String> {
        let bytes = match read {
            Ok(bytes) => bytes,
            Err(lopdf::Error::Decompress(DecompressError::MemoryLimitExceeded { .. })) => {
                let over = self.budget.limit().saturating_add(1);
                let refused = self.budget.charge(what, over);
                return Err(refused.expect_err("a charge past the limit fails"));
            }
            Err(e) => return Err(format!("{what}: {e}")),
        };
        self.budget.charge(what, bytes.len() as u64)?;
        Ok(bytes)
    }

    /// Runs a form XObject named in `resources`, if it is one.
    fn form(
        &mut self,
        what: &str,
        name: &[u8],
        resources: &'a Dictionary,
        ctm: &Matrix,
    ) -> Result<(), String> {
        let doc = self.doc;
        let Some(id) = resources
            .get_deref(b"XObject", doc)
            .and_then(Object::as_dict)
            .and_then(|x| x.get(name))
            .and_then(Object::as_reference)
            .ok()
        else {
            return Ok(());
        };
        let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) else {
            return Ok(());
        };
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form") {
            return Ok(());
        }
        if self.chain.contains(&id) || self.chain.len() >= MAX_FORM_DEPTH {
            return Err(format!(
                "{what}: forms nested more than {MAX_FORM_DEPTH} deep or inside themselves; refused"
            ));
        }
        let content = stream.decompressed_content_with_limit(self.budget.limit() as usize);
        let content = self.counted(what, content)?;
        let own = stream
            .dict
            .get_deref(b"Resources", doc)
            .and_then(Object::as_dict)
            .ok();
        let resources = own.unwrap_or(resources);
        let fonts = fonts_in(doc, resources);
        let form_matrix = stream
            .dict
            .get(b"Matrix")
            .and_then(Object::as_array)
            .map(|m| matrix(m))
            .unwrap_or(IDENTITY);
        self.chain.push(id);
        let result = self.run(
            what,
            &content,
            &fonts,
            Some(resources),
            mul(&form_matrix, ctm),
        );
        self.chain.pop();
        result
    }

    /// Shows one string: decodes it, puts it on its line, moves the pen.
    fn show(&mut self, bytes: &[u8], state: &State, tm: &mut Matrix) {
        let font = state.font.map(|i| &self.fonts[i]);
        let two_byte = font.is_some_and(|f| f.two_byte);
        let mut text = String::new();
        if let Some(encoding) = font.and_then(|f| f.encoding.as_ref()) {
            // A string the encoding cannot decode shows nothing readable.
            let _ = encoding.write_to_string(bytes, &mut text);
        } else {
            text.extend(bytes.iter().map(|&b| b as char));
        }
        // Text rise (`Ts`) is left out: a superscript is on its line.
        let start = mul(tm, &state.ctm);
        let codes: Vec<u32> = if two_byte {
            bytes
                .chunks(2)
                .map(|c| c.iter().fold(0, |n, &b| n << 8 | u32::from(b)))
                .collect()
        } else {
            bytes.iter().map(|&b| u32::from(b)).collect()
        };
        let mut advance = 0.0;
        for code in codes {
            let width = font.map_or(UNKNOWN_WIDTH, |f| f.widths.of(code));
            let space = if !two_byte && code == 32 {
                state.word_spacing
            } else {
                0.0
            };
            advance += (width / 1000.0 * state.size + state.char_spacing + space) * state.scale;
        }
        if advance.is_finite() {
            *tm = mul(&translate(advance, 0.0), tm);
        }
        let end = mul(tm, &state.ctm);
        let size = state.size * start[2].hypot(start[3]);
        self.lines.show(&text, start[4], start[5], size, end[4]);
    }

    /// Where a font is in `fonts`, read on first use.
    fn font(&mut self, dict: &'a Dictionary) -> usize {
        let key = std::ptr::from_ref(dict) as usize;
        if let Some(&i) = self.font_index.get(&key) {
            return i;
        }
        let font = self.read_font(dict);
        self.fonts.push(font);
        self.font_index.insert(key, self.fonts.len() - 1);
        self.fonts.len() - 1
    }

    fn read_font(&mut self, dict: &'a Dictionary) -> Font<'a> {
        let doc = self.doc;
        // The ToUnicode map is inflated here, and counted; a font over the
        // budget reads as no font rather than ending the file.
        let to_unicode = dict
            .get_deref(b"ToUnicode", doc)
            .and_then(Object::as_stream)
            .ok()
            .map(|s| s.decompressed_content_with_limit(self.budget.limit() as usize));
        let within = match to_unicode {
            Some(Ok(map)) => self
                .budget
                .charge("a font's ToUnicode map", map.len() as u64)
                .is_ok(),
            Some(Err(_)) => false,
            None => true,
        };
        let encoding = within
            .then(|| {
                dict.get_font_encoding_with_limit(doc, self.budget.limit() as usize)
                    .ok()
            })
            .flatten();
        let type0 = dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0");
        let widths = if type0 {
            cid_widths(doc, dict)
        } else {
            let first = dict
                .get(b"FirstChar")
                .and_then(Object::as_i64)
                .ok()
                .and_then(|n| u32::try_from(n).ok())
                .unwrap_or(0);
            let widths = dict
                .get_deref(b"Widths", doc)
                .and_then(Object::as_array)
                .map(|a| a.iter().map(|w| w.as_float().unwrap_or(0.0)).collect())
                .unwrap_or_default();
            Widths::Simple { first, widths }
        };
        Font {
            encoding,
            two_byte: type0,
            widths,
        }
    }
}

/// A Type0 font's widths, from its descendant CID font.
fn cid_widths(doc: &Document, dict: &Dictionary) -> Widths {
    let descendant = dict
        .get_deref(b"DescendantFonts", doc)
        .and_then(Object::as_array)
        .ok()
        .and_then(|a| a.first())
        .and_then(|d| doc.dereference(d).ok())
        .and_then(|(_, d)| d.as_dict().ok());
    let Some(descendant) = descendant else {
        return Widths::Cid {
            ranges: Vec::new(),
            default: 1000.0,
        };
    };
    let default = descendant
        .get(b"DW")
        .and_then(Object::as_float)
        .unwrap_or(1000.0);
    let w = descendant
        .get_deref(b"W", doc)
        .and_then(Object::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let mut ranges = Vec::new();
    let code = |o: &Object| o.as_i64().ok().and_then(|n| u32::try_from(n).ok());
    let mut i = 0;
    // `c [w1 w2 …]` gives widths from c on; `c1 c2 w` one width for a range.
    while i < w.len() {
        match (w.get(i).and_then(code), w.get(i + 1)) {
            (Some(first), Some(Object::Array(list))) => {
                for (k, width) in list.iter().enumerate() {
                    let c = first.saturating_add(k as u32);
                    ranges.push((c, c, width.as_float().unwrap_or(default)));
                }
                i += 2;
            }
            (Some(lo), Some(hi)) => {
                if let (Some(hi), Some(width)) = (code(hi), w.get(i + 2)) {
                    ranges.push((lo, hi, width.as_float().unwrap_or(default)));
                }
                i += 3;
            }
            _ => break,
        }
    }
    ranges.sort_by_key(|&(lo, _, _)| lo);
    Widths::Cid { ranges, default }
}

/// The fonts a resource dictionary names.
fn fonts_in<'a>(doc: &'a Document, resources: &'a Dictionary) -> BTreeMap<Vec<u8>, &'a Dictionary> {
    let Ok(fonts) = resources.get_deref(b"Font", doc).and_then(Object::as_dict) else {
        return BTreeMap::new();
    };
    fonts
        .iter()
        .filter_map(|(name, font)| {
            let (_, font) = doc.dereference(font).ok()?;
            Some((name.clone(), font.as_dict().ok()?))
        })
        .collect()
}
