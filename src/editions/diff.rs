//! The 新旧対照表 as data: what changed between two editions of the policy, computed from two
//! resolved [`Site`]s. Pure: no I/O, no HTML. Directives are matched by `id`, chapters by
//! number. Texts are compared per character (Japanese has no spaces), changed runs grouped;
//! bodies paragraph by paragraph and sub-item by sub-item (①②…), so an added or removed
//! sub-item is reported as such, not as a rewrite of every sub-item after it.

use serde::Serialize;

use crate::editions::text::compare_bodies;
pub use crate::editions::text::{Op, PartChange, Segment, Status, diff_text};
use crate::model::date::Date;
use crate::model::{Directive, Site};

/// Identifies the JSON format written by `hoshin compare`.
pub const FORMAT: &str = "hoshin-compare/1";

/// One edition of the policy, as the table's heading names it.
#[derive(Debug, Clone, Serialize)]
pub struct EditionInfo {
    pub title: String,
    pub fiscal_year: u16,
    /// `令和8年度`
    pub fiscal_year_label: String,
    /// `2026-04-01`
    pub issued: String,
    /// `令和8年4月1日`
    pub issued_wareki: String,
}

impl EditionInfo {
    pub fn of(site: &Site) -> EditionInfo {
        let n = &site.notice;
        EditionInfo {
            title: n.title.clone(),
            fiscal_year: n.fiscal_year,
            fiscal_year_label: Date::fiscal_year_label(n.fiscal_year),
            issued: n.issued.to_string(),
            issued_wareki: n.issued.wareki(),
        }
    }
}

/// Where a directive sits in one edition.
#[derive(Debug, Clone, Serialize)]
pub struct DirectiveInfo {
    /// `3(2)`
    pub citation: String,
    pub chapter: u32,
    pub number: u32,
    pub title: String,
    pub editorial_title: bool,
}

/// A front-matter list of a directive whose entries changed.
#[derive(Debug, Clone, Serialize)]
pub struct FieldChange {
    /// `themes`, `plans` or `related`.
    pub field: &'static str,
    /// `テーマ`, `関連する計画`, `関連する方針`.
    pub label: &'static str,
    pub old: Vec<ListItem>,
    pub new: Vec<ListItem>,
    /// Ids only in the new list.
    pub added: Vec<String>,
    /// Ids only in the old list.
    pub removed: Vec<String>,
}

/// An entry of a front-matter list: its id and what it is called in that edition.
#[derive(Debug, Clone, Serialize)]
pub struct ListItem {
    pub id: String,
    pub name: String,
}

/// One directive, compared.
#[derive(Debug, Clone, Serialize)]
pub struct DirectiveChange {
    pub id: String,
    pub status: Status,
    /// Same id, different chapter or number (番号変更).
    pub renumbered: bool,
    pub old: Option<DirectiveInfo>,
    pub new: Option<DirectiveInfo>,
    pub caption_changed: bool,
    /// Character diff of the captions.
    pub caption: Vec<Segment>,
    /// The paragraphs and sub-items (only those that changed, unless all were asked for).
    pub parts: Vec<PartChange>,
    /// Changed front-matter lists.
    pub front_matter: Vec<FieldChange>,
}

/// A chapter, compared by number.
#[derive(Debug, Clone, Serialize)]
pub struct ChapterChange {
    pub number: u32,
    pub status: Status,
    pub old_title: Option<String>,
    pub new_title: Option<String>,
    pub title: Vec<Segment>,
}

/// The counts shown at the top of the table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ChangeCounts {
    /// Directives in both editions whose caption, text, front matter or number changed.
    pub changed: usize,
    /// Directives only in the new edition (新設).
    pub added: usize,
    /// Directives only in the old edition (削除).
    pub removed: usize,
    /// Directives whose number changed (counted in `changed` too).
    pub renumbered: usize,
    pub unchanged: usize,
    /// Chapters whose title changed, added or removed.
    pub chapters_changed: usize,
    /// Paragraphs of the preamble changed, added or removed.
    pub preamble_changed: usize,
}

/// The whole 新旧対照表.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub format: &'static str,
    pub old: EditionInfo,
    pub new: EditionInfo,
    /// Nothing changed (変更なし).
    pub identical: bool,
    /// Unchanged provisions are included.
    pub all: bool,
    pub summary: ChangeCounts,
    /// The preamble's paragraphs (changed ones, unless all).
    pub preamble: Vec<PartChange>,
    /// Chapters (changed ones, unless all), by number.
    pub chapters: Vec<ChapterChange>,
    /// Directives (changed ones, unless all) in the new order; a removed one at its old place.
    pub directives: Vec<DirectiveChange>,
}

