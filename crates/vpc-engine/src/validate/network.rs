//! VPCs, subnets, gateways and peering connections.

use super::cidr::{overlapping_pairs, Family};
use super::{Error, Expected, Here, Path, Validator, Warning};
use crate::explain::{ExplanationId, Message};
use crate::hash::HashMap;
use crate::model::{ComponentKind, Connectivity, Subnet};
use ipnet::IpNet;

/// AWS accepts IPv4 blocks from /16 to /28 for VPCs and subnets.
const LARGEST_V4_PREFIX: u8 = 16;
const SMALLEST_V4_PREFIX: u8 = 28;
const V4_SIZES: &str = "/16–/28";
/// Subnet IPv6 blocks run from /44 to /64 in steps of 4 (usually a /64).
const V6_SUBNET_SIZES: &str = "/44–/64";

fn v4_size_ok(net: &IpNet) -> bool {
    (LARGEST_V4_PREFIX..=SMALLEST_V4_PREFIX).contains(&net.prefix_len())
}

fn v6_subnet_size_ok(net: &IpNet) -> bool {
    (44..=64).contains(&net.prefix_len()) && net.prefix_len().is_multiple_of(4)
}

impl<'a> Validator<'a> {
    pub(super) fn vpcs(&mut self) {
        let doc = self.doc;
        for (i, vpc) in doc.vpcs.iter().enumerate() {
            let here = self.component(ComponentKind::Vpc, i, vpc.id.as_str(), &vpc.name);
            // Primary then secondary IPv4 blocks: family, size, and no overlap among them.
            let texts = std::iter::once((Path::from("cidr"), &vpc.cidr)).chain(
                vpc.secondary_cidrs
                    .iter()
                    .enumerate()
                    .map(|(k, c)| (Path::at("secondary_cidrs", k), c)),
            );
            let mut blocks = Vec::new();
            for (field, text) in texts {
                let Some(net) = self.cidr(&here, field, text, Family::V4) else {
                    continue;
                };
                if net.prefix_len() == 0 {
                    // Not merely too large: it takes the internet's addresses for the VPC's own.
                    let m = Message::new(ExplanationId::VVpcCidrEverything).arg("value", text.as_str());
                    self.emit(Error, &here, field, m);
                } else if !v4_size_ok(&net) {
                    let m = Message::new(ExplanationId::VVpcCidrSize)
                        .arg("value", text.as_str())
                        .arg("expected", V4_SIZES);
                    self.emit(Error, &here, field, m);
                }
                blocks.push((field, text, net));
            }
            let nets: Vec<IpNet> = blocks.iter().map(|b| b.2).collect();
            for (a, b) in overlapping_pairs(&nets) {
                let m = Message::new(ExplanationId::VVpcCidrsOverlap)
                    .arg("value", blocks[b].1.as_str())
                    .arg("other", blocks[a].1.as_str());
                self.emit(Error, &here, blocks[b].0, m);
            }
            if let Some(v6) = &vpc.ipv6_cidr {
                self.cidr(&here, "ipv6_cidr", v6, Family::V6);
            }
            if let Some(rt) = &vpc.main_route_table {
                let exists = self.ix.route_table(rt.as_str()).is_some();
                if self.optional_ref(&here, "main_route_table", rt.as_str(), exists, Expected::RouteTable) {
                    self.same_vpc(
                        &here,
                        "main_route_table",
                        vpc.id.as_str(),
                        rt.as_str(),
                        self.ix.table_vpc(rt.as_str()),
                    );
                }
            }
            if let Some(nacl) = &vpc.default_nacl {
                let exists = self.ix.nacl(nacl.as_str()).is_some();
                if self.optional_ref(&here, "default_nacl", nacl.as_str(), exists, Expected::Nacl) {
                    self.same_vpc(
                        &here,
                        "default_nacl",
                        vpc.id.as_str(),
                        nacl.as_str(),
                        self.ix.nacl_vpc(nacl.as_str()),
                    );
                }
            }
        }
    }

