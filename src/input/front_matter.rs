//! Front matter: splitting a Markdown file into YAML header and body, and turning YAML into
//! typed values with errors at `path:line:col`. Pure: works on [`SourceFile`]s in memory.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

use crate::diag::Diagnostic;
use crate::diag::source::SourceFile;

/// The two parts of a Markdown source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// Byte offset of `yaml` in the file.
    pub yaml_offset: usize,
    pub body: &'a str,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
}

/// Splits `---\n<yaml>\n---\n<body>`. The opening fence must be the first line.
pub fn split(file: &SourceFile) -> Result<Split<'_>, Diagnostic> {
    let text: &str = &file.text;
    let first_end = line_end(text, 0);
    if text[..first_end.0].trim_end() != "---" {
        return Err(Diagnostic::at(
            file,
            0,
            first_end.0.max(1),
            "missing front matter: the file must start with a line `---`, then YAML, then `---`",
        ));
    }
    let yaml_offset = first_end.1;
    for (pos, line, next) in lines_from(text, yaml_offset) {
        let line = line.trim_end();
        if line == "---" || line == "..." {
            return Ok(Split {
                yaml: &text[yaml_offset..pos],
                yaml_offset,
                body: &text[next..],
                body_offset: next,
            });
        }
    }
    Err(Diagnostic::at(
        file,
        0,
        3,
        "front matter opened here is never closed: add a line `---` after the YAML",
    ))
}

/// End of the line starting at `pos` (excluding the terminator) and start of the next.
fn line_end(text: &str, pos: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut i = pos;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => return (i, i + 1),
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => return (i, i + 2),
            b'\r' => return (i, i + 1),
            _ => i += 1,
        }
    }
    (bytes.len(), bytes.len())
}

/// The lines of `text` from byte `pos` on: (start, the line without its terminator, next start).
fn lines_from(text: &str, mut pos: usize) -> impl Iterator<Item = (usize, &str, usize)> {
    std::iter::from_fn(move || {
        let start = pos;
        let (end, next) = (start < text.len()).then(|| line_end(text, start))?;
        pos = next;
        Some((start, &text[start..end], next))
    })
}

/// Whether `line` starts with `key:` (blanks allowed before the colon).
fn is_key_line(line: &str, key: &str) -> bool {
    (line.strip_prefix(key)).is_some_and(|r| r.trim_start().starts_with(':'))
}

/// Deserializes YAML that starts at `yaml_offset` of `file`. Errors carry the file's
/// line and column; unknown keys get a "did you mean" when one is close.
pub fn parse_yaml<T: DeserializeOwned>(
    file: &SourceFile,
    yaml: &str,
    yaml_offset: usize,
) -> Result<T, Diagnostic> {
    // An empty document is an empty mapping, so that missing fields are reported by name.
    let doc = if yaml.trim().is_empty() { "{}" } else { yaml };
    serde_yaml::from_str::<T>(doc).map_err(|err| yaml_error(file, yaml_offset, &err))
}

fn yaml_error(file: &SourceFile, yaml_offset: usize, err: &serde_yaml::Error) -> Diagnostic {
    // Japanese input often leaves a full-width look-alike where YAML needs ASCII: that, not
    // what the parser stumbled on next, is what to fix.
    if let Some(slip) = fullwidth_slip(file, yaml_offset) {
        return slip;
    }
    let mut message = err.to_string();
    if let Some(i) = message.find(" at line ") {
        message.truncate(i);
    }
    if let Some(hint) = unknown_field_hint(&message) {
        message.push_str(&hint);
    }
    let (start_line, _) = file.line_col(yaml_offset);
    // serde points a duplicate key at the start of its mapping; point at the repeat instead.
    if let Some(key) = message
        .split_once("duplicate field `")
        .and_then(|(_, rest)| rest.split_once('`'))
        .map(|(key, _)| key)
        && let Some(offset) = second_key_line(file, yaml_offset, key)
    {
        let end = offset + key.len();
        return Diagnostic::at(file, offset, end, message);
    }
    match err.location() {
        Some(loc) => {
            let line = start_line + loc.line() - 1;
            Diagnostic::at_line_col(file, line, loc.column(), message)
        }
        None => Diagnostic::at_line_col(file, start_line.saturating_sub(1).max(1), 1, message),
    }
}

