//! The template values many pages share (directive, chapter and table-of-contents
//! entries, made once per build on first use), and the link resolver of a page.

use std::sync::OnceLock;

use serde::Serialize;

use crate::markdown::{InternalLink, LinkResolver};
use crate::model::Site;
use crate::page::*;
use crate::render::sibling_window;
use crate::render::view::*;

/// What a directive page tells of a shortened chapter navigation (`siblings_window` in
/// templates; absent when the navigation lists the whole chapter).
#[derive(Debug, Serialize)]
pub(crate) struct SiblingWindow {
    /// Directives in the chapter.
    pub(crate) total: usize,
    /// Labels (`(4)`) of the first and last directive listed.
    pub(crate) first: String,
    pub(crate) last: String,
}

/// The views many pages share, converted to template values once per build, each on
/// first use (a rebuild that renders one page converts only what that page shows). A
/// Tera value clones in O(1) (arrays and maps are reference-counted), so a page that
/// lists its chapter's directives or its related directives copies pointers, not the site.
pub(crate) struct Refs<'a> {
    pub(crate) site: &'a Site,
    /// [`DirectiveRef`] per directive.
    pub(crate) directives: Vec<OnceLock<tera::Value>>,
    /// [`TocEntry`] per directive.
    pub(crate) toc: Vec<OnceLock<tera::Value>>,
    /// [`ChapterRef`] per chapter.
    pub(crate) chapters: Vec<tera::Value>,
    /// Per chapter: its directives as [`DirectiveRef`]s (the chapter navigation).
    pub(crate) siblings: Vec<OnceLock<tera::Value>>,
    /// Per chapter: its directives as [`TocEntry`]s.
    pub(crate) chapter_toc: Vec<OnceLock<tera::Value>>,
    /// The values of the last build, for a site being edited: a value equal to one made
    /// then is that one, so that comparing pages' values stops at its address.
    pub(crate) last: Option<&'a ValueMemo>,
}

/// Template values of the last build, by what they show (see [`Refs::last`]).
pub type ValueMemo = crate::memo::Memo<tera::Value, ()>;

