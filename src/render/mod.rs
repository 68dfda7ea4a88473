//! From the resolved [`Site`] and a [`Skin`] to output files in memory: a page per directive,
//! chapter, テーマ and plan, the home page, indexes, `policy.json` and the theme's static files.
//! Pages are independent: they render in parallel, and any subset can be re-rendered.

pub mod json;
pub(crate) mod refs;
pub mod skin;
pub mod view;

use std::sync::Arc;

use serde::Serialize;

use crate::diag::Diagnostic;
use crate::input::config::Config;
use crate::markdown::{self, BodyMemo, PlanMatcher, RenderOptions};
use crate::memo::Memo;
use crate::model::date::Date;
use crate::model::{Body, Site};
use crate::page::*;
use crate::render::skin::{Skin, template_error};
use crate::render::view::*;
use refs::{PageLinks, Refs};

/// Renders pages of one site with one skin.
pub struct Renderer<'a> {
    pub(crate) site: &'a Site,
    pub(crate) skin: &'a Skin,
    pub(crate) plans: PlanMatcher,
    pub(crate) refs: Refs<'a>,
    /// What pages show besides the site (other editions: [`crate::editions::EditionNav`]).
    extras: Option<&'a dyn PageExtras>,
    /// What the last build made, for a site being edited.
    pub(crate) reuse: Option<&'a RenderMemos>,
    /// A hash of the templates and the site-wide values.
    pub(crate) global: u64,
}

