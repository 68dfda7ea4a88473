//! Partial updates of an output folder that holds a complete earlier build: what
//! `build --watch` writes after each successful rebuild. Every written file is replaced
//! atomically and removed files are deleted, so the folder only ever holds complete
//! files of the previous or the new build; a failed rebuild writes nothing.
//!
//! A file is replaced by writing the new one beside it and exchanging the two. After an
//! edit of one directive's text that means tens of megabytes at 10,000 directives (the
//! whole-site print document, `policy.json`, the テーマ extracts), and most of the time
//! of writing a new file goes to the kernel finding and filling fresh page-cache pages,
//! not to copying the bytes. So once an update is written, [`Updater`] makes a copy of
//! each file it wrote, in a folder beside the output and in the background, while
//! the administrator is busy editing; the next update writes into that copy only the
//! bytes that changed (from the first differing byte, and up to the last one when the
//! length stayed) and exchanges it in. The copy is a new file that no reader has ever
//! opened, and a replaced file is only ever renamed away and deleted, never written to:
//! a reader holding a file keeps complete old content, as with a plain replacement.

use std::collections::HashMap;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use anyhow::{Context, Result, bail};
use rayon::prelude::*;

use super::{MARKER_FILE, MARKER_TEXT, inside, remove_marked_dir, sibling};

/// A copy not used by this many updates after the one that made it is deleted: `serve`
/// and `build --watch` write two updates per save (the pages, then the whole-site
/// documents and search files), and the next save mostly rewrites the same files.
const COPY_KEPT_FOR: u64 = 2;
/// Copies ahead are written in pieces of this size, so that a new update stops the
/// copying quickly.
const COPY_PIECE: usize = 1 << 20;

/// Written and removed files, as [`crate::rebuild::Update`] lists them.
pub type Written = [(String, Arc<Vec<u8>>)];

/// Applies partial updates to one output folder and keeps copies of the files it wrote
/// ready for the next update (see the module documentation). The copies live in a
/// folder beside the output, `.<name>.hoshin-spare-<pid>`, removed when the updater is
/// dropped (or, after a crash, by the next staged write of that output: a build, or the
/// first write of `build --watch`).
pub struct Updater {
    out: PathBuf,
    spare_dir: PathBuf,
    /// Copies made since the last update, by output path.
    copies: Arc<Mutex<HashMap<String, Copy>>>,
    /// The background thread making copies and deleting replaced files, and the flag
    /// that stops it.
    worker: Option<(Arc<AtomicBool>, JoinHandle<()>)>,
    /// Names the copies apart.
    next_name: Arc<AtomicUsize>,
    /// Updates applied so far.
    applied: u64,
    copy_ahead: bool,
}

/// A copy of an output file, in the spare folder.
struct Copy {
    path: PathBuf,
    /// What it holds.
    bytes: Arc<Vec<u8>>,
    /// The update after which it was made.
    made_after: u64,
}

/// What [`Updater::apply`] did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Applied {
    /// Files written as a whole, beside the file they replace.
    pub written_anew: usize,
    /// Files written into a copy made ahead: only their changed bytes.
    pub patched: usize,
    /// Bytes written in all.
    pub bytes_written: usize,
}

/// One update of the output folder under way ([`Updater::begin`]).
pub struct Batch<'u> {
    updater: &'u mut Updater,
    /// The files written so far.
    written: Mutex<HashMap<String, Arc<Vec<u8>>>>,
    /// Files replaced by a copy, now in the spare folder: deleted in the background.
    replaced: Mutex<Vec<PathBuf>>,
    /// The first write that failed; nothing is written after it.
    error: Mutex<Option<anyhow::Error>>,
    written_anew: AtomicUsize,
    patched: AtomicUsize,
    bytes_written: AtomicUsize,
}

