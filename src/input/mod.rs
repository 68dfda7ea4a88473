//! The only reader of a site's sources: `hoshin.yaml` and `content/` (`_index.md` the notice,
//! `topics.yaml` テーマ, `plans.yaml` cited plans, a folder per chapter with an `_index.md`,
//! and a Markdown file per directive in its chapter's folder).

pub mod config;
pub mod encoding;

pub use encoding::{LegacyEncoding, decode, fix_encodings};
pub mod front_matter;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diag::source::SourceFile;
use crate::diag::{Diagnostic, Diagnostics};
use crate::input::config::{CONFIG_FILE, Config};
use crate::memo::Memo;

pub const CONTENT_DIR: &str = "content";
pub const TOPICS_FILE: &str = "topics.yaml";
pub const PLANS_FILE: &str = "plans.yaml";
pub const INDEX_FILE: &str = "_index.md";

/// Every source file of a site, read into memory.
#[derive(Debug, Clone)]
pub struct Sources {
    pub root: PathBuf,
    pub config: Config,
    pub notice: Option<SourceFile>,
    pub topics: Option<SourceFile>,
    pub plans: Option<SourceFile>,
    /// Chapter `_index.md` files, sorted by path.
    pub chapters: Vec<SourceFile>,
    /// Directive files, sorted by path.
    pub directives: Vec<SourceFile>,
}

impl Sources {
    /// Empty sources for `root`, filled from disk by [`load`] or in memory by tests and fuzzing.
    pub fn empty(root: impl Into<PathBuf>, config: Config) -> Sources {
        Sources {
            root: root.into(),
            config,
            notice: None,
            topics: None,
            plans: None,
            chapters: Vec::new(),
            directives: Vec::new(),
        }
    }
}

/// Files that editors leave behind while saving; never content.
pub fn is_editor_litter(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
        || name.starts_with('#')
}

/// Files a site being edited read last time, by path, with their size, time of last change
/// and the time they were read (see [`read_reusing`]).
pub type SourceMemo = Memo<(u64, SystemTime, SystemTime), SourceFile>;

/// Reads the site at `root`, reporting problems (unreadable, misplaced files) into `diags`.
pub fn load(root: &Path, diags: &mut Diagnostics) -> Sources {
    load_reusing(root, diags, None)
}

/// [`load`], reusing the files in `memo` that did not change since they were read.
pub fn load_reusing(root: &Path, diags: &mut Diagnostics, memo: Option<&SourceMemo>) -> Sources {
    let config = load_config(root, diags);
    let content = root.join(CONTENT_DIR);
    let mut sources = Sources::empty(root, config);
    if !content.is_dir() {
        diags.push(Diagnostic::file(
            display_path(root, &content),
            crate::t!("content-folder-missing"),
        ));
        return sources;
    }

    enum Kind {
        Notice,
        Topics,
        Plans,
        Chapter,
        Directive,
    }
    let mut wanted: Vec<(Kind, PathBuf)> = Vec::new();
    let walker = WalkDir::new(&content)
        .follow_links(false)
        .min_depth(1)
        .max_depth(2)
        .sort_by_file_name();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = err
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| content.clone());
                let kind = err.io_error().map(std::io::Error::kind);
                diags.push(Diagnostic::file(
                    display_path(root, &path),
                    cannot_read_message(&err, kind),
                ));
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy();
        if is_editor_litter(&name) {
            continue;
        }
        let path = entry.path().to_path_buf();
        if entry.path_is_symlink() {
            let target = fs::read_link(&path).ok();
            let message = crate::t!(
                "symlink-in-content",
                pointed = usize::from(target.is_some()),
                target = target
                    .as_deref()
                    .map(Path::display)
                    .map(|t| t.to_string())
                    .unwrap_or_default(),
            );
            diags.push(Diagnostic::file(display_path(root, &path), message));
            continue;
        }
        let depth = entry.depth();
        let is_dir = entry.file_type().is_dir();
        match (depth, is_dir, name.as_ref()) {
            (1, true, _) => {}
            (1, false, INDEX_FILE) => wanted.push((Kind::Notice, path)),
            (1, false, TOPICS_FILE) => wanted.push((Kind::Topics, path)),
            (1, false, PLANS_FILE) => wanted.push((Kind::Plans, path)),
            (1, false, n) if n.ends_with(".md") => diags.push(Diagnostic::file(
                display_path(root, &path),
                crate::t!("directive-outside-chapter"),
            )),
            (2, false, INDEX_FILE) => wanted.push((Kind::Chapter, path)),
            (2, false, n) if n.ends_with(".md") => wanted.push((Kind::Directive, path)),
            (2, true, _) => diags.push(
                Diagnostic::file(display_path(root, &path), crate::t!("folder-ignored")).warning(),
            ),
            _ => {}
        }
    }

    let max = sources.config.max_file_size;
    let read: Vec<(Kind, Result<SourceFile, Diagnostic>, Vec<Diagnostic>)> = wanted
        .into_par_iter()
        .map(|(kind, path)| {
            let mut warnings = Vec::new();
            let file = read_reusing(root, &path, max, memo, &mut warnings);
            (kind, file, warnings)
        })
        .collect();
    for (kind, file, warnings) in read {
        diags.extend(warnings);
        let file = match file {
            Ok(f) => f,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        match kind {
            Kind::Notice => sources.notice = Some(file),
            Kind::Topics => sources.topics = Some(file),
            Kind::Plans => sources.plans = Some(file),
            Kind::Chapter => sources.chapters.push(file),
            Kind::Directive => sources.directives.push(file),
        }
    }
    for (missing, name) in [
        (sources.notice.is_none(), INDEX_FILE),
        (sources.topics.is_none(), TOPICS_FILE),
        (sources.plans.is_none(), PLANS_FILE),
    ] {
        if missing {
            diags.push(Diagnostic::file(
                display_path(root, &content.join(name)),
                crate::t!("required-file-missing"),
            ));
        }
    }
    sources
}

