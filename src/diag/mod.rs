//! Problems in the user's input, as values: a file, a position, a message. Checks report into
//! a [`Diagnostics`] list instead of stopping, so a build shows everything wrong at once, sorted.

pub mod source;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::diag::source::SourceFile;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem with the user's input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: PathBuf,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based, in characters.
    pub col: usize,
    pub message: String,
    /// The offending source line, shown under the message.
    pub source_line: Option<String>,
    /// Width of the underlined span, in characters (at least 1).
    pub width: usize,
}

impl Diagnostic {
    /// A problem at a byte range of a source file.
    pub fn at(file: &SourceFile, start: usize, end: usize, message: impl Into<String>) -> Self {
        let (line, col) = file.line_col(start);
        let line_text = file.line_text(line);
        let (_, end_col) = file.line_col(end.max(start));
        let max_width = line_text.chars().count().saturating_sub(col - 1).max(1);
        let width = if file.line_col(end).0 == line {
            (end_col - col).clamp(1, max_width)
        } else {
            max_width
        };
        Self {
            line,
            col,
            source_line: Some(line_text.to_string()),
            width,
            ..Self::file(&file.path, message)
        }
    }

    /// A problem at a 1-based line and column of a source file.
    pub fn at_line_col(
        file: &SourceFile,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Self {
            line,
            col: col.max(1),
            source_line: (line > 0).then(|| file.line_text(line).to_string()),
            ..Self::file(&file.path, message)
        }
    }

    /// A problem with a whole file (or a path), without a position inside it.
    pub fn file(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            path: path.as_ref().to_path_buf(),
            line: 0,
            col: 0,
            message: message.into(),
            source_line: None,
            width: 1,
        }
    }

    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The first line of the rendering: `path:line:col: error: message`.
    pub fn headline(&self) -> String {
        let kind = match self.severity {
            Severity::Error => crate::t!("severity-error"),
            Severity::Warning => crate::t!("severity-warning"),
        };
        let path = self.path.display();
        if self.line == 0 {
            format!("{path}: {kind}: {}", self.message)
        } else {
            format!(
                "{path}:{}:{}: {kind}: {}",
                self.line, self.col, self.message
            )
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.headline())?;
        if let Some(src) = &self.source_line {
            let gutter = self.line.to_string();
            let pad = " ".repeat(gutter.len());
            writeln!(f, " {gutter} | {src}")?;
            let before = self.col.saturating_sub(1);
            // Blanks under the characters before the column: a tab stays a tab (it is as wide
            // in both lines), wide (CJK) characters take two cells.
            let lead: String = (src.chars().take(before))
                .map(|c| match c {
                    '\t' => "\t",
                    c if cell_width(c) == 2 => "  ",
                    _ => " ",
                })
                .collect();
            let marked: usize = (src.chars().skip(before).take(self.width))
                .map(cell_width)
                .sum();
            writeln!(f, " {pad} | {lead}{}", "^".repeat(marked.max(1)))?;
        }
        Ok(())
    }
}

/// Terminal cell width of a character: East Asian wide and fullwidth forms take two.
fn cell_width(c: char) -> usize {
    let cp = c as u32;
    let wide = matches!(cp,
        0x1100..=0x115F | 0x2460..=0x24FF | 0x2E80..=0x303E | 0x3041..=0x33FF |
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 |
        0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 |
        0x20000..=0x3FFFD);
    if wide { 2 } else { 1 }
}

/// All problems found by one run, errors and warnings.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by path, then position, then message; exact duplicates removed.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.path, a.line, a.col, a.severity, &a.message)
                .cmp(&(&b.path, b.line, b.col, b.severity, &b.message))
        });
        self.items.dedup();
        self.items
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// Renders a sorted list with a closing count, as printed by every command.
pub fn render_report(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&d.to_string());
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    if errors > 0 && warnings > 0 {
        let found = crate::t!(
            "errors-and-warnings-found",
            count = errors,
            warnings = warnings
        );
        out.push_str(&format!("{found}\n"));
    } else if errors > 0 {
        out.push_str(&format!("{}\n", crate::t!("errors-found", count = errors)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_path_line_col_and_caret_under_wide_text() {
        let f = SourceFile::new("content/1/1-2.md", "---\nthemes: [デジタル]\n---\n");
        let start = f.text.find("デジタル").unwrap();
        let d = Diagnostic::at(&f, start, start + "デジタル".len(), "unknown テーマ");
        let text = d.to_string();
        assert_eq!(d.headline(), "content/1/1-2.md:2:10: error: unknown テーマ");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[1], " 2 | themes: [デジタル]");
        assert_eq!(lines[2], "   |          ^^^^^^^^");
    }

    #[test]
    fn sorted_orders_by_path_then_position() {
        let a = SourceFile::new("b.md", "x\ny\n");
        let b = SourceFile::new("a.md", "x\ny\n");
        let mut ds = Diagnostics::new();
        ds.push(Diagnostic::at(&a, 2, 3, "late"));
        ds.push(Diagnostic::at(&a, 0, 1, "early"));
        ds.push(Diagnostic::at(&b, 2, 3, "other file"));
        let sorted = ds.sorted();
        let heads: Vec<String> = sorted.iter().map(|d| d.headline()).collect();
        assert_eq!(
            heads,
            [
                "a.md:2:1: error: other file",
                "b.md:1:1: error: early",
                "b.md:2:1: error: late"
            ]
        );
    }
}
