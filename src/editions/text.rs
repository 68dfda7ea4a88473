//! Comparing two texts of the policy: a character diff with runs grouped into replacements,
//! and bodies compared paragraph by paragraph and sub-item by sub-item (①②…). Pure.

use serde::Serialize;
use similar::{Algorithm, ChangeTag, DiffOp, TextDiff, capture_diff_slices};

use crate::markdown;
use crate::model::{circled_digit, circled_number};

/// What happened to a provision between the two editions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Unchanged,
    Changed,
    /// 新設: only in the new edition.
    Added,
    /// 削除: only in the old edition.
    Removed,
}

impl Status {
    /// The label shown in the table.
    pub fn label(self) -> &'static str {
        match self {
            Status::Unchanged => "変更なし",
            Status::Changed => "改正",
            Status::Added => "新設",
            Status::Removed => "削除",
        }
    }

    /// How a provision with these texts in the old and new edition (`None`: absent) changed.
    pub fn of<T: PartialEq>(old: Option<T>, new: Option<T>) -> Status {
        match (old, new) {
            (Some(x), Some(y)) if x == y => Status::Unchanged,
            (Some(_), Some(_)) => Status::Changed,
            (None, _) => Status::Added,
            (_, None) => Status::Removed,
        }
    }
}

/// One run of a character diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    /// In both texts.
    Equal,
    /// Only in the old text.
    Delete,
    /// Only in the new text.
    Insert,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub op: Op,
    pub text: String,
}

/// The character diff of two texts: the old text is the `equal` and `delete` runs in order,
/// the new one `equal` and `insert`. A deletion next to an insertion is one replacement, and
/// a character or two matching inside a rewritten passage (a 「の」 in a new sentence) are
/// folded into it instead of splitting it.
pub fn diff_text(old: &str, new: &str) -> Vec<Segment> {
    if old == new {
        return segments([(Op::Equal, old.to_string())]);
    }
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .diff_chars(old, new);
    // Equal runs and replacements (deleted, inserted), in order.
    let mut pieces: Vec<Piece> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        match (change.tag(), pieces.last_mut()) {
            (ChangeTag::Equal, Some(Piece::Equal(s))) => s.push_str(text),
            (ChangeTag::Equal, _) => pieces.push(Piece::Equal(text.to_string())),
            (ChangeTag::Delete, Some(Piece::Change(d, _))) => d.push_str(text),
            (ChangeTag::Insert, Some(Piece::Change(_, i))) => i.push_str(text),
            (ChangeTag::Delete, _) => pieces.push(Piece::Change(text.to_string(), String::new())),
            (ChangeTag::Insert, _) => pieces.push(Piece::Change(String::new(), text.to_string())),
        }
    }
    segments(
        fold_short_matches(pieces)
            .into_iter()
            .flat_map(|piece| match piece {
                Piece::Equal(text) => vec![(Op::Equal, text)],
                Piece::Change(del, ins) => vec![(Op::Delete, del), (Op::Insert, ins)],
            }),
    )
}

/// The non-empty runs as segments.
fn segments(runs: impl IntoIterator<Item = (Op, String)>) -> Vec<Segment> {
    (runs.into_iter())
        .filter(|(_, text)| !text.is_empty())
        .map(|(op, text)| Segment { op, text })
        .collect()
}

#[derive(Debug)]
enum Piece {
    Equal(String),
    Change(String, String),
}

/// Folds an equal run of ≤ 2 characters between two replacements each ≥ 3 times as long.
fn fold_short_matches(pieces: Vec<Piece>) -> Vec<Piece> {
    let size = |p: &Piece| match p {
        Piece::Change(d, i) => d.chars().count().max(i.chars().count()),
        Piece::Equal(_) => 0,
    };
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    let mut iter = pieces.into_iter().peekable();
    while let Some(piece) = iter.next() {
        if let Piece::Equal(eq) = &piece {
            let n = eq.chars().count();
            let before = out.last().map_or(0, size);
            let after = iter.peek().map_or(0, size);
            if n <= 2 && before >= 3 * n && after >= 3 * n {
                let Some(Piece::Change(nd, ni)) = iter.next() else {
                    unreachable!("a change follows")
                };
                if let Some(Piece::Change(d, i)) = out.last_mut() {
                    d.push_str(eq);
                    d.push_str(&nd);
                    i.push_str(eq);
                    i.push_str(&ni);
                }
                continue;
            }
        }
        out.push(piece);
    }
    out
}

/// How alike two texts are, from 0 (nothing in common) to 1 (equal), by characters.
fn similarity(a: &str, b: &str) -> f32 {
    if a == b {
        return 1.0;
    }
    TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .diff_chars(a, b)
        .ratio()
}

