//! What Office files hold beyond their paragraphs: alt text of pictures,
//! chart titles, axis titles, series and category names, SmartArt text,
//! Word comments, and every Excel cell with text. Each fixture is a minimal
//! Office Open XML zip built here; each finding is checked for its line,
//! column, offset and `location`. Broken references (a shared string out
//! of range, a chart part missing, a chart relationship that points back
//! at its slide) are one-line errors naming the part, and the run goes on.

mod common;

use common::Project;
use common::ooxml::{A, W, findings, rels, zip};

type Found = (String, u64, u64, u64, String, String);

fn found(rule: &str, line: u64, column: u64, location: &str, matched: &str) -> Found {
    (
        rule.to_owned(),
        line,
        column,
        column - 1,
        location.to_owned(),
        matched.to_owned(),
    )
}

const C: &str = "xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\"";

/// A chart part: an optional title, series `(name, categories)` and an
/// optional value-axis title.
fn chart(title: Option<&str>, series: &[(&str, &[&str])], axis: Option<&str>) -> String {
    let rich = |text: &str| {
        format!(
            "<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>{text}</a:t></a:r></a:p></c:rich></c:tx></c:title>"
        )
    };
    let series: String = series
        .iter()
        .enumerate()
        .map(|(i, (name, categories))| {
            let points: String = categories
                .iter()
                .enumerate()
                .map(|(j, c)| format!("<c:pt idx=\"{j}\"><c:v>{c}</c:v></c:pt>"))
                .collect();
            format!(
                "<c:ser><c:idx val=\"{i}\"/><c:tx><c:strRef><c:f>Sheet1!$B$1 enables access</c:f><c:strCache><c:pt idx=\"0\"><c:v>{name}</c:v></c:pt></c:strCache></c:strRef></c:tx>\
                 <c:cat><c:strRef><c:f>Sheet1!$A$2</c:f><c:strCache>{points}</c:strCache></c:strRef></c:cat>\
                 <c:val><c:numRef><c:numCache><c:pt idx=\"0\"><c:v>7</c:v></c:pt></c:numCache></c:numRef></c:val></c:ser>"
            )
        })
        .collect();
    format!(
        "<c:chartSpace {C} {A}><c:chart>{}<c:plotArea><c:barChart>{series}</c:barChart><c:valAx>{}</c:valAx></c:plotArea></c:chart></c:chartSpace>",
        title.map(rich).unwrap_or_default(),
        axis.map(rich).unwrap_or_default()
    )
}

