//! English word forms for `inflect: true`: a word's base (lemma) and the
//! forms made from it — a verb's `-s`, past, past participle and `-ing`, a
//! noun's plural.
//!
//! A small rule set with a table of irregular verbs and nouns, not a crate
//! or a dictionary: the Rust inflection crates only pluralize nouns (or are
//! unmaintained), and a full dictionary's affix data is megabytes for the
//! few hundred words a phrasebook holds. The rules: `-e` drop (`enable` →
//! `enabling`), consonant doubling (`tap` → `tapped`, for one-syllable
//! words ending consonant-vowel-consonant and the stressed-final verbs in
//! [`DOUBLES`]), `-y` → `-ies`/`-ied`, `-s`/`-sh`/`-ch`/`-x`/`-z` → `-es`.
//!
//! Over-generation is harmless when the invented form is not a word
//! (`informationed` never occurs in text); what must not happen is a form
//! that is a real other word. So function words (`on`, `to`, `us`, `it`)
//! are never inflected, and a word that only looks inflected (`news`,
//! `need`, `evening`) is not reduced to a base.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The most forms one phrase may have (the product over its words). The
/// matcher adds each word's forms, not their product (a phrase of several
/// inflected words is joined after the scan), so this bounds what `show`
/// lists and what the book's budget counts, not the automaton.
pub const MAX_FORMS: usize = 4096;

/// Words never inflected: reducing or extending them makes other real
/// words (`us` → `uses`, `it` → `its`, `in` → `ins`).
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "above", "across", "after", "against", "all", "also", "among", "an", "and",
    "any", "as", "at", "because", "before", "behind", "below", "between", "both", "but", "by",
    "can", "could", "down", "during", "each", "either", "every", "for", "from", "he", "her",
    "here", "him", "his", "how", "i", "if", "in", "into", "it", "its", "just", "may", "me",
    "might", "more", "most", "much", "must", "my", "neither", "no", "nor", "not", "of", "off",
    "on", "onto", "only", "or", "our", "ours", "out", "over", "per", "shall", "she", "should",
    "so", "some", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
    "those", "through", "to", "toward", "towards", "under", "until", "up", "upon", "us", "very",
    "via", "we", "what", "when", "where", "which", "who", "whom", "whose", "why", "will", "with",
    "within", "without", "would", "yes", "you", "your",
];

/// Words that look inflected but are bases, whose "base" would be another
/// real word (`news` → `new`, `feed` → `fee`, `evening` → `even`).
const NOT_INFLECTED: &[&str] = &[
    "always",
    "bleed",
    "breed",
    "ceiling",
    "creed",
    "deed",
    "evening",
    "feed",
    "goods",
    "greed",
    "heed",
    "hundred",
    "indeed",
    "kindred",
    "lens",
    "morning",
    "naked",
    "need",
    "news",
    "perhaps",
    "ragged",
    "rugged",
    "sacred",
    "seed",
    "sometimes",
    "species",
    "speed",
    "thanks",
    "thing",
    "weed",
    "wicked",
];

/// Two-syllable verbs stressed on the last syllable, which double their
/// final consonant (`admit` → `admitted`); others do not (`open` →
/// `opened`).
const DOUBLES: &[&str] = &[
    "abet", "admit", "allot", "commit", "compel", "confer", "control", "defer", "deter", "embed",
    "emit", "equip", "expel", "incur", "infer", "occur", "omit", "patrol", "permit", "prefer",
    "propel", "rebut", "recur", "refer", "regret", "repel", "submit", "transfer", "transmit",
    "unplug", "unwrap",
];

