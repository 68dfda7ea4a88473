//! Source files as read from disk, and the mapping from byte offsets to `line:col`.

use std::path::PathBuf;

/// One text file of the site, read once and kept for diagnostics.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as shown to the user (relative to the site root where possible).
    pub path: PathBuf,
    pub text: String,
    /// Byte offsets of the start of every line.
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = line_starts(&text);
        Self {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// 1-based line and column (in characters) of a byte offset. Offsets past the
    /// end clamp to the end; offsets inside a UTF-8 sequence round down.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let col = self.text[start..end].chars().count() + 1;
        (line + 1, col)
    }

    /// The text of a 1-based line, without its line terminator.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\n' => starts.push(i + 1),
            // A lone CR (old Mac line ending) also ends a line.
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
            _ => {}
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let f = SourceFile::new("a.md", "ab\nあいう\nx");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        // "い" starts at byte 3 + 3.
        assert_eq!(f.line_col(6), (2, 2));
        assert_eq!(f.line_col(13), (3, 1));
        assert_eq!(f.line_text(2), "あいう");
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let f = SourceFile::new("a.md", "a\r\nb\rc");
        assert_eq!(f.line_col(3), (2, 1));
        assert_eq!(f.line_col(5), (3, 1));
        assert_eq!(f.line_text(1), "a");
        assert_eq!(f.line_text(2), "b");
    }

    #[test]
    fn offsets_past_the_end_clamp() {
        let f = SourceFile::new("a.md", "ab");
        assert_eq!(f.line_col(99), (1, 3));
        assert_eq!(f.line_text(7), "");
    }
}
