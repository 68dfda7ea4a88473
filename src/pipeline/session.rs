//! A site being edited (`serve`, `build --watch`): its last good build's files, kept between
//! rebuilds. Each rebuild runs the whole pipeline in memory, reusing unchanged work
//! ([`super::render_reusing`], [`crate::memo`]); only files whose bytes changed are written or
//! served again. A failed rebuild keeps the last good files.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::Diagnostic;
use crate::editions;
use crate::pipeline::{self, Failure, Reuse};

pub use crate::page::Bytes;

/// Output files by relative path.
pub type Files = rustc_hash::FxHashMap<String, Bytes>;

/// What a successful rebuild changed in the output.
#[derive(Debug, Default)]
pub struct Update {
    /// Files added or whose bytes changed, by relative path, sorted.
    pub written: Vec<(String, Bytes)>,
    /// Files that are no longer part of the site.
    pub removed: Vec<String>,
    /// Number of directives in the site.
    pub directives: usize,
    pub warnings: Vec<Diagnostic>,
}

/// A site being edited: the state kept between rebuilds.
pub struct Session {
    root: PathBuf,
    /// Every output file of the last good build, by relative path.
    files: Files,
    /// The visual theme of the last config read.
    theme: String,
    /// Folders of the older editions (absolute), when the site has several.
    edition_dirs: Vec<PathBuf>,
    /// What the last build made, for the next to reuse.
    reuse: Reuse,
}

impl Session {
    /// A session for the site at `root`; nothing is read until the first rebuild.
    pub fn new(root: &Path) -> Session {
        Session {
            // Canonical, so that it is a prefix of the paths the file watcher reports.
            root: dunce::canonicalize(root)
                .or_else(|_| std::path::absolute(root))
                .unwrap_or_else(|_| root.to_path_buf()),
            files: Files::default(),
            theme: "default".to_string(),
            edition_dirs: Vec::new(),
            reuse: Reuse::default(),
        }
    }

    /// The site root, absolute.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The active visual theme's name (from the last config read).
    pub fn theme(&self) -> &str {
        &self.theme
    }

    /// Every file of the last good build, by relative path (empty before the first).
    pub fn files(&self) -> &Files {
        &self.files
    }

    /// The folders of the older editions (absolute), to watch; empty for one edition.
    pub fn edition_dirs(&self) -> &[PathBuf] {
        &self.edition_dirs
    }

    /// Rebuilds in memory and keeps the changed files; on errors the last good ones stay.
    pub fn rebuild(&mut self) -> Result<Update, Vec<Diagnostic>> {
        let rendered = pipeline::render_reusing(&self.root, &mut self.reuse).map_err(
            |failure| match failure {
                Failure::Input(diags) => diags,
                Failure::Output(e) => vec![Diagnostic::file(&self.root, format!("{e:#}"))],
            },
        )?;
        self.theme.clone_from(&rendered.sources.config.theme);
        self.edition_dirs = editions::edition_dirs(&self.root, &rendered.sources.config)
            .into_iter()
            .map(|d| dunce::canonicalize(&d).unwrap_or(d))
            .collect();
        let mut fresh = Files::default();
        let mut written = Vec::new();
        for file in rendered.files {
            // A page reused from the last build is the same allocation, which `Arc`'s
            // equality sees without comparing the bytes.
            let bytes = match self.files.remove(&file.path) {
                Some(old) if old == file.bytes => old,
                _ => {
                    written.push((file.path.clone(), Arc::clone(&file.bytes)));
                    file.bytes
                }
            };
            fresh.insert(file.path, bytes);
        }
        // What is left of the old files is no longer part of the site.
        let removed = std::mem::replace(&mut self.files, fresh)
            .into_keys()
            .collect();
        written.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(Update {
            written,
            removed,
            directives: rendered.site.directives.len(),
            warnings: rendered.warnings,
        })
    }
}
