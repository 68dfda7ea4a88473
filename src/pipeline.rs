//! The one pipeline every command uses: load → resolve → render → write.
//!
//! `check` stops after rendering in memory; `build` writes atomically; `serve` and the
//! print export reuse the same steps.

use std::path::Path;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::{self, Sources};
use crate::model::Site;
use crate::output;
use crate::render::{OutputFile, Renderer};
use crate::resolve;
use crate::skin::{self, Skin};
use crate::timing;

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
    pub files: Vec<OutputFile>,
    pub warnings: Vec<Diagnostic>,
}

/// Loads, resolves and renders the site at `root`, writing nothing.
pub fn render(root: &Path) -> Result<Rendered, Failure> {
    render_scope(root, Scope::All)
}

/// What `check` does: loads and resolves everything (every reference and link is
/// checked), but renders only [`sample_pages`](crate::render::sample_pages), one page of
/// each shape, to find template errors. `files` holds just those pages.
pub fn check(root: &Path) -> Result<Rendered, Failure> {
    render_scope(root, Scope::Sample)
}

/// Which pages a run renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    All,
    Sample,
}

fn render_scope(root: &Path, scope: Scope) -> Result<Rendered, Failure> {
    let mut diags = Diagnostics::new();
    let sources = timing::stage("load", || load::load(root, &mut diags));
    let site = timing::stage("resolve", || resolve::resolve(&sources, &mut diags));
    let skin = timing::stage("skin", || {
        skin::load(root, &sources.config.theme, &mut diags)
    });
    let (Some(site), Some(mut skin)) = (site, skin) else {
        return Err(Failure::Input(diags.sorted()));
    };
    let editions = timing::stage("editions", || {
        crate::edition::load_all(root, &sources, &site, &mut diags)
    });
    if diags.has_errors() {
        return Err(Failure::Input(diags.sorted()));
    }
    let nav = editions.as_ref().map(|e| e.nav_latest());
    let files = timing::stage("render", || {
        render_site(&site, &mut skin, &sources, scope, nav.as_ref(), &mut diags)
    });
    let files = match (files, &editions) {
        (Some(mut files), Some(editions)) => {
            let all = scope == Scope::All;
            match editions.render(&site, &mut skin, &sources.config, all) {
                Ok(more) => {
                    files.extend(more);
                    Some(files)
                }
                Err(errors) => {
                    diags.extend(errors.sorted());
                    None
                }
            }
        }
        (files, _) => files,
    };
    match files {
        Some(files) if !diags.has_errors() => Ok(Rendered {
            site,
            sources,
            files,
            warnings: diags.sorted(),
        }),
        _ => Err(Failure::Input(diags.sorted())),
    }
}

fn render_site(
    site: &Site,
    skin: &mut Skin,
    sources: &Sources,
    scope: Scope,
    editions: Option<&crate::edition::EditionNav>,
    diags: &mut Diagnostics,
) -> Option<Vec<OutputFile>> {
    let mut renderer = Renderer::new(site, skin, &sources.config);
    if let Some(nav) = editions {
        renderer = renderer.with_editions(nav);
    }
    let files = match scope {
        Scope::All => renderer.render_all(),
        Scope::Sample => renderer.render_pages(&crate::render::sample_pages(site)),
    };
    match files {
        Ok(files) => Some(files),
        Err(errors) => {
            diags.extend(errors);
            None
        }
    }
}

/// Builds the site at `root` into `out`. On failure `out` is left as it was.
pub fn build(root: &Path, out: &Path) -> Result<Rendered, Failure> {
    output::check_output_dir(root, out).map_err(Failure::Output)?;
    let rendered = render(root)?;
    write(root, out, &rendered.files)?;
    Ok(rendered)
}

/// Swaps `files` in as the new content of `out` (checked, locked, atomic). `build` writes
/// the rendered site; `pdf` writes it with the PDF added.
pub fn write(root: &Path, out: &Path, files: &[OutputFile]) -> Result<(), Failure> {
    output::check_output_dir(root, out).map_err(Failure::Output)?;
    let _lock = output::lock(out).map_err(Failure::Output)?;
    // Checked again under the lock: another process may have changed it meanwhile.
    output::check_output_dir(root, out).map_err(Failure::Output)?;
    timing::stage("write", || output::write_site(out, files)).map_err(Failure::Output)
}
