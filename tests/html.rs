//! PRODUCT.md §4 for HTML and MDX, with exact spans.

mod common;

use common::{Project, offset_of};

fn spans(run: &common::Run) -> Vec<(String, u64, u64)> {
    run.findings()
        .into_iter()
        .map(|f| (f.1, f.2, f.3))
        .collect()
}

fn check(p: &Project, name: &str, text: &str) -> common::Run {
    p.file(name, text);
    p.check_json(&[name])
}

fn at(text: &str, needle: &str, nth: usize, len: usize) -> (u64, u64) {
    let start = offset_of(text.as_bytes(), needle, nth);
    (start, start + len as u64)
}

#[test]
fn inline_elements_join_and_block_elements_split() {
    let p = Project::new();
    let text = "<p>Frontier <b>enables</b> <a href=\"/x\">access</a> to GPT.</p>\n<div>It calls</div><div>on GPT</div>\n<p>calls<br>on GPT</p>\n";
    let run = check(&p, "a.html", text);
    let (s, _) = at(text, "enables", 0, 0);
    let (_, e) = at(text, "access</a>", 0, 6);
    let (s2, e2) = at(text, "calls<br>on", 0, 11);
    assert_eq!(
        spans(&run),
        vec![
            ("partner-ai/enables-access".into(), s, e),
            ("partner-ai/calls-on".into(), s2, e2)
        ]
    );
}

#[test]
fn entities_decode_with_spans_on_the_source_bytes() {
    let p = Project::new();
    let text = "<p>Frontier enables&nbsp;access to GPT, it calls&#32;on GPT &amp; unlimited&#x2D;free.</p>\n";
    let run = check(&p, "a.html", text);
    let (s, e) = at(text, "enables&nbsp;access", 0, "enables&nbsp;access".len());
    let (s2, e2) = at(text, "calls&#32;on", 0, "calls&#32;on".len());
    let (s3, e3) = at(text, "unlimited", 0, 9);
    assert_eq!(
        spans(&run),
        vec![
            ("partner-ai/enables-access".into(), s, e),
            ("partner-ai/calls-on".into(), s2, e2),
            ("claims/unlimited".into(), s3, e3),
        ]
    );
}

#[test]
fn readable_attributes_and_meta_are_checked() {
    let p = Project::new();
    let text = "<head><title>Risk-free trial</title>\n<meta name=\"description\" content=\"It calls on GPT.\">\n<meta property=\"og:title\" content='Unlimited seats'>\n<meta name=\"keywords\" content=\"unlimited\"></head>\n<img alt=\"Frontier enables access to GPT\" src=\"unlimited.png\">\n<button aria-label=\"Get direct access to GPT-5\" class=\"unlimited\">Go</button>\n<input placeholder=\"100% secure\" value=\"unlimited\">\n<abbr title=\"Guaranteed\">G</abbr>\n";
    let run = check(&p, "a.html", text);
    assert_eq!(
        spans(&run),
        vec![
            (
                "claims/risk-free".into(),
                at(text, "Risk-free", 0, 9).0,
                at(text, "Risk-free", 0, 9).1
            ),
            (
                "partner-ai/calls-on".into(),
                at(text, "calls on", 0, 8).0,
                at(text, "calls on", 0, 8).1
            ),
            (
                "claims/unlimited".into(),
                at(text, "Unlimited", 0, 9).0,
                at(text, "Unlimited", 0, 9).1
            ),
            (
                "partner-ai/enables-access".into(),
                at(text, "enables", 0, 14).0,
                at(text, "enables", 0, 14).1
            ),
            (
                "partner-ai/access-to-partner".into(),
                at(text, "Get direct", 0, 26).0,
                at(text, "Get direct", 0, 26).1
            ),
            (
                "partner-ai/direct-access".into(),
                at(text, "direct access to", 0, 16).0,
                at(text, "direct access to", 0, 16).1
            ),
            (
                "claims/absolute-security".into(),
                at(text, "100% secure", 0, 11).0,
                at(text, "100% secure", 0, 11).1
            ),
            (
                "claims/guarantee".into(),
                at(text, "Guaranteed", 0, 10).0,
                at(text, "Guaranteed", 0, 10).1
            ),
        ]
    );
}

#[test]
fn scripts_styles_templates_code_pre_and_comments_are_skipped() {
    let p = Project::new();
    let text = "<script>var a = \"calls on GPT\"; if (a<b) {}</script>\n<style>p::after{content:\"calls on GPT\"}</style>\n<template><p>It calls on GPT</p></template>\n<p>Use <code>calls on GPT</code> and</p><pre>it calls on GPT</pre>\n<!-- it calls on GPT -->\n<p>Fine.</p>\n";
    let run = check(&p, "a.html", text);
    assert_eq!(spans(&run), vec![]);
}

#[test]
fn malformed_markup_is_read_as_browsers_do() {
    let p = Project::new();
    let text = "<p>It calls on GPT <b>unclosed\n<p>5 < 6 and a stray > here, unlimited\n<div title=\"x>y\">It enables access to GPT</div>\n<p>It calls on GPT <img src=x alt=\"risk-free";
    let run = check(&p, "a.html", text);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.rules(),
        vec![
            "partner-ai/calls-on",
            "claims/unlimited",
            "partner-ai/enables-access",
            "partner-ai/calls-on"
        ]
    );
}

#[test]
fn suppressions_in_html() {
    let p = Project::new();
    let text = "<!-- phraselint-disable-next-line calls-on -- legal ok -->\n<p>It calls on GPT.</p>\n<p>It calls on GPT.</p>\n<!-- phraselint-disable -->\n<p>Unlimited.</p>\n";
    let run = check(&p, "a.html", text);
    assert_eq!(
        run.findings()
            .iter()
            .map(|f| (f.1.clone(), f.4))
            .collect::<Vec<_>>(),
        vec![("partner-ai/calls-on".into(), 3)]
    );
    assert_eq!(run.json()["suppressions"].as_array().unwrap().len(), 2);
}

#[test]
fn mdx_skips_esm_and_expressions_and_reads_jsx_text() {
    let p = Project::new();
    let text = "import { Callout } from './callout'\nexport const meta = { title: 'It calls on GPT' }\n\n# Frontier\n\nIt enables {props.verb} access to GPT and {\"calls on GPT\"}.\nWe import data from CSV, unlimited.\n\n<Callout title=\"Unlimited seats\">\n  It **calls** on GPT for drafts.\n</Callout>\n\nUse \\{ braces; <b>enables</b>{\" \"}access to GPT.\n\n```js\nexport const x = 'calls on GPT'\n```\n";
    let run = check(&p, "a.mdx", text);
    assert_eq!(
        spans(&run),
        vec![
            (
                "claims/unlimited".into(),
                at(text, "unlimited", 0, 9).0,
                at(text, "unlimited", 0, 9).1
            ),
            // A component's readable attribute, read apart as HTML.
            (
                "claims/unlimited".into(),
                at(text, "Unlimited seats", 0, 9).0,
                at(text, "Unlimited seats", 0, 9).1
            ),
            (
                "partner-ai/calls-on".into(),
                at(text, "calls** on", 0, 10).0,
                at(text, "calls** on", 0, 10).1
            ),
            (
                "partner-ai/enables-access".into(),
                at(text, "enables</b>", 0, 0).0,
                at(text, "}access", 0, 7).1
            ),
        ],
        "{}",
        run.stdout
    );
}
