//! The HTML report (PRODUCT.md §7): one page for a compliance sign-off.
//! It stands alone (inline CSS, no script, and a Content-Security-Policy
//! that lets nothing load), and maud escapes every value written into it,
//! so a file name or a book's text shows as text and never runs.
//! Findings are written one at a time: a large run's page is never held
//! whole in memory.

use std::borrow::Cow;
use std::io::{self, Write};

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::{Around, Breaks, Counts, Report, escape, plural};
use crate::finding::{FileOutcome, Finding};
use crate::locate::{Encoding, Locator};
use crate::rules::{Origin, Rule, RuleIdx, Severity, UNUSED_SUPPRESSION};

/// Nothing may load: no script, font, frame or fetch; only the inline
/// style (and `data:` images, which the page has none of).
const POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE: &str = include_str!("html.css");

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let totals = report.counts();
    put(out, head(report))?;
    put(out, overview(report, &totals))?;
    put(out, books(report))?;
    put(out, counts(report, &totals))?;
    out.write_all(b"<section id=\"findings\"><h2>Findings</h2>\n")?;
    if totals.total() == 0 {
        put(out, html! { p.none { "No findings." } })?;
    }
    for (i, file) in report.files.iter().enumerate() {
        if file.findings.is_empty() {
            continue;
        }
        put(out, file_heading(i, file))?;
        let locator = file.locator();
        for f in &file.findings {
            put(out, finding(report, file, &locator, f))?;
        }
    }
    out.write_all(b"</section>\n")?;
    put(out, suppressions(report))?;
    put(out, unused(report))?;
    put(out, unread(report))?;
    put(
        out,
        html! {
            footer {
                "Written by phraselint " (env!("CARGO_PKG_VERSION"))
                ". This page loads nothing: no script, font or image from anywhere."
            }
        },
    )?;
    out.write_all(b"</main></body></html>\n")
}

/// A part of the page, on a line of its own (so a diff of two reports
/// reads by section and finding).
fn put(out: &mut dyn Write, markup: Markup) -> io::Result<()> {
    let html = markup.into_string();
    if html.is_empty() {
        return Ok(());
    }
    out.write_all(html.as_bytes())?;
    out.write_all(b"\n")
}

/// Text from a file or a book as shown: control characters escaped as in
/// the line formats (`\x1b`), line breaks kept.
fn shown(text: &str) -> Cow<'_, str> {
    escape(text, Breaks::Keep)
}

/// A path as shown: on one line.
fn path(text: &str) -> Cow<'_, str> {
    escape(text, Breaks::Escape)
}

/// The verdict's class, word and reason, as the exit code has it.
fn verdict(report: &Report) -> (&'static str, &'static str, String) {
    let run = &report.run;
    if !report.errors.is_empty() {
        let files = plural(report.errors.len(), "file", "files");
        return (
            "error",
            "Incomplete",
            format!("{files} could not be read (see Errors); the run exits 2."),
        );
    }
    let mut reasons = Vec::new();
    if let Some(threshold) = run.fail_on {
        let failing = report.failing();
        if failing > 0 {
            reasons.push(format!(
                "{} at or above {} (--fail-on {})",
                plural(failing, "finding", "findings"),
                threshold.as_str(),
                threshold.as_str()
            ));
        }
    }
    if let Some(most) = run.max_warnings.filter(|_| report.too_many_warnings()) {
        reasons.push(format!(
            "{}, more than --max-warnings {most}",
            plural(report.counts().warning, "warning", "warnings")
        ));
    }
    if !reasons.is_empty() {
        return ("fail", "Fail", format!("{}.", reasons.join("; ")));
    }
    let reason = match run.fail_on {
        Some(t) => format!(
            "No finding at or above {} (--fail-on {}).",
            t.as_str(),
            t.as_str()
        ),
        None => "--fail-on never: findings do not fail the run.".to_owned(),
    };
    ("pass", "Pass", reason)
}