    /// Reports `other` (in `other_vpc`) when it should be in `vpc`. Unknown VPCs are
    /// reported where they are named, not here.
    /// Returns false when it reported one.
    pub(super) fn same_vpc<'p>(
        &mut self,
        here: &Here<'_>,
        field: impl Into<Path<'p>>,
        vpc: &str,
        other: &str,
        other_vpc: Option<&str>,
    ) -> bool {
        match other_vpc {
            Some(other_vpc) if self.ix.vpc_exists(vpc).is_some() && other_vpc != vpc => {
                self.cross_vpc(here, field, vpc, other, other_vpc);
                false
            }
            _ => true,
        }
    }

    pub(super) fn subnets(&mut self) {
        let doc = self.doc;
        let overlaps = self.subnet_overlaps();
        for (i, s) in doc.subnets.iter().enumerate() {
            let here = self.component(ComponentKind::Subnet, i, s.id.as_str(), &s.name);
            let vpc_id = s.vpc.as_str();
            let vpc_known = self.ix.vpc_exists(vpc_id).is_some();
            self.required_ref(&here, "vpc", vpc_id, vpc_known, Expected::Vpc);
            self.subnet_az(&here, s);
            if let Some(net) = self.cidr(&here, "cidr", &s.cidr, Family::V4) {
                if !v4_size_ok(&net) {
                    let m = Message::new(ExplanationId::VSubnetSize)
                        .arg("value", s.cidr.as_str())
                        .arg("expected", V4_SIZES);
                    self.emit(Error, &here, "cidr", m);
                }
                let outside = self
                    .ix
                    .nets
                    .get(vpc_id)
                    .filter(|n| !n.v4.is_empty() && !n.v4.iter().any(|b| b.contains(&net)));
                if let Some(nets) = outside {
                    let m = Message::new(ExplanationId::VSubnetOutsideVpc)
                        .arg("value", s.cidr.as_str())
                        .arg("vpc", self.ix.name(vpc_id))
                        .arg("expected", nets.list());
                    self.emit(Error, &here, "cidr", m);
                }
            }
            self.report_overlaps(&here, overlaps.get(&(i, false)), "cidr", &s.cidr);
            if let Some(v6) = &s.ipv6_cidr {
                if let Some(net) = self.cidr(&here, "ipv6_cidr", v6, Family::V6) {
                    if !v6_subnet_size_ok(&net) {
                        let m = Message::new(ExplanationId::VSubnetSize)
                            .arg("value", v6.as_str())
                            .arg("expected", V6_SUBNET_SIZES);
                        self.emit(Error, &here, "ipv6_cidr", m);
                    }
                    if let Some(nets) = self.ix.nets.get(vpc_id) {
                        if !nets.v6.is_some_and(|b| b.contains(&net)) {
                            let expected = nets.v6.map(|b| b.to_string()).unwrap_or_default();
                            let m = Message::new(ExplanationId::VSubnetIpv6)
                                .arg("value", v6.as_str())
                                .arg("vpc", self.ix.name(vpc_id))
                                .arg("expected", expected);
                            self.emit(Error, &here, "ipv6_cidr", m);
                        }
                    }
                }
                self.report_overlaps(&here, overlaps.get(&(i, true)), "ipv6_cidr", v6);
            }
            if let Some(rt) = &s.route_table {
                let exists = self.ix.route_table(rt.as_str()).is_some();
                if self.optional_ref(&here, "route_table", rt.as_str(), exists, Expected::RouteTable) {
                    self.same_vpc(
                        &here,
                        "route_table",
                        vpc_id,
                        rt.as_str(),
                        self.ix.table_vpc(rt.as_str()),
                    );
                }
            }
            if let Some(nacl) = &s.nacl {
                let exists = self.ix.nacl(nacl.as_str()).is_some();
                if self.optional_ref(&here, "nacl", nacl.as_str(), exists, Expected::Nacl) {
                    self.same_vpc(&here, "nacl", vpc_id, nacl.as_str(), self.ix.nacl_vpc(nacl.as_str()));
                }
            }
        }
    }

    /// An Availability Zone is needed for the AZ checks, and must belong to the Region.
    fn subnet_az(&mut self, here: &Here<'_>, s: &Subnet) {
        let region = self.doc.region.trim();
        if s.az.trim().is_empty() {
            let m = Message::new(ExplanationId::VSubnetAz)
                .arg("az", &s.az)
                .arg("expected", region);
            self.emit(Warning, here, "az", m);
        } else if !region.is_empty() && !s.az.starts_with(region) {
            let m = Message::new(ExplanationId::VSubnetAz)
                .arg("az", &s.az)
                .arg("expected", region);
            self.emit(Error, here, "az", m);
        }
    }

    /// Overlapping subnets of each VPC, keyed by (the later subnet's position, IPv6?), with
    /// the earlier subnet's position: each pair is reported once, on the later subnet.
    fn subnet_overlaps(&self) -> HashMap<(usize, bool), Vec<usize>> {
        // Per (VPC, IPv6?): the blocks and the position of the subnet each came from.
        type Blocks = (Vec<IpNet>, Vec<usize>);
        let mut per_vpc: HashMap<(&str, bool), Blocks> = HashMap::default();
        for (i, s) in self.doc.subnets.iter().enumerate() {
            if self.ix.vpc_exists(s.vpc.as_str()).is_none() {
                continue;
            }
            let blocks = [(false, Some(&s.cidr)), (true, s.ipv6_cidr.as_ref())];
            for (v6, text) in blocks {
                let Some(Ok(net)) = text.map(|t| t.parse()) else {
                    continue;
                };
                if matches!(net, IpNet::V6(_)) == v6 {
                    let entry = per_vpc.entry((s.vpc.as_str(), v6)).or_default();
                    entry.0.push(net);
                    entry.1.push(i);
                }
            }
        }
        let mut out: HashMap<(usize, bool), Vec<usize>> = HashMap::default();
        for ((_, v6), (nets, positions)) in per_vpc {
            for (a, b) in overlapping_pairs(&nets) {
                out.entry((positions[b], v6)).or_default().push(positions[a]);
            }
        }
        out
    }

    fn report_overlaps(
        &mut self,
        here: &Here<'_>,
        others: Option<&Vec<usize>>,
        field: &str,
        text: &crate::model::CidrText,
    ) {
        let doc = self.doc;
        for &j in others.into_iter().flatten() {
            let other = &doc.subnets[j];
            let m = Message::new(ExplanationId::VSubnetsOverlap)
                .arg("value", text.as_str())
                .arg("other", self.ix.name(other.id.as_str()))
                .arg("vpc", self.ix.name(other.vpc.as_str()));
            self.emit(Error, here, field, m);
        }
    }

    pub(super) fn internet_gateways(&mut self) {
        let doc = self.doc;
        // Per VPC: the position of the first gateway attached to it, and how many are.
        let mut attached: HashMap<&str, (usize, usize)> = HashMap::default();
        for (i, g) in doc.internet_gateways.iter().enumerate() {
            if let Some(vpc) = g.vpc.as_ref().and_then(|v| self.ix.vpc_exists(v.as_str())) {
                attached.entry(vpc).or_insert((i, 0)).1 += 1;
            }
        }
        for (i, g) in doc.internet_gateways.iter().enumerate() {
            let here = self.component(ComponentKind::InternetGateway, i, g.id.as_str(), &g.name);
            let Some(vpc) = &g.vpc else { continue };
            let exists = self.ix.vpc_exists(vpc.as_str()).is_some();
            if !self.optional_ref(&here, "vpc", vpc.as_str(), exists, Expected::Vpc) {
                continue;
            }
            let (first, count) = attached[vpc.as_str()];
            if first != i {
                let kept = &doc.internet_gateways[first];
                let kept = if kept.name.is_empty() {
                    kept.id.as_str()
                } else {
                    kept.name.as_str()
                };
                let m = Message::new(ExplanationId::VMultipleIgws)
                    .arg("vpc", self.ix.name(vpc.as_str()))
                    .arg("igw", kept)
                    .arg("other", kept)
                    .arg("count", count)
                    .arg("limit", 1);
                self.emit(Error, &here, "vpc", m);
            }
        }
    }

    pub(super) fn egress_only_gateways(&mut self) {
        let doc = self.doc;
        for (i, g) in doc.egress_only_gateways.iter().enumerate() {
            let here = self.component(ComponentKind::EgressOnlyGateway, i, g.id.as_str(), &g.name);
            if let Some(vpc) = &g.vpc {
                let exists = self.ix.vpc_exists(vpc.as_str()).is_some();
                self.optional_ref(&here, "vpc", vpc.as_str(), exists, Expected::Vpc);
            }
        }
    }

    pub(super) fn nat_gateways(&mut self) {
        let doc = self.doc;
        for (i, n) in doc.nat_gateways.iter().enumerate() {
            let here = self.component(ComponentKind::NatGateway, i, n.id.as_str(), &n.name);
            let exists = self.ix.subnet(n.subnet.as_str()).is_some();
            self.required_ref(&here, "subnet", n.subnet.as_str(), exists, Expected::Subnet);
            if n.connectivity == Connectivity::Public && !n.elastic_ip {
                let m = Message::new(ExplanationId::G3NatWithoutEip).arg("nat_subnet", self.ix.name(n.subnet.as_str()));
                self.emit(Error, &here, "elastic_ip", m);
            }
        }
    }

    pub(super) fn peering_connections(&mut self) {
        let doc = self.doc;
        // The first peering connection seen for each pair of VPCs (in either direction).
        let mut pairs: HashMap<(&str, &str), &str> = HashMap::default();
        for (i, p) in doc.peering_connections.iter().enumerate() {
            let here = self.component(ComponentKind::PeeringConnection, i, p.id.as_str(), &p.name);
            let (a, b) = (p.requester_vpc.as_str(), p.accepter_vpc.as_str());
            let a_ok = self.ix.vpc_exists(a).is_some();
            let a_ok = self.required_ref(&here, "requester_vpc", a, a_ok, Expected::Vpc);
            let b_ok = self.ix.vpc_exists(b).is_some();
            let b_ok = self.required_ref(&here, "accepter_vpc", b, b_ok, Expected::Vpc);
            if !(a_ok && b_ok) {
                continue;
            }
            if a == b {
                let m = Message::new(ExplanationId::VPeeringSameVpc).arg("vpc", self.ix.name(a));
                self.emit(Error, &here, "accepter_vpc", m);
                continue;
            }
            let pair = if a < b { (a, b) } else { (b, a) };
            if let Some(first) = pairs.get(&pair).copied() {
                let m = Message::new(ExplanationId::VPeeringDuplicate)
                    .arg("vpc", self.ix.name(a))
                    .arg("other_vpc", self.ix.name(b))
                    .arg("other", self.ix.name(first));
                self.emit(Error, &here, "accepter_vpc", m);
                continue;
            }
            pairs.insert(pair, p.id.as_str());
            if let Some((mine, theirs)) = self.first_overlap(a, b) {
                let m = Message::new(ExplanationId::VPeeringOverlap)
                    .arg("vpc", self.ix.name(a))
                    .arg("other_vpc", self.ix.name(b))
                    .arg("value", theirs)
                    .arg("other", mine);
                self.emit(Error, &here, "accepter_vpc", m);
            }
        }
    }

    /// The first overlapping pair of blocks (one of `a`, one of `b`), same family.
    fn first_overlap(&self, a: &str, b: &str) -> Option<(IpNet, IpNet)> {
        let (na, nb) = (self.ix.nets.get(a)?, self.ix.nets.get(b)?);
        let tagged: Vec<(IpNet, bool)> = na
            .all()
            .map(|n| (*n, false))
            .chain(nb.all().map(|n| (*n, true)))
            .collect();
        for v6 in [false, true] {
            let same: Vec<&(IpNet, bool)> = tagged.iter().filter(|(n, _)| matches!(n, IpNet::V6(_)) == v6).collect();
            let nets: Vec<IpNet> = same.iter().map(|(n, _)| *n).collect();
            for (x, y) in overlapping_pairs(&nets) {
                if same[x].1 != same[y].1 {
                    let (mine, theirs) = if same[x].1 {
                        (same[y].0, same[x].0)
                    } else {
                        (same[x].0, same[y].0)
                    };
                    return Some((mine, theirs));
                }
            }
        }
        None
    }
}
