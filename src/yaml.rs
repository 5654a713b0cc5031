//! Reading YAML with serde_yaml so that every error names its line and
//! column, and a misspelt key gets a "did you mean".

use std::fmt;

use serde::de::{self, Deserializer};

use crate::error::FileError;

/// Turns a serde_yaml error into a one-line error at its place in the file,
/// with a "did you mean" for a misspelt key.
pub fn yaml_error(e: &serde_yaml::Error, path: &str) -> FileError {
    let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
    let mut message = e.to_string();
    if let Some(at) = message.rfind(" at line ") {
        message.truncate(at);
    }
    if let Some(hint) = did_you_mean(&message) {
        message.push_str(&hint);
    }
    FileError::at(path, line, column, message)
}

/// Deeper than this, `[` and `{` nesting is refused before parsing: libyaml's
/// scanner takes time quadratic in the depth of flow collections (100,000
/// `[` take half a minute), and no phrasebook or config needs more than a
/// few levels.
pub const MAX_FLOW_DEPTH: usize = 256;

/// Refuses text whose `[`/`{` nesting (outside comments) goes deeper than
/// [`MAX_FLOW_DEPTH`], at the bracket that goes too deep. Quotes are not
/// tracked: a bracket inside a quoted string can only make the count
/// deeper by the odd one, never hide real nesting.
pub fn check_flow_depth(text: &str, path: &str) -> Result<(), FileError> {
    let mut depth = 0usize;
    let (mut line, mut column) = (1, 0);
    let mut comment = false;
    let mut after_space = true;
    for c in text.chars() {
        column += 1;
        match c {
            '\n' => {
                (line, column, comment) = (line + 1, 0, false);
            }
            _ if comment => {}
            '#' if after_space => comment = true,
            '[' | '{' => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Err(FileError::at(
                        path,
                        line,
                        column,
                        format!("nests deeper than {MAX_FLOW_DEPTH} levels of `[` and `{{`"),
                    ));
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        after_space = c.is_whitespace();
    }
    Ok(())
}

/// serde says "unknown field `serverity`, expected one of `id`, …"; name the
/// nearest expected key.
fn did_you_mean(message: &str) -> Option<String> {
    let rest = message.split("unknown field `").nth(1)?;
    let (unknown, expected) = rest.split_once('`')?;
    let best = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|k| (edit_distance(unknown, k), k))
        .min()?;
    (best.0 <= 2.max(unknown.len() / 3)).then(|| format!(" (did you mean `{}`?)", best.1))
}

pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Validates a scalar inside serde's visitor, where serde_yaml still knows
/// the scalar's line and column and attaches them to the error.
struct Checked<F> {
    expecting: &'static str,
    check: F,
}

pub fn checked<'de, D, T, F>(d: D, expecting: &'static str, check: F) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    F: FnOnce(&str) -> Result<T, String>,
{
    // serde_yaml hands any scalar to `deserialize_str` as written, so
    // `version: 1.2` arrives as the text "1.2".
    d.deserialize_str(Checked { expecting, check })
}

impl<'de, T, F: FnOnce(&str) -> Result<T, String>> de::Visitor<'de> for Checked<F> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.expecting)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        (self.check)(v).map_err(E::custom)
    }
}

/// The 1-based line and column of the first occurrence of `needle` outside
/// a YAML comment.
pub fn locate(text: &str, needle: &str) -> (usize, usize) {
    if needle.is_empty() {
        return (1, 1);
    }
    text.lines()
        .enumerate()
        .find_map(|(i, line)| {
            let code = &line[..comment_start(line)];
            code.find(needle)
                .map(|c| (i + 1, line[..c].chars().count() + 1))
        })
        .unwrap_or((1, 1))
}

/// Where a mapping key `key:` is written (the first line that starts with it).
pub fn locate_key(text: &str, key: &str) -> (usize, usize) {
    let wanted = format!("{key}:");
    text.lines()
        .enumerate()
        .find_map(|(i, line)| {
            let body = line.trim_start();
            body.starts_with(&wanted)
                .then(|| (i + 1, line.len() - body.len() + 1))
        })
        .unwrap_or((1, 1))
}

/// Where a YAML comment starts in a line (a `#` at the start or after a
/// space, outside quotes), or the line's length.
fn comment_start(line: &str) -> usize {
    let mut quote = None;
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if previous.is_whitespace() => return i,
            _ => {}
        }
        previous = c;
    }
    line.len()
}
