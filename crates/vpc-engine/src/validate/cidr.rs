//! CIDR fields: parsing with the right family and size, and overlap detection.

use super::{Error, Here, Info, Path, Validator};
use crate::explain::{ExplanationId, Message};
use crate::model::{parse_cidr, CidrError, CidrText};
use ipnet::IpNet;
use std::cmp::Reverse;

/// The IP family a CIDR field must hold.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Family {
    V4,
    V6,
    /// Either (route destinations, security-group peers, NACL rules).
    Any,
}

impl Validator<'_> {
    /// Parses a CIDR field, reporting text that is not a CIDR and the wrong family. A block
    /// with host bits set is what EC2 stores, its network address (rule I1): an info
    /// diagnostic says so and the network is used. Returns the network only when it is
    /// usable, so that later checks do not pile up on a broken value.
    pub(super) fn cidr<'p>(
        &mut self,
        here: &Here<'_>,
        field: impl Into<Path<'p>>,
        text: &CidrText,
        family: Family,
    ) -> Option<IpNet> {
        let field = field.into();
        let net = match parse_cidr(text.as_str()) {
            Ok(net) => net,
            Err(CidrError::Empty | CidrError::Malformed) => {
                let m = Message::new(ExplanationId::VCidrMalformed).arg("value", text.as_str());
                self.emit(Error, here, field, m);
                return None;
            }
            Err(CidrError::HostBitsSet { suggestion }) => {
                let m = Message::new(ExplanationId::I1CidrHostBits)
                    .arg("value", text.as_str())
                    .arg("expected", suggestion);
                self.emit(Info, here, field, m);
                match text.parse() {
                    Ok(net) => net,
                    Err(_) => return None,
                }
            }
        };
        let expected = match (family, net) {
            (Family::V4, IpNet::V6(_)) => "IPv4",
            (Family::V6, IpNet::V4(_)) => "IPv6",
            _ => return Some(net),
        };
        let m = Message::new(ExplanationId::VCidrFamily)
            .arg("value", text.as_str())
            .arg("expected", expected);
        self.emit(Error, here, field, m);
        None
    }
}

/// The first and last address of a block, as integers comparable across one family.
pub(super) fn range(net: &IpNet) -> (u128, u128) {
    match net {
        IpNet::V4(n) => (u32::from(n.network()).into(), u32::from(n.broadcast()).into()),
        IpNet::V6(n) => (u128::from(n.network()), u128::from(n.broadcast())),
    }
}

/// Overlapping pairs among address blocks of one family, each pair once, as
/// `(earlier, later)` tags in the order the caller gave the blocks.
///
/// CIDR blocks either nest or are disjoint, so after sorting by start (larger block first)
/// the blocks still open at any point form one nested chain: each block overlaps exactly
/// the chain left after dropping blocks that end before it starts. A block identical to
/// the top of the chain is reported against that block only and not pushed, which keeps
/// the chain at most 129 deep and the output linear even for many identical blocks.
/// Cost: n log n for the sort plus the size of the output.
pub(super) fn overlapping_pairs(blocks: &[IpNet]) -> Vec<(usize, usize)> {
    let mut order: Vec<(u128, Reverse<u128>, usize)> = blocks
        .iter()
        .enumerate()
        .map(|(i, net)| {
            let (start, end) = range(net);
            (start, Reverse(end), i)
        })
        .collect();
    crate::order::sort(&mut order);
    let mut chain: Vec<(u128, usize)> = Vec::new();
    let mut pairs = Vec::new();
    for (start, Reverse(end), i) in order {
        while chain.last().is_some_and(|&(open_end, _)| open_end < start) {
            chain.pop();
        }
        let mut identical = false;
        for &(_, j) in &chain {
            pairs.push((i.min(j), i.max(j)));
            identical = range(&blocks[j]) == (start, end);
        }
        if !identical {
            chain.push((end, i));
        }
    }
    crate::order::sort(&mut pairs);
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter().map(|s| s.parse().unwrap()).collect()
    }

    #[test]
    fn nested_blocks_overlap_every_enclosing_block() {
        let blocks = nets(&[
            "10.0.0.0/16",
            "10.0.1.0/24",
            "10.0.2.0/24",
            "10.0.2.128/25",
            "10.1.0.0/24",
        ]);
        assert_eq!(overlapping_pairs(&blocks), vec![(0, 1), (0, 2), (0, 3), (2, 3)]);
    }

    #[test]
    fn identical_blocks_are_reported_against_the_first_one() {
        let blocks = nets(&["10.0.0.0/24", "10.0.0.0/24", "10.0.0.0/24"]);
        assert_eq!(overlapping_pairs(&blocks), vec![(0, 1), (0, 2)]);
    }

    #[test]
    fn disjoint_and_adjacent_blocks_do_not_overlap() {
        let blocks = nets(&["10.0.1.0/24", "10.0.0.0/24", "10.0.2.0/23", "0.0.0.0/32"]);
        assert!(overlapping_pairs(&blocks).is_empty());
    }

    #[test]
    fn whole_address_space_overlaps_everything_including_the_edges() {
        let blocks = nets(&["255.255.255.255/32", "0.0.0.0/0", "0.0.0.0/32"]);
        assert_eq!(overlapping_pairs(&blocks), vec![(0, 1), (1, 2)]);
    }
}
