//! Word documents (.docx): the text of their paragraphs and tables in document order, with
//! Word's automatic list numbering written out as the typed numbers it shows.

use std::collections::{HashMap, HashSet};
use std::panic::catch_unwind;

use docx_rs::{
    AbstractNumbering, Break, BreakType, DocumentChild, Docx, InsertChild, Level, LevelSuffixType,
    MoveToChild, Numbering, Paragraph, ParagraphChild, ReadDocxOptions, Run, RunChild,
    StructuredDataTag, StructuredDataTagChild, Table, TableCellContent, TableChild, TableRowChild,
    read_docx_with_options,
};

/// The blocks of a .docx file in document order: each paragraph's text (runs, hyperlinks and
/// insertions concatenated; a tab or line break inside it as one space), prefixed with its
/// automatic number as Word shows it followed by one space; an empty paragraph as "". A table
/// is one block: a Markdown pipe table, one line per row, `| --- |` separator after the first row
/// ("|" inside a cell escaped as "\|", paragraphs inside one cell joined with a space).
///
/// The space after a number is the level's suffix (`w:suff`): none when it is "nothing".
pub fn blocks(bytes: &[u8]) -> Result<Vec<String>, String> {
    // Images are skipped, so there is no need for docx-rs to decode them; and its reader
    // panics on some malformed parts rather than returning an error.
    let options = ReadDocxOptions::default().with_image_previews(false);
    let docx = catch_unwind(|| read_docx_with_options(bytes, options))
        .map_err(|_| crate::t!("import-docx-unreadable"))?
        .map_err(|e| crate::t!("import-not-docx", error = e.to_string()))?;
    let mut reader = Reader {
        docx: &docx,
        counters: HashMap::new(),
        started: HashSet::new(),
    };
    let mut blocks = Vec::new();
    for child in &docx.document.children {
        match child {
            DocumentChild::Paragraph(p) => blocks.push(reader.paragraph(p)),
            DocumentChild::Table(t) => blocks.push(reader.table(t)),
            DocumentChild::StructuredDataTag(sdt) => reader.sdt_blocks(sdt, &mut blocks),
            _ => {}
        }
    }
    Ok(blocks)
}

struct Reader<'a> {
    docx: &'a Docx,
    /// The last number given at (abstract numbering id, level), as Word shares them.
    counters: HashMap<(usize, usize), usize>,
    /// Numbering instances already used, whose start overrides have been applied.
    started: HashSet<usize>,
}