impl Batch<'_> {
    /// Replaces the file `rel` by `bytes`, atomically: into its copy made ahead, if
    /// there is one, else written anew beside it. An error is kept for [`Batch::end`].
    pub fn write(&self, rel: &str, bytes: &Arc<Vec<u8>>) {
        if self.error.lock().expect("lock").is_some() {
            return;
        }
        let out = &self.updater.out;
        let copy = self.updater.copies.lock().expect("lock").remove(rel);
        let result = match copy.map(|copy| (patch_copy(out, rel, bytes, &copy), copy)) {
            Some((Ok((n, old)), _)) => {
                self.patched.fetch_add(1, Ordering::Relaxed);
                self.bytes_written.fetch_add(n, Ordering::Relaxed);
                self.replaced.lock().expect("lock").extend(old);
                Ok(())
            }
            patch_failed => {
                // The copy, if any, is of no more use.
                if let Some((_, copy)) = patch_failed {
                    self.replaced.lock().expect("lock").push(copy.path);
                }
                self.written_anew.fetch_add(1, Ordering::Relaxed);
                self.bytes_written.fetch_add(bytes.len(), Ordering::Relaxed);
                replace_file(out, rel, bytes)
            }
        };
        match result {
            Ok(()) => {
                (self.written.lock().expect("lock")).insert(rel.to_string(), Arc::clone(bytes));
            }
            Err(e) => {
                self.error.lock().expect("lock").get_or_insert(e);
            }
        }
    }

    /// Writes the files of `written` not written yet with these bytes: in parallel,
    /// largest first and one file a task (after a text edit the whole-site documents
    /// are tens of megabytes each, next to hundreds of small search files).
    pub fn write_all(&self, written: &Written) {
        let mut jobs: Vec<&(String, Arc<Vec<u8>>)> = {
            let done = self.written.lock().expect("lock");
            (written.iter())
                .filter(|(rel, bytes)| done.get(rel).is_none_or(|d| !Arc::ptr_eq(d, bytes)))
                .collect()
        };
        jobs.sort_by_key(|(_, bytes)| std::cmp::Reverse(bytes.len()));
        jobs.par_iter()
            .with_max_len(1)
            .for_each(|(rel, bytes)| self.write(rel, bytes));
    }

    /// Deletes the `removed` files and ends the update: the first error of a write, or
    /// what was done. Then starts copying the files written, for the next update.
    pub fn end(self, removed: &[String]) -> Result<Applied> {
        let mut replaced = self.replaced.into_inner().expect("lock");
        let updater = self.updater;
        let result = match self.error.into_inner().expect("lock") {
            Some(e) => Err(e),
            None => remove_files(&updater.out, removed),
        };
        {
            let mut copies = updater.copies.lock().expect("lock");
            for rel in removed {
                replaced.extend(copies.remove(rel).map(|c| c.path));
            }
            let applied = updater.applied;
            copies.retain(|_, copy| {
                let keep = copy.made_after + COPY_KEPT_FOR >= applied;
                if !keep {
                    replaced.push(copy.path.clone());
                }
                keep
            });
        }
        let written = self.written.into_inner().expect("lock");
        let ahead = if updater.copy_ahead && result.is_ok() {
            written.into_iter().collect()
        } else {
            Vec::new()
        };
        updater.start_copying(replaced, ahead);
        result.map(|()| Applied {
            written_anew: self.written_anew.into_inner(),
            patched: self.patched.into_inner(),
            bytes_written: self.bytes_written.into_inner(),
        })
    }
}

