//! Updating an output folder holding an earlier build, as `build --watch` does after each
//! rebuild ([`crate::pipeline::session`]): changed files are written atomically (beside, then
//! renamed over), files no longer in the site removed, so readers only see complete files of
//! either build and open files keep the old content. The marker file is never touched.
//!
//! Creating and freeing files are the slow part of an update on an ordinary Linux disk (ext4
//! without a journal searches past every recently freed inode; `discard` waits on the device):
//! at 10,000 directives they took ~250 of an edit's ~300 ms of writing. So files are written
//! into [`Spares`] made between updates, and the replaced files are held open until the update
//! is reported, which is when their space is freed (BENCHMARKS.md).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result, bail};
use rayon::prelude::*;

use super::{MARKER_FILE, inside, retry, sibling};
use crate::t;

/// At most this many spares are made, and replaced files held open, per update.
const MOST: usize = 512;

/// Empty files, made between updates in `.<out>.hoshin-spare` beside the output folder, for the
/// next update to write into and rename into place. Removed when dropped.
pub struct Spares {
    dir: PathBuf,
    /// The spares ready, and how many were ever made (their names).
    ready: Mutex<(Vec<PathBuf>, usize)>,
}

impl Spares {
    /// The spares of output folder `out`, none yet (a folder left by a killed run is emptied).
    pub fn new(out: &Path) -> Result<Spares> {
        let dir = sibling(out, "spare")?;
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir)
            .with_context(|| t!("output-cannot-create", path = dir.display()))?;
        Ok(Spares {
            dir,
            ready: Mutex::default(),
        })
    }

    /// Makes spares until `count` (at most [`MOST`]) are ready; one that fails ends it.
    pub fn make(&self, count: usize) {
        let (ready, made) = &mut *self.ready.lock().expect("lock");
        while ready.len() < count.min(MOST) {
            *made += 1;
            let path = self.dir.join(made.to_string());
            if fs::File::create(&path).is_err() {
                return;
            }
            ready.push(path);
        }
    }
}

impl Drop for Spares {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Writes `written` into `out` and deletes `removed`; `out` holds a marked build, lock held.
/// Returns (up to [`MOST`] of) the replaced files, open (on Unix): dropping them frees their
/// space.
pub fn update(
    out: &Path,
    written: &[(String, Arc<Vec<u8>>)],
    removed: &[String],
    spares: Option<&Spares>,
) -> Result<Vec<fs::File>> {
    if !out.join(MARKER_FILE).is_file() {
        bail!(t!(
            "output-not-updating",
            path = out.display(),
            marker = MARKER_FILE
        ));
    }
    let replaced = Mutex::new(Vec::new());
    written.par_iter().try_for_each(|(rel, bytes)| {
        let path = inside(out, rel)?;
        // Elsewhere an open file cannot be renamed over.
        if cfg!(unix) {
            let mut held = replaced.lock().expect("lock");
            if held.len() < MOST {
                held.extend(fs::File::open(&path).ok());
            }
        }
        let spare = spares.and_then(|s| s.ready.lock().expect("lock").0.pop());
        match spare {
            Some(spare) if write_into(&spare, &path, bytes).is_ok() => Ok(()),
            _ => write_file_atomic(&path, bytes),
        }
    })?;
    for rel in removed {
        let path = inside(out, rel)?;
        if path.exists() {
            retry(&path, || fs::remove_file(&path))
                .with_context(|| t!("output-cannot-remove", path = path.display()))?;
        }
    }
    Ok(replaced.into_inner().expect("lock"))
}

/// Writes `bytes` into file `spare` and renames it to `path`.
fn write_into(spare: &Path, path: &Path, bytes: &[u8]) -> Result<()> {
    fs::write(spare, bytes)?;
    fs::create_dir_all(path.parent().unwrap_or(path))?;
    retry(path, || fs::rename(spare, path))
}

/// Writes `bytes` to `path` (folder created) via a temp file and a rename: old or new, never half.
pub fn write_file_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let path = std::path::absolute(path)?;
    let dir = path.parent().with_context(|| t!("output-file-no-folder"))?;
    fs::create_dir_all(dir).with_context(|| t!("output-cannot-create", path = dir.display()))?;
    let name = path
        .file_name()
        .with_context(|| t!("output-file-no-name"))?
        .to_string_lossy();
    let tmp = dir.join(format!(".{name}.hoshin-tmp-{}", std::process::id()));
    let result = fs::write(&tmp, bytes)
        .map_err(anyhow::Error::from)
        .and_then(|()| retry(&path, || fs::rename(&tmp, &path)))
        .with_context(|| t!("output-cannot-write", path = path.display()));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tests::file;
    use crate::output::write_site;
    use std::io;