/// Full-width characters typed where YAML syntax needs ASCII, with their ASCII forms.
const FULLWIDTH_SYNTAX: [(char, char); 9] = [
    ('：', ':'),
    ('　', ' '),
    ('［', '['),
    ('］', ']'),
    ('｛', '{'),
    ('｝', '}'),
    ('，', ','),
    ('－', '-'),
    ('＂', '"'),
];

/// The first full-width slip in the front matter from `yaml_offset`: a full-width colon after a
/// key, a full-width space in the indentation, full-width brackets, commas or quotes around a
/// value, full-width digits for a number, or ー／－ between digits of an id; pointed at,
/// with the line as it should be.
pub fn fullwidth_slip(file: &SourceFile, yaml_offset: usize) -> Option<Diagnostic> {
    let lines = lines_from(&file.text, yaml_offset).take_while(|&(_, l, _)| l != "---");
    for (start, line, _) in lines {
        let key_end = line.find([':', '：']).unwrap_or(0);
        let value_at = key_end + line[key_end..].chars().next().map_or(0, char::len_utf8);
        let value = &line[value_at..];
        let key = line[..key_end].trim_start_matches([' ', '-', '　']);
        let is_key = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        let mut fixed = String::with_capacity(line.len());
        let mut first = None;
        for (i, c) in line.char_indices() {
            let in_indent = line[..i].chars().all(|c| matches!(c, ' ' | '　' | '-'));
            let digit_between = |c: char| {
                let before = line[..i].chars().next_back();
                let after = line[i + c.len_utf8()..].chars().next();
                before.is_some_and(|b: char| b.is_ascii_digit())
                    && after.is_some_and(|a: char| a.is_ascii_digit() || ('０'..='９').contains(&a))
            };
            let ascii = match c {
                '：' if is_key && i == key_end => Some(':'),
                // Before a key, a full-width space is deleted; in a list's indentation, halved.
                '　' if in_indent => Some(if is_key { '\0' } else { ' ' }),
                '０'..='９'
                    if is_key
                        && i > key_end
                        && value.trim().chars().all(|d| ('０'..='９').contains(&d)) =>
                {
                    char::from_u32(c as u32 - '０' as u32 + '0' as u32)
                }
                'ー' | '－' | '‐' if is_key && i > key_end && digit_between(c) => Some('-'),
                _ if is_key
                    && i > key_end
                    && value.trim_start().starts_with(['［', '｛', '＂']) =>
                {
                    FULLWIDTH_SYNTAX
                        .iter()
                        .find(|(w, _)| *w == c)
                        .map(|&(_, a)| a)
                }
                _ => None,
            };
            match ascii {
                Some(a) => {
                    first.get_or_insert((i, c));
                    fixed.extend(Some(a).filter(|&a| a != '\0'));
                    if a == ':' && !line[i + c.len_utf8()..].starts_with(' ') {
                        fixed.push(' ');
                    }
                }
                None => fixed.push(c),
            }
        }
        if let Some((i, c)) = first {
            let name = match c {
                '　' => "space".to_string(),
                '０'..='９' => "digits".to_string(),
                _ => format!("'{c}'"),
            };
            let ja = match c {
                '　' => "全角の空白".to_string(),
                '０'..='９' => "全角の数字".to_string(),
                _ => format!("全角の「{c}」"),
            };
            let message = format!(
                "full-width (全角) {name} where YAML needs half-width: write `{fixed}` / {ja}があります。半角にして `{fixed}` と書いてください",
                fixed = fixed.trim_end()
            );
            return Some(Diagnostic::at(
                file,
                start + i,
                start + i + c.len_utf8(),
                message,
            ));
        }
    }
    None
}

