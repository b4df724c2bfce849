//! Building [`Message`]s cheaply: an argument is only allocated when the catalogue sentence
//! of the message uses it (extra arguments would be ignored anyway). An id without a
//! catalogue entry keeps every argument, so nothing is lost while the catalogue grows.
//!
//! Evaluation builds thousands of messages per design; allocation is most of its cost.

use crate::explain::{ExplanationId, Message, ARG_NAMES, CATALOGUE};
use std::sync::Arc;
use std::sync::OnceLock;

/// The argument names of the shared vocabulary (HELPERS.md), one bit each.
const VOCABULARY: [&str; 34] = ARG_NAMES;

/// Arguments kept whatever the sentence says: the matched route of a route-table hop is
/// what the path shows, and interfaces may read it.
const ALWAYS: u64 = 1 << 9; // "route"

/// A name's fingerprint: its length, first and last bytes (distinct for every name of the
/// vocabulary, which a test checks), so that finding a name's bit costs one string
/// comparison rather than one per name.
const fn fingerprint(name: &str) -> u32 {
    let b = name.as_bytes();
    match b.len() {
        0 => 0,
        n => (n as u32 & 0xff) | (b[0] as u32) << 8 | (b[n - 1] as u32) << 16,
    }
}

/// Where a fingerprint goes in [`SLOTS`]: a multiplicative hash, chosen so that the names
/// of the vocabulary fall in distinct slots (a slot two names share is marked and searched).
const fn slot(fingerprint: u32) -> usize {
    (fingerprint.wrapping_mul(0x34e7_13ee) >> 25) as usize
}

const EMPTY: u8 = u8::MAX;
const SHARED: u8 = u8::MAX - 1;

/// By slot: the index of the vocabulary name in it, [`EMPTY`], or [`SHARED`].
const SLOTS: [u8; 128] = {
    let mut out = [EMPTY; 128];
    let mut i = 0;
    while i < VOCABULARY.len() {
        let s = slot(fingerprint(VOCABULARY[i]));
        out[s] = if out[s] == EMPTY { i as u8 } else { SHARED };
        i += 1;
    }
    out
};

#[inline]
fn same(a: &str, b: &str) -> bool {
    // Arguments are stored under the vocabulary's own constants (see `lazy_shared`), so a
    // stored name is usually the very same bytes; else compare them (short: no memcmp call).
    (a.as_ptr() == b.as_ptr() && a.len() == b.len())
        || (a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0)
}

#[inline]
fn bit(name: &str) -> Option<u32> {
    let f = fingerprint(name);
    let i = match SLOTS[slot(f)] {
        EMPTY => return None,
        SHARED => VOCABULARY.iter().position(|v| fingerprint(v) == f && same(v, name))?,
        i => i as usize,
    };
    same(VOCABULARY[i], name).then_some(i as u32)
}

fn placeholders(text: &str) -> u64 {
    let mut mask = 0;
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else { break };
        if let Some(b) = bit(&after[..end]) {
            mask |= 1 << b;
        }
        rest = &after[end + 1..];
    }
    mask
}

/// Per id (by discriminant), the vocabulary arguments its sentences use.
fn wanted() -> &'static [u64] {
    static WANTED: OnceLock<Vec<u64>> = OnceLock::new();
    WANTED.get_or_init(|| {
        let mut table = vec![u64::MAX; ExplanationId::ALL.len()];
        for e in CATALOGUE {
            table[e.id as usize] = placeholders(e.en) | placeholders(e.zh) | placeholders(e.title_en) | ALWAYS;
        }
        table
    })
}

/// The bits of the vocabulary arguments that the sentence of `id` uses (every bit for ids
/// the catalogue does not have yet).
pub(crate) fn wanted_mask(id: ExplanationId) -> u64 {
    wanted()[id as usize]
}

/// The bit of a vocabulary argument name.
pub(crate) fn arg_bit(name: &str) -> Option<u32> {
    bit(name)
}

/// Whether the sentence of `id` uses the argument `name` (true for names outside the
/// vocabulary and for ids the catalogue does not have yet).
#[cfg(test)]
fn wants(id: ExplanationId, name: &str) -> bool {
    match bit(name) {
        Some(b) => wanted()[id as usize] & (1 << b) != 0,
        None => true,
    }
}

/// A value that becomes an argument, converted only when it is kept. Shared names
/// (`Arc<str>`, precomputed by `Resolved`) are kept without copying.
pub(crate) trait ArgValue {
    fn into_arg(self) -> Arc<str>;
}

