//! Text typed into the inspector's fields: validated (CIDRs as EC2 reads them, port lists)
//! before it reaches the document, and the text a field shows without a draft.

use super::*;

fn cidr_error(doc: &Document, id: &str, field: &str, text: &str, err: CidrError) -> Message {
    let base = |mid| {
        Message::new(mid)
            .arg("component", doc.display_name(id))
            .arg("field", field)
            .arg("value", text)
    };
    match err {
        CidrError::Empty | CidrError::Malformed => base(ExplanationId::VCidrMalformed),
        // Not refused (rule I1: EC2 keeps the network address); kept for completeness.
        CidrError::HostBitsSet { suggestion } => base(ExplanationId::I1CidrHostBits).arg("expected", suggestion),
    }
}

/// A typed CIDR, read as EC2 reads it: host bits set are accepted, kept as typed, and the
/// validator's info (I1) says which network AWS stores.
fn parse_field(doc: &Document, id: &str, field: &str, text: &str) -> Result<IpNet, Refused> {
    parse_stored_cidr(text).map_err(|e| Refused::Invalid(cidr_error(doc, id, field, text, e)))
}

pub(super) fn set_text(doc: &mut Document, key: &TextKey, text: &str) -> Result<(), Refused> {
    let id = key.id.as_str();
    let trimmed = text.trim();
    match &key.field {
        TextField::Cidr => {
            let net = parse_field(doc, id, "cidr", trimmed)?;
            let IpNet::V4(v4) = net else {
                return Err(Refused::Invalid(cidr_error(
                    doc,
                    id,
                    "cidr",
                    trimmed,
                    CidrError::Malformed,
                )));
            };
            let size_error = || {
                Refused::Invalid(
                    Message::new(ExplanationId::VSubnetSize)
                        .arg("component", doc.display_name(id))
                        .arg("subnet", doc.display_name(id))
                        .arg("value", trimmed)
                        .arg("field", "cidr"),
                )
            };
            if !(16..=28).contains(&v4.prefix_len()) {
                return Err(size_error());
            }
            if let Some(v) = doc.vpcs.iter_mut().find(|v| v.id.as_str() == id) {
                v.cidr = trimmed.into();
                return Ok(());
            }
            let s = subnet(doc, id).cloned().ok_or(Refused::NoChange)?;
            let vpc = doc.vpcs.iter().find(|v| v.id == s.vpc);
            if let Some(vpc) = vpc {
                let blocks: Vec<IpNet> = std::iter::once(&vpc.cidr)
                    .chain(vpc.secondary_cidrs.iter())
                    .filter_map(|c| parse_cidr(c.as_str()).ok())
                    .collect();
                if !blocks.is_empty() && !blocks.iter().any(|b| b.contains(&net)) {
                    return Err(Refused::Invalid(
                        Message::new(ExplanationId::VSubnetOutsideVpc)
                            .arg("component", doc.display_name(id))
                            .arg("subnet", doc.display_name(id))
                            .arg("value", trimmed)
                            .arg("vpc", doc.display_name(vpc.id.as_str()))
                            .arg("expected", vpc.cidr.as_str())
                            .arg("field", "cidr"),
                    ));
                }
            }
            let clash = doc
                .subnets
                .iter()
                .filter(|o| o.vpc == s.vpc && o.id != s.id)
                .find(|o| parse_cidr(o.cidr.as_str()).is_ok_and(|n| nets_overlap(&n, &net)));
            if let Some(o) = clash {
                return Err(Refused::Invalid(
                    Message::new(ExplanationId::VSubnetsOverlap)
                        .arg("component", doc.display_name(id))
                        .arg("subnet", doc.display_name(id))
                        .arg("other", doc.display_name(o.id.as_str()))
                        .arg("vpc", doc.display_name(s.vpc.as_str()))
                        .arg("value", trimmed)
                        .arg("field", "cidr"),
                ));
            }
            let s = doc
                .subnets
                .iter_mut()
                .find(|x| x.id.as_str() == id)
                .expect("found above");
            s.cidr = trimmed.into();
            Ok(())
        }
        TextField::Ipv6Cidr => {
            let value = if trimmed.is_empty() {
                None
            } else {
                let net = parse_field(doc, id, "ipv6_cidr", trimmed)?;
                if !matches!(net, IpNet::V6(_)) {
                    return Err(Refused::Invalid(cidr_error(
                        doc,
                        id,
                        "ipv6_cidr",
                        trimmed,
                        CidrError::Malformed,
                    )));
                }
                if let Some(s) = subnet(doc, id) {
                    let vpc6 = doc
                        .vpcs
                        .iter()
                        .find(|v| v.id == s.vpc)
                        .and_then(|v| v.ipv6_cidr.as_ref())
                        .and_then(|c| parse_cidr(c.as_str()).ok());
                    let inside = vpc6.is_some_and(|v| v.contains(&net));
                    if !inside || net.prefix_len() != 64 {
                        return Err(Refused::Invalid(
                            Message::new(ExplanationId::VSubnetIpv6)
                                .arg("component", doc.display_name(id))
                                .arg("subnet", doc.display_name(id))
                                .arg("vpc", doc.display_name(s.vpc.as_str()))
                                .arg("value", trimmed)
                                .arg("field", "ipv6_cidr"),
                        ));
                    }
                }
                Some(CidrText::from(trimmed))
            };
            if let Some(v) = doc.vpcs.iter_mut().find(|v| v.id.as_str() == id) {
                v.ipv6_cidr = value;
            } else if let Some(s) = doc.subnets.iter_mut().find(|x| x.id.as_str() == id) {
                s.ipv6_cidr = value;
            } else {
                return Err(Refused::NoChange);
            }
            Ok(())
        }
        TextField::RouteDestination(i) => {
            let field = format!("routes[{i}].destination");
            parse_field(doc, id, &field, trimmed)?;
            let t = topology::table(doc, id).ok_or(Refused::NoChange)?;
            let dup =
                t.routes.iter().enumerate().any(|(j, r)| {
                    j != *i && matches!(&r.destination, RouteDestination::Cidr(c) if c.as_str() == trimmed)
                });
            if dup {
                return Err(Refused::Invalid(
                    Message::new(ExplanationId::VDuplicateRoute)
                        .arg("component", doc.display_name(id))
                        .arg("route_table", doc.display_name(id))
                        .arg("destination", trimmed)
                        .arg("value", trimmed)
                        .arg("field", field),
                ));
            }
            let t = table_mut(doc, id)?;
            t.routes.get_mut(*i).ok_or(Refused::NoChange)?.destination = RouteDestination::Cidr(trimmed.into());
            Ok(())
        }
        TextField::SgRuleCidr { inbound, index } => {
            let field = format!("{}[{index}].peer", if *inbound { "inbound" } else { "outbound" });
            parse_field(doc, id, &field, trimmed)?;
            let g = doc
                .security_groups
                .iter_mut()
                .find(|g| g.id.as_str() == id)
                .ok_or(Refused::NoChange)?;
            let rules = if *inbound { &mut g.inbound } else { &mut g.outbound };
            rules.get_mut(*index).ok_or(Refused::NoChange)?.peer = SgPeer::Cidr(trimmed.into());
            Ok(())
        }
        TextField::NaclRuleCidr { inbound, index } => {
            let field = format!("{}[{index}].cidr", if *inbound { "inbound" } else { "outbound" });
            parse_field(doc, id, &field, trimmed)?;
            let n = doc
                .network_acls
                .iter_mut()
                .find(|n| n.id.as_str() == id)
                .ok_or(Refused::NoChange)?;
            let rules = if *inbound { &mut n.inbound } else { &mut n.outbound };
            rules.get_mut(*index).ok_or(Refused::NoChange)?.cidr = trimmed.into();
            Ok(())
        }
        TextField::StorePorts => {
            let ports = parse_ports(trimmed).map_err(|bad| {
                Refused::Invalid(
                    Message::new(ExplanationId::VStorePort)
                        .arg("component", doc.display_name(id))
                        .arg("field", "ports")
                        .arg("value", bad),
                )
            })?;
            let store = doc
                .data_stores
                .iter_mut()
                .find(|d| d.id.as_str() == id)
                .ok_or(Refused::NoChange)?;
            store.ports = ports;
            Ok(())
        }
    }
}

