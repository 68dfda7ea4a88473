//! The index files, all scripts calling `hoshinSearch` (see `static/search.js`): postings
//! shards `s<i>.js` (by a token hash the browser computes too), directive text chunks `d<i>.js`
//! (in policy order), the テーマ `t.js`, the Latin words `w.js` and the layout `index.js`.

use std::sync::Arc;

use rayon::prelude::*;

use super::postings::{PostingsMemo, encode_number};
use super::text::{Class, class};
use super::{FORMAT_VERSION, INDEX_DIR, SearchDoc, TITLE_SPAN};
use crate::memo::{self, Shared};
use crate::page::{OutputFile, directive_url};

/// Aimed-at size of one postings shard.
const SHARD_TARGET: usize = 48 * 1024;
/// Aimed-at size of one chunk of directive text.
const CHUNK_TARGET: usize = 16 * 1024;

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

/// How many shards the postings `lists` are split into: enough for each to hold about
/// [`SHARD_TARGET`] bytes (per list: its token, the list and a separator or two).
pub(super) fn shard_count(lists: &[(String, String)]) -> u32 {
    let bytes: usize = lists.iter().map(|(k, l)| k.len() + l.len() + 2).sum();
    bytes.div_ceil(SHARD_TARGET).max(1) as u32
}

/// The shard files of `lists` (sorted by token), each passed to `emit` once made; its results.
pub(super) fn emit_shard_files<R: Send>(
    lists: &[(String, String)],
    shards: u32,
    emit: &(impl Fn(OutputFile) -> R + Sync),
) -> Vec<R> {
    let mut by_shard: Vec<Vec<(&str, &str)>> = vec![Vec::new(); shards as usize];
    // In token order, as a shard lists them.
    for (key, list) in lists {
        by_shard[shard_of(key, shards) as usize].push((key, list));
    }
    (by_shard.par_iter().enumerate())
        .map(|(i, shard)| emit(shard_file(i, shard)))
        .collect()
}

/// Shard `i`'s file: `hoshinSearch.shard(i,"…");` with the [`shard_text_into`] as a JSON string.
/// Shard text needs no escaping (postings digits avoid `"` and `\`, tokens are letters), so it
/// is written as is and checked once (faster); should it ever, it is escaped as `serde_json` does.
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
        bytes: text.into_bytes().into(),
    }
}

/// Whether `bytes` need JSON escaping (as `serde_json` does); no early exit, so it vectorises.
fn needs_json_escape(bytes: &[u8]) -> bool {
    bytes.iter().fold(false, |found, &b| {
        found | (b < 0x20) | (b == b'"') | (b == b'\\')
    })
}

/// Appends the text of one shard (tokens and their postings, sorted by token) to `text`.
/// Tokens and postings contain no spaces and postings no `|` or `~`:
/// - `~` + a CJK character + its unigram postings;
/// - `|` + one character + postings: a bigram whose first character is the first
///   character of the closest `~` or ` ` entry before it;
/// - ` ` + any other token + ` ` + postings.
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
            (Some(c), Some(d), None)
                if lead == Some(c) && (class(c) == Class::Cjk || class(d) == Class::Cjk) =>
            {
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

/// Chunk files of `docs`' records (policy order) passed to `emit`; its results, records per chunk.
pub(super) fn emit_chunk_files<R: Send>(
    docs: &[SearchDoc],
    emit: &(impl Fn(OutputFile) -> R + Sync),
    memo: Option<&PostingsMemo>,
) -> (Vec<R>, usize) {
    let records: Vec<Arc<str>> = docs.par_iter().map(|d| record(d, memo)).collect();
    // As many as fit in [`CHUNK_TARGET`] bytes, by the records' average length.
    let average = records.iter().map(|r| r.len()).sum::<usize>() / records.len().max(1);
    let docs_per_chunk = (CHUNK_TARGET / average.max(1)).max(1);
    let made = (records.par_chunks(docs_per_chunk).enumerate())
        .map(|(i, chunk)| emit(chunk_file(i, chunk)))
        .collect();
    (made, docs_per_chunk)
}

/// A directive's record: what a result shows (id, citation, caption, text, sub-items); the
/// last build's if those are the same.
fn record(d: &SearchDoc, memo: Option<&PostingsMemo>) -> Arc<str> {
    let same = |(citation, title, body, sub_items): &(_, _, Shared, _)| {
        *citation == d.citation && *title == d.title && *body == d.body && *sub_items == d.sub_items
    };
    memo::reuse_or_make(
        memo.map(|m| &m.records),
        || d.id.clone(),
        same,
        || {
            let fields = (&d.id, &d.citation, &d.title, &*d.body, &d.sub_items);
            let record = serde_json::to_string(&fields).expect("strings serialize");
            let inputs = (
                d.citation.clone(),
                d.title.clone(),
                d.body.clone(),
                d.sub_items.clone(),
            );
            (inputs, record.into())
        },
    )
}

/// The file of chunk `i`, holding `records`.
fn chunk_file(i: usize, records: &[Arc<str>]) -> OutputFile {
    // One buffer of the final size: chunks hold all directive text (~30 MB at 10,000 directives).
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
        bytes: bytes.into(),
    }
}

