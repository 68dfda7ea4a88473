//! Text encodings of source files: UTF-8 as is, Shift_JIS (CP932) and UTF-16 as saved by
//! older Windows editors, decoded with a warning; `check --fix-encoding` rewrites them.

use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::input::config::CONFIG_FILE;
use crate::input::{CONTENT_DIR, display_path, is_editor_litter};

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

/// Decodes UTF-8 (optional BOM), UTF-16 (with BOM) or Shift_JIS; on failure, the bad offset.
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

/// A file rewritten as UTF-8 by [`fix_encodings`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixedFile {
    pub path: PathBuf,
    pub encoding: LegacyEncoding,
    pub backup: PathBuf,
}

/// Where `--fix-encoding` keeps the originals: outside `content/`, so that builds never see
/// them, under the same relative paths (`.hoshin-backup/content/4/4-2.md.bak`).
pub const BACKUP_DIR: &str = ".hoshin-backup";

/// Rewrites every Shift_JIS or UTF-16 source file as UTF-8, the original copied to
/// `.hoshin-backup/<path>.bak` (or `.bak.<n>`); files decoding in no supported encoding are
/// left for the check to report.
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
        let kept = root
            .join(BACKUP_DIR)
            .join(path.strip_prefix(root).unwrap_or(&path));
        let mut backup = PathBuf::from(format!("{}.bak", kept.display()));
        let mut n = 1;
        while backup.exists() {
            backup = PathBuf::from(format!("{}.bak.{n}", kept.display()));
            n += 1;
        }
        if let Some(dir) = backup.parent() {
            fs::create_dir_all(dir)
                .with_context(|| crate::t!("fix-encoding-cannot-create", path = dir.display()))?;
        }
        fs::write(&backup, &bytes).with_context(|| {
            crate::t!("fix-encoding-cannot-write-backup", path = backup.display())
        })?;
        let tmp = PathBuf::from(format!("{}.hoshin-tmp", path.display()));
        fs::write(&tmp, text.as_bytes())
            .with_context(|| crate::t!("fix-encoding-cannot-write", path = tmp.display()))?;
        crate::output::retry(&path, || fs::rename(&tmp, &path))
            .with_context(|| crate::t!("fix-encoding-cannot-replace", path = path.display()))?;
        fixed.push(FixedFile {
            path: display_path(root, &path),
            encoding,
            backup: display_path(root, &backup),
        });
    }
    Ok(fixed)
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
}
