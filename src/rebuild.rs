//! Rebuilding a site after some of its files changed, with work proportional to the
//! change. This is the pipeline of [`crate::pipeline`] with memory between runs:
//!
//! - the sources: only files named by the change are read again (the folder listing is
//!   walked every time, so additions, deletions and renames are seen);
//! - the parsed directive files ([`ParseCache`]): only files whose text changed are
//!   parsed again; cross-references are then resolved over the whole site, which is
//!   cheap without parsing;
//! - the page fingerprints ([`crate::fingerprint`]): only pages whose inputs changed are
//!   rendered again; a change of templates, theme or config re-renders everything;
//! - the last good output, so a failed rebuild changes nothing and the next good one is
//!   compared against it.
//!
//! The files a [`Session`] holds after a successful rebuild are exactly those a clean
//! `hoshin build` of the same sources writes.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::CONFIG_FILE;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::fingerprint;
use crate::load::{self, CONTENT_DIR, Sources, is_editor_litter};
use crate::model::Site;
use crate::render::{OutputFile, PageKey, Renderer, all_pages};
use crate::resolve::{self, ParseCache};
use crate::skin::{self, Skin, TEMPLATE_OVERRIDES_DIR, THEMES_DIR};

/// Bytes of one output file, shared between the session and whoever serves or writes it.
pub type Bytes = Arc<Vec<u8>>;

/// Paths that changed on disk since the last rebuild.
#[derive(Debug, Default, Clone)]
pub struct Changes {
    everything: bool,
    paths: HashSet<PathBuf>,
}

/// How much of the site a set of changes touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    /// Files under `content/`: re-read those, re-render affected pages.
    Content,
    /// Templates or static files: reload the skin, re-render every page.
    Skin,
    /// The site config (or unknown): read everything again.
    All,
}

impl Changes {
    /// Treat every file as changed.
    pub fn everything() -> Changes {
        Changes {
            everything: true,
            paths: HashSet::new(),
        }
    }

    /// Records a changed path (absolute, as given by the file watcher).
    pub fn add(&mut self, path: PathBuf) {
        self.paths.insert(path);
    }

    pub fn is_empty(&self) -> bool {
        !self.everything && self.paths.is_empty()
    }

    /// Adds every change of `other`.
    pub fn merge(&mut self, other: Changes) {
        self.everything |= other.everything;
        self.paths.extend(other.paths);
    }

    /// Whether `file` (absolute) may have changed: it or one of its folders was named.
    fn touches(&self, file: &Path) -> bool {
        self.everything
            || self.paths.contains(file)
            || file.ancestors().skip(1).any(|a| self.paths.contains(a))
    }

    /// What the changes touch in a site at `root` using `theme`; `None` when nothing that
    /// the site is built from changed (the output folder, editor swap files, …).
    pub fn scope(&self, root: &Path, theme: &str) -> Option<Scope> {
        if self.everything {
            return Some(Scope::All);
        }
        let mut scope = None;
        for path in &self.paths {
            let Ok(rel) = path.strip_prefix(root) else {
                continue;
            };
            if rel
                .file_name()
                .is_some_and(|n| is_editor_litter(&n.to_string_lossy()))
            {
                continue;
            }
            let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
            let first = parts.next().unwrap_or_default();
            let this = match first.as_ref() {
                // The root folder itself: its entries' own events tell what changed.
                "" => None,
                CONFIG_FILE => Some(Scope::All),
                CONTENT_DIR => Some(Scope::Content),
                TEMPLATE_OVERRIDES_DIR | "static" => Some(Scope::Skin),
                THEMES_DIR => match parts.next() {
                    Some(name) if name != theme => None,
                    _ => Some(Scope::Skin),
                },
                _ => None,
            };
            scope = scope.max(this);
        }
        scope
    }
}

/// The last site that built without errors.
struct Good {
    warnings: Vec<Diagnostic>,
    site: Site,
    global: u64,
    pages: HashMap<String, u64>,
}

