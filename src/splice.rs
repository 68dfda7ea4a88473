//! Replacing parts of a large document in place of making it again: after an edit of
//! one directive's text, `serve` remakes the print documents and `policy.json` (tens of
//! megabytes at 10,000 directives) by copying the old bytes around the new parts.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

/// The previous bytes of documents remade by [`splice`], kept to be made into the next
/// ones: in a `serve` session the large documents are remade after every edit, and
/// memory used before is several times cheaper to fill than fresh memory (on the
/// virtual machines measured, filling a fresh 33 MB buffer took 25–30 ms in page
/// faults, a used one 3–4 ms).
#[derive(Debug, Default)]
pub struct Spare {
    buffers: HashMap<String, Arc<Vec<u8>>>,
}

impl Spare {
    /// Keeps `bytes`, the document at `path` about to be replaced.
    pub fn keep(&mut self, path: &str, bytes: &Arc<Vec<u8>>) {
        self.buffers.insert(path.to_string(), Arc::clone(bytes));
    }

    /// A buffer to make the next document at `path` in: the one kept, if nothing else
    /// holds it any more, else an empty one.
    pub fn take(&mut self, path: &str) -> Vec<u8> {
        (self.buffers.remove(path))
            .and_then(|bytes| Arc::try_unwrap(bytes).ok())
            .unwrap_or_default()
    }
}

/// `old` with some of its `slots` (byte ranges, in order, not overlapping) replaced:
/// slot `k` by `new(k)` where that gives bytes, kept where it gives `None`. Returns the
/// result and where the slots lie in it; `None` when the slots do not fit `old`.
///
/// The result is made in `buffer` (emptied first): a buffer of the same size used
/// before costs no page faults, where fresh memory of tens of megabytes costs more
/// than the copy (see [`Spare`]).
pub fn splice(
    old: &[u8],
    slots: &[Range<usize>],
    mut new: impl FnMut(usize) -> Option<Vec<u8>>,
    buffer: Vec<u8>,
) -> Option<(Vec<u8>, Vec<Range<usize>>)> {
    let mut bytes = buffer;
    bytes.clear();
    bytes.reserve(old.len() + 64 * 1024);
    let mut moved = Vec::with_capacity(slots.len());
    let mut copied = 0;
    for (k, range) in slots.iter().enumerate() {
        if range.start < copied || range.end < range.start {
            return None;
        }
        // Where the slot starts once the bytes before it are copied.
        let start = bytes.len() + (range.start - copied);
        let Some(part) = new(k) else {
            moved.push(start..start + range.len());
            continue;
        };
        bytes.extend_from_slice(old.get(copied..range.start)?);
        bytes.extend_from_slice(&part);
        moved.push(start..bytes.len());
        copied = range.end;
    }
    bytes.extend_from_slice(old.get(copied..)?);
    Some((bytes, moved))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The document made of `parts` joined with `between` (len parts + 1), and the
    /// ranges of the parts.
    fn join(between: &[String], parts: &[String]) -> (Vec<u8>, Vec<Range<usize>>) {
        let mut bytes = Vec::new();
        let mut ranges = Vec::new();
        for (k, part) in parts.iter().enumerate() {
            bytes.extend_from_slice(between[k].as_bytes());
            let start = bytes.len();
            bytes.extend_from_slice(part.as_bytes());
            ranges.push(start..bytes.len());
        }
        bytes.extend_from_slice(between[parts.len()].as_bytes());
        (bytes, ranges)
    }

    #[test]
    fn replaces_the_slots_given_and_moves_the_others() {
        let between = ["<a>", "<b>", "", "<d>"].map(String::from);
        let parts = ["one", "two", "three"].map(String::from);
        let (old, ranges) = join(&between, &parts);
        let (bytes, moved) = splice(
            &old,
            &ranges,
            |k| (k == 1).then(|| b"TWO!".to_vec()),
            b"junk".to_vec(),
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(bytes.clone()).unwrap(),
            "<a>one<b>TWO!three<d>"
        );
        let at = |r: &Range<usize>| String::from_utf8(bytes[r.clone()].to_vec()).unwrap();
        assert_eq!(
            moved.iter().map(at).collect::<Vec<_>>(),
            ["one", "TWO!", "three"]
        );
    }

    #[test]
    fn refuses_slots_that_do_not_fit() {
        let none = |_| Some(Vec::new());
        assert!(splice(b"abc", std::slice::from_ref(&(1..5)), none, Vec::new()).is_none());
        assert!(splice(b"abcdef", &[2..4, 3..5], none, Vec::new()).is_none());
    }

    proptest! {
        /// Splicing gives what joining the new parts gives, whichever parts change.
        #[test]
        fn splicing_equals_joining_anew(
            parts in prop::collection::vec(".{0,6}", 0..8),
            between in prop::collection::vec(".{0,4}", 9),
            edits in prop::collection::vec(prop::option::of(".{0,6}"), 8),
        ) {
            let between = &between[..=parts.len()];
            let (old, ranges) = join(between, &parts);
            let (bytes, moved) = splice(&old, &ranges, |k| {
                edits[k].as_ref().map(|e| e.as_bytes().to_vec())
            }, old.clone())
            .unwrap();
            let new_parts: Vec<String> = (0..parts.len())
                .map(|k| edits[k].clone().unwrap_or_else(|| parts[k].clone()))
                .collect();
            let (expected, expected_ranges) = join(between, &new_parts);
            prop_assert_eq!(bytes, expected);
            prop_assert_eq!(moved, expected_ranges);
        }
    }
}
