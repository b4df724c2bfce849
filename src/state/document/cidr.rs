//! Defaults for new components: the next free CIDR block of a VPC or subnet, and the
//! Availability Zone a new subnet goes in.

use super::*;

fn parse_v4(text: &CidrText) -> Option<Ipv4Net> {
    match parse_cidr(text.as_str()) {
        Ok(IpNet::V4(n)) => Some(n),
        _ => None,
    }
}

pub(super) fn nets_overlap(a: &IpNet, b: &IpNet) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

/// The first free block for a new subnet of `vpc`: a /24 in a /16 (smaller VPCs get
/// proportionally smaller subnets, never below /28).
pub fn next_subnet_cidr(doc: &Document, vpc: &Vpc) -> Option<String> {
    let taken: Vec<IpNet> = doc
        .subnets
        .iter()
        .filter(|s| s.vpc == vpc.id)
        .filter_map(|s| parse_cidr(s.cidr.as_str()).ok())
        .collect();
    let blocks = std::iter::once(&vpc.cidr)
        .chain(vpc.secondary_cidrs.iter())
        .filter_map(parse_v4);
    for block in blocks {
        let prefix = if block.prefix_len() <= 20 {
            24
        } else {
            (block.prefix_len() + 4).min(28)
        };
        let Ok(candidates) = block.subnets(prefix) else {
            continue;
        };
        for cand in candidates.take(4096) {
            let cand = IpNet::V4(cand);
            if !taken.iter().any(|t| nets_overlap(t, &cand)) {
                return Some(cand.to_string());
            }
        }
    }
    None
}

/// A free `10.N.0.0/16` for a new VPC.
pub fn next_vpc_cidr(doc: &Document) -> String {
    let taken: Vec<IpNet> = doc
        .vpcs
        .iter()
        .filter_map(|v| parse_cidr(v.cidr.as_str()).ok())
        .collect();
    (0..=255u8)
        .map(|n| format!("10.{n}.0.0/16"))
        .find(|c| {
            let net: IpNet = c.parse().expect("a literal CIDR");
            !taken.iter().any(|t| nets_overlap(t, &net))
        })
        .unwrap_or_else(|| "172.16.0.0/16".to_owned())
}

/// The Availability Zone among the Region's first three with the fewest subnets of `vpc`.
pub fn next_az(doc: &Document, vpc: &str) -> String {
    let region = if doc.region.is_empty() {
        "us-east-1"
    } else {
        doc.region.as_str()
    };
    ["a", "b", "c"]
        .iter()
        .map(|l| format!("{region}{l}"))
        .min_by_key(|az| {
            doc.subnets
                .iter()
                .filter(|s| s.vpc.as_str() == vpc && &s.az == az)
                .count()
        })
        .expect("three zones")
}
