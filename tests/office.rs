//! Word and PowerPoint files: paragraphs in reading order, phrases split
//! across formatting runs, tables, speaker notes, slide order, and corrupt
//! files. Fixtures are built here as minimal Office Open XML zips.

mod common;

use std::io::Write;

use common::Project;
use common::ooxml::{A, W, findings, rels, zip};
use zip::write::SimpleFileOptions;

fn docx(body: &str) -> Vec<u8> {
    zip(&[
        ("[Content_Types].xml", "<Types/>".to_owned()),
        (
            "word/document.xml",
            format!("<w:document {W}><w:body>{body}</w:body></w:document>"),
        ),
        (
            "word/footer1.xml",
            format!("<w:ftr {W}><w:p><w:r><w:t>Unlimited support</w:t></w:r></w:p></w:ftr>"),
        ),
    ])
}

fn para(runs: &[&str]) -> String {
    let runs: String = runs
        .iter()
        .map(|r| format!("<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{r}</w:t></w:r>"))
        .collect();
    format!("<w:p>{runs}</w:p>")
}

fn slide_xml(paragraphs: &[&[&str]], placeholder: Option<&str>) -> String {
    let ph = placeholder.map_or(String::new(), |t| {
        format!("<p:nvSpPr><p:nvPr><p:ph type=\"{t}\"/></p:nvPr></p:nvSpPr>")
    });
    let paras: String = paragraphs
        .iter()
        .map(|runs| {
            let runs: String = runs
                .iter()
                .map(|r| format!("<a:r><a:rPr i=\"1\"/><a:t>{r}</a:t></a:r>"))
                .collect();
            format!("<a:p>{runs}</a:p>")
        })
        .collect();
    format!(
        "<p:sld {A}><p:cSld><p:spTree><p:sp>{ph}<p:txBody>{paras}</p:txBody></p:sp></p:spTree></p:cSld></p:sld>"
    )
}

/// A deck whose slide order (s2, then s1) differs from its part names.
fn pptx() -> Vec<u8> {
    zip(&[
        ("[Content_Types].xml", "<Types/>".to_owned()),
        (
            "ppt/presentation.xml",
            format!(
                "<p:presentation {A}><p:sldIdLst><p:sldId id=\"256\" r:id=\"rId7\"/><p:sldId id=\"257\" r:id=\"rId3\"/></p:sldIdLst></p:presentation>"
            ),
        ),
        (
            "ppt/_rels/presentation.xml.rels",
            rels(&[("rId3", "slides/slide1.xml"), ("rId7", "slides/slide2.xml")]),
        ),
        (
            "ppt/slides/slide2.xml",
            slide_xml(
                &[
                    &["Frontier for teams"],
                    &["It enab", "les access to GPT-5."],
                ],
                None,
            ),
        ),
        (
            "ppt/slides/slide1.xml",
            slide_xml(&[&["Plans"], &["Risk-free trial"]], None),
        ),
        (
            "ppt/slides/_rels/slide1.xml.rels",
            rels(&[("rId2", "../notesSlides/notesSlide1.xml")]),
        ),
        (
            "ppt/notesSlides/notesSlide1.xml",
            format!(
                "<p:notes {A}><p:cSld><p:spTree>{}{}</p:spTree></p:cSld></p:notes>",
                slide_xml(&[&["2"]], Some("sldNum"))
                    .replace("<p:sld ", "<p:x ")
                    .replace("</p:sld>", "</p:x>"),
                slide_xml(&[&["Say it calls on GPT &amp; more."]], Some("body"))
                    .replace("<p:sld ", "<p:x ")
                    .replace("</p:sld>", "</p:x>")
            ),
        ),
    ])
}

