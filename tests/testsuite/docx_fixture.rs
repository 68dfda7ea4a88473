//! The seed notice as a Word document, for the import tests: its numbers typed into the text,
//! or given by Word's automatic numbering.

use std::io::Cursor;

use docx_rs::{
    AbstractNumbering, Docx, IndentLevel, Level, LevelJc, LevelSuffixType, LevelText, NumberFormat,
    NumberingId, Paragraph, Run, Start,
};

/// How the fixture numbers its chapters, directives and sub-items.
pub enum Numbering {
    /// Typed into the text ("1. …", "(1) …", "①…"), as in the seed.
    Typed,
    /// Word's automatic numbering: one list whose levels 0, 1 and 2 show "1. ", "(1) " and "①".
    Word,
}

/// The id of the [`Numbering::Word`] list (docx-rs always writes one of its own with id 1).
const LIST: usize = 2;

/// The seed notice (tests/fixtures/seed/policy-r8.txt) as a .docx: one paragraph per
/// non-empty line, without the Markdown heading marks.
pub fn seed_docx(numbering: Numbering) -> Vec<u8> {
    let mut paragraphs: Vec<String> = Vec::new();
    for line in include_str!("../fixtures/seed/policy-r8.txt").lines() {
        let line = line
            .trim_start_matches('#')
            .strip_prefix(' ')
            .filter(|_| line.starts_with('#'))
            .unwrap_or(line);
        match paragraphs.last_mut() {
            // The PDF extraction broke this sentence over two lines.
            Some(last) if line.starts_with("の活性化") => last.push_str(line),
            _ if !line.is_empty() => paragraphs.push(line.to_string()),
            _ => {}
        }
    }

    let mut docx = Docx::new();
    if let Numbering::Word = numbering {
        let level = |ilvl, format, text, suffix| {
            Level::new(
                ilvl,
                Start::new(1),
                NumberFormat::new(format),
                LevelText::new(text),
                LevelJc::new("left"),
            )
            .suffix(suffix)
        };
        docx = docx
            .add_abstract_numbering(
                AbstractNumbering::new(LIST)
                    .add_level(level(0, "decimal", "%1.", LevelSuffixType::Space))
                    .add_level(level(1, "decimal", "(%2)", LevelSuffixType::Space))
                    .add_level(level(
                        2,
                        "decimalEnclosedCircle",
                        "%3",
                        LevelSuffixType::Nothing,
                    )),
            )
            .add_numbering(docx_rs::Numbering::new(LIST, LIST));
    }
    for text in &paragraphs {
        let (ilvl, text) = match numbering {
            Numbering::Typed => (None, text.as_str()),
            Numbering::Word => numbered(text),
        };
        let mut paragraph = Paragraph::new().add_run(Run::new().add_text(text));
        if let Some(ilvl) = ilvl {
            paragraph = paragraph.numbering(NumberingId::new(LIST), IndentLevel::new(ilvl));
        }
        docx = docx.add_paragraph(paragraph);
    }
    let mut bytes = Cursor::new(Vec::new());
    docx.build().pack(&mut bytes).unwrap();
    bytes.into_inner()
}

/// The list level of a paragraph typed with a number ("1. ", "(1) ", "①"), and its text
/// without the number and the spaces after it.
fn numbered(text: &str) -> (Option<usize>, &str) {
    let digits = |s: &str| s.find(|c: char| !c.is_ascii_digit()).filter(|&end| end > 0);
    let marked = if let Some(end) = digits(text)
        && let Some(rest) = text[end..].strip_prefix(". ")
    {
        Some((0, rest))
    } else if let Some(inner) = text.strip_prefix('(')
        && let Some(end) = digits(inner)
        && let Some(rest) = inner[end..].strip_prefix(')')
    {
        Some((1, rest))
    } else {
        text.strip_prefix(|c| ('①'..='⑳').contains(&c))
            .map(|rest| (2, rest))
    };
    marked.map_or((None, text), |(ilvl, rest)| {
        (Some(ilvl), rest.trim_start_matches(' '))
    })
}