/// Ports typed as `2049`, `6379, 6380` or `9094 9098`: each from 1 to 65535, each once, in
/// the order typed; empty pieces (a trailing comma while typing) are skipped. `Err` holds
/// the first piece that is not a port.
pub fn parse_ports(text: &str) -> Result<Vec<u16>, String> {
    let mut out: Vec<u16> = Vec::new();
    for piece in text
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
    {
        match piece.parse::<u16>() {
            Ok(p) if p > 0 => {
                if !out.contains(&p) {
                    out.push(p);
                }
            }
            _ => return Err(piece.to_owned()),
        }
    }
    Ok(out)
}

/// The text a field holds in the document (what the inspector shows without a draft).
pub fn text_value(doc: &Document, key: &TextKey) -> String {
    let id = key.id.as_str();
    match &key.field {
        TextField::Cidr => doc
            .vpcs
            .iter()
            .find(|v| v.id.as_str() == id)
            .map(|v| v.cidr.0.clone())
            .or_else(|| subnet(doc, id).map(|s| s.cidr.0.clone()))
            .unwrap_or_default(),
        TextField::Ipv6Cidr => doc
            .vpcs
            .iter()
            .find(|v| v.id.as_str() == id)
            .map(|v| v.ipv6_cidr.clone())
            .or_else(|| subnet(doc, id).map(|s| s.ipv6_cidr.clone()))
            .flatten()
            .map(|c| c.0)
            .unwrap_or_default(),
        TextField::RouteDestination(i) => topology::table(doc, id)
            .and_then(|t| t.routes.get(*i))
            .map(|r| topology::destination_text(&r.destination))
            .unwrap_or_default(),
        TextField::SgRuleCidr { inbound, index } => doc
            .security_groups
            .iter()
            .find(|g| g.id.as_str() == id)
            .and_then(|g| {
                if *inbound {
                    g.inbound.get(*index)
                } else {
                    g.outbound.get(*index)
                }
            })
            .and_then(|r| match &r.peer {
                SgPeer::Cidr(c) => Some(c.0.clone()),
                _ => None,
            })
            .unwrap_or_default(),
        TextField::NaclRuleCidr { inbound, index } => doc
            .network_acls
            .iter()
            .find(|n| n.id.as_str() == id)
            .and_then(|n| {
                if *inbound {
                    n.inbound.get(*index)
                } else {
                    n.outbound.get(*index)
                }
            })
            .map(|r| r.cidr.0.clone())
            .unwrap_or_default(),
        TextField::StorePorts => doc
            .data_stores
            .iter()
            .find(|d| d.id.as_str() == id)
            .map(|d| d.ports.iter().map(u16::to_string).collect::<Vec<_>>().join(", "))
            .unwrap_or_default(),
    }
}
