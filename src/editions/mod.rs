//! Several editions (fiscal years) of the policy in one site. The site's own `content/` is the
//! newest, published at the root. `editions:` in `hoshin.yaml` lists folders of older editions
//! (site roots holding that year's `content/`), loaded and resolved like the site itself and
//! published under `editions/<fiscal year>/`. Every page knows the other editions
//! ([`EditionNav`]); each consecutive pair gets a 新旧対照表 at `compare/<old>-<new>.html`/`.json`.

pub mod archive;
pub mod diff;
pub mod table;
pub mod text;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics};
use crate::editions::diff::Comparison;
use crate::editions::table::{Links, TableView};
use crate::input::config::{CONFIG_FILE, Config};
use crate::input::front_matter::locate;
use crate::input::{self, Sources};
use crate::model::Site;
use crate::model::date::Date;
use crate::page::{HOME_URL, directive_url};
use crate::page::{OutputFile, PageKey};
use crate::render::skin::{Skin, template_error};
use crate::render::view::Crumb;
use crate::render::{PageExtras, Renderer};
use crate::resolve;

/// Folder of the older editions in the built site: `editions/<fiscal year>/`.
pub const EDITIONS_URL: &str = "editions";
/// Folder of the 新旧対照表 pages in the built site.
pub const COMPARE_URL: &str = "compare";

/// Where an older edition is published, e.g. `editions/2025/`.
pub fn edition_prefix(fiscal_year: u16) -> String {
    format!("{EDITIONS_URL}/{fiscal_year}/")
}

/// The 新旧対照表 page of two editions, e.g. `compare/2025-2026.html`.
pub fn compare_url(old: u16, new: u16) -> String {
    format!("{COMPARE_URL}/{old}-{new}.html")
}

/// The 新旧対照表 of two editions as JSON, e.g. `compare/2025-2026.json`.
pub fn compare_json_url(old: u16, new: u16) -> String {
    format!("{COMPARE_URL}/{old}-{new}.json")
}

/// An older edition, loaded and resolved.
pub struct Edition {
    /// The folder as written in `hoshin.yaml`.
    pub dir: String,
    pub sources: Sources,
    pub site: Site,
}

/// What every page needs to know about one edition.
struct EditionSummary {
    fiscal_year: u16,
    label: String,
    title: String,
    /// Where its pages are, relative to the site root: empty for the newest.
    prefix: String,
    ids: HashSet<String>,
}

/// The older editions of a site, with what the pages of every edition link to.
pub struct Editions {
    /// Oldest first.
    pub older: Vec<Edition>,
    /// Every edition, oldest first; the site's own (the newest) last.
    summaries: Vec<EditionSummary>,
    /// 新旧対照表 of consecutive editions: (old, new) indices into `summaries`, oldest first.
    pub comparisons: Vec<(usize, usize, Comparison)>,
}

/// Loads and resolves the editions in `sources.config.editions` (`None` if none), reporting
/// their problems into `diags` with paths from the site root (`editions/2025/content/…`).
pub fn load_all(
    root: &Path,
    sources: &Sources,
    site: &Site,
    diags: &mut Diagnostics,
) -> Option<Editions> {
    let configured = &sources.config.editions;
    if configured.is_empty() {
        return None;
    }
    let config_file = input::read_source(
        root,
        &root.join(CONFIG_FILE),
        sources.config.max_file_size,
        &mut Vec::new(),
    )
    .ok();
    let at = |value: &str, message: String| match &config_file {
        Some(file) => {
            let (s, e) = locate(&file.text, 0, "editions", Some(value));
            Diagnostic::at(file, s, e, message)
        }
        None => Diagnostic::file(CONFIG_FILE, message),
    };
    let own_root = dunce::canonicalize(root).ok();
    let mut older: Vec<Edition> = Vec::new();
    for dir in configured {
        let path = root.join(dir);
        if !path.join(input::CONTENT_DIR).is_dir() {
            diags.push(at(dir, crate::t!("edition-no-content", dir = dir)));
            continue;
        }
        if own_root.is_some() && dunce::canonicalize(&path).ok() == own_root {
            diags.push(at(dir, crate::t!("edition-is-site-itself", dir = dir)));
            continue;
        }
        let (edition_sources, edition_site, problems) = load_root(&path);
        diags.extend(under(Path::new(dir), problems));
        let Some(edition_site) = edition_site else {
            continue;
        };
        let fy = edition_site.notice.fiscal_year;
        if fy >= site.notice.fiscal_year {
            diags.push(at(
                dir,
                crate::t!(
                    "edition-not-older",
                    dir = dir,
                    year = fy,
                    site_year = site.notice.fiscal_year
                ),
            ));
            continue;
        }
        if let Some(other) = older.iter().find(|e| e.site.notice.fiscal_year == fy) {
            diags.push(at(
                dir,
                crate::t!(
                    "edition-same-year",
                    other = &other.dir,
                    dir = dir,
                    year = fy
                ),
            ));
            continue;
        }
        older.push(Edition {
            dir: dir.clone(),
            sources: edition_sources,
            site: edition_site,
        });
    }
    older.sort_by_key(|e| e.site.notice.fiscal_year);
    let summary = |site: &Site, prefix: String| EditionSummary {
        fiscal_year: site.notice.fiscal_year,
        label: Date::fiscal_year_label(site.notice.fiscal_year),
        title: site.notice.title.clone(),
        prefix,
        ids: site.directive_by_id.keys().cloned().collect(),
    };
    let mut summaries: Vec<EditionSummary> = older
        .iter()
        .map(|e| summary(&e.site, edition_prefix(e.site.notice.fiscal_year)))
        .collect();
    summaries.push(summary(site, String::new()));
    let sites: Vec<&Site> = older.iter().map(|e| &e.site).chain([site]).collect();
    let comparisons = sites
        .windows(2)
        .enumerate()
        .map(|(k, pair)| (k, k + 1, diff::compare(pair[0], pair[1], false)))
        .collect();
    Some(Editions {
        older,
        summaries,
        comparisons,
    })
}

