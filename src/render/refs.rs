//! The template values many pages share (directive, chapter and table-of-contents
//! entries, made once per build on first use), and the link resolver of a page.

use std::sync::{Arc, OnceLock};

use serde::Serialize;

use crate::markdown::{InternalLink, LinkResolver};
use crate::memo::Shared;
use crate::model::{Directive, Site};
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
    directives: Vec<OnceLock<tera::Value>>,
    /// [`TocEntry`] per directive.
    toc: Vec<OnceLock<tera::Value>>,
    /// [`ChapterRef`] per chapter.
    chapters: Vec<OnceLock<tera::Value>>,
    /// [`TopicRef`] per テーマ, [`PlanRef`] per plan.
    topics: Vec<OnceLock<tera::Value>>,
    plans: Vec<OnceLock<tera::Value>>,
    /// Per chapter: its directives as [`DirectiveRef`]s (the chapter navigation).
    siblings: Vec<OnceLock<tera::Value>>,
    /// Per chapter: its directives as [`TocEntry`]s.
    chapter_toc: Vec<OnceLock<tera::Value>>,
    /// The values of the last build, for a site being edited: a value equal to one made
    /// then is that one, so that comparing pages' values stops at its address.
    pub(crate) last: Option<&'a ValueMemo>,
    /// Per directive: it, with its chapter's number, for the values made from it alone.
    models: Vec<OnceLock<Model>>,
    /// The last build's values made from one directive, with what each was made from.
    pub(crate) last_made: Option<&'a MadeMemo>,
    /// The last build's models, by directive id.
    pub(crate) last_models: Option<&'a ModelMemo>,
}

/// Template values of the last build, by what they show (see [`Refs::last`]).
pub type ValueMemo = crate::memo::Memo<tera::Value, ()>;

/// A directive with its chapter's number: all that [`DirectiveRef`], [`TocEntry`] and a
/// page's view of it show (they are made from these alone, by functions that see nothing else).
pub(crate) type Model = Arc<(Directive, u32)>;
pub type ModelMemo = crate::memo::Memo<Model, ()>;

/// What a value made from one directive is made from: its [`Model`], and for its page's view
/// (`directive` in templates) the notice's title and the body's HTML too.
#[derive(PartialEq)]
pub(crate) struct MadeFrom {
    pub(crate) model: Model,
    pub(crate) notice_title: String,
    pub(crate) body_html: Shared,
}

/// The last build's values made from one directive, by kind and id: made again only when
/// what they are made from changed (comparing directives is far cheaper than making values).
pub type MadeMemo = crate::memo::Memo<Arc<MadeFrom>, tera::Value>;

/// The `directive` value of a directive's page.
pub(crate) fn directive_view(from: &MadeFrom) -> tera::Value {
    #[derive(Serialize)]
    struct DirectiveView<'a> {
        #[serde(flatten)]
        entry: TocEntry<'a>,
        editorial_title: bool,
        citation_full: String,
        body_html: &'a str,
        source: String,
    }
    let (d, chapter) = (&from.model.0, from.model.1);
    tera::Value::from_serializable(&DirectiveView {
        entry: TocEntry::new(chapter, d),
        editorial_title: d.editorial_title,
        citation_full: format!("{} {}", from.notice_title, d.citation(chapter)),
        body_html: &from.body_html,
        source: d.path.display().to_string(),
    })
}