/// Irregular verbs: base, past(s), past participle(s), alternatives
/// separated by `|`. Their `-s` and `-ing` forms follow the rules.
const IRREGULAR_VERBS: &[(&str, &str, &str)] = &[
    ("arise", "arose", "arisen"),
    ("awake", "awoke", "awoken"),
    ("bear", "bore", "borne|born"),
    ("beat", "beat", "beaten"),
    ("become", "became", "become"),
    ("begin", "began", "begun"),
    ("bend", "bent", "bent"),
    ("bet", "bet", "bet"),
    ("bite", "bit", "bitten"),
    ("blow", "blew", "blown"),
    ("break", "broke", "broken"),
    ("bring", "brought", "brought"),
    ("broadcast", "broadcast", "broadcast"),
    ("build", "built", "built"),
    ("burn", "burned|burnt", "burned|burnt"),
    ("buy", "bought", "bought"),
    ("catch", "caught", "caught"),
    ("choose", "chose", "chosen"),
    ("cling", "clung", "clung"),
    ("come", "came", "come"),
    ("cost", "cost", "cost"),
    ("creep", "crept", "crept"),
    ("cut", "cut", "cut"),
    ("deal", "dealt", "dealt"),
    ("dig", "dug", "dug"),
    ("draw", "drew", "drawn"),
    ("dream", "dreamed|dreamt", "dreamed|dreamt"),
    ("drink", "drank", "drunk"),
    ("drive", "drove", "driven"),
    ("eat", "ate", "eaten"),
    ("fall", "fell", "fallen"),
    ("feed", "fed", "fed"),
    ("feel", "felt", "felt"),
    ("fight", "fought", "fought"),
    ("find", "found", "found"),
    ("fit", "fit|fitted", "fit|fitted"),
    ("flee", "fled", "fled"),
    ("fling", "flung", "flung"),
    ("fly", "flew", "flown"),
    ("forbid", "forbade", "forbidden"),
    ("forecast", "forecast", "forecast"),
    ("foresee", "foresaw", "foreseen"),
    ("forget", "forgot", "forgotten"),
    ("forgive", "forgave", "forgiven"),
    ("freeze", "froze", "frozen"),
    ("get", "got", "got|gotten"),
    ("give", "gave", "given"),
    ("grow", "grew", "grown"),
    ("hang", "hung", "hung"),
    ("hear", "heard", "heard"),
    ("hide", "hid", "hidden"),
    ("hit", "hit", "hit"),
    ("hold", "held", "held"),
    ("hurt", "hurt", "hurt"),
    ("keep", "kept", "kept"),
    ("kneel", "knelt", "knelt"),
    ("know", "knew", "known"),
    ("lay", "laid", "laid"),
    ("lead", "led", "led"),
    ("lean", "leaned|leant", "leaned|leant"),
    ("leap", "leaped|leapt", "leaped|leapt"),
    ("learn", "learned|learnt", "learned|learnt"),
    ("leave", "left", "left"),
    ("lend", "lent", "lent"),
    ("let", "let", "let"),
    ("light", "lit|lighted", "lit|lighted"),
    ("lose", "lost", "lost"),
    ("make", "made", "made"),
    ("mean", "meant", "meant"),
    ("meet", "met", "met"),
    ("mislead", "misled", "misled"),
    ("overcome", "overcame", "overcome"),
    ("override", "overrode", "overridden"),
    ("oversee", "oversaw", "overseen"),
    ("overtake", "overtook", "overtaken"),
    ("pay", "paid", "paid"),
    ("prove", "proved", "proved|proven"),
    ("put", "put", "put"),
    ("quit", "quit|quitted", "quit|quitted"),
    ("read", "read", "read"),
    ("rebuild", "rebuilt", "rebuilt"),
    ("rerun", "reran", "rerun"),
    ("rewrite", "rewrote", "rewritten"),
    ("rid", "rid", "rid"),
    ("ride", "rode", "ridden"),
    ("ring", "rang", "rung"),
    ("rise", "rose", "risen"),
    ("run", "ran", "run"),
    ("say", "said", "said"),
    ("see", "saw", "seen"),
    ("seek", "sought", "sought"),
    ("sell", "sold", "sold"),
    ("send", "sent", "sent"),
    ("set", "set", "set"),
    ("shake", "shook", "shaken"),
    ("shed", "shed", "shed"),
    ("shine", "shone", "shone"),
    ("shoot", "shot", "shot"),
    ("show", "showed", "shown|showed"),
    ("shrink", "shrank", "shrunk"),
    ("shut", "shut", "shut"),
    ("sing", "sang", "sung"),
    ("sink", "sank", "sunk"),
    ("sit", "sat", "sat"),
    ("sleep", "slept", "slept"),
    ("slide", "slid", "slid"),
    ("speak", "spoke", "spoken"),
    ("speed", "sped|speeded", "sped|speeded"),
    ("spend", "spent", "spent"),
    ("spin", "spun", "spun"),
    ("split", "split", "split"),
    ("spread", "spread", "spread"),
    ("spring", "sprang", "sprung"),
    ("stand", "stood", "stood"),
    ("steal", "stole", "stolen"),
    ("stick", "stuck", "stuck"),
    ("sting", "stung", "stung"),
    ("strike", "struck", "struck"),
    ("string", "strung", "strung"),
    ("strive", "strove", "striven"),
    ("swear", "swore", "sworn"),
    ("sweep", "swept", "swept"),
    ("swim", "swam", "swum"),
    ("swing", "swung", "swung"),
    ("take", "took", "taken"),
    ("teach", "taught", "taught"),
    ("tear", "tore", "torn"),
    ("tell", "told", "told"),
    ("think", "thought", "thought"),
    ("throw", "threw", "thrown"),
    ("undergo", "underwent", "undergone"),
    ("understand", "understood", "understood"),
    ("undertake", "undertook", "undertaken"),
    ("undo", "undid", "undone"),
    ("uphold", "upheld", "upheld"),
    ("upset", "upset", "upset"),
    ("wake", "woke", "woken"),
    ("wear", "wore", "worn"),
    ("weave", "wove", "woven"),
    ("weep", "wept", "wept"),
    ("win", "won", "won"),
    ("withdraw", "withdrew", "withdrawn"),
    ("withhold", "withheld", "withheld"),
    ("write", "wrote", "written"),
];

