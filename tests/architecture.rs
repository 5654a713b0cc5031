//! The house's rules, read from the source: the library's modules use one
//! another in one direction only (no import cycle), the library knows no
//! command-line parser, and no function needs a clippy allowance for too
//! many arguments. docs/architecture.md describes the layers.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The library's files (the binary's `main.rs` and `cli/` are not the
/// library), each with its top-level module.
fn library_files() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    files.sort();
    files
        .into_iter()
        .filter_map(|path| {
            let relative = path.strip_prefix(&src).unwrap();
            let top = relative.components().next()?.as_os_str().to_str()?;
            let module = top.trim_end_matches(".rs").to_owned();
            if module == "main" || module == "cli" || module == "lib" {
                return None;
            }
            Some((module, std::fs::read_to_string(&path).unwrap()))
        })
        .collect()
}

/// The top-level modules a file names through `crate::…`, grouped
/// `use crate::{a, b::c}` included. Comments are skipped.
fn crate_refs(text: &str) -> BTreeSet<String> {
    let mut refs = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or_default();
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                // One level of grouping: the first name of each item.
                let mut depth = 0;
                let mut item = String::new();
                for c in group.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            refs.extend(first_name(&item));
                            item.clear();
                            continue;
                        }
                        _ => {}
                    }
                    item.push(c);
                }
                refs.extend(first_name(&item));
            } else {
                refs.extend(first_name(rest));
            }
        }
    }
    refs
}

fn first_name(s: &str) -> Option<String> {
    let name: String = s
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (!name.is_empty()).then_some(name)
}

#[test]
fn library_modules_have_no_import_cycle() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, text) in library_files() {
        let uses = graph.entry(module.clone()).or_default();
        uses.extend(crate_refs(&text).into_iter().filter(|m| *m != module));
    }
    let modules: BTreeSet<String> = graph.keys().cloned().collect();
    for (module, uses) in &graph {
        for used in uses {
            assert!(
                modules.contains(used),
                "{module} uses crate::{used}, which is not a library module"
            );
        }
    }
    // Peel off modules that use nothing left; what remains is a cycle.
    let mut left = graph.clone();
    let mut order = Vec::new();
    while let Some(leaf) = left
        .iter()
        .find(|(_, uses)| uses.iter().all(|u| !left.contains_key(u)))
        .map(|(m, _)| m.clone())
    {
        left.remove(&leaf);
        order.push(leaf);
    }
    assert!(
        left.is_empty(),
        "import cycle among {:?}\n(uses: {:#?})",
        left.keys().collect::<Vec<_>>(),
        left
    );
    assert!(
        order.len() > 10,
        "the library's modules were found: {order:?}"
    );
}

#[test]
fn library_knows_no_command_line() {
    for (module, text) in library_files() {
        for word in ["clap", "ValueEnum", "std::env::args", "process::exit"] {
            assert!(!text.contains(word), "{module} mentions `{word}`");
        }
    }
}

#[test]
fn no_function_takes_too_many_arguments() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            !text.contains("too_many_arguments"),
            "{} allows too_many_arguments",
            path.display()
        );
    }
}

#[test]
fn the_reference_parser_sees_grouped_and_plain_uses() {
    let refs = crate_refs("use crate::{a::X, b::{c, d}, e};\nlet x = crate::f::g(); // crate::h\n");
    let names: Vec<&str> = refs.iter().map(String::as_str).collect();
    assert_eq!(names, ["a", "b", "e", "f"]);
}
