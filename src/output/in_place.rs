//! Replacing an output folder's content file by file, for systems and file systems that cannot
//! swap two folders in one step (Windows; Linux and macOS file systems without
//! `RENAME_EXCHANGE`/`RENAME_SWAP`), and retrying what another program holds open.
//!
//! Each file is renamed over the old one, so a reader sees a file either old or new, never
//! half written; the output folder keeps its marker throughout, so a build that fails halfway
//! (a file held open, a full disk) leaves a folder the next build will still replace.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use walkdir::WalkDir;

use super::{MARKER_FILE, same_bytes};
use crate::t;

/// How long a file held by another program is waited for.
const PATIENCE: Duration = Duration::from_secs(3);

/// Makes `out` hold exactly what `stage` holds, moving `stage`'s files into it one by one; what
/// only `out` has is removed after, the marker never. `stage` is left with what was the same.
pub(super) fn replace_in_place(stage: &Path, out: &Path) -> Result<()> {
    let mut new_paths: HashSet<PathBuf> = HashSet::new();
    for entry in WalkDir::new(stage).min_depth(1) {
        let entry = entry.with_context(|| t!("output-cannot-read", path = stage.display()))?;
        let rel = entry.path().strip_prefix(stage).unwrap_or(entry.path());
        new_paths.insert(rel.to_path_buf());
        let target = out.join(rel);
        if entry.file_type().is_dir() {
            if target.is_file() {
                retry(&target, || fs::remove_file(&target))
                    .with_context(|| t!("output-cannot-remove", path = target.display()))?;
            }
            fs::create_dir_all(&target)
                .with_context(|| t!("output-cannot-create", path = target.display()))?;
            continue;
        }
        if rel == Path::new(MARKER_FILE) {
            continue;
        }
        if target.is_dir() {
            retry(&target, || fs::remove_dir_all(&target))
                .with_context(|| t!("output-cannot-remove", path = target.display()))?;
        } else if same_length(&entry, &target)
            && fs::read(entry.path()).is_ok_and(|bytes| same_bytes(&target, &bytes))
        {
            continue;
        }
        retry(&target, || fs::rename(entry.path(), &target))
            .with_context(|| t!("output-cannot-write", path = target.display()))?;
    }
    // Files first, then the folders they leave empty.
    for entry in WalkDir::new(out).min_depth(1).contents_first(true) {
        let entry = entry.with_context(|| t!("output-cannot-read", path = out.display()))?;
        let rel = entry.path().strip_prefix(out).unwrap_or(entry.path());
        if new_paths.contains(rel) || rel == Path::new(MARKER_FILE) {
            continue;
        }
        let path = entry.path();
        if entry.file_type().is_dir() {
            retry(path, || fs::remove_dir(path))
        } else {
            retry(path, || fs::remove_file(path))
        }
        .with_context(|| t!("output-cannot-remove", path = path.display()))?;
    }
    Ok(())
}

/// Whether the staged file `entry` is as long as `target`: most changed files are not, and
/// need not be read.
fn same_length(entry: &walkdir::DirEntry, target: &Path) -> bool {
    let staged = entry.metadata().map(|m| m.len());
    staged.is_ok_and(|len| fs::metadata(target).is_ok_and(|t| t.is_file() && t.len() == len))
}

/// Runs `op` on `path`, again for a while if another program holds the file: Windows refuses
/// to rename or delete a file that an editor, viewer, virus scanner or web server has open.
/// When it stays held, the error says so.
pub(crate) fn retry<T>(path: &Path, mut op: impl FnMut() -> io::Result<T>) -> Result<T> {
    let started = Instant::now();
    let mut pause = Duration::from_millis(20);
    loop {
        match op() {
            Err(e) if held_by_another_program(&e) => {
                if started.elapsed() >= PATIENCE {
                    return Err(e).context(t!("output-file-in-use", path = path.display()));
                }
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(400));
            }
            result => return Ok(result?),
        }
    }
}

/// Whether `e` is Windows saying another program has the file open (sharing or lock
/// violation; access denied, which a pending delete also gives).
fn held_by_another_program(e: &io::Error) -> bool {
    cfg!(windows) && matches!(e.raw_os_error(), Some(5 | 32 | 33))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    /// Every file and folder under `dir`, with the files' text.
    fn tree(dir: &Path) -> Vec<(String, Option<String>)> {
        let mut all: Vec<_> = WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .map(|e| {
                let e = e.unwrap();
                let rel = e.path().strip_prefix(dir).unwrap();
                let text = e
                    .file_type()
                    .is_file()
                    .then(|| fs::read_to_string(e.path()).unwrap());
                (rel.to_string_lossy().replace('\\', "/"), text)
            })
            .collect();
        all.sort();
        all
    }

    #[test]
    fn the_output_ends_up_exactly_as_staged_keeping_its_marker() {
        let tmp = tempfile::tempdir().unwrap();
        let (stage, out) = (tmp.path().join("stage"), tmp.path().join("out"));
        write(&out.join(MARKER_FILE), "old marker");
        write(&out.join("index.html"), "old");
        write(&out.join("same.html"), "same");
        write(&out.join("gone/deep/x.html"), "x");
        write(&out.join("was-file"), "f");
        write(&out.join("was-dir/inner.html"), "i");
        write(&stage.join(MARKER_FILE), "new marker");
        write(&stage.join("index.html"), "new");
        write(&stage.join("same.html"), "same");
        write(&stage.join("added/a.html"), "a");
        write(&stage.join("was-file/now.html"), "n");
        write(&stage.join("was-dir"), "now a file");
        let marker_modified = fs::metadata(out.join(MARKER_FILE))
            .unwrap()
            .modified()
            .unwrap();

        replace_in_place(&stage, &out).unwrap();

        // What moved is gone from the stage; what was the same stayed there.
        let moved: Vec<_> = tree(&stage).into_iter().map(|(p, _)| p).collect();
        assert!(moved.contains(&"same.html".to_string()), "{moved:?}");
        assert!(!moved.contains(&"index.html".to_string()), "{moved:?}");
        let got = tree(&out);
        assert_eq!(got.len(), 8, "{got:?}");
        for (path, text) in [
            (MARKER_FILE, "old marker"),
            ("index.html", "new"),
            ("same.html", "same"),
            ("added/a.html", "a"),
            ("was-file/now.html", "n"),
            ("was-dir", "now a file"),
        ] {
            assert!(
                got.contains(&(path.to_string(), Some(text.to_string()))),
                "{path}: {got:?}"
            );
        }
        assert_eq!(
            fs::metadata(out.join(MARKER_FILE))
                .unwrap()
                .modified()
                .unwrap(),
            marker_modified,
            "the marker is never rewritten"
        );
        assert!(!out.join("gone").exists());
    }

    #[test]
    fn retry_gives_up_at_once_on_other_errors() {
        let started = Instant::now();
        let missing = Path::new("no-such-file-anywhere");
        let err = retry(missing, || fs::remove_file(missing)).unwrap_err();
        assert!(started.elapsed() < PATIENCE);
        assert_eq!(
            err.downcast_ref::<io::Error>().map(io::Error::kind),
            Some(io::ErrorKind::NotFound)
        );
    }
}