impl Reader<'_> {
    fn paragraph(&mut self, p: &Paragraph) -> String {
        let mut text = self.label(p).unwrap_or_default();
        inline_text(&p.children, &mut text);
        text
    }

    fn table(&mut self, table: &Table) -> String {
        let mut lines = Vec::new();
        for TableChild::TableRow(row) in &table.rows {
            let cells: Vec<String> = row
                .cells
                .iter()
                .map(|TableRowChild::TableCell(cell)| {
                    let mut paragraphs = Vec::new();
                    for content in &cell.children {
                        match content {
                            TableCellContent::Paragraph(p) => paragraphs.push(self.paragraph(p)),
                            TableCellContent::Table(t) => paragraphs.push(self.table(t)),
                            TableCellContent::StructuredDataTag(sdt) => {
                                self.sdt_blocks(sdt, &mut paragraphs)
                            }
                            TableCellContent::TableOfContents(_) => {}
                        }
                    }
                    paragraphs.retain(|p| !p.is_empty());
                    paragraphs.join(" ").replace('\n', " ").replace('|', "\\|")
                })
                .collect();
            lines.push(format!("| {} |", cells.join(" | ")));
            if lines.len() == 1 {
                lines.push(format!("|{}", " --- |".repeat(cells.len())));
            }
        }
        lines.join("\n")
    }

    /// The paragraphs and tables of a block-level content control.
    fn sdt_blocks(&mut self, sdt: &StructuredDataTag, blocks: &mut Vec<String>) {
        for child in &sdt.children {
            match child {
                StructuredDataTagChild::Paragraph(p) => blocks.push(self.paragraph(p)),
                StructuredDataTagChild::Table(t) => blocks.push(self.table(t)),
                StructuredDataTagChild::StructuredDataTag(inner) => self.sdt_blocks(inner, blocks),
                _ => {}
            }
        }
    }

    /// The automatic number of `p` as Word shows it, with its suffix; counts it.
    fn label(&mut self, p: &Paragraph) -> Option<String> {
        let style = p
            .property
            .style
            .as_ref()
            .and_then(|s| self.docx.styles.find_style_by_id(&s.val));
        let style_num = style.and_then(|s| s.paragraph_property.numbering_property.as_ref());
        let own_num = p.property.numbering_property.as_ref();
        let num_id = own_num
            .and_then(|n| n.id.as_ref())
            .or(style_num.and_then(|n| n.id.as_ref()))?
            .id;
        let ilvl = own_num
            .and_then(|n| n.level.as_ref())
            .or(style_num.and_then(|n| n.level.as_ref()));
        let ilvl = ilvl.map_or(0, |l| l.val);

        let numberings = &self.docx.numberings;
        let num = numberings.numberings.iter().find(|n| n.id == num_id)?;
        let mut abs = numberings
            .abstract_nums
            .iter()
            .find(|a| a.id == num.abstract_num_id)?;
        // A list that uses a numbering style has its levels where that style is defined.
        if let Some(link) = &abs.num_style_link {
            abs = numberings
                .abstract_nums
                .iter()
                .find(|a| a.style_link.as_ref() == Some(link))?;
        }
        let list = List { num, abs };

        if self.started.insert(num.id) {
            for o in num
                .level_overrides
                .iter()
                .filter(|o| o.override_start.is_some())
            {
                self.counters.remove(&(abs.id, o.level));
            }
        }
        let n = self
            .counters
            .get(&(abs.id, ilvl))
            .map_or_else(|| list.start(ilvl), |n| n + 1);
        self.counters.insert((abs.id, ilvl), n);
        self.counters.retain(|&(a, l), _| a != abs.id || l <= ilvl);

        let level = list.level(ilvl)?;
        let text = level_text(level);
        if level.format.val == "none" || text.is_empty() {
            return None;
        }
        let mut label = if level.format.val == "bullet" {
            text
        } else {
            let mut label = String::new();
            let mut chars = text.chars().peekable();
            while let Some(c) = chars.next() {
                match chars.peek().and_then(|d| d.to_digit(10)) {
                    Some(d @ 1..=9) if c == '%' => {
                        chars.next();
                        let l = d as usize - 1;
                        let n = self
                            .counters
                            .get(&(abs.id, l))
                            .copied()
                            .unwrap_or_else(|| list.start(l));
                        let format = list.level(l).map_or("decimal", |level| &level.format.val);
                        label += &format_number(n, format);
                    }
                    _ => label.push(c),
                }
            }
            label
        };
        if level.suffix != LevelSuffixType::Nothing {
            label.push(' ');
        }
        Some(label)
    }
}

/// A numbering instance and the abstract numbering that defines its levels.
struct List<'a> {
    num: &'a Numbering,
    abs: &'a AbstractNumbering,
}

impl List<'_> {
    fn level(&self, ilvl: usize) -> Option<&Level> {
        let overridden = self.num.level_overrides.iter().find(|o| o.level == ilvl);
        overridden
            .and_then(|o| o.override_level.as_ref())
            .or_else(|| self.abs.levels.iter().find(|l| l.level == ilvl))
    }

    fn start(&self, ilvl: usize) -> usize {
        let overridden = self.num.level_overrides.iter().find(|o| o.level == ilvl);
        // docx-rs keeps `w:start` private; it serialises as the bare number.
        let start = || {
            serde_json::to_value(&self.level(ilvl)?.start)
                .ok()?
                .as_u64()
        };
        overridden
            .and_then(|o| o.override_start)
            .or_else(|| start().map(|n| n as usize))
            .unwrap_or(0)
    }
}

/// docx-rs keeps `w:lvlText` private; it serialises as the bare string.
fn level_text(level: &Level) -> String {
    match serde_json::to_value(&level.text) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// `n` in the number format `format` (`w:numFmt`).
fn format_number(n: usize, format: &str) -> String {
    const AIUEO: &str = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン";
    const IROHA: &str = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス";
    const STEMS: &str = "甲乙丙丁戊己庚辛壬癸";
    const LOWER: &str = "abcdefghijklmnopqrstuvwxyz";
    const UPPER: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    // The n-th of `symbols`, starting over after the last.
    let cycle = |symbols: &str| {
        let symbols: Vec<char> = symbols.chars().collect();
        symbols[(n - 1) % symbols.len()].to_string()
    };
    match format {
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|d| char::from_u32(d as u32 - '0' as u32 + '０' as u32).unwrap())
            .collect(),
        _ if n == 0 => n.to_string(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if n <= 20 => {
            char::from_u32('①' as u32 + n as u32 - 1)
                .unwrap()
                .to_string()
        }
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => format!("({n})"),
        "aiueo" | "aiueoFullWidth" => cycle(AIUEO),
        "iroha" | "irohaFullWidth" => cycle(IROHA),
        "ideographTraditional" => cycle(STEMS),
        // Word repeats the letter after z: aa, bb, …
        "lowerLetter" => cycle(LOWER).repeat((n - 1) / 26 + 1),
        "upperLetter" => cycle(UPPER).repeat((n - 1) / 26 + 1),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "japaneseCounting"
        | "chineseCounting"
        | "chineseCountingThousand"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "koreanCounting" => kanji(n),
        _ => n.to_string(),
    }
}

fn roman(mut n: usize) -> String {
    const NUMERALS: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value {
            s += numeral;
            n -= value;
        }
    }
    s
}