/// Deletes the files `removed` of `out`; those already gone are no error.
fn remove_files(out: &Path, removed: &[String]) -> Result<()> {
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

impl Updater {
    /// An updater for the output folder `out`.
    pub fn new(out: &Path) -> Result<Updater> {
        let out = std::path::absolute(out)?;
        let spare_dir = sibling(&out, &format!("spare-{}", std::process::id()))?;
        if spare_dir.exists() {
            remove_marked_dir(&spare_dir)?;
        }
        // Folders of processes that are gone are removed by the next staged write, which
        // holds the lock (see `remove_stale_stages`).
        Ok(Updater {
            out,
            spare_dir,
            copies: Arc::default(),
            worker: None,
            next_name: Arc::default(),
            applied: 0,
            copy_ahead: true,
        })
    }

    /// An updater that makes no copies ahead (to compare, in benchmarks).
    pub fn without_copies(mut self) -> Updater {
        self.copy_ahead = false;
        self
    }

    /// Replaces the `written` files and deletes the `removed` ones. The caller holds the
    /// lock and has checked the output with [`super::check_output_dir`]. Then starts
    /// copying the files written, for the next update.
    pub fn apply(&mut self, written: &Written, removed: &[String]) -> Result<Applied> {
        let batch = self.begin()?;
        batch.write_all(written);
        batch.end(removed)
    }

    /// Starts an update whose files may be written one at a time, from any thread, as
    /// they are made ([`Batch::write`]). The caller holds the lock and has checked the
    /// output with [`super::check_output_dir`] until [`Batch::end`].
    pub fn begin(&mut self) -> Result<Batch<'_>> {
        if !self.out.join(MARKER_FILE).is_file() {
            bail!(
                "not updating {}: it has no {MARKER_FILE} marker",
                self.out.display()
            );
        }
        self.stop_copying();
        self.applied += 1;
        Ok(Batch {
            updater: self,
            written: Mutex::default(),
            replaced: Mutex::default(),
            error: Mutex::default(),
            written_anew: AtomicUsize::new(0),
            patched: AtomicUsize::new(0),
            bytes_written: AtomicUsize::new(0),
        })
    }

    /// Deletes `replaced` and copies the files of `ahead`, in a background thread.
    fn start_copying(&mut self, replaced: Vec<PathBuf>, ahead: Vec<(String, Arc<Vec<u8>>)>) {
        if replaced.is_empty() && ahead.is_empty() {
            return;
        }
        let stop = Arc::new(AtomicBool::new(false));
        let (copies, spare_dir, next_name) = (
            Arc::clone(&self.copies),
            self.spare_dir.clone(),
            Arc::clone(&self.next_name),
        );
        let flag = Arc::clone(&stop);
        let made_after = self.applied;
        let worker = std::thread::spawn(move || {
            for path in replaced {
                let _ = fs::remove_file(path);
            }
            if ahead.is_empty() || make_spare_dir(&spare_dir).is_err() {
                return;
            }
            for (rel, bytes) in ahead {
                if flag.load(Ordering::Relaxed) {
                    return;
                }
                let n = next_name.fetch_add(1, Ordering::Relaxed);
                let path = spare_dir.join(format!("{n}.copy"));
                match write_in_pieces(&path, &bytes, &flag) {
                    Ok(true) => {
                        let old = (copies.lock().expect("lock")).insert(
                            rel,
                            Copy {
                                path,
                                bytes,
                                made_after,
                            },
                        );
                        if let Some(old) = old {
                            let _ = fs::remove_file(old.path);
                        }
                    }
                    _ => {
                        let _ = fs::remove_file(&path);
                    }
                }
            }
        });
        self.worker = Some((stop, worker));
    }

    /// Stops the background copying (a copy half made is deleted) and waits for it.
    /// [`Updater::apply`] does this first; `build --watch` also does it as soon as a
    /// save is noticed, so that copying does not slow the rebuild.
    pub fn stop_copying(&mut self) {
        if let Some((stop, worker)) = self.worker.take() {
            stop.store(true, Ordering::Relaxed);
            let _ = worker.join();
        }
    }

    /// The folder of the copies, beside the output.
    pub fn spare_dir(&self) -> &Path {
        &self.spare_dir
    }

    /// Waits until the background copying is done (benchmarks and tests).
    pub fn wait_copied(&mut self) {
        if let Some((_, worker)) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

impl Drop for Updater {
    fn drop(&mut self) {
        self.stop_copying();
        remove_spare_dir(&self.spare_dir);
    }
}

/// Removes an [`Updater`]'s folder of copies, if it is there (and hoshin's).
pub fn remove_spare_dir(dir: &Path) {
    if dir.exists() {
        let _ = remove_marked_dir(dir);
    }
}

/// Creates the spare folder, marked as hoshin's, unless it is there.
fn make_spare_dir(dir: &Path) -> io::Result<()> {
    if !dir.join(MARKER_FILE).is_file() {
        fs::create_dir_all(dir)?;
        fs::write(dir.join(MARKER_FILE), MARKER_TEXT)?;
    }
    Ok(())
}

/// Writes `bytes` to a new file at `path`; `false` if `stop` was set meanwhile.
fn write_in_pieces(path: &Path, bytes: &[u8], stop: &AtomicBool) -> io::Result<bool> {
    let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
    for piece in bytes.chunks(COPY_PIECE) {
        if stop.load(Ordering::Relaxed) {
            return Ok(false);
        }
        file.write_all(piece)?;
    }
    Ok(true)
}

/// Turns `copy` into `new` by writing the bytes that differ and puts it in place of
/// `out/rel`. Returns the number of bytes written and where the replaced file now is
/// (to be deleted), if there was one.
fn patch_copy(out: &Path, rel: &str, new: &[u8], copy: &Copy) -> Result<(usize, Option<PathBuf>)> {
    use std::os::unix::fs::FileExt;
    let path = inside(out, rel)?;
    let changed = changed_range(&copy.bytes, new);
    let file = OpenOptions::new().write(true).open(&copy.path)?;
    file.write_all_at(&new[changed.clone()], changed.start as u64)?;
    if copy.bytes.len() != new.len() {
        file.set_len(new.len() as u64)?;
    }
    drop(file);
    let exchanged = exchange_or_rename(&copy.path, &path)?;
    Ok((changed.len(), exchanged.then(|| copy.path.clone())))
}

/// The bytes of `new` to write over `old` to make it `new`, once its length is set to
/// `new`'s: from the first byte in which they differ to the last one if their lengths
/// are equal, else to the end.
pub fn changed_range(old: &[u8], new: &[u8]) -> Range<usize> {
    let start = common_prefix(old, new);
    let end = if old.len() == new.len() {
        new.len() - common_suffix(&old[start..], &new[start..])
    } else {
        new.len()
    };
    start..end
}

/// Compared a block at a time (one `memcmp` each), then byte by byte in the block
/// that differs.
const COMPARE_BLOCK: usize = 4096;

fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + COMPARE_BLOCK <= n && a[i..i + COMPARE_BLOCK] == b[i..i + COMPARE_BLOCK] {
        i += COMPARE_BLOCK;
    }
    i + (a[i..n].iter().zip(&b[i..n]))
        .take_while(|(x, y)| x == y)
        .count()
}

fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let (a, b) = (&a[a.len() - n..], &b[b.len() - n..]);
    let mut i = 0;
    while i + COMPARE_BLOCK <= n
        && a[n - i - COMPARE_BLOCK..n - i] == b[n - i - COMPARE_BLOCK..n - i]
    {
        i += COMPARE_BLOCK;
    }
    i + (a[..n - i].iter().rev().zip(b[..n - i].iter().rev()))
        .take_while(|(x, y)| x == y)
        .count()
}

