//! Postings lists: each token's directives and where in them it occurs, encoded as
//! printable ASCII so that a list sits in a JSON string unescaped. One directive's
//! occurrences are grouped by counting ([`Grouping`]); the lists of all directives are
//! built by pieces in parallel and joined in policy order.

use std::borrow::Borrow;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::text::{Scanned, scan};
use super::{SearchDoc, TITLE_SPAN};
use crate::memo::{self, Memo, Shared};

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

    /// [`DocPostings::of`], reusing the grouping kept in `memo` for a directive whose
    /// caption and text (all that is grouped) are the same.
    fn reusing(doc: &SearchDoc, memo: &PostingsMemo) -> Arc<DocPostings> {
        memo::reuse_or_make(
            Some(&memo.docs),
            || doc.id.clone(),
            |(title, body)| *title == doc.title && *body == doc.body,
            || {
                let inputs = (doc.title.clone(), doc.body.clone());
                (inputs, Arc::new(DocPostings::of(doc)))
            },
        )
    }
}

/// The search index's pieces from the last build (see [`crate::memo`]): each directive's
/// grouped tokens, by id; the lists of each piece of directives, by the piece's place.
#[derive(Default)]
pub struct PostingsMemo {
    docs: Memo<(String, Shared), Arc<DocPostings>>,
    pieces: Memo<(u32, Vec<Arc<DocPostings>>), Arc<Lists>>,
    /// Each directive's record in the text chunks ([`super::files`]), with the fields it shows.
    pub(super) records: RecordMemo,
}

/// Records of the last build by directive id, with the fields each shows (citation, caption,
/// text, sub-items): see `files::record`.
pub(super) type RecordMemo = Memo<(String, String, Shared, Vec<(usize, u32)>), Arc<str>>;

