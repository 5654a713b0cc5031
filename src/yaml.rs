//! Reading YAML with serde_yaml so that every error names its line and
//! column, and a misspelt key gets a "did you mean".

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer};

use crate::error::FileError;

/// Turns a serde_yaml error into a one-line error at its place in the file,
/// with a "did you mean" for a misspelt key. Text of the file that serde
/// quotes (`invalid type: string "…"`) is cut to a short excerpt: a path
/// given by mistake (`--phrasebook ~/.git-credentials`) must not be echoed.
pub fn yaml_error(e: &serde_yaml::Error, path: &str) -> FileError {
    let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
    let mut message = e.to_string();
    if let Some(at) = message.rfind(" at line ") {
        message.truncate(at);
    }
    let mut message = crate::error::short_quotes(&message);
    if let Some(hint) = did_you_mean(&message) {
        message.push_str(&hint);
    }
    FileError::at(path, line, column, message)
}

/// Whether `text` is a YAML file of the kind whose top-level keys are
/// `keys` (a phrasebook, a config): only then does an error show a line of
/// it. A file named by mistake (`/etc/shadow`) gets a one-line error and no
/// line of its content.
pub fn declares(text: &str, keys: &[&str]) -> bool {
    text.lines().any(|line| {
        keys.iter().any(|k| {
            line.strip_prefix(k)
                .is_some_and(|rest| rest.starts_with(':'))
        })
    })
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

/// Most bytes a document may grow to once its aliases are expanded: 64 MiB,
/// four times the largest book or config read (16 MiB), so a file without
/// aliases can never reach it.
pub const MAX_EXPANDED_BYTES: usize = 64 << 20;

/// What each node (scalar, list, mapping) counts besides its text: about
/// what the smallest parsed value costs.
const NODE_BYTES: usize = 16;

/// Refuses a document that grows past [`MAX_EXPANDED_BYTES`] once its
/// aliases are expanded (a 1 MB string anchored once and aliased 3,000
/// times is 3 GB), before it is deserialized into anything.
///
/// serde_yaml replays an alias's events wherever it is used; this walks the
/// document as serde_yaml will, counting each scalar's bytes and
/// [`NODE_BYTES`] per node, and allocates nothing per node, so it costs the
/// parse's own memory and stops as soon as the count passes the limit.
/// The error names the key where the limit ran out and the anchor whose
/// aliases spent it, at the anchored node. A document without anchors is
/// not walked; one that does not parse is left to the real parse to report.
pub fn check_alias_expansion(text: &str, path: &str) -> Result<(), FileError> {
    if !has_anchor(text) {
        return Ok(());
    }
    let left = Cell::new(MAX_EXPANDED_BYTES);
    let measured = Measure { left: &left }.deserialize(serde_yaml::Deserializer::from_str(text));
    let Err(e) = measured else {
        return Ok(());
    };
    if left.get() != 0 {
        return Ok(());
    }
    let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
    let message = e.to_string();
    let key = message
        .split_once(": ")
        .map(|(key, _)| key)
        .filter(|key| !key.contains(OVER_BUDGET));
    let anchor = text
        .lines()
        .nth(line.saturating_sub(1))
        .and_then(|l| {
            let (at, _) = l.char_indices().nth(column.saturating_sub(1))?;
            l[at..].strip_prefix('&')
        })
        .map(|rest| {
            let end = rest
                .find(|c: char| c.is_whitespace() || ",[]{}".contains(c))
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .filter(|name| !name.is_empty());
    let what = match anchor {
        Some(name) => format!("aliases of `&{name}` make"),
        None => "aliases make".to_owned(),
    };
    let mut message = format!(
        "{what} the document larger than {} MiB once expanded, the most a file may grow to",
        MAX_EXPANDED_BYTES >> 20
    );
    if let Some(key) = key {
        message = format!("{key}: {message}");
    }
    Err(FileError::at(path, line, column, message))
}

/// The custom error [`Measure`] stops with.
const OVER_BUDGET: &str = "over the expansion budget";

/// Whether `text` may hold an anchor: a `&` at the start of a line or after
/// a space, `[`, `{` or `,`, followed by a name.
fn has_anchor(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'&', bytes).any(|i| {
        let before = i == 0
            || matches!(
                bytes[i - 1],
                b' ' | b'\t' | b'\n' | b'\r' | b'[' | b'{' | b','
            );
        let after = bytes
            .get(i + 1)
            .is_some_and(|b| !b.is_ascii_whitespace() && !b",[]{}".contains(b));
        before && after
    })
}

/// Walks a document without keeping it, spending `left` by each node.
#[derive(Clone, Copy)]
struct Measure<'a> {
    left: &'a Cell<usize>,
}

impl Measure<'_> {
    fn spend<E: de::Error>(self, bytes: usize) -> Result<(), E> {
        let cost = NODE_BYTES.saturating_add(bytes);
        match self.left.get().checked_sub(cost) {
            Some(left) => {
                self.left.set(left);
                Ok(())
            }
            None => {
                self.left.set(0);
                Err(E::custom(OVER_BUDGET))
            }
        }
    }
}

impl<'de> de::DeserializeSeed<'de> for Measure<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> de::Visitor<'de> for Measure<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.spend(v.len())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.spend(0)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        de::DeserializeSeed::deserialize(self, d)
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.spend(0)?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.spend(0)?;
        while map.next_key_seed(self)?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        use de::VariantAccess;
        let ((), variant) = data.variant_seed(self)?;
        variant.newtype_variant_seed(self)
    }
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
        .map(|k| (strsim::levenshtein(unknown, k), k))
        .min()?;
    (best.0 <= 2.max(unknown.len() / 3)).then(|| format!(" (did you mean `{}`?)", best.1))
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