impl<'a> Refs<'a> {
    pub(crate) fn new(site: &'a Site) -> Refs<'a> {
        fn lazy<T>(n: usize) -> Vec<OnceLock<T>> {
            (0..n).map(|_| OnceLock::new()).collect()
        }
        Refs {
            site,
            directives: lazy(site.directives.len()),
            toc: lazy(site.directives.len()),
            chapters: lazy(site.chapters.len()),
            topics: lazy(site.topics.len()),
            plans: lazy(site.plans.len()),
            siblings: lazy(site.chapters.len()),
            chapter_toc: lazy(site.chapters.len()),
            last: None,
            models: lazy(site.directives.len()),
            last_made: None,
            last_models: None,
        }
    }

    /// The value in `cell`, made on first use: `fresh`, or the equal value of the last build
    /// kept under `key`.
    fn once(
        &self,
        cell: &OnceLock<tera::Value>,
        key: impl FnOnce() -> String,
        fresh: impl FnOnce() -> tera::Value,
    ) -> tera::Value {
        (cell.get_or_init(|| match self.last {
            Some(memo) => {
                let value = fresh();
                memo.intern(key(), |old| *old == value, || value.clone())
            }
            None => fresh(),
        }))
        .clone()
    }

    /// Directive `j` with its chapter's number: the last build's model if equal, so that
    /// values made from it then compare by address.
    pub(crate) fn model(&self, j: usize) -> Model {
        let d = &self.site.directives[j];
        let chapter = self.site.chapter_of(d).number;
        let fresh = || Arc::new((d.clone(), chapter));
        let same = |old: &Model| old.1 == chapter && old.0 == *d;
        let model =
            || (self.last_models).map_or_else(fresh, |m| m.intern(d.id.clone(), same, fresh));
        Arc::clone(self.models[j].get_or_init(model))
    }

    /// `make(from)`, or the value the last build made as `kind` of the same directive from
    /// equal inputs.
    fn made(&self, kind: &str, from: MadeFrom, make: fn(&MadeFrom) -> tera::Value) -> tera::Value {
        let key = format!("{kind} {}", from.model.0.id);
        let from = Arc::new(from);
        let same = |old: &Arc<MadeFrom>| *old == from;
        let made = Arc::clone(&from);
        let fresh = || (Arc::clone(&made), make(&made));
        crate::memo::reuse_or_make(self.last_made, || key, same, fresh)
    }

    /// The value made as `kind` from directive `j` alone, once per build.
    fn of_directive(
        &self,
        cell: &OnceLock<tera::Value>,
        kind: &str,
        j: usize,
        make: fn(&MadeFrom) -> tera::Value,
    ) -> tera::Value {
        let from = || MadeFrom {
            model: self.model(j),
            notice_title: String::new(),
            body_html: Shared::default(),
        };
        (cell.get_or_init(|| self.made(kind, from(), make))).clone()
    }

    /// The [`DirectiveRef`] of directive `j`.
    pub(crate) fn directive(&self, j: usize) -> tera::Value {
        self.of_directive(&self.directives[j], "ref", j, |from| {
            tera::Value::from_serializable(&DirectiveRef::new(from.model.1, &from.model.0))
        })
    }

    /// The [`TocEntry`] of directive `j`.
    pub(crate) fn toc_entry(&self, j: usize) -> tera::Value {
        self.of_directive(&self.toc[j], "toc", j, |from| {
            tera::Value::from_serializable(&TocEntry::new(from.model.1, &from.model.0))
        })
    }

    /// The value made as `kind` by `make` from directive `j` and its `body_html` (one page's:
    /// the page's view).
    pub(crate) fn with_body(
        &self,
        kind: &str,
        j: usize,
        body_html: Arc<str>,
        make: fn(&MadeFrom) -> tera::Value,
    ) -> tera::Value {
        let from = MadeFrom {
            model: self.model(j),
            notice_title: self.site.notice.title.clone(),
            body_html: Shared(body_html),
        };
        self.made(kind, from, make)
    }

    /// The [`ChapterRef`] of chapter `c`.
    pub(crate) fn chapter(&self, c: usize) -> tera::Value {
        self.once(
            &self.chapters[c],
            || format!("chapter {c}"),
            || tera::Value::from_serializable(&ChapterRef::new(&self.site.chapters[c])),
        )
    }

    /// The [`TopicRef`]s of テーマ `list`, as one template value.
    pub(crate) fn topic_list(&self, list: &[usize]) -> tera::Value {
        values(list, |t| {
            let fresh = || tera::Value::from_serializable(&TopicRef::new(&self.site.topics[t]));
            self.once(&self.topics[t], || format!("topic {t}"), fresh)
        })
    }

    /// The [`PlanRef`]s of plans `list`, as one template value.
    pub(crate) fn plan_list(&self, list: &[usize]) -> tera::Value {
        values(list, |p| {
            let fresh = || tera::Value::from_serializable(&PlanRef::new(&self.site.plans[p]));
            self.once(&self.plans[p], || format!("plan {p}"), fresh)
        })
    }

    /// The [`DirectiveRef`]s of `list`, as one template value.
    pub(crate) fn directive_list(&self, list: &[usize]) -> tera::Value {
        values(list, |j| self.directive(j))
    }

    /// The [`TocEntry`]s of `list`, as one template value.
    pub(crate) fn toc_list(&self, list: &[usize]) -> tera::Value {
        values(list, |j| self.toc_entry(j))
    }

    /// Chapter `c`'s directives as [`DirectiveRef`]s.
    pub(crate) fn siblings(&self, c: usize) -> tera::Value {
        self.once(
            &self.siblings[c],
            || format!("siblings {c}"),
            || self.directive_list(&self.site.chapters[c].directives),
        )
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
        self.once(
            &self.chapter_toc[c],
            || format!("chapter toc {c}"),
            || self.toc_list(&self.site.chapters[c].directives),
        )
    }
}

/// The values of the items of `list`, as one template value (an array).
pub(crate) fn values(list: &[usize], value: impl Fn(usize) -> tera::Value) -> tera::Value {
    tera::Value::from(list.iter().map(|&i| value(i)).collect::<Vec<_>>())
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
