//! The full-text search index: from the resolved [`Site`] to script files that the browser
//! loads with `<script>` tags (so search works from `file://` and over HTTP, with no fetch).
//! Pure: model in, files out. Normalised text (`text`) is indexed as a unigram per CJK
//! character (per-directive counts), a bigram per adjacent pair with a CJK character, and a
//! whole-word token per Latin word or number; positions let the browser confirm an exact
//! substring without loading the text. Postings are sharded by token hash, so a query loads
//! only its tokens' shards; the directives' text (for snippets) is chunked in policy order,
//! loaded only for the hits shown. `static/search.js` is the other half.
//! `text` normalises and tokenises, `postings` builds and encodes the postings lists, `files`
//! lays them and the text out as files; this module holds the fields and joins the three.

mod files;
mod postings;
mod text;

pub use files::shard_of;
pub use postings::{PostingsMemo, decode_numbers, encode_number};
pub use text::{Class, Token, class, is_joiner, normalize, tokenize};

use rayon::prelude::*;

use crate::memo::Shared;
use crate::model::{Directive, Site, circled_digit};
use crate::page::OutputFile;

/// Folder of the index inside the built site.
pub const INDEX_DIR: &str = crate::page::SEARCH_INDEX_DIR;
/// Format version written into `search/index.js`.
pub const FORMAT_VERSION: u32 = 1;
/// Positions below this are the caption (indexed only up to this length); the body starts here.
pub const TITLE_SPAN: u32 = 512;

/// Builds the index of every directive, passing each file to `emit` as soon as it is made;
/// returns `emit`'s results in no order. With a `memo`, a directive's grouped tokens are
/// reused when its text is unchanged, and this build's are kept ([`crate::memo`]).
pub fn emit_index_files<R: Send>(
    site: &Site,
    emit: impl Fn(OutputFile) -> R + Sync,
    memo: Option<&PostingsMemo>,
) -> Vec<R> {
    let docs: Vec<SearchDoc> = (site.directives.par_iter())
        .map(|d| SearchDoc::new(site, d))
        .collect();
    emit_files(&docs, &emit, memo)
}

/// [`emit_index_files`] for fields `docs`, in policy order. The records (~25 MB of text at
/// 10,000 directives) are emitted and dropped before the postings are built: never both held.
fn emit_files<R: Send>(
    docs: &[SearchDoc],
    emit: &(impl Fn(OutputFile) -> R + Sync),
    memo: Option<&PostingsMemo>,
) -> Vec<R> {
    let (mut made, docs_per_chunk) = files::emit_chunk_files(docs, emit, memo);
    let lists = postings::token_lists(docs, memo);
    let shards = files::shard_count(&lists);
    made.extend(files::emit_shard_files(&lists, shards, emit));
    let small = [
        files::themes_file(docs),
        files::words_file(&lists),
        files::layout_file(docs.len(), shards, docs_per_chunk),
    ];
    made.extend(small.into_iter().map(emit));
    made
}

/// The searchable fields of a directive.
#[derive(Debug)]
struct SearchDoc {
    id: String,
    citation: String,
    title: String,
    /// Plain text, paragraphs separated by `\n` (the directive's, shared).
    body: Shared,
    /// The directive's テーマ names, joined by 「、」.
    themes: String,
    /// `(UTF-16 offset in body, number)` of each sub-item's paragraph.
    sub_items: Vec<(usize, u32)>,
}

impl SearchDoc {
    fn new(site: &Site, d: &Directive) -> SearchDoc {
        let body = d.plain_text.clone();
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

    /// The normalised fields with their start positions (テーマ names are in `search/t.js`, not here).
    fn fields(&self) -> [(Vec<char>, u32); 2] {
        let mut title = normalize(&self.title);
        title.truncate(TITLE_SPAN as usize - 1);
        [(title, 0), (normalize(&self.body), TITLE_SPAN)]
    }
}

/// Where each sub-item's paragraph starts in the plain text, in UTF-16 units (as JS counts).
fn sub_item_offsets(body: &str, d: &Directive) -> Vec<(usize, u32)> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in body.split_inclusive('\n') {
        if let Some(first) = line.chars().next()
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// A directive with these fields, no テーマ and no sub-items.
    pub(super) fn doc(id: &str, title: &str, body: &str) -> SearchDoc {
        SearchDoc {
            id: id.into(),
            citation: id.into(),
            title: title.into(),
            body: body.into(),
            themes: String::new(),
            sub_items: vec![],
        }
    }

    /// A small deterministic generator of directive text with many shared tokens.
    pub(super) fn random_text(seed: &mut u64, words: usize) -> String {
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

    pub(super) fn random_doc(seed: &mut u64, id: usize) -> SearchDoc {
        SearchDoc {
            id: format!("1-{id}"),
            citation: format!("1({id})"),
            title: random_text(seed, 3),
            body: random_text(seed, (*seed % 40) as usize).into(),
            // テーマ: none, one, or two shared with others.
            themes: ["", "防災", "防災、デジタル", "子育て"][(*seed >> 40) as usize % 4].into(),
            sub_items: Vec::new(),
        }
    }

    /// Decodes the postings of `key` from built files: doc → positions.
    fn postings(files: &[OutputFile], key: &str) -> Vec<(u32, Vec<u32>)> {
        let shards = files
            .iter()
            .filter(|f| f.path.starts_with("search/s"))
            .count();
        let shard = shard_of(key, shards as u32);
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
        let files = emit_files(&docs, &|file| file, None);
        assert_eq!(
            postings(&files, "個人"),
            [
                (0, vec![0, TITLE_SPAN, TITLE_SPAN + 8]),
                (1, vec![TITLE_SPAN + 12])
            ]
        );
        assert_eq!(postings(&files, "line"), [(1, vec![TITLE_SPAN])]);
        assert_eq!(postings(&files, "情個"), []);
        assert!(files.iter().any(|f| f.path == "search/index.js"));
        let words = files.iter().find(|f| f.path == "search/w.js").unwrap();
        assert_eq!(&words.bytes[..], b"hoshinSearch.words(\"line\");\n");
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
        let files = emit_files(&docs, &|file| file, None);
        // Count exact matches of ハラスメント through chained bigram positions.
        let q = normalize("ハラスメント");
        let cover = [(0usize, "ハラ"), (2, "スメ"), (4, "ント")];
        let lists: Vec<_> = cover.iter().map(|(_, k)| postings(&files, k)).collect();
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

    /// The files of an index of 1,000 generated directives (Latin words, テーマ,
    /// characters beyond the Basic Multilingual Plane, quotes, sub-items; 19 shards, 25
    /// chunks) keep the bytes they had when the index was last changed on purpose: the
    /// format is shared with `static/search.js`, so a refactoring must leave it alone. A
    /// change of the format changes this hash (FNV-1a over each file's path and bytes, by
    /// path) and, when `search.js` must follow, [`FORMAT_VERSION`].
    #[test]
    fn files_keep_their_bytes() {
        let mut seed = 5u64;
        let mut docs: Vec<SearchDoc> = (0..700).map(|i| random_doc(&mut seed, i)).collect();
        let mut next = |n: u64| {
            seed = (seed.wrapping_mul(6364136223846793005)).wrapping_add(1442695040888963407);
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
        let mut files = emit_files(&docs, &|file| file, None);
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for file in &files {
            for &b in file.path.as_bytes().iter().chain(file.bytes.iter()) {
                hash = (hash ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
            }
        }
        assert_eq!((files.len(), hash), (47, 0x369d_6e14_6d2c_ec2c));
    }
}
