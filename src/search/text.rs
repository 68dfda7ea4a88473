//! Search text: how the index and `static/search.js` see characters: [`normalize`], each
//! character's [`Class`], and [`scan`]'s tokens (a unigram per CJK character, a bigram per
//! adjacent pair with a CJK one, a whole-word token per Latin word or number).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

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

/// Combining and half-width voiced sound marks: joined to the character before (ｶﾞ → ガ).
pub fn is_joiner(c: char) -> bool {
    match c {
        // No combining mark is below U+0300 or among kanji and most kana.
        '\0'..='\u{2FF}' | '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{9FFF}' => false,
        '\u{FF9E}' | '\u{FF9F}' => true,
        _ => is_combining_mark(c),
    }
}

/// The normalised form of a lone character (no joiner follows) where NFKC and lower case are
/// trivial: ASCII letters and digits, kana, ー, unified kanji, common Japanese punctuation —
/// the bulk of policy text. A unit test checks each against the general path.
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

/// Normalises text for search: NFKC and lower case per character cluster, 「・」 dropped,
/// spaces dropped except one between two Latin words; `static/search.js` must agree.
/// Idempotent: a combining mark whose base is dropped (「・」, a space, none) goes too, or it
/// would join the character before on the next pass (「サ・\u{3099}」 → ザ); NFKC and lower
/// case repeat until the cluster is stable (「İ」 lowers to i + U+0307, NFKC-ordered after U+3099).
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

/// Appends `cluster` (a character and its joiners) folded to `raw`; whether it added a space.
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

/// Most rounds of NFKC and lower case after the first: a second is needed where lower case
/// undoes NFKC (İ + U+3099); none more is known in Unicode, the bound only ensures an end.
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
pub(super) enum Scanned<'t> {
    Unigram(char),
    Bigram(char, char),
    Word(&'t [char]),
}

/// Calls `f` with each token of `chars` and its position, in text order.
pub(super) fn scan<'t>(chars: &'t [char], base: u32, mut f: impl FnMut(Scanned<'t>, u32)) {
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

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use proptest::prelude::*;

    fn norm(s: &str) -> String {
        normalize(s).into_iter().collect()
    }

    fn s(chars: &[char]) -> String {
        chars.iter().collect()
    }

    /// Text mixing the forms editors type: full- and half-width Latin and katakana,
    /// combining marks, circled digits, 「・」, all kinds of spaces, and characters
    /// whose NFKC or lower case is more than one character.
    pub(in crate::search) fn mixed_text() -> impl Strategy<Value = String> {
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

    proptest! {
        #[test]
        fn normalize_equals_the_cluster_by_cluster_steps(t in mixed_text()) {
            prop_assert_eq!(normalize(&t), normalize_by_clusters(&t));
        }

        #[test]
        fn normalize_equals_the_cluster_by_cluster_steps_on_any_string(t in any::<String>()) {
            prop_assert_eq!(normalize(&t), normalize_by_clusters(&t));
        }

        #[test]
        fn normalize_is_idempotent(t in mixed_text()) {
            let once = normalize(&t);
            prop_assert_eq!(normalize(&s(&once)), once);
        }

        #[test]
        fn normalize_is_idempotent_on_any_string(t in any::<String>()) {
            let once = normalize(&t);
            prop_assert_eq!(normalize(&s(&once)), once);
        }

        /// The only space left is one plain space between two Latin words: none
        /// leading, trailing or doubled, no other white space, no 「・」.
        #[test]
        fn spaces_only_between_latin_words(t in mixed_text()) {
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
        fn marks_follow_a_character(t in mixed_text()) {
            let out = normalize(&t);
            for (i, &c) in out.iter().enumerate() {
                if is_joiner(c) {
                    prop_assert!(i > 0 && out[i - 1] != ' ', "{:?}", s(&out));
                }
            }
        }

        /// Lower case throughout, apart from the circled numbers kept as they are.
        #[test]
        fn output_is_lower_case(t in mixed_text()) {
            for c in normalize(&t) {
                if !is_enclosed_number(c) {
                    prop_assert!(c.to_lowercase().eq([c]), "{:?} from {:?}", c, t);
                }
            }
        }

        #[test]
        fn ascii_case_does_not_matter(t in mixed_text()) {
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
}
