//! Reuse between rebuilds of a site being edited (`serve`, `build --watch`): a pure step's
//! result, kept with its inputs and reused only when the step is asked again with equal ones.
//! hoshin's one incremental mechanism: every step of every rebuild runs; nothing predicts what
//! an edit affects. A [`Memo`] holds the last build's results; entries not asked for are dropped
//! at the next ([`Memo::next_build`]). Imports nothing of the build: stages keep their own memos.

use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;

/// Text kept with a result as one of its inputs (a source file's, a body's, a rendering): equal
/// at once when both are the same allocation, as text kept from the last build and unchanged
/// is, else compared byte by byte. (`Arc<str>`'s own `==` always compares every byte: the
/// standard library's shortcut by address is only for sized types.)
#[derive(Debug, Clone, Default, Eq)]
pub struct Shared(pub Arc<str>);

impl Shared {
    /// Whether `text` holds the same characters: at once if it is this allocation.
    pub fn is(&self, text: &Arc<str>) -> bool {
        Arc::ptr_eq(&self.0, text) || *self.0 == **text
    }
}

impl PartialEq for Shared {
    fn eq(&self, other: &Shared) -> bool {
        self.is(&other.0)
    }
}

impl std::ops::Deref for Shared {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<String> for Shared {
    fn from(text: String) -> Shared {
        Shared(text.into())
    }
}

impl From<&str> for Shared {
    fn from(text: &str) -> Shared {
        Shared(text.into())
    }
}

/// Results of one step, by a key naming what was made (a page's path, a directive's id).
pub struct Memo<I, V> {
    /// What the last build made: (inputs, result) by key.
    previous: FxHashMap<String, (I, V)>,
    /// What this build made or reused so far.
    current: Mutex<FxHashMap<String, (I, V)>>,
}

impl<I, V> Default for Memo<I, V> {
    fn default() -> Self {
        Memo {
            previous: FxHashMap::default(),
            current: Mutex::new(FxHashMap::default()),
        }
    }
}

impl<I: Clone, V: Clone> Memo<I, V> {
    /// The result kept for `key` if `same(its inputs)` holds; kept for the next build too.
    pub fn reuse(&self, key: &str, same: impl FnOnce(&I) -> bool) -> Option<V> {
        let (inputs, value) = self.found(key, same)?;
        self.keep(key.to_string(), inputs.clone(), value.clone());
        Some(value.clone())
    }

    /// The last build's inputs and result for `key`, if `same(those inputs)` holds.
    fn found(&self, key: &str, same: impl FnOnce(&I) -> bool) -> Option<&(I, V)> {
        self.previous.get(key).filter(|(inputs, _)| same(inputs))
    }

    /// Keeps `value`, made from `inputs`, for the next build.
    pub fn keep(&self, key: String, inputs: I, value: V) {
        (self.current.lock().expect("lock")).insert(key, (inputs, value));
    }

    /// `fresh()`, or the kept value for `key` if `same(it)`: the last build's allocation, so
    /// comparisons of things made of it can stop at its address (as `Arc`'s equality does for
    /// sized values, and [`Shared`] for text).
    /// Kept either way.
    pub fn intern(&self, key: String, same: impl FnOnce(&I) -> bool, fresh: impl FnOnce() -> I) -> I
    where
        V: Default,
    {
        let value = match self.previous.get(&key) {
            Some((old, _)) if same(old) => old.clone(),
            _ => fresh(),
        };
        self.keep(key, value.clone(), V::default());
        value
    }

    /// Ends a build. A good one's results become what the next may reuse; a failed one's
    /// (maybe made from broken sources) are forgotten, and the last good ones stay. What is
    /// forgotten is freed on another thread: tens of thousands of entries take ~20 ms.
    pub fn end_build(&mut self, succeeded: bool)
    where
        I: Send + 'static,
        V: Send + 'static,
    {
        let mut forgotten = std::mem::take(self.current.get_mut().expect("lock"));
        if succeeded {
            std::mem::swap(&mut self.previous, &mut forgotten);
        }
        // The next build keeps about as many: room for them saves growing the table.
        let room = FxHashMap::with_capacity_and_hasher(self.previous.len(), Default::default());
        *self.current.get_mut().expect("lock") = room;
        std::thread::spawn(move || drop(forgotten));
    }
}

/// With a `memo`: the result kept for `key` if `same(its inputs)` holds, else `make()`'s,
/// kept with the inputs it returns. Without one (a one-off build): `make()`'s.
pub fn reuse_or_make<I: Clone, V: Clone>(
    memo: Option<&Memo<I, V>>,
    key: impl FnOnce() -> String,
    same: impl FnOnce(&I) -> bool,
    make: impl FnOnce() -> (I, V),
) -> V {
    let Some(memo) = memo else {
        return make().1;
    };
    let key = key();
    if let Some((inputs, value)) = memo.found(&key, same) {
        memo.keep(key, inputs.clone(), value.clone());
        return value.clone();
    }
    let (inputs, value) = make();
    memo.keep(key, inputs, value.clone());
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_are_reused_only_for_equal_inputs_and_for_one_build_after_their_last_use() {
        let mut memo: Memo<u32, &str> = Memo::default();
        memo.keep("a".into(), 1, "made from 1");
        memo.keep("b".into(), 2, "b");
        memo.end_build(true);
        assert_eq!(memo.reuse("a", |&i| i == 1), Some("made from 1"));
        assert_eq!(memo.reuse("a", |&i| i == 7), None, "other inputs");
        assert_eq!(memo.reuse("z", |_| true), None, "never made");
        memo.end_build(true);
        assert_eq!(
            memo.reuse("a", |&i| i == 1),
            Some("made from 1"),
            "reused, so kept"
        );
        assert_eq!(memo.reuse("b", |_| true), None, "not asked for last build");
        memo.keep("c".into(), 3, "made by a build that failed");
        memo.end_build(false);
        assert_eq!(
            memo.reuse("a", |_| true),
            Some("made from 1"),
            "a failed build keeps the last good"
        );
        assert_eq!(
            memo.reuse("c", |_| true),
            None,
            "a failed build's results are forgotten"
        );
    }

    #[test]
    fn shared_text_is_equal_to_itself_and_to_the_same_characters_only() {
        let a = Shared::from("本文");
        assert_eq!(a, a.clone(), "the same allocation");
        assert_eq!(a, Shared::from("本文"), "another with the same characters");
        assert_ne!(a, Shared::from("本文。"));
        assert!(a.is(&a.0) && !a.is(&Arc::from("別")));
    }

    #[test]
    fn reuse_or_make_makes_only_what_it_cannot_reuse() {
        let mut memo: Memo<u32, String> = Memo::default();
        let made = std::cell::Cell::new(0);
        let make = |i: u32| {
            made.set(made.get() + 1);
            (i, format!("made from {i}"))
        };
        let get = |memo: Option<&Memo<u32, String>>, i: u32| {
            reuse_or_make(memo, || "k".into(), |&old| old == i, || make(i))
        };
        assert_eq!(get(None, 1), "made from 1");
        assert_eq!(get(Some(&memo), 1), "made from 1");
        memo.end_build(true);
        assert_eq!(get(Some(&memo), 1), "made from 1");
        assert_eq!(made.get(), 2, "the third call reused the second's result");
        memo.end_build(true);
        assert_eq!(get(Some(&memo), 2), "made from 2");
        assert_eq!(made.get(), 3, "other inputs are made anew");
    }
}
