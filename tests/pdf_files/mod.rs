//! Writes small PDFs by hand, object by object, for the PDF tests and the
//! committed fixtures: content streams with `Tf`/`Td`/`Tj`/`TJ`/`T*`, a
//! WinAnsi font with widths, a Type0 font readable only through its
//! ToUnicode map, and the broken and hostile files (encrypted, image-only,
//! a stream bomb, forms drawing themselves, a page tree that loops).
#![allow(dead_code)]

use std::io::Write;

use flate2::Compression;
use flate2::write::ZlibEncoder;

/// A PDF being written: object bodies, numbered from 1.
#[derive(Default)]
pub struct Builder {
    objects: Vec<Vec<u8>>,
}

impl Builder {
    /// Adds an object; its number.
    pub fn add(&mut self, body: impl AsRef<[u8]>) -> usize {
        self.objects.push(body.as_ref().to_vec());
        self.objects.len()
    }

    /// Adds a stream with `dict` entries besides its `/Length`.
    pub fn stream(&mut self, dict: &str, data: &[u8]) -> usize {
        let id = self.add("");
        self.set_stream(id, dict, data);
        id
    }

    /// Sets an object added earlier (for references that point forward).
    pub fn set(&mut self, id: usize, body: impl AsRef<[u8]>) {
        self.objects[id - 1] = body.as_ref().to_vec();
    }

    /// Sets an object added earlier to a stream.
    pub fn set_stream(&mut self, id: usize, dict: &str, data: &[u8]) {
        let mut body = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
        body.extend_from_slice(data);
        body.extend_from_slice(b"\nendstream");
        self.set(id, body);
    }

    /// The file of one page for each content stream, with `resources`;
    /// `looped` lists the page tree among its own kids.
    pub fn pages(mut self, resources: &str, contents: &[usize], looped: bool) -> Vec<u8> {
        let tree = self.add("");
        let mut kids: Vec<String> = contents
            .iter()
            .map(|content| {
                let page = self.add(format!(
                    "<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 612 792] /Resources {resources} /Contents {content} 0 R >>"
                ));
                format!("{page} 0 R")
            })
            .collect();
        if looped {
            kids.push(format!("{tree} 0 R"));
        }
        let count = kids.len();
        self.set(
            tree,
            format!(
                "<< /Type /Pages /Kids [{}] /Count {count} >>",
                kids.join(" ")
            ),
        );
        let root = self.add(format!("<< /Type /Catalog /Pages {tree} 0 R >>"));
        self.finish(root)
    }

    /// The file: header, objects, cross-reference table, trailer.
    pub fn finish(&self, root: usize) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in self.objects.iter().enumerate() {
            offsets.push(out.len());
            writeln!(out, "{} 0 obj", i + 1).unwrap();
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        write!(
            out,
            "xref\n0 {}\n0000000000 65535 f \n",
            self.objects.len() + 1
        )
        .unwrap();
        for offset in offsets {
            writeln!(out, "{offset:010} 00000 n ").unwrap();
        }
        write!(
            out,
            "trailer\n<< /Size {} /Root {root} 0 R /ID [<0123456789ABCDEF> <0123456789ABCDEF>] >>\nstartxref\n{xref}\n%%EOF\n",
            self.objects.len() + 1
        )
        .unwrap();
        out
    }
}

/// `/F1`: Helvetica in WinAnsi, every glyph 500 thousandths wide.
fn winansi_font(b: &mut Builder) -> usize {
    let widths = vec!["500"; 95].join(" ");
    b.add(format!(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 126 /Widths [{widths}] >>"
    ))
}

/// `/F2`: a Type0 font with two-byte codes that mean nothing without its
/// ToUnicode map, which sends code 0x1000 + c to character c (for c below
/// U+F000), as subset fonts from word processors do.
fn to_unicode_font(b: &mut Builder) -> usize {
    let cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
        /CMapName /Test-UCS def /CMapType 2 def\n\
        1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
        1 beginbfrange <1000> <FFFF> <0000> endbfrange\n\
        endcmap CMapName currentdict /CMap defineresource pop end end";
    let to_unicode = b.stream("", cmap.as_bytes());
    let descendant = b.add(
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Sans /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>",
    );
    b.add(format!(
        "<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Sans /Encoding /Identity-H /DescendantFonts [{descendant} 0 R] /ToUnicode {to_unicode} 0 R >>"
    ))
}

/// `text` as a hex string in `/F2`'s codes.
pub fn f2(text: &str) -> String {
    let hex: String = text
        .chars()
        .map(|c| format!("{:04X}", c as u32 + 0x1000))
        .collect();
    format!("<{hex}>")
}

