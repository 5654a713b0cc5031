//! The catalogue of a run: every loaded phrasebook and rule, and
//! phraselint's own rules, each with a typed index. The matcher is compiled
//! from it; filters and reporters look rules up in it.

use std::collections::HashMap;

use crate::phrasebook::Phrasebook;
use crate::rules::{BookIdx, Origin, Rule, RuleIdx, RuleKind};

pub struct Catalog {
    books: Vec<Phrasebook>,
    /// The books' rules in book order, then phraselint's own.
    rules: Vec<Rule>,
    /// For each book, the books whose allowed phrases shield its rules
    /// (itself and every book it extends).
    allow_scope: Vec<Vec<BookIdx>>,
    /// The `require` rules, so a file's check for missing phrases looks at
    /// them alone rather than at every rule.
    required: Vec<RuleIdx>,
    /// Rules by full id and by id inside their book (which several books
    /// may share): suppression comments and overrides name rules per file.
    by_name: HashMap<String, Vec<RuleIdx>>,
}

impl Catalog {
    pub fn new(mut books: Vec<Phrasebook>) -> Catalog {
        let mut rules = Vec::new();
        for (b, book) in books.iter_mut().enumerate() {
            for mut rule in std::mem::take(&mut book.rules) {
                rule.origin = Origin::Book(BookIdx::new(b));
                rules.push(rule);
            }
        }
        Catalog::assemble(books, rules)
    }

    /// Several catalogues as one, for a report over several projects: a
    /// book two of them load (the same file, the same sha256) is there once,
    /// and so are phraselint's own rules. Returns, for each catalogue, where
    /// each of its rules went.
    pub fn merge(catalogs: Vec<Catalog>) -> (Catalog, Vec<Vec<RuleIdx>>) {
        let mut books: Vec<Phrasebook> = Vec::new();
        let mut rules: Vec<Rule> = Vec::new();
        // Per catalogue, per rule: its index among the merged book rules,
        // or its id among phraselint's own.
        let mut placed: Vec<Vec<Result<usize, String>>> = Vec::new();
        let mut by_id: HashMap<(BookIdx, String), usize> = HashMap::new();
        for catalog in catalogs {
            let mut book_at = Vec::new();
            let mut kept = Vec::new();
            for mut book in catalog.books {
                let same = books
                    .iter()
                    .position(|b| b.path == book.path && b.sha256 == book.sha256);
                book_at.push(BookIdx::new(same.unwrap_or(books.len() + kept.len())));
                book.extended.clear();
                kept.push((same.is_none(), book));
            }
            let extended: Vec<Vec<BookIdx>> = catalog
                .allow_scope
                .iter()
                .map(|scope| scope[1..].iter().map(|b| book_at[b.index()]).collect())
                .collect();
            for ((new, mut book), extended) in kept.into_iter().zip(extended) {
                if new {
                    book.extended = extended;
                    books.push(book);
                }
            }
            let mut map = Vec::new();
            for mut rule in catalog.rules {
                map.push(match rule.origin {
                    Origin::Book(b) => {
                        let at = book_at[b.index()];
                        rule.origin = Origin::Book(at);
                        let key = (at, rule.full_id.clone());
                        // A shared book's rules are there already.
                        Ok(*by_id.entry(key).or_insert_with(|| {
                            rules.push(rule);
                            rules.len() - 1
                        }))
                    }
                    Origin::Phraselint => Err(rule.full_id),
                });
            }
            placed.push(map);
        }
        let merged = Catalog::assemble(books, rules);
        let maps = placed
            .into_iter()
            .map(|map| {
                map.into_iter()
                    .map(|at| match at {
                        Ok(i) => RuleIdx::new(i),
                        Err(id) => merged.own(&id),
                    })
                    .collect()
            })
            .collect();
        (merged, maps)
    }

