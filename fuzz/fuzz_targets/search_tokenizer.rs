//! Arbitrary text through the search index, the way directive text and queries go:
//! normalised, tokenised and built into the index files (`search::emit_index_files` over a
//! site made in memory, each directive's caption and plain text taken as they are). Up to
//! four directives, split at NUL; each one's first line is also its caption. Must never
//! panic, and:
//! - normalising twice changes nothing, and a space survives only between two Latin words;
//! - every token of a directive is in its shard (found through `shard_of`, the shard
//!   format and the postings encoding, as `static/search.js` reads them) with that
//!   directive and position;
//! - every term of a directive's text (a run of letters between separators) normalises to
//!   itself and, searched for the way `search.js` does (covered by whole words and
//!   bigrams whose positions must chain, or one character's unigram; a Latin word is in
//!   `w.js`), finds that directive at the term's place. Terms that start with a combining
//!   mark (carried by a separator) are left out: searched for alone, the mark is dropped.

#![no_main]

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use hoshin::model::date::Date;
use hoshin::model::{Body, Chapter, Directive, Notice, Site};
use hoshin::page::OutputFile;
use hoshin::search::{self, Class, TITLE_SPAN, Token, class};
use libfuzzer_sys::fuzz_target;

/// A directive's searchable fields: what the index reads of it.
struct Doc {
    title: String,
    body: String,
}

fuzz_target!(|text: &str| {
    let docs: Vec<Doc> = text
        .split('\0')
        .take(4)
        .map(|body| Doc {
            title: body.lines().next().unwrap_or("").to_string(),
            body: body.to_string(),
        })
        .collect();
    let site = site_of(&docs);
    let files = search::emit_index_files(&site, |file: OutputFile| file, None);
    let index = Index::parse(&files, docs.len());
    for (n, doc) in docs.iter().enumerate() {
        let n = n as u32;
        let body = search::normalize(&doc.body);
        check_normalized(&doc.body, &body);
        let mut title = search::normalize(&doc.title);
        title.truncate(TITLE_SPAN as usize - 1);
        let mut counts: HashMap<char, u32> = HashMap::new();
        for (chars, base) in [(&title, 0), (&body, TITLE_SPAN)] {
            for token in search::tokenize(chars, base) {
                match token {
                    Token::Unigram(c) => *counts.entry(c).or_default() += 1,
                    Token::Bigram(key, pos) | Token::Word(key, pos) => assert!(
                        index.positions(&key, n).contains(&pos),
                        "token {key:?} at {pos} of directive {n} not in the index: {text:?}"
                    ),
                }
            }
        }
        for (c, count) in counts {
            assert_eq!(
                index.unigram(c, n),
                Some(count),
                "unigram {c:?} of directive {n}: {text:?}"
            );
        }
        for (start, term) in terms(&body) {
            if search::is_joiner(term[0]) {
                // A mark whose base is a separator: searching for it alone drops it.
                continue;
            }
            // Cut out of normalised text, a term stays as it is: the browser's query for
            // it is the term itself.
            let query: String = term.iter().collect();
            assert_eq!(
                search::normalize(&query),
                term,
                "term {query:?} of {text:?}"
            );
            if term.iter().all(|&c| class(c) == Class::Word) {
                assert!(
                    index.words.binary_search(&query).is_ok(),
                    "{query:?} not in w.js: {text:?}"
                );
            }
            let at = TITLE_SPAN + start as u32;
            match index.search(&term, n) {
                None => panic!("term {query:?} of directive {n} not found: {text:?}"),
                Some(None) => {}
                Some(Some(starts)) => assert!(
                    starts.contains(&at),
                    "term {query:?} of directive {n} not found at {at}: {starts:?}, {text:?}"
                ),
            }
        }
    }
});