/// The start of the page, to the verdict and what was checked.
fn head(report: &Report) -> Markup {
    let (class, word, reason) = verdict(report);
    let run = &report.run;
    let started = jiff::Timestamp::try_from(run.started)
        .and_then(|t| t.round(jiff::Unit::Second))
        .map_or_else(|_| "unknown".to_owned(), |t| t.to_string());
    let paths: Vec<Cow<str>> = run.paths.iter().map(|p| path(p)).collect();
    let title = format!("phraselint report: {word} ({})", paths.join(", "));
    html! {
        (DOCTYPE)
        (PreEscaped(r#"<html lang="en">"#))
        head {
            meta charset="utf-8";
            meta http-equiv="Content-Security-Policy" content=(POLICY);
            meta name="viewport" content="width=device-width, initial-scale=1";
            title { (title) }
            style { "\n" (PreEscaped(STYLE)) }
        }
        (PreEscaped("<body><main>"))
        header {
            h1 { "phraselint report" }
            div #verdict class={ "verdict " (class) } {
                strong { (word) } " " (reason)
            }
            dl.run {
                dt { "Checked at" }
                dd { time datetime=(started) { (started) } }
                dt { "Paths" }
                dd { @for p in &paths { code { (p) } " " } }
                @if let Some(since) = &run.changed_since {
                    dt { "Changed since" }
                    dd { "Only files changed since " code { (path(since)) } " were checked." }
                }
                @if let Some(baseline) = &run.baseline {
                    dt { "Baseline" }
                    dd { "Findings recorded in " code { (path(baseline)) } " are not listed." }
                }
                dt { "Fails at" }
                dd {
                    @match run.fail_on {
                        Some(t) => { "--fail-on " (t.as_str()) },
                        None => { "--fail-on never" },
                    }
                    @if let Some(n) = run.max_warnings { ", --max-warnings " (n) }
                }
                dt { "Tool" }
                dd { "phraselint " (env!("CARGO_PKG_VERSION")) }
            }
        }
    }
}

/// The numbers: files, findings by severity, suppressions.
fn overview(report: &Report, c: &Counts) -> Markup {
    let suppressed = report.suppressed();
    let unused = report
        .findings()
        .filter(|(_, f)| is_unused(report, f))
        .count();
    let cells = [
        ("files", report.checked, "file checked", "files checked"),
        ("findings", c.total(), "finding", "findings"),
        ("error", c.error, "error", "errors"),
        ("warning", c.warning, "warning", "warnings"),
        ("info", c.info, "info", "info"),
        ("suppressed", suppressed, "suppressed", "suppressed"),
        (
            "unused",
            unused,
            "unused suppression",
            "unused suppressions",
        ),
    ];
    let mut unread = Vec::new();
    if report.skipped > 0 {
        unread.push(format!(
            "{} skipped (binary, too large or not a regular file)",
            plural(report.skipped, "file", "files")
        ));
    }
    if !report.not_checked.is_empty() {
        unread.push(format!(
            "{} not checked (see Not checked)",
            plural(report.not_checked.len(), "document", "documents")
        ));
    }
    html! {
        section #summary {
            h2 { "Summary" }
            ul.tiles {
                @for (class, n, one, many) in cells {
                    li class=(class) { span.big { (n) } " " (if n == 1 { one } else { many }) }
                }
            }
            @if !unread.is_empty() {
                p { (unread.join("; ")) "." }
            }
            @if let Some(fixed) = report.fixed {
                p { (plural(fixed, "finding was", "findings were")) " fixed by --fix; those listed remain." }
            }
        }
    }
}

/// Every phrasebook of the run: which rules, exactly, and whose.
fn books(report: &Report) -> Markup {
    html! {
        section #phrasebooks {
            h2 { "Phrasebooks" }
            table {
                thead { tr {
                    th { "Name" } th { "Version" } th { "Path" } th { "sha256" }
                    th { "Owner" } th { "Approved by" } th { "Approved on" }
                } }
                tbody {
                    @for (_, b) in report.catalog.books() {
                        tr {
                            td { (b.name) }
                            td { (b.version) }
                            td { code { (path(&b.path)) } }
                            td { code.hash { (b.sha256) } }
                            td { (unset(b.owner.as_deref())) }
                            td { (unset(b.approved_by.as_deref())) }
                            td { (unset(b.approved_on.map(|d| d.to_string()).as_deref())) }
                        }
                    }
                }
            }
        }
    }
}

/// A book's value, or a visible "not recorded".
fn unset(value: Option<&str>) -> Markup {
    html! {
        @match value {
            Some(v) => (v),
            None => span.unset { "not recorded" },
        }
    }
}

