//! The monthly cost of a design's networking: line items, their total, and what an
//! alternative (a gateway or interface endpoint instead of NAT) would change.
//!
//! Pure arithmetic over the document and its analysis: which components exist (NAT
//! gateways, public addresses, interface endpoints and their AZs) and which path each
//! flow really takes (the verdicts' traces). Traffic is an assumption the design carries
//! ([`Document::traffic`]): GB per month that each function exchanges with a destination.
//!
//! Prices: us-east-1, list, on-demand, US dollars, from `shared/domain/aws-rules.md` §11,
//! which took them from the AWS VPC pricing page and the AWS Price List API (read on
//! [`PRICES_DATE`]) and the PrivateLink pricing page ([`PRICE_SOURCES`]). Where the
//! companion page "Nat Gateway vs VPC Endpoint" is imprecise (aws-rules.md §12.3) this
//! module follows the correction: interface endpoints are charged per endpoint *per AZ*,
//! gateway endpoints are free, and a NAT gateway also costs its public IPv4 address,
//! cross-AZ transfer and data transfer out.

use crate::model::{AwsService, Connectivity, Document, EndpointKind};
use crate::reach::{Destination, HopKind, Source};
use crate::Analysis;

/// AWS list prices: us-east-1, on-demand, in US dollars.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Prices {
    /// NAT gateway, per hour (a partial hour is billed as a full one).
    pub nat_gateway_hour: f64,
    /// NAT gateway, per GB processed (either direction, any destination).
    pub nat_gateway_gb: f64,
    /// A public IPv4 address (a NAT gateway's Elastic IP, an instance's, a public
    /// database's), per hour, in use or idle.
    pub public_ipv4_hour: f64,
    /// Interface endpoint, per endpoint per Availability Zone per hour.
    pub interface_endpoint_az_hour: f64,
    /// Interface endpoint, per GB processed (the first PB per month in the Region).
    pub interface_endpoint_gb: f64,
    /// Gateway endpoint (S3, DynamoDB): no hourly and no processing charge.
    pub gateway_endpoint_gb: f64,
    /// Traffic between Availability Zones, per GB crossing: $0.01 out of one AZ plus $0.01
    /// into the other (§11 has this from secondary sources only).
    pub cross_az_gb: f64,
    /// Data transfer out to the internet, per GB (first 10 TB per month).
    pub internet_out_gb: f64,
}

/// The prices of [`Prices`], as of [`PRICES_DATE`].
pub const PRICES: Prices = Prices {
    nat_gateway_hour: 0.045,
    nat_gateway_gb: 0.045,
    public_ipv4_hour: 0.005,
    interface_endpoint_az_hour: 0.01,
    interface_endpoint_gb: 0.01,
    gateway_endpoint_gb: 0.0,
    cross_az_gb: 0.02,
    internet_out_gb: 0.09,
};

/// When the prices were read.
pub const PRICES_DATE: &str = "2026-09-28";

/// Where the prices come from.
pub const PRICE_SOURCES: [&str; 2] = [
    "https://aws.amazon.com/vpc/pricing/",
    "https://aws.amazon.com/privatelink/pricing/",
];

/// Hours in the month AWS pricing examples use.
pub const HOURS_PER_MONTH: f64 = 730.0;

/// GB per month per function and destination when the design does not say.
pub const DEFAULT_GB_PER_MONTH: u32 = 100;

/// The GB per month each function exchanges with destination `key` (`internet`, `s3` …).
pub fn gb_per_month(doc: &Document, key: &str) -> u32 {
    doc.traffic.get(key).copied().unwrap_or(DEFAULT_GB_PER_MONTH)
}

/// What a line charges for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum LineKind {
    /// A NAT gateway's hours; `component` is the NAT gateway.
    NatHours,
    /// A public IPv4 address's hours; `component` holds it.
    PublicIpv4,
    /// An interface endpoint's hours in each of its AZs; `count` is the AZs.
    InterfaceHours,
    /// GB processed by a NAT gateway.
    NatData,
    /// GB processed by an interface endpoint.
    InterfaceData,
    /// GB through a gateway endpoint: free, listed so the comparison shows.
    GatewayEndpoint,
    /// GB that functions send to a NAT gateway in another AZ; `component` is the NAT gateway.
    CrossAz,
    /// GB to the internet, counted as leaving AWS; `component` is empty.
    InternetOut,
}

