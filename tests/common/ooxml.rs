//! Minimal Office Open XML packages for tests: a stored zip of named parts,
//! the namespaces the parts use, and a relationships part.

use std::io::Write;

use zip::write::SimpleFileOptions;

pub const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
pub const A: &str = "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

/// A zip of `parts`, stored (not deflated), in the order given.
pub fn zip(parts: &[(&str, String)]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut writer = zip::ZipWriter::new(&mut out);
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, content) in parts {
        writer.start_file(*name, options).unwrap();
        writer.write_all(content.as_bytes()).unwrap();
    }
    writer.finish().unwrap();
    out.into_inner()
}

/// A relationships part listing `(Id, Target)` pairs.
pub fn rels(items: &[(&str, &str)]) -> String {
    let items: String = items
        .iter()
        .map(|(id, target)| format!("<Relationship Id=\"{id}\" Type=\"t\" Target=\"{target}\"/>"))
        .collect();
    format!("<Relationships>{items}</Relationships>")
}

/// Each finding as (rule, line, column, offset, location, matched).
pub fn findings(run: &super::Run) -> Vec<(String, u64, u64, u64, String, String)> {
    run.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["start"]["line"].as_u64().unwrap(),
                f["start"]["column"].as_u64().unwrap(),
                f["start"]["offset"].as_u64().unwrap(),
                f["location"].as_str().unwrap_or("").to_owned(),
                f["matched"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}