#[test]
fn docx_paragraphs_tables_split_runs_and_footers() {
    let p = Project::new();
    let table = format!(
        "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
        para(&["Plan"]),
        para(&["Seats"]),
        para(&["Team"]),
        para(&["Military-grade ", "encryption"])
    );
    let body = format!(
        "{}<w:p/>{}{}{}",
        para(&["Frontier datasheet"]),
        para(&["Frontier ", "enab", "les", " access to GPT-5."]),
        table,
        para(&["<w:del><w:r><w:delText>calls on GPT</w:delText></w:r></w:del>Done."])
            .replace("&lt;", "<")
    );
    p.file("sheet.docx", docx(&body));
    let run = p.check_json(&["sheet.docx"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        findings(&run),
        vec![
            (
                "partner-ai/enables-access".into(),
                2,
                10,
                9,
                "paragraph 2".into(),
                "enables access".into()
            ),
            (
                "claims/military-grade".into(),
                6,
                1,
                0,
                "paragraph 6 (table 1, row 2, cell 2)".into(),
                "Military-grade".into()
            ),
            (
                "claims/unlimited".into(),
                8,
                1,
                0,
                "footer1, paragraph 1".into(),
                "Unlimited".into()
            ),
        ]
    );
}

#[test]
fn pptx_slides_in_presentation_order_with_notes() {
    let p = Project::new();
    p.file("deck.pptx", pptx());
    let run = p.check_json(&["deck.pptx"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        findings(&run),
        vec![
            (
                "partner-ai/enables-access".into(),
                2,
                4,
                3,
                "slide 1, paragraph 2".into(),
                "enables access".into()
            ),
            (
                "claims/risk-free".into(),
                4,
                1,
                0,
                "slide 2, paragraph 2".into(),
                "Risk-free".into()
            ),
            (
                "partner-ai/calls-on".into(),
                5,
                8,
                7,
                "slide 2, notes, paragraph 1".into(),
                "calls on".into()
            ),
        ]
    );
    let human = p.run(&["check", "deck.pptx"]);
    assert!(
        human
            .stdout
            .contains("Note 1: in slide 2, notes, paragraph 1"),
        "{}",
        human.stdout
    );
    assert!(
        human.stdout.contains(" 5 │ Say it calls on GPT & more."),
        "{}",
        human.stdout
    );
}

#[test]
fn corrupt_and_protected_files_are_errors_and_the_run_goes_on() {
    let p = Project::new();
    p.file("broken.docx", b"PK\x03\x04 this is not really a zip");
    p.file(
        "locked.pptx",
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 encrypted package",
    );
    p.file("empty.docx", zip(&[("hello.txt", "hi".to_owned())]));
    p.file("a.md", "It calls on GPT.\n");
    let run = p.check_json(&[]);
    assert_eq!(run.code, 2);
    assert_eq!(run.rules(), vec!["partner-ai/calls-on"]);
    let errors: Vec<(String, String)> = run.json()["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["path"].as_str().unwrap().to_owned(),
                e["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(errors[0].0, "broken.docx");
    assert!(
        errors[0].1.starts_with("not a valid .docx file"),
        "{errors:?}"
    );
    assert_eq!(
        errors[1],
        (
            "empty.docx".into(),
            "not a Word document: word/document.xml is missing".into()
        )
    );
    assert_eq!(
        errors[2],
        (
            "locked.pptx".into(),
            "password-protected or legacy binary Office file; save it as an unprotected .pptx"
                .into()
        )
    );
}

#[test]
fn text_boxes_once_tab_stops_are_not_text_nested_tables_number_themselves() {
    let p = Project::new();
    let text_box = format!(
        "<w:p><w:r><mc:AlternateContent xmlns:mc=\"m\"><mc:Choice><w:txbxContent>{}</w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent>{}</w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p>",
        para(&["Unlimited seats"]),
        para(&["Unlimited seats"])
    );
    let tabs = "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\"/><w:tab w:val=\"right\"/></w:tabs></w:pPr><w:r><w:t>Frontier enables access to GPT</w:t></w:r></w:p>";
    let nested = format!(
        "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc><w:tbl><w:tr><w:tc>{}</w:tc></w:tr></w:tbl>{}</w:tc></w:tr></w:tbl>",
        para(&["a"]),
        para(&["b"]),
        para(&["Risk-free"])
    );
    p.file("a.docx", docx(&format!("{text_box}{tabs}{nested}")));
    let run = p.check_json(&["a.docx"]);
    assert_eq!(
        findings(&run),
        vec![
            (
                "claims/unlimited".into(),
                1,
                1,
                0,
                "paragraph 1".into(),
                "Unlimited".into()
            ),
            (
                "partner-ai/enables-access".into(),
                2,
                10,
                9,
                "paragraph 2".into(),
                "enables access".into()
            ),
            (
                "claims/risk-free".into(),
                5,
                1,
                0,
                "paragraph 5 (table 1, row 1, cell 2)".into(),
                "Risk-free".into()
            ),
            (
                "claims/unlimited".into(),
                6,
                1,
                0,
                "footer1, paragraph 1".into(),
                "Unlimited".into()
            ),
        ]
    );
}

#[test]
fn utf16_parts_are_read_and_oversized_or_broken_decks_are_errors() {
    let p = Project::new();
    let xml = format!(
        "<w:document {W}><w:body>{}</w:body></w:document>",
        para(&["Unlimited"])
    );
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in xml.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let mut out = std::io::Cursor::new(Vec::new());
    let mut writer = zip::ZipWriter::new(&mut out);
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    writer.start_file("word/document.xml", stored).unwrap();
    writer.write_all(&utf16).unwrap();
    writer.finish().unwrap();
    p.file("u.docx", out.into_inner());
    assert_eq!(p.check_json(&["u.docx"]).rules(), vec!["claims/unlimited"]);

    let mut out = std::io::Cursor::new(Vec::new());
    let mut writer = zip::ZipWriter::new(&mut out);
    let deflated =
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    writer.start_file("word/document.xml", deflated).unwrap();
    let spaces = vec![b' '; 1 << 20];
    for _ in 0..65 {
        writer.write_all(&spaces).unwrap();
    }
    writer.finish().unwrap();
    p.file("bomb.docx", out.into_inner());
    let run = p.check_json(&["bomb.docx"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.json()["errors"][0]["message"],
        "word/document.xml unpacks to more than 64 MiB; refused"
    );

    let mut deck = pptx();
    // Drop the presentation's relationships: the slides can't be found.
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(deck.clone())).unwrap();
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let mut content = String::new();
        std::io::Read::read_to_string(&mut f, &mut content).unwrap();
        let name = f.name().unwrap().into_owned();
        if name != "ppt/_rels/presentation.xml.rels" {
            parts.push((name, content));
        }
    }
    let named: Vec<(&str, String)> = parts.iter().map(|(n, c)| (n.as_str(), c.clone())).collect();
    deck = zip(&named);
    p.file("broken.pptx", deck);
    let run = p.check_json(&["broken.pptx"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.json()["errors"][0]["message"],
        "corrupt deck: ppt/_rels/presentation.xml.rels is missing"
    );
}
