//! Front matter: splitting a Markdown file into YAML header and body, and turning YAML into
//! typed values with errors at `path:line:col`. Pure: works on [`SourceFile`]s in memory.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

use crate::diag::Diagnostic;
use crate::diag::source::SourceFile;
use crate::model::halfwidth;

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
            crate::t!("front-matter-missing"),
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
        crate::t!("front-matter-unclosed"),
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
    let mut raw = err.to_string();
    if let Some(i) = raw.find(" at line ") {
        raw.truncate(i);
    }
    let message = yaml_message(&raw);
    let (start_line, _) = file.line_col(yaml_offset);
    // serde points a duplicate key at the start of its mapping; point at the repeat instead.
    if let Some(key) = raw
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
            let digit =
                |c: Option<char>| c.is_some_and(|c| halfwidth(c).unwrap_or(c).is_ascii_digit());
            let digit_between = || {
                digit(line[..i].chars().next_back())
                    && digit(line[i + c.len_utf8()..].chars().next())
            };
            let in_value = is_key && i > key_end;
            let ascii = match (c, halfwidth(c)) {
                ('：', _) if is_key && i == key_end => Some(':'),
                // Before a key, a full-width space is deleted; in a list's indentation, halved.
                ('　', _) if in_indent => Some(if is_key { '\0' } else { ' ' }),
                // A number written in full-width digits.
                (_, Some(d))
                    if in_value
                        && d.is_ascii_digit()
                        && value
                            .trim()
                            .chars()
                            .all(|v| halfwidth(v).is_some_and(|v| v.is_ascii_digit())) =>
                {
                    Some(d)
                }
                // ー or a dash between the digits of an id.
                (_, Some('-')) if in_value && digit_between() => Some('-'),
                // Brackets, commas and quotes around a value.
                (_, ascii) if in_value && value.trim_start().starts_with(['［', '｛', '＂']) => {
                    ascii
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
            let fixed = fixed.trim_end();
            let message = match c {
                '\u{3000}' => crate::t!("yaml-full-width-space", fixed = fixed),
                '０'..='９' => crate::t!("yaml-full-width-digits", fixed = fixed),
                _ => crate::t!("yaml-full-width-char", char = c.to_string(), fixed = fixed),
            };
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

/// serde_yaml's `message` (the library's text, in English) in the run's language: its common
/// messages by pattern (a missing, unknown or repeated field, a value of the wrong kind, the
/// usual syntax errors), an unknown field with a "did you mean" when one is close; any other
/// as the library wrote it (in Japanese after a lead-in). English is the library's own text:
/// a pattern whose English in the catalogue would differ is not taken as recognised.
fn yaml_message(message: &str) -> String {
    yaml_message_in(crate::i18n::lang(), message)
}

/// [`yaml_message`] in `lang`.
fn yaml_message_in(lang: crate::i18n::Lang, message: &str) -> String {
    use crate::i18n::{Arg, Lang, tr_in};
    // The library puts the place in the YAML first: `number: …`, `bases[0].date: …`.
    let (path, text) = match message.split_once(": ") {
        Some((path, text))
            if !path.is_empty()
                && (path.chars()).all(|c| c.is_ascii_alphanumeric() || "_.[]?-".contains(c)) =>
        {
            (path, text)
        }
        _ => ("", message),
    };
    if let Some((id, values, hint)) = yaml_problem(text, path.is_empty()) {
        let args = || {
            let at = if path.is_empty() {
                String::new()
            } else {
                format!("{path}: ")
            };
            let mut args: Vec<(&str, Arg)> = vec![
                ("at", at.into()),
                ("place", place(lang, path).into()),
                ("nested", usize::from(!path.is_empty()).into()),
            ];
            args.extend(values.iter().map(|(name, value)| (*name, value.into())));
            args
        };
        if tr_in(Lang::En, id, &args()) == format!("{message}{hint}") {
            return tr_in(lang, id, &args());
        }
    }
    tr_in(lang, "yaml-other", &[("detail", message.into())])
}

/// A place in the YAML as the library writes it (`bases[0].plan`, `.[2].name`) in plain words
/// for the Japanese messages: "`bases` の 1 件目の `plan` ", "3 件目の `name` ".
fn place(lang: crate::i18n::Lang, path: &str) -> String {
    use crate::i18n::tr_in;
    let mut place: Option<String> = None;
    for segment in path.split('.').filter(|s| !s.is_empty()) {
        let (key, indexes) = segment.split_once('[').unwrap_or((segment, ""));
        let key = (!key.is_empty()).then(|| tr_in(lang, "yaml-place-key", &[("key", key.into())]));
        let items = (indexes.split('[').filter(|s| !s.is_empty())).map(|index| {
            let index = index.trim_end_matches(']');
            let number = index
                .parse::<usize>()
                .map_or(index.to_string(), |i| (i + 1).to_string());
            tr_in(lang, "yaml-place-item", &[("number", number.into())])
        });
        for part in key.into_iter().chain(items) {
            place = Some(match place {
                None => part,
                Some(outer) => {
                    let args = [("outer", outer.into()), ("inner", part.into())];
                    tr_in(lang, "yaml-place-within", &args)
                }
            });
        }
    }
    place.unwrap_or_default()
}

/// A catalogue message, its values, and the "did you mean" English adds to the library's text.
type YamlProblem = (&'static str, Vec<(&'static str, String)>, String);

/// The catalogue message for a message of the YAML library (without its place; `top`: at the
/// top of the YAML); `None` if it is none of the known ones.
fn yaml_problem(text: &str, top: bool) -> Option<YamlProblem> {
    use crate::i18n::{Lang, lookup, tr_in};
    // `name` and what follows it.
    let quoted = |s: &str| -> Option<(String, String)> {
        let (name, rest) = s.strip_prefix('`')?.split_once('`')?;
        Some((name.to_string(), rest.to_string()))
    };
    for (prefix, id) in [
        ("missing field ", "yaml-missing-field"),
        ("duplicate field ", "yaml-duplicate-field"),
    ] {
        if let Some(rest) = text.strip_prefix(prefix) {
            let (field, rest) = quoted(rest)?;
            return rest
                .is_empty()
                .then(|| (id, vec![("field", field)], String::new()));
        }
    }
    if let Some(rest) = text.strip_prefix("unknown field ") {
        let (field, rest) = quoted(rest)?;
        let expected = rest.strip_prefix(", expected ")?;
        let fields: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let list: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
        let mut values = vec![
            ("field", field.clone()),
            ("expected", expected.to_string()),
            ("fields", list.join("、")),
        ];
        // Only at the top of the YAML, as English always did.
        let best = did_you_mean(&field, fields.iter().copied()).filter(|_| top);
        return Some(match best {
            Some(best) => {
                values.push(("suggestion", best.to_string()));
                let hint = format!("; did you mean `{best}`?");
                ("yaml-unknown-field-did-you-mean", values, hint)
            }
            None => ("yaml-unknown-field", values, String::new()),
        });
    }
    for (prefix, id) in [
        ("invalid type: ", "yaml-invalid-type"),
        ("invalid value: ", "yaml-invalid-value"),
    ] {
        if let Some(rest) = text.strip_prefix(prefix) {
            let (found, expected) = rest.rsplit_once(", expected ")?;
            let (found_kind, found_value) = value_kind(found);
            let values = vec![
                ("found", found.to_string()),
                ("expected", expected.to_string()),
                ("found_kind", found_kind.to_string()),
                ("found_value", found_value),
                ("expected_kind", expected_kind(expected).to_string()),
            ];
            return Some((id, values, String::new()));
        }
    }
    // An id written as a number or boolean (see [`IdString`]): the value comes first.
    let value = text.split(' ').next().unwrap_or_default();
    for id in ["yaml-id-number", "yaml-id-decimal", "yaml-id-boolean"] {
        if tr_in(Lang::En, id, &[("at", "".into()), ("value", value.into())]) == text {
            return Some((id, vec![("value", value.to_string())], String::new()));
        }
    }
    YAML_SYNTAX
        .into_iter()
        .find(|id| lookup(Lang::En, id).as_deref() == Some(text))
        .map(|id| (id, Vec::new(), String::new()))
}

/// The syntax errors of the YAML parser that are translated.
const YAML_SYNTAX: [&str; 16] = [
    "yaml-syntax-flow-list",
    "yaml-syntax-flow-mapping",
    "yaml-syntax-colon",
    "yaml-syntax-colon-in-value",
    "yaml-syntax-key",
    "yaml-syntax-dash",
    "yaml-syntax-token",
    "yaml-syntax-tab",
    "yaml-syntax-tab-indent",
    "yaml-syntax-end",
    "yaml-syntax-no-value",
    "yaml-syntax-control",
    "yaml-syntax-escape",
    "yaml-syntax-list-here",
    "yaml-syntax-line-end",
    "yaml-more-documents",
];

/// What a value the library names is (`empty`, `list`, `mapping` or `other`) and the value as
/// written: `string "two"` is `two`, ``integer `5` `` is `5`.
fn value_kind(found: &str) -> (&'static str, String) {
    match found {
        "unit value" => ("empty", String::new()),
        "sequence" => ("list", String::new()),
        "map" => ("mapping", String::new()),
        _ => {
            let value = if let Some(s) = found.strip_prefix("string \"") {
                let s = s.strip_suffix('"').unwrap_or(s);
                s.replace("\\\"", "\"").replace("\\\\", "\\")
            } else if let Some((_, v)) = found.split_once(" `") {
                v.strip_suffix('`').unwrap_or(v).to_string()
            } else {
                found.to_string()
            };
            ("other", value)
        }
    }
}

/// What kind of value the library expected: `whole` (a number from 0), `integer`, `number`,
/// `text`, `boolean`, `list`, `id`, `mapping` or `other`.
fn expected_kind(expected: &str) -> &'static str {
    match expected {
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "whole",
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "an integer" => "integer",
        "f32" | "f64" | "a float" => "number",
        "a string" => "text",
        "a boolean" => "boolean",
        "a sequence" => "list",
        ID_EXPECTED => "id",
        "a map" => "mapping",
        _ if expected.starts_with("struct ") => "mapping",
        _ => "other",
    }
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

/// What the YAML library says an [`IdString`] must be ("expected …").
const ID_EXPECTED: &str = "an id written as a string";

/// An identifier written in YAML. Must be a string: `id: 1.10` written as a number would
/// silently become `1.1`, so numbers are refused with a hint to quote them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdString(pub String);

impl<'de> Deserialize<'de> for IdString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        // Errors in English, as the library's own: [`yaml_message`] puts them in the run's
        // language with the rest.
        fn refused<E: serde::de::Error>(id: &str, value: impl ToString) -> E {
            let value = crate::i18n::Arg::from(value.to_string());
            E::custom(crate::i18n::tr_in(
                crate::i18n::Lang::En,
                id,
                &[("at", "".into()), ("value", value)],
            ))
        }
        impl serde::de::Visitor<'_> for V {
            type Value = IdString;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(ID_EXPECTED)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<IdString, E> {
                Ok(IdString(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<IdString, E> {
                Err(refused("yaml-id-number", v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<IdString, E> {
                self.visit_i64(v as i64)
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<IdString, E> {
                Err(refused("yaml-id-decimal", v))
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<IdString, E> {
                Err(refused("yaml-id-boolean", v))
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

    /// The library's messages as it writes them (after `yaml_error` cut off the position).
    const LIBRARY_MESSAGES: [&str; 16] = [
        "missing field `title`",
        "bases[0]: missing field `date`",
        "duplicate field `number`",
        "unknown field `themez`, expected one of `id`, `themes`",
        "accessibility: unknown field `testd`, expected `tested` or `tools`",
        "number: invalid type: string \"two\", expected u32",
        ".[0].name: invalid type: sequence, expected a string",
        "fiscal_year: invalid type: unit value, expected u16",
        "themes: invalid type: map, expected a sequence",
        "number: invalid value: integer `-2`, expected u32",
        "id: 32 is written as a number; write ids as strings in quotes, e.g. \"32\"",
        "related[1]: 1.1 is written as a number (YAML reads 1.10 as 1.1, losing the 0); write ids as strings in quotes, e.g. \"1.10\"",
        "id: true is read as a boolean; write ids as strings in quotes",
        "did not find expected ',' or ']'",
        "did not find expected ',' or '}'",
        "could not find expected ':'",
    ];

    #[test]
    fn library_messages_stay_as_they_are_in_english_and_are_translated_to_japanese() {
        use crate::i18n::{Lang, tr_in};
        for message in LIBRARY_MESSAGES {
            let en = yaml_message_in(Lang::En, message);
            let hint = if message.starts_with("unknown field `themez`") {
                "; did you mean `themes`?"
            } else {
                ""
            };
            assert_eq!(en, format!("{message}{hint}"));
            let ja = yaml_message_in(Lang::Ja, message);
            let fallback = tr_in(Lang::Ja, "yaml-other", &[("detail", message.into())]);
            assert_ne!(ja, fallback, "{message}: not translated");
            assert!(
                !ja.contains("{$") && !ja.contains("expected"),
                "{message}: {ja}"
            );
        }
        let ja = |message| yaml_message_in(Lang::Ja, message);
        assert_eq!(
            ja("bases[0].plan: invalid type: string \"x\", expected u32"),
            "`bases` の 1 件目の `plan` には、0 以上の整数（半角数字）を書いてください。いまは「x」と書かれています。"
        );
        assert_eq!(
            ja("unknown field `themez`, expected one of `id`, `themes`"),
            "項目 `themez:` はありません。`themes:` の誤りではありませんか。"
        );
        // Anything else: the library's text after a lead-in; in English as it is.
        assert_eq!(
            ja("recursion limit exceeded"),
            "YAML の書き方に誤りがあります（recursion limit exceeded）。"
        );
        let en = yaml_message_in(Lang::En, "recursion limit exceeded");
        assert_eq!(en, "recursion limit exceeded");
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
