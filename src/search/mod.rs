//! The full-text search index: from the resolved [`Site`] to script files that the
//! browser loads with `<script>` tags (so search works from `file://` and over HTTP
//! alike, with no fetch). Pure: model in, files out.
//!
//! Text is normalised (NFKC, lower case, 「・」 dropped, spaces kept only between Latin
//! words), then indexed as:
//! - each Japanese (CJK) character: a unigram with per-directive counts;
//! - each pair of adjacent characters of which at least one is Japanese: a bigram with
//!   positions;
//! - each Latin word or number: a whole-word token with positions.
//!
//! Positions let the browser confirm that a query's bigrams and words occur next to each
//! other, which is an exact substring check on the normalised text without loading it.
//! Postings are split into shards by a hash of the token; a query loads only the shards
//! of its tokens. The directives' text (for snippets) is split into chunks by policy
//! order, loaded only for the hits shown. `static/search.js` is the other half.

use std::collections::hash_map::Entry as Slot;
use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;

use rayon::prelude::*;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::model::{Directive, Site, circled_digit};
use crate::page::OutputFile;
use crate::page::directive_url;

/// Folder of the index inside the built site.
pub const INDEX_DIR: &str = crate::page::SEARCH_INDEX_DIR;
/// Format version written into `search/index.js`.
pub const FORMAT_VERSION: u32 = 1;
/// Positions below this are in the caption; the body starts here. Longer captions are
/// indexed only up to this length.
pub const TITLE_SPAN: u32 = 512;
/// Aimed-at size of one postings shard.
const SHARD_TARGET: usize = 48 * 1024;
/// Aimed-at size of one chunk of directive text.
const CHUNK_TARGET: usize = 16 * 1024;

/// How a normalised character takes part in search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Latin letters, digits and other non-CJK letters: grouped into words.
    Word,
    /// Kana, kanji and other CJK letters: indexed by character.
    Cjk,
    /// Punctuation and symbols: break words and bigrams.
    Sep,
    /// A space between two Latin words.
    Space,
}

pub fn class(c: char) -> Class {
    // Fast paths for the characters policy text is made of.
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => return Class::Word,
        '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | '\u{4E00}'..='\u{9FFF}' => {
            return Class::Cjk;
        }
        '\u{3001}' | '\u{3002}' | '\u{300C}'..='\u{300F}' => return Class::Sep,
        _ if c.is_ascii_punctuation() => return Class::Sep,
        _ => {}
    }
    if c.is_whitespace() {
        Class::Space
    } else if is_enclosed_number(c) {
        Class::Sep
    } else if c.is_alphanumeric() {
        if (c as u32) < 0x2E80 {
            Class::Word
        } else {
            Class::Cjk
        }
    } else {
        Class::Sep
    }
}

/// ①, ⑴, ⒈ …: NFKC would turn them into digits glued to the text that follows.
fn is_enclosed_number(c: char) -> bool {
    (0x2460..=0x24FF).contains(&(c as u32))
}

/// Characters that belong to the character before them (combining marks, half-width
/// voiced sound marks), so that NFKC composes ｶﾞ into ガ.
pub fn is_joiner(c: char) -> bool {
    match c {
        // No combining mark is below U+0300 or among kanji and most kana.
        '\0'..='\u{2FF}' | '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{9FFF}' => false,
        '\u{FF9E}' | '\u{FF9F}' => true,
        _ => is_combining_mark(c),
    }
}

/// The normalised form of a character that stands alone (no joiner follows) when
/// NFKC and lower-casing are known to be trivial for it: ASCII letters and digits, kana,
/// the long vowel mark, unified kanji and the commonest Japanese punctuation. The bulk
/// of policy text; everything else takes the general path. A unit test checks every
/// character covered here against the general path.
fn plain(c: char) -> Option<char> {
    match c {
        'a'..='z' | '0'..='9' => Some(c),
        'A'..='Z' => Some(c.to_ascii_lowercase()),
        '\u{3041}'..='\u{3096}'
        | '\u{30A1}'..='\u{30FA}'
        | '\u{30FC}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{3001}'..='\u{3002}'
        | '\u{300C}'..='\u{300F}' => Some(c),
        _ => None,
    }
}

/// Normalises text for search: NFKC and lower case per character cluster, 「・」
/// dropped, spaces dropped except one between two Latin words. `static/search.js`
/// implements the same function; the two must agree.
///
/// Idempotent: normalising the result again changes nothing. For that, a combining mark
/// whose base character is dropped (「・」, a space, or no base at all) is dropped with
/// it, where it would otherwise join the character before on the next pass
/// (「サ・\u{3099}」 would become ザ), and NFKC and lower case are repeated until
/// neither changes the cluster (「İ」 lowers to i + U+0307, which NFKC orders after
/// U+3099).
pub fn normalize(text: &str) -> Vec<char> {
    let mut raw: Vec<char> = Vec::with_capacity(text.len() / 2);
    let mut spaces = false;
    let mut chars = text.chars().peekable();
    // The cluster being folded, when it takes the general path.
    let mut cluster: Vec<char> = Vec::new();
    while let Some(first) = chars.next() {
        // A character standing alone (no joiner follows): the bulk of the text.
        if chars.peek().is_none_or(|&c| !is_joiner(c))
            && let Some(c) = plain(first)
        {
            raw.push(c);
            continue;
        }
        cluster.clear();
        cluster.push(first);
        while let Some(c) = chars.next_if(|&c| is_joiner(c)) {
            cluster.push(c);
        }
        if is_enclosed_number(first) {
            raw.push(first);
            continue;
        }
        spaces |= push_folded(&cluster, &mut raw);
    }
    if !spaces {
        return raw;
    }
    keep_word_spaces(&raw)
}

/// Appends the normalised characters of `cluster` (a character and the joiners after
/// it) to `raw`, white space as one space; whether it appended a space.
fn push_folded(cluster: &[char], raw: &mut Vec<char>) -> bool {
    let mut space = false;
    // Whether the last character kept from this cluster can carry a mark.
    let mut base = false;
    for c in fold(cluster).chars() {
        if is_joiner(c) {
            if base {
                raw.push(c);
            }
        } else if c == '・' {
            base = false;
        } else if c.is_whitespace() {
            raw.push(' ');
            space = true;
            base = false;
        } else {
            raw.push(c);
            base = true;
        }
    }
    space
}

