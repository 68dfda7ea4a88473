//! The one pipeline every command uses: load → resolve → render → write. [`render`] makes
//! every file in memory, [`check`] too but keeps none; [`build`] writes each into a staged folder as it is made and
//! swaps it in; [`session::Session`] (`serve`, `build --watch`) re-renders after every change.
//! This module decides which outputs a site has: pages, print, `policy.json`, search, editions.

pub mod session;

use std::path::Path;
use std::sync::Mutex;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};
use crate::editions::{self, under};
use crate::input::config::Config;
use crate::input::{self, Sources};
use crate::model::Site;
use crate::output;
use crate::page::{OutputFile, PageKey, all_pages};
use crate::print::{self, Printer};
use crate::render::skin::{self, Skin};
use crate::render::{self, Renderer, json};
use crate::resolve;
use crate::search;

/// Why a run failed.
#[derive(Debug)]
pub enum Failure {
    /// Problems in the user's input: every one found, sorted.
    Input(Vec<Diagnostic>),
    /// The output could not be written (refused folder, disk full, permissions).
    Output(anyhow::Error),
}

/// A site rendered in memory, with the warnings found on the way.
pub struct Rendered {
    pub site: Site,
    pub sources: Sources,
    /// The files, unless they went straight to the output ([`build`]).
    pub files: Vec<OutputFile>,
    /// The path of every file made, kept or not.
    pub paths: Vec<String>,
    pub warnings: Vec<Diagnostic>,
}

/// Loads, resolves and renders the site at `root`, writing nothing.
pub fn render(root: &Path) -> Result<Rendered, Failure> {
    run(root, None, None)
}

/// [`render`], reusing the last build's unchanged outputs and keeping this one's ([`crate::memo`]).
pub fn render_reusing(root: &Path, reuse: &mut Reuse) -> Result<Rendered, Failure> {
    let result = run(root, None, Some(reuse));
    reuse.end_build(result.is_ok());
    result
}

/// What the builds of a site being edited reuse: each stage's memos.
#[derive(Default)]
pub struct Reuse {
    sources: input::SourceMemo,
    parse: resolve::ParseMemo,
    render: render::RenderMemos,
    print: print::ChapterMemo,
    search: search::PostingsMemo,
}

impl Reuse {
    fn end_build(&mut self, succeeded: bool) {
        self.sources.end_build(succeeded);
        self.parse.end_build(succeeded);
        self.render.end_build(succeeded);
        self.print.end_build(succeeded);
        self.search.end_build(succeeded);
    }
}

/// What `check` does: [`render`] every file, keeping none.
pub fn check(root: &Path) -> Result<Rendered, Failure> {
    run(root, Some(&|_| Ok(())), None)
}

/// Builds the site at `root` into `out`, left as it was on failure. Files go into the stage as
/// rendered (never the whole site in memory); it is swapped in only if every file was written.
pub fn build(root: &Path, out: &Path) -> Result<Rendered, Failure> {
    with_output(root, out, || {
        let stage = output::Stage::create(out).map_err(Failure::Output)?;
        let sink = |file: OutputFile| stage.write(&file);
        let rendered = run(root, Some(&sink), None)?;
        stage.commit().map_err(Failure::Output)?;
        Ok(rendered)
    })
}

/// Swaps `files` in as `out`'s content, atomically: for `pdf` and `build --watch`.
pub fn write(root: &Path, out: &Path, files: &[OutputFile]) -> Result<(), Failure> {
    with_output(root, out, || {
        output::write_site(out, files).map_err(Failure::Output)
    })
}

/// Writes the files a rebuild changed into `out`, which holds the previous build, each
/// atomically, and removes those no longer part of the site: for `build --watch`. Returns the
/// replaced files, open, to drop once the update is reported ([`output::update`]).
pub fn update(
    root: &Path,
    out: &Path,
    update: &session::Update,
    spares: Option<&output::Spares>,
) -> Result<Vec<std::fs::File>, Failure> {
    with_output(root, out, || {
        output::update(out, &update.written, &update.removed, spares).map_err(Failure::Output)
    })
}

/// Runs `write` under `out`'s lock, once `out` is checked to be safe for a build of `root`
/// to write, before and again under the lock (another process may have changed it).
fn with_output<T>(
    root: &Path,
    out: &Path,
    write: impl FnOnce() -> Result<T, Failure>,
) -> Result<T, Failure> {
    output::check_output_dir(root, out).map_err(Failure::Output)?;
    let _lock = output::lock(out).map_err(Failure::Output)?;
    output::check_output_dir(root, out).map_err(Failure::Output)?;
    write()
}

/// Where each file goes as it is made.
type Sink<'s> = dyn Fn(OutputFile) -> anyhow::Result<()> + Sync + 's;

/// The files a run made: kept in memory, or handed to a sink; the first sink error.
struct Collector<'s> {
    sink: Option<&'s Sink<'s>>,
    files: Mutex<Vec<OutputFile>>,
    paths: Mutex<Vec<String>>,
    failed: Mutex<Option<anyhow::Error>>,
}

