//! Undo history: capped `past`, one `present`, and `future` (redo) snapshots.
//!
//! Snapshots are `Rc`s, so keeping hundreds costs one pointer each plus whatever the
//! documents do not share. Only [`History::push`] (a document change) clears the redo list;
//! view changes never reach the history.

use std::collections::VecDeque;

/// How many undo steps are kept.
pub const UNDO_LIMIT: usize = 256;

#[derive(Clone, Debug, PartialEq)]
pub struct History<T> {
    past: VecDeque<T>,
    present: T,
    future: Vec<T>,
    limit: usize,
    /// The merge key of the last push, while nothing else happened since: further pushes
    /// with the same key replace the present instead of adding a step (typing in one field
    /// is one undo step).
    merge: Option<String>,
}

impl<T: Clone> History<T> {
    pub fn new(present: T) -> Self {
        Self::with_limit(present, UNDO_LIMIT)
    }

    pub fn with_limit(present: T, limit: usize) -> Self {
        History {
            past: VecDeque::new(),
            present,
            future: Vec::new(),
            limit: limit.max(1),
            merge: None,
        }
    }

    /// A history with these undo steps (oldest first), present and redo steps (the next redo
    /// last), as a saved history is restored.
    pub fn from_parts(past: Vec<T>, present: T, future: Vec<T>) -> Self {
        let mut h = Self::new(present);
        h.past = past.into();
        while h.past.len() > h.limit {
            h.past.pop_front();
        }
        h.future = future;
        h
    }

    /// The undo steps, oldest first.
    pub fn past(&self) -> impl Iterator<Item = &T> {
        self.past.iter()
    }

    /// The redo steps, the next redo last.
    pub fn future(&self) -> impl Iterator<Item = &T> {
        self.future.iter()
    }

    pub fn present(&self) -> &T {
        &self.present
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    /// Number of undo steps available.
    pub fn undo_len(&self) -> usize {
        self.past.len()
    }

    /// Records a change: `next` becomes the present, the old present one undo step.
    pub fn push(&mut self, next: T) {
        self.push_merging(next, None);
    }

    /// Like [`push`](Self::push), but consecutive pushes with the same `Some(key)` form one
    /// undo step (the first one's predecessor is what undo returns to).
    pub fn push_merging(&mut self, next: T, key: Option<String>) {
        let merge = key.is_some() && key == self.merge;
        if !merge {
            let old = std::mem::replace(&mut self.present, next);
            self.past.push_back(old);
            if self.past.len() > self.limit {
                self.past.pop_front();
            }
        } else {
            self.present = next;
        }
        self.future.clear();
        self.merge = key;
    }

    /// Steps back; returns false when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        match self.past.pop_back() {
            Some(prev) => {
                let cur = std::mem::replace(&mut self.present, prev);
                self.future.push(cur);
                self.merge = None;
                true
            }
            None => false,
        }
    }

    /// Steps forward again; returns false when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        match self.future.pop() {
            Some(next) => {
                let cur = std::mem::replace(&mut self.present, next);
                self.past.push_back(cur);
                if self.past.len() > self.limit {
                    self.past.pop_front();
                }
                self.merge = None;
                true
            }
            None => false,
        }
    }

    /// Ends any merging run, so that the next push is a step of its own.
    pub fn seal(&mut self) {
        self.merge = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_and_redo_walk_the_steps() {
        let mut h = History::new(0);
        h.push(1);
        h.push(2);
        assert_eq!(*h.present(), 2);
        assert!(h.undo());
        assert_eq!(*h.present(), 1);
        assert!(h.undo());
        assert_eq!(*h.present(), 0);
        assert!(!h.undo());
        assert!(h.redo());
        assert!(h.redo());
        assert_eq!(*h.present(), 2);
        assert!(!h.redo());
    }

    #[test]
    fn a_new_change_clears_redo() {
        let mut h = History::new("a");
        h.push("b");
        h.undo();
        assert!(h.can_redo());
        h.push("c");
        assert!(!h.can_redo());
        assert_eq!(*h.present(), "c");
        h.undo();
        assert_eq!(*h.present(), "a");
    }

    #[test]
    fn history_is_capped_and_keeps_the_newest_steps() {
        let mut h = History::with_limit(0, 200);
        for i in 1..=250 {
            h.push(i);
        }
        assert_eq!(h.undo_len(), 200);
        while h.undo() {}
        assert_eq!(*h.present(), 50);
    }

    #[test]
    fn default_limit_is_at_least_two_hundred() {
        let mut h = History::new(0);
        for i in 1..=300 {
            h.push(i);
        }
        assert!(h.undo_len() >= 200);
    }

    #[test]
    fn pushes_with_one_merge_key_are_one_step() {
        let mut h = History::new(String::new());
        h.push_merging("1".into(), Some("name".into()));
        h.push_merging("12".into(), Some("name".into()));
        h.push_merging("123".into(), Some("name".into()));
        h.push_merging("x".into(), Some("other".into()));
        assert_eq!(h.undo_len(), 2);
        h.undo();
        assert_eq!(h.present(), "123");
        h.undo();
        assert_eq!(h.present(), "");
    }

    #[test]
    fn undo_ends_a_merging_run() {
        let mut h = History::new(0);
        h.push_merging(1, Some("k".into()));
        h.undo();
        h.push_merging(2, Some("k".into()));
        h.push_merging(3, Some("k".into()));
        assert_eq!(h.undo_len(), 1);
        h.seal();
        h.push_merging(4, Some("k".into()));
        assert_eq!(h.undo_len(), 2);
    }
}