/// A site of one chapter whose directives `1-0`, `1-1`, … have the captions and plain
/// texts of `docs` (no テーマ, no plans, no sub-items): all the index reads of a site.
fn site_of(docs: &[Doc]) -> Site {
    let empty = || Body::new(Arc::from(""), 0);
    let directives: Vec<Directive> = docs
        .iter()
        .enumerate()
        .map(|(i, doc)| Directive {
            id: format!("1-{i}"),
            chapter: 0,
            number: i as u32 + 1,
            title: doc.title.clone(),
            editorial_title: false,
            topics: vec![],
            plans: vec![],
            related: vec![],
            linked_from: vec![],
            sub_items: vec![],
            body: Body::new(Arc::from(doc.body.as_str()), 0),
            plain_text: Arc::from(doc.body.as_str()),
            path: PathBuf::from(format!("content/1/1-{i}.md")),
        })
        .collect();
    Site {
        notice: Notice {
            title: "方針".into(),
            fiscal_year: 2026,
            issued: Date::parse("2026-04-01").expect("a date"),
            issuer: String::new(),
            addressee: String::new(),
            bases: vec![],
            preamble: empty(),
            path: PathBuf::from("content/_index.md"),
        },
        chapters: vec![Chapter {
            number: 1,
            title: "第1章".into(),
            references: vec![],
            intro: empty(),
            directives: (0..directives.len()).collect(),
            path: PathBuf::from("content/1/_index.md"),
        }],
        directive_by_id: (directives.iter().enumerate())
            .map(|(i, d)| (d.id.clone(), i))
            .collect(),
        directives,
        topics: vec![],
        plans: vec![],
    }
}

/// The normaliser's promises: idempotent; a space only between two Latin words; no other
/// white space; no 「・」.
fn check_normalized(text: &str, chars: &[char]) {
    let again = search::normalize(&chars.iter().collect::<String>());
    assert_eq!(again, chars, "normalize is not idempotent on {text:?}");
    for (i, &c) in chars.iter().enumerate() {
        assert!(c == ' ' || !c.is_whitespace(), "{c:?} kept in {text:?}");
        assert!(c != '・', "・ kept in {text:?}");
        if c == ' ' {
            assert!(
                i > 0 && class(chars[i - 1]) == Class::Word,
                "space after a non-word in {text:?}"
            );
            assert!(
                chars.get(i + 1).is_some_and(|&n| class(n) == Class::Word),
                "space before a non-word in {text:?}"
            );
        }
    }
}