/// Words whose every form is listed: the auxiliaries, whose `-s` and
/// `-ing` do not follow the rules either.
const FULL_FORMS: &[&[&str]] = &[
    &["be", "am", "is", "are", "was", "were", "been", "being"],
    &["have", "has", "had", "having"],
    &["do", "does", "did", "done", "doing"],
    &["go", "goes", "went", "gone", "going"],
];

/// Irregular plurals (the regular plural is made as well: `persons`).
const IRREGULAR_NOUNS: &[(&str, &str)] = &[
    ("analysis", "analyses"),
    ("basis", "bases"),
    ("child", "children"),
    ("criterion", "criteria"),
    ("crisis", "crises"),
    ("foot", "feet"),
    ("half", "halves"),
    ("life", "lives"),
    ("man", "men"),
    ("mouse", "mice"),
    ("person", "people"),
    ("self", "selves"),
    ("shelf", "shelves"),
    ("tooth", "teeth"),
    ("woman", "women"),
];

/// The irregular words, looked up by any of their forms.
struct Tables {
    /// Irregular form → its bases.
    base_of: HashMap<&'static str, Vec<&'static str>>,
    /// Base → its irregular forms.
    forms_of: HashMap<&'static str, Vec<&'static str>>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut t = Tables {
            base_of: HashMap::new(),
            forms_of: HashMap::new(),
        };
        let mut add = |base: &'static str, form: &'static str| {
            t.forms_of.entry(base).or_default().push(form);
            if form != base {
                let bases = t.base_of.entry(form).or_default();
                if !bases.contains(&base) {
                    bases.push(base);
                }
            }
        };
        for &(base, past, participle) in IRREGULAR_VERBS {
            for form in past.split('|').chain(participle.split('|')) {
                add(base, form);
            }
        }
        for forms in FULL_FORMS {
            for &form in *forms {
                add(forms[0], form);
            }
        }
        for &(base, plural) in IRREGULAR_NOUNS {
            add(base, plural);
        }
        t
    })
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Whether a word is inflected at all: lower-case ASCII letters only
/// (`OpenAI`, `GPT-5`, `sign-in` are not), and not a function word.
pub fn inflectable(word: &str) -> bool {
    word.len() > 1
        && word.bytes().all(|b| b.is_ascii_lowercase())
        && !FUNCTION_WORDS.contains(&word)
}

