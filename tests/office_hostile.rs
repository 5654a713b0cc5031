//! Hostile Office files, each built here: a slide listed 400 times, zip
//! entries that share bytes, a name listed twice, five 60 MB headers, a
//! truncated part, 40,000 slides, and a sheet of a million cells. Each
//! runs the binary on the hostile file beside a Markdown file with a known
//! finding, under a memory limit (`ulimit -v`), and checks the one-line
//! error naming the file, exit 2 (or, for the large files, the finding at
//! their end), and that the Markdown finding is still reported.
//!
//! The limit is 2,000,000 KiB of address space. Without the budget the
//! first four cases each read 300 to 400 MB of text, which the lint then
//! copies and maps at about 10 bytes a byte: far over it.

mod common;

use std::io::{Read, Write};
use std::process::Command;
use std::time::Duration;

use common::{Project, Run, run_bounded};
use zip::write::SimpleFileOptions;

const CALLS_ON: &str = "partner-ai/calls-on";
/// `ulimit -v`, in KiB.
const MEMORY_LIMIT_KIB: u64 = 2_000_000;
/// Longer than this is a hang: the run is killed and the test fails.
const HANG: Duration = Duration::from_secs(120);
const MIB: usize = 1 << 20;

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
const A: &str = "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

/// `phraselint check --format json -j1 PATHS… a.md` under `ulimit -v`, with
/// glibc kept to two malloc arenas; killed after `HANG`.
fn check_limited(p: &Project, paths: &[&str]) -> Run {
    p.file("a.md", "Frontier calls on GPT.\n");
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("ulimit -v {MEMORY_LIMIT_KIB}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_phraselint"))
        .args(["check", "--format", "json", "-j1"])
        .args(paths)
        .arg("a.md")
        .current_dir(p.path())
        .env("MALLOC_ARENA_MAX", "2")
        .env_remove("NO_COLOR");
    bounded(cmd)
}

/// Runs `cmd` bounded by `HANG`.
fn bounded(cmd: Command) -> Run {
    run_bounded(cmd, HANG, |_| {}).run()
}

