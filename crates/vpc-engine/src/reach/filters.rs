//! Security groups (stateful allow lists, S1–S5) and network ACLs (stateless, ordered, N1–N4),
//! evaluated for one TCP flow against an abstract peer.

use crate::model::{AwsService, Protocol};
use crate::resolve::{Family, NaclRef, NaclRuleR, Resolved, SgPeerR, SgRuleR};
use ipnet::IpNet;

/// Ports Lambda functions, NAT gateways and most clients pick replies on (N4).
pub(crate) const EPHEMERAL: (u16, u16) = (1024, 65535);

/// The far side of a packet, as a filter sees it.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Peer<'x> {
    /// Any public address of a family ("the internet"). Only a rule covering the whole
    /// family (`0.0.0.0/0`, `::/0`) decides: a narrower rule covers some of the internet,
    /// not the internet.
    Public(Family),
    /// The public endpoint of an AWS service: the internet, or the service's prefix list.
    Service(AwsService),
    /// Private addresses somewhere in `net` (an ENI in that subnet), on interfaces that
    /// carry the security groups `sgs`. A CIDR rule decides only if it covers all of `net`.
    Private { net: IpNet, sgs: &'x [&'x str] },
}

impl Peer<'_> {
    fn cidr_matches(&self, cidr: &IpNet) -> bool {
        match *self {
            Peer::Public(f) => cidr.prefix_len() == 0 && Family::of(cidr) == f,
            Peer::Service(_) => cidr.prefix_len() == 0 && Family::of(cidr) == Family::V4,
            Peer::Private { net, .. } => cidr.contains(&net),
        }
    }
}

/// TCP on `port` falls under a rule with this protocol and range.
fn covers(protocol: Protocol, from: u16, to: u16, port: u16) -> bool {
    match protocol {
        Protocol::All => true,
        Protocol::Tcp => from <= port && port <= to,
        Protocol::Udp | Protocol::Icmp => false,
    }
}

/// Which kind of rule let a flow through a set of security groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum SgMatch<'a> {
    /// A rule of `sg` naming `sg` itself, matched because the peer carries it too (S4).
    SelfReference { sg: &'a str },
    /// A rule of `sg` naming the peer's group `other` (S3, S5).
    GroupReference { sg: &'a str, other: &'a str },
    /// A rule of `sg` naming the service's prefix list (E3).
    PrefixList { sg: &'a str },
    /// A CIDR rule of `sg`.
    Cidr { sg: &'a str },
}

impl<'a> SgMatch<'a> {
    pub(crate) fn sg(self) -> &'a str {
        match self {
            SgMatch::SelfReference { sg }
            | SgMatch::GroupReference { sg, .. }
            | SgMatch::PrefixList { sg }
            | SgMatch::Cidr { sg } => sg,
        }
    }
}

/// The rule of the groups `sgs` (outbound or inbound) that allows TCP `port` to or from
/// `peer`, if any. When several do, the most telling one is returned (a self reference
/// before a group reference before a prefix list before a CIDR, then by group id), so the
/// answer does not depend on the order rules were written in.
pub(crate) fn sg_allows<'a>(
    r: &Resolved<'a>,
    sgs: &[&'a str],
    outbound: bool,
    port: u16,
    peer: Peer,
) -> Option<SgMatch<'a>> {
    let mut best: Option<SgMatch<'a>> = None;
    for &id in sgs {
        let Some(sg) = r.security_group(id) else {
            continue;
        };
        let rules: &[SgRuleR<'a>] = if outbound { &sg.outbound } else { &sg.inbound };
        for rule in rules {
            if !covers(rule.protocol, rule.from_port, rule.to_port, port) {
                continue;
            }
            let m = match (rule.peer, peer) {
                (SgPeerR::Cidr(c), p) if p.cidr_matches(&c) => SgMatch::Cidr { sg: id },
                (SgPeerR::SecurityGroup(other), Peer::Private { sgs: members, .. }) if members.contains(&other) => {
                    if other == id {
                        SgMatch::SelfReference { sg: id }
                    } else {
                        SgMatch::GroupReference { sg: id, other }
                    }
                }
                (SgPeerR::PrefixList(s), Peer::Service(t)) if s == t => SgMatch::PrefixList { sg: id },
                _ => continue,
            };
            if best.is_none_or(|b| m < b) {
                best = Some(m);
            }
        }
    }
    best
}

/// What a network ACL decided for a flow over a range of ports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NaclVerdict {
    /// The implicit default NACL of a VPC that names none: everything is allowed (N2).
    DefaultAllowsAll,
    /// Allowed; `rule` is the lowest-numbered rule that allowed part of the range.
    Allowed { rule: u16 },
    /// Denied by rule `rule`, or by the final `*` rule when `None`.
    Denied { rule: Option<u16> },
    /// The direction has no rules at all, so the final `*` rule denies everything (N3).
    NoRules,
}

