//! The only reader of a site's sources: `hoshin.yaml` and the `content/` tree.
//!
//! Layout: `content/_index.md` (the notice), `content/topics.yaml` (テーマ),
//! `content/plans.yaml` (cited plans), one folder per chapter with an `_index.md`, and one
//! Markdown file per directive in its chapter's folder.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::{CONFIG_FILE, Config};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::source::SourceFile;

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
    /// Warnings from reading each file (legacy encodings), kept so that a rebuild that
    /// reuses a file's text reports them again.
    pub read_warnings: HashMap<PathBuf, Vec<Diagnostic>>,
}

impl Sources {
    /// Sources with no files yet, for a site at `root`: what [`load`] fills from disk, and
    /// what tests and fuzz targets fill in memory.
    pub fn empty(root: impl Into<PathBuf>, config: Config) -> Sources {
        Sources {
            root: root.into(),
            config,
            notice: None,
            topics: None,
            plans: None,
            chapters: Vec::new(),
            directives: Vec::new(),
            read_warnings: HashMap::new(),
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

/// Reads the site at `root`. Problems (unreadable files, misplaced files) are reported
/// into `diags`; what could be read is returned.
pub fn load(root: &Path, diags: &mut Diagnostics) -> Sources {
    reload(root, None, &|_| true, diags)
}

/// Reads the site at `root` again after some files changed. The folder listing is always
/// walked afresh (so files and folders added, removed or renamed are seen, with the same
/// diagnostics as [`load`]), but the text of a content file found in `previous` is reused
/// unless `changed` says its path (absolute, under `root`) may have changed. The result
/// is the same as [`load`] would give when `changed` covers every modified file.
pub fn reload(
    root: &Path,
    previous: Option<Sources>,
    changed: &(dyn Fn(&Path) -> bool + Sync),
    diags: &mut Diagnostics,
) -> Sources {
    let mut known: HashMap<PathBuf, SourceFile> = HashMap::new();
    let mut known_warnings: HashMap<PathBuf, Vec<Diagnostic>> = HashMap::new();
    if let Some(prev) = previous {
        known_warnings = prev.read_warnings;
        let singles = [prev.notice, prev.topics, prev.plans];
        for f in singles
            .into_iter()
            .flatten()
            .chain(prev.chapters)
            .chain(prev.directives)
        {
            known.insert(f.path.clone(), f);
        }
    }
    let config = load_config(root, diags);
    let content = root.join(CONTENT_DIR);
    let mut sources = Sources::empty(root, config);
    if !content.is_dir() {
        diags.push(Diagnostic::file(
            display_path(root, &content),
            "content folder not found: a site needs content/_index.md, content/topics.yaml, content/plans.yaml and one folder per chapter",
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
                diags.push(Diagnostic::file(
                    display_path(root, &path),
                    format!("cannot read: {err}"),
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
            let target = fs::read_link(&path)
                .map(|t| format!(" (it points to {})", t.display()))
                .unwrap_or_default();
            diags.push(Diagnostic::file(
                display_path(root, &path),
                format!(
                    "symbolic link{target}: hoshin does not follow links in content/, so nothing outside the site can leak into it; put the file itself here"
                ),
            ));
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
                "directive outside a chapter folder: move it into the folder of its chapter (e.g. content/1/)",
            )),
            (2, false, INDEX_FILE) => wanted.push((Kind::Chapter, path)),
            (2, false, n) if n.ends_with(".md") => wanted.push((Kind::Directive, path)),
            (2, true, _) => diags.push(
                Diagnostic::file(
                    display_path(root, &path),
                    "folder ignored: chapters hold directive files directly, without sub-folders",
                )
                .warning(),
            ),
            _ => {}
        }
    }

    let max = sources.config.max_file_size;
    let wanted: Vec<(Kind, PathBuf, Option<SourceFile>)> = wanted
        .into_iter()
        .map(|(kind, path)| {
            let reused = if changed(&path) {
                None
            } else {
                known.remove(&display_path(root, &path))
            };
            (kind, path, reused)
        })
        .collect();
    let read: Vec<(Kind, Result<SourceFile, Diagnostic>, Vec<Diagnostic>)> = wanted
        .into_par_iter()
        .map(|(kind, path, reused)| match reused {
            Some(file) => {
                let warnings = known_warnings.get(&file.path).cloned().unwrap_or_default();
                (kind, Ok(file), warnings)
            }
            None => {
                let mut warnings = Vec::new();
                let file = read_source(root, &path, max, &mut warnings);
                (kind, file, warnings)
            }
        })
        .collect();
    for (kind, file, warnings) in read {
        if let (Ok(f), false) = (&file, warnings.is_empty()) {
            sources
                .read_warnings
                .insert(f.path.clone(), warnings.clone());
        }
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
                "required file is missing",
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
        Ok(file) => Config::parse(&file).unwrap_or_else(|d| {
            diags.push(d);
            Config::default()
        }),
        Err(d) => {
            diags.push(d);
            Config::default()
        }
    }
}

/// A text encoding hoshin accepts besides UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegacyEncoding {
    /// Shift_JIS / CP932, as saved by many Windows editors.
    ShiftJis,
    /// UTF-16 with a byte order mark (Windows Notepad's "Unicode").
    Utf16,
}

impl LegacyEncoding {
    pub fn name(self) -> &'static str {
        match self {
            LegacyEncoding::ShiftJis => "Shift_JIS (CP932)",
            LegacyEncoding::Utf16 => "UTF-16",
        }
    }
}

/// Reads one source file. UTF-8 (with or without a BOM) is read as is; Shift_JIS and
/// UTF-16 are decoded with a warning pushed to `diags`.
pub fn read_source(
    root: &Path,
    path: &Path,
    max_size: u64,
    diags: &mut Vec<Diagnostic>,
) -> Result<SourceFile, Diagnostic> {
    use std::io::Read;
    let shown = display_path(root, path);
    let cannot_read = |e: std::io::Error| Diagnostic::file(&shown, format!("cannot read: {e}"));
    let too_big = |len: u64| {
        Diagnostic::file(
            &shown,
            format!(
                "file is {len} bytes, more than the limit of {max_size} bytes (max_file_size in hoshin.yaml)"
            ),
        )
    };
    // One open, then the size from the open file: a path lookup less per file than
    // `metadata` followed by `fs::read`.
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
            format!(
                "not valid text: the byte at offset {offset} is neither UTF-8 nor Shift_JIS; save the file as UTF-8"
            ),
        )
    })?;
    if let Some(enc) = legacy {
        diags.push(
            Diagnostic::file(
                &shown,
                format!(
                    "file is encoded as {}, not UTF-8; it was decoded, but run `hoshin check --fix-encoding` to convert it",
                    enc.name()
                ),
            )
            .warning(),
        );
    }
    Ok(SourceFile::new(shown, text))
}

