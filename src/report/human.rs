//! Human output: ariadne snippets with the match underlined, the rule's
//! message, `help:` lines for suggestions, and a summary.

use std::io::{self, Write};

use ariadne::{Color, Config, IndexType, Label, Report as Snippet, ReportKind, Source};

use super::{Around, Breaks, Report, Style, approval, escape, plural, terminal_text};
use crate::locate::{Encoding, Position};
use crate::rules::{Origin, Rule, Severity, UNKNOWN_RULE_IN_SUPPRESSION, UNSUPPRESSIBLE};

pub fn write(report: &Report, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    let config = Config::default()
        .with_index_type(IndexType::Byte)
        .with_color(style.color);
    for file in report.files.iter().filter(|f| !f.findings.is_empty()) {
        let text: &str = &file.text.text;
        // The snippet shows the file's text with its control characters
        // replaced, and the path, phrase and messages escaped: nothing read
        // from a file or a book reaches the terminal as a control sequence.
        let source = Source::from(terminal_text(text));
        let path = escape(&file.path, Breaks::Escape);
        let locator = file.locator();
        for f in &file.findings {
            let rule = report.catalog.rule(f.rule);
            let (kind, color) = match f.severity {
                Severity::Error => (ReportKind::Error, Color::Red),
                Severity::Warning => (ReportKind::Warning, Color::Yellow),
                Severity::Info => (ReportKind::Advice, Color::Blue),
            };
            // A missing phrase has no span: point at the first character.
            let range = if f.missing {
                0..text.chars().next().map_or(0, char::len_utf8)
            } else {
                f.span.clone()
            };
            let span = (path.as_ref(), range.clone());
            let phrase = escape(&f.phrase, Breaks::Escape);
            let label = if f.missing {
                format!("`{phrase}` is missing from this file")
            } else if rule.origin == Origin::Phraselint {
                match rule.full_id.as_str() {
                    UNKNOWN_RULE_IN_SUPPRESSION => "no such rule",
                    UNSUPPRESSIBLE => "cannot be suppressed",
                    _ => "this suppression comment",
                }
                .to_owned()
            } else {
                format!("`{phrase}` is banned")
            };
            let location = file.location(f).map(|l| escape(l, Breaks::Escape));
            let message = escape(f.message(rule), Breaks::Keep);
            let around = Around::of(text, &range);
            if around.long {
                let excerpt = Excerpt {
                    path: &path,
                    kind,
                    at: locator.position(range.start, Encoding::Chars),
                    rule,
                    message: &message,
                    location: location.as_deref(),
                    label: &label,
                };
                excerpt.write(text, range, &around, out)?;
                continue;
            }
            let mut snippet = Snippet::build(kind, span.clone())
                .with_config(config)
                .with_code(escape(&rule.full_id, Breaks::Escape))
                .with_message(message)
                .with_label(Label::new(span).with_message(label).with_color(color));
            let suggestions = rule.suggestions();
            if !suggestions.is_empty() {
                snippet = snippet.with_help(format!("say {}", quoted_list(&suggestions)));
            }
            if let Some(location) = &location {
                snippet = snippet.with_note(format!("in {location}"));
            }
            if let Some(link) = &rule.link {
                snippet = snippet.with_note(format!("see {}", escape(link, Breaks::Escape)));
            }
            snippet
                .finish()
                .write((path.as_ref(), &source), &mut *out)?;
        }
    }
    if !style.quiet {
        summary(report, out)?;
    }
    Ok(())
}

/// A finding on a long line, laid out like ariadne's snippets but showing
/// only the match and some context, with the same line and column.
struct Excerpt<'a> {
    path: &'a str,
    kind: ReportKind<'a>,
    at: Position,
    rule: &'a Rule,
    message: &'a str,
    location: Option<&'a str>,
    label: &'a str,
}

