//! Extraction throughput per file kind, on one core, files in memory:
//! `cargo bench --bench extract -- DIR [KIND]` (KIND: html, md, txt).
//! Reports MB/s for extraction alone (text → folded blocks) and for
//! extraction plus matching with the built-in phrasebooks.

#![allow(clippy::print_stdout)] // a benchmark reports on stdout

use std::path::Path;
use std::time::Instant;

use phraselint::compile::RuleSet;
use phraselint::extract::{ExtractOptions, FileKind, extract};
use phraselint::fold::Folded;
use phraselint::lint::{Scratch, lint_text};
use phraselint::phrasebook::Phrasebook;

fn collect(dir: &Path, kind: FileKind, out: &mut Vec<Vec<u8>>) {
    for entry in std::fs::read_dir(dir).expect("readable dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, kind, out);
        } else if FileKind::from_path(&path) == Some(kind) {
            out.push(std::fs::read(&path).expect("readable file"));
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let dir = args.first().map_or("../shared/corpus/html", String::as_str);
    let kind = match args.get(1).map(String::as_str) {
        Some("md") => FileKind::Markdown,
        Some("txt") => FileKind::Text,
        _ => FileKind::Html,
    };
    let mut files = Vec::new();
    collect(Path::new(dir), kind, &mut files);
    let bytes: usize = files.iter().map(Vec::len).sum();
    let texts: Vec<String> = files
        .iter()
        .map(|f| String::from_utf8_lossy(f).into_owned())
        .collect();
    let keys = vec!["title".to_owned(), "description".to_owned()];
    let options = ExtractOptions {
        front_matter_keys: &keys,
    };
    let (mut folded, mut directives) = (Folded::default(), Vec::new());
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        for text in &texts {
            extract(kind, text, &options, &mut folded, &mut directives);
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    let rules = RuleSet::new(Phrasebook::built_in());
    let mut scratch = Scratch::default();
    let mut best_lint = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        for file in &files {
            lint_text(&rules, kind, file, &mut scratch);
        }
        best_lint = best_lint.min(t.elapsed().as_secs_f64());
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "{} files, {mb:.1} MB ({kind:?}): extract {:.0} MB/s, extract+match {:.0} MB/s (best of 5, one core)",
        files.len(),
        mb / best,
        mb / best_lint
    );
}
