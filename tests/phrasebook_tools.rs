//! `phraselint init`, a sequence of runs in one folder. The other
//! commands (`phrasebook test|show|diff`, `explain`) are `tests/cmd` cases.

mod common;

use common::Project;

#[test]
fn init_writes_a_config_that_check_reads() {
    let p = Project::new();
    let run = p.run(&["init"]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "wrote .phraselint.yaml\n")
    );
    let written = std::fs::read_to_string(p.path().join(".phraselint.yaml")).unwrap();
    assert!(written.starts_with(
        "# yaml-language-server: $schema=https://raw.githubusercontent.com/phraselint/phraselint/main/docs/schema/config.schema.json\n\
         # phraselint configuration."
    ));
    let again = p.run(&["init"]);
    assert_eq!(again.code, 2);
    assert_eq!(
        again.stderr,
        "error: .phraselint.yaml already exists; use --force to replace it\n"
    );
    assert_eq!(p.run(&["init", "--force"]).code, 0);
    p.file("a.md", "---\ntitle: It calls on GPT\n---\n");
    assert_eq!(p.check_json(&["a.md"]).rules(), vec!["partner-ai/calls-on"]);
    let leftovers: Vec<_> = std::fs::read_dir(p.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