/// Replaces `out/rel` by `bytes` atomically: written beside it, then put in its place.
fn replace_file(out: &Path, rel: &str, bytes: &[u8]) -> Result<()> {
    let path = inside(out, rel)?;
    let dir = path.parent().context("output file has no folder")?;
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let name = path
        .file_name()
        .context("output file has no name")?
        .to_string_lossy();
    let tmp = dir.join(format!(".{name}.hoshin-tmp-{}", std::process::id()));
    let result = fs::write(&tmp, bytes)
        .and_then(|()| put_in_place(&tmp, &path))
        .with_context(|| format!("cannot write {}", path.display()));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Moves the file `tmp` to `path`, atomically: a reader of `path` sees the old file or
/// the new one, never neither. The old one is deleted.
fn put_in_place(tmp: &Path, path: &Path) -> io::Result<()> {
    if exchange_or_rename(tmp, path)? {
        fs::remove_file(tmp)?;
    }
    Ok(())
}

/// Moves the file `from` to `to` atomically; `true` when `to` was a file, which is now
/// at `from`.
///
/// Over an existing regular file, on Linux, the two are exchanged (`RENAME_EXCHANGE`):
/// ext4 makes a rename over an existing file start writing the new file's blocks to
/// disk first (`auto_da_alloc`), which doubled the time of replacing the tens of
/// megabytes of `print.html` and `policy.json` after every edit (measured: 28 MB in
/// 30 → 14 ms).
fn exchange_or_rename(from: &Path, to: &Path) -> io::Result<bool> {
    #[cfg(target_os = "linux")]
    if fs::symlink_metadata(to).is_ok_and(|m| m.is_file()) {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, from, CWD, to, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(true),
            // Not supported here, or `to` went away meanwhile: a plain rename.
            Err(e)
                if e == rustix::io::Errno::INVAL
                    || e == rustix::io::Errno::NOSYS
                    || e == rustix::io::Errno::NOENT => {}
            Err(e) => return Err(e.into()),
        }
    }
    fs::rename(from, to).map(|()| false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tests::file;
    use crate::output::write_site;
    use crate::render::OutputFile;
    use proptest::prelude::*;

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
            .filter(|n| n.contains("hoshin-tmp") || n.ends_with(".copy"))
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
        let mut updater = Updater::new(&out).unwrap();
        // Held open across the update: a reader keeps the complete old file.
        let held = open(&out.join("index.html"));
        updater
            .apply(
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
        assert!(
            updater
                .apply(&[("x.html".into(), bytes("x"))], &[])
                .is_err()
        );
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
        assert!(
            updater
                .apply(&[("a/b.html".into(), bytes("B"))], &[])
                .is_err()
        );
        assert_eq!(fs::read_to_string(out.join("a/b.html")).unwrap(), "b");
    }

    #[test]
    fn files_are_patched_into_copies_made_ahead_and_readers_keep_old_files() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("dist");
        let version = |i: usize, len: usize| -> Arc<Vec<u8>> {
            // The same start, a changed middle, and lengths that grow and shrink.
            let mut text = "<p>前文</p>".repeat(200);
            text.push_str(&format!("<p>改訂{i}</p>").repeat(len));
            text.push_str(&"<p>後文</p>".repeat(300));
            Arc::new(text.into_bytes())
        };
        let first = version(0, 3);
        write_site(
            &out,
            &[
                OutputFile {
                    path: "print.html".into(),
                    bytes: first.to_vec(),
                },
                file("small.html", "s0"),
            ],
        )
        .unwrap();
        let mut updater = Updater::new(&out).unwrap();
        let mut held = vec![(open(&out.join("print.html")), first)];
        let mut patched = Vec::new();
        // Longer, shorter, the same length with other bytes, the same bytes.
        for (i, len) in [(1, 5), (2, 2), (3, 2), (4, 7), (4, 7)].into_iter() {
            let new = version(i, len);
            let applied = updater
                .apply(
                    &[
                        ("print.html".into(), Arc::clone(&new)),
                        ("small.html".into(), bytes(&format!("s{i}"))),
                    ],
                    &[],
                )
                .unwrap();
            patched.push(applied.patched);
            assert_eq!(fs::read(out.join("print.html")).unwrap(), *new);
            assert_eq!(
                fs::read_to_string(out.join("small.html")).unwrap(),
                format!("s{i}")
            );
            // Every file a reader opened before still holds what it held.
            for (file, bytes) in &mut held {
                use std::io::{Read, Seek};
                file.rewind().unwrap();
                let mut read = Vec::new();
                file.read_to_end(&mut read).unwrap();
                assert_eq!(read, **bytes);
            }
            held.push((open(&out.join("print.html")), new));
            updater.wait_copied();
        }
        // The first update had no copies yet; every later one used them.
        assert_eq!(patched, [0, 2, 2, 2, 2]);
        assert_eq!(temporaries(&out), Vec::<String>::new());
        let spare = sibling(&out, &format!("spare-{}", std::process::id())).unwrap();
        assert!(spare.is_dir());
        drop(updater);
        assert!(
            !spare.exists(),
            "the spare folder is removed with the updater"
        );
    }

    #[test]
    fn a_copy_that_went_away_is_written_anew() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("dist");
        write_site(&out, &[file("big.html", &"a".repeat(5000))]).unwrap();
        let mut updater = Updater::new(&out).unwrap();
        updater
            .apply(&[("big.html".into(), bytes(&"b".repeat(5000)))], &[])
            .unwrap();
        updater.wait_copied();
        let spare = sibling(&out, &format!("spare-{}", std::process::id())).unwrap();
        fs::remove_dir_all(&spare).unwrap();
        let applied = updater
            .apply(&[("big.html".into(), bytes(&"c".repeat(4000)))], &[])
            .unwrap();
        assert_eq!((applied.patched, applied.written_anew), (0, 1));
        assert_eq!(
            fs::read_to_string(out.join("big.html")).unwrap(),
            "c".repeat(4000)
        );
    }

    #[test]
    fn files_written_early_are_not_written_again_and_errors_reach_the_end() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("dist");
        write_site(&out, &[file("a.html", "a0"), file("b.html", "b0")]).unwrap();
        let mut updater = Updater::new(&out).unwrap();
        let (a, b) = (bytes("a1"), bytes("b1"));
        let batch = updater.begin().unwrap();
        batch.write("a.html", &a);
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "a1");
        batch.write_all(&[("a.html".into(), a), ("b.html".into(), b)]);
        let applied = batch.end(&[]).unwrap();
        assert_eq!(applied.written_anew + applied.patched, 2, "{applied:?}");
        assert_eq!(fs::read_to_string(out.join("b.html")).unwrap(), "b1");

        // A write that fails is reported by `end`, and nothing is written after it.
        fs::create_dir(out.join("x.html")).unwrap();
        let batch = updater.begin().unwrap();
        batch.write("x.html", &bytes("x"));
        batch.write("a.html", &bytes("a2"));
        assert!(batch.end(&[]).is_err());
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "a1");
    }

    #[test]
    fn copies_not_used_by_the_next_two_updates_are_deleted() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("dist");
        write_site(&out, &[file("index.html", "i")]).unwrap();
        let mut updater = Updater::new(&out).unwrap();
        let spare = sibling(&out, &format!("spare-{}", std::process::id())).unwrap();
        let copies = || {
            let mut names: Vec<String> = fs::read_dir(&spare)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".copy"))
                .collect();
            names.sort();
            names
        };
        for i in 0..6 {
            let name = format!("f{i}.html");
            updater.apply(&[(name, bytes("x"))], &[]).unwrap();
            updater.wait_copied();
            assert_eq!(copies().len(), (i + 1).min(3), "after update {i}");
        }
        // A removed file's copy goes with it.
        updater.apply(&[], &["f5.html".into()]).unwrap();
        updater.wait_copied();
        assert_eq!(copies().len(), 1);
    }

    proptest! {
        #[test]
        fn writing_the_changed_range_over_the_old_bytes_gives_the_new(
            common in proptest::collection::vec(0u8..4, 0..9000),
            old_mid in proptest::collection::vec(0u8..4, 0..40),
            new_mid in proptest::collection::vec(0u8..4, 0..40),
            tail in proptest::collection::vec(0u8..4, 0..9000),
            split in 0usize..9000,
        ) {
            let split = split.min(common.len());
            let make = |mid: &[u8]| -> Vec<u8> {
                [&common[..split], mid, &common[split..], &tail].concat()
            };
            let (old, new) = (make(&old_mid), make(&new_mid));
            let range = changed_range(&old, &new);
            let mut file = old.clone();
            file.resize(new.len(), 0xFF);
            file[range.clone()].copy_from_slice(&new[range.clone()]);
            prop_assert_eq!(&file, &new);
            if old.len() == new.len() {
                prop_assert!(range.len() <= old_mid.len());
            }
        }
    }
}
