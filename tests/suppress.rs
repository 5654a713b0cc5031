//! PRODUCT.md §5: suppression comments in Markdown and plain text, and the
//! audit trail of what they silenced.

mod common;

use common::Project;

#[test]
fn disable_next_line_in_markdown_by_full_or_short_id_or_all() {
    let p = Project::new();
    p.file(
        "a.md",
        "<!-- phraselint-disable-next-line partner-ai/calls-on -- approved by legal, ticket 12 -->\nIt calls on GPT.\n\n<!-- phraselint-disable-next-line calls-on -->\nIt calls on GPT.\n\n<!-- phraselint-disable-next-line -->\nIt calls on GPT and enables access.\n\n<!-- phraselint-disable-next-line claims/unlimited -->\nIt calls on GPT.\n\nIt calls on GPT.\n",
    );
    let run = p.check_json(&["a.md"]);
    let found: Vec<(String, u64)> = run
        .findings()
        .into_iter()
        .map(|f| (f.rule, f.line))
        .collect();
    assert_eq!(
        found,
        vec![
            // Names a rule that finds nothing on its line: unused.
            ("phraselint/unused-suppression".into(), 10),
            ("partner-ai/calls-on".into(), 11),
            ("partner-ai/calls-on".into(), 13),
        ],
        "{}",
        run.stdout
    );
    let suppressions = run.json()["suppressions"].clone();
    assert_eq!(suppressions.as_array().unwrap().len(), 4);
    assert_eq!(suppressions[0]["rule"], "partner-ai/calls-on");
    assert_eq!(suppressions[0]["line"], 2);
    assert_eq!(suppressions[0]["reason"], "approved by legal, ticket 12");
    assert_eq!(suppressions[1]["reason"], serde_json::Value::Null);
}

#[test]
fn disable_next_line_skips_blank_lines_and_covers_a_whole_multiline_phrase_start() {
    let p = Project::new();
    p.file(
        "a.md",
        "<!-- phraselint-disable-next-line calls-on -->\n\nIt calls\non GPT.\n",
    );
    assert_eq!(p.check_json(&["a.md"]).findings(), vec![]);
}

#[test]
fn disable_and_enable_ranges() {
    let p = Project::new();
    p.file(
        "a.md",
        "It calls on GPT.\n\n<!-- phraselint-disable calls-on -->\n\nIt calls on GPT and enables access.\n\n<!-- phraselint-enable calls-on -->\n\nIt calls on GPT.\n\n<!-- phraselint-disable -->\n\nIt calls on GPT and enables access.\n",
    );
    let run = p.check_json(&["a.md"]);
    let found: Vec<(String, u64)> = run
        .findings()
        .into_iter()
        .map(|f| (f.rule, f.line))
        .collect();
    assert_eq!(
        found,
        vec![
            ("partner-ai/calls-on".into(), 1),
            ("partner-ai/enables-access".into(), 5),
            ("partner-ai/calls-on".into(), 9),
        ]
    );
}

#[test]
fn suppressions_in_plain_text_stand_on_their_own_line() {
    let p = Project::new();
    p.file(
        "mail.txt",
        "phraselint-disable-next-line claims/unlimited -- plan terms attached\nUnlimited seats.\n# phraselint-disable-next-line calls-on\nIt calls on GPT.\nUnlimited storage, phraselint-disable-next-line is only a directive alone on a line.\n",
    );
    let run = p.check_json(&["mail.txt"]);
    let found: Vec<(String, u64)> = run
        .findings()
        .into_iter()
        .map(|f| (f.rule, f.line))
        .collect();
    assert_eq!(found, vec![("claims/unlimited".into(), 5)]);
}
