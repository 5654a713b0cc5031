//! Hostile phrasebooks: each is refused with one clear line (file, line,
//! column, exit 2) or loads and works, and none makes a run hang, blow the
//! stack or go quadratic.

mod common;

use std::time::{Duration, Instant};

use common::{Project, Run};

const HEAD: &str = "phrasebook: t\nversion: 1.0.0\nschema: 1\n";

fn check_with(p: &Project, book: &str) -> (Run, Duration) {
    p.file("t.yaml", format!("{HEAD}{book}"));
    p.file("a.md", "Frontier calls on GPT.\n");
    let t = Instant::now();
    let run = p.run(&[
        "check",
        "--format",
        "json",
        "--phrasebook",
        "t.yaml",
        "a.md",
    ]);
    (run, t.elapsed())
}

/// A refusal: exit 2 and one `error: t.yaml:LINE:COL: …` line containing
/// `what`.
fn assert_refused(run: &Run, what: &str) {
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.starts_with("error: t.yaml:"), "{}", run.stderr);
    assert!(run.stderr.contains(what), "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
}

#[test]
fn alias_bombs_are_refused_fast() {
    // Nine levels of nine aliases: 387 million strings if expanded. A term
    // list holds phrases, not lists, so it is refused at the first level.
    let mut bomb =
        String::from("terms:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..9 {
        let refs = vec![format!("*l{}", i - 1); 9].join(", ");
        bomb.push_str(&format!("  l{i}: &l{i} [{refs}]\n"));
    }
    bomb.push_str("rules:\n  - id: x\n    banned: [\"{l8}\"]\n    message: m\n");
    let p = Project::new();
    let (run, took) = check_with(&p, &bomb);
    assert_refused(
        &run,
        "t.yaml:5:7: terms.l1[0]: invalid type: sequence, expected a phrase",
    );
    assert!(took < Duration::from_secs(20), "{took:?}");

    // A bomb of the right shape: one list of 3,000 phrases shared by rules
    // by alias. A book may expand to 1,000,000 phrases in all (term lists,
    // `allowed` and every rule's lists): 300 rules (903,000 phrases with the
    // list itself) load and work, each rule owning them.
    let wide = |rules: usize| {
        let mut wide = format!(
            "terms:\n  big: &big [{}]\nrules:\n",
            (0..3000)
                .map(|i| format!("p{i}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        for r in 0..rules {
            wide.push_str(&format!("  - id: r{r}\n    message: m\n    banned: *big\n"));
        }
        wide
    };
    p.file("b.md", "Is p2999 here?\n");
    p.file("t.yaml", format!("{HEAD}{}", wide(300)));
    let run = p.run(&[
        "check",
        "--format",
        "json",
        "--phrasebook",
        "t.yaml",
        "b.md",
    ]);
    assert_eq!(run.findings().len(), 300, "{}", run.stderr);
    // 500 rules (1.5 million phrases) are refused at the rule that takes the
    // book past the budget.
    let (run, _) = check_with(&p, &wide(500));
    assert_refused(
        &run,
        "t.yaml:1003:9: rule `r332` takes the book past 1000000 phrases with its term lists \
         expanded, the most one book may hold",
    );
}

#[test]
fn a_huge_within_is_refused_where_it_is_written() {
    let p = Project::new();
    for within in ["18446744073709551615", "1001", "0"] {
        let (run, _) = check_with(
            &p,
            &format!(
                "rules:\n  - id: x\n    banned: [calls on]\n    near: [GPT]\n    \
                 within: {within}\n    message: m\n"
            ),
        );
        assert_refused(
            &run,
            &format!(
                "t.yaml:8:13: rules[0].within: `within` must be a whole number of words \
                 from 1 to 1000, not `{within}`"
            ),
        );
    }
    let (run, _) = check_with(
        &p,
        "rules:\n  - id: x\n    banned: [calls on]\n    near: [GPT]\n    within: 1000\n    message: m\n",
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
}

#[test]
fn deep_nesting_is_refused_not_a_stack_overflow() {
    // libyaml is quadratic in `[` depth (100,000 took half a minute):
    // refused before parsing, at the bracket that goes too deep.
    let p = Project::new();
    let deep = format!(
        "terms:\n  x: {}a{}\nrules:\n  - id: x\n    banned: [a]\n    message: m\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let (run, took) = check_with(&p, &deep);
    assert_refused(
        &run,
        "t.yaml:5:262: nests deeper than 256 levels of `[` and `{`",
    );
    assert!(took < Duration::from_secs(20), "{took:?}");
    // Deep block nesting reaches serde's recursion limit or a type error.
    let mut blocks = String::from("terms:\n  x:\n");
    for depth in 0..2_000 {
        blocks.push_str(&format!("{}- \n", "  ".repeat(depth + 2)));
    }
    let (run, _) = check_with(&p, &blocks);
    assert_refused(
        &run,
        "t.yaml:7:7: terms.x[0]: invalid type: sequence, expected a phrase",
    );
    // The same guard protects the config file.
    p.file(
        ".phraselint.yaml",
        format!("include: {}\n", "{".repeat(1000)),
    );
    let run = p.run(&["check", "a.md"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: .phraselint.yaml:1:266: nests deeper than 256 levels of `[` and `{`\n"
    );
}

#[test]
fn a_regex_over_the_size_limit_is_refused_with_its_reason() {
    let p = Project::new();
    let (run, took) = check_with(
        &p,
        "rules:\n  - id: x\n    pattern: '(\\w{100}){100}'\n    message: m\n",
    );
    assert_refused(
        &run,
        "t.yaml:6:14: rules[0].pattern: bad pattern: compiled, it exceeds the size limit of 4 MiB",
    );
    assert!(took < Duration::from_secs(20), "{took:?}");
}

#[test]
fn patterns_that_can_match_the_empty_string_are_refused() {
    let p = Project::new();
    for pattern in ["a*", "(?:gpt)?", "\\\\b", "^", "x{0}", "(?m)$|calls on"] {
        let (run, _) = check_with(
            &p,
            &format!("rules:\n  - id: x\n    pattern: \"{pattern}\"\n    message: m\n"),
        );
        assert_refused(&run, "can match the empty string");
        assert!(
            run.stderr.starts_with("error: t.yaml:6:14: "),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn empty_phrases_are_refused() {
    let p = Project::new();
    for banned in ["\"\"", "\"   \"", "[\"\"]", "[calls on, \"\"]"] {
        let (run, _) = check_with(
            &p,
            &format!("rules:\n  - id: x\n    banned: {banned}\n    message: m\n"),
        );
        assert_refused(&run, "rules[0].banned");
    }
}

#[test]
fn a_thousand_deep_extends_chain_is_refused_at_the_limit() {
    let p = Project::new();
    for i in 0..1000 {
        p.file(
            &format!("c{i}.yaml"),
            format!(
                "phrasebook: c{i}\nversion: 1.0.0\nschema: 1\nextends: [c{}.yaml]\n",
                i + 1
            ),
        );
    }
    p.file(
        "c1000.yaml",
        "phrasebook: c1000\nversion: 1.0.0\nschema: 1\n",
    );
    p.file("a.md", "Frontier calls on GPT.\n");
    let t = Instant::now();
    let run = p.run(&["check", "--phrasebook", "c0.yaml", "a.md"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .ends_with("`extends` nests deeper than 64 books; flatten the chain\n"),
        "{}",
        run.stderr
    );
    assert!(t.elapsed() < Duration::from_secs(20), "{:?}", t.elapsed());
}

#[test]
fn a_hundred_thousand_phrases_load_and_match() {
    let p = Project::new();
    let mut book = String::from("rules:\n  - id: many\n    message: m\n    banned:\n");
    for i in 0..100_000 {
        book.push_str(&format!("      - phrase number {i}\n"));
    }
    let (run, _) = check_with(&p, &book);
    assert_eq!(run.code, 0, "{}", run.stderr);
    p.file("b.md", "It says phrase number 99999 and phrase number 5.\n");
    let run = p.run(&[
        "check",
        "--format",
        "json",
        "--phrasebook",
        "t.yaml",
        "b.md",
    ]);
    let spans: Vec<_> = run
        .findings()
        .into_iter()
        .map(|f| (f.rule, f.start, f.end))
        .collect();
    assert_eq!(
        spans,
        vec![("t/many".to_owned(), 8, 27), ("t/many".to_owned(), 32, 47)]
    );
}

/// Seconds a check of one long line takes, the line made of `n` copies of
/// `unit`.
fn timed_line(p: &Project, unit: &str, n: usize) -> f64 {
    p.file("long.txt", unit.repeat(n));
    let t = Instant::now();
    let run = p.run(&[
        "check",
        "--format",
        "compact",
        "--phrasebook",
        "t.yaml",
        "long.txt",
    ]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    t.elapsed().as_secs_f64()
}

#[test]
fn a_pattern_that_looks_far_ahead_stays_linear_on_a_long_line() {
    // Every `gpt` starts a match that could run on to a `models` that never
    // comes: searched to the end of the line each time, that was quadratic.
    let p = Project::new();
    p.file(
        "t.yaml",
        format!("{HEAD}rules:\n  - id: x\n    pattern: 'gpt( .*models)?'\n    message: m\n"),
    );
    let n = 8_000;
    let base = timed_line(&p, "gpt ", n).max(0.05);
    let quadruple = timed_line(&p, "gpt ", 4 * n);
    // Linear is 4×; quadratic 16×. Allow for noise and start-up.
    assert!(quadruple < base * 9.0, "n: {base:.3}s, 4n: {quadruple:.3}s");
}
