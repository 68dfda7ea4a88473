//! What the 新旧対照表 templates see: a [`Comparison`] as groups of table rows (one per
//! directive, chapter or the preamble), each cell's HTML made here, every changed run marked
//! alike: `<del>` in the 改正前 column, `<ins>` in the 改正後 one (both underlined, as 新旧対照表
//! are), each announced by visually hidden text (「［削除：」…「］」, 「［追加：」…「］」) so
//! that colour or underline alone does not tell the change. Also renders `hoshin compare`'s
//! stand-alone document (self-contained HTML and JSON, no links).

use serde::Serialize;

use crate::editions::diff::{
    ChangeCounts, Comparison, DirectiveChange, EditionInfo, FieldChange, Op, PartChange, Segment,
    Status,
};
use crate::markdown::escape_html;
use crate::model::circled_digit;
use crate::page::OutputFile;
use crate::render::skin::{Skin, template_error};

/// The stand-alone document's file name inside `hoshin compare --out`.
pub const DOC_FILE: &str = "index.html";
/// The JSON file's name inside `hoshin compare --out`.
pub const JSON_FILE: &str = "compare.json";

const DEL_OPEN: &str = "<span class=\"vh\">［削除：</span><del>";
const INS_OPEN: &str = "<span class=\"vh\">［追加：</span><ins>";
const DEL_CLOSE: &str = "</del><span class=\"vh\">］</span>";
const INS_CLOSE: &str = "</ins><span class=\"vh\">］</span>";

/// The old side of a diff as HTML: equal runs as text, deleted runs marked.
pub fn old_html(segments: &[Segment]) -> String {
    side_html(segments, Op::Delete)
}

/// The new side of a diff as HTML: equal runs as text, inserted runs marked.
pub fn new_html(segments: &[Segment]) -> String {
    side_html(segments, Op::Insert)
}

fn side_html(segments: &[Segment], marked: Op) -> String {
    let mut out = String::new();
    for s in segments {
        match s.op {
            Op::Equal => out.push_str(&escape_html(&s.text)),
            op if op == marked => out.push_str(&mark(&s.text, op)),
            _ => {}
        }
    }
    out
}

fn mark(text: &str, op: Op) -> String {
    let (open, close) = match op {
        Op::Insert => (INS_OPEN, INS_CLOSE),
        _ => (DEL_OPEN, DEL_CLOSE),
    };
    format!("{open}{}{close}", escape_html(text))
}

/// What a cell says when its side has no such provision.
const ADDED_CELL: &str = "<span class=\"absent\">（新設）</span>";
const REMOVED_CELL: &str = "<span class=\"absent\">（削除）</span>";

/// The table as templates see it.
#[derive(Serialize)]
pub struct TableView<'a> {
    /// `新旧対照表（令和7年度→令和8年度）`
    pub caption: String,
    pub old: &'a EditionInfo,
    pub new: &'a EditionInfo,
    pub summary: ChangeCounts,
    pub identical: bool,
    pub all: bool,
    /// 改正後 in the left column, 改正前 in the right (`compare_new_first` in hoshin.yaml).
    pub new_first: bool,
    pub groups: Vec<Group>,
}

/// Rows about one provision: a directive, a chapter or the preamble.
#[derive(Serialize)]
pub struct Group {
    /// The group's anchor in the page, e.g. `d-1-2`.
    pub anchor: String,
    /// `1(2)`, `2.`, or empty.
    pub citation: String,
    pub title: String,
    /// `改正`, `新設`, `削除`, `番号変更`, `改正・番号変更`, `変更なし`.
    pub label: String,
    /// `changed`, `added`, `removed` or `unchanged` (for styling).
    pub status: Status,
    /// The provision in the old and new edition, relative to the site root; only in a site.
    pub old_url: Option<String>,
    pub new_url: Option<String>,
    pub rows: Vec<Row>,
}

/// One row: what it is about, and the old and new text.
#[derive(Serialize)]
pub struct Row {
    /// `見出し`, `①`, `②→③`, `本文`, `テーマ`, …
    pub header: String,
    /// `新設`, `削除`, `番号変更`, … or empty.
    pub label: String,
    pub old_html: String,
    pub new_html: String,
}

/// Where each edition's directive and chapter pages are, for links from the table; no link
/// unless implemented.
pub trait Links {
    fn old_directive(&self, _id: &str) -> Option<String> {
        None
    }
    fn new_directive(&self, _id: &str) -> Option<String> {
        None
    }
}