/// A site being edited: the state kept between rebuilds.
pub struct Session {
    root: PathBuf,
    sources: Option<Sources>,
    cache: ParseCache,
    skin: Option<Skin>,
    good: Option<Good>,
    /// Every output file of the last good build, by relative path.
    files: BTreeMap<String, Bytes>,
    /// A skin or config change is waiting for a successful rebuild to re-render all.
    pending_full: bool,
    /// Each directive's entry in `policy.json`, by id, with the fingerprint it was made for.
    /// (`None`: made by a body-only rebuild, to be checked by the next full comparison.)
    json_entries: HashMap<String, (Option<u64>, Arc<str>)>,
    /// The last rebuild failed: the sources differ from the last good site.
    failed: bool,
    /// Output files that a quick rebuild left to [`Session::finish`].
    deferred: Option<Deferred>,
    /// Folders of the older editions (absolute), when the site has several.
    edition_dirs: Vec<PathBuf>,
    /// The directives' bodies as the print documents of the last good site show them,
    /// kept so that [`Session::finish`] renders again only the edited ones.
    print_bodies: Option<crate::print::PrintBodies>,
    /// The search index of the last good site, kept so that [`Session::finish`]
    /// re-indexes only the edited directives.
    search: Option<crate::search::Index>,
    /// Where the bodies lie in each print document kept in `files` (none yet for a
    /// document not in the map), so that [`Session::finish`] splices edited bodies in.
    print_layouts: HashMap<PageKey, crate::print::PrintLayout>,
    /// The byte range of each directive's entry in the `policy.json` kept in `files`.
    json_ranges: Vec<std::ops::Range<usize>>,
    /// The print documents and `policy.json` that [`Session::finish`] replaced last, to
    /// be made into the next ones.
    spare: crate::splice::Spare,
}

/// The documents made from the whole site that a quick rebuild of some directives'
/// text leaves for later: the print documents holding that text, `policy.json` and
/// the search index. They are large (at 10,000 directives some tens of megabytes), so
/// remaking them takes far longer than the pages an administrator is looking at.
#[derive(Debug, Default)]
struct Deferred {
    print: std::collections::BTreeSet<PageKey>,
    /// Directives (indices) whose text changed: their print bodies are stale.
    edited: std::collections::BTreeSet<usize>,
}

/// Keeps `file` in `files` (a session's output) when its bytes differ from the file kept
/// at that path, or none is; returns it then, as written.
fn keep_if_changed(
    files: &mut BTreeMap<String, Bytes>,
    file: OutputFile,
) -> Option<(String, Bytes)> {
    let made = Made::new(files, file.path, file.bytes);
    keep_made(files, made)
}

/// Keeps a file made if it changed; the file, to be written, if so.
fn keep_made(files: &mut BTreeMap<String, Bytes>, made: Made) -> Option<(String, Bytes)> {
    if !made.changed {
        return None;
    }
    files.insert(made.path.clone(), Arc::clone(&made.bytes));
    Some((made.path, made.bytes))
}

/// A file made by a rebuild, and whether its bytes differ from the kept ones (compared
/// once: the large documents are tens of megabytes).
struct Made {
    path: String,
    bytes: Bytes,
    changed: bool,
}

impl Made {
    fn new(files: &BTreeMap<String, Bytes>, path: String, bytes: Vec<u8>) -> Made {
        let changed = files.get(&path).is_none_or(|old| **old != bytes);
        Made {
            path,
            bytes: Arc::new(bytes),
            changed,
        }
    }
}

/// Takes each file [`Session::finish_into`] made whose bytes changed, as soon as it is
/// made (from any thread): `build --watch` writes the whole-site documents while the
/// search index is still being made.
type EarlyWrite<'a> = dyn Fn(&str, &Bytes) + Sync + 'a;