/// The last build's pages by path, with their inputs (global hash, template, page values).
pub type PageMemo = Memo<Arc<(u64, &'static str, tera::Context)>, Arc<Vec<u8>>>;

/// What rendering reuses between the builds of a site being edited (see [`crate::memo`]).
#[derive(Default)]
pub struct RenderMemos {
    pub(crate) pages: PageMemo,
    pub(crate) bodies: BodyMemo,
    pub(crate) values: refs::ValueMemo,
    pub(crate) made: refs::MadeMemo,
    pub(crate) models: refs::ModelMemo,
    pub(crate) rows: json::RowMemo,
}

impl RenderMemos {
    /// Ends a build: see [`Memo::end_build`].
    pub fn end_build(&mut self, succeeded: bool) {
        self.pages.end_build(succeeded);
        self.bodies.end_build(succeeded);
        self.values.end_build(succeeded);
        self.made.end_build(succeeded);
        self.models.end_build(succeeded);
        self.rows.end_build(succeeded);
    }
}

/// Page context beyond the site (the editions' navigation), so rendering knows no editions.
pub trait PageExtras: Sync {
    /// Adds the values of page `key` of `site`, at `root` (`../` per folder level).
    fn insert(&self, site: &Site, key: PageKey, root: &str, ctx: &mut tera::Context);
}

/// Most directives a page's chapter navigation lists (a window around the page; the chapter
/// page lists all), so a page's size and rendering time do not grow with its chapter.
pub const CHAPTER_NAV_MAX: usize = 15;

/// Which of a chapter's `len` directives the navigation on directive `at`'s page lists: all,
/// or [`CHAPTER_NAV_MAX`] centred on `at` as far as the chapter's edges allow.
pub fn sibling_window(len: usize, at: usize) -> std::ops::Range<usize> {
    if len <= CHAPTER_NAV_MAX {
        return 0..len;
    }
    let start = at
        .saturating_sub(CHAPTER_NAV_MAX / 2)
        .min(len - CHAPTER_NAV_MAX);
    start..start + CHAPTER_NAV_MAX
}

/// For size hints: a page without its lists of directives.
pub(crate) const PAGE_SIZE: usize = 32 * 1024;
/// For size hints: a directive in a list or a print document, besides its body.
pub(crate) const ENTRY_SIZE: usize = 1024;

/// The path from page `path` to the root (`../` per folder), and a context with it as `root`
/// and the path as `page_path`.
pub(crate) fn page_context(path: &str) -> (String, tera::Context) {
    let root = "../".repeat(path.matches('/').count());
    let mut ctx = tera::Context::new();
    ctx.insert("root", &root);
    ctx.insert("page_path", path);
    (root, ctx)
}

impl<'a> Renderer<'a> {
    /// Prepares a renderer; sets the site-wide template values.
    pub fn new(site: &'a Site, skin: &'a mut Skin, config: &Config) -> Renderer<'a> {
        let notice = &site.notice;
        let view = SiteView {
            title: &notice.title,
            notice_title: &notice.title,
            fiscal_year: notice.fiscal_year,
            fiscal_year_label: Date::fiscal_year_label(notice.fiscal_year),
            issued: notice.issued.wareki(),
            issued_iso: notice.issued.to_string(),
            issuer: &notice.issuer,
            addressee: &notice.addressee,
            organization: config.organization.as_deref().unwrap_or(""),
            chapter_starts_page: config.chapter_starts_page,
            generator: concat!("hoshin ", env!("CARGO_PKG_VERSION")),
            accessibility: {
                let a = &config.accessibility;
                let tested = a.tested.as_deref().and_then(|t| Date::parse(t).ok());
                AccessibilityView {
                    target_level: &a.target_level,
                    standard: &a.standard,
                    tested: tested.map(|d| d.wareki()).unwrap_or_default(),
                    tested_iso: a.tested.as_deref().unwrap_or(""),
                    tools: &a.tools,
                    result: a.result.as_deref().unwrap_or(""),
                    contact: a.contact.as_deref().unwrap_or(""),
                }
            },
        };
        skin.tera.global_context().insert("site", &view);
        // What every page reads besides its own values: the templates and `site`.
        let global = {
            use std::hash::{Hash, Hasher};
            let mut h = std::hash::DefaultHasher::new();
            serde_json::to_string(&view).ok().hash(&mut h);
            for (name, file) in &skin.template_files {
                (name, &*file.text).hash(&mut h);
            }
            h.finish()
        };
        Renderer {
            site,
            skin,
            plans: PlanMatcher::new(site.plans.iter().map(|p| p.name.as_str())),
            refs: Refs::new(site),
            extras: None,
            reuse: None,
            global,
        }
    }

    /// Reuses pages and bodies from `reuse` where inputs are unchanged, keeping this build's.
    pub fn with_reuse(mut self, reuse: &'a RenderMemos) -> Renderer<'a> {
        self.reuse = Some(reuse);
        self.refs.last = Some(&reuse.values);
        self.refs.last_made = Some(&reuse.made);
        self.refs.last_models = Some(&reuse.models);
        self
    }

    /// Pages also show what `extras` adds (the other editions of the policy).
    pub fn with_extras(mut self, extras: &'a dyn PageExtras) -> Renderer<'a> {
        self.extras = Some(extras);
        self
    }

    pub fn static_files(&self) -> Vec<OutputFile> {
        self.skin
            .static_files
            .iter()
            .map(|(name, bytes)| OutputFile {
                path: format!("static/{name}"),
                bytes: bytes.clone().into(),
            })
            .collect()
    }

    /// Renders a body shown on the page at `path` (`root` leads from it to the site root).
    fn render_body(
        &self,
        path: &str,
        body: &Body,
        root: &str,
        anchor_prefix: &str,
        heading_base: u8,
        sub_items: bool,
    ) -> Arc<str> {
        let options = RenderOptions {
            anchor_prefix,
            heading_base,
            plans: &self.plans,
            resolver: &PageLinks {
                site: self.site,
                root,
            },
            sub_items,
        };
        let memo = self.reuse.map(|r| (&r.bodies, path.to_string()));
        markdown::render_reusing(body, &options, memo).0
    }

    /// Renders one page (print documents: [`crate::print::Printer`]; JSON: [`json::policy_json`]).
    pub fn render_page(&self, key: PageKey) -> Result<OutputFile, Diagnostic> {
        let site = self.site;
        let path = key.path(site);
        let (root, mut ctx) = page_context(&path);
        let root = root.as_str();
        let template = match key {
            PageKey::Home => {
                let notice = &site.notice;
                #[derive(Serialize)]
                struct BasisView<'a> {
                    plan: PlanRef<'a>,
                    date: String,
                    date_iso: String,
                }
                let bases: Vec<BasisView> = notice
                    .bases
                    .iter()
                    .map(|b| BasisView {
                        plan: PlanRef::new(&site.plans[b.plan]),
                        date: b.date.wareki(),
                        date_iso: b.date.to_string(),
                    })
                    .collect();
                ctx.insert("bases", &bases);
                ctx.insert(
                    "preamble_html",
                    &*self.render_body(&path, &notice.preamble, root, "", 2, false),
                );
                ctx.insert_value("toc", self.toc());
                ctx.insert(
                    "topics",
                    &site.topics.iter().map(TopicRef::new).collect::<Vec<_>>(),
                );
                ctx.insert("page_title", &notice.title);
                "index.html"
            }
            PageKey::Chapter(i) => {
                let c = &site.chapters[i];
                ctx.insert_value("chapter", self.refs.chapter(i));
                ctx.insert(
                    "intro_html",
                    &*self.render_body(
                        &path,
                        &c.intro,
                        root,
                        &format!("chapter-{}", c.number),
                        2,
                        false,
                    ),
                );
                ctx.insert_value("directives", self.refs.chapter_toc(i));
                ctx.insert(
                    "plans",
                    &c.references
                        .iter()
                        .map(|&p| PlanRef::new(&site.plans[p]))
                        .collect::<Vec<_>>(),
                );
                let chapter_ref =
                    |j: usize| (j < site.chapters.len()).then(|| self.refs.chapter(j));
                ctx.insert_value("prev", i.checked_sub(1).and_then(chapter_ref).into());
                ctx.insert_value("next", chapter_ref(i + 1).into());
                ctx.insert("page_title", &format!("{}. {}", c.number, c.title));
                ctx.insert("crumbs", &[Crumb::home()]);
                "chapter.html"
            }
            PageKey::Directive(i) => {
                let d = &site.directives[i];
                let c = site.chapter_of(d);
                let body_html = self.render_body(&path, &d.body, root, &d.id, 2, true);
                let view = (self.refs).with_body("view", i, body_html, refs::directive_view);
                ctx.insert_value("directive", view);
                ctx.insert_value("chapter", self.refs.chapter(d.chapter));
                let (siblings, window) = self.refs.chapter_nav(i);
                ctx.insert_value("siblings", siblings);
                ctx.insert("siblings_window", &window);
                ctx.insert_value("topics", self.refs.topic_list(&d.topics));
                ctx.insert_value("plans", self.refs.plan_list(&d.plans));
                ctx.insert_value("related", self.refs.directive_list(&d.related));
                ctx.insert_value("linked_from", self.refs.directive_list(&d.linked_from));
                let directive_ref =
                    |j: usize| (j < site.directives.len()).then(|| self.refs.directive(j));
                ctx.insert_value("prev", i.checked_sub(1).and_then(directive_ref).into());
                ctx.insert_value("next", directive_ref(i + 1).into());
                ctx.insert("page_title", &format!("{} {}", site.citation(d), d.title));
                ctx.insert(
                    "crumbs",
                    &[
                        Crumb::home(),
                        Crumb::new(format!("{}. {}", c.number, c.title), chapter_url(c.number)),
                    ],
                );
                "directive.html"
            }
            PageKey::Topics => {
                #[derive(Serialize)]
                struct TopicEntry<'a> {
                    #[serde(flatten)]
                    topic: TopicRef<'a>,
                    directives: tera::Value,
                }
                let list: Vec<TopicEntry> = site
                    .topics
                    .iter()
                    .map(|t| TopicEntry {
                        topic: TopicRef::new(t),
                        directives: self.refs.directive_list(&t.directives),
                    })
                    .collect();
                ctx.insert("topics", &list);
                ctx.insert("page_title", "テーマ別索引");
                ctx.insert("crumbs", &[Crumb::home()]);
                "topics.html"
            }
            PageKey::Topic(i) => {
                let t = &site.topics[i];
                ctx.insert("topic", &TopicRef::new(t));
                ctx.insert_value("directives", self.refs.toc_list(&t.directives));
                ctx.insert("page_title", &format!("テーマ: {}", t.name));
                ctx.insert(
                    "crumbs",
                    &[Crumb::home(), Crumb::new("テーマ別索引", TOPICS_URL)],
                );
                "topic.html"
            }
            PageKey::Plans => {
                ctx.insert(
                    "plans",
                    &site.plans.iter().map(PlanRef::new).collect::<Vec<_>>(),
                );
                ctx.insert("page_title", "関連計画一覧");
                ctx.insert("crumbs", &[Crumb::home()]);
                "plans.html"
            }
            PageKey::Plan(i) => {
                let p = &site.plans[i];
                ctx.insert("plan", &PlanRef::new(p));
                ctx.insert_value("directives", self.refs.directive_list(&p.directives));
                ctx.insert_value(
                    "chapters",
                    tera::Value::from(
                        p.chapters
                            .iter()
                            .map(|&c| self.refs.chapter(c))
                            .collect::<Vec<_>>(),
                    ),
                );
                let is_basis = site
                    .notice
                    .bases
                    .iter()
                    .find(|b| b.plan == i)
                    .map(|b| b.date.wareki());
                ctx.insert("basis_date", &is_basis.unwrap_or_default());
                ctx.insert("page_title", p.name.as_str());
                ctx.insert(
                    "crumbs",
                    &[Crumb::home(), Crumb::new("関連計画一覧", PLANS_URL)],
                );
                "plan.html"
            }
            PageKey::NotFound => {
                ctx.insert("page_title", "ページが見つかりません");
                "404.html"
            }
            PageKey::Search => {
                ctx.insert("page_title", "サイト内検索");
                ctx.insert(
                    "search_index_url",
                    &format!("{}/index.js", SEARCH_INDEX_DIR),
                );
                "search.html"
            }
            PageKey::Accessibility => {
                ctx.insert("page_title", "ウェブアクセシビリティ方針");
                ctx.insert("crumbs", &[Crumb::home()]);
                "accessibility.html"
            }
            PageKey::PolicyJson | PageKey::Print | PageKey::TopicPrint(_) => {
                unreachable!("{key:?} is made by print::Printer or render::json")
            }
        };
        self.render_template(key, path, template, ctx, self.size_hint(key))
    }

    /// Renders page `key` at `path` with `template` and `ctx` (from [`page_context`]) into a
    /// `size_hint`-byte buffer, adding what every page shows: crumbs and [`PageExtras`].
    pub(crate) fn render_template(
        &self,
        key: PageKey,
        path: String,
        template: &'static str,
        mut ctx: tera::Context,
        size_hint: usize,
    ) -> Result<OutputFile, Diagnostic> {
        if !ctx.contains_key("crumbs") {
            ctx.insert("crumbs", &Vec::<Crumb>::new());
        }
        if let Some(extras) = self.extras {
            let root = "../".repeat(path.matches('/').count());
            extras.insert(self.site, key, &root, &mut ctx);
        }
        let same = |made: &Arc<(u64, &str, tera::Context)>| {
            made.0 == self.global && made.1 == template && made.2 == ctx
        };
        if let Some(bytes) = self.reuse.and_then(|r| r.pages.reuse(&path, same)) {
            return Ok(OutputFile { path, bytes });
        }
        // Straight into bytes: `render` would recheck the page is UTF-8 only to turn it back.
        let mut bytes = Vec::with_capacity(size_hint);
        self.skin
            .tera
            .render_to(template, &ctx, &mut bytes)
            .map_err(|e| template_error(&self.skin.template_files, &e))?;
        let bytes = Arc::new(bytes);
        if let Some(reuse) = self.reuse {
            let made = Arc::new((self.global, template, ctx));
            reuse.pages.keep(path.clone(), made, Arc::clone(&bytes));
        }
        Ok(OutputFile { path, bytes })
    }

    /// Renders `template` with `ctx` alone, nothing added or reused, into a `size_hint`-byte
    /// buffer: a part of a page that the page's template shows as it is (a chapter of a print
    /// document), as a string marked safe.
    pub(crate) fn render_part(
        &self,
        template: &str,
        ctx: &tera::Context,
        size_hint: usize,
    ) -> Result<tera::Value, Diagnostic> {
        let mut bytes = Vec::with_capacity(size_hint);
        (self.skin.tera.render_to(template, ctx, &mut bytes))
            .map_err(|e| template_error(&self.skin.template_files, &e))?;
        // Checked as UTF-8 by encoding_rs: ~8 times faster than `str::from_utf8` on Japanese.
        let text = encoding_rs::UTF_8.decode_without_bom_handling_and_without_replacement(&bytes);
        Ok(tera::Value::safe_string(&text.expect("Tera writes UTF-8")))
    }

    /// A generous size guess for page `key`, so long pages (print, contents, テーマ) render into one
    /// buffer without doubling copies; guessing high is cheap: unwritten memory is never touched.
    fn size_hint(&self, key: PageKey) -> usize {
        let site = self.site;
        let listing = |directives: &[usize]| PAGE_SIZE + directives.len() * ENTRY_SIZE;
        match key {
            PageKey::Topic(t) => listing(&site.topics[t].directives),
            PageKey::Chapter(c) => listing(&site.chapters[c].directives),
            PageKey::Plan(p) => listing(&site.plans[p].directives),
            PageKey::Directive(d) => PAGE_SIZE / 2 + 2 * site.directives[d].body.markdown().len(),
            PageKey::Home => PAGE_SIZE + site.directives.len() * ENTRY_SIZE / 2,
            PageKey::Topics => {
                PAGE_SIZE
                    + site
                        .topics
                        .iter()
                        .map(|t| t.directives.len())
                        .sum::<usize>()
                        * ENTRY_SIZE
                        / 2
            }
            _ => PAGE_SIZE / 2,
        }
    }

    /// The home page's table of contents: every chapter with its directives.
    fn toc(&self) -> tera::Value {
        // Made of the shared values themselves: serializing them would copy the whole site.
        let chapter_value = |c: usize| {
            tera::Value::from(std::collections::BTreeMap::from([
                ("chapter", self.refs.chapter(c)),
                ("directives", self.refs.chapter_toc(c)),
            ]))
        };
        let chapters: Vec<usize> = (0..self.refs.site.chapters.len()).collect();
        refs::values(&chapters, chapter_value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> (Site, Skin, Config) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut diags = crate::diag::Diagnostics::new();
        let sources = crate::input::load(root, &mut diags);
        let site = crate::resolve::resolve(&sources, &mut diags).expect("bundled site resolves");
        let skin =
            crate::render::skin::load(root, &sources.config.theme, &mut diags).expect("skin");
        (site, skin, sources.config)
    }

    /// The print documents share bodies rendered once, in parallel, on first use. Had
    /// that rendering waited inside the lock that holds them, a worker waiting for its
    /// part of it could be handed another print document by rayon's work stealing, which
    /// then waited on the lock the worker itself held: a deadlock, seen with 3 threads
    /// in one build of six. Many threads and many builds make it near certain.
    #[test]
    fn print_documents_render_on_many_threads_without_deadlock() {
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let (site, mut skin, config) = bundled();
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(8)
                .build()
                .expect("thread pool");
            let mut keys = all_pages(&site);
            keys.retain(|k| matches!(k, PageKey::Print | PageKey::TopicPrint(_)));
            for _ in 0..200 {
                let renderer = Renderer::new(&site, &mut skin, &config);
                let printer = crate::print::Printer::new(&renderer);
                let pages = pool
                    .install(|| {
                        use rayon::prelude::*;
                        keys.par_iter()
                            .map(|&k| printer.render(k))
                            .collect::<Result<Vec<_>, _>>()
                    })
                    .expect("pages");
                assert_eq!(pages.len(), keys.len());
            }
            done.send(()).expect("test waits");
        });
        finished
            .recv_timeout(std::time::Duration::from_secs(120))
            .expect("200 renderings of the print documents finish (a deadlock does not)");
    }

    #[test]
    fn size_hints_hold_every_page_of_the_bundled_site() {
        let (site, mut skin, config) = bundled();
        let renderer = Renderer::new(&site, &mut skin, &config);
        // policy.json and the print documents are not pages of the renderer.
        for key in all_pages(&site).into_iter().filter(|&k| {
            !matches!(
                k,
                PageKey::PolicyJson | PageKey::Print | PageKey::TopicPrint(_)
            )
        }) {
            let page = renderer.render_page(key).expect("page renders");
            let hint = renderer.size_hint(key);
            assert!(
                hint >= page.bytes.len(),
                "{key:?}: hint {hint} < {} bytes",
                page.bytes.len()
            );
        }
    }

    #[test]
    fn sibling_windows_hold_the_page_in_the_middle_unless_at_an_edge() {
        for len in 0..=3 * CHAPTER_NAV_MAX {
            for at in 0..len {
                let w = sibling_window(len, at);
                assert_eq!(w.len(), len.min(CHAPTER_NAV_MAX), "len {len} at {at}");
                assert!(w.contains(&at) && w.end <= len, "len {len} at {at}: {w:?}");
                // Centred, or pushed against the start or the end of the chapter.
                let centred = at - w.start == CHAPTER_NAV_MAX / 2;
                assert!(
                    centred || w.start == 0 || w.end == len,
                    "len {len} at {at}: {w:?}"
                );
                if w.start == 0 && len > CHAPTER_NAV_MAX {
                    assert!(at <= CHAPTER_NAV_MAX / 2, "len {len} at {at}: {w:?}");
                }
            }
        }
    }
}
