//! Reuse between rebuilds of a site being edited (`serve`, `build --watch`): a pure step's
//! result, kept with its inputs and reused only when the step is asked again with equal ones.
//! hoshin's one incremental mechanism: every step of every rebuild runs; nothing predicts what
//! an edit affects. A [`Memo`] holds the last build's results; entries not asked for are dropped
//! at the next ([`Memo::next_build`]). Imports nothing of the build: stages keep their own memos.

use std::sync::Mutex;

use rustc_hash::FxHashMap;

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
        let (inputs, value) = self.previous.get(key)?;
        if !same(inputs) {
            return None;
        }
        let value = value.clone();
        self.keep(key.to_string(), inputs.clone(), value.clone());
        Some(value)
    }

    /// Keeps `value`, made from `inputs`, for the next build.
    pub fn keep(&self, key: String, inputs: I, value: V) {
        self.current
            .lock()
            .expect("lock")
            .insert(key, (inputs, value));
    }

    /// `fresh`, or the kept value for `key` if equal: the last build's allocation, so comparisons
    /// of things made of it can stop at its address (as `Arc`'s equality does). Kept either way.
    pub fn intern(&self, key: String, fresh: I) -> I
    where
        I: PartialEq,
        V: Default,
    {
        let value = match self.previous.get(&key) {
            Some((old, _)) if *old == fresh => old.clone(),
            _ => fresh,
        };
        self.keep(key, value.clone(), V::default());
        value
    }

    /// Ends a good build: its results become reusable (on failure, [`Memo::drop_build`] instead).
    pub fn next_build(&mut self) {
        let current = std::mem::take(self.current.get_mut().expect("lock"));
        if !current.is_empty() {
            self.previous = current;
        }
    }

    /// Forgets a failed build's results (maybe from broken sources); the last good ones stay.
    pub fn drop_build(&mut self) {
        self.current.get_mut().expect("lock").clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_are_reused_only_for_equal_inputs_and_for_one_build_after_their_last_use() {
        let mut memo: Memo<u32, &str> = Memo::default();
        memo.keep("a".into(), 1, "made from 1");
        memo.keep("b".into(), 2, "b");
        memo.next_build();
        assert_eq!(memo.reuse("a", |&i| i == 1), Some("made from 1"));
        assert_eq!(memo.reuse("a", |&i| i == 7), None, "other inputs");
        assert_eq!(memo.reuse("z", |_| true), None, "never made");
        memo.next_build();
        assert_eq!(
            memo.reuse("a", |&i| i == 1),
            Some("made from 1"),
            "reused, so kept"
        );
        assert_eq!(memo.reuse("b", |_| true), None, "not asked for last build");
        memo.drop_build();
        memo.next_build();
        assert_eq!(
            memo.reuse("a", |_| true),
            Some("made from 1"),
            "a failed build keeps the last good"
        );
    }
}