/// Evaluates a subnet's NACL for TCP traffic to destination ports `ports` (inclusive) and
/// the given peer (the source for inbound rules, the destination for outbound ones). Rules
/// are read lowest number first, first match wins (N1); every port of the range must be
/// allowed, so a rule allowing only part of 1024–65535 still lets some replies be dropped.
pub(crate) fn nacl_check(r: &Resolved, nacl: NaclRef, outbound: bool, ports: (u16, u16), peer: Peer) -> NaclVerdict {
    let Some(n) = nacl.id().and_then(|id| r.nacl(id)) else {
        return NaclVerdict::DefaultAllowsAll;
    };
    let rules: &[NaclRuleR] = if outbound { &n.outbound } else { &n.inbound };
    if rules.is_empty() {
        return NaclVerdict::NoRules;
    }
    // Port intervals not yet decided; at most a handful.
    let mut open: Vec<(u16, u16)> = vec![ports];
    let mut first_allow: Option<u16> = None;
    for rule in rules {
        if !peer.cidr_matches(&rule.cidr) {
            continue;
        }
        let (lo, hi) = match rule.protocol {
            Protocol::All => (0, u16::MAX),
            Protocol::Tcp => (rule.from_port, rule.to_port),
            Protocol::Udp | Protocol::Icmp => continue,
        };
        if !open.iter().any(|&(a, b)| a <= hi && lo <= b) {
            continue;
        }
        if !rule.allow {
            return NaclVerdict::Denied {
                rule: Some(rule.number),
            };
        }
        first_allow.get_or_insert(rule.number);
        open = subtract(&open, lo, hi);
        if open.is_empty() {
            return NaclVerdict::Allowed {
                rule: first_allow.unwrap_or(rule.number),
            };
        }
    }
    NaclVerdict::Denied { rule: None }
}

fn subtract(open: &[(u16, u16)], lo: u16, hi: u16) -> Vec<(u16, u16)> {
    let mut out = Vec::with_capacity(open.len() + 1);
    for &(a, b) in open {
        if b < lo || hi < a {
            out.push((a, b));
            continue;
        }
        if a < lo {
            out.push((a, lo - 1));
        }
        if hi < b {
            out.push((hi + 1, b));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subtract_splits_and_trims_intervals() {
        assert_eq!(subtract(&[(1024, 65535)], 32768, 65535), vec![(1024, 32767)]);
        assert_eq!(
            subtract(&[(1024, 65535)], 2000, 3000),
            vec![(1024, 1999), (3001, 65535)]
        );
        assert_eq!(subtract(&[(1024, 65535)], 0, 65535), vec![]);
        assert_eq!(subtract(&[(10, 20)], 30, 40), vec![(10, 20)]);
    }

    #[test]
    fn internet_peer_needs_a_rule_for_the_whole_family() {
        let any4: IpNet = "0.0.0.0/0".parse().unwrap();
        let half: IpNet = "0.0.0.0/1".parse().unwrap();
        let any6: IpNet = "::/0".parse().unwrap();
        assert!(Peer::Public(Family::V4).cidr_matches(&any4));
        assert!(!Peer::Public(Family::V4).cidr_matches(&half));
        assert!(!Peer::Public(Family::V4).cidr_matches(&any6));
        assert!(Peer::Public(Family::V6).cidr_matches(&any6));
        let net: IpNet = "10.0.1.0/24".parse().unwrap();
        let p = Peer::Private { net, sgs: &[] };
        assert!(p.cidr_matches(&"10.0.0.0/16".parse().unwrap()));
        assert!(!p.cidr_matches(&"10.0.1.0/25".parse().unwrap()));
    }
}