fn load_config(root: &Path, diags: &mut Diagnostics) -> Config {
    let path = root.join(CONFIG_FILE);
    if !path.exists() {
        return Config::default();
    }
    let mut warnings = Vec::new();
    let read = read_source(root, &path, Config::default().max_file_size, &mut warnings);
    diags.extend(warnings);
    match read {
        Ok(file) => match Config::parse(&file) {
            Ok(config) => {
                if let Some(title) = &config.title {
                    let (s, e) = front_matter::locate(&file.text, 0, "title", Some(title));
                    let message = crate::t!("config-title-unused");
                    diags.push(Diagnostic::at(&file, s, e, message).warning());
                }
                config
            }
            Err(d) => {
                diags.push(d);
                Config::default()
            }
        },
        Err(d) => {
            diags.push(d);
            Config::default()
        }
    }
}

/// [`read_source`], or the file `memo` holds for `path` if its size and time of last change
/// are the same, and that time was more than a coarse clock tick (FAT's two seconds) before it
/// was read: a later save in the same tick could not be told apart (Git's "racy" rule).
fn read_reusing(
    root: &Path,
    path: &Path,
    max_size: u64,
    memo: Option<&SourceMemo>,
    diags: &mut Vec<Diagnostic>,
) -> Result<SourceFile, Diagnostic> {
    // Looked up only with a memo: a one-off build reuses nothing.
    let stamp = |m: fs::Metadata| Some((m.len(), m.modified().ok()?));
    let Some((memo, (len, modified))) =
        memo.and_then(|memo| Some((memo, stamp(fs::metadata(path).ok()?)?)))
    else {
        return read_source(root, path, max_size, diags);
    };
    let key = path.to_string_lossy();
    let same = |&(l, m, read_at): &(u64, SystemTime, SystemTime)| {
        let age = read_at.duration_since(m).unwrap_or_default();
        l == len && m == modified && age > Duration::from_secs(2)
    };
    if let Some(file) = memo.reuse(&key, same) {
        return Ok(file);
    }
    let read_at = SystemTime::now();
    let file = read_source(root, path, max_size, diags)?;
    if diags.is_empty() {
        memo.keep(key.into_owned(), (len, modified, read_at), file.clone());
    }
    Ok(file)
}