impl Excerpt<'_> {
    fn write(
        &self,
        text: &str,
        range: std::ops::Range<usize>,
        around: &Around,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let rule = self.rule;
        let (from, to) = (around.from, around.to);
        let (line_start, line_end) = (around.lines.start, around.lines.end);
        let shown = |s: &str| terminal_text(s).replace(['\n', '\r', '\t'], " ");
        let before = format!(
            "{}{}",
            if from > line_start { "…" } else { "" },
            shown(&text[from..range.start])
        );
        let matched = shown(&text[range.clone()]);
        let after = format!(
            "{}{}",
            shown(&text[range.end..to]),
            if to < line_end { "…" } else { "" }
        );
        let line = self.at.line.to_string();
        let pad = " ".repeat(line.len() + 1);
        let kind = match self.kind {
            ReportKind::Error => "Error",
            ReportKind::Warning => "Warning",
            _ => "Advice",
        };
        writeln!(
            out,
            "[{}] {kind}: {}",
            escape(&rule.full_id, Breaks::Escape),
            escape(self.message, Breaks::Escape)
        )?;
        writeln!(
            out,
            "{pad}╭─[ {}:{}:{} ]",
            self.path, self.at.line, self.at.column
        )?;
        writeln!(out, "{pad}│")?;
        writeln!(out, "{line} │ {before}{matched}{after}")?;
        writeln!(
            out,
            "{pad}│ {}{} {}",
            " ".repeat(before.chars().count()),
            "^".repeat(matched.chars().count().max(1)),
            self.label
        )?;
        let suggestions = rule.suggestions();
        if !suggestions.is_empty() {
            writeln!(
                out,
                "{pad}│\n{pad}│ Help: say {}",
                quoted_list(&suggestions)
            )?;
        }
        if let Some(location) = self.location {
            writeln!(out, "{pad}│\n{pad}│ Note: in {location}")?;
        }
        if let Some(link) = &rule.link {
            let link = escape(link, Breaks::Escape);
            writeln!(out, "{pad}│\n{pad}│ Note: see {link}")?;
        }
        writeln!(out, "{}╯", "─".repeat(line.len() + 1))
    }
}

fn quoted_list(items: &[String]) -> String {
    let quoted: Vec<String> = items
        .iter()
        .map(|s| format!("\"{}\"", escape(s, Breaks::Escape)))
        .collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

fn summary(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let c = report.counts();
    let files = plural(report.checked, "file", "files");
    let skipped = if report.skipped > 0 {
        format!(
            ", {} skipped (binary, too large or not a regular file)",
            report.skipped
        )
    } else {
        String::new()
    };
    let skipped = match report.not_checked.len() {
        0 => skipped,
        n => format!("{skipped}, {n} not checked (documents phraselint cannot read)"),
    };
    let suppressed = match report.suppressed() {
        0 => String::new(),
        n => format!(", {n} suppressed,"),
    };
    if c.total() == 0 {
        writeln!(
            out,
            "No problems found{suppressed} in {files} checked{skipped}."
        )?;
    } else {
        let mut parts = Vec::new();
        for (n, one, many) in [
            (c.error, "error", "errors"),
            (c.warning, "warning", "warnings"),
            (c.info, "info", "info"),
        ] {
            if n > 0 {
                parts.push(plural(n, one, many));
            }
        }
        writeln!(
            out,
            "Found {} ({}){suppressed} in {files} checked{skipped}.",
            plural(c.total(), "problem", "problems"),
            parts.join(", ")
        )?;
    }
    if !report.errors.is_empty() {
        writeln!(
            out,
            "{} could not be read; see the errors above.",
            plural(report.errors.len(), "file", "files")
        )?;
    }
    let books: Vec<String> = report
        .catalog
        .books()
        .map(|(_, b)| {
            let mut about = vec![
                escape(&b.path, Breaks::Escape).into_owned(),
                format!("sha256 {}", &b.sha256[..12]),
            ];
            about.extend(b.owner.as_ref().map(|owner| format!("owner {owner}")));
            about.extend(approval(b));
            format!("{} {} ({})", b.name, b.version, about.join(", "))
        })
        .collect();
    writeln!(out, "Phrasebooks: {}", books.join(", "))
}