/// `raw` with every space dropped but one between two Latin words.
fn keep_word_spaces(raw: &[char]) -> Vec<char> {
    let mut out: Vec<char> = Vec::with_capacity(raw.len());
    for (i, &c) in raw.iter().enumerate() {
        if c == ' ' {
            let before = out.last().map(|&b| class(b));
            let after = raw[i + 1..].iter().find(|&&a| a != ' ').map(|&a| class(a));
            if before == Some(Class::Word) && after == Some(Class::Word) {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Rounds of NFKC and lower case after the first, at most: a second one is needed where
/// lower case undoes NFKC (İ + U+3099), none more has been seen in all of Unicode; the
/// bound only guarantees an end.
const MAX_FOLDS: usize = 4;

/// NFKC, then lower case per character, repeated until that changes nothing.
fn fold(cluster: &[char]) -> String {
    let mut out = nfkc_lower(cluster.iter().copied());
    for _ in 0..MAX_FOLDS {
        // Lower-case ASCII is left as it is by both.
        if out.is_ascii() {
            break;
        }
        let next = nfkc_lower(out.chars());
        if next == out {
            break;
        }
        out = next;
    }
    out
}

fn nfkc_lower(chars: impl Iterator<Item = char>) -> String {
    chars.nfkc().flat_map(char::to_lowercase).collect()
}

/// A token of the index and where it occurs in one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// A CJK character.
    Unigram(char),
    /// Two adjacent characters, at least one CJK, at a position.
    Bigram(String, u32),
    /// A whole Latin word or number, at the position of its first character.
    Word(String, u32),
}

/// The tokens of one normalised field whose first character is at position `base`.
pub fn tokenize(chars: &[char], base: u32) -> Vec<Token> {
    let mut tokens = Vec::new();
    scan(chars, base, |token, pos| {
        tokens.push(match token {
            Scanned::Unigram(c) => Token::Unigram(c),
            Scanned::Bigram(a, b) => Token::Bigram([a, b].iter().collect(), pos),
            Scanned::Word(w) => Token::Word(w.iter().collect(), pos),
        })
    });
    tokens
}

/// A token as [`scan`] finds it, borrowing from the text.
enum Scanned<'t> {
    Unigram(char),
    Bigram(char, char),
    Word(&'t [char]),
}

/// Calls `f` with each token of `chars` and its position, in text order.
fn scan<'t>(chars: &'t [char], base: u32, mut f: impl FnMut(Scanned<'t>, u32)) {
    let mut last = Class::Sep;
    // The class of the character at `p`, found as the one after the character before.
    let mut cls = chars.first().map_or(Class::Sep, |&c| class(c));
    for (p, &c) in chars.iter().enumerate() {
        let pos = base + p as u32;
        match cls {
            Class::Cjk => f(Scanned::Unigram(c), pos),
            Class::Word if last != Class::Word => {
                let len = chars[p..]
                    .iter()
                    .take_while(|&&w| class(w) == Class::Word)
                    .count();
                f(Scanned::Word(&chars[p..p + len]), pos);
            }
            _ => {}
        }
        let ncls = chars.get(p + 1).map_or(Class::Sep, |&next| class(next));
        let letters =
            matches!(cls, Class::Word | Class::Cjk) && matches!(ncls, Class::Word | Class::Cjk);
        if letters && (cls == Class::Cjk || ncls == Class::Cjk) {
            f(Scanned::Bigram(c, chars[p + 1]), pos);
        }
        last = cls;
        cls = ncls;
    }
}

/// A unigram or bigram packed into an integer for the index builder (a character fits
/// in 21 bits): cheap to sort and hash, and no allocation per occurrence.
type CharKey = u64;

const BIGRAM_FLAG: CharKey = 1 << 42;

fn bigram_key(a: char, b: char) -> CharKey {
    BIGRAM_FLAG | (a as CharKey) << 21 | b as CharKey
}

/// The token a [`CharKey`] stands for, as the browser looks it up.
fn char_key_text(key: CharKey) -> String {
    let char_at = |shift: u32| char::from_u32(((key >> shift) & 0x1F_FFFF) as u32);
    if key & BIGRAM_FLAG != 0 {
        [char_at(21), char_at(0)].into_iter().flatten().collect()
    } else {
        char_at(0).into_iter().collect()
    }
}

/// The searchable fields of a directive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchDoc {
    pub id: String,
    pub citation: String,
    pub title: String,
    /// Plain text, paragraphs separated by `\n` (the directive's, shared).
    pub body: std::sync::Arc<str>,
    /// The directive's テーマ names, joined by 「、」.
    pub themes: String,
    /// `(UTF-16 offset in body, number)` of each sub-item's paragraph.
    pub sub_items: Vec<(usize, u32)>,
}

impl SearchDoc {
    pub fn new(site: &Site, d: &Directive) -> SearchDoc {
        let body = std::sync::Arc::clone(&d.plain_text);
        SearchDoc {
            id: d.id.clone(),
            citation: site.citation(d),
            title: d.title.clone(),
            sub_items: sub_item_offsets(&body, d),
            body,
            themes: d
                .topics
                .iter()
                .map(|&t| site.topics[t].name.as_str())
                .collect::<Vec<_>>()
                .join("、"),
        }
    }

    /// The normalised fields with the position each starts at.
    /// テーマ names are not in the postings: `search/t.js` lists each テーマ once with
    /// its directives.
    fn fields(&self) -> [(Vec<char>, u32); 2] {
        let mut title = normalize(&self.title);
        title.truncate(TITLE_SPAN as usize - 1);
        [(title, 0), (normalize(&self.body), TITLE_SPAN)]
    }
}

/// Where each sub-item's paragraph starts in the plain text, in UTF-16 units (what
/// JavaScript string offsets count).
fn sub_item_offsets(body: &str, d: &Directive) -> Vec<(usize, u32)> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in body.split_inclusive('\n') {
        let mut chars = line.chars();
        if let Some(first) = chars.next()
            && let Some(s) = d
                .sub_items
                .iter()
                .find(|s| circled_digit(s.number) == Some(first))
            && out.iter().all(|&(_, n)| n != s.number)
        {
            let utf16 = body[..line_start].encode_utf16().count();
            out.push((utf16, s.number));
        }
        line_start += line.len();
    }
    out
}

/// One directive's tokens, grouped for encoding.
#[derive(Default)]
struct DocPostings {
    /// CJK character → count, occurs in the caption; each character once.
    unigrams: Vec<(char, u32, bool)>,
    /// (bigram, position), grouped: each bigram's positions are a run, ascending.
    bigrams: Vec<(CharKey, u32)>,
    /// (word, position), sorted: each word's positions are a run, ascending.
    words: Vec<(Box<str>, u32)>,
}

impl DocPostings {
    fn of(doc: &SearchDoc) -> DocPostings {
        GROUPING.with(|grouping| grouping.borrow_mut().postings(doc))
    }
}

thread_local! {
    static GROUPING: std::cell::RefCell<Grouping> = std::cell::RefCell::default();
}

/// A bigram occurrence by the ranks of its two characters (see [`Grouping`]), with its
/// position.
type RankedBigram = (u32, u32, u32);

/// Groups one directive's occurrences by counting instead of sorting them. Each distinct
/// character of the directive gets a dense number, its rank (in order of first
/// appearance); unigrams are then counted in an array by rank, and bigram occurrences are
/// put in order of their two ranks by two stable counting passes, which keeps each
/// bigram's positions ascending. A directive has a few hundred distinct characters and a
/// thousand or so occurrences: counting is several times cheaper than sorting them. The
/// buffers are kept per thread and reused.
#[derive(Default)]
struct Grouping {
    /// Per character of the Basic Multilingual Plane (where policy text lives): its rank
    /// plus one in the current directive, or 0. 256 KB per thread, made once, cleared
    /// after each directive through `chars`.
    slots: Vec<u32>,
    /// The same for the characters beyond it.
    astral: FxHashMap<char, u32>,
    /// The characters ranked so far, by rank.
    chars: Vec<char>,
    /// The rank of each character of the field being scanned.
    ranks: Vec<u32>,
    /// Unigram occurrences as `rank << 1 | in caption`.
    unigrams: Vec<u32>,
    bigrams: Vec<RankedBigram>,
    /// The other buffer of the counting passes.
    sorted: Vec<RankedBigram>,
    counts: Vec<u32>,
    in_title: Vec<bool>,
}

impl Grouping {
    /// Characters whose rank has a slot in [`Grouping::slots`].
    const SLOTS: usize = 0x1_0000;

    fn rank(&mut self, c: char) -> u32 {
        let slot = match self.slots.get_mut(c as usize) {
            Some(slot) => slot,
            None => self.astral.entry(c).or_insert(0),
        };
        if *slot == 0 {
            self.chars.push(c);
            *slot = self.chars.len() as u32;
        }
        *slot - 1
    }

    fn postings(&mut self, doc: &SearchDoc) -> DocPostings {
        if self.slots.is_empty() {
            self.slots = vec![0; Self::SLOTS];
        }
        let mut p = DocPostings::default();
        self.unigrams.clear();
        self.bigrams.clear();
        for (chars, base) in doc.fields() {
            self.ranks.clear();
            for &c in &chars {
                let rank = self.rank(c);
                self.ranks.push(rank);
            }
            let in_title = u32::from(base < TITLE_SPAN);
            let Grouping {
                ranks,
                unigrams,
                bigrams,
                ..
            } = self;
            scan(&chars, base, |token, pos| {
                let at = (pos - base) as usize;
                match token {
                    Scanned::Unigram(_) => unigrams.push(ranks[at] << 1 | in_title),
                    Scanned::Bigram(..) => bigrams.push((ranks[at], ranks[at + 1], pos)),
                    Scanned::Word(w) => p.words.push((w.iter().collect::<String>().into(), pos)),
                }
            });
        }
        let n = self.chars.len();
        self.counts.clear();
        self.counts.resize(n, 0);
        self.in_title.clear();
        self.in_title.resize(n, false);
        for &u in &self.unigrams {
            let rank = (u >> 1) as usize;
            self.counts[rank] += 1;
            self.in_title[rank] |= u & 1 == 1;
        }
        for (rank, &count) in self.counts.iter().enumerate() {
            if count > 0 {
                p.unigrams
                    .push((self.chars[rank], count, self.in_title[rank]));
            }
        }
        // By the second character's rank, then stably by the first's: grouped by bigram,
        // each bigram's occurrences still in text order.
        counting_pass(&self.bigrams, &mut self.sorted, &mut self.counts, n, |b| {
            b.1
        });
        counting_pass(&self.sorted, &mut self.bigrams, &mut self.counts, n, |b| {
            b.0
        });
        let chars = &self.chars;
        p.bigrams.extend(
            (self.bigrams.iter())
                .map(|&(a, b, pos)| (bigram_key(chars[a as usize], chars[b as usize]), pos)),
        );
        p.words.sort_unstable();
        for c in self.chars.drain(..) {
            if let Some(slot) = self.slots.get_mut(c as usize) {
                *slot = 0;
            }
        }
        self.astral.clear();
        p
    }
}

/// Stable counting sort of `from` into `into` by `key`, which is below `n`; `counts` is
/// scratch space.
fn counting_pass(
    from: &[RankedBigram],
    into: &mut Vec<RankedBigram>,
    counts: &mut Vec<u32>,
    n: usize,
    key: impl Fn(&RankedBigram) -> u32,
) {
    counts.clear();
    counts.resize(n + 1, 0);
    for b in from {
        counts[key(b) as usize + 1] += 1;
    }
    // counts[k]: where the occurrences with key k start.
    for k in 1..=n {
        counts[k] += counts[k - 1];
    }
    into.clear();
    into.resize(from.len(), (0, 0, 0));
    for b in from {
        let k = key(b) as usize;
        into[counts[k] as usize] = *b;
        counts[k] += 1;
    }
}

/// One directive's entry in the postings list of one token, before encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    /// A CJK character: how often it occurs, and whether in the caption.
    Unigram { count: u32, in_title: bool },
    /// A bigram or word: its positions, ascending.
    Positions(Vec<u32>),
}

impl DocPostings {
    /// Each token of the directive with its entry, by the token's text.
    fn entries(&self) -> BTreeMap<String, Entry> {
        let mut out = BTreeMap::new();
        for &(c, count, in_title) in &self.unigrams {
            out.insert(c.to_string(), Entry::Unigram { count, in_title });
        }
        for run in self.bigrams.chunk_by(|a, b| a.0 == b.0) {
            let positions = run.iter().map(|&(_, pos)| pos).collect();
            out.insert(char_key_text(run[0].0), Entry::Positions(positions));
        }
        for run in self.words.chunk_by(|a, b| a.0 == b.0) {
            let positions = run.iter().map(|&(_, pos)| pos).collect();
            out.insert(run[0].0.to_string(), Entry::Positions(positions));
        }
        out
    }
}

/// Whether a token's list holds unigram entries: the token is one CJK character.
fn is_unigram(token: &str) -> bool {
    let mut chars = token.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if class(c) == Class::Cjk)
}

