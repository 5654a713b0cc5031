//! The README demo: `phraselint check docs-samples` shows the planted
//! violations in Markdown, HTML, text, Word, PowerPoint, Excel and PDF samples, and
//! nothing from code samples, URLs, comments, scripts or look-alikes.

use std::process::Command;

#[test]
fn docs_samples_show_exactly_the_planted_violations() {
    let out = Command::new(env!("CARGO_BIN_EXE_phraselint"))
        .args(["check", "--format", "compact", "docs-samples"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let found: Vec<&str> = stdout.lines().collect();
    let expected = [
        "docs-samples/brochure.pdf:7:42: error partner-ai/enables-access",
        "docs-samples/brochure.pdf:19:65: error partner-ai/enables-access",
        "docs-samples/brochure.pdf:22:49: warning claims/zero-downtime",
        "docs-samples/brochure.pdf:27:61: warning claims/risk-free",
        "docs-samples/brochure.pdf:31:13: warning claims/unlimited",
        "docs-samples/datasheet.docx:3:29: error partner-ai/enables-access",
        "docs-samples/datasheet.docx:8:1: warning claims/military-grade",
        "docs-samples/price-sheet.xlsx:13:1: warning claims/unlimited",
        "docs-samples/product-page.md:3:23: error partner-ai/provides-access",
        "docs-samples/product-page.md:8:43: error partner-ai/calls-on",
        "docs-samples/product-page.md:24:36: error partner-ai/enables-access",
        "docs-samples/product-page.md:29:76: error partner-ai/directly-accesses",
        "docs-samples/product-page.md:30:1: error partner-ai/accesses-partner",
        "docs-samples/product-page.md:31:56: error partner-ai/provides-access",
        "docs-samples/product-page.md:41:4: warning claims/superlative",
        "docs-samples/product-page.md:57:16: warning claims/unlimited",
        "docs-samples/product.html:6:46: error partner-ai/provides-access",
        "docs-samples/product.html:8:44: warning claims/superlative",
        "docs-samples/product.html:32:64: error partner-ai/calls-on",
        "docs-samples/product.html:34:68: error partner-ai/enables-access",
        "docs-samples/product.html:35:44: warning claims/risk-free",
        "docs-samples/product.html:50:60: warning claims/unlimited",
        "docs-samples/release-notes.md:11:51: error partner-ai/calls-on",
        "docs-samples/release-notes.md:22:27: warning claims/guarantee",
        "docs-samples/sales-deck.pptx:6:1: warning claims/risk-free",
        "docs-samples/sales-deck.pptx:7:39: error partner-ai/calls-on",
        "docs-samples/sales-deck.pptx:14:1: warning claims/unlimited",
        "docs-samples/sales-deck.pptx:15:21: error partner-ai/direct-access",
        "docs-samples/sales-deck.pptx:17:24: error partner-ai/enables-access",
        "docs-samples/sales-deck.pptx:19:1: warning claims/unlimited",
        "docs-samples/sales-email.txt:12:39: error partner-ai/provides-access",
        "docs-samples/sales-email.txt:12:57: error partner-ai/direct-access",
        "docs-samples/sales-email.txt:16:34: error partner-ai/enables-access",
        "docs-samples/sales-email.txt:25:23: warning claims/risk-free",
    ];
    assert_eq!(found.len(), expected.len(), "{stdout}");
    for (line, want) in found.iter().zip(expected) {
        assert!(line.starts_with(want), "{line} != {want}");
    }
}

#[test]
fn office_samples_name_the_picture_the_chart_and_the_cell() {
    let out = Command::new(env!("CARGO_BIN_EXE_phraselint"))
        .args(["check", "--format", "json"])
        .args([
            "docs-samples/sales-deck.pptx",
            "docs-samples/price-sheet.xlsx",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let located: Vec<(&str, &str)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap(),
                f["location"].as_str().unwrap_or(""),
            )
        })
        .collect();
    for want in [
        ("partner-ai/enables-access", "slide 4, picture 1, alt text"),
        ("claims/unlimited", "slide 4, chart 1, series 1 name"),
        ("claims/unlimited", "Pricing!B7"),
    ] {
        assert!(located.contains(&want), "{want:?} not in {located:?}");
    }
}