/// Compares two editions; with `all`, unchanged directives, chapters and paragraphs are kept.
pub fn compare(old: &Site, new: &Site, all: bool) -> Comparison {
    let mut summary = ChangeCounts::default();

    let mut preamble = compare_bodies(
        old.notice.preamble.markdown(),
        new.notice.preamble.markdown(),
    );
    summary.preamble_changed = preamble.iter().filter(|p| p.is_change()).count();
    if !all {
        preamble.retain(PartChange::is_change);
    }

    let mut chapters = Vec::new();
    let mut numbers: Vec<u32> = old
        .chapters
        .iter()
        .chain(&new.chapters)
        .map(|c| c.number)
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    for number in numbers {
        let title = |site: &Site| {
            let chapter = site.chapters.iter().find(|c| c.number == number);
            chapter.map(|c| c.title.clone())
        };
        let (old_title, new_title) = (title(old), title(new));
        let status = Status::of(old_title.as_ref(), new_title.as_ref());
        if status != Status::Unchanged {
            summary.chapters_changed += 1;
        }
        if all || status != Status::Unchanged {
            chapters.push(ChapterChange {
                number,
                status,
                title: diff_text(
                    old_title.as_deref().unwrap_or(""),
                    new_title.as_deref().unwrap_or(""),
                ),
                old_title,
                new_title,
            });
        }
    }

    let mut directives: Vec<((u32, u32, u8), DirectiveChange)> = Vec::new();
    for d in &new.directives {
        let before = old.directive_by_id.get(&d.id).map(|&i| &old.directives[i]);
        let key = (new.chapter_of(d).number, d.number, 0);
        directives.push((key, compare_directive(old, before, new, Some(d))));
    }
    for d in (old.directives.iter()).filter(|d| !new.directive_by_id.contains_key(&d.id)) {
        let key = (old.chapter_of(d).number, d.number, 1);
        directives.push((key, compare_directive(old, Some(d), new, None)));
    }
    directives.sort_by_key(|(k, _)| *k);
    let mut kept = Vec::new();
    for (_, mut change) in directives {
        match change.status {
            Status::Unchanged => summary.unchanged += 1,
            Status::Changed => summary.changed += 1,
            Status::Added => summary.added += 1,
            Status::Removed => summary.removed += 1,
        }
        if change.renumbered {
            summary.renumbered += 1;
        }
        if !all {
            if change.status == Status::Unchanged {
                continue;
            }
            if change.status == Status::Changed {
                change.parts.retain(PartChange::is_change);
            }
        }
        kept.push(change);
    }

    Comparison {
        format: FORMAT,
        old: EditionInfo::of(old),
        new: EditionInfo::of(new),
        identical: summary.changed + summary.added + summary.removed == 0
            && summary.chapters_changed == 0
            && summary.preamble_changed == 0,
        all,
        summary,
        preamble,
        chapters,
        directives: kept,
    }
}

fn directive_info(site: &Site, d: &Directive) -> DirectiveInfo {
    DirectiveInfo {
        citation: site.citation(d),
        chapter: site.chapter_of(d).number,
        number: d.number,
        title: d.title.clone(),
        editorial_title: d.editorial_title,
    }
}

fn compare_directive(
    old_site: &Site,
    old: Option<&Directive>,
    new_site: &Site,
    new: Option<&Directive>,
) -> DirectiveChange {
    let id = old.or(new).map(|d| d.id.clone()).unwrap_or_default();
    let old_info = old.map(|d| directive_info(old_site, d));
    let new_info = new.map(|d| directive_info(new_site, d));
    let caption_old = old.map_or("", |d| d.title.as_str());
    let caption_new = new.map_or("", |d| d.title.as_str());
    let parts = compare_bodies(
        old.map_or("", |d| d.body.markdown()),
        new.map_or("", |d| d.body.markdown()),
    );
    let front_matter = old.zip(new).map_or_else(Vec::new, |(a, b)| {
        front_matter_changes(old_site, a, new_site, b)
    });
    let renumbered = (old_info.as_ref().zip(new_info.as_ref()))
        .is_some_and(|(a, b)| (a.chapter, a.number) != (b.chapter, b.number));
    let caption_changed = old.is_some() && new.is_some() && caption_old != caption_new;
    let status = match (old, new) {
        (None, _) => Status::Added,
        (_, None) => Status::Removed,
        _ if caption_changed
            || renumbered
            || !front_matter.is_empty()
            || parts.iter().any(PartChange::is_change) =>
        {
            Status::Changed
        }
        _ => Status::Unchanged,
    };
    DirectiveChange {
        id,
        status,
        renumbered,
        old: old_info,
        new: new_info,
        caption_changed,
        caption: diff_text(caption_old, caption_new),
        parts,
        front_matter,
    }
}

/// The front-matter lists compared: key and label of each, in the order of [`lists`].
const LIST_FIELDS: [(&str, &str); 3] = [
    ("themes", "テーマ"),
    ("plans", "関連する計画"),
    ("related", "関連する方針"),
];

/// A directive's テーマ, plans and related directives, each entry as its edition names it.
fn lists(site: &Site, d: &Directive) -> [Vec<ListItem>; 3] {
    let item = |id: &String, name: String| ListItem {
        id: id.clone(),
        name,
    };
    [
        (d.topics.iter())
            .map(|&t| item(&site.topics[t].id, site.topics[t].name.clone()))
            .collect(),
        (d.plans.iter())
            .map(|&p| item(&site.plans[p].id, site.plans[p].name.clone()))
            .collect(),
        (d.related.iter().map(|&r| &site.directives[r]))
            .map(|r| item(&r.id, format!("{} {}", site.citation(r), r.title)))
            .collect(),
    ]
}

fn front_matter_changes(
    old_site: &Site,
    old: &Directive,
    new_site: &Site,
    new: &Directive,
) -> Vec<FieldChange> {
    let pairs = lists(old_site, old).into_iter().zip(lists(new_site, new));
    // The ids of `list` that `other` lacks.
    let missing = |list: &[ListItem], other: &[ListItem]| -> Vec<String> {
        (list.iter())
            .filter(|e| !other.iter().any(|o| o.id == e.id))
            .map(|e| e.id.clone())
            .collect()
    };
    let mut out = Vec::new();
    for ((field, label), (a, b)) in LIST_FIELDS.into_iter().zip(pairs) {
        let (added, removed) = (missing(&b, &a), missing(&a, &b));
        if !added.is_empty() || !removed.is_empty() {
            out.push(FieldChange {
                field,
                label,
                old: a,
                new: b,
                added,
                removed,
            });
        }
    }
    out
}