/// A PDF with one page for each content stream, fonts `/F1` and `/F2`, and
/// an image `/Im1`; `flate` compresses the content streams.
pub fn with_pages(pages: &[&str], flate: bool) -> Vec<u8> {
    let mut b = Builder::default();
    let f1 = winansi_font(&mut b);
    let f2 = to_unicode_font(&mut b);
    let image = b.stream(
        "/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8",
        &[0, 255, 255, 0],
    );
    let resources =
        format!("<< /Font << /F1 {f1} 0 R /F2 {f2} 0 R >> /XObject << /Im1 {image} 0 R >> >>");
    let contents: Vec<usize> = pages
        .iter()
        .map(|content| {
            if flate {
                b.stream("/Filter /FlateDecode", &deflate(content.as_bytes()))
            } else {
                b.stream("", content.as_bytes())
            }
        })
        .collect();
    b.pages(&resources, &contents, false)
}

pub fn deflate(data: &[u8]) -> Vec<u8> {
    let mut z = ZlibEncoder::new(Vec::new(), Compression::best());
    z.write_all(data).unwrap();
    z.finish().unwrap()
}

/// Lines of `/F1` text, 12 points, one `Td` each from the top left.
pub fn lines(lines: &[&str]) -> String {
    let mut content = String::from("BT /F1 12 Tf 14 TL 72 720 Td\n");
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            content.push_str("T*\n");
        }
        content.push_str(&format!("({line}) Tj\n"));
    }
    content.push_str("ET\n");
    content
}

/// Pages of scanned images: an image drawn on each, no text.
pub fn image_only() -> Vec<u8> {
    let page = "q 612 0 0 792 0 0 cm /Im1 Do Q";
    with_pages(&[page, page], true)
}

/// A page whose content stream inflates past the 64 MiB a part may unpack
/// to (from a few dozen KiB).
pub fn stream_bomb() -> Vec<u8> {
    let mut b = Builder::default();
    let f1 = winansi_font(&mut b);
    let bomb = b.stream("/Filter /FlateDecode", &deflate(&vec![b' '; 65 << 20]));
    b.pages(&format!("<< /Font << /F1 {f1} 0 R >> >>"), &[bomb], false)
}

/// A page whose text is in one of 8 object streams, each inflating to
/// 40 MiB: under the 64 MiB a stream may unpack to, 320 MiB together.
pub fn object_stream_bombs() -> Vec<u8> {
    let mut b = Builder::default();
    let f1 = winansi_font(&mut b);
    let content = b.stream("", lines(&["Unlimited seats."]).as_bytes());
    let mut data = b"1 0 ".to_vec();
    data.resize(40 << 20, b' ');
    let bomb = deflate(&data);
    for _ in 0..8 {
        b.stream("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", &bomb);
    }
    b.pages(
        &format!("<< /Font << /F1 {f1} 0 R >> >>"),
        &[content],
        false,
    )
}

/// Reference cycles a naive reader follows for ever: a page tree that lists
/// itself among its kids, and a page drawing a form that draws itself.
pub fn form_cycle() -> Vec<u8> {
    let mut b = Builder::default();
    let f1 = winansi_font(&mut b);
    let form = b.add("");
    let resources = format!("<< /Font << /F1 {f1} 0 R >> /XObject << /X1 {form} 0 R >> >>");
    b.set_stream(
        form,
        &format!("/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources {resources}"),
        b"BT /F1 12 Tf 72 700 Td (Drawn in a loop) Tj ET /X1 Do",
    );
    let content = b.stream("", b"/X1 Do");
    b.pages(&resources, &[content], true)
}

/// `pdf` encrypted (RC4, 128 bits) with `user` as the password to open it.
pub fn encrypted(pdf: &[u8], user: &str) -> Vec<u8> {
    let mut doc = lopdf::Document::load_mem(pdf).unwrap();
    let state = lopdf::EncryptionState::try_from(lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password: user,
        key_length: 128,
        permissions: lopdf::Permissions::all(),
    })
    .unwrap();
    doc.encrypt(&state).unwrap();
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// The files of `tests/cmd/pdf.in`: a two-page brochure (a wrapped phrase,
/// a hyphenated one, a kerned ToUnicode line) and a scanned one. (An
/// encrypted file differs each time it is written: tests/pdf.rs makes its
/// own.)
pub fn fixtures() -> Vec<(&'static str, Vec<u8>)> {
    let page1 = lines(&[
        "Frontier for teams",
        "One contract enables",
        "access to GPT-5 for every team.",
    ]);
    let page2 = format!(
        "{}BT /F2 12 Tf 72 600 Td [{} -40 {} -260 {}] TJ ET",
        lines(&["Plans", "The Team plan enab-", "les access to GPT-4o."]),
        f2("Unlim"),
        f2("ited"),
        f2("seats.")
    );
    vec![
        ("brochure.pdf", with_pages(&[&page1, &page2], true)),
        ("scanned.pdf", image_only()),
    ]
}