/// What a successful rebuild changed in the output.
#[derive(Debug, Default)]
pub struct Update {
    /// Files added or whose bytes changed, by relative path.
    pub written: Vec<(String, Bytes)>,
    /// Files that are no longer part of the site.
    pub removed: Vec<String>,
    /// Number of pages rendered.
    pub rendered: usize,
    /// Number of documents remade by putting edited parts in place of the old ones
    /// ([`crate::splice`]), without rendering.
    pub spliced: usize,
    /// Every page was rendered (first build, template or config change).
    pub full: bool,
    pub warnings: Vec<Diagnostic>,
    /// Number of directives in the site.
    pub directives: usize,
    /// Time spent in each step, for `HOSHIN_TIMINGS=1` and the benchmark.
    pub timings: Vec<(&'static str, Duration)>,
}

impl Update {
    /// Adds a later update of the same rebuild (see [`Session::finish`]).
    fn absorb(&mut self, later: Update) {
        self.rendered += later.rendered;
        self.spliced += later.spliced;
        for (path, bytes) in later.written {
            match self.written.iter_mut().find(|(p, _)| *p == path) {
                Some(entry) => entry.1 = bytes,
                None => self.written.push((path, bytes)),
            }
        }
        self.written.sort_by(|a, b| a.0.cmp(&b.0));
        self.timings.extend(later.timings);
    }
}

impl Session {
    /// A session for the site at `root`; nothing is read until the first [`rebuild`].
    ///
    /// [`rebuild`]: Session::rebuild
    pub fn new(root: &Path) -> Session {
        Session {
            // Canonical, so that it is a prefix of the paths the file watcher reports.
            root: std::fs::canonicalize(root)
                .or_else(|_| std::path::absolute(root))
                .unwrap_or_else(|_| root.to_path_buf()),
            sources: None,
            cache: ParseCache::default(),
            skin: None,
            good: None,
            files: BTreeMap::new(),
            pending_full: true,
            json_entries: HashMap::new(),
            failed: false,
            deferred: None,
            edition_dirs: Vec::new(),
            print_bodies: None,
            search: None,
            print_layouts: HashMap::new(),
            json_ranges: Vec::new(),
            spare: crate::splice::Spare::default(),
        }
    }

    /// The site root, absolute.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The active theme's name (from the last config read).
    pub fn theme(&self) -> &str {
        self.sources
            .as_ref()
            .map(|s| s.config.theme.as_str())
            .unwrap_or("default")
    }

    /// Every file of the last good build, by relative path (empty before the first).
    pub fn files(&self) -> &BTreeMap<String, Bytes> {
        &self.files
    }

    /// The last good site, if any build succeeded.
    pub fn site(&self) -> Option<&Site> {
        self.good.as_ref().map(|g| &g.site)
    }

    /// Whether `changes` touch anything the site is built from.
    pub fn is_relevant(&self, changes: &Changes) -> bool {
        self.sources.is_none()
            || changes.scope(&self.root, self.theme()).is_some()
            || (changes.paths.iter()).any(|p| self.edition_dirs.iter().any(|d| p.starts_with(d)))
    }

    /// The folders of the older editions (absolute), to watch; empty for one edition.
    pub fn edition_dirs(&self) -> &[PathBuf] {
        &self.edition_dirs
    }

    /// Brings the site up to date with `changes`. On errors the last good output is
    /// kept and every problem is returned, sorted.
    pub fn rebuild(&mut self, changes: &Changes) -> Result<Update, Vec<Diagnostic>> {
        let mut update = self.rebuild_quick(changes)?;
        if let Some(rest) = self.finish() {
            update.absorb(rest);
        }
        Ok(update)
    }

    /// Like [`Session::rebuild`], but when only the text of some directives changed,
    /// it renders just their pages and leaves the documents made from the whole site
    /// (print documents, `policy.json`, search index) to [`Session::finish`]: what the
    /// administrator is looking at is up to date in milliseconds. Until `finish` runs,
    /// [`Session::files`] holds those documents as they were.
    pub fn rebuild_quick(&mut self, changes: &Changes) -> Result<Update, Vec<Diagnostic>> {
        if crate::edition::configured(&self.root) {
            // Several editions: every change rebuilds the whole site (see README).
            self.deferred = None;
            return self.rebuild_editions();
        }
        self.edition_dirs.clear();
        if let Some(update) = self.body_only(changes) {
            return Ok(update);
        }
        let result = self.rebuild_site(changes);
        self.failed = result.is_err();
        if result.is_ok() {
            // A whole-site rebuild makes every document anew.
            self.deferred = None;
        }
        result
    }

    /// Whether a quick rebuild left work for [`Session::finish`].
    pub fn has_deferred(&self) -> bool {
        self.deferred.is_some()
    }

    /// Makes the documents a quick rebuild left out; afterwards [`Session::files`] are
    /// exactly those of a clean build. `None` when nothing was left.
    pub fn finish(&mut self) -> Option<Update> {
        self.finish_into(None)
    }

