//! Watching a site's sources: `hoshin.yaml`, `content/`, `templates/`, `static/` and
//! `themes/`, through notify's debouncer (which also pairs the two halves of a rename,
//! as editors do for an atomic save). A burst of events becomes one [`Changes`].
//!
//! Folders that appear later (a `templates/` created after start, a `content/` deleted
//! and restored) are watched as soon as they exist.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use anyhow::{Context, Result};
use notify::RecursiveMode;
use notify::event::{AccessKind, AccessMode, EventKind};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::load::CONTENT_DIR;
use crate::rebuild::Changes;
use crate::skin::{TEMPLATE_OVERRIDES_DIR, THEMES_DIR};

/// How long a file must be quiet before its events are delivered. Editors write a file
/// in several steps within a few milliseconds; this is well above that and well below
/// what a person notices.
const DEBOUNCE: Duration = Duration::from_millis(25);

/// Folders under the site root whose whole tree is watched.
const WATCHED_DIRS: &[&str] = &[CONTENT_DIR, TEMPLATE_OVERRIDES_DIR, "static", THEMES_DIR];

/// What [`Watcher::wait_timeout`] saw.
pub enum Waited {
    Changes(Changes),
    /// Nothing changed in the time given.
    Quiet,
    /// Watching stopped.
    Stopped,
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
        let mut debouncer = new_debouncer(DEBOUNCE, None, tx).context("cannot watch files")?;
        // The root itself, not recursively: hoshin.yaml, and folders being created.
        debouncer
            .watch(root, RecursiveMode::NonRecursive)
            .with_context(|| format!("cannot watch {}", root.display()))?;
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
                Err(e) => eprintln!("warning: cannot watch {}: {e}", dir.display()),
            }
        }
    }

    /// Waits for the next changes; `None` when watching stopped. Events that arrive
    /// while the caller is rebuilding are gathered into the next call's result.
    pub fn wait(&mut self) -> Option<Changes> {
        let first = self.events.recv().ok()?;
        Some(self.gather(first))
    }

    /// Like [`Watcher::wait`], but gives up after `timeout`.
    pub fn wait_timeout(&mut self, timeout: Duration) -> Waited {
        match self.events.recv_timeout(timeout) {
            Ok(first) => Waited::Changes(self.gather(first)),
            Err(RecvTimeoutError::Timeout) => Waited::Quiet,
            Err(RecvTimeoutError::Disconnected) => Waited::Stopped,
        }
    }

    /// `first` and whatever else is already queued: one burst of changes.
    fn gather(&mut self, first: DebounceEventResult) -> Changes {
        let mut changes = Changes::default();
        self.take(first, &mut changes);
        // Whatever else is already queued belongs to the same burst.
        loop {
            match self.events.recv_timeout(Duration::from_millis(1)) {
                Ok(more) => self.take(more, &mut changes),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
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
                    for path in &event.paths {
                        changes.add(path.clone());
                    }
                }
            }
            Err(errors) => {
                for e in errors {
                    eprintln!("warning: file watching: {e}");
                }
                // Events may have been lost: read everything again.
                changes.merge(Changes::everything());
            }
        }
    }
}
