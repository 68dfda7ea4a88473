//! The structure of a notice's text: its frame (date, addressee, issuer, title, preamble) and
//! its numbered chapters, directives and sub-items, found from the numbering forms Japanese
//! official documents use. Pure: blocks of text in, an [`Outline`] out.

use crate::model::circled_digit;

/// A notice as found in a document.
#[derive(Debug, Default)]
pub struct Outline {
    /// The date of issue, as written (和暦 or western).
    pub date: Option<String>,
    pub addressee: String,
    pub issuer: String,
    pub title: String,
    pub preamble: Vec<String>,
    pub chapters: Vec<Chapter>,
    /// Text it could not place, with why.
    pub unplaced: Vec<(String, String)>,
    /// Sub-item numbers written as ① though the document numbered them otherwise.
    pub renumbered_sub_items: bool,
}

#[derive(Debug, Default)]
pub struct Chapter {
    pub number: u32,
    pub title: String,
    /// Paragraphs between the chapter's heading and its first directive.
    pub intro: Vec<String>,
    pub directives: Vec<Directive>,
}

#[derive(Debug, Default)]
pub struct Directive {
    pub number: u32,
    /// The heading the document gives the directive, if any.
    pub heading: Option<String>,
    /// Markdown paragraphs: sub-items as `①…`, deeper items as list items.
    pub body: Vec<String>,
    pub sub_items: usize,
}

/// A numbering form. The outermost form found numbers chapters, the next directives, the
/// next sub-items; deeper ones become nested lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// 第1, 第１, 第一
    Dai,
    /// 1. １． 1、
    Dotted,
    /// １ (a number and a space)
    Bare,
    /// (1) （１）
    Paren,
    /// ① ②
    Circled,
    /// ア イ (and a space or a point)
    Kana,
    /// (ア) （ア）
    ParenKana,
    /// ａ. a)
    Latin,
}

/// A block's numbering: its form, number and the text after it.
fn numbering(block: &str) -> Option<(Form, u32, &str)> {
    let (form, number, rest) = numbering_mark(block)?;
    let text = rest.trim_start_matches([' ', '\u{3000}', '\t']);
    (!text.is_empty()).then_some((form, number, text))
}

fn numbering_mark(s: &str) -> Option<(Form, u32, &str)> {
    let first = s.chars().next()?;
    let spaced = |rest: &str| rest.starts_with([' ', '\u{3000}', '\t']);
    if let Some(n) = crate::model::circled_number(first) {
        return Some((Form::Circled, n, &s[first.len_utf8()..]));
    }
    if let Some(rest) = s.strip_prefix('第') {
        let (n, rest) = leading_number(rest)?;
        return spaced(rest).then_some((Form::Dai, n, rest));
    }
    if let Some(rest) = s.strip_prefix(['(', '（']) {
        let close = |r: &str| r.strip_prefix([')', '）']).map(str::to_owned);
        if let Some((n, r)) = leading_number(rest)
            && let Some(r) = close(r)
        {
            return Some((Form::Paren, n, &s[s.len() - r.len()..]));
        }
        let kana = rest.chars().next()?;
        let r = close(&rest[kana.len_utf8()..])?;
        return Some((Form::ParenKana, kana_number(kana)?, &s[s.len() - r.len()..]));
    }
    if let Some((n, rest)) = leading_number(s) {
        if let Some(r) = rest.strip_prefix(['.', '．', '、'])
            && !r.starts_with(|c: char| c.is_ascii_digit())
        {
            return Some((Form::Dotted, n, r));
        }
        return spaced(rest).then_some((Form::Bare, n, rest));
    }
    let rest = &s[first.len_utf8()..];
    let pointed = |r: &str| spaced(r) || r.starts_with(['.', '．', '、']);
    if let Some(n) = kana_number(first) {
        return pointed(rest).then(|| (Form::Kana, n, rest.trim_start_matches(['.', '．', '、'])));
    }
    let latin = crate::model::halfwidth(first).unwrap_or(first);
    if latin.is_ascii_lowercase() && (pointed(rest) || rest.starts_with([')', '）'])) {
        let rest = rest.trim_start_matches(['.', '．', '、', ')', '）']);
        return Some((Form::Latin, latin as u32 - 'a' as u32 + 1, rest));
    }
    None
}