/// One line of the estimate: `quantity` (hours or GB) × `unit_price` = `amount`, per month.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub kind: LineKind,
    /// The component charged (a NAT gateway, an endpoint, whatever holds the address).
    pub component: String,
    /// How many of it: AZs of an interface endpoint, else 1.
    pub count: u32,
    pub quantity: f64,
    pub unit_price: f64,
    pub amount: f64,
}

/// An alternative to the design as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AlternativeKind {
    /// A gateway endpoint for S3 or DynamoDB instead of sending that traffic through NAT.
    GatewayEndpoint,
    /// An interface endpoint (one ENI per AZ the functions use) instead of NAT.
    InterfaceEndpoint,
    /// A free gateway endpoint instead of an interface endpoint for S3 or DynamoDB.
    GatewayInsteadOfInterface,
}

/// What an alternative would change, per month, at the assumed traffic.
#[derive(Clone, Debug, PartialEq)]
pub struct Alternative {
    pub kind: AlternativeKind,
    pub service: AwsService,
    /// The VPC (for [`AlternativeKind::GatewayInsteadOfInterface`], the endpoint replaced).
    pub component: String,
    /// The GB per month concerned.
    pub gb: f64,
    /// AZs an interface endpoint would need (or has).
    pub azs: u32,
    /// What this traffic costs now, and would cost with the alternative.
    pub now: f64,
    pub then: f64,
}

impl Alternative {
    /// Positive: the alternative is cheaper by this much per month.
    pub fn saving(&self) -> f64 {
        self.now - self.then
    }

    /// For an interface endpoint instead of NAT: the GB per month above which the endpoint
    /// is the cheaper of the two (its hourly charge per AZ against the processing it saves,
    /// cross-AZ transfer included in the same proportion as now). `None` for the others, or
    /// without traffic to scale from.
    pub fn break_even_gb(&self) -> Option<f64> {
        if self.kind != AlternativeKind::InterfaceEndpoint || self.gb <= 0.0 {
            return None;
        }
        let fixed = self.then - self.gb * PRICES.interface_endpoint_gb;
        let saved_per_gb = self.now / self.gb - PRICES.interface_endpoint_gb;
        (saved_per_gb > 0.0).then(|| fixed / saved_per_gb)
    }
}

/// The monthly estimate.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Estimate {
    /// By kind, each kind in document order (data lines: in the order paths first use them).
    pub lines: Vec<Line>,
    pub total: f64,
    /// Largest saving first.
    pub alternatives: Vec<Alternative>,
}

/// Dollars with cents, formatted with integers (float formatting would add ~10 KB to the
/// browser download): `$32.85`, `-$2.50`.
pub fn money(x: f64) -> String {
    let cents = (x.abs() * 100.0).round() as u64;
    let sign = if x < 0.0 && cents > 0 { "-" } else { "" };
    format!("{sign}${}.{:02}", cents / 100, cents % 100)
}

/// `x` with one decimal (`1.5`, `12.0`, `-0.3`), rounded half away from zero. Written out
/// because `{:.1}` pulls the exact float formatter (about 6 KB) into the web app's download.
pub fn one_decimal(x: f64) -> String {
    let tenths = (x.abs() * 10.0).round() as u64;
    let sign = if x < 0.0 && tenths > 0 { "-" } else { "" };
    format!("{sign}{}.{}", tenths / 10, tenths % 10)
}

/// A unit price with two or three decimals: `$0.045`, `$0.01`.
pub fn rate(x: f64) -> String {
    let mills = (x * 1000.0).round() as u64;
    if mills.is_multiple_of(10) {
        format!("${}.{:02}", mills / 1000, (mills % 1000) / 10)
    } else {
        format!("${}.{:03}", mills / 1000, mills % 1000)
    }
}

/// Inserts `a` after every alternative that saves at least as much: largest saving first,
/// ties in the order found (a handful of items; no sort code in the download).
fn insert_by_saving(list: &mut Vec<Alternative>, a: Alternative) {
    let at = list.iter().position(|x| x.saving() < a.saving()).unwrap_or(list.len());
    list.insert(at, a);
}

/// The value for `k` in a list of pairs, inserted as `V::default()` when absent.
fn slot<K: PartialEq, V: Default>(map: &mut Vec<(K, V)>, k: K) -> &mut V {
    let i = match map.iter().position(|(key, _)| *key == k) {
        Some(i) => i,
        None => {
            map.push((k, V::default()));
            map.len() - 1
        }
    };
    &mut map[i].1
}

fn subnet_az<'d>(doc: &'d Document, id: &str) -> Option<&'d str> {
    doc.subnets
        .iter()
        .find(|s| s.id.as_str() == id)
        .map(|s| s.az.as_str())
        .filter(|az| !az.is_empty())
}