/// Byte offset of the second line of the YAML that starts with `key:`.
fn second_key_line(file: &SourceFile, yaml_offset: usize, key: &str) -> Option<usize> {
    lines_from(&file.text, yaml_offset)
        .take_while(|&(_, line, _)| line != "---" && line != "...")
        .filter(|&(_, line, _)| is_key_line(line, key))
        .nth(1)
        .map(|(pos, _, _)| pos)
}

/// For serde's "unknown field `x`, expected one of `a`, `b`" adds "; did you mean `a`?".
fn unknown_field_hint(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, expected) = rest.split_once('`')?;
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let best = did_you_mean(field, candidates.iter().copied())?;
    Some(format!("; did you mean `{best}`?"))
}

/// The closest candidate to `word` by edit distance, if it is close enough to be a typo;
/// between equally close ones, the one whose numbers are nearest (`3-12`: `3-11`, not `3-1`).
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word_lc = word.to_lowercase();
    let mut best: Option<((usize, u64), &str)> = None;
    for c in candidates {
        let d = edit_distance(&word_lc, &c.to_lowercase());
        let limit = (c.chars().count().max(word.chars().count()) / 3).max(1);
        let rank = (d, number_gap(word, c));
        if d <= limit && best.is_none_or(|(b, _)| rank < b) {
            best = Some((rank, c));
        }
    }
    best.map(|(_, c)| c)
}

/// How far apart the numbers in two ids are (`3-12`, `3-11`: 1); `u64::MAX` when they do not
/// have as many numbers.
fn number_gap(a: &str, b: &str) -> u64 {
    let numbers = |s: &str| -> Vec<u64> {
        (s.split(|c: char| !c.is_ascii_digit())
            .filter(|p| !p.is_empty()))
        .map(|p| p.parse().unwrap_or(u64::MAX))
        .collect()
    };
    let (a, b) = (numbers(a), numbers(b));
    if a.len() != b.len() {
        return u64::MAX;
    }
    a.iter()
        .zip(&b)
        .fold(0, |gap, (x, y)| gap.saturating_add(x.abs_diff(*y)))
}

/// Edit distance counting a swap of two neighbours as one edit (optimal string alignment).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

/// Byte span of `value` under top-level `key` in front matter, to point at well-formed but
/// wrong values (an unknown テーマ, a missing id); else the key, else the YAML's start.
pub fn locate(yaml: &str, yaml_offset: usize, key: &str, value: Option<&str>) -> (usize, usize) {
    let mut key_span = None;
    let mut in_key = false;
    for (pos, line, _) in lines_from(yaml, 0) {
        let trimmed = line.trim_start_matches([' ', '-']);
        let indent = line.len() - trimmed.len();
        // Where on this line the value may be: after the key, or anywhere on a line continuing
        // the key's value (indented, a list item or blank).
        let from = if is_key_line(trimmed, key)
            && (indent == 0 || line.starts_with("- ") || line.starts_with("  "))
        {
            in_key = true;
            key_span.get_or_insert((pos + indent, pos + indent + key.len()));
            indent + key.len()
        } else if in_key
            && (line.starts_with(' ') || line.starts_with('-') || line.trim().is_empty())
        {
            0
        } else {
            in_key = false;
            continue;
        };
        if let Some(v) = value
            && let Some(found) = find_token(line, v, from)
        {
            return (
                yaml_offset + pos + found,
                yaml_offset + pos + found + v.len(),
            );
        }
    }
    match key_span {
        Some((s, e)) => (yaml_offset + s, yaml_offset + e),
        None => (yaml_offset, yaml_offset),
    }
}

/// Position of `token` in `line` at or after `from`, not inside a longer word.
fn find_token(line: &str, token: &str, from: usize) -> Option<usize> {
    if token.is_empty() {
        return None;
    }
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '_' || c == '.';
    let mut start = from.min(line.len());
    while !line.is_char_boundary(start) {
        start += 1;
    }
    while let Some(i) = line[start..].find(token) {
        let at = start + i;
        let before = line[..at].chars().next_back();
        let after = line[at + token.len()..].chars().next();
        if !before.is_some_and(is_word) && !after.is_some_and(is_word) {
            return Some(at);
        }
        start = at + token.len();
    }
    None
}

