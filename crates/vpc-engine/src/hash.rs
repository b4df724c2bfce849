//! A fast, non-cryptographic hasher for the engine's internal maps keyed by component ids.
//!
//! The standard library's SipHash resists hash flooding, which matters for maps filled from
//! untrusted input and queried by an adversary; the engine's maps live for one `analyze`
//! call and are keyed by the ids of the user's own design, so speed matters more. This is
//! the multiply-rotate scheme of rustc's `FxHasher`, written here to keep the engine free of
//! dependencies.

use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`FxHasher`]. Build it with `HashMap::default()` or
/// `HashMap::with_capacity_and_hasher(n, Default::default())`.
pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A `HashSet` with [`FxHasher`].
pub(crate) type HashSet<T> = std::collections::HashSet<T, BuildHasherDefault<FxHasher>>;

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// Hashes a word at a time: `hash = (hash.rotate_left(5) ^ word) * SEED`.
#[derive(Clone, Copy, Default)]
pub(crate) struct FxHasher {
    hash: u64,
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, mut bytes: &[u8]) {
        while bytes.len() >= 8 {
            self.add(u64::from_le_bytes(bytes[..8].try_into().expect("8 bytes")));
            bytes = &bytes[8..];
        }
        if bytes.len() >= 4 {
            self.add(u32::from_le_bytes(bytes[..4].try_into().expect("4 bytes")) as u64);
            bytes = &bytes[4..];
        }
        for &b in bytes {
            self.add(b as u64);
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u16(&mut self, i: u16) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_that_differ_anywhere_hash_apart() {
        let hash = |s: &str| {
            let mut h = FxHasher::default();
            h.write(s.as_bytes());
            h.finish()
        };
        let ids = ["private-a", "private-b", "subnet-1", "subnet-10", "a", "b", "ab", "ba"];
        for (i, a) in ids.iter().enumerate() {
            for b in &ids[i + 1..] {
                assert_ne!(hash(a), hash(b), "{a} / {b}");
            }
        }
    }

    #[test]
    fn maps_work_with_it() {
        let mut m: HashMap<&str, usize> = HashMap::default();
        for (i, id) in ["x", "y", "z"].iter().enumerate() {
            m.insert(id, i);
        }
        assert_eq!(m.get("y"), Some(&1));
        assert_eq!(m.get("w"), None);
    }
}