/// Traffic through NAT to one service from one VPC.
#[derive(Default)]
struct ViaNat {
    gb: f64,
    cross_az_gb: f64,
    azs: Vec<String>,
}

/// The monthly estimate of `doc`'s networking, given its analysis.
pub fn estimate(doc: &Document, analysis: &Analysis) -> Estimate {
    let p = PRICES;
    let mut lines = Vec::new();
    let hours = |kind, component: &str, count: u32, unit: f64| Line {
        kind,
        component: component.to_owned(),
        count,
        quantity: HOURS_PER_MONTH * f64::from(count),
        unit_price: unit,
        amount: HOURS_PER_MONTH * f64::from(count) * unit,
    };
    // Lines are pushed in `LineKind` order, each kind in document (or path) order: no sort,
    // whose code would cost the download more than this whole module.
    for nat in &doc.nat_gateways {
        lines.push(hours(LineKind::NatHours, nat.id.as_str(), 1, p.nat_gateway_hour));
    }
    for nat in &doc.nat_gateways {
        if nat.connectivity == Connectivity::Public && nat.elastic_ip {
            lines.push(hours(LineKind::PublicIpv4, nat.id.as_str(), 1, p.public_ipv4_hour));
        }
    }
    for i in doc.instances.iter().filter(|i| i.public_ip) {
        lines.push(hours(LineKind::PublicIpv4, i.id.as_str(), 1, p.public_ipv4_hour));
    }
    for d in doc.databases.iter().filter(|d| d.publicly_accessible) {
        lines.push(hours(LineKind::PublicIpv4, d.id.as_str(), 1, p.public_ipv4_hour));
    }
    // AZs of each interface endpoint, for its hours and for the alternatives.
    let mut endpoint_azs: Vec<(&str, (AwsService, Vec<&str>))> = Vec::new();
    for e in &doc.endpoints {
        if let EndpointKind::Interface { subnets, .. } = &e.kind {
            let mut azs: Vec<&str> = subnets.iter().filter_map(|s| subnet_az(doc, s.as_str())).collect();
            azs.sort_unstable();
            azs.dedup();
            if !azs.is_empty() {
                lines.push(hours(
                    LineKind::InterfaceHours,
                    e.id.as_str(),
                    azs.len() as u32,
                    p.interface_endpoint_az_hour,
                ));
            }
            endpoint_azs.push((e.id.as_str(), (e.service, azs)));
        }
    }

    // Data: each function's traffic to a destination, split evenly over its subnets (Lambda
    // spreads invocations over them); only delivered traces carry any.
    let mut nat_gb: Vec<(&str, f64)> = Vec::new();
    let mut cross_gb: Vec<(&str, f64)> = Vec::new();
    let mut interface_gb: Vec<(&str, f64)> = Vec::new();
    let mut gateway_gb: Vec<(&str, f64)> = Vec::new();
    let mut internet_gb = 0.0;
    let mut via_nat: Vec<((&str, AwsService), ViaNat)> = Vec::new();
    for v in &analysis.verdicts {
        if !matches!(v.from, Source::Function(_)) {
            continue;
        }
        let internet = matches!(v.to, Destination::Internet | Destination::InternetIpv6);
        let service = match v.to {
            Destination::Service(s) => Some(s),
            _ if internet => None,
            _ => continue,
        };
        let gb = f64::from(gb_per_month(doc, v.to.key()));
        if gb == 0.0 || v.traces.is_empty() {
            continue;
        }
        let share = gb / v.traces.len() as f64;
        for t in v.traces.iter().filter(|t| t.disposition.is_success()) {
            if internet {
                internet_gb += share;
            }
            for hop in &t.hops {
                let id = hop.component.as_str();
                match hop.kind {
                    HopKind::NatGateway => {
                        *slot(&mut nat_gb, id) += share;
                        let nat_az = doc
                            .nat_gateways
                            .iter()
                            .find(|n| n.id.as_str() == id)
                            .and_then(|n| subnet_az(doc, n.subnet.as_str()));
                        let crosses = matches!((nat_az, t.az.as_deref()), (Some(a), Some(b)) if a != b);
                        if crosses {
                            *slot(&mut cross_gb, id) += share;
                        }
                        let vpc = t
                            .subnet
                            .as_ref()
                            .and_then(|s| doc.subnets.iter().find(|x| x.id == *s))
                            .map(|s| s.vpc.as_str());
                        if let (Some(service), Some(vpc)) = (service, vpc) {
                            let entry = slot(&mut via_nat, (vpc, service));
                            entry.gb += share;
                            if crosses {
                                entry.cross_az_gb += share;
                            }
                            if let Some(az) = &t.az {
                                if !entry.azs.contains(az) {
                                    entry.azs.push(az.clone());
                                }
                            }
                        }
                    }
                    HopKind::InterfaceEndpoint => *slot(&mut interface_gb, id) += share,
                    HopKind::GatewayEndpoint => *slot(&mut gateway_gb, id) += share,
                    _ => {}
                }
            }
        }
    }
    let data = |kind, component: &str, gb: f64, unit: f64| Line {
        kind,
        component: component.to_owned(),
        count: 1,
        quantity: gb,
        unit_price: unit,
        amount: gb * unit,
    };
    for (id, gb) in &nat_gb {
        lines.push(data(LineKind::NatData, id, *gb, p.nat_gateway_gb));
    }
    for (id, gb) in &interface_gb {
        lines.push(data(LineKind::InterfaceData, id, *gb, p.interface_endpoint_gb));
    }
    for (id, gb) in &gateway_gb {
        lines.push(data(LineKind::GatewayEndpoint, id, *gb, p.gateway_endpoint_gb));
    }
    for (id, gb) in &cross_gb {
        lines.push(data(LineKind::CrossAz, id, *gb, p.cross_az_gb));
    }
    if internet_gb > 0.0 {
        lines.push(data(LineKind::InternetOut, "", internet_gb, p.internet_out_gb));
    }
    let total = lines.iter().map(|l| l.amount).sum();

    let mut alternatives = Vec::new();
    for ((vpc, service), n) in via_nat {
        let now = n.gb * p.nat_gateway_gb + n.cross_az_gb * p.cross_az_gb;
        let (kind, azs, then) = if service.info().gateway_endpoint {
            (AlternativeKind::GatewayEndpoint, 0, n.gb * p.gateway_endpoint_gb)
        } else {
            let azs = n.azs.len().max(1) as u32;
            let then = f64::from(azs) * HOURS_PER_MONTH * p.interface_endpoint_az_hour + n.gb * p.interface_endpoint_gb;
            (AlternativeKind::InterfaceEndpoint, azs, then)
        };
        insert_by_saving(
            &mut alternatives,
            Alternative {
                kind,
                service,
                component: vpc.to_owned(),
                gb: n.gb,
                azs,
                now,
                then,
            },
        );
    }
    for (id, (service, azs)) in endpoint_azs {
        if !service.info().gateway_endpoint || azs.is_empty() {
            continue;
        }
        let gb = interface_gb.iter().find(|(e, _)| *e == id).map_or(0.0, |(_, gb)| *gb);
        let n = azs.len() as u32;
        insert_by_saving(
            &mut alternatives,
            Alternative {
                kind: AlternativeKind::GatewayInsteadOfInterface,
                service,
                component: id.to_owned(),
                gb,
                azs: n,
                now: f64::from(n) * HOURS_PER_MONTH * p.interface_endpoint_az_hour + gb * p.interface_endpoint_gb,
                then: gb * p.gateway_endpoint_gb,
            },
        );
    }
    Estimate {
        lines,
        total,
        alternatives,
    }
}

#[cfg(test)]
mod tests {
    use super::{money, one_decimal, rate};

    #[test]
    fn one_decimal_rounds_half_away_from_zero() {
        for (x, text) in [
            (0.0, "0.0"),
            (1.25, "1.3"),
            (12.0, "12.0"),
            (0.04, "0.0"),
            (-0.26, "-0.3"),
            (-0.04, "0.0"),
            (1023.96, "1024.0"),
        ] {
            assert_eq!(one_decimal(x), text, "{x}");
        }
    }

    #[test]
    fn money_rounds_to_cents_without_float_formatting() {
        assert_eq!(money(32.85), "$32.85");
        assert_eq!(money(4.5), "$4.50");
        assert_eq!(money(0.004), "$0.00");
        assert_eq!(money(1234.567), "$1234.57");
        assert_eq!(money(-2.5), "-$2.50");
    }

    #[test]
    fn rates_keep_their_third_decimal_only_when_they_have_one() {
        assert_eq!(rate(0.045), "$0.045");
        assert_eq!(rate(0.005), "$0.005");
        assert_eq!(rate(0.01), "$0.01");
        assert_eq!(rate(0.09), "$0.09");
        assert_eq!(rate(0.0), "$0.00");
    }
}