/// The runs of letters (Latin and Japanese) of normalised text, with where they start:
/// what `queryTerms` in `search.js` makes of a query.
fn terms(chars: &[char]) -> Vec<(usize, Vec<char>)> {
    let mut out = Vec::new();
    let mut start = None;
    for i in 0..=chars.len() {
        let letter = chars
            .get(i)
            .is_some_and(|&c| matches!(class(c), Class::Word | Class::Cjk));
        match (letter, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, chars[s..i].to_vec()));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The index files as `search.js` reads them.
struct Index {
    shards: Vec<HashMap<String, String>>,
    words: Vec<String>,
}

impl Index {
    fn parse(files: &[OutputFile], docs: usize) -> Index {
        let script = |name: &str| -> String {
            let file = files
                .iter()
                .find(|f| f.path == format!("{}/{name}", search::INDEX_DIR))
                .unwrap_or_else(|| panic!("no {name}"));
            std::str::from_utf8(&file.bytes).expect("UTF-8").to_string()
        };
        // `hoshinSearch.f(…,"…");` or `hoshinSearch.f("…");`: the last argument.
        let string_arg = |name: &str| -> String {
            let text = script(name);
            let open = text.find('"').expect("a string argument");
            let close = text.rfind('"').expect("a string argument");
            serde_json::from_str(&text[open..=close]).expect("a JSON string")
        };
        // `hoshinSearch.init({…});`: the layout, where `search.js` learns the shard count.
        let layout: serde_json::Value = {
            let text = script("index.js");
            let open = text.find('{').expect("an object argument");
            let close = text.rfind('}').expect("an object argument");
            serde_json::from_str(&text[open..=close]).expect("a JSON object")
        };
        assert_eq!(layout["version"], search::FORMAT_VERSION, "{layout}");
        assert_eq!(layout["docs"], docs, "{layout}");
        assert_eq!(layout["titleSpan"], TITLE_SPAN, "{layout}");
        let shards = layout["shards"].as_u64().expect("a shard count") as u32;
        let shard_files = (files.iter())
            .filter(|f| {
                (f.path.strip_prefix(search::INDEX_DIR))
                    .and_then(|p| p.strip_prefix("/s"))
                    .and_then(|p| p.strip_suffix(".js"))
                    .is_some_and(|n| n.parse::<u32>().is_ok())
            })
            .count();
        assert_eq!(shard_files as u32, shards, "shard files against {layout}");
        let words = string_arg("w.js");
        Index {
            shards: (0..shards)
                .map(|i| parse_shard(&string_arg(&format!("s{i}.js"))))
                .collect(),
            words: if words.is_empty() {
                vec![]
            } else {
                words.split(' ').map(String::from).collect()
            },
        }
    }

    fn lookup(&self, key: &str) -> Option<&str> {
        let shard = search::shard_of(key, self.shards.len() as u32) as usize;
        self.shards[shard].get(key).map(String::as_str)
    }

    /// The positions of a bigram or word in directive `doc`.
    fn positions(&self, key: &str, doc: u32) -> Vec<u32> {
        let Some(enc) = self.lookup(key) else {
            return vec![];
        };
        let nums = search::decode_numbers(enc);
        let (mut i, mut d) = (0, 0);
        while i < nums.len() {
            d += nums[i] >> 1;
            let count = if nums[i] & 1 == 1 {
                i += 1;
                nums[i] as usize
            } else {
                1
            };
            let mut pos = 0;
            let list: Vec<u32> = nums[i + 1..i + 1 + count]
                .iter()
                .map(|delta| {
                    pos += delta;
                    pos
                })
                .collect();
            if d == doc {
                return list;
            }
            i += 1 + count;
        }
        vec![]
    }

    /// How often the Japanese character `c` occurs in directive `doc`.
    fn unigram(&self, c: char, doc: u32) -> Option<u32> {
        let nums = search::decode_numbers(self.lookup(&c.to_string())?);
        let mut d = 0;
        for pair in nums.chunks(2) {
            d += pair[0];
            if d == doc {
                return Some(pair[1] >> 1);
            }
        }
        None
    }

    /// `search.js`'s `cover` and `evalTerm` (`expansions` for a Latin word: the word
    /// itself is always among them) for one term in one directive: `None` when not found,
    /// `Some(None)` when found by its unigram, else the positions where the term starts.
    fn search(&self, t: &[char], doc: u32) -> Option<Option<Vec<u32>>> {
        if t.len() == 1 && class(t[0]) == Class::Cjk {
            return self.unigram(t[0], doc).filter(|&n| n > 0).map(|_| None);
        }
        let mut parts: Vec<(String, u32)> = Vec::new();
        for i in 0..t.len() {
            if class(t[i]) == Class::Word && (i == 0 || class(t[i - 1]) != Class::Word) {
                let len = t[i..]
                    .iter()
                    .take_while(|&&c| class(c) == Class::Word)
                    .count();
                parts.push((t[i..i + len].iter().collect(), i as u32));
            }
        }
        let mut covered = vec![false; t.len() + 1];
        for i in 0..t.len() {
            if class(t[i]) == Class::Cjk && !covered[i] {
                let s = if i + 1 < t.len() { i } else { i - 1 };
                parts.push((t[s..s + 2].iter().collect(), s as u32));
                covered[s] = true;
                covered[s + 1] = true;
            }
        }
        let lists: Vec<(Vec<u32>, u32)> = parts
            .iter()
            .map(|(key, off)| (self.positions(key, doc), *off))
            .collect();
        let (first, off0) = &lists[0];
        let starts: Vec<u32> = first
            .iter()
            .filter(|&&p| p >= *off0)
            .map(|&p| p - off0)
            .filter(|&base| lists.iter().all(|(l, off)| l.contains(&(base + off))))
            .collect();
        (!starts.is_empty()).then_some(Some(starts))
    }
}

/// `hoshinSearch.shard` of `search.js`: `~` + a character + unigram postings, `|` + a
/// character + postings of the bigram led by the previous entry's first character,
/// ` ` + token + ` ` + postings.
fn parse_shard(text: &str) -> HashMap<String, String> {
    let mut map = HashMap::new();
    let mut chars = text.chars().peekable();
    let mut lead = None;
    while let Some(marker) = chars.next() {
        let key: String = match marker {
            ' ' => {
                let key: String = chars.by_ref().take_while(|&c| c != ' ').collect();
                lead = key.chars().next();
                key
            }
            '~' => {
                let c = chars.next().expect("a character after ~");
                lead = Some(c);
                c.to_string()
            }
            '|' => {
                let c = chars.next().expect("a character after |");
                [lead.expect("a bigram after a lead"), c].iter().collect()
            }
            other => panic!("unexpected {other:?} in a shard"),
        };
        let mut enc = String::new();
        while let Some(&c) = chars.peek() {
            if matches!(c, ' ' | '|' | '~') {
                break;
            }
            enc.push(c);
            chars.next();
        }
        assert!(map.insert(key, enc).is_none(), "a token twice in a shard");
    }
    map
}