/// No links: the stand-alone document.
pub struct NoLinks;

impl Links for NoLinks {}

impl<'a> TableView<'a> {
    pub fn new(cmp: &'a Comparison, links: &dyn Links, new_first: bool) -> TableView<'a> {
        let mut groups = Vec::new();
        if !cmp.preamble.is_empty() {
            let changed = cmp.preamble.iter().any(PartChange::is_change);
            let label_status = if changed {
                Status::Changed
            } else {
                Status::Unchanged
            };
            groups.push(Group {
                anchor: "preamble".into(),
                citation: String::new(),
                title: "前文".into(),
                label: label_status.label().into(),
                status: Status::Changed,
                old_url: None,
                new_url: None,
                rows: cmp.preamble.iter().map(|p| part_row(p, "前文")).collect(),
            });
        }
        // Chapters go before their directives.
        let mut chapters = cmp.chapters.iter().peekable();
        for d in &cmp.directives {
            let chapter = d.new.as_ref().or(d.old.as_ref()).map_or(0, |i| i.chapter);
            while let Some(c) = chapters.next_if(|c| c.number <= chapter) {
                groups.push(chapter_group(c));
            }
            groups.push(directive_group(d, cmp.all, links));
        }
        groups.extend(chapters.map(chapter_group));
        TableView {
            caption: format!(
                "新旧対照表（{}→{}）",
                cmp.old.fiscal_year_label, cmp.new.fiscal_year_label
            ),
            old: &cmp.old,
            new: &cmp.new,
            summary: cmp.summary,
            identical: cmp.identical,
            all: cmp.all,
            new_first,
            groups,
        }
    }
}

fn group_label(status: Status, renumbered: bool) -> String {
    match (status, renumbered) {
        (Status::Changed, true) => "改正・番号変更".into(),
        (s, _) => s.label().into(),
    }
}

fn chapter_group(c: &crate::editions::diff::ChapterChange) -> Group {
    let (old_html, new_html) = match c.status {
        Status::Added => (ADDED_CELL.to_string(), new_html(&c.title)),
        Status::Removed => (old_html(&c.title), REMOVED_CELL.to_string()),
        _ => (old_html(&c.title), new_html(&c.title)),
    };
    Group {
        anchor: format!("chapter-{}", c.number),
        citation: format!("{}.", c.number),
        title: c
            .new_title
            .clone()
            .or(c.old_title.clone())
            .unwrap_or_default(),
        label: group_label(c.status, false),
        status: c.status,
        old_url: None,
        new_url: None,
        rows: vec![Row {
            header: "章名".into(),
            label: String::new(),
            old_html,
            new_html,
        }],
    }
}

/// A paragraph's text with its circled digit, as written in the notice.
/// `html` after its sub-item's circled number; a number that changed (a renumbered sub-item)
/// is marked as deleted or inserted, like any changed text.
fn with_marker(number: Option<u32>, renumbered: bool, op: Op, html: String) -> String {
    match number.and_then(circled_digit) {
        Some(c) if renumbered => format!("{}{html}", mark(&c.to_string(), op)),
        Some(c) => format!("{c}{html}"),
        None => html,
    }
}

fn part_row(p: &PartChange, plain_header: &str) -> Row {
    let marker = p.marker();
    let header = if marker.is_empty() {
        plain_header.to_string()
    } else {
        marker
    };
    let label = match (p.status, p.renumbered) {
        (Status::Unchanged, true) => "番号変更".to_string(),
        (s, r) => group_label(s, r),
    };
    Row {
        header,
        label,
        old_html: match p.status {
            Status::Added => ADDED_CELL.to_string(),
            _ => with_marker(p.old_sub_item, p.renumbered, Op::Delete, old_html(&p.diff)),
        },
        new_html: match p.status {
            Status::Removed => REMOVED_CELL.to_string(),
            _ => with_marker(p.new_sub_item, p.renumbered, Op::Insert, new_html(&p.diff)),
        },
    }
}

fn list_html(entries: &[crate::editions::diff::ListItem], marked: &[String], op: Op) -> String {
    if entries.is_empty() {
        return "なし".into();
    }
    entries
        .iter()
        .map(|e| {
            if marked.contains(&e.id) {
                mark(&e.name, op)
            } else {
                escape_html(&e.name)
            }
        })
        .collect::<Vec<_>>()
        .join("、")
}

fn field_row(f: &FieldChange) -> Row {
    Row {
        header: f.label.into(),
        label: "改正".into(),
        old_html: list_html(&f.old, &f.removed, Op::Delete),
        new_html: list_html(&f.new, &f.added, Op::Insert),
    }
}

fn directive_group(d: &DirectiveChange, all: bool, links: &dyn Links) -> Group {
    let info = d
        .new
        .as_ref()
        .or(d.old.as_ref())
        .expect("a directive is on one side");
    let mut rows = Vec::new();
    match d.status {
        Status::Added | Status::Removed => {
            // The whole directive in one row: caption and every paragraph.
            let added = d.status == Status::Added;
            let side: fn(&[Segment]) -> String = if added { new_html } else { old_html };
            let mut html = format!("<p class=\"caption\">{}</p>", side(&d.caption));
            for p in &d.parts {
                let n = if added {
                    p.new_sub_item
                } else {
                    p.old_sub_item
                };
                html.push_str(&format!(
                    "<p>{}</p>",
                    with_marker(n, false, Op::Equal, side(&p.diff))
                ));
            }
            let (old, new) = if added {
                (ADDED_CELL.to_string(), html)
            } else {
                (html, REMOVED_CELL.to_string())
            };
            rows.push(Row {
                header: "全文".into(),
                label: d.status.label().into(),
                old_html: old,
                new_html: new,
            });
        }
        _ => {
            if d.renumbered
                && let (Some(a), Some(b)) = (&d.old, &d.new)
            {
                rows.push(Row {
                    header: "番号".into(),
                    label: "番号変更".into(),
                    old_html: mark(&a.citation, Op::Delete),
                    new_html: mark(&b.citation, Op::Insert),
                });
            }
            if d.caption_changed || all {
                rows.push(Row {
                    header: "見出し".into(),
                    label: if d.caption_changed {
                        "改正".into()
                    } else {
                        String::new()
                    },
                    old_html: old_html(&d.caption),
                    new_html: new_html(&d.caption),
                });
            }
            rows.extend(d.parts.iter().map(|p| part_row(p, "本文")));
            rows.extend(d.front_matter.iter().map(field_row));
        }
    }
    Group {
        anchor: format!("d-{}", d.id),
        // A renumbered directive is headed by both numbers, so that it never shares a heading
        // with a removed one that had its new number.
        citation: match (&d.old, &d.new) {
            (Some(a), Some(b)) if d.renumbered => format!("{}→{}", a.citation, b.citation),
            _ => info.citation.clone(),
        },
        title: info.title.clone(),
        label: group_label(d.status, d.renumbered),
        status: d.status,
        old_url: d.old.as_ref().and_then(|_| links.old_directive(&d.id)),
        new_url: d.new.as_ref().and_then(|_| links.new_directive(&d.id)),
        rows,
    }
}

/// `hoshin compare`'s stand-alone 新旧対照表: [`DOC_FILE`] (styles inlined) and [`JSON_FILE`].
pub fn standalone_files(
    cmp: &Comparison,
    skin: &Skin,
    new_first: bool,
) -> Result<Vec<OutputFile>, Vec<crate::diag::Diagnostic>> {
    let table = TableView::new(cmp, &NoLinks, new_first);
    let mut ctx = tera::Context::new();
    ctx.insert("table", &table);
    ctx.insert("generator", concat!("hoshin ", env!("CARGO_PKG_VERSION")));
    let html = skin
        .tera
        .render("compare-doc.html", &ctx)
        .map_err(|e| vec![template_error(&skin.template_files, &e)])?;
    Ok(vec![
        OutputFile {
            path: DOC_FILE.into(),
            bytes: html.into_bytes().into(),
        },
        OutputFile {
            path: JSON_FILE.into(),
            bytes: json(cmp).into(),
        },
    ])
}

/// The comparison as pretty-printed JSON, with a final newline.
pub fn json(cmp: &Comparison) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(cmp).expect("JSON values serialize");
    bytes.push(b'\n');
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editions::diff::diff_text;

    #[test]
    fn cells_mark_deletions_old_and_insertions_new() {
        let d = diff_text("適正な<手続>", "適切な<手続>");
        assert_eq!(
            old_html(&d),
            "適<span class=\"vh\">［削除：</span><del>正</del><span class=\"vh\">］</span>な&lt;手続&gt;"
        );
        assert_eq!(
            new_html(&d),
            "適<span class=\"vh\">［追加：</span><ins>切</ins><span class=\"vh\">］</span>な&lt;手続&gt;"
        );
    }
}
