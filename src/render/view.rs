//! What templates see: small borrowed structs built from the model per page, with URLs
//! already made relative to the site root. Templates write `{{ root }}{{ x.url }}`.

use serde::Serialize;

use crate::model::{Chapter, Directive, Plan, SubItem, Topic};
use crate::page::*;

/// Site-wide values, set once as Tera's global context under `site`.
#[derive(Serialize)]
pub struct SiteView<'a> {
    /// Title shown in every page's header.
    pub title: &'a str,
    pub notice_title: &'a str,
    pub fiscal_year: u16,
    pub fiscal_year_label: String,
    pub issued: String,
    pub issued_iso: String,
    pub issuer: &'a str,
    pub addressee: &'a str,
    pub organization: &'a str,
    /// Printing starts each chapter on a new page (`chapter_starts_page` in hoshin.yaml).
    pub chapter_starts_page: bool,
    pub generator: &'static str,
    pub accessibility: AccessibilityView<'a>,
}

/// The accessibility statement's facts, with the test date in 和暦.
#[derive(Serialize)]
pub struct AccessibilityView<'a> {
    pub target_level: &'a str,
    pub standard: &'a str,
    pub tested: String,
    pub tested_iso: &'a str,
    pub tools: &'a [String],
    pub result: &'a str,
    pub contact: &'a str,
}

#[derive(Serialize, Clone)]
pub struct DirectiveRef<'a> {
    pub id: &'a str,
    /// `3(2)`
    pub citation: String,
    /// `(2)`
    pub label: String,
    pub title: &'a str,
    pub url: String,
}

impl<'a> DirectiveRef<'a> {
    /// `chapter`: the number of `d`'s chapter.
    pub fn new(chapter: u32, d: &'a Directive) -> Self {
        DirectiveRef {
            id: &d.id,
            citation: d.citation(chapter),
            label: d.label(),
            title: &d.title,
            url: directive_url(&d.id),
        }
    }
}

#[derive(Serialize)]
pub struct SubItemRef<'a> {
    pub marker: String,
    pub anchor: &'a str,
    pub excerpt: String,
    /// `1(2)①`
    pub citation: String,
    pub url: String,
}

impl<'a> SubItemRef<'a> {
    pub fn new(chapter: u32, d: &Directive, s: &'a SubItem) -> Self {
        SubItemRef {
            marker: s.marker().to_string(),
            anchor: &s.anchor,
            excerpt: excerpt(&s.text, 40),
            citation: format!("{}{}", d.citation(chapter), s.marker()),
            url: format!("{}#{}", directive_url(&d.id), s.anchor),
        }
    }
}

/// The first `max` characters of a text, with an ellipsis when cut.
pub fn excerpt(text: &str, max: usize) -> String {
    let text = text.trim();
    let mut out: String = text.chars().take(max).collect();
    if text.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

/// A directive with its sub-items, for tables of contents.
#[derive(Serialize)]
pub struct TocEntry<'a> {
    #[serde(flatten)]
    pub directive: DirectiveRef<'a>,
    pub sub_items: Vec<SubItemRef<'a>>,
}

impl<'a> TocEntry<'a> {
    /// `chapter`: the number of `d`'s chapter.
    pub fn new(chapter: u32, d: &'a Directive) -> Self {
        TocEntry {
            directive: DirectiveRef::new(chapter, d),
            sub_items: d
                .sub_items
                .iter()
                .map(|s| SubItemRef::new(chapter, d, s))
                .collect(),
        }
    }
}

#[derive(Serialize)]
pub struct ChapterRef<'a> {
    pub number: u32,
    pub title: &'a str,
    /// `1.` as the notice numbers chapters.
    pub label: String,
    pub url: String,
    pub count: usize,
}

impl<'a> ChapterRef<'a> {
    pub fn new(c: &'a Chapter) -> Self {
        ChapterRef {
            number: c.number,
            title: &c.title,
            label: format!("{}.", c.number),
            url: chapter_url(c.number),
            count: c.directives.len(),
        }
    }
}

#[derive(Serialize)]
pub struct TopicRef<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub url: String,
    /// The テーマ's print document.
    pub print_url: String,
    pub count: usize,
}

impl<'a> TopicRef<'a> {
    pub fn new(t: &'a Topic) -> Self {
        TopicRef {
            id: &t.id,
            name: &t.name,
            description: &t.description,
            url: topic_url(&t.id),
            print_url: topic_print_url(&t.id),
            count: t.directives.len(),
        }
    }
}

#[derive(Serialize)]
pub struct PlanRef<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    /// 和暦, or empty.
    pub issued: String,
    pub issued_iso: String,
    pub url: String,
    pub count: usize,
}

impl<'a> PlanRef<'a> {
    pub fn new(p: &'a Plan) -> Self {
        PlanRef {
            id: &p.id,
            name: &p.name,
            description: &p.description,
            issued: p.issued.map(|d| d.wareki()).unwrap_or_default(),
            issued_iso: p.issued.map(|d| d.to_string()).unwrap_or_default(),
            url: plan_url(&p.id),
            count: p.directives.len(),
        }
    }
}

/// One step of a breadcrumb trail.
#[derive(Serialize)]
pub struct Crumb {
    pub title: String,
    pub url: String,
}

impl Crumb {
    pub fn new(title: impl Into<String>, url: impl Into<String>) -> Crumb {
        Crumb {
            title: title.into(),
            url: url.into(),
        }
    }

    /// The first step of every trail.
    pub fn home() -> Crumb {
        Crumb::new("ホーム", HOME_URL)
    }
}
