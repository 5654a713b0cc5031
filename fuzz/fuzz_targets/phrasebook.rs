//! Phrasebook parsing: any text gives a phrasebook or a located error, and
//! a phrasebook that loads compiles and lints its own text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use phraselint::compile::RuleSet;
use phraselint::extract::FileKind;
use phraselint::lint::{Scratch, lint_text};
use phraselint::phrasebook::Phrasebook;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match Phrasebook::parse(text, "fuzz.yaml") {
        Ok(book) => {
            let rules = RuleSet::new(vec![book]);
            let outcome = lint_text(&rules, FileKind::Text, data, &mut Scratch::default());
            phraselint_fuzz::check_outcome(&outcome, data);
        }
        Err(e) => {
            let line = e.to_string();
            assert!(!line.contains('\n') || line.lines().count() < 40, "{line}");
        }
    }
});