/// A number in ASCII, full-width or kanji digits at the start of `s`, and the rest.
fn leading_number(s: &str) -> Option<(u32, &str)> {
    const KANJI: &str = "〇一二三四五六七八九";
    let end = s
        .char_indices()
        .find(|&(_, c)| !(ascii_digit(c).is_some() || KANJI.contains(c) || c == '十'))
        .map_or(s.len(), |(i, _)| i);
    let digits = &s[..end];
    let mut n: u32 = 0;
    let mut tens = None;
    for c in digits.chars() {
        let d = match c {
            _ if ascii_digit(c).is_some() => ascii_digit(c)?,
            '十' => {
                tens = Some(n.max(1));
                n = 0;
                continue;
            }
            _ => KANJI.chars().position(|k| k == c)? as u32,
        };
        n = n.checked_mul(10)?.checked_add(d)?;
    }
    let n = tens.map_or(n, |t| t * 10 + n);
    (!digits.is_empty() && n > 0).then_some((n, &s[end..]))
}

/// The value of an ASCII or full-width digit.
pub(super) fn ascii_digit(c: char) -> Option<u32> {
    crate::model::halfwidth(c).unwrap_or(c).to_digit(10)
}

/// ア → 1, イ → 2, … in 五十音 order.
fn kana_number(c: char) -> Option<u32> {
    const GOJUON: &str = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン";
    GOJUON.chars().position(|k| k == c).map(|i| i as u32 + 1)
}

/// Blocks (paragraphs) of a plain-text or Markdown document: heading marks dropped, lines
/// broken inside a sentence joined, a numbered line always starting a block.
pub fn text_blocks(text: &str) -> Vec<String> {
    let mut blocks: Vec<String> = Vec::new();
    let mut open = false;
    for line in text.lines() {
        let line = line
            .trim_start_matches('#')
            .trim_matches([' ', '\u{3000}', '\t', '\r']);
        if line.is_empty() {
            open = false;
        } else if open && numbering(line).is_none() && !ends_sentence(blocks.last().expect("open"))
        {
            join_line(blocks.last_mut().expect("open"), line);
        } else {
            blocks.push(line.to_string());
            open = true;
        }
    }
    blocks
}

/// Appends a line broken off `to`: directly after Japanese text, after a space otherwise.
fn join_line(to: &mut String, line: &str) {
    let ascii = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if ascii(to.chars().last()) && ascii(line.chars().next()) {
        to.push(' ');
    }
    to.push_str(line);
}

fn ends_sentence(s: &str) -> bool {
    s.ends_with(['。', '！', '？'])
}

/// A block that cannot start a paragraph: it begins with a particle or closing punctuation,
/// so a page or column break of the source cut a sentence there.
fn continues_sentence(s: &str) -> bool {
    s.starts_with([
        'の', 'を', 'に', 'は', 'が', 'で', 'と', 'へ', 'も', 'や', 'か', 'ば', 'て', 'た', 'だ',
        'り', 'る', 'れ', 'ら', 'っ', 'ん', 'し', 'す', 'せ', '、', '。', '）', '」', '』',
    ])
}

/// The outline of a notice given as blocks of text (paragraphs, or a Markdown table each).
pub fn outline(blocks: &[String]) -> Outline {
    let mut joined: Vec<String> = Vec::new();
    for block in blocks.iter().map(|b| b.trim()).filter(|b| !b.is_empty()) {
        match joined.last_mut() {
            Some(last) if continues_sentence(block) && !ends_sentence(last) => {
                join_line(last, block)
            }
            _ => joined.push(block.to_string()),
        }
    }
    let first_numbered = joined
        .iter()
        .position(|b| numbering(b).is_some())
        .unwrap_or(joined.len());
    let mut notice = frame(&joined[..first_numbered]);
    let mut forms: Vec<Form> = Vec::new();
    for block in &joined[first_numbered..] {
        let Some((form, number, text)) = numbering(block) else {
            body_text(&mut notice, block.clone());
            continue;
        };
        let level = forms.iter().position(|&f| f == form).unwrap_or_else(|| {
            forms.push(form);
            forms.len() - 1
        });
        match level {
            0 => notice.chapters.push(Chapter {
                number,
                title: text.to_string(),
                ..Chapter::default()
            }),
            1 => {
                let heading = (!ends_sentence(text)).then(|| text.to_string());
                let body = if heading.is_some() {
                    vec![]
                } else {
                    vec![text.to_string()]
                };
                let directive = Directive {
                    number,
                    heading,
                    body,
                    sub_items: 0,
                };
                // A chapter is open: the first numbered block is one.
                if let Some(chapter) = notice.chapters.last_mut() {
                    chapter.directives.push(directive);
                }
            }
            _ => {
                let Some(directive) = notice
                    .chapters
                    .last_mut()
                    .and_then(|c| c.directives.last_mut())
                else {
                    notice
                        .unplaced
                        .push((block.clone(), crate::t!("import-unplaced-no-directive")));
                    continue;
                };
                if level == 2 {
                    let mark =
                        circled_digit(number).map_or_else(|| format!("({number})"), String::from);
                    notice.renumbered_sub_items |= form != Form::Circled;
                    directive.body.push(format!("{mark}{text}"));
                    directive.sub_items += 1;
                } else {
                    let mark = &block[..block.len() - text.len()];
                    let indent = "  ".repeat(level - 3);
                    directive
                        .body
                        .push(format!("{indent}- {} {text}", mark.trim_end()));
                }
            }
        }
    }
    notice
}