/// `t.js`: each テーマ's name with its directives (delta-encoded), in order of first use:
/// `[[name, postings], …]`. The directive records do not repeat the names.
pub(super) fn themes_file(docs: &[SearchDoc]) -> OutputFile {
    // (name, encoded directives, last directive)
    let mut lists: Vec<(&str, String, u32)> = Vec::new();
    for (doc, d) in docs.iter().enumerate() {
        for name in d.themes.split('、').filter(|n| !n.is_empty()) {
            let i = match lists.iter().position(|l| l.0 == name) {
                Some(i) => i,
                None => {
                    lists.push((name, String::new(), 0));
                    lists.len() - 1
                }
            };
            let (_, encoded, last) = &mut lists[i];
            encode_number(encoded, doc as u32 - *last);
            *last = doc as u32;
        }
    }
    let lists: Vec<(&str, String)> = lists.into_iter().map(|(n, e, _)| (n, e)).collect();
    let json = serde_json::to_string(&lists).expect("strings serialize");
    script("t.js", format!("hoshinSearch.themes({json});\n"))
}

/// `w.js`: every Latin word and number among `lists`' tokens (sorted), for prefix matching.
pub(super) fn words_file(lists: &[(String, String)]) -> OutputFile {
    let words: Vec<&str> = (lists.iter())
        .map(|(k, _)| k.as_str())
        .filter(|k| k.chars().all(|c| class(c) == Class::Word))
        .collect();
    let json = serde_json::to_string(&words.join(" ")).expect("strings serialize");
    script("w.js", format!("hoshinSearch.words({json});\n"))
}

/// `index.js`: the layout of the index.
pub(super) fn layout_file(docs: usize, shards: u32, docs_per_chunk: usize) -> OutputFile {
    let meta = serde_json::json!({
        "version": FORMAT_VERSION,
        "docs": docs,
        "shards": shards,
        "docsPerChunk": docs_per_chunk,
        "titleSpan": TITLE_SPAN,
        "directiveUrl": directive_url("{id}"),
    });
    script("index.js", format!("hoshinSearch.init({meta});\n"))
}

fn script(name: &str, text: String) -> OutputFile {
    OutputFile {
        path: format!("{INDEX_DIR}/{name}"),
        bytes: text.into_bytes().into(),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

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
            let mut text = String::new();
            shard_text_into(&mut text, &shard);
            let expected = format!(
                "hoshinSearch.shard(7,{});\n",
                serde_json::to_string(&text).unwrap()
            );
            let file = shard_file(7, &shard);
            assert_eq!(
                String::from_utf8(file.bytes.to_vec()).unwrap(),
                expected,
                "{key:?}"
            );
            assert_eq!(file.path, "search/s7.js");
        }
        let mut digits = String::new();
        for v in 0..90 * 45 {
            encode_number(&mut digits, v);
        }
        assert!(!needs_json_escape(digits.as_bytes()));
    }

    proptest! {
        #[test]
        fn json_escapes_are_found_as_serde_json_finds_them(t in any::<String>()) {
            let escaped = serde_json::to_string(&t).unwrap();
            prop_assert_eq!(needs_json_escape(t.as_bytes()), escaped.len() != t.len() + 2);
        }
    }
}
