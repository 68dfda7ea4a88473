//! Updating an output folder holding an earlier build, as `build --watch` does after each
//! rebuild ([`crate::pipeline::session`]): changed files are written atomically (beside, then
//! renamed over), files no longer in the site removed, so readers only see complete files of
//! either build and open files keep the old content. The marker file is never touched.

use std::fs;
use std::io;
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use rayon::prelude::*;

use super::{MARKER_FILE, inside};

/// Writes `written` into `out` and deletes `removed`; `out` holds a marked build, lock held.
pub fn update(out: &Path, written: &[(String, Arc<Vec<u8>>)], removed: &[String]) -> Result<()> {
    if !out.join(MARKER_FILE).is_file() {
        bail!(
            "not updating {}: it has no {MARKER_FILE} marker, so it may not be hoshin's",
            out.display()
        );
    }
    written
        .par_iter()
        .try_for_each(|(rel, bytes)| replace_file(out, rel, bytes))?;
    for rel in removed {
        let path = inside(out, rel)?;
        match fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => {
                return Err(e).with_context(|| format!("cannot remove {}", path.display()));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Replaces `out/rel` by `bytes` atomically.
fn replace_file(out: &Path, rel: &str, bytes: &[u8]) -> Result<()> {
    write_file_atomic(&inside(out, rel)?, bytes)
}

/// Writes `bytes` to `path` (folder created) via a temp file and a rename: old or new, never half.
pub fn write_file_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let path = std::path::absolute(path)?;
    let dir = path.parent().context("output file has no folder")?;
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let name = path
        .file_name()
        .context("output file has no name")?
        .to_string_lossy();
    let tmp = dir.join(format!(".{name}.hoshin-tmp-{}", std::process::id()));
    let result = fs::write(&tmp, bytes)
        .and_then(|()| fs::rename(&tmp, &path))
        .with_context(|| format!("cannot write {}", path.display()));
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
        // Held open across the update: a reader keeps the complete old file.
        let held = open(&out.join("index.html"));
        update(
            &out,
            &[
                ("index.html".into(), bytes("two")),
                ("a/new/d.html".into(), bytes("d")),
            ],
            &["c.html".into()],
        )
        .unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert_eq!(io::read_to_string(held).unwrap(), "one");
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
        assert!(update(&out, &[("x.html".into(), bytes("x"))], &[]).is_err());
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
        assert!(update(&out, &[("a/b.html".into(), bytes("B"))], &[]).is_err());
        assert_eq!(fs::read_to_string(out.join("a/b.html")).unwrap(), "b");
    }
}