/// Reads one source file: UTF-8 (BOM or not) as is; Shift_JIS, UTF-16 decoded with a warning.
pub fn read_source(
    root: &Path,
    path: &Path,
    max_size: u64,
    diags: &mut Vec<Diagnostic>,
) -> Result<SourceFile, Diagnostic> {
    use std::io::Read;
    let shown = display_path(root, path);
    let cannot_read =
        |e: std::io::Error| Diagnostic::file(&shown, cannot_read_message(&e, Some(e.kind())));
    let too_big = |len: u64| {
        let message = crate::t!(
            "file-too-big",
            size = len.to_string(),
            limit = max_size.to_string()
        );
        Diagnostic::file(&shown, message)
    };
    // Open once and take the size from the file: one path lookup fewer than `metadata` + `read`.
    let mut file = match fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            // A file too big is reported as such even when it cannot be opened.
            return Err(match fs::metadata(path) {
                Ok(meta) if meta.len() > max_size => too_big(meta.len()),
                _ => cannot_read(e),
            });
        }
    };
    let len = file.metadata().map_err(cannot_read)?.len();
    if len > max_size {
        return Err(too_big(len));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0).saturating_add(1));
    file.read_to_end(&mut bytes).map_err(cannot_read)?;
    let (text, legacy) = decode(bytes).map_err(|offset| {
        Diagnostic::file(
            &shown,
            crate::t!("file-not-text", offset = offset.to_string()),
        )
    })?;
    if let Some(enc) = legacy {
        diags.push(
            Diagnostic::file(
                &shown,
                crate::t!("file-legacy-encoding", encoding = enc.name()),
            )
            .warning(),
        );
    }
    Ok(SourceFile::new(shown, text))
}

/// "cannot read: …" with the system's reason `error`, in Japanese by its `kind`.
fn cannot_read_message(error: &dyn std::fmt::Display, kind: Option<std::io::ErrorKind>) -> String {
    let kind = match kind {
        Some(std::io::ErrorKind::NotFound) => "not-found",
        Some(std::io::ErrorKind::PermissionDenied) => "permission-denied",
        _ => "other",
    };
    crate::t!("file-cannot-read", error = error.to_string(), kind = kind)
}

/// A path as shown in messages: relative to the site root when it is inside it.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_a_file_cannot_be_read_are_told_in_plain_words() {
        use crate::i18n::{Arg, Lang, tr_in};
        let args = |kind: &str| {
            [
                ("error", Arg::from("Permission denied (os error 13)")),
                ("kind", kind.into()),
            ]
        };
        assert_eq!(
            tr_in(Lang::En, "file-cannot-read", &args("permission-denied")),
            "cannot read: Permission denied (os error 13)"
        );
        assert_eq!(
            tr_in(Lang::Ja, "file-cannot-read", &args("permission-denied")),
            "ファイルを読み込めません。読み取りが許可されていないため、ファイルの権限を確かめてください。"
        );
        assert_eq!(
            tr_in(Lang::Ja, "file-cannot-read", &args("other")),
            "ファイルを読み込めません（Permission denied (os error 13)）。"
        );
        let link = |pointed: usize| [("pointed", Arg::from(pointed)), ("target", "/etc/x".into())];
        let en = tr_in(Lang::En, "symlink-in-content", &link(1));
        assert!(
            en.starts_with("symbolic link (it points to /etc/x): hoshin does not"),
            "{en}"
        );
        let en = tr_in(Lang::En, "symlink-in-content", &link(0));
        assert!(en.starts_with("symbolic link: hoshin does not"), "{en}");
        let ja = tr_in(Lang::Ja, "symlink-in-content", &link(0));
        assert!(ja.starts_with("シンボリックリンクです。"), "{ja}");
    }

    #[test]
    fn editor_litter_is_recognised() {
        for n in [".1-2.md.swp", "1-2.md~", "4913", ".#1-2.md", "#1-2.md#"] {
            assert!(is_editor_litter(n), "{n}");
        }
        assert!(!is_editor_litter("1-2.md"));
    }

    #[test]
    fn files_are_reused_only_while_size_and_time_of_change_are_old_and_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        let read = |memo: &mut SourceMemo| {
            let file = read_reusing(dir.path(), &path, 1000, Some(memo), &mut Vec::new());
            memo.end_build(true);
            file.unwrap().text.to_string()
        };
        let set = |text: &str, when: SystemTime| {
            fs::write(&path, text).unwrap();
            let file = fs::File::options().write(true).open(&path).unwrap();
            file.set_modified(when).unwrap();
        };
        let (now, long_ago) = (
            SystemTime::now(),
            SystemTime::now() - Duration::from_secs(60),
        );
        let mut memo = SourceMemo::default();
        // Saved just now: a save of the same size in the same clock tick must still be seen.
        set("one", now);
        assert_eq!(read(&mut memo), "one");
        set("two", now);
        assert_eq!(read(&mut memo), "two", "same size, same tick");
        // Saved long ago and unchanged: reused, even if the bytes on disk changed behind its back.
        set("old", long_ago);
        assert_eq!(read(&mut memo), "old");
        set("new", long_ago);
        assert_eq!(read(&mut memo), "old", "size and time unchanged: reused");
        // Any change of size or time is read.
        set("newer", long_ago);
        assert_eq!(read(&mut memo), "newer");
    }
}