    /// The catalogue of these books and their rules (each rule's origin
    /// set), phraselint's own rules added.
    fn assemble(books: Vec<Phrasebook>, mut rules: Vec<Rule>) -> Catalog {
        rules.extend(Rule::own_rules());
        let allow_scope = books
            .iter()
            .enumerate()
            .map(|(b, book)| {
                std::iter::once(BookIdx::new(b))
                    .chain(book.extended.iter().copied())
                    .collect()
            })
            .collect();
        let required = (0..rules.len())
            .filter(|&r| matches!(rules[r].kind, RuleKind::Require(_)))
            .map(RuleIdx::new)
            .collect();
        let mut by_name: HashMap<String, Vec<RuleIdx>> = HashMap::new();
        for (r, rule) in rules.iter().enumerate() {
            by_name
                .entry(rule.full_id.clone())
                .or_default()
                .push(RuleIdx::new(r));
            if rule.id != rule.full_id {
                by_name
                    .entry(rule.id.clone())
                    .or_default()
                    .push(RuleIdx::new(r));
            }
        }
        Catalog {
            books,
            rules,
            allow_scope,
            required,
            by_name,
        }
    }

    /// The built-in phrasebooks.
    pub fn built_in() -> Catalog {
        Catalog::new(Phrasebook::built_in())
    }

    pub fn rule(&self, rule: RuleIdx) -> &Rule {
        &self.rules[rule.index()]
    }

    pub fn book(&self, book: BookIdx) -> &Phrasebook {
        &self.books[book.index()]
    }

    /// Every rule with its index, the books' first.
    pub fn rules(&self) -> impl Iterator<Item = (RuleIdx, &Rule)> {
        self.rules
            .iter()
            .enumerate()
            .map(|(i, r)| (RuleIdx::new(i), r))
    }

    pub fn rule_count(&self) -> usize {
        self.rules.len()
    }

    /// Every book with its index, in load order (extended books first).
    pub fn books(&self) -> impl Iterator<Item = (BookIdx, &Phrasebook)> {
        self.books
            .iter()
            .enumerate()
            .map(|(i, b)| (BookIdx::new(i), b))
    }

    /// The rules of one book, or phraselint's own.
    pub fn rules_of(&self, origin: Origin) -> impl Iterator<Item = (RuleIdx, &Rule)> {
        self.rules().filter(move |(_, r)| r.origin == origin)
    }

    /// The books whose allowed phrases shield the rules of `book`.
    pub fn allow_scope(&self, book: BookIdx) -> &[BookIdx] {
        &self.allow_scope[book.index()]
    }

    pub fn required(&self) -> &[RuleIdx] {
        &self.required
    }

    /// The rules a name from a suppression comment, the config or the
    /// command line names: a full id, or an id inside its book.
    pub fn named(&self, name: &str) -> Vec<RuleIdx> {
        self.by_name.get(name).cloned().unwrap_or_default()
    }

    /// The rule a misspelt name most likely meant, for a "did you mean":
    /// the nearest by edit distance to its full id or its id inside its
    /// book, if near enough to be a slip (at most 3 edits, and at most half
    /// the name) rather than another name.
    pub fn closest(&self, name: &str) -> Option<&Rule> {
        const MOST: usize = 3;
        let chars = name.chars().count();
        // An id whose length is more than 3 off is more than 3 edits away:
        // skipping it keeps a hostile name of a megabyte cheap.
        let distance = |id: &str| {
            (id.chars().count().abs_diff(chars) <= MOST).then(|| strsim::levenshtein(name, id))
        };
        let (d, rule) = self
            .rules
            .iter()
            .filter_map(|r| {
                let d = [distance(&r.full_id), distance(&r.id)]
                    .into_iter()
                    .flatten()
                    .min()?;
                Some((d, r))
            })
            .min_by_key(|&(d, _)| d)?;
        (d <= MOST && d * 2 <= chars).then_some(rule)
    }

    /// One of phraselint's own rules, by full id.
    pub fn own(&self, full_id: &str) -> RuleIdx {
        self.rules_of(Origin::Phraselint)
            .find(|(_, r)| r.full_id == full_id)
            .map(|(i, _)| i)
            .expect("phraselint's own rules are always in the catalogue")
    }

    /// Where a rule comes from, as reports name it: its book's name and
    /// version, or phraselint's own.
    pub fn origin_name(&self, rule: &Rule) -> String {
        match rule.origin {
            Origin::Book(b) => format!("{} {}", self.book(b).name, self.book(b).version),
            Origin::Phraselint => format!("phraselint {}", env!("CARGO_PKG_VERSION")),
        }
    }
}