impl PostingsMemo {
    /// Ends a build: see [`Memo::end_build`].
    pub fn end_build(&mut self, succeeded: bool) {
        self.docs.end_build(succeeded);
        self.pieces.end_build(succeeded);
        self.records.end_build(succeeded);
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

/// Digits of the variable-length number encoding: printable ASCII without space, `"`,
/// `\`, `|` and `~`, so encoded postings sit in a JSON string unescaped and the shard
/// format can use the others as markers. The first 45 end a number, the other 45
/// continue it (least significant digit first).
const DIGITS: &[u8; 90] =
    b"!#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{}";
const BASE: u32 = 45;

/// Appends the encoding of `v` to `out`.
pub fn encode_number(out: &mut String, mut v: u32) {
    while v >= BASE {
        out.push(DIGITS[(BASE + v % BASE) as usize] as char);
        v /= BASE;
    }
    out.push(DIGITS[v as usize] as char);
}

/// The numbers encoded in `s`, one after another.
pub fn decode_numbers(mut s: &str) -> Vec<u32> {
    let mut out = Vec::new();
    while !s.is_empty() {
        let (v, len) = first_number(s);
        out.push(v);
        s = &s[len..];
    }
    out
}

/// The first number encoded in `s`, and how many bytes it takes.
fn first_number(s: &str) -> (u32, usize) {
    let (mut value, mut scale) = (0, 1);
    for (i, b) in s.bytes().enumerate() {
        let digit = digit_value(b);
        if digit < BASE {
            return (value + digit * scale, i + 1);
        }
        value += (digit - BASE) * scale;
        scale *= BASE;
    }
    panic!("no encoded number ends in {s:?}")
}

/// The place of a byte in [`DIGITS`]: its place in ASCII counted from `!`, less one for
/// each of `"`, `\` and `|` before it.
fn digit_value(b: u8) -> u32 {
    u32::from(b - b'!') - u32::from(b > b'"') - u32::from(b > b'\\') - u32::from(b > b'|')
}

/// A token's postings list, encoded as directives appear.
///
/// Unigrams: per directive `doc delta, count × 2 + in caption`. Bigrams and words: per
/// directive `doc delta × 2 + (count > 1)`, then `count` if above 1, then the first
/// position and the deltas to the next ones.
#[derive(Default, Clone)]
struct Postings {
    last_doc: u32,
    encoded: String,
}

impl Postings {
    /// A unigram's entry for `doc`.
    fn add_count(&mut self, doc: u32, count: u32, in_title: bool) {
        encode_number(&mut self.encoded, doc - self.last_doc);
        self.last_doc = doc;
        encode_number(&mut self.encoded, count * 2 + u32::from(in_title));
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

    /// Appends `later`, a list of the same token made of directives that all come after
    /// this list's. Its first number counts its first directive from 0 and is encoded
    /// again to count from this list's last one: that number is the directive
    /// (unigrams) or twice it plus a flag (bigrams and words), so it drops by once or
    /// twice this list's last directive.
    fn append(&mut self, later: Postings, unigram: bool) {
        let (first, len) = first_number(&later.encoded);
        let scale = if unigram { 1 } else { 2 };
        encode_number(&mut self.encoded, first - scale * self.last_doc);
        self.encoded.push_str(&later.encoded[len..]);
        self.last_doc = later.last_doc;
    }
}

/// The postings lists of a range of directives: unigrams and bigrams by [`CharKey`],
/// words by text.
#[derive(Default, Clone)]
struct Lists {
    chars: FxHashMap<CharKey, Postings>,
    words: FxHashMap<Box<str>, Postings>,
}

impl Lists {
    /// The lists of the directives `first..` (their grouped tokens `docs`, in order).
    fn of<D: Borrow<DocPostings>>(first: u32, docs: impl IntoIterator<Item = D>) -> Lists {
        let mut lists = Lists::default();
        for (i, doc) in docs.into_iter().enumerate() {
            lists.add_doc(first + i as u32, doc.borrow());
        }
        lists
    }

    /// [`Lists::of`], reusing the lists kept in `memo` for piece `k` when it was made of the
    /// same directives' tokens (the same allocations) at the same place.
    fn reusing(k: usize, first: u32, docs: &[Arc<DocPostings>], memo: &PostingsMemo) -> Lists {
        let lists = memo::reuse_or_make(
            Some(&memo.pieces),
            || k.to_string(),
            |(at, made)| {
                *at == first
                    && made.len() == docs.len()
                    && made.iter().zip(docs).all(|(a, b)| Arc::ptr_eq(a, b))
            },
            || {
                let lists = Lists::of(first, docs.iter().map(Arc::as_ref));
                ((first, docs.to_vec()), Arc::new(lists))
            },
        );
        (*lists).clone()
    }

    /// Appends the postings of one directive to their lists.
    fn add_doc(&mut self, doc: u32, p: &DocPostings) {
        for &(c, count, in_title) in &p.unigrams {
            (self.chars.entry(c as CharKey).or_default()).add_count(doc, count, in_title);
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
        match lists.get_mut(&key) {
            Some(earlier) => earlier.append(list, unigram),
            None => {
                lists.insert(key, list);
            }
        }
    }
}

/// Each token with its encoded postings list (see [`Postings`]) over `docs` (in policy
/// order), sorted by token.
pub(super) fn token_lists(
    docs: &[SearchDoc],
    memo: Option<&PostingsMemo>,
) -> Vec<(String, String)> {
    // Each piece of the directives gets its own lists, tokenised and encoded by one
    // thread in policy order; then neighbouring pieces' lists are joined, in order
    // (rayon's `reduce` keeps the order of an indexed iterator), also in parallel.
    // Four pieces per thread, so that a thread done early takes another.
    let per_piece = docs.len().div_ceil(rayon::current_num_threads() * 4).max(1);
    // A piece's tokens are grouped when the piece is made, so that a build holds the
    // groups of a few pieces at a time, not of every directive.
    let lists = (docs.par_chunks(per_piece).enumerate())
        .map(|(k, piece)| {
            let first = (k * per_piece) as u32;
            let Some(memo) = memo else {
                // Each directive's groups are dropped once added: a build holds few at a time.
                return Lists::of(first, piece.iter().map(DocPostings::of));
            };
            let grouped: Vec<Arc<DocPostings>> = (piece.iter())
                .map(|doc| DocPostings::reusing(doc, memo))
                .collect();
            Lists::reusing(k, first, &grouped, memo)
        })
        .reduce(Lists::default, |mut earlier, later| {
            earlier.append(later);
            earlier
        });
    let mut out: Vec<(String, String)> = (lists.chars.into_iter())
        .map(|(k, l)| (char_key_text(k), l.encoded))
        .chain(lists.words.into_iter().map(|(k, l)| (k.into(), l.encoded)))
        .collect();
    // Tokens are unique, so this sorts by token.
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use proptest::prelude::*;

    use super::*;
    use crate::search::tests::{doc, random_doc};
    use crate::search::text::tests::mixed_text;

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
        let grouped: Vec<Arc<DocPostings>> =
            docs.iter().map(|d| Arc::new(DocPostings::of(d))).collect();
        let whole = flat(Lists::of(0, grouped.iter().map(Arc::as_ref)));
        assert!(whole.len() > 20, "{} lists", whole.len());
        for cuts in [vec![30], vec![1, 2, 59], vec![7, 8, 9, 40], vec![0, 60]] {
            let mut bounds = vec![0];
            bounds.extend(&cuts);
            bounds.push(docs.len());
            let mut joined = Lists::default();
            for w in bounds.windows(2) {
                joined.append(Lists::of(
                    w[0] as u32,
                    grouped[w[0]..w[1]].iter().map(Arc::as_ref),
                ));
            }
            assert_eq!(flat(joined), whole, "cut at {cuts:?}");
        }
        // Directive numbers far apart: the re-encoded first number has more digits.
        let far = |first: u32| Lists::of(first, grouped[..3].iter().map(Arc::as_ref));
        let mut joined = far(0);
        joined.append(far(5_000));
        joined.append(far(300_000));
        let mut expected = Lists::of(0, grouped[..3].iter().map(Arc::as_ref));
        for first in [5_000, 300_000] {
            for (i, doc) in docs[..3].iter().enumerate() {
                expected.add_doc(first + i as u32, &DocPostings::of(doc));
            }
        }
        assert_eq!(flat(joined), flat(expected));
    }

    /// A token's occurrences in one directive: how often and whether in the caption (a
    /// unigram), or at which positions (a bigram or word).
    #[derive(Debug, PartialEq)]
    enum Occurs {
        Counted { count: u32, in_title: bool },
        At(Vec<u32>),
    }

    /// The occurrences [`DocPostings::of`] grouped, by token.
    fn occurrences(p: &DocPostings) -> BTreeMap<String, Occurs> {
        let mut out = BTreeMap::new();
        for &(c, count, in_title) in &p.unigrams {
            out.insert(c.to_string(), Occurs::Counted { count, in_title });
        }
        for run in p.bigrams.chunk_by(|a, b| a.0 == b.0) {
            let positions = run.iter().map(|&(_, pos)| pos).collect();
            out.insert(char_key_text(run[0].0), Occurs::At(positions));
        }
        for run in p.words.chunk_by(|a, b| a.0 == b.0) {
            let positions = run.iter().map(|&(_, pos)| pos).collect();
            out.insert(run[0].0.to_string(), Occurs::At(positions));
        }
        out
    }

    /// Each token's occurrences in `doc`, straight from the scanner: what
    /// [`DocPostings::of`] must group them into.
    fn occurrences_by_definition(doc: &SearchDoc) -> BTreeMap<String, Occurs> {
        let mut out: BTreeMap<String, Occurs> = BTreeMap::new();
        for (chars, base) in doc.fields() {
            scan(&chars, base, |token, pos| {
                let (key, unigram) = match token {
                    Scanned::Unigram(c) => (c.to_string(), true),
                    Scanned::Bigram(a, b) => ([a, b].iter().collect(), false),
                    Scanned::Word(w) => (w.iter().collect(), false),
                };
                let empty = if unigram {
                    Occurs::Counted {
                        count: 0,
                        in_title: false,
                    }
                } else {
                    Occurs::At(Vec::new())
                };
                match out.entry(key).or_insert(empty) {
                    Occurs::Counted { count, in_title } => {
                        *count += 1;
                        *in_title |= base < TITLE_SPAN;
                    }
                    Occurs::At(positions) => positions.push(pos),
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
                occurrences(&DocPostings::of(&doc)),
                occurrences_by_definition(&doc),
                "{title} / {body}"
            );
        }
    }

    proptest! {
        /// Counting by rank groups the occurrences as the scanner defines them, one
        /// directive after another on the same thread (the buffers are reused).
        #[test]
        fn doc_postings_group_every_occurrence(
            docs in prop::collection::vec((mixed_text(), mixed_text()), 1..4)
        ) {
            for (title, body) in &docs {
                let doc = doc("1-1", title, body);
                let postings = DocPostings::of(&doc);
                prop_assert!(grouped(&postings.bigrams), "bigrams in one run each");
                prop_assert!(grouped(&postings.words), "words in one run each");
                let chars: Vec<char> = postings.unigrams.iter().map(|u| u.0).collect();
                let distinct: BTreeSet<char> = chars.iter().copied().collect();
                prop_assert_eq!(distinct.len(), chars.len(), "each unigram once");
                prop_assert_eq!(occurrences(&postings), occurrences_by_definition(&doc));
            }
        }
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
        for (i, &b) in DIGITS.iter().enumerate() {
            assert_eq!(digit_value(b), i as u32, "{}", b as char);
        }
    }
}