impl<'s> Collector<'s> {
    fn new(sink: Option<&'s Sink<'s>>) -> Collector<'s> {
        Collector {
            sink,
            files: Mutex::new(Vec::new()),
            paths: Mutex::new(Vec::new()),
            failed: Mutex::new(None),
        }
    }

    /// Takes one file made, its path prefixed with `prefix` (an older edition's folder).
    fn take(&self, prefix: &str, mut file: OutputFile) {
        if self.stopped() {
            return;
        }
        if !prefix.is_empty() {
            file.path = format!("{prefix}{}", file.path);
        }
        self.paths.lock().expect("lock").push(file.path.clone());
        match self.sink {
            Some(sink) => {
                if let Err(e) = sink(file) {
                    self.failed.lock().expect("lock").get_or_insert(e);
                }
            }
            None => self.files.lock().expect("lock").push(file),
        }
    }

    /// Whether a sink failed: rendering stops.
    fn stopped(&self) -> bool {
        self.failed.lock().expect("lock").is_some()
    }
}

/// Loads, resolves and renders; with a `sink`, files go there as made, not to [`Rendered::files`].
fn run(root: &Path, sink: Option<&Sink<'_>>, reuse: Option<&Reuse>) -> Result<Rendered, Failure> {
    let mut diags = Diagnostics::new();
    let sources = input::load_reusing(root, &mut diags, reuse.map(|r| &r.sources));
    let site = resolve::resolve_reusing(&sources, &mut diags, reuse.map(|r| &r.parse));
    let skin = skin::load(root, &sources.config.theme, &mut diags);
    let (Some(site), Some(mut skin)) = (site, skin) else {
        return Err(Failure::Input(diags.sorted()));
    };
    let editions = editions::load_all(root, &sources, &site, &mut diags);
    if diags.has_errors() {
        return Err(Failure::Input(diags.sorted()));
    }
    let collector = Collector::new(sink);
    let nav = editions.as_ref().map(|e| e.nav_latest());
    {
        let mut renderer = Renderer::new(&site, &mut skin, &sources.config);
        if let Some(nav) = &nav {
            renderer = renderer.with_extras(nav);
        }
        if let Some(reuse) = reuse {
            renderer = renderer.with_reuse(&reuse.render);
        }
        if let Err(errors) = render_outputs(&renderer, "", reuse, &collector) {
            diags.extend(errors);
        }
    }
    if let Some(editions) = &editions {
        render_editions(editions, &site, &mut skin, &sources.config, &collector)
            .unwrap_or_else(|errors| diags.extend(errors));
    }
    if let Some(e) = collector.failed.into_inner().expect("lock") {
        return Err(Failure::Output(e));
    }
    if diags.has_errors() {
        return Err(Failure::Input(diags.sorted()));
    }
    Ok(Rendered {
        site,
        sources,
        files: collector.files.into_inner().expect("lock"),
        paths: collector.paths.into_inner().expect("lock"),
        warnings: diags.sorted(),
    })
}

/// Every output of one site, handed to `collector` under `prefix`: pages, print documents and
/// `policy.json` in parallel with the search index, then the theme's static files. `reuse`: the
/// print and search memos of a site being edited (the renderer holds its own).
fn render_outputs(
    renderer: &Renderer,
    prefix: &str,
    reuse: Option<&Reuse>,
    collector: &Collector,
) -> Result<(), Vec<Diagnostic>> {
    let site = renderer.site;
    let take = |file: OutputFile| collector.take(prefix, file);
    let mut printer = Printer::new(renderer);
    if let Some(reuse) = reuse {
        printer = printer.with_reuse(&reuse.print);
    }
    let keys = all_pages(site);
    let (errors, ()) = rayon::join(
        || -> Vec<Diagnostic> {
            keys.par_iter()
                .filter(|_| !collector.stopped())
                .filter_map(|&key| render_key(renderer, &printer, key).map(take).err())
                .collect()
        },
        || {
            search::emit_index_files(site, take, reuse.map(|r| &r.search));
        },
    );
    renderer.static_files().into_iter().for_each(take);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// One output of a site: a page, a print document or `policy.json`.
fn render_key(
    renderer: &Renderer,
    printer: &Printer,
    key: PageKey,
) -> Result<OutputFile, Diagnostic> {
    match key {
        PageKey::Print | PageKey::TopicPrint(_) => printer.render(key),
        PageKey::PolicyJson => Ok(OutputFile {
            path: key.path(renderer.site),
            bytes: json::policy_json(renderer).into(),
        }),
        _ => renderer.render_page(key),
    }
}

/// The older editions' pages, under their folders, and the 新旧対照表 pages.
fn render_editions(
    editions: &editions::Editions,
    latest: &Site,
    skin: &mut Skin,
    config: &Config,
    collector: &Collector,
) -> Result<(), Vec<Diagnostic>> {
    let mut errors = Diagnostics::new();
    let older_config = Config {
        title: None,
        editions: Vec::new(),
        ..config.clone()
    };
    for (k, edition) in editions.older.iter().enumerate() {
        let nav = editions.nav(k);
        let renderer = Renderer::new(&edition.site, skin, &older_config).with_extras(&nav);
        if let Err(e) = render_outputs(&renderer, &editions.prefix(k), None, collector) {
            errors.extend(under(Path::new(&edition.dir), e));
        }
    }
    match editions.compare_pages(latest, skin, config) {
        Ok(files) => files.into_iter().for_each(|f| collector.take("", f)),
        Err(e) => errors.extend(e.sorted()),
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.sorted())
    }
}