fn word_para(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

/// A Word drawing (`wp:inline`) with alt text `descr` and `graphic` as its
/// graphic data.
fn word_drawing(descr: &str, graphic: &str) -> String {
    format!(
        "<w:r><w:drawing><wp:inline><wp:extent cx=\"1\" cy=\"1\"/><wp:docPr id=\"1\" name=\"Picture 1\" descr=\"{descr}\"/><a:graphic><a:graphicData uri=\"u\">{graphic}</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )
}

#[test]
fn word_alt_text_charts_and_comments() {
    let p = Project::new();
    // The picture's own `pic:cNvPr` repeats the alt text, as Word writes it:
    // it is read once, from `wp:docPr`.
    let picture = word_drawing(
        "Diagram: Frontier enables access to GPT-5",
        "<pic:pic><pic:nvPicPr><pic:cNvPr id=\"0\" name=\"p\" descr=\"Diagram: Frontier enables access to GPT-5\"/></pic:nvPicPr></pic:pic>",
    );
    let chart_ref = word_drawing("", "<c:chart r:id=\"rId5\"/>");
    let body = format!(
        "{}<w:p>{picture}</w:p><w:p><w:r><w:t>Uptime by region</w:t></w:r>{chart_ref}</w:p>",
        word_para("Frontier datasheet")
    );
    let comments = format!(
        "<w:comments {W}><w:comment w:id=\"0\">{}</w:comment><w:comment w:id=\"1\">{}{}</w:comment></w:comments>",
        word_para("Looks fine"),
        word_para("Check the numbers"),
        word_para("Say risk-free here?")
    );
    p.file(
        "sheet.docx",
        zip(&[
            (
                "word/document.xml",
                format!("<w:document {W} {A}><w:body>{body}</w:body></w:document>"),
            ),
            (
                "word/_rels/document.xml.rels",
                rels(&[("rId5", "charts/chart1.xml")]),
            ),
            (
                "word/charts/chart1.xml",
                chart(
                    Some("Zero downtime in every region"),
                    &[("Guaranteed", &["EU", "US"])],
                    Some("Unlimited scale"),
                ),
            ),
            ("word/comments.xml", comments),
        ]),
    );
    let run = p.check_json(&["sheet.docx"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        findings(&run),
        vec![
            found(
                "partner-ai/enables-access",
                2,
                19,
                "paragraph 2, image alt text",
                "enables access"
            ),
            found(
                "claims/zero-downtime",
                4,
                1,
                "paragraph 3, chart 1, title",
                "Zero downtime"
            ),
            found(
                "claims/guarantee",
                5,
                1,
                "paragraph 3, chart 1, series 1 name",
                "Guaranteed"
            ),
            found(
                "claims/unlimited",
                8,
                1,
                "paragraph 3, chart 1, value axis title",
                "Unlimited"
            ),
            found(
                "claims/risk-free",
                11,
                5,
                "comment 2, paragraph 2",
                "risk-free"
            ),
        ]
    );
    let human = p.run(&["check", "sheet.docx"]);
    assert!(
        human.stdout.contains(" 11 │ Say risk-free here?")
            && human.stdout.contains("in comment 2, paragraph 2"),
        "{}",
        human.stdout
    );
}

/// A slide with a text box, a picture, a chart and a SmartArt graphic.
fn deck(chart_target: &str, with_chart: bool) -> Vec<u8> {
    let slide = format!(
        "<p:sld {A}><p:cSld><p:spTree>\
         <p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Title\"/></p:nvSpPr><p:txBody><a:p><a:r><a:t>Frontier for teams</a:t></a:r></a:p></p:txBody></p:sp>\
         <p:pic><p:nvPicPr><p:cNvPr id=\"3\" name=\"Picture 2\" descr=\"Chart of best-in-class latency\"/></p:nvPicPr><p:blipFill/></p:pic>\
         <p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id=\"4\" name=\"Chart 3\" descr=\"Seats by plan\"/></p:nvGraphicFramePr><a:graphic><a:graphicData uri=\"c\"><c:chart {C} r:id=\"rId2\"/></a:graphicData></a:graphic></p:graphicFrame>\
         <p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id=\"5\" name=\"Diagram 4\"/></p:nvGraphicFramePr><a:graphic><a:graphicData uri=\"d\"><dgm:relIds xmlns:dgm=\"d\" r:dm=\"rId3\" r:lo=\"rId4\"/></a:graphicData></a:graphic></p:graphicFrame>\
         </p:spTree></p:cSld></p:sld>"
    );
    let smartart = "<dgm:dataModel xmlns:dgm=\"d\" xmlns:a=\"a\"><dgm:ptLst>\
        <dgm:pt modelId=\"0\" type=\"doc\"><dgm:t><a:bodyPr/><a:p><a:r><a:t>Onboarding</a:t></a:r></a:p></dgm:t></dgm:pt>\
        <dgm:pt modelId=\"1\" type=\"parTrans\"/>\
        <dgm:pt modelId=\"2\"><dgm:t><a:p><a:r><a:t>Zero risk rollout</a:t></a:r></a:p></dgm:t></dgm:pt>\
        </dgm:ptLst></dgm:dataModel>";
    let mut parts = vec![
        (
            "ppt/presentation.xml",
            format!(
                "<p:presentation {A}><p:sldIdLst><p:sldId id=\"256\" r:id=\"rId1\"/></p:sldIdLst></p:presentation>"
            ),
        ),
        (
            "ppt/_rels/presentation.xml.rels",
            rels(&[("rId1", "slides/slide1.xml")]),
        ),
        ("ppt/slides/slide1.xml", slide),
        (
            "ppt/slides/_rels/slide1.xml.rels",
            rels(&[("rId2", chart_target), ("rId3", "../diagrams/data1.xml")]),
        ),
        ("ppt/diagrams/data1.xml", smartart.to_owned()),
    ];
    if with_chart {
        parts.push((
            "ppt/charts/chart1.xml",
            chart(
                None,
                &[
                    ("Team", &["Standard", "Military-grade encryption"]),
                    ("Unlimited", &["Standard", "Military-grade encryption"]),
                ],
                None,
            ),
        ));
    }
    zip(&parts)
}

#[test]
fn powerpoint_alt_text_charts_and_smartart() {
    let p = Project::new();
    p.file("deck.pptx", deck("../charts/chart1.xml", true));
    let run = p.check_json(&["deck.pptx"]);
    // Warnings only: below the default --fail-on.
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Lines: 1 the text box, 2 the picture's alt text, 3 the chart's, 4
    // series 1, 5-6 its categories (series 2 repeats them: read once), 7
    // series 2, 8-9 SmartArt.
    assert_eq!(
        findings(&run),
        vec![
            found(
                "claims/superlative",
                2,
                10,
                "slide 1, picture 1, alt text",
                "best-in-class"
            ),
            found(
                "claims/military-grade",
                6,
                1,
                "slide 1, chart 1, category 2",
                "Military-grade"
            ),
            found(
                "claims/unlimited",
                7,
                1,
                "slide 1, chart 1, series 2 name",
                "Unlimited"
            ),
            found(
                "claims/risk-free",
                9,
                1,
                "slide 1, SmartArt 1, paragraph 2",
                "Zero risk"
            ),
        ]
    );
}

const SHEET: &str = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

/// A workbook of `sheets` `(name, sheetData)`, with `strings` as its
/// shared-strings part.
fn workbook(sheets: &[(&str, &str)], strings: &str) -> Vec<u8> {
    let listed: String = sheets
        .iter()
        .enumerate()
        .map(|(i, (name, _))| {
            format!(
                "<sheet name=\"{name}\" sheetId=\"{i}\" r:id=\"rId{}\"/>",
                i + 1
            )
        })
        .collect();
    let ids: Vec<(String, String)> = (1..=sheets.len())
        .map(|i| (format!("rId{i}"), format!("worksheets/sheet{i}.xml")))
        .chain([("rId99".to_owned(), "sharedStrings.xml".to_owned())])
        .collect();
    let ids: Vec<(&str, &str)> = ids.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let names: Vec<String> = (1..=sheets.len())
        .map(|i| format!("xl/worksheets/sheet{i}.xml"))
        .collect();
    let mut parts = vec![
        (
            "xl/workbook.xml",
            format!("<workbook {SHEET}><sheets>{listed}</sheets></workbook>"),
        ),
        ("xl/_rels/workbook.xml.rels", rels(&ids)),
        (
            "xl/sharedStrings.xml",
            format!("<sst {SHEET}>{strings}</sst>"),
        ),
    ];
    for (name, (_, data)) in names.iter().zip(sheets) {
        parts.push((
            name,
            format!("<worksheet {SHEET}><sheetData>{data}</sheetData></worksheet>"),
        ));
    }
    zip(&parts)
}

#[test]
fn excel_cells_with_text_over_two_sheets() {
    let p = Project::new();
    let strings = "<si><t>Plan</t></si>\
        <si><r><t>Unlim</t></r><r><rPr><b/></rPr><t>ited seats</t></r></si>\
        <si><t>Support</t><rPh sb=\"0\" eb=\"1\"><t>Unlimited</t></rPh></si>";
    let pricing = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\"><v>42</v></c></row>\
        <row r=\"7\"><c r=\"A7\" t=\"s\"><v>2</v></c><c r=\"B7\" t=\"s\"><v>1</v></c><c r=\"C7\"><v>1</v></c><c r=\"D7\" t=\"b\"><v>1</v></c></row>";
    // A number cell is not text, whatever its `<v>` holds; B2 has no `r`
    // and follows A2.
    let battle = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Risk-free switch</t></is></c></row>\
        <row r=\"2\"><c r=\"A2\" t=\"str\"><f>CONCAT(B1,C1)</f><v>Frontier enables access to GPT-5</v></c><c t=\"inlineStr\"><is><r><t>Best-in-</t></r><r><t>class</t></r></is></c></row>\
        <row r=\"3\"><c r=\"A3\"><v>Unlimited</v></c></row>";
    p.file(
        "prices.xlsx",
        workbook(&[("Pricing", pricing), ("Battle card", battle)], strings),
    );
    let run = p.check_json(&["prices.xlsx"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    // Lines: Pricing!A1, A7, B7, then 'Battle card'!A1, A2, B2.
    assert_eq!(
        findings(&run),
        vec![
            found("claims/unlimited", 3, 1, "Pricing!B7", "Unlimited"),
            found("claims/risk-free", 4, 1, "'Battle card'!A1", "Risk-free"),
            found(
                "partner-ai/enables-access",
                5,
                10,
                "'Battle card'!A2",
                "enables access"
            ),
            found(
                "claims/superlative",
                6,
                1,
                "'Battle card'!B2",
                "Best-in-class"
            ),
        ]
    );
}

#[test]
fn broken_references_are_one_line_errors_naming_the_part() {
    let p = Project::new();
    p.file(
        "bad-index.xlsx",
        workbook(
            &[(
                "Pricing",
                "<row r=\"7\"><c r=\"B7\" t=\"s\"><v>7</v></c></row>",
            )],
            "<si><t>a</t></si><si><t>b</t></si><si><t>c</t></si>",
        ),
    );
    p.file("missing-chart.pptx", deck("../charts/chart9.xml", true));
    // The chart relationship points back at the slide that holds it.
    p.file("loop.pptx", deck("slide1.xml", false));
    p.file("a.md", "It calls on GPT.\n");
    let run = p.check_json(&[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.rules(), vec!["partner-ai/calls-on"]);
    let errors: Vec<String> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("error:"))
        .map(str::to_owned)
        .collect();
    assert_eq!(
        errors,
        [
            "error: bad-index.xlsx: xl/worksheets/sheet1.xml: cell B7 names shared string 7, but xl/sharedStrings.xml holds 3",
            "error: loop.pptx: ppt/slides/slide1.xml is not a chart part (slide 1, chart 1 in ppt/slides/slide1.xml points at it)",
            "error: missing-chart.pptx: corrupt file: ppt/charts/chart9.xml is missing (slide 1, chart 1)",
        ]
    );
}