/// How many vowel groups `w` has (`qu` counts as a consonant).
fn syllables(w: &[u8]) -> usize {
    let mut groups = 0;
    let mut in_vowel = false;
    for (i, &b) in w.iter().enumerate() {
        let vowel = (is_vowel(b) && !(b == b'u' && i > 0 && w[i - 1] == b'q'))
            || (b == b'y' && i > 0 && !is_vowel(w[i - 1]));
        if vowel && !in_vowel {
            groups += 1;
        }
        in_vowel = vowel;
    }
    groups
}

/// Whether `base` doubles its last consonant before `-ed`/`-ing`.
fn doubles(base: &str) -> bool {
    let w = base.as_bytes();
    let n = w.len();
    if n < 3 || DOUBLES.contains(&base) {
        return DOUBLES.contains(&base);
    }
    let (c1, v, c2) = (w[n - 3], w[n - 2], w[n - 1]);
    let c1_consonant = !is_vowel(c1) || (c1 == b'u' && n > 3 && w[n - 4] == b'q');
    c1_consonant
        && is_vowel(v)
        && !is_vowel(c2)
        && !matches!(c2, b'w' | b'x' | b'y')
        && syllables(w) == 1
}

fn ends_consonant_y(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() > 1 && b[b.len() - 1] == b'y' && !is_vowel(b[b.len() - 2])
}

/// The `-s` form: a verb's third person and a noun's plural.
fn s_forms(base: &str) -> Vec<String> {
    if ends_consonant_y(base) {
        return vec![format!("{}ies", &base[..base.len() - 1])];
    }
    if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| base.ends_with(e))
    {
        return vec![format!("{base}es")];
    }
    let b = base.as_bytes();
    if b[b.len() - 1] == b'o' && !is_vowel(b[b.len() - 2]) {
        // `vetoes` and `photos`: both spellings.
        return vec![format!("{base}es"), format!("{base}s")];
    }
    vec![format!("{base}s")]
}

/// The regular `-ed` and `-ing` forms.
fn ed_ing_forms(base: &str) -> Vec<String> {
    let last = base.as_bytes()[base.len() - 1];
    if ends_consonant_y(base) {
        return vec![
            format!("{}ied", &base[..base.len() - 1]),
            format!("{base}ing"),
        ];
    }
    if last == b'e' {
        let stem = &base[..base.len() - 1];
        let ing = if let Some(root) = base.strip_suffix("ie") {
            format!("{root}ying")
        } else if ["ee", "oe", "ye"].iter().any(|e| base.ends_with(e)) {
            format!("{base}ing")
        } else {
            format!("{stem}ing")
        };
        return vec![format!("{base}d"), ing];
    }
    let mut forms = vec![format!("{base}ed"), format!("{base}ing")];
    let w = base.as_bytes();
    let british_l = last == b'l'
        && is_vowel(w[w.len() - 2])
        && w.len() > 2
        && !is_vowel(w[w.len() - 3])
        && syllables(w) > 1;
    if doubles(base) || british_l {
        let c = char::from(last);
        let doubled = vec![format!("{base}{c}ed"), format!("{base}{c}ing")];
        // `labeled` and `labelled`: both spellings.
        forms = if doubles(base) {
            doubled
        } else {
            [forms, doubled].concat()
        };
    }
    forms
}

/// Every form of a base, the base first.
fn forms_of_base(base: &str) -> Vec<String> {
    let t = tables();
    if let Some(full) = FULL_FORMS.iter().find(|f| f[0] == base) {
        return full.iter().map(|s| (*s).to_owned()).collect();
    }
    let mut out = vec![base.to_owned()];
    out.extend(s_forms(base));
    match t.forms_of.get(base) {
        // An irregular verb keeps its regular `-ing`; a noun in the table
        // its regular forms too (`persons`).
        Some(irregular) => {
            out.extend(irregular.iter().map(|s| (*s).to_owned()));
            let regular = ed_ing_forms(base);
            if IRREGULAR_VERBS.iter().any(|v| v.0 == base) {
                out.push(regular[regular.len() - 1].clone());
            } else {
                out.extend(regular);
            }
        }
        None => out.extend(ed_ing_forms(base)),
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|f| seen.insert(f.clone()));
    out
}