    /// [`Session::finish`], each file written by `batch` into an output folder as soon as
    /// it is made (what `build --watch` does: the whole-site documents go to the disk
    /// while the search index is still being made), the rest and the removals after.
    /// The update, and how writing went.
    pub fn finish_writing(
        &mut self,
        batch: crate::output::Batch<'_>,
    ) -> (Option<Update>, anyhow::Result<crate::output::Applied>) {
        let early = |path: &str, bytes: &Bytes| batch.write(path, bytes);
        let update = self.finish_into(Some(&early));
        if let Some(update) = &update {
            batch.write_all(&update.written);
        }
        let removed = update.as_ref().map_or(&[][..], |u| &u.removed[..]);
        let applied = batch.end(removed);
        (update, applied)
    }

    /// [`Session::finish`], passing each file whose bytes changed to `early` as soon as
    /// it is made; the update lists them too.
    fn finish_into(&mut self, early: Option<&EarlyWrite<'_>>) -> Option<Update> {
        let deferred = self.deferred.take()?;
        let mut clock = Clock::start();
        let (Some(good), Some(sources), Some(skin)) = (
            self.good.as_ref(),
            self.sources.as_ref(),
            self.skin.as_mut(),
        ) else {
            return None;
        };
        let site = &good.site;
        let edited: Vec<usize> = deferred.edited.into_iter().collect();
        let mut renderer = Renderer::new(site, skin, &sources.config);
        if let Some(bodies) = self.print_bodies.take() {
            renderer.seed_print_bodies(bodies, &edited);
        }
        let keys: Vec<PageKey> = deferred.print.into_iter().collect();
        let kept_index = self.search.take();
        let json_entries = &self.json_entries;
        let shared = &renderer;
        let json_path = PageKey::PolicyJson.path(site);
        // The large documents: each is remade in the memory of the one it replaced last
        // time, and (print documents) with its layout, which comes back updated.
        let large: Vec<String> = (keys.iter().map(|k| k.path(site)))
            .chain([json_path.clone()])
            .collect();
        let print_jobs: Vec<_> = (keys.iter().zip(&large))
            .map(|(&key, path)| (key, self.print_layouts.remove(&key), self.spare.take(path)))
            .collect();
        let json_buffer = self.spare.take(&json_path);
        let files = &self.files;
        // Each document made, handed to `early` at once if it changed.
        let made = |path: String, bytes: Vec<u8>| -> Made {
            let made = Made::new(files, path, bytes);
            if let Some(early) = early
                && made.changed
            {
                early(&made.path, &made.bytes);
            }
            made
        };
        let print = || -> Result<Vec<_>, Diagnostic> {
            print_jobs
                .into_par_iter()
                .map(|(key, layout, buffer)| {
                    let old = files.get(&key.path(site)).map(|b| b.as_slice());
                    let (file, layout, spliced) =
                        shared.remake_print(key, old, layout, &edited, buffer)?;
                    Ok(((key, layout), (made(file.path, file.bytes), spliced)))
                })
                .collect()
        };
        let json_ranges = &self.json_ranges;
        let policy_json = || {
            let entry = |i: usize| -> Arc<str> {
                match json_entries.get(&site.directives[i].id) {
                    Some((_, text)) => Arc::clone(text),
                    None => shared.directive_json(i).into(),
                }
            };
            // The entries of the edited directives put in place of the old ones.
            let old = files.get(&json_path);
            if let Some(old) = old.filter(|_| json_ranges.len() == site.directives.len()) {
                let new_entry = |i: usize| {
                    edited.binary_search(&i).ok()?;
                    Some(entry(i).as_bytes().to_vec())
                };
                let spliced = crate::splice::splice(old, json_ranges, new_entry, json_buffer);
                if let Some((bytes, ranges)) = spliced {
                    return (made(json_path.clone(), bytes), ranges, true);
                }
            }
            let texts: Vec<Arc<str>> = (0..site.directives.len()).map(entry).collect();
            let (bytes, ranges) = shared.policy_json_parts(&texts);
            (made(json_path.clone(), bytes), ranges, false)
        };
        let search = || {
            let mut index = kept_index
                .and_then(|mut index| index.update(site, &edited).then_some(index))
                .unwrap_or_else(|| crate::search::Index::of_site(site));
            // Only the shards and chunks the edit touched.
            let files: Vec<Made> = (index.changed_files().into_par_iter())
                .map(|f| made(f.path, f.bytes))
                .collect();
            (index, files)
        };
        // The three documents are independent: made side by side, each step timed on its
        // own (so the laps overlap).
        // The search index, the longest, starts first; the others are taken up by the
        // other thread.
        let (
            ((index, index_files), index_time),
            ((rendered, print_time), (policy_json, json_time)),
        ) = rayon::join(
            || timed(search),
            || rayon::join(|| timed(print), || timed(policy_json)),
        );
        self.print_bodies = renderer.take_print_bodies();
        let Ok(print) = rendered else {
            // The same templates rendered these documents before; should one fail now,
            // the next whole-site rebuild reports it (and makes a new search index: the
            // files this one made are not kept).
            self.pending_full = true;
            return None;
        };
        // Each print document's layout; each document, and whether it was spliced.
        let (layouts, print): (Vec<_>, Vec<(_, bool)>) = print.into_iter().unzip();
        self.print_layouts.extend(layouts);
        let mut spliced = print.iter().filter(|(_, spliced)| *spliced).count();
        let mut rendered: Vec<Made> = print.into_iter().map(|(file, _)| file).collect();
        self.search = Some(index);
        let (policy_json, json_ranges, json_spliced) = policy_json;
        self.json_ranges = json_ranges;
        spliced += usize::from(json_spliced);
        rendered.push(policy_json);
        rendered.extend(index_files);
        clock.record("print documents", print_time);
        clock.record("policy.json", json_time);
        clock.record("search index", index_time);
        clock.lap("all three, side by side");
        for path in &large {
            if let Some(old) = self.files.get(path) {
                self.spare.keep(path, old);
            }
        }
        let mut update = self.take_made(rendered, clock);
        update.rendered -= spliced;
        update.spliced = spliced;
        Some(update)
    }

