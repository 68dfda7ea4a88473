//! The policy as data: the notice, its chapters and directives, the テーマ vocabulary and
//! the registry of cited plans. Pure types, no I/O; built by `resolve`, read by `render`.

pub mod date;

use rustc_hash::FxHashMap;
use std::path::PathBuf;

use crate::memo::Shared;
use crate::model::date::Date;

/// The notice itself (`content/_index.md`).
#[derive(Debug, Clone)]
pub struct Notice {
    pub title: String,
    pub fiscal_year: u16,
    pub issued: Date,
    pub issuer: String,
    pub addressee: String,
    pub bases: Vec<Basis>,
    pub preamble: Body,
    pub path: PathBuf,
}

/// A document the notice is based on, with the date it was given.
#[derive(Debug, Clone)]
pub struct Basis {
    /// Index into [`Site::plans`].
    pub plan: usize,
    pub date: Date,
}

/// The Markdown text of a file: the file's text from `offset` on (after the front
/// matter), shared with the [`SourceFile`](crate::diag::source::SourceFile) rather than copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    source: Shared,
    offset: usize,
}

impl Body {
    /// The body of `source` from byte `offset` (a character boundary) on.
    pub fn new(source: std::sync::Arc<str>, offset: usize) -> Body {
        assert!(
            source.is_char_boundary(offset),
            "a body starts on a character boundary"
        );
        Body {
            source: Shared(source),
            offset,
        }
    }

    pub fn markdown(&self) -> &str {
        &self.source[self.offset..]
    }

    /// Byte offset of the Markdown inside the source file (for diagnostics).
    pub fn offset(&self) -> usize {
        self.offset
    }
}

#[derive(Debug, Clone)]
pub struct Chapter {
    pub number: u32,
    pub title: String,
    /// Indices into [`Site::plans`].
    pub references: Vec<usize>,
    pub intro: Body,
    /// Indices into [`Site::directives`], in policy order.
    pub directives: Vec<usize>,
    pub path: PathBuf,
}

/// One numbered directive ((1), (2), …) of a chapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub id: String,
    /// Index into [`Site::chapters`].
    pub chapter: usize,
    pub number: u32,
    pub title: String,
    /// The caption was written by an editor, not taken from the notice.
    pub editorial_title: bool,
    /// Indices into [`Site::topics`].
    pub topics: Vec<usize>,
    /// Plans cited in front matter or named in the text; indices into [`Site::plans`].
    pub plans: Vec<usize>,
    /// Related directives declared on either side; indices into [`Site::directives`].
    pub related: Vec<usize>,
    /// Directives whose text links to this one; indices into [`Site::directives`].
    pub linked_from: Vec<usize>,
    pub sub_items: Vec<SubItem>,
    pub body: Body,
    /// The body as plain text (for search and `policy.json`): [`crate::markdown::plain_text`].
    pub plain_text: Shared,
    pub path: PathBuf,
}

/// A sub-item (①, ②, …) of a directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubItem {
    /// 1 for ①.
    pub number: u32,
    /// Stable anchor, `<directive id>-<number>`.
    pub anchor: String,
    /// The sub-item's plain text, without the circled digit.
    pub text: String,
}

/// A policy テーマ of the controlled vocabulary.
#[derive(Debug, Clone)]
pub struct Topic {
    pub id: String,
    pub name: String,
    pub description: String,
    /// Indices into [`Site::directives`], in policy order.
    pub directives: Vec<usize>,
}

/// A city plan or policy document that directives cite.
#[derive(Debug, Clone)]
pub struct Plan {
    pub id: String,
    pub name: String,
    pub issued: Option<Date>,
    pub description: String,
    /// Directives citing it, in policy order; indices into [`Site::directives`].
    pub directives: Vec<usize>,
    /// Chapters based on it; indices into [`Site::chapters`].
    pub chapters: Vec<usize>,
}

/// The whole resolved policy.
#[derive(Debug, Clone)]
pub struct Site {
    pub notice: Notice,
    pub chapters: Vec<Chapter>,
    /// In policy order: by chapter, then number.
    pub directives: Vec<Directive>,
    pub topics: Vec<Topic>,
    pub plans: Vec<Plan>,
    pub directive_by_id: FxHashMap<String, usize>,
}

impl Directive {
    /// Citation of the directive inside the notice, e.g. `3(2)` (`chapter`: its number).
    pub fn citation(&self, chapter: u32) -> String {
        format!("{chapter}({})", self.number)
    }

    /// The directive's number as the notice writes it inside its chapter, e.g. `(2)`.
    pub fn label(&self) -> String {
        format!("({})", self.number)
    }
}

impl SubItem {
    /// The circled digit of the sub-item, e.g. `①`.
    pub fn marker(&self) -> char {
        circled_digit(self.number).unwrap_or('?')
    }
}

/// `①` for 1 … `⑳` for 20.
pub fn circled_digit(n: u32) -> Option<char> {
    (1..=20)
        .contains(&n)
        .then(|| char::from_u32(0x2460 + n - 1))
        .flatten()
}

/// 1 for `①` … 20 for `⑳`.
pub fn circled_number(c: char) -> Option<u32> {
    let cp = c as u32;
    (0x2460..=0x2473).contains(&cp).then(|| cp - 0x2460 + 1)
}

/// The ASCII character a full-width look-alike from Japanese input stands for: the
/// full-width forms of ASCII (`！` … `～`, digits `０`…`９` included), the ideographic space, and
/// the long vowel mark and dashes typed for `-`.
pub fn halfwidth(c: char) -> Option<char> {
    match c {
        '！'..='～' => char::from_u32(c as u32 - 0xFEE0),
        '\u{3000}' => Some(' '),
        'ー' | '‐' | '―' => Some('-'),
        _ => None,
    }
}

/// `text` with every full-width look-alike replaced by its ASCII character ([`halfwidth`]).
pub fn to_halfwidth(text: &str) -> String {
    text.chars().map(|c| halfwidth(c).unwrap_or(c)).collect()
}

impl Site {
    pub fn chapter_of(&self, d: &Directive) -> &Chapter {
        &self.chapters[d.chapter]
    }

    pub fn citation(&self, d: &Directive) -> String {
        d.citation(self.chapter_of(d).number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn circled_digits_round_trip() {
        assert_eq!(circled_digit(1), Some('①'));
        assert_eq!(circled_digit(20), Some('⑳'));
        assert_eq!(circled_digit(21), None);
        assert_eq!(circled_number('②'), Some(2));
        assert_eq!(circled_number('2'), None);
    }
}
