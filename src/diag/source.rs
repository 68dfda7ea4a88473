//! Source files as read from disk, and the mapping from byte offsets to `line:col`.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// One text file of the site, read once and kept for diagnostics.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as shown to the user (relative to the site root where possible).
    pub path: PathBuf,
    /// The text, shared with the [`Body`](crate::model::Body) views into it.
    pub text: Arc<str>,
    /// Line start offsets, found when a diagnostic first needs them (most files never do).
    line_starts: OnceLock<Vec<usize>>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> Self {
        Self {
            path: path.into(),
            text: text.into(),
            line_starts: OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| line_starts(&self.text))
    }

    /// 1-based line and column (in characters) of a byte offset. Offsets past the
    /// end clamp to the end; offsets inside a UTF-8 sequence round down.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line_starts = self.line_starts();
        let line = line_starts.partition_point(|&start| start <= offset) - 1;
        let start = line_starts[line];
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let col = self.text[start..end].chars().count() + 1;
        (line + 1, col)
    }

    /// The text of a 1-based line, without its line terminator.
    pub fn line_text(&self, line: usize) -> &str {
        let line_starts = self.line_starts();
        let Some(&start) = line_starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = line_starts.get(line).copied().unwrap_or(self.text.len());
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

    mod props {
        use super::*;
        use proptest::prelude::*;

        /// Text made of pieces that stress the mapping: every line ending, multibyte
        /// characters of 2, 3 and 4 bytes, tabs.
        fn text() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                Just("a"),
                Just(" "),
                Just("\t"),
                Just("é"),
                Just("あ"),
                Just("𠮷"),
                Just("\n"),
                Just("\r"),
                Just("\r\n"),
                Just("\n\r"),
            ];
            prop::collection::vec(piece, 0..40).prop_map(|p| p.concat())
        }

        /// The obvious implementation: walk the characters before the offset.
        fn naive_line_col(text: &str, offset: usize) -> (usize, usize) {
            let mut end = offset.min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let (mut line, mut col) = (1, 1);
            let mut chars = text[..end].chars().peekable();
            while let Some(c) = chars.next() {
                let breaks = match c {
                    '\n' => true,
                    // CR ends a line unless an LF follows (in the whole text, not just
                    // before the offset).
                    '\r' => match chars.peek() {
                        Some(&next) => next != '\n',
                        None => !text[end..].starts_with('\n'),
                    },
                    _ => false,
                };
                if breaks {
                    line += 1;
                    col = 1;
                } else {
                    col += 1;
                }
            }
            (line, col)
        }

        proptest! {
            #[test]
            fn line_col_agrees_with_the_naive_walk(text in text(), offset in 0usize..200) {
                let f = SourceFile::new("a.md", text.as_str());
                prop_assert_eq!(f.line_col(offset), naive_line_col(&text, offset));
            }

            #[test]
            fn lines_never_contain_a_line_break(text in text()) {
                let f = SourceFile::new("a.md", text.as_str());
                let (last, _) = f.line_col(text.len());
                for line in 0..=last + 1 {
                    let l = f.line_text(line);
                    prop_assert!(!l.contains(['\n', '\r']), "line {}: {:?}", line, l);
                }
                prop_assert_eq!(f.line_text(last + 1), "");
            }

            /// The character shown at `line:col` is the one at the offset (or the end of
            /// the line when the offset is at a line break), and offsets map in order.
            #[test]
            fn line_col_round_trips(text in text()) {
                let f = SourceFile::new("a.md", text.as_str());
                let mut previous = (1, 0);
                for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
                    let (line, col) = f.line_col(offset);
                    prop_assert!((line, col) > previous, "{:?} after {:?}", (line, col), previous);
                    previous = (line, col);
                    let shown = f.line_text(line).chars().nth(col - 1);
                    match text[offset..].chars().next() {
                        Some(c) if c != '\n' && c != '\r' => prop_assert_eq!(shown, Some(c)),
                        _ => prop_assert_eq!(shown, None, "offset {} is at a line break or the end", offset),
                    }
                }
            }
        }
    }
}