/// The chart and the tables of counts by rule, book and file.
fn counts(report: &Report, totals: &Counts) -> Markup {
    let catalog = report.catalog;
    let per_rule = &report.per_rule();
    let mut rules: Vec<(RuleIdx, &Rule, [usize; 3])> = catalog
        .rules()
        .map(|(i, r)| (i, r, per_rule[i.index()]))
        .filter(|(_, _, n)| total(n) > 0)
        .collect();
    rules.sort_by(|a, b| total(&b.2).cmp(&total(&a.2)).then(a.0.cmp(&b.0)));
    let mut books: Vec<(String, usize)> = catalog
        .books()
        .map(|(b, book)| {
            (
                format!("{} {}", book.name, book.version),
                origin_total(report, per_rule, Origin::Book(b)),
            )
        })
        .collect();
    let own = origin_total(report, per_rule, Origin::Phraselint);
    if own > 0 {
        books.push(("phraselint (suppression audit)".to_owned(), own));
    }
    html! {
        section #counts {
            h2 { "Findings by rule" }
            @if rules.is_empty() {
                p.none { "No findings." }
            } @else {
                (chart(&rules))
                table {
                    thead { tr { th { "Rule" } th { "Severity" } th.n { "Findings" } } }
                    tbody {
                        @for (_, rule, n) in &rules {
                            tr {
                                td { code { (rule.full_id) } }
                                // As reported, which overrides may have
                                // changed from the book's.
                                td {
                                    @for (k, s) in reported(n).enumerate() {
                                        @if k > 0 { " " }
                                        (severity(s))
                                    }
                                }
                                td.n { (total(n)) }
                            }
                        }
                    }
                }
            }
            h2 { "Findings by phrasebook" }
            table {
                thead { tr { th { "Phrasebook" } th.n { "Findings" } } }
                tbody {
                    @for (name, n) in &books {
                        tr { td { (name) } td.n { (n) } }
                    }
                }
            }
            h2 { "Findings by file" }
            @if totals.total() == 0 {
                p.none { "No file has findings." }
            } @else {
                table {
                    thead { tr {
                        th { "File" } th.n { "Errors" } th.n { "Warnings" } th.n { "Info" }
                    } }
                    tbody {
                        @for (i, file) in report.files.iter().enumerate() {
                            @if !file.findings.is_empty() {
                                @let n = |s: Severity| file.findings.iter().filter(|f| f.severity == s).count();
                                tr {
                                    td { a href=(format!("#file-{i}")) { code { (path(&file.path)) } } }
                                    td.n { (n(Severity::Error)) }
                                    td.n { (n(Severity::Warning)) }
                                    td.n { (n(Severity::Info)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn origin_total(report: &Report, per_rule: &[[usize; 3]], origin: Origin) -> usize {
    report
        .catalog
        .rules_of(origin)
        .map(|(i, _)| total(&per_rule[i.index()]))
        .sum()
}

/// Findings by rule as bars: inline SVG, most found first.
fn chart(rules: &[(RuleIdx, &Rule, [usize; 3])]) -> Markup {
    const ROW: usize = 34;
    const WIDTH: usize = 640;
    const BAR: usize = 560;
    let most = rules.iter().map(|r| total(&r.2)).max().unwrap_or(1);
    let height = rules.len() * ROW;
    html! {
        svg.chart xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {WIDTH} {height}"))
            role="img" aria-labelledby="chart-title" {
            title #chart-title { "Findings by rule" }
            @for (row, (_, rule, n)) in rules.iter().enumerate() {
                @let y = row * ROW;
                @let count = total(n);
                @let width = (BAR * count / most).max(2);
                @let worst = reported(n).next().unwrap_or(rule.severity);
                text x="0" y=(y + 12) { (rule.full_id) }
                rect class=(worst.as_str()) x="0" y=(y + 17) width=(width) height="12" rx="2" {}
                text.count x=(width + 6) y=(y + 28) { (count) }
            }
        }
    }
}

fn total(n: &[usize; 3]) -> usize {
    n.iter().sum()
}

/// The severities a rule's findings were reported at, most severe first.
fn reported(n: &[usize; 3]) -> impl Iterator<Item = Severity> + '_ {
    [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .filter(|&s| n[s as usize] > 0)
}

fn severity(s: Severity) -> Markup {
    html! { span class={ "sev " (s.as_str()) } { (s.as_str()) } }
}

fn file_heading(i: usize, file: &FileOutcome) -> Markup {
    html! {
        h3.file id=(format!("file-{i}")) {
            code { (path(&file.path)) }
            " " span.count { (plural(file.findings.len(), "finding", "findings")) }
        }
    }
}

/// Where a person finds a finding: a document's slide, page or cell, else
/// the line and column.
fn place(file: &FileOutcome, locator: &Locator, f: &Finding) -> String {
    if f.missing {
        return "the whole file".to_owned();
    }
    if let Some(location) = file.location(f) {
        return location.to_owned();
    }
    let at = locator.position(f.span.start, Encoding::Chars);
    format!("line {}, column {}", at.line, at.column)
}

fn finding(report: &Report, file: &FileOutcome, locator: &Locator, f: &Finding) -> Markup {
    let rule = report.catalog.rule(f.rule);
    let suggestions = rule.suggestions();
    html! {
        article class={ "finding " (f.severity.as_str()) } {
            p.what {
                (severity(f.severity)) " "
                code.rule { (rule.full_id) } " "
                span.where { code { (path(&file.path)) } ", " (place(file, locator, f)) }
            }
            p.message { (shown(f.message(rule))) }
            (excerpt(file, f))
            @if !suggestions.is_empty() {
                p.say { "Say: " @for (i, s) in suggestions.iter().enumerate() {
                    @if i > 0 { " or " } q { (shown(s)) }
                } }
            }
            @if let Some(link) = &rule.link {
                p.link { "Guideline: " (guideline(link)) }
            }
        }
    }
}

/// A rule's link: followed when it is a web address; anything else
/// (`javascript:`, a path) is only shown.
fn guideline(link: &str) -> Markup {
    let web = link.starts_with("https://") || link.starts_with("http://");
    html! {
        @if web { a href=(link) rel="noreferrer" { (path(link)) } }
        @else { code { (path(link)) } }
    }
}

/// The line(s) of a finding with the match marked; a long line cut to the
/// match and some context.
fn excerpt(file: &FileOutcome, f: &Finding) -> Markup {
    if f.missing {
        return html! {
            p.excerpt.missing { "Missing from the file: " q { (shown(&f.phrase)) } }
        };
    }
    let text: &str = &file.text.text;
    let around = Around::of(text, &f.span);
    html! {
        div.excerpt {
            @if around.from > around.lines.start { "…" }
            (shown(&text[around.from..f.span.start]))
            mark { (shown(&text[f.span.clone()])) }
            (shown(&text[f.span.end..around.to]))
            @if around.to < around.lines.end { "…" }
        }
    }
}

/// A section holding one table, or a sentence when it has no rows;
/// a column whose name starts with `#` holds numbers.
fn table_section(id: &str, title: &str, none: &str, columns: &[&str], rows: &[Markup]) -> Markup {
    html! {
        section id=(id) {
            h2 { (title) }
            @if rows.is_empty() {
                p.none { (none) }
            } @else {
                table {
                    thead { tr { @for c in columns {
                        @match c.strip_prefix('#') {
                            Some(c) => th.n { (c) },
                            None => th { (c) },
                        }
                    } } }
                    tbody { @for row in rows { (row) } }
                }
            }
        }
    }
}

/// Every suppression applied, with its reason.
fn suppressions(report: &Report) -> Markup {
    let mut rows: Vec<Markup> = Vec::new();
    for file in report.files.iter().filter(|f| !f.suppressed.is_empty()) {
        let locator = file.locator();
        rows.extend(file.suppressed.iter().map(|s| {
            html! { tr {
                td { code { (path(&file.path)) } }
                td.n { (locator.line(s.span.start)) }
                td { code { (report.catalog.rule(s.rule).full_id) } }
                td {
                    @match &s.reason {
                        Some(reason) => (shown(reason)),
                        None => span.unset { "no reason given" },
                    }
                }
                // A comment naming no rule silences every rule: shown apart,
                // so a reviewer sees what it hid.
                td {
                    @if s.blanket {
                        strong.blanket { "blanket (names no rule)" }
                        ", line " (locator.line(s.directive.start))
                    } @else {
                        "line " (locator.line(s.directive.start))
                    }
                }
            } }
        }));
    }
    table_section(
        "suppressions",
        "Suppressions",
        "No finding was suppressed.",
        &["File", "#Line", "Rule", "Reason", "Comment"],
        &rows,
    )
}

fn is_unused(report: &Report, f: &Finding) -> bool {
    report.catalog.rule(f.rule).full_id == UNUSED_SUPPRESSION
}

/// Suppression comments that silence nothing.
fn unused(report: &Report) -> Markup {
    let mut rows: Vec<Markup> = Vec::new();
    for file in &report.files {
        let mut found = file
            .findings
            .iter()
            .filter(|f| is_unused(report, f))
            .peekable();
        if found.peek().is_none() {
            continue;
        }
        let locator = file.locator();
        rows.extend(found.map(|f| {
            html! { tr {
                td { code { (path(&file.path)) } }
                td.n { (locator.line(f.span.start)) }
                td { code { (shown(&f.phrase)) } }
            } }
        }));
    }
    table_section(
        "unused",
        "Unused suppressions",
        "Every suppression comment silences a finding.",
        &["File", "#Line", "Comment"],
        &rows,
    )
}

/// Documents phraselint cannot read, and files it failed to read: never
/// clean.
fn unread(report: &Report) -> Markup {
    html! {
        @if !report.not_checked.is_empty() {
            section #not-checked {
                h2 { "Not checked" }
                ul { @for e in &report.not_checked {
                    li { code { (path(&e.path)) } ": " (shown(&e.message)) }
                } }
            }
        }
        @if !report.errors.is_empty() {
            section #errors {
                h2 { "Errors" }
                ul { @for e in &report.errors {
                    li {
                        code { (path(&e.path)) }
                        @if let Some((line, column)) = e.position { ":" (line) ":" (column) }
                        ": " (shown(&e.message))
                    }
                } }
            }
        }
    }
}