/// An identifier written in YAML. Must be a string: `id: 1.10` written as a number would
/// silently become `1.1`, so numbers are refused with a hint to quote them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdString(pub String);

impl<'de> Deserialize<'de> for IdString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = IdString;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an id written as a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<IdString, E> {
                Ok(IdString(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<IdString, E> {
                Err(E::custom(format!(
                    "{v} is written as a number; write ids as strings in quotes, e.g. \"{v}\""
                )))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<IdString, E> {
                self.visit_i64(v as i64)
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<IdString, E> {
                Err(E::custom(format!(
                    "{v} is written as a number (YAML reads 1.10 as 1.1, losing the 0); write ids as strings in quotes, e.g. \"1.10\""
                )))
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<IdString, E> {
                Err(E::custom(format!(
                    "{v} is read as a boolean; write ids as strings in quotes"
                )))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("t.md", text)
    }

    #[test]
    fn splits_front_matter_and_body() {
        let f = file("---\na: 1\n---\nbody\n");
        let s = split(&f).unwrap();
        assert_eq!(s.yaml, "a: 1\n");
        assert_eq!(s.body, "body\n");
        assert_eq!(&f.text[s.body_offset..], "body\n");
    }

    #[test]
    fn splits_crlf_files() {
        let f = file("---\r\na: 1\r\n---\r\nbody");
        let s = split(&f).unwrap();
        assert_eq!(s.yaml, "a: 1\r\n");
        assert_eq!(s.body, "body");
    }

    #[test]
    fn unclosed_and_missing_front_matter_are_errors() {
        let e = split(&file("---\na: 1\nbody\n")).unwrap_err();
        assert_eq!(
            e.headline(),
            "t.md:1:1: error: front matter opened here is never closed: add a line `---` after the YAML"
        );
        let e = split(&file("# title\n")).unwrap_err();
        assert!(
            e.message.starts_with("missing front matter"),
            "{}",
            e.message
        );
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        id: IdString,
        themes: Vec<String>,
    }

    #[test]
    fn yaml_errors_point_into_the_file() {
        let f = file("---\nid: \"1\"\nthemez: []\n---\n");
        let s = split(&f).unwrap();
        let e = parse_yaml::<T>(&f, s.yaml, s.yaml_offset).unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        assert!(
            e.message.contains("unknown field `themez`"),
            "{}",
            e.message
        );
        assert!(
            e.message.ends_with("did you mean `themes`?"),
            "{}",
            e.message
        );
    }

    #[test]
    fn numeric_ids_are_refused() {
        let f = file("---\nid: 1.10\nthemes: []\n---\n");
        let s = split(&f).unwrap();
        let e = parse_yaml::<T>(&f, s.yaml, s.yaml_offset).unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        assert!(e.message.contains("quotes"), "{}", e.message);
    }

    #[test]
    fn locate_finds_values_in_flow_and_block_lists() {
        let yaml = "id: \"1-2\"\nthemes: [digital, dx]\nrelated:\n  - \"2-2\"\n  - 9-9\n";
        let (s, e) = locate(yaml, 0, "themes", Some("dx"));
        assert_eq!(&yaml[s..e], "dx");
        let (s, _) = locate(yaml, 0, "related", Some("9-9"));
        assert_eq!(&yaml[s..s + 3], "9-9");
        let (s, e) = locate(yaml, 0, "related", Some("nope"));
        assert_eq!(&yaml[s..e], "related");
    }

    #[test]
    fn did_you_mean_suggests_close_words_only() {
        assert_eq!(did_you_mean("digitl", ["digital", "hr"]), Some("digital"));
        assert_eq!(did_you_mean("zzz", ["digital", "hr"]), None);
        assert_eq!(did_you_mean("titel", ["title", "theme"]), Some("title"));
        let ids = ["3-1", "3-10", "3-11"];
        assert_eq!(did_you_mean("3-12", ids), Some("3-11"), "nearest number");
        assert_eq!(did_you_mean("3-2", ["3-12", "3-1", "3-3"]), Some("3-1"));
    }
}
