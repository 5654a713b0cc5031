//! The engine's steps on real text, with divan: `cargo bench --bench engine`
//! (add a name to run some: `cargo bench --bench engine -- scan`).
//!
//! Text comes from `../shared/corpus` (the first files of `md/` and `html/`,
//! about 4 MB of each; `PHRASELINT_CORPUS` points elsewhere), and phrases
//! from its `phrases.txt`. Without the corpus, `docs-samples/` stands in.
//! Each step reports bytes/s of source text:
//! - `fold`: case and typography folding with the byte map, no markup;
//! - `extract_markdown`, `extract_html`: markup → folded blocks;
//! - `scan`: the automaton (and checks) over folded Markdown, with 10, 300
//!   and 10,000 phrases;
//! - `lint_markdown`: one whole file at a time (decode, extract, scan,
//!   filters, findings) with the built-in books;
//! - `load`: parsing and compiling the built-in books and 10,000 phrases.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use divan::Bencher;
use divan::counter::BytesCount;
use phraselint::catalog::Catalog;
use phraselint::extract::{ExtractOptions, FileKind, extract};
use phraselint::lint::{Linter, Scratch};
use phraselint::matcher::scan::{Scan, scan};
use phraselint::matcher::{Input, Matcher};
use phraselint::phrasebook::Phrasebook;
use phraselint::text::Folded;

const SAMPLE_BYTES: usize = 4 << 20;

fn corpus() -> PathBuf {
    std::env::var_os("PHRASELINT_CORPUS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
        PathBuf::from,
    )
}

/// The first files of `dir` (sorted, recursively) of `kind`, up to
/// [`SAMPLE_BYTES`].
fn sample(dir: &Path, kind: FileKind) -> Vec<String> {
    fn walk(dir: &Path, kind: FileKind, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            if path.is_dir() {
                walk(&path, kind, out);
            } else if FileKind::from_path(&path) == Some(kind) {
                out.push(path);
            }
        }
    }
    let mut paths = Vec::new();
    walk(dir, kind, &mut paths);
    if paths.is_empty() {
        walk(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("docs-samples"),
            kind,
            &mut paths,
        );
    }
    let mut texts = Vec::new();
    let mut total = 0;
    for path in paths {
        let bytes = std::fs::read(&path).expect("readable sample");
        total += bytes.len();
        texts.push(String::from_utf8_lossy(&bytes).into_owned());
        if total >= SAMPLE_BYTES {
            break;
        }
    }
    texts
}

static MARKDOWN: LazyLock<Vec<String>> =
    LazyLock::new(|| sample(&corpus().join("md"), FileKind::Markdown));
static HTML: LazyLock<Vec<String>> =
    LazyLock::new(|| sample(&corpus().join("html"), FileKind::Html));

fn bytes(texts: &[String]) -> BytesCount {
    BytesCount::new(texts.iter().map(String::len).sum::<usize>())
}

/// A book with one rule per phrase: the corpus's phrases, then made-up ones
/// that never match, up to `n`.
fn book_yaml(n: usize) -> String {
    let listed = std::fs::read_to_string(corpus().join("phrases.txt"))
        .unwrap_or_else(|_| "enables access\ncalls on\nbest-in-class\n".to_owned());
    let syllables = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "shi", "pe", "dra"];
    let made_up = (0..).map(|i: usize| {
        let word = |k: usize| {
            (0..3)
                .map(|j| syllables[(k / 10usize.pow(j)) % 10])
                .collect::<String>()
        };
        format!("{} {}", word(i), word(i / 1000 + 7))
    });
    let phrases: Vec<String> = listed
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .chain(made_up)
        .take(n)
        .collect();
    let mut yaml = String::from("phrasebook: bench\nversion: 1.0.0\nschema: 1\nrules:\n");
    for (i, p) in phrases.iter().enumerate() {
        let quoted = serde_json::to_string(p).expect("a string");
        yaml.push_str(&format!(
            "  - id: p{i}\n    banned: [{quoted}]\n    message: m\n"
        ));
    }
    yaml
}

/// A book's catalogue and its compiled matcher: what loading a book costs.
fn compile(yaml: &str) -> (Catalog, Matcher) {
    let catalog = Catalog::new(vec![
        Phrasebook::parse(yaml, "bench.yaml").expect("a valid book"),
    ]);
    let matcher = Matcher::new(&catalog, Input::Large);
    (catalog, matcher)
}

fn extract_all(kind: FileKind, texts: &[String], folded: &mut Folded) {
    let keys = ["title".to_owned(), "description".to_owned()];
    let options = ExtractOptions {
        front_matter_keys: &keys,
    };
    let mut directives = Vec::new();
    for text in texts {
        extract(kind, text, &options, folded, &mut directives);
    }
}

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 20)]
fn fold(bencher: Bencher) {
    let texts = &*MARKDOWN;
    let mut folded = Folded::default();
    bencher.counter(bytes(texts)).bench_local(|| {
        for text in texts {
            folded.clear();
            folded.push_exact(text, 0);
            folded.break_block();
        }
    });
}

#[divan::bench(sample_count = 20)]
fn extract_markdown(bencher: Bencher) {
    let mut folded = Folded::default();
    bencher
        .counter(bytes(&MARKDOWN))
        .bench_local(|| extract_all(FileKind::Markdown, &MARKDOWN, &mut folded));
}

#[divan::bench(sample_count = 20)]
fn extract_html(bencher: Bencher) {
    let mut folded = Folded::default();
    bencher
        .counter(bytes(&HTML))
        .bench_local(|| extract_all(FileKind::Html, &HTML, &mut folded));
}

#[divan::bench(args = [10, 300, 10_000], sample_count = 20)]
fn scan_markdown(bencher: Bencher, phrases: usize) {
    let (catalog, matcher) = compile(&book_yaml(phrases));
    let keys = ["title".to_owned(), "description".to_owned()];
    let options = ExtractOptions {
        front_matter_keys: &keys,
    };
    let prepared: Vec<(&String, Folded)> = MARKDOWN
        .iter()
        .map(|text| {
            let mut folded = Folded::default();
            extract(
                FileKind::Markdown,
                text,
                &options,
                &mut folded,
                &mut Vec::new(),
            );
            (text, folded)
        })
        .collect();
    let active = vec![true; catalog.rule_count()];
    let mut found = Scan::default();
    bencher.counter(bytes(&MARKDOWN)).bench_local(|| {
        for (text, folded) in &prepared {
            scan(&matcher, &catalog, folded, text, &active, &mut found);
        }
    });
}

#[divan::bench(sample_count = 20)]
fn lint_markdown(bencher: Bencher) {
    let linter = Linter::built_in();
    let mut scratch = Scratch::default();
    bencher.counter(bytes(&MARKDOWN)).bench_local(|| {
        for text in MARKDOWN.iter() {
            linter.lint_text(FileKind::Markdown, text.as_bytes(), &mut scratch);
        }
    });
}

#[divan::bench(sample_count = 20)]
fn load_built_in() -> Linter {
    Linter::built_in()
}

#[divan::bench(sample_count = 5)]
fn load_10_000_phrases(bencher: Bencher) {
    let yaml = book_yaml(10_000);
    bencher.bench_local(|| compile(&yaml));
}