/// `n` (1 or more) counted in kanji: 一, 十, 十一, 二十, 百, 千二百三十四, 一万.
fn kanji(n: usize) -> String {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if n >= 10_000 {
        let rest = if n.is_multiple_of(10_000) {
            String::new()
        } else {
            kanji(n % 10_000)
        };
        return format!("{}万{rest}", kanji(n / 10_000));
    }
    let mut s = String::new();
    for (unit, name) in [(1000, '千'), (100, '百'), (10, '十')] {
        let d = n / unit % 10;
        if d > 1 {
            s.push(DIGITS[d]);
        }
        if d > 0 {
            s.push(name);
        }
    }
    if !n.is_multiple_of(10) {
        s.push(DIGITS[n % 10]);
    }
    s
}

/// Appends the visible text of inline content: runs, insertions, moved-in text, hyperlinks
/// and inline content controls (deleted and moved-out text is left out).
fn inline_text(children: &[ParagraphChild], text: &mut String) {
    for child in children {
        match child {
            ParagraphChild::Run(run) => run_text(run, text),
            ParagraphChild::Insert(ins) => ins.children.iter().for_each(|c| {
                if let InsertChild::Run(run) = c {
                    run_text(run, text)
                }
            }),
            ParagraphChild::MoveTo(moved) => moved.children.iter().for_each(|c| {
                if let MoveToChild::Run(run) = c {
                    run_text(run, text)
                }
            }),
            ParagraphChild::Hyperlink(link) => inline_text(&link.children, text),
            ParagraphChild::StructuredDataTag(sdt) => sdt_text(sdt, text),
            _ => {}
        }
    }
}

fn sdt_text(sdt: &StructuredDataTag, text: &mut String) {
    for child in &sdt.children {
        match child {
            StructuredDataTagChild::Run(run) => run_text(run, text),
            StructuredDataTagChild::StructuredDataTag(inner) => sdt_text(inner, text),
            _ => {}
        }
    }
}