/// Reads one encoded number of `list` at byte `at`: its value and where the next starts.
fn read_number(list: &[u8], mut at: usize) -> (u32, usize) {
    let (mut value, mut scale) = (0u32, 1u32);
    loop {
        let digit = DIGIT_VALUES[list[at] as usize] as u32;
        at += 1;
        if digit < BASE {
            return (value + digit * scale, at);
        }
        value += (digit - BASE) * scale;
        scale *= BASE;
    }
}

/// The value of each byte of [`DIGITS`].
const DIGIT_VALUES: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut i = 0;
    while i < DIGITS.len() {
        table[DIGITS[i] as usize] = i as u8;
        i += 1;
    }
    table
};

/// `list` (a token's encoded postings) with the entry of directive `doc` replaced by
/// `entry`, or removed when `entry` is `None`. The entry after it is re-encoded, as its
/// directive number is kept as the difference from the one before.
fn replace_entry(list: &str, unigram: bool, doc: u32, entry: Option<&Entry>) -> String {
    let bytes = list.as_bytes();
    // The entry at `at` is of directive `last` + its delta.
    let (mut at, mut last) = (0, 0u32);
    // Where the first entry of a directive ≥ `doc` starts, and that directive.
    let mut found = None;
    while at < bytes.len() {
        let (first, mut end) = read_number(bytes, at);
        let (delta, count) = if unigram {
            (first, 1)
        } else if first & 1 == 1 {
            let (count, next) = read_number(bytes, end);
            end = next;
            (first >> 1, count)
        } else {
            (first >> 1, 1)
        };
        for _ in 0..count {
            end = read_number(bytes, end).1;
        }
        let this = last + delta;
        if this >= doc {
            found = Some((this, end));
            break;
        }
        (at, last) = (end, this);
    }
    let mut out = Postings {
        last_doc: last,
        encoded: String::with_capacity(list.len() + 16),
    };
    out.encoded.push_str(&list[..at]);
    match entry {
        Some(Entry::Unigram { count, in_title }) => {
            out.start_doc(doc);
            encode_number(&mut out.encoded, count * 2 + u32::from(*in_title));
        }
        Some(Entry::Positions(positions)) => {
            out.add_positions(doc, positions.iter().copied(), positions.len());
        }
        None => {}
    }
    // The entry that follows, as (where it starts, the directive its first number counts
    // from): the found one if it is of a later directive, else the one after the
    // replaced entry.
    let next = match found {
        None => None,
        Some((this, _)) if this > doc => Some((at, last)),
        Some((_, end)) if end < bytes.len() => Some((end, doc)),
        Some(_) => None,
    };
    if let Some((start, base)) = next {
        out.append_entries(&list[start..], base, unigram);
    }
    out.encoded
}

/// Digits of the variable-length number encoding: printable ASCII without space, `"`,
/// `\`, `|` and `~`, so encoded postings sit in a JSON string unescaped and the shard
/// format can use the others as markers. The first 45 end a number, the other 45
/// continue it (least significant digit first).
const DIGITS: &[u8; 90] =
    b"!#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{}";
const BASE: u32 = 45;

pub fn encode_number(out: &mut String, mut v: u32) {
    while v >= BASE {
        out.push(DIGITS[(BASE + v % BASE) as usize] as char);
        v /= BASE;
    }
    out.push(DIGITS[v as usize] as char);
}

pub fn decode_numbers(s: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let (mut v, mut mul) = (0u32, 1u32);
    for b in s.bytes() {
        let d = DIGITS.iter().position(|&x| x == b).expect("encoded digit") as u32;
        if d >= BASE {
            v += (d - BASE) * mul;
            mul *= BASE;
        } else {
            out.push(v + d * mul);
            (v, mul) = (0, 1);
        }
    }
    out
}

/// A token's postings list, encoded as directives appear.
///
/// Unigrams: per directive `doc delta, count × 2 + in caption`. Bigrams and words: per
/// directive `doc delta × 2 + (count > 1)`, then `count` if above 1, then the first
/// position and the deltas to the next ones.
#[derive(Default)]
struct Postings {
    last_doc: u32,
    encoded: String,
}

impl Postings {
    fn start_doc(&mut self, doc: u32) {
        encode_number(&mut self.encoded, doc - self.last_doc);
        self.last_doc = doc;
    }

    /// A bigram's or word's entry for `doc`: its `count` positions, ascending.
    fn add_positions(&mut self, doc: u32, positions: impl Iterator<Item = u32>, count: usize) {
        let delta = doc - self.last_doc;
        self.last_doc = doc;
        let many = count > 1;
        encode_number(&mut self.encoded, delta * 2 + u32::from(many));
        if many {
            encode_number(&mut self.encoded, count as u32);
        }
        let mut last = 0;
        for pos in positions {
            encode_number(&mut self.encoded, pos - last);
            last = pos;
        }
    }

    /// Appends `later`, a list of the same token made from directives that all come
    /// after this list's: its first number counts its first directive from 0, and is
    /// encoded again to count from this list's last one.
    fn append(&mut self, later: Postings, unigram: bool) {
        self.append_entries(&later.encoded, 0, unigram);
        self.last_doc = later.last_doc;
    }

    /// Appends `entries` (encoded entries of this list's token, all of directives after
    /// this list's last one), whose first entry counts its directive from `base`: that
    /// first number is encoded again to count from this list's last directive. The
    /// caller sets `last_doc` to the directive of the last entry appended.
    fn append_entries(&mut self, entries: &str, base: u32, unigram: bool) {
        let (first, rest) = read_number(entries.as_bytes(), 0);
        let doc = base + if unigram { first } else { first >> 1 };
        let delta = doc - self.last_doc;
        let first = if unigram {
            delta
        } else {
            // The low bit says whether a count follows.
            delta * 2 + (first & 1)
        };
        encode_number(&mut self.encoded, first);
        self.encoded.push_str(&entries[rest..]);
    }
}

/// The postings lists of a range of directives: unigrams and bigrams by [`CharKey`],
/// words by text.
#[derive(Default)]
struct Lists {
    chars: FxHashMap<CharKey, Postings>,
    words: FxHashMap<Box<str>, Postings>,
}

impl Lists {
    /// The lists of the directives `first..` (`docs` in order).
    fn of(first: u32, docs: &[SearchDoc]) -> Lists {
        let mut lists = Lists::default();
        for (i, doc) in docs.iter().enumerate() {
            lists.add_doc(first + i as u32, &DocPostings::of(doc));
        }
        lists
    }

    /// Appends the postings of one directive to their lists.
    fn add_doc(&mut self, doc: u32, p: &DocPostings) {
        for &(c, count, in_title) in &p.unigrams {
            let list = self.chars.entry(c as CharKey).or_default();
            list.start_doc(doc);
            encode_number(&mut list.encoded, count * 2 + u32::from(in_title));
        }
        for run in p.bigrams.chunk_by(|a, b| a.0 == b.0) {
            let list = self.chars.entry(run[0].0).or_default();
            list.add_positions(doc, run.iter().map(|&(_, pos)| pos), run.len());
        }
        for run in p.words.chunk_by(|a, b| a.0 == b.0) {
            let list = match self.words.get_mut(&run[0].0) {
                Some(list) => list,
                None => self.words.entry(run[0].0.clone()).or_default(),
            };
            list.add_positions(doc, run.iter().map(|&(_, pos)| pos), run.len());
        }
    }

    /// Appends the lists of `later`, made of directives that all come after this one's.
    fn append(&mut self, later: Lists) {
        append_lists(&mut self.chars, later.chars, |&key| key & BIGRAM_FLAG == 0);
        append_lists(&mut self.words, later.words, |_| false);
    }
}

/// Appends each list of `later` to the list of the same token in `lists` (or takes it
/// as it is); `unigram` tells which tokens' lists are unigram lists.
fn append_lists<K: std::hash::Hash + Eq>(
    lists: &mut FxHashMap<K, Postings>,
    later: FxHashMap<K, Postings>,
    unigram: impl Fn(&K) -> bool,
) {
    for (key, list) in later {
        let unigram = unigram(&key);
        match lists.entry(key) {
            Slot::Vacant(slot) => {
                slot.insert(list);
            }
            Slot::Occupied(mut slot) => slot.get_mut().append(list, unigram),
        }
    }
}

/// The bytes a token's postings list takes in a shard (about: the token, its list and a
/// separator or two); none for an empty list, which no shard holds.
fn list_bytes(token: &str, list: &str) -> usize {
    if list.is_empty() {
        0
    } else {
        token.len() + list.len() + 2
    }
}

/// The shard of a token, computed the same way in `static/search.js`.
pub fn shard_of(key: &str, shards: u32) -> u32 {
    token_hash(key) % shards
}