/// Two paragraphs less alike than this are a deletion and an insertion, not a change.
const PAIR_THRESHOLD: f32 = 0.5;

/// Aligns two paragraph sequences: equal ones first, then the most alike pairs (in order)
/// inside each differing stretch. (old, new) index pairs in order; `None`: added or removed.
fn align(old: &[&str], new: &[&str]) -> Vec<(Option<usize>, Option<usize>)> {
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, old, new) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => out.extend((0..len).map(|k| (Some(old_index + k), Some(new_index + k)))),
            DiffOp::Delete {
                old_index, old_len, ..
            } => out.extend((old_index..old_index + old_len).map(|i| (Some(i), None))),
            DiffOp::Insert {
                new_index, new_len, ..
            } => out.extend((new_index..new_index + new_len).map(|j| (None, Some(j)))),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => out.extend(pair_up(
                &old[old_index..old_index + old_len],
                &new[new_index..new_index + new_len],
                old_index,
                new_index,
            )),
        }
    }
    out
}

/// Pairs the paragraphs of a replaced stretch in order, maximising the total similarity
/// of the pairs (only pairs alike enough count); the rest are deletions and insertions.
fn pair_up(
    old: &[&str],
    new: &[&str],
    old_base: usize,
    new_base: usize,
) -> Vec<(Option<usize>, Option<usize>)> {
    let (n, m) = (old.len(), new.len());
    let sim: Vec<Vec<f32>> = old
        .iter()
        .map(|a| new.iter().map(|b| similarity(a, b)).collect())
        .collect();
    // best[i][j]: best score aligning old[i..] with new[j..].
    let mut best = vec![vec![0f32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let mut b = best[i + 1][j].max(best[i][j + 1]);
            if sim[i][j] >= PAIR_THRESHOLD {
                b = b.max(best[i + 1][j + 1] + sim[i][j]);
            }
            best[i][j] = b;
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n
            && j < m
            && sim[i][j] >= PAIR_THRESHOLD
            && best[i][j] == best[i + 1][j + 1] + sim[i][j]
        {
            out.push((Some(old_base + i), Some(new_base + j)));
            i += 1;
            j += 1;
        } else if i < n && (j == m || best[i][j] == best[i + 1][j]) {
            out.push((Some(old_base + i), None));
            i += 1;
        } else {
            out.push((None, Some(new_base + j)));
            j += 1;
        }
    }
    out
}

/// A paragraph of a body: a sub-item (with its number) or other text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Paragraph {
    sub_item: Option<u32>,
    /// The text without the circled digit of a sub-item.
    text: String,
}

/// The paragraphs of a Markdown body, as plain text.
fn paragraphs(body: &str) -> Vec<Paragraph> {
    markdown::plain_text(body)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| {
            let mut chars = line.chars();
            let sub_item = chars.next().and_then(circled_number);
            let text = sub_item.map_or(line, |_| chars.as_str().trim_start());
            Paragraph {
                sub_item,
                text: text.to_string(),
            }
        })
        .collect()
}

/// One paragraph or sub-item of a provision, compared.
#[derive(Debug, Clone, Serialize)]
pub struct PartChange {
    pub status: Status,
    /// The sub-item's number in the old edition (1 for ①); `None` for other text.
    pub old_sub_item: Option<u32>,
    pub new_sub_item: Option<u32>,
    /// The sub-item's number changed (①→②).
    pub renumbered: bool,
    /// Old text (without the circled digit); `None` when added.
    pub old: Option<String>,
    /// New text; `None` when removed.
    pub new: Option<String>,
    /// Character diff of the two texts (all `insert` when added, `delete` when removed).
    pub diff: Vec<Segment>,
}

impl PartChange {
    /// Shown in a table that leaves out unchanged provisions.
    pub fn is_change(&self) -> bool {
        self.status != Status::Unchanged || self.renumbered
    }

    /// `①` or `①→②` for a sub-item, empty for other text.
    pub fn marker(&self) -> String {
        let m = |n: Option<u32>| n.and_then(circled_digit);
        match (m(self.old_sub_item), m(self.new_sub_item)) {
            (Some(a), Some(b)) if a != b => format!("{a}→{b}"),
            (_, Some(b)) => b.to_string(),
            (Some(a), None) => a.to_string(),
            (None, None) => String::new(),
        }
    }
}

