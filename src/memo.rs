//! Reuse between the rebuilds of a site being edited (`serve`, `build --watch`): the
//! result of a pure step, kept with the inputs it was made from and reused only when the
//! same step is asked again with equal inputs. This is hoshin's one incremental
//! mechanism: nothing decides in advance what an edit affects; every step of every
//! rebuild runs, and a step whose inputs compare equal returns its earlier result.
//!
//! A [`Memo`] holds what the last build made; entries a build does not ask for are
//! dropped when the next one starts ([`Memo::next_build`]), so its size follows the site.
//! Imports nothing of the build: each stage keeps its own memos of its own types.

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
    /// The result kept for `key` when `same(inputs it was made from)` holds; it is kept
    /// for the next build too.
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

    /// `fresh`, or the value kept for `key` when that is equal to it: the same allocation
    /// as in the last build, so that comparing things made of it can stop at its address
    /// (`Arc`'s equality does). Kept for the next build either way.
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

    /// Ends a build that succeeded: what it made or reused becomes what the next one may
    /// reuse. After a failed build, call [`Memo::drop_build`] instead.
    pub fn next_build(&mut self) {
        let current = std::mem::take(self.current.get_mut().expect("lock"));
        if !current.is_empty() {
            self.previous = current;
        }
    }

    /// Forgets what a build that failed made (its results may come from sources that
    /// are broken): the next build reuses what the last good one made.
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