impl ArgValue for &str {
    fn into_arg(self) -> Arc<str> {
        Arc::from(self)
    }
}
impl ArgValue for &String {
    fn into_arg(self) -> Arc<str> {
        Arc::from(self.as_str())
    }
}
impl ArgValue for String {
    fn into_arg(self) -> Arc<str> {
        Arc::from(self)
    }
}
impl ArgValue for Arc<str> {
    fn into_arg(self) -> Arc<str> {
        self
    }
}
impl ArgValue for &Arc<str> {
    fn into_arg(self) -> Arc<str> {
        Arc::clone(self)
    }
}
impl ArgValue for crate::resolve::Name<'_> {
    fn into_arg(self) -> Arc<str> {
        self.to_arc()
    }
}
/// A text made an argument through a per-analysis interner: each distinct text is allocated
/// once (labels such as `0.0.0.0/0`, service titles, target names).
pub(crate) struct Interned<'s> {
    pub texts: &'s std::cell::RefCell<crate::hash::HashSet<Arc<str>>>,
    pub text: &'s str,
}

impl ArgValue for Interned<'_> {
    fn into_arg(self) -> Arc<str> {
        let mut texts = self.texts.borrow_mut();
        if let Some(t) = texts.get(self.text) {
            return Arc::clone(t);
        }
        let t: Arc<str> = Arc::from(self.text);
        texts.insert(Arc::clone(&t));
        t
    }
}

impl ArgValue for u16 {
    /// Ports and rule numbers repeat in every trace: each is formatted once per thread and
    /// then shared (at most 65,536 small strings).
    fn into_arg(self) -> Arc<str> {
        thread_local! {
            static NUMBERS: std::cell::RefCell<crate::hash::HashMap<u16, Arc<str>>> =
                std::cell::RefCell::new(crate::hash::HashMap::default());
        }
        NUMBERS.with(|n| {
            Arc::clone(
                n.borrow_mut()
                    .entry(self)
                    .or_insert_with(|| Arc::from(self.to_string())),
            )
        })
    }
}
impl ArgValue for usize {
    fn into_arg(self) -> Arc<str> {
        Arc::from(self.to_string())
    }
}

/// A message under construction.
pub(crate) struct M(pub Message);

pub(crate) fn msg(id: ExplanationId) -> M {
    // Sized for the arguments the sentence uses, so the vector never grows.
    let capacity = (wanted()[id as usize].count_ones() as usize).min(8);
    M(Message {
        id,
        args: Vec::with_capacity(capacity),
    })
}

impl M {
    pub fn id(&self) -> ExplanationId {
        self.0.id
    }

    /// Adds an argument if the sentence uses it. An empty value is no argument: the sentence
    /// words it as missing ("the subnet", see `explain::missing_arg`) rather than leaving a gap.
    #[inline]
    pub fn a(self, name: &'static str, value: impl ArgValue) -> M {
        self.lazy_shared(name, || value.into_arg())
    }

    /// Adds an argument computed only if the sentence uses it.
    #[inline]
    pub fn lazy(self, name: &'static str, value: impl FnOnce() -> String) -> M {
        self.lazy_shared(name, || Arc::from(value()))
    }

    /// Adds a shared argument computed only if the sentence uses it. The name is stored as
    /// the vocabulary's own constant, which later lookups recognise by address.
    #[inline]
    pub fn lazy_shared(mut self, name: &'static str, value: impl FnOnce() -> Arc<str>) -> M {
        let (keep, name) = match bit(name) {
            Some(b) => (wanted()[self.0.id as usize] & (1 << b) != 0, VOCABULARY[b as usize]),
            None => (true, name),
        };
        if keep {
            let value = value();
            if !value.is_empty() {
                self.0.args.push((name, value));
            }
        }
        self
    }

    pub fn done(self) -> Message {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_read_from_text() {
        let m = placeholders("{function} in {subnet} uses {nat}; {unknown} and a {brace");
        assert_eq!(
            m,
            (1 << bit("function").unwrap()) | (1 << bit("subnet").unwrap()) | (1 << bit("nat").unwrap())
        );
    }

    #[test]
    fn every_name_of_the_vocabulary_has_its_own_bit() {
        for (i, name) in VOCABULARY.iter().enumerate() {
            assert_eq!(bit(name), Some(i as u32), "{name}");
        }
        assert_eq!(bit("subnetz"), None);
        assert_eq!(bit(""), None);
    }

    #[test]
    fn names_outside_the_vocabulary_are_always_kept() {
        assert!(wants(ExplanationId::L2Internet, "something-else"));
    }
}