/// Whether `stem` could be a base on its own (`call`), or is only a piece
/// of one (`enabl` of `enable`, `integrat` of `integrate`).
fn plausible_bare(stem: &str) -> bool {
    let w = stem.as_bytes();
    let n = w.len();
    let last = w[n - 1];
    let before = w[n - 2];
    !(matches!(last, b'v' | b'j' | b'q' | b'u')
        || (matches!(last, b'l' | b'r') && !is_vowel(before) && before != last)
        || stem.ends_with("iz")
        || stem.ends_with("yz")
        || stem.ends_with("uc")
        || (n > 2
            && !is_vowel(w[n - 3])
            && (stem.ends_with("at") || stem.ends_with("id") || stem.ends_with("ud"))))
}

/// Whether `stem` + `e` could be a base (not `calle`, `unlocke`,
/// `powere`, `opene`).
fn plausible_e(stem: &str) -> bool {
    let w = stem.as_bytes();
    let n = w.len();
    let last = w[n - 1];
    !(matches!(last, b'e' | b'w' | b'x' | b'y')
        || (n > 1 && w[n - 2] == last)
        || ["ck", "er", "en", "on", "ow"]
            .iter()
            .any(|e| stem.ends_with(e)))
}

/// Whether `word` is one of the forms made from `base`.
fn is_base_of(base: &str, word: &str) -> bool {
    base.len() >= 3 && inflectable(base) && forms_of_base(base).iter().any(|f| f == word)
}

/// The bases a word may be a regular form of (`enables` → `enable`,
/// `tapped` → `tap`, `policies` → `policy`), each checked by making its
/// forms again.
fn regular_bases(word: &str) -> Vec<String> {
    let mut candidates: Vec<String> = Vec::new();
    let n = word.len();
    if let Some(stem) = word.strip_suffix("ies").filter(|_| n >= 5) {
        candidates.push(format!("{stem}y"));
    } else if let Some(stem) = word.strip_suffix("es").filter(|_| {
        ["sses", "shes", "ches", "xes", "zes"]
            .iter()
            .any(|e| word.ends_with(e))
    }) {
        candidates.push(stem.to_owned());
    } else if let Some(stem) = word
        .strip_suffix('s')
        .filter(|_| n >= 4 && !["ss", "us", "is"].iter().any(|e| word.ends_with(e)))
    {
        candidates.push(stem.to_owned());
    }
    // `applied` is `apply`, `tying` is `tie`: never `appli` or `ty`.
    let suffixes: &[&str] = if let Some(stem) = word.strip_suffix("ied").filter(|_| n >= 5) {
        candidates.push(format!("{stem}y"));
        &[]
    } else if let Some(stem) = word.strip_suffix("ying").filter(|_| n <= 5) {
        candidates.push(format!("{stem}ie"));
        &[]
    } else {
        &["ed", "ing"]
    };
    for suffix in suffixes {
        let Some(stem) = word.strip_suffix(suffix).filter(|s| s.len() >= 2) else {
            continue;
        };
        if !stem.bytes().any(is_vowel) {
            continue;
        }
        let b = stem.as_bytes();
        // `tapped` → `tap` (not `tapp`), but `called` is `call`: bases end
        // in `ll`, `ss`, `ff`, `zz` far more often than they double those.
        let last = b[b.len() - 1];
        let undoubled = &stem[..stem.len() - 1];
        if b.len() >= 4
            && last == b[b.len() - 2]
            && !matches!(last, b'l' | b's' | b'f' | b'z')
            && is_base_of(undoubled, word)
        {
            candidates.push(undoubled.to_owned());
        } else if stem.len() >= 3 && plausible_bare(stem) {
            candidates.push(stem.to_owned());
        }
        if plausible_e(stem) {
            candidates.push(format!("{stem}e"));
        }
    }
    candidates.retain(|c| is_base_of(c, word));
    candidates.dedup();
    candidates
}

