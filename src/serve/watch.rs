//! Watching a site's sources (`hoshin.yaml`, `content/`, `templates/`, `static/`, `themes/`)
//! through notify's debouncer, which pairs a rename's halves (editors' atomic saves); a burst
//! becomes one [`Changes`]. Folders appearing later are watched as soon as they exist.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use anyhow::{Context, Result};
use notify::RecursiveMode;
use notify::event::{AccessKind, AccessMode, EventKind};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::input::config::CONFIG_FILE;
use crate::input::{CONTENT_DIR, is_editor_litter};
use crate::render::skin::{TEMPLATE_OVERRIDES_DIR, THEMES_DIR};
use crate::t;

/// Quiet time before events are delivered: above editors' multi-step saves, below human notice.
const DEBOUNCE: Duration = Duration::from_millis(25);

/// Folders under the site root whose whole tree is watched.
const WATCHED_DIRS: &[&str] = &[CONTENT_DIR, TEMPLATE_OVERRIDES_DIR, "static", THEMES_DIR];

/// Paths that changed on disk since the last rebuild.
#[derive(Debug, Default, Clone)]
pub struct Changes {
    /// Events may have been lost: treat everything as changed.
    everything: bool,
    /// Absolute, as given by the file watcher.
    paths: HashSet<PathBuf>,
}

impl Changes {
    /// Whether a site at `root` (absolute) with theme `theme` and older editions `edition_dirs`
    /// is built from a changed path (not just output, editor swap files or another theme).
    pub fn matter(&self, root: &Path, theme: &str, edition_dirs: &[PathBuf]) -> bool {
        self.everything
            || self.paths.iter().any(|path| {
                edition_dirs.iter().any(|d| path.starts_with(d)) || is_source(root, theme, path)
            })
    }
}

/// Whether `path` is one of the sources of the site at `root` using `theme`.
fn is_source(root: &Path, theme: &str, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    if rel
        .file_name()
        .is_some_and(|n| is_editor_litter(&n.to_string_lossy()))
    {
        return false;
    }
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    match parts.next().unwrap_or_default().as_ref() {
        CONFIG_FILE | CONTENT_DIR | TEMPLATE_OVERRIDES_DIR | "static" => true,
        THEMES_DIR => parts.next().is_none_or(|name| name == theme),
        // The root folder itself: its entries' own events tell what changed.
        _ => false,
    }
}

pub struct Watcher {
    root: PathBuf,
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    events: Receiver<DebounceEventResult>,
    watched: HashSet<PathBuf>,
    /// Folders outside [`WATCHED_DIRS`] to watch too (older editions).
    extra: Vec<PathBuf>,
}

impl Watcher {
    /// Starts watching the site at `root` (absolute).
    pub fn new(root: &Path) -> Result<Watcher> {
        let (tx, rx) = channel();
        let mut debouncer =
            new_debouncer(DEBOUNCE, None, tx).with_context(|| t!("watch-cannot-watch-files"))?;
        // The root itself, not recursively: hoshin.yaml, and folders being created.
        debouncer
            .watch(root, RecursiveMode::NonRecursive)
            .with_context(|| t!("watch-cannot-watch", path = root.display()))?;
        let mut watcher = Watcher {
            root: root.to_path_buf(),
            debouncer,
            events: rx,
            watched: HashSet::new(),
            extra: Vec::new(),
        };
        watcher.ensure_watches();
        Ok(watcher)
    }

    /// Also watches `dirs` (absolute; the folders of older editions) from now on.
    pub fn watch_also(&mut self, dirs: &[PathBuf]) {
        if self.extra != dirs {
            self.extra = dirs.to_vec();
            self.ensure_watches();
        }
    }

    /// Watches the source folders that exist and are not watched yet.
    fn ensure_watches(&mut self) {
        let dirs: Vec<PathBuf> = WATCHED_DIRS
            .iter()
            .map(|name| self.root.join(name))
            .chain(self.extra.iter().cloned())
            .collect();
        for dir in dirs {
            if !dir.is_dir() {
                // Deleted folders lose their watch; watch them again when they return.
                self.watched.remove(&dir);
                continue;
            }
            if self.watched.contains(&dir) {
                continue;
            }
            match self.debouncer.watch(&dir, RecursiveMode::Recursive) {
                Ok(()) => {
                    self.watched.insert(dir);
                }
                Err(e) => eprintln!(
                    "{}: {}: {e}",
                    t!("severity-warning"),
                    t!("watch-cannot-watch", path = dir.display())
                ),
            }
        }
    }

    /// Waits for the next changes (`None`: watching stopped); those during a rebuild come next.
    pub fn wait(&mut self) -> Option<Changes> {
        let first = self.events.recv().ok()?;
        Some(self.gather(first))
    }

    /// `first` and whatever else is already queued: one burst of changes.
    fn gather(&mut self, first: DebounceEventResult) -> Changes {
        let mut changes = Changes::default();
        self.take(first, &mut changes);
        while let Ok(more) = self.events.recv_timeout(Duration::from_millis(1)) {
            self.take(more, &mut changes);
        }
        self.ensure_watches();
        changes
    }

    fn take(&self, result: DebounceEventResult, changes: &mut Changes) {
        match result {
            Ok(events) => {
                for event in events {
                    // Reading a file is not changing it (and hoshin reads what it watches).
                    if let EventKind::Access(kind) = event.kind
                        && kind != AccessKind::Close(AccessMode::Write)
                    {
                        continue;
                    }
                    changes.paths.extend(event.event.paths);
                }
            }
            Err(errors) => {
                for e in errors {
                    eprintln!(
                        "{}: {}",
                        t!("severity-warning"),
                        t!("watch-failed", error = e.to_string())
                    );
                }
                // Events may have been lost: read everything again.
                changes.everything = true;
            }
        }
    }
}
