//! The inflector as a table: base → forms, and a form → its base.

use phraselint::inflect::{MAX_FORMS, bases, phrase_forms, word_forms};

#[test]
fn forms_of_each_class() {
    let table: &[(&str, &[&str])] = &[
        // regular
        ("call", &["call", "calls", "called", "calling"]),
        ("unlock", &["unlock", "unlocks", "unlocked", "unlocking"]),
        (
            "request",
            &["request", "requests", "requested", "requesting"],
        ),
        // `-e` drop
        ("enable", &["enable", "enables", "enabled", "enabling"]),
        ("provide", &["provide", "provides", "provided", "providing"]),
        ("route", &["route", "routes", "routed", "routing"]),
        ("agree", &["agree", "agrees", "agreed", "agreeing"]),
        ("tie", &["tie", "ties", "tied", "tying"]),
        // doubling
        ("tap", &["tap", "taps", "tapped", "tapping"]),
        ("admit", &["admit", "admits", "admitted", "admitting"]),
        ("quit", &["quit", "quits", "quitted", "quitting"]),
        ("open", &["open", "opens", "opened", "opening"]),
        (
            "control",
            &["control", "controls", "controlled", "controlling"],
        ),
        (
            "label",
            &[
                "label",
                "labels",
                "labeled",
                "labeling",
                "labelled",
                "labelling",
            ],
        ),
        // `-y`
        ("policy", &["policy", "policies", "policied", "policying"]),
        ("apply", &["apply", "applies", "applied", "applying"]),
        ("play", &["play", "plays", "played", "playing"]),
        // sibilants
        ("access", &["access", "accesses", "accessed", "accessing"]),
        ("push", &["push", "pushes", "pushed", "pushing"]),
        // irregular
        ("give", &["give", "gives", "gave", "given", "giving"]),
        ("get", &["get", "gets", "got", "gotten", "getting"]),
        ("run", &["run", "runs", "ran", "running"]),
        (
            "be",
            &["be", "am", "is", "are", "was", "were", "been", "being"],
        ),
        ("go", &["go", "goes", "went", "gone", "going"]),
        (
            "person",
            &["person", "persons", "people", "personed", "personing"],
        ),
        // never inflected
        ("OpenAI", &["OpenAI"]),
        ("GPT-5", &["GPT-5"]),
        ("AWS", &["AWS"]),
        ("on", &["on"]),
        ("us", &["us"]),
        ("news", &["news", "newses", "newsed", "newsing"]),
    ];
    for (word, forms) in table {
        assert_eq!(word_forms(word), *forms, "forms of {word}");
    }
}

#[test]
fn bases_of_written_forms() {
    let table: &[(&str, &[&str])] = &[
        ("enables", &["enable"]),
        ("enabled", &["enable"]),
        ("enabling", &["enable"]),
        ("calls", &["call"]),
        ("called", &["call"]),
        ("tapped", &["tap"]),
        ("tapping", &["tap"]),
        ("policies", &["policy"]),
        ("applied", &["apply"]),
        ("accesses", &["access"]),
        ("requests", &["request"]),
        ("provided", &["provide"]),
        ("integrated", &["integrate"]),
        ("powered", &["power"]),
        ("opening", &["open"]),
        ("routed", &["rout", "route"]),
        ("gave", &["give"]),
        ("given", &["give"]),
        ("is", &["be"]),
        ("children", &["child"]),
        ("access", &["access"]),
        ("status", &["status"]),
        ("analysis", &["analysis"]),
        ("news", &["news"]),
        ("need", &["need"]),
        ("evening", &["evening"]),
        ("thing", &["thing"]),
    ];
    for (word, expected) in table {
        assert_eq!(bases(word), *expected, "bases of {word}");
    }
}

#[test]
fn a_phrase_multiplies_its_words_forms() {
    assert_eq!(
        phrase_forms("enables access").unwrap()[..4],
        [
            "enables access",
            "enables accesses",
            "enables accessed",
            "enables accessing"
        ]
    );
    assert_eq!(phrase_forms("enables access").unwrap().len(), 16);
    assert_eq!(phrase_forms("calls on  OpenAI").unwrap().len(), 4);
    assert_eq!(
        phrase_forms("calls on  OpenAI").unwrap()[0],
        "calls on  OpenAI"
    );
    let long = "enable access request policy route update review";
    assert_eq!(phrase_forms(long), Err(4usize.pow(7)));
    let at_the_limit = phrase_forms("enable access request policy route update").unwrap();
    assert_eq!(at_the_limit.len(), MAX_FORMS);
}