/// The bases of a word: its irregular base, else the regular ones it can
/// be formed from, else the word itself.
pub fn bases(word: &str) -> Vec<String> {
    if !inflectable(word) {
        return vec![word.to_owned()];
    }
    if FULL_FORMS.iter().any(|f| f[0] == word) || tables().forms_of.contains_key(word) {
        return vec![word.to_owned()];
    }
    if let Some(bases) = tables().base_of.get(word) {
        return bases.iter().map(|s| (*s).to_owned()).collect();
    }
    if NOT_INFLECTED.contains(&word) {
        return vec![word.to_owned()];
    }
    let found = regular_bases(word);
    if found.is_empty() {
        vec![word.to_owned()]
    } else {
        found
    }
}

/// Every form of `word` (the word itself first), or just the word if it is
/// not inflected.
pub fn word_forms(word: &str) -> Vec<String> {
    if !inflectable(word) {
        return vec![word.to_owned()];
    }
    let mut out = vec![word.to_owned()];
    for base in bases(word) {
        for form in forms_of_base(&base) {
            if !out.contains(&form) {
                out.push(form);
            }
        }
    }
    out
}

/// A phrase's words, each in its forms, and the spaces between them as
/// written (one form each).
fn pieces(phrase: &str) -> Vec<Vec<String>> {
    let mut pieces: Vec<Vec<String>> = Vec::new();
    let mut rest = phrase;
    while !rest.is_empty() {
        let split = rest
            .find(char::is_whitespace)
            .filter(|&i| i > 0)
            .unwrap_or_else(|| {
                rest.find(|c: char| !c.is_whitespace())
                    .filter(|&i| i > 0)
                    .unwrap_or(rest.len())
            });
        let (piece, tail) = rest.split_at(split);
        pieces.push(if piece.starts_with(char::is_whitespace) {
            vec![piece.to_owned()]
        } else {
            word_forms(piece)
        });
        rest = tail;
    }
    pieces
}

/// How many forms a phrase has and their bytes together, counted without
/// writing them out. `Err(n)` when there would be `n` > [`MAX_FORMS`].
pub fn form_count(phrase: &str) -> Result<(usize, usize), usize> {
    let pieces = pieces(phrase);
    let count = pieces.iter().fold(1usize, |n, p| n.saturating_mul(p.len()));
    if count > MAX_FORMS {
        return Err(count);
    }
    // Each piece's form appears in count / (its number of forms) phrases.
    let bytes = pieces
        .iter()
        .map(|p| p.iter().map(String::len).sum::<usize>() * (count / p.len()))
        .sum();
    Ok((count, bytes))
}

/// Every form of a phrase: each word in each of its forms, the phrase as
/// written first. `Err(n)` when there would be `n` > [`MAX_FORMS`].
pub fn phrase_forms(phrase: &str) -> Result<Vec<String>, usize> {
    let pieces = pieces(phrase);
    let count = pieces.iter().fold(1usize, |n, p| n.saturating_mul(p.len()));
    if count > MAX_FORMS {
        return Err(count);
    }
    let mut out = vec![String::new()];
    for piece in &pieces {
        out = out
            .iter()
            .flat_map(|head| piece.iter().map(move |p| format!("{head}{p}")))
            .collect();
    }
    Ok(out)
}

/// Each phrase of `phrases` that has other forms, with those forms (the
/// phrase itself left out): what `show`, `explain` and `diff` list.
pub fn inflected<'a>(
    phrases: impl IntoIterator<Item = &'a String>,
    inflect: bool,
) -> Vec<(&'a str, Vec<String>)> {
    let mut seen = std::collections::HashSet::new();
    phrases
        .into_iter()
        .filter(|p| inflect && seen.insert(p.as_str()))
        .map(|p| {
            let forms = phrase_forms(p).expect("a phrase's forms are counted when its book loads");
            (p.as_str(), forms[1..].to_vec())
        })
        .filter(|(_, forms)| !forms.is_empty())
        .collect()
}
