//! HTML, MDX and Office bugs found by review, each pinned by its input.

mod common;

use common::Project;

fn rules_of(p: &Project, name: &str, content: impl AsRef<[u8]>) -> Vec<String> {
    p.file(name, content);
    p.check_json(&[name]).rules()
}

#[test]
fn unclosed_skipped_elements_end_with_their_parent_block() {
    let p = Project::new();
    let tail = "<p>Frontier enables access to GPT. Unlimited.</p>";
    for head in [
        "<div><pre>x</div>",
        "<div><svg><path d=\"M0\"></div>",
        "<div><code>x</div>",
    ] {
        assert_eq!(
            rules_of(&p, "a.html", format!("{head}{tail}")),
            vec!["partner-ai/enables-access", "claims/unlimited"],
            "{head}"
        );
    }
    assert_eq!(
        rules_of(
            &p,
            "b.html",
            "<code>a <code>b</code> enables access to GPT</code><p>ok</p>"
        ),
        Vec::<String>::new()
    );
}

#[test]
fn inline_images_labels_and_inputs_do_not_split_a_phrase() {
    let p = Project::new();
    assert_eq!(
        rules_of(
            &p,
            "a.html",
            "<p>Frontier enables <img src=\"logo.png\" alt=\"risk-free\"> access to GPT.</p><p>It <label>calls</label> on GPT.</p>"
        ),
        vec![
            "partner-ai/enables-access",
            "claims/risk-free",
            "partner-ai/calls-on"
        ]
    );
    assert_eq!(
        rules_of(
            &p,
            "b.md",
            "Frontier enables <img src=\"x.png\" alt=\"\"> access to GPT.\n"
        ),
        vec!["partner-ai/enables-access"]
    );
}

#[test]
fn legacy_references_br_end_tags_and_xmp() {
    let p = Project::new();
    assert_eq!(
        rules_of(
            &p,
            "a.html",
            "<p>Frontier enables&nbsp access to GPT</p><p>It calls&#32on GPT</p><p>It calls</br>on GPT</p><xmp>Unlimited</xmp>"
        ),
        vec![
            "partner-ai/enables-access",
            "partner-ai/calls-on",
            "partner-ai/calls-on",
            "claims/unlimited"
        ]
    );
}

#[test]
fn mdx_braces_never_hide_the_rest_of_the_file() {
    let p = Project::new();
    let tail = "\n\nFrontier enables access to GPT. Unlimited.\n";
    for head in [
        "Use \\{ to show a brace.",
        "Show {\"{\"} literally.",
        "1. Configure:\n\n    ```js\n    const s = \"{\";\n    ```",
        "> ```js\n> const s = \"{\";\n> ```",
        "- ```js\n  if (x) {\n  ```",
        "An { unbalanced brace",
    ] {
        assert_eq!(
            rules_of(&p, "a.mdx", format!("{head}{tail}")),
            vec!["partner-ai/enables-access", "claims/unlimited"],
            "{head}"
        );
    }
}

#[test]
fn comments_with_long_dash_runs_and_long_lines_stay_linear() {
    let p = Project::new();
    // Quadratic before: 44 s for 400k dashes; a 10 MB line of findings took seconds.
    let dashes = format!("<!-- {} x --><p>risk-free</p>", "-".repeat(400_000));
    assert_eq!(rules_of(&p, "a.html", dashes), vec!["claims/risk-free"]);
    let line = "<p>unlimited</p>".repeat(50_000);
    p.file("b.html", line);
    let run = p.check_json(&["b.html"]);
    assert_eq!(run.findings().len(), 50_000);
    assert_eq!(run.findings()[49_999].column, 16 * 49_999 + 4);
}

#[test]
fn mdx_component_lines_are_read_as_html() {
    let p = Project::new();
    assert_eq!(
        rules_of(
            &p,
            "a.mdx",
            "# T\n\n<Box title=\"Unlimited seats\">It calls on GPT</Box>\n\n<Note>Guaranteed results</Note>\n\n<Callout title=\"Risk-free\" />\n"
        ),
        vec![
            "claims/unlimited",
            "partner-ai/calls-on",
            "claims/guarantee",
            "claims/risk-free"
        ]
    );
}

#[test]
fn an_inline_code_sample_in_html_does_not_join_the_words_around_it() {
    // Found by tests/reference_markup.rs: the skipped `<code>` left
    // "Frontier calls" and "on GPT" side by side as "calls on GPT".
    let p = Project::new();
    assert_eq!(
        rules_of(
            &p,
            "a.html",
            "<p>Frontier calls <code>fetch()</code> on GPT.</p><p>It <script>x()</script>calls on GPT.</p>"
        ),
        vec!["partner-ai/calls-on"]
    );
    assert_eq!(
        rules_of(&p, "b.md", "Frontier calls <code>fetch()</code> on GPT.\n"),
        Vec::<String>::new()
    );
}