/// Decodes a source file: UTF-8 with an optional BOM, UTF-16 with a BOM, or Shift_JIS.
/// On failure, the offset of the first byte that is valid in none of them.
pub fn decode(mut bytes: Vec<u8>) -> Result<(String, Option<LegacyEncoding>), usize> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
        return String::from_utf8(bytes)
            .map(|s| (s, None))
            .map_err(|e| e.utf8_error().valid_up_to() + 3);
    }
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(&bytes)
        && enc != encoding_rs::UTF_8
    {
        let body = &bytes[bom..];
        return enc
            .decode_without_bom_handling_and_without_replacement(body)
            .map(|s| (s.into_owned(), Some(LegacyEncoding::Utf16)))
            .ok_or(bom);
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok((s, None)),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            encoding_rs::SHIFT_JIS
                .decode_without_bom_handling_and_without_replacement(&bytes)
                .map(|s| (s.into_owned(), Some(LegacyEncoding::ShiftJis)))
                .ok_or(offset)
        }
    }
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
    fn decode_drops_bom_and_reports_bad_offsets() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFabc".to_vec()).unwrap(),
            ("abc".to_string(), None)
        );
        assert_eq!(decode(b"ab\xFFc".to_vec()).unwrap_err(), 2);
        assert_eq!(decode(b"\xEF\xBB\xBFab\xFF".to_vec()).unwrap_err(), 5);
    }

    #[test]
    fn decode_reads_shift_jis_and_utf16() {
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("個人情報の管理");
        let (text, enc) = decode(sjis.into_owned()).unwrap();
        assert_eq!(text, "個人情報の管理");
        assert_eq!(enc, Some(LegacyEncoding::ShiftJis));
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "方針".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        assert_eq!(
            decode(utf16).unwrap(),
            ("方針".to_string(), Some(LegacyEncoding::Utf16))
        );
    }

    #[test]
    fn editor_litter_is_recognised() {
        for n in [".1-2.md.swp", "1-2.md~", "4913", ".#1-2.md", "#1-2.md#"] {
            assert!(is_editor_litter(n), "{n}");
        }
        assert!(!is_editor_litter("1-2.md"));
    }
}

/// A file rewritten as UTF-8 by [`fix_encodings`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixedFile {
    pub path: PathBuf,
    pub encoding: LegacyEncoding,
    pub backup: PathBuf,
}

/// Rewrites every source file saved as Shift_JIS or UTF-16 as UTF-8, after copying the
/// original to `<file>.bak` (or `<file>.bak.<n>` if that exists). Files that decode in no
/// supported encoding are left alone (the check reports them).
pub fn fix_encodings(root: &Path) -> anyhow::Result<Vec<FixedFile>> {
    use anyhow::Context;
    let mut candidates = vec![root.join(CONFIG_FILE)];
    let content = root.join(CONTENT_DIR);
    if content.is_dir() {
        for entry in WalkDir::new(&content)
            .follow_links(false)
            .max_depth(2)
            .sort_by_file_name()
        {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy();
            if entry.file_type().is_file()
                && !is_editor_litter(&name)
                && (name.ends_with(".md") || name.ends_with(".yaml"))
            {
                candidates.push(entry.path().to_path_buf());
            }
        }
    }
    let mut fixed = Vec::new();
    for path in candidates {
        let Ok(bytes) = fs::read(&path) else { continue };
        let Ok((text, Some(encoding))) = decode(bytes.clone()) else {
            continue;
        };
        let mut backup = PathBuf::from(format!("{}.bak", path.display()));
        let mut n = 1;
        while backup.exists() {
            backup = PathBuf::from(format!("{}.bak.{n}", path.display()));
            n += 1;
        }
        fs::write(&backup, &bytes)
            .with_context(|| format!("cannot write backup {}", backup.display()))?;
        let tmp = PathBuf::from(format!("{}.hoshin-tmp", path.display()));
        fs::write(&tmp, text.as_bytes())
            .with_context(|| format!("cannot write {}", tmp.display()))?;
        fs::rename(&tmp, &path).with_context(|| format!("cannot replace {}", path.display()))?;
        fixed.push(FixedFile {
            path: display_path(root, &path),
            encoding,
            backup: display_path(root, &backup),
        });
    }
    Ok(fixed)
}