/// FNV-1a over UTF-16 code units.
fn token_hash(key: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for unit in key.encode_utf16() {
        h ^= unit as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// A token's encoded postings list (see [`Postings`]), with the token's hash: an edit
/// remakes a few hundred shards, and finding their tokens among all hundreds of
/// thousands should not mean hashing every token again.
#[derive(Debug, Clone, PartialEq, Eq)]
struct List {
    encoded: String,
    /// [`token_hash`] of the token.
    hash: u32,
}

impl List {
    fn new(token: &str, encoded: String) -> List {
        List {
            encoded,
            hash: token_hash(token),
        }
    }
}

/// Whether a token is a Latin word or number (listed in `w.js`).
fn is_word(token: &str) -> bool {
    token.chars().all(|c| class(c) == Class::Word)
}

/// Sizes of a built index, for reports and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexStats {
    pub shards: u32,
    pub chunks: u32,
    pub docs_per_chunk: u32,
    pub postings_bytes: usize,
    pub text_bytes: usize,
}

/// Builds the index of every directive of the site as files under `search/`.
pub fn index_files(site: &Site) -> Vec<OutputFile> {
    Index::of_site(site).files().0
}

/// Builds the index of `docs` (in policy order).
pub fn build(docs: &[SearchDoc]) -> (Vec<OutputFile>, IndexStats) {
    Index::new(docs.to_vec()).files()
}

/// A site's search index before it is written out: kept by a serve session, so that an
/// edit of some directives' text replaces just their entries ([`Index::update`]).
pub struct Index {
    /// The directives' searchable fields, in policy order.
    docs: Vec<SearchDoc>,
    /// Each token's encoded postings list (see [`Postings`]), by the token's text.
    lists: BTreeMap<String, List>,
    /// The size of the lists as shards hold them ([`list_bytes`] of each), kept as
    /// lists change: it sets the number of shards.
    postings_bytes: usize,
    /// Set once [`Index::changed_files`] made the files: how, and what changed since.
    made: Option<Made>,
}

/// The layout of the files [`Index::changed_files`] made last, and the changes since,
/// so that it makes again only the files those changes touch.
struct Made {
    shards: u32,
    docs_per_chunk: usize,
    /// The length of each directive's record: how many go in a chunk depends on them.
    record_lens: Vec<usize>,
    /// Tokens whose postings list changed since.
    tokens: BTreeSet<String>,
    /// Directives (indices) whose fields changed since.
    docs: BTreeSet<usize>,
    /// Whether a Latin word appeared or vanished since (`w.js` changed).
    words: bool,
    /// Whether a directive's テーマ changed since (`t.js` changed).
    themes: bool,
}

impl Made {
    fn new(shards: u32, docs_per_chunk: usize, record_lens: Vec<usize>) -> Made {
        Made {
            shards,
            docs_per_chunk,
            record_lens,
            tokens: BTreeSet::new(),
            docs: BTreeSet::new(),
            words: false,
            themes: false,
        }
    }
}

impl Index {
    /// The index of every directive of `site`.
    pub fn of_site(site: &Site) -> Index {
        Index::new(search_docs(site))
    }

    /// The index of `docs` (in policy order).
    pub fn new(docs: Vec<SearchDoc>) -> Index {
        // Each piece of the directives gets its own lists, tokenised and encoded by one
        // thread in policy order; then neighbouring pieces' lists are joined, in order
        // (rayon's `reduce` keeps the order of an indexed iterator), also in parallel.
        // Four pieces per thread, so that a thread done early takes another.
        let per_piece = docs.len().div_ceil(rayon::current_num_threads() * 4).max(1);
        let building = (docs.par_chunks(per_piece).enumerate())
            .map(|(k, piece)| Lists::of((k * per_piece) as u32, piece))
            .reduce(Lists::default, |mut earlier, later| {
                earlier.append(later);
                earlier
            });
        let lists: BTreeMap<String, List> = (building.chars.into_iter())
            .map(|(k, l)| (char_key_text(k), l))
            .chain(building.words.into_iter().map(|(k, l)| (k.into(), l)))
            .map(|(k, l)| {
                let list = List::new(&k, l.encoded);
                (k, list)
            })
            .collect();
        let postings_bytes = lists.iter().map(|(k, l)| list_bytes(k, &l.encoded)).sum();
        Index {
            docs,
            lists,
            postings_bytes,
            made: None,
        }
    }

    /// Brings the index up to date with `site` after only the text (caption or body) of
    /// the `edited` directives (indices) changed: their entries are replaced in the lists
    /// of the tokens they had or have; nothing else is tokenised again. The result is
    /// the index a clean build makes. `false` (index unchanged) when the site has
    /// another number of directives: build a new index then.
    pub fn update(&mut self, site: &Site, edited: &[usize]) -> bool {
        if self.docs.len() != site.directives.len() {
            return false;
        }
        for &i in edited {
            self.replace_doc(i, SearchDoc::new(site, &site.directives[i]));
        }
        true
    }

    /// Replaces the fields of directive `i` (an index into the docs) by `doc`.
    fn replace_doc(&mut self, i: usize, doc: SearchDoc) {
        if doc == self.docs[i] {
            return;
        }
        let (old, new) = rayon::join(
            || DocPostings::of(&self.docs[i]).entries(),
            || DocPostings::of(&doc).entries(),
        );
        let tokens: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
        // The lists of the tokens whose entry changed, taken out, then replaced in
        // parallel: finding the directive's place in a long list means reading it.
        let taken: Vec<(&String, Option<List>)> = (tokens.into_iter())
            .filter(|&token| old.get(token) != new.get(token))
            .map(|token| (token, self.lists.remove(token)))
            .collect();
        let replaced: Vec<(&String, Option<List>, List)> = (taken.into_par_iter())
            .map(|(token, list)| {
                let (encoded, hash) = match &list {
                    Some(list) => (list.encoded.as_str(), list.hash),
                    None => ("", token_hash(token)),
                };
                let entry = new.get(token);
                let encoded = replace_entry(encoded, is_unigram(token), i as u32, entry);
                (token, list, List { encoded, hash })
            })
            .collect();
        for (token, before, after) in replaced {
            let was_there = before.is_some();
            if let Some(before) = before {
                self.postings_bytes -= list_bytes(token, &before.encoded);
            }
            self.postings_bytes += list_bytes(token, &after.encoded);
            let is_there = !after.encoded.is_empty();
            if is_there {
                self.lists.insert(token.clone(), after);
            }
            if let Some(made) = &mut self.made {
                made.tokens.insert(token.clone());
                made.words |= was_there != is_there && is_word(token);
            }
        }
        if let Some(made) = &mut self.made {
            made.docs.insert(i);
            made.themes |= doc.themes != self.docs[i].themes;
        }
        self.docs[i] = doc;
    }

    /// The files that changed since this method was last called: all of them the first
    /// time, or when the number of shards or of directives per chunk changed; otherwise
    /// the shards holding a changed postings list, the chunks holding a changed
    /// directive, and the small files. Files not returned are as they were.
    pub fn changed_files(&mut self) -> Vec<OutputFile> {
        let shards = self.shard_count();
        if let Some(made) = self.made.take()
            && made.shards == shards
        {
            let Made {
                mut record_lens,
                tokens,
                docs: changed_docs,
                words,
                themes,
                ..
            } = made;
            let records: BTreeMap<usize, String> = changed_docs
                .iter()
                .map(|&i| (i, record(&self.docs[i])))
                .collect();
            for (&i, r) in &records {
                record_lens[i] = r.len();
            }
            let docs_per_chunk = docs_per_chunk(&record_lens);
            if docs_per_chunk == made.docs_per_chunk {
                let mut dirty = vec![false; shards as usize];
                for token in &tokens {
                    let hash = self.lists.get(token).map(|l| l.hash);
                    let hash = hash.unwrap_or_else(|| token_hash(token));
                    dirty[(hash % shards) as usize] = true;
                }
                let mut files = self.shard_files(shards, &dirty);
                let chunks: BTreeSet<usize> = records.keys().map(|&i| i / docs_per_chunk).collect();
                for chunk in chunks {
                    let from = chunk * docs_per_chunk;
                    let to = (from + docs_per_chunk).min(self.docs.len());
                    let texts: Vec<String> = (from..to)
                        .map(|i| {
                            records
                                .get(&i)
                                .cloned()
                                .unwrap_or_else(|| record(&self.docs[i]))
                        })
                        .collect();
                    files.push(chunk_file(chunk, &texts));
                }
                // `index.js` is as it was: the same directives, shards and chunks.
                if themes {
                    files.push(self.themes_file());
                }
                if words {
                    files.push(self.words_file());
                }
                self.made = Some(Made::new(shards, docs_per_chunk, record_lens));
                return files;
            }
        }
        let (files, stats, record_lens) = self.all_files();
        self.made = Some(Made::new(
            shards,
            stats.docs_per_chunk as usize,
            record_lens,
        ));
        files
    }

    /// How many shards the postings lists are split into.
    fn shard_count(&self) -> u32 {
        self.postings_bytes.div_ceil(SHARD_TARGET).max(1) as u32
    }

    /// The files of the shards `i` (of `shards`) for which `wanted[i]`.
    fn shard_files(&self, shards: u32, wanted: &[bool]) -> Vec<OutputFile> {
        self.emit_shard_files(shards, wanted, &|file| file)
    }

    /// [`Index::shard_files`], each file passed to `emit` as soon as it is made.
    fn emit_shard_files<R: Send>(
        &self,
        shards: u32,
        wanted: &[bool],
        emit: &(impl Fn(OutputFile) -> R + Sync),
    ) -> Vec<R> {
        let mut by_shard: Vec<Vec<(&str, &str)>> = vec![Vec::new(); shards as usize];
        // In token order, as a shard lists them.
        for (key, list) in &self.lists {
            let i = (list.hash % shards) as usize;
            if wanted[i] {
                by_shard[i].push((key, &list.encoded));
            }
        }
        (by_shard.par_iter().enumerate())
            .filter(|&(i, _)| wanted[i])
            .map(|(i, shard)| emit(shard_file(i, shard)))
            .collect()
    }

    /// `t.js` (テーマ), `w.js` (Latin words) and `index.js` (the layout).
    fn small_files(&self, shards: u32, docs_per_chunk: usize) -> Vec<OutputFile> {
        vec![
            self.themes_file(),
            self.words_file(),
            self.layout_file(shards, docs_per_chunk),
        ]
    }

    /// `t.js`: each テーマ with its directives.
    fn themes_file(&self) -> OutputFile {
        script(
            format!("{INDEX_DIR}/t.js"),
            &format!(
                "hoshinSearch.themes({});\n",
                serde_json::to_string(&theme_lists(&self.docs)).expect("strings serialize")
            ),
        )
    }

    /// `w.js`: every Latin word and number, sorted, for prefix matching ("lin" finds
    /// LINE).
    fn words_file(&self) -> OutputFile {
        let words: Vec<&str> = (self.lists.keys())
            .map(|k| k.as_str())
            .filter(|k| is_word(k))
            .collect();
        script(
            format!("{INDEX_DIR}/w.js"),
            &format!(
                "hoshinSearch.words({});\n",
                serde_json::to_string(&words.join(" ")).expect("strings serialize")
            ),
        )
    }

    /// `index.js`: the layout of the index.
    fn layout_file(&self, shards: u32, docs_per_chunk: usize) -> OutputFile {
        let docs = &self.docs;
        let meta = serde_json::json!({
            "version": FORMAT_VERSION,
            "docs": docs.len(),
            "shards": shards,
            "docsPerChunk": docs_per_chunk,
            "titleSpan": TITLE_SPAN,
            "directiveUrl": directive_url("{id}"),
        });
        script(
            format!("{INDEX_DIR}/index.js"),
            &format!("hoshinSearch.init({meta});\n"),
        )
    }

    /// The files of the index, with its sizes.
    pub fn files(&self) -> (Vec<OutputFile>, IndexStats) {
        let (files, stats, _) = self.all_files();
        (files, stats)
    }

    /// [`Index::files`], and the length of each directive's record.
    fn all_files(&self) -> (Vec<OutputFile>, IndexStats, Vec<usize>) {
        self.emit_all_files(&|file| file)
    }

    /// Makes every file of the index, in parallel, passing each to `emit` as soon as it
    /// is made, so that a build writes them out without holding them all (some 45 MB at
    /// 10,000 directives). Returns what `emit` returned, the index's sizes and the
    /// length of each directive's record.
    fn emit_all_files<R: Send>(
        &self,
        emit: &(impl Fn(OutputFile) -> R + Sync),
    ) -> (Vec<R>, IndexStats, Vec<usize>) {
        let (mut made, docs_per_chunk, lens) = emit_chunk_files(&self.docs, emit);
        let (postings, shards) = self.emit_postings_files(docs_per_chunk, emit);
        made.extend(postings);
        let stats = IndexStats {
            shards,
            chunks: self.docs.len().div_ceil(docs_per_chunk) as u32,
            docs_per_chunk: docs_per_chunk as u32,
            postings_bytes: self.postings_bytes,
            text_bytes: lens.iter().sum(),
        };
        (made, stats, lens)
    }

    /// The shard files and the small files (`t.js`, `w.js`, `index.js`), passed to
    /// `emit` as they are made; what `emit` returned, and the number of shards.
    fn emit_postings_files<R: Send>(
        &self,
        docs_per_chunk: usize,
        emit: &(impl Fn(OutputFile) -> R + Sync),
    ) -> (Vec<R>, u32) {
        let shards = self.shard_count();
        let mut made = self.emit_shard_files(shards, &vec![true; shards as usize], emit);
        made.extend(
            self.small_files(shards, docs_per_chunk)
                .into_iter()
                .map(emit),
        );
        (made, shards)
    }
}

/// The chunk files of `docs` (their records, in policy order), each passed to `emit` as
/// soon as it is made; what `emit` returned, how many records go in a chunk, and the
/// length of each record.
fn emit_chunk_files<R: Send>(
    docs: &[SearchDoc],
    emit: &(impl Fn(OutputFile) -> R + Sync),
) -> (Vec<R>, usize, Vec<usize>) {
    let records: Vec<String> = docs.par_iter().map(record).collect();
    let lens: Vec<usize> = records.iter().map(String::len).collect();
    let docs_per_chunk = docs_per_chunk(&lens);
    let made = (records.par_chunks(docs_per_chunk).enumerate())
        .map(|(i, chunk)| emit(chunk_file(i, chunk)))
        .collect();
    (made, docs_per_chunk, lens)
}

/// Builds the index of every directive of the site and passes each of its files to
/// `emit` as soon as it is made; returns what `emit` returned, in no particular order.
///
/// The directives' records (their text, some 25 MB at 10,000 directives) are made,
/// passed on and dropped before the postings lists are built, so that a build never
/// holds both.
pub fn emit_index_files<R: Send>(site: &Site, emit: impl Fn(OutputFile) -> R + Sync) -> Vec<R> {
    let docs = search_docs(site);
    let (mut made, docs_per_chunk, _) = emit_chunk_files(&docs, &emit);
    let (postings, _) = Index::new(docs).emit_postings_files(docs_per_chunk, &emit);
    made.extend(postings);
    made
}

/// The searchable fields of every directive of `site`, in policy order.
fn search_docs(site: &Site) -> Vec<SearchDoc> {
    site.directives
        .par_iter()
        .map(|d| SearchDoc::new(site, d))
        .collect()
}

/// The file of shard `i`: `hoshinSearch.shard(i,"…");` with the [`shard_text`] as a
/// JSON string. Shard texts hold nothing to escape (postings digits avoid `"` and `\`,
/// tokens are letters), so the text is written straight into the file and checked once
/// (a few times faster than escaping, which matters when an edit remakes hundreds of
/// shards); should it ever hold such a character, it is escaped as `serde_json` does.
fn shard_file(i: usize, shard: &[(&str, &str)]) -> OutputFile {
    let mut text = format!("hoshinSearch.shard({i},\"");
    let start = text.len();
    shard_text_into(&mut text, shard);
    if needs_json_escape(&text.as_bytes()[start..]) {
        let escaped = serde_json::to_string(&text[start..]).expect("strings serialize");
        text.truncate(start - 1);
        text.push_str(&escaped);
    } else {
        text.push('"');
    }
    text.push_str(");\n");
    OutputFile {
        path: format!("{INDEX_DIR}/s{i}.js"),
        bytes: text.into_bytes(),
    }
}

/// Whether `bytes` hold a character a JSON string must escape (`serde_json` escapes
/// exactly these). Without an early exit, so that it runs over many bytes at once.
fn needs_json_escape(bytes: &[u8]) -> bool {
    bytes.iter().fold(false, |found, &b| {
        found | (b < 0x20) | (b == b'"') | (b == b'\\')
    })
}

/// A directive's record: what a result shows (id, citation, caption, text, sub-items).
fn record(d: &SearchDoc) -> String {
    serde_json::to_string(&(&d.id, &d.citation, &d.title, &d.body, &d.sub_items))
        .expect("strings serialize")
}

/// How many records go in a chunk file, given every record's length.
fn docs_per_chunk(record_lens: &[usize]) -> usize {
    let average = record_lens.iter().sum::<usize>() / record_lens.len().max(1);
    (CHUNK_TARGET / average.max(1)).max(1)
}

/// The file of chunk `i`, holding `records`.
fn chunk_file(i: usize, records: &[String]) -> OutputFile {
    // Assembled in one buffer of the final size: the chunks together hold every
    // directive's text (some 30 MB at 10,000 directives), which joining the records and
    // formatting the file copied three times.
    let head = format!("hoshinSearch.docs({i},[");
    let tail = "]);\n";
    let len = head.len() + records.iter().map(|r| r.len() + 1).sum::<usize>() + tail.len();
    let mut bytes = Vec::with_capacity(len);
    bytes.extend_from_slice(head.as_bytes());
    for (k, record) in records.iter().enumerate() {
        if k > 0 {
            bytes.push(b',');
        }
        bytes.extend_from_slice(record.as_bytes());
    }
    bytes.extend_from_slice(tail.as_bytes());
    OutputFile {
        path: format!("{INDEX_DIR}/d{i}.js"),
        bytes,
    }
}

/// The text of one shard, sorted by token. Tokens and postings contain no spaces and
/// postings no `|` or `~`:
/// - `~` + a CJK character + its unigram postings;
/// - `|` + one character + postings: a bigram whose first character is the first
///   character of the closest `~` or ` ` entry before it;
/// - ` ` + any other token + ` ` + postings.
#[cfg(test)]
fn shard_text(shard: &[(&str, &str)]) -> String {
    let mut text = String::new();
    shard_text_into(&mut text, shard);
    text
}

/// Appends the [`shard_text`] of `shard` (tokens and their postings, sorted by token)
/// to `text`.
fn shard_text_into(text: &mut String, shard: &[(&str, &str)]) {
    let mut lead: Option<char> = None;
    for (key, encoded) in shard {
        let mut chars = key.chars();
        let (first, second, rest) = (chars.next(), chars.next(), chars.next());
        match (first, second, rest) {
            (Some(c), None, None) if class(c) == Class::Cjk => {
                text.push('~');
                text.push(c);
                lead = Some(c);
            }
            (Some(c), Some(d), None) if lead == Some(c) && key_is_bigram(c, d) => {
                text.push('|');
                text.push(d);
            }
            _ => {
                text.push(' ');
                text.push_str(key);
                text.push(' ');
                lead = first;
            }
        }
        text.push_str(encoded);
    }
}

fn key_is_bigram(a: char, b: char) -> bool {
    class(a) == Class::Cjk || class(b) == Class::Cjk
}

/// Each テーマ's name with its directives (delta-encoded), in order of first use:
/// `[[name, postings], …]`. The directive records do not repeat the names.
fn theme_lists(docs: &[SearchDoc]) -> Vec<(String, String)> {
    let mut names: Vec<&str> = Vec::new();
    let mut lists: Vec<(String, String, u32)> = Vec::new();
    for (doc, d) in docs.iter().enumerate() {
        for name in d.themes.split('、').filter(|n| !n.is_empty()) {
            let i = match names.iter().position(|n| *n == name) {
                Some(i) => i,
                None => {
                    names.push(name);
                    lists.push((name.to_string(), String::new(), 0));
                    names.len() - 1
                }
            };
            let (_, encoded, last) = &mut lists[i];
            encode_number(encoded, doc as u32 - *last);
            *last = doc as u32;
        }
    }
    lists.into_iter().map(|(n, e, _)| (n, e)).collect()
}

fn script(path: String, text: &str) -> OutputFile {
    OutputFile {
        path,
        bytes: text.as_bytes().to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalize(s).into_iter().collect()
    }

    /// A small deterministic generator of directive text with many shared tokens.
    fn text(seed: &mut u64, words: usize) -> String {
        const PIECES: [&str; 12] = [
            "市民",
            "の",
            "サービス",
            "向上",
            "を",
            "図る",
            "デジタル",
            "DX",
            "2026",
            "line",
            "、",
            "推進",
        ];
        let mut out = String::new();
        for _ in 0..words {
            *seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            out.push_str(PIECES[(*seed >> 33) as usize % PIECES.len()]);
            if (*seed >> 20).is_multiple_of(7) {
                out.push(' ');
            }
        }
        out
    }

    fn random_doc(seed: &mut u64, id: usize) -> SearchDoc {
        SearchDoc {
            id: format!("1-{id}"),
            citation: format!("1({id})"),
            title: text(seed, 3),
            body: text(seed, (*seed % 40) as usize).into(),
            // テーマ that change with edits.
            themes: ["", "防災", "防災、デジタル", "子育て"][(*seed >> 40) as usize % 4].into(),
            sub_items: Vec::new(),
        }
    }

    /// Lists made piece by piece and joined hold the same bytes as lists made of all the
    /// directives in one go: a piece's first entry is encoded again, counted from the
    /// last directive before it (with large gaps, so that the number takes more digits).
    #[test]
    fn lists_of_pieces_join_into_the_lists_of_the_whole() {
        fn flat(lists: Lists) -> BTreeMap<String, (String, u32)> {
            let chars = (lists.chars.into_iter()).map(|(k, l)| (char_key_text(k), l));
            let words = (lists.words.into_iter()).map(|(k, l)| (k.into(), l));
            chars
                .chain(words)
                .map(|(k, l)| (k, (l.encoded, l.last_doc)))
                .collect()
        }
        let mut seed = 11;
        let docs: Vec<SearchDoc> = (0..60).map(|i| random_doc(&mut seed, i)).collect();
        let whole = flat(Lists::of(0, &docs));
        assert!(whole.len() > 20, "{} lists", whole.len());
        for cuts in [vec![30], vec![1, 2, 59], vec![7, 8, 9, 40], vec![0, 60]] {
            let mut bounds = vec![0];
            bounds.extend(&cuts);
            bounds.push(docs.len());
            let mut joined = Lists::default();
            for w in bounds.windows(2) {
                joined.append(Lists::of(w[0] as u32, &docs[w[0]..w[1]]));
            }
            assert_eq!(flat(joined), whole, "cut at {cuts:?}");
        }
        // Directive numbers far apart: the re-encoded first number has more digits.
        let far = |first: u32| Lists::of(first, &docs[..3]);
        let mut joined = far(0);
        joined.append(far(5_000));
        joined.append(far(300_000));
        let mut expected = Lists::of(0, &docs[..3]);
        for first in [5_000, 300_000] {
            for (i, doc) in docs[..3].iter().enumerate() {
                expected.add_doc(first + i as u32, &DocPostings::of(doc));
            }
        }
        assert_eq!(flat(joined), flat(expected));
    }

    /// Replacing directives' entries one at a time gives, list for list and file for
    /// file, the index built anew: first, last and middle directives, tokens that appear
    /// and vanish, empty texts.
    #[test]
    fn replacing_a_directive_equals_building_anew() {
        let mut seed = 7;
        let mut docs: Vec<SearchDoc> = (0..12).map(|i| random_doc(&mut seed, i)).collect();
        let mut index = Index::new(docs.clone());
        // The files as a serve session keeps them: all at first, then the changed ones.
        let mut kept: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        let keep = |kept: &mut BTreeMap<String, Vec<u8>>, files: Vec<OutputFile>| {
            for f in files {
                kept.insert(f.path, f.bytes);
            }
        };
        keep(&mut kept, index.changed_files());
        for round in 0..300 {
            let i = [0, 11, round % 12, (round * 5) % 12][round % 4];
            let mut next = random_doc(&mut seed, i);
            if round % 17 == 0 {
                next.body = "".into();
                next.title.clear();
            }
            // A Latin word no other directive has: it appears, and vanishes when this
            // directive is replaced again.
            if round % 5 == 0 {
                next.body = format!("{} zz{round}", next.body).into();
            }
            docs[i] = next.clone();
            index.replace_doc(i, next);
            let fresh = Index::new(docs.clone());
            assert_eq!(index.lists, fresh.lists, "round {round}, directive {i}");
            assert_eq!(index.postings_bytes, fresh.postings_bytes, "round {round}");
            let (a, b) = (index.files().0, fresh.files().0);
            assert!(a == b, "round {round}: files differ");
            if round % 3 != 0 {
                // Changes of several rounds gathered before the files are made again.
                keep(&mut kept, index.changed_files());
                let fresh: BTreeMap<String, Vec<u8>> =
                    b.into_iter().map(|f| (f.path, f.bytes)).collect();
                assert!(kept == fresh, "round {round}: changed files miss a change");
            }
        }
    }

    /// The files a session keeps, updated with only [`Index::changed_files`] after each
    /// edit, equal the files of the index built anew: on an index of many shards and
    /// chunks, where most edits touch some of each.
    #[test]
    fn changed_files_follow_edits_across_shards_and_chunks() {
        let mut seed = 11u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let mut doc = |id: usize| {
            let len = 150 + next(150) as usize;
            let body: String = (0..len)
                .map(|_| char::from_u32(0x4E00 + next(3000) as u32).unwrap())
                .collect();
            SearchDoc {
                id: format!("1-{id}"),
                citation: format!("1({id})"),
                title: format!("見出し{id}"),
                body: body.into(),
                themes: String::new(),
                sub_items: Vec::new(),
            }
        };
        let mut docs: Vec<SearchDoc> = (0..200).map(&mut doc).collect();
        let mut index = Index::new(docs.clone());
        let (all, stats) = index.files();
        assert!(stats.shards > 5 && stats.chunks > 5, "{stats:?}");
        let mut kept: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        let mut partial = 0;
        for round in 0..40 {
            let changed = index.changed_files();
            partial += usize::from(changed.len() < all.len());
            kept.extend(changed.into_iter().map(|f| (f.path, f.bytes)));
            let fresh: BTreeMap<String, Vec<u8>> = Index::new(docs.clone())
                .files()
                .0
                .into_iter()
                .map(|f| (f.path, f.bytes))
                .collect();
            assert!(
                kept == fresh,
                "round {round}: kept files differ from a fresh index"
            );
            let i = (round * 37) % docs.len();
            docs[i] = doc(i);
            index.replace_doc(i, docs[i].clone());
        }
        assert!(partial > 20, "only {partial} rounds made part of the files");
    }

    /// The fast paths of [`plain`], [`class`] and [`is_joiner`] agree with the general
    /// rules for every character they cover.
    #[test]
    fn fast_paths_agree_with_the_general_rules() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(
                is_joiner(c),
                is_combining_mark(c) || c == '\u{FF9E}' || c == '\u{FF9F}',
                "is_joiner({c:?})"
            );
            let general = if c.is_whitespace() {
                Class::Space
            } else if is_enclosed_number(c) {
                Class::Sep
            } else if c.is_alphanumeric() {
                if (c as u32) < 0x2E80 {
                    Class::Word
                } else {
                    Class::Cjk
                }
            } else {
                Class::Sep
            };
            assert_eq!(class(c), general, "class({c:?})");
            if let Some(fast) = plain(c) {
                let slow: Vec<char> = c
                    .to_string()
                    .nfkc()
                    .flat_map(char::to_lowercase)
                    .filter(|&x| x != '・')
                    .map(|x| if x.is_whitespace() { ' ' } else { x })
                    .collect();
                assert_eq!(vec![fast], slow, "plain({c:?})");
            }
        }
    }

    #[test]
    fn normalisation_folds_width_case_and_kana() {
        assert_eq!(norm("ＢＰＲ"), "bpr");
        assert_eq!(norm("ｶﾀｶﾅ"), "カタカナ");
        assert_eq!(norm("ｶﾞｲﾄﾞ"), "ガイド");
        assert_eq!(norm("令和８年度"), "令和8年度");
        assert_eq!(norm("ＬＩＮＥ 公式"), "line公式");
        assert_eq!(norm("Plan　Do  Check"), "plan do check");
        assert_eq!(norm("ワーク・ライフ・バランス"), "ワークライフバランス");
        assert_eq!(norm("ﾜｰｸ･ﾗｲﾌ"), "ワークライフ");
        // Sub-item markers stay separators instead of becoming digits.
        assert_eq!(norm("①BPR"), "①bpr");
    }

    /// Issue #8: a voiced sound mark left behind by a dropped 「・」 or space, or after a
    /// character whose lower case is two characters, made a second pass change the text.
    #[test]
    fn normalisation_is_idempotent_on_marks_after_dropped_characters() {
        assert_eq!(norm("サ・\u{3099}"), "サ");
        assert_eq!(norm("ｳ\u{3000}\u{3099}"), "ウ");
        assert_eq!(norm("カ゛"), "カ", "゛ is a space and U+3099 for NFKC");
        assert_eq!(norm("\u{3099}ア"), "ア");
        assert_eq!(norm("İ\u{3099}"), "i\u{3099}\u{307}");
        for t in [
            "İ\u{3099}",
            "サ・\u{3099}",
            "ｳ\u{3000}\u{3099}",
            "a ´b",
            "x\u{85}\u{301}",
        ] {
            let once = norm(t);
            assert_eq!(norm(&once), once, "{t:?}");
        }
    }

    /// Every character of planes 0, 1 and 14 and the CJK compatibility ideographs (plane
    /// 2 is otherwise unified ideographs, 3 to 13 unassigned, 15 and 16 private use), in
    /// contexts that exercise marks after it, marks it can carry, 「・」, upper case and
    /// spaces: normalising twice changes nothing.
    #[test]
    fn normalisation_is_idempotent_for_every_character() {
        let planes = (0..0x2_0000)
            .chain(0x2_F800..0x2_FA20)
            .chain(0xE_0000..0xE_1000);
        for c in planes.filter_map(char::from_u32) {
            let t = format!("サ{c}\u{3099}・{c}\u{301}A{c} {c}İ");
            let once = norm(&t);
            assert_eq!(norm(&once), once, "U+{:04X} in {t:?}", c as u32);
        }
    }

    /// The cases in `tests/fixtures/search/normalize.json`, which the browser test
    /// (`tests/browser/search.test.mjs`) runs through `static/search.js`: the index is
    /// built here and queried there, so the two must give the same characters.
    /// `HOSHIN_BLESS=1 cargo test normalisation_matches` rewrites the expected values.
    #[test]
    fn normalisation_matches_the_fixture_shared_with_search_js() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/search/normalize.json");
        let text = std::fs::read_to_string(&path).unwrap();
        let mut fixture: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut wrong = Vec::new();
        for case in fixture["cases"].as_array_mut().unwrap() {
            let input = case["input"].as_str().unwrap().to_string();
            let got = norm(&input);
            assert_eq!(norm(&got), got, "idempotent on {input:?}");
            if case["expected"] != got.as_str() {
                wrong.push(format!("{input:?}: {} ≠ {got:?}", case["expected"]));
                case["expected"] = got.into();
            }
        }
        for sweep in fixture["sweeps"].as_array_mut().unwrap() {
            let input = sweep_input(
                sweep["from"].as_u64().unwrap(),
                sweep["to"].as_u64().unwrap(),
            );
            let got = norm(&input);
            if sweep["expected"] != got.as_str() {
                wrong.push(format!("sweep {} to {}", sweep["from"], sweep["to"]));
                sweep["expected"] = got.into();
            }
        }
        if std::env::var_os("HOSHIN_BLESS").is_some() {
            let json = serde_json::to_string_pretty(&fixture).unwrap() + "\n";
            std::fs::write(&path, json).unwrap();
        } else {
            assert!(
                wrong.is_empty(),
                "normalize disagrees with {} (HOSHIN_BLESS=1 rewrites it, then the browser \
                 test checks search.js against it):\n{}",
                path.display(),
                wrong.join("\n")
            );
        }
    }

    /// The input of a sweep of the fixture: each character from `from` to `to` (code
    /// points, surrogates skipped) as `A` + it + U+3099 + 「・」. search.test.mjs builds
    /// the same.
    fn sweep_input(from: u64, to: u64) -> String {
        (from..=to)
            .filter_map(|cp| char::from_u32(cp as u32))
            .flat_map(|c| ['A', c, '\u{3099}', '・'])
            .collect()
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        fn s(chars: &[char]) -> String {
            chars.iter().collect()
        }

        /// Text mixing the forms editors type: full- and half-width Latin and katakana,
        /// combining marks, circled digits, 「・」, all kinds of spaces, and characters
        /// whose NFKC or lower case is more than one character.
        fn text() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                "[a-zA-Z0-9 ]{1,4}",
                "[Ａ-Ｚａ-ｚ０-９]{1,4}",
                "[ｦ-ﾟ]{1,4}",
                "[ァ-ヶ]{1,3}",
                "[一-龯]{1,3}",
                "[\u{300}-\u{36F}\u{3099}\u{309A}]{1,2}",
                Just("゛".to_string()),
                Just("・".to_string()),
                Just("①".to_string()),
                Just("\u{3000}".to_string()),
                Just("\u{A0}".to_string()),
                Just("\u{85}".to_string()),
                Just("\t\n".to_string()),
                Just("ﬁ".to_string()),
                Just("İ".to_string()),
                Just("ẞ".to_string()),
                Just("㍻".to_string()),
                Just("´".to_string()),
                any::<char>().prop_map(String::from),
            ];
            prop::collection::vec(piece, 0..12).prop_map(|p| p.concat())
        }

        /// `normalize` by its definition: the clusters found in a collected character
        /// vector, every one folded (no fast path), spaces always filtered in a second
        /// pass. The one-pass version with its fast paths must give the same.
        fn normalize_by_clusters(text: &str) -> Vec<char> {
            let chars: Vec<char> = text.chars().collect();
            let mut raw = Vec::new();
            let mut i = 0;
            while i < chars.len() {
                let start = i;
                i += 1;
                while i < chars.len() && is_joiner(chars[i]) {
                    i += 1;
                }
                if is_enclosed_number(chars[start]) {
                    raw.push(chars[start]);
                    continue;
                }
                push_folded(&chars[start..i], &mut raw);
            }
            keep_word_spaces(&raw)
        }

        /// Each token's entry for `doc`, straight from the scanner: what
        /// [`DocPostings::of`] must group the occurrences into.
        fn entries_by_definition(doc: &SearchDoc) -> BTreeMap<String, Entry> {
            let mut out: BTreeMap<String, Entry> = BTreeMap::new();
            for (chars, base) in doc.fields() {
                scan(&chars, base, |token, pos| {
                    let (key, unigram) = match token {
                        Scanned::Unigram(c) => (c.to_string(), true),
                        Scanned::Bigram(a, b) => ([a, b].iter().collect(), false),
                        Scanned::Word(w) => (w.iter().collect(), false),
                    };
                    let empty = if unigram {
                        Entry::Unigram {
                            count: 0,
                            in_title: false,
                        }
                    } else {
                        Entry::Positions(Vec::new())
                    };
                    match out.entry(key).or_insert(empty) {
                        Entry::Unigram { count, in_title } => {
                            *count += 1;
                            *in_title |= base < TITLE_SPAN;
                        }
                        Entry::Positions(positions) => positions.push(pos),
                    }
                });
            }
            out
        }

        /// Whether every key of `list` forms one run.
        fn grouped<K: PartialEq, V>(list: &[(K, V)]) -> bool {
            let runs = list.chunk_by(|a, b| a.0 == b.0).collect::<Vec<_>>();
            (0..runs.len()).all(|i| (i + 1..runs.len()).all(|j| runs[i][0].0 != runs[j][0].0))
        }

        /// Characters beyond the Basic Multilingual Plane (𠮷, a kanji of family names)
        /// are ranked in a map, which must be cleared between directives like the table.
        #[test]
        fn doc_postings_rank_astral_characters_afresh_for_each_directive() {
            for (title, body) in [("𠮷田の方針", "𠮷田と𩸽"), ("方針", "𩸽と田𠮷、𠮷")]
            {
                let doc = doc("1-1", title, body);
                assert_eq!(
                    DocPostings::of(&doc).entries(),
                    entries_by_definition(&doc),
                    "{title} / {body}"
                );
            }
        }

        proptest! {
            /// Counting by rank groups the occurrences as the scanner defines them, one
            /// directive after another on the same thread (the buffers are reused).
            #[test]
            fn doc_postings_group_every_occurrence(
                docs in prop::collection::vec((text(), text()), 1..4)
            ) {
                for (title, body) in &docs {
                    let doc = doc("1-1", title, body);
                    let postings = DocPostings::of(&doc);
                    prop_assert!(grouped(&postings.bigrams), "bigrams in one run each");
                    prop_assert!(grouped(&postings.words), "words in one run each");
                    let chars: Vec<char> = postings.unigrams.iter().map(|u| u.0).collect();
                    let distinct: BTreeSet<char> = chars.iter().copied().collect();
                    prop_assert_eq!(distinct.len(), chars.len(), "each unigram once");
                    prop_assert_eq!(postings.entries(), entries_by_definition(&doc));
                }
            }

            #[test]
            fn normalize_equals_the_cluster_by_cluster_steps(t in text()) {
                prop_assert_eq!(normalize(&t), normalize_by_clusters(&t));
            }

            #[test]
            fn normalize_equals_the_cluster_by_cluster_steps_on_any_string(t in any::<String>()) {
                prop_assert_eq!(normalize(&t), normalize_by_clusters(&t));
            }

            #[test]
            fn normalize_is_idempotent(t in text()) {
                let once = normalize(&t);
                prop_assert_eq!(normalize(&s(&once)), once);
            }

            #[test]
            fn json_escapes_are_found_as_serde_json_finds_them(t in any::<String>()) {
                let escaped = serde_json::to_string(&t).unwrap();
                prop_assert_eq!(needs_json_escape(t.as_bytes()), escaped.len() != t.len() + 2);
            }

            #[test]
            fn normalize_is_idempotent_on_any_string(t in any::<String>()) {
                let once = normalize(&t);
                prop_assert_eq!(normalize(&s(&once)), once);
            }

            /// The only space left is one plain space between two Latin words: none
            /// leading, trailing or doubled, no other white space, no 「・」.
            #[test]
            fn spaces_only_between_latin_words(t in text()) {
                let out = normalize(&t);
                for (i, &c) in out.iter().enumerate() {
                    prop_assert!(c == ' ' || !c.is_whitespace(), "{:?} in {:?}", c, s(&out));
                    prop_assert!(c != '・', "{:?}", s(&out));
                    if c == ' ' {
                        prop_assert!(i > 0 && class(out[i - 1]) == Class::Word, "{:?}", s(&out));
                        prop_assert!(
                            out.get(i + 1).is_some_and(|&n| class(n) == Class::Word),
                            "{:?}",
                            s(&out)
                        );
                    }
                }
            }

            /// A combining mark is always carried by the character before it, never by
            /// a space, and never starts the text.
            #[test]
            fn marks_follow_a_character(t in text()) {
                let out = normalize(&t);
                for (i, &c) in out.iter().enumerate() {
                    if is_joiner(c) {
                        prop_assert!(i > 0 && out[i - 1] != ' ', "{:?}", s(&out));
                    }
                }
            }

            /// Lower case throughout, apart from the circled numbers kept as they are.
            #[test]
            fn output_is_lower_case(t in text()) {
                for c in normalize(&t) {
                    if !is_enclosed_number(c) {
                        prop_assert!(c.to_lowercase().eq([c]), "{:?} from {:?}", c, t);
                    }
                }
            }

            #[test]
            fn ascii_case_does_not_matter(t in text()) {
                prop_assert_eq!(
                    normalize(&t.to_ascii_uppercase()),
                    normalize(&t.to_ascii_lowercase())
                );
            }

            #[test]
            fn full_width_is_half_width_lower_case(t in "[A-Za-z0-9]{1,16}") {
                let full: String = t
                    .chars()
                    .map(|c| char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap())
                    .collect();
                let lower: Vec<char> = t.to_lowercase().chars().collect();
                prop_assert_eq!(normalize(&full), lower.clone());
                prop_assert_eq!(normalize(&t), lower);
            }
        }
    }

    #[test]
    fn tokens_are_cjk_unigrams_bigrams_and_latin_words() {
        let tokens = tokenize(&normalize("生成AIの活用、BPR 2"), 0);
        let words: Vec<&Token> = tokens
            .iter()
            .filter(|t| matches!(t, Token::Word(..)))
            .collect();
        assert_eq!(
            words,
            [
                &Token::Word("ai".into(), 2),
                &Token::Word("bpr".into(), 8),
                &Token::Word("2".into(), 12)
            ]
        );
        let bigrams: Vec<(&str, u32)> = tokens
            .iter()
            .filter_map(|t| match t {
                Token::Bigram(k, p) => Some((k.as_str(), *p)),
                _ => None,
            })
            .collect();
        // No bigram across 「、」 and none inside a Latin word.
        assert_eq!(
            bigrams,
            [
                ("生成", 0),
                ("成a", 1),
                ("iの", 3),
                ("の活", 4),
                ("活用", 5)
            ]
        );
        assert!(tokens.contains(&Token::Unigram('活')));
        assert_eq!(
            tokenize(&normalize("課"), 0),
            [Token::Unigram('課')],
            "a lone character is still found"
        );
    }

    /// A shard file is `hoshinSearch.shard(i, <the shard text as serde_json writes it>);`
    /// whatever its tokens hold.
    #[test]
    fn shard_files_hold_the_shard_text_as_a_json_string() {
        for key in [
            "市",
            "市民",
            "word",
            "say\"hi\"",
            "a\\b",
            "tab\there",
            "\u{1}",
        ] {
            let mut shard = vec![(key, "!#"), ("民", "3z")];
            shard.sort();
            let expected = format!(
                "hoshinSearch.shard(7,{});\n",
                serde_json::to_string(&shard_text(&shard)).unwrap()
            );
            let file = shard_file(7, &shard);
            assert_eq!(String::from_utf8(file.bytes).unwrap(), expected, "{key:?}");
            assert_eq!(file.path, "search/s7.js");
        }
        let digits = std::str::from_utf8(DIGITS).unwrap();
        assert!(!needs_json_escape(digits.as_bytes()));
    }

    #[test]
    fn numbers_round_trip_through_the_encoding() {
        let mut s = String::new();
        let values = [0, 1, 44, 45, 2024, 2025, 91_124, 1_000_000, u32::MAX / 2];
        for v in values {
            encode_number(&mut s, v);
        }
        assert!(!s.contains(['"', '\\', ' ', '|', '~']));
        assert_eq!(decode_numbers(&s), values);
    }

    fn doc(id: &str, title: &str, body: &str) -> SearchDoc {
        SearchDoc {
            id: id.into(),
            citation: id.into(),
            title: title.into(),
            body: body.into(),
            themes: String::new(),
            sub_items: vec![],
        }
    }

    /// Decodes the postings of `key` from built shard files: doc → positions.
    fn postings(files: &[OutputFile], stats: IndexStats, key: &str) -> Vec<(u32, Vec<u32>)> {
        let shard = shard_of(key, stats.shards);
        let file = files
            .iter()
            .find(|f| f.path == format!("search/s{shard}.js"))
            .unwrap();
        let text = std::str::from_utf8(&file.bytes).unwrap();
        let json = text
            .trim_start_matches(&format!("hoshinSearch.shard({shard},"))
            .trim_end()
            .trim_end_matches(");");
        let text: String = serde_json::from_str(json).unwrap();
        let Some(enc) = parse_shard(&text).remove(key) else {
            return vec![];
        };
        let nums = decode_numbers(&enc);
        let mut out = Vec::new();
        let (mut i, mut doc) = (0, 0);
        while i < nums.len() {
            doc += nums[i] / 2;
            let n = if nums[i] % 2 == 1 {
                i += 1;
                nums[i] as usize
            } else {
                1
            };
            let mut pos = 0;
            let mut list = Vec::new();
            for d in &nums[i + 1..i + 1 + n] {
                pos += d;
                list.push(pos);
            }
            out.push((doc, list));
            i += 1 + n;
        }
        out
    }

    /// Reads the shard format back: token → encoded postings.
    fn parse_shard(text: &str) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        let mut chars = text.chars().peekable();
        let mut lead = None;
        while let Some(marker) = chars.next() {
            let key: String = match marker {
                '~' | '|' => {
                    let c = chars.next().unwrap();
                    if marker == '~' {
                        lead = Some(c);
                        c.to_string()
                    } else {
                        [lead.unwrap(), c].iter().collect()
                    }
                }
                _ => {
                    let key: String = chars.by_ref().take_while(|&c| c != ' ').collect();
                    lead = key.chars().next();
                    key
                }
            };
            let mut enc = String::new();
            while let Some(&c) = chars.peek() {
                if matches!(c, '~' | '|' | ' ') {
                    break;
                }
                enc.push(c);
                chars.next();
            }
            out.insert(key, enc);
        }
        out
    }

    #[test]
    fn postings_record_caption_and_body_positions() {
        let docs = [
            doc("1-1", "個人情報の管理", "個人情報を守る。個人情報"),
            doc("1-2", "窓口", "LINE 公式アカウントと個人"),
        ];
        let (files, stats) = build(&docs);
        assert_eq!(
            postings(&files, stats, "個人"),
            [
                (0, vec![0, TITLE_SPAN, TITLE_SPAN + 8]),
                (1, vec![TITLE_SPAN + 12])
            ]
        );
        assert_eq!(postings(&files, stats, "line"), [(1, vec![TITLE_SPAN])]);
        assert_eq!(postings(&files, stats, "情個"), []);
        assert!(files.iter().any(|f| f.path == "search/index.js"));
        let words = files.iter().find(|f| f.path == "search/w.js").unwrap();
        assert_eq!(words.bytes, b"hoshinSearch.words(\"line\");\n");
        assert!(files.iter().any(|f| f.path == "search/d0.js"));
    }

    /// The ranking rule the browser applies, stated over (caption hit, occurrences,
    /// policy order): checked here against postings built from real text.
    #[test]
    fn ranking_puts_caption_hits_first_then_occurrences_then_order() {
        let docs = [
            doc("1-1", "窓口", "ハラスメント"),
            doc("1-2", "窓口", "ハラスメント、ハラスメント"),
            doc("1-3", "ハラスメント防止", "職場"),
            doc("1-4", "窓口", "ハラスメント"),
        ];
        let (files, stats) = build(&docs);
        // Count exact matches of ハラスメント through chained bigram positions.
        let q = normalize("ハラスメント");
        let cover = [(0usize, "ハラ"), (2, "スメ"), (4, "ント")];
        let lists: Vec<_> = cover
            .iter()
            .map(|(_, k)| postings(&files, stats, k))
            .collect();
        assert_eq!(q.len(), 6);
        let mut hits: Vec<(bool, usize, u32)> = lists[0]
            .iter()
            .map(|(doc, starts)| {
                let matches: Vec<u32> = starts
                    .iter()
                    .copied()
                    .filter(|&p| {
                        cover.iter().zip(&lists).all(|((off, _), list)| {
                            list.iter()
                                .any(|(d, ps)| d == doc && ps.contains(&(p + *off as u32)))
                        })
                    })
                    .collect();
                (matches.iter().any(|&p| p < TITLE_SPAN), matches.len(), *doc)
            })
            .collect();
        hits.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let order: Vec<u32> = hits.iter().map(|h| h.2).collect();
        assert_eq!(order, [2, 1, 0, 3]);
    }

    #[test]
    fn scratch_dump_synthetic() {
        let mut seed = 5u64;
        let mut docs: Vec<SearchDoc> = (0..700).map(|i| random_doc(&mut seed, i)).collect();
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for id in 0..300 {
            let len = 150 + next(400) as usize;
            let body: String = (0..len)
                .map(|_| match next(10) {
                    0 => '𠮷',
                    1 => 'x',
                    2 => '"',
                    3 => '\n',
                    _ => char::from_u32(0x4E00 + next(3000) as u32).unwrap(),
                })
                .collect();
            docs.push(SearchDoc {
                id: format!("2-{id}"),
                citation: format!("2({id})"),
                title: format!("見出し{id} Title"),
                body: body.into(),
                themes: ["", "防災", "防災、デジタル", "子育て"][id % 4].into(),
                sub_items: vec![(3, 1), (10, 2)],
            });
        }
        let dir = std::path::Path::new(&std::env::var("SCRATCH_OUT").unwrap()).to_path_buf();
        for f in build(&docs).0 {
            let path = dir.join(&f.path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, f.bytes).unwrap();
        }
    }
}