/// Loads and resolves the site (or edition) at `root` as `build` does: its sources, the site
/// if it resolved without errors, and every problem (paths relative to `root`).
pub fn load_root(root: &Path) -> (Sources, Option<Site>, Vec<Diagnostic>) {
    let mut diags = Diagnostics::new();
    let sources = input::load(root, &mut diags);
    let site = resolve::resolve(&sources, &mut diags);
    let site = site.filter(|_| !diags.has_errors());
    (sources, site, diags.sorted())
}

/// Diagnostics with relative paths put under `dir`, naming files from where hoshin was run.
pub fn under(dir: &Path, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diags
        .into_iter()
        .map(|mut d| {
            if d.path.is_relative() && dir != Path::new(".") && dir != Path::new("") {
                d.path = dir.join(&d.path);
            }
            d
        })
        .collect()
}

impl Editions {
    /// What the pages of the newest edition (the site itself) show about the others.
    pub fn nav_latest(&self) -> EditionNav<'_> {
        self.nav(self.summaries.len() - 1)
    }

    /// What the pages of older edition `k` ([`Editions::older`] index) show about the others.
    pub fn nav(&self, k: usize) -> EditionNav<'_> {
        EditionNav {
            editions: self,
            current: k,
        }
    }

    /// Where older edition `k` is published, e.g. `editions/2025/`.
    pub fn prefix(&self, k: usize) -> String {
        self.summaries[k].prefix.clone()
    }

    /// The 新旧対照表 pages and JSON, rendered with `skin` and the newest edition's site values.
    pub fn compare_pages(
        &self,
        latest: &Site,
        skin: &mut Skin,
        config: &Config,
    ) -> Result<Vec<OutputFile>, Diagnostics> {
        let mut files = Vec::new();
        let mut errors = Diagnostics::new();
        // Sets the site-wide template values to the newest edition's.
        drop(Renderer::new(latest, skin, config));
        let nav = self.nav_latest();
        for (a, b, cmp) in &self.comparisons {
            let (old, new) = (&self.summaries[*a], &self.summaries[*b]);
            match self.compare_page(skin, &nav, (old, new, cmp), config.compare_new_first) {
                Ok(f) => files.push(f),
                Err(d) => errors.push(d),
            }
            files.push(OutputFile {
                path: compare_json_url(old.fiscal_year, new.fiscal_year),
                bytes: table::json(cmp).into(),
            });
        }
        if errors.is_empty() {
            Ok(files)
        } else {
            Err(errors)
        }
    }

    fn compare_page(
        &self,
        skin: &Skin,
        nav: &EditionNav,
        (old, new, cmp): (&EditionSummary, &EditionSummary, &Comparison),
        new_first: bool,
    ) -> Result<OutputFile, Diagnostic> {
        let path = compare_url(old.fiscal_year, new.fiscal_year);
        let root = "../";
        let links = SiteLinks {
            root,
            old: &old.prefix,
            new: &new.prefix,
        };
        let table = TableView::new(cmp, &links, new_first);
        let mut ctx = tera::Context::new();
        ctx.insert("root", root);
        ctx.insert("page_path", &path);
        ctx.insert("page_title", &table.caption);
        ctx.insert("crumbs", &[Crumb::home()]);
        ctx.insert("table", &table);
        ctx.insert(
            "json_url",
            &format!(
                "{root}{}",
                compare_json_url(old.fiscal_year, new.fiscal_year)
            ),
        );
        nav.insert_common(root, &mut ctx);
        let mut bytes = Vec::with_capacity(32 * 1024);
        skin.tera
            .render_to("compare.html", &ctx, &mut bytes)
            .map_err(|e| template_error(&skin.template_files, &e))?;
        Ok(OutputFile {
            path,
            bytes: bytes.into(),
        })
    }
}

