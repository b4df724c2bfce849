//! One sorting routine for the whole engine.
//!
//! Every `sort_unstable_by` on a new element type or comparator compiles its own copy of the
//! standard library's quicksort: about 2.5 KB of WebAssembly each, and the engine sorts a dozen
//! kinds of things. [`sort_by`] sorts indices through one `dyn` comparator instead, so the
//! algorithm is compiled once and each caller adds only a little glue. What is sorted here is
//! small (a table's routes, a NACL's rules) or sorted once per analysis, so the indirect call
//! costs nothing measurable (see benches/README.md).

use std::cmp::Ordering;

/// Sorts `v` by `cmp`. Not stable: elements that compare equal may change places, so callers
/// break ties themselves wherever the order is visible.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order = permutation(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    // Position i takes the element now at order[i]: walk each cycle of the permutation once,
    // marking visited positions as fixed points.
    for start in 0..order.len() {
        let mut at = start;
        while order[at] as usize != at {
            let from = order[at] as usize;
            order[at] = at as u32;
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

/// Sorts `v` by the natural order of its elements.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp)
}

/// Sorts `v` by a key computed for each comparison.
pub(crate) fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)))
}

/// The indices `0..len` in the order `cmp` gives them: the one instantiation of the sort.
fn permutation(len: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<u32> {
    let mut order: Vec<u32> = (0..len as u32).collect();
    order.sort_unstable_by(|&a, &b| cmp(a as usize, b as usize));
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_like_the_standard_library(mut v in proptest::collection::vec(0u8..20, 0..200)) {
            let mut expected = v.clone();
            expected.sort_unstable();
            sort(&mut v);
            prop_assert_eq!(v, expected);
        }

        #[test]
        fn keeps_every_element_once(v in proptest::collection::vec(0u8..5, 0..100)) {
            // Pairs with a unique second half show that the permutation moves whole elements.
            let mut pairs: Vec<(u8, usize)> = v.iter().copied().zip(0..).collect();
            sort_by_key(&mut pairs, |p| p.0);
            prop_assert!(pairs.windows(2).all(|w| w[0].0 <= w[1].0));
            let mut seen: Vec<usize> = pairs.iter().map(|p| p.1).collect();
            seen.sort_unstable();
            prop_assert_eq!(seen, (0..v.len()).collect::<Vec<_>>());
        }
    }

    #[test]
    fn sorts_owned_strings_by_a_comparator() {
        let mut v: Vec<String> = ["b", "c", "a"].map(String::from).to_vec();
        sort_by(&mut v, |a, b| b.cmp(a));
        assert_eq!(v, ["c", "b", "a"]);
    }
}
