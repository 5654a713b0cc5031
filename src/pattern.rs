//! A rule's `pattern`, compiled as it runs on folded text: validated by the
//! phrasebook loader, run by the matcher.

use regex_automata::meta;
use regex_automata::util::syntax;

/// A compiled pattern's largest size, so that a book cannot exhaust memory
/// (`(\w{100}){100}` is over it).
const PATTERN_SIZE_LIMIT: usize = 4 << 20;

/// The longest pattern match searched for, in folded bytes (a long
/// paragraph). Each search looks at most twice this far ahead, so a pattern
/// that could run on (`gpt( .*models)?`) costs a bounded window per match
/// instead of the rest of a long line: no pattern makes a run quadratic.
pub const PATTERN_MAX_MATCH: usize = 1024;

/// Compiles a `pattern` as matched on folded text: case-insensitive unless
/// the rule is case-sensitive, and never matching the empty string (a rule
/// that matches nothing visible would report everywhere).
pub fn pattern_regex(pattern: &str, case_sensitive: bool) -> Result<meta::Regex, String> {
    // Multi-line: `^` and `$` match at block starts and ends, as blocks are
    // lines of the folded text.
    let config = syntax::Config::new()
        .case_insensitive(!case_sensitive)
        .multi_line(true);
    let bad = |e: &dyn std::fmt::Display| format!("bad pattern: {}", one_line(&e.to_string()));
    let hir = syntax::parse_with(pattern, &config).map_err(|e| bad(&e))?;
    // regex-syntax gives no minimum for a pattern that matches nothing, and
    // also for some that match the empty string (`||[&&x]`): both refused.
    match hir.properties().minimum_len() {
        Some(0) => return Err(format!("pattern `{pattern}` can match the empty string")),
        None => {
            return Err(format!(
                "pattern `{pattern}` can match the empty string, or nothing at all"
            ));
        }
        Some(_) => {}
    }
    meta::Builder::new()
        .configure(meta::Config::new().nfa_size_limit(Some(PATTERN_SIZE_LIMIT)))
        .build_from_hir(&hir)
        .map_err(|e| match e.size_limit() {
            Some(limit) => format!(
                "bad pattern: compiled, it exceeds the size limit of {} MiB; use fewer or smaller repetitions",
                limit >> 20
            ),
            None => bad(&e),
        })
}

fn one_line(s: &str) -> String {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