    fn open(path: &Path) -> fs::File {
        fs::File::open(path).unwrap()
    }

    fn bytes(s: &str) -> Arc<Vec<u8>> {
        Arc::new(s.as_bytes().to_vec())
    }

    /// Names under `dir` that look like hoshin's temporary files.
    fn temporaries(dir: &Path) -> Vec<String> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("hoshin-tmp"))
            .collect()
    }

    #[test]
    fn updates_replace_add_and_remove_files_leaving_no_temporary_file() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("dist");
        write_site(
            &out,
            &[
                file("index.html", "one"),
                file("a/b.html", "b"),
                file("c.html", "c"),
            ],
        )
        .unwrap();
        // Held open across the update: a reader keeps the complete old file (on Unix: Windows
        // does not rename over open files).
        let held = cfg!(unix).then(|| open(&out.join("index.html")));
        // One spare for two files: one is written into it, the other beside its place.
        let spares = Spares::new(&out).unwrap();
        spares.make(1);
        let spare_dir = tmp.path().join(".dist.hoshin-spare");
        assert_eq!(fs::read_dir(&spare_dir).unwrap().count(), 1);
        let replaced = update(
            &out,
            &[
                ("index.html".into(), bytes("two")),
                ("a/new/d.html".into(), bytes("d")),
            ],
            &["c.html".into()],
            Some(&spares),
        )
        .unwrap();
        assert_eq!(fs::read_dir(&spare_dir).unwrap().count(), 0, "spare used");
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        if let Some(held) = held {
            assert_eq!(io::read_to_string(held).unwrap(), "one");
            let [replaced] = <[fs::File; 1]>::try_from(replaced).unwrap();
            assert_eq!(
                io::read_to_string(replaced).unwrap(),
                "one",
                "returned open"
            );
        }
        drop(spares);
        assert!(!spare_dir.exists(), "spares removed when dropped");
        assert_eq!(fs::read_to_string(out.join("a/new/d.html")).unwrap(), "d");
        assert_eq!(fs::read_to_string(out.join("a/b.html")).unwrap(), "b");
        assert!(!out.join("c.html").exists());
        assert_eq!(
            temporaries(&out),
            Vec::<String>::new(),
            "temporary files left"
        );

        // A folder where a file is to go is an error, and the folder stays.
        fs::create_dir(out.join("x.html")).unwrap();
        fs::write(out.join("x.html/inner"), "kept").unwrap();
        assert!(update(&out, &[("x.html".into(), bytes("x"))], &[], None).is_err());
        assert_eq!(
            fs::read_to_string(out.join("x.html/inner")).unwrap(),
            "kept"
        );
        assert_eq!(
            temporaries(&out),
            Vec::<String>::new(),
            "temporary files left"
        );
        // Without the marker, nothing is touched.
        fs::remove_file(out.join(MARKER_FILE)).unwrap();
        assert!(update(&out, &[("a/b.html".into(), bytes("B"))], &[], None).is_err());
        assert_eq!(fs::read_to_string(out.join("a/b.html")).unwrap(), "b");
    }
}
