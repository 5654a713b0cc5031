//! Phrasebook load time: parsing and validating a book, then compiling the
//! rule set (automaton and regex set). `cargo bench --bench load -- FILE...`
//! (default: the built-in books). Prints the median of 11 runs of each step.

#![allow(clippy::print_stdout)] // a benchmark reports on stdout

use std::time::{Duration, Instant};

use phraselint::compile::RuleSet;
use phraselint::phrasebook::Phrasebook;

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn main() {
    let files: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let books: Vec<(String, String)> = if files.is_empty() {
        phraselint::phrasebook::BUILT_IN
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect()
    } else {
        files
            .iter()
            .map(|f| {
                (
                    f.clone(),
                    std::fs::read_to_string(f).expect("readable book"),
                )
            })
            .collect()
    };
    for (name, text) in &books {
        let mut parse = Vec::new();
        let mut compile = Vec::new();
        let mut phrases = 0;
        for _ in 0..11 {
            let t = Instant::now();
            let book = Phrasebook::parse(text, name).expect("valid book");
            parse.push(t.elapsed());
            let t = Instant::now();
            let rules = RuleSet::new(vec![book]);
            compile.push(t.elapsed());
            phrases = rules.patterns.len();
        }
        println!(
            "{name}: {phrases} distinct phrases; parse {:.1} ms, compile {:.1} ms",
            median(parse).as_secs_f64() * 1e3,
            median(compile).as_secs_f64() * 1e3
        );
    }
}