/// Compares two bodies paragraph by paragraph.
pub(crate) fn compare_bodies(old: &str, new: &str) -> Vec<PartChange> {
    let (old, new) = (paragraphs(old), paragraphs(new));
    let old_texts: Vec<&str> = old.iter().map(|p| p.text.as_str()).collect();
    let new_texts: Vec<&str> = new.iter().map(|p| p.text.as_str()).collect();
    align(&old_texts, &new_texts)
        .into_iter()
        .map(|(i, j)| part_change(i.map(|i| &old[i]), j.map(|j| &new[j])))
        .collect()
}

fn part_change(a: Option<&Paragraph>, b: Option<&Paragraph>) -> PartChange {
    let old = a.map(|p| p.text.clone());
    let new = b.map(|p| p.text.clone());
    let status = Status::of(old.as_ref(), new.as_ref());
    let (old_sub_item, new_sub_item) = (a.and_then(|p| p.sub_item), b.and_then(|p| p.sub_item));
    PartChange {
        status,
        old_sub_item,
        new_sub_item,
        renumbered: a.is_some() && b.is_some() && old_sub_item != new_sub_item,
        diff: diff_text(old.as_deref().unwrap_or(""), new.as_deref().unwrap_or("")),
        old,
        new,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(segs: &[Segment]) -> String {
        segs.iter()
            .map(|s| match s.op {
                Op::Equal => s.text.clone(),
                Op::Delete => format!("[-{}-]", s.text),
                Op::Insert => format!("{{+{}+}}", s.text),
            })
            .collect()
    }

    #[test]
    fn character_diff_marks_exactly_the_changed_characters() {
        assert_eq!(
            show(&diff_text("適正な手続と事業運営", "適切な手続及び事業運営")),
            "適[-正-]{+切+}な手続[-と-]{+及び+}事業運営"
        );
        assert_eq!(
            show(&diff_text("推進すること。", "推進すること。")),
            "推進すること。"
        );
        assert_eq!(show(&diff_text("", "新しい文")), "{+新しい文+}");
        assert_eq!(show(&diff_text("古い文", "")), "[-古い文-]");
        assert!(diff_text("", "").is_empty());
    }

    #[test]
    fn a_stray_match_inside_a_rewrite_is_folded_in() {
        // 「の」 alone matches between two long replacements: folded into one. 「を」 is
        // next to a short one and stays.
        let segs = diff_text("窓口業務の効率化を図る", "電子申請の普及を進める");
        assert_eq!(
            show(&segs),
            "[-窓口業務の効率化-]{+電子申請の普及+}を[-図-]{+進め+}る"
        );
        // Short, separate substitutions stay separate.
        assert_eq!(show(&diff_text("ABCD", "XBYD")), "[-A-]{+X+}B[-C-]{+Y+}D");
    }

    #[test]
    fn sub_items_are_aligned_so_an_insertion_is_one_new_item() {
        let old = "①一つ目の取組を進めること。\n\n②二つ目の取組を進めること。\n\n③三つ目の取組を進めること。";
        let new = "①一つ目の取組を進めること。\n\n②新しく加えた取組です。\n\n③二つ目の取組を進めること。\n\n④三つ目の取組を着実に進めること。";
        let parts = compare_bodies(old, new);
        let summary: Vec<(Status, String, bool)> = parts
            .iter()
            .map(|p| (p.status, p.marker(), p.renumbered))
            .collect();
        assert_eq!(
            summary,
            vec![
                (Status::Unchanged, "①".into(), false),
                (Status::Added, "②".into(), false),
                (Status::Unchanged, "②→③".into(), true),
                (Status::Changed, "③→④".into(), true),
            ]
        );
        assert_eq!(show(&parts[3].diff), "三つ目の取組を{+着実に+}進めること。");
    }

    #[test]
    fn a_removed_and_a_rewritten_item_are_told_apart() {
        let old = "①住民票の写しの交付を円滑に行うこと。\n\n②窓口の混雑を緩和すること。";
        let new = "①住民票の写しの交付を迅速かつ円滑に行うこと。";
        let parts = compare_bodies(old, new);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].status, Status::Changed);
        assert_eq!(
            show(&parts[0].diff),
            "住民票の写しの交付を{+迅速かつ+}円滑に行うこと。"
        );
        assert_eq!(parts[1].status, Status::Removed);
        assert_eq!(parts[1].marker(), "②");
        assert_eq!(parts[1].new, None);
    }

    #[test]
    fn plain_paragraphs_and_sub_items_are_split() {
        let p = paragraphs("前文です。\n\n①一つ目\n\n② 二つ目");
        assert_eq!(
            p,
            vec![
                Paragraph {
                    sub_item: None,
                    text: "前文です。".into()
                },
                Paragraph {
                    sub_item: Some(1),
                    text: "一つ目".into()
                },
                Paragraph {
                    sub_item: Some(2),
                    text: "二つ目".into()
                },
            ]
        );
    }
}