    /// Keeps the rendered files whose bytes changed, and lists them in the update of a
    /// rebuild of the last good site.
    fn take_rendered(&mut self, rendered: Vec<OutputFile>, clock: Clock) -> Update {
        let made = (rendered.into_iter())
            .map(|f| Made::new(&self.files, f.path, f.bytes))
            .collect();
        self.take_made(made, clock)
    }

    /// [`Session::take_rendered`] of files already compared.
    fn take_made(&mut self, rendered: Vec<Made>, mut clock: Clock) -> Update {
        let good = self.good.as_ref().expect("rebuilding a good site");
        let mut update = Update {
            rendered: rendered.len(),
            directives: good.site.directives.len(),
            warnings: good.warnings.clone(),
            ..Update::default()
        };
        for file in rendered {
            update.written.extend(keep_made(&mut self.files, file));
        }
        update.written.sort_by(|a, b| a.0.cmp(&b.0));
        clock.lap("update");
        update.timings = clock.laps;
        update
    }

    /// The common edit, done in time proportional to it: the text of some directives
    /// changed and nothing else (same front matter, links, sub-items and plan mentions).
    /// Only those files are read and parsed, only their pages and their entries in
    /// `policy.json` are rendered. `None` when the change is anything else.
    fn body_only(&mut self, changes: &Changes) -> Option<Update> {
        if changes.everything || self.failed || self.pending_full {
            return None;
        }
        let mut clock = Clock::start();
        let (Some(good), Some(sources), Some(skin)) = (
            self.good.as_mut(),
            self.sources.as_mut(),
            self.skin.as_mut(),
        ) else {
            return None;
        };
        let mut edits = Vec::new();
        for path in &changes.paths {
            let rel = path.strip_prefix(&self.root).ok()?;
            let name = rel.file_name()?.to_string_lossy();
            if is_editor_litter(&name) {
                continue;
            }
            let idx = sources
                .directives
                .binary_search_by(|f| f.path.as_path().cmp(rel))
                .ok()?;
            if !std::fs::symlink_metadata(path).ok()?.is_file() {
                return None;
            }
            let mut warnings = Vec::new();
            let max = sources.config.max_file_size;
            let file = load::read_source(&self.root, path, max, &mut warnings).ok()?;
            if !warnings.is_empty() || sources.read_warnings.contains_key(&file.path) {
                return None;
            }
            if file.text == sources.directives[idx].text {
                continue;
            }
            let change = self.cache.body_only_change(&file)?;
            let pos = *good.site.directive_by_id.get(&change.id)?;
            edits.push((idx, file, pos, change));
        }
        clock.lap("read and parse");
        let mut keys = Vec::new();
        let deferred = self.deferred.get_or_insert_with(Deferred::default);
        for (idx, file, pos, change) in edits {
            sources.directives[idx] = file;
            good.site.directives[pos].body = change.body;
            good.site.directives[pos].plain_text = change.plain_text;
            // Its fingerprints are now unknown: the next full comparison re-renders it.
            good.pages.remove(&PageKey::Directive(pos).path(&good.site));
            keys.push(PageKey::Directive(pos));
            deferred.edited.insert(pos);
            // The print documents that hold its text.
            let topics = &good.site.directives[pos].topics;
            deferred
                .print
                .extend(topics.iter().map(|&t| PageKey::TopicPrint(t)));
        }
        deferred.print.insert(PageKey::Print);
        keys.sort();
        keys.dedup();
        let site = &good.site;
        let renderer = Renderer::new(site, skin, &sources.config);
        let rendered = renderer.render_pages(&keys).ok()?;
        for key in &keys {
            let PageKey::Directive(pos) = *key else {
                continue;
            };
            let entry = renderer.directive_json(pos).into();
            self.json_entries
                .insert(site.directives[pos].id.clone(), (None, entry));
        }
        clock.lap("render pages");
        Some(self.take_rendered(rendered, clock))
    }