impl<'a> Refs<'a> {
    pub(crate) fn new(site: &'a Site) -> Refs<'a> {
        let lazy = |n: usize| (0..n).map(|_| OnceLock::new()).collect::<Vec<_>>();
        Refs {
            site,
            directives: lazy(site.directives.len()),
            toc: lazy(site.directives.len()),
            chapters: site
                .chapters
                .iter()
                .map(|c| tera::Value::from_serializable(&ChapterRef::new(c)))
                .collect(),
            siblings: lazy(site.chapters.len()),
            chapter_toc: lazy(site.chapters.len()),
            last: None,
        }
    }

    /// `fresh`, or the equal value of the last build kept under `key`.
    fn interned(&self, key: impl FnOnce() -> String, fresh: tera::Value) -> tera::Value {
        match self.last {
            Some(memo) => memo.intern(key(), fresh),
            None => fresh,
        }
    }

    /// The [`DirectiveRef`] of directive `j`.
    pub(crate) fn directive(&self, j: usize) -> tera::Value {
        self.directives[j]
            .get_or_init(|| {
                let d = &self.site.directives[j];
                let fresh = tera::Value::from_serializable(&DirectiveRef::new(self.site, d));
                self.interned(|| format!("ref {}", d.id), fresh)
            })
            .clone()
    }

    /// The [`TocEntry`] of directive `j`.
    pub(crate) fn toc_entry(&self, j: usize) -> tera::Value {
        self.toc[j]
            .get_or_init(|| {
                let d = &self.site.directives[j];
                let fresh = tera::Value::from_serializable(&TocEntry::new(self.site, d));
                self.interned(|| format!("toc {}", d.id), fresh)
            })
            .clone()
    }

    /// The [`DirectiveRef`]s of `list`, as one template value.
    pub(crate) fn directive_list(&self, list: &[usize]) -> tera::Value {
        tera::Value::from(list.iter().map(|&j| self.directive(j)).collect::<Vec<_>>())
    }

    /// The [`TocEntry`]s of `list`, as one template value.
    pub(crate) fn toc_list(&self, list: &[usize]) -> tera::Value {
        tera::Value::from(list.iter().map(|&j| self.toc_entry(j)).collect::<Vec<_>>())
    }

    /// The chapters the table of contents lists: all of them.
    pub(crate) fn toc_chapters(&self) -> Vec<usize> {
        (0..self.site.chapters.len()).collect()
    }

    /// Chapter `c`'s directives as [`DirectiveRef`]s.
    pub(crate) fn siblings(&self, c: usize) -> tera::Value {
        self.siblings[c]
            .get_or_init(|| {
                let fresh = self.directive_list(&self.site.chapters[c].directives);
                self.interned(|| format!("siblings {c}"), fresh)
            })
            .clone()
    }

    /// The chapter navigation of directive `i`: the [`DirectiveRef`]s of its chapter's
    /// directives, or of the [`sibling_window`] around it when the chapter is longer.
    pub(crate) fn chapter_nav(&self, i: usize) -> (tera::Value, Option<SiblingWindow>) {
        let site = self.site;
        let c = site.directives[i].chapter;
        let all = &site.chapters[c].directives;
        let at = all.iter().position(|&j| j == i).unwrap_or(0);
        let shown = sibling_window(all.len(), at);
        if shown.len() == all.len() {
            return (self.siblings(c), None);
        }
        let window = &all[shown];
        let label = |j: usize| site.directives[j].label();
        let range = SiblingWindow {
            total: all.len(),
            first: label(window[0]),
            last: label(window[window.len() - 1]),
        };
        (self.directive_list(window), Some(range))
    }

    /// Chapter `c`'s directives as [`TocEntry`]s.
    pub(crate) fn chapter_toc(&self, c: usize) -> tera::Value {
        self.chapter_toc[c]
            .get_or_init(|| {
                let fresh = self.toc_list(&self.site.chapters[c].directives);
                self.interned(|| format!("chapter toc {c}"), fresh)
            })
            .clone()
    }
}

/// Resolves `@id` links and plan mentions relative to a page at depth `root`.
pub(crate) struct PageLinks<'a> {
    pub(crate) site: &'a Site,
    pub(crate) root: &'a str,
}

impl LinkResolver for PageLinks<'_> {
    fn internal(&self, link: &InternalLink) -> Option<String> {
        let site = self.site;
        let root = self.root;
        match link {
            InternalLink::Directive(id) => {
                if site.directive_by_id.contains_key(id) {
                    return Some(format!("{root}{}", directive_url(id)));
                }
                let (owner, n) = id.rsplit_once('-')?;
                let d = &site.directives[*site.directive_by_id.get(owner)?];
                let n: u32 = n.parse().ok()?;
                d.sub_items
                    .iter()
                    .any(|s| s.number == n)
                    .then(|| format!("{root}{}#{id}", directive_url(owner)))
            }
            InternalLink::Plan(id) => site
                .plans
                .iter()
                .any(|p| &p.id == id)
                .then(|| format!("{root}{}", plan_url(id))),
            InternalLink::Topic(id) => site
                .topics
                .iter()
                .any(|t| &t.id == id)
                .then(|| format!("{root}{}", topic_url(id))),
            InternalLink::Chapter(n) => {
                let n: u32 = n.parse().ok()?;
                site.chapters
                    .iter()
                    .any(|c| c.number == n)
                    .then(|| format!("{root}{}", chapter_url(n)))
            }
        }
    }

    fn plan(&self, plan: usize) -> Option<String> {
        Some(format!(
            "{}{}",
            self.root,
            plan_url(&self.site.plans[plan].id)
        ))
    }
}
