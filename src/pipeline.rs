//! The one pipeline every command uses: load → resolve → render → write.
//!
//! `check` stops after rendering in memory; `build` writes atomically; `serve` and the
//! print export reuse the same steps.

use std::path::Path;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::{self, Sources};
use crate::model::Site;
use crate::output;
use crate::render::{OutputFile, RenderFailure, Renderer, Sink};
use crate::resolve;
use crate::skin::{self, Skin};
use crate::timing::{self, Omitted};

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
    render_scope(root, Scope::All, None, Teardown::Free, Omitted::default())
}

/// What `check` does: loads and resolves everything (every reference and link is
/// checked), but renders only [`sample_pages`](crate::render::sample_pages), one page of
/// each shape, to find template errors. `files` holds just those pages, with their
/// lists shortened ([`Renderer::render_samples`]).
pub fn check(root: &Path) -> Result<Rendered, Failure> {
    render_scope(
        root,
        Scope::Sample,
        None,
        Teardown::Free,
        Omitted::default(),
    )
}

/// What becomes of a run's memory once its result is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Teardown {
    /// Freed as usual: for a process that goes on (`serve`, `build --watch`, tests).
    Free,
    /// Left to the operating system: for a process that exits right after the run
    /// (`hoshin build`). Freeing the template values and the model one allocation at a
    /// time is a single thread's work at the end of the build (some 20–40 ms at 10,000
    /// directives) that the exit does at once.
    Exit,
}

impl Teardown {
    /// Drops `value`, or leaves it to the process's exit.
    pub fn dispose<T>(self, value: T) {
        match self {
            Teardown::Free => drop(value),
            Teardown::Exit => std::mem::forget(value),
        }
    }
}

/// Which pages a run renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    All,
    Sample,
}

/// Loads, resolves and renders; with a `sink`, every file goes there as it is made and
/// none is kept in [`Rendered::files`].
fn render_scope(
    root: &Path,
    scope: Scope,
    sink: Option<&Sink<'_>>,
    teardown: Teardown,
    omitted: Omitted,
) -> Result<Rendered, Failure> {
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
    let made = timing::stage("render", || {
        render_site(
            &site,
            &mut skin,
            &sources,
            nav.as_ref(),
            Run {
                scope,
                sink,
                teardown,
                omitted,
            },
            &mut diags,
        )
    })?;
    let made = match (made, &editions) {
        (Some((mut files, mut paths)), Some(editions)) => {
            let all = scope == Scope::All;
            match editions.render(&site, &mut skin, &sources.config, all) {
                Ok(more) => {
                    paths.extend(more.iter().map(|f| f.path.clone()));
                    match sink {
                        Some(sink) => {
                            for file in more {
                                sink(file).map_err(Failure::Output)?;
                            }
                        }
                        None => files.extend(more),
                    }
                    Some((files, paths))
                }
                Err(errors) => {
                    diags.extend(errors.sorted());
                    None
                }
            }
        }
        (made, _) => made,
    };
    match made {
        Some((files, paths)) if !diags.has_errors() => Ok(Rendered {
            site,
            sources,
            files,
            paths,
            warnings: diags.sorted(),
        }),
        _ => Err(Failure::Input(diags.sorted())),
    }
}

/// How [`render_site`] renders: which pages, where the files go, what becomes of the
/// renderer.
struct Run<'s, 'f> {
    scope: Scope,
    sink: Option<&'s Sink<'f>>,
    teardown: Teardown,
    /// Outputs a build leaves out (for the benchmark only).
    omitted: Omitted,
}

/// Files kept in memory (none when they went to a sink), and the paths of all made.
type Made = (Vec<OutputFile>, Vec<String>);

fn with_paths(files: Vec<OutputFile>) -> Made {
    let paths = files.iter().map(|f| f.path.clone()).collect();
    (files, paths)
}

/// Renders the pages of `scope`: the files (none when they went to `sink`) and the
/// paths of all. `None` on template errors, which are added to `diags`.
fn render_site(
    site: &Site,
    skin: &mut Skin,
    sources: &Sources,
    editions: Option<&crate::edition::EditionNav>,
    run: Run<'_, '_>,
    diags: &mut Diagnostics,
) -> Result<Option<Made>, Failure> {
    let Run {
        scope,
        sink,
        teardown,
        omitted,
    } = run;
    let mut renderer = Renderer::new(site, skin, &sources.config);
    if let Some(nav) = editions {
        renderer = renderer.with_editions(nav);
    }
    let made = match (scope, sink) {
        (Scope::All, Some(sink)) => match renderer.render_all_into(sink, omitted) {
            Ok(paths) => Ok((Vec::new(), paths)),
            Err(RenderFailure::Output(e)) => return Err(Failure::Output(e)),
            Err(RenderFailure::Input(errors)) => Err(errors),
        },
        (Scope::All, None) => renderer.render_all().map(with_paths),
        (Scope::Sample, _) => renderer
            .render_samples(&crate::render::sample_pages(site))
            .map(with_paths),
    };
    teardown.dispose(renderer);
    Ok(match made {
        Ok((files, paths)) => Some((files, paths)),
        Err(errors) => {
            diags.extend(errors);
            None
        }
    })
}

/// Builds the site at `root` into `out`. On failure `out` is left as it was.
///
/// Pages are written into the staged output as they are rendered, so the site is never
/// whole in memory; the stage is swapped in only when every page rendered and was
/// written, and removed otherwise.
///
/// With [`Teardown::Exit`] the renderer's memory is not freed; the caller disposes of
/// the result the same way.
pub fn build(root: &Path, out: &Path, teardown: Teardown) -> Result<Rendered, Failure> {
    output::check_output_dir(root, out).map_err(Failure::Output)?;
    let _lock = output::lock(out).map_err(Failure::Output)?;
    // Checked again under the lock: another process may have changed it meanwhile.
    output::check_output_dir(root, out).map_err(Failure::Output)?;
    let omitted = Omitted::from_env().map_err(|e| Failure::Output(anyhow::anyhow!(e)))?;
    if omitted.any() {
        eprintln!(
            "warning: {} is set: the site is built without {} (an incomplete site, for a benchmark only)",
            timing::OMIT_ENV,
            omitted.names().join(", ")
        );
    }
    let stage = output::Stage::create(out).map_err(Failure::Output)?;
    let sink = |file: OutputFile| stage.write(&file);
    let rendered = render_scope(root, Scope::All, Some(&sink), teardown, omitted)?;
    timing::stage("swap", || stage.commit()).map_err(Failure::Output)?;
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

#[cfg(test)]
mod tests {
    use super::Teardown;
    use std::rc::Rc;

    #[test]
    fn teardown_frees_or_leaves_to_the_exit() {
        let value = Rc::new(());
        Teardown::Free.dispose(Rc::clone(&value));
        assert_eq!(Rc::strong_count(&value), 1, "Free drops the value");
        Teardown::Exit.dispose(Rc::clone(&value));
        assert_eq!(
            Rc::strong_count(&value),
            2,
            "Exit does not run its destructor"
        );
    }
}