/// Exit 2, `errors` exactly `expected` (file, message), each one line on
/// stderr as `error: FILE: MESSAGE`, and a.md's finding still reported.
fn assert_refused(run: &Run, expected: &[(&str, &str)]) {
    assert_eq!(
        run.code, 2,
        "exit code (-1: killed by a signal, such as an abort when memory ran out)\nstderr: {}",
        run.stderr
    );
    let errors: Vec<(String, String)> = run.json()["errors"]
        .as_array()
        .expect("errors array")
        .iter()
        .map(|e| {
            (
                e["path"].as_str().unwrap().to_owned(),
                e["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let want: Vec<(String, String)> = expected
        .iter()
        .map(|(f, m)| ((*f).to_owned(), (*m).to_owned()))
        .collect();
    assert_eq!(errors, want);
    for (file, message) in expected {
        let line = format!("error: {file}: {message}");
        assert!(
            run.stderr.lines().any(|l| l == line),
            "stderr lacks the line `{line}`:\n{}",
            run.stderr
        );
        assert!(!message.contains('\n'));
    }
    let md: Vec<String> = run
        .findings()
        .into_iter()
        .filter(|f| f.path == "a.md")
        .map(|f| f.rule)
        .collect();
    assert_eq!(md, vec![CALLS_ON], "a.md's finding must survive");
}

/// A zip made by the zip crate's writer, every part deflated.
fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut writer = zip::ZipWriter::new(&mut out);
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in parts {
        writer.start_file(*name, options).unwrap();
        writer.write_all(content).unwrap();
    }
    writer.finish().unwrap();
    out.into_inner()
}

/// One part deflated: what a local entry holds.
struct Deflated {
    crc: u32,
    size: u32,
    data: Vec<u8>,
}

fn deflate(content: &[u8]) -> Deflated {
    let bytes = zip(&[("x", content)]);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut raw = archive.by_index_raw(0).unwrap();
    let (crc, size) = (raw.crc32(), raw.size() as u32);
    let mut data = Vec::new();
    raw.read_to_end(&mut data).unwrap();
    Deflated { crc, size, data }
}

/// A zip written by hand (the writer refuses to make these): `locals` are
/// the entries as stored, `central` the directory, each row a name and the
/// local entry it points at. Many rows may point at one entry, and two
/// entries may have one name.
fn hand_zip(locals: &[(&str, &Deflated)], central: &[(&str, usize)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut offsets = Vec::new();
    let header = |out: &mut Vec<u8>, d: &Deflated, name: &str| {
        out.extend_from_slice(&20u16.to_le_bytes()); // version needed
        out.extend_from_slice(&0u16.to_le_bytes()); // flags
        out.extend_from_slice(&8u16.to_le_bytes()); // deflated
        out.extend_from_slice(&0u16.to_le_bytes()); // time
        out.extend_from_slice(&0x21u16.to_le_bytes()); // date: 1980-01-01
        out.extend_from_slice(&d.crc.to_le_bytes());
        out.extend_from_slice(&(d.data.len() as u32).to_le_bytes());
        out.extend_from_slice(&d.size.to_le_bytes());
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes()); // extra field
    };
    for (name, d) in locals {
        offsets.push(out.len() as u32);
        out.extend_from_slice(b"PK\x03\x04");
        header(&mut out, d, name);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&d.data);
    }
    let directory = out.len() as u32;
    for (name, local) in central {
        let d = locals[*local].1;
        out.extend_from_slice(b"PK\x01\x02");
        out.extend_from_slice(&20u16.to_le_bytes()); // version made by
        header(&mut out, d, name);
        out.extend_from_slice(&0u16.to_le_bytes()); // comment
        out.extend_from_slice(&0u16.to_le_bytes()); // disk
        out.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        out.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        out.extend_from_slice(&offsets[*local].to_le_bytes());
        out.extend_from_slice(name.as_bytes());
    }
    let size = out.len() as u32 - directory;
    out.extend_from_slice(b"PK\x05\x06");
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&(central.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u16).to_le_bytes());
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(&directory.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// A Word part (`document`, `hdr`, …) holding one paragraph of `text`.
fn word_part(root: &str, text: &str) -> String {
    format!("<w:{root} {W}><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:{root}>")
}

/// A slide holding one paragraph of `text`.
fn slide(text: &str) -> String {
    format!(
        "<p:sld {A}><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>{text}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>"
    )
}

/// `presentation.xml` listing the slides whose relationship ids are `ids`,
/// in that order.
fn presentation<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    let list: String = ids
        .enumerate()
        .map(|(i, id)| format!("<p:sldId id=\"{}\" r:id=\"{id}\"/>", 256 + i))
        .collect();
    format!("<p:presentation {A}><p:sldIdLst>{list}</p:sldIdLst></p:presentation>")
}

fn rels(items: impl Iterator<Item = (String, String)>) -> String {
    let items: String = items
        .map(|(id, target)| format!("<Relationship Id=\"{id}\" Type=\"t\" Target=\"{target}\"/>"))
        .collect();
    format!("<Relationships>{items}</Relationships>")
}

#[test]
fn a_slide_listed_400_times_is_counted_each_time() {
    let p = Project::new();
    let big = slide(&"x".repeat(MIB));
    let deck = zip(&[
        (
            "ppt/presentation.xml",
            presentation(std::iter::repeat_n("rId1", 400)).as_bytes(),
        ),
        (
            "ppt/_rels/presentation.xml.rels",
            rels(std::iter::once(("rId1".into(), "slides/slide1.xml".into()))).as_bytes(),
        ),
        ("ppt/slides/slide1.xml", big.as_bytes()),
    ]);
    assert!(deck.len() < 16 << 10, "{} bytes", deck.len());
    p.file("reuse.pptx", deck);
    let run = check_limited(&p, &["reuse.pptx"]);
    assert_refused(
        &run,
        &[(
            "reuse.pptx",
            "ppt/slides/slide1.xml: the parts read unpack to more than 256 MiB in all (a part read twice counts twice); refused",
        )],
    );
}

#[test]
fn zip_entries_that_share_bytes_are_refused() {
    let p = Project::new();
    let body = deflate(word_part("document", &"x".repeat(MIB)).as_bytes());
    let mut central = vec![("word/document.xml".to_owned(), 0)];
    central.extend((1..=400).map(|i| (format!("word/header{i}.xml"), 0)));
    let central: Vec<(&str, usize)> = central.iter().map(|(n, i)| (n.as_str(), *i)).collect();
    let docx = hand_zip(&[("word/document.xml", &body)], &central);
    assert!(docx.len() < 40 << 10, "{} bytes", docx.len());
    p.file("overlap.docx", docx);
    let run = check_limited(&p, &["overlap.docx"]);
    assert_refused(
        &run,
        &[(
            "overlap.docx",
            "word/document.xml and word/header1.xml share bytes in the zip (overlapping entries); refused",
        )],
    );
}

#[test]
fn a_name_listed_twice_is_refused() {
    let p = Project::new();
    // Which copy a reader picks would decide what is checked: refuse both.
    let clean = deflate(word_part("document", "Frontier is powered by GPT.").as_bytes());
    let dirty = deflate(word_part("document", "Frontier enables access to GPT.").as_bytes());
    let docx = hand_zip(
        &[("word/document.xml", &clean), ("word/document.xml", &dirty)],
        &[("word/document.xml", 0), ("word/document.xml", 1)],
    );
    p.file("twice.docx", docx);
    let run = check_limited(&p, &["twice.docx"]);
    assert_refused(
        &run,
        &[(
            "twice.docx",
            "the zip lists word/document.xml twice; refused",
        )],
    );
}

#[test]
fn five_60_mb_headers_go_over_the_file_budget() {
    let p = Project::new();
    // One 60 MB header deflated once and stored under five names, each its
    // own copy of the bytes (no overlap).
    let header = deflate(word_part("hdr", &"x".repeat(60_000_000)).as_bytes());
    let document = deflate(word_part("document", "Frontier is powered by GPT.").as_bytes());
    let names = [
        "word/document.xml",
        "word/header1.xml",
        "word/header2.xml",
        "word/header3.xml",
        "word/header4.xml",
        "word/header5.xml",
    ];
    let locals: Vec<(&str, &Deflated)> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (*n, if i == 0 { &document } else { &header }))
        .collect();
    let central: Vec<(&str, usize)> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let docx = hand_zip(&locals, &central);
    assert!(docx.len() < 1 << 20, "{} bytes", docx.len());
    p.file("headers.docx", docx);
    let run = check_limited(&p, &["headers.docx"]);
    assert_refused(
        &run,
        &[(
            "headers.docx",
            "word/header5.xml: the parts read unpack to more than 256 MiB in all (a part read twice counts twice); refused",
        )],
    );
}

#[test]
fn a_part_over_64_mib_is_refused_before_the_total() {
    let p = Project::new();
    let header = deflate(word_part("hdr", &"x".repeat(65 * MIB)).as_bytes());
    let document = deflate(word_part("document", "Frontier is powered by GPT.").as_bytes());
    let docx = hand_zip(
        &[
            ("word/document.xml", &document),
            ("word/header1.xml", &header),
        ],
        &[("word/document.xml", 0), ("word/header1.xml", 1)],
    );
    p.file("big.docx", docx);
    let run = check_limited(&p, &["big.docx"]);
    assert_refused(
        &run,
        &[(
            "big.docx",
            "word/header1.xml unpacks to more than 64 MiB; refused",
        )],
    );
}

#[test]
fn a_truncated_part_is_an_error_not_a_clean_pass() {
    let p = Project::new();
    // Cut inside the paragraph: before, the paragraph never closed, so its
    // phrase was never seen and the file passed clean.
    let whole = word_part("document", "Frontier enables access to GPT.");
    let cut = &whole[..whole.find("access").unwrap()];
    p.file("cut.docx", zip(&[("word/document.xml", cut.as_bytes())]));
    let deck_cut = slide("Frontier enables access to GPT.");
    let deck_cut = &deck_cut[..deck_cut.find("</a:p>").unwrap()];
    p.file(
        "cut.pptx",
        zip(&[
            (
                "ppt/presentation.xml",
                presentation(std::iter::once("rId1")).as_bytes(),
            ),
            (
                "ppt/_rels/presentation.xml.rels",
                rels(std::iter::once(("rId1".into(), "slides/slide1.xml".into()))).as_bytes(),
            ),
            ("ppt/slides/slide1.xml", deck_cut.as_bytes()),
        ]),
    );
    p.file("empty.docx", zip(&[("word/document.xml", b"")]));
    let run = check_limited(&p, &["cut.docx", "cut.pptx", "empty.docx"]);
    assert_refused(
        &run,
        &[
            (
                "cut.docx",
                "word/document.xml: the XML ends early (5 elements not closed)",
            ),
            (
                "cut.pptx",
                "ppt/slides/slide1.xml: the XML ends early (6 elements not closed)",
            ),
            (
                "empty.docx",
                "word/document.xml: the XML ends early (no root element)",
            ),
        ],
    );
}

#[test]
fn forty_thousand_slides_are_read_in_linear_time() {
    // Before, each slide looked its part up by a walk of the presentation's
    // relationships and its (missing) notes by a walk of every part name:
    // quadratic, 16 to 29 s. Now a map: this must finish well within `HANG`.
    const SLIDES: usize = 40_000;
    let p = Project::new();
    let ids: Vec<String> = (1..=SLIDES).map(|i| format!("rId{i}")).collect();
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        (
            "ppt/presentation.xml".into(),
            presentation(ids.iter().map(String::as_str)).into_bytes(),
        ),
        (
            "ppt/_rels/presentation.xml.rels".into(),
            rels((1..=SLIDES).map(|i| (format!("rId{i}"), format!("slides/slide{i}.xml"))))
                .into_bytes(),
        ),
    ];
    for i in 1..=SLIDES {
        let text = if i == SLIDES {
            "Frontier enables access to GPT.".to_owned()
        } else {
            format!("Slide {i}")
        };
        parts.push((
            format!("ppt/slides/slide{i}.xml"),
            slide(&text).into_bytes(),
        ));
    }
    let parts: Vec<(&str, &[u8])> = parts.iter().map(|(n, c)| (n.as_str(), &c[..])).collect();
    p.file("many.pptx", zip(&parts));
    let run = check_limited(&p, &["many.pptx"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let json = run.json();
    let findings = json["findings"].as_array().unwrap();
    let seen: Vec<(&str, &str, &str)> = findings
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap(),
                f["rule"].as_str().unwrap(),
                f["location"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        seen,
        vec![
            ("a.md", CALLS_ON, ""),
            (
                "many.pptx",
                "partner-ai/enables-access",
                "slide 40000, paragraph 1"
            ),
        ]
    );
    assert_eq!(json["summary"]["files"], 2, "{json}");
}

#[test]
fn a_sheet_of_a_million_cells_is_read_in_linear_time() {
    // A million cells, one in ten a shared string (each its own block), the
    // last with a finding. A lookup or a location that cost more than
    // constant time a cell would not finish within `HANG`.
    const ROWS: usize = 10_000;
    const COLUMNS: usize = 100;
    let p = Project::new();
    let mut data = String::with_capacity(ROWS * COLUMNS * 24);
    for row in 1..=ROWS {
        data.push_str(&format!("<row r=\"{row}\">"));
        for column in 1..=COLUMNS {
            if column % 10 == 0 {
                let string = usize::from(row == ROWS && column == COLUMNS);
                data.push_str(&format!("<c t=\"s\"><v>{string}</v></c>"));
            } else {
                data.push_str("<c><v>7</v></c>");
            }
        }
        data.push_str("</row>");
    }
    let sheet = format!("<worksheet><sheetData>{data}</sheetData></worksheet>");
    let book = "<workbook xmlns:r=\"r\"><sheets><sheet name=\"Pricing\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    let rels = rels([("rId1".to_owned(), "worksheets/sheet1.xml".to_owned())].into_iter());
    let strings = "<sst><si><t>ok</t></si><si><t>Frontier calls on GPT.</t></si></sst>";
    p.file(
        "big.xlsx",
        zip(&[
            ("xl/workbook.xml", book.as_bytes()),
            ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
            ("xl/sharedStrings.xml", strings.as_bytes()),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ]),
    );
    let run = check_limited(&p, &["big.xlsx"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let found: Vec<(String, String, u64)> = run.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_owned(),
                f["location"].as_str().unwrap_or("").to_owned(),
                f["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("a.md".to_owned(), String::new(), 1),
            ("big.xlsx".to_owned(), "Pricing!CV10000".to_owned(), 100_000),
        ]
    );
}