    fn rebuild_site(&mut self, changes: &Changes) -> Result<Update, Vec<Diagnostic>> {
        let scope = if self.sources.is_none() {
            Scope::All
        } else {
            changes
                .scope(&self.root, self.theme())
                .unwrap_or(Scope::Content)
        };
        if scope != Scope::Content {
            self.pending_full = true;
        }
        let mut clock = Clock::start();
        let mut diags = Diagnostics::new();
        let previous = match scope {
            Scope::All => None,
            _ => self.sources.take(),
        };
        let sources = load::reload(&self.root, previous, &|p| changes.touches(p), &mut diags);
        clock.lap("load");
        if scope != Scope::Content || self.skin.is_none() {
            self.skin = skin::load(&self.root, &sources.config.theme, &mut diags);
            clock.lap("skin");
        }
        let site = resolve::resolve_cached(&sources, &mut self.cache, &mut diags);
        clock.lap("resolve");
        let sources = &*self.sources.insert(sources);
        let (Some(site), Some(skin)) = (site, self.skin.as_mut()) else {
            return Err(diags.sorted());
        };
        if diags.has_errors() {
            return Err(diags.sorted());
        }

        let cache = &self.cache;
        let body = |d: &crate::model::Directive| {
            cache
                .text_hash(&d.path)
                .unwrap_or_else(|| fingerprint::hash_body(d))
        };
        let global = fingerprint::global(&site, &sources.config);
        let pages = fingerprint::pages(&site, &body);
        let entries = fingerprint::directive_entries(&site, &body);
        clock.lap("fingerprint");
        let previous = self
            .good
            .as_ref()
            .filter(|g| !self.pending_full && g.global == global);
        let full = previous.is_none();
        let keys: Vec<PageKey> = all_pages(&site)
            .into_iter()
            .filter(|k| {
                let Some(good) = previous else {
                    return *k != PageKey::PolicyJson;
                };
                match k {
                    PageKey::PolicyJson => false,
                    k if fingerprint::always_rendered(*k) => true,
                    k => {
                        let path = k.path(&site);
                        good.pages.get(&path) != pages.get(&path)
                    }
                }
            })
            .collect();
        let mut renderer = Renderer::new(&site, skin, &sources.config);
        let mut rendered = match renderer.render_pages(&keys) {
            Ok(files) => files,
            Err(errors) => {
                diags.extend(errors);
                return Err(diags.sorted());
            }
        };
        // Print bodies made now replace the kept ones; none made means no print
        // document changed, and the kept ones still hold.
        if let Some(bodies) = renderer.take_print_bodies() {
            self.print_bodies = Some(bodies);
        }
        clock.lap("render pages");
        // policy.json: the entries of unchanged directives are kept.
        let old_entries = std::mem::take(&mut self.json_entries);
        let json: Vec<(Option<u64>, Arc<str>)> = site
            .directives
            .par_iter()
            .enumerate()
            .map(|(i, d)| match old_entries.get(&d.id) {
                Some((sig, text)) if !full && *sig == Some(entries[i]) => (*sig, Arc::clone(text)),
                _ => (Some(entries[i]), renderer.directive_json(i).into()),
            })
            .collect();
        let texts: Vec<&str> = json.iter().map(|(_, t)| &**t).collect();
        let (policy, json_ranges) = renderer.policy_json_parts(&texts);
        self.json_ranges = json_ranges;
        drop(texts);
        self.json_entries = site
            .directives
            .iter()
            .zip(json)
            .map(|(d, e)| (d.id.clone(), e))
            .collect();
        rendered.push(OutputFile {
            path: PageKey::PolicyJson.path(&site),
            bytes: policy,
        });
        clock.lap("policy.json");
        let mut index = crate::search::Index::of_site(&site);
        rendered.extend(index.changed_files());
        self.search = Some(index);
        clock.lap("search index");
        let count = rendered.len();
        if full {
            rendered.extend(renderer.static_files());
        }

        let mut update = Update {
            rendered: count,
            full,
            directives: site.directives.len(),
            ..Update::default()
        };
        let mut fresh: HashSet<String> = HashSet::new();
        for file in rendered {
            if full {
                fresh.insert(file.path.clone());
            }
            update
                .written
                .extend(keep_if_changed(&mut self.files, file));
        }
        let gone: Vec<String> = if full {
            self.files
                .keys()
                .filter(|p| !fresh.contains(*p))
                .cloned()
                .collect()
        } else {
            previous
                .map(|g| {
                    g.pages
                        .keys()
                        .filter(|p| !pages.contains_key(*p))
                        .cloned()
                        .collect()
                })
                .unwrap_or_default()
        };
        for path in gone {
            self.files.remove(&path);
            update.removed.push(path);
        }
        update.written.sort_by(|a, b| a.0.cmp(&b.0));
        update.removed.sort();
        update.warnings = diags.sorted();
        clock.lap("update");
        update.timings = clock.laps;
        self.good = Some(Good {
            warnings: update.warnings.clone(),
            site,
            global,
            pages,
        });
        self.pending_full = false;
        // Directives may have moved in the print documents, or their indices changed.
        self.print_layouts.clear();
        Ok(update)
    }
}

impl Session {
    /// A site with several editions is rebuilt whole, with [`crate::pipeline::render`],
    /// on every change; only the files whose bytes changed are reported.
    fn rebuild_editions(&mut self) -> Result<Update, Vec<Diagnostic>> {
        let mut clock = Clock::start();
        self.pending_full = true;
        let rendered = crate::pipeline::render(&self.root).map_err(|failure| match failure {
            crate::pipeline::Failure::Input(diags) => diags,
            crate::pipeline::Failure::Output(e) => {
                vec![Diagnostic::file(&self.root, format!("{e:#}"))]
            }
        });
        self.failed = rendered.is_err();
        let rendered = rendered?;
        clock.lap("render all editions");
        self.edition_dirs = crate::edition::edition_dirs(&self.root, &rendered.sources.config)
            .into_iter()
            .map(|d| std::fs::canonicalize(&d).unwrap_or(d))
            .collect();
        let mut update = Update {
            rendered: rendered.files.len(),
            full: true,
            directives: rendered.site.directives.len(),
            warnings: rendered.warnings.clone(),
            ..Update::default()
        };
        let fresh: HashSet<String> = rendered.files.iter().map(|f| f.path.clone()).collect();
        for file in rendered.files {
            update
                .written
                .extend(keep_if_changed(&mut self.files, file));
        }
        let gone: Vec<String> = (self.files.keys())
            .filter(|p| !fresh.contains(*p))
            .cloned()
            .collect();
        for path in gone {
            self.files.remove(&path);
            update.removed.push(path);
        }
        update.written.sort_by(|a, b| a.0.cmp(&b.0));
        clock.lap("update");
        update.timings = clock.laps;
        self.sources = Some(rendered.sources);
        self.print_layouts.clear();
        self.json_ranges.clear();
        self.good = Some(Good {
            warnings: update.warnings.clone(),
            site: rendered.site,
            global: 0,
            pages: HashMap::new(),
        });
        Ok(update)
    }
}

/// `f()`, and how long it took.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let started = Instant::now();
    let out = f();
    (out, started.elapsed())
}

/// Measures the steps of a rebuild.
struct Clock {
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
}

impl Clock {
    fn start() -> Clock {
        Clock {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }

    fn lap(&mut self, step: &'static str) {
        let now = Instant::now();
        self.laps.push((step, now - self.last));
        self.last = now;
    }

    /// Records a step timed apart (one of several run side by side).
    fn record(&mut self, step: &'static str, took: Duration) {
        self.laps.push((step, took));
    }
}