/// A paragraph after a numbered block without a number of its own: it belongs to the
/// innermost part open (directive, else chapter).
fn body_text(notice: &mut Outline, block: String) {
    match notice.chapters.last_mut() {
        Some(c) => match c.directives.last_mut() {
            Some(d) => d.body.push(block),
            None => c.intro.push(block),
        },
        None => notice
            .unplaced
            .push((block, crate::t!("import-unplaced-no-chapter"))),
    }
}

/// The frame: the short lines before the preamble (date, addressee, issuer, title), then the
/// preamble.
fn frame(blocks: &[String]) -> Outline {
    let mut notice = Outline::default();
    let preamble_at = blocks
        .iter()
        .position(|b| ends_sentence(b) && b.chars().count() > 40);
    let (short, preamble) = blocks.split_at(preamble_at.unwrap_or(blocks.len()));
    notice.preamble = preamble.to_vec();
    let mut rest = Vec::new();
    for b in short {
        if notice.date.is_none() && crate::import::wareki_date(b).is_some() {
            notice.date = Some(b.clone());
        } else if notice.addressee.is_empty()
            && ["各位", "様", "殿", "御中"].iter().any(|w| b.ends_with(w))
        {
            notice.addressee = b.clone();
        } else {
            rest.push(b.clone());
        }
    }
    if let Some(title) = rest.pop() {
        notice.title = title;
    }
    if !rest.is_empty() {
        notice.issuer = rest.remove(0);
    }
    for b in rest {
        notice
            .unplaced
            .push((b, crate::t!("import-unplaced-heading-line")));
    }
    notice
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_forms_of_japanese_official_documents() {
        let cases = [
            ("1. 施政方針", Some((Form::Dotted, 1, "施政方針"))),
            ("１．施政方針", Some((Form::Dotted, 1, "施政方針"))),
            ("第１　総則", Some((Form::Dai, 1, "総則"))),
            ("第十二 雑則", Some((Form::Dai, 12, "雑則"))),
            ("１　待ち時間", Some((Form::Bare, 1, "待ち時間"))),
            ("(10) 日常的に", Some((Form::Paren, 10, "日常的に"))),
            ("（２）表示", Some((Form::Paren, 2, "表示"))),
            ("③三つ目", Some((Form::Circled, 3, "三つ目"))),
            ("イ　電話予約", Some((Form::Kana, 2, "電話予約"))),
            ("（ウ）窓口", Some((Form::ParenKana, 3, "窓口"))),
            ("ｂ．二つ目", Some((Form::Latin, 2, "二つ目"))),
            ("第2次国分寺市総合ビジョン", None),
            ("2026.04.01 付", None),
            ("アンテナを張る", None),
            ("LINE 公式アカウント", None),
            ("また、(1)のとおり", None),
        ];
        for (text, expected) in cases {
            assert_eq!(numbering(text), expected, "{text}");
        }
    }

    #[test]
    fn text_broken_by_a_pdf_is_joined_and_paragraphs_stay() {
        let blocks = text_blocks(
            "## (2) 市民サービス\n\n②連携を推進することで、まち\n\nの活性化に取り組むこと。\n\nまた、\n情報共有を図ること。\n(3) 次",
        );
        let outline = outline(
            &["1. 章".to_string()]
                .into_iter()
                .chain(blocks)
                .collect::<Vec<_>>(),
        );
        let d = &outline.chapters[0].directives;
        assert_eq!(d[0].heading.as_deref(), Some("市民サービス"));
        assert_eq!(
            d[0].body,
            [
                "②連携を推進することで、まちの活性化に取り組むこと。",
                "また、情報共有を図ること。"
            ]
        );
        assert_eq!(d[1].heading.as_deref(), Some("次"));
    }
}