/// Links from a 新旧対照表 page to the directive pages of its two editions.
struct SiteLinks<'a> {
    root: &'a str,
    old: &'a str,
    new: &'a str,
}

impl Links for SiteLinks<'_> {
    fn old_directive(&self, id: &str) -> Option<String> {
        Some(format!("{}{}{}", self.root, self.old, directive_url(id)))
    }
    fn new_directive(&self, id: &str) -> Option<String> {
        Some(format!("{}{}{}", self.root, self.new, directive_url(id)))
    }
}

/// The editions as the pages of one of them see them.
pub struct EditionNav<'e> {
    editions: &'e Editions,
    /// Index of the page's own edition.
    current: usize,
}

#[derive(Serialize)]
struct EditionView<'a> {
    /// `令和7年度`
    label: &'a str,
    fiscal_year: u16,
    /// This is the newest edition (the site root).
    latest: bool,
    latest_label: &'a str,
    /// The newest edition's home page, relative to the page.
    latest_url: String,
    /// Every edition, newest first.
    all: Vec<EditionLink<'a>>,
    /// The 新旧対照表 pages, newest pair first.
    compares: Vec<CompareLink>,
}

#[derive(Serialize)]
struct EditionLink<'a> {
    label: &'a str,
    title: &'a str,
    /// Its home page, or on a directive page that directive there (`None`: absent there).
    url: Option<String>,
    current: bool,
    latest: bool,
}

#[derive(Serialize)]
struct CompareLink {
    /// `令和7年度→令和8年度`
    label: String,
    url: String,
}

impl PageExtras for EditionNav<'_> {
    /// Adds `edition` to a page's context (its label, newest or not, links to every edition and
    /// 新旧対照表) and, on a directive page, `edition_links`: that directive in every edition.
    fn insert(&self, site: &Site, key: PageKey, root: &str, ctx: &mut tera::Context) {
        self.insert_common(root, ctx);
        if let PageKey::Directive(i) = key {
            let id = &site.directives[i].id;
            let site_root = self.site_root(root);
            let links = self.edition_links(|s| {
                (s.ids.contains(id))
                    .then(|| format!("{site_root}{}{}", s.prefix, directive_url(id)))
            });
            ctx.insert("edition_links", &links);
        }
    }
}

impl EditionNav<'_> {
    /// Every edition, newest first, each linked to `url(edition)`.
    fn edition_links(
        &self,
        url: impl Fn(&EditionSummary) -> Option<String>,
    ) -> Vec<EditionLink<'_>> {
        let summaries = &self.editions.summaries;
        (summaries.iter().enumerate().rev())
            .map(|(k, s)| EditionLink {
                label: &s.label,
                title: &s.title,
                url: url(s),
                current: k == self.current,
                latest: k + 1 == summaries.len(),
            })
            .collect()
    }

    /// From a page at `root` (relative to its edition) to the site root.
    fn site_root(&self, root: &str) -> String {
        let prefix = &self.editions.summaries[self.current].prefix;
        format!("{root}{}", "../".repeat(prefix.matches('/').count()))
    }

    fn insert_common(&self, root: &str, ctx: &mut tera::Context) {
        let summaries = &self.editions.summaries;
        let me = &summaries[self.current];
        let newest = summaries.last().expect("the site's own edition");
        let site_root = self.site_root(root);
        let view = EditionView {
            label: &me.label,
            fiscal_year: me.fiscal_year,
            latest: self.current + 1 == summaries.len(),
            latest_label: &newest.label,
            latest_url: format!("{site_root}{HOME_URL}"),
            all: self.edition_links(|s| Some(format!("{site_root}{}{HOME_URL}", s.prefix))),
            compares: self
                .editions
                .comparisons
                .iter()
                .rev()
                .map(|(a, b, _)| CompareLink {
                    label: format!("{}→{}", summaries[*a].label, summaries[*b].label),
                    url: format!(
                        "{site_root}{}",
                        compare_url(summaries[*a].fiscal_year, summaries[*b].fiscal_year)
                    ),
                })
                .collect(),
        };
        ctx.insert("edition", &view);
    }
}

/// The folders an edition list names, absolute, for watching.
pub fn edition_dirs(root: &Path, config: &Config) -> Vec<PathBuf> {
    config.editions.iter().map(|d| root.join(d)).collect()
}