fn run_text(run: &Run, text: &mut String) {
    for child in &run.children {
        match child {
            RunChild::Text(t) => text.push_str(&t.text),
            // A page or column break ends a page, not a line of the text.
            RunChild::Break(b)
                if *b == Break::new(BreakType::Page) || *b == Break::new(BreakType::Column) => {}
            RunChild::Tab(_)
            | RunChild::PTab(_)
            | RunChild::Break(_)
            | RunChild::CarriageReturn(_) => text.push(' '),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use docx_rs::{
        AbstractNumbering, Delete, Hyperlink, HyperlinkType, IndentLevel, Insert, LevelJc,
        LevelOverride, LevelText, NumberFormat, NumberingId, ParagraphProperty, Start, Style,
        StyleType, TableCell, TableRow,
    };

    use super::*;

    /// docx-rs always writes a list of its own with id 1.
    const LIST: usize = 7;

    fn level(ilvl: usize, format: &str, text: &str) -> Level {
        Level::new(
            ilvl,
            Start::new(1),
            NumberFormat::new(format),
            LevelText::new(text),
            LevelJc::new("left"),
        )
    }

    fn para(text: &str) -> Paragraph {
        Paragraph::new().add_run(Run::new().add_text(text))
    }

    fn numbered(ilvl: usize, text: &str) -> Paragraph {
        para(text).numbering(NumberingId::new(LIST), IndentLevel::new(ilvl))
    }

    fn read(docx: Docx) -> Vec<String> {
        let mut bytes = Cursor::new(Vec::new());
        docx.build().pack(&mut bytes).unwrap();
        blocks(bytes.get_ref()).unwrap()
    }

    fn list(levels: Vec<Level>) -> Docx {
        let abs = levels
            .into_iter()
            .fold(AbstractNumbering::new(LIST), AbstractNumbering::add_level);
        Docx::new()
            .add_abstract_numbering(abs)
            .add_numbering(Numbering::new(LIST, LIST))
    }

    #[test]
    fn automatic_numbers_are_written_out_and_deeper_levels_restart() {
        let mut docx = list(vec![
            level(0, "decimal", "%1."),
            level(1, "decimal", "(%2)"),
            level(2, "decimalEnclosedCircle", "%3").suffix(LevelSuffixType::Nothing),
            level(3, "aiueoFullWidth", "%4"),
        ]);
        for (ilvl, text) in [
            (0, "A"),
            (1, "B"),
            (2, "C"),
            (2, "D"),
            (3, "E"),
            (3, "F"),
            (1, "G"),
            (0, "H"),
            (1, "I"),
        ] {
            docx = docx.add_paragraph(numbered(ilvl, text));
        }
        let docx = docx
            .add_paragraph(para("plain"))
            .add_paragraph(Paragraph::new());
        assert_eq!(
            read(docx),
            [
                "1. A", "(1) B", "①C", "②D", "ア E", "イ F", "(2) G", "2. H", "(1) I", "plain", ""
            ]
        );
    }

    #[test]
    fn numbering_from_the_style_and_restarted_by_a_start_override() {
        let mut style = Style::new("Item", StyleType::Paragraph);
        style.paragraph_property =
            ParagraphProperty::new().numbering(NumberingId::new(LIST), IndentLevel::new(0));
        let restarted = Numbering::new(8, LIST).add_override(LevelOverride::new(0).start(1));
        let docx = list(vec![level(0, "decimal", "%1.")])
            .add_numbering(restarted)
            .add_style(style)
            .add_paragraph(para("x").style("Item"))
            .add_paragraph(para("y").style("Item"))
            .add_paragraph(para("z").numbering(NumberingId::new(8), IndentLevel::new(0)))
            .add_paragraph(para("w").style("Item"));
        assert_eq!(read(docx), ["1. x", "2. y", "1. z", "2. w"]);
    }

    #[test]
    fn text_of_runs_links_and_revisions() {
        let p = Paragraph::new()
            .add_run(
                Run::new()
                    .add_text("a")
                    .add_tab()
                    .add_text("b")
                    .add_break(BreakType::TextWrapping),
            )
            .add_hyperlink(
                Hyperlink::new("x", HyperlinkType::Anchor).add_run(Run::new().add_text("link")),
            )
            .add_insert(Insert::new(Run::new().add_text("new")))
            .add_delete(Delete::new().add_run(Run::new().add_delete_text("old")))
            .add_run(Run::new().add_text("&<>").add_break(BreakType::Page));
        assert_eq!(read(Docx::new().add_paragraph(p)), ["a b linknew&<>"]);
    }

    #[test]
    fn full_width_numbers() {
        let docx = list(vec![level(0, "decimalFullWidth", "第%1")])
            .add_paragraph(numbered(0, "総則"))
            .add_paragraph(numbered(0, "運営"));
        assert_eq!(read(docx), ["第１ 総則", "第２ 運営"]);
    }

    #[test]
    fn tables_are_markdown_pipe_tables() {
        let cell = |texts: &[&str]| {
            texts
                .iter()
                .fold(TableCell::new(), |cell, t| cell.add_paragraph(para(t)))
        };
        let table = Table::new(vec![
            TableRow::new(vec![cell(&["項目"]), cell(&["内容"])]),
            TableRow::new(vec![cell(&["a|b"]), cell(&["一行目", "二行目"])]),
        ]);
        let docx = Docx::new()
            .add_paragraph(para("前"))
            .add_table(table)
            .add_paragraph(para("後"));
        assert_eq!(
            read(docx),
            [
                "前",
                "| 項目 | 内容 |\n| --- | --- |\n| a\\|b | 一行目 二行目 |",
                "後"
            ]
        );
    }

    #[test]
    fn numbers_in_words() {
        let cases = [
            ("lowerLetter", 28, "bb"),
            ("upperRoman", 14, "XIV"),
            ("japaneseCounting", 21, "二十一"),
            ("japaneseCounting", 1110, "千百十"),
            ("japaneseCounting", 20_010, "二万十"),
            ("ideographTraditional", 2, "乙"),
            ("iroha", 3, "ハ"),
            ("decimalEnclosedCircle", 21, "(21)"),
        ];
        for (format, n, expected) in cases {
            assert_eq!(format_number(n, format), expected, "{format} {n}");
        }
    }

    #[test]
    fn not_a_docx() {
        let err = blocks(b"plain text, not a zip").unwrap_err();
        assert!(err.starts_with("not a Word document (.docx): "), "{err}");
    }
}
